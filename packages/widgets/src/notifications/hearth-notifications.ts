import { html, nothing, svg, type PropertyValues } from 'lit';
import type { UnreadCount } from '@hearth/contracts';
import { HearthElement } from '../runtime/hearth-element.ts';
import { formatNumber } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import type { NotificationsMessage } from '../runtime/live.ts';
import type { HearthSession } from '../runtime/session.ts';
import { stateBox } from '../runtime/state.ts';
import { errorStrings } from '../runtime/strings.ts';
import { unreadCount } from './api.ts';
import type { HearthNotificationsList } from './hearth-notifications-list.ts';
import { panelStyles } from '../runtime/styles.ts';
import { notificationsStyles } from './hearth-notifications.styles.ts';
import { loadList } from './parts.ts';
import { notificationsPack, plural, t } from './strings.ts';

/** Live events that come together are answered with one request for the count. */
const COALESCE_MS = 250;

const bellIcon = html`<svg class="bell-icon" viewBox="0 0 24 24" aria-hidden="true"
  >${svg`<path d="M12 3a6 6 0 0 0-6 6v3.5L4.5 15v1.5h15V15L18 12.5V9a6 6 0 0 0-6-6zM9.5 18.5a2.5 2.5 0 0 0 5 0"/>`}</svg
>`;

/**
 * The signed-in person's notifications: a bell with the unread count for a portal's header, which
 * opens the list below it (Escape, a click outside or Tab away closes it and focus goes back to
 * the bell); or, with `variant="inline"`, the list itself, for a side column. Each line says who
 * did what ("Sam Okafor and 2 others: 3 replies to your post"), about what (its title), when, and
 * whether it is unread; it opens its target and marks it read. "Mark all read"; "Load more".
 * "Settings" opens a view, in the same box, where the person chooses for each kind whether it
 * reaches them in Hearth only or also by e-mail or chat (saved as it changes; Back or Escape
 * returns). A line about a post or a question has a button that mutes its thread, then "Muted" and
 * Undo.
 * Something the person can no longer see is said to be no longer available, and nothing of it.
 *
 * The count stays live: the page's one event stream says when it changed (`live="off"`, or no
 * stream: the count is asked for every minute while the page is visible). Screen readers hear the
 * count when the person's own actions change it, and at most every few minutes otherwise.
 *
 * Keyboard: Tab reaches the bell; Enter or Space opens; the arrow keys, Home and End move through
 * the lines; Enter opens one; Escape closes and returns to the bell.
 *
 * @summary A bell with the unread count that opens the person's notifications, or the list inline.
 * @tagname hearth-notifications
 *
 * @csspart base - The wrapper around everything.
 * @csspart bell - The bell button.
 * @csspart badge - The unread count on the bell.
 * @csspart panel - The box the bell opens, below it.
 * @csspart list-header - The list's title and "Mark all read".
 * @csspart mark-all - The "Mark all read" button.
 * @csspart newer - The "New notifications · Show" line.
 * @csspart lines - The list of lines.
 * @csspart line - Each line (a link, or a button when its target is gone).
 * @csspart avatar - The initials of who did it, or the moderation mark.
 * @csspart title - The target's title.
 * @csspart note - A manager's note or a moderator's reason.
 * @csspart unread-mark - The dot on an unread line.
 * @csspart problem - What went wrong marking read, loading more, muting or saving a setting.
 * @csspart load-more - The "Load more" button.
 * @csspart settings-button - The "Settings" button in the list's header.
 * @csspart settings - The settings view: where each kind of notification reaches the person.
 * @csspart back - The settings view's "Back" button (Escape too).
 * @csspart hint - The settings view's explanation.
 * @csspart setting - Each kind's choice: "In Hearth only" or "Also by e-mail or chat".
 * @csspart saved - The settings view's "Saved".
 * @csspart mute - The "Mute notifications from this thread" button on a line about a post or a question.
 * @csspart muted - "Muted" and its Undo, in place of the mute button.
 * @csspart undo - The Undo button that unmutes the thread.
 * @csspart state - The loading, empty, error and signed-out messages.
 *
 * @cssproperty [--hearth-notifications-bell=var(--hearth-text)] - The bell's colour: set it to the header's text colour (white on a dark header).
 * @cssproperty [--hearth-notifications-badge=#c62828] - The unread count's background (its text is white).
 * @cssproperty [--hearth-notifications-width=24em] - The width of the box the bell opens.
 * @cssproperty [--hearth-notifications-z=1000] - Its z-index over the page.
 *
 * @fires hearth-notification-open - A line was opened. `event.notification`, `event.href`; cancelable: a single-page app routes itself.
 */
export class HearthNotifications extends HearthElement {
  static override styles = [...HearthElement.styles, panelStyles, notificationsStyles];
  static override packs = [notificationsPack];
  /** Without a live stream, the count is asked for this often while the page is visible (ms). */
  static pollMs = 60_000;
  /** A count that changed by itself (live, polling) is said at most this often (ms). */
  static announceMs = 3 * 60_000;

