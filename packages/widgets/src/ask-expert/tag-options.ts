import { css, html } from 'lit';
import type { TagCount } from '@hearth/contracts';
import { suggestTags } from '../runtime/api.ts';
import type { HearthClient } from '../runtime/client.ts';
import { askPack } from './strings.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { adopt } from '../runtime/adopt.ts';

/*
 * Suggestions for the tag box: typing a few letters lists the most used tags that start that
 * way. Loaded with its own chunk the first time someone types in the tag box (the feed's
 * composer does the same), so a page that only shows the form does not download it. The input
 * keeps focus throughout; the active option is conveyed with aria-activedescendant.
 */

export const tagOptionsStrings = defineStrings(askPack, 'tagOptions', {
  label: 'Tag suggestions',
  posts_one: '{n} post',
  posts_other: '{n} posts',
});
const { t, plural } = tagOptionsStrings;

const DEBOUNCE_MS = 150;
const LIMIT = 6;

// Adopted into the widget's shadow root when first used, so these rules cost nothing up front.
const styles = css`
  .options {
    position: absolute;
    z-index: 2;
    top: calc(100% + 0.25em);
    inset-inline-start: 0;
    min-width: min(16em, 100%);
    margin: 0;
    padding: calc(0.25 * var(--_space));
    list-style: none;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 0.4em 1.2em rgb(0 0 0 / 0.18);
  }
  [role='option'] {
    display: flex;
    justify-content: space-between;
    gap: calc(1.5 * var(--_space));
    padding: calc(0.3 * var(--_space)) calc(0.6 * var(--_space));
    border-radius: calc(var(--_radius) - 0.15em);
    cursor: pointer;
  }
  [role='option']:hover {
    background: var(--_subtle);
  }
  [role='option'][aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  [aria-selected='true'] .muted {
    color: inherit;
  }
`;

export class TagOptions {
  /** The suggestions on show; none: the list is closed. */
  items: TagCount[] = [];
  /** The index of the active option. */
  active = 0;

  #client: () => HearthClient;
  #update: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | null = null;

  constructor(root: Node, client: () => HearthClient, update: () => void) {
    this.#client = client;
    this.#update = update;
    adopt(root, styles);
  }

  get open(): boolean {
    return this.items.length > 0;
  }

  get activeId(): string | undefined {
    return this.open ? `tag-option-${this.active}` : undefined;
  }

  /**
   * Looks up the tags starting with `prefix` once typing pauses, leaving out those `chosen`.
   * Each keystroke restarts the wait and aborts what is in flight: only the last prefix counts.
   */
  query(prefix: string | null, chosen: string[]): void {
    this.close();
    if (!prefix) return;
    this.#timer = setTimeout(async () => {
      const abort = (this.#abort = new AbortController());
      let items: TagCount[] = [];
      try {
        items = (await suggestTags(this.#client(), prefix, LIMIT, abort.signal)).items;
      } catch {
        // Suggestions help but are not needed: on any failure there are simply none.
      }
      if (!abort.signal.aborted) this.#show(items.filter((tag) => !chosen.includes(tag.name)));
    }, DEBOUNCE_MS);
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#abort = null;
    if (this.open) this.#show([]);
  }

  #show(items: TagCount[]): void {
    this.items = items;
    this.active = 0;
    this.#update();
  }

  /** Handles the keys the open list owns: the tag Enter chose, true for another key it used, else false. */
  keydown(event: KeyboardEvent): string | boolean {
    const n = this.items.length;
    if (!n || event.altKey || event.ctrlKey || event.metaKey) return false;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        this.active = (this.active + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
        break;
      case 'Enter':
        return this.items[this.active]!.name;
      case 'Escape':
        // Only the list closes, not a dialog the host page may have put the widget in.
        event.stopPropagation();
        this.close();
        break;
      default:
        return false;
    }
    event.preventDefault();
    this.#update();
    return true;
  }

  render(locale: string, choose: (tag: string) => void) {
    // A click on an option must not blur the input (which would close the list first).
    return html`<ul
      class="options"
      id="tag-options"
      role="listbox"
      aria-label=${t(locale, 'label')}
      ?hidden=${!this.open}
      @mousedown=${(event: Event) => event.preventDefault()}
    >
      ${this.items.map(
        (tag, i) => html`<li role="option" id="tag-option-${i}" aria-selected=${i === this.active ? 'true' : 'false'} @click=${() => choose(tag.name)}>
          #${tag.name}<span class="muted">${plural(locale, 'posts', tag.posts)}</span>
        </li>`,
      )}
    </ul>`;
  }
}
