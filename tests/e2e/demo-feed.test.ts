import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PERSONAS } from '../../server/src/seed/personas.ts';
import { launchBrowser, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens the demo intranet as `handle`, recording CSP violations and page errors. */
async function openAs(handle: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: 'hearth_demo_person', value: handle, url: server.url }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(server.url + '/');
  await page.locator('hearth-feed article').first().waitFor();
  return { page, problems, close: () => context.close() };
}

const feed = (page: Page) => page.locator('hearth-feed');
const postWith = (page: Page, text: string) => feed(page).locator('article', { hasText: text }).first();

describe('the demo intranet, as each demo person', () => {
  for (const persona of DEMO_PERSONAS) {
    test(`${persona.label} (${persona.handle}) can post, reply, like, edit, delete and load more`, async () => {
      const { page, problems, close } = await openAs(persona.handle);
      try {
        const unique = `E2E ${persona.handle} ${Date.now()}`;
        // Post with Ctrl+Enter from the composer.
        const composer = feed(page).getByRole('textbox', { name: 'Write a post' });
        await composer.fill(`${unique} trying the #e2e tag`);
        await composer.press('Control+Enter');
        const mine = postWith(page, unique);
        await mine.waitFor();
        assert.equal(await composer.inputValue(), '', 'the composer is cleared once the post is stored');
        assert.equal(await mine.getByRole('link', { name: '#e2e' }).count() + await mine.getByRole('button', { name: '#e2e' }).count() > 0, true, 'the tag is rendered as a control');

        // Reply.
        await mine.getByRole('button', { name: 'Reply' }).click();
        const replyBox = mine.getByRole('textbox', { name: 'Write a reply' });
        await replyBox.fill(`reply to ${unique}`);
        await mine.getByRole('button', { name: 'Send reply' }).click();
        await mine.getByText(`reply to ${unique}`).waitFor();

        // Like, then the count and pressed state change. (The post's own buttons come before its
        // replies' in the article.)
        await mine.getByRole('button', { name: 'Like', exact: true }).first().click();
        const unlike = mine.getByRole('button', { name: 'Unlike', exact: true }).first();
        await unlike.waitFor();
        assert.equal(await unlike.getAttribute('aria-pressed'), 'true');

        // Edit.
        await mine.getByRole('button', { name: 'Edit' }).first().click();
        const editor = mine.getByRole('textbox', { name: 'Edit post' });
        await editor.fill(`${unique} edited`);
        await mine.getByRole('button', { name: 'Save' }).click();
        await postWith(page, `${unique} edited`).waitFor();

        // The server agrees (and the edit survives a reload).
        await page.reload();
        await postWith(page, `${unique} edited`).waitFor();

        // Delete with the inline confirmation.
        const edited = postWith(page, `${unique} edited`);
        await edited.getByRole('button', { name: 'Delete' }).first().click();
        await edited.getByRole('button', { name: 'Delete post' }).click();
        await feed(page).locator('article', { hasText: `${unique} edited` }).waitFor({ state: 'detached' });

        // Load more appends older posts.
        const shown = await feed(page).locator('article[aria-posinset]').count();
        await feed(page).getByRole('button', { name: 'Load more' }).click();
        await page.waitForFunction(
          (n) => {
            const root = document.querySelector('hearth-feed')?.shadowRoot;
            return (root?.querySelectorAll('article[aria-posinset]').length ?? 0) > n;
          },
          shown,
        );

        const csp = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
        assert.deepEqual(csp, [], 'no Content-Security-Policy violations');
        assert.deepEqual(problems, [], 'no page or console errors');
      } finally {
        await close();
      }
    });
  }

  test('the demo page names who you are viewing as', async () => {
    const { page, close } = await openAs('helen.park');
    try {
      const select = page.getByRole('combobox', { name: 'View as' });
      assert.equal(await select.inputValue(), 'helen.park');
    } finally {
      await close();
    }
  });
});
