import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import * as client from 'openid-client';
import { decodeJwt, importPKCS8, SignJWT, type JWTPayload } from 'jose';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { DeactivatedError, UnauthenticatedError, UnavailableError } from '../features/errors.ts';
import type { PeopleService } from '../features/people/service.ts';
import { apiCors } from '../http/cors.ts';
import { badRequest, HttpError, knownError } from '../http/problem.ts';
import { demoSecret } from './demo.ts';
import { mapIdpClaims, withIdpTokens } from './idp.ts';
import { sessionsRepo, type PendingLogin } from './sessions-repo.ts';
import { createVerifier, type TokenVerifier } from './tokens.ts';

type SignIn = NonNullable<Config['auth']['signIn']>;

export const SESSION_COOKIE = 'hearth_session';
/**
 * The session a portal page (or an /embed frame on it) got by handing in the popup's one-time
 * code: a Partitioned cookie, kept under the portal's site, which browsers that block
 * third-party cookies still send from that site (CHIPS).
 */
export const PORTAL_COOKIE = 'hearth_portal_session';
/** How long the popup's one-time code may wait for the portal page to hand it in. */
const HANDOFF_SECONDS = 2 * 60;
const LOGIN_COOKIE = 'hearth_login';
/** How long a started sign-in may take at the identity provider. */
const LOGIN_SECONDS = 10 * 60;
/** The life of a token /auth/token hands out: short, the widgets renew it. */
const TOKEN_SECONDS = 5 * 60;
/** A token's session is known to be live for this long without asking the database again. */
const LIVE_CACHE_MS = 15_000;
const FETCH_TIMEOUT_SECONDS = 5;
/** The claim that binds a Hearth sign-in token to the portal origin it was issued to. */
export const ORIGIN_CLAIM = 'hearth_origin';
/** The claim naming the token's session (the hash of its id, not the id). */
const SESSION_CLAIM = 'hearth_sid';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const randomKey = () => randomBytes(32).toString('base64url');

/**
 * The last page of a sign-in: tells the page that started it (the popup's opener, or the hidden
 * frame's parent) how it went, to that page's origin only; a popup that signed in closes. Opened
 * by hand (no opener), a success goes to Hearth's home page.
 */
const FINISH_SCRIPT = `const d=document.documentElement.dataset,m=JSON.parse(d.message),w=d.silent?parent:opener;` +
  `if(w&&w!==window&&d.origin){w.postMessage(m,d.origin);if(!d.silent&&m.type==='hearth-signed-in')close();}else if(m.type==='hearth-signed-in'){location.replace('/');}`;
const finishCsp = (frameAncestors: string) =>
  `default-src 'none'; script-src 'sha256-${createHash('sha256').update(FINISH_SCRIPT).digest('base64')}'; base-uri 'none'; frame-ancestors ${frameAncestors}; form-action 'none'`;

/** What a sign-in's last page posts to the page that started it. */
type Outcome =
  | { type: 'hearth-signed-in'; handoff?: string }
  | { type: 'hearth-sign-in-failed'; reason: 'unavailable' | 'deactivated' | 'login-required' | 'failed' };

/**
 * AUTH_MODE=oidc: Hearth is an OpenID Connect relying party of the company's identity provider
 * (openid-client). A person signs in in a popup the widgets open (`/auth/login`), the callback
 * makes a Hearth session (cookie `hearth_session`, path /auth), and the widgets' token URL
 * (`POST /auth/token`) turns the session into short-lived Hearth tokens for the API, bound to the
 * portal origin that asked.
 */
