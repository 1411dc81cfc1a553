import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase } from './helpers.ts';
import { migrate } from '../src/db/migrate.ts';
import type { Db } from '../src/db/index.ts';
import { postsRepo, SEARCH_WINDOW } from '../src/features/posts/repo.ts';
import { questionsRepo } from '../src/features/questions/repo.ts';
import { peopleRepo } from '../src/features/people/repo.ts';
import { communitiesRepo } from '../src/features/communities/repo.ts';
import { searchRepo } from '../src/features/search/repo.ts';

/**
 * What makes search fast at 1,000,000 posts (bench:tags, 015_search_speed.sql) must not change
 * what it finds: matches beyond the bounded window of the newest posts, within a tag, among
 * questions, and people found through the index of where a name match can start.
 */
let db: Db & { drop(): Promise<void> };
let author: number;
let tagId: number;

before(async () => {
  db = await testDatabase();
  await migrate(db);
  [{ id: author }] = await db.query<{ id: number }>(
    `INSERT INTO people (external_id, handle, name, roles) VALUES ('test:writer', 'writer', 'Writer One', '{employee}') RETURNING id`) as [{ id: number }];
  [{ id: tagId }] = await db.query<{ id: number }>(`INSERT INTO tags (name) VALUES ('zeta') RETURNING id`) as [{ id: number }];
  // 40 old posts with a rare word, then more new posts than the window holds, none with it;
  // 30 of the newest with a common word. Half the old ones are tagged #zeta, as are the
  // newest (more than the tag window) without the rare word.
  await db.query(
    `INSERT INTO posts (author_id, body, created_at)
     SELECT $1, 'zebra crossing number ' || i, now() - interval '30 days' + make_interval(secs => i) FROM generate_series(1, 40) i`, [author]);
  await db.query(
    `INSERT INTO posts (author_id, body, created_at)
     SELECT $1, CASE WHEN i > $2 - 30 THEN 'office news ' ELSE 'filler text ' END || i,
            now() - interval '1 day' + make_interval(secs => i) FROM generate_series(1, $2) i`, [author, SEARCH_WINDOW.posts + 100]);
  await db.query(
    `INSERT INTO post_tags (post_id, tag_id, created_at, top_level)
     SELECT id, $1, created_at, true FROM posts
     WHERE (body LIKE 'zebra%' AND id % 2 = 0)
        OR id IN (SELECT id FROM posts WHERE body NOT LIKE 'zebra%' ORDER BY created_at DESC LIMIT $2)`,
    [tagId, SEARCH_WINDOW.tagged + 50]);
  await db.query(
    `INSERT INTO questions (author_id, title, created_at)
     SELECT $1, CASE WHEN i <= 15 THEN 'Where is the wombat ' ELSE 'How do I file expenses ' END || i,
            now() - interval '10 days' + make_interval(mins => i) FROM generate_series(1, $2) i`, [author, SEARCH_WINDOW.questions + 50]);
});
after(() => db.drop());

const base = { viewerId: 0, hidden: [], offset: 0 };
const bodies = (rows: { body: string }[]) => rows.map((r) => r.body).sort();

