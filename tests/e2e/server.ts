import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

export interface RunningServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (`server/src/main.ts`) in demo mode on a fresh PGlite folder.
 * `nodeArgs` go to node before the script (e.g. `--import <preload>`).
 */
export async function startServer(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', AUTH_MODE: 'demo', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s"/]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

export interface Portal {
  /** `http://127.0.0.1:<port>`: another origin than Hearth's. */
  origin: string;
  /** What `/` answers from now on. */
  page: string;
  close(): Promise<void>;
}

/**
 * A portal on another origin that serves one page (`portal.page`) at `/` under the policy
 * `policy(hearth)` returns, where `hearth` is the Hearth origin it is asked with. Started
 * before Hearth, because its origin goes into Hearth's ALLOWED_ORIGINS; the policy is computed
 * at each request, once Hearth runs.
 */
export async function startPortal(policy: () => string): Promise<Portal> {
  const portal: Portal = { origin: '', page: '', close: async () => undefined };
  const host = createServer((req, res) => {
    if (req.url !== '/') {
      // The browser's favicon request: nothing, rather than a 404 in the console.
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy() });
    res.end(portal.page);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  portal.origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  portal.close = () => new Promise((resolve) => host.close(() => resolve()));
  return portal;
}

/**
 * Calls the API of the demo server at `url` as `handle`, through the demo's token endpoint (its
 * "view as" cookie names the person): what a test does beside the browser.
 */
export function demoApi(url: string) {
  return async (handle: string, method: string, path: string, body?: unknown) => {
    const cookie = `hearth_demo_person=${handle}`;
    const { token } = (await (await fetch(`${url}/demo/token`, { headers: { cookie } })).json()) as { token: string };
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : null,
    });
    // oxlint-disable-next-line typescript/no-explicit-any -- tests read answers loosely, field by field
    return { status: res.status, body: (res.status === 204 ? {} : await res.json().catch(() => ({}))) as Record<string, any> };
  };
}
