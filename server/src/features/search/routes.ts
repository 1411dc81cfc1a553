import { Router } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { SearchService } from './service.ts';

export function searchRoutes(search: SearchService): Router {
  const router = Router();
  mount(router, api.searchSuggestions, ({ viewer }) => search.suggestions(viewer));
  mount(router, api.search, ({ viewer, query }) => search.search(viewer, query));
  return router;
}
