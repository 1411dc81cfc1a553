/// <reference types="mocha" />
/*
 * The widgets in a single-page app: a portal that swaps its content without reloading changes
 * attributes, removes widgets, puts them back and moves them around. Each widget must follow
 * its attributes (and cancel what it no longer needs), leave nothing running once removed
 * (requests, listeners on the page, timers, the live stream) and work again when it returns.
 */
import type { ReadableAtom } from 'nanostores';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { Community, LiveEvent, Me, Post } from '@hearth/contracts';
import './feed/define.ts';
import './tag-cloud/define.ts';
import './community-card/define.ts';
import './ask-expert/define.ts';
import './moderation/define.ts';
import { $selectedTag } from './runtime/stores.ts';
import { sessionFor } from './runtime/session.ts';
import type { HearthFeedPost } from './feed/hearth-feed-post.ts';
import {
  MockApi, type MockApiOptions, type Operation, type RecordedRequest, makePost, samplePeople, sampleReplies, useMockApi,
} from './testing/mock-api.ts';
import { makeCommunity } from './testing/mock-communities.ts';
import { sampleModeration } from './testing/mock-moderation.ts';
import { makeQuestion, sampleExperts, sampleQuestions } from './testing/mock-questions.ts';
import './testing/mock-communities.ts';
import './testing/mock-questions.ts';
import './testing/mock-tags.ts';

type Widget = HTMLElement & { updateComplete: Promise<unknown> };

// ---- What widget code leaves running on the page

/**
 * Records the timers, intervals, window and document listeners and MutationObservers that
 * widget code (anything under packages/widgets/src but the tests and the mock) sets up and has
 * not taken down yet. Code is told apart by the stack frame that called the browser's API.
 */
class LeakTracker {
  readonly #timeouts = new Map<number, string>();
  readonly #intervals = new Map<number, string>();
  readonly #listeners = new Map<unknown, string>();
  readonly #observers = new Map<MutationObserver, string>();

  constructor() {
    const patch = <T extends object, K extends keyof T>(target: T, name: K, wrap: (real: T[K]) => T[K]) => {
      const real = target[name];
      target[name] = wrap(real);
    };
    const widgetFrame = (): string | null => {
      // 0: "Error", 1: this function, 2: the wrapper, 3: who called the browser's API.
      const frame = new Error().stack?.split('\n')[3] ?? '';
      return /\/packages\/widgets\/src\/(?!testing\/)[^?:]*\.ts/.test(frame) && !/\.test\.ts/.test(frame) ? frame.trim() : null;
    };
    const timeouts = this.#timeouts;
    const intervals = this.#intervals;
    patch(window, 'setTimeout', (real) => ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
      const where = widgetFrame();
      const id: number = real(typeof handler === 'function' ? (...a: unknown[]) => (timeouts.delete(id), handler(...a)) : handler, ms, ...args);
      if (where) timeouts.set(id, `setTimeout(${ms ?? 0}) ${where}`);
      return id;
    }) as typeof setTimeout);
    // Timer ids come from one pool: either function clears either kind.
    const clear = (real: (id?: number) => void) => ((id?: number) => {
      if (id !== undefined) {
        timeouts.delete(id);
        intervals.delete(id);
      }
      real(id);
    }) as typeof clearTimeout;
    patch(window, 'clearTimeout', clear);
    patch(window, 'clearInterval', clear);
    patch(window, 'setInterval', (real) => ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
      const where = widgetFrame();
      const id = real(handler, ms, ...args);
      if (where) intervals.set(id, `setInterval(${ms ?? 0}) ${where}`);
      return id;
    }) as typeof setInterval);
    const alive = this.#listeners;
    for (const [name, target] of [['window', window], ['document', document]] as const) {
      const key = (type: string, options?: boolean | EventListenerOptions) =>
        `${name} ${type} ${typeof options === 'boolean' ? options : !!options?.capture}`;
      const listeners = new Map<string, Set<unknown>>();
      patch(target, 'addEventListener', (real) => function (this: EventTarget, type: string, listener: unknown, options?: boolean | AddEventListenerOptions) {
        const where = widgetFrame();
        if (where && listener) {
          const k = key(type, options);
          if (!listeners.get(k)?.has(listener)) {
            listeners.set(k, (listeners.get(k) ?? new Set()).add(listener));
            alive.set(listener, `${name}.addEventListener('${type}') ${where}`);
          }
        }
        return (real as EventTarget['addEventListener']).call(this, type, listener as EventListener, options);
      } as never);
      patch(target, 'removeEventListener', (real) => function (this: EventTarget, type: string, listener: unknown, options?: boolean | EventListenerOptions) {
        if (listeners.get(key(type, options))?.delete(listener)) alive.delete(listener);
        return (real as EventTarget['removeEventListener']).call(this, type, listener as EventListener, options);
      } as never);
    }
    const observers = this.#observers;
    const proto = MutationObserver.prototype;
    patch(proto, 'observe', (real) => function (this: MutationObserver, target: Node, options?: MutationObserverInit) {
      const where = widgetFrame();
      if (where) observers.set(this, `MutationObserver.observe ${where}`);
      return real.call(this, target, options);
    });
    patch(proto, 'disconnect', (real) => function (this: MutationObserver) {
      observers.delete(this);
      return real.call(this);
    });
  }

  /** What widget code set up and has not taken down, one line each, with where it was set. */
  get left(): string[] {
    return [this.#timeouts, this.#intervals, this.#listeners, this.#observers].flatMap((m) => [...m.values()]);
  }
}

