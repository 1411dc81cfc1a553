import type { Role } from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import type { Config } from '../../config.ts';
import { idpSubject } from '../../auth/idp.ts';
import { rolesFromGroups } from '../../auth/roles.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { auditRepo } from '../audit/repo.ts';
import { peopleRepo } from '../people/repo.ts';
import { handleFrom, type PeopleService } from '../people/service.ts';
import {
  SCHEMA, Email, opOf, parseFilter, scimBool, scimInvalid,
  type GroupBody, type PatchOperation, type UserBody,
} from './schema.ts';
import {
  scimRepo, type GroupFilterAttribute, type ScimGroupRow, type ScimMemberRow, type ScimUserFields, type ScimUserRow,
  type UserFilterAttribute,
} from './repo.ts';

export type ScimService = ReturnType<typeof scimService>;

export interface ListQuery {
  filter?: string | undefined;
  /** 1-based (RFC 7644 §3.4.2.4). */
  startIndex: number;
  count: number;
}

/** A user as a provider describes them, before it is stored. */
interface UserState {
  userName: string;
  externalId: string | null;
  formatted: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  email: string | null;
  title: string | null;
  department: string | null;
  active: boolean;
}

const USER_FILTERS: readonly UserFilterAttribute[] = ['userName', 'externalId'];
const GROUP_FILTERS: readonly GroupFilterAttribute[] = ['displayName', 'externalId'];

/**
 * SCIM 2.0 provisioning: the identity provider creates, updates and deactivates people and keeps
 * the groups whose membership gives roles.
 *
 * **Who a SCIM user is at sign-in.** A person's `external_id` is the identity their sign-in
 * carries, as `viewerFor` stores it: the company IdP's id claim as `oidc:<id>` when OIDC_ISSUER
 * is set (Entra ID: the `oid`, the user's object id; auth/idp.ts), the proxy's user as
 * `proxy:<user>` in AUTH_MODE=proxy, else the portal token's `sub` as it is. A SCIM user's
 * `externalId` is that id (`signInIdentity`), so map the provider's attribute to it: Entra ID,
 * `objectId` → `externalId` (its default maps `mailNickname`, which no token carries); Okta
 * sends its user id, which is also its `sub`. A user provisioned without an `externalId` is keyed
 * by `userName` (the UPN or e-mail) instead, which matches sign-ins whose id claim is that. A user
 * created for someone who already signed in (same identity) takes that person over, with their
 * posts; changing `externalId` later moves the sign-in identity with it.
 *
 * **Roles.** Employee plus what the person's SCIM groups give (auth/roles.ts, matched by group
 * id, displayName or externalId), recomputed and audited on every membership change. For a
 * provisioned person the directory is the source of truth: sign-ins no longer change their
 * profile or roles (people/service.ts).
 */
