import { Router } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { AdoptionService } from './service.ts';

export function adoptionRoutes(adoption: AdoptionService): Router {
  const router = Router();
  mount(router, api.adoption, ({ viewer, query }) => adoption.get(viewer, query));
  mount(router, api.setAdoptionTargets, ({ viewer, body }) => adoption.setTargets(viewer, body));
  return router;
}
