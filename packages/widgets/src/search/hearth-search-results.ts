import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type {
  Community, CommunityList, PeopleList, PersonSummary, Post, Question, SearchFacets, SearchHit, SearchPage,
  SearchSuggestions, TagSuggestions,
} from '@hearth/contracts';
import { normalizeTag } from '@hearth/contracts/text';
import { adopt } from '../runtime/adopt.ts';
import { type SearchInput, listCommunities, search, searchPeople, searchSuggestions, suggestTags } from '../runtime/api.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { formatDate, formatNumber } from '../runtime/i18n.ts';
import { dots } from '../runtime/dots.ts';
import { Loader } from '../runtime/loader.ts';
import { loadFollow } from '../runtime/load-follow.ts';
import { fillTemplate, hearthPermalink } from '../runtime/permalink.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { HearthSearchOpenEvent, type SearchResultRef } from './events.ts';
import { marked } from './highlight.ts';
import { resultsStyles } from './hearth-search-results.styles.ts';
import { rp, rt } from './results-strings.ts';
import { FILTER_NAMES, type SearchFilters, hasFilters } from './url.ts';

/** Where each kind of result opens on the host page (`href-template`s); null: Hearth's own page. */
export interface ResultTemplates {
  post: string | null;
  question: string | null;
  person: string | null;
  community: string | null;
  tag: string | null;
}

/** A query shorter than this shows suggestions instead of results. */
const MIN_QUERY = 2;
const DAY = 86_400_000;
/** The secondary groups (people, communities, tags) show at most this many. */
const FEW = 5;

/** One kind of hits (questions or posts): the first page (with the facets), and pages loaded after it. */
class HitGroup {
  readonly first: Loader<SearchPage>;
  more: SearchHit[] = [];
  next: string | null = null;
  moreState: 'idle' | 'loading' | 'failed' = 'idle';
  #abort: AbortController | null = null;

  constructor(host: HearthSearchResults, readonly kind: 'question' | 'post') {
    this.first = new Loader<SearchPage>(host);
  }

  get items(): SearchHit[] {
    return [...(this.first.value?.items ?? []), ...this.more];
  }

  run(client: HearthSearchResults['client'], input: SearchInput): Promise<void> {
    this.#abort?.abort();
    this.more = [];
    this.next = null;
    this.moreState = 'idle';
    return this.first
      .run((signal) => search(client, { ...input, kind: this.kind }, signal))
      .then(() => void (this.next = this.first.value?.nextCursor ?? null));
  }

  async loadMore(client: HearthSearchResults['client'], input: SearchInput, host: HearthSearchResults): Promise<void> {
    if (!this.next || this.moreState === 'loading') return;
    const abort = (this.#abort = new AbortController());
    this.moreState = 'loading';
    host.requestUpdate();
    try {
      const page = await search(client, { ...input, kind: this.kind, cursor: this.next }, abort.signal);
      if (abort.signal.aborted) return;
      this.more = [...this.more, ...page.items];
      this.next = page.nextCursor;
      this.moreState = 'idle';
    } catch {
      if (abort.signal.aborted) return;
      this.moreState = 'failed';
    }
    host.requestUpdate();
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A local calendar day, `YYYY-MM-DD`, `days` ago. */
function dayAgo(days: number, now = Date.now()): string {
  const d = new Date(now - days * DAY);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
const PRESETS = [
  ['pastWeek', 7],
  ['pastMonth', 30],
  ['pastYear', 365],
] as const;

/**
 * `<hearth-search>`'s results, in a chunk of their own: the suggestions for an empty query; the
 * groups of questions, posts, people, communities and tags; the facets and chips. Rendered in the
 * widget's shadow root (a part), which moves the focus through `navItems()`.
 */
export class HearthSearchResults extends HearthPart {
  static override usesMe = true;
  static override properties = {
    query: fromWidget,
    filters: fromWidget,
    compact: fromWidget,
    templates: fromWidget,
    onFilters: fromWidget,
    onSuggest: fromWidget,
  };

  declare query: string;
  declare filters: SearchFilters;
  declare compact: boolean;
  declare templates: ResultTemplates;
  /** Called with the new filters when a facet is chosen or a chip removed. */
  declare onFilters: ((filters: SearchFilters) => void) | null;
  /** Called with a popular tag chosen from the suggestions. */
  declare onSuggest: ((q: string) => void) | null;

  readonly #suggestions = new Loader<SearchSuggestions>(this);
  readonly #questions = new HitGroup(this, 'question');
  readonly #posts = new HitGroup(this, 'post');
  readonly #people = new Loader<PeopleList>(this);
  readonly #communities = new Loader<CommunityList>(this);
  readonly #tags = new Loader<TagSuggestions>(this);
  /** Names of what the filters name (from the facets), for the chips. */
  readonly #names = new Map<string, string>();

  constructor() {
    super();
    this.query = '';
    this.filters = {};
    this.compact = false;
    this.templates = { post: null, question: null, person: null, community: null, tag: null };
    this.onFilters = null;
    this.onSuggest = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), resultsStyles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.scopeChanged(changed, ['query', 'filters'])) void this.#load(changed.has('query') || !this.hasUpdated);
  }

  get #short(): boolean {
    return this.query.length < MIN_QUERY;
  }

  get #input(): SearchInput {
    const input: SearchInput = { q: this.query, limit: this.compact ? 5 : 10 };
    for (const name of FILTER_NAMES) if (this.filters[name]) input[name] = this.filters[name];
    return input;
  }

