import { Router } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { CommunitiesService } from './service.ts';

export function communitiesRoutes(communities: CommunitiesService): Router {
  const router = Router();
  mount(router, api.listCommunities, ({ viewer, query }) => communities.directory(viewer, query));
  // Before /communities/:slug, which would otherwise take "inactive" for a slug.
  mount(router, api.inactiveCommunities, ({ viewer }) => communities.inactive(viewer));
  mount(router, api.createCommunity, ({ viewer, body }) => communities.create(viewer, body));
  mount(router, api.getCommunity, ({ viewer, params }) => communities.get(viewer, params.slug));
  mount(router, api.updateCommunity, ({ viewer, params, body }) => communities.update(viewer, params.slug, body));
  mount(router, api.archiveCommunity, ({ viewer, params }) => communities.setArchived(viewer, params.slug, true));
  mount(router, api.unarchiveCommunity, ({ viewer, params }) => communities.setArchived(viewer, params.slug, false));
  mount(router, api.joinCommunity, ({ viewer, params }) => communities.join(viewer, params.slug));
  mount(router, api.leaveCommunity, ({ viewer, params }) => communities.leave(viewer, params.slug));
  mount(router, api.listMembers, ({ viewer, params, query }) => communities.members(viewer, params.slug, query));
  mount(router, api.listJoinRequests, ({ viewer, params }) => communities.requests(viewer, params.slug));
  mount(router, api.decideJoinRequest, ({ viewer, params, body }) => communities.decide(viewer, params.slug, params.handle, body.decision, body.note));
  mount(router, api.inviteToCommunity, ({ viewer, params, body }) => communities.invite(viewer, params.slug, body.handle));
  return router;
}
