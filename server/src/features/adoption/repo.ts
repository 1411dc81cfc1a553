import type { Queryable } from '../../db/index.ts';

/**
 * Which communities' figures count: the company (content outside any community and every
 * community but those hidden from the viewer) or a set of communities.
 */
export type AdoptionScope =
  | { company: true; hidden: number[] }
  | { company: false; communityIds: number[] };

/** One period's figures as counted in SQL (people among the population only). */
export interface PeriodRow {
  kind: 'week' | 'day';
  i: number;
  first: string;
  last: string;
  contributors: number;
  exec_contributors: number;
  posts: number;
  replies: number;
  questions: number;
  answers: number;
  tagged_posts: number;
  active_communities: number;
  readers: number;
  exec_readers: number;
  active: number;
  exec_active: number;
  questions_answered: number;
  median_first: number | null;
  median_expert: number | null;
  old_questions: number;
  unanswered_48h: number;
}

export interface DepartmentRow {
  department: string | null;
  people: number;
  readers: number;
  contributors: number;
}

export interface CommunityRow {
  slug: string;
  name: string;
  visibility: 'open' | 'restricted';
  members: number;
  contributors: number;
  posts: number;
  replies: number;
  questions: number;
  answers: number;
  last_active_day: string | null;
  inactive: boolean;
}

export interface QuietExecutiveRow {
  handle: string;
  name: string;
  department: string | null;
  last_active_day: string | null;
}

export interface PlacementRow {
  kind: string;
  url: string;
  readers: number;
  contributors: number;
}

/**
 * The statements' parameters: $1 today (UTC date), $2 weeks, $3 company?, $4 the communities of a
 * community scope, $5 the communities hidden from the viewer; $6 is each statement's own.
 */
function params(today: string, weeks: number, scope: AdoptionScope) {
  return [today, weeks, scope.company, scope.company ? [] : scope.communityIds, scope.company ? scope.hidden : []];
}

/** Whether a community id (0 = none) is in scope. */
const inScope = (x: string) => `(CASE WHEN $3::boolean THEN (${x} = 0 OR NOT (${x} = ANY($5::int[]))) ELSE ${x} = ANY($4::int[]) END)`;

/** The first day of the window: 7 * weeks days ending today. */
const FIRST_DAY = `($1::date - (7 * $2::int - 1))`;

/** Everyone counted as people: active people, or the active members of the scope's communities. */
const POPULATION = `
  pop AS MATERIALIZED (
    SELECT p.id, p.department, 'executive' = ANY(p.roles) AS executive FROM people p
    WHERE p.active AND ($3::boolean OR EXISTS (
      SELECT 1 FROM memberships m WHERE m.person_id = p.id AND m.community_id = ANY($4::int[]))))`;

/** What people wrote in the window, in scope; `wrote` is false for a row left empty by deletes. */
const CONTRIBUTIONS = `
  contrib AS MATERIALIZED (
    SELECT a.day, a.community_id, a.person_id, a.posts, a.replies, a.questions, a.answers, a.tagged_posts,
           (a.posts + a.replies + a.questions + a.answers) > 0 AS wrote
    FROM adoption_days a
    WHERE a.day BETWEEN ${FIRST_DAY} AND $1::date AND ${inScope('a.community_id')})`;

/** Who read in the window: the company only (reading is not counted per community). */
const READS = `
  reads AS MATERIALIZED (
    SELECT DISTINCT d.day, d.person_id FROM activity_days d
    WHERE $3::boolean AND d.read AND d.day BETWEEN ${FIRST_DAY} AND $1::date)`;

