import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isProblem, people, sign, startApp, type TestApp } from './helpers.ts';

let app: TestApp;
before(async () => { app = await startApp(); });
after(() => app.close());

const newPost = async (): Promise<number> => (await app.call('POST', '/api/v1/posts', { body: { body: 'target' } })).body.id;

/** Every case: a 4xx problem+json naming what was wrong, and nothing stored. */
async function rejects(status: number, method: string, path: string, options: Parameters<TestApp['call']>[2] = {}, mention?: string) {
  const stored = await app.db.query<{ n: number; body: string }>('SELECT count(*)::int AS n, string_agg(body, \'|\' ORDER BY id) AS body FROM posts');
  const problem = isProblem(await app.call(method, path, options), status);
  assert.ok(problem.title && problem.type, 'problem has a type and title');
  if (mention) assert.match(JSON.stringify(problem), new RegExp(mention), `the problem mentions ${mention}`);
  const afterRows = await app.db.query('SELECT count(*)::int AS n, string_agg(body, \'|\' ORDER BY id) AS body FROM posts');
  assert.deepEqual(afterRows, stored, 'nothing was stored or changed');
  return problem;
}

describe('bad input gets a 4xx problem+json, never a 500', () => {
  test('an empty body', async () => { await rejects(400, 'POST', '/api/v1/posts', { body: { body: '' } }, 'body.body'); });
  test('a body of only white space', async () => { await rejects(400, 'POST', '/api/v1/posts', { body: { body: ' \n\t ' } }, 'white space'); });
  test('an oversize body (5,001 characters)', async () => { await rejects(400, 'POST', '/api/v1/posts', { body: { body: 'x'.repeat(5001) } }, '5000'); });
  test('a body with a NUL character', async () => { await rejects(400, 'POST', '/api/v1/posts', { body: { body: 'a\u0000b' } }, 'NUL'); });
  test('a missing body', async () => { await rejects(400, 'POST', '/api/v1/posts', { body: {} }, 'body.body'); });
  test('unknown fields', async () => { await rejects(400, 'POST', '/api/v1/posts', { body: { body: 'hi', pinned: true } }, 'pinned'); });
  test('wrong types', async () => { await rejects(400, 'POST', '/api/v1/posts', { body: { body: 42 } }, 'body.body'); });
  test('a JSON array instead of an object', async () => { await rejects(400, 'POST', '/api/v1/posts', { body: ['hi'] }); });
  test('malformed JSON', async () => { await rejects(400, 'POST', '/api/v1/posts', { rawBody: '{"body": "hi"', headers: { 'content-type': 'application/json' } }, 'not valid JSON'); });
  test('a body that is not JSON', async () => { await rejects(400, 'POST', '/api/v1/posts', { rawBody: 'body=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } }); });
  test('a body over 64 KB', async () => { await rejects(413, 'POST', '/api/v1/posts', { body: { body: 'x'.repeat(70_000) } }, 'too large'); });
  test('an unknown community', async () => { await rejects(404, 'POST', '/api/v1/posts', { body: { body: 'hi', community: 'no-such-place' } }, 'no-such-place'); });
  test('a malformed community slug', async () => { await rejects(400, 'POST', '/api/v1/posts', { body: { body: 'hi', community: 'Not A Slug!' } }, 'community'); });
  test('a bad Idempotency-Key', async () => { await rejects(400, 'POST', '/api/v1/posts', { body: { body: 'hi' }, headers: { 'Idempotency-Key': 'short' } }, 'Idempotency-Key'); });
  test('an empty edit', async () => { await rejects(400, 'PATCH', `/api/v1/posts/${await newPost()}`, { body: { body: '' } }); });
  test('an edit with unknown fields', async () => { await rejects(400, 'PATCH', `/api/v1/posts/${await newPost()}`, { body: { body: 'x', authorId: 2 } }, 'authorId'); });

  test('an unknown community in the feed', async () => { await rejects(404, 'GET', '/api/v1/posts?community=no-such-place'); });
  test('an unknown author in the feed', async () => { await rejects(404, 'GET', '/api/v1/posts?author=nobody'); });
  test('an invalid tag in the feed', async () => { await rejects(400, 'GET', `/api/v1/posts?tag=${'x'.repeat(41)}`, {}, 'tag'); });
  test('a page size of 0', async () => { await rejects(400, 'GET', '/api/v1/posts?limit=0', {}, 'limit'); });
  test('a page size of 51', async () => { await rejects(400, 'GET', '/api/v1/posts?limit=51', {}, 'limit'); });
  test('a page size that is not a number', async () => { await rejects(400, 'GET', '/api/v1/posts?limit=ten', {}, 'limit'); });
  test('an unknown query parameter', async () => { await rejects(400, 'GET', '/api/v1/posts?sort=oldest', {}, 'sort'); });
  test('a repeated query parameter', async () => { await rejects(400, 'GET', '/api/v1/posts?limit=1&limit=2', {}, 'limit'); });
  for (const [name, cursor] of [
    ['random characters', 'not-a-cursor'],
    ['base64 of garbage', Buffer.from('hello').toString('base64url')],
    ['base64 JSON of the wrong shape', Buffer.from(JSON.stringify({ at: 1 })).toString('base64url')],
    ['a cursor with a bad date', Buffer.from(JSON.stringify(['yesterday', 5])).toString('base64url')],
    ['a cursor with a negative id', Buffer.from(JSON.stringify(['2024-01-01T00:00:00Z', -5])).toString('base64url')],
    ['a cursor with characters outside base64url', 'abc$%^'],
  ] as const) {
    test(`a forged cursor: ${name}`, async () => { await rejects(400, 'GET', `/api/v1/posts?cursor=${encodeURIComponent(cursor)}`, {}, 'cursor'); });
  }
  test('a post id that is not a number', async () => { await rejects(400, 'GET', '/api/v1/posts/abc', {}, 'params.id'); });
  test('a post id out of range', async () => { await rejects(400, 'GET', '/api/v1/posts/99999999999', {}, 'params.id'); });
  test('a post that does not exist', async () => { await rejects(404, 'GET', '/api/v1/posts/424242'); });
  test('an unknown route', async () => { await rejects(404, 'GET', '/api/v1/nothing-here'); });
});

describe('a missing, forged or expired token gets 401 problem+json', () => {
  test('no token', async () => {
    const p = await rejects(401, 'GET', '/api/v1/posts', { as: null });
    assert.match(p.detail!, /sign in/);
  });
  test('not a bearer token', async () => { await rejects(401, 'GET', '/api/v1/posts', { as: null, headers: { authorization: 'Basic YWxpY2U6cHc=' } }); });
  test('a token signed with another secret', async () => {
    await rejects(401, 'GET', '/api/v1/posts', { as: await sign(people.alice, { secret: 'another-secret-that-is-32-characters-or-more' }) }, 'not valid');
  });
  test('an expired token', async () => {
    await rejects(401, 'GET', '/api/v1/posts', { as: await sign(people.alice, { expiresIn: Math.floor(Date.now() / 1000) - 60 }) }, 'expired');
  });
  test('a token with alg "none"', async () => {
    const [, payload] = (await sign(people.alice)).split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await rejects(401, 'GET', '/api/v1/posts', { as: `${header}.${payload}.` });
  });
  test('a tampered payload', async () => {
    const [h, , s] = (await sign(people.alice)).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'test:carol', name: 'Carol', roles: ['admin'], exp: 9e9 })).toString('base64url');
    await rejects(401, 'GET', '/api/v1/posts', { as: `${h}.${payload}.${s}` });
  });
  test('garbage', async () => { await rejects(401, 'GET', '/api/v1/posts', { as: 'not.a.jwt' }); });
  test('a valid signature without a name claim', async () => {
    const { SignJWT } = await import('jose');
    const { TEST_SECRET } = await import('./helpers.ts');
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_SECRET));
    await rejects(401, 'GET', '/api/v1/me', { as: token }, 'name');
  });
  test('the 401 says how to authenticate', async () => {
    const res = await app.call('GET', '/api/v1/me', { as: null });
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  });
});

