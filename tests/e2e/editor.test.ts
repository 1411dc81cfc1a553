// The configurator used end to end, as an intranet editor would: open /editor on the real
// server, choose the feed, set it up, copy a snippet to the clipboard, paste it into a fresh
// portal page, and the widget works there. Once with the script tag (a page on the Hearth
// origin under a strict CSP), once with the iframe (a host page on another origin, allowed
// through ALLOWED_ORIGINS, resized by embed-resize.js).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchBrowser, startPortal, startServer, type Portal, type RunningServer } from './server.ts';

const COMMUNITY = 'engineering';
const PAGE_SIZE = 3;

let server: RunningServer;
let browser: Browser;
/** The other portal: one page, whatever `site.page` holds. */
let site: Portal;

before(async () => {
  // A careful portal: only its own scripts and Hearth's, frames only from Hearth.
  site = await startPortal(
    () => `default-src 'self'; script-src 'self' ${server.url}; frame-src ${server.url}; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'`,
  );
  server = await startServer({ ALLOWED_ORIGINS: site.origin });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await site?.close();
});

/** Records page errors, console errors and CSP violations on every page of `context`. */
function watch(context: BrowserContext): string[] {
  const problems: string[] = [];
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
  });
  return problems;
}

async function cspViolations(frame: Page | Frame): Promise<string[]> {
  return frame.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

async function newContext(): Promise<{ context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, problems: watch(context) };
}

/** Opens /editor and sets up a feed of COMMUNITY with PAGE_SIZE posts and `tokenUrl`. */
async function configureFeed(page: Page, tokenUrl: string): Promise<void> {
  await page.goto(`${server.url}/editor`);
  const editor = page.locator('hearth-configurator');
  await editor.getByRole('radio', { name: /^Tag cloud/ }).check();
  await editor.getByRole('radio', { name: /^Feed/ }).check();
  const community = editor.getByLabel('Community', { exact: true });
  // Listed from the API for the demo person signed in on the editor page.
  await community.locator(`option[value="${COMMUNITY}"]`).waitFor({ state: 'attached' });
  await community.selectOption(COMMUNITY);
  await editor.getByLabel('Posts per page').fill(String(PAGE_SIZE));
  await editor.getByLabel('Your portal’s token URL').fill(tokenUrl);
  // The live preview is the real widget, already showing the community's posts.
  const preview = editor.locator('hearth-feed');
  assert.equal(await preview.getAttribute('community'), COMMUNITY);
  assert.equal(await preview.getAttribute('page-size'), String(PAGE_SIZE));
  await preview.locator('article[aria-posinset]').first().waitFor();
}

/** Clicks a Copy button, waits for the announcement and returns what is on the clipboard. */
async function copy(page: Page, button: string, textarea: string): Promise<string> {
  const editor = page.locator('hearth-configurator');
  await editor.getByRole('button', { name: button }).click();
  await editor.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await editor.getByRole('textbox', { name: textarea }).inputValue(), 'the clipboard holds the snippet shown');
  return copied;
}

/** The ids of the community's newest posts, as the API gives them to the demo person. */
async function newestPostIds(page: Page | Frame): Promise<string[]> {
  return page.evaluate(
    async ({ community, limit }) => {
      const { token } = (await (await fetch('/demo/token')).json()) as { token: string };
      const answer = await fetch(`/api/v1/posts?community=${community}&limit=${limit}`, { headers: { authorization: `Bearer ${token}` } });
      const { items } = (await answer.json()) as { items: Array<{ id: number; community: { slug: string } | null }> };
      if (items.some((p) => p.community?.slug !== community)) throw new Error('the API mixed communities');
      return items.map((p) => `post-${p.id}`);
    },
    { community: COMMUNITY, limit: PAGE_SIZE },
  );
}

/** The ids of the posts a feed shows, in order. */
async function shownPostIds(frame: Page | Frame): Promise<string[]> {
  const feed = frame.locator('hearth-feed');
  await feed.locator('article[aria-posinset]').first().waitFor();
  return feed.locator('article[aria-posinset]').evaluateAll((articles) => articles.map((a) => a.id));
}

