// The world of tests/e2e/oidc-sign-in.test.ts: company sign-in (AUTH_MODE=oidc) end to end, over
// HTTPS, with real host names, as a company would deploy it.
//
//   https://hearth.contoso.test:P    Hearth (the real server process, behind the test's TLS front)
//   https://idp.contoso.test:P       the identity provider (oidc-provider, in this process)
//   https://intranet.contoso.test:P  a portal on the same site as Hearth (contoso.test)
//   https://portal.fabrikam.test:P   a portal on another site (fabrikam.test)
//
// One Node https server (the "front", on one random port P, with a certificate this harness makes
// with the openssl CLI) routes by Host. Chromium maps every *.test name to 127.0.0.1
// (--host-resolver-rules) and trusts the certificate by its public key's hash; the Hearth process
// does the same through tests/e2e/test-hosts.mjs (a dns.lookup preload) and NODE_EXTRA_CA_CERTS.
// Chromium runs on a fresh profile per visitor whose settings block third-party cookies.
//
// Everything the run sees that would be a credential is collected in `secrets` (the tokens of
// /auth/token answers, Hearth's cookies, the IdP's tokens as Hearth receives them, handoff codes),
// with every request URL of every browser (`urls`) and, through `server.output()`, every line
// Hearth logged: the test asserts none of the one appears in the others.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Provider, type Adapter, type AdapterPayload } from 'oidc-provider';
import { chromium, type BrowserContext, type Frame, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.ts';

const run = promisify(execFile);
const PRELOAD = fileURLToPath(new URL('./test-hosts.mjs', import.meta.url));

export const HOSTS = {
  hearth: 'hearth.contoso.test',
  idp: 'idp.contoso.test',
  intranet: 'intranet.contoso.test',
  fabrikam: 'portal.fabrikam.test',
} as const;

/**
 * The IdP's accounts: the demo people (server/src/cli/demo-sso.ts), `sub` = their login, and
 * Dana, whose IdP session the expiry scenario ends.
 */
export const ACCOUNTS: Record<string, { name: string; email: string; groups: string[] }> = {
  'maria.lopez': { name: 'Maria Lopez', email: 'maria.lopez@contoso.test', groups: ['everyone'] },
  'sam.okafor': { name: 'Sam Okafor', email: 'sam.okafor@contoso.test', groups: ['everyone', 'hearth-managers'] },
  'helen.park': { name: 'Helen Park', email: 'helen.park@contoso.test', groups: ['everyone', 'hearth-executives'] },
  'ivan.petrov': { name: 'Ivan Petrov', email: 'ivan.petrov@contoso.test', groups: ['everyone', 'hearth-admins'] },
  'dana.short': { name: 'Dana Short', email: 'dana.short@contoso.test', groups: ['everyone'] },
};

/** The names of Hearth's cookies whose values are credentials. */
export const SESSION_COOKIES = ['hearth_session', 'hearth_portal_session'];
/** Anything shaped like a JWT (header.payload.signature, base64url). */
export const JWT_SHAPE = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;

export interface Harness {
  /** The front's port, in every URL. */
  port: number;
  /** `https://hearth.contoso.test:P`, and so on. */
  origins: { hearth: string; idp: string; intranet: string; fabrikam: string };
  /** The Hearth process: `server.output()` is everything it logged. */
  server: RunningServer;
  /** Credentials seen during the run (never to be found in a URL or a log line), with what each is. */
  secrets: Map<string, string>;
  /** OAuth authorization codes seen in /auth/callback URLs (expected in that URL, never in a log). */
  codes: Set<string>;
  /** Every request URL of every browser, popups and frames included. */
  urls: string[];
  /** What each page's and frame's localStorage held when its browser closed. */
  storage: string[];
  /** A fresh Chromium profile (third-party cookies blocked) that records what it sees. */
  visitor(): Promise<Visitor>;
  /**
   * Ends every IdP session of `accountId`, as if it had expired (or the person signed out of the
   * IdP elsewhere): the sessions are removed from the provider's storage, so the refresh tokens
   * bound to them are refused from then on. Returns how many there were.
   */
  endIdpSessions(accountId: string): number;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-oidc-e2e-'));
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    return await start(dir, cleanups, close);
  } catch (error) {
    await close();
    throw error;
  }
}

