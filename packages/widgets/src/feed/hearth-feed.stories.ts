import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import './define.ts';
import type { HearthFeed } from './hearth-feed.ts';
import { $selectedTag } from '../runtime/stores.ts';
import {
  MockApi,
  type MockApiOptions,
  hiddenBy,
  makePost,
  rateLimited,
  samplePeople,
  samplePosts,
  sampleReplies,
  useMockApi,
} from '../testing/mock-api.ts';
// The tag endpoints, for the composer's # suggestions and the Follow toggle; the Following scope.
import { sampleCloud, withFollowingFeed } from '../testing/mock-tags.ts';
// The directory, for the composer's "Post to" choice.
import { makeCommunity } from '../testing/mock-communities.ts';
// GET /me/following and the communities followed, with posts in communities and tags.
import { type MockSearchData, sampleSearchPosts } from '../testing/mock-search.ts';
// POST /reports. A named import that is used: the testing modules are marked free of side
// effects, so a bare import would be dropped from Storybook's build with its endpoint.
import { makeReport } from '../testing/mock-reports.ts';

/**
 * Every story talks to its own in-memory API (testing/mock-api.ts, typed by the contracts)
 * through the widgets' real runtime: set `parameters.hearthApi` to shape what it answers.
 */
interface FeedArgs {
  community: string;
  tag: string;
  author: string;
  pageSize: number;
  compose: boolean;
  theme: 'auto' | 'light' | 'dark';
  /** One post on its own (a permalink), and the reply in it to highlight. */
  post: string;
  reply: string;
  hrefTemplate: string;
  /** `following`: the Following tab first. */
  scope: '' | 'all' | 'following';
}

const [mira, jonas, aisha] = samplePeople as [(typeof samplePeople)[0], (typeof samplePeople)[0], (typeof samplePeople)[0]];
const MINUTE = 60_000;

function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

/** The mock the last story rendered with, for play functions that act as someone else. */
let shownApi: MockApi | null = null;

const meta: Meta<FeedArgs> = {
  title: 'Widgets/Feed',
  component: 'hearth-feed',
  args: { community: '', tag: '', author: '', pageSize: 5, compose: false, theme: 'auto', post: '', reply: '', hrefTemplate: '', scope: '' },
  argTypes: {
    scope: { control: 'inline-radio', options: ['', 'all', 'following'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    pageSize: { control: { type: 'number', min: 1, max: 50 } },
  },
  parameters: { layout: 'padded' },
  // A #tag picked in one story would otherwise still filter the feed of the next.
  beforeEach: () => {
    $selectedTag.set(null);
  },
  render: (args, { parameters }) => {
    const api = withFollowingFeed(useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined)));
    shownApi = api;
    return html`<div style="max-width: 42rem">
      <hearth-feed
        api=${api.api}
        token-url=${api.tokenUrl}
        community=${args.community}
        tag=${args.tag}
        author=${args.author}
        page-size=${args.pageSize}
        theme=${args.theme}
        post=${args.post || nothing}
        reply=${args.reply || nothing}
        href-template=${args.hrefTemplate || nothing}
        scope=${args.scope || nothing}
        ?compose=${args.compose}
      ></hearth-feed>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<FeedArgs>;

/** A few days of an intranet's conversation, with the composer. */
export const Default: Story = {
  args: { compose: true },
  parameters: {
    hearthApi: (() => {
      const posts = samplePosts(12);
      return { posts, replies: { 1: sampleReplies(posts[0]!, 3), 3: sampleReplies(posts[2]!, 1) } };
    })(),
  },
};

/** The skeleton holds the feed's place while the first page is on its way (here: forever). */
export const Loading: Story = {
  parameters: { hearthApi: { pending: ['listPosts'] } satisfies MockApiOptions },
};

export const Empty: Story = {
  args: { compose: true },
  parameters: { hearthApi: { posts: [] } satisfies MockApiOptions },
};

/** The server failed: the problem's detail is shown with Retry. */
export const ErrorState: Story = {
  name: 'Error',
  parameters: {
    hearthApi: {
      posts: samplePosts(5),
      // Once: Retry then loads the posts. (A 503 would be retried by the client on its own.)
      fail: { listPosts: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting. Try again in a minute.', times: 1 } },
    } satisfies MockApiOptions,
  },
};

/** The host portal's token URL says nobody is signed in. */
export const SignedOut: Story = {
  parameters: { hearthApi: { me: null, posts: samplePosts(5) } satisfies MockApiOptions },
};

/**
 * Hearth signs people in itself (`AUTH_MODE=oidc`): the token URL answers `sign-in-required`, so
 * the state box offers Sign in, which opens Hearth's sign-in in a popup. The mock has no IdP: the
 * button under the feed plays the popup's last step (its `hearth-signed-in` message), after which
 * the feed loads without a reload.
 */
export const SignedOutWithSignIn: Story = {
  name: 'Signed out with company sign-in',
  args: { compose: true },
  parameters: { hearthApi: { me: null, signIn: true, posts: samplePosts(5) } satisfies MockApiOptions },
  decorators: [
    (story) => html`${story()}
      <p><button type="button" @click=${() => shownApi?.completeSignIn()}>Finish signing in (what the popup does)</button></p>`,
  ],
};

/** A feed scoped to a community that does not exist (or is restricted). */
export const UnknownCommunity: Story = {
  args: { community: 'no-such-group' },
  parameters: { hearthApi: { communities: ['engineering'] } satisfies MockApiOptions },
};

/** Long posts fold; long words and URLs wrap instead of widening the page. */
export const LongText: Story = {
  parameters: {
    hearthApi: {
      posts: [
        makePost({
          id: 2,
          author: aisha,
          createdAt: ago(25 * MINUTE),
          body:
            'Quarterly update from the executive team.\n\n' +
            [...Array(14).keys()].map(
              (i) =>
                `${i + 1}. We reviewed the plan for the next quarter with every department and agreed on priorities for hiring, tooling and the office moves. #q${(i % 4) + 1}`,
            ).join('\n') +
            '\n\nQuestions to @jonas.weber please.',
          likeCount: 42,
        }),
        makePost({
          id: 1,
          author: mira,
          createdAt: ago(3 * 60 * MINUTE),
          body: 'Logs: https://logs.example.com/search?query=service%3Apayments%20AND%20level%3Aerror&from=now-24h&to=now&columns=timestamp,message,trace_id and Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt',
        }),
      ],
    } satisfies MockApiOptions,
  },
};

