import { html, nothing, type ReactiveControllerHost } from 'lit';
import { normalizeTag } from '@hearth/contracts/text';
import type { HearthClient } from '../runtime/client.ts';
import { type Message, say, t } from './strings.ts';
import type { TagCombobox } from '../runtime/tag-combobox.ts';

import { MAX_TAGS } from './topics.ts';

/** What the tag field reads and changes of the form it is in. */
export interface TagFieldForm {
  /** The chosen tags. */
  chips(): string[];
  setChips(chips: string[]): void;
  /** Why the last tag was refused; undefined: it was taken. */
  setError(error: Message | undefined): void;
  client(): HearthClient;
}

/**
 * The question form's tags: the chips, and a box that turns what is typed into a chip at a
 * comma, a space or Enter (Backspace in the empty box removes the last one), suggesting the
 * most used tags that start that way. The suggestions are the runtime's tag combobox, from its
 * own chunk, loaded the first time someone types a tag.
 */
export class TagField {
  /** What is typed in the box and not yet a chip. */
  text = '';
  #options: TagCombobox | null = null;
  #optionsLoading = false;
  /** The language the field was last shown in, for the suggestions' words. */
  #locale = 'en';
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #form: TagFieldForm;

  constructor(host: ReactiveControllerHost & HTMLElement, form: TagFieldForm) {
    this.#host = host;
    this.#form = form;
  }

  /** For the suggestions (ComboboxHost): where they come from, and in which language. */
  get client(): HearthClient {
    return this.#form.client();
  }

  get locale(): string {
    return this.#locale;
  }

  requestUpdate(): void {
    this.#host.requestUpdate();
  }

  #setText(text: string): void {
    this.text = text;
    this.#host.requestUpdate();
  }

  /** Adds what is typed but not yet added, so it is not lost (the form does before asking). */
  flush(): void {
    if (this.text) this.add(this.text);
  }

  /** Closes the suggestions and stops looking them up (the form left the page). */
  close(): void {
    this.#options?.close();
  }

  add(raw: string): void {
    const tag = normalizeTag(raw);
    const chips = this.#form.chips();
    let error: Message | undefined;
    if (!tag) error = say('badTag');
    else if (!chips.includes(tag)) {
      if (chips.length >= MAX_TAGS) error = say('tooManyTags');
      else this.#form.setChips([...chips, tag]);
    }
    this.#form.setError(error);
    if (error) return;
    this.#setText('');
    this.close();
  }

  async #remove(tag: string): Promise<void> {
    this.#form.setChips(this.#form.chips().filter((chip) => chip !== tag));
    await this.#host.updateComplete;
    // The chip's button is gone with it: carry on in the tag box.
    this.#host.querySelector<HTMLInputElement>('#tags')?.focus();
  }

  readonly #onInput = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    // A comma or space ends a tag, also in pasted text: "helm, kubernetes" becomes two chips.
    const parts = value.split(/[\s,]+/);
    const rest = parts.pop() ?? '';
    for (const part of parts) if (part) this.add(part);
    this.#setText(rest);
    if (this.#options) return this.#options.query(normalizeTag(rest), this.#form.chips());
    if (this.#optionsLoading) return;
    this.#optionsLoading = true;
    import('../runtime/tag-combobox.ts').then(
      ({ TagCombobox }) => {
        this.#options = new TagCombobox(this, this.#host.getRootNode(), { id: 'tag-options', option: 'tag-option', limit: 6, choose: (tag) => this.add(tag) });
        this.#options.query(normalizeTag(this.text), this.#form.chips());
      },
      // Offline or a new deployment: no suggestions this time; the next keystroke tries again.
      () => (this.#optionsLoading = false),
    );
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (this.#options?.keydown(event)) return;
    const chips = this.#form.chips();
    if (event.key === 'Enter' && this.text) this.add(this.text);
    else if (event.key === 'Backspace' && !this.text && chips.length) void this.#remove(chips.at(-1)!);
    // Enter with nothing typed asks the question, as in any form.
    else return;
    event.preventDefault();
  };

  readonly #onBlur = (): void => {
    this.flush();
    this.close();
  };

  /** The label, the chips with the box, the hint and `error`. */
  render(locale: string, error: Message | undefined) {
    this.#locale = locale;
    const options = this.#options;
    return html`<label for="tags">${t(locale, 'tags')}</label>
      <div class="tag-field">
        <ul class="chips" aria-label=${t(locale, 'tags')}>
          ${this.#form.chips().map(
            (tag) => html`<li class="chip">
              #${tag}<button type="button" class="remove" aria-label=${t(locale, 'removeTag', { tag })} @click=${() => this.#remove(tag)}>
                ×
              </button>
            </li>`,
          )}
        </ul>
        <input
          id="tags"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${options?.open ? 'true' : 'false'}
          aria-controls=${options?.open ? 'tag-options' : nothing}
          aria-activedescendant=${options?.activeId ?? nothing}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="tags-hint tags-error"
          .value=${this.text}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @blur=${this.#onBlur}
        />
        ${options?.render()}
      </div>
      <p class="hint" id="tags-hint">${t(locale, 'tagsHint')}</p>
      <p class="error" id="tags-error">${error?.(locale) ?? ''}</p>`;
  }
}
