/**
 * The mock API's search endpoints (a plugin of testing/mock-api.ts), following the server's
 * contracts (packages/contracts/src/search.ts): `GET /search` over the mock's posts and the
 * questions seeded here (answered questions first, highlights as offsets, facets on the first
 * page, paging by cursor), `GET /search/suggestions`, `GET /me/following` (the tags followed in
 * testing/mock-tags.ts, the people in testing/mock-people.ts and the communities followed here) and `PUT/DELETE
 * /communities/:slug/follow`. Communities are testing/mock-communities.ts's; people the mock's.
 *
 * Seed with `new MockApi({ posts, people, data: { search: { questions, suggestions }, communities } })`.
 * Import this file for its side effect: it registers the plugin (with the tag and community ones).
 */
import type { Following, Question, SearchFacets, SearchHit, SearchPage, SearchSuggestions } from '@hearth/contracts';
import { normalizeTag } from '@hearth/contracts/text';
import { type MockApi, addMockPlugin, json, makePost, problem, samplePeople } from './mock-api.ts';
import { makeCommunity, mockCommunities } from './mock-communities.ts';
import { makeQuestion } from './mock-questions.ts';
import { tagsOf } from './mock-tags.ts';
import { followedPeople } from './mock-people.ts';

export interface MockSearchData {
  /** The questions search finds (posts are the mock's own). */
  questions?: Question[];
  /** What `GET /search/suggestions` answers; counted from the posts and questions when left out. */
  suggestions?: SearchSuggestions;
  /** Slugs of the communities the signed-in person follows. */
  followedCommunities?: string[];
}

const DAY = 86_400_000;

function searchOf(mock: MockApi): Required<MockSearchData> & { own: true } {
  const current = mock.data['search'] as (MockSearchData & { own?: true }) | undefined;
  if (current?.own) return current as Required<MockSearchData> & { own: true };
  const own = {
    questions: [...(current?.questions ?? [])],
    suggestions: current?.suggestions ?? (null as unknown as SearchSuggestions),
    followedCommunities: [...(current?.followedCommunities ?? [])],
    own: true as const,
  };
  mock.data['search'] = own;
  return own;
}

function invalid(path: string, message: string): Response {
  return problem(400, 'Invalid request', { errors: [{ path, message, code: 'invalid' }] });
}

/** Every place `needle` occurs in `text`, case-insensitively, as [start, end) offsets. */
function occurrences(text: string, needle: string, field: 'title' | 'body') {
  const hay = text.toLocaleLowerCase();
  const found: SearchHit['highlights'] = [];
  if (!needle) return found;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
    found.push({ field, start: at, end: at + needle.length });
  }
  return found;
}

type Filters = { tag: string | null; community: string | null; author: string | null; from: string | null; to: string | null };

function passes(item: { tags: string[]; community: { slug: string } | null; author: { handle: string }; createdAt: string }, f: Filters): boolean {
  const day = item.createdAt.slice(0, 10);
  return (
    (!f.tag || item.tags.includes(f.tag)) &&
    (!f.community || item.community?.slug === f.community) &&
    (!f.author || item.author.handle === f.author) &&
    (!f.from || day >= f.from) &&
    (!f.to || day <= f.to)
  );
}

