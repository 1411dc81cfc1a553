/**
 * Adoption measures (issue #15, docs/adoption.md): every figure GET /adoption answers equals a
 * recount from the raw rows (posts, questions, answers, people, memberships, the reading rows),
 * on the demo data and after new writes; who may read them; bad input; targets; the placement
 * header.
 *
 * Runs on PGlite, or on PostgreSQL with HEARTH_TEST_DB=postgres and TEST_DATABASE_URL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import type { Adoption } from '@hearth/contracts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemo } from '../src/seed/seed.ts';
import { DEFAULT_TARGETS } from '../src/features/adoption/service.ts';
import { parsePlacement } from '../src/features/adoption/placement.ts';
import { testDatabase } from './helpers.ts';
import { assertMatches, INACTIVE_DAYS, recount, utcDay, type Db } from './adoption-recount.ts';

const SECRET = 'adoption-test-secret-at-least-32-characters';

interface Reply { status: number; type: string; body: any }

// ---------------------------------------------------------------------------------------------

describe('adoption measures on the demo data', () => {
  let db: Db;
  let server: ReturnType<Awaited<ReturnType<typeof createApp>>['listen']>;
  let shutdown: () => Promise<void>;
  let base: string;
  const tokens = new Map<string, string>();

  async function call(handle: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { ...headers };
    if (handle) {
      if (!tokens.has(handle)) {
        const [me] = await db.query<{ external_id: string; name: string; roles: string[] }>(
          'SELECT external_id, name, roles FROM people WHERE handle = $1', [handle]);
        tokens.set(handle, await new SignJWT({ name: me!.name, email: `${handle}@example.com`, roles: me!.roles })
          .setProtectedHeader({ alg: 'HS256' }).setSubject(me!.external_id).setIssuedAt().setExpirationTime('1h')
          .sign(new TextEncoder().encode(SECRET)));
      }
      h.authorization = `Bearer ${tokens.get(handle)}`;
    }
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, { method, headers: h, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, body: text && type.includes('json') ? JSON.parse(text) : text };
  }
  const get = async (handle: string, path: string) => {
    const reply = await call(handle, 'GET', path);
    assert.equal(reply.status, 200, `${path}: ${JSON.stringify(reply.body)}`);
    return reply.body as Adoption;
  };
  /** The writes after a response are not awaited by the request: wait until `check` holds. */
  async function eventually(check: () => Promise<boolean>) {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail('never happened');
  }

  /** A community `handle` manages, and one open community they do not. */
  async function managerOf(handle: string) {
    return (await db.query<{ slug: string }>(
      `SELECT c.slug FROM memberships m JOIN communities c ON c.id = m.community_id JOIN people p ON p.id = m.person_id
       WHERE p.handle = $1 AND m.role = 'manager' ORDER BY c.slug`, [handle])).map((r) => r.slug);
  }

  before(async () => {
    db = await testDatabase();
    await migrate(db);
    await seedDemo(db, {});
    const config = loadConfig({
      AUTH_MODE: 'signed', AUTH_JWT_SECRET: SECRET, SERVE_DEMO: 'false', RATE_LIMITS: 'off', INACTIVE_DAYS: String(INACTIVE_DAYS),
    });
    const app = await createApp({ config, db, logger: pino({ level: 'silent' }) });
    shutdown = app.locals.shutdown as () => Promise<void>;
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    // Some reading through widgets, as the widgets report it.
    for (const [handle, kind, url] of [
      ['maria.lopez', 'feed', 'https://intranet.example.com/news'],
      ['maria.lopez', 'tag-cloud', 'https://intranet.example.com/news'],
      ['helen.park', 'feed', 'https://intranet.example.com/news'],
      ['sam.okafor', 'ask-expert', 'https://intranet.example.com/it/help'],
    ] as const) {
      assert.equal((await call(handle, 'GET', '/posts', undefined, { 'x-hearth-placement': `${kind} ${url}?utm=1#top` })).status, 200);
    }
  });
  after(async () => {
    await shutdown();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.drop();
  });

  test('every figure an admin gets for the company equals a recount from the raw rows', async () => {
    for (const weeks of [12, 3]) {
      const answer = await get('ivan.petrov', `/adoption?weeks=${weeks}`);
      assert.equal(answer.weeks.length, weeks);
      assert.equal(answer.days.length, 14);
      assertMatches(answer, await recount(db, 'ivan.petrov', { weeks }, new Date(answer.asOf)));
    }
    const answer = await get('ivan.petrov', '/adoption');
    // The demo is alive: the figures are not all zeros.
    assert.ok(answer.current.contributors > 10 && answer.current.posts > 10, JSON.stringify(answer.current));
    assert.ok(answer.weeks.filter((w) => w.questions > 0).length >= 8);
    assert.ok(answer.weeks.some((w) => w.medianHoursToFirstAnswer !== null));
    assert.ok(answer.current.readers! >= 3 && answer.current.executives >= 1 && answer.current.executiveActive! >= 1);
    assert.deepEqual(answer.byPlacement.map((p) => [p.kind, p.url, p.readers]), [
      ['feed', 'https://intranet.example.com/news', 2],
      ['ask-expert', 'https://intranet.example.com/it/help', 1],
      ['tag-cloud', 'https://intranet.example.com/news', 1],
    ]);
    assert.ok(answer.byDepartment.length >= 5 && answer.byCommunity.length >= 5);
    assert.deepEqual(answer.targets, DEFAULT_TARGETS);
  });

  test("a community manager gets their communities' figures, equal to a recount", async () => {
    const managed = await managerOf('sam.okafor');
    assert.ok(managed.length >= 1);
    const mine = await get('sam.okafor', '/adoption');
    assert.equal(mine.communities, managed.length);
    assertMatches(mine, await recount(db, 'sam.okafor', { weeks: 12 }, new Date(mine.asOf)));
    assert.equal(mine.current.readers, null, 'reading is not counted per community');
    assert.deepEqual(mine.byPlacement, []);
    const one = await get('sam.okafor', `/adoption?community=${managed[0]}`);
    assert.deepEqual(one.community?.slug, managed[0]);
    assertMatches(one, await recount(db, 'sam.okafor', { weeks: 12, community: managed[0]! }, new Date(one.asOf)));
  });

  test('after new posts, replies, questions, answers and deletes the figures follow', async () => {
    const beforeWrites = await get('ivan.petrov', '/adoption');
    const post = await call('maria.lopez', 'POST', '/posts', { body: 'Adoption check-in #rollout' });
    assert.equal(post.status, 201, JSON.stringify(post.body));
    const untagged = await call('maria.lopez', 'POST', '/posts', { body: 'A post without any tag at all' });
    assert.equal(untagged.status, 201);
    assert.equal((await call('helen.park', 'POST', `/posts/${post.body.id}/replies`, { body: 'Counting with you' })).status, 201);
    const question = await call('maria.lopez', 'POST', '/questions', { title: 'Where are the adoption figures kept?', body: 'Asking for the roll-out team', tags: ['rollout'] });
    assert.equal(question.status, 201, JSON.stringify(question.body));
    assert.equal((await call('helen.park', 'POST', `/questions/${question.body.id}/answers`, { body: 'In adoption_days, kept on write' })).status, 201);
    assert.equal((await call('maria.lopez', 'DELETE', `/posts/${untagged.body.id}`)).status, 204);

    const afterWrites = await get('ivan.petrov', '/adoption');
    assertMatches(afterWrites, await recount(db, 'ivan.petrov', { weeks: 12 }, new Date(afterWrites.asOf)));
    const [b, a] = [beforeWrites.days.at(-1)!, afterWrites.days.at(-1)!];
    assert.equal(a.posts, b.posts + 1, 'two posts, one deleted');
    assert.equal(a.replies, b.replies + 1);
    assert.equal(a.questions, b.questions + 1);
    assert.equal(a.answers, b.answers + 1);
    assert.equal(a.questionsAnswered, b.questionsAnswered + 1);
    assert.ok(a.taggedPostShare !== null && a.taggedPostShare > 0);
    // Hidden by a moderator, it counts nowhere; restored, it counts again, tag included.
    assert.equal((await call('ivan.petrov', 'POST', `/moderation/items/post/${post.body.id}/hide`, { reason: 'Off topic for this company' })).status, 200);
    const hidden = await get('ivan.petrov', '/adoption');
    assertMatches(hidden, await recount(db, 'ivan.petrov', { weeks: 12 }, new Date(hidden.asOf)));
    assert.equal(hidden.days.at(-1)!.posts, b.posts);
    assert.equal((await call('ivan.petrov', 'POST', `/moderation/items/post/${post.body.id}/restore`, {})).status, 200);
    const restored = await get('ivan.petrov', '/adoption');
    assertMatches(restored, await recount(db, 'ivan.petrov', { weeks: 12 }, new Date(restored.asOf)));
    assert.deepEqual(restored.days.at(-1), a);
    // A deleted tagged post takes its tag share with it.
    assert.equal((await call('maria.lopez', 'DELETE', `/posts/${post.body.id}`)).status, 204);
    const afterDelete = await get('ivan.petrov', '/adoption');
    assertMatches(afterDelete, await recount(db, 'ivan.petrov', { weeks: 12 }, new Date(afterDelete.asOf)));
    assert.equal(afterDelete.days.at(-1)!.posts, b.posts);
  });

  test('reading is counted once per person, day and placement; a bad placement header is never an error', async () => {
    const rows = async (handle: string) => (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM activity_days d JOIN people p ON p.id = d.person_id WHERE p.handle = $1`, [handle]))[0]!.n;
    const url = 'https://portal.example.com/teams/sales';
    const earlier = await rows('maria.lopez');
    for (let i = 0; i < 3; i++) {
      assert.equal((await call('maria.lopez', 'GET', '/posts', undefined, { 'x-hearth-placement': `feed ${url}?page=${i}` })).status, 200);
    }
    assert.equal(await rows('maria.lopez'), earlier + 1, 'one row for the placement, however many reads');
    // Not a write per read: what was recorded today is remembered (a row taken away behind the
    // server's back is not written again today).
    const sales = `SELECT 1 FROM activity_days d JOIN placements pl ON pl.id = d.placement_id JOIN people p ON p.id = d.person_id
                   WHERE p.handle = 'maria.lopez' AND pl.url = $1 AND d.read`;
    await db.query(`DELETE FROM activity_days d USING placements pl WHERE pl.id = d.placement_id AND pl.url = $1`, [url]);
    assert.equal((await call('maria.lopez', 'GET', '/posts', undefined, { 'x-hearth-placement': `feed ${url}` })).status, 200);
    assert.equal((await db.query(sales, [url])).length, 0);
    assert.equal((await call('maria.lopez', 'GET', '/posts', undefined, { 'x-hearth-placement': `feed+search ${url}` })).status, 200);
    assert.equal((await db.query(`SELECT 1 FROM activity_days d JOIN placements pl ON pl.id = d.placement_id WHERE pl.kind = 'feed+search'`)).length, 1);
    await db.query(`INSERT INTO activity_days (day, person_id, placement_id, read) SELECT $1::date, p.id, pl.id, true
                    FROM people p, placements pl WHERE p.handle = 'maria.lopez' AND pl.url = $2 AND pl.kind = 'feed'`, [utcDay(new Date()), url]);
    const none = async () => (await db.query<{ read: boolean }>(
      `SELECT d.read FROM activity_days d JOIN people p ON p.id = d.person_id WHERE p.handle = 'maria.lopez' AND d.placement_id = 0`));
    for (const bad of ['feed', 'feed javascript:alert(1)', 'Feed! https://x.example/', `feed ${url}`.padEnd(2000, 'x'), 'feed ftp://x.example/a']) {
      assert.equal((await call('maria.lopez', 'GET', '/posts', undefined, { 'x-hearth-placement': bad })).status, 200, bad);
    }
    // An Origin that is not the page's: the placement is not believed.
    assert.equal((await call('maria.lopez', 'GET', '/posts', undefined, { 'x-hearth-placement': `feed https://elsewhere.example/x`, origin: 'https://portal.example.com' })).status, 200);
    const places = await db.query<{ kind: string; url: string }>(
      `SELECT DISTINCT pl.kind, pl.url FROM activity_days d JOIN placements pl ON pl.id = d.placement_id JOIN people p ON p.id = d.person_id
       WHERE p.handle = 'maria.lopez' ORDER BY 2, 1`);
    assert.deepEqual(places, [
      { kind: 'feed', url: 'https://intranet.example.com/news' },
      { kind: 'tag-cloud', url: 'https://intranet.example.com/news' },
      { kind: 'feed', url },
      { kind: 'feed+search', url },
    ]);
    // The bad headers counted as reading without a placement.
    assert.deepEqual(await none(), [{ read: true }]);
    // A write through a placement marks it written.
    assert.equal((await call('maria.lopez', 'POST', '/posts', { body: 'From the sales page' }, { 'x-hearth-placement': `feed ${url}` })).status, 201);
    await eventually(async () => (await db.query(
      `SELECT 1 FROM activity_days d JOIN placements pl ON pl.id = d.placement_id JOIN people p ON p.id = d.person_id
       WHERE p.handle = 'maria.lopez' AND pl.url = $1 AND d.wrote`, [url])).length === 1);
    const answer = await get('ivan.petrov', '/adoption');
    assertMatches(answer, await recount(db, 'ivan.petrov', { weeks: 12 }, new Date(answer.asOf)));
    assert.deepEqual(answer.byPlacement.find((p) => p.url === url), { kind: 'feed', url, readers: 1, contributors: 1 });
  });

  test('who may read: admins, managers for their communities; not members, not other communities', async () => {
    const plain = await call('maria.lopez', 'GET', '/adoption');
    assert.equal(plain.status, 403);
    assert.match(plain.type, /problem\+json/);
    const managed = await managerOf('sam.okafor');
    const [other] = (await db.query<{ slug: string }>(
      `SELECT slug FROM communities WHERE visibility = 'open' AND NOT (slug = ANY($1::text[])) ORDER BY slug LIMIT 1`, [managed]));
    assert.equal((await call('sam.okafor', 'GET', `/adoption?community=${other!.slug}`)).status, 403);
    assert.equal((await call(null, 'GET', '/adoption')).status, 401);
    assert.equal((await call('ivan.petrov', 'GET', '/adoption?community=no-such-community')).status, 404);
  });

  test('a restricted community counts nowhere for those outside it, admins included', async () => {
    // A restricted community of two, neither of them the admin.
    const [restricted] = await db.query<{ id: number; slug: string }>(
      `INSERT INTO communities (slug, name, purpose, visibility) VALUES ('adoption-hush', 'Hush', 'Kept inside', 'restricted') RETURNING id, slug`);
    await db.query(
      `INSERT INTO memberships (community_id, person_id, role) SELECT $1, id, 'member' FROM people WHERE handle IN ('maria.lopez', 'helen.park')`,
      [restricted!.id]);
    const insider = { handle: 'maria.lopez' };
    const beforePost = await get('ivan.petrov', '/adoption');
    assert.ok(!beforePost.byCommunity.some((c) => c.slug === restricted!.slug));
    assert.equal((await call('ivan.petrov', 'GET', `/adoption?community=${restricted!.slug}`)).status, 404);
    const post = await call(insider!.handle, 'POST', '/posts', { body: 'Inside only #secret', community: restricted!.slug });
    assert.equal(post.status, 201, JSON.stringify(post.body));
    const afterPost = await get('ivan.petrov', '/adoption');
    assert.equal(afterPost.days.at(-1)!.posts, beforePost.days.at(-1)!.posts, 'the post counts nowhere for the admin');
    assertMatches(afterPost, await recount(db, 'ivan.petrov', { weeks: 12 }, new Date(afterPost.asOf)));
  });

  test('executives who have not contributed this month: admins only, and a restricted community counts nowhere', async () => {
    const managed = await managerOf('sam.okafor');
    assert.ok(managed.length > 0);
    assert.equal((await get('sam.okafor', '/adoption')).quietExecutives, null, 'a manager gets no names');
    assert.equal((await get('sam.okafor', `/adoption?community=${managed[0]}`)).quietExecutives, null);
    // A new executive who has written nothing yet.
    await db.query(
      `INSERT INTO people (external_id, handle, name, department, roles) VALUES ('quiet-exec', 'quiet.exec', 'Quinn Quiet', 'Finance', '{employee,executive}')`);
    const first = await get('ivan.petrov', '/adoption');
    assertMatches(first, await recount(db, 'ivan.petrov', { weeks: 12 }, new Date(first.asOf)));
    const executive = first.quietExecutives!.find((e) => e.handle === 'quiet.exec');
    assert.deepEqual(executive, { handle: 'quiet.exec', name: 'Quinn Quiet', department: 'Finance', lastActiveDay: null });
    // Posting inside a restricted community the admin is not in does not take them off the admin's list.
    const [hush] = await db.query<{ id: number; slug: string }>(
      `INSERT INTO communities (slug, name, purpose, visibility) VALUES ('adoption-exec-hush', 'Exec hush', 'Kept inside', 'restricted') RETURNING id, slug`);
    await db.query(`INSERT INTO memberships (community_id, person_id, role) SELECT $1, id, 'member' FROM people WHERE handle = $2`, [hush!.id, executive!.handle]);
    assert.equal((await call(executive!.handle, 'POST', '/posts', { body: 'Only for us', community: hush!.slug })).status, 201);
    const hidden = await get('ivan.petrov', '/adoption');
    assert.ok(hidden.quietExecutives!.some((e) => e.handle === executive!.handle), 'still quiet for the admin');
    assertMatches(hidden, await recount(db, 'ivan.petrov', { weeks: 12 }, new Date(hidden.asOf)));
    // An open post takes them off.
    assert.equal((await call(executive!.handle, 'POST', '/posts', { body: 'Hello from the leadership team #rollout' })).status, 201);
    const last = await get('ivan.petrov', '/adoption');
    assert.ok(!last.quietExecutives!.some((e) => e.handle === executive!.handle));
    assertMatches(last, await recount(db, 'ivan.petrov', { weeks: 12 }, new Date(last.asOf)));
  });

  test('bad queries are 400 problems', async () => {
    for (const query of ['weeks=0', 'weeks=53', 'weeks=two', 'community=Not%20A%20Slug', 'unknown=1', 'weeks=1.5']) {
      const reply = await call('ivan.petrov', 'GET', `/adoption?${query}`);
      assert.equal(reply.status, 400, query);
      assert.match(reply.type, /problem\+json/, query);
    }
  });

  test('admins set the targets; others may not; bad targets are 400', async () => {
    const targets = { activeShare: 0.45, contributorShare: 0.25, executiveContributorShare: 0.5, unansweredAfter48hShare: 0.1, taggedPostShare: 0.9 };
    assert.equal((await call('sam.okafor', 'PUT', '/adoption/targets', targets)).status, 403);
    assert.equal((await call('ivan.petrov', 'PUT', '/adoption/targets', { ...targets, activeShare: 1.5 })).status, 400);
    assert.equal((await call('ivan.petrov', 'PUT', '/adoption/targets', { activeShare: 0.4 })).status, 400);
    assert.equal((await call('ivan.petrov', 'PUT', '/adoption/targets', { ...targets, extra: 1 })).status, 400);
    const set = await call('ivan.petrov', 'PUT', '/adoption/targets', targets);
    assert.equal(set.status, 200);
    assert.deepEqual(set.body, targets);
    assert.deepEqual((await get('ivan.petrov', '/adoption')).targets, targets);
    assert.deepEqual((await get('sam.okafor', '/adoption')).targets, targets);
  });
});

describe('the placement header', () => {
  test('is the kind and the page URL without query or fragment; anything else is no placement', () => {
    assert.deepEqual(parsePlacement('feed https://intranet.example.com/a/b?x=1#y', undefined), { kind: 'feed', url: 'https://intranet.example.com/a/b' });
    assert.deepEqual(parsePlacement('tag-cloud http://portal:8080/', 'http://portal:8080'), { kind: 'tag-cloud', url: 'http://portal:8080/' });
    for (const bad of [undefined, '', 'feed', ' feed https://a.example/', 'FEED https://a.example/', 'feed  https://a.example/',
      'feed https://user:pw@a.example/', 'feed data:text/html,x', 'feed https://a.example/'.padEnd(1100, 'a')]) {
      assert.equal(parsePlacement(bad, undefined), null, String(bad));
    }
    assert.equal(parsePlacement('feed https://a.example/', 'https://b.example'), null);
  });
});
