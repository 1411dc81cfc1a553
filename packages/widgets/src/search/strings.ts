import { LanguagePack, defineStrings } from '../runtime/i18n.ts';

/** Other languages, each a chunk of its own that only a page in that language loads. */
export const searchPack = new LanguagePack({
  fr: () => import('./lang/fr.ts'),
  de: () => import('./lang/de.ts'),
  es: () => import('./lang/es.ts'),
});

/**
 * The box's strings (in the first download). The results' are in `results-strings.ts`, in the
 * results' own chunk; both tables are in the same language packs.
 */
export const boxStrings = defineStrings(searchPack, 'box', {
  label: 'Search',
  placeholder: 'Search posts, questions, people, tags…',
  submit: 'Search',
  keys: 'Arrow keys move through the results, Enter opens one, Escape closes.',
  results: 'Search results',
  loading: 'Loading the results…',
  failed: 'The search could not be loaded.',
});

export const { t } = boxStrings;