export function adoptionRepo(db: Queryable) {
  return {
    async population(scope: AdoptionScope): Promise<{ people: number; executives: number }> {
      const [row] = await db.query<{ people: number; executives: number }>(
        `WITH ${POPULATION.replaceAll('$3', '$1').replaceAll('$4', '$2')}
         SELECT count(*)::int AS people, count(*) FILTER (WHERE executive)::int AS executives FROM pop`,
        params('', 1, scope).slice(2, 4));
      return row ?? { people: 0, executives: 0 };
    },

    /** Every period's figures: `weeks` 7-day periods ending today and the last 14 days. */
    async periods(today: string, weeks: number, scope: AdoptionScope, now: Date): Promise<PeriodRow[]> {
      return db.query<PeriodRow>(
        `WITH periods AS (
           SELECT 'week'::text AS kind, i, $1::date - 7 * i - 6 AS first, $1::date - 7 * i AS last FROM generate_series(0, $2::int - 1) i
           UNION ALL
           SELECT 'day', i, $1::date - i, $1::date - i FROM generate_series(0, 13) i),
         ${POPULATION}, ${CONTRIBUTIONS}, ${READS},
         c AS (
           SELECT p.kind, p.i,
                  count(DISTINCT x.person_id) FILTER (WHERE x.wrote AND pop.id IS NOT NULL) AS contributors,
                  count(DISTINCT x.person_id) FILTER (WHERE x.wrote AND pop.executive) AS exec_contributors,
                  sum(x.posts) AS posts, sum(x.replies) AS replies, sum(x.questions) AS questions, sum(x.answers) AS answers,
                  sum(x.tagged_posts) AS tagged_posts,
                  count(DISTINCT x.community_id) FILTER (WHERE x.wrote AND x.community_id <> 0) AS active_communities
           FROM periods p JOIN contrib x ON x.day BETWEEN p.first AND p.last LEFT JOIN pop ON pop.id = x.person_id
           GROUP BY 1, 2),
         r AS (
           SELECT p.kind, p.i, count(DISTINCT x.person_id) AS readers, count(DISTINCT x.person_id) FILTER (WHERE pop.executive) AS exec_readers
           FROM periods p JOIN reads x ON x.day BETWEEN p.first AND p.last JOIN pop ON pop.id = x.person_id
           GROUP BY 1, 2),
         a AS (
           SELECT p.kind, p.i, count(DISTINCT x.person_id) AS active, count(DISTINCT x.person_id) FILTER (WHERE pop.executive) AS exec_active
           FROM periods p
           JOIN (SELECT day, person_id FROM contrib WHERE wrote UNION SELECT day, person_id FROM reads) x ON x.day BETWEEN p.first AND p.last
           JOIN pop ON pop.id = x.person_id
           GROUP BY 1, 2),
         qs AS (
           SELECT (q.created_at AT TIME ZONE 'UTC')::date AS day, q.created_at,
                  extract(epoch FROM q.first_answer_at - q.created_at) / 3600 AS first_hours,
                  extract(epoch FROM q.first_expert_answer_at - q.created_at) / 3600 AS expert_hours,
                  q.first_answer_at
           FROM questions q
           WHERE q.deleted_at IS NULL AND q.hidden_at IS NULL
             AND q.created_at >= ${FIRST_DAY}::timestamp AT TIME ZONE 'UTC' AND q.created_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
             AND ${inScope('COALESCE(q.community_id, 0)')}),
         q AS (
           SELECT p.kind, p.i,
                  count(*) FILTER (WHERE x.first_answer_at IS NOT NULL) AS questions_answered,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY x.first_hours) FILTER (WHERE x.first_hours IS NOT NULL) AS median_first,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY x.expert_hours) FILTER (WHERE x.expert_hours IS NOT NULL) AS median_expert,
                  count(*) FILTER (WHERE x.created_at <= $6::timestamptz - interval '48 hours') AS old_questions,
                  count(*) FILTER (WHERE x.created_at <= $6::timestamptz - interval '48 hours'
                                     AND (x.first_answer_at IS NULL OR x.first_answer_at > x.created_at + interval '48 hours')) AS unanswered_48h
           FROM periods p JOIN qs x ON x.day BETWEEN p.first AND p.last
           GROUP BY 1, 2)
         SELECT p.kind, p.i, p.first::text AS first, p.last::text AS last,
                COALESCE(c.contributors, 0)::int AS contributors, COALESCE(c.exec_contributors, 0)::int AS exec_contributors,
                COALESCE(c.posts, 0)::int AS posts, COALESCE(c.replies, 0)::int AS replies,
                COALESCE(c.questions, 0)::int AS questions, COALESCE(c.answers, 0)::int AS answers,
                COALESCE(c.tagged_posts, 0)::int AS tagged_posts, COALESCE(c.active_communities, 0)::int AS active_communities,
                COALESCE(r.readers, 0)::int AS readers, COALESCE(r.exec_readers, 0)::int AS exec_readers,
                COALESCE(a.active, 0)::int AS active, COALESCE(a.exec_active, 0)::int AS exec_active,
                COALESCE(q.questions_answered, 0)::int AS questions_answered,
                q.median_first::float8 AS median_first, q.median_expert::float8 AS median_expert,
                COALESCE(q.old_questions, 0)::int AS old_questions, COALESCE(q.unanswered_48h, 0)::int AS unanswered_48h
         FROM periods p
         LEFT JOIN c ON c.kind = p.kind AND c.i = p.i
         LEFT JOIN r ON r.kind = p.kind AND r.i = p.i
         LEFT JOIN a ON a.kind = p.kind AND a.i = p.i
         LEFT JOIN q ON q.kind = p.kind AND q.i = p.i
         ORDER BY p.kind, p.i DESC`,
        [...params(today, weeks, scope), now]);
    },

    /** The population by department, with who of them read and contributed in the last 7 days. */
    async departments(today: string, scope: AdoptionScope): Promise<DepartmentRow[]> {
      return db.query<DepartmentRow>(
        `WITH ${POPULATION}, ${CONTRIBUTIONS}, ${READS},
         cw AS (SELECT DISTINCT person_id FROM contrib WHERE wrote AND day >= $1::date - 6),
         rw AS (SELECT DISTINCT person_id FROM reads WHERE day >= $1::date - 6)
         SELECT pop.department, count(*)::int AS people, count(rw.person_id)::int AS readers, count(cw.person_id)::int AS contributors
         FROM pop LEFT JOIN cw ON cw.person_id = pop.id LEFT JOIN rw ON rw.person_id = pop.id
         GROUP BY 1 ORDER BY count(*) DESC, pop.department NULLS LAST`,
        params(today, 1, scope));
    },

    /** The scope's communities (a company: the active ones the viewer can see) with the last 7 days. */
    async communities(today: string, scope: AdoptionScope, inactiveDays: number): Promise<CommunityRow[]> {
      return db.query<CommunityRow>(
        `WITH ${POPULATION}, ${CONTRIBUTIONS},
         w AS (
           SELECT x.community_id, count(DISTINCT x.person_id) FILTER (WHERE x.wrote AND pop.id IS NOT NULL) AS contributors,
                  sum(x.posts) AS posts, sum(x.replies) AS replies, sum(x.questions) AS questions, sum(x.answers) AS answers
           FROM contrib x LEFT JOIN pop ON pop.id = x.person_id
           WHERE x.day >= $1::date - 6 GROUP BY 1)
         SELECT c.slug, c.name, c.visibility, c.member_count AS members,
                COALESCE(w.contributors, 0)::int AS contributors, COALESCE(w.posts, 0)::int AS posts,
                COALESCE(w.replies, 0)::int AS replies, COALESCE(w.questions, 0)::int AS questions, COALESCE(w.answers, 0)::int AS answers,
                l.day::text AS last_active_day,
                (c.state = 'active' AND (c.created_at AT TIME ZONE 'UTC')::date <= $1::date - $6::int
                 AND (l.day IS NULL OR l.day <= $1::date - $6::int)) AS inactive
         FROM communities c
         LEFT JOIN w ON w.community_id = c.id
         LEFT JOIN LATERAL (
           SELECT max(a.day) AS day FROM adoption_days a
           WHERE a.community_id = c.id AND (a.posts + a.replies + a.questions + a.answers) > 0) l ON true
         WHERE CASE WHEN $3::boolean THEN c.state = 'active' AND NOT (c.id = ANY($5::int[])) ELSE c.id = ANY($4::int[]) END
         ORDER BY COALESCE(w.contributors, 0) DESC, c.slug`,
        [...params(today, 1, scope), inactiveDays]);
    },

    /** Host pages with readers or contributors in the last 7 days, most read first. */
    async placements(today: string, limit: number): Promise<PlacementRow[]> {
      return db.query<PlacementRow>(
        `SELECT pl.kind, pl.url,
                count(DISTINCT d.person_id) FILTER (WHERE d.read)::int AS readers,
                count(DISTINCT d.person_id) FILTER (WHERE d.wrote)::int AS contributors
         FROM activity_days d
         JOIN placements pl ON pl.id = d.placement_id
         JOIN people p ON p.id = d.person_id AND p.active
         WHERE d.day BETWEEN $1::date - 6 AND $1::date
         GROUP BY pl.id, pl.kind, pl.url
         ORDER BY readers DESC, contributors DESC, pl.url, pl.kind
         LIMIT $2`,
        [today, limit]);
    },

    /**
     * The population's executives with no contribution in scope since the first day of today's
     * UTC month, by name, with their last day with one in scope (ever).
     */
    async quietExecutives(today: string, scope: AdoptionScope, limit: number): Promise<QuietExecutiveRow[]> {
      const wrote = `(a.posts + a.replies + a.questions + a.answers) > 0 AND ${inScope('a.community_id')}`;
      return db.query<QuietExecutiveRow>(
        `WITH ${POPULATION}
         SELECT p.handle, p.name, p.department,
                (SELECT max(a.day)::text FROM adoption_days a WHERE a.person_id = p.id AND ${wrote}) AS last_active_day
         FROM pop JOIN people p ON p.id = pop.id
         WHERE pop.executive AND NOT EXISTS (
           SELECT 1 FROM adoption_days a
           WHERE a.person_id = pop.id AND a.day BETWEEN date_trunc('month', $1::date)::date AND $1::date AND ${wrote})
         ORDER BY p.name COLLATE "C", p.handle COLLATE "C"
         LIMIT $2`,
        params(today, limit, scope));
    },

    async targets(): Promise<unknown | undefined> {
      const [row] = await db.query<{ targets: unknown }>('SELECT targets FROM adoption_targets');
      return row?.targets;
    },

    async setTargets(targets: object, by: number): Promise<void> {
      await db.query(
        `INSERT INTO adoption_targets (id, targets, updated_by) VALUES (true, $1::jsonb, $2)
         ON CONFLICT (id) DO UPDATE SET targets = EXCLUDED.targets, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [JSON.stringify(targets), by]);
    },

    /** The communities `personId` manages. */
    async managed(personId: number): Promise<number[]> {
      const rows = await db.query<{ id: number }>(
        `SELECT community_id AS id FROM memberships WHERE person_id = $1 AND role = 'manager' ORDER BY 1`, [personId]);
      return rows.map((r) => r.id);
    },

    async community(slug: string): Promise<{ id: number; slug: string; name: string } | undefined> {
      const [row] = await db.query<{ id: number; slug: string; name: string }>(
        'SELECT id, slug, name FROM communities WHERE slug = $1', [slug]);
      return row;
    },

    /** The number of communities in a company scope: active ones not hidden. */
    async countCommunities(hidden: number[]): Promise<number> {
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM communities WHERE state = 'active' AND NOT (id = ANY($1::int[]))`, [hidden]);
      return row?.n ?? 0;
    },

    // --- Reading and writing through placements (the middleware) ---

    /** The id of a placement, created on first sight. */
    async placement(kind: string, url: string): Promise<number> {
      const [row] = await db.query<{ id: number }>(
        `INSERT INTO placements (kind, url) VALUES ($1, $2)
         ON CONFLICT (url, kind) DO UPDATE SET kind = EXCLUDED.kind RETURNING id`,
        [kind, url]);
      return row!.id;
    },

    /** Marks that the person read or wrote through a placement (0: none reported) on a day. */
    async mark(day: string, personId: number, placementId: number, what: 'read' | 'wrote'): Promise<void> {
      await db.query(
        `INSERT INTO activity_days AS d (day, person_id, placement_id, read, wrote) VALUES ($1::date, $2, $3, $4, $5)
         ON CONFLICT (day, person_id, placement_id) DO UPDATE SET read = d.read OR EXCLUDED.read, wrote = d.wrote OR EXCLUDED.wrote`,
        [day, personId, placementId, what === 'read', what === 'wrote']);
    },
  };
}
