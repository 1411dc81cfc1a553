import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { SignJWT } from 'jose';
import type { Db } from '../db/index.ts';
import { DEMO_PERSONAS } from '../seed/personas.ts';
import { peopleRepo } from '../features/people/repo.ts';
import { HttpError } from '../http/problem.ts';

const TOKEN_SECONDS = 10 * 60;
/** Any constant: instances starting at once on one PostgreSQL database take turns creating the secret. */
const SECRET_LOCK = 72_450_002;

/**
 * The demo issuer's HS256 secret: 32 random bytes made once per data folder, never a constant in
 * the code (anyone could then sign an admin's token).
 *
 * - PGlite: the file `DATA_DIR/demo-secret` (mode 0600), beside the database it signs for; a
 *   PGlite in memory (tests) gets a random one that lives, like its data, as long as the process.
 * - PostgreSQL (DATABASE_URL): one row in the table `demo_secret`, created on first use, so every
 *   instance on that database verifies the tokens any of them issued (a file per instance would
 *   not), and dropping the database drops the secret with the people it signed for.
 */
export async function demoSecret(db: Db, dataDir: string): Promise<string> {
  if (db.kind === 'pglite' && db.inMemory) return randomBytes(32).toString('hex');
  if (db.kind === 'pglite') {
    const file = join(dataDir, 'demo-secret');
    await mkdir(dataDir, { recursive: true });
    try {
      // 'wx': created whole by one process; an existing secret is kept.
      await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const secret = (await readFile(file, 'utf8')).trim();
    if (!/^[0-9a-f]{64}$/.test(secret)) throw new Error(`${file} does not hold a demo secret (64 hex digits): delete it to make a new one`);
    return secret;
  }
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SECRET_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS demo_secret (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await tx.query('INSERT INTO demo_secret (secret) VALUES ($1) ON CONFLICT (only_row) DO NOTHING', [randomBytes(32).toString('hex')]);
    const [row] = await tx.query<{ secret: string }>('SELECT secret FROM demo_secret');
    return row!.secret;
  });
}
export const DEMO_COOKIE = 'hearth_demo_person';

/**
 * The demo intranet plays the part of a host portal's backend: it signs a short-lived token for
 * the person chosen in the "View as" switcher, exactly as a real portal would in `signed` mode.
 * Mounted only when AUTH_MODE=demo.
 */
export function demoRoutes(db: Db, secret: string): Router {
  const router = Router();
  const repo = peopleRepo(db);
  const key = new TextEncoder().encode(secret);

  router.get('/demo/people', async (_req, res) => {
    const people = await Promise.all(
      DEMO_PERSONAS.map(async (p) => {
        const row = await repo.byHandle(p.handle);
        return row && { handle: row.handle, name: row.name, title: row.title, department: row.department, label: p.label };
      }),
    );
    res.set('Cache-Control', 'no-store').json(people.filter(Boolean));
  });

  router.get('/demo/token', async (req, res) => {
    const chosen = cookie(req.get('cookie'), DEMO_COOKIE);
    const handle = DEMO_PERSONAS.find((p) => p.handle === chosen)?.handle ?? DEMO_PERSONAS[0].handle;
    const person = await repo.byHandle(handle);
    if (!person) throw new HttpError(503, 'not-seeded', 'Demo data missing', 'the demo people are not seeded yet');
    const expiresAt = new Date(Date.now() + TOKEN_SECONDS * 1000);
    const token = await new SignJWT({
      name: person.name,
      ...(person.email ? { email: person.email } : {}),
      ...(person.title ? { title: person.title } : {}),
      ...(person.department ? { department: person.department } : {}),
      roles: person.roles,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(person.external_id)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(key);
    res.set('Cache-Control', 'no-store').json({ token, expiresAt: expiresAt.toISOString() });
  });

  return router;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