describe('the configurator, end to end', () => {
  test('the script-tag snippet, copied and pasted into a fresh portal page, shows the community’s posts', async () => {
    const { context, problems } = await newContext();
    try {
      const page = await context.newPage();
      // The demo server plays the portal's backend: its token endpoint is /demo/token.
      await configureFeed(page, '/demo/token');
      const snippet = await copy(page, 'Copy script tag', 'Script tag');
      assert.equal(
        snippet,
        [
          `<script type="module" src="${server.url}/widgets/hearth.js"></script>`,
          '<hearth-config token-url="/demo/token"></hearth-config>',
          `<hearth-feed community="${COMMUNITY}" page-size="${PAGE_SIZE}" compose></hearth-feed>`,
        ].join('\n'),
      );

      // A fresh page on the server's origin holding exactly the snippet, under a strict CSP.
      const portalUrl = `${server.url}/portal/team-page.html`;
      const portal = await context.newPage();
      await portal.route(portalUrl, (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers: {
            'content-security-policy':
              "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html",
          },
          body: `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Team page</title></head>\n<body>\n<h1>Engineering team</h1>\n${snippet}\n</body>\n</html>\n`,
        }),
      );
      await portal.goto(portalUrl);
      const shown = await shownPostIds(portal);
      assert.deepEqual(shown, await newestPostIds(portal), 'the pasted feed shows the community’s newest posts, a page of them');
      assert.equal(shown.length, PAGE_SIZE);
      await portal.locator('hearth-feed').getByRole('textbox', { name: 'Write a post' }).waitFor();

      assert.deepEqual(await cspViolations(portal), [], 'no Content-Security-Policy violations on the portal page');
      assert.deepEqual(await cspViolations(page), [], 'no Content-Security-Policy violations on the editor');
      assert.deepEqual(problems, [], 'no page or console errors');
    } finally {
      await context.close();
    }
  });

  test('the iframe snippet, pasted into a page on another origin, loads the widget and is resized', async () => {
    const { context, problems } = await newContext();
    try {
      const page = await context.newPage();
      // Inside the frame the widget runs on the Hearth origin: the token URL must be a full address.
      await configureFeed(page, `${server.url}/demo/token`);
      const snippet = await copy(page, 'Copy iframe', 'Iframe');
      assert.match(snippet, /^<iframe src="[^"]+\/embed\/feed\?[^"]+" title="Feed – Engineering"[^>]*><\/iframe>\n<script src="[^"]+\/widgets\/embed-resize\.js"><\/script>$/);

      site.page = `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Another portal</title></head>\n<body>\n<h1>News</h1>\n${snippet}\n</body>\n</html>\n`;
      const portal = await context.newPage();
      await portal.goto(`${site.origin}/`);
      const iframe = portal.locator('iframe');
      const src = new URL((await iframe.getAttribute('src'))!);
      assert.equal(src.origin, server.url);
      assert.equal(src.searchParams.get('community'), COMMUNITY);

      const frame = portal.frames().find((f) => f.url().startsWith(`${server.url}/embed/feed`));
      assert.ok(frame, 'the iframe loaded the embed page');
      const shown = await shownPostIds(frame);
      assert.deepEqual(shown, await newestPostIds(frame), 'the framed feed shows the community’s newest posts');

      // The embed page reports its height with its own script; without it nothing can resize.
      for (const asset of ['/embed/frame.js', '/embed/frame.css']) {
        assert.equal((await fetch(server.url + asset)).status, 200, `${asset} is served`);
      }
      // embed-resize.js heard the frame and fitted it to the widget: no longer the default 150 px.
      await portal.waitForFunction(
        () => {
          const el = document.querySelector('iframe');
          return !!el && el.style.height !== '' && Math.abs(el.getBoundingClientRect().height - 150) > 1;
        },
        undefined,
        { timeout: 10_000 },
      );
      // The posts may still be settling (avatars, fonts): the frame follows until it fits.
      const heights = async () => ({
        frame: await iframe.evaluate((el) => el.getBoundingClientRect().height),
        content: await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)),
      });
      let last = await heights();
      for (let tries = 0; tries < 50 && Math.abs(last.frame - last.content) > 1; tries++) {
        await portal.waitForTimeout(100);
        last = await heights();
      }
      assert.ok(Math.abs(last.frame - last.content) <= 1, `the frame is as tall as its content (${last.frame} vs ${last.content})`);
      assert.ok(last.frame > 300, `the frame grew to fit ${PAGE_SIZE} posts and the composer (${last.frame}px)`);

      assert.deepEqual(await cspViolations(portal), [], 'no Content-Security-Policy violations on the host page');
      assert.deepEqual(await cspViolations(frame), [], 'no Content-Security-Policy violations in the frame');
      assert.deepEqual(problems, [], 'no page or console errors');
    } finally {
      await context.close();
    }
  });

  test('/editor is axe-clean and fits a 320 px screen in one column, and puts the preview beside the controls at 1280 px', async () => {
    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const width of [320, 1280]) {
      // bypassCSP only to inject axe; the page's own scripts run under its policy in the tests above.
      const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/editor`);
        const editor = page.locator('hearth-configurator');
        await editor.locator('hearth-feed article[aria-posinset]').first().waitFor();
        await page.addScriptTag({ content: axe });
        const violations = await page.evaluate(async () => {
          const run = (window as unknown as { axe: { run(c: Document): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run;
          const result = await run(document);
          return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' > ')).join(', ')}`);
        });
        assert.deepEqual(violations, [], `axe at ${width} px`);
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, `no sideways scrolling at ${width} px`);

        const controls = (await editor.getByRole('form', { name: 'Widget settings' }).boundingBox())!;
        const preview = (await editor.getByRole('region', { name: 'Preview', exact: true }).boundingBox())!;
        if (width === 320) assert.ok(preview.y >= controls.y + controls.height, 'one column: the preview comes after the controls');
        else assert.ok(preview.x >= controls.x + controls.width && preview.y < controls.y + 50, 'two columns: controls left, preview right');
      } finally {
        await context.close();
      }
    }
  });
});
