#!/usr/bin/env node
// `npm run size`: what a page pays to load the widgets. For each entry in dist/widgets (one per
// widget, plus hearth.js for all of them) it follows the static imports to every chunk the
// browser must fetch before the widget can run, and adds up their sizes, raw and gzip-compressed
// each on its own (as a server sends them). Run `npm run build:widgets` first.
//
// Chunks a widget import()s on demand (the composer's tag suggestions) are listed under
// their entry but not added: the first render does not wait for them.
//
//   node scripts/size.mjs            prints the table and whether each entry meets its budget
//   node scripts/size.mjs --strict   also exits with 1 when a budget is missed
//   node scripts/size.mjs --json     prints the figures as JSON instead
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = resolve(import.meta.dirname, '..', 'dist', 'widgets');
/**
 * Budgets in gzip bytes for a page with just that entry, shared chunks included: a page with one
 * widget, Lit, ky, nanostores, @lit/context and the runtime at most 29.5 KB; every widget
 * (hearth.js) 59 KB. Issue 10 set them with the specified stack in, at 28 and 48 KB. Issue 12
 * added 0.5 KB to each widget for Hearth's own sign-in, which every widget must offer (the token
 * URL's sign-in-required and account-deactivated answers, the code the sign-in popup hands over,
 * sign-out, their messages); the Sign in button, the sign-in without a click and sign-out are
 * chunks fetched only by pages that use them. Issue 13 added 0.5 KB more: recovery after an
 * outage and telling a refused origin (CORS) from the network in the runtime, the community
 * card's loading of its manager and directory chunks, and, in hearth.js, a sixth widget
 * (`<hearth-notifications>`, whose list is a chunk of its own). Issue 14 added 0.5 KB to each
 * widget for what every widget now offers on every name, avatar and mention (the hook that fetches
 * the person hover card's chunk on the first hover or focus) and for following (a community card's
 * Follow toggle, itself a chunk); and 10 KB to hearth.js for two more public widgets,
 * `<hearth-search>` and `<hearth-person>` (their own entries, 3.5 and 4.4 KB, plus what they
 * share), whose results, skills editor and hover card are chunks of their own. Issue 15's
 * `<hearth-adoption>` (adoption.js) is held to the one-widget budget like every widget (its
 * dashboard and targets form are chunks of their own); hearth.js fetches it only on a page that has
 * one (adoption/on-page.ts), so the all-widgets budget stays as it was.
 */
const ONE_WIDGET = 29.5 * 1024;
const ALL_WIDGETS = 59 * 1024;
const budgetOf = (entry) => (entry === 'hearth.js' ? ALL_WIDGETS : ONE_WIDGET);

const strict = process.argv.includes('--strict');
const asJson = process.argv.includes('--json');

if (!existsSync(DIST)) {
  console.error(`No build in ${relative(process.cwd(), DIST)}. Run \`npm run build:widgets\` first.`);
  process.exit(1);
}

// `import{a as b}from"./chunks/lit-x.js"`, `import "./x.js"`, `export{...}from"./y.js"`;
// dynamic import() is left out: it is not needed for the first render.
const STATIC_IMPORT = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[^'"`;]*?from\s*|)["']([^"']+)["']/g;
// `import("./chunk.js")`, or with backticks as the minifier writes it.
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g;

const sizes = new Map();
function sizeOf(file) {
  let size = sizes.get(file);
  if (!size) {
    const bytes = readFileSync(file);
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizes.set(file, size);
  }
  return size;
}

/** The file and every file it statically imports, transitively. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const match of code.matchAll(STATIC_IMPORT)) {
    const specifier = match[1];
    if (!specifier.startsWith('.')) continue;
    closure(resolve(dirname(file), specifier), seen);
  }
  return seen;
}

const entries = readdirSync(DIST)
  // Shared chunks are named chunk-*.js by vite.config.ts; everything else is an entry.
  .filter((name) => name.endsWith('.js') && !name.startsWith('chunk-'))
  .sort((a, b) => (a === 'hearth.js' ? 1 : b === 'hearth.js' ? -1 : a.localeCompare(b)));

/**
 * Chunks the files import() on demand, with what they load in turn (and import() themselves:
 * the composer's chunk loads the tag suggestions'), minus what is loaded already.
 */
function onDemand(files) {
  const lazy = new Set();
  const queue = [...files];
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const match of readFileSync(file, 'utf8').matchAll(DYNAMIC_IMPORT)) {
      if (!match[1].startsWith('.')) continue;
      for (const dep of closure(resolve(dirname(file), match[1]))) {
        if (files.includes(dep) || lazy.has(dep)) continue;
        lazy.add(dep);
        queue.push(dep);
      }
    }
  }
  return [...lazy];
}

const report = entries.map((entry) => {
  const files = [...closure(join(DIST, entry))];
  const parts = files.map((file) => ({ file: relative(DIST, file), ...sizeOf(file) }));
  const total = parts.reduce((sum, p) => ({ raw: sum.raw + p.raw, gzip: sum.gzip + p.gzip }), { raw: 0, gzip: 0 });
  const lazy = onDemand(files).map((file) => ({ file: relative(DIST, file), ...sizeOf(file) }));
  const budget = budgetOf(entry);
  return { entry, ...total, budget, pass: total.gzip <= budget, parts, lazy };
});

if (asJson) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
  console.log(`Widget bundles in ${relative(process.cwd(), DIST)} (each file gzipped on its own, level 9)\n`);
  console.log(`${'entry (with the chunks it imports)'.padEnd(60)}${'raw'.padStart(9)}${'gzip'.padStart(9)}`);
  for (const item of report) {
    const label = item.entry === 'hearth.js' ? 'hearth.js (all widgets)' : item.entry;
    console.log(`${label.padEnd(60)}${kb(item.raw)}${kb(item.gzip)}`);
    for (const part of item.parts) console.log(`  ${part.file.padEnd(58)}${kb(part.raw)}${kb(part.gzip)}`);
    for (const part of item.lazy) console.log(`  ${`(on demand) ${part.file}`.padEnd(58)}${kb(part.raw)}${kb(part.gzip)}`);
  }
  console.log('');
  for (const item of report) {
    const verdict = item.pass ? 'PASS' : 'FAIL';
    const delta = item.gzip - item.budget;
    console.log(
      `${verdict}: ${item.entry.padEnd(12)} with Lit and the runtime is ${kb(item.gzip).trim()} gzip; target <= ${kb(item.budget).trim()}` +
        (item.pass ? ` (${kb(-delta).trim()} to spare)` : ` (${kb(delta).trim()} over)`),
    );
  }
}

if (strict && report.some((r) => r.pass === false)) process.exit(1);
