import type { Translations } from '../../runtime/i18n.ts';
import type { cloudStrings } from '../strings.ts';

export default {
  cloud: {
    title: 'Etiquetas populares',
    window_7: 'últimos 7 días',
    window_30: 'últimos 30 días',
    window_90: 'últimos 90 días',
    window_all: 'desde siempre',
    posts_one: '{n} publicación',
    posts_other: '{n} publicaciones',
    posts_many: '{n} de publicaciones',
    trending: 'en tendencia',
    trendingLegend: 'En tendencia: se usa mucho más que en los {n} días anteriores',
    isNew: 'nueva',
    empty: 'No hay etiquetas en los {window}.',
    emptyAll: 'Todavía no hay etiquetas.',
    loadFailed: 'No se han podido cargar las etiquetas.',
    signedOut: 'No has iniciado sesión. Inicia sesión para ver las etiquetas.',
    loading: 'Cargando etiquetas…',
  },
} satisfies Translations<{ cloud: typeof cloudStrings }>;
