/**
 * `npm run bench:feed`: how fast is the feed page, compared with trivial routes of the same app?
 *
 * Seeds N posts into the configured database (PGlite in memory by default, PostgreSQL when
 * BENCH_DATABASE_URL or DATABASE_URL is set, in a schema of its own), starts the app in a child
 * process (tests/bench/server.ts) on loopback, and loads each route with autocannon: a warm-up,
 * then a bounded measured run. Latency percentiles are computed from every response time
 * (autocannon's own histogram has 1 ms resolution and no p95). A measurement, not a test: it
 * exits 0 when a target is missed and 1 only when requests failed. See docs/benchmarks.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  int, ms, parseOptions, Samples, summarize, table, UsageError,
  type BenchOptions, type FromServer, type QueryReport, type ServerInfo, type ToServer,
} from './lib.ts';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const TARGET_P95_MS = 10;
const TARGET_CONNECTIONS = 50;

interface Scenario {
  name: string;
  path: string;
  what: string;
  auth: boolean;
  status: number;
}

interface Measured {
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

// --- the server process -----------------------------------------------------------------------

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

// --- load -------------------------------------------------------------------------------------

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

/** One request per scenario before any load: the right status and, for feeds, a full page. */
async function check(base: string, token: string, scenario: Scenario, limit: number) {
  const res = await fetch(base + scenario.path, { headers: scenario.auth ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  if (res.status !== scenario.status) {
    throw new Error(`${scenario.name}: GET ${scenario.path} answered ${res.status}, expected ${scenario.status}: ${text.slice(0, 500)}`);
  }
  if (scenario.path.startsWith('/api/v1/posts')) {
    const page = JSON.parse(text) as { items: unknown[]; nextCursor: string | null };
    if (page.items.length !== limit || !page.nextCursor) {
      throw new Error(`${scenario.name}: expected a full page of ${limit} with a next cursor, got ${page.items.length}`);
    }
  }
}

// --- report -----------------------------------------------------------------------------------

function autocannonVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('autocannon/package.json') as { version: string }).version;
}

function printSetup(info: ServerInfo, options: BenchOptions) {
  const c = info.seed.counts;
  const cpu = cpus();
  console.log(`Hearth feed benchmark, ${new Date().toISOString()}`);
  console.log(`host       ${cpu.length} x ${cpu[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  console.log(`database   ${info.database.version}`);
  console.log(`           ${info.database.kind}, ${info.database.location}`);
  console.log(`seeded     ${int(c.topLevelPosts)} posts + ${int(c.replies)} replies by ${int(c.people)} people in ${int(c.communities)} communities`
    + ` (${c.restrictedCommunities} restricted); ${int(c.tags)} tags on ${int(c.postTags)} posts; ${int(c.likes)} likes`);
  console.log(`           seedDemo (seed ${options.seed}) in ${(info.seed.ms / 1000).toFixed(1)} s; then ${info.settle}`);
  console.log(`server     createApp in a child process on 127.0.0.1:${info.port}; request logging ${options.log ? 'on (to /dev/null)' : 'off'}`);
  console.log(`viewer     @${info.viewer.handle}, HS256 bearer token (${info.viewer.hiddenCommunities} restricted communities hidden from them)`);
  console.log(`load       autocannon ${autocannonVersion()} in this process, ${options.connections} connections, closed loop`
    + ` (each sends its next request when answered); ${options.warmup} s warm-up + ${options.duration} s measured per route`);
}

function printResults(results: Measured[]) {
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
  for (const r of results) console.log(`  ${r.scenario.name.padEnd(10)} GET ${r.scenario.path}\n  ${''.padEnd(10)} ${r.scenario.what}`);

  const trivial = results.find((r) => r.scenario.name === 'healthz');
  const feeds = results.filter((r) => r.scenario.path.startsWith('/api/v1/posts'));
  if (trivial && feeds.length) {
    console.log('\nfeed / trivial route (healthz)');
    for (const f of feeds) {
      console.log(`  ${f.scenario.name.padEnd(10)} req/s ${(f.rps / trivial.rps).toFixed(2)}x   p95 ${(f.p95 / trivial.p95).toFixed(2)}x`);
    }
  }
}

function printQueries(reports: QueryReport[]) {
  console.log('\nfeed query alone (the SQL postsRepo.feed sends, one connection, sequential, no load)');
  for (const r of reports) {
    console.log(`  ${r.name.padEnd(24)} ${r.runs} runs: p50 ${ms(r.ms.p50)} ms, p95 ${ms(r.ms.p95)} ms, mean ${ms(r.ms.mean)} ms`);
  }
  for (const r of reports) {
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) feed ${r.name}`);
    console.log(r.plan.map((line) => `  ${line}`).join('\n'));
  }
}

