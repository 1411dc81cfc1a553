import { html, nothing, svg, type PropertyValues } from 'lit';
import type { Community, Post } from '@hearth/contracts';
import type { Reporter } from '../runtime/report.ts';
import { getCommunity, listPosts, setMembership } from '../runtime/api.ts';
import { dots } from '../runtime/dots.ts';
import { HearthError } from '../runtime/errors.ts';
import { HearthElement } from '../runtime/hearth-element.ts';
import type { HearthPart } from '../runtime/hearth-part.ts';
import { lazyDefine } from '../runtime/lazy-define.ts';
import { loadFollow } from '../runtime/load-follow.ts';
import { formatDate, formatRelative } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { initials, toneClass } from '../runtime/people.ts';
import { failureBox } from '../runtime/state.ts';
import { errorStrings, errorText } from '../runtime/strings.ts';
import { HearthMembershipChangeEvent } from './events.ts';
import { cardStyles } from './hearth-community-card.styles.ts';
import type { HearthManageChangeEvent } from './manage.ts';
import { cardPack, plural, t } from './strings.ts';

type Key = Parameters<typeof t>[1];

const SCOPE_PROPERTIES = ['community', 'directory'] as const;
const FACES = 5;

/**
 * A community at a glance, for a portal's sidebar or a team page: its name, purpose and
 * visibility, who is in it, how alive it is, its latest posts, and a button to join, ask to
 * join or leave. A restricted community shows a non-member only what the server allows (name,
 * purpose, how to get in); a missing or hidden one says so without telling which.
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
 * @csspart follow - The Follow toggle (pressed while followed): the community's posts then show in the feed's Following tab. On an open community, or for its members; not when `compact`.
 * @csspart state - The loading, error, not-found and signed-out states.
 * @csspart directory - The directory view (`directory`): its region.
 * @csspart entries - The directory's list of communities.
 * @csspart entry - One community in the directory.
 * @csspart new - Admins: the directory's "New community" button.
 * @csspart create - Admins: the "New community" form.
 * @csspart manage - Managers and admins only: the section to decide requests, invite and set who can join.
 * @csspart requests - Managers: the pending requests to join, each with Approve, Refuse and a note.
 * @csspart invite - Managers: the invite field and the pending invitations.
 * @csspart suggestions - Managers: the people suggested while typing a name to invite.
 * @csspart policy - Managers: who can join (open, on request, by invitation).
 *
 * @fires hearth-membership-change - The server accepted a join, request, withdrawal or leave. `event.community`, `event.membership`, `event.memberCount`.
 */
export class HearthCommunityCard extends HearthElement {
  static override styles = [...HearthElement.styles, cardStyles];
  static override packs = [cardPack];

  static override properties = {
    community: { type: String },
    show: { type: String },
    compact: { type: Boolean },
    directory: { type: Boolean },
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
  /**
   * The directory instead of one community: every community you may see, most active first, each
   * with its join button; admins also get a "New community" form. `community` is then ignored.
   */
  declare directory: boolean;

  declare _busy: boolean;
  declare _confirming: boolean;
  /** Why a membership change failed; said in the card's language when shown. */
  declare _error: HearthError | null;
  /** What the live region last announced. */
  declare _said: string;

  /** The community, as the server shows it to the signed-in person (or as a change just left it). */
  #card = new Loader<Community>(this);
  /** The latest posts, a loader of their own: their Retry must not cancel the card's load. */
  #posts = new Loader<Post[]>(this);
  /**
   * The Report buttons of the latest posts and their dialog: fetched (the feed's own chunk) once
   * there are posts by others to show, so a card without them never downloads it.
   */
  #reporter: Reporter | null = null;
  #reporterLoading = false;
  #reportFailed = false;

  constructor() {
    super();
    this.community = null;
    this.show = null;
    this.compact = false;
    this.directory = false;
    this._busy = false;
    this._confirming = false;
    this._error = null;
    this._said = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.directory && this.scopeChanged(changed, SCOPE_PROPERTIES)) void this.#load();
    // The latest posts follow the community once it is shown (after each load of it), or once
    // `recent` is added; never while the card is off the page.
    const shown = this.#card.status === 'ready' ? this.#card.value : null;
    if (shown && this.isConnected && this.#posts.status === 'idle' && !shown.limited && this.#shows('recent')) {
      const { client } = this.session;
      // Content a moderator hid is not news: it is left out of the latest posts, not shown as a blank excerpt.
      void this.#posts.run(async (signal) => {
        const posts = (await listPosts(client, { community: shown.slug, limit: 3 }, signal)).items.filter((p) => !p.hidden);
        if (posts.some((p) => this.#reportable(p))) this.#loadReporter();
        return posts;
      });
    }
    // The directory and the manager's section are chunks of their own, fetched only by a card
    // that shows the directory, or a community its viewer manages: members never download them.
    const part = this.directory ? 'directory' : shown && this.#manages(shown) ? 'manage' : '';
    if (part && !customElements.get(`hearth-community-${part}`)) {
      void lazyDefine(`hearth-community-${part}`, () => (part === 'manage' ? import('./manage.ts') : import('./directory.ts')).then((m) => m.default)).then(
        () => this.requestUpdate(),
        () => undefined,
      );
    }
  }

