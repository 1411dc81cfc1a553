import { Handle, type FollowState, type Following } from '@hearth/contracts';
import type { Db } from '../../db/index.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { CommunitiesService } from '../communities/service.ts';
import { peopleRepo } from '../people/repo.ts';
import { followsRepo } from './repo.ts';

export type FollowsService = ReturnType<typeof followsService>;

/**
 * Following people and communities (tags are followed in features/tags), and everything a person
 * follows. What the feed's Following scope shows is read by posts/repo.ts `feed`.
 */
export function followsService(db: Db, deps: { communities: CommunitiesService }) {
  const repo = followsRepo(db);
  const { communities } = deps;

  return {
    /**
     * Follows or stops following a person (idempotent). Yourself: 400. Nobody, a deactivated
     * person or a handle that is not well-formed: 404, as a card answers.
     */
    async person(viewer: Viewer, handle: string, following: boolean): Promise<FollowState> {
      const person = Handle.safeParse(handle).success ? await peopleRepo(db).byHandle(handle) : undefined;
      if (!person?.active) throw new NotFoundError(`person @${handle}`);
      if (person.id === viewer.id) {
        throw new InvalidError('params.handle: you cannot follow yourself', [
          { path: 'params.handle', message: 'you cannot follow yourself', code: 'follow_self' },
        ]);
      }
      await repo.setPersonFollow(viewer.id, person.id, following);
      return { following };
    },

    /**
     * Follows or stops following a community's posts (idempotent). One the viewer may not see
     * (a restricted community they are not in, even one they followed before leaving it) answers
     * 404 exactly as a missing one: its follow stays stored, and every read leaves it out until
     * they are a member again. Following an archived community is a 409 (nothing new will come);
     * stopping is fine.
     */
    async community(viewer: Viewer, slug: string, following: boolean): Promise<FollowState> {
      const row = await communities.visible(viewer, slug);
      if (following) communities.assertWritable(row);
      await repo.setCommunityFollow(viewer.id, row.id, following);
      return { following };
    },

    async following(viewer: Viewer): Promise<Following> {
      const hidden = await communities.hiddenFrom(viewer);
      const [tags, people, followed] = await Promise.all([
        repo.tags(viewer.id, hidden),
        repo.people(viewer.id),
        repo.communities(viewer.id, hidden),
      ]);
      return { tags, people, communities: followed };
    },
  };
}
