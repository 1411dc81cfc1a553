import { css } from 'lit';

/**
 * The bell, the box it opens and the placeholders: in the header's first download. The list's
 * own rules come with its chunk (hearth-notifications-list.styles.ts).
 */
export const notificationsStyles = css`
  :host {
    display: inline-block;
  }
  :host([variant='inline']) {
    display: block;
  }
  .root.bell-variant {
    position: relative;
    display: inline-block;
  }
  .root.inline {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(0.75 * var(--_space));
  }
  .bell {
    position: relative;
    display: inline-grid;
    place-items: center;
    width: 2.4em;
    height: 2.4em;
    padding: 0;
    border-color: transparent;
    border-radius: 50%;
    background: transparent;
    color: var(--hearth-notifications-bell, var(--_text));
  }
  .bell:hover:not(:disabled),
  .bell[aria-expanded='true'] {
    background: color-mix(in srgb, currentColor 14%, transparent);
  }
  .bell-icon {
    width: 1.45em;
    height: 1.45em;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.8;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .badge {
    position: absolute;
    top: -0.1em;
    inset-inline-end: -0.15em;
    min-width: 1.45em;
    height: 1.45em;
    padding: 0 0.35em;
    border-radius: 0.75em;
    background: var(--hearth-notifications-badge, #c62828);
    color: #fff;
    font-size: 0.72em;
    font-weight: 700;
    line-height: 1.45em;
    text-align: center;
    box-shadow: 0 0 0 2px var(--_surface);
  }
  .panel {
    --_panel-z: var(--hearth-notifications-z, 1000);
    --_panel-width: var(--hearth-notifications-width, 24em);
    inset-inline-end: 0;
  }
  .panel:focus {
    outline: none;
  }
  .panel:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  /* Until the list's chunk is in: as tall as a few lines, so nothing jumps. */
  .waiting {
    min-height: 8em;
  }
`;
