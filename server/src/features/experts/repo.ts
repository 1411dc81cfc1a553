import type { Queryable } from '../../db/index.ts';
import type { ExpertReason, PersonSummary } from '@hearth/contracts';

const DECLARED_WEIGHT = 5;
const ENDORSEMENT_WEIGHT = 1;
/**
 * For several tags, someone who knows k of them (a score above 0 in each) has their sum
 * multiplied by 1 + 0.5 (k - 1): for a question on #security and #salestools, who answered the
 * security questionnaires comes before who has more #security answers about MFA
 * (docs/relevance.md).
 */
const COVERAGE_BONUS = 0.5;
// Candidates per tag before exact scoring: the top people of each tag by the index, then
// their exact sums over all asked tags. At most 20 experts are asked for; 60 per tag leaves
// room for someone strong in two tags without being top in either.
const CANDIDATES_PER_TAG = 60;

export function expertsRepo(db: Queryable) {
  async function adjust(personId: number, tagId: number, weight: number, at: Date | string) {
    await db.query(
      `INSERT INTO expertise AS e (tag_id, community_id, person_id, score) VALUES ($1, 0, $2, expertise_weight($3, $4))
       ON CONFLICT (tag_id, community_id, person_id) DO UPDATE SET score = e.score + EXCLUDED.score`,
      [tagId, personId, weight, at]);
  }

  return {
    /**
     * The best people for `tagIds` by decayed score over communities not hidden from the
     * viewer (times the coverage bonus when they know several of the tags), without `excludeIds`
     * and people marked away. Scores are shown decayed to now.
     */
    async top(tagIds: number[], hidden: number[], exclude: number[] | number | null, communityId: number | undefined, limit: number) {
      const excludeIds = exclude === null ? [] : Array.isArray(exclude) ? exclude : [exclude];
      const params: unknown[] = [tagIds, hidden, excludeIds, limit, CANDIDATES_PER_TAG];
      const community = communityId === undefined ? '' : `AND e.community_id IN (0, $${params.push(communityId)})`;
      return db.query<PersonSummary & { score: number }>(
        `WITH candidates AS (
           SELECT DISTINCT c.person_id FROM unnest($1::int[]) t(tag_id),
           LATERAL (SELECT e.person_id FROM expertise e
                    WHERE e.tag_id = t.tag_id AND NOT (e.community_id = ANY($2::int[])) ${community}
                    ORDER BY e.score DESC LIMIT $5) c)
         SELECT p.id, p.handle, p.name, p.title, p.department,
                s.score * exp(-extract(epoch FROM now() - timestamptz '2020-01-01 00:00:00+00') / (365.0 * 86400)) AS score
         FROM (SELECT e.person_id,
                      sum(e.score) * (1 + ${COVERAGE_BONUS} * (count(DISTINCT e.tag_id) FILTER (WHERE e.score > 1e-6) - 1)) AS score
               FROM expertise e
               WHERE e.tag_id = ANY($1::int[]) AND e.person_id IN (SELECT person_id FROM candidates)
                 AND NOT (e.community_id = ANY($2::int[])) ${community}
               GROUP BY e.person_id) s
         JOIN people p ON p.id = s.person_id
         WHERE NOT p.away AND NOT (p.id = ANY($3::int[])) AND s.score > 0
         ORDER BY s.score DESC, p.id LIMIT $4`, params);
    },

    /**
     * What `personIds` did under `tagIds` in the last year, for the reasons shown with them: one
     * pass over each person's answers in each tag (accepted, answered, up-votes together). What a
     * moderator hid does not count (a hidden post has no post_tags while it is hidden).
     */
    async reasons(personIds: number[], tagIds: number[], hidden: number[]) {
      return db.query<{ person_id: number } & ExpertReason>(
        `SELECT p.id AS person_id, t.name AS tag,
                COALESCE(a.accepted, 0)::int AS "acceptedAnswers", COALESCE(a.answers, 0)::int AS answers,
                COALESCE(a.upvotes, 0)::int AS upvotes, po.posts::int AS posts,
                EXISTS (SELECT 1 FROM person_skills s WHERE s.person_id = p.id AND s.tag_id = t.id) AS declared,
                (SELECT count(*) FROM endorsements en WHERE en.person_id = p.id AND en.tag_id = t.id)::int AS endorsements
         FROM people p CROSS JOIN tags t
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE an.accepted_at > now() - interval '1 year') AS accepted,
                  count(*) FILTER (WHERE an.created_at > now() - interval '1 year') AS answers,
                  sum((SELECT count(*) FROM answer_votes v
                       WHERE v.answer_id = an.id AND v.value > 0 AND v.created_at > now() - interval '1 year')) AS upvotes
           FROM answers an
           JOIN question_tags qt ON qt.question_id = an.question_id AND qt.tag_id = t.id
           JOIN questions q ON q.id = an.question_id
           WHERE an.author_id = p.id AND an.deleted_at IS NULL AND an.hidden_at IS NULL AND q.deleted_at IS NULL
             AND (q.community_id IS NULL OR NOT (q.community_id = ANY($3::int[])))
             AND (an.created_at > now() - interval '1 year' OR an.accepted_at > now() - interval '1 year')
         ) a ON true
         CROSS JOIN LATERAL (
           SELECT count(*) AS posts FROM posts x JOIN post_tags pt ON pt.post_id = x.id AND pt.tag_id = t.id
           WHERE x.author_id = p.id AND x.created_at > now() - interval '1 year'
             AND x.deleted_at IS NULL AND (x.community_id IS NULL OR NOT (x.community_id = ANY($3::int[])))
         ) po
         WHERE p.id = ANY($1::int[]) AND t.id = ANY($2::int[])`,
        [personIds, tagIds, hidden]);
    },

    async skills(personId: number, viewerId: number) {
      return db.query<{ tag_id: number; tag: string; declared: boolean; endorsements: number; endorsed_by_me: boolean }>(
        `SELECT t.id AS tag_id, t.name AS tag, s.person_id IS NOT NULL AS declared,
                (SELECT count(*) FROM endorsements e WHERE e.person_id = $1 AND e.tag_id = t.id)::int AS endorsements,
                EXISTS (SELECT 1 FROM endorsements e WHERE e.person_id = $1 AND e.tag_id = t.id AND e.endorser_id = $2) AS endorsed_by_me
         FROM tags t LEFT JOIN person_skills s ON s.tag_id = t.id AND s.person_id = $1
         WHERE s.person_id IS NOT NULL OR t.id IN (SELECT tag_id FROM endorsements WHERE person_id = $1)
         ORDER BY declared DESC, endorsements DESC, t.name`, [personId, viewerId]);
    },

    /** Replaces declared skills; expertise follows (a declaration weighs 5, decaying from when it was made). */
    async setSkills(personId: number, tagIds: number[]) {
      const removed = await db.query<{ tag_id: number; created_at: Date }>(
        'DELETE FROM person_skills WHERE person_id = $1 AND NOT (tag_id = ANY($2::int[])) RETURNING tag_id, created_at', [personId, tagIds]);
      for (const r of removed) await adjust(personId, r.tag_id, -DECLARED_WEIGHT, r.created_at);
      const added = await db.query<{ tag_id: number; created_at: Date }>(
        `INSERT INTO person_skills (person_id, tag_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING RETURNING tag_id, created_at`,
        [personId, tagIds]);
      for (const r of added) await adjust(personId, r.tag_id, DECLARED_WEIGHT, r.created_at);
    },

    async setEndorsement(personId: number, tagId: number, endorserId: number, endorsed: boolean) {
      const rows = endorsed
        ? await db.query<{ created_at: Date }>(
            'INSERT INTO endorsements (person_id, tag_id, endorser_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING created_at',
            [personId, tagId, endorserId])
        : await db.query<{ created_at: Date }>(
            'DELETE FROM endorsements WHERE person_id = $1 AND tag_id = $2 AND endorser_id = $3 RETURNING created_at',
            [personId, tagId, endorserId]);
      for (const r of rows) await adjust(personId, tagId, endorsed ? ENDORSEMENT_WEIGHT : -ENDORSEMENT_WEIGHT, r.created_at);
      const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM endorsements WHERE person_id = $1 AND tag_id = $2', [personId, tagId]);
      return count?.n ?? 0;
    },

    async setAway(personId: number, away: boolean) {
      await db.query('UPDATE people SET away = $2 WHERE id = $1', [personId, away]);
    },

    async person(handle: string) {
      const [row] = await db.query<PersonSummary & { away: boolean }>(
        'SELECT id, handle, name, title, department, away FROM people WHERE handle = $1', [handle]);
      return row;
    },
  };
}
