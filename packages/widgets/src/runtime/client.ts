import type {
  Community,
  CommunityList,
  DirectoryQuery,
  FollowState,
  MemberPage,
  MembersQuery,
  MembershipResult,
  SearchPage,
  SearchQuery,
  TagCloud,
  TagCloudQuery,
  TagDetail,
  TagSuggestions,
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
export type CloudQuery = Partial<TagCloudQuery>;
export type SearchInput = Pick<SearchQuery, 'q'> & Partial<Omit<SearchQuery, 'q'>>;

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
  /** Edits a post's text and, when given, its tag chips. */
  editPost(id: number, body: string, tags?: string[]): Promise<Post>;

  tagCloud(query: CloudQuery, signal?: AbortSignal): Promise<TagCloud>;
  suggestTags(prefix: string, limit?: number, signal?: AbortSignal): Promise<TagSuggestions>;
  getTag(name: string, signal?: AbortSignal): Promise<TagDetail>;
  setFollowTag(name: string, following: boolean): Promise<FollowState>;
  search(query: SearchInput, signal?: AbortSignal): Promise<SearchPage>;

  listCommunities(query: Partial<DirectoryQuery>, signal?: AbortSignal): Promise<CommunityList>;
  getCommunity(slug: string, signal?: AbortSignal): Promise<Community>;
  /** Joins (or asks to join, by the community's policy), or leaves / withdraws. */
  setMembership(slug: string, join: boolean): Promise<MembershipResult>;
  listMembers(slug: string, query: Partial<MembersQuery>, signal?: AbortSignal): Promise<MemberPage>;
}

export interface ClientOptions {
  apiBase: string;
  tokens: TokenProvider | null;
  transport: () => typeof fetch;
  /** Called when the API says the person is not (or no longer) signed in. */
  onSignedOut: () => void;
}

interface Request {
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

  async function send(path: string, r: Request, token: string | null): Promise<Response> {
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

  async function request(path: string, r: Request): Promise<Response> {
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

  async function call<T>(path: string, r: Request, parse = true): Promise<T> {
    try {
      const response = await request(path, r);
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => null);
        throw HearthError.fromResponse(response.status, body);
      }
      return (parse ? await response.json() : undefined) as T;
    } catch (error) {
      // An abort is the caller's own decision; it passes through so callers can ignore it.
      if (isAbort(error)) throw error;
      const failure = error instanceof HearthError ? error : HearthError.network();
      if (failure.signedOut) onSignedOut();
      throw failure;
    }
  }

  const key = (idempotencyKey: string) => ({ 'idempotency-key': idempotencyKey });

  return {
    me: (signal) => call('me', { signal }),
    listPosts: (query, signal) => call('posts', { query, signal }),
    createPost: (body, idempotencyKey) => call('posts', { method: 'post', json: body, headers: key(idempotencyKey) }),
    updatePost: (id, body) => call(`posts/${id}`, { method: 'patch', json: { body } }),
    deletePost: (id) => call(`posts/${id}`, { method: 'delete' }, false),
    listReplies: (id, query, signal) => call(`posts/${id}/replies`, { query, signal }),
    createReply: (id, body, idempotencyKey) =>
      call(`posts/${id}/replies`, { method: 'post', json: { body }, headers: key(idempotencyKey) }),
    setLike: (id, liked) => call(`posts/${id}/like`, { method: liked ? 'put' : 'delete' }),
    editPost: (id, body, tags) => call(`posts/${id}`, { method: 'patch', json: tags ? { body, tags } : { body } }),

    tagCloud: (query, signal) => call('tags', { query, signal }),
    suggestTags: (prefix, limit, signal) => call('tags/suggest', { query: { prefix, limit }, signal }),
    getTag: (name, signal) => call(`tags/${encodeURIComponent(name)}`, { signal }),
    setFollowTag: (name, following) => call(`tags/${encodeURIComponent(name)}/follow`, { method: following ? 'put' : 'delete' }),
    search: (query, signal) => call('search', { query, signal }),

    listCommunities: (query, signal) => call('communities', { query, signal }),
    getCommunity: (slug, signal) => call(`communities/${encodeURIComponent(slug)}`, { signal }),
    setMembership: (slug, join) => call(`communities/${encodeURIComponent(slug)}/membership`, { method: join ? 'put' : 'delete' }),
    listMembers: (slug, query, signal) => call(`communities/${encodeURIComponent(slug)}/members`, { query, signal }),
  };
}
