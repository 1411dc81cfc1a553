import { Router } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { NotificationsService } from './service.ts';

export function notificationsRoutes(notifications: NotificationsService): Router {
  const router = Router();
  mount(router, api.listNotifications, ({ viewer, query }) => notifications.list(viewer, query));
  mount(router, api.markNotificationsRead, ({ viewer, body }) => notifications.markRead(viewer, body));
  return router;
}
