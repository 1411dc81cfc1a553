import { css, html, nothing, type PropertyValues } from 'lit';
import type { Community, JoinPolicy, JoinRequest, JoinRequestList, MembershipResult, PersonSummary } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { searchPeople } from '../runtime/api.ts';
import type { HearthClient } from '../runtime/client.ts';
import { HearthError } from '../runtime/errors.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { defineStrings, formatDate, formatRelative } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { errorStrings, errorText } from '../runtime/strings.ts';
import { Combobox, type ComboboxSource } from '../runtime/tag-combobox.ts';
import { dots } from '../runtime/dots.ts';
import { cardPack } from './strings.ts';

/*
 * What a community's managers (and admins) do in its card: decide requests to join (with a note
 * for the requester), invite someone by handle, see who is invited, and change the join policy.
 * A chunk of its own, fetched only when the server says the viewer may manage the community
 * (`canManage`): members never download it.
 */

/** The manager's words, in this chunk (their translations are in the card's language packs). */
export const manageStrings = defineStrings(cardPack, 'manage', {
  heading: 'Manage',
  requests: 'Requests to join',
  noRequests: 'No requests to wait on you.',
  asked: 'asked {when}',
  invitedWhen: 'invited {when}',
  approve: 'Approve',
  refuse: 'Refuse',
  approveLabel: 'Approve {name}',
  refuseLabel: 'Refuse {name}',
  note: 'Note to {name} (optional)',
  noteHint: 'Sent with your decision.',
  approved: '{name} is now a member.',
  refused: 'The request of {name} was refused.',
  invite: 'Invite',
  inviteLabel: 'Invite someone',
  inviteHint: 'Type a name or a handle, then choose the person.',
  people: 'People to invite',
  found_one: '{n} person found. Up and down arrows to choose, Enter to pick, Escape to close.',
  found_other: '{n} people found. Up and down arrows to choose, Enter to pick, Escape to close.',
  inviteEmpty: 'Type the handle of the person to invite.',
  invited: '{handle} is invited.',
  invitations: 'Invited, not yet answered',
  noInvitations: 'Nobody is waiting to answer an invitation.',
  policy: 'Who can join',
  policy_open: 'Anyone (open)',
  policy_request: 'On request, approved by a manager',
  policy_invite: 'By invitation only',
  policyChanged: 'Who can join is now: {policy}.',
  loadFailed: 'The requests could not be loaded.',
});
const { t } = manageStrings;

const styles = css`
  .manage {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
    margin-top: calc(0.75 * var(--_space));
    padding-top: calc(0.75 * var(--_space));
    border-top: 1px solid var(--_border);
  }
  .manage h3,
  .manage h4 {
    margin: 0;
    font-size: 1em;
  }
  .manage h4 {
    font-size: 0.95em;
  }
  .manage section {
    display: flex;
    flex-direction: column;
    gap: calc(0.4 * var(--_space));
  }
  .manage ul {
    display: flex;
    flex-direction: column;
    gap: calc(0.5 * var(--_space));
  }
  .request {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.4 * var(--_space)) calc(0.6 * var(--_space));
  }
  .request .who {
    flex: 1 1 12em;
    min-width: 0;
  }
  .who .name {
    font-weight: 600;
  }
  .who .meta {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .decide {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.4 * var(--_space));
  }
  .request details {
    flex-basis: 100%;
  }
  .request summary {
    cursor: pointer;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .manage select {
    max-width: 100%;
  }
  .manage input,
  .manage select {
    font: inherit;
    color: inherit;
    min-width: 0;
    padding: calc(0.35 * var(--_space)) calc(0.6 * var(--_space));
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .request input {
    width: 100%;
    box-sizing: border-box;
    margin-top: calc(0.3 * var(--_space));
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.4 * var(--_space));
  }
  .row .field {
    flex: 1 1 12em;
    display: flex;
    flex-direction: column;
  }
  .row .field .name {
    font-weight: 600;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .manage label {
    font-weight: 600;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
`;

/** The community's slug in a path. */
const path = (slug: string, rest = '') => `communities/${encodeURIComponent(slug)}${rest}`;

