import type { Translations } from '../../runtime/i18n.ts';
import type { liveStrings } from '../feed-live.ts';
import type { composerStrings } from '../hearth-feed-composer.ts';
import type { feedStrings } from '../strings.ts';
import type { suggestStrings } from '../tag-suggest.ts';

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
    signedOut: 'Sie sind abgemeldet. Melden Sie sich im Intranet an, um Beiträge zu lesen und zu schreiben.',
    likeFailed: 'Ihr Like konnte nicht gespeichert werden: {reason}',
    deleteFailed: 'Der Beitrag konnte nicht gelöscht werden: {reason}',
    filteredBy: 'Gefiltert nach #{tag}',
    clearFilter: 'Tag-Filter entfernen und alle Beiträge anzeigen',
  },
  suggest: {
    label: 'Tag-Vorschläge',
    posts_one: '{n} Beitrag',
    posts_other: '{n} Beiträge',
    found_one: '{n} Tag vorgeschlagen. Mit den Pfeiltasten auswählen, mit der Eingabetaste oder Tab einfügen, mit Esc schließen.',
    found_other: '{n} Tags vorgeschlagen. Mit den Pfeiltasten auswählen, mit der Eingabetaste oder Tab einfügen, mit Esc schließen.',
  },
  composer: {
    count: '{n} / {max}',
    tooLong_one: '{n} Zeichen zu viel',
    tooLong_other: '{n} Zeichen zu viel',
  },
  live: {
    newPosts_one: '{n} neuer Beitrag',
    newPosts_other: '{n} neue Beiträge',
    showNew: 'Neue Beiträge anzeigen',
  },
} satisfies Translations<{ composer: typeof composerStrings; live: typeof liveStrings; feed: typeof feedStrings, suggest: typeof suggestStrings }>;
