/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Community } from '@hearth/contracts';
import './define.ts';
import type { HearthCommunityCard } from './hearth-community-card.ts';
import meta, * as stories from './hearth-community-card.stories.ts';
import { MockApi, type MockApiOptions, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { makeCommunity, makeJoinRequest, mockCommunities, mockJoinRequests } from '../testing/mock-communities.ts';

/*
 * The card's manager view (issue #13): pending requests decided with an optional note, invitations
 * by handle, the join policy; and the directory view, where admins create a community. The
 * manager's and the directory's chunks are fetched only when needed.
 */

const [mira, jonas, , tom, ana, , sam] = samplePeople as [
  (typeof samplePeople)[0], (typeof samplePeople)[0], (typeof samplePeople)[0], (typeof samplePeople)[0],
  (typeof samplePeople)[0], (typeof samplePeople)[0], (typeof samplePeople)[0],
];

/** Engineering, which Jonas manages, with two people asking to join and one invited. */
function managed(overrides: Partial<Community> = {}): Community {
  return makeCommunity({ membership: 'manager', canManage: true, joinPolicy: 'request', memberCount: 10, ...overrides });
}

function mock(options: MockApiOptions = {}, communities: Community[] = [managed()]): MockApi {
  return useMockApi(
    new MockApi({
      me: jonas,
      ...options,
      data: {
        communities,
        joinRequests: { engineering: [makeJoinRequest(sam, 'request', 3), makeJoinRequest(ana, 'request', 30), makeJoinRequest(mira, 'invite', 48)] },
        ...options.data,
      },
    }),
  );
}

async function render(api: MockApi, attrs: { lang?: string; directory?: boolean } = {}): Promise<HearthCommunityCard> {
  return fixture<HearthCommunityCard>(html`<hearth-community-card
    api=${api.api}
    token-url=${api.tokenUrl}
    community="engineering"
    lang=${attrs.lang ?? 'en'}
    show="members"
    ?directory=${attrs.directory ?? false}
  ></hearth-community-card>`);
}

const root = (el: HearthCommunityCard) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: HearthCommunityCard, selector: string) => root(el).querySelector<T>(selector);
const text = (el: Node | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const said = (el: HearthCommunityCard, scope: string) => text($(el, `${scope} .vh[role="status"]`));

async function managerCard(options?: MockApiOptions, attrs?: { lang?: string }) {
  const api = mock(options);
  const el = await render(api, attrs);
  await waitUntil(() => $(el, '.request .approve'), 'the requests never showed');
  return { api, el };
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

describe('<hearth-community-card>: managers', () => {

  // First, so that no other test has fetched the chunk yet.
  it('a member sees none of it, and the manager chunk is not fetched', async () => {
    const api = mock({ me: mira }, [makeCommunity({ membership: 'member' })]);
    const el = await render(api);
    await waitUntil(() => $(el, '.count'), 'the card never loaded');
    await new Promise((r) => setTimeout(r, 100));
    expect($(el, 'hearth-community-manage')).to.equal(null);
    expect(customElements.get('hearth-community-manage')).to.equal(undefined);
    const fetched = performance.getEntriesByType('resource').filter((e) => e.name.includes('community-card/manage'));
    expect(fetched.length).to.equal(0);
    expect(api.calls('listJoinRequests').length).to.equal(0);
  });

  it('a manager sees the pending requests, with who asked and when, and the invitations', async () => {
    const { el } = await managerCard();
    const requests = Array.from(root(el).querySelectorAll('.request')).map(text);
    expect(requests.length).to.equal(2);
    expect(requests[0]).to.contain('Sam Taylor').and.contain('asked 3 hours ago');
    expect(requests[1]).to.contain('Ana María García López').and.contain('UX Researcher');
    expect(text($(el, '.invitations'))).to.contain('Mira Lindqvist').and.contain('@mira.lindqvist');
    expect($(el, '.approve')!.getAttribute('aria-label')).to.equal('Approve Sam Taylor');
  });

  it('approving a request takes it off the list, adds one to the count, says so and keeps focus on the next', async () => {
    const { api, el } = await managerCard();
    expect(text($(el, '.count'))).to.equal('10 members');
    const approve = $(el, '.approve')!;
    approve.focus();
    approve.click();
    await waitUntil(() => root(el).querySelectorAll('.request').length === 1, 'the request stayed');
    expect(api.calls('decideJoinRequest')[0]!.body).to.deep.equal({ decision: 'approve' });
    expect(api.calls('decideJoinRequest')[0]!.url.pathname).to.match(/requests\/sam\.taylor$/);
    await waitUntil(() => text($(el, '.count')) === '11 members', 'the count did not follow');
    expect(said(el, '.manage')).to.equal('Sam Taylor is now a member.');
    await waitUntil(
      () => root(el).activeElement?.getAttribute('aria-label') === 'Approve Ana María García López',
      'focus did not go to the next request',
    );
  });

  it('refuses with a note: the request carries it, and the count stays', async () => {
    const { api, el } = await managerCard();
    const note = root(el).querySelectorAll<HTMLInputElement>('.request input.note')[1]!;
    type(note, '  Please ask again after onboarding.  ');
    root(el).querySelectorAll<HTMLButtonElement>('.refuse')[1]!.click();
    await waitUntil(() => api.calls('decideJoinRequest').length === 1 && root(el).querySelectorAll('.request').length === 1);
    expect(api.calls('decideJoinRequest')[0]!.body).to.deep.equal({ decision: 'refuse', note: 'Please ask again after onboarding.' });
    expect(text($(el, '.count'))).to.equal('10 members');
    expect(said(el, '.manage')).to.equal('The request of Ana María García López was refused.');
  });

  it('a failed decision keeps the request and the note typed, and says why', async () => {
    const { api, el } = await managerCard({ fail: { decideJoinRequest: { status: 500, times: 1 } } });
    const note = $<HTMLInputElement>(el, '.request input.note')!;
    type(note, 'Welcome aboard');
    $(el, '.approve')!.click();
    await waitUntil(() => $(el, '.manage .message[role="alert"]'), 'no error shown');
    expect(root(el).querySelectorAll('.request').length).to.equal(2);
    expect($<HTMLInputElement>(el, '.request input.note')!.value).to.equal('Welcome aboard');
    $(el, '.approve')!.click();
    await waitUntil(() => root(el).querySelectorAll('.request').length === 1);
    expect(api.calls('decideJoinRequest').at(-1)!.body).to.deep.equal({ decision: 'approve', note: 'Welcome aboard' });
  });

  it('invites someone found by name (a combobox of people): the invitation is listed, and an unknown handle is said beside the field, kept', async () => {
    const { api, el } = await managerCard();
    const input = $<HTMLInputElement>(el, '#manage-invite')!;
    type(input, '@nobody.here');
    $(el, '.invite button[type="submit"]')!.click();
    await waitUntil(() => $(el, '#manage-invite-error'), 'no error beside the field');
    expect(text($(el, '#manage-invite-error'))).to.contain('nobody.here');
    expect(input.value).to.equal('@nobody.here');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    input.value = '';
    input.focus();
    await sendKeys({ type: 'Tom' });
    await waitUntil(() => $(el, '#manage-people [role="option"]'), 'no people suggested');
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect(input.getAttribute('aria-activedescendant')).to.equal('manage-person-0');
    expect(text($(el, '#manage-people'))).to.contain('Tom Nguyen').and.contain('@tom.nguyen');
    expect(api.calls('searchPeople').at(-1)!.url.searchParams.get('q')).to.equal('Tom');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => input.value === 'tom.nguyen', 'choosing did not fill the handle');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    $(el, '.invite button[type="submit"]')!.click();
    await waitUntil(() => text($(el, '.invitations')).includes('Tom Nguyen'), 'the invitation is not listed');
    expect(api.calls('inviteToCommunity').at(-1)!.body).to.deep.equal({ handle: 'tom.nguyen' });
    expect(input.value).to.equal('');
    expect(said(el, '.manage')).to.equal('tom.nguyen is invited.');
    expect(mockJoinRequests(api)['engineering']!.some((r) => r.person.handle === tom.handle && r.kind === 'invite')).to.equal(true);
  });

  it('an empty handle is said at once, without asking the server', async () => {
    const { api, el } = await managerCard();
    $(el, '.invite button[type="submit"]')!.click();
    await el.updateComplete;
    await waitUntil(() => $(el, '#manage-invite-error'));
    expect(text($(el, '#manage-invite-error'))).to.equal('Type the handle of the person to invite.');
    expect(api.calls('inviteToCommunity').length).to.equal(0);
  });

  it('changes the join policy: the server is asked, the card follows and says so', async () => {
    const { api, el } = await managerCard();
    const select = $<HTMLSelectElement>(el, '#manage-policy')!;
    expect(select.value).to.equal('request');
    select.value = 'invite';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => api.calls('updateCommunity').length === 1);
    expect(api.calls('updateCommunity')[0]!.body).to.deep.equal({ joinPolicy: 'invite' });
    await waitUntil(() => said(el, '.manage') === 'Who can join is now: By invitation only.');
    expect(mockCommunities(api)[0]!.joinPolicy).to.equal('invite');
  });

  it('a failed policy change puts the select back and says why', async () => {
    const { el } = await managerCard({ fail: { updateCommunity: { status: 500 } } });
    const select = $<HTMLSelectElement>(el, '#manage-policy')!;
    select.value = 'open';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => $(el, '.manage .message[role="alert"]'));
    expect(select.value).to.equal('request');
  });

  it('speaks French, German and Spanish', async () => {
    const words = { fr: ['Approuver', 'Refuser', 'Demandes d’adhésion'], de: ['Annehmen', 'Ablehnen', 'Beitrittsanfragen'], es: ['Aprobar', 'Rechazar', 'Solicitudes para unirse'] };
    for (const [lang, expected] of Object.entries(words)) {
      const { el } = await managerCard({}, { lang });
      for (const word of expected) expect(text($(el, '.manage'))).to.contain(word);
    }
  });

  it('is accessible (axe), light and dark', async () => {
    const { el } = await managerCard();
    await expect(el).to.be.accessible();
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});

describe('<hearth-community-card directory>', () => {

  async function directory(me = tom, lang = 'en') {
    const api = mock({ me }, [managed(), makeCommunity({ slug: 'design', name: 'Design', joinPolicy: 'open', activity: null })]);
    const el = await render(api, { directory: true, lang });
    await waitUntil(() => $(el, '.entries'), 'the directory never showed');
    return { api, el };
  }

  it('lists the communities, most active first, with join buttons; members have no New community button', async () => {
    const { api, el } = await directory(mira);
    expect(Array.from(root(el).querySelectorAll('.entry h3')).map(text)).to.deep.equal(['Engineering', 'Design']);
    expect($(el, '.new')).to.equal(null);
    const join = Array.from(root(el).querySelectorAll<HTMLButtonElement>('.entry button')).find((b) => text(b) === 'Join')!;
    join.click();
    await waitUntil(() => api.calls('joinCommunity').length === 1);
    await waitUntil(() => said(el, '.directory') === 'You joined Design.');
  });

  it('an admin creates a community: a 400 is shown beside the purpose, nothing typed is lost, then it is created', async () => {
    const { api, el } = await directory(tom);
    $(el, '.new')!.click();
    await waitUntil(() => $(el, '#new-name'));
    type($<HTMLInputElement>(el, '#new-name')!, 'Rust Guild');
    await el.updateComplete;
    await waitUntil(() => $<HTMLInputElement>(el, '#new-slug')!.value === 'rust-guild', 'the address did not follow the name');
    type($<HTMLTextAreaElement>(el, '#new-purpose')!, 'Rust');
    const visibility = $<HTMLSelectElement>(el, '#new-visibility')!;
    visibility.value = 'restricted';
    visibility.dispatchEvent(new Event('input', { bubbles: true }));
    $(el, '.create button[type="submit"]')!.click();
    await waitUntil(() => $(el, '#new-purpose-error'), 'no error beside the purpose');
    expect(text($(el, '#new-purpose-error'))).to.equal('Say in a sentence why this community exists');
    expect($(el, '#new-purpose')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#new-purpose')!.getAttribute('aria-describedby')).to.contain('new-purpose-error');
    await waitUntil(() => root(el).activeElement?.id === 'new-purpose', 'focus did not go to the purpose');
    expect($<HTMLInputElement>(el, '#new-name')!.value).to.equal('Rust Guild');
    expect($<HTMLSelectElement>(el, '#new-visibility')!.value).to.equal('restricted');
    await expect(el).to.be.accessible();
    type($<HTMLTextAreaElement>(el, '#new-purpose')!, 'Share how we write, review and ship Rust.');
    $(el, '.create button[type="submit"]')!.click();
    await waitUntil(() => api.calls('createCommunity').length === 2 && !$(el, '.create'), 'the form stayed open');
    expect(api.calls('createCommunity')[1]!.body).to.deep.equal({
      name: 'Rust Guild',
      slug: 'rust-guild',
      purpose: 'Share how we write, review and ship Rust.',
      visibility: 'restricted',
      joinPolicy: 'open',
      managers: ['tom.nguyen'],
    });
    expect(text($(el, '.entry h3'))).to.equal('Rust Guild');
    expect(said(el, '.directory')).to.equal('Rust Guild was created. You manage it.');
  });

  it('says a missing purpose at once, without asking the server', async () => {
    const { api, el } = await directory(tom);
    $(el, '.new')!.click();
    await waitUntil(() => $(el, '#new-name'));
    type($<HTMLInputElement>(el, '#new-name')!, 'Rust Guild');
    $(el, '.create button[type="submit"]')!.click();
    await waitUntil(() => $(el, '#new-purpose-error'));
    expect(text($(el, '#new-purpose-error'))).to.equal('This is required.');
    expect(api.calls('createCommunity').length).to.equal(0);
  });

  it('speaks French, German and Spanish', async () => {
    const words = { fr: ['Communautés', 'Nouvelle communauté', 'Rejoindre'], de: ['Communitys', 'Neue Community', 'Beitreten'], es: ['Comunidades', 'Nueva comunidad', 'Unirse'] };
    for (const [lang, expected] of Object.entries(words)) {
      const { el } = await directory(tom, lang);
      for (const word of expected) expect(text($(el, '.directory'))).to.contain(word);
    }
  });

  it('right to left: the list and the form follow the writing direction', async () => {
    const api = mock({ me: tom }, [managed(), makeCommunity({ slug: 'design', name: 'Design' })]);
    const wrapper = await fixture<HTMLElement>(html`<div dir="rtl" lang="ar">
      <hearth-community-card api=${api.api} token-url=${api.tokenUrl} directory></hearth-community-card>
    </div>`);
    const el = wrapper.querySelector('hearth-community-card')!;
    await waitUntil(() => $(el, '.entry .primary'), 'the directory never showed');
    const entry = $(el, '.entry')!.getBoundingClientRect();
    const join = $(el, '.entry .primary')!.getBoundingClientRect();
    // The join button ends the line: on the left in a right-to-left page.
    expect(join.left - entry.left).to.be.below(entry.right - join.right);
    await expect(el).to.be.accessible();
  });

  it('is accessible (axe)', async () => {
    const { el } = await directory(tom);
    await expect(el).to.be.accessible();
  });
});

describe('<hearth-community-card>: the manager and directory stories', () => {
  type AnyStory = { args?: object; parameters?: object; render?: unknown; play?: unknown };
  type Render = (args: unknown, context: unknown) => ReturnType<typeof html>;
  type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;

  /** Renders a story as Storybook would (without its chrome) and runs its play function. */
  async function renderStory(story: AnyStory): Promise<HearthCommunityCard> {
    const args = { ...meta.args, ...story.args };
    const parameters = { ...meta.parameters, ...story.parameters };
    const renderIt = (story.render ?? meta.render) as Render;
    const canvas = await fixture<HTMLElement>(html`<div>${renderIt(args, { args, parameters })}</div>`);
    await (story.play as Play | undefined)?.({ canvasElement: canvas });
    return canvas.querySelector('hearth-community-card')!;
  }

  const expected: Array<[string, AnyStory, string]> = [
    ['Manager with requests', stories.ManagerWithRequests, 'Requests to join'],
    ['Manager inviting', stories.ManagerInviting, 'Tom Nguyen'],
    ['Manager dark', stories.ManagerDark, 'Approve'],
    ['Directory', stories.Directory, 'Running Club'],
    ['Directory new community', stories.DirectoryNewCommunity, 'Say in a sentence why this community exists'],
    ['Directory dark', stories.DirectoryDark, 'Say in a sentence why this community exists'],
  ];
  for (const [name, story, shows] of expected) {
    it(`${name} shows "${shows}"`, async () => {
      const el = await renderStory(story);
      await waitUntil(() => text(root(el)).includes(shows), `expected "${shows}" in: ${text(root(el))}`);
    });
  }
});
