/**
 * The mock API's tag endpoints (cloud, autocomplete, one tag, follow), for tests and stories
 * (search is in testing/mock-search.ts). Importing this file registers them with every MockApi.
 * Their data lives in `mock.data.tags`, seeded with `new MockApi({ data: { tags: { ... } } })`;
 * whatever is not seeded is counted from the mock's posts, so a cloud and a feed on one page agree.
 */
import type { Following, Post, PostPage, TagCloud, TagCloudEntry, TagCount, TagDetail, TagWindow } from '@hearth/contracts';
import { normalizeTag } from '@hearth/contracts/text';
import { type MockApi, addMockPlugin, json, makePost, problem, samplePeople } from './mock-api.ts';

export interface MockTagsData {
  /** The cloud per window, any order; a window left out is counted from the mock's posts. */
  clouds?: Partial<Record<TagWindow, TagCloudEntry[]>>;
  /** More tags autocomplete knows, besides those of the clouds and the posts. */
  known?: TagCount[];
  /** Tags the signed-in person follows. */
  following?: string[];
}

const DAY = 86_400_000;
const WINDOWS = ['7', '30', '90', 'all'];
const TRENDING_MIN_POSTS = 3;
const TRENDING_MIN_GROWTH = 0.5;

/** The mock's tag data, copied on first use so one story's follows do not leak into the next. */
export function tagsOf(mock: MockApi): Required<MockTagsData> {
  const current = mock.data['tags'] as (MockTagsData & { own?: true }) | undefined;
  if (current?.own) return current as Required<MockTagsData>;
  const own = {
    clouds: { ...current?.clouds },
    known: [...(current?.known ?? [])],
    following: [...(current?.following ?? [])],
    own: true as const,
  };
  mock.data['tags'] = own;
  return own;
}

function allPosts(mock: MockApi): Post[] {
  return [...mock.posts, ...[...mock.replies.values()].flat()];
}

/** Counts tags per window from the posts, with the server's trending rule. */
function countCloud(posts: Post[], days: TagWindow, now = Date.now()): TagCloudEntry[] {
  const counts = new Map<string, { posts: number; previous: number }>();
  const span = days === 'all' ? Infinity : Number(days) * DAY;
  for (const post of posts) {
    const age = now - Date.parse(post.createdAt);
    const current = age < span;
    if (!current && !(age < 2 * span)) continue;
    for (const tag of post.tags) {
      const count = counts.get(tag) ?? { posts: 0, previous: 0 };
      if (current) count.posts += 1;
      else count.previous += 1;
      counts.set(tag, count);
    }
  }
  return [...counts]
    .filter(([, c]) => c.posts > 0)
    .map(([name, c]) => {
      if (days === 'all') return { name, posts: c.posts, previousPosts: null, growth: null, trending: false };
      const growth = c.previous > 0 ? (c.posts - c.previous) / c.previous : null;
      const trending = c.posts >= TRENDING_MIN_POSTS && (c.previous === 0 || (growth ?? 0) >= TRENDING_MIN_GROWTH);
      return { name, posts: c.posts, previousPosts: c.previous, growth, trending };
    });
}

const byUse = (a: TagCount, b: TagCount) => b.posts - a.posts || a.name.localeCompare(b.name);

function invalid(path: string, message: string): Response {
  return problem(400, 'Invalid request', { errors: [{ path, message, code: 'invalid' }] });
}

function limitOf(url: URL, fallback: number, max: number): number | Response {
  const raw = url.searchParams.get('limit');
  const limit = raw === null ? fallback : Number(raw);
  return Number.isInteger(limit) && limit >= 1 && limit <= max ? limit : invalid('limit', `between 1 and ${max}`);
}

/** Every tag the mock knows with its largest count, for autocomplete and the tag page. */
function knownTags(mock: MockApi): TagCount[] {
  const data = tagsOf(mock);
  const best = new Map<string, number>();
  const add = ({ name, posts }: TagCount) => best.set(name, Math.max(posts, best.get(name) ?? 0));
  for (const list of Object.values(data.clouds)) list?.forEach(add);
  data.known.forEach(add);
  countCloud(allPosts(mock), 'all').forEach(add);
  return [...best].map(([name, posts]) => ({ name, posts })).sort(byUse);
}

