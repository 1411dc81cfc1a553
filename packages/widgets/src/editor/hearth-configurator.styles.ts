import { css } from 'lit';

/**
 * The configurator's look: calm panels in the widgets' own tokens, native form controls. One
 * column by default; from 56em of its own width (a container query) the controls go left and
 * the preview and snippets right.
 */
export const configuratorStyles = css`
  :host {
    container-type: inline-size;
  }
  .layout {
    display: grid;
    gap: 1em;
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'controls' 'output' 'howto';
  }
  .output {
    grid-area: output;
    display: grid;
    gap: 1em;
    min-width: 0;
  }
  @container (min-width: 56em) {
    .layout {
      grid-template-columns: minmax(19em, 24em) minmax(0, 1fr);
      grid-template-areas: 'controls output' 'howto howto';
      align-items: start;
      gap: 1.25em 1.5em;
    }
    .output {
      gap: 1.25em;
    }
    .stage {
      max-height: 34em;
    }
  }
  .controls {
    grid-area: controls;
    display: grid;
    gap: 1em;
    min-width: 0;
  }
  .howto {
    grid-area: howto;
  }
  .panel {
    min-width: 0;
    margin: 0;
    padding: 1em 1.1em 1.1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  legend,
  h2 {
    margin: 0 0 0.6em;
    padding: 0;
    font-size: 1.05em;
    font-weight: 650;
  }
  fieldset.panel > legend {
    float: left;
    width: 100%;
  }
  fieldset.panel > legend + * {
    clear: both;
  }
  h3 {
    margin: 0 0 0.3em;
    font-size: 1em;
    font-weight: 650;
  }
  p {
    margin: 0;
  }

  /* The widget picker: native radios in calm cards. */
  .picker {
    display: grid;
    gap: 0.5em;
  }
  .pick {
    display: flex;
    gap: 0.6em;
    align-items: flex-start;
    padding: 0.55em 0.7em;
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
    gap: 0.1em;
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
    gap: 0.3em;
    margin: 0 0 0.9em;
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
    padding: 0.45em 0.6em;
    border: 1px solid color-mix(in srgb, var(--_text) 35%, var(--_border));
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
    gap: 0.25em 0.5em;
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
    gap: 0.35em;
  }
  fieldset.set > legend {
    font-weight: 600;
    margin-bottom: 0.3em;
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
    margin: 0 0 0.9em;
    padding: 0.55em 0.75em;
    border-left: 3px solid var(--_accent);
    border-radius: 0 var(--_radius) var(--_radius) 0;
    background: var(--_subtle);
    font-size: 0.9em;
  }

  /* The live preview: the widget on a background in the chosen colours. */
  .preview .hint {
    margin-bottom: 0.75em;
  }
  .stage {
    /* Positioned: the widgets' visually hidden texts are absolute, and must scroll with it. */
    position: relative;
    max-height: 30em;
    overflow: auto;
    padding: 1em;
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
    padding: 2em 1em;
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
    gap: 1.25em;
  }
  .snippets h2 {
    margin-bottom: 0;
  }
  .snippet {
    display: grid;
    gap: 0.5em;
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
    gap: 0.5em 0.9em;
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
    gap: 1em 1.5em;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16em), 1fr));
  }
  ol {
    margin: 0;
    padding-inline-start: 1.3em;
  }
  li + li {
    margin-top: 0.3em;
  }
`;
