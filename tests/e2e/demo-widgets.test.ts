import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
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

describe('the widgets together on the demo intranet', () => {
  test('a tag chosen in the tag cloud filters the separate feed, and clearing it shows everything again', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(server.url + '/');
      const feed = page.locator('hearth-feed');
      await feed.locator('article').first().waitFor();
      const cloud = page.locator('hearth-tag-cloud');
      // The busiest tag: the first button of the cloud's list by count is not guaranteed, so pick by name.
      // Its accessible name in Chromium's own tree: no stray space before the comma.
      const kudos = cloud.getByRole('button', { name: /^kudos, \d+ posts/ });
      await kudos.click();
      assert.equal(await kudos.getAttribute('aria-pressed'), 'true');
      await feed.getByText('Filtered by #kudos').waitFor();
      // Every post now shown carries the tag.
      await page.waitForFunction(() => {
        const root = document.querySelector('hearth-feed')?.shadowRoot;
        const articles = [...(root?.querySelectorAll('article[aria-posinset]') ?? [])];
        return articles.length > 0 && articles.every((a) => /#kudos/i.test(a.textContent ?? ''));
      });
      await feed.getByRole('button', { name: 'Clear the tag filter, show all posts' }).click();
      await feed.getByText('Filtered by #kudos').waitFor({ state: 'detached' });
      assert.equal(await kudos.getAttribute('aria-pressed'), 'false');
    } finally {
      await page.close();
    }
  });

  test('joining the spotlighted community from its card, as an employee', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'hearth_demo_person', value: 'maria.lopez', url: server.url }]);
    const page = await context.newPage();
    try {
      await page.goto(server.url + '/');
      const card = page.locator('hearth-community-card');
      const join = card.getByRole('button', { name: /^Join/ });
      const leave = card.getByRole('button', { name: /^Leave/ });
      await Promise.race([join.waitFor(), leave.waitFor()]);
      if (await leave.isVisible()) {
        // Already a member from the seed: leave first, so joining is what is tested.
        await leave.click();
        await card.getByRole('button', { name: /Leave|Yes/ }).last().click();
        await join.waitFor();
      }
      await join.click();
      await card.getByRole('button', { name: /^Leave/ }).waitFor();
      await page.reload();
      await card.getByRole('button', { name: /^Leave/ }).waitFor();
    } finally {
      await context.close();
    }
  });
});
