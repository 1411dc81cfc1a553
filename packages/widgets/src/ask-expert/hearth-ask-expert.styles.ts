import { css } from 'lit';

/**
 * The widget's look, shared by its parts (the form, the lists and the opened question render
 * into the same shadow root). Calm and close to native controls, like the feed: the same boxes,
 * avatars, states and skeletons, built on the runtime's tokens. Every size is in em.
 */
export const askExpertStyles = css`
  .root {
    --_ok: #1a7443;
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
    container-type: inline-size;
  }
  .root.dark {
    --_ok: #7fd6a2;
  }
  /* As the runtime's tokens: auto follows the host page's colour scheme, then the preference. */
  @supports (color: light-dark(#000, #fff)) {
    .root.auto {
      --_ok: light-dark(#1a7443, #7fd6a2);
    }
  }
  @media (prefers-color-scheme: dark) {
    .root.auto {
      --_ok: #7fd6a2;
    }
  }
  [hidden] {
    display: none !important;
  }
  /* The parts render here and lay out as if their content stood in their place. */
  hearth-ask-expert-form,
  hearth-ask-expert-list,
  hearth-ask-expert-experts {
    display: contents;
  }
  p {
    margin: 0;
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1em;
    line-height: 1.3;
  }
  h2:focus,
  .root:focus {
    /* The root takes focus only when the control that had it went away ("Back to the questions"). */
    outline: none;
  }
  /* Secondary text is one size and one colour, whatever it says (hints, empty lists, who
     answered, roles, times). */
  .muted,
  .hint,
  .meta,
  .role,
  .when {
    color: var(--_muted);
  }
  .muted,
  .hint,
  .meta,
  .role,
  .when,
  .facts {
    font-size: 0.87em;
  }

  /* Boxes */
  .box,
  .detail,
  .panel,
  .skeleton {
    padding: calc(0.9 * var(--_space)) var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: calc(0.4 * var(--_space));
  }
  .ask {
    display: grid;
    gap: calc(0.75 * var(--_space));
    align-items: start;
  }
  @container (min-width: 46em) {
    .ask {
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    }
  }
  .aside {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
  }

  /* The question form */
  .form {
    display: flex;
    flex-direction: column;
    gap: calc(0.3 * var(--_space));
  }
  label {
    font-weight: 600;
  }
  label:not(:first-child) {
    margin-top: calc(0.5 * var(--_space));
  }
  input,
  textarea {
    width: 100%;
    padding: calc(0.5 * var(--_space)) calc(0.65 * var(--_space));
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    line-height: 1.4;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
    font-size: 0.87em;
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .bar {
    display: flex;
    justify-content: flex-end;
    gap: calc(0.5 * var(--_space));
    margin-top: calc(0.4 * var(--_space));
  }
  .message {
    margin-top: calc(0.4 * var(--_space));
    padding: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
    color: var(--_danger);
    overflow-wrap: anywhere;
  }

  /* A question's tags (the tag field's own rules come with it: runtime/tag-field.ts) */
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.3 * var(--_space));
    margin: 0;
  }
  /* Lists of questions and of people */
  .list,
  .people,
  .answers {
    margin: 0;
    padding: 0 var(--_space);
    list-style: none;
  }
  .panel > .list,
  .panel > .people,
  .answers {
    padding: 0;
  }
  .list.box,
  .people.box {
    padding-block: 0;
  }
  .item,
  .person,
  .answer {
    padding: calc(0.65 * var(--_space)) 0;
  }
  .item + .item,
  .person + .person,
  .answer + .answer {
    border-top: 1px solid var(--_border);
  }
  /* Buttons that read as links, and the links, #tags and @mentions in people's text */
  .link-button,
  .tag,
  .link,
  button.back {
    color: var(--_accent);
  }
  .link-button:hover,
  .tag:hover {
    text-decoration: underline;
    background: none !important;
  }
  /* A link that is busy (Check for new answers, while it checks): muted, without a fill. */
  .link-button[aria-disabled='true'] {
    background: none;
    color: var(--_muted);
    text-decoration: none !important;
  }
  .link {
    text-underline-offset: 0.15em;
  }
  .mention {
    font-weight: 600;
  }
  .title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .meta {
    margin-top: calc(0.2 * var(--_space));
  }
  .badge {
    display: inline-block;
    margin-inline-end: calc(0.3 * var(--_space));
    padding: 0 calc(0.55 * var(--_space));
    border-radius: 1em;
    border: 1px solid currentColor;
    font-size: 0.85em;
    font-weight: 700;
    white-space: nowrap;
    color: var(--_muted);
  }
  .badge.answered {
    color: var(--_ok);
  }
  .body {
    margin: calc(0.3 * var(--_space)) 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .person,
  .head {
    display: flex;
    gap: calc(0.65 * var(--_space));
    align-items: flex-start;
  }
  .head {
    flex-wrap: wrap;
  }
  .who {
    flex: 1 1 10em;
  }
  .when,
  .reason,
  .facts {
    flex-basis: 100%;
  }
  .facts {
    margin-top: calc(0.15 * var(--_space));
  }
  .facts .chip {
    font-size: 1em;
    margin-inline-end: calc(0.2 * var(--_space));
  }

  /* Ask / My questions / For me to answer */
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.2 * var(--_space));
    border-bottom: 1px solid var(--_border);
  }
  .tabs [role='tab'] {
    margin-bottom: -1px;
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: var(--_muted);
  }
  .tabs [aria-selected='true'] {
    border-bottom-color: var(--_accent);
    color: var(--_text);
    font-weight: 600;
  }
  .tabpanel {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
  }

  /* All / Unanswered */
  .toggle {
    display: flex;
    gap: calc(0.3 * var(--_space));
  }
  .toggle [aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .toggle [aria-pressed='true']:hover {
    background: var(--_accent) !important;
  }
  .back {
    align-self: flex-start;
    padding-inline: calc(0.2 * var(--_space));
  }

  /* Loading, empty, error, signed out */
  .skeleton {
    display: flex;
    flex-direction: column;
    gap: calc(0.55 * var(--_space));
  }
  .skeleton + .skeleton {
    margin-top: calc(0.5 * var(--_space));
  }
  .line {
    height: 0.9em;
    border-radius: 0.35em;
    background: var(--_subtle);
  }
  .line.short {
    width: 55%;
  }
  .experts {
    display: flex;
    flex-direction: column;
    gap: calc(0.5 * var(--_space));
  }
  .experts h2 {
    font-size: 1.1em;
  }
`;
