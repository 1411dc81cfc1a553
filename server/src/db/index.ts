/**
 * One small interface over PGlite (embedded, the default) and PostgreSQL (DATABASE_URL): the
 * same SQL, the same repository code. Placeholders are `$1..$n` on both.
 */
export interface Queryable {
  /**
   * Runs one parameterized statement and returns its rows. `prepare`: on PostgreSQL, a named
   * prepared statement per connection (parsed and planned once, later only bound and run), for
   * the few hot reads whose planning costs more than their execution (a feed page: 0.25 ms of
   * planning for 0.2 ms of work). Opt-in: a prepared statement may switch to a generic plan, right
   * for an index walk, not always for a search whose plan depends on its words. PGlite ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations, seeding). */
  exec(sql: string): Promise<void>;
}

export interface QueryOptions {
  prepare?: boolean;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** PGlite kept in memory (tests): nothing outlives the process. */
  readonly inMemory?: boolean;
  /**
   * Prefix for NOTIFY channels: the schema when one is set, so test apps sharing a PostgreSQL
   * database never hear each other.
   */
  readonly namespace: string;
  /** LISTENs on `channel`; `onMessage` gets each NOTIFY payload. Resolves to an unlisten. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** `postgres://...` for PostgreSQL; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's folder; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL only: use this schema (created if missing). Tests isolate themselves with it. */
  schema?: string | undefined;
}

/** Resolves once the database answers: the health check's proof. */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

export async function openDatabase(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(options.databaseUrl, options.schema);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(options.dataDir);
}
