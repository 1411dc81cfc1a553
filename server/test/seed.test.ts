/**
 * The demo seed: deterministic, internally consistent (every maintained count equals a recount),
 * with the personas, communities and restrictions the demo relies on, and text a person could
 * have written.
 *
 * Runs on in-memory PGlite, and also on PostgreSQL when TEST_DATABASE_URL is set (a schema of its
 * own, dropped afterwards). Under `npm test`, HEARTH_TEST_DB picks one backend per run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { extractMentions, extractTags } from '@hearth/contracts/text';
import { openDatabase, type Db } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { compose } from '../src/seed/compose.ts';
import * as content from '../src/seed/content.ts';
import { COMMUNITIES, GENERAL_TEMPLATES, GENERIC_REPLIES, KUDOS_RESPONSES, THANKS_FOLLOW_UPS } from '../src/seed/content.ts';
import { Distinct, fits, lowerFirst, vary, type Additions } from '../src/seed/distinct.ts';
import * as questionContent from '../src/seed/question-content.ts';
import { generatePeople } from '../src/seed/people.ts';
import { QUESTION_CHANNELS } from '../src/seed/question-content.ts';
import { DEMO_PERSONAS } from '../src/seed/personas.ts';
import { Rng } from '../src/seed/random.ts';
import { expertsRepo } from '../src/features/experts/repo.ts';
import { isSeeded, seedDemo, wipeDemo, type SeedSummary } from '../src/seed/seed.ts';

const NOW = new Date('2025-06-18T10:30:00.000Z');
const DAY = 86_400_000;

interface Backend {
  name: string;
  open(): Promise<Db & { drop(): Promise<void> }>;
}

function backends(): Backend[] {
  const pglite: Backend = {
    name: 'PGlite',
    async open() {
      const db = await openDatabase({});
      return Object.assign(db, { drop: () => db.close() });
    },
  };
  const url = process.env.TEST_DATABASE_URL;
  const postgres: Backend = {
    name: 'PostgreSQL',
    async open() {
      if (!url) throw new Error('TEST_DATABASE_URL is not set');
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const db = await openDatabase({ databaseUrl: url, schema });
      return Object.assign(db, {
        async drop() {
          await db.exec(`DROP SCHEMA ${schema} CASCADE`);
          await db.close();
        },
      });
    },
  };
  if (process.env.HEARTH_TEST_DB === 'postgres') return [postgres];
  if (process.env.HEARTH_TEST_DB === 'pglite') return [pglite];
  return url ? [pglite, postgres] : [pglite];
}

/** Every seeded table, in a stable order, as JSON. */
async function dump(db: Db): Promise<Record<string, string>> {
  const tables = [
    'people', 'communities', 'memberships', 'posts', 'tags', 'post_tags', 'post_mentions', 'post_likes', 'questions',
    'question_tags', 'answers', 'answer_votes', 'person_skills', 'endorsements',
  ];
  const out: Record<string, string> = {};
  for (const table of tables) out[table] = JSON.stringify(await db.query(`SELECT * FROM ${table} ORDER BY 1, 2`));
  // Sums of floats, added in whatever order the grouping met them: equal to 1e-6, not to the bit.
  out.expertise = JSON.stringify(await db.query('SELECT tag_id, community_id, person_id, round(score::numeric, 6) AS score FROM expertise ORDER BY 1, 2, 3'));
  return out;
}

const n = (v: unknown) => Number(v);

