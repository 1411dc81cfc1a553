import { HearthTagCloud } from './hearth-tag-cloud.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and tag-cloud.js (or one of them twice) on the same page.
defineConfig();
if (!customElements.get('hearth-tag-cloud')) customElements.define('hearth-tag-cloud', HearthTagCloud);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-tag-cloud': HearthTagCloud;
  }
}

export { HearthTagCloud };