  /** Loads what the query asks for; `all`: the query changed (not only the filters). */
  #load(all = true): Promise<unknown> {
    const client = this.client;
    if (this.#short) {
      for (const loader of [this.#questions.first, this.#posts.first, this.#people, this.#communities, this.#tags]) loader.clear();
      return this.#suggestions.status === 'ready' ? Promise.resolve() : this.#suggestions.run((signal) => searchSuggestions(client, signal));
    }
    const input = this.#input;
    const runs: Array<Promise<unknown>> = [this.#questions.run(client, input), this.#posts.run(client, input)];
    if (all) {
      const q = this.query;
      const tag = normalizeTag(q.replace(/\s+/g, '-'));
      runs.push(this.#people.run((signal) => searchPeople(client, q.slice(0, 100), FEW, signal)));
      runs.push(this.#communities.run((signal) => listCommunities(client, { q: q.slice(0, 100), limit: FEW }, signal)));
      if (tag) runs.push(this.#tags.run((signal) => suggestTags(client, tag, FEW, signal)));
      else this.#tags.clear();
    }
    return Promise.all(runs);
  }

  override reload(): Promise<void> {
    this.#suggestions.clear();
    return this.#load().then(() => undefined);
  }

  /** The results' links and buttons the arrow keys move through, in order. */
  navItems(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('.nav')].filter((el) => el.offsetParent !== null || el.getClientRects().length > 0);
  }

  // ---- Choosing

  #choose(name: keyof SearchFilters, value: string | undefined): void {
    const next = { ...this.filters, [name]: value };
    if (!value) delete next[name];
    this.onFilters?.(next);
  }

  #dates(from: string | undefined, to: string | undefined): void {
    const next: SearchFilters = { ...this.filters, from, to };
    if (!from) delete next.from;
    if (!to) delete next.to;
    this.onFilters?.(next);
  }

  #href(ref: SearchResultRef): string {
    const base = this.session?.config.apiBase ?? location.href;
    const own = (path: string) => new URL(`../../embed/${path}`, base).href;
    const { templates } = this;
    switch (ref.kind) {
      case 'post':
        return templates.post ? fillTemplate(templates.post, { id: ref.id, kind: 'post' }) : hearthPermalink(base, { id: ref.id });
      case 'question':
        return templates.question ? fillTemplate(templates.question, { id: ref.id, kind: 'question' }) : own(`question/${ref.id}`);
      case 'person':
        return templates.person ? fillTemplate(templates.person, { id: ref.handle, handle: ref.handle }) : own(`feed?author=${encodeURIComponent(ref.handle)}`);
      case 'community':
        return templates.community ? fillTemplate(templates.community, { id: ref.slug, slug: ref.slug }) : own(`community/${encodeURIComponent(ref.slug)}`);
      case 'tag':
        return templates.tag ? fillTemplate(templates.tag, { id: ref.tag, tag: ref.tag }) : own(`feed?tag=${encodeURIComponent(ref.tag)}`);
    }
  }

  #open(event: MouseEvent, ref: SearchResultRef, href: string): void {
    const open = new HearthSearchOpenEvent(ref, href);
    this.emit(open);
    if (open.defaultPrevented) event.preventDefault();
  }