/**
 * One tracker for the whole page, from before the first widget: the language observer, say, is
 * shared by every widget and set up by the first, so only a page-wide view sees it stay. The
 * fixtures of each test are removed after it, so with no widget on the page nothing of theirs
 * may be left running.
 */
const tracker = new LeakTracker();

/** Waits until widget code has taken down everything it set up; fails naming what stayed. */
async function nothingLeft(): Promise<void> {
  try {
    await waitUntil(() => tracker.left.length === 0, '', { timeout: 2000 });
  } catch {
    expect(tracker.left, 'left running after the widget was removed').to.deep.equal([]);
  }
}

// ---- Helpers

const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
const engineering = { slug: 'engineering', name: 'Engineering', visibility: 'open' as const };
const design = { slug: 'design', name: 'Design', visibility: 'open' as const };
const recently = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function mock(options: MockApiOptions): MockApi {
  return useMockApi(new MockApi(options));
}

/** The query parameter `name` (`path`: the last path segment) of requests. */
function params(requests: RecordedRequest[], name: string): Array<string | null> {
  return requests.map((r) => (name === 'path' ? (r.url.pathname.split('/').pop() ?? null) : r.url.searchParams.get(name)));
}

/** A page region of a single-page app, with a place to move widgets to. */
async function page(widget: TemplateResult): Promise<{ el: Widget; here: HTMLElement; there: HTMLElement }> {
  const root = await fixture<HTMLElement>(html`<main><section class="here">${widget}</section><aside class="there"></aside></main>`);
  const here = root.querySelector<HTMLElement>('.here')!;
  return { el: here.firstElementChild as Widget, here, there: root.querySelector<HTMLElement>('.there')! };
}

/**
 * Moves a widget as a single-page app's router does: removed, then added elsewhere in the same
 * task. (A bare `append` of a connected node runs both callbacks only once the node is in its
 * new place, which hides what happens in between.)
 */
function move(el: Widget, to: HTMLElement): void {
  el.remove();
  to.append(el);
}

/**
 * How many listeners a shared store has now: its `listen` is wrapped (once per store) to count
 * subscriptions and their unsubscribes, so the count is what the widgets really hold.
 */
