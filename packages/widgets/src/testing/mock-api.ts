/**
 * An in-memory Hearth API for tests and stories, typed by the contracts. It answers the same
 * routes, statuses and problem+json errors as the server, plus the host page's token URL, so
 * the widgets run their real runtime (client, token provider, stores) against it.
 *
 * Each MockApi lives at its own made-up origin; `useMockApi()` routes the runtime's transport
 * there. Widgets point at it with `api=${mock.api} token-url=${mock.tokenUrl}`, so several
 * mocks (one per story on a docs page) can run side by side without sharing identities.
 */
import type { Hidden, LikeState, Me, PeopleList, PersonSummary, Post, PostPage, Problem, StreamEvent } from '@hearth/contracts';
import { extractMentions, extractTags } from '@hearth/contracts/text';
import { setTransport } from '../runtime/session.ts';

/** The core operations; plugins (see {@link addMockPlugin}) add their own names. */
export type CoreOperation =
  | 'token'
  | 'me'
  | 'listPosts'
  | 'createPost'
  | 'getPost'
  | 'updatePost'
  | 'deletePost'
  | 'listReplies'
  | 'createReply'
  | 'likePost'
  | 'unlikePost'
  | 'searchPeople'
  | 'events';
export type Operation = CoreOperation | (string & {});

/**
 * More endpoints for the mock, kept beside the widget that needs them (e.g.
 * `testing/mock-tags.ts`), so widgets grow the mock without editing this file. A plugin's data
 * lives in `mock.data` under a key of its own; `MockApiOptions.data` seeds it.
 */
export interface MockPlugin {
  routes: Array<[method: string, path: RegExp, operation: string]>;
  /** Answers an operation of this plugin's for a signed-in request (the token is checked). */
  answer(mock: MockApi, operation: string, request: { url: URL; body: unknown; me: Me }): Response;
}

const plugins: MockPlugin[] = [];

export function addMockPlugin(plugin: MockPlugin): void {
  if (!plugins.includes(plugin)) plugins.push(plugin);
}

/** How an operation fails: a problem+json answer (status 500 unless given), or no answer at all. */
export interface Failure extends Partial<Problem> {
  /** The request never gets an answer, as when offline. */
  network?: boolean;
  /** Fail this many times, then answer normally again. Default: always. */
  times?: number;
  /** Seconds for a `Retry-After` header, as a rate limit (429) says when to try again. */
  retryAfter?: number;
}

export interface MockApiOptions {
  /**
   * The page's origin is not in the server's ALLOWED_ORIGINS: the browser refuses every API
   * answer (no answer to read, as offline), while the server is there (`/healthz` answers an
   * opaque request). Without it `/healthz` is unreachable, as when offline.
   */
  cors?: boolean;
  /** The signed-in person; null makes the token URL answer 401 (signed out). */
  me?: Me | null;
  /** Top-level posts, any order (the mock sorts them newest first). */
  posts?: Post[];
  /** Replies by parent id, any order. */
  replies?: Record<number, Post[]>;
  /** Community slugs that exist; a feed for any other answers 404. Default: any. */
  communities?: string[] | null;
  /** Milliseconds before every answer. */
  latency?: number;
  /**
   * Hearth signs people in itself (`AUTH_MODE=oidc`): while `me` is null the token URL answers
   * the `sign-in-required` problem with {@link MockApi.signInUrl}, not a bare 401.
   */
  signIn?: boolean;
  /** How long the tokens the token URL hands out live, in milliseconds. Default: 10 minutes. */
  tokenTtl?: number;
  /**
   * Operations that never answer (a loading state that stays), unless a test lets one through
   * with its recorded request's `release()`. `true`: all of them.
   */
  pending?: boolean | Operation[];
  /** Operations that fail, and how. */
  fail?: Partial<Record<Operation, Failure>>;
  /** Data for plugins' endpoints, by the plugin's own key. */
  data?: Record<string, unknown>;
  /** Whom `GET /people` (the @ suggestions) finds. Default: the sample people. */
  people?: PersonSummary[];
}

