import { html, nothing, type PropertyValues } from 'lit';
import type { Notification, NotificationPage } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { HearthError } from '../runtime/errors.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { formatDate, formatRelative } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { initials, toneClass } from '../runtime/people.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { errorText } from '../runtime/strings.ts';
import { listNotifications, markRead } from './list-api.ts';
import { describe } from './describe.ts';
import { HearthNotificationOpenEvent } from './events.ts';
import { listStyles } from './hearth-notifications-list.styles.ts';
import { lt } from './list-strings.ts';
export { openPanel } from './panel.ts';
import { t } from './strings.ts';

/** Lines per page. */
const PAGE = 20;
/** How long opening a line waits for it to be marked read before following its link anyway. */
const MARK_WAIT_MS = 1_500;

/** What the widget hears from its list: the count the server answered, after a load or a mark. */
export type UnreadListener = (unread: number) => void;

/**
 * The list of `<hearth-notifications>` (its own chunk, with its styles and strings): the lines,
 * newest first, "Mark all read", "Load more", and a "New notifications · Show" line when the live
 * stream says there are some. Each line opens its target and marks it read; the arrow keys, Home
 * and End move between lines.
 */
export class HearthNotificationsList extends HearthPart {
  static override properties = {
    hrefTemplate: fromWidget,
    stale: fromWidget,
    heading: fromWidget,
    onUnread: fromWidget,
    _more: { state: true },
    _marking: { state: true },
    _problem: { state: true },
  };

  /** The page's template for links (the widget's attribute); null: Hearth's permalinks. */
  declare hrefTemplate: string | null;
  /** The live stream said something changed since the list loaded. */
  declare stale: boolean;
  /** Whether the list shows its heading ("Notifications"). */
  declare heading: boolean;
  declare onUnread: UnreadListener | null;
  declare _more: 'idle' | 'loading' | 'error';
  declare _marking: boolean;
  /** What went wrong with the last mark-read or load-more, said under the list. */
  declare _problem: string | null;

  readonly #first = new Loader<NotificationPage>(this);
  /** The first page the lines below come from. */
  #page: NotificationPage | null = null;
  #items: Notification[] = [];
  #next: string | null = null;
  #moreAbort: AbortController | null = null;
  /** The href-template, validated. */
  #template: string | null = null;

