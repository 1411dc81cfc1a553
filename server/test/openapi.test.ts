import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS from 'openapi-typescript';
import { api, API_PREFIX, type Endpoint } from '@hearth/contracts';
import { startApp, type TestApp } from './helpers.ts';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

let app: TestApp;
let dir: string;
let doc: any;
before(async () => {
  app = await startApp();
  dir = await mkdtemp(join(tmpdir(), 'hearth-openapi-'));
  const res = await app.call('GET', '/api/v1/openapi.json', { as: null });
  assert.equal(res.status, 200);
  doc = res.body;
});
after(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const operations = () => Object.entries(api as Record<string, Endpoint>).map(([operationId, e]) => {
  const path = API_PREFIX + e.path.replace(/:(\w+)/g, '{$1}');
  return { operationId, e, path, op: doc.paths[path]?.[e.method] };
});

test('the OpenAPI 3.1 document lists every endpoint of the contracts', () => {
  assert.equal(doc.openapi, '3.1.0');
  for (const { operationId, e, path, op } of operations()) assert.equal(op?.operationId, operationId, `${e.method} ${path}`);
  const list = doc.paths['/api/v1/posts'].get;
  assert.ok(list.parameters.some((p: { name: string }) => p.name === 'cursor'));
  assert.ok(doc.paths['/api/v1/posts'].post.requestBody.content['application/json'].schema.properties.body);
});

test('@redocly/cli lint finds no error and no warning in the served document', async () => {
  const file = join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(doc, null, 2));
  const result = await run(process.execPath, [
    join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--format=json', '--config', join(root, 'redocly.yaml'),
  ], { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' }, maxBuffer: 64 << 20 })
    // It exits 1 when it finds errors: the report is on stdout all the same.
    .catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
  const report = JSON.parse(result.stdout) as {
    totals: { errors: number; warnings: number };
    problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
  };
  const problems = report.problems.slice(0, 10).map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`).join('\n');
  assert.deepEqual(report.totals, { ...report.totals, errors: 0, warnings: 0 }, problems);
});

test('shared schemas are components, and every $ref resolves inside the document', () => {
  const refs: string[] = [];
  const walk = (value: unknown, at: string) => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${at}/${i}`));
    if (!value || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      assert.ok(key !== '$defs' && key !== '$id' && key !== '$schema', `${at}/${key}: no ${key} in an OpenAPI document`);
      if (key === '$ref') refs.push(v as string);
      walk(v, `${at}/${key}`);
    }
  };
  walk(doc, '#');
  for (const ref of new Set(refs)) {
    assert.match(ref, /^#\/components\/(schemas|responses|headers)\//, ref);
    const target = ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<any>((node, segment) => node?.[segment], doc);
    assert.ok(target, `${ref} resolves`);
  }
  for (const id of ['Post', 'PostPage', 'PersonSummary', 'Problem', 'Community', 'QuestionDetail']) {
    assert.ok(doc.components.schemas[id], `components.schemas.${id}`);
  }
  assert.deepEqual(doc.paths['/api/v1/posts/{id}'].get.responses['200'].content['application/json'].schema, { $ref: '#/components/schemas/Post' });
});

test('every status an operation can answer is documented, each 4xx and 5xx as problem+json', () => {
  for (const { operationId, e, op } of operations()) {
    const codes = Object.keys(op.responses);
    const write = e.method !== 'get';
    const idempotent = Object.keys(e.headers ?? {}).includes('Idempotency-Key');
    const expected = [
      String(e.status), '401', '404', '429', '500',
      ...(e.params || e.query || e.body || e.headers ? ['400'] : []),
      ...(write ? ['403', '409', '413', '415'] : []),
      ...(e.body ? ['413'] : []),
      ...(idempotent ? ['200', '409', '422'] : []),
    ];
    for (const code of expected) assert.ok(codes.includes(code), `${operationId} documents ${code}`);
    for (const code of codes.filter((c) => Number(c) >= 400)) {
      const name = /^#\/components\/responses\/(\w+)$/.exec(op.responses[code].$ref)?.[1];
      assert.ok(name, `${operationId} ${code} is a shared problem response`);
      assert.ok(doc.components.responses[name].content['application/problem+json'], `${operationId} ${code} is problem+json`);
    }
  }
  assert.ok(doc.paths['/api/v1/communities/inactive'].get.responses['403'], 'admins-only reads answer 403');
  assert.ok(doc.paths['/api/v1/communities/{slug}/requests'].get.responses['403'], 'managers-only reads answer 403');
  const tooMany = doc.components.responses.TooManyRequests;
  assert.ok(tooMany.headers['Retry-After'] && tooMany.headers.RateLimit, '429 documents Retry-After and RateLimit');
  assert.ok(doc.paths['/api/v1/posts'].post.responses['201'].headers.RateLimit, 'successes document RateLimit');
  assert.ok(doc.paths['/api/v1/audit'].get.responses['403'], 'the audit trail is for admins');
});

test('the audit export is documented as a text/csv attachment, not JSON', () => {
  const ok = doc.paths['/api/v1/audit.csv'].get.responses['200'];
  assert.deepEqual(Object.keys(ok.content), ['text/csv']);
  assert.equal(ok.content['text/csv'].schema.type, 'string');
  assert.ok(ok.headers['Content-Disposition']);
  assert.ok(doc.paths['/api/v1/audit.csv'].get.parameters.some((p: { name: string }) => p.name === 'action'));
});

test('openapi-typescript generates a typed client from the served document that compiles', async () => {
  const types = await openapiTS(doc, { exportType: false });
  for (const { operationId, path } of operations()) {
    assert.ok(types.includes(`  ${operationId}: {`), `operations.${operationId}`);
    assert.ok(types.includes(`"${path}": {`), `paths["${path}"]`);
  }
  await writeFile(join(dir, 'api.d.ts'), types);
  await writeFile(join(dir, 'client.ts'), `
import type { components, operations, paths } from './api.js';
type CreatePost = operations['createPost']['requestBody']['content']['application/json'];
export const ok: CreatePost = { body: 'hi', tags: ['a'] };
// @ts-expect-error a post has a body
export const bad: CreatePost = { text: 'hi' };
type Created = operations['createPost']['responses'][201]['content']['application/json'];
export const id = (p: Created): number => p.id;
export const author = (p: components['schemas']['Post']): string => p.author.handle;
type TooMany = operations['createPost']['responses'][429]['content']['application/problem+json'];
export const status = (p: TooMany): number => p.status;
export const path: keyof paths = '/api/v1/posts/{id}';
`);
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const compiled = await run(process.execPath, [
    tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--target', 'es2022', 'client.ts',
  ], { cwd: dir }).then(() => '', (error: { stdout?: string }) => error.stdout ?? String(error));
  assert.equal(compiled, '', 'the generated types compile and type a client');
});

test('healthz answers without a token', async () => {
  const res = await app.call('GET', '/healthz', { as: null });
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'ok');
});
