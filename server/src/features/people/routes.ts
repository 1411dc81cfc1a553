import { Router } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { PeopleService } from './service.ts';

export function peopleRoutes(people: PeopleService): Router {
  const router = Router();
  mount(router, api.me, ({ viewer }) => people.me(viewer));
  mount(router, api.searchPeople, ({ query }) => people.search(query));
  return router;
}