describe('search looks past the window when the newest posts are too few', () => {
  test('a rare word only in old posts: found, every match, on every page', async () => {
    const first = await postsRepo(db).search({ ...base, query: 'zebra', limit: 11 });
    assert.equal(first.length, 11);
    assert.ok(first.every((r) => r.body.startsWith('zebra crossing')));
    const all = await postsRepo(db).search({ ...base, query: 'zebra', limit: 100 });
    assert.equal(all.length, 40);
    const second = await postsRepo(db).search({ ...base, query: 'zebra', limit: 11, offset: 11 });
    assert.deepEqual(new Set([...first, ...second].map((r) => r.id)).size, 22, 'pages do not repeat');
  });

  test('past the window, the last days, then months (019_search_recent.sql), then before them: each match once', async () => {
    // Older than the window: 3 within the last days, 5 within the last months, 30 long before.
    await db.query(
      `INSERT INTO posts (author_id, body, created_at)
       SELECT $1, 'quokka sighting ' || CASE WHEN i <= 3 THEN 'today ' WHEN i <= 8 THEN 'lately ' ELSE 'long ago ' END || i,
              now() - CASE WHEN i <= 3 THEN interval '30 hours' WHEN i <= 8 THEN interval '20 days' ELSE interval '200 days' END
                    + make_interval(secs => i)
       FROM generate_series(1, 38) i`, [author]);
    const kinds = (rows: { body: string }[]) => rows.map((r) => r.body.replace(/^quokka sighting | \d+$/g, ''));
    assert.deepEqual(kinds(await postsRepo(db).search({ ...base, query: 'quokka', limit: 3 })), ['today', 'today', 'today']);
    assert.deepEqual(kinds(await postsRepo(db).search({ ...base, query: 'quokka', limit: 5 })), ['today', 'today', 'today', 'lately', 'lately']);
    const all = await postsRepo(db).search({ ...base, query: 'quokka', limit: 100, top: 200 });
    assert.equal(all.length, 38);
    assert.equal(new Set(all.map((r) => r.id)).size, 38);
    assert.deepEqual(all[0]?.top?.map((c) => c.id).sort(), all.map((r) => r.id).sort(), 'the facets count what was found');
    const facets = await searchRepo(db).facets(all[0]?.top ?? []);
    assert.deepEqual(facets.authors?.map((a) => a.count), [38]);
    const phrase = await postsRepo(db).search({ ...base, query: '"quokka sighting" -lately -today', limit: 100 });
    assert.equal(phrase.length, 30);
  });

  test('a word in the newest posts: ranked among them, nothing else', async () => {
    const rows = await postsRepo(db).search({ ...base, query: 'office', limit: 50 });
    assert.equal(rows.length, 30);
    assert.ok(rows.every((r) => r.body.startsWith('office news')));
  });

  test('within a tag: past the tag window, only tagged posts', async () => {
    const rows = await postsRepo(db).search({ ...base, query: 'zebra', tagId, limit: 100 });
    assert.equal(rows.length, 20);
    assert.ok(rows.every((r) => r.tags.includes('zeta') && r.body.startsWith('zebra')));
    const recent = await postsRepo(db).search({ ...base, query: 'office', tagId, limit: 100 });
    assert.deepEqual(bodies(recent), bodies(await postsRepo(db).search({ ...base, query: 'office', limit: 100 })));
  });

  test('questions: a word only in old questions is found, with the exact count, with a tag too', async () => {
    const rows = await questionsRepo(db).search({ ...base, query: 'wombat', limit: 100, answeredFirst: true });
    assert.equal(rows.length, 15);
    assert.ok(rows.every((r) => r.title.startsWith('Where is the wombat')));
    // Tagged: the wombat questions with an even id, and more of the newest than the window holds.
    await db.query(
      `INSERT INTO question_tags (question_id, tag_id)
       SELECT id, $1 FROM questions WHERE (title LIKE 'Where is the wombat%' AND id % 2 = 0)
          OR id IN (SELECT id FROM questions ORDER BY created_at DESC LIMIT $2)`, [tagId, SEARCH_WINDOW.questions + 10]);
    const tagged = await questionsRepo(db).search({ ...base, query: 'wombat', tagId, limit: 100 });
    const even = rows.filter((r) => r.id % 2 === 0).map((r) => r.id).sort();
    assert.ok(even.length > 0);
    assert.deepEqual(tagged.map((r) => r.id).sort(), even);
  });
});

describe('people search through the index finds exactly what LIKE finds', () => {
  before(async () => {
    await db.query(`INSERT INTO people (external_id, handle, name, roles, active) VALUES
      ('t:1', 'jl.picard', 'Jean  Luc Picard', '{employee}', true),
      ('t:2', 'annmarie', 'Ann-Marie Smith-Jones', '{employee}', true),
      ('t:3', 'Upper.Case', 'Zoë Ångström', '{employee}', true),
      ('t:4', 'longnames', 'Bartholomew Maximilianus Featherstonehaugh', '{employee}', true),
      ('t:5', 'gone', 'Jean Gone', '{employee}', false),
      ('t:6', 'pct', 'Percy 100% Sure_thing', '{employee}', true)`);
  });

  // The same conditions without the index's: what the search must keep finding.
  const brute = async (q: string) => {
    const lower = q.toLowerCase();
    const prefix = `${lower.replace(/[\\%_]/g, '\\$&')}%`;
    const rows = await db.query<{ handle: string }>(
      `SELECT handle FROM people WHERE active AND (handle LIKE $1 OR lower(name) LIKE $1 OR lower(name) LIKE '% ' || $1)
       ORDER BY handle = $2 DESC, lower(name), id LIMIT 20`, [prefix, lower]);
    return rows.map((r) => r.handle);
  };

  test('names with two spaces, hyphens, accents, long words, wildcards; queries longer than the keys', async () => {
    const queries = [
      'j', 'jean', 'jean ', 'jean  l', 'luc', 'luc p', 'picard', 'JL.', 'jl.picard', 'ann', 'ann-marie', 'marie', 'smith-jones',
      'jones', 'zoë', 'ÅNGSTRÖM', 'upper', 'Upper', 'bartholomew maximilianus', 'featherstonehaugh', 'featherstonehaughx',
      'maximilianus f', '100%', '100', '%', '_', 'sure_', 'gone', 'writer', 'w', 'one', 'x',
    ];
    for (const q of queries) {
      const found = (await peopleRepo(db).search(q, 20)).map((r) => r.handle);
      assert.deepEqual(found, await brute(q), q);
    }
    assert.deepEqual((await peopleRepo(db).search('featherstonehaugh', 20)).map((r) => r.handle), ['longnames'], 'longer than 8 characters');
    assert.deepEqual((await peopleRepo(db).search('luc p', 20)).map((r) => r.handle), ['jl.picard'], 'after the second of two spaces');
  });
});

