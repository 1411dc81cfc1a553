import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/index.ts';
import { TEST_DB, testDatabase } from './helpers.ts';
import { exitWithin, startServer } from './spawn-server.ts';

/** The secret every demo server used to sign with, as it was written in the code. */
const OLD_BUILT_IN_SECRET = 'hearth-demo-only-secret-never-use-in-production';

const adminToken = (secret: string) =>
  new SignJWT({ name: 'Mallory', roles: ['employee', 'admin'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('demo:mallory')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(secret));

const me = async (url: string, token: string) =>
  (await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('demo mode: a random secret per data folder, loopback only unless allowed', () => {
  test('demo mode on a non-loopback HOST is a configuration error naming DEMO_ALLOW_REMOTE', () => {
    for (const HOST of ['0.0.0.0', '::', '10.1.2.3', 'intranet.example.com']) {
      assert.throws(() => loadConfig({ AUTH_MODE: 'demo', HOST }), /DEMO_ALLOW_REMOTE/, HOST);
    }
    for (const HOST of ['127.0.0.1', '127.0.0.2', '::1', '[::1]', 'localhost']) {
      assert.equal(loadConfig({ AUTH_MODE: 'demo', HOST }).host, HOST);
    }
    assert.equal(loadConfig({ AUTH_MODE: 'demo', HOST: '0.0.0.0', DEMO_ALLOW_REMOTE: 'true' }).host, '0.0.0.0');
    assert.equal(loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: 'x'.repeat(32), HOST: '0.0.0.0' }).host, '0.0.0.0');
  });

  test(
    'a demo server on 0.0.0.0 exits 2 and says which variable allows it',
    { skip: TEST_DB === 'postgres' ? 'no database involved' : false, timeout: 60_000 },
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'hearth-demo-remote-'));
      try {
        const server = startServer({ AUTH_MODE: 'demo', HOST: '0.0.0.0', DATA_DIR: dataDir });
        assert.equal(await exitWithin(server, 30_000), 2, server.output());
        assert.match(server.output(), /HOST: .*DEMO_ALLOW_REMOTE=true/);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );

  test(
    'the built-in secret no longer signs in; each data folder has its own secret, kept across restarts',
    { skip: TEST_DB === 'postgres' ? 'the embedded database only (PostgreSQL: next test)' : false, timeout: 120_000 },
    async () => {
      const dirs = [await mkdtemp(join(tmpdir(), 'hearth-demo-a-')), await mkdtemp(join(tmpdir(), 'hearth-demo-b-'))];
      const servers: ReturnType<typeof startServer>[] = [];
      const start = (dataDir: string) => {
        const server = startServer({ AUTH_MODE: 'demo', DATA_DIR: dataDir });
        servers.push(server);
        return server;
      };
      try {
        const first = start(dirs[0]!);
        const url = await first.listening;
        assert.equal(await me(url, await adminToken(OLD_BUILT_IN_SECRET)), 401, 'a token signed with the old built-in secret');
        const secret = (await readFile(join(dirs[0]!, 'demo-secret'), 'utf8')).trim();
        assert.match(secret, /^[0-9a-f]{64}$/);
        assert.equal(await me(url, await adminToken(secret)), 200, 'a token signed with the folder secret');
        first.child.kill('SIGTERM');
        assert.equal(await first.exited, 0);

        const again = start(dirs[0]!);
        const againUrl = await again.listening;
        assert.equal(await me(againUrl, await adminToken(secret)), 200, 'the same secret after a restart');
        again.child.kill('SIGTERM');
        await again.exited;

        const other = start(dirs[1]!);
        const otherUrl = await other.listening;
        assert.equal(await me(otherUrl, await adminToken(secret)), 401, "another folder's secret");
        assert.notEqual((await readFile(join(dirs[1]!, 'demo-secret'), 'utf8')).trim(), secret);
        other.child.kill('SIGTERM');
        await other.exited;
      } finally {
        for (const server of servers) {
          if (server.child.exitCode === null && server.child.signalCode === null) {
            server.child.kill('SIGKILL');
            await server.exited;
          }
        }
        for (const dir of dirs) await rm(dir, { recursive: true, force: true });
      }
    },
  );

  test('the secret is made once: a file in the data folder (PGlite), one row shared by every instance (PostgreSQL)', async () => {
    const { demoSecret } = (await import('../src/auth/demo.ts')) as { demoSecret?: (db: unknown, dataDir: string) => Promise<string> };
    assert.equal(typeof demoSecret, 'function', 'auth/demo.ts exports demoSecret');
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-demo-db-'));
    // PGlite: a real folder (one in memory gets a secret that lives as long as the process).
    const db = TEST_DB === 'postgres' ? await testDatabase() : await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const done = () => ('drop' in db ? (db as Awaited<ReturnType<typeof testDatabase>>).drop() : db.close());
    try {
      const [a, b] = await Promise.all([demoSecret!(db, dataDir), demoSecret!(db, dataDir)]);
      assert.match(a, /^[0-9a-f]{64}$/);
      assert.equal(a, b);
      assert.equal(await demoSecret!(db, dataDir), a);
      if (TEST_DB === 'postgres') assert.equal((await db.query('SELECT secret FROM demo_secret')).length, 1);
      else assert.equal((await readFile(join(dataDir, 'demo-secret'), 'utf8')).trim(), a);
    } finally {
      await done();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
