import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { HearthTagSelectEvent } from '../runtime/events.ts';
import { HearthPostCreatedEvent, HearthPostDeletedEvent, HearthPostUpdatedEvent } from './events.ts';
import { HearthElement } from '../runtime/hearth-element.ts';
import type { HearthSession } from '../runtime/session.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { errorStrings, errorText } from '../runtime/strings.ts';
import { StoreController } from '../runtime/store-controller.ts';
import { $selectedTag } from '../runtime/stores.ts';
import { FeedController } from './feed-controller.ts';
import type { FeedLive } from './feed-live.ts';
import type { PostView } from './post-view.ts';
import type { HearthFeedPost } from './hearth-feed-post.ts';
import { feedStyles } from './hearth-feed.styles.ts';
import { loadComposer, loadPost } from './parts.ts';
import { feedPack, t } from './strings.ts';

const SCOPE_PROPERTIES = ['community', 'tag', 'author', 'pageSize', 'scope'] as const;

/**
 * The activity feed: the latest posts of the whole intranet, a community, a tag or a person,
 * with replies, likes, editing and (with `compose`) a box to write a new post. It stays live:
 * others' new posts wait behind an "N new posts" button at the top (announced politely) rather
 * than pushing the list down under the reader, and edits, likes and deletions show in place.
 * Without a `tag` of its own it follows the tag picked anywhere on the page (a
 * `<hearth-tag-cloud>`, a #tag in a post) and shows that filter with a button to clear it.
 * The filter has a Follow toggle for the tag. A feed of the whole intranet has two tabs, All and
 * Following (posts with a tag, in a community or by a person the reader follows; `scope` sets the
 * first one shown), and its composer lets the author choose where to post: company-wide or one
 * of their communities, remembering the last choice. A post that does not belong in the list on
 * show (not tagged with the filter's tag, another community, nothing followed) is not put in it:
 * the composer says so, with a link to the post. With `sync-url` the tag filter is kept in the
 * host page's URL (`?hearth-tag=x`), so it can be shared, and Back and Forward restore it.
 * Typing `#` in a composer suggests tags. Others' posts and replies have Report (a dialog with
 * the reasons and a note, for the moderators); a post a moderator hid reads "Hidden by a
 * moderator" for everyone but its author and the moderators, who see it with the reason. Past
 * the server's per-person limit the composer says when to try again, and the draft stays. It
 * follows the WAI-ARIA feed pattern: each post is an
 * `article` in a `role="feed"`, Page Down and Page Up move between posts, and `aria-busy` is set
 * while posts load.
 *
 * Configuration comes from the element's attributes, then `<hearth-config>`, then the URL of
 * the script that loaded the widgets; no inline script is needed.
 *
 * @summary A feed of posts for a community, tag or person, with a composer, replies and likes.
 * @tagname hearth-feed
 *
 * @attr live - `off` turns live updates off: the posts stay as loaded. Default: on.
 * @attr post - Shows this one post (its id) with its replies open, and "See all posts" to go back to the list. Hearth's permalink page `/embed/post/{id}` sets it.
 * @attr reply - With `post`: the reply (its id) to highlight and scroll into view.
 * @attr scope - `following`: the Following tab is the one shown first (posts with a tag, in a community or by a person the reader follows); the reader can switch to All. Default: `all`. Only for a feed without `community` or `author`.
 * @attr sync-url - Keeps the tag filter in the host page's URL as `?hearth-tag=x`: read on load, pushed on change, restored by Back and Forward. Ignored with a `tag` of the feed's own.
 * @attr href-template - Where a post's time links to, e.g. `/social?post={id}` (`{id}`; `{kind}`: `post` or `reply`; `{parentId}`: a reply's post). Default: Hearth's page for the post (`/embed/post/{id}`). On the page the template names, the feed opens the post the URL names, and Back returns to the list.
 *
 * @slot empty - Replaces the text shown when the feed has no posts.
 *
 * @csspart base - The wrapper around everything.
 * @csspart composer - The form to write a post (and the reply and edit forms).
 * @csspart post - Each post's article.
 * @csspart avatar - An author's initials.
 * @csspart body - A post's text.
 * @csspart link - A link in a post's text.
 * @csspart tag - A #tag in a post's text.
 * @csspart mention - An @mention of a real person in a post's text: a link to their posts (another `@word` is plain text).
 * @csspart permalink - A post's time: the link to the post.
 * @csspart see-all - "See all posts", back to the list from one post (`post`, or the URL with `href-template`).
 * @csspart actions - A post's row of buttons.
 * @csspart state - The loading, empty, error and signed-out messages.
 * @csspart filter - "Filtered by #tag" with its Follow toggle and clear button, when the page's tag filters the feed.
 * @csspart follow - The Follow toggle of the filter's tag (pressed while followed).
 * @csspart scopes - The All and Following tabs of a feed of the whole intranet, for people who are signed in.
 * @csspart scope - Each of the two tabs (`aria-pressed` on the one shown).
 * @csspart place - The composer's "Post to" choice (company-wide or a community), on a feed of the whole intranet.
 * @csspart placed - The composer's note after a post that is not in the list on show, with a link to it.
 * @csspart suggestions - The tag or people suggestions under a composer (`#` or `@` and a letter).
 * @csspart load-more - The "Load more" button.
 * @csspart new-posts - The "N new posts" button, when the live stream brought some.
 *
 *
 * @fires hearth-post-created - A post or reply written here was stored. `event.post` is the Post.
 * @fires hearth-post-updated - A post changed (edit, like, reply count). `event.post` is the Post.
 * @fires hearth-post-deleted - A post or reply was deleted. `event.postId`, `event.parentId`.
 * @fires hearth-tag-select - A #tag was picked. `event.tag`; the runtime's `$selectedTag` too.
 */
