// A portal whose origin is not in ALLOWED_ORIGINS, on the real server in Chromium: the browser
// refuses Hearth's answers (CORS) and the widgets must say so, naming the setting, instead of
// "Hearth cannot be reached. Check your connection", which sends an editor looking for a network
// fault. The same page on an allowed origin is the control.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startHostPages, type HostPages } from './host-pages.ts';
import { launchBrowser, startServer, type RunningServer } from './server.ts';

let allowed: HostPages;
let refused: HostPages;
let server: RunningServer;
let browser: Browser;

before(async () => {
  allowed = await startHostPages();
  refused = await startHostPages();
  server = await startServer({ ALLOWED_ORIGINS: allowed.origin });
  allowed.hearth = server.url;
  refused.hearth = server.url;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await allowed?.close();
  await refused?.close();
});

describe('a portal whose origin is not in ALLOWED_ORIGINS', () => {
  test('the feed says the page is not allowed and names ALLOWED_ORIGINS; an allowed page loads', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${refused.origin}/hosts/plain.html`);
      const state = page.locator('hearth-feed [part~="state"]');
      await state.waitFor({ timeout: 15_000 });
      const text = await state.innerText();
      assert.match(text, new RegExp(`does not accept requests from this page \\(${refused.origin.replace(/[.]/g, '\\.')}\\)`));
      assert.match(text, /ALLOWED_ORIGINS/);
      assert.doesNotMatch(text, /Check your connection/);

      await page.goto(`${allowed.origin}/hosts/plain.html`);
      await page.locator('hearth-feed [part~="post"]').first().waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });
});
