import type {
  Answer, CreateQuestionBody, ListQuestionsQuery, Question, QuestionDetail, QuestionPage, SimilarQuery, SimilarQuestions,
  UpdateQuestionBody, VoteState,
} from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import { isAdmin, type Viewer } from '../../auth/viewer.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors.ts';
import { decodeCursor, encodeCursor, TimeKey, timeCursor } from '../cursor.ts';
import { z } from 'zod';
import type { CommunitiesService } from '../communities/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { ExpertsService } from '../experts/service.ts';
import type { NotificationsService } from '../notifications/service.ts';
import type { Outbox } from '../webhooks/outbox.ts';
import { tagsRepo } from '../tags/repo.ts';
import { parseTag, tagFilter } from '../tags/service.ts';
import { questionsRepo, type AnswerRow, type QueueKey, type QuestionRow } from './repo.ts';
import { once, type IdempotentRequest, type Outcome } from '../idempotency/repo.ts';
import { hiddenView } from '../moderation/hidden.ts';
import { watch } from '../moderation/watch.ts';

export type QuestionsService = ReturnType<typeof questionsService>;

/** The "for me to answer" cursor: [routed (0) or known tags (1), created_at, id]. */
const QueueCursor = z
  .tuple([z.union([z.literal(0), z.literal(1)]), z.iso.datetime({ offset: true }), z.number().int().positive().max(2_147_483_647)])
  .transform(([group, at, id]): QueueKey => ({ routed: group === 0, at: new Date(at), id }));

/** How many experts a new question is routed to. */
const ROUTE_TO = 3;

interface Deps {
  communities: CommunitiesService;
  people: PeopleService;
  experts: ExpertsService;
  notifications: NotificationsService;
  outbox: Outbox;
}