export class HearthFeed extends HearthElement {
  static override styles = [...HearthElement.styles, feedStyles];
  static override packs = [feedPack];

  static override properties = {
    community: { type: String },
    tag: { type: String },
    author: { type: String },
    pageSize: { type: Number, attribute: 'page-size' },
    compose: { type: Boolean },
    live: { type: String },
    post: { type: String },
    reply: { type: String },
    hrefTemplate: { type: String, attribute: 'href-template' },
    scope: { type: String },
    syncUrl: { type: Boolean, attribute: 'sync-url' },
  };

  /** Only posts of this community (its slug). */
  declare community: string | null;
  /** Only posts with this tag (without the #); the page's selected tag is then ignored. */
  declare tag: string | null;
  /** Only posts by this person (their handle). */
  declare author: string | null;
  /** Posts per page, 1 to 50. */
  declare pageSize: number;
  /** Shows the box to write a post, for people who are signed in. */
  declare compose: boolean;
  /** `off`: no live updates. Otherwise new posts are offered, and changes shown, as they happen. */
  declare live: string | null;
  /** Shows this one post (its id) with its replies. */
  declare post: string | null;
  /** With `post`: the reply to highlight. */
  declare reply: string | null;
  /** Where posts' times link to (`{id}`, `{kind}`, `{parentId}`); on that page, the URL opens a post. */
  declare hrefTemplate: string | null;
  /** `following`: the Following tab is shown first; the tab the reader chose since. */
  declare scope: 'all' | 'following';
  /** Keeps the tag filter in the page's URL (`?hearth-tag=x`). */
  declare syncUrl: boolean;
  /** The tabs' and the filter's Follow toggle's chunk, once loaded. */
  #scopes: typeof import('./feed-scope.ts') | null = null;
  /** That chunk while it loads, or why it could not be (see `willUpdate`). */
  #scopeChunk: 'loading' | 'failed' | null = null;
  /** The follows stored on the page (from that chunk), listened to while connected. */
  #followed: StoreController<number> | null = null;
  /** Their count when the list was last loaded: when it moves, the Following list loads again. */
  #followedSeen = 0;
  /** `sync-url`: what stops keeping the tag filter in the page's URL. */
  #unsync: Promise<() => void> | null = null;

  #feed = new FeedController(this);
  #selectedTag = new StoreController<string | null>(this, $selectedTag);
  /** The page's tag the posts on screen are filtered by, to notice when it changes. */
  #followedTag: string | null = null;
  #focusFilter = false;
  /** The posts' element's chunk while it loads, or why it could not be (see `willUpdate`). */
  #postChunk: 'loading' | 'failed' | null = null;
  /** Ticks every minute so "3 minutes ago" does not stay "now" all day. */
  #clock = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;
  /** The session the live stream is listened to for, and the listener (its own chunk). */
  #liveSession: HearthSession | null = null;
  #live: FeedLive | null = null;
  /** One post on its own (`post`, or the URL with `href-template`): its chunk, once loaded. */
  #view: PostView | 'loading' | 'failed' | null = null;
  /** The list's scope changed while one post was shown: load it when the list shows again. */
  #listStale = false;

