import { HearthFeed } from './hearth-feed.ts';
import type { HearthFeedComposer } from './hearth-feed-composer.ts';
import type { HearthFeedPost } from './hearth-feed-post.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and feed.js (or one of them twice) on the same page.
// <hearth-feed-post> and <hearth-feed-composer> are defined on demand, from chunks of their own
// (parts.ts).
defineConfig();
if (!customElements.get('hearth-feed')) customElements.define('hearth-feed', HearthFeed);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-feed': HearthFeed;
    'hearth-feed-post': HearthFeedPost;
    'hearth-feed-composer': HearthFeedComposer;
  }
}

export { HearthFeed };
export { HearthPostCreatedEvent, HearthPostDeletedEvent, HearthPostUpdatedEvent } from './events.ts';
