import type { NotificationKind, PersonSummary } from '@hearth/contracts';
import type { Queryable } from '../../db/index.ts';

/** A notification about to be stored (one per recipient). */
export interface NewNotification {
  kind: NotificationKind;
  actorId: number | null;
  postId: number | null;
  questionId: number | null;
  answerId: number | null;
  communityId: number | null;
  moderationItemId: number | null;
  outcome: string | null;
  note: string | null;
  thread: string;
  target: string;
}

/** One line of the list: a group of notifications of one kind about one target, read or unread. */
export interface LineRow {
  top: number;
  ids: number[];
  n: number;
  actor_ids: number[] | null;
  kind: NotificationKind;
  target: string;
  outcome: string | null;
  note: string | null;
  post_id: number | null;
  question_id: number | null;
  answer_id: number | null;
  community_id: number | null;
  created_at: Date;
  read_at: Date | null;
}

export interface PostTargetRow {
  id: number;
  parent_id: number | null;
  community_id: number | null;
  author_id: number;
  body: string;
  gone: boolean;
  hidden: boolean;
}

export interface QuestionTargetRow {
  id: number;
  community_id: number | null;
  author_id: number;
  title: string;
  gone: boolean;
  hidden: boolean;
}

export interface AnswerTargetRow {
  id: number;
  question_id: number;
  community_id: number | null;
  author_id: number;
  body: string;
  gone: boolean;
  hidden: boolean;
  question_hidden: boolean;
  question_author_id: number;
}

export interface CommunityTargetRow {
  id: number;
  slug: string;
  name: string;
  visibility: 'open' | 'restricted';
  /** A restricted community that lists its name and purpose for everyone. */
  listed: boolean;
  /** The reader is invited to it or asked to join it (they may see its name). */
  asked: boolean;
}

