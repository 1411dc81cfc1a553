import type { Translations } from '../../runtime/i18n.ts';
import type { liveStrings } from '../feed-live.ts';
import type { composerStrings } from '../hearth-feed-composer.ts';
import type { feedStrings } from '../strings.ts';
import type { mentionStrings } from '../mention-suggest.ts';
import type { postViewStrings } from '../post-view.ts';

// French typography: a no-break space (\u00a0) before ":" and a narrow one (\u202f) before "?",
// so the sign never wraps onto a line of its own.
export default {
  feed: {
    posts: 'Publications',
    writePost: 'Rédiger une publication',
    post: 'Publier',
    writeReply: 'Rédiger une réponse',
    sendReply: 'Envoyer',
    editPost: 'Modifier la publication',
    save: 'Enregistrer',
    cancel: 'Annuler',
    like: 'J’aime',
    unlike: 'Je n’aime plus',
    likes_one: 'J’aime',
    likes_other: 'J’aime',
    likes_many: 'de J’aime',
    reply: 'Répondre',
    replies_one: '{n} réponse',
    replies_other: '{n} réponses',
    replies_many: '{n} de réponses',
    hideReplies: 'Masquer les réponses',
    moreReplies: 'Plus de réponses',
    loadingReplies: 'Chargement des réponses…',
    edit: 'Modifier',
    delete: 'Supprimer',
    deletePost: 'Supprimer la publication',
    confirmDelete: 'Supprimer cette publication\u202f? Cette action est irréversible.',
    edited: '(modifiée)',
    editedAt: 'Modifiée le {date}',
    inCommunity: 'dans {name}',
    loadMore: 'Charger la suite',
    showMore: 'Lire la suite',
    showLess: 'Réduire',
    empty: 'Aucune publication pour le moment.',
    emptyCompose: 'Aucune publication pour le moment. Lancez la conversation.',
    loadFailed: 'Impossible de charger les publications.',
    signedOut: 'Connexion requise. Connectez-vous pour lire et rédiger des publications.',
    likeFailed: 'Impossible d’enregistrer votre J’aime\u00a0: {reason}',
    deleteFailed: 'Impossible de supprimer la publication\u00a0: {reason}',
    filteredBy: 'Filtré par #{tag}',
    clearFilter: 'Retirer le filtre par tag et afficher toutes les publications',
  },
  composer: {
    count: '{n} / {max}',
    tooLong_one: '{n} caractère en trop',
    tooLong_other: '{n} caractères en trop',
    tooLong_many: '{n} de caractères en trop',
  },
  live: {
    newPosts_one: '{n} nouvelle publication',
    newPosts_other: '{n} nouvelles publications',
    newPosts_many: '{n} de nouvelles publications',
    showNew: 'Afficher les nouvelles publications',
  },
  mentions: {
    label: 'Suggestions de personnes',
    found_one: '{n} personne suggérée. Flèches haut et bas pour choisir, Entrée ou Tab pour insérer, Échap pour fermer.',
    found_other: '{n} personnes suggérées. Flèches haut et bas pour choisir, Entrée ou Tab pour insérer, Échap pour fermer.',
    found_many: '{n} de personnes suggérées. Flèches haut et bas pour choisir, Entrée ou Tab pour insérer, Échap pour fermer.',
  },
  postView: {
    seeAll: 'Voir toutes les publications',
    notFound: 'Cette publication n’existe pas, ou vous ne pouvez pas la voir.',
    loadFailed: 'La publication n’a pas pu être chargée.',
  },
} satisfies Translations<{ composer: typeof composerStrings; live: typeof liveStrings; feed: typeof feedStrings; mentions: typeof mentionStrings; postView: typeof postViewStrings }>;
