import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Me } from '@hearth/contracts';
import './define.ts';
import type { HearthAskExpert } from './hearth-ask-expert.ts';
import { MockApi, type MockApiOptions, hiddenBy, rateLimited, samplePeople, useMockApi } from '../testing/mock-api.ts';
// Named imports on purpose: the package marks the testing modules free of side effects, so a
// bare `import '../testing/mock-tags.ts'` is dropped from Storybook's build with its endpoints.
import { type MockQuestionsData, makeAnswer, sampleExperts, sampleLoop, sampleQuestions } from '../testing/mock-questions.ts';
import { type MockTagsData, sampleCloud } from '../testing/mock-tags.ts';
import { makeReport } from '../testing/mock-reports.ts';

/**
 * Every story talks to its own in-memory API (testing/mock-api.ts with the question and expert
 * endpoints of testing/mock-questions.ts and the tags of testing/mock-tags.ts) through the
 * widgets' real runtime: `parameters.hearthApi` shapes what it answers. The signed-in person is
 * Mira Lindqvist.
 */
interface AskArgs {
  view: 'ask' | 'mine' | 'for-me' | 'questions' | 'experts';
  tags: string;
  community: string;
  theme: 'auto' | 'light' | 'dark';
  /** Where questions link to (`href-template`); empty: none. */
  hrefTemplate?: string;
}

const [, , , tom, , li] = samplePeople as Me[];

/** The sample questions, with a second answer on Mira's own question so it shows votes and Accept. */
function questions() {
  const list = sampleQuestions();
  const mine = list.find((q) => q.id === 4)!;
  mine.answers.push(
    makeAnswer({
      id: 42, questionId: 4, author: li!, score: 1, myVote: 1, createdAt: new Date(Date.now() - 40 * 3_600_000).toISOString(),
      body: 'We did it last month for #payments: schedule it outside the nightly batch window, the batch jobs hold connections with the old credentials.',
    }),
  );
  mine.answerCount = 2;
  return list;
}

/** The tags the tag box suggests from: an intranet's cloud. */
const known: MockTagsData = { known: sampleCloud().map(({ name, posts }) => ({ name, posts })) };

function api(data: MockQuestionsData = { questions: questions(), experts: sampleExperts() }, options: MockApiOptions = {}): MockApiOptions {
  return { ...options, data: { questions: data, tags: known, ...options.data } };
}

