import type { PersonSummary } from '@hearth/contracts';

/**
 * "Ask <name>" on a person card (or hover card): someone wants to ask this person a question.
 * Bubbles and is composed, so it reaches `window`, where a `<hearth-ask-expert>` on the same page
 * listens: it opens its question form with the person suggested (their strongest skills as the
 * first tags) and calls `preventDefault()` to say it did. When nothing handled it, the card opens
 * Hearth's own question page instead.
 */
export class HearthAskPersonEvent extends Event {
  static readonly type = 'hearth-ask-person';
  readonly handle: string;
  readonly name: string;
  readonly person: PersonSummary;
  /** Their strongest skills (at most 3), for the question's first tags. */
  readonly tags: string[];
  constructor(person: PersonSummary, tags: string[]) {
    super(HearthAskPersonEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.person = person;
    this.handle = person.handle;
    this.name = person.name;
    this.tags = tags;
  }
}

/** The person was followed or no longer is, here. */
export class HearthPersonFollowEvent extends Event {
  static readonly type = 'hearth-person-follow';
  readonly handle: string;
  readonly following: boolean;
  constructor(handle: string, following: boolean) {
    super(HearthPersonFollowEvent.type, { bubbles: true, composed: true });
    this.handle = handle;
    this.following = following;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-ask-person': HearthAskPersonEvent;
    'hearth-person-follow': HearthPersonFollowEvent;
  }
}
