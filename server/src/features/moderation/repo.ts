import type { ContentKind, ModerationStatus, ReportReason } from '@hearth/contracts';
import type { Queryable } from '../../db/index.ts';
import type { TimeKey } from '../cursor.ts';

/** A piece of content as moderation sees it, whatever its kind. */
export interface TargetRow {
  kind: ContentKind;
  id: number;
  author_id: number;
  /** An answer's is its question's. */
  community_id: number | null;
  /** A reply's post, an answer's question; null otherwise. */
  parent_id: number | null;
  /** Deleted by its author or an admin (an answer whose question was deleted too). */
  deleted: boolean;
  hidden_at: Date | null;
  hidden_reason: string | null;
  created_at: Date;
  /** A question's title; null for posts and answers. */
  title: string | null;
  body: string;
  /** A post's chips. */
  extra_tags: string[];
}

export interface ItemRow {
  id: number;
  kind: ContentKind;
  target_id: number;
  community_id: number | null;
  status: ModerationStatus;
  keywords: string[];
  report_count: number;
  opened_at: Date;
  decided_by: number | null;
  decided_at: Date | null;
  decision_note: string | null;
}

export interface ContentRow {
  kind: ContentKind;
  id: number;
  title: string | null;
  body: string;
  author_id: number;
  author_handle: string;
  author_name: string;
  author_title: string | null;
  author_department: string | null;
  created_at: Date;
  parent_id: number | null;
  /** The text of what it answers: a reply's post body, an answer's question title. */
  context: string | null;
  /** Current tags (a hidden post has none stored: see extra_tags). */
  tags: string[];
  extra_tags: string[];
  hidden_at: Date | null;
  deleted: boolean;
}

export interface KeywordRow {
  id: number;
  pattern: string;
  is_regex: boolean;
  created_at: Date;
}

/** Who may look at the queue: admins everything but the communities hidden from them, managers theirs. */
export type QueueScope = { kind: 'all'; hidden: number[] } | { kind: 'communities'; ids: number[] };

export interface QueueFilter {
  status: ModerationStatus;
  scope: QueueScope;
  communityId?: number | undefined;
  after?: TimeKey | undefined;
  limit: number;
}

// Table names per kind: constants, never input.
const TABLE: Record<ContentKind, 'posts' | 'questions' | 'answers'> = { post: 'posts', question: 'questions', answer: 'answers' };

const TARGET: Record<ContentKind, string> = {
  post: `
    SELECT 'post' AS kind, p.id, p.author_id, p.community_id, p.parent_id, p.deleted_at IS NOT NULL AS deleted,
           p.hidden_at, p.hidden_reason, p.created_at, NULL::text AS title, p.body, p.extra_tags
    FROM posts p WHERE p.id = $1`,
  question: `
    SELECT 'question' AS kind, q.id, q.author_id, q.community_id, NULL::int AS parent_id, q.deleted_at IS NOT NULL AS deleted,
           q.hidden_at, q.hidden_reason, q.created_at, q.title, q.body, '{}'::text[] AS extra_tags
    FROM questions q WHERE q.id = $1`,
  answer: `
    SELECT 'answer' AS kind, a.id, a.author_id, q.community_id, a.question_id AS parent_id,
           (a.deleted_at IS NOT NULL OR q.deleted_at IS NOT NULL) AS deleted,
           a.hidden_at, a.hidden_reason, a.created_at, NULL::text AS title, a.body, '{}'::text[] AS extra_tags
    FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.id = $1`,
};

const AUTHOR = `a.handle AS author_handle, a.name AS author_name, a.title AS author_title, a.department AS author_department`;