addMockPlugin({
  routes: [
    ['GET', /^\/tags$/, 'tagCloud'],
    ['GET', /^\/tags\/suggest$/, 'suggestTags'],
    ['GET', /^\/tags\/[^/]+$/, 'getTag'],
    ['PUT', /^\/tags\/[^/]+\/follow$/, 'followTag'],
    ['DELETE', /^\/tags\/[^/]+\/follow$/, 'unfollowTag'],
  ],
  answer(mock, operation, { url }) {
    const data = tagsOf(mock);
    const params = url.searchParams;
    switch (operation) {
      case 'tagCloud': {
        const days = (params.get('days') ?? '30') as TagWindow;
        if (!WINDOWS.includes(days)) return invalid('days', "one of '7', '30', '90', 'all'");
        const limit = limitOf(url, 30, 100);
        if (limit instanceof Response) return limit;
        const community = params.get('community');
        if (community && mock.communities && !mock.communities.includes(community)) {
          return problem(404, 'Not found', { detail: 'No such community.' });
        }
        const seeded = data.clouds[days];
        const posts = allPosts(mock).filter((p) => !community || p.community?.slug === community);
        const items = [...(seeded ?? countCloud(posts, days))].sort(byUse).slice(0, limit);
        return json(200, { days, items } satisfies TagCloud);
      }
      case 'suggestTags': {
        const prefix = normalizeTag(params.get('prefix') ?? '');
        if (!prefix) return invalid('prefix', 'a tag of 1 to 40 letters, digits, - or _');
        const limit = limitOf(url, 8, 20);
        if (limit instanceof Response) return limit;
        const items = knownTags(mock).filter((t) => t.name.startsWith(prefix)).slice(0, limit);
        return json(200, { items });
      }
      case 'getTag':
      case 'followTag':
      case 'unfollowTag': {
        const name = normalizeTag(decodeURIComponent(url.pathname.split('/')[4] ?? ''));
        const tag = name ? knownTags(mock).find((t) => t.name === name) : undefined;
        if (!name || !tag) return problem(404, 'Not found', { detail: `No tag #${name ?? ''}.` });
        if (operation !== 'getTag') {
          data.following = data.following.filter((n) => n !== name);
          if (operation === 'followTag') data.following.push(name);
          return json(200, { following: operation === 'followTag' });
        }
        const tagged = allPosts(mock).filter((p) => p.tags.includes(name));
        const related = countCloud(tagged, 'all')
          .filter((t) => t.name !== name)
          .map(({ name: n, posts }) => ({ name: n, posts }))
          .sort(byUse)
          .slice(0, 8);
        const authors = new Map<number, { person: Post['author']; posts: number }>();
        for (const p of tagged) {
          const entry = authors.get(p.author.id) ?? { person: p.author, posts: 0 };
          entry.posts += 1;
          authors.set(p.author.id, entry);
        }
        const detail: TagDetail = {
          name,
          aliases: [],
          posts: tag.posts,
          following: data.following.includes(name),
          topContributors: [...authors.values()].sort((a, b) => b.posts - a.posts).slice(0, 5),
          related,
        };
        return json(200, detail);
      }
      default:
        return problem(404, 'Not found');
    }
  },
});

// ---- Sample data: an intranet's tags, deterministic for stable screenshots.

/** A plausible cloud: heavy-tailed counts, a few tags trending. */
export function sampleCloud(count = 24): TagCloudEntry[] {
  const rows: Array<[string, number, number]> = [
    ['kubernetes', 86, 41], ['onboarding', 64, 60], ['townhall', 51, 20], ['security', 47, 45],
    ['design', 39, 37], ['hiring', 33, 35], ['q2-planning', 31, 6], ['accessibility', 27, 12],
    ['ci', 24, 22], ['research', 21, 19], ['remote-work', 18, 20], ['finance', 16, 15],
    ['sustainability', 14, 4], ['platform', 12, 11], ['facilities', 11, 12], ['mentoring', 9, 8],
    ['release-2025', 8, 0], ['observability', 7, 6], ['lyon-office', 6, 7], ['expenses', 5, 5],
    ['wellbeing', 4, 3], ['vpn', 3, 3], ['docs', 2, 2], ['offsite', 1, 1],
    ['incident-review', 1, 1], ['pilot', 1, 2], ['data', 1, 1], ['it', 1, 1],
  ];
  return rows.slice(0, count).map(([name, posts, previous]) => {
    const growth = previous > 0 ? (posts - previous) / previous : null;
    const trending = posts >= TRENDING_MIN_POSTS && (previous === 0 || (growth ?? 0) >= TRENDING_MIN_GROWTH);
    return { name, posts, previousPosts: previous, growth, trending };
  });
}

