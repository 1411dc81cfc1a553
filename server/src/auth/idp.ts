import {
  createRemoteJWKSet, customFetch, decodeJwt, errors, jwtVerify,
  type FetchImplementation, type JWTPayload, type JWTVerifyGetKey, type RemoteJWKSet,
} from 'jose';
import { z } from 'zod';
import type { Logger } from 'pino';
import { ConfigError, isLoopback, type Config } from '../config.ts';
import { UnauthenticatedError, UnavailableError } from '../features/errors.ts';
import { rolesFromGroups } from './roles.ts';
import { Claims, type TokenVerifier } from './tokens.ts';

type Oidc = NonNullable<Config['auth']['oidc']>;

/**
 * People who come with an identity-provider token are stored with this prefix before their id
 * (`oidc:<oid>`), so no IdP id can ever name a person the portal signs for, and a portal-signed
 * token cannot claim an IdP person's `sub` while OIDC_ISSUER is set.
 */
export const IDP_SUBJECT_PREFIX = 'oidc:';

/** The stored `sub` (people.external_id) of an identity-provider person. */
export const idpSubject = (id: string) => `${IDP_SUBJECT_PREFIX}${id}`;

/**
 * Asymmetric signatures only: an HS* token would be checked against whatever bytes stand in for
 * a secret (the public key, in the classic confusion attack), and `none` is no signature at all.
 */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
/** Seconds of clock skew allowed on exp and nbf between the IdP and this server. */
const CLOCK_TOLERANCE = 30;
const FETCH_TIMEOUT_MS = 5000;

/** The IdP did not answer, or answered with a server error: worth trying again later. */
class IdpUnreachable extends Error {
  override name = 'IdpUnreachable';
}

const Discovery = z.object({ issuer: z.string(), jwks_uri: z.url() });

/**
 * Accepts the company identity provider's access tokens for Hearth's API (OIDC_ISSUER,
 * OIDC_API_AUDIENCE) beside the portal-signed ones: a token whose (unverified) `iss` is the IdP's
 * is verified against the IdP's published keys, any other goes to `portal` unchanged.
 *
 * Discovery runs here, at start-up. An IdP that answers wrongly (no such document, another
 * issuer, no jwks_uri) is a setting to fix, so start-up stops with a ConfigError naming
 * OIDC_ISSUER and the URL. An IdP that does not answer (network, timeout, 5xx) only logs a
 * warning and discovery is retried on the first IdP token: an identity-provider outage must not
 * keep every instance from starting, when portal-signed tokens do not need it at all. Meanwhile
 * IdP tokens are answered 503, not 401: the client did nothing wrong and may retry.
 */
export async function withIdpTokens(portal: TokenVerifier, config: Pick<Config, 'auth'>, logger: Logger): Promise<TokenVerifier> {
  const oidc = config.auth.oidc;
  if (!oidc) return portal;
  const idp = idpVerifier(oidc, config, logger);
  await idp.start();
  return {
    async verify(token) {
      if (unverifiedIssuer(token) === oidc.issuer) return idp.verify(token);
      const claims = await portal.verify(token);
      if (claims.sub.startsWith(IDP_SUBJECT_PREFIX)) {
        throw new UnauthenticatedError(`a portal-signed token's sub may not start with "${IDP_SUBJECT_PREFIX}": that is where identity-provider people live`);
      }
      return claims;
    },
  };
}

