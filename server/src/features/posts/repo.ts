import type { Queryable } from '../../db/index.ts';
import type { TimeKey } from '../cursor.ts';
import { HEADLINE_OPTIONS } from '../search/highlights.ts';
import { hiddenFromSql } from '../communities/repo.ts';

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

// $1 is always the viewer (for liked), $2 the ids of communities hidden from them. The tags and
// mentions are kept on the post's row on write (021_feed_on_write.sql): a page reads no other
// table per post than its author, its community and the viewer's like.
const COLUMNS = `
  SELECT p.id, p.parent_id, p.author_id, p.body, p.created_at, p.edited_at, p.reply_count, p.like_count,
         EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.id AND l.person_id = $1) AS liked,
         a.handle AS author_handle, a.name AS author_name, a.title AS author_title, a.department AS author_department,
         p.community_id, c.slug AS community_slug, c.name AS community_name,
         c.visibility AS community_visibility, c.state AS community_state,
         p.tag_names AS tags, p.mention_list AS mentions,
         p.extra_tags, p.hidden_at, p.hidden_reason,
         CASE WHEN p.hidden_at IS NULL THEN false
              ELSE EXISTS (SELECT 1 FROM memberships mm
                           WHERE mm.community_id = p.community_id AND mm.person_id = $1 AND mm.role = 'manager') END AS viewer_manages`;

// The author and community of each row by primary key. OFFSET 0 keeps each lookup a subquery
// of its own (not pulled up into a join): as joins, the planner hashed the whole people table
// (2,000 rows at 100,000 posts, 50,000 in a large company) to decorate a page of 20.
const JOINS = `
  CROSS JOIN LATERAL (SELECT a.handle, a.name, a.title, a.department FROM people a WHERE a.id = p.author_id OFFSET 0) a
  LEFT JOIN LATERAL (SELECT c.slug, c.name, c.visibility, c.state FROM communities c WHERE c.id = p.community_id OFFSET 0) c ON true`;

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

/**
 * A page of posts and one post are read on every feed, reply list and live update: their
 * statements are prepared (planning a page cost more than reading it). Index walks by time:
 * a generic plan is the same plan.
 */
const PREPARED = { prepare: true } as const;

/**
 * $2: the ids of the communities hidden from the viewer ($1), as the service found them; or NULL,
 * and the statement works them out itself with the same definition (communities/repo.ts), so a
 * feed page is one round trip. With an array, the planner drops the fallback.
 */
const HIDDEN = `COALESCE($2::int[], ${hiddenFromSql('$1')})`;
const VISIBLE = `p.deleted_at IS NULL AND (p.community_id IS NULL OR NOT (p.community_id = ANY(${HIDDEN})))`;

