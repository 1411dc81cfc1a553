import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { loadConfigOrReport } from './config.ts';
import { createLogger } from './logger.ts';
import { openDatabase } from './db/index.ts';
import { migrate } from './db/migrate.ts';
import { createApp } from './app.ts';
import { serverTimeouts } from './http/security.ts';

async function main() {
  const config = loadConfigOrReport();
  if (!config) process.exit(2);
  const logger = createLogger(config.logLevel);
  // PGlite takes DATA_DIR/pglite.lock: a second server on the same folder stops here.
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  logger.info({ database: db.kind, ...(db.kind === 'pglite' ? { dataDir: config.dataDir } : {}) }, 'database open');
  const { applied } = await migrate(db);
  logger.info({ applied }, applied.length ? 'migrations applied' : 'schema up to date');

  if (config.auth.mode === 'demo' && config.seed === 'auto') {
    const { isSeeded, seedDemo } = await import('./seed/seed.ts');
    if (!(await isSeeded(db))) {
      logger.info('first start: seeding the demo intranet (once)');
      let lastLogged = 0;
      const summary = await seedDemo(db, {
        story: true,
        onProgress: (done, total) => {
          if (done === total || Date.now() - lastLogged > 2000) {
            lastLogged = Date.now();
            logger.info(`seeding ${done}/${total}`);
          }
        },
      });
      logger.info({ summary }, 'demo data seeded');
    }
  }
  if (config.auth.mode === 'demo') {
    logger.warn('AUTH_MODE=demo: anyone who can reach this server can act as the demo people. Use AUTH_MODE=signed in production.');
  }

  const app = await createApp({ config, db, logger });
  (app.locals.outbox as { start(): void }).start();
  // Node waits 300 s for a request by default: a client trickling its body would hold a connection that long.
  const server: Server = createServer(serverTimeouts(config.requestTimeoutMs), app);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info(`Hearth is listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // Stop accepting, let requests in flight finish, then close the database; give up after 10 s.
    const force = setTimeout(() => {
      logger.warn('forcing shutdown');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    void (app.locals.shutdown as () => Promise<void>)();
    server.close(async () => {
      await db.close().catch((error: unknown) => logger.error({ err: error }, 'closing the database failed'));
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof Error && error.name === 'DataDirLockedError') {
    console.error(`Hearth failed to start: ${error.message}`);
    process.exit(1);
  }
  console.error('Hearth failed to start:', error);
  process.exit(1);
});