function unverifiedIssuer(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

function idpVerifier(oidc: Oidc, config: Pick<Config, 'auth'>, logger: Logger) {
  const discoveryUrl = `${oidc.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let keys: JWTVerifyGetKey | undefined;
  let discovering: Promise<JWTVerifyGetKey> | undefined;
  let failedAt = 0;
  const overageWarned = new Set<string>();

  /** Fetch that reports every failure to reach the IdP, or a non-200, as IdpUnreachable. */
  const fetchIdp: FetchImplementation = async (url, init) => {
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      throw new IdpUnreachable(`${url} did not answer (${(error as Error).message})`, { cause: error });
    }
    if (response.status >= 500 || response.status === 429) throw new IdpUnreachable(`${url} answered ${response.status}`);
    return response;
  };

  async function discover(): Promise<JWTVerifyGetKey> {
    const response = await fetchIdp(discoveryUrl, {
      method: 'GET', redirect: 'manual', headers: new Headers({ accept: 'application/json' }), signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    const wrong = (why: string) => new ConfigError(`Invalid configuration:\n  OIDC_ISSUER: the discovery document ${discoveryUrl} ${why}`);
    if (response.status !== 200) throw wrong(`answered HTTP ${response.status} instead of 200 with JSON: is OIDC_ISSUER the issuer exactly (for Entra ID, https://login.microsoftonline.com/<tenant id>/v2.0)?`);
    const parsed = Discovery.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw wrong('is not an OpenID Connect discovery document with issuer and jwks_uri');
    if (parsed.data.issuer !== oidc.issuer) throw wrong(`names the issuer ${parsed.data.issuer}, which differs from OIDC_ISSUER (${oidc.issuer}); tokens carry the former`);
    const jwksUri = new URL(parsed.data.jwks_uri);
    if (jwksUri.protocol !== 'https:' && !(jwksUri.protocol === 'http:' && isLoopback(jwksUri.hostname))) {
      throw wrong(`gives a jwks_uri that is not https (${jwksUri.href})`);
    }
    const remote: RemoteJWKSet = createRemoteJWKSet(jwksUri, {
      timeoutDuration: FETCH_TIMEOUT_MS,
      cooldownDuration: oidc.jwksCooldownMs,
      cacheMaxAge: oidc.jwksCacheMaxAgeMs,
      [customFetch]: fetchIdp,
    });
    return async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        // No key for this kid (even after a refetch) is the token's fault; a key set that could
        // not be fetched or read is the IdP's.
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
        if (error instanceof IdpUnreachable || error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (error as Error | undefined)?.constructor === errors.JOSEError) {
          throw new IdpUnreachable(`the key set ${jwksUri.href}: ${(error as Error).message}`, { cause: error });
        }
        throw error;
      }
    };
  }

  /** The key resolver, discovering the IdP first if start-up could not. */
  async function resolver(): Promise<JWTVerifyGetKey> {
    if (keys) return keys;
    // Every request during an outage would otherwise wait for its own timeout.
    if (Date.now() - failedAt < oidc.discoveryRetryMs) throw unavailable();
    discovering ??= discover().finally(() => {
      discovering = undefined;
    });
    try {
      keys = await discovering;
      return keys;
    } catch (error) {
      failedAt = Date.now();
      logger.error({ err: error, discoveryUrl }, 'OIDC_ISSUER: the identity provider could not be discovered');
      throw unavailable();
    }
  }

  function unavailable() {
    return new UnavailableError(`the identity provider (${oidc.issuer}) cannot be reached to verify your token; try again shortly`);
  }

  const mapClaims = (payload: JWTPayload) => mapIdpClaims(payload, oidc.claims, config, logger, overageWarned);

  return {
    async start() {
      try {
        keys = await discover();
      } catch (error) {
        if (!(error instanceof IdpUnreachable)) throw error;
        failedAt = Date.now();
        logger.warn({ err: error, discoveryUrl }, 'OIDC_ISSUER: the identity provider cannot be reached; its tokens are answered 503 until it can');
      }
    },

    async verify(token: string): Promise<Claims> {
      const getKey = await resolver();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer: oidc.issuer,
          audience: oidc.audiences,
          algorithms: ALGORITHMS,
          requiredClaims: ['exp'],
          clockTolerance: CLOCK_TOLERANCE,
        }));
      } catch (error) {
        if (error instanceof IdpUnreachable) {
          logger.error({ err: error }, 'OIDC_ISSUER: the identity provider\'s keys could not be fetched');
          throw unavailable();
        }
        if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('your sign-in token has expired');
        if (error instanceof errors.JWTClaimValidationFailed) throw new UnauthenticatedError(`your sign-in token is not valid here (its ${error.claim} claim)`);
        // Why, in words an integrator can act on; nothing here is secret.
        if (error instanceof errors.JOSEAlgNotAllowed) throw new UnauthenticatedError('your sign-in token is not valid (its alg: only asymmetric signatures are accepted)');
        if (error instanceof errors.JWKSNoMatchingKey) throw new UnauthenticatedError('your sign-in token is not valid (its kid: no such key is published by the identity provider)');
        if (error instanceof errors.JWSSignatureVerificationFailed) throw new UnauthenticatedError('your sign-in token is not valid (its signature)');
        throw new UnauthenticatedError('your sign-in token is not valid');
      }
      if (oidc.tenantId && text(payload.tid)?.toLowerCase() !== oidc.tenantId.toLowerCase()) {
        throw new UnauthenticatedError('your sign-in token is not valid here (its tid claim: another tenant)');
      }
      const claims = mapClaims(payload);
      // As for portal tokens (tokens.ts): a long-lived token is a long-lived stolen session.
      const lifetime = claims.exp - (claims.iat ?? Date.now() / 1000);
      if (lifetime > config.auth.maxTokenLifetimeSeconds + 5) {
        throw new UnauthenticatedError(`your sign-in token's lifetime is longer than this server accepts (at most ${config.auth.maxTokenLifetimeSeconds} s)`);
      }
      return claims;
    },
  };
}

