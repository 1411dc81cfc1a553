/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Me } from '@hearth/contracts';
import './define.ts';
import type { HearthAskExpert } from './hearth-ask-expert.ts';
import type { HearthQuestionAskedEvent } from './events.ts';
import meta, * as stories from './hearth-ask-expert.stories.ts';
import { MockApi, type MockApiOptions, samplePeople, useMockApi } from '../testing/mock-api.ts';
import {
  type MockQuestionsData,
  answerAs,
  makeAnswer,
  makeQuestion,
  sampleExperts,
  sampleQuestions,
  storedQuestions,
} from '../testing/mock-questions.ts';
import type { MockTagsData } from '../testing/mock-tags.ts';
import '../testing/mock-questions.ts';
import '../testing/mock-tags.ts';
import { setTransport } from '../runtime/session.ts';

const [mira, jonas, , tom, , , sam] = samplePeople as [Me, Me, Me, Me, Me, Me, Me];

const knownTags: MockTagsData = {
  known: [
    { name: 'kubernetes', posts: 86 },
    { name: 'kudos', posts: 12 },
    { name: 'kubecon', posts: 3 },
    { name: 'onboarding', posts: 64 },
  ],
};

interface Attributes {
  view?: 'ask' | 'questions' | 'experts';
  tags?: string;
  community?: string;
  debounce?: number;
}

function mock(options: MockApiOptions = {}, data: MockQuestionsData = { questions: sampleQuestions(), experts: sampleExperts() }): MockApi {
  return useMockApi(new MockApi({ ...options, data: { questions: data, tags: knownTags, ...options.data } }));
}

async function render(api: MockApi, attrs: Attributes = {}): Promise<HearthAskExpert> {
  return fixture<HearthAskExpert>(html`<hearth-ask-expert
    api=${api.api}
    token-url=${api.tokenUrl}
    view=${attrs.view ?? 'ask'}
    tags=${attrs.tags ?? ''}
    community=${attrs.community ?? ''}
    debounce=${attrs.debounce ?? 0}
  ></hearth-ask-expert>`);
}

