import { css, html, nothing } from 'lit';
import { normalizeTag } from '@hearth/contracts/text';
import { adopt } from './adopt.ts';
import type { HearthClient } from './client.ts';
import type { TagCombobox } from './tag-combobox.ts';

/**
 * The field's styles, adopted into the widget's shadow root the first time it is shown: only
 * widgets that show one need them. The chips' own look (`.chip`) is the widget's.
 */
const styles = css`
  .tag-field {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.3 * var(--_space));
    padding: calc(0.25 * var(--_space));
    /* The field around the chips and the input is what reads as the control. */
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    container-type: inline-size;
  }
  .tag-field:focus-within {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .tag-field:has([aria-invalid='true']) {
    border-color: var(--_danger);
  }
  .tag-field input {
    flex: 1;
    min-width: 7em;
    width: auto;
    padding: calc(0.25 * var(--_space)) calc(0.4 * var(--_space));
    border: 0;
    outline: none;
    font: inherit;
    color: inherit;
    background: transparent;
  }
  .tag-field .chips {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.3 * var(--_space));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tag-field .chips:empty {
    display: none;
  }
  /* The field's own error, under its hint. */
  .tag-field ~ .error {
    color: var(--_danger);
    font-size: 0.87em;
    font-weight: 600;
  }
  .tag-field ~ .error:empty {
    display: none;
  }
  li.chip {
    padding-inline-end: calc(0.1 * var(--_space));
  }
  .chip .remove {
    min-width: max(24px, 1.6em);
    min-height: max(24px, 1.6em);
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    line-height: 1;
  }
`;

/** Why a tag was refused: not a tag, or one too many. */
export type Refusal = 'bad' | 'many';

/** What the tag field reads and changes of the form it is in, and its words and ids. */
export interface TagFieldForm {
  /** The chosen tags. */
  chips(): string[];
  setChips(chips: string[]): void;
  /** Why the last tag was refused; undefined: it was taken. */
  refuse(why: Refusal | undefined): void;
  client(): HearthClient;
  /** The field's words: its label, its hint, and the name of a chip's remove button. */
  text(locale: string, what: 'label' | 'hint' | 'remove', tag?: string): string;
  /** The box's id; the hint's and error's are `${describe}-hint` and `${describe}-error`, the suggestions' `${combo}-options`. */
  ids: { input: string; describe: string; combo: string };
  /** How many chips at most. */
  max: number;
  /** A key the field leaves alone (Enter with nothing typed, Escape...); true: the form used it. */
  key?(event: KeyboardEvent): boolean;
}

/** The element the field is in (a LitElement): what it draws into, and how to redraw. */
interface Host {
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * A form's tags (the question form's, your own card's skills): the chips, and a box that turns
 * what is typed into a chip at a comma, a space or Enter (Backspace in the empty box removes the
 * last one; leaving the box adds what is typed), suggesting the most used tags that start that
 * way. The suggestions are the runtime's tag combobox, from its own chunk, loaded the first time
 * someone types a tag.
 */
export class TagField {
  /** What is typed in the box and not yet a chip. */
  text = '';
  #options: TagCombobox | null = null;
  #optionsLoading = false;
  /** The language the field was last shown in, for the suggestions' words. */
  #locale = 'en';
  readonly #host: Host;
  readonly #form: TagFieldForm;

  constructor(host: Host, form: TagFieldForm) {
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

  /** Adds what is typed but not yet added, so it is not lost (the form does before sending). */
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
    let why: Refusal | undefined;
    if (!tag) why = 'bad';
    else if (!chips.includes(tag)) {
      if (chips.length >= this.#form.max) why = 'many';
      else this.#form.setChips([...chips, tag]);
    }
    this.#form.refuse(why);
    if (why) return;
    this.#setText('');
    this.close();
  }

  async #remove(tag: string): Promise<void> {
    this.#form.setChips(this.#form.chips().filter((chip) => chip !== tag));
    await this.#host.updateComplete;
    // The chip's button is gone with it: carry on in the tag box.
    this.#host.renderRoot.querySelector<HTMLInputElement>('#' + this.#form.ids.input)?.focus();
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
    import('./tag-combobox.ts').then(
      ({ TagCombobox }) => {
        const { combo } = this.#form.ids;
        this.#options = new TagCombobox(this, this.#host.renderRoot.getRootNode(), { id: combo + '-options', option: combo + '-option', limit: 6, choose: (tag) => this.add(tag) });
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
    // Anything else is the form's (Enter with nothing typed asks the question, as in any form).
    else if (!this.#form.key?.(event)) return;
    event.preventDefault();
  };

  readonly #onBlur = (): void => {
    this.flush();
    this.close();
  };

  /** The label, the chips with the box, the hint and `error` (`alert`: said as soon as it shows). */
  render(locale: string, error: string | undefined, alert = false) {
    this.#locale = locale;
    adopt(this.#host.renderRoot.getRootNode(), styles);
    const options = this.#options;
    const { text, ids } = this.#form;
    const label = text(locale, 'label');
    return html`<label for=${ids.input}>${label}</label>
      <div class="tag-field">
        <ul class="chips" aria-label=${label}>
          ${this.#form.chips().map(
            (tag) => html`<li class="chip">
              #${tag}<button type="button" class="remove" aria-label=${text(locale, 'remove', tag)} @click=${() => this.#remove(tag)}>×</button>
            </li>`,
          )}
        </ul>
        <input
          id=${ids.input}
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${options?.open ? 'true' : 'false'}
          aria-controls=${options?.open ? ids.combo + '-options' : nothing}
          aria-activedescendant=${options?.activeId ?? nothing}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="${ids.describe}-hint ${ids.describe}-error"
          .value=${this.text}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @blur=${this.#onBlur}
        />
        ${options?.render()}
      </div>
      <p class="hint" id="${ids.describe}-hint">${text(locale, 'hint')}</p>
      <p class="error" id="${ids.describe}-error" role=${alert ? 'alert' : nothing}>${error ?? ''}</p>`;
  }
}
