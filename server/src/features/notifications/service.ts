import { z } from 'zod';
import type {
  Notification, NotificationKind, NotificationPage, NotificationSettings, NotificationTarget, NotificationTargetKind,
  PersonSummary,
} from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { EventBus } from '../events/bus.ts';
import type { Outbox } from '../webhooks/outbox.ts';
import { communitiesRepo } from '../communities/repo.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { NotFoundError } from '../errors.ts';
import { notificationsRepo, type LineRow, type NewNotification } from './repo.ts';

export type NotificationsService = ReturnType<typeof notificationsService>;
const Key = z.tuple([z.number().int().positive()]);

/** How long a line's title (a post's or answer's first words) is. */
const EXCERPT_MAX = 140;
const MAX_ACTORS = 3;

/** What questions call `add` with (kept as it was). */
export type QuestionNotificationKind = 'question.routed' | 'answer.posted' | 'answer.accepted';

/**
 * A moderation outcome as moderation calls it: the author's content was hidden or restored, or a
 * report the person made was decided (hidden or dismissed; stored as `report.decided`).
 */
export type ModerationNotificationKind = 'content.hidden' | 'content.restored' | 'report.hidden' | 'report.dismissed';

const MODERATION: Record<ModerationNotificationKind, { kind: NotificationKind; outcome: 'hidden' | 'restored' | 'dismissed' }> = {
  'content.hidden': { kind: 'content.hidden', outcome: 'hidden' },
  'content.restored': { kind: 'content.restored', outcome: 'restored' },
  'report.hidden': { kind: 'report.decided', outcome: 'hidden' },
  'report.dismissed': { kind: 'report.decided', outcome: 'dismissed' },
};

export interface NotifyInput {
  personIds: number[];
  kind: NotificationKind;
  /** Who did it: never told of their own doing. */
  actorId?: number | null | undefined;
  postId?: number | undefined;
  questionId?: number | undefined;
  answerId?: number | undefined;
  communityId?: number | undefined;
  outcome?: 'approved' | 'refused' | 'hidden' | 'restored' | 'dismissed' | undefined;
  note?: string | null | undefined;
  /** Moderation outcomes: the moderation item decided. */
  moderationItemId?: number | undefined;
}

/** Where Hearth's permalinks start: PUBLIC_URL when set, else the origin the request came to. */
export interface LinkBase {
  publicUrl?: string | undefined;
}

/**
 * In-app notifications: mentions, replies, questions routed, answered and accepted, join requests
 * and decisions, invitations, moderation outcomes. Stored in the transaction of the action that
 * caused them, grouped when listed, and announced (ids only) on each recipient's own event
 * stream once committed. What the reader can no longer see stays listed, as unavailable.
 */
