// A careful portal on its own origin, served with the strictest policy the README promises the
// widgets run under, naming Hearth's origin for scripts:
//
//   Content-Security-Policy: script-src 'self' <Hearth>; style-src 'self'; object-src 'none';
//     base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html
//
// tests/hosts/strict-csp.html loads hearth.js from Hearth and shows every widget; its first
// script, tests/hosts/csp-violations.js (a file of the portal's own origin: an inline one would be
// blocked), records every `securitypolicyviolation` before any widget code runs. Each test opens
// the page afresh, uses one widget the way a person would, including the parts that load their
// own chunk later (tag suggestions, similar questions, tag options, a question, the moderation
// queue, the watch list and the audit trail), and then expects no violation and no page or
// console error. The first test proves the listener hears violations at all, so "none" means none.
//
// The page is seen as Sam Okafor, the demo's community manager (its "view as" cookie), so
// <hearth-moderation> shows his queue (for an employee the server refuses it with a 403, which the
// browser logs as a console error); the admin's tabs are used as Ivan Petrov, the demo's admin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startHostPages, type HostPages } from './host-pages.ts';
import { launchBrowser, startServer, type RunningServer } from './server.ts';

const PAGE = 'strict-csp.html';
const policy = (hearth: string) =>
  `script-src 'self' ${hearth}; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html`;

const LIKE = /^\/api\/v1\/posts\/\d+\/like$/;
/** The demo's community manager (of People & Culture, among others) and its admin. */
const MANAGER = 'sam.okafor';
const ADMIN = 'ivan.petrov';
const MEMBERSHIP = /^\/api\/v1\/communities\/engineering\/membership$/;

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
  disposition: string;
  /** The outermost hearth-* element whose tree the violation happened in; '' for the document. */
  widget: string;
}

let server: RunningServer;
let browser: Browser;
let hosts: HostPages;

before(async () => {
  // The portal's origin must exist before Hearth starts: it goes into the allow-list.
  hosts = await startHostPages({ headers: { [PAGE]: (hearth) => ({ 'content-security-policy': policy(hearth) }) } });
  server = await startServer({ ALLOWED_ORIGINS: hosts.origin });
  hosts.hearth = server.url;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await hosts?.close();
});

interface Portal {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors, in order. */
  problems: string[];
  /** Every script or other file the page got from Hearth's /widgets/, with its status. */
  widgetFiles: string[];
}

/** Opens the strict portal page as `person` in a fresh context and waits for every widget's content. */
async function openPortal(person: string = MANAGER): Promise<Portal> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  // Sent with the widgets' token request to Hearth (same host, another port: the same site).
  await context.addCookies([{ name: 'hearth_demo_person', value: person, url: server.url }]);
  const page = await context.newPage();
  const problems: string[] = [];
  const widgetFiles: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === server.url && url.pathname.startsWith('/widgets/')) widgetFiles.push(`${response.status()} ${url.pathname}`);
  });
  const response = await page.goto(`${hosts.origin}/hosts/${PAGE}`);
  assert.equal(response?.headers()['content-security-policy'], policy(server.url), 'the portal page is served with exactly the strict policy');
  await page.locator('hearth-feed [part~="body"]').first().waitFor({ timeout: 20_000 });
  await page.locator('hearth-feed [part~="composer"] textarea').waitFor({ timeout: 20_000 });
  await page.locator('hearth-tag-cloud [part~="tag"]').first().waitFor({ timeout: 20_000 });
  await page.locator('hearth-community-card [part~="name"]').waitFor({ timeout: 20_000 });
  await page.locator('hearth-community-card [part~="membership"] button').first().waitFor({ timeout: 20_000 });
  await page.locator('hearth-ask-expert [part~="form"] input#title').waitFor({ timeout: 20_000 });
  // The queue's part (a chunk of its own) with its items, or saying there are none.
  await page.locator('hearth-moderation [role="tabpanel"] :is([part~="item"], .state)').first().waitFor({ timeout: 20_000 });
  return { context, page, problems, widgetFiles };
}

/** Calls Hearth's API as `handle`, with a token from the demo's token endpoint. */
async function apiAs(handle: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const { token } = (await (await fetch(`${server.url}/demo/token`, { headers: { cookie: `hearth_demo_person=${handle}` } })).json()) as { token: string };
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : null,
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? [{ directive: 'csp-violations.js did not run', blocked: '', source: '', sample: '', disposition: '', widget: '' }]);
}

