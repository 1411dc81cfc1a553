import { css, html, nothing, type PropertyValues } from 'lit';
import { adopt } from '../runtime/adopt.ts';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft } from '../runtime/drafts.ts';
import { isAbort } from '../runtime/errors.ts';
import { dots } from '../runtime/dots.ts';
import { formatNumber } from '../runtime/i18n.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { feedPack, t } from './strings.ts';
import { errorStrings, errorText } from '../runtime/strings.ts';
import { HearthPart } from '../runtime/hearth-part.ts';
import type { FragmentSuggestions } from './suggest.ts';
import type { MentionScope } from './mention-suggest.ts';
import type { PlacedNote } from './placing.ts';
import type { CommunitySummary } from '@hearth/contracts';
import { listCommunities } from '../runtime/api.ts';

/** The composer's own words, in its chunk: a feed that only reads never downloads them. */
export const composerStrings = defineStrings(feedPack, 'composer', {
  count: '{n} / {max}',
  tooLong_one: '{n} character too many',
  tooLong_other: '{n} characters too many',
  postTo: 'Post to',
  companyWide: 'Company-wide',
  placesFailed: 'Your communities could not be loaded, so you can post company-wide only.',
});

/** Same limit as the contract's `POST_BODY_MAX` (importing it would pull zod into the bundle). */
export const BODY_MAX = 5000;
const WARN_AT = 4500;

/**
 * Sends the text (to `community`, when the composer lets the author choose: null is
 * company-wide); rejects with an Error whose message can be shown to the person. A note back
 * says the post is stored but not in the list on show.
 */
export type SendText = (body: string, idempotencyKey: string, community?: string | null) => Promise<void | PlacedNote | null>;

/** Where the author last chose to post, per API (localStorage); '' is company-wide. */
const placeKey = (apiBase: string) => `hearth:place:${apiBase}`;
function lastPlace(apiBase: string): string {
  try {
    return localStorage.getItem(placeKey(apiBase)) ?? '';
  } catch {
    // Storage can be disabled (sandboxed iframes, some private modes).
    return '';
  }
}
function rememberPlace(apiBase: string, slug: string): void {
  try {
    localStorage.setItem(placeKey(apiBase), slug);
  } catch {
    // As above: the choice is then not remembered.
  }
}

let ids = 0;

type Suggestions = FragmentSuggestions<unknown>;
/**
 * The composer's suggestions, each a chunk loaded the first time its sign is typed before the
 * caret: `#` tags, `@` people.
 */
const SUGGESTERS: ReadonlyArray<{ sign: RegExp; load: (composer: HearthFeedComposer, root: Node, id: string) => Promise<Suggestions> }> = [
  {
    sign: /#[^\s#]+$/u,
    load: (composer, root, id) => import('./tag-suggest.ts').then(({ TagSuggestions }) => new TagSuggestions(composer, root, id) as Suggestions),
  },
  {
    sign: /@[^\s@]+$/u,
    load: (composer, root, id) =>
      import('./mention-suggest.ts').then(({ MentionSuggestions }) => new MentionSuggestions(composer, root, id) as Suggestions),
  },
];

/**
 * The composer's look (new post, reply box, edit form), in its chunk and adopted into the feed's
 * shadow root when the first composer connects: a feed that only reads never downloads it.
 */