const counts = new WeakMap<object, { n: number }>();
function storeListeners(store: ReadableAtom<unknown>): number {
  let count = counts.get(store);
  if (!count) {
    const c = (count = { n: 0 });
    counts.set(store, c);
    const listen = store.listen.bind(store);
    (store as { listen: typeof listen }).listen = (listener) => {
      c.n += 1;
      const off = listen(listener);
      let done = false;
      return () => {
        if (!done) c.n -= 1;
        done = true;
        off();
      };
    };
  }
  return count.n;
}

interface Case {
  tag: string;
  /** A mock with data for the first and the changed attributes. */
  api(): MockApi;
  /** The widget with its first attributes. */
  render(api: MockApi): TemplateResult;
  /** The operation the widget loads with, held open to catch it in flight. */
  load: Operation;
  /** Whether the data of the first attributes is on show. */
  ready(el: Widget): boolean;
  /**
   * Attribute changes that load other data: the change, what shows then, and the request's
   * parameter (`path`: its last path segment) as it was in the stale request and is in the new.
   */
  changes: Array<{ attribute: string; value: string; shows: (el: Widget) => boolean; param: string; was: string | null; now: string | null }>;
  /** Attribute changes that only re-render: the change, and what shows it. */
  restyles: Array<{ attribute: string; value: string; shows: (el: Widget) => boolean }>;
  /** Starts what should be cancelled on removal beyond the first load (typing, say). */
  busy?(el: Widget, api: MockApi): Promise<void>;
}

// ---- The widgets

const feedPosts = (): Post[] => [
  makePost({ id: 1, body: 'Engineering news #kubernetes', community: engineering, author: samplePeople[1]!, createdAt: recently(5) }),
  makePost({ id: 2, body: 'Design news #typography', community: design, author: samplePeople[2]!, createdAt: recently(6) }),
  makePost({ id: 3, body: 'Town hall for all #townhall', author: samplePeople[3]!, createdAt: recently(7) }),
];

const feedCase: Case = {
  tag: 'hearth-feed',
  api: () => mock({ posts: feedPosts() }),
  render: (api) => html`<hearth-feed api=${api.api} token-url=${api.tokenUrl} community="engineering" page-size="10"></hearth-feed>`,
  load: 'listPosts',
  ready: (el) => text(el).includes('Engineering news') && !text(el).includes('Design news'),
  changes: [
    { attribute: 'community', value: 'design', shows: (el) => text(el).includes('Design news') && !text(el).includes('Engineering news'), param: 'community', was: 'engineering', now: 'design' },
    { attribute: 'tag', value: '#Typography', shows: (el) => text(el).includes('No posts here yet'), param: 'tag', was: null, now: 'Typography' },
    { attribute: 'author', value: '@jonas.weber', shows: (el) => text(el).includes('Engineering news'), param: 'author', was: null, now: 'jonas.weber' },
    { attribute: 'page-size', value: '2', shows: (el) => text(el).includes('Engineering news'), param: 'limit', was: '10', now: '2' },
  ],
  restyles: [{ attribute: 'theme', value: 'dark', shows: (el) => !!el.shadowRoot!.querySelector('.root.dark') }],
};

const cloudPosts = (): Post[] => [
  makePost({ id: 1, body: '#kubernetes upgrade', community: engineering, createdAt: recently(60) }),
  makePost({ id: 2, body: '#kubernetes again', community: engineering, createdAt: recently(61) }),
  makePost({ id: 3, body: '#typography matters', community: design, createdAt: recently(62) }),
  makePost({ id: 4, body: 'An old #archive post', community: engineering, createdAt: recently(60 * 24 * 20) }),
];
const tags = (el: Widget) => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[data-tag]'), (t) => t.dataset['tag']).join(' ');

