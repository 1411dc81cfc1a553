import { css, html, nothing, type PropertyValues } from 'lit';
import type { Community, JoinPolicy, Visibility } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { listCommunities, setMembership } from '../runtime/api.ts';
import type { HearthClient } from '../runtime/client.ts';
import { HearthError } from '../runtime/errors.ts';
import { HearthPart } from '../runtime/hearth-part.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { failureBox } from '../runtime/state.ts';
import { errorText } from '../runtime/strings.ts';
import { dots } from '../runtime/dots.ts';
import { cardPack, plural, t as tc } from './strings.ts';

/*
 * The card's directory view (`<hearth-community-card directory>`): the communities, most active
 * first, each with its join button, and for admins a "New community" form. A chunk of its own,
 * fetched only by a card in directory mode.
 */

export const directoryStrings = defineStrings(cardPack, 'directory', {
  heading: 'Communities',
  empty: 'No communities yet.',
  loadFailed: 'The communities could not be loaded.',
  signedOut: 'You are signed out. Sign in to see the communities.',
  create: 'New community',
  createHeading: 'A new community',
  name: 'Name',
  slug: 'Address',
  slugHint: 'Lowercase letters, digits and dashes: it is part of the community’s link.',
  purpose: 'Purpose',
  purposeHint: 'Say in a sentence why this community exists: people decide to join on it.',
  visibility: 'Who can see it',
  visibility_open: 'Everyone (open)',
  visibility_restricted: 'Members only (restricted)',
  joinPolicy: 'Who can join',
  policy_open: 'Anyone (open)',
  policy_request: 'On request, approved by a manager',
  policy_invite: 'By invitation only',
  submit: 'Create',
  cancel: 'Cancel',
  created: '{name} was created. You manage it.',
  required: 'This is required.',
  joinLabel: '{action}: {name}',
});
const { t } = directoryStrings;

type Field = 'name' | 'slug' | 'purpose' | 'visibility' | 'joinPolicy';
const FIELDS: readonly Field[] = ['name', 'slug', 'purpose', 'visibility', 'joinPolicy'];

const styles = css`
  .directory {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
  }
  .directory-top {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: calc(0.5 * var(--_space));
  }
  .directory h2,
  .directory h3 {
    margin: 0;
  }
  /* Names, not the card's small capital section labels. */
  .directory h3 {
    font-size: 1.05em;
    text-transform: none;
    letter-spacing: normal;
    color: var(--_text);
  }
  .entries {
    display: flex;
    flex-direction: column;
  }
  .entry {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(0.4 * var(--_space)) var(--_space);
    padding-block: calc(0.6 * var(--_space));
    border-top: 1px solid var(--_border);
  }
  .entry .title {
    flex: 1 1 14em;
    min-width: 0;
  }
  .entry p {
    margin: calc(0.2 * var(--_space)) 0 0;
  }
  .entry .sub {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .create {
    display: flex;
    flex-direction: column;
    gap: calc(0.6 * var(--_space));
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(0.25 * var(--_space));
  }
  .field label {
    font-weight: 600;
  }
  .field .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .field .message {
    margin: 0;
  }
  .create input,
  .create select,
  .create textarea {
    font: inherit;
    color: inherit;
    min-width: 0;
    padding: calc(0.35 * var(--_space)) calc(0.6 * var(--_space));
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .create textarea {
    min-height: 4em;
    resize: vertical;
  }
  .create [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.5 * var(--_space));
  }
`;

export const createCommunity = (c: HearthClient, body: Record<string, unknown>) =>
  c.call<Community>('communities', { method: 'post', json: body });

/** A slug from a name: "Design Guild" → "design-guild" (accents dropped). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** `<hearth-community-directory>`: the directory view of a community card (a part, in the card's shadow root). */
export default class HearthCommunityDirectory extends HearthPart {
  static override usesMe = true;
  static override properties = {
    _creating: { state: true },
    _busy: { state: true },
    _said: { state: true },
    _error: { state: true },
    _fieldErrors: { state: true },
  };

  declare _creating: boolean;
  declare _busy: string;
  declare _said: string;
  declare _error: HearthError | null;
  declare _fieldErrors: Partial<Record<Field, string>>;

  #list = new Loader<Community[]>(this);
  /** What is typed in the form, kept over errors and over closing it. */
  #draft: Record<Field, string> = { name: '', slug: '', purpose: '', visibility: 'open', joinPolicy: 'open' };
  /** The address was typed by hand: it no longer follows the name. */
  #slugTyped = false;

