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

/**
 * The events since your `Last-Event-ID` cannot be replayed (older than the server keeps them,
 * unknown, malformed, or too many): reload what you show. The stream goes on after this event's
 * `id:`.
 */
export const StreamResetEvent = z
  .object({ type: z.literal('reset'), reason: z.string() })
  .meta({ id: 'StreamResetEvent' });
export type StreamResetEvent = z.infer<typeof StreamResetEvent>;

/**
 * Every event the stream carries: a post's, your notifications', or `reset`. Each has an `id:`
 * (increasing); reconnect with the last one in `Last-Event-ID` (or `?lastEventId=`) to be sent
 * what you missed. (`ready`, the first event, and `expired`, the last, are the stream's own.)
 */
export const StreamEvent = z.union([LiveEvent, NotificationsChangedEvent, StreamResetEvent]).meta({ id: 'StreamEvent' });
export type StreamEvent = z.infer<typeof StreamEvent>;

/** `GET /events?lastEventId=`: the `Last-Event-ID` header for clients that cannot send it. */
export const EventsQuery = z.object({
  /** The id of the last event you had; what you may see since is replayed first. */
  lastEventId: z.string().optional(),
});
export type EventsQuery = z.infer<typeof EventsQuery>;
