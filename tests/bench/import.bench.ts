/**
 * `npm run bench:import`: `hearth import` of the CSV layout (docs/portability.md) into PostgreSQL,
 * then `hearth export` of the same, in this process (no server). Issue #15's targets: at least
 * 5,000 rows/s for the import, peak RSS under 300 MB (memory stays flat however large the file).
 *
 * The CSV is generated first and streamed to a temporary file (threads of a post and replies in
 * a few communities, tags, likes, links: every column of the layout), then imported with
 * importAll as the CLI runs it (`--create-communities --bulk`; `--plain` leaves out `--bulk`), the RSS sampled every 50 ms (and the process's maximum RSS from
 * the kernel, which covers the generation too). The import's rate is messages in the file per
 * second of the whole run: the scan, thread starters, replies and likes passes and the final
 * recount included. Then everything is exported as JSON Lines, and its rate is rows written (all
 * entity files) per second.
 *
 * PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test;
 * the run owns one schema (--schema, BENCH_SCHEMA, default bench_import): dropped and recreated at
 * the start, dropped at the end unless --keep.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../server/src/db/index.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { exportAll } from '../../server/src/features/portability/export.ts';
import { importAll } from '../../server/src/features/portability/import.ts';
import { int } from './lib.ts';

const TARGET_ROWS_PER_S = 5000;
const TARGET_RSS_MB = 300;

const USAGE = `npm run bench:import -- [options]

Generates N messages in the CSV layout (streamed to a temporary file), imports them into
PostgreSQL with "hearth import", then exports everything with "hearth export". Prints rows/s and
peak RSS against the targets (>= ${int(TARGET_ROWS_PER_S)} rows/s, peak RSS < ${TARGET_RSS_MB} MB).

  --messages N   messages in the file (default 100000)
  --batch N      rows per import transaction (default 1000)
  --plain        import without --bulk (the posts' counts and tags written batch by batch)
  --schema NAME  PostgreSQL schema to own (BENCH_SCHEMA, default bench_import)
  --keep         keep the schema after the run
  --help

Database: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.`;

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '1000' },
    plain: { type: 'boolean', default: false },
    schema: { type: 'string', default: process.env.BENCH_SCHEMA ?? 'bench_import' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const messages = Number(values.messages);
const batch = Number(values.batch);
const schema = values.schema!;
if (!Number.isSafeInteger(messages) || messages < 1 || !Number.isSafeInteger(batch) || batch < 1 || !/^[a-z_][a-z0-9_]*$/.test(schema) || schema === 'public') {
  console.error(`bad options\n\n${USAGE}`);
  process.exit(2);
}
const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Deterministic generator (LCG): the same file every run. */
function rng(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state >>> 8) % n;
  };
}

const WORDS = ['build', 'deploy', 'release', 'customer', 'dashboard', 'meeting', 'roadmap', 'incident', 'review', 'design', 'budget',
  'hiring', 'onboarding', 'security', 'network', 'latency', 'cache', 'database', 'migration', 'sprint', 'planning', 'notes', 'office', 'travel'];
const TAGS = ['kubernetes', 'release-notes', 'security', 'onboarding', 'finance', 'design', 'sre', 'sales', 'hiring', 'travel', 'devex', 'q3'];
const COMMUNITIES = ['Platform Engineering', 'Release Train', 'Security', 'Sales', 'People', 'Finance', 'Design', 'Support'];
const PEOPLE = 2000;

