/**
 * Shared by the benchmarks (bench:feed, bench:tags, bench:experts) and the server process they
 * start: options, the messages the two exchange, statistics and formatting, and the runner
 * itself (child server, autocannon load, report). Each *.bench.ts only says which routes to
 * load and which targets apply.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export type Suite = 'feed' | 'tags' | 'experts';

export interface BenchOptions {
  suite: Suite;
  /** Top-level posts to seed. */
  posts: number;
  /** People to seed. */
  people: number;
  /** Questions to seed (with their answers, votes, skills and endorsements). */
  questions: number;
  /** Seed of the deterministic generator. */
  seed: number;
  connections: number;
  /** Seconds per measured scenario. */
  duration: number;
  /** Seconds of load before each measured scenario (not counted). */
  warmup: number;
  /** Page size of the feed requests. */
  limit: number;
  /** Sequential runs of each query alone (fewer when they take longer than `queryBudget`). */
  queryRuns: number;
  /** Seconds at most per query case for the sequential runs (at least 20 runs are made). */
  queryBudget: number;
  /** PostgreSQL when set; PGlite otherwise. */
  databaseUrl: string | undefined;
  /** PostgreSQL schema the run owns: dropped and recreated at the start, dropped at the end. */
  schema: string;
  /** PGlite folder (a fresh temporary one is made when `pgliteDir` is `tmp`); in memory when undefined. */
  pgliteDir: string | undefined;
  /** Keep the seeded schema/folder after the run. */
  keep: boolean;
  /** Use the schema/folder as it is when it already holds exactly what would be seeded (implies keep). */
  reuse: boolean;
  /** Log one line per request (to /dev/null) as production does; off by default. */
  log: boolean;
  /** Scenario names to run; all when undefined. */
  only: string[] | undefined;
}

/** What differs between the benchmarks: defaults, routes and targets. */
export interface SuiteSpec {
  suite: Suite;
  /** "feed", for the title line and messages. */
  title: string;
  /** Paragraph under the usage line of --help. */
  description: string;
  defaults: {
    posts: number;
    connections: number;
    schema: string;
    people: (posts: number) => number;
    questions: (posts: number) => number;
    queryRuns: number;
  };
  /** Scenario names, in order (for --only). */
  scenarios: readonly string[];
  routes(info: ServerInfo, options: BenchOptions): Scenario[];
  /** Target lines (PASS/FAIL or information) from the results. */
  targets(info: ServerInfo, options: BenchOptions, results: Measured[], reports: QueryReport[]): string[];
}

function help(spec: SuiteSpec): string {
  const d = spec.defaults;
  return `npm run bench:${spec.suite} -- [options]

${spec.description}

  --posts N          top-level posts to seed (BENCH_POSTS, default ${d.posts.toLocaleString('en-US')})
  --people N         people to seed (BENCH_PEOPLE, default ${peopleRule(spec)})
  --questions N      questions to seed (BENCH_QUESTIONS, default ${questionRule(spec)})
  --connections N    concurrent connections (BENCH_CONNECTIONS, default ${d.connections})
  --duration S       seconds per measured scenario (BENCH_DURATION, default 10)
  --warmup S         seconds of unmeasured load before each scenario (BENCH_WARMUP, default 3)
  --query-runs N     sequential runs of each query alone (default ${d.queryRuns}, at most --query-budget s each)
  --query-budget S   seconds at most per query case (default 15; at least 20 runs)
  --limit N          feed page size (default 20)
  --seed N           generator seed (default 1)
  --only a,b         scenarios: ${spec.scenarios.join(', ')}
  --pglite-dir DIR   PGlite on disk (DIR, or "tmp" for a fresh temporary folder); default in memory
  --schema NAME      PostgreSQL schema to own (BENCH_SCHEMA, default ${d.schema})
  --keep             keep the seeded data after the run
  --reuse            skip seeding when the schema (or --pglite-dir) already holds exactly these
                     counts of posts, people and questions, e.g. from an earlier --keep; implies --keep
  --log              log every request (to /dev/null) like production does

Database: PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL is set, PGlite otherwise.`;
}

const peopleRule = (spec: SuiteSpec) =>
  `${spec.defaults.people(1_000_000).toLocaleString('en-US')} for 1,000,000 posts, ${spec.defaults.people(spec.defaults.posts).toLocaleString('en-US')} for ${spec.defaults.posts.toLocaleString('en-US')}`;
