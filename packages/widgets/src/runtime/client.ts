import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance, type Options } from 'ky';
import type {
  CreatePostBody,
  LikeState,
  ListPostsQuery,
  ListRepliesQuery,
  Me,
  Post,
  PostPage,
} from '@hearth/contracts';
import { HearthError, isAbort } from './errors.ts';
import type { TokenProvider } from './token.ts';

/** Input shapes as a widget writes them: the server fills the defaults. */
export type FeedQuery = Partial<Pick<ListPostsQuery, 'community' | 'tag' | 'author' | 'limit' | 'cursor'>>;
export type RepliesQuery = Partial<ListRepliesQuery>;

/** The Hearth API v1, typed by the contracts. Every method rejects with a {@link HearthError}. */
export interface HearthClient {
  me(signal?: AbortSignal): Promise<Me>;
  listPosts(query: FeedQuery, signal?: AbortSignal): Promise<PostPage>;
  createPost(body: CreatePostBody, idempotencyKey: string): Promise<Post>;
  updatePost(id: number, body: string): Promise<Post>;
  deletePost(id: number): Promise<void>;
  listReplies(id: number, query: RepliesQuery, signal?: AbortSignal): Promise<PostPage>;
  createReply(id: number, body: string, idempotencyKey: string): Promise<Post>;
  setLike(id: number, liked: boolean): Promise<LikeState>;
}

export interface ClientOptions {
  apiBase: string;
  tokens: TokenProvider | null;
  transport: () => typeof fetch;
  /** Called when the API says the person is not (or no longer) signed in. */
  onSignedOut: () => void;
}

const BEARER = /^Bearer (.+)$/;

export function createClient({ apiBase, tokens, transport, onSignedOut }: ClientOptions): HearthClient {
  const http: KyInstance = ky.create({
    prefix: apiBase,
    // Looked up per request so a test or story can swap the transport after the client exists.
    fetch: (input, init) => transport()(input, init),
    timeout: 15_000,
    // One retry: for idempotent reads that hit a gateway hiccup, and for the 401 retry below.
    retry: { limit: 1, methods: ['get'], statusCodes: [502, 503, 504] },
    headers: { accept: 'application/json' },
    hooks: {
      beforeRequest: [
        async ({ request }) => {
          if (!tokens) return;
          const token = await tokens.get();
          // The portal says nobody is signed in: the API would only answer 401, so don't ask.
          if (!token) throw HearthError.signedOutError();
          request.headers.set('authorization', `Bearer ${token}`);
        },
      ],
      afterResponse: [
        async ({ request, response, retryCount }) => {
          if (response.status !== 401 || retryCount > 0 || !tokens) return;
          // The token may have expired in flight or the server's keys rotated: ask once more.
          const rejected = BEARER.exec(request.headers.get('authorization') ?? '')?.[1] ?? null;
          const token = await tokens.renew(rejected);
          if (!token) return;
          const headers = new Headers(request.headers);
          headers.set('authorization', `Bearer ${token}`);
          return ky.retry({ request: new Request(request, { headers }), delay: 0 });
        },
      ],
    },
  });

  async function call<T>(path: string, options: Options, parse = true): Promise<T> {
    try {
      const response = await http(path, options);
      return (parse ? await response.json() : undefined) as T;
    } catch (error) {
      // An abort is the caller's own decision; it passes through so callers can ignore it.
      if (isAbort(error)) throw error;
      const failure = toHearthError(error);
      if (failure.signedOut) onSignedOut();
      throw failure;
    }
  }

  const key = (idempotencyKey: string) => ({ 'idempotency-key': idempotencyKey });

  return {
    me: (signal) => call('me', { signal }),
    listPosts: (query, signal) => call('posts', { searchParams: { ...query }, signal }),
    createPost: (body, idempotencyKey) => call('posts', { method: 'post', json: body, headers: key(idempotencyKey) }),
    updatePost: (id, body) => call(`posts/${id}`, { method: 'patch', json: { body } }),
    deletePost: (id) => call(`posts/${id}`, { method: 'delete' }, false),
    listReplies: (id, query, signal) => call(`posts/${id}/replies`, { searchParams: { ...query }, signal }),
    createReply: (id, body, idempotencyKey) =>
      call(`posts/${id}/replies`, { method: 'post', json: { body }, headers: key(idempotencyKey) }),
    setLike: (id, liked) => call(`posts/${id}/like`, { method: liked ? 'put' : 'delete' }),
  };
}

function toHearthError(error: unknown): HearthError {
  if (error instanceof HearthError) return error;
  if (isHTTPError(error)) return HearthError.fromResponse(error.response.status, error.data);
  if (isNetworkError(error) || isTimeoutError(error) || error instanceof TypeError) return HearthError.network();
  return new HearthError(String(error), 0);
}
