import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { TEST_DB, TEST_SECRET } from './helpers.ts';

/** Real server processes for multi-instance, shutdown and nginx tests. */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** One real server process (`node --import tsx server/src/main.ts`), as in production. */
export interface Instance {
  url: string;
  child: ChildProcess;
  output: string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/**
 * Starts a server on `databaseUrl` (PostgreSQL), or on the PGlite in `dataDir` when it is
 * undefined; resolves once it is ready ("Hearth is listening on"). `env` overrides the defaults
 * (signed tokens, no rate limits, no shutdown grace period).
 */
export async function startInstance(databaseUrl: string | undefined, dataDir: string, env: Record<string, string> = {}): Promise<Instance> {
  const { instance, ready } = launchInstance(databaseUrl, dataDir, env);
  instance.url = await ready;
  return instance;
}

/**
 * Like startInstance, without waiting: `starting` resolves with the URL once the process answers
 * health checks (still starting), `ready` once it is ready.
 */
export function launchInstance(databaseUrl: string | undefined, dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl ?? '',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      AUTH_MODE: 'signed',
      AUTH_JWT_SECRET: TEST_SECRET,
      SERVE_DEMO: 'false',
      SEED: 'off',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const instance: Instance = { url: '', child, output: '', exited };
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${instance.output}`)), 30_000);
    const read = (chunk: Buffer) => {
      instance.output += chunk.toString();
      const match = /Hearth is listening on (http:\/\/[^/\s"]+)/.exec(instance.output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${instance.output}`));
    });
  });
  const starting = new Promise<string>((resolve, reject) => {
    const read = () => {
      const match = /health checks answer on (http:\/\/[^/\s"]+)/.exec(instance.output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    ready.catch(reject);
  });
  ready.catch(() => undefined);
  starting.catch(() => undefined);
  return { instance, starting, ready };
}

export async function stopInstance(instance: Instance | undefined) {
  if (!instance || instance.child.exitCode !== null) return;
  instance.child.kill('SIGTERM');
  const force = setTimeout(() => instance.child.kill('SIGKILL'), 15_000);
  await instance.exited;
  clearTimeout(force);
}

/** alice and bob (employees), carol (admin); `general` (open) and `secret-lab` (restricted, bob). */
const PEOPLE_SQL = `
  INSERT INTO people (external_id, handle, name, roles) VALUES
    ('test:alice', 'alice', 'Alice Andersen', '{employee}'),
    ('test:bob', 'bob', 'Bob Brown', '{employee}'),
    ('test:carol', 'carol', 'Carol Chen', '{employee,admin}');
  INSERT INTO communities (slug, name, purpose, visibility) VALUES
    ('general', 'General', 'Company-wide conversation', 'open'),
    ('secret-lab', 'Secret Lab', 'Confidential prototypes', 'restricted');
  INSERT INTO memberships (community_id, person_id)
    SELECT c.id, p.id FROM communities c, people p WHERE c.slug = 'secret-lab' AND p.handle = 'bob';
`;

/**
 * A migrated database with the test people, for server processes: on PostgreSQL
 * (HEARTH_TEST_DB=postgres) a database of its own (main.ts takes DATABASE_URL only, no schema, as
 * in production), else a PGlite folder (one process at a time). `dataDir(name)` is a data folder
 * for one instance (on PGlite, the same for all).
 */
export async function storage(): Promise<{ databaseUrl: string | undefined; dataDir(name: string): string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-instances-'));
  if (TEST_DB !== 'postgres') {
    const db = await openDatabase({ dataDir: join(dir, 'pglite') });
    await migrate(db);
    await db.exec(PEOPLE_SQL);
    await db.close();
    return { databaseUrl: undefined, dataDir: () => dir, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('HEARTH_TEST_DB=postgres needs TEST_DATABASE_URL');
  const database = `hearth_it_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const db = await openDatabase({ databaseUrl: url.href });
  await migrate(db);
  await db.exec(PEOPLE_SQL);
  await db.close();
  return {
    databaseUrl: url.href,
    dataDir: (name) => join(dir, name),
    async remove() {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
