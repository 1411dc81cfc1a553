import { HearthSearch } from './hearth-search.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and search.js (or one of them twice) on a page.
defineConfig();
if (!customElements.get('hearth-search')) customElements.define('hearth-search', HearthSearch);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-search': HearthSearch;
  }
}

export { HearthSearch };
export { HearthSearchOpenEvent } from './events.ts';
