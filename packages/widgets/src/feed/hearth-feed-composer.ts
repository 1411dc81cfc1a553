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

/** The composer's own words, in its chunk: a feed that only reads never downloads them. */
export const composerStrings = defineStrings(feedPack, 'composer', {
  count: '{n} / {max}',
  tooLong_one: '{n} character too many',
  tooLong_other: '{n} characters too many',
});

/** Same limit as the contract's `POST_BODY_MAX` (importing it would pull zod into the bundle). */
export const BODY_MAX = 5000;
const WARN_AT = 4500;

/** Sends the text; rejects with an Error whose message can be shown to the person. */
export type SendText = (body: string, idempotencyKey: string) => Promise<void>;

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
    _body: { state: true },
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
    try {
      await this.send(body, key);
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
}
