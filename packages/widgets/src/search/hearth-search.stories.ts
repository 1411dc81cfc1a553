import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PersonSummary } from '@hearth/contracts';
import './define.ts';
import type { HearthSearch } from './hearth-search.ts';
import type { SearchFilters } from './url.ts';
import { MockApi, type MockApiOptions, makePost, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { sampleSearchData } from '../testing/mock-search.ts';

/**
 * Every story talks to its own in-memory API (testing/mock-api.ts with the search endpoints of
 * testing/mock-search.ts, typed by the contracts) through the widgets' real runtime:
 * `parameters.hearthApi` shapes what it answers. Mira Lindqvist is signed in; the intranet has
 * posts, questions, communities and tags about the VPN, and the story searches for `q`.
 */
interface SearchArgs {
  variant: 'body' | 'compact';
  /** What the story searches for once rendered (empty: the suggestions). */
  q: string;
  /** Filters chosen with it. */
  filters: SearchFilters;
  /** Opens the compact panel once rendered. */
  open: boolean;
  postHrefTemplate: string;
  theme: 'auto' | 'light' | 'dark';
  lang: string;
  dir: '' | 'ltr' | 'rtl';
}

/** Someone `GET /people?q=vpn` finds: IT's VPN desk. */
const vpnDesk: PersonSummary = { id: 40, handle: 'vpn.desk', name: 'VPN Desk', title: 'Remote access support', department: 'IT' };

/** The VPN intranet (testing/mock-search.ts), with `extra` options. */
function api(extra: MockApiOptions = {}): MockApiOptions {
  const sample = sampleSearchData();
  return { posts: sample.posts, people: [...samplePeople, vpnDesk], ...extra, data: { ...sample.data, ...extra.data } };
}

/** Twenty more posts that mention the VPN: more than a page. */
function manyPosts() {
  return [...Array(20).keys()].map((i) =>
    makePost({ id: 400 + i, author: samplePeople[i % 7]!, createdAt: new Date(Date.parse('2025-02-01T09:00:00Z') - i * 86_400_000).toISOString(), body: `VPN note ${i + 1}: the office gateway is busy around 9:00, connect a little earlier. #vpn` }),
  );
}

/** Searches for the story's `q` (or opens the compact panel), as a person would. Each story names it: a test rendering stories runs only theirs. */
async function play({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const el = canvasElement.querySelector<HearthSearch>('hearth-search')!;
  const story = el.closest<HTMLElement>('[data-q]')!.dataset;
  const filters = JSON.parse(story['filters'] ?? '{}') as SearchFilters;
  await el.updateComplete;
  if (story['q'] || Object.keys(filters).length) el.search(story['q'] ?? '', filters);
  else if (story['open']) el.toggle(true);
}

const meta: Meta<SearchArgs> = {
  title: 'Widgets/Search',
  component: 'hearth-search',
  args: { variant: 'body', q: 'vpn', filters: {}, open: true, postHrefTemplate: '', theme: 'auto', lang: '', dir: '' },
  argTypes: {
    variant: { control: 'inline-radio', options: ['body', 'compact'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    lang: { control: 'select', options: ['', 'en', 'fr', 'de', 'es', 'ar'] },
    dir: { control: 'inline-radio', options: ['', 'ltr', 'rtl'] },
  },
  parameters: { layout: 'padded', hearthApi: api() },
  render: (args, { parameters }) => {
    const mock = useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined));
    const compact = args.variant === 'compact';
    const search = html`<hearth-search
      api=${mock.api}
      token-url=${mock.tokenUrl}
      variant=${args.variant}
      post-href-template=${ifDefined(args.postHrefTemplate || undefined)}
      theme=${args.theme}
    ></hearth-search>`;
    // The compact box in a portal's header bar, with room below for its panel. The play reads
    // what to search for from the data attributes (it is not always given the args).
    return html`<div
      lang=${ifDefined(args.lang || undefined)}
      dir=${ifDefined(args.dir || undefined)}
      data-q=${args.q}
      data-filters=${JSON.stringify(args.filters)}
      data-open=${args.variant === 'compact' && args.open ? 'open' : ''}
    >
      ${compact
        ? html`<div style="min-height: 40rem">
            <header
              style="display: flex; align-items: center; gap: 1rem; padding: 0.5rem 1rem; background: #1f3a5f; color: #fff; border-radius: 6px"
            >
              <strong style="flex: none">Intranet</strong>
              <div style="flex: 1; max-width: 22rem; margin-inline-start: auto; color: #1a1a1a">${search}</div>
            </header>
          </div>`
        : html`<div style="max-width: 60rem">${search}</div>`}
    </div>`;
  },
  play,
};
export default meta;

type Story = StoryObj<SearchArgs>;

/** A search page: "vpn" in questions (answered first), posts, people, communities and tags, with the facets. */
export const Results: Story = { play };

/** In a portal's header (`variant="compact"`): the results open in a panel under the box. */
export const Header: Story = { play, args: { variant: 'compact' } };

/** The header's box, closed. */
export const HeaderClosed: Story = { play, args: { variant: 'compact', q: '', open: false } };

/** The header's box, focused with nothing typed: the suggestions. */
export const HeaderSuggestions: Story = { play, args: { variant: 'compact', q: '' } };

/** Nothing typed: popular tags and recent questions, not an error. */
export const Suggestions: Story = { play, args: { q: '' } };

/** One character: still the suggestions, with a hint to type more. */
export const OneCharacter: Story = { play, args: { q: 'v' } };

/** Narrowed by a community and a date: the chips remove them. */
export const Filtered: Story = { play, args: { filters: { community: 'it-help', from: '2025-02-01' } } };

/** More posts than a page: "Load more". */
export const LoadMore: Story = { play, parameters: { hearthApi: api({ posts: [...sampleSearchData().posts, ...manyPosts()] }) } };

/** Nothing found. */
export const NoResults: Story = { play, args: { q: 'kerberos' } };

/** Only quotes and operators: searched as the text it is. */
export const OnlyOperators: Story = { play, args: { q: '"" OR -' } };

/** Searching (the answer never comes). */
export const Loading: Story = { play, parameters: { hearthApi: api({ pending: ['search', 'searchPeople', 'listCommunities', 'suggestTags'] }) } };

/** The search failed: the reason and Retry. */
export const LoadError: Story = { play, name: 'Error', parameters: { hearthApi: api({ fail: { search: { status: 503, title: 'Service Unavailable' } } }) } };

/** Signed out: Sign in. */
export const SignedOut: Story = { play, parameters: { hearthApi: api({ me: null }) } };

/** Dark. */
export const Dark: Story = { play, args: { theme: 'dark' } };

/** The header's panel, dark. */
export const HeaderDark: Story = { play, args: { theme: 'dark', variant: 'compact' } };

/** Right to left (Arabic page direction, English words). */
export const RightToLeft: Story = { play, args: { dir: 'rtl' } };

/** In French. */
export const French: Story = { play, args: { lang: 'fr' } };

/** Posts open on the page's own pages (`post-href-template="/social?post={id}"`). */
export const HrefTemplate: Story = { play, args: { postHrefTemplate: '/social?post={id}' } };
