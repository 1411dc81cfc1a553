import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Following } from '@hearth/contracts';
import { isProblem, people, startApp, type Person, type TestApp } from './helpers.ts';
import { postsRepo } from '../src/features/posts/repo.ts';
import type { Queryable } from '../src/db/index.ts';

/**
 * Following people and communities (beside tags), GET /me/following, and the feed's Following
 * scope: GET /posts?following=tags|all. secret-lab is restricted (members bob and dave).
 */
const { alice, bob, carol } = people;
const dave: Person = { sub: 'test:dave', handle: 'dave', name: 'Dave Dahl', roles: ['employee'] };
const gone: Person = { sub: 'test:gone', handle: 'gone', name: 'Gone Away', roles: ['employee'] };

async function setUp() {
  const app = await startApp({ RATE_LIMITS: 'off' });
  await app.db.exec(`
    INSERT INTO people (external_id, handle, name, roles) VALUES
      ('test:dave', 'dave', 'Dave Dahl', '{employee}'), ('test:gone', 'gone', 'Gone Away', '{employee}');
    INSERT INTO communities (slug, name, purpose, visibility) VALUES ('eng', 'Engineering', 'Building things', 'open');
    INSERT INTO memberships (community_id, person_id)
      SELECT c.id, p.id FROM communities c, people p WHERE c.slug = 'secret-lab' AND p.handle = 'dave';`);
  return app;
}

describe('following people and communities', () => {
  let app: TestApp;
  const call = (method: string, path: string, as: Person) => app.call(method, `/api/v1${path}`, { as });
  const state = async (method: string, path: string, as: Person) => {
    const res = await call(method, path, as);
    assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
    return res.body.following as boolean;
  };
  const following = async (as: Person) => {
    const res = await call('GET', '/me/following', as);
    assert.equal(res.status, 200);
    assert.ok(Following.safeParse(res.body).success);
    return res.body as Following;
  };

  before(async () => {
    app = await setUp();
  });
  after(() => app.close());

  test('a person: follow and unfollow are idempotent; the card counts followers', async () => {
    assert.equal(await state('PUT', '/people/bob/follow', alice), true);
    assert.equal(await state('PUT', '/people/bob/follow', alice), true);
    assert.equal(await state('PUT', '/people/bob/follow', carol), true);
    let card = (await call('GET', '/people/bob', alice)).body;
    assert.deepEqual([card.following, card.followers], [true, 2]);
    assert.deepEqual((await following(alice)).people.map((p) => p.handle), ['bob']);
    assert.equal(await state('DELETE', '/people/bob/follow', carol), false);
    assert.equal(await state('DELETE', '/people/bob/follow', carol), false);
    card = (await call('GET', '/people/bob', carol)).body;
    assert.deepEqual([card.following, card.followers], [false, 1]);
  });

  test('a person: yourself 400; nobody, deactivated or malformed 404; no token 401', async () => {
    assert.equal(isProblem(await call('PUT', '/people/alice/follow', alice), 400).errors?.[0]?.path, 'params.handle');
    await app.db.query("UPDATE people SET active = false WHERE handle = 'gone'");
    for (const handle of ['nobody', 'gone', 'Bob', 'bob!']) {
      isProblem(await call('PUT', `/people/${encodeURIComponent(handle)}/follow`, alice), 404);
      isProblem(await call('DELETE', `/people/${encodeURIComponent(handle)}/follow`, alice), 404);
    }
    await app.db.query("UPDATE people SET active = true WHERE handle = 'gone'");
    assert.equal((await app.call('PUT', '/api/v1/people/bob/follow', { as: null })).status, 401);
  });

  test('a community: idempotent; archived: no new follow (409) but stopping is fine', async () => {
    assert.equal(await state('PUT', '/communities/eng/follow', alice), true);
    assert.equal(await state('PUT', '/communities/eng/follow', alice), true);
    assert.deepEqual((await following(alice)).communities, [{ slug: 'eng', name: 'Engineering', visibility: 'open' }]);
    assert.equal(await state('DELETE', '/communities/general/follow', alice), false, 'stopping what one never followed');
    isProblem(await call('PUT', '/communities/old-news/follow', alice), 409);
    assert.equal(await state('DELETE', '/communities/old-news/follow', alice), false);
  });

  test('a restricted community: a non-member cannot follow it, and hears exactly what a missing one says', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const hidden = isProblem(await call(method, '/communities/secret-lab/follow', alice), 404);
      const missing = isProblem(await call(method, '/communities/no-such-lab/follow', alice), 404);
      assert.equal(JSON.stringify(hidden), JSON.stringify(missing).replaceAll('no-such-lab', 'secret-lab'));
    }
    // An admin who is not a member neither.
    isProblem(await call('PUT', '/communities/secret-lab/follow', carol), 404);
    assert.ok(!JSON.stringify(await following(alice)).includes('secret'));
  });

  test('a member follows it; after leaving, it (and a tag only it uses) is left out everywhere until they are back', async () => {
    assert.equal(await state('PUT', '/communities/secret-lab/follow', dave), true);
    const secret = await app.call('POST', '/api/v1/posts', { as: bob, body: { body: 'Prototype #zebraquartz ready', community: 'secret-lab' } });
    assert.equal(secret.status, 201);
    assert.equal(await state('PUT', '/tags/zebraquartz/follow', dave), true);
    assert.deepEqual(await following(dave), {
      tags: ['zebraquartz'], people: [], communities: [{ slug: 'secret-lab', name: 'Secret Lab', visibility: 'restricted' }],
    });
    const feed = async () => (await call('GET', '/posts?following=all', dave)).body.items.map((p: { id: number }) => p.id);
    assert.deepEqual(await feed(), [secret.body.id]);

    assert.equal((await call('DELETE', '/communities/secret-lab/membership', dave)).status, 200);
    assert.deepEqual(await following(dave), { tags: [], people: [], communities: [] });
    assert.deepEqual(await feed(), []);
    isProblem(await call('PUT', '/communities/secret-lab/follow', dave), 404);
    isProblem(await call('DELETE', '/communities/secret-lab/follow', dave), 404);

    await app.db.query(`INSERT INTO memberships (community_id, person_id)
      SELECT c.id, p.id FROM communities c, people p WHERE c.slug = 'secret-lab' AND p.handle = 'dave'`);
    assert.deepEqual((await following(dave)).communities.map((c) => c.slug), ['secret-lab'], 'the follow was kept');
    assert.deepEqual(await feed(), [secret.body.id]);
  });
});

