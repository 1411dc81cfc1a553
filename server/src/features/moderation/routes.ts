import { Router } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { ModerationService } from './service.ts';

export function moderationRoutes(moderation: ModerationService): Router {
  const router = Router();
  mount(router, api.report, ({ viewer, body }) => moderation.report(viewer, body));
  mount(router, api.moderationQueue, ({ viewer, query }) => moderation.queue(viewer, query));
  mount(router, api.hideContent, ({ viewer, params, body }) => moderation.hide(viewer, params.kind, params.id, body.reason));
  mount(router, api.restoreContent, ({ viewer, params, body }) => moderation.restore(viewer, params.kind, params.id, body.note));
  mount(router, api.dismissReports, ({ viewer, params, body }) => moderation.dismiss(viewer, params.kind, params.id, body.note));
  mount(router, api.listWatchKeywords, ({ viewer }) => moderation.keywords(viewer));
  mount(router, api.addWatchKeyword, ({ viewer, body }) => moderation.addKeyword(viewer, body));
  mount(router, api.removeWatchKeyword, ({ viewer, params }) => moderation.removeKeyword(viewer, params.id));
  return router;
}
