import { css } from 'lit';

/**
 * The box, the compact panel and the placeholders: in the first download. The results' own
 * rules come with their chunk (hearth-search-results.styles.ts).
 */
export const searchStyles = css`
  .root.compact {
    position: relative;
  }
  .box {
    display: flex;
    align-items: center;
    gap: calc(0.4 * var(--_space));
    min-width: 0;
    padding-inline: calc(0.6 * var(--_space)) 0;
    background: var(--_surface);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
  }
  .box:focus-within {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  .icon {
    flex: none;
    width: 1.15em;
    height: 1.15em;
    fill: none;
    stroke: var(--_muted);
    stroke-width: 2;
    stroke-linecap: round;
  }
  input {
    flex: 1;
    min-width: 0;
    padding: calc(0.45 * var(--_space)) 0;
    min-height: 2.2em;
    border: 0;
    background: transparent;
    color: inherit;
    font: inherit;
  }
  input:focus {
    outline: none;
  }
  input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .submit {
    flex: none;
    align-self: stretch;
    border-width: 0;
    border-inline-start-width: 1px;
    border-start-start-radius: 0;
    border-end-start-radius: 0;
  }
  .compact .submit {
    display: none;
  }
  .panel {
    --_panel-z: var(--hearth-search-z, 1000);
    --_panel-width: var(--hearth-search-width, 34em);
    --_panel-height: 44em;
    inset-inline-start: 0;
  }
  .area {
    container-type: inline-size;
    margin-top: var(--_space);
  }
  /* Until the results' chunk is in: as tall as a few lines, so nothing jumps. */
  .waiting {
    min-height: 8em;
  }
`;
