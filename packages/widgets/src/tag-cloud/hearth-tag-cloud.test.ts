/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { type TemplateResult, render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
// Registers window.axe: its accessible-name computation checks what assistive technology hears.
import 'axe-core/axe.min.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { TagCloudEntry } from '@hearth/contracts';
import './define.ts';
import '../feed/define.ts';
import type { HearthTagCloud } from './hearth-tag-cloud.ts';
import type { HearthFeed } from '../feed/hearth-feed.ts';
import type { HearthTagSelectEvent } from '../runtime/events.ts';
import { $selectedTag } from '../runtime/stores.ts';
import { MockApi, type MockApiOptions, makePost, useMockApi } from '../testing/mock-api.ts';
import { sampleCloud, withFollowingFeed } from '../testing/mock-tags.ts';
// GET /me/following, which the Follow toggle reads.
import '../testing/mock-search.ts';
import meta, * as stories from './hearth-tag-cloud.stories.ts';

interface CloudAttributes {
  community?: string;
  days?: string;
  max?: number;
  variant?: 'cloud' | 'list';
  hrefTemplate?: string;
  theme?: string;
}

/** A cloud entry as the server sends it; trending by the server's rule unless told. */
function entry(name: string, posts: number, previousPosts: number | null = posts, trending?: boolean): TagCloudEntry {
  const growth = previousPosts ? (posts - previousPosts) / previousPosts : null;
  return { name, posts, previousPosts, growth, trending: trending ?? (posts >= 3 && (previousPosts === 0 || (growth ?? 0) >= 0.5)) };
}

function mock(options: MockApiOptions = {}): MockApi {
  return useMockApi(new MockApi(options));
}

/** A mock whose 30-day cloud (and any other window) is `items`. */
function cloudApi(items: TagCloudEntry[], options: MockApiOptions = {}): MockApi {
  return mock({ ...options, data: { tags: { clouds: { '7': items, '30': items, '90': items, all: items } } } });
}

async function renderCloud(api: MockApi, attrs: CloudAttributes = {}): Promise<HearthTagCloud> {
  return fixture<HearthTagCloud>(html`<hearth-tag-cloud
    api=${api.api}
    token-url=${api.tokenUrl}
    community=${ifDefined(attrs.community)}
    days=${ifDefined(attrs.days)}
    max=${ifDefined(attrs.max)}
    variant=${ifDefined(attrs.variant)}
    href-template=${ifDefined(attrs.hrefTemplate)}
    theme=${ifDefined(attrs.theme)}
  ></hearth-tag-cloud>`);
}

/** Waits until the cloud has left its loading state. */
async function settled<T extends HearthTagCloud | HearthFeed>(el: T): Promise<T> {
  // The first render (with the skeleton) first, so "no skeleton" cannot mean "not rendered yet".
  await el.updateComplete;
  await waitUntil(() => !el.shadowRoot!.querySelector('.skeleton'), 'it never finished loading');
  await el.updateComplete;
  return el;
}

async function loadedCloud(items: TagCloudEntry[], attrs: CloudAttributes = {}, options: MockApiOptions = {}) {
  const api = cloudApi(items, options);
  const el = await settled(await renderCloud(api, attrs));
  return { api, el };
}

function tags(el: HearthTagCloud): HTMLElement[] {
  return Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('.tag'));
}

function tag(el: HearthTagCloud, name: string): HTMLElement {
  const found = tags(el).find((t) => t.dataset['tag'] === name);
  if (!found) throw new Error(`no tag ${name}`);
  return found;
}

const names = (el: HearthTagCloud) => tags(el).map((t) => t.dataset['tag']);
const weightOf = (t: HTMLElement) => Number(/\bw(\d)\b/.exec(t.className)?.[1]);
const text = (el: Element) => el.shadowRoot!.textContent?.replace(/\s+/g, ' ') ?? '';
const focused = (el: HearthTagCloud) => el.shadowRoot!.activeElement as HTMLElement | null;

interface Axe {
  setup(root: Node): unknown;
  teardown(): void;
  commons: { text: { accessibleText(element: Element): string } };
}

