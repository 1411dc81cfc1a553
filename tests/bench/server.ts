/**
 * The server under test, run by the benchmarks (lib.ts runBench) in a child process so that the
 * load generator never shares this event loop. It owns everything on the database side: it
 * opens the configured database, migrates, seeds (or reuses an earlier run's data), builds the
 * app with createApp and listens on loopback; later, on request, it explains and times the
 * queries behind the suite's routes, and finally drops what it created.
 * Options arrive as JSON in argv[2]; progress and results go back over the IPC channel.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { createApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { openDatabase, type Db, type Queryable, type QueryOptions } from '../../server/src/db/index.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { communitiesRepo } from '../../server/src/features/communities/repo.ts';
import { expertsRepo } from '../../server/src/features/experts/repo.ts';
import { peopleRepo } from '../../server/src/features/people/repo.ts';
import { postsRepo } from '../../server/src/features/posts/repo.ts';
import { questionsRepo } from '../../server/src/features/questions/repo.ts';
import { FACET_MATCHES, searchRepo } from '../../server/src/features/search/repo.ts';
import { tagsRepo } from '../../server/src/features/tags/repo.ts';
import { seedDemo } from '../../server/src/seed/seed.ts';
import { percentile, type BenchOptions, type FromServer, type QueryReport, type SeedCounts, type ServerInfo, type ToServer } from './lib.ts';

/**
 * Every table the seed writes, vacuumed after it as autovacuum would in a running deployment:
 * the seed updates community_people_last once per post, and unvacuumed, its index held 15 dead
 * entries per live row (the communities directory read 113,000 for 7,500: 21 ms instead of 2).
 */
const TABLES = [
  'people', 'communities', 'memberships', 'posts', 'tags', 'post_tags', 'post_mentions', 'post_likes', 'tag_daily', 'tag_totals',
  'tag_authors', 'tag_pairs', 'community_activity', 'questions', 'question_tags', 'answers', 'answer_votes', 'expertise',
  'person_skills', 'endorsements', 'question_terms', 'question_term_docs', 'community_days', 'community_people_last',
  'adoption_days',
];

const options = JSON.parse(process.argv[2] ?? '{}') as BenchOptions;

function send(message: FromServer): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) throw new Error('tests/bench/server.ts runs under a *.bench.ts runner (it needs an IPC channel)');
    process.send(message, undefined, {}, () => resolve());
  });
}

interface Opened {
  db: Db;
  location: string;
  /** True when the database already had tables (a kept schema or folder). */
  existing: boolean;
  /** Empties it (drops and recreates the schema); PGlite folders cannot be emptied here. */
  reset: (() => Promise<void>) | undefined;
  cleanup: () => Promise<void>;
}

async function openBenchDatabase(): Promise<Opened> {
  if (options.databaseUrl) {
    const db = await openDatabase({ databaseUrl: options.databaseUrl, schema: options.schema });
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1', [options.schema]);
    const url = new URL(options.databaseUrl);
    return {
      db,
      location: `schema ${options.schema} in ${url.hostname}:${url.port || 5432}${url.pathname}`,
      existing: (row?.n ?? 0) > 0,
      // The run owns this schema and nothing else: start from empty, drop it at the end.
      reset: () => db.exec(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE; CREATE SCHEMA ${options.schema}`),
      cleanup: async () => {
        if (!options.keep) await db.exec(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE`);
      },
    };
  }
  if (options.pgliteDir) {
    const dir = options.pgliteDir === 'tmp' ? await mkdtemp(join(tmpdir(), 'hearth-bench-')) : options.pgliteDir;
    const empty = await readdir(dir).then((files) => files.length === 0, () => true);
    const db = await openDatabase({ dataDir: dir });
    return {
      db,
      location: `folder ${dir}`,
      existing: !empty,
      reset: undefined,
      cleanup: async () => {
        if (!options.keep && options.pgliteDir === 'tmp') await rm(dir, { recursive: true, force: true });
      },
    };
  }
  return { db: await openDatabase({}), location: 'in memory', existing: false, reset: undefined, cleanup: async () => {} };
}

