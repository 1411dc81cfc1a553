import type {
  Community, CommunityList, CreatePostBody, DirectoryQuery, LikeState, ListPostsQuery, ListRepliesQuery,
  Me, MemberPage, PeopleList, MembersQuery, MembershipResult, Post, PostPage, SearchPage, SearchQuery, TagCloud, TagCloudQuery,
  TagDetail, TagSuggestions, CreateReportBody, Report, SearchSuggestions,
} from '@hearth/contracts';
import type { HearthClient } from './client.ts';

/*
 * The API's endpoints as functions over a client, typed by the contracts. Separate functions
 * (not methods) so each widget bundle carries only the endpoints it uses.
 */

/** Input shapes as a widget writes them: the server fills the defaults. */
export type FeedQuery = Partial<Pick<ListPostsQuery, 'community' | 'tag' | 'author' | 'following' | 'limit' | 'cursor'>>;
export type RepliesQuery = Partial<ListRepliesQuery>;
export type CloudQuery = Partial<TagCloudQuery>;
export type SearchInput = Pick<SearchQuery, 'q'> & Partial<Omit<SearchQuery, 'q'>>;

const key = (idempotencyKey: string) => ({ 'idempotency-key': idempotencyKey });
const slug = (s: string) => encodeURIComponent(s);

export const getMe = (c: HearthClient, signal?: AbortSignal) => c.call<Me>('me', { signal });

export const listPosts = (c: HearthClient, query: FeedQuery, signal?: AbortSignal) =>
  c.call<PostPage>('posts', { query, signal });
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

export const tagCloud = (c: HearthClient, query: CloudQuery, signal?: AbortSignal) => c.call<TagCloud>('tags', { query, signal });
export const suggestTags = (c: HearthClient, prefix: string, limit?: number, signal?: AbortSignal) =>
  c.call<TagSuggestions>('tags/suggest', { query: { prefix, limit }, signal });
export const getTag = (c: HearthClient, name: string, signal?: AbortSignal) => c.call<TagDetail>(`tags/${slug(name)}`, { signal });
export const search = (c: HearthClient, query: SearchInput, signal?: AbortSignal) => c.call<SearchPage>('search', { query, signal });
/** What a search box offers before there is a query: popular tags, recent questions. */
export const searchSuggestions = (c: HearthClient, signal?: AbortSignal) => c.call<SearchSuggestions>('search/suggestions', { signal });

export const listCommunities = (c: HearthClient, query: Partial<DirectoryQuery>, signal?: AbortSignal) =>
  c.call<CommunityList>('communities', { query, signal });
export const getCommunity = (c: HearthClient, s: string, signal?: AbortSignal) => c.call<Community>(`communities/${slug(s)}`, { signal });
/** Joins (or asks to join, by the community's policy), or leaves / withdraws. */
export const setMembership = (c: HearthClient, s: string, join: boolean) =>
  c.call<MembershipResult>(`communities/${slug(s)}/membership`, { method: join ? 'put' : 'delete' });
/** Active people by handle or name (`GET /people`): what `@` suggests, whom a manager invites. */
export const searchPeople = (c: HearthClient, q: string, limit: number, signal?: AbortSignal) =>
  c.call<PeopleList>('people', { query: { q, limit }, signal });
export const listMembers = (c: HearthClient, s: string, query: Partial<MembersQuery>, signal?: AbortSignal) =>
  c.call<MemberPage>(`communities/${slug(s)}/members`, { query, signal });

/** Reports content for a moderator to look at (once per person: a second time is a 409). */
export const createReport = (c: HearthClient, body: CreateReportBody) =>
  c.call<Report>('reports', { method: 'post', json: body });
