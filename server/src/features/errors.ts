/**
 * What a service reports when it refuses: in the domain's terms only. The HTTP layer alone
 * (http/problem.ts) decides how each kind is answered, so services stay free of status codes.
 */

/** One input that was wrong: where (as the client named it), why, and a stable code. */
export interface FieldIssue {
  path: string;
  message: string;
  code: string;
}

export abstract class DomainError extends Error {
  constructor(message: string, readonly issues?: FieldIssue[]) {
    super(message);
  }
}

/** Missing or hidden from the viewer: the two look the same, so nothing leaks. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(`${what} does not exist or is not visible to you`);
  }
}

export class ForbiddenError extends DomainError {}

export class InvalidError extends DomainError {}

export class ConflictError extends DomainError {}

/** The person already reported this content (409 `already-reported`). */
export class AlreadyReportedError extends ConflictError {}

/** No signed-in person, or a token that does not prove one. */
export class UnauthenticatedError extends DomainError {}

/** Something the request needs (the identity provider, say) cannot be reached now: 503, try again. */
export class UnavailableError extends DomainError {}

/** A valid sign-in of a person the identity provider deactivated (SCIM): 401 `account-deactivated`. */
export class DeactivatedError extends UnauthenticatedError {}
