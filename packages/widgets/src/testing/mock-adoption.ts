/**
 * The mock API's adoption endpoints (GET /adoption, PUT /adoption/targets) and archiving a
 * community, for tests and stories of <hearth-adoption>. Importing this file registers them with
 * every MockApi. Their data lives in `mock.data.adoption` (seed it with
 * `new MockApi({ data: { adoption: sampleAdoption() } })`): admins get it all; community managers
 * get it without the quiet executives (as the server answers); anyone else gets 403.
 */
import type { Adoption, AdoptionFigures, AdoptionTargets } from '@hearth/contracts';
import { AdoptionTargets as TargetsSchema } from '@hearth/contracts';
import { type MockApi, addMockPlugin, json, problem } from './mock-api.ts';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A week's figures: the shares are the counts over the population, as the server divides them. */
export function figures(end: string, f: Partial<AdoptionFigures> & { people?: number; executives?: number } = {}): AdoptionFigures {
  const people = f.people ?? 1200;
  const executives = f.executives ?? 24;
  const readers = f.readers === undefined ? 420 : f.readers;
  const contributors = f.contributors ?? 300;
  const active = f.active === undefined ? (readers === null ? null : Math.max(readers, contributors) + 40) : f.active;
  const execContributors = f.executiveContributors ?? 4;
  const share = (a: number | null, b: number) => (a === null ? null : b > 0 ? a / b : null);
  const posts = f.posts ?? 140;
  return {
    start: iso(Date.parse(`${end}T00:00:00Z`) - 6 * DAY),
    end,
    people,
    readers,
    readerShare: share(readers, people),
    contributors,
    contributorShare: share(contributors, people),
    active,
    activeShare: share(active, people),
    executives,
    executiveContributors: execContributors,
    executiveContributorShare: share(execContributors, executives),
    executiveActive: readers === null ? null : execContributors + 6,
    executiveActiveShare: readers === null ? null : share(execContributors + 6, executives),
    posts,
    replies: f.replies ?? 260,
    questions: f.questions ?? 40,
    answers: f.answers ?? 65,
    questionsAnswered: f.questionsAnswered ?? 34,
    medianHoursToFirstAnswer: f.medianHoursToFirstAnswer === undefined ? 5.5 : f.medianHoursToFirstAnswer,
    medianHoursToFirstExpertAnswer: f.medianHoursToFirstExpertAnswer === undefined ? 9.25 : f.medianHoursToFirstExpertAnswer,
    unansweredAfter48hShare: f.unansweredAfter48hShare === undefined ? 0.15 : f.unansweredAfter48hShare,
    taggedPostShare: f.taggedPostShare === undefined ? 0.72 : f.taggedPostShare,
    activeCommunities: f.activeCommunities ?? 9,
  };
}

export const DEFAULT_TARGETS: AdoptionTargets = {
  activeShare: 0.38, contributorShare: 0.3, executiveContributorShare: 0.3, unansweredAfter48hShare: 0.2, taggedPostShare: 0.8,
};

/** A company growing over `weeks` weeks to the day `today`: every figure moves, some targets met. */
export function sampleAdoption(options: { weeks?: number; today?: string; community?: boolean } = {}): Adoption {
  const n = options.weeks ?? 12;
  const today = options.today ?? iso(Date.now());
  const end = Date.parse(`${today}T00:00:00Z`);
  const community = options.community ?? false;
  const weeks = [...Array(n).keys()].map((k) => {
    const i = n - 1 - k;
    const grow = (k + 1) / n;
    return figures(iso(end - 7 * i * DAY), {
      people: community ? 180 : 1200,
      readers: community ? null : Math.round(260 + 200 * grow),
      contributors: Math.round((community ? 30 : 210) + (community ? 40 : 190) * grow - (k % 3 === 1 ? 18 : 0)),
      executiveContributors: Math.round(1 + 4 * grow),
      executives: community ? 6 : 24,
      posts: Math.round(90 + 60 * grow),
      replies: Math.round(150 + 120 * grow),
      questions: 30 + (k % 4) * 3,
      answers: 45 + (k % 5) * 4,
      unansweredAfter48hShare: Math.round((0.32 - 0.16 * grow) * 1000) / 1000,
      taggedPostShare: Math.round((0.6 + 0.22 * grow) * 1000) / 1000,
    });
  });
  const days = [...Array(14).keys()].map((k) => figures(iso(end - (13 - k) * DAY), { people: community ? 180 : 1200, readers: community ? null : 120 + k * 3, contributors: 60 + k }));
  const current = weeks.at(-1)!;
  const byCommunity: Adoption['byCommunity'] = [
    { slug: 'engineering', name: 'Engineering', visibility: 'open', members: 420, contributors: 96, posts: 48, replies: 110, questions: 14, answers: 22, lastActiveDay: today, inactive: false },
    { slug: 'it-help', name: 'IT Help', visibility: 'open', members: 880, contributors: 71, posts: 12, replies: 40, questions: 19, answers: 31, lastActiveDay: today, inactive: false },
    { slug: 'leadership', name: 'Leadership forum', visibility: 'restricted', members: 24, contributors: 5, posts: 4, replies: 9, questions: 0, answers: 0, lastActiveDay: iso(end - 2 * DAY), inactive: false },
    { slug: 'design-guild', name: 'Design guild', visibility: 'open', members: 64, contributors: 12, posts: 6, replies: 14, questions: 2, answers: 3, lastActiveDay: iso(end - DAY), inactive: false },
    { slug: 'office-move-2023', name: 'Office move 2023', visibility: 'open', members: 310, contributors: 0, posts: 0, replies: 0, questions: 0, answers: 0, lastActiveDay: iso(end - 140 * DAY), inactive: true },
    { slug: 'book-club', name: 'Book club', visibility: 'open', members: 18, contributors: 0, posts: 0, replies: 0, questions: 0, answers: 0, lastActiveDay: iso(end - 61 * DAY), inactive: true },
    { slug: 'summer-party', name: '=Summer party, "2024"', visibility: 'open', members: 95, contributors: 0, posts: 0, replies: 0, questions: 0, answers: 0, lastActiveDay: null, inactive: true },
  ];
  return {
    asOf: new Date(end + 12 * 3600_000).toISOString(),
    community: null,
    communities: byCommunity.length,
    current,
    inactiveCommunities: byCommunity.filter((c) => c.inactive).length,
    weeks,
    days,
    byDepartment: [
      { department: 'Engineering', people: 420, readers: community ? null : 210, contributors: 130 },
      { department: 'Sales', people: 300, readers: community ? null : 90, contributors: 41 },
      { department: 'Operations', people: 260, readers: community ? null : 70, contributors: 52 },
      { department: 'Executive Office', people: 24, readers: community ? null : 12, contributors: 5 },
      { department: null, people: 196, readers: community ? null : 38, contributors: 12 },
    ],
    byCommunity,
    byPlacement: community
      ? []
      : [
          { kind: 'feed+tag-cloud', url: 'https://intranet.example.com/news', readers: 310, contributors: 120 },
          { kind: 'ask-expert', url: 'https://intranet.example.com/it/help', readers: 140, contributors: 48 },
          { kind: 'search', url: 'https://intranet.example.com/search', readers: 95, contributors: 0 },
        ],
    quietExecutives: [
      { handle: 'aisha.okafor', name: 'Aisha Okafor', department: 'Executive Office', lastActiveDay: iso(end - 40 * DAY) },
      { handle: 'lars.berg', name: 'Lars Berg', department: 'Sales', lastActiveDay: null },
      { handle: 'nora.haddad', name: 'Nora Haddad', department: 'Operations', lastActiveDay: iso(end - 33 * DAY) },
    ],
    targets: { ...DEFAULT_TARGETS },
  };
}

