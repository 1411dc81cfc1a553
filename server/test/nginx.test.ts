import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { people, sign, TEST_DB, type Person } from './helpers.ts';
import { stream } from './event-stream.ts';
import { startInstance, stopInstance, storage, type Instance } from './instances.ts';

/**
 * deploy/nginx.conf in front of two real Hearth processes on one PostgreSQL: requests are
 * balanced, an event stream outlives nginx's read timeout (heartbeats), hears the other
 * instance's events, and each event arrives as it happens (no buffering).
 */

const TEMPLATE = new URL('../../deploy/nginx.conf', import.meta.url);
/** The stream location's read timeout in the test (75 s in the file): heartbeats every second. */
const READ_TIMEOUT_S = 3;
const HEARTBEAT_MS = 1000;
const CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];

function findNginx(): string | undefined {
  const fromEnv = process.env.NGINX_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p));
}

/**
 * nginx, installed from Debian's package when missing and apt can be used (as scripts/browser.mjs
 * does for Chromium); a reason to skip when it cannot be.
 */
function ensureNginx(): { path: string } | { skip: string } {
  const found = findNginx();
  if (found) return { path: found };
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!hasApt || !isRoot) {
    return { skip: 'no nginx found: install it (Debian: apt-get install -y nginx) or set NGINX_PATH' + (hasApt ? ' (apt-get needs root)' : '') };
  }
  try {
    console.log("nginx is missing: installing Debian's nginx package (once)...");
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'nginx'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch (error) {
    return { skip: `apt-get install nginx failed: ${(error as Error).message}` };
  }
  const installed = findNginx();
  return installed ? { path: installed } : { skip: 'apt-get installed nginx but no binary was found at ' + CANDIDATES.join(', ') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * deploy/nginx.conf with the test's ports, log and temp paths in `dir`, one worker and a short
 * read timeout for the stream; everything else as shipped.
 */
function testConfig(template: string, { dir, port, upstreams }: { dir: string; port: number; upstreams: number[] }): string {
  const servers = [...template.matchAll(/^\s*server 127\.0\.0\.1:\d+ /gm)];
  assert.equal(servers.length, 2, 'the template has two upstream servers');
  let conf = template;
  let i = 0;
  conf = conf.replace(/(^\s*server )127\.0\.0\.1:\d+ /gm, (_m, head: string) => `${head}127.0.0.1:${upstreams[i++]} `);
  const replace = (from: RegExp, to: string) => {
    assert.match(conf, from);
    conf = conf.replace(from, to);
  };
  replace(/listen 8080;/, `listen 127.0.0.1:${port};`);
  replace(/worker_processes auto;/, 'worker_processes 1;');
  replace(/proxy_read_timeout 75s;/, `proxy_read_timeout ${READ_TIMEOUT_S}s;`);
  replace(/proxy_send_timeout 75s;/, `proxy_send_timeout ${READ_TIMEOUT_S}s;`);
  conf = conf.replaceAll('/var/log/nginx/', `${dir}/`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${dir}/${t}_temp;\n`).join('');
  replace(/^http \{\n/m, `http {\n${temp}`);
  return conf;
}

const nginx = TEST_DB === 'postgres' ? ensureNginx() : { skip: 'PostgreSQL only: two instances share one database (HEARTH_TEST_DB=postgres TEST_DATABASE_URL=...)' };

describe('nginx (deploy/nginx.conf) in front of two instances', {
  skip: 'skip' in nginx ? nginx.skip : false,
  timeout: 120_000,
}, () => {
  let data: Awaited<ReturnType<typeof storage>>;
  let a: Instance | undefined;
  let b: Instance | undefined;
  let dir: string;
  let proxy: ChildProcess | undefined;
  let url: string;
  let nginxOutput = '';
  const tokens = new Map<string, string>();
  const token = async (person: Person) => {
    if (!tokens.has(person.sub)) tokens.set(person.sub, await sign(person));
    return tokens.get(person.sub)!;
  };
  const post = async (on: string, as: Person, body: string) => {
    const res = await fetch(`${on}/api/v1/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(as)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body, community: 'general' }),
    });
    const answer = (await res.json()) as { id: number };
    assert.equal(res.status, 201, JSON.stringify(answer));
    return answer.id;
  };

  before(async () => {
    data = await storage();
    const env = { EVENT_HEARTBEAT_MS: String(HEARTBEAT_MS), TRUST_PROXY: 'loopback' };
    [a, b] = await Promise.all([startInstance(data.databaseUrl, data.dataDir('a'), env), startInstance(data.databaseUrl, data.dataDir('b'), env)]);
    dir = await mkdtemp(join(tmpdir(), 'hearth-nginx-'));
    const port = await freePort();
    const upstreams = [a, b].map((i) => Number(new URL(i.url).port));
    const conf = join(dir, 'nginx.conf');
    await writeFile(conf, testConfig(await readFile(TEMPLATE, 'utf8'), { dir, port, upstreams }));
    // As the current user, everything in the temp folder; in the foreground, stopped at the end.
    const global = `daemon off; pid ${dir}/nginx.pid;${process.getuid?.() === 0 ? ' user root;' : ''}`;
    const args = ['-p', dir, '-c', conf, '-e', join(dir, 'error.log'), '-g', global];
    const path = (nginx as { path: string }).path;
    const check = spawnSync(path, ['-t', ...args], { encoding: 'utf8' });
    assert.equal(check.status, 0, `nginx -t: ${check.stderr}`);
    proxy = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proxy.stdout!.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    proxy.stderr!.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const res = await fetch(`${url}/readyz`).catch(() => null);
      if (res?.status === 200) break;
      await res?.body?.cancel();
      if (i > 100 || proxy.exitCode !== null) throw new Error(`nginx did not answer:\n${nginxOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 50)); // a poll interval: nginx starting
    }
  });

  after(async () => {
    if (proxy && proxy.exitCode === null) {
      const exited = new Promise((resolve) => proxy!.once('exit', resolve));
      proxy.kill('SIGTERM');
      await exited;
    }
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await data?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('requests are balanced across both instances; a client cannot claim HTTPS through it', async () => {
    const marker = `balance-${Date.now()}`;
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${url}/api/v1/me?${marker}`, { headers: { authorization: `Bearer ${await token(people.alice)}` } });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
    // nginx logs a request after its response has gone: the last line may come a moment later.
    let upstreams: (string | undefined)[] = [];
    for (let tries = 0; tries < 40; tries++) {
      const log = await readFile(join(dir, 'hearth.access.log'), 'utf8');
      upstreams = log.split('\n').filter((line) => line.includes(marker)).map((line) => /upstream=(\S+)/.exec(line)?.[1]);
      if (upstreams.length >= 20) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(upstreams.length, 20);
    for (const instance of [a!, b!]) {
      const count = upstreams.filter((u) => u === new URL(instance.url).host).length;
      assert.ok(count >= 5, `${instance.url} answered ${count} of 20: ${upstreams.join(' ')}`);
    }
    // nginx sets X-Forwarded-Proto itself ($scheme): a plain-HTTP request gets no HSTS.
    const spoofed = await fetch(`${url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(spoofed.status, 200);
    assert.equal(spoofed.headers.get('strict-transport-security'), null);
    await spoofed.body?.cancel();
  });

  test(`a stream stays open past nginx's ${READ_TIMEOUT_S} s read timeout, hears both instances, each event as it happens`, async () => {
    const live = await stream(url, await token(people.alice));
    // Longer than proxy_read_timeout with no event: only the heartbeats keep it open.
    await live.quiet((READ_TIMEOUT_S + 1.5) * 1000);
    // Posted on each instance directly (so on the other one too), then through nginx: each must
    // arrive before the next is posted, quickly; buffered, none would until the buffer filled.
    for (const on of [a!.url, b!.url, url]) {
      const sent = Date.now();
      const id = await post(on, people.bob, `Posted on ${on}`);
      const got = await live.next(1500);
      assert.equal(got.event, 'post.created');
      assert.equal(got.data.postId, id);
      assert.ok(Date.now() - sent < 1500);
    }
    await live.quiet((READ_TIMEOUT_S + 1) * 1000);
    const late = await post(url, people.carol, 'After another quiet spell');
    assert.equal((await live.next(1500)).data.postId, late);
    live.close();
  });
});
