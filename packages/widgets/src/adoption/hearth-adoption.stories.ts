import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './define.ts';
import { MockApi, type MockApiOptions, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { emptyAdoption, sampleAdoption } from '../testing/mock-adoption.ts';

/**
 * Every story talks to its own in-memory API (testing/mock-api.ts with the adoption endpoints of
 * testing/mock-adoption.ts, typed by the contracts) through the widgets' real runtime:
 * `parameters.hearthApi` shapes what it answers. Tom is an admin, Jonas a community manager,
 * Mira neither.
 */
interface AdoptionArgs {
  community: string;
  weeks: number;
  theme: 'auto' | 'light' | 'dark';
}

const [mira, jonas, , tom] = samplePeople;

const meta: Meta<AdoptionArgs> = {
  title: 'Widgets/Adoption',
  component: 'hearth-adoption',
  args: { community: '', weeks: 12, theme: 'auto' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    weeks: { control: { type: 'number', min: 1, max: 52 } },
  },
  parameters: { layout: 'padded', hearthApi: { me: tom, data: { adoption: sampleAdoption() } } satisfies MockApiOptions },
  render: (args, { parameters }) => {
    const api = useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined));
    return html`<div style="max-width: 72rem">
      <hearth-adoption api=${api.api} token-url=${api.tokenUrl} community=${args.community} weeks=${args.weeks} theme=${args.theme}></hearth-adoption>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<AdoptionArgs>;

/**
 * An admin's view of the company: this week against the targets, 12 weeks of trends (open "Show
 * the numbers as a table" for the same numbers), the breakdowns, the inactive communities with
 * Archive, the executives who have not posted this month, and the targets form.
 */
export const Admin: Story = {};

/** A community manager sees their communities: no reading figures, no pages, no names of executives, no Archive. */
export const Manager: Story = {
  parameters: { hearthApi: { me: jonas, data: { adoption: sampleAdoption({ community: true }) } } satisfies MockApiOptions },
};

/** Nothing was read or written yet. */
export const Empty: Story = {
  parameters: { hearthApi: { me: tom, data: { adoption: emptyAdoption() } } satisfies MockApiOptions },
};

/** The skeleton holds the dashboard's place while the figures are on their way (here: forever). */
export const Loading: Story = {
  parameters: { hearthApi: { me: tom, pending: ['adoption'], data: { adoption: sampleAdoption() } } satisfies MockApiOptions },
};

/** The server failed: the problem's detail is shown with Retry (which then works). */
export const ErrorState: Story = {
  name: 'Error',
  parameters: {
    hearthApi: {
      me: tom,
      data: { adoption: sampleAdoption() },
      fail: { adoption: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting. Try again in a minute.', times: 1 } },
    } satisfies MockApiOptions,
  },
};

/** Someone who is neither an admin nor a community manager is told so. */
export const Forbidden: Story = {
  parameters: { hearthApi: { me: mira, data: { adoption: sampleAdoption() } } satisfies MockApiOptions },
};

/** The host portal's token URL says nobody is signed in. */
export const SignedOut: Story = {
  parameters: { hearthApi: { me: null } satisfies MockApiOptions },
};

/** Saving the targets fails: what was typed stays, and the reason is said. */
export const TargetsFail: Story = {
  name: 'Targets: save fails',
  parameters: {
    hearthApi: {
      me: tom,
      data: { adoption: sampleAdoption() },
      fail: { setAdoptionTargets: { status: 503, title: 'Service Unavailable', detail: 'Hearth is restarting.' } },
    } satisfies MockApiOptions,
  },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  globals: { backgrounds: { value: 'dark' } },
};

/** On a right-to-left page the layout mirrors (and so do the charts' time axes). */
export const RightToLeft: Story = {
  name: 'Right to left',
  render: (args, context) => html`<div dir="rtl" lang="ar">${meta.render!(args, context)}</div>`,
};
