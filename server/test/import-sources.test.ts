/**
 * Import from other tools (issue #15, docs/portability.md): the Viva Engage / Yammer network data
 * export (fixtures/viva, written from the export's documented columns) and Hearth's CSV layout
 * (fixtures/csv). Threads, topics as tags, private groups restricted, unknown and deleted authors
 * as former employees, deleted messages and private conversations reported as skipped, malformed
 * rows reported with their line, a second run changes nothing, a dry run writes nothing, unknown
 * communities and authors handled as the options say, --suggest-tags, an interrupted run resumes,
 * a file in the wrong format is refused before any write; and the adoption figures after an
 * import equal a recount from the raw rows.
 *
 * Runs on PGlite, or on PostgreSQL with HEARTH_TEST_DB=postgres and TEST_DATABASE_URL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir, copyFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { Adoption } from '@hearth/contracts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { exportAll } from '../src/features/portability/export.ts';
import { FormatError, importAll } from '../src/features/portability/import.ts';
import { readCommunityMap } from '../src/features/portability/sources.ts';
import { sign, testDatabase, TEST_SECRET } from './helpers.ts';
import { tableCounts } from './table-counts.ts';
import { assertMatches, INACTIVE_DAYS, recount } from './adoption-recount.ts';

type TestDb = Db & { drop(): Promise<void> };

const VIVA = fileURLToPath(new URL('./fixtures/viva', import.meta.url));
const CSV = fileURLToPath(new URL('./fixtures/csv/messages.csv', import.meta.url));


/** An empty database with one person already here (matched by e-mail by both fixtures) and an admin. */
async function freshDb(): Promise<TestDb> {
  const db = await testDatabase();
  await migrate(db);
  await db.query(`INSERT INTO people (external_id, handle, name, email, roles) VALUES
    ('test:maria', 'maria.lopez', 'Maria López', 'maria.lopez@example.com', '{employee}'),
    ('test:carol', 'carol', 'Carol Chen', 'carol@example.com', '{employee,admin}')`);
  return db;
}

/** Local post id of a source message, through import_map. */
async function postOf(db: Db, source: string, id: string): Promise<{ id: number; parent_id: number | null; body: string; created_at: Date;
  source_url: string | null; slug: string | null; author: string; tags: string[]; like_count: number; extra_tags: string[] }> {
  const [row] = await db.query<any>(
    `SELECT p.id, p.parent_id, p.body, p.created_at, p.source_url, c.slug, a.handle AS author, p.like_count, p.extra_tags,
            COALESCE((SELECT array_agg(t.name ORDER BY t.name) FROM post_tags x JOIN tags t ON t.id = x.tag_id WHERE x.post_id = p.id), '{}') AS tags
       FROM import_map m JOIN posts p ON p.id = m.local_id JOIN people a ON a.id = p.author_id LEFT JOIN communities c ON c.id = p.community_id
      WHERE m.source = $1 AND m.entity = 'post' AND m.external_id = $2`, [source, id]);
  assert.ok(row, `message ${id} was imported`);
  return row;
}

/**
 * What the triggers keep from the posts and their tags (and the tags themselves), row by row: --bulk must end with
 * exactly what a plain import writes. Ids agree between two fresh databases given the same rows in the same order.
 */