export function notificationsService(db: Db, deps: { bus: EventBus; links?: LinkBase; outbox?: Outbox }) {
  const repo = notificationsRepo(db);
  const { bus } = deps;

  /**
   * Out of the page: each notification is also a webhook event, `notification.created`, for the
   * company to route to e-mail or chat, unless its person chose "in the page only" for its kind.
   * It names the person, who did it and the item's permalink; no text of the item (the person
   * opens the link, where Hearth checks again who may see it). Written in the caller's
   * transaction, delivered by the outbox.
   */
  async function outOfThePage(tx: Queryable, personIds: number[], row: NewNotification) {
    const outbox = deps.outbox;
    if (!outbox?.enabled || personIds.length === 0) return;
    const txRepo = notificationsRepo(tx);
    const recipients = await txRepo.outOfPage(personIds, row.kind);
    if (recipients.length === 0) return;
    const actor = row.actorId === null ? null : await txRepo.person(row.actorId);
    const href = `${deps.links?.publicUrl ?? ''}${await permalinkPath(txRepo, row)}`;
    for (const person of recipients) {
      await outbox.enqueue(tx, 'notification.created', {
        notification: {
          kind: row.kind,
          person: { handle: person.handle, name: person.name, email: person.email },
          actor: actor && { handle: actor.handle, name: actor.name },
          target: { href, ...(row.outcome ? { outcome: row.outcome } : {}) },
        },
      });
    }
  }

  /** Tells `personIds` their notifications changed (after `tx` commits, if given). */
  async function changed(tx: Queryable, personIds: number[]) {
    if (personIds.length > 0) await bus.publish(tx, { type: 'notifications.changed', personIds });
  }

  /**
   * Stores a notification for each of `personIds`, in the caller's transaction, leaving out the
   * actor, people who muted the thread, and people who cannot see the target (a restricted
   * community's non-members). Returns who was notified.
   */
  async function notify(tx: Queryable, input: NotifyInput): Promise<number[]> {
    const txRepo = notificationsRepo(tx);
    let people = [...new Set(input.personIds)].filter((id) => id !== input.actorId);
    if (people.length === 0) return [];
    const where = await locate(txRepo, input);
    if (!where) return [];
    const muted = await txRepo.muted(people, where.thread);
    people = people.filter((id) => !muted.has(id));
    // Content in a restricted community exists for its members only. (A community itself is
    // told to who asks to join it or is invited: they see its name.)
    if (where.contentCommunityId !== null && people.length > 0 && (await txRepo.restricted(where.contentCommunityId))) {
      const members = await txRepo.members(people, where.contentCommunityId);
      people = people.filter((id) => members.has(id));
    }
    if (people.length === 0) return [];
    const row: NewNotification = {
      kind: input.kind,
      actorId: input.actorId ?? null,
      postId: input.postId ?? null,
      questionId: where.questionId,
      answerId: input.answerId ?? null,
      communityId: input.communityId ?? where.contentCommunityId,
      moderationItemId: input.moderationItemId ?? null,
      outcome: input.outcome ?? null,
      note: input.note ?? null,
      thread: where.thread,
      target: where.target,
    };
    const notified = await txRepo.insert(people, row);
    await changed(tx, notified);
    await outOfThePage(tx, people, row);
    return notified;
  }

  return {
    notify,

    /**
     * Tells the active people post `postId` mentions (as stored from its text), once per post: an
     * edit tells only whom it newly mentions. In a restricted community, members only.
     */
    async mentions(tx: Queryable, postId: number, actorId: number) {
      const personIds = await notificationsRepo(tx).mentioned(postId);
      await notify(tx, { personIds, kind: 'mention', actorId, postId });
    },

    /** Tells a community's managers (join requests). */
    async toManagers(tx: Queryable, communityId: number, n: { kind: NotificationKind; actorId: number }) {
      const personIds = await notificationsRepo(tx).managers(communityId);
      await notify(tx, { personIds, kind: n.kind, actorId: n.actorId, communityId });
    },

    /** Questions: routed to experts, answered, accepted (about the question). */
    async add(tx: Queryable, personIds: number[], kind: QuestionNotificationKind, questionId: number) {
      await notify(tx, { personIds, kind, questionId });
    },

    /** Tells authors or reporters a moderator's decision on moderation item `itemId`, in the decision's transaction. */
    async moderation(tx: Queryable, personIds: number[], kind: ModerationNotificationKind, itemId: number, reason: string | null = null) {
      const ids = [...new Set(personIds)];
      if (ids.length === 0) return;
      const item = await notificationsRepo(tx).moderationItem(itemId);
      if (!item) return;
      const { kind: stored, outcome } = MODERATION[kind];
      const target = item.kind === 'post' ? { postId: item.target_id } : item.kind === 'answer' ? { answerId: item.target_id } : { questionId: item.target_id };
      // Told to the author and reporters whatever they muted: a decision about them.
      const where = await locate(notificationsRepo(tx), target);
      if (!where) return;
      const row: NewNotification = {
        kind: stored, actorId: null, postId: target.postId ?? null, questionId: where.questionId, answerId: target.answerId ?? null,
        communityId: item.community_id, moderationItemId: itemId, outcome, note: stored === 'content.hidden' ? reason : null,
        thread: where.thread, target: where.target,
      };
      const notified = await notificationsRepo(tx).insert(ids, row);
      await changed(tx, notified);
      await outOfThePage(tx, ids, row);
    },

    async list(viewer: Viewer, q: { unread?: 'true' | 'false' | undefined; limit: number; cursor?: string | undefined }, origin: string): Promise<NotificationPage> {
      const before = q.cursor ? decodeCursor(q.cursor, Key)[0] : 2_147_483_647;
      const rows = await repo.lines(viewer.id, { before, unreadOnly: q.unread === 'true', limit: q.limit + 1 });
      const lines = rows.slice(0, q.limit);
      const base = deps.links?.publicUrl ?? origin;
      return {
        items: await describe(viewer, lines, base),
        nextCursor: rows.length > q.limit ? encodeCursor([lines[lines.length - 1]!.top]) : null,
        unread: await repo.unreadCount(viewer.id),
      };
    },

    unread: async (viewer: Viewer) => ({ unread: await repo.unreadCount(viewer.id) }),

    /**
     * Marks the viewer's own notifications read. An id that is not theirs (someone else's, or
     * none at all) is a 404 that marks nothing: the same answer for both, so ids say nothing of others.
     */
    async markRead(viewer: Viewer, body: { ids?: number[] | undefined; all?: true | undefined }) {
      if (body.ids) {
        const ids = [...new Set(body.ids)];
        if ((await repo.owned(viewer.id, ids)) !== ids.length) throw new NotFoundError('one of these notifications');
      }
      const count = await repo.markRead(viewer.id, body.all ? 'all' : (body.ids ?? []));
      if (count > 0) await changed(db, [viewer.id]);
      return { unread: await repo.unreadCount(viewer.id) };
    },

    async settings(viewer: Viewer): Promise<NotificationSettings> {
      return { delivery: await repo.settings(viewer.id) as NotificationSettings['delivery'] };
    },

    async saveSettings(viewer: Viewer, body: NotificationSettings): Promise<NotificationSettings> {
      await repo.saveSettings(viewer.id, body.delivery);
      return { delivery: body.delivery };
    },

    /** Mutes (or unmutes) a post's or question's thread; one the viewer cannot see is not found. */
    async mute(viewer: Viewer, kind: 'post' | 'question', id: number, muted: boolean) {
      const hidden = new Set(await communitiesRepo(db).hiddenFrom(viewer.id));
      let thread: string | null = null;
      if (kind === 'post') {
        const [post] = await repo.posts([id]);
        if (post && !post.gone && !(post.hidden && post.author_id !== viewer.id) && !hiddenIn(hidden, post.community_id)) {
          thread = `post:${post.parent_id ?? post.id}`;
        }
      } else {
        const [question] = await repo.questions([id]);
        if (question && !question.gone && !(question.hidden && question.author_id !== viewer.id) && !hiddenIn(hidden, question.community_id)) {
          thread = `question:${question.id}`;
        }
      }
      if (!thread) throw new NotFoundError(`${kind} ${id}`);
      await repo.mute(viewer.id, thread, muted);
      return { muted };
    },
  };

  /** Lines as the reader sees them now: targets they can no longer see say nothing of themselves. */
  async function describe(viewer: Viewer, lines: LineRow[], base: string): Promise<Notification[]> {
    if (lines.length === 0) return [];
    const refs = lines.map((l) => parseTarget(l.target));
    const ids = (kind: NotificationTargetKind) => refs.filter((r) => r.kind === kind || (kind === 'post' && r.kind === 'reply')).map((r) => r.id);
    const questionIds = ids('question');
    const [hiddenList, posts, questions, answers, communities, tags] = await Promise.all([
      communitiesRepo(db).hiddenFrom(viewer.id),
      repo.posts(ids('post')),
      repo.questions(questionIds),
      repo.answers(ids('answer')),
      repo.communities([...new Set([...ids('community'), ...lines.map((l) => l.community_id).filter((c) => c !== null)])], viewer.id),
      repo.knownTags(lines.filter((l) => l.kind === 'question.routed' && l.question_id !== null).map((l) => l.question_id!), viewer.id),
    ]);
    const hidden = new Set(hiddenList);
    const postBy = new Map(posts.map((p) => [p.id, p]));
    const questionBy = new Map(questions.map((x) => [x.id, x]));
    const answerBy = new Map(answers.map((a) => [a.id, a]));
    const communityBy = new Map(communities.map((c) => [c.id, c]));
    const actorIds = lines.map((l) => firstActors(l.actor_ids));
    const people = new Map((await repo.people([...new Set(actorIds.flat())])).map((p) => [p.id, p]));

    const inCommunity = (communityId: number | null) => {
      const c = communityId === null ? undefined : communityBy.get(communityId);
      return c ? { slug: c.slug, name: c.name } : null;
    };
    const unavailable = (kind: NotificationTargetKind, id: number, parentId: number | null): NotificationTarget =>
      ({ kind, id, parentId, available: false, title: null, community: null, href: null });

    return lines.map((line, i): Notification => {
      const ref = refs[i]!;
      let target: NotificationTarget;
      if (ref.kind === 'post' || ref.kind === 'reply') {
        const p = postBy.get(ref.id);
        const parentId = p?.parent_id ?? null;
        if (!p || p.gone || (p.hidden && p.author_id !== viewer.id) || hiddenIn(hidden, p.community_id)) {
          target = unavailable(ref.kind, ref.id, parentId);
        } else {
          // A reply opens its thread at the reply; "replies to your post" at the newest reply.
          const reply = ref.kind === 'reply' ? ref.id : line.kind === 'post.replied' && line.post_id !== ref.id ? line.post_id : null;
          const href = `${base}/embed/post/${parentId ?? p.id}${reply ? `?reply=${reply}` : ''}`;
          target = { kind: ref.kind, id: ref.id, parentId, available: true, title: excerpt(p.body), community: inCommunity(p.community_id), href };
        }
      } else if (ref.kind === 'question') {
        const x = questionBy.get(ref.id);
        target = !x || x.gone || (x.hidden && x.author_id !== viewer.id) || hiddenIn(hidden, x.community_id)
          ? unavailable('question', ref.id, null)
          : { kind: 'question', id: x.id, parentId: null, available: true, title: x.title, community: inCommunity(x.community_id), href: `${base}/embed/question/${x.id}` };
      } else if (ref.kind === 'answer') {
        const a = answerBy.get(ref.id);
        target = !a || a.gone || (a.hidden && a.author_id !== viewer.id) || (a.question_hidden && a.question_author_id !== viewer.id) || hiddenIn(hidden, a.community_id)
          ? unavailable('answer', ref.id, a?.question_id ?? null)
          : {
            kind: 'answer', id: a.id, parentId: a.question_id, available: true, title: excerpt(a.body),
            community: inCommunity(a.community_id), href: `${base}/embed/question/${a.question_id}?answer=${a.id}`,
          };
      } else {
        const c = communityBy.get(ref.id);
        // A restricted community shows its name to members, to who is invited or asked to join,
        // and to everyone when it is listed (as its directory entry does).
        target = !c || (hidden.has(c.id) && !c.asked && !c.listed)
          ? unavailable('community', ref.id, null)
          : { kind: 'community', id: c.id, parentId: null, available: true, title: c.name, community: { slug: c.slug, name: c.name }, href: `${base}/embed/community/${c.slug}` };
      }
      const detail: Notification['detail'] = {};
      if (line.outcome) detail.outcome = line.outcome as NonNullable<Notification['detail']['outcome']>;
      if (line.kind === 'join.decided' || line.kind === 'content.hidden') detail.note = target.available ? line.note : null;
      if (line.kind === 'question.routed') {
        detail.tags = target.available ? tags.filter((t) => t.question_id === line.question_id).map((t) => t.name) : [];
      }
      const actors: PersonSummary[] = target.available ? actorIds[i]!.map((id) => people.get(id)).filter((p) => p !== undefined) : [];
      return {
        id: line.top, ids: line.ids, kind: line.kind, count: line.n, actors, target, detail,
        createdAt: line.created_at.toISOString(), readAt: line.read_at?.toISOString() ?? null,
      };
    });
  }
}

