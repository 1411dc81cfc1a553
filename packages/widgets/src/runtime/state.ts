import { html, nothing, type TemplateResult } from 'lit';
import type { Loader } from './loader.ts';
import { errorStrings, errorText } from './strings.ts';

/** A button in a state box: its label and what it does. */
export type StateAction = [label: string, run: () => void];

/**
 * The one box every widget says a loading, empty, error or signed-out state with (styled once, in
 * the base styles). Something that went wrong and can be acted on is an alert, otherwise a status.
 * A box with an action also holds `<hearth-sign-in>` (`sign-in.ts`): empty unless the widget's
 * person is signed out and Hearth said where to sign in, and only then defined (its own chunk).
 */
export function stateBox(text: string, detail = '', action?: StateAction): TemplateResult {
  return html`<div class="state" part="state" role=${detail || action ? 'alert' : 'status'}>
    <p>${text}</p>
    ${detail ? html`<p class="detail">${detail}</p>` : nothing}
    ${action ? html`<hearth-sign-in></hearth-sign-in>` : nothing}
    ${action ? html`<button type="button" @click=${action[1]}>${action[0]}</button>` : nothing}
  </div>`;
}

/** What a widget says when a loader did not bring its data, in the widget's own words. */
export interface FailureWords {
  /** "The posts could not be loaded." */
  failed: string;
  /** "You are signed out. Sign in to see and write posts." */
  signedOut: string;
}

/**
 * The state box for a loader that failed (signed out, not found, error with the reason and
 * Retry), or null while it loads or once it has its data. `retry` reloads the widget.
 */
export function failureBox(lang: string, loader: Pick<Loader<unknown>, 'status' | 'error'>, words: FailureWords, retry: () => void) {
  switch (loader.status) {
    case 'signed-out':
      return stateBox(words.signedOut, '', [errorStrings.t(lang, 'tryAgain'), retry]);
    case 'not-found':
      return stateBox(errorStrings.t(lang, 'communityNotFound'));
    case 'error':
      return stateBox(words.failed, errorText(lang, loader.error), [errorStrings.t(lang, 'retry'), retry]);
    default:
      return null;
  }
}
