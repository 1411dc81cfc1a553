/**
 * `npm run eval:relevance`: how relevant similar questions, search and experts are on the demo
 * data, measured against what a colleague would expect (tests/eval/relevance.json, written from
 * the data's meaning, see docs/relevance.md).
 *
 * Seeds an in-memory PGlite with the demo (`seedDemo({ story: true })`, as `npm start` does, at
 * a fixed clock, SEED_NOW), starts the real app in process and calls its HTTP API as an ordinary
 * employee (the set's `viewer`), the way the widgets call it:
 *
 * - similar questions: GET /questions/similar?title=<query>&tags=<chips>, as ask-expert's form;
 * - experts for a question: GET /experts?tags=<chips>&exclude=<me>&limit=5, as its "People who
 *   know" panel (it asks only once the asker has chosen tags);
 * - experts by tag: GET /experts?tags=<tag>&limit=10, as its "Who knows about #tag?" view;
 * - search: GET /search?q=<words>&limit=10.
 *
 * Prints precision@3 and nDCG@5 per kind (per query with --verbose), and PASS/FAIL for the
 * targets (similar questions and experts precision@3 >= 0.8); exits 1 when a target fails.
 * --json prints the summary as JSON too (for the test that runs this script). --postgres runs on
 * the PostgreSQL of TEST_DATABASE_URL (or DATABASE_URL), in a schema of its own dropped after.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { createApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { openDatabase } from '../../server/src/db/index.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { seedDemo } from '../../server/src/seed/seed.ts';

/** 2: what a colleague would point to first; 1: related, worth showing. */
type Grades = Record<string, number>;

interface QuestionQuery {
  query: string;
  /** The chips an asker would add. */
  tags: string[];
  /** Title patterns (`*` any text, case-insensitive, anywhere in the title) -> grade. */
  similar: Grades;
  /** Handles -> grade. */
  experts: Grades;
  why: string;
}

interface TagQuery {
  tag: string;
  /** What someone would type in the search box for this topic. */
  search: string;
  experts: Grades;
  searchQuestions: Grades;
  /** Phrases of posts (their text contains it) -> grade. */
  searchPosts: Grades;
  why: string;
}

interface EvalSet {
  viewer: string;
  questions: QuestionQuery[];
  tags: TagQuery[];
}

export interface Score {
  p3: number;
  ndcg5: number;
}

export interface Summary {
  similar: Score & { n: number };
  search: Score & { n: number };
  experts: Score & { n: number };
  expertsByTag: Score & { n: number };
  expertsForQuestions: Score & { n: number };
  pass: boolean;
}

const TARGETS = { similar: 0.8, experts: 0.8 };
/**
 * The demo seed's clock: the seed is deterministic for a seed and a `now` (its wording and dates
 * follow from both), so a fixed one makes every run, before and after a change, rank the same
 * rows. In the past, so nothing is dated in the future of the server's now().
 */
const SEED_NOW = new Date('2026-06-01T09:00:00.000Z');
const SECRET = 'relevance-eval-secret-at-least-32-characters';

const args = new Set(process.argv.slice(2));
const verbose = args.has('--verbose');
const json = args.has('--json');
const postgres = args.has('--postgres');

function pattern(p: string): RegExp {
  const escaped = p.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(escaped, 'i');
}

/** The grade of a text against patterns: the highest that matches, 0 for none. */
function gradeOf(text: string, grades: Grades, match: (text: string, key: string) => boolean): number {
  let best = 0;
  for (const [key, g] of Object.entries(grades)) if (match(text, key)) best = Math.max(best, g);
  return best;
}

/**
 * precision@3 over what can be found: relevant results in the top 3 divided by min(3, how many
 * relevant items exist), so a topic with two matching questions can still score 1.
 * nDCG@5 with gains 2^grade - 1, the ideal ranking made of every relevant item there is.
 */
