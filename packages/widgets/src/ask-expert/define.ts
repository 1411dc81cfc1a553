import { HearthAskExpert } from './hearth-ask-expert.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and ask-expert.js (or one of them twice) on the same page.
// The opened question's element (hearth-ask-expert-question) is defined by the widget when it
// first shows one: it comes with its own chunk.
defineConfig();
if (!customElements.get('hearth-ask-expert')) customElements.define('hearth-ask-expert', HearthAskExpert);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-ask-expert': HearthAskExpert;
  }
}

export { HearthAskExpert };
export { HearthQuestionAskedEvent, HearthQuestionUpdatedEvent } from './events.ts';
