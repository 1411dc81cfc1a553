import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Adoption, AdoptionCommunity, AdoptionFigures, AdoptionTargets } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { HearthError } from '../runtime/errors.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { formatNumber } from '../runtime/i18n.ts';
import { lazyDefine } from '../runtime/lazy-define.ts';
import { stateBox } from '../runtime/state.ts';
import { errorStrings, errorText } from '../runtime/strings.ts';
import { archiveCommunity } from './api.ts';
import { boardStyles } from './board.styles.ts';
import { chart } from './chart.ts';
import { type CsvCell, downloadCsv, toCsv } from './csv.ts';
import { t } from './strings.ts';

/** The figures with a target, in the order of the tiles and charts. */
export const KPIS = ['activeShare', 'contributorShare', 'executiveContributorShare', 'unansweredAfter48hShare', 'taggedPostShare'] as const;
export type Kpi = (typeof KPIS)[number];
/** The one figure where less is better. */
export const LOWER_IS_BETTER: ReadonlySet<Kpi> = new Set(['unansweredAfter48hShare']);

/** A column of a table: its heading, its CSV value and, if it differs, what the page shows. */
interface Column<R> {
  label: string;
  csv: (row: R) => CsvCell;
  cell?: (row: R) => unknown;
  /** Numbers line up at the end. */
  number?: boolean;
}

/** Whether `value` meets `target` for a figure: null when there is nothing to compare. */
export function meets(kpi: Kpi, value: number | null, target: number): boolean | null {
  if (value === null) return null;
  // Compared at the precision shown (a tenth of a percent), so "38%" against "38%" is met.
  const v = Math.round(value * 1000);
  const goal = Math.round(target * 1000);
  return LOWER_IS_BETTER.has(kpi) ? v <= goal : v >= goal;
}

const percents = new Map<string, Intl.NumberFormat>();
/** 0.3214 → "32.1%" in the language's way. */
export function percent(lang: string, share: number | null): string {
  if (share === null) return '–';
  let format = percents.get(lang);
  if (!format) percents.set(lang, (format = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 })));
  return format.format(share);
}

