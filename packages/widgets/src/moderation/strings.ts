import { LanguagePack, defineStrings } from '../runtime/i18n.ts';

/** Other languages, each a chunk of its own that only a page in that language loads. */
export const moderationPack = new LanguagePack({
  fr: () => import('./lang/fr.ts'),
  de: () => import('./lang/de.ts'),
  es: () => import('./lang/es.ts'),
});

/**
 * The widget's own words: its tabs and states, and what every part says alike. The queue, the
 * watch list and the audit trail keep their words in their own chunks (their tables are in the
 * same language packs).
 */
export const moderationStrings = defineStrings(moderationPack, 'moderation', {
  tabs: 'Moderation',
  tab_open: 'To review',
  tab_hidden: 'Hidden',
  tab_closed: 'Closed',
  tab_keywords: 'Watch list',
  tab_audit: 'Audit trail',
  loading: 'Loading…',
  signedOut: 'You are signed out. Sign in to moderate.',
  forbidden: 'You are not a moderator.',
  forbiddenDetail: 'Community managers review their communities, admins everything. Ask an admin if you should be one.',
  loadMore: 'Load more',
  loadingMore: 'Loading…',
  moreFailed: 'More could not be loaded.',
});

export const { t } = moderationStrings;
