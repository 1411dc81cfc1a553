import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Community, Me, Post } from '@hearth/contracts';
import './define.ts';
import type { HearthCommunityCard } from './hearth-community-card.ts';
import { MockApi, type MockApiOptions, samplePeople, samplePosts, useMockApi } from '../testing/mock-api.ts';
import { makeActivity, makeCommunity, makeJoinRequest } from '../testing/mock-communities.ts';
// GET /me/following and the community follow endpoints (the Follow toggle), with a sample community.
import { type MockSearchData, sampleSearchCommunities } from '../testing/mock-search.ts';

/**
 * Every story talks to its own in-memory API (testing/mock-api.ts with the community endpoints
 * of testing/mock-communities.ts) through the widgets' real runtime: `parameters.hearthApi`
 * shapes what it answers. The signed-in person is Mira Lindqvist.
 */
interface CardArgs {
  community: string;
  show: string;
  compact: boolean;
  /** The directory instead of one community. */
  directory: boolean;
  theme: 'auto' | 'light' | 'dark';
}

const [mira, jonas, aisha, tom, ana, li, sam] = [0, 1, 2, 3, 4, 5, 6].map((i) => samplePeople[i]!) as [Me, Me, Me, Me, Me, Me, Me];
const DAY = 86_400_000;

function posts(community: Community, count = 3): Post[] {
  // The posts are as old as the community's last activity says.
  const last = community.activity?.lastActivityAt;
  const now = last ? Date.parse(last) + 30 * 60_000 : Date.now();
  return samplePosts(count, { now, community: { slug: community.slug, name: community.name, visibility: community.visibility } });
}

/** A mock holding `community` (and, unless told otherwise, its three latest posts). */
function api(community: Community, options: MockApiOptions & { postCount?: number } = {}): MockApiOptions {
  const { postCount = 3, ...rest } = options;
  return { posts: posts(community, postCount), ...rest, data: { communities: [community], ...rest.data } };
}

const engineering = makeCommunity();
const design = makeCommunity({
  slug: 'design-guild',
  name: 'Design Guild',
  purpose: 'Critique each other’s work, share research and keep our products consistent.',
  joinPolicy: 'request',
  memberCount: 34,
  managers: [aisha],
  someMembers: [ana, tom, jonas],
  activity: makeActivity({ posts30d: 17, activeMembers30d: 6 }),
});
const falcon = makeCommunity({
  slug: 'project-falcon',
  name: 'Project Falcon',
  visibility: 'restricted',
  purpose: 'Plan the acquisition integration. Confidential until the announcement.',
  joinPolicy: 'invite',
  listed: true,
});

