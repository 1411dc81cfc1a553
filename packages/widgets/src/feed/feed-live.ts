import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { Post } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import type { FeedQuery } from '../runtime/api.ts';
import { getPost } from './api.ts';
import { type LiveMessage, subscribeLive } from '../runtime/live.ts';
import type { HearthSession } from '../runtime/session.ts';
import type { FeedController } from './feed-controller.ts';
import type { HearthFeedPost } from './hearth-feed-post.ts';
import { feedLiveStyles } from './hearth-feed-live.styles.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { feedPack } from './strings.ts';
import { fits } from './placing.ts';
import { followingOf } from '../runtime/follow.ts';

/** The live banner's words travel with this chunk. */
export const liveStrings = defineStrings(feedPack, 'live', {
  newPosts_one: '{n} new post',
  newPosts_other: '{n} new posts',
  showNew: 'Show new posts',
});
const { t, plural } = liveStrings;

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };


const newestFirst = (a: Post, b: Post) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id;

/**
 * Keeps a `<hearth-feed>` current from the page's one live stream, in a chunk of its own (a
 * feed's first render does not wait for it). Events carry ids only, so each post is fetched
 * through the API, where authorization applies as everywhere else.
 *
 * A new post in the feed's scope is not pushed in under the reader: it waits behind an
 * "N new posts" button at the top, in a polite live region, which inserts the posts and moves
 * focus to the first. The person's own posts (written here, in another feed or another tab) go
 * straight in. Edits, likes and deletions of posts on show apply in place, replies' too. After
 * a gap in the stream (`resync`) the button offers to load the first page again.
 */
export class FeedLive {
  /** New posts not yet shown, newest first. */
  incoming: Post[] = [];
  /** Events may have been missed: the first page is loaded again when the person asks. */
  stale = false;

  readonly #host: Host;
  readonly #feed: FeedController;
  readonly #session: HearthSession;
  readonly #abort = new AbortController();
  readonly #off: () => void;
  /** The query `incoming` was matched against; a new scope starts afresh. */
  #scope: FeedQuery;

  constructor(host: Host, feed: FeedController, session: HearthSession) {
    this.#host = host;
    this.#feed = feed;
    this.#session = session;
    this.#scope = feed.query;
    // The banner's rules travel with this chunk: a feed that is never live does not load them.
    adopt(host.renderRoot as Node, feedLiveStyles);
    this.#off = subscribeLive(session, (message) => void this.#on(message));
    host.requestUpdate();
  }

  /** Stops listening and cancels the posts on their way. */
  stop(): void {
    this.#abort.abort();
    this.#off();
  }

  /** What is new and not shown yet (a post may have come another way, or the scope changed). */
  #fresh(): Post[] {
    const feed = this.#feed;
    if (feed.query !== this.#scope) {
      this.#scope = feed.query;
      this.incoming = [];
      this.stale = false;
    }
    return (this.incoming = this.incoming.filter((p) => !this.#shown(p.id)));
  }

  #me(): number | null {
    const me = this.#session.$me.get();
    return me.status === 'signed-in' ? me.me.id : null;
  }

