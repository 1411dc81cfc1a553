import type { Translations } from '../../runtime/i18n.ts';
import type { liveStrings } from '../feed-live.ts';
import type { composerStrings } from '../hearth-feed-composer.ts';
import type { feedStrings } from '../strings.ts';
import type { mentionStrings } from '../mention-suggest.ts';
import type { postViewStrings } from '../post-view.ts';
import type { placingStrings } from '../placing.ts';
import type { scopeStrings } from '../feed-scope.ts';

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
    likes_many: 'de me gusta',
    reply: 'Responder',
    replies_one: '{n} respuesta',
    replies_other: '{n} respuestas',
    replies_many: '{n} de respuestas',
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
    signedOut: 'No has iniciado sesión. Inicia sesión para ver y escribir publicaciones.',
    likeFailed: 'No se ha podido guardar tu me gusta: {reason}',
    deleteFailed: 'No se ha podido eliminar la publicación: {reason}',
    filteredBy: 'Filtrado por #{tag}',
    clearFilter: 'Quitar el filtro de etiqueta y mostrar todas las publicaciones',
  },
  composer: {
    count: '{n} / {max}',
    tooLong_one: '{n} carácter de más',
    tooLong_other: '{n} caracteres de más',
    tooLong_many: '{n} de caracteres de más',
    postTo: 'Publicar en',
    companyWide: 'Toda la empresa',
    placesFailed: 'No se pudieron cargar tus comunidades: solo puedes publicar para toda la empresa.',
  },
  live: {
    newPosts_one: '{n} publicación nueva',
    newPosts_other: '{n} publicaciones nuevas',
    newPosts_many: '{n} de publicaciones nuevas',
    showNew: 'Ver publicaciones nuevas',
  },
  mentions: {
    label: 'Sugerencias de personas',
    found_one: '{n} persona sugerida. Flechas arriba y abajo para elegir, Intro o Tab para insertar, Escape para cerrar.',
    found_other: '{n} personas sugeridas. Flechas arriba y abajo para elegir, Intro o Tab para insertar, Escape para cerrar.',
    found_many: '{n} de personas sugeridas. Flechas arriba y abajo para elegir, Intro o Tab para insertar, Escape para cerrar.',
  },
  postView: {
    seeAll: 'Ver todas las publicaciones',
    notFound: 'Esta publicación no existe o no puede verla.',
    loadFailed: 'No se pudo cargar la publicación.',
  },
  scope: {
    show: 'Mostrar',
    scopeAll: 'Todo',
    scopeFollowing: 'Siguiendo',
    emptyFollowing:
      'Aún no hay nada de lo que sigues. Sigue una etiqueta (elígela en la nube de etiquetas o en una #etiqueta de una publicación y pulsa Seguir), una persona o una comunidad (Seguir en su tarjeta) y sus publicaciones aparecerán aquí.',
  },
  placing: {
    notTagged: 'Publicado. No tiene la etiqueta #{tag}, así que no está en esta lista.',
    otherCommunity: 'Publicado en {name}, así que no está en esta lista.',
    companyWide: 'Publicado para toda la empresa, así que no está en esta lista.',
    notFollowed: 'Publicado. No trata de nada de lo que sigues, así que no está en Siguiendo.',
    seePost: 'Ver tu publicación',
  },
} satisfies Translations<{ scope: typeof scopeStrings; placing: typeof placingStrings; composer: typeof composerStrings; live: typeof liveStrings; feed: typeof feedStrings; mentions: typeof mentionStrings; postView: typeof postViewStrings }>;