async function databaseVersion(db: Db): Promise<string> {
  const [row] = await db.query<{ version: string }>('SELECT version()');
  const version = row?.version ?? '?';
  if (db.kind !== 'pglite') return version;
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const pkg = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return `PGlite ${pkg.version} (${version})`;
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
    (SELECT count(*)::int FROM post_likes) AS "likes",
    (SELECT count(*)::int FROM questions) AS "questions",
    (SELECT count(*)::int FROM answers) AS "answers",
    (SELECT count(*)::int FROM answer_votes) AS "votes",
    (SELECT count(*)::int FROM questions WHERE state = 'answered') AS "accepted",
    (SELECT count(*)::int FROM person_skills) AS "skills",
    (SELECT count(*)::int FROM endorsements) AS "endorsements",
    (SELECT count(*)::int FROM people WHERE away) AS "away",
    (SELECT count(*)::int FROM expertise) AS "expertise"`);
  return row!;
}

/** Seeds, or with --reuse keeps what an earlier run left when it has exactly the asked counts. */
async function prepare(opened: Opened): Promise<{ ms: number; reused: boolean; settle: string[] }> {
  const { db } = opened;
  const start = performance.now();
  if (opened.existing && options.reuse) {
    const { applied } = await migrate(db);
    const c = await counts(db);
    // Newer migrations are applied to the kept data (so far they add indexes, not data); the
    // counts still have to match, and the output says which were applied.
    const same = c.topLevelPosts === options.posts && c.people === options.people && c.questions === options.questions;
    if (same) {
      if (applied.length > 0) await db.exec('ANALYZE');
      const note = applied.length > 0 ? `migrations ${applied.join(', ')} applied to the kept data, then ANALYZE` : 'no VACUUM (reused)';
      return { ms: performance.now() - start, reused: true, settle: [note] };
    }
    const why = `it has ${c.topLevelPosts} posts, ${c.people} people, ${c.questions} questions`;
    if (!opened.reset) throw new Error(`--reuse: ${opened.location} cannot be reused (${why}); give a fresh --pglite-dir`);
    process.stderr.write(`--reuse: ${opened.location} does not match (${why}); seeding again\n`);
  } else if (opened.existing && !opened.reset) {
    throw new Error(`--pglite-dir ${opened.location} is not empty: give a fresh folder (or "tmp"), or --reuse a kept one`);
  }
  await opened.reset?.();
  await migrate(db);
  const seedStart = performance.now();
  await seedDemo(db, {
    posts: options.posts,
    people: options.people,
    questions: options.questions,
    seed: options.seed,
    now: new Date(),
    onProgress: (done, total) => void send({ type: 'progress', done, total }),
  });
  const seedMs = performance.now() - seedStart;
  // seedDemo analyzes; a running deployment also has a visibility map (autovacuum), which a
  // fresh bulk load lacks. Measure the steady state.
  const vacuumStart = performance.now();
  await db.exec(`VACUUM ${TABLES.join(', ')}`);
  const settle = [`VACUUM in ${((performance.now() - vacuumStart) / 1000).toFixed(1)} s`];
  if (db.kind === 'postgres') {
    // Flush the bulk load's dirty pages now rather than in a checkpoint during the first route.
    try {
      await db.exec('CHECKPOINT');
      settle.push('CHECKPOINT');
    } catch (error) {
      settle.push(`no CHECKPOINT (${(error as Error).message})`);
    }
  }
  return { ms: seedMs, reused: false, settle };
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

// --- what each suite loads, and the repository calls behind it ---------------------------------

/** A route's repository work, run against a Queryable (which records the statements). */
interface QueryCase {
  name: string;
  run: (q: Queryable) => Promise<unknown>;
}

interface Subjects {
  /** Shown to the runner (route paths and descriptions). */
  shown: Record<string, string>;
  cases: QueryCase[];
}

async function tagId(db: Queryable, name: string): Promise<number | undefined> {
  return (await tagsRepo(db).resolve(name))?.id;
}

/** `name` when it exists (the seed's vocabulary), otherwise the most used tag of `table`. */
async function tagOr(db: Queryable, name: string, table: 'post_tags' | 'question_tags', skip: string[] = []): Promise<{ id: number; name: string }> {
  const id = await tagId(db, name);
  if (id !== undefined && !skip.includes(name)) return { id, name };
  const [row] = await db.query<{ id: number; name: string }>(
    `SELECT t.id, t.name FROM ${table} x JOIN tags t ON t.id = x.tag_id WHERE NOT (t.name = ANY($1::text[]))
     GROUP BY t.id, t.name ORDER BY count(*) DESC, t.name LIMIT 1`, [skip]);
  if (!row) throw new Error(`no tags in ${table}: seed more`);
  return row;
}

async function feedSubjects(db: Db, v: Viewer): Promise<Subjects> {
  const [community] = await db.query<{ id: number; slug: string; posts: number }>(
    `SELECT c.id, c.slug, count(*)::int AS posts FROM posts p JOIN communities c ON c.id = p.community_id
     WHERE p.parent_id IS NULL AND p.deleted_at IS NULL AND c.visibility = 'open' AND NOT (c.id = ANY($1::int[]))
     GROUP BY c.id, c.slug ORDER BY posts DESC, c.slug LIMIT 1`, [v.hidden]);
  const [tag] = await db.query<{ id: number; name: string; posts: number }>(
    `SELECT t.id, t.name, count(*)::int AS posts FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
     WHERE pt.top_level GROUP BY t.id, t.name ORDER BY posts DESC, t.name LIMIT 1`);
  if (!community) throw new Error('the seed created no posts in an open community');
  if (!tag) throw new Error('the seed created no tagged posts');
  // limit + 1: the service asks for one more row to know whether there is a next page.
  // hidden: null, as the route sends it (the statement works out the hidden communities itself).
  const base = { viewerId: v.id, hidden: null, limit: options.limit + 1 };
  return {
    shown: { community: community.slug, communityPosts: community.posts.toLocaleString('en-US'), tag: tag.name, tagPosts: tag.posts.toLocaleString('en-US') },
    cases: [
      { name: 'feed', run: (q) => postsRepo(q).feed(base) },
      { name: `community=${community.slug}`, run: (q) => postsRepo(q).feed({ ...base, communityId: community.id }) },
      { name: `tag=${tag.name}`, run: (q) => postsRepo(q).feed({ ...base, tagId: tag.id }) },
    ],
  };
}

/** The search terms of bench:tags: words the seed's posts use often, rarely, and a phrase. */
export const SEARCH = {
  common: 'office',
  rare: 'orthodontics',
  phrase: '"code freeze"',
  tagged: 'upgrade',
  tag: 'kubernetes',
} as const;

/**
 * What the search box (<hearth-search>) also asks in bench:tags: a word common in questions
 * (searched alone, answered first), a name prefix for people and a word for the communities
 * directory, as typed.
 */
export const FIND = {
  question: 'access',
  person: 'mar',
  community: 'work',
} as const;

function utcDay(date: Date, offsetDays: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + offsetDays));
  return d.toISOString().slice(0, 10);
}

async function tagsSubjects(db: Db, v: Viewer): Promise<Subjects> {
  const tag = await tagOr(db, SEARCH.tag, 'post_tags');
  const shown: Record<string, string> = { tag: tag.name };
  // How many visible posts each search matches, so "common" and "rare" are facts, not claims.
  for (const [key, term] of Object.entries(SEARCH)) {
    if (key === 'tag') continue;
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM posts p WHERE p.deleted_at IS NULL AND (p.community_id IS NULL OR NOT (p.community_id = ANY($2::int[])))
         AND p.search @@ websearch_to_tsquery('english', $1) ${key === 'tagged' ? 'AND p.id IN (SELECT post_id FROM post_tags WHERE tag_id = $3)' : ''}`,
      key === 'tagged' ? [term, v.hidden, tag.id] : [term, v.hidden]);
    shown[key] = term;
    shown[`${key}Matches`] = (row?.n ?? 0).toLocaleString('en-US');
  }
  // Visible questions with the question word, people the name prefix finds, communities the word finds.
  const [found] = await db.query<{ questions: number; people: number; communities: number }>(
    `SELECT (SELECT count(*)::int FROM questions q WHERE q.deleted_at IS NULL AND (q.community_id IS NULL OR NOT (q.community_id = ANY($2::int[])))
               AND q.search @@ websearch_to_tsquery('english', $1)) AS questions,
            (SELECT count(*)::int FROM people WHERE active AND (handle LIKE $3 || '%' OR lower(name) LIKE $3 || '%' OR lower(name) LIKE '% ' || $3 || '%')) AS people,
            (SELECT count(*)::int FROM communities WHERE state = 'active' AND (name ILIKE '%' || $4 || '%' OR purpose ILIKE '%' || $4 || '%')) AS communities`,
    [FIND.question, v.hidden, FIND.person, FIND.community]);
  Object.assign(shown, {
    question: FIND.question, questionMatches: (found?.questions ?? 0).toLocaleString('en-US'),
    person: FIND.person, personMatches: (found?.people ?? 0).toLocaleString('en-US'),
    community: FIND.community, communityMatches: (found?.communities ?? 0).toLocaleString('en-US'),
  });
  const today = new Date();
  const cloud = (days: number): QueryCase => ({
    name: `cloud days=${days}`,
    run: (q) => tagsRepo(q).cloudWindow(v.hidden, undefined, utcDay(today, -(days - 1)), utcDay(today, -(2 * days - 1)), 30),
  });
  // What searchService.search sends for a first page of `limit` (10 in the page body): each kind's
  // best limit+1 with its best candidates for the facets, in parallel over the pool (here in a row,
  // on one connection), then the facets counted over those candidates.
  const limit = 10;
  const search = (name: string, query: string, kind?: 'post' | 'question', tagFilter?: number): QueryCase => ({
    name,
    run: async (q) => {
      const filter = {
        viewerId: v.id, hidden: v.hidden, query, tagId: tagFilter, limit: limit + 1, offset: 0, answeredFirst: kind === 'question',
        top: FACET_MATCHES,
      };
      const posts = kind !== 'question' ? await postsRepo(q).search(filter) : [];
      const questions = kind !== 'post' ? await questionsRepo(q).search(filter) : [];
      await searchRepo(q).facets([...(posts[0]?.top ?? []), ...(questions[0]?.top ?? [])]);
    },
  });
  const since = utcDay(today, -29);
  return {
    shown,
    cases: [
      cloud(7), cloud(30), cloud(90),
      { name: 'cloud days=all', run: (q) => tagsRepo(q).cloudAllTime(v.hidden, undefined, 30) },
      search(`search ${SEARCH.common}`, SEARCH.common),
      search(`search ${SEARCH.rare}`, SEARCH.rare),
      search(`search ${SEARCH.phrase}`, SEARCH.phrase),
      search(`search ${SEARCH.tagged} tag=${tag.name}`, SEARCH.tagged, undefined, tag.id),
      search(`search posts ${SEARCH.common}`, SEARCH.common, 'post'),
      search(`search questions ${FIND.question}`, FIND.question, 'question'),
      { name: `people ${FIND.person}`, run: (q) => peopleRepo(q).search(FIND.person, 5) },
      {
        name: `communities ${FIND.community}`,
        // What communitiesService.directory sends: the directory, then what each card shows.
        run: async (q) => {
          const repo = communitiesRepo(q);
          const rows = await repo.directory(v.id, FIND.community, since, 5);
          const ids = rows.map((r) => r.id);
          await repo.membershipStates(ids, v.id);
          await repo.activity(ids, since);
          await repo.daily(ids, since, utcDay(today, 0));
          await repo.people(ids, 5);
          await repo.membershipStates(ids, v.id);
        },
      },
      { name: `tag suggest ${tag.name.slice(0, 3)}`, run: (q) => tagsRepo(q).suggest(v.hidden, tag.name.slice(0, 3), 5) },
    ],
  };
}