/** A post with a long thread: replies load 20 at a time. */
export const ManyReplies: Story = {
  parameters: {
    hearthApi: (() => {
      const post = makePost({
        id: 1,
        author: jonas,
        createdAt: ago(6 * 60 * MINUTE),
        body: 'Which meeting-free day would your team prefer? Reply with yours. #wellbeing',
        likeCount: 17,
      });
      return { posts: [post], replies: { 1: sampleReplies(post, 45) } } satisfies MockApiOptions;
    })(),
  },
  play: async ({ canvasElement }) => {
    const feed = await feedIn(canvasElement);
    const toggle = await waitFor(() =>
      [...feed.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === '45 replies'),
    );
    toggle.click();
  },
};

/** Writing a post: the composer with a draft (restored from localStorage on reload). */
export const Composing: Story = {
  args: { compose: true },
  parameters: { hearthApi: { posts: samplePosts(3), latency: 600 } satisfies MockApiOptions },
  play: async ({ canvasElement }) => {
    const feed = await feedIn(canvasElement);
    const area = await waitFor(() => feed.shadowRoot!.querySelector('textarea'));
    area.value = 'Draft: the #design review moves to Thursday 14:00. @mira.lindqvist can you share the agenda?';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    area.focus();
  },
};

/** Typing `#` and letters suggests tags, most used first: arrows choose, Enter or Tab inserts. */
export const TagSuggestions: Story = {
  args: { compose: true },
  parameters: {
    hearthApi: { posts: samplePosts(3), data: { tags: { known: sampleCloud(28) } } } satisfies MockApiOptions,
  },
  play: async ({ canvasElement }) => {
    const feed = await feedIn(canvasElement);
    const area = await waitFor(() => feed.shadowRoot!.querySelector('textarea'));
    area.focus();
    area.value = 'Notes from the platform sync, see #o';
    area.setSelectionRange(area.value.length, area.value.length);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  },
};

/**
 * Typing `@` and letters suggests people by handle or name, with their title or department (in a
 * restricted community, its members only): arrows choose, Enter or Tab inserts `@handle `.
 */
export const MentionSuggestions: Story = {
  args: { compose: true },
  parameters: { hearthApi: { posts: samplePosts(3) } satisfies MockApiOptions },
  play: async ({ canvasElement }) => {
    const feed = await feedIn(canvasElement);
    const area = await waitFor(() => feed.shadowRoot!.querySelector('textarea'));
    area.focus();
    area.value = 'Great session today, thanks @a';
    area.setSelectionRange(area.value.length, area.value.length);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  },
};