const questionRule = (spec: SuiteSpec) =>
  `${spec.defaults.questions(1_000_000).toLocaleString('en-US')} for 1,000,000 posts, ${spec.defaults.questions(spec.defaults.posts).toLocaleString('en-US')} for ${spec.defaults.posts.toLocaleString('en-US')}`;

export function parseOptions(spec: SuiteSpec, argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string | true>();
  const booleans = new Set(['keep', 'log', 'reuse']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(help(spec));
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (booleans.has(name)) flags.set(name, true);
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    }
  }
  const known = new Set([
    'posts', 'people', 'questions', 'connections', 'duration', 'warmup', 'limit', 'seed', 'only', 'pglite-dir', 'schema',
    'query-runs', 'query-budget', ...booleans,
  ]);
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

  const schema = str('schema', 'BENCH_SCHEMA') ?? spec.defaults.schema;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema) || schema === 'public') {
    throw new UsageError(`--schema must be a lower-case identifier other than public, got "${schema}"`);
  }
  const only = str('only')?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((name) => !spec.scenarios.includes(name)) ?? [];
  if (unknown.length) throw new UsageError(`--only: unknown route ${unknown.join(', ')} (known: ${spec.scenarios.join(', ')})`);
  const posts = int('posts', 'BENCH_POSTS', spec.defaults.posts, 1, 10_000_000);
  const reuse = flags.get('reuse') === true;
  return {
    suite: spec.suite,
    posts,
    people: int('people', 'BENCH_PEOPLE', spec.defaults.people(posts), 20, 1_000_000),
    questions: int('questions', 'BENCH_QUESTIONS', spec.defaults.questions(posts), 0, 1_000_000),
    seed: int('seed', undefined, 1, 0, 2 ** 31 - 1),
    connections: int('connections', 'BENCH_CONNECTIONS', spec.defaults.connections, 1, 10_000),
    duration: int('duration', 'BENCH_DURATION', 10, 1, 3600),
    warmup: int('warmup', 'BENCH_WARMUP', 3, 0, 600),
    limit: int('limit', undefined, 20, 1, 50),
    queryRuns: int('query-runs', undefined, spec.defaults.queryRuns, 1, 100_000),
    queryBudget: int('query-budget', undefined, 15, 1, 3600),
    databaseUrl: env.BENCH_DATABASE_URL || env.DATABASE_URL || undefined,
    schema,
    pgliteDir: str('pglite-dir', 'BENCH_PGLITE_DIR'),
    keep: flags.get('keep') === true || reuse,
    reuse,
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
  questions: number;
  answers: number;
  votes: number;
  /** Questions with an accepted answer. */
  accepted: number;
  skills: number;
  endorsements: number;
  away: number;
  expertise: number;
}

export interface ServerInfo {
  port: number;
  /**
   * A bare Express app in the same server process (one route, `GET /hello`, no middleware): what
   * Express itself costs on this host, for the app's own overhead to be measured against.
   */
  barePort: number;
  database: {
    kind: 'pglite' | 'postgres';
    version: string;
    /** Where the data lives: "in memory", a folder, or the schema. */
    location: string;
  };
  /** `reused`: an earlier run's data was used as it was (ms is then the time to check it). */
  seed: { ms: number; reused: boolean; counts: SeedCounts };
  /** What was done between seeding and load so that the run starts from a settled database. */
  settle: string;
  /** A signed-in ordinary employee, as the portal would sign them in. */
  viewer: { handle: string; token: string; hiddenCommunities: number };
  /** What the routes are loaded with (busiest community, search terms, tags...), per suite. */
  subjects: Record<string, string>;
}

