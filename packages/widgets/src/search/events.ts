/** What a search result is: its kind and what names it. */
export type SearchResultRef =
  | { kind: 'post'; id: number }
  | { kind: 'question'; id: number }
  | { kind: 'person'; handle: string }
  | { kind: 'community'; slug: string }
  | { kind: 'tag'; tag: string };

/**
 * A result of `<hearth-search>` was opened (clicked, or Enter), before the page follows its link.
 * Cancelable: a single-page app calls `preventDefault()` and routes to `event.href` (or to what
 * `event.result` names) itself.
 */
export class HearthSearchOpenEvent extends Event {
  static readonly type = 'hearth-search-open';
  readonly result: SearchResultRef;
  /** Where the result leads: the page's template filled in, or Hearth's own page. */
  readonly href: string;
  constructor(result: SearchResultRef, href: string) {
    super(HearthSearchOpenEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.result = result;
    this.href = href;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-search-open': HearthSearchOpenEvent;
  }
}
