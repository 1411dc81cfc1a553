import type { Queryable } from '../../db/index.ts';
import type { Position } from './cursor.ts';

/** A post as read for display, with its author, community, tags, mentions and the viewer's like. */
export interface PostRow {
  id: number;
  parent_id: number | null;
  author_id: number;
  body: string;
  created_at: Date;
  edited_at: Date | null;
  reply_count: number;
  like_count: number;
  liked: boolean;
  author_handle: string;
  author_name: string;
  author_title: string | null;
  author_department: string | null;
  community_id: number | null;
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'restricted' | null;
  community_state: 'active' | 'archived' | null;
  tags: string[];
  mentions: { handle: string; name: string }[];
}

// $1 is always the viewer (for liked), $2 the ids of communities hidden from them.
const SELECT = `
  SELECT p.id, p.parent_id, p.author_id, p.body, p.created_at, p.edited_at, p.reply_count, p.like_count,
         EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.id AND l.person_id = $1) AS liked,
         a.handle AS author_handle, a.name AS author_name, a.title AS author_title, a.department AS author_department,
         p.community_id, c.slug AS community_slug, c.name AS community_name,
         c.visibility AS community_visibility, c.state AS community_state,
         ARRAY(SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
               WHERE pt.post_id = p.id ORDER BY t.name) AS tags,
         COALESCE((SELECT json_agg(json_build_object('handle', m.handle, 'name', m.name) ORDER BY m.handle)
                   FROM post_mentions pm JOIN people m ON m.id = pm.person_id
                   WHERE pm.post_id = p.id), '[]'::json) AS mentions
  FROM posts p
  JOIN people a ON a.id = p.author_id
  LEFT JOIN communities c ON c.id = p.community_id`;

const VISIBLE = `p.deleted_at IS NULL AND (p.community_id IS NULL OR NOT (p.community_id = ANY($2::int[])))`;

export interface FeedFilter {
  viewerId: number;
  hidden: number[];
  communityId?: number | undefined;
  authorId?: number | undefined;
  tagId?: number | undefined;
  after?: Position | undefined;
  limit: number;
}

export interface NewPost {
  authorId: number;
  communityId: number | null;
  parentId: number | null;
  body: string;
  idempotencyKey: string | null;
}

export function postsRepo(db: Queryable) {
  return {
    /** Top-level posts, newest first, after a keyset position. */
    async feed(f: FeedFilter): Promise<PostRow[]> {
      const params: unknown[] = [f.viewerId, f.hidden];
      const where = ['p.parent_id IS NULL', VISIBLE];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replaceAll('?', `$${params.length}`));
      };
      if (f.communityId !== undefined) add('p.community_id = ?', f.communityId);
      if (f.authorId !== undefined) add('p.author_id = ?', f.authorId);
      if (f.tagId !== undefined) {
        // Walk the tag's own (tag_id, created_at, post_id) index rather than all posts.
        add('p.id IN (SELECT pt.post_id FROM post_tags pt WHERE pt.tag_id = ? AND pt.top_level)', f.tagId);
      }
      if (f.after) {
        params.push(f.after.at, f.after.id);
        where.push(`(p.created_at, p.id) < ($${params.length - 1}, $${params.length})`);
      }
      params.push(f.limit);
      return db.query<PostRow>(
        `${SELECT} WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`,
        params,
      );
    },

    /** Replies to `parentId`, oldest first, after a keyset position. */
    async replies(viewerId: number, hidden: number[], parentId: number, after: Position | undefined, limit: number) {
      const params: unknown[] = [viewerId, hidden, parentId, limit];
      let keyset = '';
      if (after) {
        params.push(after.at, after.id);
        keyset = 'AND (p.created_at, p.id) > ($5, $6)';
      }
      return db.query<PostRow>(
        `${SELECT} WHERE p.parent_id = $3 AND ${VISIBLE} ${keyset} ORDER BY p.created_at, p.id LIMIT $4`,
        params,
      );
    },

    /** One visible post (top-level or reply), or undefined. */
    async visible(viewerId: number, hidden: number[], id: number): Promise<PostRow | undefined> {
      const [row] = await db.query<PostRow>(`${SELECT} WHERE p.id = $3 AND ${VISIBLE}`, [viewerId, hidden, id]);
      return row;
    },

    async byIdempotencyKey(authorId: number, key: string) {
      const [row] = await db.query<{ id: number }>(
        'SELECT id FROM posts WHERE author_id = $1 AND idempotency_key = $2', [authorId, key]);
      return row?.id;
    },

    /** Inserts; returns undefined when the idempotency key was already used (a concurrent retry). */
    async insert(p: NewPost): Promise<{ id: number; created_at: Date } | undefined> {
      const [row] = await db.query<{ id: number; created_at: Date }>(
        `INSERT INTO posts (author_id, community_id, parent_id, body, idempotency_key)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (author_id, idempotency_key) DO NOTHING
         RETURNING id, created_at`,
        [p.authorId, p.communityId, p.parentId, p.body, p.idempotencyKey]);
      return row;
    },

    async updateBody(id: number, body: string) {
      await db.query('UPDATE posts SET body = $2, edited_at = now() WHERE id = $1', [id, body]);
    },

    async softDelete(id: number) {
      await db.query('UPDATE posts SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL', [id]);
    },

    async adjustReplyCount(id: number, delta: number) {
      await db.query('UPDATE posts SET reply_count = reply_count + $2 WHERE id = $1', [id, delta]);
    },

    /**
     * Replaces a post's tags and mentions with those extracted from its text. Tags are created
     * on first use; only mentions of people who exist are kept.
     */
    async setTagsAndMentions(post: { id: number; created_at: Date; parent_id: number | null }, tags: string[], handles: string[]) {
      await db.query('DELETE FROM post_tags WHERE post_id = $1', [post.id]);
      await db.query('DELETE FROM post_mentions WHERE post_id = $1', [post.id]);
      if (tags.length > 0) {
        await db.query('INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING', [tags]);
        await db.query(
          `INSERT INTO post_tags (post_id, tag_id, created_at, top_level)
           SELECT $1, t.id, $2, $3 FROM tags t WHERE t.name = ANY($4::text[])`,
          [post.id, post.created_at, post.parent_id === null, tags]);
      }
      if (handles.length > 0) {
        await db.query(
          `INSERT INTO post_mentions (post_id, person_id)
           SELECT $1, id FROM people WHERE handle = ANY($2::text[])`,
          [post.id, handles]);
      }
    },

    async clearTags(id: number) {
      await db.query('DELETE FROM post_tags WHERE post_id = $1', [id]);
    },

    async tagId(name: string) {
      const [row] = await db.query<{ id: number }>('SELECT id FROM tags WHERE name = $1', [name]);
      return row?.id;
    },

    /** Adds or removes the like; returns the post's like state after the change. */
    async setLike(postId: number, personId: number, liked: boolean) {
      const changed = liked
        ? await db.query('INSERT INTO post_likes (post_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [postId, personId])
        : await db.query('DELETE FROM post_likes WHERE post_id = $1 AND person_id = $2 RETURNING 1', [postId, personId]);
      const [row] = changed.length > 0
        ? await db.query<{ like_count: number }>(
            'UPDATE posts SET like_count = like_count + $2 WHERE id = $1 RETURNING like_count', [postId, liked ? 1 : -1])
        : await db.query<{ like_count: number }>('SELECT like_count FROM posts WHERE id = $1', [postId]);
      return { liked, likeCount: row?.like_count ?? 0 };
    },
  };
}
