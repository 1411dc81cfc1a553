import { css } from 'lit';

/**
 * The feed's look, shared by its light-DOM parts (posts, composer) that render into its shadow
 * root. Calm and close to native controls, so it sits well in any portal.
 */
export const feedStyles = css`
  .root {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
  }
  .root:focus {
    /* Focus lands here only when the control that had it went away (the tag filter's clear). */
    outline: none;
  }
  [hidden] {
    display: none !important;
  }
  .filter {
    display: flex;
    align-items: center;
    gap: calc(0.3 * var(--_space));
    align-self: flex-start;
    padding-block: calc(0.1 * var(--_space));
    padding-inline: calc(0.8 * var(--_space)) calc(0.15 * var(--_space));
    border-radius: 1em;
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    font-weight: 600;
  }
  .filter > button {
    min-width: max(24px, 1.7em);
    min-height: max(24px, 1.7em);
    padding: 0;
    border-radius: 50%;
    color: var(--_text);
    font-size: 1.1em;
    line-height: 1;
  }
  p {
    margin: 0;
  }

  .message {
    margin-top: calc(0.4 * var(--_space));
    padding: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
    color: var(--_danger);
    overflow-wrap: anywhere;
  }
  .message button {
    margin-inline-start: calc(0.5 * var(--_space));
  }

  /* Posts */
  .feed {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
  }
  .post,
  .skeleton {
    padding: calc(0.9 * var(--_space)) var(--_space) calc(0.6 * var(--_space));
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /* Loading, empty, error, signed out */
  .skeleton {
    display: grid;
    grid-template-columns: 2.5em 1fr;
    gap: calc(0.55 * var(--_space)) calc(0.65 * var(--_space));
    height: 8.5em;
  }
  .skeleton .avatar,
  .skeleton .line {
    background: var(--_subtle);
    border-radius: 0.35em;
  }
  .skeleton .avatar {
    border-radius: 50%;
    grid-row: span 2;
    font-size: 1em;
  }
  .skeleton .line {
    height: 0.9em;
  }
  .skeleton .line.short {
    width: 40%;
  }
  .skeleton .line:not(.short) {
    grid-column: 1 / -1;
  }
  .more {
    display: flex;
    justify-content: center;
  }
`;
