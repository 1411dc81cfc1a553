import { z } from 'zod';
import { IdParams } from './common.ts';
import { Me } from './people.ts';
import { LiveEvent } from './events.ts';
import {
  Community, CommunityList, CommunityParams, CommunityPersonParams, CreateCommunityBody, DecideRequestBody,
  DirectoryQuery, InactiveCommunities, InviteBody, JoinRequestList, MemberPage, MembersQuery, MembershipResult,
  UpdateCommunityBody,
} from './communities.ts';
import {
  CreatePostBody,
  CreateReplyBody,
  LikeState,
  ListPostsQuery,
  ListRepliesQuery,
  Post,
  PostPage,
  UpdatePostBody,
} from './posts.ts';
import {
  FollowState, MergeTagBody, SearchPage, SearchQuery, TagCloud, TagCloudQuery, TagDetail, TagParams,
  TagSuggestions, TagSuggestQuery,
} from './tags.ts';

/**
 * One API operation. The server registers its route from this, validates params, query and
 * body with these schemas at the edge, and generates the OpenAPI document from the same list,
 * so the contract and the server cannot drift apart.
 */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path under `/api/v1`, e.g. `/posts/:id`. */
  path: string;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status and body (`null` for 204). */
  status: number;
  response: z.ZodType | null;
  /** Request headers the operation reads, documented in OpenAPI. */
  headers?: Record<string, string>;
  /** A text/event-stream whose events are `response` objects (mounted by hand, not by `mount`). */
  stream?: true;
}

export const API_PREFIX = '/api/v1';

export const api = {
  me: {
    method: 'get', path: '/me', summary: 'The signed-in person',
    status: 200, response: Me,
  },
  events: {
    method: 'get', path: '/events', summary: 'Live events for what you can see (text/event-stream, ids only)',
    status: 200, response: LiveEvent, stream: true,
  },
  listPosts: {
    method: 'get', path: '/posts', summary: 'A feed of top-level posts, newest first',
    query: ListPostsQuery, status: 200, response: PostPage,
  },
  createPost: {
    method: 'post', path: '/posts', summary: 'Publish a post',
    body: CreatePostBody, status: 201, response: Post,
    headers: { 'Idempotency-Key': 'A client-chosen key; a retried create with the same key returns the first post (200) instead of storing it twice.' },
  },
  getPost: {
    method: 'get', path: '/posts/:id', summary: 'One post',
    params: IdParams, status: 200, response: Post,
  },
  updatePost: {
    method: 'patch', path: '/posts/:id', summary: 'Edit your own post',
    params: IdParams, body: UpdatePostBody, status: 200, response: Post,
  },
  deletePost: {
    method: 'delete', path: '/posts/:id', summary: 'Delete your own post (admins: any post)',
    params: IdParams, status: 204, response: null,
  },
  listReplies: {
    method: 'get', path: '/posts/:id/replies', summary: "A post's replies, oldest first",
    params: IdParams, query: ListRepliesQuery, status: 200, response: PostPage,
  },
  createReply: {
    method: 'post', path: '/posts/:id/replies', summary: 'Reply to a top-level post',
    params: IdParams, body: CreateReplyBody, status: 201, response: Post,
    headers: { 'Idempotency-Key': 'As for creating a post.' },
  },
  likePost: {
    method: 'put', path: '/posts/:id/like', summary: 'Like a post (idempotent)',
    params: IdParams, status: 200, response: LikeState,
  },
  unlikePost: {
    method: 'delete', path: '/posts/:id/like', summary: 'Take back a like (idempotent)',
    params: IdParams, status: 200, response: LikeState,
  },
  tagCloud: {
    method: 'get', path: '/tags', summary: 'The most used tags in a window, with trends',
    query: TagCloudQuery, status: 200, response: TagCloud,
  },
  suggestTags: {
    method: 'get', path: '/tags/suggest', summary: 'Tags starting with a prefix, most used first',
    query: TagSuggestQuery, status: 200, response: TagSuggestions,
  },
  getTag: {
    method: 'get', path: '/tags/:name', summary: 'One tag: posts, top contributors, related tags',
    params: TagParams, status: 200, response: TagDetail,
  },
  followTag: {
    method: 'put', path: '/tags/:name/follow', summary: 'Follow a tag (idempotent)',
    params: TagParams, status: 200, response: FollowState,
  },
  unfollowTag: {
    method: 'delete', path: '/tags/:name/follow', summary: 'Stop following a tag (idempotent)',
    params: TagParams, status: 200, response: FollowState,
  },
  mergeTag: {
    method: 'post', path: '/tags/:name/merge', summary: 'Admins: merge this tag into another; its name keeps resolving',
    params: TagParams, body: MergeTagBody, status: 200, response: TagDetail,
  },
  search: {
    method: 'get', path: '/search', summary: 'Full-text search over posts, ranked, with highlight offsets',
    query: SearchQuery, status: 200, response: SearchPage,
  },
  listCommunities: {
    method: 'get', path: '/communities', summary: 'The directory, most active first',
    query: DirectoryQuery, status: 200, response: CommunityList,
  },
  inactiveCommunities: {
    method: 'get', path: '/communities/inactive', summary: 'Admins: communities with no recent activity, to archive',
    status: 200, response: InactiveCommunities,
  },
  createCommunity: {
    method: 'post', path: '/communities', summary: 'Admins: create a community',
    body: CreateCommunityBody, status: 201, response: Community,
  },
  getCommunity: {
    method: 'get', path: '/communities/:slug', summary: 'One community, as you may see it',
    params: CommunityParams, status: 200, response: Community,
  },
  updateCommunity: {
    method: 'patch', path: '/communities/:slug', summary: 'Managers and admins: edit a community',
    params: CommunityParams, body: UpdateCommunityBody, status: 200, response: Community,
  },
  archiveCommunity: {
    method: 'post', path: '/communities/:slug/archive', summary: 'Admins: archive (read-only, out of the directory, content kept)',
    params: CommunityParams, status: 200, response: Community,
  },
  unarchiveCommunity: {
    method: 'post', path: '/communities/:slug/unarchive', summary: 'Admins: bring an archived community back',
    params: CommunityParams, status: 200, response: Community,
  },
  joinCommunity: {
    method: 'put', path: '/communities/:slug/membership', summary: 'Join (open, or invited) or ask to join (request)',
    params: CommunityParams, status: 200, response: MembershipResult,
  },
  leaveCommunity: {
    method: 'delete', path: '/communities/:slug/membership', summary: 'Leave, withdraw a request or decline an invitation',
    params: CommunityParams, status: 200, response: MembershipResult,
  },
  listMembers: {
    method: 'get', path: '/communities/:slug/members', summary: 'Members by name, searchable',
    params: CommunityParams, query: MembersQuery, status: 200, response: MemberPage,
  },
  listJoinRequests: {
    method: 'get', path: '/communities/:slug/requests', summary: 'Managers: pending requests and invitations',
    params: CommunityParams, status: 200, response: JoinRequestList,
  },
  decideJoinRequest: {
    method: 'post', path: '/communities/:slug/requests/:handle', summary: 'Managers: approve or refuse a request to join',
    params: CommunityPersonParams, body: DecideRequestBody, status: 200, response: MembershipResult,
  },
  inviteToCommunity: {
    method: 'post', path: '/communities/:slug/invitations', summary: 'Managers: invite someone',
    params: CommunityParams, body: InviteBody, status: 200, response: MembershipResult,
  },
} as const satisfies Record<string, Endpoint>;

export type Api = typeof api;
