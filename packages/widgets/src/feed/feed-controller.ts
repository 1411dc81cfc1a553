import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { listPosts } from '../runtime/api.ts';
import type { Post } from '@hearth/contracts';
import type { HearthClient } from '../runtime/client.ts';
import type { FeedQuery } from '../runtime/api.ts';
import { HearthError, isAbort } from '../runtime/errors.ts';

export type FeedStatus = 'loading' | 'ready' | 'error' | 'signed-out' | 'not-found';

/**
 * The list behind a feed: the first page, more pages by cursor, and local changes (a new post
 * on top, an edit, a deletion). Requests carry an AbortSignal: a new scope or a removed element
 * cancels what is in flight, so a late answer never paints over a newer one.
 */
export class FeedController implements ReactiveController {
  status: FeedStatus = 'loading';
  posts: Post[] = [];
  nextCursor: string | null = null;
  loadingMore = false;
  error: HearthError | null = null;
  /** Why the next page could not be loaded (shown in the widget's language). */
  moreError: HearthError | null = null;
  /** A load was cut short by the element leaving the page; it must start again on return. */
  interrupted = false;
  /** What the posts on show were asked for; a new object for each new scope. */
  query: FeedQuery = {};

  #host: ReactiveControllerHost;
  #client: HearthClient | null = null;
  #abort: AbortController | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    if (!this.#abort) return;
    this.#abort.abort();
    this.#abort = null;
    this.loadingMore = false;
    this.interrupted = true;
  }

  load(client: HearthClient, query: FeedQuery): Promise<void> {
    this.#client = client;
    this.query = query;
    return this.#fetch(false);
  }

  reload(): Promise<void> {
    return this.#fetch(false);
  }

  loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return Promise.resolve();
    return this.#fetch(true);
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

  async #fetch(more: boolean): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.interrupted = false;
    this.moreError = null;
    if (more) {
      this.loadingMore = true;
    } else {
      this.status = 'loading';
      this.posts = [];
      this.nextCursor = null;
      this.error = null;
      this.loadingMore = false;
    }
    this.#host.requestUpdate();
    try {
      const page = await listPosts(
        client,
        { ...this.query, cursor: more ? (this.nextCursor ?? undefined) : undefined },
        abort.signal,
      );
      if (abort.signal.aborted) return;
      const seen = new Set(this.posts.map((p) => p.id));
      this.posts = more ? [...this.posts, ...page.items.filter((p) => !seen.has(p.id))] : page.items;
      this.nextCursor = page.nextCursor;
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error) || abort.signal.aborted) return;
      const failure = error instanceof HearthError ? error : HearthError.network();
      if (more) {
        this.moreError = failure;
      } else {
        this.error = failure;
        this.status = failure.signedOut ? 'signed-out' : failure.notFound ? 'not-found' : 'error';
      }
    } finally {
      if (this.#abort === abort) {
        this.#abort = null;
        this.loadingMore = false;
        this.#host.requestUpdate();
      }
    }
  }
}