function facetsOf(hits: SearchHit[]): SearchFacets {
  const tags = new Map<string, number>();
  const communities = new Map<string, SearchFacets['communities'][number]>();
  const authors = new Map<string, SearchFacets['authors'][number]>();
  for (const hit of hits.slice(0, 200)) {
    const item = hit.kind === 'post' ? hit.post : hit.question;
    for (const tag of item.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
    if (item.community) {
      const c = communities.get(item.community.slug) ?? { ...item.community, count: 0 };
      c.count += 1;
      communities.set(c.slug, c);
    }
    const a = authors.get(item.author.handle) ?? { ...item.author, count: 0 };
    a.count += 1;
    authors.set(a.handle, a);
  }
  const byCount = <T extends { count: number }>(list: Iterable<T>) => [...list].sort((x, y) => y.count - x.count).slice(0, 10);
  return {
    tags: byCount([...tags].map(([name, count]) => ({ name, count }))),
    communities: byCount(communities.values()),
    authors: byCount(authors.values()),
  };
}

addMockPlugin({
  routes: [
    ['GET', /^\/search$/, 'search'],
    ['GET', /^\/search\/suggestions$/, 'searchSuggestions'],
    ['GET', /^\/me\/following$/, 'following'],
    ['PUT', /^\/communities\/[^/]+\/follow$/, 'followCommunity'],
    ['DELETE', /^\/communities\/[^/]+\/follow$/, 'unfollowCommunity'],
  ],
  answer(mock, operation, { url }) {
    const data = searchOf(mock);
    const params = url.searchParams;
    switch (operation) {
      case 'search': {
        const q = (params.get('q') ?? '').trim();
        if (!q) return invalid('q', 'type something to search for');
        const kind = params.get('kind');
        if (kind && kind !== 'post' && kind !== 'question') return invalid('kind', "one of 'post', 'question'");
        const limit = Number(params.get('limit') ?? 20);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid('limit', 'between 1 and 100');
        const tag = params.get('tag');
        const filters: Filters = {
          tag: tag ? normalizeTag(tag) : null,
          community: params.get('community'),
          author: params.get('author'),
          from: params.get('from'),
          to: params.get('to'),
        };
        const needle = q.replace(/["*()]/g, ' ').trim().toLocaleLowerCase();
        const hits: SearchHit[] = [];
        if (kind !== 'post') {
          for (const question of data.questions) {
            if (question.hidden || !passes(question, filters)) continue;
            const highlights = [...occurrences(question.title, needle, 'title'), ...occurrences(question.body, needle, 'body')];
            if (highlights.length) hits.push({ kind: 'question', question, score: highlights.length, highlights });
          }
        }
        if (kind !== 'question') {
          for (const post of mock.posts) {
            if (post.hidden || !passes(post, filters)) continue;
            const highlights = occurrences(post.body, needle, 'body');
            if (highlights.length) hits.push({ kind: 'post', post, score: highlights.length, highlights });
          }
        }
        // Answered questions first, then by score, as the server ranks them.
        const answered = (h: SearchHit) => (h.kind === 'question' && h.question.state === 'answered' ? 1 : 0);
        hits.sort((a, b) => answered(b) - answered(a) || b.score - a.score);
        const cursor = params.get('cursor');
        const start = cursor ? Number(cursor) : 0;
        if (!Number.isInteger(start) || start < 0) return invalid('cursor', 'not a cursor this server gave');
        const items = hits.slice(start, start + limit);
        const next = start + limit < hits.length ? String(start + limit) : null;
        return json(200, { items, nextCursor: next, facets: cursor ? null : facetsOf(hits) } satisfies SearchPage);
      }
      case 'searchSuggestions': {
        if (data.suggestions) return json(200, data.suggestions);
        const tags = new Map<string, number>();
        for (const post of mock.posts) for (const t of post.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
        const suggestions: SearchSuggestions = {
          tags: [...tags].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count).slice(0, 8),
          questions: data.questions
            .filter((q) => !q.hidden)
            .map((q) => ({ id: q.id, title: q.title, answered: q.state === 'answered' }))
            .sort((a, b) => Number(b.answered) - Number(a.answered))
            .slice(0, 5),
        };
        return json(200, suggestions);
      }
      case 'following': {
        const communities = mockCommunities(mock).filter((c) => data.followedCommunities.includes(c.slug));
        const following: Following = {
          tags: [...tagsOf(mock).following],
          people: followedPeople(mock),
          communities: communities.map(({ slug, name, visibility }) => ({ slug, name, visibility })),
        };
        return json(200, following);
      }
      case 'followCommunity':
      case 'unfollowCommunity': {
        const slug = decodeURIComponent(url.pathname.split('/')[4] ?? '');
        if (!mockCommunities(mock).some((c) => c.slug === slug)) return problem(404, 'Not found', { detail: `No community "${slug}".` });
        data.followedCommunities = data.followedCommunities.filter((s) => s !== slug);
        if (operation === 'followCommunity') data.followedCommunities.push(slug);
        return json(200, { following: operation === 'followCommunity' });
      }
      default:
        return problem(404, 'Not found');
    }
  },
});

// ---- Sample data: an intranet's search for "vpn", deterministic for stable screenshots.

const [mira, jonas, aisha, tom, ana, li, sam] = samplePeople as [typeof samplePeople[0], ...typeof samplePeople];
const BASE = Date.parse('2025-03-03T09:00:00Z');
const ago = (days: number) => new Date(BASE - days * DAY).toISOString();
const it = { slug: 'it-help', name: 'IT Help', visibility: 'open' as const };
const eng = { slug: 'engineering', name: 'Engineering', visibility: 'open' as const };

/** Questions about the VPN and a few others: answered and open, in two communities. */
export function sampleSearchQuestions(): Question[] {
  return [
    makeQuestion({
      id: 201, title: 'How do I stop the VPN asking me to sign in every hour?', state: 'answered', answerCount: 3, acceptedAnswerId: 2011,
      body: 'Since the update the VPN client drops my session every hour and I have to sign in again.',
      author: ana!, tags: ['vpn', 'it'], community: it, createdAt: ago(4),
    }),
    makeQuestion({
      id: 202, title: 'Which VPN client works on Linux laptops?', body: 'The intranet page only lists Windows and macOS clients.',
      author: li!, tags: ['vpn', 'linux'], community: it, createdAt: ago(2),
    }),
    makeQuestion({
      id: 203, title: 'Can I reach the staging cluster without the VPN?', state: 'answered', answerCount: 1, acceptedAnswerId: 2031,
      body: 'From home, kubectl times out unless the VPN is on. Is there a bastion?',
      author: sam!, tags: ['kubernetes', 'vpn'], community: eng, createdAt: ago(20),
    }),
    makeQuestion({ id: 204, title: 'Who can book the atrium for a team event?', author: jonas!, tags: ['facilities'], createdAt: ago(40) }),
  ].map(({ answers: _answers, ...question }) => question);
}

/** Posts that mention the VPN, and a few that do not. */
export function sampleSearchPosts() {
  return [
    makePost({ id: 301, author: tom!, community: it, createdAt: ago(1), body: 'Heads-up: VPN maintenance Saturday 22:00–02:00. Webmail stays available. #vpn #it' }),
    makePost({ id: 302, author: mira!, community: eng, createdAt: ago(6), body: 'The new VPN profile fixes the hourly sign-in for most people: reinstall it from the IT portal. #vpn' }),
    makePost({ id: 303, author: aisha!, createdAt: ago(12), body: 'Travelling next week? Test the VPN before you leave, the hotel networks block some ports. #travel #vpn' }),
    makePost({ id: 304, author: jonas!, createdAt: ago(30), body: 'Town hall on Thursday at 15:00 in the atrium and on the stream. #townhall' }),
    makePost({ id: 305, author: li!, community: eng, createdAt: ago(45), body: 'Split tunnelling is now on for the VPN: video calls no longer go through the office. #vpn #it' }),
  ];
}

/** Communities for the directory part of the results. */
export function sampleSearchCommunities() {
  return [
    makeCommunity({ slug: 'it-help', name: 'IT Help', purpose: 'Ask IT about laptops, the VPN, accounts and access; answers stay for the next person.', memberCount: 412 }),
    makeCommunity({ slug: 'engineering', name: 'Engineering' }),
  ];
}

/** A mock seeded for a search of "vpn": posts, questions, communities, people and tags. */
export function sampleSearchData() {
  return {
    posts: sampleSearchPosts(),
    data: {
      search: { questions: sampleSearchQuestions() } satisfies MockSearchData,
      communities: sampleSearchCommunities(),
      tags: { known: [{ name: 'vpn', posts: 14 }, { name: 'vpn-linux', posts: 2 }], following: ['it'] },
    },
  };
}
