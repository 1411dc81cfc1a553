import { Router } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { TagsService } from './service.ts';

export function tagsRoutes(tags: TagsService): Router {
  const router = Router();
  mount(router, api.tagCloud, ({ viewer, query }) => tags.cloud(viewer, query));
  // Before /tags/:name, which would otherwise take "suggest" for a tag.
  mount(router, api.suggestTags, ({ viewer, query }) => tags.suggest(viewer, query.prefix, query.limit));
  mount(router, api.getTag, ({ viewer, params }) => tags.get(viewer, params.name));
  mount(router, api.followTag, ({ viewer, params }) => tags.follow(viewer, params.name, true));
  mount(router, api.unfollowTag, ({ viewer, params }) => tags.follow(viewer, params.name, false));
  mount(router, api.mergeTag, ({ viewer, params, body }) => tags.merge(viewer, params.name, body.into));
  return router;
}
