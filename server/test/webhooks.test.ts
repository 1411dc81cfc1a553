import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { people, startApp, type TestApp } from './helpers.ts';
import { Webhook } from 'standardwebhooks';
import { verifyWebhook, webhookHeaders } from '../src/features/webhooks/signature.ts';

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
      const validSignature = verifyWebhook(SECRET, req.headers, body);
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
    assert.equal(first!.headers['webhook-id'], second!.headers['webhook-id'], 'and the same webhook-id, for receivers to drop duplicates');
    assert.ok(second!.validSignature);
    assert.equal(second!.headers['content-type'], 'application/json');
    // A receiver verifies it with the Standard Webhooks library of its language, here Node's.
    assert.doesNotThrow(() => new Webhook(SECRET, { format: 'raw' }).verify(second!.body, second!.headers as Record<string, string>));
    const payload = JSON.parse(second!.body);
    assert.equal(payload.type, 'question.asked');
    assert.ok(!Number.isNaN(Date.parse(payload.timestamp)));
    assert.deepEqual(payload.data.question, { id: q.body.id, title: 'Who can approve a purchase order over 10k?', tags: ['procurement'], community: null, askedBy: 'alice' });
    assert.ok(Array.isArray(payload.data.experts));
    assert.deepEqual(await delivery(), { attempts: 2, delivered: true, last_error: null });
  });

  test('a receiver rejects a wrong secret, a tampered body, a malformed header and a stale timestamp', () => {
    const body = JSON.stringify({ type: 'question.asked', timestamp: new Date().toISOString(), data: { question: { id: 1 } } });
    const headers = webhookHeaders(SECRET, 'msg_1', body);
    assert.equal(verifyWebhook(SECRET, headers, body), true);
    assert.equal(verifyWebhook('another-secret-that-is-long-enough-9876543210', headers, body), false);
    assert.equal(verifyWebhook(SECRET, headers, body.replace('1', '2')), false);
    assert.equal(verifyWebhook(SECRET, { ...headers, 'webhook-signature': 'v1,deadbeef' }, body), false);
    assert.equal(verifyWebhook(SECRET, { ...headers, 'webhook-id': 'msg_2' }, body), false);
    assert.equal(verifyWebhook(SECRET, {}, body), false);
    const old = webhookHeaders(SECRET, 'msg_1', body, new Date(Date.now() - 3600_000));
    assert.equal(verifyWebhook(SECRET, old, body), false);
    // A Standard Webhooks secret (whsec_ and base64) works as the specification says.
    const standard = `whsec_${Buffer.from('a-secret-of-at-least-twenty-four-bytes!!').toString('base64')}`;
    const signed = webhookHeaders(standard, 'msg_9', body);
    assert.doesNotThrow(() => new Webhook(standard).verify(body, signed));
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
