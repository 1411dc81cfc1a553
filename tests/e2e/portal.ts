// A company portal for end-to-end tests: its one page (at any path) served from an origin of its
// own, Hearth's real server allowing that origin, and Chromium; started before a file's tests and
// stopped after them. `browse` opens one person's browser (the demo's "view as" cookie names them
// to Hearth) and collects the page's errors.
import { after, before } from 'node:test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './server.ts';

export interface Portal {
  /** Hearth. */
  server: RunningServer;
  browser: Browser;
  /** The portal's origin. */
  url: string;
}

/** The portal for this file's tests: `page(hearthUrl)` is its HTML. Read the fields inside tests. */
export function usePortal(page: (hearth: string) => string): Portal {
  const portal = {} as Portal;
  let http: Server | undefined;
  before(async () => {
    http = createServer((req, res) => {
      if (req.url === '/favicon.ico') return void res.writeHead(204).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(portal.server.url));
    });
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    portal.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    portal.server = await startServer({ ALLOWED_ORIGINS: portal.url });
    portal.browser = await launchBrowser();
  });
  after(async () => {
    await portal.browser?.close();
    await portal.server?.stop();
    await new Promise((resolve) => http?.close(resolve));
  });
  return portal;
}

/** One person's browser, not yet on any page; `problems` collects the page's errors. */
export async function browse(portal: Portal, handle: string, viewport = { width: 1280, height: 1000 }) {
  const context = await portal.browser.newContext({ viewport });
  await context.addCookies([{ name: 'hearth_demo_person', value: handle, url: portal.server.url }]);
  const tab: Page = await context.newPage();
  const problems: string[] = [];
  tab.on('pageerror', (error) => problems.push(error.message));
  return { tab, problems, close: () => context.close() };
}
