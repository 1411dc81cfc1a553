import type { Queryable } from '../db/index.ts';

/** Whether the database has people in it: seeded (or in use). Apart from seed.ts, so the server can ask without loading the demo content. */
export async function isSeeded(db: Queryable): Promise<boolean> {
  const rows = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM people) AS any');
  return rows[0]?.any === true;
}
