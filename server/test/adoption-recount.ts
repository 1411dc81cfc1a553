/**
 * The adoption recount (shared by adoption.test.ts and import-sources.test.ts): what GET /adoption
 * should answer, counted from the raw rows with plain SQL reads and JavaScript.
 */
import assert from 'node:assert/strict';
import type { Adoption, AdoptionFigures } from '@hearth/contracts';
import type { testDatabase } from './helpers.ts';

/** The INACTIVE_DAYS the tests configure the app with (the recount uses the same). */
export const INACTIVE_DAYS = 30;
const DAY_MS = 86_400_000;

interface Contribution { day: string; community: number; person: number; kind: 'post' | 'reply' | 'question' | 'answer'; tagged: boolean }

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
}

export type Db = Awaited<ReturnType<typeof testDatabase>>;

/** What GET /adoption should answer for `handle`, counted from the raw rows. */
export async function recount(db: Db, handle: string, options: { weeks: number; community?: string }, now: Date): Promise<Omit<Adoption, 'asOf' | 'targets'>> {
  const [viewer] = await db.query<{ id: number; admin: boolean }>(
    `SELECT id, 'admin' = ANY(roles) AS admin FROM people WHERE handle = $1`, [handle]);
  const communities = await db.query<{ id: number; slug: string; name: string; visibility: 'open' | 'restricted'; state: string; created_at: Date }>(
    'SELECT id, slug, name, visibility, state, created_at FROM communities');
  const memberships = await db.query<{ community_id: number; person_id: number; role: string }>('SELECT community_id, person_id, role FROM memberships');
  const isMember = (c: number, p: number) => memberships.some((m) => m.community_id === c && m.person_id === p);
  const hidden = new Set(communities.filter((c) => c.visibility === 'restricted' && !isMember(c.id, viewer!.id)).map((c) => c.id));

  let company = false;
  let scopeIds: number[] = [];
  let community: Adoption['community'] = null;
  if (options.community) {
    const c = communities.find((x) => x.slug === options.community)!;
    scopeIds = [c.id];
    community = { slug: c.slug, name: c.name };
  } else if (viewer!.admin) company = true;
  else scopeIds = memberships.filter((m) => m.person_id === viewer!.id && m.role === 'manager').map((m) => m.community_id);
  const inScope = (c: number) => (company ? c === 0 || !hidden.has(c) : scopeIds.includes(c));

  const everyone = await db.query<{ id: number; department: string | null; roles: string[]; active: boolean }>(
    'SELECT id, department, roles, active FROM people');
  const population = everyone.filter((p) => p.active && (company || memberships.some((m) => m.person_id === p.id && scopeIds.includes(m.community_id))));
  const inPopulation = new Set(population.map((p) => p.id));
  const executives = new Set(population.filter((p) => p.roles.includes('executive')).map((p) => p.id));

  const contributions: Contribution[] = [
    ...(await db.query<{ created_at: Date; community_id: number | null; author_id: number; parent_id: number | null; tagged: boolean }>(
      `SELECT p.created_at, p.community_id, p.author_id, p.parent_id, EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = p.id) AS tagged
       FROM posts p WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL`)).map((r) => ({
      day: utcDay(r.created_at), community: r.community_id ?? 0, person: r.author_id,
      kind: r.parent_id === null ? 'post' as const : 'reply' as const, tagged: r.parent_id === null && r.tagged,
    })),
    ...(await db.query<{ created_at: Date; community_id: number | null; author_id: number }>(
      'SELECT created_at, community_id, author_id FROM questions WHERE deleted_at IS NULL AND hidden_at IS NULL')).map((r) => ({
      day: utcDay(r.created_at), community: r.community_id ?? 0, person: r.author_id, kind: 'question' as const, tagged: false,
    })),
    ...(await db.query<{ created_at: Date; community_id: number | null; author_id: number }>(
      `SELECT a.created_at, q.community_id, a.author_id FROM answers a JOIN questions q ON q.id = a.question_id
       WHERE a.deleted_at IS NULL AND a.hidden_at IS NULL`)).map((r) => ({
      day: utcDay(r.created_at), community: r.community_id ?? 0, person: r.author_id, kind: 'answer' as const, tagged: false,
    })),
  ].filter((c) => inScope(c.community));
  const reads = company
    ? (await db.query<{ day: string; person_id: number }>('SELECT day::text AS day, person_id FROM activity_days WHERE read'))
    : [];
  const questions = (await db.query<{ created_at: Date; first_answer_at: Date | null; first_expert_answer_at: Date | null; community_id: number | null }>(
    'SELECT created_at, first_answer_at, first_expert_answer_at, community_id FROM questions WHERE deleted_at IS NULL AND hidden_at IS NULL'))
    .filter((q) => inScope(q.community_id ?? 0));

  const today = utcDay(now);
  const figures = (first: string, last: string): AdoptionFigures => {
    const within = (day: string) => day >= first && day <= last;
    const wrote = contributions.filter((c) => within(c.day));
    const contributors = new Set(wrote.map((c) => c.person).filter((p) => inPopulation.has(p)));
    const readers = new Set(reads.filter((r) => within(r.day)).map((r) => r.person_id).filter((p) => inPopulation.has(p)));
    const active = new Set([...contributors, ...readers]);
    const count = (kind: Contribution['kind']) => wrote.filter((c) => c.kind === kind).length;
    const asked = questions.filter((q) => within(utcDay(q.created_at)));
    const old = asked.filter((q) => q.created_at.getTime() <= now.getTime() - 48 * 3600_000);
    const hoursTo = (at: Date | null, q: { created_at: Date }) => (at ? (at.getTime() - q.created_at.getTime()) / 3600_000 : null);
    const posts = count('post');
    const execOf = (s: Set<number>) => [...s].filter((p) => executives.has(p)).length;
    return {
      start: first, end: last,
      people: population.length,
      readers: company ? readers.size : null,
      readerShare: company ? ratio(readers.size, population.length) : null,
      contributors: contributors.size,
      contributorShare: ratio(contributors.size, population.length),
      active: company ? active.size : null,
      activeShare: company ? ratio(active.size, population.length) : null,
      executives: executives.size,
      executiveContributors: execOf(contributors),
      executiveContributorShare: ratio(execOf(contributors), executives.size),
      executiveActive: company ? execOf(active) : null,
      executiveActiveShare: company ? ratio(execOf(active), executives.size) : null,
      posts, replies: count('reply'), questions: count('question'), answers: count('answer'),
      questionsAnswered: asked.filter((q) => q.first_answer_at).length,
      medianHoursToFirstAnswer: median(asked.map((q) => hoursTo(q.first_answer_at, q)).filter((h): h is number => h !== null)),
      medianHoursToFirstExpertAnswer: median(asked.map((q) => hoursTo(q.first_expert_answer_at, q)).filter((h): h is number => h !== null)),
      unansweredAfter48hShare: ratio(
        old.filter((q) => !q.first_answer_at || q.first_answer_at.getTime() > q.created_at.getTime() + 48 * 3600_000).length, old.length),
      taggedPostShare: ratio(wrote.filter((c) => c.tagged).length, posts),
      activeCommunities: new Set(wrote.filter((c) => c.community !== 0).map((c) => c.community)).size,
    };
  };
  const weeks = [...Array(options.weeks).keys()].map((k) => {
    const i = options.weeks - 1 - k;
    return figures(addDays(today, -7 * i - 6), addDays(today, -7 * i));
  });
  const days = [...Array(14).keys()].map((k) => figures(addDays(today, -(13 - k)), addDays(today, -(13 - k))));

  const weekStart = addDays(today, -6);
  const thisWeek = contributions.filter((c) => c.day >= weekStart);
  const weekContributors = new Set(thisWeek.map((c) => c.person));
  const weekReaders = new Set(reads.filter((r) => r.day >= weekStart && r.day <= today).map((r) => r.person_id));
  const departments = new Map<string | null, { department: string | null; people: number; readers: number | null; contributors: number }>();
  for (const p of population) {
    const d = departments.get(p.department) ?? { department: p.department, people: 0, readers: company ? 0 : null, contributors: 0 };
    d.people++;
    if (company && weekReaders.has(p.id)) d.readers!++;
    if (weekContributors.has(p.id)) d.contributors++;
    departments.set(p.department, d);
  }
  const lastDay = (id: number) => contributions.filter((c) => c.community === id).map((c) => c.day).sort().at(-1) ?? null;
  const listed = communities.filter((c) => (company ? c.state === 'active' && !hidden.has(c.id) : scopeIds.includes(c.id)));
  const limit = addDays(today, -INACTIVE_DAYS);
  const byCommunity = listed.map((c) => {
    const mine = thisWeek.filter((x) => x.community === c.id);
    const last = lastDay(c.id);
    return {
      slug: c.slug, name: c.name, visibility: c.visibility,
      members: memberships.filter((m) => m.community_id === c.id).length,
      contributors: new Set(mine.map((x) => x.person).filter((p) => inPopulation.has(p))).size,
      posts: mine.filter((x) => x.kind === 'post').length, replies: mine.filter((x) => x.kind === 'reply').length,
      questions: mine.filter((x) => x.kind === 'question').length, answers: mine.filter((x) => x.kind === 'answer').length,
      lastActiveDay: last,
      inactive: c.state === 'active' && utcDay(c.created_at) <= limit && (last === null || last <= limit),
    };
  }).sort((a, b) => b.contributors - a.contributors || (a.slug < b.slug ? -1 : 1));

  const placementRows = company
    ? await db.query<{ kind: string; url: string; person_id: number; read: boolean; wrote: boolean; day: string }>(
      `SELECT p.kind, p.url, d.person_id, d.read, d.wrote, d.day::text AS day FROM activity_days d JOIN placements p ON p.id = d.placement_id`)
    : [];
  const byPlace = new Map<string, { kind: string; url: string; readers: Set<number>; contributors: Set<number> }>();
  for (const r of placementRows.filter((x) => x.day >= weekStart && x.day <= today && everyone.find((p) => p.id === x.person_id)?.active)) {
    const key = `${r.kind} ${r.url}`;
    const e = byPlace.get(key) ?? { kind: r.kind, url: r.url, readers: new Set<number>(), contributors: new Set<number>() };
    if (r.read) e.readers.add(r.person_id);
    if (r.wrote) e.contributors.add(r.person_id);
    byPlace.set(key, e);
  }
  const byPlacement = [...byPlace.values()]
    .map((e) => ({ kind: e.kind, url: e.url, readers: e.readers.size, contributors: e.contributors.size }))
    .filter((e) => e.readers + e.contributors > 0)
    .sort((a, b) => b.readers - a.readers || b.contributors - a.contributors || (a.url < b.url ? -1 : a.url > b.url ? 1 : a.kind < b.kind ? -1 : 1));

  // The executives of the population without a contribution in scope this UTC month (admins only).
  const monthStart = `${today.slice(0, 7)}-01`;
  const names = new Map((await db.query<{ id: number; handle: string; name: string }>('SELECT id, handle, name FROM people')).map((p) => [p.id, p]));
  const lastOf = (person: number) => contributions.filter((c) => c.person === person).map((c) => c.day).sort().at(-1) ?? null;
  const codeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const quietExecutives = viewer!.admin
    ? population
      .filter((p) => executives.has(p.id) && !contributions.some((c) => c.person === p.id && c.day >= monthStart && c.day <= today))
      .map((p) => ({ handle: names.get(p.id)!.handle, name: names.get(p.id)!.name, department: p.department, lastActiveDay: lastOf(p.id) }))
      .sort((a, b) => codeUnits(a.name, b.name) || codeUnits(a.handle, b.handle))
      .slice(0, 200)
    : null;

  return {
    community,
    communities: company ? listed.length : scopeIds.length,
    current: weeks.at(-1)!,
    inactiveCommunities: byCommunity.filter((c) => c.inactive).length,
    weeks, days,
    byDepartment: [...departments.values()].sort((a, b) => b.people - a.people || (a.department === null ? 1 : b.department === null ? -1 : a.department < b.department ? -1 : 1)),
    byCommunity,
    byPlacement,
    quietExecutives,
  };
}

/** The answer with medians rounded as the API rounds them (to 0.01 h), so the two compare exactly. */
function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) =>
    (key === 'medianHoursToFirstAnswer' || key === 'medianHoursToFirstExpertAnswer') && typeof v === 'number' ? Math.round(v * 100) / 100 : v));
}

export function assertMatches(actual: Adoption, expected: Omit<Adoption, 'asOf' | 'targets'>) {
  const { asOf: _asOf, targets: _targets, ...rest } = actual;
  assert.deepEqual(rounded(rest), rounded(expected));
}
