import { html, type PropertyValues } from 'lit';
import type { Adoption, AdoptionTargets } from '@hearth/contracts';
import { HearthElement } from '../runtime/hearth-element.ts';
import { lazyDefine } from '../runtime/lazy-define.ts';
import { Loader } from '../runtime/loader.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { errorStrings } from '../runtime/strings.ts';
import { getAdoption } from './api.ts';
import { HearthAdoptionChangeEvent } from './events.ts';
import { adoptionStyles } from './hearth-adoption.styles.ts';
import { adoptionPack, t } from './strings.ts';

/**
 * Adoption figures for the people who roll Hearth out: admins see the company, community managers
 * their communities (or one, with `community`). Headline tiles give this week's figures against
 * the targets (met or not in words and a mark, not by colour alone); charts show each figure week
 * by week (SVG with a title, and the same numbers as a table); breakdowns by department, community
 * and page; the inactive communities, which an admin can archive from here (after a
 * confirmation); and, for admins, the executives who have not written anything this month. Every
 * table downloads as CSV. Admins set the targets in a form under the figures. Someone who is
 * neither an admin nor a community manager is told so. See docs/adoption.md for what each figure
 * counts.
 *
 * The dashboard comes in a chunk of its own, fetched as the widget starts (in parallel with the
 * figures); the targets form in another, for admins only.
 *
 * @summary Adoption figures against targets: trends, breakdowns, inactive communities, quiet executives.
 * @tagname hearth-adoption
 *
 * @csspart base - The wrapper around everything.
 * @csspart header - The title, the scope and the period.
 * @csspart tiles - The headline figures.
 * @csspart tile - Each headline figure with its target.
 * @csspart verdict - A tile's "Target met" or "Target not met", with its mark.
 * @csspart charts - The trend charts.
 * @csspart chart - Each chart (an SVG image with a title).
 * @csspart section - Each table's section: a heading, the Download CSV button, the table.
 * @csspart table - Each table.
 * @csspart download - The "Download CSV" buttons.
 * @csspart archive - The Archive buttons of the inactive communities (admins).
 * @csspart targets - The admins' targets form.
 * @csspart state - The loading, empty, error, signed-out and forbidden messages.
 *
 * @fires hearth-adoption-change - An admin saved the targets or archived a community. `event.change` (`targets` or `archive`), `event.targets`, `event.community`.
 */
export class HearthAdoption extends HearthElement {
  static override styles = [...HearthElement.styles, adoptionStyles];
  static override packs = [adoptionPack];

  static override properties = {
    community: { type: String },
    weeks: { type: Number },
    _boardFailed: { state: true },
  };

  /** Only this community (its slug): its managers and admins; empty: the company, or a manager's communities. */
  declare community: string | null;
  /** How many weeks the trends show, 1 to 52. */
  declare weeks: number;
  /** The dashboard's chunk could not be fetched. */
  declare _boardFailed: boolean;

  #data = new Loader<Adoption>(this);
  #boardLoading = false;

  constructor() {
    super();
    this.community = null;
    this.weeks = 12;
    this._boardFailed = false;
  }

  get #weeks(): number {
    return Math.min(52, Math.max(1, Math.trunc(Number(this.weeks)) || 12));
  }

  get #admin(): boolean {
    const me = this.me.value;
    return me.status === 'signed-in' && me.me.roles.includes('admin');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.scopeChanged(changed, ['community', 'weeks'])) void this.refresh();
    if (!customElements.get('hearth-adoption-board') && !this.#boardLoading && !this._boardFailed) {
      this.#boardLoading = true;
      lazyDefine('hearth-adoption-board', () => import('./board.ts').then((m) => m.HearthAdoptionBoard))
        .then(
          () => this.requestUpdate(),
          () => (this._boardFailed = true),
        )
        .finally(() => (this.#boardLoading = false));
    }
  }

  /** Retry: the figures again (kept on show meanwhile), and the dashboard's chunk if it failed. */
  protected override refresh(): Promise<void> {
    if (this._boardFailed) this._boardFailed = false;
    const { client } = this.session;
    const query = { weeks: this.#weeks, community: this.community?.trim() || undefined };
    return this.#data.run((signal) => getAdoption(client, query, signal), this.#data.value !== null);
  }

  readonly #onSaved = (event: CustomEvent<AdoptionTargets>) => {
    const data = this.#data.value;
    if (data) this.#data.set({ ...data, targets: event.detail });
    this.emit(new HearthAdoptionChangeEvent('targets', { targets: event.detail }));
  };

  readonly #onChanged = (event: CustomEvent<string>) => {
    void this.#data.reload(true);
    this.emit(new HearthAdoptionChangeEvent('archive', { community: event.detail }));
  };

  protected override render() {
    return html`<div class="root ${this.themeClass}" part="base">${this.#renderBody()}</div>`;
  }

  #renderBody() {
    const locale = this.locale;
    const loader = this.#data;
    if (loader.status === 'error' && loader.error?.status === 403) {
      return stateBox(t(locale, 'forbidden'), t(locale, 'forbiddenDetail'), [errorStrings.t(locale, 'tryAgain'), this.retry]);
    }
    const failed = failureBox(locale, loader, { failed: t(locale, 'loadFailed'), signedOut: t(locale, 'signedOut') }, this.retry);
    if (failed) return failed;
    if (this._boardFailed) return stateBox(errorStrings.t(locale, 'network'), '', [errorStrings.t(locale, 'retry'), this.retry]);
    const data = loader.value;
    if (!data || this.langs.loading || !customElements.get('hearth-adoption-board')) return this.#renderSkeleton();
    return html`<hearth-adoption-board
      .data=${data}
      .admin=${this.#admin}
      @hearth-adoption-targets-saved=${this.#onSaved}
      @hearth-adoption-changed=${this.#onChanged}
    ></hearth-adoption-board>`;
  }

  #renderSkeleton() {
    return html`<div class="skeleton" part="state" role="status" aria-busy="true">
      <span class="vh">${this.langs.loading ? '' : t(this.locale, 'loading')}</span>
      <span class="bone title" aria-hidden="true"></span>
      <div class="tiles" aria-hidden="true">${[0, 1, 2, 3].map(() => html`<span class="bone tile-bone"></span>`)}</div>
      <span class="bone chart-bone" aria-hidden="true"></span>
    </div>`;
  }
}
