import ky, { type KyRequest, isHTTPError } from 'ky';
import { HearthError, isAbort, unreachable } from './errors.ts';
import { connectionLost, connectionWorks, onConnection } from './recovery.ts';
import type { TokenProvider } from './token.ts';

/**
 * The transport to the Hearth API v1, on ky: base URL, token, retries and errors. The endpoints
 * are separate functions in `api.ts`, so a page bundles only those its widgets call.
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

const never = () => false;

/**
 * `X-Hearth-Placement: <widgets> <page URL>`: where reading happens (docs/adoption.md). The widgets
 * on the page (`feed+tag-cloud`) and the page without query or fragment; nothing about the person.
 */
const placeRequest = ({ request }: { request: KyRequest }) => {
  const kinds = new Set([...document.querySelectorAll(
    'hearth-feed,hearth-tag-cloud,hearth-community-card,hearth-ask-expert,hearth-moderation,hearth-notifications,hearth-search,hearth-person,hearth-adoption',
  )].map((e) => e.localName.slice(7)));
  request.headers.set('x-hearth-placement', `${[...kinds].sort().join('+') || 'page'} ${location.origin}${location.pathname}`);
};

export function createClient({ apiBase, tokens, transport, onSignedOut }: ClientOptions): HearthClient {
  /** Puts the current token on a request; the portal saying nobody is signed in ends it here. */
  const authorize = async ({ request }: { request: KyRequest }) => {
    if (!tokens) return;
    const token = await tokens.get();
    // The API would only answer 401, so don't ask.
    if (!token) throw HearthError.signedOutError();
    request.headers.set('authorization', `Bearer ${token}`);
  };

  const api = ky.create({
    prefix: apiBase,
    timeout: 15_000,
    // Looked up per request so a test or story can swap the transport after the client exists.
    fetch: (input, init) => transport()(input, init),
    headers: { accept: 'application/json' },
    retry: {
      // One more try: after a gateway error (a proxy restarting), or after renewing the token.
      limit: 1,
      methods: ['get', 'post', 'put', 'patch', 'delete'],
      statusCodes: [502, 503, 504],
      // A 503 with Retry-After would otherwise wait as long as the server says, with the reader
      // looking at a skeleton: one prompt try, then the widget offers Retry.
      afterStatusCodes: [],
      // Network failures are said at once ("cannot be reached") rather than retried.
      shouldRetry: ({ error }) => (isHTTPError(error) ? undefined : false),
    },
    hooks: {
      beforeRequest: [authorize, placeRequest],
      // A retry after a renewal carries the new token, one after a gateway error the current one.
      beforeRetry: [authorize],
      afterResponse: [
        async ({ request, response, retryCount }) => {
          if (response.status !== 401 || !tokens || retryCount > 0) return;
          // The token may have expired in flight or the server's keys rotated: ask once more.
          const rejected = request.headers.get('authorization')?.slice(7) ?? null;
          if (await tokens.renew(rejected)) return ky.retry();
        },
      ],
    },
  });

  async function open(path: string, r: ApiRequest): Promise<Response> {
    const method = r.method ?? 'get';
    // Only what may safely arrive twice is tried again: reads, and writes with a key.
    const idempotent = method === 'get' || Boolean(r.headers?.['idempotency-key']);
    const query = Object.entries(r.query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined);
    try {
      const response = await api(path, {
        method,
        searchParams: query,
        json: r.json,
        headers: r.headers,
        signal: r.signal,
        retry: idempotent ? {} : { shouldRetry: never },
      });
      connectionWorks();
      return response;
    } catch (error) {
      // An abort is the caller's own decision; it passes through so callers can ignore it.
      if (r.signal?.aborted || isAbort(error)) throw new DOMException('aborted', 'AbortError');
      const failure =
        error instanceof HearthError
          ? error
          : isHTTPError(error)
            ? HearthError.fromResponse(error.response.status, error.data, error.response.headers.get('retry-after'))
            : await unreachable(apiBase, transport());
      if (onConnection(failure.status)) connectionLost();
      else if (failure.status > 0) connectionWorks();
      failure.write = method !== 'get';
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
