import { createContext } from '@lit/context';
import type { HearthSession } from './session.ts';

/**
 * Context keys for widgets placed inside other widgets (a feed inside a community card, say):
 * the outer widget provides its session so the inner one talks to the same server as the same
 * person instead of resolving its own configuration.
 */
export const sessionContext = createContext<HearthSession>(Symbol('hearth-session'));

/** The language the outer widget resolved, so nested widgets format dates the same way. */
export const langContext = createContext<string>(Symbol('hearth-lang'));