const CONTENT: Record<ContentKind, string> = {
  post: `
    SELECT 'post' AS kind, p.id, NULL::text AS title, p.body, p.author_id, ${AUTHOR}, p.created_at, p.parent_id,
           (SELECT pp.body FROM posts pp WHERE pp.id = p.parent_id) AS context,
           ARRAY(SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id ORDER BY t.name) AS tags,
           p.extra_tags, p.hidden_at, p.deleted_at IS NOT NULL AS deleted
    FROM posts p JOIN people a ON a.id = p.author_id WHERE p.id = ANY($1::int[])`,
  question: `
    SELECT 'question' AS kind, q.id, q.title, q.body, q.author_id, ${AUTHOR}, q.created_at, NULL::int AS parent_id,
           NULL::text AS context,
           ARRAY(SELECT t.name FROM question_tags qt JOIN tags t ON t.id = qt.tag_id WHERE qt.question_id = q.id ORDER BY t.name) AS tags,
           '{}'::text[] AS extra_tags, q.hidden_at, q.deleted_at IS NOT NULL AS deleted
    FROM questions q JOIN people a ON a.id = q.author_id WHERE q.id = ANY($1::int[])`,
  answer: `
    SELECT 'answer' AS kind, an.id, NULL::text AS title, an.body, an.author_id, ${AUTHOR}, an.created_at,
           an.question_id AS parent_id, q.title AS context, '{}'::text[] AS tags, '{}'::text[] AS extra_tags,
           an.hidden_at, (an.deleted_at IS NOT NULL OR q.deleted_at IS NOT NULL) AS deleted
    FROM answers an JOIN questions q ON q.id = an.question_id JOIN people a ON a.id = an.author_id
    WHERE an.id = ANY($1::int[])`,
};

// A new report, or a watch-list match, reopens an item a moderator had closed (dismissed or
// restored), as a fresh entry at the top of the queue; a hidden item stays hidden.
const REOPEN = `
  status = CASE WHEN mi.status IN ('dismissed', 'restored') THEN 'open' ELSE mi.status END,
  opened_at = CASE WHEN mi.status IN ('dismissed', 'restored') THEN now() ELSE mi.opened_at END,
  decided_by = CASE WHEN mi.status IN ('dismissed', 'restored') THEN NULL ELSE mi.decided_by END,
  decided_at = CASE WHEN mi.status IN ('dismissed', 'restored') THEN NULL ELSE mi.decided_at END,
  decision_note = CASE WHEN mi.status IN ('dismissed', 'restored') THEN NULL ELSE mi.decision_note END,
  community_id = EXCLUDED.community_id`;

