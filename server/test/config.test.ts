import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  test('defaults give the demo on PGlite at port 8080', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.auth.mode, 'demo');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.serveDemo, true);
  });

  test('a bad value stops start-up with a message naming the variable', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: Error) => e instanceof ConfigError && /PORT/.test(e.message));
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL: must be a postgres:\/\/ URL/);
    assert.throws(() => loadConfig({ AUTH_MODE: 'open' }), /AUTH_MODE/);
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  });

  test('signed mode needs a secret or a public key, and a short secret is refused', () => {
    assert.throws(() => loadConfig({ AUTH_MODE: 'signed' }), /AUTH_JWT_SECRET/);
    assert.throws(() => loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: 'short' }), /at least 32/);
    const config = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: 'x'.repeat(32) });
    assert.equal(config.serveDemo, false);
  });

  test('rate limits: on by default with the README defaults, each kind settable as windows like 30/10m,300/3h', () => {
    const defaults = loadConfig({}).rateLimits;
    assert.equal(defaults.enabled, true);
    assert.deepEqual(defaults.policies.post, [{ points: 30, seconds: 600 }, { points: 300, seconds: 10_800 }]);
    for (const kind of ['question', 'react', 'report', 'write', 'read'] as const) assert.ok(defaults.policies[kind].length > 0, kind);
    const set = loadConfig({ RATE_LIMIT_POST: '300/3h, 5/1m', RATE_LIMIT_READ: '100/30s', RATE_LIMITS: 'off' }).rateLimits;
    assert.deepEqual(set.policies.post, [{ points: 5, seconds: 60 }, { points: 300, seconds: 10_800 }], 'shortest window first');
    assert.deepEqual(set.policies.read, [{ points: 100, seconds: 30 }]);
    assert.equal(set.enabled, false);
  });

  test('a bad rate limit stops start-up with a message naming the variable and the syntax', () => {
    for (const bad of ['30', '30/10', '30/10x', 'ten/10m', '0/10m', '30/0m', '30/8d', '30/10m,40/10m', '1/1s,2/2s,3/3s,4/4s', '30/10m;300/3h']) {
      assert.throws(() => loadConfig({ RATE_LIMIT_POST: bad }), (e: Error) => e instanceof ConfigError && /RATE_LIMIT_POST: /.test(e.message), bad);
    }
    assert.throws(() => loadConfig({ RATE_LIMIT_QUESTION: '30' }), /RATE_LIMIT_QUESTION: must be one or more limits like 30\/10m,300\/3h/);
    assert.throws(() => loadConfig({ RATE_LIMITS: 'no' }), /RATE_LIMITS: must be on or off/);
  });

  test('an empty variable counts as unset', () => {
    assert.equal(loadConfig({ PORT: '' }).port, 8080);
  });

  test('the identity provider: off by default; issuer and audience together, claim defaults for Entra ID, role groups as lists', () => {
    const defaults = loadConfig({});
    assert.equal(defaults.auth.oidc, undefined);
    assert.deepEqual(defaults.auth.roleGroups, { admin: [], community_manager: [], executive: [] });
    const issuer = 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0';
    const config = loadConfig({
      OIDC_ISSUER: issuer,
      OIDC_API_AUDIENCE: 'api://hearth, 6e74172b-be56-4843-9ff4-e66a39bb12e3',
      OIDC_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      AUTH_ADMIN_GROUPS: ' b6f0e2a4-1c3d-4e5f-9a8b-7c6d5e4f3a2b ,Hearth Admins,',
      AUTH_MANAGER_GROUPS: 'Hearth.CommunityManager',
    });
    assert.equal(config.auth.oidc?.issuer, issuer);
    assert.deepEqual(config.auth.oidc?.audiences, ['api://hearth', '6e74172b-be56-4843-9ff4-e66a39bb12e3']);
    assert.deepEqual(config.auth.oidc?.claims, { id: undefined, name: 'name', email: undefined, title: 'jobTitle', department: 'department' });
    assert.deepEqual(config.auth.roleGroups, {
      admin: ['b6f0e2a4-1c3d-4e5f-9a8b-7c6d5e4f3a2b', 'Hearth Admins'], community_manager: ['Hearth.CommunityManager'], executive: [],
    });
    assert.equal(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000/idp', OIDC_API_AUDIENCE: 'x' }).auth.oidc?.issuer, 'http://127.0.0.1:9000/idp', 'http on loopback (tests)');
  });

  test('a bad identity-provider setting stops start-up naming the variable', () => {
    const issuer = 'https://idp.example.com/tenant/v2.0';
    const bad: [Record<string, string>, RegExp][] = [
      [{ OIDC_ISSUER: issuer }, /OIDC_API_AUDIENCE: OIDC_ISSUER needs OIDC_API_AUDIENCE/],
      [{ OIDC_API_AUDIENCE: 'api://hearth' }, /OIDC_ISSUER: OIDC_API_AUDIENCE is set, but OIDC_ISSUER/],
      [{ OIDC_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, /OIDC_ISSUER: OIDC_TENANT_ID is set/],
      [{ OIDC_ISSUER: 'login.microsoftonline.com', OIDC_API_AUDIENCE: 'a' }, /OIDC_ISSUER: must be a URL/],
      [{ OIDC_ISSUER: 'http://idp.example.com/tenant', OIDC_API_AUDIENCE: 'a' }, /OIDC_ISSUER: must be an https URL/],
      [{ OIDC_ISSUER: `${issuer}?x=1`, OIDC_API_AUDIENCE: 'a' }, /OIDC_ISSUER: must be an https URL without query/],
      [{ OIDC_ISSUER: issuer, OIDC_API_AUDIENCE: ' , ' }, /OIDC_API_AUDIENCE: must name at least one audience/],
      [{ OIDC_ISSUER: issuer, OIDC_API_AUDIENCE: 'a', OIDC_TENANT_ID: 'contoso.onmicrosoft.com' }, /OIDC_TENANT_ID: must be a tenant id/],
      [{ OIDC_ISSUER: issuer, OIDC_API_AUDIENCE: 'a', OIDC_CLAIM_ID: 'employee id' }, /OIDC_CLAIM_ID: must be the name of a claim/],
      [{ OIDC_ISSUER: issuer, OIDC_API_AUDIENCE: 'a', AUTH_JWT_ISSUER: issuer }, /AUTH_JWT_ISSUER: must differ from OIDC_ISSUER/],
    ];
    for (const [env, message] of bad) {
      assert.throws(() => loadConfig(env), (e: Error) => e instanceof ConfigError && message.test(e.message), JSON.stringify(env));
    }
  });
});
