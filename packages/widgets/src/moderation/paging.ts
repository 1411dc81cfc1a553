import { html, nothing, type ReactiveControllerHost } from 'lit';
import { HearthError } from '../runtime/errors.ts';
import type { Loader } from '../runtime/loader.ts';
import { errorText } from '../runtime/strings.ts';
import { t } from './strings.ts';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * "Load more" for a list whose first page a {@link Loader} holds (the queue, the audit trail):
 * the next page is added to the loader's value, its busy state and failure are its own (the
 * list stays on show), and a page that arrives after the list was loaded again is dropped.
 * Items may leave the list meanwhile (a decision): the page is added to what is shown then.
 */
export class MorePages<T> {
  busy = false;
  error: HearthError | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #list: Loader<Page<T>>;
  readonly #key: (item: T) => string | number;

  constructor(host: ReactiveControllerHost, list: Loader<Page<T>>, key: (item: T) => string | number) {
    this.#host = host;
    this.#list = list;
    this.#key = key;
  }

  /** Forgets a failure (the list is loaded again). */
  reset(): void {
    this.error = null;
  }

  async load(fetch: (cursor: string) => Promise<Page<T>>): Promise<void> {
    const cursor = this.#list.value?.nextCursor;
    if (!cursor || this.busy) return;
    // The list loaded again meanwhile (another tab, filter or community): this page is not its.
    const task = this.#list.task;
    const stale = () => this.#list.task !== task || this.#list.value?.nextCursor !== cursor;
    this.busy = true;
    this.error = null;
    this.#host.requestUpdate();
    try {
      const next = await fetch(cursor);
      if (stale()) return;
      // Added to what is shown now: items decided meanwhile have left it.
      const page = this.#list.value!;
      const shown = new Set(page.items.map(this.#key));
      this.#list.set({ items: [...page.items, ...next.items.filter((i) => !shown.has(this.#key(i)))], nextCursor: next.nextCursor });
    } catch (error) {
      if (!stale()) this.error = error instanceof HearthError ? error : HearthError.network();
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }

  /** The button (and why the last try failed), when there is more to load. */
  render(locale: string, load: () => void) {
    if (!this.#list.value?.nextCursor) return nothing;
    return html`<div class="more">
      ${this.error ? html`<p class="message" role="alert">${t(locale, 'moreFailed')} ${errorText(locale, this.error)}</p>` : nothing}
      <button type="button" part="load-more" aria-disabled=${this.busy ? 'true' : 'false'} @click=${load}>
        ${t(locale, this.busy ? 'loadingMore' : 'loadMore')}
      </button>
    </div>`;
  }
}
