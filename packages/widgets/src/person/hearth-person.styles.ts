import { css } from 'lit';

/**
 * The person card. The hover card is the same element, `compact`: narrower and with a shadow, as
 * it floats over the page.
 */
export const personStyles = css`
  .root {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
    padding: var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-width: var(--hearth-person-width, 36em);
    overflow-wrap: anywhere;
  }
  .root.compact {
    gap: calc(0.5 * var(--_space));
    padding: calc(0.75 * var(--_space));
    max-width: none;
    box-shadow: 0 0.4em 1.4em rgb(0 0 0 / 0.22);
  }
  p,
  h2,
  h3,
  ul {
    margin: 0;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: calc(0.75 * var(--_space));
  }
  .avatar.big {
    width: 3.2em;
    height: 3.2em;
    font-size: 1em;
  }
  .compact .avatar.big {
    width: 2.6em;
    height: 2.6em;
  }
  .id {
    flex: 1 1 10em;
    min-width: 0;
  }
  .name-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.4 * var(--_space));
  }
  .name {
    font-size: 1.2em;
    font-weight: 700;
    line-height: 1.25;
  }
  .compact .name {
    font-size: 1.05em;
  }
  .role,
  .followers,
  .muted,
  .facts,
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .badge {
    display: inline-block;
    padding: 0 calc(0.55 * var(--_space));
    border-radius: 1em;
    border: 1px solid currentColor;
    font-size: 0.8em;
    font-weight: 700;
    white-space: nowrap;
    color: var(--_warn);
  }
  .away-note {
    font-size: 0.9em;
    color: var(--_warn);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.4 * var(--_space));
  }
  a.button {
    display: inline-block;
    padding: max(0.25em, calc(0.35 * var(--_space))) calc(0.8 * var(--_space));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: inherit;
    text-decoration: none;
    line-height: 1.3;
  }
  a.button:hover {
    background: var(--_subtle);
  }
  .section {
    display: flex;
    flex-direction: column;
    gap: calc(0.35 * var(--_space));
  }
  h3 {
    font-size: 0.8em;
    font-weight: 700;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .skills,
  .recent {
    display: flex;
    flex-direction: column;
    gap: calc(0.35 * var(--_space));
  }
  .skill {
    display: flex;
    align-items: center;
    gap: calc(0.5 * var(--_space));
  }
  .skill .what {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.2 * var(--_space)) calc(0.5 * var(--_space));
  }
  .endorse {
    flex: none;
    font-size: 0.85em;
  }
  .endorse[aria-pressed='true'] {
    color: var(--_accent);
  }
  .communities {
    display: flex;
    flex-direction: row;
    flex-wrap: wrap;
    gap: calc(0.35 * var(--_space)) var(--_space);
  }
  .link {
    color: var(--_accent);
    text-decoration: none;
  }
  .link:hover {
    text-decoration: underline;
  }
  .recent li {
    display: flex;
    flex-direction: column;
  }
  /* A post's first words, two lines at most: the card is about the person. */
  .recent .link {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    color: inherit;
  }
  .recent .link:hover {
    color: var(--_accent);
  }
  .more {
    align-self: flex-start;
    font-size: 0.9em;
  }
  .message:empty {
    display: none;
  }
  .message {
    font-size: 0.9em;
  }
  .own .switch {
    display: flex;
    align-items: center;
    gap: calc(0.5 * var(--_space));
  }
  .own input {
    width: 1.1em;
    height: 1.1em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .edit-skills {
    align-self: flex-start;
  }
  .skeleton {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: calc(0.4 * var(--_space)) var(--_space);
    align-items: center;
  }
  .skeleton .avatar {
    grid-row: span 2;
    background: var(--_border);
  }
  .skeleton .line {
    display: block;
    height: 0.8em;
    border-radius: 0.4em;
    background: var(--_border);
  }
  .skeleton .line.short {
    width: 50%;
  }
`;
