import type { AdoptionTargets } from '@hearth/contracts';

/**
 * An admin saved new adoption targets, or archived an inactive community from the dashboard. A
 * host page can refresh what depends on it (its own list of communities, say).
 */
export class HearthAdoptionChangeEvent extends Event {
  static readonly type = 'hearth-adoption-change';
  /** `targets`: new targets were saved; `archive`: a community was archived. */
  readonly change: 'targets' | 'archive';
  /** The saved targets (for `targets`). */
  readonly targets: AdoptionTargets | null;
  /** The archived community's slug (for `archive`). */
  readonly community: string | null;
  constructor(change: 'targets' | 'archive', detail: { targets?: AdoptionTargets; community?: string }) {
    super(HearthAdoptionChangeEvent.type, { bubbles: true, composed: true });
    this.change = change;
    this.targets = detail.targets ?? null;
    this.community = detail.community ?? null;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-adoption-change': HearthAdoptionChangeEvent;
  }
}
