import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { isProblem, people, startApp, type Person, type TestApp } from './helpers.ts';

/*
 * Idempotency-Key as in the IETF draft (draft-ietf-httpapi-idempotency-key-header): a key is
 * scoped to the person and the route; the same key with the same request replays the first answer
 * (200), with another request it is 422, and while the first request is still running it is 409.
 */

const { alice, bob } = people;
let app: TestApp;
const key = () => `key-${randomBytes(6).toString('hex')}`;
const send = (path: string, body: unknown, k: string, as: Person = alice) =>
  app.call('POST', path, { as, body, headers: { 'Idempotency-Key': k } });

before(async () => {
  app = await startApp();
});
after(() => app.close());

describe('Idempotency-Key', () => {
  test('the same key with the same body replays the first answer, even with its keys in another order', async () => {
    const k = key();
    const first = await send('/api/v1/posts', { body: 'Replay me', community: 'general' }, k);
    assert.equal(first.status, 201);
    const again = await send('/api/v1/posts', { community: 'general', body: 'Replay me' }, k);
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    const [row] = await app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM posts WHERE body = 'Replay me'");
    assert.equal(row!.n, 1);
  });

  test('the same key with another body is 422 problem+json, and nothing is stored', async () => {
    const k = key();
    const first = await send('/api/v1/posts', { body: 'The first body' }, k);
    assert.equal(first.status, 201);
    const other = await send('/api/v1/posts', { body: 'Another body' }, k);
    const problem = isProblem(other, 422);
    assert.match(problem.detail ?? '', /Idempotency-Key/);
    const [row] = await app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM posts WHERE body = 'Another body'");
    assert.equal(row!.n, 0);
  });

  test('keys are scoped to the route: a post key reused for a reply makes the reply, not a replay of the post', async () => {
    const k = key();
    const post = await send('/api/v1/posts', { body: 'Parent post' }, k);
    assert.equal(post.status, 201);
    const reply = await send(`/api/v1/posts/${post.body.id}/replies`, { body: 'A reply' }, k);
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.parentId, post.body.id);
    assert.equal(reply.body.body, 'A reply');
    // And replayed on its own route.
    const again = await send(`/api/v1/posts/${post.body.id}/replies`, { body: 'A reply' }, k);
    assert.equal(again.status, 200);
    assert.equal(again.body.id, reply.body.id);
    // The same key and body for a reply to another post is another request: 422.
    const other = await send('/api/v1/posts', { body: 'Other parent' }, key());
    isProblem(await send(`/api/v1/posts/${other.body.id}/replies`, { body: 'A reply' }, k), 422);
  });

  test('keys are scoped to the person', async () => {
    const k = key();
    assert.equal((await send('/api/v1/posts', { body: 'Mine' }, k, alice)).status, 201);
    assert.equal((await send('/api/v1/posts', { body: 'Mine too' }, k, bob)).status, 201);
  });

  test('questions and answers: replay with the same body, 422 with another', async () => {
    const k = key();
    const q = await send('/api/v1/questions', { title: 'How do I replay?', body: 'Details' }, k);
    assert.equal(q.status, 201);
    assert.equal((await send('/api/v1/questions', { title: 'How do I replay?', body: 'Details' }, k)).status, 200);
    isProblem(await send('/api/v1/questions', { title: 'Something else entirely?', body: 'Details' }, k), 422);
    const a = await send(`/api/v1/questions/${q.body.id}/answers`, { body: 'Like so' }, k);
    assert.equal(a.status, 201, JSON.stringify(a.body));
    const replay = await send(`/api/v1/questions/${q.body.id}/answers`, { body: 'Like so' }, k);
    assert.equal(replay.status, 200);
    assert.equal(replay.body.id, a.body.id);
    isProblem(await send(`/api/v1/questions/${q.body.id}/answers`, { body: 'Not like so' }, k), 422);
  });

  test('a key whose first request is still in flight (on any instance) is 409; an abandoned one is taken over', async () => {
    const k = key();
    const [me] = await app.db.query<{ id: number }>("SELECT id FROM people WHERE handle = 'alice'");
    // What another instance holds while it works on the first request: a claim without a result.
    await app.db.query(
      `INSERT INTO idempotency_keys (person_id, route, key, fingerprint, claimed_at)
       VALUES ($1, 'POST /posts', $2, NULL, now())`, [me!.id, k]);
    const busy = await send('/api/v1/posts', { body: 'While in flight' }, k);
    isProblem(busy, 409);
    // A claim left by a crashed instance expires: the retry then does the work.
    await app.db.query("UPDATE idempotency_keys SET claimed_at = now() - interval '1 hour' WHERE key = $1", [k]);
    const retried = await send('/api/v1/posts', { body: 'While in flight' }, k);
    assert.equal(retried.status, 201, JSON.stringify(retried.body));
    assert.equal((await send('/api/v1/posts', { body: 'While in flight' }, k)).status, 200);
  });

  test('concurrent duplicates store one post: one 201, the others replays (200) or in flight (409)', async () => {
    const k = key();
    const answers = await Promise.all(Array.from({ length: 6 }, () => send('/api/v1/posts', { body: 'Raced' }, k)));
    const statuses = answers.map((a) => a.status).sort();
    assert.equal(statuses.filter((s) => s === 201).length, 1, String(statuses));
    assert.ok(statuses.every((s) => s === 201 || s === 200 || s === 409), String(statuses));
    const [row] = await app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM posts WHERE body = 'Raced'");
    assert.equal(row!.n, 1);
  });

  test('a failed first request leaves the key free', async () => {
    const k = key();
    isProblem(await send('/api/v1/posts', { body: 'Nowhere', community: 'no-such-place' }, k), 404);
    assert.equal((await send('/api/v1/posts', { body: 'Nowhere' }, k)).status, 201);
  });
});