async function start(dir: string, cleanups: Array<() => Promise<unknown>>, close: () => Promise<void>): Promise<Harness> {
  const secrets = new Map<string, string>();
  const codes = new Set<string>();
  const urls: string[] = [];
  const storage: string[] = [];
  const { key, cert, certPath, spki } = await makeCertificate(dir);

  // The front listens first: its port is in every origin, Hearth's settings and the IdP's issuer.
  let route: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(503).end();
  const front = createHttpsServer({ key, cert }, (req, res) => route(req, res));
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    front.closeAllConnections();
    return new Promise((resolve) => front.close(resolve));
  });
  const port = (front.address() as AddressInfo).port;
  const origin = (host: string) => `https://${host}:${port}`;
  const origins = { hearth: origin(HOSTS.hearth), idp: origin(HOSTS.idp), intranet: origin(HOSTS.intranet), fabrikam: origin(HOSTS.fabrikam) };

  const clientSecret = randomBytes(32).toString('base64url');
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const provider = identityProvider(origins, clientSecret, store);
  const idpCallback = provider.callback();

  let hearthPort = 0;
  route = (req, res) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (host === `${HOSTS.hearth}:${port}`) {
      if (req.url?.startsWith('/__probe/')) probe(req, res);
      else proxy(req, res, hearthPort);
    } else if (host === `${HOSTS.idp}:${port}`) {
      if (req.method === 'POST' && req.url?.split('?')[0] === '/token') captureTokens(res, secrets);
      void idpCallback(req, res);
    } else if (host === `${HOSTS.intranet}:${port}` || host === `${HOSTS.fabrikam}:${port}`) {
      portal(req, res, origins.hearth);
    } else {
      res.writeHead(421, { 'content-type': 'text/plain' }).end(`no such host here: ${host}`);
    }
  };

  const server = await startServer({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: origins.idp,
    OIDC_CLIENT_ID: 'hearth',
    OIDC_CLIENT_SECRET: clientSecret,
    PUBLIC_URL: origins.hearth,
    ALLOWED_ORIGINS: `${origins.intranet},${origins.fabrikam}`,
    RATE_LIMITS: 'off',
    // Seconds between checks that the IdP session is still alive (a refresh-token grant).
    OIDC_SESSION_CHECK: '1',
    // The front terminates TLS and says so in X-Forwarded-Proto.
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'info',
    NODE_EXTRA_CA_CERTS: certPath,
  }, ['--import', PRELOAD]);
  cleanups.push(() => server.stop());
  hearthPort = Number(new URL(server.url).port);
  if (/cannot be reached|could not be discovered/.test(server.output())) {
    throw new Error(`Hearth did not discover the issuer ${origins.idp}:\n${server.output()}`);
  }

  return {
    port,
    origins,
    server,
    secrets,
    codes,
    urls,
    storage,
    async visitor() {
      const visitor = await openVisitor({ dir, spki, secrets, codes, urls, storage, origins });
      cleanups.push(() => visitor.close());
      return visitor;
    },
    endIdpSessions(accountId) {
      let ended = 0;
      for (const [id, entry] of store) {
        if (id.startsWith('Session:') && entry.payload.accountId === accountId) {
          store.delete(id);
          if (typeof entry.payload.uid === 'string') store.delete(`SessionUid:${entry.payload.uid}`);
          ended += 1;
        }
      }
      return ended;
    },
    close,
  };
}

/** A self-signed certificate for the four host names, and its public key's SHA-256 for Chromium. */
async function makeCertificate(dir: string) {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2',
    '-subj', `/CN=${HOSTS.hearth}`,
    '-addext', `subjectAltName=${Object.values(HOSTS).map((h) => `DNS:${h}`).join(',')}`,
  ]);
  const { stdout: spki } = await run('sh', ['-c',
    `openssl x509 -in '${certPath}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`]);
  return { key: await readFile(keyPath), cert: await readFile(certPath), certPath, spki: spki.trim() };
}

