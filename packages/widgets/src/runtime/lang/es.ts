import type { Translations } from '../i18n.ts';
import type { errorStrings } from '../strings.ts';

export default {
  errors: {
    network: 'No se puede conectar con Hearth. Comprueba tu conexión y vuelve a intentarlo.',
    sessionExpired: 'Tu sesión ha caducado. Vuelve a iniciar sesión.',
    serverError: 'Algo ha fallado en el servidor ({status}).',
    communityNotFound: 'Esta comunidad no existe o no tienes acceso a ella.',
    retry: 'Reintentar',
    tryAgain: 'Volver a intentarlo',
  },
} satisfies Translations<{ errors: typeof errorStrings }>;
