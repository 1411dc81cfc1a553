import { z } from 'zod';
import { Cursor, Handle, PageSize, Slug } from './common.ts';
import { Post } from './posts.ts';
import { Question } from './questions.ts';
import { TagInput } from './tags.ts';
import { CommunitySummary } from './communities.ts';
import { PersonSummary } from './people.ts';

/**
 * A calendar day. PostgreSQL has no year 0 (`0000-02-29` was a 500, found by the fuzz): days
 * before 1900 are refused, as no intranet content is that old.
 */
const SearchDate = z.iso.date().refine((d) => d >= '1900-01-01', 'a date from 1900-01-01 on');

export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1, 'type something to search for').max(200),
  /** Only posts or only questions; both when left out. */
  kind: z.enum(['post', 'question']).optional(),
  tag: TagInput.optional(),
  community: Slug.optional(),
  author: Handle.optional(),
  from: SearchDate.optional(),
  to: SearchDate.optional(),
  limit: PageSize,
  cursor: Cursor.optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** Where the query matched: [start, end) in UTF-16 code units of one text field. Never HTML. */
export const Highlight = z.object({
  field: z.enum(['body', 'title']),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type Highlight = z.infer<typeof Highlight>;

/** A post or a question, ranked together by relevance. */
export const SearchHit = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('post'), post: Post, score: z.number(), highlights: z.array(Highlight) }),
    z.object({ kind: z.literal('question'), question: Question, score: z.number(), highlights: z.array(Highlight) }),
  ])
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

/**
 * Counts over the best-ranked matches (at most the first 200), to narrow a search: the widget
 * offers them as filters. Only on the first page (no cursor); later pages carry `null`.
 */
export const SearchFacets = z
  .object({
    tags: z.array(z.object({ name: z.string(), count: z.number().int().min(1) })),
    communities: z.array(CommunitySummary.extend({ count: z.number().int().min(1) })),
    authors: z.array(PersonSummary.extend({ count: z.number().int().min(1) })),
  })
  .meta({ id: 'SearchFacets' });
export type SearchFacets = z.infer<typeof SearchFacets>;

export const SearchPage = z
  .object({ items: z.array(SearchHit), nextCursor: Cursor.nullable(), facets: SearchFacets.nullable() })
  .meta({ id: 'SearchPage' });
export type SearchPage = z.infer<typeof SearchPage>;

/** What a search box offers before there is anything to search for (an empty or 1-character query). */
export const SearchSuggestions = z
  .object({
    /** Most used in the last 30 days. */
    tags: z.array(z.object({ name: z.string(), count: z.number().int().min(0) })),
    /** Recent questions the viewer may see, answered ones first. */
    questions: z.array(z.object({ id: z.number().int().positive(), title: z.string(), answered: z.boolean() })),
  })
  .meta({ id: 'SearchSuggestions' });
export type SearchSuggestions = z.infer<typeof SearchSuggestions>;
