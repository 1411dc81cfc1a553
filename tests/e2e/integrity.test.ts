// Pinning a release with subresource integrity, as a careful intranet editor would: the hash from
// /widgets/integrity.json in the script tag's integrity= on a portal page of another origin.
// The browser runs the widget when the hash matches and refuses the script when it does not.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser, startPortal, startServer, type Portal, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let portal: Portal;

before(async () => {
  portal = await startPortal(
    () => `script-src 'self' ${server.url}; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html`,
  );
  server = await startServer({ ALLOWED_ORIGINS: portal.origin });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await portal?.close();
});

function portalPage(entry: string, integrity: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Portal</title>
<script type="module" src="${server.url}/widgets/${entry}" integrity="${integrity}" crossorigin="anonymous"></script>
</head>
<body>
<hearth-tag-cloud token-url="${server.url}/demo/token"></hearth-tag-cloud>
</body>
</html>
`;
}

describe('subresource integrity for pinned releases', () => {
  test('integrity.json lists a sha384 for every entry and chunk the server serves', async () => {
    const hashes = (await (await fetch(`${server.url}/widgets/integrity.json`)).json()) as Record<string, string>;
    for (const entry of ['hearth.js', 'feed.js', 'tag-cloud.js', 'community-card.js', 'ask-expert.js']) {
      assert.match(hashes[entry] ?? '', /^sha384-[A-Za-z0-9+/]{64}$/, `${entry} has a hash`);
    }
    // The hash is of the bytes served, so it can be checked by anyone.
    const body = Buffer.from(await (await fetch(`${server.url}/widgets/tag-cloud.js`)).arrayBuffer());
    const { createHash } = await import('node:crypto');
    assert.equal(hashes['tag-cloud.js'], `sha384-${createHash('sha384').update(body).digest('base64')}`);
  });

  test('with the published hash, the widget runs on a portal of another origin', async () => {
    const hashes = (await (await fetch(`${server.url}/widgets/integrity.json`)).json()) as Record<string, string>;
    portal.page = portalPage('tag-cloud.js', hashes['tag-cloud.js']!);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${portal.origin}/`);
      await page.waitForFunction(() => (document.querySelector('hearth-tag-cloud')?.shadowRoot?.querySelectorAll('[part~="tag"]').length ?? 0) > 0, undefined, { timeout: 20_000 });
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('with a wrong hash, the browser refuses the script and the element stays undefined', async () => {
    const hashes = (await (await fetch(`${server.url}/widgets/integrity.json`)).json()) as Record<string, string>;
    // A release changed under the pinned page: the hash of another file.
    portal.page = portalPage('tag-cloud.js', hashes['feed.js']!);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    try {
      await page.goto(`${portal.origin}/`);
      await page.waitForLoadState('load');
      await page.waitForTimeout(500);
      assert.equal(await page.evaluate(() => customElements.get('hearth-tag-cloud') === undefined), true, 'the widget did not run');
      assert.ok(errors.some((e) => /integrity/i.test(e)), `the console says why: ${errors.join(' | ')}`);
    } finally {
      await page.close();
    }
  });
});
