/**
 * The widgets on one mock API, for the language and right-to-left tests: one page of data every
 * widget shows something of (a post, a trending tag, a community, questions and experts, an item
 * in the moderation queue, a notification), ways to mount them in a container, and to wait until each has shown
 * its data.
 */
import { type TemplateResult, html, render } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Me } from '@hearth/contracts';
import '../feed/define.ts';
import '../tag-cloud/define.ts';
import '../community-card/define.ts';
import '../ask-expert/define.ts';
import '../moderation/define.ts';
import '../notifications/define.ts';
import '../search/define.ts';
import '../person/define.ts';
import '../adoption/define.ts';
import { sampleAdoption } from './mock-adoption.ts';
import './mock-search.ts';
import { MockApi, makePost, samplePeople, useMockApi } from './mock-api.ts';
import { makeActivity, makeCommunity } from './mock-communities.ts';
import { makeItem } from './mock-moderation.ts';
import { makeNotification } from './mock-notifications.ts';
import { sampleExperts, sampleQuestions } from './mock-questions.ts';
import './mock-tags.ts';
import { sampleCard, skill } from './mock-people.ts';

const HOUR = 3_600_000;
const [, jonas] = samplePeople as [Me, Me];

export type WidgetName = 'feed' | 'cloud' | 'card' | 'ask' | 'moderation' | 'notifications' | 'search' | 'person' | 'adoption';
export const WIDGETS: readonly WidgetName[] = ['feed', 'cloud', 'card', 'ask', 'moderation', 'notifications', 'search', 'person', 'adoption'];

/** A big number every widget shows somewhere, so thousands separators can be checked. */
export const BIG = 12_345;

export function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

/**
 * The moderation queue needs a moderator, and the other widgets are checked as an employee sees
 * them (Mira, the mock's default): <hearth-moderation> gets a mock of its own (another origin,
 * so another session) with Jonas, a community manager, signed in.
 */
const moderationMocks = new WeakMap<MockApi, MockApi>();

/** The mock <hearth-moderation> uses beside `api` (see {@link i18nApi}). */
export function moderationApi(api: MockApi): MockApi {
  const mock = moderationMocks.get(api);
  if (!mock) throw new Error('not a mock of i18nApi()');
  return mock;
}

/** <hearth-adoption> needs an admin: a mock of its own beside `api` with Tom signed in (see {@link i18nApi}). */
const adoptionMocks = new WeakMap<MockApi, MockApi>();

export function adoptionApi(api: MockApi): MockApi {
  const mock = adoptionMocks.get(api);
  if (!mock) throw new Error('not a mock of i18nApi()');
  return mock;
}

/**
 * One mock for all the widgets: a post from two hours ago with 12,345 likes and 2 replies in
 * Engineering, a trending tag used 12,345 times, the Engineering community (12,345 members, last
 * post two hours ago) and the sample questions and experts; and, for the moderation queue (on a
 * mock of its own, see {@link moderationApi}), a post in Engineering from two hours ago that
 * 12,345 people reported as spam. The notifications (inline) have one line: 12,345 replies to
 * Mira's post from Jonas Weber and others, two hours ago, unread.
 */
export function i18nApi(): MockApi {
  const community = { slug: 'engineering', name: 'Engineering', visibility: 'open' as const };
  const post = makePost({
    id: 1,
    author: jonas,
    community,
    body: 'The new build cache is live. #kubernetes',
    createdAt: ago(2 * HOUR),
    likeCount: BIG,
  });
  const replies = [2, 3].map((id, i) =>
    makePost({ id, parentId: 1, community, author: samplePeople[i + 2]!, body: `Agreed, thanks for sharing (${id}).`, createdAt: ago(HOUR - i * 60_000) }),
  );
  post.replyCount = replies.length;
  const reported = makeItem({
    id: 7,
    community,
    reporterCount: BIG,
    reasons: [{ reason: 'spam', count: BIG }],
    openedAt: ago(HOUR),
    // Sam Taylor's, as every item made unless told.
    content: { body: 'Cheap build minutes at https://builds.example.net #ci', createdAt: ago(2 * HOUR), tags: ['ci'] },
  });
  const main = useMockApi(
    new MockApi({
      posts: [post],
      replies: { 1: replies },
      data: {
        tags: { clouds: { '30': [{ name: 'kubernetes', posts: BIG, previousPosts: 2_000, growth: 5.17, trending: true }, { name: 'onboarding', posts: 64, previousPosts: 60, growth: 0.07, trending: false }] } },
        communities: [makeCommunity({ memberCount: BIG, activity: makeActivity({ lastActivityAt: ago(2 * HOUR) }) })],
        questions: { questions: sampleQuestions(), experts: sampleExperts() },
        // The search box's suggestions (an empty query): a popular tag, an answered and an open question.
        search: {
          suggestions: {
            tags: [{ name: 'kubernetes', count: BIG }],
            questions: [
              { id: 1, title: 'How do we rotate the staging certificates?', answered: true },
              { id: 2, title: 'Is there a shared GPU node pool?', answered: false },
            ],
          },
        },
        // Jonas's card: 12,345 followers, a declared skill with 2 endorsements, an answer two hours ago.
        people: {
          cards: {
            'jonas.weber': sampleCard(jonas, {
              followers: BIG,
              skills: [skill('onboarding', { declared: true, endorsements: 2 })],
              recent: [{ kind: 'answer', id: 9, questionId: 4, questionTitle: 'Where is the onboarding checklist?', excerpt: 'In the wiki.', accepted: true, createdAt: ago(2 * HOUR) }],
            }),
          },
        },
        notifications: {
          items: [
            makeNotification({
              id: 3,
              ids: [1, 2, 3],
              count: BIG,
              actors: [jonas, samplePeople[2]!, samplePeople[3]!].map(({ id, handle, name, title, department }) => ({ id, handle, name, title, department })),
              createdAt: ago(2 * HOUR),
            }),
          ],
        },
      },
    }),
  );
  moderationMocks.set(main, useMockApi(new MockApi({ me: jonas, data: { moderation: { items: [reported] } } })));
  adoptionMocks.set(main, useMockApi(new MockApi({ me: samplePeople[3]!, data: { adoption: sampleAdoption() } })));
  return main;
}

