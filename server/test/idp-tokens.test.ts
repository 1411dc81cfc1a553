import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { rolesFromGroups } from '../src/auth/roles.ts';
import { isProblem, people, sign, testDatabase, TEST_SECRET, type Reply } from './helpers.ts';

const TENANT = '7f1c2a3b-0d4e-4f56-8a9b-0c1d2e3f4a5b';
const ADMIN_GROUP = 'b6f0e2a4-1c3d-4e5f-9a8b-7c6d5e4f3a2b';
const AUDIENCE = 'api://hearth';

/** What a failed test left open (servers, databases): closed at the end, so the run never hangs. */
const open = new Set<() => Promise<void>>();
after(() => Promise.all([...open].map((close) => close())));

/** `close`, registered in `open` until it has run. */
function closer(close: () => Promise<void>) {
  const once = async () => {
    if (!open.delete(once)) return;
    await close();
  };
  open.add(once);
  return once;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
  pem: string;
}

async function newKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }, pem: await exportSPKI(publicKey) };
}

/** A stand-in identity provider on 127.0.0.1: discovery and a JWKS whose keys a test changes. */
async function fakeIdp() {
  const state = {
    keys: [] as SigningKey[],
    jwksFetches: 0,
    /** Answer the key set with this status (e.g. 500) instead of the keys. */
    jwksStatus: 200,
    /** Answer discovery with this status (e.g. 503) instead of the document. */
    discoveryStatus: 200,
    /** The issuer the discovery document names (another one: a misconfigured OIDC_ISSUER). */
    discoveryIssuer: undefined as string | undefined,
  };
  const server: Server = createServer((req, res) => {
    if (req.url === '/tenant/v2.0/.well-known/openid-configuration' && state.discoveryStatus !== 200) {
      res.statusCode = state.discoveryStatus;
      res.end();
    } else if (req.url === '/tenant/v2.0/.well-known/openid-configuration') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer: state.discoveryIssuer ?? issuer, jwks_uri: `${origin}/tenant/discovery/v2.0/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/tenant/discovery/v2.0/keys') {
      state.jwksFetches++;
      res.statusCode = state.jwksStatus;
      res.setHeader('content-type', 'application/json');
      res.end(state.jwksStatus === 200 ? JSON.stringify({ keys: state.keys.map((k) => k.jwk) }) : '{"error":"down"}');
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${origin}/tenant/v2.0`;
  return {
    issuer,
    state,
    close: closer(() => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    })),
  };
}

/** An Entra ID v2.0 access token for Hearth's API, as AadHttpClient would send it. */
function entraToken(issuer: string, key: SigningKey, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    aud: AUDIENCE, iss: issuer, iat: now - 60, nbf: now - 60, exp: now + 3600,
    aio: 'opaque', azp: randomUUID(), azpacr: '0', idp: issuer,
    name: 'Erin Example', oid: randomUUID(), preferred_username: 'erin@contoso.example',
    rh: 'opaque', scp: 'access_as_user', sub: 'pairwise-subject', tid: TENANT, uti: 'x', ver: '2.0',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header })
    .sign(key.privateKey);
}

