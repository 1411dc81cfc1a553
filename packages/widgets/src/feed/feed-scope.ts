import { css, html } from 'lit';
import { adopt } from '../runtime/adopt.ts';
import { lazyDefine } from '../runtime/lazy-define.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { $followed, HearthFollow, followingOf } from '../runtime/follow.ts';
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

/** The tab each feed (its shadow root) shows. */
const shown = new WeakMap<Node, Scope>();

/**
 * Two toggle buttons, the one on show pressed, that switch the list below. While Following is
 * on show, what the person follows is fetched (once a page): a new post, written or live, is
 * matched against it; and a Follow pressed anywhere on the page loads the list again.
 */
export function renderScopes(root: Node, session: HearthSession, locale: string, current: Scope, choose: (scope: Scope) => void) {
  adopt(root, styles);
  if (current === 'following') followingOf(session);
  if (!shown.has(root)) {
    // A tag, person or community followed or unfollowed anywhere on the page (and stored): the
    // Following list on show is loaded again, as it now holds other posts.
    $followed.listen(() => {
      if (shown.get(root) === 'following') void ((root as ShadowRoot).host as HTMLElement & { reload(): Promise<void> }).reload();
    });
  }
  shown.set(root, current);
  return html`<div class="scopes" part="scopes" role="group" aria-label=${t(locale, 'show')}>
    ${(['all', 'following'] as const).map(
      (scope) => html`<button type="button" part="scope" aria-pressed=${current === scope ? 'true' : 'false'} @click=${() => choose(scope)}>
        ${t(locale, scope === 'all' ? 'scopeAll' : 'scopeFollowing')}
      </button>`,
    )}
  </div>`;
}

void lazyDefine('hearth-follow', async () => HearthFollow);

/** The Follow toggle of the tag the feed is filtered by. */
export const followTag = (tag: string) => html`<hearth-follow .kind=${'tag'} .name=${tag}></hearth-follow>`;

/** What an empty Following list says: what to follow, and how. */
export const emptyFollowing = (locale: string) => t(locale, 'emptyFollowing');
