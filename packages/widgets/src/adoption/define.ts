import { HearthAdoption } from './hearth-adoption.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and adoption.js (or one of them twice) on a page.
defineConfig();
if (!customElements.get('hearth-adoption')) customElements.define('hearth-adoption', HearthAdoption);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-adoption': HearthAdoption;
  }
}

export { HearthAdoption };
export { HearthAdoptionChangeEvent } from './events.ts';
