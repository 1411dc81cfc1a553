// Closing the loops end to end (issue #13's must-show), on the real server in Chromium, with two
// or three of the demo's people, each in a browser of their own, on a portal page that carries
// the bell, ask-expert, the community card and the feed (with `href-template`, so links open on
// the portal's own page):
//
//   ask → the routed expert finds it in "For me to answer" and in the bell → answers → the asker's
//   bell and "My questions" show it → accepts → the expert is told;
//   request → the manager approves from the card → the requester is told;
//   @sam → Sam's bell → the link opens the post on the page with href-template.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { demoApi } from './server.ts';
import { browse, usePortal } from './portal.ts';


/** The portal's one page, at any path: /social is where its posts open (`href-template`). */
const page = (hearth: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<script type="module" src="${hearth}/widgets/hearth.js"></script>
<script type="module" src="${hearth}/widgets/ask-expert.js"></script>
</head><body>
<hearth-config token-url="${hearth}/demo/token">
  <header><hearth-notifications href-template="/social?post={id}"></hearth-notifications></header>
  <main>
    <hearth-ask-expert id="ask"></hearth-ask-expert>
    <hearth-community-card community="sustainability"></hearth-community-card>
    <hearth-feed compose href-template="/social?post={id}"></hearth-feed>
  </main>
</hearth-config>
</body></html>`;

const portal = usePortal(page);

/** One person's browser on the portal. */
async function as(handle: string, path = '/social') {
  const opened = await browse(portal, handle);
  await opened.tab.goto(portal.url + path);
  return opened;
}

/** Calls the API as `handle`, through the demo's token endpoint. */
const apiAs = (...args: Parameters<ReturnType<typeof demoApi>>) => demoApi(portal.server.url)(...args);

const bell = (tab: Page) => tab.locator('hearth-notifications [part~="bell"]');
const unread = async (tab: Page) => Number(/(\d+) unread/.exec((await bell(tab).getAttribute('aria-label')) ?? '')?.[1] ?? 0);

/** Opens the bell's list and finds the line that says `text`. */
async function line(tab: Page, text: string | RegExp): Promise<Locator> {
  if ((await tab.locator('hearth-notifications [part~="panel"]').getAttribute('hidden')) !== null) await bell(tab).click();
  const found = tab.locator('hearth-notifications [part~="line"]', { hasText: text }).first();
  await found.waitFor({ timeout: 15_000 });
  return found;
}

async function waitForCount(tab: Page, atLeast: number) {
  const started = Date.now();
  while (Date.now() - started < 15_000) {
    if ((await unread(tab)) >= atLeast) return;
    await tab.waitForTimeout(200);
  }
  assert.fail(`the bell still says ${await unread(tab)} unread, not at least ${atLeast}`);
}

describe('ask → route → answer → accept', () => {
  test('the routed expert is told and answers from "For me to answer"; the asker is told and accepts; the expert is told', async () => {
    const title = `Why does single sign-on drop me on the guest Wi-Fi? (${Date.now()})`;
    // Ivan declared single-sign-on (the demo's story): the only expert a question on it is routed to.
    const ivan = await as('ivan.petrov');
    const maria = await as('maria.lopez');
    try {
      await bell(ivan.tab).waitFor();
      const counted = await unread(ivan.tab);
      const asked = await apiAs('maria.lopez', 'POST', '/questions', { title, tags: ['single-sign-on'] });
      assert.equal(asked.status, 201, JSON.stringify(asked.body));

      // Ivan: the bell counts it live, its line says why, and "For me to answer" lists it.
      await waitForCount(ivan.tab, counted + 1);
      const routed = await line(ivan.tab, title);
      assert.match(await routed.innerText(), /single-sign-on/);
      await ivan.tab.keyboard.press('Escape');
      const ask = ivan.tab.locator('#ask');
      await ask.getByRole('tab', { name: 'For me to answer' }).click();
      await ask.getByText(title).first().click();
      const answer = `Reconnect to the staff network: the guest one blocks the sign-in service (${Date.now()})`;
      await ask.locator('textarea').last().fill(answer);
      await ask.getByRole('button', { name: 'Post answer' }).click();
      await ask.getByText(answer).waitFor();

      // Maria: her bell and "My questions" say so; she accepts.
      await maria.tab.reload();
      const answered = await line(maria.tab, /answered your question/);
      assert.ok(answered);
      await maria.tab.keyboard.press('Escape');
      const mine = maria.tab.locator('#ask');
      await mine.getByRole('tab', { name: 'My questions' }).click();
      const listed = mine.locator('li, article', { hasText: title }).first();
      await listed.waitFor();
      assert.match(await listed.innerText(), /new answer/i);
      await mine.getByText(title).first().click();
      await mine.getByRole('button', { name: /^Accept/ }).first().click();
      await mine.getByText(/Accepted/).first().waitFor();

      // Ivan is told.
      await ivan.tab.reload();
      await line(ivan.tab, /accepted your answer/);
      assert.deepEqual([...ivan.problems, ...maria.problems], []);
    } finally {
      await ivan.close();
      await maria.close();
    }
  });
});

describe('request → approve from the card → told', () => {
  test('Sam approves Maria\'s request from the Sustainability card, and Maria is told', async () => {
    // Maria asked to join Sustainability (on request) in the demo's story.
    const sam = await as('sam.okafor');
    const maria = await as('maria.lopez');
    try {
      await line(sam.tab, /ask(s)? to join Sustainability/);
      await sam.tab.keyboard.press('Escape');
      const card = sam.tab.locator('hearth-community-card');
      const request = card.locator('[part~="requests"] li', { hasText: 'Maria López' });
      await request.waitFor({ timeout: 15_000 });
      await request.getByRole('button', { name: /^Approve/ }).click();
      await request.waitFor({ state: 'detached' });

      await maria.tab.reload();
      await line(maria.tab, /approved your request to join Sustainability/);
      assert.equal((await apiAs('maria.lopez', 'GET', '/communities/sustainability')).body.membership, 'member');
    } finally {
      await sam.close();
      await maria.close();
    }
  });
});

describe('@mention → bell → the post on the page with href-template', () => {
  test('Maria mentions @sam.okafor from the composer; Sam\'s bell links to the post, which opens on the portal\'s /social page', async () => {
    const maria = await as('maria.lopez');
    const sam = await as('sam.okafor');
    try {
      const text = `Lunch-and-learn on the new expense tool next week (${Date.now()}), `;
      const composer = maria.tab.locator('hearth-feed hearth-feed-composer textarea').first();
      await composer.waitFor({ timeout: 15_000 });
      await composer.click();
      await composer.pressSequentially(`${text}@sam.ok`);
      // The suggestion, chosen with the keyboard.
      await maria.tab.locator('hearth-feed [role="option"]', { hasText: 'Sam Okafor' }).first().waitFor();
      await maria.tab.keyboard.press('Enter');
      await composer.pressSequentially('can you host it?');
      assert.match(await composer.inputValue(), /@sam\.okafor can you host it\?/);
      await maria.tab.locator('hearth-feed').getByRole('button', { name: 'Post', exact: true }).click();
      const mine = maria.tab.locator('hearth-feed article', { hasText: text.trim() }).first();
      await mine.waitFor();
      // A real person's mention is a link.
      assert.equal(await mine.locator('a[part~="mention"]').count(), 1);

      await sam.tab.reload();
      const mentioned = await line(sam.tab, /mentioned you/);
      const href = await mentioned.getAttribute('href');
      assert.ok(href && new URL(href, portal.url).pathname === '/social' && new URL(href, portal.url).searchParams.get('post'), `the line links to ${href}`);
      await mentioned.click();
      await sam.tab.waitForURL(/\/social\?post=\d+/);
      // The feed on that page opens the post the URL names.
      await sam.tab.locator('hearth-feed article', { hasText: text.trim() }).first().waitFor({ timeout: 15_000 });
      assert.deepEqual([...maria.problems, ...sam.problems], []);
    } finally {
      await maria.close();
      await sam.close();
    }
  });
});
