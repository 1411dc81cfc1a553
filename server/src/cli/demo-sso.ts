/**
 * `npm run demo:sso [-- --check]`: the demo intranet signed in with a real OpenID Connect flow.
 *
 * Starts, in this one process:
 *   - a local OpenID provider (oidc-provider, with its built-in dev login pages) on
 *     http://127.0.0.1:8090 whose accounts are the demo people: type a login such as
 *     `maria.lopez`, `sam.okafor`, `helen.park` or `ivan.petrov` (any password, or none);
 *   - Hearth in AUTH_MODE=oidc against it on http://127.0.0.1:8089, serving the demo intranet,
 *     with its own PGlite folder ./data-sso (seeded with the demo data when empty), so it never
 *     touches the ./data folder of `npm start`.
 *
 * Groups map to roles as a company would set them up: Ivan Petrov is in `hearth-admins`
 * (AUTH_ADMIN_GROUPS), Sam Okafor in `hearth-managers` (AUTH_MANAGER_GROUPS), Helen Park in
 * `hearth-executives` (AUTH_EXECUTIVE_GROUPS). Ports: DEMO_SSO_PORT and DEMO_SSO_IDP_PORT.
 *
 * `--check [--as <login>]` then drives the flow once with headless Chromium (tests/e2e/demo-sso.ts),
 * signing in as maria.lopez (or <login>), writes .screenshots/sso-*.png and exits. For a demo only: the IdP's keys and client secret are made up
 * at each start and its sessions live in memory.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import express from 'express';
import { Provider } from 'oidc-provider';
import { createApp } from '../app.ts';
import { loadConfigOrReport } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { migrate } from '../db/migrate.ts';
import { DEMO_PAGE_CSP, serverTimeouts } from '../http/security.ts';
import { createLogger } from '../logger.ts';
import { idpSubject } from '../auth/idp.ts';
import { DEMO_PERSONAS } from '../seed/personas.ts';
import { isSeeded, seedDemo } from '../seed/seed.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));
const DATA_DIR = join(ROOT, 'data-sso');

/** The IdP groups of each demo person; the Hearth settings below turn them into roles. */
const GROUPS: Record<string, string[]> = {
  'maria.lopez': ['everyone'],
  'sam.okafor': ['everyone', 'hearth-managers'],
  'helen.park': ['everyone', 'hearth-executives'],
  'ivan.petrov': ['everyone', 'hearth-admins'],
};

