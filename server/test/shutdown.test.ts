import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import pg from 'pg';
import { people, sign, TEST_DB } from './helpers.ts';
import { stream } from './event-stream.ts';
import { launchInstance, startInstance, stopInstance, storage, type Instance } from './instances.ts';

/** Readiness while starting and draining, and SIGTERM's graceful drain, on a real server process. */

const GRACE_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POST /api/v1/posts whose body is sent in two halves: `finish()` sends the rest. */
function slowPost(url: string, token: string, body: string) {
  const payload = JSON.stringify({ body, community: 'general' });
  const half = Math.floor(payload.length / 2);
  const req = request(`${url}/api/v1/posts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
  });
  const answer = new Promise<{ status: number; body: any; at: number }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), at: Date.now() }));
    });
    req.on('error', reject);
  });
  req.write(payload.slice(0, half));
  return { answer, finish: () => req.end(payload.slice(half)) };
}

describe(`graceful shutdown of a server process (${TEST_DB})`, { timeout: 120_000 }, () => {
  let data: Awaited<ReturnType<typeof storage>>;
  const running: Instance[] = [];

  before(async () => {
    data = await storage();
  });
  after(async () => {
    await Promise.all(running.map(stopInstance));
    await data?.remove();
  });

  test('readiness 503 at once; served through the grace period; streams get `shutdown`; the request in flight completes; exit 0', async () => {
    const server = await startInstance(data.databaseUrl, data.dataDir('a'), { SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    running.push(server);
    const token = await sign(people.alice);
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal((await ready.json()).status, 'ready');

    const live = await stream(server.url, token);
    const slow = slowPost(server.url, token, 'Sent slowly across a shutdown');
    await sleep(300); // the request's headers and half its body are on the server

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    // Not ready any more, at once; still alive, and still serving during the grace period.
    let readyz = await fetch(`${server.url}/readyz`);
    for (let i = 0; readyz.status === 200 && i < 20; i++) {
      await sleep(10); // the signal reaches the process asynchronously
      readyz = await fetch(`${server.url}/readyz`);
    }
    assert.equal(readyz.status, 503);
    assert.deepEqual(await readyz.json(), { status: 'draining' });
    assert.ok(Date.now() - signalledAt < GRACE_MS / 2, 'readiness turned 503 long before the grace period ended');
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    const during = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(during.status, 200, 'a new request during the grace period is served');
    assert.equal(during.headers.get('connection'), 'close', 'draining: no connection is kept alive');
    await during.body?.cancel();

    // After the grace period: the stream's last event says to reconnect elsewhere, then it ends.
    const last = await live.next(GRACE_MS + 3000);
    assert.ok(Date.now() - signalledAt >= GRACE_MS - 100, 'streams are ended after the grace period, not before');
    assert.equal(last.event, 'shutdown');
    assert.equal(last.id, undefined, 'not an event of the outbox: the client resumes after its last real one');
    assert.equal(last.data.type, 'shutdown');
    await assert.rejects(live.next(3000), /the event stream ended/);
    assert.equal(server.child.exitCode, null, 'still running: a request is in flight');

    // The request in flight completes, and only then does the process exit, with 0.
    slow.finish();
    const answer = await slow.answer;
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.ok(Number.isSafeInteger(answer.body.id));
    assert.equal(await server.exited, 0, server.output);
    assert.match(server.output, /"streams":1/);
    assert.match(server.output, /stopped/);
  });

  test('while starting (migrations waiting), /readyz and the API answer 503, /healthz 200; then ready', {
    skip: TEST_DB !== 'postgres' ? 'PostgreSQL only: the test holds the migration lock to keep the server starting' : false,
  }, async () => {
    // migrate() takes this advisory lock for each migration: held here, the server waits.
    const holder = new pg.Client({ connectionString: data.databaseUrl });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(72450001)');
    const { instance, starting, ready } = launchInstance(data.databaseUrl, data.dataDir('b'));
    running.push(instance);
    try {
      const url = await starting;
      const readyz = await fetch(`${url}/readyz`);
      assert.equal(readyz.status, 503);
      assert.deepEqual(await readyz.json(), { status: 'starting' });
      const healthz = await fetch(`${url}/healthz`);
      assert.equal(healthz.status, 200);
      assert.deepEqual(await healthz.json(), { status: 'starting' });
      const api = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${await sign(people.alice)}` } });
      assert.equal(api.status, 503);
      assert.equal(api.headers.get('retry-after'), '1');
      assert.equal(api.headers.get('content-type'), 'application/problem+json');
      await api.body?.cancel();
    } finally {
      await holder.query('SELECT pg_advisory_unlock(72450001)');
      await holder.end();
    }
    instance.url = await ready;
    const readyz = await fetch(`${instance.url}/readyz`);
    assert.equal(readyz.status, 200);
    assert.deepEqual(await readyz.json(), { status: 'ready', database: 'postgres' });
  });
});