const meta: Meta<CardArgs> = {
  title: 'Widgets/Community card',
  component: 'hearth-community-card',
  args: { community: 'engineering', show: 'members activity recent', compact: false, directory: false, theme: 'auto' },
  argTypes: { theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] } },
  parameters: { layout: 'padded', hearthApi: api(engineering) },
  render: (args, { parameters }) => {
    const mock = useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined));
    return html`<div style=${args.compact ? 'max-width: 17rem' : 'max-width: 40rem'}>
      <hearth-community-card
        api=${mock.api}
        token-url=${mock.tokenUrl}
        community=${args.community}
        show=${args.show}
        theme=${args.theme}
        ?compact=${args.compact}
        ?directory=${args.directory}
      ></hearth-community-card>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<CardArgs>;

/** An open community you are not in: everything is visible, and Join is one click. */
export const OpenNonMember: Story = {};

/**
 * Followed without joining: Follow is pressed, and the community's posts are in the feed's
 * Following tab (press again to stop following).
 */
export const Followed: Story = {
  args: { community: 'it-help' },
  parameters: {
    hearthApi: api(sampleSearchCommunities()[0]!, { data: { search: { followedCommunities: ['it-help'] } satisfies MockSearchData } }),
  },
};

export const OpenMember: Story = {
  parameters: { hearthApi: api({ ...engineering, membership: 'member', memberCount: 129 }) },
};

/** You manage it: labelled Manager; Leave works while another manager remains. */
export const Manager: Story = {
  parameters: {
    hearthApi: api({ ...engineering, membership: 'manager', canManage: true, managers: [mira, jonas], memberCount: 129 }),
  },
};

/** The last manager tries to leave: the server's 409 says why, and nothing changes. */
export const LastManagerLeaving: Story = {
  parameters: { hearthApi: api({ ...engineering, membership: 'manager', canManage: true, managers: [mira], memberCount: 129 }) },
  play: async ({ canvasElement }) => {
    const card = await cardIn(canvasElement);
    (await buttonIn(card, 'Leave')).click();
    (await waitFor(() => card.shadowRoot!.querySelector<HTMLButtonElement>('.confirm .danger'))).click();
    await waitFor(() => card.shadowRoot!.querySelector('.message'));
  },
};

/** Leave asks first, inline. */
export const ConfirmLeave: Story = {
  parameters: OpenMember.parameters!,
  play: async ({ canvasElement }) => {
    (await buttonIn(await cardIn(canvasElement), 'Leave')).click();
  },
};

/** Joining by request: the request waits for a manager, and can be withdrawn. */
export const RequestPending: Story = {
  args: { community: 'design-guild' },
  parameters: { hearthApi: api({ ...design, membership: 'pending' }) },
};

export const RequestToJoin: Story = {
  args: { community: 'design-guild' },
  parameters: { hearthApi: api(design) },
};

/** A restricted community that lists itself, seen by someone invited: accept or decline. */
export const Invitation: Story = {
  args: { community: 'project-falcon' },
  parameters: { hearthApi: api({ ...falcon, membership: 'invited' }) },
};

/** Open to read, but members come by invitation only: no button. */
export const InviteOnly: Story = {
  args: { community: 'works-council' },
  parameters: {
    hearthApi: api(
      makeCommunity({
        slug: 'works-council',
        name: 'Works Council',
        purpose: 'News and minutes from the elected employee representatives. Questions welcome in the comments.',
        joinPolicy: 'invite',
        memberCount: 9,
        managers: [jonas],
        activity: makeActivity({ posts30d: 6, activeMembers30d: 3 }),
      }),
    ),
  },
};

/** Restricted and listed, seen by a non-member: name, purpose and a way in, nothing more. */
export const RestrictedLimited: Story = {
  args: { community: 'leadership' },
  parameters: {
    hearthApi: api(
      makeCommunity({
        slug: 'leadership',
        name: 'Leadership Forum',
        visibility: 'restricted',
        listed: true,
        joinPolicy: 'request',
        purpose: 'Where people leads prepare org changes before they are announced.',
      }),
    ),
  },
};

/** Nothing posted for months: flagged, so admins can decide to archive it. */
export const Inactive: Story = {
  args: { community: 'book-club' },
  parameters: {
    hearthApi: api(
      makeCommunity({
        slug: 'book-club',
        name: 'Book Club',
        purpose: 'One book a month, discussed over lunch on the last Friday.',
        memberCount: 23,
        membership: 'member',
        activity: makeActivity({
          posts30d: 0,
          activeMembers30d: 0,
          daily: [...Array(30).keys()].map(() => 0),
          inactive: true,
          lastActivityAt: new Date(Date.now() - 130 * DAY).toISOString(),
        }),
      }),
      { postCount: 0 },
    ),
  },
};

/** Read-only: the content is kept, nobody can join or leave. */
export const Archived: Story = {
  args: { community: 'office-move-2023' },
  parameters: {
    hearthApi: api(
      makeCommunity({
        slug: 'office-move-2023',
        name: 'Office move 2023',
        purpose: 'Coordinate the move to the new Lyon office: dates, seating and parking.',
        state: 'archived',
        membership: 'member',
        memberCount: 61,
        activity: makeActivity({
          posts30d: 0,
          activeMembers30d: 0,
          daily: [...Array(30).keys()].map(() => 0),
          inactive: true,
          lastActivityAt: new Date(Date.now() - 400 * DAY).toISOString(),
        }),
      }),
    ),
  },
};

/** One row each, for a narrow sidebar: a list of communities. */
export const Compact: Story = {
  args: { compact: true },
  parameters: {
    hearthApi: {
      data: {
        communities: [
          { ...engineering, membership: 'member', memberCount: 129 },
          design,
          { ...falcon, membership: 'invited' },
        ],
      },
    } satisfies MockApiOptions,
  },
  render: (args, { parameters }) => {
    const mock = useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined));
    return html`<div style="max-width: 17rem; display: grid; gap: 0.5rem">
      ${['engineering', 'design-guild', 'project-falcon'].map(
        (slug) => html`<hearth-community-card
          api=${mock.api}
          token-url=${mock.tokenUrl}
          community=${slug}
          theme=${args.theme}
          compact
        ></hearth-community-card>`,
      )}
    </div>`;
  },
};

/** Only the activity, for a page that shows members elsewhere. */
export const ActivityOnly: Story = {
  args: { show: 'activity' },
};

/** The skeleton holds the card's place while it loads (here: forever). */
export const Loading: Story = {
  parameters: { hearthApi: { ...api(engineering), pending: ['getCommunity'] } },
};

/** Nothing posted yet: an invitation to start. */
export const Empty: Story = {
  parameters: {
    hearthApi: api(
      {
        ...engineering,
        membership: 'member',
        activity: makeActivity({ posts30d: 0, activeMembers30d: 0, daily: [...Array(30).keys()].map(() => 0), lastActivityAt: null }),
      },
      { postCount: 0 },
    ),
  },
};

/** The server failed: its reason and Retry (which then works). */
export const ErrorState: Story = {
  name: 'Error',
  parameters: {
    hearthApi: {
      ...api(engineering),
      fail: { getCommunity: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting. Try again in a minute.', times: 1 } },
    },
  },
};

/** Missing and hidden look the same. */
export const NotFound: Story = {
  args: { community: 'no-such-group' },
};

/** The host portal's token URL says nobody is signed in. */
export const SignedOut: Story = {
  parameters: { hearthApi: { ...api(engineering), me: null } },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { hearthApi: api({ ...engineering, membership: 'member', memberCount: 129 }), backgrounds: { default: 'dark' } },
  decorators: [(story) => html`<div style="background: #111418; padding: 1rem">${story()}</div>`],
};

/** Jonas manages Engineering (on request): two people asked to join, one is invited. */
const managing: MockApiOptions = {
  ...api({ ...engineering, joinPolicy: 'request', membership: 'manager', canManage: true, managers: [jonas], memberCount: 129 }),
  me: jonas,
};
managing.data = {
  ...managing.data,
  joinRequests: { engineering: [makeJoinRequest(sam, 'request', 3), makeJoinRequest(ana, 'request', 26), makeJoinRequest(li, 'invite', 50)] },
};

/** What a manager sees: pending requests (Approve, Refuse, a note), the invite field and invitations, who can join. */
export const ManagerWithRequests: Story = {
  args: { show: 'members' },
  parameters: { hearthApi: managing },
};

/** A manager writes a note, then finds someone to invite by name. */
export const ManagerInviting: Story = {
  args: { show: 'members' },
  parameters: { hearthApi: managing },
  play: async ({ canvasElement }) => {
    const card = await cardIn(canvasElement);
    const note = await waitFor(() => card.shadowRoot!.querySelector<HTMLDetailsElement>('.request details'));
    note.open = true;
    const input = await waitFor(() => card.shadowRoot!.querySelector<HTMLInputElement>('#manage-invite'));
    input.focus();
    input.value = 'to';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => card.shadowRoot!.querySelector('#manage-people'));
  },
};

export const ManagerDark: Story = {
  args: { show: 'members', theme: 'dark' },
  parameters: { hearthApi: managing, backgrounds: { default: 'dark' } },
  decorators: [(story) => html`<div style="background: #111418; padding: 1rem">${story()}</div>`],
};

const directory: MockApiOptions = {
  data: {
    communities: [
      engineering,
      design,
      { ...falcon, membership: 'member' as const },
      makeCommunity({
        slug: 'running-club',
        name: 'Running Club',
        purpose: 'Lunchtime runs, race sign-ups and routes near each office.',
        memberCount: 58,
        membership: 'member',
        activity: makeActivity({ posts30d: 9, activeMembers30d: 5 }),
      }),
    ],
  },
};

/** The directory (`directory`): most active first, each with its join button. */
export const Directory: Story = {
  args: { directory: true },
  parameters: { hearthApi: directory },
};

/** An admin's directory: "New community", its form, and the server's 400 beside the purpose. */
export const DirectoryNewCommunity: Story = {
  args: { directory: true },
  parameters: { hearthApi: { ...directory, me: tom } },
  play: async ({ canvasElement }) => {
    const card = await cardIn(canvasElement);
    (await buttonIn(card, 'New community')).click();
    const root = card.shadowRoot!;
    const type = (selector: string, value: string) => {
      const field = root.querySelector<HTMLInputElement>(selector)!;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    };
    await waitFor(() => root.querySelector('#new-name'));
    type('#new-name', 'Rust Guild');
    type('#new-purpose', 'Rust');
    root.querySelector<HTMLButtonElement>('.create button[type="submit"]')!.click();
    await waitFor(() => root.querySelector('#new-purpose-error'));
  },
};

export const DirectoryDark: Story = {
  args: { directory: true, theme: 'dark' },
  parameters: { hearthApi: { ...directory, me: tom }, backgrounds: { default: 'dark' } },
  decorators: [(story) => html`<div style="background: #111418; padding: 1rem">${story()}</div>`],
  play: DirectoryNewCommunity.play!,
};

async function cardIn(root: HTMLElement): Promise<HearthCommunityCard> {
  return waitFor(() => root.querySelector('hearth-community-card'));
}

async function buttonIn(card: HearthCommunityCard, name: string): Promise<HTMLButtonElement> {
  return waitFor(() =>
    [...card.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === name),
  );
}

/** Polls until `find` returns something (stories have no test helpers of their own). */
async function waitFor<T>(find: () => T | null | undefined, timeout = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - start > timeout) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
