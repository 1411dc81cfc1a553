import { css, html } from 'lit';
import { adopt } from '../runtime/adopt.ts';
import type { HearthClient } from '../runtime/client.ts';
import { HearthError, isAbort } from '../runtime/errors.ts';
import { errorText } from '../runtime/strings.ts';
import { TagField } from '../runtime/tag-field.ts';
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
 * Your own card's declared skills, edited: the runtime's tag field (chips, a box that turns what
 * is typed into a chip at a comma, a space or Enter, Backspace removing the last one, the tag
 * suggestions), with Enter in the empty box saving and Escape cancelling. Save replaces the list
 * (`PUT /me/skills`); on failure every chip and what was typed stay and the reason is said. A
 * chunk of its own: only your own card, once you press "Edit skills", needs it.
 */
export class SkillsEditor {
  chips: string[];
  error = '';
  busy = false;
  #locale = 'en';
  readonly #host: EditorHost;
  readonly #opts: EditorOptions;
  readonly #field: TagField;

  constructor(host: EditorHost, chips: string[], options: EditorOptions) {
    this.#host = host;
    this.chips = [...chips];
    this.#opts = options;
    this.#field = new TagField(host, {
      chips: () => this.chips,
      setChips: (next) => {
        this.chips = next;
        host.requestUpdate();
      },
      refuse: (why) => {
        this.error = why ? t(this.#locale, why === 'bad' ? 'badTag' : 'tooMany') : '';
        host.requestUpdate();
      },
      client: options.client,
      text: (locale, what, tag) => (what === 'label' ? t(locale, 'skills') : what === 'hint' ? t(locale, 'skillsHint') : t(locale, 'removeSkill', { tag: tag! })),
      ids: { input: 'skill-input', describe: 'skill', combo: 'skill' },
      max: MAX_SKILLS,
      key: (event) => {
        if (event.key === 'Enter') void this.save();
        else if (event.key === 'Escape') options.cancel();
        else return false;
        return true;
      },
    });
    adopt(host.renderRoot, styles);
  }

  async save(): Promise<void> {
    if (this.busy) return;
    // The last failure's reason goes; a tag still typed that is not one says so again.
    this.error = '';
    this.#field.flush();
    if (this.error) return;
    this.busy = true;
    this.#host.requestUpdate();
    try {
      await setSkills(this.#opts.client(), this.chips);
      this.#opts.saved();
    } catch (error) {
      if (isAbort(error)) return;
      const failure = error instanceof HearthError ? error : HearthError.network();
      const field = failure.problem?.errors?.[0]?.message;
      this.error = t(this.#locale, 'notSaved', { reason: field ?? errorText(this.#locale, failure) });
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }

  render(locale: string) {
    this.#locale = locale;
    return html`<div class="skills-editor">
      ${this.#field.render(locale, this.error, true)}
      <div class="bar">
        <button type="button" class="primary save" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => this.save()}>
          ${t(locale, this.busy ? 'saving' : 'save')}
        </button>
        <button type="button" class="cancel" @click=${() => this.#opts.cancel()}>${t(locale, 'cancel')}</button>
      </div>
    </div>`;
  }
}
