import { html, nothing, svg, type PropertyValues } from 'lit';
import type { TagCloud, TagCloudEntry, TagWindow } from '@hearth/contracts';
import { tagCloud } from '../runtime/api.ts';
import { HearthTagSelectEvent } from '../runtime/events.ts';
import { HearthElement } from '../runtime/hearth-element.ts';
import { loadFollow } from '../runtime/load-follow.ts';
import { formatNumber } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { StoreController } from '../runtime/store-controller.ts';
import { $selectedTag } from '../runtime/stores.ts';
import { tagCloudStyles } from './hearth-tag-cloud.styles.ts';
import { cloudPack, plural, t } from './strings.ts';

const WINDOWS: readonly TagWindow[] = ['7', '30', '90', 'all'];
const SCOPE_PROPERTIES = ['community', 'days', 'max'] as const;
/** Font-size steps, smallest to largest (see the styles' `.w1` .. `.w5`). */
const STEPS = 5;

// An arrow going up and to the right: trending is marked by a shape, not by colour alone.
const trendIcon = html`<svg class="trend" viewBox="0 0 16 16" aria-hidden="true">${svg`<path d="M2 12l4.5-4.5 3 3L14 6M10 6h4v4"/>`}</svg>`;

/**
 * The tags people use most, as a cloud (size grows with use) or a ranked list with bars. Each
 * tag also says its weight in words ("kubernetes, 42 posts, trending"), so size is never the
 * only cue. Choosing a tag selects it for the whole page: every `<hearth-feed>` without a `tag`
 * of its own filters to it; choosing it again clears it. With `href-template` the tags are
 * links instead (to a search page, say) and the page's selection is left alone.
 *
 * The selected tag is shown under the cloud with a Follow toggle (pressed while followed), which
 * follows the tag for its reader: the feed's Following tab then shows its posts.
 *
 * Keyboard: Tab reaches the cloud once; the arrow keys, Home and End move between tags; Enter
 * or Space chooses (Enter follows a link).
 *
 * @summary The most used tags of the intranet or a community, as a cloud or a ranked list.
 * @tagname hearth-tag-cloud
 *
 * @csspart base - The wrapper around everything.
 * @csspart header - The title and the time window.
 * @csspart tags - The list of tags.
 * @csspart tag - Each tag's button (or link).
 * @csspart count - The number of posts next to a tag.
 * @csspart bar - The bar behind a tag in the `list` variant.
 * @csspart legend - The line explaining the trending mark.
 * @csspart selection - The selected tag under the cloud, with its Follow toggle.
 * @csspart follow - The Follow toggle of the selected tag (pressed while followed).
 * @csspart state - The loading, empty, error and signed-out messages.
 *
 *
 * @fires hearth-tag-select - A tag was chosen (not when it is cleared). `event.tag`; the runtime's `$selectedTag` holds it too.
 */
export class HearthTagCloud extends HearthElement {
  static override styles = [...HearthElement.styles, tagCloudStyles];
  static override packs = [cloudPack];
  static override usesMe = false;

  static override properties = {
    community: { type: String },
    days: { type: String },
    max: { type: Number },
    variant: { type: String },
    hrefTemplate: { type: String, attribute: 'href-template' },
  };

  /** Only tags of this community (its slug); empty: the whole intranet. */
  declare community: string | null;
  /** The time window in days: `7`, `30`, `90` or `all`. */
  declare days: '7' | '30' | '90' | 'all';
  /** How many tags to show at most, 1 to 100. */
  declare max: number;
  /** `cloud` (sizes, alphabetical) or `list` (ranked, with counts and bars). */
  declare variant: 'cloud' | 'list';
  /** Makes each tag a link: `{tag}` is replaced by the tag, e.g. `/search?tag={tag}`. */
  declare hrefTemplate: string | null;
  #cloud = new Loader<TagCloud>(this);
  #selected = new StoreController<string | null>(this, $selectedTag);
  /** The validated href-template, or null for buttons. */
  #href: string | null = null;
  /** The tag that takes Tab focus (roving tabindex); null: the selected or the first one. */
  #active: string | null = null;

  constructor() {
    super();
    this.community = null;
    this.days = '30';
    this.max = 30;
    this.variant = 'cloud';
    this.hrefTemplate = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.hasUpdated || changed.has('hrefTemplate')) this.#href = safeTemplate(this.hrefTemplate);
    if (this.scopeChanged(changed, SCOPE_PROPERTIES)) {
      const { client } = this.session;
      const query = { community: this.community || undefined, days: this.#days, limit: this.#max };
      void this.#cloud.run((signal) => tagCloud(client, query, signal));
    }
  }