/** What bench:experts asks: experts for one and two tags, and the questions like a typed one. */
export const ASK = {
  tag: 'kubernetes',
  second: 'security',
  title: 'How do I get access to the staging cluster for our team?',
} as const;

async function expertsSubjects(db: Db, v: Viewer): Promise<Subjects> {
  const one = await tagOr(db, ASK.tag, 'question_tags');
  const two = await tagOr(db, ASK.second, 'question_tags', [one.name]);
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM question_tags WHERE tag_id = $1', [one.id]);
  const experts = (tags: number[]): QueryCase => ({
    name: `experts ${tags.length === 1 ? one.name : `${one.name},${two.name}`}`,
    // What expertsService.find sends: the top people, then the reasons for them.
    run: async (q) => {
      const repo = expertsRepo(q);
      const top = await repo.top(tags, v.hidden, null, undefined, 5);
      if (top.length > 0) await repo.reasons(top.map((t) => t.id), tags, v.hidden);
    },
  });
  return {
    shown: { tag: one.name, second: two.name, tagQuestions: (row?.n ?? 0).toLocaleString('en-US'), title: ASK.title },
    cases: [
      experts([one.id]),
      experts([one.id, two.id]),
      {
        name: `similar tags=${one.name}`,
        // What questionsService.similar sends: the ranked questions, then each accepted answer.
        run: async (q) => {
          const repo = questionsRepo(q);
          const rows = await repo.similar(v.id, v.hidden, `${ASK.title} `, [one.id], undefined, 5);
          for (const r of rows) if (r.accepted_answer_id !== null) await repo.answer(v.id, r.accepted_answer_id);
        },
      },
      {
        name: 'similar (no tags)',
        run: async (q) => {
          const repo = questionsRepo(q);
          const rows = await repo.similar(v.id, v.hidden, `${ASK.title} `, [], undefined, 5);
          for (const r of rows) if (r.accepted_answer_id !== null) await repo.answer(v.id, r.accepted_answer_id);
        },
      },
    ],
  };
}

