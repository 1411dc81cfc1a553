import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { initials, toneClass } from '../runtime/people.ts';
import type { Community, Post } from '@hearth/contracts';
import { getCommunity, listPosts, setMembership } from '../runtime/api.ts';
import { type Theme, resolveTheme } from '../runtime/config.ts';
import { LangController } from '../runtime/lang.ts';
import { HearthError, isAbort } from '../runtime/errors.ts';
import { dots } from '../runtime/dots.ts';
import { formatDate, formatRelative } from '../runtime/i18n.ts';
import { errorStrings, errorText } from '../runtime/strings.ts';
import { type HearthSession, type MeState, $me, sessionFor } from '../runtime/session.ts';
import { StoreController } from '../runtime/store-controller.ts';
import { baseStyles } from '../runtime/styles.ts';
import { HearthMembershipChangeEvent } from './events.ts';
import { cardStyles } from './hearth-community-card.styles.ts';
import { cardPack, plural, t } from './strings.ts';

type Status = 'loading' | 'ready' | 'error' | 'not-found' | 'signed-out';
type Key = Parameters<typeof t>[1];

const SOURCE_PROPERTIES = ['community', 'api', 'tokenUrl'] as const;
const FACES = 5;

/**
 * A community at a glance, for a portal's sidebar or a team page: its name, purpose and
 * visibility, who is in it, how alive it is, its latest posts, and a button to join, ask to
 * join or leave. A restricted community shows a non-member only what it allows (name, purpose,
 * how to get in); a missing or hidden one says so without telling which.
 *
 * The card is a region named by the community; membership changes are announced in a live
 * region and keep focus on the membership button. Dates and numbers follow the nearest `lang`.
 *
 * @summary A community's purpose, members, activity and latest posts, with join and leave.
 * @tagname hearth-community-card
 *
 * @csspart base - The wrapper around everything.
 * @csspart card - The community's region (loaded state).
 * @csspart name - The community's name.
 * @csspart badge - The "Open" or "Restricted" badge.
 * @csspart purpose - Why the community exists.
 * @csspart notice - The archived and inactive notices.
 * @csspart members - Member count, initials and managers.
 * @csspart avatar - A member's initials.
 * @csspart activity - The sparkline and its figures.
 * @csspart sparkline - The activity sparkline (an SVG).
 * @csspart posts - The latest posts.
 * @csspart membership - The membership status and buttons.
 * @csspart state - The loading, error, not-found and signed-out states.
 *
 * @cssproperty [--hearth-font-size=15px] - The size everything else is measured from.
 * @cssproperty [--hearth-font=system-ui] - The font family.
 * @cssproperty [--hearth-accent=#0b62c4] - Buttons, the sparkline and focus rings.
 * @cssproperty [--hearth-surface=#fff] - The card's background.
 * @cssproperty [--hearth-text=#1d232b] - The text colour.
 * @cssproperty [--hearth-muted=#5b6572] - Secondary text: counts, times, labels.
 * @cssproperty [--hearth-border=#d8dde3] - Borders and separators.
 * @cssproperty [--hearth-radius=0.5em] - Corner radius of the card and buttons.
 * @cssproperty [--hearth-density=1] - Spacing: a factor on every padding, margin and gap (0.75 compact, 1.25 roomy).
 *
 * @fires hearth-membership-change - The server accepted a join, request, withdrawal or leave. `event.community`, `event.membership`, `event.memberCount`.
 */
export class HearthCommunityCard extends LitElement {
  static override styles = [baseStyles, cardStyles];

  static override properties = {
    community: { type: String },
    show: { type: String },
    compact: { type: Boolean },
    api: { type: String },
    tokenUrl: { type: String, attribute: 'token-url' },
    theme: { type: String },
    _status: { state: true },
    _data: { state: true },
    _posts: { state: true },
    _postsError: { state: true },
    _busy: { state: true },
    _confirming: { state: true },
    _error: { state: true },
    _said: { state: true },
  };