  get #days(): TagWindow {
    const days = String(this.days) as TagWindow;
    return WINDOWS.includes(days) ? days : '30';
  }

  get #max(): number {
    return Math.min(100, Math.max(1, Math.trunc(this.max) || 30));
  }

  protected override refresh(): Promise<void> {
    return this.#cloud.reload();
  }

  #choose(tag: string): void {
    if ($selectedTag.get() === tag) {
      $selectedTag.set(null);
      return;
    }
    $selectedTag.set(tag);
    this.emit(new HearthTagSelectEvent(tag));
  }

  /** The tags in the order they are shown: alphabetical in a cloud, by use in a list. */
  #shown(): TagCloudEntry[] {
    const items = (this.#cloud.value?.items ?? []).slice(0, this.#max);
    if (this.variant === 'list') return items.sort((a, b) => b.posts - a.posts || a.name.localeCompare(b.name));
    const collator = new Intl.Collator(this.locale);
    return items.sort((a, b) => collator.compare(a.name, b.name));
  }

  #tags(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.tag')];
  }

  #onKeydown(event: KeyboardEvent): void {
    const tags = this.#tags();
    const index = tags.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    const rtl = this.matches(':dir(rtl)');
    const step: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      Home: -tags.length,
      End: tags.length,
    };
    const delta = step[event.key];
    if (delta === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const next = tags[Math.min(tags.length - 1, Math.max(0, index + delta))]!;
    this.#active = next.dataset['tag'] ?? null;
    this.requestUpdate();
    next.focus();
  }

  #onFocusin(event: FocusEvent): void {
    const tag = (event.target as HTMLElement).dataset['tag'];
    if (tag && tag !== this.#active) {
      this.#active = tag;
      this.requestUpdate();
    }
  }

  protected override render() {
    const locale = this.locale;
    const days = this.#days;
    const window = t(locale, `window_${days}`);
    // Until the words of the page's language arrive, the skeleton rather than a flash of English.
    const waiting = this.langs.loading;
    return html`<div class="root ${this.themeClass} ${this.variant === 'list' ? 'list' : 'cloud'}" part="base">
      <div class="head" part="header" id="head">
        ${waiting
          ? html`<span class="bone b1" aria-hidden="true"></span>`
          : html`<span class="title">${t(locale, 'title')}</span>
              <span class="window">${window}</span>`}
      </div>
      ${waiting ? this.#renderSkeleton('') : this.#renderBody(window)}
    </div>`;
  }

  #renderBody(window: string) {
    const locale = this.locale;
    const cloud = this.#cloud;
    if (cloud.status === 'loading' || cloud.status === 'idle') return this.#renderSkeleton();
    const failed = failureBox(locale, cloud, { failed: t(locale, 'loadFailed'), signedOut: t(locale, 'signedOut') }, this.retry);
    if (failed) return failed;
    const items = this.#shown();
    if (items.length === 0) {
      return stateBox(this.#days === 'all' ? t(locale, 'emptyAll') : t(locale, 'empty', { window }));
    }
    const selected = this.#selected.value;
    const names = new Set(items.map((i) => i.name));
    // The Tab stop: the tag last focused, else the selected one, else the first.
    const active = [this.#active, selected].find((n) => n && names.has(n)) ?? items[0]!.name;
    const list = this.variant === 'list';
    const weight = weigher(items);
    const top = Math.max(1, ...items.map((i) => i.posts));
    const tags = items.map(
      (item) => html`<li>${this.#renderTag(item, list ? 0 : weight(item.posts), item.name === active, selected, list ? item.posts / top : 0)}</li>`,
    );
    return html`<div
        class="tags"
        part="tags"
        role="toolbar"
        aria-orientation=${list ? 'vertical' : 'horizontal'}
        aria-labelledby="head"
        @keydown=${this.#onKeydown}
        @focusin=${this.#onFocusin}
      >
        ${list
          ? // A column for the growth figures only when there are some (see the styles).
            html`<ol role="list" class=${items.some((i) => i.trending) ? 'growing' : nothing}>${tags}</ol>`
          : html`<ul role="list">${tags}</ul>`}
      </div>
      ${this.#days !== 'all' && items.some((i) => i.trending)
        ? html`<p class="legend" part="legend">${trendIcon} ${t(locale, 'trendingLegend', { n: this.#days })}</p>`
        : nothing}
      ${selected && !this.#href ? this.#renderSelection(selected) : nothing}`;
  }

  /** The selected tag with its Follow toggle, whose element is a chunk of its own (runtime/follow.ts). */
  #renderSelection(tag: string) {
    loadFollow();
    return html`<p class="selection" part="selection">
      <span class="selected">#${tag}</span>
      <hearth-follow .kind=${'tag'} .name=${tag}></hearth-follow>
    </p>`;
  }

  #renderTag(item: TagCloudEntry, weight: number, active: boolean, selected: string | null, share: number) {
    const locale = this.locale;
    const list = this.variant === 'list';
    const growth = item.trending ? (item.growth === null ? t(locale, 'isNew') : percent(locale, item.growth)) : '';
    const words = [plural(locale, 'posts', item.posts), item.trending ? t(locale, 'trending') : '', list ? growth : ''];
    // The bar's width goes through the style *property* (CSSOM): a style attribute, which
    // styleMap writes on first render, is blocked by a host page's CSP without 'unsafe-inline'.
    const bar = list
      ? html`${growth ? html`<span class="growth" aria-hidden="true">${growth}</span>` : nothing}<span
            class="bar"
            part="bar"
            aria-hidden="true"
            ><span .style=${`width:${Math.max(2, share * 100).toFixed(1)}%`}></span
          ></span>`
      : nothing;
    // The accessible name is the hidden words alone, "kubernetes, 42 posts, trending": with the
    // visible name in it too, Chromium joined the two with a space ("kubernetes , 42 posts"),
    // as the hidden span is positioned out of the flow.
    const content = html`<span class="label"
        ><span class="hash" aria-hidden="true">#</span><span class="name" aria-hidden="true">${item.name}</span
        ><span class="vh">${[item.name, ...words].filter(Boolean).join(', ')}</span>${item.trending ? trendIcon : nothing}</span
      ><span class="count" part="count" aria-hidden="true">${formatNumber(locale, item.posts)}</span>${bar}`;
    const classes = `tag w${weight}${item.trending ? ' trending' : ''}`;
    if (this.#href) {
      return html`<a
        class=${classes}
        part="tag"
        href=${this.#href.replaceAll('{tag}', encodeURIComponent(item.name))}
        tabindex=${active ? '0' : '-1'}
        data-tag=${item.name}
        >${content}</a
      >`;
    }
    return html`<button
      type="button"
      class=${classes}
      part="tag"
      tabindex=${active ? '0' : '-1'}
      aria-pressed=${item.name === selected ? 'true' : 'false'}
      data-tag=${item.name}
      @click=${() => this.#choose(item.name)}
    >
      ${content}
    </button>`;
  }

  /** `label` is said while loading; none while the words to say it in are on their way. */
  #renderSkeleton(label = t(this.locale, 'loading')) {
    // Roughly the height the tags will take, so the page does not jump when they arrive.
    const rows = this.variant === 'list' ? Math.min(this.#max, 8) : Math.min(16, this.#max);
    return html`<div class="skeleton" aria-busy="true">
      <span class="vh" role="status">${label}</span>
      ${[...Array(rows).keys()].map((i) => html`<span class="bone b${i % 5}" aria-hidden="true"></span>`)}
    </div>`;
  }
}

/**
 * Maps a post count to a size step 1..5 on a log scale: use is heavy-tailed, and on a linear
 * scale one huge tag would leave every other tag at the smallest size.
 */
function weigher(items: TagCloudEntry[]): (posts: number) => number {
  const logs = items.map((i) => Math.log(Math.max(1, i.posts)));
  const low = Math.min(...logs);
  const high = Math.max(...logs);
  if (high - low < 1e-9) return () => 3;
  return (posts) => 1 + Math.round(((Math.log(Math.max(1, posts)) - low) / (high - low)) * (STEPS - 1));
}

const percents = new Map<string, Intl.NumberFormat>();

/** "+85 %" in the widget's language. */
function percent(locale: string, growth: number): string {
  let format = percents.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 });
    percents.set(locale, format);
  }
  return format.format(growth);
}

/**
 * The href-template if following it stays on the web (http or https); anything else, such as
 * a `javascript:` URL an editor pasted, is refused and the tags stay buttons.
 */
function safeTemplate(template: string | null): string | null {
  if (!template) return null;
  try {
    const { protocol } = new URL(template.replaceAll('{tag}', 'tag'), document.baseURI);
    if (protocol === 'http:' || protocol === 'https:') return template;
  } catch {
    // Reported below.
  }
  console.warn(`Hearth: ignoring href-template="${template}", which is not an http(s) URL.`);
  return null;
}
