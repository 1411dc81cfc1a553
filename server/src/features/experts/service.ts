import type { Expert, ExpertList, ExpertReason, ExpertsQuery, PersonExpertise } from '@hearth/contracts';
import type { Db } from '../../db/index.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { CommunitiesService } from '../communities/service.ts';
import { communitiesRepo } from '../communities/repo.ts';
import { tagsRepo } from '../tags/repo.ts';
import { parseTag } from '../tags/service.ts';
import { expertsRepo } from './repo.ts';

export type ExpertsService = ReturnType<typeof expertsService>;

/**
 * Who knows about what: what helped others (answers, accepted ones most, and their up-votes) and
 * what colleagues vouch for (endorsed skills; declared ones lightly). Posting in a tag is not
 * expertise: 014_term_stats.sql, docs/relevance.md.
 */
export function expertsService(db: Db, deps: { communities: CommunitiesService }) {
  const repo = expertsRepo(db);

  async function resolveTags(raw: string[], path: string): Promise<number[]> {
    const ids: number[] = [];
    for (const [i, t] of raw.entries()) {
      const tag = await tagsRepo(db).resolve(parseTag(t, `${path}.${i}`));
      if (tag && !ids.includes(tag.id)) ids.push(tag.id);
    }
    return ids;
  }

  async function profile(viewer: Viewer, handle: string): Promise<PersonExpertise> {
    const person = await repo.person(handle);
    if (!person) throw new NotFoundError(`person @${handle}`);
    const [all, hidden] = await Promise.all([repo.skills(person.id, viewer.id), deps.communities.hiddenFrom(viewer)]);
    // A tag used only where the viewer may not look does not exist for them, even as a skill
    // (their own declarations excepted: they typed them).
    const unseen = person.id === viewer.id ? new Set<number>() : await tagsRepo(db).onlyHidden(hidden, all.map((s) => s.tag_id));
    const skills = all.filter((s) => !unseen.has(s.tag_id));
    const { away, ...summary } = person;
    return {
      person: summary,
      away,
      skills: skills.map((s) => ({ tag: s.tag, declared: s.declared, endorsements: s.endorsements, endorsedByMe: s.endorsed_by_me })),
    };
  }

  return {
    /**
     * The experts for some tags, best first, for `viewer`: restricted communities they cannot
     * see add nothing (and with `community` restricted, only its members are suggested).
     */
    async find(viewer: Viewer, q: Pick<ExpertsQuery, 'tags' | 'limit'> & { community?: string | undefined; excludeIds?: number[] }): Promise<ExpertList> {
      // The community first: whatever the tags, a hidden one must answer as a missing one does.
      const community = q.community ? await deps.communities.visible(viewer, q.community) : undefined;
      const hidden = await deps.communities.hiddenFrom(viewer);
      // A tag used only in communities hidden from the viewer is as unknown as a missing one.
      const resolved = await resolveTags(q.tags, 'query.tags');
      const unseen = await tagsRepo(db).onlyHidden(hidden, resolved);
      const tagIds = resolved.filter((id) => !unseen.has(id));
      if (tagIds.length === 0) return { items: [] };
      let top = await repo.top(tagIds, hidden, q.excludeIds ?? [], community?.id, q.limit);
      if (community?.visibility === 'restricted') {
        // Questions in a restricted community go to people who can read them.
        const allowed = await communitiesRepo(db).membersAmong(community.id, top.map((t) => t.id));
        top = top.filter((t) => allowed.has(t.id));
      }
      if (top.length === 0) return { items: [] };
      const reasons = await repo.reasons(top.map((t) => t.id), tagIds, hidden);
      return {
        items: top.map(({ score, ...person }): Expert => {
          const mine = reasons
            .filter((r) => r.person_id === person.id)
            .map((r): ExpertReason => ({
              tag: r.tag, acceptedAnswers: r.acceptedAnswers, answers: r.answers, upvotes: r.upvotes,
              posts: r.posts, declared: r.declared, endorsements: r.endorsements,
            }));
          return { person, score: Math.round(score * 100) / 100, reasons: mine, summary: summarize(mine) };
        }),
      };
    },

    async expertsFor(viewer: Viewer, q: ExpertsQuery): Promise<ExpertList> {
      const excluded = q.exclude ? (await repo.person(q.exclude))?.id : undefined;
      return this.find(viewer, { tags: q.tags, limit: q.limit, community: q.community, excludeIds: excluded === undefined ? [] : [excluded] });
    },

    profile,

    async setSkills(viewer: Viewer, tags: string[]): Promise<PersonExpertise> {
      const names = [...new Set(tags.map((t, i) => parseTag(t, `body.tags.${i}`)))];
      await db.transaction(async (tx) => {
        const ids = await tagsRepo(tx).ensure(names);
        await expertsRepo(tx).setSkills(viewer.id, ids);
      });
      return profile(viewer, viewer.handle);
    },

    async setAway(viewer: Viewer, away: boolean): Promise<PersonExpertise> {
      await repo.setAway(viewer.id, away);
      return profile(viewer, viewer.handle);
    },

    async endorse(viewer: Viewer, handle: string, rawTag: string, endorsed: boolean) {
      const person = await repo.person(handle);
      if (!person) throw new NotFoundError(`person @${handle}`);
      if (person.id === viewer.id) throw new InvalidError('you cannot endorse yourself');
      const name = parseTag(rawTag, 'params.tag');
      return db.transaction(async (tx) => {
        const [tagId] = await tagsRepo(tx).ensure([name]);
        const endorsements = await expertsRepo(tx).setEndorsement(person.id, tagId!, viewer.id, endorsed);
        return { endorsements, endorsedByMe: endorsed };
      });
    },
  };
}

/** The strongest reason as one sentence (English; widgets may build their own from `reasons`). */
export function summarize(reasons: ExpertReason[]): string {
  const best = <K extends keyof ExpertReason>(key: K) =>
    [...reasons].sort((a, b) => Number(b[key]) - Number(a[key]))[0];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const accepted = best('acceptedAnswers');
  if (accepted && accepted.acceptedAnswers > 0) {
    return `${plural(accepted.acceptedAnswers, 'accepted answer', 'accepted answers')} on #${accepted.tag} in the last year`;
  }
  const answers = best('answers');
  if (answers && answers.answers > 0) return `${plural(answers.answers, 'answer', 'answers')} on #${answers.tag} in the last year`;
  const endorsed = best('endorsements');
  const declared = reasons.find((r) => r.declared);
  if (endorsed && endorsed.endorsements > 0) {
    return `${endorsed.declared ? 'Lists' : 'Endorsed for'} #${endorsed.tag}${endorsed.declared ? ', endorsed' : ''} by ${plural(endorsed.endorsements, 'colleague', 'colleagues')}`;
  }
  if (declared) return `Lists #${declared.tag} as a skill`;
  // Not posts: they are not why anyone is suggested.
  return 'Earlier activity on these tags';
}
