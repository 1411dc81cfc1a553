import { z } from 'zod';
import type { Notification, NotificationPage } from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { CommunitiesService } from '../communities/service.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import {
  notificationsRepo, type ModerationNotificationKind, type NotificationRow, type QuestionNotificationKind,
} from './repo.ts';

export type NotificationsService = ReturnType<typeof notificationsService>;
const Key = z.tuple([z.number().int().positive()]);

/** How long a moderation notification's excerpt of the content is. */
const EXCERPT_MAX = 140;

const OUTCOME: Record<ModerationNotificationKind, 'hidden' | 'restored' | 'dismissed'> = {
  'content.hidden': 'hidden',
  'content.restored': 'restored',
  'report.hidden': 'hidden',
  'report.dismissed': 'dismissed',
};

/**
 * In-app notifications: questions routed, answered and accepted (only questions the person can
 * read are ever routed to them), and moderation outcomes for authors and reporters. Only what the
 * person can still see is listed.
 */
export function notificationsService(db: Db, deps: { communities: CommunitiesService }) {
  const repo = notificationsRepo(db);
  return {
    async add(tx: Queryable, personIds: number[], kind: QuestionNotificationKind, questionId: number) {
      if (personIds.length === 0) return;
      await notificationsRepo(tx).add(personIds, kind, questionId);
    },

    /** Tells authors or reporters a moderator's decision on moderation item `itemId`, in the decision's transaction. */
    async moderation(tx: Queryable, personIds: number[], kind: ModerationNotificationKind, itemId: number, reason: string | null = null) {
      const ids = [...new Set(personIds)];
      if (ids.length === 0) return;
      await notificationsRepo(tx).addModeration(ids, kind, itemId, reason);
    },

    async list(viewer: Viewer, q: { unread?: 'true' | 'false' | undefined; limit: number; cursor?: string | undefined }): Promise<NotificationPage> {
      const before = q.cursor ? decodeCursor(q.cursor, Key)[0] : 2_147_483_647;
      const hidden = await deps.communities.hiddenFrom(viewer);
      const rows = await repo.list(viewer.id, hidden, { before, unreadOnly: q.unread === 'true', limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      return {
        items: items.map((r) => toNotification(r, viewer)),
        nextCursor: rows.length > q.limit ? encodeCursor([items[items.length - 1]!.id]) : null,
      };
    },

    async markRead(viewer: Viewer, body: { ids?: number[] | undefined; all?: true | undefined }) {
      await repo.markRead(viewer.id, body.all ? 'all' : (body.ids ?? []));
      return { unread: await repo.unreadCount(viewer.id, await deps.communities.hiddenFrom(viewer)) };
    },
  };
}

function toNotification(r: NotificationRow, viewer: Viewer): Notification {
  const base = { id: r.id, createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null };
  if (r.kind === 'question.routed' || r.kind === 'answer.posted' || r.kind === 'answer.accepted') {
    return { ...base, kind: r.kind, question: { id: r.question_id!, title: r.question_title ?? '' }, moderation: null };
  }
  // Hidden content shows to its author only: a reporter is told the outcome, not the text again.
  const shown = !r.content_hidden || r.content_author_id === viewer.id;
  return {
    ...base,
    kind: r.kind === 'report.hidden' || r.kind === 'report.dismissed' ? 'report.decided' : r.kind,
    question: null,
    moderation: {
      kind: r.item_kind!,
      id: r.item_target_id!,
      excerpt: shown ? excerpt(r.content_text ?? '') : '',
      outcome: OUTCOME[r.kind],
      reason: r.kind === 'content.hidden' ? r.reason : null,
    },
  };
}

/** The start of a text on one line, cut at a word where it can be. */
export function excerpt(text: string, max = EXCERPT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // By code points, so an emoji is never cut in half.
  const chars = [...flat];
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