export async function oidcSignIn({ config, db, people, logger }: { config: Config; db: Db; people: PeopleService; logger: Logger }) {
  const signIn = config.auth.signIn;
  if (!signIn) throw new Error('AUTH_MODE=oidc without its settings');
  const repo = sessionsRepo(db);
  const secret = new TextEncoder().encode(await demoSecret(db, config.dataDir));
  const own = signIn.publicUrl;
  const redirectUri = `${own}/auth/callback`;
  const origins = new Set([own, ...config.allowedOrigins]);
  const loopbackHttp = own.startsWith('http:');
  const live = new Map<string, number>();
  // A session the identity provider ended is noticed within OIDC_SESSION_CHECK (when shorter).
  const liveCacheMs = signIn.sessionCheckSeconds ? Math.min(LIVE_CACHE_MS, signIn.sessionCheckSeconds * 1000) : LIVE_CACHE_MS;
  const idp = discovery(signIn, logger);
  await idp.start();

  const sessionVerifier = await createVerifier({
    ...config.auth, secret: new TextDecoder().decode(secret), publicKey: undefined, issuer: own, audience: own, maxTokenLifetimeSeconds: TOKEN_SECONDS,
  });

  const cookieOptions = (path: string, sameSite: 'lax' | 'none') => ({
    httpOnly: true,
    path,
    // Browsers drop SameSite=None without Secure, and http is allowed only on a loopback host.
    secure: !loopbackHttp,
    sameSite: loopbackHttp ? 'lax' as const : sameSite,
  });

  function allowedOrigin(origin: unknown): string | undefined {
    return typeof origin === 'string' && origins.has(origin) ? origin : undefined;
  }

  const signInUrl = (origin: string) => `${own}/auth/login?origin=${encodeURIComponent(origin)}`;

  const router = Router();

  router.get('/login', async (req, res) => {
    const origin = allowedOrigin(req.query.origin);
    if (!origin) throw badRequest(`origin must be a portal origin in ALLOWED_ORIGINS, or ${own}`);
    // prompt=none: a hidden frame tries to sign in without showing anything (same-site portals).
    const silent = req.query.prompt === 'none';
    res.locals.login = { origin, silent };
    const idpConfig = await idp.configuration();
    const login: PendingLogin = { state: client.randomState(), nonce: client.randomNonce(), code_verifier: client.randomPKCECodeVerifier(), origin, silent };
    const key = randomKey();
    await repo.addLogin(sha256(key), login, LOGIN_SECONDS);
    const url = client.buildAuthorizationUrl(idpConfig, {
      redirect_uri: redirectUri,
      scope: signIn.scopes,
      state: login.state,
      nonce: login.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(login.code_verifier),
      code_challenge_method: 'S256',
      ...(silent ? { prompt: 'none' } : {}),
    });
    res.cookie(LOGIN_COOKIE, key, { ...cookieOptions('/auth/callback', 'lax'), maxAge: LOGIN_SECONDS * 1000 });
    res.set('Cache-Control', 'no-store').redirect(303, url.href);
  });

  router.get('/callback', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const query = new URL(req.originalUrl, own).search;
    // From here on the request's URL is without its query: no error answer's `instance` and no log
    // line carries the authorization code.
    req.originalUrl = req.originalUrl.split('?')[0]!;
    const key = readCookie(req, LOGIN_COOKIE);
    res.clearCookie(LOGIN_COOKIE, cookieOptions('/auth/callback', 'lax'));
    const login = key ? await repo.takeLogin(sha256(key)) : undefined;
    if (!login) throw badRequest('no sign-in is under way in this browser, or it expired or was already used: start again');
    res.locals.login = login;
    if (req.query.state !== login.state) throw badRequest('the state does not match the sign-in this browser started: start again');
    const idpConfig = await idp.configuration();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(idpConfig, new URL(`${redirectUri}${query}`), {
        pkceCodeVerifier: login.code_verifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw signInFailed(error);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new HttpError(401, 'sign-in-failed', 'Sign-in failed', 'the identity provider sent no ID token');
    let profile: JWTPayload = {};
    if (tokens.access_token && idpConfig.serverMetadata().userinfo_endpoint) {
      try {
        profile = await client.fetchUserInfo(idpConfig, tokens.access_token, idClaims.sub) as JWTPayload;
      } catch (error) {
        logger.warn({ err: redactError(error) }, 'OIDC: the userinfo endpoint did not answer; signing in with the ID token\'s claims only');
      }
    }
    // The ID token's claims win: they are signed, and carry the groups (Entra ID).
    const claims = mapIdpClaims({ ...profile, ...idClaims } as JWTPayload, signIn.claims, config, logger);
    const viewer = await people.viewerFor(claims);
    const id = randomKey();
    // The person's row decides, not a viewer remembered from before a deactivation (SCIM).
    const stored = await repo.addSession(sha256(id), {
      personId: viewer.id,
      seconds: signIn.sessionLifetimeSeconds,
      idpSid: typeof idClaims.sid === 'string' ? idClaims.sid : null,
      // Not kept: the identity provider's sign-out is asked for by client_id, not with the ID
      // token in a URL (where it would reach the browser's history and the provider's logs).
      idToken: null,
      // Kept on the server only, to ask the identity provider now and then whether the sign-in
      // there still stands (OIDC_SESSION_CHECK).
      refreshToken: tokens.refresh_token ?? null,
    });
    if (!stored) throw new DeactivatedError('your account is deactivated: ask your administrator to reactivate it');
    res.cookie(SESSION_COOKIE, id, { ...cookieOptions('/auth', 'none'), maxAge: signIn.sessionLifetimeSeconds * 1000 });
    // The page that opened the popup may be where this cookie is a third-party one, which the
    // browser may not send from there: it gets a one-time code to hand in for a session of its own.
    let handoff: string | undefined;
    if (!login.silent) {
      handoff = randomKey();
      await repo.addHandoff(sha256(handoff), sha256(id), login.origin, HANDOFF_SECONDS);
    }
    finish(res, login, { type: 'hearth-signed-in', ...(handoff ? { handoff } : {}) }, 'Signed in', 'You are signed in to Hearth. You may close this window.');
  });

  /**
   * A sign-in that failed in the popup or the hidden frame: a page that says why (the problem's
   * words) and tells the page that started it, so its widgets say so too. Fetches get problem+json.
   */
  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    const login = res.locals.login as Pick<PendingLogin, 'origin' | 'silent'> | undefined;
    const known = knownError(error);
    // A page the browser shows (a navigation, in the popup or the frame; Accept for browsers
    // without Sec-Fetch-Dest), not a script's fetch, which gets problem+json.
    const dest = req.get('sec-fetch-dest');
    const shown = dest ? dest === 'document' || dest === 'iframe' : (req.get('accept') ?? '').includes('text/html');
    if (!known || !login || !shown || res.headersSent) return next(error);
    const reason = login.silent ? 'login-required'
      : known.status === 503 ? 'unavailable'
      : known.slug === 'account-deactivated' ? 'deactivated'
      : 'failed';
    res.status(known.status);
    for (const [name, value] of Object.entries(known.headers ?? {})) res.setHeader(name, value);
    finish(res, login, { type: 'hearth-sign-in-failed', reason }, known.title, known.detail ?? known.title);
  });

  /** The sign-in's last page (FINISH_SCRIPT), in the popup or the hidden frame. */
  function finish(res: Response, login: Pick<PendingLogin, 'origin' | 'silent'>, outcome: Outcome, title: string, text: string) {
    res.set('Cache-Control', 'no-store')
      // The callback's URL holds the authorization code: no page this one goes on to may see it.
      .set('Referrer-Policy', 'no-referrer')
      .set('Content-Security-Policy', finishCsp(login.silent ? login.origin : "'none'"))
      .type('html')
      .send(
        `<!doctype html><html lang="en" data-origin="${escapeHtml(login.origin)}" data-message="${escapeHtml(JSON.stringify(outcome))}"` +
        `${login.silent ? ' data-silent="1"' : ''}><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
        `<p>${escapeHtml(text.charAt(0).toUpperCase() + text.slice(1))}</p><script>${FINISH_SCRIPT}</script></html>`,
      );
  }

  const cors = apiCors(config.allowedOrigins);

  /** The Origin of a credentialed call, which must be a portal's (or Hearth's own). */
  function callerOrigin(req: Request): string {
    const origin = req.get('origin');
    if (!origin) throw badRequest('the Origin header is missing: tokens are issued to a portal origin');
    if (!allowedOrigin(origin)) throw new HttpError(403, 'forbidden', 'Not allowed', `${origin} is not in ALLOWED_ORIGINS`);
    return origin;
  }

  /** The portal session's cookie: Partitioned where browsers allow it (https). */
  const portalCookie = () => ({ ...cookieOptions('/auth', 'none'), ...(loopbackHttp ? {} : { partitioned: true }) });

  /** The live session of the cookie, and the person; undefined when it ended (here or at the IdP). */
  async function liveSession(id: string) {
    const person = await repo.sessionPerson(sha256(id));
    if (!person) return undefined;
    if (person.active && !(await idpStillSignedIn(sha256(id)))) return undefined;
    return { id, person };
  }

  router.post('/token', cors, express.json({ limit: '2kb' }), async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const origin = callerOrigin(req);
    const handoff: unknown = (req.body as { handoff?: unknown } | undefined)?.handoff;
    let session: Awaited<ReturnType<typeof liveSession>>;
    if (handoff !== undefined) {
      if (typeof handoff !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(handoff)) throw badRequest('handoff must be the code the sign-in window gave this page');
      const id = randomKey();
      if (!(await repo.takeHandoff(sha256(handoff), origin, sha256(id)))) {
        throw badRequest('this sign-in code is unknown, already used, expired or meant for another page: sign in again');
      }
      res.cookie(PORTAL_COOKIE, id, { ...portalCookie(), maxAge: signIn.sessionLifetimeSeconds * 1000 });
      session = await liveSession(id);
    } else {
      for (const name of [SESSION_COOKIE, PORTAL_COOKIE]) {
        const id = readCookie(req, name);
        session = id ? await liveSession(id) : undefined;
        if (session) break;
      }
    }
    if (session && !session.person.active) {
      await repo.removeSession(sha256(session.id));
      throw new DeactivatedError('your account is deactivated: ask your administrator to reactivate it');
    }
    if (!session) {
      // Without the identity provider no one can sign in: say so rather than offer a dead button.
      if (!idp.current()) await idp.configuration();
      // Same site as Hearth (Sec-Fetch-Site, set by the browser): a hidden frame can sign the
      // person in without a click when they have a session at the identity provider.
      const site = req.get('sec-fetch-site');
      const silent: Record<string, string> = site === 'same-site' || site === 'same-origin' ? { silentSignInUrl: `${signInUrl(origin)}&prompt=none` } : {};
      throw new HttpError(401, 'sign-in-required', 'Sign-in needed', 'sign in with your company account', undefined, undefined, { signInUrl: signInUrl(origin), ...silent });
    }
    const { id, person } = session;
    const sessionEnds = new Date(person.session_expires_at).getTime();
    const expiresAt = new Date(Math.min(Date.now() + TOKEN_SECONDS * 1000, sessionEnds));
    const token = await new SignJWT({
      name: person.name,
      ...(person.email ? { email: person.email } : {}),
      ...(person.title ? { title: person.title } : {}),
      ...(person.department ? { department: person.department } : {}),
      roles: person.roles,
      [ORIGIN_CLAIM]: origin,
      [SESSION_CLAIM]: sha256(id),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(own)
      .setAudience(own)
      .setSubject(person.external_id)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(secret);
    res.json({ token, expiresAt: expiresAt.toISOString() });
  });

  router.post('/logout', cors, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    callerOrigin(req);
    let ended: { id_token: string | null } | undefined;
    for (const name of [SESSION_COOKIE, PORTAL_COOKIE]) {
      const id = readCookie(req, name);
      if (!id) continue;
      ended = (await repo.removeSession(sha256(id))) ?? ended;
    }
    // Other sessions of the family may be cached as live on this instance: forget them all.
    live.clear();
    res.clearCookie(SESSION_COOKIE, cookieOptions('/auth', 'none'));
    res.clearCookie(PORTAL_COOKIE, portalCookie());
    let endSessionUrl: string | null = null;
    const idpConfig = idp.current();
    if (ended && idpConfig?.serverMetadata().end_session_endpoint) {
      endSessionUrl = client.buildEndSessionUrl(idpConfig, { client_id: signIn.clientId, post_logout_redirect_uri: `${own}/` }).href;
    }
    res.json({ endSessionUrl });
  });

  router.options(['/token', '/logout'], cors);

  return {
    router,
    /**
     * The API's verifier: Hearth's own sign-in tokens (issuer PUBLIC_URL, of a session still
     * live), else the portal's and the identity provider's as in the other modes.
     */
    async verifier(): Promise<TokenVerifier> {
      const portal: TokenVerifier = config.auth.secret || config.auth.publicKey
        ? await createVerifier(config.auth)
        : { verify: () => Promise.reject(new UnauthenticatedError('sign in with your company account (POST /auth/token)')) };
      const others = await withIdpTokens(portal, config, logger);
      return {
        async verify(token) {
          let payload: JWTPayload;
          try {
            payload = decodeJwt(token);
          } catch {
            throw new UnauthenticatedError('your sign-in token is not valid');
          }
          if (payload.iss !== own) return others.verify(token);
          const claims = await sessionVerifier.verify(token);
          const session = payload[SESSION_CLAIM];
          if (typeof session !== 'string' || !(await isLive(session))) throw new UnauthenticatedError('your sign-in has ended: sign in again');
          return claims;
        },
      };
    },
  };

  /**
   * Whether the person's sign-in at the identity provider still stands, asked at most once per
   * OIDC_SESSION_CHECK per sign-in (across instances) with a refresh-token grant. A refusal
   * (invalid_grant: the IdP session ended or the account was disabled) ends the whole family; an
   * identity provider that does not answer ends nothing.
   */
  async function idpStillSignedIn(sessionHash: string): Promise<boolean> {
    if (!signIn!.sessionCheckSeconds) return true;
    const idpConfig = idp.current();
    if (!idpConfig) return true;
    const due = await repo.claimIdpCheck(sessionHash, signIn!.sessionCheckSeconds);
    if (!due) return true;
    try {
      const tokens = await client.refreshTokenGrant(idpConfig, due.refreshToken);
      if (tokens.refresh_token && tokens.refresh_token !== due.refreshToken) await repo.setRefreshToken(due.family, tokens.refresh_token);
      return true;
    } catch (error) {
      if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
        await repo.removeFamily(due.family);
        logger.info('OIDC: the identity provider no longer signs this person in; their Hearth session ended');
        return false;
      }
      logger.warn({ err: redactError(error) }, 'OIDC: could not ask the identity provider whether a sign-in still stands; the session stays');
      return true;
    }
  }

  async function isLive(session: string): Promise<boolean> {
    const at = live.get(session);
    if (at && Date.now() - at < liveCacheMs) return true;
    if (!(await repo.isLive(session)) || !(await idpStillSignedIn(session))) {
      live.delete(session);
      return false;
    }
    if (live.size >= 10_000) live.clear();
    live.set(session, Date.now());
    return true;
  }
}

/**
 * A Hearth sign-in token is good only from the origin it was issued to: a request whose Origin
 * header names another origin is refused. (Browsers send Origin on every cross-origin request; a
 * request without one, same-origin or not from a browser, is not checked.)
 */
export function checkBoundOrigin(token: string, origin: string | undefined) {
  let bound: unknown;
  try {
    bound = decodeJwt(token)[ORIGIN_CLAIM];
  } catch {
    return;
  }
  if (typeof bound === 'string' && origin !== undefined && origin !== bound) {
    throw new UnauthenticatedError('your sign-in token was issued to another origin');
  }
}

/** Discovery at start-up as auth/idp.ts does it: a wrong answer stops start-up, no answer is retried. */
function discovery(signIn: SignIn, logger: Logger) {
  const issuer = new URL(signIn.issuer);
  const discoveryUrl = `${signIn.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let current: client.Configuration | undefined;
  let failedAt = 0;

  async function discover(): Promise<client.Configuration> {
    const auth = signIn.privateKey ? client.PrivateKeyJwt(await privateKey(signIn.privateKey)) : client.ClientSecretPost(signIn.clientSecret);
    try {
      return await client.discovery(issuer, signIn.clientId, undefined, auth, {
        timeout: FETCH_TIMEOUT_SECONDS,
        ...(issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
      });
    } catch (error) {
      if (unreachable(error)) throw error;
      throw new ConfigError(`Invalid configuration:\n  OIDC_ISSUER: the discovery document ${discoveryUrl} could not be used (${(error as Error).message}): is OIDC_ISSUER the issuer exactly?`);
    }
  }

  return {
    async start() {
      try {
        current = await discover();
      } catch (error) {
        if (error instanceof ConfigError) throw error;
        failedAt = Date.now();
        logger.warn({ err: error, discoveryUrl }, 'OIDC_ISSUER: the identity provider cannot be reached; sign-in answers 503 until it can');
      }
    },
    current: () => current,
    async configuration(): Promise<client.Configuration> {
      if (current) return current;
      if (Date.now() - failedAt < 10_000) throw unavailable();
      try {
        current = await discover();
        return current;
      } catch (error) {
        failedAt = Date.now();
        logger.error({ err: error, discoveryUrl }, 'OIDC_ISSUER: the identity provider could not be discovered');
        throw unavailable();
      }
    },
  };

  function unavailable() {
    return new UnavailableError(`the identity provider (${signIn.issuer}) cannot be reached to sign you in; try again shortly`);
  }
}

/** OIDC_PRIVATE_KEY as a signing key: RS256 for RSA, ES256 for EC P-256, EdDSA for Ed25519. */
async function privateKey({ pem, kid }: { pem: string; kid: string | undefined }): Promise<client.PrivateKey> {
  let alg: string;
  try {
    const key = createPrivateKey(pem);
    const type = key.asymmetricKeyType;
    alg = type === 'rsa' ? 'RS256' : type === 'ed25519' ? 'EdDSA' : type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? 'ES256' : '';
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  OIDC_PRIVATE_KEY: cannot be read (${(error as Error).message})`);
  }
  if (!alg) throw new ConfigError('Invalid configuration:\n  OIDC_PRIVATE_KEY: must be an RSA, EC P-256 or Ed25519 key');
  return { key: await importPKCS8(pem, alg, { extractable: false }), ...(kid ? { kid } : {}) };
}

function unreachable(error: unknown): boolean {
  const e = error as { name?: string; cause?: unknown; status?: number; code?: string };
  return e instanceof TypeError || e.name === 'TimeoutError' || e.name === 'AbortError'
    || (typeof e.cause === 'object' && e.cause !== null && (e.cause as { status?: number }).status! >= 500);
}

/** The identity provider's answer did not sign the person in: why, without the code or tokens. */
function signInFailed(error: unknown): HttpError {
  if (error instanceof client.AuthorizationResponseError) {
    return new HttpError(401, 'sign-in-failed', 'Sign-in failed', `the identity provider did not sign you in (${error.error})`);
  }
  if (error instanceof TypeError || (error as Error).name === 'TimeoutError') {
    return new HttpError(503, 'unavailable', 'Temporarily unavailable', 'the identity provider cannot be reached; try again shortly', undefined, { 'Retry-After': '10' });
  }
  // openid-client's checks (issuer, audience, nonce, signature, PKCE) and the token endpoint's refusals.
  return new HttpError(401, 'sign-in-failed', 'Sign-in failed', `the identity provider's answer could not be accepted (${(error as Error).message})`);
}

function redactError(error: unknown) {
  return { name: (error as Error).name, message: (error as Error).message };
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of req.get('cookie')?.split(';') ?? []) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      const value = v.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * pino-http's request log without secrets: the query of /auth/callback (the authorization code)
 * and the cookies Hearth sets. (logger.ts already redacts the Authorization and Cookie headers.)
 */
export const logSerializers = {
  req(req: { url?: string; query?: unknown; headers?: Record<string, unknown> }) {
    // A page opened from the callback (before Referrer-Policy, or by an old browser) names it as referer.
    const referer = req.headers?.referer;
    if (typeof referer === 'string' && referer.includes('/auth/callback?')) {
      req = { ...req, headers: { ...req.headers, referer: `${referer.split('?')[0]}?[redacted]` } };
    }
    if (req.url?.startsWith('/auth/callback')) return { ...req, url: '/auth/callback?[redacted]', query: undefined };
    return req;
  },
  res(res: { headers?: Record<string, unknown> }) {
    if (!res.headers || !('set-cookie' in res.headers)) return res;
    return { ...res, headers: { ...res.headers, 'set-cookie': '[redacted]' } };
  },
};
