import { z } from 'zod';
import type {
  Community, CommunityList, CreateCommunityBody, DirectoryQuery, InactiveCommunities, JoinRequestList, MemberPage,
  MembersQuery, MembershipResult, MembershipState, PersonSummary, UpdateCommunityBody,
} from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import { isAdmin, type Viewer } from '../../auth/viewer.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { peopleRepo } from '../people/repo.ts';
import { auditRepo } from '../audit/repo.ts';
import type { NotificationsService } from '../notifications/service.ts';
import { communitiesRepo, type CommunityRow } from './repo.ts';

export type CommunitiesService = ReturnType<typeof communitiesService>;

const DAY_MS = 86_400_000;
const ACTIVITY_DAYS = 30;
const SOME_MEMBERS = 5;
const MemberKey = z.tuple([z.string(), z.number().int().positive()]);

/**
 * The one place that decides who sees and changes a community. A restricted community is
 * invisible to non-members on every path: other services ask here, and hidden answers exactly
 * like missing (not found). Restricted communities may list their name and purpose, nothing more.
 */
export function communitiesService(db: Db, options: { inactiveDays: number; notifications: NotificationsService }) {
  const repo = communitiesRepo(db);
  const { notifications } = options;

  /** Full access, the limited view of a listed restricted community, or not found. */
  async function find(viewer: Viewer, slug: string): Promise<{ row: CommunityRow; limited: boolean }> {
    const row = await repo.bySlug(slug);
    if (!row) throw new NotFoundError(`community "${slug}"`);
    if (row.visibility === 'open') return { row, limited: false };
    const state = (await repo.membershipStates([row.id], viewer.id)).get(row.id) ?? 'none';
    if (state === 'member' || state === 'manager') return { row, limited: false };
    // Invited or pending people may see what a listed community shows, so they can answer.
    if (row.listed || state === 'invited' || state === 'pending') return { row, limited: true };
    throw new NotFoundError(`community "${slug}"`);
  }

  /** Full access or not found: for anything beyond a listed community's name and purpose. */
  async function visible(viewer: Viewer, slug: string): Promise<CommunityRow> {
    const { row, limited } = await find(viewer, slug);
    if (limited) throw new NotFoundError(`community "${slug}"`);
    return row;
  }

  async function managing(viewer: Viewer, slug: string): Promise<CommunityRow> {
    const row = await visible(viewer, slug);
    if (!isAdmin(viewer) && (await repo.membershipStates([row.id], viewer.id)).get(row.id) !== 'manager') {
      throw new ForbiddenError(`only the managers of ${row.name} can do this`);
    }
    return row;
  }

  function assertWritable(community: Pick<CommunityRow, 'state' | 'name'> | null | undefined) {
    if (community?.state === 'archived') throw new ConflictError(`${community.name} is archived and read-only`);
  }

  /** Hydrates rows into what the API shows, with a fixed number of queries for any count. */
  async function describe(viewer: Viewer, rows: { row: CommunityRow; limited: boolean }[], now = new Date()): Promise<Community[]> {
    const full = rows.filter((r) => !r.limited).map((r) => r.row.id);
    const ids = rows.map((r) => r.row.id);
    const today = utcDay(now, 0);
    const since = utcDay(now, -(ACTIVITY_DAYS - 1));
    const [activity, daily, people, states] = await Promise.all([
      repo.activity(full, since),
      repo.daily(full, since, today),
      repo.people(full, SOME_MEMBERS),
      repo.membershipStates(ids, viewer.id),
    ]);
    const days = [...Array(ACTIVITY_DAYS).keys()].map((i) => utcDay(now, i - (ACTIVITY_DAYS - 1)));
    const inactiveBefore = now.getTime() - options.inactiveDays * DAY_MS;
    return rows.map(({ row, limited }) => {
      const membership: MembershipState = states.get(row.id) ?? 'none';
      const base = {
        slug: row.slug, name: row.name, visibility: row.visibility, purpose: row.purpose,
        joinPolicy: row.join_policy, state: row.state, listed: row.listed, limited, membership,
      };
      if (limited) {
        return { ...base, description: '', memberCount: null, managers: [], someMembers: [], activity: null, canManage: false };
      }
      const a = activity.find((x) => x.community_id === row.id);
      const perDay = new Map(daily.filter((d) => d.community_id === row.id).map((d) => [d.day, d.posts]));
      const mine = people.filter((p) => p.community_id === row.id);
      const person = ({ id, handle, name, title, department }: PersonSummary) => ({ id, handle, name, title, department });
      const lastActivity = row.last_activity_at ?? null;
      return {
        ...base,
        description: row.description,
        memberCount: row.member_count,
        managers: mine.filter((p) => p.role === 'manager').map(person),
        someMembers: mine.filter((p) => p.role === 'member').map(person),
        activity: {
          posts30d: a?.posts ?? 0,
          activeMembers30d: a?.active ?? 0,
          lastActivityAt: lastActivity ? lastActivity.toISOString() : null,
          inactive: (lastActivity ?? row.created_at).getTime() < inactiveBefore,
          daily: days.map((d) => Math.max(0, perDay.get(d) ?? 0)),
        },
        canManage: isAdmin(viewer) || membership === 'manager',
      };
    });
  }

  async function one(viewer: Viewer, slug: string) {
    const [community] = await describe(viewer, [await find(viewer, slug)]);
    return community!;
  }

  async function result(communityId: number, membership: MembershipState): Promise<MembershipResult> {
    return { membership, memberCount: await repo.memberCount(communityId) };
  }

  async function personByHandle(handle: string) {
    const person = await peopleRepo(db).byHandle(handle);
    if (!person) throw new NotFoundError(`person @${handle}`);
    return person.id;
  }

  return {
    /** Ids of the communities whose content `viewer` must never see. */
    hiddenFrom: (viewer: Viewer) => repo.hiddenFrom(viewer.id),

    /**
     * Who among `personIds` may hear about something in community `communityId` (null: no
     * community, everyone), and the slug to tell them.
     */
    async audience(communityId: number | null, personIds: number[]): Promise<{ slug: string | null; allowed: Set<number> | 'all' }> {
      if (communityId === null) return { slug: null, allowed: 'all' };
      const row = await repo.slugAndVisibility(communityId);
      if (!row) return { slug: null, allowed: new Set() };
      if (row.visibility === 'open') return { slug: row.slug, allowed: 'all' };
      return { slug: row.slug, allowed: await repo.membersAmong(communityId, personIds) };
    },
    visible,
    assertWritable,

    get: one,

    async directory(viewer: Viewer, q: DirectoryQuery): Promise<CommunityList> {
      const rows = await repo.directory(viewer.id, q.q, utcDay(new Date(), -(ACTIVITY_DAYS - 1)), q.limit);
      const states = await repo.membershipStates(rows.map((r) => r.id), viewer.id);
      const access = rows.map((row) => {
        const s = states.get(row.id);
        return { row, limited: row.visibility === 'restricted' && s !== 'member' && s !== 'manager' };
      });
      return { items: await describe(viewer, access) };
    },

    async inactive(viewer: Viewer): Promise<InactiveCommunities> {
      if (!isAdmin(viewer)) throw new ForbiddenError('only admins review inactive communities');
      const now = new Date();
      const rows = await repo.inactive(new Date(now.getTime() - options.inactiveDays * DAY_MS));
      const hidden = new Set(await repo.hiddenFrom(viewer.id));
      // Restricted means restricted, for admins too: only what they may see is listed.
      const seen = rows.filter((r) => !hidden.has(r.id) || r.listed);
      const described = await describe(viewer, seen.map((row) => ({ row, limited: hidden.has(row.id) })), now);
      return {
        items: described.map((community, i) => ({
          community,
          inactiveDays: Math.floor((now.getTime() - (seen[i]!.last_activity_at ?? seen[i]!.created_at).getTime()) / DAY_MS),
        })),
      };
    },

    async create(viewer: Viewer, body: CreateCommunityBody): Promise<Community> {
      if (!isAdmin(viewer)) throw new ForbiddenError('only admins create communities');
      await db.transaction(async (tx) => {
        const txRepo = communitiesRepo(tx);
        const id = await txRepo.insert({ ...body });
        if (!id) throw new ConflictError(`a community with the address "${body.slug}" exists already`);
        await auditRepo(tx).record({
          actorId: viewer.id, action: 'community.create', target: { kind: 'community', id }, communityId: id,
          details: { slug: body.slug, name: body.name, visibility: body.visibility, joinPolicy: body.joinPolicy, listed: body.listed, managers: [...new Set(body.managers)] },
        });
        for (const handle of new Set(body.managers)) {
          const person = await peopleRepo(tx).byHandle(handle);
          if (!person) throw new InvalidError(`body.managers: nobody has the handle @${handle}`, [
            { path: 'body.managers', message: `nobody has the handle @${handle}`, code: 'unknown_person' },
          ]);
          await txRepo.addMember(id, person.id, 'manager');
        }
      });
      return one(viewer, body.slug);
    },

    async update(viewer: Viewer, slug: string, body: UpdateCommunityBody): Promise<Community> {
      const row = await managing(viewer, slug);
      assertWritable(row);
      if (body.visibility !== undefined && body.visibility !== row.visibility && !isAdmin(viewer)) {
        throw new ForbiddenError('only admins change who can see a community');
      }
      await db.transaction(async (tx) => {
        const txRepo = communitiesRepo(tx);
        const from = await txRepo.lockVisibility(row.id);
        await txRepo.update(row.id, {
          name: body.name, purpose: body.purpose, description: body.description,
          visibility: body.visibility, join_policy: body.joinPolicy, listed: body.listed,
        });
        if (body.visibility !== undefined && from !== undefined && body.visibility !== from) {
          await auditRepo(tx).record({
            actorId: viewer.id, action: 'community.visibility', target: { kind: 'community', id: row.id }, communityId: row.id,
            details: { from, to: body.visibility },
          });
        }
      });
      return one(viewer, slug);
    },

    async setArchived(viewer: Viewer, slug: string, archived: boolean): Promise<Community> {
      if (!isAdmin(viewer)) throw new ForbiddenError('only admins archive communities');
      const row = await visible(viewer, slug);
      const to = archived ? 'archived' : 'active';
      await db.transaction(async (tx) => {
        const from = await communitiesRepo(tx).setState(row.id, to);
        // Archiving an archived community changes nothing, and leaves no entry.
        if (from) {
          await auditRepo(tx).record({
            actorId: viewer.id, action: archived ? 'community.archive' : 'community.unarchive',
            target: { kind: 'community', id: row.id }, communityId: row.id, details: { from, to },
          });
        }
      });
      return one(viewer, slug);
    },

    async join(viewer: Viewer, slug: string): Promise<MembershipResult> {
      const { row } = await find(viewer, slug);
      assertWritable(row);
      const state = (await repo.membershipStates([row.id], viewer.id)).get(row.id) ?? 'none';
      if (state === 'member' || state === 'manager' || state === 'pending') return result(row.id, state);
      if (row.join_policy === 'open' || state === 'invited') {
        await repo.addMember(row.id, viewer.id);
        return result(row.id, 'member');
      }
      if (row.join_policy === 'request') {
        await db.transaction(async (tx) => {
          await communitiesRepo(tx).addRequest(row.id, viewer.id, 'request');
          await notifications.toManagers(tx, row.id, { kind: 'join.requested', actorId: viewer.id });
        });
        return result(row.id, 'pending');
      }
      throw new ForbiddenError(`${row.name} is by invitation only: ask one of its managers`);
    },

    async leave(viewer: Viewer, slug: string): Promise<MembershipResult> {
      const { row } = await find(viewer, slug);
      assertWritable(row);
      const state = (await repo.membershipStates([row.id], viewer.id)).get(row.id) ?? 'none';
      if (state === 'manager' && (await repo.managerCount(row.id)) <= 1) {
        throw new ConflictError(`you are the last manager of ${row.name}: appoint another manager before you leave`);
      }
      await db.transaction(async (tx) => {
        await communitiesRepo(tx).removeMember(row.id, viewer.id);
        await communitiesRepo(tx).removeRequest(row.id, viewer.id);
      });
      return result(row.id, 'none');
    },

    async members(viewer: Viewer, slug: string, q: MembersQuery): Promise<MemberPage> {
      const row = await visible(viewer, slug);
      const after = q.cursor ? decodeCursor(q.cursor, MemberKey) : undefined;
      const rows = await repo.members(row.id, q.q, after && { name: after[0], id: after[1] }, q.limit + 1);
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return {
        items: items.map(({ role, since, ...person }) => ({ person, role, since: since.toISOString() })),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.name, last.id]) : null,
      };
    },

    async requests(viewer: Viewer, slug: string): Promise<JoinRequestList> {
      const row = await managing(viewer, slug);
      const rows = await repo.requests(row.id);
      return { items: rows.map(({ kind, created_at, ...person }) => ({ person, kind, createdAt: created_at.toISOString() })) };
    },

    async decide(viewer: Viewer, slug: string, handle: string, decision: 'approve' | 'refuse', note?: string): Promise<MembershipResult> {
      const row = await managing(viewer, slug);
      assertWritable(row);
      const personId = await personByHandle(handle);
      if ((await repo.request(row.id, personId)) !== 'request') throw new NotFoundError(`a request to join from @${handle}`);
      // The requester is told, with the manager's note when there is one.
      const told = (tx: Queryable) => notifications.notify(tx, {
        personIds: [personId], kind: 'join.decided', actorId: viewer.id, communityId: row.id,
        outcome: decision === 'approve' ? 'approved' : 'refused', note: note || null,
      });
      if (decision === 'approve') {
        await db.transaction(async (tx) => {
          await communitiesRepo(tx).addMember(row.id, personId);
          await told(tx);
        });
        return result(row.id, 'member');
      }
      await db.transaction(async (tx) => {
        await communitiesRepo(tx).removeRequest(row.id, personId);
        await told(tx);
      });
      return result(row.id, 'none');
    },

    async invite(viewer: Viewer, slug: string, handle: string): Promise<MembershipResult> {
      const row = await managing(viewer, slug);
      assertWritable(row);
      const personId = await personByHandle(handle);
      const state = (await repo.membershipStates([row.id], personId)).get(row.id) ?? 'none';
      if (state === 'member' || state === 'manager') return result(row.id, state);
      // Someone who asked and is now invited is simply let in.
      if (state === 'pending') {
        await db.transaction(async (tx) => {
          await communitiesRepo(tx).addMember(row.id, personId);
          await notifications.notify(tx, { personIds: [personId], kind: 'join.decided', actorId: viewer.id, communityId: row.id, outcome: 'approved' });
        });
        return result(row.id, 'member');
      }
      await db.transaction(async (tx) => {
        await communitiesRepo(tx).addRequest(row.id, personId, 'invite');
        await notifications.notify(tx, { personIds: [personId], kind: 'community.invited', actorId: viewer.id, communityId: row.id });
      });
      return result(row.id, 'invited');
    },
  };
}

function utcDay(date: Date, offsetDays: number): string {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + offsetDays)).toISOString().slice(0, 10);
}
