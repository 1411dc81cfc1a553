import type { ComboboxHost, TagCombobox } from '../runtime/tag-combobox.ts';
import { TagCombobox as Combobox } from '../runtime/tag-combobox.ts';

/*
 * Tag suggestions for a composer: typing `#` and a letter lists the most used tags that start
 * that way (the runtime's tag combobox), and choosing one replaces the typed `#fragment`. Loaded
 * on demand (a chunk of its own) the first time someone types `#`, so a page that only reads the
 * feed never downloads it.
 */

const LIMIT = 8;
// The #tag being typed, ending at the caret; it starts where the tokenizer would start one
// (text start or after a character that is not a letter, digit, '_' or '&').
const BEFORE_CARET = /(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{M}\p{N}_-]{1,40})$/u;
// The rest of that tag after the caret, replaced too when a suggestion is inserted mid-word.
const AFTER_CARET = /^[\p{L}\p{M}\p{N}_-]*/u;

export class TagSuggestions {
  readonly list: TagCombobox;
  #area: HTMLTextAreaElement | null = null;
  /** Where the typed `#fragment` sits in the text: [start, end). */
  #range: [number, number] = [0, 0];

  constructor(host: ComboboxHost, root: Node, id: string) {
    this.list = new Combobox(host, root, { id: `${id}-tags`, option: `${id}-tag`, limit: LIMIT, choose: (tag) => this.#insert(tag) });
  }

  /** Reads the text at the caret: asks for suggestions (debounced) or closes the list. */
  sync(area: HTMLTextAreaElement): void {
    this.#area = area;
    const caret = area.selectionEnd;
    const match = area.selectionStart === caret ? BEFORE_CARET.exec(area.value.slice(0, caret)) : null;
    if (!match) return this.list.close();
    const prefix = match[1]!;
    this.#range = [caret - prefix.length - 1, caret + AFTER_CARET.exec(area.value.slice(caret))![0].length];
    this.list.query(prefix);
  }

  /** Replaces the typed `#fragment` with `#tag ` and puts the caret after it. */
  #insert(tag: string): void {
    const area = this.#area;
    if (!area) return;
    area.setRangeText(`#${tag} `, this.#range[0], this.#range[1], 'end');
    area.focus();
    // The composer keeps its text (and the draft) from input events, as if it had been typed.
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }
}
