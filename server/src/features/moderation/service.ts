import {
  extractTags,
  type ContentKind, type CreateReportBody, type CreateWatchKeywordBody, type ModerationItem, type ModerationQueue,
  type ModerationQueueQuery, type Report, type WatchKeyword, type WatchKeywordList,
} from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import { isAdmin, type Viewer } from '../../auth/viewer.ts';
import { AlreadyReportedError, ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors.ts';
import { decodeCursor, TimeKey, timeCursor } from '../cursor.ts';
import type { CommunitiesService } from '../communities/service.ts';
import type { NotificationsService } from '../notifications/service.ts';
import type { EventBus } from '../events/bus.ts';
import { auditRepo } from '../audit/repo.ts';
import { postsRepo } from '../posts/repo.ts';
import { indexPost } from '../posts/service.ts';
import { questionsRepo } from '../questions/repo.ts';
import { moderationRepo, type ContentRow, type ItemRow, type KeywordRow, type QueueScope, type TargetRow } from './repo.ts';
import { normalizeWord, unsafePattern } from './watch.ts';

export type ModerationService = ReturnType<typeof moderationService>;

const KINDS: ContentKind[] = ['post', 'question', 'answer'];
/** How much of what a reply or an answer answers is shown with it. */
const CONTEXT_MAX = 200;

const ACTION = { hidden: 'hide', restored: 'restore', dismissed: 'dismiss' } as const;

interface Deps {
  communities: CommunitiesService;
  notifications: NotificationsService;
  bus: EventBus;
}

/**
 * Light moderation: anyone reports what they can see; the managers of a community (and admins,
 * for everything they can see) hide, restore or dismiss. Each decision is one transaction with
 * its audit entry, the notifications to the author and the reporters, and the live event.
 */
export function moderationService(db: Db, deps: Deps) {
  const repo = moderationRepo(db);
  const { communities, notifications, bus } = deps;

  /** The content if `viewer` can see it at all (its community), deleted or not; not found otherwise. */
  async function seen(viewer: Viewer, kind: ContentKind, id: number): Promise<TargetRow> {
    const target = await repo.target(kind, id);
    if (target && (target.community_id === null || !(await communities.hiddenFrom(viewer)).includes(target.community_id))) return target;
    throw new NotFoundError(`${kind} ${id}`);
  }

  /** Admins moderate everything they can see; a community's managers moderate its content. */
  async function moderates(viewer: Viewer, communityId: number | null): Promise<boolean> {
    if (isAdmin(viewer)) return true;
    return communityId !== null && (await repo.manages(viewer.id, communityId));
  }

  /**
   * The content `viewer` moderates: not found when they cannot see it (a restricted community's,
   * or deleted and not theirs to moderate), refused when they see it but may not moderate it.
   */
  async function moderated(viewer: Viewer, kind: ContentKind, id: number): Promise<TargetRow> {
    const target = await seen(viewer, kind, id);
    if (await moderates(viewer, target.community_id)) return target;
    if (target.deleted) throw new NotFoundError(`${kind} ${id}`);
    throw new ForbiddenError(target.community_id === null
      ? 'only admins moderate company-wide content'
      : `only the managers of this ${noun(target)}'s community and admins moderate it`);
  }

  /** Items as a moderator sees them: the content whole, with its context, reports and decision. */
  async function describe(items: ItemRow[]): Promise<ModerationItem[]> {
    if (items.length === 0) return [];
    const contents = new Map<string, ContentRow>();
    for (const kind of KINDS) {
      const ids = items.filter((i) => i.kind === kind).map((i) => i.target_id);
      for (const row of await repo.contents(kind, ids)) contents.set(`${kind}:${row.id}`, row);
    }
    const { reasons, notes } = await repo.reportSummary(items);
    const places = new Map((await repo.communities([...new Set(items.flatMap((i) => (i.community_id === null ? [] : [i.community_id])))]))
      .map((c) => [c.id, c]));
    const deciders = new Map((await repo.people([...new Set(items.flatMap((i) => (i.decided_by === null ? [] : [i.decided_by])))]))
      .map((p) => [p.id, p]));
    return items.flatMap((item): ModerationItem[] => {
      const content = contents.get(`${item.kind}:${item.target_id}`);
      if (!content) return [];
      const mine = <T extends { kind: string; target_id: number }>(r: T) => r.kind === item.kind && r.target_id === item.target_id;
      const place = item.community_id === null ? undefined : places.get(item.community_id);
      const by = item.decided_by === null ? undefined : deciders.get(item.decided_by);
      return [{
        kind: item.kind,
        id: item.target_id,
        status: item.status,
        content: {
          title: content.title,
          body: content.body,
          author: {
            id: content.author_id, handle: content.author_handle, name: content.author_name,
            title: content.author_title, department: content.author_department,
          },
          createdAt: content.created_at.toISOString(),
          parentId: content.parent_id,
          context: content.context === null ? null : firstLine(content.context),
          // A hidden post has no stored tags while hidden: its written ones are shown.
          tags: content.kind === 'post' && content.hidden_at
            ? [...new Set([...extractTags(content.body), ...content.extra_tags])].sort()
            : content.tags,
          deleted: content.deleted,
        },
        community: place ? { slug: place.slug, name: place.name, visibility: place.visibility } : null,
        reporterCount: item.report_count,
        reasons: reasons.filter(mine).map((r) => ({ reason: r.reason, count: r.count })),
        notes: notes.filter(mine).map((n) => n.note),
        keywords: item.keywords,
        openedAt: item.opened_at.toISOString(),
        decision: item.status !== 'open' && by && item.decided_at
          ? {
              action: ACTION[item.status], note: item.decision_note,
              by: { id: by.id, handle: by.handle, name: by.name, title: by.title, department: by.department },
              at: item.decided_at.toISOString(),
            }
          : null,
      }];
    });
  }

  async function one(kind: ContentKind, id: number): Promise<ModerationItem> {
    const item = await repo.item(kind, id);
    const [described] = item ? await describe([item]) : [];
    if (!described) throw new NotFoundError(`${kind} ${id}`);
    return described;
  }

  /** A post's change reaches open feeds (questions and answers have no live events yet). */
  async function announce(tx: Queryable, target: TargetRow) {
    if (target.kind !== 'post') return;
    await bus.publish(tx, { type: 'post.updated', postId: target.id, parentId: target.parent_id, communityId: target.community_id });
  }

  function assertAdmin(viewer: Viewer) {
    if (!isAdmin(viewer)) throw new ForbiddenError('only admins keep the keyword watch list');
  }

  return {
    /** Reports content the reporter can see, once. */
    async report(viewer: Viewer, body: CreateReportBody): Promise<Report> {
      const target = await seen(viewer, body.kind, body.id);
      // Deleted is missing for a reporter (as on every read path).
      if (target.deleted) throw new NotFoundError(`${body.kind} ${body.id}`);
      if (target.author_id === viewer.id) {
        const message = `you cannot report your own ${noun(target)}`;
        throw new InvalidError(`body.id: ${message}`, [{ path: 'body.id', message, code: 'own_content' }]);
      }
      return db.transaction(async (tx) => {
        const txRepo = moderationRepo(tx);
        const row = await txRepo.addReport({
          kind: body.kind, targetId: body.id, reporterId: viewer.id, reason: body.reason, note: body.note?.trim() || null,
        });
        if (!row) throw new AlreadyReportedError(`you already reported this ${noun(target)}: a moderator will look at it`);
        await txRepo.reported(body.kind, body.id, target.community_id);
        return { id: row.id, kind: body.kind, targetId: body.id, reason: body.reason, createdAt: row.created_at.toISOString() };
      });
    },

    /** Managers: their communities' items; admins: every item they can see. Newest opened first. */
    async queue(viewer: Viewer, q: ModerationQueueQuery): Promise<ModerationQueue> {
      const admin = isAdmin(viewer);
      let communityId: number | undefined;
      if (q.community) {
        // A community the viewer cannot see answers like a missing one, before any refusal.
        const community = await communities.visible(viewer, q.community);
        if (!admin && !(await repo.manages(viewer.id, community.id))) {
          throw new ForbiddenError(`only the managers of ${community.name} and admins moderate it`);
        }
        communityId = community.id;
      }
      let scope: QueueScope;
      if (admin) scope = { kind: 'all', hidden: await communities.hiddenFrom(viewer) };
      else {
        const ids = await repo.managed(viewer.id);
        if (ids.length === 0) throw new ForbiddenError('only community managers and admins moderate');
        scope = { kind: 'communities', ids };
      }
      const after = q.cursor ? decodeCursor(q.cursor, TimeKey) : undefined;
      const rows = await repo.queue({ status: q.status, scope, communityId, after, limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return {
        items: await describe(items),
        nextCursor: rows.length > q.limit && last ? timeCursor({ at: last.opened_at, id: last.id }) : null,
      };
    },

    /**
     * Hides content, reported or not, with a reason its author is shown. It leaves search, tag
     * counts and feeds, and expertise, and shows as a placeholder to everyone else.
     */
    async hide(viewer: Viewer, kind: ContentKind, id: number, reason: string): Promise<ModerationItem> {
      const target = await moderated(viewer, kind, id);
      const what = noun(target);
      if (target.deleted) throw new ConflictError(`this ${what} was deleted: there is nothing to hide`);
      if (target.hidden_at) throw new ConflictError(`this ${what} is hidden already`);
      await db.transaction(async (tx) => {
        const txRepo = moderationRepo(tx);
        const before = await txRepo.item(kind, id);
        // "Remove, hide": what an answer adds to expertise goes while it still counts.
        if (kind === 'answer') await questionsRepo(tx).contributions('a.id = $1', id, -1);
        if (!(await txRepo.hide(kind, id, reason))) throw new ConflictError(`this ${what} is hidden already`);
        // A post's tags are derived data (as on delete): removing them takes it out of every tag
        // count and feed, and out of expertise, through the post_tags triggers.
        if (kind === 'post') await postsRepo(tx).clearTags(id);
        const item = (await txRepo.decide({ kind, targetId: id, communityId: target.community_id, status: 'hidden', by: viewer.id, note: reason }))!;
        await auditRepo(tx).record({
          actorId: viewer.id, action: 'content.hide', target: { kind, id }, communityId: target.community_id, reason,
          details: { from: before?.status ?? null, to: 'hidden', reports: item.report_count },
        });
        if (target.author_id !== viewer.id) await notifications.moderation(tx, [target.author_id], 'content.hidden', item.id, reason);
        const reporters = await txRepo.reporters(kind, id, item.opened_at);
        await notifications.moderation(tx, reporters.filter((p) => p !== viewer.id && p !== target.author_id), 'report.hidden', item.id);
        await announce(tx, target);
      });
      return one(kind, id);
    },

    /** Brings hidden content back exactly as it was: text, tags, counts, expertise. */
    async restore(viewer: Viewer, kind: ContentKind, id: number, note: string | undefined): Promise<ModerationItem> {
      const target = await moderated(viewer, kind, id);
      const what = noun(target);
      if (target.deleted) throw new ConflictError(`this ${what} was deleted: there is nothing to restore`);
      const state = await repo.item(kind, id);
      if (!target.hidden_at || state?.status !== 'hidden') {
        throw new ConflictError(`only hidden content can be restored: this ${what} is ${state?.status ?? 'not in the queue'}`);
      }
      await db.transaction(async (tx) => {
        const txRepo = moderationRepo(tx);
        if (!(await txRepo.unhide(kind, id))) throw new ConflictError(`this ${what} is not hidden`);
        const item = await txRepo.decide({
          kind, targetId: id, communityId: target.community_id, status: 'restored', from: 'hidden', by: viewer.id, note: note?.trim() || null,
        });
        if (!item) throw new ConflictError(`this ${what} is not hidden`);
        if (kind === 'post') {
          // Re-indexed from the text as it is now (its author may have fixed it while hidden).
          const now = (await txRepo.target('post', id))!;
          await indexPost(tx, { id, created_at: now.created_at, parent_id: now.parent_id, hidden: false }, now.body, now.extra_tags);
        }
        // "Restore, add back".
        if (kind === 'answer') await questionsRepo(tx).contributions('a.id = $1', id, 1);
        await auditRepo(tx).record({
          actorId: viewer.id, action: 'content.restore', target: { kind, id }, communityId: target.community_id,
          reason: note?.trim() || null, details: { from: 'hidden', to: 'restored' },
        });
        if (target.author_id !== viewer.id) await notifications.moderation(tx, [target.author_id], 'content.restored', item.id);
        await announce(tx, target);
      });
      return one(kind, id);
    },

    /** Nothing wrong: an open item leaves the queue and its reporters are told. */
    async dismiss(viewer: Viewer, kind: ContentKind, id: number, note: string | undefined): Promise<ModerationItem> {
      const target = await moderated(viewer, kind, id);
      const what = noun(target);
      const state = await repo.item(kind, id);
      if (state?.status !== 'open') {
        throw new ConflictError(`only open items can be dismissed: this ${what} is ${state?.status ?? 'not in the queue'}`);
      }
      await db.transaction(async (tx) => {
        const txRepo = moderationRepo(tx);
        const item = await txRepo.decide({
          kind, targetId: id, communityId: target.community_id, status: 'dismissed', from: 'open', by: viewer.id, note: note?.trim() || null,
        });
        if (!item) throw new ConflictError(`this ${what} is no longer open`);
        await auditRepo(tx).record({
          actorId: viewer.id, action: 'report.dismiss', target: { kind, id }, communityId: target.community_id,
          reason: note?.trim() || null, details: { from: 'open', to: 'dismissed', reports: item.report_count, keywords: item.keywords },
        });
        const reporters = await txRepo.reporters(kind, id, item.opened_at);
        await notifications.moderation(tx, reporters.filter((p) => p !== viewer.id), 'report.dismissed', item.id);
      });
      return one(kind, id);
    },

    async keywords(viewer: Viewer): Promise<WatchKeywordList> {
      assertAdmin(viewer);
      return { items: (await repo.keywords()).map(toKeyword) };
    },

    /** Watches a word, or a pattern proven safe to run. */
    async addKeyword(viewer: Viewer, body: CreateWatchKeywordBody): Promise<WatchKeyword> {
      assertAdmin(viewer);
      const pattern = body.regex ? body.pattern : normalizeWord(body.pattern);
      if (body.regex) {
        const problem = await unsafePattern(pattern);
        if (problem) throw new InvalidError(`body.pattern: ${problem.message}`, [{ path: 'body.pattern', ...problem }]);
      }
      return db.transaction(async (tx) => {
        const row = await moderationRepo(tx).addKeyword(pattern, body.regex, viewer.id);
        if (!row) throw new ConflictError(`"${pattern}" is on the watch list already`);
        await auditRepo(tx).record({
          actorId: viewer.id, action: 'keyword.add', target: { kind: 'keyword', id: row.id }, details: { pattern, regex: body.regex },
        });
        return toKeyword(row);
      });
    },

    async removeKeyword(viewer: Viewer, id: number): Promise<void> {
      assertAdmin(viewer);
      await db.transaction(async (tx) => {
        const row = await moderationRepo(tx).removeKeyword(id);
        if (!row) throw new NotFoundError(`watched keyword ${id}`);
        await auditRepo(tx).record({
          actorId: viewer.id, action: 'keyword.remove', target: { kind: 'keyword', id }, details: { pattern: row.pattern, regex: row.is_regex },
        });
      });
    },
  };
}

/** What people call it: a post with a parent is a reply. */
function noun(target: Pick<TargetRow, 'kind' | 'parent_id'>): string {
  return target.kind === 'post' && target.parent_id !== null ? 'reply' : target.kind;
}

/** The first line with text, cut to CONTEXT_MAX characters. */
function firstLine(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
  const chars = [...line];
  return chars.length <= CONTEXT_MAX ? line : `${chars.slice(0, CONTEXT_MAX - 1).join('')}…`;
}

function toKeyword(row: KeywordRow): WatchKeyword {
  return { id: row.id, pattern: row.pattern, regex: row.is_regex, createdAt: row.created_at.toISOString() };
}
