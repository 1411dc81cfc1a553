import { Router } from 'express';
import { api } from '@hearth/contracts';
import { idempotencyKey, mount } from '../../http/endpoint.ts';
import type { QuestionsService } from './service.ts';

export function questionsRoutes(questions: QuestionsService): Router {
  const router = Router();
  mount(router, api.listQuestions, ({ viewer, query }) => questions.list(viewer, query));
  // Before /questions/:id, which would otherwise take "similar" for an id (and answer 400).
  mount(router, api.similarQuestions, ({ viewer, query }) => questions.similar(viewer, query));
  mount(router, api.askQuestion, async ({ viewer, body, req, status }) => {
    const { question, created } = await questions.ask(viewer, body, idempotencyKey(req));
    if (!created) status(200);
    return question;
  });
  mount(router, api.getQuestion, ({ viewer, params }) => questions.get(viewer, params.id));
  mount(router, api.updateQuestion, ({ viewer, params, body }) => questions.update(viewer, params.id, body));
  mount(router, api.deleteQuestion, ({ viewer, params }) => questions.remove(viewer, params.id));
  mount(router, api.answerQuestion, async ({ viewer, params, body, req, status }) => {
    const { answer, created } = await questions.answer(viewer, params.id, body.body, idempotencyKey(req));
    if (!created) status(200);
    return answer;
  });
  mount(router, api.acceptAnswer, ({ viewer, params, body }) => questions.accept(viewer, params.id, body.answerId));
  mount(router, api.updateAnswer, ({ viewer, params, body }) => questions.updateAnswer(viewer, params.id, body.body));
  mount(router, api.deleteAnswer, ({ viewer, params }) => questions.removeAnswer(viewer, params.id));
  mount(router, api.voteAnswer, ({ viewer, params, body }) => questions.vote(viewer, params.id, body.value));
  return router;
}
