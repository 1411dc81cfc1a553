/**
 * The server under test, run by feed.bench.ts in a child process so that the load generator
 * never shares this event loop. It owns everything on the database side: it opens the configured
 * database, migrates, seeds, builds the app with createApp and listens on loopback; later, on
 * request, it explains and times the feed queries, and finally drops what it created.
 * Options arrive as JSON in argv[2]; progress and results go back over the IPC channel.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { createApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { openDatabase, type Db, type Queryable } from '../../server/src/db/index.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { communitiesRepo } from '../../server/src/features/communities/repo.ts';
import { postsRepo, type FeedFilter } from '../../server/src/features/posts/repo.ts';
import { seedDemo, type SeedSummary } from '../../server/src/seed/seed.ts';
import { percentile, type BenchOptions, type FromServer, type QueryReport, type SeedCounts, type ServerInfo, type ToServer } from './lib.ts';

const TABLES = ['people', 'communities', 'memberships', 'posts', 'tags', 'post_tags', 'post_mentions', 'post_likes'];
const QUERY_RUNS = 200;

const options = JSON.parse(process.argv[2] ?? '{}') as BenchOptions;

function send(message: FromServer): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) throw new Error('tests/bench/server.ts runs under feed.bench.ts (it needs an IPC channel)');
    process.send(message, undefined, {}, () => resolve());
  });
}

async function openBenchDatabase(): Promise<{ db: Db; location: string; cleanup: () => Promise<void> }> {
  if (options.databaseUrl) {
    const db = await openDatabase({ databaseUrl: options.databaseUrl, schema: options.schema });
    // The run owns this schema and nothing else: start from empty, drop it at the end.
    await db.exec(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE; CREATE SCHEMA ${options.schema}`);
    const url = new URL(options.databaseUrl);
    return {
      db,
      location: `schema ${options.schema} in ${url.hostname}:${url.port || 5432}${url.pathname}`,
      cleanup: async () => {
        if (!options.keep) await db.exec(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE`);
      },
    };
  }
  if (options.pgliteDir) {
    const dir = options.pgliteDir === 'tmp' ? await mkdtemp(join(tmpdir(), 'hearth-bench-')) : options.pgliteDir;
    const db = await openDatabase({ dataDir: dir });
    const [existing] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    if (existing && existing.n > 0) throw new Error(`--pglite-dir ${dir} is not empty: give a fresh folder (or "tmp")`);
    return {
      db,
      location: `folder ${dir}`,
      cleanup: async () => {
        if (!options.keep && options.pgliteDir === 'tmp') await rm(dir, { recursive: true, force: true });
      },
    };
  }
  return { db: await openDatabase({}), location: 'in memory', cleanup: async () => {} };
}

async function databaseVersion(db: Db): Promise<string> {
  const [row] = await db.query<{ version: string }>('SELECT version()');
  const version = row?.version ?? '?';
  if (db.kind !== 'pglite') return version;
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const pkg = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return `PGlite ${pkg.version} (${version})`;
}

async function seed(db: Db): Promise<SeedSummary> {
  return seedDemo(db, {
    posts: options.posts,
    people: options.people,
    seed: options.seed,
    now: new Date(),
    onProgress: (done, total) => void send({ type: 'progress', done, total }),
  });
}

async function counts(db: Queryable): Promise<SeedCounts> {
  const [row] = await db.query<SeedCounts>(`SELECT
    (SELECT count(*)::int FROM people) AS "people",
    (SELECT count(*)::int FROM communities) AS "communities",
    (SELECT count(*)::int FROM communities WHERE visibility = 'restricted') AS "restrictedCommunities",
    (SELECT count(*)::int FROM posts WHERE parent_id IS NULL) AS "topLevelPosts",
    (SELECT count(*)::int FROM posts WHERE parent_id IS NOT NULL) AS "replies",
    (SELECT count(*)::int FROM tags) AS "tags",
    (SELECT count(*)::int FROM post_tags) AS "postTags",
    (SELECT count(*)::int FROM post_likes) AS "likes"`);
  return row!;
}

interface Viewer {
  id: number;
  handle: string;
  token: string;
  hidden: number[];
}

/** An ordinary employee (the demo's "employee" persona when seeded), signed in as a portal would. */
async function viewer(db: Db, secret: string): Promise<Viewer> {
  const [person] = await db.query<{ id: number; external_id: string; handle: string; name: string; email: string | null; title: string | null; department: string | null; roles: string[] }>(
    `SELECT id, external_id, handle, name, email, title, department, roles FROM people
     ORDER BY (handle = 'maria.lopez') DESC, (roles = '{employee}') DESC, id LIMIT 1`);
  if (!person) throw new Error('the seed created no people');
  // The same claims as the stored person, so the first request does not rewrite the row.
  const claims: Record<string, unknown> = { name: person.name, roles: person.roles };
  if (person.email) claims.email = person.email;
  if (person.title) claims.title = person.title;
  if (person.department) claims.department = person.department;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(person.external_id)
    .setIssuedAt()
    .setExpirationTime('6h')
    .sign(new TextEncoder().encode(secret));
  return { id: person.id, handle: person.handle, token, hidden: await communitiesRepo(db).hiddenFrom(person.id) };
}