/** Questions and answers: who sees, asks, answers, votes and accepts; routing to experts. */
export function questionsService(db: Db, deps: Deps) {
  const repo = questionsRepo(db);
  const { communities, people, experts, notifications, outbox } = deps;

  async function visibleQuestion(viewer: Viewer, id: number, hidden?: number[]): Promise<QuestionRow> {
    const row = await repo.visible(viewer.id, hidden ?? (await communities.hiddenFrom(viewer)), id);
    if (!row) throw new NotFoundError(`question ${id}`);
    return row;
  }

  async function detail(viewer: Viewer, id: number): Promise<QuestionDetail> {
    const row = await visibleQuestion(viewer, id);
    const answers = await repo.answers(viewer.id, id);
    return { ...toQuestion(row, viewer), answers: answers.map((a) => toAnswer(a, viewer)) };
  }

  /** The answer and its question, if `viewer` may see them. */
  async function visibleAnswer(viewer: Viewer, id: number): Promise<{ answer: AnswerRow; question: QuestionRow }> {
    const answer = await repo.answer(viewer.id, id);
    const question = answer && (await repo.visible(viewer.id, await communities.hiddenFrom(viewer), answer.question_id));
    if (!answer || !question) throw new NotFoundError(`answer ${id}`);
    return { answer, question };
  }

  function assertWritable(q: QuestionRow) {
    communities.assertWritable(q.community_id === null ? null : { name: q.community_name ?? '', state: q.community_state ?? 'active' });
  }

  /** The keyword watch list reads a question's title, body and tags. */
  const watchQuestion = (tx: Queryable, id: number, communityId: number | null, q: { title: string; body: string; tags: string[] }) =>
    watch(tx, { kind: 'question', id, communityId, text: [q.title, q.body, ...q.tags].join('\n') });
  const watchAnswer = (tx: Queryable, id: number, communityId: number | null, body: string) =>
    watch(tx, { kind: 'answer', id, communityId, text: body });

  async function tagIds(tx: Queryable, tags: string[]) {
    return tagsRepo(tx).ensure([...new Set(tags.map((t, i) => parseTag(t, `body.tags.${i}`)))]);
  }

  return {
    async list(viewer: Viewer, q: ListQuestionsQuery): Promise<QuestionPage> {
      const hidden = await communities.hiddenFrom(viewer);
      if (q.scope === 'for-me') {
        // A queue of its own order: the other filters do not apply to it.
        const unused = (['state', 'unanswered', 'tag', 'community', 'author'] as const).filter((k) => q[k] !== undefined);
        if (unused.length > 0) {
          throw new InvalidError(`query.${unused[0]}: not with scope=for-me`, unused.map((k) => ({
            path: `query.${k}`, message: 'scope=for-me is its own queue and takes no other filter', code: 'not_with_scope',
          })));
        }
        const rows = await repo.forMe(viewer.id, hidden, q.cursor ? decodeCursor(q.cursor, QueueCursor) : undefined, q.limit + 1);
        const items = rows.slice(0, q.limit);
        const last = items[items.length - 1];
        return {
          items: items.map((r) => toQuestion(r, viewer)),
          nextCursor: rows.length > q.limit && last ? encodeCursor([last.routed_to_me ? 0 : 1, last.created_at.toISOString(), last.id]) : null,
        };
      }
      if (q.scope === 'mine' && q.author !== undefined) {
        throw new InvalidError('query.author: not with scope=mine', [
          { path: 'query.author', message: 'scope=mine lists your own questions: leave author out', code: 'not_with_scope' },
        ]);
      }
      const community = q.community ? await communities.visible(viewer, q.community) : undefined;
      const authorId = q.scope === 'mine' ? viewer.id : await people.filterId(q.author);
      const tagId = await tagFilter(db, q.tag, 'query.tag');
      if (tagId === null) return { items: [], nextCursor: null };
      const rows = await repo.list({
        viewerId: viewer.id, hidden, state: q.state, unanswered: q.unanswered === 'true', tagId,
        communityId: community?.id, authorId, after: q.cursor ? decodeCursor(q.cursor, TimeKey) : undefined, limit: q.limit + 1,
      });
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return {
        items: items.map((r) => toQuestion(r, viewer)),
        nextCursor: rows.length > q.limit && last ? timeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },

    /** A question with its answers; its asker opening it sees its answers (the "new" marks go). */
    async get(viewer: Viewer, id: number): Promise<QuestionDetail> {
      const shown = await detail(viewer, id);
      if (shown.author.id === viewer.id) await repo.markSeen(id, viewer.id);
      return shown;
    },

    /**
     * "Not me": an expert the question was routed to passes. They are no longer counted as routed
     * (and never asked again), and the next best expert who was not asked yet, is not away, can
     * read it and is not the asker is routed and notified.
     */
    async pass(viewer: Viewer, id: number): Promise<QuestionDetail> {
      const q = await visibleQuestion(viewer, id);
      const routes = await repo.routes(id);
      const mine = routes.find((r) => r.person_id === viewer.id);
      if (!mine) throw new ForbiddenError('this question was not routed to you: there is nothing to pass');
      if (mine.passed_at) throw new ConflictError('you passed on this question already');
      // Found before the transaction (reads outside it would wait on PGlite's one connection).
      const next = q.tags.length === 0 ? { items: [] } : await experts.find(viewer, {
        tags: q.tags, limit: 1, community: q.community_slug ?? undefined,
        excludeIds: [q.author_id, ...routes.map((r) => r.person_id)],
      });
      const nextIds = next.items.map((e) => e.person.id);
      await db.transaction(async (tx) => {
        const txRepo = questionsRepo(tx);
        // Two passes at once: only one finds the routing still open.
        if (!(await txRepo.pass(id, viewer.id))) throw new ConflictError('you passed on this question already');
        await txRepo.route(id, nextIds);
        await notifications.add(tx, nextIds, 'question.routed', id);
      });
      return detail(viewer, id);
    },

    async similar(viewer: Viewer, q: SimilarQuery): Promise<SimilarQuestions> {
      const hidden = await communities.hiddenFrom(viewer);
      const community = q.community ? await communities.visible(viewer, q.community) : undefined;
      const ids: number[] = [];
      for (const [i, t] of (q.tags ?? []).entries()) {
        const tag = await tagsRepo(db).resolve(parseTag(t, `query.tags.${i}`));
        if (tag) ids.push(tag.id);
      }
      const rows = await repo.similar(viewer.id, hidden, `${q.title} ${q.body ?? ''}`, ids, community?.id, q.limit);
      // Every accepted answer in one query, not one per suggestion.
      const accepted = await repo.answersByIds(viewer.id, rows.flatMap((r) => (r.accepted_answer_id === null ? [] : [r.accepted_answer_id])));
      return {
        items: rows.map((row) => {
          const answer = accepted.find((a) => a.id === row.accepted_answer_id);
          return { question: toQuestion(row, viewer), acceptedAnswer: answer ? toAnswer(answer, viewer) : null, score: Math.round(row.score * 1000) / 1000 };
        }),
      };
    },

    /** Asks, once per Idempotency-Key. */
    async ask(viewer: Viewer, body: CreateQuestionBody, key?: IdempotentRequest): Promise<Outcome<QuestionDetail>> {
      return once(db, viewer.id, key, async (record) => {
        const community = body.community ? await communities.visible(viewer, body.community) : undefined;
        communities.assertWritable(community);
        // Route to the people who know, who can read it, who are not away, and not the asker.
        // Found before the transaction: reads outside it would wait on PGlite's one connection.
        const top = body.tags.length === 0 ? { items: [] } : await experts.find(viewer, {
          tags: body.tags, limit: ROUTE_TO, community: community?.slug, excludeIds: [viewer.id],
        });
        const questionId = await db.transaction(async (tx) => {
          const txRepo = questionsRepo(tx);
          const id = await txRepo.insertQuestion({ authorId: viewer.id, communityId: community?.id ?? null, title: body.title, body: body.body });
          await record(tx, id);
          await txRepo.setTags(id, await tagIds(tx, body.tags));
          await watchQuestion(tx, id, community?.id ?? null, body);
          await txRepo.route(id, top.items.map((e) => e.person.id));
          await notifications.add(tx, top.items.map((e) => e.person.id), 'question.routed', id);
          await outbox.enqueue(tx, 'question.asked', {
            question: { id, title: body.title, tags: body.tags.map((t) => parseTag(t, 'body.tags')), community: community?.slug ?? null, askedBy: viewer.handle },
            experts: top.items.map((e) => ({ handle: e.person.handle, name: e.person.name, reason: e.summary })),
          });
          return id;
        });
        return detail(viewer, questionId);
      }, (id) => detail(viewer, id));
    },

    async update(viewer: Viewer, id: number, body: UpdateQuestionBody): Promise<QuestionDetail> {
      const q = await visibleQuestion(viewer, id);
      if (q.author_id !== viewer.id) throw new ForbiddenError('you can only edit your own questions');
      assertWritable(q);
      await db.transaction(async (tx) => {
        const txRepo = questionsRepo(tx);
        const title = body.title ?? q.title;
        const text = body.body ?? q.body;
        await txRepo.updateQuestion(id, title, text);
        if (body.tags) {
          // Expertise earned by answering moves with the question's tags.
          await txRepo.contributions('a.question_id = $1', id, -1);
          await txRepo.setTags(id, await tagIds(tx, body.tags));
          await txRepo.contributions('a.question_id = $1', id, 1);
        }
        await watchQuestion(tx, id, q.community_id, { title, body: text, tags: body.tags ?? q.tags });
      });
      return detail(viewer, id);
    },

    async remove(viewer: Viewer, id: number): Promise<void> {
      const q = await visibleQuestion(viewer, id);
      if (q.author_id !== viewer.id && !isAdmin(viewer)) throw new ForbiddenError('you can only delete your own questions');
      assertWritable(q);
      await db.transaction(async (tx) => {
        await questionsRepo(tx).contributions('a.question_id = $1', id, -1);
        await questionsRepo(tx).deleteQuestion(id);
      });
    },

    /** Answers, once per Idempotency-Key. */
    async answer(viewer: Viewer, questionId: number, body: string, key?: IdempotentRequest): Promise<Outcome<Answer>> {
      const shown = async (id: number) => {
        const row = await repo.answer(viewer.id, id);
        if (!row) throw new NotFoundError(`answer ${id}`);
        return toAnswer(row, viewer);
      };
      return once(db, viewer.id, key, async (record) => {
        const q = await visibleQuestion(viewer, questionId);
        assertWritable(q);
        if (q.hidden_at) throw new ConflictError('this question was hidden by a moderator: it takes no answers');
        const answerId = await db.transaction(async (tx) => {
          const txRepo = questionsRepo(tx);
          // Before this answer adds to their expertise: were they an expert when they answered?
          const expert = q.author_id !== viewer.id && (await txRepo.answersAsExpert(questionId, viewer.id));
          const id = await txRepo.insertAnswer({ questionId, authorId: viewer.id, body });
          if (expert) await txRepo.firstExpertAnswer(questionId);
          await record(tx, id);
          await txRepo.contributions('a.id = $1', id, 1);
          await watchAnswer(tx, id, q.community_id, body);
          // Who answered, and which answer: the asker's bell says who, and the link opens that answer.
          if (q.author_id !== viewer.id) await notifications.notify(tx, { personIds: [q.author_id], kind: 'answer.posted', actorId: viewer.id, questionId, answerId: id });
          return id;
        });
        return shown(answerId);
      }, shown);
    },


    async accept(viewer: Viewer, questionId: number, answerId: number | null): Promise<QuestionDetail> {
      const q = await visibleQuestion(viewer, questionId);
      if (!canAccept(q, viewer)) throw new ForbiddenError('only the asker or a manager of the community can accept an answer');
      assertWritable(q);
      const answer = answerId === null ? null : await repo.answer(viewer.id, answerId);
      if (answerId !== null && answer?.question_id !== questionId) {
        throw new InvalidError('body.answerId: not an answer to this question', [
          { path: 'body.answerId', message: 'not an answer to this question', code: 'wrong_question' },
        ]);
      }
      await db.transaction(async (tx) => {
        const txRepo = questionsRepo(tx);
        const previous = q.accepted_answer_id;
        if (previous !== null) await txRepo.contributions('a.id = $1', previous, -1);
        if (answerId !== null && answerId !== previous) await txRepo.contributions('a.id = $1', answerId, -1);
        await txRepo.accept(questionId, answerId);
        if (previous !== null) await txRepo.contributions('a.id = $1', previous, 1);
        if (answerId !== null && answerId !== previous) await txRepo.contributions('a.id = $1', answerId, 1);
        if (answer && answer.author_id !== viewer.id && answerId !== previous) {
          await notifications.notify(tx, { personIds: [answer.author_id], kind: 'answer.accepted', actorId: viewer.id, questionId, answerId: answerId! });
        }
      });
      return detail(viewer, questionId);
    },

    async updateAnswer(viewer: Viewer, id: number, body: string): Promise<Answer> {
      const { answer, question } = await visibleAnswer(viewer, id);
      if (answer.author_id !== viewer.id) throw new ForbiddenError('you can only edit your own answers');
      assertWritable(question);
      await db.transaction(async (tx) => {
        await questionsRepo(tx).updateAnswer(id, body);
        await watchAnswer(tx, id, question.community_id, body);
      });
      return toAnswer((await repo.answer(viewer.id, id))!, viewer);
    },

    async removeAnswer(viewer: Viewer, id: number): Promise<void> {
      const { answer, question } = await visibleAnswer(viewer, id);
      if (answer.author_id !== viewer.id && !isAdmin(viewer)) throw new ForbiddenError('you can only delete your own answers');
      assertWritable(question);
      await db.transaction(async (tx) => {
        await questionsRepo(tx).contributions('a.id = $1', id, -1);
        await questionsRepo(tx).deleteAnswer(id, answer.question_id);
      });
    },

    async vote(viewer: Viewer, id: number, value: -1 | 0 | 1): Promise<VoteState> {
      const { answer, question } = await visibleAnswer(viewer, id);
      if (answer.author_id === viewer.id) throw new ForbiddenError('you cannot vote on your own answer');
      assertWritable(question);
      const score = await db.transaction(async (tx) => {
        const txRepo = questionsRepo(tx);
        await txRepo.contributions('a.id = $1', id, -1);
        const s = await txRepo.vote(id, viewer.id, value);
        await txRepo.contributions('a.id = $1', id, 1);
        return s;
      });
      return { score, myVote: value };
    },
  };
}

function canAccept(q: QuestionRow, viewer: Viewer): boolean {
  return q.author_id === viewer.id || q.viewer_manages;
}

function person(r: { author_id: number; author_handle: string; author_name: string; author_title: string | null; author_department: string | null }) {
  return { id: r.author_id, handle: r.author_handle, name: r.author_name, title: r.author_title, department: r.author_department };
}

export function toQuestion(r: QuestionRow, viewer: Viewer): Question {
  const writable = r.community_state !== 'archived';
  const mine = r.author_id === viewer.id;
  // Hidden by a moderator: a placeholder for everyone but its author and moderators.
  const { hidden, masked } = hiddenView(r, viewer, r.viewer_manages);
  return {
    id: r.id, title: masked ? '' : r.title, body: masked ? '' : r.body, author: person(r),
    community: r.community_slug ? { slug: r.community_slug, name: r.community_name ?? r.community_slug, visibility: r.community_visibility ?? 'open' } : null,
    tags: masked ? [] : r.tags, state: r.state, answerCount: r.answer_count, acceptedAnswerId: r.accepted_answer_id,
    createdAt: r.created_at.toISOString(), editedAt: r.edited_at?.toISOString() ?? null,
    firstAnswerAt: r.first_answer_at?.toISOString() ?? null,
    firstExpertAnswerAt: r.first_expert_answer_at?.toISOString() ?? null,
    newAnswers: r.author_id === viewer.id ? r.new_answers : 0,
    routedToMe: r.routed_to_me,
    canEdit: mine && writable, canDelete: (mine || isAdmin(viewer)) && writable, canAccept: canAccept(r, viewer) && writable,
    hidden,
  };
}

function toAnswer(a: AnswerRow, viewer: Viewer): Answer {
  const mine = a.author_id === viewer.id;
  const { hidden, masked } = hiddenView(a, viewer, a.viewer_manages);
  return {
    id: a.id, questionId: a.question_id, author: person(a), body: masked ? '' : a.body,
    createdAt: a.created_at.toISOString(), editedAt: a.edited_at?.toISOString() ?? null,
    score: a.score, myVote: a.my_vote, accepted: a.accepted_at !== null,
    canEdit: mine, canDelete: mine || isAdmin(viewer),
    hidden,
  };
}

