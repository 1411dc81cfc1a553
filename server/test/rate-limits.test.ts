import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, type Endpoint } from '@hearth/contracts';
import { isProblem, people, sign, startApp, TEST_DB, TEST_SECRET, testDatabase, type Reply, type TestApp } from './helpers.ts';
import { migrate } from '../src/db/migrate.ts';
import { requestClassifier, WRITE_KINDS } from '../src/features/limits/policy.ts';
import { startServer } from './spawn-server.ts';

const { alice, bob } = people;
const apps: TestApp[] = [];
after(async () => {
  await Promise.all(apps.map((a) => a.close()));
});
async function app(env: Record<string, string> = {}) {
  const started = await startApp(env);
  apps.push(started);
  return started;
}

const post = (a: TestApp, as = alice, body = 'Hello') => a.call('POST', '/api/v1/posts', { as, body: { body } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asserts a 429 problem+json with Retry-After (whole seconds) and the IETF headers; returns Retry-After. */
function assertLimited(res: Reply, policy: string): number {
  const problem = isProblem(res, 429);
  assert.match(problem.type, /rate-limited$/);
  assert.match(problem.detail ?? '', /try again in \d+ (second|minute|hour)/);
  const retryAfter = res.headers.get('retry-after');
  assert.match(retryAfter ?? '', /^\d+$/, 'Retry-After in seconds');
  assert.match(res.headers.get('ratelimit-policy') ?? '', new RegExp(`"${policy}";q=\\d+;w=\\d+`));
  assert.match(res.headers.get('ratelimit') ?? '', new RegExp(`"${policy}";r=0;t=\\d+`));
  return Number(retryAfter);
}

describe('per-person rate limits (defaults)', () => {
  test('30 posts pass, each saying what is left; the 31st is 429 with Retry-After, the IETF headers and a problem; nothing of it is stored', async () => {
    const a = await app();
    for (let i = 1; i <= 30; i++) {
      const res = await post(a, alice, `Post ${i}`);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.headers.get('ratelimit-policy'), '"post-10m";q=30;w=600, "post-3h";q=300;w=10800');
      assert.match(res.headers.get('ratelimit') ?? '', new RegExp(`^"post-10m";r=${30 - i};t=\\d+, "post-3h";r=${300 - i};t=\\d+$`));
    }
    const refused = await post(a, alice, 'Post 31');
    const retryAfter = assertLimited(refused, 'post-10m');
    assert.ok(retryAfter > 0 && retryAfter <= 600, `Retry-After ${retryAfter}`);
    const [stored] = await a.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM posts WHERE body LIKE 'Post %'`);
    assert.equal(stored!.n, 30);
  });

  test('another person is not affected, and reads are limited apart from writes', async () => {
    const a = await app();
    for (let i = 0; i < 30; i++) assert.equal((await post(a)).status, 201);
    assertLimited(await post(a), 'post-10m');
    assert.equal((await post(a, bob)).status, 201, 'bob still posts');
    const read = await a.call('GET', '/api/v1/posts', { as: alice });
    assert.equal(read.status, 200, 'alice still reads');
    assert.match(read.headers.get('ratelimit') ?? '', /^"read-1m";r=599;t=\d+, "read-1h";r=9999;t=\d+$/);
  });

  test('RATE_LIMITS=off (tests and benchmarks only) sends no limit headers and refuses nothing', async () => {
    const a = await app({ RATE_LIMITS: 'off' });
    for (let i = 0; i < 32; i++) assert.equal((await post(a)).status, 201);
    assert.equal((await post(a)).headers.get('ratelimit'), null);
  });
});

describe('per-person rate limits (configured)', () => {
  test('replies share the post budget', async () => {
    const a = await app({ RATE_LIMIT_POST: '3/10m' });
    const first = await post(a);
    assert.equal(first.status, 201);
    const reply = (body: string) => a.call('POST', `/api/v1/posts/${first.body.id}/replies`, { body: { body } });
    assert.equal((await reply('one')).status, 201);
    assert.equal((await reply('two')).status, 201);
    assertLimited(await reply('three'), 'post-10m');
    assertLimited(await post(a), 'post-10m');
  });

  test('the longer window holds too: after the burst window resets, the long one still refuses', async () => {
    const a = await app({ RATE_LIMIT_POST: '2/2s,3/1h' });
    assert.equal((await post(a)).status, 201);
    assert.equal((await post(a)).status, 201);
    const wait = assertLimited(await post(a), 'post-2s');
    assert.ok(wait >= 1 && wait <= 2, `Retry-After ${wait}`);
    await sleep(wait * 1000 + 300);
    assert.equal((await post(a)).status, 201, 'a new burst window');
    const refused = await post(a);
    const longWait = assertLimited(refused, 'post-1h');
    assert.ok(longWait > 3500 && longWait <= 3600, `Retry-After ${longWait}`);
    assert.match(refused.body.detail, /limit of 3 posts and replies in 1 hour: try again in 1 hour|try again in 60 minutes/);
  });

  test('each kind has its own budget: questions, reactions, reports, other writes and reads', async () => {
    const a = await app({
      RATE_LIMIT_POST: '1/10m', RATE_LIMIT_QUESTION: '1/10m', RATE_LIMIT_REACT: '2/10m', RATE_LIMIT_WRITE: '1/10m', RATE_LIMIT_READ: '3/1m',
    });
    const p = await post(a);
    assert.equal(p.status, 201);
    assertLimited(await post(a), 'post-10m');
    const ask = (title: string) => a.call('POST', '/api/v1/questions', { body: { title, body: 'How do I do this?' } });
    assert.equal((await ask('How does the VPN work here?')).status, 201);
    assertLimited(await ask('How does the printer work here?'), 'question-10m');
    assert.equal((await a.call('PUT', `/api/v1/posts/${p.body.id}/like`)).status, 200);
    assert.equal((await a.call('DELETE', `/api/v1/posts/${p.body.id}/like`)).status, 200);
    assertLimited(await a.call('PUT', `/api/v1/posts/${p.body.id}/like`), 'react-10m');
    assert.equal((await a.call('PATCH', `/api/v1/posts/${p.body.id}`, { body: { body: 'Edited' } })).status, 200);
    assertLimited(await a.call('PATCH', `/api/v1/posts/${p.body.id}`, { body: { body: 'Edited again' } }), 'write-10m');
    // Bad input costs a point too: every attempt counts.
    assert.equal((await a.call('GET', '/api/v1/posts')).status, 200);
    assert.equal((await a.call('GET', '/api/v1/posts?limit=nope')).status, 400);
    assert.equal((await a.call('GET', '/api/v1/me')).status, 200);
    assertLimited(await a.call('GET', '/api/v1/me'), 'read-1m');
  });

  test('browsers on allowed portal origins may read Retry-After and the RateLimit headers', async () => {
    const origin = 'https://intranet.example.com';
    const a = await app({ RATE_LIMIT_POST: '1/10m', ALLOWED_ORIGINS: origin });
    await post(a);
    const refused = await a.call('POST', '/api/v1/posts', { body: { body: 'again' }, headers: { origin } });
    assertLimited(refused, 'post-10m');
    const exposed = (refused.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/,\s*/);
    for (const name of ['retry-after', 'ratelimit', 'ratelimit-policy']) assert.ok(exposed.includes(name), `${name} exposed`);
  });
});

describe('every endpoint has a kind', () => {
  test('each write of the contracts is classified, and nothing unknown is', () => {
    const endpoints = api as Record<string, Endpoint>;
    for (const [name, e] of Object.entries(endpoints)) {
      if (e.method === 'get') assert.equal(WRITE_KINDS[name], undefined, `${name} is a read`);
      else assert.ok(WRITE_KINDS[name], `${name} (${e.method.toUpperCase()} ${e.path}) has a rate-limit kind in features/limits/policy.ts`);
    }
    for (const name of Object.keys(WRITE_KINDS)) assert.ok(endpoints[name], `${name} is an endpoint`);
  });

  test('requests are classified by the contracts\' routes, the hand-mounted ones too', () => {
    const classify = requestClassifier(api as Record<string, Endpoint>);
    assert.equal(classify('POST', '/posts'), 'post');
    assert.equal(classify('POST', '/posts/12/replies'), 'post');
    assert.equal(classify('POST', '/posts/12/replies/'), 'post');
    assert.equal(classify('PATCH', '/posts/12'), 'write');
    assert.equal(classify('POST', '/questions'), 'question');
    assert.equal(classify('POST', '/questions/3/answers'), 'question');
    assert.equal(classify('PUT', '/answers/3/vote'), 'react');
    assert.equal(classify('PUT', '/people/bob/skills/rust/endorsement'), 'react');
    assert.equal(classify('PUT', '/tags/rust/follow'), 'react');
    assert.equal(classify('POST', '/reports'), 'report');
    assert.equal(classify('POST', '/moderation/items/post/4/hide'), 'write');
    assert.equal(classify('GET', '/events'), 'read');
    assert.equal(classify('GET', '/audit.csv'), 'read');
    assert.equal(classify('DELETE', '/no/such/route'), 'write');
  });
});

/*
 * The must-show burst: one person, 500 post creates, alternating between two real server
 * processes on one PostgreSQL, 20 in flight. The limit holds across both instances (the counters
 * live in the shared database), exactly 30 are created, and every acknowledged post is there.
 */
test(
  'a burst of 500 posts by one person across two server instances: 30 are 201, 470 are 429, nothing acknowledged is lost',
  { skip: TEST_DB === 'postgres' ? false : 'needs PostgreSQL (two server processes share one database; PGlite is one process)', timeout: 180_000 },
  async () => {
    const db = await testDatabase();
    const servers: ReturnType<typeof startServer>[] = [];
    try {
      await migrate(db);
      // Both servers work in this test's schema, through the connection's search_path.
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.searchParams.set('options', `-c search_path=${db.namespace}`);
      const env = {
        DATABASE_URL: url.toString(), AUTH_MODE: 'signed', AUTH_JWT_SECRET: TEST_SECRET, SERVE_DEMO: 'false', LOG_LEVEL: 'info',
      };
      servers.push(startServer(env), startServer(env));
      const urls = await Promise.all(servers.map((s) => s.listening));
      const token = await sign(alice);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      for (const base of urls) assert.equal((await fetch(`${base}/api/v1/me`, { headers })).status, 200);

      const results: { status: number; retryAfter: string | null; id?: number; via: number }[] = [];
      let next = 0;
      const worker = async () => {
        while (next < 500) {
          const i = next++;
          const via = i % 2;
          const res = await fetch(`${urls[via]}/api/v1/posts`, { method: 'POST', headers, body: JSON.stringify({ body: `Burst post ${i}` }) });
          const body = (await res.json()) as { id?: number };
          results.push({ status: res.status, retryAfter: res.headers.get('retry-after'), via, ...(res.status === 201 ? { id: body.id } : {}) });
        }
      };
      await Promise.all(Array.from({ length: 20 }, worker));

      const created = results.filter((r) => r.status === 201);
      const limited = results.filter((r) => r.status === 429);
      console.log(`burst: ${results.length} sent, ${created.length} × 201 (${created.filter((r) => r.via === 0).length} on instance A, ${created.filter((r) => r.via === 1).length} on B), ${limited.length} × 429, other: ${results.length - created.length - limited.length}`);
      assert.equal(results.length, 500);
      assert.equal(created.length, 30);
      assert.equal(limited.length, 470);
      for (const r of limited) assert.match(r.retryAfter ?? '', /^[1-9]\d*$/, 'every 429 has Retry-After');

      // Every acknowledged post is there, read back through both instances.
      const acknowledged = created.map((r) => r.id!).sort((x, y) => x - y);
      for (const base of urls) {
        const seen: number[] = [];
        let cursor: string | null = null;
        do {
          const res: Response = await fetch(`${base}/api/v1/posts?author=alice&limit=50${cursor ? `&cursor=${cursor}` : ''}`, { headers });
          assert.equal(res.status, 200);
          const page = (await res.json()) as { items: { id: number }[]; nextCursor: string | null };
          seen.push(...page.items.map((p) => p.id));
          cursor = page.nextCursor;
        } while (cursor);
        assert.deepEqual(seen.sort((x, y) => x - y), acknowledged, `every acknowledged post is listed by ${base}`);
      }
      const [stored] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM posts WHERE body LIKE 'Burst post %'`);
      assert.equal(stored!.n, 30, 'and nothing more was stored');
    } finally {
      for (const s of servers) s.child.kill('SIGTERM');
      await Promise.all(servers.map((s) => s.exited));
      await db.drop();
    }
  },
);