function printTarget(info: ServerInfo, options: BenchOptions, results: Measured[]) {
  const feed = results.find((r) => r.scenario.name === 'feed');
  const floor = results.find((r) => r.scenario.name === 'floor');
  const rule = `feed p95 <= ${TARGET_P95_MS} ms at ${TARGET_CONNECTIONS} connections`;
  console.log('');
  if (!feed) {
    console.log('target: not evaluated (the feed route was not run)');
    return;
  }
  if (info.database.kind !== 'postgres') {
    console.log(`target: ${rule} applies to PostgreSQL; on PGlite: ${ms(feed.p95)} ms (information only)`);
  } else if (options.connections !== TARGET_CONNECTIONS) {
    console.log(`target: ${rule}: not evaluated, this run used ${options.connections} connections (feed p95 ${ms(feed.p95)} ms)`);
  } else {
    console.log(`target: ${rule}: ${feed.p95 <= TARGET_P95_MS ? 'PASS' : 'FAIL'} (${ms(feed.p95)} ms)`);
  }
  if (floor) {
    // In a closed loop, latency ~ connections / throughput: say what the same box allows at best.
    console.log(`           closed loop: p95 follows connections / throughput; the no-database floor route reached`
      + ` ${int(floor.rps)} req/s, p95 ${ms(floor.p95)} ms on this host`);
  }
}

// --- main -------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
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
    process.stderr.write(`seeding ${int(options.posts)} posts into ${options.databaseUrl ? `PostgreSQL (schema ${options.schema})` : 'PGlite'}...\n`);
    const { info } = await server.next('ready');
    if (tty) process.stderr.write('\n');
    printSetup(info, options);

    const base = `http://127.0.0.1:${info.port}`;
    const limit = options.limit;
    const scenarios: Scenario[] = [
      { name: 'feed', path: `/api/v1/posts?limit=${limit}`, what: 'first page of everything the viewer may see (token, hidden communities, feed query)', auth: true, status: 200 },
      { name: 'community', path: `/api/v1/posts?limit=${limit}&community=${info.community.slug}`, what: `first page of the busiest open community (${int(info.community.posts)} posts)`, auth: true, status: 200 },
      { name: 'tag', path: `/api/v1/posts?limit=${limit}&tag=${encodeURIComponent(info.tag.name)}`, what: `first page of the busiest tag (${int(info.tag.posts)} posts)`, auth: true, status: 200 },
      { name: 'healthz', path: '/healthz', what: 'trivial route of the same app: no token, SELECT 1', auth: false, status: 200 },
      { name: 'floor', path: '/bench-no-such-route', what: 'no database, no token: Express, security headers and a 404 problem+json', auth: false, status: 404 },
    ];
    const selected = scenarios.filter((s) => !options.only || options.only.includes(s.name));

    for (const scenario of selected) await check(base, info.viewer.token, scenario, limit);
    const results: Measured[] = [];
    for (const scenario of selected) {
      process.stderr.write(`loading ${scenario.name}...\n`);
      results.push(await measure(server, base, info.viewer.token, scenario, options));
    }
    printResults(results);

    const { reports } = await server.next('queries', { type: 'queries' });
    printQueries(reports);
    printTarget(info, options, results);

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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`bench:feed: ${error.message} (see --help)`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
