import type { Translations } from '../i18n.ts';
import type { followStrings } from '../follow.ts';
import type { errorStrings } from '../strings.ts';
import type { reportDialogStrings } from '../report-dialog.ts';
import type { reportStrings } from '../report.ts';
import type { comboboxStrings } from '../tag-combobox.ts';
import type { signInStrings } from '../sign-in.ts';

export default {
  errors: {
    network: 'No se puede conectar con Hearth. Comprueba tu conexión y vuelve a intentarlo.',
    notAllowed: 'Hearth no acepta solicitudes de esta página ({origin}). Un administrador debe añadirla a ALLOWED_ORIGINS.',
    sessionExpired: 'Tu sesión ha caducado. Vuelve a iniciar sesión.',
    signInUnavailable: 'No se puede iniciar sesión ahora. Inténtelo de nuevo en un momento.',
    deactivated: 'Su cuenta está desactivada. Consulte a su administrador.',
    serverError: 'Algo ha fallado en el servidor ({status}).',
    communityNotFound: 'Esta comunidad no existe o no tienes acceso a ella.',
    tooFast: 'Estás publicando demasiado rápido. Vuelve a intentarlo {when}.',
    tooMany: 'Demasiadas solicitudes. Vuelve a intentarlo {when}.',
    later: 'más tarde',
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
  report: {
    report: 'Denunciar',
    post: 'Denunciar la publicación de {name}',
    reply: 'Denunciar la respuesta de {name}',
    question: 'Denunciar la pregunta de {name}',
    answer: 'Denunciar la respuesta de {name}',
    hidden: 'Ocultado por moderación',
    hiddenNotice: 'Ocultado por moderación: {reason}. Los demás no pueden verlo.',
  },
  reportDialog: {
    why: '¿Por qué debería revisarlo un moderador?',
    spam: 'Spam o publicidad',
    harassment: 'Acoso o abuso',
    confidential: 'Información confidencial',
    off_topic: 'Fuera de tema',
    other: 'Otro',
    note: 'Nota',
    noteHint: 'Opcional, salvo para «Otro»: di qué está mal.',
    chooseReason: 'Elige un motivo.',
    noteNeeded: 'Di en la nota qué está mal.',
    send: 'Enviar denuncia',
    sending: 'Enviando…',
    cancel: 'Cancelar',
    close: 'Cerrar',
    thanks: 'Gracias: un moderador lo revisará.',
    already: 'Ya has denunciado esto.',
    failed: 'La denuncia no se ha enviado: {reason} Lo que elegiste y escribiste se conserva.',
  },
  signIn: {
    signIn: 'Iniciar sesión',
    blocked: 'Tu navegador bloqueó la ventana de inicio de sesión.',
    newTab: 'Iniciar sesión en una pestaña nueva',
    failed: 'No se pudo iniciar sesión. Inténtelo de nuevo.',
  },
  follow: {
    follow: 'Seguir',
    followName: 'Seguir {name}',
    followFailed: 'No se pudo seguir {name}: {reason}',
    unfollowFailed: 'No se pudo dejar de seguir {name}: {reason}',
  },
} satisfies Translations<{
  follow: typeof followStrings;
  errors: typeof errorStrings;
  tagCombobox: typeof comboboxStrings;
  report: typeof reportStrings;
  reportDialog: typeof reportDialogStrings;
  signIn: typeof signInStrings;
}>;