async function keptRows(db: Db): Promise<Record<string, string[]>> {
  const tables = ['post_tags', 'tag_daily', 'tag_totals', 'tag_authors', 'tag_pairs', 'adoption_days', 'community_activity', 'community_days',
    'community_people_last', 'post_likes', 'import_deferred'];
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    out[table] = (await db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t`)).map((r) => r.row).sort();
  }
  out.communities = (await db.query<{ row: string }>(`SELECT jsonb_build_object('id', id, 'last', last_activity_at)::text AS row FROM communities`))
    .map((r) => r.row).sort();
  out.posts = (await db.query<{ row: string }>(
    `SELECT (to_jsonb(p) - 'search' - 'idempotency_key')::text AS row FROM posts p`)).map((r) => r.row).sort();
  return out;
}

const tmpDirs: string[] = [];
async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-import-'));
  tmpDirs.push(dir);
  return dir;
}
after(async () => {
  for (const dir of tmpDirs) await rm(dir, { recursive: true, force: true });
});

describe('import of a Viva Engage / Yammer network data export', () => {
  let db: TestDb;
  let first: Awaited<ReturnType<typeof importAll>>;
  let errorsFile: string;
  before(async () => {
    db = await freshDb();
    errorsFile = join(await tmp(), 'errors.jsonl');
    first = await importAll(db, { from: VIVA, errors: errorsFile, batch: 7 });
  });
  after(async () => {
    await db.drop();
  });

  test('is detected from its files and imports users, groups, topics and messages with their counts', () => {
    assert.equal(first.source, 'viva');
    assert.deepEqual(first.entities.people, { created: 10, matched: 1, skipped: 0, failed: 0 }, 'maria.lopez is matched by e-mail');
    assert.deepEqual(first.entities.communities, { created: 3, matched: 0, skipped: 0, failed: 0 });
    assert.deepEqual(first.entities.tags, { created: 4, matched: 0, skipped: 0, failed: 0 });
    // 31 message rows: 27 imported, a deleted one and a private conversation skipped, a malformed row and a bad date rejected.
    assert.deepEqual(first.entities.posts, { created: 27, matched: 0, skipped: 2, failed: 2 });
    assert.equal(first.formerEmployees, 2);
  });

  test('threads: replies hang off the thread starter, a reply to a reply too; original dates and the source link are kept', async () => {
    const starter = await postOf(db, 'viva', '5001');
    assert.equal(starter.parent_id, null);
    assert.equal(starter.created_at.toISOString(), '2021-03-01T09:15:00.000Z');
    assert.equal(starter.source_url, 'https://www.yammer.com/api/v1/messages/5001');
    assert.equal(starter.author, 'kenji.watanabe');
    for (const reply of ['5002', '5003', '5004']) assert.equal((await postOf(db, 'viva', reply)).parent_id, starter.id, reply);
    const [{ reply_count } = { reply_count: 0 }] = await db.query<{ reply_count: number }>('SELECT reply_count FROM posts WHERE id = $1', [starter.id]);
    assert.equal(reply_count, 3);
    // [[user:1006]] became the person's name: no Yammer markup left.
    assert.match((await postOf(db, 'viva', '5003')).body, /^Same command as before, Lars Eriksson\./);
  });

  test('topics become normalized tags, on the messages that reference them', async () => {
    const tags = (await db.query<{ name: string }>('SELECT name FROM tags ORDER BY name')).map((t) => t.name);
    for (const t of ['kubernetes', 'release-notes', 'incident-review', 'onboarding']) assert.ok(tags.includes(t), t);
    assert.deepEqual((await postOf(db, 'viva', '5001')).tags, ['kubernetes']);
    assert.deepEqual((await postOf(db, 'viva', '5005')).tags, ['release', 'release-notes']);
    assert.match((await postOf(db, 'viva', '5005')).body, /^Draft #release-notes for 21\.3/);
  });

  test('groups become communities: the private one restricted, its posters members; company-wide messages in no community', async () => {
    const rows = await db.query<{ slug: string; visibility: string; join_policy: string; members: number }>(
      `SELECT slug, visibility, join_policy, (SELECT count(*)::int FROM memberships m WHERE m.community_id = c.id) AS members FROM communities c ORDER BY slug`);
    assert.deepEqual(rows, [
      { slug: 'platform-engineering', visibility: 'open', join_policy: 'open', members: 5 },
      { slug: 'release-train', visibility: 'open', join_policy: 'open', members: 6 },
      { slug: 'security-incidents', visibility: 'restricted', join_policy: 'request', members: 2 },
    ]);
    assert.equal((await postOf(db, 'viva', '5009')).slug, 'security-incidents');
    assert.equal((await postOf(db, 'viva', '5012')).slug, null);
  });

  test('a sender missing from Users.csv and a deleted user are former employees; their messages keep their names', async () => {
    const people = await db.query<{ handle: string; name: string; active: boolean; deactivated_at: Date | null; external_id: string }>(
      `SELECT handle, name, active, deactivated_at, external_id FROM people WHERE handle IN ('henrik.olsen', 'greta.vogel', 'kenji.watanabe') ORDER BY handle`);
    assert.deepEqual(people.map((p) => [p.handle, p.name, p.active]), [
      ['greta.vogel', 'Greta Vogel', false], ['henrik.olsen', 'Henrik Olsen', false], ['kenji.watanabe', 'Kenji Watanabe', true]]);
    assert.equal(people[0]!.deactivated_at?.toISOString(), '2021-06-30T17:00:00.000Z');
    assert.ok(people[1]!.deactivated_at, 'the unknown sender is deactivated');
    assert.match(people[1]!.external_id, /^import:viva:/, 'they cannot sign in');
    assert.equal((await postOf(db, 'viva', '5017')).author, 'henrik.olsen');
    assert.equal((await postOf(db, 'viva', '5015')).author, 'greta.vogel');
    const [maria] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE lower(email) = 'maria.lopez@example.com'`);
    assert.equal(maria!.n, 1, 'the known e-mail is matched, not duplicated');
  });

  test('the deleted message and the private conversation are reported as skipped; the malformed rows with their lines', async () => {
    assert.deepEqual(first.skippedRows.map((r) => [r.file, r.line]), [['Messages.csv', 21], ['Messages.csv', 22]]);
    assert.match(first.skippedRows[0]!.reason, /5019 was deleted/);
    assert.match(first.skippedRows[1]!.reason, /private conversation/);
    assert.deepEqual(first.errors.map((e) => [e.file, e.line]), [['Messages.csv', 16], ['Messages.csv', 29]]);
    assert.match(first.errors[0]!.reason, /malformed CSV record/);
    assert.match(first.errors[1]!.reason, /created_at: not a date/);
    const [none] = await db.query(`SELECT 1 FROM import_map WHERE source = 'viva' AND external_id IN ('5019', '5020', '5030', '5031')`);
    assert.equal(none, undefined);
    const file = (await readFile(errorsFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(file.length, 4);
    assert.equal(file.filter((r) => r.skipped === true).length, 2);
  });

  test('a second run changes nothing', async () => {
    const counted = await tableCounts(db);
    const again = await importAll(db, { from: VIVA });
    assert.equal(again.created, 0);
    assert.equal(again.recounted.length, 0);
    assert.deepEqual(await tableCounts(db), counted);
  });

  test('posts keep the source link in Hearth\'s own export', async () => {
    const out = await tmp();
    await exportAll(db, { out });
    const posts = (await readFile(join(out, 'posts.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(posts.some((p) => p.source_url === 'https://www.yammer.com/api/v1/messages/5001'));
  });

  test('a group the export does not list: rejected unless mapped or created as the options say', async () => {
    const dir = await tmp();
    for (const f of ['Users.csv', 'Groups.csv', 'Topics.csv']) await copyFile(join(VIVA, f), join(dir, f));
    const header = (await readFile(join(VIVA, 'Messages.csv'), 'utf8')).split('\r\n')[0];
    await writeFile(join(dir, 'Messages.csv'), `${header}\r\n` +
      '7001,,7001,7001,299,Old Archive,,false,false,1002,user,Kenji Watanabe,kenji.watanabe@northwind.example,From a group Groups.csv lacks,https://www.yammer.com/api/v1/messages/7001,,,,2021-04-01 09:00:00 UTC,\r\n');
    const db2 = await freshDb();
    try {
      const refused = await importAll(db2, { from: dir });
      assert.deepEqual(refused.errors.map((e) => [e.file, e.line]), [['Messages.csv', 2], ['Messages.csv', 2]]);
      assert.match(refused.errors[0]!.reason, /group 299 \(Old Archive\) is not in Groups\.csv: map it with --community-map or create it with --create-communities/);
      assert.match(refused.errors[1]!.reason, /unknown community/);
      await db2.query(`INSERT INTO communities (slug, name, purpose) VALUES ('archive', 'Archive', 'Old things')`);
      const mapped = await importAll(db2, { from: dir, communityMap: { 'Old Archive': 'archive' } });
      assert.equal(mapped.failed, 0);
      assert.equal((await postOf(db2, 'viva', '7001')).slug, 'archive');
    } finally {
      await db2.drop();
    }
  });
});

describe('import of the CSV layout', () => {
  test('a dry run reports what a real run does and writes nothing', async () => {
    const db = await freshDb();
    try {
      const counted = await tableCounts(db);
      const dry = await importAll(db, { from: CSV, dryRun: true, createCommunities: true });
      assert.deepEqual(await tableCounts(db), counted);
      const real = await importAll(db, { from: CSV, createCommunities: true });
      assert.equal(dry.dryRun, true);
      assert.deepEqual(dry.entities, real.entities);
      assert.ok(real.created > 0);
    } finally {
      await db.drop();
    }
  });

  test('threads, tags, likes, dates and links; bad rows reported with their lines; a second run changes nothing', async () => {
    const db = await freshDb();
    try {
      const summary = await importAll(db, { from: CSV, createCommunities: true, batch: 2 });
      assert.equal(summary.source, 'csv:messages.csv');
      assert.deepEqual(summary.entities.posts, { created: 7, matched: 0, skipped: 0, failed: 4 });
      assert.deepEqual(summary.entities.likes, { created: 4, matched: 0, skipped: 0, failed: 0 });
      assert.deepEqual(summary.errors.map((e) => [e.line, e.reason.replace(/:.*/, '')]), [
        [9, 'malformed CSV record'], [10, 'created_at'], [11, 'tags'], [12, 'in_reply_to missing is not an imported post']]);
      const m1 = await postOf(db, 'csv:messages.csv', 'm1');
      assert.deepEqual(m1.tags, ['kubernetes', 'platform'], 'the text\'s #tags and the tags column, normalized');
      assert.deepEqual(m1.extra_tags, ['platform']);
      assert.equal(m1.like_count, 2);
      assert.equal(m1.source_url, 'https://wiki.example.com/old/m1');
      assert.equal(m1.slug, 'platform-engineering');
      assert.equal((await postOf(db, 'csv:messages.csv', 'm3')).parent_id, m1.id, 'a reply to a reply hangs off the thread');
      const m4 = await postOf(db, 'csv:messages.csv', 'm4');
      assert.equal(m4.created_at.toISOString(), '2022-05-03T09:00:00.000Z');
      assert.deepEqual(m4.tags, ['planning', 'release_notes']);
      assert.equal((await postOf(db, 'csv:messages.csv', 'm5')).author, 'maria.lopez', 'matched by e-mail');
      assert.match((await postOf(db, 'csv:messages.csv', 'm6')).body, /"onboarding" starts Monday,\nsee you there\./);
      const [kenji] = await db.query<{ active: boolean; name: string }>(`SELECT active, name FROM people WHERE email = 'kenji.watanabe@northwind.example'`);
      assert.deepEqual(kenji, { active: false, name: 'Kenji Watanabe' }, 'an author nobody knows is a former employee');
      const counted = await tableCounts(db);
      const again = await importAll(db, { from: CSV, createCommunities: true });
      assert.equal(again.created, 0);
      assert.deepEqual(await tableCounts(db), counted);
    } finally {
      await db.drop();
    }
  });

  test('an unknown community is rejected with the way out, or mapped; an unknown author rejected with --unknown-authors reject', async () => {
    const db = await freshDb();
    try {
      const plain = await importAll(db, { from: CSV, source: 'plain' });
      const unknown = plain.errors.filter((e) => /unknown community/.test(e.reason));
      assert.deepEqual(unknown.map((e) => e.line), [2, 5, 13]);
      assert.match(unknown[0]!.reason, /unknown community "Platform Engineering" \(map it with --community-map or create it with --create-communities\)/);
      assert.equal((await db.query('SELECT 1 FROM communities')).length, 0, 'nothing guessed, nothing created');

      await db.query(`INSERT INTO communities (slug, name, purpose) VALUES ('platform', 'Platform', 'Builds'), ('releases', 'Releases', 'Notes'), ('finance', 'Finance', 'Numbers')`);
      const mapFile = join(await tmp(), 'map.csv');
      await writeFile(mapFile, 'source,community\nPlatform Engineering,platform\nRelease Train,releases\nFinance Guild,finance\n');
      const mapped = await importAll(db, { from: CSV, source: 'mapped', communityMap: await readCommunityMap(mapFile) });
      assert.equal(mapped.entities.communities!.matched, 3);
      assert.equal((await postOf(db, 'mapped', 'm1')).slug, 'platform');

    } finally {
      await db.drop();
    }
    const empty = await freshDb();
    try {
      const strict = await importAll(empty, { from: CSV, createCommunities: true, unknownAuthors: 'reject' });
      assert.equal(strict.formerEmployees, 0);
      assert.ok(strict.errors.some((e) => e.line === 2 && /unknown author kenji\.watanabe@northwind\.example \(not created: --unknown-authors reject\)/.test(e.reason)));
      assert.deepEqual((await empty.query<{ handle: string }>('SELECT handle FROM people ORDER BY handle')).map((p) => p.handle), ['carol', 'maria.lopez']);
    } finally {
      await empty.drop();
    }
  });

  test('--suggest-tags proposes tags from the existing vocabulary: reported, or applied', async () => {
    const db = await freshDb();
    try {
      await importAll(db, { from: CSV, createCommunities: true });
      const dir = await tmp();
      const file = join(dir, 'more.csv');
      await writeFile(file, 'external_id,author_email,created_at,body\n' +
        'n1,maria.lopez@example.com,2022-06-01T09:00:00Z,The kubernetes dashboards for customers are live\n' +
        'n2,maria.lopez@example.com,2022-06-02T09:00:00Z,Nothing the vocabulary knows here\n');
      const reported = await importAll(db, { from: file, source: 'reported', suggestTags: 'report' });
      assert.deepEqual(reported.suggestions, [{ file: 'more.csv', line: 2, post: 'n1', tags: ['kubernetes'] }]);
      assert.equal(reported.suggested, 1);
      assert.deepEqual((await postOf(db, 'reported', 'n1')).tags, [], 'reported only');
      const applied = await importAll(db, { from: file, source: 'applied', suggestTags: 'apply' });
      assert.equal(applied.suggested, 1);
      const n1 = await postOf(db, 'applied', 'n1');
      assert.deepEqual(n1.tags, ['kubernetes']);
      assert.deepEqual(n1.extra_tags, ['kubernetes']);
    } finally {
      await db.drop();
    }
  });

  test('an interrupted import resumes where it stopped and ends as one run would', async () => {
    const db = await freshDb();
    const whole = await freshDb();
    try {
      const stop = new Error('interrupted');
      await assert.rejects(importAll(db, {
        from: VIVA, batch: 4,
        onProgress: ({ entity, done }) => {
          if (entity === 'posts (replies)' && done >= 8) throw stop;
        },
      }), (e) => e === stop);
      const [{ n: partial } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM posts');
      assert.ok(partial > 9 && partial < 27, `${partial} posts after the interruption`);
      const resumed = await importAll(db, { from: VIVA, batch: 4 });
      assert.equal(resumed.entities.posts!.created, 27 - partial);
      assert.ok(resumed.recounted.includes('posts.reply_count'));
      await importAll(whole, { from: VIVA });
      const sums = (x: Db) => x.query(`SELECT (SELECT sum(reply_count)::int FROM posts) AS replies, (SELECT count(*)::int FROM post_tags) AS tags,
        (SELECT count(*)::int FROM memberships) AS members`);
      assert.deepEqual(await sums(db), await sums(whole));
      assert.deepEqual(await tableCounts(db), await tableCounts(whole));
    } finally {
      await db.drop();
      await whole.drop();
    }
  });
});

describe('--bulk', () => {
  test('ends with the same posts, tags and counts as a plain import (CSV and Viva; applied in the background too); a second run changes nothing', async () => {
    for (const from of [CSV, VIVA]) {
      const plain = await freshDb();
      const bulk = await freshDb();
      const background = await freshDb();
      try {
        const a = await importAll(plain, { from, createCommunities: true, batch: 3 });
        const b = await importAll(bulk, { from, createCommunities: true, batch: 3, bulk: true });
        // Applied every 2 posts on a second connection while the next batches go in.
        const c = await importAll(background, { from, createCommunities: true, batch: 3, bulk: true, applyEvery: 2 });
        assert.deepEqual(b.entities, a.entities);
        assert.deepEqual(c.entities, a.entities);
        assert.ok(b.recounted.includes('post_tags (--bulk)'));
        const expected = await keptRows(plain);
        assert.ok(expected.post_tags!.length > 0 && expected.adoption_days!.length > 0 && expected.community_activity!.length > 0);
        assert.deepEqual(await keptRows(bulk), expected);
        assert.deepEqual(await keptRows(background), expected);
        assert.deepEqual(await tableCounts(bulk), await tableCounts(plain));
        const again = await importAll(bulk, { from, createCommunities: true, bulk: true });
        assert.equal(again.created, 0);
        assert.deepEqual(again.recounted, []);
        assert.deepEqual(await keptRows(bulk), expected);
      } finally {
        await plain.drop();
        await bulk.drop();
        await background.drop();
      }
    }
  });

  test('a dry run writes nothing; an interrupted run leaves what it set aside, and the next run applies it', async () => {
    const db = await freshDb();
    const whole = await freshDb();
    const dryDb = await freshDb();
    try {
      // On a database of its own: a rolled-back run still takes ids from the sequences, and the others are compared by id.
      const rowsBefore = await tableCounts(dryDb);
      const dry = await importAll(dryDb, { from: CSV, createCommunities: true, bulk: true, dryRun: true });
      assert.ok(dry.created > 0);
      assert.deepEqual(await tableCounts(dryDb), rowsBefore);

      const stop = new Error('interrupted');
      await assert.rejects(importAll(db, {
        from: VIVA, batch: 4, bulk: true,
        onProgress: ({ entity, done }) => {
          if (entity === 'posts (replies)' && done >= 8) throw stop;
        },
      }), (e) => e === stop);
      const [{ n: waiting } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_deferred');
      assert.ok(waiting > 0, 'the interrupted run left its posts\' counts and tags set aside');
      const resumed = await importAll(db, { from: VIVA, batch: 4, bulk: true });
      assert.ok(resumed.entities.posts!.created > 0);
      await importAll(whole, { from: VIVA, batch: 4 });
      assert.deepEqual(await keptRows(db), await keptRows(whole));
      assert.deepEqual(await tableCounts(db), await tableCounts(whole));
    } finally {
      await db.drop();
      await whole.drop();
      await dryDb.drop();
    }
  });
});

describe('a file in the wrong format is refused before any write', () => {
  let db: TestDb;
  before(async () => {
    db = await freshDb();
  });
  after(async () => {
    await db.drop();
  });

  test('a CSV without the layout\'s columns, a Viva folder without Users.csv, a folder given as CSV, a map to a missing community', async () => {
    const counted = await tableCounts(db);
    const dir = await tmp();
    const wrong = join(dir, 'wrong.csv');
    await writeFile(wrong, 'id,text,when\n1,hello,2022-01-01\n');
    await assert.rejects(importAll(db, { from: wrong }), (e: Error) => e instanceof FormatError
      && /lacks external_id, author_email, created_at, body/.test(e.message) && /expected the columns/.test(e.message));
    await assert.rejects(importAll(db, { from: wrong, kind: 'csv', errors: join(dir, 'errors.jsonl') }), FormatError);

    const viva = join(dir, 'viva');
    await mkdir(viva);
    await copyFile(join(VIVA, 'Messages.csv'), join(viva, 'Messages.csv'));
    await assert.rejects(importAll(db, { from: viva }), (e: Error) => e instanceof FormatError && /Users\.csv is missing/.test(e.message));
    await writeFile(join(viva, 'Users.csv'), 'user,mail\n1,a@b.c\n');
    await assert.rejects(importAll(db, { from: viva }), (e: Error) => e instanceof FormatError && /Users\.csv of a Viva Engage/.test(e.message) && /lacks id, name, email/.test(e.message));

    await assert.rejects(importAll(db, { from: VIVA, kind: 'csv' }), (e: Error) => e instanceof FormatError && /is a folder/.test(e.message));
    await assert.rejects(importAll(db, { from: CSV, kind: 'viva' }), (e: Error) => e instanceof FormatError && /is a file/.test(e.message));
    await assert.rejects(importAll(db, { from: CSV, communityMap: { 'Platform Engineering': 'nowhere' } }),
      (e: Error) => e instanceof FormatError && /"nowhere", which is not a community here/.test(e.message));
    assert.deepEqual(await tableCounts(db), counted);
  });
});

describe('adoption figures after an import', () => {
  for (const bulk of [false, true]) test(`GET /adoption as an admin equals a recount from the raw rows${bulk ? ' (--bulk)' : ''}`, async () => {
    const db = await freshDb();
    const config = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: TEST_SECRET, SERVE_DEMO: 'false', RATE_LIMITS: 'off', INACTIVE_DAYS: String(INACTIVE_DAYS) });
    const app = await createApp({ config, db, logger: pino({ level: 'silent' }) });
    const server = app.listen(0, '127.0.0.1');
    try {
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      // Recent messages (this week and the weeks before), so the figures move: threads in two communities, a tag, company-wide posts.
      const day = (n: number, hour: number) => new Date(Date.now() - n * 86_400_000 - hour * 3_600_000).toISOString();
      const file = join(await tmp(), 'recent.csv');
      const lines = ['external_id,parent_external_id,author_email,author_name,community,created_at,body,tags,likes'];
      for (let i = 0; i < 40; i++) {
        const author = `person${i % 7}@northwind.example`;
        const thread = i % 4 === 0 ? '' : `r${i - (i % 4)}`;
        lines.push([`r${i}`, thread, author, `Person ${i % 7}`, i % 8 < 4 ? 'Platform' : '', day(i % 30, i % 5), `Message ${i} about builds`,
          i % 3 === 0 ? 'builds' : '', i % 5 === 0 ? 'maria.lopez@example.com' : ''].join(','));
      }
      lines.push(['r-maria', '', 'maria.lopez@example.com', 'Maria López', 'Platform', day(1, 2), 'Customer view of the builds', '', ''].join(','));
      await writeFile(file, `${lines.join('\n')}\n`);
      const summary = await importAll(db, { from: file, createCommunities: true, bulk, batch: 10 });
      assert.equal(summary.failed, 0, JSON.stringify(summary.errors));
      assert.equal(summary.entities.posts!.created, 41);

      const token = await sign({ sub: 'test:carol', handle: 'carol', name: 'Carol Chen', roles: ['employee', 'admin'] });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
      for (const weeks of [12, 3]) {
        const res = await fetch(`${base}/adoption?weeks=${weeks}`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(res.status, 200);
        const answer = (await res.json()) as Adoption;
        assert.ok(answer.weeks.some((w) => w.contributors > 0), 'the import shows in the figures');
        assertMatches(answer, await recount(db, 'carol', { weeks }, new Date(answer.asOf)));
      }
    } finally {
      await (app.locals.shutdown as () => Promise<void>)();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.drop();
    }
  });
});
