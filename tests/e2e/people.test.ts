// People end to end (issue #14, point 2), on the real server in Chromium:
//
//   the demo page: a post mentioning @sam.okafor in the feed → the mention's hover card (pointer
//   and keyboard: focus opens it, Tab goes in, Escape closes it) → "Ask Sam" → ask-expert on the
//   page opens its form with Sam suggested;
//   the standalone card (/embed/person): someone else's (skills with reasons, Follow kept across a
//   reload), your own (declared skills and away, saved), and a handle no one has ("not found").
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
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

/** One person's browser (the demo's "view as" cookie names them to Hearth). */
async function as(handle: string, path: string, viewport = { width: 1280, height: 1000 }) {
  const context = await browser.newContext({ viewport });
  await context.addCookies([{ name: 'hearth_demo_person', value: handle, url: server.url }]);
  // The demo page and /embed run under the strict policy: any violation (a style attribute, an
  // inline script, HTML from a string) is recorded.
  await context.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  const tab = await context.newPage();
  const problems: string[] = [];
  tab.on('pageerror', (error) => problems.push(error.message));
  await tab.goto(server.url + path);
  return { tab, problems, close: () => context.close() };
}

const violations = (tab: Page) => tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

const apiAs = (...args: Parameters<ReturnType<typeof demoApi>>) => demoApi(server.url)(...args);

/**
 * Waits until `locator` has not moved for half a second: the demo page's other widgets load
 * around it, and a name that moves from under a resting pointer is no longer hovered.
 */