export function moderationRepo(db: Queryable) {
  return {
    /** The content, deleted or not, or undefined when there is no such thing. */
    async target(kind: ContentKind, id: number): Promise<TargetRow | undefined> {
      const [row] = await db.query<TargetRow>(TARGET[kind], [id]);
      return row;
    },

    async manages(personId: number, communityId: number): Promise<boolean> {
      const rows = await db.query(
        "SELECT 1 FROM memberships WHERE community_id = $1 AND person_id = $2 AND role = 'manager'", [communityId, personId]);
      return rows.length > 0;
    },

    /** The communities `personId` manages. */
    async managed(personId: number): Promise<number[]> {
      const rows = await db.query<{ community_id: number }>(
        "SELECT community_id FROM memberships WHERE person_id = $1 AND role = 'manager'", [personId]);
      return rows.map((r) => r.community_id);
    },

    async item(kind: ContentKind, targetId: number): Promise<ItemRow | undefined> {
      const [row] = await db.query<ItemRow>('SELECT * FROM moderation_items WHERE kind = $1 AND target_id = $2', [kind, targetId]);
      return row;
    },

    /** Stores a report; undefined when this person had already reported it. */
    async addReport(r: { kind: ContentKind; targetId: number; reporterId: number; reason: ReportReason; note: string | null }) {
      const [row] = await db.query<{ id: number; created_at: Date }>(
        `INSERT INTO reports (kind, target_id, reporter_id, reason, note) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, target_id, reporter_id) DO NOTHING
         RETURNING id, created_at`,
        [r.kind, r.targetId, r.reporterId, r.reason, r.note]);
      return row;
    },

    /** Counts a report on the content's item: created open, reopened if it was closed. */
    async reported(kind: ContentKind, targetId: number, communityId: number | null) {
      await db.query(
        `INSERT INTO moderation_items AS mi (kind, target_id, community_id, report_count) VALUES ($1, $2, $3, 1)
         ON CONFLICT (kind, target_id) DO UPDATE SET report_count = mi.report_count + 1, ${REOPEN}`,
        [kind, targetId, communityId]);
    },

    /**
     * The watch-list patterns the content matches as written now: with some, its item is created
     * open or reopened; with none, an existing item only forgets the old matches.
     */
    async watched(kind: ContentKind, targetId: number, communityId: number | null, keywords: string[]) {
      if (keywords.length === 0) {
        await db.query(
          `UPDATE moderation_items SET keywords = '{}' WHERE kind = $1 AND target_id = $2 AND keywords <> '{}'`, [kind, targetId]);
        return;
      }
      await db.query(
        `INSERT INTO moderation_items AS mi (kind, target_id, community_id, keywords) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind, target_id) DO UPDATE SET keywords = EXCLUDED.keywords, ${REOPEN}`,
        [kind, targetId, communityId, keywords]);
    },

    /** Marks the content hidden; false if it already was (another moderator was first). */
    async hide(kind: ContentKind, id: number, reason: string): Promise<boolean> {
      const rows = await db.query(
        `UPDATE ${TABLE[kind]} SET hidden_at = now(), hidden_reason = $2 WHERE id = $1 AND hidden_at IS NULL RETURNING id`, [id, reason]);
      return rows.length > 0;
    },

    /** Brings the content back; false if it was not hidden. */
    async unhide(kind: ContentKind, id: number): Promise<boolean> {
      const rows = await db.query(
        `UPDATE ${TABLE[kind]} SET hidden_at = NULL, hidden_reason = NULL WHERE id = $1 AND hidden_at IS NOT NULL RETURNING id`, [id]);
      return rows.length > 0;
    },

    /** Records a decision: from any state for `hidden`, only from `from` otherwise. Undefined when the state was not `from`. */
    async decide(d: {
      kind: ContentKind; targetId: number; communityId: number | null; status: 'hidden' | 'restored' | 'dismissed';
      from?: ModerationStatus; by: number; note: string | null;
    }): Promise<ItemRow | undefined> {
      if (d.status === 'hidden') {
        const [row] = await db.query<ItemRow>(
          `INSERT INTO moderation_items AS mi (kind, target_id, community_id, status, decided_by, decided_at, decision_note)
           VALUES ($1, $2, $3, 'hidden', $4, now(), $5)
           ON CONFLICT (kind, target_id) DO UPDATE SET status = 'hidden', decided_by = EXCLUDED.decided_by,
             decided_at = EXCLUDED.decided_at, decision_note = EXCLUDED.decision_note, community_id = EXCLUDED.community_id
           RETURNING *`,
          [d.kind, d.targetId, d.communityId, d.by, d.note]);
        return row;
      }
      const [row] = await db.query<ItemRow>(
        `UPDATE moderation_items SET status = $3, decided_by = $5, decided_at = now(), decision_note = $6
         WHERE kind = $1 AND target_id = $2 AND status = $4 RETURNING *`,
        [d.kind, d.targetId, d.status, d.from, d.by, d.note]);
      return row;
    },

    /** Who reported the content since `since` (the item's opening): they are told the outcome. */
    async reporters(kind: ContentKind, targetId: number, since: Date): Promise<number[]> {
      const rows = await db.query<{ reporter_id: number }>(
        'SELECT DISTINCT reporter_id FROM reports WHERE kind = $1 AND target_id = $2 AND created_at >= $3', [kind, targetId, since]);
      return rows.map((r) => r.reporter_id);
    },

    /** A page of the queue, newest opened first. */
    async queue(f: QueueFilter): Promise<ItemRow[]> {
      const params: unknown[] = [f.status];
      const where = ['mi.status = $1'];
      if (f.scope.kind === 'all') {
        where.push(`(mi.community_id IS NULL OR NOT (mi.community_id = ANY($${params.push(f.scope.hidden)}::int[])))`);
      } else {
        where.push(`mi.community_id = ANY($${params.push(f.scope.ids)}::int[])`);
      }
      if (f.communityId !== undefined) where.push(`mi.community_id = $${params.push(f.communityId)}`);
      if (f.after) where.push(`(mi.opened_at, mi.id) < ($${params.push(f.after.at)}, $${params.push(f.after.id)})`);
      return db.query<ItemRow>(
        `SELECT mi.* FROM moderation_items mi WHERE ${where.join(' AND ')}
         ORDER BY mi.opened_at DESC, mi.id DESC LIMIT $${params.push(f.limit)}`, params);
    },

    /** The content of items of one kind, as written. */
    async contents(kind: ContentKind, ids: number[]): Promise<ContentRow[]> {
      if (ids.length === 0) return [];
      return db.query<ContentRow>(CONTENT[kind], [ids]);
    },

    /** Reasons with their counts, and the notes (without who wrote them), of the items' reports. */
    async reportSummary(items: { kind: ContentKind; target_id: number }[]) {
      if (items.length === 0) return { reasons: [], notes: [] };
      const keys = [items.map((i) => i.kind), items.map((i) => i.target_id)];
      const match = '(r.kind, r.target_id) IN (SELECT * FROM unnest($1::text[], $2::int[]))';
      const reasons = await db.query<{ kind: ContentKind; target_id: number; reason: ReportReason; count: number }>(
        `SELECT r.kind, r.target_id, r.reason, count(*)::int AS count FROM reports r WHERE ${match}
         GROUP BY 1, 2, 3 ORDER BY count(*) DESC, r.reason`, keys);
      const notes = await db.query<{ kind: ContentKind; target_id: number; note: string }>(
        `SELECT r.kind, r.target_id, r.note FROM reports r WHERE ${match} AND r.note IS NOT NULL AND r.note <> ''
         ORDER BY r.created_at, r.id`, keys);
      return { reasons, notes };
    },

    async communities(ids: number[]) {
      if (ids.length === 0) return [];
      return db.query<{ id: number; slug: string; name: string; visibility: 'open' | 'restricted' }>(
        'SELECT id, slug, name, visibility FROM communities WHERE id = ANY($1::int[])', [ids]);
    },

    async people(ids: number[]) {
      if (ids.length === 0) return [];
      return db.query<{ id: number; handle: string; name: string; title: string | null; department: string | null }>(
        'SELECT id, handle, name, title, department FROM people WHERE id = ANY($1::int[])', [ids]);
    },

    async keywords(): Promise<KeywordRow[]> {
      return db.query<KeywordRow>('SELECT id, pattern, is_regex, created_at FROM watch_keywords ORDER BY created_at, id');
    },

    /** Adds a pattern; undefined when it is on the list already. */
    async addKeyword(pattern: string, isRegex: boolean, by: number): Promise<KeywordRow | undefined> {
      const [row] = await db.query<KeywordRow>(
        `INSERT INTO watch_keywords (pattern, is_regex, created_by) VALUES ($1, $2, $3)
         ON CONFLICT (pattern, is_regex) DO NOTHING RETURNING id, pattern, is_regex, created_at`,
        [pattern, isRegex, by]);
      return row;
    },

    async removeKeyword(id: number): Promise<KeywordRow | undefined> {
      const [row] = await db.query<KeywordRow>(
        'DELETE FROM watch_keywords WHERE id = $1 RETURNING id, pattern, is_regex, created_at', [id]);
      return row;
    },
  };
}