const cloudCase: Case = {
  tag: 'hearth-tag-cloud',
  api: () => mock({ posts: cloudPosts() }),
  render: (api) => html`<hearth-tag-cloud api=${api.api} token-url=${api.tokenUrl} community="engineering" days="30"></hearth-tag-cloud>`,
  load: 'tagCloud',
  ready: (el) => tags(el) === 'archive kubernetes',
  changes: [
    { attribute: 'community', value: 'design', shows: (el) => tags(el) === 'typography', param: 'community', was: 'engineering', now: 'design' },
    { attribute: 'days', value: '7', shows: (el) => tags(el) === 'kubernetes', param: 'days', was: '30', now: '7' },
    { attribute: 'max', value: '1', shows: (el) => tags(el) === 'kubernetes', param: 'limit', was: '30', now: '1' },
  ],
  restyles: [
    { attribute: 'variant', value: 'list', shows: (el) => !!el.shadowRoot!.querySelector('.root.list ol') && tags(el) === 'kubernetes archive' },
    { attribute: 'theme', value: 'dark', shows: (el) => !!el.shadowRoot!.querySelector('.root.dark') },
  ],
};

const communities = (): Community[] => [
  makeCommunity(),
  makeCommunity({ slug: 'design', name: 'Design', purpose: 'Critique, research and the design system.' }),
];

const cardCase: Case = {
  tag: 'hearth-community-card',
  api: () => mock({ posts: feedPosts(), data: { communities: communities() } }),
  render: (api) => html`<hearth-community-card api=${api.api} token-url=${api.tokenUrl} community="engineering" show="members"></hearth-community-card>`,
  load: 'getCommunity',
  ready: (el) => el.shadowRoot!.querySelector('h2')?.textContent === 'Engineering',
  changes: [
    {
      attribute: 'community',
      value: 'design',
      shows: (el) => el.shadowRoot!.querySelector('h2')?.textContent === 'Design' && text(el).includes('Critique'),
      param: 'path',
      was: 'engineering',
      now: 'design',
    },
  ],
  restyles: [
    { attribute: 'show', value: 'members recent', shows: (el) => text(el).includes('Engineering news') },
    { attribute: 'compact', value: '', shows: (el) => !!el.shadowRoot!.querySelector('.root.compact') },
    { attribute: 'theme', value: 'dark', shows: (el) => !!el.shadowRoot!.querySelector('.root.dark') },
  ],
};

const questions = () => [
  ...sampleQuestions(),
  makeQuestion({ id: 900, title: 'Where does the design team run Kubernetes?', tags: ['kubernetes'], community: design }),
];
const titles = (el: Widget) => Array.from(el.shadowRoot!.querySelectorAll('[data-question]'), (b) => b.textContent?.trim()).join(' | ');

