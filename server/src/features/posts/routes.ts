import { Router, type Request } from 'express';
import { api, IdempotencyKey } from '@hearth/contracts';
import { mount } from '../../http/endpoint.ts';
import { fromZod } from '../../http/problem.ts';
import type { PostsService } from './service.ts';

export function postsRoutes(posts: PostsService): Router {
  const router = Router();
  mount(router, api.listPosts, ({ viewer, query }) => posts.feed(viewer, query));
  mount(router, api.getPost, ({ viewer, params }) => posts.get(viewer, params.id));
  mount(router, api.createPost, async ({ viewer, body, req, status }) => {
    const { post, created } = await posts.create(viewer, body, idempotencyKey(req));
    if (!created) status(200);
    return post;
  });
  mount(router, api.updatePost, ({ viewer, params, body }) => posts.update(viewer, params.id, body));
  mount(router, api.search, ({ viewer, query }) => posts.search(viewer, query));
  mount(router, api.deletePost, ({ viewer, params }) => posts.remove(viewer, params.id));
  mount(router, api.listReplies, ({ viewer, params, query }) => posts.replies(viewer, params.id, query));
  mount(router, api.createReply, async ({ viewer, params, body, req, status }) => {
    const { post, created } = await posts.reply(viewer, params.id, body.body, idempotencyKey(req));
    if (!created) status(200);
    return post;
  });
  mount(router, api.likePost, ({ viewer, params }) => posts.like(viewer, params.id, true));
  mount(router, api.unlikePost, ({ viewer, params }) => posts.like(viewer, params.id, false));
  return router;
}

function idempotencyKey(req: Request): string | undefined {
  const header = req.get('idempotency-key');
  if (header === undefined) return undefined;
  const parsed = IdempotencyKey.safeParse(header);
  if (!parsed.success) throw fromZod('header.Idempotency-Key', parsed.error);
  return parsed.data;
}
