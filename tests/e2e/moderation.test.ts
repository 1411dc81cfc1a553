// Light moderation end to end, in a real browser on the real server (issue #11's must-show):
// an employee reports a post → the community's manager finds it in <hearth-moderation> → hides it
// with a reason → others see "Hidden by a moderator", its author sees the reason → the manager
// restores it → everyone sees it again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { demoApi, launchBrowser, startServer, type RunningServer } from './server.ts';

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

const COMMUNITY = 'people-and-culture'; // managed by sam.okafor in the demo seed

/** A page of the demo server as `handle` (the demo's "view as" cookie), failing on page errors. */
async function openAs(handle: string, path: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: 'hearth_demo_person', value: handle, url: server.url }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(server.url + path);
  return { page, problems, close: () => context.close() };
}

/** Calls the API as `handle`, through the demo's token endpoint. */
const apiAs = (...args: Parameters<ReturnType<typeof demoApi>>) => demoApi(server.url)(...args);

const postIn = (page: Page, text: string) => page.locator('hearth-feed article', { hasText: text }).first();

describe('report → queue → hide → placeholder → restore', () => {
  test('a manager hides a reported post and brings it back', async () => {
    const text = `E2E moderation ${Date.now()}: buy cheap watches at example.com`;
    // Helen writes in People & Culture (an open community).
    const join = await apiAs('helen.park', 'PUT', `/communities/${COMMUNITY}/membership`);
    assert.equal(join.status, 200, JSON.stringify(join.body));
    const created = await apiAs('helen.park', 'POST', '/posts', { body: text, community: COMMUNITY });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    // Maria reports it from the feed, with the keyboard-reachable Report button.
    const maria = await openAs('maria.lopez', '/');
    try {
      const post = postIn(maria.page, text);
      await post.waitFor();
      await post.getByRole('button', { name: /^Report Helen Park/ }).click();
      const dialog = maria.page.getByRole('dialog');
      await dialog.getByRole('radio', { name: 'Spam or advertising' }).check();
      await dialog.getByRole('button', { name: 'Send report' }).click();
      await dialog.getByText('Thanks — a moderator will look at it.').waitFor();
      assert.deepEqual(maria.problems, []);
    } finally {
      await maria.close();
    }

    // Sam, the community's manager, finds it in the queue and hides it with a reason.
    const reason = 'Advertising is not allowed here';
    const sam = await openAs('sam.okafor', '/demo/moderation.html');
    try {
      const item = sam.page.locator('hearth-moderation article', { hasText: text });
      await item.waitFor();
      await item.getByText('1 person reported this').waitFor();
      await item.getByText('Spam').first().waitFor();
      await item.getByRole('button', { name: 'Hide' }).click();
      await item.getByRole('textbox', { name: /Why is it hidden/ }).fill(reason);
      await item.getByRole('button', { name: 'Hide' }).click();
      await item.waitFor({ state: 'detached' });
      assert.deepEqual(sam.problems, []);
    } finally {
      await sam.close();
    }

    const id = (created.body as { id: number }).id;
    // Maria (and everyone else) now sees a placeholder where the post was.
    const others = await openAs('maria.lopez', '/');
    try {
      await others.page.locator('hearth-feed article').first().waitFor();
      assert.equal(await postIn(others.page, text).count(), 0, 'the text is gone for others');
      await others.page.locator(`hearth-feed article`, { hasText: 'Hidden by a moderator' }).first().waitFor();
      const seen = await apiAs('maria.lopez', 'GET', `/posts/${id}`);
      assert.deepEqual([seen.body.body, (seen.body.hidden as { reason: unknown }).reason], ['', null]);
    } finally {
      await others.close();
    }
    // Helen, its author, sees her post with the moderator's reason.
    const author = await openAs('helen.park', '/');
    try {
      const mine = postIn(author.page, text);
      await mine.waitFor();
      await mine.getByText(`Hidden by a moderator: ${reason}. Others cannot see it.`).waitFor();
    } finally {
      await author.close();
    }

    // Sam restores it from the Hidden tab; Maria sees it again, whole.
    const again = await openAs('sam.okafor', '/demo/moderation.html');
    try {
      await again.page.locator('hearth-moderation').getByRole('tab', { name: 'Hidden' }).click();
      const item = again.page.locator('hearth-moderation article', { hasText: text });
      await item.waitFor();
      await item.getByRole('button', { name: 'Restore' }).click();
      await item.waitFor({ state: 'detached' });
    } finally {
      await again.close();
    }
    const back = await openAs('maria.lopez', '/');
    try {
      await postIn(back.page, text).waitFor();
      const seen = await apiAs('maria.lopez', 'GET', `/posts/${id}`);
      assert.equal(seen.body.body, text);
      assert.equal(seen.body.hidden, null);
    } finally {
      await back.close();
    }

    // Both decisions are in the audit trail, and the author and reporter were told.
    const audit = await apiAs('ivan.petrov', 'GET', '/audit');
    const actions = (audit.body.items as { action: string; target: { id: string } }[])
      .filter((e) => e.target.id === String(id)).map((e) => e.action);
    assert.deepEqual(actions, ['content.restore', 'content.hide']);
    const told = await apiAs('helen.park', 'GET', '/notifications');
    const kinds = (told.body.items as { kind: string; target: { kind: string; id: number } }[])
      .filter((n) => n.target.kind === 'post' && n.target.id === id).map((n) => n.kind);
    assert.deepEqual(kinds, ['content.restored', 'content.hidden']);
  });
});