/** A request the mock received, for assertions. */
export interface RecordedRequest {
  operation: Operation | 'unknown';
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
  /**
   * `open` while the request waits for its answer (held by `pending`, or slowed by `latency`),
   * `aborted` when the caller gave up first, `failed` for a simulated network failure, else
   * `answered`. A widget that leaves the page should leave none of its requests `open`.
   */
  state: 'open' | 'answered' | 'aborted' | 'failed';
  /** For a request held by `pending`: lets it through now, to be answered as usual. */
  release?: () => void;
}

/** A live-event stream (`GET /api/v1/events`) a widget opened on the mock. */
export interface MockEventStream {
  /** The bearer token it was opened with. */
  readonly authorization: string | null;
  /** The client cancelled it (the last widget listening left) or the mock dropped it. */
  closed: boolean;
}

let mocks = 0;
const registry = new Map<string, MockApi>();

export class MockApi {
  readonly origin: string;
  /** For the widget's `api` attribute. */
  readonly api: string;
  /** For the widget's `token-url` attribute. */
  readonly tokenUrl: string;
  /** Where the `sign-in-required` problem sends the person (with `signIn: true`). */
  readonly signInUrl: string;
  readonly requests: RecordedRequest[] = [];
  /** Every live-event stream opened on this mock, oldest first (see {@link emit}). */
  readonly streams: MockEventStream[] = [];
  me: Me | null;
  posts: Post[];
  replies: Map<number, Post[]>;
  communities: string[] | null;
  latency: number;
  signIn: boolean;
  /** See {@link MockApiOptions.cors}; may be switched off to play the editor fixing the setting. */
  cors: boolean;
  tokenTtl: number;
  pending: boolean | Operation[];
  fail: Partial<Record<Operation, Failure>>;
  /** Plugins' data, by their own keys. */
  data: Record<string, unknown>;
  /** Whom `GET /people` finds (default: the sample people). */
  people: PersonSummary[];

  #tokens = 0;
  #validToken: string | null = null;
  #nextId = 100_000;
  #idempotency = new Map<string, number>();
  /** Deleted posts, for the id, parent and community of their `post.deleted` event. */
  #deleted = new Map<number, Post>();
  #writers = new Map<MockEventStream, { send(text: string): void; end(): void }>();

  constructor(options: MockApiOptions = {}) {
    this.origin = `https://mock-${++mocks}.hearth.test`;
    this.api = this.origin;
    this.tokenUrl = `${this.origin}/token`;
    this.signInUrl = `${this.origin}/auth/login`;
    this.signIn = options.signIn ?? false;
    this.cors = options.cors ?? false;
    this.me = options.me === undefined ? samplePeople[0]! : options.me;
    this.posts = [...(options.posts ?? [])];
    this.replies = new Map(Object.entries(options.replies ?? {}).map(([id, list]) => [Number(id), [...list]]));
    this.communities = options.communities ?? null;
    this.latency = options.latency ?? 0;
    this.tokenTtl = options.tokenTtl ?? 10 * 60_000;
    this.pending = options.pending ?? false;
    // Copied: `times` counts down, and the options may be shared (a story renders many times).
    this.fail = Object.fromEntries(Object.entries(options.fail ?? {}).map(([op, failure]) => [op, { ...failure }]));
    this.data = { ...options.data };
    this.people = [...(options.people ?? samplePeople)];
  }

  /** Requests the mock answered for one operation. */
  calls(operation: Operation): RecordedRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  /** Requests (of one operation, or all) still waiting for their answer. */
  open(operation?: Operation): RecordedRequest[] {
    return this.requests.filter((r) => r.state === 'open' && (!operation || r.operation === operation));
  }

  /** Requests (of one operation, or all) their caller aborted before the answer came. */
  aborted(operation?: Operation): RecordedRequest[] {
    return this.requests.filter((r) => r.state === 'aborted' && (!operation || r.operation === operation));
  }

  /** The live-event streams still open. */
  openStreams(): MockEventStream[] {
    return this.streams.filter((s) => !s.closed);
  }

  /**
   * Sends a live event down every open stream, as the server does once a change commits. The
   * mock's own writes (a post, an edit, a deletion, a like) send theirs by themselves.
   */
  emit(event: StreamEvent): void {
    const text = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const writer of this.#writers.values()) writer.send(text);
  }

