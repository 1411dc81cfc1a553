import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { people, startApp, type TestApp } from './helpers.ts';
import { signPayload, verifySignature } from '../src/features/webhooks/signature.ts';

const SECRET = 'webhook-secret-that-is-long-enough-0123456789';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  validSignature: boolean;
}

/** A real HTTP receiver on loopback, as a portal's bridge would run; `failures` 500s first. */
async function receiver(failures: number) {
  const received: Received[] = [];
  let toFail = failures;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const validSignature = verifySignature(SECRET, req.headers['hearth-signature'] as string | undefined, body);
      received.push({ headers: req.headers, body, validSignature });
      if (toFail-- > 0) {
        res.writeHead(500).end('not today');
        return;
      }
      res.writeHead(validSignature ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hearth`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Runs the worker until `done` holds: the retry waits are real time, bounded here. */
async function drain(app: TestApp, done: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    await app.outbox.run();
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the outbox did not finish in time');
}

describe('the question webhook', () => {
  let hook: Awaited<ReturnType<typeof receiver>>;
  let app: TestApp;
  before(async () => {
    hook = await receiver(1);
    app = await startApp({ WEBHOOK_URL: hook.url, WEBHOOK_SECRET: SECRET, WEBHOOK_RETRY_BASE_MS: '50' });
  });
  after(async () => {
    await app.close();
    await hook.close();
  });

  test('asking posts a signed JSON payload, retried after a failure until it is delivered', async () => {
    const q = await app.call('POST', '/api/v1/questions', { as: people.alice, body: { title: 'Who can approve a purchase order over 10k?', tags: ['procurement'] } });
    assert.equal(q.status, 201);
    const delivery = async () => (await app.db.query<{ attempts: number; delivered: boolean; last_error: string | null }>(
      'SELECT attempts, delivered_at IS NOT NULL AS delivered, last_error FROM webhook_deliveries'))[0]!;
    await app.outbox.run();
    assert.equal(hook.received.length, 1);
    assert.deepEqual(await delivery(), { attempts: 1, delivered: false, last_error: 'HTTP 500' });
    await drain(app, async () => (await delivery()).delivered);
    assert.equal(hook.received.length, 2, 'delivered on the second attempt');
    const [first, second] = hook.received;
    assert.equal(first!.body, second!.body, 'the retry sends the same payload');
    assert.ok(second!.validSignature);
    assert.equal(second!.headers['content-type'], 'application/json');
    assert.equal(second!.headers['hearth-event'], 'question.asked');
    const payload = JSON.parse(second!.body);
    assert.equal(payload.event, 'question.asked');
    assert.deepEqual(payload.question, { id: q.body.id, title: 'Who can approve a purchase order over 10k?', tags: ['procurement'], community: null, askedBy: 'alice' });
    assert.ok(Array.isArray(payload.experts));
    assert.deepEqual(await delivery(), { attempts: 2, delivered: true, last_error: null });
  });

  test('a receiver rejects a wrong secret, a tampered body, a malformed header and a stale timestamp', () => {
    const body = JSON.stringify({ event: 'question.asked', question: { id: 1 } });
    const header = signPayload(SECRET, body);
    assert.equal(verifySignature(SECRET, header, body), true);
    assert.equal(verifySignature('another-secret-that-is-long-enough-9876543210', header, body), false);
    assert.equal(verifySignature(SECRET, header, body.replace('1', '2')), false);
    assert.equal(verifySignature(SECRET, 'v1=deadbeef', body), false);
    assert.equal(verifySignature(SECRET, undefined, body), false);
    const old = signPayload(SECRET, body, Math.floor(Date.now() / 1000) - 3600);
    assert.equal(verifySignature(SECRET, old, body), false);
  });
});

describe('a webhook receiver that is down', () => {
  test('the delivery is given up after 8 attempts, with the last error kept', async () => {
    const hook = await receiver(1000);
    const app = await startApp({ WEBHOOK_URL: hook.url, WEBHOOK_SECRET: SECRET, WEBHOOK_RETRY_BASE_MS: '10' });
    try {
      await app.call('POST', '/api/v1/questions', { as: people.alice, body: { title: 'Is the coffee machine on floor 3 fixed?' } });
      await drain(app, async () => (await app.db.query('SELECT 1 FROM webhook_deliveries WHERE failed_at IS NOT NULL')).length > 0);
      const [row] = await app.db.query<{ attempts: number; last_error: string }>('SELECT attempts, last_error FROM webhook_deliveries');
      assert.deepEqual(row, { attempts: 8, last_error: 'HTTP 500' });
      assert.equal(hook.received.length, 8);
      // Nothing was lost for the asker: the question is there.
      assert.equal((await app.call('GET', '/api/v1/questions')).body.items.length, 1);
    } finally {
      await app.close();
      await hook.close();
    }
  });
});
