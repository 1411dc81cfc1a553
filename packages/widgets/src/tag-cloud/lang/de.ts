import type { Translations } from '../../runtime/i18n.ts';
import type { cloudStrings } from '../strings.ts';

// The window follows the title ("Beliebte Tags in den letzten 30 Tagen") and fills `empty`.
export default {
  cloud: {
    title: 'Beliebte Tags',
    window_7: 'in den letzten 7 Tagen',
    window_30: 'in den letzten 30 Tagen',
    window_90: 'in den letzten 90 Tagen',
    window_all: 'insgesamt',
    posts_one: '{n} Beitrag',
    posts_other: '{n} Beiträge',
    trending: 'im Trend',
    trendingLegend: 'Im Trend: deutlich häufiger verwendet als in den {n} Tagen davor',
    isNew: 'neu',
    empty: 'Keine Tags {window}.',
    emptyAll: 'Noch keine Tags.',
    loadFailed: 'Die Tags konnten nicht geladen werden.',
    signedOut: 'Sie sind abgemeldet. Melden Sie sich an, um die Tags zu sehen.',
    loading: 'Tags werden geladen…',
  },
} satisfies Translations<{ cloud: typeof cloudStrings }>;
