import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DB } from './helpers.ts';
import { startServer } from './spawn-server.ts';

const start = startServer;

test('a bad setting stops start-up with exit code 2 and names the variable', async () => {
  const server = start({ PORT: 'not-a-port' });
  assert.equal(await server.exited, 2);
  assert.match(server.output(), /PORT: must be a port number from 0 to 65535/);
});

test(
  'PGlite data persists across restarts, a second start applies no migration, and SIGTERM shuts down cleanly',
  { skip: TEST_DB === 'postgres' ? 'the embedded database only' : false },
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-lifecycle-'));
    try {
      const first = start({ DATA_DIR: dataDir });
      const url = await first.listening;
      const health = await fetch(`${url}/healthz`);
      assert.deepEqual(await health.json(), { status: 'ok', database: 'pglite' });
      assert.match(first.output(), /migrations applied/);
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0);
      assert.match(first.output(), /stopped/);

      const second = start({ DATA_DIR: dataDir });
      await second.listening;
      assert.match(second.output(), /schema up to date/);
      second.child.kill('SIGINT');
      assert.equal(await second.exited, 0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
);
