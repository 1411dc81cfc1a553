import type { Logger } from 'pino';
import type { Db, Queryable } from '../../db/index.ts';
import { webhooksRepo } from './repo.ts';
import { webhookHeaders } from './signature.ts';

export interface WebhookConfig {
  url: string | undefined;
  secret: string | undefined;
  /** First retry after this; doubles each time. */
  retryBaseMs: number;
  maxAttempts: number;
}

export type Outbox = ReturnType<typeof webhookOutbox>;

/**
 * Outgoing webhooks through an outbox table: enqueued in the transaction that made the change,
 * delivered by a worker that leases due rows (FOR UPDATE SKIP LOCKED, so several instances
 * never send one twice at once), retried with exponential backoff, and given up after
 * `maxAttempts` with the last error kept for an admin to see.
 */
export function webhookOutbox(db: Db, config: WebhookConfig, logger: Logger) {
  const repo = webhooksRepo(db);
  const enabled = Boolean(config.url && config.secret);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function deliverDue(): Promise<number> {
    if (!enabled) return 0;
    const due = await repo.lease(20);
    for (const d of due) {
      let error: string | null = null;
      try {
        const res = await fetch(config.url!, {
          method: 'POST',
          // Standard Webhooks: the id stays across retries, the timestamp and signature are this attempt's.
          headers: { 'content-type': 'application/json', ...webhookHeaders(config.secret!, `msg_${d.id}`, d.payload) },
          body: d.payload,
          signal: AbortSignal.timeout(10_000),
          redirect: 'manual',
        });
        await res.body?.cancel();
        if (!res.ok) error = `HTTP ${res.status}`;
      } catch (e) {
        error = (e as Error).message;
      }
      const attempts = d.attempts + 1;
      if (!error) {
        await repo.delivered(d.id, attempts);
      } else if (attempts >= config.maxAttempts) {
        logger.warn({ delivery: d.id, error }, 'webhook delivery failed for good');
        await repo.failed(d.id, attempts, error);
      } else {
        const wait = config.retryBaseMs * 2 ** (attempts - 1);
        logger.info({ delivery: d.id, error, retryInMs: wait }, 'webhook delivery failed; will retry');
        await repo.retryLater(d.id, attempts, error, wait);
      }
    }
    return due.length;
  }

  return {
    enabled,
    /**
     * Queues an event inside the caller's transaction, as a Standard Webhooks payload:
     * `{ "type": "<event>", "timestamp": "<when it happened>", "data": { … } }`.
     */
    async enqueue(tx: Queryable, event: string, data: unknown) {
      if (!enabled) return;
      await webhooksRepo(tx).enqueue(event, JSON.stringify({ type: event, timestamp: new Date().toISOString(), data }));
    },
    /** Delivers what is due now (tests call this; the worker calls it on a timer). */
    run(): Promise<number> {
      running ??= deliverDue().finally(() => {
        running = null;
      });
      return running;
    },
    start(intervalMs = 1000) {
      if (!enabled || timer) return;
      timer = setInterval(() => {
        this.run().catch((error: unknown) => logger.error({ err: error }, 'webhook worker failed'));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
