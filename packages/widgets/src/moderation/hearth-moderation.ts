import { html, type PropertyValues } from 'lit';
import { HearthElement } from '../runtime/hearth-element.ts';
import type { HearthPart } from '../runtime/hearth-part.ts';
import { stateBox } from '../runtime/state.ts';
import { errorStrings } from '../runtime/strings.ts';
import { moderationStyles } from './hearth-moderation.styles.ts';
import { PARTS, type Tab, loadTab, skeleton, tabElement } from './parts.ts';
import { moderationPack, t } from './strings.ts';

const QUEUE_TABS: readonly Tab[] = ['open', 'hidden', 'closed'];
const ADMIN_TABS: readonly Tab[] = ['keywords', 'audit'];

/**
 * The moderation queue, for community managers (their communities) and admins (everything):
 * reported content and content that matched the watch list, each with where it was posted, who
 * wrote it and when, what it replies to, how many people reported it, why, and their notes.
 * A moderator hides it (with a reason its author is shown), restores it, or dismisses the
 * reports. Content is shown as text, never as HTML.
 *
 * The tabs (a tablist: the arrow keys, Home and End move between them) are "To review",
 * "Hidden" (to restore) and "Closed" (dismissed and restored); admins also get the keyword
 * "Watch list" and the "Audit trail" of every moderator and admin action, which they can
 * download as CSV. Someone who moderates nothing is told so; the server decides who may.
 *
 * @summary The moderation queue: review reported content, hide, restore, dismiss; the admins' watch list and audit trail.
 * @tagname hearth-moderation
 *
 * @csspart base - The wrapper around everything.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart filter - The Dismissed / Restored toggle of the Closed tab, and the audit trail's action filter.
 * @csspart item - Each item of the queue.
 * @csspart avatar - An author's initials.
 * @csspart content - The reported content's text.
 * @csspart reports - How many reported it, their reasons and notes, and the watch-list matches.
 * @csspart decision - Who decided what, when and why, once decided.
 * @csspart actions - An item's Hide, Restore and Dismiss buttons.
 * @csspart reason-form - The form asking why content is hidden.
 * @csspart load-more - The "Load more" buttons.
 * @csspart keywords - The watch list.
 * @csspart keyword-form - The form adding a word or pattern to the watch list.
 * @csspart audit - The audit trail's list.
 * @csspart entry - Each entry of the audit trail.
 * @csspart download - The "Download CSV" button.
 * @csspart state - The loading, empty, error, signed-out and not-a-moderator messages.
 *
 * @fires hearth-moderation-decision - Content was hidden or restored, or its reports dismissed. `event.action`, `event.item`.
 */
export class HearthModeration extends HearthElement {
  static override styles = [...HearthElement.styles, moderationStyles];
  static override packs = [moderationPack];

  static override properties = {
    community: { type: String },
    _tab: { state: true },
    _forbidden: { state: true },
  };

  /** Only this community's queue (its slug), for a manager's page; empty: everything the person moderates. */
  declare community: string | null;
  declare _tab: Tab;
  /** The server said the person moderates nothing (403). */
  declare _forbidden: boolean;

  /** The tab whose chunk is on its way, or could not be fetched. */
  #tabChunk: { tab: Tab; failed: boolean } | null = null;

  constructor() {
    super();
    this.community = null;
    this._tab = 'open';
    this._forbidden = false;
  }

