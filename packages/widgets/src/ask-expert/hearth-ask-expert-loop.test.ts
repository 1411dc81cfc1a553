/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Me } from '@hearth/contracts';
import './define.ts';
import type { HearthAskExpert } from './hearth-ask-expert.ts';
import { MockApi, type MockApiOptions, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { type MockQuestionsData, routedTo, sampleLoop } from '../testing/mock-questions.ts';
import '../testing/mock-questions.ts';
import '../testing/mock-tags.ts';
import { formatDuration } from './hearth-ask-expert-question.ts';
import meta, * as stories from './hearth-ask-expert.stories.ts';

/*
 * Ask-expert's loop (issue #13): the Ask / My questions / For me to answer tabs, new-answer marks,
 * "Not me" with its confirmation, and the times to first (expert) answer. Mira is signed in.
 */
const [mira, , , tom, , li] = samplePeople as [Me, Me, Me, Me, Me, Me];

function mock(options: MockApiOptions = {}, data: MockQuestionsData = sampleLoop()): MockApi {
  return useMockApi(new MockApi({ ...options, data: { questions: data, ...options.data } }));
}

async function render(api: MockApi, view = 'mine', lang = 'en'): Promise<HearthAskExpert> {
  return fixture<HearthAskExpert>(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view=${view} lang=${lang} debounce="0"></hearth-ask-expert>`);
}

const $ = <T extends Element = HTMLElement>(el: HearthAskExpert, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: HearthAskExpert, selector: string) => Array.from(el.shadowRoot!.querySelectorAll<T>(selector));
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const text = (el: HearthAskExpert) => textOf(el.shadowRoot);
const items = (el: HearthAskExpert) => $$(el, '[part="list"] .item');
const tabs = (el: HearthAskExpert) => $$(el, '[role="tab"]');
const selectedTab = (el: HearthAskExpert) => textOf(tabs(el).find((t) => t.getAttribute('aria-selected') === 'true'));
const active = (el: HearthAskExpert) => el.shadowRoot!.activeElement as HTMLElement | null;

function button(el: HearthAskExpert, name: string, root: ParentNode = el.shadowRoot!): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => textOf(b) === name);
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

const listed = (el: HearthAskExpert) => waitUntil(() => items(el).length > 0, 'nothing listed').then(() => items(el));

describe('<hearth-ask-expert> closes the loop', () => {
  describe('tabs', () => {
    it('shows Ask, My questions and For me to answer, with the view attribute choosing the first', async () => {
      const el = await render(mock(), 'for-me');
      await waitUntil(() => tabs(el).length === 3, 'no tabs');
      expect(tabs(el).map(textOf)).to.deep.equal(['Ask a question', 'My questions', 'For me to answer']);
      expect(selectedTab(el)).to.equal('For me to answer');
      const panel = $(el, '[role="tabpanel"]')!;
      expect(panel.getAttribute('aria-labelledby')).to.equal('tab-for-me');
      expect(tabs(el).map((t) => t.tabIndex)).to.deep.equal([-1, -1, 0], 'one tab stop: the selected tab');
    });

    it('moves between tabs with the arrow keys, Home and End, showing each view', async () => {
      const el = await render(mock(), 'ask');
      await waitUntil(() => $(el, 'form'), 'no form');
      tabs(el)[0]!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => selectedTab(el) === 'My questions');
      expect(textOf(active(el))).to.equal('My questions');
      await listed(el);
      expect(el.view).to.equal('mine');
      await sendKeys({ press: 'End' });
      await waitUntil(() => selectedTab(el) === 'For me to answer');
      expect(textOf(active(el))).to.equal('For me to answer');
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => selectedTab(el) === 'Ask a question', 'wraps around to the first');
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => selectedTab(el) === 'For me to answer');
      await sendKeys({ press: 'Home' });
      await waitUntil(() => selectedTab(el) === 'Ask a question');
      await waitUntil(() => $(el, 'form'), 'the form is back');
    });

    it('follows the reading direction in right-to-left pages', async () => {
      const api = mock();
      const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"><hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="ask"></hearth-ask-expert></div>`);
      const el = wrapper.querySelector('hearth-ask-expert')!;
      await waitUntil(() => tabs(el).length === 3);
      tabs(el)[0]!.focus();
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => selectedTab(el) === 'My questions', 'the left arrow goes forward in RTL');
    });

    it('has no tabs in the single-purpose questions and experts views', async () => {
      const el = await render(mock(), 'questions');
      await listed(el);
      expect(tabs(el)).to.have.length(0);
    });
  });

  describe('my questions', () => {
    it('lists my own questions, newest first, with their status and a mark for unseen answers', async () => {
      const el = await render(mock(), 'mine');
      const rows = await listed(el);
      expect(rows.map((r) => textOf(r.querySelector('.title')))).to.deep.equal([
        'Can we get a second staging database for load tests?, 2 new answers',
        'Who owns the on-call rota for the payments service?',
        'How do we rotate the Kubernetes secrets for the payments service?',
      ]);
      expect(rows.map((r) => textOf(r.querySelector('.badge')))).to.deep.equal(['Answered', 'Unanswered', 'Accepted']);
      expect(textOf(rows[0]!.querySelector('.new'))).to.equal('2 new answers');
      expect(rows[1]!.querySelector('.new'), 'nothing new without answers').to.equal(null);
      expect(rows[2]!.querySelector('.new'), 'answers seen before').to.equal(null);
    });

    it('opens a question with its answers and the times to the first and the first expert answer; the mark is gone on the way back', async () => {
      const api = mock();
      const el = await render(api, 'mine');
      await listed(el);
      $(el, '[data-question="101"]')!.click();
      await waitUntil(() => $(el, 'hearth-ask-expert-question .times'), 'no times');
      expect(textOf($(el, 'hearth-ask-expert-question .times'))).to.equal(
        `First answer after ${formatDuration('en', 2 * 3_600_000)} · First expert answer after ${formatDuration('en', 5 * 3_600_000)}`);
      expect(textOf($(el, 'hearth-ask-expert-question .times'))).to.match(/after 2 hr · First expert answer after 5 hr$/);
      expect($$(el, 'hearth-ask-expert-question .answer')).to.have.length(2);
      button(el, '← Back to the list').click();
      await waitUntil(() => $(el, '[data-question="101"]'));
      expect($(el, '.new')).to.equal(null);
      await waitUntil(() => active(el) === $(el, '[data-question="101"]'), 'focus is back on the question');
      // The server knows it too: a new list has no mark.
      const again = await render(api, 'mine');
      await listed(again);
      expect($(again, '.new')).to.equal(null);
    });

    it('answers from the opened question', async () => {
      const el = await render(mock(), 'for-me');
      await listed(el);
      $(el, '[data-question="103"]')!.click();
      const box = await waitUntil(() => $(el, 'hearth-ask-expert-question textarea'), 'no answer box').then(() => $<HTMLTextAreaElement>(el, 'hearth-ask-expert-question textarea')!);
      box.value = 'We standardize on the 3.x charts.';
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await el.updateComplete;
      button(el, 'Post answer').click();
      await waitUntil(() => $$(el, 'hearth-ask-expert-question .answer').length === 1, 'the answer is not shown');
      expect(textOf($(el, 'hearth-ask-expert-question .times'))).to.match(/^First answer after/);
      button(el, '← Back to the list').click();
      await waitUntil(() => items(el).length > 0 && !$(el, '[data-question="103"]'), 'answered: it leaves the queue');
    });
  });

  describe('for me to answer', () => {
    it('lists what was asked of me first, then unanswered questions in my tags', async () => {
      const el = await render(mock(), 'for-me');
      const rows = await listed(el);
      expect(rows.map((r) => r.querySelector('[data-question]')!.getAttribute('data-question'))).to.deep.equal(['2', '103', '5']);
      expect(rows.map((r) => textOf(r.querySelector('.badge')))).to.deep.equal(['Asked of you', 'Asked of you', 'In your tags']);
      expect(rows.map((r) => !!r.querySelector('.pass'))).to.deep.equal([true, true, false], 'only what was asked of me can be passed');
    });

    it('passes a question on after a confirmation: the next person who knows is asked', async () => {
      const api = mock();
      const el = await render(api, 'for-me');
      await listed(el);
      expect(routedTo(api, 2)).to.deep.equal([mira.id, li.id]);
      const pass = $(el, '[data-pass="2"]')!;
      pass.click();
      await waitUntil(() => $(el, '#pass-2[role="group"]'), 'no confirmation');
      expect(textOf($(el, '#pass-2 p'))).to.contain('Pass this question on?');
      await waitUntil(() => textOf(active(el)) === 'Cancel', 'focus is not on Cancel');
      expect(api.requests.filter((r) => r.operation === 'passQuestion'), 'nothing sent before confirming').to.have.length(0);
      button(el, 'Pass it on').click();
      await waitUntil(() => !$(el, '[data-question="2"]'), 'the question stays');
      expect(routedTo(api, 2)).to.deep.equal([li.id, tom.id], 'Mira passed; Tom, who knows #vpn, is asked');
      expect(textOf($(el, '.inbox-status'))).to.equal('Passed on. The next person who knows about it was asked.');
      expect(active(el)?.getAttribute('data-question')).to.equal('103', 'focus on the question that took its place');
    });

    it('cancels with Cancel or Escape, focus back on Not me, nothing sent', async () => {
      const api = mock();
      const el = await render(api, 'for-me');
      await listed(el);
      $(el, '[data-pass="103"]')!.click();
      await waitUntil(() => textOf(active(el)) === 'Cancel');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$(el, '#pass-103'), 'Escape does not close it');
      await waitUntil(() => active(el) === $(el, '[data-pass="103"]'), 'focus is not back on Not me');
      $(el, '[data-pass="103"]')!.click();
      await waitUntil(() => $(el, '#pass-103'));
      button(el, 'Cancel').click();
      await waitUntil(() => !$(el, '#pass-103'));
      expect(api.requests.filter((r) => r.operation === 'passQuestion')).to.have.length(0);
      expect(routedTo(api, 103)).to.include(mira.id);
    });

    it('says why a pass failed and keeps the question', async () => {
      const api = mock({ fail: { passQuestion: { status: 409, title: 'Conflict', detail: 'You passed on this question already.' } } });
      const el = await render(api, 'for-me');
      await listed(el);
      $(el, '[data-pass="2"]')!.click();
      await waitUntil(() => $(el, '#pass-2'));
      button(el, 'Pass it on').click();
      await waitUntil(() => text(el).includes('The question could not be passed on:'), 'no message');
      expect(text(el)).to.contain('You passed on this question already.');
      expect($(el, '[data-question="2"]')).to.exist;
    });
  });

  describe('states', () => {
    for (const view of ['mine', 'for-me'] as const) {
      it(`${view}: skeletons while loading`, async () => {
        const el = await render(mock({ pending: ['listQuestions'] }), view);
        await waitUntil(() => $$(el, '.skeleton').length === 3, 'no skeletons');
        expect($(el, '[aria-busy="true"]')).to.exist;
      });

      it(`${view}: says when the list is empty`, async () => {
        const el = await render(mock({}, { questions: [], experts: [] }), view);
        const expected = view === 'mine' ? 'You have not asked a question yet.' : 'Nothing waits for you.';
        await waitUntil(() => text(el).includes(expected), 'no empty state');
      });

      it(`${view}: shows the problem with Retry, and Retry loads the list`, async () => {
        const api = mock({ fail: { listQuestions: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting.', times: 1 } } });
        const el = await render(api, view);
        await waitUntil(() => $(el, '.state[role="alert"]'), 'no error');
        expect(text(el)).to.contain(view === 'mine' ? 'Your questions could not be loaded.' : 'The questions for you could not be loaded.');
        button(el, 'Retry').click();
        await listed(el);
      });

      it(`${view}: the signed-out state, and Try again signs in`, async () => {
        const api = mock({ me: null });
        const el = await render(api, view);
        await waitUntil(() => text(el).includes('You are signed out.'), 'no signed-out state');
        expect(tabs(el), 'the tabs stay').to.have.length(3);
        api.me = mira;
        button(el, 'Try again').click();
        await listed(el);
      });
    }
  });

  describe('accessibility (axe)', () => {
    it('the tabs, both lists and the pass confirmation are accessible, light and dark', async () => {
      for (const theme of ['light', 'dark']) {
        const api = mock();
        const el = await fixture<HearthAskExpert>(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="mine" theme=${theme}></hearth-ask-expert>`);
        document.body.style.background = theme === 'dark' ? '#000' : '';
        try {
          await listed(el);
          await expect(el).to.be.accessible();
          tabs(el)[2]!.click();
          await waitUntil(() => $(el, '[data-pass="2"]'));
          $(el, '[data-pass="2"]')!.click();
          await waitUntil(() => $(el, '#pass-2'));
          await expect(el).to.be.accessible();
        } finally {
          document.body.style.background = '';
        }
      }
    });

    it('the empty, error and signed-out states are accessible', async () => {
      const empty = await render(mock({}, { questions: [], experts: [] }), 'for-me');
      await waitUntil(() => $(empty, '.state'));
      await expect(empty).to.be.accessible();
      const failed = await render(mock({ fail: { listQuestions: { status: 500 } } }), 'mine');
      await waitUntil(() => $(failed, '.state'));
      await expect(failed).to.be.accessible();
      const signedOut = await render(mock({ me: null }), 'mine');
      await waitUntil(() => $(signedOut, '.state'));
      await expect(signedOut).to.be.accessible();
    });
  });

  describe('four languages', () => {
    const words = {
      fr: { tabs: ['Poser une question', 'Mes questions', 'À moi de répondre'], pass: 'Pas moi', routed: 'Posée à vous', fresh: '2 nouvelles réponses' },
      de: { tabs: ['Frage stellen', 'Meine Fragen', 'Für mich zu beantworten'], pass: 'Nicht ich', routed: 'An Sie gerichtet', fresh: '2 neue Antworten' },
      es: { tabs: ['Hacer una pregunta', 'Mis preguntas', 'Para que yo responda'], pass: 'Yo no', routed: 'Te la hicieron a ti', fresh: '2 respuestas nuevas' },
    } as const;
    for (const [lang, w] of Object.entries(words)) {
      it(`speaks ${lang}`, async () => {
        const api = mock();
        const el = await render(api, 'for-me', lang);
        await listed(el);
        expect(tabs(el).map(textOf)).to.deep.equal([...w.tabs]);
        expect(textOf($(el, '.pass'))).to.equal(w.pass);
        expect(textOf($(el, '.badge'))).to.equal(w.routed);
        tabs(el)[1]!.click();
        await waitUntil(() => $(el, '.new'), 'no mark');
        expect(textOf($(el, '.new'))).to.equal(w.fresh);
        $(el, '[data-question="101"]')!.click();
        await waitUntil(() => $(el, 'hearth-ask-expert-question .times'));
        expect(textOf($(el, 'hearth-ask-expert-question .times'))).to.contain(formatDuration(lang, 5 * 3_600_000).replace(/\s+/g, ' '));
      });
    }
  });

  describe('the stories', () => {
    type AnyStory = { args?: Record<string, unknown>; parameters?: Record<string, unknown>; play?: unknown };
    type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;
    const renderMeta = meta.render as unknown as (args: unknown, context: unknown) => ReturnType<typeof html>;
    async function renderStory(story: AnyStory): Promise<HearthAskExpert> {
      const args = { ...meta.args, ...story.args };
      const parameters = { ...meta.parameters, ...story.parameters };
      const canvas = await fixture<HTMLElement>(html`<div>${renderMeta(args, { args, parameters })}</div>`);
      await (story.play as Play | undefined)?.({ canvasElement: canvas });
      return canvas.querySelector('hearth-ask-expert')!;
    }
    const expected: Array<[string, AnyStory, string]> = [
      ['My questions', stories.MyQuestions, '2 new answers'],
      ['My question opened', stories.MyQuestionOpened, 'First expert answer after'],
      ['For me', stories.ForMe, 'Asked of you'],
      ['For me, passing', stories.ForMePassing, 'Pass this question on?'],
      ['For me, empty', stories.ForMeEmpty, 'Nothing waits for you.'],
      ['My questions, empty', stories.MyQuestionsEmpty, 'You have not asked a question yet.'],
      ['For me, error', stories.ForMeError, 'The database is restarting.'],
      ['My questions, signed out', stories.MyQuestionsSignedOut, 'You are signed out'],
      ['For me, dark', stories.ForMeDark, 'In your tags'],
    ];
    for (const [name, story, shown] of expected) {
      it(`${name} shows “${shown}”`, async () => {
        const el = await renderStory(story);
        await waitUntil(() => text(el).includes(shown), `expected "${shown}"`);
      });
    }
    it('My questions, loading keeps the skeletons', async () => {
      const el = await renderStory(stories.MyQuestionsLoading);
      await waitUntil(() => $$(el, '.skeleton').length === 3);
    });
  });
});
