import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { people, sign, startApp, takeEvents, type TestApp } from './helpers.ts';

/** Opens GET /events with `token`; `events` fills as blocks arrive, `ended` resolves when the server ends it. */
async function openStream(app: TestApp, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${app.url}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  assert.equal(res.status, 200);
  const events: { event: string; data: any }[] = [];
  let buffer = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return Date.now();
      buffer = takeEvents(buffer + value, events);
    }
  })();
  return { events, ended, close: () => controller.abort() };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

describe('live streams end with their credential', () => {
  let app: TestApp;
  before(async () => {
    app = await startApp();
  });
  after(() => app.close());

  test('a stream opened with a token that expires in 2 s is ended by the server shortly after, saying why', async () => {
    const token = await sign(people.alice, { expiresIn: '2s' });
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    const stream = await openStream(app, token);
    const endedAt = await within(stream.ended, 6000);
    assert.notEqual(endedAt, 'timeout', 'the stream outlived its token');
    // Not before the token's expiry, and soon after it.
    assert.ok((endedAt as number) >= exp * 1000 - 50, `ended ${exp * 1000 - (endedAt as number)} ms before the token expired`);
    assert.ok((endedAt as number) <= exp * 1000 + 1500, `ended ${(endedAt as number) - exp * 1000} ms after the token expired`);
    assert.deepEqual(stream.events.map((e) => e.event), ['ready', 'expired']);
    // `ready` said how long the stream had, so a client can open its next one before.
    const { expiresIn } = stream.events[0]!.data as { expiresIn: number };
    assert.ok(expiresIn > 0 && expiresIn <= 2000, `expiresIn ${expiresIn}`);
    assert.match(stream.events[1]!.data.reason, /expired/);
  });

  test('a stream opened with a long-lived token stays open and keeps delivering', async () => {
    const short = await openStream(app, await sign(people.bob, { expiresIn: '2s' }));
    const long = await openStream(app, await sign(people.alice, { expiresIn: '10m' }));
    // Past the short token's expiry: that stream has ended, this one has not.
    assert.notEqual(await within(short.ended, 6000), 'timeout');
    assert.equal(await within(long.ended, 500), 'timeout', 'the long-lived stream was ended');
    const created = await app.call('POST', '/api/v1/posts', { as: people.carol, body: { body: 'Still listening?', community: 'general' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    for (let i = 0; i < 50 && !long.events.some((e) => e.event === 'post.created'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(long.events.some((e) => e.event === 'post.created' && e.data.postId === created.body.id), 'no event after the short stream ended');
    assert.ok(!long.events.some((e) => e.event === 'expired'));
    assert.ok(long.events[0]!.data.expiresIn > 9 * 60_000, 'ready did not say how long the stream has');
    long.close();
  });
});