/** The markup of one widget on `api`, with a `lang` of its own when one is given. */
export function widget(name: WidgetName, api: MockApi, lang?: string): TemplateResult {
  const l = ifDefined(lang);
  switch (name) {
    case 'feed':
      return html`<hearth-feed lang=${l} api=${api.api} token-url=${api.tokenUrl}></hearth-feed>`;
    case 'cloud':
      return html`<hearth-tag-cloud lang=${l} api=${api.api} token-url=${api.tokenUrl}></hearth-tag-cloud>`;
    case 'card':
      return html`<hearth-community-card lang=${l} api=${api.api} token-url=${api.tokenUrl} community="engineering"></hearth-community-card>`;
    case 'ask':
      return html`<hearth-ask-expert lang=${l} api=${api.api} token-url=${api.tokenUrl} view="questions" tags="kubernetes"></hearth-ask-expert>`;
    case 'moderation': {
      const mod = moderationApi(api);
      return html`<hearth-moderation lang=${l} api=${mod.api} token-url=${mod.tokenUrl}></hearth-moderation>`;
    }
    case 'notifications':
      return html`<hearth-notifications lang=${l} api=${api.api} token-url=${api.tokenUrl} variant="inline"></hearth-notifications>`;
    case 'search':
      return html`<hearth-search lang=${l} api=${api.api} token-url=${api.tokenUrl}></hearth-search>`;
    case 'person':
      return html`<hearth-person lang=${l} api=${api.api} token-url=${api.tokenUrl} handle="jonas.weber"></hearth-person>`;
    case 'adoption': {
      const admin = adoptionApi(api);
      return html`<hearth-adoption lang=${l} api=${admin.api} token-url=${admin.tokenUrl}></hearth-adoption>`;
    }
  }
}

export const TAGS: Record<WidgetName, string> = {
  feed: 'hearth-feed',
  cloud: 'hearth-tag-cloud',
  card: 'hearth-community-card',
  ask: 'hearth-ask-expert',
  moderation: 'hearth-moderation',
  notifications: 'hearth-notifications',
  search: 'hearth-search',
  person: 'hearth-person',
  adoption: 'hearth-adoption',
};

const mounted: HTMLElement[] = [];

/**
 * Renders markup into a container on the page (not open-wc's fixture, which waits for an
 * animation frame that a background tab of the test runner may never get).
 */
export function mount(template: TemplateResult, attributes: Record<string, string> = {}): HTMLElement {
  const container = document.createElement('div');
  for (const [name, value] of Object.entries(attributes)) container.setAttribute(name, value);
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  return container;
}

/** Removes what `mount` added. */
export function unmountAll(): void {
  for (const container of mounted.splice(0)) container.remove();
}

/** The widget element of `name` inside `root`. */
export function find(root: ParentNode, name: WidgetName): HTMLElement {
  const el = root.querySelector<HTMLElement>(TAGS[name]);
  if (!el) throw new Error(`no <${TAGS[name]}>`);
  return el;
}

/**
 * Everything a widget shows, in one line (nested elements that render in its shadow root
 * included). Only ASCII white space is folded: no-break spaces (French, thousands) are kept.
 */
export function textOf(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/[ \t\n\r]+/g, ' ').trim();
}

/** Whether the widget shows its data (not a skeleton, not an error). */
export function loaded(el: HTMLElement, name: WidgetName): boolean {
  const root = el.shadowRoot;
  if (!root) return false;
  switch (name) {
    case 'feed':
      return !root.querySelector('.skeleton') && !!root.querySelector('hearth-feed-post article time');
    case 'cloud':
      return !root.querySelector('.skeleton') && !!root.querySelector('.tag');
    case 'card':
      return !root.querySelector('.skeleton, .block') && !!root.querySelector('.posts li');
    case 'ask':
      return !root.querySelector('.skeleton') && !!root.querySelector('[part="list"] .item');
    case 'moderation':
      return !root.querySelector('.skeleton, .tabs-bone') && !!root.querySelector('[role="tab"]') && !!root.querySelector('[part~="item"] .meta time');
    case 'notifications':
      return !root.querySelector('.skeleton-list') && !!root.querySelector('hearth-notifications-list .line time');
    case 'search':
      return !root.querySelector('.waiting, .searching') && !!root.querySelector('hearth-search-results .suggestions .n');
    case 'person':
      return !root.querySelector('[aria-busy="true"]') && !!root.querySelector('.recent time');
    case 'adoption':
      return !root.querySelector('.skeleton') && !!root.querySelector('.tiles .tile') && !!root.querySelector('.targets-form');
  }
}
