import { z } from 'zod';
import { IdParams } from './common.ts';
import { Me, PeopleList, PeopleQuery } from './people.ts';
import { EventsQuery, StreamEvent } from './events.ts';
import {
  AcceptBody, AnswerBody, AnswerParams, Answer, AwayBody, CreateQuestionBody, EndorsementState, ExpertList, ExpertsQuery,
  ListQuestionsQuery, PersonExpertise,
  PersonParams, PersonTagParams, QuestionDetail, QuestionPage, QuestionParams, SimilarQuery, SimilarQuestions,
  SkillsBody, UpdateQuestionBody, VoteBody, VoteState,
} from './questions.ts';
import {
  ListNotificationsQuery, MarkReadBody, MarkReadResult, NotificationPage, NotificationSettings, NotificationSettingsBody,
  ThreadMute, ThreadParams, UnreadCount,
} from './notifications.ts';
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
  FollowState, MergeTagBody, TagCloud, TagCloudQuery, TagDetail, TagParams, TagSuggestions, TagSuggestQuery,
} from './tags.ts';
import { SearchPage, SearchQuery, SearchSuggestions } from './search.ts';
import { CommunityFollowParams, Following, PersonCard, PersonCardParams } from './profiles.ts';
import {
  AuditPage, AuditQuery, CreateReportBody, CreateWatchKeywordBody, DecideBody, HideBody, ModerationItem,
  ModerationQueue, ModerationQueueQuery, ModerationTargetParams, Report, WatchKeyword, WatchKeywordList,
  WatchKeywordParams,
} from './moderation.ts';
import { Adoption, AdoptionQuery, AdoptionTargets } from './adoption.ts';

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
  /**
   * The success body's media type when it is not JSON (mounted by hand, not by `mount`):
   * `text/csv` is an attachment whose text `response` describes.
   */
  produces?: 'text/csv';
}

export const API_PREFIX = '/api/v1';