describe('the Following scope of the feed', () => {
  let app: TestApp;
  const p: Record<string, number> = {};
  const ids = async (query: string, as: Person = alice) => {
    const res = await app.call('GET', `/api/v1/posts?${query}`, { as });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items.map((x: { id: number }) => x.id) as number[];
  };

  before(async () => {
    app = await setUp();
    const post = async (name: string, as: Person, body: string, community?: string) => {
      const res = await app.call('POST', '/api/v1/posts', { as, body: { body, ...(community ? { community } : {}) } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      p[name] = res.body.id;
    };
    await post('taggedByCarol', carol, 'Outage notes #vpn');
    await post('byBob', bob, 'Lunch is on me');
    await post('inEng', carol, 'Deploy went fine', 'eng');
    await post('notFollowed', carol, 'Nothing to see here');
    await post('bobInSecret', bob, 'Secret thing', 'secret-lab');
    const reply = await app.call('POST', `/api/v1/posts/${p.notFollowed}/replies`, { as: bob, body: { body: 'A reply by bob' } });
    assert.equal(reply.status, 201);
    p.reply = reply.body.id;
    await post('both', bob, 'Fixed the #vpn');
    await post('deleted', bob, 'Oops');
    assert.equal((await app.call('DELETE', `/api/v1/posts/${p.deleted}`, { as: bob })).status, 204);
    await post('daveSecretVpn', dave, 'Lab #vpn config', 'secret-lab');
    await post('byGone', gone, 'Farewell, everyone');

    for (const path of ['/tags/vpn/follow', '/people/bob/follow', '/communities/eng/follow', '/people/gone/follow']) {
      assert.equal((await app.call('PUT', `/api/v1${path}`, { as: alice })).status, 200, path);
    }
    assert.equal((await app.call('PUT', '/api/v1/tags/vpn/follow', { as: dave })).status, 200);
    await app.db.query("UPDATE people SET active = false WHERE handle = 'gone'");
  });
  after(() => app.close());

  test('all: followed tags, people and communities; top-level, visible, once each, newest first', async () => {
    assert.deepEqual(await ids('following=all'), [p.both, p.inEng, p.byBob, p.taggedByCarol]);
  });

  test('tags: only the followed tags (as before)', async () => {
    assert.deepEqual(await ids('following=tags'), [p.both, p.taggedByCarol]);
    // A member sees the tag's posts in the restricted community too.
    assert.deepEqual(await ids('following=tags', dave), [p.daveSecretVpn, p.both, p.taggedByCarol]);
  });

  test('pages follow each other without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { id: number }[]; nextCursor: string | null } } = await app.call('GET',
        `/api/v1/posts?following=all&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as: alice });
      seen.push(...res.body.items.map((x) => x.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    assert.deepEqual(seen, [p.both, p.inEng, p.byBob, p.taggedByCarol]);
    assert.equal(pages, 4);
  });

  test('with a tag, community or author filter: both apply', async () => {
    assert.deepEqual(await ids('following=all&tag=vpn'), [p.both, p.taggedByCarol]);
    assert.deepEqual(await ids('following=all&community=eng'), [p.inEng]);
    assert.deepEqual(await ids('following=all&author=bob'), [p.both, p.byBob]);
    assert.deepEqual(await ids('following=all&author=carol&tag=vpn'), [p.taggedByCarol]);
    assert.deepEqual(await ids('following=tags&author=bob'), [p.both]);
    isProblem(await app.call('GET', '/api/v1/posts?following=everything', { as: alice }), 400);
    isProblem(await app.call('GET', '/api/v1/posts?following=all&community=secret-lab', { as: alice }), 404);
  });

  test('someone who follows nothing gets an empty page', async () => {
    assert.deepEqual(await ids('following=all', carol), []);
  });
});

describe('the Following scope walks indexes, never the whole posts table', () => {
  let app: TestApp;
  before(async () => {
    app = await setUp();
    // A few thousand posts by 40 people in 6 communities, with 50 tags.
    await app.db.exec(`
      INSERT INTO people (external_id, handle, name, roles)
        SELECT 'bulk:' || i, 'bulk' || i, 'Bulk ' || i, '{employee}' FROM generate_series(1, 40) i;
      INSERT INTO communities (slug, name, purpose, visibility)
        SELECT 'bulk-' || i, 'Bulk ' || i, 'Bulk', 'open' FROM generate_series(1, 5) i;
      INSERT INTO tags (name) SELECT 'bulktag' || i FROM generate_series(1, 50) i;
      INSERT INTO posts (author_id, community_id, body, created_at)
        SELECT (SELECT id FROM people WHERE handle = 'bulk' || (1 + i % 40)),
               CASE WHEN i % 7 = 0 THEN NULL ELSE (SELECT id FROM communities WHERE slug = 'bulk-' || (1 + i % 5)) END,
               'Bulk post number ' || i, now() - (i || ' minutes')::interval
        FROM generate_series(1, 6000) i;
      INSERT INTO post_tags (post_id, tag_id, created_at, top_level)
        SELECT p.id, (SELECT id FROM tags WHERE name = 'bulktag' || (1 + p.id % 50)), p.created_at, true FROM posts p;
      INSERT INTO tag_follows (person_id, tag_id)
        SELECT (SELECT id FROM people WHERE handle = 'alice'), id FROM tags WHERE name IN ('bulktag3', 'bulktag17');
      INSERT INTO person_follows (follower_id, person_id)
        SELECT (SELECT id FROM people WHERE handle = 'alice'), id FROM people WHERE handle IN ('bulk5', 'bulk9');
      INSERT INTO community_follows (person_id, community_id)
        SELECT (SELECT id FROM people WHERE handle = 'alice'), id FROM communities WHERE slug = 'bulk-2';
      -- Only this schema's tables: a bare ANALYZE reads every schema of a shared database, and
      -- waits on another run's locks there.
      ANALYZE people, communities, posts, tags, post_tags, tag_follows, person_follows, community_follows;`);
  });
  after(() => app.close());

  /** The plans of the statements postsRepo.feed runs for `filter`. */
  async function plans(filter: Partial<Parameters<ReturnType<typeof postsRepo>['feed']>[0]>) {
    const statements: { sql: string; params: readonly unknown[] }[] = [];
    const recorder: Queryable = {
      query: (sql, params = []) => {
        statements.push({ sql, params });
        return app.db.query(sql, params);
      },
      exec: (sql) => app.db.exec(sql),
    };
    const [viewer] = await app.db.query<{ id: number }>("SELECT id FROM people WHERE handle = 'alice'");
    const rows = await postsRepo(recorder).feed({ viewerId: viewer!.id, hidden: [], limit: 21, ...filter });
    const out: string[] = [];
    for (const s of statements) {
      const plan = await app.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${s.sql}`, s.params);
      out.push(plan.map((r) => r['QUERY PLAN']).join('\n'));
    }
    return { rows, plan: out.join('\n') };
  }

  test('following=all, tags, with a tag filter and on a later page: index scans only', async () => {
    const [viewer] = await app.db.query<{ id: number }>("SELECT id FROM people WHERE handle = 'alice'");
    const [tag] = await app.db.query<{ id: number }>("SELECT id FROM tags WHERE name = 'bulktag3'");
    const all = await plans({ following: { by: viewer!.id, scope: 'all' } });
    assert.equal(all.rows.length, 21);
    const last = all.rows[19]!;
    for (const [name, filter] of Object.entries({
      all: { following: { by: viewer!.id, scope: 'all' as const } },
      tags: { following: { by: viewer!.id, scope: 'tags' as const } },
      'all, a tag': { following: { by: viewer!.id, scope: 'all' as const }, tagId: tag!.id },
      'all, a later page': { following: { by: viewer!.id, scope: 'all' as const }, after: { at: last.created_at, id: last.id } },
    })) {
      const { rows, plan } = await plans(filter);
      assert.ok(rows.length > 0, name);
      if (process.env.SHOW_PLANS) console.log(`-- ${name}\n${plan}`);
      assert.doesNotMatch(plan, /Seq Scan on (posts|post_tags)\b/, `${name}:\n${plan}`);
      assert.match(plan, /Index (Only )?Scan/, `${name}:\n${plan}`);
    }
  });
});
