/**
 * `npm run bench:live` (issue #16 point 4): N event streams (GET /api/v1/events, default 10,000)
 * on one server process on PostgreSQL. Prints the server's RSS before and with the N streams,
 * the delivery latency of one post's event to all N (p50/p95/p99/all, a few posts), the replay
 * time after a mass reconnect (all streams closed, K posts made, all reopened with their
 * Last-Event-ID), and the cross-instance latency (post on A, a stream on B hears it; 50 times).
 * Targets: N = 10,000 in under 1 GB RSS, delivery to all p95 <= 1 s, cross-instance p95 <= 250 ms.
 *
 * The servers are real processes (server/test/instances.ts, a database of its own, dropped at the
 * end); the streams are held by load-generator processes (live-client.ts), each started through
 * `bash -c 'ulimit -n <hard limit>'`. Options: --streams N, --quick (1,000), --events E (posts
 * timed for delivery, default 5), --replay K (posts made while disconnected, default 10),
 * --clients C (load-generator processes, default one per 5,000 streams), --crossRuns R (default 50).
 * PostgreSQL: BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { hostname, cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { FromClient, ToClient } from './live-client.ts';

const { values: args } = parseArgs({
  options: {
    streams: { type: 'string' },
    quick: { type: 'boolean', default: false },
    events: { type: 'string', default: '5' },
    replay: { type: 'string', default: '10' },
    clients: { type: 'string' },
    crossRuns: { type: 'string', default: '50' },
  },
});
const N = Number(args.streams ?? (args.quick ? 1000 : 10_000));
const EVENTS = Number(args.events);
const REPLAY = Number(args.replay);
const CROSS_RUNS = Number(args.crossRuns);
const CLIENTS = Number(args.clients ?? Math.max(1, Math.ceil(N / 5000)));
const RSS_TARGET_MB = 1024;
const DELIVERY_TARGET_MS = 1000;
const CROSS_TARGET_MS = 250;

// instances.ts reads these when it is imported: a PostgreSQL database of its own.
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.HEARTH_TEST_DB = 'postgres';
process.env.TEST_DATABASE_URL = databaseUrl;
const { people, sign } = await import('../../server/test/helpers.ts');
const { startInstance, stopInstance, storage } = await import('../../server/test/instances.ts');
const { stream } = await import('../../server/test/event-stream.ts');
type Instance = Awaited<ReturnType<typeof startInstance>>;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');

async function status(pid: number) {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function openFiles(pid: number | 'self'): Promise<{ soft: number; hard: number }> {
  const text = await readFile(`/proc/${pid}/limits`, 'utf8');
  const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(text);
  const n = (x: string | undefined) => (x === 'unlimited' ? Infinity : Number(x));
  return { soft: n(m?.[1]), hard: n(m?.[2]) };
}

/** A load generator: live-client.ts under `ulimit -n` at the hard limit. */
class Client {
  child: ChildProcess;
  private pending: ((m: FromClient) => void)[] = [];
  constructor() {
    const script = new URL('./live-client.ts', import.meta.url).pathname;
    this.child = spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)" && exec "$0" --import tsx "$1"', process.execPath, script], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: FromClient) => this.pending.shift()?.(m));
  }
  ask<K extends FromClient['kind']>(m: ToClient): Promise<Extract<FromClient, { kind: K }>> {
    return new Promise((resolve) => {
      this.pending.push(resolve as (m: FromClient) => void);
      this.child.send(m);
    });
  }
}