/**
 * oidc-provider as the company's IdP: one confidential client, `hearth`; its dev login pages
 * (any password); refresh tokens for Hearth to learn when the IdP session ends; the consent
 * given once for everyone (the company's own app), so no consent page.
 */
function identityProvider(
  origins: Harness['origins'],
  clientSecret: string,
  store: Map<string, { payload: AdapterPayload; expiresAt: number }>,
): Provider {
  const provider = new Provider(origins.idp, {
    adapter: memoryAdapter(store),
    clients: [{
      client_id: 'hearth',
      client_secret: clientSecret,
      redirect_uris: [`${origins.hearth}/auth/callback`],
      post_logout_redirect_uris: [`${origins.hearth}/`],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    claims: { openid: ['sub'], profile: ['name', 'groups'], email: ['email'] },
    async findAccount(_ctx, id) {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    // Without offline_access, a refresh token lives only as long as the IdP session it came from
    // (oidc-provider's default expiresWithSession): Hearth's check of the session is this grant.
    issueRefreshToken: async () => true,
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      // An admin consented for the whole company: the consent page never shows.
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, RefreshToken: 3600 },
  });
  // Behind the front (TLS): it is, in effect, a proxy.
  provider.proxy = true;
  provider.on('server_error', (_ctx, error) => console.error('IdP server_error', error));
  return provider;
}

/** oidc-provider's storage in a Map the harness can reach into (to end sessions). */
function memoryAdapter(store: Map<string, { payload: AdapterPayload; expiresAt: number }>) {
  const get = (key: string) => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  return class TestAdapter implements Adapter {
    constructor(readonly model: string) {}
    key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      const expiresAt = Date.now() + expiresIn * 1000;
      store.set(this.key(id), { payload, expiresAt });
      if (this.model === 'Session' && payload.uid) store.set(`SessionUid:${payload.uid}`, { payload: { jti: id }, expiresAt });
      if (payload.userCode) store.set(`UserCode:${payload.userCode}`, { payload: { jti: id }, expiresAt });
    }
    async find(id: string) {
      return get(this.key(id));
    }
    async findByUid(uid: string) {
      const ref = get(`SessionUid:${uid}`);
      return ref?.jti ? get(this.key(ref.jti)) : undefined;
    }
    async findByUserCode(userCode: string) {
      const ref = get(`UserCode:${userCode}`);
      return ref?.jti ? get(this.key(ref.jti)) : undefined;
    }
    async consume(id: string) {
      const payload = get(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
    }
  };
}

/** The IdP's token endpoint answers Hearth (never a browser): its tokens go into `secrets`. */
function captureTokens(res: ServerResponse, secrets: Map<string, string>) {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const keep = (chunk: unknown) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') keep(chunk);
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      for (const name of ['access_token', 'id_token', 'refresh_token']) {
        if (typeof body[name] === 'string') secrets.set(body[name], `the IdP's ${name}`);
      }
    } catch {
      // Not JSON: nothing to collect.
    }
    return end(chunk, ...rest);
  }) as typeof res.end;
}

/** To Hearth (plain http on loopback), as a TLS-terminating proxy does; streams both ways. */
function proxy(req: IncomingMessage, res: ServerResponse, hearthPort: number) {
  const { connection: _c, 'keep-alive': _k, ...headers } = req.headers;
  const upstream = httpRequest({
    host: '127.0.0.1',
    port: hearthPort,
    method: req.method,
    path: req.url,
    headers: { ...headers, 'x-forwarded-proto': 'https', 'x-forwarded-host': req.headers.host ?? '', 'x-forwarded-for': req.socket.remoteAddress ?? '' },
  }, (answer) => {
    const { connection: _uc, 'keep-alive': _uk, ...answerHeaders } = answer.headers;
    res.writeHead(answer.statusCode ?? 502, answerHeaders);
    // Server-sent events: each chunk goes on as it comes.
    res.flushHeaders();
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502).end();
    else res.destroy();
  });
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

