import { HearthError } from './errors.ts';
import { LanguagePack, defineStrings, formatIn } from './i18n.ts';

/** The runtime's own words (errors every widget may show), in every language. */
export const runtimePack = new LanguagePack({
  fr: () => import('./lang/fr.ts'),
  de: () => import('./lang/de.ts'),
  es: () => import('./lang/es.ts'),
});

export const errorStrings = defineStrings(runtimePack, 'errors', {
  network: 'Hearth cannot be reached. Check your connection and try again.',
  // The browser refused Hearth's answers to this page (CORS): a setting, not the network.
  notAllowed: 'Hearth does not accept requests from this page ({origin}). An administrator must add it to ALLOWED_ORIGINS.',
  sessionExpired: 'Your session has ended. Sign in again.',
  // The company's identity provider cannot be reached: nothing typed is lost.
  signInUnavailable: 'Sign-in is unavailable right now. Try again in a moment.',
  deactivated: 'Your account is deactivated. Ask your administrator.',
  serverError: 'Something went wrong on the server ({status}).',
  // A community that is missing and one the reader may not see answer alike (404).
  communityNotFound: 'This community does not exist, or you cannot see it.',
  // Over a per-person limit (429): {when} is "in 4 minutes", or `later` when the server did not say.
  tooFast: 'You are posting too fast. Try again {when}.',
  tooMany: 'Too many requests. Try again {when}.',
  later: 'later',
  // The buttons beside a failure, in every widget.
  retry: 'Retry',
  tryAgain: 'Try again',
});

/**
 * Why something failed, for a person reading `lang`. The API's own explanations (a field that
 * is too long, a community that is archived) come from the server in English; what the widget
 * itself knows (offline, signed out, a server error) is said in the widget's language.
 */
export function errorText(lang: string, error: unknown): string {
  if (error === null || error === undefined) return '';
  if (error instanceof HearthError) {
    if (error.status === 0) return errorStrings.t(lang, error.notAllowed ? 'notAllowed' : 'network', { origin: location.origin });
    if (error.deactivated) return errorStrings.t(lang, 'deactivated');
    if (error.status === 401) return errorStrings.t(lang, 'sessionExpired');
    if (error.signIn && error.status >= 500) return errorStrings.t(lang, 'signInUnavailable');
    if (error.status === 429) {
      // Said when shown, so a message read a minute later gives the time still to wait.
      const when = error.retryAt === null ? errorStrings.t(lang, 'later') : formatIn(lang, (error.retryAt - Date.now()) / 1000);
      return errorStrings.t(lang, error.write ? 'tooFast' : 'tooMany', { when });
    }
    if (error.status >= 500 && !error.problem?.detail) return errorStrings.t(lang, 'serverError', { status: error.status });
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
