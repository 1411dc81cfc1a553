import { HearthError, isAbort } from './errors.ts';
import type { TokenProvider } from './token.ts';


/**
 * The transport to the Hearth API v1: base URL, token, retries and errors. The endpoints are
 * separate functions in `api.ts`, so a page bundles only those its widgets call.
 */
export interface HearthClient {
  /** Calls `path` (relative to /api/v1/); rejects with a {@link HearthError}, or an AbortError. */
  call<T>(path: string, request?: ApiRequest, parse?: boolean): Promise<T>;
  /** The successful response itself, for streams; rejects like `call`. */
  open(path: string, request?: ApiRequest): Promise<Response>;
}

export interface ClientOptions {
  apiBase: string;
  tokens: TokenProvider | null;
  transport: () => typeof fetch;
  /** Called when the API says the person is not (or no longer) signed in. */
  onSignedOut: () => void;
}

export interface ApiRequest {
  method?: 'get' | 'post' | 'put' | 'patch' | 'delete';
  query?: Record<string, string | number | undefined> | undefined;
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

const TIMEOUT_MS = 15_000;
const GATEWAY_ERRORS = new Set([502, 503, 504]);

/*
 * A plain fetch client rather than ky: the widgets need a prefix, JSON, a bearer token, one
 * retry after a 401 with a renewed token, one retry of a read after a gateway error, a timeout
 * and problem+json errors -- about forty lines. ky cost 7.6 KB gzip of a 20 KB page budget.
 */
export function createClient({ apiBase, tokens, transport, onSignedOut }: ClientOptions): HearthClient {
  const base = apiBase.endsWith('/') ? apiBase : `${apiBase}/`;

  async function send(path: string, r: ApiRequest, token: string | null): Promise<Response> {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(r.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...r.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (r.json !== undefined) headers['content-type'] = 'application/json';
    // The caller's abort (the widget went away) and our timeout both end the request.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException('timed out', 'TimeoutError')), TIMEOUT_MS);
    const onAbort = () => timeout.abort(r.signal?.reason);
    r.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (r.signal?.aborted) onAbort();
      // Looked up per request so a test or story can swap the transport after the client exists.
      return await transport()(url, {
        method: (r.method ?? 'get').toUpperCase(),
        headers,
        body: r.json === undefined ? null : JSON.stringify(r.json),
        signal: timeout.signal,
      });
    } catch (error) {
      if (r.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      throw error instanceof DOMException && error.name === 'AbortError' ? HearthError.network() : error;
    } finally {
      clearTimeout(timer);
      r.signal?.removeEventListener('abort', onAbort);
    }
  }

  async function request(path: string, r: ApiRequest): Promise<Response> {
    let token: string | null = null;
    if (tokens) {
      token = await tokens.get();
      // The portal says nobody is signed in: the API would only answer 401, so don't ask.
      if (!token) throw HearthError.signedOutError();
    }
    let response = await send(path, r, token);
    if (response.status === 401 && tokens) {
      // The token may have expired in flight or the server's keys rotated: ask once more.
      const renewed = await tokens.renew(token);
      if (renewed) response = await send(path, r, renewed);
    } else if (GATEWAY_ERRORS.has(response.status) && (r.method ?? 'get') === 'get') {
      response = await send(path, r, token);
    }
    return response;
  }

  async function open(path: string, r: ApiRequest): Promise<Response> {
    try {
      const response = await request(path, r);
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => null);
        throw HearthError.fromResponse(response.status, body);
      }
      return response;
    } catch (error) {
      // An abort is the caller's own decision; it passes through so callers can ignore it.
      if (isAbort(error)) throw error;
      const failure = error instanceof HearthError ? error : HearthError.network();
      if (failure.signedOut) onSignedOut();
      throw failure;
    }
  }

  async function call<T>(path: string, r: ApiRequest, parse: boolean): Promise<T> {
    const response = await open(path, r);
    if (!parse) return undefined as T;
    // A body that is not the JSON the contract promises (a proxy's error page, say).
    return (await response.json().catch(() => Promise.reject(HearthError.network()))) as T;
  }

  return { call: (path, r = {}, parse = true) => call(path, r, parse), open: (path, r = {}) => open(path, r) };
}
