import type {
  Answer, CreateQuestionBody, ExpertList, ListQuestionsQuery, QuestionDetail, QuestionPage, SimilarQuestions, VoteState,
} from '@hearth/contracts';
import type { HearthClient } from '../runtime/client.ts';

/*
 * The question and expert endpoints, as functions over the runtime's client like runtime/api.ts,
 * but kept beside the widget: only a page with <hearth-ask-expert> bundles them.
 */

/** Input shapes as the widget writes them: the server fills the defaults. */
export type QuestionsQuery = Partial<Omit<ListQuestionsQuery, 'state'>>;
export interface SimilarInput {
  title: string;
  body?: string | undefined;
  tags?: string[];
  community?: string | undefined;
  limit?: number;
}
export interface ExpertsInput {
  tags: string[];
  community?: string | undefined;
  /** A handle to leave out: the asker. */
  exclude?: string | undefined;
  limit?: number;
}

// The API takes tag lists comma-separated (`tags=kubernetes,helm`); none: the parameter is left out.
const joined = (tags: string[] | undefined) => (tags?.length ? tags.join(',') : undefined);

export const listQuestions = (c: HearthClient, query: QuestionsQuery, signal?: AbortSignal) =>
  c.call<QuestionPage>('questions', { query, signal });
export const similarQuestions = (c: HearthClient, q: SimilarInput, signal?: AbortSignal) =>
  c.call<SimilarQuestions>('questions/similar', { query: { ...q, tags: joined(q.tags) }, signal });
export const askQuestion = (c: HearthClient, body: CreateQuestionBody, idempotencyKey: string) =>
  c.call<QuestionDetail>('questions', { method: 'post', json: body, headers: { 'idempotency-key': idempotencyKey } });
export const getQuestion = (c: HearthClient, id: number, signal?: AbortSignal) =>
  c.call<QuestionDetail>(`questions/${id}`, { signal });
export const answerQuestion = (c: HearthClient, id: number, body: string, idempotencyKey: string) =>
  c.call<Answer>(`questions/${id}/answers`, { method: 'post', json: { body }, headers: { 'idempotency-key': idempotencyKey } });
/** Accepts an answer, or none (`null`); the asker and the community's managers may. */
export const acceptAnswer = (c: HearthClient, id: number, answerId: number | null) =>
  c.call<QuestionDetail>(`questions/${id}/accepted`, { method: 'put', json: { answerId } });
/** "Not me": passes a question routed to you on to the next person who knows. */
export const passQuestion = (c: HearthClient, id: number) =>
  c.call<QuestionDetail>(`questions/${id}/pass`, { method: 'post' });
/** 1 up, -1 down, 0 takes the vote back: one vote per person. */
export const voteAnswer = (c: HearthClient, id: number, value: -1 | 0 | 1) =>
  c.call<VoteState>(`answers/${id}/vote`, { method: 'put', json: { value } });
export const findExperts = (c: HearthClient, q: ExpertsInput, signal?: AbortSignal) =>
  c.call<ExpertList>('experts', { query: { ...q, tags: joined(q.tags) }, signal });