/**
 * A mention of a real person is a link to their posts, named by their name; `@nobody.here`
 * (nobody has that handle) stays plain text.
 */
export const Mentions: Story = {
  parameters: {
    hearthApi: {
      posts: [
        makePost({ id: 1, author: jonas, body: 'Thanks @mira.lindqvist and @aisha.okafor for the review! Also cc @nobody.here, who does not exist.', createdAt: ago(12 * MINUTE) }),
      ],
    } satisfies MockApiOptions,
  },
};

function permalinkThread(): MockApiOptions {
  const posts = samplePosts(4, { now: Date.now() });
  const post = posts[1]!;
  return { posts, replies: { [post.id]: sampleReplies(post, 6, { startId: 500 }) } };
}

/** A permalink (`post="2" reply="503"`): one post with its replies open and one reply highlighted, and "See all posts". */
export const PostPermalink: Story = {
  args: { post: '2', reply: '503' },
  parameters: { hearthApi: permalinkThread() },
};

/** A permalink to a post that does not exist, or that this person cannot see. */
export const PostNotFound: Story = {
  args: { post: '999' },
  parameters: { hearthApi: permalinkThread() },
};

/** With `href-template`, each post's time links to the page's own URL for it (here `?post={id}`), which opens it in place. */
export const HrefTemplate: Story = {
  args: { hrefTemplate: '?post={id}' },
  parameters: { hearthApi: permalinkThread() },
};

/**
 * Live: two colleagues posted while the feed was open. The list does not move under the reader;
 * a polite "2 new posts" button offers them (Enter or click inserts them and focuses the first).
 */
export const NewPostsWaiting: Story = {
  args: { compose: true },
  parameters: { hearthApi: { posts: samplePosts(4) } satisfies MockApiOptions },
  play: async ({ canvasElement }) => {
    const feed = await feedIn(canvasElement);
    const api = await waitFor(() => (shownApi && shownApi.openStreams().length > 0 ? shownApi : null));
    for (const [id, author, body] of [
      [101, jonas, 'The #design review moved to Thursday 14:00, same room.'],
      [102, aisha, 'Reminder: the #security training closes on Friday.'],
    ] as const) {
      const post = makePost({ id, author, body, createdAt: new Date().toISOString() });
      api.posts.push(post);
      api.emit({ type: 'post.created', postId: id, parentId: null, community: null });
    }
    await waitFor(() => feed.shadowRoot!.querySelector('[part~="new-posts"]'));
  },
};

/** A post Jonas wrote and a moderator hid, with two replies, above a few others, for `me`. */
function hiddenFeed(me: (typeof samplePeople)[0]): MockApiOptions {
  const hidden = makePost({
    id: 20,
    author: jonas,
    createdAt: ago(20 * MINUTE),
    body: 'Before the town hall: here are the Q3 revenue figures per region, straight from the finance deck.',
    hidden: hiddenBy('Shares confidential figures before they are announced.'),
    likeCount: 2,
  });
  return { me, posts: [hidden, ...samplePosts(2)], replies: { 20: sampleReplies(hidden, 2) } };
}

/**
 * A post a moderator hid, as everyone but its author sees it: "Hidden by a moderator" in place of
 * the text and no actions, but its thread stays open to read.
 */
export const HiddenPost: Story = { parameters: { hearthApi: hiddenFeed(mira) } };

/** The same post as its author (and moderators) see it: the text dimmed under the moderator's reason. */
export const HiddenPostAsAuthor: Story = {
  name: 'Hidden post (as its author)',
  parameters: { hearthApi: hiddenFeed(jonas) },
};

/** Report on a colleague's post: the dialog, with the reasons and a note. */
export const ReportDialog: Story = {
  parameters: { hearthApi: { posts: samplePosts(3) } satisfies MockApiOptions },
  play: async ({ canvasElement }) => {
    const feed = await feedIn(canvasElement);
    const report = await waitFor(() => feed.shadowRoot!.querySelector<HTMLButtonElement>('button.report'));
    report.click();
    const dialog = await waitFor(() => feed.shadowRoot!.querySelector<HTMLDialogElement>('hearth-report-dialog dialog[open]'));
    const reason = dialog.querySelector<HTMLInputElement>('input[value="confidential"]')!;
    reason.click();
    reason.focus();
  },
};