/**
 * The cookie probe, on Hearth's host: `/__probe/set` sets `probe=1` (SameSite=None, Secure, not
 * partitioned); `/__probe/echo` answers the Cookie header it got, to a credentialed CORS fetch.
 */
function probe(req: IncomingMessage, res: ServerResponse) {
  const path = req.url?.split('?')[0];
  if (path === '/__probe/set') {
    res.writeHead(200, { 'set-cookie': 'probe=1; Secure; SameSite=None; Path=/', 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('set');
    return;
  }
  const cors = req.headers.origin ? { 'access-control-allow-origin': req.headers.origin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {};
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors })
    .end(JSON.stringify({ cookie: req.headers.cookie ?? '' }));
}

/** The portals' pages (the same on both hosts): a script embed, an iframe embed, a blank page. */
function portal(req: IncomingMessage, res: ServerResponse, hearth: string) {
  const path = req.url?.split('?')[0];
  const pages: Record<string, string> = {
    '/script': `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Team page – script embed</title>
  <script type="module" src="${hearth}/widgets/hearth.js"></script>
</head>
<body>
  <main id="widgets">
    <hearth-config token-url="${hearth}/auth/token"></hearth-config>
    <hearth-tag-cloud></hearth-tag-cloud>
    <hearth-feed compose page-size="5"></hearth-feed>
  </main>
</body>
</html>`,
    '/iframe': `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Team page – iframe embed</title>
</head>
<body>
  <main>
    <iframe id="hearth" title="Hearth feed" style="width: 100%; height: 700px; border: 0"
      src="${hearth}/embed/feed?compose&amp;page-size=5&amp;token-url=%2Fauth%2Ftoken"></iframe>
  </main>
</body>
</html>`,
    '/blank': '<!doctype html><html lang="en"><meta charset="utf-8"><title>Blank</title><p>Blank page</p></html>',
  };
  const page = path ? pages[path] : undefined;
  if (!page) {
    res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
}

export interface Visitor {
  context: BrowserContext;
  /** The first tab. */
  page: Page;
  /**
   * Presses `button` (a Sign in button), signs in as `login` in the popup that opens (the IdP's
   * login form, and its consent page if it shows) and waits for the popup to close.
   */
  signInWithPopup(button: Locator, login: string): Promise<void>;
  /** Signs in at the IdP and at Hearth top-level (no portal involved): `/auth/login` in a tab. */
  signInTopLevel(login: string): Promise<void>;
  /** The last token /auth/token gave this browser (what its widgets call the API with), or null. */
  lastToken(): string | null;
  /** Hearth's frame on `page` (the /embed iframe). */
  hearthFrame(page?: Page): Frame;
  close(): Promise<void>;
}

async function openVisitor({ dir, spki, secrets, codes, urls, storage, origins }: {
  dir: string; spki: string; secrets: Map<string, string>; codes: Set<string>; urls: string[]; storage: string[]; origins: Harness['origins'];
}): Promise<Visitor> {
  const profile = await mkdtemp(join(dir, 'profile-'));
  await mkdir(join(profile, 'Default'));
  // Third-party cookies blocked, as the person (or an admin's BlockThirdPartyCookies policy) set it.
  await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 1, block_third_party_cookies: true } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage',
      '--host-resolver-rules=MAP *.test 127.0.0.1',
      `--ignore-certificate-errors-spki-list=${spki}`,
    ],
  });
  context.setDefaultTimeout(10_000);
  context.on('request', (request) => {
    const url = request.url();
    urls.push(url);
    const parsed = new URL(url);
    if (parsed.origin === origins.hearth && parsed.pathname === '/auth/callback') {
      const code = parsed.searchParams.get('code');
      if (code) codes.add(code);
    }
    if (parsed.origin === origins.hearth && parsed.pathname === '/auth/token' && request.method() === 'POST') {
      try {
        const body = request.postDataJSON() as { handoff?: unknown } | null;
        if (typeof body?.handoff === 'string') secrets.set(body.handoff, 'a handoff code (POST /auth/token)');
      } catch {
        // Not JSON.
      }
    }
  });
  context.on('response', (response) => {
    const parsed = new URL(response.url());
    if (parsed.origin !== origins.hearth) return;
    // Hearth's session cookies, as it sets them (sign-out deletes them before the end of the run).
    response.headersArray().then((headers) => {
      for (const { name, value } of headers) {
        if (name.toLowerCase() !== 'set-cookie') continue;
        for (const line of value.split('\n')) {
          const [pair] = line.split(';');
          const eq = pair!.indexOf('=');
          const cookie = pair!.slice(eq + 1).trim();
          if (eq > 0 && SESSION_COOKIES.includes(pair!.slice(0, eq).trim()) && cookie) secrets.set(cookie, `the ${pair!.slice(0, eq).trim()} cookie`);
        }
      }
    }, () => undefined);
    if (parsed.pathname !== '/auth/token' || !response.ok()) return;
    response.json().then((body: { token?: unknown }) => {
      if (typeof body?.token !== 'string') return;
      secrets.set(body.token, 'a token from /auth/token');
      lastToken = body.token;
    }, () => undefined);
  });
  const page = context.pages()[0] ?? await context.newPage();
  let closed = false;
  let lastToken: string | null = null;

  async function finishPopup(popup: Page, login: string) {
    const gone = popup.waitForEvent('close', { timeout: 20_000 });
    await popup.locator('input[name="login"]').fill(login);
    await popup.locator('input[name="password"]').fill('any password');
    await popup.locator('button[type="submit"]').click();
    // The dev consent page (its button says Continue) should not show: the grant exists.
    const consent = popup.locator('button[type="submit"]', { hasText: 'Continue' });
    const which = await Promise.race([gone.then(() => 'closed'), consent.waitFor({ timeout: 20_000 }).then(() => 'consent', () => 'closed')]);
    if (which === 'consent' && !popup.isClosed()) await consent.click();
    await gone;
  }

  return {
    context,
    page,
    async signInWithPopup(button, login) {
      const [popup] = await Promise.all([context.waitForEvent('page', { timeout: 10_000 }), button.click()]);
      await finishPopup(popup, login);
    },
    async signInTopLevel(login) {
      const tab = await context.newPage();
      await tab.goto(`${origins.hearth}/auth/login?origin=${encodeURIComponent(origins.hearth)}`);
      await tab.locator('input[name="login"]').fill(login);
      await tab.locator('input[name="password"]').fill('any password');
      await tab.locator('button[type="submit"]').click();
      await tab.waitForURL((url) => url.origin === origins.hearth && url.pathname !== '/auth/callback', { timeout: 15_000 });
      await tab.close();
    },
    lastToken: () => lastToken,
    hearthFrame(on = page) {
      const frame = on.frames().find((f) => f !== on.mainFrame() && f.url().startsWith(`${origins.hearth}/embed/`));
      if (!frame) throw new Error(`no Hearth frame on ${on.url()}`);
      return frame;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        for (const cookie of await context.cookies()) {
          if (SESSION_COOKIES.includes(cookie.name)) secrets.set(cookie.value, `the ${cookie.name} cookie`);
        }
        for (const open of context.pages()) {
          for (const frame of open.frames()) {
            const held = await frame.evaluate(() => JSON.stringify(Object.entries(localStorage))).catch(() => null);
            if (held) storage.push(`${frame.url()}: ${held}`);
          }
        }
      } finally {
        await context.close();
      }
    },
  };
}

/** The Sign in buttons inside `scope` (a widget host or a frame). */
export function signInButton(scope: Locator | FrameLocator): Locator {
  return scope.getByRole('button', { name: 'Sign in' });
}
