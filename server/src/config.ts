import { z } from 'zod';
import { DEFAULT_RATE_LIMITS, RATE_LIMIT_KINDS, parseWindows, type RateLimitKind, type RateWindow } from './features/limits/policy.ts';
import { DEFAULT_PROXY_HEADERS, parseProxyAddress, type ProxyAddress } from './auth/proxy.ts';

const PORT_MESSAGE = 'must be a port number from 0 to 65535';
const Port = z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65_535, PORT_MESSAGE);
const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const DURATION_MESSAGE = 'must be seconds, or a number followed by s, m, h or d (e.g. 24h)';
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
/** Seconds: `86400`, `90m`, `24h`, `7d`. */
const Duration = z
  .string()
  .regex(/^\d+[smhd]?$/, DURATION_MESSAGE)
  .transform((v) => Number.parseInt(v, 10) * (UNIT_SECONDS[v.at(-1)!] ?? 1))
  .pipe(z.number().int().min(60, 'must be at least 60 seconds').max(365 * 86_400, 'must be at most 365 days'));

/** `30/10m,300/3h`: the windows of one kind of request (features/limits/policy.ts). */
const RateWindows = z.string().transform((value, ctx): RateWindow[] => {
  const parsed = parseWindows(value);
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed.windows;
});

/** `a, b,c`: the non-empty items of a comma-separated list. */
const List = z.string().transform((s) => s.split(',').map((item) => item.trim()).filter(Boolean));
/** The name of a token claim, e.g. `oid` or `extension_department`. */
const ClaimName = z.string().regex(/^[^\s,]{1,200}$/, 'must be the name of a claim, e.g. oid');

/** An HTTP header's name (RFC 9110 token), compared in lower case as Node gives them. */
const HeaderName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'must be an HTTP header name such as X-Forwarded-User')
  .transform((name) => name.toLowerCase());