const meta: Meta<AskArgs> = {
  title: 'Widgets/Ask an expert',
  component: 'hearth-ask-expert',
  args: { view: 'ask', tags: 'kubernetes', community: '', theme: 'auto' },
  argTypes: {
    view: { control: 'inline-radio', options: ['ask', 'mine', 'for-me', 'questions', 'experts'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
  },
  parameters: { layout: 'padded', hearthApi: api() },
  render: (args, { parameters }) => {
    const mock = useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined));
    return html`<div style="max-width: 62rem">
      <hearth-ask-expert
        api=${mock.api}
        token-url=${mock.tokenUrl}
        view=${args.view}
        tags=${args.tags}
        community=${args.community}
        theme=${args.theme}
        href-template=${ifDefined(args.hrefTemplate || undefined)}
      ></hearth-ask-expert>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<AskArgs>;

/** The question box with the tag chosen by the page and the people who know about it. */
export const Ask: Story = {};

/** Typing a question: a similar one was already answered, with its accepted answer. */
export const AskWithSimilar: Story = {
  name: 'Ask with similar questions',
  play: async ({ canvasElement }) => {
    const el = await widgetIn(canvasElement);
    await type(el, '#title', 'How can I get access to the Kubernetes staging cluster?');
    await waitFor(() => el.shadowRoot!.querySelector('.excerpt'));
  },
};

/** Typing in the tag box: the most used tags that start that way are offered. */
export const AskWithTagSuggestions: Story = {
  name: 'Ask with tag suggestions',
  play: async ({ canvasElement }) => {
    const el = await widgetIn(canvasElement);
    const box = await waitFor(() => el.shadowRoot!.querySelector<HTMLInputElement>('#tags'));
    box.focus();
    await type(el, '#tags', 'o');
    await waitFor(() => el.shadowRoot!.querySelector('[part="suggestions"] [role="option"]'));
  },
};

/** The server refused the question: the field's message sits next to it, and the text stays. */
export const AskWithFieldErrors: Story = {
  name: 'Ask with field errors',
  play: async ({ canvasElement }) => {
    const el = await widgetIn(canvasElement);
    await type(
      el,
      '#title',
      'Our team is moving the payments service to the new cluster next month and we would like to know which of the staging namespaces we may use, who approves the quota, how long the approval takes and whether the old namespace is kept?!',
    );
    await type(el, '#body', 'We already read the platform wiki page on quotas.');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.bar .primary')!.click();
    await waitFor(() => el.shadowRoot!.querySelector('#title-error')?.textContent);
  },
};

/** Recent questions, answered and open, with their answer counts. */
export const Questions: Story = { args: { view: 'questions', tags: '' } };

/** Only the questions nobody has answered yet: the queue for the people who know. */
export const Unanswered: Story = {
  args: { view: 'questions', tags: '' },
  play: async ({ canvasElement }) => {
    const el = await widgetIn(canvasElement);
    const toggle = await waitFor(() => el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toggle button')[1]);
    toggle.click();
  },
};

/** One of Mira's questions: answers with votes, the accepted one first, Accept and the answer box. */
export const QuestionDetail: Story = {
  name: 'Question with answers',
  args: { view: 'questions', tags: '' },
  play: async ({ canvasElement }) => {
    const el = await widgetIn(canvasElement);
    const open = await waitFor(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-question="4"]'));
    open.click();
    await waitFor(() => el.shadowRoot!.querySelector('.answer'));
  },
};

/** "Who knows about #kubernetes?": the experts with their reasons. */
export const Experts: Story = { args: { view: 'experts', tags: 'kubernetes' } };

/** The skeletons hold the list's place while it is on its way (here: forever). */
export const Loading: Story = {
  args: { view: 'questions' },
  parameters: { hearthApi: api(undefined, { pending: ['listQuestions'] }) },
};

/** No questions yet, and nobody known for the tag. */
export const Empty: Story = {
  args: { view: 'questions', tags: '' },
  parameters: { hearthApi: api({ questions: [], experts: [] }) },
};

/** The server failed: the problem's detail is shown with Retry (which then works). */
export const ErrorState: Story = {
  name: 'Error',
  args: { view: 'questions', tags: '' },
  parameters: {
    hearthApi: api(undefined, {
      fail: { listQuestions: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting. Try again in a minute.', times: 1 } },
    }),
  },
};

/** The host portal's token URL says nobody is signed in. */
export const SignedOut: Story = { parameters: { hearthApi: api(undefined, { me: null }) } };

/** Storybook 10 picks the page background from `globals`. */
export const Dark: Story = {
  args: { theme: 'dark' },
  globals: { backgrounds: { value: 'dark' } },
  play: AskWithSimilar.play!,
};

/** An expert's view of the same widget: Tom answers Sam's question. */
export const Answering: Story = {
  args: { view: 'questions', tags: '' },
  parameters: { hearthApi: api(undefined, { me: tom! }) },
  play: async ({ canvasElement }) => {
    const el = await widgetIn(canvasElement);
    const open = await waitFor(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-question="2"]'));
    open.click();
    const area = await waitFor(() => el.shadowRoot!.querySelector<HTMLTextAreaElement>('.answer-form textarea'));
    area.value = 'The Linux client is in the software centre as "corp-vpn". Import the profile from the IT portal.';
    area.dispatchEvent(new Event('input', { bubbles: true }));
  },
};

/** The sample questions with Li's answer to question 1 hidden by a moderator. */
function withHiddenAnswer() {
  const list = questions();
  const answer = list.find((q) => q.id === 1)!.answers.find((a) => a.id === 12)!;
  answer.body = 'Easiest is to borrow a colleague’s kubeconfig until your access comes through, DM me for mine.';
  answer.hidden = hiddenBy('Sharing credentials is against the security policy.');
  return list;
}

/** Opens question `id` from the list. */
async function openQuestion(canvasElement: HTMLElement, id: number): Promise<HearthAskExpert> {
  const el = await widgetIn(canvasElement);
  const open = await waitFor(() => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-question="${id}"]`));
  open.click();
  await waitFor(() => el.shadowRoot!.querySelector('.answer'));
  return el;
}

/** An answer a moderator hid, as others see it: "Hidden by a moderator", with nothing to vote on. */
export const HiddenAnswer: Story = {
  args: { view: 'questions', tags: '' },
  parameters: { hearthApi: api({ questions: withHiddenAnswer(), experts: sampleExperts() }) },
  play: ({ canvasElement }) => openQuestion(canvasElement, 1).then(() => undefined),
};

/** The same answer as its author (and moderators) see it: the text dimmed under the moderator's reason. */
export const HiddenAnswerAsAuthor: Story = {
  name: 'Hidden answer (as its author)',
  args: { view: 'questions', tags: '' },
  parameters: { hearthApi: api({ questions: withHiddenAnswer(), experts: sampleExperts() }, { me: li! }) },
  play: HiddenAnswer.play!,
};

/** Report on an answer: the dialog, with the reasons and a note. */
export const ReportAnswer: Story = {
  args: { view: 'questions', tags: '' },
  play: async ({ canvasElement }) => {
    const el = await openQuestion(canvasElement, 1);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#answer-12 button.report')!.click();
    const dialog = await waitFor(() => el.shadowRoot!.querySelector<HTMLDialogElement>('hearth-report-dialog dialog[open]'));
    const reason = dialog.querySelector<HTMLInputElement>('input[value="other"]')!;
    reason.click();
    reason.focus();
  },
};

