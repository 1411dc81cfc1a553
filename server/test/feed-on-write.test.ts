/**
 * What a feed page shows of a post is kept on its row on write (021_feed_on_write.sql): its
 * tags' names and its mentions. After every kind of write that can change them, the row equals
 * a recount from post_tags and post_mentions, and the API shows it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { people, startApp, type TestApp } from './helpers.ts';

const { alice, bob, carol } = people;
let app: TestApp;
before(async () => { app = await startApp(); });
after(() => app.close());

/** Posts whose kept tags or mentions differ from a recount; [] when all agree. */
async function drift(): Promise<unknown[]> {
  return app.db.query(
    `SELECT p.id, p.tag_names, p.mention_list, r.tags, r.mentions FROM posts p,
       LATERAL (SELECT COALESCE((SELECT array_agg(t.name ORDER BY t.name) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '{}') AS tags,
                       COALESCE((SELECT jsonb_agg(jsonb_build_object('handle', m.handle, 'name', m.name) ORDER BY m.handle)
                                 FROM post_mentions pm JOIN people m ON m.id = pm.person_id WHERE pm.post_id = p.id), '[]') AS mentions) r
     WHERE p.tag_names IS DISTINCT FROM r.tags OR p.mention_list IS DISTINCT FROM r.mentions`);
}

const shown = async (id: number) => (await app.call('GET', `/api/v1/posts/${id}`, { as: alice })).body as { tags: string[]; mentions: { handle: string; name: string }[] };

describe('tags and mentions kept on the post row', () => {
  test('a new post, an edit, a reply, a tag merge, a rename and a deletion keep them equal to a recount', async () => {
    const first = await app.call('POST', '/api/v1/posts', { as: alice, body: { body: 'Notes on #zebra and #apple for @bob and @carol' } });
    assert.equal(first.status, 201);
    assert.deepEqual(first.body.tags, ['apple', 'zebra']);
    assert.deepEqual(first.body.mentions.map((m: { handle: string }) => m.handle), ['bob', 'carol']);
    const second = await app.call('POST', '/api/v1/posts', { as: bob, body: { body: 'More #zebra', tags: ['Mango'] } });
    assert.equal(second.status, 201);
    assert.deepEqual(await drift(), []);

    // An edit that drops one tag and one mention and adds others.
    const edited = await app.call('PATCH', `/api/v1/posts/${first.body.id}`, { as: alice, body: { body: 'Notes on #apple and #kiwi for @bob' } });
    assert.equal(edited.status, 200);
    assert.deepEqual((await shown(first.body.id)).tags, ['apple', 'kiwi']);
    assert.deepEqual((await shown(first.body.id)).mentions, [{ handle: 'bob', name: 'Bob Brown' }]);
    assert.deepEqual(await drift(), []);

    // A reply with a mention; the parent keeps its own.
    const reply = await app.call('POST', `/api/v1/posts/${first.body.id}/replies`, { as: carol, body: { body: 'Agreed @alice #kiwi' } });
    assert.equal(reply.status, 201);
    assert.deepEqual(await drift(), []);

    // An admin merges a tag into another: every post that had it shows the other.
    const merged = await app.call('POST', '/api/v1/tags/zebra/merge', { as: carol, body: { into: 'mango' } });
    assert.ok(merged.status < 300, `merge answered ${merged.status}`);
    assert.deepEqual((await shown(second.body.id)).tags, ['mango']);
    assert.deepEqual(await drift(), []);

    // A person renamed (SCIM or the portal's claims write people.name): mentions show the new name.
    await app.db.query("UPDATE people SET name = 'Bob Brown-Smith' WHERE handle = 'bob'");
    assert.deepEqual((await shown(first.body.id)).mentions, [{ handle: 'bob', name: 'Bob Brown-Smith' }]);
    assert.deepEqual(await drift(), []);
    await app.db.query("UPDATE people SET name = 'Bob Brown' WHERE handle = 'bob'");

    // Deleted: the post is gone from the feed; what stays on its row still agrees.
    assert.equal((await app.call('DELETE', `/api/v1/posts/${second.body.id}`, { as: bob })).status, 204);
    assert.deepEqual(await drift(), []);
  });
});