export function notificationsRepo(db: Queryable) {
  return {
    /** Inserts one notification per person; a mention already made by the same post is skipped. Returns who got one. */
    /** Of `personIds`, those who take `kind` out of the page too (the default), with what a webhook names them by. */
    outOfPage(personIds: number[], kind: NotificationKind) {
      return db.query<{ id: number; handle: string; name: string; email: string | null }>(
        `SELECT p.id, p.handle, p.name, p.email FROM people p
         LEFT JOIN notification_settings s ON s.person_id = p.id
         WHERE p.id = ANY($1::int[]) AND p.active AND COALESCE(s.delivery ->> $2, 'page+out') <> 'page'
         ORDER BY p.id`,
        [personIds, kind]);
    },

    async person(id: number) {
      const [row] = await db.query<{ handle: string; name: string }>('SELECT handle, name FROM people WHERE id = $1', [id]);
      return row;
    },

    async communitySlug(id: number) {
      const [row] = await db.query<{ slug: string }>('SELECT slug FROM communities WHERE id = $1', [id]);
      return row?.slug ?? null;
    },

    async insert(personIds: number[], n: NewNotification): Promise<number[]> {
      const rows = await db.query<{ person_id: number }>(
        `INSERT INTO notifications (person_id, kind, actor_id, post_id, question_id, answer_id, community_id,
                                    moderation_item_id, outcome, note, thread, target)
         SELECT unnest($1::int[]), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
         ON CONFLICT DO NOTHING RETURNING person_id`,
        [personIds, n.kind, n.actorId, n.postId, n.questionId, n.answerId, n.communityId, n.moderationItemId,
          n.outcome, n.note, n.thread, n.target]);
      return rows.map((r) => r.person_id);
    },

    /** Active people a post mentions (post_mentions keeps only handles of people who exist). */
    async mentioned(postId: number): Promise<number[]> {
      const rows = await db.query<{ id: number }>(
        'SELECT p.id FROM post_mentions pm JOIN people p ON p.id = pm.person_id WHERE pm.post_id = $1 AND p.active', [postId]);
      return rows.map((r) => r.id);
    },

    /** A community's managers. */
    async managers(communityId: number): Promise<number[]> {
      const rows = await db.query<{ person_id: number }>(
        "SELECT person_id FROM memberships WHERE community_id = $1 AND role = 'manager'", [communityId]);
      return rows.map((r) => r.person_id);
    },

    /** Of `personIds`, those who muted `thread`. */
    async muted(personIds: number[], thread: string): Promise<Set<number>> {
      const rows = await db.query<{ person_id: number }>(
        'SELECT person_id FROM thread_mutes WHERE thread = $1 AND person_id = ANY($2::int[])', [thread, personIds]);
      return new Set(rows.map((r) => r.person_id));
    },

    /** Of `personIds`, the members of community `communityId`. */
    async members(personIds: number[], communityId: number): Promise<Set<number>> {
      const rows = await db.query<{ person_id: number }>(
        'SELECT person_id FROM memberships WHERE community_id = $1 AND person_id = ANY($2::int[])', [communityId, personIds]);
      return new Set(rows.map((r) => r.person_id));
    },

    async restricted(communityId: number): Promise<boolean> {
      const [row] = await db.query<{ visibility: string }>('SELECT visibility FROM communities WHERE id = $1', [communityId]);
      return row?.visibility === 'restricted';
    },

    async post(id: number) {
      const [row] = await db.query<{ id: number; parent_id: number | null; community_id: number | null }>(
        'SELECT id, parent_id, community_id FROM posts WHERE id = $1', [id]);
      return row;
    },

    async question(id: number) {
      const [row] = await db.query<{ id: number; community_id: number | null }>(
        'SELECT id, community_id FROM questions WHERE id = $1', [id]);
      return row;
    },

    async answer(id: number) {
      const [row] = await db.query<{ id: number; question_id: number; community_id: number | null }>(
        'SELECT a.id, a.question_id, q.community_id FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.id = $1', [id]);
      return row;
    },

    async moderationItem(id: number) {
      const [row] = await db.query<{ kind: 'post' | 'question' | 'answer'; target_id: number; community_id: number | null }>(
        'SELECT kind, target_id, community_id FROM moderation_items WHERE id = $1', [id]);
      return row;
    },

    /**
     * Lines newest first (by their newest notification), below id `before`: notifications of one
     * kind about one target (and outcome), unread ones apart from read ones.
     */
    lines(personId: number, f: { before: number; unreadOnly: boolean; limit: number }) {
      return db.query<LineRow>(
        `WITH lines AS (
           SELECT max(id) AS top, array_agg(id ORDER BY id DESC) AS ids, count(*)::int AS n,
                  array_agg(actor_id ORDER BY id DESC) FILTER (WHERE actor_id IS NOT NULL) AS actor_ids,
                  max(read_at) AS read_at
           FROM notifications
           WHERE person_id = $1 ${f.unreadOnly ? 'AND read_at IS NULL' : ''}
           GROUP BY kind, target, COALESCE(outcome, ''), read_at IS NULL
         )
         SELECT l.top, l.ids, l.n, l.actor_ids, l.read_at, n.kind, n.target, n.outcome, n.note, n.post_id,
                n.question_id, n.answer_id, n.community_id, n.created_at
         FROM lines l JOIN notifications n ON n.id = l.top
         WHERE l.top < $2
         ORDER BY l.top DESC LIMIT $3`,
        [personId, f.before, f.limit]);
    },

    posts(ids: number[]) {
      return db.query<PostTargetRow>(
        `SELECT p.id, p.parent_id, p.community_id, p.author_id, p.body,
                (p.deleted_at IS NOT NULL OR pp.deleted_at IS NOT NULL) AS gone,
                (p.hidden_at IS NOT NULL OR pp.hidden_at IS NOT NULL) AS hidden
         FROM posts p LEFT JOIN posts pp ON pp.id = p.parent_id WHERE p.id = ANY($1::int[])`, [ids]);
    },

    questions(ids: number[]) {
      return db.query<QuestionTargetRow>(
        `SELECT id, community_id, author_id, title, deleted_at IS NOT NULL AS gone, hidden_at IS NOT NULL AS hidden
         FROM questions WHERE id = ANY($1::int[])`, [ids]);
    },

    answers(ids: number[]) {
      return db.query<AnswerTargetRow>(
        `SELECT a.id, a.question_id, q.community_id, a.author_id, a.body,
                (a.deleted_at IS NOT NULL OR q.deleted_at IS NOT NULL) AS gone,
                a.hidden_at IS NOT NULL AS hidden, q.hidden_at IS NOT NULL AS question_hidden, q.author_id AS question_author_id
         FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.id = ANY($1::int[])`, [ids]);
    },

    communities(ids: number[], personId: number) {
      return db.query<CommunityTargetRow>(
        `SELECT c.id, c.slug, c.name, c.visibility, c.listed,
                EXISTS (SELECT 1 FROM community_requests r WHERE r.community_id = c.id AND r.person_id = $2) AS asked
         FROM communities c WHERE c.id = ANY($1::int[])`, [ids, personId]);
    },

    people(ids: number[]) {
      return db.query<PersonSummary>(
        'SELECT id, handle, name, title, department FROM people WHERE id = ANY($1::int[])', [ids]);
    },

    /** Of questions `questionIds`, the tags `personId` knows (declared skills or expertise). */
    knownTags(questionIds: number[], personId: number) {
      return db.query<{ question_id: number; name: string }>(
        `SELECT qt.question_id, t.name FROM question_tags qt JOIN tags t ON t.id = qt.tag_id
         WHERE qt.question_id = ANY($1::int[])
           AND (EXISTS (SELECT 1 FROM person_skills s WHERE s.person_id = $2 AND s.tag_id = qt.tag_id)
             OR EXISTS (SELECT 1 FROM expertise e WHERE e.person_id = $2 AND e.tag_id = qt.tag_id AND e.score > 0))
         ORDER BY t.name`, [questionIds, personId]);
    },

    /** Marks `ids` (of `personId`'s only) read, or all of them; returns how many changed. */
    /** How many of `ids` are the person's own. */
    async owned(personId: number, ids: number[]): Promise<number> {
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND id = ANY($2::int[])', [personId, ids]);
      return row?.n ?? 0;
    },

    async markRead(personId: number, ids: number[] | 'all'): Promise<number> {
      const rows = await db.query<{ id: number }>(
        `UPDATE notifications SET read_at = now() WHERE person_id = $1 AND read_at IS NULL
         ${ids === 'all' ? '' : 'AND id = ANY($2::int[])'} RETURNING id`,
        ids === 'all' ? [personId] : [personId, ids]);
      return rows.length;
    },

    /** The bell: unread notifications (the partial index notifications_unread, nothing else). */
    async unreadCount(personId: number): Promise<number> {
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND read_at IS NULL', [personId]);
      return row?.n ?? 0;
    },

    async settings(personId: number): Promise<Record<string, string>> {
      const [row] = await db.query<{ delivery: Record<string, string> }>(
        'SELECT delivery FROM notification_settings WHERE person_id = $1', [personId]);
      return row?.delivery ?? {};
    },

    async saveSettings(personId: number, delivery: Record<string, string>) {
      await db.query(
        `INSERT INTO notification_settings (person_id, delivery) VALUES ($1, $2::jsonb)
         ON CONFLICT (person_id) DO UPDATE SET delivery = EXCLUDED.delivery, updated_at = now()`,
        [personId, JSON.stringify(delivery)]);
    },

    async mute(personId: number, thread: string, muted: boolean) {
      if (muted) {
        await db.query('INSERT INTO thread_mutes (person_id, thread) VALUES ($1, $2) ON CONFLICT DO NOTHING', [personId, thread]);
      } else {
        await db.query('DELETE FROM thread_mutes WHERE person_id = $1 AND thread = $2', [personId, thread]);
      }
    },
  };
}
