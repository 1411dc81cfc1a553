/**
 * The mock API's people cards (`GET /people/:handle`), follow, endorsements, your skills and
 * away, for tests and stories. Importing this file registers them with every MockApi. Their data
 * lives in `mock.data.people` (see {@link MockPeopleData}); a handle without a card there is
 * built from the mock's sample people, so every name a widget shows has a card.
 */
import type { FollowState, PersonCard, PersonExpertise, PersonSkill, PersonSummary } from '@hearth/contracts';
import { isHandle, normalizeTag } from '@hearth/contracts/text';
import { type MockApi, addMockPlugin, json, problem, samplePeople } from './mock-api.ts';

/** A card as stored: what the viewer sees is computed (isMe, endorsedByMe stays as stored). */
export type StoredCard = Omit<PersonCard, 'isMe'>;

export interface MockPeopleData {
  /** Cards by handle; missing ones are built from the sample people (see sampleCard). */
  cards?: Record<string, StoredCard>;
  /** Handles that exist but the viewer may not see (deactivated, hidden): 404 like a missing one. */
  hidden?: string[];
}

const DAY = 86_400_000;
const BASE = Date.parse('2025-03-03T09:00:00Z');

/** A skill with zeros where not given. */
export function skill(tag: string, r: Partial<PersonSkill> = {}): PersonSkill {
  return { tag, declared: false, endorsements: 0, endorsedByMe: false, acceptedAnswers: 0, upvotes: 0, ...r };
}

const summary = (p: PersonSummary): PersonSummary => ({ id: p.id, handle: p.handle, name: p.name, title: p.title, department: p.department });
const engineering = { slug: 'engineering', name: 'Engineering', visibility: 'open' as const };
const designGuild = { slug: 'design-guild', name: 'Design Guild', visibility: 'open' as const };

/** A plausible card for one of the sample people (or anyone), deterministic for screenshots. */
export function sampleCard(person: PersonSummary, overrides: Partial<StoredCard> = {}): StoredCard {
  const i = person.id;
  const skills =
    i === 1
      ? [
          skill('kubernetes', { acceptedAnswers: 3, upvotes: 12, declared: true, endorsements: 5 }),
          skill('vpn', { acceptedAnswers: 1, upvotes: 4 }),
          skill('terraform', { declared: true, endorsements: 2 }),
          skill('ci', { upvotes: 3 }),
        ]
      : i % 3 === 0
        ? []
        : [skill(['onboarding', 'finance', 'research', 'security'][i % 4]!, { declared: true, endorsements: i % 4, acceptedAnswers: i % 2 })];
  return {
    person: summary(person),
    away: false,
    following: false,
    followers: (i * 7) % 23,
    skills,
    communities: i % 2 ? [{ ...engineering, role: i === 1 ? 'manager' : 'member' }, { ...designGuild, role: 'member' }] : [{ ...engineering, role: 'member' }],
    recent: [
      {
        kind: 'answer',
        id: 900 + i,
        questionId: 400 + i,
        questionTitle: 'How do I stop the VPN asking me to sign in every hour?',
        excerpt: 'Turn on "remember this device" in the VPN client settings.',
        accepted: i === 1,
        createdAt: new Date(BASE - i * DAY).toISOString(),
      },
      {
        kind: 'post',
        id: 800 + i,
        excerpt: 'The new build cache is live for every repository. CI times dropped from 14 to 6 minutes.',
        createdAt: new Date(BASE - (i + 2) * DAY).toISOString(),
        community: engineering,
      },
    ],
    ...overrides,
  };
}

/** The mock's people data, copied on first use so one story's writes do not leak into the next. */
/** The people the mock's signed-in person follows (`GET /me/following` is answered by testing/mock-search.ts). */
export function followedPeople(mock: MockApi): PersonSummary[] {
  return [...peopleOf(mock).cards.values()].filter((c) => c.following).map((c) => c.person);
}

function peopleOf(mock: MockApi): { cards: Map<string, StoredCard>; hidden: Set<string> } {
  const current = mock.data['people'] as (MockPeopleData & { own?: { cards: Map<string, StoredCard>; hidden: Set<string> } }) | undefined;
  if (current?.own) return current.own;
  const own = {
    cards: new Map(Object.entries(current?.cards ?? {}).map(([h, c]) => [h, structuredClone(c)])),
    hidden: new Set(current?.hidden ?? []),
  };
  mock.data['people'] = { ...current, own };
  return own;
}

function cardOf(mock: MockApi, handle: string): StoredCard | null {
  const data = peopleOf(mock);
  if (data.hidden.has(handle)) return null;
  let card = data.cards.get(handle);
  if (!card) {
    const known = [...samplePeople, ...mock.people].find((p) => p.handle === handle);
    if (!known) return null;
    card = sampleCard(known);
    data.cards.set(handle, card);
  }
  return card;
}

