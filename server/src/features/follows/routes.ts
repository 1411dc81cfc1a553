import { Router } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { FollowsService } from './service.ts';

export function followsRoutes(follows: FollowsService): Router {
  const router = Router();
  mount(router, api.following, ({ viewer }) => follows.following(viewer));
  mount(router, api.followPerson, ({ viewer, params }) => follows.person(viewer, params.handle, true));
  mount(router, api.unfollowPerson, ({ viewer, params }) => follows.person(viewer, params.handle, false));
  mount(router, api.followCommunity, ({ viewer, params }) => follows.community(viewer, params.slug, true));
  mount(router, api.unfollowCommunity, ({ viewer, params }) => follows.community(viewer, params.slug, false));
  return router;
}
