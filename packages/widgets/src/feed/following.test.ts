/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import './define.ts';
import type { HearthFeed } from './hearth-feed.ts';
import type { HearthFeedPost } from './hearth-feed-post.ts';
import { $selectedTag } from '../runtime/stores.ts';
import { MockApi, type MockApiOptions, makePost, samplePosts, useMockApi } from '../testing/mock-api.ts';
import { withFollowingFeed } from '../testing/mock-tags.ts';
import { makeCommunity } from '../testing/mock-communities.ts';
import { type MockSearchData, sampleSearchPosts } from '../testing/mock-search.ts';
import meta, * as stories from './hearth-feed.stories.ts';

/*
 * The feed's Following scope, the tag filter's Follow toggle and `sync-url`, and where a new post
 * goes: the composer's "Post to" choice and the note for a post that is not in the list on show.
 */

type Attrs = { scope?: string; compose?: boolean; community?: string; tag?: string; syncUrl?: boolean };

/** Posts in communities and tags (#it, #vpn, Engineering, IT Help); Mira is in Engineering and IT Help. */
function api(options: MockApiOptions & { following?: string[]; followedCommunities?: string[] } = {}): MockApi {
  const { following = [], followedCommunities = [], ...rest } = options;
  return withFollowingFeed(
    useMockApi(
      new MockApi({
        posts: sampleSearchPosts(),
        data: {
          tags: { following },
          search: { followedCommunities } satisfies MockSearchData,
          communities: [
            makeCommunity({ slug: 'engineering', name: 'Engineering', membership: 'member' }),
            makeCommunity({ slug: 'it-help', name: 'IT Help', membership: 'manager' }),
            makeCommunity({ slug: 'design', name: 'Design' }),
          ],
        },
        ...rest,
      }),
    ),
  );
}

async function feed(mock: MockApi, attrs: Attrs = {}): Promise<HearthFeed> {
  const el = await fixture<HearthFeed>(html`<hearth-feed
    api=${mock.api}
    token-url=${mock.tokenUrl}
    scope=${ifDefined(attrs.scope)}
    community=${ifDefined(attrs.community)}
    tag=${ifDefined(attrs.tag)}
    ?compose=${attrs.compose ?? false}
    ?sync-url=${attrs.syncUrl ?? false}
  ></hearth-feed>`);
  return settled(el);
}

async function settled(el: HearthFeed): Promise<HearthFeed> {
  await waitUntil(() => !el.shadowRoot!.querySelector('.skeleton'), 'the feed never finished loading');
  await el.updateComplete;
  if (el.compose) {
    await customElements.whenDefined('hearth-feed-composer');
    await waitUntil(() => el.shadowRoot!.querySelector('textarea'));
  }
  return el;
}

const ids = (el: HearthFeed) =>
  Array.from(el.shadowRoot!.querySelectorAll<HearthFeedPost>('.feed > hearth-feed-post')).map((p) => p.post.id);
const tabs = (el: HearthFeed) => Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="scope"]'));
const tab = (el: HearthFeed, name: string) => tabs(el).find((b) => b.textContent!.trim() === name)!;
const pressed = (b: Element | null | undefined) => b?.getAttribute('aria-pressed');
const followToggle = (root: ParentNode) => root.querySelector<HTMLButtonElement>('[part="follow"]');
const placeSelect = (el: HearthFeed) => el.shadowRoot!.querySelector<HTMLSelectElement>('[part="place"] select');

async function write(el: HearthFeed, text: string): Promise<void> {
  const area = el.shadowRoot!.querySelector('textarea')!;
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot!.querySelector('.composer .primary[aria-disabled="false"]'));
  el.shadowRoot!.querySelector<HTMLButtonElement>('.composer .primary')!.click();
}

afterEach(() => {
  $selectedTag.set(null);
  localStorage.clear();
});

