import type { RequestHandler } from 'express';
import { UnauthenticatedError } from '../features/errors.ts';
import type { PeopleService } from '../features/people/service.ts';
import type { TokenVerifier } from './tokens.ts';
import { setViewer } from './viewer.ts';
import { checkBoundOrigin } from './oidc.ts';

/**
 * Every API request carries `Authorization: Bearer <jwt>` (never a token in the URL). A valid
 * token's person is created on first sight and becomes the request's viewer.
 */
export function authenticate(verifier: TokenVerifier, people: PeopleService): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    const match = header ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header) : null;
    if (!match?.[1]) throw new UnauthenticatedError(header ? 'the Authorization header is not "Bearer <token>"' : 'sign in to use the API');
    const claims = await verifier.verify(match[1]);
    // A Hearth sign-in token (AUTH_MODE=oidc) works only from the portal origin it was issued to.
    checkBoundOrigin(match[1], req.get('origin'));
    // The token's expiry goes with the viewer: a live stream it opened ends with it.
    setViewer(res, await people.viewerFor(claims), claims.exp * 1000);
    next();
  };
}
