/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Notification } from '@hearth/contracts';
import './define.ts';
import { HearthNotifications } from './hearth-notifications.ts';
import type { HearthNotificationOpenEvent } from './events.ts';
import { MockApi, type MockApiOptions, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { makeNotification, makeTarget, mockNotifications, mockNotificationsData, notify, olderNotifications, sampleNotifications } from '../testing/mock-notifications.ts';

const [, jonas, aisha] = samplePeople;
const summary = (p: (typeof samplePeople)[number] | undefined) => ({ id: p!.id, handle: p!.handle, name: p!.name, title: p!.title, department: p!.department });

function mock(options: MockApiOptions & { items?: Notification[] } = {}): MockApi {
  const { items, ...rest } = options;
  return useMockApi(new MockApi({ ...rest, data: { notifications: { items: items ?? sampleNotifications() }, ...rest.data } }));
}

interface Attributes {
  variant?: string;
  hrefTemplate?: string;
  live?: string;
  theme?: string;
  lang?: string;
  dir?: string;
}

async function renderWidget(api: MockApi, attrs: Attributes = {}): Promise<HearthNotifications> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${ifDefined(attrs.lang)} dir=${ifDefined(attrs.dir)} style="width: 520px; min-height: 600px; display: flex; justify-content: flex-end">
    <hearth-notifications
      api=${api.api}
      token-url=${api.tokenUrl}
      variant=${ifDefined(attrs.variant)}
      href-template=${ifDefined(attrs.hrefTemplate)}
      live=${ifDefined(attrs.live)}
      theme=${attrs.theme ?? 'auto'}
    ></hearth-notifications>
  </div>`);
  return wrapper.querySelector('hearth-notifications')!;
}

const root = (el: HearthNotifications) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: HearthNotifications, selector: string) => root(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: HearthNotifications, selector: string) => [...root(el).querySelectorAll<T>(selector)];
const has = (el: HearthNotifications, selector: string) => root(el).querySelector(selector) !== null;
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const bell = (el: HearthNotifications) => $<HTMLButtonElement>(el, '.bell')!;
const badge = (el: HearthNotifications) => text($(el, '[part~="badge"]'));
const said = (el: HearthNotifications) => text($(el, '.root > .vh[role="status"]'));
const lines = (el: HearthNotifications) => $$(el, '.line');
const line = (el: HearthNotifications, id: number) => $(el, `.line[data-id="${id}"]`)!;
/** The element focused inside the widget's shadow root. */
const focused = (el: HearthNotifications) => root(el).activeElement as HTMLElement | null;

/** Until the count is known (the badge, or none when nothing is unread). */
async function counted(el: HearthNotifications): Promise<void> {
  await waitUntil(() => el.unread !== null || has(el, '.state'), 'the count never came');
  await el.updateComplete;
}

/** Until the list shows its lines (or a state box) rather than a skeleton. */
async function listed(el: HearthNotifications): Promise<void> {
  await waitUntil(() => !has(el, '.skeleton-list') && has(el, 'hearth-notifications-list .line, .state'), 'the list never loaded');
  await el.updateComplete;
  await root(el).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('hearth-notifications-list')?.updateComplete;
}

async function opened(api: MockApi, attrs: Attributes = {}) {
  const el = await renderWidget(api, attrs);
  await counted(el);
  el.toggle(true);
  await listed(el);
  return el;
}

/** Cancels every line's opening (the test page must not navigate). */
function stayOnPage(el: HearthNotifications): HearthNotificationOpenEvent[] {
  const seen: HearthNotificationOpenEvent[] = [];
  el.addEventListener('hearth-notification-open', (e) => {
    seen.push(e);
    e.preventDefault();
  });
  return seen;
}

describe('<hearth-notifications>', () => {
  afterEach(() => {
    HearthNotifications.pollMs = 60_000;
    HearthNotifications.announceMs = 3 * 60_000;
  });

  describe('the bell', () => {
    it('shows the unread count (notifications, not lines) and names it', async () => {
      const api = mock();
      const el = await renderWidget(api);
      await counted(el);
      expect(badge(el)).to.equal('7');
      expect(bell(el).getAttribute('aria-label')).to.equal('Notifications, 7 unread');
      expect(bell(el).getAttribute('aria-expanded')).to.equal('false');
      // The list's chunk is not fetched until the bell opens.
      expect(has(el, 'hearth-notifications-list')).to.equal(false);
      expect(api.calls('listNotifications')).to.have.length(0);
    });

    it('says 99+ past 99, and nothing on the bell when all is read', async () => {
      const many = await renderWidget(mock({ items: [makeNotification({ ids: [...Array(120).keys()].map((i) => i + 1), count: 120 })] }));
      await counted(many);
      expect(badge(many)).to.equal('99+');
      const none = await renderWidget(mock({ items: [makeNotification({ readAt: new Date().toISOString() })] }));
      await counted(none);
      expect(has(none, '[part~="badge"]')).to.equal(false);
      expect(bell(none).getAttribute('aria-label')).to.equal('Notifications');
    });

    it('opens with Enter, closes with Escape and gives focus back to the bell', async () => {
      const el = await renderWidget(mock());
      await counted(el);
      bell(el).focus();
      await sendKeys({ press: 'Enter' });
      await listed(el);
      expect(bell(el).getAttribute('aria-expanded')).to.equal('true');
      expect($(el, '.panel')!.hidden).to.equal(false);
      await waitUntil(() => focused(el)?.classList.contains('panel'), `focus is on ${focused(el)?.outerHTML.slice(0, 80)}`);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect($(el, '.panel')!.hidden).to.equal(true);
      expect(bell(el).getAttribute('aria-expanded')).to.equal('false');
      expect(focused(el)).to.equal(bell(el));
    });

    it('Space opens too; a click outside closes it', async () => {
      const el = await renderWidget(mock());
      await counted(el);
      bell(el).focus();
      await sendKeys({ press: 'Space' });
      await listed(el);
      expect(bell(el).getAttribute('aria-expanded')).to.equal('true');
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await el.updateComplete;
      expect(bell(el).getAttribute('aria-expanded')).to.equal('false');
      // A click inside does not.
      el.toggle(true);
      await listed(el);
      line(el, 102).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await el.updateComplete;
      expect(bell(el).getAttribute('aria-expanded')).to.equal('true');
    });

    it('the arrow keys move through the lines, Home and End to the ends; Enter opens one', async () => {
      const el = await opened(mock());
      const seen = stayOnPage(el);
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)).to.equal(lines(el)[0]);
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)).to.equal(lines(el)[1]);
      await sendKeys({ press: 'End' });
      expect(focused(el)).to.equal(lines(el).at(-1));
      await sendKeys({ press: 'Home' });
      expect(focused(el)).to.equal(lines(el)[0]);
      await sendKeys({ press: 'ArrowUp' });
      expect(focused(el)).to.equal(lines(el)[0]);
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      expect(seen.map((e) => e.notification.id)).to.deep.equal([102]);
    });

    it('ArrowDown on the closed bell opens it', async () => {
      const el = await renderWidget(mock());
      await counted(el);
      bell(el).focus();
      await sendKeys({ press: 'ArrowDown' });
      await listed(el);
      expect(bell(el).getAttribute('aria-expanded')).to.equal('true');
    });

    it('Tab past the last control closes it', async () => {
      const el = await opened(mock({ items: [makeNotification({ id: 5 })] }));
      const after = document.createElement('button');
      after.textContent = 'after';
      el.parentElement!.after(after);
      // The line's mute button is the last control.
      $(el, '[part~="mute"][data-mute="5"]')!.focus();
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(document.activeElement).to.equal(after);
      expect(bell(el).getAttribute('aria-expanded')).to.equal('false');
      after.remove();
    });
  });

  describe('the lines', () => {
    it('say who did what, about what, when, and whether unread', async () => {
      const el = await opened(mock(), { variant: 'inline' });
      const first = line(el, 101);
      expect(text(first.querySelector('.what'))).to.equal('3 replies to your post from Jonas Weber and 2 others');
      expect(text(first.querySelector('.actor'))).to.equal('Jonas Weber and 2 others');
      expect(text(first.querySelector('[part~="title"]'))).to.equal('The new build cache is live for every repository');
      expect(text(first.querySelector('time'))).to.equal('4 minutes ago');
      expect(first.classList.contains('unread')).to.equal(true);
      expect(text(first)).to.contain(', unread');
      expect(text(line(el, 102).querySelector('.what'))).to.equal('Aisha Okafor mentioned you');
      expect(text(line(el, 103).querySelector('.what'))).to.equal('李伟 routed a question to you: you know #vpn, #networking');
      expect(text(line(el, 104).querySelector('.what'))).to.equal('Tom Nguyen answered your question');
      expect(text(line(el, 105).querySelector('.what'))).to.equal('Sam Taylor asks to join Project Falcon');
      expect(text(line(el, 106).querySelector('.what'))).to.equal('Ana María García López accepted your answer');
      expect(text(line(el, 107).querySelector('.what'))).to.equal('Jonas Weber approved your request to join Leadership Circle');
      expect(text(line(el, 107).querySelector('[part~="note"]'))).to.equal('Note: Welcome! Introduce yourself in the pinned thread.');
      expect(text(line(el, 108).querySelector('.what'))).to.equal('Aisha Okafor invited you to Design Guild');
      expect(line(el, 108).classList.contains('unread')).to.equal(false);
      expect(text(line(el, 110).querySelector('.what'))).to.equal('Moderation decided your report: the content was hidden');
    });

    it('groups: two people by name, three as "and 2 others", more as "and others"; several of one kind counted', async () => {
      const two = [summary(jonas), summary(aisha)];
      const three = [summary(jonas), summary(aisha), summary(samplePeople[3])];
      const el = await opened(
        mock({
          items: [
            makeNotification({ id: 1, ids: [1, 2], count: 2, actors: two }),
            makeNotification({ id: 3, ids: [3, 4, 5, 6, 7], count: 5, kind: 'answer.posted', actors: three, target: makeTarget({ kind: 'question', id: 9 }) }),
            makeNotification({ id: 8, ids: [8, 9], count: 2, kind: 'mention', actors: [summary(jonas)] }),
            makeNotification({ id: 10, ids: [10, 11], count: 2, kind: 'join.requested', actors: two, target: makeTarget({ kind: 'community', id: 2, title: 'Engineering' }) }),
          ],
        }),
        { variant: 'inline' },
      );
      expect(text(line(el, 1).querySelector('.what'))).to.equal('2 replies to your post from Jonas Weber and Aisha Okafor');
      expect(text(line(el, 3).querySelector('.what'))).to.equal('5 answers to your question from Jonas Weber and others');
      expect(text(line(el, 8).querySelector('.what'))).to.equal('2 mentions of you by Jonas Weber');
      expect(text(line(el, 10).querySelector('.what'))).to.equal('Jonas Weber and Aisha Okafor ask to join Engineering');
    });

    it('a target that is gone says only that: no title, no text, no link', async () => {
      const el = await opened(mock(), { variant: 'inline' });
      const gone = line(el, 111);
      expect(text(gone.querySelector('.text'))).to.match(/^This is no longer available\. \d+ days ago$/);
      expect(gone.localName).to.equal('button');
      expect(gone.querySelector('[part~="title"]')).to.equal(null);
      // A moderator's decision on your own content is still said, with the reason, but not the content.
      const hidden = line(el, 109);
      expect(text(hidden.querySelector('.what'))).to.equal('Moderation hid your reply');
      expect(text(hidden.querySelector('[part~="note"]'))).to.equal('Reason: Shares a customer’s contract details.');
      expect(text(hidden)).to.contain('This is no longer available.');
      expect(hidden.localName).to.equal('button');
    });

    it('each line links to its target: Hearth’s permalink by default', async () => {
      const el = await opened(mock(), { variant: 'inline' });
      expect(line(el, 101).getAttribute('href')).to.equal('https://hearth.example.com/embed/post/11');
      expect(line(el, 105).getAttribute('href')).to.equal('https://hearth.example.com/embed/community/project-falcon');
    });

    it('href-template fills in {kind}, {id}, {parentId} and {community}', async () => {
      const el = await opened(mock(), { variant: 'inline', hrefTemplate: '/social?{kind}={id}&in={parentId}&c={community}' });
      expect(line(el, 101).getAttribute('href')).to.equal('/social?post=11&in=&c=engineering');
      expect(line(el, 104).getAttribute('href')).to.equal('/social?answer=45&in=32&c=');
      expect(line(el, 105).getAttribute('href')).to.equal('/social?community=3&in=&c=project-falcon');
      // Still no link where the target is gone.
      expect(line(el, 111).localName).to.equal('button');
    });

    it('a javascript: template is refused, and Hearth’s links are used', async () => {
      const warn = console.warn;
      const warnings: unknown[] = [];
      console.warn = (...args: unknown[]) => warnings.push(args[0]);
      try {
        // oxlint-disable-next-line no-script-url -- the attack being refused
        const el = await opened(mock(), { variant: 'inline', hrefTemplate: 'javascript:alert({id})' });
        expect(line(el, 101).getAttribute('href')).to.equal('https://hearth.example.com/embed/post/11');
        expect(String(warnings[0])).to.contain('ignoring href-template');
      } finally {
        console.warn = warn;
      }
    });
  });

  describe('marking read', () => {
    it('opening a line marks all of its notifications read, and the count and the live region follow', async () => {
      const api = mock();
      const el = await opened(api);
      const seen = stayOnPage(el);
      line(el, 101).click();
      await waitUntil(() => badge(el) === '4', 'the count never went down');
      expect(api.calls('markNotificationsRead').map((r) => r.body)).to.deep.equal([{ ids: [99, 100, 101] }]);
      expect(seen[0]!.href).to.equal('https://hearth.example.com/embed/post/11');
      expect(line(el, 101).classList.contains('unread')).to.equal(false);
      expect(said(el)).to.equal('4 unread notifications');
      // A line already read is not marked again.
      line(el, 108).click();
      await el.updateComplete;
      expect(api.calls('markNotificationsRead')).to.have.length(1);
    });

    it('a line that is gone is marked read by Enter too', async () => {
      const api = mock({ items: [makeNotification({ id: 7, kind: 'mention', actors: [], target: makeTarget({ available: false }) })] });
      const el = await opened(api, { variant: 'inline' });
      line(el, 7).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => api.calls('markNotificationsRead').length === 1);
      expect(api.calls('markNotificationsRead')[0]!.body).to.deep.equal({ ids: [7] });
    });

    it('"Mark all read" marks everything, and is then disabled', async () => {
      const api = mock();
      const el = await opened(api);
      const all = $<HTMLButtonElement>(el, '[part~="mark-all"]')!;
      expect(text(all)).to.equal('Mark all read');
      all.click();
      await waitUntil(() => el.unread === 0, 'never marked');
      await el.updateComplete;
      expect(api.calls('markNotificationsRead').map((r) => r.body)).to.deep.equal([{ all: true }]);
      expect(lines(el).some((l) => l.classList.contains('unread'))).to.equal(false);
      expect(has(el, '[part~="badge"]')).to.equal(false);
      expect($<HTMLButtonElement>(el, '[part~="mark-all"]')!.disabled).to.equal(true);
      expect(said(el)).to.equal('No unread notifications');
    });

    it('a failed mark puts the lines back as unread and says why', async () => {
      const api = mock({ fail: { markNotificationsRead: { status: 503, title: 'Service Unavailable' } } });
      const el = await opened(api);
      $<HTMLButtonElement>(el, '[part~="mark-all"]')!.click();
      await waitUntil(() => text($(el, '[part~="problem"]')).startsWith('They could not be marked read.'), 'no problem said');
      expect(line(el, 101).classList.contains('unread')).to.equal(true);
      expect(badge(el)).to.equal('7');
    });
  });

  describe('the states', () => {
    it('loading: placeholders, said', async () => {
      const el = await renderWidget(mock({ pending: ['listNotifications'] }), { variant: 'inline' });
      await waitUntil(() => has(el, 'hearth-notifications-list .skeleton-list'));
      expect(text($(el, '.skeleton-list'))).to.equal('Loading notifications…');
    });

    it('empty: "You are all caught up", no Mark all read', async () => {
      const el = await opened(mock({ items: [] }), { variant: 'inline' });
      expect(text($(el, '.state'))).to.equal('You are all caught up.');
      expect(has(el, '[part~="mark-all"]')).to.equal(false);
    });

    it('an error says why, and Retry loads again', async () => {
      const api = mock({ fail: { listNotifications: { status: 503, title: 'Service Unavailable' } } });
      const el = await opened(api, { variant: 'inline' });
      expect(text($(el, '.state'))).to.contain('Your notifications could not be loaded.');
      api.fail = {};
      [...root(el).querySelectorAll('button')].find((b) => text(b) === 'Retry')!.click();
      await waitUntil(() => lines(el).length > 0, 'Retry did not load');
    });

    it('signed out: nothing to count, and the list says so with Sign in', async () => {
      const el = await renderWidget(mock({ me: null, signIn: true }));
      await waitUntil(() => el['me'].value.status === 'signed-out');
      await el.updateComplete;
      expect(has(el, '[part~="badge"]')).to.equal(false);
      el.toggle(true);
      await el.updateComplete;
      await waitUntil(() => has(el, '.state'));
      expect(text($(el, '.state'))).to.contain('You are signed out. Sign in to see your notifications.');
      await waitUntil(() => has(el, 'hearth-sign-in button'), 'no Sign in');
    });

    it('"Load more" brings the next page with the cursor, and focus goes to its first line', async () => {
      const api = mock({ items: [...sampleNotifications(), ...olderNotifications(25)] });
      const el = await opened(api, { variant: 'inline' });
      expect(lines(el)).to.have.length(20);
      $<HTMLButtonElement>(el, '[part~="load-more"]')!.click();
      await waitUntil(() => lines(el).length === 36, 'no second page');
      expect(api.calls('listNotifications')[1]!.url.searchParams.get('cursor')).to.equal('n20');
      expect(has(el, '[part~="load-more"]')).to.equal(false);
      await waitUntil(() => focused(el) === lines(el)[20], 'focus did not move to the new lines');
    });
  });

  describe('the live count', () => {
    it('refetches the count when the stream says notifications changed, and offers the new lines', async () => {
      const api = mock();
      const el = await opened(api, { variant: 'inline' });
      await waitUntil(() => api.openStreams().length === 1, 'no stream');
      const before = api.calls('unreadNotifications').length;
      notify(api, makeNotification({ id: 900, kind: 'mention', actors: [summary(aisha)] }));
      await waitUntil(() => el.unread === 8, 'the count did not follow');
      expect(api.calls('unreadNotifications').length).to.equal(before + 1);
      await el.updateComplete;
      const newer = $(el, '[part~="newer"]')!;
      expect(text(newer)).to.equal('New notifications Show');
      newer.querySelector('button')!.click();
      await waitUntil(() => !!root(el).querySelector('.line[data-id="900"]'), 'the new line never came');
      expect(has(el, '[part~="newer"]')).to.equal(false);
    });

    it('events that come together cost one request; the live region speaks at most every few minutes', async () => {
      const api = mock();
      const el = await renderWidget(api);
      await counted(el);
      await waitUntil(() => api.openStreams().length === 1, 'no stream');
      // The first count is not said: the page just loaded.
      expect(said(el)).to.equal('');
      const before = api.calls('unreadNotifications').length;
      notify(api);
      notify(api);
      notify(api);
      await waitUntil(() => el.unread === 10, 'the count did not follow');
      expect(api.calls('unreadNotifications').length).to.equal(before + 1);
      await el.updateComplete;
      expect(said(el)).to.equal('10 unread notifications');
      notify(api);
      await waitUntil(() => el.unread === 11);
      await el.updateComplete;
      // Said a moment ago: not again so soon.
      expect(said(el)).to.equal('10 unread notifications');
    });

    it('without a stream (live="off"), asks for the count on a timer while the page is visible', async () => {
      HearthNotifications.pollMs = 150;
      const api = mock();
      const el = await renderWidget(api, { live: 'off' });
      await counted(el);
      mockNotifications(api).unshift(makeNotification({ id: 901 }));
      await waitUntil(() => el.unread === 8, 'never polled', { timeout: 3000 });
      expect(api.streams).to.have.length(0);
    });

    it('with a stream open, does not poll', async () => {
      HearthNotifications.pollMs = 100;
      const api = mock();
      const el = await renderWidget(api);
      await counted(el);
      await waitUntil(() => api.openStreams().length === 1, 'no stream');
      await new Promise((r) => setTimeout(r, 200));
      const before = api.calls('unreadNotifications').length;
      await new Promise((r) => setTimeout(r, 400));
      expect(api.calls('unreadNotifications').length).to.equal(before);
      expect(el.unread).to.equal(7);
    });
  });

  describe('settings', () => {
    const KINDS = [
      'Someone mentions you',
      'Someone replies to your post',
      'A question is routed to you',
      'Someone answers your question',
      'Your answer is accepted',
      'Someone asks to join a community you manage',
      'Your request to join is decided',
      'You are invited to a community',
      'A moderator hides or restores what you wrote',
      'A report you made is decided',
    ];
    /** The settings view, open, with its choices loaded. */
    async function settings(api: MockApi, attrs: Attributes = {}) {
      const el = await opened(api, attrs);
      // The open box has taken the focus (it comes with the list's chunk).
      if (attrs.variant !== 'inline') await waitUntil(() => focused(el) !== null, 'the box never took the focus');
      $<HTMLButtonElement>(el, '[part~="settings-button"]')!.click();
      await waitUntil(() => $$(el, '[part~="setting"]').length > 0, 'the settings never showed');
      await el.updateComplete;
      return el;
    }
    const row = (el: HearthNotifications, kind: string) => $(el, `[part~="setting"][data-kinds~="${kind}"]`)!;
    const radio = (el: HearthNotifications, kind: string, value: string) => row(el, kind).querySelector<HTMLInputElement>(`input[value="${value}"]`)!;
    const chosen = (el: HearthNotifications, kind: string) => row(el, kind).querySelector<HTMLInputElement>('input:checked')?.value;

    it('"Settings" opens a view in the box: each kind in plain words, the saved choice checked, the hint, focus on its heading', async () => {
      const api = mock({ data: { notifications: { items: sampleNotifications(), delivery: { mention: 'page' } } } });
      const el = await settings(api);
      expect($$(el, '[part~="setting"] legend').map(text)).to.deep.equal(KINDS);
      expect(chosen(el, 'mention')).to.equal('page');
      // A kind not listed is page+out.
      expect(chosen(el, 'post.replied')).to.equal('page+out');
      expect(text(row(el, 'mention').querySelector('label'))).to.equal('In Hearth only');
      expect(text(row(el, 'mention').querySelectorAll('label')[1]!)).to.equal('Also by e-mail or chat');
      expect(text($(el, '[part~="hint"]'))).to.contain('connected Hearth to its e-mail or chat');
      expect(focused(el)?.id).to.equal('settings-title');
      expect(has(el, '.line')).to.equal(false);
      expect($(el, '.panel')!.hidden).to.equal(false);
    });

    it('a change is saved at once (every choice, as the server keeps them), and "Saved" is said politely', async () => {
      const api = mock({ data: { notifications: { items: sampleNotifications(), delivery: { mention: 'page' } } } });
      const el = await settings(api);
      radio(el, 'content.hidden', 'page').click();
      await waitUntil(() => text($(el, '[part~="saved"]')) === 'Saved', 'never said saved');
      expect($(el, '[part~="saved"]')!.getAttribute('role')).to.equal('status');
      // The moderation row stands for both of its kinds.
      expect(api.calls('updateNotificationSettings').map((r) => r.body)).to.deep.equal([
        { delivery: { mention: 'page', 'content.hidden': 'page', 'content.restored': 'page' } },
      ]);
      expect(mockNotificationsData(api).delivery).to.deep.equal({ mention: 'page', 'content.hidden': 'page', 'content.restored': 'page' });
    });

    it('the keyboard: the arrow keys change a choice, which is saved', async () => {
      const api = mock();
      const el = await settings(api);
      radio(el, 'answer.accepted', 'page+out').focus();
      // From the second option, the arrow moves to the first (and wraps around).
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => api.calls('updateNotificationSettings').length >= 1, 'never saved');
      await waitUntil(() => text($(el, '[part~="saved"]')) === 'Saved');
      expect(mockNotificationsData(api).delivery).to.deep.equal({ 'answer.accepted': 'page' });
      expect(chosen(el, 'answer.accepted')).to.equal('page');
    });

    it('a failed save says why and puts the choice back', async () => {
      const api = mock({ fail: { updateNotificationSettings: { status: 503, title: 'Service Unavailable' } } });
      const el = await settings(api);
      radio(el, 'mention', 'page').click();
      expect(chosen(el, 'mention')).to.equal('page');
      await waitUntil(() => text($(el, '.settings [part~="problem"]')).startsWith('Your choice could not be saved'), 'no problem said');
      await el.updateComplete;
      expect(chosen(el, 'mention')).to.equal('page+out');
      expect(text($(el, '[part~="saved"]'))).to.equal('');
      expect(mockNotificationsData(api).delivery).to.deep.equal({});
    });

    it('settings that cannot be loaded say so, with Retry', async () => {
      const api = mock({ fail: { notificationSettings: { status: 500, title: 'Internal Server Error' } } });
      const el = await opened(api, { variant: 'inline' });
      $<HTMLButtonElement>(el, '[part~="settings-button"]')!.click();
      await waitUntil(() => text($(el, '.settings')).includes('Your settings could not be loaded.'), 'no failure said');
      delete api.fail['notificationSettings'];
      [...root(el).querySelectorAll<HTMLButtonElement>('.settings button')].find((b) => text(b) === 'Retry')!.click();
      await waitUntil(() => $$(el, '[part~="setting"]').length === 10, 'Retry never loaded them');
    });

    it('Back, or Escape, returns to the lines (the box stays open) and gives focus to "Settings"', async () => {
      const el = await settings(mock());
      $<HTMLButtonElement>(el, '[part~="back"]')!.click();
      await waitUntil(() => has(el, '.line'), 'never back to the lines');
      expect(focused(el)?.getAttribute('part')).to.equal('settings-button');
      focused(el)!.click();
      await waitUntil(() => $$(el, '[part~="setting"]').length > 0);
      await el.updateComplete;
      radio(el, 'mention', 'page+out').focus();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => has(el, '.line'), 'Escape did not go back');
      expect($(el, '.panel')!.hidden).to.equal(false);
      expect(focused(el)?.getAttribute('part')).to.equal('settings-button');
      // A second Escape closes the box.
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => $(el, '.panel')!.hidden, 'the box stayed open');
    });

    for (const theme of ['light', 'dark']) {
      it(`is accessible, ${theme}`, async () => {
        const el = await settings(mock(), { theme });
        await expect(el).to.be.accessible();
      });
    }

    it('speaks French', async () => {
      const el = await settings(mock(), { lang: 'fr' });
      expect(text($(el, '#settings-title'))).to.equal('Paramètres des notifications');
      expect(text(row(el, 'mention').querySelector('legend'))).to.equal('Quelqu’un vous mentionne');
      expect(text(row(el, 'mention').querySelectorAll('label')[1]!)).to.equal('Aussi par e-mail ou messagerie');
    });
  });

  describe('muting a thread', () => {
    const muteOf = (el: HearthNotifications, id: number) => $<HTMLButtonElement>(el, `[part~="mute"][data-mute="${id}"]`);

    it('a line about a post, reply, question or answer has a named mute button; a community or a gone target has none', async () => {
      const el = await opened(mock(), { variant: 'inline' });
      const button = muteOf(el, 101)!;
      expect(button.getAttribute('aria-label')).to.equal('Mute notifications from this thread');
      expect(button.getAttribute('aria-describedby')).to.equal('what-101');
      expect(muteOf(el, 103)!.dataset['thread']).to.equal('question:31');
      expect(muteOf(el, 104)!.dataset['thread']).to.equal('question:32');
      for (const id of [105, 107, 108, 109, 110, 111]) expect(muteOf(el, id), `line ${id}`).to.equal(null);
    });

    it('muting says "Muted" with Undo (focused); Undo unmutes, and the focus returns to the button', async () => {
      const api = mock();
      const el = await opened(api);
      muteOf(el, 101)!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => has(el, '[part~="undo"][data-mute="101"]'), 'never muted');
      expect(api.calls('muteThread').map((r) => r.url.pathname)).to.deep.equal(['/api/v1/threads/post/11/mute']);
      expect(mockNotificationsData(api).muted).to.deep.equal(['post:11']);
      expect(text(line(el, 101).parentElement!.querySelector('[part~="muted"]'))).to.equal('Muted Undo');
      expect(focused(el)?.dataset['mute']).to.equal('101');
      // Still a line: opening it is not muting it.
      expect(api.calls('markNotificationsRead')).to.have.length(0);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => muteOf(el, 101) !== null && !muteOf(el, 101)!.disabled, 'never unmuted');
      expect(api.calls('unmuteThread')).to.have.length(1);
      expect(mockNotificationsData(api).muted).to.deep.equal([]);
      expect(focused(el)).to.equal(muteOf(el, 101));
    });

    it('a failed mute says why and leaves the button', async () => {
      const api = mock({ fail: { muteThread: { status: 503, title: 'Service Unavailable' } } });
      const el = await opened(api, { variant: 'inline' });
      muteOf(el, 102)!.click();
      await waitUntil(() => text($(el, '[part~="problem"]')).startsWith('The thread could not be muted.'), 'no problem said');
      await el.updateComplete;
      expect(muteOf(el, 102)!.disabled).to.equal(false);
      expect(has(el, '[part~="muted"]')).to.equal(false);
    });
  });

  describe('accessibility, languages, directions', () => {
    for (const theme of ['light', 'dark']) {
      it(`is accessible, ${theme}: the bell, the open box, the inline list`, async () => {
        const closed = await renderWidget(mock(), { theme });
        await counted(closed);
        await expect(closed).to.be.accessible();
        const open = await opened(mock(), { theme });
        await expect(open).to.be.accessible();
        const inline = await opened(mock(), { theme, variant: 'inline' });
        await expect(inline).to.be.accessible();
      });
    }

    it('is accessible signed out and empty', async () => {
      const out = await renderWidget(mock({ me: null }), { variant: 'inline' });
      await waitUntil(() => has(out, '.state'));
      await expect(out).to.be.accessible();
      const empty = await opened(mock({ items: [] }), { variant: 'inline' });
      await expect(empty).to.be.accessible();
    });

    const WORDS: Record<string, { bell: string; what: string; all: string; gone: string }> = {
      fr: { bell: 'Notifications, 7 non lues', what: '3 réponses à votre publication de Jonas Weber et 2 autres personnes', all: 'Tout marquer comme lu', gone: 'Ce contenu n’est plus disponible.' },
      de: { bell: 'Benachrichtigungen, 7 ungelesen', what: '3 Antworten auf Ihren Beitrag von Jonas Weber und 2 weitere Personen', all: 'Alle als gelesen markieren', gone: 'Dies ist nicht mehr verfügbar.' },
      es: { bell: 'Notificaciones, 7 sin leer', what: '3 respuestas a tu publicación de Jonas Weber y 2 personas más', all: 'Marcar todo como leído', gone: 'Esto ya no está disponible.' },
      en: { bell: 'Notifications, 7 unread', what: '3 replies to your post from Jonas Weber and 2 others', all: 'Mark all read', gone: 'This is no longer available.' },
    };
    for (const [lang, words] of Object.entries(WORDS)) {
      it(`speaks ${lang}`, async () => {
        const el = await renderWidget(mock(), { lang });
        await counted(el);
        await waitUntil(() => bell(el).getAttribute('aria-label') === words.bell, `the bell is not in ${lang}: ${bell(el).getAttribute('aria-label')}`);
        el.toggle(true);
        await listed(el);
        expect(text(line(el, 101).querySelector('.what'))).to.equal(words.what);
        expect(text($(el, '[part~="mark-all"]'))).to.equal(words.all);
        expect(text(line(el, 111).querySelector('.what'))).to.equal(words.gone);
        expect($(el, '.panel')!.getAttribute('aria-label')).to.equal(words.bell.split(',')[0]);
      });
    }

    it('right to left: the box opens toward the start of the line and stays on screen', async () => {
      const el = await opened(mock(), { dir: 'rtl' });
      const panel = $(el, '.panel')!.getBoundingClientRect();
      const bellBox = bell(el).getBoundingClientRect();
      expect(Math.round(panel.left)).to.be.at.most(Math.round(bellBox.left) + 1);
      expect(panel.left).to.be.at.least(0);
      expect(panel.right).to.be.at.most(document.documentElement.clientWidth);
    });
  });
});
