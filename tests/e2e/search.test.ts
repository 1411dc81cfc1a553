// Search end to end (issue #14's must-show), on the real server in Chromium: from the compact box
// in a header, type, see the results in its panel, and open a post:
//
//   - on the demo intranet, whose header carries `<hearth-search variant="compact" sync-url>`: the
//     post opens on Hearth's own page of it (`/embed/post/{id}`, with the demo's token URL), the
//     query was kept in the page's URL, and Back brings the search back;
//   - on a portal page with `post-href-template` and a feed with the same `href-template` (the
//     permalinks of the "close the loops" work): the post opens in the portal's feed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { demoApi } from './server.ts';
import { browse, usePortal } from './portal.ts';


/** The portal's one page, at any path: the search in its header, the feed where posts open. */
const portalPage = (hearth: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<script type="module" src="${hearth}/widgets/hearth.js"></script>
</head><body>
<hearth-config token-url="${hearth}/demo/token">
  <header><hearth-search variant="compact" post-href-template="/social?post={id}"></hearth-search></header>
  <main><hearth-feed href-template="/social?post={id}"></hearth-feed></main>
</hearth-config>
</body></html>`;

const portal = usePortal(portalPage);

/** One person's browser at `url`. */
async function as(handle: string, url: string) {
  const opened = await browse(portal, handle, { width: 1280, height: 900 });
  await opened.tab.goto(url);
  return opened;
}

/** A post by Sam with a word nobody else wrote, so the search finds exactly it. */
async function uniquePost(): Promise<{ id: number; word: string; body: string }> {
  const word = `gondola${Date.now().toString(36)}`;
  const body = `The ${word} lift in the atrium is back in service after the maintenance. #facilities`;
  const created = await demoApi(portal.server.url)('sam.okafor', 'POST', '/posts', { body });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { id: (created.body as { id: number }).id, word, body };
}

const box = (tab: Page) => tab.locator('hearth-search [part~="input"]');
const panel = (tab: Page) => tab.locator('hearth-search [part~="panel"]');

describe('search from a header box to an opened post', () => {
  test('on the demo intranet: type, the panel shows the post with the word marked, it opens on its own page, Back restores the search', async () => {
    const { id, word } = await uniquePost();
    const maria = await as('maria.lopez', portal.server.url + '/');
    try {
      const { tab } = maria;
      // Focused and empty: suggestions, not an error.
      await box(tab).click();
      await panel(tab).locator('[part~="suggestions"], [part~="state"]').first().waitFor();
      await box(tab).pressSequentially(word);
      const hit = panel(tab).locator('[part~="hit"]', { hasText: word }).first();
      await hit.waitFor({ timeout: 15_000 });
      assert.match((await panel(tab).locator('[part~="group-heading"]').first().textContent()) ?? '', /^\s*Posts/);
      assert.equal((await hit.locator('mark').first().innerText()).toLowerCase(), word);
      // sync-url: the query is in the page's URL while typing.
      await tab.waitForURL((url) => url.searchParams.get('q') === word);

      // The arrow keys reach it, Enter opens it: Hearth's page of the post.
      await box(tab).press('ArrowDown');
      const focusedText = await tab.evaluate(() => document.querySelector('hearth-search')!.shadowRoot!.activeElement?.textContent ?? '');
      assert.match(focusedText, new RegExp(word));
      await tab.keyboard.press('Enter');
      await tab.waitForURL(new RegExp(`/embed/post/${id}\\?token-url=`));
      await tab.locator('hearth-feed article', { hasText: word }).first().waitFor({ timeout: 15_000 });

      // Back: the intranet with the search in its box.
      await tab.goBack();
      await tab.waitForURL((url) => url.pathname === '/' && url.searchParams.get('q') === word);
      await tab.waitForFunction((w) => (document.querySelector('hearth-search')?.shadowRoot?.querySelector('input') as HTMLInputElement | null)?.value === w, word);
      assert.deepEqual(maria.problems, []);
    } finally {
      await maria.close();
    }
  });

  test('on a portal with post-href-template: the post opens in the portal’s own feed', async () => {
    const { id, word } = await uniquePost();
    const helen = await as('helen.park', portal.url + '/');
    try {
      const { tab } = helen;
      await box(tab).click();
      await box(tab).pressSequentially(word);
      const hit = panel(tab).locator('[part~="hit"]', { hasText: word }).first();
      await hit.waitFor({ timeout: 15_000 });
      assert.equal(new URL((await hit.getAttribute('href'))!, portal.url).href, `${portal.url}/social?post=${id}`);
      // Escape closes the panel and leaves the box focused; a click opens it again.
      await tab.keyboard.press('Escape');
      assert.equal(await panel(tab).getAttribute('hidden'), '');
      assert.equal(await tab.evaluate(() => document.querySelector('hearth-search')!.shadowRoot!.activeElement?.id), 'q');
      await box(tab).click();
      await panel(tab).waitFor();
      await hit.click();
      await tab.waitForURL(new RegExp(`/social\\?post=${id}$`));
      await tab.locator('hearth-feed article', { hasText: word }).first().waitFor({ timeout: 15_000 });
      assert.deepEqual(helen.problems, []);
    } finally {
      await helen.close();
    }
  });
});
