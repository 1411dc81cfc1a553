import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOSTS = join(ROOT, 'tests', 'hosts');
const VENDOR = join(ROOT, 'node_modules');
const WIDGETS = join(ROOT, 'dist', 'widgets');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
};

/** Widget entries that hearth.js does not load yet: pages get their own script tag for them. */
const SEPARATE_ENTRIES = ['ask-expert'];

export interface HostPagesOptions {
  /**
   * Extra response headers per page file name (e.g. `strict-csp.html`), given the Hearth
   * origin: a portal that sends a Content-Security-Policy naming Hearth.
   */
  headers?: Record<string, (hearth: string) => Record<string, string>>;
}

export interface HostPages {
  /** The portal's origin, e.g. `http://127.0.0.1:43121`: put it in Hearth's ALLOWED_ORIGINS. */
  origin: string;
  /** Where the pages load the widgets from; set once the Hearth server is up. */
  hearth: string;
  close(): Promise<void>;
}

/**
 * A portal on its own origin, as in real life: serves tests/hosts/* at /hosts/ (pages get
 * `{{HEARTH}}` replaced by the Hearth origin) and the legacy libraries straight from
 * node_modules at /vendor/<package path>.
 */
export async function startHostPages(options: HostPagesOptions = {}): Promise<HostPages> {
  const state: HostPages = {
    origin: '',
    hearth: '',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
      if (path === '/favicon.ico') {
        // The browser asks on every page: nothing, rather than a 404 in the console.
        res.writeHead(204).end();
        return;
      }
      const file = path.startsWith('/hosts/') ? inside(HOSTS, path.slice(7)) : path.startsWith('/vendor/') ? inside(VENDOR, path.slice(8)) : null;
      if (!file || !existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      let body: Buffer | string = await readFile(file);
      if (extname(file) === '.html') body = page(body.toString('utf8'), state.hearth);
      const extra = path.startsWith('/hosts/') ? options.headers?.[path.slice(7)]?.(state.hearth) : undefined;
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...extra }).end(body);
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** A path under `dir`, or null when `rest` tries to climb out of it. */
function inside(dir: string, rest: string): string | null {
  const file = normalize(join(dir, rest));
  return file.startsWith(dir + sep) ? file : null;
}

function page(html: string, hearth: string): string {
  const more = SEPARATE_ENTRIES.filter((name) => existsSync(join(WIDGETS, `${name}.js`)))
    .map((name) => `<script type="module" src="${hearth}/widgets/${name}.js"></script>`)
    .join('\n  ');
  return html.replaceAll('{{MORE_WIDGET_SCRIPTS}}', more).replaceAll('{{HEARTH}}', hearth);
}
