import { z } from 'zod';
import { Cursor, Handle, Id, PageSize, Slug, Timestamp, hasVisibleText, page } from './common.ts';
import { PersonSummary } from './people.ts';
import { CommunitySummary } from './communities.ts';
import { TagChips } from './posts.ts';
import { Hidden } from './moderation.ts';

export const QUESTION_BODY_MAX = 10_000;

const Text = (max: number) =>
  z.string().max(max, `at most ${max} characters`).refine((s) => !s.includes('\u0000'), 'no NUL characters');

/**
 * A question's optional body: empty (or white space) is no body, but invisible characters alone
 * (zero-width spaces and the like) are refused rather than shown as a blank body.
 */
const QuestionBodyText = Text(QUESTION_BODY_MAX).refine(
  (s) => s.trim() === '' || hasVisibleText(s),
  'a body cannot be only invisible characters: leave it empty or write something',
);

export const QuestionTitle = z
  .string()
  .trim()
  .min(10, 'say what you want to know in at least 10 characters')
  .max(200, 'a title is at most 200 characters')
  .refine((s) => !s.includes('\u0000'), 'no NUL characters')
  .refine(hasVisibleText, 'a title cannot be only invisible characters');

export const QuestionState = z.enum(['open', 'answered']);
export type QuestionState = z.infer<typeof QuestionState>;

export const Answer = z
  .object({
    id: Id,
    questionId: Id,
    author: PersonSummary,
    body: z.string(),
    createdAt: Timestamp,
    editedAt: Timestamp.nullable(),
    /** Up-votes minus down-votes. */
    score: z.number().int(),
    myVote: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
    accepted: z.boolean(),
    canEdit: z.boolean(),
    canDelete: z.boolean(),
    /** Set when a moderator hid it: others get an empty body. */
    hidden: Hidden.nullable(),
  })
  .meta({ id: 'Answer' });
export type Answer = z.infer<typeof Answer>;

export const Question = z
  .object({
    id: Id,
    title: z.string(),
    body: z.string(),
    author: PersonSummary,
    community: CommunitySummary.nullable(),
    tags: z.array(z.string()),
    state: QuestionState,
    answerCount: z.number().int().min(0),
    acceptedAnswerId: Id.nullable(),
    createdAt: Timestamp,
    editedAt: Timestamp.nullable(),
    /** When the first answer came (time to first answer = this - createdAt). */
    firstAnswerAt: Timestamp.nullable(),
    /**
     * When the first answer by an expert came: someone routed to the question, or whose declared
     * skills or earned expertise covered its tags when they answered.
     */
    firstExpertAnswerAt: Timestamp.nullable(),
    /** For its asker: answers by others since they last opened it (0 for anyone else). */
    newAnswers: z.number().int().min(0),
    /** It was routed to the viewer as an expert, who has not passed ("not me"): they may pass. */
    routedToMe: z.boolean(),
    canEdit: z.boolean(),
    canDelete: z.boolean(),
    /** The asker and the community's managers may accept an answer. */
    canAccept: z.boolean(),
    /** Set when a moderator hid it: others get an empty title, body and tags. */
    hidden: Hidden.nullable(),
  })
  .meta({ id: 'Question' });
export type Question = z.infer<typeof Question>;

export const QuestionDetail = Question.extend({
  /** Accepted first, then by score, then oldest first. */
  answers: z.array(Answer),
}).meta({ id: 'QuestionDetail' });
export type QuestionDetail = z.infer<typeof QuestionDetail>;

export const QuestionPage = page(Question).meta({ id: 'QuestionPage' });
export type QuestionPage = z.infer<typeof QuestionPage>;

/**
 * `mine`: the viewer's own questions, newest first. `for-me`: the viewer's queue as an expert,
 * questions routed to them that they have not answered or passed (newest first), then unanswered
 * questions in tags they know (declared skills or earned expertise), newest first.
 */
export const QuestionScope = z.enum(['mine', 'for-me']);
export type QuestionScope = z.infer<typeof QuestionScope>;

export const ListQuestionsQuery = z.strictObject({
  scope: QuestionScope.optional(),
  state: QuestionState.optional(),
  /** `true`: only questions nobody has answered yet (the queue for experts and managers). */
  unanswered: z.enum(['true', 'false']).optional(),
  tag: z.string().min(1).max(41).optional(),
  community: Slug.optional(),
  author: Handle.optional(),
  limit: PageSize,
  cursor: Cursor.optional(),
});
export type ListQuestionsQuery = z.infer<typeof ListQuestionsQuery>;