/** An unsigned or hand-signed JWT: what jose refuses to make. */
function rawToken(header: Record<string, unknown>, payload: Record<string, unknown>, signature: (input: string) => string) {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${signature(input)}`;
}

/** Hearth on a fresh database, signed mode with the test secret, and the IdP settings in `env`. */
async function startHearth(env: Record<string, string>) {
  const db = await testDatabase();
  await migrate(db);
  const base = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: TEST_SECRET, SERVE_DEMO: 'false', RATE_LIMITS: 'off', ...env });
  // Refetch keys for an unknown kid at once: the rotation test needs no 30 s wait.
  const config = base.auth.oidc ? { ...base, auth: { ...base.auth, oidc: { ...base.auth.oidc, jwksCooldownMs: 0, discoveryRetryMs: 0 } } } : base;
  let app;
  try {
    app = await createApp({ config, db, logger: pino({ level: 'silent' }) });
  } catch (error) {
    await db.drop();
    throw error;
  }
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    db,
    async me(token: string): Promise<Reply> {
      const res = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      const type = res.headers.get('content-type') ?? '';
      return { status: res.status, type, headers: res.headers, body: await res.json() };
    },
    async idpPeople(): Promise<number> {
      const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM people WHERE external_id LIKE 'oidc:%'");
      return row!.n;
    },
    close: closer(async () => {
      await (app.locals.shutdown as () => Promise<void>)();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.drop();
    }),
  };
}

const idpEnv = (issuer: string, more: Record<string, string> = {}) => ({
  OIDC_ISSUER: issuer,
  OIDC_API_AUDIENCE: AUDIENCE,
  OIDC_TENANT_ID: TENANT,
  AUTH_ADMIN_GROUPS: ADMIN_GROUP,
  AUTH_MANAGER_GROUPS: 'Hearth.CommunityManager',
  ...more,
});

describe('identity-provider access tokens', () => {
  let idp: Awaited<ReturnType<typeof fakeIdp>>;
  let hearth: Awaited<ReturnType<typeof startHearth>>;
  let key: SigningKey;

  before(async () => {
    idp = await fakeIdp();
    key = await newKey();
    idp.state.keys = [key];
    hearth = await startHearth(idpEnv(idp.issuer));
  });
  after(async () => {
    await hearth.close();
    await idp.close();
  });

  test('an Entra ID token is accepted without claim settings: the person is created from oid, name, preferred_username, with roles from groups and app roles', async () => {
    const oid = randomUUID();
    const token = await entraToken(idp.issuer, key, { oid, groups: [ADMIN_GROUP.toUpperCase(), 'another-group'], roles: ['Hearth.CommunityManager'] });
    const me = await hearth.me(token);
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.name, 'Erin Example');
    assert.equal(me.body.email, 'erin@contoso.example');
    assert.deepEqual([...me.body.roles].sort(), ['admin', 'community_manager', 'employee']);
    const [row] = await hearth.db.query<{ external_id: string }>('SELECT external_id FROM people WHERE id = $1', [me.body.id]);
    assert.equal(row!.external_id, `oidc:${oid}`, 'the stable oid, namespaced away from portal subs');

    // The same person again (another token, the pairwise sub unchanged) is the same row.
    const again = await hearth.me(await entraToken(idp.issuer, key, { oid }));
    assert.equal(again.body.id, me.body.id);
    assert.deepEqual(again.body.roles, ['employee'], 'roles follow the token: no group, no role');
  });

  test('portal-signed tokens still work beside IdP tokens, but may not claim an IdP person\'s sub', async () => {
    const alice = await hearth.me(await sign(people.alice));
    assert.equal(alice.status, 200);
    assert.equal(alice.body.name, 'Alice Andersen');
    const peopleBefore = await hearth.idpPeople();
    const forged = await hearth.me(await sign({ sub: `oidc:${randomUUID()}`, handle: 'mallory', name: 'Mallory' }));
    isProblem(forged, 401);
    assert.equal(await hearth.idpPeople(), peopleBefore);
  });

  test('bad IdP tokens are 401 problem+json and create no one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const otherKeyWithSameKid = { ...(await newKey(key.kid)) };
    const publicKeyBytes = Buffer.from(key.pem);
    const hmacWithPublicKey = (input: string) => createHmac('sha256', publicKeyBytes).update(input).digest('base64url');
    const entraPayload = {
      aud: AUDIENCE, iss: idp.issuer, iat: now - 60, nbf: now - 60, exp: now + 3600, oid: randomUUID(), tid: TENANT, name: 'Eve', groups: [ADMIN_GROUP],
    };
    const cases: [string, string, RegExp][] = [
      // Another issuer goes to the portal's HS256 verification, which refuses it.
      ['wrong issuer', await entraToken('https://login.microsoftonline.com/other/v2.0', key), /^your sign-in token is not valid$/],
      ['wrong audience', await entraToken(idp.issuer, key, { aud: 'api://another-app' }), /its aud claim/],
      ['wrong tenant', await entraToken(idp.issuer, key, { tid: randomUUID() }), /its tid claim/],
      ['no tenant', await entraToken(idp.issuer, key, { tid: undefined }), /its tid claim/],
      ['expired', await entraToken(idp.issuer, key, { iat: now - 7200, nbf: now - 7200, exp: now - 120 }), /expired/],
      ['not yet valid', await entraToken(idp.issuer, key, { nbf: now + 600 }), /its nbf claim/],
      ['unknown kid', await entraToken(idp.issuer, await newKey()), /its kid/],
      ['signed by another key under a known kid', await entraToken(idp.issuer, otherKeyWithSameKid), /its signature/],
      ['alg none', rawToken({ alg: 'none', typ: 'JWT', kid: key.kid }, entraPayload, () => ''), /its alg/],
      ['HS256 signed with the public key (alg confusion)', rawToken({ alg: 'HS256', typ: 'JWT', kid: key.kid }, entraPayload, hmacWithPublicKey), /its alg/],
      ['no person id', await entraToken(idp.issuer, key, { oid: undefined, sub: undefined }), /lacks oid or sub/],
      ['a lifetime over AUTH_MAX_TOKEN_LIFETIME', await entraToken(idp.issuer, key, { iat: now - 60, exp: now + 3 * 86_400 }), /lifetime/],
    ];
    const peopleBefore = await hearth.idpPeople();
    for (const [what, token, why] of cases) {
      const reply = await hearth.me(token);
      const problem = isProblem(reply, 401);
      assert.equal(problem.status, 401, what);
      assert.match(problem.detail ?? '', why, what);
      assert.match(reply.headers.get('www-authenticate') ?? '', /^Bearer/, what);
    }
    assert.equal(await hearth.idpPeople(), peopleBefore, 'no bad token created a person');
  });

  test('key rotation: a new kid is fetched when first seen; a key the IdP removed stops working once the keys are refetched', async () => {
    const old = await newKey();
    const rotated = await newKey();
    idp.state.keys = [key, old];
    const oid = randomUUID();
    assert.equal((await hearth.me(await entraToken(idp.issuer, old, { oid }))).status, 200, 'a kid published after start-up');

    idp.state.keys = [key, old, rotated];
    const fetches = idp.state.jwksFetches;
    assert.equal((await hearth.me(await entraToken(idp.issuer, rotated, { oid }))).status, 200, 'the new kid');
    assert.equal(idp.state.jwksFetches, fetches + 1, 'the unknown kid refetched the key set once');
    assert.equal((await hearth.me(await entraToken(idp.issuer, rotated, { oid }))).status, 200);
    assert.equal(idp.state.jwksFetches, fetches + 1, 'then the keys come from the cache');

    // The IdP retires `old`; a token with another unknown kid makes Hearth refetch and learn it.
    idp.state.keys = [key, rotated];
    isProblem(await hearth.me(await entraToken(idp.issuer, await newKey(), { oid })), 401);
    isProblem(await hearth.me(await entraToken(idp.issuer, old, { oid })), 401);
    assert.equal((await hearth.me(await entraToken(idp.issuer, rotated, { oid }))).status, 200);
  });
});

describe('identity-provider settings and outages', () => {
  test('an IdP that cannot be reached at start-up does not stop Hearth: its tokens are 503 problem+json until it answers; portal tokens work', async () => {
    const idp = await fakeIdp();
    const key = await newKey();
    idp.state.keys = [key];
    const issuer = idp.issuer;
    await idp.close();
    const hearth = await startHearth(idpEnv(issuer));
    try {
      const reply = await hearth.me(await entraToken(issuer, key));
      const problem = isProblem(reply, 503);
      assert.equal(problem.type, '/problems/unavailable');
      assert.match(problem.detail ?? '', /identity provider/);
      assert.equal(reply.headers.get('retry-after'), '10');
      assert.equal((await hearth.me(await sign(people.alice))).status, 200);
      assert.equal(await hearth.idpPeople(), 0);
    } finally {
      await hearth.close();
    }
  });

  test('an IdP whose discovery answers 503 at start-up: Hearth starts, its tokens are 503, and work once it recovers', async () => {
    const idp = await fakeIdp();
    const key = await newKey();
    idp.state.keys = [key];
    idp.state.discoveryStatus = 503;
    const hearth = await startHearth(idpEnv(idp.issuer));
    try {
      isProblem(await hearth.me(await entraToken(idp.issuer, key)), 503);
      idp.state.discoveryStatus = 200;
      assert.equal((await hearth.me(await entraToken(idp.issuer, key))).status, 200, 'discovery is retried on a later token');
    } finally {
      await hearth.close();
      await idp.close();
    }
  });

  test('a key set the IdP fails to serve is a 503, not a 401 or a 500', async () => {
    const idp = await fakeIdp();
    const key = await newKey();
    idp.state.keys = [key];
    idp.state.jwksStatus = 500;
    const hearth = await startHearth(idpEnv(idp.issuer));
    try {
      isProblem(await hearth.me(await entraToken(idp.issuer, key)), 503);
      idp.state.jwksStatus = 200;
      assert.equal((await hearth.me(await entraToken(idp.issuer, key))).status, 200, 'and it recovers when the IdP does');
    } finally {
      await hearth.close();
      await idp.close();
    }
  });

  test('an IdP whose discovery document names another issuer stops start-up, naming OIDC_ISSUER and the URL', async () => {
    const idp = await fakeIdp();
    idp.state.discoveryIssuer = 'https://login.microsoftonline.com/someone-else/v2.0';
    // The error start-up stops with (a Hearth that started anyway is closed, so the test ends).
    const startError = (env: Record<string, string>) => startHearth(env).then(async (started) => {
      await started.close();
      return undefined;
    }, (error: unknown) => error);
    try {
      const error = await startError(idpEnv(idp.issuer));
      assert.ok(error instanceof ConfigError, String(error));
      assert.match(error.message, /OIDC_ISSUER/);
      assert.ok(error.message.includes(`${idp.issuer}/.well-known/openid-configuration`), error.message);
      assert.match(String(await startError(idpEnv(idp.issuer.replace('/tenant/', '/nowhere/')))), /OIDC_ISSUER: .*answered HTTP 404/);
    } finally {
      await idp.close();
    }
  });

  test('another IdP: sub without oid, and the claim settings pick other claims', async () => {
    const idp = await fakeIdp();
    const key = await newKey();
    idp.state.keys = [key];
    const hearth = await startHearth({
      OIDC_ISSUER: idp.issuer,
      OIDC_API_AUDIENCE: `other-audience, ${AUDIENCE}`,
      OIDC_CLAIM_ID: 'employee_id',
      OIDC_CLAIM_NAME: 'display_name',
      OIDC_CLAIM_EMAIL: 'mail',
      OIDC_CLAIM_TITLE: 'title',
      OIDC_CLAIM_DEPARTMENT: 'dept',
      AUTH_EXECUTIVE_GROUPS: 'Leadership',
    });
    try {
      const generic = await hearth.me(await entraToken(idp.issuer, key, {
        oid: undefined, tid: undefined, employee_id: 'E-1234', display_name: 'Gabriel Generic', name: 'ignored', mail: 'gabriel@example.com',
        title: 'Director', dept: 'Finance', groups: ['leadership'],
      }));
      assert.equal(generic.status, 200, JSON.stringify(generic.body));
      assert.equal(generic.body.name, 'Gabriel Generic');
      assert.equal(generic.body.email, 'gabriel@example.com');
      assert.equal(generic.body.title, 'Director');
      assert.equal(generic.body.department, 'Finance');
      assert.deepEqual([...generic.body.roles].sort(), ['employee', 'executive']);
      const [row] = await hearth.db.query<{ external_id: string }>('SELECT external_id FROM people WHERE id = $1', [generic.body.id]);
      assert.equal(row!.external_id, 'oidc:E-1234');
      isProblem(await hearth.me(await entraToken(idp.issuer, key, { employee_id: undefined })), 401);
    } finally {
      await hearth.close();
      await idp.close();
    }

    // Without OIDC_CLAIM_ID and without oid: the standard sub.
    const plain = await fakeIdp();
    plain.state.keys = [key];
    const second = await startHearth({ OIDC_ISSUER: plain.issuer, OIDC_API_AUDIENCE: AUDIENCE });
    try {
      const reply = await second.me(await entraToken(plain.issuer, key, { oid: undefined, sub: 'okta-00u1abcd' }));
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      const [row] = await second.db.query<{ external_id: string }>('SELECT external_id FROM people WHERE id = $1', [reply.body.id]);
      assert.equal(row!.external_id, 'oidc:okta-00u1abcd');
    } finally {
      await second.close();
      await plain.close();
    }
  });
});

describe('roles from groups', () => {
  const config = { auth: { roleGroups: { admin: [ADMIN_GROUP, 'Hearth Admins'], community_manager: ['Hearth.CommunityManager'], executive: ['Leadership'] } } };

  test('group ids, names and app-role values give roles, case and spaces aside; other groups give none', () => {
    assert.deepEqual(rolesFromGroups([], config), []);
    assert.deepEqual(rolesFromGroups(['Engineering', 'hearth.communitymanager'], config), ['community_manager']);
    assert.deepEqual(rolesFromGroups([` ${ADMIN_GROUP.toUpperCase()} `, 'LEADERSHIP', 'Hearth Admins'], config), ['admin', 'executive']);
    assert.deepEqual(rolesFromGroups(['Hearth'], config), [], 'no partial matches');
    assert.deepEqual(rolesFromGroups(['', ' '], { auth: { roleGroups: { admin: [''], community_manager: [], executive: [] } } }), [], 'blank never matches');
  });
});
