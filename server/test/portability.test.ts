/**
 * Export and import of Hearth's own format (issue #15, docs/portability.md): a round trip from
 * the demo data to an empty database answers every demo person's API calls identically; a
 * second import changes nothing; a dry run writes nothing; a malformed row is reported with its
 * line and the rest imports; a folder in the wrong format is refused before any write.
 *
 * Runs on PGlite, or on PostgreSQL with HEARTH_TEST_DB=postgres and TEST_DATABASE_URL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { exportAll } from '../src/features/portability/export.ts';
import { FormatError, importAll } from '../src/features/portability/import.ts';
import { suggestTags } from '../src/features/portability/suggest.ts';
import { seedDemo } from '../src/seed/seed.ts';
import { sign, testDatabase, TEST_SECRET, type Person } from './helpers.ts';
import { tableCounts } from './table-counts.ts';

type TestDb = Db & { drop(): Promise<void> };


async function emptyDb(): Promise<TestDb> {
  const db = await testDatabase();
  await migrate(db);
  return db;
}

/** createApp on `db`, in the auth mode the tests use (tokens signed with TEST_SECRET). */
async function serve(db: Db) {
  const config = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: TEST_SECRET, SERVE_DEMO: 'false' });
  const app = await createApp({ config, db, logger: pino({ level: 'silent' }) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async get(path: string, token: string) {
      const res = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await (app.locals.shutdown as () => Promise<void>)();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

type Kind = 'person' | 'post' | 'question' | 'answer';
type IdMaps = Record<Kind, Map<number, number>>;

/**
 * The target database's ids as the source's: rows get new ids on import (the source's have gaps
 * where the seed skipped some, and an import into a used database cannot keep them), so the
 * target's answers are compared after each id is replaced by the id of the source row it was
 * imported from (import_map for posts, questions and answers, the handle for people). Which kind
 * an id is comes from where it sits: `id` of the endpoint's items, `author`/`person`/managers/
 * members objects, parentId, questionId, acceptedAnswerId, a recent item's `kind`, and the id
 * inside a paging cursor. Nothing else is touched: any other difference fails the test.
 */
async function idMaps(source: Db, target: Db): Promise<IdMaps> {
  const handles = new Map((await source.query<{ id: number; handle: string }>('SELECT id, handle FROM people')).map((r) => [r.handle, r.id]));
  const maps: IdMaps = { person: new Map(), post: new Map(), question: new Map(), answer: new Map() };
  for (const row of await target.query<{ id: number; handle: string }>('SELECT id, handle FROM people')) maps.person.set(row.id, handles.get(row.handle)!);
  for (const row of await target.query<{ entity: Kind; external_id: string; local_id: number }>(
    `SELECT entity, external_id, local_id FROM import_map WHERE entity IN ('post', 'question', 'answer')`)) {
    maps[row.entity].set(row.local_id, Number(row.external_id.split(':').at(-1)));
  }
  return maps;
}

const PERSON_KEYS = new Set(['author', 'person', 'managers', 'someMembers', 'members', 'decidedBy', 'actor']);
const ID_KEYS: Record<string, Kind> = { parentId: 'post', postId: 'post', questionId: 'question', acceptedAnswerId: 'answer', answerId: 'answer' };

function normalize(value: unknown, kind: Kind | undefined, maps: IdMaps): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, kind, maps));
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const own: Kind | undefined = typeof object.kind === 'string' && object.kind in maps ? (object.kind as Kind) : kind;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(object)) {
    const map = (k: Kind, id: unknown) => (typeof id === 'number' ? (maps[k].get(id) ?? `unmapped ${k} ${id}`) : id);
    if (key === 'id' && own) out[key] = map(own, v);
    else if (ID_KEYS[key]) out[key] = map(ID_KEYS[key]!, v);
    else if (PERSON_KEYS.has(key)) out[key] = normalize(v, 'person', maps);
    else if (key === 'answers') out[key] = normalize(v, 'answer', maps);
    else if (key === 'items') out[key] = normalize(v, own, maps);
    else if (key === 'nextCursor' && typeof v === 'string' && own) {
      const tuple = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as unknown[];
      out[key] = Buffer.from(JSON.stringify(tuple.map((x, i) => (i === tuple.length - 1 ? map(own, x) : x)))).toString('base64url');
    } else out[key] = normalize(v, undefined, maps);
  }
  return out;
}

