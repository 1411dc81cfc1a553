import type { Translations } from '../i18n.ts';
import type { followStrings } from '../follow.ts';
import type { errorStrings } from '../strings.ts';
import type { reportDialogStrings } from '../report-dialog.ts';
import type { reportStrings } from '../report.ts';
import type { comboboxStrings } from '../tag-combobox.ts';
import type { signInStrings } from '../sign-in.ts';

export default {
  errors: {
    network: 'Hearth est injoignable. Vérifiez votre connexion et réessayez.',
    notAllowed: 'Hearth n’accepte pas les requêtes de cette page ({origin}). Un administrateur doit l’ajouter à ALLOWED_ORIGINS.',
    sessionExpired: 'Votre session a expiré. Reconnectez-vous.',
    signInUnavailable: 'La connexion est impossible pour le moment. Réessayez dans un instant.',
    deactivated: 'Votre compte est désactivé. Demandez à votre administrateur.',
    serverError: 'Une erreur s’est produite sur le serveur ({status}).',
    communityNotFound: 'Cette communauté n’existe pas ou vous n’y avez pas accès.',
    tooFast: 'Vous publiez trop vite. Réessayez {when}.',
    tooMany: 'Trop de requêtes. Réessayez {when}.',
    later: 'plus tard',
    retry: 'Réessayer',
    tryAgain: 'Réessayer',
  },
  tagCombobox: {
    label: 'Suggestions de tags',
    posts_one: '{n} publication',
    posts_other: '{n} publications',
    posts_many: '{n} de publications',
    found_one: '{n} tag suggéré. Flèches haut et bas pour choisir, Entrée ou Tab pour insérer, Échap pour fermer.',
    found_other: '{n} tags suggérés. Flèches haut et bas pour choisir, Entrée ou Tab pour insérer, Échap pour fermer.',
    found_many: '{n} de tags suggérés. Flèches haut et bas pour choisir, Entrée ou Tab pour insérer, Échap pour fermer.',
  },
  report: {
    report: 'Signaler',
    post: 'Signaler la publication de {name}',
    reply: 'Signaler la réponse de {name}',
    question: 'Signaler la question de {name}',
    answer: 'Signaler la réponse de {name}',
    hidden: 'Masqué par un modérateur',
    hiddenNotice: 'Masqué par un modérateur\u00a0: {reason}. Les autres ne peuvent pas le voir.',
  },
  reportDialog: {
    why: 'Pourquoi un modérateur devrait-il y jeter un œil\u202f?',
    spam: 'Spam ou publicité',
    harassment: 'Harcèlement ou propos abusifs',
    confidential: 'Informations confidentielles',
    off_topic: 'Hors sujet',
    other: 'Autre',
    note: 'Note',
    noteHint: 'Facultative, sauf pour «\u00a0Autre\u00a0»\u00a0: dites ce qui ne va pas.',
    chooseReason: 'Choisissez un motif.',
    noteNeeded: 'Dites dans la note ce qui ne va pas.',
    send: 'Envoyer le signalement',
    sending: 'Envoi…',
    cancel: 'Annuler',
    close: 'Fermer',
    thanks: 'Merci — un modérateur va l’examiner.',
    already: 'Vous avez déjà signalé ce contenu.',
    failed: 'Le signalement n’a pas été envoyé\u00a0: {reason} Vos choix et votre texte sont conservés.',
  },
  signIn: {
    signIn: 'Se connecter',
    blocked: 'Votre navigateur a bloqué la fenêtre de connexion.',
    newTab: 'Se connecter dans un nouvel onglet',
    failed: 'La connexion n’a pas abouti. Réessayez.',
  },
  follow: {
    follow: 'Suivre',
    followName: 'Suivre {name}',
    followFailed: 'Impossible de suivre {name}\u00a0: {reason}',
    unfollowFailed: 'Impossible de ne plus suivre {name}\u00a0: {reason}',
  },
} satisfies Translations<{
  follow: typeof followStrings;
  errors: typeof errorStrings;
  tagCombobox: typeof comboboxStrings;
  report: typeof reportStrings;
  reportDialog: typeof reportDialogStrings;
  signIn: typeof signInStrings;
}>;
