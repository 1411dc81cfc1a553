import { z } from 'zod';
import { Id, Slug, Timestamp } from './common.ts';
import { PersonSummary } from './people.ts';
import { CommunitySummary } from './communities.ts';

/**
 * What someone knows about one tag, with the reasons. Earned expertise counts what helped
 * others (accepted and upvoted answers); declared skills and colleagues' endorsements are shown
 * as such. Mere mentions are not expertise.
 */
export const PersonSkill = z.object({
  tag: z.string(),
  declared: z.boolean(),
  endorsements: z.number().int().min(0),
  endorsedByMe: z.boolean(),
  /** In the last year. */
  acceptedAnswers: z.number().int().min(0),
  /** Upvotes on their answers on this tag, in the last year. */
  upvotes: z.number().int().min(0),
});
export type PersonSkill = z.infer<typeof PersonSkill>;

/** A recent post or answer of the person, as the viewer may see it (a short excerpt). */
export const PersonActivity = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('post'), id: Id, excerpt: z.string(), createdAt: Timestamp,
    community: CommunitySummary.nullable(),
  }),
  z.object({
    kind: z.literal('answer'), id: Id, questionId: Id, questionTitle: z.string(), excerpt: z.string(),
    accepted: z.boolean(), createdAt: Timestamp,
  }),
]);
export type PersonActivity = z.infer<typeof PersonActivity>;

/**
 * A person's card: who they are, what they know and why, their communities and recent work,
 * all as the viewer may see them (a restricted community the viewer is not in never appears).
 */
export const PersonCard = z
  .object({
    person: PersonSummary,
    away: z.boolean(),
    /** The viewer's own card: they may edit their skills and away. */
    isMe: z.boolean(),
    following: z.boolean(),
    followers: z.number().int().min(0),
    /** Strongest first. */
    skills: z.array(PersonSkill),
    communities: z.array(CommunitySummary.extend({ role: z.enum(['member', 'manager']) })),
    /** Newest first, at most 5. */
    recent: z.array(PersonActivity),
  })
  .meta({ id: 'PersonCard' });
export type PersonCard = z.infer<typeof PersonCard>;

/**
 * A card names its person by handle. Any text is taken: one that is not a well-formed handle
 * names nobody, so it answers 404 like a missing or deactivated person (a card given a bad
 * `handle` attribute shows "not found", not an error).
 */
export const PersonCardParams = z.strictObject({ handle: z.string().min(1).max(100) });
export const CommunityFollowParams = z.strictObject({ slug: Slug });

/** Everything the viewer follows (what the feed's Following scope shows). */
export const Following = z
  .object({
    tags: z.array(z.string()),
    people: z.array(PersonSummary),
    communities: z.array(CommunitySummary),
  })
  .meta({ id: 'Following' });
export type Following = z.infer<typeof Following>;
