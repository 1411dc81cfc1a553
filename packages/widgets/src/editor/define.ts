import { HearthConfigurator } from './hearth-configurator.ts';

// The configurator is its own entry (`/widgets/editor.js`), never part of hearth.js: portal pages
// do not pay for it. Guarded like the widgets, in case the page loads it twice.
if (!customElements.get('hearth-configurator')) customElements.define('hearth-configurator', HearthConfigurator);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-configurator': HearthConfigurator;
  }
}

export { HearthConfigurator };