/** A company where nothing happened yet: every figure zero. */
export function emptyAdoption(): Adoption {
  const base = sampleAdoption({ weeks: 12 });
  const zero = (f: AdoptionFigures) => figures(f.end, {
    readers: 0, contributors: 0, active: 0, executiveContributors: 0, posts: 0, replies: 0, questions: 0, answers: 0, questionsAnswered: 0,
    medianHoursToFirstAnswer: null, medianHoursToFirstExpertAnswer: null, unansweredAfter48hShare: null, taggedPostShare: null, activeCommunities: 0,
  });
  const weeks = base.weeks.map(zero);
  return { ...base, weeks, days: base.days.map(zero), current: weeks.at(-1)!, byCommunity: [], byPlacement: [], communities: 0, inactiveCommunities: 0, quietExecutives: [] };
}

interface Store {
  adoption: Adoption;
  archived: string[];
}

function storeOf(mock: MockApi): Store {
  const data = mock.data['adoption'] as Adoption | Store | undefined;
  if (data && 'archived' in data) return data;
  const store: Store = { adoption: structuredClone((data as Adoption | undefined) ?? sampleAdoption()), archived: [] };
  mock.data['adoption'] = store;
  return store;
}

const forbidden = (detail: string) => problem(403, 'Forbidden', { detail });

addMockPlugin({
  routes: [
    ['GET', /^\/adoption$/, 'adoption'],
    ['PUT', /^\/adoption\/targets$/, 'setAdoptionTargets'],
    ['POST', /^\/communities\/[^/]+\/archive$/, 'archiveCommunity'],
  ],
  answer(mock, operation, { url, body, me }) {
    const store = storeOf(mock);
    const admin = me.roles.includes('admin');
    switch (operation) {
      case 'adoption': {
        for (const key of url.searchParams.keys()) {
          if (key !== 'weeks' && key !== 'community') return problem(400, 'Invalid request', { errors: [{ path: key, message: 'unknown parameter', code: 'unrecognized_keys' }] });
        }
        if (!admin && !me.roles.includes('community_manager')) return forbidden('only admins and community managers read adoption figures');
        const weeks = Number(url.searchParams.get('weeks') ?? 12);
        if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) return problem(400, 'Invalid request', { errors: [{ path: 'weeks', message: 'between 1 and 52', code: 'too_big' }] });
        const answer = structuredClone(store.adoption);
        answer.byCommunity = answer.byCommunity.filter((c) => !store.archived.includes(c.slug));
        answer.inactiveCommunities = answer.byCommunity.filter((c) => c.inactive).length;
        answer.communities = answer.byCommunity.length;
        answer.weeks = answer.weeks.slice(-weeks);
        if (!admin) answer.quietExecutives = null;
        return json(200, answer satisfies Adoption);
      }
      case 'setAdoptionTargets': {
        if (!admin) return forbidden('only admins set adoption targets');
        const parsed = TargetsSchema.safeParse(body);
        if (!parsed.success) {
          return problem(400, 'Invalid request', { errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })) });
        }
        store.adoption.targets = parsed.data;
        return json(200, parsed.data);
      }
      case 'archiveCommunity': {
        if (!admin) return forbidden('only admins archive communities');
        const slug = decodeURIComponent(url.pathname.split('/').at(-2) ?? '');
        const community = store.adoption.byCommunity.find((c) => c.slug === slug);
        if (!community) return problem(404, 'Not found', { detail: `community "${slug}" does not exist or is not visible to you` });
        store.archived.push(slug);
        return json(200, { slug, name: community.name, state: 'archived' });
      }
      default:
        return problem(404, 'Not found');
    }
  },
});
