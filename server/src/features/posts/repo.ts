import type { Queryable } from '../../db/index.ts';
import type { TimeKey } from '../cursor.ts';
import { HEADLINE_OPTIONS } from '../search/highlights.ts';

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
  /** The chips the author added (a hidden post's tags are shown from these and its text). */
  extra_tags: string[];
  hidden_at: Date | null;
  hidden_reason: string | null;
  /** Only computed for hidden posts (false otherwise): the viewer manages the post's community. */
  viewer_manages: boolean;
}

// $1 is always the viewer (for liked), $2 the ids of communities hidden from them.
const COLUMNS = `
  SELECT p.id, p.parent_id, p.author_id, p.body, p.created_at, p.edited_at, p.reply_count, p.like_count,
         EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.id AND l.person_id = $1) AS liked,
         a.handle AS author_handle, a.name AS author_name, a.title AS author_title, a.department AS author_department,
         p.community_id, c.slug AS community_slug, c.name AS community_name,
         c.visibility AS community_visibility, c.state AS community_state,
         ARRAY(SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
               WHERE pt.post_id = p.id ORDER BY t.name) AS tags,
         COALESCE((SELECT json_agg(json_build_object('handle', m.handle, 'name', m.name) ORDER BY m.handle)
                   FROM post_mentions pm JOIN people m ON m.id = pm.person_id
                   WHERE pm.post_id = p.id), '[]'::json) AS mentions,
         p.extra_tags, p.hidden_at, p.hidden_reason,
         CASE WHEN p.hidden_at IS NULL THEN false
              ELSE EXISTS (SELECT 1 FROM memberships mm
                           WHERE mm.community_id = p.community_id AND mm.person_id = $1 AND mm.role = 'manager') END AS viewer_manages`;

const JOINS = `
  JOIN people a ON a.id = p.author_id
  LEFT JOIN communities c ON c.id = p.community_id`;

/** One row, or a few by id: decorated directly. */
const SELECT = `${COLUMNS} FROM posts p ${JOINS}`;

/**
 * A page is chosen first (an index walk and LIMIT in a subquery), then only its rows are
 * decorated. With the LIMIT outside, the planner costs the per-row subqueries (liked, tags,
 * mentions) for every matching post, and turned `liked` into a scan of all of post_likes.
 */
function pageQuery(inner: string, order: string) {
  return `${COLUMNS} FROM (${inner}) p ${JOINS} ORDER BY ${order}`;
}

const VISIBLE = `p.deleted_at IS NULL AND (p.community_id IS NULL OR NOT (p.community_id = ANY($2::int[])))`;

export interface FeedFilter {
  viewerId: number;
  hidden: number[];
  communityId?: number | undefined;
  authorId?: number | undefined;
  tagId?: number | undefined;
  /** Only posts with a tag this person follows. */
  followedBy?: number | undefined;
  after?: TimeKey | undefined;
  limit: number;
}

export interface NewPost {
  authorId: number;
  communityId: number | null;
  parentId: number | null;
  body: string;
  extraTags: string[];
}

/** How many of the newest matches search ranks (see `search`). */
export const SEARCH_CANDIDATES = 500;

export interface SearchFilter {
  viewerId: number;
  hidden: number[];
  query: string;
  communityId?: number | undefined;
  authorId?: number | undefined;
  tagId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  limit: number;
}


