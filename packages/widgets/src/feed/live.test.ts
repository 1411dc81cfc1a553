/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LiveEvent, Post } from '@hearth/contracts';
import './define.ts';
import type { HearthFeed } from './hearth-feed.ts';
import type { HearthFeedPost } from './hearth-feed-post.ts';
import { MockApi, type MockApiOptions, makePost, samplePeople, samplePosts, sampleReplies, useMockApi } from '../testing/mock-api.ts';

const [mira, jonas, aisha] = samplePeople as [(typeof samplePeople)[0], (typeof samplePeople)[0], (typeof samplePeople)[0]];
const engineering = { slug: 'engineering', name: 'Engineering', visibility: 'open' as const };
const design = { slug: 'design', name: 'Design', visibility: 'open' as const };

interface Attributes {
  community?: string;
  tag?: string;
  author?: string;
  live?: string;
  compose?: boolean;
}

async function liveFeed(options: MockApiOptions = {}, attrs: Attributes = {}) {
  const api = useMockApi(new MockApi({ posts: samplePosts(3), ...options }));
  const el = await fixture<HearthFeed>(html`<hearth-feed
    api=${api.api}
    token-url=${api.tokenUrl}
    community=${attrs.community ?? ''}
    tag=${attrs.tag ?? ''}
    author=${attrs.author ?? ''}
    live=${attrs.live ?? ''}
    ?compose=${attrs.compose ?? false}
  ></hearth-feed>`);
  await settled(el);
  if (attrs.live !== 'off') await waitUntil(() => api.openStreams().length === 1, 'the feed never opened the live stream');
  return { api, el };
}

async function settled(el: HearthFeed): Promise<void> {
  await el.updateComplete;
  await waitUntil(() => !el.shadowRoot!.querySelector('.skeleton'), 'the feed never finished loading');
  await el.updateComplete;
  await Promise.all(posts(el).map((p) => p.updateComplete));
}

const posts = (el: HearthFeed) => Array.from(el.shadowRoot!.querySelectorAll<HearthFeedPost>('.feed > hearth-feed-post'));
const ids = (el: HearthFeed) => posts(el).map((p) => p.post.id);
const region = (el: HearthFeed) => el.shadowRoot!.querySelector<HTMLElement>('.root > [role="status"]')!;
const banner = (el: HearthFeed) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-posts"]');
const bannerText = (el: HearthFeed) => banner(el)?.textContent?.trim() ?? '';
const article = (el: HearthFeed, id: number) => el.shadowRoot!.querySelector<HTMLElement>(`#post-${id}`);

// Chai's failure message for a DOM node can hang the page: the assertions compare text and booleans.

/** A post someone else just wrote, stored in the mock as the server would, and its event sent. */
function publish(api: MockApi, post: Post): void {
  api.posts.push(post);
  api.emit(event('post.created', post));
}

function event(type: LiveEvent['type'], post: Post): LiveEvent {
  return { type, postId: post.id, parentId: post.parentId, community: post.community?.slug ?? null };
}

function fresh(id: number, overrides: Partial<Post> = {}): Post {
  return makePost({ id, author: jonas, body: `News number ${id}`, createdAt: new Date(Date.now() + id).toISOString(), ...overrides });
}

/** Waits until the feed has fetched (and so handled) the post of every event sent so far. */
async function handled(api: MockApi, el: HearthFeed, ...postIds: number[]): Promise<void> {
  await waitUntil(
    () => postIds.every((id) => api.calls('getPost').some((r) => r.url.pathname.endsWith(`/posts/${id}`))) && api.open('getPost').length === 0,
    'the feed never fetched the posts of the events',
  );
  // The answer's body is read (through ky: a stream read and a clone, over a few tasks), then the
  // list and the feed render.
  for (let i = 0; i < 3; i += 1) {
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
  }
}

