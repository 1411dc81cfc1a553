import type { Translations } from '../../runtime/i18n.ts';
import type { liveStrings } from '../feed-live.ts';
import type { composerStrings } from '../hearth-feed-composer.ts';
import type { feedStrings } from '../strings.ts';
import type { suggestStrings } from '../tag-suggest.ts';

export default {
  feed: {
    posts: 'Publicaciones',
    writePost: 'Escribe una publicación',
    post: 'Publicar',
    writeReply: 'Escribe una respuesta',
    sendReply: 'Enviar',
    editPost: 'Editar publicación',
    save: 'Guardar',
    cancel: 'Cancelar',
    like: 'Me gusta',
    unlike: 'Ya no me gusta',
    likes_one: 'me gusta',
    likes_other: 'me gusta',
    reply: 'Responder',
    replies_one: '{n} respuesta',
    replies_other: '{n} respuestas',
    hideReplies: 'Ocultar respuestas',
    moreReplies: 'Más respuestas',
    loadingReplies: 'Cargando respuestas…',
    edit: 'Editar',
    delete: 'Eliminar',
    deletePost: 'Eliminar publicación',
    confirmDelete: '¿Eliminar esta publicación? No se puede deshacer.',
    edited: '(editada)',
    editedAt: 'Editada el {date}',
    inCommunity: 'en {name}',
    loadMore: 'Cargar más',
    showMore: 'Ver más',
    showLess: 'Ver menos',
    empty: 'Todavía no hay publicaciones.',
    emptyCompose: 'Todavía no hay publicaciones. Inicia la conversación.',
    loadFailed: 'No se han podido cargar las publicaciones.',
    signedOut: 'No has iniciado sesión. Inicia sesión en tu intranet para ver y escribir publicaciones.',
    likeFailed: 'No se ha podido guardar tu me gusta: {reason}',
    deleteFailed: 'No se ha podido eliminar la publicación: {reason}',
    filteredBy: 'Filtrado por #{tag}',
    clearFilter: 'Quitar el filtro de etiqueta y mostrar todas las publicaciones',
  },
  suggest: {
    label: 'Sugerencias de etiquetas',
    posts_one: '{n} publicación',
    posts_other: '{n} publicaciones',
    found_one: '{n} etiqueta sugerida. Usa las flechas arriba y abajo para elegir, Intro o Tab para insertar y Esc para cerrar.',
    found_other: '{n} etiquetas sugeridas. Usa las flechas arriba y abajo para elegir, Intro o Tab para insertar y Esc para cerrar.',
  },
  composer: {
    count: '{n} / {max}',
    tooLong_one: '{n} carácter de más',
    tooLong_other: '{n} caracteres de más',
  },
  live: {
    newPosts_one: '{n} publicación nueva',
    newPosts_other: '{n} publicaciones nuevas',
    showNew: 'Ver publicaciones nuevas',
  },
} satisfies Translations<{ composer: typeof composerStrings; live: typeof liveStrings; feed: typeof feedStrings, suggest: typeof suggestStrings }>;
