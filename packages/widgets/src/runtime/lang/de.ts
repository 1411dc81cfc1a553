import type { Translations } from '../i18n.ts';
import type { errorStrings } from '../strings.ts';

export default {
  errors: {
    network: 'Hearth ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    sessionExpired: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.',
    serverError: 'Auf dem Server ist ein Fehler aufgetreten ({status}).',
    communityNotFound: 'Diese Community gibt es nicht, oder Sie haben keinen Zugriff darauf.',
    retry: 'Erneut versuchen',
    tryAgain: 'Erneut versuchen',
  },
} satisfies Translations<{ errors: typeof errorStrings }>;
