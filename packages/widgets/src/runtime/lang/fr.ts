import type { Translations } from '../i18n.ts';
import type { errorStrings } from '../strings.ts';
import type { comboboxStrings } from '../tag-combobox.ts';

export default {
  errors: {
    network: 'Hearth est injoignable. Vérifiez votre connexion et réessayez.',
    sessionExpired: 'Votre session a expiré. Reconnectez-vous.',
    serverError: 'Une erreur s’est produite sur le serveur ({status}).',
    communityNotFound: 'Cette communauté n’existe pas ou vous n’y avez pas accès.',
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
} satisfies Translations<{ errors: typeof errorStrings; tagCombobox: typeof comboboxStrings }>;
