import { css } from 'lit';

/**
 * The tag cloud's look: a calm card, tags in the accent colour, weight as size. Every size is in
 * em of the host's font size (never rem), so the portal's root font size changes nothing.
 */
export const tagCloudStyles = css`
  :host {
    /* Inherited text settings a portal may put on its body would reach into the shadow root. */
    font-style: normal;
    font-weight: 400;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
  }
  .root {
    padding: calc(0.85 * var(--_space)) var(--_space) calc(0.9 * var(--_space));
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  p {
    margin: 0;
  }
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: calc(0.5 * var(--_space));
    margin-bottom: calc(0.55 * var(--_space));
  }
  .title {
    font-weight: 600;
  }
  .window,
  .count,
  .legend {
    color: var(--_muted);
  }
  .window {
    font-size: 0.87em;
  }

  /* A tag: a real button or link, at least 24 x 24 CSS px whatever the host's font size. */
  .tag {
    display: inline-flex;
    align-items: baseline;
    gap: calc(0.3 * var(--_space));
    min-width: max(24px, 1.75em);
    min-height: max(24px, 1.75em);
    padding: calc(0.15 * var(--_space)) calc(0.45 * var(--_space));
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_accent);
    line-height: 1.2;
    text-align: start;
    text-decoration: none;
  }
  .tag:hover {
    background: var(--_subtle);
  }
  .tag:hover .name {
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .tag[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  /* Selected, under the pointer: still the accent, a shade deeper (as a primary button's hover),
     so the on-accent text stays readable. Without this rule the shared button:hover, which is
     more specific than the rule above, put the near-white hover background behind white text. */
  .tag[aria-pressed='true']:hover {
    background: color-mix(in srgb, var(--_accent) 85%, var(--_text));
    border-color: color-mix(in srgb, var(--_accent) 85%, var(--_text));
  }
  .tag[aria-pressed='true'] .count {
    color: inherit;
  }
  .hash {
    opacity: 0.65;
  }
  /* A flex row, so the trend arrow stays beside the name: a long name wraps inside its own box. */
  .label {
    display: inline-flex;
    align-items: baseline;
    min-width: 0;
  }
  /* A 40-letter tag may break in a narrow column, but only when it does not fit on a line. */
  .name {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .count {
    flex: none;
    font-size: 0.8em;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .trend {
    width: 0.8em;
    height: 0.8em;
    margin-inline-start: 0.15em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
    vertical-align: -0.05em;
  }

  /* Cloud: weight as size (and a little as boldness), steps from a log scale. */
  .cloud ul {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.15 * var(--_space)) calc(0.2 * var(--_space));
    /* The tags' own padding would indent the first column past the title. */
    margin-inline: calc(-0.45 * var(--_space));
  }
  .cloud .tag {
    align-items: center;
  }
  .w1 .label {
    font-size: 0.87em;
  }
  .w2 .label {
    font-size: 1em;
  }
  .w3 .label {
    font-size: 1.17em;
  }
  .w4 .label {
    font-size: 1.37em;
    font-weight: 500;
  }
  .w5 .label {
    font-size: 1.6em;
    font-weight: 600;
  }

  /* List: ranked, with the count and a bar relative to the top tag. One grid for all rows
     (subgrid), so every bar ends at the same place and the counts line up. Columns: rank,
     name and bar, (when a tag is trending) its growth, and the count at the end: the growth
     sits on the name's line, beside the count, so every row is the same height. */
  .list ol {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    column-gap: calc(0.6 * var(--_space));
    row-gap: calc(0.1 * var(--_space));
    counter-reset: rank;
  }
  .list ol.growing {
    grid-template-columns: auto minmax(0, 1fr) auto auto;
  }
  .list li {
    display: grid;
    grid-column: 1 / -1;
    grid-template-columns: subgrid;
    /* The rank on the name's baseline (the tag's first baseline), not centred on name and bar. */
    align-items: baseline;
    counter-increment: rank;
  }
  .list li::before {
    content: counter(rank);
    min-width: 1.2em;
    color: var(--_muted);
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
    text-align: end;
  }
  .list .tag {
    display: grid;
    grid-column: 2 / -1;
    grid-template-columns: subgrid;
    grid-template-rows: auto auto;
    align-items: baseline;
    row-gap: calc(0.2 * var(--_space));
    padding: calc(0.3 * var(--_space)) calc(0.5 * var(--_space)) calc(0.4 * var(--_space));
  }
  .list .label {
    grid-area: 1 / 1;
    font-weight: 500;
  }
  .list .count {
    /* The last column, whether or not there is one for growth before it. */
    grid-area: 1 / -2;
    font-size: 0.87em;
    color: var(--_text);
    text-align: end;
  }
  .growth {
    grid-area: 1 / 2;
    font-size: 0.8em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    text-align: end;
  }
  .bar {
    /* Under the name and the growth column (empty on that line), up to the count. */
    grid-row: 2;
    grid-column: 1 / -2;
    align-self: center;
    height: 0.3em;
    border-radius: 0.15em;
    background: var(--_subtle);
    overflow: hidden;
  }
  .bar > span {
    display: block;
    height: 100%;
    border-radius: inherit;
    background: color-mix(in srgb, var(--_accent) 60%, var(--_surface));
  }
  .tag[aria-pressed='true'] .bar {
    background: color-mix(in srgb, var(--_on-accent) 25%, transparent);
  }
  .tag[aria-pressed='true'] .bar > span {
    background: var(--_on-accent);
  }

  .legend {
    margin-top: calc(0.6 * var(--_space));
    font-size: 0.82em;
  }
  .legend .trend {
    margin: 0;
  }
  .selection {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.5 * var(--_space));
    margin: calc(0.6 * var(--_space)) 0 0;
    padding-top: calc(0.5 * var(--_space));
    border-top: 1px solid var(--_border);
  }
  .selected {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  /* Loading, empty, error, signed out */
  .skeleton {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.45 * var(--_space)) calc(0.5 * var(--_space));
  }
  .bone {
    height: 1.5em;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .b0 { width: 5em; }
  .b1 { width: 7.5em; }
  .b2 { width: 4em; height: 1.9em; }
  .b3 { width: 6em; }
  .b4 { width: 3.5em; height: 1.2em; }
  .list .skeleton {
    flex-direction: column;
  }
  .list .bone {
    width: 100%;
    height: 2.2em;
  }
  /* The shared state box, without its frame: the cloud's own card already frames it. */
  .state {
    padding: calc(0.5 * var(--_space)) 0;
    border: 0;
  }
`;
