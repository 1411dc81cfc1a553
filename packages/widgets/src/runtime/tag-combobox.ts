import { css, html, nothing, type TemplateResult } from 'lit';
import type { TagCount } from '@hearth/contracts';
import { adopt } from './adopt.ts';
import { suggestTags } from './api.ts';
import type { HearthClient } from './client.ts';
import { defineStrings } from './i18n.ts';
import { runtimePack } from './strings.ts';

/*
 * The suggestions of a text box: tags (`TagCombobox`) for every text box that takes tags (the
 * feed's composer after `#` and a letter, ask-expert's tag box), and, through the generic
 * `Combobox`, people for the composer's `@` (feed/mention-suggest.ts). A chunk of its own, loaded the first time someone types a tag, so a
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
  /** How many items to offer at most. */
  limit: number;
  /** Called with the key (a tag's name, a person's handle) of the item an option (click, Enter or Tab) chose. */
  choose: (key: string) => void;
}

/** What a `Combobox` suggests and how, besides its ids and limit. */
export interface ComboboxSource<T> {
  /** The items starting with `prefix`, at most `limit`. */
  fetch(client: HearthClient, prefix: string, limit: number, signal: AbortSignal): Promise<T[]>;
  /** What choosing the item inserts, and what `exclude` names. */
  key(item: T): string;
  /** The option's content. */
  render(item: T, locale: string): TemplateResult;
  /** The listbox's accessible name. */
  label(locale: string): string;
  /** The polite status once `n` items appeared (keys included). */
  found(locale: string, n: number): string;
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
    /* A person's role goes under their name rather than wrapping word by word beside it (more
       specific than the rule below, which comes later). */
    .suggestions .suggestion {
      flex-wrap: wrap;
      gap: 0 var(--_space);
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
  .posts,
  .aside {
    font-size: 0.85em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  [aria-selected='true'] .posts,
  [aria-selected='true'] .aside {
    color: inherit;
  }
`;

/** Tags: `#name` and how many posts have it. */
const tagSource: ComboboxSource<TagCount> = {
  fetch: async (client, prefix, limit, signal) => (await suggestTags(client, prefix, limit, signal)).items,
  key: (tag) => tag.name,
  render: (tag, locale) => html`<span>#${tag.name}</span><span class="posts">${plural(locale, 'posts', tag.posts)}</span>`,
  label: (locale) => t(locale, 'label'),
  found: (locale, n) => plural(locale, 'found', n),
};

/** A listbox of suggestions under a text box that keeps focus (list autocomplete). */
export class Combobox<T> {
  /** The suggestions on show. */
  items: T[] = [];
  /** The index of the active option. */
  active = 0;
  /** Whether the listbox is shown. */
  open = false;

  readonly #host: ComboboxHost;
  readonly #options: ComboboxOptions;
  readonly #source: ComboboxSource<T>;
  /** The prefix last asked for: the same one again keeps the list and the active option. */
  #asked = '';
  #status = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | null = null;

  constructor(host: ComboboxHost, root: Node, options: ComboboxOptions, source: ComboboxSource<T>) {
    this.#host = host;
    this.#options = options;
    this.#source = source;
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
    let items: T[] = [];
    try {
      items = await this.#source.fetch(client, prefix, this.#options.limit, abort.signal);
    } catch {
      // Suggestions help but are not needed: on any failure there are simply none.
    }
    if (!abort.signal.aborted) this.#show(items.filter((item) => !exclude.includes(this.#source.key(item))));
  }

  #show(items: T[]): void {
    this.items = items;
    this.active = 0;
    this.open = items.length > 0;
    this.#status = this.open ? this.#source.found(this.#host.locale, items.length) : '';
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
    this.#options.choose(this.#source.key(item));
  }

  /** The status (always there, so it is announced) and, while open, the listbox. */
  render() {
    const { id, option } = this.#options;
    const locale = this.#host.locale;
    return html`<div class="vh" role="status">${this.#status}</div>
      ${this.open
        ? html`<div class="suggestions" part="suggestions" role="listbox" id=${id} aria-label=${this.#source.label(locale)} @mousedown=${keepFocus}>
            ${this.items.map(
              (item, i) => html`<div
                class="suggestion"
                role="option"
                id="${option}-${i}"
                aria-selected=${i === this.active ? 'true' : 'false'}
                @click=${() => this.#choose(i)}
              >
                ${this.#source.render(item, locale)}
              </div>`,
            )}
          </div>`
        : nothing}`;
  }
}

/** Tag suggestions (the feed's `#`, ask-expert's tag box). */
export class TagCombobox extends Combobox<TagCount> {
  constructor(host: ComboboxHost, root: Node, options: ComboboxOptions) {
    super(host, root, options, tagSource);
  }
}

// A click on an option must not blur the text box (which would close the list first).
function keepFocus(event: Event): void {
  event.preventDefault();
}
