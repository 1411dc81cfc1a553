import { HearthTagCloud } from './hearth-tag-cloud.ts';

// Guarded: a portal may load hearth.js and tag-cloud.js (or one of them twice) on the same page.
if (!customElements.get('hearth-tag-cloud')) customElements.define('hearth-tag-cloud', HearthTagCloud);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-tag-cloud': HearthTagCloud;
  }
}

export { HearthTagCloud };