  #shown(id: number): boolean {
    return this.#feed.posts.some((p) => p.id === id);
  }

  #element(id: number): HearthFeedPost | null {
    return this.#host.renderRoot.querySelector(`#post-${id}`)?.parentElement as HearthFeedPost | null;
  }

  /**
   * Whether the person is deleting the post in this feed: its event can come before the answer
   * to the request, and the post's own handling (its event, the reply count, focus) comes next.
   */
  #deleting(id: number): boolean {
    const post = this.#element(id);
    return !!post?._confirming && post._busy;
  }

  /** The post; `null` when it is gone or hidden; `undefined` when it could not be asked for. */
  #fetch(id: number): Promise<Post | null | undefined> {
    const signal = this.#abort.signal;
    return getPost(this.#session.client, id, signal).then(
      (post) => (signal.aborted ? undefined : post),
      (error: { notFound?: boolean }) => (!signal.aborted && error.notFound ? null : undefined),
    );
  }

  async #on(message: LiveMessage): Promise<void> {
    if (message.type === 'resync') {
      this.#fresh();
      this.stale = true;
      return this.#host.requestUpdate();
    }
    const { type, postId, parentId } = message;
    if (parentId !== null) return this.#reply(type, postId, parentId);
    if (type === 'post.deleted') return this.#deleted(postId);
    if (type !== 'post.created') return this.#changed(postId);
    // The event names the community: a community's feed need not ask about the others' posts.
    const { community } = this.#feed.query;
    if (community && message.community !== community) return;
    const known = (id: number) => this.#shown(id) || this.#fresh().some((p) => p.id === id);
    if (known(postId)) return;
    const post = await this.#fetch(postId);
    // Matched against the scope of now: the feed may have moved on while the post loaded.
    const { following } = this.#feed.query;
    if (!post || !fits(post, this.#feed.query, following ? followingOf(this.#session).get() : null) || known(post.id)) return;
    if (post.author.id === this.#me()) return this.#feed.prepend(post);
    this.incoming = [post, ...this.incoming].sort(newestFirst);
    this.#host.requestUpdate();
  }

  async #changed(postId: number): Promise<void> {
    if (!this.#shown(postId)) return;
    const post = await this.#fetch(postId);
    if (post) this.#feed.replace(post);
    else if (post === null) void this.#deleted(postId);
  }

  async #deleted(postId: number): Promise<void> {
    if (this.#deleting(postId)) return;
    this.incoming = this.incoming.filter((p) => p.id !== postId);
    const index = this.#feed.posts.findIndex((p) => p.id === postId);
    if (index < 0) return this.#host.requestUpdate();
    const hadFocus = this.#element(postId)?.matches(':focus-within');
    this.#feed.remove(postId);
    // Focus would fall to the page's body with the post: it moves on to the next one.
    if (hadFocus) await this.#focus(Math.min(index, this.#feed.posts.length - 1));
  }

  async #reply(type: LiveMessage['type'], postId: number, parentId: number): Promise<void> {
    if (!this.#shown(parentId) || this.#deleting(postId)) return;
    const reply = type === 'post.deleted' ? null : await this.#fetch(postId);
    // The person's own replies written here are counted and listed by their post already.
    if (reply === undefined || (type === 'post.created' && reply?.author.id === this.#me())) return;
    // The post's reply count.
    if (type === 'post.created' || type === 'post.deleted') void this.#changed(parentId);
    // The reply itself, when the post's replies are loaded.
    const parent = this.#element(parentId);
    const replies = parent?._replies;
    if (!parent || !replies) return;
    const others = replies.filter((r) => r.id !== postId);
    parent._replies = !reply ? others : others.length === replies.length ? [...replies, reply] : replies.map((r) => (r.id === postId ? reply : r));
  }

  async #focus(index: number): Promise<void> {
    const host = this.#host;
    await host.updateComplete;
    const post = host.renderRoot.querySelectorAll<HearthFeedPost>('.feed > hearth-feed-post')[index];
    if (!post) return host.renderRoot.querySelector<HTMLElement>('.root')?.focus();
    await post.updateComplete;
    post.querySelector('article')?.focus();
  }

  readonly #show = async (): Promise<void> => {
    const feed = this.#feed;
    if (this.stale) {
      this.stale = false;
      this.incoming = [];
      await feed.reload();
    } else {
      for (const post of this.#fresh().reverse()) feed.prepend(post);
      this.incoming = [];
    }
    // The button is gone: reading goes on at the first new post.
    await this.#focus(0);
  };

  /**
   * The button, in a status region that is always there (hidden while empty): a live region
   * that appears together with its text is often not announced.
   */
  render(locale: string) {
    const n = this.#fresh().length;
    // Not over a loading, failed or missing feed: the posts would have nowhere to go.
    const on = this.#feed.status === 'ready' && (n > 0 || this.stale);
    return html`<div class=${on ? 'live' : 'vh'} role="status">${on
        ? html`<button class="primary" part="new-posts" @click=${this.#show}>
            ${n ? plural(locale, 'newPosts', n) : t(locale, 'showNew')}
          </button>`
        : nothing}</div>`;
  }
}
