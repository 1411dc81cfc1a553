import type { Translations } from '../i18n.ts';
import type { errorStrings } from '../strings.ts';
import type { comboboxStrings } from '../tag-combobox.ts';

export default {
  errors: {
    network: 'Hearth ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    sessionExpired: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.',
    serverError: 'Auf dem Server ist ein Fehler aufgetreten ({status}).',
    communityNotFound: 'Diese Community gibt es nicht, oder Sie haben keinen Zugriff darauf.',
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
} satisfies Translations<{ errors: typeof errorStrings; tagCombobox: typeof comboboxStrings }>;
