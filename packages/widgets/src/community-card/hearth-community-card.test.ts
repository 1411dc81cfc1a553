/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Community } from '@hearth/contracts';
import './define.ts';
import type { HearthCommunityCard } from './hearth-community-card.ts';
import type { HearthMembershipChangeEvent } from './events.ts';
import meta, * as stories from './hearth-community-card.stories.ts';
import { MockApi, type MockApiOptions, makePost, samplePeople, samplePosts, useMockApi } from '../testing/mock-api.ts';
import { makeActivity, makeCommunity, mockCommunities } from '../testing/mock-communities.ts';
import { mockReports } from '../testing/mock-reports.ts';
import '../testing/mock-reports.ts';
// GET /me/following and the community follow endpoints.
import '../testing/mock-search.ts';

const [mira, jonas] = samplePeople as [(typeof samplePeople)[0], (typeof samplePeople)[0]];
const DAY = 86_400_000;
const HOUR = 3_600_000;

interface CardAttributes {
  community?: string;
  show?: string;
  compact?: boolean;
  theme?: string;
}

/** A mock API holding `communities` (Mira is signed in) and, by default, three posts in the first. */
function mock(communities: Community[] = [makeCommunity()], options: MockApiOptions = {}): MockApi {
  const first = communities[0];
  const posts = first ? samplePosts(3, { community: { slug: first.slug, name: first.name, visibility: first.visibility } }) : [];
  return useMockApi(new MockApi({ posts, ...options, data: { communities } }));
}

async function renderCard(api: MockApi, attrs: CardAttributes = {}): Promise<HearthCommunityCard> {
  return fixture<HearthCommunityCard>(html`<hearth-community-card
    api=${api.api}
    token-url=${api.tokenUrl}
    community=${attrs.community ?? 'engineering'}
    show=${attrs.show ?? 'members activity recent'}
    theme=${attrs.theme ?? 'auto'}
    ?compact=${attrs.compact ?? false}
  ></hearth-community-card>`);
}

/** Waits until the card and its latest posts have loaded (or failed). */
async function settled(el: HearthCommunityCard): Promise<HearthCommunityCard> {
  await waitUntil(() => !root(el).querySelector('.skeleton, .block'), 'the card never finished loading');
  await el.updateComplete;
  return el;
}

async function loadedCard(communities?: Community[], options?: MockApiOptions, attrs?: CardAttributes) {
  const api = mock(communities, options);
  const el = await settled(await renderCard(api, attrs));
  return { api, el };
}

const root = (el: HearthCommunityCard) => el.shadowRoot!;
const text = (el: HearthCommunityCard) => (root(el).textContent ?? '').replace(/\s+/g, ' ');
const $ = <T extends Element = HTMLElement>(el: HearthCommunityCard, selector: string) => root(el).querySelector<T>(selector);
/** Whether `selector` matches: a boolean, since chai formatting a DOM node in a failure message can hang. */
const has = (el: HearthCommunityCard, selector: string) => root(el).querySelector(selector) !== null;
const said = (el: HearthCommunityCard) => $(el, '.vh[role="status"]')!.textContent!.trim();

/** The card's own buttons (the latest posts' Report buttons have tests of their own). */
function buttons(el: HearthCommunityCard): string[] {
  // The membership's buttons: Follow (a toggle of its own) is tested in 'following'.
  return Array.from(root(el).querySelectorAll('button:not(.report):not([part="follow"])')).map((b) => b.textContent!.trim());
}