/**
 * An identity-provider token's claims (an access token's, or an ID token's at sign-in, auth/oidc.ts)
 * as the person they name: id, name, e-mail, title, department (OIDC_CLAIM_*), roles from groups.
 */
export function mapIdpClaims(
  payload: JWTPayload, claimNames: Oidc['claims'], config: Pick<Config, 'auth'>, logger: Logger, overageWarned = new Set<string>(),
): Claims {
  const id = claimNames.id ? text(payload[claimNames.id]) : text(payload.oid) ?? text(payload.sub);
  if (!id) throw new UnauthenticatedError(`your sign-in token lacks ${claimNames.id ?? 'oid or sub'}, the person's id`);
  if (id.length > 200 - IDP_SUBJECT_PREFIX.length) throw new UnauthenticatedError("your sign-in token's person id is too long");
  const emailClaims = claimNames.email ? [claimNames.email] : ['email', 'preferred_username', 'upn'];
  const email = emailClaims.map((c) => text(payload[c])).find((v) => v && v.length <= 320 && z.email().safeParse(v).success);
  const groups = [...strings(payload.roles), ...strings(payload.groups)];
  if (payload._claim_names && typeof payload._claim_names === 'object' && 'groups' in payload._claim_names && !overageWarned.has(id)) {
    // Entra ID sends a link instead of the groups when there are too many (over 200 in a JWT).
    if (overageWarned.size < 1000) overageWarned.add(id);
    logger.warn({ sub: idpSubject(id) }, 'an identity-provider token lists too many groups to carry them; its groups give no roles (use app roles instead)');
  }
  const claims = Claims.safeParse({
    sub: idpSubject(id),
    name: (text(payload[claimNames.name]) ?? email ?? id).slice(0, 200),
    ...(email ? { email } : {}),
    ...optional('title', text(payload[claimNames.title])),
    ...optional('department', text(payload[claimNames.department])),
    roles: rolesFromGroups(groups, config),
    exp: payload.exp,
    ...(typeof payload.iat === 'number' ? { iat: payload.iat } : {}),
  });
  if (!claims.success) throw new UnauthenticatedError(`your sign-in token lacks ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return claims.data;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed || undefined;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value.slice(0, 200) } as Record<K, string>) : {};
}