async function busiest(db: Db, hidden: number[]) {
  const [community] = await db.query<{ id: number; slug: string; posts: number }>(
    `SELECT c.id, c.slug, count(*)::int AS posts FROM posts p JOIN communities c ON c.id = p.community_id
     WHERE p.parent_id IS NULL AND p.deleted_at IS NULL AND c.visibility = 'open' AND NOT (c.id = ANY($1::int[]))
     GROUP BY c.id, c.slug ORDER BY posts DESC, c.slug LIMIT 1`, [hidden]);
  const [tag] = await db.query<{ id: number; name: string; posts: number }>(
    `SELECT t.id, t.name, count(*)::int AS posts FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
     WHERE pt.top_level GROUP BY t.id, t.name ORDER BY posts DESC, t.name LIMIT 1`);
  if (!community) throw new Error('the seed created no posts in an open community');
  if (!tag) throw new Error('the seed created no tagged posts');
  return { community, tag };
}

/** The exact SQL postsRepo.feed sends for `filter`, captured by a Queryable that runs nothing. */
async function feedSql(filter: FeedFilter): Promise<{ sql: string; params: unknown[] }> {
  let captured: { sql: string; params: unknown[] } | undefined;
  const capture: Queryable = {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      captured = { sql, params: [...params] };
      return [] as T[];
    },
    async exec() {
      throw new Error('postsRepo.feed is expected to send one parameterized query');
    },
  };
  await postsRepo(capture).feed(filter);
  if (!captured) throw new Error('postsRepo.feed sent no query');
  return captured;
}

async function queryReports(db: Db, v: Viewer, scoped: Awaited<ReturnType<typeof busiest>>): Promise<QueryReport[]> {
  // limit + 1: the service asks for one more row to know whether there is a next page.
  const base = { viewerId: v.id, hidden: v.hidden, limit: options.limit + 1 };
  const cases: [string, FeedFilter][] = [
    ['feed', base],
    [`community=${scoped.community.slug}`, { ...base, communityId: scoped.community.id }],
    [`tag=${scoped.tag.name}`, { ...base, tagId: scoped.tag.id }],
  ];
  const reports: QueryReport[] = [];
  for (const [name, filter] of cases) {
    const { sql, params } = await feedSql(filter);
    const plan = await db.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const times: number[] = [];
    for (let i = 0; i < QUERY_RUNS; i++) {
      const start = performance.now();
      await db.query(sql, params);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    reports.push({
      name,
      plan: plan.map((row) => String(Object.values(row)[0])),
      runs: QUERY_RUNS,
      ms: { p50: percentile(times, 50), p95: percentile(times, 95), mean: times.reduce((a, b) => a + b, 0) / times.length },
    });
  }
  return reports;
}

/** Drops what the run created; set once the database is open, used on failure too. */
let release: (() => Promise<void>) | undefined;

async function main() {
  const { db, location, cleanup } = await openBenchDatabase();
  release = async () => {
    release = undefined;
    await cleanup().catch(() => undefined);
    await db.close().catch(() => undefined);
  };
  await migrate(db);

  const seedStart = performance.now();
  await seed(db);
  const seedMs = performance.now() - seedStart;
  // seedDemo analyzes; a running deployment also has a visibility map (autovacuum), which a
  // fresh bulk load lacks. Measure the steady state.
  const vacuumStart = performance.now();
  await db.exec(`VACUUM ${TABLES.join(', ')}`);
  const vacuumMs = performance.now() - vacuumStart;
  const settle = [`VACUUM in ${(vacuumMs / 1000).toFixed(1)} s`];
  if (db.kind === 'postgres') {
    // Flush the bulk load's dirty pages now rather than in a checkpoint during the first route.
    try {
      await db.exec('CHECKPOINT');
      settle.push('CHECKPOINT');
    } catch (error) {
      settle.push(`no CHECKPOINT (${(error as Error).message})`);
    }
  }

  const secret = randomBytes(32).toString('base64url');
  const v = await viewer(db, secret);
  const scoped = await busiest(db, v.hidden);

  const config = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: secret, SERVE_DEMO: 'false', SEED: 'off' });
  const logger = options.log
    ? pino({ level: 'info', base: undefined, redact: ['req.headers.authorization', 'req.headers.cookie'] }, pino.destination({ dest: '/dev/null', sync: false }))
    : pino({ level: 'silent' });
  const app = await createApp({ config, db, logger });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });

  const info: ServerInfo = {
    port: (server.address() as AddressInfo).port,
    database: { kind: db.kind, version: await databaseVersion(db), location },
    seed: { ms: seedMs, counts: await counts(db) },
    settle: settle.join(', '),
    viewer: { handle: v.handle, token: v.token, hiddenCommunities: v.hidden.length },
    community: { slug: scoped.community.slug, posts: scoped.community.posts },
    tag: { name: scoped.tag.name, posts: scoped.tag.posts },
  };
  await send({ type: 'ready', info });

  process.on('message', (message: ToServer) => {
    void (async () => {
      if (message.type === 'usage') {
        const cpu = process.cpuUsage();
        await send({ type: 'usage', usage: { cpuMicros: cpu.user + cpu.system } });
      } else if (message.type === 'queries') {
        await send({ type: 'queries', reports: await queryReports(db, v, scoped) });
      } else if (message.type === 'close') {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await release?.();
        await send({ type: 'closed' });
        process.exit(0);
      }
    })().catch(fail);
  });
}

function fail(error: unknown) {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  void send({ type: 'failed', message })
    .then(() => release?.())
    .finally(() => process.exit(1));
}

// The runner went away (crashed or was killed): never outlive it with a listening server.
process.on('disconnect', () => {
  void (release?.() ?? Promise.resolve()).finally(() => process.exit(1));
});

main().catch(fail);
