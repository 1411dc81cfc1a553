import { css } from 'lit';

/**
 * Design tokens and base rules every widget starts from. Public knobs are `--hearth-*`; the
 * widgets read private `--_*` copies that also carry the dark scheme. Every size is in em of
 * the host's font size, so a portal's root font size (rem) changes nothing.
 *
 * The theme class sits on the widget's inner `.root` rather than on the host, so the widget
 * never has to write attributes onto the element the host page owns.
 */
export const baseStyles = css`
  :host {
    display: block;
    font-size: var(--hearth-font-size, 15px);
    font-family: var(--hearth-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    line-height: 1.45;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .root {
    --_accent: var(--hearth-accent, #0b62c4);
    --_on-accent: #fff;
    --_surface: var(--hearth-surface, #fff);
    --_subtle: color-mix(in srgb, var(--_text) 5%, var(--_surface));
    --_text: var(--hearth-text, #1d232b);
    --_muted: var(--hearth-muted, #5b6572);
    --_border: var(--hearth-border, #d8dde3);
    --_danger: #b42318;
    --_warn: #8a5a00;
    --_radius: var(--hearth-radius, 0.5em);
    color: var(--_text);
    color-scheme: light;
  }
  .root.dark {
    --_accent: var(--hearth-accent, #6cb0ff);
    --_on-accent: #0c1420;
    --_surface: var(--hearth-surface, #1b1f24);
    --_text: var(--hearth-text, #e8ebef);
    --_muted: var(--hearth-muted, #a3adb9);
    --_border: var(--hearth-border, #3a424c);
    --_danger: #ff8a80;
    --_warn: #f2c35b;
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    .root.auto {
      --_accent: var(--hearth-accent, #6cb0ff);
      --_on-accent: #0c1420;
      --_surface: var(--hearth-surface, #1b1f24);
      --_text: var(--hearth-text, #e8ebef);
      --_muted: var(--hearth-muted, #a3adb9);
      --_border: var(--hearth-border, #3a424c);
      --_danger: #ff8a80;
      --_warn: #f2c35b;
      color-scheme: dark;
    }
  }
  button,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 0.35em 0.8em;
    line-height: 1.3;
  }
  button:hover:not(:disabled) {
    background: var(--_subtle);
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: default;
    opacity: 0.55;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button.primary:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_accent) 85%, var(--_text));
  }
  button.quiet {
    border-color: transparent;
    background: transparent;
    color: var(--_muted);
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_surface);
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