export const listRequests = (c: HearthClient, slug: string, signal?: AbortSignal) => c.call<JoinRequestList>(path(slug, '/requests'), { signal });
export const decideRequest = (c: HearthClient, slug: string, handle: string, decision: 'approve' | 'refuse', note: string) =>
  c.call<MembershipResult>(path(slug, `/requests/${encodeURIComponent(handle)}`), {
    method: 'post',
    json: note ? { decision, note } : { decision },
  });
export const invite = (c: HearthClient, slug: string, handle: string) =>
  c.call<MembershipResult>(path(slug, '/invitations'), { method: 'post', json: { handle } });
export const updateCommunity = (c: HearthClient, slug: string, body: { joinPolicy: JoinPolicy }) =>
  c.call<Community>(path(slug, ''), { method: 'patch', json: body });

/** Active people by name or handle (`GET /people`), for the invite field's suggestions. */
const peopleSource: ComboboxSource<PersonSummary> = {
  fetch: async (client, q, limit, signal) => (await searchPeople(client, q, limit, signal)).items,
  key: (person) => person.handle,
  render: (person) => {
    const role = person.title || person.department;
    return html`<span><span class="name">${person.name}</span> <span class="aside">@${person.handle}</span></span>${role
        ? html`<span class="aside">${role}</span>`
        : nothing}`;
  },
  label: (locale) => t(locale, 'people'),
  found: (locale, n) => manageStrings.plural(locale, 'found', n),
};

/** The manager acted: the card updates its count or policy in place. */
export class HearthManageChangeEvent extends Event {
  static readonly type = 'hearth-manage-change';
  constructor(readonly change: Partial<Pick<Community, 'memberCount' | 'joinPolicy'>>) {
    super(HearthManageChangeEvent.type);
  }
}

/**
 * `<hearth-community-manage>`: the manager's section of a community card (a part, in the card's
 * shadow root). The card sets `community`.
 */
export default class HearthCommunityManage extends HearthPart {
  static override properties = {
    community: fromWidget,
    _busy: { state: true },
    _error: { state: true },
    _said: { state: true },
    _handle: { state: true },
    _inviteError: { state: true },
  };

  declare community: Community | null;
  /** The handle (of a request) or the action being decided. */
  declare _busy: string;
  declare _error: HearthError | null;
  declare _said: string;
  declare _handle: string;
  declare _inviteError: string;

  #requests = new Loader<JoinRequest[]>(this);
  /** Suggestions of people to invite, as a name or handle is typed. */
  #people: Combobox<PersonSummary> | null = null;
  /** Notes typed for each request, kept over errors. */
  #notes = new Map<string, string>();

