import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Problem } from '@hearth/contracts';
import type { z } from 'zod';
import type { Logger } from 'pino';
import {
  AlreadyReportedError, ConflictError, DeactivatedError, DomainError, ForbiddenError, InvalidError, NotFoundError, UnauthenticatedError,
  UnavailableError,
} from '../features/errors.ts';

/**
 * An answer the HTTP layer gives on purpose, as RFC 9457 problem+json. Services never build one:
 * they throw domain errors (features/errors.ts), which `errorHandler` maps here.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: Problem['errors'],
    readonly headers?: Record<string, string>,
    /** RFC 9457 extension members, e.g. `signInUrl` (auth/oidc.ts). */
    readonly extensions?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, errors?: Problem['errors']) =>
  new HttpError(400, 'validation', 'Your request is not valid', detail, errors);

/** How each domain error is answered: the one place that knows. */
const DOMAIN_ANSWERS: [kind: abstract new (...args: never[]) => DomainError, status: number, slug: string, title: string][] = [
  [InvalidError, 400, 'validation', 'Your request is not valid'],
  // Before UnauthenticatedError, which it extends.
  [DeactivatedError, 401, 'account-deactivated', 'Account deactivated'],
  [UnauthenticatedError, 401, 'unauthorized', 'Sign-in needed'],
  [ForbiddenError, 403, 'forbidden', 'Not allowed'],
  [NotFoundError, 404, 'not-found', 'Not found'],
  // Before ConflictError, which it extends: the first match answers.
  [AlreadyReportedError, 409, 'already-reported', 'Already reported'],
  [ConflictError, 409, 'conflict', 'Conflict'],
  [UnavailableError, 503, 'unavailable', 'Temporarily unavailable'],
];

function fromDomain(error: DomainError): HttpError | undefined {
  const answer = DOMAIN_ANSWERS.find(([kind]) => error instanceof kind);
  if (!answer) return undefined;
  const [, status, slug, title] = answer;
  // A 401 names the scheme that would work (RFC 6750); a 503 says when to try again.
  const headers: Record<string, string> | undefined = status === 401 ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
    : status === 503 ? { 'Retry-After': '10' }
    : undefined;
  return new HttpError(status, slug, title, error.message, error.issues, headers);
}

/** Turns zod issues into a 400 that says which input was wrong and why. */
/** The answer an error gets, when it is one the API knows (an HttpError or a domain error). */
export function knownError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  return error instanceof DomainError ? fromDomain(error) : undefined;
}

export function fromZod(where: string, error: z.ZodError): HttpError {
  const errors = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
  const first = errors[0];
  return badRequest(first ? `${first.path}: ${first.message}` : `invalid ${where}`, errors);
}

/** What a problem answer says: an HttpError, or (for an answer no code threw) the same fields. */
export type ProblemAnswer = Pick<HttpError, 'status' | 'slug' | 'title' | 'detail' | 'errors' | 'headers' | 'extensions'>;

export function sendProblem(res: Parameters<RequestHandler>[1], error: ProblemAnswer, instance?: string) {
  const body: Problem & Record<string, unknown> = {
    ...error.extensions,
    type: `/problems/${error.slug}`,
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  res.status(error.status).type('application/problem+json').send(JSON.stringify(body));
}

// A plain object, not an HttpError: nothing threw, and capturing an Error's stack was the largest
// single cost of a 404 (bench:feed, the `floor` route: 6.5% of the server's CPU).
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, { status: 404, slug: 'not-found', title: 'Not found', detail: `${req.method} ${req.path} is not a route of this server` });
};

/** The one error middleware. Anything it does not know is a bug: 500, logged, no details leaked. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) return sendProblem(res, error, req.originalUrl);
    const known = error instanceof DomainError ? fromDomain(error) : undefined;
    if (known) return sendProblem(res, known, req.originalUrl);
    const status = (error as { status?: unknown; type?: unknown }).status;
    const type = (error as { type?: unknown }).type;
    // body-parser's own errors (malformed JSON, too large, wrong charset) are the client's.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail =
        type === 'entity.parse.failed' ? 'the body is not valid JSON'
        : type === 'entity.too.large' ? 'the body is too large'
        : (error as Error).message;
      return sendProblem(res, new HttpError(status, status === 413 ? 'too-large' : 'bad-request', 'Your request is not valid', detail), req.originalUrl);
    }
    logger.error({ err: error, url: req.originalUrl }, 'unhandled error');
    sendProblem(res, new HttpError(500, 'internal', 'Something went wrong on our side', 'the error was logged; please try again'), req.originalUrl);
  };
}
