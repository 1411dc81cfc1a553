/**
 * `npm run bench:notifications`: the bell's poll, `GET /api/v1/notifications/unread`. Target
 * (issue 13): p95 <= 5 ms server side at 100,000 notifications on PostgreSQL. Seeds people,
 * posts and N notifications (default 100,000; the viewer holds a heavy share of them, a fifth
 * unread), then measures, in this order:
 *
 * - the query alone: the repository's statement, sequentially on one connection, no other load;
 * - server side under load: the time from the request reaching the app to its answer being
 *   written (an Express wrapper in front of createApp, in this process), with autocannon (in a
 *   child process) at --connections concurrent connections;
 * - HTTP end to end (autocannon's own latency) for the same run;
 * - the same for trivial routes of the same app: /healthz (no token, SELECT 1) and a 404 (no
 *   database, no token), for comparison.
 *
 * Database: PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL is set (schema
 * bench_notifications, dropped at the end), PGlite in memory otherwise (information only).
 * Options: --notifications N, --connections N, --duration S, --warmup S, --query-runs N.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import express from 'express';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { createApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { openDatabase } from '../../server/src/db/index.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { notificationsRepo } from '../../server/src/features/notifications/repo.ts';
import { int, ms, Samples, summarize, table, verdict } from './lib.ts';

const P95_MS = 5;
const AT_NOTIFICATIONS = 100_000;
const SCHEMA = 'bench_notifications';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  if (raw === undefined) return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench:notifications: --${name} must be a positive integer, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const options = {
  notifications: flag('notifications', AT_NOTIFICATIONS),
  people: flag('people', 2_000),
  connections: flag('connections', 4),
  duration: flag('duration', 10),
  warmup: flag('warmup', 3),
  queryRuns: flag('query-runs', 2_000),
  databaseUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined,
};

/** What the load generator (this file, forked with --loadgen) is asked to do and answers. */
interface LoadRequest { url: string; headers: Record<string, string>; status: number; connections: number; seconds: number }
interface LoadResult { requests: number; seconds: number; http: ReturnType<typeof summarize>; other: number }

/** The load generator's side: autocannon in its own process, so it never shares the server's event loop. */
async function loadgen(request: LoadRequest): Promise<LoadResult> {
  const http = new Samples();
  let other = 0;
  const instance = autocannon({ url: request.url, connections: request.connections, duration: request.seconds, headers: request.headers, timeout: 10 });
  instance.on('response', (_client, code, _bytes, time) => {
    if (code === request.status) http.add(time);
    else other++;
  });
  const result = await instance;
  return { requests: http.length, seconds: result.duration, http: summarize(http.sorted()), other: other + result.errors };
}

/** Runs one load in a child process (this file with --loadgen). */
function loadInChild(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--loadgen', JSON.stringify(request)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with ${code}`));
    });
  });
}

async function main() {
  const db = await openDatabase(options.databaseUrl ? { databaseUrl: options.databaseUrl, schema: SCHEMA } : {});
  if (db.kind === 'postgres') await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
  const cleanup = async () => {
    if (db.kind === 'postgres') await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
    await db.close().catch(() => undefined);
  };
  try {
    await run(db);
  } finally {
    await cleanup();
  }
}