const composerStyles = css`
  .composer {
    display: flex;
    flex-direction: column;
    gap: calc(0.4 * var(--_space));
  }
  .new-post .composer {
    padding: calc(0.9 * var(--_space)) var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .composer-label {
    font-weight: 600;
  }
  hearth-feed-post .composer-label {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  textarea {
    width: 100%;
    min-height: 2.6em;
    resize: vertical;
    padding: calc(0.5 * var(--_space)) calc(0.65 * var(--_space));
    background: var(--_surface);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    line-height: 1.4;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .composer-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: calc(0.5 * var(--_space));
  }
  .count {
    margin-inline-end: auto;
    font-size: 0.85em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .count.near {
    color: var(--_warn);
  }
  .count.over {
    color: var(--_danger);
    font-weight: 600;
  }
  .place {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.4 * var(--_space));
  }
  .place select {
    max-width: 100%;
    min-height: max(24px, 1.8em);
    padding-inline: calc(0.4 * var(--_space));
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
  }
  .placed {
    margin: 0;
    padding: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    border-inline-start: 3px solid var(--_accent);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_accent) 10%, var(--_surface));
    overflow-wrap: anywhere;
  }
  .placed a {
    color: var(--_accent);
    margin-inline-start: calc(0.3 * var(--_space));
  }
`;

/**
 * A text box that sends what is written: the feed's composer, the reply box and the edit form.
 * It renders into the feed's shadow root (no shadow root of its own) and uses the feed's styles.
 * With a `scope` the draft and its idempotency key are kept in localStorage until the send
 * succeeds; on failure the message and a Retry button appear and the text stays. Signed in,
 * typing `#` and a letter suggests tags, and `@` and a letter people (in a restricted
 * `mentionScope`, its members only): a combobox under the textarea.
 *
 * @summary Writes a post, a reply or an edit, keeping the draft until the server confirms it.
 * @tagname hearth-feed-composer
 * @csspart composer - The form.
 * @csspart suggestions - The list of suggested tags or people.
 */
export class HearthFeedComposer extends HearthPart {
  static override properties = {
    label: { type: String },
    action: { type: String },
    scope: { type: String },
    initial: { type: String },
    rows: { type: Number },
    send: { attribute: false },
    cancel: { attribute: false },
    mentionScope: { attribute: false },
    places: { attribute: false },
    list: { attribute: false },
    _body: { state: true },
    _place: { state: true },
    _communities: { state: true },
    _placed: { state: true },
    _busy: { state: true },
    _error: { state: true },
  };

  /** The textarea's accessible name, shown as its label. */
  declare label: string;
  /** The submit button's text. */
  declare action: string;
  /** Where the draft is kept in localStorage; empty: not kept (edits). */
  declare scope: string;
  /** The text to start from when there is no draft. */
  declare initial: string;
  /** The textarea's height in lines. */
  declare rows: number;
  /** Sends the text. */
  declare send: SendText | null;
  /** Shows a Cancel button that calls this. */
  declare cancel: (() => void) | null;
  /** The community written in, if any: in a restricted one `@` suggests its members only. */
  declare mentionScope: MentionScope | null;
  /** The author chooses where to post: company-wide or one of their communities. */
  declare places: boolean;
  /** The list on show (any value; a new one is another list): the note about the last post goes with it. */
  declare list: unknown;
  /** The chosen community's slug; '' is company-wide. */
  declare _place: string;
  /** The communities the author is a member of; null while loading, 'error' if they could not be. */
  declare _communities: CommunitySummary[] | null | 'error';
  /** The last post went where the list on show does not: said, with a link to it. */
  declare _placed: PlacedNote | null;
  declare _body: string;
  declare _busy: boolean;
  declare _error: string;

  #id = `composer-${++ids}`;
  /** The key of the last attempt to send the current text; a retry reuses it. */
  #key: string | null = null;
  /**
   * The tag and people suggestions (by SUGGESTERS' order), each loaded with its own chunk the
   * first time someone types its sign: most visits never do, and the feed's page budget is tight.
   */
  #suggestions: Array<Suggestions | 'loading' | undefined> = [];