export const api = {
  me: {
    method: 'get', path: '/me', summary: 'The signed-in person',
    status: 200, response: Me,
  },
  searchPeople: {
    method: 'get', path: '/people', summary: 'Active people by name or handle (what @ suggests, whom to invite), best matches first',
    query: PeopleQuery, status: 200, response: PeopleList,
  },
  personCard: {
    method: 'get', path: '/people/:handle', summary: "A person's card: what they know and why, their communities and recent work, as you may see them",
    params: PersonCardParams, status: 200, response: PersonCard,
  },
  followPerson: {
    method: 'put', path: '/people/:handle/follow', summary: 'Follow a person (idempotent)',
    params: PersonCardParams, status: 200, response: FollowState,
  },
  unfollowPerson: {
    method: 'delete', path: '/people/:handle/follow', summary: 'Stop following a person (idempotent)',
    params: PersonCardParams, status: 200, response: FollowState,
  },
  following: {
    method: 'get', path: '/me/following', summary: 'The tags, people and communities you follow',
    status: 200, response: Following,
  },
  events: {
    method: 'get', path: '/events', summary: 'Live events for what you can see (text/event-stream, ids only)',
    query: EventsQuery,
    headers: { 'Last-Event-ID': 'The `id:` of the last event you had: the events you may see since are replayed before live ones (or `reset` when they cannot be). `?lastEventId=` does the same.' },
    status: 200, response: StreamEvent, stream: true,
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
    method: 'get', path: '/search', summary: 'Full-text search over posts and questions, ranked together, with highlight offsets',
    query: SearchQuery, status: 200, response: SearchPage,
  },
  searchSuggestions: {
    method: 'get', path: '/search/suggestions', summary: 'What a search box offers before a query: popular tags and recent questions',
    status: 200, response: SearchSuggestions,
  },
  followCommunity: {
    method: 'put', path: '/communities/:slug/follow', summary: "Follow a community's posts without joining (idempotent)",
    params: CommunityFollowParams, status: 200, response: FollowState,
  },
  unfollowCommunity: {
    method: 'delete', path: '/communities/:slug/follow', summary: 'Stop following a community (idempotent)',
    params: CommunityFollowParams, status: 200, response: FollowState,
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
  listQuestions: {
    method: 'get', path: '/questions',
    summary: 'Questions, newest first; `unanswered=true` is the queue for experts and managers; `scope=mine` your own, `scope=for-me` your queue as an expert',
    query: ListQuestionsQuery, status: 200, response: QuestionPage,
  },
  similarQuestions: {
    method: 'get', path: '/questions/similar', summary: 'Questions like the one being typed, most relevant first (rare words weigh most; chosen tags, an accepted answer and up-votes help), with their accepted answer',
    query: SimilarQuery, status: 200, response: SimilarQuestions,
  },
  askQuestion: {
    method: 'post', path: '/questions', summary: 'Ask: the top experts are notified (and the webhook called, when configured)',
    body: CreateQuestionBody, status: 201, response: QuestionDetail,
    headers: { 'Idempotency-Key': 'As for creating a post.' },
  },
  getQuestion: {
    method: 'get', path: '/questions/:id', summary: 'A question with its answers',
    params: QuestionParams, status: 200, response: QuestionDetail,
  },
  updateQuestion: {
    method: 'patch', path: '/questions/:id', summary: 'Edit your own question',
    params: QuestionParams, body: UpdateQuestionBody, status: 200, response: QuestionDetail,
  },
  deleteQuestion: {
    method: 'delete', path: '/questions/:id', summary: 'Delete your own question (admins: any)',
    params: QuestionParams, status: 204, response: null,
  },
  answerQuestion: {
    method: 'post', path: '/questions/:id/answers', summary: 'Answer a question',
    params: QuestionParams, body: AnswerBody, status: 201, response: Answer,
    headers: { 'Idempotency-Key': 'As for creating a post.' },
  },
  passQuestion: {
    method: 'post', path: '/questions/:id/pass', summary: 'Not me: an expert the question was routed to passes, and the next best expert is asked',
    params: QuestionParams, status: 200, response: QuestionDetail,
  },
  acceptAnswer: {
    method: 'put', path: '/questions/:id/accepted', summary: 'The asker or a community manager accepts an answer (null: none)',
    params: QuestionParams, body: AcceptBody, status: 200, response: QuestionDetail,
  },
  updateAnswer: {
    method: 'patch', path: '/answers/:id', summary: 'Edit your own answer',
    params: AnswerParams, body: AnswerBody, status: 200, response: Answer,
  },
  deleteAnswer: {
    method: 'delete', path: '/answers/:id', summary: 'Delete your own answer (admins: any)',
    params: AnswerParams, status: 204, response: null,
  },
  voteAnswer: {
    method: 'put', path: '/answers/:id/vote', summary: 'Vote on an answer: 1, -1, or 0 to take the vote back (one per person)',
    params: AnswerParams, body: VoteBody, status: 200, response: VoteState,
  },
  experts: {
    method: 'get', path: '/experts', summary: 'Who knows about these tags, with the reasons',
    query: ExpertsQuery, status: 200, response: ExpertList,
  },
  personExpertise: {
    method: 'get', path: '/people/:handle/expertise', summary: "A person's declared skills and endorsements",
    params: PersonParams, status: 200, response: PersonExpertise,
  },
  setSkills: {
    method: 'put', path: '/me/skills', summary: 'Declare your skills (replaces the list)',
    body: SkillsBody, status: 200, response: PersonExpertise,
  },
  setAway: {
    method: 'put', path: '/me/away', summary: 'Mark yourself away: no questions are routed to you',
    body: AwayBody, status: 200, response: PersonExpertise,
  },
  endorse: {
    method: 'put', path: '/people/:handle/skills/:tag/endorsement', summary: "Endorse a colleague's skill",
    params: PersonTagParams, status: 200, response: EndorsementState,
  },
  unendorse: {
    method: 'delete', path: '/people/:handle/skills/:tag/endorsement', summary: 'Take an endorsement back',
    params: PersonTagParams, status: 200, response: EndorsementState,
  },
  listNotifications: {
    method: 'get', path: '/notifications', summary: 'Your notifications, newest first',
    query: ListNotificationsQuery, status: 200, response: NotificationPage,
  },
  unreadNotifications: {
    method: 'get', path: '/notifications/unread', summary: 'How many of your notifications are unread (the bell)',
    status: 200, response: UnreadCount,
  },
  markNotificationsRead: {
    method: 'post', path: '/notifications/read', summary: 'Mark notifications read: yours only (an id that is not yours is a 404 and nothing is marked); `unread` is your own count after',
    body: MarkReadBody, status: 200, response: MarkReadResult,
  },
  notificationSettings: {
    method: 'get', path: '/me/notification-settings', summary: 'Where each kind of notification reaches you',
    status: 200, response: NotificationSettings,
  },
  updateNotificationSettings: {
    method: 'put', path: '/me/notification-settings', summary: 'Choose, per kind, in the page only or also out of it',
    body: NotificationSettingsBody, status: 200, response: NotificationSettings,
  },
  muteThread: {
    method: 'put', path: '/threads/:kind/:id/mute', summary: 'Mute a post or question thread: no more notifications from it',
    params: ThreadParams, status: 200, response: ThreadMute,
  },
  unmuteThread: {
    method: 'delete', path: '/threads/:kind/:id/mute', summary: 'Unmute a thread',
    params: ThreadParams, status: 200, response: ThreadMute,
  },
  report: {
    method: 'post', path: '/reports', summary: 'Report a post, reply, question or answer (once per person) for a moderator to look at',
    body: CreateReportBody, status: 201, response: Report,
  },
  moderationQueue: {
    method: 'get', path: '/moderation/queue', summary: 'Managers (their communities) and admins (everything): reported and watched content',
    query: ModerationQueueQuery, status: 200, response: ModerationQueue,
  },
  hideContent: {
    method: 'post', path: '/moderation/items/:kind/:id/hide', summary: 'Moderators: hide content; its author is shown the reason',
    params: ModerationTargetParams, body: HideBody, status: 200, response: ModerationItem,
  },
  restoreContent: {
    method: 'post', path: '/moderation/items/:kind/:id/restore', summary: 'Moderators: bring hidden content back as it was',
    params: ModerationTargetParams, body: DecideBody, status: 200, response: ModerationItem,
  },
  dismissReports: {
    method: 'post', path: '/moderation/items/:kind/:id/dismiss', summary: 'Moderators: nothing wrong; the item leaves the queue',
    params: ModerationTargetParams, body: DecideBody, status: 200, response: ModerationItem,
  },
  listWatchKeywords: {
    method: 'get', path: '/moderation/keywords', summary: "Admins: the keyword watch list",
    status: 200, response: WatchKeywordList,
  },
  addWatchKeyword: {
    method: 'post', path: '/moderation/keywords', summary: 'Admins: watch a word or pattern (new matching content enters the queue, not hidden)',
    body: CreateWatchKeywordBody, status: 201, response: WatchKeyword,
  },
  removeWatchKeyword: {
    method: 'delete', path: '/moderation/keywords/:id', summary: 'Admins: stop watching a word or pattern',
    params: WatchKeywordParams, status: 204, response: null,
  },
  auditLog: {
    method: 'get', path: '/audit', summary: 'Admins: the audit trail of moderator and admin actions, newest first',
    query: AuditQuery, status: 200, response: AuditPage,
  },
  auditCsv: {
    method: 'get', path: '/audit.csv',
    summary: 'Admins: the audit trail as a CSV attachment (newest first; at, actor handle and name, action, target kind and id, community, reason, details as JSON)',
    query: AuditQuery.pick({ action: true }), status: 200, response: z.string(), produces: 'text/csv',
  },
  adoption: {
    method: 'get', path: '/adoption',
    summary: 'Admins (the company) and community managers (their communities): adoption figures per week and day, headline, breakdowns, targets',
    query: AdoptionQuery, status: 200, response: Adoption,
  },
  setAdoptionTargets: {
    method: 'put', path: '/adoption/targets', summary: 'Admins: set the adoption targets',
    body: AdoptionTargets, status: 200, response: AdoptionTargets,
  },
} as const satisfies Record<string, Endpoint>;

export type Api = typeof api;
