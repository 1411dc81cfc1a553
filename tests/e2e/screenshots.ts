// Screenshots of every widget on every host page, for a person to look at (`npm run screenshots`,
// which builds the widgets first; run directly, `node --import tsx tests/e2e/screenshots.ts`
// needs `npm run build:widgets` to have run). Not a test: it asserts nothing, it writes PNGs.
//
// Starts the real server on a fresh PGlite folder and the host pages on their own origin, as the
// end-to-end tests do (server.ts, host-pages.ts), then for each host page (plain, bootstrap3,
// legacy, dark) at 320 and 1280 px writes
//
//   .screenshots/<host>-<widget>-<width>.png   widget = feed, tag-cloud, tag-cloud-list,
//                                                community-card, ask-expert, and two busier
//                                                states: ask-expert-similar (a title and a
//                                                tag typed: similar questions and experts) and
//                                                feed-suggestions (tag suggestions open)
//   .screenshots/<host>-page-<width>.png        the whole page as it loads
//
// A widget's shot is the page's full width (wider if the page scrolls sideways) by the widget's
// height and 24 px above and below, so it is seen with the portal around it and any overflow at
// 320 px shows. `tag-cloud-list` is the same tag cloud switched to variant="list" on the page.
// Each shot's line on the console says what a glance might miss: the page scrolling sideways,
// and elements of the widget that stick out of it.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startHostPages } from './host-pages.ts';
import { launchBrowser, startServer } from './server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, '.screenshots');
const HOSTS = ['plain', 'bootstrap3', 'legacy', 'dark'] as const;
const WIDTHS = [320, 1280] as const;
const MARGIN = 24;

interface Shot {
  /** The file name's widget part. */
  name: string;
  tag: string;
  /** Selectors (inside the shadow root) that exist once the widget shows its data. */
  ready: string[];
  /** Done to the widget on the page before the shot. */
  prepare?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  { name: 'feed', tag: 'hearth-feed', ready: ['[part~="body"]', '[part~="composer"] textarea'] },
  { name: 'tag-cloud', tag: 'hearth-tag-cloud', ready: ['[part~="tag"]'] },
  {
    name: 'tag-cloud-list',
    tag: 'hearth-tag-cloud',
    ready: ['[part~="tag"]'],
    prepare: async (page) => {
      await page.locator('hearth-tag-cloud').evaluate((el) => el.setAttribute('variant', 'list'));
      await page.locator('hearth-tag-cloud ol [part~="tag"]').first().waitFor();
    },
  },
  {
    name: 'community-card',
    tag: 'hearth-community-card',
    ready: ['[part~="name"]', '[part~="membership"] button', '[part~="posts"] li'],
  },
  { name: 'ask-expert', tag: 'hearth-ask-expert', ready: ['[part~="form"] textarea'] },
  // Two busier states, last because they leave typed text behind.
  {
    name: 'ask-expert-similar',
    tag: 'hearth-ask-expert',
    ready: [],
    prepare: async (page) => {
      const ask = page.locator('hearth-ask-expert');
      await ask.getByRole('textbox', { name: 'Your question' }).fill('Where do I find the latest SOC 2 report?');
      const tags = ask.getByRole('combobox', { name: 'Tags' });
      await tags.pressSequentially('security', { delay: 0 });
      await tags.press('Enter');
      await ask.locator('[part~="similar"] button.title').first().waitFor({ timeout: 15_000 });
      await ask.locator('[part~="experts"] li').first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'feed-suggestions',
    tag: 'hearth-feed',
    ready: [],
    prepare: async (page) => {
      const feed = page.locator('hearth-feed');
      await feed.getByRole('textbox', { name: 'Write a post' }).pressSequentially('Thanks to the team! #s', { delay: 0 });
      await feed.locator('[part~="suggestions"] [role="option"]').first().waitFor({ timeout: 15_000 });
    },
  },
];

if (!existsSync(join(ROOT, 'dist', 'widgets', 'hearth.js'))) {
  console.error('dist/widgets/hearth.js is missing: run `npm run build:widgets` first (`npm run screenshots` does).');
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });

