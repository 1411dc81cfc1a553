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

  test('an empty variable counts as unset', () => {
    assert.equal(loadConfig({ PORT: '' }).port, 8080);
  });
});