const $ = <T extends Element = HTMLElement>(el: HearthAskExpert, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(root: HearthAskExpert | Element, selector: string) =>
  Array.from((root instanceof HTMLElement && root.shadowRoot ? root.shadowRoot : root).querySelectorAll<T>(selector));
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const text = (el: HearthAskExpert) => textOf(el.shadowRoot);

/** The button whose text (or aria-label) is `name`, inside `root`. */
function button(root: HearthAskExpert | Element, name: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(root, 'button').find((b) => (b.getAttribute('aria-label') ?? textOf(b)) === name);
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

/** Types `value` into a field as one input event, as a person's keystroke (or paste) gives. */
function typeNow(el: HearthAskExpert, selector: string, value: string): void {
  const field = $<HTMLInputElement>(el, selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

async function type(el: HearthAskExpert, selector: string, value: string): Promise<void> {
  typeNow(el, selector, value);
  await el.updateComplete;
}

const similarItems = (el: HearthAskExpert) => $$(el, '[part="similar"] .item');
const listItems = (el: HearthAskExpert) => $$(el, '[part="list"] .item');
const detailOf = (el: HearthAskExpert) => $(el, 'hearth-ask-expert-question article');
const answers = (el: HearthAskExpert) => $$(el, 'hearth-ask-expert-question .answer');
const chips = (el: HearthAskExpert) => $$(el, '.chips .chip').map((c) => textOf(c).replace(/\s*×$/, ''));
const statusText = (el: HearthAskExpert) => textOf($(el, '.root > .vh[role="status"]'));

async function openQuestion(el: HearthAskExpert, id: number): Promise<HTMLElement> {
  const link = await waitUntil(() => $(el, `[data-question="${id}"]`), 'the question is not listed').then(() => $(el, `[data-question="${id}"]`)!);
  link.click();
  await waitUntil(() => detailOf(el), 'the question never opened');
  return detailOf(el)!;
}

function answerBy(el: HearthAskExpert, name: string): HTMLElement {
  const found = answers(el).find((a) => textOf(a.querySelector('.author')) === name);
  if (!found) throw new Error(`no answer by ${name}`);
  return found;
}

/**
 * Holds every similar-question request until the test releases it, and records its signal: the
 * transport's view of what the widget cancelled.
 */
function holdSimilar(api: MockApi) {
  const held: Array<{ url: URL; signal: AbortSignal; release(): void }> = [];
  setTransport((input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== api.origin || !url.pathname.endsWith('/questions/similar')) return api.fetch(input, init);
    return new Promise<Response>((resolve, reject) => {
      // The client hands the transport a Request, which carries the signal.
      const signal = input instanceof Request ? input.signal : init!.signal!;
      held.push({ url, signal, release: () => resolve(api.fetch(input, init)) });
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  });
  return held;
}

/**
 * Waits until `target` has focus in the widget. Compared as a boolean: a failing chai equality
 * between elements makes chai describe both, which takes the test page down with these.
 */
async function focusOn(el: HearthAskExpert, target: () => Element | null | undefined, what: string): Promise<void> {
  await waitUntil(() => {
    const t = target();
    return !!t && el.shadowRoot!.activeElement === t;
  }, `focus is not on ${what}`);
}

/** Records when each similar-question request leaves the widget (performance.now()). */
function timeSimilar(api: MockApi): number[] {
  const sent: number[] = [];
  setTransport((input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.endsWith('/questions/similar')) sent.push(performance.now());
    return api.fetch(input, init);
  });
  return sent;
}

const TITLE = 'How can I get access to the Kubernetes staging cluster?';

describe('<hearth-ask-expert>', () => {
  afterEach(() => localStorage.clear());

  describe('asking a question (the must-show flow)', () => {
    it('suggests a similar answered question, posts anyway, and shows Answered once the asker accepts an expert’s answer', async () => {
      const api = mock();
      const el = await render(api, { tags: 'kubernetes' });
      const asked: HearthQuestionAskedEvent[] = [];
      el.addEventListener('hearth-question-asked', (event) => asked.push(event));

      // The people who know about the chosen tag, with the reason.
      await waitUntil(() => $$(el, '.people .author').length > 0, 'no experts shown');
      expect($$(el, '.people .author').map(textOf)).to.deep.equal(['Tom Nguyen', '李伟']);
      expect(textOf($(el, '.people .reason'))).to.equal('9 accepted answers on #kubernetes in the last year');

      // Typing the title brings up the similar question that was answered, with its accepted answer.
      await type(el, '#title', TITLE);
      await type(el, '#body', 'I need to deploy the new payments API.');
      await waitUntil(() => similarItems(el).length > 0, 'no similar questions');
      const [first] = similarItems(el);
      expect(textOf(first!.querySelector('.title'))).to.equal('How do I get access to the staging Kubernetes cluster?');
      expect(textOf(first!.querySelector('.badge'))).to.equal('Answered');
      expect(textOf(first!.querySelector('.excerpt .muted'))).to.equal('Accepted answer by Tom Nguyen');
      const excerpt = first!.querySelector<HTMLElement>('.excerpt .body')!;
      expect(excerpt.textContent).to.contain('staging-deployers');
      expect(excerpt.classList.contains('clamp')).to.equal(true);
      const expand = button(first!, 'Show the whole answer');
      expect(expand.getAttribute('aria-expanded')).to.equal('false');
      expect(expand.getAttribute('aria-controls')).to.equal(excerpt.id);
      expand.click();
      await el.updateComplete;
      expect(excerpt.classList.contains('clamp')).to.equal(false);
      expect(button(first!, 'Show less').getAttribute('aria-expanded')).to.equal('true');

      // Post it anyway.
      button(el, 'Ask').click();
      await waitUntil(() => detailOf(el), 'the asked question is not shown');
      const [request] = api.calls('askQuestion');
      expect(request!.body).to.deep.equal({ title: TITLE, body: 'I need to deploy the new payments API.', tags: ['kubernetes'] });
      expect(request!.headers.get('idempotency-key')).to.match(/^[0-9a-f]{32}$/);
      expect(statusText(el)).to.equal('Question posted. The people who know about it were told.');
      expect(asked.map((e) => e.question.title)).to.deep.equal([TITLE]);
      const detail = detailOf(el)!;
      expect(textOf(detail.querySelector('h2'))).to.equal(TITLE);
      expect(textOf(detail.querySelector('.detail-head .badge'))).to.equal('Open');
      await focusOn(el, () => detail.querySelector('h2'), 'the asked question');

      // An expert answers from their own browser; the asker checks for new answers.
      const question = storedQuestions(api).find((q) => q.title === TITLE)!;
      answerAs(api, tom, question.id, 'Request the staging-deployers group in the IT portal; your lead approves it.');
      button(detail, 'Check for new answers').click();
      await waitUntil(() => answers(el).length === 1, 'the answer never appeared');
      const answer = answerBy(el, 'Tom Nguyen');
      expect(textOf(detail.querySelector('h3'))).to.equal('1 answer');

      // The asker accepts: the status changes in place.
      button(answer, 'Accept').click();
      await waitUntil(() => textOf(detailOf(el)!.querySelector('.detail-head .badge')) === 'Answered', 'the status never changed');
      expect(api.calls('acceptAnswer')[0]!.body).to.deep.equal({ answerId: Number(answer.id.replace('answer-', '')) });
      const accepted = answerBy(el, 'Tom Nguyen');
      expect(accepted.classList.contains('accepted')).to.equal(true);
      expect(textOf(accepted.querySelector('.badge'))).to.equal('✓ Accepted answer');
      expect(button(accepted, 'Undo accept')).to.exist;
      expect(textOf(detailOf(el)!.querySelector('.vh[role="status"]'))).to.equal('Answer accepted. The question is answered.');
      expect(storedQuestions(api).find((q) => q.id === question.id)!.state).to.equal('answered');
    });
  });

  describe('similar questions while typing', () => {
    it('waits for a pause in typing and then asks once, for the last words typed', async () => {
      const api = mock();
      const sentAt = timeSimilar(api);
      const el = await render(api, { debounce: 150 });
      // Three keystrokes in a row: nothing is asked while typing.
      typeNow(el, '#title', 'How');
      typeNow(el, '#title', 'How do we rotate');
      typeNow(el, '#title', 'How do we rotate Kubernetes secrets');
      const typedAt = performance.now();
      expect(api.calls('similarQuestions')).to.have.length(0);
      await waitUntil(() => similarItems(el).length > 0, 'no similar questions');
      // Measured, not slept: the lookup left a pause after the last keystroke (timers never fire early).
      expect(sentAt[0]! - typedAt).to.be.at.least(149);
      const calls = api.calls('similarQuestions');
      expect(calls).to.have.length(1);
      expect(calls[0]!.url.searchParams.get('title')).to.equal('How do we rotate Kubernetes secrets');
      expect(similarItems(el).map((i) => textOf(i.querySelector('.title')))).to.deep.equal([
        'How do we rotate the Kubernetes secrets for the payments service?',
      ]);
    });

    it('does not look up titles shorter than three characters', async () => {
      const api = mock();
      const el = await render(api);
      await type(el, '#title', 'Hi');
      await type(el, '#title', 'VPN on Linux laptops');
      await waitUntil(() => api.calls('similarQuestions').length === 1);
      expect(api.calls('similarQuestions')[0]!.url.searchParams.get('title')).to.equal('VPN on Linux laptops');
    });

    it('aborts the request in flight when the title changes, and shows only the answer for the latest words', async () => {
      const api = mock();
      const held = holdSimilar(api);
      const el = await render(api, { tags: 'kubernetes' });
      await type(el, '#title', 'staging cluster access');
      await waitUntil(() => held.length === 1, 'the first lookup was never sent');
      expect(held[0]!.url.searchParams.get('tags')).to.equal('kubernetes');
      await type(el, '#title', 'rotate secrets without downtime');
      // Aborted at the keystroke, before the next lookup is even sent.
      expect(held[0]!.signal.aborted).to.equal(true);
      await waitUntil(() => held.length === 2, 'the second lookup was never sent');
      expect(held[1]!.signal.aborted).to.equal(false);
      held[1]!.release();
      await waitUntil(() => similarItems(el).length > 0, 'no similar questions');
      const titles = () => similarItems(el).map((i) => textOf(i.querySelector('.title')));
      const latest = titles();
      expect(latest[0]).to.equal('How do we rotate the Kubernetes secrets for the payments service?');
      expect(api.calls('similarQuestions').map((c) => c.url.searchParams.get('title'))).to.deep.equal(['rotate secrets without downtime']);
      // The stale lookup cannot deliver any more: releasing it changes nothing.
      held[0]!.release();
      await el.updateComplete;
      expect(titles()).to.deep.equal(latest);
    });

    it('says so when nothing similar was asked before', async () => {
      const api = mock();
      const el = await render(api);
      await type(el, '#title', 'Parking spaces for bicycles');
      await waitUntil(() => text(el).includes('No similar question yet'));
      expect(textOf($(el, '[part="similar"] [role="status"]'))).to.equal('0 similar questions found.');
    });
  });

  describe('nothing typed is lost', () => {
    it('keeps the draft after a failed ask, shows the server’s messages next to the fields, and retries with the same key', async () => {
      const api = mock({
        fail: {
          askQuestion: {
            status: 400,
            title: 'Your request is not valid',
            errors: [
              { path: 'body.title', message: 'a title is at most 200 characters', code: 'too_big' },
              { path: 'body.tags.1', message: 'a tag is 1 to 40 letters, digits, - or _', code: 'invalid' },
            ],
            times: 1,
          },
        },
      });
      const el = await render(api, { tags: 'kubernetes' });
      await type(el, '#title', TITLE);
      await type(el, '#body', 'Deploying the payments API.');
      await type(el, '#tags', 'helm,');
      expect(chips(el)).to.deep.equal(['#kubernetes', '#helm']);
      button(el, 'Ask').click();
      await waitUntil(() => textOf($(el, '#title-error')) !== '', 'no field error');

      const title = $<HTMLInputElement>(el, '#title')!;
      const tags = $<HTMLInputElement>(el, '#tags')!;
      expect(textOf($(el, '#title-error'))).to.equal('A title is at most 200 characters');
      expect(textOf($(el, '#tags-error'))).to.equal('A tag is 1 to 40 letters, digits, - or _');
      expect(title.getAttribute('aria-invalid')).to.equal('true');
      expect(title.getAttribute('aria-describedby')!.split(' ')).to.include('title-error');
      expect(tags.getAttribute('aria-invalid')).to.equal('true');
      expect(tags.getAttribute('aria-describedby')!.split(' ')).to.include('tags-error');
      expect($(el, '#body')!.getAttribute('aria-invalid')).to.equal('false');
      expect(textOf($(el, 'form [role="alert"]'))).to.contain('Your question was not posted');
      await focusOn(el, () => title, 'the title');
      // Everything typed is still there, and in localStorage with the key of the attempt.
      expect(title.value).to.equal(TITLE);
      expect($<HTMLTextAreaElement>(el, '#body')!.value).to.equal('Deploying the payments API.');
      expect(chips(el)).to.deep.equal(['#kubernetes', '#helm']);
      const key = api.calls('askQuestion')[0]!.headers.get('idempotency-key');
      const stored = Object.keys(localStorage).filter((k) => k.startsWith('hearth:draft:ask:'));
      expect(stored).to.have.length(1);
      const draft = JSON.parse(localStorage.getItem(stored[0]!)!) as { body: string; key: string };
      expect(JSON.parse(draft.body)).to.deep.equal({ title: TITLE, body: 'Deploying the payments API.', tags: ['kubernetes', 'helm'] });
      expect(draft.key).to.equal(key);

      // A reload brings the draft back, and asking again sends the same key: stored once.
      el.remove();
      const again = await render(api, { tags: 'kubernetes' });
      expect($<HTMLInputElement>(again, '#title')!.value).to.equal(TITLE);
      expect(chips(again)).to.deep.equal(['#kubernetes', '#helm']);
      button(again, 'Ask').click();
      await waitUntil(() => detailOf(again), 'the question was not posted on retry');
      expect(api.calls('askQuestion')[1]!.headers.get('idempotency-key')).to.equal(key);
      expect(stored.map((k) => localStorage.getItem(k))).to.deep.equal([null]);
    });

    it('catches a too short title before sending it', async () => {
      const api = mock();
      const el = await render(api);
      await type(el, '#title', 'VPN?');
      button(el, 'Ask').click();
      await waitUntil(() => textOf($(el, '#title-error')) !== '');
      expect(textOf($(el, '#title-error'))).to.equal('Say what you want to know in at least 10 characters.');
      expect(api.calls('askQuestion')).to.have.length(0);
      // Typing again clears the message.
      await type(el, '#title', 'VPN on Linux?');
      expect(textOf($(el, '#title-error'))).to.equal('');
    });

    it('says why when the network fails, and keeps the text', async () => {
      const api = mock({ fail: { askQuestion: { network: true } } });
      const el = await render(api);
      await type(el, '#title', TITLE);
      button(el, 'Ask').click();
      await waitUntil(() => textOf($(el, 'form [role="alert"]')) !== '');
      expect(textOf($(el, 'form [role="alert"]'))).to.equal(
        'Your question was not posted: Hearth cannot be reached. Check your connection and try again. Nothing you typed is lost.',
      );
      expect($<HTMLInputElement>(el, '#title')!.value).to.equal(TITLE);
    });
  });

  describe('tag chips', () => {
    it('starts with the tags attribute and suggests tags as you type, chosen with the keyboard', async () => {
      const api = mock();
      const el = await render(api, { tags: 'kubernetes, #Security' });
      expect(chips(el)).to.deep.equal(['#kubernetes', '#security']);
      await waitUntil(() => api.calls('experts').length === 1);
      expect(api.calls('experts')[0]!.url.searchParams.get('tags')).to.equal('kubernetes,security');

      const input = $<HTMLInputElement>(el, '#tags')!;
      input.focus();
      await sendKeys({ type: 'ku' });
      await waitUntil(() => $$(el, '[role="option"]').length > 0, 'no suggestions');
      // kubernetes is already a chip: not suggested again.
      expect($$(el, '[role="option"]').map((o) => textOf(o))).to.deep.equal(['#kudos12 posts', '#kubecon3 posts']);
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      expect(input.getAttribute('aria-activedescendant')).to.equal('tag-option-0');
      await sendKeys({ press: 'ArrowDown' });
      expect(input.getAttribute('aria-activedescendant')).to.equal('tag-option-1');
      expect($(el, '#tag-option-1')!.getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(chips(el)).to.deep.equal(['#kubernetes', '#security', '#kubecon']);
      expect(input.value).to.equal('');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(api.calls('askQuestion')).to.have.length(0);
      await waitUntil(() => api.calls('experts').length === 2);
      expect(api.calls('experts')[1]!.url.searchParams.get('tags')).to.equal('kubernetes,security,kubecon');

      // Escape closes the list and keeps the text; Backspace on an empty box removes the last chip.
      await sendKeys({ type: 'ku' });
      await waitUntil(() => input.getAttribute('aria-expanded') === 'true');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(input.value).to.equal('ku');
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await el.updateComplete;
      expect(chips(el)).to.deep.equal(['#kubernetes', '#security']);
    });

    it('removes a chip with its button and keeps focus in the tag box', async () => {
      const api = mock();
      const el = await render(api, { tags: 'kubernetes vpn' });
      button(el, 'Remove #kubernetes').click();
      await el.updateComplete;
      expect(chips(el)).to.deep.equal(['#vpn']);
      await focusOn(el, () => $(el, '#tags'), 'the tag box');
    });

    it('refuses what is not a tag and a sixth tag, saying why', async () => {
      const api = mock();
      const el = await render(api, { tags: 'a b c d e' });
      await type(el, '#tags', 'c++ ');
      expect(textOf($(el, '#tags-error'))).to.equal('A tag has only letters, digits, - and _.');
      await type(el, '#tags', 'f,');
      expect(textOf($(el, '#tags-error'))).to.equal('At most 5 tags.');
      expect(chips(el)).to.have.length(5);
    });
  });

  describe('questions', () => {
    it('lists recent questions with their status, answer count, asker and time', async () => {
      const api = mock();
      const el = await render(api, { view: 'questions' });
      await waitUntil(() => listItems(el).length > 0);
      expect(listItems(el).map((i) => textOf(i.querySelector('.title')))).to.deep.equal([
        'Which VPN client works on Linux laptops?',
        'Is there a template for the quarterly business review?',
        'How do we rotate the Kubernetes secrets for the payments service?',
        'Who can book the atrium for a team event?',
        'How do I get access to the staging Kubernetes cluster?',
      ]);
      expect(textOf(listItems(el)[0]!.querySelector('.meta'))).to.equal('Open 0 answers · Ana María García López · 3 hours ago');
      expect(textOf(listItems(el)[4]!.querySelector('.meta'))).to.equal('Answered 2 answers · Sam Taylor · 2 weeks ago');
      expect(listItems(el)[0]!.querySelector('time')!.title).to.contain(String(new Date().getFullYear()));
    });

    it('shows only the questions nobody has answered when Unanswered is pressed', async () => {
      const api = mock();
      const el = await render(api, { view: 'questions', community: '' });
      await waitUntil(() => listItems(el).length > 0);
      const [all, unanswered] = $$<HTMLButtonElement>(el, '[part="filter"] button');
      expect($(el, '[part="filter"]')!.getAttribute('role')).to.equal('group');
      expect($(el, '[part="filter"]')!.getAttribute('aria-label')).to.equal('Show');
      expect(all!.getAttribute('aria-pressed')).to.equal('true');
      unanswered!.click();
      await waitUntil(() => listItems(el).length === 2);
      expect(unanswered!.getAttribute('aria-pressed')).to.equal('true');
      expect(all!.getAttribute('aria-pressed')).to.equal('false');
      expect(api.calls('listQuestions').at(-1)!.url.searchParams.get('unanswered')).to.equal('true');
      expect(listItems(el).map((i) => textOf(i.querySelector('.badge')))).to.deep.equal(['Open', 'Open']);
    });

    it('lists the questions of the first tag and the community', async () => {
      const api = mock();
      const el = await render(api, { view: 'questions', tags: 'kubernetes security', community: 'engineering' });
      await waitUntil(() => api.calls('listQuestions').length === 1);
      const params = api.calls('listQuestions')[0]!.url.searchParams;
      expect(params.get('tag')).to.equal('kubernetes');
      expect(params.get('community')).to.equal('engineering');
      await waitUntil(() => text(el).includes('No questions here yet'));
    });

    it('opens a question with its answers, accepted first, and goes back with focus on it', async () => {
      const api = mock();
      const el = await render(api, { view: 'questions' });
      const detail = await openQuestion(el, 1);
      await waitUntil(() => answers(el).length === 2);
      await focusOn(el, () => detail.querySelector('h2'), 'the opened question');
      expect(answers(el).map((a) => textOf(a.querySelector('.author')))).to.deep.equal(['Tom Nguyen', '李伟']);
      expect(answers(el)[0]!.classList.contains('accepted')).to.equal(true);
      expect(textOf(answers(el)[0]!.querySelector('.body a'))).to.equal('https://wiki.example.com/platform/staging-access');
      expect(textOf(detail.querySelector('.chips'))).to.equal('#kubernetes #onboarding');
      button(el, '← Back to the questions').click();
      await waitUntil(() => listItems(el).length > 0);
      await focusOn(el, () => $(el, '[data-question="1"]'), 'the question that was open');
    });

    it('offers Accept only to those allowed to accept', async () => {
      const api = mock();
      const el = await render(api, { view: 'questions' });
      // Sam asked question 1; Mira (signed in) may not accept.
      await openQuestion(el, 1);
      await waitUntil(() => answers(el).length === 2);
      expect($$(el, '.answer .accept')).to.have.length(0);
      button(el, '← Back to the questions').click();
      // Mira asked question 4.
      await openQuestion(el, 4);
      await waitUntil(() => answers(el).length === 1);
      expect($$(el, '.answer .accept').map(textOf)).to.deep.equal(['Undo accept']);
    });

    it('lets the asker take an acceptance back: the question is open again, also in the list', async () => {
      const api = mock();
      const el = await render(api, { view: 'questions' });
      await openQuestion(el, 4);
      await waitUntil(() => answers(el).length === 1);
      button(answers(el)[0]!, 'Undo accept').click();
      await waitUntil(() => textOf($(el, '.detail-head .badge')) === 'Open');
      expect(api.calls('acceptAnswer')[0]!.body).to.deep.equal({ answerId: null });
      await focusOn(el, () => answers(el)[0]?.querySelector('.accept'), 'the Accept button');
      button(el, '← Back to the questions').click();
      await waitUntil(() => listItems(el).length > 0);
      expect(textOf($(el, '[data-question="4"]')!.nextElementSibling!.querySelector('.badge'))).to.equal('Open');
    });

    it('posts an answer from the box, keeping the draft until the server has it', async () => {
      const api = mock({ me: tom });
      const el = await render(api, { view: 'questions' });
      const detail = await openQuestion(el, 2);
      expect(textOf(detail.querySelector('.muted'))).to.equal('No answers yet. The people who know were told.');
      const area = detail.querySelector<HTMLTextAreaElement>('textarea')!;
      expect(textOf(detail.querySelector(`label[for="${area.id}"]`))).to.equal('Your answer');
      area.value = 'Use the corp-vpn package from the software centre.';
      area.dispatchEvent(new Event('input', { bubbles: true }));
      expect(localStorage.getItem(`hearth:draft:answer:${api.api}/api/v1/:2`)).to.contain('corp-vpn');
      button(detail, 'Post answer').click();
      await waitUntil(() => answers(el).length === 1, 'the answer never appeared');
      expect(textOf(answers(el)[0]!.querySelector('.author'))).to.equal('Tom Nguyen');
      expect(area.value).to.equal('');
      expect(localStorage.getItem(`hearth:draft:answer:${api.api}/api/v1/:2`)).to.equal(null);
      expect(api.calls('answerQuestion')[0]!.headers.get('idempotency-key')).to.match(/^[0-9a-f]{32}$/);
      expect(textOf(detail.querySelector('.vh[role="status"]'))).to.equal('Answer posted.');
      // His own answer: no vote buttons.
      expect(answers(el)[0]!.querySelectorAll('.vote')).to.have.length(0);
      button(el, '← Back to the questions').click();
      await waitUntil(() => listItems(el).length > 0);
      expect(textOf($(el, '[data-question="2"]')!.nextElementSibling)).to.contain('1 answer');
    });

    it('keeps the answer and says why when posting it fails', async () => {
      const api = mock({ fail: { answerQuestion: { status: 403, title: 'Not allowed', detail: 'The community is archived.' } } });
      const el = await render(api, { view: 'questions' });
      const detail = await openQuestion(el, 2);
      const area = detail.querySelector<HTMLTextAreaElement>('textarea')!;
      area.value = 'Try the corp-vpn package.';
      area.dispatchEvent(new Event('input', { bubbles: true }));
      button(detail, 'Post answer').click();
      await waitUntil(() => textOf(detail.querySelector('.answer-form .error')) !== '');
      expect(textOf(detail.querySelector('.answer-form .error'))).to.equal('The community is archived.');
      expect(area.value).to.equal('Try the corp-vpn package.');
      expect(area.getAttribute('aria-invalid')).to.equal('true');
    });
  });

  describe('votes', () => {
    const question = () =>
      makeQuestion({
        id: 9,
        title: 'Which monitor arms fit the new desks?',
        author: sam,
        answers: [
          makeAnswer({ id: 91, questionId: 9, author: jonas, score: 2, body: 'The Ergo 2 arms, ask facilities.' }),
          makeAnswer({ id: 92, questionId: 9, author: mira, score: 1, body: 'Any VESA arm with a desk clamp.' }),
        ],
      });

    it('gives one vote per person: pressing again takes it back, the other button moves it', async () => {
      const api = mock({}, { questions: [question()] });
      const el = await render(api, { view: 'questions' });
      await openQuestion(el, 9);
      await waitUntil(() => answers(el).length === 2);
      const answer = answerBy(el, 'Jonas Weber');
      const up = button(answer, 'Vote up');
      const down = button(answer, 'Vote down');
      const score = () => textOf(answerBy(el, 'Jonas Weber').querySelector('.score'));
      expect([up.getAttribute('aria-pressed'), down.getAttribute('aria-pressed'), score()]).to.deep.equal(['false', 'false', '2 votes']);

      up.click();
      await waitUntil(() => api.calls('voteAnswer').length === 1 && score() === '3 votes');
      expect(up.getAttribute('aria-pressed')).to.equal('true');
      up.click();
      await waitUntil(() => api.calls('voteAnswer').length === 2 && up.getAttribute('aria-pressed') === 'false');
      await waitUntil(() => score() === '2 votes');
      down.click();
      await waitUntil(() => api.calls('voteAnswer').length === 3 && score() === '1 vote');
      expect([up.getAttribute('aria-pressed'), down.getAttribute('aria-pressed')]).to.deep.equal(['false', 'true']);
      expect(api.calls('voteAnswer').map((c) => (c.body as { value: number }).value)).to.deep.equal([1, 0, -1]);

      // Someone else's vote counts on top of Mira's; hers stays one.
      api.me = tom;
      button(el, 'Check for new answers').click();
      await waitUntil(() => button(answerBy(el, 'Jonas Weber'), 'Vote down').getAttribute('aria-pressed') === 'false');
      button(answerBy(el, 'Jonas Weber'), 'Vote up').click();
      await waitUntil(() => score() === '2 votes');
    });

    it('has no vote buttons on your own answer', async () => {
      const api = mock({}, { questions: [question()] });
      const el = await render(api, { view: 'questions' });
      await openQuestion(el, 9);
      await waitUntil(() => answers(el).length === 2);
      const own = answerBy(el, 'Mira Lindqvist');
      expect(own.querySelectorAll('button.vote')).to.have.length(0);
      expect(textOf(own.querySelector('.score'))).to.equal('1 vote');
    });

    it('puts the vote back and says why when it cannot be saved', async () => {
      const api = mock({ fail: { voteAnswer: { status: 500, title: 'Internal Server Error' } } }, { questions: [question()] });
      const el = await render(api, { view: 'questions' });
      await openQuestion(el, 9);
      await waitUntil(() => answers(el).length === 2);
      button(answerBy(el, 'Jonas Weber'), 'Vote up').click();
      await waitUntil(() => text(el).includes('Your vote could not be saved'));
      expect(button(answerBy(el, 'Jonas Weber'), 'Vote up').getAttribute('aria-pressed')).to.equal('false');
      expect(textOf(answerBy(el, 'Jonas Weber').querySelector('.score'))).to.equal('2 votes');
    });
  });

  describe('experts', () => {
    it('answers who knows about the given tags, with each person’s reasons', async () => {
      const api = mock();
      const el = await render(api, { view: 'experts', tags: 'kubernetes' });
      await waitUntil(() => $$(el, '.person').length > 0);
      expect(textOf($(el, 'h2'))).to.equal('Who knows about #kubernetes?');
      expect($$(el, '.person .author').map(textOf)).to.deep.equal(['Tom Nguyen', 'Mira Lindqvist', '李伟']);
      const [first] = $$(el, '.person');
      expect(textOf(first!.querySelector('.avatar'))).to.equal('TN');
      expect(textOf(first!.querySelector('.role'))).to.equal('IT Administrator · IT');
      expect(textOf(first!.querySelector('.reason'))).to.equal('9 accepted answers on #kubernetes in the last year');
      expect(textOf(first!.querySelector('.facts'))).to.equal('#kubernetes 9 accepted answers · 14 answers · 38 up-votes · 6 posts');
      expect(textOf($$(el, '.person')[1]!.querySelector('.facts'))).to.contain('lists it as a skill · endorsed by 5 colleagues');
      const params = api.calls('experts')[0]!.url.searchParams;
      expect([params.get('tags'), params.get('limit'), params.get('exclude')]).to.deep.equal(['kubernetes', '10', null]);
    });

    it('explains when no tag is given, and when nobody is known for it', async () => {
      const api = mock();
      const none = await render(api, { view: 'experts' });
      expect(text(none)).to.contain('No topic given.');
      expect(api.calls('experts')).to.have.length(0);
      const nobody = await render(api, { view: 'experts', tags: 'origami' });
      await waitUntil(() => text(nobody).includes('Nobody has answered or posted about #origami yet.'));
    });

    it('leaves the asker out of the people who know in the ask view', async () => {
      const api = mock();
      const el = await render(api, { tags: 'kubernetes' });
      await waitUntil(() => $$(el, '.people .person').length > 0);
      expect($$(el, '.people .author').map(textOf)).not.to.include('Mira Lindqvist');
    });
  });

  describe('loading, empty, error and signed-out states', () => {
    it('shows skeletons while the questions load', async () => {
      const api = mock({ pending: ['listQuestions'] });
      const el = await render(api, { view: 'questions' });
      await el.updateComplete;
      expect($$(el, '.skeleton')).to.have.length(3);
      expect($(el, '[aria-busy="true"]')).to.exist;
    });

    it('shows skeletons while the experts load', async () => {
      const api = mock({ pending: ['experts'] });
      const el = await render(api, { view: 'experts', tags: 'kubernetes' });
      await el.updateComplete;
      expect($$(el, '.skeleton')).to.have.length(3);
    });

    it('says when there are no questions yet', async () => {
      const api = mock({}, { questions: [], experts: [] });
      const el = await render(api, { view: 'questions' });
      await waitUntil(() => text(el).includes('No questions here yet. Be the first to ask.'));
      button(el, 'Unanswered').click();
      await waitUntil(() => text(el).includes('Every question here has an answer.'));
    });

    it('shows the problem with Retry, and Retry loads the questions', async () => {
      const api = mock({ fail: { listQuestions: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting.', times: 1 } } });
      const el = await render(api, { view: 'questions' });
      await waitUntil(() => $(el, '.state[role="alert"]'));
      expect(text(el)).to.contain('The questions could not be loaded. The database is restarting.');
      button(el, 'Retry').click();
      await waitUntil(() => listItems(el).length === 5);
    });

    it('shows the problem with Retry when the experts fail', async () => {
      const api = mock({ fail: { experts: { status: 500, title: 'Internal Server Error', times: 1 } } });
      const el = await render(api, { view: 'experts', tags: 'kubernetes' });
      await waitUntil(() => text(el).includes('The people who know could not be loaded.'));
      button(el, 'Retry').click();
      await waitUntil(() => $$(el, '.person').length === 3);
    });

    it('shows a missing question as not found', async () => {
      const api = mock({ fail: { getQuestion: { status: 404, title: 'Not found' } } });
      const el = await render(api, { view: 'questions' });
      await waitUntil(() => listItems(el).length > 0);
      $(el, '[data-question="1"]')!.click();
      await waitUntil(() => text(el).includes('This question does not exist, or you cannot see it.'));
    });

    for (const view of ['ask', 'questions', 'experts'] as const) {
      it(`shows the signed-out state in the ${view} view, and Try again signs in`, async () => {
        const api = mock({ me: null });
        const el = await render(api, { view, tags: 'kubernetes' });
        await waitUntil(() => text(el).includes('You are signed out.'), 'no signed-out state');
        expect($(el, 'form, [part="list"], .people') === null, 'the view is hidden').to.equal(true);
        api.me = mira;
        button(el, 'Try again').click();
        await waitUntil(() => !text(el).includes('You are signed out.'), 'still signed out');
      });
    }
  });

  describe('accessibility (axe)', () => {
    it('the ask view with chips, suggestions, similar questions and experts is accessible', async () => {
      const api = mock();
      const el = await render(api, { tags: 'kubernetes' });
      await type(el, '#title', TITLE);
      await waitUntil(() => similarItems(el).length > 0 && $$(el, '.people .person').length > 0);
      $<HTMLInputElement>(el, '#tags')!.focus();
      await sendKeys({ type: 'ku' });
      await waitUntil(() => $$(el, '[role="option"]').length > 0);
      await expect(el).to.be.accessible();
    });

    it('the field errors are accessible', async () => {
      const api = mock();
      const el = await render(api);
      await type(el, '#title', 'VPN?');
      button(el, 'Ask').click();
      await waitUntil(() => textOf($(el, '#title-error')) !== '');
      await expect(el).to.be.accessible();
    });

    it('the list, the opened question and the experts are accessible', async () => {
      const api = mock();
      const list = await render(api, { view: 'questions' });
      await waitUntil(() => listItems(list).length > 0);
      await expect(list).to.be.accessible();
      await openQuestion(list, 4);
      await waitUntil(() => answers(list).length > 0);
      await expect(list).to.be.accessible();
      const experts = await render(api, { view: 'experts', tags: 'kubernetes' });
      await waitUntil(() => $$(experts, '.person').length > 0);
      await expect(experts).to.be.accessible();
    });

    it('the loading, empty, error and signed-out states are accessible', async () => {
      await expect(await render(mock({ pending: ['listQuestions'] }), { view: 'questions' })).to.be.accessible();
      const empty = await render(mock({}, { questions: [], experts: [] }), { view: 'questions' });
      await waitUntil(() => $(empty, '.state'));
      await expect(empty).to.be.accessible();
      const failed = await render(mock({ fail: { listQuestions: { status: 500 } } }), { view: 'questions' });
      await waitUntil(() => $(failed, '.state'));
      await expect(failed).to.be.accessible();
      const signedOut = await render(mock({ me: null }));
      await waitUntil(() => $(signedOut, '.state'));
      await expect(signedOut).to.be.accessible();
    });

    it('the dark theme keeps enough contrast', async () => {
      const api = mock();
      const el = await fixture<HearthAskExpert>(
        html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="questions" theme="dark"></hearth-ask-expert>`,
      );
      await waitUntil(() => listItems(el).length > 0);
      document.body.style.background = '#000';
      try {
        await expect(el).to.be.accessible();
        await openQuestion(el, 4);
        await waitUntil(() => answers(el).length > 0);
        await expect(el).to.be.accessible();
      } finally {
        document.body.style.background = '';
      }
    });
  });

  describe('the stories', () => {
    type AnyStory = { args?: Record<string, unknown>; parameters?: Record<string, unknown>; play?: unknown };
    type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;
    const renderMeta = meta.render as unknown as (args: unknown, context: unknown) => ReturnType<typeof html>;

    /** Renders a story as Storybook would (without its chrome) and waits for its play function. */
    async function renderStory(story: AnyStory): Promise<HearthAskExpert> {
      const args = { ...meta.args, ...story.args };
      const parameters = { ...meta.parameters, ...story.parameters };
      const canvas = await fixture<HTMLElement>(html`<div>${renderMeta(args, { args, parameters })}</div>`);
      await (story.play as Play | undefined)?.({ canvasElement: canvas });
      return canvas.querySelector('hearth-ask-expert')!;
    }

    const expected: Array<[string, AnyStory, string]> = [
      ['Ask', stories.Ask, '9 accepted answers on #kubernetes'],
      ['Ask with similar questions', stories.AskWithSimilar, 'Accepted answer by Tom Nguyen'],
      ['Ask with field errors', stories.AskWithFieldErrors, 'A title is at most 200 characters'],
      ['Questions', stories.Questions, 'Which VPN client works on Linux laptops?'],
      ['Unanswered', stories.Unanswered, 'Who can book the atrium'],
      ['Question with answers', stories.QuestionDetail, 'schedule it outside the nightly batch window'],
      ['Experts', stories.Experts, 'Who knows about #kubernetes?'],
      ['Empty', stories.Empty, 'No questions here yet'],
      ['Error', stories.ErrorState, 'The database is restarting'],
      ['Signed out', stories.SignedOut, 'You are signed out'],
      ['Dark', stories.Dark, 'Accepted answer by Tom Nguyen'],
      ['Answering', stories.Answering, 'Your answer'],
    ];
    for (const [name, story, shown] of expected) {
      it(`${name} shows “${shown}”`, async () => {
        const el = await renderStory(story);
        await waitUntil(() => text(el).includes(shown), `expected "${shown}"`);
      });
    }

    it('Loading keeps the skeletons', async () => {
      const el = await renderStory(stories.Loading);
      await el.updateComplete;
      expect($$(el, '.skeleton')).to.have.length(3);
    });

    it('Dark uses the dark theme', async () => {
      const el = await renderStory(stories.Dark);
      expect($(el, '.root')!.classList.contains('dark')).to.equal(true);
    });
  });
});