/** 127.0.0.0/8, ::1 (bracketed or not, IPv4-mapped too) and localhost. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

const Env = z
  .object({
    PORT: Port.default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** PostgreSQL connection string; when absent the embedded PGlite in DATA_DIR is used. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    /**
     * `demo`: seeded people and a built-in token issuer for the demo page. `signed`: the portal signs.
     * `proxy`: an SSO proxy in front of Hearth names the person in headers (AUTH_PROXY_*).
     */
    AUTH_MODE: z.enum(['demo', 'signed', 'proxy', 'oidc']).default('demo'),
    /** HS256 shared secret (at least 32 characters). */
    AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** RS256 public key (PEM, SPKI). */
    AUTH_JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
    AUTH_JWT_ISSUER: z.string().min(1).optional(),
    AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
    /**
     * The longest lifetime a signed token may have (exp - iat, or exp - now without iat): seconds,
     * or a number with s, m, h or d. Longer-lived tokens are refused, stolen ones expire soon.
     */
    AUTH_MAX_TOKEN_LIFETIME: Duration.default(24 * 3600),
    /**
     * AUTH_MODE=proxy: the SSO proxies' addresses (comma-separated IPs or CIDR subnets, IPv4 or
     * IPv6). Only requests whose TCP peer is one of them may name a person in the headers below.
     */
    AUTH_PROXY_ADDRESSES: z.string().transform((value, ctx): ProxyAddress[] => {
      const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
      if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one address or subnet, e.g. 10.0.0.5 or 10.0.0.0/24' });
      const parsed = entries.map(parseProxyAddress);
      for (const p of parsed) if ('error' in p) ctx.addIssue({ code: 'custom', message: p.error });
      return parsed.filter((p): p is ProxyAddress => !('error' in p));
    }).optional(),
    /** The proxy's headers (oauth2-proxy's names by default): the stable user id, name, e-mail, groups. */
    AUTH_PROXY_USER_HEADER: HeaderName.default(DEFAULT_PROXY_HEADERS.user),
    AUTH_PROXY_NAME_HEADER: HeaderName.default(DEFAULT_PROXY_HEADERS.name),
    AUTH_PROXY_EMAIL_HEADER: HeaderName.default(DEFAULT_PROXY_HEADERS.email),
    AUTH_PROXY_GROUPS_HEADER: HeaderName.default(DEFAULT_PROXY_HEADERS.groups),
    /**
     * Demo mode lets anyone who reaches the server act as any demo person, an admin included: it
     * listens on a loopback HOST only, unless this says that a wider audience is intended.
     */
    DEMO_ALLOW_REMOTE: Bool.default(false),
    /**
     * Express's `trust proxy`: whose X-Forwarded-* headers to believe (`true`, a number of hops,
     * or addresses/subnets such as `loopback` or `10.0.0.0/8`). Off by default.
     */
    TRUST_PROXY: z
      .string()
      .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v))
      .default(false),
    /** How long a client may take to send a whole request, headers and body (ms). */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    /** A community with no activity for this many days is flagged inactive for admins. */
    INACTIVE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /**
     * The company's identity provider (OpenID Connect issuer, e.g.
     * https://login.microsoftonline.com/<tenant id>/v2.0): its access tokens for OIDC_API_AUDIENCE
     * are accepted besides the portal's. https, or http on a loopback host (tests, local IdPs).
     */
    OIDC_ISSUER: z
      .url({ error: 'must be a URL like https://login.microsoftonline.com/<tenant id>/v2.0' })
      .refine(isIssuer, 'must be an https URL without query or fragment (http only for a loopback host)')
      .optional(),
    /** The audience (aud) Hearth's API tokens carry, e.g. api://hearth; comma-separated for several. */
    OIDC_API_AUDIENCE: List.pipe(z.array(z.string().max(500)).min(1, 'must name at least one audience')).optional(),
    /** Entra ID: the tenant whose tokens are accepted (the `tid` claim must equal it). */
    OIDC_TENANT_ID: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47)')
      .optional(),
    /** Which claim of an identity-provider token holds what (defaults fit Entra ID). */
    OIDC_CLAIM_ID: ClaimName.optional(),
    OIDC_CLAIM_NAME: ClaimName.default('name'),
    OIDC_CLAIM_EMAIL: ClaimName.optional(),
    OIDC_CLAIM_TITLE: ClaimName.default('jobTitle'),
    OIDC_CLAIM_DEPARTMENT: ClaimName.default('department'),
    /** AUTH_MODE=oidc: Hearth's client at the identity provider (auth/oidc.ts). */
    OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** …or, instead of the secret, a private key (PEM, PKCS #8: RSA, EC P-256 or Ed25519) for private_key_jwt. */
    OIDC_PRIVATE_KEY: z.string().includes('BEGIN PRIVATE KEY', { message: 'must be a PEM private key (PKCS #8, "BEGIN PRIVATE KEY")' }).optional(),
    /** The `kid` under which the identity provider knows that key (the JWT header of each assertion). */
    OIDC_PRIVATE_KEY_ID: z.string().min(1).max(200).optional(),
    /** The scopes Hearth asks for at sign-in (space-separated; must include openid). */
    OIDC_SCOPES: z.string().regex(/(^|\s)openid(\s|$)/, 'must include openid, e.g. "openid profile email"').default('openid profile email'),
    /** Hearth's own origin as browsers reach it (https; http only for loopback): the redirect URI is PUBLIC_URL/auth/callback. */
    PUBLIC_URL: z.string().refine(isPublicUrl, 'must be an https origin like https://hearth.example.com (no path; http only for a loopback host)').optional(),
    /** How long a sign-in (a Hearth session) lasts: seconds, or a number with s, m, h or d. */
    SESSION_LIFETIME: Duration.default(8 * 3600),
    /**
     * How often a Hearth session asks the identity provider whether the person's sign-in there is
     * still good (a refresh-token grant; needs a refresh token, e.g. the offline_access scope):
     * seconds, or a number with s, m, h or d; 0 never asks.
     */
    OIDC_SESSION_CHECK: z.string().regex(/^\d+[smhd]?$/, DURATION_MESSAGE)
      .transform((v) => Number.parseInt(v, 10) * (UNIT_SECONDS[v.at(-1)!] ?? 1)).default(5 * 60),
    /** Group ids, group names or app-role values (comma-separated) that make a person an admin. */
    AUTH_ADMIN_GROUPS: List.optional(),
    /** …a community manager. */
    AUTH_MANAGER_GROUPS: List.optional(),
    /** …an executive. */
    AUTH_EXECUTIVE_GROUPS: List.optional(),
    /** Where new questions are announced (HMAC-signed JSON POST), e.g. a bridge to e-mail or chat. */
    WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** Signs webhook payloads (Standard Webhooks: webhook-signature); whsec_<base64>, or at least 32 characters. */
    WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** First retry of a failed webhook after this many ms; it doubles each time (8 attempts). */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    /**
     * How long live events are kept for streams that reconnect (`Last-Event-ID`), in hours (1 to
     * 168); a stream further behind is told to reload.
     */
    EVENT_OUTBOX_HOURS: z.coerce.number({ error: 'must be a number of hours' }).int('must be a whole number of hours')
      .min(1, 'must be at least 1 hour').max(168, 'must be at most 168 hours (7 days)').default(24),
    /**
     * How often an open event stream gets a heartbeat comment (ms): more often than any proxy's
     * read timeout (nginx's proxy_read_timeout, 60 s by default). The widgets take 65 s of
     * silence for a dead connection.
     */
    EVENT_HEARTBEAT_MS: z.coerce.number().int().min(500).max(60_000).default(25_000),
    /**
     * On SIGTERM, how long (ms) an instance goes on serving after /readyz turned 503, so that load
     * balancers stop sending it traffic before it stops accepting (docs/deploy.md). SIGINT: none.
     */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(5_000),
    /**
     * Portal origins that embed Hearth (comma-separated, e.g. https://intranet.example.com): they
     * get CORS on the API and may frame the /embed pages.
     */
    ALLOWED_ORIGINS: z
      .string()
      .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
      .pipe(z.array(z.string().refine(isOrigin, 'each must be an origin like https://intranet.example.com (scheme, host, optional port; no path)')))
      .optional(),
    /**
     * The bearer secret of the SCIM provisioning endpoint /scim/v2 (at least 32 characters): the
     * identity provider sends it. Unset: no SCIM endpoint (404).
     */
    SCIM_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Seed the demo data on first start (empty database). */
    SEED: z.enum(['auto', 'off']).default('auto'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Serve the built widgets and the demo intranet (off for an API-only deployment). */
    SERVE_DEMO: Bool.optional(),
    /** Per-person rate limits (README, "Rate limits"): `off` is for tests and benchmarks only. */
    RATE_LIMITS: z.enum(['on', 'off'], { error: 'must be on or off (off: for tests and benchmarks only)' }).default('on'),
    RATE_LIMIT_POST: RateWindows.optional(),
    RATE_LIMIT_QUESTION: RateWindows.optional(),
    RATE_LIMIT_REACT: RateWindows.optional(),
    RATE_LIMIT_REPORT: RateWindows.optional(),
    RATE_LIMIT_WRITE: RateWindows.optional(),
    RATE_LIMIT_READ: RateWindows.optional(),
  })
  .superRefine((env, ctx) => {
    if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'WEBHOOK_URL needs WEBHOOK_SECRET to sign what it sends' });
    }
    if (env.AUTH_MODE === 'signed' && !env.AUTH_JWT_SECRET && !env.AUTH_JWT_PUBLIC_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_JWT_SECRET'],
        message: 'AUTH_MODE=signed needs AUTH_JWT_SECRET (HS256) or AUTH_JWT_PUBLIC_KEY (RS256)',
      });
    }
    if (env.OIDC_ISSUER && !env.OIDC_API_AUDIENCE && env.AUTH_MODE !== 'oidc') {
      ctx.addIssue({ code: 'custom', path: ['OIDC_API_AUDIENCE'], message: "OIDC_ISSUER needs OIDC_API_AUDIENCE, the audience of Hearth's API tokens (e.g. api://hearth)" });
    }
    for (const key of ['OIDC_API_AUDIENCE', 'OIDC_TENANT_ID'] as const) {
      if (env[key] && !env.OIDC_ISSUER) ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: `${key} is set, but OIDC_ISSUER, the identity provider that issues the tokens, is not` });
    }
    if (env.OIDC_ISSUER && env.OIDC_ISSUER === env.AUTH_JWT_ISSUER) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_ISSUER'], message: "must differ from OIDC_ISSUER: a token's issuer decides whether the portal's key or the identity provider's keys verify it" });
    }
    if (env.AUTH_MODE === 'oidc') {
      for (const key of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'PUBLIC_URL'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `AUTH_MODE=oidc needs ${key} (README, "Company sign-in (OIDC)")` });
      }
      if (!env.OIDC_CLIENT_SECRET && !env.OIDC_PRIVATE_KEY) {
        ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_SECRET'], message: 'AUTH_MODE=oidc needs OIDC_CLIENT_SECRET (or OIDC_PRIVATE_KEY for private_key_jwt)' });
      }
      if (env.OIDC_CLIENT_SECRET && env.OIDC_PRIVATE_KEY) {
        ctx.addIssue({ code: 'custom', path: ['OIDC_PRIVATE_KEY'], message: 'set OIDC_CLIENT_SECRET or OIDC_PRIVATE_KEY, not both: Hearth authenticates to the identity provider one way' });
      }
    }
    if (env.AUTH_MODE === 'proxy' && !env.AUTH_PROXY_ADDRESSES) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_PROXY_ADDRESSES'],
        message: 'AUTH_MODE=proxy needs AUTH_PROXY_ADDRESSES, the addresses of the sign-in proxies whose headers are believed (e.g. 10.0.0.5 or 10.0.0.0/24)',
      });
    }
    if (env.AUTH_MODE === 'demo' && !env.DEMO_ALLOW_REMOTE && !isLoopback(env.HOST)) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message:
          `AUTH_MODE=demo lets anyone who reaches the server sign in as any demo person, an admin too, so it listens on a loopback address only (127.0.0.1, ::1, localhost); ` +
          `use AUTH_MODE=signed, or set DEMO_ALLOW_REMOTE=true to serve the demo on ${env.HOST} anyway`,
      });
    }
  });

