import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { Router } from 'express';

// Vite names shared chunks `chunk-<name>-<8 character hash>.js`: their content never changes.
const HASHED = /-[A-Za-z0-9_-]{8}\.js(\.map)?$/;

/**
 * The widget bundles, for any portal page: `hearth.js` and one entry per widget at stable URLs
 * with a short cache (a release reaches pages within five minutes), hashed chunks cached for a
 * year. Module scripts from another origin are fetched with CORS, and `integrity=` needs it
 * too: the files are public, so any origin may load them (CORP cross-origin, ACAO *), which is
 * allowed on these assets only.
 */
export function widgetAssets(dir: string): Router {
  const router = Router();
  let integrity: Promise<Record<string, string>> | null = null;

  router.use((_req, res, next) => {
    res.set('Cross-Origin-Resource-Policy', 'cross-origin');
    res.set('Access-Control-Allow-Origin', '*');
    next();
  });

  // Subresource-integrity hashes of every file, for editors who pin a release with integrity=.
  router.get('/integrity.json', async (_req, res) => {
    integrity ??= hashes(dir);
    res.set('Cache-Control', 'public, max-age=300').json(await integrity);
  });

  if (existsSync(dir)) {
    router.use(express.static(dir, {
      fallthrough: true,
      setHeaders(res, path) {
        res.set('Cache-Control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
      },
    }));
  }
  return router;
}

async function hashes(dir: string): Promise<Record<string, string>> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.js')).sort()) {
    out[file] = `sha384-${createHash('sha384').update(await readFile(join(dir, file))).digest('base64')}`;
  }
  return out;
}
