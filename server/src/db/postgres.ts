import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable, QueryOptions } from './index.ts';

/**
 * A prepared statement's name: a hash of its text, so the same text is prepared once per
 * connection and two texts never share a name. The texts a repository builds are few (one per
 * combination of filters), and so are the names.
 */
const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `h${createHash('sha1').update(sql).digest('base64url')}`;
    if (names.size >= 1000) names.clear();
    names.set(sql, name);
  }
  return name;
}

export async function openPostgres(url: string, schema?: string): Promise<Db> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: 20,
    // No parallel plans: an API answers many small queries at once, and a parallel plan's worker
    // start-up (several ms, even for a node that never runs, such as a search's last fallback
    // step) costs more than it saves, on cores other requests need (bench:tags, docs/benchmarks.md).
    options: ['-c max_parallel_workers_per_gather=0', ...(schema ? [`-c search_path=${schema}`] : [])].join(' '),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) {
      const result = options?.prepare
        ? await q.query({ name: statementName(sql), text: sql, values: params as unknown[] })
        : await q.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    // Without parameters pg uses the simple query protocol, which runs several statements.
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  // One connection per instance for LISTEN, opened on first use and shared by all channels.
  let listener: Promise<pg.Client> | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const listenClient = () =>
    (listener ??= (async () => {
      const client = new pg.Client({ connectionString: url });
      client.on('notification', (n) => {
        for (const handler of handlers.get(n.channel) ?? []) handler(n.payload ?? '');
      });
      client.on('error', () => {
        // A lost LISTEN connection: the next listen() opens a new one.
        listener = null;
      });
      await client.connect();
      return client;
    })());

  return {
    kind: 'postgres',
    namespace: schema ?? 'hearth',
    ...wrap(pool),
    async listen(channel, onMessage) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      const client = await listenClient();
      const set = handlers.get(channel) ?? new Set();
      if (set.size === 0) await client.query(`LISTEN ${channel}`);
      set.add(onMessage);
      handlers.set(channel, set);
      return async () => {
        set.delete(onMessage);
        if (set.size === 0) await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
      };
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      if (listener) await (await listener).end().catch(() => undefined);
      await pool.end();
    },
  };
}
