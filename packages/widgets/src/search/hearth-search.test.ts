/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import './define.ts';
import { HearthSearch } from './hearth-search.ts';
import type { HearthSearchOpenEvent } from './events.ts';
import { readUrl, writeUrl } from './url.ts';
import { MockApi, type MockApiOptions, makePost, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { sampleSearchData } from '../testing/mock-search.ts';
import { setTransport } from '../runtime/session.ts';

HearthSearch.debounceMs = 30;

const vpnDesk = { id: 40, handle: 'vpn.desk', name: 'VPN Desk', title: 'Remote access support', department: 'IT' };

function mock(extra: MockApiOptions = {}): MockApi {
  const sample = sampleSearchData();
  return useMockApi(new MockApi({ posts: sample.posts, people: [...samplePeople, vpnDesk], ...extra, data: { ...sample.data, ...extra.data } }));
}

interface Attributes {
  variant?: string;
  syncUrl?: boolean;
  postHrefTemplate?: string;
  questionHrefTemplate?: string;
}

async function renderWidget(api: MockApi, attrs: Attributes = {}): Promise<HearthSearch> {
  const wrapper = await fixture<HTMLElement>(html`<div style="width: 900px; min-height: 600px">
    <hearth-search
      api=${api.api}
      token-url=${api.tokenUrl}
      variant=${ifDefined(attrs.variant)}
      ?sync-url=${attrs.syncUrl ?? false}
      post-href-template=${ifDefined(attrs.postHrefTemplate)}
      question-href-template=${ifDefined(attrs.questionHrefTemplate)}
    ></hearth-search>
  </div>`);
  return wrapper.querySelector('hearth-search')!;
}

const root = (el: HearthSearch) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: HearthSearch, selector: string) => root(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: HearthSearch, selector: string) => [...root(el).querySelectorAll<T>(selector)];
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const input = (el: HearthSearch) => $<HTMLInputElement>(el, '#q')!;
const focused = (el: HearthSearch) => root(el).activeElement as HTMLElement | null;
const headings = (el: HearthSearch) => $$(el, '[part="group-heading"]').map((h) => text(h).replace(/ \(.*\)$/, ''));
const hits = (el: HearthSearch, kind: string) => $$(el, `#g-${kind}`).flatMap((h) => [...h.closest('section')!.querySelectorAll<HTMLAnchorElement>('a.hit')]);

/** Until the results (or a state) are shown, not a placeholder. */
async function shown(el: HearthSearch, selector = '#g-questions, #g-posts, [part="state"]:not([aria-busy]), .state') {
  await waitUntil(() => !$(el, '.waiting, .searching') && !!$(el, selector), `never showed ${selector}`, { timeout: 4000 });
  await el.updateComplete;
}

async function type(el: HearthSearch, words: string) {
  input(el).focus();
  await sendKeys({ type: words });
}

/** Cancels every result's opening (the test page must not navigate). */
function stayOnPage(el: HearthSearch): HearthSearchOpenEvent[] {
  const seen: HearthSearchOpenEvent[] = [];
  el.addEventListener('hearth-search-open', (e) => {
    e.preventDefault();
    seen.push(e);
  });
  return seen;
}

