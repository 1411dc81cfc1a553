import type {
  AuditAction, AuditPage, ContentKind, CreateWatchKeywordBody, ModerationItem, ModerationQueue, ModerationStatus, WatchKeyword,
  WatchKeywordList,
} from '@hearth/contracts';
import type { HearthClient } from '../runtime/client.ts';

/*
 * The moderation and audit endpoints, as functions over the runtime's client like runtime/api.ts,
 * but kept beside the widget: only a page with <hearth-moderation> bundles them.
 */

export interface QueueInput {
  status: ModerationStatus;
  community?: string | undefined;
  limit?: number;
  cursor?: string | undefined;
}

export interface AuditInput {
  action?: AuditAction | undefined;
  limit?: number;
  cursor?: string | undefined;
}

const item = (kind: ContentKind, id: number, verb: string) => `moderation/items/${kind}/${id}/${verb}`;

export const moderationQueue = (c: HearthClient, query: QueueInput, signal?: AbortSignal) =>
  c.call<ModerationQueue>('moderation/queue', { query: { ...query }, signal });
/** Hides content; the author is shown `reason`. */
export const hideContent = (c: HearthClient, kind: ContentKind, id: number, reason: string) =>
  c.call<ModerationItem>(item(kind, id, 'hide'), { method: 'post', json: { reason } });
export const restoreContent = (c: HearthClient, kind: ContentKind, id: number) =>
  c.call<ModerationItem>(item(kind, id, 'restore'), { method: 'post', json: {} });
export const dismissReports = (c: HearthClient, kind: ContentKind, id: number) =>
  c.call<ModerationItem>(item(kind, id, 'dismiss'), { method: 'post', json: {} });

export const listWatchKeywords = (c: HearthClient, signal?: AbortSignal) => c.call<WatchKeywordList>('moderation/keywords', { signal });
export const addWatchKeyword = (c: HearthClient, body: CreateWatchKeywordBody) =>
  c.call<WatchKeyword>('moderation/keywords', { method: 'post', json: body });
export const removeWatchKeyword = (c: HearthClient, id: number) =>
  c.call<void>(`moderation/keywords/${id}`, { method: 'delete' }, false);

export const auditLog = (c: HearthClient, query: AuditInput, signal?: AbortSignal) =>
  c.call<AuditPage>('audit', { query: { ...query }, signal });
/** The audit trail as CSV (admins), all of it or one action's: the response, to be saved as a file. */
export const auditCsv = (c: HearthClient, action?: AuditAction, signal?: AbortSignal) =>
  c.open('audit.csv', { query: { action }, headers: { accept: 'text/csv' }, signal });