export function scimService(db: Db, deps: { people: PeopleService; config: Pick<Config, 'auth'> }) {
  const repo = scimRepo(db);

  /** Roles = employee + what the person's groups give (auth/roles.ts); a change is audited. */
  async function recomputeRoles(tx: Queryable, personIds: Iterable<number>) {
    const r = scimRepo(tx);
    for (const id of [...new Set(personIds)].sort((a, b) => a - b)) {
      const from = await peopleRepo(tx).lockRoles(id);
      if (!from) continue;
      const to: Role[] = ['employee', ...rolesFromGroups(await r.groupKeysOf(id), deps.config)];
      if (sameRoles(from, to)) continue;
      await r.setRoles(id, to);
      await auditRepo(tx).record({ actorId: null, action: 'role.change', target: { kind: 'person', id }, details: { from, to } });
    }
  }

  /** The next request of these people reads them again (deactivation, roles) on this instance. */
  async function forget(ids: readonly number[], also: readonly string[] = []) {
    for (const sub of [...(ids.length ? await repo.externalIdsOf(ids) : []), ...also]) deps.people.forget(sub);
  }

  async function saveUser(id: number | undefined, state: UserState): Promise<ScimUserRow> {
    const f = fieldsOf(state, deps.config);
    let before: string | undefined;
    const savedId = await uniquely(() => db.transaction(async (tx) => {
      const r = scimRepo(tx);
      if (id !== undefined) {
        const current = await r.user(id, true);
        if (!current) throw new NotFoundError(`user ${id}`);
        before = current.external_id;
      }
      const holder = await r.holderOfUserName(f.userName);
      if (holder !== undefined && holder !== id) throw new ConflictError(`userName "${f.userName}" belongs to another user`);
      const signedIn = await r.personByExternalId(f.externalId);
      if (signedIn && signedIn.id !== id && (id !== undefined || signedIn.provisioned)) {
        throw new ConflictError(`externalId "${f.externalId}" belongs to another user`);
      }
      if (id !== undefined || signedIn) {
        await r.updateUser(id ?? signedIn!.id, f);
        return id ?? signedIn!.id;
      }
      const base = handleFrom({ name: f.name, sub: f.externalId, ...(f.email ? { email: f.email } : {}) });
      for (let n = 1; n < 1000; n++) {
        const inserted = await r.insertUser(n === 1 ? base : `${base.slice(0, 28)}${n}`, f);
        if (inserted !== undefined) return inserted;
      }
      throw new Error(`no free handle for ${f.userName}`);
    }));
    await forget([savedId], before ? [before] : []);
    return (await repo.user(savedId))!;
  }

  async function getUser(id: number) {
    const row = await repo.user(id);
    if (!row) throw new NotFoundError(`user ${id}`);
    return row;
  }

  async function getGroup(id: number) {
    const group = await repo.group(id);
    if (!group) throw new NotFoundError(`group ${id}`);
    return { group, members: await repo.members([id]) };
  }

  /** Member ids as sent ("12"): each must be a provisioned user. */
  async function memberIds(tx: Queryable, values: readonly unknown[]): Promise<number[]> {
    const ids = values.map((v) => {
      const value = typeof v === 'object' && v !== null ? (v as { value?: unknown }).value : undefined;
      const id = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : typeof value === 'number' && Number.isInteger(value) ? value : NaN;
      if (!Number.isInteger(id)) throw scimInvalid('invalidValue', `a member is { "value": "<user id>" }, not ${JSON.stringify(v)}`);
      return id;
    });
    const known = new Set(await scimRepo(tx).provisioned(ids));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) throw scimInvalid('invalidValue', `no user has the id ${unknown.join(', ')}`);
    return ids;
  }

  /** Writes a group and its members, then recomputes the roles of everyone whose groups changed. */
  async function saveGroup(
    id: number | undefined,
    apply: (tx: Queryable, group: { displayName: string; externalId: string | null }, members: Set<number>) => Promise<void>,
  ): Promise<number> {
    const { groupId, affected } = await uniquely(() => db.transaction(async (tx) => {
      const r = scimRepo(tx);
      const current = id === undefined ? undefined : await r.group(id, true);
      if (id !== undefined && !current) throw new NotFoundError(`group ${id}`);
      const before = new Set(current ? (await r.members([current.id])).map((m) => m.person_id) : []);
      const group = { displayName: current?.display_name ?? '', externalId: current?.external_id ?? null };
      const members = new Set(before);
      await apply(tx, group, members);
      if (!group.displayName.trim()) throw scimInvalid('invalidValue', 'displayName is required');
      const named = await r.groupNamed(group.displayName);
      if (named !== undefined && named !== id) throw new ConflictError(`a group is already named "${group.displayName}"`);
      const savedId = current ? current.id : await r.insertGroup(group);
      if (current) await r.updateGroup(savedId, group);
      const added = [...members].filter((m) => !before.has(m));
      const removed = [...before].filter((m) => !members.has(m));
      if (added.length) await r.addMembers(savedId, added);
      if (removed.length) await r.removeMembers(savedId, removed);
      // A renamed group may match other role settings: everyone in it is recomputed.
      const renamed = current && (current.display_name !== group.displayName || current.external_id !== group.externalId);
      const changed = renamed ? [...new Set([...members, ...removed])] : [...added, ...removed];
      await recomputeRoles(tx, changed);
      return { groupId: savedId, affected: changed };
    }));
    await forget(affected);
    return groupId;
  }

  return {
    user: getUser,

    async users(q: ListQuery) {
      const filter = parseFilter(q.filter, USER_FILTERS) as { attribute: UserFilterAttribute; value: string } | undefined;
      return repo.users({ filter, offset: q.startIndex - 1, limit: q.count });
    },

    createUser: (body: UserBody) => saveUser(undefined, stateFromBody(body)),

    async replaceUser(id: number, body: UserBody) {
      await getUser(id);
      return saveUser(id, stateFromBody(body));
    },

    async patchUser(id: number, operations: readonly PatchOperation[]) {
      const state = stateFromRow(await getUser(id));
      for (const operation of operations) applyUserOperation(state, operation);
      return saveUser(id, state);
    },

    /** DELETE: deactivated and out of SCIM; posts and answers stay under their name. */
    async deleteUser(id: number) {
      const row = await getUser(id);
      await db.transaction(async (tx) => {
        if (!(await scimRepo(tx).user(id, true))) throw new NotFoundError(`user ${id}`);
        await scimRepo(tx).deleteUser(id);
        await recomputeRoles(tx, [id]);
      });
      await forget([id], [row.external_id]);
    },

    getGroup,

    async groups(q: ListQuery) {
      const filter = parseFilter(q.filter, GROUP_FILTERS) as { attribute: GroupFilterAttribute; value: string } | undefined;
      const { total, rows } = await repo.groups({ filter, offset: q.startIndex - 1, limit: q.count });
      const members = rows.length ? await repo.members(rows.map((g) => g.id)) : [];
      return { total, rows: rows.map((group) => ({ group, members: members.filter((m) => m.group_id === group.id) })) };
    },

    async createGroup(body: GroupBody) {
      const id = await saveGroup(undefined, async (tx, group, members) => {
        group.displayName = body.displayName;
        group.externalId = body.externalId ?? null;
        for (const m of await memberIds(tx, body.members ?? [])) members.add(m);
      });
      return getGroup(id);
    },

    async replaceGroup(id: number, body: GroupBody) {
      await saveGroup(id, async (tx, group, members) => {
        group.displayName = body.displayName;
        group.externalId = body.externalId ?? null;
        const wanted = await memberIds(tx, body.members ?? []);
        members.clear();
        for (const m of wanted) members.add(m);
      });
      return getGroup(id);
    },

    async patchGroup(id: number, operations: readonly PatchOperation[]) {
      await saveGroup(id, async (tx, group, members) => {
        for (const operation of operations) await applyGroupOperation(tx, group, members, operation);
      });
      return getGroup(id);
    },

    async deleteGroup(id: number) {
      const members = (await getGroup(id)).members.map((m) => m.person_id);
      await db.transaction(async (tx) => {
        if (!(await scimRepo(tx).group(id, true))) throw new NotFoundError(`group ${id}`);
        await scimRepo(tx).deleteGroup(id);
        await recomputeRoles(tx, members);
      });
      await forget(members);
    },
  };

  async function applyGroupOperation(
    tx: Queryable, group: { displayName: string; externalId: string | null }, members: Set<number>, operation: PatchOperation,
  ) {
    const op = opOf(operation);
    const path = operation.path?.trim();
    const value = operation.value;
    if (!path) {
      if (op === 'remove') throw scimInvalid('noTarget', 'remove needs a path');
      if (!isObject(value)) throw scimInvalid('invalidValue', 'an operation without a path needs an object value');
      for (const [key, v] of Object.entries(value)) await setGroupAttribute(tx, group, members, op, key, v);
      return;
    }
    // Okta and the RFC's example: remove one member by filter.
    const filtered = /^members\[\s*value\s+eq\s+"([^"]*)"\s*\]$/i.exec(path);
    if (filtered) {
      if (op !== 'remove') throw scimInvalid('invalidPath', `${path} can only be removed`);
      const id = Number(filtered[1]);
      if (Number.isInteger(id)) members.delete(id);
      return;
    }
    await setGroupAttribute(tx, group, members, op, path, value);
  }

  async function setGroupAttribute(
    tx: Queryable, group: { displayName: string; externalId: string | null }, members: Set<number>,
    op: 'add' | 'replace' | 'remove', path: string, value: unknown,
  ) {
    switch (path.replace(`${SCHEMA.group}:`, '').toLowerCase()) {
      case 'members': {
        if (op === 'remove' && value === undefined) return members.clear();
        const list = Array.isArray(value) ? value : [value];
        if (op === 'remove') {
          for (const v of list) {
            const id = Number(isObject(v) ? v.value : NaN);
            if (Number.isInteger(id)) members.delete(id);
          }
          return;
        }
        const ids = await memberIds(tx, list);
        if (op === 'replace') members.clear();
        for (const id of ids) members.add(id);
        return;
      }
      case 'displayname':
        if (op === 'remove') throw scimInvalid('mutability', 'displayName cannot be removed');
        group.displayName = text(value, 'displayName', 200, false)!;
        return;
      case 'externalid':
        group.externalId = op === 'remove' ? null : text(value, 'externalId', 200, true);
        return;
      default:
        // `id`, `meta` and attributes Hearth does not keep (Okta's replace sends the id back).
        return;
    }
  }
}

