import type {
  Community, CommunityList, DirectoryQuery, ListPostsQuery, ListRepliesQuery,
  Me, MemberPage, PeopleList, MembersQuery, MembershipResult, PostPage, SearchPage, SearchQuery, TagCloud, TagCloudQuery,
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

const slug = (s: string) => encodeURIComponent(s);

export const getMe = (c: HearthClient, signal?: AbortSignal) => c.call<Me>('me', { signal });

export const listPosts = (c: HearthClient, query: FeedQuery, signal?: AbortSignal) =>
  c.call<PostPage>('posts', { query, signal });
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
