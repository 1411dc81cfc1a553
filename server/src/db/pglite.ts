import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './index.ts';

/**
 * PGlite's own default shared_buffers is 160 MB: a WASM heap that grows as pages are read and
 * never shrinks, so an idle demo server held 440-520 MB (issue #16). The demo database is a few
 * tens of MB and every read past the buffers is served from the OS page cache, so 16 MB costs no
 * speed there. Bigger deployments run PostgreSQL (DATABASE_URL), where the server's own settings
 * apply; docs/architecture.md "Memory".
 */
export const PGLITE_SETTINGS = ['shared_buffers=16MB', 'wal_buffers=1MB'];

export async function openPglite(dataDir?: string): Promise<Db> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  // PGlite is single-process: a second process on the same folder would write over the first's
  // files and lose acknowledged writes. Take the folder's lock before PGlite touches anything.
  const lock = inMemory ? null : await lockDataDir(dataDir);
  let pg: PGlite;
  try {
    if (!inMemory) await mkdir(dataDir, { recursive: true });
    pg = await PGlite.create(inMemory ? undefined : dataDir, { postgresqlconf: PGLITE_SETTINGS });
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    inMemory,
    namespace: 'hearth',
    ...wrap(pg),
    listen: (channel, onMessage) => pg.listen(channel, onMessage),
    // PGlite is one connection: its transaction() holds it exclusively until fn settles.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      try {
        await pg.close();
      } finally {
        await lock?.release();
      }
    },
  };
}

/** Thrown when another live process holds the data folder. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** Random: tells this lock from an older one left by a process with the same pid. */
  token: string;
}

/** How often the holder touches the lock file, and how old an untouched one from another host must be to count as stale. */
const HEARTBEAT_MS = 10_000;
const OTHER_HOST_STALE_MS = 60_000;

/**
 * An exclusive lock on a PGlite folder: the file `<folder>.lock` beside it (`DATA_DIR/pglite.lock`
 * for the server), holding the owner's pid, host and a random token.
 *
 * Written here rather than taken from `proper-lockfile`, which decides staleness by the lock's age
 * alone: a restart after a kill -9 would wait out the stale period, and a holder whose event loop
 * stalls longer than it (a long synchronous PGlite/WASM query) would have its lock taken while it
 * still writes, the very loss this prevents. On the same host the owner's pid answers exactly: a
 * live pid refuses at once, a dead one is stale at once. Only a lock from another host (a folder
 * shared over the network, or a container recreated with a new host name) falls back to age: the
 * holder touches the file every 10 s, and one untouched for 60 s is stale.
 *
 * The lock is created whole (written to a temporary file, then hard-linked into place, which fails
 * if it exists), and a stale one is renamed aside and re-read before it is dropped, so two starts
 * racing over a stale lock cannot both win.
 */
export async function lockDataDir(dataDir: string): Promise<{ file: string; release(): Promise<void> }> {
  const file = join(dirname(dataDir), `${basename(dataDir)}.lock`);
  await mkdir(dirname(file), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), token: randomBytes(12).toString('hex') };
  const mine = JSON.stringify(me);

  for (let attempt = 0; ; attempt++) {
    const temp = `${file}.${me.token}.tmp`;
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(mine);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, file);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    const holder = await readOwner(file);
    if (holder === 'missing') continue;
    const why = holder === 'unreadable' ? null : await liveReason(file, holder);
    if (why || attempt >= 3) {
      throw new DataDirLockedError(
        `The data folder ${dataDir} is already in use by another Hearth server (${why ?? 'a lock that could not be taken'}). ` +
          `PGlite allows one process per folder: stop the other server, give this one another DATA_DIR, or use DATABASE_URL (PostgreSQL) to run several. ` +
          `If you are sure no server uses it, delete ${file}.`,
      );
    }
    // Stale: move it aside (one racer wins the rename), and drop it only if it is the lock judged
    // stale, not a fresh one another start put in its place meanwhile.
    const aside = `${file}.stale-${me.token}`;
    try {
      await rename(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = await readOwner(aside);
    if (typeof moved === 'object' && typeof holder === 'object' && moved.token !== holder.token) {
      await link(aside, file).catch(() => undefined); // put the live one back, then look again
    }
    await unlink(aside).catch(() => undefined);
  }

  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  // A crash that still runs exit handlers (an uncaught error, process.exit) leaves no lock behind.
  const onExit = () => removeIfMine(file, me.token);
  process.once('exit', onExit);
  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      process.off('exit', onExit);
      removeIfMine(file, me.token);
    },
  };
}

async function readOwner(file: string): Promise<LockOwner | 'missing' | 'unreadable'> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.token === 'string') return owner as LockOwner;
    return 'unreadable';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
}

/** Why `holder` still holds the lock, or null when it is stale. */
async function liveReason(file: string, holder: LockOwner): Promise<string | null> {
  const since = `since ${holder.startedAt}`;
  if (holder.host !== hostname()) {
    const age = Date.now() - (await stat(file).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
    return age < OTHER_HOST_STALE_MS ? `pid ${holder.pid} on host ${holder.host}, ${since}` : null;
  }
  // The same pid as ours is an earlier life of this process's slot (a restarted container's pid 1).
  if (holder.pid === process.pid) return null;
  try {
    process.kill(holder.pid, 0);
    return `pid ${holder.pid}, ${since}`;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? `pid ${holder.pid}, ${since}` : null;
  }
}

function removeIfMine(file: string, token: string) {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (owner.token === token) unlinkSync(file);
  } catch {
    // Already gone, or not ours: leave it.
  }
}
