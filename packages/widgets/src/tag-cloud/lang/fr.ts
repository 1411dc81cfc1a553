import type { Translations } from '../../runtime/i18n.ts';
import type { cloudStrings } from '../strings.ts';

// The window follows the title ("Tags populaires sur les 30 derniers jours") and fills `empty`.
export default {
  cloud: {
    title: 'Tags populaires',
    window_7: 'sur les 7 derniers jours',
    window_30: 'sur les 30 derniers jours',
    window_90: 'sur les 90 derniers jours',
    window_all: 'depuis le début',
    posts_one: '{n} publication',
    posts_other: '{n} publications',
    posts_many: '{n} de publications',
    trending: 'en hausse',
    trendingLegend: 'En hausse\u00a0: bien plus utilisé qu’au cours des {n} jours précédents',
    isNew: 'nouveau',
    empty: 'Aucun tag {window}.',
    emptyAll: 'Aucun tag pour le moment.',
    loadFailed: 'Impossible de charger les tags.',
    signedOut: 'Connexion requise. Connectez-vous pour voir les tags.',
    loading: 'Chargement des tags…',
  },
} satisfies Translations<{ cloud: typeof cloudStrings }>;
