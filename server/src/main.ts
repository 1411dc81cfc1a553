import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { loadConfigOrReport } from './config.ts';
import { createLogger } from './logger.ts';
import { openDatabase } from './db/index.ts';
import { migrate } from './db/migrate.ts';
import { createApp } from './app.ts';
import { serverTimeouts } from './http/security.ts';
import { lifecycle as newLifecycle } from './http/health.ts';
import { SEED_PARENT_ENV, isSeeded } from './seed/state.ts';

async function main() {
  const config = loadConfigOrReport();
  if (!config) process.exit(2);
  const logger = createLogger(config.logLevel);
  // Listening from the start, for health checks: /readyz answers 503 until the database is open,
  // migrated and the event bus listens; every other request gets 503 (a load balancer tries
  // another instance). Then the app answers (docs/deploy.md).
  const lifecycle = newLifecycle('starting');
  let handler: (req: IncomingMessage, res: ServerResponse) => void = lifecycle.starting;
  // Node waits 300 s for a request by default: a client trickling its body would hold a connection that long.
  const server: Server = createServer(serverTimeouts(config.requestTimeoutMs), (req, res) => {
    // Draining: no connection is kept for another request (nginx and others open a new one elsewhere).
    if (lifecycle.phase === 'draining') res.shouldKeepAlive = false;
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const origin = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info(`starting: health checks answer on ${origin}/healthz and ${origin}/readyz`);

  // PGlite takes DATA_DIR/pglite.lock: a second server on the same folder stops here.
  const pgliteDir = join(config.dataDir, 'pglite');
  const open = () => openDatabase({ databaseUrl: config.databaseUrl, dataDir: pgliteDir });
  const autoSeed = config.auth.mode === 'demo' && config.seed === 'auto';
  // A first start on an empty PGlite folder: creating the cluster (initdb) alone grows a WASM heap
  // to about 800 MB, so the seed command does that too, in its own process (seedInChild).
  if (autoSeed && !config.databaseUrl && !existsSync(join(pgliteDir, 'PG_VERSION'))) {
    logger.info('first start: creating the database and seeding the demo intranet (once)');
    await seedInChild(logger);
  }
  let db = await open();
  logger.info({ database: db.kind, ...(db.kind === 'pglite' ? { dataDir: config.dataDir } : {}) }, 'database open');
  const { applied } = await migrate(db);
  logger.info({ applied }, applied.length ? 'migrations applied' : 'schema up to date');

  if (autoSeed && !(await isSeeded(db))) {
    // In a child process (`npm run seed`'s own code), so that what seeding takes (generated
    // content, PGlite's WASM heap grown by bulk inserts and index builds, which never shrinks) is
    // returned when it ends: the server starts on a fresh heap (docs/architecture.md "Memory").
    logger.info('first start: seeding the demo intranet (once)');
    await db.close();
    await seedInChild(logger);
    db = await open();
    logger.info('demo data seeded');
  }
  if (config.auth.mode === 'demo') {
    logger.warn('AUTH_MODE=demo: anyone who can reach this server can act as the demo people. Use AUTH_MODE=signed in production.');
  }

  const app = await createApp({ config, db, logger, lifecycle });
  (app.locals.outbox as { start(): void }).start();
  await (app.locals.listen as () => Promise<unknown>)();
  handler = app;
  lifecycle.ready();

  /**
   * Graceful shutdown: readiness 503 at once; requests still served for SHUTDOWN_GRACE_MS (SIGTERM
   * only), while load balancers notice; then no new connections, each event stream gets a last
   * `shutdown` event and ends (its client reconnects, with its last event id, to another
   * instance), requests in flight finish, the database closes, exit 0. A second signal skips
   * what is left of the grace period; 10 s after it, connections still open are cut.
   */
  let stopping = false;
  let skipGrace = () => {};
  const stop = async (signal: string) => {
    if (stopping) return skipGrace();
    stopping = true;
    lifecycle.drain();
    const grace = signal === 'SIGTERM' ? config.shutdownGraceMs : 0;
    logger.info({ signal, graceMs: grace }, 'shutting down: not ready any more, serving until the grace period ends');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, grace);
      skipGrace = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    const force = setTimeout(() => {
      logger.warn('forcing shutdown');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    let idle: NodeJS.Timeout | undefined;
    server.close(async () => {
      clearInterval(idle);
      await db.close().catch((error: unknown) => logger.error({ err: error }, 'closing the database failed'));
      logger.info('stopped');
      process.exit(0);
    });
    const streams = lifecycle.endStreams();
    logger.info({ streams }, 'draining: event streams told to reconnect elsewhere, finishing requests in flight');
    await (app.locals.shutdown as () => Promise<void>)().catch((error: unknown) => logger.error({ err: error }, 'shutdown failed'));
    // A connection whose last response just ended is closed as soon as it is idle.
    server.closeIdleConnections();
    idle = setInterval(() => server.closeIdleConnections(), 100);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // Tests and scripts wait for this line, then may signal at once: the handlers above come first.
  logger.info(`Hearth is listening on ${origin}/`);
}

/**
 * Runs the seed command (server/src/cli/seed.ts; server/build/seed.mjs in the bundle `npm start`
 * runs) with this process's node options and environment; its output goes to the log.
 *
 * The child ends with this process: left running, it would hold the PGlite lock, and the next
 * start would find the folder in use. A SIGINT or SIGTERM (the server's own handlers come only
 * once it listens) is passed on to it, and this process exits once it has gone; any other exit
 * kills it; and a death that runs no code here (SIGKILL, OOM) closes the IPC channel, on which the
 * child ends itself (seed/state.ts).
 */
async function seedInChild(logger: Logger): Promise<void> {
  const bundled = import.meta.url.endsWith('.mjs');
  const script = fileURLToPath(new URL(bundled ? './seed.mjs' : './cli/seed.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, [SEED_PARENT_ENV]: String(process.pid) },
  });
  logger.info({ seedPid: child.pid }, 'seeding in a child process');
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal: do not wait for it any longer.
    if (signalled) return kill();
    signalled = true;
    logger.warn({ signal }, 'stopping while seeding: the seeding stops too');
    child.kill(signal);
    // Busy in PGlite's WASM it still ends at once (no handler of its own); should it not, it is killed.
    setTimeout(kill, 5_000).unref();
    void exited.then(() => process.exit(128 + (osConstants.signals[signal] ?? 0)));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', kill);
  const log = (level: 'info' | 'warn') => (line: string) => { if (line.trim()) logger[level]({ seed: line.trim() }, 'seeding'); };
  createInterface({ input: child.stdout! }).on('line', log('info'));
  createInterface({ input: child.stderr! }).on('line', log('warn'));
  const [code] = await exited;
  // Stopping: the process exits in a moment, and must not go on to open the database meanwhile.
  if (signalled) return new Promise<void>(() => undefined);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('exit', kill);
  if (code !== 0) throw new Error(`seeding the demo data failed (exit code ${code}); see the lines above`);
}

main().catch((error: unknown) => {
  if (error instanceof Error && error.name === 'DataDirLockedError') {
    console.error(`Hearth failed to start: ${error.message}`);
    process.exit(1);
  }
  console.error('Hearth failed to start:', error);
  process.exit(1);
});
