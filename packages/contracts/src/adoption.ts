import { z } from 'zod';
import { Slug, Timestamp } from './common.ts';

/**
 * Adoption measures (docs/adoption.md): who reads and who contributes, per week and per day, kept
 * on write. Admins see the company (the communities they can see); community managers their
 * communities.
 */

export const AdoptionQuery = z.strictObject({
  /** How many weeks of series (a week is 7 UTC days ending today, the newest first in time order last). */
  weeks: z.coerce.number().int().min(1).max(52).default(12),
  /** One community (its managers and admins); without it, admins get the company, managers their communities. */
  community: Slug.optional(),
});
export type AdoptionQuery = z.infer<typeof AdoptionQuery>;

/** A share of 0..1; null when there is nothing to divide by. */
const Share = z.number().min(0).max(1).nullable();
const Count = z.number().int().min(0);
const Day = z.iso.date();

/** The figures of one period (a day or a week). People are counted once per period, whatever they did. */
export const AdoptionFigures = z
  .object({
    start: Day,
    end: Day,
    /** Everyone in scope now: the company's active people, or the communities' active members. */
    people: Count,
    /** People who read through a widget (a signed-in read); null for a community (reading is not counted per community). */
    readers: Count.nullable(),
    readerShare: Share,
    /** People who posted, replied, asked or answered (what is neither deleted nor hidden). */
    contributors: Count,
    contributorShare: Share,
    /** Readers and contributors together ("interacting"); null for a community. */
    active: Count.nullable(),
    activeShare: Share,
    /** People with the executive role (AUTH_EXECUTIVE_GROUPS), and those of them who contributed / were active. */
    executives: Count,
    executiveContributors: Count,
    executiveContributorShare: Share,
    executiveActive: Count.nullable(),
    executiveActiveShare: Share,
    posts: Count,
    replies: Count,
    questions: Count,
    answers: Count,
    /** Of the period's questions: how many have had an answer. */
    questionsAnswered: Count,
    /** Median hours from a question to its first answer (the period's answered questions). */
    medianHoursToFirstAnswer: z.number().min(0).nullable(),
    /** Median hours to the first answer by an expert (routed to it, or knowing one of its tags). */
    medianHoursToFirstExpertAnswer: z.number().min(0).nullable(),
    /** Of the period's questions asked at least 48 h ago: the share without an answer within 48 h. */
    unansweredAfter48hShare: Share,
    /** Of the period's top-level posts: the share with at least one tag. */
    taggedPostShare: Share,
    /** Communities with at least one contribution in the period. */
    activeCommunities: Count,
  })
  .meta({ id: 'AdoptionFigures' });
export type AdoptionFigures = z.infer<typeof AdoptionFigures>;

/** What an admin aims for (defaults from published field figures: docs/adoption.md). */
export const AdoptionTargets = z
  .strictObject({
    activeShare: z.number().min(0).max(1),
    contributorShare: z.number().min(0).max(1),
    executiveContributorShare: z.number().min(0).max(1),
    /** At most this share of questions unanswered after 48 h. */
    unansweredAfter48hShare: z.number().min(0).max(1),
    taggedPostShare: z.number().min(0).max(1),
  })
  .meta({ id: 'AdoptionTargets' });
export type AdoptionTargets = z.infer<typeof AdoptionTargets>;

export const AdoptionDepartment = z
  .object({ department: z.string().nullable(), people: Count, readers: Count.nullable(), contributors: Count })
  .meta({ id: 'AdoptionDepartment' });
export type AdoptionDepartment = z.infer<typeof AdoptionDepartment>;

export const AdoptionCommunity = z
  .object({
    slug: Slug,
    name: z.string(),
    visibility: z.enum(['open', 'restricted']),
    members: Count,
    contributors: Count,
    posts: Count,
    replies: Count,
    questions: Count,
    answers: Count,
    /** The last UTC day with a contribution, ever. */
    lastActiveDay: Day.nullable(),
    /** No contribution for INACTIVE_DAYS (and older than that). */
    inactive: z.boolean(),
  })
  .meta({ id: 'AdoptionCommunity' });
export type AdoptionCommunity = z.infer<typeof AdoptionCommunity>;

export const AdoptionPlacement = z
  .object({ kind: z.string(), url: z.string(), readers: Count, contributors: Count })
  .meta({ id: 'AdoptionPlacement' });
export type AdoptionPlacement = z.infer<typeof AdoptionPlacement>;

/** An executive who has not contributed in scope this calendar month (UTC): for the roll-out team. */
export const AdoptionQuietExecutive = z
  .object({
    handle: z.string(),
    name: z.string(),
    department: z.string().nullable(),
    /** Their last UTC day with a contribution in scope, ever; null: never. */
    lastActiveDay: Day.nullable(),
  })
  .meta({ id: 'AdoptionQuietExecutive' });
export type AdoptionQuietExecutive = z.infer<typeof AdoptionQuietExecutive>;

export const Adoption = z
  .object({
    asOf: Timestamp,
    /** The community asked for; null for the company or a manager's communities. */
    community: z.object({ slug: Slug, name: z.string() }).nullable(),
    /** The communities counted (a company view: all the viewer can see, with content outside any community too). */
    communities: Count,
    /** The last 7 days: the headline figures. */
    current: AdoptionFigures,
    /** Communities in scope with no contribution for INACTIVE_DAYS. */
    inactiveCommunities: Count,
    /** 7-day periods ending today, oldest first (the last is `current`). */
    weeks: z.array(AdoptionFigures),
    /** The last 14 days, oldest first. */
    days: z.array(AdoptionFigures),
    /** The last 7 days by department, by community and by placement (company only; at most 100 placements). */
    byDepartment: z.array(AdoptionDepartment),
    byCommunity: z.array(AdoptionCommunity),
    byPlacement: z.array(AdoptionPlacement),
    /**
     * Admins only (null for anyone else): the executives of the population who have not
     * contributed in scope since the first day of this UTC month, by name (at most 200).
     */
    quietExecutives: z.array(AdoptionQuietExecutive).nullable(),
    targets: AdoptionTargets,
  })
  .meta({ id: 'Adoption' });
export type Adoption = z.infer<typeof Adoption>;

/**
 * `X-Hearth-Placement: <kind> <page URL>`: what the widgets send so reading is counted per host
 * page. The kind names the widgets on the page (`feed`, `feed+tag-cloud`…); the URL is http(s),
 * without query or fragment.
 */
export const PLACEMENT_HEADER = 'x-hearth-placement';