  constructor() {
    super();
    this.community = null;
    this.tag = null;
    this.author = null;
    this.pageSize = 20;
    this.compose = false;
    this.live = null;
    this.post = null;
    this.reply = null;
    this.hrefTemplate = null;
    this.scope = 'all';
    this.syncUrl = false;
    this.addEventListener(HearthPostUpdatedEvent.type, (event) => this.#feed.replace(event.post));
    this.addEventListener(HearthPostDeletedEvent.type, (event) => this.#onDeleted(event));
    // A #tag picked in one of our posts filters this feed, and the post with the focused tag
    // goes away: focus moves to the filter's clear button instead of falling to the page.
    this.addEventListener(HearthTagSelectEvent.type, (event) => {
      this.#focusFilter = !this.tag && event.tag !== this.#followedTag;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => {
      this.#clock = Date.now();
      this.requestUpdate();
    }, 60_000);
    this.#listen();
    // The tag filter in the page's URL: a chunk only feeds with `sync-url` fetch.
    if (this.syncUrl) this.#unsync = import('./feed-url.ts').then((m) => m.syncUrl(() => this.tag));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    void this.#unsync?.then((stop) => stop());
    this.#unsync = null;
    // After the task: an element moved in the page (removed, then added) keeps its stream.
    queueMicrotask(() => this.#listen());
  }

  /** Listens to the page's live stream while connected, unless `live="off"`. */
  #listen(): void {
    const session = this.isConnected && this.live !== 'off' && this.hasUpdated ? this.session : null;
    if (session === this.#liveSession) return;
    this.#liveSession = session;
    this.#live?.stop();
    this.#live = null;
    if (session) {
      import('./feed-live.ts').then(
        ({ FeedLive }) => {
          // Removed and put back before the chunk came, the feed asked for it twice: the first
          // answer subscribes, the second must not (its listener would outlive the feed).
          if (this.#liveSession === session && !this.#live) this.#live = new FeedLive(this, this.#feed, session);
        },
        // Offline or a new release: tried again at the next update.
        () => (this.#liveSession = null),
      );
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Fetched while the posts and the person load, so it is there when the composer shows; a
    // failed load is tried again at the next update.
    if (this.compose && !customElements.get('hearth-feed-composer')) loadComposer().catch(() => {});
    // The posts' element comes in its own chunk, fetched while the posts load; the skeleton
    // stays until both are there.
    if (!customElements.get('hearth-feed-post') && !this.#postChunk) {
      this.#postChunk = 'loading';
      loadPost().then(
        () => (this.#postChunk = null),
        () => (this.#postChunk = 'failed'),
      ).finally(() => this.requestUpdate());
    }
    const followed = this.tag ? null : this.#selectedTag.value;
    if (followed !== this.#followedTag || this.scopeChanged(changed, SCOPE_PROPERTIES)) {
      this.#followedTag = followed;
      this.#listStale = true;
    }
    // The tabs of a feed of the whole intranet and the tag filter's Follow toggle, for a
    // signed-in reader: a chunk of their own.
    if ((this.#tabs || followed) && this.me.value.status === 'signed-in' && !this.#scopes && !this.#scopeChunk) {
      this.#scopeChunk = 'loading';
      import('./feed-scope.ts').then(
        (m) => {
          this.#scopeChunk = null;
          this.#scopes = m;
          this.#followedSeen = m.$followed.get();
          this.#followed = new StoreController(this, m.$followed);
        },
        () => (this.#scopeChunk = 'failed'),
      ).finally(() => this.requestUpdate());
    }
    // A tag, person or community followed or unfollowed anywhere on the page (and stored): the
    // Following list on show is loaded again, as it now holds other posts.
    const follows = this.#followed?.value ?? 0;
    if (this.#followed && follows !== this.#followedSeen) {
      this.#followedSeen = follows;
      if (this.#following) this.#listStale = true;
    }
    if ((this.post || this.hrefTemplate) && !this.#view) {
      this.#view = 'loading';
      import('./post-view.ts').then(
        ({ PostView }) => (this.#view = new PostView(this, () => this.session.client)),
        () => (this.#view = 'failed'),
      ).finally(() => this.requestUpdate());
    } else if (typeof this.#view === 'object' && (changed.has('post') || changed.has('reply') || changed.has('hrefTemplate'))) {
      this.#view?.sync();
    }
    if (this.#listStale && !this.#single) {
      this.#listStale = false;
      void this.#feed.load(this.session.client, this.#query());
    }
    this.#listen();
  }

  /** Whether one post is shown (or its chunk is on its way) instead of the list. */
  get #single(): boolean {
    const view = this.#view;
    return view === 'loading' || (typeof view === 'object' && !!view?.active);
  }

  #query() {
    const limit = Math.min(50, Math.max(1, Math.trunc(this.pageSize) || 20));
    return {
      community: this.community || undefined,
      tag: this.tag?.replace(/^#/, '') || this.#followedTag || undefined,
      author: this.author?.replace(/^@/, '') || undefined,
      following: this.#following ? ('all' as const) : undefined,
      limit,
    };
  }

  /** The Following tab is on show (only a feed of the whole intranet has the tabs). */
  get #following(): boolean {
    return this.scope === 'following' && this.#tabs;
  }

  get #tabs(): boolean {
    return !this.community && !this.author;
  }

  protected override refresh(): Promise<void> {
    // A chunk that could not be fetched is asked for again at the next update.
    if (this.#postChunk === 'failed') this.#postChunk = null;
    if (this.#view === 'failed') this.#view = null;
    if (this.#scopeChunk === 'failed') this.#scopeChunk = null;
    // What the person follows, if it could not be loaded (the Follow toggles, Following's matching).
    if (this.me.value.status === 'signed-in') this.#scopes?.retryFollowing(this.session);
    return this.#single && typeof this.#view === 'object' ? this.#view!.reload() : this.#feed.reload();
  }

  // The feed's own scope only: picking a tag elsewhere on the page must not swap the draft.
  get #draftScope(): string {
    const q = this.#query();
    const tag = this.tag?.replace(/^#/, '') ?? '';
    return `feed:${this.session.config.apiBase}:${q.community ?? ''}:${tag}:${q.author ?? ''}`;
  }

  protected override updated(): void {
    if (!this.#focusFilter) return;
    this.#focusFilter = false;
    this.renderRoot.querySelector<HTMLElement>('.filter > button')?.focus();
  }

  async #clearTag(): Promise<void> {
    $selectedTag.set(null);
    await this.updateComplete;
    // The button is gone; keep focus in the feed rather than dropping it to the page's body.
    this.renderRoot.querySelector<HTMLElement>('.root')?.focus();
  }

  /** `chosen`: where the author chose to post, on a feed of the whole intranet (null: company-wide). */
  readonly #createPost = async (body: string, key: string, chosen?: string | null) => {
    // A post is put in the list only where it belongs: not under a tag it does not carry, in
    // another community's list, or in Following when it is about nothing followed.
    const [post, note] = await (await import('./placing.ts')).send(this.session, this.community || chosen, body, key, this.#feed.query, this.locale, this.hrefTemplate);
    if (!note) this.#feed.prepend(post);
    this.emit(new HearthPostCreatedEvent(post));
    return note;
  };

  async #onDeleted(event: HearthPostDeletedEvent): Promise<void> {
    if (event.parentId !== null) return;
    const articles = this.#articles();
    const index = articles.findIndex((a) => a.id === `post-${event.postId}`);
    const hadFocus = index >= 0 && articles[index]?.matches(':focus-within');
    this.#feed.remove(event.postId);
    // Focus would fall to the page's body with the removed post; keep it in the feed.
    if (hadFocus) await this.#focusPost(Math.min(index, this.#feed.posts.length - 1));
  }

  #articles(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.feed > hearth-feed-post > article')];
  }

  async #focusPost(index: number): Promise<void> {
    await this.updateComplete;
    const post = this.renderRoot.querySelectorAll<HearthFeedPost>('.feed > hearth-feed-post')[index];
    if (!post) return;
    await post.updateComplete;
    post.querySelector('article')?.focus();
  }

  async #onLoadMore(): Promise<void> {
    const before = this.#feed.posts.length;
    await this.#feed.loadMore();
    // The last page removes the button, and focus with it: continue at the first new post.
    if (!this.#feed.nextCursor && this.#feed.posts.length > before) await this.#focusPost(before);
  }

  async #onKeydown(event: KeyboardEvent): Promise<void> {
    if (event.key !== 'PageDown' && event.key !== 'PageUp') return;
    const target = event.target as HTMLElement;
    // In a text box Page Up / Page Down keep moving the caret.
    if (target.localName === 'textarea') return;
    const articles = this.#articles();
    const index = articles.findIndex((a) => a.contains(target));
    if (index < 0) return;
    event.preventDefault();
    const next = index + (event.key === 'PageDown' ? 1 : -1);
    if (next < 0) return;
    if (next >= articles.length) {
      // Past the last post: fetch the next page and carry on into it, as the feed pattern asks.
      if (!this.#feed.nextCursor) return;
      await this.#feed.loadMore();
    }
    await this.#focusPost(next);
  }

  protected override render() {
    const me = this.me.value;
    const feed = this.#feed;
    const signedIn = me.status === 'signed-in';
    const signedOut = me.status === 'signed-out' || feed.status === 'signed-out';
    // The filter's status is always rendered (hidden visually when empty): a live region that
    // appears together with its text is often not announced.
    const filter = this.#followedTag;
    const view = this.#single ? this.#view : null;
    return html`<div class="root ${this.themeClass}" part="base" tabindex="-1" @click=${this.#onClick}>
      <div class=${filter ? 'filter' : 'vh'} part="filter">
        <span role="status">${filter ? t(this.locale, 'filteredBy', { tag: filter }) : ''}</span>
        ${filter && signedIn && this.#scopes ? this.#scopes.followTag(filter) : nothing}
        ${filter
          ? html`<button class="quiet" aria-label=${t(this.locale, 'clearFilter')} @click=${this.#clearTag}>
              <span aria-hidden="true">×</span>
            </button>`
          : nothing}
      </div>
      ${signedOut
        ? stateBox(t(this.locale, 'signedOut'), '', [errorStrings.t(this.locale, 'tryAgain'), this.retry])
        : view
        ? typeof view === 'object' ? view.render(this.#clock, this.locale) : nothing
        : html`${this.#tabs && signedIn && this.#scopes
            ? this.#scopes.renderScopes(this.renderRoot, this.session, this.locale, this.scope, (scope) => (this.scope = scope))
            : nothing}
          ${this.compose && signedIn ? this.#renderComposer() : nothing}
          ${this.#live?.render(this.locale)}
          ${this.#postChunk === 'failed' || this.#scopeChunk === 'failed'
            ? stateBox(t(this.locale, 'loadFailed'), errorStrings.t(this.locale, 'network'), [errorStrings.t(this.locale, 'retry'), this.retry])
            : (failureBox(this.locale, feed, { failed: t(this.locale, 'loadFailed'), signedOut: t(this.locale, 'signedOut') }, this.retry) ??
              this.#renderFeed())}`}
    </div>`;
  }

  /** A click on a post's time, on the page its template names, opens the post in place. */
  #onClick(event: MouseEvent): void {
    if (this.hrefTemplate && typeof this.#view === 'object') this.#view?.follow(event);
  }

  #renderComposer() {
    return html`<hearth-feed-composer
      class="new-post"
      .label=${t(this.locale, 'writePost')}
      .action=${t(this.locale, 'post')}
      .scope=${this.#draftScope}
      .send=${this.#createPost}
      .mentionScope=${this.community ? { slug: this.community } : null}
      .places=${!this.community}
      .list=${this.#feed.query}
    ></hearth-feed-composer>`;
  }

  #renderFeed() {
    const feed = this.#feed;
    const loading = feed.status === 'loading' || this.langs.loading || !customElements.get('hearth-feed-post') || (this.#following && !this.#scopes);
    if (!loading && feed.posts.length === 0) {
      return html`<div class="state" part="state" role="status">
        <slot name="empty"
          ><p>${this.#following && this.#scopes ? this.#scopes.emptyFollowing(this.locale) : t(this.locale, this.compose ? 'emptyCompose' : 'empty')}</p></slot
        >
      </div>`;
    }
    const setsize = feed.nextCursor ? -1 : feed.posts.length;
    return html`<div
        class="feed"
        role="feed"
        aria-label=${t(this.locale, 'posts')}
        aria-busy=${loading || feed.loadingMore ? 'true' : 'false'}
        @keydown=${this.#onKeydown}
      >
        ${loading
          ? [1, 2, 3].map(
              () => html`<div class="skeleton" aria-hidden="true">
                <span class="avatar"></span><span class="line short"></span><span class="line"></span
                ><span class="line"></span>
              </div>`,
            )
          : repeat(
              feed.posts,
              (post) => post.id,
              (post, index) =>
                html`<hearth-feed-post
                  .post=${post}
                  .now=${this.#clock}
                  .posinset=${index + 1}
                  .setsize=${setsize}
                  .showCommunity=${!this.community}
                  .hrefTemplate=${this.hrefTemplate}
                ></hearth-feed-post>`,
            )}
      </div>
      ${feed.moreError
        ? html`<p class="message" role="alert">
            ${errorText(this.locale, feed.moreError)} <button @click=${() => feed.loadMore()}>${errorStrings.t(this.locale, 'retry')}</button>
          </p>`
        : nothing}
      ${feed.nextCursor && !feed.moreError
        ? html`<div class="more">
            <button
              part="load-more"
              aria-disabled=${feed.loadingMore ? 'true' : 'false'}
              @click=${this.#onLoadMore}
            >
              ${t(this.locale, 'loadMore')}
            </button>
          </div>`
        : nothing}`;
  }
}
