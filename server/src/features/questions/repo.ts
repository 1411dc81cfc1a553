import type { Queryable } from '../../db/index.ts';
import type { TimeKey } from '../cursor.ts';
import { HEADLINE_OPTIONS } from '../search/highlights.ts';
import { matchesSql, SEARCH_CANDIDATES, SEARCH_WINDOW, topCandidatesSql, type Candidate, type SearchFilter } from '../posts/repo.ts';

export interface QuestionRow {
  id: number;
  title: string;
  body: string;
  state: 'open' | 'answered';
  accepted_answer_id: number | null;
  answer_count: number;
  created_at: Date;
  edited_at: Date | null;
  first_answer_at: Date | null;
  first_expert_answer_at: Date | null;
  /** For the asker: answers by others since they last opened it; 0 for anyone else. */
  new_answers: number;
  /** Routed to the viewer, who has not passed. */
  routed_to_me: boolean;
  author_id: number;
  author_handle: string;
  author_name: string;
  author_title: string | null;
  author_department: string | null;
  community_id: number | null;
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'restricted' | null;
  community_state: 'active' | 'archived' | null;
  tags: string[];
  viewer_manages: boolean;
  hidden_at: Date | null;
  hidden_reason: string | null;
}

export interface AnswerRow {
  id: number;
  question_id: number;
  author_id: number;
  author_handle: string;
  author_name: string;
  author_title: string | null;
  author_department: string | null;
  body: string;
  score: number;
  my_vote: -1 | 0 | 1;
  accepted_at: Date | null;
  created_at: Date;
  edited_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  /** Only computed for hidden answers (false otherwise): the viewer manages the question's community. */
  viewer_manages: boolean;
}

// $1 is the viewer, $2 the communities hidden from them.
/** How many of the newest questions each kind of match contributes to similar-question ranking. */
const SIMILAR_CANDIDATES = 200;
/** How many of a query's rarest words (by question_terms) find candidates by any word. */
const SIMILAR_RARE_WORDS = 6;
/** Below this a question is not like the one asked (a shared tag alone is 0.25): docs/relevance.md. */
const SIMILAR_MIN_RELEVANCE = 0.2;

const SELECT_QUESTION = `
  SELECT q.id, q.title, q.body, q.state, q.accepted_answer_id, q.answer_count, q.created_at, q.edited_at,
         q.first_answer_at, q.first_expert_answer_at, q.author_id, a.handle AS author_handle, a.name AS author_name, a.title AS author_title,
         a.department AS author_department, q.community_id, c.slug AS community_slug, c.name AS community_name,
         c.visibility AS community_visibility, c.state AS community_state,
         ARRAY(SELECT t.name FROM question_tags qt JOIN tags t ON t.id = qt.tag_id WHERE qt.question_id = q.id ORDER BY t.name) AS tags,
         EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = q.community_id AND m.person_id = $1 AND m.role = 'manager') AS viewer_manages,
         q.hidden_at, q.hidden_reason,
         CASE WHEN q.author_id = $1 THEN (
           SELECT count(*) FROM answers na
           WHERE na.question_id = q.id AND na.deleted_at IS NULL AND na.hidden_at IS NULL AND na.author_id <> $1
             AND na.created_at > COALESCE((SELECT v.seen_at FROM question_views v WHERE v.person_id = $1 AND v.question_id = q.id), '-infinity'))
         ELSE 0 END::int AS new_answers,
         EXISTS (SELECT 1 FROM question_routes r WHERE r.question_id = q.id AND r.person_id = $1 AND r.passed_at IS NULL) AS routed_to_me
  FROM questions q
  JOIN people a ON a.id = q.author_id
  LEFT JOIN communities c ON c.id = q.community_id`;

/** The page first (index walk and LIMIT), then only its rows decorated, as for posts. */
const pageOfQuestions = (inner: string) => SELECT_QUESTION.replace('FROM questions q', `FROM (${inner}) q`);

const VISIBLE = 'q.deleted_at IS NULL AND (q.community_id IS NULL OR NOT (q.community_id = ANY($2::int[])))';
/** Visible and not hidden by a moderator: what search, similar questions and tag lists may find. */
const FINDABLE = `${VISIBLE} AND q.hidden_at IS NULL`;