for (const backend of backends()) {
  describe(`demo seed on ${backend.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let summary: SeedSummary;

    before(async () => {
      db = await backend.open();
      await migrate(db);
      assert.equal(await isSeeded(db), false, 'a fresh database is not seeded');
      summary = await seedDemo(db, { now: NOW });
    });
    after(async () => {
      await db?.drop();
    });

    test('by default it creates at least 150 people in about ten departments, 8 communities and 2,000 posts over 90 days', async () => {
      assert.equal(await isSeeded(db), true);
      const [row] = await db.query<Record<string, unknown>>(`SELECT
        (SELECT count(*) FROM people) AS people,
        (SELECT count(DISTINCT department) FROM people) AS departments,
        (SELECT count(*) FROM communities) AS communities,
        (SELECT count(*) FROM posts WHERE parent_id IS NULL) AS posts,
        (SELECT count(*) FROM posts WHERE parent_id IS NOT NULL) AS replies,
        (SELECT count(*) FROM post_likes) AS likes,
        (SELECT min(created_at) FROM posts) AS first,
        (SELECT max(created_at) FROM posts) AS last,
        (SELECT max(created_at) FROM post_likes) AS last_like`);
      assert.ok(row);
      assert.ok(n(row.people) >= 150, `people: ${row.people}`);
      assert.ok(n(row.departments) >= 9, `departments: ${row.departments}`);
      assert.equal(n(row.communities), 8);
      assert.equal(n(row.posts), 2000);
      assert.ok(n(row.replies) > 1000, `replies: ${row.replies}`);
      assert.ok(n(row.likes) > 2000, `likes: ${row.likes}`);
      assert.ok((row.first as Date).getTime() >= NOW.getTime() - 90 * DAY, 'nothing older than 90 days');
      assert.ok((row.last as Date).getTime() < NOW.getTime(), 'nothing in the future');
      assert.ok((row.last_like as Date).getTime() < NOW.getTime(), 'no like in the future');
      assert.deepEqual(
        { people: summary.people, posts: summary.posts, replies: summary.replies, likes: summary.likes },
        { people: n(row.people), posts: 2000, replies: n(row.replies), likes: n(row.likes) },
      );
    });

    test('the four demo personas exist with exactly their handles and roles', async () => {
      const rows = await db.query<{ handle: string; name: string; roles: string[]; external_id: string; title: string | null }>(
        `SELECT handle, name, roles, external_id, title FROM people WHERE handle = ANY($1::text[])`,
        [DEMO_PERSONAS.map((p) => p.handle)],
      );
      assert.equal(rows.length, DEMO_PERSONAS.length);
      for (const persona of DEMO_PERSONAS) {
        const row = rows.find((r) => r.handle === persona.handle);
        assert.ok(row, persona.handle);
        assert.deepEqual([...row.roles].sort(), [...persona.roles].sort(), `roles of ${persona.handle}`);
        assert.equal(row.external_id, `demo:${persona.handle}`);
        assert.ok(row.title);
      }
      assert.equal(rows.find((r) => r.handle === 'maria.lopez')?.name, 'Maria López');
    });

    test('handles are unique first.last in lower-case ASCII, with demo external ids and example.com emails', async () => {
      const rows = await db.query<{ handle: string; external_id: string; email: string; name: string }>(
        'SELECT handle, external_id, email, name FROM people',
      );
      assert.equal(new Set(rows.map((r) => r.handle)).size, rows.length);
      for (const r of rows) {
        assert.match(r.handle, /^[a-z]+\.[a-z]+\d*$/, r.handle);
        assert.equal(r.external_id, `demo:${r.handle}`);
        assert.equal(r.email, `${r.handle}@example.com`);
        assert.ok(r.name.includes(' '), r.name);
      }
    });

    test('exactly one community is restricted: the leadership forum, with Helen and Ivan but not Maria', async () => {
      const restricted = await db.query<{ slug: string; members: string[] }>(
        `SELECT c.slug, array_agg(p.handle) AS members FROM communities c
           JOIN memberships m ON m.community_id = c.id JOIN people p ON p.id = m.person_id
          WHERE c.visibility = 'restricted' GROUP BY c.slug`,
      );
      assert.equal(restricted.length, 1);
      const [forum] = restricted;
      assert.equal(forum?.slug, 'leadership-forum');
      assert.ok(forum?.members.includes('helen.park'));
      assert.ok(forum?.members.includes('ivan.petrov'));
      assert.ok(!forum?.members.includes('maria.lopez'));
      // Maria, an ordinary employee, also has open communities left to join.
      const [maria] = await db.query<{ joined: string; open: string }>(
        `SELECT (SELECT count(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.handle = 'maria.lopez') AS joined,
                (SELECT count(*) FROM communities WHERE visibility = 'open') AS open`,
      );
      assert.ok(n(maria?.joined) > 0 && n(maria?.joined) < n(maria?.open));
    });

    test('communities have a slug, a purpose and a description; sam.okafor manages at least two', async () => {
      const rows = await db.query<{ slug: string; name: string; purpose: string; description: string; managers: string }>(
        `SELECT slug, name, purpose, description,
                (SELECT count(*) FROM memberships m WHERE m.community_id = c.id AND m.role = 'manager') AS managers
           FROM communities c`,
      );
      for (const c of rows) {
        assert.match(c.slug, /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/);
        assert.ok(c.purpose.length > 20 && c.description.length > 20, c.slug);
        assert.ok(n(c.managers) >= 1, `${c.slug} has a manager`);
      }
      const [sam] = await db.query<{ managed: string }>(
        `SELECT count(*) AS managed FROM memberships m JOIN people p ON p.id = m.person_id
          WHERE p.handle = 'sam.okafor' AND m.role = 'manager'`,
      );
      assert.ok(n(sam?.managed) >= 2);
    });

    test('reply_count and like_count equal a recount', async () => {
      const [row] = await db.query<{ bad_replies: string; bad_likes: string }>(`SELECT
        (SELECT count(*) FROM posts p WHERE p.reply_count <>
           (SELECT count(*) FROM posts r WHERE r.parent_id = p.id AND r.deleted_at IS NULL)) AS bad_replies,
        (SELECT count(*) FROM posts p WHERE p.like_count <>
           (SELECT count(*) FROM post_likes l WHERE l.post_id = p.id)) AS bad_likes`);
      assert.equal(n(row?.bad_replies), 0);
      assert.equal(n(row?.bad_likes), 0);
    });

    test('post_tags, tags and post_mentions are exactly what the shared text parser finds', async () => {
      const posts = await db.query<{ id: number; body: string; parent_id: number | null; created_at: Date }>(
        'SELECT id, body, parent_id, created_at FROM posts',
      );
      const people = new Set((await db.query<{ handle: string }>('SELECT handle FROM people')).map((r) => r.handle));
      const expectedTags = new Set<string>();
      const expectedMentions = new Set<string>();
      const usedTags = new Set<string>();
      for (const p of posts) {
        for (const tag of extractTags(p.body)) {
          expectedTags.add(`${p.id} ${tag} ${p.created_at.toISOString()} ${p.parent_id === null}`);
          usedTags.add(tag);
        }
        for (const handle of extractMentions(p.body)) if (people.has(handle)) expectedMentions.add(`${p.id} ${handle}`);
      }
      const tagRows = await db.query<{ post_id: number; name: string; created_at: Date; top_level: boolean }>(
        'SELECT pt.post_id, t.name, pt.created_at, pt.top_level FROM post_tags pt JOIN tags t ON t.id = pt.tag_id',
      );
      const actualTags = new Set(tagRows.map((r) => `${r.post_id} ${r.name} ${r.created_at.toISOString()} ${r.top_level}`));
      assert.equal(actualTags.size, tagRows.length);
      assert.deepEqual(actualTags, expectedTags);
      const questionTags = await db.query<{ name: string }>(
        'SELECT DISTINCT t.name FROM question_tags qt JOIN tags t ON t.id = qt.tag_id',
      );
      for (const { name } of questionTags) usedTags.add(name);
      const tagNames = (await db.query<{ name: string }>('SELECT name FROM tags')).map((r) => r.name);
      assert.deepEqual(new Set(tagNames), usedTags, 'every tag row is used (by a post or a question), every used tag has a row');
      const mentionRows = await db.query<{ post_id: number; handle: string }>(
        'SELECT m.post_id, p.handle FROM post_mentions m JOIN people p ON p.id = m.person_id',
      );
      assert.deepEqual(new Set(mentionRows.map((r) => `${r.post_id} ${r.handle}`)), expectedMentions);
      assert.ok(expectedMentions.size > 100, 'people mention each other');
      assert.ok(usedTags.size > 50, 'a healthy tag vocabulary');
    });

    test('replies stay one level deep, in their parent’s community, after their parent', async () => {
      const [row] = await db.query<{ nested: string; moved: string; early: string }>(`SELECT
        count(*) FILTER (WHERE parent.parent_id IS NOT NULL) AS nested,
        count(*) FILTER (WHERE r.community_id IS DISTINCT FROM parent.community_id) AS moved,
        count(*) FILTER (WHERE r.created_at < parent.created_at) AS early
        FROM posts r JOIN posts parent ON parent.id = r.parent_id`);
      assert.deepEqual([n(row?.nested), n(row?.moved), n(row?.early)], [0, 0, 0]);
    });

    test('whoever posts, replies or likes in a community is a member of it', async () => {
      const [row] = await db.query<{ authors: string; likers: string }>(`SELECT
        (SELECT count(*) FROM posts p WHERE p.community_id IS NOT NULL AND NOT EXISTS
           (SELECT 1 FROM memberships m WHERE m.community_id = p.community_id AND m.person_id = p.author_id)) AS authors,
        (SELECT count(*) FROM post_likes l JOIN posts p ON p.id = l.post_id WHERE p.community_id IS NOT NULL AND NOT EXISTS
           (SELECT 1 FROM memberships m WHERE m.community_id = p.community_id AND m.person_id = l.person_id)) AS likers`);
      assert.equal(n(row?.authors), 0);
      assert.equal(n(row?.likers), 0);
      const [self] = await db.query<{ own: string }>(
        'SELECT count(*) AS own FROM post_likes l JOIN posts p ON p.id = l.post_id WHERE l.person_id = p.author_id',
      );
      assert.equal(n(self?.own), 0, 'nobody likes their own post');
    });

    test('the text reads like intranet talk: no lorem ipsum, no unfilled slots, 1..5000 characters', async () => {
      const rows = await db.query<{ body: string }>('SELECT body FROM posts');
      for (const { body } of rows) {
        assert.ok(body.length >= 1 && body.length <= 5000 && body.trim().length > 0, body);
        assert.doesNotMatch(body, /lorem|ipsum|dolor sit|consectetur/i);
        assert.doesNotMatch(body, /\{[a-z@][^}]*\}|undefined|NaN|\bnull\b|\[object/, body);
      }
      const [links] = await db.query<{ links: string; distinct_bodies: string }>(
        `SELECT count(*) FILTER (WHERE body ~ 'https://[a-z]+\\.example\\.com/') AS links, count(DISTINCT body) AS distinct_bodies FROM posts WHERE parent_id IS NULL`,
      );
      assert.ok(n(links?.links) > 200, 'posts link to internal pages');
      assert.ok(n(links?.distinct_bodies) > 1000, 'posts are varied');
    });

    test('no two posts or replies, question titles, question bodies or answers say the same thing', async () => {
      const [row] = await db.query<Record<string, unknown>>(`SELECT
        (SELECT count(*) FROM posts) AS posts, (SELECT count(DISTINCT body) FROM posts) AS distinct_posts,
        (SELECT count(*) FROM questions) AS titles, (SELECT count(DISTINCT title) FROM questions) AS distinct_titles,
        (SELECT count(*) FROM questions WHERE body <> '') AS bodies,
        (SELECT count(DISTINCT body) FROM questions WHERE body <> '') AS distinct_bodies,
        (SELECT count(*) FROM answers) AS answers, (SELECT count(DISTINCT body) FROM answers) AS distinct_answers`);
      assert.ok(row);
      const repeated = async (sql: string) =>
        (await db.query<{ text: string; times: string }>(`${sql} GROUP BY 1 HAVING count(*) > 1 ORDER BY 2 DESC, 1 LIMIT 3`))
          .map((r) => `${r.times}× ${JSON.stringify(r.text)}`)
          .join('; ');
      assert.ok(n(row.answers) > 100 && n(row.bodies) > 50, 'there is something to compare');
      assert.equal(n(row.distinct_posts), n(row.posts), `posts and replies: ${await repeated('SELECT body AS text, count(*) AS times FROM posts')}`);
      assert.equal(n(row.distinct_titles), n(row.titles), `question titles: ${await repeated('SELECT title AS text, count(*) AS times FROM questions')}`);
      assert.equal(
        n(row.distinct_bodies),
        n(row.bodies),
        `question bodies: ${await repeated(`SELECT body AS text, count(*) AS times FROM questions WHERE body <> ''`)}`,
      );
      assert.equal(n(row.distinct_answers), n(row.answers), `answers: ${await repeated('SELECT body AS text, count(*) AS times FROM answers')}`);
    });

    test('most posts are written on weekdays in working hours', async () => {
      const [row] = await db.query<{ weekday: string; office: string; total: string }>(`SELECT
        count(*) FILTER (WHERE extract(isodow FROM created_at AT TIME ZONE 'UTC') < 6) AS weekday,
        count(*) FILTER (WHERE extract(hour FROM created_at AT TIME ZONE 'UTC') BETWEEN 7 AND 18) AS office,
        count(*) AS total FROM posts WHERE parent_id IS NULL`);
      assert.ok(n(row?.weekday) / n(row?.total) > 0.9);
      assert.ok(n(row?.office) / n(row?.total) > 0.8);
    });

    test('after seeding, the API’s own inserts continue after the seeded ids', async () => {
      await db.transaction(async (tx) => {
        const [max] = await tx.query<{ id: number }>('SELECT max(id) AS id FROM posts');
        const [row] = await tx.query<{ id: number }>(
          `INSERT INTO posts (author_id, body) VALUES (1, 'Checking the identity column') RETURNING id`,
        );
        assert.ok((row?.id ?? 0) > (max?.id ?? 0));
        const [tag] = await tx.query<{ id: number }>(`INSERT INTO tags (name) VALUES ('identity-check') RETURNING id`);
        assert.ok((tag?.id ?? 0) > 1);
        throw new Rollback();
      }).catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    });

    test('it asks about 150 questions over 90 days in several communities and tags, mostly answered, a few recent ones waiting', async () => {
      const [row] = await db.query<Record<string, unknown>>(`SELECT
        count(*) AS questions,
        count(DISTINCT community_id) AS communities,
        count(*) FILTER (WHERE community_id IS NULL) AS general,
        (SELECT count(DISTINCT tag_id) FROM question_tags) AS tags,
        count(*) FILTER (WHERE state = 'answered') AS accepted,
        count(*) FILTER (WHERE answer_count = 0) AS unanswered,
        count(*) FILTER (WHERE answer_count = 0 AND created_at > $1::timestamptz - interval '7 days') AS waiting,
        max(answer_count) AS most_answers,
        min(created_at) AS first, max(created_at) AS last,
        (SELECT count(*) FROM answers) AS answers, (SELECT count(*) FROM answer_votes) AS votes
        FROM questions`, [NOW]);
      assert.ok(row);
      assert.equal(n(row.questions), 150);
      assert.ok(n(row.communities) >= 6, `communities: ${row.communities}`);
      assert.ok(n(row.general) > 0, 'some questions are asked outside any community');
      assert.ok(n(row.tags) >= 30, `tags: ${row.tags}`);
      const accepted = n(row.accepted) / 150;
      assert.ok(accepted > 0.45 && accepted < 0.65, `accepted: ${accepted}`);
      assert.ok(n(row.unanswered) >= 3 && n(row.unanswered) <= 20, `unanswered: ${row.unanswered}`);
      assert.ok(n(row.waiting) >= 2, `unanswered in the last week: ${row.waiting}`);
      assert.equal(n(row.most_answers), 4);
      assert.ok((row.first as Date).getTime() >= NOW.getTime() - 90 * DAY && (row.last as Date).getTime() < NOW.getTime());
      assert.deepEqual(
        [summary.questions, summary.answers, summary.votes, summary.accepted, summary.unanswered],
        [150, n(row.answers), n(row.votes), n(row.accepted), n(row.unanswered)],
      );
    });

    test('question state, accepted answer, answer count, first answer time and scores equal a recount', async () => {
      const [row] = await db.query<Record<string, unknown>>(`SELECT
        (SELECT count(*) FROM questions q WHERE q.answer_count <> (SELECT count(*) FROM answers a WHERE a.question_id = q.id)) AS counts,
        (SELECT count(*) FROM questions q WHERE q.first_answer_at IS DISTINCT FROM (SELECT min(created_at) FROM answers a WHERE a.question_id = q.id)) AS firsts,
        (SELECT count(*) FROM questions q WHERE (q.state = 'answered') <> (q.accepted_answer_id IS NOT NULL)) AS states,
        (SELECT count(*) FROM questions q WHERE q.accepted_answer_id IS DISTINCT FROM
           (SELECT a.id FROM answers a WHERE a.question_id = q.id AND a.accepted_at IS NOT NULL)) AS accepted,
        (SELECT count(*) FROM answers a WHERE a.score <> (SELECT COALESCE(sum(value), 0) FROM answer_votes v WHERE v.answer_id = a.id)) AS scores,
        (SELECT count(*) FROM answers a JOIN questions q ON q.id = a.question_id
          WHERE a.created_at <= q.created_at OR a.accepted_at < a.created_at OR a.accepted_at >= $1 OR a.created_at >= $1) AS times,
        (SELECT count(*) FROM answer_votes v JOIN answers a ON a.id = v.answer_id WHERE v.created_at < a.created_at OR v.created_at >= $1) AS vote_times`,
        [NOW]);
      assert.deepEqual(Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, n(v)])),
        { counts: 0, firsts: 0, states: 0, accepted: 0, scores: 0, times: 0, vote_times: 0 });
    });

    test('nobody answers or votes on their own question or answer; in a community, answerers and voters are members', async () => {
      const [row] = await db.query<Record<string, unknown>>(`SELECT
        (SELECT count(*) FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.author_id = q.author_id) AS own_answers,
        (SELECT count(*) FROM answer_votes v JOIN answers a ON a.id = v.answer_id WHERE v.person_id = a.author_id) AS own_votes,
        (SELECT count(*) FROM (SELECT question_id, author_id FROM answers GROUP BY 1, 2 HAVING count(*) > 1) x) AS twice,
        (SELECT count(*) FROM answers a JOIN questions q ON q.id = a.question_id WHERE q.community_id IS NOT NULL AND NOT EXISTS
           (SELECT 1 FROM memberships m WHERE m.community_id = q.community_id AND m.person_id = a.author_id)) AS answerers,
        (SELECT count(*) FROM answer_votes v JOIN answers a ON a.id = v.answer_id JOIN questions q ON q.id = a.question_id
          WHERE q.community_id IS NOT NULL AND NOT EXISTS
           (SELECT 1 FROM memberships m WHERE m.community_id = q.community_id AND m.person_id = v.person_id)) AS voters,
        (SELECT count(*) FROM questions q WHERE q.community_id IS NOT NULL AND NOT EXISTS
           (SELECT 1 FROM memberships m WHERE m.community_id = q.community_id AND m.person_id = q.author_id)) AS askers`);
      assert.deepEqual(Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, n(v)])),
        { own_answers: 0, own_votes: 0, twice: 0, answerers: 0, voters: 0, askers: 0 });
    });

    test('maria.lopez asked a question that got an accepted answer, and has one still open', async () => {
      const rows = await db.query<{ title: string; state: string; answer_count: number; accepted_by: string | null }>(
        `SELECT q.title, q.state, q.answer_count,
                (SELECT p.handle FROM answers a JOIN people p ON p.id = a.author_id WHERE a.id = q.accepted_answer_id) AS accepted_by
         FROM questions q JOIN people asker ON asker.id = q.author_id WHERE asker.handle = 'maria.lopez' ORDER BY q.created_at`);
      assert.ok(rows.some((r) => r.state === 'answered' && r.answer_count > 0 && r.accepted_by), JSON.stringify(rows));
      assert.ok(rows.some((r) => r.state === 'open' && r.answer_count === 0), JSON.stringify(rows));
    });

    test('questions read like questions, answers like answers: filled slots, sensible lengths', async () => {
      const questions = await db.query<{ title: string; body: string }>('SELECT title, body FROM questions');
      for (const { title, body } of questions) {
        assert.ok(title.length >= 10 && title.length <= 200 && title.endsWith('?'), title);
        assert.doesNotMatch(title + body, /\{[a-z@][^}]*\}|undefined|NaN|\bnull\b|\[object/);
      }
      const answers = await db.query<{ body: string }>('SELECT body FROM answers');
      for (const { body } of answers) {
        assert.ok(body.length > 10 && body.length <= 10_000, body);
        assert.doesNotMatch(body, /\{[a-z@][^}]*\}|undefined|NaN|\bnull\b|\[object/);
      }
      assert.ok(new Set(questions.map((q) => q.title)).size >= 40, 'questions are varied');
      // A title with a slot (an office, a service) is filled in other ways before one repeats;
      // otherwise the similar-questions list shows the same question again and again.
      const slotted = Object.values(QUESTION_CHANNELS).flatMap((c) => c.templates.map((t) => t.title)).filter((t) => t.includes('{'));
      const titles = [...new Set(questions.map((q) => q.title))];
      for (const template of slotted) {
        const pattern = templatePattern(template);
        const asked = questions.filter((q) => pattern.test(q.title)).length;
        const distinct = titles.filter((title) => pattern.test(title)).length;
        assert.ok(distinct === asked || distinct >= 5, `"${template}": ${asked} questions with only ${distinct} different titles`);
      }
    });

    test('some experts declare skills and are endorsed; a couple are away, never a demo persona', async () => {
      const [row] = await db.query<Record<string, unknown>>(`SELECT
        (SELECT count(*) FROM person_skills) AS skills,
        (SELECT count(*) FROM endorsements) AS endorsements,
        (SELECT count(*) FROM people WHERE away) AS away,
        (SELECT count(*) FROM people WHERE away AND handle = ANY($1::text[])) AS away_personas,
        (SELECT count(*) FROM people WHERE away AND id IN (SELECT author_id FROM answers)) AS away_experts`,
        [DEMO_PERSONAS.map((p) => p.handle)]);
      assert.ok(n(row?.skills) >= 10, `skills: ${row?.skills}`);
      assert.ok(n(row?.endorsements) >= 20, `endorsements: ${row?.endorsements}`);
      assert.equal(n(row?.away), 2);
      assert.equal(n(row?.away_personas), 0);
      assert.equal(n(row?.away_experts), 2, 'the people away are ones the widget would otherwise suggest');
      assert.deepEqual([summary.skills, summary.endorsements, summary.away], [n(row?.skills), n(row?.endorsements), 2]);
    });

    test('expertise equals a recount from scratch: answers 2, accepted 10, votes ±1, skills 5, endorsements 1, decayed by time (posts nothing)', async () => {
      // Every event on its own row, summed independently of how the seed grouped them.
      const [row] = await db.query<{ expected: string; actual: string; wrong: string; total: number }>(`
        WITH events AS (
          SELECT qt.tag_id, COALESCE(q.community_id, 0) AS community_id, a.author_id AS person_id, expertise_weight(2, a.created_at) AS w
            FROM answers a JOIN questions q ON q.id = a.question_id JOIN question_tags qt ON qt.question_id = q.id
          UNION ALL
          SELECT qt.tag_id, COALESCE(q.community_id, 0), a.author_id, expertise_weight(10, a.accepted_at)
            FROM answers a JOIN questions q ON q.id = a.question_id JOIN question_tags qt ON qt.question_id = q.id
           WHERE a.accepted_at IS NOT NULL
          UNION ALL
          SELECT qt.tag_id, COALESCE(q.community_id, 0), a.author_id, expertise_weight(v.value, v.created_at)
            FROM answer_votes v JOIN answers a ON a.id = v.answer_id JOIN questions q ON q.id = a.question_id
            JOIN question_tags qt ON qt.question_id = q.id
          UNION ALL
          SELECT tag_id, 0, person_id, expertise_weight(5, created_at) FROM person_skills
          UNION ALL
          SELECT tag_id, 0, person_id, expertise_weight(1, created_at) FROM endorsements),
        expected AS (SELECT tag_id, community_id, person_id, sum(w) AS score FROM events GROUP BY 1, 2, 3)
        SELECT (SELECT count(*) FROM expected) AS expected, (SELECT count(*) FROM expertise) AS actual,
               count(*) FILTER (WHERE x.score IS NULL OR e.score IS NULL
                                   OR abs(x.score - e.score) > 1e-6 * greatest(abs(x.score), abs(e.score))) AS wrong,
               (SELECT sum(score) FROM expertise)::float8 AS total
        FROM expected x FULL JOIN expertise e USING (tag_id, community_id, person_id)`);
      assert.ok(row);
      assert.equal(n(row.wrong), 0, `${row.wrong} of ${row.actual} expertise rows differ from the recount`);
      assert.equal(n(row.actual), n(row.expected));
      // Answers, votes, skills and endorsements only (posts count for nothing since 014): ~380 rows.
      assert.ok(n(row.expected) > 300);
    });

    test('expert suggestions for a question tag name someone with answers, and never someone away', async () => {
      const [tag] = await db.query<{ id: number }>(`SELECT id FROM tags WHERE name = 'kubernetes'`);
      assert.ok(tag, 'the engineering questions use #kubernetes');
      const top = await expertsRepo(db).top([tag.id], [], null, undefined, 5);
      assert.ok(top.length >= 3);
      const ids = top.map((t) => t.id);
      const [row] = await db.query<{ away: string; answered: string }>(
        `SELECT count(*) FILTER (WHERE away) AS away,
                count(*) FILTER (WHERE id IN (SELECT a.author_id FROM answers a JOIN question_tags qt ON qt.question_id = a.question_id
                                               WHERE qt.tag_id = $2)) AS answered
         FROM people WHERE id = ANY($1::int[])`, [ids, tag.id]);
      assert.equal(n(row?.away), 0);
      assert.ok(n(row?.answered) >= 1, 'the answers count');
    });

    test('seeding a database that is not empty is refused', async () => {
      await assert.rejects(seedDemo(db, { posts: 10, now: NOW }), /not empty/);
    });

    test('bulk mode restores every index and foreign key it set aside, validated, and seeds the same rows', async () => {
      const other = await backend.open();
      try {
        await migrate(other);
        const schema = () => other.query<{ name: string; definition: string }>(
          `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema()
           UNION ALL
           SELECT conname, pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END
             FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
           ORDER BY 1, 2`);
        const untouched = await schema();
        assert.ok(untouched.some((r) => r.name === 'posts_search_recent') && untouched.some((r) => r.name === 'answers_question_id_fkey'));
        await seedDemo(other, { posts: 250, people: 60, questions: 40, seed: 7, now: NOW, bulk: true });
        assert.deepEqual(await schema(), untouched);
        const bulk = await dump(other);
        await wipeDemo(other);
        await seedDemo(other, { posts: 250, people: 60, questions: 40, seed: 7, now: NOW, bulk: false });
        const rowByRow = await dump(other);
        for (const table of Object.keys(bulk)) assert.equal(rowByRow[table], bulk[table], `${table} differs`);
      } finally {
        await other.drop();
      }
    });

    test('the same seed and time give the same rows, ids included; another seed gives other text', async () => {
      const other = await backend.open();
      try {
        await migrate(other);
        await seedDemo(other, { posts: 250, people: 60, seed: 7, now: NOW });
        const first = await dump(other);
        await wipeDemo(other);
        assert.equal(await isSeeded(other), false, 'wiped');
        await seedDemo(other, { posts: 250, people: 60, seed: 7, now: NOW });
        const second = await dump(other);
        for (const table of Object.keys(first)) assert.equal(second[table], first[table], `${table} differs`);
        await wipeDemo(other);
        await seedDemo(other, { posts: 250, people: 60, seed: 8, now: NOW });
        const third = await dump(other);
        assert.notEqual(third.posts, first.posts);
        assert.notEqual(third.questions, first.questions);
      } finally {
        await other.drop();
      }
    });
  });
}

class Rollback extends Error {}

for (const backend of backends()) {
  describe(`the demo's story on ${backend.name}`, () => {
    test('each persona finds something waiting: Sam requests to decide and a mention, Maria replies, a mention and an answer, Ivan a routed question', async () => {
      const db = await backend.open();
      try {
        await migrate(db);
        const summary = await seedDemo(db, { story: true });
        assert.deepEqual(summary.story, { joinRequests: 3, notifications: 9, routedQuestions: 1 });
        const rows = await db.query<{ handle: string; kind: string; n: number }>(
          `SELECT p.handle, n.kind, count(*)::int AS n FROM notifications n JOIN people p ON p.id = n.person_id
           WHERE n.read_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`);
        assert.deepEqual(rows.map((r) => `${r.handle} ${r.kind} ${r.n}`), [
          'ivan.petrov question.routed 1',
          'maria.lopez answer.posted 1',
          'maria.lopez mention 1',
          'maria.lopez post.replied 2',
          'sam.okafor join.requested 3',
          'sam.okafor mention 1',
        ]);
        const pending = await db.query<{ handle: string }>(
          `SELECT p.handle FROM community_requests r JOIN people p ON p.id = r.person_id JOIN communities c ON c.id = r.community_id
           WHERE c.slug = 'sustainability' AND r.kind = 'request' ORDER BY p.handle`);
        assert.ok(pending.some((r) => r.handle === 'maria.lopez'), JSON.stringify(pending));
        const [dup] = await db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT body)::int AS d FROM posts');
        assert.equal(dup!.n, dup!.d, 'the story repeats no text');
      } finally {
        await db.drop();
      }
    });
  });
}