/** No violation anywhere on the page, and no page or console error. */
async function assertClean(portal: Portal): Promise<void> {
  // A violation report is dispatched as a task after the blocked action: let pending ones land.
  await portal.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 250)));
  assert.deepEqual(await violations(portal.page), [], 'no Content-Security-Policy or Trusted Types violations');
  assert.deepEqual(portal.problems, [], 'no page errors and no console errors');
}

/** Waits until the page has fetched a chunk whose file name starts with `name`, with a 200. */
async function chunkLoaded(portal: Portal, name: string): Promise<void> {
  const pattern = new RegExp(`^200 /widgets/chunk-${name}-[\\w-]+\\.js$`);
  for (let tries = 0; tries < 200 && !portal.widgetFiles.some((f) => pattern.test(f)); tries++) {
    await portal.page.waitForTimeout(50);
  }
  assert.ok(
    portal.widgetFiles.some((f) => pattern.test(f)),
    `the lazily loaded chunk ${name} came from Hearth under the policy; files fetched: ${portal.widgetFiles.join(', ')}`,
  );
}

/**
 * Clicks and waits for the server's answer to the write it causes (`method` on an API path
 * matching `path`): the widgets show the change at once and ignore clicks while it is on its way.
 */
async function clickAndSave(portal: Portal, button: Locator, method: 'PUT' | 'DELETE', path: RegExp): Promise<void> {
  const answered = portal.page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
  await button.click();
  const response = await answered;
  assert.ok(response.ok(), `${method} ${new URL(response.url()).pathname} answered ${response.status()}`);
}

async function pressed(button: Locator, value: 'true' | 'false'): Promise<void> {
  await button.page().waitForFunction(
    ([el, want]) => (el as Element).getAttribute('aria-pressed') === want,
    [await button.elementHandle(), value] as const,
  );
}

