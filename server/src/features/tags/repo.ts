import type { Queryable } from '../../db/index.ts';

export interface TagRow {
  id: number;
  name: string;
}

// Counts are stored per community; 0 is "no community". $hidden is the viewer's hidden ids.
const VISIBLE_COUNTS = 'NOT (community_id = ANY($1::int[]))';

export function tagsRepo(db: Queryable) {
  return {
    /** The tag a name resolves to, following a merge. */
    async resolve(name: string): Promise<TagRow | undefined> {
      const [row] = await db.query<TagRow>(
        `SELECT COALESCE(m.id, t.id) AS id, COALESCE(m.name, t.name) AS name
         FROM tags t LEFT JOIN tags m ON m.id = t.merged_into WHERE t.name = $1`, [name]);
      return row;
    },

    /** Tag ids for `names` (created on first use), with merged names mapped to their survivor. */
    async ensure(names: string[]): Promise<number[]> {
      if (names.length === 0) return [];
      await db.query('INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING', [names]);
      const rows = await db.query<{ id: number }>(
        'SELECT DISTINCT COALESCE(merged_into, id) AS id FROM tags WHERE name = ANY($1::text[])', [names]);
      return rows.map((r) => r.id);
    },

    /** Tags in [from, today] with the previous window of the same length, most used first. */
    async cloudWindow(hidden: number[], communityId: number | undefined, from: string, previousFrom: string, limit: number) {
      const params: unknown[] = [hidden, from, previousFrom, limit];
      const community = communityId === undefined ? '' : `AND community_id = $${params.push(communityId)}`;
      return db.query<{ name: string; posts: number; previous: number }>(
        `SELECT t.name, s.posts, s.previous
         FROM (SELECT tag_id,
                      (sum(posts) FILTER (WHERE day >= $2::date))::int AS posts,
                      COALESCE(sum(posts) FILTER (WHERE day < $2::date), 0)::int AS previous
               FROM tag_daily
               WHERE day >= $3::date AND ${VISIBLE_COUNTS} ${community}
               GROUP BY tag_id) s
         JOIN tags t ON t.id = s.tag_id
         WHERE s.posts > 0
         ORDER BY s.posts DESC, t.name
         LIMIT $4`, params);
    },

    async cloudAllTime(hidden: number[], communityId: number | undefined, limit: number) {
      const params: unknown[] = [hidden, limit];
      const community = communityId === undefined ? '' : `AND community_id = $${params.push(communityId)}`;
      return db.query<{ name: string; posts: number }>(
        `SELECT t.name, s.posts
         FROM (SELECT tag_id, sum(posts)::int AS posts FROM tag_totals
               WHERE ${VISIBLE_COUNTS} ${community} GROUP BY tag_id) s
         JOIN tags t ON t.id = s.tag_id
         WHERE s.posts > 0
         ORDER BY s.posts DESC, t.name
         LIMIT $2`, params);
    },

    /** Visible posts with the tag, all time. */
    async visiblePosts(hidden: number[], tagId: number): Promise<number> {
      const [row] = await db.query<{ posts: number }>(
        `SELECT COALESCE(sum(posts), 0)::int AS posts FROM tag_totals WHERE ${VISIBLE_COUNTS} AND tag_id = $2`, [hidden, tagId]);
      return row?.posts ?? 0;
    },

    /**
     * Which of `tagIds` are used (by posts or questions) only in communities hidden from the
     * viewer: such a tag does not exist for them, even as someone's declared or endorsed skill.
     * A tag nobody used yet, or used anywhere they may look, is not among them.
     */
    async onlyHidden(hidden: number[], tagIds: number[]): Promise<Set<number>> {
      if (tagIds.length === 0 || hidden.length === 0) return new Set();
      const rows = await db.query<{ id: number }>(
        `SELECT t.id FROM unnest($2::int[]) t(id)
         WHERE (EXISTS (SELECT 1 FROM tag_totals v WHERE v.tag_id = t.id AND v.posts > 0 AND v.community_id = ANY($1::int[]))
                OR EXISTS (SELECT 1 FROM question_tags hq JOIN questions q ON q.id = hq.question_id
                           WHERE hq.tag_id = t.id AND q.community_id = ANY($1::int[])))
           AND NOT EXISTS (SELECT 1 FROM tag_totals v WHERE v.tag_id = t.id AND v.posts > 0 AND ${VISIBLE_COUNTS})
           AND NOT EXISTS (SELECT 1 FROM question_tags vq JOIN questions q ON q.id = vq.question_id
                           WHERE vq.tag_id = t.id AND q.deleted_at IS NULL
                             AND (q.community_id IS NULL OR NOT (q.community_id = ANY($1::int[]))))`,
        [hidden, tagIds]);
      return new Set(rows.map((r) => r.id));
    },

    /** Posts with the tag anywhere, hidden or not: to tell a hidden tag from an unused one. */
    async allPosts(tagId: number): Promise<number> {
      const [row] = await db.query<{ posts: number }>(
        'SELECT COALESCE(sum(posts), 0)::int AS posts FROM tag_totals WHERE tag_id = $1', [tagId]);
      return row?.posts ?? 0;
    },

    async topContributors(hidden: number[], tagId: number, limit: number) {
      return db.query<{ id: number; handle: string; name: string; title: string | null; department: string | null; posts: number }>(
        `SELECT p.id, p.handle, p.name, p.title, p.department, s.posts
         FROM (SELECT author_id, sum(posts)::int AS posts FROM tag_authors
               WHERE ${VISIBLE_COUNTS} AND tag_id = $2 GROUP BY author_id) s
         JOIN people p ON p.id = s.author_id
         WHERE s.posts > 0 ORDER BY s.posts DESC, p.name LIMIT $3`, [hidden, tagId, limit]);
    },

    async related(hidden: number[], tagId: number, limit: number) {
      return db.query<{ name: string; posts: number }>(
        `SELECT t.name, s.posts
         FROM (SELECT other_id, sum(posts)::int AS posts FROM tag_pairs
               WHERE ${VISIBLE_COUNTS} AND tag_id = $2 GROUP BY other_id) s
         JOIN tags t ON t.id = s.other_id
         WHERE s.posts > 0 AND t.merged_into IS NULL ORDER BY s.posts DESC, t.name LIMIT $3`, [hidden, tagId, limit]);
    },

    async aliases(tagId: number) {
      const rows = await db.query<{ name: string }>('SELECT name FROM tags WHERE merged_into = $1 ORDER BY name', [tagId]);
      return rows.map((r) => r.name);
    },

    /** Tags (or merged names, shown as their survivor) starting with `prefix`, most used first. */
    async suggest(hidden: number[], prefix: string, limit: number) {
      const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return db.query<{ name: string; posts: number }>(
        `SELECT t.name, s.posts
         FROM (SELECT DISTINCT COALESCE(merged_into, id) AS id FROM tags WHERE name LIKE $2 ESCAPE '\\') m
         JOIN tags t ON t.id = m.id
         JOIN LATERAL (SELECT COALESCE(sum(posts), 0)::int AS posts FROM tag_totals
                       WHERE tag_id = t.id AND ${VISIBLE_COUNTS}) s ON true
         WHERE s.posts > 0
         ORDER BY s.posts DESC, t.name LIMIT $3`, [hidden, pattern, limit]);
    },

    async isFollowing(personId: number, tagId: number) {
      const rows = await db.query('SELECT 1 FROM tag_follows WHERE person_id = $1 AND tag_id = $2', [personId, tagId]);
      return rows.length > 0;
    },

    async setFollow(personId: number, tagId: number, following: boolean) {
      await db.query(
        following
          ? 'INSERT INTO tag_follows (person_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING'
          : 'DELETE FROM tag_follows WHERE person_id = $1 AND tag_id = $2',
        [personId, tagId]);
    },

    /**
     * Moves everything of `sourceId` to `targetId`: post tags (the trigger moves the counts with
     * them), follows, and earlier merges; the source's name then resolves to the target.
     */
    async merge(sourceId: number, targetId: number) {
      await db.query(
        `INSERT INTO post_tags (post_id, tag_id, created_at, top_level)
         SELECT post_id, $2, created_at, top_level FROM post_tags WHERE tag_id = $1
         ON CONFLICT DO NOTHING`, [sourceId, targetId]);
      await db.query('DELETE FROM post_tags WHERE tag_id = $1', [sourceId]);
      await db.query(
        `INSERT INTO tag_follows (person_id, tag_id, created_at)
         SELECT person_id, $2, created_at FROM tag_follows WHERE tag_id = $1 ON CONFLICT DO NOTHING`, [sourceId, targetId]);
      await db.query('DELETE FROM tag_follows WHERE tag_id = $1', [sourceId]);
      await db.query('UPDATE tags SET merged_into = $2 WHERE id = $1 OR merged_into = $1', [sourceId, targetId]);
    },
  };
}
