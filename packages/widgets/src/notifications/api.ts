import type { UnreadCount } from '@hearth/contracts';
import type { HearthClient } from '../runtime/client.ts';

/*
 * The notification endpoints, as functions over the runtime's client like runtime/api.ts, but
 * kept beside the widget: only a page with <hearth-notifications> bundles them.
 */

/** The bell's count: unread notifications in all (not lines). */
export const unreadCount = (c: HearthClient, signal?: AbortSignal) => c.call<UnreadCount>('notifications/unread', { signal });

