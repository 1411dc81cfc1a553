import ky from 'ky';
import { HearthError, unreachable } from './errors.ts';

/** What the host page's token URL answers: `{ "token": "<jwt>", "expiresAt": "<ISO>" }`. */
interface TokenAnswer {
  token: string;
  expiresAt: string;
}

/**
 * The problem a Hearth that signs people in itself (`AUTH_MODE=oidc`) answers at its token URL
 * when there is no session: where to send the person to sign in.
 */
interface SignInRequired {
  type?: string;
  signInUrl?: unknown;
  /** For a page on Hearth's own site: where a hidden frame may sign in without a click. */
  silentSignInUrl?: unknown;
}

/** Refresh this long before the token expires, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Hands out the bearer token for one token URL. The host page's backend signs a short-lived
 * token for whoever is signed in to the portal; every widget on the page asks this one provider,
 * and while a request to the token URL is on its way everyone waits for that same request.
 * The token lives in memory only: never in a URL, never in storage.
 */
export class TokenProvider {
  readonly url: string;
  #fetch: () => typeof fetch;
  #token: string | null = null;
  #refreshAt = 0;
  #pending: Promise<string | null> | null = null;
  /**
   * Where the person signs in, when the token URL said `sign-in-required` (Hearth's own sign-in);
   * null while signed in, or when the portal's token URL only says "signed out".
   */
  signInUrl: string | null = null;

  constructor(url: string, transport: () => typeof fetch) {
    this.url = url;
    this.#fetch = transport;
  }

  /** A token fresh enough to use; null when the person is not signed in to the portal. */
  get(): Promise<string | null> {
    if (this.#token && Date.now() < this.#refreshAt) return Promise.resolve(this.#token);
    return this.refresh();
  }

  /**
   * A new token after the API refused `rejected`. When several requests fail at once only the
   * first one asks again; the others get the token it brought back.
   */
  renew(rejected: string | null): Promise<string | null> {
    if (this.#pending) return this.#pending;
    if (this.#token && this.#token !== rejected) return Promise.resolve(this.#token);
    this.#token = null;
    return this.refresh();
  }

  refresh(): Promise<string | null> {
    this.#pending ??= this.#request().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /**
   * Hands in the one-time code the sign-in popup gave this page (Hearth's own sign-in): Hearth
   * answers a token and keeps a session for this page, which later visits use.
   */
  redeem(handoff: string): Promise<string | null> {
    return (this.#pending = this.#request({ handoff }).finally(() => {
      this.#pending = null;
    }));
  }

  async #request(body?: { handoff: string }): Promise<string | null> {
    let response: Response;
    try {
      // Through ky like every call, but on its own: the portal's endpoint, with its cookies, no
      // bearer token, no retry (the next request asks again), and its statuses read below.
      // Hearth's own token endpoint (`…/auth/token`, AUTH_MODE=oidc) takes POST; a portal's token
      // URL and the demo one take GET.
      response = await ky(this.url, {
        method: body || new URL(this.url, document.baseURI).pathname.endsWith('/auth/token') ? 'post' : 'get',
        ...(body ? { json: body } : {}),
        fetch: (input, init) => this.#fetch()(input, init),
        credentials: 'include',
        headers: { accept: 'application/json' },
        cache: 'no-store',
        retry: 0,
        timeout: 15_000,
        throwHttpErrors: false,
      });
    } catch {
      // Hearth's own token URLs (demo, company sign-in) refuse a page not in ALLOWED_ORIGINS too.
      throw /\/(demo|auth)\/token$/.test(new URL(this.url, document.baseURI).pathname) ? await unreachable(this.url, this.#fetch()) : HearthError.network();
    }
    if (response.status === 401 || response.status === 403) {
      this.#token = null;
      const problem = (await response.json().catch(() => null)) as SignInRequired | null;
      // Known, but deactivated: no sign-in helps, and the widgets say so.
      if (problem?.type?.endsWith('/problems/account-deactivated')) throw tokenUrlError(response.status, problem);
      this.signInUrl = null;
      if (problem?.type?.endsWith('/problems/sign-in-required')) {
        // Its own chunk: only pages of a Hearth that signs people in itself fetch it.
        const quiet = await import('./quiet-sign-in.ts');
        this.signInUrl = quiet.urlOf(problem.signInUrl, this.url);
        if (!body && (await quiet.quietSignIn(this, problem.silentSignInUrl))) return this.#request();
      }
      return null;
    }
    if (!response.ok) throw tokenUrlError(response.status, await response.json().catch(() => null));
    // A portal whose session ended often redirects to its login page: HTML, not a token.
    const answer = (await response.json().catch(() => null)) as Partial<TokenAnswer> | null;
    if (!answer) {
      this.#token = null;
      return null;
    }
    if (typeof answer.token !== 'string' || !answer.token) throw HearthError.fromResponse(502, null);
    const now = Date.now();
    const expires = Date.parse(answer.expiresAt ?? '') || now + 5 * 60_000;
    // A token that lives less than two minutes would otherwise be refreshed on every request.
    this.#refreshAt = expires - Math.min(REFRESH_MARGIN_MS, (expires - now) / 2);
    this.#token = answer.token;
    this.signInUrl = null;
    return answer.token;
  }
}

/** A failure of the token URL itself: the widgets say "sign-in is unavailable" for a 5xx. */
function tokenUrlError(status: number, problem: unknown): HearthError {
  const error = HearthError.fromResponse(status, problem);
  error.signIn = true;
  return error;
}