  /** The manager decided a request or changed the policy: the card follows, without a reload. */
  readonly #onManage = (event: HearthManageChangeEvent) => {
    const c = this.#card.value;
    if (c) this.#card.set({ ...c, ...event.change });
  };

  protected override refresh(): Promise<void> {
    return this.renderRoot.querySelector<HearthPart>('hearth-community-directory')?.reload() ?? this.#load();
  }

  #manages(c: Community): boolean {
    return c.canManage && !c.limited && !this.compact && c.state !== 'archived';
  }

  #shows(section: string): boolean {
    return !this.compact && (this.show ?? 'members activity recent').split(/\s+/).includes(section);
  }

  /** `quiet` keeps what is on screen until the answer arrives (after a membership change). */
  #load(quiet = false): Promise<void> {
    const { client } = this.session;
    const slug = this.community?.trim();
    this.#posts.clear();
    if (!quiet) {
      this._error = null;
      this._confirming = false;
    }
    // No slug would ask for the directory instead; say "not found" as for any unknown slug.
    return this.#card.run((signal) => (slug ? getCommunity(client, slug, signal) : Promise.reject(new HearthError('', 404))), quiet);
  }

  readonly #retryPosts = () => void this.#posts.reload();

  /** Others' posts may be reported; one's own may not. */
  #reportable(p: Post): boolean {
    const me = this.me.value;
    return me.status === 'signed-in' && me.me.id !== p.author.id;
  }

  #loadReporter(): void {
    if (this.#reporter || this.#reporterLoading) return;
    this.#reporterLoading = true;
    import('../runtime/report.ts').then(
      ({ Reporter }) => {
        this.#reporter = new Reporter(this);
        this.requestUpdate();
      },
      () => {
        this.#reporterLoading = false;
      },
    );
  }

  /**
   * Joins (or asks to join, or accepts) when `join`, else leaves (or withdraws, or declines).
   * Shown at once, as the server will almost surely agree, and put back with the server's
   * reason if it does not; a manager's leave waits, since the last manager is refused.
   */
  async #change(join: boolean): Promise<void> {
    const before = this.#card.value;
    if (!before || this._busy) return;
    const { membership, memberCount } = before;
    const requesting = join && membership === 'none' && before.joinPolicy === 'request';
    const delta = requesting ? 0 : join ? 1 : membership === 'member' ? -1 : 0;
    this._busy = true;
    this._confirming = false;
    this._error = null;
    if (membership !== 'manager') {
      this.#card.set({
        ...before,
        membership: requesting ? 'pending' : join ? 'member' : 'none',
        // A limited view has no count to change.
        memberCount: memberCount === null ? null : memberCount + delta,
      });
    }
    const shown = this.#card.value;
    try {
      const result = await setMembership(this.session.client, before.slug, join);
      // Another community was loaded meanwhile: this answer is about one no longer shown.
      if (this.#card.value !== shown) return;
      // A manager who left no longer manages it (an admin still may: the server says so on the next load).
      const canManage = before.canManage && result.membership === 'manager';
      this.#card.set({ ...before, ...result, canManage, memberCount: memberCount === null ? null : result.memberCount });
      this.emit(new HearthMembershipChangeEvent(before.slug, result.membership, result.memberCount));
      const inside = result.membership === 'member' || result.membership === 'manager';
      // What a restricted community shows depends on membership, and the server decides it:
      // members see everything, others what it allows (or nothing). When the view shown no
      // longer fits, the community is fetched again in place: what is shown stays until the
      // answer replaces it, and focus stays on the membership button.
      if (before.visibility === 'restricted' && inside === before.limited) {
        void this.#refocus();
        await this.#load(true);
      }
      const said = inside
        ? 'joined'
        : result.membership === 'pending'
          ? 'requested'
          : membership === 'pending'
            ? 'withdrawn'
            : membership === 'invited'
              ? 'declined'
              : 'left';
      // Said once the card shows where the person now stands (unless it moved to another community).
      if (this.#card.value?.slug === before.slug) this._said = t(this.locale, said, { name: before.name });
    } catch (error) {
      if (this.#card.value !== shown) return;
      this.#card.set(before);
      this._error = error instanceof HearthError ? error : HearthError.network();
    } finally {
      this._busy = false;
      void this.#refocus();
    }
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
    return html`<div class="root ${this.themeClass}${this.compact ? ' compact' : ''}" part="base">${this.#renderBody()}</div>`;
  }

  #renderBody() {
    const lang = this.locale;
    // Until the words of the page's language arrive, the skeleton rather than a flash of English.
    if (this.langs.loading) return this.#renderSkeleton('');
    if (this.directory) {
      return customElements.get('hearth-community-directory')
        ? html`<hearth-community-directory></hearth-community-directory>`
        : this.#renderSkeleton(t(lang, 'loading'));
    }
    const card = this.#card;
    const signedOut = this.me.value.status === 'signed-out';
    // A quiet load that failed keeps what is shown; an answer that the community is gone (or
    // the person signed out) replaces it.
    if (card.value && !signedOut && card.status !== 'not-found' && card.status !== 'signed-out') return this.#renderCard(card.value);
    const words = { failed: t(lang, 'loadFailed'), signedOut: t(lang, 'signedOut') };
    return failureBox(lang, signedOut ? { status: 'signed-out', error: null } : card, words, this.retry) ?? this.#renderSkeleton(t(lang, 'loading'));
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
    const lang = this.locale;
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
      ${this.#manages(c) && customElements.get('hearth-community-manage')
        ? html`<hearth-community-manage .community=${c} @hearth-manage-change=${this.#onManage}></hearth-community-manage>`
        : nothing}
    </section>`;
  }

  #renderFeedback() {
    return html`${this._error ? html`<p class="message" role="alert">${errorText(this.locale, this._error)}</p>` : nothing}
      <p class="vh" role="status">${this._said}</p>`;
  }

  #renderMembership(c: Community) {
    const lang = this.locale;
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
      ${!this.compact && !c.limited
        ? // Its posts in the feed's Following tab, member or not (not from a restricted one's
          // limited view): a chunk of its own.
          (loadFollow(),
          html`<hearth-follow .kind=${'community'} .name=${c.slug} .label=${c.name}></hearth-follow>`)
        : nothing}
    </div>`;
  }

  #renderMembers(c: Community) {
    const lang = this.locale;
    const faces = [...c.managers, ...c.someMembers].slice(0, FACES);
    const names = new Intl.ListFormat(lang, { type: 'conjunction' }).format(c.managers.map((p) => p.name));
    return html`<div class="members" part="members">
      <span class="faces" aria-hidden="true">
        ${faces.map((p) => html`<span class="face ${toneClass(p.id)}" part="avatar" title=${p.name} data-hearth-person=${p.handle}>${initials(p.name)}</span>`)}
      </span>
      <p>
        <span class="count">${plural(lang, 'members', c.memberCount ?? 0)}</span>
        ${c.managers.length ? html`<span>${t(lang, 'managedBy', { names })}</span>` : nothing}
      </p>
    </div>`;
  }

  #renderActivity(a: NonNullable<Community['activity']>) {
    const lang = this.locale;
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
    const lang = this.locale;
    const posts = this.#posts.value;
    const member = c.membership === 'member' || c.membership === 'manager';
    const canJoin = c.joinPolicy !== 'invite' || c.membership === 'invited';
    return html`<div class="posts" part="posts">
      <h3>${t(lang, 'latest')}</h3>
      ${this.#posts.error
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
                        html`<span class="author" data-hearth-person=${p.author.handle}>${p.author.name}</span>`,
                        html`<time datetime=${p.createdAt} title=${formatDate(lang, p.createdAt)}>${formatRelative(lang, p.createdAt)}</time>`,
                      ])}
                      ${this.#reporter && this.#reportable(p)
                        ? this.#reporter.button(lang, 'post', p.id, p.author.name, () => {
                            this.#reportFailed = true;
                            this.requestUpdate();
                          })
                        : nothing}
                    </p>
                    <p class="excerpt">${p.body.replace(/\s+/g, ' ').slice(0, 200)}</p>
                  </li>`,
                )}
              </ul>`}
      ${this.#reportFailed ? html`<p class="message" role="alert">${errorStrings.t(lang, 'network')}</p>` : nothing}
      ${this.#reporter?.render() ?? nothing}
    </div>`;
  }
}