/** The accessible names (as axe-core computes them, shadow roots included) of the tags. */
function accessibleNames(el: HearthTagCloud): string[] {
  const axe = (window as unknown as { axe: Axe }).axe;
  axe.setup(document);
  try {
    return tags(el).map((t) => axe.commons.text.accessibleText(t));
  } finally {
    axe.teardown();
  }
}

const mounted: HTMLElement[] = [];

/**
 * Renders markup with several elements into a container on the page. Not open-wc's fixture: for
 * a plain container it waits for an animation frame, which never comes while the test runner
 * keeps this page in a background tab (it runs two files at once).
 */
function mount(template: TemplateResult): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  return container;
}

describe('<hearth-tag-cloud>', () => {
  afterEach(() => {
    $selectedTag.set(null);
    for (const container of mounted.splice(0)) container.remove();
  });

  describe('showing the tags', () => {
    it('sizes tags in steps on a log scale, so one huge tag does not flatten the rest', async () => {
      const { el } = await loadedCloud([entry('huge', 1000), entry('mid', 32), entry('small', 1)]);
      // ln 1000 ≈ 6.9, ln 32 ≈ 3.5: half way, the middle step; linear would put `mid` at step 1.
      expect(weightOf(tag(el, 'huge'))).to.equal(5);
      expect(weightOf(tag(el, 'mid'))).to.equal(3);
      expect(weightOf(tag(el, 'small'))).to.equal(1);
      const size = (name: string) => parseFloat(getComputedStyle(tag(el, name).querySelector('.label')!).fontSize);
      expect(size('huge')).to.be.greaterThan(size('mid'));
      expect(size('mid')).to.be.greaterThan(size('small'));
    });

    it('gives every tag the same middle size when all are used equally', async () => {
      const { el } = await loadedCloud([entry('a', 5), entry('b', 5)]);
      expect(tags(el).map(weightOf)).to.deep.equal([3, 3]);
    });

    it('says each weight in words too: the accessible name is "kubernetes, 42 posts"', async () => {
      const { el } = await loadedCloud([entry('kubernetes', 42), entry('vpn', 1)]);
      expect(accessibleNames(el)).to.deep.equal(['kubernetes, 42 posts', 'vpn, 1 post']);
    });

    it('shows the count next to each tag for sighted people as well', async () => {
      const { el } = await loadedCloud([entry('kubernetes', 1234)]);
      expect(tag(el, 'kubernetes').querySelector('.count')!.textContent).to.equal('1,234');
    });

    it('marks a trending tag with an arrow and the word "trending", and explains the arrow', async () => {
      const { el } = await loadedCloud([entry('rising', 12, 2), entry('steady', 12, 12)]);
      expect(tag(el, 'rising').querySelector('svg.trend')).to.exist;
      expect(tag(el, 'steady').querySelector('svg.trend')).to.equal(null);
      expect(accessibleNames(el)).to.deep.equal(['rising, 12 posts, trending', 'steady, 12 posts']);
      expect(el.shadowRoot!.querySelector('.legend')!.textContent).to.contain('Trending');
    });

    it('shows no trending legend for all time, which has nothing to compare with', async () => {
      const { el } = await loadedCloud([entry('a', 5, null, false)], { days: 'all' });
      expect(el.shadowRoot!.querySelector('.legend')).to.equal(null);
      expect(text(el)).to.contain('all time');
    });

    it('orders a cloud alphabetically and a list by use, with ranks, counts and bars', async () => {
      const items = [entry('beta', 10), entry('alpha', 40), entry('gamma', 20)];
      const cloud = (await loadedCloud(items)).el;
      expect(names(cloud)).to.deep.equal(['alpha', 'beta', 'gamma']);
      const list = (await loadedCloud(items, { variant: 'list' })).el;
      expect(names(list)).to.deep.equal(['alpha', 'gamma', 'beta']);
      expect(list.shadowRoot!.querySelector('ol')).to.exist;
      const bar = (name: string) => tag(list, name).querySelector<HTMLElement>('.bar > span')!.getBoundingClientRect().width;
      const full = tag(list, 'alpha').querySelector('.bar')!.getBoundingClientRect().width;
      expect(bar('alpha')).to.be.closeTo(full, 1);
      expect(bar('beta')).to.be.closeTo(full / 4, 1);
      expect(getComputedStyle(tag(list, 'alpha').parentElement!, '::before').content).to.equal('counter(rank)');
    });

    it('shows at most `max` tags and asks the server for that many', async () => {
      const { api, el } = await loadedCloud(sampleCloud(20), { max: 5 });
      expect(tags(el)).to.have.length(5);
      expect(api.calls('tagCloud')[0]!.url.searchParams.get('limit')).to.equal('5');
    });

    it('asks for the community and window it is given, and loads again when they change', async () => {
      const { api, el } = await loadedCloud([entry('a', 3)], { community: 'engineering', days: '7' });
      const first = api.calls('tagCloud')[0]!.url.searchParams;
      expect(first.get('community')).to.equal('engineering');
      expect(first.get('days')).to.equal('7');
      el.days = '90';
      await waitUntil(() => api.calls('tagCloud').length === 2);
      expect(api.calls('tagCloud')[1]!.url.searchParams.get('days')).to.equal('90');
    });

    it('falls back to 30 days for a window the server does not know', async () => {
      const { api, el } = await loadedCloud([entry('a', 3)], { days: '365' });
      expect(api.calls('tagCloud')[0]!.url.searchParams.get('days')).to.equal('30');
      expect(text(el)).to.contain('last 30 days');
    });

    it('gives every tag a target of at least 24 by 24 CSS pixels, even in a small host font', async () => {
      const api = cloudApi([entry('a', 1), entry('b', 100)]);
      const el = await settled(
        await fixture<HearthTagCloud>(html`<hearth-tag-cloud
          style="--hearth-font-size: 9px"
          api=${api.api}
          token-url=${api.tokenUrl}
        ></hearth-tag-cloud>`),
      );
      for (const t of tags(el)) {
        const box = t.getBoundingClientRect();
        expect(box.width, t.dataset['tag']).to.be.at.least(24);
        expect(box.height, t.dataset['tag']).to.be.at.least(24);
      }
    });

    it("keeps its size whatever the host page's root font size is (em, never rem)", async () => {
      const { el } = await loadedCloud([entry('a', 1), entry('b', 100)]);
      const before = el.getBoundingClientRect().height;
      document.documentElement.style.fontSize = '40px';
      try {
        expect(el.getBoundingClientRect().height).to.equal(before);
      } finally {
        document.documentElement.style.fontSize = '';
      }
    });

    it('formats counts in the language around it', async () => {
      const api = cloudApi([entry('a', 12345)]);
      const root = mount(html`<div lang="de-DE">
        <hearth-tag-cloud api=${api.api} token-url=${api.tokenUrl}></hearth-tag-cloud>
      </div>`);
      const el = await settled(root.querySelector('hearth-tag-cloud')!);
      expect(tag(el, 'a').querySelector('.count')!.textContent).to.equal('12.345');
    });
  });

  describe('keyboard', () => {
    it('is one Tab stop; the arrow keys, Home and End move between tags', async () => {
      const { el } = await loadedCloud([entry('alpha', 3), entry('beta', 2), entry('gamma', 1)]);
      expect(tags(el).map((t) => t.tabIndex)).to.deep.equal([0, -1, -1]);
      tag(el, 'alpha').focus();
      await sendKeys({ press: 'ArrowRight' });
      expect(focused(el)?.dataset['tag']).to.equal('beta');
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)?.dataset['tag']).to.equal('gamma');
      await sendKeys({ press: 'ArrowRight' });
      expect(focused(el)?.dataset['tag'], 'stops at the last tag').to.equal('gamma');
      await sendKeys({ press: 'Home' });
      expect(focused(el)?.dataset['tag']).to.equal('alpha');
      await sendKeys({ press: 'End' });
      expect(focused(el)?.dataset['tag']).to.equal('gamma');
      await sendKeys({ press: 'ArrowLeft' });
      expect(focused(el)?.dataset['tag']).to.equal('beta');
      await el.updateComplete;
      // The roving Tab stop follows focus, so Tab out and back returns to the same tag.
      expect(tags(el).map((t) => t.tabIndex)).to.deep.equal([-1, 0, -1]);
    });

    it('swaps left and right in a right-to-left page', async () => {
      const api = cloudApi([entry('alpha', 3), entry('beta', 2)]);
      const wrapper = mount(html`<div dir="rtl">
        <hearth-tag-cloud api=${api.api} token-url=${api.tokenUrl}></hearth-tag-cloud>
      </div>`);
      const el = await settled(wrapper.querySelector('hearth-tag-cloud')!);
      tag(el, 'alpha').focus();
      await sendKeys({ press: 'ArrowLeft' });
      expect(focused(el)?.dataset['tag']).to.equal('beta');
    });

    it('Enter and Space choose the focused tag', async () => {
      const { el } = await loadedCloud([entry('alpha', 3), entry('beta', 2)]);
      tag(el, 'alpha').focus();
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Enter' });
      expect($selectedTag.get()).to.equal('beta');
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ press: 'Space' });
      expect($selectedTag.get()).to.equal('alpha');
    });

    it('Tab reaches the selected tag first', async () => {
      $selectedTag.set('gamma');
      const { el } = await loadedCloud([entry('alpha', 3), entry('beta', 2), entry('gamma', 1)]);
      expect(tags(el).map((t) => t.tabIndex)).to.deep.equal([-1, -1, 0]);
    });
  });

  describe('choosing a tag', () => {
    it('presses it, selects it for the page and fires hearth-tag-select; choosing it again clears', async () => {
      const { el } = await loadedCloud([entry('kubernetes', 42), entry('vpn', 3)]);
      const picked: string[] = [];
      el.addEventListener('hearth-tag-select', (e: HearthTagSelectEvent) => picked.push(e.tag));
      tag(el, 'kubernetes').click();
      await el.updateComplete;
      expect($selectedTag.get()).to.equal('kubernetes');
      expect(picked).to.deep.equal(['kubernetes']);
      expect(tag(el, 'kubernetes').getAttribute('aria-pressed')).to.equal('true');
      expect(tag(el, 'vpn').getAttribute('aria-pressed')).to.equal('false');

      tag(el, 'vpn').click();
      await el.updateComplete;
      expect($selectedTag.get()).to.equal('vpn');
      expect(tag(el, 'kubernetes').getAttribute('aria-pressed')).to.equal('false');

      tag(el, 'vpn').click();
      await el.updateComplete;
      expect($selectedTag.get()).to.equal(null);
      expect(tags(el).every((t) => t.getAttribute('aria-pressed') === 'false')).to.equal(true);
      expect(picked, 'clearing fires no select event').to.deep.equal(['kubernetes', 'vpn']);
    });

    it('the event bubbles out of the shadow root to the page', async () => {
      const { el } = await loadedCloud([entry('kubernetes', 42)]);
      let picked = '';
      const listener = (e: HearthTagSelectEvent) => (picked = e.tag);
      document.addEventListener('hearth-tag-select', listener);
      try {
        tag(el, 'kubernetes').click();
      } finally {
        document.removeEventListener('hearth-tag-select', listener);
      }
      expect(picked).to.equal('kubernetes');
    });

    it('shows a tag selected elsewhere on the page as pressed', async () => {
      const { el } = await loadedCloud([entry('kubernetes', 42), entry('vpn', 3)]);
      $selectedTag.set('vpn');
      await el.updateComplete;
      expect(tag(el, 'vpn').getAttribute('aria-pressed')).to.equal('true');
    });
  });

  describe('following the chosen tag', () => {
    const selection = (el: HearthTagCloud) => el.shadowRoot!.querySelector<HTMLElement>('[part="selection"]');
    const toggle = (el: HearthTagCloud) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="follow"]');

    it('shows the chosen tag under the cloud with a Follow toggle that follows and unfollows it', async () => {
      const { api, el } = await loadedCloud([entry('kubernetes', 42), entry('vpn', 3)]);
      expect(selection(el)).to.equal(null);
      tag(el, 'kubernetes').click();
      await waitUntil(() => toggle(el)?.getAttribute('aria-disabled') === 'false', 'no Follow toggle');
      expect(selection(el)!.textContent).to.contain('#kubernetes');
      expect(toggle(el)!.getAttribute('aria-label')).to.equal('Follow #kubernetes');
      expect(toggle(el)!.getAttribute('aria-pressed')).to.equal('false');
      const box = toggle(el)!.getBoundingClientRect();
      expect(box.height).to.be.at.least(24);

      toggle(el)!.click();
      await waitUntil(() => api.calls('followTag').length === 1);
      expect(api.calls('followTag')[0]!.url.pathname).to.match(/\/tags\/kubernetes\/follow$/);
      await waitUntil(() => toggle(el)!.getAttribute('aria-pressed') === 'true');

      toggle(el)!.click();
      await waitUntil(() => api.calls('unfollowTag').length === 1);
      await waitUntil(() => toggle(el)!.getAttribute('aria-pressed') === 'false');

      // Choosing the tag again clears the selection, and its toggle goes.
      tag(el, 'kubernetes').click();
      await el.updateComplete;
      expect(selection(el)).to.equal(null);
    });

    it('a tag already followed shows pressed', async () => {
      const items = [entry('kubernetes', 42), entry('vpn', 3)];
      const api = mock({ data: { tags: { clouds: { '30': items }, following: ['vpn'] } } });
      const el = await settled(await renderCloud(api));
      tag(el, 'vpn').click();
      await waitUntil(() => toggle(el)?.getAttribute('aria-pressed') === 'true', 'the followed tag is not pressed');
      await expect(el).to.be.accessible();
    });

    it('with href-template there is no selection, so no Follow toggle', async () => {
      const { el } = await loadedCloud([entry('kubernetes', 42)], { hrefTemplate: '#/search?tag={tag}' });
      $selectedTag.set('kubernetes');
      await el.updateComplete;
      expect(selection(el)).to.equal(null);
    });

    it("a tag followed in the cloud is followed in a feed's filter too, and its posts are in the feed's Following tab", async () => {
      const posts = [
        makePost({ id: 3, body: 'Cluster upgrade tonight #kubernetes', createdAt: new Date(Date.now() - 60_000).toISOString() }),
        makePost({ id: 2, body: 'VPN maintenance on Saturday #vpn', createdAt: new Date(Date.now() - 120_000).toISOString() }),
      ];
      const api = withFollowingFeed(mock({ posts }));
      const root = mount(html`<hearth-tag-cloud api=${api.api} token-url=${api.tokenUrl}></hearth-tag-cloud>
        <hearth-feed api=${api.api} token-url=${api.tokenUrl}></hearth-feed>`);
      const cloud = await settled(root.querySelector('hearth-tag-cloud')!);
      const feed = await settled(root.querySelector('hearth-feed')!);
      tag(cloud, 'kubernetes').click();
      await waitUntil(() => toggle(cloud)?.getAttribute('aria-disabled') === 'false');
      toggle(cloud)!.click();
      await waitUntil(() => feed.shadowRoot!.querySelector('[part="follow"]')?.getAttribute('aria-pressed') === 'true', "the feed's toggle did not follow");

      $selectedTag.set(null);
      const following = () => Array.from(feed.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="scope"]')).find((b) => b.textContent!.trim() === 'Following');
      await waitUntil(following, 'no Following tab');
      following()!.click();
      await waitUntil(() => {
        const shown = Array.from(feed.shadowRoot!.querySelectorAll<HTMLElement & { post: { id: number } }>('.feed > hearth-feed-post'), (p) => p.post.id);
        return shown.join() === '3';
      }, 'Following does not show the followed tag');
    });
  });

  describe('with href-template', () => {
    /** Catches link clicks on the page so the test page does not navigate away. */
    function stubNavigation() {
      const visited: string[] = [];
      const stub = (event: MouseEvent) => {
        const link = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
        if (!link) return;
        event.preventDefault();
        visited.push(link.href);
      };
      document.addEventListener('click', stub);
      return { visited, restore: () => document.removeEventListener('click', stub) };
    }

    it('makes each tag a link to the template with the tag filled in and encoded', async () => {
      const { el } = await loadedCloud([entry('kubernetes', 42), entry('räksmörgås', 3)], { hrefTemplate: '/search?tag={tag}' });
      const link = tag(el, 'räksmörgås') as HTMLAnchorElement;
      expect(link.localName).to.equal('a');
      expect(link.getAttribute('href')).to.equal('/search?tag=r%C3%A4ksm%C3%B6rg%C3%A5s');
      expect(link.hasAttribute('aria-pressed')).to.equal(false);
      expect(accessibleNames(el)).to.deep.equal(['kubernetes, 42 posts', 'räksmörgås, 3 posts']);
    });

    it('choosing a tag navigates there and leaves the page selection alone', async () => {
      const { el } = await loadedCloud([entry('kubernetes', 42), entry('vpn', 3)], { hrefTemplate: '/search?tag={tag}' });
      const navigation = stubNavigation();
      try {
        tag(el, 'kubernetes').focus();
        await sendKeys({ press: 'ArrowRight' });
        await sendKeys({ press: 'Enter' });
        tag(el, 'kubernetes').click();
      } finally {
        navigation.restore();
      }
      expect(navigation.visited).to.deep.equal([
        new URL('/search?tag=vpn', document.baseURI).href,
        new URL('/search?tag=kubernetes', document.baseURI).href,
      ]);
      expect($selectedTag.get()).to.equal(null);
    });

    it('refuses a template that is not an http(s) URL and keeps buttons', async () => {
      const warn = console.warn;
      const warnings: string[] = [];
      console.warn = (message: string) => warnings.push(message);
      try {
        // oxlint-disable-next-line no-script-url -- the attack being refused
        const { el } = await loadedCloud([entry('kubernetes', 42)], { hrefTemplate: 'javascript:alert({tag})' });
        expect(tag(el, 'kubernetes').localName).to.equal('button');
      } finally {
        console.warn = warn;
      }
      expect(warnings.join()).to.contain('href-template');
    });
  });

  describe('loading, empty, error and signed-out states', () => {
    it('shows a skeleton that reserves height while the tags load', async () => {
      const el = await renderCloud(mock({ pending: ['tagCloud'] }));
      await el.updateComplete;
      const skeleton = el.shadowRoot!.querySelector('.skeleton')!;
      expect(skeleton.getAttribute('aria-busy')).to.equal('true');
      expect(skeleton.getBoundingClientRect().height).to.be.greaterThan(60);
      expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Loading tags…');
    });

    it('says which window is empty', async () => {
      const { el } = await loadedCloud([], { days: '7' });
      expect(el.shadowRoot!.querySelector('[part="state"]')!.textContent!.trim()).to.equal('No tags in the last 7 days.');
    });

    it('counts the tags from the posts when the cloud is not seeded (the mock, as a feed sees it)', async () => {
      const createdAt = new Date().toISOString();
      const api = mock({ posts: [makePost({ id: 1, body: '#a #b', createdAt }), makePost({ id: 2, body: '#a', createdAt })] });
      const el = await settled(await renderCloud(api));
      expect(names(el)).to.deep.equal(['a', 'b']);
      expect(tag(el, 'a').querySelector('.count')!.textContent).to.equal('2');
    });

    it('when the tags cannot be loaded it shows the problem, and Retry loads them', async () => {
      const api = cloudApi([entry('kubernetes', 4)], { fail: { tagCloud: { status: 500, detail: 'The database is restarting.', times: 1 } } });
      const el = await settled(await renderCloud(api));
      const state = el.shadowRoot!.querySelector('[part="state"]')!;
      expect(state.getAttribute('role')).to.equal('alert');
      expect(state.textContent).to.contain('The tags could not be loaded.');
      expect(state.textContent).to.contain('The database is restarting.');
      state.querySelector('button')!.click();
      await waitUntil(() => tags(el).length === 1, 'Retry did not load the tags');
    });

    it('when nobody is signed in it says so, and Try again loads the tags after signing in', async () => {
      const api = cloudApi([entry('kubernetes', 4)], { me: null });
      const el = await settled(await renderCloud(api));
      expect(text(el)).to.contain('You are signed out');
      api.me = (await import('../testing/mock-api.ts')).samplePeople[0]!;
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="state"] button')!.click();
      await waitUntil(() => tags(el).length === 1, 'Try again did not load the tags');
    });

    it('says a community does not exist (or is hidden) without offering Retry', async () => {
      const { el } = await loadedCloud([entry('a', 1)], { community: 'secret' }, { communities: ['engineering'] });
      const state = el.shadowRoot!.querySelector('[part="state"]')!;
      expect(state.textContent).to.contain('This community does not exist');
      expect(state.querySelector('button')).to.equal(null);
    });
  });

  describe('a cloud and a feed on the same page', () => {
    async function page(options: { feedTag?: string } = {}) {
      const posts = [
        makePost({ id: 3, body: 'Cluster upgrade tonight #kubernetes', createdAt: new Date(Date.now() - 60_000).toISOString() }),
        makePost({ id: 2, body: 'VPN maintenance on Saturday #vpn', createdAt: new Date(Date.now() - 120_000).toISOString() }),
        makePost({ id: 1, body: 'Helm charts moved #kubernetes #platform', createdAt: new Date(Date.now() - 180_000).toISOString() }),
      ];
      const api = mock({ posts });
      // Two separate elements, side by side, as an editor would paste them: not nested.
      const root = mount(html`<main>
        <aside><hearth-tag-cloud api=${api.api} token-url=${api.tokenUrl}></hearth-tag-cloud></aside>
        <section>
          <hearth-feed api=${api.api} token-url=${api.tokenUrl} tag=${ifDefined(options.feedTag)}></hearth-feed>
        </section>
      </main>`);
      const cloud = await settled(root.querySelector('hearth-tag-cloud')!);
      const feed = await settled(root.querySelector('hearth-feed')!);
      return { api, cloud, feed };
    }

    const postIds = (feed: HearthFeed) =>
      Array.from(feed.shadowRoot!.querySelectorAll<HTMLElement & { post: { id: number } }>('.feed > hearth-feed-post')).map(
        (p) => p.post.id,
      );

    it('a tag chosen in the cloud filters a separate feed on the same page', async () => {
      const { api, cloud, feed } = await page();
      expect(postIds(feed)).to.deep.equal([3, 2, 1]);
      tag(cloud, 'kubernetes').click();
      await waitUntil(() => postIds(feed).join() === '3,1', 'the feed did not filter to #kubernetes');
      expect(api.calls('listPosts').at(-1)!.url.searchParams.get('tag')).to.equal('kubernetes');
      const filter = feed.shadowRoot!.querySelector('[part="filter"]')!;
      expect(filter.textContent).to.contain('Filtered by #kubernetes');

      // The feed's clear button ends the filter everywhere: the cloud's tag is no longer pressed.
      filter.querySelector<HTMLButtonElement>(':scope > button')!.click();
      await waitUntil(() => postIds(feed).join() === '3,2,1', 'clearing did not bring every post back');
      await cloud.updateComplete;
      expect($selectedTag.get()).to.equal(null);
      expect(tag(cloud, 'kubernetes').getAttribute('aria-pressed')).to.equal('false');
    });

    it('a #tag picked in a post shows pressed in the cloud', async () => {
      const { cloud, feed } = await page();
      feed.shadowRoot!.querySelector<HTMLButtonElement>('hearth-feed-post .tag')!.click();
      await cloud.updateComplete;
      expect(tag(cloud, 'kubernetes').getAttribute('aria-pressed')).to.equal('true');
      await waitUntil(() => postIds(feed).join() === '3,1');
    });

    it('a feed with a tag of its own ignores the tag chosen in the cloud', async () => {
      const { api, cloud, feed } = await page({ feedTag: 'vpn' });
      const requests = api.calls('listPosts').length;
      tag(cloud, 'kubernetes').click();
      await feed.updateComplete;
      expect(api.calls('listPosts').length).to.equal(requests);
      expect(postIds(feed)).to.deep.equal([2]);
      expect(feed.shadowRoot!.querySelector('[part="filter"]')!.textContent!.trim()).to.equal('');
    });
  });

  describe('accessibility (axe)', () => {
    it('the cloud, with a trending and a pressed tag, is accessible', async () => {
      const { el } = await loadedCloud(sampleCloud(12));
      tag(el, 'onboarding').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('the list and the links are accessible', async () => {
      await expect((await loadedCloud(sampleCloud(8), { variant: 'list' })).el).to.be.accessible();
      await expect((await loadedCloud(sampleCloud(8), { hrefTemplate: '/search?tag={tag}' })).el).to.be.accessible();
    });

    it('the loading, empty, error and signed-out states are accessible', async () => {
      await expect(await renderCloud(mock({ pending: ['tagCloud'] }))).to.be.accessible();
      await expect((await loadedCloud([])).el).to.be.accessible();
      await expect((await loadedCloud([], {}, { fail: { tagCloud: { status: 500 } } })).el).to.be.accessible();
      await expect((await loadedCloud([], {}, { me: null })).el).to.be.accessible();
    });

    it('the dark theme keeps enough contrast, in both variants', async () => {
      document.body.style.background = '#000';
      try {
        for (const variant of ['cloud', 'list'] as const) {
          const { el } = await loadedCloud(sampleCloud(12), { theme: 'dark', variant });
          tag(el, 'kubernetes').click();
          await el.updateComplete;
          await expect(el).to.be.accessible();
        }
      } finally {
        document.body.style.background = '';
      }
    });
  });

  describe('the stories', () => {
    type AnyStory = {
      args?: Record<string, unknown>;
      parameters?: Record<string, unknown>;
      render?: unknown;
      beforeEach?: unknown;
      play?: unknown;
    };
    type Hook = () => unknown;
    type Render = (args: unknown, context: unknown) => ReturnType<typeof html>;
    type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;

    /** Renders a story as Storybook would (without its chrome) and waits for its play function. */
    async function renderStory(story: AnyStory): Promise<HTMLElement> {
      const args = { ...meta.args, ...story.args };
      const parameters = { ...meta.parameters, ...story.parameters };
      await (meta.beforeEach as Hook | undefined)?.();
      await (story.beforeEach as Hook | undefined)?.();
      const renderStoryTemplate = (story.render ?? meta.render) as Render;
      const canvas = mount(html`${renderStoryTemplate(args, { args, parameters })}`);
      await (story.play as Play | undefined)?.({ canvasElement: canvas });
      return canvas;
    }
    const cloudIn = (canvas: HTMLElement) => canvas.querySelector('hearth-tag-cloud')!;

    it('Cloud, List and Trending show the sample tags', async () => {
      for (const story of [stories.Cloud, stories.List, stories.Trending]) {
        const el = await settled(cloudIn(await renderStory(story)));
        expect(tags(el).length).to.be.greaterThan(5);
      }
    });

    it('Selected presses its tag and With links renders links', async () => {
      const selected = await settled(cloudIn(await renderStory(stories.Selected)));
      expect(selected.shadowRoot!.querySelector('[aria-pressed="true"]')).to.exist;
      $selectedTag.set(null);
      const links = await settled(cloudIn(await renderStory(stories.WithLinks)));
      expect(tags(links)[0]!.localName).to.equal('a');
    });

    it('Loading, Empty, Error and Signed out show their states', async () => {
      const loading = cloudIn(await renderStory(stories.Loading));
      await loading.updateComplete;
      expect(loading.shadowRoot!.querySelector('.skeleton')).to.exist;
      const expected: Array<[AnyStory, string]> = [
        [stories.Empty, 'No tags in the last 30 days.'],
        [stories.ErrorState, 'The database is restarting'],
        [stories.SignedOut, 'You are signed out'],
      ];
      for (const [story, message] of expected) {
        const el = cloudIn(await renderStory(story));
        await waitUntil(() => text(el).includes(message), `expected "${message}"`);
      }
    });

    it('Followed shows the chosen tag with its Follow toggle pressed', async () => {
      const el = await settled(cloudIn(await renderStory(stories.Followed)));
      await waitUntil(() => el.shadowRoot!.querySelector('[part="follow"]')?.getAttribute('aria-pressed') === 'true');
    });

    it('Dark uses the dark theme', async () => {
      const el = await settled(cloudIn(await renderStory(stories.Dark)));
      expect(el.shadowRoot!.querySelector('.root')!.classList.contains('dark')).to.equal(true);
    });

    it('Cloud and feed: choosing a tag filters the feed beside it', async () => {
      const canvas = await renderStory(stories.CloudAndFeed);
      const cloud = await settled(cloudIn(canvas));
      const feed = await settled(canvas.querySelector('hearth-feed')!);
      tags(cloud)[0]!.click();
      await waitUntil(() => text(feed).includes('Filtered by'));
    });
  });
});