function stateFromBody(b: UserBody): UserState {
  return {
    userName: b.userName,
    externalId: b.externalId ?? null,
    formatted: b.name?.formatted || null,
    givenName: b.name?.givenName || null,
    familyName: b.name?.familyName || null,
    displayName: b.displayName || null,
    email: emailOf(b.emails ?? []),
    title: b.title || null,
    department: b[SCHEMA.enterprise]?.department || null,
    active: b.active ?? true,
  };
}

function stateFromRow(row: ScimUserRow): UserState {
  const joined = joinName(row.given_name, row.family_name);
  return {
    userName: row.scim_user_name,
    externalId: row.scim_external_id,
    // A stored name other than given + family was sent as `formatted`: keep it.
    formatted: row.name !== joined ? row.name : null,
    givenName: row.given_name,
    familyName: row.family_name,
    displayName: null,
    email: row.email,
    title: row.title,
    department: row.department,
    active: row.active,
  };
}

/** The people.external_id a sign-in of this SCIM user arrives with (see scimService). */
export function signInIdentity(id: string, config: Pick<Config, 'auth'>): string {
  if (config.auth.mode === 'proxy') return `proxy:${id}`;
  return config.auth.oidc ? idpSubject(id) : id;
}

function fieldsOf(s: UserState, config: Pick<Config, 'auth'>): ScimUserFields {
  return {
    externalId: signInIdentity(s.externalId ?? s.userName, config),
    scimExternalId: s.externalId,
    userName: s.userName,
    name: (s.formatted || joinName(s.givenName, s.familyName) || s.displayName || s.userName).slice(0, 200),
    givenName: s.givenName,
    familyName: s.familyName,
    // A UPN is an e-mail address more often than not; a stated address wins.
    email: s.email ?? (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.userName) ? s.userName : null),
    title: s.title,
    department: s.department,
    active: s.active,
  };
}

