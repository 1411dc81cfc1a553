import { css, html, nothing, type PropertyValues } from 'lit';
import type { WatchKeyword, WatchKeywordList } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { HearthError } from '../runtime/errors.ts';
import { HearthPart } from '../runtime/hearth-part.ts';
import { defineStrings, formatDate, formatRelative } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { errorText } from '../runtime/strings.ts';
import { addWatchKeyword, listWatchKeywords, removeWatchKeyword } from './api.ts';
import { skeleton, type Message } from './parts.ts';
import { moderationPack, t as tm } from './strings.ts';

/** The watch list's words, in its chunk (their translations are in the widget's language packs). */
export const keywordStrings = defineStrings(moderationPack, 'keywords', {
  intro: 'New posts, questions and answers that match a word or pattern here enter the queue to be reviewed. Nothing is hidden automatically.',
  patternLabel: 'Word or pattern',
  patternHint: 'A word matches whole, ignoring case. A regular expression is checked to be safe to run.',
  regexLabel: 'Regular expression',
  add: 'Add',
  adding: 'Adding…',
  required: 'Type a word or a pattern.',
  word: 'word',
  regex: 'pattern',
  added: 'added {when}',
  remove: 'Remove',
  removing: 'Removing…',
  removeLabel: 'Remove {pattern}',
  listLabel: 'Watched words and patterns',
  empty: 'The watch list is empty.',
  loadFailed: 'The watch list could not be loaded.',
  said_add: '{pattern} is watched now.',
  said_remove: '{pattern} is no longer watched.',
});

const { t } = keywordStrings;

const styles = css`
  .keyword-form {
    display: flex;
    flex-direction: column;
    gap: calc(0.5 * var(--_space));
  }
  .field-label {
    font-weight: 600;
  }
  .field {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.5 * var(--_space));
    align-items: center;
  }
  input[type='text'] {
    flex: 1 1 12em;
    min-width: 0;
    padding: calc(0.4 * var(--_space)) calc(0.6 * var(--_space));
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .check {
    display: inline-flex;
    gap: 0.4em;
    align-items: center;
  }
  input[type='checkbox'] {
    width: 1.1em;
    height: 1.1em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .keywords {
    display: flex;
    flex-direction: column;
    padding-block: calc(0.3 * var(--_space));
    list-style: none;
  }
  /* The pattern and what it is on the start side, Remove on the end side of the row. */
  .keyword {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: calc(0.2 * var(--_space)) calc(0.6 * var(--_space));
    align-items: center;
    padding-block: calc(0.55 * var(--_space));
    border-top: 1px solid var(--_border);
  }
  .keyword:first-child {
    border-top: 0;
  }
  .keyword > div {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.2 * var(--_space)) calc(0.6 * var(--_space));
    align-items: baseline;
    min-width: 0;
  }
  .keyword code {
    min-width: 0;
    padding: 0.1em 0.4em;
    border-radius: 0.3em;
    background: var(--_subtle);
    overflow-wrap: anywhere;
  }
  .keyword .message {
    grid-column: 1 / -1;
  }
`;

/**
 * The admins' keyword watch list: new content matching a word (whole, ignoring case) or a
 * regular expression enters the queue without being hidden. Add one (the server's reasons for
 * refusing it are shown beside the field, which keeps what was typed), or remove one.
 */
export class HearthModerationKeywords extends HearthPart {
  static override properties = {
    _pattern: { state: true },
    _regex: { state: true },
    _adding: { state: true },
    _addError: { state: true },
    _said: { state: true },
  };

  declare _pattern: string;
  declare _regex: boolean;
  declare _adding: boolean;
  /** Said in the language of each render, so it follows a language switch. */
  declare _addError: Message | null;
  declare _said: string;

  #list = new Loader<WatchKeywordList>(this);
  /** Keywords being removed, and why a removal failed, by id. */
  #removing = new Set<number>();
  #removeErrors = new Map<number, Message>();

  constructor() {
    super();
    this._pattern = '';
    this._regex = false;
    this._adding = false;
    this._addError = null;
    this._said = '';
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
    const { client } = this;
    this.#removeErrors.clear();
    return this.#list.run((signal) => listWatchKeywords(client, signal));
  }