describe('demo content', () => {
  // Every template and reply, not only those a seed happens to draw, must fill without error.
  test('every template and reply fills its slots', () => {
    const rng = new Rng(3);
    const people = generatePeople(rng, 40);
    const op = people[0];
    const writer = people[1];
    assert.ok(op && writer);
    const all = [
      ...COMMUNITIES.map((c) => ({ banks: c.banks, templates: c.templates })),
      { banks: undefined, templates: GENERAL_TEMPLATES },
    ];
    const replies = [...Object.values(GENERIC_REPLIES).flat(), ...THANKS_FOLLOW_UPS, ...KUDOS_RESPONSES];
    let tagged = 0;
    let total = 0;
    for (const { banks, templates } of all) {
      for (const template of templates) {
        const ctx = { rng, memo: new Map<string, string>(), banks, at: NOW, writer: op, op, last: writer, colleague: () => writer };
        const texts = [template.text, ...(template.answers ?? []).flat(), ...replies];
        for (const text of texts) {
          const out = compose(text, { ...ctx, writer });
          assert.doesNotMatch(out, /[{}]/, `${text} -> ${out}`);
          assert.ok(out.length <= 5000);
        }
        if (extractTags(compose(template.text, ctx)).length > 0) tagged++;
        total++;
      }
    }
    assert.ok(tagged / total > 0.9, 'tags are how things are found: nearly every post has some');
  });

  test('what rewording adds fills its slots from the thread, mentions nobody, and never addresses the writer', () => {
    const rng = new Rng(5);
    const [op, writer] = generatePeople(rng, 20);
    assert.ok(op && writer);
    const pools: Additions[] = [];
    for (const [name, value] of [...Object.entries(content), ...Object.entries(questionContent)]) {
      if (!name.endsWith('_ADDITIONS')) continue;
      const v = value as Additions | Record<string, Additions>;
      pools.push(...('tails' in v ? [v as Additions] : Object.values(v as Record<string, Additions>)));
    }
    assert.ok(pools.length >= 14, `pools: ${pools.length}`);
    const memo = new Map<string, string>();
    for (const name of ['service', 'tool', 'office', 'customer', 'team', 'date', 'weekday']) memo.set(name, `the-${name}`);
    for (const pool of pools) {
      for (const text of [...(pool.leads ?? []), ...(pool.openers ?? []), ...pool.tails]) {
        assert.doesNotMatch(text, /@/, `no mentions: ${text}`);
        assert.ok(fits(text, memo), `fills from the thread: ${text}`);
        const banks = Object.fromEntries([...memo.keys()].map((k) => [k, ['unused']]));
        const out = compose(text, { rng, memo, banks, at: NOW, writer, op, last: op, colleague: () => writer });
        assert.doesNotMatch(out, /[{}]/, out);
      }
    }
    // A bank value the thread has not named is never brought in by a rewording.
    assert.equal(fits(' We ran into it on {service} too.', new Map()), false);
    assert.equal(fits(' Thanks {op}.', new Map(), new Set(['op'])), false);
    // "I", names and slots keep their capital; common words are lower-cased after "Maria, ".
    assert.equal(lowerFirst('I think so.'), undefined);
    assert.equal(lowerFirst('{office} is closed.'), undefined);
    assert.equal(lowerFirst('Thanks, noted.'), 'thanks, noted.');
    for (let attempt = 1; attempt < 40; attempt++) {
      const out = vary(rng, 'Thanks {op}!', attempt, content.REPLY_ADDITIONS.announcement, new Map(), new Set(['op']));
      assert.equal(out.split('{op}').length - 1, 1, `names the poster once: ${out}`);
      assert.notEqual(out, 'Thanks {op}!');
    }
  });

  test('no text is let through twice while the memory is below its guarantee', () => {
    const seen = new Distinct(1_000);
    const texts = Array.from({ length: 200 }, (_, i) => seen.pick((attempt) => (attempt < 3 ? 'Thanks, noted.' : `Thanks, noted. (${i})`)));
    assert.equal(new Set(texts).size, 200);
    assert.equal(texts[0], 'Thanks, noted.');
  });

  test('an unknown slot is an error, not a silent "{typo}" in the demo', () => {
    const rng = new Rng(1);
    const [p] = generatePeople(rng, 20);
    assert.ok(p);
    assert.throws(() => compose('See {offfice}', { rng, memo: new Map(), banks: undefined, at: NOW, writer: p, op: p, colleague: () => p }), /unknown slot/);
  });
});

/** A template's title as a pattern its filled-in titles match: `{slot}` stands for any text. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 'i');
}