  constructor() {
    super();
    this.label = '';
    this.action = '';
    this.scope = '';
    this.initial = '';
    this.rows = 3;
    this.send = null;
    this.cancel = null;
    this.mentionScope = null;
    this.places = false;
    this.list = null;
    this._place = '';
    this._communities = null;
    this._placed = null;
    this._body = '';
    this._busy = false;
    this._error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), composerStyles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('scope') || changed.has('initial')) {
      const draft = this.scope ? loadDraft(this.scope) : null;
      this._body = draft?.body ?? this.initial;
      this.#key = draft?.key ?? null;
    }
    if (this.places && this.scopeChanged(changed, ['places'])) void this.#loadPlaces();
    // "Not in this list" is about the list it was said under.
    if (changed.has('list')) this._placed = null;
  }

  /** The author's communities (at most the directory's 100), and their last choice among them. */
  async #loadPlaces(): Promise<void> {
    const apiBase = this.apiBase;
    this._communities = null;
    try {
      const { items } = await listCommunities(this.client, { limit: 100 });
      this._communities = items
        .filter((c) => c.state === 'active' && (c.membership === 'member' || c.membership === 'manager'))
        .map(({ slug, name, visibility }) => ({ slug, name, visibility }))
        .sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      this._communities = 'error';
    }
    const last = lastPlace(apiBase);
    this.#choose(Array.isArray(this._communities) && this._communities.some((c) => c.slug === last) ? last : '');
  }

  #choose(slug: string): void {
    this._place = slug;
    // In a restricted community, `@` suggests its members only.
    this.mentionScope = (Array.isArray(this._communities) && this._communities.find((c) => c.slug === slug)) || null;
  }

  #onPlace(event: Event): void {
    this.#choose((event.target as HTMLSelectElement).value);
    rememberPlace(this.apiBase, this._place);
  }

  /** Puts the caret in the textarea, at the end of the text. */
  override focus(): void {
    const textarea = this.querySelector('textarea');
    textarea?.focus();
    textarea?.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  // Shown with aria-disabled rather than disabled: a disabled button drops keyboard focus to the
  // page the moment it is clicked (busy) or its text is sent (empty).
  get #sendable(): boolean {
    return !this._busy && this._body.trim().length > 0 && this._body.length <= BODY_MAX;
  }

  #onInput(event: Event): void {
    this._body = (event.target as HTMLTextAreaElement).value;
    // New text is a new draft: its first send gets a new key.
    this.#key = null;
    if (this.scope) saveDraft(this.scope, { body: this._body, key: null });
    this.#onCaret(event);
  }

  /** The API root, for the people suggestions' cache. */
  get apiBase(): string {
    return this.session?.config.apiBase ?? '';
  }

  /** The list on show, if any. */
  get #open(): Suggestions | undefined {
    return this.#suggestions.find((s): s is Suggestions => typeof s === 'object' && s.list.open);
  }

  /** Typing, clicking or arrowing in the text: offers tags for a `#fragment`, people for an `@fragment` at the caret. */
  #onCaret(event: Event): void {
    const area = event.target as HTMLTextAreaElement;
    SUGGESTERS.forEach(({ sign, load }, i) => {
      const loaded = this.#suggestions[i];
      if (typeof loaded === 'object') return loaded.sync(area);
      if (!this.session || loaded || !sign.test(area.value.slice(0, area.selectionEnd))) return;
      this.#suggestions[i] = 'loading';
      void load(this, this.getRootNode(), this.#id).then(
        (suggestions) => {
          this.#suggestions[i] = suggestions;
          suggestions.sync(area);
        },
        // Offline or a new deployment: no suggestions this time; the next sign tries again.
        () => (this.#suggestions[i] = undefined),
      );
    });
  }

  #onBlur(): void {
    for (const s of this.#suggestions) if (typeof s === 'object') s.list.close();
  }

  #onKeydown(event: KeyboardEvent): void {
    if (this.#open?.list.keydown(event)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.#submit();
    }
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    void this.#submit();
  }

  async #submit(): Promise<void> {
    if (!this.#sendable || !this.send) return;
    const body = this._body;
    const key = (this.#key ??= newIdempotencyKey());
    // Stored with the key before sending, so even a reload mid-request retries with the same key.
    if (this.scope) saveDraft(this.scope, { body, key });
    this._busy = true;
    this._error = '';
    this._placed = null;
    try {
      this._placed = (await this.send(body, key, this.places ? this._place || null : undefined)) || null;
      if (this.scope) clearDraft(this.scope);
      this._body = '';
      this.#key = null;
    } catch (error) {
      if (!isAbort(error)) this._error = errorText(this.locale, error);
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    const id = this.#id;
    const length = this._body.length;
    const over = length - BODY_MAX;
    const state = over > 0 ? 'over' : length >= WARN_AT ? 'near' : '';
    const suggestions = this.#suggestions.filter((s): s is Suggestions => typeof s === 'object').map((s) => s.list);
    const list = suggestions.find((l) => l.open);
    // A textarea may not take role="combobox" (ARIA in HTML) nor aria-expanded (textbox role),
    // so it is a textbox with list autocomplete: aria-controls names the listbox while it is
    // shown, aria-activedescendant its active option, and a live status says how many appeared.
    return html`<form class="composer" part="composer" @submit=${this.#onSubmit}>
      <label class="composer-label" for=${id}>${this.label}</label>
      ${this.places ? this.#renderPlaces() : nothing}
      <div class="field">
        <textarea
          id=${id}
          rows=${this.rows}
          .value=${this._body}
          ?readonly=${this._busy}
          aria-invalid=${over > 0 ? 'true' : 'false'}
          aria-describedby="${id}-count ${id}-error"
          aria-autocomplete=${this.session ? 'list' : nothing}
          aria-controls=${list ? list.id : nothing}
          aria-activedescendant=${list?.activeId ?? nothing}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @keyup=${this.#onCaret}
          @click=${this.#onCaret}
          @blur=${this.#onBlur}
        ></textarea>
        ${suggestions.map((l) => l.render())}
      </div>
      <div class="composer-bar">
        <span class="count dots ${state}" id="${id}-count"
          >${dots([
            composerStrings.t(this.locale, 'count', { n: formatNumber(this.locale, length), max: formatNumber(this.locale, BODY_MAX) }),
            over > 0 ? html`<span role="alert">${composerStrings.plural(this.locale, 'tooLong', over)}</span>` : nothing,
          ])}</span
        >
        ${this.cancel
          ? html`<button type="button" class="quiet" @click=${this.cancel}>${t(this.locale, 'cancel')}</button>`
          : nothing}
        <button class="primary" aria-disabled=${this.#sendable ? 'false' : 'true'}>${this.action}</button>
      </div>
      <div role="status">
        ${this._placed
          ? html`<p class="placed" part="placed">${this._placed.text}<a href=${this._placed.href}>${this._placed.label}</a></p>`
          : nothing}
      </div>
      <div id="${id}-error" role="alert">
        ${this._error
          ? html`<p class="message">
              ${this._error}
              <button type="button" @click=${() => void this.#submit()}>${errorStrings.t(this.locale, 'retry')}</button>
            </p>`
          : nothing}
      </div>
    </form>`;
  }

  /** Where to post: company-wide or one of the author's communities (a native select). */
  #renderPlaces() {
    const id = this.#id;
    const communities = this._communities;
    const { t: ct } = composerStrings;
    return html`<div class="place" part="place">
      <label for="${id}-place">${ct(this.locale, 'postTo')}</label>
      <select id="${id}-place" aria-busy=${communities === null ? 'true' : 'false'} ?disabled=${this._busy} @change=${this.#onPlace}>
        <option value="" ?selected=${!this._place}>${ct(this.locale, 'companyWide')}</option>
        ${Array.isArray(communities)
          ? communities.map((c) => html`<option value=${c.slug} ?selected=${c.slug === this._place}>${c.name}</option>`)
          : nothing}
      </select>
      ${communities === 'error'
        ? html`<span class="message" role="alert"
            >${ct(this.locale, 'placesFailed')}
            <button type="button" @click=${() => void this.#loadPlaces()}>${errorStrings.t(this.locale, 'retry')}</button></span
          >`
        : nothing}
    </div>`;
  }
}
