import { css, html, nothing, svg } from 'lit';
import { adopt } from '../runtime/adopt.ts';
import { initials, toneClass } from '../runtime/people.ts';
import { setLike } from './api.ts';
import type { Post } from '@hearth/contracts';
import { HearthPart } from '../runtime/hearth-part.ts';
import { HearthPostDeletedEvent, HearthPostUpdatedEvent } from './events.ts';
import { dots } from '../runtime/dots.ts';
import { formatDate, formatNumber, formatRelative } from '../runtime/i18n.ts';
import { plural, t } from './strings.ts';
import { errorStrings, errorText } from '../runtime/strings.ts';
import { renderRichText } from '../runtime/rich-text.ts';
import { permalink } from '../runtime/permalink.ts';
import { linkButtonStyles } from '../runtime/styles.ts';
import { Reporter, hiddenNotice, hiddenText, hiddenView } from '../runtime/report.ts';

// Longer bodies start folded so one essay does not push the rest of the feed off screen.
const FOLD_CHARS = 700;
const FOLD_LINES = 10;

type Thread = typeof import('./post-thread.ts');

let threadChunk: Promise<Thread> | null = null;
/** The thread's chunk, once per page; a failed load (offline, a new release) is tried again. */
function loadThread(): Promise<Thread> {
  return (threadChunk ??= import('./post-thread.ts').catch((error: unknown) => {
    threadChunk = null;
    throw error;
  }));
}

/**
 * A post's look, in its chunk and adopted into the feed's shadow root when the first post
 * connects (the feed itself draws only its frame and skeletons).
 */
const postStyles = css`
  .post.reply {
    padding: calc(0.6 * var(--_space)) 0 calc(0.2 * var(--_space));
    border: 0;
    border-top: 1px solid var(--_border);
    border-radius: 0;
    background: transparent;
  }
  .head {
    display: flex;
    gap: calc(0.65 * var(--_space));
    align-items: flex-start;
  }
  .reply .avatar {
    width: 2.1em;
    height: 2.1em;
    font-size: 0.8em;
  }
  .role,
  .when {
    color: var(--_muted);
    font-size: 0.87em;
  }
  .when {
    flex-basis: 100%;
  }
  .permalink {
    color: inherit;
    text-decoration: none;
  }
  .permalink:hover,
  .permalink:focus-visible {
    text-decoration: underline;
  }
  /* The reply a permalink names: marked by a bar at its start and a tint, in place. */
  .post.reply.highlighted {
    padding-inline: calc(0.6 * var(--_space)) calc(0.3 * var(--_space));
    background: var(--_subtle);
    border-inline-start: 3px solid var(--_accent);
  }
  .body {
    margin: calc(0.55 * var(--_space)) 0 calc(0.2 * var(--_space));
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .body.folded {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 8;
    overflow: hidden;
  }
  .link,
  .tag,
  .link-button {
    color: var(--_accent);
  }
  .link {
    text-decoration-thickness: 1px;
    text-underline-offset: 0.15em;
  }
  .tag:hover,
  .link-button:hover {
    text-decoration: underline;
    background: none !important;
  }
  .mention {
    font-weight: 600;
    color: var(--_accent);
    text-decoration: none;
  }
  .mention:hover,
  .mention:focus-visible {
    text-decoration: underline;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.15 * var(--_space));
    margin: calc(0.3 * var(--_space)) calc(-0.5 * var(--_space)) 0;
  }
  .actions button {
    /* The floor keeps Like and Reply about 1.7em (25 px at 15 px) tall when compact. */
    padding: max(0.2em, calc(0.3 * var(--_space))) calc(0.5 * var(--_space));
  }
  .like svg {
    width: 1.1em;
    height: 1.1em;
    vertical-align: -0.2em;
    margin-inline-end: 0.3em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
  }
  .like[aria-pressed='true'] {
    color: var(--_accent);
  }
  .like[aria-pressed='true'] svg {
    fill: currentColor;
  }
  .likes {
    color: var(--_muted);
    font-size: 0.9em;
    margin-inline-end: calc(0.4 * var(--_space));
    font-variant-numeric: tabular-nums;
  }
  .spacer {
    flex: 1;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.5 * var(--_space));
    margin-top: calc(0.5 * var(--_space));
    padding: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .confirm span {
    margin-inline-end: auto;
  }
  .muted {
    color: var(--_muted);
  }
`;

const heart = svg`<path d="M12 20.5S3.5 15.4 3.5 9.3A4.6 4.6 0 0 1 12 6.6a4.6 4.6 0 0 1 8.5 2.7c0 6.1-8.5 11.2-8.5 11.2z"/>`;

