import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import './define.ts';
import '../ask-expert/define.ts';
import type { HearthPerson } from './hearth-person.ts';
import { MockApi, type MockApiOptions, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { type MockPeopleData, sampleCard, skill } from '../testing/mock-people.ts';
import '../testing/mock-people.ts';
import { sampleExperts } from '../testing/mock-questions.ts';

/**
 * Every story talks to its own in-memory API (testing/mock-api.ts with the people endpoints of
 * testing/mock-people.ts) through the widgets' real runtime: `parameters.hearthApi` shapes what it
 * answers. Jonas Weber is signed in and looks at Mira Lindqvist's card, unless a story says
 * otherwise (`Own`: Mira looks at her own).
 */
interface PersonArgs {
  handle: string;
  compact: boolean;
  theme: 'auto' | 'light' | 'dark';
  lang: string;
  dir: '' | 'ltr' | 'rtl';
  /** With "Ask": an ask-expert on the same page, which takes it. */
  withAsk: boolean;
}

const [mira, jonas] = samplePeople as [(typeof samplePeople)[0], (typeof samplePeople)[0]];

/** A mock where Jonas is signed in (or `me`), with the sample cards and `people` data. */
function api(options: MockApiOptions & { cards?: MockPeopleData['cards'] } = {}): MockApiOptions {
  const { cards, ...rest } = options;
  return { me: jonas, ...rest, data: { people: { cards } satisfies MockPeopleData, questions: { experts: sampleExperts() }, ...rest.data } };
}

const meta: Meta<PersonArgs> = {
  title: 'Widgets/Person',
  component: 'hearth-person',
  args: { handle: 'mira.lindqvist', compact: false, theme: 'auto', lang: '', dir: '', withAsk: false },
  argTypes: {
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    lang: { control: 'select', options: ['', 'en', 'fr', 'de', 'es', 'ar'] },
    dir: { control: 'inline-radio', options: ['', 'ltr', 'rtl'] },
  },
  parameters: { layout: 'padded', hearthApi: api() },
  render: (args, { parameters }) => {
    const mock = useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined));
    return html`<div style=${args.compact ? 'max-width: 22em' : 'max-width: 36em'} lang=${ifDefined(args.lang || undefined)} dir=${ifDefined(args.dir || undefined)}>
      <hearth-person api=${mock.api} token-url=${mock.tokenUrl} handle=${args.handle} theme=${args.theme} ?compact=${args.compact}></hearth-person>
      ${args.withAsk
        ? html`<hearth-ask-expert api=${mock.api} token-url=${mock.tokenUrl} theme=${args.theme} style="display: block; margin-top: 1em"></hearth-ask-expert>`
        : ''}
    </div>`;
  },
};
export default meta;

type Story = StoryObj<PersonArgs>;

/** Someone else's card: skills with their reasons and Endorse, communities, recent posts and answers, Follow, Ask. */
export const Default: Story = {};

/** "Ask Mira" with an ask-expert on the page: its form opens with Mira suggested and her skills as tags. */
export const AskOnThePage: Story = { args: { withAsk: true } };

/** Your own card: "Edit skills" and "I am away". */
export const Own: Story = { parameters: { hearthApi: api({ me: mira }) } };

/** Your own card, editing your declared skills. */
export const EditingSkills: Story = {
  parameters: { hearthApi: api({ me: mira }) },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<HearthPerson>('hearth-person')!;
    const button = await find(el, '.edit-skills');
    button.click();
    await find(el, '#skill-input');
  },
};

/** Saving your skills failed: what you typed stays, with the reason. */
export const SkillsNotSaved: Story = {
  parameters: { hearthApi: api({ me: mira, fail: { setSkills: { status: 503, title: 'Service Unavailable' } } }) },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<HearthPerson>('hearth-person')!;
    (await find(el, '.edit-skills')).click();
    const input = (await find(el, '#skill-input')) as HTMLInputElement;
    input.value = 'incident-response';
    input.dispatchEvent(new Event('input'));
    (await find(el, '.skills-editor .save')).click();
    await find(el, '.skills-editor .error:not(:empty)');
  },
};

/** Away: the badge and the note (questions are not routed to them). */
export const Away: Story = {
  parameters: { hearthApi: api({ cards: { 'mira.lindqvist': sampleCard(mira, { away: true }) } }) },
};

/** Followed, one skill endorsed by you. */
export const Following: Story = {
  parameters: {
    hearthApi: api({
      cards: {
        'mira.lindqvist': sampleCard(mira, {
          following: true,
          skills: [skill('kubernetes', { acceptedAnswers: 3, upvotes: 12, declared: true, endorsements: 6, endorsedByMe: true }), skill('vpn', { acceptedAnswers: 1 })],
        }),
      },
    }),
  },
};

/** Nothing listed, nothing recent, no communities. */
export const Empty: Story = {
  parameters: { hearthApi: api({ cards: { 'mira.lindqvist': sampleCard(mira, { skills: [], communities: [], recent: [], followers: 0 }) } }) },
};

/** The hover card's size (`compact`): who they are, their top skills, Follow and Ask. */
export const Compact: Story = { args: { compact: true } };

/** A handle that does not exist, or someone you may not see: "not found". */
export const NotFound: Story = { args: { handle: 'nobody.here' } };

/** Loading (the answer never comes). */
export const Loading: Story = { parameters: { hearthApi: api({ pending: ['personCard'] }) } };

/** The card could not be loaded: the reason and Retry. */
export const LoadError: Story = {
  name: 'Error',
  parameters: { hearthApi: api({ fail: { personCard: { status: 503, title: 'Service Unavailable' } } }) },
};

/** Signed out: Sign in. */
export const SignedOut: Story = { parameters: { hearthApi: api({ me: null }) } };

/** Dark. */
export const Dark: Story = { args: { theme: 'dark' } };

/** Right to left. */
export const RightToLeft: Story = { args: { dir: 'rtl', lang: 'ar' } };

/** French. */
export const French: Story = { args: { lang: 'fr' } };

/** German. */
export const German: Story = { args: { lang: 'de' } };

/** Spanish, your own card. */
export const Spanish: Story = { args: { lang: 'es' }, parameters: { hearthApi: api({ me: mira }) } };

/**
 * The hover card on a name in another widget (ask-expert's "who knows about #kubernetes"): a
 * click (or the focus, or the pointer resting) on a name opens it under the name.
 */
export const HoverCard: Story = {
  render: (args, { parameters }) => {
    const mock = useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined));
    return html`<div style="max-width: 40em; min-height: 30em" lang=${ifDefined(args.lang || undefined)} dir=${ifDefined(args.dir || undefined)}>
      <hearth-ask-expert api=${mock.api} token-url=${mock.tokenUrl} theme=${args.theme} view="experts" tags="kubernetes"></hearth-ask-expert>
    </div>`;
  },
  play: async ({ canvasElement }) => {
    const ask = canvasElement.querySelector('hearth-ask-expert')!;
    for (let i = 0; i < 100; i++) {
      const name = ask.shadowRoot?.querySelector('hearth-ask-expert-experts')?.querySelector<HTMLElement>('[data-hearth-person]:not(.avatar)');
      if (name) return name.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no name to open a card on');
  },
};

/** The hover card, dark. */
export const HoverCardDark: Story = { ...HoverCard, args: { theme: 'dark' } };

/** Waits (a story's play) until `selector` is in the card's shadow root, and answers it. */
async function find(el: HearthPerson, selector: string): Promise<HTMLElement> {
  for (let i = 0; i < 100; i++) {
    const found = el.shadowRoot?.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${selector} never showed`);
}