export interface QueryReport {
  name: string;
  /** The statements the repository sent (one run = all of them, sequentially). */
  statements: number;
  /** Server-side: what the database reports for one execution of each statement. */
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

/** "PASS"/"FAIL" for value <= limit. */
export const verdict = (value: number, limit: number) => (value <= limit ? 'PASS' : 'FAIL');

// --- the runner (parent process) --------------------------------------------------------------

export interface Scenario {
  name: string;
  path: string;
  what: string;
  auth: boolean;
  status: number;
  /** For a feed: answers a full page with a next cursor. */
  fullPage?: boolean;
  /** Served by the bare Express app (ServerInfo.barePort), not by Hearth's. */
  bare?: boolean;
}

export interface Measured {
  scenario: Scenario;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  unexpected: number;
  statuses: Map<number, number>;
  /** CPU use of the server process and of this (load generator) process, % of one core. */
  serverCpu: number;
  loadCpu: number;
}

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

class ServerProcess {
  #child: ChildProcess;
  #waiting: { type: FromServer['type']; resolve: (m: FromServer) => void; reject: (e: Error) => void } | undefined;
  #failure: Error | undefined;
  onProgress: (done: number, total: number) => void = () => {};

  constructor(options: BenchOptions) {
    this.#child = fork(SERVER, [JSON.stringify(options)], {
      // BENCH_SERVER_NODE_ARGS: extra flags for the server process only, e.g. "--cpu-prof".
      execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: FromServer) => {
      if (message.type === 'progress') return this.onProgress(message.done, message.total);
      if (message.type === 'failed') return this.#fail(new Error(`server process failed:\n${message.message}`));
      if (this.#waiting?.type === message.type) {
        const { resolve } = this.#waiting;
        this.#waiting = undefined;
        resolve(message);
      }
    });
    this.#child.on('exit', (code, signal) => {
      if (code !== 0) this.#fail(new Error(`server process exited (${signal ?? code})`));
    });
  }

  #fail(error: Error) {
    this.#failure ??= error;
    this.#waiting?.reject(error);
    this.#waiting = undefined;
  }

  next<T extends FromServer['type']>(type: T, request?: ToServer): Promise<Extract<FromServer, { type: T }>> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiting = { type, resolve: resolve as (m: FromServer) => void, reject };
      if (request) this.#child.send(request);
    });
  }

  async cpuMicros(): Promise<number> {
    return (await this.next('usage', { type: 'usage' })).usage.cpuMicros;
  }

  /** Asks the server to drop its data and exit, and waits until it has. */
  async close() {
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    await this.next('closed', { type: 'close' });
    await exited;
  }

  kill() {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM');
  }
}

async function load(url: string, headers: Record<string, string>, status: number, options: BenchOptions, seconds: number) {
  const samples = new Samples();
  const statuses = new Map<number, number>();
  const instance = autocannon({
    url, connections: options.connections, duration: seconds, headers, timeout: 10,
  });
  instance.on('response', (_client, code, _bytes, responseTime) => {
    statuses.set(code, (statuses.get(code) ?? 0) + 1);
    if (code === status) samples.add(responseTime);
  });
  const result = await instance;
  return { result, samples, statuses };
}

async function measure(server: ServerProcess, base: string, token: string, scenario: Scenario, options: BenchOptions): Promise<Measured> {
  const url = base + scenario.path;
  const headers: Record<string, string> = scenario.auth ? { authorization: `Bearer ${token}` } : {};
  if (options.warmup > 0) await load(url, headers, scenario.status, options, options.warmup);

  const serverCpu0 = await server.cpuMicros();
  const loadCpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { result, samples, statuses } = await load(url, headers, scenario.status, options, options.duration);
  const elapsedMicros = (performance.now() - t0) * 1000;
  const serverCpu = ((await server.cpuMicros()) - serverCpu0) / elapsedMicros * 100;
  const loadCpuDelta = process.cpuUsage(loadCpu0);
  const loadCpu = (loadCpuDelta.user + loadCpuDelta.system) / elapsedMicros * 100;

  const latency = summarize(samples.sorted());
  let unexpected = 0;
  for (const [code, count] of statuses) if (code !== scenario.status) unexpected += count;
  return {
    scenario,
    requests: samples.length,
    seconds: result.duration,
    rps: samples.length / result.duration,
    ...latency,
    errors: result.errors,
    unexpected,
    statuses,
    serverCpu,
    loadCpu,
  };
}

