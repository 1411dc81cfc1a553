import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DB } from './helpers.ts';
import { exitWithin, startServer } from './spawn-server.ts';

const env = (dataDir: string) => ({ DATA_DIR: dataDir, AUTH_MODE: 'demo', SEED: 'off' });

test(
  'a second server on the same PGlite folder is refused at start-up, and a kill -9 leaves no lock that blocks a restart',
  { skip: TEST_DB === 'postgres' ? 'the embedded database only' : false, timeout: 120_000 },
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-lock-'));
    const running: ReturnType<typeof startServer>[] = [];
    try {
      const first = startServer(env(dataDir));
      running.push(first);
      const url = await first.listening;

      // Another port, the same folder: must exit non-zero, saying why, and not touch the data.
      const second = startServer(env(dataDir));
      running.push(second);
      const code = await exitWithin(second, 30_000);
      assert.notEqual(code, 0, second.output());
      assert.match(second.output(), /already in use by another Hearth server \(pid \d+/);
      assert.equal((await fetch(`${url}/healthz`)).status, 200, 'the first server keeps running');

      // A crash leaves the lock file behind: a new server must still start.
      first.child.kill('SIGKILL');
      await first.exited;
      const third = startServer(env(dataDir));
      running.push(third);
      const thirdUrl = await third.listening;
      assert.deepEqual(await (await fetch(`${thirdUrl}/healthz`)).json(), { status: 'ok', database: 'pglite' });
      third.child.kill('SIGTERM');
      assert.equal(await third.exited, 0);

      // A clean stop releases the lock: the next start finds nothing in the way either.
      const fourth = startServer(env(dataDir));
      running.push(fourth);
      await fourth.listening;
      fourth.child.kill('SIGTERM');
      assert.equal(await fourth.exited, 0);
    } finally {
      for (const server of running) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  },
);
