import type { Translations } from '../../runtime/i18n.ts';
import type { questionStrings } from '../hearth-ask-expert-question.ts';
import type { similarStrings } from '../similar.ts';
import type { askStrings } from '../strings.ts';
import type { tagOptionsStrings } from '../tag-options.ts';

export default {
  ask: {},
  similar: {},
  tagOptions: {},
  question: {},
} satisfies Translations<{ ask: typeof askStrings, similar: typeof similarStrings, tagOptions: typeof tagOptionsStrings, question: typeof questionStrings }>;
