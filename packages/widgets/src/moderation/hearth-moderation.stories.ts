import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Me } from '@hearth/contracts';
import './define.ts';
import type { HearthModeration } from './hearth-moderation.ts';
import { MockApi, type MockApiOptions, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { communities, makeItem, sampleModeration } from '../testing/mock-moderation.ts';

/**
 * Every story talks to its own in-memory API (testing/mock-api.ts with the moderation endpoints
 * of testing/mock-moderation.ts) through the widgets' real runtime: `parameters.hearthApi`
 * shapes what it answers. Jonas Weber is a community manager, Tom Nguyen an admin, Mira
 * Lindqvist an employee who moderates nothing.
 */
interface ModerationArgs {
  community: string;
  theme: 'auto' | 'light' | 'dark';
  lang: string;
  dir: '' | 'ltr' | 'rtl';
}

const [mira, jonas, , tom] = samplePeople as [Me, Me, Me, Me];

/** A mock with the sample queue, as `me`. */
function api(me: Me | null = jonas, options: MockApiOptions = {}): MockApiOptions {
  return { me, ...options, data: { moderation: sampleModeration(), ...options.data } };
}

const meta: Meta<ModerationArgs> = {
  title: 'Widgets/Moderation',
  component: 'hearth-moderation',
  args: { community: '', theme: 'auto', lang: '', dir: '' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    lang: { control: 'select', options: ['', 'en', 'fr', 'de', 'es', 'ar'] },
    dir: { control: 'inline-radio', options: ['', 'ltr', 'rtl'] },
  },
  parameters: { layout: 'padded', hearthApi: api() },
  render: (args, { parameters }) => {
    const mock = useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined));
    return html`<div style="max-width: 48rem" lang=${ifDefined(args.lang || undefined)} dir=${ifDefined(args.dir || undefined)}>
      <hearth-moderation api=${mock.api} token-url=${mock.tokenUrl} community=${ifDefined(args.community || undefined)} theme=${args.theme}></hearth-moderation>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<ModerationArgs>;

/** A community manager's queue: reports with reasons, notes and watch-list matches. */
export const ToReview: Story = {};

/** An admin sees every community, and the Watch list and Audit trail tabs. */
export const Admin: Story = {
  parameters: { hearthApi: api(tom) },
};

/** On a community's own page (`community="project-falcon"`): only its items. */
export const OneCommunity: Story = {
  args: { community: 'project-falcon' },
};

/** Hide asks why: the author is shown the reason. */
export const HideReason: Story = {
  play: async ({ canvasElement }) => {
    const el = await widgetIn(canvasElement);
    (await buttonIn(el, 'Hide')).click();
    const area = await waitFor(() => el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea'));
    area.value = 'Advertising outside the Marketplace community.';
    area.dispatchEvent(new Event('input', { bubbles: true }));
  },
};

/** The server refused: its reason shows beside the form, and what was typed stays. */
export const ActionError: Story = {
  parameters: {
    hearthApi: api(jonas, { fail: { hideContent: { status: 503, title: 'Service Unavailable', detail: 'The database is restarting. Try again in a minute.' } } }),
  },
  play: async (context) => {
    await HideReason.play!(context as never);
    const el = await widgetIn(context.canvasElement);
    el.shadowRoot!.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await waitFor(() => el.shadowRoot!.querySelector('.message'));
  },
};

/** Content that was hidden, to restore; each says who hid it, when and why. */
export const HiddenTab: Story = {
  name: 'Hidden tab',
  play: async ({ canvasElement }) => openTab(await widgetIn(canvasElement), 'hidden'),
};

/** Dismissed reports and restored content. */
export const ClosedTab: Story = {
  name: 'Closed tab',
  play: async ({ canvasElement }) => openTab(await widgetIn(canvasElement), 'closed'),
};

/** More than a page of items: "Load more". */
export const Paging: Story = {
  parameters: {
    hearthApi: api(jonas, {
      data: {
        moderation: {
          items: [...Array(26).keys()].map((i) =>
            makeItem({
              id: 1000 + i,
              openedAt: new Date(Date.now() - (i + 1) * 20 * 60_000).toISOString(),
              content: { body: `Buy cheap followers for your posts, offer ${i + 1}!` },
            }),
          ),
        },
      },
    }),
  },
};

/** The admins' keyword watch list: add a word or a pattern, remove one. */
export const WatchList: Story = {
  parameters: { hearthApi: api(tom) },
  play: async ({ canvasElement }) => openTab(await widgetIn(canvasElement), 'keywords'),
};

/** A pattern the server refuses: its reason beside the field, which keeps what was typed. */
export const WatchListError: Story = {
  parameters: { hearthApi: api(tom) },
  play: async ({ canvasElement }) => {
    const el = await widgetIn(canvasElement);
    await openTab(el, 'keywords');
    const input = await waitFor(() => el.shadowRoot!.querySelector<HTMLInputElement>('#pattern'));
    input.value = '(a+)+$';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    el.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.keyword-form button[type="submit"]')!.click();
    await waitFor(() => el.shadowRoot!.querySelector('#pattern-error'));
  },
};

/** Every moderator and admin action, newest first, with a filter and Download CSV. */
export const AuditTrail: Story = {
  parameters: { hearthApi: api(tom) },
  play: async ({ canvasElement }) => openTab(await widgetIn(canvasElement), 'audit'),
};

/** Nothing reported, nothing watched. */
export const Empty: Story = {
  parameters: { hearthApi: api(jonas, { data: { moderation: { items: [] } } }) },
};

/** The skeleton holds the queue's place while it loads (here: forever). */
export const Loading: Story = {
  parameters: { hearthApi: api(jonas, { pending: ['moderationQueue'] }) },
};

/** The server failed: its reason and Retry (which then works). */
export const ErrorState: Story = {
  name: 'Error',
  parameters: {
    hearthApi: api(jonas, { fail: { moderationQueue: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting. Try again in a minute.', times: 1 } } }),
  },
};

/** Someone who moderates nothing (the server's 403). */
export const NotAModerator: Story = {
  parameters: { hearthApi: api(mira) },
};

/** The host portal's token URL says nobody is signed in. */
export const SignedOut: Story = {
  parameters: { hearthApi: api(null) },
};

/** A right-to-left page (Arabic, with English words): laid out mirrored. */
export const RightToLeft: Story = {
  args: { dir: 'rtl', lang: 'ar' },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { hearthApi: api(tom), backgrounds: { default: 'dark' } },
  decorators: [(story) => html`<div style="background: #111418; padding: 1rem">${story()}</div>`],
};

export const French: Story = { args: { lang: 'fr' } };
export const German: Story = { args: { lang: 'de' } };
export const Spanish: Story = { args: { lang: 'es' } };

/** A restricted community's item keeps its badge; the reported text stays text, even markup. */
export const MarkupIsText: Story = {
  parameters: {
    hearthApi: api(jonas, {
      data: {
        moderation: {
          items: [makeItem({ id: 7, community: communities.falcon, content: { body: '<img src=x onerror=alert(1)> <b>not bold</b>' } })],
        },
      },
    }),
  },
};

async function widgetIn(root: HTMLElement): Promise<HearthModeration> {
  return waitFor(() => root.querySelector('hearth-moderation'));
}

async function buttonIn(el: HearthModeration, name: string): Promise<HTMLButtonElement> {
  return waitFor(() => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === name));
}

async function openTab(el: HearthModeration, tab: string): Promise<void> {
  (await waitFor(() => el.shadowRoot!.querySelector<HTMLButtonElement>(`#tab-${tab}`))).click();
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
