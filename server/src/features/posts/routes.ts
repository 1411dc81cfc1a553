import { Router } from 'express';
import { api } from '@hearth/contracts';
import { answerOnce, idempotency, mount } from '../../http/endpoint.ts';
import type { PostsService } from './service.ts';

export function postsRoutes(posts: PostsService): Router {
  const router = Router();
  mount(router, api.listPosts, ({ viewer, query }) => posts.feed(viewer, query));
  mount(router, api.getPost, ({ viewer, params }) => posts.get(viewer, params.id));
  mount(router, api.createPost, async (call) =>
    answerOnce(await posts.create(call.viewer, call.body, idempotency(api.createPost, call)), call.status));
  mount(router, api.updatePost, ({ viewer, params, body }) => posts.update(viewer, params.id, body));
  mount(router, api.deletePost, ({ viewer, params }) => posts.remove(viewer, params.id));
  mount(router, api.listReplies, ({ viewer, params, query }) => posts.replies(viewer, params.id, query));
  mount(router, api.createReply, async (call) =>
    answerOnce(await posts.reply(call.viewer, call.params.id, call.body.body, idempotency(api.createReply, call)), call.status));
  mount(router, api.likePost, ({ viewer, params }) => posts.like(viewer, params.id, true));
  mount(router, api.unlikePost, ({ viewer, params }) => posts.like(viewer, params.id, false));
  return router;
}