describe('every widget on a portal page of another origin under a strict CSP with Trusted Types', () => {
  test('the page is served with the strict policy, from its own origin, and the listener hears a violation when there is one', async () => {
    const portal = await openPortal();
    try {
      assert.notEqual(hosts.origin, server.url, 'the portal and Hearth are on different origins');
      assert.deepEqual(await violations(portal.page), [], 'loading the page and every widget broke no rule');
      // The policy really is enforced and really is heard: an HTML string into a sink is refused
      // by Trusted Types, and the listener records it.
      const refused = await portal.page.evaluate(() => {
        try {
          document.createElement('div').innerHTML = '<b>not trusted</b>';
          return 'allowed';
        } catch (error) {
          return (error as Error).name;
        }
      });
      assert.equal(refused, 'TypeError');
      // Inside a widget's shadow root too (violations are composed events), naming the widget:
      // an inline style attribute on one of the feed's posts is refused.
      await portal.page.evaluate(() => document.querySelector('hearth-feed')?.shadowRoot?.querySelector('article')?.setAttribute('style', 'outline: 2px solid red'));
      await portal.page.waitForFunction(() => ((window as unknown as { __cspViolations: unknown[] }).__cspViolations ?? []).length >= 2);
      const heard = await violations(portal.page);
      assert.deepEqual(
        heard.map((v) => `${v.directive} ${v.widget}`.trim()),
        ['require-trusted-types-for', 'style-src-attr hearth-feed'],
      );
    } finally {
      await portal.context.close();
    }
  });

  test('<hearth-feed compose>: posts render, # in the composer loads tag suggestions, a post is sent, a like is given and taken back; no violations', async () => {
    const portal = await openPortal();
    try {
      const feed = portal.page.locator('hearth-feed');
      assert.ok((await feed.locator('article[aria-posinset]').count()) > 0, 'the feed shows posts');

      // Like the first post, then take it back. The button turns at once; a second click while
      // the first is on its way is ignored, so each waits for the server's answer.
      const like = feed.locator('[part~="actions"] button.like').first();
      const was = (await like.getAttribute('aria-pressed')) === 'true';
      await clickAndSave(portal, like, was ? 'DELETE' : 'PUT', LIKE);
      await pressed(like, was ? 'false' : 'true');
      await clickAndSave(portal, like, was ? 'PUT' : 'DELETE', LIKE);
      await pressed(like, was ? 'true' : 'false');

      // '#' and a letter: the suggestions chunk loads and its listbox (adopted styles) opens.
      const composer = feed.getByRole('textbox', { name: 'Write a post' });
      const unique = `Written under a strict CSP ${Date.now()}`;
      await composer.pressSequentially(`${unique} #k`, { delay: 20 });
      await chunkLoaded(portal, 'tag-suggest');
      const option = feed.locator('[part~="suggestions"] [role="option"]').first();
      await option.waitFor();
      await composer.press('Escape');
      await composer.pressSequentially('udos', { delay: 0 });

      await feed.getByRole('button', { name: 'Post', exact: true }).click();
      await feed.locator('article', { hasText: unique }).first().waitFor();
      assert.equal(await composer.inputValue(), '', 'the composer is cleared once the post is stored');

      await assertClean(portal);
    } finally {
      await portal.context.close();
    }
  });

  test('<hearth-tag-cloud>: tags render and choosing one selects it (and filters the feed); no violations', async () => {
    const portal = await openPortal();
    try {
      const cloud = portal.page.locator('hearth-tag-cloud');
      const tag = cloud.locator('button[part~="tag"]').first();
      const name = await tag.getAttribute('data-tag');
      assert.ok(name, 'the first tag has a name');
      await tag.click();
      await pressed(tag, 'true');
      await portal.page.locator('hearth-feed').getByText(`Filtered by #${name}`).waitFor();
      await tag.click();
      await pressed(tag, 'false');
      await assertClean(portal);
    } finally {
      await portal.context.close();
    }
  });

  test('<hearth-community-card community>: the card renders, leaving and joining work; no violations', async () => {
    const portal = await openPortal();
    try {
      const card = portal.page.locator('hearth-community-card');
      await card.locator('[part~="posts"] li').first().waitFor();
      const join = card.getByRole('button', { name: /^Join/ });
      const leave = card.getByRole('button', { name: /^Leave/ });
      await Promise.race([join.waitFor(), leave.waitFor()]);
      // Leaving asks first; the question's own Leave button does it.
      const confirmLeave = card.locator('[part~="membership"].confirm button.danger');
      const leaveNow = async () => {
        await leave.click();
        await clickAndSave(portal, confirmLeave, 'DELETE', MEMBERSHIP);
        await join.waitFor();
      };
      const joinNow = async () => {
        await clickAndSave(portal, join, 'PUT', MEMBERSHIP);
        await leave.waitFor();
      };
      if (await leave.isVisible()) {
        await leaveNow();
        await joinNow();
      } else {
        await joinNow();
        await leaveNow();
      }
      await assertClean(portal);
    } finally {
      await portal.context.close();
    }
  });

  test('<hearth-ask-expert>: a title loads similar questions, the tag box loads its options, a question opens; no violations', async () => {
    const portal = await openPortal();
    try {
      const ask = portal.page.locator('hearth-ask-expert');
      const similar = ask.locator('[part~="similar"]');
      await ask.getByRole('textbox', { name: 'Your question' }).pressSequentially('Where do I find the latest SOC 2 report?', { delay: 10 });
      await chunkLoaded(portal, 'similar');
      await similar.locator('button.title').first().waitFor({ timeout: 15_000 });

      // The tag box: its options come with a chunk of their own; Enter takes the active one.
      const tags = ask.getByRole('combobox', { name: 'Tags' });
      await tags.pressSequentially('sec', { delay: 20 });
      await chunkLoaded(portal, 'tag-combobox');
      await ask.locator('[role="listbox"] [role="option"]').first().waitFor();
      await tags.press('ArrowDown');
      await tags.press('Enter');
      await ask.locator('.chips .chip').first().waitFor();

      // The similar questions for the title and the new tag, once they have settled.
      await similar.locator('button.title').first().waitFor({ timeout: 15_000 });
      await portal.page.waitForFunction(() => document.querySelector('hearth-ask-expert')?.shadowRoot?.querySelector('[part~="similar"]')?.getAttribute('aria-busy') === 'false');
      const first = similar.locator('button.title').first();
      const id = await first.getAttribute('data-question');
      const title = ((await first.textContent()) ?? '').trim();
      await ask.locator(`[part~="similar"] button.title[data-question="${id}"]`).click();
      await chunkLoaded(portal, 'hearth-ask-expert-question');
      const question = ask.locator('hearth-ask-expert-question [part~="question"]');
      await question.waitFor();
      assert.ok(((await question.textContent()) ?? '').includes(title), `the question that was clicked opens: ${title}`);
      await ask.getByRole('button', { name: /Back to your question/ }).click();
      await ask.getByRole('textbox', { name: 'Your question' }).waitFor();

      await assertClean(portal);
    } finally {
      await portal.context.close();
    }
  });

  test('<hearth-moderation> as a community manager: a reported post is in the queue, is hidden with a reason, and restored from the Hidden tab; no violations', async () => {
    // Maria reports a post of People & Culture, which Sam manages, before he opens the page.
    const posts = await apiAs('maria.lopez', 'GET', '/posts?community=people-and-culture&limit=1');
    assert.equal(posts.status, 200, JSON.stringify(posts.body));
    const post = posts.body.items[0] as { id: number; body: string };
    const reported = await apiAs('maria.lopez', 'POST', '/reports', { kind: 'post', id: post.id, reason: 'spam' });
    assert.equal(reported.status, 201, JSON.stringify(reported.body));

    const portal = await openPortal(MANAGER);
    try {
      const moderation = portal.page.locator('hearth-moderation');
      await chunkLoaded(portal, 'hearth-moderation-queue');
      const item = moderation.locator(`[data-item="post-${post.id}"]`);
      await item.waitFor({ timeout: 15_000 });
      await item.getByText('1 person reported this').waitFor();
      // Hide asks why (the reason form), then sends it; the item leaves the queue.
      await item.getByRole('button', { name: 'Hide' }).click();
      await item.getByRole('textbox', { name: /Why is it hidden/ }).fill('Checked under a strict CSP');
      const hidden = portal.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/moderation/items/post/${post.id}/hide`);
      await item.getByRole('button', { name: 'Hide' }).click();
      assert.equal((await hidden).status(), 200);
      await item.waitFor({ state: 'detached' });
      // The Hidden tab has it, with the reason; Restore brings it back for everyone.
      await moderation.getByRole('tab', { name: 'Hidden' }).click();
      await item.getByText('Checked under a strict CSP').waitFor();
      await item.getByRole('button', { name: 'Restore' }).click();
      await item.waitFor({ state: 'detached' });
      await assertClean(portal);
    } finally {
      await portal.context.close();
    }
  });

  test('<hearth-moderation> as an admin: the watch list and the audit trail load their own chunks, a word is added and removed, the trail downloads as CSV; no violations', async () => {
    const portal = await openPortal(ADMIN);
    try {
      const moderation = portal.page.locator('hearth-moderation');
      const word = `csp${Date.now()}`;
      await moderation.getByRole('tab', { name: 'Watch list' }).click();
      await chunkLoaded(portal, 'hearth-moderation-keywords');
      await moderation.getByRole('textbox', { name: 'Word or pattern' }).fill(word);
      await moderation.getByRole('button', { name: 'Add', exact: true }).click();
      const remove = moderation.getByRole('button', { name: `Remove ${word}` });
      await remove.waitFor();

      await moderation.getByRole('tab', { name: 'Audit trail' }).click();
      await chunkLoaded(portal, 'hearth-moderation-audit');
      await moderation.locator('[part~="entry"]', { hasText: word }).first().waitFor();
      // The file comes through a Blob URL and a download link: no navigation, no inline script.
      const download = portal.page.waitForEvent('download');
      await moderation.getByRole('button', { name: 'Download CSV' }).click();
      const file = (await download).suggestedFilename();
      assert.match(file, /^hearth-audit-[\d-]+\.csv$/, 'the name the server gives the file');
      await moderation.getByText(`The audit trail was saved as ${file}.`).waitFor();

      await moderation.getByRole('tab', { name: 'Watch list' }).click();
      await remove.click();
      await remove.waitFor({ state: 'detached' });
      await assertClean(portal);
    } finally {
      await portal.context.close();
    }
  });

  test('a portal that switches to German: every widget loads its language chunk under the policy and speaks German; no violations', async () => {
    const portal = await openPortal();
    try {
      // The way a single-page portal changes language: a property, not an inline script.
      await portal.page.evaluate(() => {
        document.documentElement.lang = 'de';
      });
      await portal.page.locator('hearth-tag-cloud').getByText('Beliebte Tags').waitFor({ timeout: 15_000 });
      await portal.page.locator('hearth-feed').getByRole('textbox', { name: 'Beitrag schreiben' }).waitFor({ timeout: 15_000 });
      await portal.page.locator('hearth-moderation').getByRole('tab', { name: 'Zu prüfen' }).waitFor({ timeout: 15_000 });
      await chunkLoaded(portal, 'de');
      const german = portal.widgetFiles.filter((f) => f.startsWith('200 /widgets/chunk-de-'));
      assert.ok(german.length >= 5, `a German chunk per widget folder (and the runtime's): ${german.join(', ')}`);
      await assertClean(portal);
    } finally {
      await portal.context.close();
    }
  });
});
