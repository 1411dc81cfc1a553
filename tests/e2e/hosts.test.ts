// Hostile hosts: every widget on pages that mimic real legacy portals (tests/hosts/), served
// from another origin as a portal would be, compared with the same widget on a plain page.
//
//   plain.html       browser defaults: the reference
//   bootstrap3.html  Bootstrap 3 (html { font-size: 10px }, * { box-sizing }) + hostile.css
//   legacy.html      the same CSS, plus RequireJS (a global AMD define), jQuery 1.12, MooTools 1.5
//                    (extends Array, String, Number, Function and replaces Array.from) and an
//                    AngularJS 1.8 application around the widgets
//   dark.html        color-scheme: dark; widgets on theme="auto" must turn dark
//
// For each widget, at 1280 and 320 px: the host element's box, the key parts' font size and box,
// every element's computed text settings, and the text that must not change (initials, tags,
// names) are the same as on the plain page, within 1 px. Screenshots of every widget on every
// page land in /tmp/shots/hosts/ (HEARTH_SHOTS overrides the folder) for a person to look at.
//
// The pages are seen as Sam Okafor, the demo's community manager (its "view as" cookie), so
// <hearth-moderation> shows his queue: for the demo's default person, an employee, the server
// refuses the queue (403), which the browser logs as a console error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHostPages, type HostPages } from './host-pages.ts';
import { launchBrowser, startServer, type RunningServer } from './server.ts';

const DIST = fileURLToPath(new URL('../../dist/widgets/', import.meta.url));
const SHOTS = process.env.HEARTH_SHOTS ?? '/tmp/shots/hosts';
const WIDTHS = [1280, 320] as const;
type Width = (typeof WIDTHS)[number];

type PageName = 'plain' | 'bootstrap3' | 'legacy' | 'dark';
const HOSTILE: Array<{ page: PageName; label: string }> = [
  { page: 'bootstrap3', label: 'a Bootstrap 3 page with a hostile theme' },
  { page: 'legacy', label: 'a legacy page (RequireJS, jQuery 1, MooTools, AngularJS 1)' },
];

interface WidgetSpec {
  tag: string;
  name: string;
  /** The build entry that defines it: a widget that is not built yet is skipped. */
  entry: string;
  /** Selectors (inside the shadow root) that exist once the widget has loaded its data. */
  ready: string[];
  /** Key parts, compared by font size and box. Parts absent on the plain page are left out. */
  parts: Record<string, string>;
  /** Elements whose text must read the same on every page (nothing time-dependent). */
  texts: string[];
}