export interface FeedFilter {
  viewerId: number;
  /** The communities hidden from the viewer; null: the feed's own statement works them out. */
  hidden: number[] | null;
  communityId?: number | undefined;
  authorId?: number | undefined;
  tagId?: number | undefined;
  /**
   * The Following scope of this person: `tags`, posts with a tag they follow; `all`, posts with a
   * tag they follow, by a person they follow, or in a community they follow.
   */
  following?: { by: number; scope: 'tags' | 'all' } | undefined;
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

/** How many of the newest matches search ranks at most (see `search`). */
export const SEARCH_CANDIDATES = 500;
/**
 * How many of the newest visible posts (questions) search looks through for matches before it
 * looks further back (see `matchesSql`): the bound on a common word's work. Fewer within a tag:
 * its posts are spread over the table (a page read each), where the newest are side by side.
 */
export const SEARCH_WINDOW = { posts: 3000, tagged: 500, questions: 2000 } as const;

/**
 * The candidates of a search, newest first, as one CTE body: the matches among the newest
 * `window` rows that pass `filters` (walked by `time, key` descending, so the work is `window`
 * rows however common the words are); and only when those are fewer than `need` (a page), up to
 * `cap` newest matches before them, found by the full-text index (a rare word) or the walk,
 * whichever the planner prefers. At most `cap` rows, each with `columns` and `t`, `k`.
 * `match(alias)` is the full-text condition on that alias's `search`; `from` may join (a tag's
 * own time index). `window`, `cap` and `need` are parameter placeholders of the caller's statement.
 *
 * With `periods` (posts: 019_search_recent.sql), the matches before the window are looked for in
 * today's posts first, then each day before, then before them, each only when what came before
 * holds fewer than `need`: the index intersects the words with that day before any row is read,
 * so a phrase that matches 12,000 posts reads the few hundred of today, not all 12,000. Each
 * period is looked in before the one before it starts (`since`).
 */
export function matchesSql(o: {
  columns: string; from: string; alias: string; filters: string[]; match: (alias: string) => string; time: string; key: string;
  window: string; cap: string; need: string;
  /**
   * Where the matches before the window are looked for, when not where the walk goes (the same
   * order, the same rows): e.g. the table itself, so the planner may take its full-text index.
   */
  older?: { from: string; time: string; key: string; filters: string[] } | undefined;
  /** Narrower looks before the window, newest first: each period's match and its start. */
  periods?: { match: (alias: string) => string; since: string }[] | undefined;
}): string {
  const filters = o.filters.join(' AND ');
  const walk = `SELECT ${o.columns}, ${o.time} AS t, ${o.key} AS k FROM ${o.from}`;
  const b = o.older ?? o;
  // Matches before the window, when the CTEs in `found` hold fewer than `need` rows together.
  const before = (match: string, found: string[], since?: string) => `
      SELECT ${o.columns}, ${b.time} AS t, ${b.key} AS k FROM ${b.from}
      WHERE ${b.filters.join(' AND ')} AND ${match} ${since ? `AND ${b.time} < ${since}` : ''}
        AND ${found.map((f) => `(SELECT count(*) FROM ${f})`).join(' + ')} < ${o.need} AND (SELECT count(*) FROM walk) >= ${o.window}
        AND (${b.time}, ${b.key}) < ((SELECT t FROM edge), (SELECT k FROM edge))
      ORDER BY ${b.time} DESC, ${b.key} DESC LIMIT ${o.cap}`;
  const found = ['recent'];
  const looks: string[] = [];
  let since: string | undefined;
  for (const [i, period] of (o.periods ?? []).entries()) {
    looks.push(`period${i} AS (${before(period.match(o.alias), [...found], since)})`);
    found.push(`period${i}`);
    since = period.since;
  }
  looks.push(`older AS (${before(o.match(o.alias), found, since)})`);
  return `WITH walk AS (
      ${walk} WHERE ${filters} ORDER BY ${o.time} DESC, ${o.key} DESC LIMIT ${o.window}),
    recent AS (
      SELECT * FROM walk w WHERE ${o.match('w')} ORDER BY w.t DESC, w.k DESC LIMIT ${o.cap}),
    edge AS (SELECT t, k FROM walk ORDER BY t, k LIMIT 1),
    ${looks.join(',\n    ')}
    SELECT * FROM (${[...found, 'older'].map((f) => `SELECT * FROM ${f}`).join(' UNION ALL ')}) u
    ORDER BY t DESC, k DESC LIMIT ${o.cap}`;
}

/** How many days (today and those before, UTC), one at a time, a post search asks the index for first. */
export const SEARCH_DAYS = 3;

/**
 * A post's words and day as the full-text index holds them (019_search_recent.sql): every post
 * search outside the walk matches on this expression, so that it can use the index.
 */
export const postText = (alias: string) => `(${alias}.search || search_period(${alias}.created_at))`;

/**
 * `matchesSql`'s `periods` for posts, pushed as parameters: today and the SEARCH_DAYS - 1 days
 * before (UTC), each as the tsquery of its lexeme, and when each starts. `query` is the search's
 * tsquery.
 */
export function postPeriods(params: unknown[], query: string, now = new Date()): NonNullable<Parameters<typeof matchesSql>[0]['periods']> {
  const DAY_MS = 86_400_000;
  const today = Math.floor(now.getTime() / DAY_MS);
  return [...Array(SEARCH_DAYS).keys()].map((i) => {
    const day = params.push(`'day ${today - i}'`);
    const since = params.push(new Date((today - i) * DAY_MS).toISOString());
    return { match: (a: string) => `${postText(a)} @@ (${query} && $${day}::tsquery)`, since: `$${since}::timestamptz` };
  });
}

/**
 * Where a post search walks (`matchesSql`'s from, time, key and window): the posts by time, or
 * with a tag the tag's own time index (post_tags copies the post's time), filtered by `pt.tag_id`.
 */
export function postSource(tagged: boolean) {
  return tagged
    ? { from: 'post_tags pt JOIN posts p ON p.id = pt.post_id', time: 'pt.created_at', key: 'pt.post_id', window: SEARCH_WINDOW.tagged }
    : { from: 'posts p', time: 'p.created_at', key: 'p.id', window: SEARCH_WINDOW.posts };
}

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
  /** Questions only: answered ones first (an accepted answer, then any), then by relevance. */
  answeredFirst?: boolean | undefined;
  /**
   * With a number, the first row also carries (`top`) this many of the best-ranked candidates,
   * for the facets (search/repo.ts): they are counted over what the search found, not found again.
   */
  top?: number | undefined;
}

/** One of a search's best-ranked candidates, for the facets: ranked by grp, score, at, id. */
export interface Candidate {
  kind: 'post' | 'question';
  id: number;
  author_id: number;
  community_id: number | null;
  grp: number;
  score: number;
  /** created_at, seconds since the epoch. */
  at: number;
}

