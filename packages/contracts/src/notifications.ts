import { z } from 'zod';
import { Cursor, Id, PageSize, Slug, Timestamp } from './common.ts';
import { PersonSummary } from './people.ts';

/**
 * What a notification is about, from the reader's side:
 *
 * - `mention`: someone mentioned you in a post or a reply;
 * - `post.replied`: someone replied to your post;
 * - `question.routed`: a question was routed to you as an expert (`detail.tags`: why);
 * - `answer.posted`: someone answered your question;
 * - `answer.accepted`: your answer was accepted;
 * - `join.requested`: someone asks to join a community you manage;
 * - `join.decided`: your request to join was approved or refused (`detail.outcome`, `detail.note`);
 * - `community.invited`: a manager invited you to a community;
 * - `content.hidden`, `content.restored`: a moderator hid or restored what you wrote (`detail.note`: why);
 * - `report.decided`: a report you made was decided (`detail.outcome`: hidden or dismissed).
 */
export const NotificationKind = z.enum([
  'mention',
  'post.replied',
  'question.routed',
  'answer.posted',
  'answer.accepted',
  'join.requested',
  'join.decided',
  'community.invited',
  'content.hidden',
  'content.restored',
  'report.decided',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** What a notification opens: a post, a reply, a question, an answer or a community. */
export const NotificationTargetKind = z.enum(['post', 'reply', 'question', 'answer', 'community']);
export type NotificationTargetKind = z.infer<typeof NotificationTargetKind>;

export const NotificationTarget = z
  .object({
    kind: NotificationTargetKind,
    /** The post's, reply's, question's, answer's or community's id. */
    id: Id,
    /** Where it sits: the post a reply belongs to, the question an answer belongs to; else null. */
    parentId: Id.nullable(),
    /**
     * false when the reader can no longer see it (deleted, hidden by a moderator, or in a
     * restricted community they left): then `title`, `community` and the actors say nothing of it.
     */
    available: z.boolean(),
    /** A short line of it (a post's first words, a question's title, a community's name); null when not available. */
    title: z.string().nullable(),
    /** The community it is in, when it is in one (and available). */
    community: z.object({ slug: Slug, name: z.string() }).nullable(),
    /**
     * Its permalink on Hearth (`…/embed/post/{id}`, `…/embed/question/{id}`, `…/embed/community/{slug}`);
     * a page with `href-template` opens it there instead. null when not available.
     */
    href: z.string().nullable(),
  })
  .meta({ id: 'NotificationTarget' });
export type NotificationTarget = z.infer<typeof NotificationTarget>;

/**
 * One line of the list: notifications of one kind about one target, grouped ("3 replies to your
 * post"). `id` is the newest; `ids` are all of them (to mark the line read).
 */
export const Notification = z
  .object({
    id: Id,
    ids: z.array(Id).min(1),
    kind: NotificationKind,
    /** How many notifications the line stands for. */
    count: z.number().int().min(1),
    /** Who did it, the most recent first (at most 3; none for moderation outcomes). */
    actors: z.array(PersonSummary).max(3),
    target: NotificationTarget,
    detail: z.object({
      /** question.routed: the question's tags that you know. */
      tags: z.array(z.string()).optional(),
      /** join.decided, content.hidden/restored, report.decided. */
      outcome: z.enum(['approved', 'refused', 'hidden', 'restored', 'dismissed']).optional(),
      /** The manager's note (join.decided) or the moderator's reason (content.hidden). */
      note: z.string().nullable().optional(),
    }),
    /** When the newest of the group happened. */
    createdAt: Timestamp,
    /** null while any of the group is unread. */
    readAt: Timestamp.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z
  .object({
    items: z.array(Notification),
    nextCursor: z.string().nullable(),
    /** Unread notifications in all (not lines), as `GET /notifications/unread` counts them. */
    unread: z.number().int().min(0),
  })
  .meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const ListNotificationsQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: PageSize,
  cursor: Cursor.optional(),
});

export const UnreadCount = z.object({ unread: z.number().int().min(0) }).meta({ id: 'UnreadCount' });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkReadBody = z
  .strictObject({ ids: z.array(Id).min(1).max(100).optional(), all: z.literal(true).optional() })
  .refine((b) => (b.ids ? 1 : 0) + (b.all ? 1 : 0) === 1, 'give either ids or all: true');
export const MarkReadResult = z.object({ unread: z.number().int().min(0) }).meta({ id: 'MarkReadResult' });
export type MarkReadResult = z.infer<typeof MarkReadResult>;

/** Where each kind of notification reaches a person: in the page only, or also out of it (webhook). */
export const NotificationDelivery = z.enum(['page', 'page+out']);
export const NotificationSettings = z
  .object({
    /** Per kind; a kind not listed is `page+out`. */
    delivery: z.partialRecord(NotificationKind, NotificationDelivery),
  })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof NotificationSettings>;
export const NotificationSettingsBody = z.strictObject({ delivery: z.partialRecord(NotificationKind, NotificationDelivery) });

/** A thread you can mute: a post (with its replies) or a question (with its answers). */
export const ThreadParams = z.strictObject({ kind: z.enum(['post', 'question']), id: Id });
export const ThreadMute = z.object({ muted: z.boolean() }).meta({ id: 'ThreadMute' });
export type ThreadMute = z.infer<typeof ThreadMute>;
