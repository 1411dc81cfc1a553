/**
 * The mock API's community endpoints (a plugin of testing/mock-api.ts), following the server's
 * rules in server/src/features/communities/service.ts: a restricted community is a 404 for
 * non-members unless it is listed (or they are invited or pending), and then only its name and
 * purpose are shown; archived communities take no writes (409); invitation-only ones answer 403
 * to a join; the last manager cannot leave (409). Managers (and admins) list, approve and refuse
 * requests (`{ decision, note? }`), invite by handle and change a community (`PATCH`); admins
 * create one (`POST /communities`). Bodies are checked with the contracts' own zod schemas, so a
 * bad one is the server's 400 problem+json with `errors[].path` like `body.purpose`.
 *
 * Seed with `new MockApi({ data: { communities: [makeCommunity({...})] } })`. Each community is
 * written as its full view for the mock's signed-in person (their `membership` included); the
 * mock derives the limited view and the 404 itself. Import this file for its side effect: it
 * registers the plugin.
 */
import type { Community, CommunityActivity, JoinRequest, JoinRequestList, MemberPage, MembershipResult, PersonSummary } from '@hearth/contracts';
import { CreateCommunityBody, DecideRequestBody, InviteBody, UpdateCommunityBody } from '@hearth/contracts';
import type { z } from 'zod';
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

/**
 * A pending request to join (or an invitation) of `person`, made `hoursAgo` hours ago. Seed them
 * by slug: `data: { communities, joinRequests: { engineering: [makeJoinRequest(sam)] } }`.
 */
export function makeJoinRequest(person: PersonSummary, kind: JoinRequest['kind'] = 'request', hoursAgo = 5): JoinRequest {
  return { person: summary(person), kind, createdAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString() };
}

/** The pending requests and invitations of `mock`, by community slug (changed by decisions and invitations). */
export function mockJoinRequests(mock: MockApi): Record<string, JoinRequest[]> {
  const seeded = mock.data['joinRequests'];
  if (!requestCopies.has(mock) || requestCopies.get(mock) !== seeded) {
    const copy = structuredClone((seeded ?? {}) as Record<string, JoinRequest[]>);
    mock.data['joinRequests'] = copy;
    requestCopies.set(mock, copy);
  }
  return mock.data['joinRequests'] as Record<string, JoinRequest[]>;
}
const requestCopies = new WeakMap<MockApi, unknown>();

/** A body checked by the contract's schema, as the server's `mount()` does: a 400 problem+json, or the parsed body. */
function parse<S extends z.ZodType>(schema: S, body: unknown): { ok: true; value: z.infer<S> } | { ok: false; response: Response } {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, value: result.data };
  const errors = result.error.issues.map((issue) => ({
    path: ['body', ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
  const first = errors[0]!;
  return { ok: false, response: problem(400, 'Your request is not valid', { detail: `${first.path}: ${first.message}`, errors }) };
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
    ['POST', /^\/communities$/, 'createCommunity'],
    ['PATCH', /^\/communities\/(?!inactive$)[^/]+$/, 'updateCommunity'],
    ['GET', /^\/communities\/[^/]+\/requests$/, 'listJoinRequests'],
    ['POST', /^\/communities\/[^/]+\/requests\/[^/]+$/, 'decideJoinRequest'],
    ['POST', /^\/communities\/[^/]+\/invitations$/, 'inviteToCommunity'],
  ],
  answer(mock, operation, { url, body, me }) {
    const all = mockCommunities(mock);
    const admin = me.roles.includes('admin');
    if (operation === 'createCommunity') {
      if (!admin) return problem(403, 'Not allowed', { detail: 'only admins create communities' });
      const parsed = parse(CreateCommunityBody, body);
      if (!parsed.ok) return parsed.response;
      const b = parsed.value;
      if (all.some((c) => c.slug === b.slug)) {
        return problem(409, 'Conflict', { detail: `a community with the slug "${b.slug}" exists already` });
      }
      const managers = b.managers.map((h) => samplePeople.find((p) => p.handle === h)).filter((p) => p !== undefined);
      const created = makeCommunity({
        ...b,
        memberCount: managers.length,
        managers: managers.map(summary),
        someMembers: [],
        activity: makeActivity({ posts30d: 0, daily: Array<number>(30).fill(0), activeMembers30d: 0, lastActivityAt: null }),
        membership: managers.some((p) => p.id === me.id) ? 'manager' : 'none',
        canManage: true,
      });
      all.push(created);
      return json(201, created);
    }
    if (operation === 'listCommunities') {
      // `q`, as the server's directory: the name, slug or purpose contains it.
      const q = (url.searchParams.get('q') ?? '').trim().toLocaleLowerCase();
      const items = all
        .filter((c) => c.state === 'active')
        .filter((c) => !q || `${c.name} ${c.slug} ${c.purpose}`.toLocaleLowerCase().includes(q))
        .map(access)
        .flatMap((a) => (a ? [view(a)] : []))
        .sort((a, b) => (b.activity?.posts30d ?? -1) - (a.activity?.posts30d ?? -1));
      return json(200, { items });
    }
    const slug = decodeURIComponent(/^\/api\/v1\/communities\/([^/]+)/.exec(url.pathname)?.[1] ?? '');
    const found = access(all.find((c) => c.slug === slug));
    if (!found) return notFound(slug);
    const { community } = found;
    const manages = !found.limited && (admin || community.canManage || community.membership === 'manager');
    const requests = mockJoinRequests(mock);
    switch (operation) {
      case 'updateCommunity': {
        if (!manages) return problem(403, 'Not allowed', { detail: `only the managers of ${community.name} can edit it` });
        const parsed = parse(UpdateCommunityBody, body);
        if (!parsed.ok) return parsed.response;
        Object.assign(community, parsed.value);
        return json(200, view({ community, limited: false }));
      }
      case 'listJoinRequests':
        if (!manages) return problem(403, 'Not allowed', { detail: `only the managers of ${community.name} see its requests` });
        return json(200, { items: requests[slug] ?? [] } satisfies JoinRequestList);
      case 'decideJoinRequest': {
        if (!manages) return problem(403, 'Not allowed', { detail: `only the managers of ${community.name} decide its requests` });
        const parsed = parse(DecideRequestBody, body);
        if (!parsed.ok) return parsed.response;
        const handle = decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
        const list = requests[slug] ?? [];
        const request = list.find((r) => r.person.handle === handle && r.kind === 'request');
        if (!request) return problem(404, 'Not found', { detail: `no pending request from @${handle}` });
        requests[slug] = list.filter((r) => r !== request);
        const approve = parsed.value.decision === 'approve';
        if (approve) community.memberCount = (community.memberCount ?? 0) + 1;
        return json(200, { membership: approve ? 'member' : 'none', memberCount: community.memberCount ?? 0 } satisfies MembershipResult);
      }
      case 'inviteToCommunity': {
        if (!manages) return problem(403, 'Not allowed', { detail: `only the managers of ${community.name} invite` });
        const parsed = parse(InviteBody, body);
        if (!parsed.ok) return parsed.response;
        const person = samplePeople.find((p) => p.handle === parsed.value.handle);
        if (!person) return problem(404, 'Not found', { detail: `nobody has the handle @${parsed.value.handle}` });
        const list = (requests[slug] ??= []);
        if (!list.some((r) => r.person.handle === person.handle)) list.push(makeJoinRequest(person, 'invite', 0));
        return json(200, { membership: 'invited', memberCount: community.memberCount ?? 0 } satisfies MembershipResult);
      }
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
