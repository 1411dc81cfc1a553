/**
 * `npm run seed [-- --force] [--posts N] [--people N] [--seed N]`: fills the configured database
 * (DATABASE_URL, else PGlite under DATA_DIR, exactly as the server reads them) with the demo
 * intranet. An empty database is seeded; a seeded one is left alone unless --force, which empties
 * every table first. Stop the server before seeding its PGlite folder: PGlite is single-process.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrReport } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { migrate } from '../db/migrate.ts';
import { SEED_DEFAULTS, isSeeded, seedDemo, wipeDemo } from '../seed/seed.ts';

const USAGE = `Usage: npm run seed -- [options]

Seeds the demo intranet into the configured database (DATABASE_URL, else PGlite in DATA_DIR).

  --force        empty every table first, then seed (otherwise a non-empty database is kept)
  --posts N      top-level posts (default ${SEED_DEFAULTS.posts})
  --people N     people, the four demo personas included (default ${SEED_DEFAULTS.people})
  --seed N       generator seed; the same seed gives the same data (default ${SEED_DEFAULTS.seed})
  --help         show this text`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        force: { type: 'boolean', default: false },
        posts: { type: 'string' },
        people: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const posts = count('--posts', args.posts, SEED_DEFAULTS.posts, 0);
  const people = count('--people', args.people, SEED_DEFAULTS.people, 20);
  const seed = count('--seed', args.seed, SEED_DEFAULTS.seed, 0);
  if (posts === null || people === null || seed === null) return 2;

  const config = loadConfigOrReport();
  if (!config) return 2;

  // The same place the server opens: DATA_DIR/pglite, or DATABASE_URL.
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  try {
    console.log(`database: ${db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${join(config.dataDir, 'pglite')}`}`);
    const { applied } = await migrate(db);
    if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);
    if (await isSeeded(db)) {
      if (!args.force) {
        console.log('The database already has people in it; nothing to do. Use --force to wipe it and seed again.');
        return 0;
      }
      console.log('--force: emptying every table');
      await wipeDemo(db);
    }
    console.log(`seeding ${people} people and ${posts.toLocaleString('en')} posts (seed ${seed})`);
    const progress = new Progress();
    const summary = await seedDemo(db, { posts, people, seed, story: true, onProgress: (done, total) => progress.show(done, total) });
    progress.end();
    console.log(
      [
        `done in ${(summary.durationMs / 1000).toFixed(1)} s:`,
        `  ${summary.people} people, ${summary.communities} communities, ${summary.memberships} memberships`,
        `  ${summary.posts.toLocaleString('en')} posts, ${summary.replies.toLocaleString('en')} replies, ${summary.likes.toLocaleString('en')} likes`,
        `  ${summary.tags} tags on ${summary.postTags.toLocaleString('en')} posts and replies, ${summary.mentions.toLocaleString('en')} mentions`,
        ...(summary.story
          ? [`  for the personas: ${summary.story.joinRequests} join requests, ${summary.story.notifications} unread notifications, ${summary.story.routedQuestions} questions routed to Ivan`]
          : []),
      ].join('\n'),
    );
    return 0;
  } finally {
    await db.close();
  }
}

function count(flag: string, raw: string | undefined, fallback: number, min: number): number | null {
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < min) {
    console.error(`${flag} must be a whole number of at least ${min} (got "${raw}")`);
    return null;
  }
  return value;
}

/** One updating line on a terminal; a line per 10% when the output is a file or a pipe. */
class Progress {
  readonly #tty = process.stdout.isTTY === true;
  #lastTenth = -1;
  readonly #started = performance.now();

  show(done: number, total: number): void {
    const fraction = total === 0 ? 1 : done / total;
    const line = `  ${done.toLocaleString('en')}/${total.toLocaleString('en')} posts (${Math.floor(fraction * 100)}%, ${((performance.now() - this.#started) / 1000).toFixed(1)} s)`;
    if (this.#tty) {
      process.stdout.write(`\r${line}`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth !== this.#lastTenth) {
      this.#lastTenth = tenth;
      console.log(line);
    }
  }

  end(): void {
    if (this.#tty) process.stdout.write('\n');
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Seeding failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
