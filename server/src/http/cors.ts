import type { RequestHandler } from 'express';

/**
 * CORS for the API, for the portal origins in ALLOWED_ORIGINS only (with credentials, since
 * they are trusted). Any other origin gets no CORS headers, so its browser refuses to read.
 */
export function apiCors(allowed: readonly string[]): RequestHandler {
  const origins = new Set(allowed);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin) res.vary('Origin');
    const trusted = origin !== undefined && origins.has(origin);
    if (trusted) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Allow-Credentials', 'true');
      // Widgets read these: when to try again after a 429, the limits, an export's file name.
      res.set('Access-Control-Expose-Headers', 'WWW-Authenticate, Retry-After, RateLimit, RateLimit-Policy, Content-Disposition');
    }
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      if (trusted) {
        res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
        res.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key, X-Hearth-Placement');
        res.set('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };
}