describe('<hearth-search>: results', () => {
  it('groups what "vpn" finds by kind, answered questions first, and marks the words from the offsets', async () => {
    const api = mock();
    const el = await renderWidget(api);
    await type(el, 'vpn');
    await shown(el, '#g-tags');
    expect(headings(el)).to.deep.equal(['Questions', 'Posts', 'People', 'Communities', 'Tags']);
    const questions = hits(el, 'questions').map((a) => text(a));
    expect(questions[0]).to.equal('How do I stop the VPN asking me to sign in every hour?');
    expect(questions).to.have.length(3);
    // The open question (202) comes after the two answered ones.
    expect(questions[2]).to.equal('Which VPN client works on Linux laptops?');
    const marks = $$(el, '#g-questions ~ ul mark, section mark').map((m) => m.textContent);
    expect(marks.length).to.be.greaterThan(3);
    expect(new Set(marks.map((m) => m!.toLowerCase()))).to.deep.equal(new Set(['vpn']));
    expect(hits(el, 'people').map((a) => text(a))).to.deep.equal(['VPN Desk']);
    expect(hits(el, 'communities').map((a) => text(a))).to.deep.equal(['IT Help']);
    expect(hits(el, 'tags').map((a) => text(a))).to.deep.equal(['#vpn', '#vpn-linux']);
    const search = api.calls('search').at(-1)!.url.searchParams;
    expect(search.get('q')).to.equal('vpn');
    expect(api.calls('searchPeople').at(-1)!.url.searchParams.get('q')).to.equal('vpn');
  });

  it('shows user text as text, never as HTML', async () => {
    const evil = makePost({ id: 900, body: 'vpn <img src=x onerror="window.__pwned = 1"> <b>bold</b>' });
    const el = await renderWidget(mock({ posts: [evil] }));
    el.search('vpn');
    await shown(el, '#g-posts');
    const post = hits(el, 'posts')[0]!;
    expect(post.querySelector('img, b')).to.equal(null);
    expect(text(post)).to.include('<img src=x');
    expect(post.querySelector('mark')!.textContent).to.equal('vpn');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('an empty or one-character query shows suggestions, not an error, and asks no search', async () => {
    const api = mock();
    const el = await renderWidget(api);
    await shown(el, '.suggestions');
    expect(text($(el, '.suggestions'))).to.include('Popular tags').and.include('Recent questions').and.include('#vpn');
    await type(el, 'v');
    await new Promise((r) => setTimeout(r, 100));
    await shown(el, '.suggestions');
    expect(text($(el, '.suggestions'))).to.include('Type at least 2 characters');
    expect(api.calls('search')).to.have.length(0);
    expect(api.calls('searchSuggestions')).to.have.length(1);
    // A popular tag searches for it.
    ($$(el, '.suggestions .facet')[0] as HTMLButtonElement).click();
    await shown(el, '#g-posts');
    expect(input(el).value).to.equal('vpn');
  });

  it('a query of only quotes and operators is searched as text: no results, not an error', async () => {
    const api = mock();
    const el = await renderWidget(api);
    el.search('"" OR -');
    await shown(el);
    expect(api.calls('search').at(-1)!.url.searchParams.get('q')).to.equal('"" OR -');
    expect(text($(el, '.state'))).to.include('No results for “"" OR -”.');
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('says when nothing is found', async () => {
    const el = await renderWidget(mock());
    el.search('kerberos');
    await shown(el);
    expect(text($(el, '.state'))).to.include('No results for “kerberos”.').and.include('remove a filter');
  });

  it('does not say "No results" while people are still being searched', async () => {
    const api = mock();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    setTransport(async (request, init) => {
      const url = new URL(request instanceof Request ? request.url : String(request), document.baseURI);
      if (url.pathname.endsWith('/people')) await held;
      return api.fetch(request, init);
    });
    try {
      const el = await renderWidget(api);
      el.search('kerberos');
      await waitUntil(() => api.calls('search').length >= 2, 'never searched posts and questions');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await el.updateComplete;
      expect($(el, '.state'), 'said "No results" before people answered').to.equal(null);
      release();
      await shown(el);
      expect(text($(el, '.state'))).to.include('No results for “kerberos”.');
    } finally {
      release();
      useMockApi(api);
    }
  });

  it('a failed search says why, with Retry that searches again', async () => {
    const api = mock({ fail: { search: { status: 503, title: 'Service Unavailable' } } });
    const el = await renderWidget(api);
    el.search('vpn');
    await shown(el, '.state, [part="state"]');
    await waitUntil(() => text($(el, '[part="state"]')).includes('could not be loaded'), 'no error');
    expect(text($(el, '[part="state"]'))).to.include('(503)');
    delete api.fail.search;
    const retry = $$<HTMLButtonElement>(el, '[part="state"] button').find((b) => text(b) === 'Retry')!;
    retry.click();
    await shown(el, '#g-questions');
    expect(hits(el, 'questions').length).to.equal(3);
  });

  it('"Load more" appends the next page of posts', async () => {
    const more = Array.from({ length: 14 }, (_, i) => makePost({ id: 500 + i, body: `vpn note ${i}` }));
    const api = mock({ posts: [...sampleSearchData().posts, ...more] });
    const el = await renderWidget(api);
    el.search('vpn');
    await shown(el, '#g-posts');
    expect(hits(el, 'posts')).to.have.length(10);
    const button = $<HTMLButtonElement>(el, '#g-posts ~ [part="load-more"]')!;
    button.click();
    await waitUntil(() => hits(el, 'posts').length === 18, 'no second page');
    expect(api.calls('search').at(-1)!.url.searchParams.get('cursor')).to.equal('10');
    expect($(el, '#g-posts ~ [part="load-more"]')).to.equal(null);
  });

  it('a page that fails to load says so under its group, and "Load more" tries again', async () => {
    const more = [...Array(14).keys()].map((i) => makePost({ id: 500 + i, body: `vpn note ${i}` }));
    const api = mock({ posts: [...sampleSearchData().posts, ...more] });
    const el = await renderWidget(api);
    el.search('vpn');
    await shown(el, '#g-posts');
    api.fail.search = { status: 500, title: 'Internal Server Error' };
    $<HTMLButtonElement>(el, '#g-posts ~ [part="load-more"]')!.click();
    await waitUntil(() => !!$(el, '[part="problem"]'), 'no problem said');
    expect(text($(el, '[part="problem"]'))).to.equal('More results could not be loaded.');
    expect(hits(el, 'posts')).to.have.length(10);
    delete api.fail.search;
    $<HTMLButtonElement>(el, '#g-posts ~ [part="load-more"]')!.click();
    await waitUntil(() => hits(el, 'posts').length === 18, 'no second page');
    expect($(el, '[part="problem"]')).to.equal(null);
  });

  it('a facet narrows the search, shows a chip, and the chip removes it', async () => {
    const api = mock();
    const el = await renderWidget(api);
    el.search('vpn');
    await shown(el, '[part="facets"]');
    const facet = $$<HTMLButtonElement>(el, '[aria-labelledby="f-community"] button').find((b) => text(b).startsWith('Engineering'))!;
    facet.click();
    await waitUntil(() => api.calls('search').some((c) => c.url.searchParams.get('community') === 'engineering'), 'no filtered search');
    await waitUntil(() => !!$(el, '[part="chip"]'), 'no chip');
    expect(el.filters).to.deep.equal({ community: 'engineering' });
    expect(text($(el, '[part="chip"]'))).to.include('Engineering');
    await shown(el, '#g-posts');
    expect(hits(el, 'questions').map((a) => text(a))).to.deep.equal(['Can I reach the staging cluster without the VPN?']);
    // People, communities and tags match words alone: not shown while a facet narrows.
    expect(headings(el)).to.deep.equal(['Questions', 'Posts']);
    $<HTMLButtonElement>(el, '[part="chip"]')!.click();
    await waitUntil(() => !$(el, '[part="chip"]'), 'chip stayed');
    expect(el.filters).to.deep.equal({});
  });

  it('results open through the page’s permalinks, with a cancelable event', async () => {
    const el = await renderWidget(mock(), { postHrefTemplate: '/social?post={id}', questionHrefTemplate: '/ask?question={id}' });
    const opened = stayOnPage(el);
    el.search('vpn');
    await shown(el, '#g-posts');
    const post = hits(el, 'posts')[0]!;
    expect(post.getAttribute('href')).to.equal('/social?post=301');
    expect(hits(el, 'questions')[0]!.getAttribute('href')).to.equal('/ask?question=201');
    post.click();
    expect(opened).to.have.length(1);
    expect(opened[0]!.result).to.deep.equal({ kind: 'post', id: 301 });
    expect(opened[0]!.href).to.equal('/social?post=301');
  });

  it('follows a tag from the results', async () => {
    const api = mock();
    const el = await renderWidget(api);
    el.search('vpn');
    await shown(el, '#g-tags');
    const follow = () => $$<HTMLButtonElement>(el, 'hearth-follow button').find((b) => b.getAttribute('aria-label') === 'Follow #vpn');
    await waitUntil(() => follow()?.getAttribute('aria-disabled') === 'false', 'no Follow #vpn');
    expect(follow()!.getAttribute('aria-pressed')).to.equal('false');
    follow()!.click();
    await waitUntil(() => api.calls('followTag').length === 1, 'no PUT');
    expect(api.calls('followTag')[0]!.url.pathname).to.match(/\/tags\/vpn\/follow$/);
    await waitUntil(() => follow()!.getAttribute('aria-pressed') === 'true', 'not pressed');
  });
});

describe('<hearth-search>: keys', () => {
  it('arrows move through the results, Enter opens one, Escape closes the compact panel', async () => {
    const el = await renderWidget(mock(), { variant: 'compact' });
    const opened = stayOnPage(el);
    expect($(el, '[part="panel"]')!.hidden).to.equal(true);
    await type(el, 'vpn');
    expect($(el, '[part="panel"]')!.hidden).to.equal(false);
    await shown(el, '#g-tags');
    await sendKeys({ press: 'ArrowDown' });
    const first = hits(el, 'questions')[0]!;
    expect(focused(el)).to.equal(first);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)).to.equal(hits(el, 'questions')[1]);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(el)).to.equal(input(el));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'End' });
    expect(text(focused(el))).to.equal('#vpn-linux');
    await sendKeys({ press: 'Home' });
    expect(focused(el)).to.equal(first);
    await sendKeys({ press: 'Enter' });
    expect(opened.map((e) => e.result)).to.deep.equal([{ kind: 'question', id: 201 }]);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, '[part="panel"]')!.hidden).to.equal(true);
    expect(focused(el)).to.equal(input(el));
  });

  it('the compact panel, wider than a narrow box at the window’s edge, stays inside the window', async () => {
    const api = mock();
    const wrapper = await fixture<HTMLElement>(html`<div style="display: flex; justify-content: flex-end; width: 100%">
      <hearth-search style="width: 150px" api=${api.api} token-url=${api.tokenUrl} variant="compact"></hearth-search>
    </div>`);
    const el = wrapper.querySelector<HearthSearch>('hearth-search')!;
    el.search('vpn');
    await shown(el, '#g-questions');
    const panel = $(el, '[part="panel"]')!.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    expect(panel.width).to.be.greaterThan(300);
    expect(panel.right).to.be.at.most(width - 8 + 0.5);
    expect(panel.left).to.be.at.least(7.5);
  });

  it('the compact box loads its results only when first used', async () => {
    const api = mock();
    const el = await renderWidget(api, { variant: 'compact' });
    await new Promise((r) => setTimeout(r, 200));
    expect(api.calls('searchSuggestions')).to.have.length(0);
    input(el).focus();
    await shown(el, '.suggestions');
    expect(api.calls('searchSuggestions')).to.have.length(1);
  });
});