/** An answer reported before: the server answers 409 and the dialog says so. */
export const AnswerAlreadyReported: Story = {
  name: 'Answer already reported',
  args: { view: 'questions', tags: '' },
  parameters: { hearthApi: api(undefined, { data: { reports: [makeReport({ kind: 'answer', id: 12 })] } }) },
  play: async (context) => {
    await ReportAnswer.play!(context);
    const el = await widgetIn(context.canvasElement);
    const note = el.shadowRoot!.querySelector<HTMLTextAreaElement>('hearth-report-dialog textarea')!;
    note.value = 'Suggests sharing credentials.';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    el.shadowRoot!.querySelector<HTMLButtonElement>('hearth-report-dialog .primary')!.click();
    await waitFor(() => el.shadowRoot!.querySelector('hearth-report-dialog [role="status"]'));
  },
};

/** Answering too fast: the server's limit (429) says when to try again, and the answer stays. */
export const AnswerRateLimited: Story = {
  name: 'Answer rate-limited',
  args: { view: 'questions', tags: '' },
  parameters: { hearthApi: api(undefined, { me: tom!, fail: { answerQuestion: rateLimited(240) } }) },
  play: async (context) => {
    await Answering.play!(context);
    const el = await widgetIn(context.canvasElement);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.answer-form .primary')!.click();
    await waitFor(() => el.shadowRoot!.querySelector('.answer-form .error')?.textContent?.trim());
  },
};

async function widgetIn(root: HTMLElement): Promise<HearthAskExpert> {
  return waitFor(() => root.querySelector('hearth-ask-expert'));
}

/** Types into the field `selector` as a person would (one input event). */
async function type(el: HearthAskExpert, selector: string, text: string): Promise<void> {
  const field = await waitFor(() => el.shadowRoot!.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector));
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Polls until `find` returns something (stories have no test helpers of their own). */
async function waitFor<T>(find: () => T | null | undefined, timeout = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - start > timeout) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** "My questions": Mira's own, newest first, with their status; two answers she has not seen yet are marked. */
export const MyQuestions: Story = {
  args: { view: 'mine', tags: '' },
  parameters: { hearthApi: api(sampleLoop()) },
};

/** Mira opens her question: its answers, and how long the first answer and the first expert answer took. */
export const MyQuestionOpened: Story = {
  args: { view: 'mine', tags: '' },
  parameters: { hearthApi: api(sampleLoop()) },
  play: async ({ canvasElement }) => {
    const el = await widgetIn(canvasElement);
    (await waitFor(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-question="101"]'))).click();
    await waitFor(() => el.shadowRoot!.querySelector('hearth-ask-expert-question .times'));
  },
};

/** "For me to answer": two questions asked of Mira as an expert (she may pass them on), then one in a tag she knows. */
export const ForMe: Story = {
  args: { view: 'for-me', tags: '' },
  parameters: { hearthApi: api(sampleLoop()) },
};

/** "Not me" asks first: passing on cannot be undone. */
export const ForMePassing: Story = {
  args: { view: 'for-me', tags: '' },
  parameters: { hearthApi: api(sampleLoop()) },
  play: async ({ canvasElement }) => {
    const el = await widgetIn(canvasElement);
    (await waitFor(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-pass="2"]'))).click();
    await waitFor(() => el.shadowRoot!.querySelector('#pass-2'));
  },
};

/** Nothing waits for Mira. */
export const ForMeEmpty: Story = {
  args: { view: 'for-me', tags: '' },
  parameters: { hearthApi: api({ questions: [], experts: [] }) },
};

/** Mira has not asked anything yet. */
export const MyQuestionsEmpty: Story = {
  args: { view: 'mine', tags: '' },
  parameters: { hearthApi: api({ questions: [], experts: [] }) },
};

/** "My questions" while they load. */
export const MyQuestionsLoading: Story = {
  args: { view: 'mine', tags: '' },
  parameters: { hearthApi: api(sampleLoop(), { pending: ['listQuestions'] }) },
};

/** "For me to answer" could not be loaded: the reason, and Retry. */
export const ForMeError: Story = {
  args: { view: 'for-me', tags: '' },
  parameters: {
    hearthApi: api(sampleLoop(), { fail: { listQuestions: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting.', times: 1 } } }),
  },
};

/** Signed out on "My questions": the tabs stay, the list asks to sign in. */
export const MyQuestionsSignedOut: Story = {
  args: { view: 'mine', tags: '' },
  parameters: { hearthApi: api(sampleLoop(), { me: null }) },
};

/** "For me to answer" in the dark theme. */
export const ForMeDark: Story = {
  args: { view: 'for-me', tags: '', theme: 'dark' },
  globals: { backgrounds: { value: 'dark' } },
  parameters: { hearthApi: api(sampleLoop()) },
};

/**
 * On the page its `href-template` names (here `#question={id}`), the widget opens the question
 * the URL names, with "Back to the questions"; the list's titles link there and open in place.
 */
export const Linked: Story = {
  args: { view: 'questions', tags: '', hrefTemplate: '#question={id}' },
  render: (args, context) => {
    // The page's URL names question 4, as `/help#question=4` would.
    history.replaceState(history.state, '', '#question=4');
    return meta.render!(args, context);
  },
};
