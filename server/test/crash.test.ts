import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { people, sign, TEST_DB, TEST_SECRET } from './helpers.ts';
import { startServer } from './spawn-server.ts';

/*
 * kill -9 in the middle of a write burst: a real server process, concurrent creates of posts,
 * replies, questions and answers (half of them with an Idempotency-Key), SIGKILL once some of
 * them were acknowledged and others are still in flight, a restart on the same data (a PGlite
 * folder, or a PostgreSQL schema when the suite runs on PostgreSQL), then:
 *   - every create that was acknowledged (a 201 received) is there, as it was sent;
 *   - a retried create with the same Idempotency-Key replays (200, the same id) instead of storing
 *     it twice, for acknowledged creates and for those the kill cut off alike;
 *   - nothing is stored twice.
 */

const WORKERS = 8;
const KINDS = ['post', 'reply', 'question', 'answer'] as const;
type Kind = (typeof KINDS)[number];
// Limits on (their store is written during the burst too), but far above what the burst sends.
const GENEROUS = Object.fromEntries(['POST', 'QUESTION', 'REACT', 'REPORT', 'WRITE', 'READ'].map((k) => [`RATE_LIMIT_${k}`, '1000000/1h']));

interface Create {
  n: number;
  kind: Kind;
  path: string;
  body: Record<string, unknown>;
  /** The text that identifies it when read back (body, or a question's title). */
  marker: string;
  key?: string;
}

