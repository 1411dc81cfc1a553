/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Post } from '@hearth/contracts';
import './define.ts';
import type { HearthFeed } from './hearth-feed.ts';
import type { HearthFeedPost } from './hearth-feed-post.ts';
import { MockApi, type MockApiOptions, makePost, samplePeople, sampleReplies, useMockApi } from '../testing/mock-api.ts';
import { makeCommunity } from '../testing/mock-communities.ts';
import meta, * as stories from './hearth-feed.stories.ts';

/*
 * Issue #13, points 4 and 5 in the feed: @mentions (suggested in the composer, links only for
 * real people) and permalinks (each post's time, one post on its own with `post`, or the post the
 * page's URL names with `href-template`, and Back).
 */

const [mira, jonas, aisha, , ana, , sam] = samplePeople;
const MIN = 60_000;

interface Attrs {
  post?: string;
  reply?: string;
  hrefTemplate?: string;
  compose?: boolean;
  community?: string;
  lang?: string;
  dir?: string;
  theme?: string;
}

function mock(options: MockApiOptions = {}): MockApi {
  return useMockApi(new MockApi(options));
}

async function renderFeed(api: MockApi, attrs: Attrs = {}): Promise<HearthFeed> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${attrs.lang ?? 'en'} dir=${attrs.dir ?? 'ltr'}>
    <hearth-feed
      api=${api.api}
      token-url=${api.tokenUrl}
      post=${ifDefined(attrs.post)}
      reply=${ifDefined(attrs.reply)}
      href-template=${ifDefined(attrs.hrefTemplate)}
      community=${ifDefined(attrs.community)}
      theme=${ifDefined(attrs.theme)}
      ?compose=${attrs.compose ?? false}
    ></hearth-feed>
  </div>`);
  return wrapper.querySelector('hearth-feed')!;
}

const root = (el: HearthFeed) => el.shadowRoot!;
const list = (el: HearthFeed) => Array.from(root(el).querySelectorAll<HearthFeedPost>('.feed > hearth-feed-post'));
const ids = (el: HearthFeed) => list(el).map((p) => p.post.id);
const seeAll = (el: HearthFeed) => root(el).querySelector<HTMLButtonElement>('[part="see-all"]');

async function posts(el: HearthFeed, count?: number): Promise<HearthFeedPost[]> {
  await waitUntil(() => !root(el).querySelector('.skeleton') && list(el).length > 0 && (count === undefined || list(el).length === count), 'the posts never showed');
  await Promise.all(list(el).map((p) => p.updateComplete));
  return list(el);
}

function thread(): { posts: Post[]; replies: Record<number, Post[]> } {
  const now = Date.now();
  const first = makePost({ id: 1, author: jonas, body: 'Town hall on Thursday', createdAt: new Date(now - 10 * MIN).toISOString() });
  const second = makePost({ id: 2, author: aisha, body: 'Budget review next week', createdAt: new Date(now - 20 * MIN).toISOString() });
  const third = makePost({ id: 3, author: ana, body: 'Research summary is out', createdAt: new Date(now - 30 * MIN).toISOString() });
  return { posts: [first, second, third], replies: { 2: sampleReplies(second, 25, { now, startId: 200 }) } };
}

describe('<hearth-feed> mentions', () => {
  it('renders an @mention of a real person as a link to their posts, named by their name, and any other @word as plain text', async () => {
    const body = 'Ask @jonas.weber or @nobody.here about it';
    const api = mock({ posts: [makePost({ id: 1, body })] });
    const [post] = await posts(await renderFeed(api));
    const text = post!.querySelector('.body')!;
    const mentions = text.querySelectorAll<HTMLAnchorElement>('a.mention');
    expect(mentions.length).to.equal(1);
    const link = mentions[0]!;
    expect(link.textContent).to.equal('@jonas.weber');
    expect(link.getAttribute('part')).to.equal('mention');
    expect(link.title).to.equal('Jonas Weber');
    expect(link.href).to.equal(`${api.origin}/embed/feed?author=jonas.weber`);
    // The unknown one is text: not a link, not styled as a person.
    expect(text.textContent).to.equal(body);
    expect(text.querySelectorAll('.mention, a').length).to.equal(1);
  });

  it('a mention the server did not confirm (not in `mentions`) stays plain text even for a known handle', async () => {
    const api = mock({ posts: [makePost({ id: 1, body: 'Thanks @jonas.weber', mentions: [] })] });
    const [post] = await posts(await renderFeed(api));
    expect(post!.querySelectorAll('.mention').length).to.equal(0);
  });
});

describe('<hearth-feed> permalinks', () => {
  const start = window.location.href;
  afterEach(() => history.replaceState(null, '', start));

  it("links each post's and reply's time to Hearth's own page without a template", async () => {
    const data = thread();
    const api = mock(data);
    const el = await renderFeed(api);
    const [, second] = await posts(el, 3);
    const time = second!.querySelector<HTMLAnchorElement>('a.permalink')!;
    expect(time.href).to.equal(`${api.origin}/embed/post/2`);
    expect(time.querySelectorAll('time').length).to.equal(1);
    second!.querySelector<HTMLButtonElement>('.actions button[aria-controls$="-replies"]')!.click();
    await waitUntil(() => second!.querySelector('.replies hearth-feed-post a.permalink'));
    expect(second!.querySelector<HTMLAnchorElement>('.replies hearth-feed-post a.permalink')!.href).to.equal(`${api.origin}/embed/post/2?reply=200`);
  });

  it('with href-template the time links fill it in: {id}, {kind} and {parentId}', async () => {
    const data = thread();
    const el = await renderFeed(mock(data), { hrefTemplate: '/social?{kind}={id}&in={parentId}' });
    const [, second] = await posts(el, 3);
    expect(second!.querySelector<HTMLAnchorElement>('a.permalink')!.getAttribute('href')).to.equal('/social?post=2&in=');
    second!.querySelector<HTMLButtonElement>('.actions button[aria-controls$="-replies"]')!.click();
    await waitUntil(() => second!.querySelector('.replies hearth-feed-post a.permalink'));
    expect(second!.querySelector('.replies hearth-feed-post a.permalink')!.getAttribute('href')).to.equal('/social?reply=200&in=2');
  });

  describe('post="…": one post on its own', () => {
    it('shows that post (GET /posts/:id) with its replies open, and no list', async () => {
      const data = thread();
      const api = mock(data);
      const el = await renderFeed(api, { post: '2' });
      const [post] = await posts(el, 1);
      expect(post!.post.id).to.equal(2);
      expect(api.calls('getPost').map((r) => r.url.pathname)).to.deep.equal(['/api/v1/posts/2']);
      expect(api.calls('listPosts')).to.have.length(0);
      await waitUntil(() => post!.querySelectorAll('.replies > hearth-feed-post').length === 20, 'the replies did not open');
      expect(post!.querySelector('.replies')!.hasAttribute('hidden')).to.equal(false);
      expect(seeAll(el)!.textContent!.trim()).to.contain('See all posts');
    });

    it('highlights the reply named by `reply`, paging to it, and scrolls it into view', async () => {
      const data = thread();
      const el = await renderFeed(mock(data), { post: '2', reply: '223' });
      const [post] = await posts(el, 1);
      await waitUntil(() => post!.querySelector('[data-id="223"] article'), 'the reply on the second page never showed');
      const reply = post!.querySelector<HearthFeedPost>('[data-id="223"]')!;
      await reply.updateComplete;
      const article = reply.querySelector('article')!;
      expect(article.classList.contains('highlighted')).to.equal(true);
      expect(article.getAttribute('aria-current')).to.equal('true');
      expect(post!.querySelectorAll('article.highlighted').length).to.equal(1);
      await waitUntil(() => {
        const box = article.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }, 'the reply was not scrolled into view');
    });

    it("a post that does not exist (or cannot be seen) says so with the runtime's not-found state", async () => {
      const el = await renderFeed(mock(thread()), { post: '999' });
      await waitUntil(() => root(el).querySelector('.state'), 'no state shown');
      expect(root(el).querySelector('.state')!.textContent).to.contain('This post does not exist, or you cannot see it.');
      await expect(el).to.be.accessible();
    });

    it('"See all posts" shows the list', async () => {
      const api = mock(thread());
      const el = await renderFeed(api, { post: '1' });
      await posts(el, 1);
      seeAll(el)!.click();
      await posts(el, 3);
      expect(ids(el)).to.deep.equal([1, 2, 3]);
      expect(seeAll(el) === null).to.equal(true, 'See all posts is still shown');
      expect(root(el).activeElement === root(el).querySelector('.root')).to.equal(true, 'focus is not on the feed');
    });

    it('says it in French, German and Spanish, right to left too', async () => {
      const expected = {
        fr: ['Voir toutes les publications', 'Cette publication n’existe pas'],
        de: ['Alle Beiträge anzeigen', 'Diesen Beitrag gibt es nicht'],
        es: ['Ver todas las publicaciones', 'Esta publicación no existe'],
      };
      for (const [lang, [all, missing]] of Object.entries(expected)) {
        const el = await renderFeed(mock(thread()), { post: '999', lang, dir: 'rtl' });
        await waitUntil(() => root(el).querySelector('.state')?.textContent?.includes(missing!), `${lang}: not-found not translated`);
        expect(seeAll(el)!.textContent).to.contain(all);
        expect(getComputedStyle(seeAll(el)!).direction).to.equal('rtl');
      }
    });

    it('is accessible, light and dark, with the highlighted reply', async () => {
      for (const theme of ['light', 'dark']) {
        const el = await renderFeed(mock(thread()), { post: '2', reply: '201', theme });
        const [post] = await posts(el, 1);
        await waitUntil(() => post!.querySelector('article.highlighted'));
        document.body.style.background = theme === 'dark' ? '#000' : '';
        try {
          await expect(el).to.be.accessible();
        } finally {
          document.body.style.background = '';
        }
      }
    });
  });

  describe('href-template and the page URL', () => {
    const template = '?post={id}';

    it('opens the post the URL names the way the template writes it', async () => {
      history.replaceState(null, '', '?post=3');
      const api = mock(thread());
      const el = await renderFeed(api, { hrefTemplate: template });
      const [post] = await posts(el, 1);
      expect(post!.post.id).to.equal(3);
      expect(api.calls('listPosts')).to.have.length(0);
    });

    it('without the parameter it shows the list', async () => {
      const api = mock(thread());
      const el = await renderFeed(api, { hrefTemplate: template });
      await posts(el, 3);
      expect(api.calls('getPost')).to.have.length(0);
    });

    it('a click on a time opens the post in place as a new history entry; Back returns to the list', async () => {
      const api = mock(thread());
      const el = await renderFeed(api, { hrefTemplate: template });
      const [, second] = await posts(el, 3);
      const length = history.length;
      second!.querySelector<HTMLAnchorElement>('a.permalink')!.click();
      await posts(el, 1);
      expect(list(el)[0]!.post.id).to.equal(2);
      expect(new URL(window.location.href).searchParams.get('post')).to.equal('2');
      expect(history.length).to.equal(length + 1);
      history.back();
      await waitUntil(() => !seeAll(el) && list(el).length === 3, 'Back did not return to the list');
      expect(new URL(window.location.href).searchParams.get('post')).to.equal(null);
    });

    it('"See all posts" leaves the post by a new history entry, and Back opens it again', async () => {
      history.replaceState(null, '', '?post=1&tab=social');
      const el = await renderFeed(mock(thread()), { hrefTemplate: template });
      await posts(el, 1);
      seeAll(el)!.click();
      await posts(el, 3);
      const url = new URL(window.location.href);
      expect(url.searchParams.get('post')).to.equal(null);
      expect(url.searchParams.get('tab')).to.equal('social');
      history.back();
      await waitUntil(() => seeAll(el) && list(el).length === 1, 'Back did not open the post again');
      expect(list(el)[0]!.post.id).to.equal(1);
    });
  });
});

describe('<hearth-feed> @ suggestions in the composer', () => {
  afterEach(() => localStorage.clear());

  async function composer(api: MockApi, attrs: Attrs = {}) {
    const el = await renderFeed(api, { compose: true, ...attrs });
    await waitUntil(() => root(el).querySelector('textarea'), 'no composer');
    const area = root(el).querySelector('textarea')!;
    area.focus();
    return { el, area };
  }
  const listbox = (el: HearthFeed) => root(el).querySelector<HTMLElement>('[role="listbox"]');
  const options = (el: HearthFeed) => Array.from(root(el).querySelectorAll<HTMLElement>('[role="option"]'));
  async function open(el: HearthFeed): Promise<HTMLElement> {
    await waitUntil(() => listbox(el), 'the suggestions never opened');
    return listbox(el)!;
  }

  it('typing @ and letters suggests people by handle or name, with their title or department, as an ARIA list autocomplete', async () => {
    const api = mock({ posts: [] });
    const { el, area } = await composer(api);
    await sendKeys({ type: 'Thanks @a' });
    const box = await open(el);
    expect(options(el).map((o) => o.querySelector('.name')!.textContent)).to.deep.equal(['Aisha Okafor', 'Ana María García López']);
    expect(options(el)[0]!.textContent).to.contain('@aisha.okafor').and.contain('Chief Operating Officer');
    expect(box.getAttribute('aria-label')).to.equal('People suggestions');
    expect(area.getAttribute('aria-controls')).to.equal(box.id);
    expect(area.getAttribute('aria-activedescendant')).to.equal(options(el)[0]!.id);
    expect(root(el).querySelector('.field [role="status"]')!.textContent).to.contain('2 people suggested');
    expect(api.calls('searchPeople').map((r) => r.url.searchParams.get('q'))).to.deep.equal(['a']);
  });

  it('shows the department when a person has no title', async () => {
    const api = mock({ posts: [], people: [{ ...ana!, title: null }] });
    const { el } = await composer(api);
    await sendKeys({ type: '@an' });
    await open(el);
    expect(options(el)[0]!.textContent).to.contain('Design');
  });

  it('ArrowDown and Enter insert "@handle " at the caret; Escape closes; a mail address suggests nothing', async () => {
    const api = mock({ posts: [] });
    const { el, area } = await composer(api);
    await sendKeys({ type: 'mail@sam ' });
    await el.updateComplete;
    expect(listbox(el) === null).to.equal(true, 'the list is open');
    await sendKeys({ type: 'and @a' });
    await open(el);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(area.getAttribute('aria-activedescendant')).to.equal(options(el)[1]!.id);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(area.value).to.equal('mail@sam and @ana.garcia ');
    expect(area.selectionStart).to.equal(area.value.length);
    expect(listbox(el) === null).to.equal(true, 'the list is open');
    await sendKeys({ type: 'cc @s' });
    await open(el);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(listbox(el) === null).to.equal(true, 'the list is open');
    // Nothing was posted by Enter.
    expect(api.calls('createPost')).to.have.length(0);
  });

  it('a click or Tab chooses too, and the draft keeps the inserted mention', async () => {
    const api = mock({ posts: [] });
    const { el, area } = await composer(api);
    await sendKeys({ type: 'Hi @sa' });
    await open(el);
    options(el)[0]!.click();
    await el.updateComplete;
    expect(area.value).to.equal(`Hi @${sam!.handle} `);
    await sendKeys({ type: '@mi' });
    await open(el);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(area.value).to.equal(`Hi @${sam!.handle} @${mira!.handle} `);
    expect(Object.values(localStorage).some((v) => v.includes(`@${mira!.handle} `))).to.equal(true);
  });

  it('in a restricted community it suggests its members only (GET /communities/:slug/members), never everyone', async () => {
    const community = { slug: 'leadership', name: 'Leadership', visibility: 'restricted' as const };
    const api = mock({
      posts: [makePost({ id: 1, community, body: 'Offsite agenda' })],
      data: { communities: [makeCommunity({ ...community, membership: 'member', someMembers: [aisha!], managers: [jonas!] })] },
    });
    const { el } = await composer(api, { community: 'leadership' });
    await sendKeys({ type: '@j' });
    await open(el);
    expect(api.calls('searchPeople')).to.have.length(0);
    const asked = api.calls('listMembers');
    expect(asked.map((r) => r.url.pathname)).to.deep.equal(['/api/v1/communities/leadership/members']);
    expect(asked[0]!.url.searchParams.get('q')).to.equal('j');
    expect(options(el).map((o) => o.querySelector('.name')!.textContent)).to.include('Jonas Weber');
  });

  it('an empty restricted community feed asks the community once whether it is restricted', async () => {
    const community = { slug: 'leadership', name: 'Leadership', visibility: 'restricted' as const };
    const api = mock({ posts: [], data: { communities: [makeCommunity({ ...community, membership: 'member', managers: [jonas!] })] } });
    const { el } = await composer(api, { community: 'leadership' });
    await sendKeys({ type: '@j' });
    await open(el);
    expect(api.calls('getCommunity').length).to.be.at.least(1);
    expect(api.calls('listMembers')).to.have.length(1);
    expect(api.calls('searchPeople')).to.have.length(0);
  });

  it('the reply box of a post in an open community suggests from everyone', async () => {
    const api = mock({ posts: [makePost({ id: 1, body: 'Hello', community: { slug: 'eng', name: 'Eng', visibility: 'open' } })] });
    const el = await renderFeed(api);
    const [post] = await posts(el, 1);
    Array.from(post!.querySelectorAll('button')).find((b) => b.textContent!.trim() === 'Reply')!.click();
    await waitUntil(() => post!.querySelector('textarea'));
    post!.querySelector('textarea')!.focus();
    await sendKeys({ type: '@to' });
    await open(el);
    expect(api.calls('searchPeople')).to.have.length(1);
    expect(api.calls('listMembers')).to.have.length(0);
  });

  it('is said in French, German and Spanish', async () => {
    const words = { fr: ['Suggestions de personnes', 'personnes suggérées'], de: ['Personenvorschläge', 'Personen vorgeschlagen'], es: ['Sugerencias de personas', 'personas sugeridas'] };
    for (const [lang, [label, found]] of Object.entries(words)) {
      const { el } = await composer(mock({ posts: [] }), { lang });
      await sendKeys({ type: '@a' });
      const box = await open(el);
      await waitUntil(() => box.getAttribute('aria-label') === label, `${lang}: label not translated`);
      expect(root(el).querySelector('.field [role="status"]')!.textContent).to.contain(found);
      localStorage.clear();
    }
  });

  it('the open list is accessible, light and dark', async () => {
    for (const theme of ['light', 'dark']) {
      const { el } = await composer(mock({ posts: [] }), { theme });
      await sendKeys({ type: '@a' });
      await open(el);
      document.body.style.background = theme === 'dark' ? '#000' : '';
      try {
        await expect(el).to.be.accessible();
      } finally {
        document.body.style.background = '';
        localStorage.clear();
      }
    }
  });
});

describe('<hearth-feed> permalink and mention stories', () => {
  type AnyStory = { args?: Record<string, unknown>; parameters?: Record<string, unknown>; play?: unknown };
  type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;
  const render = meta.render as unknown as (args: unknown, context: unknown) => ReturnType<typeof html>;
  afterEach(() => localStorage.clear());

  async function renderStory(story: AnyStory): Promise<HearthFeed> {
    const args = { ...meta.args, ...story.args };
    const parameters = { ...meta.parameters, ...story.parameters };
    const canvas = await fixture<HTMLElement>(html`<div>${render(args, { args, parameters })}</div>`);
    await (story.play as Play | undefined)?.({ canvasElement: canvas });
    return canvas.querySelector('hearth-feed')!;
  }

  it('MentionSuggestions opens the people list', async () => {
    const el = await renderStory(stories.MentionSuggestions);
    await waitUntil(() => root(el).querySelector('[role="listbox"] [role="option"]'), 'no people suggested');
  });

  it('Mentions links the real people only', async () => {
    const el = await renderStory(stories.Mentions);
    const [post] = await posts(el, 1);
    expect(Array.from(post!.querySelectorAll('a.mention'), (a) => a.textContent)).to.deep.equal(['@mira.lindqvist', '@aisha.okafor']);
  });

  it('PostPermalink shows one post with the reply highlighted; PostNotFound says it is not there', async () => {
    const el = await renderStory(stories.PostPermalink);
    const [post] = await posts(el, 1);
    await waitUntil(() => post!.querySelector('article.highlighted'), 'no reply highlighted');
    const missing = await renderStory(stories.PostNotFound);
    await waitUntil(() => root(missing).querySelector('.state')?.textContent?.includes('does not exist'));
  });

  it('HrefTemplate links each time to the page with ?post=', async () => {
    const el = await renderStory(stories.HrefTemplate);
    const [first] = await posts(el);
    expect(first!.querySelector('a.permalink')!.getAttribute('href')).to.equal(`?post=${first!.post.id}`);
  });
});
