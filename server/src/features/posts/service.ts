import {
  extractMentions, extractTags,
  type CreatePostBody, type LikeState, type ListPostsQuery, type ListRepliesQuery, type Post,
  type PostPage, type UpdatePostBody,
} from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import { isAdmin, type Viewer } from '../../auth/viewer.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors.ts';
import { parseTag, tagFilter } from '../tags/service.ts';
import { tagsRepo } from '../tags/repo.ts';
import type { CommunitiesService } from '../communities/service.ts';
import type { PeopleService } from '../people/service.ts';
import { decodeCursor, TimeKey, timeCursor } from '../cursor.ts';
import { postsRepo, type PostRow } from './repo.ts';
import { once, type IdempotentRequest, type Outcome, type Remember } from '../idempotency/repo.ts';
import type { EventBus } from '../events/bus.ts';
import type { NotificationsService } from '../notifications/service.ts';
import { hiddenView } from '../moderation/hidden.ts';
import { watch } from '../moderation/watch.ts';

export type PostsService = ReturnType<typeof postsService>;

/** The rules for posts: who sees, writes, edits, deletes and likes what. */
export function postsService(db: Db, deps: { communities: CommunitiesService; people: PeopleService; bus: EventBus; notifications: NotificationsService }) {
  const repo = postsRepo(db);
  const { communities, people, bus, notifications } = deps;

  const announce = (tx: Queryable, type: 'post.created' | 'post.updated' | 'post.deleted' | 'post.liked', post: { id: number; parent_id: number | null; community_id: number | null }) =>
    bus.publish(tx, { type, postId: post.id, parentId: post.parent_id, communityId: post.community_id });

  /** The post if `viewer` may see it; not found otherwise (hidden and missing look the same). */
  async function visiblePost(viewer: Viewer, id: number, hidden?: number[]): Promise<PostRow> {
    const row = await repo.visible(viewer.id, hidden ?? (await communities.hiddenFrom(viewer)), id);
    if (!row) throw new NotFoundError(`post ${id}`);
    return row;
  }

  /** What the keyword watch list reads of a post: its text and its chips. */
  const watched = (tx: Queryable, post: { id: number; community_id: number | null }, body: string, extra: string[]) =>
    watch(tx, { kind: 'post', id: post.id, communityId: post.community_id, text: [body, ...extra].join('\n') });

  /** Stores a post or reply; `record` notes it for its Idempotency-Key in the same transaction. */
  async function insert(viewer: Viewer, p: { body: string; communityId: number | null; parentId: number | null; parentAuthorId?: number; chips: string[] }, record: Remember): Promise<Post> {
    const id = await db.transaction(async (tx) => {
      const txRepo = postsRepo(tx);
      const row = await txRepo.insert({
        authorId: viewer.id, communityId: p.communityId, parentId: p.parentId, body: p.body, extraTags: p.chips,
      });
      await record(tx, row.id);
      await indexPost(tx, { ...row, parent_id: p.parentId, hidden: false }, p.body, p.chips);
      await watched(tx, { id: row.id, community_id: p.communityId }, p.body, p.chips);
      if (p.parentId !== null) await txRepo.adjustReplyCount(p.parentId, 1);
      await announce(tx, 'post.created', { id: row.id, parent_id: p.parentId, community_id: p.communityId });
      await notifications.mentions(tx, row.id, viewer.id);
      if (p.parentAuthorId !== undefined) {
        await notifications.notify(tx, { personIds: [p.parentAuthorId], kind: 'post.replied', actorId: viewer.id, postId: row.id });
      }
      return row.id;
    });
    return toPost(await visiblePost(viewer, id), viewer);
  }

  /** A replayed create answers with the post as it is now. */
  const replay = (viewer: Viewer) => async (id: number) => toPost(await visiblePost(viewer, id), viewer);

  return {
    async feed(viewer: Viewer, q: ListPostsQuery): Promise<PostPage> {
      const community = q.community ? await communities.visible(viewer, q.community) : undefined;
      const authorId = await people.filterId(q.author);
      const tagId = await tagFilter(db, q.tag, 'query.tag');
      if (tagId === null) return { items: [], nextCursor: null };
      const after = q.cursor ? decodeCursor(q.cursor, TimeKey) : undefined;
      const rows = await repo.feed({
        // hidden: null, the feed's own statement works out the communities hidden from the viewer
        // (the same definition as communities.hiddenFrom: one round trip less per page).
        viewerId: viewer.id, hidden: null, communityId: community?.id, authorId, tagId, after, limit: q.limit + 1,
        following: q.following ? { by: viewer.id, scope: q.following } : undefined,
      });
      return page(rows, q.limit, viewer);
    },

    async get(viewer: Viewer, id: number): Promise<Post> {
      return toPost(await visiblePost(viewer, id), viewer);
    },

    async replies(viewer: Viewer, id: number, q: ListRepliesQuery): Promise<PostPage> {
      const hidden = await communities.hiddenFrom(viewer);
      const parent = await visiblePost(viewer, id, hidden);
      const after = q.cursor ? decodeCursor(q.cursor, TimeKey) : undefined;
      const rows = await repo.replies(viewer.id, hidden, parent.id, after, q.limit + 1);
      return page(rows, q.limit, viewer);
    },

    /** Publishes a post, once per Idempotency-Key. */
    async create(viewer: Viewer, input: CreatePostBody, key?: IdempotentRequest): Promise<Outcome<Post>> {
      return once(db, viewer.id, key, async (record) => {
        let communityId: number | null = null;
        if (input.community) {
          const community = await communities.visible(viewer, input.community);
          communities.assertWritable(community);
          communityId = community.id;
        }
        return insert(viewer, { body: input.body, communityId, parentId: null, chips: chips(input.tags) }, record);
      }, replay(viewer));
    },

    /** Replies to a top-level post, once per Idempotency-Key. */
    async reply(viewer: Viewer, parentId: number, body: string, key?: IdempotentRequest): Promise<Outcome<Post>> {
      return once(db, viewer.id, key, async (record) => {
        const parent = await visiblePost(viewer, parentId);
        if (parent.parent_id !== null) {
          throw new InvalidError('replies are one level deep: reply to the post, not to a reply', [
            { path: 'params.id', message: 'this is a reply; reply to its post instead', code: 'reply_to_reply' },
          ]);
        }
        communities.assertWritable(communityOf(parent));
        if (parent.hidden_at) throw new ConflictError('this post was hidden by a moderator: it takes no replies');
        return insert(viewer, { body, communityId: parent.community_id, parentId: parent.id, parentAuthorId: parent.author_id, chips: [] }, record);
      }, replay(viewer));
    },

    async update(viewer: Viewer, id: number, input: UpdatePostBody): Promise<Post> {
      const post = await visiblePost(viewer, id);
      if (post.author_id !== viewer.id) throw new ForbiddenError('you can only edit your own posts');
      communities.assertWritable(communityOf(post));
      await db.transaction(async (tx) => {
        const txRepo = postsRepo(tx);
        const tags = input.tags === undefined ? await txRepo.extraTags(id) : chips(input.tags);
        const { hidden } = await txRepo.updateBody(id, input.body, tags);
        await indexPost(tx, { ...post, hidden }, input.body, tags);
        await watched(tx, post, input.body, tags);
        await announce(tx, 'post.updated', post);
        // Someone the edit newly mentions is told (once per post); a hidden post tells no one.
        if (!hidden) await notifications.mentions(tx, id, viewer.id);
      });
      return toPost(await visiblePost(viewer, id), viewer);
    },

    async remove(viewer: Viewer, id: number): Promise<void> {
      const post = await visiblePost(viewer, id);
      if (post.author_id !== viewer.id && !isAdmin(viewer)) throw new ForbiddenError('you can only delete your own posts');
      communities.assertWritable(communityOf(post));
      await db.transaction(async (tx) => {
        const txRepo = postsRepo(tx);
        await txRepo.softDelete(id);
        // Tags are derived data: a deleted post no longer counts towards them.
        await txRepo.clearTags(id);
        if (post.parent_id !== null) await txRepo.adjustReplyCount(post.parent_id, -1);
        await announce(tx, 'post.deleted', post);
      });
    },

    async like(viewer: Viewer, id: number, liked: boolean): Promise<LikeState> {
      const post = await visiblePost(viewer, id);
      communities.assertWritable(communityOf(post));
      return db.transaction(async (tx) => {
        const state = await postsRepo(tx).setLike(id, viewer.id, liked);
        await announce(tx, 'post.liked', post);
        return state;
      });
    },
  };
}