  async #add(event: Event): Promise<void> {
    event.preventDefault();
    if (this._adding) return;
    const pattern = this._pattern.trim();
    if (!pattern) {
      this._addError = (locale) => t(locale, 'required');
      this.querySelector<HTMLInputElement>('#pattern')?.focus();
      return;
    }
    this._adding = true;
    this._addError = null;
    try {
      const added = await addWatchKeyword(this.client, { pattern, regex: this._regex });
      const list = this.#list.value;
      if (list) this.#list.set({ items: [...list.items.filter((k) => k.id !== added.id), added] });
      this._pattern = '';
      this._regex = false;
      this._said = t(this.locale, 'said_add', { pattern: added.pattern });
    } catch (error) {
      const failure = error instanceof HearthError ? error : HearthError.network();
      this._addError = (locale) => errorText(locale, failure);
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('#pattern')?.focus();
    } finally {
      this._adding = false;
    }
  }

  async #remove(keyword: WatchKeyword): Promise<void> {
    if (this.#removing.has(keyword.id)) return;
    this.#removing.add(keyword.id);
    this.#removeErrors.delete(keyword.id);
    this.requestUpdate();
    try {
      await removeWatchKeyword(this.client, keyword.id);
      const list = this.#list.value;
      const index = list?.items.findIndex((k) => k.id === keyword.id) ?? -1;
      if (list) this.#list.set({ items: list.items.filter((k) => k.id !== keyword.id) });
      this._said = t(this.locale, 'said_remove', { pattern: keyword.pattern });
      // Focus goes to the next Remove button, or to the field when the list is empty.
      await this.updateComplete;
      const buttons = [...this.querySelectorAll<HTMLElement>('.keyword button')];
      (buttons[Math.min(index, buttons.length - 1)] ?? this.querySelector<HTMLElement>('#pattern'))?.focus();
    } catch (error) {
      const failure = error instanceof HearthError ? error : HearthError.network();
      this.#removeErrors.set(keyword.id, (locale) => errorText(locale, failure));
    } finally {
      this.#removing.delete(keyword.id);
      this.requestUpdate();
    }
  }

  protected override render() {
    const locale = this.locale;
    const error = this._addError;
    return html`<form class="keyword-form box" part="keyword-form" novalidate @submit=${(e: Event) => this.#add(e)}>
        <p class="hint">${t(locale, 'intro')}</p>
        <label class="field-label" for="pattern">${t(locale, 'patternLabel')}</label>
        <div class="field">
          <input
            id="pattern"
            type="text"
            maxlength="100"
            autocomplete="off"
            spellcheck="false"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'pattern-error pattern-hint' : 'pattern-hint'}
            .value=${this._pattern}
            @input=${(e: InputEvent) => (this._pattern = (e.target as HTMLInputElement).value)}
          />
          <label class="check">
            <input type="checkbox" .checked=${this._regex} @change=${(e: Event) => (this._regex = (e.target as HTMLInputElement).checked)} />
            ${t(locale, 'regexLabel')}
          </label>
          <button type="submit" class="primary" aria-disabled=${this._adding ? 'true' : 'false'}>${t(locale, this._adding ? 'adding' : 'add')}</button>
        </div>
        ${error ? html`<p class="message" id="pattern-error" role="alert">${error(this.locale)}</p>` : nothing}
        <p class="hint" id="pattern-hint">${t(locale, 'patternHint')}</p>
      </form>
      ${this.#renderList()}
      <p class="vh" role="status">${this._said}</p>`;
  }

  #renderList() {
    const locale = this.locale;
    const failed = failureBox(locale, this.#list, { failed: t(locale, 'loadFailed'), signedOut: tm(locale, 'signedOut') }, this.retry);
    if (failed) return failed;
    const list = this.#list.value;
    if (!list) return skeleton(tm(locale, 'loading'));
    if (list.items.length === 0) return stateBox(t(locale, 'empty'));
    return html`<ul class="keywords box" part="keywords" role="list" aria-label=${t(locale, 'listLabel')}>
      ${list.items.map((k) => {
        const busy = this.#removing.has(k.id);
        const error = this.#removeErrors.get(k.id);
        return html`<li class="keyword">
          <div>
            <code>${k.regex ? `/${k.pattern}/` : k.pattern}</code>
            <span class="meta">${t(locale, k.regex ? 'regex' : 'word')} ·
              <time datetime=${k.createdAt} title=${formatDate(locale, k.createdAt)}>${t(locale, 'added', { when: formatRelative(locale, k.createdAt) })}</time></span>
          </div>
          <button
            type="button"
            class="quiet"
            aria-label=${t(locale, 'removeLabel', { pattern: k.pattern })}
            aria-disabled=${busy ? 'true' : 'false'}
            @click=${() => this.#remove(k)}
          >
            ${t(locale, busy ? 'removing' : 'remove')}
          </button>
          ${error ? html`<p class="message" role="alert">${error(this.locale)}</p>` : nothing}
        </li>`;
      })}
    </ul>`;
  }
}