/**
 * One post of a feed, or one reply under a post: author, time, text, like, replies, edit or
 * delete for what the person may change, and Report for what others wrote. Hidden by a
 * moderator, it shows a placeholder to others and the reason to its author. It renders into the feed's shadow root (no shadow root
 * of its own), so the feed's styles, ids and ARIA relations all live in one tree.
 *
 * @summary A post (or reply) in `<hearth-feed>`, with its actions and replies.
 * @tagname hearth-feed-post
 * @csspart post - The article.
 * @csspart avatar - The author's initials.
 * @csspart body - The post's text.
 * @csspart actions - The row of buttons.
 * @fires hearth-post-updated - The post was edited or (un)liked, or got or lost a reply.
 * @fires hearth-post-deleted - The post was deleted.
 * @fires hearth-post-created - A reply to this post was stored.
 */
export class HearthFeedPost extends HearthPart {
  // Whose post it is decides whether it may be reported.
  static override usesMe = true;
  static override properties = {
    post: { attribute: false },
    now: { type: Number },
    reply: { type: Boolean, reflect: true },
    posinset: { type: Number },
    setsize: { type: Number },
    showCommunity: { type: Boolean, attribute: 'show-community' },
    hrefTemplate: { attribute: false },
    openReplies: { attribute: false },
    highlight: { attribute: false },
    highlighted: { attribute: false },
    _editing: { state: true },
    _confirming: { state: true },
    _busy: { state: true },
    _message: { state: true },
    _unfolded: { state: true },
    _replying: { state: true },
    _repliesOpen: { state: true },
    _replies: { state: true },
    _repliesLoading: { state: true },
    _repliesError: { state: true },
  };

  /** The post to show. */
  declare post: Post;
  /** The time relative times are counted from (the feed ticks it every minute). */
  declare now: number;
  /** Shown as a reply: no replies of its own, not a stop for Page Up / Page Down. */
  declare reply: boolean;
  /** Position in the feed (aria-posinset). */
  declare posinset: number;
  /** Size of the feed, -1 while more can load (aria-setsize). */
  declare setsize: number;
  /** Shows the community's name (when the feed is not already scoped to it). */
  declare showCommunity: boolean;
  /** Where the time links to (the feed's `href-template`); null: Hearth's page for the post. */
  declare hrefTemplate: string | null;
  /** Opens the replies as the post first shows (a permalink). */
  declare openReplies: boolean;
  /** The reply (its id) to highlight and scroll into view once the replies are open. */
  declare highlight: number | null;
  /** This reply is the one a permalink names. */
  declare highlighted: boolean;
  declare _editing: boolean;
  declare _confirming: boolean;
  declare _busy: boolean;
  declare _message: string;
  declare _unfolded: boolean;
  declare _replying: boolean;
  declare _repliesOpen: boolean;
  declare _replies: Post[] | null;
  declare _repliesLoading: boolean;
  declare _repliesError: string;

  /** Editing, deleting and replies, from their chunk once someone uses one (post-thread.ts). */
  #thread: Thread | null = null;
  /** The Report button and its dialog. */
  #reporter = new Reporter(this);

  constructor() {
    super();
    this.now = Date.now();
    this.reply = false;
    this.posinset = 1;
    this.setsize = -1;
    this.showCommunity = false;
    this.hrefTemplate = null;
    this.openReplies = false;
    this.highlight = null;
    this.highlighted = false;
    this._editing = false;
    this._confirming = false;
    this._busy = false;
    this._message = '';
    this._unfolded = false;
    this._replying = false;
    this._repliesOpen = false;
    this._replies = null;
    this._repliesLoading = false;
    this._repliesError = '';
    // Replies are children of this element: keep their list and our count in step with them.
    this.addEventListener(HearthPostDeletedEvent.type, (event) => {
      if (event.parentId !== this.post.id) return;
      this._replies = this._replies?.filter((r) => r.id !== event.postId) ?? null;
      this.apply({ ...this.post, replyCount: Math.max(0, this.post.replyCount - 1) });
    });
    this.addEventListener(HearthPostUpdatedEvent.type, (event) => {
      if (event.post.parentId !== this.post.id) return;
      this._replies = this._replies?.map((r) => (r.id === event.post.id ? event.post : r)) ?? null;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), linkButtonStyles);
    adopt(this.getRootNode(), postStyles);
    // Moved in the page while the replies loaded: their request was cancelled on the way out.
    if (this._repliesLoading) void this.#thread?.loadReplies(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#thread?.stop(this);
  }

  protected override firstUpdated(): void {
    // A permalink: the replies open at once, and the named one is found, marked and shown.
    if (this.openReplies && this.post.replyCount > 0) void this.#use((thread) => thread.openTo(this, this.highlight));
  }

