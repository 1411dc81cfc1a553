import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { isProblem, startApp, type TestApp } from './helpers.ts';

describe('signed mode with RS256: the portal signs with its private key, Hearth holds the public key', () => {
  let app: TestApp;
  let privateKey: CryptoKey;
  let publicPem: string;
  const claims = { name: 'Rita Santos', email: 'rita.santos@corp.example', title: 'Buyer', department: 'Procurement', roles: ['employee', 'community_manager'] };

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    publicPem = await exportSPKI(pair.publicKey);
    app = await startApp({ AUTH_JWT_SECRET: '', AUTH_JWT_PUBLIC_KEY: publicPem, AUTH_JWT_ISSUER: 'https://portal.corp.example', AUTH_JWT_AUDIENCE: 'hearth' });
  });
  after(() => app.close());

  const sign = (payload: Record<string, unknown>, options: { issuer?: string; audience?: string; key?: CryptoKey | Uint8Array; alg?: string } = {}) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: options.alg ?? 'RS256' })
      .setSubject('corp:rita')
      .setIssuer(options.issuer ?? 'https://portal.corp.example')
      .setAudience(options.audience ?? 'hearth')
      .setExpirationTime('5m')
      .sign(options.key ?? privateKey);

  test('a token from the portal is accepted, and first sight of its sub creates the person', async () => {
    const me = await app.call('GET', '/api/v1/me', { as: await sign(claims) });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.deepEqual(
      { handle: me.body.handle, name: me.body.name, title: me.body.title, department: me.body.department, roles: me.body.roles },
      { handle: 'rita.santos', name: 'Rita Santos', title: 'Buyer', department: 'Procurement', roles: ['employee', 'community_manager'] },
    );
  });

  test('a changed name in a later token updates the person, same handle', async () => {
    assert.equal((await app.call('GET', '/api/v1/me', { as: await sign(claims) })).body.name, 'Rita Santos');
    const me = await app.call('GET', '/api/v1/me', { as: await sign({ ...claims, name: 'Rita Santos-Lee' }) });
    assert.equal(me.body.name, 'Rita Santos-Lee');
    assert.equal(me.body.handle, 'rita.santos');
  });

  test('the wrong issuer or audience is refused', async () => {
    isProblem(await app.call('GET', '/api/v1/me', { as: await sign(claims, { issuer: 'https://evil.example' }) }), 401);
    isProblem(await app.call('GET', '/api/v1/me', { as: await sign(claims, { audience: 'someone-else' }) }), 401);
  });

  test('an HS256 token signed with the public key as its secret (algorithm confusion) is refused', async () => {
    const forged = await sign({ ...claims, roles: ['admin'] }, { alg: 'HS256', key: new TextEncoder().encode(publicPem) });
    isProblem(await app.call('GET', '/api/v1/me', { as: forged }), 401);
  });

  test('a token signed by another private key is refused', async () => {
    const other = await generateKeyPair('RS256');
    isProblem(await app.call('GET', '/api/v1/me', { as: await sign(claims, { key: other.privateKey }) }), 401);
  });
});

describe('the demo issuer', () => {
  test('is off unless AUTH_MODE=demo: no /demo/token in signed mode', async () => {
    const app = await startApp({ SERVE_DEMO: 'true' });
    try {
      const res = await app.call('GET', '/demo/token', { as: null });
      assert.equal(res.status, 404);
    } finally {
      await app.close();
    }
  });
});
