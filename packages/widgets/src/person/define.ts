import { HearthPerson } from './hearth-person.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and person.js (or one of them twice) on the same page,
// and the hover cards define it from their own chunk.
defineConfig();
if (!customElements.get('hearth-person')) customElements.define('hearth-person', HearthPerson);

export { HearthPerson };