/** Where the data lives: a temporary PGlite folder, or a fresh schema in the test PostgreSQL. */
async function storage(): Promise<{ env: Record<string, string>; remove(): Promise<void> }> {
  if (TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('HEARTH_TEST_DB=postgres needs TEST_DATABASE_URL');
    const schema = `crash_${randomBytes(6).toString('hex')}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try { await client.query(sql); } finally { await client.end(); }
    };
    await admin(`CREATE SCHEMA ${schema}`);
    // The server takes its schema from the connection string, as any deployment could.
    const inSchema = new URL(url);
    inSchema.searchParams.set('options', `-c search_path=${schema}`);
    return { env: { DATABASE_URL: inSchema.toString() }, remove: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
  }
  const dir = await mkdtemp(join(tmpdir(), 'hearth-crash-'));
  return { env: { DATA_DIR: dir }, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Resolves with the base URL once the server listens and its /healthz answers 200. */
async function ready(server: ReturnType<typeof startServer>): Promise<string> {
  const url = (await server.listening).replace(/\/$/, '');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${url}/healthz`).catch(() => null);
    if (res?.status === 200) return url;
    await res?.body?.cancel();
    if (Date.now() > deadline) throw new Error(`/healthz never answered 200:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // a poll interval, not a wait for something
  }
}

test(`kill -9 during a write burst (${TEST_DB}): every acknowledged write is there after a restart, and a retried create replays`, { timeout: 180_000 }, async (t: TestContext) => {
  const data = await storage();
  const env = { ...data.env, AUTH_MODE: 'signed', AUTH_JWT_SECRET: TEST_SECRET, SEED: 'off', SERVE_DEMO: 'false', RATE_LIMITS: 'on', ...GENEROUS };
  const token = await sign(people.alice, { expiresIn: '1h' });
  const servers: ReturnType<typeof startServer>[] = [];
  try {
    const first = startServer(env);
    servers.push(first);
    let url = await ready(first);
    const call = async (method: string, path: string, body?: unknown, key?: string) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (key) headers['idempotency-key'] = key;
      const res = await fetch(`${url}/api/v1${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };

    // What the replies and answers of the burst attach to.
    const run = randomBytes(4).toString('hex');
    const root = await call('POST', '/posts', { body: `crash ${run}: the thread` });
    assert.equal(root.status, 201, JSON.stringify(root.body));
    const rootQuestion = await call('POST', '/questions', { title: `crash ${run}: where do the answers go?` });
    assert.equal(rootQuestion.status, 201, JSON.stringify(rootQuestion.body));
    const me = await call('GET', '/me');

    const create = (n: number): Create => {
      const kind = KINDS[n % KINDS.length]!;
      const marker = `crash ${run} write ${n}`;
      const key = n % 2 === 0 ? `crash-${run}-${n}` : undefined;
      switch (kind) {
        case 'post': return { n, kind, key, marker, path: '/posts', body: { body: marker } };
        case 'reply': return { n, kind, key, marker, path: `/posts/${root.body.id}/replies`, body: { body: marker } };
        case 'question': return { n, kind, key, marker, path: '/questions', body: { title: marker, body: 'asked during the burst' } };
        case 'answer': return { n, kind, key, marker, path: `/questions/${rootQuestion.body.id}/answers`, body: { body: marker } };
      }
    };

    // The burst: WORKERS creates always in flight; SIGKILL once `killAt` were acknowledged.
    const killAt = randomInt(20, 60);
    const acknowledged: (Create & { id: number })[] = [];
    const cutOff: Create[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const c = create(next++);
        let res: Awaited<ReturnType<typeof call>>;
        try {
          res = await call('POST', c.path, c.body, c.key);
        } catch (error) {
          if (!killed) throw error;
          cutOff.push(c); // sent, and no answer: it may or may not have been stored
          continue;
        }
        assert.equal(res.status, 201, `${c.kind} ${c.n}: ${JSON.stringify(res.body)}`);
        acknowledged.push({ ...c, id: res.body.id });
        if (acknowledged.length >= killAt && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    await first.exited;
    assert.equal(first.child.signalCode, 'SIGKILL', 'the server was killed, not stopped');
    t.diagnostic(`${acknowledged.length} creates acknowledged before the kill, ${cutOff.length} cut off by it (${cutOff.filter((c) => c.key).length} with a key)`);
    assert.ok(cutOff.length > 0, 'the kill came while creates were in flight');

    // The same data, a new process.
    const second = startServer(env);
    servers.push(second);
    url = await ready(second);

    // Every acknowledged create is there, as sent.
    const rootAnswers = async () => (await call('GET', `/questions/${rootQuestion.body.id}`)).body.answers as { id: number; body: string }[];
    const answersBefore = await rootAnswers();
    for (const c of acknowledged) {
      if (c.kind === 'answer') {
        assert.equal(answersBefore.find((a) => a.id === c.id)?.body, c.marker, `answer ${c.id} (write ${c.n}) was acknowledged and is lost`);
        continue;
      }
      const res = await call('GET', c.kind === 'question' ? `/questions/${c.id}` : `/posts/${c.id}`);
      assert.equal(res.status, 200, `${c.kind} ${c.id} (write ${c.n}) was acknowledged and is lost: ${JSON.stringify(res.body)}`);
      assert.equal(c.kind === 'question' ? res.body.title : res.body.body, c.marker);
      if (c.kind === 'reply') assert.equal(res.body.parentId, root.body.id);
    }

    // A retry with the same key replays: 200 and the same id for what was acknowledged. For what
    // the kill cut off: 200 (it was stored), 201 (it was not: stored now), or 409 while the dead
    // process's claim on the key lasts (then nothing was stored: the claim and the create commit
    // together).
    const claimed: Create[] = [];
    for (const c of acknowledged.filter((a) => a.key)) {
      const res = await call('POST', c.path, c.body, c.key);
      assert.equal(res.status, 200, `retry of ${c.kind} ${c.n}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.id, c.id, `retry of ${c.kind} ${c.n} replays the first ${c.kind}`);
    }
    for (const c of cutOff.filter((a) => a.key)) {
      const res = await call('POST', c.path, c.body, c.key);
      assert.ok([200, 201, 409].includes(res.status), `retry of ${c.kind} ${c.n}: ${res.status} ${JSON.stringify(res.body)}`);
      if (res.status === 409) claimed.push(c);
    }

    // Nothing stored twice: each write's marker at most once (exactly once when acknowledged).
    const markers = new Map<string, number>();
    const count = (text: string) => { if (text.startsWith(`crash ${run} write `)) markers.set(text, (markers.get(text) ?? 0) + 1); };
    for (const [path, field] of [
      [`/posts?author=${me.body.handle}&limit=50`, 'body'],
      [`/posts/${root.body.id}/replies?limit=50`, 'body'],
      [`/questions?author=${me.body.handle}&limit=50`, 'title'],
    ] as const) {
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof call>> = await call('GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        for (const item of page.body.items) count(item[field]);
        cursor = page.body.nextCursor;
      } while (cursor);
    }
    for (const a of await rootAnswers()) count(a.body);
    const twice = [...markers].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], 'stored twice');
    for (const c of acknowledged) assert.equal(markers.get(c.marker), 1, `${c.kind} ${c.n} is in its list once`);
    for (const c of claimed) assert.equal(markers.get(c.marker), undefined, `${c.kind} ${c.n}: 409 for a key whose create was stored`);
    t.diagnostic(`after the restart: ${acknowledged.length} acknowledged found, ${acknowledged.filter((a) => a.key).length} replayed; ${claimed.length} cut-off keys still claimed (409)`);

    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0);
  } finally {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exited));
    await data.remove();
  }
});