const short = new Map<string, Intl.DateTimeFormat>();
/** `2026-12-07` → "7 Dec" (UTC days stay the day they are). */
function day(lang: string, iso: string): string {
  let format = short.get(lang);
  if (!format) short.set(lang, (format = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' })));
  return format.format(new Date(`${iso}T00:00:00Z`));
}

/** A share rounded for a CSV file: four decimals, as 0..1. */
const csvShare = (share: number | null) => (share === null ? null : Math.round(share * 10_000) / 10_000);
const contributions = (f: AdoptionFigures) => f.posts + f.replies + f.questions + f.answers;

const okIcon = html`<svg class="mark" viewBox="0 0 16 16" aria-hidden="true"><path d="M3 8.5l3.2 3L13 4.5" /></svg>`;
const missIcon = html`<svg class="mark" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 4l8 8M12 4l-8 8" /></svg>`;

/**
 * The dashboard itself, in a chunk of its own fetched as the widget starts (in parallel with the
 * figures): the tiles, charts, tables, Archive and the admins' targets form. It renders into the
 * widget's shadow root; the widget gives it the figures and reloads them when it says
 * `hearth-adoption-changed` (a community was archived).
 */
export class HearthAdoptionBoard extends HearthPart {
  static override properties = {
    data: fromWidget,
    admin: fromWidget,
    _confirm: { state: true },
    _archiving: { state: true },
    _problem: { state: true },
    _said: { state: true },
    _formFailed: { state: true },
  };

  declare data: Adoption | null;
  /** The person is an admin: Archive, the quiet executives and the targets form. */
  declare admin: boolean;
  /** The inactive community whose Archive waits for a confirmation. */
  declare _confirm: string | null;
  declare _archiving: string | null;
  /** What went wrong with the last archive, in the language of each render. */
  declare _problem: ((locale: string) => string) | null;
  declare _said: string;
  /** The targets form's chunk could not be fetched. */
  declare _formFailed: boolean;

  constructor() {
    super();
    this.data = null;
    this.admin = false;
    this._confirm = null;
    this._archiving = null;
    this._problem = null;
    this._said = '';
    this._formFailed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), boardStyles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The admins' form, in its own chunk: managers never fetch it.
    if (this.admin && !customElements.get('hearth-adoption-targets') && !this._formFailed) {
      lazyDefine('hearth-adoption-targets', () => import('./hearth-adoption-targets.ts').then((m) => m.HearthAdoptionTargets)).then(
        () => this.requestUpdate(),
        () => (this._formFailed = true),
      );
    }
  }

  async #archive(community: AdoptionCommunity): Promise<void> {
    if (this._archiving) return;
    this._archiving = community.slug;
    this._problem = null;
    this._said = '';
    try {
      await archiveCommunity(this.client, community.slug);
      this._confirm = null;
      this._said = t(this.locale, 'archived', { name: community.name });
      // The widget loads the figures again: the community leaves the lists.
      this.emit(new CustomEvent<string>('hearth-adoption-changed', { detail: community.slug, bubbles: true }));
    } catch (error) {
      const failure = error instanceof HearthError ? error : HearthError.network();
      this._problem = (locale) => `${t(locale, 'archiveFailed', { name: community.name })} ${errorText(locale, failure)}`;
    } finally {
      this._archiving = null;
    }
  }

  #download(file: string, rows: CsvCell[][]): void {
    const name = `hearth-adoption-${file}-${(this.data?.asOf ?? new Date().toISOString()).slice(0, 10)}.csv`;
    downloadCsv(toCsv(rows), name);
    this._said = t(this.locale, 'downloaded', { file: name });
  }

  protected override render() {
    const data = this.data;
    if (!data) return nothing;
    const locale = this.locale;
    const quiet = data.weeks.every((w) => contributions(w) === 0 && !w.readers);
    return html`${this.#renderHeader(data)}
      ${quiet
        ? stateBox(t(locale, 'empty'))
        : html`${this.#renderTiles(data)} ${this.#renderTrends(data)} ${this.#renderDepartments(data)} ${this.#renderCommunities(data)}
          ${this.#renderPlacements(data)}`}
      ${this.#renderInactive(data)} ${this.#renderQuiet(data)} ${this.#renderTargets(data)}
      <p class="vh said" role="status">${this._said}</p>`;
  }

  #renderHeader(data: Adoption) {
    const locale = this.locale;
    const scope = data.community
      ? t(locale, 'inCommunity', { name: data.community.name })
      : this.admin
        ? t(locale, 'company')
        : t(locale, 'managed');
    return html`<header class="header" part="header">
      <h2>${t(locale, 'title')}</h2>
      <p class="meta"><span dir="auto">${scope}</span> · ${t(locale, 'asOf', { date: day(locale, data.current.end) })}</p>
    </header>`;
  }

  #renderTiles(data: Adoption) {
    const locale = this.locale;
    const now = data.current;
    const inactive = data.inactiveCommunities;
    return html`<section class="block" aria-labelledby="headline">
      <h3 id="headline">${t(locale, 'headline')}</h3>
      <ul class="tiles" part="tiles" role="list">
        ${KPIS.map((kpi) => this.#renderTile(kpi, now, data.targets))}
        <li class="tile" part="tile">
          <p class="label">${t(locale, 'contributions')}</p>
          <p class="value">${formatNumber(locale, contributions(now))}</p>
          <p class="meta">${t(locale, 'contributionsAbout')}</p>
        </li>
        <li class="tile" part="tile">
          <p class="label">${t(locale, 'firstAnswer')}</p>
          <p class="value">${now.medianHoursToFirstAnswer === null ? t(locale, 'none') : t(locale, 'hours', { n: formatNumber(locale, now.medianHoursToFirstAnswer) })}</p>
          <p class="meta">
            ${t(locale, 'firstExpertAnswer', {
              value: now.medianHoursToFirstExpertAnswer === null ? t(locale, 'none') : t(locale, 'hours', { n: formatNumber(locale, now.medianHoursToFirstExpertAnswer) }),
            })}
          </p>
        </li>
        <li class="tile" part="tile">
          <p class="label">${t(locale, 'communitiesActive')}</p>
          <p class="value">${formatNumber(locale, now.activeCommunities)}</p>
          <p class="meta">${t(locale, 'communitiesAbout', { inactive: formatNumber(locale, inactive), total: formatNumber(locale, data.communities) })}</p>
        </li>
      </ul>
    </section>`;
  }

  #renderTile(kpi: Kpi, now: AdoptionFigures, targets: AdoptionTargets) {
    const locale = this.locale;
    const value = now[kpi];
    const target = targets[kpi];
    const verdict = meets(kpi, value, target);
    const counted = !(kpi === 'activeShare' && now.active === null);
    const parts: Partial<Record<Kpi, [number | null, number]>> = {
      activeShare: [now.active, now.people],
      contributorShare: [now.contributors, now.people],
      executiveContributorShare: [now.executiveContributors, now.executives],
    };
    const fraction = parts[kpi];
    return html`<li class="tile ${verdict === true ? 'met' : verdict === false ? 'missed' : ''}" part="tile">
      <p class="label">${t(locale, `kpi_${kpi}`)}</p>
      <p class="value">${counted ? percent(locale, value) : t(locale, 'none')}</p>
      <p class="meta">
        ${counted ? t(locale, `about_${kpi}`) : t(locale, 'notCounted')}${fraction && fraction[0] !== null
          ? html` (${t(locale, 'ofPeople', { part: formatNumber(locale, fraction[0]), whole: formatNumber(locale, fraction[1]) })})`
          : nothing}
      </p>
      <p class="target">${t(locale, LOWER_IS_BETTER.has(kpi) ? 'targetAtMost' : 'target', { value: percent(locale, target) })}</p>
      ${counted
        ? html`<p class="verdict" part="verdict">
            ${verdict === null ? t(locale, 'noData') : html`${verdict ? okIcon : missIcon}${t(locale, verdict ? 'met' : 'notMet')}`}
          </p>`
        : nothing}
    </li>`;
  }

  #renderTrends(data: Adoption) {
    const locale = this.locale;
    const n = data.weeks.length;
    const shown = KPIS.filter((kpi) => !(kpi === 'activeShare' && data.current.active === null));
    const label = (w: AdoptionFigures, text: string) => t(locale, 'point', { date: day(locale, w.end), value: text });
    const columns: Column<AdoptionFigures>[] = [
      { label: t(locale, 'week'), csv: (w) => w.end, cell: (w) => day(locale, w.end) },
      ...shown.map((kpi): Column<AdoptionFigures> => ({ label: t(locale, `kpi_${kpi}`), csv: (w) => csvShare(w[kpi]), cell: (w) => percent(locale, w[kpi]), number: true })),
      { label: t(locale, 'contributions'), csv: contributions, cell: (w) => formatNumber(locale, contributions(w)), number: true },
      { label: t(locale, 'posts'), csv: (w) => w.posts, number: true },
      { label: t(locale, 'replies'), csv: (w) => w.replies, number: true },
      { label: t(locale, 'questions'), csv: (w) => w.questions, number: true },
      { label: t(locale, 'answers'), csv: (w) => w.answers, number: true },
    ];
    return html`<section class="block" aria-labelledby="trends">
      <h3 id="trends">${t(locale, 'trends', { n: formatNumber(locale, n) })}</h3>
      <ul class="charts" part="charts" role="list">
        ${shown.map(
          (kpi) => html`<li class="chart-box" data-kpi=${kpi}>
            <p class="label">${t(locale, `kpi_${kpi}`)} <span class="meta">${percent(locale, data.current[kpi])}</span></p>
            ${chart({
              kind: 'line',
              title: t(locale, 'chartTitle', { kpi: t(locale, `kpi_${kpi}`), n: formatNumber(locale, n) }),
              description: t(locale, 'chartTarget', { value: percent(locale, data.targets[kpi]) }),
              target: data.targets[kpi],
              max: 0.1,
              points: data.weeks.map((w) => ({ label: label(w, percent(locale, w[kpi])), value: w[kpi], text: percent(locale, w[kpi]) })),
            })}
          </li>`,
        )}
        <li class="chart-box" data-kpi="contributions">
          <p class="label">${t(locale, 'contributions')} <span class="meta">${formatNumber(locale, contributions(data.current))}</span></p>
          ${chart({
            kind: 'bar',
            title: t(locale, 'chartContributions', { n: formatNumber(locale, n) }),
            description: t(locale, 'contributionsAbout'),
            points: data.weeks.map((w) => {
              const text = formatNumber(locale, contributions(w));
              return { label: label(w, text), value: contributions(w), text };
            }),
          })}
        </li>
      </ul>
      <details class="numbers">
        <summary>${t(locale, 'showTable')}</summary>
        ${this.#renderTable('weeks', t(locale, 'weeklyTable'), columns, data.weeks)}
      </details>
    </section>`;
  }

  #renderDepartments(data: Adoption) {
    const locale = this.locale;
    const company = data.current.readers !== null;
    const columns: Column<Adoption['byDepartment'][number]>[] = [
      { label: t(locale, 'department'), csv: (d) => d.department ?? '', cell: (d) => (d.department === null ? t(locale, 'noDepartment') : html`<span dir="auto">${d.department}</span>`) },
      { label: t(locale, 'people'), csv: (d) => d.people, number: true },
      ...(company ? [{ label: t(locale, 'readers'), csv: (d: Adoption['byDepartment'][number]) => d.readers, number: true }] : []),
      { label: t(locale, 'contributors'), csv: (d) => d.contributors, number: true },
      { label: t(locale, 'kpi_contributorShare'), csv: (d) => csvShare(d.people ? d.contributors / d.people : null), cell: (d) => percent(locale, d.people ? d.contributors / d.people : null), number: true },
    ];
    return this.#renderSection('departments', t(locale, 'departments'), columns, data.byDepartment);
  }

  #renderCommunities(data: Adoption) {
    const locale = this.locale;
    const columns: Column<AdoptionCommunity>[] = [
      { label: t(locale, 'community'), csv: (c) => c.name, cell: (c) => html`<span dir="auto">${c.name}</span>` },
      { label: t(locale, 'visibility'), csv: (c) => c.visibility, cell: (c) => t(locale, c.visibility) },
      { label: t(locale, 'members'), csv: (c) => c.members, number: true },
      { label: t(locale, 'contributors'), csv: (c) => c.contributors, number: true },
      { label: t(locale, 'posts'), csv: (c) => c.posts, number: true },
      { label: t(locale, 'replies'), csv: (c) => c.replies, number: true },
      { label: t(locale, 'questions'), csv: (c) => c.questions, number: true },
      { label: t(locale, 'answers'), csv: (c) => c.answers, number: true },
      { label: t(locale, 'lastActive'), csv: (c) => c.lastActiveDay, cell: (c) => (c.lastActiveDay ? day(locale, c.lastActiveDay) : t(locale, 'never')) },
      { label: t(locale, 'status'), csv: (c) => (c.inactive ? 'inactive' : 'active'), cell: (c) => t(locale, c.inactive ? 'inactive' : 'active') },
    ];
    return this.#renderSection('communities', t(locale, 'communities'), columns, data.byCommunity);
  }

  #renderPlacements(data: Adoption) {
    // Pages are the company's: a community view has none.
    if (data.current.readers === null) return nothing;
    const locale = this.locale;
    const columns: Column<Adoption['byPlacement'][number]>[] = [
      { label: t(locale, 'page'), csv: (p) => p.url, cell: (p) => html`<span class="url" dir="ltr">${p.url}</span>` },
      { label: t(locale, 'widgets'), csv: (p) => p.kind },
      { label: t(locale, 'readers'), csv: (p) => p.readers, number: true },
      { label: t(locale, 'contributors'), csv: (p) => p.contributors, number: true },
    ];
    return this.#renderSection('placements', t(locale, 'placements'), columns, data.byPlacement);
  }

  #renderInactive(data: Adoption) {
    const locale = this.locale;
    const admin = this.admin;
    const rows = data.byCommunity.filter((c) => c.inactive);
    const columns: Column<AdoptionCommunity>[] = [
      { label: t(locale, 'community'), csv: (c) => c.name, cell: (c) => html`<span dir="auto">${c.name}</span>` },
      { label: t(locale, 'members'), csv: (c) => c.members, number: true },
      { label: t(locale, 'lastActive'), csv: (c) => c.lastActiveDay, cell: (c) => (c.lastActiveDay ? day(locale, c.lastActiveDay) : t(locale, 'never')) },
      ...(admin ? [{ label: t(locale, 'actions'), csv: () => undefined, cell: (c: AdoptionCommunity) => this.#renderArchive(c) }] : []),
    ];
    return this.#renderSection('inactive', t(locale, 'inactiveTitle'), columns, rows, {
      about: `${t(locale, 'inactiveAbout')}${admin ? '' : ` ${t(locale, 'adminsArchive')}`}`,
      empty: t(locale, 'noInactive'),
      after: this._problem ? html`<p class="message" role="alert">${this._problem(locale)}</p>` : nothing,
    });
  }

  #renderArchive(c: AdoptionCommunity) {
    const locale = this.locale;
    const busy = this._archiving === c.slug;
    if (this._confirm !== c.slug) {
      return html`<button type="button" part="archive" aria-label=${t(locale, 'archiveNamed', { name: c.name })}
        @click=${() => {
          this._confirm = c.slug;
          this._problem = null;
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirm button')?.focus());
        }}>${t(locale, 'archive')}</button>`;
    }
    return html`<div class="confirm" role="group" aria-label=${t(locale, 'archiveNamed', { name: c.name })}>
      <p>${t(locale, 'confirmArchive', { name: c.name })}</p>
      <button type="button" class="danger" part="archive" aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.#archive(c)}>
        ${t(locale, busy ? 'archiving' : 'archive')}
      </button>
      <button type="button" @click=${() => (this._confirm = null)}>${t(locale, 'cancel')}</button>
    </div>`;
  }

  #renderQuiet(data: Adoption) {
    if (data.quietExecutives === null) return nothing;
    const locale = this.locale;
    const columns: Column<NonNullable<Adoption['quietExecutives']>[number]>[] = [
      { label: t(locale, 'name'), csv: (e) => e.name, cell: (e) => html`<span dir="auto" data-hearth-person=${e.handle}>${e.name}</span>` },
      { label: t(locale, 'department'), csv: (e) => e.department ?? '', cell: (e) => (e.department === null ? t(locale, 'noDepartment') : html`<span dir="auto">${e.department}</span>`) },
      { label: t(locale, 'lastActive'), csv: (e) => e.lastActiveDay, cell: (e) => (e.lastActiveDay ? day(locale, e.lastActiveDay) : t(locale, 'never')) },
    ];
    return this.#renderSection('executives', t(locale, 'quietTitle'), columns, data.quietExecutives, {
      about: t(locale, 'quietAbout'),
      empty: t(locale, 'noQuiet'),
    });
  }

  #renderTargets(data: Adoption) {
    if (!this.admin) return nothing;
    if (this._formFailed) return stateBox(errorStrings.t(this.locale, 'network'), '', [errorStrings.t(this.locale, 'retry'), () => (this._formFailed = false)]);
    if (!customElements.get('hearth-adoption-targets')) return nothing;
    // Saved targets bubble up to the widget, which shows them (hearth-adoption-targets-saved).
    return html`<hearth-adoption-targets .targets=${data.targets}></hearth-adoption-targets>`;
  }

  /** A section with a heading, Download CSV and the table (or the empty line). */
  #renderSection<R>(
    id: string,
    title: string,
    columns: Column<R>[],
    rows: readonly R[],
    options: { about?: string; empty?: string; after?: unknown } = {},
  ) {
    const locale = this.locale;
    return html`<section class="block" part="section" aria-labelledby="h-${id}" data-table=${id}>
      <div class="bar">
        <h3 id="h-${id}">${title}</h3>
        ${rows.length
          ? html`<button type="button" part="download" aria-label=${t(locale, 'downloadNamed', { table: title })}
              @click=${() => this.#download(id, csvRows(columns, rows))}>${t(locale, 'download')}</button>`
          : nothing}
      </div>
      ${options.about ? html`<p class="meta">${options.about}</p>` : nothing}
      ${rows.length ? this.#renderTable(id, title, columns, rows, false) : html`<p class="meta">${options.empty ?? t(locale, 'empty_table')}</p>`}
      ${options.after ?? nothing}
    </section>`;
  }

  /** A table in a box that scrolls sideways on a narrow page (reachable by keyboard to scroll). */
  #renderTable<R>(id: string, title: string, columns: Column<R>[], rows: readonly R[], withDownload = true): TemplateResult {
    const locale = this.locale;
    return html`${withDownload
        ? html`<div class="bar end">
            <button type="button" part="download" aria-label=${t(locale, 'downloadNamed', { table: title })}
              @click=${() => this.#download(id, csvRows(columns, rows))}>${t(locale, 'download')}</button>
          </div>`
        : nothing}
      <div class="scroll" tabindex="0" role="region" aria-label=${t(locale, 'tableScroll', { table: title })}>
        <table part="table" data-table=${id}>
          <caption class="vh">${title}</caption>
          <thead>
            <tr>${columns.map((c) => html`<th scope="col" class=${c.number ? 'num' : ''}>${c.label}</th>`)}</tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) => html`<tr>
                ${columns.map((c, i) => {
                  const content = c.cell ? c.cell(row) : typeof c.csv(row) === 'number' ? formatNumber(locale, c.csv(row) as number) : (c.csv(row) ?? t(locale, 'none'));
                  return i === 0 ? html`<th scope="row">${content}</th>` : html`<td class=${c.number ? 'num' : ''}>${content}</td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

/** The header row and a row per item, as the CSV file holds them. */
function csvRows<R>(columns: Column<R>[], rows: readonly R[]): CsvCell[][] {
  const kept = columns.filter((c) => rows.length === 0 || rows.some((r) => c.csv(r) !== undefined));
  return [kept.map((c) => c.label), ...rows.map((r) => kept.map((c) => c.csv(r)))];
}
