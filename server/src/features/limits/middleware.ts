import type { RequestHandler } from 'express';
import type { Endpoint } from '@hearth/contracts';
import { viewerOf } from '../../auth/viewer.ts';
import { HttpError } from '../../http/problem.ts';
import type { RateLimiter, WindowState } from './limiter.ts';
import { requestClassifier, windowName, type RateLimitKind } from './policy.ts';

const WHAT: Record<RateLimitKind, string> = {
  post: 'posts and replies',
  question: 'questions and answers',
  react: 'likes, votes, follows and endorsements',
  report: 'reports',
  write: 'changes',
  read: 'requests',
};

/**
 * Applies the per-person limits to every API request, after authentication (the signed-in
 * person is the key), before any route: each request is classified by the contracts' routes
 * (policy.ts), counted, and answered 429 problem+json when a window is full.
 *
 * Headers, as in draft-ietf-httpapi-ratelimit-headers-11 (May 2026; the same syntax since -08):
 * `RateLimit-Policy: "post-10m";q=30;w=600, "post-3h";q=300;w=10800` (each window of the kind:
 * quota and window in seconds) and `RateLimit: "post-10m";r=12;t=420` (requests left and seconds
 * until the window resets), on every answer of a limited request; a 429 adds `Retry-After`
 * (RFC 9110, seconds) for the window that refused.
 */
export function rateLimits(limiter: RateLimiter, endpoints: Record<string, Endpoint>): RequestHandler {
  const classify = requestClassifier(endpoints);
  return async (req, res, next) => {
    const kind = classify(req.method, req.path);
    const viewer = viewerOf(res);
    const verdict = await limiter.attempt(kind, viewer.id);
    const headers = {
      'RateLimit-Policy': limiter.policies[kind].map((w) => `"${kind}-${windowName(w.seconds)}";q=${w.points};w=${w.seconds}`).join(', '),
      RateLimit: verdict.windows.map((w) => `"${w.policy}";r=${w.remaining};t=${w.resetSeconds}`).join(', '),
    };
    if (verdict.allowed) {
      res.set(headers);
      return next();
    }
    const refused = verdict.refusedBy;
    const retryAfter = Math.max(1, refused.resetSeconds);
    throw new HttpError(429, 'rate-limited', 'Too many requests',
      `you reached the limit of ${refused.points} ${WHAT[kind]} in ${describeWindow(refused)}: try again in ${describeWait(retryAfter)}` +
        ` (at ${new Date(Date.now() + retryAfter * 1000).toISOString().slice(0, 19)}Z); nothing was saved`,
      undefined, { ...headers, 'Retry-After': String(retryAfter) });
  };
}

function describeWindow(w: WindowState): string {
  const name = windowName(w.seconds);
  const [, n, unit] = /^(\d+)([smhd])$/.exec(name)!;
  const words: Record<string, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day' };
  return `${n} ${words[unit!]}${n === '1' ? '' : 's'}`;
}

/** 42 -> "42 seconds", 420 -> "7 minutes", 5400 -> "1 hour 30 minutes". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours} hour${hours === 1 ? '' : 's'}${rest ? ` ${rest} minute${rest === 1 ? '' : 's'}` : ''}`;
}
