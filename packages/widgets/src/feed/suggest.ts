import type { ComboboxHost, Combobox } from '../runtime/tag-combobox.ts';

/*
 * What a composer's suggestions share (`#` tags in tag-suggest.ts, `@` people in
 * mention-suggest.ts): the fragment typed before the caret asks the list, and choosing an item
 * replaces the whole fragment (the part after the caret too) with the sign, the item and a space.
 */

export class FragmentSuggestions<T> {
  readonly list: Combobox<T>;
  #area: HTMLTextAreaElement | null = null;
  /** Where the typed fragment sits in the text, its sign included: [start, end). */
  #range: [number, number] = [0, 0];
  readonly #sign: string;
  readonly #before: RegExp;
  readonly #after: RegExp;

  /**
   * `before` matches the fragment ending at the caret, its text (without the sign) in group 1;
   * `after` the rest of it after the caret.
   */
  constructor(sign: string, before: RegExp, after: RegExp, make: (choose: (key: string) => void) => Combobox<T>) {
    this.#sign = sign;
    this.#before = before;
    this.#after = after;
    this.list = make((key) => this.#insert(key));
  }

  /** Reads the text at the caret: asks for suggestions (debounced) or closes the list. */
  sync(area: HTMLTextAreaElement): void {
    this.#area = area;
    const caret = area.selectionEnd;
    const match = area.selectionStart === caret ? this.#before.exec(area.value.slice(0, caret)) : null;
    if (!match) return this.list.close();
    const prefix = match[1]!;
    this.#range = [caret - prefix.length - this.#sign.length, caret + this.#after.exec(area.value.slice(caret))![0].length];
    this.list.query(prefix);
  }

  /** Replaces the typed fragment with the sign, `key` and a space, and puts the caret after it. */
  #insert(key: string): void {
    const area = this.#area;
    if (!area) return;
    area.setRangeText(`${this.#sign}${key} `, this.#range[0], this.#range[1], 'end');
    area.focus();
    // The composer keeps its text (and the draft) from input events, as if it had been typed.
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

export type { ComboboxHost };