/**
 * The `top` column of a search's page (see SearchFilter.top): on the page's first row, the best
 * `top` of the `ranked` CTE (id, author_id, community_id, grp, score, created_at) as Candidates;
 * NULL elsewhere, and NULL on every row when `top` is not a parameter.
 */
export function topCandidatesSql(kind: Candidate['kind'], top: string | undefined): string {
  if (!top) return 'NULL::json AS top';
  return `CASE WHEN h.n = 1 THEN (
      SELECT json_agg(json_build_object('kind', '${kind}', 'id', c.id, 'author_id', c.author_id, 'community_id', c.community_id,
                                        'grp', c.grp, 'score', c.score, 'at', extract(epoch FROM c.created_at)))
      FROM (SELECT * FROM ranked c ORDER BY c.grp, c.score DESC, c.created_at DESC, c.id DESC LIMIT ${top}) c) END AS top`;
}


export function postsRepo(db: Queryable) {
  /**
   * The Following scope without a tag filter: for each followed tag, person and community, a walk
   * of its own index (post_tags_feed, posts_author_feed, posts_community_feed) for at most a page
   * of visible posts after the cursor; the newest page of their union is the answer. The work is
   * a page per followed thing, never a scan of the posts, however rare or common what is followed.
   */
  function followingFeed(f: FeedFilter, params: unknown[], where: string[]): Promise<PostRow[]> {
    const by = params.push(f.following!.by);
    const limit = params.push(f.limit);
    const [at, id] = f.after ? [params.push(f.after.at), params.push(f.after.id)] : [];
    const after = (time: string, key: string) => (f.after ? `AND (${time}, ${key}) < ($${at}, $${id})` : '');
    const filter = where.join(' AND ');
    const branches = [
      `SELECT x.* FROM tag_follows tf CROSS JOIN LATERAL (
         SELECT p.id, p.created_at FROM post_tags pt JOIN posts p ON p.id = pt.post_id
         WHERE pt.tag_id = tf.tag_id AND pt.top_level AND ${filter} ${after('pt.created_at', 'pt.post_id')}
         ORDER BY pt.created_at DESC, pt.post_id DESC LIMIT $${limit}) x
       WHERE tf.person_id = $${by}`,
    ];
    if (f.following!.scope === 'all') {
      branches.push(
        // People who were deactivated are left out, as they are of the list of whom one follows.
        `SELECT x.* FROM person_follows pf JOIN people fp ON fp.id = pf.person_id AND fp.active CROSS JOIN LATERAL (
           SELECT p.id, p.created_at FROM posts p
           WHERE p.author_id = pf.person_id AND ${filter} ${after('p.created_at', 'p.id')}
           ORDER BY p.created_at DESC, p.id DESC LIMIT $${limit}) x
         WHERE pf.follower_id = $${by}`,
        // A community hidden from the viewer (one they left) is skipped whole.
        `SELECT x.* FROM community_follows cf CROSS JOIN LATERAL (
           SELECT p.id, p.created_at FROM posts p
           WHERE p.community_id = cf.community_id AND ${filter} ${after('p.created_at', 'p.id')}
           ORDER BY p.created_at DESC, p.id DESC LIMIT $${limit}) x
         WHERE cf.person_id = $${by} AND NOT (cf.community_id = ANY(${HIDDEN}))`);
    }
    const inner = `SELECT p.* FROM (
                     SELECT DISTINCT id, created_at FROM (${branches.join(' UNION ALL ')}) u
                     ORDER BY created_at DESC, id DESC LIMIT $${limit}) f
                   JOIN posts p ON p.id = f.id`;
    return db.query<PostRow>(pageQuery(inner, 'p.created_at DESC, p.id DESC'), params, PREPARED);
  }

  return {
    /** Top-level posts, newest first, after a keyset position. */
    async feed(f: FeedFilter): Promise<PostRow[]> {
      const params: unknown[] = [f.viewerId, f.hidden];
      const where = ['p.parent_id IS NULL', VISIBLE];
      const add = (sql: string, value: unknown) => where.push(sql.replaceAll('?', `$${params.push(value)}`));
      if (f.communityId !== undefined) add('p.community_id = ?', f.communityId);
      if (f.authorId !== undefined) add('p.author_id = ?', f.authorId);
      const order = 'p.created_at DESC, p.id DESC';
      if (f.following && f.tagId === undefined) return followingFeed(f, params, where);
      if (f.following) {
        // With a tag filter, the tag's own index is walked and each post checked.
        const by = params.push(f.following.by);
        const followed = [`EXISTS (SELECT 1 FROM tag_follows tf JOIN post_tags fpt ON fpt.tag_id = tf.tag_id
                                   WHERE tf.person_id = $${by} AND fpt.post_id = p.id)`];
        if (f.following.scope === 'all') {
          followed.push(
            `EXISTS (SELECT 1 FROM person_follows pf JOIN people fp ON fp.id = pf.person_id AND fp.active
                     WHERE pf.follower_id = $${by} AND pf.person_id = p.author_id)`,
            `EXISTS (SELECT 1 FROM community_follows cf WHERE cf.person_id = $${by} AND cf.community_id = p.community_id)`);
        }
        where.push(`(${followed.join(' OR ')})`);
      }
      if (f.tagId !== undefined) {
        // Walk the tag's own (tag_id, created_at, post_id) index: post_tags copies the post's time.
        if (f.after) where.push(`(pt.created_at, pt.post_id) < ($${params.push(f.after.at)}, $${params.push(f.after.id)})`);
        const inner = `SELECT p.* FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                       WHERE pt.tag_id = $${params.push(f.tagId)} AND pt.top_level AND ${where.join(' AND ')}
                       ORDER BY pt.created_at DESC, pt.post_id DESC LIMIT $${params.push(f.limit)}`;
        return db.query<PostRow>(pageQuery(inner, order), params, PREPARED);
      }
      if (f.after) where.push(`(p.created_at, p.id) < ($${params.push(f.after.at)}, $${params.push(f.after.id)})`);
      const inner = `SELECT p.* FROM posts p WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.push(f.limit)}`;
      return db.query<PostRow>(pageQuery(inner, order), params, PREPARED);
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
      return db.query<PostRow>(pageQuery(inner, 'p.created_at, p.id'), params, PREPARED);
    },

    /** One visible post (top-level or reply), or undefined. */
    async visible(viewerId: number, hidden: number[], id: number): Promise<PostRow | undefined> {
      const [row] = await db.query<PostRow>(`${SELECT} WHERE p.id = $3 AND ${VISIBLE}`, [viewerId, hidden, id], PREPARED);
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
     * Ranked full-text matches, with the body marked where it matched. Only the newest matches
     * are ranked (`matchesSql`): those among the newest SEARCH_WINDOW.posts visible posts, or,
     * when these are fewer than the page needs, the newest SEARCH_CANDIDATES. A common word
     * matches a tenth of all posts, and neither finding nor ranking them all can be fast. With
     * a tag, the tag's own time index is walked (post_tags copies the post's time).
     */
    async search(f: SearchFilter): Promise<(PostRow & { score: number; marked: string | null; top: Candidate[] | null })[]> {
      const params: unknown[] = [f.viewerId, f.hidden, f.query];
      // Hidden by a moderator: out of search until restored.
      const where = [VISIBLE, 'p.hidden_at IS NULL'];
      const add = (sql: string, value: unknown) => where.push(sql.replaceAll('?', `$${params.push(value)}`));
      if (f.communityId !== undefined) add('p.community_id = ?', f.communityId);
      if (f.authorId !== undefined) add('p.author_id = ?', f.authorId);
      if (f.tagId !== undefined) add('pt.tag_id = ?', f.tagId);
      if (f.from !== undefined) add('p.created_at >= (?::date)::timestamptz', f.from);
      if (f.to !== undefined) add('p.created_at < (?::date + 1)::timestamptz', f.to);
      const limit = params.push(f.limit);
      const offset = params.push(f.offset);
      const source = postSource(f.tagId !== undefined);
      const matches = matchesSql({
        columns: 'p.id, p.author_id, p.community_id, p.search, p.created_at',
        from: source.from,
        alias: 'p',
        filters: where,
        // The walk's rows by their words; posts before it by what the full-text index holds.
        match: (a) => `${a === 'p' ? postText('p') : `${a}.search`} @@ websearch_to_tsquery('english', $3)`,
        time: source.time,
        key: source.key,
        window: `$${params.push(source.window)}`,
        cap: `$${params.push(SEARCH_CANDIDATES)}`,
        need: `$${params.push(f.offset + f.limit)}`,
        periods: postPeriods(params, "websearch_to_tsquery('english', $3)"),
      });
      const top = f.top === undefined ? undefined : `$${params.push(f.top)}`;
      return db.query(
        `WITH matches AS (${matches}),
         ranked AS (
           SELECT m.id, m.author_id, m.community_id, 0 AS grp, ts_rank_cd(m.search, websearch_to_tsquery('english', $3), 32) AS score, m.created_at
           FROM matches m),
         hits AS (
           SELECT r.id, r.score, r.created_at, row_number() OVER (ORDER BY r.score DESC, r.created_at DESC, r.id DESC) AS n
           FROM ranked r
           ORDER BY r.score DESC, r.created_at DESC, r.id DESC LIMIT $${limit} OFFSET $${offset})
         SELECT r.*, h.score,
                ts_headline('english', r.body, websearch_to_tsquery('english', $3), '${HEADLINE_OPTIONS}') AS marked,
                ${topCandidatesSql('post', top)}
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
