import { z } from 'zod';
import { Cursor, Id, PageSize, Slug, Timestamp, hasVisibleText, page } from './common.ts';
import { PersonSummary } from './people.ts';
import { CommunitySummary } from './communities.ts';

/** What can be reported and moderated. A reply is a `post` whose `parentId` is set. */
export const ContentKind = z.enum(['post', 'question', 'answer']);
export type ContentKind = z.infer<typeof ContentKind>;

export const ReportReason = z.enum(['spam', 'harassment', 'confidential', 'off_topic', 'other']);
export type ReportReason = z.infer<typeof ReportReason>;

const Note = (max: number) =>
  z.string().max(max, `at most ${max} characters`).refine((s) => !s.includes('\u0000'), 'no NUL characters');

/** A report: `other` needs a note saying what is wrong. */
export const CreateReportBody = z
  .strictObject({
    kind: ContentKind,
    id: Id,
    reason: ReportReason,
    note: Note(500).optional(),
  })
  .refine((b) => b.reason !== 'other' || (b.note !== undefined && hasVisibleText(b.note)), {
    message: 'say what is wrong in a note when the reason is "other"',
    path: ['note'],
  });
export type CreateReportBody = z.infer<typeof CreateReportBody>;

export const Report = z
  .object({ id: Id, kind: ContentKind, targetId: Id, reason: ReportReason, createdAt: Timestamp })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;

/**
 * Set on content a moderator hid. Others get the content emptied (body, title, tags and mentions)
 * and `reason: null`; its author, the community's managers and admins keep the content and see
 * the reason.
 */
export const Hidden = z
  .object({ at: Timestamp, reason: z.string().nullable() })
  .meta({ id: 'Hidden' });
export type Hidden = z.infer<typeof Hidden>;

/** `open`: waiting for a moderator; the others are decisions (a new report reopens a dismissed or restored item). */
export const ModerationStatus = z.enum(['open', 'hidden', 'restored', 'dismissed']);
export type ModerationStatus = z.infer<typeof ModerationStatus>;

export const ModerationAction = z.enum(['hide', 'restore', 'dismiss']);
export type ModerationAction = z.infer<typeof ModerationAction>;

export const ModerationItem = z
  .object({
    kind: ContentKind,
    id: Id,
    status: ModerationStatus,
    /** The content as written (moderators always see it whole), with where it sits. */
    content: z.object({
      /** A question's title; null for posts, replies and answers. */
      title: z.string().nullable(),
      body: z.string(),
      author: PersonSummary,
      createdAt: Timestamp,
      /** A reply's post, an answer's question; null otherwise. */
      parentId: Id.nullable(),
      /** For a reply or an answer: the first line of what it answers. */
      context: z.string().nullable(),
      tags: z.array(z.string()),
      deleted: z.boolean(),
    }),
    community: CommunitySummary.nullable(),
    reporterCount: z.number().int().min(0),
    reasons: z.array(z.object({ reason: ReportReason, count: z.number().int().min(1) })),
    /** Reporters' notes, without their names. */
    notes: z.array(z.string()),
    /** Watch-list patterns the content matched. */
    keywords: z.array(z.string()),
    openedAt: Timestamp,
    decision: z
      .object({ action: ModerationAction, note: z.string().nullable(), by: PersonSummary, at: Timestamp })
      .nullable(),
  })
  .meta({ id: 'ModerationItem' });
export type ModerationItem = z.infer<typeof ModerationItem>;

export const ModerationQueue = page(ModerationItem).meta({ id: 'ModerationQueue' });
export type ModerationQueue = z.infer<typeof ModerationQueue>;

/** Managers see their communities' items, admins everything; `community` narrows to one. */
export const ModerationQueueQuery = z.strictObject({
  status: ModerationStatus.default('open'),
  community: Slug.optional(),
  limit: PageSize,
  cursor: Cursor.optional(),
});
export type ModerationQueueQuery = z.infer<typeof ModerationQueueQuery>;

export const ModerationTargetParams = z.strictObject({ kind: ContentKind, id: Id });

/** Hiding needs a reason: its author is shown it. */
export const HideBody = z.strictObject({
  reason: Note(500).refine(hasVisibleText, 'say why: the author is shown this reason'),
});
export type HideBody = z.infer<typeof HideBody>;

/** Restoring or dismissing may carry a note for the audit trail. */
export const DecideBody = z.strictObject({ note: Note(500).optional() });
export type DecideBody = z.infer<typeof DecideBody>;

export const WatchKeyword = z
  .object({ id: Id, pattern: z.string(), regex: z.boolean(), createdAt: Timestamp })
  .meta({ id: 'WatchKeyword' });
export type WatchKeyword = z.infer<typeof WatchKeyword>;

export const WatchKeywordList = z.object({ items: z.array(WatchKeyword) }).meta({ id: 'WatchKeywordList' });
export type WatchKeywordList = z.infer<typeof WatchKeywordList>;

/** A word (matched whole, ignoring case) or, with `regex`, a pattern (checked to be safe to run). */
export const CreateWatchKeywordBody = z.strictObject({
  pattern: z.string().trim().min(2, 'at least 2 characters').max(100, 'at most 100 characters')
    .refine((s) => !s.includes('\u0000'), 'no NUL characters'),
  regex: z.boolean().default(false),
});
export type CreateWatchKeywordBody = z.infer<typeof CreateWatchKeywordBody>;

export const WatchKeywordParams = z.strictObject({ id: Id });

export const AuditAction = z.enum([
  'content.hide', 'content.restore', 'report.dismiss',
  'keyword.add', 'keyword.remove',
  'community.archive', 'community.unarchive', 'community.visibility', 'community.create',
  'tag.merge', 'role.change',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z
  .object({
    id: Id,
    /** null: done by the identity provider (roles from a sign-in) or the system. */
    actor: PersonSummary.nullable(),
    action: AuditAction,
    target: z.object({ kind: z.string(), id: z.string() }),
    community: CommunitySummary.nullable(),
    reason: z.string().nullable(),
    /** What changed, e.g. `{ "from": "open", "to": "restricted" }`. */
    details: z.record(z.string(), z.unknown()),
    at: Timestamp,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = page(AuditEntry).meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditQuery = z.strictObject({
  action: AuditAction.optional(),
  limit: PageSize,
  cursor: Cursor.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
