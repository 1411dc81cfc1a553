import type { Translations } from '../i18n.ts';
import type { errorStrings } from '../strings.ts';

export default {
  errors: {
    network: 'Hearth est injoignable. Vérifiez votre connexion et réessayez.',
    sessionExpired: 'Votre session a expiré. Reconnectez-vous.',
    serverError: 'Une erreur s’est produite sur le serveur ({status}).',
    retry: 'Réessayer',
    tryAgain: 'Réessayer',
  },
} satisfies Translations<{ errors: typeof errorStrings }>;