/** One request per scenario before any load: the right status, and for a feed a full page. */
async function check(base: string, token: string, scenario: Scenario, limit: number): Promise<string> {
  const res = await fetch(base + scenario.path, { headers: scenario.auth ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  if (res.status !== scenario.status) {
    throw new Error(`${scenario.name}: GET ${scenario.path} answered ${res.status}, expected ${scenario.status}: ${text.slice(0, 500)}`);
  }
  if (!text.startsWith('{')) return '';
  const body = JSON.parse(text) as { items?: unknown[]; nextCursor?: string | null };
  if (scenario.fullPage && (body.items?.length !== limit || !body.nextCursor)) {
    throw new Error(`${scenario.name}: expected a full page of ${limit} with a next cursor, got ${body.items?.length}`);
  }
  return Array.isArray(body.items) ? `${body.items.length} item${body.items.length === 1 ? '' : 's'}` : '';
}

function autocannonVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('autocannon/package.json') as { version: string }).version;
}

function printSetup(spec: SuiteSpec, info: ServerInfo, options: BenchOptions) {
  const c = info.seed.counts;
  const cpu = cpus();
  console.log(`Hearth ${spec.title} benchmark, ${new Date().toISOString()}`);
  console.log(`host       ${cpu.length} x ${cpu[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  console.log(`database   ${info.database.version}`);
  console.log(`           ${info.database.kind}, ${info.database.location}`);
  console.log(`seeded     ${int(c.topLevelPosts)} posts + ${int(c.replies)} replies by ${int(c.people)} people in ${int(c.communities)} communities`
    + ` (${c.restrictedCommunities} restricted); ${int(c.tags)} tags on ${int(c.postTags)} posts; ${int(c.likes)} likes`);
  console.log(`           ${int(c.questions)} questions, ${int(c.answers)} answers, ${int(c.votes)} votes, ${int(c.accepted)} accepted;`
    + ` ${int(c.skills)} declared skills, ${int(c.endorsements)} endorsements, ${int(c.away)} people away; ${int(c.expertise)} expertise rows`);
  console.log(info.seed.reused
    ? `           reused from an earlier run (--reuse; counts checked in ${(info.seed.ms / 1000).toFixed(1)} s); then ${info.settle}`
    : `           seedDemo (seed ${options.seed}) in ${(info.seed.ms / 1000).toFixed(1)} s; then ${info.settle}`);
  console.log(`server     createApp in a child process on 127.0.0.1:${info.port}; request logging ${options.log ? 'on (to /dev/null)' : 'off'}`);
  console.log(`viewer     @${info.viewer.handle}, HS256 bearer token (${info.viewer.hiddenCommunities} restricted communities hidden from them)`);
  console.log(`load       autocannon ${autocannonVersion()} in this process, ${options.connections} connections, closed loop`
    + ` (each sends its next request when answered); ${options.warmup} s warm-up + ${options.duration} s measured per route`);
}

function printResults(results: Measured[], answers: Map<string, string>) {
  const rows = [['route', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'non-2xx*', 'server cpu', 'loadgen cpu']];
  for (const r of results) {
    rows.push([
      r.scenario.name, int(r.requests), int(r.rps),
      ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max), String(r.errors),
      r.unexpected ? [...r.statuses].filter(([code]) => code !== r.scenario.status).map(([code, n]) => `${n}x${code}`).join(' ') : '0',
      `${r.serverCpu.toFixed(0)}%`, `${r.loadCpu.toFixed(0)}%`,
    ]);
  }
  console.log(`\n${table(rows)}`);
  console.log('  * responses other than the route\'s expected status; cpu = % of one core during the measured run');
  const width = Math.max(...results.map((r) => r.scenario.name.length));
  for (const r of results) {
    const answer = answers.get(r.scenario.name);
    console.log(`  ${r.scenario.name.padEnd(width)}  GET ${r.scenario.path}\n  ${''.padEnd(width)}  ${r.scenario.what}${answer ? ` (answers ${answer})` : ''}`);
  }
}

function printQueries(reports: QueryReport[]) {
  console.log('\nquery alone: the SQL the repository sends for the route, run sequentially on one connection, no other load');
  const width = Math.max(...reports.map((r) => r.name.length));
  for (const r of reports) {
    const statements = r.statements === 1 ? '' : ` (${r.statements} statements per run)`;
    console.log(`  ${r.name.padEnd(width)}  ${String(r.runs).padStart(4)} runs: p50 ${ms(r.ms.p50)} ms, p95 ${ms(r.ms.p95)} ms, mean ${ms(r.ms.mean)} ms${statements}`);
  }
  for (const r of reports) {
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${r.name}`);
    console.log(r.plan.map((line) => `  ${line}`).join('\n'));
  }
}

