import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_DB } from './helpers.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** Starts the real server process; resolves with its URL once it listens. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', SEED: 'off', LOG_LEVEL: 'info', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s"/]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`exited ${code} before listening:\n${output}`)));
  });
  // A start that is expected to fail never awaits `listening`: keep its rejection handled.
  listening.catch(() => undefined);
  return { child, listening, exited, output: () => output };
}

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
