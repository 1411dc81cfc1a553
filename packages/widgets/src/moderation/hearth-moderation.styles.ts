import { css } from 'lit';

/**
 * The widget's frame, shared by its parts (the queue, the watch list and the audit trail render
 * into the same shadow root and add their own rules when their chunk arrives): the tabs, the
 * boxes items sit in, secondary text, messages and skeletons. Every size is in em, every side a
 * logical one, so a right-to-left page mirrors it.
 */
export const moderationStyles = css`
  .root {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
    min-width: 0;
  }
  /* The parts render here and lay out as if their content stood in their place. */
  hearth-moderation-queue,
  hearth-moderation-keywords,
  hearth-moderation-audit {
    display: contents;
  }
  p,
  h3,
  ul,
  ol {
    margin: 0;
  }
  h3 {
    font-size: 1em;
    line-height: 1.3;
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.25 * var(--_space)) calc(0.35 * var(--_space));
    padding-bottom: calc(0.35 * var(--_space));
    border-bottom: 1px solid var(--_border);
  }
  [role='tab'] {
    border-color: transparent;
    background: transparent;
    color: var(--_muted);
    font-weight: 600;
  }
  [role='tab'][aria-selected='true'] {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    color: var(--_text);
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
    min-width: 0;
  }
  .box,
  .skeleton {
    padding: calc(0.9 * var(--_space)) var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .meta,
  .note,
  .hint {
    color: var(--_muted);
    font-size: 0.87em;
  }
  .message {
    padding: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
    color: var(--_danger);
    overflow-wrap: anywhere;
  }
  .more {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: calc(0.5 * var(--_space));
  }
  .toggle {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.35 * var(--_space));
  }
  .toggle [aria-pressed='true'] {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    font-weight: 600;
  }
  .skeleton-list {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
  }
  .skeleton {
    display: flex;
    flex-direction: column;
    gap: calc(0.55 * var(--_space));
    height: 8.5em;
  }
  .bone {
    display: block;
    height: 0.95em;
    border-radius: 0.35em;
    background: var(--_subtle);
  }
  .bone.short {
    width: 45%;
    height: 1.2em;
  }
  .tabs-bone {
    width: 70%;
    height: 2.1em;
  }
  @media (prefers-reduced-motion: no-preference) {
    .bone {
      animation: pulse 1.4s ease-in-out infinite;
    }
  }
`;