describe('<hearth-feed> Following', () => {
  it('a feed of the whole intranet has All and Following tabs; Following asks following=all and shows what is followed', async () => {
    const mock = api({ following: ['it'], followedCommunities: ['engineering'] });
    const el = await feed(mock);
    await waitUntil(() => tabs(el).length === 2, 'no tabs');
    expect(tabs(el).map((b) => b.textContent!.trim())).to.deep.equal(['All', 'Following']);
    expect(el.shadowRoot!.querySelector('[part="scopes"]')!.getAttribute('role')).to.equal('group');
    expect(pressed(tab(el, 'All'))).to.equal('true');
    expect(ids(el)).to.deep.equal([301, 302, 303, 304, 305]);

    tab(el, 'Following').click();
    await waitUntil(() => ids(el).join() === '301,302,305', 'Following did not show the followed posts');
    expect(mock.calls('listPosts').at(-1)!.url.searchParams.get('following')).to.equal('all');
    expect(pressed(tab(el, 'Following'))).to.equal('true');
    expect(pressed(tab(el, 'All'))).to.equal('false');

    tab(el, 'All').click();
    await waitUntil(() => ids(el).length === 5);
    expect(mock.calls('listPosts').at(-1)!.url.searchParams.has('following')).to.equal(false);
  });

  it('scope="following" shows the Following tab first', async () => {
    const mock = api({ following: ['travel'] });
    const el = await feed(mock, { scope: 'following' });
    await waitUntil(() => ids(el).join() === '303');
    expect(mock.calls('listPosts')[0]!.url.searchParams.get('following')).to.equal('all');
    expect(pressed(tab(el, 'Following'))).to.equal('true');
  });

  it('an empty Following list says what to follow and how', async () => {
    const el = await feed(api({ posts: samplePosts(3) }), { scope: 'following' });
    await waitUntil(() => el.shadowRoot!.querySelector('.state'));
    expect(el.shadowRoot!.querySelector('.state')!.textContent).to.contain('Follow a tag (choose it in the tag cloud or a #tag in a post, then Follow)');
    await expect(el).to.be.accessible();
  });

  it("a community's feed has no tabs and ignores scope", async () => {
    const mock = api();
    const el = await feed(mock, { community: 'engineering', scope: 'following' });
    await el.updateComplete;
    expect(tabs(el)).to.have.length(0);
    expect(mock.calls('listPosts')[0]!.url.searchParams.has('following')).to.equal(false);
  });

  it('the tag filter has a Follow toggle: pressed once followed, and the tag is in Following', async () => {
    const mock = api();
    const el = await feed(mock);
    $selectedTag.set('travel');
    await waitUntil(() => followToggle(el.shadowRoot!), 'no Follow toggle in the filter');
    const toggle = followToggle(el.shadowRoot!)!;
    await waitUntil(() => toggle.getAttribute('aria-disabled') === 'false');
    expect(toggle.getAttribute('aria-label')).to.equal('Follow #travel');
    expect(pressed(toggle)).to.equal('false');
    toggle.click();
    await waitUntil(() => mock.calls('followTag').length === 1);
    expect(mock.calls('followTag')[0]!.url.pathname).to.match(/\/tags\/travel\/follow$/);
    await waitUntil(() => pressed(followToggle(el.shadowRoot!)) === 'true');

    $selectedTag.set(null);
    tab(el, 'Following').click();
    await waitUntil(() => ids(el).join() === '303', 'the followed tag is not in Following');
  });

  it('on the Following tab, following the filtered tag loads the list again with its posts', async () => {
    const mock = api();
    const el = await feed(mock, { scope: 'following' });
    $selectedTag.set('vpn');
    await waitUntil(() => mock.calls('listPosts').at(-1)!.url.searchParams.get('tag') === 'vpn' && mock.calls('listPosts').at(-1)!.state === 'answered');
    await waitUntil(() => el.shadowRoot!.querySelector('.state')?.textContent?.includes('Nothing from what you follow yet'), 'not empty');
    await waitUntil(() => followToggle(el.shadowRoot!)?.getAttribute('aria-disabled') === 'false');
    const asked = mock.calls('listPosts').length;
    followToggle(el.shadowRoot!)!.click();
    await waitUntil(() => ids(el).join() === '301,302,303,305', 'the Following list was not loaded again');
    expect(mock.calls('listPosts').length).to.equal(asked + 1);
    expect(mock.calls('listPosts').at(-1)!.url.searchParams.get('following')).to.equal('all');
  });

  it('a Follow the server refuses is rolled back with the reason', async () => {
    const el = await feed(api({ fail: { followTag: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting.' } } }));
    $selectedTag.set('vpn');
    await waitUntil(() => followToggle(el.shadowRoot!)?.getAttribute('aria-disabled') === 'false');
    followToggle(el.shadowRoot!)!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.follow .message'), 'no message');
    expect(el.shadowRoot!.querySelector('.follow .message')!.textContent).to.contain('#vpn could not be followed');
    expect(pressed(followToggle(el.shadowRoot!))).to.equal('false');
  });
});

describe('<hearth-feed> Following when what is followed cannot be loaded, or the feed goes', () => {
  it('the Follow toggle waits, disabled with the reason and a Retry, instead of taking one click for everything followed', async () => {
    const mock = api({ following: ['vpn'], fail: { following: { status: 500, times: 1 } } });
    const el = await feed(mock);
    $selectedTag.set('vpn');
    await waitUntil(() => el.shadowRoot!.querySelector('.follow .retry'), 'no Retry beside the toggle');
    const toggle = followToggle(el.shadowRoot!)!;
    expect(toggle.getAttribute('aria-disabled')).to.equal('true');
    expect(toggle.title).to.contain('Something went wrong on the server (500)');
    expect(el.shadowRoot!.querySelector('.follow .unknown')!.textContent).to.contain('(500)');
    toggle.click();
    await el.updateComplete;
    expect(mock.calls('followTag')).to.have.length(0);
    expect(pressed(followToggle(el.shadowRoot!))).to.equal('false');

    el.shadowRoot!.querySelector<HTMLButtonElement>('.follow .retry')!.click();
    await waitUntil(() => followToggle(el.shadowRoot!)?.getAttribute('aria-disabled') === 'false', 'Retry did not load what is followed');
    expect(pressed(followToggle(el.shadowRoot!))).to.equal('true');
    expect(el.shadowRoot!.querySelector('.follow .retry')).to.equal(null);
    // Asked twice: the failed answer, then Retry's.
    expect(mock.calls('following')).to.have.length(2);
  });

  it("the feed's Retry asks again for what is followed", async () => {
    const mock = api({ following: ['vpn'], fail: { following: { status: 500, times: 1 } } });
    const el = await feed(mock);
    $selectedTag.set('vpn');
    await waitUntil(() => el.shadowRoot!.querySelector('.follow .retry'), 'no Retry beside the toggle');
    await el.reload();
    await waitUntil(() => followToggle(el.shadowRoot!)?.getAttribute('aria-disabled') === 'false', "the feed's Retry did not load what is followed");
    expect(pressed(followToggle(el.shadowRoot!))).to.equal('true');
  });

  it('a Following feed taken off the page does not load again when something is followed', async () => {
    const mock = api();
    const gone = await feed(mock, { scope: 'following' });
    await waitUntil(() => tabs(gone).length === 2, 'no tabs');
    gone.remove();
    const el = await feed(mock);
    $selectedTag.set('vpn');
    await waitUntil(() => followToggle(el.shadowRoot!)?.getAttribute('aria-disabled') === 'false');
    const asked = mock.calls('listPosts').filter((c) => c.url.searchParams.get('following')).length;
    followToggle(el.shadowRoot!)!.click();
    await waitUntil(() => pressed(followToggle(el.shadowRoot!)) === 'true' && mock.calls('followTag').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mock.calls('listPosts').filter((c) => c.url.searchParams.get('following')).length).to.equal(asked);
  });
});

describe('<hearth-feed> where a new post goes', () => {
  it('on a feed of the whole intranet the composer asks where to post: company-wide or one of my communities', async () => {
    const mock = api();
    const el = await feed(mock, { compose: true });
    await waitUntil(() => placeSelect(el)?.options.length === 3, 'no choice of community');
    const select = placeSelect(el)!;
    expect(Array.from(select.options, (o) => o.textContent!.trim())).to.deep.equal(['Company-wide', 'Engineering', 'IT Help']);
    expect(select.labels[0]!.textContent!.trim()).to.equal('Post to');
    expect(select.value).to.equal('');

    select.value = 'engineering';
    select.dispatchEvent(new Event('change'));
    await write(el, 'Build cache is live for every repository');
    await waitUntil(() => mock.calls('createPost').length === 1);
    expect(mock.calls('createPost')[0]!.body).to.deep.equal({ body: 'Build cache is live for every repository', community: 'engineering' });
    // It belongs in the list of the whole intranet: on top, and no note.
    await waitUntil(() => ids(el)[0]! > 305);
    expect(el.shadowRoot!.querySelector('.placed')).to.equal(null);
  });

  it('company-wide sends no community', async () => {
    const mock = api();
    const el = await feed(mock, { compose: true });
    await waitUntil(() => placeSelect(el)?.options.length === 3);
    await write(el, 'Town hall moved to Friday');
    await waitUntil(() => mock.calls('createPost').length === 1);
    expect(mock.calls('createPost')[0]!.body).to.deep.equal({ body: 'Town hall moved to Friday' });
  });

  it('remembers the last choice, per API', async () => {
    const mock = api();
    const first = await feed(mock, { compose: true });
    await waitUntil(() => placeSelect(first)?.options.length === 3);
    placeSelect(first)!.value = 'it-help';
    placeSelect(first)!.dispatchEvent(new Event('change'));
    first.remove();

    const again = await feed(mock, { compose: true });
    await waitUntil(() => placeSelect(again)?.value === 'it-help', 'the choice was not remembered');

    // Another API (another Hearth) starts company-wide.
    const other = await feed(api(), { compose: true });
    await waitUntil(() => placeSelect(other)?.options.length === 3);
    expect(placeSelect(other)!.value).to.equal('');
  });

  it("a community's feed posts there, with no choice", async () => {
    const mock = api();
    const el = await feed(mock, { compose: true, community: 'engineering' });
    expect(placeSelect(el)).to.equal(null);
    await write(el, 'Deploy freeze on Friday');
    await waitUntil(() => mock.calls('createPost').length === 1);
    expect(mock.calls('createPost')[0]!.body).to.deep.equal({ body: 'Deploy freeze on Friday', community: 'engineering' });
  });

  it('when my communities cannot be loaded, the composer says so and posts company-wide', async () => {
    const el = await feed(api({ fail: { listCommunities: { status: 500, times: 1 } } }), { compose: true });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="place"] .message'));
    expect(el.shadowRoot!.querySelector('[part="place"] .message')!.textContent).to.contain('you can post company-wide only');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="place"] .message button')!.click();
    await waitUntil(() => placeSelect(el)?.options.length === 3, 'Retry did not load the communities');
  });

  it('a post without the tag the feed is filtered by is not shown under it: the composer says where it went', async () => {
    const mock = api();
    const el = await feed(mock, { compose: true });
    $selectedTag.set('vpn');
    await waitUntil(() => ids(el).join() === '301,302,303,305');
    await write(el, 'Lunch menu for next week is up');
    await waitUntil(() => el.shadowRoot!.querySelector('.placed'), 'no note');
    const note = el.shadowRoot!.querySelector('.placed')!;
    expect(note.closest('[role="status"]')).to.not.equal(null);
    expect(note.textContent).to.contain('Posted. It is not tagged #vpn, so it is not in this list.');
    const link = note.querySelector('a')!;
    expect(link.textContent).to.equal('See your post');
    const created = mock.posts.at(-1)!;
    expect(link.getAttribute('href')).to.contain(`/embed/post/${created.id}`);
    expect(ids(el)).to.deep.equal([301, 302, 303, 305]);

    // A post with the tag goes on top, and the note goes.
    await write(el, 'VPN profile update is out #vpn');
    await waitUntil(() => ids(el).length === 5);
    expect(el.shadowRoot!.querySelector('.placed')).to.equal(null);
  });

  it('the note goes when the list on show changes', async () => {
    const el = await feed(api(), { compose: true });
    $selectedTag.set('vpn');
    await waitUntil(() => ids(el).join() === '301,302,303,305');
    await write(el, 'Lunch menu for next week is up');
    await waitUntil(() => el.shadowRoot!.querySelector('.placed'), 'no note');
    $selectedTag.set(null);
    await waitUntil(() => !el.shadowRoot!.querySelector('.placed'), 'the note stayed under another list');
  });

  it('on the Following tab a post about nothing followed is not put in the list', async () => {
    const el = await feed(api({ following: ['travel'] }), { compose: true, scope: 'following' });
    await waitUntil(() => ids(el).join() === '303');
    await write(el, 'Quarterly numbers are in');
    await waitUntil(() => el.shadowRoot!.querySelector('.placed'));
    expect(el.shadowRoot!.querySelector('.placed')!.textContent).to.contain('not in your Following list');
    expect(ids(el)).to.deep.equal([303]);
    await write(el, 'Packing list for the offsite #travel');
    await waitUntil(() => ids(el).length === 2);
  });
});

describe('<hearth-feed sync-url>', () => {
  const start = location.href;
  afterEach(() => history.replaceState(null, '', start));

  it("reads the tag filter from the page's URL, pushes a new one, and Back restores the last", async () => {
    history.replaceState(null, '', `${location.pathname}?keep=1&hearth-tag=vpn#top`);
    const mock = api();
    const el = await feed(mock, { syncUrl: true });
    await waitUntil(() => ids(el).join() === '301,302,303,305', 'the URL tag did not filter');
    expect(mock.calls('listPosts').at(-1)!.url.searchParams.get('tag')).to.equal('vpn');

    $selectedTag.set('it');
    await waitUntil(() => ids(el).join() === '301,305');
    const url = new URL(location.href);
    expect(url.searchParams.get('hearth-tag')).to.equal('it');
    expect(url.searchParams.get('keep')).to.equal('1');
    expect(url.hash).to.equal('#top');

    history.back();
    await waitUntil(() => $selectedTag.get() === 'vpn', 'Back did not restore #vpn');
    await waitUntil(() => ids(el).join() === '301,302,303,305');

    $selectedTag.set(null);
    await waitUntil(() => !new URL(location.href).searchParams.has('hearth-tag'));
  });

  it('without sync-url the URL is left alone', async () => {
    history.replaceState(null, '', `${location.pathname}?hearth-tag=vpn`);
    const el = await feed(api());
    expect(ids(el)).to.have.length(5);
    $selectedTag.set('it');
    await waitUntil(() => ids(el).length === 2);
    expect(new URL(location.href).searchParams.get('hearth-tag')).to.equal('vpn');
  });
});

describe('the Following and Post to stories', () => {
  type AnyStory = { args?: Record<string, unknown>; parameters?: Record<string, unknown>; play?: unknown };
  type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;
  const render = meta.render as unknown as (args: unknown, context: unknown) => ReturnType<typeof html>;
  async function renderStory(story: AnyStory): Promise<HearthFeed> {
    const args = { ...meta.args, ...story.args };
    const parameters = { ...meta.parameters, ...story.parameters };
    const canvas = await fixture<HTMLElement>(html`<div>${render(args, { args, parameters })}</div>`);
    await (story.play as Play | undefined)?.({ canvasElement: canvas });
    return canvas.querySelector('hearth-feed')!;
  }

  it('FollowingTab shows the followed posts under the Following tab', async () => {
    const el = await settled(await renderStory(stories.FollowingTab));
    await waitUntil(() => ids(el).join() === '301,302,305');
    expect(pressed(tab(el, 'Following'))).to.equal('true');
  });

  it('FollowingEmpty says what to follow', async () => {
    const el = await settled(await renderStory(stories.FollowingEmpty));
    await waitUntil(() => el.shadowRoot!.querySelector('.state')?.textContent?.includes('Nothing from what you follow yet'));
  });

  it('PostTo has Engineering chosen', async () => {
    const el = await settled(await renderStory(stories.PostTo));
    expect(placeSelect(el)!.value).to.equal('engineering');
  });

  it('PostedElsewhere shows the note with a link to the post', async () => {
    const el = await renderStory(stories.PostedElsewhere);
    expect(el.shadowRoot!.querySelector('.placed')!.textContent).to.contain('It is not tagged #vpn');
    expect(followToggle(el.shadowRoot!)).to.not.equal(null);
  });

  it('a post fetched live is matched against Following too', async () => {
    const mock = api({ following: ['travel'] });
    const el = await feed(mock, { scope: 'following' });
    await waitUntil(() => ids(el).join() === '303');
    await waitUntil(() => mock.openStreams().length === 1, 'the feed never opened the live stream');
    // Someone else posts: about #travel (in the list) and about nothing followed (not in it).
    mock.posts.push(makePost({ id: 900, body: 'Visa tips #travel', createdAt: new Date().toISOString() }));
    mock.emit({ type: 'post.created', postId: 900, parentId: null, community: null });
    mock.posts.push(makePost({ id: 901, body: 'Cake in the kitchen', createdAt: new Date().toISOString() }));
    mock.emit({ type: 'post.created', postId: 901, parentId: null, community: null });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="new-posts"]'), 'no new posts button');
    expect(el.shadowRoot!.querySelector('[part="new-posts"]')!.textContent).to.contain('1 new post');
  });
});
