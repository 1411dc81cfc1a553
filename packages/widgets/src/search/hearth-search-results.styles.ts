import { css } from 'lit';

/** The results, facets, chips and suggestions: adopted with the results' chunk. */
export const resultsStyles = css`
  /* The widget's .area is the container: two columns once there is room for them. */
  .results.in-body {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  /* Narrow: the results first, the facets under them. */
  .results.in-body .side {
    order: 1;
  }
  @container (min-width: 40em) {
    .results.in-body {
      grid-template-columns: 12em minmax(0, 1fr);
    }
    .results.in-body .side {
      order: 0;
    }
  }
  .results .main {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
    min-width: 0;
  }
  .group h3 {
    margin: 0 0 calc(0.35 * var(--_space));
    font-size: 0.8em;
    font-weight: 700;
    letter-spacing: 0.02em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .group .count {
    font-weight: 400;
    text-transform: none;
  }
  .hits {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: calc(0.2 * var(--_space));
  }
  .item {
    padding: calc(0.4 * var(--_space)) calc(0.5 * var(--_space));
    border-radius: var(--_radius);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .item:hover,
  .item:focus-within {
    background: var(--_subtle);
  }
  .item.with-action {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  .item .text {
    flex: 1;
    min-width: 0;
  }
  .hit {
    color: var(--_accent);
    font-weight: 600;
    text-decoration: none;
  }
  .hit.post {
    color: var(--_text);
    font-weight: 400;
  }
  .hit:hover {
    text-decoration: underline;
  }
  .hit:focus-visible {
    outline-offset: 3px;
  }
  mark {
    background: var(--hearth-search-mark, #fff1a8);
    color: inherit;
    border-radius: 0.15em;
    padding: 0 0.05em;
  }
  .meta,
  .excerpt,
  .hint {
    margin: calc(0.15 * var(--_space)) 0 0;
    font-size: 0.87em;
    color: var(--_muted);
  }
  .excerpt {
    color: var(--_text);
  }
  .answered {
    color: #1e7a46;
    font-weight: 600;
  }
  .person {
    color: var(--_text);
  }
  hearth-follow {
    flex: none;
    font-size: 0.87em;
  }
  .more {
    margin-top: calc(0.4 * var(--_space));
    font-size: 0.87em;
  }
  .problem {
    margin: calc(0.3 * var(--_space)) 0 0;
    color: var(--_danger);
    font-size: 0.87em;
  }
  .facets {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
  }
  .facet-group h4 {
    margin: 0 0 calc(0.3 * var(--_space));
    font-size: 0.8em;
    color: var(--_muted);
  }
  .facet-group ul,
  .tag-list,
  .chips {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.3 * var(--_space));
  }
  .facet,
  .chip {
    display: inline-flex;
    align-items: baseline;
    gap: 0.4em;
    max-width: 100%;
    font-size: 0.87em;
    border-radius: 1em;
    overflow-wrap: anywhere;
    text-align: start;
  }
  .facet[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .facet[aria-pressed='true'] .n {
    color: inherit;
  }
  .n {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .chip {
    background: var(--_subtle);
  }
  .chip.clear {
    background: transparent;
    border-color: transparent;
    text-decoration: underline;
  }
  .dates {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.4 * var(--_space));
    margin-top: calc(0.4 * var(--_space));
    font-size: 0.87em;
  }
  .dates label {
    display: flex;
    flex-direction: column;
    gap: 0.15em;
    color: var(--_muted);
  }
  .dates input {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    padding: 0.15em 0.3em;
    min-height: 1.9em;
  }
  .refine summary {
    cursor: pointer;
    font-size: 0.87em;
    color: var(--_muted);
    min-height: 1.6em;
  }
  .refine[open] summary {
    margin-bottom: calc(0.5 * var(--_space));
  }
  .suggestions {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
  }
  .searching {
    display: flex;
    flex-direction: column;
    gap: calc(0.5 * var(--_space));
    padding: calc(0.5 * var(--_space)) 0;
  }
  .skeleton.line {
    height: 0.9em;
    border-radius: 0.3em;
    background: var(--_subtle);
  }
  .skeleton.line.short {
    width: 60%;
  }
  /* Dark (the colour scheme the base styles set): a muted gold under the text's own colour, as a link's blue on it would be too faint. */
  @supports (color: light-dark(#000, #fff)) {
    mark {
      background: var(--hearth-search-mark, light-dark(#fff1a8, #6b5a12));
      color: light-dark(currentColor, var(--_text));
    }
    .answered {
      color: light-dark(#1e7a46, #7fd6a4);
    }
  }
`;