const WIDGETS: WidgetSpec[] = [
  {
    tag: 'hearth-community-card',
    name: 'the community card',
    entry: 'community-card',
    // The latest posts come in a request of their own, after the card itself.
    ready: ['[part~="name"]', '[part~="membership"] button', '[part~="avatar"]', '[part~="posts"] li'],
    parts: {
      card: '[part~="card"]',
      name: '[part~="name"]',
      badge: '[part~="badge"]',
      purpose: '[part~="purpose"]',
      members: '[part~="members"]',
      avatar: '[part~="avatar"]',
      activity: '[part~="activity"]',
      'membership button': '[part~="membership"] button',
    },
    texts: ['[part~="name"]', '[part~="badge"]', '[part~="purpose"]', '[part~="avatar"]'],
  },
  {
    tag: 'hearth-tag-cloud',
    name: 'the tag cloud',
    entry: 'tag-cloud',
    ready: ['[part~="tag"]'],
    parts: {
      header: '[part~="header"]',
      title: '[part~="header"] .title',
      tags: '[part~="tags"]',
      'first tag': '[part~="tag"]',
      count: '[part~="count"]',
      legend: '[part~="legend"]',
    },
    texts: ['[part~="header"] .title', '[part~="tag"]'],
  },
  {
    tag: 'hearth-feed',
    name: 'the feed',
    entry: 'feed',
    ready: ['[part~="body"]', '[part~="composer"] textarea'],
    parts: {
      composer: '[part~="composer"]',
      textarea: '[part~="composer"] textarea',
      'Post button': '[part~="composer"] button.primary',
      'first post': '[part~="post"]',
      'post body': '[part~="body"]',
      avatar: '[part~="avatar"]',
      'Like button': '[part~="actions"] button',
      'Load more': '[part~="load-more"]',
    },
    texts: ['[part~="avatar"]', '[part~="body"] [part~="tag"]', '[part~="mention"]'],
  },
  {
    tag: 'hearth-ask-expert',
    name: 'the ask-expert widget',
    entry: 'ask-expert',
    ready: ['[part~="form"] textarea'],
    parts: {
      form: '[part~="form"]',
      'title field': '[part~="form"] input',
      'details field': '[part~="form"] textarea',
      'Ask button': '[part~="form"] button',
      label: '[part~="form"] label',
    },
    texts: ['[part~="form"] label', '[part~="avatar"]', '[part~="badge"]'],
  },
  {
    tag: 'hearth-moderation',
    name: 'the moderation queue',
    entry: 'moderation',
    // The tabs, then the queue's own part (a chunk of its own): its items, or that it is empty.
    ready: ['[part~="tab"][aria-selected="true"]', '[role="tabpanel"] :is([part~="item"], .state)'],
    parts: {
      tabs: '[part~="tabs"]',
      'first tab': '[part~="tab"]',
      panel: '[role="tabpanel"]',
      'first item': '[part~="item"]',
      'Hide button': '[part~="actions"] button',
      state: '[role="tabpanel"] .state',
    },
    texts: ['[part~="tab"]', '[role="tabpanel"] .state', '[part~="item"] h3', '[part~="avatar"]'],
  },
];
/** Who the pages are seen as (the demo's "view as" cookie): a community manager, for the moderation queue. */
const PERSON = 'sam.okafor';
const built = (w: WidgetSpec) => existsSync(join(DIST, `${w.entry}.js`));
const BUILT = WIDGETS.filter(built);

interface Box {
  fontSize: number;
  width: number;
  height: number;
}
interface WidgetShot {
  host: { width: number; height: number };
  parts: Record<string, Box | null>;
  /** Every element of the shadow tree, in order: its computed text settings. */
  typography: string[];
  texts: string[];
  /** The inner `.root`'s text colour, for the dark page: [r, g, b]. */
  color: number[];
}
interface Loaded {
  widgets: Record<string, WidgetShot>;
  problems: string[];
}

let server: RunningServer;
let browser: Browser;
let hosts: HostPages;
const contexts = new Map<Width, BrowserContext>();
const loads = new Map<string, Promise<Loaded>>();

before(async () => {
  // The portal's origin must exist before Hearth starts: it goes into the allow-list.
  hosts = await startHostPages();
  server = await startServer({ ALLOWED_ORIGINS: hosts.origin });
  hosts.hearth = server.url;
  browser = await launchBrowser();
  for (const width of WIDTHS) {
    // A light preference: whatever turns dark on the dark page does so because of the page.
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: 'light' });
    // tsx keeps function names with a `__name` helper that the page does not have: `measure`
    // declares arrow functions, and runs in the page.
    await context.addInitScript('globalThis.__name ??= (fn) => fn;');
    // Sent with the widgets' token request to Hearth (same host, another port: the same site).
    await context.addCookies([{ name: 'hearth_demo_person', value: PERSON, url: server.url }]);
    contexts.set(width, context);
  }
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await hosts?.close();
});

