import { css, html, nothing } from 'lit';
import { adopt } from '../runtime/adopt.ts';
import { normalizeTag } from '@hearth/contracts/text';
import type { HearthClient } from '../runtime/client.ts';
import { HearthError, isAbort } from '../runtime/errors.ts';
import { errorText } from '../runtime/strings.ts';
import type { TagCombobox } from '../runtime/tag-combobox.ts';
import { setSkills } from './api.ts';
import { t } from './strings.ts';

const MAX_SKILLS = 20;

/** The editor's styles, adopted into the card's shadow root with the chunk: only your own card needs them. */
const styles = css`
  .skills-editor {
    display: flex;
    flex-direction: column;
    gap: calc(0.3 * var(--_space));
  }
  .skills-editor label {
    font-weight: 600;
  }
  .tag-field {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.3 * var(--_space));
    padding: calc(0.25 * var(--_space));
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    container-type: inline-size;
  }
  .tag-field:focus-within {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .tag-field input {
    flex: 1;
    min-width: 7em;
    padding: calc(0.25 * var(--_space)) calc(0.4 * var(--_space));
    border: 0;
    outline: none;
    font: inherit;
    color: inherit;
    background: transparent;
  }
  .tag-field:has([aria-invalid='true']) {
    border-color: var(--_danger);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.3 * var(--_space));
  }
  .chips:empty {
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
  .error {
    color: var(--_danger);
    font-size: 0.87em;
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .bar {
    display: flex;
    gap: calc(0.5 * var(--_space));
  }
`;

interface EditorHost extends HTMLElement {
  requestUpdate(): void;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
}

export interface EditorOptions {
  client(): HearthClient;
  /** The server has the new list. */
  saved(): void;
  cancel(): void;
}

/**
 * Your own card's declared skills, edited: chips, and a box that turns what is typed into a chip
 * at a comma, a space or Enter (Backspace in the empty box removes the last one), with the
 * runtime's tag suggestions (its own chunk) as the composer and ask-expert's tag box offer them.
 * Save replaces the list (`PUT /me/skills`); on failure what was typed stays and the reason is
 * said. A chunk of its own: only your own card, once you press "Edit skills", needs it.
 */
export class SkillsEditor {
  chips: string[];
  text = '';
  error = '';
  busy = false;
  #options: TagCombobox | null = null;
  #optionsLoading = false;
  #locale = 'en';
  readonly #host: EditorHost;
  readonly #opts: EditorOptions;

  constructor(host: EditorHost, chips: string[], options: EditorOptions) {
    this.#host = host;
    this.chips = [...chips];
    this.#opts = options;
    adopt(host.renderRoot, styles);
  }

  /** For the suggestions (ComboboxHost). */
  get client(): HearthClient {
    return this.#opts.client();
  }

  get locale(): string {
    return this.#locale;
  }

  requestUpdate(): void {
    this.#host.requestUpdate();
  }

  add(raw: string): void {
    const tag = normalizeTag(raw);
    this.error = '';
    if (!tag) this.error = t(this.#locale, 'badTag');
    else if (!this.chips.includes(tag)) {
      if (this.chips.length >= MAX_SKILLS) this.error = t(this.#locale, 'tooMany');
      else this.chips = [...this.chips, tag];
    }
    if (!this.error) {
      this.text = '';
      this.#options?.close();
    }
    this.requestUpdate();
  }

  async #remove(tag: string): Promise<void> {
    this.chips = this.chips.filter((chip) => chip !== tag);
    this.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLInputElement>('#skill-input')?.focus();
  }

  readonly #onInput = (event: Event): void => {
    const parts = (event.target as HTMLInputElement).value.split(/[\s,]+/);
    const rest = parts.pop() ?? '';
    for (const part of parts) if (part) this.add(part);
    this.text = rest;
    this.requestUpdate();
    if (this.#options) return this.#options.query(normalizeTag(rest), this.chips);
    if (this.#optionsLoading) return;
    this.#optionsLoading = true;
    import('../runtime/tag-combobox.ts').then(
      ({ TagCombobox }) => {
        this.#options = new TagCombobox(this, this.#host.renderRoot, { id: 'skill-options', option: 'skill-option', limit: 6, choose: (tag) => this.add(tag) });
        this.#options.query(normalizeTag(this.text), this.chips);
      },
      // Offline or a new deployment: no suggestions this time; the next keystroke tries again.
      () => (this.#optionsLoading = false),
    );
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (this.#options?.keydown(event)) return;
    if (event.key === 'Enter' && this.text) this.add(this.text);
    else if (event.key === 'Enter') void this.save();
    else if (event.key === 'Backspace' && !this.text && this.chips.length) void this.#remove(this.chips.at(-1)!);
    else if (event.key === 'Escape') this.#opts.cancel();
    else return;
    event.preventDefault();
  };

  async save(): Promise<void> {
    if (this.busy) return;
    // The last failure's reason goes; a tag still typed that is not one says so again.
    this.error = '';
    if (this.text) this.add(this.text);
    if (this.error) return;
    this.busy = true;
    this.requestUpdate();
    try {
      await setSkills(this.client, this.chips);
      this.#opts.saved();
    } catch (error) {
      if (isAbort(error)) return;
      const failure = error instanceof HearthError ? error : HearthError.network();
      const field = failure.problem?.errors?.[0]?.message;
      this.error = t(this.#locale, 'notSaved', { reason: field ?? errorText(this.#locale, failure) });
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  render(locale: string, _busy: boolean) {
    this.#locale = locale;
    const options = this.#options;
    return html`<div class="skills-editor">
      <label for="skill-input">${t(locale, 'skills')}</label>
      <div class="tag-field">
        <ul class="chips" aria-label=${t(locale, 'skills')}>
          ${this.chips.map(
            (tag) => html`<li class="chip">
              #${tag}<button type="button" class="remove" aria-label=${t(locale, 'removeSkill', { tag })} @click=${() => this.#remove(tag)}>×</button>
            </li>`,
          )}
        </ul>
        <input
          id="skill-input"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${options?.open ? 'true' : 'false'}
          aria-controls=${options?.open ? 'skill-options' : nothing}
          aria-activedescendant=${options?.activeId ?? nothing}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby="skill-hint skill-error"
          .value=${this.text}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
        />
        ${options?.render()}
      </div>
      <p class="hint" id="skill-hint">${t(locale, 'skillsHint')}</p>
      <p class="error" id="skill-error" role="alert">${this.error}</p>
      <div class="bar">
        <button type="button" class="primary save" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => this.save()}>
          ${t(locale, this.busy ? 'saving' : 'save')}
        </button>
        <button type="button" class="cancel" @click=${() => this.#opts.cancel()}>${t(locale, 'cancel')}</button>
      </div>
    </div>`;
  }
}
