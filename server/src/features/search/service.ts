import { z } from 'zod';
import type { SearchHit, SearchPage, SearchQuery } from '@hearth/contracts';
import type { Db } from '../../db/index.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { InvalidError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { CommunitiesService } from '../communities/service.ts';
import type { PeopleService } from '../people/service.ts';
import { postsRepo, type SearchFilter } from '../posts/repo.ts';
import { toPost } from '../posts/service.ts';
import { questionsRepo } from '../questions/repo.ts';
import { toQuestion } from '../questions/service.ts';
import { tagFilter } from '../tags/service.ts';
import { highlights } from './highlights.ts';

export type SearchService = ReturnType<typeof searchService>;

// Ranked results page by offset (a rank has no stable keyset); deep pages are not useful.
const MAX_OFFSET = 1000;
const Offset = z.tuple([z.literal('o'), z.number().int().positive().lt(MAX_OFFSET)]);

/**
 * Full-text search over posts and questions, ranked together. Filters are resolved once, with
 * the same visibility as everywhere: what a viewer cannot see is never searched.
 */
export function searchService(db: Db, deps: { communities: CommunitiesService; people: PeopleService }) {
  return {
    async search(viewer: Viewer, q: SearchQuery): Promise<SearchPage> {
      const hidden = await deps.communities.hiddenFrom(viewer);
      const community = q.community ? await deps.communities.visible(viewer, q.community) : undefined;
      const authorId = await deps.people.filterId(q.author);
      const tagId = await tagFilter(db, q.tag, 'query.tag');
      if (tagId === null) return { items: [], nextCursor: null };
      if (q.from && q.to && q.from > q.to) throw new InvalidError('query.from: the start date is after the end date');
      const offset = q.cursor ? decodeCursor(q.cursor, Offset)[1] : 0;
      // Each kind's best offset+limit+1, merged: enough to cut the merged page exactly.
      const filter: SearchFilter = {
        viewerId: viewer.id, hidden, query: q.q, communityId: community?.id, authorId, tagId,
        from: q.from, to: q.to, offset: 0, limit: offset + q.limit + 1,
      };
      const [posts, questions] = await Promise.all([
        q.kind === 'question' ? [] : postsRepo(db).search(filter),
        q.kind === 'post' ? [] : questionsRepo(db).search(filter),
      ]);
      const hits: SearchHit[] = [
        ...posts.map((row): SearchHit => ({
          kind: 'post', post: toPost(row, viewer), score: row.score, highlights: highlights('body', row.body, row.marked),
        })),
        ...questions.map((row): SearchHit => ({
          kind: 'question', question: toQuestion(row, viewer), score: row.score,
          highlights: [...highlights('title', row.title, row.marked_title), ...highlights('body', row.body, row.marked_body)],
        })),
      ].sort((a, b) => b.score - a.score);
      const next = offset + q.limit;
      return {
        items: hits.slice(offset, next),
        nextCursor: hits.length > next && next < MAX_OFFSET ? encodeCursor(['o', next]) : null,
      };
    },
  };
}
