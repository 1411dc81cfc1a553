import type { Queryable } from '../../db/index.ts';
import type { Visibility } from '@hearth/contracts';

export interface CommunityRow {
  id: number;
  slug: string;
  name: string;
  visibility: Visibility;
  state: 'active' | 'archived';
}

export function communitiesRepo(db: Queryable) {
  return {
    async bySlug(slug: string) {
      const [row] = await db.query<CommunityRow>(
        'SELECT id, slug, name, visibility, state FROM communities WHERE slug = $1', [slug]);
      return row;
    },
    async byId(id: number) {
      const [row] = await db.query<CommunityRow>(
        'SELECT id, slug, name, visibility, state FROM communities WHERE id = $1', [id]);
      return row;
    },
    /** Restricted communities `personId` is not a member of. */
    async hiddenFrom(personId: number): Promise<number[]> {
      const rows = await db.query<{ id: number }>(
        `SELECT c.id FROM communities c
         WHERE c.visibility = 'restricted'
           AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.person_id = $1)`,
        [personId]);
      return rows.map((r) => r.id);
    },
  };
}