describe('the communities directory reads per-day totals kept from community_activity', () => {
  test('posts per day and each person\'s last day follow inserts and deletes exactly', async () => {
    const [{ id: community }] = await db.query<{ id: number }>(
      `INSERT INTO communities (slug, name, purpose) VALUES ('speed-club', 'Speed Club', 'Work fast') RETURNING id`) as [{ id: number }];
    const [{ id: other }] = await db.query<{ id: number }>(
      `INSERT INTO people (external_id, handle, name, roles) VALUES ('test:other', 'other', 'Other Person', '{employee}') RETURNING id`) as [{ id: number }];
    // Two people over five days, several posts a day, in one statement and then one by one.
    await db.query(
      `INSERT INTO posts (author_id, community_id, body, created_at)
       SELECT CASE WHEN i % 3 = 0 THEN $2::int ELSE $1::int END, $3::int, 'club post ' || i, now() - make_interval(days => i % 5, mins => i)
       FROM generate_series(1, 40) i`, [author, other, community]);
    for (let i = 0; i < 3; i++) {
      await db.query(`INSERT INTO posts (author_id, community_id, body) VALUES ($1, $2, 'one more')`, [other, community]);
    }
    // Deleted: every post of `other` today (their last day), and some of the author's.
    await db.query(`UPDATE posts SET deleted_at = now() WHERE community_id = $1 AND author_id = $2 AND created_at > now() - interval '12 hours'`, [community, other]);
    await db.query(`UPDATE posts SET deleted_at = now() WHERE community_id = $1 AND author_id = $2 AND id % 4 = 0`, [community, author]);

    const kept = await db.query(`SELECT community_id, day::text, posts FROM community_days WHERE community_id = $1 ORDER BY day`, [community]);
    const counted = await db.query(
      `SELECT community_id, day::text, sum(posts)::int AS posts FROM community_activity WHERE community_id = $1 GROUP BY 1, 2 ORDER BY day`, [community]);
    assert.deepEqual(kept, counted);
    const last = await db.query(
      `SELECT person_id, last_day::text FROM community_people_last WHERE community_id = $1 AND last_day IS NOT NULL ORDER BY person_id`, [community]);
    const lastCounted = await db.query(
      `SELECT person_id, max(day)::text AS last_day FROM community_activity WHERE community_id = $1 AND posts > 0 GROUP BY 1 ORDER BY person_id`, [community]);
    assert.deepEqual(last, lastCounted);
    assert.ok(lastCounted.length === 2, 'both still have posts on earlier days');
  });
});

describe('a community card\'s people', () => {
  test('every manager and the first members by joining, as the sort of all members gave', async () => {
    const [{ id: community }] = await db.query<{ id: number }>(
      `INSERT INTO communities (slug, name, purpose) VALUES ('crowd', 'Crowd', 'Many members') RETURNING id`) as [{ id: number }];
    const ids = (await db.query<{ id: number }>(
      `INSERT INTO people (external_id, handle, name, roles)
       SELECT 'test:crowd' || i, 'crowd' || i, 'Crowd ' || i, '{employee}' FROM generate_series(1, 30) i RETURNING id`)).map((r) => r.id);
    // Managers and members joined in a shuffled order, some at the same moment.
    await db.query(
      `INSERT INTO memberships (community_id, person_id, role, created_at)
       SELECT $1, id, CASE WHEN id % 7 = 0 THEN 'manager' ELSE 'member' END, now() - make_interval(mins => (id * 13) % 11)
       FROM unnest($2::int[]) id`, [community, ids]);
    const old = await db.query(
      `SELECT community_id, role, id, handle, name, title, department FROM (
         SELECT m.community_id, m.role, p.id, p.handle, p.name, p.title, p.department,
                row_number() OVER (PARTITION BY m.community_id, m.role = 'manager' ORDER BY m.created_at, p.id) AS n
         FROM memberships m JOIN people p ON p.id = m.person_id
         WHERE m.community_id = ANY($1::int[])) x
       WHERE role = 'manager' OR n <= $2
       ORDER BY community_id, role DESC, n`, [[community], 5]);
    assert.deepEqual(await communitiesRepo(db).people([community], 5), old);
    assert.equal(old.length, 5 + ids.filter((id) => id % 7 === 0).length);
  });
});
