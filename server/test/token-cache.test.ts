/**
 * The verifier remembers tokens it verified (auth/tokens.ts): remembering must never accept what
 * verifying would refuse, an expired token or another token that looks like a known one.
 */
import { describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { createVerifier } from '../src/auth/tokens.ts';
import type { Config } from '../src/config.ts';

const secret = 'a-test-secret-of-at-least-thirty-two-bytes!';
const auth = { mode: 'signed', secret, maxTokenLifetimeSeconds: 3600 } as unknown as Config['auth'];
const sign = (exp: number, name = 'Rita') =>
  new SignJWT({ name }).setProtectedHeader({ alg: 'HS256' }).setSubject('portal:rita').setIssuedAt().setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));

describe('verified tokens remembered', () => {
  test('a remembered token is refused once it has expired, as a fresh one would be', async () => {
    const now = Date.now();
    mock.timers.enable({ apis: ['Date'], now });
    try {
      const verifier = await createVerifier(auth);
      const token = await sign(Math.floor(now / 1000) + 60);
      assert.equal((await verifier.verify(token)).name, 'Rita');
      assert.equal((await verifier.verify(token)).name, 'Rita');
      mock.timers.tick(30_000);
      assert.equal((await verifier.verify(token)).name, 'Rita');
      // Past expiry and the 5 s of clock tolerance.
      mock.timers.tick(36_000);
      await assert.rejects(verifier.verify(token), /expired/);
    } finally {
      mock.timers.reset();
    }
  });

  test('a known token with one character changed is verified, and refused', async () => {
    const verifier = await createVerifier(auth);
    const token = await sign(Math.floor(Date.now() / 1000) + 600);
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const other = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await assert.rejects(verifier.verify(other), /not valid/);
  });
});