const hosts = await startHostPages();
const server = await startServer({ ALLOWED_ORIGINS: hosts.origin });
hosts.hearth = server.url;
const browser = await launchBrowser();
let written = 0;
const problems: string[] = [];
try {
  for (const width of WIDTHS) {
    for (const host of HOSTS) {
      // A fresh context per page: nothing typed on one page (drafts) shows on the next. A light
      // preference: the dark page is dark because of the page itself.
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: 'light' });
      // tsx keeps function names with a `__name` helper the page does not have.
      await context.addInitScript('globalThis.__name ??= (fn) => fn;');
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`${host} at ${width}: page error: ${error.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`${host} at ${width}: console error: ${msg.text()}`);
      });
      await page.goto(`${hosts.origin}/hosts/${host}.html`);
      for (const shot of SHOTS) {
        for (const selector of shot.ready) await page.locator(`${shot.tag} ${selector}`).first().waitFor({ timeout: 30_000 });
      }
      await settle(page);
      await page.screenshot({ path: join(OUT, `${host}-page-${width}.png`), fullPage: true });
      written++;
      for (const shot of SHOTS) {
        if (shot.prepare) {
          await shot.prepare(page);
          await settle(page);
        }
        const widget = page.locator(shot.tag);
        await widget.scrollIntoViewIfNeeded();
        const box = await widget.boundingBox();
        if (!box) throw new Error(`${shot.tag} has no box on ${host} at ${width} px`);
        const geometry = await page.evaluate(inspect, shot.tag);
        const scrollY = await page.evaluate(() => window.scrollY);
        const top = Math.max(0, box.y + scrollY - MARGIN);
        const file = `${host}-${shot.name}-${width}.png`;
        await page.screenshot({
          path: join(OUT, file),
          fullPage: true,
          clip: { x: 0, y: top, width: Math.max(width, geometry.pageWidth), height: Math.min(box.height + 2 * MARGIN, geometry.pageHeight - top) },
        });
        written++;
        const notes = [
          geometry.pageWidth > width ? `the page scrolls sideways: ${geometry.pageWidth} px wide in a ${width} px window` : '',
          ...geometry.outside.map((o) => `sticks out of the widget: ${o}`),
        ].filter(Boolean);
        console.log(`${file}  ${Math.round(box.width)} × ${Math.round(box.height)}${notes.length ? `\n    ${notes.join('\n    ')}` : ''}`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
  await hosts.close();
}
console.log(`\n${written} screenshots in ${OUT}`);
if (problems.length) console.log(`Errors on the pages:\n  ${problems.join('\n  ')}`);

/** Fonts loaded, the widgets' trees the same size three checks running, two frames drawn. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const count = (root: ParentNode): number => [...root.querySelectorAll('*')].reduce((n, el) => n + 1 + (el.shadowRoot ? count(el.shadowRoot) : 0), 0);
    let last = count(document);
    for (let same = 0, tries = 0; same < 3 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = count(document);
      same = now === last ? same + 1 : 0;
      last = now;
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

/** Runs in the page: how wide the page is, and the widget's visible elements outside its box. */
function inspect(tag: string): { pageWidth: number; pageHeight: number; outside: string[] } {
  const host = document.querySelector(tag)!;
  const edge = host.getBoundingClientRect();
  const outside: string[] = [];
  const walk = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!r.width || !r.height || style.visibility === 'hidden' || style.position === 'absolute' && r.width <= 1) continue;
      const over = Math.max(edge.left - r.left, r.right - edge.right);
      if (over > 1) {
        const part = el.getAttribute('part');
        const name = `${el.localName}${part ? `[part=${part}]` : typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
        outside.push(`${name} by ${Math.round(over)} px`);
      }
    }
  };
  walk(host.shadowRoot ?? host);
  return { pageWidth: document.documentElement.scrollWidth, pageHeight: document.documentElement.scrollHeight, outside: [...new Set(outside)].slice(0, 8) };
}