/** A post reported before: the server answers 409 and the dialog says so. */
export const AlreadyReported: Story = {
  parameters: {
    hearthApi: { posts: samplePosts(3), data: { reports: [makeReport({ kind: 'post', id: 2 })] } } satisfies MockApiOptions,
  },
  play: async (context) => {
    await ReportDialog.play!(context);
    const feed = await feedIn(context.canvasElement);
    feed.shadowRoot!.querySelector<HTMLButtonElement>('hearth-report-dialog .primary')!.click();
    await waitFor(() => feed.shadowRoot!.querySelector('hearth-report-dialog [role="status"]'));
  },
};

/** Posting too fast: the server's limit (429) says when to try again, and the draft stays. */
export const RateLimited: Story = {
  args: { compose: true },
  parameters: { hearthApi: { posts: samplePosts(3), fail: { createPost: rateLimited(240) } } satisfies MockApiOptions },
  play: async ({ canvasElement }) => {
    const feed = await feedIn(canvasElement);
    const area = await waitFor(() => feed.shadowRoot!.querySelector('textarea'));
    area.value = 'Third update today: the #design review moved again, now Friday 10:00.';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => feed.shadowRoot!.querySelector<HTMLButtonElement>('.composer .primary[aria-disabled="false"]')).then((b) => b.click());
    await waitFor(() => feed.shadowRoot!.querySelector('.composer .message'));
  },
};

/**
 * The Following tab (`scope="following"`): posts with a tag, by a person or in a community the
 * reader follows (here #it and the Engineering community). The reader can switch to All.
 */
export const FollowingTab: Story = {
  args: { scope: 'following', compose: true },
  parameters: { hearthApi: followingApi() },
};

/** Following, with nothing followed yet: the feed says what to follow and how. */
export const FollowingEmpty: Story = {
  args: { scope: 'following' },
  parameters: { hearthApi: { posts: samplePosts(4) } satisfies MockApiOptions },
};

/**
 * On a feed of the whole intranet the composer asks where to post: company-wide or one of the
 * author's communities (the last choice is remembered, per API, in localStorage).
 */
export const PostTo: Story = {
  args: { compose: true },
  parameters: { hearthApi: followingApi() },
  play: async ({ canvasElement }) => {
    const feed = await feedIn(canvasElement);
    const select = await waitFor(() => feed.shadowRoot!.querySelector<HTMLSelectElement>('.place select option[value="engineering"]')?.parentElement as HTMLSelectElement | null);
    select.value = 'engineering';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  },
};

/**
 * The feed is filtered by #vpn (a tag picked on the page, with its Follow toggle) and a post
 * without #vpn is written: it is stored but not put under the filter; the composer says where
 * it went, with a link to it.
 */
export const PostedElsewhere: Story = {
  args: { compose: true },
  parameters: { hearthApi: followingApi() },
  play: async ({ canvasElement }) => {
    const feed = await feedIn(canvasElement);
    $selectedTag.set('vpn');
    const area = await waitFor(() => feed.shadowRoot!.querySelector('textarea'));
    area.value = 'Lunch menu for next week is up on the intranet.';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => feed.shadowRoot!.querySelector<HTMLButtonElement>('.composer .primary[aria-disabled="false"]')).then((b) => b.click());
    await waitFor(() => feed.shadowRoot!.querySelector('.placed'));
  },
};

/** Posts in communities and tags; the reader (Mira) is in Engineering and IT Help, follows #it and Engineering. */
function followingApi(): MockApiOptions {
  return {
    posts: sampleSearchPosts(),
    data: {
      tags: { following: ['it'] },
      search: { followedCommunities: ['engineering'] } satisfies MockSearchData,
      communities: [
        makeCommunity({ slug: 'engineering', name: 'Engineering', membership: 'member' }),
        makeCommunity({ slug: 'it-help', name: 'IT Help', membership: 'manager' }),
        makeCommunity({ slug: 'design', name: 'Design' }),
      ],
    },
  };
}

/** Storybook 10 picks the page background from `globals` (`parameters.backgrounds.default` is gone). */
export const Dark: Story = {
  args: { theme: 'dark', compose: true },
  globals: { backgrounds: { value: 'dark' } },
  parameters: { hearthApi: { posts: samplePosts(4) } satisfies MockApiOptions },
};

async function feedIn(root: HTMLElement): Promise<HearthFeed> {
  return waitFor(() => root.querySelector('hearth-feed'));
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
