/// <reference types="mocha" />
/**
 * Ask-expert and moderation: reporting a question or an answer (keyboard only), hidden
 * questions and answers as others and as their authors see them, and the answer and question
 * forms under a rate limit.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Me } from '@hearth/contracts';
import './define.ts';
import type { HearthAskExpert } from './hearth-ask-expert.ts';
import { MockApi, type MockApiOptions, hiddenBy, rateLimited, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { makeAnswer, makeQuestion } from '../testing/mock-questions.ts';
import { mockReports } from '../testing/mock-reports.ts';
import { buttons, dialogIn, only, reportByKeyboard } from '../testing/report-helpers.ts';
import '../testing/mock-questions.ts';
import '../testing/mock-reports.ts';

const [mira, jonas, , tom, , li, sam] = samplePeople as [Me, Me, Me, Me, Me, Me, Me];

/** Question 1 by Sam, answered by Tom (accepted), Li and Mira. */
const question = (overrides: { hidden?: boolean; hiddenAnswer?: boolean } = {}) =>
  makeQuestion({
    id: 1,
    title: 'How do I get access to the staging cluster?',
    body: 'I joined the payments team last week.',
    author: sam,
    tags: ['kubernetes'],
    hidden: overrides.hidden ? hiddenBy('Asks for credentials.') : null,
    answers: [
      makeAnswer({ id: 11, questionId: 1, author: tom, accepted: true, score: 3, body: 'Request the staging-deployers group.' }),
      makeAnswer({
        id: 12, questionId: 1, author: li, score: 1, body: 'DM me, I can share my password.',
        hidden: overrides.hiddenAnswer ? hiddenBy('Sharing passwords is against policy.') : null,
      }),
      makeAnswer({ id: 13, questionId: 1, author: mira, body: 'Ask in the platform channel too.' }),
    ],
  });

async function render(options: MockApiOptions, view: 'ask' | 'questions' = 'questions', lang = 'en') {
  const api = useMockApi(new MockApi({ ...options, data: { questions: { questions: [question()], experts: [] }, ...options.data } }));
  const el = await fixture<HearthAskExpert>(
    html`<hearth-ask-expert lang=${lang} api=${api.api} token-url=${api.tokenUrl} view=${view} debounce="0"></hearth-ask-expert>`,
  );
  return { api, el, root: el.shadowRoot! };
}

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const detailOf = (root: ShadowRoot) => root.querySelector<HTMLElement>('hearth-ask-expert-question article');
const answerEl = (root: ShadowRoot, id: number) => root.querySelector<HTMLElement>(`#answer-${id}`)!;

async function openQuestion(root: ShadowRoot, id = 1): Promise<HTMLElement> {
  await waitUntil(() => root.querySelector(`[data-question="${id}"]`), 'the question is not listed');
  root.querySelector<HTMLElement>(`[data-question="${id}"]`)!.click();
  await waitUntil(() => detailOf(root)?.querySelector('h2'), 'the question never opened');
  return detailOf(root)!;
}