describe('<hearth-feed> live', () => {
  it('a post someone else writes is offered by a polite "1 new post" button, and the list stays where it is', async () => {
    const { api, el } = await liveFeed();
    const before = ids(el);
    // The polite live region is there before it has anything to say: one that appears
    // together with its text is often not announced.
    await waitUntil(() => region(el) !== null, 'no live region while nothing is new');
    const live = region(el);
    expect(live.textContent?.trim()).to.equal('');
    publish(api, fresh(50));
    await waitUntil(() => bannerText(el) === '1 new post', 'no "1 new post" button');
    expect(ids(el)).to.deep.equal(before);
    expect(region(el) === live, 'the live region was replaced').to.equal(true);
    expect(live.contains(banner(el))).to.equal(true);
    expect(region(el).getAttribute('role')).to.equal('status');
    expect(banner(el)!.tabIndex).to.equal(0);

    publish(api, fresh(51));
    await waitUntil(() => bannerText(el) === '2 new posts', 'the count did not grow');
    expect(ids(el)).to.deep.equal(before);
  });

  it('activating the button inserts the new posts at the top, newest first, and focus moves to the first', async () => {
    const { api, el } = await liveFeed();
    publish(api, fresh(50));
    publish(api, fresh(51));
    await waitUntil(() => bannerText(el) === '2 new posts');
    banner(el)!.focus();
    banner(el)!.click();
    await waitUntil(() => posts(el).length === 5, 'the new posts were not inserted');
    expect(ids(el).slice(0, 2)).to.deep.equal([51, 50]);
    await waitUntil(() => el.shadowRoot!.activeElement === article(el, 51), 'focus did not move to the first new post');
    expect(bannerText(el)).to.equal('');
    expect(region(el).classList.contains('vh')).to.equal(true);
    expect(article(el, 51)!.getAttribute('aria-posinset')).to.equal('1');
  });

  it("posts outside the feed's community, tag or author are never offered", async () => {
    const community = await liveFeed({ posts: samplePosts(2, { community: engineering }) }, { community: 'engineering' });
    publish(community.api, fresh(60, { community: design }));
    publish(community.api, fresh(61, { community: engineering }));
    await waitUntil(() => bannerText(community.el) === '1 new post');
    await handled(community.api, community.el, 61);
    // The event names the community: the other community's post was not even fetched.
    expect(community.api.calls('getPost').map((r) => r.url.pathname)).to.deep.equal(['/api/v1/posts/61']);
    expect(bannerText(community.el)).to.equal('1 new post');

    const tag = await liveFeed({ posts: [makePost({ id: 1, body: 'On #kubernetes' })] }, { tag: '#kubernetes' });
    publish(tag.api, fresh(70, { body: 'Lunch is served' }));
    publish(tag.api, fresh(71, { body: 'Upgrading #kubernetes tonight' }));
    await handled(tag.api, tag.el, 70, 71);
    expect(bannerText(tag.el)).to.equal('1 new post');

    const author = await liveFeed({ posts: [makePost({ id: 1, author: aisha })] }, { author: '@aisha.okafor' });
    publish(author.api, fresh(80));
    publish(author.api, fresh(81, { author: aisha }));
    await handled(author.api, author.el, 80, 81);
    expect(bannerText(author.el)).to.equal('1 new post');
  });

  it('a post the person is not allowed to see (404) is not offered', async () => {
    const { api, el } = await liveFeed();
    // An event for a post the API does not show this person.
    api.emit({ type: 'post.created', postId: 999, parentId: null, community: null });
    publish(api, fresh(52));
    await handled(api, el, 999, 52);
    expect(bannerText(el)).to.equal('1 new post');
  });

  it("the person's own post written here appears at once and only once, without the button", async () => {
    const { api, el } = await liveFeed({}, { compose: true });
    await customElements.whenDefined('hearth-feed-composer');
    await waitUntil(() => el.shadowRoot!.querySelector('textarea'), 'no composer');
    const area = el.shadowRoot!.querySelector('textarea')!;
    area.value = 'Written right here';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    const composer = el.shadowRoot!.querySelector('hearth-feed-composer')!;
    await (composer as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    Array.from(composer.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Post')!.click();
    await waitUntil(() => api.calls('createPost').length === 1 && posts(el).length === 4, 'the post did not appear');
    const id = posts(el)[0]!.post.id;
    // The stream's event for it came too and was handled: still one copy, and no button.
    await handled(api, el, id);
    expect(ids(el).filter((i) => i === id)).to.have.length(1);
    expect(posts(el)).to.have.length(4);
    expect(bannerText(el)).to.equal('');
  });

  it("the person's own post from another tab goes straight to the top", async () => {
    const { api, el } = await liveFeed();
    publish(api, fresh(90, { author: mira }));
    await waitUntil(() => ids(el)[0] === 90, 'the own post did not appear');
    expect(bannerText(el)).to.equal('');
  });

  it('an edit, a new like count and a deletion of a post on show update it in place', async () => {
    const { api, el } = await liveFeed();
    const [first, second] = api.posts.slice().sort((a, b) => b.createdAt.localeCompare(a.createdAt)) as [Post, Post];
    first.body = 'Edited elsewhere';
    first.editedAt = new Date().toISOString();
    api.emit(event('post.updated', first));
    await waitUntil(() => article(el, first.id)!.querySelector('.body')!.textContent === 'Edited elsewhere', 'the edit did not show');
    expect(article(el, first.id)!.querySelector('.edited') !== null, 'not marked as edited').to.equal(true);

    second.likeCount = 41;
    api.emit(event('post.liked', second));
    await waitUntil(() => article(el, second.id)!.querySelector('.likes')?.textContent?.startsWith('41'), 'the like count did not change');

    const before = posts(el).length;
    api.posts = api.posts.filter((p) => p.id !== first.id);
    api.emit(event('post.deleted', first));
    await waitUntil(() => posts(el).length === before - 1, 'the deleted post stayed');
    expect(article(el, first.id) === null, 'the deleted post is still there').to.equal(true);
    expect(bannerText(el)).to.equal('');
  });

  it("deleting one's own post here tells the page once, even when the stream's event comes first", async () => {
    const { el } = await liveFeed({ posts: [makePost({ id: 2, author: mira }), makePost({ id: 1, author: mira })] });
    const deleted: number[] = [];
    el.addEventListener('hearth-post-deleted', (e) => deleted.push(e.postId));
    const view = posts(el)[0]!;
    Array.from(view.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Delete')!.click();
    await view.updateComplete;
    Array.from(view.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Delete post')!.click();
    await waitUntil(() => posts(el).length === 1, 'the post was not removed');
    await waitUntil(() => deleted.length > 0, 'the page never heard of the deletion');
    expect(deleted).to.deep.equal([2]);
  });

  it('when the post being read is deleted elsewhere, focus moves on to the next post', async () => {
    const { api, el } = await liveFeed();
    const [a, b] = ids(el) as [number, number];
    article(el, a)!.focus();
    api.posts = api.posts.filter((p) => p.id !== a);
    api.emit({ type: 'post.deleted', postId: a, parentId: null, community: null });
    await waitUntil(() => article(el, a) === null, 'the post stayed');
    await waitUntil(() => el.shadowRoot!.activeElement === article(el, b), 'focus was lost');
  });

  it('a new post that is deleted before it is shown leaves the button', async () => {
    const { api, el } = await liveFeed();
    const post = fresh(55);
    publish(api, post);
    await waitUntil(() => bannerText(el) === '1 new post');
    api.posts = api.posts.filter((p) => p.id !== 55);
    api.emit(event('post.deleted', post));
    await waitUntil(() => banner(el) === null, 'the button stayed');
  });

  it("someone else's reply raises the count and shows in the open replies; a deleted reply goes", async () => {
    const parent = makePost({ id: 1 });
    const replies = sampleReplies(parent, 2);
    const { api, el } = await liveFeed({ posts: [parent], replies: { 1: replies } });
    const view = posts(el)[0]!;
    const toggle = () => Array.from(view.querySelectorAll('button')).find((b) => /^(\d+ repl|Hide replies)/.test(b.textContent?.trim() ?? ''))!;
    expect(toggle().textContent?.trim()).to.equal('2 replies');
    toggle().click();
    await waitUntil(() => view.querySelectorAll('.replies hearth-feed-post').length === 2, 'the replies did not open');

    const reply = makePost({ id: 5000, parentId: 1, author: aisha, body: 'A reply from elsewhere', createdAt: new Date().toISOString() });
    api.replies.set(1, [...replies, reply]);
    api.posts[0]!.replyCount = 3;
    api.emit(event('post.created', reply));
    await waitUntil(() => view.querySelectorAll('.replies hearth-feed-post').length === 3, 'the reply did not show');
    await waitUntil(() => view.post.replyCount === 3, 'the count did not grow');

    api.replies.set(1, replies);
    api.posts[0]!.replyCount = 2;
    api.emit(event('post.deleted', reply));
    await waitUntil(() => view.querySelectorAll('.replies hearth-feed-post').length === 2, 'the deleted reply stayed');
    await waitUntil(() => view.post.replyCount === 2, 'the count did not drop');
  });

  it('after a gap in the stream, the button offers the first page again and loads it when asked', async () => {
    const { api, el } = await liveFeed();
    const lists = api.calls('listPosts').length;
    // Posts written while the connection was down: their events are lost.
    api.dropStreams();
    api.posts.push(fresh(70), fresh(71));
    await waitUntil(() => bannerText(el) === 'Show new posts', 'no button after the reconnection', { timeout: 8000 });
    expect(api.streams).to.have.length(2);
    expect(api.calls('listPosts')).to.have.length(lists);
    banner(el)!.click();
    await waitUntil(() => ids(el)[0] === 71, 'the first page was not loaded again');
    expect(api.calls('listPosts')).to.have.length(lists + 1);
    await waitUntil(() => el.shadowRoot!.activeElement === article(el, 71), 'focus did not move to the first post');
    expect(bannerText(el)).to.equal('');
  });

  it('new posts waiting for a scope the feed left are forgotten', async () => {
    const { api, el } = await liveFeed({ posts: [...samplePosts(2, { community: engineering }), ...samplePosts(2, { startId: 10, community: design })] }, {});
    publish(api, fresh(60));
    await waitUntil(() => bannerText(el) === '1 new post');
    el.community = 'design';
    await settled(el);
    expect(bannerText(el)).to.equal('');
  });

  it('live="off" opens no stream and changes nothing', async () => {
    const { api, el } = await liveFeed({}, { live: 'off' });
    expect(api.calls('events')).to.have.length(0);
    publish(api, fresh(50));
    await el.updateComplete;
    expect(bannerText(el)).to.equal('');
    // Turned on later, it listens.
    el.live = null;
    await waitUntil(() => api.openStreams().length === 1, 'no stream once turned on');
    publish(api, fresh(51));
    await waitUntil(() => bannerText(el) === '1 new post');
    // And off again, it lets the stream go.
    el.live = 'off';
    await waitUntil(() => api.openStreams().length === 0, 'the stream stayed open');
  });

  it('two feeds on a page share one stream, and both hear a new post', async () => {
    const api = useMockApi(new MockApi({ posts: samplePosts(2) }));
    const wrapper = await fixture(html`<div>
      <hearth-feed api=${api.api} token-url=${api.tokenUrl}></hearth-feed>
      <hearth-feed api=${api.api} token-url=${api.tokenUrl}></hearth-feed>
    </div>`);
    const feeds = Array.from(wrapper.querySelectorAll('hearth-feed'));
    await Promise.all(feeds.map(settled));
    await waitUntil(() => api.openStreams().length === 1);
    publish(api, fresh(50));
    await waitUntil(() => feeds.every((f) => bannerText(f) === '1 new post'), 'not both feeds offered the post');
    expect(api.streams).to.have.length(1);
  });
});
