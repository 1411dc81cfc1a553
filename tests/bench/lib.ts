/**
 * Shared by the benchmark runner and the server process it starts: options, the messages the
 * two exchange, and small statistics/formatting helpers.
 */

export interface BenchOptions {
  /** Top-level posts to seed. */
  posts: number;
  /** People to seed. */
  people: number;
  /** Seed of the deterministic generator. */
  seed: number;
  connections: number;
  /** Seconds per measured scenario. */
  duration: number;
  /** Seconds of load before each measured scenario (not counted). */
  warmup: number;
  /** Page size of the feed requests. */
  limit: number;
  /** PostgreSQL when set; PGlite otherwise. */
  databaseUrl: string | undefined;
  /** PostgreSQL schema the run owns: dropped and recreated at the start, dropped at the end. */
  schema: string;
  /** PGlite folder (a fresh temporary one is made when `pgliteDir` is `tmp`); in memory when undefined. */
  pgliteDir: string | undefined;
  /** Keep the seeded schema/folder after the run. */
  keep: boolean;
  /** Log one line per request (to /dev/null) as production does; off by default. */
  log: boolean;
  /** Scenario names to run; all when undefined. */
  only: string[] | undefined;
}

/** The routes the benchmark loads, in order (see feed.bench.ts). */
export const SCENARIOS = ['feed', 'community', 'tag', 'healthz', 'floor'] as const;

const HELP = `npm run bench:feed -- [options]

Seeds N posts into the configured database, starts the app in a child process and loads the
authenticated feed endpoint and trivial routes of the same app with autocannon.

  --posts N          top-level posts to seed (BENCH_POSTS, default 100000)
  --connections N    concurrent connections (BENCH_CONNECTIONS, default 50)
  --duration S       seconds per measured scenario (BENCH_DURATION, default 10)
  --warmup S         seconds of unmeasured load before each scenario (BENCH_WARMUP, default 3)
  --people N         people to seed (BENCH_PEOPLE, default posts / 50, at least 180)
  --limit N          feed page size (default 20)
  --seed N           generator seed (default 1)
  --only a,b         scenarios: feed, community, tag, healthz, floor
  --pglite-dir DIR   PGlite on disk (DIR, or "tmp" for a fresh temporary folder); default in memory
  --schema NAME      PostgreSQL schema to own (BENCH_SCHEMA, default bench_feed)
  --keep             keep the seeded data after the run
  --log              log every request (to /dev/null) like production does

Database: PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL is set, PGlite otherwise.`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'keep' || name === 'log') flags.set(name, true);
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    }
  }
  const known = new Set(['posts', 'people', 'connections', 'duration', 'warmup', 'limit', 'seed', 'only', 'pglite-dir', 'schema', 'keep', 'log']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`unknown option --${name}`);

  const str = (flag: string, envName?: string) => {
    const v = flags.get(flag);
    if (typeof v === 'string') return v;
    return envName ? env[envName] || undefined : undefined;
  };
  const int = (flag: string, envName: string | undefined, fallback: number, min: number, max: number) => {
    const raw = str(flag, envName);
    if (raw === undefined) return fallback;
    const n = Number(raw.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`--${flag}${envName ? ` / ${envName}` : ''} must be an integer from ${min} to ${max}, got "${raw}"`);
    }
    return n;
  };

  const schema = str('schema', 'BENCH_SCHEMA') ?? 'bench_feed';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema) || schema === 'public') {
    throw new UsageError(`--schema must be a lower-case identifier other than public, got "${schema}"`);
  }
  const only = str('only')?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((name) => !(SCENARIOS as readonly string[]).includes(name)) ?? [];
  if (unknown.length) throw new UsageError(`--only: unknown route ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  const posts = int('posts', 'BENCH_POSTS', 100_000, 1, 10_000_000);
  return {
    posts,
    // About one active person per 50 posts in the 90-day window: 100,000 posts is a company of
    // thousands, not the 180 people of the small demo.
    people: int('people', 'BENCH_PEOPLE', Math.max(180, Math.round(posts / 50)), 20, 1_000_000),
    seed: int('seed', undefined, 1, 0, 2 ** 31 - 1),
    connections: int('connections', 'BENCH_CONNECTIONS', 50, 1, 10_000),
    duration: int('duration', 'BENCH_DURATION', 10, 1, 3600),
    warmup: int('warmup', 'BENCH_WARMUP', 3, 0, 600),
    limit: int('limit', undefined, 20, 1, 50),
    databaseUrl: env.BENCH_DATABASE_URL || env.DATABASE_URL || undefined,
    schema,
    pgliteDir: str('pglite-dir', 'BENCH_PGLITE_DIR'),
    keep: flags.get('keep') === true,
    log: flags.get('log') === true,
    only,
  };
}

export class UsageError extends Error {
  override name = 'UsageError';
}

// --- messages between the runner (parent) and the server process (child) --------------------

export interface SeedCounts {
  people: number;
  communities: number;
  restrictedCommunities: number;
  topLevelPosts: number;
  replies: number;
  tags: number;
  postTags: number;
  likes: number;
}

export interface ServerInfo {
  port: number;
  database: {
    kind: 'pglite' | 'postgres';
    version: string;
    /** Where the data lives: "in memory", a folder, or the schema. */
    location: string;
  };
  seed: { ms: number; counts: SeedCounts };
  /** What was done between seeding and load so that the run starts from a settled database. */
  settle: string;
  /** A signed-in ordinary employee, as the portal would sign them in. */
  viewer: { handle: string; token: string; hiddenCommunities: number };
  /** The busiest open community and the busiest tag: what the scoped feeds are loaded with. */
  community: { slug: string; posts: number };
  tag: { name: string; posts: number };
}

export interface QueryReport {
  name: string;
  /** Server-side: what the database reports for one execution. */
  plan: string[];
  /** Client-side: repeated sequential executions through the app's own Db (driver included). */
  runs: number;
  ms: { p50: number; p95: number; mean: number };
}

export type ToServer = { type: 'queries' } | { type: 'usage' } | { type: 'close' };

/** The server process's CPU time so far (microseconds, user + system). */
export interface Usage {
  cpuMicros: number;
}

export type FromServer =
  | { type: 'progress'; done: number; total: number }
  | { type: 'ready'; info: ServerInfo }
  | { type: 'queries'; reports: QueryReport[] }
  | { type: 'usage'; usage: Usage }
  | { type: 'closed' }
  | { type: 'failed'; message: string };

// --- statistics -------------------------------------------------------------------------------

/** Nearest-rank percentile of an ascending array (`p` in 0..100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** A growable list of float samples (latencies in ms), cheap to record on every response. */
export class Samples {
  #data = new Float64Array(1 << 16);
  #length = 0;

  add(value: number) {
    if (this.#length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  get length() {
    return this.#length;
  }

  sorted(): Float64Array {
    return this.#data.slice(0, this.#length).sort();
  }
}

export function summarize(sorted: Float64Array) {
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

// --- formatting -------------------------------------------------------------------------------

export const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) : '-');
export const int = (v: number) => Math.round(v).toLocaleString('en-US');

/** A plain text table: first row is the header; columns after the first are right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