const joinName = (given: string | null, family: string | null) => [given, family].filter(Boolean).join(' ') || null;

/** The primary address, else the work one, else the first. */
function emailOf(emails: readonly Email[]): string | null {
  const primary = emails.find((e) => e.primary === true || (typeof e.primary === 'string' && e.primary.toLowerCase() === 'true'));
  return (primary ?? emails.find((e) => e.type?.toLowerCase() === 'work') ?? emails[0])?.value || null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(value: unknown, what: string, max: number, nullable: boolean): string | null {
  if ((value === null || value === undefined) && nullable) return null;
  if (typeof value !== 'string' || !value.trim()) throw scimInvalid('invalidValue', `${what} must be a non-empty string`);
  if (value.trim().length > max) throw scimInvalid('invalidValue', `${what} must be at most ${max} characters`);
  return value.trim();
}

/**
 * One PATCH operation on a user, as Entra ID and Okta send them: a path (`active`,
 * `name.givenName`, `emails[type eq "work"].value`, the enterprise extension's
 * `urn:…:User:department`), or no path and an object of attributes (Okta's `{ active: false }`,
 * Entra's dotted keys). Attributes Hearth does not keep (phone numbers, addresses, manager…) are
 * accepted and ignored, so a provider's default mapping never fails.
 */
function applyUserOperation(s: UserState, operation: PatchOperation) {
  const op = opOf(operation);
  if (!operation.path?.trim()) {
    if (op === 'remove') throw scimInvalid('noTarget', 'remove needs a path');
    if (!isObject(operation.value)) throw scimInvalid('invalidValue', 'an operation without a path needs an object value');
    for (const [key, value] of Object.entries(operation.value)) {
      if ((key === SCHEMA.enterprise || key.toLowerCase() === 'name') && isObject(value)) {
        const prefix = key === SCHEMA.enterprise ? `${SCHEMA.enterprise}:` : 'name.';
        for (const [sub, v] of Object.entries(value)) setUserAttribute(s, op, prefix + sub, v);
      } else {
        setUserAttribute(s, op, key, value);
      }
    }
    return;
  }
  const path = operation.path.trim();
  if (path.toLowerCase() === 'name' && isObject(operation.value) && op !== 'remove') {
    for (const [sub, v] of Object.entries(operation.value)) setUserAttribute(s, op, `name.${sub}`, v);
    return;
  }
  setUserAttribute(s, op, path, op === 'remove' ? null : operation.value);
}

function setUserAttribute(s: UserState, op: 'add' | 'replace' | 'remove', rawPath: string, value: unknown) {
  let path = rawPath.trim();
  if (path.startsWith(`${SCHEMA.enterprise}:`)) path = `enterprise.${path.slice(SCHEMA.enterprise.length + 1)}`;
  else if (path.startsWith(`${SCHEMA.user}:`)) path = path.slice(SCHEMA.user.length + 1);
  const key = path.toLowerCase();
  const removing = op === 'remove' || value === null;
  switch (key) {
    case 'username':
      if (removing) throw scimInvalid('mutability', 'userName cannot be removed');
      s.userName = text(value, 'userName', 320, false)!;
      return;
    case 'active':
      if (removing) throw scimInvalid('mutability', 'active cannot be removed');
      s.active = scimBool(value, 'active');
      return;
    case 'externalid': s.externalId = removing ? null : text(value, 'externalId', 200, true); return;
    case 'displayname': s.displayName = removing ? null : text(value, 'displayName', 200, true); return;
    case 'name.formatted': s.formatted = removing ? null : text(value, 'name.formatted', 200, true); return;
    case 'name.givenname': s.givenName = removing ? null : text(value, 'name.givenName', 200, true); return;
    case 'name.familyname': s.familyName = removing ? null : text(value, 'name.familyName', 200, true); return;
    case 'title': s.title = removing ? null : text(value, 'title', 200, true); return;
    case 'enterprise.department': s.department = removing ? null : text(value, 'department', 200, true); return;
    case 'emails': {
      if (removing) return void (s.email = null);
      const parsed = Email.array().safeParse(Array.isArray(value) ? value : [value]);
      if (!parsed.success) throw scimInvalid('invalidValue', 'emails must be a list of { "value": "…" }');
      s.email = emailOf(parsed.data) ?? s.email;
      return;
    }
    default:
      // emails[type eq "work"].value, emails[primary eq true].value: Hearth keeps one address.
      if (/^emails\[[^\]]*\]\.value$/.test(key)) {
        s.email = removing ? null : text(value, 'emails.value', 320, true);
      }
  }
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return JSON.stringify([...new Set(a)].sort()) === JSON.stringify([...new Set(b)].sort());
}

/** A unique index that a concurrent write beat us to: the same 409 as the checks above. */
async function uniquely<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw new ConflictError('a user or group with these attributes already exists');
    throw error;
  }
}

export type { ScimGroupRow, ScimMemberRow, ScimUserRow };