async function main(): Promise<number> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  await admin.end();
  const limits = await openFiles('self');
  console.log(`Hearth live events benchmark, ${new Date().toISOString()}, host ${hostname()} (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB), node ${process.version}, PostgreSQL ${version}`);
  console.log(`N = ${N} streams on instance A, ${CLIENTS} load-generator process(es); open-file limit ${limits.soft} (hard ${limits.hard})`);
  if (limits.hard < N + 1000) {
    console.log(`FAIL  the hard open-file limit (${limits.hard}) is below N + 1000: the server cannot hold ${N} sockets (raise it with ulimit -Hn as root, or run --streams ${limits.hard - 1000})`);
    return 1;
  }

  const store = await storage();
  let a: Instance | undefined;
  let b: Instance | undefined;
  const clients: Client[] = [];
  let failed = 0;
  const verdict = (pass: boolean, line: string) => {
    if (!pass) failed++;
    console.log(`${pass ? 'PASS' : 'FAIL'}  ${line}`);
  };
  try {
    // The servers inherit this process's open-file limit (checked below).
    [a, b] = await Promise.all([startInstance(store.databaseUrl, store.dataDir('a')), startInstance(store.databaseUrl, store.dataDir('b'))]);
    const serverLimit = await openFiles(a.child.pid!);
    console.log(`instances A ${a.url} and B ${b.url} (server open-file limit ${serverLimit.soft})`);
    if (serverLimit.soft < N + 100) console.log(`note: the server's open-file limit ${serverLimit.soft} < N: start the benchmark under ulimit -n ${N + 1000}`);

    const crowd = [people.alice, people.bob, people.carol];
    const tokens = await Promise.all(crowd.map((p) => sign(p, { expiresIn: '2h' })));
    const poster = tokens[0]!;
    const post = async (on: Instance, body: string) => {
      const res = await fetch(`${on.url}/api/v1/posts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${poster}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body, community: 'general' }),
      });
      const answer = (await res.json()) as { id: number };
      if (res.status !== 201) throw new Error(`POST /posts answered ${res.status}: ${JSON.stringify(answer)}`);
      return answer.id;
    };
    // Warm-up: a post and a stream, so the "before" RSS is of a server that has served both.
    const warm = await stream(a.url, tokens[1]!);
    await post(a, 'warm-up');
    await warm.next();
    warm.close();
    await sleep(2000);
    const before = await status(a.child.pid!);
    console.log(`\nserver A RSS before the streams: ${before.rssMb.toFixed(0)} MB`);

    // Open N streams, spread over the clients and the people.
    for (let i = 0; i < CLIENTS; i++) clients.push(new Client());
    const share = (i: number) => Math.floor(N / CLIENTS) + (i < N % CLIENTS ? 1 : 0);
    const openAll = async (resume: boolean) => {
      const replies = await Promise.all(
        clients.map((c, i) => c.ask<'opened'>({ kind: 'open', url: a!.url, tokens, count: share(i), concurrency: 200, resume })),
      );
      return { failed: replies.reduce((s, r) => s + r.failed, 0), ms: Math.max(...replies.map((r) => r.ms)) };
    };
    const opened = await openAll(false);
    console.log(`opened ${N - opened.failed}/${N} streams in ${(opened.ms / 1000).toFixed(1)} s (200 opening at a time per generator)`);
    await sleep(3000);
    const withStreams = await status(a.child.pid!);
    const perStreamKb = ((withStreams.rssMb - before.rssMb) * 1024) / N;
    console.log(`server A RSS with ${N} streams: ${withStreams.rssMb.toFixed(0)} MB (+${(withStreams.rssMb - before.rssMb).toFixed(0)} MB, ${perStreamKb.toFixed(1)} KB a stream)`);

    const collect = async (postIds: number[], timeoutMs: number) => {
      const replies = await Promise.all(clients.map((c) => c.ask<'received'>({ kind: 'received', postIds, timeoutMs })));
      const times = replies.flatMap((r) => r.times);
      return { times, missing: replies.reduce((s, r) => s + r.missing, 0) };
    };

    // Delivery: one post, until every stream has its event.
    console.log(`\ndelivery of one post's event to all ${N} streams (from the POST's start; ${EVENTS} posts, one at a time):`);
    const allLatencies: number[] = [];
    const p95s: number[] = [];
    for (let e = 0; e < EVENTS; e++) {
      const start = now();
      const id = await post(a, `delivery ${e}`);
      const postMs = now() - start;
      const { times, missing } = await collect([id], 30_000);
      const lat = times.filter((t): t is number => t !== null && Number.isFinite(t)).map((t) => t - start).sort((x, y) => x - y);
      allLatencies.push(...lat);
      p95s.push(missing ? Infinity : percentile(lat, 95));
      console.log(
        `  post ${e + 1}: POST answered in ${ms(postMs)}; p50 ${ms(percentile(lat, 50))}  p95 ${ms(percentile(lat, 95))}  p99 ${ms(percentile(lat, 99))}  all ${missing ? `${missing} streams missed it in 30 s` : ms(lat.at(-1)!)}`,
      );
      await sleep(500);
    }
    allLatencies.sort((x, y) => x - y);
    console.log(`  all ${EVENTS} posts together: p50 ${ms(percentile(allLatencies, 50))}  p95 ${ms(percentile(allLatencies, 95))}  p99 ${ms(percentile(allLatencies, 99))}  max ${ms(allLatencies.at(-1)!)}`);
    const delivered = await status(a.child.pid!);
    console.log(`server A RSS after the deliveries: ${delivered.rssMb.toFixed(0)} MB (peak so far ${delivered.peakMb.toFixed(0)} MB)`);

    // Mass reconnect: all streams closed, K posts, all reopened with their Last-Event-ID.
    console.log(`\nmass reconnect: all ${N} streams closed, ${REPLAY} posts made, all reopened with Last-Event-ID:`);
    await Promise.all(clients.map((c) => c.ask<'closed'>({ kind: 'close' })));
    await sleep(1000);
    const missed: number[] = [];
    for (let k = 0; k < REPLAY; k++) missed.push(await post(a, `while away ${k}`));
    const reconnect = now();
    const reopened = await openAll(true);
    const replayed = await collect(missed, 120_000);
    const replayLat = replayed.times.filter((t): t is number => t !== null && Number.isFinite(t)).map((t) => t - reconnect).sort((x, y) => x - y);
    console.log(`  reopened ${N - reopened.failed}/${N} in ${(reopened.ms / 1000).toFixed(1)} s; each stream had all ${REPLAY} missed events after: p50 ${ms(percentile(replayLat, 50))}  p95 ${ms(percentile(replayLat, 95))}  p99 ${ms(percentile(replayLat, 99))}  all ${replayed.missing ? `(${replayed.missing} streams missed some in 120 s)` : ms(replayLat.at(-1)!)}`);
    await sleep(2000);
    const afterReplay = await status(a.child.pid!);
    console.log(`server A RSS after the reconnect: ${afterReplay.rssMb.toFixed(0)} MB (peak ${afterReplay.peakMb.toFixed(0)} MB)`);

    // Cross-instance: post on A, a stream on B hears it; first with A holding the N streams
    // (A's event loop writes each post to all of them), then with them closed (the bus alone).
    const crossRun = async (label: string) => {
      console.log(`\ncross-instance, ${label}: a post on A heard by a stream on B, ${CROSS_RUNS} times:`);
      const onB = await stream(b!.url, tokens[2]!);
      const lat: number[] = [];
      const posting: number[] = [];
      for (let r = 0; r < CROSS_RUNS; r++) {
        const start = now();
        // Read B while the POST is on its way: its event may come before A answers.
        const heard = (async () => {
          for (;;) {
            const block = await onB.next(10_000);
            if (block.event.startsWith('post.')) return { postId: block.data.postId as number, at: now() };
          }
        })();
        const id = await post(a!, `cross ${r}`);
        posting.push(now() - start);
        const { postId, at } = await heard;
        if (postId !== id) throw new Error(`B heard post ${postId}, expected ${id}`);
        lat.push(at - start);
        await sleep(100);
      }
      onB.close();
      lat.sort((x, y) => x - y);
      posting.sort((x, y) => x - y);
      console.log(`  p50 ${ms(percentile(lat, 50))}  p95 ${ms(percentile(lat, 95))}  p99 ${ms(percentile(lat, 99))}  max ${ms(lat.at(-1)!)}   (the POST on A alone answered in p50 ${ms(percentile(posting, 50))}, p95 ${ms(percentile(posting, 95))})`);
      return percentile(lat, 95);
    };
    const crossLoaded = await crossRun(`A holding the ${N} streams`);
    await Promise.all(clients.map((c) => c.ask<'closed'>({ kind: 'close' })));
    await sleep(2000);
    const crossIdle = await crossRun('the N streams closed');

    const peak = (await status(a.child.pid!)).peakMb;
    console.log(`\nserver A RSS peak (VmHWM) over the run: ${peak.toFixed(0)} MB`);
    const label = N === 10_000 ? '' : ` (N = ${N}, not the 10,000 of the target)`;
    verdict(opened.failed === 0 && withStreams.rssMb < RSS_TARGET_MB, `${N - opened.failed}/${N} streams held in ${withStreams.rssMb.toFixed(0)} MB RSS < ${RSS_TARGET_MB} MB (peak ${peak.toFixed(0)} MB)${label}`);
    const worstP95 = Math.max(...p95s);
    verdict(worstP95 <= DELIVERY_TARGET_MS, `delivery to all ${N} streams: p95 ${ms(worstP95)} (worst of ${EVENTS} posts) <= ${DELIVERY_TARGET_MS} ms${label}`);
    verdict(crossIdle <= CROSS_TARGET_MS, `cross-instance p95 ${ms(crossIdle)} <= ${CROSS_TARGET_MS} ms (A without the streams: the bus and B)`);
    verdict(crossLoaded <= CROSS_TARGET_MS, `cross-instance p95 ${ms(crossLoaded)} <= ${CROSS_TARGET_MS} ms with A holding the ${N} streams${label}`);
    if (replayed.missing) verdict(false, `mass reconnect: ${replayed.missing} of ${N} streams were not replayed all ${REPLAY} missed events within 120 s`);
    else console.log(`info  mass reconnect of ${N} streams with ${REPLAY} missed events: all replayed in ${ms(replayLat.at(-1)!)} (no target)`);
  } finally {
    for (const c of clients) c.child.kill();
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await store.remove();
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