const askCase: Case = {
  tag: 'hearth-ask-expert',
  api: () => mock({ data: { questions: { questions: questions(), experts: sampleExperts() } } }),
  render: (api) => html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="questions" tags="kubernetes" debounce="5000"></hearth-ask-expert>`,
  load: 'listQuestions',
  ready: (el) => titles(el).includes('staging Kubernetes cluster') && !titles(el).includes('VPN'),
  changes: [
    { attribute: 'tags', value: 'vpn', shows: (el) => titles(el) === 'Which VPN client works on Linux laptops?', param: 'tag', was: 'kubernetes', now: 'vpn' },
    { attribute: 'community', value: 'design', shows: (el) => titles(el) === 'Where does the design team run Kubernetes?', param: 'community', was: null, now: 'design' },
  ],
  restyles: [{ attribute: 'theme', value: 'dark', shows: (el) => !!el.shadowRoot!.querySelector('.root.dark') }],
};

const [, jonas, , tom] = samplePeople as [Me, Me, Me, Me];
/** The items on show, by `kind-id`. */
const queue = (el: Widget) => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[data-item]'), (i) => i.dataset['item']).join(' ');

/** The moderation queue, as a community manager (Jonas) sees it: only a moderator has one. */
const moderationCase: Case = {
  tag: 'hearth-moderation',
  api: () => mock({ me: jonas, data: { moderation: sampleModeration() } }),
  render: (api) => html`<hearth-moderation api=${api.api} token-url=${api.tokenUrl} community="engineering"></hearth-moderation>`,
  load: 'moderationQueue',
  ready: (el) => queue(el).includes('post-301') && !queue(el).includes('post-302'),
  changes: [
    { attribute: 'community', value: 'project-falcon', shows: (el) => queue(el) === 'post-302', param: 'community', was: 'engineering', now: 'project-falcon' },
  ],
  restyles: [{ attribute: 'theme', value: 'dark', shows: (el) => !!el.shadowRoot!.querySelector('.root.dark') }],
};

const expertsChange = {
  attribute: 'view',
  value: 'experts',
  shows: (el: Widget) => Array.from(el.shadowRoot!.querySelectorAll('.author'), (a) => a.textContent).join(', ') === 'Tom Nguyen, Mira Lindqvist, 李伟',
};

// ---- The behaviour every widget shares

for (const c of [feedCase, cloudCase, cardCase, askCase, moderationCase]) {
  describe(`<${c.tag}> in a single-page app`, () => {
    afterEach(() => {
      $selectedTag.set(null);
      localStorage.clear();
    });

    for (const change of c.changes) {
      it(`a new ${change.attribute} shows its data, and the request for the old one is aborted`, async () => {
        const api = c.api();
        api.pending = [c.load];
        const { el } = await page(c.render(api));
        await waitUntil(() => api.open(c.load).length === 1, 'the first load never started');
        api.pending = false;
        el.setAttribute(change.attribute, change.value);
        await el.updateComplete;
        await waitUntil(() => api.open(c.load).length === 0 && change.shows(el), `the data for ${change.attribute}="${change.value}" never showed`);
        expect(api.aborted(c.load), 'the stale request was not aborted').to.have.length(1);
        expect(params(api.aborted(c.load), change.param), 'the stale request').to.deep.equal([change.was]);
        expect(params(api.calls(c.load).slice(-1), change.param), 'the new request').to.deep.equal([change.now]);
      });
    }

    for (const restyle of c.restyles) {
      it(`a new ${restyle.attribute} re-renders`, async () => {
        const api = c.api();
        const { el } = await page(c.render(api));
        await waitUntil(() => c.ready(el), 'the data never showed');
        el.setAttribute(restyle.attribute, restyle.value);
        await waitUntil(() => restyle.shows(el), `${restyle.attribute}="${restyle.value}" did not show`);
      });
    }

    it('removed while loading, it aborts its requests and leaves no timer, listener or observer behind', async () => {
      const api = c.api();
      const shared = sessionFor({ api: api.api, tokenUrl: api.tokenUrl });
      const before = { me: storeListeners(shared.$me), tag: storeListeners($selectedTag) };
      api.pending = [c.load];
      const { el } = await page(c.render(api));
      await waitUntil(() => api.open(c.load).length === 1, 'the load never started');
      if (c.tag === 'hearth-feed') {
        await waitUntil(() => api.openStreams().length === 1, 'the feed never opened the live stream');
        // The minute clock is running: the tracker sees what it must see taken down.
        expect(tracker.left.some((l) => l.startsWith('setInterval(60000)'))).to.equal(true);
      }
      await c.busy?.(el, api);
      expect(tracker.left, 'nothing tracked while the widget runs: the tracker is blind').to.not.deep.equal([]);
      el.remove();
      await waitUntil(() => api.open().length === 0, `requests left open: ${api.open().map((r) => r.operation).join(', ')}`);
      expect(api.aborted(c.load)).to.have.length(1);
      // The live stream is closed with its last listener.
      await waitUntil(() => api.openStreams().length === 0, 'the live stream stayed open');
      await nothingLeft();
      expect({ me: storeListeners(shared.$me), tag: storeListeners($selectedTag) }).to.deep.equal(before);
    });

    it('put back after removal, it shows its data again; a new one does too', async () => {
      const api = c.api();
      const { el, here } = await page(c.render(api));
      await waitUntil(() => c.ready(el), 'the data never showed');
      el.remove();
      await el.updateComplete;
      here.append(el);
      await el.updateComplete;
      await waitUntil(() => c.ready(el), 'the data did not show again');
      const again = el.cloneNode() as Widget;
      here.append(again);
      await waitUntil(() => c.ready(again), 'a new element did not show the data');
    });

    it('put back after being removed while loading, it loads again', async () => {
      const api = c.api();
      api.pending = [c.load];
      const { el, here } = await page(c.render(api));
      await waitUntil(() => api.open(c.load).length === 1);
      el.remove();
      await waitUntil(() => api.aborted(c.load).length === 1, 'the load was not aborted');
      api.pending = false;
      here.append(el);
      await waitUntil(() => c.ready(el), 'the data did not show after coming back');
    });

    it('moved in the page (removed and added in one task), it keeps working', async () => {
      const api = c.api();
      const { el, there } = await page(c.render(api));
      await waitUntil(() => c.ready(el), 'the data never showed');
      const running = tracker.left.length;
      move(el, there);
      await el.updateComplete;
      await waitUntil(() => c.ready(el), 'the data did not show after the move');
      // As much running as before the move: nothing doubled, nothing stopped for good.
      await waitUntil(() => tracker.left.length === running, `running before: ${running}, after: ${tracker.left.join(' | ')}`);
      el.setAttribute('theme', 'dark');
      await waitUntil(() => !!el.shadowRoot!.querySelector('.root.dark'), 'it no longer follows its attributes');
    });

    it('moved while loading, it still shows its data', async () => {
      const api = c.api();
      api.pending = [c.load];
      const { el, there } = await page(c.render(api));
      await waitUntil(() => api.open(c.load).length === 1);
      api.pending = false;
      move(el, there);
      await waitUntil(() => c.ready(el), 'the data did not show after the move');
      expect(api.open(c.load)).to.have.length(0);
    });
  });
}

// ---- What only some widgets do

describe('<hearth-feed> in a single-page app: the live stream', () => {
  const created = (post: Post): LiveEvent => ({ type: 'post.created', postId: post.id, parentId: null, community: post.community?.slug ?? null });
  const banner = (el: Widget) => el.shadowRoot!.querySelector('[part="new-posts"]')?.textContent?.trim() ?? '';
  const publish = (api: MockApi, id: number) => {
    const post = makePost({ id, body: `Live news ${id}`, community: engineering, author: samplePeople[1]!, createdAt: new Date().toISOString() });
    api.posts.push(post);
    api.emit(created(post));
  };

  it('removed, it closes the stream it was the last to listen to; put back, live updates resume', async () => {
    const api = feedCase.api();
    const { el, here } = await page(feedCase.render(api));
    await waitUntil(() => feedCase.ready(el) && api.openStreams().length === 1);
    el.remove();
    await waitUntil(() => api.openStreams().length === 0, 'the stream stayed open');
    here.append(el);
    await waitUntil(() => api.openStreams().length === 1, 'no stream after coming back');
    publish(api, 50);
    await waitUntil(() => banner(el) === '1 new post', 'no live update after coming back');
    // A new feed shares the stream and hears the next post.
    const other = el.cloneNode() as Widget;
    here.append(other);
    await waitUntil(() => feedCase.ready(other));
    publish(api, 51);
    await waitUntil(() => banner(el) === '2 new posts' && banner(other) === '1 new post', 'not both feeds heard the post');
    expect(api.openStreams()).to.have.length(1);
    // One of two removed: the other still listens on the same stream.
    other.remove();
    await other.updateComplete;
    publish(api, 52);
    await waitUntil(() => banner(el) === '3 new posts');
    expect(api.openStreams()).to.have.length(1);
  });

  it('moved, it keeps its stream (no reconnection) and its live updates', async () => {
    const api = feedCase.api();
    const { el, there } = await page(feedCase.render(api));
    await waitUntil(() => feedCase.ready(el) && api.openStreams().length === 1);
    move(el, there);
    await waitUntil(() => feedCase.ready(el));
    publish(api, 60);
    await waitUntil(() => banner(el) === '1 new post', 'no live update after the move');
    expect(api.streams, 'the move reconnected').to.have.length(1);
  });

  it('moved with new posts waiting, it still offers them', async () => {
    const api = feedCase.api();
    const { el, there } = await page(feedCase.render(api));
    await waitUntil(() => feedCase.ready(el) && api.openStreams().length === 1);
    publish(api, 70);
    await waitUntil(() => banner(el) === '1 new post');
    move(el, there);
    await el.updateComplete;
    await waitUntil(() => feedCase.ready(el));
    await waitUntil(() => banner(el) === '1 new post' || text(el).includes('Live news 70'), 'the new post was lost in the move');
  });
});

describe("<hearth-feed> in a single-page app: a post's replies", () => {
  async function openingReplies() {
    const parent = makePost({ id: 1, body: 'A post with replies', community: engineering, createdAt: recently(5) });
    const api = mock({ posts: [parent], replies: { 1: sampleReplies(parent, 2) } });
    const { el, here, there } = await page(feedCase.render(api));
    await waitUntil(() => text(el).includes('A post with replies'));
    const post = el.shadowRoot!.querySelector<HearthFeedPost>('hearth-feed-post')!;
    api.pending = ['listReplies'];
    Array.from(post.querySelectorAll('button')).find((b) => b.textContent?.trim() === '2 replies')!.click();
    await waitUntil(() => api.open('listReplies').length === 1, 'the replies were never asked for');
    const replies = () => post.querySelectorAll('.replies hearth-feed-post').length;
    return { api, el, here, there, replies };
  }

  it('moved while the replies load, they still come', async () => {
    const { api, el, there, replies } = await openingReplies();
    api.pending = false;
    move(el, there);
    await waitUntil(() => replies() === 2, 'the replies never came after the move');
    expect(api.aborted('listReplies')).to.have.length(1);
  });

  it('removed while the replies load, the request is aborted; put back, they come', async () => {
    const { api, el, here, replies } = await openingReplies();
    el.remove();
    await waitUntil(() => api.aborted('listReplies').length === 1, 'the replies request was not aborted');
    api.pending = false;
    here.append(el);
    await waitUntil(() => replies() === 2, 'the replies never came after coming back');
  });
});

describe('<hearth-ask-expert> in a single-page app: typing', () => {
  afterEach(() => {
    localStorage.clear();
  });

  async function asking(debounce = 300) {
    const api = askCase.api();
    const { el, here, there } = await page(
      html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} tags="kubernetes" debounce=${debounce}></hearth-ask-expert>`,
    );
    await waitUntil(() => expertsChange.shows(el) || text(el).includes('Tom Nguyen'), 'the experts never showed');
    return { api, el, here, there };
  }

  function typeTitle(el: Widget, value: string): void {
    const field = el.shadowRoot!.querySelector<HTMLInputElement>('#title')!;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  it('a new view shows its data', async () => {
    const api = askCase.api();
    const { el } = await page(askCase.render(api));
    await waitUntil(() => askCase.ready(el));
    el.setAttribute(expertsChange.attribute, expertsChange.value);
    await waitUntil(() => expertsChange.shows(el), 'the experts never showed');
  });

  it('removed while a title waits for its similar questions, it leaves no timer behind', async () => {
    // A wait longer than the check below: a timer left running is seen before it fires.
    const { api, el } = await asking(5000);
    typeTitle(el, 'How do I get access to Kubernetes?');
    await el.updateComplete;
    expect(tracker.left.some((l) => l.includes('hearth-ask-expert-form.ts'))).to.equal(true);
    el.remove();
    await nothingLeft();
    expect(api.calls('similarQuestions')).to.have.length(0);
  });

  it('removed while tag suggestions are on their way, it leaves no timer or request behind', async () => {
    const { api, el } = await asking();
    api.pending = ['suggestTags'];
    const field = el.shadowRoot!.querySelector<HTMLInputElement>('#tags')!;
    field.value = 'ku';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => api.open('suggestTags').length === 1, 'the suggestions were never asked for', { timeout: 3000 });
    el.remove();
    await waitUntil(() => api.open().length === 0, 'the suggestions request stayed open');
    await nothingLeft();
  });

  it('put back after being removed while a title waited for its similar questions, it shows them', async () => {
    const { api, el, here } = await asking();
    typeTitle(el, 'How do I get access to Kubernetes?');
    await el.updateComplete;
    el.remove();
    here.append(el);
    await waitUntil(() => api.calls('similarQuestions').length > 0, 'similar questions were never asked for after coming back', { timeout: 3000 });
    await waitUntil(() => text(el).includes('staging Kubernetes cluster'), 'the similar questions never showed');
  });
});

