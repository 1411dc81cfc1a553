import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { Provider } from 'oidc-provider';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { testDatabase } from './helpers.ts';

/**
 * AUTH_MODE=oidc against a real OpenID provider (oidc-provider 8.8, in process on a loopback port,
 * its dev login form driven with fetch and a cookie jar): login → callback → token → API.
 */

const PORTAL = 'https://intranet.example.com';
const OTHER_PORTAL = 'https://other.example.com';
const CLIENT_SECRET = 'hearth-client-secret-for-the-tests-0123456789';

const accounts: Record<string, { name: string; email: string; groups: string[] }> = {
  'u-ada': { name: 'Ada Admin', email: 'ada@example.com', groups: ['hearth-admins'] },
  'u-ben': { name: 'Ben Employee', email: 'ben@example.com', groups: [] },
  'u-dee': { name: 'Dee Departed', email: 'dee@example.com', groups: [] },
};

/** Cookies by name (one host each: the IdP and Hearth get a jar each). */
class Jar {
  cookies = new Map<string, string>();
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (gone || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * A server that holds its port from the start; its handler is attached later. (Closing a probe
 * server and listening again later lost the port once: an outgoing connection to PostgreSQL can
 * take the same number as its local port in between.)
 */
async function listening(): Promise<{ server: Server; url: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let idp: Server;
let issuer: string;
let hearth: Server;
let hearthUrl: string;
let db: Awaited<ReturnType<typeof testDatabase>>;
/** A second Hearth that authenticates to the IdP with private_key_jwt (OIDC_PRIVATE_KEY). */
let keyHearth: Server;
let keyHearthUrl: string;
const clientKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
let shutdown: () => Promise<void>;
let provider: Provider;
const logLines: string[] = [];

before(async () => {
  ({ server: hearth, url: hearthUrl } = await listening());
  ({ server: keyHearth, url: keyHearthUrl } = await listening());
  ({ server: idp, url: issuer } = await listening());
  provider = new Provider(issuer, {
    clients: [{
      client_id: 'hearth',
      client_secret: CLIENT_SECRET,
      redirect_uris: [`${hearthUrl}/auth/callback`],
      post_logout_redirect_uris: [`${hearthUrl}/`],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code', 'refresh_token'],
    }, {
      client_id: 'hearth-key',
      redirect_uris: [`${keyHearthUrl}/auth/callback`],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [{ ...clientKey.publicKey.export({ format: 'jwk' }), kid: 'hearth-key-1', use: 'sig', alg: 'ES256' }] },
    }],
    claims: { openid: ['sub'], profile: ['name', 'groups'], email: ['email'] },
    async findAccount(_ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    // Refresh tokens that end with the IdP session: Hearth asks with them whether it still stands.
    issueRefreshToken: async () => true,
  });
  provider.on('server_error', (_ctx, error) => console.error('IdP server_error', error));
  idp.on('request', provider.callback());

  db = await testDatabase();
  await migrate(db);
  const config = loadConfig({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'hearth',
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    PUBLIC_URL: hearthUrl,
    ALLOWED_ORIGINS: `${PORTAL},${OTHER_PORTAL}`,
    AUTH_ADMIN_GROUPS: 'hearth-admins',
    SERVE_DEMO: 'false',
    RATE_LIMITS: 'off',
    DATA_DIR: '/nonexistent',
    OIDC_SESSION_CHECK: '1',
  });
  // The server's own log, as main.ts configures it (logger.ts), captured.
  const sink = new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } });
  const logger = pino({ level: 'info', base: undefined, redact: ['req.headers.authorization', 'req.headers.cookie'] }, sink);
  const app = await createApp({ config, db, logger });
  shutdown = app.locals.shutdown as () => Promise<void>;
  hearth.on('request', app);
});

after(async () => {
  await shutdown();
  hearth.closeAllConnections();
  await new Promise((resolve) => hearth.close(resolve));
  idp.closeAllConnections();
  await new Promise((resolve) => idp.close(resolve));
  await new Promise((resolve) => keyHearth.close(resolve));
  await db.drop();
});

/** Every secret the tests saw (codes, tokens, session ids): none may be in the log. */
const secrets: string[] = [];

