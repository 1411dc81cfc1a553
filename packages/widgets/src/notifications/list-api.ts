import type { MarkReadResult, NotificationPage, NotificationSettings, ThreadMute } from '@hearth/contracts';
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

/** Where each kind of notification reaches the person (a kind not listed: `page+out`). */
export const getSettings = (c: HearthClient, signal?: AbortSignal) => c.call<NotificationSettings>('me/notification-settings', { signal });
/** Saves the whole choice (the server keeps what it is given); answers what it kept. */
export const putSettings = (c: HearthClient, delivery: NotificationSettings['delivery']) =>
  c.call<NotificationSettings>('me/notification-settings', { method: 'put', json: { delivery } });

/** A thread: the post (with its replies) or the question (with its answers). */
export interface Thread {
  kind: 'post' | 'question';
  id: number;
}
/** Mutes a thread (`true`) or unmutes it. */
export const setMuted = (c: HearthClient, thread: Thread, muted: boolean) =>
  c.call<ThreadMute>(`threads/${thread.kind}/${thread.id}/mute`, { method: muted ? 'put' : 'delete' });
