import type { Problem } from '@hearth/contracts';

/**
 * Why a call to the API failed, with a message fit to show a person. `status` is the HTTP
 * status, or 0 when no answer arrived (offline, timeout, blocked by the network).
 */
export class HearthError extends Error {
  override name = 'HearthError';
  readonly status: number;
  readonly problem: Problem | null;
  /** For a 429: when the server said to try again (`Retry-After`), in ms since the epoch; null when it did not say. */
  retryAt: number | null = null;
  /** The request wrote (a post, an answer, a report): a 429 then says "posting too fast". */
  write = false;
  /** No answer could be read, yet the server is there: this page's origin is not allowed (CORS). */
  notAllowed = false;
  /** The token URL failed (not the API): a 5xx then says "sign-in is unavailable". */
  signIn = false;

  constructor(message: string, status: number, problem: Problem | null = null) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  /** The server does not know who this is (missing, expired or forged token). */
  get signedOut(): boolean {
    return this.status === 401 && !this.deactivated;
  }

  /** The person is known, but their account is deactivated: signing in again does not help. */
  get deactivated(): boolean {
    return this.problem?.type?.endsWith('/problems/account-deactivated') ?? false;
  }

  get notFound(): boolean {
    return this.status === 404;
  }

  static network(): HearthError {
    return new HearthError('Hearth cannot be reached. Check your connection and try again.', 0);
  }

  static signedOutError(): HearthError {
    return new HearthError('Your session has ended. Sign in again.', 401);
  }

  /**
   * Reads an error response; problem+json bodies give the most specific message they carry.
   * `retryAfter` is the `Retry-After` header: seconds, or an HTTP date.
   */
  static fromResponse(status: number, body: unknown, retryAfter: string | null = null): HearthError {
    const problem = isProblem(body) ? body : null;
    const message =
      problem?.errors?.[0]?.message ?? problem?.detail ?? problem?.title ?? `Something went wrong on the server (${status}).`;
    const error = new HearthError(capitalize(message), status, problem);
    if (retryAfter) {
      const seconds = Number(retryAfter);
      const at = Number.isNaN(seconds) ? Date.parse(retryAfter) : Date.now() + seconds * 1000;
      if (!Number.isNaN(at)) error.retryAt = at;
    }
    return error;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).title === 'string';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * No answer the page may read from Hearth at `url`: the network, or a browser that refused the
 * answer because the page's origin is not in the server's ALLOWED_ORIGINS (CORS). `probe.ts`
 * tells them apart; it is a chunk of its own, which cannot arrive when the network is the cause.
 */
export function unreachable(url: string, transport: typeof fetch): Promise<HearthError> {
  return import('./probe.ts').then((m) => m.probe(url, transport), () => HearthError.network());
}

/** True for the abort a widget causes itself when it is removed or reloads; never shown. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
