import { html, nothing, type TemplateResult } from 'lit';

/**
 * Facts with a middle dot between them, for an element with the `dots` class (styles.ts):
 * `<p class="meta dots">${dots([author, time])}</p>`. Empty facts ('', null, undefined, false,
 * `nothing`) are left out, so no dot is ever doubled or left over. Each dot is aria-hidden
 * text, so a screen reader does not say "dot" but a copy keeps "Ana · 2 hours ago".
 */
export function dots(facts: readonly unknown[]): TemplateResult[] {
  return facts
    .filter((fact) => fact !== '' && fact != null && fact !== false && fact !== nothing)
    .map((fact, i) => html`<span class="dot-item">${i ? html`<span class="dot" aria-hidden="true"> · </span>` : nothing}${fact}</span>`);
}
