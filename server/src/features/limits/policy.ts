import type { Endpoint } from '@hearth/contracts';

/**
 * Per-person rate limits: which kind of request each endpoint is, the default windows of each
 * kind, and the `30/10m,300/3h` syntax of their settings. Pure: config.ts parses with it, the
 * middleware (middleware.ts) applies it.
 */

export const RATE_LIMIT_KINDS = ['post', 'question', 'react', 'report', 'write', 'read'] as const;
export type RateLimitKind = (typeof RATE_LIMIT_KINDS)[number];

/** At most `points` requests of a kind in `seconds`, per person. */
export interface RateWindow {
  points: number;
  seconds: number;
}

/**
 * The defaults (README, "Rate limits"). Every window of a kind must hold: a short one allows a
 * burst, a long one caps a day's worth. Reads are generous: a page of widgets, each paging and
 * refreshing, stays far below them.
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitKind, readonly RateWindow[]> = {
  post: [{ points: 30, seconds: 600 }, { points: 300, seconds: 3 * 3600 }],
  question: [{ points: 20, seconds: 600 }, { points: 100, seconds: 3 * 3600 }],
  react: [{ points: 120, seconds: 600 }, { points: 1000, seconds: 3 * 3600 }],
  report: [{ points: 20, seconds: 600 }, { points: 100, seconds: 86_400 }],
  write: [{ points: 60, seconds: 600 }, { points: 600, seconds: 3 * 3600 }],
  read: [{ points: 600, seconds: 60 }, { points: 10_000, seconds: 3600 }],
};

/** The environment variable that sets a kind's windows, e.g. RATE_LIMIT_POST. */
export const envName = (kind: RateLimitKind) => `RATE_LIMIT_${kind.toUpperCase()}`;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const MAX_WINDOW_SECONDS = 7 * 86_400;
export const RATE_LIMIT_SYNTAX =
  'must be one or more limits like 30/10m,300/3h: a number of requests, "/", and a window of seconds, minutes, hours or days (s, m, h, d; 7d at most)';

/** `30/10m,300/3h` -> windows, shortest first; a message saying what is wrong otherwise. */
export function parseWindows(value: string): { windows: RateWindow[] } | { error: string } {
  const parts = value.split(',').map((p) => p.trim());
  const windows: RateWindow[] = [];
  for (const part of parts) {
    const match = /^(\d{1,7})\s*\/\s*(\d{1,6})([smhd])$/.exec(part);
    if (!match) return { error: `${RATE_LIMIT_SYNTAX}; "${part}" is not` };
    const points = Number(match[1]);
    const seconds = Number(match[2]) * UNIT_SECONDS[match[3]!]!;
    if (points < 1) return { error: `"${part}": allow at least 1 request (RATE_LIMITS=off turns limits off)` };
    if (seconds < 1 || seconds > MAX_WINDOW_SECONDS) return { error: `"${part}": a window is 1s to 7d` };
    if (windows.some((w) => w.seconds === seconds)) return { error: `"${part}": two limits with the same window` };
    windows.push({ points, seconds });
  }
  if (windows.length > 3) return { error: 'at most 3 windows per kind' };
  return { windows: windows.sort((a, b) => a.seconds - b.seconds) };
}

/** `10m`, `3h`, `90s`: a window's length as a person reads it. */
export function windowName(seconds: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/**
 * The kind of every write endpoint (every GET is a `read`). A test checks that each endpoint of
 * the contracts is here; one that is not still counts, as a `write`.
 */
export const WRITE_KINDS: Record<string, Exclude<RateLimitKind, 'read'>> = {
  createPost: 'post',
  createReply: 'post',
  updatePost: 'write',
  deletePost: 'write',
  likePost: 'react',
  unlikePost: 'react',
  followTag: 'react',
  unfollowTag: 'react',
  followPerson: 'react',
  unfollowPerson: 'react',
  followCommunity: 'react',
  unfollowCommunity: 'react',
  mergeTag: 'write',
  createCommunity: 'write',
  updateCommunity: 'write',
  archiveCommunity: 'write',
  unarchiveCommunity: 'write',
  joinCommunity: 'write',
  leaveCommunity: 'write',
  decideJoinRequest: 'write',
  inviteToCommunity: 'write',
  askQuestion: 'question',
  updateQuestion: 'write',
  deleteQuestion: 'write',
  answerQuestion: 'question',
  acceptAnswer: 'write',
  passQuestion: 'write',
  updateAnswer: 'write',
  deleteAnswer: 'write',
  voteAnswer: 'react',
  setSkills: 'write',
  setAway: 'write',
  endorse: 'react',
  unendorse: 'react',
  markNotificationsRead: 'write',
  updateNotificationSettings: 'write',
  muteThread: 'write',
  unmuteThread: 'write',
  report: 'report',
  hideContent: 'write',
  restoreContent: 'write',
  dismissReports: 'write',
  addWatchKeyword: 'write',
  removeWatchKeyword: 'write',
  setAdoptionTargets: 'write',
};

/** The kind of an endpoint, by its name in `api`. */
export function kindOf(name: string, endpoint: Pick<Endpoint, 'method'>): RateLimitKind {
  return endpoint.method === 'get' ? 'read' : (WRITE_KINDS[name] ?? 'write');
}

/**
 * Finds the kind of a request from its method and path (relative to /api/v1), by the
 * contracts' routes: one place decides, whatever router mounted the route.
 */
export function requestClassifier(endpoints: Record<string, Endpoint>) {
  const routes = Object.entries(endpoints)
    .filter(([, e]) => e.method !== 'get')
    .map(([name, e]) => ({
      method: e.method.toUpperCase(),
      pattern: new RegExp(`^${e.path.split('/').map((s) => (s.startsWith(':') ? '[^/]+' : escapeRegExp(s))).join('/')}/?$`, 'i'),
      kind: kindOf(name, e),
    }));
  return (method: string, path: string): RateLimitKind => {
    if (method === 'GET' || method === 'HEAD') return 'read';
    return routes.find((r) => r.method === method && r.pattern.test(path))?.kind ?? 'write';
  };
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
