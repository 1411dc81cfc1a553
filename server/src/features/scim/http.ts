import { createHash, timingSafeEqual } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ConflictError, DomainError, ForbiddenError, InvalidError, NotFoundError, UnauthenticatedError } from '../errors.ts';
import { SCHEMA } from './schema.ts';

/** Every SCIM answer: `application/scim+json` (RFC 7644 §3.1), never cached. */
export function sendScim(res: Response, status: number, body: unknown) {
  res.status(status).set('Cache-Control', 'no-store').type('application/scim+json').send(JSON.stringify(body));
}

/** The SCIM error schema (RFC 7644 §3.12): `status` is a string. */
export function sendScimError(res: Response, status: number, detail: string, scimType?: string) {
  if (status === 401) res.set('WWW-Authenticate', 'Bearer realm="scim"');
  sendScim(res, status, { schemas: [SCHEMA.error], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

/**
 * `Authorization: Bearer <SCIM_TOKEN>`, compared in constant time: both sides are hashed first,
 * so neither the content nor the length of the secret leaks through timing.
 */
export function scimBearer(token: string): RequestHandler {
  const expected = createHash('sha256').update(token).digest();
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const given = createHash('sha256').update(match?.[1] ?? '').digest();
    if (!match || !timingSafeEqual(given, expected)) {
      return sendScimError(res, 401, match ? 'the SCIM bearer token is not valid' : 'send the SCIM token as Authorization: Bearer <token>');
    }
    next();
  };
}

/** SCIM's own error middleware: domain errors and body-parser errors in the SCIM error schema. */
export function scimErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof DomainError) {
      if (error instanceof InvalidError) return sendScimError(res, 400, error.message, error.issues?.[0]?.code ?? 'invalidValue');
      if (error instanceof ConflictError) return sendScimError(res, 409, error.message, 'uniqueness');
      if (error instanceof NotFoundError) return sendScimError(res, 404, error.message);
      if (error instanceof UnauthenticatedError) return sendScimError(res, 401, error.message);
      if (error instanceof ForbiddenError) return sendScimError(res, 403, error.message);
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (error as { type?: unknown }).type;
      if (status === 413) return sendScimError(res, 413, 'the body is too large');
      return sendScimError(res, 400, type === 'entity.parse.failed' ? 'the body is not valid JSON' : (error as Error).message, 'invalidSyntax');
    }
    logger.error({ err: error, url: req.originalUrl }, 'unhandled SCIM error');
    sendScimError(res, 500, 'the error was logged; please try again');
  };
}
