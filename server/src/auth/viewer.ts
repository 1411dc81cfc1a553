import type { Response } from 'express';
import type { Role } from '@hearth/contracts';
import { UnauthenticatedError } from '../features/errors.ts';

/** The signed-in person a request acts as. Services authorize against this. */
export interface Viewer {
  id: number;
  handle: string;
  name: string;
  roles: readonly Role[];
}

export const isAdmin = (viewer: Viewer) => viewer.roles.includes('admin');

/**
 * Makes `viewer` the request's person. `expiresAt` (ms since the epoch) is when the credential
 * that proved them ends, a token's `exp`: what lasts beyond the request (a live stream) ends then.
 */
export function setViewer(res: Response, viewer: Viewer, expiresAt?: number) {
  res.locals.viewer = viewer;
  res.locals.credentialExpiresAt = expiresAt;
}

/** When the request's credential expires (ms since the epoch); undefined when it does not say. */
export function credentialExpiry(res: Response): number | undefined {
  const at = res.locals.credentialExpiresAt as number | undefined;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

export function viewerOf(res: Response): Viewer {
  const viewer = res.locals.viewer as Viewer | undefined;
  if (!viewer) throw new UnauthenticatedError('sign in to use the API');
  return viewer;
}
