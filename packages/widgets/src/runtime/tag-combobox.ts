import { css, html, nothing } from 'lit';
import type { TagCount } from '@hearth/contracts';
import { adopt } from './adopt.ts';
import { suggestTags } from './api.ts';
import type { HearthClient } from './client.ts';
import { defineStrings } from './i18n.ts';
import { runtimePack } from './strings.ts';

/*
 * The tag suggestions of every text box that takes tags: the feed's composer (`#` and a letter)
 * and ask-expert's tag box. A chunk of its own, loaded the first time someone types a tag, so a
 * page that only reads never downloads it. The text box keeps focus throughout (list
 * autocomplete): the active option is conveyed with aria-activedescendant, and a polite status
 * says how many appeared.
 */

export const comboboxStrings = defineStrings(runtimePack, 'tagCombobox', {
  label: 'Tag suggestions',
  posts_one: '{n} post',
  posts_other: '{n} posts',
  found_one: '{n} tag suggested. Up and down arrows to choose, Enter or Tab to insert, Escape to close.',
  found_other: '{n} tags suggested. Up and down arrows to choose, Enter or Tab to insert, Escape to close.',
});
const { t, plural } = comboboxStrings;

const DEBOUNCE_MS = 150;

export interface ComboboxHost {
  /** Where the suggestions come from; null: none. */
  readonly client: HearthClient | null;
  readonly locale: string;
  requestUpdate(): void;
}

export interface ComboboxOptions {
  /** The listbox's id. */
  id: string;
  /** The options' ids are `${option}-${index}`. */
  option: string;
  /** How many tags to offer at most. */
  limit: number;
  /** Called with the tag an option (click, Enter or Tab) chose. */
  choose: (tag: string) => void;
}

// Adopted into the widget's shadow root when first used, so these rules cost nothing up front.
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
   * In a narrow column the list, laid over what follows the text box, would hide what is under
   * it (the feed's character count and Post button). There it opens in the flow instead,
   * shorter, and pushes the rest down: the button stays in view and usable.
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

export class TagCombobox {
  /** The suggestions on show. */
  items: TagCount[] = [];
  /** The index of the active option. */
  active = 0;
  /** Whether the listbox is shown. */
  open = false;

  readonly #host: ComboboxHost;
  readonly #options: ComboboxOptions;
  /** The prefix last asked for: the same one again keeps the list and the active option. */
  #asked = '';
  #status = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | null = null;

  constructor(host: ComboboxHost, root: Node, options: ComboboxOptions) {
    this.#host = host;
    this.#options = options;
    adopt(root, styles);
    // The words of the page's language come with the runtime's pack, which the widget loaded.
    void runtimePack.load(host.locale);
  }

  get id(): string {
    return this.#options.id;
  }

  get activeId(): string | undefined {
    return this.open ? `${this.#options.option}-${this.active}` : undefined;
  }

  /**
   * Offers the tags starting with `prefix` once typing pauses, leaving out those in `exclude`;
   * null closes the list. Each keystroke restarts the wait and aborts what is in flight: only
   * the last prefix counts.
   */
  query(prefix: string | null, exclude: readonly string[] = []): void {
    if (!prefix) return this.close();
    if (prefix.toLocaleLowerCase() === this.#asked) return;
    this.#asked = prefix.toLocaleLowerCase();
    this.#cancel();
    this.#timer = setTimeout(() => void this.#fetch(prefix, exclude), DEBOUNCE_MS);
  }

  async #fetch(prefix: string, exclude: readonly string[]): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const abort = (this.#abort = new AbortController());
    let items: TagCount[] = [];
    try {
      items = (await suggestTags(client, prefix, this.#options.limit, abort.signal)).items;
    } catch {
      // Suggestions help but are not needed: on any failure there are simply none.
    }
    if (!abort.signal.aborted) this.#show(items.filter((tag) => !exclude.includes(tag.name)));
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
        this.#choose(this.active);
        break;
      case 'Escape':
        // Only the list closes, not a dialog the host page may have put the widget in. The
        // prefix stays asked, so the list stays closed until what is typed changes.
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

  #choose(index: number): void {
    const item = this.items[index];
    if (!item) return;
    this.close();
    this.#options.choose(item.name);
  }

  /** The status (always there, so it is announced) and, while open, the listbox. */
  render() {
    const { id, option } = this.#options;
    const locale = this.#host.locale;
    return html`<div class="vh" role="status">${this.#status}</div>
      ${this.open
        ? html`<div class="suggestions" part="suggestions" role="listbox" id=${id} aria-label=${t(locale, 'label')} @mousedown=${keepFocus}>
            ${this.items.map(
              (item, i) => html`<div
                class="suggestion"
                role="option"
                id="${option}-${i}"
                aria-selected=${i === this.active ? 'true' : 'false'}
                @click=${() => this.#choose(i)}
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
