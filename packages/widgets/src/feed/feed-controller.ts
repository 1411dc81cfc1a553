import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Post, PostPage } from '@hearth/contracts';
import { type FeedQuery, listPosts } from '../runtime/api.ts';
import type { HearthClient } from '../runtime/client.ts';
import { HearthError, isAbort } from '../runtime/errors.ts';
import { Loader } from '../runtime/loader.ts';

export type FeedStatus = 'loading' | 'ready' | 'error' | 'signed-out' | 'not-found';

/**
 * The list behind a feed: the first page through the runtime's {@link Loader} (abort on a new
 * scope or removal, resume on return), more pages by cursor, and local changes (a new post on
 * top, an edit, a deletion), so a late answer never paints over a newer one.
 */
export class FeedController implements ReactiveController {
  posts: Post[] = [];
  nextCursor: string | null = null;
  loadingMore = false;
  /** Why the next page could not be loaded (shown in the widget's language). */
  moreError: HearthError | null = null;
  /** What the posts on show were asked for; a new object for each new scope. */
  query: FeedQuery = {};

  readonly #host: ReactiveControllerHost;
  readonly #first: Loader<PostPage>;
  #client: HearthClient | null = null;
  #more: AbortController | null = null;
  /** A next page was cut short by the element leaving the page: load again on return. */
  #moreInterrupted = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    this.#first = new Loader<PostPage>(host);
    host.addController(this);
  }

  get status(): FeedStatus {
    const { status } = this.#first;
    return status === 'idle' ? 'loading' : status;
  }

  get error(): HearthError | null {
    return this.#first.error;
  }

  hostConnected(): void {
    if (this.#moreInterrupted) void this.reload();
  }

  hostDisconnected(): void {
    this.#moreInterrupted = this.#more !== null;
    this.#cancelMore();
  }

  load(client: HearthClient, query: FeedQuery): Promise<void> {
    this.#client = client;
    this.query = query;
    return this.reload();
  }

  reload(): Promise<void> {
    const client = this.#client;
    if (!client) return Promise.resolve();
    this.#cancelMore();
    this.#moreInterrupted = false;
    this.posts = [];
    this.nextCursor = null;
    const query = this.query;
    return this.#first.run(async (signal) => {
      const page = await listPosts(client, query, signal);
      if (!signal.aborted) {
        this.posts = page.items;
        this.nextCursor = page.nextCursor;
      }
      return page;
    });
  }

  async loadMore(): Promise<void> {
    const client = this.#client;
    if (!client || !this.nextCursor || this.loadingMore) return;
    const abort = (this.#more = new AbortController());
    this.loadingMore = true;
    this.moreError = null;
    this.#host.requestUpdate();
    try {
      const page = await listPosts(client, { ...this.query, cursor: this.nextCursor }, abort.signal);
      if (abort.signal.aborted) return;
      const seen = new Set(this.posts.map((p) => p.id));
      this.posts = [...this.posts, ...page.items.filter((p) => !seen.has(p.id))];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (isAbort(error) || abort.signal.aborted) return;
      this.moreError = error instanceof HearthError ? error : HearthError.network();
    } finally {
      if (this.#more === abort) {
        this.#more = null;
        this.loadingMore = false;
        this.#host.requestUpdate();
      }
    }
  }

  prepend(post: Post): void {
    this.posts = [post, ...this.posts.filter((p) => p.id !== post.id)];
    if (this.status === 'ready') this.#host.requestUpdate();
  }

  replace(post: Post): void {
    if (!this.posts.some((p) => p.id === post.id && p !== post)) return;
    this.posts = this.posts.map((p) => (p.id === post.id ? post : p));
    this.#host.requestUpdate();
  }

  remove(id: number): void {
    this.posts = this.posts.filter((p) => p.id !== id);
    this.#host.requestUpdate();
  }

  #cancelMore(): void {
    this.#more?.abort();
    this.#more = null;
    this.loadingMore = false;
    this.moreError = null;
  }
}
