import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../../db/index.ts';
import { RATE_LIMIT_KINDS, windowName, type RateLimitKind, type RateWindow } from './policy.ts';

/** One window of a kind, as the headers name it: `post-10m`. */
export interface WindowState {
  policy: string;
  points: number;
  seconds: number;
  /** Requests left in the current window (0 when refused). */
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
}

export type Verdict =
  | { allowed: true; windows: WindowState[] }
  | { allowed: false; windows: WindowState[]; refusedBy: WindowState };

export interface RateLimiter {
  readonly policies: Record<RateLimitKind, readonly RateWindow[]>;
  /** Counts one attempt of `kind` by person `personId` and says whether it may go on. */
  attempt(kind: RateLimitKind, personId: number): Promise<Verdict>;
  stop(): void;
}

const CLEANUP_MS = 5 * 60_000;

/**
 * Per-person counters in the `rate_limits` table (migration 007), through rate-limiter-flexible's
 * PostgreSQL store, so every instance on one database shares them and no instance keeps any
 * state of its own (its in-memory block and insurance limiter are left off). The same store runs
 * on PGlite: both get one atomic statement per window (`INSERT ... ON CONFLICT (key) DO UPDATE
 * ... RETURNING points, expire`), with the table name unqualified, so it is found through the
 * connection's search_path (each test app has its own schema).
 *
 * The windows of a kind are counted shortest first, and a window that refuses stops the count:
 * every attempt costs a point in the windows it reaches, so a client retrying in a loop is held
 * off until the short window resets, without also using up the long window.
 *
 * Windows are fixed, as the library counts them: a window starts with the first attempt in it
 * and resets after its length.
 */
export function createRateLimiter(db: Db, policies: Record<RateLimitKind, readonly RateWindow[]>): RateLimiter {
  // rate-limiter-flexible calls `query({ name, text, values })` and reads `rows` and `rowCount`.
  const storeClient = {
    query: async (q: { text: string; values?: unknown[] }) => {
      const rows = await db.query(q.text, q.values ?? []);
      return { rows, rowCount: rows.length };
    },
  };
  const limiters = Object.fromEntries(RATE_LIMIT_KINDS.map((kind) => [
    kind,
    policies[kind].map((w) => ({
      window: w,
      policy: `${kind}-${windowName(w.seconds)}`,
      limiter: new RateLimiterPostgres({
        storeClient,
        storeType: 'client',
        tableName: 'rate_limits',
        tableCreated: true,
        // Our own timer below clears old rows, and stops with the app.
        clearExpiredByTimeout: false,
        // The key names the window, so changing a setting starts fresh counters.
        keyPrefix: `${kind}:${w.seconds}`,
        points: w.points,
        duration: w.seconds,
      }),
    })),
  ])) as Record<RateLimitKind, { window: RateWindow; policy: string; limiter: RateLimiterPostgres }[]>;

  // All windows share the table: one limiter clears it. clearExpired is the library's (untyped).
  const sweeper = Object.values(limiters).flat()[0]?.limiter as unknown as { clearExpired(expire: number): Promise<void> } | undefined;
  const cleanup = setInterval(() => {
    // Rows whose window ended an hour ago; never critical (the library swallows its errors).
    void sweeper?.clearExpired(Date.now() - 3_600_000);
  }, CLEANUP_MS);
  cleanup.unref();

  return {
    policies,
    async attempt(kind, personId) {
      const windows: WindowState[] = [];
      for (const { window, policy, limiter } of limiters[kind]) {
        const state = (res: RateLimiterRes): WindowState => ({
          policy, points: window.points, seconds: window.seconds,
          remaining: res.remainingPoints,
          resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1000)),
        });
        try {
          windows.push(state(await limiter.consume(String(personId))));
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          const refusedBy = { ...state(error), remaining: 0 };
          windows.push(refusedBy);
          return { allowed: false, windows, refusedBy };
        }
      }
      return { allowed: true, windows };
    },
    stop() {
      clearInterval(cleanup);
    },
  };
}
