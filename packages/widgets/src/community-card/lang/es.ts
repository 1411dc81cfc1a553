import type { Translations } from '../../runtime/i18n.ts';
import type { cardStrings } from '../strings.ts';

export default {
  card: {},
} satisfies Translations<{ card: typeof cardStrings }>;
