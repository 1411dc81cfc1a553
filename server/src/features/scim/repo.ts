import type { Role } from '@hearth/contracts';
import type { Queryable } from '../../db/index.ts';

/** A provisioned person as SCIM sees them. */
export interface ScimUserRow {
  id: number;
  external_id: string;
  scim_external_id: string | null;
  scim_user_name: string;
  name: string;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  title: string | null;
  department: string | null;
  active: boolean;
  roles: Role[];
  created_at: Date;
  updated_at: Date | null;
}

/** What SCIM writes of a person. */
export interface ScimUserFields {
  externalId: string;
  scimExternalId: string | null;
  userName: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  title: string | null;
  department: string | null;
  active: boolean;
}

export interface ScimGroupRow {
  id: number;
  display_name: string;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ScimMemberRow {
  group_id: number;
  person_id: number;
  name: string;
}

const USER_COLUMNS = `id, external_id, scim_external_id, scim_user_name, name, given_name, family_name, email, title,
  department, active, roles, created_at, updated_at`;
const GROUP_COLUMNS = 'id, display_name, external_id, created_at, updated_at';

/** The filters a list may have: an attribute's column and whether it ignores case. */
const USER_FILTERS = { userName: 'lower(scim_user_name) = lower($1)', externalId: 'scim_external_id = $1' } as const;
const GROUP_FILTERS = { displayName: 'lower(display_name) = lower($1)', externalId: 'external_id = $1' } as const;
export type UserFilterAttribute = keyof typeof USER_FILTERS;
export type GroupFilterAttribute = keyof typeof GROUP_FILTERS;

export function scimRepo(db: Queryable) {
  return {
    async user(id: number, lock = false) {
      const [row] = await db.query<ScimUserRow>(
        `SELECT ${USER_COLUMNS} FROM people WHERE id = $1 AND scim_user_name IS NOT NULL${lock ? ' FOR UPDATE' : ''}`, [id]);
      return row;
    },
    async users(q: { filter?: { attribute: UserFilterAttribute; value: string } | undefined; offset: number; limit: number }) {
      const where = ['scim_user_name IS NOT NULL'];
      const params: unknown[] = [];
      if (q.filter) {
        params.push(q.filter.value);
        where.push(USER_FILTERS[q.filter.attribute]);
      }
      const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE ${where.join(' AND ')}`, params);
      const rows = await db.query<ScimUserRow>(
        `SELECT ${USER_COLUMNS} FROM people WHERE ${where.join(' AND ')} ORDER BY id
         OFFSET $${params.length + 1} LIMIT $${params.length + 2}`, [...params, q.offset, q.limit]);
      return { total: count?.n ?? 0, rows };
    },
    /** Who holds a userName (any case) or a sign-in identity, to refuse duplicates with 409. */
    async holderOfUserName(userName: string) {
      const [row] = await db.query<{ id: number }>('SELECT id FROM people WHERE lower(scim_user_name) = lower($1)', [userName]);
      return row?.id;
    },
    async personByExternalId(externalId: string) {
      const [row] = await db.query<{ id: number; provisioned: boolean }>(
        'SELECT id, scim_user_name IS NOT NULL AS provisioned FROM people WHERE external_id = $1', [externalId]);
      return row;
    },
    /** Inserts a provisioned person; undefined when the handle is taken. */
    async insertUser(handle: string, f: ScimUserFields) {
      const [row] = await db.query<{ id: number }>(
        `INSERT INTO people (external_id, handle, scim_external_id, scim_user_name, name, given_name, family_name, email, title,
           department, active, deactivated_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $11::boolean THEN NULL ELSE now() END, now())
         ON CONFLICT (handle) DO NOTHING RETURNING id`,
        [f.externalId, handle, f.scimExternalId, f.userName, f.name, f.givenName, f.familyName, f.email, f.title, f.department, f.active]);
      return row?.id;
    },
    /** Writes a person's SCIM attributes (also to take over a person known from a sign-in). */
    async updateUser(id: number, f: ScimUserFields) {
      await db.query(
        `UPDATE people SET external_id = $2, scim_external_id = $3, scim_user_name = $4, name = $5, given_name = $6,
           family_name = $7, email = $8, title = $9, department = $10, active = $11,
           deactivated_at = CASE WHEN $11::boolean THEN NULL WHEN active THEN now() ELSE deactivated_at END, updated_at = now()
         WHERE id = $1`,
        [id, f.externalId, f.scimExternalId, f.userName, f.name, f.givenName, f.familyName, f.email, f.title, f.department, f.active]);
    },
    /**
     * DELETE: the person stays (what they wrote keeps their name) but is deactivated, leaves their
     * groups and is no longer a SCIM user (404 from now on; the userName is free again).
     */
    async deleteUser(id: number) {
      await db.query('DELETE FROM scim_group_members WHERE person_id = $1', [id]);
      await db.query(
        `UPDATE people SET scim_user_name = NULL, scim_external_id = NULL, active = false,
           deactivated_at = coalesce(deactivated_at, now()), updated_at = now()
         WHERE id = $1`, [id]);
    },
    async externalIdsOf(ids: readonly number[]) {
      const rows = await db.query<{ external_id: string }>('SELECT external_id FROM people WHERE id = ANY($1::int[])', [ids]);
      return rows.map((r) => r.external_id);
    },
    async setRoles(id: number, roles: readonly Role[]) {
      await db.query('UPDATE people SET roles = $2 WHERE id = $1', [id, roles]);
    },
    /** Of these ids, the provisioned people. */
    async provisioned(ids: readonly number[]) {
      const rows = await db.query<{ id: number }>(
        'SELECT id FROM people WHERE id = ANY($1::int[]) AND scim_user_name IS NOT NULL', [ids]);
      return rows.map((r) => r.id);
    },
    /** Every name a person's groups are known by (id, displayName, externalId): what role settings match. */
    async groupKeysOf(personId: number) {
      const rows = await db.query<{ id: number; display_name: string; external_id: string | null }>(
        `SELECT g.id, g.display_name, g.external_id FROM scim_group_members m JOIN scim_groups g ON g.id = m.group_id
         WHERE m.person_id = $1`, [personId]);
      return rows.flatMap((g) => [String(g.id), g.display_name, ...(g.external_id ? [g.external_id] : [])]);
    },

    async group(id: number, lock = false) {
      const [row] = await db.query<ScimGroupRow>(`SELECT ${GROUP_COLUMNS} FROM scim_groups WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
      return row;
    },
    async groups(q: { filter?: { attribute: GroupFilterAttribute; value: string } | undefined; offset: number; limit: number }) {
      const where = ['true'];
      const params: unknown[] = [];
      if (q.filter) {
        params.push(q.filter.value);
        where.push(GROUP_FILTERS[q.filter.attribute]);
      }
      const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM scim_groups WHERE ${where.join(' AND ')}`, params);
      const rows = await db.query<ScimGroupRow>(
        `SELECT ${GROUP_COLUMNS} FROM scim_groups WHERE ${where.join(' AND ')} ORDER BY id
         OFFSET $${params.length + 1} LIMIT $${params.length + 2}`, [...params, q.offset, q.limit]);
      return { total: count?.n ?? 0, rows };
    },
    async groupNamed(displayName: string) {
      const [row] = await db.query<{ id: number }>('SELECT id FROM scim_groups WHERE lower(display_name) = lower($1)', [displayName]);
      return row?.id;
    },
    async insertGroup(g: { displayName: string; externalId: string | null }) {
      const [row] = await db.query<{ id: number }>(
        'INSERT INTO scim_groups (display_name, external_id) VALUES ($1, $2) RETURNING id', [g.displayName, g.externalId]);
      return row!.id;
    },
    async updateGroup(id: number, g: { displayName: string; externalId: string | null }) {
      await db.query('UPDATE scim_groups SET display_name = $2, external_id = $3, updated_at = now() WHERE id = $1', [id, g.displayName, g.externalId]);
    },
    async deleteGroup(id: number) {
      await db.query('DELETE FROM scim_groups WHERE id = $1', [id]);
    },
    async members(groupIds: readonly number[]) {
      return db.query<ScimMemberRow>(
        `SELECT m.group_id, m.person_id, p.name FROM scim_group_members m JOIN people p ON p.id = m.person_id
         WHERE m.group_id = ANY($1::int[]) ORDER BY m.person_id`, [groupIds]);
    },
    async addMembers(groupId: number, personIds: readonly number[]) {
      await db.query(
        `INSERT INTO scim_group_members (group_id, person_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`, [groupId, personIds]);
    },
    async removeMembers(groupId: number, personIds: readonly number[] | 'all') {
      if (personIds === 'all') await db.query('DELETE FROM scim_group_members WHERE group_id = $1', [groupId]);
      else await db.query('DELETE FROM scim_group_members WHERE group_id = $1 AND person_id = ANY($2::int[])', [groupId, personIds]);
    },
    async touchGroup(id: number) {
      await db.query('UPDATE scim_groups SET updated_at = now() WHERE id = $1', [id]);
    },
  };
}