/** The kind of the ids at the top of an endpoint's answer. */
function kindOf(path: string): Kind | undefined {
  if (path === '/me') return 'person';
  if (path.startsWith('/posts')) return 'post';
  if (path.startsWith('/questions')) return 'question';
  return undefined;
}

let source: TestDb;
let dir: string;
let exported: Awaited<ReturnType<typeof exportAll>>;

before(async () => {
  source = await emptyDb();
  await seedDemo(source, { posts: 400, people: 60, questions: 80, story: true });
  // What the seed does not make, so that every file has rows: follows, settings, a moderation decision.
  await source.exec(`
    INSERT INTO tag_follows (person_id, tag_id) SELECT p.id, t.id FROM people p, tags t WHERE p.handle = 'maria.lopez' ORDER BY t.id LIMIT 2;
    INSERT INTO person_follows (follower_id, person_id) SELECT a.id, b.id FROM people a, people b WHERE a.handle = 'maria.lopez' AND b.handle = 'sam.okafor';
    INSERT INTO community_follows (person_id, community_id) SELECT p.id, c.id FROM people p, communities c WHERE p.handle = 'maria.lopez' AND c.slug = 'engineering';
    INSERT INTO question_views (question_id, person_id, seen_at)
      SELECT q.id, q.author_id, q.created_at + interval '1 hour' FROM questions q WHERE q.answer_count > 1 ORDER BY q.id LIMIT 3
      ON CONFLICT DO NOTHING;
    INSERT INTO notification_settings (person_id, delivery) SELECT id, '{"mention": "page"}' FROM people WHERE handle = 'sam.okafor';
    UPDATE posts SET hidden_at = now(), hidden_reason = 'off topic' WHERE id = (SELECT max(id) FROM posts WHERE parent_id IS NOT NULL);
    INSERT INTO moderation_items (kind, target_id, community_id, status, report_count, decided_by, decided_at, decision_note)
      SELECT 'post', p.id, p.community_id, 'hidden', 1, (SELECT id FROM people WHERE 'admin' = ANY(roles) ORDER BY id LIMIT 1), now(), 'off topic'
        FROM posts p WHERE p.hidden_at IS NOT NULL;
  `);
  dir = await mkdtemp(join(tmpdir(), 'hearth-export-'));
  exported = await exportAll(source, { out: dir, batch: 97 });
});

