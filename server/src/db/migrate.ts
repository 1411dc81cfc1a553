import { readdir, readFile } from 'node:fs/promises';
import { serverDir } from '../paths.ts';
import type { Db } from './index.ts';

const MIGRATIONS_DIR = serverDir('src', 'db', 'migrations');
// Any constant: two instances starting at once take turns instead of both migrating.
const MIGRATION_LOCK = 72_450_001;

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies numbered `NNN_name.sql` files in order, each in its own transaction with its record in
 * `schema_migrations`, so a failed migration leaves nothing half-done and a second start applies
 * nothing.
 */
export async function migrate(db: Db): Promise<MigrationResult> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    const sql = await readFile(MIGRATIONS_DIR + file, 'utf8');
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
      if (rows.length > 0) return false;
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, file]);
      return true;
    });
    if (done) applied.push(file);
  }
  return { applied };
}
