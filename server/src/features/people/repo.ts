import type { Queryable } from '../../db/index.ts';
import type { Role } from '@hearth/contracts';

export interface PersonRow {
  id: number;
  external_id: string;
  handle: string;
  name: string;
  email: string | null;
  title: string | null;
  department: string | null;
  roles: Role[];
  /** false once the identity provider deactivated the person (SCIM): no sign-in, no API. */
  active: boolean;
  /** Provisioned by SCIM: the directory, not the sign-in, keeps the profile and roles. */
  provisioned: boolean;
}

const COLUMNS = 'id, external_id, handle, name, email, title, department, roles, active, scim_user_name IS NOT NULL AS provisioned';

export function peopleRepo(db: Queryable) {
  return {
    async byExternalId(externalId: string) {
      const [row] = await db.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE external_id = $1`, [externalId]);
      return row;
    },
    /**
     * Active people whose handle, name or a word of their name starts with `q` (any case): the
     * handle's exact match first, then by name.
     */
    search(q: string, limit: number) {
      const prefix = `${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
      return db.query<Pick<PersonRow, 'id' | 'handle' | 'name' | 'title' | 'department'>>(
        `SELECT id, handle, name, title, department FROM people
         WHERE active AND (handle LIKE $1 OR lower(name) LIKE $1 OR lower(name) LIKE '% ' || $1)
         ORDER BY handle = $2 DESC, lower(name), id LIMIT $3`,
        [prefix, q.toLowerCase(), limit]);
    },
    async byHandle(handle: string) {
      const [row] = await db.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE handle = $1`, [handle]);
      return row;
    },
    async byId(id: number) {
      const [row] = await db.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE id = $1`, [id]);
      return row;
    },
    /** Inserts unless the external id exists; returns undefined when the handle is taken. */
    async insert(p: Omit<PersonRow, 'id' | 'active' | 'provisioned'>) {
      const [row] = await db.query<PersonRow>(
        `INSERT INTO people (external_id, handle, name, email, title, department, roles)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [p.external_id, p.handle, p.name, p.email, p.title, p.department, p.roles],
      );
      return row;
    },
    /** The stored roles, the row locked until the transaction ends. */
    async lockRoles(id: number) {
      const [row] = await db.query<Pick<PersonRow, 'roles'>>('SELECT roles FROM people WHERE id = $1 FOR UPDATE', [id]);
      return row?.roles;
    },
    async update(id: number, p: Pick<PersonRow, 'name' | 'email' | 'title' | 'department' | 'roles'>) {
      const [row] = await db.query<PersonRow>(
        `UPDATE people SET name = $2, email = $3, title = $4, department = $5, roles = $6
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, p.name, p.email, p.title, p.department, p.roles],
      );
      return row;
    },
  };
}