after(async () => {
  await source?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('export', () => {
  test('writes every entity as JSON Lines with a manifest whose counts match the lines', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    assert.equal(manifest.format, 'hearth-export');
    assert.equal(manifest.version, 1);
    assert.ok(!Number.isNaN(Date.parse(manifest.exported_at)));
    const tables = await tableCounts(source);
    for (const [entity, table] of [['people', 'people'], ['posts', 'posts'], ['likes', 'post_likes'], ['answers', 'answers'],
      ['votes', 'answer_votes'], ['endorsements', 'endorsements'], ['moderation_decisions', 'moderation_items']] as const) {
      const lines = (await readFile(join(dir, `${entity}.jsonl`), 'utf8')).split('\n').filter(Boolean);
      assert.equal(lines.length, tables[table], entity);
      assert.equal(manifest.counts[entity], tables[table], entity);
    }
    for (const [entity, n] of Object.entries(manifest.counts)) assert.ok((n as number) > 0, `${entity} has rows`);
    const post = JSON.parse((await readFile(join(dir, 'posts.jsonl'), 'utf8')).split('\n')[0]!);
    assert.match(post.id, /^hearth:post:\d+$/);
    assert.equal(typeof post.author, 'string');
    assert.ok(!('author_id' in post), 'no local ids');
  });
});

describe('export --format as2', () => {
  test('writes ActivityStreams 2.0: Person and Group actors, Create of Note and Question, Like; the import refuses it', async () => {
    const out = await mkdtemp(join(tmpdir(), 'hearth-as2-'));
    try {
      const summary = await exportAll(source, { out, format: 'as2', batch: 101 });
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
      assert.equal(manifest.format, 'hearth-as2');
      const read = async (file: string) => (await readFile(join(out, file), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const actors = await read('actors.jsonl');
      const activities = await read('activities.jsonl');
      assert.equal(actors.length, summary.counts['actors.jsonl']);
      assert.equal(activities.length, summary.counts['activities.jsonl']);
      const tables = await tableCounts(source);
      assert.equal(actors.filter((a) => a.type === 'Person').length, tables.people);
      assert.equal(actors.filter((a) => a.type === 'Group').length, tables.communities);
      for (const item of [...actors, ...activities]) assert.equal(item['@context'], 'https://www.w3.org/ns/activitystreams');

      const [post] = await source.query<{ id: number; parent_id: number; handle: string; slug: string; published: Date; tags: string[] }>(
        `SELECT p.id, p.parent_id, a.handle, c.slug, p.created_at AS published,
                ARRAY(SELECT t.name FROM post_tags x JOIN tags t ON t.id = x.tag_id WHERE x.post_id = p.id ORDER BY t.name) AS tags
           FROM posts p JOIN people a ON a.id = p.author_id JOIN communities c ON c.id = p.community_id
          WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND EXISTS (SELECT 1 FROM post_tags x WHERE x.post_id = p.id)
          ORDER BY p.id LIMIT 1`);
      const note = activities.find((a) => a.object?.id === `hearth:post:${post!.id}`);
      assert.equal(note.type, 'Create');
      assert.equal(note.actor, `hearth:person:${post!.handle}`);
      assert.equal(note.object.type, 'Note');
      assert.equal(note.object.attributedTo, `hearth:person:${post!.handle}`);
      assert.equal(note.object.published, post!.published.toISOString());
      assert.equal(note.object.inReplyTo, post!.parent_id === null ? null : `hearth:post:${post!.parent_id}`);
      assert.equal(note.object.context, `hearth:community:${post!.slug}`);
      assert.deepEqual(note.object.tag, post!.tags.map((name) => ({ type: 'Hashtag', name: `#${name}` })));

      const [reply] = await source.query<{ id: number; parent_id: number }>(
        'SELECT id, parent_id FROM posts WHERE parent_id IS NOT NULL AND deleted_at IS NULL AND hidden_at IS NULL ORDER BY id LIMIT 1');
      assert.equal(activities.find((a) => a.object?.id === `hearth:post:${reply!.id}`).object.inReplyTo, `hearth:post:${reply!.parent_id}`);
      const questions = activities.filter((a) => a.object?.type === 'Question');
      const [{ n: visibleQuestions } = { n: 0 }] = await source.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM questions WHERE deleted_at IS NULL AND hidden_at IS NULL');
      assert.equal(questions.length, visibleQuestions);
      assert.ok(questions.every((q) => typeof q.object.name === 'string' && q.object.attributedTo.startsWith('hearth:person:')));
      const likes = activities.filter((a) => a.type === 'Like');
      assert.ok(likes.length > 0 && likes.every((l) => /^hearth:post:\d+$/.test(l.object) && l.actor.startsWith('hearth:person:')));
      // Hidden content is not published.
      const [hidden] = await source.query<{ id: number }>('SELECT id FROM posts WHERE hidden_at IS NOT NULL LIMIT 1');
      assert.ok(!activities.some((a) => a.object?.id === `hearth:post:${hidden!.id}`));

      await assert.rejects(importAll(source, { from: out }), (e: Error) => e instanceof FormatError && /found format "hearth-as2"/.test(e.message));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('import', () => {
  let target: TestDb;
  let first: Awaited<ReturnType<typeof importAll>>;
  /** Before the API calls below (reads count toward adoption and rate limits). */
  let afterImport: Record<string, number>;
  before(async () => {
    target = await emptyDb();
    first = await importAll(target, { from: dir, batch: 113 });
    afterImport = await tableCounts(target);
  });
  after(async () => target?.drop());

  test('creates every record, with nothing failed', () => {
    assert.equal(first.failed, 0, JSON.stringify(first.errors));
    assert.equal(first.formerEmployees, 0);
    for (const [entity, n] of Object.entries(exported.counts)) {
      const c = first.entities[entity]!;
      assert.equal(c.created + c.matched, n, entity);
    }
  });

  test('every demo person gets identical API answers from both databases', async () => {
    const a = await serve(source);
    const b = await serve(target);
    try {
      const everyone = await source.query<{ external_id: string; handle: string; name: string; roles: string[] }>(
        'SELECT external_id, handle, name, roles FROM people WHERE active ORDER BY id');
      assert.ok(everyone.length >= 60);
      const slugs = (await source.query<{ slug: string }>('SELECT slug FROM communities ORDER BY id')).map((r) => r.slug);
      const [topQuestion] = await source.query<{ id: number }>('SELECT id FROM questions WHERE answer_count > 1 ORDER BY id LIMIT 1');
      const [topPost] = await source.query<{ id: number }>('SELECT id FROM posts WHERE parent_id IS NULL AND reply_count > 1 ORDER BY id LIMIT 1');
      const [topTag] = await source.query<{ name: string }>('SELECT t.name FROM tag_totals x JOIN tags t ON t.id = x.tag_id ORDER BY x.posts DESC, t.name LIMIT 1');
      const maps = await idMaps(source, target);
      // A path naming a post or question by the source's id names it by the target's there.
      const back = (kind: Kind, id: string) => String([...maps[kind]].find(([, from]) => from === Number(id))?.[0] ?? `missing-${id}`);
      const local = (path: string) => path
        .replace(/^\/posts\/(\d+)/, (_, id: string) => `/posts/${back('post', id)}`)
        .replace(/^\/questions\/(\d+)/, (_, id: string) => `/questions/${back('question', id)}`);
      let compared = 0;
      let ok = 0;
      for (const [i, row] of everyone.entries()) {
        const person: Person = { sub: row.external_id, handle: row.handle, name: row.name, roles: row.roles };
        const token = await sign(person);
        const other = everyone[(i + 1) % everyone.length]!.handle;
        const paths = [
          '/me', '/posts', `/posts?community=${slugs[i % slugs.length]}`, `/people/${row.handle}`, `/people/${other}`,
          '/communities', `/communities/${slugs[i % slugs.length]}`, '/questions', '/tags', `/tags/${topTag!.name}`,
          `/questions/${topQuestion!.id}`, `/posts/${topPost!.id}/replies`, `/experts?tags=${topTag!.name}`, '/me/following',
        ];
        for (const path of paths) {
          const [x, y] = await Promise.all([a.get(path, token), b.get(local(path), token)]);
          if (x.status === 200) ok += 1;
          assert.deepEqual({ status: y.status, body: normalize(y.body, kindOf(path), maps) }, x, `${row.handle} GET ${path}`);
          compared += 1;
        }
      }
      assert.ok(compared >= 60 * 14);
      // Not only refusals compared: a restricted community's feed is 404 for non-members, on both sides.
      assert.ok(ok >= compared * 0.9, `${ok} of ${compared} answers were 200`);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('an interrupted import resumes where it stopped and ends as one run would', async () => {
    const db = await emptyDb();
    try {
      const stop = new Error('interrupted');
      await assert.rejects(importAll(db, {
        from: dir, batch: 50,
        onProgress: ({ entity, done }) => {
          if (entity === 'likes' && done >= 100) throw stop;
        },
      }), (e) => e === stop);
      const [{ n: partial } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM post_likes');
      assert.ok(partial >= 100 && partial < exported.counts.likes!, `${partial} likes after the interruption`);
      const resumed = await importAll(db, { from: dir, batch: 50 });
      assert.equal(resumed.entities.posts!.created, 0, 'posts were all in before the interruption');
      assert.equal(resumed.entities.likes!.created, exported.counts.likes! - partial);
      assert.ok(resumed.recounted.includes('posts.like_count'));
      const sums = (x: Db) => x.query(`SELECT (SELECT sum(like_count) FROM posts) AS likes, (SELECT sum(reply_count) FROM posts) AS replies,
        (SELECT sum(answer_count) FROM questions) AS answers, (SELECT count(*) FROM expertise) AS expertise`);
      assert.deepEqual(await sums(db), await sums(target));
      assert.deepEqual(await tableCounts(db), afterImport);
    } finally {
      await db.drop();
    }
  });

  test('a second import changes nothing and says 0 created', async () => {
    const counted = await tableCounts(target);
    const again = await importAll(target, { from: dir });
    assert.equal(again.created, 0);
    assert.equal(again.failed, 0);
    assert.equal(again.skipped + again.matched, first.created + first.matched);
    assert.deepEqual(await tableCounts(target), counted);
  });
});

describe('a dry run', () => {
  test('reports what it would create and writes nothing', async () => {
    const db = await emptyDb();
    try {
      const counted = await tableCounts(db);
      const summary = await importAll(db, { from: dir, dryRun: true });
      assert.equal(summary.dryRun, true);
      assert.equal(summary.entities.posts!.created, exported.counts.posts);
      assert.equal(summary.entities.people!.created, exported.counts.people);
      assert.deepEqual(await tableCounts(db), counted);
    } finally {
      await db.drop();
    }
  });
});

describe('tags suggest', () => {
  test('proposes used tags whose words the text contains (stemmed), most used first, leaving out its own #tags', async () => {
    const used = await source.query<{ name: string; posts: number }>(
      `SELECT t.name, sum(x.posts)::int AS posts FROM tag_totals x JOIN tags t ON t.id = x.tag_id
        WHERE t.merged_into IS NULL AND t.name ~ '^[a-z]+$' GROUP BY t.name HAVING sum(x.posts) > 0 ORDER BY 2 DESC, 1 LIMIT 2`);
    const [first, second] = used;
    const text = `Some thoughts on ${second!.name} and then ${first!.name}, and nothing about zebras.`;
    const suggested = await suggestTags(source, text, 10);
    assert.deepEqual(suggested.slice(0, 2).map((t) => t.name), [first!.name, second!.name]);
    assert.ok(suggested.every((t, i) => i === 0 || suggested[i - 1]!.posts >= t.posts), 'most used first');
    assert.ok(!(await suggestTags(source, `${text} #${first!.name}`, 10)).some((t) => t.name === first!.name), 'not a tag the text has');
    assert.deepEqual(await suggestTags(source, 'zebras and giraffes', 10), []);
  });
});

describe('bad input', () => {
  test('a malformed row is reported with its file, line and reason, and the rest imports', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'hearth-bad-'));
    const db = await emptyDb();
    try {
      await cp(dir, bad, { recursive: true });
      const posts = (await readFile(join(bad, 'posts.jsonl'), 'utf8')).split('\n').filter(Boolean);
      // Line 3: a top-level post without a body; line 5: not JSON.
      const third = JSON.parse(posts[2]!);
      assert.equal(third.in_reply_to, null);
      posts[2] = JSON.stringify({ ...third, body: '' });
      posts[4] = '{"id": "hearth:post:5", ';
      // Line 7: by someone nobody knows (a former employee); line 8: under another handle, with Maria's e-mail.
      const ghost = { ...JSON.parse(posts[6]!), author: 'ghost.writer', author_email: 'ghost.writer@old-company.example' };
      const alias = { ...JSON.parse(posts[7]!), author: 'm.lopez', author_email: 'MARIA.LOPEZ@example.com' };
      posts[6] = JSON.stringify(ghost);
      posts[7] = JSON.stringify(alias);
      await writeFile(join(bad, 'posts.jsonl'), `${posts.join('\n')}\n`);
      const errorsFile = join(bad, 'errors.jsonl');
      const summary = await importAll(db, { from: bad, errors: errorsFile });
      const errors = (await readFile(errorsFile, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
      assert.equal(errors.length, summary.failed);
      const body = errors.find((e) => e.line === 3);
      assert.deepEqual(body && { file: body.file, line: body.line }, { file: 'posts.jsonl', line: 3 });
      assert.match(body.reason, /body/);
      const json = errors.find((e) => e.line === 5 && e.file === 'posts.jsonl');
      assert.match(json?.reason ?? '', /not JSON/);
      // Nothing silently dropped: each post line was created or reported, and the rest went in.
      const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM posts');
      assert.equal(n, summary.entities.posts!.created);
      assert.equal(summary.entities.posts!.created + summary.entities.posts!.failed, posts.length);
      assert.ok(n >= posts.length - 20, `${n} of ${posts.length} posts imported`);
      assert.equal(summary.formerEmployees, 1);
      const [former] = await db.query<{ handle: string; active: boolean; deactivated: boolean; body: string }>(
        `SELECT a.handle, a.active, a.deactivated_at IS NOT NULL AS deactivated, p.body
           FROM people a JOIN posts p ON p.author_id = a.id WHERE a.email = 'ghost.writer@old-company.example'`);
      assert.deepEqual(former, { handle: 'ghost.writer', active: false, deactivated: true, body: ghost.body });
      const [byEmail] = await db.query<{ handle: string }>(
        'SELECT a.handle FROM posts p JOIN people a ON a.id = p.author_id WHERE p.body = $1 AND p.created_at = $2', [alias.body, alias.created_at]);
      assert.equal(byEmail?.handle, 'maria.lopez');
      assert.equal((await db.query("SELECT 1 FROM people WHERE handle = 'm.lopez'")).length, 0);
      // Replies, tags and likes of the rejected posts are rejected too, each naming the post it needs.
      const original = (await readFile(join(dir, 'posts.jsonl'), 'utf8')).split('\n').filter(Boolean);
      const rejected = new Set(errors.filter((e) => e.file === 'posts.jsonl').map((e) => JSON.parse(original[e.line - 1]!).id as string));
      for (const e of errors.filter((x) => x.file !== 'posts.jsonl' || ![3, 5].includes(x.line))) {
        const named = /hearth:post:\d+/.exec(e.reason)?.[0];
        assert.ok(named && rejected.has(named), JSON.stringify(e));
      }
    } finally {
      await db.drop();
      await rm(bad, { recursive: true, force: true });
    }
  });

  test('a folder in the wrong format is refused before any write, saying what was expected', async () => {
    const wrong = await mkdtemp(join(tmpdir(), 'hearth-wrong-'));
    const db = await emptyDb();
    try {
      const counted = await tableCounts(db);
      await assert.rejects(importAll(db, { from: wrong }), (e: Error) => e instanceof FormatError && /manifest\.json not found/.test(e.message) && /hearth-export/.test(e.message));
      await cp(join(dir, 'posts.jsonl'), join(wrong, 'posts.jsonl'));
      await writeFile(join(wrong, 'manifest.json'), JSON.stringify({ format: 'yammer', version: 3 }));
      await assert.rejects(importAll(db, { from: wrong }), (e: Error) => e instanceof FormatError && /found format "yammer" version 3/.test(e.message) && /expected/.test(e.message));
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
      await writeFile(join(wrong, 'manifest.json'), JSON.stringify(manifest));
      await assert.rejects(importAll(db, { from: wrong }), (e: Error) => e instanceof FormatError && /people\.jsonl is missing/.test(e.message));
      assert.deepEqual(await tableCounts(db), counted);
    } finally {
      await db.drop();
      await rm(wrong, { recursive: true, force: true });
    }
  });
});
