/**
 * `npm run bench:web` (issue #16 point 5): how much the widgets block the main thread of the page
 * that hosts them, in Chromium. Starts the real server in demo mode on a fresh PGlite folder (as
 * the e2e tests do), signs in as a demo persona (the "view as" cookie), and loads the demo intranet
 * page `/` (all widgets), each of the four widgets alone (`/embed/<widget>`), and a trivial page
 * with no widget served from another local port the same way (the baseline). Each page is loaded
 * `--runs` times cold (a fresh browser context: empty cache) and warm (a reload in that context).
 *
 * Measured in the page, from an init script that runs before any of the page's own:
 * - long tasks (Long Tasks API, `buffered: true`), start and duration;
 * - total blocking time: the sum over long tasks of (duration - 50 ms), counting only what lies
 *   after the first contentful paint, up to a quiet window (`--quiet` ms, default 3000, without
 *   any long task once every widget shows its data);
 * - first contentful paint; time to first widget render (the first `hearth-*` element with
 *   elements in its shadow root, checked every animation frame); time until every widget of the
 *   page shows its data (the feed's posts, the tag cloud's tags, the community card's membership
 *   button, ask-expert's question form), never a sign-in box;
 * - the scripts Chromium attributes long animation frames to (Long Animation Frames API), to say
 *   which code the blocking time is spent in.
 * Target: total blocking time of the demo page (all four widgets), median, cold and warm <= 50 ms.
 * Options: --runs <n> (default 5), --quiet <ms> (default 3000), --build (rebuild the widgets
 * first; otherwise built only when dist/widgets is missing), --person <handle>.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer } from '../e2e/server.ts';

const TARGET_MS = 50;
const root = new URL('../../', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    quiet: { type: 'string', default: '3000' },
    build: { type: 'boolean', default: false },
    person: { type: 'string', default: 'maria.lopez' },
  },
});
const runs = Number(args.runs);
const quietMs = Number(args.quiet);
if (!Number.isInteger(runs) || runs < 1 || !Number.isFinite(quietMs) || quietMs < 500) {
  console.error('usage: npm run bench:web -- [--runs <n>=5] [--quiet <ms>=3000] [--build] [--person <handle>]');
  process.exit(2);
}

/** What shows that a widget has its data (a selector inside its shadow root). */
const READY: Record<string, string> = {
  'hearth-feed': 'article',
  'hearth-tag-cloud': 'button[data-tag]',
  'hearth-community-card': '[part=membership] button',
  'hearth-ask-expert': '[role=tabpanel] :is(form, textarea)',
};

interface Target { name: string; path: string; widgets: string[]; baseline?: boolean }
/** The widgets a page may hold (server/src/http/embed.ts), for the time to first widget render. */
const WIDGET_TAGS = ['feed', 'tag-cloud', 'community-card', 'ask-expert', 'moderation', 'notifications', 'person', 'search', 'adoption'].map((w) => `hearth-${w}`);
const TOKEN = 'token-url=/demo/token';
const TARGETS: Target[] = [
  { name: 'baseline (no widget)', path: '', widgets: [], baseline: true },
  { name: 'demo page / (all)', path: '/', widgets: Object.keys(READY) },
  { name: 'feed alone', path: `/embed/feed?${TOKEN}`, widgets: ['hearth-feed'] },
  { name: 'tag-cloud alone', path: `/embed/tag-cloud?${TOKEN}`, widgets: ['hearth-tag-cloud'] },
  { name: 'ask-expert alone', path: `/embed/ask-expert?${TOKEN}`, widgets: ['hearth-ask-expert'] },
  { name: 'community-card alone', path: `/embed/community-card?community=engineering&${TOKEN}`, widgets: ['hearth-community-card'] },
];

/**
 * Runs in every document before its own scripts: observers (buffered) and a per-frame check of
 * the widgets. Plain JavaScript in a string: nothing of the bench's own compilation gets in.
 */
