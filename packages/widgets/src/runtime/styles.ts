import { css } from 'lit';

/**
 * Design tokens and base rules every widget starts from. Public knobs are `--hearth-*`; the
 * widgets read private `--_*` copies that also carry the dark scheme. Every size is in em of
 * the host's font size, so a portal's root font size (rem) changes nothing.
 *
 * Spacing (padding, margins, gaps) is in multiples of `--_space`, which is 1em times
 * `--hearth-density` (1 by default): a portal makes every widget tighter or roomier with one
 * number. Font sizes, borders, icons and avatars do not follow it, and controls keep a target
 * of at least about 24 CSS px (min sizes, or a floor on a button's vertical padding).
 *
 * The theme class sits on the widget's inner `.root` rather than on the host, so the widget
 * never has to write attributes onto the element the host page owns.
 *
 * Immune to the host page's CSS: its selectors never match inside the shadow root, but two
 * things still reach in. Inherited properties (a portal's `body { font: italic 13px Georgia;
 * text-transform: capitalize }`) flow through the host element; and a rule that matches the
 * host element itself (`* { line-height: 1 !important; letter-spacing: .1em }`) beats `:host`,
 * because for normal declarations the outer tree wins, and its !important beats ours. So
 * `:host` only gives the defaults, and `.root`, the first element inside, which no page rule
 * can match, sets every inherited text property again from the documented variables.
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
    /* Every inherited text property a portal might set, back to ours (see above). */
    font: normal 400 var(--hearth-font-size, 15px) / 1.45 var(--hearth-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-feature-settings: normal;
    font-variation-settings: normal;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-indent: 0;
    text-align: start;
    text-align-last: auto;
    text-shadow: none;
    text-underline-offset: auto;
    white-space: normal;
    text-wrap-style: auto;
    word-break: normal;
    overflow-wrap: normal;
    hyphens: manual;
    list-style: disc outside none;
    cursor: auto;
    --_accent: var(--hearth-accent, #0b62c4);
    --_on-accent: #fff;
    --_surface: var(--hearth-surface, #fff);
    --_subtle: color-mix(in srgb, var(--_text) 5%, var(--_surface));
    --_text: var(--hearth-text, #1d232b);
    --_muted: var(--hearth-muted, #5b6572);
    --_border: var(--hearth-border, #d8dde3);
    /*
     * The boundary of text fields and selects. WCAG 1.4.11 wants 3:1 against the background
     * for what identifies a control, and --_border (decoration: boxes, separators) is about
     * 1.4:1. So it is mixed from the text and surface colours, which keeps at least 3:1 in both
     * schemes (3.7:1 light, 5.1:1 dark; visual.test.ts measures it) and follows a host's
     * --hearth-text and --hearth-surface. It deliberately ignores --hearth-border: a portal
     * that sets a faint brand border for boxes would otherwise make its fields invisible again.
     * Defined once here: the var() references resolve on each element, dark scheme included.
     */
    --_control-border: color-mix(in srgb, var(--_text) 55%, var(--_surface));
    --_danger: #b42318;
    --_warn: #8a5a00;
    --_radius: var(--hearth-radius, 0.5em);
    /* Not registered, so the em is resolved where it is used, in that element's font size. */
    --_space: calc(var(--hearth-density, 1) * 1em);
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
  /*
   * theme="auto" follows the host page's colour scheme: a portal that declares
   * "color-scheme: dark" (or "light dark" under a dark preference) is dark, so the widget is
   * too. color-scheme inherits through the host into the shadow root, and light-dark() picks
   * by it where each token is used. Browsers without light-dark() keep the light tokens (a
   * token they cannot resolve would leave text and backgrounds unset). No backslash or
   * backtick in these comments: the build minifies only templates without escapes.
   */
  @supports (color: light-dark(#000, #fff)) {
    .root.auto {
      --_accent: var(--hearth-accent, light-dark(#0b62c4, #6cb0ff));
      --_on-accent: light-dark(#fff, #0c1420);
      --_surface: var(--hearth-surface, light-dark(#fff, #1b1f24));
      --_text: var(--hearth-text, light-dark(#1d232b, #e8ebef));
      --_muted: var(--hearth-muted, light-dark(#5b6572, #a3adb9));
      --_border: var(--hearth-border, light-dark(#d8dde3, #3a424c));
      --_danger: light-dark(#b42318, #ff8a80);
      --_warn: light-dark(#8a5a00, #f2c35b);
      color-scheme: inherit;
    }
  }
  /*
   * A dark preference makes the widget dark whatever the page declares: most portals declare
   * no scheme at all ("normal", so light), and then the preference is all there is to follow.
   */
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
    /* The floor keeps a compact button about 1.8em (27 px at 15 px) tall. */
    padding: max(0.25em, calc(0.35 * var(--_space))) calc(0.8 * var(--_space));
    line-height: 1.3;
  }
  button:hover:not(:disabled, [aria-disabled='true']) {
    background: var(--_subtle);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button.primary:hover:not(:disabled, [aria-disabled='true']) {
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
  /*
   * Not available yet (an empty post, a request on its way): the same neutral look for every
   * kind of button in every widget, a subtle fill with muted text, rather than a translucent
   * primary (white on a washed-out blue reads as broken, not as waiting). After the kinds
   * above, so it wins over them. Buttons that read as links only turn muted (widget styles).
   */
  button:disabled,
  button[aria-disabled='true'] {
    cursor: default;
    background: var(--_subtle);
    border-color: var(--_border);
    color: var(--_muted);
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  /*
   * A line of facts with a middle dot between them ("420 posts · 61 active members"), drawn by
   * runtime/dots.ts. Each fact is a flex item that wraps as a whole (or, if longer than the
   * line, inside itself), and its dot sits in the gap before it, inside the fact's own box:
   * so a dot never ends a line. A fact that starts a line has its dot outside the list's
   * start edge, where the clip hides it: so a dot never starts one either. The dot is
   * aria-hidden text (copied with the text, never read out). Nothing focusable goes in such a
   * line, as its focus ring would be clipped at the start edge.
   */
  .dots {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: var(--_space);
    /* Both sides of the inline axis; overflow-inline is not in Chromium yet. */
    overflow-x: clip;
  }
  .dots > .dot-item {
    position: relative;
    min-width: 0;
  }
  .dot {
    position: absolute;
    inset-inline-end: 100%;
    inline-size: var(--_space);
    text-align: center;
    white-space: nowrap;
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

  /* Avatar tones (runtime/people.ts toneClass): a person has the same colour in every widget. */
  /* A person's name line beside their avatar (feed, ask-expert): name, then title and time. */
  .who {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: calc(0.5 * var(--_space));
    min-width: 0;
  }
  .author {
    font-weight: 600;
  }
  /* A person's initials in a circle (feed, ask-expert), on one of the tones below. */
  .avatar {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 2.5em;
    height: 2.5em;
    border-radius: 50%;
    font-size: 0.9em;
    font-weight: 600;
    color: #fff;
  }
  .tone-0 { background: #2f6f9f; }
  .tone-1 { background: #7a4f9a; }
  .tone-2 { background: #2e7d5b; }
  .tone-3 { background: #a0522d; }
  .tone-4 { background: #596a7b; }
  .tone-5 { background: #b03a5b; }
  .tone-6 { background: #3f6f3a; }
  .tone-7 { background: #8a6d1f; }

  /* Loading, empty, error and signed-out states look the same in every widget. */
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: pulse 1.4s ease-in-out infinite;
    }
  }
  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }
  .state {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(0.5 * var(--_space));
    padding: calc(1.25 * var(--_space)) var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
  }
  .state .detail,
  .state button {
    color: var(--_text);
  }
`;

/**
 * Buttons that read as links: a post's #tags and "Show more"-like buttons. Added by the widgets
 * that render people's text (the feed's posts, ask-expert), not in the base styles: the tag
 * cloud's `.tag` buttons are drawn otherwise.
 */
export const linkButtonStyles = css`
  .link-button,
  .tag {
    padding: 0;
    border: 0;
    background: none;
    font: inherit;
    white-space: inherit;
    text-align: start;
  }
`;

/**
 * A box that opens under a header control (the bell's list, the compact search's results), kept
 * inside the window. The widget sets where it aligns and its own `--_panel-width`, `--_panel-height`
 * and `--_panel-z` from its public variables.
 */
export const panelStyles = css`
  .panel {
    position: absolute;
    top: calc(100% + 0.4em);
    z-index: var(--_panel-z, 1000);
    width: min(var(--_panel-width, 24em), calc(100vw - 16px));
    max-height: min(75vh, var(--_panel-height, 40em));
    overflow: auto;
    padding: calc(0.75 * var(--_space));
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 0.5em 1.5em rgb(0 0 0 / 0.18);
    text-align: start;
  }
  .panel[hidden] {
    display: none;
  }
`;

/** A tag as a pill (a question's tags, a person's skills). */
export const chipStyles = css`
  .chip {
    display: inline-flex;
    align-items: center;
    padding: calc(0.05 * var(--_space)) calc(0.6 * var(--_space));
    border-radius: 1em;
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    font-size: 0.9em;
    font-weight: 600;
    white-space: nowrap;
  }
`;
