import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, API_PREFIX } from '@hearth/contracts';
import { startApp, type TestApp } from './helpers.ts';

let app: TestApp;
before(async () => { app = await startApp(); });
after(() => app.close());

test('the OpenAPI 3.1 document lists every endpoint of the contracts', async () => {
  const res = await app.call('GET', '/api/v1/openapi.json', { as: null });
  assert.equal(res.status, 200);
  assert.equal(res.body.openapi, '3.1.0');
  for (const [operationId, e] of Object.entries(api)) {
    const path = API_PREFIX + e.path.replace(/:(\w+)/g, '{$1}');
    assert.equal(res.body.paths[path]?.[e.method]?.operationId, operationId, `${e.method} ${path}`);
  }
  const list = res.body.paths['/api/v1/posts'].get;
  assert.ok(list.parameters.some((p: { name: string }) => p.name === 'cursor'));
  assert.ok(res.body.paths['/api/v1/posts'].post.requestBody.content['application/json'].schema.properties.body);
});

test('healthz answers without a token', async () => {
  const res = await app.call('GET', '/healthz', { as: null });
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'ok');
});
