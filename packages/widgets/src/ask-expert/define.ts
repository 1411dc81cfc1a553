import { HearthAskExpert } from './hearth-ask-expert.ts';
import { HearthAskExpertExperts } from './hearth-ask-expert-experts.ts';
import { HearthAskExpertForm } from './hearth-ask-expert-form.ts';
import { HearthAskExpertList } from './hearth-ask-expert-list.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and ask-expert.js (or one of them twice) on the same page.
// Written out one by one so the custom-elements manifest analyzer can see each definition; the
// parts first, so the widget's first render finds them. The opened question's element
// (hearth-ask-expert-question) is defined when the first question is shown: it comes with its
// own chunk (question-opener.ts).
defineConfig();
if (!customElements.get('hearth-ask-expert-form')) customElements.define('hearth-ask-expert-form', HearthAskExpertForm);
if (!customElements.get('hearth-ask-expert-list')) customElements.define('hearth-ask-expert-list', HearthAskExpertList);
if (!customElements.get('hearth-ask-expert-experts')) customElements.define('hearth-ask-expert-experts', HearthAskExpertExperts);
if (!customElements.get('hearth-ask-expert')) customElements.define('hearth-ask-expert', HearthAskExpert);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-ask-expert': HearthAskExpert;
  }
}

export { HearthAskExpert, HearthAskExpertExperts, HearthAskExpertForm, HearthAskExpertList };
export { HearthQuestionAskedEvent, HearthQuestionUpdatedEvent } from './events.ts';