export const CreateQuestionBody = z.strictObject({
  title: QuestionTitle,
  body: QuestionBodyText.default(''),
  tags: TagChips.default([]),
  community: Slug.optional(),
});
export type CreateQuestionBody = z.infer<typeof CreateQuestionBody>;

export const UpdateQuestionBody = z
  .strictObject({ title: QuestionTitle.optional(), body: QuestionBodyText.optional(), tags: TagChips.optional() })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateQuestionBody = z.infer<typeof UpdateQuestionBody>;

export const AnswerBody = z.strictObject({
  body: Text(QUESTION_BODY_MAX).refine(hasVisibleText, 'write an answer first'),
});
export type AnswerBody = z.infer<typeof AnswerBody>;

export const VoteBody = z.strictObject({ value: z.union([z.literal(-1), z.literal(0), z.literal(1)]) });
export type VoteBody = z.infer<typeof VoteBody>;

export const VoteState = z.object({ score: z.number().int(), myVote: z.union([z.literal(-1), z.literal(0), z.literal(1)]) }).meta({ id: 'VoteState' });
export type VoteState = z.infer<typeof VoteState>;

export const AcceptBody = z.strictObject({ answerId: Id.nullable() });
export type AcceptBody = z.infer<typeof AcceptBody>;

/** A comma-separated list of tags in a query string: `kubernetes,helm`. */
export const TagList = z
  .string()
  .min(1)
  .max(250)
  .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(1).max(41)).min(1, 'name at least one tag').max(5, 'at most 5 tags'));

export const SimilarQuery = z.strictObject({
  title: z.string().trim().min(3, 'type a few words first').max(200),
  body: z.string().max(QUESTION_BODY_MAX).optional(),
  tags: TagList.optional(),
  community: Slug.optional(),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});
export type SimilarQuery = z.infer<typeof SimilarQuery>;

export const SimilarQuestion = z
  .object({ question: Question, acceptedAnswer: Answer.nullable(), score: z.number() })
  .meta({ id: 'SimilarQuestion' });
export const SimilarQuestions = z.object({ items: z.array(SimilarQuestion) }).meta({ id: 'SimilarQuestions' });
export type SimilarQuestions = z.infer<typeof SimilarQuestions>;

export const ExpertReason = z.object({
  tag: z.string(),
  /** In the last year. */
  acceptedAnswers: z.number().int().min(0),
  answers: z.number().int().min(0),
  upvotes: z.number().int().min(0),
  posts: z.number().int().min(0),
  declared: z.boolean(),
  endorsements: z.number().int().min(0),
});
export type ExpertReason = z.infer<typeof ExpertReason>;

export const Expert = z
  .object({
    person: PersonSummary,
    /** Earned and declared expertise on the asked tags, decayed by age. */
    score: z.number(),
    reasons: z.array(ExpertReason),
    /** The strongest reason as a sentence, e.g. "9 accepted answers on #kubernetes in the last year". */
    summary: z.string(),
  })
  .meta({ id: 'Expert' });
export type Expert = z.infer<typeof Expert>;

export const ExpertsQuery = z.strictObject({
  tags: TagList,
  community: Slug.optional(),
  /** Leave this person out (the asker). */
  exclude: Handle.optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type ExpertsQuery = z.infer<typeof ExpertsQuery>;

export const ExpertList = z.object({ items: z.array(Expert) }).meta({ id: 'ExpertList' });
export type ExpertList = z.infer<typeof ExpertList>;

export const QuestionParams = z.strictObject({ id: Id });
export const AnswerParams = z.strictObject({ id: Id });

export const SkillsBody = z.strictObject({ tags: z.array(z.string().min(1).max(41)).max(20, 'at most 20 skills') });
export const AwayBody = z.strictObject({ away: z.boolean() });

export const PersonExpertise = z
  .object({
    person: PersonSummary,
    away: z.boolean(),
    skills: z.array(z.object({ tag: z.string(), declared: z.boolean(), endorsements: z.number().int().min(0), endorsedByMe: z.boolean() })),
  })
  .meta({ id: 'PersonExpertise' });
export type PersonExpertise = z.infer<typeof PersonExpertise>;

export const PersonParams = z.strictObject({ handle: Handle });
export const PersonTagParams = z.strictObject({ handle: Handle, tag: z.string().min(1).max(41) });
export const EndorsementState = z.object({ endorsements: z.number().int().min(0), endorsedByMe: z.boolean() }).meta({ id: 'EndorsementState' });
