import {
  extractMentions, extractTags, normalizeTag,
  type CreatePostBody, type LikeState, type ListPostsQuery, type ListRepliesQuery, type Post, type PostPage,
} from '@hearth/contracts';
import type { Db } from '../../db/index.ts';
import { isAdmin, type Viewer } from '../../auth/viewer.ts';
import { badRequest, forbidden, notFound } from '../../http/problem.ts';
import type { CommunitiesService } from '../communities/service.ts';
import type { PeopleService } from '../people/service.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { postsRepo, type PostRow } from './repo.ts';

export type PostsService = ReturnType<typeof postsService>;

export interface Created {
  post: Post;
  /** False when the idempotency key had been used: the first post is returned, nothing stored. */
  created: boolean;
}

/** The rules for posts: who sees, writes, edits, deletes and likes what. */
export function postsService(db: Db, deps: { communities: CommunitiesService; people: PeopleService }) {
  const repo = postsRepo(db);
  const { communities, people } = deps;

  /** The post if `viewer` may see it; 404 otherwise (hidden and missing look the same). */
  async function visiblePost(viewer: Viewer, id: number, hidden?: number[]): Promise<PostRow> {
    const row = await repo.visible(viewer.id, hidden ?? (await communities.hiddenFrom(viewer)), id);
    if (!row) throw notFound(`post ${id}`);
    return row;
  }

  async function insert(viewer: Viewer, p: { body: string; communityId: number | null; parentId: number | null }, key: string | undefined): Promise<Created> {
    const id = await db.transaction(async (tx) => {
      const txRepo = postsRepo(tx);
      if (key) {
        const existing = await txRepo.byIdempotencyKey(viewer.id, key);
        if (existing) return { id: existing, created: false };
      }
      const row = await txRepo.insert({ authorId: viewer.id, ...p, idempotencyKey: key ?? null });
      if (!row) {
        // A concurrent retry with the same key won the race.
        return { id: (await txRepo.byIdempotencyKey(viewer.id, key!))!, created: false };
      }
      await txRepo.setTagsAndMentions({ ...row, parent_id: p.parentId }, extractTags(p.body), extractMentions(p.body));
      if (p.parentId !== null) await txRepo.adjustReplyCount(p.parentId, 1);
      return { id: row.id, created: true };
    });
    return { post: toPost(await visiblePost(viewer, id.id), viewer), created: id.created };
  }

  return {
    async feed(viewer: Viewer, q: ListPostsQuery): Promise<PostPage> {
      const hidden = await communities.hiddenFrom(viewer);
      const community = q.community ? await communities.visible(viewer, q.community) : undefined;
      let authorId: number | undefined;
      if (q.author) {
        const author = await people.byHandle(q.author);
        if (!author) throw notFound(`person @${q.author}`);
        authorId = author.id;
      }
      let tagId: number | undefined;
      if (q.tag !== undefined) {
        const tag = normalizeTag(q.tag);
        if (!tag) {
          throw badRequest('query.tag: a tag is 1-40 letters, digits, "-" or "_"', [
            { path: 'query.tag', message: 'a tag is 1-40 letters, digits, "-" or "_"', code: 'invalid_tag' },
          ]);
        }
        tagId = await repo.tagId(tag);
        if (tagId === undefined) return { items: [], nextCursor: null };
      }
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      const rows = await repo.feed({
        viewerId: viewer.id, hidden, communityId: community?.id, authorId, tagId, after, limit: q.limit + 1,
      });
      return page(rows, q.limit, viewer);
    },

    async get(viewer: Viewer, id: number): Promise<Post> {
      return toPost(await visiblePost(viewer, id), viewer);
    },

    async replies(viewer: Viewer, id: number, q: ListRepliesQuery): Promise<PostPage> {
      const hidden = await communities.hiddenFrom(viewer);
      const parent = await visiblePost(viewer, id, hidden);
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      const rows = await repo.replies(viewer.id, hidden, parent.id, after, q.limit + 1);
      return page(rows, q.limit, viewer);
    },

    async create(viewer: Viewer, input: CreatePostBody, key?: string): Promise<Created> {
      let communityId: number | null = null;
      if (input.community) {
        const community = await communities.visible(viewer, input.community);
        communities.assertWritable(community);
        communityId = community.id;
      }
      return insert(viewer, { body: input.body, communityId, parentId: null }, key);
    },

    async reply(viewer: Viewer, parentId: number, body: string, key?: string): Promise<Created> {
      const parent = await visiblePost(viewer, parentId);
      if (parent.parent_id !== null) {
        throw badRequest('replies are one level deep: reply to the post, not to a reply', [
          { path: 'params.id', message: 'this is a reply; reply to its post instead', code: 'reply_to_reply' },
        ]);
      }
      communities.assertWritable(communityOf(parent));
      return insert(viewer, { body, communityId: parent.community_id, parentId: parent.id }, key);
    },

    async update(viewer: Viewer, id: number, body: string): Promise<Post> {
      const post = await visiblePost(viewer, id);
      if (post.author_id !== viewer.id) throw forbidden('you can only edit your own posts');
      communities.assertWritable(communityOf(post));
      await db.transaction(async (tx) => {
        const txRepo = postsRepo(tx);
        await txRepo.updateBody(id, body);
        await txRepo.setTagsAndMentions(post, extractTags(body), extractMentions(body));
      });
      return toPost(await visiblePost(viewer, id), viewer);
    },

    async remove(viewer: Viewer, id: number): Promise<void> {
      const post = await visiblePost(viewer, id);
      if (post.author_id !== viewer.id && !isAdmin(viewer)) throw forbidden('you can only delete your own posts');
      communities.assertWritable(communityOf(post));
      await db.transaction(async (tx) => {
        const txRepo = postsRepo(tx);
        await txRepo.softDelete(id);
        // Tags are derived data: a deleted post no longer counts towards them.
        await txRepo.clearTags(id);
        if (post.parent_id !== null) await txRepo.adjustReplyCount(post.parent_id, -1);
      });
    },

    async like(viewer: Viewer, id: number, liked: boolean): Promise<LikeState> {
      const post = await visiblePost(viewer, id);
      communities.assertWritable(communityOf(post));
      return db.transaction((tx) => postsRepo(tx).setLike(id, viewer.id, liked));
    },
  };
}

function communityOf(row: PostRow) {
  return row.community_id === null ? null : { name: row.community_name ?? '', state: row.community_state ?? 'active' };
}

function page(rows: PostRow[], limit: number, viewer: Viewer): PostPage {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => toPost(row, viewer)),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}

function toPost(row: PostRow, viewer: Viewer): Post {
  const mine = row.author_id === viewer.id;
  const writable = row.community_state !== 'archived';
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
    body: row.body,
    tags: row.tags,
    mentions: row.mentions,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at ? row.edited_at.toISOString() : null,
    replyCount: row.reply_count,
    likeCount: row.like_count,
    likedByMe: row.liked,
    canEdit: mine && writable,
    canDelete: (mine || isAdmin(viewer)) && writable,
  };
}
