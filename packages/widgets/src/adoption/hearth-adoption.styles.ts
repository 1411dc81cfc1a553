import { css } from 'lit';

/**
 * The widget's frame: the column the dashboard (a part, board.styles.ts) lays out in, and the
 * skeleton shown until the figures and the dashboard's chunk are both there.
 */
export const adoptionStyles = css`
  /*
   * A card that paints its own surface, as the tag cloud's and the person's do: the headings,
   * notes and table captions stand on it, not on the host page, so a dark widget on a light
   * page (or the other way round) keeps its text readable. The skeleton had this frame already.
   */
  .root {
    display: flex;
    flex-direction: column;
    gap: calc(1.25 * var(--_space));
    min-width: 0;
    padding: calc(0.8 * var(--_space)) var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /* The dashboard renders here and lays out as if its content stood in its place. */
  hearth-adoption-board {
    display: contents;
  }
  .skeleton .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13em), 1fr));
    gap: calc(0.75 * var(--_space));
  }
  /* Inside the root's frame: no second one. */
  .skeleton {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
  }
  .bone {
    display: block;
    border-radius: 0.35em;
    background: var(--_subtle);
  }
  .bone.title {
    inline-size: 40%;
    block-size: 1.4em;
  }
  .tile-bone {
    block-size: 5.5em;
  }
  .chart-bone {
    block-size: 9em;
  }
  @media (prefers-reduced-motion: no-preference) {
    .bone {
      animation: pulse 1.4s ease-in-out infinite;
    }
  }
`;
