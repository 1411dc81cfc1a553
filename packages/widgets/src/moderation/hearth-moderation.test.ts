/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Me, ModerationItem } from '@hearth/contracts';
import './define.ts';
import type { HearthModeration } from './hearth-moderation.ts';
import type { HearthModerationDecisionEvent } from './events.ts';
import meta, * as stories from './hearth-moderation.stories.ts';
import { MockApi, type MockApiOptions, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { communities, makeItem, moderationOf, sampleModeration } from '../testing/mock-moderation.ts';

const [mira, jonas, , tom] = samplePeople as [Me, Me, Me, Me];

/** A mock API with the sample queue (or `items`), Jonas (a community manager) signed in unless told. */
function mock(options: MockApiOptions & { items?: ModerationItem[] } = {}): MockApi {
  const { items, ...rest } = options;
  const sample = sampleModeration();
  return useMockApi(new MockApi({ me: jonas, ...rest, data: { moderation: { ...sample, ...(items ? { items } : {}) }, ...rest.data } }));
}

interface Attributes {
  community?: string;
  theme?: string;
  lang?: string;
  dir?: string;
}

async function renderWidget(api: MockApi, attrs: Attributes = {}): Promise<HearthModeration> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${ifDefined(attrs.lang)} dir=${ifDefined(attrs.dir)} style="width: 720px">
    <hearth-moderation api=${api.api} token-url=${api.tokenUrl} community=${ifDefined(attrs.community)} theme=${attrs.theme ?? 'auto'}></hearth-moderation>
  </div>`);
  return wrapper.querySelector('hearth-moderation')!;
}

const root = (el: HearthModeration) => el.shadowRoot!;
const text = (el: Element | HearthModeration) => (('shadowRoot' in el && el.shadowRoot ? el.shadowRoot : el).textContent ?? '').replace(/\s+/g, ' ');
const $ = <T extends Element = HTMLElement>(el: HearthModeration, selector: string) => root(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: HearthModeration, selector: string) => [...root(el).querySelectorAll<T>(selector)];
/** Whether `selector` matches: a boolean, since chai formatting a DOM node in a failure message can hang. */
const has = (el: HearthModeration, selector: string) => root(el).querySelector(selector) !== null;
const said = (el: HearthModeration) => $(el, '.vh[role="status"]:not(:empty)')?.textContent?.trim() ?? '';
const item = (el: HearthModeration, key: string) => $(el, `[data-item="${key}"]`);
const titles = (el: HearthModeration) => $$(el, '.item h3').map((h) => h.textContent!.trim());

/** Waits until the tab on show has its data (or a state box) rather than a skeleton. */
async function settled(el: HearthModeration): Promise<HearthModeration> {
  await waitUntil(() => root(el) && !has(el, '.skeleton-list') && (has(el, '.item, .keyword, .entry, .state')), 'the widget never finished loading');
  await el.updateComplete;
  return el;
}

async function loaded(options?: Parameters<typeof mock>[0], attrs?: Attributes) {
  const api = mock(options);
  const el = await settled(await renderWidget(api, attrs));
  return { api, el };
}

function button(el: HearthModeration | Element, name: string): HTMLButtonElement {
  const scope = 'shadowRoot' in el && el.shadowRoot ? el.shadowRoot : el;
  const all = [...scope.querySelectorAll('button')];
  const found = all.find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button named ${name}; buttons: ${all.map((b) => b.textContent?.trim()).join(', ')}`);
  return found;
}

/** Clicks as a person does: focus first (Chromium focuses a clicked button), then the click. */
function press(b: HTMLElement): void {
  b.focus();
  b.click();
}

async function openTab(el: HearthModeration, tab: string): Promise<void> {
  press($(el, `#tab-${tab}`)!);
  await updated(el);
  await waitUntil(() => !has(el, '.skeleton-list') && has(el, `#tab-${tab}[aria-selected="true"]`), `the ${tab} tab never opened`);
  await settled(el);
}

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

const focused = (el: HearthModeration) => root(el).activeElement;

/** Waits for the widget and its parts (they render into its shadow root) to finish updating. */
async function updated(el: HearthModeration): Promise<void> {
  await el.updateComplete;
  for (let i = 0; i < 3; i++) {
    await Promise.all($$<HTMLElement & { updateComplete: Promise<unknown> }>(el, 'hearth-moderation-queue, hearth-moderation-keywords, hearth-moderation-audit').map((p) => p.updateComplete));
  }
}

