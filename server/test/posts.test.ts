import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isProblem, people, startApp, type TestApp } from './helpers.ts';

const { alice, bob, carol } = people;
let app: TestApp;
before(async () => { app = await startApp(); });
after(() => app.close());

const post = async (body: unknown, as = alice, headers: Record<string, string> = {}) =>
  app.call('POST', '/api/v1/posts', { as, body, headers });

describe('posts', () => {
  test('a created post comes back in the feed with its author, tags and mentions', async () => {
    const created = await post({ body: 'Shipping the #Release-42 notes today, thanks @bob and @nobody! https://wiki.example.com/r42.' });
    assert.equal(created.status, 201);
    assert.equal(created.body.author.handle, 'alice');
    assert.deepEqual(created.body.tags, ['release-42']);
    assert.deepEqual(created.body.mentions, [{ handle: 'bob', name: 'Bob Brown' }]);
    assert.equal(created.body.canEdit, true);
    const feed = await app.call('GET', '/api/v1/posts?limit=5');
    assert.equal(feed.status, 200);
    assert.equal(feed.body.items[0].id, created.body.id);
  });

  test('the feed narrows by community, tag and author', async () => {
    const inGeneral = await post({ body: 'General chat about #coffee', community: 'general' }, bob);
    await post({ body: 'Elsewhere about #coffee' }, alice);
    const byCommunity = await app.call('GET', '/api/v1/posts?community=general');
    assert.deepEqual(byCommunity.body.items.map((p: { id: number }) => p.id), [inGeneral.body.id]);
    const byTag = await app.call('GET', '/api/v1/posts?tag=%23Coffee');
    assert.equal(byTag.body.items.length, 2);
    const byAuthor = await app.call('GET', '/api/v1/posts?author=bob&tag=coffee');
    assert.deepEqual(byAuthor.body.items.map((p: { id: number }) => p.id), [inGeneral.body.id]);
    const unknownTag = await app.call('GET', '/api/v1/posts?tag=never-used');
    assert.deepEqual(unknownTag.body, { items: [], nextCursor: null });
  });

  test('paging by cursor visits every post once, newest first, even when times tie', async () => {
    // Ten posts with the same timestamp: only the id breaks the tie.
    const author = await app.db.query<{ id: number }>("SELECT id FROM people WHERE handle = 'carol'");
    await app.db.query(
      `INSERT INTO posts (author_id, body, created_at) SELECT $1, 'tie ' || g, '2020-01-01T00:00:00.123Z' FROM generate_series(1, 10) g`,
      [author[0]!.id]);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = `author=carol&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await app.call('GET', `/api/v1/posts?${qs}`);
      assert.equal(res.status, 200);
      assert.ok(res.body.items.length <= 3);
      seen.push(...res.body.items.map((p: { id: number }) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 10);
    assert.equal(new Set(seen).size, 10);
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a));
  });

  test('a create retried with the same Idempotency-Key is stored once', async () => {
    const headers = { 'Idempotency-Key': 'draft-1234-abcd' };
    const first = await post({ body: 'Only once please' }, alice, headers);
    const again = await post({ body: 'Only once please' }, alice, headers);
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    const [row] = await app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM posts WHERE body = 'Only once please'");
    assert.equal(row!.n, 1);
    // The key is per person: bob's identical key is a new post.
    const bobs = await post({ body: 'Only once please' }, bob, headers);
    assert.equal(bobs.status, 201);
  });

  test('replies are one level deep and keep the parent reply count', async () => {
    const parent = await post({ body: 'Who knows the VPN fix?' });
    const r1 = await app.call('POST', `/api/v1/posts/${parent.body.id}/replies`, { as: bob, body: { body: 'Restart the client' } });
    const r2 = await app.call('POST', `/api/v1/posts/${parent.body.id}/replies`, { as: carol, body: { body: 'Or update it #vpn' } });
    assert.equal(r1.status, 201);
    assert.equal(r1.body.parentId, parent.body.id);
    const replies = await app.call('GET', `/api/v1/posts/${parent.body.id}/replies`);
    assert.deepEqual(replies.body.items.map((p: { id: number }) => p.id), [r1.body.id, r2.body.id]);
    assert.equal((await app.call('GET', `/api/v1/posts/${parent.body.id}`)).body.replyCount, 2);
    const nested = await app.call('POST', `/api/v1/posts/${r1.body.id}/replies`, { body: { body: 'deeper' } });
    isProblem(nested, 400);
    // Replies do not appear in the feed as posts of their own.
    const feed = await app.call('GET', '/api/v1/posts?author=bob&limit=50');
    assert.ok(!feed.body.items.some((p: { id: number }) => p.id === r1.body.id));
    await app.call('DELETE', `/api/v1/posts/${r2.body.id}`, { as: carol });
    assert.equal((await app.call('GET', `/api/v1/posts/${parent.body.id}`)).body.replyCount, 1);
  });

  test('likes are idempotent and counted once per person', async () => {
    const p = await post({ body: 'Like me' });
    const path = `/api/v1/posts/${p.body.id}/like`;
    assert.deepEqual((await app.call('PUT', path, { as: bob })).body, { liked: true, likeCount: 1 });
    assert.deepEqual((await app.call('PUT', path, { as: bob })).body, { liked: true, likeCount: 1 });
    assert.deepEqual((await app.call('PUT', path, { as: carol })).body, { liked: true, likeCount: 2 });
    assert.equal((await app.call('GET', `/api/v1/posts/${p.body.id}`, { as: bob })).body.likedByMe, true);
    assert.equal((await app.call('GET', `/api/v1/posts/${p.body.id}`, { as: alice })).body.likedByMe, false);
    assert.deepEqual((await app.call('DELETE', path, { as: bob })).body, { liked: false, likeCount: 1 });
    assert.deepEqual((await app.call('DELETE', path, { as: bob })).body, { liked: false, likeCount: 1 });
  });

  test('you can edit your own post, and its tags follow the new text', async () => {
    const p = await post({ body: 'Draft about #alpha' });
    const edited = await app.call('PATCH', `/api/v1/posts/${p.body.id}`, { body: { body: 'Final about #beta' } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.body, 'Final about #beta');
    assert.deepEqual(edited.body.tags, ['beta']);
    assert.ok(edited.body.editedAt);
    assert.equal((await app.call('GET', '/api/v1/posts?tag=alpha')).body.items.length, 0);
    assert.equal((await app.call('GET', '/api/v1/posts?tag=beta')).body.items.length, 1);
  });

  test("when someone edits another person's post, it gets 403 and the post is unchanged", async () => {
    const p = await post({ body: 'Mine' });
    isProblem(await app.call('PATCH', `/api/v1/posts/${p.body.id}`, { as: bob, body: { body: 'Hijacked' } }), 403);
    assert.equal((await app.call('GET', `/api/v1/posts/${p.body.id}`)).body.body, 'Mine');
    assert.equal((await app.call('GET', `/api/v1/posts/${p.body.id}`, { as: bob })).body.canEdit, false);
  });

  test('deleting is for the author or an admin, and a deleted post is gone everywhere', async () => {
    const p = await post({ body: 'Soon gone #ephemeral' });
    isProblem(await app.call('DELETE', `/api/v1/posts/${p.body.id}`, { as: bob }), 403);
    const admin = await app.call('GET', `/api/v1/posts/${p.body.id}`, { as: carol });
    assert.equal(admin.body.canDelete, true);
    assert.equal((await app.call('DELETE', `/api/v1/posts/${p.body.id}`)).status, 204);
    isProblem(await app.call('GET', `/api/v1/posts/${p.body.id}`), 404);
    assert.equal((await app.call('GET', '/api/v1/posts?tag=ephemeral')).body.items.length, 0);
    // Soft: the row stays for the record.
    const [row] = await app.db.query<{ deleted: boolean }>('SELECT deleted_at IS NOT NULL AS deleted FROM posts WHERE id = $1', [p.body.id]);
    assert.equal(row!.deleted, true);
    const other = await post({ body: 'Moderated' }, bob);
    assert.equal((await app.call('DELETE', `/api/v1/posts/${other.body.id}`, { as: carol })).status, 204);
  });

  test('GET /me answers who the token says, creating the person on first sight', async () => {
    const newcomer = { sub: 'test:dora', handle: 'dora', name: 'Dora Díaz', roles: ['employee', 'made-up-role'] };
    const me = await app.call('GET', '/api/v1/me', { as: newcomer });
    assert.equal(me.status, 200);
    assert.equal(me.body.name, 'Dora Díaz');
    assert.equal(me.body.handle, 'dora');
    assert.deepEqual(me.body.roles, ['employee']);
  });
});

describe('restricted and archived communities', () => {
  test("when a non-member opens a restricted community's feed, it gets 404", async () => {
    isProblem(await app.call('GET', '/api/v1/posts?community=secret-lab', { as: alice }), 404);
    assert.equal((await app.call('GET', '/api/v1/posts?community=secret-lab', { as: bob })).status, 200);
  });

  test("a restricted community's posts and replies are invisible to non-members on every posts path", async () => {
    const secret = await post({ body: 'Prototype X #canary-tag', community: 'secret-lab' }, bob);
    assert.equal(secret.status, 201);
    const reply = await app.call('POST', `/api/v1/posts/${secret.body.id}/replies`, { as: bob, body: { body: 'More on X' } });
    for (const path of [
      `/api/v1/posts/${secret.body.id}`,
      `/api/v1/posts/${reply.body.id}`,
      `/api/v1/posts/${secret.body.id}/replies`,
    ]) isProblem(await app.call('GET', path, { as: alice }), 404);
    for (const path of ['/api/v1/posts?limit=50', '/api/v1/posts?tag=canary-tag', '/api/v1/posts?author=bob&limit=50']) {
      const res = await app.call('GET', path, { as: alice });
      assert.ok(!JSON.stringify(res.body).includes('Prototype X'), path);
    }
    isProblem(await app.call('PUT', `/api/v1/posts/${secret.body.id}/like`, { as: alice }), 404);
    isProblem(await app.call('POST', `/api/v1/posts/${secret.body.id}/replies`, { as: alice, body: { body: 'hi' } }), 404);
    isProblem(await post({ body: 'let me in', community: 'secret-lab' }, alice), 404);
    // Admins are not members either: restricted means restricted.
    isProblem(await app.call('GET', `/api/v1/posts/${secret.body.id}`, { as: carol }), 404);
    const member = await app.call('GET', '/api/v1/posts?tag=canary-tag', { as: bob });
    assert.equal(member.body.items[0].id, secret.body.id);
  });

  test('an archived community accepts no writes', async () => {
    const [c] = await app.db.query<{ id: number }>("SELECT id FROM communities WHERE slug = 'old-news'");
    const [p] = await app.db.query<{ id: number }>(
      "INSERT INTO posts (author_id, community_id, body) SELECT id, $1, 'from the archive' FROM people WHERE handle = 'alice' RETURNING id",
      [c!.id]);
    isProblem(await post({ body: 'new', community: 'old-news' }), 409);
    isProblem(await app.call('PATCH', `/api/v1/posts/${p!.id}`, { body: { body: 'x' } }), 409);
    isProblem(await app.call('PUT', `/api/v1/posts/${p!.id}/like`), 409);
    const read = await app.call('GET', `/api/v1/posts/${p!.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.canEdit, false);
  });
});
