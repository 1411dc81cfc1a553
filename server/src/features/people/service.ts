import { Handle, type Me, type PeopleList, type PeopleQuery, type PersonActivity, type PersonCard, type Role } from '@hearth/contracts';
import type { Db } from '../../db/index.ts';
import type { Claims } from '../../auth/tokens.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { DeactivatedError, NotFoundError } from '../errors.ts';
import { peopleRepo, type PersonRow } from './repo.ts';
import { auditRepo } from '../audit/repo.ts';
import type { CommunitiesService } from '../communities/service.ts';
import { followsRepo } from '../follows/repo.ts';

// Claims rarely change, and every request carries them: remember who a `sub` is for a minute
// instead of reading (or writing) people on each request. Only derived data is cached, so two
// instances stay correct; a change of name or roles shows within CACHE_MS.
const CACHE_MS = 60_000;
const CACHE_MAX = 10_000;

export type PeopleService = ReturnType<typeof peopleService>;

export function peopleService(db: Db) {
  const repo = peopleRepo(db);
  const cache = new Map<string, { viewer: Viewer; key: string; at: number }>();

  async function upsert(claims: Claims): Promise<PersonRow> {
    const fields = {
      name: claims.name,
      email: claims.email ?? null,
      title: claims.title ?? null,
      department: claims.department ?? null,
      roles: normalizeRoles(claims.roles),
    };
    const existing = await repo.byExternalId(claims.sub);
    if (existing && !existing.active) throw deactivated();
    // People the directory provisions (SCIM) get their profile and roles from it (roles from their
    // SCIM groups, features/scim): a token that says otherwise would undo them at each sign-in.
    if (existing?.provisioned) return existing;
    if (existing) {
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).some(
        (k) => JSON.stringify(existing[k]) !== JSON.stringify(fields[k]),
      );
      if (!changed) return existing;
      if (sameRoles(existing.roles, fields.roles)) return (await repo.update(existing.id, fields)) ?? existing;
      // The identity provider gave other roles: an audit entry, in the transaction that stores them
      // (the row locked, so two instances seeing the same sign-in record the change once).
      return db.transaction(async (tx) => {
        const txRepo = peopleRepo(tx);
        const from = await txRepo.lockRoles(existing.id);
        const row = await txRepo.update(existing.id, fields);
        if (from && !sameRoles(from, fields.roles)) {
          await auditRepo(tx).record({
            actorId: null, action: 'role.change', target: { kind: 'person', id: existing.id }, details: { from, to: fields.roles },
          });
        }
        return row ?? existing;
      });
    }
    // First sight of this sub: find a free handle (alice, alice2, alice3, ...). Someone who arrives
    // with more than the employee role (an admin, say) is recorded too: from no roles to these.
    const base = handleFrom(claims);
    const elevated = !sameRoles(fields.roles, ['employee']);
    for (let n = 1; n < 1000; n++) {
      const handle = n === 1 ? base : `${base.slice(0, 28)}${n}`;
      const person = { external_id: claims.sub, handle, ...fields };
      const row = elevated
        ? await db.transaction(async (tx) => {
          const inserted = await peopleRepo(tx).insert(person);
          if (inserted) {
            await auditRepo(tx).record({
              actorId: null, action: 'role.change', target: { kind: 'person', id: inserted.id }, details: { from: [], to: fields.roles },
            });
          }
          return inserted;
        })
        : await repo.insert(person);
      if (row) return row;
      const raced = await repo.byExternalId(claims.sub);
      if (raced) return raced;
    }
    throw new Error(`no free handle for ${claims.sub}`);
  }

  return {
    /** The viewer for a verified token, creating the person on first sight of its `sub`. */
    async viewerFor(claims: Claims): Promise<Viewer> {
      const key = JSON.stringify([claims.name, claims.email, claims.title, claims.department, claims.roles]);
      const hit = cache.get(claims.sub);
      if (hit && hit.key === key && Date.now() - hit.at < CACHE_MS) return hit.viewer;
      const row = await upsert(claims);
      // A deactivation that raced the upsert (the row read before it) is caught here.
      if (!row.active) throw deactivated();
      const viewer: Viewer = { id: row.id, handle: row.handle, name: row.name, roles: row.roles };
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(claims.sub, { viewer, key, at: Date.now() });
      return viewer;
    },

    /**
     * Forgets the remembered viewer of a `sub`, so a deactivation or a role change made by this
     * instance (SCIM) applies to the next request at once; other instances follow within CACHE_MS.
     */
    forget(sub: string) {
      cache.delete(sub);
    },

    /** Who `@` may suggest: active people only (a deactivated colleague is neither suggested nor told). */
    async search(q: PeopleQuery): Promise<PeopleList> {
      const rows = await repo.search(q.q, q.limit);
      return { items: rows.map((r) => ({ id: r.id, handle: r.handle, name: r.name, title: r.title, department: r.department })) };
    },

    async me(viewer: Viewer): Promise<Me> {
      const row = await repo.byId(viewer.id);
      if (!row) throw new NotFoundError('your profile');
      return toMe(row);
    },

    byHandle: (handle: string) => repo.byHandle(handle),

    /** A list's author filter: the person's id, undefined without a filter, not found for nobody. */
    async filterId(handle: string | undefined): Promise<number | undefined> {
      if (handle === undefined) return undefined;
      const person = await repo.byHandle(handle);
      if (!person) throw new NotFoundError(`person @${handle}`);
      return person.id;
    },
  };
}

