import { Router } from 'express';
import { api } from '@hearth/contracts';
import { answerOnce, idempotency, mount } from '../../http/endpoint.ts';
import type { QuestionsService } from './service.ts';

export function questionsRoutes(questions: QuestionsService): Router {
  const router = Router();
  mount(router, api.listQuestions, ({ viewer, query }) => questions.list(viewer, query));
  // Before /questions/:id, which would otherwise take "similar" for an id (and answer 400).
  mount(router, api.similarQuestions, ({ viewer, query }) => questions.similar(viewer, query));
  mount(router, api.askQuestion, async (call) =>
    answerOnce(await questions.ask(call.viewer, call.body, idempotency(api.askQuestion, call)), call.status));
  mount(router, api.getQuestion, ({ viewer, params }) => questions.get(viewer, params.id));
  mount(router, api.updateQuestion, ({ viewer, params, body }) => questions.update(viewer, params.id, body));
  mount(router, api.deleteQuestion, ({ viewer, params }) => questions.remove(viewer, params.id));
  mount(router, api.answerQuestion, async (call) =>
    answerOnce(await questions.answer(call.viewer, call.params.id, call.body.body, idempotency(api.answerQuestion, call)), call.status));
  mount(router, api.passQuestion, ({ viewer, params }) => questions.pass(viewer, params.id));
  mount(router, api.acceptAnswer, ({ viewer, params, body }) => questions.accept(viewer, params.id, body.answerId));
  mount(router, api.updateAnswer, ({ viewer, params, body }) => questions.updateAnswer(viewer, params.id, body.body));
  mount(router, api.deleteAnswer, ({ viewer, params }) => questions.removeAnswer(viewer, params.id));
  mount(router, api.voteAnswer, ({ viewer, params, body }) => questions.vote(viewer, params.id, body.value));
  return router;
}
