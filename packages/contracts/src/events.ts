import { z } from 'zod';
import { Id, Slug } from './common.ts';

/**
 * One live event on `GET /api/v1/events` (text/event-stream, `event:` = type, `data:` = this
 * object). Ids only: a widget fetches what changed through the API, where authorization
 * applies as everywhere else. Only events about what you may see reach you.
 */
export const LiveEvent = z
  .object({
    type: z.enum(['post.created', 'post.updated', 'post.deleted', 'post.liked']),
    postId: Id,
    /** The post replied to, for replies. */
    parentId: Id.nullable(),
    community: Slug.nullable(),
  })
  .meta({ id: 'LiveEvent' });
export type LiveEvent = z.infer<typeof LiveEvent>;
