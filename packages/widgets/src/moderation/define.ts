import { HearthModeration } from './hearth-moderation.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and moderation.js (or one of them twice) on a page.
defineConfig();
if (!customElements.get('hearth-moderation')) customElements.define('hearth-moderation', HearthModeration);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-moderation': HearthModeration;
  }
}

export { HearthModeration };
export { HearthModerationDecisionEvent } from './events.ts';