  static override properties = {
    variant: { type: String },
    hrefTemplate: { type: String, attribute: 'href-template' },
    live: { type: String },
    _open: { state: true },
    _stale: { state: true },
    _said: { state: true },
    _chunk: { state: true },
  };

  /** `bell` (default): a bell for a header that opens the list; `inline`: the list itself, for a side column. */
  declare variant: 'bell' | 'inline';
  /**
   * Opens lines on the page's own pages instead of Hearth's: `{id}` (the post's, reply's,
   * question's, answer's or community's), `{kind}` (`post`, `reply`, `question`, `answer`,
   * `community`), `{parentId}` (the post a reply is in, the question an answer is to; empty
   * otherwise) and `{community}` (its slug, or empty) are filled in, e.g. `/social?post={id}`.
   * http(s) only.
   */
  declare hrefTemplate: string | null;
  /** `off`: no live stream; the count is asked for every minute while the page is visible. */
  declare live: string | null;
  declare _open: boolean;
  /** The count changed (live) since the list on show was loaded. */
  declare _stale: boolean;
  /** What the live region says. */
  declare _said: string;
  /** The list's chunk: `loading`, `ready`, or `failed` (Retry fetches it again). */
  declare _chunk: 'idle' | 'loading' | 'ready' | 'failed';

  readonly #count = new Loader<UnreadCount>(this);
  #liveSession: HearthSession | null = null;
  #off: (() => void) | null = null;
  /** A stream is open: no polling. */
  #streamOpen = false;
  #poll: ReturnType<typeof setInterval> | undefined;
  #coalesce: ReturnType<typeof setTimeout> | undefined;
  #lastFetch = 0;
  /** When the live region last spoke, and the count it said. */
  #saidAt = -Infinity;
  #saidCount: number | null = null;
  #sayLater: ReturnType<typeof setTimeout> | undefined;
  /** Undoes the open box's behaviour (panel.ts). */
  #closePanel: (() => void) | null = null;

  constructor() {
    super();
    this.variant = 'bell';
    this.hrefTemplate = null;
    this.live = null;
    this._open = false;
    this._stale = false;
    this._said = '';
    this._chunk = 'idle';
  }