/** A browser: its own cookies at Hearth and at the IdP. */
function browser(base = hearthUrl, idpJar = new Jar()) {
  const hearthJar = new Jar();
  return {
    hearthJar,
    idpJar,
    async hearth(path: string, init: RequestInit & { origin?: string } = {}) {
      const headers = new Headers(init.headers);
      if (hearthJar.cookies.size) headers.set('cookie', hearthJar.header());
      if (init.origin) headers.set('origin', init.origin);
      const res = await fetch(path.startsWith('http') ? path : base + path, { ...init, headers, redirect: 'manual' });
      hearthJar.store(res);
      return res;
    },
    /** Signs in at the IdP as `account` from an authorization URL; answers the callback URL it redirects to. */
    async atIdp(authorizationUrl: string, account: string): Promise<string> {
      let url = authorizationUrl;
      let loggedIn = false;
      for (let hop = 0; hop < 12; hop++) {
        if (url.startsWith(`${base}/`)) return url;
        const interaction = /^\/interaction\/[^/]+$/.test(new URL(url).pathname);
        const headers: Record<string, string> = { cookie: idpJar.header() };
        let res: Response;
        if (interaction) {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          const body = new URLSearchParams(loggedIn ? { prompt: 'consent' } : { prompt: 'login', login: account, password: 'any' });
          loggedIn = true;
          res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual' });
        } else {
          res = await fetch(url, { headers, redirect: 'manual' });
        }
        idpJar.store(res);
        const location = res.headers.get('location');
        if (!location) throw new Error(`the IdP answered ${res.status} at ${url}: ${await res.text()}`);
        url = new URL(location, url).href;
      }
      throw new Error('too many redirects at the IdP');
    },
  };
}

type Browser = ReturnType<typeof browser>;

async function startLogin(b: Browser, origin = PORTAL, query = '', headers: Record<string, string> = {}): Promise<string> {
  const res = await b.hearth(`/auth/login?origin=${encodeURIComponent(origin)}${query}`, { headers });
  assert.equal(res.status, 303, await res.text());
  const location = res.headers.get('location')!;
  assert.ok(location.startsWith(`${issuer}/`), location);
  return location;
}

/** The whole sign-in: answers the callback's response. */
async function signIn(b: Browser, account: string, origin = PORTAL) {
  const callbackUrl = await b.atIdp(await startLogin(b, origin), account);
  const code = new URL(callbackUrl).searchParams.get('code');
  if (code) secrets.push(code);
  const loginCookie = b.hearthJar.cookies.get('hearth_login');
  const res = await b.hearth(callbackUrl);
  const session = b.hearthJar.cookies.get('hearth_session');
  if (session) secrets.push(session);
  return { res, callbackUrl, loginCookie };
}

/** What the sign-in's last page posts to the page that started it. */
function outcomeOf(html: string) {
  const attribute = /data-message="([^"]*)"/.exec(html)?.[1];
  assert.ok(attribute, 'the page carries its message');
  return JSON.parse(attribute.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))) as { type: string; handoff?: string; reason?: string };
}

async function handIn(b: Browser, handoff: string, origin = PORTAL) {
  const res = await b.hearth('/auth/token', { method: 'POST', origin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ handoff }) });
  const body = await res.json();
  if (body.token) secrets.push(body.token);
  return { res, body };
}

async function token(b: Browser, origin = PORTAL) {
  const res = await b.hearth('/auth/token', { method: 'POST', origin });
  const body = await res.json();
  if (body.token) secrets.push(body.token);
  return { res, body };
}

async function me(accessToken: string, origin = PORTAL) {
  const res = await fetch(`${hearthUrl}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}`, origin } });
  return { res, body: await res.json() };
}

async function countPeople(): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
  return row!.n;
}

