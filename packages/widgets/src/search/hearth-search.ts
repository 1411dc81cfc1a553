import { html, nothing, svg, type PropertyValues } from 'lit';
import { HearthElement } from '../runtime/hearth-element.ts';
import { stateBox } from '../runtime/state.ts';
import { errorStrings } from '../runtime/strings.ts';
import type { HearthSearchResults, ResultTemplates } from './hearth-search-results.ts';
import { panelStyles } from '../runtime/styles.ts';
import { searchStyles } from './hearth-search.styles.ts';
import { loadResults } from './parts.ts';
import { searchPack, t as say } from './strings.ts';
import { type SearchFilters, readUrl, sameFilters, writeUrl } from './url.ts';

const searchIcon = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"
  >${svg`<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5 21 21"/>`}</svg
>`;

/**
 * One box over posts, questions (answered first), people, communities and tags. Results are
 * grouped by kind, with the words that matched marked (from the API's offsets, never HTML), each
 * kind of post and question with its own "Load more". Facets (tag, community, author with counts,
 * and a date range) narrow the posts and questions; the chosen ones are chips that remove them.
 * An empty or one-character query shows suggestions: popular tags and recent questions. Tags and
 * communities in the results can be followed from there. Names of people carry
 * `data-hearth-person` (a hover card opens on them where `<hearth-person>` is on the page).
 *
 * `variant="compact"` is a box for a portal's header that opens its results in a panel below it
 * (Escape or a click outside closes it and focus goes back to the box); the default is the body
 * layout: the box, the facets in a column and the results.
 *
 * With `sync-url`, the search is kept in the host page's URL (`?q=` and `hearth-tag`,
 * `hearth-community`, `hearth-author`, `hearth-from`, `hearth-to`): read on load, replaced while
 * typing, a new history entry on Enter or a facet, and Back and Forward bring the search back.
 *
 * Keyboard: type; ArrowDown goes from the box to the first result, ArrowUp and ArrowDown move
 * through them (Home, End), ArrowUp from the first goes back to the box; Enter opens a result;
 * Escape closes the compact panel and returns to the box.
 *
 * @summary A search box over posts, questions, people, communities and tags, for a header or a page.
 * @tagname hearth-search
 *
 * @csspart base - The wrapper around everything.
 * @csspart box - The search box (its form): the input and the Search button.
 * @csspart input - The text field.
 * @csspart submit - The Search button.
 * @csspart panel - The results' box under the compact variant's field.
 * @csspart results - The results, grouped by kind.
 * @csspart group - Each kind's group (questions, posts, people, communities, tags).
 * @csspart group-heading - A group's heading with how many are shown.
 * @csspart hit - Each result's link.
 * @csspart meta - A result's facts: answered, author, community, members, posts.
 * @csspart excerpt - A result's text around the words that matched.
 * @csspart mark - A word that matched (a `mark` element).
 * @csspart load-more - A group's "Load more" button.
 * @csspart follow - The Follow / Unfollow button of a tag or a community.
 * @csspart problem - What went wrong loading more or following.
 * @csspart facets - The facets: the column of the body layout, inside "Refine" in the compact one.
 * @csspart refine - The compact variant's "Refine" disclosure around the facets.
 * @csspart facet - Each facet's choice (a tag, a community, an author, a date range).
 * @csspart date - The two date fields of the date facet.
 * @csspart chips - The chosen filters.
 * @csspart chip - A chosen filter: pressing it removes it.
 * @csspart suggestions - What an empty or one-character query shows: popular tags, recent questions.
 * @csspart state - The loading, empty, error and signed-out messages.
 *
 * @cssproperty [--hearth-search-width=34em] - The width of the compact variant's results panel.
 * @cssproperty [--hearth-search-z=1000] - The compact panel's z-index over the page.
 * @cssproperty [--hearth-search-mark=#fff1a8] - The background of the words that matched (dark: a muted gold).
 *
 * @fires hearth-search-open - A result was opened. `event.result` (its kind and id, handle, slug or tag), `event.href`; cancelable: a single-page app routes itself.
 */
export class HearthSearch extends HearthElement {
  static override styles = [...HearthElement.styles, panelStyles, searchStyles];
  static override packs = [searchPack];
  /** How long typing pauses before the search runs (ms). */
  static debounceMs = 250;

  static override properties = {
    variant: { type: String },
    syncUrl: { type: Boolean, attribute: 'sync-url' },
    postHrefTemplate: { type: String, attribute: 'post-href-template' },
    questionHrefTemplate: { type: String, attribute: 'question-href-template' },
    personHrefTemplate: { type: String, attribute: 'person-href-template' },
    communityHrefTemplate: { type: String, attribute: 'community-href-template' },
    tagHrefTemplate: { type: String, attribute: 'tag-href-template' },
    _text: { state: true },
    _query: { state: true },
    _filters: { state: true },
    _open: { state: true },
    _chunk: { state: true },
  };

  /** `body` (default): the box, the facets column and the results; `compact`: a header's box that opens a panel. */
  declare variant: 'body' | 'compact';
  /** Keeps the search in the page's URL (`?q=`, `hearth-tag=`…), reads it on load, and Back restores it. */
  declare syncUrl: boolean;
  /** Where a post opens: `{id}` is filled in, e.g. `/social?post={id}`. Default: Hearth's page of the post. */
  declare postHrefTemplate: string | null;
  /** Where a question opens: `{id}`, e.g. `/ask?question={id}`. Default: Hearth's page of the question. */
  declare questionHrefTemplate: string | null;
  /** Where a person opens: `{handle}`, e.g. `/people/{handle}`. Default: Hearth's feed of their posts. */
  declare personHrefTemplate: string | null;
  /** Where a community opens: `{slug}`, e.g. `/communities/{slug}`. Default: Hearth's page of the community. */
  declare communityHrefTemplate: string | null;
  /** Where a tag opens: `{tag}`, e.g. `/social?tag={tag}`. Default: Hearth's feed of the tag. */
  declare tagHrefTemplate: string | null;
  /** What is in the box. */
  declare _text: string;
  /** What is searched for (the box's text once typing pauses, or on Enter). */
  declare _query: string;
  declare _filters: SearchFilters;
  declare _open: boolean;
  /** The results' chunk: `loading`, `ready`, or `failed` (Retry fetches it again). */
  declare _chunk: 'idle' | 'loading' | 'ready' | 'failed';

  #typing: ReturnType<typeof setTimeout> | undefined;
  /** The page's URL at the last committed search (load, Back/Forward, Enter, a facet). */
  #committed: string | null = null;
  #closePanel: (() => void) | null = null;
  /** Focus going back to the box as the panel closes: it does not open it again. */
  #closing = false;

  constructor() {
    super();
    this.variant = 'body';
    this.syncUrl = false;
    this.postHrefTemplate = null;
    this.questionHrefTemplate = null;
    this.personHrefTemplate = null;
    this.communityHrefTemplate = null;
    this.tagHrefTemplate = null;
    this._text = '';
    this._query = '';
    this._filters = {};
    this._open = false;
    this._chunk = 'idle';
  }

  get #compact(): boolean {
    return this.variant === 'compact';
  }

  /** What is searched for now. */
  get query(): string {
    return this._query;
  }

  /** The chosen filters. */
  get filters(): SearchFilters {
    return { ...this._filters };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onPopState);
    clearTimeout(this.#typing);
    this.#close(false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('syncUrl') && this.syncUrl) this.#fromUrl();
    if ((!this.#compact || this._open) && this._chunk === 'idle') this.#loadChunk();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this._open && !this.#closePanel) this.#closePanel = this.#openPanel();
    if (this._open && changed.has('_open')) this.#place();
  }

  /** Keeps the open panel inside the window (8 px from its edges): a narrow header box's panel is wider than the box. */
  readonly #place = (): void => {
    const panel = this.renderRoot.querySelector<HTMLElement>('.panel');
    if (!panel || panel.hidden) return;
    panel.style.translate = '';
    const { left, right } = panel.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    let dx = right > width - 8 ? width - 8 - right : 0;
    if (left + dx < 8) dx = 8 - left;
    if (dx) panel.style.translate = `${dx}px 0`;
  };

  #loadChunk(): void {
    this._chunk = 'loading';
    loadResults().then(
      () => (this._chunk = 'ready'),
      () => (this._chunk = 'failed'),
    );
  }

  get #input(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('#q');
  }

  get #results(): HearthSearchResults | null {
    return this.renderRoot.querySelector<HearthSearchResults>('hearth-search-results');
  }

  /** Searches for `q` (and, when given, these filters) as if typed and Enter pressed. */
  search(q: string, filters: SearchFilters = this._filters): void {
    clearTimeout(this.#typing);
    this._text = q;
    this._query = q.trim();
    this._filters = { ...filters };
    this.#toUrl(true);
    if (this.#compact) this._open = true;
  }

  /** Opens the compact panel (focus stays in the box) or closes it (focus goes back to the box). */
  toggle(open = !this._open): void {
    if (!this.#compact || open === this._open) return;
    if (open) this._open = true;
    else this.#close(true);
  }

  // ---- The URL (sync-url)

  #fromUrl(): void {
    const { q, filters } = readUrl(location.href);
    clearTimeout(this.#typing);
    this._text = q;
    this._query = q.trim();
    this._filters = filters;
    this.#committed = location.href;
  }

  readonly #onPopState = (): void => {
    if (this.syncUrl) this.#fromUrl();
  };

  /**
   * Puts the search in the page's URL: `push` makes it a history entry of its own (Enter, a
   * facet), else it replaces the entry (typing). Typing after a committed search first puts that
   * search back in its entry, so Back returns to it.
   */
  #toUrl(push: boolean): void {
    if (!this.syncUrl) return;
    const href = writeUrl(location.href, this._query, this._filters);
    if (push) {
      if (this.#committed && this.#committed !== location.href) history.replaceState(history.state, '', this.#committed);
      if (href !== location.href) history.pushState(history.state, '', href);
      this.#committed = href;
    } else if (href !== location.href) {
      this.#committed ??= location.href;
      history.replaceState(history.state, '', href);
    }
  }

  // ---- Typing and keys

  readonly #onInput = (event: Event): void => {
    this._text = (event.target as HTMLInputElement).value;
    if (this.#compact) this._open = true;
    clearTimeout(this.#typing);
    this.#typing = setTimeout(() => {
      this._query = this._text.trim();
      this.#toUrl(false);
    }, HearthSearch.debounceMs);
  };

  readonly #onSubmit = (event: Event): void => {
    event.preventDefault();
    this.search(this._text);
  };

  /** A facet chosen or a chip removed, in the results. */
  readonly #onFilters = (filters: SearchFilters): void => {
    if (sameFilters(filters, this._filters)) return;
    this.search(this._text, filters);
  };

  /** A suggestion (a popular tag) chosen: searched for as typed. */
  readonly #onSuggest = (q: string): void => {
    this.search(q);
    this.#input?.focus();
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    const { key, altKey, ctrlKey, metaKey } = event;
    if (altKey || ctrlKey || metaKey) return;
    const input = this.#input;
    const target = event.composedPath()[0] as HTMLElement;
    if (key === 'Escape') {
      if (this.#compact && this._open) {
        event.preventDefault();
        this.#close(true);
      } else if (target !== input) {
        event.preventDefault();
        input?.focus();
      }
      return;
    }
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(key)) return;
    if (target === input && (key === 'Home' || key === 'End')) return;
    if (target === input && key === 'ArrowDown' && this.#compact && !this._open) {
      event.preventDefault();
      this._open = true;
      return;
    }
    const items = this.#results?.navItems() ?? [];
    if (!items.length) return;
    const at = items.indexOf(target);
    let next: HTMLElement | null | undefined = null;
    if (target === input) next = key === 'ArrowDown' ? items[0] : null;
    else if (at >= 0) {
      if (key === 'Home') next = items[0];
      else if (key === 'End') next = items.at(-1);
      else if (key === 'ArrowDown') next = items[at + 1] ?? items[at];
      else next = at === 0 ? input : items[at - 1];
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  // ---- The compact panel

  /** A click outside or Tab away closes the panel. Returns what undoes it. */
  #openPanel(): () => void {
    const root = this.renderRoot as ShadowRoot;
    const outside = (event: Event) => {
      if (!event.composedPath().includes(this)) this.#close(false);
    };
    const focusout = (event: Event) => {
      const to = (event as FocusEvent).relatedTarget as Node | null;
      if (to && !this.contains(to) && !root.contains(to)) this.#close(false);
    };
    document.addEventListener('pointerdown', outside, true);
    root.addEventListener('focusout', focusout);
    window.addEventListener('resize', this.#place);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      root.removeEventListener('focusout', focusout);
      window.removeEventListener('resize', this.#place);
    };
  }

  #close(focusBox: boolean): void {
    this.#closePanel?.();
    this.#closePanel = null;
    if (!this._open) return;
    this._open = false;
    if (!focusBox) return;
    this.#closing = true;
    this.#input?.focus();
    this.#closing = false;
  }

  /** Retry: the results' chunk if it failed, and the results. */
  protected override async refresh(): Promise<void> {
    if (this._chunk === 'failed') this._chunk = 'idle';
    await this.#results?.reload();
  }

  protected override render() {
    const locale = this.locale;
    const compact = this.#compact;
    // While the page's language loads, the box has no words rather than English ones.
    const t = (key: Parameters<typeof say>[1]) => (this.langs.loading ? '' : say(locale, key));
    return html`<div class="root ${this.themeClass} ${compact ? 'compact' : 'body'}" part="base" @keydown=${this.#onKeydown}>
      <form class="box" part="box" role="search" @submit=${this.#onSubmit}>
        <label class="vh" for="q">${t('label')}</label>
        ${searchIcon}
        <input
          id="q"
          part="input"
          type="search"
          name="q"
          autocomplete="off"
          enterkeyhint="search"
          maxlength="200"
          placeholder=${t('placeholder')}
          aria-describedby="keys"
          aria-controls="results"
          aria-expanded=${compact ? (this._open ? 'true' : 'false') : nothing}
          .value=${this._text}
          @input=${this.#onInput}
          @focus=${() => compact && !this.#closing && (this._open = true)}
          @click=${() => compact && (this._open = true)}
        />
        <button type="submit" class="submit" part="submit">${t('submit')}</button>
        <span id="keys" class="vh">${t('keys')}</span>
      </form>
      ${compact
        ? html`<div class="panel" id="results" part="panel" role="region" aria-label=${t('results')} ?hidden=${!this._open}>
            ${this._open ? this.#renderResults() : nothing}
          </div>`
        : html`<div class="area" id="results" role="region" aria-label=${t('results')}>${this.#renderResults()}</div>`}
    </div>`;
  }

  #renderResults() {
    const locale = this.locale;
    if (this._chunk === 'failed') return stateBox(say(locale, 'failed'), errorStrings.t(locale, 'network'), [errorStrings.t(locale, 'retry'), this.retry]);
    if (this.langs.loading || this._chunk !== 'ready') {
      return html`<div class="waiting" part="state" role="status" aria-busy="true"><span class="vh">${this.langs.loading ? '' : say(locale, 'loading')}</span></div>`;
    }
    const templates: ResultTemplates = {
      post: this.postHrefTemplate,
      question: this.questionHrefTemplate,
      person: this.personHrefTemplate,
      community: this.communityHrefTemplate,
      tag: this.tagHrefTemplate,
    };
    return html`<hearth-search-results
      .query=${this._query}
      .filters=${this._filters}
      .compact=${this.#compact}
      .templates=${templates}
      .onFilters=${this.#onFilters}
      .onSuggest=${this.#onSuggest}
    ></hearth-search-results>`;
  }
}