export function postsRepo(db: Queryable) {
  return {
    /** Top-level posts, newest first, after a keyset position. */
    async feed(f: FeedFilter): Promise<PostRow[]> {
      const params: unknown[] = [f.viewerId, f.hidden];
      const where = ['p.parent_id IS NULL', VISIBLE];
      const add = (sql: string, value: unknown) => where.push(sql.replaceAll('?', `$${params.push(value)}`));
      if (f.communityId !== undefined) add('p.community_id = ?', f.communityId);
      if (f.authorId !== undefined) add('p.author_id = ?', f.authorId);
      if (f.followedBy !== undefined) {
        add(`p.id IN (SELECT pt.post_id FROM tag_follows tf JOIN post_tags pt ON pt.tag_id = tf.tag_id
                      WHERE tf.person_id = ? AND pt.top_level)`, f.followedBy);
      }
      const order = 'p.created_at DESC, p.id DESC';
      if (f.tagId !== undefined) {
        // Walk the tag's own (tag_id, created_at, post_id) index: post_tags copies the post's time.
        if (f.after) where.push(`(pt.created_at, pt.post_id) < ($${params.push(f.after.at)}, $${params.push(f.after.id)})`);
        const inner = `SELECT p.* FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                       WHERE pt.tag_id = $${params.push(f.tagId)} AND pt.top_level AND ${where.join(' AND ')}
                       ORDER BY pt.created_at DESC, pt.post_id DESC LIMIT $${params.push(f.limit)}`;
        return db.query<PostRow>(pageQuery(inner, order), params);
      }
      if (f.after) where.push(`(p.created_at, p.id) < ($${params.push(f.after.at)}, $${params.push(f.after.id)})`);
      const inner = `SELECT p.* FROM posts p WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.push(f.limit)}`;
      return db.query<PostRow>(pageQuery(inner, order), params);
    },

    /** Replies to `parentId`, oldest first, after a keyset position. */
    async replies(viewerId: number, hidden: number[], parentId: number, after: TimeKey | undefined, limit: number) {
      const params: unknown[] = [viewerId, hidden, parentId, limit];
      let keyset = '';
      if (after) {
        params.push(after.at, after.id);
        keyset = 'AND (p.created_at, p.id) > ($5, $6)';
      }
      const inner = `SELECT p.* FROM posts p WHERE p.parent_id = $3 AND ${VISIBLE} ${keyset} ORDER BY p.created_at, p.id LIMIT $4`;
      return db.query<PostRow>(pageQuery(inner, 'p.created_at, p.id'), params);
    },

    /** One visible post (top-level or reply), or undefined. */
    async visible(viewerId: number, hidden: number[], id: number): Promise<PostRow | undefined> {
      const [row] = await db.query<PostRow>(`${SELECT} WHERE p.id = $3 AND ${VISIBLE}`, [viewerId, hidden, id]);
      return row;
    },

    async insert(p: NewPost): Promise<{ id: number; created_at: Date }> {
      const [row] = await db.query<{ id: number; created_at: Date }>(
        `INSERT INTO posts (author_id, community_id, parent_id, body, extra_tags)
         VALUES ($1, $2, $3, $4, $5)
         RETURNING id, created_at`,
        [p.authorId, p.communityId, p.parentId, p.body, p.extraTags]);
      return row!;
    },

    /** Edits the text; returns whether a moderator has hidden the post (read under the edit's row lock). */
    async updateBody(id: number, body: string, extraTags: string[]): Promise<{ hidden: boolean }> {
      const [row] = await db.query<{ hidden: boolean }>(
        'UPDATE posts SET body = $2, extra_tags = $3, edited_at = now() WHERE id = $1 RETURNING hidden_at IS NOT NULL AS hidden',
        [id, body, extraTags]);
      return { hidden: row?.hidden ?? false };
    },

    async extraTags(id: number): Promise<string[]> {
      const [row] = await db.query<{ extra_tags: string[] }>('SELECT extra_tags FROM posts WHERE id = $1', [id]);
      return row?.extra_tags ?? [];
    },

    /**
     * Ranked full-text matches, with the body marked where it matched. Only the newest
     * SEARCH_CANDIDATES matches are ranked: a common word matches a tenth of all posts, and
     * ranking them all cannot be fast. The query text stays inline (not in a CTE) so the planner
     * sees how common it is and picks the index walk by time or the full-text index.
     */
    async search(f: SearchFilter): Promise<(PostRow & { score: number; marked: string | null })[]> {
      const params: unknown[] = [f.viewerId, f.hidden, f.query];
      // Hidden by a moderator: out of search until restored.
      const where = [VISIBLE, 'p.hidden_at IS NULL', "p.search @@ websearch_to_tsquery('english', $3)"];
      const add = (sql: string, value: unknown) => where.push(sql.replaceAll('?', `$${params.push(value)}`));
      if (f.communityId !== undefined) add('p.community_id = ?', f.communityId);
      if (f.authorId !== undefined) add('p.author_id = ?', f.authorId);
      if (f.tagId !== undefined) add('p.id IN (SELECT pt.post_id FROM post_tags pt WHERE pt.tag_id = ?)', f.tagId);
      if (f.from !== undefined) add('p.created_at >= (?::date)::timestamptz', f.from);
      if (f.to !== undefined) add('p.created_at < (?::date + 1)::timestamptz', f.to);
      const limit = params.push(f.limit);
      const offset = params.push(f.offset);
      const candidates = params.push(SEARCH_CANDIDATES);
      return db.query(
        `WITH matches AS (
           SELECT p.id, p.search, p.created_at FROM posts p
           WHERE ${where.join(' AND ')}
           ORDER BY p.created_at DESC, p.id DESC LIMIT $${candidates}),
         hits AS (
           SELECT m.id, ts_rank_cd(m.search, websearch_to_tsquery('english', $3), 32) AS score, m.created_at
           FROM matches m
           ORDER BY score DESC, m.created_at DESC, m.id DESC LIMIT $${limit} OFFSET $${offset})
         SELECT r.*, h.score,
                ts_headline('english', r.body, websearch_to_tsquery('english', $3), '${HEADLINE_OPTIONS}') AS marked
         FROM hits h, LATERAL (${SELECT} WHERE p.id = h.id) r
         ORDER BY h.score DESC, r.created_at DESC, r.id DESC`,
        params);
    },

    async softDelete(id: number) {
      await db.query('UPDATE posts SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL', [id]);
    },

    async adjustReplyCount(id: number, delta: number) {
      await db.query('UPDATE posts SET reply_count = reply_count + $2 WHERE id = $1', [id, delta]);
    },

    /**
     * Replaces a post's tags and mentions. Only mentions of people who exist are kept. (The
     * post_tags trigger keeps every tag count in step.)
     */
    async setTagsAndMentions(post: { id: number; created_at: Date; parent_id: number | null }, tagIds: number[], handles: string[]) {
      await db.query('DELETE FROM post_tags WHERE post_id = $1', [post.id]);
      await db.query('DELETE FROM post_mentions WHERE post_id = $1', [post.id]);
      if (tagIds.length > 0) {
        await db.query(
          `INSERT INTO post_tags (post_id, tag_id, created_at, top_level)
           SELECT $1, unnest($4::int[]), $2, $3`,
          [post.id, post.created_at, post.parent_id === null, tagIds]);
      }
      if (handles.length > 0) {
        await db.query(
          `INSERT INTO post_mentions (post_id, person_id)
           SELECT $1, id FROM people WHERE handle = ANY($2::text[])`,
          [post.id, handles]);
      }
    },

    /** Replaces only a post's mentions (a hidden post's tags stay out of every count). */
    async setMentions(postId: number, handles: string[]) {
      await db.query('DELETE FROM post_mentions WHERE post_id = $1', [postId]);
      if (handles.length > 0) {
        await db.query(
          `INSERT INTO post_mentions (post_id, person_id)
           SELECT $1, id FROM people WHERE handle = ANY($2::text[])`,
          [postId, handles]);
      }
    },

    async clearTags(id: number) {
      await db.query('DELETE FROM post_tags WHERE post_id = $1', [id]);
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