/** How many skills a card lists (one's own card adds every declared skill beyond these), and how many recent posts and answers. */
const CARD_SKILLS = 20;
const CARD_RECENT = 5;
/** The longest excerpt of a recent post or answer on a card, in UTF-16 code units. */
export const EXCERPT_MAX = 200;

export type PersonCardsService = ReturnType<typeof personCardsService>;

/**
 * People's cards. Kept apart from peopleService, which sign-in needs before communities exist:
 * a card is read as the viewer may see it, so it needs who decides that.
 */
export function personCardsService(db: Db, deps: { communities: CommunitiesService }) {
  const repo = peopleRepo(db);
  const follows = followsRepo(db);

  return {
    /** A person's card as `viewer` may see it; 404 for nobody and for a deactivated person. */
    async card(viewer: Viewer, handle: string): Promise<PersonCard> {
      const person = Handle.safeParse(handle).success ? await repo.active(handle) : undefined;
      if (!person) throw new NotFoundError(`person @${handle}`);
      const hidden = await deps.communities.hiddenFrom(viewer);
      const [skills, communities, recent, following, followers] = await Promise.all([
        repo.skills(person.id, viewer.id, hidden, CARD_SKILLS),
        repo.communities(person.id, hidden),
        repo.recent(person.id, hidden, CARD_RECENT),
        person.id === viewer.id ? false : follows.followsPerson(viewer.id, person.id),
        follows.followers(person.id),
      ]);
      const { away, ...summary } = person;
      return {
        person: summary,
        away,
        isMe: person.id === viewer.id,
        following,
        followers,
        skills: skills.map((s) => ({
          tag: s.tag, declared: s.declared, endorsements: s.endorsements, endorsedByMe: s.endorsed_by_me,
          acceptedAnswers: s.accepted, upvotes: s.upvotes,
        })),
        communities,
        recent: recent.map((r): PersonActivity => r.kind === 'post'
          ? {
              kind: 'post', id: r.id, excerpt: excerpt(r.body), createdAt: r.created_at.toISOString(),
              community: r.community_slug === null ? null : { slug: r.community_slug, name: r.community_name!, visibility: r.community_visibility! },
            }
          : {
              kind: 'answer', id: r.id, questionId: r.question_id!, questionTitle: r.question_title!, excerpt: excerpt(r.body),
              accepted: r.accepted, createdAt: r.created_at.toISOString(),
            }),
      };
    },
  };
}

/**
 * The start of a text on one line, at most `max` UTF-16 code units with its ellipsis, cut at a
 * word when one ends near the limit, and never inside a surrogate pair.
 */
export function excerpt(text: string, max = EXCERPT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = flat.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

const deactivated = () => new DeactivatedError('your account is deactivated: ask your administrator to reactivate it');

function toMe(row: PersonRow): Me {
  return {
    id: row.id, handle: row.handle, name: row.name, title: row.title,
    department: row.department, email: row.email, roles: row.roles,
  };
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return JSON.stringify([...new Set(a)].sort()) === JSON.stringify([...new Set(b)].sort());
}

function normalizeRoles(roles: Role[]): Role[] {
  return [...new Set<Role>(['employee', ...roles])];
}

/** alice.smith@corp.example -> alice.smith; "Zoë Ångström" -> zoe.angstrom */
export function handleFrom(claims: Pick<Claims, 'email' | 'name' | 'sub'>): string {
  const source = claims.email?.split('@')[0] ?? claims.name;
  const handle = source
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, '.')
    .replace(/[^a-z0-9._-]/g, '')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 28);
  return handle || 'person';
}