async function run(db: Awaited<ReturnType<typeof openDatabase>>) {
  await migrate(db);
  const seedStart = performance.now();
  const n = options.notifications;
  // The viewer (person 1) holds a tenth of them, the rest are spread over everyone else.
  const mine = Math.round(n / 10);
  await db.exec(`
    INSERT INTO people (external_id, handle, name) SELECT 'bench:' || i, 'person' || i, 'Person ' || i FROM generate_series(1, ${options.people}) i;
    INSERT INTO communities (slug, name, purpose) VALUES ('bench', 'Bench', 'Benchmark');
    INSERT INTO posts (author_id, community_id, body) SELECT 1 + (i % ${options.people}), 1, 'Post ' || i FROM generate_series(1, 1000) i;
    INSERT INTO notifications (person_id, kind, actor_id, post_id, community_id, thread, target, created_at, read_at)
      SELECT CASE WHEN i <= ${mine} THEN 1 ELSE 2 + (i % (${options.people} - 1)) END,
             CASE WHEN i % 2 = 0 THEN 'post.replied' ELSE 'join.requested' END,
             1 + ((i * 7) % ${options.people}), 1 + (i % 1000), 1,
             'post:' || (1 + (i % 1000)), 'post:' || (1 + (i % 1000)),
             now() - (i || ' seconds')::interval,
             CASE WHEN i % 5 = 0 THEN NULL ELSE now() END
      FROM generate_series(1, ${n}) i;
  `);
  // A settled database: statistics and the visibility map (index-only scans) up to date.
  await db.exec(db.kind === 'postgres' ? 'VACUUM ANALYZE notifications' : 'ANALYZE notifications');
  const seedMs = performance.now() - seedStart;
  const [counts] = await db.query<{ total: number; unread: number; mine: number; mine_unread: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread,
            count(*) FILTER (WHERE person_id = 1)::int AS mine, count(*) FILTER (WHERE person_id = 1 AND read_at IS NULL)::int AS mine_unread
     FROM notifications`);
  const [version] = await db.query<{ v: string }>('SELECT version() AS v');

  const secret = randomBytes(32).toString('base64url');
  const token = await new SignJWT({ name: 'Person 1', roles: ['employee'] })
    .setProtectedHeader({ alg: 'HS256' }).setSubject('bench:1').setIssuedAt().setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
  const config = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: secret, SERVE_DEMO: 'false', SEED: 'off', RATE_LIMITS: 'off' });
  const app = await createApp({ config, db, logger: pino({ level: 'silent' }) });
  // Server side: from the request reaching the app to the last byte of its answer handed to Node.
  let serverSide = new Samples();
  const outer = express();
  outer.use((_req, res, next) => {
    const start = performance.now();
    res.once('finish', () => serverSide.add(performance.now() - start));
    next();
  });
  outer.use(app);
  const server = outer.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const cpu = cpus();
  console.log(`Hearth notifications benchmark, ${new Date().toISOString()}`);
  console.log(`host       ${cpu.length} x ${cpu[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`database   ${version?.v ?? db.kind}`);
  console.log(`           ${db.kind}${db.kind === 'postgres' ? `, schema ${SCHEMA}` : ', in memory'}`);
  console.log(`seeded     ${int(counts!.total)} notifications (${int(counts!.unread)} unread) for ${int(options.people)} people in ${(seedMs / 1000).toFixed(1)} s;`
    + ` the viewer has ${int(counts!.mine)} (${int(counts!.mine_unread)} unread)`);
  console.log(`server     createApp behind a timing wrapper, in this process, on ${base}; request logging off`);
  console.log(`load       autocannon in a child process, ${options.connections} connections, closed loop; ${options.warmup} s warm-up + ${options.duration} s measured per route`);

  const first = await fetch(`${base}/api/v1/notifications/unread`, { headers: { authorization: `Bearer ${token}` } });
  const answer = await first.text();
  if (first.status !== 200 || JSON.parse(answer).unread !== counts!.mine_unread) throw new Error(`unexpected answer ${first.status} ${answer}`);

  const routes = [
    { name: 'unread', path: '/api/v1/notifications/unread', auth: true, status: 200, what: `the bell: the viewer's unread count (answers ${answer})` },
    { name: 'me', path: '/api/v1/me', auth: true, status: 200, what: 'a trivial route with the same sign-in: token, the person\'s row' },
    { name: 'healthz', path: '/healthz', auth: false, status: 200, what: 'trivial route of the same app: no token, SELECT 1' },
    { name: 'floor', path: '/bench-no-such-route', auth: false, status: 404, what: 'no database, no token: Express, security headers and a 404 problem+json' },
  ];
  const results: { name: string; requests: number; rps: number; server: ReturnType<typeof summarize>; http: ReturnType<typeof summarize>; other: number }[] = [];
  for (const route of routes) {
    process.stderr.write(`loading ${route.name}...\n`);
    const headers: Record<string, string> = route.auth ? { authorization: `Bearer ${token}` } : {};
    const load = (seconds: number) => loadInChild({ url: base + route.path, headers, status: route.status, connections: options.connections, seconds });
    if (options.warmup > 0) await load(options.warmup);
    serverSide = new Samples();
    const { requests, seconds, http, other } = await load(options.duration);
    results.push({ name: route.name, requests, rps: requests / seconds, server: summarize(serverSide.sorted()), http, other });
  }
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await (app.locals.shutdown as (() => Promise<void>) | undefined)?.();

  const rows = [['route', 'requests', 'req/s', 'server p50', 'server p95', 'server p99', 'http p50', 'http p95', 'http p99', 'other']];
  for (const r of results) {
    rows.push([r.name, int(r.requests), int(r.rps), ms(r.server.p50), ms(r.server.p95), ms(r.server.p99), ms(r.http.p50), ms(r.http.p95), ms(r.http.p99), String(r.other)]);
  }
  console.log(`\n${table(rows)}`);
  console.log('  ms; server = request in to answer written, in the app; http = autocannon\'s latency; other = errors and unexpected statuses');
  for (const route of routes) console.log(`  ${route.name.padEnd(8)} GET ${route.path}: ${route.what}`);

  // The query alone, as the repository sends it.
  const repo = notificationsRepo(db);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) await repo.unreadCount(1);
  for (let i = 0; i < options.queryRuns; i++) {
    const start = performance.now();
    await repo.unreadCount(1);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const query = summarize(Float64Array.from(times));
  console.log(`\nquery alone: ${options.queryRuns} sequential runs on one connection, no other load: p50 ${ms(query.p50)} ms, p95 ${ms(query.p95)} ms, p99 ${ms(query.p99)} ms`);
  const plan = await db.query<Record<string, string>>(
    'EXPLAIN (ANALYZE, BUFFERS) SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND read_at IS NULL', [1]);
  console.log('EXPLAIN (ANALYZE, BUFFERS)');
  console.log(plan.map((row) => `  ${String(Object.values(row)[0])}`).join('\n'));

  const unread = results.find((r) => r.name === 'unread')!;
  const applies = db.kind === 'postgres' && counts!.total >= AT_NOTIFICATIONS;
  const tag = (v: number) => (applies ? verdict(v, P95_MS) : 'info');
  console.log('');
  console.log(applies
    ? `targets (PostgreSQL, ${int(counts!.total)} notifications)`
    : `targets apply to PostgreSQL at ${int(AT_NOTIFICATIONS)} notifications; this run (${db.kind}, ${int(counts!.total)}) is information only`);
  console.log(`  ${tag(query.p95)}  unread  server side (query alone, 1 connection): p95 ${ms(query.p95)} ms <= ${P95_MS} ms`);
  console.log(`  ${tag(unread.server.p95)}  unread  server side under load (${options.connections} connections, request in to answer out): p95 ${ms(unread.server.p95)} ms <= ${P95_MS} ms`);
  console.log(`  info  unread  HTTP end to end (${options.connections} connections): p95 ${ms(unread.http.p95)} ms`);
  for (const name of ['me', 'healthz']) {
    const r = results.find((x) => x.name === name)!;
    console.log(`  info  compared with ${name} under the same load: server p95 ${ms(r.server.p95)} ms, http p95 ${ms(r.http.p95)} ms`);
  }
  if (results.some((r) => r.other > 0)) {
    console.error(`\nrequests failed in: ${results.filter((r) => r.other > 0).map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
}

const asLoadgen = process.argv.indexOf('--loadgen');
if (asLoadgen >= 0) {
  loadgen(JSON.parse(process.argv[asLoadgen + 1]!) as LoadRequest).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
