import { css, html, type ReactiveController } from 'lit';
import type { Post } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { getPost } from './api.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { listUrl, matchTemplate } from '../runtime/permalink.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { linkButtonStyles } from '../runtime/styles.ts';
import type { HearthClient } from '../runtime/client.ts';
import type { HearthFeed } from './hearth-feed.ts';
import { feedPack, t } from './strings.ts';

/*
 * One post on its own, with its replies open: the feed's `post` attribute (Hearth's permalink
 * page `/embed/post/{id}` sets it), or, with an `href-template`, the post the page's URL names
 * the way the template writes it (`/social?post={id}` at `/social?post=123`). A chunk of its own,
 * loaded only by feeds with one of those attributes. "See all posts" goes back to the list; on a
 * page with a template it is a new history entry, so Back (popstate) returns to the post and
 * Back again to the list.
 */

export const postViewStrings = defineStrings(feedPack, 'postView', {
  seeAll: 'See all posts',
  notFound: 'This post does not exist, or you cannot see it.',
  loadFailed: 'The post could not be loaded.',
});

/** The post (and the reply in it) to show. */
export interface Opened {
  id: number;
  reply: number | null;
}

const styles = css`
  .see-all {
    margin: 0 0 calc(0.6 * var(--_space));
  }
  .see-all .link-button {
    color: var(--_accent);
  }
`;

const number = (value: string | null | undefined): number | null => (value && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null);

export class PostView implements ReactiveController {
  /** What is on show, or null: the feed shows its list. */
  opened: Opened | null = null;
  readonly post: Loader<Post>;
  readonly #feed: HearthFeed;
  readonly #client: () => HearthClient;
  /** `See all posts` was chosen on a feed whose `post` attribute named one. */
  #dismissed: string | null = null;
  readonly #onPopState = () => this.sync();

  /** `client`: the feed's client at the time of a load (the session may change). */
  constructor(feed: HearthFeed, client: () => HearthClient) {
    this.#feed = feed;
    this.#client = client;
    this.post = new Loader<Post>(feed);
    feed.addController(this);
    adopt(feed.renderRoot, linkButtonStyles);
    adopt(feed.renderRoot, styles);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.#onPopState);
    this.sync();
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.#onPopState);
  }

  /** Whether one post is on show (or on its way). */
  get active(): boolean {
    return this.opened !== null;
  }

  /** Reads what to show from the attributes and the page's URL; loads the post when that changed. */
  sync(): void {
    const feed = this.#feed;
    let next: Opened | null = null;
    const own = number(feed.post);
    if (own !== null && feed.post !== this.#dismissed) {
      next = { id: own, reply: number(feed.reply) };
    } else if (feed.hrefTemplate) {
      const match = matchTemplate(feed.hrefTemplate, window.location);
      const id = number(match?.id);
      const parent = number(match?.parentId);
      // A template that names replies by their own id and their post's: open the post, mark the reply.
      if (id !== null) next = parent !== null && match?.kind === 'reply' ? { id: parent, reply: id } : { id, reply: null };
    }
    const before = this.opened;
    if (next?.id === before?.id && next?.reply === before?.reply) return;
    this.opened = next;
    if (next && next.id !== before?.id) void this.reload();
    else if (!next) this.post.clear();
    feed.requestUpdate();
  }

  reload(): Promise<void> {
    const opened = this.opened;
    if (!opened) return Promise.resolve();
    const client = this.#client();
    return this.post.run((signal) => getPost(client, opened.id, signal));
  }

  /**
   * A click on a post's time on a page with a template: when the link opens on this very page,
   * it is shown here without loading the page again, as a new history entry.
   */
  follow(event: MouseEvent): void {
    const link = (event.target as Element).closest?.('a.permalink') as HTMLAnchorElement | null;
    const template = this.#feed.hrefTemplate;
    if (!link || !template || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(link.href);
    const here = new URL(window.location.href);
    if (url.origin !== here.origin || url.pathname !== here.pathname || !matchTemplate(template, url)) return;
    event.preventDefault();
    history.pushState(history.state, '', url);
    this.sync();
    this.#top();
  }

  /** Back to the list: the page's URL without the template's part, or (with `post`) the list in place. */
  #seeAll = (): void => {
    const feed = this.#feed;
    if (this.opened && feed.post && number(feed.post) === this.opened.id) {
      this.#dismissed = feed.post;
    } else if (feed.hrefTemplate) {
      history.pushState(history.state, '', listUrl(feed.hrefTemplate, window.location.href));
    }
    this.sync();
    this.#top();
  };

  async #top(): Promise<void> {
    await this.#feed.updateComplete;
    const root = this.#feed.renderRoot.querySelector<HTMLElement>('.root');
    root?.focus({ preventScroll: true });
    root?.scrollIntoView?.({ block: 'nearest' });
  }

  render(now: number, locale: string) {
    const feed = this.#feed;
    const { value, status } = this.post;
    const reply = this.opened?.reply ?? null;
    return html`<p class="see-all">
        <button type="button" class="link-button" part="see-all" @click=${this.#seeAll}>
          <span aria-hidden="true" class="arrow">←</span> ${postViewStrings.t(locale, 'seeAll')}
        </button>
      </p>
      ${status === 'not-found'
        ? stateBox(postViewStrings.t(locale, 'notFound'))
        : (failureBox(locale, this.post, { failed: postViewStrings.t(locale, 'loadFailed'), signedOut: t(locale, 'signedOut') }, () => void this.reload()) ??
          html`<div class="feed" role="feed" aria-label=${t(locale, 'posts')} aria-busy=${value ? 'false' : 'true'}>
            ${value && customElements.get('hearth-feed-post')
              ? html`<hearth-feed-post
                  .post=${value}
                  .now=${now}
                  .posinset=${1}
                  .setsize=${1}
                  .showCommunity=${true}
                  .hrefTemplate=${feed.hrefTemplate}
                  .openReplies=${true}
                  .highlight=${reply}
                ></hearth-feed-post>`
              : html`<div class="skeleton" aria-hidden="true">
                  <span class="avatar"></span><span class="line short"></span><span class="line"></span><span class="line"></span>
                </div>`}
          </div>`)}`;
  }
}