/**
 * Where a question search walks (`matchesSql`'s from, time, key and window): the questions by
 * time, or with a tag the tag's questions newest first by id (question_tags_by_tag; ids are given
 * in the order questions are asked), each looked up by key (OFFSET 0 keeps the lookup: joined, the
 * planner read all questions to hash them for a few thousand), filtered by `qt.tag_id`. Ordering
 * a tag's questions by time read all of them (a popular tag holds thousands) for every search.
 */
export function questionSource(tagged: boolean) {
  return tagged
    ? {
      from: 'question_tags qt CROSS JOIN LATERAL (SELECT * FROM questions q WHERE q.id = qt.question_id OFFSET 0) q',
      time: 'qt.question_id', key: 'qt.question_id', window: SEARCH_WINDOW.tagged,
      /**
       * Before the window, the same questions in the same order (by id) from the questions
       * themselves, the tag checked by key: a word rare among the tag's questions is found by
       * the full-text index instead of reading every question of the tag.
       */
      older: (filters: string[]) => ({
        from: 'questions q', time: 'q.id', key: 'q.id',
        filters: filters.map((f) => (f.startsWith('qt.') ? `EXISTS (SELECT 1 FROM question_tags qt WHERE qt.question_id = q.id AND ${f})` : f)),
      }),
    }
    : { from: 'questions q', time: 'q.created_at', key: 'q.id', window: SEARCH_WINDOW.questions, older: undefined };
}

const SELECT_ANSWER = `
  SELECT an.id, an.question_id, an.author_id, p.handle AS author_handle, p.name AS author_name, p.title AS author_title,
         p.department AS author_department, an.body, an.score, an.accepted_at, an.created_at, an.edited_at,
         COALESCE((SELECT v.value FROM answer_votes v WHERE v.answer_id = an.id AND v.person_id = $1), 0)::int AS my_vote,
         an.hidden_at, an.hidden_reason,
         CASE WHEN an.hidden_at IS NULL THEN false
              ELSE EXISTS (SELECT 1 FROM questions mq JOIN memberships mm ON mm.community_id = mq.community_id
                           WHERE mq.id = an.question_id AND mm.person_id = $1 AND mm.role = 'manager') END AS viewer_manages
  FROM answers an JOIN people p ON p.id = an.author_id`;

/** Decayed expertise at least this (one answer's worth) in a tag: the person knows it. */
const KNOWS = 2;
const DECAY = `exp(-extract(epoch FROM now() - timestamptz '2020-01-01 00:00:00+00') / (365.0 * 86400))`;

/** The "for me to answer" keyset: routed first (0), then in tags I know (1); newest first in each. */
export interface QueueKey { routed: boolean; at: Date; id: number }

export interface QuestionFilter {
  viewerId: number;
  hidden: number[];
  state?: 'open' | 'answered' | undefined;
  unanswered?: boolean | undefined;
  tagId?: number | undefined;
  communityId?: number | undefined;
  authorId?: number | undefined;
  after?: TimeKey | undefined;
  limit: number;
}

