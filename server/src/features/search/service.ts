import { z } from 'zod';
import type { SearchFacets, SearchHit, SearchPage, SearchQuery, SearchSuggestions } from '@hearth/contracts';
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
import { tagsRepo } from '../tags/repo.ts';
import { tagFilter, utcDay } from '../tags/service.ts';
import { highlights } from './highlights.ts';
import { FACET_MATCHES, searchRepo, type FacetsRow } from './repo.ts';

export type SearchService = ReturnType<typeof searchService>;

// Ranked results page by offset (a rank has no stable keyset); deep pages are not useful.
const MAX_OFFSET = 1000;
const Offset = z.tuple([z.literal('o'), z.number().int().positive().lt(MAX_OFFSET)]);

/** What the search box offers before a query: this many popular tags and recent questions. */
const SUGGESTED = 8;
const SUGGESTION_DAYS = 30;
/** Recent questions are chosen among this many of the newest (an index walk, never a scan). */
const SUGGESTION_CANDIDATES = 50;

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
      if (tagId === null) return { items: [], nextCursor: null, facets: q.cursor ? null : NO_FACETS };
      if (q.from && q.to && q.from > q.to) throw new InvalidError('query.from: the start date is after the end date');
      const offset = q.cursor ? decodeCursor(q.cursor, Offset)[1] : 0;
      // Each kind's best offset+limit+1, merged: enough to cut the merged page exactly.
      const filter: SearchFilter = {
        viewerId: viewer.id, hidden, query: q.q, communityId: community?.id, authorId, tagId,
        from: q.from, to: q.to, offset: 0, limit: offset + q.limit + 1, answeredFirst: q.kind === 'question',
        // Facets on the first page only, counted over the best-ranked matches the searches found.
        top: q.cursor ? undefined : FACET_MATCHES,
      };
      const [posts, questions] = await Promise.all([
        q.kind === 'question' ? [] : postsRepo(db).search(filter),
        q.kind === 'post' ? [] : questionsRepo(db).search(filter),
      ]);
      const facets = q.cursor ? null : await searchRepo(db).facets([...(posts[0]?.top ?? []), ...(questions[0]?.top ?? [])]);
      const hits: SearchHit[] = [
        ...posts.map((row): SearchHit => ({
          kind: 'post', post: toPost(row, viewer), score: row.score, highlights: highlights('body', row.body, row.marked),
        })),
        ...questions.map((row): SearchHit => ({
          kind: 'question', question: toQuestion(row, viewer), score: row.score,
          highlights: [...highlights('title', row.title, row.marked_title), ...highlights('body', row.body, row.marked_body)],
        })),
      ];
      // Questions searched alone come ranked answered first (questionsRepo.search): kept so.
      if (q.kind !== 'question') hits.sort((a, b) => b.score - a.score);
      const next = offset + q.limit;
      return {
        items: hits.slice(offset, next),
        nextCursor: hits.length > next && next < MAX_OFFSET ? encodeCursor(['o', next]) : null,
        facets: facets ? toFacets(facets) : null,
      };
    },

    /** Popular tags of the last 30 days and recent questions, answered first, as the viewer may see them. */
    async suggestions(viewer: Viewer): Promise<SearchSuggestions> {
      const hidden = await deps.communities.hiddenFrom(viewer);
      // The tag cloud's window (without its trend): a merged tag's counts moved to its survivor.
      const since = utcDay(new Date(), -(SUGGESTION_DAYS - 1));
      const [tags, questions] = await Promise.all([
        tagsRepo(db).cloudWindow(hidden, undefined, since, since, SUGGESTED),
        questionsRepo(db).recentTitles(hidden, SUGGESTED, SUGGESTION_CANDIDATES),
      ]);
      return { tags: tags.map(({ name, posts }) => ({ name, count: posts })), questions };
    },
  };
}

const NO_FACETS: SearchFacets = { tags: [], communities: [], authors: [] };

function toFacets(row: FacetsRow): SearchFacets {
  return { tags: row.tags ?? [], communities: row.communities ?? [], authors: row.authors ?? [] };
}
