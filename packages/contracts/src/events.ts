import { z } from 'zod';
import { Id, Slug } from './common.ts';

/**
 * One live event about a post on `GET /api/v1/events` (text/event-stream, `event:` = type,
 * `data:` = this object). Ids only: a widget fetches what changed through the API, where
 * authorization applies as everywhere else. Only events about what you may see reach you.
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

/**
 * Your notifications changed (one arrived, or some were marked read, in any tab): sent only to
 * your own streams, with no content; the bell asks `GET /notifications/unread` again.
 */
export const NotificationsChangedEvent = z
  .object({ type: z.literal('notifications.changed') })
  .meta({ id: 'NotificationsChangedEvent' });
export type NotificationsChangedEvent = z.infer<typeof NotificationsChangedEvent>;

/** Every event the stream carries: a post's, or your notifications'. */
export const StreamEvent = z.union([LiveEvent, NotificationsChangedEvent]).meta({ id: 'StreamEvent' });
export type StreamEvent = z.infer<typeof StreamEvent>;