const INIT = `(() => {
  const ready = ${JSON.stringify(READY)};
  const s = window.__bench = { tasks: [], frames: [], fcp: null, firstWidget: null, readyAt: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) s.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') s.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        s.frames.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
          scripts: (e.scripts || []).map((x) => ({ url: x.sourceURL, fn: x.sourceFunctionName, invoker: x.invoker, type: x.invokerType, duration: x.duration })) });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  // Every frame until the widgets show their data: cheap (one selector over the document), as
  // this callback runs on the main thread it measures. The sign-in box is looked for at the end.
  const tags = ${JSON.stringify(WIDGET_TAGS)}.join(',');
  const tick = () => {
    const now = performance.now();
    const wanted = window.__benchWidgets;
    if (s.firstWidget === null) {
      for (const el of document.querySelectorAll(tags)) {
        if (el.shadowRoot && [...el.shadowRoot.children].some((c) => c.localName !== 'style')) { s.firstWidget = now; break; }
      }
    }
    if (s.readyAt === null && wanted.every((tag) => {
      const el = document.querySelector(tag);
      return el && el.shadowRoot && el.shadowRoot.querySelector(ready[tag]);
    })) s.readyAt = now;
    if (s.readyAt === null || s.firstWidget === null) requestAnimationFrame(tick);
  };
  // Which widgets the page must show: from the URL (the bench's pages only).
  window.__benchWidgets = location.pathname === '/baseline.html' ? [] : location.pathname === '/' ? Object.keys(ready)
    : location.pathname.startsWith('/embed/') ? ['hearth-' + location.pathname.slice(7)] : [];
  if (window.__benchWidgets.length) requestAnimationFrame(tick);
})();`;

/** A `hearth-*` element anywhere, shadow roots included, is a sign-in box. */
const SIGN_IN_SHOWN = `(() => {
  const find = (root) => [...root.querySelectorAll('*')].some((el) => el.localName === 'hearth-sign-in' || (el.shadowRoot && find(el.shadowRoot)));
  return find(document);
})()`;

/**
 * Resolves once `condition` holds (polled in the page). Not `page.waitForFunction`: with a string
 * it evaluates by `new Function`, which the pages' CSP (trusted types) blocks.
 */
const WAIT_FOR = (condition: string, timeout: number) => `new Promise((resolve, reject) => {
  const until = performance.now() + ${timeout};
  const check = () => {
    if (window.__bench && ${condition}) resolve(true);
    else if (performance.now() > until) reject(new Error('timed out'));
    else setTimeout(check, 25);
  };
  check();
})`;

/** Resolves once no long task has ended for `quiet` ms after the widgets are ready. */
const WAIT_QUIET = (quiet: number) => `new Promise((resolve) => {
  const s = window.__bench;
  const check = () => {
    const last = Math.max(s.readyAt ?? 0, s.fcp ?? 0, ...s.tasks.map((t) => t.start + t.duration));
    const idle = performance.now() - last;
    if (idle >= ${quiet}) resolve(true); else setTimeout(check, ${quiet} - idle + 20);
  };
  check();
})`;

interface Task { start: number; duration: number }
interface Frame { start: number; duration: number; blocking: number; scripts: { url: string; fn: string; invoker: string; type: string; duration: number }[] }
interface Sample {
  tbt: number; fcp: number; firstWidget: number | null; ready: number | null;
  tasks: Task[]; frames: Frame[]; apiErrors: string[]; signIn: boolean;
}

/** Lighthouse's rule: a task that starts before FCP counts from FCP on. */
function blockingTime(tasks: Task[], fcp: number): number {
  let sum = 0;
  for (const t of tasks) {
    const end = t.start + t.duration;
    if (end <= fcp) continue;
    sum += Math.max(0, end - Math.max(t.start, fcp) - 50);
  }
  return sum;
}

