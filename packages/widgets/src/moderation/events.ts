import type { ModerationAction, ModerationItem } from '@hearth/contracts';

/**
 * A moderator's decision was stored: content hidden, restored, or its reports dismissed. A host
 * page can refresh what depends on it (a count of open reports in its menu, say).
 */
export class HearthModerationDecisionEvent extends Event {
  static readonly type = 'hearth-moderation-decision';
  readonly action: ModerationAction;
  /** The item as the server now has it (its `status` and `decision` set). */
  readonly item: ModerationItem;
  constructor(action: ModerationAction, item: ModerationItem) {
    super(HearthModerationDecisionEvent.type, { bubbles: true, composed: true });
    this.action = action;
    this.item = item;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-moderation-decision': HearthModerationDecisionEvent;
  }
}