/** The thread, the target and where the target sits, from what a notification is about. */
async function locate(repo: ReturnType<typeof notificationsRepo>, input: Pick<NotifyInput, 'kind' | 'postId' | 'questionId' | 'answerId' | 'communityId'> | { kind?: undefined; postId?: number; questionId?: number; answerId?: number; communityId?: number }) {
  if (input.postId !== undefined) {
    const p = await repo.post(input.postId);
    if (!p) return null;
    const top = p.parent_id ?? p.id;
    // "Replies to your post" is one line per post: its target is the post replied to.
    const target = input.kind === 'post.replied' ? `post:${top}` : `${p.parent_id === null ? 'post' : 'reply'}:${p.id}`;
    return { thread: `post:${top}`, target, questionId: null, contentCommunityId: p.community_id };
  }
  if (input.answerId !== undefined) {
    const a = await repo.answer(input.answerId);
    if (!a) return null;
    return { thread: `question:${a.question_id}`, target: `answer:${a.id}`, questionId: a.question_id, contentCommunityId: a.community_id };
  }
  if (input.questionId !== undefined) {
    const q = await repo.question(input.questionId);
    if (!q) return null;
    return { thread: `question:${q.id}`, target: `question:${q.id}`, questionId: q.id, contentCommunityId: q.community_id };
  }
  if (input.communityId !== undefined) {
    return { thread: `community:${input.communityId}`, target: `community:${input.communityId}`, questionId: null, contentCommunityId: null };
  }
  return null;
}

