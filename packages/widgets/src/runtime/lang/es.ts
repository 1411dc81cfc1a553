import type { Translations } from '../i18n.ts';
import type { errorStrings } from '../strings.ts';
import type { comboboxStrings } from '../tag-combobox.ts';

export default {
  errors: {
    network: 'No se puede conectar con Hearth. Comprueba tu conexión y vuelve a intentarlo.',
    sessionExpired: 'Tu sesión ha caducado. Vuelve a iniciar sesión.',
    serverError: 'Algo ha fallado en el servidor ({status}).',
    communityNotFound: 'Esta comunidad no existe o no tienes acceso a ella.',
    retry: 'Reintentar',
    tryAgain: 'Volver a intentarlo',
  },
  tagCombobox: {
    label: 'Sugerencias de etiquetas',
    posts_one: '{n} publicación',
    posts_other: '{n} publicaciones',
    posts_many: '{n} de publicaciones',
    found_one: '{n} etiqueta sugerida. Usa las flechas arriba y abajo para elegir, Intro o Tab para insertar y Esc para cerrar.',
    found_other: '{n} etiquetas sugeridas. Usa las flechas arriba y abajo para elegir, Intro o Tab para insertar y Esc para cerrar.',
    found_many: '{n} de etiquetas sugeridas. Usa las flechas arriba y abajo para elegir, Intro o Tab para insertar y Esc para cerrar.',
  },
} satisfies Translations<{ errors: typeof errorStrings; tagCombobox: typeof comboboxStrings }>;