const field = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Writes `n` messages (threads: a post, then 0-6 replies) with back-pressure; memory stays flat. */
async function generate(path: string, n: number): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const next = rng(15);
  const start = Date.parse('2024-01-01T00:00:00Z');
  out.write('external_id,parent_external_id,author_email,author_name,community,created_at,body,tags,likes,url\n');
  let thread = '';
  let left = 0;
  let community = '';
  let chunk = '';
  for (let i = 0; i < n; i++) {
    const id = `b${i}`;
    let parent = '';
    if (left > 0) {
      parent = thread;
      left -= 1;
    } else {
      thread = id;
      left = next(7);
      community = next(4) === 0 ? '' : COMMUNITIES[next(COMMUNITIES.length)]!;
    }
    const person = next(PEOPLE);
    const words = Array.from({ length: 12 + next(30) }, () => WORDS[next(WORDS.length)]).join(' ');
    const hashtag = next(3) === 0 ? ` #${TAGS[next(TAGS.length)]}` : '';
    const tags = next(3) === 0 ? `${TAGS[next(TAGS.length)]};${TAGS[next(TAGS.length)]}` : '';
    const likes = next(5) === 0 ? Array.from({ length: 1 + next(3) }, () => `person${next(PEOPLE)}@bench.example`).join(';') : '';
    const created = new Date(start + i * 60_000).toISOString();
    chunk += [id, parent, `person${person}@bench.example`, `Person ${person}`, community, created, `${words}${hashtag}`, tags, likes,
      `https://old.example.com/m/${i}`].map(field).join(',') + '\n';
    if (chunk.length > 64_000) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return (await stat(path)).size;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function main(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-import-'));
  const url = new URL(databaseUrl);
  const db = await openDatabase({ databaseUrl, schema });
  try {
    console.log(`bench:import: ${int(messages)} messages in the CSV layout → PostgreSQL (schema ${schema} in ${url.hostname}:${url.port || 5432}${url.pathname})`);
    console.log(`host: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${int(mb(totalmem()))} MB, load ${loadavg().map((l) => l.toFixed(2)).join(' ')} (a shared machine: other work runs beside this)`);
    const file = join(dir, 'messages.csv');
    let t = performance.now();
    const size = await generate(file, messages);
    console.log(`generated ${file}: ${int(mb(size))} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await migrate(db);

    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 50);
    let summary;
    t = performance.now();
    try {
      let label = '';
      let since = performance.now();
      const phases: string[] = [];
      summary = await importAll(db, {
        // --bulk, as a CLI user moving a whole network over would run it (docs/portability.md); --plain to compare.
        from: file, batch, createCommunities: true, bulk: !values.plain,
        onProgress: ({ entity }) => {
          if (entity === label) return;
          if (label) phases.push(`${label} ${((performance.now() - since) / 1000).toFixed(1)} s`);
          label = entity;
          since = performance.now();
        },
      });
      phases.push(`${label} and the recount ${((performance.now() - since) / 1000).toFixed(1)} s`);
      if (process.env.BENCH_PHASES) console.log(`  phases: ${phases.join(', ')}`);
    } finally {
      clearInterval(sampler);
    }
    const importS = (performance.now() - t) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const posts = summary.entities.posts!;
    console.log(`import: ${int(posts.created)} posts and replies, ${int(summary.entities.likes?.created ?? 0)} likes, ${int(summary.entities.people!.created)} people, `
      + `${int(summary.entities.communities!.created)} communities, ${summary.failed} rejected, in ${importS.toFixed(1)} s (batch ${batch}${values.plain ? '' : ', --bulk'})`);
    const rate = messages / importS;
    console.log(`  rows/s:   ${int(rate)} messages/s (target >= ${int(TARGET_ROWS_PER_S)})`);
    console.log(`  peak RSS: ${int(mb(peak))} MB sampled during the import, ${int(mb(maxRss))} MB process maximum (target < ${TARGET_RSS_MB} MB)`);

    const out = join(dir, 'export');
    t = performance.now();
    const exported = await exportAll(db, { out });
    const exportS = (performance.now() - t) / 1000;
    const rows = Object.values(exported.counts).reduce((a, b) => a + b, 0);
    console.log(`export: ${int(rows)} rows (${int(exported.counts.posts ?? 0)} posts and replies) in ${exportS.toFixed(1)} s: ${int(rows / exportS)} rows/s`);

    const ok = [rate >= TARGET_ROWS_PER_S, mb(Math.max(peak, maxRss)) < TARGET_RSS_MB, summary.failed === 0 && posts.created === messages];
    console.log(`${ok[0] ? 'PASS' : 'FAIL'} import rate ${int(rate)} rows/s >= ${int(TARGET_ROWS_PER_S)}`);
    console.log(`${ok[1] ? 'PASS' : 'FAIL'} peak RSS ${int(mb(Math.max(peak, maxRss)))} MB < ${TARGET_RSS_MB} MB`);
    console.log(`${ok[2] ? 'PASS' : 'FAIL'} every message imported (${int(posts.created)} of ${int(messages)})`);
    return ok.every(Boolean) ? 0 : 1;
  } finally {
    if (!values.keep) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