async function settled(locator: Locator): Promise<void> {
  let last = '';
  let since = Date.now();
  const started = Date.now();
  while (Date.now() - started < 15_000) {
    const box = JSON.stringify(await locator.boundingBox());
    if (box !== last) [last, since] = [box, Date.now()];
    else if (Date.now() - since >= 500) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The hover card open in `widget` (Playwright's CSS pierces shadow roots). */
const hoverCard = (tab: Page, widget: string) => tab.locator(`${widget} hearth-person[data-hearth-hover]`);

describe('a hover card from a mention, then "Ask <name>"', () => {
  test('the feed’s @mention opens Sam’s card on hover and on focus; Escape closes it; "Ask Sam" opens ask-expert with Sam suggested', async () => {
    const text = `Thanks @sam.okafor for the onboarding checklist (${Date.now()})`;
    const posted = await apiAs('maria.lopez', 'POST', '/posts', { body: text });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    const sam = await apiAs('ivan.petrov', 'GET', '/people/sam.okafor');
    assert.equal(sam.status, 200, JSON.stringify(sam.body));

    const ivan = await as('ivan.petrov', '/');
    try {
      const post = ivan.tab.locator('hearth-feed [part~="post"]', { hasText: text }).first();
      await post.waitFor({ timeout: 20_000 });
      const mention = post.locator('[part~="mention"][data-hearth-person="sam.okafor"]');
      await mention.waitFor();
      await mention.scrollIntoViewIfNeeded();
      await settled(mention);

      // Pointer: resting on the mention opens the card, under it.
      await mention.hover();
      const card = hoverCard(ivan.tab, 'hearth-feed');
      await card.locator('[part~="name"]').waitFor({ timeout: 10_000 });
      assert.equal((await card.locator('[part~="name"]').innerText()).trim(), sam.body.person.name);
      const [m, c] = await Promise.all([mention.boundingBox(), card.boundingBox()]);
      assert.ok(m && c && c.y >= m.y + m.height - 1, `the card (${c?.y}) is not under the mention (${m ? m.y + m.height : '?'})`);
      // Moving away closes it.
      await ivan.tab.mouse.move(5, 5);
      await card.waitFor({ state: 'detached', timeout: 5_000 });

      // Keyboard: focus opens it, Tab goes into it (Follow), Escape closes it back on the mention.
      await ivan.tab.keyboard.press('Shift+Tab');
      await mention.focus();
      await card.locator('[part~="name"]').waitFor({ timeout: 10_000 });
      assert.match((await mention.getAttribute('aria-describedby')) ?? '', /hint/);
      await ivan.tab.keyboard.press('Tab');
      const focused = await ivan.tab.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.textContent?.trim();
      });
      assert.equal(focused, 'Follow');
      await ivan.tab.keyboard.press('Escape');
      await card.waitFor({ state: 'detached', timeout: 5_000 });

      // "Ask Sam": the demo page's ask-expert takes it.
      await mention.hover();
      const first = String(sam.body.person.name).split(/\s+/)[0];
      const ask = card.getByRole('button', { name: `Ask ${first}` });
      await ask.waitFor({ timeout: 10_000 });
      await ask.click();
      const suggested = ivan.tab.locator('hearth-ask-expert hearth-ask-expert-form [data-suggested="sam.okafor"]');
      await suggested.waitFor({ timeout: 10_000 });
      assert.match(await suggested.innerText(), new RegExp(String(sam.body.person.name)));
      const title = ivan.tab.locator('hearth-ask-expert hearth-ask-expert-form input#title');
      await ivan.tab.waitForFunction(() => {
        const widget = document.querySelector('hearth-ask-expert');
        return widget?.shadowRoot?.activeElement?.id === 'title';
      });
      assert.ok(await title.isVisible());
      // Sam's strongest skills are the question's first tags.
      const tags = (sam.body.skills as Array<{ tag: string }>).slice(0, 3).map((s) => `#${s.tag}`);
      const chips = await ivan.tab.locator('hearth-ask-expert hearth-ask-expert-form .chips .chip').allInnerTexts();
      assert.deepEqual(chips.map((t) => t.replace(/[×\s]/g, '')), tags);
      assert.deepEqual(ivan.problems, []);
      assert.deepEqual(await violations(ivan.tab), []);
    } finally {
      await ivan.close();
    }
  });
});

describe('the standalone card (/embed/person)', () => {
  test('someone else’s: what they know with the reasons, communities, recent work; Follow is kept across a reload', async () => {
    const ivan = await as('ivan.petrov', '/embed/person?handle=maria.lopez&token-url=/demo/token');
    try {
      const card = ivan.tab.locator('hearth-person');
      await card.locator('h2[part~="name"]').waitFor({ timeout: 20_000 });
      const maria = await apiAs('ivan.petrov', 'GET', '/people/maria.lopez');
      assert.equal((await card.locator('h2[part~="name"]').innerText()).trim(), maria.body.person.name);
      if (maria.body.skills.length) {
        const skill = card.locator('[part~="skill"]').first();
        assert.match(await skill.innerText(), new RegExp(`#${maria.body.skills[0].tag}`));
      }
      const follow = card.locator('[part~="follow"]');
      assert.equal(await follow.getAttribute('aria-pressed'), 'false');
      await follow.click();
      await ivan.tab.waitForFunction(() => document.querySelector('hearth-person')?.shadowRoot?.querySelector('[part~="follow"]')?.getAttribute('aria-pressed') === 'true');
      await ivan.tab.reload();
      await card.locator('h2[part~="name"]').waitFor({ timeout: 20_000 });
      assert.equal(await card.locator('[part~="follow"]').getAttribute('aria-pressed'), 'true');
      assert.equal((await card.locator('[part~="follow"]').innerText()).trim(), 'Following');
      assert.deepEqual(ivan.problems, []);
      assert.deepEqual(await violations(ivan.tab), []);
    } finally {
      await ivan.close();
    }
  });

  test('your own: declared skills edited and saved, marked away; both kept across a reload', async () => {
    const maria = await as('maria.lopez', '/embed/person?handle=maria.lopez&token-url=/demo/token');
    try {
      const card = maria.tab.locator('hearth-person');
      const edit = card.getByRole('button', { name: 'Edit skills' });
      await edit.waitFor({ timeout: 20_000 });
      assert.equal(await card.locator('[part~="follow"]').count(), 0);
      await edit.click();
      const input = card.locator('#skill-input');
      await input.waitFor();
      await input.pressSequentially('release-notes,', { delay: 10 });
      await card.getByRole('button', { name: 'Save' }).click();
      await card.locator('[data-tag="release-notes"]').waitFor({ timeout: 10_000 });
      assert.match(await card.locator('[data-tag="release-notes"]').innerText(), /declared/);
      await card.getByLabel('I am away: do not route questions to me').check();
      await card.locator('[part~="badge"]').waitFor({ timeout: 10_000 });

      await maria.tab.reload();
      await card.locator('[data-tag="release-notes"]').waitFor({ timeout: 20_000 });
      assert.equal((await card.locator('[part~="badge"]').innerText()).trim(), 'Away');
      const saved = await apiAs('maria.lopez', 'GET', '/people/maria.lopez');
      assert.equal(saved.body.away, true);
      assert.ok(saved.body.skills.some((s: { tag: string; declared: boolean }) => s.tag === 'release-notes' && s.declared));
      // Back, for whoever runs next on this server.
      await card.getByLabel('I am away: do not route questions to me').uncheck();
      await maria.tab.waitForFunction(() => !document.querySelector('hearth-person')?.shadowRoot?.querySelector('[part~="badge"]'));
      assert.deepEqual(maria.problems, []);
    } finally {
      await maria.close();
    }
  });

  test('a handle no one has reads "not found"', async () => {
    const ivan = await as('ivan.petrov', '/embed/person?handle=no.such.person&token-url=/demo/token');
    try {
      await ivan.tab.locator('hearth-person [part~="state"]', { hasText: 'No one with this name was found.' }).waitFor({ timeout: 20_000 });
      assert.deepEqual(ivan.problems, []);
    } finally {
      await ivan.close();
    }
  });
});
