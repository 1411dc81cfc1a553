import { css } from 'lit';

/**
 * The configurator's look: calm panels in the widgets' own tokens, native form controls. One
 * column by default; from 56em of its own width (a container query) the controls go first (left,
 * or right on a right-to-left page) and the preview and snippets beside them. Spacing is in
 * multiples of the runtime's --_space, like the widgets'.
 */
export const configuratorStyles = css`
  :host {
    container-type: inline-size;
  }
  .layout {
    display: grid;
    gap: var(--_space);
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'controls' 'output' 'howto';
  }
  .output {
    grid-area: output;
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  @container (min-width: 56em) {
    .layout {
      grid-template-columns: minmax(19em, 24em) minmax(0, 1fr);
      grid-template-areas: 'controls output' 'howto howto';
      align-items: start;
      gap: calc(1.25 * var(--_space)) calc(1.5 * var(--_space));
    }
    .output {
      gap: calc(1.25 * var(--_space));
    }
    .stage {
      max-height: 34em;
    }
  }
  .controls {
    grid-area: controls;
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .howto {
    grid-area: howto;
  }
  .panel {
    min-width: 0;
    margin: 0;
    padding: var(--_space) calc(1.1 * var(--_space)) calc(1.1 * var(--_space));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  legend,
  h2 {
    margin: 0 0 calc(0.6 * var(--_space));
    padding: 0;
    font-size: 1.05em;
    font-weight: 650;
  }
  fieldset.panel > legend {
    float: inline-start;
    width: 100%;
  }
  fieldset.panel > legend + * {
    clear: both;
  }
  h3 {
    margin: 0 0 calc(0.3 * var(--_space));
    font-size: 1em;
    font-weight: 650;
  }
  p {
    margin: 0;
  }

  /* The widget picker: native radios in calm cards. */
  .picker {
    display: grid;
    gap: calc(0.5 * var(--_space));
  }
  .pick {
    display: flex;
    gap: calc(0.6 * var(--_space));
    align-items: flex-start;
    padding: calc(0.55 * var(--_space)) calc(0.7 * var(--_space));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-weight: 400;
    cursor: pointer;
  }
  .pick:hover {
    background: var(--_subtle);
  }
  .pick:has(input:checked) {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, var(--_surface));
  }
  .pick input {
    margin: 0.2em 0 0;
    accent-color: var(--_accent);
    flex: none;
  }
  .pick-text {
    display: grid;
    gap: calc(0.1 * var(--_space));
  }
  .pick-name {
    font-weight: 600;
  }
  .pick-desc {
    color: var(--_muted);
    font-size: 0.9em;
  }

  /* Fields. */
  .field {
    display: grid;
    gap: calc(0.3 * var(--_space));
    margin: 0 0 calc(0.9 * var(--_space));
    min-width: 0;
  }
  .field:last-child {
    margin-bottom: 0;
  }
  label {
    font-weight: 600;
  }
  input[type='text'],
  input[type='number'],
  select,
  textarea {
    font: inherit;
    color: inherit;
    width: 100%;
    min-width: 0;
    padding: calc(0.45 * var(--_space)) calc(0.6 * var(--_space));
    /* The runtime's field boundary (at least 3:1, styles.ts), as in the widgets. */
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  input.number {
    width: 8em;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  input::placeholder {
    color: color-mix(in srgb, var(--_muted) 80%, var(--_surface));
  }
  .check {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.25 * var(--_space)) calc(0.5 * var(--_space));
  }
  .check input {
    width: 1.1em;
    height: 1.1em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .check label {
    flex: 1 1 0;
  }
  .check .hint {
    flex-basis: 100%;
  }
  fieldset.set {
    border: 0;
    padding: 0;
    display: grid;
    gap: calc(0.35 * var(--_space));
  }
  fieldset.set > legend {
    font-weight: 600;
    margin-bottom: calc(0.3 * var(--_space));
  }
  fieldset.set label.check {
    font-weight: 400;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .error {
    color: var(--_danger);
    font-size: 0.9em;
  }
  .note {
    margin: 0 0 calc(0.9 * var(--_space));
    padding: calc(0.55 * var(--_space)) calc(0.75 * var(--_space));
    border-inline-start: 3px solid var(--_accent);
    border-radius: var(--_radius);
    border-start-start-radius: 0;
    border-end-start-radius: 0;
    background: var(--_subtle);
    font-size: 0.9em;
  }

  /* The live preview: the widget on a background in the chosen colours. */
  .preview .hint {
    margin-bottom: calc(0.75 * var(--_space));
  }
  .stage {
    /* Positioned: the widgets' visually hidden texts are absolute, and must scroll with it. */
    position: relative;
    max-height: 30em;
    overflow: auto;
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: #f6f7f9;
    color-scheme: light;
  }
  .stage.dark {
    background: #111418;
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    .stage.auto {
      background: #111418;
      color-scheme: dark;
    }
  }
  .stage-empty {
    margin: 0;
    padding: calc(2 * var(--_space)) var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    text-align: center;
  }
  .stage > * {
    /* Never wider than the box, so the page does not scroll sideways at 320 px. */
    max-width: 100%;
  }

  /* The snippets. */
  .snippets {
    display: grid;
    gap: calc(1.25 * var(--_space));
  }
  .snippets h2 {
    margin-bottom: 0;
  }
  .snippet {
    display: grid;
    gap: calc(0.5 * var(--_space));
    min-width: 0;
  }
  textarea {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
    font-size: 0.84em;
    line-height: 1.5;
    resize: vertical;
    background: var(--_subtle);
    field-sizing: content;
    min-height: 4.5lh;
    overflow-wrap: anywhere;
  }
  .copy-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.5 * var(--_space)) calc(0.9 * var(--_space));
  }
  .status {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .snippet .note {
    margin: 0;
  }

  /* How to place it. */
  .howto-grid {
    display: grid;
    gap: var(--_space) calc(1.5 * var(--_space));
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16em), 1fr));
  }
  ol {
    margin: 0;
    padding-inline-start: 1.3em;
  }
  li + li {
    margin-top: calc(0.3 * var(--_space));
  }
`;
