import type { Translations } from '../../runtime/i18n.ts';
import type { cloudStrings } from '../strings.ts';

export default {
  cloud: {},
} satisfies Translations<{ cloud: typeof cloudStrings }>;
