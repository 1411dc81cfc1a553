import { z } from 'zod';
import { Cursor, Handle, Id, PageSize, Slug, Timestamp, hasVisibleText, page } from './common.ts';
import { PersonSummary } from './people.ts';
import { CommunitySummary } from './communities.ts';
import { Hidden } from './moderation.ts';

export const POST_BODY_MAX = 5000;

/**
 * What a person typed. Stored exactly as sent (never trimmed or rewritten), but it must contain
 * something visible (not only white space or invisible characters such as zero-width spaces), and
 * no NUL character (PostgreSQL text cannot hold one).
 */
export const PostBody = z
  .string()
  .min(1, 'write something first')
  .max(POST_BODY_MAX, `a post is at most ${POST_BODY_MAX} characters`)
  .refine(hasVisibleText, 'a post cannot be only white space or invisible characters')
  .refine((s) => !s.includes('\u0000'), 'a post cannot contain a NUL character');

export const Post = z
  .object({
    id: Id,
    author: PersonSummary,
    community: CommunitySummary.nullable(),
    /** The post this one replies to; replies are one level deep. */
    parentId: Id.nullable(),
    body: z.string(),
    tags: z.array(z.string()),
    mentions: z.array(z.object({ handle: Handle, name: z.string() })),
    createdAt: Timestamp,
    editedAt: Timestamp.nullable(),
    replyCount: z.number().int().min(0),
    likeCount: z.number().int().min(0),
    likedByMe: z.boolean(),
    /** What the current person may do with it (decided by the server's rules). */
    canEdit: z.boolean(),
    canDelete: z.boolean(),
    /** Set when a moderator hid it (see `Hidden`): others get an empty body, tags and mentions. */
    hidden: Hidden.nullable(),
  })
  .meta({ id: 'Post' });
export type Post = z.infer<typeof Post>;

export const PostPage = page(Post).meta({ id: 'PostPage' });
export type PostPage = z.infer<typeof PostPage>;

/** A feed: everything visible, or narrowed by community, tag and/or author. Newest first. */
export const ListPostsQuery = z.strictObject({
  community: Slug.optional(),
  tag: z.string().min(1).max(41).optional(),
  author: Handle.optional(),
  /**
   * `tags`: only posts with a tag you follow. `all`: the Following scope, posts with a tag you
   * follow, by a person you follow, or in a community you follow.
   */
  following: z.enum(['tags', 'all']).optional(),
  limit: PageSize,
  cursor: Cursor.optional(),
});
export type ListPostsQuery = z.infer<typeof ListPostsQuery>;

export const ListRepliesQuery = z.strictObject({
  limit: PageSize,
  cursor: Cursor.optional(),
});
export type ListRepliesQuery = z.infer<typeof ListRepliesQuery>;

/** Tags the author adds as chips, besides the #hashtags in the text. */
export const TagChips = z.array(z.string().min(1).max(41)).max(10, 'at most 10 tags');

export const CreatePostBody = z.strictObject({
  body: PostBody,
  community: Slug.optional(),
  tags: TagChips.optional(),
});
export type CreatePostBody = z.infer<typeof CreatePostBody>;

export const CreateReplyBody = z.strictObject({ body: PostBody });
export type CreateReplyBody = z.infer<typeof CreateReplyBody>;

/** `tags` replaces the chips; left out, they stay as they were. */
export const UpdatePostBody = z.strictObject({ body: PostBody, tags: TagChips.optional() });
export type UpdatePostBody = z.infer<typeof UpdatePostBody>;

export const LikeState = z.object({ liked: z.boolean(), likeCount: z.number().int().min(0) }).meta({ id: 'LikeState' });
export type LikeState = z.infer<typeof LikeState>;

/** Sent with a create so a retried request (after a timeout, say) is not stored twice. */
export const IdempotencyKey = z.string().min(8).max(100).regex(/^[A-Za-z0-9_.:-]+$/);

export { Cursor };
