import type { ServerOptions } from 'node:http';
import type { RequestHandler } from 'express';

/** One year: browsers remember to use HTTPS only for this host (no subdomains, no preload). */
export const HSTS = 'max-age=31536000';

/**
 * Headers every response gets. API responses are data only: nothing may run or frame them.
 * Over HTTPS, Strict-Transport-Security too: `req.secure` is true for a TLS socket, or for
 * `X-Forwarded-Proto: https` only when the sender is a proxy that TRUST_PROXY trusts (Express's
 * `trust proxy`), so a client cannot make a plain-HTTP answer claim it.
 */
export const securityHeaders: RequestHandler = (req, res, next) => {
  if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  next();
};

/**
 * The demo intranet runs under the strict policy a careful portal would set, so every widget is
 * exercised without inline script or style and with Trusted Types enforced.
 */
export const DEMO_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/**
 * The HTTP server's limits: a client has `requestTimeoutMs` to send a whole request, headers and
 * body (408 then close), instead of Node's 300 s; the check runs every second, not every 30 s.
 * Responses (the event stream included) are not limited by it.
 */
export function serverTimeouts(requestTimeoutMs: number): ServerOptions {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(requestTimeoutMs, 20_000),
    connectionsCheckingInterval: Math.min(1000, requestTimeoutMs),
  };
}
