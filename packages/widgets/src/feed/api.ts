import type { CreatePostBody, LikeState, Post, PostPage } from '@hearth/contracts';
import type { RepliesQuery } from '../runtime/api.ts';
import type { HearthClient } from '../runtime/client.ts';

/*
 * The feed's own endpoints: writing, one post, replies and likes. Only the feed's parts that come
 * in chunks of their own (the composer, a post, its thread, the live listener, one post on its own)
 * call them, so they are not in the runtime's api.ts, which every widget's first download carries
 * (scripts/size.mjs).
 */

const key = (idempotencyKey: string) => ({ 'idempotency-key': idempotencyKey });

export const createPost = (c: HearthClient, body: CreatePostBody, idempotencyKey: string) =>
  c.call<Post>('posts', { method: 'post', json: body, headers: key(idempotencyKey) });
export const getPost = (c: HearthClient, id: number, signal?: AbortSignal) => c.call<Post>(`posts/${id}`, { signal });
/** Edits a post's text and, when given, its tag chips. */
export const updatePost = (c: HearthClient, id: number, body: string, tags?: string[]) =>
  c.call<Post>(`posts/${id}`, { method: 'patch', json: tags ? { body, tags } : { body } });
export const deletePost = (c: HearthClient, id: number) => c.call<void>(`posts/${id}`, { method: 'delete' }, false);
export const listReplies = (c: HearthClient, id: number, query: RepliesQuery, signal?: AbortSignal) =>
  c.call<PostPage>(`posts/${id}/replies`, { query, signal });
export const createReply = (c: HearthClient, id: number, body: string, idempotencyKey: string) =>
  c.call<Post>(`posts/${id}/replies`, { method: 'post', json: { body }, headers: key(idempotencyKey) });
export const setLike = (c: HearthClient, id: number, liked: boolean) =>
  c.call<LikeState>(`posts/${id}/like`, { method: liked ? 'put' : 'delete' });