  constructor() {
    super();
    this.community = null;
    this._busy = '';
    this._error = null;
    this._said = '';
    this._handle = '';
    this._inviteError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), styles);
    this.#people ??= new Combobox(this, this.getRootNode(), { id: 'manage-people', option: 'manage-person', limit: 8, choose: this.#chose }, peopleSource);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#people?.close();
  }

  readonly #chose = (handle: string): void => {
    this._handle = handle;
    this._inviteError = '';
  };

  readonly #onInviteInput = (e: Event): void => {
    this._handle = (e.target as HTMLInputElement).value;
    this._inviteError = '';
    // Those asked or invited already are not suggested again.
    const known = (this.#requests.value ?? []).map((r) => r.person.handle);
    this.#people?.query(this._handle.trim().replace(/^@/, '') || null, known);
  };

  readonly #onInviteKeydown = (e: KeyboardEvent): void => {
    this.#people?.keydown(e);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const slugChanged = changed.has('community') && (changed.get('community') as Community | null)?.slug !== this.community?.slug;
    if (this.session && (slugChanged || this.scopeChanged(changed, []))) void this.reload();
  }

  override reload(): Promise<void> {
    const slug = this.community?.slug;
    if (!slug) return Promise.resolve();
    return this.#requests.run((signal) => listRequests(this.client, slug, signal).then((r) => r.items));
  }

  async #act(key: string, work: () => Promise<string>, focus: string | null): Promise<void> {
    if (this._busy) return;
    this._busy = key;
    this._error = null;
    try {
      this._said = await work();
    } catch (error) {
      this._error = error instanceof HearthError ? error : HearthError.network();
    } finally {
      this._busy = '';
    }
    if (focus) {
      await this.updateComplete;
      // The first of the selectors that matches (a list would take the first in the document).
      const target = focus.split(',').reduce<HTMLElement | null>((found, s) => found ?? this.querySelector<HTMLElement>(s.trim()), null);
      target?.focus();
    }
  }

  #decide(r: JoinRequest, decision: 'approve' | 'refuse'): void {
    const c = this.community!;
    const handle = r.person.handle;
    void this.#act(
      handle,
      async () => {
        const result = await decideRequest(this.client, c.slug, handle, decision, (this.#notes.get(handle) ?? '').trim());
        this.#notes.delete(handle);
        const rest = (this.#requests.value ?? []).filter((x) => x !== r);
        this.#requests.set(rest);
        this.emit(new HearthManageChangeEvent({ memberCount: result.memberCount }));
        return t(this.locale, decision === 'approve' ? 'approved' : 'refused', { name: r.person.name });
      },
      // Focus goes to the next request's Approve, else to the section's heading.
      '.request .approve, #manage-requests',
    );
  }

  readonly #invite = (event: Event): void => {
    event.preventDefault();
    const c = this.community!;
    this.#people?.close();
    const handle = this._handle.trim().replace(/^@/, '');
    if (!handle) {
      this._inviteError = t(this.locale, 'inviteEmpty');
      this.querySelector<HTMLElement>('#manage-invite')?.focus();
      return;
    }
    this._inviteError = '';
    void this.#act(
      'invite',
      async () => {
        try {
          await invite(this.client, c.slug, handle);
        } catch (error) {
          // The server's reason is shown beside the field; what was typed stays.
          if (error instanceof HearthError && error.status >= 400 && error.status < 500) {
            this._inviteError = errorText(this.locale, error);
            return '';
          }
          throw error;
        }
        this._handle = '';
        void this.reload();
        return t(this.locale, 'invited', { handle });
      },
      '#manage-invite',
    );
  };

  readonly #policy = (event: Event): void => {
    const select = event.target as HTMLSelectElement;
    const joinPolicy = select.value as JoinPolicy;
    const c = this.community!;
    void this.#act(
      'policy',
      async () => {
        try {
          const updated = await updateCommunity(this.client, c.slug, { joinPolicy });
          this.emit(new HearthManageChangeEvent({ joinPolicy: updated.joinPolicy }));
          return t(this.locale, 'policyChanged', { policy: t(this.locale, `policy_${updated.joinPolicy}`) });
        } catch (error) {
          select.value = c.joinPolicy;
          throw error;
        }
      },
      null,
    );
  };

  protected override render() {
    const c = this.community;
    if (!c) return nothing;
    const lang = this.locale;
    const all = this.#requests.value ?? [];
    const requests = all.filter((r) => r.kind === 'request');
    const invitations = all.filter((r) => r.kind === 'invite');
    return html`<div class="manage" part="manage" role="group" aria-labelledby="manage-heading">
      <h3 id="manage-heading">${t(lang, 'heading')}</h3>
      ${this._error ? html`<p class="message" role="alert">${errorText(lang, this._error)}</p>` : nothing}
      <p class="vh" role="status">${this._said}</p>
      <section part="requests" aria-labelledby="manage-requests">
        <h4 id="manage-requests" tabindex="-1">${t(lang, 'requests')}</h4>
        ${this.#requests.error
          ? html`<p class="message" role="alert">
              ${t(lang, 'loadFailed')} <button @click=${this.retry}>${errorStrings.t(lang, 'retry')}</button>
            </p>`
          : this.#requests.status !== 'ready'
            ? html`<span class="block list" aria-hidden="true"></span>`
            : requests.length
              ? html`<ul>
                  ${requests.map((r) => this.#renderRequest(r))}
                </ul>`
              : html`<p class="empty">${t(lang, 'noRequests')}</p>`}
      </section>
      <section part="invite" aria-labelledby="manage-invite-label">
        <form class="invite" @submit=${this.#invite} novalidate>
          <label id="manage-invite-label" for="manage-invite">${t(lang, 'inviteLabel')}</label>
          <p class="hint" id="manage-invite-hint">${t(lang, 'inviteHint')}</p>
          <div class="row">
            <div class="field">
              <input
                id="manage-invite"
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-expanded=${this.#people?.open ? 'true' : 'false'}
                aria-controls=${this.#people?.open ? 'manage-people' : nothing}
                aria-activedescendant=${this.#people?.activeId ?? nothing}
                .value=${this._handle}
                aria-invalid=${this._inviteError ? 'true' : 'false'}
                aria-describedby="manage-invite-hint${this._inviteError ? ' manage-invite-error' : ''}"
                @input=${this.#onInviteInput}
                @keydown=${this.#onInviteKeydown}
                @blur=${() => this.#people?.close()}
              />
              ${this.#people?.render() ?? nothing}
            </div>
            <button type="submit" aria-disabled=${this._busy === 'invite' ? 'true' : 'false'}>${t(lang, 'invite')}</button>
          </div>
          ${this._inviteError ? html`<p class="message" id="manage-invite-error" role="alert">${this._inviteError}</p>` : nothing}
        </form>
        <h4>${t(lang, 'invitations')}</h4>
        ${this.#requests.status === 'ready'
          ? invitations.length
            ? html`<ul class="invitations">
                ${invitations.map(
                  (r) =>
                    html`<li class="who">
                      <span class="name" role="button" tabindex="0" aria-haspopup="dialog" aria-expanded="false" data-hearth-person=${r.person.handle}>${r.person.name}</span>
                      <span class="meta dots">${dots([`@${r.person.handle}`, this.#when(r, 'invitedWhen')])}</span>
                    </li>`,
                )}
              </ul>`
            : html`<p class="empty">${t(lang, 'noInvitations')}</p>`
          : nothing}
      </section>
      <section part="policy">
        <label for="manage-policy">${t(lang, 'policy')}</label>
        <select id="manage-policy" .value=${c.joinPolicy} ?disabled=${this._busy === 'policy'} @change=${this.#policy}>
          ${(['open', 'request', 'invite'] as const).map(
            (p) => html`<option value=${p} ?selected=${p === c.joinPolicy}>${t(lang, `policy_${p}`)}</option>`,
          )}
        </select>
      </section>
    </div>`;
  }

  #when(r: JoinRequest, key: 'asked' | 'invitedWhen') {
    const lang = this.locale;
    return html`<time datetime=${r.createdAt} title=${formatDate(lang, r.createdAt)}>${t(lang, key, { when: formatRelative(lang, r.createdAt) })}</time>`;
  }

  #renderRequest(r: JoinRequest) {
    const lang = this.locale;
    const { handle, name, title } = r.person;
    const busy = this._busy === handle ? 'true' : 'false';
    const id = `note-${handle.replace(/[^a-z0-9_-]/gi, '_')}`;
    return html`<li class="request">
      <div class="who">
        <span class="name" role="button" tabindex="0" aria-haspopup="dialog" aria-expanded="false" data-hearth-person=${handle}>${name}</span>
        <span class="meta dots">${dots([title ?? '', this.#when(r, 'asked')].filter(Boolean))}</span>
      </div>
      <div class="decide">
        <button class="approve primary" aria-label=${t(lang, 'approveLabel', { name })} aria-disabled=${busy} @click=${() => this.#decide(r, 'approve')}>
          ${t(lang, 'approve')}
        </button>
        <button class="refuse" aria-label=${t(lang, 'refuseLabel', { name })} aria-disabled=${busy} @click=${() => this.#decide(r, 'refuse')}>
          ${t(lang, 'refuse')}
        </button>
      </div>
      <details ?open=${Boolean(this.#notes.get(handle))}>
        <summary>${t(lang, 'note', { name })}</summary>
        <input
          id=${id}
          class="note"
          type="text"
          maxlength="500"
          aria-label=${t(lang, 'note', { name })}
          aria-describedby="${id}-hint"
          .value=${this.#notes.get(handle) ?? ''}
          @input=${(e: Event) => this.#notes.set(handle, (e.target as HTMLInputElement).value)}
        />
        <p class="hint" id="${id}-hint">${t(lang, 'noteHint')}</p>
      </details>
    </li>`;
  }
}
