import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TagCloudEntry, TagWindow } from '@hearth/contracts';
import './define.ts';
import '../feed/define.ts';
import { $selectedTag } from '../runtime/stores.ts';
import { MockApi, type MockApiOptions, useMockApi } from '../testing/mock-api.ts';
import { type MockTagsData, sampleCloud, sampleTaggedPosts, withFollowingFeed } from '../testing/mock-tags.ts';
// GET /me/following (what the Follow toggle shows) and communities to post in.
import { sampleSearchCommunities } from '../testing/mock-search.ts';

/**
 * Every story talks to its own in-memory API (testing/mock-api.ts with the tag endpoints of
 * testing/mock-tags.ts) through the widgets' real runtime: `parameters.hearthApi` shapes what
 * it answers.
 */
interface CloudArgs {
  community: string;
  days: TagWindow;
  max: number;
  variant: 'cloud' | 'list';
  hrefTemplate: string;
  theme: 'auto' | 'light' | 'dark';
}

/** The sample cloud for each window: fewer posts in a week, more in a quarter, no trends for all time. */
function windows(cloud: TagCloudEntry[] = sampleCloud(28)): MockTagsData['clouds'] {
  const scaled = (factor: number, trends: boolean) =>
    cloud.map((t) => {
      const posts = Math.max(1, Math.round(t.posts * factor));
      return trends
        ? { ...t, posts, previousPosts: Math.round((t.previousPosts ?? 0) * factor) }
        : { ...t, posts, previousPosts: null, growth: null, trending: false };
    });
  return { '7': scaled(0.3, true), '30': cloud, '90': scaled(2.6, true), all: scaled(9, false) };
}

const withTags = (clouds: MockTagsData['clouds'], options: MockApiOptions = {}, following: string[] = []): MockApiOptions => ({
  ...options,
  data: { tags: { clouds, following } satisfies MockTagsData },
});

const meta: Meta<CloudArgs> = {
  title: 'Widgets/Tag cloud',
  component: 'hearth-tag-cloud',
  args: { community: '', days: '30', max: 30, variant: 'cloud', hrefTemplate: '', theme: 'auto' },
  argTypes: {
    days: { control: 'inline-radio', options: ['7', '30', '90', 'all'] },
    variant: { control: 'inline-radio', options: ['cloud', 'list'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    max: { control: { type: 'number', min: 1, max: 100 } },
  },
  parameters: { layout: 'padded', hearthApi: withTags(windows()) },
  // The selected tag belongs to the page, and Storybook keeps one page across stories.
  beforeEach: () => {
    $selectedTag.set(null);
  },
  render: (args, { parameters }) => {
    const api = useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined));
    return html`<div style="max-width: 26rem">
      <hearth-tag-cloud
        api=${api.api}
        token-url=${api.tokenUrl}
        community=${args.community}
        days=${args.days}
        max=${args.max}
        variant=${args.variant}
        href-template=${args.hrefTemplate}
        theme=${args.theme}
      ></hearth-tag-cloud>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<CloudArgs>;

/** The most used tags of the last 30 days: size and count say how much, the arrow says trending. */
export const Cloud: Story = {};

/** Ranked, with counts and bars relative to the top tag: easier to compare than sizes. */
export const List: Story = {
  args: { variant: 'list', max: 10 },
};

/** A busy week: several tags grow fast against the week before (the list shows by how much). */
export const Trending: Story = {
  args: { variant: 'list', days: '7', max: 8 },
  parameters: {
    hearthApi: withTags({
      '7': [
        { name: 'q2-planning', posts: 24, previousPosts: 5, growth: 3.8, trending: true },
        { name: 'kubernetes', posts: 21, previousPosts: 12, growth: 0.75, trending: true },
        { name: 'onboarding', posts: 17, previousPosts: 16, growth: 0.06, trending: false },
        { name: 'release-2025', posts: 12, previousPosts: 0, growth: null, trending: true },
        { name: 'security', posts: 9, previousPosts: 10, growth: -0.1, trending: false },
        { name: 'offsite', posts: 7, previousPosts: 2, growth: 2.5, trending: true },
        { name: 'design', posts: 6, previousPosts: 7, growth: -0.14, trending: false },
        { name: 'vpn', posts: 2, previousPosts: 2, growth: 0, trending: false },
      ],
    }),
  },
};

/**
 * A tag chosen (here or in a feed on the page) is pressed; choosing it again clears it. Under the
 * cloud it is shown with its Follow toggle.
 */
export const Selected: Story = {
  beforeEach: () => {
    $selectedTag.set('security');
  },
};

/** The chosen tag is followed: its Follow toggle is pressed (press it again to stop following). */
export const Followed: Story = {
  parameters: { hearthApi: withTags(windows(), {}, ['security']) },
  // In play rather than beforeEach, as a reader would choose it once the cloud is there.
  play: async () => {
    $selectedTag.set('security');
  },
};

/** With `href-template` the tags are links (to a search page, say) instead of filters. */
export const WithLinks: Story = {
  name: 'With href-template',
  // A fragment, so following a link in Storybook stays on the story.
  args: { hrefTemplate: '#/search?tag={tag}' },
};

/** The skeleton holds the cloud's place while the tags are on their way (here: forever). */
export const Loading: Story = {
  parameters: { hearthApi: withTags(windows(), { pending: ['tagCloud'] }) },
};

export const Empty: Story = {
  parameters: { hearthApi: withTags({ '7': [], '30': [], '90': [], all: [] }) },
};

/** The server failed: the problem's detail is shown with Retry (which then works). */
export const ErrorState: Story = {
  name: 'Error',
  parameters: {
    hearthApi: withTags(windows(), {
      fail: { tagCloud: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting. Try again in a minute.', times: 1 } },
    }),
  },
};

/** The host portal's token URL says nobody is signed in. */
export const SignedOut: Story = {
  parameters: { hearthApi: withTags(windows(), { me: null }) },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  globals: { backgrounds: { value: 'dark' } },
};

/**
 * A portal page with a cloud in the side column and a feed in the main one, as an editor would
 * paste them: two separate elements. Choosing a tag filters the feed; "×" there clears it. The
 * cloud is counted from the feed's posts, so the numbers agree. Follow under the cloud follows
 * the chosen tag: the feed's Following tab then shows its posts.
 */
export const CloudAndFeed: Story = {
  name: 'Cloud and feed on one page',
  parameters: {
    layout: 'fullscreen',
    hearthApi: {
      posts: sampleTaggedPosts(160),
      data: { communities: sampleSearchCommunities().map((c) => ({ ...c, membership: 'member' as const })) },
    } satisfies MockApiOptions,
  },
  render: (args, { parameters }) => {
    // The feed's Following tab shows the posts of the tags followed here.
    const api = withFollowingFeed(useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined)));
    // The cloud comes first (on top in a narrow column), shown on the right when there is room.
    return html`<div style="display: flex; flex-flow: row-reverse wrap; gap: 1rem; align-items: flex-start; padding: 1rem">
      <aside style="flex: 1 1 16rem; min-width: 0">
        <hearth-tag-cloud
          api=${api.api}
          token-url=${api.tokenUrl}
          days=${args.days}
          max=${args.max}
          variant=${args.variant}
          theme=${args.theme}
        ></hearth-tag-cloud>
      </aside>
      <main style="flex: 3 1 22rem; min-width: 0">
        <hearth-feed api=${api.api} token-url=${api.tokenUrl} page-size="5" theme=${args.theme} compose></hearth-feed>
      </main>
    </div>`;
  },
};
