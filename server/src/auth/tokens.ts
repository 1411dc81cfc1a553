import { errors, importSPKI, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import { z } from 'zod';
import { Role } from '@hearth/contracts';
import { UnauthenticatedError } from '../features/errors.ts';
import type { Config } from '../config.ts';

/** What a portal's signed token says about the person. Unknown roles are dropped, not fatal. */
export const Claims = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
  title: z.string().max(200).optional(),
  department: z.string().max(200).optional(),
  roles: z
    .array(z.string())
    .optional()
    .transform((roles) => (roles ?? []).filter((r): r is Role => Role.safeParse(r).success)),
  exp: z.number(),
  iat: z.number().optional(),
});
export type Claims = z.infer<typeof Claims>;

const CLOCK_TOLERANCE_S = 5;
/** How many verified tokens a process remembers (one per signed-in page, roughly). */
const VERIFIED_MAX = 50_000;

export interface TokenVerifier {
  verify(token: string): Promise<Claims>;
}

export async function createVerifier(auth: Config['auth']): Promise<TokenVerifier> {
  if (!auth.publicKey && !auth.secret) throw new Error('no key to verify tokens with: AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, or the demo secret');
  const maxLifetime = auth.maxTokenLifetimeSeconds;
  const key: Uint8Array | CryptoKey = auth.publicKey
    ? await importSPKI(auth.publicKey, 'RS256')
    : new TextEncoder().encode(auth.secret);
  const algorithms = auth.publicKey ? ['RS256'] : ['HS256'];
  /**
   * Tokens already verified, until they expire: a page's widgets send the same token with every
   * request, and checking its signature again (WebCrypto, about 0.1 ms of CPU) was the largest
   * cost of a request after the database's (bench:feed). What verification decides depends on
   * the token's bytes and the time only, and the time is checked again on every use. Bounded:
   * forgotten all at once when full, like the viewer cache (people/service.ts).
   */
  const verified = new Map<string, Claims>();
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (Date.now() / 1000 <= known.exp + CLOCK_TOLERANCE_S) return known;
        verified.delete(token);
      }
      const claims = await verifyOnce(token);
      if (verified.size >= VERIFIED_MAX) verified.clear();
      verified.set(token, claims);
      return claims;
    },
  };

  async function verifyOnce(token: string): Promise<Claims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_S,
        ...(auth.issuer ? { issuer: auth.issuer } : {}),
        ...(auth.audience ? { audience: auth.audience } : {}),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('your sign-in token has expired');
      throw new UnauthenticatedError('your sign-in token is not valid');
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success) throw new UnauthenticatedError(`your sign-in token lacks ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    // A token that lives for days is a stolen session that lasts days: refuse long lifetimes,
    // counted from when it was issued (or from now, when it does not say).
    const lifetime = claims.data.exp - (claims.data.iat ?? Date.now() / 1000);
    if (lifetime > maxLifetime + 5) {
      throw new UnauthenticatedError(`your sign-in token's lifetime is longer than this server accepts (at most ${maxLifetime} s)`);
    }
    return claims.data;
  }
}