export type Config = ReturnType<typeof loadConfig>;

/** Parses the environment once. Throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = Env.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    seed: e.SEED,
    inactiveDays: e.INACTIVE_DAYS,
    allowedOrigins: e.ALLOWED_ORIGINS ?? [],
    trustProxy: e.TRUST_PROXY,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    scim: { token: e.SCIM_TOKEN },
    /** Hearth's own origin as people reach it (PUBLIC_URL): where permalinks in webhooks point. */
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : undefined,
    webhook: { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, retryBaseMs: e.WEBHOOK_RETRY_BASE_MS, maxAttempts: 8 },
    /** Live events are kept this many hours for streams that reconnect. */
    eventOutboxHours: e.EVENT_OUTBOX_HOURS,
    /** A heartbeat comment on each event stream this often (ms). */
    eventHeartbeatMs: e.EVENT_HEARTBEAT_MS,
    /** SIGTERM: serve this long (ms) after readiness turned 503, then drain and stop. */
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    serveDemo: e.SERVE_DEMO ?? e.AUTH_MODE === 'demo',
    rateLimits: {
      enabled: e.RATE_LIMITS === 'on',
      /** Each kind's windows, shortest first: the defaults unless RATE_LIMIT_<KIND> is set. */
      policies: Object.fromEntries(RATE_LIMIT_KINDS.map((kind) => [
        kind, e[`RATE_LIMIT_${kind.toUpperCase()}` as `RATE_LIMIT_${Uppercase<RateLimitKind>}`] ?? DEFAULT_RATE_LIMITS[kind],
      ])) as Record<RateLimitKind, readonly RateWindow[]>,
    },
    auth: {
      mode: e.AUTH_MODE,
      /**
       * In demo mode without AUTH_JWT_SECRET, main.ts fills this with the data folder's own random
       * secret (auth/demo.ts `demoSecret`): no secret is ever written in the code.
       */
      secret: e.AUTH_JWT_SECRET,
      maxTokenLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME,
      publicKey: e.AUTH_JWT_PUBLIC_KEY,
      issuer: e.AUTH_JWT_ISSUER,
      audience: e.AUTH_JWT_AUDIENCE,
      /** AUTH_MODE=proxy: whose headers name the person, and which headers (auth/proxy.ts). */
      proxy: {
        addresses: e.AUTH_PROXY_ADDRESSES ?? [],
        headers: {
          user: e.AUTH_PROXY_USER_HEADER,
          name: e.AUTH_PROXY_NAME_HEADER,
          email: e.AUTH_PROXY_EMAIL_HEADER,
          groups: e.AUTH_PROXY_GROUPS_HEADER,
        },
      },
      /** Groups or app roles that make a role (auth/roles.ts), from tokens and SCIM alike. */
      roleGroups: {
        admin: e.AUTH_ADMIN_GROUPS ?? [],
        community_manager: e.AUTH_MANAGER_GROUPS ?? [],
        executive: e.AUTH_EXECUTIVE_GROUPS ?? [],
      },
      /** AUTH_MODE=oidc: people sign in at the company's identity provider (auth/oidc.ts). */
      signIn: e.AUTH_MODE === 'oidc' && e.OIDC_ISSUER && e.OIDC_CLIENT_ID && (e.OIDC_CLIENT_SECRET || e.OIDC_PRIVATE_KEY) && e.PUBLIC_URL
        ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID,
          /** client_secret_post with the secret, else private_key_jwt with the key. */
          clientSecret: e.OIDC_CLIENT_SECRET,
          privateKey: e.OIDC_PRIVATE_KEY ? { pem: e.OIDC_PRIVATE_KEY, kid: e.OIDC_PRIVATE_KEY_ID } : undefined,
          scopes: e.OIDC_SCOPES.trim().split(/\s+/).join(' '),
          publicUrl: new URL(e.PUBLIC_URL).origin,
          sessionLifetimeSeconds: e.SESSION_LIFETIME,
          sessionCheckSeconds: e.OIDC_SESSION_CHECK,
          claims: {
            id: e.OIDC_CLAIM_ID,
            name: e.OIDC_CLAIM_NAME,
            email: e.OIDC_CLAIM_EMAIL,
            title: e.OIDC_CLAIM_TITLE,
            department: e.OIDC_CLAIM_DEPARTMENT,
          },
        }
        : undefined,
      /** The company's identity provider, whose access tokens the API accepts (auth/idp.ts). */
      oidc: e.OIDC_ISSUER && e.OIDC_API_AUDIENCE
        ? {
          issuer: e.OIDC_ISSUER,
          audiences: e.OIDC_API_AUDIENCE,
          tenantId: e.OIDC_TENANT_ID,
          claims: {
            /** Unset: `oid` when the token has one (Entra ID), else `sub`. */
            id: e.OIDC_CLAIM_ID,
            name: e.OIDC_CLAIM_NAME,
            /** Unset: `email`, else `preferred_username`, else `upn`. */
            email: e.OIDC_CLAIM_EMAIL,
            title: e.OIDC_CLAIM_TITLE,
            department: e.OIDC_CLAIM_DEPARTMENT,
          },
          /** A token with an unknown `kid` refetches the keys at most this often (key rotation). */
          jwksCooldownMs: 30_000,
          /** Keys are refetched when older than this, so a removed key stops working. */
          jwksCacheMaxAgeMs: 10 * 60_000,
          /** After a failed discovery, requests answer 503 without asking the IdP again for this long. */
          discoveryRetryMs: 10_000,
        }
        : undefined,
    },
  };
}

function isIssuer(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.search || url.hash || url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  } catch {
    return false;
  }
}

function isPublicUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.search || url.hash || url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/**
 * For commands: the configuration, or null after printing what is wrong (the caller exits 2).
 */
export function loadConfigOrReport(env: NodeJS.ProcessEnv = process.env): Config | null {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return null;
    }
    throw error;
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

// `FOO=` in a shell or .env means "not set", not "set to the empty string".
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => !!e[1]));
}