function score(got: number[], available: number[]): Score {
  const relevantThere = available.filter((g) => g > 0).length;
  const hits = got.slice(0, 3).filter((g) => g > 0).length;
  const p3 = relevantThere === 0 ? 0 : hits / Math.min(3, relevantThere);
  const dcg = (gs: number[]) => gs.slice(0, 5).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...available].sort((a, b) => b - a));
  return { p3, ndcg5: ideal === 0 ? 0 : dcg(got) / ideal };
}

const mean = (scores: Score[]) => ({
  p3: scores.reduce((s, x) => s + x.p3, 0) / Math.max(1, scores.length),
  ndcg5: scores.reduce((s, x) => s + x.ndcg5, 0) / Math.max(1, scores.length),
  n: scores.length,
});

async function main(): Promise<Summary> {
  const set = JSON.parse(readFileSync(new URL('./relevance.json', import.meta.url), 'utf8')) as EvalSet;
  const started = performance.now();
  const databaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (postgres && !databaseUrl) throw new Error('--postgres needs TEST_DATABASE_URL or DATABASE_URL');
  const schema = postgres ? `eval_${randomBytes(6).toString('hex')}` : undefined;
  const db = postgres ? await openDatabase({ databaseUrl, schema }) : await openDatabase({});
  await migrate(db);
  await seedDemo(db, { story: true, now: SEED_NOW });
  const config = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: SECRET, SERVE_DEMO: 'false', RATE_LIMITS: 'off' });
  const app = await createApp({ config, db, logger: pino({ level: 'silent' }) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

  try {
    const [viewer] = await db.query<{ id: number; external_id: string; name: string; roles: string[] }>(
      'SELECT id, external_id, name, roles FROM people WHERE handle = $1', [set.viewer]);
    if (!viewer) throw new Error(`no person @${set.viewer} in the demo data`);
    const token = await new SignJWT({ name: viewer.name, email: `${set.viewer}@example.com`, roles: viewer.roles })
      .setProtectedHeader({ alg: 'HS256' }).setSubject(viewer.external_id).setIssuedAt().setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    const get = async <T>(path: string, query: Record<string, string | number | undefined>): Promise<T> => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
      const res = await fetch(`${base}/${path}?${params}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${path}?${params}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };

    // What the viewer could be shown at all: the ideal rankings are made of these.
    const findable = await db.query<{ title: string }>(
      `SELECT q.title FROM questions q LEFT JOIN communities c ON c.id = q.community_id
       WHERE q.deleted_at IS NULL AND q.hidden_at IS NULL
         AND (c.id IS NULL OR c.visibility = 'open' OR EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.person_id = $1))`,
      [viewer.id]);
    const posts = await db.query<{ body: string }>(
      `SELECT p.body FROM posts p LEFT JOIN communities c ON c.id = p.community_id
       WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL
         AND (c.id IS NULL OR c.visibility = 'open' OR EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.person_id = $1))`,
      [viewer.id]);
    const away = new Set((await db.query<{ handle: string }>('SELECT handle FROM people WHERE away')).map((r) => r.handle));
    const titleMatch = (title: string, key: string) => pattern(key).test(title);
    const postMatch = (body: string, key: string) => body.toLowerCase().includes(key.toLowerCase());
    const availableExperts = (grades: Grades, exclude?: string) =>
      Object.entries(grades).filter(([h]) => !away.has(h) && h !== exclude).map(([, g]) => g);

    const lines: string[] = [];
    const show = (kind: string, label: string, s: Score, got: string[]) => {
      if (verbose) lines.push(`  ${kind.padEnd(8)} P@3 ${s.p3.toFixed(2)}  nDCG@5 ${s.ndcg5.toFixed(2)}  ${label}\n${got.map((g) => `             ${g}`).join('\n')}`);
    };

    const similar: Score[] = [];
    const expertsQ: Score[] = [];
    for (const q of set.questions) {
      const found = await get<{ items: { question: { title: string } }[] }>('questions/similar', {
        title: q.query, tags: q.tags.join(','), limit: 5,
      });
      const grades = found.items.map((i) => gradeOf(i.question.title, q.similar, titleMatch));
      const s = score(grades, findable.map((f) => gradeOf(f.title, q.similar, titleMatch)));
      similar.push(s);
      show('similar', q.query, s, found.items.map((i, n) => `${grades[n]} ${i.question.title}`));
      const people = await get<{ items: { person: { handle: string }; summary: string }[] }>('experts', {
        tags: q.tags.join(','), exclude: set.viewer, limit: 5,
      });
      const eg = people.items.map((i) => q.experts[i.person.handle] ?? 0);
      const es = score(eg, availableExperts(q.experts, set.viewer));
      expertsQ.push(es);
      show('experts', `${q.query} [${q.tags.map((t) => `#${t}`).join(' ')}]`, es,
        people.items.map((i, n) => `${eg[n]} @${i.person.handle}: ${i.summary}`));
    }

    const search: Score[] = [];
    const expertsT: Score[] = [];
    for (const t of set.tags) {
      if (Object.keys(t.experts).length > 0) {
        const people = await get<{ items: { person: { handle: string }; summary: string }[] }>('experts', { tags: t.tag, limit: 10 });
        const eg = people.items.map((i) => t.experts[i.person.handle] ?? 0);
        const es = score(eg, availableExperts(t.experts));
        expertsT.push(es);
        show('experts', `#${t.tag}`, es, people.items.slice(0, 5).map((i, n) => `${eg[n]} @${i.person.handle}: ${i.summary}`));
      }
      const hits = await get<{ items: ({ kind: 'post'; post: { body: string } } | { kind: 'question'; question: { title: string } })[] }>(
        'search', { q: t.search, limit: 10 });
      const sg = hits.items.map((h) => h.kind === 'question'
        ? gradeOf(h.question.title, t.searchQuestions, titleMatch)
        : gradeOf(h.post.body, t.searchPosts, postMatch));
      const available = [
        ...findable.map((f) => gradeOf(f.title, t.searchQuestions, titleMatch)),
        ...posts.map((p) => gradeOf(p.body, t.searchPosts, postMatch)),
      ];
      const ss = score(sg, available);
      search.push(ss);
      show('search', `"${t.search}"`, ss, hits.items.slice(0, 5).map((h, n) =>
        `${sg[n]} ${h.kind === 'question' ? `Q ${h.question.title}` : `P ${h.post.body.slice(0, 90).replace(/\s+/g, ' ')}`}`));
    }

    const summary: Summary = {
      similar: mean(similar),
      search: mean(search),
      experts: mean([...expertsQ, ...expertsT]),
      expertsByTag: mean(expertsT),
      expertsForQuestions: mean(expertsQ),
      pass: false,
    };
    summary.pass = summary.similar.p3 >= TARGETS.similar && summary.experts.p3 >= TARGETS.experts;

    if (verbose) console.log(lines.join('\n'));
    const row = (name: string, s: Score & { n: number }) =>
      `${name.padEnd(26)} ${String(s.n).padStart(3)} queries   precision@3 ${s.p3.toFixed(3)}   nDCG@5 ${s.ndcg5.toFixed(3)}`;
    console.log(`Relevance on the demo data (${postgres ? 'PostgreSQL' : 'PGlite'}) as @${set.viewer} (${set.questions.length} question queries, ${set.tags.length} tag queries; ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.log(row('similar questions', summary.similar));
    console.log(row('search', summary.search));
    console.log(row('experts (all)', summary.experts));
    console.log(row('  for typed questions', summary.expertsForQuestions));
    console.log(row('  by tag', summary.expertsByTag));
    console.log(`${summary.similar.p3 >= TARGETS.similar ? 'PASS' : 'FAIL'} similar questions precision@3 ${summary.similar.p3.toFixed(3)} >= ${TARGETS.similar}`);
    console.log(`${summary.experts.p3 >= TARGETS.experts ? 'PASS' : 'FAIL'} experts precision@3 ${summary.experts.p3.toFixed(3)} >= ${TARGETS.experts}`);
    if (json) console.log(JSON.stringify(summary));
    return summary;
  } finally {
    await (app.locals.shutdown as () => Promise<void>)();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    if (schema) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
    await db.close();
  }
}

const summary = await main();
process.exitCode = summary.pass ? 0 : 1;