  constructor() {
    super();
    this.hrefTemplate = null;
    this.stale = false;
    this.heading = false;
    this.onUnread = null;
    this._more = 'idle';
    this._marking = false;
    this._problem = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), listStyles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('hrefTemplate')) this.#template = safeTemplate(this.hrefTemplate);
    if (this.scopeChanged(changed, [])) void this.reload();
    // A first page came (a load, Retry, or the loader resuming after the list was moved): its lines.
    const page = this.#first.status === 'ready' ? this.#first.value : null;
    if (page && page !== this.#page) {
      this.#page = page;
      this.#items = page.items;
      this.#next = page.nextCursor;
      this.onUnread?.(page.unread);
    }
  }

  override reload(): Promise<void> {
    this.#moreAbort?.abort();
    this._more = 'idle';
    this._problem = null;
    const client = this.client;
    return this.#first.run((signal) => listNotifications(client, { limit: PAGE }, signal), this.#first.value !== null);
  }

  async #loadMore(): Promise<void> {
    if (!this.#next || this._more === 'loading') return;
    const abort = (this.#moreAbort = new AbortController());
    this._more = 'loading';
    this._problem = null;
    try {
      const page = await listNotifications(this.client, { limit: PAGE, cursor: this.#next }, abort.signal);
      const known = new Set(this.#items.map((n) => n.id));
      const first = this.#items.length;
      this.#items = [...this.#items, ...page.items.filter((n) => !known.has(n.id))];
      this.#next = page.nextCursor;
      this._more = 'idle';
      this.onUnread?.(page.unread);
      // The first new line takes focus: "Load more" may be gone, and the reader goes on from there.
      await this.updateComplete;
      this.#lines()[first]?.focus();
    } catch (error) {
      if (abort.signal.aborted) return;
      this._more = 'error';
      this._problem = `${lt(this.locale, 'moreFailed')} ${errorText(this.locale, error instanceof HearthError ? error : HearthError.network())}`;
    }
  }

  /** Marks lines read (optimistically); put back as they were if the server said no. */
  async #mark(lines: Notification[] | 'all'): Promise<void> {
    const before = new Map(this.#items.map((n) => [n.id, n.readAt]));
    const now = new Date().toISOString();
    const chosen = lines === 'all' ? this.#items : lines;
    const ids = new Set(chosen.map((n) => n.id));
    this.#items = this.#items.map((n) => (ids.has(n.id) && n.readAt === null ? { ...n, readAt: now } : n));
    this._problem = null;
    this.requestUpdate();
    try {
      const result = await markRead(this.client, lines === 'all' ? { all: true } : { ids: chosen.flatMap((n) => n.ids) });
      this.onUnread?.(result.unread);
    } catch (error) {
      this.#items = this.#items.map((n) => (ids.has(n.id) ? { ...n, readAt: before.get(n.id) ?? null } : n));
      this._problem = `${lt(this.locale, 'markFailed')} ${errorText(this.locale, error instanceof HearthError ? error : HearthError.network())}`;
      throw error;
    }
  }

  async #markAll(): Promise<void> {
    this._marking = true;
    try {
      await this.#mark('all');
    } catch {
      // Said under the list.
    } finally {
      this._marking = false;
    }
  }

  /** Where a line leads: the page's template filled in, else Hearth's permalink; null when gone. */
  #href(n: Notification): string | null {
    const { target } = n;
    if (!target.available) return null;
    if (!this.#template) return target.href;
    const values: Record<string, string> = {
      id: String(target.id),
      kind: target.kind,
      parentId: target.parentId === null ? '' : String(target.parentId),
      community: target.community?.slug ?? '',
    };
    return this.#template.replace(/\{(id|kind|parentId|community)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
  }

  /**
   * Opens a line: the page may take it (the event, cancelled); a plain click waits a moment for
   * the line to be marked read, then follows the link; a click that opens a new tab or window is
   * left to the browser, and the line is marked read meanwhile.
   */
  #open(event: MouseEvent, n: Notification, href: string | null): void {
    const unread = n.readAt === null;
    const marked = unread ? this.#mark([n]).catch(() => undefined) : Promise.resolve();
    const open = new HearthNotificationOpenEvent(n, href);
    this.emit(open);
    if (!href) return;
    if (open.defaultPrevented) {
      event.preventDefault();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0 || !unread) return;
    event.preventDefault();
    const wait = new Promise((resolve) => setTimeout(resolve, MARK_WAIT_MS));
    void Promise.race([marked, wait]).then(() => window.location.assign(href));
  }

  #lines(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('.line')];
  }

  /** Focuses the first (or last) line, from the bell or the panel. */
  focusLine(last = false): boolean {
    const lines = this.#lines();
    const line = last ? lines[lines.length - 1] : lines[0];
    line?.focus();
    return !!line;
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const lines = this.#lines();
    const index = lines.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, Home: -lines.length, End: lines.length };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    lines[Math.min(lines.length - 1, Math.max(0, index + step))]!.focus();
  }

  protected override render() {
    const locale = this.locale;
    const first = this.#first;
    const loading = first.value === null && (first.status === 'loading' || first.status === 'idle');
    const items = this.#items;
    const unread = items.some((n) => n.readAt === null);
    const head = html`<div class="list-head" part="list-header">
      ${this.heading ? html`<h2 class="list-title" id="list-title">${t(locale, 'title')}</h2>` : nothing}
      ${items.length
        ? html`<button type="button" class="quiet mark-all" part="mark-all" ?disabled=${!unread || this._marking} @click=${() => void this.#markAll()}>
            ${lt(locale, 'markAllRead')}
          </button>`
        : nothing}
    </div>`;
    if (loading) return html`${head}${skeleton(t(locale, 'loading'))}`;
    const failed = failureBox(locale, first, { failed: lt(locale, 'loadFailed'), signedOut: t(locale, 'signedOut') }, this.retry);
    if (failed && first.value === null) return html`${head}${failed}`;
    return html`${head}
      ${this.stale
        ? html`<div class="newer" part="newer">
            <span>${lt(locale, 'newer')}</span>
            <button type="button" @click=${() => void this.reload()}>${lt(locale, 'showNewer')}</button>
          </div>`
        : nothing}
      ${items.length === 0
        ? stateBox(lt(locale, 'empty'))
        : html`<ul class="lines" role="list" part="lines" aria-labelledby=${this.heading ? 'list-title' : nothing} @keydown=${this.#onKeydown}>
            ${items.map((n) => html`<li>${this.#renderLine(n)}</li>`)}
          </ul>`}
      <div class="problem" role="alert" part="problem">${this._problem ?? nothing}</div>
      ${this.#next
        ? html`<button type="button" class="more" part="load-more" ?disabled=${this._more === 'loading'} aria-busy=${this._more === 'loading' ? 'true' : 'false'} @click=${() => void this.#loadMore()}>
            ${lt(locale, 'loadMore')}
          </button>`
        : nothing}`;
  }

  #renderLine(n: Notification) {
    const locale = this.locale;
    const said = describe(locale, n);
    const href = this.#href(n);
    const unread = n.readAt === null;
    const actor = n.actors[0];
    const icon =
      said && actor
        ? html`<span class="avatar ${toneClass(actor.id)}" part="avatar" aria-hidden="true">${initials(actor.name)}</span>`
        : html`<span class="avatar icon" part="avatar" aria-hidden="true">${said ? '⚑' : '–'}</span>`;
    // A community's name is in the sentence already ("asks to join Engineering").
    const title = n.target.available && n.target.kind !== 'community' && n.target.title ? n.target.title : null;
    const content = html`${icon}
      <span class="text">
        ${said
          ? html`<span class="what">${said.before}<strong class="actor">${said.who}</strong>${said.after}</span>`
          : html`<span class="what gone">${lt(locale, 'unavailable')}</span>`}
        ${title ? html`<span class="title" part="title">${title}</span>` : nothing}
        ${said && !n.target.available ? html`<span class="title gone">${lt(locale, 'unavailable')}</span>` : nothing}
        ${said?.note ? html`<span class="note" part="note">${said.note}</span>` : nothing}
        <span class="meta"
          ><time datetime=${n.createdAt} title=${formatDate(locale, n.createdAt)}>${formatRelative(locale, n.createdAt)}</time
          >${unread ? html`<span class="vh">, ${lt(locale, 'unread')}</span>` : nothing}</span
        >
      </span>
      ${unread ? html`<span class="mark" part="unread-mark" aria-hidden="true"></span>` : nothing}`;
    const classes = `line${unread ? ' unread' : ''}`;
    if (href) {
      return html`<a class=${classes} part="line" href=${href} data-id=${n.id} @click=${(e: MouseEvent) => this.#open(e, n, href)}>${content}</a>`;
    }
    return html`<button type="button" class=${classes} part="line" data-id=${n.id} @click=${(e: MouseEvent) => this.#open(e, n, null)}>
      ${content}
    </button>`;
  }
}

/**
 * The href-template if following it stays on the web (http or https); anything else, such as a
 * `javascript:` URL an editor pasted, is refused and Hearth's own links are used.
 */
function safeTemplate(template: string | null): string | null {
  if (!template) return null;
  try {
    const { protocol } = new URL(template.replace(/\{(id|kind|parentId|community)\}/g, '1'), document.baseURI);
    if (protocol === 'http:' || protocol === 'https:') return template;
  } catch {
    // Reported below.
  }
  console.warn(`Hearth: ignoring href-template="${template}", which is not an http(s) URL.`);
  return null;
}

/** Line-shaped placeholders while the list loads, said as `label` (none while the words are on their way). */
export function skeleton(label: string) {
  return html`<div class="skeleton-list" part="state" role="status" aria-busy="true">
    <span class="vh">${label}</span>
    ${[0, 1, 2].map(() => html`<div class="skeleton" aria-hidden="true"><span class="bone round"></span><span class="bone"></span></div>`)}
  </div>`;
}
