import { html, nothing, svg, type PropertyValues } from 'lit';
import type { Notification, NotificationKind, NotificationPage, NotificationSettings } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { HearthError } from '../runtime/errors.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { formatDate, formatRelative } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { initials, toneClass } from '../runtime/people.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { errorText } from '../runtime/strings.ts';
import { type Thread, getSettings, listNotifications, markRead, putSettings, setMuted } from './list-api.ts';
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

type Delivery = 'page' | 'page+out';
type Choices = Partial<Record<NotificationKind, Delivery>>;
type KindWords = Parameters<typeof lt>[1] & `kind${string}`;

/** The settings, one row per thing that can happen, in plain words; a row may stand for several kinds. */
const SETTINGS: ReadonlyArray<[words: KindWords, kinds: readonly NotificationKind[]]> = [
  ['kindMention', ['mention']],
  ['kindReplied', ['post.replied']],
  ['kindRouted', ['question.routed']],
  ['kindAnswered', ['answer.posted']],
  ['kindAccepted', ['answer.accepted']],
  ['kindJoinRequested', ['join.requested']],
  ['kindJoinDecided', ['join.decided']],
  ['kindInvited', ['community.invited']],
  ['kindModerated', ['content.hidden', 'content.restored']],
  ['kindReport', ['report.decided']],
];

/** The thread a line is about (the post, or the question), when it can be muted. */
export function threadOf(n: Notification): Thread | null {
  const { target } = n;
  if (!target.available) return null;
  if (target.kind === 'post' || target.kind === 'question') return { kind: target.kind, id: target.id };
  if (target.parentId === null) return null;
  if (target.kind === 'reply') return { kind: 'post', id: target.parentId };
  if (target.kind === 'answer') return { kind: 'question', id: target.parentId };
  return null;
}
const threadKey = (thread: Thread) => `${thread.kind}:${thread.id}`;

const muteIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" class="icon"
  >${svg`<path d="M12 3a6 6 0 0 0-6 6v3.5L4.5 15v1.5h15V15L18 12.5V9a6 6 0 0 0-6-6zM9.5 18.5a2.5 2.5 0 0 0 5 0M3 3l18 18"/>`}</svg
