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

export function setViewer(res: Response, viewer: Viewer) {
  res.locals.viewer = viewer;
}

export function viewerOf(res: Response): Viewer {
  const viewer = res.locals.viewer as Viewer | undefined;
  if (!viewer) throw new UnauthenticatedError('sign in to use the API');
  return viewer;
}
