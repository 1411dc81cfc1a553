import { css } from 'lit';

/** The list's rules: adopted into the widget's shadow root when the list's chunk arrives. */
export const listStyles = css`
  .skeleton-list {
    display: grid;
    gap: calc(0.75 * var(--_space));
    padding: calc(0.25 * var(--_space)) 0;
  }
  .skeleton {
    display: flex;
    align-items: center;
    gap: calc(0.6 * var(--_space));
  }
  .bone {
    display: block;
    flex: 1;
    height: 2.2em;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .bone.round {
    flex: none;
    width: 2.2em;
    border-radius: 50%;
  }
  .list-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(0.5 * var(--_space));
    min-height: 2em;
    margin-bottom: calc(0.5 * var(--_space));
  }
  .list-title {
    margin: 0;
    font-size: 1.05em;
    font-weight: 650;
  }
  .mark-all {
    margin-inline-start: auto;
    color: var(--_accent);
    font-size: 0.9em;
  }
  .mark-all:disabled {
    background: transparent;
    border-color: transparent;
  }
  .newer {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: calc(0.5 * var(--_space));
    margin-bottom: calc(0.5 * var(--_space));
    padding: calc(0.35 * var(--_space)) calc(0.6 * var(--_space));
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    font-size: 0.92em;
  }
  .lines {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 2px;
  }
  .line {
    display: flex;
    align-items: flex-start;
    gap: calc(0.6 * var(--_space));
    width: 100%;
    padding: calc(0.55 * var(--_space)) calc(0.5 * var(--_space));
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_text);
    text-align: start;
    text-decoration: none;
    font: inherit;
    line-height: 1.4;
  }
  .line:hover {
    background: var(--_subtle);
  }
  .line.unread {
    background: color-mix(in srgb, var(--_accent) 8%, var(--_surface));
  }
  .line.unread:hover {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
  }
  .line:focus-visible {
    outline-offset: -2px;
  }
  .line .avatar {
    width: 2.2em;
    height: 2.2em;
    font-size: 0.85em;
  }
  .avatar.icon {
    background: var(--_subtle);
    color: var(--_muted);
    border: 1px solid var(--_border);
  }
  .text {
    display: flex;
    flex-direction: column;
    gap: 0.15em;
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .actor {
    font-weight: 600;
  }
  .unread .what {
    font-weight: 500;
  }
  .gone {
    color: var(--_muted);
    font-style: italic;
  }
  .title {
    color: var(--_muted);
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow: hidden;
  }
  .note {
    font-size: 0.92em;
    padding-inline-start: 0.5em;
    border-inline-start: 2px solid var(--_border);
  }
  .meta {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .mark {
    flex: none;
    width: 0.6em;
    height: 0.6em;
    margin-top: 0.45em;
    border-radius: 50%;
    background: var(--_accent);
  }
  .problem:empty {
    display: none;
  }
  .problem {
    margin-top: calc(0.5 * var(--_space));
    color: var(--_danger);
    font-size: 0.92em;
  }
  .more {
    display: block;
    width: 100%;
    margin-top: calc(0.5 * var(--_space));
  }
  .list-head .settings-button {
    color: var(--_accent);
    font-size: 0.9em;
  }
  .list-head .list-title + .settings-button {
    margin-inline-start: auto;
  }
  .icon {
    width: 1.15em;
    height: 1.15em;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.8;
    stroke-linecap: round;
    stroke-linejoin: round;
    flex: none;
  }
  .back-icon:dir(rtl) {
    transform: scaleX(-1);
  }
  .row {
    display: flex;
    align-items: center;
    gap: 2px;
  }
  .row > .line {
    flex: 1;
    min-width: 0;
  }
  .mute {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 2.25em;
    min-height: 2.25em;
    padding: 0;
    color: var(--_muted);
  }
  .mute:hover {
    color: var(--_text);
  }
  .mute-state {
    flex: none;
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    gap: 0.1em;
    color: var(--_muted);
    font-size: 0.8em;
  }
  .undo {
    color: var(--_accent);
    padding: 0.15em 0.45em;
  }
  .settings .list-head {
    justify-content: flex-start;
  }
  .back {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding-inline-start: 0.3em;
    color: var(--_accent);
    font-size: 0.9em;
  }
  .hint {
    margin: 0 0 calc(0.6 * var(--_space));
    color: var(--_muted);
    font-size: 0.9em;
    line-height: 1.4;
  }
  .choices {
    display: grid;
    gap: calc(0.4 * var(--_space));
  }
  .setting {
    margin: 0;
    padding: calc(0.45 * var(--_space)) calc(0.6 * var(--_space));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .setting legend {
    padding: 0 0.25em;
    font-weight: 600;
    font-size: 0.95em;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    font-size: 0.92em;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-height: 1.9em;
    cursor: pointer;
  }
  .choice input {
    margin: 0;
    accent-color: var(--_accent);
  }
  .saved:empty {
    display: none;
  }
  .saved {
    margin-top: calc(0.5 * var(--_space));
    color: var(--_muted);
    font-size: 0.92em;
  }
`;
