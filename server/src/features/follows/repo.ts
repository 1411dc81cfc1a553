import type { Queryable } from '../../db/index.ts';
import type { CommunitySummary, PersonSummary } from '@hearth/contracts';

export function followsRepo(db: Queryable) {
  return {
    async followsPerson(followerId: number, personId: number): Promise<boolean> {
      const rows = await db.query('SELECT 1 FROM person_follows WHERE follower_id = $1 AND person_id = $2', [followerId, personId]);
      return rows.length > 0;
    },

    async followers(personId: number): Promise<number> {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM person_follows WHERE person_id = $1', [personId]);
      return row?.n ?? 0;
    },

    async setPersonFollow(followerId: number, personId: number, following: boolean) {
      await db.query(
        following
          ? 'INSERT INTO person_follows (follower_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING'
          : 'DELETE FROM person_follows WHERE follower_id = $1 AND person_id = $2',
        [followerId, personId]);
    },

    async setCommunityFollow(personId: number, communityId: number, following: boolean) {
      await db.query(
        following
          ? 'INSERT INTO community_follows (person_id, community_id) VALUES ($1, $2) ON CONFLICT DO NOTHING'
          : 'DELETE FROM community_follows WHERE person_id = $1 AND community_id = $2',
        [personId, communityId]);
    },

    /**
     * Followed tags, by name. A tag whose posts are all in communities hidden from the viewer
     * (followed while a member of one they left) is left out: its name would tell what is there.
     * A tag with no posts at all (they were deleted) stays, so it can still be unfollowed.
     */
    async tags(personId: number, hidden: number[]): Promise<string[]> {
      const rows = await db.query<{ name: string }>(
        `SELECT t.name FROM tag_follows f JOIN tags t ON t.id = f.tag_id
         WHERE f.person_id = $1
           AND (EXISTS (SELECT 1 FROM tag_totals v WHERE v.tag_id = t.id AND v.posts > 0 AND NOT (v.community_id = ANY($2::int[])))
                OR NOT EXISTS (SELECT 1 FROM tag_totals a WHERE a.tag_id = t.id AND a.posts > 0))
         ORDER BY t.name`, [personId, hidden]);
      return rows.map((r) => r.name);
    },

    /** Followed people who are still active, by name. */
    async people(personId: number): Promise<PersonSummary[]> {
      return db.query<PersonSummary>(
        `SELECT p.id, p.handle, p.name, p.title, p.department
         FROM person_follows f JOIN people p ON p.id = f.person_id
         WHERE f.follower_id = $1 AND p.active
         ORDER BY lower(p.name), p.id`, [personId]);
    },

    /** Followed communities the viewer may see (a restricted one only while a member), by name. */
    async communities(personId: number, hidden: number[]): Promise<CommunitySummary[]> {
      return db.query<CommunitySummary>(
        `SELECT c.slug, c.name, c.visibility
         FROM community_follows f JOIN communities c ON c.id = f.community_id
         WHERE f.person_id = $1 AND NOT (c.id = ANY($2::int[]))
         ORDER BY lower(c.name), c.id`, [personId, hidden]);
    },
  };
}
