import { css } from 'lit';

/**
 * The card's look: one calm panel that sits in a portal's sidebar (320 px, or `compact` in a
 * narrower one) as well as in a wide column, where members and activity share a row.
 */
export const cardStyles = css`
  p,
  h2,
  h3,
  ul {
    margin: 0;
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: calc(0.9 * var(--_space));
    padding: var(--_space) calc(1.1 * var(--_space));
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: calc(0.75 * var(--_space)) var(--_space);
  }
  .title {
    flex: 1 1 14em;
    min-width: 0;
  }
  h2 {
    display: inline;
    font-size: 1.2em;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    margin-inline-start: calc(0.5 * var(--_space));
    padding: 0 calc(0.55 * var(--_space));
    vertical-align: 0.15em;
    border: 1px solid currentColor;
    border-radius: 1em;
    font-size: 0.75em;
    font-weight: 600;
    color: var(--_accent);
  }
  .badge.restricted {
    color: var(--_warn);
  }
  .purpose {
    margin-top: calc(0.35 * var(--_space));
    overflow-wrap: anywhere;
  }
  .membership {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.5 * var(--_space));
  }
  .status {
    color: var(--_muted);
    font-weight: 600;
  }
  .status:focus {
    outline: none;
  }
  .confirm {
    flex-basis: 100%;
    padding: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .confirm span {
    margin-inline-end: auto;
  }
  .message,
  .notice {
    padding: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .message {
    flex-basis: 100%;
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
    color: var(--_danger);
  }
  .message button {
    margin-inline-start: calc(0.5 * var(--_space));
  }
  .notice {
    border-inline-start: 0.25em solid var(--_warn);
    background: color-mix(in srgb, var(--_warn) 10%, var(--_surface));
  }
  .meta,
  .members p,
  .activity p,
  .empty {
    color: var(--_muted);
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.75 * var(--_space)) calc(2 * var(--_space));
  }
  .facts:empty {
    display: none;
  }
  .members,
  .activity {
    flex: 1 1 16em;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.4 * var(--_space)) calc(0.75 * var(--_space));
    min-width: 0;
  }
  .faces {
    display: flex;
    flex: none;
    padding-inline-start: 0.35em;
  }
  /* Two initials take at most about 60 % of the circle's width (two thirds for the widest
     pair, "MW"), so they keep clear of its edge. The ring that parts overlapping circles is a
     shadow outside the circle, not a border that would eat into it. */
  .face {
    display: inline-grid;
    place-items: center;
    width: 3.2em;
    height: 3.2em;
    margin-inline-start: -0.35em;
    border-radius: 50%;
    box-shadow: 0 0 0 2px var(--_surface);
    font-size: 0.75em;
    font-weight: 600;
    color: #fff;
  }
  .members p,
  .activity p {
    /* Beside the initials or the sparkline when there is room, below them in a narrow column. */
    flex: 1 1 11em;
    display: flex;
    flex-direction: column;
    /* Never narrower than its longest word: "61 active members" must not run into the padding. */
    min-width: min-content;
    font-size: 0.93em;
  }
  .count span {
    white-space: nowrap;
  }
  .count {
    font-weight: 600;
    color: var(--_text);
  }
  /* Beside the figures it stays small (they take three parts of the room to spare, it one);
     alone on its line in a narrow column it spans the line, rather than stop short of it. */
  .activity p {
    flex-grow: 3;
  }
  svg {
    flex: 1 0 6em;
    /* Not the width its viewBox implies: it is drawn to fit (preserveAspectRatio none). */
    min-width: 0;
    height: 2.2em;
    overflow: visible;
    color: var(--_accent);
  }
  svg .line {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.75;
    stroke-linejoin: round;
    vector-effect: non-scaling-stroke;
  }
  svg .area {
    fill: currentColor;
    opacity: 0.14;
  }
  /* Today, not over yet: a lighter dashed stub, not the end of the line. */
  svg .today {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-dasharray: 2 2.5;
    stroke-linecap: round;
    opacity: 0.55;
    vector-effect: non-scaling-stroke;
  }
  h3 {
    margin-bottom: calc(0.35 * var(--_space));
    font-size: 0.8em;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  ul {
    padding: 0;
    list-style: none;
  }
  li {
    padding: calc(0.5 * var(--_space)) 0;
    border-top: 1px solid var(--_border);
    min-width: 0;
  }
  li:last-child {
    padding-bottom: 0;
  }
  .meta {
    font-size: 0.87em;
  }
  /* Report sits on the post's meta line, as small as the line, so the list keeps its height. */
  .posts .report {
    margin-inline-start: 0.5em;
    padding: 0 0.4em;
    min-height: 0;
    font-size: inherit;
    line-height: inherit;
  }
  .author {
    font-weight: 600;
    color: var(--_text);
  }
  .excerpt {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }

  /* compact: one row for a narrow sidebar */
  .compact .card {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    padding: calc(0.6 * var(--_space)) calc(0.8 * var(--_space));
  }
  .compact .title {
    flex-basis: 5em;
  }
  .compact button {
    padding-inline: calc(0.6 * var(--_space));
  }
  .compact .role {
    display: none;
  }
  .compact h2 {
    display: block;
    font-size: 1em;
  }
  .sub {
    font-size: 0.87em;
    color: var(--_muted);
  }

  /* loading, errors, signed out */
  .skeleton {
    gap: calc(0.6 * var(--_space));
  }
  .skeleton .line,
  .block {
    display: block;
    height: 0.95em;
    border-radius: 0.35em;
    background: var(--_subtle);
  }
  .skeleton .line + .line {
    margin-top: calc(0.55 * var(--_space));
  }
  .skeleton .big {
    width: 45%;
    height: 1.4em;
  }
  .skeleton .short {
    width: 70%;
  }
  .block.act {
    width: 5em;
    height: 2.1em;
  }
  .block.fact {
    flex: 1 1 16em;
    height: 3.6em;
  }
  .block.recent {
    height: 12.5em;
  }
  .block.list {
    height: 11em;
  }
  .compact .skeleton {
    height: 3.9em;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton,
    .block {
      animation: pulse 1.4s ease-in-out infinite;
    }
  }
`;
