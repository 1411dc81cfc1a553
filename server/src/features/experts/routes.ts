import { Router } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { ExpertsService } from './service.ts';

export function expertsRoutes(experts: ExpertsService): Router {
  const router = Router();
  mount(router, api.experts, ({ viewer, query }) => experts.expertsFor(viewer, query));
  mount(router, api.personExpertise, ({ viewer, params }) => experts.profile(viewer, params.handle));
  mount(router, api.setSkills, ({ viewer, body }) => experts.setSkills(viewer, body.tags));
  mount(router, api.setAway, ({ viewer, body }) => experts.setAway(viewer, body.away));
  mount(router, api.endorse, ({ viewer, params }) => experts.endorse(viewer, params.handle, params.tag, true));
  mount(router, api.unendorse, ({ viewer, params }) => experts.endorse(viewer, params.handle, params.tag, false));
  return router;
}
