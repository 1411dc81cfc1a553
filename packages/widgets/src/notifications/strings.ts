import { LanguagePack, defineStrings } from '../runtime/i18n.ts';

/** Other languages, each a chunk of its own that only a page in that language loads. */
export const notificationsPack = new LanguagePack({
  fr: () => import('./lang/fr.ts'),
  de: () => import('./lang/de.ts'),
  es: () => import('./lang/es.ts'),
});

/**
 * The bell's strings (in the header's first download). The list's are in `list-strings.ts`, in
 * the list's own chunk; both tables are in the same language packs. Plural forms end in
 * `_one` / `_other`.
 */
export const bellStrings = defineStrings(notificationsPack, 'bell', {
  title: 'Notifications',
  bellUnread_one: 'Notifications, {n} unread',
  bellUnread_other: 'Notifications, {n} unread',
  announce_one: '{n} unread notification',
  announce_other: '{n} unread notifications',
  announceNone: 'No unread notifications',
  loading: 'Loading notifications…',
  signedOut: 'You are signed out. Sign in to see your notifications.',
});

export const { t, plural } = bellStrings;
