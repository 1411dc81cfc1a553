import { z } from 'zod';
import { Cursor, Handle, PageSize, Slug, Timestamp, page } from './common.ts';
import { PersonSummary } from './people.ts';

export const Visibility = z.enum(['open', 'restricted']);
export type Visibility = z.infer<typeof Visibility>;

export const JoinPolicy = z.enum(['open', 'request', 'invite']);
export type JoinPolicy = z.infer<typeof JoinPolicy>;

export const CommunityState = z.enum(['active', 'archived']);
export type CommunityState = z.infer<typeof CommunityState>;

/** Where you stand with a community. */
export const MembershipState = z.enum(['none', 'pending', 'invited', 'member', 'manager']);
export type MembershipState = z.infer<typeof MembershipState>;

export const CommunitySummary = z
  .object({ slug: Slug, name: z.string(), visibility: Visibility })
  .meta({ id: 'CommunitySummary' });
export type CommunitySummary = z.infer<typeof CommunitySummary>;

export const CommunityActivity = z
  .object({
    /** Posts and replies in the last 30 days. */
    posts30d: z.number().int().min(0),
    /** People who posted or replied in the last 30 days. */
    activeMembers30d: z.number().int().min(0),
    lastActivityAt: Timestamp.nullable(),
    /** No activity for the server's inactivity setting (default 90 days). */
    inactive: z.boolean(),
    /** Posts per UTC day for the last 30 days, oldest first (30 numbers). */
    daily: z.array(z.number().int().min(0)),
  })
  .meta({ id: 'CommunityActivity' });
export type CommunityActivity = z.infer<typeof CommunityActivity>;

/**
 * A community as you may see it. `limited` is true for a restricted community you are not in
 * that lists itself in the directory: then only its name and purpose are given.
 */
export const Community = CommunitySummary.extend({
  purpose: z.string(),
  description: z.string(),
  joinPolicy: JoinPolicy,
  state: CommunityState,
  /** Restricted only: whether the directory shows its name and purpose to non-members. */
  listed: z.boolean(),
  limited: z.boolean(),
  memberCount: z.number().int().min(0).nullable(),
  managers: z.array(PersonSummary),
  /** A few members, for initials on a card. */
  someMembers: z.array(PersonSummary),
  activity: CommunityActivity.nullable(),
  membership: MembershipState,
  /** You may edit it and decide requests (its managers and admins). */
  canManage: z.boolean(),
}).meta({ id: 'Community' });
export type Community = z.infer<typeof Community>;

export const CommunityList = z.object({ items: z.array(Community) }).meta({ id: 'CommunityList' });
export type CommunityList = z.infer<typeof CommunityList>;

export const DirectoryQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;

export const InactiveCommunities = z
  .object({ items: z.array(z.object({ community: Community, inactiveDays: z.number().int().min(0) })) })
  .meta({ id: 'InactiveCommunities' });
export type InactiveCommunities = z.infer<typeof InactiveCommunities>;

const noNul = (s: string) => !s.includes('\u0000');
const Name = z.string().trim().min(2, 'a name needs at least 2 characters').max(80).refine(noNul, 'no NUL characters');
/** Why the community exists: required, so that every community has a stated purpose. */
const Purpose = z.string().trim().min(10, 'say in a sentence why this community exists').max(280).refine(noNul, 'no NUL characters');

/**
 * Slugs that are fixed route segments under /communities (`GET /communities/inactive`), or are
 * kept for ones to come: a community with such a slug could never be reached at its address.
 */
export const RESERVED_COMMUNITY_SLUGS: readonly string[] = ['inactive', 'new', 'mine', 'archived', 'search', 'requests', 'invitations'];

export const CreateCommunityBody = z.strictObject({
  slug: Slug.refine((s) => !RESERVED_COMMUNITY_SLUGS.includes(s), 'this slug is reserved for a route: choose another'),
  name: Name,
  purpose: Purpose,
  description: z.string().max(2000).refine(noNul, 'no NUL characters').default(''),
  visibility: Visibility.default('open'),
  joinPolicy: JoinPolicy.default('open'),
  listed: z.boolean().default(false),
  managers: z.array(Handle).min(1, 'a community needs at least one manager').max(10),
});
export type CreateCommunityBody = z.infer<typeof CreateCommunityBody>;

export const UpdateCommunityBody = z
  .strictObject({
    name: Name.optional(),
    purpose: Purpose.optional(),
    description: z.string().max(2000).refine(noNul, 'no NUL characters').optional(),
    visibility: Visibility.optional(),
    joinPolicy: JoinPolicy.optional(),
    listed: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateCommunityBody = z.infer<typeof UpdateCommunityBody>;

export const CommunityParams = z.strictObject({ slug: Slug });
export const CommunityPersonParams = z.strictObject({ slug: Slug, handle: Handle });

export const MembershipResult = z
  .object({ membership: MembershipState, memberCount: z.number().int().min(0) })
  .meta({ id: 'MembershipResult' });
export type MembershipResult = z.infer<typeof MembershipResult>;

export const Member = z
  .object({ person: PersonSummary, role: z.enum(['member', 'manager']), since: Timestamp })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const MemberPage = page(Member).meta({ id: 'MemberPage' });
export type MemberPage = z.infer<typeof MemberPage>;

export const MembersQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  limit: PageSize,
  cursor: Cursor.optional(),
});
export type MembersQuery = z.infer<typeof MembersQuery>;

export const JoinRequest = z
  .object({ person: PersonSummary, kind: z.enum(['request', 'invite']), createdAt: Timestamp })
  .meta({ id: 'JoinRequest' });
export type JoinRequest = z.infer<typeof JoinRequest>;

export const JoinRequestList = z.object({ items: z.array(JoinRequest) }).meta({ id: 'JoinRequestList' });
export type JoinRequestList = z.infer<typeof JoinRequestList>;

export const DecideRequestBody = z.strictObject({
  decision: z.enum(['approve', 'refuse']),
  /** A note to the requester, sent with the decision in their notification. */
  note: z.string().trim().max(500).optional(),
});
export type DecideRequestBody = z.infer<typeof DecideRequestBody>;

export const InviteBody = z.strictObject({ handle: Handle });
export type InviteBody = z.infer<typeof InviteBody>;