describe('<hearth-moderation>', () => {
  // A body that ran as HTML would call alert(), which blocks the page: recorded instead.
  let alerted = 0;
  const realAlert = window.alert;
  before(() => {
    window.alert = () => void (alerted += 1);
  });
  after(() => {
    window.alert = realAlert;
  });
  describe('the queue', () => {
    it('shows each item with its kind, author, community, times, reporters, reasons, notes and watch-list matches', async () => {
      const { el, api } = await loaded();
      expect(api.calls('moderationQueue')[0]!.url.searchParams.get('status')).to.equal('open');
      expect(titles(el)).to.deep.equal([
        'Post by Sam Taylor',
        'Reply by Ana María García López',
        'Question by 李伟',
        'Answer by Sam Taylor',
        'Post by Jonas Weber',
      ]);
      const spam = item(el, 'post-301')!;
      expect(text(spam)).to.contain('Engineering');
      expect(text(spam)).to.contain('written 55 minutes ago');
      expect(text(spam)).to.contain('flagged 40 minutes ago');
      expect(spam.querySelector('[part~="content"] .text')!.textContent).to.contain('Made 40% in two weeks');
      expect(text(spam)).to.contain('#crypto #investing');
      const reports = spam.querySelector('[part~="reports"]')!;
      expect(text(reports)).to.contain('3 people reported this');
      expect([...reports.querySelectorAll('li.chip')].map((c) => text(c).trim())).to.deep.equal(['Spam 2', 'Other 1']);
      expect(text(reports)).to.contain('Same link was posted in five communities this morning.');
      expect(text(reports)).to.contain('Matches the watch list: crypto');
      expect(spam.querySelectorAll('[part~="actions"] button').length).to.equal(2);
      expect([...spam.querySelectorAll('[part~="actions"] button')].map((b) => b.textContent!.trim())).to.deep.equal(['Hide', 'Dismiss']);
    });

    it('says what a reply or an answer answers, marks a restricted community, and shows a question’s title', async () => {
      const { el } = await loaded();
      const leak = item(el, 'post-302')!;
      expect(text(leak)).to.contain('Project Falcon');
      expect(leak.querySelector('.badge')!.textContent).to.equal('restricted');
      // The quotation marks are the q element's (CSS), not text.
      expect(text(leak.querySelector('.context')!).trim()).to.equal('In reply to Integration plan, week 3: who owns the IT cut-over?');
      expect(text(leak)).to.contain('2 people reported this');
      const answer = item(el, 'answer-412')!;
      expect(text(answer.querySelector('.context')!)).to.contain('Answer to');
      const question = item(el, 'question-88')!;
      expect(question.querySelector('.title')!.textContent).to.equal('What is everyone’s salary band in Design?');
      // Caught by the watch list alone.
      expect(text(question)).to.contain('Nobody reported this: it matches the watch list.');
    });

    it('each item is an article named by its heading', async () => {
      const { el } = await loaded();
      const article = item(el, 'post-301')!;
      expect(article.localName).to.equal('article');
      expect(root(el).getElementById(article.getAttribute('aria-labelledby')!)!.textContent).to.equal('Post by Sam Taylor');
    });

    it('clamps a long text with "Show more", which shows it all', async () => {
      const { el } = await loaded();
      const long = item(el, 'post-305')!;
      const body = long.querySelector('.text')!;
      expect(body.classList.contains('clamped')).to.equal(true);
      const more = button(long, 'Show more');
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      expect(more.getAttribute('aria-controls')).to.equal(body.id);
      press(more);
      await el.updateComplete;
      expect(body.classList.contains('clamped')).to.equal(false);
      expect(button(long, 'Show less').getAttribute('aria-expanded')).to.equal('true');
      // Short texts have no such button.
      expect([...item(el, 'post-301')!.querySelectorAll('button')].some((b) => b.textContent?.includes('Show more'))).to.equal(false);
    });

    it('renders what people typed as text, never as HTML', async () => {
      const evil = '<img src=x onerror="window.pwned=1"><b>bold</b>';
      const { el } = await loaded({
        items: [
          makeItem({
            id: 9,
            notes: [evil],
            keywords: [evil],
            community: { slug: 'x', name: evil, visibility: 'open' },
            content: { title: evil, body: evil, context: evil, tags: ['ok'], author: { ...jonas, name: evil } },
          }),
        ],
      });
      const article = item(el, 'post-9')!;
      expect(article.querySelector('.text')!.textContent).to.equal(evil);
      expect(article.querySelector('.context q')!.textContent).to.equal(evil);
      expect(text(article)).to.contain(evil);
      expect(has(el, 'img, b')).to.equal(false);
      expect((window as { pwned?: number }).pwned).to.equal(undefined);
    });

    it('with `community`, asks only for that community’s queue', async () => {
      const { el, api } = await loaded({}, { community: 'project-falcon' });
      expect(api.calls('moderationQueue')[0]!.url.searchParams.get('community')).to.equal('project-falcon');
      expect(titles(el)).to.deep.equal(['Reply by Ana María García López']);
    });

    it('a community that does not exist (or is not yours) gets the not-found message', async () => {
      const { el } = await loaded({}, { community: 'nope' });
      expect(text(el)).to.contain('This community does not exist, or you cannot see it.');
    });

    it('loads another community’s queue when the attribute changes', async () => {
      const { el, api } = await loaded({}, { community: 'project-falcon' });
      el.setAttribute('community', 'design-guild');
      await waitUntil(() => titles(el)[0] === 'Question by 李伟', 'never moved to the Design Guild');
      expect(api.calls('moderationQueue').at(-1)!.url.searchParams.get('community')).to.equal('design-guild');
    });

    it('"Load more" adds the next page, and goes once there is nothing more', async () => {
      const items = [...Array(26).keys()].map((i) => makeItem({ id: 500 + i, openedAt: new Date(Date.now() - i * 60_000).toISOString() }));
      const { el, api } = await loaded({ items });
      expect($$(el, '.item').length).to.equal(20);
      press($(el, '[part~="load-more"]')!);
      await waitUntil(() => $$(el, '.item').length === 26, 'the next page never came');
      expect(api.calls('moderationQueue')[1]!.url.searchParams.get('cursor')).to.match(/^k\d+-519$/);
      expect(has(el, '[part~="load-more"]')).to.equal(false);
    });

    it('after an item leaves, "Load more" still adds the next page (without the one that left)', async () => {
      const items = [...Array(24).keys()].map((i) => makeItem({ id: 500 + i, openedAt: new Date(Date.now() - i * 60_000).toISOString() }));
      const { el } = await loaded({ items });
      press(button(item(el, 'post-500')!, 'Dismiss'));
      await waitUntil(() => !item(el, 'post-500'), 'never left');
      press($(el, '[part~="load-more"]')!);
      await waitUntil(() => !has(el, '[part~="load-more"]'), 'the next page never came');
      const keys = $$(el, '.item').map((i) => i.dataset['item']);
      expect(keys.length).to.equal(23);
      expect(new Set(keys).size).to.equal(23);
      expect(keys.includes('post-500')).to.equal(false);
    });

    it('a failed "Load more" says why and keeps the list', async () => {
      const items = [...Array(22).keys()].map((i) => makeItem({ id: 500 + i }));
      const { el, api } = await loaded({ items });
      api.fail = { moderationQueue: { status: 500, detail: 'Busy', times: 1 } };
      press($(el, '[part~="load-more"]')!);
      await waitUntil(() => has(el, '.more .message'), 'no message');
      expect(text($(el, '.more .message')!)).to.contain('More could not be loaded. Busy');
      expect($$(el, '.item').length).to.equal(20);
      press($(el, '[part~="load-more"]')!);
      await waitUntil(() => $$(el, '.item').length === 22, 'the retry never loaded');
    });
  });

  describe('states', () => {
    it('while loading, shows a skeleton that says it is loading', async () => {
      const el = await renderWidget(mock({ pending: ['moderationQueue'] }));
      await waitUntil(() => has(el, '[role="tablist"]') && has(el, '.skeleton-list'), 'no skeleton');
      expect($(el, '.skeleton-list')!.getAttribute('aria-busy')).to.equal('true');
      expect(text($(el, '.skeleton-list')!)).to.contain('Loading…');
    });

    it('an empty tab says so', async () => {
      const { el } = await loaded({ items: [] });
      expect(text($(el, '.state')!)).to.contain('Nothing to review.');
      await openTab(el, 'hidden');
      expect(text($(el, '.state')!)).to.contain('Nothing is hidden.');
    });

    it('when the server fails, shows its reason and Retry, and Retry loads the queue', async () => {
      const { el } = await loaded({ fail: { moderationQueue: { status: 500, detail: 'The database is restarting.', times: 1 } } });
      expect(text(el)).to.contain('The queue could not be loaded.');
      expect(text(el)).to.contain('The database is restarting.');
      press(button(el, 'Retry'));
      await waitUntil(() => has(el, '.item'), 'Retry did not load the queue');
    });

    it('someone who moderates nothing is told so (403), with no tabs', async () => {
      const { el, api } = await loaded({ me: mira });
      await waitUntil(() => text(el).includes('You are not a moderator.'), 'no 403 state');
      expect(has(el, '[role="tablist"]')).to.equal(false);
      expect($(el, '.state')!.getAttribute('role')).to.equal('alert');
      // Made a manager meanwhile: Try again asks again.
      api.me = jonas;
      press(button(el, 'Try again'));
      await waitUntil(() => has(el, '.item'), 'Try again did not load the queue');
    });

    it('signed out, says how to sign in and offers to try again', async () => {
      const { el } = await loaded({ me: null });
      await waitUntil(() => text(el).includes('You are signed out.'), 'no signed-out state');
      expect(buttonText(el)).to.include('Try again');
    });
  });

  describe('deciding', () => {
    it('Hide asks for the reason (focused), refuses an empty one, sends it, and the item leaves with an announcement and an event', async () => {
      const { el, api } = await loaded();
      const spam = item(el, 'post-301')!;
      press(button(spam, 'Hide'));
      await updated(el);
      const area = spam.querySelector('textarea')!;
      expect(focused(el) === area, 'the reason is focused').to.equal(true);
      expect(text(spam.querySelector('label')!)).to.contain('Why is it hidden? Its author is shown this.');
      // Nothing typed: said beside the field, nothing sent.
      press(spam.querySelector<HTMLButtonElement>('form button[type="submit"]')!);
      await updated(el);
      expect(area.getAttribute('aria-invalid')).to.equal('true');
      expect(root(el).getElementById(area.getAttribute('aria-describedby')!)!.textContent).to.equal('Say why: its author is shown this reason.');
      expect(api.calls('hideContent').length).to.equal(0);
      type(area, 'Advertising outside the Marketplace.');
      const event = oneEvent(el, 'hearth-moderation-decision') as Promise<HearthModerationDecisionEvent>;
      press(spam.querySelector<HTMLButtonElement>('form button[type="submit"]')!);
      const fired = await event;
      expect(fired.action).to.equal('hide');
      expect(fired.item.status).to.equal('hidden');
      const [request] = api.calls('hideContent');
      expect(request!.url.pathname).to.equal('/api/v1/moderation/items/post/301/hide');
      expect(request!.body).to.deep.equal({ reason: 'Advertising outside the Marketplace.' });
      await updated(el);
      expect(has(el, '[data-item="post-301"]')).to.equal(false);
      expect(said(el)).to.equal('Hidden. Its author is shown your reason.');
      // Focus goes to the next item, not to the page's start.
      expect(focused(el)?.id).to.equal('title-post-302');
      expect(moderationOf(api).audit.at(-1)!.action).to.equal('content.hide');
    });

    it('Cancel and Escape close the reason form, focus back on Hide', async () => {
      const { el } = await loaded();
      const spam = item(el, 'post-301')!;
      press(button(spam, 'Hide'));
      await updated(el);
      press(button(spam, 'Cancel'));
      await updated(el);
      expect(has(el, 'textarea')).to.equal(false);
      expect(focused(el)?.textContent?.trim()).to.equal('Hide');
      press(button(spam, 'Hide'));
      await updated(el);
      await sendKeys({ press: 'Escape' });
      await updated(el);
      expect(has(el, 'textarea')).to.equal(false);
    });

    it('while Hide is on its way, the button is busy and a second press sends nothing', async () => {
      const { el, api } = await loaded({ pending: ['hideContent'] });
      const spam = item(el, 'post-301')!;
      press(button(spam, 'Hide'));
      await updated(el);
      type(spam.querySelector('textarea')!, 'Spam');
      press(spam.querySelector<HTMLButtonElement>('form button[type="submit"]')!);
      await updated(el);
      const submit = spam.querySelector<HTMLButtonElement>('form button[type="submit"]')!;
      expect(submit.textContent!.trim()).to.equal('Hiding…');
      expect(submit.getAttribute('aria-disabled')).to.equal('true');
      await waitUntil(() => api.calls('hideContent').length === 1, 'Hide was not sent');
      press(submit);
      await updated(el);
      expect(api.calls('hideContent').length).to.equal(1);
      api.open('hideContent')[0]!.release!();
      await waitUntil(() => !item(el, 'post-301'), 'the item never left');
    });

    it('a failed Hide says why beside the form and keeps the typed reason; the next try works', async () => {
      const { el, api } = await loaded({ fail: { hideContent: { status: 503, detail: 'The database is restarting.', times: 1 } } });
      const spam = item(el, 'post-301')!;
      press(button(spam, 'Hide'));
      await updated(el);
      type(spam.querySelector('textarea')!, 'Advertising, again');
      press(spam.querySelector<HTMLButtonElement>('form button[type="submit"]')!);
      await waitUntil(() => spam.querySelector('.message'), 'no error message');
      expect(text(spam.querySelector('.message')!)).to.contain('The database is restarting.');
      expect(spam.querySelector('textarea')!.value).to.equal('Advertising, again');
      expect(item(el, 'post-301') === spam, 'the item stays').to.equal(true);
      press(spam.querySelector<HTMLButtonElement>('form button[type="submit"]')!);
      await waitUntil(() => !item(el, 'post-301'), 'the second try did not hide it');
      expect(api.calls('hideContent').at(-1)!.body).to.deep.equal({ reason: 'Advertising, again' });
    });

    it('the server’s 400 about the reason is shown beside the field', async () => {
      const { el } = await loaded();
      const spam = item(el, 'post-301')!;
      press(button(spam, 'Hide'));
      await updated(el);
      // Only an invisible character: the widget sends it, the server says why not.
      type(spam.querySelector('textarea')!, '\u200b');
      press(spam.querySelector<HTMLButtonElement>('form button[type="submit"]')!);
      await waitUntil(() => spam.querySelector('.message'), 'no error message');
      expect(spam.querySelector('textarea')!.getAttribute('aria-invalid')).to.equal('true');
      expect(text(spam.querySelector('.message')!)).to.contain('Say why: the author is shown this reason');
    });

    it('Dismiss closes the reports: the item leaves, and the Closed tab has it', async () => {
      const { el, api } = await loaded();
      press(button(item(el, 'answer-412')!, 'Dismiss'));
      await waitUntil(() => !item(el, 'answer-412'), 'never left');
      expect(api.calls('dismissReports')[0]!.url.pathname).to.equal('/api/v1/moderation/items/answer/412/dismiss');
      expect(said(el)).to.equal('Reports dismissed. The content stays as it was.');
      await openTab(el, 'closed');
      expect(has(el, '[data-item="answer-412"]')).to.equal(true);
      expect(text(item(el, 'answer-412')!.querySelector('[part~="decision"]')!)).to.contain('Dismissed by Jonas Weber');
    });

    it('the Hidden tab shows who hid what and why, and Restore brings it back', async () => {
      const { el, api } = await loaded();
      await openTab(el, 'hidden');
      expect(api.calls('moderationQueue').at(-1)!.url.searchParams.get('status')).to.equal('hidden');
      const hidden = item(el, 'post-290')!;
      expect(text(hidden.querySelector('[part~="decision"]')!)).to.match(/Hidden by Jonas Weber yesterday Reason: Spam: the same advert/);
      const event = oneEvent(el, 'hearth-moderation-decision') as Promise<HearthModerationDecisionEvent>;
      press(button(hidden, 'Restore'));
      expect((await event).action).to.equal('restore');
      await waitUntil(() => !item(el, 'post-290'), 'never left');
      expect(said(el)).to.equal('Restored. Everyone sees it again.');
      expect(api.calls('restoreContent')[0]!.body).to.deep.equal({});
    });

    it('when the last item leaves, the empty state shows and focus goes to the tab', async () => {
      const { el } = await loaded({ items: [makeItem({ id: 1 })] });
      press(button(item(el, 'post-1')!, 'Dismiss'));
      await waitUntil(() => has(el, '.state'), 'no empty state');
      expect(text($(el, '.state')!)).to.contain('Nothing to review.');
      await updated(el);
      expect(focused(el)?.id).to.equal('tab-open');
    });

    it('the Closed tab shows dismissed or restored items', async () => {
      const { el, api } = await loaded();
      await openTab(el, 'closed');
      expect(api.calls('moderationQueue').at(-1)!.url.searchParams.get('status')).to.equal('dismissed');
      expect(titles(el)).to.deep.equal(['Post by Mira Lindqvist']);
      press(button($(el, '[part~="filter"]')!, 'Restored'));
      await waitUntil(() => titles(el)[0] === 'Question by Aisha Okafor', 'never showed the restored items');
      expect(api.calls('moderationQueue').at(-1)!.url.searchParams.get('status')).to.equal('restored');
      expect(button($(el, '[part~="filter"]')!, 'Restored').getAttribute('aria-pressed')).to.equal('true');
      expect(text(item(el, 'question-75')!)).to.contain('Restored by Tom Nguyen');
    });
  });

  describe('the tabs', () => {
    it('are a tablist whose arrow keys, Home and End move and open the tab', async () => {
      const { el, api } = await loaded({ me: tom });
      const tabs = $$(el, '[role="tab"]');
      expect(tabs.map((t) => t.textContent!.trim())).to.deep.equal(['To review', 'Hidden', 'Closed', 'Watch list', 'Audit trail']);
      expect(tabs.map((t) => t.tabIndex)).to.deep.equal([0, -1, -1, -1, -1]);
      expect($(el, '[role="tabpanel"]')!.getAttribute('aria-labelledby')).to.equal('tab-open');
      tabs[0]!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await updated(el);
      expect(focused(el)?.id).to.equal('tab-hidden');
      expect($(el, '#tab-hidden')!.getAttribute('aria-selected')).to.equal('true');
      await waitUntil(() => api.calls('moderationQueue').some((r) => r.url.searchParams.get('status') === 'hidden'), 'the Hidden tab did not load');
      await sendKeys({ press: 'End' });
      await updated(el);
      expect(focused(el)?.id).to.equal('tab-audit');
      await sendKeys({ press: 'ArrowRight' });
      await updated(el);
      expect(focused(el)?.id, 'wraps around').to.equal('tab-open');
      await sendKeys({ press: 'ArrowLeft' });
      await updated(el);
      expect(focused(el)?.id).to.equal('tab-audit');
      await sendKeys({ press: 'Home' });
      await updated(el);
      expect(focused(el)?.id).to.equal('tab-open');
      expect($(el, '[role="tabpanel"]')!.getAttribute('aria-labelledby')).to.equal('tab-open');
    });

    it('on a right-to-left page the arrows follow the reading direction, and the tabs run from the right', async () => {
      const { el } = await loaded({}, { dir: 'rtl' });
      const [first, second] = $$(el, '[role="tab"]');
      expect(first!.getBoundingClientRect().left).to.be.greaterThan(second!.getBoundingClientRect().left);
      first!.focus();
      await sendKeys({ press: 'ArrowLeft' });
      await updated(el);
      expect(focused(el)?.id).to.equal('tab-hidden');
    });

    it('a community manager gets no Watch list nor Audit trail', async () => {
      const { el, api } = await loaded();
      expect($$(el, '[role="tab"]').map((t) => t.id)).to.deep.equal(['tab-open', 'tab-hidden', 'tab-closed']);
      expect(api.calls('listWatchKeywords').length + api.calls('auditLog').length).to.equal(0);
    });
  });

  describe('the watch list (admins)', () => {
    it('lists the words and patterns, adds one, and removes one', async () => {
      const { el, api } = await loaded({ me: tom });
      await openTab(el, 'keywords');
      const patterns = () => $$(el, '.keyword code').map((c) => c.textContent);
      expect(patterns()).to.deep.equal(['crypto', 'salary', '/password\\s*[:=]/', 'confidential']);
      expect(text($(el, '.keyword')!)).to.contain('word · added');
      type($(el, '#pattern')! as HTMLInputElement, '  bitcoin ');
      press(button(el, 'Add'));
      await waitUntil(() => patterns().includes('bitcoin'), 'never added');
      expect(api.calls('addWatchKeyword')[0]!.body).to.deep.equal({ pattern: 'bitcoin', regex: false });
      expect(($(el, '#pattern') as HTMLInputElement).value).to.equal('');
      expect(said(el)).to.equal('bitcoin is watched now.');
      press($(el, '[aria-label="Remove salary"]')!);
      await waitUntil(() => !patterns().includes('salary'), 'never removed');
      expect(api.calls('removeWatchKeyword')[0]!.url.pathname).to.equal('/api/v1/moderation/keywords/2');
      expect(said(el)).to.equal('salary is no longer watched.');
      // Focus moves to the next Remove button.
      expect(focused(el)?.getAttribute('aria-label')).to.equal('Remove password\\s*[:=]');
    });

    it('a pattern the server refuses: its reason beside the field, which keeps what was typed', async () => {
      const { el, api } = await loaded({ me: tom });
      await openTab(el, 'keywords');
      const input = $(el, '#pattern') as HTMLInputElement;
      type(input, '(a+)+$');
      ($(el, 'input[type="checkbox"]') as HTMLInputElement).click();
      press(button(el, 'Add'));
      await waitUntil(() => has(el, '#pattern-error'), 'no error');
      expect(api.calls('addWatchKeyword')[0]!.body).to.deep.equal({ pattern: '(a+)+$', regex: true });
      expect(text($(el, '#pattern-error')!)).to.contain('Could take too long to run');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('pattern-error');
      expect(input.value).to.equal('(a+)+$');
      expect(($(el, 'input[type="checkbox"]') as HTMLInputElement).checked).to.equal(true);
      expect(focused(el) === input, 'the field is focused').to.equal(true);
    });

    it('an empty field is said without asking the server', async () => {
      const { el, api } = await loaded({ me: tom });
      await openTab(el, 'keywords');
      press(button(el, 'Add'));
      await updated(el);
      expect(text($(el, '#pattern-error')!)).to.contain('Type a word or a pattern.');
      expect(api.calls('addWatchKeyword').length).to.equal(0);
    });
  });

  describe('the audit trail (admins)', () => {
    it('lists who did what, when and why, newest first, and filters by action', async () => {
      const { el, api } = await loaded({ me: tom });
      await openTab(el, 'audit');
      const entries = $$(el, '[part~="entry"]');
      expect(text(entries[0]!)).to.contain('Aisha Okafor Archived a community community office-move-2023');
      expect(text(entries[0]!)).to.contain('Why: The move is done.');
      const role = entries.find((e) => text(e).includes('Changed a role'))!;
      expect(text(role)).to.contain('Sign-in or system');
      expect(text(role)).to.contain('employee → community_manager');
      const select = $(el, 'select') as HTMLSelectElement;
      select.value = 'content.hide';
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => $$(el, '[part~="entry"]').length === 2, 'the filter did nothing');
      expect(api.calls('auditLog').at(-1)!.url.searchParams.get('action')).to.equal('content.hide');
    });

    it('"Download CSV" fetches the file with the session’s token and saves it through a Blob URL', async () => {
      const { el, api } = await loaded({ me: tom });
      await openTab(el, 'audit');
      const saved: Array<{ href: string; download: string }> = [];
      let blob: Blob | null = null;
      const originals = { create: URL.createObjectURL, click: HTMLAnchorElement.prototype.click };
      URL.createObjectURL = (b: Blob | MediaSource) => {
        blob = b as Blob;
        return 'blob:https://example.test/audit';
      };
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        saved.push({ href: this.href, download: this.download });
      };
      try {
        press(button(el, 'Download CSV'));
        await updated(el);
        await waitUntil(() => saved.length === 1, 'nothing was saved');
      } finally {
        URL.createObjectURL = originals.create;
        HTMLAnchorElement.prototype.click = originals.click;
      }
      const [request] = api.calls('auditCsv');
      expect(request!.url.pathname).to.equal('/api/v1/audit.csv');
      expect(request!.headers.get('authorization')).to.match(/^Bearer mock-token-\d+$/);
      expect(request!.url.search).to.equal('');
      expect(saved[0]).to.deep.equal({ href: 'blob:https://example.test/audit', download: 'hearth-audit.csv' });
      expect((await blob!.text()).split('\r\n')[0]).to.equal('at,actor,action,target_kind,target_id,community,reason,details');
      await waitUntil(() => said(el) === 'The audit trail was saved as hearth-audit.csv.', 'not announced');
    });

    it('"Download CSV" follows the action filter', async () => {
      const { el, api } = await loaded({ me: tom });
      await openTab(el, 'audit');
      const select = $(el, 'select') as HTMLSelectElement;
      select.value = 'keyword.add';
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => $$(el, '[part~="entry"]').length === 2, 'the filter did nothing');
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = () => {};
      try {
        press(button(el, 'Download CSV'));
        await waitUntil(() => said(el).startsWith('The audit trail was saved'), 'never saved');
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      expect(api.calls('auditCsv')[0]!.url.searchParams.get('action')).to.equal('keyword.add');
    });

    it('a failed download says so, and the button is ready again', async () => {
      const { el } = await loaded({ me: tom, fail: { auditCsv: { status: 500, detail: 'Disk full' } } });
      await openTab(el, 'audit');
      press(button(el, 'Download CSV'));
      await waitUntil(() => has(el, '.audit-bar + .message'), 'no message');
      expect(text($(el, '.audit-bar + .message')!)).to.contain('The file could not be downloaded. Disk full');
      expect(button(el, 'Download CSV').getAttribute('aria-disabled')).to.equal('false');
    });

    it('while the file is prepared the button is busy', async () => {
      const { el, api } = await loaded({ me: tom, pending: ['auditCsv'] });
      await openTab(el, 'audit');
      press(button(el, 'Download CSV'));
      await updated(el);
      expect(button(el, 'Preparing the file…').getAttribute('aria-disabled')).to.equal('true');
      api.fail = { auditCsv: { status: 500 } };
      // The button turns busy before the file's request leaves (its code is a chunk of its own).
      await waitUntil(() => api.open('auditCsv').length > 0, 'the file was never asked for');
      api.open('auditCsv')[0]!.release!();
      await waitUntil(() => has(el, '.audit-bar + .message'), 'never finished');
    });
  });

  describe('languages and direction', () => {
    const expected: Array<[string, string[], string]> = [
      ['fr', ['À examiner', 'Masqués', 'Clôturés'], '3 personnes l’ont signalée'],
      ['de', ['Zu prüfen', 'Ausgeblendet', 'Erledigt'], '3 Personen haben das gemeldet'],
      ['es', ['Por revisar', 'Ocultos', 'Cerrados'], '3 personas lo han denunciado'],
    ];
    for (const [lang, tabs, reported] of expected) {
      it(`speaks ${lang} where the page does`, async () => {
        const { el } = await loaded({}, { lang });
        await waitUntil(() => $$(el, '[role="tab"]')[0]?.textContent?.trim() === tabs[0], `not in ${lang}`);
        expect($$(el, '[role="tab"]').map((t) => t.textContent!.trim())).to.deep.equal(tabs);
        expect(text(el)).to.contain(reported);
      });
    }

    it('lays an item out mirrored on a right-to-left page (logical properties)', async () => {
      const { el } = await loaded({}, { dir: 'rtl', lang: 'ar' });
      const context = item(el, 'post-302')!.querySelector('.context')!;
      const style = getComputedStyle(context);
      expect(Number.parseFloat(style.borderRightWidth)).to.be.greaterThan(0);
      expect(Number.parseFloat(style.borderLeftWidth)).to.equal(0);
      const head = item(el, 'post-301')!.querySelector('.head')!;
      const avatar = head.querySelector('.avatar')!.getBoundingClientRect();
      const title = head.querySelector('h3')!.getBoundingClientRect();
      expect(avatar.left, 'the avatar on the right').to.be.greaterThan(title.left);
      // People's text takes the direction of its own script, whatever the page's.
      expect(item(el, 'post-301')!.querySelector('.text')!.getAttribute('dir')).to.equal('auto');
      expect(item(el, 'post-302')!.querySelector('.context q')!.getAttribute('dir')).to.equal('auto');
    });
  });

  describe('accessibility (axe)', () => {
    it('the queue is accessible', async () => {
      await expect((await loaded()).el).to.be.accessible();
    });

    it('the reason form with an error is accessible', async () => {
      const { el } = await loaded();
      press(button(item(el, 'post-301')!, 'Hide'));
      await updated(el);
      press(item(el, 'post-301')!.querySelector<HTMLButtonElement>('form button[type="submit"]')!);
      await updated(el);
      await expect(el).to.be.accessible();
    });

    it('the watch list and the audit trail are accessible', async () => {
      const { el } = await loaded({ me: tom });
      await openTab(el, 'keywords');
      await expect(el).to.be.accessible();
      await openTab(el, 'audit');
      await expect(el).to.be.accessible();
    });

    it('the loading, empty, error, not-a-moderator and signed-out states are accessible', async () => {
      await expect(await renderWidget(mock({ pending: ['moderationQueue'] }))).to.be.accessible();
      await expect((await loaded({ items: [] })).el).to.be.accessible();
      await expect((await loaded({ fail: { moderationQueue: { status: 500 } } })).el).to.be.accessible();
      const forbidden = (await loaded({ me: mira })).el;
      await waitUntil(() => text(forbidden).includes('not a moderator'));
      await expect(forbidden).to.be.accessible();
      const out = (await loaded({ me: null })).el;
      await waitUntil(() => has(out, '.state'));
      await expect(out).to.be.accessible();
    });

    it('the dark theme keeps enough contrast', async () => {
      const { el } = await loaded({ me: tom }, { theme: 'dark' });
      document.body.style.background = '#000';
      try {
        await expect(el).to.be.accessible();
        await openTab(el, 'audit');
        await expect(el).to.be.accessible();
      } finally {
        document.body.style.background = '';
      }
    });
  });

  describe('the stories', () => {
    type AnyStory = { args?: Record<string, unknown>; parameters?: Record<string, unknown>; render?: unknown; play?: unknown };
    type Render = (args: unknown, context: unknown) => ReturnType<typeof html>;
    type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;

    async function renderStory(story: AnyStory): Promise<HearthModeration> {
      const args = { ...meta.args, ...story.args };
      const parameters = { ...meta.parameters, ...story.parameters };
      const render = (story.render ?? meta.render) as Render;
      const canvas = await fixture<HTMLElement>(html`<div>${render(args, { args, parameters })}</div>`);
      await (story.play as Play | undefined)?.({ canvasElement: canvas });
      return canvas.querySelector('hearth-moderation')!;
    }

    const expected: Array<[string, AnyStory, string]> = [
      ['To review', stories.ToReview, '3 people reported this'],
      ['Admin', stories.Admin, 'Audit trail'],
      ['One community', stories.OneCommunity, 'Project Falcon'],
      ['Hide reason', stories.HideReason, 'Why is it hidden?'],
      ['Action error', stories.ActionError, 'The database is restarting'],
      ['Hidden tab', stories.HiddenTab, 'Hidden by Jonas Weber'],
      ['Closed tab', stories.ClosedTab, 'Dismissed by Jonas Weber'],
      ['Paging', stories.Paging, 'Load more'],
      ['Watch list', stories.WatchList, 'password'],
      ['Watch list error', stories.WatchListError, 'Could take too long to run'],
      ['Audit trail', stories.AuditTrail, 'Download CSV'],
      ['Empty', stories.Empty, 'Nothing to review.'],
      ['Error', stories.ErrorState, 'The database is restarting'],
      ['Not a moderator', stories.NotAModerator, 'You are not a moderator.'],
      ['Signed out', stories.SignedOut, 'You are signed out'],
      ['Right to left', stories.RightToLeft, 'To review'],
      ['Dark', stories.Dark, 'Watch list'],
      ['French', stories.French, 'À examiner'],
      ['German', stories.German, 'Zu prüfen'],
      ['Spanish', stories.Spanish, 'Por revisar'],
      ['Markup is text', stories.MarkupIsText, '<img src=x onerror=alert(1)>'],
    ];
    for (const [name, story, shows] of expected) {
      it(`${name} shows "${shows}"`, async () => {
        const el = await renderStory(story);
        await waitUntil(() => text(el).includes(shows), `expected "${shows}" in: ${text(el)}`);
      });
    }

    it('Markup is text renders the body as text: no element, no script', async () => {
      const el = await settled(await renderStory(stories.MarkupIsText));
      expect($(el, '.item .text')!.textContent).to.equal('<img src=x onerror=alert(1)> <b>not bold</b>');
      expect(has(el, '.item img, .item .text b')).to.equal(false);
      // An image that failed to load would have run its onerror by now.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(alerted).to.equal(0);
    });

    it('Loading keeps the skeleton', async () => {
      const el = await renderStory(stories.Loading);
      await waitUntil(() => has(el, '[role="tablist"]'));
      expect(has(el, '.skeleton-list')).to.equal(true);
    });

    it('Dark uses the dark theme', async () => {
      const el = await renderStory(stories.Dark);
      expect($(el, '.root')!.classList.contains('dark')).to.equal(true);
    });

    it('One community shows only the restricted community’s item', async () => {
      const el = await settled(await renderStory(stories.OneCommunity));
      expect($(el, '.item .badge')!.textContent).to.equal('restricted');
      expect(communities.falcon.visibility).to.equal('restricted');
    });
  });
});

function buttonText(el: HearthModeration): string[] {
  return $$(el, 'button').map((b) => b.textContent!.trim());
}
