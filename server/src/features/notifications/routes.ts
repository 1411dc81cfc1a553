import { Router, type Request } from 'express';
import { api } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import type { NotificationsService } from './service.ts';

/** The origin this request reached Hearth at (the permalinks' base when PUBLIC_URL is not set). */
const originOf = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

export function notificationsRoutes(notifications: NotificationsService): Router {
  const router = Router();
  mount(router, api.listNotifications, ({ viewer, query, req }) => notifications.list(viewer, query, originOf(req)));
  mount(router, api.unreadNotifications, ({ viewer }) => notifications.unread(viewer));
  mount(router, api.markNotificationsRead, ({ viewer, body }) => notifications.markRead(viewer, body));
  mount(router, api.notificationSettings, ({ viewer }) => notifications.settings(viewer));
  mount(router, api.updateNotificationSettings, ({ viewer, body }) => notifications.saveSettings(viewer, body));
  mount(router, api.muteThread, ({ viewer, params }) => notifications.mute(viewer, params.kind, params.id, true));
  mount(router, api.unmuteThread, ({ viewer, params }) => notifications.mute(viewer, params.kind, params.id, false));
  return router;
}
