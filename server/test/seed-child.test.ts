import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { lockDataDir } from '../src/db/pglite.ts';
import { TEST_DB } from './helpers.ts';
import { exitWithin, startServer } from './spawn-server.ts';

/**
 * A first start on an empty folder seeds in a child process (main.ts seedInChild). The server
 * stopped or killed meanwhile must not leave that child running: it holds the PGlite lock, and
 * the next start would find the folder in use.
 */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (!alive(pid)) return true;
  return !alive(pid);
}

/**
 * Starts a first start and waits until its seeding child holds the folder's lock: it is then
 * creating the database, seconds in which it writes nothing (a child that writes to a pipe whose
 * reader is gone dies of EPIPE, which would hide one that outlives the server).
 */
async function seeding(dataDir: string) {
  const server = startServer({ DATA_DIR: dataDir, AUTH_MODE: 'demo', SEED: 'auto' });
  let pid: number | undefined;
  for (const end = Date.now() + 90_000; Date.now() < end && server.child.exitCode === null; await sleep(20)) {
    pid ??= Number(/"seedPid":(\d+)/.exec(server.output())?.[1]) || undefined;
    if (pid && existsSync(join(dataDir, 'pglite.lock'))) return { server, pid };
  }
  server.child.kill('SIGKILL');
  throw new Error(`the seeding child never took the lock:\n${server.output()}`);
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
  test(
    `a server sent ${signal} while seeding on its first start takes its seeding child with it, and the PGlite lock is free`,
    { skip: TEST_DB === 'postgres' ? 'the embedded database only' : false, timeout: 150_000 },
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'hearth-seed-child-'));
      let child: number | undefined;
      try {
        const { server, pid } = await seeding(dataDir);
        child = pid;
        assert.equal(alive(pid), true, 'the seeding child runs');
        // To the server alone, as a process manager or `kill <pid>` does (not Ctrl-C's whole group).
        server.child.kill(signal);
        // The signal is passed on at once; after a SIGKILL the child learns it when its busy
        // WASM work lets its event loop see the IPC channel close (1.4-2.1 s measured).
        const within = signal === 'SIGKILL' ? 10_000 : 3_000;
        assert.equal(await goneWithin(pid, within), true, `the seeding child ${pid} outlived the server:\n${server.output()}`);
        const code = await exitWithin(server, 15_000);
        if (signal !== 'SIGKILL') assert.equal(code, signal === 'SIGTERM' ? 143 : 130, server.output());
        // The lock it held is stale now (its holder is dead): the next start may take it.
        const lock = await lockDataDir(join(dataDir, 'pglite'));
        await lock.release();
      } finally {
        if (child && alive(child)) process.kill(child, 'SIGKILL');
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );
}
