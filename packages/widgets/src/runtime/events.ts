const init: EventInit = { bubbles: true, composed: true };

/**
 * A person picked a tag: a `#tag` in a feed's post or a tag of the cloud; the runtime's
 * `$selectedTag` holds it too. Here rather than in a widget's folder: two widgets fire it, and
 * the rich-text renderer every post goes through.
 */
export class HearthTagSelectEvent extends Event {
  static readonly type = 'hearth-tag-select';
  readonly tag: string;
  constructor(tag: string) {
    super(HearthTagSelectEvent.type, init);
    this.tag = tag;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-tag-select': HearthTagSelectEvent;
  }
}