/** Opens a host page and records errors on it. */
async function open(name: PageName, width: Width): Promise<{ page: Page; problems: string[] }> {
  const page = await contexts.get(width)!.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  await page.goto(`${hosts.origin}/hosts/${name}.html`);
  for (const widget of BUILT) {
    for (const selector of widget.ready) await page.locator(`${widget.tag} ${selector}`).first().waitFor({ timeout: 20_000 });
  }
  // Fonts in, and the widgets' shadow trees the same size over three checks 100 ms apart (a part
  // that loads later than the selectors above would otherwise be measured half there).
  await page.evaluate(async (tags) => {
    await document.fonts.ready;
    const count = (root: ParentNode): number => [...root.querySelectorAll('*')].reduce((n, el) => n + 1 + (el.shadowRoot ? count(el.shadowRoot) : 0), 0);
    const size = () => tags.map((tag) => count(document.querySelector(tag)?.shadowRoot ?? document.createDocumentFragment())).join();
    let last = size();
    for (let same = 0, tries = 0; same < 3 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = size();
      same = now === last ? same + 1 : 0;
      last = now;
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }, BUILT.map((w) => w.tag));
  return { page, problems };
}

/** Loads a page once per width: measures every widget and saves the screenshots. */
function load(name: PageName, width: Width): Promise<Loaded> {
  const key = `${name}@${width}`;
  let loaded = loads.get(key);
  if (!loaded) {
    loaded = (async () => {
      const { page, problems } = await open(name, width);
      try {
        const widgets: Record<string, WidgetShot> = {};
        for (const widget of BUILT) {
          widgets[widget.tag] = await page.evaluate(measure, { tag: widget.tag, parts: widget.parts, texts: widget.texts });
          await page.locator(widget.tag).screenshot({ path: join(SHOTS, `${name}-${width}-${widget.entry}.png`) });
        }
        await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
        return { widgets, problems };
      } finally {
        await page.close();
      }
    })();
    loads.set(key, loaded);
  }
  return loaded;
}

/** Runs in the page: the widget's boxes, text settings and stable text, through shadow roots. */
function measure({ tag, parts, texts }: { tag: string; parts: Record<string, string>; texts: string[] }): WidgetShot {
  const host = document.querySelector(tag)!;
  const all = (root: ParentNode, selector: string): Element[] => {
    const found = [...root.querySelectorAll(selector)];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...all(el.shadowRoot, selector));
    return found;
  };
  const shadow = host.shadowRoot!;
  const box = (el: Element | undefined): Box | null => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { fontSize: parseFloat(getComputedStyle(el).fontSize), width: r.width, height: r.height };
  };
  const TEXT = [
    'font-size', 'line-height', 'font-family', 'font-style', 'font-weight', 'letter-spacing', 'word-spacing',
    'text-transform', 'text-indent', 'text-align', 'text-shadow', 'white-space', 'word-break', 'box-sizing',
  ];
  const typography = all(shadow, '*').map((el) => {
    const style = getComputedStyle(el);
    const name = `${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    return `${name} { ${TEXT.map((p) => `${p}: ${style.getPropertyValue(p)}`).join('; ')} }`;
  });
  const root = shadow.querySelector('.root') ?? shadow.firstElementChild!;
  const rect = host.getBoundingClientRect();
  return {
    host: { width: rect.width, height: rect.height },
    parts: Object.fromEntries(Object.entries(parts).map(([name, selector]) => [name, box(all(shadow, selector)[0])])),
    typography,
    texts: texts.flatMap((selector) => all(shadow, selector).map((el) => `${selector}: ${(el.textContent ?? '').replace(/\s+/g, ' ').trim()}`)),
    color: (getComputedStyle(root).color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number),
  };
}

/** Where `other` differs from `plain` by more than 1 px (sizes) or at all (text settings). */
function differences(plain: WidgetShot, other: WidgetShot): string[] {
  const out: string[] = [];
  const near = (a: number, b: number) => Math.abs(a - b) <= 1;
  if (!near(plain.host.width, other.host.width) || !near(plain.host.height, other.host.height)) {
    out.push(`host element: ${fmt(other.host)} instead of ${fmt(plain.host)}`);
  }
  for (const [name, expected] of Object.entries(plain.parts)) {
    if (!expected) continue; // not rendered on the plain page either (e.g. no legend without trends)
    const got = other.parts[name];
    if (!got) out.push(`${name}: missing`);
    else if (!near(got.fontSize, expected.fontSize) || !near(got.width, expected.width) || !near(got.height, expected.height)) {
      out.push(`${name}: ${got.fontSize}px text in ${fmt(got)} instead of ${expected.fontSize}px in ${fmt(expected)}`);
    }
  }
  if (plain.typography.length !== other.typography.length) {
    out.push(`${other.typography.length} elements in the shadow tree instead of ${plain.typography.length}`);
  } else {
    const changed = plain.typography.flatMap((line, i) => (line === other.typography[i] ? [] : [`  ${other.typography[i]}\n  instead of ${line}`]));
    if (changed.length) out.push(`text settings of ${changed.length} elements differ, first:\n${changed.slice(0, 3).join('\n')}`);
  }
  return out;
}

const fmt = (b: { width: number; height: number }) => `${b.width.toFixed(1)} × ${b.height.toFixed(1)}`;

for (const { page: hostile, label } of HOSTILE) {
  describe(`in ${label}`, () => {
    for (const widget of WIDGETS) {
      for (const width of WIDTHS) {
        test(
          `${widget.name} renders at the same width, height and font sizes as on a plain page (${width} px)`,
          { skip: built(widget) ? false : `${widget.entry}.js is not built` },
          async () => {
            const [plain, other] = await Promise.all([load('plain', width), load(hostile, width)]);
            assert.deepEqual(differences(plain.widgets[widget.tag]!, other.widgets[widget.tag]!), []);
          },
        );
      }
    }
    test('the page has no page errors and no console errors', async () => {
      for (const width of WIDTHS) assert.deepEqual((await load(hostile, width)).problems, [], `at ${width} px`);
    });
  });
}

describe('on the plain and dark host pages', () => {
  test('no page errors and no console errors', async () => {
    for (const name of ['plain', 'dark'] as const) {
      for (const width of WIDTHS) assert.deepEqual((await load(name, width)).problems, [], `${name} at ${width} px`);
    }
  });

  test('widgets on theme="auto" turn dark on a page whose color-scheme is dark, and stay light on a plain page', async () => {
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    const [plain, dark] = await Promise.all([load('plain', 1280), load('dark', 1280)]);
    for (const widget of BUILT) {
      assert.ok(luminance(plain.widgets[widget.tag]!.color) < 0.3, `${widget.name} has dark text on the plain page`);
      assert.ok(luminance(dark.widgets[widget.tag]!.color) > 0.7, `${widget.name} has light text on the dark page`);
    }
  });

  test('a dark page changes colours only: every widget has the same sizes as on the plain page', async () => {
    for (const width of WIDTHS) {
      const [plain, dark] = await Promise.all([load('plain', width), load('dark', width)]);
      for (const widget of BUILT) assert.deepEqual(differences(plain.widgets[widget.tag]!, dark.widgets[widget.tag]!), [], `${widget.name} at ${width} px`);
    }
  });
});

describe('inside the legacy portal’s AngularJS application', () => {
  test('the page really is hostile: a global AMD define, jQuery 1.12, MooTools’ prototype extensions, AngularJS 1.8 running', async () => {
    const { page, problems } = await open('legacy', 1280);
    try {
      const env = await page.evaluate(() => {
        const w = window as unknown as Record<string, any>;
        return {
          amd: typeof w.define === 'function' && !!w.define.amd,
          jquery: w.jQuery.fn.jquery as string,
          angular: w.angular.version.full as string,
          // MooTools replaces Array.from: a string is not split into characters any more.
          arrayFrom: (Array.from as (x: unknown) => unknown[])('ab').length,
          extended: typeof (Array.prototype as unknown as Record<string, unknown>).flatten === 'function' && typeof (String.prototype as unknown as Record<string, unknown>).contains === 'function',
          // Defined through the page's RequireJS; anything of ours would show up here too.
          amdModules: Object.keys(w.requirejs.s.contexts._.defined).sort(),
          versions: document.querySelector('#portal-versions')?.textContent?.replace(/\s+/g, ' ').trim(),
        };
      });
      assert.deepEqual(env, {
        amd: true,
        jquery: '1.12.4',
        angular: '1.8.3',
        arrayFrom: 1,
        extended: true,
        amdModules: ['jquery', 'portal/greeting'],
        versions: 'jQuery 1.12.4, AngularJS 1.8.3, MooTools 1.5.2',
      });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('the feed’s Like works', { skip: BUILT.some((w) => w.entry === 'feed') ? false : 'feed.js is not built' }, async () => {
    const { page, problems } = await open('legacy', 1280);
    try {
      const like = page.locator('hearth-feed [part~="actions"] button.like').first();
      const pressed = await like.getAttribute('aria-pressed');
      await like.click();
      await page.waitForFunction(
        (was) => {
          const button = document.querySelector('hearth-feed')?.shadowRoot?.querySelector('[part~="actions"] button.like');
          return button?.getAttribute('aria-pressed') === (was === 'true' ? 'false' : 'true');
        },
        pressed,
      );
      // Saved on the server, not only on screen: a fresh page shows it too; then back as it was.
      await page.reload();
      await like.waitFor();
      assert.equal(await like.getAttribute('aria-pressed'), pressed === 'true' ? 'false' : 'true');
      await like.click();
      await page.waitForFunction(
        (was) => document.querySelector('hearth-feed')?.shadowRoot?.querySelector('[part~="actions"] button.like')?.getAttribute('aria-pressed') === was,
        pressed,
      );
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('a post written in the feed is stored and shown, and can be deleted again', { skip: BUILT.some((w) => w.entry === 'feed') ? false : 'feed.js is not built' }, async () => {
    const { page, problems } = await open('legacy', 1280);
    try {
      const feed = page.locator('hearth-feed');
      const unique = `Posted from a legacy portal ${Date.now()}`;
      // Typed, not filled: the portal's key handlers (jQuery, AngularJS) see every keystroke.
      const composer = feed.getByRole('textbox', { name: 'Write a post' });
      await composer.pressSequentially(`${unique} #hosts`, { delay: 0 });
      await feed.getByRole('button', { name: 'Post', exact: true }).click();
      const mine = feed.locator('article', { hasText: unique }).first();
      await mine.waitFor();
      assert.equal(await composer.inputValue(), '', 'the composer is cleared once the post is stored');
      // Deleted again, so the other tests' pages (and their sizes) stay as seeded.
      await mine.getByRole('button', { name: 'Delete' }).first().click();
      await mine.getByRole('button', { name: 'Delete post' }).click();
      await mine.waitFor({ state: 'detached' });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test(
    'a tag chosen in the cloud filters the feed, and the portal’s AngularJS code hears it',
    { skip: ['feed', 'tag-cloud'].every((e) => BUILT.some((w) => w.entry === e)) ? false : 'feed.js or tag-cloud.js is not built' },
    async () => {
      const { page, problems } = await open('legacy', 1280);
      try {
        const kudos = page.locator('hearth-tag-cloud').getByRole('button', { name: /^kudos ?, \d+ posts/ });
        await kudos.click();
        assert.equal(await kudos.getAttribute('aria-pressed'), 'true');
        const feed = page.locator('hearth-feed');
        await feed.getByText('Filtered by #kudos').waitFor();
        await page.waitForFunction(() => {
          const articles = [...(document.querySelector('hearth-feed')?.shadowRoot?.querySelectorAll('article[aria-posinset]') ?? [])];
          return articles.length > 0 && articles.every((a) => /#kudos/i.test(a.textContent ?? ''));
        });
        await page.locator('#portal-tag', { hasText: 'Portal heard #kudos' }).waitFor();
        await feed.getByRole('button', { name: 'Clear the tag filter, show all posts' }).click();
        await feed.getByText('Filtered by #kudos').waitFor({ state: 'detached' });
        assert.equal(await kudos.getAttribute('aria-pressed'), 'false');
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    },
  );

  test(
    'avatars show the same initials as on a plain page although MooTools replaced Array.from',
    async () => {
      for (const width of WIDTHS) {
        const [plain, legacy] = await Promise.all([load('plain', width), load('legacy', width)]);
        for (const widget of BUILT) assert.deepEqual(legacy.widgets[widget.tag]!.texts, plain.widgets[widget.tag]!.texts, `${widget.name} at ${width} px`);
      }
    },
  );
});

describe('on a Bootstrap 3 page', () => {
  test('every widget reads the same text as on a plain page (initials, tags, names)', async () => {
    for (const width of WIDTHS) {
      const [plain, other] = await Promise.all([load('plain', width), load('bootstrap3', width)]);
      for (const widget of BUILT) assert.deepEqual(other.widgets[widget.tag]!.texts, plain.widgets[widget.tag]!.texts, `${widget.name} at ${width} px`);
    }
  });
});