function demoPage(html: string): string {
  const swaps: [RegExp, string][] = [
    [/token-url="\/demo\/token"/, 'token-url="/auth/token"'],
    [
      /<div class="user-menu">[\s\S]*?<\/select>\s*<\/label>\s*<\/div>\s*<\/div>/,
      '<div class="user-menu"><div class="user-menu-text">' +
        '<span class="signed-in"><strong>Company sign-in demo</strong></span>' +
        `<span class="view-as">Sign in from a widget as ${DEMO_PERSONAS.map((p) => p.handle).join(', ')}</span>` +
        '</div><button type="button" id="sign-out" class="sign-out">Sign out</button></div>',
    ],
  ];
  for (const [pattern, replacement] of swaps) {
    if (!pattern.test(html)) throw new Error(`server/demo/index.html has changed: ${pattern} no longer matches`);
    html = html.replace(pattern, replacement);
  }
  return html;
}

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, not ${value}`);
  return n;
}

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: { check: { type: 'boolean', default: false }, as: { type: 'string', default: 'maria.lopez' } },
    strict: true,
  });
  const hearthPort = port('DEMO_SSO_PORT', 8089);
  const idpPort = port('DEMO_SSO_IDP_PORT', 8090);
  const hearthUrl = `http://127.0.0.1:${hearthPort}`;
  const issuer = `http://127.0.0.1:${idpPort}`;
  const clientSecret = randomBytes(32).toString('base64url');

  // Hearth's settings, as an operator would put them in the environment (README, configuration).
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const config = loadConfigOrReport({
    ...inherited,
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'hearth',
    OIDC_CLIENT_SECRET: clientSecret,
    PUBLIC_URL: hearthUrl,
    AUTH_ADMIN_GROUPS: 'hearth-admins',
    AUTH_MANAGER_GROUPS: 'hearth-managers',
    AUTH_EXECUTIVE_GROUPS: 'hearth-executives',
    SERVE_DEMO: 'true',
    HOST: '127.0.0.1',
    PORT: String(hearthPort),
    DATA_DIR,
    // One log line per request would bury the URLs printed below; LOG_LEVEL=info brings them back.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  if (!config) return 2;
  const logger = createLogger(config.logLevel);

  const db = await openDatabase({ dataDir: join(DATA_DIR, 'pglite') });
  await migrate(db);
  if (!(await isSeeded(db))) {
    console.log(`first start: seeding the demo intranet into ${DATA_DIR} (once, a few seconds)`);
    const summary = await seedDemo(db);
    console.log(`seeded ${summary.people} people, ${summary.posts} posts, ${summary.replies} replies`);
  }
  // The seed stores the demo people under their handles; people who sign in through the IdP are
  // stored as `oidc:<sub>`. Re-key the four personas (in ./data-sso only) so signing in as
  // maria.lopez is the seeded Maria, with her posts, and not a newcomer.
  const handles = DEMO_PERSONAS.map((p) => p.handle);
  await db.query(
    `UPDATE people SET external_id = $2 || handle WHERE handle = ANY($1) AND external_id NOT LIKE $2 || '%'`,
    [handles, idpSubject('')],
  );
  const people = await db.query<{ handle: string; name: string; email: string | null }>(
    'SELECT handle, name, email FROM people WHERE handle = ANY($1)',
    [handles],
  );
  const accounts = new Map(people.map((p) => [p.handle, { name: p.name, email: p.email ?? `${p.handle}@example.com`, groups: GROUPS[p.handle] ?? [] }]));

  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'hearth',
      client_secret: clientSecret,
      redirect_uris: [`${hearthUrl}/auth/callback`],
      post_logout_redirect_uris: [`${hearthUrl}/`],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code', 'refresh_token'],
    }],
    claims: { openid: ['sub'], profile: ['name', 'groups'], email: ['email'] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    // Refresh tokens that end with the IdP session: Hearth asks with them whether it still stands
    // (OIDC_SESSION_CHECK), so signing out at the IdP signs out of Hearth within minutes.
    issueRefreshToken: async () => true,
    // A working day: the IdP's session outlives Hearth's (SESSION_LIFETIME, 8 h by default).
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { Interaction: 3600, Session: 10 * 3600, Grant: 10 * 3600, AccessToken: 3600, IdToken: 3600, RefreshToken: 10 * 3600 },
  });
  provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'IdP server error'));
  const idp = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    idp.once('error', reject);
    idp.listen(idpPort, '127.0.0.1', resolve);
  });

  const app = await createApp({ config, db, logger });
  (app.locals.outbox as { start(): void }).start();
  // The demo page is made for AUTH_MODE=demo: its widgets take their token from /demo/token and
  // its header says who you are "viewing as". Here the widgets get their token from /auth/token
  // (minted from the session cookie) and the header says how to sign in. `npm start`'s page is
  // left as it is: this server hands out its own copy.
  const page = demoPage(await readFile(join(DEMO_DIR, 'index.html'), 'utf8'));
  const outer = express();
  outer.disable('x-powered-by');
  outer.get('/', (_req, res) => {
    res.set('Content-Security-Policy', DEMO_PAGE_CSP).type('html').send(page);
  });
  outer.use(app);
  const server = createServer(serverTimeouts(config.requestTimeoutMs), outer);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(hearthPort, '127.0.0.1', resolve);
  });

  const logins = [...accounts].map(([handle, a]) => `    ${handle.padEnd(12)} ${a.name}${a.groups.length > 1 ? ` (${a.groups.slice(1).join(', ')})` : ''}`).join('\n');
  console.log(`
Hearth with company sign-in (AUTH_MODE=oidc), data in ${DATA_DIR}

  Demo intranet:     ${hearthUrl}/
  OpenID provider:   ${issuer}/.well-known/openid-configuration

  Click "Sign in" on a widget; in the popup, type one of these logins (any password):
${logins}
`);

  const stop = async (code: number) => {
    await (app.locals.shutdown as () => Promise<void>)();
    server.closeAllConnections();
    idp.closeAllConnections();
    await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => idp.close(r))]);
    await db.close();
    return code;
  };

  if (args.check) {
    const { driveDemoSso } = await import('../../../tests/e2e/demo-sso.ts');
    let code = 0;
    try {
      const account = accounts.get(args.as);
      if (!account) throw new Error(`--as ${args.as}: not a demo login (${[...accounts.keys()].join(', ')})`);
      await driveDemoSso({ hearthUrl, login: args.as, name: account.name });
    } catch (error) {
      console.error('demo:sso --check failed:', error);
      code = 1;
    }
    return stop(code);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return stop(0);
}

main().then((code) => process.exit(code), (error: unknown) => {
  const taken = (error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';
  console.error('demo:sso failed to start:', error instanceof Error ? error.message : error);
  if (taken) console.error('Another program holds that port: set DEMO_SSO_PORT (Hearth, 8089) or DEMO_SSO_IDP_PORT (the IdP, 8090).');
  process.exit(1);
});
