import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRepo } from '../src/features/audit/repo.ts';
import { isProblem, people, sign, startApp, uniqueSlug, type Person, type Reply, type TestApp } from './helpers.ts';

const { alice, bob, carol } = people; // carol is an admin; bob is the only member of secret-lab
let app: TestApp;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app.close();
});

interface Entry {
  id: number;
  actor: { handle: string; name: string } | null;
  action: string;
  target: { kind: string; id: string };
  community: { slug: string; name: string } | null;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}

async function trail(query = '', as: Person = carol): Promise<Entry[]> {
  const res = await app.call('GET', `/api/v1/audit${query}`, { as });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items;
}

/** The newest entry of `action`, made within the last minute. */
async function latest(action: string): Promise<Entry> {
  const [entry] = await trail(`?action=${action}&limit=1`);
  assert.ok(entry, `an entry for ${action}`);
  assert.ok(Date.now() - Date.parse(entry.at) < 60_000, 'with when it happened');
  return entry;
}

/** RFC 4180, as a spreadsheet reads it (a separate reader from the writer the server uses). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function csv(query = '', as: Person = carol) {
  const res = await fetch(`${app.url}/api/v1/audit.csv${query}`, { headers: { authorization: `Bearer ${await app.token(as)}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes) };
}

describe('who may read the audit trail', () => {
  test('employees get 403, for the list and the export', async () => {
    isProblem(await app.call('GET', '/api/v1/audit', { as: alice }), 403);
    isProblem(await app.call('GET', '/api/v1/audit.csv', { as: bob }), 403);
    isProblem(await app.call('GET', '/api/v1/audit.csv', { as: null }), 401);
  });

  test('bad filters are a 400 naming the field', async () => {
    const bad = isProblem(await app.call('GET', '/api/v1/audit?action=delete.everything', { as: carol }), 400);
    assert.equal(bad.errors?.[0]?.path, 'query.action');
    assert.equal(isProblem(await app.call('GET', '/api/v1/audit.csv?action=nope', { as: carol }), 400).errors?.[0]?.path, 'query.action');
    assert.equal(isProblem(await app.call('GET', '/api/v1/audit?cursor=forged', { as: carol }), 400).errors?.[0]?.path, 'query.cursor');
  });
});

describe('each admin action leaves an entry: who, what, when, why', () => {
  test('a community created, made restricted, archived and brought back', async () => {
    const slug = uniqueSlug('Audit Club');
    const created = await app.call('POST', '/api/v1/communities', {
      as: carol, body: { slug, name: 'Audit Club', purpose: 'A community to watch the audit trail', managers: ['carol'] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const create = await latest('community.create');
    assert.equal(create.actor?.handle, 'carol');
    assert.equal(create.community?.slug, slug);
    assert.equal(create.target.kind, 'community');
    assert.deepEqual({ visibility: create.details.visibility, managers: create.details.managers }, { visibility: 'open', managers: ['carol'] });

    assert.equal((await app.call('PATCH', `/api/v1/communities/${slug}`, { as: carol, body: { visibility: 'restricted' } })).status, 200);
    const visibility = await latest('community.visibility');
    assert.equal(visibility.actor?.handle, 'carol');
    assert.equal(visibility.target.id, create.target.id);
    assert.deepEqual(visibility.details, { from: 'open', to: 'restricted' });
    // Other edits are not audited.
    assert.equal((await app.call('PATCH', `/api/v1/communities/${slug}`, { as: carol, body: { name: 'Audit Club 2', visibility: 'restricted' } })).status, 200);
    assert.equal((await trail(`?action=community.visibility&limit=50`)).filter((e) => e.target.id === create.target.id).length, 1);

    assert.equal((await app.call('POST', `/api/v1/communities/${slug}/archive`, { as: carol })).status, 200);
    assert.deepEqual((await latest('community.archive')).details, { from: 'active', to: 'archived' });
    assert.equal((await app.call('POST', `/api/v1/communities/${slug}/archive`, { as: carol })).status, 200);
    assert.equal((await trail('?action=community.archive&limit=50')).filter((e) => e.target.id === create.target.id).length, 1, 'archiving twice changes nothing the second time');
    assert.equal((await app.call('POST', `/api/v1/communities/${slug}/unarchive`, { as: carol })).status, 200);
    const unarchive = await latest('community.unarchive');
    assert.deepEqual(unarchive.details, { from: 'archived', to: 'active' });
    assert.equal(unarchive.community?.name, 'Audit Club 2');
  });

  test('a refused action leaves no entry', async () => {
    const count = (await trail('?limit=50')).length;
    isProblem(await app.call('POST', '/api/v1/communities/general/archive', { as: alice }), 403);
    isProblem(await app.call('POST', '/api/v1/tags/nothing-here/merge', { as: carol, body: { into: 'elsewhere' } }), 404);
    assert.equal((await trail('?limit=50')).length, count);
  });

  test('a tag merged', async () => {
    assert.equal((await app.call('POST', '/api/v1/posts', { as: alice, body: { body: 'Deploying with #k8s today' } })).status, 201);
    assert.equal((await app.call('POST', '/api/v1/tags/k8s/merge', { as: carol, body: { into: 'kubernetes' } })).status, 200);
    const merge = await latest('tag.merge');
    assert.equal(merge.actor?.handle, 'carol');
    assert.equal(merge.target.kind, 'tag');
    assert.deepEqual(merge.details, { from: 'k8s', into: 'kubernetes' });
  });

  test('roles changed by the identity provider at sign-in: the actor is the provider (null)', async () => {
    const promoted: Person = { ...alice, roles: ['employee', 'community_manager'] };
    // A token of its own (the helper's tokens are one per person).
    assert.equal((await app.call('GET', '/api/v1/me', { as: await sign(promoted) })).status, 200);
    const change = await latest('role.change');
    assert.equal(change.actor, null);
    assert.equal(change.target.kind, 'person');
    assert.deepEqual(change.details, { from: ['employee'], to: ['employee', 'community_manager'] });
    // The same roles again, in another order: no change.
    const count = (await trail('?action=role.change&limit=50')).length;
    assert.equal((await app.call('GET', '/api/v1/me', { as: await sign({ ...promoted, roles: ['community_manager', 'employee'] }) })).status, 200);
    assert.equal((await trail('?action=role.change&limit=50')).length, count);
    // Someone new who arrives as an admin is recorded too.
    const dave: Person = { sub: 'test:dave', handle: 'dave', name: 'Dave Dunn', roles: ['employee', 'admin'] };
    assert.equal((await app.call('GET', '/api/v1/me', { as: dave })).status, 200);
    assert.deepEqual((await latest('role.change')).details, { from: [], to: ['employee', 'admin'] });
    // Back to employee: recorded.
    assert.equal((await app.call('GET', '/api/v1/me', { as: alice })).status, 200);
    assert.deepEqual((await latest('role.change')).details, { from: ['employee', 'community_manager'], to: ['employee'] });
  });

  test('an entry with a reason (a moderator\'s) shows it', async () => {
    await auditRepo(app.db).record({ actorId: null, action: 'content.hide', target: { kind: 'post', id: 1 }, reason: 'Spam, plainly' });
    assert.equal((await latest('content.hide')).reason, 'Spam, plainly');
  });
});

describe('reading the trail', () => {
  test('newest first, paged with a cursor, filtered by action', async () => {
    for (let i = 0; i < 5; i++) await auditRepo(app.db).record({ actorId: null, action: 'keyword.add', target: { kind: 'keyword', id: i }, details: { n: i } });
    const all = await trail('?limit=50');
    const times = all.map((e) => Date.parse(e.at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    const seen: Entry[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res: Reply = await app.call('GET', `/api/v1/audit?action=keyword.add&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: carol });
      assert.equal(res.status, 200);
      assert.ok(res.body.items.length <= 2);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    }
    assert.deepEqual(seen.map((e) => e.details.n), [4, 3, 2, 1, 0], 'every entry once, newest first');
    assert.ok(seen.every((e) => e.action === 'keyword.add'));
  });

  test('entries about a restricted community stay with its members, for admins too', async () => {
    const [lab] = await app.db.query<{ id: number }>(`SELECT id FROM communities WHERE slug = 'secret-lab'`);
    await auditRepo(app.db).record({ actorId: null, action: 'content.hide', target: { kind: 'post', id: 99 }, communityId: lab!.id, reason: 'secret-lab canary' });
    const visible = async () => (await trail('?limit=50')).some((e) => e.reason === 'secret-lab canary');
    const exported = async () => (await csv()).text.includes('secret-lab canary');
    assert.equal(await visible(), false);
    assert.equal(await exported(), false);
    await app.db.query(`INSERT INTO memberships (community_id, person_id) SELECT $1, id FROM people WHERE handle = 'carol'`, [lab!.id]);
    assert.equal(await visible(), true);
    assert.equal(await exported(), true);
    await app.db.query(`DELETE FROM memberships WHERE community_id = $1 AND person_id = (SELECT id FROM people WHERE handle = 'carol')`, [lab!.id]);
  });
});

describe('the CSV export', () => {
  test('an attachment with a header and one row per entry, quoted as spreadsheets read it, formulas neutralized', async () => {
    const [eve] = await app.db.query<{ id: number }>(
      `INSERT INTO people (external_id, handle, name, roles) VALUES ('test:eve', 'eve', '+Eve, "the" admin', '{employee,admin}') RETURNING id`);
    await auditRepo(app.db).record({
      actorId: eve!.id, action: 'content.hide', target: { kind: 'answer', id: 7 },
      reason: 'Line one, with "quotes"\nline two', details: { note: '=1+1', list: [1, 2] },
    });
    await auditRepo(app.db).record({ actorId: null, action: 'content.restore', target: { kind: 'post', id: 8 }, reason: '=HYPERLINK("http://evil.example","click")' });
    await auditRepo(app.db).record({ actorId: null, action: 'content.restore', target: { kind: 'post', id: 9 }, reason: '@SUM(A1:A2)' });
    await auditRepo(app.db).record({ actorId: null, action: 'content.restore', target: { kind: 'post', id: 10 }, reason: '-2+3' });
    await auditRepo(app.db).record({ actorId: null, action: 'content.restore', target: { kind: 'post', id: 11 }, reason: '\tcmd' });
    await auditRepo(app.db).record({ actorId: null, action: 'content.restore', target: { kind: 'post', id: 12 }, reason: '\rcmd' });

    const { res, bytes, text } = await csv();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    const day = new Date().toISOString().slice(0, 10);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="hearth-audit-${day}.csv"`);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.deepEqual(Array.from(bytes.subarray(0, 3)), [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark for spreadsheets');

    const rows = parseCsv(text);
    assert.deepEqual(rows[0], ['at', 'actor_handle', 'actor_name', 'action', 'target_kind', 'target_id', 'community', 'reason', 'details']);
    const entries = await trail('?limit=50');
    const [counted] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE community_id IS NULL OR community_id <> (SELECT id FROM communities WHERE slug = \'secret-lab\')');
    assert.equal(rows.length - 1, counted!.n, 'one row per entry');
    assert.ok(rows.slice(1).every((r) => r.length === 9), 'nine cells a row, whatever the text held');
    assert.deepEqual(rows.slice(1, entries.length + 1).map((r) => r[0]), entries.map((e) => e.at), 'newest first, as the list');

    const byTarget = (kind: string, id: string) => rows.find((r) => r[4] === kind && r[5] === id)!;
    const hidden = byTarget('answer', '7');
    assert.equal(hidden[1], 'eve');
    assert.equal(hidden[2], `'+Eve, "the" admin`, 'a name starting with + is neutralized, its comma and quotes kept');
    assert.equal(hidden[3], 'content.hide');
    assert.equal(hidden[7], 'Line one, with "quotes"\nline two', 'commas, quotes and newlines survive');
    assert.deepEqual(JSON.parse(hidden[8]!), { note: '=1+1', list: [1, 2] }, 'details as JSON');
    assert.equal(byTarget('post', '8')[7], `'=HYPERLINK("http://evil.example","click")`);
    assert.equal(byTarget('post', '9')[7], "'@SUM(A1:A2)");
    assert.equal(byTarget('post', '10')[7], "'-2+3");
    assert.equal(byTarget('post', '11')[7], "'\tcmd");
    assert.equal(byTarget('post', '12')[7], "'\rcmd");
    const provider = byTarget('person', entries.find((e) => e.action === 'role.change')!.target.id);
    assert.deepEqual([provider[1], provider[2]], ['', ''], 'the identity provider has no handle or name');
    assert.match(text, /\r\n$/, 'RFC 4180 line ends');

    const filtered = parseCsv((await csv('?action=tag.merge')).text);
    assert.equal(filtered.length, 2);
    assert.equal(filtered[1]![3], 'tag.merge');
  });

  test('a long trail is exported whole, page after page', async () => {
    await app.db.query(
      `INSERT INTO audit_log (actor_id, action, target_kind, target_id, details, created_at)
       SELECT NULL, 'keyword.remove', 'keyword', g::text, jsonb_build_object('n', g), now() - g * interval '1 second'
       FROM generate_series(1, 1234) g`);
    const rows = parseCsv((await csv('?action=keyword.remove')).text);
    assert.equal(rows.length - 1, 1234);
    assert.equal(new Set(rows.slice(1).map((r) => r[5])).size, 1234, 'each entry once');
    assert.deepEqual(rows.slice(1, 4).map((r) => r[5]), ['1', '2', '3'], 'newest first');
    const empty = parseCsv((await csv('?action=report.dismiss')).text);
    assert.equal(empty.length, 1, 'only the header when nothing matches');
  });
});