describe('<hearth-ask-expert> reporting and moderation', () => {
  afterEach(() => localStorage.clear());

  describe('Report', () => {
    it('offers Report on others’ questions and answers, never on your own', async () => {
      const { root } = await render({ me: mira });
      const detail = await openQuestion(root);
      expect(buttons(detail, /^Report/).map((b) => b.getAttribute('aria-label'))).to.deep.equal([
        'Report Sam Taylor’s question',
        'Report Tom Nguyen’s answer',
        'Report 李伟’s answer',
      ]);
      expect(buttons(answerEl(root, 13), /^Report/)).to.deep.equal([]);
    });

    it('the asker has no Report on the question', async () => {
      const { root } = await render({ me: sam });
      const detail = await openQuestion(root);
      expect(buttons(detail, 'Report Sam Taylor’s question')).to.deep.equal([]);
      expect(buttons(detail, /^Report/)).to.have.length(3);
    });

    it('reports a question by keyboard alone, and focus comes back to Report', async () => {
      const { api, root } = await render({ me: mira });
      const detail = await openQuestion(root);
      const report = only(detail, 'Report Sam Taylor’s question');
      const dialog = await reportByKeyboard(root, detail.querySelector('h2')!, report, 2);
      expect(text(dialog.querySelector('[role="status"]'))).to.equal('Thanks — a moderator will look at it.');
      expect(mockReports(api)).to.deep.equal([{ kind: 'question', id: 1, reason: 'confidential', reporter: mira.id }]);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !root.querySelector('hearth-report-dialog'), 'the dialog stayed');
      expect(root.activeElement === report, 'focus is back on Report').to.equal(true);
    });

    it('reports an answer by keyboard alone', async () => {
      const { api, root } = await render({ me: mira });
      await openQuestion(root);
      const answer = answerEl(root, 11);
      await reportByKeyboard(root, answer.querySelector<HTMLElement>('.vote')!, only(answer, 'Report Tom Nguyen’s answer'), 0);
      expect(mockReports(api)).to.deep.equal([{ kind: 'answer', id: 11, reason: 'spam', reporter: mira.id }]);
    });

    it('an answer reported before (409) says so', async () => {
      const { root } = await render({ me: mira, data: { reports: [{ kind: 'answer', id: 12, reason: 'spam', reporter: mira.id }] } });
      await openQuestion(root);
      const answer = answerEl(root, 12);
      const dialog = await reportByKeyboard(root, answer.querySelector<HTMLElement>('.vote')!, only(answer, 'Report 李伟’s answer'), 1);
      expect(text(dialog.querySelector('[role="status"]'))).to.equal('You have already reported this.');
    });

    it('says it in the widget’s language', async () => {
      const { root } = await render({ me: mira }, 'questions', 'fr');
      const detail = await openQuestion(root);
      const report = only(detail, 'Signaler la question de Sam Taylor');
      expect(text(report)).to.equal('Signaler');
      report.click();
      await waitUntil(() => dialogIn(root)?.open, 'the dialog did not open');
      const dialog = dialogIn(root)!;
      expect(dialog.querySelector('legend')!.textContent!.trim()).to.equal('Pourquoi un modérateur devrait-il y jeter un œil\u202f?');
      expect(buttons(dialog, 'Envoyer le signalement')).to.have.length(1);
    });
  });

  describe('hidden questions and answers', () => {
    it('others see a placeholder for a hidden question, in the list and opened; its answers stay, with no way to answer', async () => {
      const api = useMockApi(new MockApi({ me: mira, data: { questions: { questions: [question({ hidden: true })], experts: [] } } }));
      const el = await fixture<HearthAskExpert>(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="questions"></hearth-ask-expert>`);
      const root = el.shadowRoot!;
      await waitUntil(() => root.querySelector('[data-question="1"]'), 'not listed');
      expect(text(root.querySelector('[data-question="1"]'))).to.equal('Hidden by a moderator');
      const detail = await openQuestion(root);
      expect(text(detail.querySelector('h2'))).to.equal('Hidden by a moderator');
      expect(text(detail)).to.not.contain('payments team');
      expect(detail.querySelector('.chips')).to.equal(null);
      expect(detail.querySelectorAll('.answer')).to.have.length(3);
      expect(detail.querySelector('textarea')).to.equal(null);
      expect(buttons(detail, 'Report Sam Taylor’s question')).to.deep.equal([]);
    });

    it('the asker sees the hidden question with the reason', async () => {
      const api = useMockApi(new MockApi({ me: sam, data: { questions: { questions: [question({ hidden: true })], experts: [] } } }));
      const el = await fixture<HearthAskExpert>(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="questions"></hearth-ask-expert>`);
      const detail = await openQuestion(el.shadowRoot!);
      expect(text(detail.querySelector('h2'))).to.equal('How do I get access to the staging cluster?');
      expect(text(detail.querySelector('.hidden-notice'))).to.equal('Hidden by a moderator: Asks for credentials. Others cannot see it.');
      expect(detail.querySelector('.body')!.classList.contains('hidden-body')).to.equal(true);
    });

    it('others see a placeholder for a hidden answer, with no votes or Report', async () => {
      const api = useMockApi(new MockApi({ me: mira, data: { questions: { questions: [question({ hiddenAnswer: true })], experts: [] } } }));
      const el = await fixture<HearthAskExpert>(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="questions"></hearth-ask-expert>`);
      const root = el.shadowRoot!;
      await openQuestion(root);
      const answer = answerEl(root, 12);
      expect(text(answer.querySelector('.body'))).to.equal('Hidden by a moderator');
      expect(text(answer)).to.not.contain('password');
      expect(answer.querySelectorAll('button')).to.have.length(0);
    });

    it('its author sees the hidden answer dimmed, with the reason', async () => {
      const api = useMockApi(new MockApi({ me: li, data: { questions: { questions: [question({ hiddenAnswer: true })], experts: [] } } }));
      const el = await fixture<HearthAskExpert>(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="questions"></hearth-ask-expert>`);
      const root = el.shadowRoot!;
      await openQuestion(root);
      const answer = answerEl(root, 12);
      expect(text(answer.querySelector('.hidden-notice'))).to.equal(
        'Hidden by a moderator: Sharing passwords is against policy. Others cannot see it.',
      );
      expect(text(answer.querySelector('.body.hidden-body'))).to.equal('DM me, I can share my password.');
    });

    it('a moderator sees the hidden answer and the reason', async () => {
      const api = useMockApi(new MockApi({ me: tom, data: { questions: { questions: [question({ hiddenAnswer: true })], experts: [] } } }));
      const el = await fixture<HearthAskExpert>(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="questions"></hearth-ask-expert>`);
      const root = el.shadowRoot!;
      await openQuestion(root);
      expect(text(answerEl(root, 12).querySelector('.hidden-notice'))).to.contain('Sharing passwords is against policy');
      expect(buttons(answerEl(root, 12), /^Report/)).to.deep.equal([]);
    });
  });

  describe('rate limits', () => {
    it('the answer form says when to try again and keeps the draft exactly as typed', async () => {
      const { api, root } = await render({ me: jonas, fail: { answerQuestion: rateLimited(240, 1) } });
      const detail = await openQuestion(root);
      const area = detail.querySelector<HTMLTextAreaElement>('textarea')!;
      const draft = '  Ask @tom.nguyen —\n\tthe form is in the IT portal. ';
      area.value = draft;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      only(detail, 'Post answer').click();
      await waitUntil(() => text(detail.querySelector('.answer-form .error')) !== '', 'no message');
      expect(text(detail.querySelector('.answer-form .error'))).to.equal('You are posting too fast. Try again in 4 minutes.');
      expect(area.value).to.equal(draft);
      expect(JSON.parse(localStorage.getItem(`hearth:draft:answer:${api.api}/api/v1/:1`)!).body).to.equal(draft);
    });

    it('the question form says when to try again, in Spanish, and keeps what was typed', async () => {
      const { root } = await render({ me: jonas, fail: { askQuestion: rateLimited(90) } }, 'ask', 'es');
      await waitUntil(() => root.querySelector('#title'), 'no form');
      const title = root.querySelector<HTMLInputElement>('#title')!;
      title.value = '¿Quién reserva el atrio para un evento?';
      title.dispatchEvent(new Event('input', { bubbles: true }));
      root.querySelector<HTMLFormElement>('form.form')!.requestSubmit();
      await waitUntil(() => root.querySelector('form.form [role="alert"] .message'), 'no message');
      expect(text(root.querySelector('form.form [role="alert"] .message'))).to.contain(
        'Estás publicando demasiado rápido. Vuelve a intentarlo dentro de 2 minutos.',
      );
      expect(title.value).to.equal('¿Quién reserva el atrio para un evento?');
    });
  });
});