  /** The community's slug. */
  declare community: string | null;
  /** Which sections to show, space-separated: `members`, `activity`, `recent` (default: all). */
  declare show: string | null;
  /** One row for a narrow sidebar: name, counts and the membership button. */
  declare compact: boolean;
  /** The Hearth server's base URL; defaults to where the script came from. */
  declare api: string | null;
  /** Where the host page hands out tokens for the signed-in person. */
  declare tokenUrl: string | null;
  /** Colour scheme: `auto` (follows the system), `light` or `dark`. */
  declare theme: 'auto' | 'light' | 'dark' | null;

  declare _status: Status;
  declare _data: Community | null;
  /** The latest posts; null while they load (or when they are not shown). */
  declare _posts: Post[] | null;
  /** Why the latest posts could not be loaded. */
  declare _postsError: HearthError | null;
  declare _busy: boolean;
  declare _confirming: boolean;
  /** Why a membership change failed; said in the card's language when shown. */
  declare _error: HearthError | null;
  /** What the live region last announced. */
  declare _said: string;

  #me = new StoreController<MeState>(this, $me);
  #session: HearthSession | null = null;
  #langs = new LangController(this, cardPack);
  get #lang(): string {
    return this.#langs.value;
  }
  #theme: Theme = 'auto';
  #needsLoad = true;
  #abort: AbortController | null = null;
  #postsAbort: AbortController | null = null;
  /** A load was cut short by the element leaving the page; it starts again on return. */
  #interrupted = false;
  /** Why the community could not be loaded; said in the card's language when shown. */
  #failure: HearthError | null = null;

  constructor() {
    super();
    this.community = null;
    this.show = null;
    this.compact = false;
    this.api = null;
    this.tokenUrl = null;
    this.theme = null;
    this._status = 'loading';
    this._data = null;
    this._posts = null;
    this._postsError = null;
    this._busy = false;
    this._confirming = false;
    this._error = null;
    this._said = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#interrupted) {
      this.#needsLoad = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const abort of [this.#abort, this.#postsAbort]) {
      if (!abort) continue;
      abort.abort();
      this.#interrupted = true;
    }
    this.#abort = this.#postsAbort = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#needsLoad || changed.has('theme')) this.#theme = resolveTheme(this.theme);
    if (this.#needsLoad || SOURCE_PROPERTIES.some((name) => changed.has(name))) {
      this.#needsLoad = false;
      const session = (this.#session = sessionFor({ api: this.api, tokenUrl: this.tokenUrl }));
      this.#me.store = session.$me;
      void session.loadMe();
      void this.#load();
    } else if ((changed.has('show') || changed.has('compact')) && this.#wantsPosts() && !this._posts && !this.#abort && !this.#postsAbort) {
      // `recent` was added after the card loaded: fetch just the posts.
      void this.#loadPosts();
    }
  }

  /** Loads the community again (and who is signed in), as the Retry buttons do. */
  reload(): Promise<void> {
    if (this.#session && this.#session.$me.get().status !== 'signed-in') void this.#session.loadMe(true);
    return this.#load();
  }

  #shows(section: string): boolean {
    return !this.compact && (this.show ?? 'members activity recent').split(/\s+/).includes(section);
  }

  #wantsPosts(): boolean {
    return this._status === 'ready' && !this._data?.limited && this.#shows('recent');
  }

  /** `quiet` keeps what is on screen until the answer arrives (after a membership change). */
  async #load(quiet = false): Promise<void> {
    const session = this.#session;
    if (!session) return;
    this.#abort?.abort();
    this.#postsAbort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#interrupted = false;
    if (!quiet) {
      this._status = 'loading';
      this._data = null;
      this._posts = null;
      this._error = null;
      this._confirming = false;
    }
    try {
      const slug = this.community?.trim();
      // No slug would ask for the directory instead; say "not found" as for any unknown slug.
      if (!slug) throw new HearthError('', 404);
      const data = await getCommunity(session.client, slug, abort.signal);
      if (abort.signal.aborted) return;
      this._data = data;
      this._status = 'ready';
      if (this.#wantsPosts()) await this.#loadPosts();
    } catch (error) {
      if (isAbort(error) || abort.signal.aborted || quiet) return;
      const failure = error instanceof HearthError ? error : HearthError.network();
      this.#failure = failure;
      this._status = failure.signedOut ? 'signed-out' : failure.notFound ? 'not-found' : 'error';
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  /** The latest posts, with a signal of their own: a Retry must not cancel the card's load. */
  async #loadPosts(): Promise<void> {
    const session = this.#session;
    const slug = this._data?.slug;
    if (!session || !slug) return;
    this.#postsAbort?.abort();
    const abort = (this.#postsAbort = new AbortController());
    this._posts = null;
    this._postsError = null;
    try {
      const page = await listPosts(session.client, { community: slug, limit: 3 }, abort.signal);
      if (!abort.signal.aborted) this._posts = page.items;
    } catch (error) {
      if (isAbort(error) || abort.signal.aborted) return;
      this._postsError = error instanceof HearthError ? error : HearthError.network();
    } finally {
      if (this.#postsAbort === abort) this.#postsAbort = null;
    }
  }

  readonly #retryPosts = () => this.#loadPosts();

  /**
   * Joins (or asks to join, or accepts) when `join`, else leaves (or withdraws, or declines).
   * Shown at once, as the server will almost surely agree, and put back with the server's
   * reason if it does not; a manager's leave waits, since the last manager is refused.
   */
  async #change(join: boolean): Promise<void> {
    const before = this._data;
    const session = this.#session;
    if (!before || !session || this._busy) return;
    const { membership, memberCount } = before;
    const requesting = join && membership === 'none' && before.joinPolicy === 'request';
    const delta = requesting ? 0 : join ? 1 : membership === 'member' ? -1 : 0;
    this._busy = true;
    this._confirming = false;
    this._error = null;
    if (membership !== 'manager') {
      this._data = {
        ...before,
        membership: requesting ? 'pending' : join ? 'member' : 'none',
        // A limited view has no count to change.
        memberCount: memberCount === null ? null : memberCount + delta,
      };
    }
    const shown = this._data;
    try {
      const result = await setMembership(session.client, before.slug, join);
      // Another community was loaded meanwhile: this answer is about one no longer shown.
      if (this._data !== shown) return;
      const after: Community = { ...before, ...result, memberCount: memberCount === null ? null : result.memberCount };
      this._data = after;
      const said = result.membership === 'member' || result.membership === 'manager'
        ? 'joined'
        : result.membership === 'pending'
          ? 'requested'
          : membership === 'pending'
            ? 'withdrawn'
            : membership === 'invited'
              ? 'declined'
              : 'left';
      this._said = t(this.#lang, said, { name: before.name });
      this.#emit(new HearthMembershipChangeEvent(before.slug, result.membership, result.memberCount));
      // What a restricted community shows depends on membership: members see everything, others
      // the name and purpose at most. Coming in, the rest is fetched in place (focus and the
      // announcement stay); going out, what is no longer theirs to see goes at once.
      const inside = result.membership === 'member' || result.membership === 'manager';
      if (before.visibility === 'restricted' && inside && before.limited) {
        await this.#load(true);
      } else if (before.visibility === 'restricted' && !inside && !before.limited) {
        this._data = {
          ...after,
          limited: true,
          description: '',
          memberCount: null,
          managers: [],
          someMembers: [],
          activity: null,
          canManage: false,
        };
        this._posts = null;
      }
    } catch (error) {
      if (this._data !== shown) return;
      this._data = before;
      this._error = error instanceof HearthError ? error : HearthError.network();
    } finally {
      this._busy = false;
      void this.#refocus();
    }
  }

  // Through one helper: the manifest analyzer reads `dispatchEvent(new X(arg))` as an event named
  // after `arg`; the event is documented with @fires instead.
  #emit(event: Event): void {
    this.dispatchEvent(event);
  }

  /** Puts focus back on the membership button the action replaced, unless it went elsewhere. */
  async #refocus(selector = '.act'): Promise<void> {
    const active = this.shadowRoot?.activeElement;
    const outside = document.activeElement !== this && document.activeElement !== document.body;
    if (outside || (active && !active.closest('.membership'))) return;
    await this.updateComplete;
    // Without a button ("By invitation" after declining), its label takes focus instead.
    (this.renderRoot.querySelector<HTMLElement>(selector) ?? this.renderRoot.querySelector<HTMLElement>('.status'))?.focus();
  }

  readonly #join = () => this.#change(true);
  readonly #leave = () => this.#change(false);
  readonly #confirm = () => {
    this._confirming = true;
    this._error = null;
    void this.#refocus('.confirm .quiet');
  };
  readonly #cancel = () => {
    this._confirming = false;
    void this.#refocus();
  };
  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this._confirming) this.#cancel();
  };

  protected override render() {
    const signedOut = this.#me.value.status === 'signed-out' || this._status === 'signed-out';
    const lang = this.#lang;
    // Until the words of the page's language arrive, the skeleton rather than a flash of English.
    const status = this.#langs.loading ? 'words' : signedOut ? 'signed-out' : this._status;
    return html`<div class="root ${this.#theme}${this.compact ? ' compact' : ''}" part="base">
      ${status === 'ready' && this._data
        ? this.#renderCard(this._data)
        : status === 'loading' || status === 'words'
          ? this.#renderSkeleton(status === 'words' ? '' : t(lang, 'loading'))
          : status === 'not-found'
            ? this.#renderState(errorStrings.t(lang, 'communityNotFound'))
            : status === 'signed-out'
              ? this.#renderState(t(lang, 'signedOut'), '', errorStrings.t(lang, 'tryAgain'))
              : this.#renderState(t(lang, 'loadFailed'), errorText(lang, this.#failure), errorStrings.t(lang, 'retry'))}
    </div>`;
  }

  #renderState(text: string, detail = '', action = '') {
    return html`<div class="state" part="state" role=${action ? 'alert' : 'status'}>
      <p>${text}</p>
      ${detail ? html`<p class="detail">${detail}</p>` : nothing}
      ${action ? html`<button @click=${this.reload}>${action}</button>` : nothing}
    </div>`;
  }

  /** `label` is said while loading; none while the words to say it in are on their way. */
  #renderSkeleton(label: string) {
    // Reserves about the height of the loaded card, so the page does not jump when it arrives.
    const facts = ['members', 'activity'].filter((s) => this.#shows(s));
    return html`<div class="card skeleton" part="state" role="status" aria-busy="true">
      <span class="vh">${label}</span>
      <div class="top">
        <div class="title">
          <span class="line big"></span>
          ${this.compact ? nothing : html`<span class="line"></span><span class="line short"></span>`}
        </div>
        <span class="block act"></span>
      </div>
      ${facts.length ? html`<div class="facts">${facts.map(() => html`<span class="block fact"></span>`)}</div>` : nothing}
      ${this.#shows('recent') ? html`<span class="block recent"></span>` : nothing}
    </div>`;
  }

  #renderCard(c: Community) {
    const lang = this.#lang;
    const visibility = t(lang, c.visibility);
    const archived = c.state === 'archived';
    const inactive = !archived && c.activity?.inactive;
    if (this.compact) {
      // The Member / Manager label moves here, so that the row keeps to one button; "Open" is
      // left out as the usual case.
      const facts = [
        c.visibility === 'open' ? '' : visibility,
        c.memberCount === null ? '' : plural(lang, 'members', c.memberCount),
        c.membership === 'member' || c.membership === 'manager' ? t(lang, c.membership) : '',
        archived ? t(lang, 'archivedShort') : inactive ? t(lang, 'inactiveShort') : '',
      ].filter(Boolean);
      return html`<section class="card" part="card" aria-labelledby="name" @keydown=${this.#onKeydown}>
        <div class="title">
          <h2 id="name" part="name">${c.name}</h2>
          <p class="sub dots">${dots(facts)}</p>
        </div>
        ${archived ? nothing : this.#renderMembership(c)} ${this.#renderFeedback()}
      </section>`;
    }
    const last = c.activity?.lastActivityAt;
    return html`<section class="card" part="card" aria-labelledby="name" @keydown=${this.#onKeydown}>
      <div class="top">
        <div class="title">
          <h2 id="name" part="name">${c.name}</h2>
          <span class="badge ${c.visibility}" part="badge">${visibility}</span>
          <p class="purpose" part="purpose">${c.purpose}</p>
        </div>
        ${archived ? nothing : this.#renderMembership(c)}
      </div>
      ${this.#renderFeedback()}
      ${archived
        ? html`<p class="notice" part="notice">${t(lang, 'archived')}</p>`
        : inactive
          ? html`<p class="notice" part="notice">
              ${last ? t(lang, 'inactive', { when: formatRelative(lang, last) }) : t(lang, 'inactiveNever')}
            </p>`
          : nothing}
      ${c.limited
        ? nothing
        : html`<div class="facts">
              ${this.#shows('members') ? this.#renderMembers(c) : nothing}
              ${this.#shows('activity') && c.activity ? this.#renderActivity(c.activity) : nothing}
            </div>
            ${this.#shows('recent') ? this.#renderPosts(c) : nothing}`}
    </section>`;
  }

  #renderFeedback() {
    return html`${this._error ? html`<p class="message" role="alert">${errorText(this.#lang, this._error)}</p>` : nothing}
      <p class="vh" role="status">${this._said}</p>`;
  }

  #renderMembership(c: Community) {
    const lang = this.#lang;
    const m = c.membership;
    if (this._confirming) {
      return html`<div class="membership confirm" part="membership" role="group" aria-labelledby="confirm">
        <span id="confirm">${t(lang, 'leaveQuestion', { name: c.name })}</span>
        <button class="danger" @click=${this.#leave}>${t(lang, 'leave')}</button>
        <button class="quiet" @click=${this.#cancel}>${t(lang, 'cancel')}</button>
      </div>`;
    }
    // One `.act` button whatever the state, so the element (and focus) survives a change.
    let label: Key | null = null;
    let action: Key | null = null;
    let onAction: (() => unknown) | null = this.#join;
    let second: Key | null = null;
    if (m === 'none') {
      if (c.joinPolicy === 'invite') label = 'byInvitation';
      else action = c.joinPolicy === 'open' ? 'join' : 'request';
    } else if (m === 'pending') {
      [action, onAction, second] = ['pending', null, 'withdraw'];
    } else if (m === 'invited') {
      [action, second] = ['accept', 'decline'];
    } else {
      [label, action, onAction] = [m, 'leave', this.#confirm];
    }
    const primary = m === 'none' || m === 'invited';
    return html`<div class="membership" part="membership">
      ${label ? html`<span class="status${m === 'none' ? '' : ' role'}" tabindex="-1">${t(lang, label)}</span>` : nothing}
      ${action
        ? html`<button
            class="act${primary ? ' primary' : ''}"
            aria-disabled=${this._busy || !onAction ? 'true' : 'false'}
            @click=${() => (this._busy ? null : onAction?.())}
          >
            ${t(lang, action)}
          </button>`
        : nothing}
      ${second
        ? html`<button class="quiet" aria-disabled=${this._busy ? 'true' : 'false'} @click=${this.#leave}>
            ${t(lang, second)}
          </button>`
        : nothing}
    </div>`;
  }

  #renderMembers(c: Community) {
    const lang = this.#lang;
    const faces = [...c.managers, ...c.someMembers].slice(0, FACES);
    const names = new Intl.ListFormat(lang, { type: 'conjunction' }).format(c.managers.map((p) => p.name));
    return html`<div class="members" part="members">
      <span class="faces" aria-hidden="true">
        ${faces.map((p) => html`<span class="face ${toneClass(p.id)}" part="avatar" title=${p.name}>${initials(p.name)}</span>`)}
      </span>
      <p>
        <span class="count">${plural(lang, 'members', c.memberCount ?? 0)}</span>
        ${c.managers.length ? html`<span>${t(lang, 'managedBy', { names })}</span>` : nothing}
      </p>
    </div>`;
  }

  #renderActivity(a: NonNullable<Community['activity']>) {
    const lang = this.#lang;
    const posts = plural(lang, 'posts', a.posts30d);
    const active = plural(lang, 'active', a.activeMembers30d);
    const label = t(lang, 'sparkline', { posts, active });
    const max = Math.max(1, ...a.daily);
    const step = 100 / Math.max(1, a.daily.length - 1);
    const points = a.daily.map((n, i) => `${(i * step).toFixed(1)},${(29 - (n / max) * 26).toFixed(1)}`);
    // The last day is today, in UTC, and not over: drawn like the others, its few posts so far
    // would end the line in a cliff that reads as the community collapsing. So the line and
    // its area stop at yesterday, and today is a lighter dashed stub (the text alternative,
    // which counts all 30 days, is the same).
    const done = points.length > 1 ? points.slice(0, -1) : points;
    const line = done.map((p, i) => `${i ? 'L' : 'M'}${p}`).join('');
    const end = done.at(-1)?.split(',')[0] ?? '0';
    return html`<div class="activity" part="activity">
      <svg role="img" aria-label=${label} part="sparkline" viewBox="0 0 100 30" preserveAspectRatio="none">
        <title>${label}</title>
        <path class="area" d="${line}L${end},30L0,30Z"></path>
        <path class="line" d=${line}></path>
        ${points.length > 1 ? svg`<path class="today" d="M${points.at(-2)}L${points.at(-1)}"></path>` : nothing}
      </svg>
      <p>
        <span class="count dots">${dots([posts, active])}</span>
        ${a.lastActivityAt
          ? html`<time datetime=${a.lastActivityAt} title=${formatDate(lang, a.lastActivityAt)}
              >${t(lang, 'lastPost', { when: formatRelative(lang, a.lastActivityAt) })}</time
            >`
          : nothing}
      </p>
    </div>`;
  }

  #renderPosts(c: Community) {
    const lang = this.#lang;
    const posts = this._posts;
    const member = c.membership === 'member' || c.membership === 'manager';
    const canJoin = c.joinPolicy !== 'invite' || c.membership === 'invited';
    return html`<div class="posts" part="posts">
      <h3>${t(lang, 'latest')}</h3>
      ${this._postsError
        ? html`<p class="message" role="alert">
            ${t(lang, 'postsFailed')} <button @click=${this.#retryPosts}>${errorStrings.t(lang, 'retry')}</button>
          </p>`
        : !posts
          ? html`<span class="block list" aria-hidden="true"></span>`
          : posts.length === 0
            ? html`<p class="empty">
                ${t(lang, c.state === 'archived' ? 'noPosts' : member ? 'startConversation' : canJoin ? 'joinAndStart' : 'noPosts')}
              </p>`
            : html`<ul>
                ${posts.map(
                  (p) => html`<li>
                    <p class="meta dots">
                      ${dots([
                        html`<span class="author">${p.author.name}</span>`,
                        html`<time datetime=${p.createdAt} title=${formatDate(lang, p.createdAt)}>${formatRelative(lang, p.createdAt)}</time>`,
                      ])}
                    </p>
                    <p class="excerpt">${p.body.replace(/\s+/g, ' ').slice(0, 200)}</p>
                  </li>`,
                )}
              </ul>`}
    </div>`;
  }
}

