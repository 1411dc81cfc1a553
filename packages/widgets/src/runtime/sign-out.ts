import ky from 'ky';
import { HearthError } from './errors.ts';
import { tried } from './quiet-sign-in.ts';
import type { TokenProvider } from './token.ts';
import { type HearthSession, allSessions, currentTransport } from './session.ts';

/**
 * Ends Hearth's own sign-in (`POST …/auth/logout` beside a token URL `…/auth/token`, with its
 * cookies), and with it every token the page holds: every widget on that token URL then shows
 * Sign in. Answers the identity provider's end-session URL (a portal may open it to end the
 * company sign-in too), or null: for any other token URL the portal signs people out itself.
 * A chunk of its own (`<hearth-config>.signOut()`): pages sign out seldom.
 */
export async function signOut(session: HearthSession): Promise<string | null> {
  const tokens = session.tokens;
  if (!tokens) return null;
  const endSessionUrl = await endSession(tokens);
  // Every session on this token URL (widgets that reach other API origins with it) asks again.
  await Promise.all([...allSessions()].filter((s) => s.tokens === tokens).map((s) => s.loadMe(true)));
  return endSessionUrl;
}

/** The logout itself, for the token provider's URL; then the provider learns it is signed out. */
export async function endSession(tokens: TokenProvider): Promise<string | null> {
  // The identity provider may still know the person: no hidden frame signs them back in.
  tried.add(tokens);
  const url = new URL(tokens.url, document.baseURI);
  if (!url.pathname.endsWith('/auth/token')) return null;
  url.pathname = url.pathname.replace(/\/token$/, '/logout');
  const answer = await ky
    .post(url, { fetch: (input, init) => currentTransport()(input, init), credentials: 'include', retry: 0, timeout: 15_000 })
    .json<{ endSessionUrl?: unknown }>()
    .catch(() => {
      throw HearthError.network();
    });
  // The token it held is refused from now on: asking again leaves it with none.
  await tokens.refresh().catch(() => null);
  return typeof answer.endSessionUrl === 'string' ? answer.endSessionUrl : null;
}