describe('inputs the fuzz found answering 500 (each now a 4xx, or a 200 with nothing found)', () => {
  test('a NUL character in a new community (admin)', async () => {
    const as = await sign(people.carol);
    await rejects(400, 'POST', '/api/v1/communities', { as, body: { name: 'Nul\u0000club', purpose: 'A place that should never exist' } }, 'NUL');
    await rejects(400, 'POST', '/api/v1/communities', { as, body: { name: 'Nul club', purpose: 'A place that should never\u0000 exist' } }, 'NUL');
    await rejects(400, 'POST', '/api/v1/communities', { as, body: { name: 'Nul club', purpose: 'A place that should never exist', description: 'x\u0000' } }, 'NUL');
  });
  test('a NUL character in any query, path or body field is a 400 naming it', async () => {
    await rejects(400, 'GET', '/api/v1/communities?q=%00', {}, 'query.q');
    await rejects(400, 'GET', '/api/v1/search?q=a%00b', {}, 'query.q');
    await rejects(400, 'GET', '/api/v1/tags/a%00b', {}, 'params.name');
    await rejects(400, 'PUT', '/api/v1/me/skills', { body: { tags: ['ok', 'n\u0000o'] } }, 'body.tags.1');
  });
  test('a search from year 0 is a 400 naming the field', async () => {
    await rejects(400, 'GET', '/api/v1/search?q=plan&from=0000-02-29', {}, 'query.from');
  });
  test('a body of 10,000 nested arrays is a 400, not a stack overflow', async () => {
    await rejects(400, 'POST', '/api/v1/posts', { rawBody: '['.repeat(10_000) + ']'.repeat(10_000), headers: { 'content-type': 'application/json' } });
  });
  test('a NUL character in a watch-list pattern (admin)', async () => {
    await rejects(400, 'POST', '/api/v1/moderation/keywords', { as: await sign(people.carol), body: { pattern: '\u0000\b' } }, 'NUL');
  });
  test('similar questions for a title with no searchable word', async () => {
    // With no question stored the planner never evaluates the query terms: ask one first.
    assert.equal((await app.call('POST', '/api/v1/questions', { body: { title: 'How do I reach the VPN from home?' } })).status, 201);
    for (const title of ['the the the', '!!!', '...', '\u0002\u0003\u0004']) {
      const res = await app.call('GET', `/api/v1/questions/similar?title=${encodeURIComponent(title)}`);
      assert.equal(res.status, 200, `${JSON.stringify(title)} answers 200`);
    }
  });
});