async function subjects(db: Db, v: Viewer): Promise<Subjects> {
  if (options.suite === 'tags') return tagsSubjects(db, v);
  if (options.suite === 'experts') return expertsSubjects(db, v);
  return feedSubjects(db, v);
}

/** Passes every statement through to `db` and keeps it, to replay and explain it afterwards. */
function recorder(db: Queryable): Queryable & { statements: { sql: string; params: unknown[]; options?: QueryOptions | undefined }[] } {
  const statements: { sql: string; params: unknown[]; options?: QueryOptions | undefined }[] = [];
  return {
    statements,
    async query<T>(sql: string, params: readonly unknown[] = [], how?: QueryOptions) {
      statements.push({ sql, params: [...params], options: how });
      return db.query<T>(sql, params, how);
    },
    async exec() {
      throw new Error('a repository read is expected to send parameterized queries only');
    },
  };
}

async function queryReports(db: Db, cases: QueryCase[]): Promise<QueryReport[]> {
  const reports: QueryReport[] = [];
  for (const c of cases) {
    const rec = recorder(db);
    await c.run(rec);
    const plan: string[] = [];
    for (const [i, s] of rec.statements.entries()) {
      if (rec.statements.length > 1) plan.push(`-- statement ${i + 1} of ${rec.statements.length}`);
      const rows = await db.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
      plan.push(...rows.map((row) => String(Object.values(row)[0])));
    }
    // Each run sends the same statements in the same order, as the route does.
    const times: number[] = [];
    const deadline = performance.now() + options.queryBudget * 1000;
    while (times.length < options.queryRuns && (times.length < 20 || performance.now() < deadline)) {
      const start = performance.now();
      // Prepared where the repository prepares (the route's own way of sending it).
      for (const s of rec.statements) await db.query(s.sql, s.params, s.options);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    reports.push({
      name: c.name,
      statements: rec.statements.length,
      plan,
      runs: times.length,
      ms: { p50: percentile(times, 50), p95: percentile(times, 95), mean: times.reduce((a, b) => a + b, 0) / times.length },
    });
  }
  return reports;
}

/** Drops what the run created; set once the database is open, used on failure too. */
let release: (() => Promise<void>) | undefined;

async function main() {
  const opened = await openBenchDatabase();
  const { db, location } = opened;
  release = async () => {
    release = undefined;
    await opened.cleanup().catch(() => undefined);
    await db.close().catch(() => undefined);
  };
  const prepared = await prepare(opened);

  const secret = randomBytes(32).toString('base64url');
  const v = await viewer(db, secret);
  const subject = await subjects(db, v);

  // One person's load far beyond the per-person limits: measured without them.
  const config = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: secret, SERVE_DEMO: 'false', SEED: 'off', RATE_LIMITS: 'off' });
  const logger = options.log
    ? pino({ level: 'info', base: undefined, redact: ['req.headers.authorization', 'req.headers.cookie'] }, pino.destination({ dest: '/dev/null', sync: false }))
    : pino({ level: 'silent' });
  const app = await createApp({ config, db, logger });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });

  // The bare Express baseline: the same framework and process, nothing of Hearth's.
  const bare = express();
  bare.get('/hello', (_req, res) => {
    res.send('hello');
  });
  const bareServer: Server = bare.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    bareServer.once('listening', resolve);
    bareServer.once('error', reject);
  });

  const info: ServerInfo = {
    port: (server.address() as AddressInfo).port,
    barePort: (bareServer.address() as AddressInfo).port,
    database: { kind: db.kind, version: await databaseVersion(db), location },
    seed: { ms: prepared.ms, reused: prepared.reused, counts: await counts(db) },
    settle: prepared.settle.join(', '),
    viewer: { handle: v.handle, token: v.token, hiddenCommunities: v.hidden.length },
    subjects: subject.shown,
  };
  await send({ type: 'ready', info });

  process.on('message', (message: ToServer) => {
    void (async () => {
      if (message.type === 'usage') {
        const cpu = process.cpuUsage();
        await send({ type: 'usage', usage: { cpuMicros: cpu.user + cpu.system } });
      } else if (message.type === 'queries') {
        await send({ type: 'queries', reports: await queryReports(db, subject.cases) });
      } else if (message.type === 'close') {
        server.closeAllConnections();
        bareServer.closeAllConnections();
        await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise((resolve) => bareServer.close(resolve))]);
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
