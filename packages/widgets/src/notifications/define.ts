import { HearthNotifications } from './hearth-notifications.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and notifications.js (or one of them twice) on a page.
defineConfig();
if (!customElements.get('hearth-notifications')) customElements.define('hearth-notifications', HearthNotifications);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-notifications': HearthNotifications;
  }
}

export { HearthNotifications };
export { HearthNotificationOpenEvent } from './events.ts';
