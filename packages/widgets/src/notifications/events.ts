import type { Notification } from '@hearth/contracts';

/**
 * A line of `<hearth-notifications>` was opened (clicked, or Enter), before the page follows its
 * link. Cancelable: a single-page app calls `preventDefault()` and routes to `event.href` (or to
 * what `event.notification` names) itself. The line is marked read either way.
 */
export class HearthNotificationOpenEvent extends Event {
  static readonly type = 'hearth-notification-open';
  readonly notification: Notification;
  /** Where the line leads (the page's `href-template` filled in, or Hearth's permalink); null when unavailable. */
  readonly href: string | null;
  constructor(notification: Notification, href: string | null) {
    super(HearthNotificationOpenEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.notification = notification;
    this.href = href;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-notification-open': HearthNotificationOpenEvent;
  }
}