async function measure(page: Page, target: Target, load: () => Promise<unknown>): Promise<Sample> {
  const apiErrors: string[] = [];
  const onResponse = (res: { url(): string; status(): number }) => {
    const url = res.url();
    if ((url.includes('/api/v1/') || url.includes('/demo/token')) && res.status() >= 400) apiErrors.push(`${res.status()} ${new URL(url).pathname}`);
  };
  page.on('response', onResponse);
  try {
    await load();
    if (target.widgets.length) {
      await page.evaluate(WAIT_FOR('window.__bench.readyAt !== null', 60_000))
        .catch(async () => {
          const missing = await page.evaluate(`window.__benchWidgets.filter((tag) => !document.querySelector(tag)?.shadowRoot?.querySelector(${JSON.stringify(JSON.stringify(READY))}[tag]) && ${JSON.stringify(READY)}[tag])`).catch(() => '?');
          throw new Error(`${target.name}: the widgets did not show their data within 60 s (missing: ${String(missing)}; API errors: ${apiErrors.join(', ') || 'none'})`);
        });
    } else {
      await page.evaluate(WAIT_FOR('window.__bench.fcp !== null', 30_000));
    }
    await page.evaluate(WAIT_QUIET(quietMs));
    const s = (await page.evaluate('window.__bench')) as { tasks: Task[]; frames: Frame[]; fcp: number | null; firstWidget: number | null; readyAt: number | null };
    const signIn = (await page.evaluate(SIGN_IN_SHOWN)) as boolean;
    if (s.fcp === null) throw new Error(`${target.name}: no first contentful paint`);
    return { tbt: blockingTime(s.tasks, s.fcp), fcp: s.fcp, firstWidget: s.firstWidget, ready: s.readyAt, tasks: s.tasks, frames: s.frames, apiErrors, signIn };
  } finally {
    page.off('response', onResponse);
  }
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}
const ms = (n: number | null | undefined) => (n === null || n === undefined ? '-' : `${Math.round(n)}`);

async function baselineHost(): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head>
<body><h1>A page without widgets</h1><p>The same browser, loaded the same way: what a page costs before any widget.</p></body></html>`;
  const host = createServer((req, res) => {
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(host.address() as AddressInfo).port}/baseline.html`, close: () => new Promise((resolve) => host.close(() => resolve())) };
}

