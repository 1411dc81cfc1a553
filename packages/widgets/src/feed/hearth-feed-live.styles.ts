import { css } from 'lit';

/**
 * The "N new posts" button of a live feed (feed-live.ts). It stays in view at the top of the
 * feed while the reader scrolls down, so new posts are offered where they will appear, never
 * pushed in; a ring of the surface colour keeps it apart from the post it floats over.
 */
export const feedLiveStyles = css`
  .live {
    position: sticky;
    top: calc(0.5 * var(--_space, 1em));
    z-index: 1;
    text-align: center;
  }
  .live button {
    padding: calc(0.4 * var(--_space, 1em)) calc(1.1 * var(--_space, 1em));
    border-radius: calc(4 * var(--_radius));
    box-shadow: 0 0 0 calc(0.3 * var(--_space, 1em)) var(--_surface);
  }
`;
