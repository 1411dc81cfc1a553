/**
 * `npm run bench:memory`: the resident memory of the embedded default (PGlite, demo data), issue
 * #16 point 6. Starts the server as `npm start` runs it (the bundle of scripts/build-server.mjs)
 * on a fresh data folder (the first start creates and seeds the database) and again on the same
 * folder (a restart), each time loads the demo page and the four personas' feeds a few times,
 * waits for the process to idle, and reads its RSS (VmRSS) and peak (VmHWM) from /proc. For
 * comparison, the same server run from its TypeScript sources through tsx (as `npm run dev` and
 * the tests run it), and a bare `node` process of the same run. Target: idle RSS <= 250 MB.
 * Options: --idle <s> (default 30), --only bundle|tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const TARGET_MB = 250;
const root = new URL('../../', import.meta.url).pathname;
const { values: args } = parseArgs({ options: { idle: { type: 'string', default: '30' }, only: { type: 'string' } } });
const idleMs = Number(args.idle) * 1000;

interface Reading { rssMb: number; peakMb: number }

async function memoryOf(pid: number): Promise<Reading> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function start(command: string[], dataDir: string): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', AUTH_MODE: 'demo', SEED: 'auto', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 180 s:\n${output}`)), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s"/]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
  return { child, url, log: () => output };
}

/** What a visit does: the demo page, a token, each persona's feed, tag cloud and notifications. */
async function use(url: string): Promise<void> {
  const personas = (await (await fetch(`${url}/demo/people`)).json()) as { handle: string }[];
  for (let round = 0; round < 5; round++) {
    await (await fetch(`${url}/`)).text();
    for (const { handle } of personas) {
      const { token } = (await (await fetch(`${url}/demo/token`, { headers: { cookie: `hearth_demo_person=${handle}` } })).json()) as { token: string };
      const headers = { authorization: `Bearer ${token}` };
      for (const path of ['/api/v1/posts?limit=20', '/api/v1/tags', '/api/v1/notifications?limit=20', '/api/v1/communities?limit=10']) {
        const res = await fetch(`${url}${path}`, { headers });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`GET ${path} as @${handle} answered ${res.status}`);
      }
    }
  }
}

async function measure(label: string, command: string[], dataDir: string): Promise<Reading & { label: string }> {
  const started = Date.now();
  const { child, url } = await start(command, dataDir);
  const startMs = Date.now() - started;
  await use(url);
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const reading = await memoryOf(child.pid!);
  child.kill('SIGTERM');
  await once(child, 'exit');
  console.log(`  ${label.padEnd(44)} idle RSS ${reading.rssMb.toFixed(0).padStart(4)} MB   peak ${reading.peakMb.toFixed(0).padStart(4)} MB   (ready in ${(startMs / 1000).toFixed(1)} s)`);
  return { label, ...reading };
}

async function bareNode(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const { rssMb } = await memoryOf(child.pid!);
  child.kill();
  return rssMb;
}

async function main(): Promise<number> {
  const build = spawn(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' });
  const [code] = (await once(build, 'exit')) as [number];
  if (code !== 0) return 1;
  console.log(`Hearth memory benchmark, ${new Date().toISOString()}: PGlite, the demo data (seeded on the first start), node ${process.version}`);
  console.log(`each run: the demo page and 4 personas x (feed, tag cloud, notifications, communities), 5 times; then ${idleMs / 1000} s idle; /proc VmRSS and VmHWM`);
  console.log(`  a bare node process of the same run: ${(await bareNode()).toFixed(0)} MB`);
  const runs = [
    { name: 'bundle', label: '`npm start` (server/build/main.mjs)', command: ['server/build/main.mjs'] },
    { name: 'tsx', label: 'the sources through tsx (`npm run dev`)', command: ['--import', 'tsx', 'server/src/main.ts'] },
  ].filter((r) => !args.only || r.name === args.only);
  const results: (Reading & { label: string; bundle: boolean })[] = [];
  for (const run of runs) {
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-memory-'));
    try {
      results.push({ ...(await measure(`${run.label}, first start`, run.command, dataDir)), bundle: run.name === 'bundle' });
      results.push({ ...(await measure(`${run.label}, restart`, run.command, dataDir)), bundle: run.name === 'bundle' });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  let failed = 0;
  for (const r of results.filter((x) => x.bundle)) {
    const pass = r.rssMb <= TARGET_MB;
    if (!pass) failed++;
    console.log(`${pass ? 'PASS' : 'FAIL'}  ${r.label}: idle RSS ${r.rssMb.toFixed(0)} MB <= ${TARGET_MB} MB`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