async function main() {
  const widgetsJs = `${root}dist/widgets/hearth.js`;
  if (args.build || !existsSync(widgetsJs)) {
    console.log('building the widgets (npx vite build)…');
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('vite build failed');
  }
  const builtAt = statSync(widgetsJs).mtime;

  const server = await startServer();
  const baseline = await baselineHost();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const cpu = cpus();
    console.log('npm run bench:web: total blocking time of the widgets in Chromium (issue #16 point 5)');
    console.log(`date ${new Date().toISOString()}; Chromium ${browser.version()} headless (--no-sandbox --disable-gpu), no CPU or network throttling`);
    console.log(`machine: ${cpu[0]?.model ?? '?'} x ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (shared with other work)`);
    console.log(`server: ${server.url}, demo mode, fresh PGlite folder, from the TypeScript sources (tsx); widgets dist/widgets built ${builtAt.toISOString()}`);
    console.log(`signed in as @${args.person} (demo "view as" cookie); viewport 1280x900; ${runs} runs per page, cold (fresh context) and warm (reload)`);
    console.log(`TBT = sum of (long task - 50 ms) after first contentful paint, until ${quietMs} ms without a long task once the widgets show their data`);
    console.log('');

    const seen: { target: Target; cache: 'cold' | 'warm'; samples: Sample[] }[] = [];
    for (const target of TARGETS) for (const cache of ['cold', 'warm'] as const) seen.push({ target, cache, samples: [] });

    // One unmeasured pass: the server's first queries and compilations are not the browser's cost.
    const urlOf = (t: Target) => (t.baseline ? baseline.url : server.url + t.path);
    {
      const context = await browser.newContext();
      await context.addCookies([{ name: 'hearth_demo_person', value: args.person!, url: server.url }]);
      const page = await context.newPage();
      await page.addInitScript(INIT);
      for (const t of TARGETS) await measure(page, t, () => page.goto(urlOf(t), { waitUntil: 'load' }));
      await context.close();
    }

    for (let run = 0; run < runs; run++) {
      for (const target of TARGETS) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await context.addCookies([{ name: 'hearth_demo_person', value: args.person!, url: server.url }]);
        const page = await context.newPage();
        await page.addInitScript(INIT);
        const cold = await measure(page, target, () => page.goto(urlOf(target), { waitUntil: 'load' }));
        const warm = await measure(page, target, () => page.reload({ waitUntil: 'load' }));
        await context.close();
        for (const [cache, sample] of [['cold', cold], ['warm', warm]] as const) {
          if (sample.signIn) throw new Error(`${target.name} (${cache}): a widget showed a sign-in box`);
          seen.find((s) => s.target === target && s.cache === cache)!.samples.push(sample);
        }
      }
      process.stderr.write(`run ${run + 1}/${runs} done\n`);
    }

    console.log('page                   cache   TBT med  TBT max   long tasks med/max   longest   FCP med   1st widget med/max   all data med/max');
    for (const { target, cache, samples } of seen) {
      const tbt = samples.map((s) => s.tbt);
      const count = samples.map((s) => s.tasks.filter((t) => t.start + t.duration > s.fcp).length);
      const longest = Math.max(0, ...samples.flatMap((s) => s.tasks.map((t) => t.duration)));
      const first = samples.map((s) => s.firstWidget).filter((v): v is number => v !== null);
      const ready = samples.map((s) => s.ready).filter((v): v is number => v !== null);
      console.log(
        `${target.name.padEnd(22)} ${cache.padEnd(5)} ${ms(median(tbt)).padStart(7)} ms ${ms(Math.max(...tbt)).padStart(5)} ms   ${`${median(count)}/${Math.max(...count)}`.padStart(9)}`
        + `          ${ms(longest).padStart(4)} ms ${ms(median(samples.map((s) => s.fcp))).padStart(6)} ms`
        + `   ${first.length ? `${ms(median(first))}/${ms(Math.max(...first))} ms` : '-'}`.padEnd(23)
        + `${ready.length ? `${ms(median(ready))}/${ms(Math.max(...ready))} ms` : '-'}`,
      );
    }
    const errors = seen.flatMap((s) => s.samples.flatMap((x) => x.apiErrors.map((e) => `${s.target.name} ${s.cache}: ${e}`)));
    console.log(`(times in ms from navigation start; "all data" = every widget of the page shows its data; API errors during the runs: ${errors.length ? errors.join('; ') : 'none'})`);

    console.log('\nlong tasks of the run with the median TBT (start@duration ms, after FCP marked *):');
    for (const { target, cache, samples } of seen) {
      const med = median(samples.map((s) => s.tbt));
      const pick = samples.reduce((a, b) => (Math.abs(b.tbt - med) < Math.abs(a.tbt - med) ? b : a));
      const list = pick.tasks.map((t) => `${Math.round(t.start)}@${Math.round(t.duration)}${t.start + t.duration > pick.fcp ? '*' : ''}`).join(' ');
      console.log(`  ${target.name.padEnd(22)} ${cache}: ${list || 'none'}`);
    }

    // Where the long frames' script time went, over every run of the demo page.
    const demo = seen.filter((s) => s.target.path === '/');
    const byScript = new Map<string, number>();
    for (const { samples } of demo) {
      for (const s of samples) {
        for (const f of s.frames) {
          if (f.start + f.duration <= s.fcp) continue;
          for (const x of f.scripts) {
            const file = x.url ? x.url.replace(server.url, '').replace(/\?.*$/, '') : '(no source)';
            const key = `${file} ${x.type}${x.fn ? ` ${x.fn}` : ''}`;
            byScript.set(key, (byScript.get(key) ?? 0) + x.duration);
          }
        }
      }
    }
    const total = [...byScript.values()].reduce((a, b) => a + b, 0);
    if (total > 0) {
      const n = demo.reduce((a, s) => a + s.samples.length, 0);
      console.log(`\ndemo page: script time inside long animation frames after FCP, by script (Long Animation Frames API; ms per load, mean of ${n} loads):`);
      for (const [key, value] of [...byScript].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
        console.log(`  ${(value / n).toFixed(1).padStart(7)} ms  ${key}`);
      }
    }

    console.log('');
    const row = (path: string, cache: string) => seen.find((s) => s.target.path === path && s.cache === cache)!;
    const base = (cache: string) => median(seen.find((s) => s.target.baseline && s.cache === cache)!.samples.map((s) => s.tbt));
    let pass = true;
    for (const cache of ['cold', 'warm']) {
      const value = median(row('/', cache).samples.map((s) => s.tbt));
      const ok = value <= TARGET_MS;
      pass &&= ok;
      console.log(`${ok ? 'PASS' : 'FAIL'}  total blocking time, the demo page with all four widgets (${cache}, median) ${ms(value)} ms <= ${TARGET_MS} ms (baseline page without widgets: ${ms(base(cache))} ms)`);
    }
    process.exitCode = pass ? 0 : 1;
  } finally {
    await browser?.close();
    await baseline.close();
    await server.stop();
  }
}

await main();