const view = (card: StoredCard, me: PersonSummary): PersonCard => ({ ...structuredClone(card), isMe: card.person.id === me.id });

function expertise(card: StoredCard): PersonExpertise {
  return {
    person: card.person,
    away: card.away,
    skills: card.skills.map((s) => ({ tag: s.tag, declared: s.declared, endorsements: s.endorsements, endorsedByMe: s.endorsedByMe })),
  };
}

export const mockPeople = {
  routes: [
    ['GET', /^\/people\/[^/]+$/, 'personCard'],
    ['PUT', /^\/people\/[^/]+\/follow$/, 'followPerson'],
    ['DELETE', /^\/people\/[^/]+\/follow$/, 'unfollowPerson'],
    ['PUT', /^\/people\/[^/]+\/skills\/[^/]+\/endorsement$/, 'endorse'],
    ['DELETE', /^\/people\/[^/]+\/skills\/[^/]+\/endorsement$/, 'unendorse'],
    ['PUT', /^\/me\/skills$/, 'setSkills'],
    ['PUT', /^\/me\/away$/, 'setAway'],
  ] as Array<[string, RegExp, string]>,
  answer(mock: MockApi, operation: string, { url, body, me }: { url: URL; body: unknown; me: PersonSummary }): Response {
    const path = url.pathname.replace(/^\/api\/v1/, '').split('/').map(decodeURIComponent);
    const handle = path[2] ?? '';
    switch (operation) {
      case 'personCard': {
        if (!isHandle(handle)) {
          return problem(400, 'Invalid request', { errors: [{ path: 'handle', message: 'a handle is 1-32 lower-case letters, digits, ".", "_" or "-"', code: 'invalid_format' }] });
        }
        const card = cardOf(mock, handle);
        return card ? json(200, view(card, me)) : problem(404, 'Not found', { detail: 'No such person.' });
      }
      case 'followPerson':
      case 'unfollowPerson': {
        const card = cardOf(mock, handle);
        if (!card) return problem(404, 'Not found');
        if (card.person.id === me.id) return problem(400, 'Invalid request', { detail: 'You cannot follow yourself.' });
        const following = operation === 'followPerson';
        if (card.following !== following) card.followers += following ? 1 : -1;
        card.following = following;
        return json(200, { following } satisfies FollowState);
      }
      case 'endorse':
      case 'unendorse': {
        const card = cardOf(mock, handle);
        const s = card?.skills.find((k) => k.tag === path[4]);
        if (!card || !s) return problem(404, 'Not found');
        if (card.person.id === me.id) return problem(400, 'Invalid request', { detail: 'You cannot endorse your own skill.' });
        const endorsed = operation === 'endorse';
        if (s.endorsedByMe !== endorsed) s.endorsements += endorsed ? 1 : -1;
        s.endorsedByMe = endorsed;
        return json(200, { endorsements: s.endorsements, endorsedByMe: s.endorsedByMe } satisfies Pick<PersonSkill, 'endorsements' | 'endorsedByMe'>);
      }
      case 'setSkills': {
        const tags = (body as { tags?: unknown } | null)?.tags;
        if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || !normalizeTag(t))) {
          return problem(400, 'Invalid request', { errors: [{ path: 'body.tags', message: 'a list of tags', code: 'invalid_type' }] });
        }
        if (tags.length > 20) return problem(400, 'Invalid request', { errors: [{ path: 'body.tags', message: 'at most 20 skills', code: 'too_big' }] });
        const card = cardOf(mock, me.handle) ?? sampleCard(me);
        const wanted = [...new Set((tags as string[]).map((t) => normalizeTag(t)!))];
        // Earned expertise stays; declared is what the list says now.
        const kept = card.skills
          .map((s) => ({ ...s, declared: wanted.includes(s.tag) }))
          .filter((s) => s.declared || s.acceptedAnswers || s.upvotes);
        card.skills = [...kept, ...wanted.filter((t) => !kept.some((s) => s.tag === t)).map((t) => skill(t, { declared: true }))];
        peopleOf(mock).cards.set(me.handle, card);
        return json(200, expertise(card));
      }
      case 'setAway': {
        const away = (body as { away?: unknown } | null)?.away;
        if (typeof away !== 'boolean') return problem(400, 'Invalid request', { errors: [{ path: 'body.away', message: 'true or false', code: 'invalid_type' }] });
        const card = cardOf(mock, me.handle) ?? sampleCard(me);
        card.away = away;
        peopleOf(mock).cards.set(me.handle, card);
        return json(200, expertise(card));
      }
      default:
        return problem(404, 'Not found');
    }
  },
};

addMockPlugin(mockPeople);
