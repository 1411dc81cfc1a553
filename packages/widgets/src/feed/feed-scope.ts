import { css, html } from 'lit';
import { adopt } from '../runtime/adopt.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { followingOf } from '../runtime/follow.ts';
import { loadFollow } from '../runtime/load-follow.ts';
import type { HearthSession } from '../runtime/session.ts';
import { feedPack } from './strings.ts';

/*
 * The All and Following tabs of a feed of the whole intranet, and the Follow toggle of the
 * feed's tag filter, in a chunk of their own fetched for a signed-in reader: a signed-out page,
 * or a community's or a person's feed without a filter, never downloads them (the feed's page
 * budget is tight).
 */

export const scopeStrings = defineStrings(feedPack, 'scope', {
  show: 'Show',
  scopeAll: 'All',
  scopeFollowing: 'Following',
  emptyFollowing:
    'Nothing from what you follow yet. Follow a tag (choose it in the tag cloud or a #tag in a post, then Follow), a person or a community (Follow on their card), and their posts show here.',
});
const { t } = scopeStrings;

export type Scope = 'all' | 'following';

const styles = css`
  .scopes {
    display: flex;
    gap: calc(0.25 * var(--_space));
    border-bottom: 1px solid var(--_border);
  }
  .scopes button {
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
    color: var(--_muted);
    font-weight: 600;
  }
  .scopes [aria-pressed='true'] {
    border-bottom-color: var(--_accent);
    color: var(--_text);
  }
`;

/**
 * Counts the follows and unfollows stored on this page: the feed (a StoreController on it, while
 * connected) loads its Following list on show again when it moves.
 */
export { $followed } from '../runtime/follow.ts';

/**
 * Two toggle buttons, the one on show pressed, that switch the list below. While Following is
 * on show, what the person follows is fetched (once a page): a new post, written or live, is
 * matched against it.
 */
export function renderScopes(root: Node, session: HearthSession, locale: string, current: Scope, choose: (scope: Scope) => void) {
  adopt(root, styles);
  if (current === 'following') followingOf(session);
  return html`<div class="scopes" part="scopes" role="group" aria-label=${t(locale, 'show')}>
    ${(['all', 'following'] as const).map(
      (scope) => html`<button type="button" part="scope" aria-pressed=${current === scope ? 'true' : 'false'} @click=${() => choose(scope)}>
        ${t(locale, scope === 'all' ? 'scopeAll' : 'scopeFollowing')}
      </button>`,
    )}
  </div>`;
}

/** What the person follows, asked again if it could not be loaded (the feed's Retry). */
export const retryFollowing = (session: HearthSession): void => void followingOf(session, true);

/** The Follow toggle of the tag the feed is filtered by. */
export const followTag = (tag: string) => (loadFollow(), html`<hearth-follow .kind=${'tag'} .name=${tag}></hearth-follow>`);

/** What an empty Following list says: what to follow, and how. */
export const emptyFollowing = (locale: string) => t(locale, 'emptyFollowing');
