import { z } from 'zod';
import { Cursor, Handle, PageSize, Slug } from './common.ts';
import { Post } from './posts.ts';
import { Question } from './questions.ts';
import { TagInput } from './tags.ts';

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

export const SearchPage = z
  .object({ items: z.array(SearchHit), nextCursor: Cursor.nullable() })
  .meta({ id: 'SearchPage' });
export type SearchPage = z.infer<typeof SearchPage>;
