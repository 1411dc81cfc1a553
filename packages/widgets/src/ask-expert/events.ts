import type { Question } from '@hearth/contracts';

const init: EventInit = { bubbles: true, composed: true };

/** A question asked in the widget was stored; the people who know were told. */
export class HearthQuestionAskedEvent extends Event {
  static readonly type = 'hearth-question-asked';
  readonly question: Question;
  constructor(question: Question) {
    super(HearthQuestionAskedEvent.type, init);
    this.question = question;
  }
}

/** A question changed here: it got an answer, or an answer was accepted (or no longer is). */
export class HearthQuestionUpdatedEvent extends Event {
  static readonly type = 'hearth-question-updated';
  readonly question: Question;
  constructor(question: Question) {
    super(HearthQuestionUpdatedEvent.type, init);
    this.question = question;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-question-asked': HearthQuestionAskedEvent;
    'hearth-question-updated': HearthQuestionUpdatedEvent;
  }
}
