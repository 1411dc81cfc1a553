import { css } from 'lit';

/**
 * The dashboard's styles, in its chunk (the widget's frame has its own; the targets form adds its
 * own when its chunk arrives). Every size is in em, every side a logical one, so a right-to-left
 * page mirrors it; tables scroll sideways in their own box on a narrow page rather than widening it.
 */
export const boardStyles = css`
  hearth-adoption-targets {
    display: contents;
  }
  p,
  h2,
  h3,
  ul {
    margin: 0;
  }
  h2 {
    font-size: 1.35em;
    line-height: 1.25;
  }
  h3 {
    font-size: 1.05em;
    line-height: 1.3;
  }
  .header {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.87em;
  }
  .block {
    display: flex;
    flex-direction: column;
    gap: calc(0.6 * var(--_space));
    min-width: 0;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.5 * var(--_space));
    align-items: center;
    justify-content: space-between;
  }
  .bar.end {
    justify-content: flex-end;
  }
  .tiles,
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13em), 1fr));
    gap: calc(0.75 * var(--_space));
    padding: 0;
    list-style: none;
  }
  .charts {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16em), 1fr));
  }
  .tile,
  .chart-box,
  .scroll,
  .targets-form {
    padding: calc(0.8 * var(--_space)) var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .tile {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    border-inline-start-width: 0.3em;
  }
  .tile.met {
    border-inline-start-color: var(--_accent);
  }
  .tile.missed {
    border-inline-start-color: var(--_danger);
  }
  .label {
    font-weight: 600;
  }
  .value {
    font-size: 1.6em;
    font-weight: 700;
    line-height: 1.15;
    font-variant-numeric: tabular-nums;
  }
  .target {
    font-size: 0.87em;
  }
  .verdict {
    display: inline-flex;
    gap: 0.3em;
    align-items: center;
    font-weight: 600;
    font-size: 0.87em;
  }
  .mark {
    inline-size: 1.1em;
    block-size: 1.1em;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.4;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .met .verdict {
    color: var(--_accent);
  }
  .missed .verdict {
    color: var(--_danger);
  }
  .chart-box {
    display: flex;
    flex-direction: column;
    gap: 0.4em;
  }
  .chart {
    display: block;
    inline-size: 100%;
    block-size: auto;
    overflow: visible;
  }
  .chart .axis {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .chart .target {
    stroke: var(--_muted);
    stroke-width: 1;
    stroke-dasharray: 4 3;
  }
  .chart .line {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2;
    stroke-linejoin: round;
  }
  .chart .point {
    fill: var(--_accent);
  }
  :host(:dir(rtl)) .chart {
    transform: scaleX(-1);
  }
  details.numbers summary {
    cursor: pointer;
    color: var(--_accent);
    font-weight: 600;
    padding-block: 0.3em;
  }
  details.numbers[open] summary {
    margin-bottom: calc(0.4 * var(--_space));
  }
  .scroll {
    overflow-x: auto;
    padding: 0;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    font-size: 0.93em;
  }
  th,
  td {
    padding: calc(0.4 * var(--_space)) calc(0.6 * var(--_space));
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  tbody tr:last-child > * {
    border-bottom: 0;
  }
  thead th {
    color: var(--_muted);
    font-weight: 600;
    white-space: nowrap;
  }
  tbody th {
    font-weight: 600;
    overflow-wrap: anywhere;
    min-inline-size: 8em;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .url {
    overflow-wrap: anywhere;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    align-items: center;
    min-inline-size: 12em;
  }
  .confirm p {
    flex-basis: 100%;
  }
  .message {
    padding: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
    color: var(--_danger);
    overflow-wrap: anywhere;
  }
`;
