import { css, html, nothing, type PropertyValues } from 'lit';
import type { AdoptionTargets } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { HearthError } from '../runtime/errors.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { errorText } from '../runtime/strings.ts';
import { setAdoptionTargets } from './api.ts';
import { KPIS, LOWER_IS_BETTER, type Kpi } from './board.ts';
import { t as ta } from './strings.ts';
import { targetsStrings } from './targets-strings.ts';

const { t, plural } = targetsStrings;

const styles = css`
  .targets-form fieldset {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
    gap: calc(0.75 * var(--_space));
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .targets-form legend {
    padding: 0;
    margin-bottom: calc(0.5 * var(--_space));
    font-weight: 600;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.3em;
  }
  .field label {
    font-weight: 600;
  }
  .field .input {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  .field input {
    inline-size: 6em;
    padding: calc(0.3 * var(--_space)) calc(0.5 * var(--_space));
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }
  .field input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .field .error {
    color: var(--_danger);
    font-size: 0.87em;
  }
  .targets-form .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.5 * var(--_space));
    align-items: center;
    margin-top: calc(0.75 * var(--_space));
  }
`;

/** What the person typed in each field: kept as typed, so nothing is lost when a save fails. */
type Draft = Record<Kpi, string>;

const toDraft = (targets: AdoptionTargets): Draft =>
  Object.fromEntries(KPIS.map((k) => [k, String(Math.round(targets[k] * 1000) / 10)])) as Draft;

/** "38", "38.5", "38,5" → 0.38 / 0.385; anything else: why not. */
function parse(text: string): number | 'required' | 'range' {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return 'required';
  if (!/^\d{1,3}(\.\d+)?$/.test(trimmed)) return 'range';
  const value = Number(trimmed);
  return value >= 0 && value <= 100 ? Math.round(value * 10) / 1000 : 'range';
}

/**
 * The admins' targets: one field per figure, in percent. Checked before sending (each field says
 * what is wrong, and the first wrong one gets the focus); a save that fails keeps what was typed
 * and says why. Saved targets go up to the widget in `hearth-adoption-targets-saved`.
 */
export class HearthAdoptionTargets extends HearthPart {
  static override properties = {
    targets: fromWidget,
    _draft: { state: true },
    _errors: { state: true },
    _saving: { state: true },
    _failure: { state: true },
    _said: { state: true },
  };

  declare targets: AdoptionTargets | null;
  declare _draft: Draft | null;
  declare _errors: Partial<Record<Kpi, 'required' | 'range'>>;
  declare _saving: boolean;
  declare _failure: HearthError | null;
  declare _said: string;

  constructor() {
    super();
    this.targets = null;
    this._draft = null;
    this._errors = {};
    this._saving = false;
    this._failure = null;
    this._said = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), styles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The saved targets fill the form until the person types.
    if (this._draft === null && this.targets) this._draft = toDraft(this.targets);
  }

  #input(kpi: Kpi, value: string): void {
    this._draft = { ...this._draft!, [kpi]: value };
    this._said = '';
    if (this._errors[kpi]) {
      const { [kpi]: _fixed, ...rest } = this._errors;
      const now = parse(value);
      this._errors = typeof now === 'number' ? rest : { ...rest, [kpi]: now };
    }
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this._saving || !this._draft) return;
    const errors: Partial<Record<Kpi, 'required' | 'range'>> = {};
    const body = {} as AdoptionTargets;
    for (const kpi of KPIS) {
      const value = parse(this._draft[kpi]);
      if (typeof value === 'number') body[kpi] = value;
      else errors[kpi] = value;
    }
    this._errors = errors;
    this._failure = null;
    this._said = '';
    const first = KPIS.find((k) => errors[k]);
    if (first) {
      await this.updateComplete;
      this.querySelector<HTMLInputElement>(`#target-${first}`)?.focus();
      return;
    }
    this._saving = true;
    try {
      const saved = await setAdoptionTargets(this.client, body);
      this._draft = toDraft(saved);
      this._said = t(this.locale, 'saved');
      this.emit(new CustomEvent<AdoptionTargets>('hearth-adoption-targets-saved', { detail: saved, bubbles: true }));
    } catch (error) {
      this._failure = error instanceof HearthError ? error : HearthError.network();
    } finally {
      this._saving = false;
    }
  }

  protected override render() {
    const draft = this._draft;
    if (!draft) return nothing;
    const locale = this.locale;
    const count = Object.keys(this._errors).length;
    return html`<section class="block" part="targets" aria-labelledby="h-targets">
      <h3 id="h-targets">${t(locale, 'title')}</h3>
      <p class="meta">${t(locale, 'about')}</p>
      <form class="targets-form" novalidate @submit=${(e: SubmitEvent) => this.#submit(e)}>
        <fieldset>
          <legend class="vh">${t(locale, 'title')}</legend>
          ${KPIS.map((kpi) => {
            const error = this._errors[kpi];
            return html`<div class="field">
              <label for="target-${kpi}">${ta(locale, `kpi_${kpi}`)}</label>
              <span class="input">
                <span class="meta">${t(locale, LOWER_IS_BETTER.has(kpi) ? 'atMost' : 'atLeast')}</span>
                <input
                  id="target-${kpi}"
                  name=${kpi}
                  inputmode="decimal"
                  autocomplete="off"
                  .value=${draft[kpi]}
                  aria-invalid=${error ? 'true' : 'false'}
                  aria-describedby=${error ? `target-${kpi}-error` : nothing}
                  @input=${(e: Event) => this.#input(kpi, (e.target as HTMLInputElement).value)}
                />
                <span aria-hidden="true">${t(locale, 'percent')}</span>
              </span>
              ${error ? html`<span class="error" id="target-${kpi}-error">${t(locale, error)}</span>` : nothing}
            </div>`;
          })}
        </fieldset>
        ${count ? html`<p class="message" role="alert">${plural(locale, 'fix', count)}</p>` : nothing}
        ${this._failure ? html`<p class="message" role="alert">${t(locale, 'saveFailed')} ${errorText(locale, this._failure)}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${this._saving ? 'true' : 'false'}>${t(locale, this._saving ? 'saving' : 'save')}</button>
          <span role="status">${this._said}</span>
        </div>
      </form>
    </section>`;
  }
}
