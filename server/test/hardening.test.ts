import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { api } from '@hearth/contracts';
import { TEST_DB, TEST_SECRET, isProblem, people, sign, startApp, uniqueSlug, type TestApp } from './helpers.ts';
import { startServer } from './spawn-server.ts';

const { alice, carol } = people;

describe('token lifetime', () => {
  let app: TestApp;
  let short: TestApp;
  before(async () => {
    app = await startApp();
    short = await startApp({ AUTH_MAX_TOKEN_LIFETIME: '1h' });
  });
  after(async () => {
    await app.close();
    await short.close();
  });

  test('a token that lives longer than 24 h (the default maximum) is refused', async () => {
    assert.equal((await app.call('GET', '/api/v1/me', { as: await sign(alice, { expiresIn: '23h' }) })).status, 200);
    const problem = isProblem(await app.call('GET', '/api/v1/me', { as: await sign(alice, { expiresIn: '25h' }) }), 401);
    assert.match(problem.detail ?? '', /lifetime/);
    isProblem(await app.call('GET', '/api/v1/me', { as: await sign(alice, { expiresIn: '3650d' }) }), 401);
  });

  test('without iat the lifetime counts from now', async () => {
    const noIat = (expiresIn: string) =>
      new SignJWT({ name: alice.name, roles: ['employee'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(alice.sub)
        .setExpirationTime(expiresIn)
        .sign(new TextEncoder().encode(TEST_SECRET));
    assert.equal((await app.call('GET', '/api/v1/me', { as: await noIat('2h') })).status, 200);
    isProblem(await app.call('GET', '/api/v1/me', { as: await noIat('30d') }), 401);
  });

  test('AUTH_MAX_TOKEN_LIFETIME sets the maximum', async () => {
    assert.equal((await short.call('GET', '/api/v1/me', { as: await sign(alice, { expiresIn: '30m' }) })).status, 200);
    isProblem(await short.call('GET', '/api/v1/me', { as: await sign(alice, { expiresIn: '2h' }) }), 401);
  });
});

describe('invisible text is empty text', () => {
  let app: TestApp;
  before(async () => {
    app = await startApp();
  });
  after(() => app.close());

  const INVISIBLE = ['\u200b', '\u200b\u200c\u200d', '\u2060\ufeff', '\u00ad', ' \u200b\n\u200e\u200f ', '\u3164\u115f', '\u2800', '\u202e\u2066\u2069', '\u{e0041}\u{e0042}'];

  test('a post, reply or edit of only invisible characters is a 400', async () => {
    for (const body of INVISIBLE) {
      isProblem(await app.call('POST', '/api/v1/posts', { body: { body } }), 400);
    }
    const post = await app.call('POST', '/api/v1/posts', { body: { body: 'Visible \u200b text' } });
    assert.equal(post.status, 201, JSON.stringify(post.body));
    assert.equal(post.body.body, 'Visible \u200b text', 'stored as sent');
    // An emoji joined with zero-width joiners is visible.
    assert.equal((await app.call('POST', '/api/v1/posts', { body: { body: '👩\u200d💻' } })).status, 201);
    for (const body of INVISIBLE) {
      isProblem(await app.call('POST', `/api/v1/posts/${post.body.id}/replies`, { body: { body } }), 400);
      isProblem(await app.call('PATCH', `/api/v1/posts/${post.body.id}`, { body: { body } }), 400);
    }
  });

  test('a question title or body, or an answer, of only invisible characters is a 400', async () => {
    for (const chars of INVISIBLE) {
      isProblem(await app.call('POST', '/api/v1/questions', { body: { title: chars.repeat(12) } }), 400);
      isProblem(await app.call('POST', '/api/v1/questions', { body: { title: 'A proper question title', body: chars } }), 400);
    }
    const question = await app.call('POST', '/api/v1/questions', { body: { title: 'A proper question title', body: '' } });
    assert.equal(question.status, 201, JSON.stringify(question.body));
    for (const body of INVISIBLE) {
      isProblem(await app.call('POST', `/api/v1/questions/${question.body.id}/answers`, { as: people.bob, body: { body } }), 400);
      isProblem(await app.call('PATCH', `/api/v1/questions/${question.body.id}`, { body: { body } }), 400);
    }
  });
});

describe('reserved community slugs', () => {
  let app: TestApp;
  before(async () => {
    app = await startApp();
  });
  after(() => app.close());

  test('a slug that is a fixed route segment under /communities cannot be created', async () => {
    const fixed = new Set<string>();
    for (const endpoint of Object.values(api)) {
      const segment = /^\/communities\/([^/:]+)/.exec(endpoint.path)?.[1];
      if (segment) fixed.add(segment);
    }
    assert.ok(fixed.has('inactive'));
    const body = { name: 'Reserved Test', purpose: 'Checking that route names stay routes', managers: ['carol'] };
    for (const slug of fixed) {
      const problem = isProblem(await app.call('POST', '/api/v1/communities', { as: carol, body: { ...body, slug } }), 400);
      assert.match(JSON.stringify(problem.errors), /reserved/);
    }
    const ok = await app.call('POST', '/api/v1/communities', { as: carol, body: { ...body, slug: uniqueSlug('inactive') } });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  });
});

describe('Strict-Transport-Security', () => {
  let direct: TestApp;
  let proxied: TestApp;
  before(async () => {
    direct = await startApp();
    proxied = await startApp({ TRUST_PROXY: 'loopback' });
  });
  after(async () => {
    await direct.close();
    await proxied.close();
  });

  test('sent when the request came over HTTPS through a trusted proxy', async () => {
    const res = await proxied.call('GET', '/api/v1/me', { headers: { 'x-forwarded-proto': 'https' } });
    assert.match(res.headers.get('strict-transport-security') ?? '', /^max-age=\d{7,}/);
    assert.match((await fetch(`${proxied.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security') ?? '', /max-age/);
  });

  test('not sent over plain HTTP, nor for X-Forwarded-Proto from a proxy that is not trusted', async () => {
    assert.equal((await proxied.call('GET', '/api/v1/me')).headers.get('strict-transport-security'), null);
    assert.equal((await direct.call('GET', '/api/v1/me', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security'), null);
  });
});

test(
  'a request body that trickles in is cut off after REQUEST_TIMEOUT_MS',
  { skip: TEST_DB === 'postgres' ? 'no database involved' : false, timeout: 90_000 },
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-trickle-'));
    const server = startServer({ AUTH_MODE: 'demo', DATA_DIR: dataDir, REQUEST_TIMEOUT_MS: '2000' });
    try {
      const { hostname, port } = new URL(await server.listening);
      const socket = connect(Number(port), hostname);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const started = Date.now();
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('error', () => undefined);
      socket.write('POST /api/v1/posts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{');
      const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
      const gaveUp = new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 15_000));
      const outcome = await Promise.race([closed.then(() => 'closed' as const), gaveUp]);
      clearInterval(trickle);
      socket.destroy();
      assert.equal(outcome, 'closed', 'the server still waits for the body after 15 s');
      assert.ok(Date.now() - started < 12_000, `cut off after ${Date.now() - started} ms`);
      assert.match(answer, /^HTTP\/1\.1 408/);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  },
);
