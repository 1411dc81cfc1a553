import { HearthAskExpert } from './hearth-ask-expert.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and ask-expert.js (or one of them twice) on the same page.
// The widget's parts (the form, the lists, the opened question) are defined from chunks of their
// own when a view needs them (parts.ts, question-opener.ts).
defineConfig();
if (!customElements.get('hearth-ask-expert')) customElements.define('hearth-ask-expert', HearthAskExpert);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-ask-expert': HearthAskExpert;
  }
}

export { HearthAskExpert };
export { HearthQuestionAskedEvent, HearthQuestionUpdatedEvent } from './events.ts';