  get #admin(): boolean {
    const me = this.me.value;
    return me.status === 'signed-in' && me.me.roles.includes('admin');
  }

  /** The tabs the person has, in order. */
  get #tabs(): readonly Tab[] {
    return this.#admin ? [...QUEUE_TABS, ...ADMIN_TABS] : QUEUE_TABS;
  }

  /** The tab on show: an admin's tab falls back to the queue for anyone else. */
  get #shown(): Tab {
    return this.#tabs.includes(this._tab) ? this._tab : 'open';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another community or person: whether they moderate it is the server's to say again.
    if (this.scopeChanged(changed, ['community'])) this._forbidden = false;
    const tab = this.#shown;
    if (!customElements.get(tabElement(tab)) && this.#tabChunk?.tab !== tab) {
      const chunk: { tab: Tab; failed: boolean } = (this.#tabChunk = { tab, failed: false });
      loadTab(tab)
        .then(
          () => this.#tabChunk === chunk && (this.#tabChunk = null),
          () => (chunk.failed = true),
        )
        .finally(() => this.requestUpdate());
    }
  }

  /** Retry: the tab's part loads again (after a 403, it is shown again, and asks again). */
  protected override async refresh(): Promise<void> {
    if (this.#tabChunk?.failed) this.#tabChunk = null;
    if (this._forbidden) {
      this._forbidden = false;
      return;
    }
    await Promise.all([...this.renderRoot.querySelectorAll<HearthPart>(PARTS)].map((part) => part.reload()));
  }

  #select(tab: Tab, focus = false): void {
    this._tab = tab;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const tabs = this.#tabs;
    const index = tabs.indexOf(this.#shown);
    const forward = this.matches(':dir(rtl)') ? 'ArrowLeft' : 'ArrowRight';
    const back = forward === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
    const next =
      event.key === forward
        ? (index + 1) % tabs.length
        : event.key === back
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.#select(tabs[next]!, true);
  };

  protected override render() {
    return html`<div class="root ${this.themeClass}" part="base">${this.#renderBody()}</div>`;
  }

  #renderBody() {
    const locale = this.locale;
    const me = this.me.value.status;
    if (me === 'signed-out') return stateBox(t(locale, 'signedOut'), '', [errorStrings.t(locale, 'tryAgain'), this.retry]);
    if (this._forbidden) return stateBox(t(locale, 'forbidden'), t(locale, 'forbiddenDetail'), [errorStrings.t(locale, 'tryAgain'), this.retry]);
    if (this.#tabChunk?.failed) return stateBox(errorStrings.t(locale, 'network'), '', [errorStrings.t(locale, 'retry'), this.retry]);
    // Until the words of the page's language and who is signed in (which decides the tabs) are
    // known: the skeleton, rather than a flash of English or of tabs that then change.
    if (this.langs.loading || me === 'loading') return this.#renderSkeleton();
    const shown = this.#shown;
    return html`<div class="tabs" role="tablist" part="tabs" aria-label=${t(locale, 'tabs')} @keydown=${this.#onKeydown}>
        ${this.#tabs.map(
          (tab) => html`<button
            type="button"
            role="tab"
            id="tab-${tab}"
            part="tab"
            aria-selected=${tab === shown ? 'true' : 'false'}
            aria-controls="panel"
            tabindex=${tab === shown ? '0' : '-1'}
            @click=${() => this.#select(tab)}
          >
            ${t(locale, `tab_${tab}`)}
          </button>`,
        )}
      </div>
      <div class="panel" role="tabpanel" id="panel" aria-labelledby="tab-${shown}">
        ${customElements.get(tabElement(shown)) ? this.#renderTab(shown) : skeleton(t(locale, 'loading'))}
      </div>`;
  }

  #renderTab(tab: Tab) {
    // A new tab is a new part: nothing of the one before stays.
    switch (tab) {
      case 'keywords':
        return html`<hearth-moderation-keywords></hearth-moderation-keywords>`;
      case 'audit':
        return html`<hearth-moderation-audit></hearth-moderation-audit>`;
      default:
        return html`<hearth-moderation-queue
          .view=${tab}
          .community=${this.community?.trim() || null}
          @hearth-moderation-forbidden=${() => (this._forbidden = true)}
        ></hearth-moderation-queue>`;
    }
  }

  /** The tab row's and the items' placeholders. */
  #renderSkeleton() {
    return html`<span class="bone tabs-bone" aria-hidden="true"></span>${skeleton(this.langs.loading ? '' : t(this.locale, 'loading'))}`;
  }
}
