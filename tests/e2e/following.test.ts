// Following and posting where it belongs end to end (issue #14's must-show), on the real server in
// Chromium, as one of the demo's people on a portal page with a tag cloud and a feed that writes
// (`compose`) and keeps its tag filter in the page's URL (`sync-url`):
//
//   choose a tag in the cloud → the feed filters, the URL says so → Follow under the cloud →
//   the feed's Following tab shows its posts (GET /posts?following=all) → Back restores the URL;
//   choose a community in the composer's "Post to" → the post lands there, and the choice is
//   remembered after a reload.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { demoApi } from './server.ts';
import { browse, usePortal } from './portal.ts';


const page = (hearth: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<script type="module" src="${hearth}/widgets/hearth.js"></script>
</head><body>
<hearth-config token-url="${hearth}/demo/token">
  <aside><hearth-tag-cloud></hearth-tag-cloud></aside>
  <main><hearth-feed compose sync-url></hearth-feed></main>
</hearth-config>
</body></html>`;

const portal = usePortal(page);

const apiAs = (...args: Parameters<ReturnType<typeof demoApi>>) => demoApi(portal.server.url)(...args);

/** One person's browser on the portal, noting the feed's requests. */
async function as(handle: string) {
  const { tab, problems, close } = await browse(portal, handle);
  const asked: URL[] = [];
  tab.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname === '/api/v1/posts') asked.push(url);
  });
  await tab.goto(portal.url);
  return { tab, problems, asked, close };
}

const postTexts = (tab: Page) => tab.locator('hearth-feed .feed > hearth-feed-post .body').allInnerTexts();
const scopeTab = (tab: Page, name: string) => tab.locator('hearth-feed [part="scope"]', { hasText: name });

async function until(check: () => Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeout) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`timed out: ${what}`);
}

describe('following a tag from the cloud', () => {
  test("the tag chosen in the cloud is followed there, and the feed's Following tab then shows its posts", async () => {
    const handle = 'maria.lopez';
    const maria = await as(handle);
    try {
      // A tag of the cloud that nothing Maria follows brings into her Following list yet.
      const tags = maria.tab.locator('hearth-tag-cloud .tag');
      await tags.first().waitFor();
      const names = (await tags.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['tag'] ?? ''))).filter(Boolean);
      let chosen = '';
      for (const name of names) {
        const { body } = await apiAs(handle, 'GET', `/posts?following=all&tag=${encodeURIComponent(name)}&limit=1`);
        if (body['items'].length === 0) {
          chosen = name;
          break;
        }
      }
      assert.ok(chosen, `every cloud tag is already in Maria's Following list: ${names.join(', ')}`);

      // Choosing it filters the feed, and the page's URL keeps it (sync-url).
      await maria.tab.locator(`hearth-tag-cloud .tag[data-tag="${chosen}"]`).click();
      await maria.tab.locator('hearth-feed [part="filter"]', { hasText: `Filtered by #${chosen}` }).waitFor();
      await until(async () => new URL(maria.tab.url()).searchParams.get('hearth-tag') === chosen, 'the URL did not get the tag');

      // Follow under the cloud: pressed, and the feed's filter toggle agrees (one store per page).
      const follow = maria.tab.locator('hearth-tag-cloud [part="follow"]');
      await follow.waitFor();
      assert.equal(await follow.getAttribute('aria-label'), `Follow #${chosen}`);
      assert.equal(await follow.getAttribute('aria-pressed'), 'false');
      await follow.click();
      await until(async () => (await follow.getAttribute('aria-pressed')) === 'true', 'the toggle was not pressed');
      await until(
        async () => (await maria.tab.locator('hearth-feed [part="filter"] [part="follow"]').getAttribute('aria-pressed')) === 'true',
        "the feed's filter toggle does not show the tag followed",
      );
      const { body: following } = await apiAs(handle, 'GET', '/me/following');
      assert.ok(following['tags'].includes(chosen), `the server does not list #${chosen} as followed: ${JSON.stringify(following['tags'])}`);

      // Back: the URL and the feed lose the filter.
      await maria.tab.goBack();
      await until(async () => !new URL(maria.tab.url()).searchParams.has('hearth-tag'), 'Back did not clear the URL');
      await until(async () => (await maria.tab.locator('hearth-feed [part="filter"]').innerText()).trim() === '', 'Back did not clear the filter');

      // The Following tab: asked with following=all, and the tag's posts are there.
      await scopeTab(maria.tab, 'Following').click();
      await until(async () => (await scopeTab(maria.tab, 'Following').getAttribute('aria-pressed')) === 'true', 'Following is not pressed');
      await until(async () => maria.asked.some((u) => u.searchParams.get('following') === 'all' && !u.searchParams.has('tag')), 'no following=all request');
      await until(
        async () => (await postTexts(maria.tab)).some((text) => text.toLowerCase().includes(`#${chosen}`)),
        `the Following tab shows no post with #${chosen}`,
      );
      assert.deepEqual(maria.problems, []);
    } finally {
      await maria.close();
    }
  });
});

describe('posting where it belongs', () => {
  test('the composer on a feed of the whole intranet posts to the community chosen, and remembers the choice', async () => {
    const handle = 'maria.lopez';
    const maria = await as(handle);
    try {
      const select = maria.tab.locator('hearth-feed [part="place"] select');
      await select.locator('option', { hasText: 'IT Help' }).waitFor({ state: 'attached' });
      const labels = await select.locator('option').allInnerTexts();
      assert.equal(labels[0]?.trim(), 'Company-wide');
      await select.selectOption({ label: 'IT Help' });

      const text = `Printer on floor 3 is fixed (${Date.now()})`;
      await maria.tab.locator('hearth-feed textarea').first().fill(text);
      await maria.tab.locator('hearth-feed .composer .primary').first().click();

      // On the All list it is shown on top; the server has it in IT Help.
      await until(async () => (await postTexts(maria.tab))[0]?.includes(text) ?? false, 'the post is not on top of the feed');
      const { body } = await apiAs(handle, 'GET', '/posts?community=it-help&limit=5');
      const stored = body['items'].find((p: { body: string }) => p.body === text);
      assert.ok(stored, 'the post is not in IT Help');
      assert.equal(stored.community.slug, 'it-help');

      // Reloaded: the last choice is kept.
      await maria.tab.reload();
      await select.locator('option', { hasText: 'IT Help' }).waitFor({ state: 'attached' });
      await until(async () => (await select.inputValue()) === 'it-help', 'the choice was not remembered');

      // Under a tag filter the post does not carry, it is stored but not shown: the composer says where it went.
      await maria.tab.goto(`${portal.url}/?hearth-tag=vpn`);
      await maria.tab.locator('hearth-feed [part="filter"]', { hasText: 'Filtered by #vpn' }).waitFor();
      await select.locator('option', { hasText: 'IT Help' }).waitFor({ state: 'attached' });
      const other = `Coffee machine on floor 2 is back (${Date.now()})`;
      await maria.tab.locator('hearth-feed textarea').first().fill(other);
      await maria.tab.locator('hearth-feed .composer .primary').first().click();
      const note = maria.tab.locator('hearth-feed [part="placed"]');
      await note.waitFor();
      assert.match(await note.innerText(), /It is not tagged #vpn, so it is not in this list/);
      assert.ok(!(await postTexts(maria.tab)).some((t) => t.includes(other)), 'the post is shown under #vpn');
      assert.deepEqual(maria.problems, []);
    } finally {
      await maria.close();
    }
  });
});