function button(el: HearthCommunityCard, name: string): HTMLButtonElement {
  const found = Array.from(root(el).querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button named ${name}; buttons: ${buttons(el).join(', ')}`);
  return found;
}

/** Clicks as a person does: focus first (Chromium focuses a clicked button), then the click. */
function press(el: HearthCommunityCard, name: string): void {
  const b = button(el, name);
  b.focus();
  b.click();
}

const focused = (el: HearthCommunityCard) => root(el).activeElement?.textContent?.trim();

function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

describe('<hearth-community-card>', () => {
  describe('showing a community', () => {
    it('shows the name, purpose, Open badge, member count, member initials and managers', async () => {
      const { el } = await loadedCard([makeCommunity({ managers: [jonas, mira] })]);
      expect($(el, 'h2')!.textContent).to.equal('Engineering');
      expect($(el, '.purpose')!.textContent).to.equal(makeCommunity().purpose);
      expect($(el, '.badge')!.textContent!.trim()).to.equal('Open');
      expect($(el, '.members .count')!.textContent).to.equal('128 members');
      expect(text(el)).to.contain('Managed by Jonas Weber and Mira Lindqvist');
      const faces = Array.from(root(el).querySelectorAll('.face')).map((f) => f.textContent);
      // Managers first, five at most, initials only (no images).
      expect(faces).to.deep.equal(['JW', 'ML', 'AO', 'TN', 'AL']);
      expect(has(el, 'img')).to.equal(false);
    });

    it('is a region named by the community', async () => {
      const { el } = await loadedCard();
      const region = $(el, 'section')!;
      const labelledBy = region.getAttribute('aria-labelledby')!;
      expect(root(el).getElementById(labelledBy)!.textContent).to.equal('Engineering');
    });

    it('shows another community when the community attribute changes', async () => {
      const design = makeCommunity({ slug: 'design', name: 'Design' });
      const designPost = makePost({ id: 99, body: 'Design critique on Friday', community: { slug: 'design', name: 'Design', visibility: 'open' } });
      const { el } = await loadedCard([makeCommunity(), design], { posts: [...samplePosts(3, { community: { slug: 'engineering', name: 'Engineering', visibility: 'open' } }), designPost] });
      el.setAttribute('community', 'design');
      await waitUntil(() => $(el, 'h2')?.textContent === 'Design', 'the card never moved');
      await settled(el);
      expect(Array.from(root(el).querySelectorAll('.excerpt')).map((e) => e.textContent)).to.deep.equal(['Design critique on Friday']);
    });

    it('says a restricted community is restricted', async () => {
      const { el } = await loadedCard([makeCommunity({ visibility: 'restricted', membership: 'member' })]);
      expect($(el, '.badge')!.textContent!.trim()).to.equal('Restricted');
    });

    it('draws the activity sparkline as an SVG image whose text alternative gives posts and active members', async () => {
      const daily = Array.from({ length: 30 }, (_, i) => (i % 5) + 1);
      const posts30d = daily.reduce((a, b) => a + b, 0);
      const { el } = await loadedCard([makeCommunity({ activity: makeActivity({ daily, posts30d, activeMembers30d: 1 }) })]);
      const svg = $(el, 'svg')!;
      const label = `${posts30d} posts in the last 30 days, 1 active member`;
      expect(svg.getAttribute('role')).to.equal('img');
      expect(svg.getAttribute('aria-label')).to.equal(label);
      expect(svg.querySelector('title')!.textContent).to.equal(label);
      // One point per day, the busiest day at the top: the line through the 29 days that are
      // over, today (not over yet) as a stub of its own.
      const d = svg.querySelector('.line')!.getAttribute('d')!;
      expect(d.match(/[ML]/g)!.length).to.equal(29);
      expect(svg.querySelector('.today')!.getAttribute('d')).to.contain('L100.0,3.0');
      expect($(el, '.activity time')!.textContent).to.equal('Last post 2 hours ago');
    });

    it('shows the latest three posts with author, relative time and a one-line excerpt', async () => {
      const posts = [
        makePost({ id: 1, author: mira, body: 'First line\nsecond line', createdAt: ago(2 * HOUR), community: { slug: 'engineering', name: 'Engineering', visibility: 'open' } }),
        makePost({ id: 2, author: jonas, body: 'Older', createdAt: ago(3 * DAY), community: { slug: 'engineering', name: 'Engineering', visibility: 'open' } }),
      ];
      const { el, api } = await loadedCard(undefined, { posts });
      const [request] = api.calls('listPosts');
      expect(request!.url.searchParams.get('community')).to.equal('engineering');
      expect(request!.url.searchParams.get('limit')).to.equal('3');
      const items = Array.from(root(el).querySelectorAll('.posts li'));
      expect(items.length).to.equal(2);
      expect(items[0]!.querySelector('.author')!.textContent).to.equal('Mira Lindqvist');
      expect(items[0]!.querySelector('time')!.textContent).to.equal('2 hours ago');
      expect(items[0]!.querySelector('time')!.getAttribute('datetime')).to.equal(posts[0]!.createdAt);
      expect(items[0]!.querySelector('.excerpt')!.textContent).to.equal('First line second line');
      expect(items[1]!.querySelector('time')!.textContent).to.equal('3 days ago');
    });

    it('leaves out of the latest posts one a moderator hid (no blank excerpt)', async () => {
      const where = { slug: 'engineering', name: 'Engineering', visibility: 'open' } as const;
      const posts = [
        makePost({ id: 1, author: mira, body: '', createdAt: ago(HOUR), community: where, hidden: { at: ago(HOUR), reason: null } }),
        makePost({ id: 2, author: jonas, body: 'Still here', createdAt: ago(2 * HOUR), community: where }),
      ];
      const { el } = await loadedCard(undefined, { posts });
      const excerpts = Array.from(root(el).querySelectorAll('.posts .excerpt')).map((e) => e.textContent);
      expect(excerpts).to.deep.equal(['Still here']);
    });

    it('offers Report on others’ latest posts (never on your own) and sends the report', async () => {
      const where = { slug: 'engineering', name: 'Engineering', visibility: 'open' } as const;
      const posts = [
        makePost({ id: 1, author: jonas, body: 'Buy cheap watches', createdAt: ago(HOUR), community: where }),
        makePost({ id: 2, author: mira, body: 'My own news', createdAt: ago(2 * HOUR), community: where }),
      ];
      const { el, api } = await loadedCard(undefined, { posts, me: mira });
      const named = 'button[aria-label="Report Jonas Weber’s post"]';
      await waitUntil(() => has(el, named), 'no Report button');
      const report = $<HTMLButtonElement>(el, named)!;
      const items = Array.from(root(el).querySelectorAll('.posts li'));
      expect(items[1]!.querySelector('button.report')).to.equal(null);
      report.click();
      await waitUntil(() => root(el).querySelector('hearth-report-dialog dialog'), 'the dialog did not open');
      const dialog = root(el).querySelector<HTMLDialogElement>('hearth-report-dialog dialog')!;
      // The reasons in order: spam first.
      await waitUntil(() => dialog.querySelector('input[type="radio"]'), 'no reasons');
      dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')[0]!.click();
      Array.from(dialog.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Send report')!.click();
      await waitUntil(() => mockReports(api).length === 1, 'the report was not sent');
      expect(mockReports(api)).to.deep.equal([{ kind: 'post', id: 1, reason: 'spam', reporter: mira.id }]);
    });

    it('renders what people typed as text, never as HTML', async () => {
      const evil = '<img src=x onerror="window.pwned=1"><b>bold</b>';
      const community = makeCommunity({ name: evil, purpose: evil });
      const posts = [makePost({ id: 1, body: evil, community: { slug: 'engineering', name: evil, visibility: 'open' } })];
      const { el } = await loadedCard([community], { posts });
      expect($(el, 'h2')!.textContent).to.equal(evil);
      expect($(el, '.excerpt')!.textContent).to.equal(evil);
      expect(has(el, 'img, b')).to.equal(false);
    });

    it('follows the lang around it for numbers and dates', async () => {
      const api = mock([makeCommunity({ memberCount: 1234 })]);
      const wrapper = await fixture<HTMLElement>(html`<div lang="de">
        <hearth-community-card api=${api.api} token-url=${api.tokenUrl} community="engineering"></hearth-community-card>
      </div>`);
      const el = await settled(wrapper.querySelector('hearth-community-card')!);
      expect($(el, '.members .count')!.textContent).to.equal('1.234 Mitglieder');
      expect($(el, '.posts time')!.textContent).to.match(/^vor /);
    });
  });

  describe('show and compact', () => {
    it('shows members, activity and latest posts by default', async () => {
      const api = mock();
      const el = await settled(
        await fixture<HearthCommunityCard>(
          html`<hearth-community-card api=${api.api} token-url=${api.tokenUrl} community="engineering"></hearth-community-card>`,
        ),
      );
      expect(has(el, '.members')).to.equal(true);
      expect(has(el, '.activity')).to.equal(true);
      expect(root(el).querySelectorAll('.posts li').length).to.equal(3);
    });

    it('show="activity" leaves out the members and the posts, and does not fetch posts', async () => {
      const { el, api } = await loadedCard(undefined, {}, { show: 'activity' });
      expect(has(el, '.members')).to.equal(false);
      expect(has(el, '.posts')).to.equal(false);
      expect(has(el, 'svg')).to.equal(true);
      expect(api.calls('listPosts').length).to.equal(0);
    });

    it('show="members recent" leaves out the sparkline', async () => {
      const { el } = await loadedCard(undefined, {}, { show: 'members recent' });
      expect(has(el, 'svg')).to.equal(false);
      expect(has(el, '.members')).to.equal(true);
      expect(root(el).querySelectorAll('.posts li').length).to.equal(3);
    });

    it('fetches the posts when recent is added later', async () => {
      const { el, api } = await loadedCard(undefined, {}, { show: 'members' });
      el.show = 'members recent';
      await waitUntil(() => root(el).querySelectorAll('.posts li').length === 3, 'posts never appeared');
      expect(api.calls('listPosts').length).to.equal(1);
    });

    it('compact is one row: name, member count and the button; nothing else is fetched', async () => {
      const { el, api } = await loadedCard(undefined, {}, { compact: true });
      expect($(el, 'h2')!.textContent).to.equal('Engineering');
      expect($(el, '.sub')!.textContent).to.equal('128 members');
      expect(buttons(el)).to.deep.equal(['Join']);
      expect(has(el, '.purpose')).to.equal(false);
      expect(has(el, 'svg')).to.equal(false);
      expect(api.calls('listPosts').length).to.equal(0);
      const card = $(el, '.card')!;
      expect(getComputedStyle(card).flexDirection).to.equal('row');
    });

    it('compact names a restricted community and your role in it', async () => {
      const { el } = await loadedCard([makeCommunity({ visibility: 'restricted', membership: 'manager', managers: [mira, jonas] })], {}, { compact: true });
      expect($(el, '.sub')!.textContent).to.equal('Restricted · 128 members · Manager');
      expect(buttons(el)).to.deep.equal(['Leave']);
      // One row even in a 17em sidebar: the button sits beside the name, not under it.
      el.style.width = '17em';
      const act = $(el, '.act')!.getBoundingClientRect();
      const title = $(el, '.title')!.getBoundingClientRect();
      expect(act.left).to.be.at.least(title.right);
      expect(act.top).to.be.below(title.bottom);
    });

    it('compact says when a community is archived', async () => {
      const { el } = await loadedCard([makeCommunity({ state: 'archived', membership: 'member' })], {}, { compact: true });
      expect($(el, '.sub')!.textContent).to.equal('128 members · Member · Archived');
      expect(buttons(el)).to.deep.equal([]);
    });
  });

  describe('states', () => {
    for (const [width, compact] of [[320, false], [800, false], [272, true]] as const) {
      it(`while loading, shows a skeleton about as high as the loaded card (${width}px${compact ? ', compact' : ''})`, async () => {
        const loading = await renderCard(mock(undefined, { pending: ['getCommunity'] }), { compact });
        const skeleton = $(loading, '.skeleton')!;
        expect(skeleton.getAttribute('aria-busy')).to.equal('true');
        expect(skeleton.textContent).to.contain('Loading the community');
        const { el } = await loadedCard(undefined, {}, { compact });
        for (const card of [loading, el]) card.style.width = `${width}px`;
        const ratio = skeleton.getBoundingClientRect().height / $(el, '.card')!.getBoundingClientRect().height;
        expect(ratio).to.be.within(0.85, 1.15);
      });
    }

    it('invites a member to start when there are no posts yet', async () => {
      const { el } = await loadedCard([makeCommunity({ membership: 'member' })], { posts: [] });
      expect($(el, '.empty')!.textContent!.trim()).to.equal('No posts yet. Be the first to start a conversation.');
    });

    it('invites a non-member to join and start when there are no posts yet', async () => {
      const { el } = await loadedCard([makeCommunity()], { posts: [] });
      expect($(el, '.empty')!.textContent!.trim()).to.equal('No posts yet. Join and start the conversation.');
    });

    it('when the server fails, shows its reason and Retry, and Retry loads the card', async () => {
      const api = mock(undefined, { fail: { getCommunity: { status: 500, detail: 'The database is restarting.', times: 1 } } });
      const el = await settled(await renderCard(api));
      const state = $(el, '.state')!;
      expect(state.getAttribute('role')).to.equal('alert');
      expect(state.textContent).to.contain('The community could not be loaded.');
      expect(state.textContent).to.contain('The database is restarting.');
      button(el, 'Retry').click();
      await waitUntil(() => $(el, 'h2'), 'Retry did not load the card');
      await settled(el);
      expect($(el, 'h2')!.textContent).to.equal('Engineering');
    });

    it('when the latest posts fail, says so with a Retry of its own', async () => {
      const { el } = await loadedCard(undefined, { fail: { listPosts: { status: 500, times: 1 } } });
      expect($(el, 'h2')!.textContent).to.equal('Engineering');
      expect($(el, '.posts .message')!.textContent).to.contain('The latest posts could not be loaded.');
      button(el, 'Retry').click();
      await waitUntil(() => root(el).querySelectorAll('.posts li').length === 3, 'posts did not load on retry');
    });

    it('a community that does not exist gets the same message as a hidden one', async () => {
      const { el, api } = await loadedCard(undefined, {}, { community: 'no-such-group' });
      expect($(el, '.state')!.textContent!.trim()).to.equal('This community does not exist, or you cannot see it.');
      expect(api.calls('listPosts').length).to.equal(0);
    });

    it('a restricted community that does not list itself is "not found" for a non-member', async () => {
      const { el } = await loadedCard([makeCommunity({ visibility: 'restricted', listed: false })]);
      expect(text(el)).to.contain('This community does not exist, or you cannot see it.');
      expect(text(el)).to.not.contain('Engineering');
    });

    it('without a community attribute, says not found without asking the server for a list', async () => {
      const { el, api } = await loadedCard(undefined, {}, { community: '' });
      expect(text(el)).to.contain('This community does not exist');
      expect(api.calls('listCommunities').length).to.equal(0);
    });

    it('signed out, says how to sign in and offers to try again', async () => {
      const { el } = await loadedCard(undefined, { me: null });
      await waitUntil(() => text(el).includes('You are signed out'));
      expect(buttons(el)).to.deep.equal(['Try again']);
    });

    it('an inactive community says it has been quiet and since when', async () => {
      const activity = makeActivity({ posts30d: 0, activeMembers30d: 0, daily: Array(30).fill(0), inactive: true, lastActivityAt: ago(130 * DAY) });
      const { el } = await loadedCard([makeCommunity({ activity })], { posts: [] });
      expect($(el, '.notice')!.textContent!.trim()).to.equal('Quiet for a while: the last post was 4 months ago.');
      expect($(el, 'svg')!.getAttribute('aria-label')).to.equal('0 posts in the last 30 days, 0 active members');
      expect(buttons(el)).to.deep.equal(['Join']);
    });

    it('an archived community is read-only: a notice, its posts, and no membership buttons', async () => {
      const { el } = await loadedCard([makeCommunity({ state: 'archived', membership: 'member' })]);
      expect($(el, '.notice')!.textContent!.trim()).to.equal('Archived: this community is read-only. Its posts are kept.');
      expect(has(el, '.membership')).to.equal(false);
      expect(root(el).querySelectorAll('.posts li').length).to.equal(3);
    });

    it("a listed restricted community shows a non-member only its name, purpose, badge and a way in", async () => {
      const community = makeCommunity({ visibility: 'restricted', listed: true, joinPolicy: 'request' });
      const { el, api } = await loadedCard([community]);
      expect($(el, 'h2')!.textContent).to.equal('Engineering');
      expect($(el, '.purpose')!.textContent).to.equal(community.purpose);
      expect($(el, '.badge')!.textContent!.trim()).to.equal('Restricted');
      expect(buttons(el)).to.deep.equal(['Request to join']);
      expect(has(el, '.members, .activity, .posts, .notice')).to.equal(false);
      expect(api.calls('listPosts').length).to.equal(0);
    });

    it('a listed invitation-only community shows a non-member "By invitation" and no button', async () => {
      const { el } = await loadedCard([makeCommunity({ visibility: 'restricted', listed: true, joinPolicy: 'invite' })]);
      expect($(el, '.membership')!.textContent!.trim()).to.equal('By invitation');
      expect(buttons(el)).to.deep.equal([]);
    });
  });

  describe('following', () => {
    const follow = (el: HearthCommunityCard) => $<HTMLButtonElement>(el, '[part="follow"]');

    it('an open community has a Follow toggle, for non-members too: it follows and unfollows the community', async () => {
      const { el, api } = await loadedCard();
      await waitUntil(() => follow(el)?.getAttribute('aria-disabled') === 'false', 'no Follow toggle');
      expect(follow(el)!.getAttribute('aria-label')).to.equal('Follow Engineering');
      expect(follow(el)!.getAttribute('aria-pressed')).to.equal('false');
      follow(el)!.click();
      await waitUntil(() => api.calls('followCommunity').length === 1);
      expect(api.calls('followCommunity')[0]!.url.pathname).to.match(/\/communities\/engineering\/follow$/);
      await waitUntil(() => follow(el)!.getAttribute('aria-pressed') === 'true');
      follow(el)!.click();
      await waitUntil(() => api.calls('unfollowCommunity').length === 1);
      await waitUntil(() => follow(el)!.getAttribute('aria-pressed') === 'false');
    });

    it('a community already followed shows pressed', async () => {
      const api = mock([makeCommunity({ membership: 'member' })]);
      api.data['search'] = { followedCommunities: ['engineering'] };
      const el = await settled(await renderCard(api));
      await waitUntil(() => follow(el)?.getAttribute('aria-pressed') === 'true', 'the followed community is not pressed');
    });

    it('a restricted community has it for members only, and compact has none', async () => {
      const restricted = makeCommunity({ visibility: 'restricted', joinPolicy: 'request', listed: true, membership: 'none', limited: true });
      const { el } = await loadedCard([restricted]);
      await el.updateComplete;
      expect(has(el, '[part="follow"]')).to.equal(false);
      const member = await settled(await renderCard(mock([makeCommunity({ visibility: 'restricted', membership: 'member' })])));
      await waitUntil(() => has(member, '[part="follow"]'), 'a member has no Follow');
      const compact = await settled(await renderCard(mock(), { compact: true }));
      await compact.updateComplete;
      expect(has(compact, '[part="follow"]')).to.equal(false);
    });

    it('a Follow the server refuses is rolled back with the reason', async () => {
      const { el } = await loadedCard(undefined, { fail: { followCommunity: { status: 409, title: 'Conflict', detail: 'Engineering is archived.' } } });
      await waitUntil(() => follow(el)?.getAttribute('aria-disabled') === 'false');
      follow(el)!.click();
      await waitUntil(() => $(el, '.follow .message'), 'no message');
      expect($(el, '.follow .message')!.textContent).to.contain('Engineering could not be followed: Engineering is archived.');
      expect(follow(el)!.getAttribute('aria-pressed')).to.equal('false');
    });
  });

  describe('membership', () => {
    it('Join shows the membership at once, before the server answers', async () => {
      const { el } = await loadedCard(undefined, { pending: ['joinCommunity'] });
      press(el, 'Join');
      await el.updateComplete;
      expect($(el, '.status')!.textContent).to.equal('Member');
      expect($(el, '.members .count')!.textContent).to.equal('129 members');
      expect(button(el, 'Leave').getAttribute('aria-disabled')).to.equal('true');
    });

    it('joining an open community makes you a member, announces it, fires an event and keeps focus on the button', async () => {
      const { el, api } = await loadedCard();
      const event = oneEvent(el, 'hearth-membership-change') as Promise<HearthMembershipChangeEvent>;
      press(el, 'Join');
      const { community, membership, memberCount } = await event;
      expect([community, membership, memberCount]).to.deep.equal(['engineering', 'member', 129]);
      await waitUntil(() => said(el) === 'You joined Engineering.');
      expect(api.calls('joinCommunity').length).to.equal(1);
      expect(mockCommunities(api)[0]!.membership).to.equal('member');
      expect(buttons(el)).to.deep.equal(['Leave']);
      expect(focused(el)).to.equal('Leave');
    });

    it('a second click while a change is on its way sends nothing more', async () => {
      const { el, api } = await loadedCard(undefined, { pending: ['joinCommunity'] });
      press(el, 'Join');
      await el.updateComplete;
      button(el, 'Leave').click();
      await el.updateComplete;
      // The mock records a write once it has read its body, which a busy machine can delay.
      await waitUntil(() => api.calls('joinCommunity').length > 0, 'the join was never sent');
      expect(api.calls('joinCommunity').length).to.equal(1);
      expect(has(el, '.confirm')).to.equal(false);
    });

    it('Request to join becomes a focusable "Request pending" with a way to withdraw', async () => {
      const { el, api } = await loadedCard([makeCommunity({ joinPolicy: 'request' })]);
      press(el, 'Request to join');
      await waitUntil(() => said(el) === 'Your request to join Engineering was sent.');
      const pending = button(el, 'Request pending');
      expect(pending.getAttribute('aria-disabled')).to.equal('true');
      expect(pending.disabled).to.equal(false);
      expect(focused(el)).to.equal('Request pending');
      expect(buttons(el)).to.deep.equal(['Request pending', 'Withdraw request']);
      expect($(el, '.members .count')!.textContent).to.equal('128 members');
      expect(mockCommunities(api)[0]!.membership).to.equal('pending');
      pending.click();
      await el.updateComplete;
      expect(api.calls('joinCommunity').length + api.calls('leaveCommunity').length).to.equal(1);
    });

    it('withdrawing a request asks the server and offers Request to join again', async () => {
      const { el, api } = await loadedCard([makeCommunity({ joinPolicy: 'request', membership: 'pending' })]);
      press(el, 'Withdraw request');
      await waitUntil(() => said(el) === 'Your request to join Engineering was withdrawn.');
      expect(api.calls('leaveCommunity').length).to.equal(1);
      expect(buttons(el)).to.deep.equal(['Request to join']);
      expect(focused(el)).to.equal('Request to join');
    });

    it('accepting an invitation to a restricted community makes you a member and shows the rest of it', async () => {
      const invited = makeCommunity({ visibility: 'restricted', listed: true, joinPolicy: 'invite', membership: 'invited' });
      const { el, api } = await loadedCard([invited]);
      expect(buttons(el)).to.deep.equal(['Accept invitation', 'Decline']);
      expect(has(el, '.members')).to.equal(false);
      press(el, 'Accept invitation');
      await waitUntil(() => root(el).querySelectorAll('.posts li').length === 3, 'the full card never appeared');
      expect(said(el)).to.equal('You joined Engineering.');
      expect($(el, '.members .count')!.textContent).to.equal('129 members');
      expect(buttons(el)).to.deep.equal(['Leave']);
      expect(focused(el)).to.equal('Leave');
      expect(api.calls('joinCommunity').length).to.equal(1);
    });

    it('declining an invitation leaves "By invitation"', async () => {
      const { el, api } = await loadedCard([makeCommunity({ joinPolicy: 'invite', membership: 'invited' })]);
      press(el, 'Decline');
      await waitUntil(() => said(el) === 'You declined the invitation to Engineering.');
      expect(api.calls('leaveCommunity').length).to.equal(1);
      expect($(el, '.membership .status')!.textContent!.trim()).to.equal('By invitation');
      expect(buttons(el)).to.deep.equal([]);
    });

    it('Leave asks first; Cancel keeps you in and returns focus to Leave', async () => {
      const { el, api } = await loadedCard([makeCommunity({ membership: 'member' })]);
      press(el, 'Leave');
      await el.updateComplete;
      const group = $(el, '.confirm')!;
      expect(group.getAttribute('role')).to.equal('group');
      expect(root(el).getElementById(group.getAttribute('aria-labelledby')!)!.textContent).to.equal('Leave Engineering?');
      await waitUntil(() => focused(el) === 'Cancel', 'focus did not move to Cancel');
      button(el, 'Cancel').click();
      await waitUntil(() => focused(el) === 'Leave', 'focus did not return to Leave');
      expect(has(el, '.confirm')).to.equal(false);
      expect(api.calls('leaveCommunity').length).to.equal(0);
    });

    it('Escape cancels the leave question', async () => {
      const { el } = await loadedCard([makeCommunity({ membership: 'member' })]);
      press(el, 'Leave');
      await waitUntil(() => focused(el) === 'Cancel');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => focused(el) === 'Leave', 'Escape did not cancel');
    });

    it('confirming Leave makes you a non-member, announces it and puts focus on Join', async () => {
      const { el, api } = await loadedCard([makeCommunity({ membership: 'member', memberCount: 129 })]);
      press(el, 'Leave');
      await waitUntil(() => focused(el) === 'Cancel');
      press(el, 'Leave');
      await waitUntil(() => said(el) === 'You left Engineering.');
      expect(api.calls('leaveCommunity').length).to.equal(1);
      expect($(el, '.members .count')!.textContent).to.equal('128 members');
      expect(buttons(el)).to.deep.equal(['Join']);
      expect(focused(el)).to.equal('Join');
    });

    it('leaving a restricted community hides what only members may see', async () => {
      const { el } = await loadedCard([makeCommunity({ visibility: 'restricted', listed: true, joinPolicy: 'request', membership: 'member' })]);
      expect(has(el, '.posts')).to.equal(true);
      press(el, 'Leave');
      await waitUntil(() => $(el, '.confirm .danger'));
      press(el, 'Leave');
      await waitUntil(() => said(el) === 'You left Engineering.');
      expect(has(el, '.members, .activity, .posts')).to.equal(false);
      expect(buttons(el)).to.deep.equal(['Request to join']);
    });

    it('after leaving a restricted community, what is left to see is the server’s answer, fetched in place', async () => {
      const { el, api } = await loadedCard([makeCommunity({ visibility: 'restricted', listed: true, joinPolicy: 'request', membership: 'member' })]);
      // Changed on the server since the card loaded: only its answer can bring this purpose.
      const purpose = 'Ask Jonas to join: we share on-call rotas here.';
      mockCommunities(api)[0]!.purpose = purpose;
      api.pending = ['getCommunity'];
      press(el, 'Leave');
      await waitUntil(() => $(el, '.confirm .danger'));
      press(el, 'Leave');
      await waitUntil(() => api.open('getCommunity').length === 1, 'the community was not fetched again');
      await el.updateComplete;
      // Quiet: the card stays (no skeleton) and focus is on the membership button already.
      expect(has(el, '.skeleton')).to.equal(false);
      expect($(el, 'h2')!.textContent).to.equal('Engineering');
      await waitUntil(() => focused(el) === 'Request to join', 'focus left the membership button');
      api.open('getCommunity')[0]!.release!();
      await waitUntil(() => $(el, '.purpose')?.textContent === purpose, 'the server’s answer was not shown');
      expect(has(el, '.members, .activity, .posts')).to.equal(false);
      expect(buttons(el)).to.deep.equal(['Request to join']);
      expect(said(el)).to.equal('You left Engineering.');
      expect(focused(el)).to.equal('Request to join');
      expect(api.calls('getCommunity').length).to.equal(2);
    });

    it('a manager is labelled Manager and may leave while another manager remains', async () => {
      const { el } = await loadedCard([makeCommunity({ membership: 'manager', canManage: true, managers: [mira, jonas] })]);
      expect($(el, '.status')!.textContent).to.equal('Manager');
      press(el, 'Leave');
      await waitUntil(() => $(el, '.confirm .danger'));
      press(el, 'Leave');
      await waitUntil(() => said(el) === 'You left Engineering.');
      expect(buttons(el)).to.deep.equal(['Join']);
    });

    it("the last manager's leave waits for the server, then shows its 409 reason and stays a manager", async () => {
      const { el, api } = await loadedCard([makeCommunity({ membership: 'manager', canManage: true, managers: [mira], memberCount: 40 })]);
      press(el, 'Leave');
      await waitUntil(() => $(el, '.confirm .danger'));
      press(el, 'Leave');
      await el.updateComplete;
      // Not optimistic: still a manager while the server decides.
      expect($(el, '.status')!.textContent).to.equal('Manager');
      await waitUntil(() => $(el, '.message'), 'no error shown');
      expect($(el, '.message')!.getAttribute('role')).to.equal('alert');
      expect($(el, '.message')!.textContent).to.equal(
        'You are the last manager of Engineering: appoint another manager before you leave',
      );
      expect($(el, '.members .count')!.textContent).to.equal('40 members');
      expect(mockCommunities(api)[0]!.membership).to.equal('manager');
      expect(focused(el)).to.equal('Leave');
    });

    it('a failed join puts everything back and shows the server’s reason', async () => {
      const { el } = await loadedCard(undefined, {
        fail: { joinCommunity: { status: 409, title: 'Conflict', detail: 'engineering is archived and read-only' } },
      });
      press(el, 'Join');
      await waitUntil(() => $(el, '.message'), 'no error shown');
      expect($(el, '.message')!.textContent).to.equal('Engineering is archived and read-only');
      expect(buttons(el)).to.deep.equal(['Join']);
      expect($(el, '.members .count')!.textContent).to.equal('128 members');
      expect(said(el)).to.equal('');
      expect(focused(el)).to.equal('Join');
    });

    it('a failed leave puts the membership back', async () => {
      const { el } = await loadedCard([makeCommunity({ membership: 'member', memberCount: 129 })], {
        fail: { leaveCommunity: { network: true } },
      });
      press(el, 'Leave');
      await waitUntil(() => $(el, '.confirm .danger'));
      press(el, 'Leave');
      await waitUntil(() => $(el, '.message'), 'no error shown');
      expect($(el, '.message')!.textContent).to.contain('Hearth cannot be reached');
      expect($(el, '.status')!.textContent).to.equal('Member');
      expect($(el, '.members .count')!.textContent).to.equal('129 members');
    });

    it('an answer that arrives after the card moved to another community changes nothing there', async () => {
      const design = makeCommunity({ slug: 'design', name: 'Design', memberCount: 30 });
      const { el, api } = await loadedCard([makeCommunity(), design]);
      // Holds the join's answer until the card shows another community.
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const answer = api.fetch;
      Object.assign(api, {
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          if (init?.method?.toUpperCase() === 'PUT') await gate;
          return answer(input, init);
        },
      });
      press(el, 'Join');
      el.community = 'design';
      await waitUntil(() => $(el, 'h2')?.textContent === 'Design', 'the card never moved');
      release();
      await waitUntil(() => api.calls('joinCommunity').length === 1);
      await waitUntil(() => mockCommunities(api)[0]!.membership === 'member');
      await el.updateComplete;
      expect($(el, '.members .count')!.textContent).to.equal('30 members');
      expect(buttons(el)).to.deep.equal(['Join']);
      expect(said(el)).to.equal('');
    });

    it('the next action clears the last error', async () => {
      const { el } = await loadedCard(undefined, { fail: { joinCommunity: { status: 500, times: 1 } } });
      press(el, 'Join');
      await waitUntil(() => $(el, '.message'));
      press(el, 'Join');
      await waitUntil(() => said(el) === 'You joined Engineering.');
      expect(has(el, '.message')).to.equal(false);
    });
  });

  describe('accessibility (axe)', () => {
    it('an open community with everything shown is accessible', async () => {
      const { el } = await loadedCard();
      await expect(el).to.be.accessible();
    });

    it('a member with the leave question open is accessible', async () => {
      const { el } = await loadedCard([makeCommunity({ membership: 'member' })]);
      press(el, 'Leave');
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('a pending request, the limited view and an error message are accessible', async () => {
      const pending = (await loadedCard([makeCommunity({ joinPolicy: 'request', membership: 'pending' })])).el;
      await expect(pending).to.be.accessible();
      const limited = (await loadedCard([makeCommunity({ visibility: 'restricted', listed: true, joinPolicy: 'request' })])).el;
      await expect(limited).to.be.accessible();
      const failed = (await loadedCard(undefined, { fail: { joinCommunity: { status: 500, detail: 'Nope' } } })).el;
      press(failed, 'Join');
      await waitUntil(() => $(failed, '.message'));
      await expect(failed).to.be.accessible();
    });

    it('the inactive and archived notices are accessible', async () => {
      const activity = makeActivity({ inactive: true, lastActivityAt: ago(100 * DAY) });
      await expect((await loadedCard([makeCommunity({ activity })])).el).to.be.accessible();
      await expect((await loadedCard([makeCommunity({ state: 'archived' })])).el).to.be.accessible();
    });

    it('the loading, error, not-found and signed-out states are accessible', async () => {
      await expect(await renderCard(mock(undefined, { pending: ['getCommunity'] }))).to.be.accessible();
      await expect((await loadedCard(undefined, { fail: { getCommunity: { status: 500 } } })).el).to.be.accessible();
      await expect((await loadedCard(undefined, {}, { community: 'nope' })).el).to.be.accessible();
      const signedOut = (await loadedCard(undefined, { me: null })).el;
      await waitUntil(() => $(signedOut, '.state'));
      await expect(signedOut).to.be.accessible();
    });

    it('compact is accessible', async () => {
      await expect((await loadedCard(undefined, {}, { compact: true })).el).to.be.accessible();
    });

    it('the dark theme keeps enough contrast', async () => {
      const { el } = await loadedCard([makeCommunity({ membership: 'member', visibility: 'restricted' })], {}, { theme: 'dark' });
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
      render?: unknown;
      play?: unknown;
    };
    type Render = (args: unknown, context: unknown) => ReturnType<typeof html>;
    type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;

    /** Renders a story as Storybook would (without its chrome) and runs its play function. */
    async function renderStory(story: AnyStory): Promise<HearthCommunityCard[]> {
      const args = { ...meta.args, ...story.args };
      const parameters = { ...meta.parameters, ...story.parameters };
      const render = (story.render ?? meta.render) as Render;
      const canvas = await fixture<HTMLElement>(html`<div>${render(args, { args, parameters })}</div>`);
      await (story.play as Play | undefined)?.({ canvasElement: canvas });
      return Array.from(canvas.querySelectorAll('hearth-community-card'));
    }

    const expected: Array<[string, AnyStory, string]> = [
      ['Open non-member', stories.OpenNonMember, 'Join'],
      ['Open member', stories.OpenMember, 'Member'],
      ['Manager', stories.Manager, 'Manager'],
      ['Last manager leaving', stories.LastManagerLeaving, 'You are the last manager of Engineering'],
      ['Confirm leave', stories.ConfirmLeave, 'Leave Engineering?'],
      ['Request pending', stories.RequestPending, 'Request pending'],
      ['Request to join', stories.RequestToJoin, 'Request to join'],
      ['Invitation', stories.Invitation, 'Accept invitation'],
      ['Invite only', stories.InviteOnly, 'By invitation'],
      ['Restricted limited', stories.RestrictedLimited, 'Request to join'],
      ['Inactive', stories.Inactive, 'Quiet for a while'],
      ['Archived', stories.Archived, 'Archived: this community is read-only'],
      ['Activity only', stories.ActivityOnly, '42 posts · 9 active members'],
      ['Empty', stories.Empty, 'Be the first to start a conversation'],
      ['Error', stories.ErrorState, 'The database is restarting'],
      ['Not found', stories.NotFound, 'This community does not exist'],
      ['Signed out', stories.SignedOut, 'You are signed out'],
      ['Dark', stories.Dark, 'Member'],
    ];
    for (const [name, story, shows] of expected) {
      it(`${name} shows "${shows}"`, async () => {
        const [el] = await renderStory(story);
        await waitUntil(() => text(el!).includes(shows), `expected "${shows}" in: ${text(el!)}`);
      });
    }

    it('Loading keeps the skeleton', async () => {
      const [el] = await renderStory(stories.Loading);
      await el!.updateComplete;
      expect(has(el!, '.skeleton')).to.equal(true);
    });

    it('Compact lists three communities, one row each', async () => {
      const cards = await renderStory(stories.Compact);
      expect(cards.length).to.equal(3);
      await Promise.all(cards.map(settled));
      expect(cards.map((c) => buttons(c)[0])).to.deep.equal(['Leave', 'Request to join', 'Accept invitation']);
    });

    it('Dark uses the dark theme', async () => {
      const [el] = await renderStory(stories.Dark);
      expect($(el!, '.root')!.classList.contains('dark')).to.equal(true);
    });

    it('Followed shows IT Help with Follow pressed', async () => {
      const [el] = await renderStory(stories.Followed);
      await waitUntil(() => $(el!, '[part="follow"]')?.getAttribute('aria-pressed') === 'true', 'Follow is not pressed');
      expect($(el!, '[part="name"]')!.textContent).to.equal('IT Help');
    });
  });
});