>`;
const backIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" class="icon back-icon">${svg`<path d="M15 5l-7 7 7 7"/>`}</svg>`;

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
    _view: { state: true },
    _choices: { state: true },
    _saved: { state: true },
    _muted: { state: true },
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
  /** The lines, or the settings view ("Settings" in the header; Back or Escape returns). */
  declare _view: 'list' | 'settings';
  /** The choices on show in the settings view (saved as they change). */
  declare _choices: Choices;
  /** The settings view's polite status: "Saved", or what went wrong. */
  declare _saved: { text: string; failed: boolean } | null;
  /** Threads muted from this list (by key), and those on their way. */
  declare _muted: ReadonlyMap<string, 'muted' | 'busy'>;

  readonly #settings = new Loader<NotificationSettings>(this);
  /** Saves go one after the other, each with every choice. */
  #saving: Promise<unknown> = Promise.resolve();

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
    this._view = 'list';
    this._choices = {};
    this._saved = null;
    this._muted = new Map();
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

  /** Opens the settings view (its heading takes the focus) or goes back to the lines (to "Settings"). */
  async showSettings(open = true): Promise<void> {
    if ((this._view === 'settings') === open) return;
    this._view = open ? 'settings' : 'list';
    this._saved = null;
    if (open) void this.#loadSettings();
    await this.updateComplete;
    this.querySelector<HTMLElement>(open ? '#settings-title' : '.settings-button')?.focus();
  }

  #loadSettings(): Promise<void> {
    const client = this.client;
    return this.#settings.run((signal) => getSettings(client, signal), this.#settings.value !== null).then(() => {
      if (this.#settings.status === 'ready') this._choices = { ...this.#settings.value!.delivery };
    });
  }

  /** A choice changed: shown at once, saved with the others; put back and said if it could not be. */
  #choose(kinds: readonly NotificationKind[], to: Delivery): void {
    const before = kinds.map((k) => [k, this._choices[k]] as const);
    this._choices = { ...this._choices, ...Object.fromEntries(kinds.map((k) => [k, to])) };
    this._saved = null;
    const client = this.client;
    const save = this.#saving.then(async () => {
      try {
        const kept = await putSettings(client, this._choices);
        this.#settings.set(kept);
        this._saved = { text: lt(this.locale, 'saved'), failed: false };
      } catch (error) {
        // Put back, unless changed again meanwhile.
        const back = { ...this._choices };
        for (const [k, was] of before) {
          if (back[k] !== to) continue;
          if (was === undefined) delete back[k];
          else back[k] = was;
        }
        this._choices = back;
        this._saved = { text: `${lt(this.locale, 'saveFailed')} ${errorText(this.locale, error instanceof HearthError ? error : HearthError.network())}`, failed: true };
      }
    });
    this.#saving = save;
  }

  /** Mutes (or unmutes) a line's thread; the focus goes to what replaces the button. */
  async #mute(thread: Thread, muted: boolean, line: number): Promise<void> {
    const key = threadKey(thread);
    const set = (state: 'muted' | 'busy' | null) => {
      const next = new Map(this._muted);
      if (state) next.set(key, state);
      else next.delete(key);
      this._muted = next;
    };
    const was = this._muted.get(key) ?? null;
    set('busy');
    this._problem = null;
    try {
      await setMuted(this.client, thread, muted);
      set(muted ? 'muted' : null);
    } catch (error) {
      set(was === 'busy' ? null : was);
      this._problem = `${lt(this.locale, muted ? 'muteFailed' : 'unmuteFailed')} ${errorText(this.locale, error instanceof HearthError ? error : HearthError.network())}`;
    }
    await this.updateComplete;
    this.querySelector<HTMLElement>(`[data-mute="${line}"]`)?.focus();
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
    if (this._view === 'settings') return this.#renderSettings();
    const head = html`<div class="list-head" part="list-header">
      ${this.heading ? html`<h2 class="list-title" id="list-title">${t(locale, 'title')}</h2>` : nothing}
      ${items.length
        ? html`<button type="button" class="quiet mark-all" part="mark-all" ?disabled=${!unread || this._marking} @click=${() => void this.#markAll()}>
            ${lt(locale, 'markAllRead')}
          </button>`
        : nothing}
      <button type="button" class="quiet settings-button" part="settings-button" @click=${() => void this.showSettings()}>${lt(locale, 'settings')}</button>
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
            ${items.map((n) => html`<li class="row">${this.#renderLine(n)}${this.#renderMute(n)}</li>`)}
          </ul>`}
      <div class="problem" role="alert" part="problem">${this._problem ?? nothing}</div>
      ${this.#next
        ? html`<button type="button" class="more" part="load-more" ?disabled=${this._more === 'loading'} aria-busy=${this._more === 'loading' ? 'true' : 'false'} @click=${() => void this.#loadMore()}>
            ${lt(locale, 'loadMore')}
          </button>`
        : nothing}`;
  }

  #renderSettings() {
    const locale = this.locale;
    const loader = this.#settings;
    const loading = loader.value === null && (loader.status === 'loading' || loader.status === 'idle');
    const failed = failureBox(locale, loader, { failed: lt(locale, 'settingsFailed'), signedOut: t(locale, 'signedOut') }, () => void this.#loadSettings());
    const onKeydown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.altKey || event.ctrlKey || event.metaKey) return;
      // Back to the lines, not out of the box.
      event.preventDefault();
      event.stopPropagation();
      void this.showSettings(false);
    };
    return html`<section class="settings" part="settings" aria-labelledby="settings-title" @keydown=${onKeydown}>
      <div class="list-head" part="list-header">
        <button type="button" class="quiet back" part="back" @click=${() => void this.showSettings(false)}>${backIcon}${lt(locale, 'back')}</button>
        <h2 class="list-title" id="settings-title" tabindex="-1">${lt(locale, 'settingsTitle')}</h2>
      </div>
      <p class="hint" id="settings-hint" part="hint">${lt(locale, 'settingsHint')}</p>
      ${loading
        ? skeleton(t(locale, 'loading'))
        : failed && loader.value === null
          ? failed
          : html`<div class="choices">
              ${SETTINGS.map(([words, kinds]) => {
                const value = this._choices[kinds[0]!] ?? 'page+out';
                const name = `delivery-${kinds[0]}`;
                const option = (to: Delivery, label: string) =>
                  html`<label class="choice"
                    ><input type="radio" name=${name} .value=${to} .checked=${value === to} @change=${() => this.#choose(kinds, to)} /><span>${label}</span></label
                  >`;
                return html`<fieldset class="setting" part="setting" data-kinds=${kinds.join(' ')}>
                  <legend>${lt(locale, words)}</legend>
                  <div class="options">${option('page', lt(locale, 'pageOnly'))}${option('page+out', lt(locale, 'pageOut'))}</div>
                </fieldset>`;
              })}
            </div>`}
      <div class="saved" role="status" part="saved">${this._saved && !this._saved.failed ? this._saved.text : nothing}</div>
      <div class="problem" role="alert" part="problem">${this._saved?.failed ? this._saved.text : nothing}</div>
    </section>`;
  }

  /** A line's "Mute" button, or "Muted · Undo"; nothing when its target is no thread, or gone. */
  #renderMute(n: Notification) {
    const thread = threadOf(n);
    if (!thread) return nothing;
    const locale = this.locale;
    const key = threadKey(thread);
    const state = this._muted.get(key);
    const about = `what-${n.id}`;
    if (state === 'muted') {
      return html`<span class="mute-state" part="muted"
        ><span>${lt(locale, 'muted')}</span
        ><button type="button" class="quiet undo" part="undo" data-thread=${key} data-mute=${n.id} aria-describedby=${about} @click=${() => void this.#mute(thread, false, n.id)}>
          ${lt(locale, 'undo')}
        </button></span
      >`;
    }
    const label = lt(locale, 'mute');
    return html`<button
      type="button"
      class="quiet mute"
      part="mute"
      data-thread=${key} data-mute=${n.id}
      aria-label=${label}
      aria-describedby=${about}
      title=${label}
      ?disabled=${state === 'busy'}
      @click=${() => void this.#mute(thread, true, n.id)}
    >
      ${muteIcon}
    </button>`;
  }

  #renderLine(n: Notification) {
    const locale = this.locale;
    const said = describe(locale, n);
    const href = this.#href(n);
    const unread = n.readAt === null;
    const actor = n.actors[0];
    const icon =
      said && actor
        ? html`<span class="avatar ${toneClass(actor.id)}" part="avatar" aria-hidden="true" data-hearth-person=${actor.handle}>${initials(actor.name)}</span>`
        : html`<span class="avatar icon" part="avatar" aria-hidden="true">${said ? '⚑' : '–'}</span>`;
    // A community's name is in the sentence already ("asks to join Engineering").
    const title = n.target.available && n.target.kind !== 'community' && n.target.title ? n.target.title : null;
    const content = html`${icon}
      <span class="text">
        ${said
          ? html`<span class="what" id=${`what-${n.id}`}>${said.before}<strong class="actor" data-hearth-person=${actor?.handle ?? nothing}>${said.who}</strong>${said.after}</span>`
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