/**
 * Sets a post's tags (its #hashtags and chips) and mentions from its text. A hidden post keeps
 * its mentions but no tags: it counts nowhere (tag counts, tag feeds, expertise) until restored.
 */
export async function indexPost(tx: Queryable, post: { id: number; created_at: Date; parent_id: number | null; hidden: boolean }, body: string, extra: string[]) {
  if (post.hidden) {
    await postsRepo(tx).setMentions(post.id, extractMentions(body));
    return;
  }
  const tagIds = await tagsRepo(tx).ensure([...new Set([...extractTags(body), ...extra])]);
  await postsRepo(tx).setTagsAndMentions(post, tagIds, extractMentions(body));
}

/** A hidden post's tags as its author wrote them (none are stored while it is hidden). */
function writtenTags(row: PostRow): string[] {
  return [...new Set([...extractTags(row.body), ...row.extra_tags])].sort();
}

function chips(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t, i) => parseTag(t, `body.tags.${i}`)))];
}

function communityOf(row: PostRow) {
  return row.community_id === null ? null : { name: row.community_name ?? '', state: row.community_state ?? 'active' };
}

function page(rows: PostRow[], limit: number, viewer: Viewer): PostPage {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => toPost(row, viewer)),
    nextCursor: rows.length > limit && last ? timeCursor({ at: last.created_at, id: last.id }) : null,
  };
}

export function toPost(row: PostRow, viewer: Viewer): Post {
  const mine = row.author_id === viewer.id;
  const writable = row.community_state !== 'archived';
  const { hidden, masked } = hiddenView(row, viewer, row.viewer_manages);
  return {
    id: row.id,
    author: {
      id: row.author_id, handle: row.author_handle, name: row.author_name,
      title: row.author_title, department: row.author_department,
    },
    community: row.community_slug
      ? { slug: row.community_slug, name: row.community_name ?? row.community_slug, visibility: row.community_visibility ?? 'open' }
      : null,
    parentId: row.parent_id,
    // Hidden by a moderator: a placeholder for everyone but its author and moderators.
    body: masked ? '' : row.body,
    tags: masked ? [] : hidden ? writtenTags(row) : row.tags,
    mentions: masked ? [] : row.mentions,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at ? row.edited_at.toISOString() : null,
    replyCount: row.reply_count,
    likeCount: row.like_count,
    likedByMe: row.liked,
    canEdit: mine && writable,
    canDelete: (mine || isAdmin(viewer)) && writable,
    hidden,
  };
}