describe('<hearth-moderation> in a single-page app: its tabs', () => {
  const selected = (el: Widget, tab: string) => !!el.shadowRoot!.querySelector(`#tab-${tab}[aria-selected="true"]`);
  const tab = (el: Widget, name: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`#tab-${name}`)!;

  it('moved on the Hidden tab, it stays on it and shows the hidden items', async () => {
    const api = moderationCase.api();
    const { el, there } = await page(moderationCase.render(api));
    await waitUntil(() => moderationCase.ready(el), 'the queue never showed');
    tab(el, 'hidden').click();
    await waitUntil(() => selected(el, 'hidden') && queue(el) !== '' && !queue(el).includes('post-301'), 'the hidden items never showed');
    const hidden = queue(el);
    move(el, there);
    await el.updateComplete;
    await waitUntil(() => selected(el, 'hidden') && queue(el) === hidden, `after the move: ${queue(el)} instead of ${hidden}`);
  });

  it('moved with a reason half typed, the reason form stays open with what was typed', async () => {
    const api = moderationCase.api();
    const { el, there } = await page(moderationCase.render(api));
    await waitUntil(() => moderationCase.ready(el), 'the queue never showed');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-item="post-301"] button.hide')!.click();
    const field = () => el.shadowRoot!.querySelector<HTMLTextAreaElement>('[data-item="post-301"] textarea');
    await waitUntil(() => field(), 'the reason form never opened');
    field()!.value = 'Advertising is not allowed';
    field()!.dispatchEvent(new Event('input', { bubbles: true }));
    move(el, there);
    await el.updateComplete;
    await waitUntil(() => moderationCase.ready(el), 'the queue did not show after the move');
    expect(field()?.value, 'the reason after the move').to.equal('Advertising is not allowed');
    expect(api.calls('hideContent')).to.have.length(0);
  });

  it('removed while an admin’s audit trail (a part of its own) loads, the request is aborted and nothing is left; put back, it shows', async () => {
    const api = mock({ me: tom, data: { moderation: sampleModeration() } });
    const { el, here } = await page(html`<hearth-moderation api=${api.api} token-url=${api.tokenUrl}></hearth-moderation>`);
    await waitUntil(() => queue(el).includes('post-301'), 'the queue never showed');
    api.pending = ['auditLog'];
    tab(el, 'audit').click();
    await waitUntil(() => api.open('auditLog').length === 1, 'the audit trail was never asked for');
    el.remove();
    await waitUntil(() => api.open().length === 0, `requests left open: ${api.open().map((r) => r.operation).join(', ')}`);
    expect(api.aborted('auditLog')).to.have.length(1);
    await nothingLeft();
    api.pending = false;
    here.append(el);
    await waitUntil(() => selected(el, 'audit') && el.shadowRoot!.querySelectorAll('[part~="entry"]').length > 0, 'the audit trail did not show after coming back');
  });
});
