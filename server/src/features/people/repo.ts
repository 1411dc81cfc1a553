import type { Queryable } from '../../db/index.ts';
import type { Role } from '@hearth/contracts';

export interface PersonRow {
  id: number;
  external_id: string;
  handle: string;
  name: string;
  email: string | null;
  title: string | null;
  department: string | null;
  roles: Role[];
  /** false once the identity provider deactivated the person (SCIM): no sign-in, no API. */
  active: boolean;
  /** Provisioned by SCIM: the directory, not the sign-in, keeps the profile and roles. */
  provisioned: boolean;
}

export interface CardSkillRow {
  tag: string;
  declared: boolean;
  endorsements: number;
  endorsed_by_me: boolean;
  accepted: number;
  upvotes: number;
}

export interface RecentRow {
  kind: 'post' | 'answer';
  id: number;
  body: string;
  created_at: Date;
  community_id: number | null;
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'restricted' | null;
  question_id: number | null;
  question_title: string | null;
  accepted: boolean;
}

const COLUMNS = 'id, external_id, handle, name, email, title, department, roles, active, scim_user_name IS NOT NULL AS provisioned';

export function peopleRepo(db: Queryable) {
  return {
    async byExternalId(externalId: string) {
      const [row] = await db.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE external_id = $1`, [externalId]);
      return row;
    },
    /**
     * Active people whose handle, name or a word of their name starts with `q` (any case): the
     * handle's exact match first, then by name. The index of the places a match can start
     * (people_name_keys, 015_search_speed.sql) finds the few candidates; LIKE decides.
     */
    search(q: string, limit: number) {
      const lower = q.toLowerCase();
      const prefix = `${lower.replace(/[\\%_]/g, '\\$&')}%`;
      return db.query<Pick<PersonRow, 'id' | 'handle' | 'name' | 'title' | 'department'>>(
        `SELECT id, handle, name, title, department FROM people
         WHERE active AND people_name_keys(handle, name) @> ARRAY[left($2, 8)]
           AND (handle LIKE $1 OR lower(name) LIKE $1 OR lower(name) LIKE '% ' || $1)
         ORDER BY handle = $2 DESC, lower(name), id LIMIT $3`,
        [prefix, lower, limit]);
    },
    async byHandle(handle: string) {
      const [row] = await db.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE handle = $1`, [handle]);
      return row;
    },
    async byId(id: number) {
      const [row] = await db.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE id = $1`, [id]);
      return row;
    },
    /** Who a card is about: an active person only (a deactivated one has no card). */
    async active(handle: string) {
      const [row] = await db.query<Pick<PersonRow, 'id' | 'handle' | 'name' | 'title' | 'department'> & { away: boolean }>(
        'SELECT id, handle, name, title, department, away FROM people WHERE handle = $1 AND active', [handle]);
      return row;
    },

    /**
     * What `personId` knows, for their card, as `viewerId` may see it: declared skills,
     * endorsements, and what helped others in the last year (accepted answers, and up-votes on
     * their answers, on questions with the tag; not posts, not mentions). Questions in
     * communities hidden from the viewer, and deleted or moderated content, count for nothing.
     * Strongest first, by the weights expertise uses (questions/repo.ts, experts/repo.ts):
     * accepted 10, declared 5, an up-vote or an endorsement 1. Only tags with a reason, and only
     * tags the viewer may know of: a tag used only in communities hidden from them (by posts or
     * questions) is left out even when declared or endorsed, as the tag cloud leaves it out.
     * On one's own card (`personId` = `viewerId`) every declared skill is listed, whatever its
     * visibility and rank, beyond `limit`: the skills editor seeds its chips from them and saving
     * replaces the whole list, so one left out would be deleted.
     */
    skills(personId: number, viewerId: number, hidden: number[], limit: number) {
      return db.query<CardSkillRow>(
        `WITH earned AS (
           SELECT qt.tag_id,
                  count(*) FILTER (WHERE an.accepted_at > now() - interval '1 year')::int AS accepted,
                  COALESCE(sum((SELECT count(*) FROM answer_votes v
                                WHERE v.answer_id = an.id AND v.value > 0 AND v.created_at > now() - interval '1 year')), 0)::int AS upvotes
           FROM answers an
           JOIN questions q ON q.id = an.question_id
           JOIN question_tags qt ON qt.question_id = q.id
           WHERE an.author_id = $1 AND an.deleted_at IS NULL AND an.hidden_at IS NULL
             AND q.deleted_at IS NULL AND q.hidden_at IS NULL
             AND (q.community_id IS NULL OR NOT (q.community_id = ANY($3::int[])))
           GROUP BY qt.tag_id),
         endorsed AS (
           SELECT tag_id, count(*)::int AS n, bool_or(endorser_id = $2) AS mine FROM endorsements
           WHERE person_id = $1 GROUP BY tag_id),
         reasons AS (
           SELECT tag_id FROM earned WHERE accepted > 0 OR upvotes > 0
           UNION SELECT tag_id FROM person_skills WHERE person_id = $1
           UNION SELECT tag_id FROM endorsed)
         SELECT tag, declared, endorsements, endorsed_by_me, accepted, upvotes FROM (
         SELECT t.name AS tag,
                EXISTS (SELECT 1 FROM person_skills s WHERE s.person_id = $1 AND s.tag_id = r.tag_id) AS declared,
                COALESCE(en.n, 0) AS endorsements, COALESCE(en.mine, false) AS endorsed_by_me,
                COALESCE(e.accepted, 0) AS accepted, COALESCE(e.upvotes, 0) AS upvotes,
                row_number() OVER (
                  ORDER BY 10 * COALESCE(e.accepted, 0) + COALESCE(e.upvotes, 0) + COALESCE(en.n, 0)
                           + CASE WHEN EXISTS (SELECT 1 FROM person_skills s WHERE s.person_id = $1 AND s.tag_id = r.tag_id) THEN 5 ELSE 0 END DESC,
                           t.name) AS rank
         FROM reasons r
         JOIN tags t ON t.id = r.tag_id
         LEFT JOIN earned e ON e.tag_id = r.tag_id
         LEFT JOIN endorsed en ON en.tag_id = r.tag_id
         WHERE e.tag_id IS NOT NULL
            OR ($1 = $2 AND EXISTS (SELECT 1 FROM person_skills s WHERE s.person_id = $1 AND s.tag_id = r.tag_id))
            OR EXISTS (SELECT 1 FROM tag_totals v WHERE v.tag_id = r.tag_id AND v.posts > 0 AND NOT (v.community_id = ANY($3::int[])))
            OR EXISTS (SELECT 1 FROM question_tags vq JOIN questions q ON q.id = vq.question_id
                       WHERE vq.tag_id = r.tag_id AND q.deleted_at IS NULL
                         AND (q.community_id IS NULL OR NOT (q.community_id = ANY($3::int[]))))
            OR NOT (EXISTS (SELECT 1 FROM tag_totals v WHERE v.tag_id = r.tag_id AND v.posts > 0)
                    OR EXISTS (SELECT 1 FROM question_tags hq JOIN questions q ON q.id = hq.question_id
                               WHERE hq.tag_id = r.tag_id AND q.community_id = ANY($3::int[])))
         ) ranked
         WHERE rank <= $4 OR ($1 = $2 AND declared)
         ORDER BY rank`, [personId, viewerId, hidden, limit]);
    },

    /** The communities `personId` is in that the viewer may see, active ones first, by name. */
    communities(personId: number, hidden: number[]) {
      return db.query<{ slug: string; name: string; visibility: 'open' | 'restricted'; role: 'member' | 'manager' }>(
        `SELECT c.slug, c.name, c.visibility, m.role FROM memberships m JOIN communities c ON c.id = m.community_id
         WHERE m.person_id = $1 AND NOT (c.id = ANY($2::int[]))
         ORDER BY c.state = 'archived', lower(c.name), c.id`, [personId, hidden]);
    },

    /**
     * `personId`'s newest posts (top-level and replies) and answers that the viewer may see:
     * not deleted, not hidden by a moderator (nor what they belong to), not in a community hidden
     * from the viewer. Each kind walks its author index for at most `limit` rows.
     */
    recent(personId: number, hidden: number[], limit: number) {
      return db.query<RecentRow>(
        `SELECT x.*, c.slug AS community_slug, c.name AS community_name, c.visibility AS community_visibility
         FROM ((SELECT 'post' AS kind, p.id, p.body, p.created_at, p.community_id,
                       NULL::int AS question_id, NULL::text AS question_title, false AS accepted
                FROM posts p
                WHERE p.author_id = $1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL
                  AND (p.community_id IS NULL OR NOT (p.community_id = ANY($2::int[])))
                  AND (p.parent_id IS NULL OR EXISTS (
                    SELECT 1 FROM posts pp WHERE pp.id = p.parent_id AND pp.deleted_at IS NULL AND pp.hidden_at IS NULL))
                ORDER BY p.created_at DESC, p.id DESC LIMIT $3)
               UNION ALL
               (SELECT 'answer', an.id, an.body, an.created_at, NULL::int, q.id, q.title, an.accepted_at IS NOT NULL
                FROM answers an JOIN questions q ON q.id = an.question_id
                WHERE an.author_id = $1 AND an.deleted_at IS NULL AND an.hidden_at IS NULL
                  AND q.deleted_at IS NULL AND q.hidden_at IS NULL
                  AND (q.community_id IS NULL OR NOT (q.community_id = ANY($2::int[])))
                ORDER BY an.created_at DESC, an.id DESC LIMIT $3)) x
         LEFT JOIN communities c ON c.id = x.community_id
         ORDER BY x.created_at DESC, x.kind, x.id DESC
         LIMIT $3`, [personId, hidden, limit]);
    },

    /** Inserts unless the external id exists; returns undefined when the handle is taken. */
    async insert(p: Omit<PersonRow, 'id' | 'active' | 'provisioned'>) {
      const [row] = await db.query<PersonRow>(
        `INSERT INTO people (external_id, handle, name, email, title, department, roles)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [p.external_id, p.handle, p.name, p.email, p.title, p.department, p.roles],
      );
      return row;
    },
    /** The stored roles, the row locked until the transaction ends. */
    async lockRoles(id: number) {
      const [row] = await db.query<Pick<PersonRow, 'roles'>>('SELECT roles FROM people WHERE id = $1 FOR UPDATE', [id]);
      return row?.roles;
    },
    async update(id: number, p: Pick<PersonRow, 'name' | 'email' | 'title' | 'department' | 'roles'>) {
      const [row] = await db.query<PersonRow>(
        `UPDATE people SET name = $2, email = $3, title = $4, department = $5, roles = $6
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, p.name, p.email, p.title, p.department, p.roles],
      );
      return row;
    },
  };
}
