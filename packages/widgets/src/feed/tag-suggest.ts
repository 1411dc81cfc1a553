import { css, html, nothing } from 'lit';
import type { TagCount } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { suggestTags } from '../runtime/api.ts';
import type { HearthClient } from '../runtime/client.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { feedPack } from './strings.ts';

/*
 * Tag suggestions for a composer: typing `#` and a letter lists the most used tags that start
 * that way. Loaded on demand (a chunk of its own) the first time someone types `#`, so a page
 * that only reads the feed never downloads it. The textarea keeps focus throughout; the active
 * option is conveyed with aria-activedescendant.
 */

export const suggestStrings = defineStrings(feedPack, 'suggest', {
  label: 'Tag suggestions',
  posts_one: '{n} post',
  posts_other: '{n} posts',
  found_one: '{n} tag suggested. Up and down arrows to choose, Enter or Tab to insert, Escape to close.',
  found_other: '{n} tags suggested. Up and down arrows to choose, Enter or Tab to insert, Escape to close.',
});
const { t, plural } = suggestStrings;

const DEBOUNCE_MS = 150;
const LIMIT = 8;
// The #tag being typed, ending at the caret; it starts where the tokenizer would start one
// (text start or after a character that is not a letter, digit, '_' or '&').
const BEFORE_CARET = /(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{M}\p{N}_-]{1,40})$/u;
// The rest of that tag after the caret, replaced too when a suggestion is inserted mid-word.
const AFTER_CARET = /^[\p{L}\p{M}\p{N}_-]*/u;

export interface SuggestionHost {
  readonly client: HearthClient | null;
  readonly locale: string;
  requestUpdate(): void;
}

// Adopted into the feed's shadow root when first used, so these rules cost nothing up front.
const styles = css`
  .field {
    position: relative;
    container-type: inline-size;
  }
  .suggestions {
    position: absolute;
    z-index: 2;
    top: calc(100% + 0.25em);
    inset-inline-start: 0;
    min-width: min(17em, 100%);
    max-width: 100%;
    max-height: 17em;
    overflow-y: auto;
    padding: calc(0.25 * var(--_space));
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 0.4em 1.2em rgb(0 0 0 / 0.18);
  }
  /*
   * In a narrow column the list, laid over what follows the text box, would hide the character
   * count and the Post button (the whole composer bar is under it). There it opens in the flow
   * instead, shorter, and pushes the bar down: the button stays in view and usable.
   */
  @container (max-width: 28em) {
    .suggestions {
      position: static;
      max-height: 12em;
      margin-top: calc(0.25 * var(--_space));
      box-shadow: none;
    }
  }
  .suggestion {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: calc(1.5 * var(--_space));
    min-height: max(24px, 1.9em);
    padding: calc(0.3 * var(--_space)) calc(0.6 * var(--_space));
    border-radius: calc(var(--_radius) - 0.15em);
    cursor: pointer;
  }
  .suggestion:hover {
    background: var(--_subtle);
  }
  .suggestion[aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .posts {
    font-size: 0.85em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  [aria-selected='true'] .posts {
    color: inherit;
  }
`;

export class TagSuggestions {
  /** The suggestions on show. */
  items: TagCount[] = [];
  /** The index of the active option. */
  active = 0;
  /** Whether the listbox is shown. */
  open = false;

  #host: SuggestionHost;
  #id: string;
  #area: HTMLTextAreaElement | null = null;
  /** Where the typed `#fragment` sits in the text: [start, end). */
  #range: [number, number] = [0, 0];
  /** The prefix last asked for: the same one again keeps the list and the active option. */
  #asked = '';
  #status = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | null = null;

  constructor(host: SuggestionHost, id: string) {
    this.#host = host;
    this.#id = id;
  }

  get activeId(): string | undefined {
    return this.open ? `${this.#id}-tag-${this.active}` : undefined;
  }