  /** Ends every open stream from the server's side, as a restart or a dropped connection does. */
  dropStreams(): void {
    for (const writer of this.#writers.values()) writer.end();
  }

  /**
   * What the sign-in popup does once the person signed in at the IdP: `me` is signed in from now
   * on, and the page gets `{ type: 'hearth-signed-in' }` from Hearth's origin (`from` overrides
   * the origin, to play a message from elsewhere).
   */
  completeSignIn(me: Me = samplePeople[0]!, from: string = this.origin, handoff?: string): void {
    if (from === this.origin) this.me = me;
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'hearth-signed-in', ...(handoff ? { handoff } : {}) }, origin: from }));
  }

  /** The one-time codes the page handed in at the token URL (`{ handoff }`), in order. */
  readonly handedIn: string[] = [];

  /** Makes the current token invalid, as if it expired: the next API call gets a 401. */
  expireToken(): void {
    this.#validToken = null;
  }

  /** A `fetch` that answers for this mock only. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    // The widgets' probe after a request got no answer (runtime/client.ts): is the server there?
    if (url.pathname === '/healthz') {
      if (this.cors) return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    }
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    const operation = this.#operation(request.method, url);
    const entry: RecordedRequest = { operation, method: request.method, url, headers: request.headers, body, state: 'open' };
    this.requests.push(entry);
    const { signal } = request;
    const onAbort = () => {
      if (entry.state === 'open') entry.state = 'aborted';
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.#respond(operation, request, url, body, entry);
      if (entry.state === 'open') entry.state = 'answered';
      return response;
    } catch (error) {
      if (entry.state === 'open') entry.state = 'failed';
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };

  async #respond(operation: Operation | 'unknown', request: Request, url: URL, body: unknown, entry: RecordedRequest): Promise<Response> {
    if (this.pending === true || (Array.isArray(this.pending) && operation !== 'unknown' && this.pending.includes(operation))) {
      await held(request.signal, entry);
    }
    if (this.latency) await delay(this.latency, request.signal);
    if (this.cors && operation !== 'token') throw new TypeError('Failed to fetch');
    const failure = operation === 'unknown' ? undefined : this.fail[operation];
    if (failure) {
      if (failure.times !== undefined && --failure.times <= 0) delete this.fail[operation as Operation];
      if (failure.network) throw new TypeError('Failed to fetch');
      const { network: _, times: __, retryAfter, ...details } = failure;
      const response = problem(failure.status ?? 500, failure.title ?? 'Request failed', details);
      if (retryAfter !== undefined) response.headers.set('retry-after', String(retryAfter));
      return response;
    }
    const response = this.#answer(operation, request, url, body);
    this.#announce(operation, url, response);
    return response;
  }

  /** The live event a successful write causes, as the server's services publish it. */
  #announce(operation: Operation | 'unknown', url: URL, response: Response): void {
    if (!response.ok || this.#writers.size === 0) return;
    // 200 to a create is a retry with a used idempotency key: nothing new was stored.
    if ((operation === 'createPost' || operation === 'createReply') && response.status !== 201) return;
    const type = (
      { createPost: 'post.created', createReply: 'post.created', updatePost: 'post.updated', deletePost: 'post.deleted', likePost: 'post.liked', unlikePost: 'post.liked' } as const
    )[operation as 'createPost'];
    if (!type) return;
    // A new post's id is the counter's latest (its answer's body is the widget's to read).
    const id = operation === 'createPost' || operation === 'createReply' ? this.#nextId : Number(/\/posts\/(\d+)/.exec(url.pathname)?.[1]);
    const post = this.#find(id) ?? this.#deleted.get(id);
    if (!post) return;
    this.emit({ type, postId: post.id, parentId: post.parentId, community: post.community?.slug ?? null });
  }

  /** A text/event-stream that says `ready`, then carries what {@link emit} sends until closed. */
  #stream(request: Request): Response {
    const encoder = new TextEncoder();
    const stream: MockEventStream = { authorization: request.headers.get('authorization'), closed: false };
    this.streams.push(stream);
    const close = () => {
      stream.closed = true;
      this.#writers.delete(stream);
    };
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        controller.enqueue(encoder.encode('retry: 5000\nevent: ready\ndata: {}\n\n'));
        this.#writers.set(stream, {
          send: (text) => controller.enqueue(encoder.encode(text)),
          end: () => {
            close();
            controller.close();
          },
        });
      },
      cancel: close,
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }

  #operation(method: string, url: URL): Operation | 'unknown' {
    if (url.href.split('?')[0] === this.tokenUrl) return 'token';
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const routes: Array<[string, RegExp, Operation]> = [
      ['GET', /^\/me$/, 'me'],
      ['GET', /^\/posts$/, 'listPosts'],
      ['POST', /^\/posts$/, 'createPost'],
      ['GET', /^\/posts\/\d+$/, 'getPost'],
      ['PATCH', /^\/posts\/\d+$/, 'updatePost'],
      ['DELETE', /^\/posts\/\d+$/, 'deletePost'],
      ['GET', /^\/posts\/\d+\/replies$/, 'listReplies'],
      ['POST', /^\/posts\/\d+\/replies$/, 'createReply'],
      ['PUT', /^\/posts\/\d+\/like$/, 'likePost'],
      ['DELETE', /^\/posts\/\d+\/like$/, 'unlikePost'],
      ['GET', /^\/events$/, 'events'],
      ['GET', /^\/people$/, 'searchPeople'],
      ...plugins.flatMap((p) => p.routes),
    ];
    return routes.find(([m, pattern]) => m === method && pattern.test(path))?.[2] ?? 'unknown';
  }

  #answer(operation: Operation | 'unknown', request: Request, url: URL, body: unknown): Response {
    if (operation === 'token') {
      const handoff = (body as { handoff?: unknown } | null)?.handoff;
      if (typeof handoff === 'string') this.handedIn.push(handoff);
      if (!this.me && this.signIn) {
        return problem(401, 'Sign-in required', { type: '/problems/sign-in-required', signInUrl: this.signInUrl } as Partial<Problem>);
      }
      if (!this.me) return problem(401, 'Not signed in');
      this.#validToken = `mock-token-${++this.#tokens}`;
      return json(200, { token: this.#validToken, expiresAt: new Date(Date.now() + this.tokenTtl).toISOString() });
    }
    if (operation === 'unknown') return problem(404, 'Not found');
    const auth = request.headers.get('authorization');
    if (!this.me || !this.#validToken || auth !== `Bearer ${this.#validToken}`) {
      return problem(401, 'Unauthorized', { detail: 'The token is missing, expired or not valid.' });
    }
    const me = this.me;
    const plugin = plugins.find((p) => p.routes.some(([, , op]) => op === operation));
    if (plugin) return plugin.answer(this, operation, { url, body, me });
    const id = Number(/\/posts\/(\d+)/.exec(url.pathname)?.[1]);
    const post = Number.isFinite(id) ? this.#find(id) : undefined;
    const input = (body ?? {}) as { body?: unknown; community?: unknown };
    switch (operation) {
      case 'me':
        return json(200, me);
      case 'events':
        return this.#stream(request);
      case 'searchPeople': {
        // As the server's people search: active people whose handle or a word of whose name
        // starts with what was typed, at most `limit` (8 by default).
        const q = (url.searchParams.get('q') ?? '').trim().toLocaleLowerCase();
        const limit = Number(url.searchParams.get('limit') ?? 8);
        if (!q || q.length > 100) {
          return problem(400, 'Invalid request', { errors: [{ path: 'q', message: 'type at least one character', code: 'too_small' }] });
        }
        if (!Number.isInteger(limit) || limit < 1 || limit > 20) {
          return problem(400, 'Invalid request', { errors: [{ path: 'limit', message: 'between 1 and 20', code: 'too_big' }] });
        }
        const items = this.people
          .filter((p) => p.handle.startsWith(q) || p.name.toLocaleLowerCase().split(/\s+/).some((w) => w.startsWith(q)))
          .slice(0, limit)
          .map(summary);
        return json(200, { items } satisfies PeopleList);
      }
      case 'listPosts': {
        const community = url.searchParams.get('community');
        if (community && this.communities && !this.communities.includes(community)) {
          return problem(404, 'Not found', { detail: 'No such community.' });
        }
        const tag = url.searchParams.get('tag');
        const author = url.searchParams.get('author');
        const items = this.posts
          .filter((p) => (!community || p.community?.slug === community) && (!tag || this.#view(p).tags.includes(tag)))
          .filter((p) => !author || p.author.handle === author)
          .sort(newestFirst);
        return this.#page(items.map((p) => this.#view(p)), url);
      }
      case 'createPost':
      case 'createReply': {
        const invalid = validateBody(input.body);
        if (invalid) return invalid;
        if (operation === 'createReply' && (!post || post.parentId !== null)) return problem(404, 'Not found');
        const key = request.headers.get('idempotency-key') ?? '';
        if (!/^[A-Za-z0-9_.:-]{8,100}$/.test(key)) {
          return problem(400, 'Invalid request', { errors: [{ path: 'Idempotency-Key', message: 'missing or malformed', code: 'invalid' }] });
        }
        const seen = this.#idempotency.get(key);
        const earlier = seen === undefined ? undefined : this.#find(seen);
        if (earlier) return json(200, this.#view(earlier));
        const slug = typeof input.community === 'string' ? input.community : null;
        const created = makePost({
          id: ++this.#nextId,
          author: me,
          body: input.body as string,
          parentId: operation === 'createReply' ? id : null,
          community: post?.community ?? (slug ? { slug, name: titleCase(slug), visibility: 'open' } : null),
          createdAt: new Date().toISOString(),
        });
        this.#idempotency.set(key, created.id);
        if (operation === 'createReply' && post) {
          this.replies.set(post.id, [...(this.replies.get(post.id) ?? []), created]);
          post.replyCount += 1;
        } else {
          this.posts.push(created);
        }
        return json(201, this.#view(created));
      }
      case 'getPost':
        return post ? json(200, this.#view(post)) : problem(404, 'Not found');
      case 'updatePost': {
        if (!post) return problem(404, 'Not found');
        if (post.author.id !== me.id) return problem(403, 'Forbidden');
        const invalid = validateBody(input.body);
        if (invalid) return invalid;
        post.body = input.body as string;
        post.tags = extractTags(post.body);
        post.mentions = makePost({ body: post.body }).mentions;
        post.editedAt = new Date().toISOString();
        return json(200, this.#view(post));
      }
      case 'deletePost': {
        if (!post) return problem(404, 'Not found');
        if (post.author.id !== me.id) return problem(403, 'Forbidden');
        if (post.parentId === null) {
          this.posts = this.posts.filter((p) => p.id !== post.id);
        } else {
          const siblings = this.replies.get(post.parentId) ?? [];
          this.replies.set(post.parentId, siblings.filter((r) => r.id !== post.id));
          const parent = this.#find(post.parentId);
          if (parent) parent.replyCount -= 1;
        }
        this.#deleted.set(post.id, post);
        return new Response(null, { status: 204 });
      }
      case 'listReplies': {
        if (!post) return problem(404, 'Not found');
        const items = [...(this.replies.get(post.id) ?? [])].sort((a, b) => -newestFirst(a, b));
        return this.#page(items.map((p) => this.#view(p)), url);
      }
      case 'likePost':
      case 'unlikePost': {
        if (!post) return problem(404, 'Not found');
        const liked = operation === 'likePost';
        if (post.likedByMe !== liked) post.likeCount += liked ? 1 : -1;
        post.likedByMe = liked;
        return json(200, { liked, likeCount: post.likeCount } satisfies LikeState);
      }
      default:
        return problem(404, 'Not found');
    }
  }

  #find(id: number): Post | undefined {
    return this.posts.find((p) => p.id === id) ?? [...this.replies.values()].flat().find((p) => p.id === id);
  }

  /**
   * What the current person may do is decided here, as the server's rules do. Hidden content
   * reaches others emptied, without the reason; its author and moderators get it whole.
   */
  #view(post: Post): Post {
    const mine = post.author.id === this.me?.id;
    const admin = this.me?.roles.includes('admin') ?? false;
    const view = { ...post, canEdit: mine, canDelete: mine || admin };
    if (!post.hidden || mine || moderates(this.me, post.community)) return view;
    return { ...view, body: '', tags: [], mentions: [], hidden: { at: post.hidden.at, reason: null } };
  }

  #page(items: Post[], url: URL): Response {
    const limit = Number(url.searchParams.get('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      return problem(400, 'Invalid request', { errors: [{ path: 'limit', message: 'between 1 and 50', code: 'too_big' }] });
    }
    const cursor = url.searchParams.get('cursor');
    const start = cursor ? Number(/^c(\d+)$/.exec(cursor)?.[1] ?? NaN) : 0;
    if (!Number.isInteger(start)) return problem(400, 'Invalid request', { detail: 'not a cursor this API issued' });
    const end = start + limit;
    return json(200, { items: items.slice(start, end), nextCursor: end < items.length ? `c${end}` : null } satisfies PostPage);
  }
}

/** Routes the widgets' runtime to `mock` (and every other mock in use); returns it. */
export function useMockApi<T extends MockApi>(mock: T): T {
  registry.set(mock.origin, mock);
  setTransport((input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
    const target = registry.get(url.origin);
    return target ? target.fetch(input, init) : globalThis.fetch(input, init);
  });
  return mock;
}

/**
 * Whether `me` moderates content of `community`, as the server decides: admins everything,
 * community managers their communities (the mock takes a manager to manage every community).
 */
export function moderates(me: Me | null, community: Post['community']): boolean {
  return !!me && (me.roles.includes('admin') || (community !== null && me.roles.includes('community_manager')));
}

/** Content a moderator hid, with the reason its author is shown. */
export function hiddenBy(reason = 'Off topic for this community', at = new Date(BASE_TIME + 3_600_000).toISOString()): Hidden {
  return { at, reason };
}

/**
 * A per-person rate limit on an operation (`fail: { createPost: rateLimited() }`): 429
 * problem+json with `Retry-After`, as the server answers past its limit.
 */
export function rateLimited(retryAfter = 240, times?: number): Failure {
  return {
    status: 429,
    type: '/problems/rate-limited',
    title: 'Too many requests',
    detail: `You have reached the limit for this kind of write. Try again in ${retryAfter} seconds.`,
    retryAfter,
    ...(times === undefined ? {} : { times }),
  };
}

// ---- Sample data: plausible intranet people and posts, deterministic for stable screenshots.

export const samplePeople: Me[] = [
  person(1, 'mira.lindqvist', 'Mira Lindqvist', 'Staff Engineer', 'Platform', ['employee']),
  person(2, 'jonas.weber', 'Jonas Weber', 'Community Manager', 'Internal Communications', ['community_manager']),
  person(3, 'aisha.okafor', 'Aisha Okafor', 'Chief Operating Officer', 'Executive Office', ['executive']),
  person(4, 'tom.nguyen', 'Tom Nguyen', 'IT Administrator', 'IT', ['admin']),
  person(5, 'ana.garcia', 'Ana María García López', 'UX Researcher', 'Design', ['employee']),
  person(6, 'li.wei', '李伟', 'Data Analyst', null, ['employee']),
  person(7, 'sam.taylor', 'Sam Taylor', null, null, ['employee']),
];

function person(id: number, handle: string, name: string, title: string | null, department: string | null, roles: Me['roles']): Me {
  return { id, handle, name, title, department, email: `${handle}@example.com`, roles };
}

const BASE_TIME = Date.parse('2025-03-03T09:00:00Z');

/** A post with sensible defaults; tags and mentions are read from the body like the server does. */
export function makePost(overrides: Partial<Post> & { author?: PersonSummary } = {}): Post {
  const author = overrides.author ?? samplePeople[1]!;
  const body = overrides.body ?? 'Hello from the intranet.';
  return {
    id: 1,
    community: null,
    parentId: null,
    tags: extractTags(body),
    // Only people who exist, as the server does: `@nobody.here` is no mention.
    mentions: extractMentions(body).flatMap((handle) => {
      const known = samplePeople.find((p) => p.handle === handle);
      return known ? [{ handle, name: known.name }] : [];
    }),
    createdAt: new Date(BASE_TIME).toISOString(),
    editedAt: null,
    replyCount: 0,
    likeCount: 0,
    likedByMe: false,
    canEdit: false,
    canDelete: false,
    hidden: null,
    ...overrides,
    author: summary(author),
    body,
  };
}

const sampleBodies = [
  'The new build cache is live for every repository. CI times dropped from 14 to 6 minutes on average. Details: https://wiki.example.com/platform/build-cache #ci #platform',
  'Reminder: the quarterly town hall is on Thursday at 15:00 in the atrium and on the stream. Send questions to @jonas.weber before Wednesday. #townhall',
  'We are looking for volunteers to test the new expense tool before it rolls out in May. Takes about 20 minutes. #finance #pilot',
  'Thank you to everyone who joined the accessibility workshop! Slides and recordings: www.example.com/a11y-workshop #accessibility',
  'Does anyone have experience with contract renewals for the Lyon office lease? @aisha.okafor mentioned someone in Facilities did this last year.',
  'Coffee machine on floor 3 is fixed. Again. Please do not put oat milk in the water tank. #facilities',
  'Our team published the Q1 customer interview summary. Three themes stand out: onboarding, exports and search. #research #design',
  'Heads-up: VPN maintenance Saturday 22:00–02:00. Webmail stays available. #it',
];

/** `count` top-level posts, newest first, spread over the last days before `now`. */
export function samplePosts(count: number, options: { now?: number; startId?: number; community?: Post['community'] } = {}): Post[] {
  const now = options.now ?? Date.now();
  return [...Array(count).keys()].map((i) =>
    makePost({
      id: (options.startId ?? 1) + i,
      author: samplePeople[i % samplePeople.length]!,
      body: sampleBodies[i % sampleBodies.length]!,
      community: options.community ?? (i % 3 === 0 ? { slug: 'engineering', name: 'Engineering', visibility: 'open' } : null),
      createdAt: new Date(now - (i * 5 + 3) * 37 * 60_000).toISOString(),
      likeCount: (i * 7) % 13,
      likedByMe: i % 4 === 1,
      replyCount: 0,
    }),
  );
}

/** `count` replies to `parent`, oldest first. */
export function sampleReplies(parent: Post, count: number, options: { now?: number; startId?: number } = {}): Post[] {
  const now = options.now ?? Date.now();
  parent.replyCount = count;
  return [...Array(count).keys()].map((i) =>
    makePost({
      id: (options.startId ?? parent.id * 1000) + i,
      parentId: parent.id,
      community: parent.community,
      author: samplePeople[(i + 2) % samplePeople.length]!,
      body: i % 2 ? `Agreed, thanks for sharing! (${i + 1})` : `Good point. We saw the same in our team, reply ${i + 1}.`,
      createdAt: new Date(now - (count - i) * 4 * 60_000).toISOString(),
    }),
  );
}

function summary(p: PersonSummary): PersonSummary {
  return { id: p.id, handle: p.handle, name: p.name, title: p.title, department: p.department };
}

function newestFirst(a: Post, b: Post): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id - a.id;
}

function validateBody(body: unknown): Response | null {
  const error = (message: string, code: string) =>
    problem(400, 'Invalid request', { errors: [{ path: 'body', message, code }] });
  if (typeof body !== 'string' || body.length === 0) return error('write something first', 'too_small');
  if (body.length > 5000) return error('a post is at most 5000 characters', 'too_big');
  if (!body.trim()) return error('a post cannot be only white space', 'custom');
  return null;
}

function titleCase(slug: string): string {
  return slug.replace(/(^|-)(\w)/g, (_, dash: string, c: string) => (dash ? ' ' : '') + c.toUpperCase());
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function problem(status: number, title: string, extra: Partial<Problem> = {}): Response {
  const body: Problem = { type: 'about:blank', ...extra, title: extra.title ?? title, status };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });
}

/** Waits until the request is released (`entry.release()`), or rejects when it is aborted. */
function held(signal: AbortSignal, entry: RecordedRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    entry.release = resolve;
    if (signal.aborted) reject(signal.reason as Error);
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}