/** Seeds (or reuses), starts the server, loads every route, prints the report. Exit code. */
export async function runBench(spec: SuiteSpec): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(spec, process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`bench:${spec.suite}: ${error.message} (see --help)`);
      return 2;
    }
    throw error;
  }
  const server = new ServerProcess(options);
  const stop = () => {
    server.kill();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  try {
    const tty = process.stderr.isTTY;
    let lastShown = 0;
    server.onProgress = (done, total) => {
      if (done !== total && Date.now() - lastShown < (tty ? 200 : 5000)) return;
      lastShown = Date.now();
      const line = `seeding ${int(done)}/${int(total)}`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    };
    process.stderr.write(`${options.reuse ? 'reusing or seeding' : 'seeding'} ${int(options.posts)} posts, ${int(options.people)} people, `
      + `${int(options.questions)} questions into ${options.databaseUrl ? `PostgreSQL (schema ${options.schema})` : 'PGlite'}...\n`);
    const { info } = await server.next('ready');
    if (tty) process.stderr.write('\n');
    printSetup(spec, info, options);

    const base = (s: Scenario) => `http://127.0.0.1:${s.bare ? info.barePort : info.port}`;
    const selected = spec.routes(info, options).filter((s) => !options.only || options.only.includes(s.name));
    const answers = new Map<string, string>();
    for (const scenario of selected) answers.set(scenario.name, await check(base(scenario), info.viewer.token, scenario, options.limit));
    const results: Measured[] = [];
    for (const scenario of selected) {
      process.stderr.write(`loading ${scenario.name}...\n`);
      results.push(await measure(server, base(scenario), info.viewer.token, scenario, options));
    }
    printResults(results, answers);

    process.stderr.write('timing the queries alone...\n');
    const { reports } = await server.next('queries', { type: 'queries' });
    printQueries(reports);
    console.log('');
    for (const line of spec.targets(info, options, results, reports)) console.log(line);

    await server.close();
    const failed = results.filter((r) => r.errors > 0 || r.unexpected > 0);
    if (failed.length) {
      console.error(`\nrequests failed (errors, timeouts or unexpected statuses) in: ${failed.map((r) => r.scenario.name).join(', ')}`);
      return 1;
    }
    return 0;
  } finally {
    server.kill();
  }
}

/** Runs `spec` as the main module: exit 0 on a completed run (targets missed or not), 1 on failed requests, 2 on bad options. */
export function main(spec: SuiteSpec): void {
  runBench(spec).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/**
 * Target lines for routes measured twice: the query alone (server side, one connection) and
 * over HTTP at the run's concurrency. `pairs`: [route name, query report name, limit ms, label].
 */
export function targetLines(info: ServerInfo, options: BenchOptions, results: Measured[], reports: QueryReport[],
  pairs: readonly (readonly [route: string, query: string, limitMs: number, label: string])[], atPosts: number): string[] {
  const lines: string[] = [];
  const applies = info.database.kind === 'postgres' && info.seed.counts.topLevelPosts >= atPosts;
  lines.push(applies
    ? `targets (PostgreSQL, ${int(info.seed.counts.topLevelPosts)} posts)`
    : `targets apply to PostgreSQL at ${int(atPosts)} posts; this run (${info.database.kind}, ${int(info.seed.counts.topLevelPosts)} posts) is information only`);
  const width = Math.max(...pairs.map((p) => p[3].length));
  for (const [route, query, limit, label] of pairs) {
    const q = reports.find((r) => r.name === query);
    const http = results.find((r) => r.scenario.name === route);
    const tag = (v: number) => (applies ? verdict(v, limit) : 'info');
    if (q) lines.push(`  ${tag(q.ms.p95)}  ${label.padEnd(width)}  server side (query alone, 1 connection): p95 ${ms(q.ms.p95)} ms <= ${limit} ms`);
    if (http) {
      lines.push(`  ${tag(http.p95)}  ${label.padEnd(width)}  HTTP end to end (${options.connections} connections): p95 ${ms(http.p95)} ms <= ${limit} ms`);
    }
  }
  return lines;
}
