import type { Translations } from '../i18n.ts';
import type { followStrings } from '../follow.ts';
import type { errorStrings } from '../strings.ts';
import type { reportDialogStrings } from '../report-dialog.ts';
import type { reportStrings } from '../report.ts';
import type { comboboxStrings } from '../tag-combobox.ts';
import type { signInStrings } from '../sign-in.ts';

export default {
  errors: {
    network: 'Hearth ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    notAllowed: 'Hearth nimmt keine Anfragen von dieser Seite an ({origin}). Eine Administratorin oder ein Administrator muss sie zu ALLOWED_ORIGINS hinzufügen.',
    sessionExpired: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.',
    signInUnavailable: 'Die Anmeldung ist gerade nicht möglich. Versuchen Sie es gleich noch einmal.',
    deactivated: 'Ihr Konto ist deaktiviert. Wenden Sie sich an Ihre Administration.',
    serverError: 'Auf dem Server ist ein Fehler aufgetreten ({status}).',
    communityNotFound: 'Diese Community gibt es nicht, oder Sie haben keinen Zugriff darauf.',
    tooFast: 'Sie veröffentlichen zu schnell. Versuchen Sie es {when} erneut.',
    tooMany: 'Zu viele Anfragen. Versuchen Sie es {when} erneut.',
    later: 'später',
    retry: 'Erneut versuchen',
    tryAgain: 'Erneut versuchen',
  },
  tagCombobox: {
    label: 'Tag-Vorschläge',
    posts_one: '{n} Beitrag',
    posts_other: '{n} Beiträge',
    found_one: '{n} Tag vorgeschlagen. Mit den Pfeiltasten auswählen, mit der Eingabetaste oder Tab einfügen, mit Esc schließen.',
    found_other: '{n} Tags vorgeschlagen. Mit den Pfeiltasten auswählen, mit der Eingabetaste oder Tab einfügen, mit Esc schließen.',
  },
  report: {
    report: 'Melden',
    post: 'Beitrag von {name} melden',
    reply: 'Antwort von {name} melden',
    question: 'Frage von {name} melden',
    answer: 'Antwort von {name} melden',
    hidden: 'Von der Moderation ausgeblendet',
    hiddenNotice: 'Von der Moderation ausgeblendet: {reason}. Andere können es nicht sehen.',
  },
  reportDialog: {
    why: 'Warum sollte sich die Moderation das ansehen?',
    spam: 'Spam oder Werbung',
    harassment: 'Belästigung oder Beleidigung',
    confidential: 'Vertrauliche Informationen',
    off_topic: 'Themenfremd',
    other: 'Sonstiges',
    note: 'Notiz',
    noteHint: 'Optional, außer bei „Sonstiges“: Sagen Sie, was nicht stimmt.',
    chooseReason: 'Wählen Sie einen Grund.',
    noteNeeded: 'Sagen Sie in der Notiz, was nicht stimmt.',
    send: 'Meldung senden',
    sending: 'Wird gesendet…',
    cancel: 'Abbrechen',
    close: 'Schließen',
    thanks: 'Danke – die Moderation sieht sich das an.',
    already: 'Sie haben dies bereits gemeldet.',
    failed: 'Die Meldung wurde nicht gesendet: {reason} Ihre Auswahl und Ihr Text bleiben erhalten.',
  },
  signIn: {
    signIn: 'Anmelden',
    blocked: 'Ihr Browser hat das Anmeldefenster blockiert.',
    newTab: 'In einem neuen Tab anmelden',
    failed: 'Die Anmeldung ist nicht gelungen. Versuchen Sie es erneut.',
  },
  follow: {
    follow: 'Folgen',
    followName: '{name} folgen',
    followFailed: '{name} zu folgen ist nicht gelungen: {reason}',
    unfollowFailed: '{name} nicht mehr zu folgen ist nicht gelungen: {reason}',
  },
} satisfies Translations<{
  follow: typeof followStrings;
  errors: typeof errorStrings;
  tagCombobox: typeof comboboxStrings;
  report: typeof reportStrings;
  reportDialog: typeof reportDialogStrings;
  signIn: typeof signInStrings;
}>;