  // ---- Rendering

  protected override render() {
    const locale = this.locale;
    if (this.#short) return this.#renderSuggestions();
    const main = [this.#questions.first, this.#posts.first];
    const words = { failed: rt(locale, 'failed'), signedOut: rt(locale, 'signedOut') };
    const failed = main.map((l) => failureBox(locale, l, words, this.retry)).find(Boolean);
    // People, communities and tags are searched beside them (unless a facet narrows the search).
    const side = hasFilters(this.filters) ? [] : [this.#people, this.#communities, this.#tags];
    const pending = (l: Loader<unknown>) => l.status === 'loading' || l.status === 'idle';
    const facets = this.#facets();
    const chips = this.#renderChips();
    const facetsView = facets ? this.#renderFacets(facets) : nothing;
    const refine = this.compact
      ? html`<details class="refine" part="refine"><summary>${rt(locale, 'refine')}</summary>${facetsView}</details>`
      : facetsView;
    let body: unknown;
    if (failed) {
      body = failed;
    } else if (main.some(pending) && !main.some((l) => l.value)) {
      body = html`<div class="searching" part="state" role="status" aria-busy="true">
        <span class="vh">${rt(locale, 'searching')}</span>
        <div class="skeleton line"></div><div class="skeleton line short"></div><div class="skeleton line"></div>
      </div>`;
    } else {
      const groups = this.#renderGroups();
      // "No results" only once every kind has answered: people may still come.
      body = groups.length
        ? groups
        : side.some((l) => pending(l) && l.status !== 'idle')
          ? html`<div class="searching" part="state" role="status" aria-busy="true"><span class="vh">${rt(locale, 'searching')}</span></div>`
          : html`<div class="state" part="state" role="status">
            <p>${rt(locale, 'noResults', { q: this.query })}</p>
            <p class="detail">${rt(locale, 'noResultsHint')}</p>
          </div>`;
    }
    return html`<div class="results ${this.compact ? 'in-panel' : 'in-body'}" part="results">
      ${this.compact ? nothing : html`<aside class="side">${facetsView}</aside>`}
      <div class="main">
        ${chips} ${this.compact && facets ? refine : nothing}
        ${body}
      </div>
    </div>`;
  }

  #renderSuggestions() {
    const locale = this.locale;
    const loader = this.#suggestions;
    const failed = failureBox(locale, loader, { failed: rt(locale, 'failed'), signedOut: rt(locale, 'signedOut') }, this.retry);
    if (failed) return failed;
    const value = loader.value;
    if (!value) {
      return html`<div class="searching" part="state" role="status" aria-busy="true">
        <span class="vh">${rt(locale, 'searching')}</span><div class="skeleton line"></div><div class="skeleton line short"></div>
      </div>`;
    }
    const hint = this.query.length === 1 ? html`<p class="hint">${rt(locale, 'typeMore')}</p>` : nothing;
    if (!value.tags.length && !value.questions.length) return html`${hint}${stateBox(rt(locale, 'nothingYet'))}`;
    return html`<div class="suggestions" part="suggestions">
      ${hint}
      ${value.tags.length
        ? html`<section class="group" part="group" aria-labelledby="s-tags">
            <h3 id="s-tags" part="group-heading">${rt(locale, 'popularTags')}</h3>
            <ul class="tag-list">
              ${value.tags.map(
                (tag) => html`<li>
                  <button type="button" class="facet nav" part="facet" @click=${() => this.onSuggest?.(tag.name)}>
                    #${tag.name} <span class="n" aria-hidden="true">${formatNumber(locale, tag.count)}</span>
                  </button>
                </li>`,
              )}
            </ul>
          </section>`
        : nothing}
      ${value.questions.length
        ? html`<section class="group" part="group" aria-labelledby="s-questions">
            <h3 id="s-questions" part="group-heading">${rt(locale, 'recentQuestions')}</h3>
            <ul class="hits">
              ${value.questions.map((q) => {
                const ref = { kind: 'question', id: q.id } as const;
                const href = this.#href(ref);
                return html`<li class="item">
                  <a class="hit nav" part="hit" href=${href} @click=${(e: MouseEvent) => this.#open(e, ref, href)}>${q.title}</a>
                  <p class="meta" part="meta">
                    <span class=${q.answered ? 'answered' : ''}>${rt(locale, q.answered ? 'answered' : 'open')}</span>
                  </p>
                </li>`;
              })}
            </ul>
          </section>`
        : nothing}
    </div>`;
  }

  /** The facets of both kinds' first pages, added up. */
  #facets(): SearchFacets | null {
    const pages = [this.#questions.first.value?.facets, this.#posts.first.value?.facets].filter((f): f is SearchFacets => !!f);
    if (!pages.length) return null;
    const add = <T extends { count: number }>(lists: T[][], key: (t: T) => string) => {
      const sum = new Map<string, T>();
      for (const item of lists.flat()) {
        const known = sum.get(key(item));
        sum.set(key(item), known ? { ...known, count: known.count + item.count } : { ...item });
      }
      return [...sum.values()].sort((a, b) => b.count - a.count).slice(0, 8);
    };
    const facets: SearchFacets = {
      tags: add(pages.map((p) => p.tags), (t) => t.name),
      communities: add(pages.map((p) => p.communities), (c) => c.slug),
      authors: add(pages.map((p) => p.authors), (a) => a.handle),
    };
    for (const c of facets.communities) this.#names.set(`community:${c.slug}`, c.name);
    for (const a of facets.authors) this.#names.set(`author:${a.handle}`, a.name);
    return facets;
  }

  #renderFacets(facets: SearchFacets) {
    const locale = this.locale;
    const f = this.filters;
    const choice = (name: 'tag' | 'community' | 'author', value: string, label: string, count: number) => {
      const chosen = f[name] === value;
      return html`<li>
        <button
          type="button"
          class="facet"
          part="facet"
          aria-pressed=${chosen ? 'true' : 'false'}
          aria-label=${rp(locale, 'facetCount', count, { name: label })}
          @click=${() => this.#choose(name, chosen ? undefined : value)}
        >
          <span class="label">${label}</span> <span class="n" aria-hidden="true">${formatNumber(locale, count)}</span>
        </button>
      </li>`;
    };
    const group = (id: string, title: string, items: TemplateResult[]) =>
      items.length
        ? html`<div class="facet-group" role="group" aria-labelledby=${id}>
            <h4 id=${id}>${title}</h4>
            <ul>${items}</ul>
          </div>`
        : nothing;
    const preset = PRESETS.find(([, days]) => f.from === dayAgo(days) && !f.to);
    return html`<div class="facets" part="facets" aria-label=${rt(locale, 'filters')} role="group">
      ${group('f-tag', rt(locale, 'filterTag'), facets.tags.map((t) => choice('tag', t.name, `#${t.name}`, t.count)))}
      ${group('f-community', rt(locale, 'filterCommunity'), facets.communities.map((c) => choice('community', c.slug, c.name, c.count)))}
      ${group('f-author', rt(locale, 'filterAuthor'), facets.authors.map((a) => choice('author', a.handle, a.name, a.count)))}
      <div class="facet-group" role="group" aria-labelledby="f-date">
        <h4 id="f-date">${rt(locale, 'filterDate')}</h4>
        <ul>
          <li>
            <button type="button" class="facet" part="facet" aria-pressed=${!f.from && !f.to ? 'true' : 'false'} @click=${() => this.#dates(undefined, undefined)}>
              ${rt(locale, 'anyTime')}
            </button>
          </li>
          ${PRESETS.map(
            ([words, days]) => html`<li>
              <button
                type="button"
                class="facet"
                part="facet"
                aria-pressed=${preset?.[0] === words ? 'true' : 'false'}
                @click=${() => this.#dates(dayAgo(days), undefined)}
              >
                ${rt(locale, words)}
              </button>
            </li>`,
          )}
        </ul>
        <div class="dates">
          <label>${rt(locale, 'from')} <input type="date" part="date" .value=${f.from ?? ''} max=${f.to ?? nothing} @change=${(e: Event) => this.#dates((e.target as HTMLInputElement).value || undefined, f.to)} /></label>
          <label>${rt(locale, 'to')} <input type="date" part="date" .value=${f.to ?? ''} min=${f.from ?? nothing} @change=${(e: Event) => this.#dates(f.from, (e.target as HTMLInputElement).value || undefined)} /></label>
        </div>
      </div>
    </div>`;
  }

  #renderChips() {
    const locale = this.locale;
    const f = this.filters;
    if (!hasFilters(f)) return nothing;
    const day = (d: string) => formatDate(locale, `${d}T12:00:00`);
    const label = (name: keyof SearchFilters, value: string) => {
      switch (name) {
        case 'tag':
          return `#${value}`;
        case 'from':
          return rt(locale, 'since', { date: day(value) });
        case 'to':
          return rt(locale, 'until', { date: day(value) });
        default:
          return this.#names.get(`${name}:${value}`) ?? value;
      }
    };
    return html`<ul class="chips" part="chips">
      ${FILTER_NAMES.filter((n) => f[n]).map((name) => {
        const text = label(name, f[name]!);
        return html`<li>
          <button type="button" class="chip" part="chip" aria-label=${rt(locale, 'remove', { filter: text })} @click=${() => this.#choose(name, undefined)}>
            ${text} <span aria-hidden="true">×</span>
          </button>
        </li>`;
      })}
      <li><button type="button" class="chip clear quiet" part="chip" @click=${() => this.onFilters?.({})}>${rt(locale, 'clearFilters')}</button></li>
    </ul>`;
  }

  #renderGroups(): TemplateResult[] {
    const groups: TemplateResult[] = [];
    const narrowed = hasFilters(this.filters);
    for (const group of [this.#questions, this.#posts]) {
      const items = group.items;
      if (!items.length) continue;
      groups.push(this.#group(group.kind === 'question' ? 'questions' : 'posts', items.length, items.map((hit) => this.#renderHit(hit)), group));
    }
    // People, communities and tags match the words alone: shown while no facet narrows the search.
    if (!narrowed) {
      const people = this.#people.value?.items ?? [];
      if (people.length) groups.push(this.#group('people', people.length, people.map((p) => this.#renderPerson(p))));
      const communities = this.#communities.value?.items.slice(0, FEW) ?? [];
      if (communities.length) groups.push(this.#group('communities', communities.length, communities.map((c) => this.#renderCommunity(c))));
      const tags = this.#tags.value?.items ?? [];
      if (tags.length) groups.push(this.#group('tags', tags.length, tags.map((t) => this.#renderTag(t.name, t.posts))));
    }
    return groups;
  }

  #group(kind: 'questions' | 'posts' | 'people' | 'communities' | 'tags', shown: number, items: TemplateResult[], paging?: HitGroup): TemplateResult {
    const locale = this.locale;
    return html`<section class="group" part="group" aria-labelledby="g-${kind}">
      <h3 id="g-${kind}" part="group-heading">
        ${rt(locale, kind)} <span class="count">(${rt(locale, 'shown', { n: formatNumber(locale, shown) })})</span>
      </h3>
      <ul class="hits">${items}</ul>
      ${paging?.moreState === 'failed' ? html`<p class="problem" part="problem" role="alert">${rt(locale, 'moreFailed')}</p>` : nothing}
      ${paging?.next
        ? html`<button
            type="button"
            class="more"
            part="load-more"
            aria-disabled=${paging.moreState === 'loading' ? 'true' : 'false'}
            @click=${() => void paging.loadMore(this.client, this.#input, this)}
          >
            ${rt(locale, paging.moreState === 'loading' ? 'searching' : 'loadMore')}
          </button>`
        : nothing}
    </section>`;
  }

  /** "by Name", the name carrying `data-hearth-person` wherever the language puts it. */
  #by(p: PersonSummary) {
    const [before = '', after = ''] = rt(this.locale, 'by', { name: '\u0000' }).split('\u0000');
    return html`${before}<span class="person" data-hearth-person=${p.handle}>${p.name}</span>${after}`;
  }

  #renderHit(hit: SearchHit): TemplateResult {
    const locale = this.locale;
    if (hit.kind === 'question') {
      const q: Question = hit.question;
      const ref = { kind: 'question', id: q.id } as const;
      const href = this.#href(ref);
      const answered = q.state === 'answered';
      return html`<li class="item">
        <a class="hit nav" part="hit" href=${href} @click=${(e: MouseEvent) => this.#open(e, ref, href)}>${marked(q.title, hit.highlights, 'title')}</a>
        <p class="meta dots" part="meta">
          ${dots([
            html`<span class=${answered ? 'answered' : ''}>${rt(locale, answered ? 'answered' : 'open')}</span>`,
            rp(locale, 'answers', q.answerCount),
            this.#by(q.author),
            q.community && rt(locale, 'inCommunity', { community: q.community.name }),
          ])}
        </p>
        ${q.body ? html`<p class="excerpt" part="excerpt">${marked(q.body, hit.highlights, 'body', true)}</p>` : nothing}
      </li>`;
    }
    const p: Post = hit.post;
    const ref = { kind: 'post', id: p.id } as const;
    const href = this.#href(ref);
    return html`<li class="item">
      <a class="hit nav post" part="hit" href=${href} @click=${(e: MouseEvent) => this.#open(e, ref, href)}>${marked(p.body, hit.highlights, 'body', true)}</a>
      <p class="meta dots" part="meta">
        ${dots([
          this.#by(p.author),
          p.community && rt(locale, 'inCommunity', { community: p.community.name }),
          html`<time datetime=${p.createdAt}>${formatDate(locale, p.createdAt)}</time>`,
        ])}
      </p>
    </li>`;
  }

  #renderPerson(p: PersonSummary): TemplateResult {
    const ref = { kind: 'person', handle: p.handle } as const;
    const href = this.#href(ref);

    return html`<li class="item">
      <a class="hit nav" part="hit" href=${href} data-hearth-person=${p.handle} @click=${(e: MouseEvent) => this.#open(e, ref, href)}>${p.name}</a>
      <p class="meta dots" part="meta">${dots([`@${p.handle}`, p.title, p.department])}</p>
    </li>`;
  }

  /** The Follow toggle (runtime/follow.ts, a chunk of its own shared by every widget's buttons). */
  #followButton(kind: 'tag' | 'community', name: string, label = '') {
    if (this.me?.value.status !== 'signed-in') return nothing;
    loadFollow();
    return html`<hearth-follow .kind=${kind} .name=${name} .label=${label}></hearth-follow>`;
  }

  #renderCommunity(c: Community): TemplateResult {
    const locale = this.locale;
    const ref = { kind: 'community', slug: c.slug } as const;
    const href = this.#href(ref);
    return html`<li class="item with-action">
      <div class="text">
        <a class="hit nav" part="hit" href=${href} @click=${(e: MouseEvent) => this.#open(e, ref, href)}>${c.name}</a>
        <p class="meta dots" part="meta">${dots([c.purpose, c.memberCount !== null && rp(locale, 'members', c.memberCount)])}</p>
      </div>
      ${this.#followButton('community', c.slug, c.name)}
    </li>`;
  }

  #renderTag(tag: string, posts: number): TemplateResult {
    const locale = this.locale;
    const ref = { kind: 'tag', tag } as const;
    const href = this.#href(ref);
    return html`<li class="item with-action">
      <div class="text">
        <a class="hit nav" part="hit" href=${href} @click=${(e: MouseEvent) => this.#open(e, ref, href)}>#${tag}</a>
        <p class="meta" part="meta">${rp(locale, 'posts', posts)}</p>
      </div>
      ${this.#followButton('tag', tag)}
    </li>`;
  }
}
