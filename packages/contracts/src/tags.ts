import { z } from 'zod';
import { Slug } from './common.ts';
import { PersonSummary } from './people.ts';

/** A tag as typed ("#Kubernetes", "k8s"); the server normalizes it, and a 400 says when it cannot. */
export const TagInput = z.string().min(1).max(41);
export const TagParams = z.strictObject({ name: TagInput });

/** The windows a cloud can cover, in days; `all` is all time. */
export const TagWindow = z.enum(['7', '30', '90', 'all']);
export type TagWindow = z.infer<typeof TagWindow>;

export const TagCloudQuery = z.strictObject({
  community: Slug.optional(),
  days: TagWindow.default('30'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type TagCloudQuery = z.infer<typeof TagCloudQuery>;

export const TagCount = z
  .object({
    name: z.string(),
    /** Posts (and replies) with the tag in the window, visible to you. */
    posts: z.number().int().min(0),
  })
  .meta({ id: 'TagCount' });
export type TagCount = z.infer<typeof TagCount>;

export const TagCloudEntry = TagCount.extend({
  /** Posts in the previous window of the same length (null for all time). */
  previousPosts: z.number().int().min(0).nullable(),
  /** (posts - previous) / previous; null when there was nothing before or for all time. */
  growth: z.number().nullable(),
  /** Growing fast against the previous window. */
  trending: z.boolean(),
}).meta({ id: 'TagCloudEntry' });
export type TagCloudEntry = z.infer<typeof TagCloudEntry>;

export const TagCloud = z
  .object({ days: TagWindow, items: z.array(TagCloudEntry) })
  .meta({ id: 'TagCloud' });
export type TagCloud = z.infer<typeof TagCloud>;

export const TagDetail = z
  .object({
    name: z.string(),
    /** Names merged into this tag; they still resolve to it. */
    aliases: z.array(z.string()),
    posts: z.number().int().min(0),
    following: z.boolean(),
    topContributors: z.array(z.object({ person: PersonSummary, posts: z.number().int().min(1) })),
    related: z.array(TagCount),
  })
  .meta({ id: 'TagDetail' });
export type TagDetail = z.infer<typeof TagDetail>;

export const TagSuggestQuery = z.strictObject({
  prefix: TagInput,
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export type TagSuggestQuery = z.infer<typeof TagSuggestQuery>;

export const TagSuggestions = z.object({ items: z.array(TagCount) }).meta({ id: 'TagSuggestions' });
export type TagSuggestions = z.infer<typeof TagSuggestions>;

export const FollowState = z.object({ following: z.boolean() }).meta({ id: 'FollowState' });
export type FollowState = z.infer<typeof FollowState>;

export const MergeTagBody = z.strictObject({ into: TagInput });
export type MergeTagBody = z.infer<typeof MergeTagBody>;
