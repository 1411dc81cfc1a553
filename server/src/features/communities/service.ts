import type { Db } from '../../db/index.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { conflict, notFound } from '../../http/problem.ts';
import { communitiesRepo, type CommunityRow } from './repo.ts';

export type CommunitiesService = ReturnType<typeof communitiesService>;

/**
 * The one place that decides who sees a community. A restricted community is invisible to
 * non-members on every path: other services ask here, and hidden answers exactly like missing.
 */
export function communitiesService(db: Db) {
  const repo = communitiesRepo(db);
  return {
    /** Ids of the communities whose content `viewer` must never see. */
    hiddenFrom: (viewer: Viewer) => repo.hiddenFrom(viewer.id),

    /** The community by slug, or 404 when it is missing or hidden from `viewer`. */
    async visible(viewer: Viewer, slug: string): Promise<CommunityRow> {
      const community = await repo.bySlug(slug);
      if (!community) throw notFound(`community "${slug}"`);
      if (community.visibility === 'restricted' && (await repo.hiddenFrom(viewer.id)).includes(community.id)) {
        throw notFound(`community "${slug}"`);
      }
      return community;
    },

    /** Throws 409 when the community is archived: archived communities are read-only. */
    assertWritable(community: Pick<CommunityRow, 'state' | 'name'> | null | undefined) {
      if (community?.state === 'archived') throw conflict(`${community.name} is archived and read-only`);
    },
  };
}
