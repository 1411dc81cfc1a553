import { normalizeTag, type FollowState, type TagCloud, type TagCloudQuery, type TagDetail, type TagSuggestions } from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import { isAdmin, type Viewer } from '../../auth/viewer.ts';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors.ts';
import type { CommunitiesService } from '../communities/service.ts';
import { tagsRepo, type TagRow } from './repo.ts';
import { auditRepo } from '../audit/repo.ts';

export type TagsService = ReturnType<typeof tagsService>;

/** A trend needs some volume: a tag going from 1 to 2 posts is not news. */
const TRENDING_MIN_POSTS = 3;
const TRENDING_MIN_GROWTH = 0.5;

/** Normalizes a tag as typed, or invalid input saying what a tag may be. */
export function parseTag(raw: string, path: string): string {
  const tag = normalizeTag(raw);
  if (!tag) {
    const message = 'a tag is 1-40 letters, digits, "-" or "_"';
    throw new InvalidError(`${path}: ${message}`, [{ path, message, code: 'invalid_tag' }]);
  }
  return tag;
}

/**
 * A list's tag filter: the tag's id (a merged name resolves to its survivor), undefined without
 * a filter, null for a tag nobody used (the list is then empty, not an error).
 */
export async function tagFilter(db: Queryable, raw: string | undefined, path: string): Promise<number | null | undefined> {
  if (raw === undefined) return undefined;
  return (await tagsRepo(db).resolve(parseTag(raw, path)))?.id ?? null;
}

export function tagsService(db: Db, deps: { communities: CommunitiesService }) {
  const repo = tagsRepo(db);
  const { communities } = deps;

  /** The tag, if it has posts `viewer` can see (a tag used only where they cannot look does not exist for them). */
  async function visibleTag(viewer: Viewer, raw: string, hidden: number[]): Promise<TagRow & { posts: number }> {
    const name = parseTag(raw, 'params.name');
    const tag = await repo.resolve(name);
    const posts = tag ? await repo.visiblePosts(hidden, tag.id) : 0;
    if (!tag || posts === 0) throw new NotFoundError(`tag #${name}`);
    return { ...tag, posts };
  }

  async function detail(viewer: Viewer, raw: string): Promise<TagDetail> {
    const hidden = await communities.hiddenFrom(viewer);
    const tag = await visibleTag(viewer, raw, hidden);
    const [aliases, following, contributors, related] = await Promise.all([
      repo.aliases(tag.id),
      repo.isFollowing(viewer.id, tag.id),
      repo.topContributors(hidden, tag.id, 5),
      repo.related(hidden, tag.id, 8),
    ]);
    return {
      name: tag.name,
      aliases,
      posts: tag.posts,
      following,
      topContributors: contributors.map(({ posts, ...person }) => ({ person, posts })),
      related,
    };
  }

  return {
    async cloud(viewer: Viewer, q: TagCloudQuery, today = new Date()): Promise<TagCloud> {
      const hidden = await communities.hiddenFrom(viewer);
      const community = q.community ? await communities.visible(viewer, q.community) : undefined;
      if (q.days === 'all') {
        const rows = await repo.cloudAllTime(hidden, community?.id, q.limit);
        return { days: q.days, items: rows.map((r) => ({ ...r, previousPosts: null, growth: null, trending: false })) };
      }
      const days = Number(q.days);
      // The window is the last `days` UTC days including today; the previous one precedes it.
      const from = utcDay(today, -(days - 1));
      const previousFrom = utcDay(today, -(2 * days - 1));
      const rows = await repo.cloudWindow(hidden, community?.id, from, previousFrom, q.limit);
      return {
        days: q.days,
        items: rows.map(({ name, posts, previous }) => {
          const growth = previous > 0 ? (posts - previous) / previous : null;
          return {
            name, posts, previousPosts: previous, growth,
            trending: posts >= TRENDING_MIN_POSTS && (previous === 0 || (growth ?? 0) >= TRENDING_MIN_GROWTH),
          };
        }),
      };
    },

    async suggest(viewer: Viewer, prefix: string, limit: number): Promise<TagSuggestions> {
      const name = parseTag(prefix, 'query.prefix');
      return { items: await repo.suggest(await communities.hiddenFrom(viewer), name, limit) };
    },

    get: detail,

    async follow(viewer: Viewer, raw: string, following: boolean): Promise<FollowState> {
      const hidden = await communities.hiddenFrom(viewer);
      let tag: TagRow;
      if (following) tag = await visibleTag(viewer, raw, hidden);
      else {
        // Unfollowing answers like following: a tag the viewer cannot see is missing, unless they
        // follow it already (they knew it, and must be able to stop, say after leaving its community).
        const name = parseTag(raw, 'params.name');
        const found = await repo.resolve(name);
        const known = found && ((await repo.isFollowing(viewer.id, found.id)) || (await repo.visiblePosts(hidden, found.id)) > 0);
        if (!found || !known) throw new NotFoundError(`tag #${name}`);
        tag = found;
      }
      await repo.setFollow(viewer.id, tag.id, following);
      return { following };
    },

    async merge(viewer: Viewer, raw: string, into: string): Promise<TagDetail> {
      if (!isAdmin(viewer)) throw new ForbiddenError('only admins can merge tags');
      const sourceName = parseTag(raw, 'params.name');
      const targetName = parseTag(into, 'body.into');
      // Admins are not members of every restricted community: a tag used only where they cannot
      // look is missing for them too (an unused tag, say a declared skill, can still be merged).
      const hidden = await communities.hiddenFrom(viewer);
      await db.transaction(async (tx) => {
        const txRepo = tagsRepo(tx);
        const source = await txRepo.resolve(sourceName);
        if (!source) throw new NotFoundError(`tag #${sourceName}`);
        if ((await txRepo.visiblePosts(hidden, source.id)) === 0 && (await txRepo.allPosts(source.id)) > 0) {
          throw new NotFoundError(`tag #${sourceName}`);
        }
        if (source.name !== sourceName) throw new InvalidError(`#${sourceName} was already merged into #${source.name}`);
        const [targetId] = await txRepo.ensure([targetName]);
        if (targetId === source.id) throw new InvalidError('a tag cannot be merged into itself');
        await txRepo.merge(source.id, targetId!);
        await auditRepo(tx).record({
          actorId: viewer.id, action: 'tag.merge', target: { kind: 'tag', id: source.id }, details: { from: sourceName, into: targetName },
        });
      });
      return detail(viewer, targetName);
    },
  };
}

/** The UTC day `offsetDays` from `date`'s, as YYYY-MM-DD. */
export function utcDay(date: Date, offsetDays: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + offsetDays));
  return d.toISOString().slice(0, 10);
}