  get #inline(): boolean {
    return this.variant === 'inline';
  }

  /** The unread count, when known and signed in. */
  get unread(): number | null {
    return this.me.value.status === 'signed-in' ? (this.#count.value?.unread ?? null) : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisible);
    this.#poll = setInterval(this.#onPoll, HearthNotifications.pollMs);
    if (this.hasUpdated) this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisible);
    clearInterval(this.#poll);
    clearTimeout(this.#coalesce);
    clearTimeout(this.#sayLater);
    this.#close(false);
    this.#listen();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.scopeChanged(changed, [])) {
      this._stale = false;
      void this.#fetchCount(false);
    }
    if ((this.#inline || this._open) && this._chunk === 'idle') this.#loadChunk();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#listen();
    // The box's behaviour comes with the list's chunk.
    if (this._open && this._chunk === 'ready' && !this.#closePanel) {
      void loadList().then(({ openPanel }) => {
        if (this._open && !this.#closePanel) {
          this.#closePanel = openPanel({ element: this, root: this.renderRoot as ShadowRoot, close: (focusBell) => this.#close(focusBell) });
        }
      });
    }
  }

  #loadChunk(): void {
    this._chunk = 'loading';
    loadList().then(
      () => (this._chunk = 'ready'),
      () => (this._chunk = 'failed'),
    );
  }

  /** Asks for the count; `keep` leaves the one on show while it loads. */
  #fetchCount(keep = true): Promise<void> {
    this.#lastFetch = Date.now();
    const { client } = this.session;
    return this.#count.run((signal) => unreadCount(client, signal), keep).then(() => {
      if (this.#count.status === 'ready') this.#say(false);
    });
  }

  /** Listens to the page's one stream while connected and signed in, unless `live="off"`. */
  #listen(): void {
    const session = this.isConnected && this.live !== 'off' && this.me.value.status === 'signed-in' ? this.session : null;
    if (session === this.#liveSession) return;
    this.#liveSession = session;
    this.#off?.();
    this.#off = null;
    this.#streamOpen = false;
    if (!session) return;
    // Its own chunk (shared with the feed's): a page without a stream does not load it.
    import('../runtime/live.ts').then(
      ({ subscribeNotifications }) => {
        // Removed and put back before the chunk came, the bell asked for it twice: only the
        // first answer subscribes (a second listener would outlive the bell, as in the feed).
        if (this.#liveSession === session && !this.#off) this.#off = subscribeNotifications(session, this.#onLive);
      },
      () => (this.#liveSession = null),
    );
  }

  readonly #onLive = (message: NotificationsMessage): void => {
    if (message.type === 'open' || message.type === 'closed') {
      this.#streamOpen = message.type === 'open';
      return;
    }
    clearTimeout(this.#coalesce);
    this.#coalesce = setTimeout(() => {
      this._stale = true;
      void this.#fetchCount();
    }, COALESCE_MS);
  };

  readonly #onPoll = (): void => {
    if (this.#streamOpen || document.visibilityState !== 'visible' || this.me.value.status !== 'signed-in') return;
    void this.#fetchCount();
  };

  /** Back on a page that was hidden: a count older than the polling interval is asked for again. */
  readonly #onVisible = (): void => {
    if (document.visibilityState === 'visible' && !this.#streamOpen && Date.now() - this.#lastFetch >= HearthNotifications.pollMs) this.#onPoll();
  };

  /**
   * Says the count in the live region: at once when the person's own action changed it (`now`),
   * else only when it differs from what was last said and not more often than every few minutes.
   * The first count is not said: the page just loaded.
   */
  #say(now: boolean): void {
    const n = this.unread;
    if (n === null) return;
    if (this.#saidCount === null && !now) {
      this.#saidCount = n;
      return;
    }
    if (n === this.#saidCount && !now) return;
    const wait = this.#saidAt + HearthNotifications.announceMs - Date.now();
    if (!now && wait > 0) {
      clearTimeout(this.#sayLater);
      this.#sayLater = setTimeout(() => this.#say(false), wait);
      return;
    }
    clearTimeout(this.#sayLater);
    this.#saidAt = Date.now();
    this.#saidCount = n;
    this._said = n === 0 ? t(this.locale, 'announceNone') : plural(this.locale, 'announce', n);
  }

  /** The list's answer: the server's count after a load or a mark. */
  readonly #onUnread = (unread: number): void => {
    const changed = unread !== this.unread;
    this.#count.set({ unread });
    this._stale = false;
    if (changed) this.#say(true);
  };

  /** Retry: the count, the list's chunk if it failed, and the list. */
  protected override async refresh(): Promise<void> {
    if (this._chunk === 'failed') this._chunk = 'idle';
    this._stale = false;
    const list = this.renderRoot.querySelector<HearthNotificationsList>('hearth-notifications-list');
    await Promise.all([this.#fetchCount(false), list?.reload()]);
  }

  /** Opens the box under the bell (focus goes into it) or closes it. */
  toggle(open = !this._open): void {
    if (open === this._open || this.#inline) return;
    if (!open) return this.#close(true);
    this._open = true;
    this._stale = false;
  }

  #close(focusBell: boolean): void {
    this.#closePanel?.();
    this.#closePanel = null;
    if (!this._open) return;
    this._open = false;
    if (focusBell) this.renderRoot.querySelector<HTMLElement>('.bell')?.focus();
  }

  protected override render() {
    const inline = this.#inline;
    return html`<div
      class="root ${this.themeClass} ${inline ? 'inline' : 'bell-variant'}"
      part="base"
    >
      ${inline ? this.#renderList() : this.#renderBell()}
      <div class="vh" role="status">${this._said}</div>
    </div>`;
  }

  #renderBell() {
    const locale = this.locale;
    const n = this.unread;
    const label = n ? plural(locale, 'bellUnread', n) : t(locale, 'title');
    const shown = n ? formatNumber(locale, Math.min(n, 99)) + (n > 99 ? '+' : '') : '';
    return html`<button
        type="button"
        class="bell"
        part="bell"
        aria-label=${this.langs.loading ? 'Notifications' : label}
        aria-expanded=${this._open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${() => this.toggle()}
        @keydown=${(e: KeyboardEvent) => e.key === 'ArrowDown' && !this._open && (e.preventDefault(), this.toggle(true))}
      >
        ${bellIcon}${shown ? html`<span class="badge" part="badge" aria-hidden="true">${shown}</span>` : nothing}
      </button>
      <div class="panel" id="panel" part="panel" role="dialog" aria-label=${t(locale, 'title')} tabindex="-1" ?hidden=${!this._open}>
        ${this._open ? this.#renderList() : nothing}
      </div>`;
  }

  #renderList() {
    const locale = this.locale;
    const status = this.me.value.status;
    if (status === 'signed-out') return stateBox(t(locale, 'signedOut'), '', [errorStrings.t(locale, 'tryAgain'), this.retry]);
    if (this._chunk === 'failed') return stateBox(errorStrings.t(locale, 'network'), '', [errorStrings.t(locale, 'retry'), this.retry]);
    if (this.langs.loading || status !== 'signed-in' || this._chunk !== 'ready') {
      return html`<div class="waiting" part="state" role="status" aria-busy="true"><span class="vh">${this.langs.loading ? '' : t(locale, 'loading')}</span></div>`;
    }
    return html`<hearth-notifications-list
      .hrefTemplate=${this.hrefTemplate}
      .stale=${this._stale}
      .heading=${true}
      .onUnread=${this.#onUnread}
    ></hearth-notifications-list>`;
  }
}
