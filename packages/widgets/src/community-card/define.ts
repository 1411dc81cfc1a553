import { HearthCommunityCard } from './hearth-community-card.ts';
import { defineConfig } from '../runtime/config-element.ts';

// Guarded: a portal may load hearth.js and community-card.js (or one of them twice) on a page.
defineConfig();
if (!customElements.get('hearth-community-card')) customElements.define('hearth-community-card', HearthCommunityCard);

declare global {
  interface HTMLElementTagNameMap {
    'hearth-community-card': HearthCommunityCard;
  }
}

export { HearthCommunityCard };
export { HearthMembershipChangeEvent } from './events.ts';
