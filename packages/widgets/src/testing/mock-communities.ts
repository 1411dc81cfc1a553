/**
 * The mock API's community endpoints (a plugin of testing/mock-api.ts), following the server's
 * rules in server/src/features/communities/service.ts: a restricted community is a 404 for
 * non-members unless it is listed (or they are invited or pending), and then only its name and
 * purpose are shown; archived communities take no writes (409); invitation-only ones answer 403
 * to a join; the last manager cannot leave (409).
 *
 * Seed with `new MockApi({ data: { communities: [makeCommunity({...})] } })`. Each community is
 * written as its full view for the mock's signed-in person (their `membership` included); the
 * mock derives the limited view and the 404 itself. Import this file for its side effect: it
 * registers the plugin.
 */
import type { Community, CommunityActivity, MemberPage, MembershipResult, PersonSummary } from '@hearth/contracts';
import { type MockApi, addMockPlugin, json, problem, samplePeople } from './mock-api.ts';

const DAY = 86_400_000;

/** The communities of `mock` (a copy of what it was seeded with, changed by joins and leaves). */
export function mockCommunities(mock: MockApi): Community[] {
  const seeded = mock.data['communities'];
  if (!copies.has(mock) || copies.get(mock) !== seeded) {
    // Copied on first use: story parameters are shared by every render of a story, and a join in
    // one render must not leak into the next.
    const copy = structuredClone((seeded ?? []) as Community[]);
    mock.data['communities'] = copy;
    copies.set(mock, copy);
  }
  return mock.data['communities'] as Community[];
}
const copies = new WeakMap<MockApi, unknown>();

function summary({ id, handle, name, title, department }: PersonSummary): PersonSummary {
  return { id, handle, name, title, department };
}

/** Thirty days of posts per day, oldest first; deterministic so screenshots stay stable. */
export function sampleDaily(total: number, seed = 1): number[] {
  // Two slow waves and a gentle rise: busy and quiet weeks, livelier lately.
  const weights = [...Array(30).keys()].map((i) => Math.max(0.1, 1.2 + Math.sin(i * 0.9 + seed) * 0.8 + Math.sin(i * 0.37) * 0.6 + i / 20));
  const sum = weights.reduce((a, b) => a + b, 0);
  // Rounded on the running total, so the days add up to exactly `total`.
  let running = 0;
  return weights.map((w) => {
    const before = Math.round((running * total) / sum);
    running += w;
    return Math.round((running * total) / sum) - before;
  });
}

export function makeActivity(overrides: Partial<CommunityActivity> = {}): CommunityActivity {
  const posts30d = overrides.posts30d ?? overrides.daily?.reduce((a, b) => a + b, 0) ?? 42;
  return {
    posts30d,
    activeMembers30d: 9,
    lastActivityAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    inactive: false,
    daily: sampleDaily(posts30d),
    ...overrides,
  };
}

/** An open community Mira (the mock's default person) is not a member of, with defaults. */
export function makeCommunity(overrides: Partial<Community> = {}): Community {
  // Mira (samplePeople[0]) is the mock's signed-in person: not among the members by default.
  const [, jonas, aisha, tom, ana, , sam] = samplePeople;
  return {
    slug: 'engineering',
    name: 'Engineering',
    visibility: 'open',
    purpose: 'Share how we build, ship and run our software, and ask the people who know.',
    description: '',
    joinPolicy: 'open',
    state: 'active',
    listed: false,
    limited: false,
    memberCount: 128,
    managers: [summary(jonas!)],
    someMembers: [aisha!, tom!, ana!, sam!].map(summary),
    activity: makeActivity(),
    membership: 'none',
    canManage: false,
    ...overrides,
  };
}

type Access = { community: Community; limited: boolean } | null;

/** What the signed-in person may see, as the server's `find` decides. */
function access(community: Community | undefined): Access {
  if (!community) return null;
  if (community.visibility === 'open') return { community, limited: false };
  const m = community.membership;
  if (m === 'member' || m === 'manager') return { community, limited: false };
  if (community.listed || m === 'invited' || m === 'pending') return { community, limited: true };
  return null;
}

function view({ community, limited }: NonNullable<Access>): Community {
  if (!limited) return { ...community, limited: false, canManage: community.canManage || community.membership === 'manager' };
  return {
    ...community,
    limited: true,
    description: '',
    memberCount: null,
    managers: [],
    someMembers: [],
    activity: null,
    canManage: false,
  };
}

const notFound = (slug: string) =>
  problem(404, 'Not found', { detail: `community "${slug}" does not exist or is not visible to you` });

addMockPlugin({
  routes: [
    ['GET', /^\/communities$/, 'listCommunities'],
    ['GET', /^\/communities\/(?!inactive$)[^/]+$/, 'getCommunity'],
    ['PUT', /^\/communities\/[^/]+\/membership$/, 'joinCommunity'],
    ['DELETE', /^\/communities\/[^/]+\/membership$/, 'leaveCommunity'],
    ['GET', /^\/communities\/[^/]+\/members$/, 'listMembers'],
  ],
  answer(mock, operation, { url }) {
    const all = mockCommunities(mock);
    if (operation === 'listCommunities') {
      const items = all
        .filter((c) => c.state === 'active')
        .map(access)
        .flatMap((a) => (a ? [view(a)] : []))
        .sort((a, b) => (b.activity?.posts30d ?? -1) - (a.activity?.posts30d ?? -1));
      return json(200, { items });
    }
    const slug = decodeURIComponent(/^\/api\/v1\/communities\/([^/]+)/.exec(url.pathname)?.[1] ?? '');
    const found = access(all.find((c) => c.slug === slug));
    if (!found) return notFound(slug);
    const { community } = found;
    switch (operation) {
      case 'getCommunity':
        return json(200, view(found));
      case 'listMembers': {
        if (found.limited) return notFound(slug);
        const items = [
          ...community.managers.map((person) => ({ person, role: 'manager' as const })),
          ...community.someMembers.map((person) => ({ person, role: 'member' as const })),
        ].map((m) => ({ ...m, since: new Date(Date.now() - 90 * DAY).toISOString() }));
        return json(200, { items, nextCursor: null } satisfies MemberPage);
      }
      case 'joinCommunity':
      case 'leaveCommunity': {
        if (community.state === 'archived') {
          return problem(409, 'Conflict', { detail: `${community.name} is archived and read-only` });
        }
        const before = community.membership;
        const joining = operation === 'joinCommunity';
        let after = before;
        if (joining) {
          if (before === 'none' && community.joinPolicy === 'invite') {
            return problem(403, 'Not allowed', { detail: `${community.name} is by invitation only: ask one of its managers` });
          }
          if (before === 'invited' || (before === 'none' && community.joinPolicy === 'open')) after = 'member';
          else if (before === 'none') after = 'pending';
        } else {
          if (before === 'manager' && community.managers.length <= 1) {
            return problem(409, 'Conflict', {
              detail: `you are the last manager of ${community.name}: appoint another manager before you leave`,
            });
          }
          after = 'none';
        }
        const wasIn = before === 'member' || before === 'manager';
        const isIn = after === 'member' || after === 'manager';
        community.memberCount = (community.memberCount ?? 0) + (isIn === wasIn ? 0 : isIn ? 1 : -1);
        community.membership = after;
        if (before === 'manager' && after === 'none') community.managers = community.managers.filter((p) => p.id !== mock.me?.id);
        return json(200, { membership: after, memberCount: community.memberCount } satisfies MembershipResult);
      }
      default:
        return problem(404, 'Not found');
    }
  },
});
