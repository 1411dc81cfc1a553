import { AdoptionTargets, type Adoption, type AdoptionFigures, type AdoptionQuery } from '@hearth/contracts';
import type { Db } from '../../db/index.ts';
import { isAdmin, type Viewer } from '../../auth/viewer.ts';
import type { CommunitiesService } from '../communities/service.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { adoptionRepo, type AdoptionScope, type PeriodRow } from './repo.ts';

export type AdoptionService = ReturnType<typeof adoptionService>;

/**
 * Until an admin sets their own: 38% interacting is the good target of published Viva Engage
 * benchmarks (27% is their average); under 30% of employees contributing was the bad case of a
 * multinational's roll-out, where 8% of executives contributed, so executives are asked as much as
 * everyone. The last two are house defaults (docs/adoption.md).
 */
export const DEFAULT_TARGETS: AdoptionTargets = {
  activeShare: 0.38,
  contributorShare: 0.3,
  executiveContributorShare: 0.3,
  unansweredAfter48hShare: 0.2,
  taggedPostShare: 0.8,
};

/** At most this many host pages are listed. */
const PLACEMENTS = 100;
/** At most this many quiet executives are listed. */
const QUIET_EXECUTIVES = 200;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const hours = (h: number | null) => (h === null ? null : Math.round(h * 100) / 100);

/**
 * Adoption figures (docs/adoption.md) for admins (the company: every community they can see and
 * what is outside any) and community managers (their communities). A restricted community the
 * viewer is not in counts nowhere in what they get, as on every other path.
 */
export function adoptionService(
  db: Db,
  deps: { communities: Pick<CommunitiesService, 'hiddenFrom'>; inactiveDays: number; now?: () => Date },
) {
  const repo = adoptionRepo(db);

  async function scopeOf(viewer: Viewer, slug: string | undefined) {
    const hidden = await deps.communities.hiddenFrom(viewer);
    if (slug !== undefined) {
      const c = await repo.community(slug);
      if (!c || hidden.includes(c.id)) throw new NotFoundError('community');
      if (!isAdmin(viewer) && !(await repo.managed(viewer.id)).includes(c.id)) {
        throw new ForbiddenError("only admins and the community's managers read its adoption figures");
      }
      return { scope: { company: false, communityIds: [c.id] } as AdoptionScope, community: { slug: c.slug, name: c.name } };
    }
    if (isAdmin(viewer)) return { scope: { company: true, hidden } as AdoptionScope, community: null };
    const managed = await repo.managed(viewer.id);
    if (managed.length === 0) throw new ForbiddenError('only admins and community managers read adoption figures');
    return { scope: { company: false, communityIds: managed } as AdoptionScope, community: null };
  }

  async function targets(): Promise<AdoptionTargets> {
    const parsed = AdoptionTargets.safeParse(await repo.targets());
    return parsed.success ? parsed.data : DEFAULT_TARGETS;
  }

  return {
    async get(viewer: Viewer, q: AdoptionQuery): Promise<Adoption> {
      const { scope, community } = await scopeOf(viewer, q.community);
      const now = deps.now?.() ?? new Date();
      const today = now.toISOString().slice(0, 10);
      const company = scope.company;
      const admin = isAdmin(viewer);
      const [population, periods, departments, communities, placements, quiet, goals] = await Promise.all([
        repo.population(scope),
        repo.periods(today, q.weeks, scope, now),
        repo.departments(today, scope),
        repo.communities(today, scope, deps.inactiveDays),
        company ? repo.placements(today, PLACEMENTS) : Promise.resolve([]),
        admin ? repo.quietExecutives(today, scope, QUIET_EXECUTIVES) : Promise.resolve(null),
        targets(),
      ]);

      const figures = (r: PeriodRow): AdoptionFigures => ({
        start: r.first,
        end: r.last,
        people: population.people,
        readers: company ? r.readers : null,
        readerShare: company ? ratio(r.readers, population.people) : null,
        contributors: r.contributors,
        contributorShare: ratio(r.contributors, population.people),
        active: company ? r.active : null,
        activeShare: company ? ratio(r.active, population.people) : null,
        executives: population.executives,
        executiveContributors: r.exec_contributors,
        executiveContributorShare: ratio(r.exec_contributors, population.executives),
        executiveActive: company ? r.exec_active : null,
        executiveActiveShare: company ? ratio(r.exec_active, population.executives) : null,
        posts: r.posts,
        replies: r.replies,
        questions: r.questions,
        answers: r.answers,
        questionsAnswered: r.questions_answered,
        medianHoursToFirstAnswer: hours(r.median_first),
        medianHoursToFirstExpertAnswer: hours(r.median_expert),
        unansweredAfter48hShare: ratio(r.unanswered_48h, r.old_questions),
        taggedPostShare: ratio(r.tagged_posts, r.posts),
        activeCommunities: r.active_communities,
      });
      const weeks = periods.filter((p) => p.kind === 'week').map(figures);
      const days = periods.filter((p) => p.kind === 'day').map(figures);
      return {
        asOf: now.toISOString(),
        community,
        communities: company ? communities.length : scope.communityIds.length,
        current: weeks.at(-1)!,
        inactiveCommunities: communities.filter((c) => c.inactive).length,
        weeks,
        days,
        byDepartment: departments.map((d) => ({
          department: d.department, people: d.people, readers: company ? d.readers : null, contributors: d.contributors,
        })),
        byCommunity: communities.map((c) => ({
          slug: c.slug, name: c.name, visibility: c.visibility, members: c.members, contributors: c.contributors,
          posts: c.posts, replies: c.replies, questions: c.questions, answers: c.answers,
          lastActiveDay: c.last_active_day, inactive: c.inactive,
        })),
        byPlacement: placements,
        quietExecutives: quiet?.map((e) => ({
          handle: e.handle, name: e.name, department: e.department, lastActiveDay: e.last_active_day,
        })) ?? null,
        targets: goals,
      };
    },

    async setTargets(viewer: Viewer, body: AdoptionTargets): Promise<AdoptionTargets> {
      if (!isAdmin(viewer)) throw new ForbiddenError('only admins set adoption targets');
      await repo.setTargets(body, viewer.id);
      return body;
    },
  };
}
