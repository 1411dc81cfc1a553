import type { NextFunction, Request, Response } from 'express';
import { PLACEMENT_HEADER } from '@hearth/contracts';
import type { Db } from '../../db/index.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { adoptionRepo } from './repo.ts';

/** The widgets on the page: `feed`, `tag-cloud`, `feed+tag-cloud`… */
const KIND = /^[a-z][a-z0-9-]*(?:\+[a-z][a-z0-9-]*)*$/;
const MAX_KIND = 120;
const MAX_HEADER = 1024;
/** What the process remembers of today before forgetting it all (a bound, not a history). */
const MAX_SEEN = 200_000;
const MAX_PLACEMENTS = 10_000;

/**
 * `X-Hearth-Placement: <kind> <page URL>` -> the placement, the URL without query or fragment;
 * null for anything else (no header, a malformed one, a URL that is not http(s) or has
 * credentials, or one whose origin is not the request's Origin when the browser sent one).
 */
export function parsePlacement(value: string | undefined, origin: string | undefined): { kind: string; url: string } | null {
  if (!value || value.length > MAX_HEADER) return null;
  const space = value.indexOf(' ');
  if (space < 0) return null;
  const kind = value.slice(0, space);
  if (kind.length > MAX_KIND || !KIND.test(kind)) return null;
  const href = value.slice(space + 1);
  // URL() would drop the white space and control characters a browser never sends.
  if (/\s/.test(href) || [...href].some((c) => c < ' ')) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null;
  if (origin && origin !== 'null' && origin !== url.origin) return null;
  const page = url.origin + url.pathname;
  return page.length <= 500 ? { kind, url: page } : null;
}

/**
 * Counts reading and writing per person, UTC day and placement (docs/adoption.md): a signed-in
 * GET marks "read", a successful signed-in write marks "wrote". One upsert per person, day,
 * placement and mark: what was recorded today is remembered in memory, so a page's many reads
 * cost one write a day. Never an error for the reader: a bad header counts as no placement, and a
 * failed write is logged, not answered.
 */
export function adoptionTracker(db: Db) {
  const repo = adoptionRepo(db);
  let day = '';
  const seen = new Set<string>();
  const placements = new Map<string, number>();

  async function record(viewer: Viewer, placement: { kind: string; url: string } | null, what: 'read' | 'wrote') {
    const today = new Date().toISOString().slice(0, 10);
    if (today !== day) {
      day = today;
      seen.clear();
    }
    const place = placement ? `${placement.kind} ${placement.url}` : '';
    const key = `${viewer.id} ${what} ${place}`;
    if (seen.has(key)) return;
    if (seen.size >= MAX_SEEN) seen.clear();
    seen.add(key);
    try {
      let id = placement ? placements.get(place) : 0;
      if (id === undefined) {
        id = await repo.placement(placement!.kind, placement!.url);
        if (placements.size >= MAX_PLACEMENTS) placements.clear();
        placements.set(place, id);
      }
      await repo.mark(today, viewer.id, id, what);
    } catch (error) {
      seen.delete(key);
      throw error;
    }
  }

  return async (req: Request, res: Response, next: NextFunction) => {
    const viewer = res.locals.viewer as Viewer | undefined;
    if (!viewer) return next();
    const placement = parsePlacement(req.get(PLACEMENT_HEADER), req.get('origin'));
    if (req.method === 'GET' || req.method === 'HEAD') {
      await record(viewer, placement, 'read').catch((error: unknown) => req.log?.warn({ err: error }, 'adoption: reading not counted'));
    } else {
      res.on('finish', () => {
        if (res.statusCode >= 400) return;
        record(viewer, placement, 'wrote').catch((error: unknown) => req.log?.warn({ err: error }, 'adoption: writing not counted'));
      });
    }
    next();
  };
}
