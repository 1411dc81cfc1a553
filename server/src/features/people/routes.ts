import { Router } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { PeopleService, PersonCardsService } from './service.ts';

export function peopleRoutes(people: PeopleService, cards: PersonCardsService): Router {
  const router = Router();
  mount(router, api.me, ({ viewer }) => people.me(viewer));
  mount(router, api.searchPeople, ({ query }) => people.search(query));
  mount(router, api.personCard, ({ viewer, params }) => cards.card(viewer, params.handle));
  return router;
}
