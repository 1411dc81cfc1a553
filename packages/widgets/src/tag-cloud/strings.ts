import { LanguagePack, defineStrings } from '../runtime/i18n.ts';

/** Other languages, each a chunk of its own that only a page in that language loads. */
export const cloudPack = new LanguagePack({
  fr: () => import('./lang/fr.ts'),
  de: () => import('./lang/de.ts'),
  es: () => import('./lang/es.ts'),
});

/**
 * The tag cloud's strings. Kept beside the widget (not in the runtime's table) so a page that
 * has only a feed does not download them. Plural forms end in `_one` / `_other`.
 */
export const cloudStrings = defineStrings(cloudPack, 'cloud', {
  title: 'Popular tags',
  window_7: 'last 7 days',
  window_30: 'last 30 days',
  window_90: 'last 90 days',
  window_all: 'all time',
  posts_one: '{n} post',
  posts_other: '{n} posts',
  trending: 'trending',
  trendingLegend: 'Trending: used much more than in the {n} days before',
  isNew: 'new',
  empty: 'No tags in the {window}.',
  emptyAll: 'No tags yet.',
  loadFailed: 'The tags could not be loaded.',
  signedOut: 'You are signed out. Sign in to see the tags.',
  loading: 'Loading tags…',
});

export const { t, plural } = cloudStrings;
