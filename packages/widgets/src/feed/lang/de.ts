import type { Translations } from '../../runtime/i18n.ts';
import type { feedStrings } from '../strings.ts';
import type { suggestStrings } from '../tag-suggest.ts';

export default {
  feed: {},
  suggest: {},
} satisfies Translations<{ feed: typeof feedStrings, suggest: typeof suggestStrings }>;