describe('AUTH_MODE=oidc', () => {
  test('sign-in: login → IdP → callback → token → the API knows the person, roles from groups', async () => {
    const b = browser();
    const { res } = await signIn(b, 'u-ada');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'sha256-[A-Za-z0-9+/=]+'/);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', 'the page it goes on to never sees the code');
    assert.match(html, new RegExp(`data-origin="${PORTAL.replace(/[/.]/g, '\\$&')}"`));
    assert.match(html, /hearth-signed-in/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hearth_session='));
    assert.ok(cookie, 'a session cookie');
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /Path=\/auth/);

    const { res: tokenRes, body } = await token(b);
    assert.equal(tokenRes.status, 200);
    assert.equal(tokenRes.headers.get('cache-control'), 'no-store');
    assert.equal(tokenRes.headers.get('access-control-allow-origin'), PORTAL);
    assert.equal(tokenRes.headers.get('access-control-allow-credentials'), 'true');
    assert.ok(Date.parse(body.expiresAt) - Date.now() <= 5 * 60_000 + 1000);

    const { res: meRes, body: person } = await me(body.token);
    assert.equal(meRes.status, 200, JSON.stringify(person));
    assert.equal(person.name, 'Ada Admin');
    assert.ok(person.roles.includes('admin'), JSON.stringify(person.roles));
    const [row] = await db.query<{ external_id: string }>("SELECT external_id FROM people WHERE name = 'Ada Admin'");
    assert.equal(row!.external_id, 'oidc:u-ada');
  });

  test('a second sign-in updates the person', async () => {
    accounts['u-ben']!.name = 'Ben Before';
    await signIn(browser(), 'u-ben');
    accounts['u-ben']!.name = 'Ben After';
    const b = browser();
    const { res } = await signIn(b, 'u-ben');
    assert.equal(res.status, 200);
    const { body } = await token(b);
    const { body: person } = await me(body.token);
    assert.equal(person.name, 'Ben After');
    assert.deepEqual(person.roles, ['employee']);
    const rows = await db.query("SELECT 1 FROM people WHERE external_id = 'oidc:u-ben'");
    assert.equal(rows.length, 1);
  });

  test('a replayed callback, or one whose state differs, is refused: 400, nothing created', async () => {
    const b = browser();
    const { res, callbackUrl, loginCookie } = await signIn(b, 'u-ben');
    assert.equal(res.status, 200);
    // The browser drops the login cookie; a replay brings it back (as an attacker who copied it would).
    assert.equal(b.hearthJar.cookies.get('hearth_login'), undefined);
    b.hearthJar.cookies.set('hearth_login', loginCookie!);
    b.hearthJar.cookies.delete('hearth_session');
    const replay = await b.hearth(callbackUrl);
    assert.equal(replay.status, 400);
    assert.match(replay.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = await replay.json();
    assert.match(problem.detail, /already used/);
    assert.equal(problem.instance, '/auth/callback');
    assert.equal(b.hearthJar.cookies.get('hearth_session'), undefined);

    const peopleBefore = await countPeople();
    accounts['u-new'] = { name: 'Nia New', email: 'nia@example.com', groups: [] };
    const c = browser();
    const callback = new URL(await c.atIdp(await startLogin(c), 'u-new'));
    callback.searchParams.set('state', 'not-the-state-this-browser-started');
    const mismatched = await c.hearth(callback.href);
    assert.equal(mismatched.status, 400);
    assert.match((await mismatched.json()).detail, /state/);
    assert.equal(await countPeople(), peopleBefore);
    assert.equal(c.hearthJar.cookies.get('hearth_session'), undefined);
  });

  test('a code from another sign-in (its nonce and PKCE verifier differ) is refused: 401, nothing created', async () => {
    accounts['u-eve'] = { name: 'Eve Elsewhere', email: 'eve@example.com', groups: [] };
    const peopleBefore = await countPeople();
    const victim = browser();
    const victimAuth = new URL(await startLogin(victim));
    const attacker = browser();
    const attackerCallback = new URL(await attacker.atIdp(await startLogin(attacker), 'u-eve'));
    // The attacker's code, under the victim's own state: only the nonce and the verifier differ.
    attackerCallback.searchParams.set('state', victimAuth.searchParams.get('state')!);
    const res = await victim.hearth(attackerCallback.href);
    assert.equal(res.status, 401, await res.clone().text());
    assert.equal((await res.json()).type, '/problems/sign-in-failed');
    assert.equal(await countPeople(), peopleBefore);
    assert.equal(victim.hearthJar.cookies.get('hearth_session'), undefined);
  });

  test('an origin that is not allowed cannot start a sign-in or get a token', async () => {
    const b = browser();
    const res = await b.hearth(`/auth/login?origin=${encodeURIComponent('https://evil.example.net')}`);
    assert.equal(res.status, 400);
    assert.equal(b.hearthJar.cookies.get('hearth_login'), undefined);
    assert.equal((await b.hearth('/auth/login')).status, 400);
    await signIn(b, 'u-ben');
    const other = await b.hearth('/auth/token', { method: 'POST', origin: 'https://evil.example.net' });
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  test('/auth/token without a session: 401 sign-in-required with signInUrl', async () => {
    const { res, body } = await token(browser());
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(body.type, '/problems/sign-in-required');
    assert.equal(body.signInUrl, `${hearthUrl}/auth/login?origin=${encodeURIComponent(PORTAL)}`);
  });

  test('a token works only from the origin it was issued to', async () => {
    const b = browser();
    await signIn(b, 'u-ben');
    const { body } = await token(b, PORTAL);
    assert.equal((await me(body.token, PORTAL)).res.status, 200);
    const { res, body: problem } = await me(body.token, OTHER_PORTAL);
    assert.equal(res.status, 401);
    assert.match(problem.detail, /another origin/);
  });

  test('logout ends the session: no new tokens, and the tokens it gave are refused', async () => {
    const b = browser();
    await signIn(b, 'u-ben');
    const { body } = await token(b);
    assert.equal((await me(body.token)).res.status, 200);
    const res = await b.hearth('/auth/logout', { method: 'POST', origin: PORTAL });
    assert.equal(res.status, 200);
    const { endSessionUrl } = await res.json();
    assert.ok(endSessionUrl.startsWith(`${issuer}/session/end`), endSessionUrl);
    assert.equal(new URL(endSessionUrl).searchParams.get('post_logout_redirect_uri'), `${hearthUrl}/`);
    // By client_id: no ID token in a URL.
    assert.equal(new URL(endSessionUrl).searchParams.get('client_id'), 'hearth');
    assert.equal(new URL(endSessionUrl).searchParams.get('id_token_hint'), null);
    assert.equal(b.hearthJar.cookies.get('hearth_session'), undefined);
    assert.equal((await me(body.token)).res.status, 401);
    assert.equal((await token(b)).res.status, 401);
  });

  test('a person deactivated (SCIM) cannot sign in, and their session gives no token', async () => {
    const b = browser();
    await signIn(b, 'u-dee');
    assert.equal((await token(b)).res.status, 200);
    await db.query("UPDATE people SET active = false, deactivated_at = now() WHERE external_id = 'oidc:u-dee'");
    assert.equal((await token(b)).res.status, 401);
    const again = browser();
    const { res } = await signIn(again, 'u-dee');
    assert.equal(res.status, 401);
    assert.equal((await res.json()).type, '/problems/account-deactivated');
    assert.equal(again.hearthJar.cookies.get('hearth_session'), undefined);
  });

  test('private_key_jwt: with OIDC_PRIVATE_KEY Hearth proves itself with a signed assertion, no secret', async () => {
    const kdb = await testDatabase();
    await migrate(kdb);
    const config = loadConfig({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'hearth-key',
      OIDC_PRIVATE_KEY: clientKey.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      OIDC_PRIVATE_KEY_ID: 'hearth-key-1',
      PUBLIC_URL: keyHearthUrl,
      ALLOWED_ORIGINS: PORTAL,
      SERVE_DEMO: 'false',
      RATE_LIMITS: 'off',
    });
    const app = await createApp({ config, db: kdb, logger: pino({ level: 'silent' }) });
    keyHearth.on('request', app);
    try {
      const b = browser(keyHearthUrl);
      const callbackUrl = await b.atIdp(await startLogin(b), 'u-ben');
      const res = await b.hearth(callbackUrl);
      assert.equal(res.status, 200, await res.clone().text());
      const tokenRes = await b.hearth('/auth/token', { method: 'POST', origin: PORTAL });
      assert.equal(tokenRes.status, 200);
    } finally {
      await (app.locals.shutdown as () => Promise<void>)();
      keyHearth.off('request', app);
      keyHearth.closeAllConnections();
      await kdb.drop();
    }
  });

  test('the popup hands its portal page a one-time code for a session of its own (for when third-party cookies are blocked)', async () => {
    const popup = browser();
    const { res } = await signIn(popup, 'u-ben');
    const outcome = outcomeOf(await res.text());
    assert.equal(outcome.type, 'hearth-signed-in');
    assert.match(outcome.handoff ?? '', /^[\w-]{40,}$/);
    secrets.push(outcome.handoff!);

    // The portal page: none of the popup's cookies reach Hearth from there.
    const page = browser();
    const elsewhere = await handIn(page, outcome.handoff!, OTHER_PORTAL);
    assert.equal(elsewhere.res.status, 400, 'the code is for the page that opened the popup only');
    const { res: handedIn, body } = await handIn(page, outcome.handoff!);
    assert.equal(handedIn.status, 200, JSON.stringify(body));
    assert.equal((await me(body.token)).body.name, accounts['u-ben']!.name);
    const cookie = handedIn.headers.getSetCookie().find((c) => c.startsWith('hearth_portal_session='));
    assert.ok(cookie, 'a portal session cookie');
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /Path=\/auth/);
    secrets.push(page.hearthJar.cookies.get('hearth_portal_session')!);
    assert.equal((await handIn(browser(), outcome.handoff!)).res.status, 400, 'a code works once');
    assert.equal((await handIn(browser(), 'x'.repeat(43))).res.status, 400);

    // The page's own session gives tokens on later visits (a reload), without the popup's cookie.
    assert.equal((await token(page)).res.status, 200);
    // Signing out on the page ends the popup's session too: one sign-in, one family.
    const { body: popupToken } = await token(popup);
    assert.equal((await page.hearth('/auth/logout', { method: 'POST', origin: PORTAL })).status, 200);
    assert.equal((await token(page)).res.status, 401);
    assert.equal((await token(popup)).res.status, 401);
    assert.equal((await me(popupToken.token)).res.status, 401);
  });

  test('same-site pages get a silentSignInUrl: prompt=none signs in without a page when the IdP knows the person, else tells the frame login-required', async () => {
    const anon = browser();
    const cross = await anon.hearth('/auth/token', { method: 'POST', origin: PORTAL, headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal((await cross.json()).silentSignInUrl, undefined, 'a hidden frame cannot sign in across sites');
    const same = await anon.hearth('/auth/token', { method: 'POST', origin: PORTAL, headers: { 'sec-fetch-site': 'same-site' } });
    const problem = await same.json();
    assert.equal(problem.silentSignInUrl, `${problem.signInUrl}&prompt=none`);

    // No session at the IdP: it answers login_required, and the frame's parent (the portal) is told.
    const frame = { 'sec-fetch-dest': 'iframe' };
    const authorization = await startLogin(anon, PORTAL, '&prompt=none', frame);
    assert.equal(new URL(authorization).searchParams.get('prompt'), 'none');
    const refused = await anon.hearth(await anon.atIdp(authorization, 'u-ben'), { headers: frame });
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors ${PORTAL.replace(/[/.]/g, '\\$&')};`));
    const html = await refused.text();
    assert.deepEqual(outcomeOf(html), { type: 'hearth-sign-in-failed', reason: 'login-required' });
    assert.match(html, /data-silent="1"/);
    assert.equal(anon.hearthJar.cookies.get('hearth_session'), undefined);

    // A session at the IdP (signed in once elsewhere), none at Hearth: signed in, nothing shown.
    const earlier = browser();
    await signIn(earlier, 'u-ben');
    const later = browser(hearthUrl, earlier.idpJar);
    const callbackUrl = await later.atIdp(await startLogin(later, PORTAL, '&prompt=none', frame), 'u-ben');
    assert.ok(new URL(callbackUrl).searchParams.get('code'), callbackUrl);
    secrets.push(new URL(callbackUrl).searchParams.get('code')!);
    const res = await later.hearth(callbackUrl, { headers: frame });
    assert.equal(res.status, 200);
    assert.deepEqual(outcomeOf(await res.text()), { type: 'hearth-signed-in' }, 'no code to hand in: the same-site cookie is sent');
    secrets.push(later.hearthJar.cookies.get('hearth_session')!);
    assert.equal((await token(later)).res.status, 200);
  });

  test('a popup sign-in that fails shows why and tells the portal (IdP down: unavailable)', async () => {
    const b = browser();
    const authorization = new URL(await startLogin(b, PORTAL, '', { 'sec-fetch-dest': 'document' }));
    const callback = new URL(`${hearthUrl}/auth/callback`);
    callback.searchParams.set('state', authorization.searchParams.get('state')!);
    callback.searchParams.set('error', 'access_denied');
    callback.searchParams.set('iss', issuer);
    const res = await b.hearth(callback.href, { headers: { 'sec-fetch-dest': 'document' } });
    assert.equal(res.status, 401);
    const html = await res.text();
    assert.deepEqual(outcomeOf(html), { type: 'hearth-sign-in-failed', reason: 'failed' });
    assert.match(html, /did not sign you in \(access_denied\)/);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  });

  test('when the IdP ends the sign-in, the Hearth session ends within OIDC_SESSION_CHECK', async () => {
    const b = browser();
    await signIn(b, 'u-ben');
    const { body } = await token(b);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await me(body.token)).res.status, 200, 'the IdP still signs the person in');
    // The IdP session ends (as when it expires there): its refresh token is refused from now on.
    const idpSession = await provider.Session.find(b.idpJar.cookies.get('_session')!);
    assert.ok(idpSession, 'the IdP session');
    await idpSession.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { res, body: problem } = await me(body.token);
    assert.equal(res.status, 401, JSON.stringify(problem));
    const again = await token(b);
    assert.equal(again.res.status, 401);
    assert.equal(again.body.type, '/problems/sign-in-required');
  });

  test('no code, token or session id appears in the server log', () => {
    const log = logLines.join('');
    assert.ok(log.includes('/auth/callback'), 'the callback is logged');
    assert.ok(secrets.length > 10);
    for (const secret of secrets) assert.ok(!log.includes(secret), `the log holds ${secret.slice(0, 12)}…`);
  });
});

describe('AUTH_MODE=oidc settings', () => {
  test('each missing setting is named', () => {
    assert.throws(() => loadConfig({ AUTH_MODE: 'oidc' }), (error: Error) => {
      for (const key of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL']) assert.match(error.message, new RegExp(`${key}: AUTH_MODE=oidc needs`));
      assert.match(error.message, /OIDC_PRIVATE_KEY for private_key_jwt/);
      return true;
    });
  });

  test('PUBLIC_URL must be an https origin (http for loopback only); OIDC_SCOPES must hold openid', () => {
    const base = { AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://idp.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' };
    assert.throws(() => loadConfig({ ...base, PUBLIC_URL: 'http://hearth.example.com' }), /PUBLIC_URL: must be an https origin/);
    assert.throws(() => loadConfig({ ...base, PUBLIC_URL: 'https://hearth.example.com/app' }), /PUBLIC_URL/);
    assert.throws(() => loadConfig({ ...base, PUBLIC_URL: 'https://hearth.example.com', OIDC_SCOPES: 'profile email' }), /OIDC_SCOPES: must include openid/);
    assert.throws(() => loadConfig({ ...base, PUBLIC_URL: 'https://hearth.example.com', OIDC_PRIVATE_KEY: 'not a key' }), /OIDC_PRIVATE_KEY: must be a PEM private key/);
    const pem = clientKey.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    assert.throws(() => loadConfig({ ...base, PUBLIC_URL: 'https://hearth.example.com', OIDC_PRIVATE_KEY: pem }), /OIDC_PRIVATE_KEY: set OIDC_CLIENT_SECRET or OIDC_PRIVATE_KEY, not both/);
    const config = loadConfig({ ...base, PUBLIC_URL: 'https://hearth.example.com' });
    assert.equal(config.auth.signIn?.publicUrl, 'https://hearth.example.com');
    assert.equal(config.auth.signIn?.scopes, 'openid profile email');
    assert.equal(config.auth.signIn?.sessionLifetimeSeconds, 8 * 3600);
    assert.equal(config.auth.oidc, undefined);
  });

  test('an identity provider that answers wrongly stops start-up naming OIDC_ISSUER', async () => {
    const wrong = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(wrong.address() as AddressInfo).port}`;
    const wdb = await testDatabase();
    try {
      await migrate(wdb);
      const config = loadConfig({ AUTH_MODE: 'oidc', OIDC_ISSUER: url, OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', PUBLIC_URL: 'http://127.0.0.1:1', SERVE_DEMO: 'false' });
      await assert.rejects(createApp({ config, db: wdb, logger: pino({ level: 'silent' }) }), (error: Error) => {
        assert.match(error.message, /OIDC_ISSUER: the discovery document/);
        assert.ok(error.message.includes(`${url}/.well-known/openid-configuration`));
        return true;
      });
    } finally {
      await new Promise((resolve) => wrong.close(resolve));
      await wdb.drop();
    }
  });
});