  /** Where this post or reply opens on its own. */
  get href(): string {
    const { id, parentId } = this.post;
    return permalink(this.hrefTemplate, this.session?.config.apiBase ?? '', { id, kind: parentId === null ? 'post' : 'reply', parentId });
  }

  /** Keeps our copy and tells the feed (and the host page) the post changed. */
  apply(post: Post): void {
    this.post = post;
    this.emit(new HearthPostUpdatedEvent(post));
  }

  async #toggleLike(): Promise<void> {
    // Ignore clicks while one is on its way: the answer decides the final state anyway.
    if (this._busy) return;
    const before = this.post;
    const liked = !before.likedByMe;
    this._busy = true;
    this._message = '';
    this.apply({ ...before, likedByMe: liked, likeCount: Math.max(0, before.likeCount + (liked ? 1 : -1)) });
    try {
      const state = await setLike(this.client, before.id, liked);
      this.apply({ ...this.post, likedByMe: state.liked, likeCount: state.likeCount });
    } catch (error) {
      this.apply({ ...this.post, likedByMe: before.likedByMe, likeCount: before.likeCount });
      this._message = t(this.locale, 'likeFailed', { reason: errorText(this.locale, error) });
    } finally {
      this._busy = false;
    }
  }

  async #askDelete(): Promise<void> {
    this._confirming = true;
    this._message = '';
    // Fetched while the author decides, so deleting does not wait for it.
    loadThread().catch(() => {});
    await this.updateComplete;
    // The least destructive choice gets focus, as in an alert dialog.
    this.querySelector<HTMLButtonElement>('.confirm .quiet')?.focus();
  }

  async #cancelDelete(): Promise<void> {
    this._confirming = false;
    await this.updateComplete;
    this.querySelector<HTMLButtonElement>('.delete')?.focus();
  }

  /** Runs `action` with the thread's chunk, loading it on first use; says so when it cannot. */
  async #use(action: (thread: Thread) => unknown): Promise<void> {
    try {
      this.#thread ??= await loadThread();
    } catch {
      this._message = errorStrings.t(this.locale, 'network');
      return;
    }
    this.#thread.attach(this);
    await action(this.#thread);
  }

  protected override render() {
    const { post, locale, reply } = this;
    if (!post) return nothing;
    const id = `post-${post.id}`;
    const author = post.author;
    return html`<article
      class=${reply ? (this.highlighted ? 'post reply highlighted' : 'post reply') : 'post'}
      aria-current=${this.highlighted ? 'true' : nothing}
      part="post"
      id=${id}
      tabindex=${reply ? nothing : '0'}
      aria-posinset=${reply ? nothing : this.posinset}
      aria-setsize=${reply ? nothing : this.setsize}
      aria-labelledby="${id}-author ${id}-time"
      aria-describedby=${hiddenView(post.hidden) === 'notice' ? `${id}-hidden ${id}-body` : `${id}-body`}
    >
      <header class="head">
        <span class="avatar ${toneClass(author.id)}" part="avatar" aria-hidden="true" data-hearth-person=${author.handle}>${initials(author.name)}</span>
        <div class="who">
          <span class="author" id="${id}-author" role="button" tabindex="0" aria-haspopup="dialog" aria-expanded="false" data-hearth-person=${author.handle}>${author.name}</span>
          ${author.title || author.department ? html`<span class="role dots">${dots([author.title, author.department])}</span>` : nothing}
          <span class="when dots"
            >${dots([
              html`<a class="permalink" part="permalink" href=${this.href}
                  ><time id="${id}-time" datetime=${post.createdAt} title=${formatDate(locale, post.createdAt)}
                    >${formatRelative(locale, post.createdAt, this.now)}</time
                  ></a
                >${post.editedAt
                  ? html` <span class="edited" title=${t(locale, 'editedAt', { date: formatDate(locale, post.editedAt) })}
                      >${t(locale, 'edited')}</span
                    >`
                  : nothing}`,
              this.showCommunity && post.community
                ? html`<span class="community">${t(locale, 'inCommunity', { name: post.community.name })}</span>`
                : nothing,
            ])}</span
          >
        </div>
      </header>
      ${this._editing && this.#thread ? this.#thread.renderEditor(this) : this.#renderBody()}
      ${this._confirming
        ? html`<div class="confirm" role="group" aria-labelledby="${id}-confirm">
            <span id="${id}-confirm">${t(locale, 'confirmDelete')}</span>
            <button class="danger" ?disabled=${this._busy} @click=${() => this.#use((thread) => thread.remove(this))}>
              ${t(locale, 'deletePost')}
            </button>
            <button class="quiet" @click=${this.#cancelDelete}>${t(locale, 'cancel')}</button>
          </div>`
        : nothing}
      <div role="alert">${this._message ? html`<p class="message">${this._message}</p>` : nothing}</div>
      ${this._editing ? nothing : this.#renderActions(id)}
      ${reply ? nothing : this.#renderReplies(id)}
    </article>${this.#reporter.render()}`;
  }

  #renderBody() {
    const { post, locale } = this;
    const body = post.body;
    const hidden = hiddenView(post.hidden);
    // Others get no text (the server sends none): the placeholder stands in its place.
    if (hidden === 'concealed') {
      return html`<p class="body hidden-placeholder" part="body" id="post-${post.id}-body">${hiddenText(locale)}</p>`;
    }
    const foldable = body.length > FOLD_CHARS || body.split('\n').length > FOLD_LINES;
    const folded = foldable && !this._unfolded;
    const classes = `body${folded ? ' folded' : ''}${hidden ? ' hidden-body' : ''}`;
    return html`${hidden ? hiddenNotice(locale, post.hidden!, `post-${post.id}-hidden`) : nothing}<p
        class=${classes}
        part="body"
        id="post-${post.id}-body"
        >${renderRichText(body, post.mentions, this.session?.config.apiBase)}</p
      >${foldable
        ? html`<button
            class="link-button"
            aria-expanded=${folded ? 'false' : 'true'}
            aria-controls="post-${this.post.id}-body"
            @click=${() => (this._unfolded = !this._unfolded)}
          >
            ${t(this.locale, folded ? 'showMore' : 'showLess')}
          </button>`
        : nothing}`;
  }

  #renderActions(id: string) {
    const { post, locale } = this;
    const liked = post.likedByMe;
    // Hidden from this reader: nothing to do with it, but its thread stays open to read.
    if (hiddenView(post.hidden) === 'concealed') {
      return this.reply || post.replyCount === 0 ? nothing : html`<div class="actions" part="actions">${this.#repliesToggle(id)}</div>`;
    }
    const reportable = !post.hidden && this.meId !== null && post.author.id !== this.meId;
    return html`<div class="actions" part="actions">
      <button class="quiet like" aria-pressed=${liked ? 'true' : 'false'} @click=${this.#toggleLike}>
        <svg viewBox="0 0 24 24" aria-hidden="true">${heart}</svg>${t(locale, liked ? 'unlike' : 'like')}
      </button>
      ${post.likeCount > 0
        ? html`<span class="likes"
            >${formatNumber(locale, post.likeCount)}<span class="vh"> ${plural(locale, 'likes', post.likeCount)}</span></span
          >`
        : nothing}
      ${this.reply
        ? nothing
        : html`<button
              class="quiet"
              aria-expanded=${this._replying ? 'true' : 'false'}
              aria-controls="${id}-reply-box"
              @click=${() => this.#use((thread) => thread.toggleReplyBox(this))}
            >
              ${t(locale, 'reply')}
            </button>
            ${this.#repliesToggle(id)}`}
      <span class="spacer"></span>
      ${post.canEdit ? html`<button class="quiet" @click=${() => this.#use((thread) => thread.startEditing(this))}>${t(locale, 'edit')}</button>` : nothing}
      ${post.canDelete
        ? html`<button class="quiet delete" ?disabled=${this._confirming} @click=${this.#askDelete}>
            ${t(locale, 'delete')}
          </button>`
        : nothing}
      ${reportable
        ? this.#reporter.button(locale, this.reply ? 'reply' : 'post', post.id, post.author.name, () => {
            this._message = errorStrings.t(this.locale, 'network');
          })
        : nothing}
    </div>`;
  }

  /** "3 replies" / "Hide replies", for a post with replies. */
  #repliesToggle(id: string) {
    const { post, locale } = this;
    return post.replyCount > 0
      ? html`<button
          class="quiet"
          aria-expanded=${this._repliesOpen ? 'true' : 'false'}
          aria-controls="${id}-replies"
          @click=${() => this.#use((thread) => thread.toggleReplies(this))}
        >
          ${this._repliesOpen ? t(locale, 'hideReplies') : plural(locale, 'replies', post.replyCount)}
        </button>`
      : nothing;
  }

  #renderReplies(id: string) {
    // Both always there: the Reply and replies buttons name them in aria-controls.
    const thread = this.#thread;
    return html`<div class="reply-box" id="${id}-reply-box">
        ${this._replying && thread ? thread.renderReplyBox(this, this.session?.config.apiBase ?? '') : nothing}
      </div>
      <div class="replies" id="${id}-replies" ?hidden=${!this._repliesOpen} aria-busy=${this._repliesLoading ? 'true' : 'false'}>
        ${thread ? thread.renderReplies(this) : nothing}
      </div>`;
  }
}
