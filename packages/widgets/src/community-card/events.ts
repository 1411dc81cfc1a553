import type { MembershipState } from '@hearth/contracts';

/**
 * The server accepted a membership change made on a card: joined, asked to join, withdrew,
 * accepted or declined an invitation, or left. A host page can refresh what depends on it
 * (a feed's composer, a menu of "my communities").
 */
export class HearthMembershipChangeEvent extends Event {
  static readonly type = 'hearth-membership-change';
  /** The community's slug. */
  readonly community: string;
  readonly membership: MembershipState;
  readonly memberCount: number;
  constructor(community: string, membership: MembershipState, memberCount: number) {
    super(HearthMembershipChangeEvent.type, { bubbles: true, composed: true });
    this.community = community;
    this.membership = membership;
    this.memberCount = memberCount;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-membership-change': HearthMembershipChangeEvent;
  }
}
