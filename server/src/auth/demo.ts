import { Router } from 'express';
import { SignJWT } from 'jose';
import type { Db } from '../db/index.ts';
import { DEMO_PERSONAS } from '../seed/personas.ts';
import { peopleRepo } from '../features/people/repo.ts';
import { HttpError } from '../http/problem.ts';

const TOKEN_SECONDS = 10 * 60;
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