const SENTENCES = [
  'Notes from this morning are on the wiki, comments welcome.',
  'Who else is looking at this? Happy to compare approaches.',
  'Short update: we are on track for the end of the month.',
  'The recording is up for anyone who missed the session.',
  'Looking for two volunteers to review the draft this week.',
  'Lessons learned, in five bullet points, after the last sprint.',
  'We changed the process, here is what it means for your team.',
  'Thanks everyone who joined, great questions today.',
];

/**
 * `count` posts over the last 60 days whose #tags follow `sampleCloud`'s proportions, newest
 * first: the counted cloud and the filtered feed of one mock then agree.
 */
export function sampleTaggedPosts(count = 120, options: { now?: number; startId?: number } = {}): Post[] {
  const now = options.now ?? Date.now();
  const cloud = sampleCloud(16);
  const total = cloud.reduce((sum, t) => sum + t.posts, 0);
  let seed = 7;
  const random = () => ((seed = (seed * 16_807) % 2_147_483_647) - 1) / 2_147_483_646;
  const pick = () => {
    let r = random() * total;
    for (const tag of cloud) if ((r -= tag.posts) < 0) return tag;
    return cloud[0]!;
  };
  return [...Array(count).keys()].map((i) => {
    const first = pick();
    const second = random() < 0.35 ? pick() : null;
    // Trending tags are used mostly lately, the rest evenly over the two months.
    const span = first.trending ? 30 : 60;
    const tags = second && second.name !== first.name ? [first.name, second.name] : [first.name];
    return makePost({
      id: (options.startId ?? 1) + i,
      author: samplePeople[i % samplePeople.length]!,
      body: `${SENTENCES[i % SENTENCES.length]!} ${tags.map((t) => `#${t}`).join(' ')}`,
      createdAt: new Date(now - Math.floor(random() * span * DAY) - i * 60_000).toISOString(),
      likeCount: (i * 5) % 11,
    });
  }).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * The feed's Following scope (`GET /posts?following=all`) for `mock`: the mock's core answers
 * `/posts` without looking at `following`, so this wraps its `fetch` and keeps, of the page it
 * answers, the posts with a tag, by a person or in a community that `GET /me/following` names
 * (answered by testing/mock-search.ts or mock-people.ts when imported; else the tags followed
 * here). The request is recorded as the core records it (`calls('listPosts')`, `following` in
 * its URL). Returns `mock`.
 */
export function withFollowingFeed<T extends MockApi>(mock: T): T {
  const base = mock.fetch;
  const wrapped: MockApi['fetch'] = async (input, init) => {
    // Only GETs are looked at: a Request made of a write's would take its body away.
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
    if (method !== 'GET' || !url.pathname.endsWith('/posts') || !url.searchParams.get('following')) return base(input, init);
    const headers = new Request(input, init).headers;
    const page = await base(input, init);
    if (!page.ok) return page;
    const asked = await base(new URL(url.pathname.replace(/posts$/, 'me/following'), url), { headers });
    const followed: Following = asked.ok
      ? ((await asked.json()) as Following)
      : { tags: [...tagsOf(mock).following], people: [], communities: [] };
    const { items, nextCursor } = (await page.json()) as PostPage;
    const kept = items.filter(
      (p) =>
        p.tags.some((t) => followed.tags.includes(t)) ||
        (url.searchParams.get('following') === 'all' &&
          (followed.people.some((f) => f.handle === p.author.handle) || followed.communities.some((c) => c.slug === p.community?.slug))),
    );
    return json(200, { items: kept, nextCursor } satisfies PostPage);
  };
  (mock as { fetch: MockApi['fetch'] }).fetch = wrapped;
  return mock;
}