  constructor() {
    super();
    this._creating = false;
    this._busy = '';
    this._said = '';
    this._error = null;
    this._fieldErrors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), styles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.scopeChanged(changed, [])) void this.reload();
  }

  override reload(): Promise<void> {
    return this.#list.run(async (signal) => (await listCommunities(this.client, {}, signal)).items);
  }

  get #admin(): boolean {
    const me = this.me?.value;
    return me?.status === 'signed-in' && me.me.roles.includes('admin');
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  async #join(c: Community): Promise<void> {
    if (this._busy) return;
    this._busy = c.slug;
    this._error = null;
    const join = c.membership === 'none' || c.membership === 'invited';
    try {
      const result = await setMembership(this.client, c.slug, join);
      this.#list.set((this.#list.value ?? []).map((x) => (x.slug === c.slug ? { ...x, ...result } : x)));
      const inside = result.membership === 'member' || result.membership === 'manager';
      this._said = tc(this.locale, inside ? 'joined' : result.membership === 'pending' ? 'requested' : 'withdrawn', { name: c.name });
    } catch (error) {
      this._error = error instanceof HearthError ? error : HearthError.network();
    } finally {
      this._busy = '';
    }
  }

  readonly #open = () => {
    this._creating = true;
    void this.#focus('#new-name');
  };

  readonly #close = () => {
    this._creating = false;
    this._fieldErrors = {};
    void this.#focus('.new');
  };

  readonly #input = (event: Event) => {
    const target = event.target as HTMLInputElement;
    const field = target.name as Field;
    this.#draft[field] = target.value;
    if (field === 'slug') this.#slugTyped = target.value !== '';
    if (field === 'name' && !this.#slugTyped) this.#draft.slug = slugify(target.value);
    if (this._fieldErrors[field]) this._fieldErrors = { ...this._fieldErrors, [field]: undefined };
    this.requestUpdate();
  };

  readonly #submit = async (event: Event) => {
    event.preventDefault();
    if (this._busy) return;
    const lang = this.locale;
    const d = this.#draft;
    // Said at once, before asking the server (which says the same for anything else).
    const missing: Partial<Record<Field, string>> = {};
    for (const f of ['name', 'slug', 'purpose'] as const) if (!d[f].trim()) missing[f] = t(lang, 'required');
    this._fieldErrors = missing;
    this._error = null;
    const first = FIELDS.find((f) => missing[f]);
    if (first) return void this.#focus(`#new-${first}`);
    const me = this.me?.value;
    this._busy = 'create';
    try {
      const created = await createCommunity(this.client, {
        name: d.name.trim(),
        slug: d.slug.trim(),
        purpose: d.purpose.trim(),
        visibility: d.visibility as Visibility,
        joinPolicy: d.joinPolicy as JoinPolicy,
        managers: me?.status === 'signed-in' ? [me.me.handle] : [],
      });
      this.#list.set([created, ...(this.#list.value ?? [])]);
      this.#draft = { name: '', slug: '', purpose: '', visibility: 'open', joinPolicy: 'open' };
      this.#slugTyped = false;
      this._creating = false;
      this._said = t(lang, 'created', { name: created.name });
      void this.#focus(`#c-${created.slug}`);
    } catch (error) {
      const e = error instanceof HearthError ? error : HearthError.network();
      // Each 400 reason beside its field ("body.purpose" → purpose); the rest above the form.
      const byField: Partial<Record<Field, string>> = {};
      for (const issue of e.status === 400 ? (e.problem?.errors ?? []) : []) {
        const field = issue.path.split('.').at(-1) as Field;
        if (FIELDS.includes(field) && !byField[field]) byField[field] = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
      }
      this._fieldErrors = byField;
      const wrong = FIELDS.find((f) => byField[f]);
      if (wrong) void this.#focus(`#new-${wrong}`);
      else this._error = e;
    } finally {
      this._busy = '';
    }
  };

  protected override render() {
    const lang = this.locale;
    const list = this.#list;
    return html`<section class="card directory" part="card directory" aria-labelledby="directory-heading">
      <div class="directory-top">
        <h2 id="directory-heading" part="name">${t(lang, 'heading')}</h2>
        ${this.#admin && !this._creating
          ? html`<button class="new primary" part="new" aria-expanded="false" @click=${this.#open}>${t(lang, 'create')}</button>`
          : nothing}
      </div>
      ${this._creating ? this.#renderForm() : nothing}
      ${this._error ? html`<p class="message" role="alert">${errorText(lang, this._error)}</p>` : nothing}
      <p class="vh" role="status">${this._said}</p>
      ${failureBox(lang, list, { failed: t(lang, 'loadFailed'), signedOut: t(lang, 'signedOut') }, this.retry) ??
      (!list.value
          ? html`<span class="block list" aria-hidden="true"></span>`
          : list.value.length
            ? html`<ul class="entries" part="entries">
                ${list.value.map((c) => this.#renderEntry(c))}
              </ul>`
            : html`<p class="empty">${t(lang, 'empty')}</p>`)}
    </section>`;
  }

  #renderEntry(c: Community) {
    const lang = this.locale;
    const m = c.membership;
    const facts = [
      tc(lang, c.visibility),
      c.memberCount === null ? '' : plural(lang, 'members', c.memberCount),
      c.activity ? plural(lang, 'posts', c.activity.posts30d) : '',
    ].filter(Boolean);
    let action: 'join' | 'request' | 'accept' | null = null;
    let label: 'member' | 'manager' | 'pending' | 'byInvitation' | null = null;
    if (m === 'member' || m === 'manager' || m === 'pending') label = m;
    else if (m === 'invited') action = 'accept';
    else if (c.joinPolicy === 'invite') label = 'byInvitation';
    else action = c.joinPolicy === 'open' ? 'join' : 'request';
    return html`<li class="entry" part="entry">
      <div class="title">
        <h3 id="c-${c.slug}" tabindex="-1">${c.name}</h3>
        <p class="sub dots">${dots(facts)}</p>
        <p class="purpose">${c.purpose}</p>
      </div>
      ${action
        ? html`<button
            class="primary"
            aria-label=${t(lang, 'joinLabel', { action: tc(lang, action), name: c.name })}
            aria-disabled=${this._busy ? 'true' : 'false'}
            @click=${() => this.#join(c)}
          >
            ${tc(lang, action)}
          </button>`
        : label
          ? html`<span class="status">${tc(lang, label)}</span>`
          : nothing}
    </li>`;
  }

  #renderForm() {
    const lang = this.locale;
    const d = this.#draft;
    const errors = this._fieldErrors;
    const described = (f: Field, hint: boolean) => [hint ? `new-${f}-hint` : '', errors[f] ? `new-${f}-error` : ''].filter(Boolean).join(' ') || nothing;
    const error = (f: Field) => (errors[f] ? html`<p class="message" id="new-${f}-error">${errors[f]}</p>` : nothing);
    const invalid = (f: Field) => (errors[f] ? 'true' : 'false');
    return html`<form class="create" part="create" aria-labelledby="new-heading" novalidate @submit=${this.#submit} @input=${this.#input}>
      <h3 id="new-heading">${t(lang, 'createHeading')}</h3>
      <div class="field">
        <label for="new-name">${t(lang, 'name')}</label>
        <input id="new-name" name="name" required maxlength="80" .value=${d.name} aria-invalid=${invalid('name')} aria-describedby=${described('name', false)} />
        ${error('name')}
      </div>
      <div class="field">
        <label for="new-slug">${t(lang, 'slug')}</label>
        <p class="hint" id="new-slug-hint">${t(lang, 'slugHint')}</p>
        <input id="new-slug" name="slug" required spellcheck="false" .value=${d.slug} aria-invalid=${invalid('slug')} aria-describedby=${described('slug', true)} />
        ${error('slug')}
      </div>
      <div class="field">
        <label for="new-purpose">${t(lang, 'purpose')}</label>
        <p class="hint" id="new-purpose-hint">${t(lang, 'purposeHint')}</p>
        <textarea id="new-purpose" name="purpose" required maxlength="280" .value=${d.purpose} aria-invalid=${invalid('purpose')} aria-describedby=${described('purpose', true)}></textarea>
        ${error('purpose')}
      </div>
      <div class="field">
        <label for="new-visibility">${t(lang, 'visibility')}</label>
        <select id="new-visibility" name="visibility" .value=${d.visibility} @change=${this.#input}>
          ${(['open', 'restricted'] as const).map((v) => html`<option value=${v} ?selected=${d.visibility === v}>${t(lang, `visibility_${v}`)}</option>`)}
        </select>
        ${error('visibility')}
      </div>
      <div class="field">
        <label for="new-joinPolicy">${t(lang, 'joinPolicy')}</label>
        <select id="new-joinPolicy" name="joinPolicy" .value=${d.joinPolicy} @change=${this.#input}>
          ${(['open', 'request', 'invite'] as const).map((p) => html`<option value=${p} ?selected=${d.joinPolicy === p}>${t(lang, `policy_${p}`)}</option>`)}
        </select>
        ${error('joinPolicy')}
      </div>
      <div class="buttons">
        <button type="submit" class="primary" aria-disabled=${this._busy === 'create' ? 'true' : 'false'}>${t(lang, 'submit')}</button>
        <button type="button" class="quiet" @click=${this.#close}>${t(lang, 'cancel')}</button>
      </div>
    </form>`;
  }
}