function parseTarget(target: string): { kind: NotificationTargetKind; id: number } {
  const [kind, id] = target.split(':');
  return { kind: kind as NotificationTargetKind, id: Number(id) };
}

function hiddenIn(hidden: Set<number>, communityId: number | null): boolean {
  return communityId !== null && hidden.has(communityId);
}

/** The most recent distinct actors, at most three. */
function firstActors(ids: number[] | null): number[] {
  return [...new Set(ids ?? [])].slice(0, MAX_ACTORS);
}

/** The start of a text on one line, cut at a word where it can be. */
export function excerpt(text: string, max = EXCERPT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // By code points, so an emoji is never cut in half.
  const chars = [...flat];
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The permalink's path for a stored notification (as the list builds them: the thread's post
 * with `?reply=`, the question with `?answer=`, the community by slug).
 */
async function permalinkPath(repo: ReturnType<typeof notificationsRepo>, row: NewNotification): Promise<string> {
  const [kind, id] = row.thread.split(':');
  if (kind === 'post') return `/embed/post/${id}${row.postId !== null && String(row.postId) !== id ? `?reply=${row.postId}` : ''}`;
  if (kind === 'question') return `/embed/question/${id}${row.answerId !== null ? `?answer=${row.answerId}` : ''}`;
  const slug = row.communityId === null ? null : await repo.communitySlug(row.communityId);
  return slug ? `/embed/community/${slug}` : '/';
}