describe('<hearth-search sync-url>', () => {
  const start = location.href;
  afterEach(() => history.replaceState(null, '', start));

  it('reads the search from the page’s URL on load', async () => {
    history.replaceState(null, '', writeUrl(start, 'vpn', { tag: 'linux' }));
    const api = mock();
    const el = await renderWidget(api, { syncUrl: true });
    await shown(el, '#g-questions');
    expect(input(el).value).to.equal('vpn');
    expect(el.filters).to.deep.equal({ tag: 'linux' });
    expect(api.calls('search').at(-1)!.url.searchParams.get('tag')).to.equal('linux');
  });

  it('replaces the URL while typing, pushes on Enter, and Back brings the previous search back', async () => {
    const el = await renderWidget(mock(), { syncUrl: true });
    // Counted by call, not by history.length: Chromium caps that at 50 in a long test run.
    const pushed: string[] = [];
    const original = history.pushState;
    history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
      pushed.push(String(args[2]));
      return original.apply(this, args);
    };
    try {
      await type(el, 'vpn');
      await waitUntil(() => readUrl(location.href).q === 'vpn', 'URL not replaced while typing');
      expect(pushed).to.deep.equal([]);
      await sendKeys({ press: 'Enter' });
      await sendKeys({ type: ' linux' });
      await sendKeys({ press: 'Enter' });
      expect(readUrl(location.href).q).to.equal('vpn linux');
      expect(pushed.length).to.be.greaterThan(0);
    } finally {
      history.pushState = original;
    }
    history.back();
    await waitUntil(() => el.query === 'vpn', 'Back did not restore the search');
    expect(input(el).value).to.equal('vpn');
  });

  it('without sync-url, leaves the URL alone', async () => {
    const el = await renderWidget(mock());
    el.search('vpn', { tag: 'linux' });
    await shown(el, '#g-questions');
    expect(location.href).to.equal(start);
  });
});
