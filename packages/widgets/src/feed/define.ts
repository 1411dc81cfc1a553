import { HearthFeed } from './hearth-feed.ts';
import type { HearthFeedComposer } from './hearth-feed-composer.ts';
import { HearthFeedPost } from './hearth-feed-post.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and feed.js (or one of them twice) on the same page.
// Written out one by one so the custom-elements manifest analyzer can see each definition.
// <hearth-feed-composer> is defined on demand, from its own chunk (load-composer.ts).
defineConfig();
if (!customElements.get('hearth-feed-post')) customElements.define('hearth-feed-post', HearthFeedPost);
if (!customElements.get('hearth-feed')) customElements.define('hearth-feed', HearthFeed);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-feed': HearthFeed;
    'hearth-feed-post': HearthFeedPost;
    'hearth-feed-composer': HearthFeedComposer;
  }
}

export { HearthFeed, HearthFeedPost };
export { HearthPostCreatedEvent, HearthPostDeletedEvent, HearthPostUpdatedEvent } from './events.ts';
