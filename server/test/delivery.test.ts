import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { loadConfig } from '../src/config.ts';
import { widgetAssets } from '../src/http/widgets.ts';
import { people, startApp, type TestApp } from './helpers.ts';

const PORTAL = 'https://intranet.example.com';

describe('CORS for the API: allowed portal origins only', () => {
  let app: TestApp;
  before(async () => { app = await startApp({ ALLOWED_ORIGINS: `${PORTAL}, https://legacy.example.org:8443` }); });
  after(() => app.close());

  test('an allowed origin may call the API, with credentials', async () => {
    const res = await app.call('GET', '/api/v1/me', { as: people.alice, headers: { origin: PORTAL } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), PORTAL);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    assert.match(res.headers.get('vary') ?? '', /Origin/);
  });

  test('its preflight is answered with the methods and headers the widgets use', async () => {
    const res = await fetch(`${app.url}/api/v1/posts`, {
      method: 'OPTIONS',
      headers: { origin: PORTAL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), PORTAL);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /PATCH/);
  });

  test('any other origin gets no CORS headers, so its browser cannot read the answer', async () => {
    const res = await app.call('GET', '/api/v1/me', { as: people.alice, headers: { origin: 'https://evil.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(`${app.url}/api/v1/posts`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });

  test('an ALLOWED_ORIGINS value that is not an origin stops start-up', () => {
    assert.throws(() => loadConfig({ ALLOWED_ORIGINS: 'https://intranet.example.com/portal' }), /ALLOWED_ORIGINS/);
    assert.throws(() => loadConfig({ ALLOWED_ORIGINS: 'intranet.example.com' }), /ALLOWED_ORIGINS/);
    assert.deepEqual(loadConfig({ ALLOWED_ORIGINS: `${PORTAL},http://localhost:3000` }).allowedOrigins, [PORTAL, 'http://localhost:3000']);
  });
});

describe('the embed pages', () => {
  let app: TestApp;
  before(async () => { app = await startApp({ ALLOWED_ORIGINS: PORTAL }); });
  after(() => app.close());

  const page = (path: string) => fetch(app.url + path).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() }));

  test('/embed/feed renders the widget with the attributes from the query, under a strict policy', async () => {
    const res = await page('/embed/feed?community=engineering&compose&page-size=5&theme=dark');
    assert.equal(res.status, 200);
    assert.match(res.text, /<hearth-feed community="engineering" compose page-size="5" theme="dark"><\/hearth-feed>/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, new RegExp(`frame-ancestors 'self' ${PORTAL}`));
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(res.text, /<script>|style="/, 'no inline script or style');
  });

  test('a value cannot break out of its attribute', async () => {
    const res = await page(`/embed/feed?community=${encodeURIComponent('"><script>alert(1)</script>')}&lang=${encodeURIComponent('en"><x')}`);
    assert.equal(res.status, 200);
    assert.ok(!res.text.includes('<script>alert'), res.text);
    assert.match(res.text, /community="&#34;&#62;&#60;script&#62;alert\(1\)&#60;\/script&#62;"/);
    assert.match(res.text, /<html lang="en" dir="ltr">/);
  });

  test('the frame takes the language, and the direction of a right-to-left one', async () => {
    assert.match((await page('/embed/feed?lang=de-AT')).text, /<html lang="de-AT" dir="ltr">/);
    assert.match((await page('/embed/feed?lang=ar')).text, /<html lang="ar" dir="rtl">/);
    assert.match((await page('/embed/tag-cloud?lang=he-IL')).text, /<html lang="he-IL" dir="rtl">/);
  });

  test('without a lang, the frame speaks the browser\'s first language', async () => {
    const res = await fetch(`${app.url}/embed/feed`, { headers: { 'Accept-Language': 'fr-CH, fr;q=0.9, en;q=0.8' } });
    assert.match(await res.text(), /<html lang="fr-CH" dir="ltr">/);
    assert.match(res.headers.get('vary') ?? '', /Accept-Language/);
    const none = await fetch(`${app.url}/embed/feed`, { headers: { 'Accept-Language': '*' } });
    assert.match(await none.text(), /<html lang="en" dir="ltr">/);
  });

  test('an unknown widget is a 404 and an unknown attribute a 400, both saying what exists', async () => {
    const missing = await page('/embed/poll');
    assert.equal(missing.status, 404);
    assert.match(missing.text, /feed, tag-cloud, community-card, ask-expert/);
    const unknown = await page('/embed/feed?onload=x');
    assert.equal(unknown.status, 400);
    assert.match(JSON.parse(unknown.text).detail, /"onload" is not an attribute of hearth-feed/);
    assert.equal((await page('/embed/feed?community=a&community=b')).status, 400);
  });

  test('permalinks: a post (and a reply in it), a question (and an answer), a community, each on a page of its own', async () => {
    const post = await page('/embed/post/42?reply=43&theme=dark&lang=fr');
    assert.equal(post.status, 200);
    assert.match(post.text, /<hearth-feed post="42" reply="43" theme="dark" lang="fr"><\/hearth-feed>/);
    assert.match(post.text, /<html lang="fr" dir="ltr">/);
    assert.match(post.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors 'self' ${PORTAL}`));
    assert.match((await page('/embed/question/7?answer=9')).text, /<hearth-ask-expert question="7" answer="9"><\/hearth-ask-expert>/);
    assert.match((await page('/embed/community/engineering')).text, /<hearth-community-card community="engineering"><\/hearth-community-card>/);
  });

  test('a permalink that names nothing is a 404; a query it does not take is a 400', async () => {
    for (const path of ['/embed/post/0', '/embed/post/abc', '/embed/post/99999999999', '/embed/question/-1', '/embed/community/Not_A_Slug']) {
      assert.equal((await page(path)).status, 404, path);
    }
    for (const path of ['/embed/post/1?reply=x', '/embed/post/1?answer=2', '/embed/question/1?community=a', '/embed/post/1?reply=2&reply=3', `/embed/post/1?theme=${'x'.repeat(301)}`]) {
      const res = await page(path);
      assert.equal(res.status, 400, path);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
    const escaped = await page(`/embed/post/1?theme=${encodeURIComponent('"><script>x</script>')}`);
    assert.ok(!escaped.text.includes('<script>x'), 'a value cannot break out of its attribute');
  });

  test('the resize helper is served for any host page to load', async () => {
    const res = await page('/widgets/embed-resize.js');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.match(res.text, /event\.origin !== hearth/, 'it checks where messages come from');
  });
});

describe('widget assets', () => {
  let dir: string;
  let url: string;
  let server: ReturnType<express.Express['listen']>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-widgets-'));
    await writeFile(join(dir, 'hearth.js'), 'import "./chunk-lit-Ab12Cd34.js";');
    await writeFile(join(dir, 'chunk-lit-Ab12Cd34.js'), 'export const lit = 1;');
    const app = express().use('/widgets', widgetAssets(dir));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('any page may load them (CORP cross-origin, CORS *); entries cache briefly, hashed chunks for a year', async () => {
    const entry = await fetch(`${url}/widgets/hearth.js`);
    assert.equal(entry.status, 200);
    assert.equal(entry.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(entry.headers.get('access-control-allow-origin'), '*');
    assert.equal(entry.headers.get('cache-control'), 'public, max-age=300');
    const chunk = await fetch(`${url}/widgets/chunk-lit-Ab12Cd34.js`);
    assert.equal(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  });

  test('integrity.json publishes the sha384 of every bundle', async () => {
    const res = await fetch(`${url}/widgets/integrity.json`);
    const hashes = await res.json();
    assert.deepEqual(Object.keys(hashes), ['chunk-lit-Ab12Cd34.js', 'hearth.js']);
    const expected = `sha384-${createHash('sha384').update('import "./chunk-lit-Ab12Cd34.js";').digest('base64')}`;
    assert.equal(hashes['hearth.js'], expected);
  });

  test('the API and other pages do not get the cross-origin resource policy', async () => {
    const app = await startApp();
    try {
      const res = await fetch(`${app.url}/healthz`);
      assert.equal(res.headers.get('cross-origin-resource-policy'), null);
    } finally {
      await app.close();
    }
  });
});

describe('the demo token endpoint for allowed portal origins', () => {
  test('a host page on an allowed origin may fetch a demo token with its cookies', async () => {
    const app = await startApp({ AUTH_MODE: 'demo', AUTH_JWT_SECRET: '', SERVE_DEMO: 'true', ALLOWED_ORIGINS: PORTAL });
    try {
      await app.db.query(`INSERT INTO people (external_id, handle, name, roles) VALUES ('demo:maria.lopez', 'maria.lopez', 'Maria López', '{employee}')`);
      const res = await fetch(`${app.url}/demo/token`, { headers: { origin: PORTAL } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), PORTAL);
      assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
      assert.ok((await res.json()).token);
      const other = await fetch(`${app.url}/demo/token`, { headers: { origin: 'https://evil.example' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    } finally {
      await app.close();
    }
  });
});

describe('the embed frame files', () => {
  test('frame.js and frame.css are served, not taken for widgets', async () => {
    const app = await startApp();
    try {
      for (const file of ['frame.js', 'frame.css']) {
        const res = await fetch(`${app.url}/embed/${file}`);
        assert.equal(res.status, 200, file);
      }
    } finally {
      await app.close();
    }
  });
});
