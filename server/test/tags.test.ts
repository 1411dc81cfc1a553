import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTag, extractTags } from '@hearth/contracts';
import { isProblem, people, startApp, type TestApp } from './helpers.ts';

const { alice, bob, carol } = people;
let app: TestApp;
before(async () => { app = await startApp(); });
after(() => app.close());

const post = async (body: string, as = alice, extra: Record<string, unknown> = {}) => {
  const res = await app.call('POST', '/api/v1/posts', { as, body: { body, ...extra } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number; tags: string[] };
};
const cloud = async (qs = '', as = alice) => {
  const res = await app.call('GET', `/api/v1/tags${qs}`, { as });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { days: string; items: { name: string; posts: number; previousPosts: number | null; trending: boolean; growth: number | null }[] };
};
const count = async (name: string, qs = '?days=all', as = alice) => (await cloud(qs, as)).items.find((t) => t.name === name)?.posts ?? 0;

/** Backdates a post (and its tag rows) by `days`, then rebuilds its tags so counts follow the date. */
async function backdate(id: number, days: number) {
  await app.db.query(`UPDATE posts SET created_at = now() - make_interval(days => $2) WHERE id = $1`, [id, days]);
  const rows = await app.db.query<{ tag_id: number; top_level: boolean }>('SELECT tag_id, top_level FROM post_tags WHERE post_id = $1', [id]);
  await app.db.query('DELETE FROM post_tags WHERE post_id = $1', [id]);
  for (const r of rows) {
    await app.db.query('INSERT INTO post_tags (post_id, tag_id, created_at, top_level) SELECT $1, $2, created_at, $3 FROM posts WHERE id = $1', [id, r.tag_id, r.top_level]);
  }
}

describe('tag normalization', () => {
  test('tags are trimmed, case-folded and keep Unicode letters, digits, "-" and "_"', () => {
    assert.equal(normalizeTag('  #Kubernetes '), 'kubernetes');
    assert.equal(normalizeTag('Ünïcödé_Tag-2'), 'ünïcödé_tag-2');
    assert.equal(normalizeTag('日本語'), '日本語');
    assert.equal(normalizeTag('ＦＵＬＬ'), 'full'); // NFKC folds full-width letters
    assert.equal(normalizeTag('x'.repeat(40)), 'x'.repeat(40));
    assert.equal(normalizeTag('x'.repeat(41)), null);
    assert.equal(normalizeTag('has space'), null);
    assert.equal(normalizeTag('#'), null);
    assert.equal(normalizeTag('emoji😀'), null);
  });

  test('#tags are found in text but not inside words, URLs or HTML entities', () => {
    assert.deepEqual(extractTags('#One and #two, (#Three) #one again'), ['one', 'two', 'three']);
    assert.deepEqual(extractTags('C# and issue#4 and https://x.example/#anchor and &#39;'), []);
  });

  test('a post gets the tags of its text and its chips, normalized and once each', async () => {
    const p = await post('Notes on #Kubernetes', alice, { tags: ['Helm', 'kubernetes', ' #GitOps '] });
    assert.deepEqual(p.tags, ['gitops', 'helm', 'kubernetes']);
  });

  test('an overlong or malformed chip is a 400 naming it, and nothing is stored', async () => {
    const stored = await app.db.query('SELECT count(*)::int AS n FROM posts');
    const res = await app.call('POST', '/api/v1/posts', { body: { body: 'hi', tags: ['ok', 'x'.repeat(41)] } });
    isProblem(res, 400);
    const bad = await app.call('POST', '/api/v1/posts', { body: { body: 'hi', tags: ['not a tag'] } });
    assert.match(JSON.stringify(isProblem(bad, 400)), /body\.tags\.0/);
    assert.deepEqual(await app.db.query('SELECT count(*)::int AS n FROM posts'), stored);
  });
});

describe('tag counts are maintained on write', () => {
  test('creating, editing and deleting posts update the counts', async () => {
    const a = await post('First #countme');
    await post('Second #countme #other');
    assert.equal(await count('countme'), 2);
    assert.equal(await count('countme', '?days=7'), 2);
    await app.call('PATCH', `/api/v1/posts/${a.id}`, { body: { body: 'First, now about #renamed' } });
    assert.equal(await count('countme'), 1);
    assert.equal(await count('renamed'), 1);
    const reply = await app.call('POST', `/api/v1/posts/${a.id}/replies`, { as: bob, body: { body: 'agreed #renamed' } });
    assert.equal(await count('renamed'), 2, 'replies count too');
    await app.call('DELETE', `/api/v1/posts/${reply.body.id}`, { as: bob });
    await app.call('DELETE', `/api/v1/posts/${a.id}`);
    assert.equal(await count('renamed'), 0);
    // The aggregates equal a recount from the posts themselves.
    const [drift] = await app.db.query<{ n: number }>(`
      SELECT count(*)::int AS n FROM (
        SELECT tag_id, sum(posts) AS posts FROM tag_totals GROUP BY tag_id
      ) t FULL JOIN (
        SELECT pt.tag_id, count(*) AS posts FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE p.deleted_at IS NULL GROUP BY pt.tag_id
      ) r USING (tag_id) WHERE COALESCE(t.posts, 0) <> COALESCE(r.posts, 0)`);
    assert.equal(drift!.n, 0);
  });

  test('windows count only their days, and trending compares with the previous window', async () => {
    // #rising: 1 post 10 days ago, 4 in the last week. #steady: 3 and 3. #old: 40 days ago only.
    for (let i = 0; i < 4; i++) await post(`week ${i} #rising`, bob);
    await backdate((await post('earlier #rising', bob)).id, 10);
    for (let i = 0; i < 3; i++) await post(`now ${i} #steady`, carol);
    for (let i = 0; i < 3; i++) await backdate((await post(`before ${i} #steady`, carol)).id, 9);
    await backdate((await post('long ago #old', bob)).id, 40);

    const week = await cloud('?days=7');
    const rising = week.items.find((t) => t.name === 'rising')!;
    const steady = week.items.find((t) => t.name === 'steady')!;
    assert.deepEqual([rising.posts, rising.previousPosts, rising.trending], [4, 1, true]);
    assert.equal(rising.growth, 3);
    assert.deepEqual([steady.posts, steady.previousPosts, steady.trending, steady.growth], [3, 3, false, 0]);
    assert.equal(week.items.find((t) => t.name === 'old'), undefined);
    assert.equal(await count('old', '?days=30'), 0);
    assert.equal(await count('old', '?days=90'), 1);
    assert.equal(await count('rising', '?days=30'), 5);
    assert.equal((await cloud('?days=all')).items.find((t) => t.name === 'rising')!.trending, false);
    // Most used first, and the limit applies.
    const top = await cloud('?days=30&limit=2');
    assert.equal(top.items.length, 2);
    assert.ok(top.items[0]!.posts >= top.items[1]!.posts);
  });

  test("a restricted community's tags and counts are invisible to non-members", async () => {
    await post('Out loud #steady', carol);
    await post('Hush #secret-project #steady', bob, { community: 'secret-lab' });
    assert.equal(await count('secret-project', '?days=all', alice), 0);
    assert.equal(await count('secret-project', '?days=all', bob), 1);
    assert.equal(await count('steady', '?days=all', bob), (await count('steady', '?days=all', alice)) + 1);
    isProblem(await app.call('GET', '/api/v1/tags/secret-project', { as: alice }), 404);
    assert.equal((await app.call('GET', '/api/v1/tags/suggest?prefix=secret', { as: alice })).body.items.length, 0);
    assert.equal((await app.call('GET', '/api/v1/tags/suggest?prefix=secret', { as: bob })).body.items[0].name, 'secret-project');
    isProblem(await app.call('GET', '/api/v1/tags?community=secret-lab', { as: alice }), 404);
    const detail = await app.call('GET', '/api/v1/tags/steady', { as: alice });
    assert.ok(!detail.body.related.some((t: { name: string }) => t.name === 'secret-project'));
  });
});

describe('one tag, autocomplete, follows', () => {
  test('a tag shows its posts, top contributors and related tags by co-occurrence', async () => {
    await post('#deploy #kubernetes rollout', carol);
    await post('#deploy #kubernetes again', carol);
    await post('#deploy #terraform plan', bob);
    const res = await app.call('GET', '/api/v1/tags/%23Deploy');
    assert.equal(res.status, 200);
    assert.equal(res.body.name, 'deploy');
    assert.equal(res.body.posts, 3);
    assert.deepEqual(res.body.topContributors.map((c: { person: { handle: string }; posts: number }) => [c.person.handle, c.posts]), [['carol', 2], ['bob', 1]]);
    assert.deepEqual(res.body.related.slice(0, 2), [{ name: 'kubernetes', posts: 2 }, { name: 'terraform', posts: 1 }]);
  });

  test('autocomplete by prefix lists the most used first, and treats % and _ literally', async () => {
    await post('#ship it', carol);
    await post('#ship again', carol);
    await post('#shipment #ship_fast', bob);
    const res = await app.call('GET', '/api/v1/tags/suggest?prefix=shi');
    assert.equal(res.status, 200);
    assert.equal(res.body.items[0].name, 'ship');
    assert.ok(res.body.items.some((t: { name: string }) => t.name === 'shipment'));
    const underscore = await app.call('GET', '/api/v1/tags/suggest?prefix=ship_');
    assert.deepEqual(underscore.body.items.map((t: { name: string }) => t.name), ['ship_fast']);
  });

  test('following a tag puts its posts in "tags I follow"', async () => {
    const p = await post('Coffee machine fixed #facilities', bob);
    await post('unrelated #misc', bob);
    assert.deepEqual((await app.call('PUT', '/api/v1/tags/facilities/follow')).body, { following: true });
    assert.deepEqual((await app.call('PUT', '/api/v1/tags/facilities/follow')).body, { following: true });
    assert.equal((await app.call('GET', '/api/v1/tags/facilities')).body.following, true);
    const feed = await app.call('GET', '/api/v1/posts?following=tags');
    assert.deepEqual(feed.body.items.map((x: { id: number }) => x.id), [p.id]);
    assert.deepEqual((await app.call('DELETE', '/api/v1/tags/facilities/follow')).body, { following: false });
    assert.equal((await app.call('GET', '/api/v1/posts?following=tags')).body.items.length, 0);
  });
});

describe('merging tags', () => {
  test('an admin merges #k8s into #kubernetes: posts, counts and follows move, and the old name resolves', async () => {
    const earlier = await count('kubernetes');
    const p1 = await post('Upgrading #k8s today', bob);
    await post('Both #k8s and #kubernetes here', bob);
    await app.call('PUT', '/api/v1/tags/k8s/follow', { as: alice });
    isProblem(await app.call('POST', '/api/v1/tags/k8s/merge', { as: alice, body: { into: 'kubernetes' } }), 403);
    const merged = await app.call('POST', '/api/v1/tags/k8s/merge', { as: carol, body: { into: 'Kubernetes' } });
    assert.equal(merged.status, 200);
    assert.equal(merged.body.name, 'kubernetes');
    assert.deepEqual(merged.body.aliases, ['k8s']);
    assert.equal(await count('kubernetes'), earlier + 2, 'a post with both counts once');
    assert.equal(await count('k8s'), 0);
    // The old name keeps resolving, in the tag page, the feed and new posts.
    assert.equal((await app.call('GET', '/api/v1/tags/k8s')).body.name, 'kubernetes');
    assert.equal((await app.call('GET', '/api/v1/tags/kubernetes', { as: alice })).body.following, true);
    assert.ok((await app.call('GET', '/api/v1/posts?tag=k8s&limit=50')).body.items.some((x: { id: number }) => x.id === p1.id));
    const fresh = await post('Still typing #k8s out of habit', bob);
    assert.deepEqual(fresh.tags, ['kubernetes']);
    assert.equal((await app.call('GET', `/api/v1/posts/${p1.id}`)).body.tags.includes('kubernetes'), true);
    isProblem(await app.call('POST', '/api/v1/tags/kubernetes/merge', { as: carol, body: { into: 'kubernetes' } }), 400);
    isProblem(await app.call('POST', '/api/v1/tags/k8s/merge', { as: carol, body: { into: 'containers' } }), 400);
  });
});

describe('search', () => {
  before(async () => {
    await post('The quarterly forecasting deck is on the wiki', alice);
    await post('Forecasting forecasting forecasting: the offsite agenda for forecasting', bob, { community: 'general' });
    await post('Lunch menu this week: tacos', carol);
    await post('Reconciling the invoicing ledgers tonight #invoicing', bob);
    await post('Classified forecasting for project X', bob, { community: 'secret-lab' });
  });

  test('matches are ranked, stemmed, and highlighted by offsets into the text', async () => {
    const res = await app.call('GET', '/api/v1/search?q=forecasting');
    assert.equal(res.status, 200);
    const bodies = res.body.items.map((h: { post: { body: string } }) => h.post.body);
    assert.equal(bodies[0], 'Forecasting forecasting forecasting: the offsite agenda for forecasting', 'the denser match ranks first');
    assert.ok(bodies.includes('The quarterly forecasting deck is on the wiki'));
    const first = res.body.items[0];
    assert.ok(first.score > res.body.items[1].score);
    assert.deepEqual(first.highlights.map((h: { start: number; end: number }) => first.post.body.slice(h.start, h.end).toLowerCase()), ['forecasting', 'forecasting', 'forecasting', 'forecasting']);
    const stemmed = await app.call('GET', '/api/v1/search?q=reconcile');
    assert.deepEqual(stemmed.body.items.map((h: { post: { body: string } }) => h.post.body), ['Reconciling the invoicing ledgers tonight #invoicing']);
  });

  test('filters by tag, community, author and date', async () => {
    const q = async (qs: string) => (await app.call('GET', `/api/v1/search?${qs}`)).body.items.map((h: { post: { body: string } }) => h.post.body);
    assert.deepEqual(await q('q=forecasting&community=general'), ['Forecasting forecasting forecasting: the offsite agenda for forecasting']);
    assert.deepEqual(await q('q=forecasting&author=alice'), ['The quarterly forecasting deck is on the wiki']);
    assert.deepEqual(await q('q=ledger&tag=invoicing'), ['Reconciling the invoicing ledgers tonight #invoicing']);
    assert.deepEqual(await q('q=forecasting&to=2001-01-01'), []);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await q(`q=forecasting&from=${today}&to=${today}`)).length, 2);
  });

  test("search never finds a restricted community's posts for a non-member", async () => {
    const res = await app.call('GET', '/api/v1/search?q=classified', { as: alice });
    assert.equal(res.body.items.length, 0);
    assert.equal((await app.call('GET', '/api/v1/search?q=classified', { as: bob })).body.items.length, 1);
  });

  test('bad input: an empty query, an unknown tag, an invalid tag, reversed dates, a forged cursor', async () => {
    isProblem(await app.call('GET', '/api/v1/search?q='), 400);
    isProblem(await app.call('GET', '/api/v1/search?q=%20%20'), 400);
    isProblem(await app.call('GET', '/api/v1/search'), 400);
    assert.deepEqual((await app.call('GET', '/api/v1/search?q=forecasting&tag=never-used')).body, {
      items: [], nextCursor: null, facets: { tags: [], communities: [], authors: [] },
    });
    isProblem(await app.call('GET', `/api/v1/search?q=x&tag=${'t'.repeat(41)}`), 400);
    isProblem(await app.call('GET', '/api/v1/search?q=x&tag=two%20words'), 400);
    isProblem(await app.call('GET', '/api/v1/search?q=x&from=2024-05-02&to=2024-05-01'), 400);
    isProblem(await app.call('GET', '/api/v1/search?q=x&from=yesterday'), 400);
    isProblem(await app.call('GET', '/api/v1/search?q=x&cursor=abc'), 400);
    isProblem(await app.call('GET', '/api/v1/tags?days=14'), 400);
    isProblem(await app.call('GET', '/api/v1/tags/suggest'), 400);
    isProblem(await app.call('GET', '/api/v1/tags/never-used'), 404);
    isProblem(await app.call('GET', `/api/v1/tags/${'x'.repeat(41)}`), 400);
    isProblem(await app.call('PUT', '/api/v1/tags/never-used/follow'), 404);
  });

  test('operators in the query are plain text, never SQL or tsquery syntax errors', async () => {
    for (const q of ["'; DROP TABLE posts; --", '!!! & | <->', '"unterminated', '(((', ':*']) {
      const res = await app.call('GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, `${q}: ${JSON.stringify(res.body)}`);
    }
  });
});
