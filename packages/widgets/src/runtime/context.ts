import { createContext } from '@lit/context';
import type { Theme } from './config.ts';
import type { HearthSession } from './session.ts';

/**
 * What an element hands the Hearth elements inside it: `<hearth-config>` to the widgets it
 * wraps, a widget to its own parts (feed → post → composer, ask-expert → question) and to a
 * widget placed inside it. The nearest provider wins; an element with none uses its own
 * attributes over the page's settings.
 */
export interface HearthContext {
  /** The server, the token provider and the signed-in person. */
  session: HearthSession;
  /** The colour scheme the provider resolved; null leaves it to the receiver. */
  theme: Theme | null;
}

export const hearthContext = createContext<HearthContext>(Symbol('hearth'));

/**
 * The language a widget renders in (its strings loaded), for its parts: they re-render in it
 * together with the widget. The language itself follows the nearest `lang` attribute, so a
 * `<hearth-config lang>` around widgets sets theirs through the DOM.
 */
export const langContext = createContext<string>(Symbol('hearth-lang'));
