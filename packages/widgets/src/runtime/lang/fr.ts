import type { Translations } from '../i18n.ts';
import type { errorStrings } from '../strings.ts';

export default {
  errors: {
    network: 'Hearth est injoignable. Vérifiez votre connexion et réessayez.',
    sessionExpired: 'Votre session a expiré. Reconnectez-vous.',
    serverError: 'Une erreur s’est produite sur le serveur ({status}).',
    communityNotFound: 'Cette communauté n’existe pas ou vous n’y avez pas accès.',
    retry: 'Réessayer',
    tryAgain: 'Réessayer',
  },
} satisfies Translations<{ errors: typeof errorStrings }>;
