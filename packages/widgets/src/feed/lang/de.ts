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
    posts: 'Beiträge',
    writePost: 'Beitrag schreiben',
    post: 'Posten',
    writeReply: 'Antwort schreiben',
    sendReply: 'Senden',
    editPost: 'Beitrag bearbeiten',
    save: 'Speichern',
    cancel: 'Abbrechen',
    like: 'Gefällt mir',
    unlike: 'Gefällt mir nicht mehr',
    likes_one: 'Like',
    likes_other: 'Likes',
    reply: 'Antworten',
    replies_one: '{n} Antwort',
    replies_other: '{n} Antworten',
    hideReplies: 'Antworten ausblenden',
    moreReplies: 'Weitere Antworten',
    loadingReplies: 'Antworten werden geladen…',
    edit: 'Bearbeiten',
    delete: 'Löschen',
    deletePost: 'Beitrag löschen',
    confirmDelete: 'Diesen Beitrag löschen? Das lässt sich nicht rückgängig machen.',
    edited: '(bearbeitet)',
    editedAt: 'Bearbeitet am {date}',
    inCommunity: 'in {name}',
    loadMore: 'Mehr laden',
    showMore: 'Mehr anzeigen',
    showLess: 'Weniger anzeigen',
    empty: 'Hier gibt es noch keine Beiträge.',
    emptyCompose: 'Hier gibt es noch keine Beiträge. Starten Sie die Unterhaltung.',
    loadFailed: 'Die Beiträge konnten nicht geladen werden.',
    signedOut: 'Sie sind abgemeldet. Melden Sie sich an, um Beiträge zu lesen und zu schreiben.',
    likeFailed: 'Ihr Like konnte nicht gespeichert werden: {reason}',
    deleteFailed: 'Der Beitrag konnte nicht gelöscht werden: {reason}',
    filteredBy: 'Gefiltert nach #{tag}',
    clearFilter: 'Tag-Filter entfernen und alle Beiträge anzeigen',
  },
  composer: {
    count: '{n} / {max}',
    tooLong_one: '{n} Zeichen zu viel',
    tooLong_other: '{n} Zeichen zu viel',
    postTo: 'Posten in',
    companyWide: 'Ganzes Unternehmen',
    placesFailed: 'Ihre Communities konnten nicht geladen werden, Sie können nur unternehmensweit posten.',
  },
  live: {
    newPosts_one: '{n} neuer Beitrag',
    newPosts_other: '{n} neue Beiträge',
    showNew: 'Neue Beiträge anzeigen',
  },
  mentions: {
    label: 'Personenvorschläge',
    found_one: '{n} Person vorgeschlagen. Mit Pfeil nach oben und unten auswählen, mit Eingabe oder Tab einfügen, mit Escape schließen.',
    found_other: '{n} Personen vorgeschlagen. Mit Pfeil nach oben und unten auswählen, mit Eingabe oder Tab einfügen, mit Escape schließen.',
  },
  postView: {
    seeAll: 'Alle Beiträge anzeigen',
    notFound: 'Diesen Beitrag gibt es nicht, oder Sie können ihn nicht sehen.',
    loadFailed: 'Der Beitrag konnte nicht geladen werden.',
  },
  scope: {
    show: 'Anzeigen',
    scopeAll: 'Alle',
    scopeFollowing: 'Folge ich',
    emptyFollowing:
      'Noch keine Beiträge zu dem, dem Sie folgen. Folgen Sie einem Tag (in der Tag-Wolke oder über ein #Tag in einem Beitrag wählen, dann Folgen), einer Person oder einer Community (Folgen auf ihrer Karte): Deren Beiträge erscheinen dann hier.',
  },
  placing: {
    notTagged: 'Veröffentlicht. Der Beitrag hat das Tag #{tag} nicht und steht daher nicht in dieser Liste.',
    otherCommunity: 'In {name} veröffentlicht und daher nicht in dieser Liste.',
    companyWide: 'Unternehmensweit veröffentlicht und daher nicht in dieser Liste.',
    notFollowed: 'Veröffentlicht. Der Beitrag betrifft nichts, dem Sie folgen, und steht daher nicht unter „Folge ich“.',
    seePost: 'Ihren Beitrag ansehen',
  },
} satisfies Translations<{ scope: typeof scopeStrings; placing: typeof placingStrings; composer: typeof composerStrings; live: typeof liveStrings; feed: typeof feedStrings; mentions: typeof mentionStrings; postView: typeof postViewStrings }>;