  /** Reads the text at the caret: asks for suggestions (debounced) or closes the list. */
  sync(area: HTMLTextAreaElement): void {
    this.#area = area;
    adopt(area.getRootNode(), styles);
    const caret = area.selectionEnd;
    const match = area.selectionStart === caret ? BEFORE_CARET.exec(area.value.slice(0, caret)) : null;
    if (!match) return this.close();
    const prefix = match[1]!;
    this.#range = [caret - prefix.length - 1, caret + AFTER_CARET.exec(area.value.slice(caret))![0].length];
    if (prefix.toLocaleLowerCase() === this.#asked) return;
    this.#asked = prefix.toLocaleLowerCase();
    this.#cancel();
    // Each keystroke restarts the wait and aborts what is in flight: only the last prefix counts.
    this.#timer = setTimeout(() => void this.#fetch(prefix), DEBOUNCE_MS);
  }

  async #fetch(prefix: string): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const abort = (this.#abort = new AbortController());
    try {
      const { items } = await suggestTags(client, prefix, LIMIT, abort.signal);
      if (abort.signal.aborted) return;
      this.#show(items);
    } catch {
      // Suggestions help but are not needed: on any failure there are simply none.
      if (!abort.signal.aborted) this.#show([]);
    }
  }

  #show(items: TagCount[]): void {
    this.items = items;
    this.active = 0;
    this.open = items.length > 0;
    this.#status = this.open ? plural(this.#host.locale, 'found', items.length) : '';
    this.#host.requestUpdate();
  }

  #cancel(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#abort = null;
  }

  close(): void {
    this.#cancel();
    this.#asked = '';
    if (this.open || this.#status) this.#show([]);
  }

  /** Handles the keys the open list owns; true when the key was used. */
  keydown(event: KeyboardEvent): boolean {
    if (!this.open || event.altKey || event.ctrlKey || event.metaKey) return false;
    const count = this.items.length;
    switch (event.key) {
      case 'ArrowDown':
        this.active = (this.active + 1) % count;
        break;
      case 'ArrowUp':
        this.active = (this.active - 1 + count) % count;
        break;
      case 'Enter':
      case 'Tab':
        // Shift+Tab leaves the text box as usual.
        if (event.shiftKey) return false;
        this.insert(this.active);
        break;
      case 'Escape':
        // Only the list closes, not a dialog the host page may have put the feed in. The prefix
        // stays asked, so the list stays closed until the fragment changes.
        event.stopPropagation();
        this.#cancel();
        this.#show([]);
        break;
      default:
        return false;
    }
    event.preventDefault();
    this.#host.requestUpdate();
    return true;
  }

  /** Replaces the typed `#fragment` with `#tag ` and puts the caret after it. */
  insert(index: number): void {
    const area = this.#area;
    const item = this.items[index];
    if (!area || !item) return;
    area.setRangeText(`#${item.name} `, this.#range[0], this.#range[1], 'end');
    this.close();
    area.focus();
    // The composer keeps its text (and the draft) from input events, as if it had been typed.
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }

  render() {
    const id = this.#id;
    const locale = this.#host.locale;
    return html`<div class="vh" role="status">${this.#status}</div>
      ${this.open
        ? html`<div
            class="suggestions"
            part="suggestions"
            role="listbox"
            id="${id}-tags"
            aria-label=${t(locale, 'label')}
            @mousedown=${keepFocus}
          >
            ${this.items.map(
              (item, i) => html`<div
                class="suggestion"
                role="option"
                id="${id}-tag-${i}"
                aria-selected=${i === this.active ? 'true' : 'false'}
                @click=${() => this.insert(i)}
              >
                <span>#${item.name}</span><span class="posts">${plural(locale, 'posts', item.posts)}</span>
              </div>`,
            )}
          </div>`
        : nothing}`;
  }
}

// A click on an option must not blur the text box (which would close the list first).
function keepFocus(event: Event): void {
  event.preventDefault();
}

