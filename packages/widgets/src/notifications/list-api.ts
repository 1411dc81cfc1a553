import type { MarkReadResult, NotificationPage } from '@hearth/contracts';
import type { HearthClient } from '../runtime/client.ts';

/* The list's endpoints, in the list's chunk: a header's bell asks only for the count (api.ts). */

export interface ListInput {
  limit?: number;
  cursor?: string | undefined;
}

/** A page of lines, newest first. */
export const listNotifications = (c: HearthClient, query: ListInput, signal?: AbortSignal) =>
  c.call<NotificationPage>('notifications', { query: { ...query }, signal });
/** Marks some (their ids) or all of the person's notifications read; answers the count left. */
export const markRead = (c: HearthClient, body: { ids: number[] } | { all: true }) =>
  c.call<MarkReadResult>('notifications/read', { method: 'post', json: body });
