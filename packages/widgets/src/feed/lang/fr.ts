import type { Translations } from '../../runtime/i18n.ts';
import type { liveStrings } from '../feed-live.ts';
import type { composerStrings } from '../hearth-feed-composer.ts';
import type { feedStrings } from '../strings.ts';
import type { mentionStrings } from '../mention-suggest.ts';
import type { postViewStrings } from '../post-view.ts';
import type { placingStrings } from '../placing.ts';
import type { scopeStrings } from '../feed-scope.ts';

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
    postTo: 'Publier dans',
    companyWide: 'Toute l’entreprise',
    placesFailed: 'Impossible de charger vos communautés\u00a0: vous ne pouvez publier que pour toute l’entreprise.',
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
  scope: {
    show: 'Afficher',
    scopeAll: 'Tout',
    scopeFollowing: 'Abonnements',
    emptyFollowing:
      'Rien encore de ce que vous suivez. Suivez un tag (choisissez-le dans le nuage de tags ou un #tag dans une publication, puis Suivre), une personne ou une communauté (Suivre sur sa carte)\u00a0: leurs publications s’afficheront ici.',
  },
  placing: {
    notTagged: 'Publié. Sans le tag #{tag}, la publication n’apparaît pas dans cette liste.',
    otherCommunity: 'Publié dans {name}, donc absent de cette liste.',
    companyWide: 'Publié pour toute l’entreprise, donc absent de cette liste.',
    notFollowed: 'Publié. La publication ne concerne rien de ce que vous suivez, elle n’apparaît donc pas dans vos abonnements.',
    seePost: 'Voir votre publication',
  },
} satisfies Translations<{ scope: typeof scopeStrings; placing: typeof placingStrings; composer: typeof composerStrings; live: typeof liveStrings; feed: typeof feedStrings; mentions: typeof mentionStrings; postView: typeof postViewStrings }>;
