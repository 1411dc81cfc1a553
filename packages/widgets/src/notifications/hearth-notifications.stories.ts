import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import './define.ts';
import type { HearthNotifications } from './hearth-notifications.ts';
import { MockApi, type MockApiOptions, useMockApi } from '../testing/mock-api.ts';
import { makeNotification, olderNotifications, sampleNotifications } from '../testing/mock-notifications.ts';

/**
 * Every story talks to its own in-memory API (testing/mock-api.ts with the notification endpoints
 * of testing/mock-notifications.ts) through the widgets' real runtime: `parameters.hearthApi`
 * shapes what it answers. Mira Lindqvist is signed in, with every kind of notification.
 */
interface NotificationsArgs {
  variant: 'bell' | 'inline';
  hrefTemplate: string;
  theme: 'auto' | 'light' | 'dark';
  lang: string;
  dir: '' | 'ltr' | 'rtl';
  /** Opens the bell's box once rendered. */
  open: boolean;
}

/** A mock with the sample notifications (or `items`). */
function api(options: MockApiOptions & { items?: ReturnType<typeof sampleNotifications> } = {}): MockApiOptions {
  const { items, ...rest } = options;
  return { ...rest, data: { notifications: { items: items ?? sampleNotifications() }, ...rest.data } };
}

const meta: Meta<NotificationsArgs> = {
  title: 'Widgets/Notifications',
  component: 'hearth-notifications',
  args: { variant: 'bell', hrefTemplate: '', theme: 'auto', lang: '', dir: '', open: true },
  argTypes: {
    variant: { control: 'inline-radio', options: ['bell', 'inline'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    lang: { control: 'select', options: ['', 'en', 'fr', 'de', 'es', 'ar'] },
    dir: { control: 'inline-radio', options: ['', 'ltr', 'rtl'] },
  },
  parameters: { layout: 'padded', hearthApi: api() },
  render: (args, { parameters }) => {
    const mock = useMockApi(new MockApi(parameters['hearthApi'] as MockApiOptions | undefined));
    const inline = args.variant === 'inline';
    return html`<div
      style=${inline ? 'max-width: 26rem' : 'display: flex; justify-content: flex-end; min-height: 34rem; max-width: 40rem'}
      lang=${ifDefined(args.lang || undefined)}
      dir=${ifDefined(args.dir || undefined)}
    >
      <hearth-notifications
        api=${mock.api}
        token-url=${mock.tokenUrl}
        variant=${args.variant}
        href-template=${ifDefined(args.hrefTemplate || undefined)}
        theme=${args.theme}
      ></hearth-notifications>
    </div>`;
  },
  play: async ({ canvasElement, args }) => {
    if (args.variant === 'inline' || !args.open) return;
    const el = canvasElement.querySelector<HearthNotifications>('hearth-notifications')!;
    await el.updateComplete;
    el.toggle(true);
  },
};
export default meta;

type Story = StoryObj<NotificationsArgs>;

/** The bell, opened: every kind of notification, five lines unread (seven notifications). */
export const Bell: Story = {};

/** The bell, closed: the unread count on it. */
export const BellClosed: Story = { args: { open: false } };

/** In a side column (`variant="inline"`). */
export const Inline: Story = { args: { variant: 'inline' } };

/** Dark. */
export const Dark: Story = { args: { theme: 'dark', variant: 'inline' } };

/** Right to left (Arabic page direction, English words). */
export const RightToLeft: Story = { args: { dir: 'rtl', variant: 'inline' } };

/** In French. */
export const French: Story = { args: { lang: 'fr', variant: 'inline' } };

/** Lines open on the page's own pages (`href-template="/social?{kind}={id}"`). */
export const HrefTemplate: Story = { args: { hrefTemplate: '/social?{kind}={id}', variant: 'inline' } };

/** More than one page: "Load more". */
export const LoadMore: Story = {
  args: { variant: 'inline' },
  parameters: { hearthApi: api({ items: [...sampleNotifications(), ...olderNotifications(25)] }) },
};

/** More than 99 unread: "99+". */
export const ManyUnread: Story = {
  args: { open: false },
  parameters: { hearthApi: api({ items: [makeNotification({ ids: [...Array(120).keys()].map((i) => i + 1), count: 120 })] }) },
};

/** Nothing to read: "You are all caught up". */
export const Empty: Story = { args: { variant: 'inline' }, parameters: { hearthApi: api({ items: [] }) } };

/** Loading (the answer never comes). */
export const Loading: Story = { args: { variant: 'inline' }, parameters: { hearthApi: api({ pending: ['listNotifications', 'unreadNotifications'] }) } };

/** The list could not be loaded: the reason and Retry. */
export const LoadError: Story = {
  name: 'Error',
  args: { variant: 'inline' },
  parameters: { hearthApi: api({ fail: { listNotifications: { status: 503, title: 'Service Unavailable' } } }) },
};

/** Signed out: nothing to count, and Sign in. */
export const SignedOut: Story = { parameters: { hearthApi: api({ me: null }) } };

/** Waits (a story's play) until `selector` is in the widget's shadow root, and answers it. */
async function find(canvas: HTMLElement, selector: string): Promise<HTMLElement> {
  const el = canvas.querySelector<HearthNotifications>('hearth-notifications')!;
  for (let i = 0; i < 100; i++) {
    const found = el.shadowRoot?.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${selector} never showed`);
}

/** "Settings": where each kind reaches Mira (mentions and moderation in Hearth only). */
export const Settings: Story = {
  args: { variant: 'inline' },
  parameters: { hearthApi: api({ data: { notifications: { items: sampleNotifications(), delivery: { mention: 'page', 'content.hidden': 'page', 'content.restored': 'page' } } } }) },
  play: async ({ canvasElement }) => {
    (await find(canvasElement, '[part~="settings-button"]')).click();
    await find(canvasElement, '[part~="setting"]');
  },
};

/** The settings view in the bell's box, dark. */
export const SettingsDark: Story = {
  args: { theme: 'dark' },
  parameters: Settings.parameters!,
  play: async (context) => {
    const el = context.canvasElement.querySelector<HearthNotifications>('hearth-notifications')!;
    await el.updateComplete;
    el.toggle(true);
    await Settings.play!(context);
  },
};

/** A line whose thread was muted: "Muted" and Undo. */
export const MutedLine: Story = {
  args: { variant: 'inline' },
  play: async ({ canvasElement }) => {
    (await find(canvasElement, '[part~="mute"]')).click();
    await find(canvasElement, '[part~="undo"]');
  },
};
