import type { Queryable } from '../db/index.ts';

/** Whether the database has people in it: seeded (or in use). Apart from seed.ts, so the server can ask without loading the demo content. */
export async function isSeeded(db: Queryable): Promise<boolean> {
  const rows = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM people) AS any');
  return rows[0]?.any === true;
}

/** Set by a starting server (main.ts seedInChild) on the seed command it runs: its own pid. */
export const SEED_PARENT_ENV = 'HEARTH_SEED_PARENT_PID';

// The seed command a starting server runs ends with that server, however it went (even SIGKILL,
// which runs no code there): the IPC channel between them closes, and seeding on would hold the
// PGlite lock the next start needs. Here because every seeding imports this module; only in that
// child (the variable names its parent), so a server or `npm run seed` run under a process
// manager's IPC channel is not concerned. Unref'd: the channel alone keeps no process alive.
if (process.channel && process.env[SEED_PARENT_ENV] === String(process.ppid)) {
  process.channel.unref();
  process.once('disconnect', () => process.exit(1));
}