export function questionsRepo(db: Queryable) {
  /**
   * Adds (sign 1) or removes (sign -1) what answers contributed to expertise: 2 for answering,
   * 10 for being accepted, 1 per up-vote (-1 per down-vote), each weighted by when it happened,
   * under every tag of the question. Every change to an answer, a vote or a question's tags is
   * "remove, change, add back", so the aggregate stays exact on every path. An answer a moderator
   * hid contributes nothing (hiding is "remove, hide"; restoring "restore, add back").
   */
  async function contributions(where: 'a.id = $1' | 'a.question_id = $1', id: number, sign: 1 | -1) {
    await db.query(
      `INSERT INTO expertise AS e (tag_id, community_id, person_id, score)
       SELECT qt.tag_id, COALESCE(q.community_id, 0), a.author_id,
              $2 * sum(expertise_weight(2, a.created_at)
                     + CASE WHEN a.accepted_at IS NULL THEN 0 ELSE expertise_weight(10, a.accepted_at) END
                     + COALESCE((SELECT sum(expertise_weight(v.value, v.created_at)) FROM answer_votes v WHERE v.answer_id = a.id), 0))
       FROM answers a
       JOIN questions q ON q.id = a.question_id
       JOIN question_tags qt ON qt.question_id = q.id
       WHERE ${where} AND a.deleted_at IS NULL AND a.hidden_at IS NULL AND q.deleted_at IS NULL
       GROUP BY 1, 2, 3
       ON CONFLICT (tag_id, community_id, person_id) DO UPDATE SET score = e.score + EXCLUDED.score`,
      [id, sign]);
  }

  return {
    contributions,

    async list(f: QuestionFilter): Promise<QuestionRow[]> {
      const params: unknown[] = [f.viewerId, f.hidden];
      const where = [VISIBLE];
      const add = (sql: string, value: unknown) => where.push(sql.replaceAll('?', `$${params.push(value)}`));
      if (f.state) add('q.state = ?', f.state);
      if (f.unanswered) where.push('q.answer_count = 0');
      // A tag's list leaves out what a moderator hid (elsewhere it stays, as a placeholder).
      if (f.tagId !== undefined) add('q.hidden_at IS NULL AND q.id IN (SELECT question_id FROM question_tags WHERE tag_id = ?)', f.tagId);
      if (f.communityId !== undefined) add('q.community_id = ?', f.communityId);
      if (f.authorId !== undefined) add('q.author_id = ?', f.authorId);
      if (f.after) where.push(`(q.created_at, q.id) < ($${params.push(f.after.at)}, $${params.push(f.after.id)})`);
      const inner = `SELECT q.* FROM questions q WHERE ${where.join(' AND ')} ORDER BY q.created_at DESC, q.id DESC LIMIT $${params.push(f.limit)}`;
      return db.query<QuestionRow>(`${pageOfQuestions(inner)} ORDER BY q.created_at DESC, q.id DESC`, params);
    },

    /**
     * The viewer's queue as an expert: questions routed to them that they have not answered or
     * passed and nobody's answer was accepted for, then unanswered questions in tags they know
     * (declared skills, or decayed expertise of at least KNOWS) that were never routed to them.
     * Never their own, never hidden by a moderator, never in a community hidden from them.
     */
    async forMe(viewerId: number, hidden: number[], after: QueueKey | undefined, limit: number): Promise<QuestionRow[]> {
      const params: unknown[] = [viewerId, hidden, limit];
      let keyset = '';
      if (after) {
        const [g, at, id] = [params.push(after.routed ? 0 : 1), params.push(after.at), params.push(after.id)];
        keyset = `WHERE grp > $${g} OR (grp = $${g} AND (created_at, id) < ($${at}, $${id}))`;
      }
      const base = `${FINDABLE} AND q.author_id <> $1`;
      const inner = `
        WITH known AS (
          SELECT tag_id FROM person_skills WHERE person_id = $1
          UNION
          SELECT e.tag_id FROM expertise e WHERE e.person_id = $1 AND NOT (e.community_id = ANY($2::int[]))
          GROUP BY e.tag_id HAVING sum(e.score) * ${DECAY} >= ${KNOWS}),
        queue AS (
          SELECT q.*, 0 AS grp FROM questions q
          JOIN question_routes r ON r.question_id = q.id AND r.person_id = $1 AND r.passed_at IS NULL
          WHERE ${base} AND q.accepted_answer_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM answers x WHERE x.question_id = q.id AND x.author_id = $1 AND x.deleted_at IS NULL)
          UNION ALL
          SELECT q.*, 1 AS grp FROM questions q
          WHERE ${base} AND q.answer_count = 0
            AND q.id IN (SELECT qt.question_id FROM question_tags qt WHERE qt.tag_id IN (SELECT tag_id FROM known))
            AND NOT EXISTS (SELECT 1 FROM question_routes r WHERE r.question_id = q.id AND r.person_id = $1))
        SELECT * FROM queue ${keyset} ORDER BY grp, created_at DESC, id DESC LIMIT $3`;
      return db.query<QuestionRow>(`${pageOfQuestions(inner)} ORDER BY q.grp, q.created_at DESC, q.id DESC`, params);
    },

    /** The asker opened their question: answers until now are no longer new to them. */
    async markSeen(questionId: number, personId: number) {
      await db.query(
        `INSERT INTO question_views (question_id, person_id) VALUES ($1, $2)
         ON CONFLICT (person_id, question_id) DO UPDATE SET seen_at = now()`, [questionId, personId]);
    },

    async routes(questionId: number): Promise<{ person_id: number; passed_at: Date | null }[]> {
      return db.query('SELECT person_id, passed_at FROM question_routes WHERE question_id = $1', [questionId]);
    },

    async route(questionId: number, personIds: number[]) {
      if (personIds.length === 0) return;
      await db.query(
        'INSERT INTO question_routes (question_id, person_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING', [questionId, personIds]);
    },

    /** Marks the person's routing passed; false when there was none still open (passed already, or never routed). */
    async pass(questionId: number, personId: number): Promise<boolean> {
      const rows = await db.query(
        `UPDATE question_routes SET passed_at = now() WHERE question_id = $1 AND person_id = $2 AND passed_at IS NULL RETURNING person_id`,
        [questionId, personId]);
      return rows.length > 0;
    },

    /**
     * Whether `personId` answers `questionId` as an expert: it was routed to them, or their declared
     * skills or earned expertise (before this answer counts) cover one of its tags.
     */
    async answersAsExpert(questionId: number, personId: number): Promise<boolean> {
      const [row] = await db.query<{ expert: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM question_routes r WHERE r.question_id = $1 AND r.person_id = $2)
             OR EXISTS (SELECT 1 FROM question_tags qt JOIN person_skills s ON s.tag_id = qt.tag_id AND s.person_id = $2 WHERE qt.question_id = $1)
             OR EXISTS (SELECT 1 FROM question_tags qt JOIN expertise e ON e.tag_id = qt.tag_id AND e.person_id = $2
                        WHERE qt.question_id = $1 GROUP BY qt.tag_id HAVING sum(e.score) * ${DECAY} >= ${KNOWS}) AS expert`,
        [questionId, personId]);
      return row?.expert ?? false;
    },

    async firstExpertAnswer(questionId: number) {
      await db.query('UPDATE questions SET first_expert_answer_at = COALESCE(first_expert_answer_at, now()) WHERE id = $1', [questionId]);
    },

    async visible(viewerId: number, hidden: number[], id: number): Promise<QuestionRow | undefined> {
      const [row] = await db.query<QuestionRow>(`${SELECT_QUESTION} WHERE q.id = $3 AND ${VISIBLE}`, [viewerId, hidden, id]);
      return row;
    },

    async answers(viewerId: number, questionId: number): Promise<AnswerRow[]> {
      return db.query<AnswerRow>(
        `${SELECT_ANSWER} WHERE an.question_id = $2 AND an.deleted_at IS NULL
         ORDER BY an.accepted_at IS NULL, an.score DESC, an.created_at, an.id`, [viewerId, questionId]);
    },

    async answersByIds(viewerId: number, ids: number[]): Promise<AnswerRow[]> {
      if (ids.length === 0) return [];
      return db.query<AnswerRow>(`${SELECT_ANSWER} WHERE an.id = ANY($2::int[]) AND an.deleted_at IS NULL`, [viewerId, ids]);
    },

    async answer(viewerId: number, id: number): Promise<AnswerRow | undefined> {
      const [row] = await db.query<AnswerRow>(`${SELECT_ANSWER} WHERE an.id = $2 AND an.deleted_at IS NULL`, [viewerId, id]);
      return row;
    },

    /**
     * Questions like `text`, most relevant first (docs/relevance.md). Each of its words (stemmed)
     * weighs by how rare it is among the questions the viewer can see (inverse document frequency
     * from `question_terms`, kept on write: no scan per query), in full in a title and 0.6 in a
     * body; the text score is the share of the query's weight a question matches (0..1). A shared
     * tag adds 0.25 (two at most). Below 0.2 a question is not like this one at all, and is not
     * shown, however well answered. Among the relevant ones an accepted answer adds 0.1 and the
     * best answer's up-votes a little more (0.05 * ln(1 + votes)): answered ones first when they
     * are about as relevant, never an answered stranger before the same question unanswered.
     * Candidates come from three capped, indexed sets -- the newest questions with all the words,
     * with any of the rarest words, with a shared tag -- so a common word never means ranking
     * every question.
     */
    async similar(viewerId: number, hidden: number[], text: string, tagIds: number[], communityId: number | undefined, limit: number) {
      const params: unknown[] = [viewerId, hidden, text, tagIds, limit, SIMILAR_CANDIDATES];
      const community = communityId === undefined ? '' : `AND (q.community_id = $${params.push(communityId)} OR q.community_id IS NULL)`;
      return db.query<QuestionRow & { score: number }>(
        `WITH words AS (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('english', $3))) AS w),
         docs AS (SELECT COALESCE(sum(n), 0)::float8 AS n FROM question_term_docs WHERE NOT (community_id = ANY($2::int[]))),
         weights AS (
           SELECT s.w, s.df, ln(1 + (docs.n - s.df + 0.5) / (s.df + 0.5)) AS idf
           FROM (SELECT words.w, (SELECT COALESCE(sum(t.df), 0) FROM question_terms t
                                  WHERE t.term = words.w AND NOT (t.community_id = ANY($2::int[])))::float8 AS df
                 FROM words) s, docs),
         -- Words no question uses count too, at the highest weight: when the words that carry the
         -- question match nothing, a match on an incidental one is not similarity.
         total AS (SELECT sum(idf) AS idf FROM weights),
         terms AS (
           SELECT (SELECT to_tsquery('simple', COALESCE(string_agg(quote_literal(r.w), ' | '), ''))
                   FROM (SELECT w FROM weights WHERE df > 0 ORDER BY df, w LIMIT ${SIMILAR_RARE_WORDS}) r) AS rare,
                  (SELECT to_tsquery('simple', COALESCE(string_agg(quote_literal(w), ' & '), '')) FROM weights WHERE df > 0) AS all_words),
         candidates AS (
           (SELECT q.id FROM questions q, terms WHERE q.search @@ terms.all_words AND ${FINDABLE} ${community}
            ORDER BY q.id DESC LIMIT $6)
           UNION
           (SELECT q.id FROM questions q, terms WHERE q.search @@ terms.rare AND ${FINDABLE} ${community}
            ORDER BY q.id DESC LIMIT $6)
           UNION
           (SELECT qt.question_id FROM question_tags qt JOIN questions q ON q.id = qt.question_id
            WHERE qt.tag_id = ANY($4::int[]) AND ${FINDABLE} ${community}
            ORDER BY qt.question_id DESC LIMIT $6)),
         scored AS (
           SELECT q.id,
                  COALESCE((SELECT sum(wt.idf * CASE WHEN 'A' = ANY(u.weights) THEN 1 ELSE 0.6 END)
                            FROM unnest(q.search) u JOIN weights wt ON wt.w = u.lexeme) / NULLIF(total.idf, 0), 0)
                  + 0.25 * least(2, (SELECT count(*) FROM question_tags qt WHERE qt.question_id = q.id AND qt.tag_id = ANY($4::int[])))
                    AS relevance,
                  CASE WHEN q.accepted_answer_id IS NULL THEN 0 ELSE 0.1 END
                  + 0.05 * ln(1 + (SELECT greatest(0, COALESCE(max(an.score), 0)) FROM answers an
                                   WHERE an.question_id = q.id AND an.deleted_at IS NULL AND an.hidden_at IS NULL)) AS quality
           -- By primary key: a join let the planner hash all questions for a few hundred ids.
           FROM questions q, total
           WHERE q.id = ANY (ARRAY(SELECT id FROM candidates))),
         hits AS (
           SELECT id, relevance + quality AS score FROM scored WHERE relevance >= ${SIMILAR_MIN_RELEVANCE}
           ORDER BY score DESC, id DESC LIMIT $5)
         SELECT r.*, h.score FROM hits h, LATERAL (${SELECT_QUESTION} WHERE q.id = h.id) r
         ORDER BY h.score DESC, r.id DESC`, params);
    },

    /**
     * Ranked full-text matches on title and body, marked. The candidates are the newest matches,
     * as for posts (`matchesSql`: those among the newest SEARCH_WINDOW.questions questions, or the
     * newest SEARCH_CANDIDATES when these are too few for the page). Within a tag, the newest are
     * the tag's SEARCH_WINDOW.tagged questions of highest id, then older ones through the full-text
     * index (`questionSource`).
     */
    async search(f: SearchFilter): Promise<(QuestionRow & { score: number; marked_title: string | null; marked_body: string | null; top: Candidate[] | null })[]> {
      const params: unknown[] = [f.viewerId, f.hidden, f.query];
      const where = [FINDABLE];
      const add = (sql: string, value: unknown) => where.push(sql.replaceAll('?', `$${params.push(value)}`));
      if (f.communityId !== undefined) add('q.community_id = ?', f.communityId);
      if (f.authorId !== undefined) add('q.author_id = ?', f.authorId);
      // With a tag, from the tag's questions (questionSource).
      if (f.tagId !== undefined) add('qt.tag_id = ?', f.tagId);
      if (f.from !== undefined) add('q.created_at >= (?::date)::timestamptz', f.from);
      if (f.to !== undefined) add('q.created_at < (?::date + 1)::timestamptz', f.to);
      const limit = params.push(f.limit);
      const offset = params.push(f.offset);
      const source = questionSource(f.tagId !== undefined);
      const matches = matchesSql({
        columns: 'q.id, q.author_id, q.community_id, q.search, q.created_at, q.accepted_answer_id, q.answer_count',
        from: source.from,
        alias: 'q',
        filters: where,
        match: (a) => `${a}.search @@ websearch_to_tsquery('english', $3)`,
        time: source.time,
        key: source.key,
        window: `$${params.push(source.window)}`,
        older: source.older?.(where),
        cap: `$${params.push(SEARCH_CANDIDATES)}`,
        need: `$${params.push(f.offset + f.limit)}`,
      });
      // Answered first (an accepted answer, then any answer), then by relevance: see SearchFilter.
      const grp = f.answeredFirst ? 'CASE WHEN m.accepted_answer_id IS NOT NULL THEN 0 WHEN m.answer_count > 0 THEN 1 ELSE 2 END' : '0';
      const top = f.top === undefined ? undefined : `$${params.push(f.top)}`;
      return db.query(
        `WITH matches AS (${matches}),
         ranked AS (
           SELECT m.id, m.author_id, m.community_id, ${grp} AS grp, ts_rank_cd(m.search, websearch_to_tsquery('english', $3), 32) AS score,
                  m.created_at
           FROM matches m),
         hits AS (
           SELECT r.id, r.score, r.created_at, r.grp, row_number() OVER (ORDER BY r.grp, r.score DESC, r.created_at DESC, r.id DESC) AS n
           FROM ranked r
           ORDER BY r.grp, r.score DESC, r.created_at DESC, r.id DESC LIMIT $${limit} OFFSET $${offset})
         SELECT r.*, h.score,
                ts_headline('english', r.title, websearch_to_tsquery('english', $3), '${HEADLINE_OPTIONS}') AS marked_title,
                ts_headline('english', r.body, websearch_to_tsquery('english', $3), '${HEADLINE_OPTIONS}') AS marked_body,
                ${topCandidatesSql('question', top)}
         FROM hits h, LATERAL (${SELECT_QUESTION} WHERE q.id = h.id) r
         ORDER BY h.grp, h.score DESC, r.created_at DESC, r.id DESC`, params);
    },

    /**
     * Recent findable questions' titles, answered ones first (an accepted answer, then any),
     * chosen among the newest `candidates` by the questions' time index (for the search box).
     */
    async recentTitles(hidden: number[], limit: number, candidates: number): Promise<{ id: number; title: string; answered: boolean }[]> {
      return db.query<{ id: number; title: string; answered: boolean }>(
        `SELECT q.id, q.title, (q.accepted_answer_id IS NOT NULL OR q.answer_count > 0) AS answered
         FROM (SELECT q.id, q.title, q.accepted_answer_id, q.answer_count, q.created_at FROM questions q
               WHERE ${FINDABLE}
               ORDER BY q.created_at DESC, q.id DESC LIMIT $3) q
         ORDER BY q.accepted_answer_id IS NULL, q.answer_count = 0, q.created_at DESC, q.id DESC
         LIMIT $1`, [limit, hidden, candidates]);
    },

    async insertQuestion(q: { authorId: number; communityId: number | null; title: string; body: string }): Promise<number> {
      const [row] = await db.query<{ id: number }>(
        'INSERT INTO questions (author_id, community_id, title, body) VALUES ($1, $2, $3, $4) RETURNING id',
        [q.authorId, q.communityId, q.title, q.body]);
      return row!.id;
    },

    async setTags(questionId: number, tagIds: number[]) {
      await db.query('DELETE FROM question_tags WHERE question_id = $1', [questionId]);
      await db.query('INSERT INTO question_tags (question_id, tag_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING', [questionId, tagIds]);
    },

    async updateQuestion(id: number, title: string, body: string) {
      await db.query('UPDATE questions SET title = $2, body = $3, edited_at = now() WHERE id = $1', [id, title, body]);
    },

    async deleteQuestion(id: number) {
      await db.query('UPDATE questions SET deleted_at = now() WHERE id = $1', [id]);
    },

    async insertAnswer(a: { questionId: number; authorId: number; body: string }): Promise<number> {
      const [row] = await db.query<{ id: number }>(
        'INSERT INTO answers (question_id, author_id, body) VALUES ($1, $2, $3) RETURNING id',
        [a.questionId, a.authorId, a.body]);
      await db.query(
        `UPDATE questions SET answer_count = answer_count + 1, first_answer_at = COALESCE(first_answer_at, now()) WHERE id = $1`,
        [a.questionId]);
      return row!.id;
    },

    async updateAnswer(id: number, body: string) {
      await db.query('UPDATE answers SET body = $2, edited_at = now() WHERE id = $1', [id, body]);
    },

    async deleteAnswer(id: number, questionId: number) {
      await db.query('UPDATE answers SET deleted_at = now(), accepted_at = NULL WHERE id = $1', [id]);
      await db.query(
        `UPDATE questions SET answer_count = answer_count - 1,
           accepted_answer_id = CASE WHEN accepted_answer_id = $2 THEN NULL ELSE accepted_answer_id END,
           state = CASE WHEN accepted_answer_id = $2 THEN 'open' ELSE state END
         WHERE id = $1`, [questionId, id]);
    },

    async accept(questionId: number, answerId: number | null) {
      await db.query('UPDATE answers SET accepted_at = NULL WHERE question_id = $1 AND accepted_at IS NOT NULL', [questionId]);
      if (answerId !== null) await db.query('UPDATE answers SET accepted_at = now() WHERE id = $1', [answerId]);
      await db.query(
        `UPDATE questions SET accepted_answer_id = $2, state = CASE WHEN $2::int IS NULL THEN 'open' ELSE 'answered' END WHERE id = $1`,
        [questionId, answerId]);
    },

    /** Sets the person's vote (0 removes it) and returns the answer's new score. */
    async vote(answerId: number, personId: number, value: -1 | 0 | 1) {
      if (value === 0) await db.query('DELETE FROM answer_votes WHERE answer_id = $1 AND person_id = $2', [answerId, personId]);
      else {
        await db.query(
          `INSERT INTO answer_votes (answer_id, person_id, value) VALUES ($1, $2, $3)
           ON CONFLICT (answer_id, person_id) DO UPDATE SET value = EXCLUDED.value, created_at = now()
           WHERE answer_votes.value <> EXCLUDED.value`, [answerId, personId, value]);
      }
      const [row] = await db.query<{ score: number }>(
        `UPDATE answers SET score = (SELECT COALESCE(sum(value), 0) FROM answer_votes WHERE answer_id = $1) WHERE id = $1 RETURNING score`,
        [answerId]);
      return row?.score ?? 0;
    },
  };
}
