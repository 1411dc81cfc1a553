/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { html as litHtml } from 'lit';
import './define.ts';
import '../ask-expert/define.ts';
import type { HearthPerson } from './hearth-person.ts';
import type { HearthAskPersonEvent, HearthPersonFollowEvent } from './events.ts';
import { close as closeHoverCard, openCard } from './hover-card.ts';
import { HearthElement } from '../runtime/hearth-element.ts';
import { MockApi, type MockApiOptions, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { type MockPeopleData, sampleCard } from '../testing/mock-people.ts';
import { sampleExperts } from '../testing/mock-questions.ts';

/*
 * Issue #14, point 2: a person's card (what they know and why, communities, recent work, Follow,
 * Endorse, Ask) and your own (skills, away), every state, and the hover / focus card on the names
 * of every widget.
 */

const [mira, jonas] = samplePeople as [(typeof samplePeople)[0], (typeof samplePeople)[0]];

/** Jonas is signed in unless `me` says otherwise. */
function mock(options: MockApiOptions & { cards?: MockPeopleData['cards']; hidden?: string[] } = {}): MockApi {
  const { cards, hidden, ...rest } = options;
  return useMockApi(new MockApi({ me: jonas, ...rest, data: { people: { cards, hidden } satisfies MockPeopleData, questions: { experts: sampleExperts() }, ...rest.data } }));
}

async function render(api: MockApi, handle = 'mira.lindqvist', extra: { compact?: boolean; post?: string; question?: string; ask?: string; lang?: string } = {}) {
  const el = await fixture<HearthPerson>(html`<hearth-person
    api=${api.api}
    token-url=${api.tokenUrl}
    handle=${handle}
    ?compact=${extra.compact ?? false}
    post-href-template=${extra.post ?? ''}
    question-href-template=${extra.question ?? ''}
    ask-href-template=${extra.ask ?? ''}
    lang=${extra.lang ?? 'en'}
  ></hearth-person>`);
  return el;
}

const root = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => (root(el).textContent ?? '').replace(/\s+/g, ' ');
const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => root(el).querySelector<T>(selector);
const has = (el: HTMLElement, selector: string) => root(el).querySelector(selector) !== null;

async function loaded(el: HearthPerson): Promise<HearthPerson> {
  await waitUntil(() => !has(el, '[aria-busy="true"]'), 'the card never finished loading');
  await el.updateComplete;
  return el;
}

function button(el: HTMLElement, name: string): HTMLElement {
  const found = [...root(el).querySelectorAll<HTMLElement>('button, a.button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button named ${name}: ${[...root(el).querySelectorAll('button')].map((b) => b.textContent?.trim()).join(', ')}`);
  return found;
}

describe('hearth-person', () => {
  afterEach(() => closeHoverCard());

  describe('someone else’s card', () => {
    it('shows who they are, what they know with the reasons, their communities and recent work', async () => {
      const el = await loaded(await render(mock()));
      expect($(el, 'h2.name')!.textContent).to.equal('Mira Lindqvist');
      expect($(el, '.role')!.textContent!.replace(/\s+/g, ' ')).to.contain('Staff Engineer').and.contain('Platform');
      const skills = [...root(el).querySelectorAll('.skill')].map((s) => s.textContent!.replace(/\s+/g, ' ').trim());
      expect(skills[0]).to.contain('#kubernetes').and.contain('3 accepted answers').and.contain('12 upvotes').and.contain('declared').and.contain('5 endorsements');
      expect(skills[1]).to.contain('#vpn').and.contain('1 accepted answer').and.not.contain('declared');
      expect(text(el)).to.contain('Engineering (manager)').and.contain('Design Guild');
      const links = [...root(el).querySelectorAll<HTMLAnchorElement>('.recent a')];
      expect(links.map((a) => a.textContent!.trim())).to.deep.equal([
        'Answer to “How do I stop the VPN asking me to sign in every hour?”',
        'The new build cache is live for every repository. CI times dropped from 14 to 6 minutes.',
      ]);
      // No templates: Hearth's own pages.
      expect(links[0]!.href).to.match(/\/embed\/question\/401\?answer=901$/);
      expect(links[1]!.href).to.match(/\/embed\/post\/801$/);
      expect(button(el, 'Follow').getAttribute('aria-pressed')).to.equal('false');
      button(el, 'Ask Mira');
      expect(has(el, '.edit-skills'), 'no skills editor on someone else’s card').to.equal(false);
      expect(has(el, 'input[type="checkbox"]'), 'no away switch on someone else’s card').to.equal(false);
    });

    it('links recent posts and answers through the page’s templates; a javascript: template is refused', async () => {
      // oxlint-disable-next-line no-script-url -- the attack being refused
      const el = await loaded(await render(mock(), 'mira.lindqvist', { post: '/social?post={id}', question: 'javascript:alert({id})' }));
      const links = [...root(el).querySelectorAll<HTMLAnchorElement>('.recent a')];
      expect(links[1]!.getAttribute('href')).to.equal('/social?post=801');
      expect(links[0]!.href).to.match(/\/embed\/question\/401\?answer=901$/);
      const answers = await loaded(await render(mock(), 'mira.lindqvist', { question: '/ask?{kind}={id}&q={parentId}' }));
      expect($<HTMLAnchorElement>(answers, '.recent a')!.getAttribute('href')).to.equal('/ask?answer=901&q=401');
    });

    it('follows and unfollows: the button, the count and an event', async () => {
      const api = mock();
      const el = await loaded(await render(api));
      const before = el.card!.followers;
      const followed = oneEvent(el, 'hearth-person-follow') as Promise<HearthPersonFollowEvent>;
      button(el, 'Follow').click();
      const event = await followed;
      expect([event.handle, event.following]).to.deep.equal(['mira.lindqvist', true]);
      await waitUntil(() => $(el, '.follow')?.getAttribute('aria-pressed') === 'true', 'not shown as followed');
      expect($(el, '.follow')!.textContent!.trim()).to.equal('Following');
      expect(el.card!.followers).to.equal(before + 1);
      expect(api.calls('followPerson').map((r) => r.url.pathname)).to.deep.equal(['/api/v1/people/mira.lindqvist/follow']);
      $(el, '.follow')!.click();
      await waitUntil(() => $(el, '.follow')?.getAttribute('aria-pressed') === 'false', 'still shown as followed');
      expect(api.calls('unfollowPerson')).to.have.length(1);
      expect(el.card!.followers).to.equal(before);
    });

    it('a follow on another card of the same person (the hover card) shows on this one too', async () => {
      const api = mock();
      const wrap = await fixture<HTMLDivElement>(html`<div>
        <hearth-person api=${api.api} token-url=${api.tokenUrl} handle="mira.lindqvist" lang="en"></hearth-person>
        <hearth-person api=${api.api} token-url=${api.tokenUrl} handle="mira.lindqvist" lang="en" compact></hearth-person>
        <hearth-person api=${api.api} token-url=${api.tokenUrl} handle="tom.nguyen" lang="en"></hearth-person>
      </div>`);
      const [full, hover, other] = [...wrap.querySelectorAll('hearth-person')] as [HearthPerson, HearthPerson, HearthPerson];
      await Promise.all([loaded(full), loaded(hover), loaded(other)]);
      const before = full.card!.followers;
      const otherBefore = other.card!.following;
      button(hover, 'Follow').click();
      await waitUntil(() => $(full, '.follow')?.getAttribute('aria-pressed') === 'true', 'the full card still says Follow');
      expect(full.card!.followers).to.equal(before + 1);
      expect(other.card!.following, 'someone else’s card is unchanged').to.equal(otherBefore);
      button(hover, 'Following').click();
      await waitUntil(() => $(full, '.follow')?.getAttribute('aria-pressed') === 'false', 'the full card still says Following');
      expect(full.card!.followers).to.equal(before);
      expect(api.calls('followPerson')).to.have.length(1);
      expect(api.calls('unfollowPerson')).to.have.length(1);
    });

    it('endorses a skill and withdraws the endorsement', async () => {
      const api = mock();
      const el = await loaded(await render(api));
      const endorse = $(el, '[data-tag="vpn"] .endorse')!;
      expect(endorse.getAttribute('aria-label')).to.equal('Endorse Mira Lindqvist for #vpn');
      endorse.click();
      await waitUntil(() => $(el, '[data-tag="vpn"] .endorse')?.getAttribute('aria-pressed') === 'true', 'not endorsed');
      expect($(el, '[data-tag="vpn"]')!.textContent).to.contain('1 endorsement');
      expect(api.calls('endorse')[0]!.url.pathname).to.equal('/api/v1/people/mira.lindqvist/skills/vpn/endorsement');
      $(el, '[data-tag="vpn"] .endorse')!.click();
      await waitUntil(() => $(el, '[data-tag="vpn"] .endorse')?.getAttribute('aria-pressed') === 'false', 'still endorsed');
      expect($(el, '[data-tag="vpn"]')!.textContent).not.to.contain('endorsement');
    });

    it('says why a write failed, and keeps what it showed', async () => {
      const el = await loaded(await render(mock({ fail: { followPerson: { status: 503, title: 'Service Unavailable' } } })));
      button(el, 'Follow').click();
      await waitUntil(() => $(el, '.message')!.textContent!.trim() !== '', 'no reason given');
      expect($(el, '.message')!.textContent).to.match(/^Not saved: /);
      expect($(el, '.follow')!.getAttribute('aria-pressed')).to.equal('false');
    });

    it('"Ask Mira" fires hearth-ask-person with her strongest skills; nobody took it: Hearth’s question page', async () => {
      const el = await loaded(await render(mock()));
      const opened: string[] = [];
      const original = window.open;
      window.open = ((url: string) => (opened.push(url), null)) as typeof window.open;
      try {
        const asked = oneEvent(el, 'hearth-ask-person') as Promise<HearthAskPersonEvent>;
        button(el, 'Ask Mira').click();
        const event = await asked;
        expect(event.handle).to.equal('mira.lindqvist');
        expect(event.tags).to.deep.equal(['kubernetes', 'vpn', 'terraform']);
        expect(opened).to.have.length(1);
        expect(opened[0]).to.match(/\/embed\/ask-expert\?tags=kubernetes%2Cvpn%2Cterraform&token-url=http/);
      } finally {
        window.open = original;
      }
    });

    it('"Ask Mira" with an ask-expert on the page: its form, with Mira suggested and her skills as tags; typed text stays', async () => {
      const api = mock();
      const wrap = await fixture<HTMLDivElement>(html`<div>
        <hearth-person api=${api.api} token-url=${api.tokenUrl} handle="mira.lindqvist" lang="en"></hearth-person>
        <hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="mine" lang="en"></hearth-ask-expert>
      </div>`);
      const el = await loaded(wrap.querySelector('hearth-person')!);
      const ask = wrap.querySelector('hearth-ask-expert')!;
      const opened: string[] = [];
      const original = window.open;
      window.open = ((url: string) => (opened.push(url), null)) as typeof window.open;
      try {
        button(el, 'Ask Mira').click();
        const form = () => ask.shadowRoot!.querySelector('hearth-ask-expert-form');
        await waitUntil(() => form()?.querySelector('[data-suggested="mira.lindqvist"]'), 'Mira is not suggested in the form');
        expect(opened, 'the page’s own ask-expert took it').to.have.length(0);
        expect(ask.view).to.equal('ask');
        const chips = [...form()!.querySelectorAll('.chips .chip')].map((c) => c.textContent!.replace(/[×\s]/g, ''));
        expect(chips).to.deep.equal(['#kubernetes', '#vpn', '#terraform']);
        expect(form()!.querySelector('[data-suggested]')!.textContent).to.contain('You chose to ask them.');
        await waitUntil(() => ask.shadowRoot!.activeElement?.id === 'title', 'focus is not on the title');
        // Typed first, then Ask again: the title stays, no chip twice.
        await sendKeys({ type: 'Why does the VPN drop?' });
        button(el, 'Ask Mira').click();
        await new Promise((r) => setTimeout(r, 100));
        expect(form()!.querySelector<HTMLInputElement>('#title')!.value).to.equal('Why does the VPN drop?');
        expect(form()!.querySelectorAll('.chips .chip')).to.have.length(3);
      } finally {
        window.open = original;
      }
    });

    it('after a question to Mira is posted, the next question starts without her suggested', async () => {
      const api = mock();
      const wrap = await fixture<HTMLDivElement>(html`<div>
        <hearth-person api=${api.api} token-url=${api.tokenUrl} handle="mira.lindqvist" lang="en"></hearth-person>
        <hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="mine" lang="en"></hearth-ask-expert>
      </div>`);
      const el = await loaded(wrap.querySelector('hearth-person')!);
      const ask = wrap.querySelector('hearth-ask-expert')!;
      const form = () => ask.shadowRoot!.querySelector('hearth-ask-expert-form');
      const named = (label: string) => [...ask.shadowRoot!.querySelectorAll<HTMLElement>('button')].find((b) => b.textContent?.trim() === label);
      button(el, 'Ask Mira').click();
      await waitUntil(() => form()?.querySelector('[data-suggested="mira.lindqvist"]'), 'Mira is not suggested in the form');
      await waitUntil(() => ask.shadowRoot!.activeElement?.id === 'title', 'focus is not on the title');
      await sendKeys({ type: 'Why does the VPN drop every hour?' });
      named('Ask')!.click();
      await waitUntil(() => named('Ask another question'), 'the question was not posted');
      expect(api.calls('askQuestion')).to.have.length(1);
      named('Ask another question')!.click();
      await waitUntil(() => form()?.querySelector('#title'), 'no new question form');
      await new Promise((r) => setTimeout(r, 100));
      expect(form()!.querySelector('[data-suggested]')).to.equal(null);
      expect(form()!.textContent).not.to.contain('You chose to ask them.');
    });

    it('with ask-href-template "Ask" is a link to the portal’s page', async () => {
      const el = await loaded(await render(mock(), 'mira.lindqvist', { ask: '/ask?expert={handle}' }));
      expect(button(el, 'Ask Mira').getAttribute('href')).to.equal('/ask?expert=mira.lindqvist');
    });

    it('compact (the hover card): top three skills, no Endorse, no communities or recent work', async () => {
      const el = await loaded(await render(mock(), 'mira.lindqvist', { compact: true }));
      expect(root(el).querySelectorAll('.skill')).to.have.length(3);
      expect(has(el, '.endorse')).to.equal(false);
      expect(has(el, '.recent')).to.equal(false);
      expect(has(el, '.communities')).to.equal(false);
      expect(has(el, 'h2'), 'no heading level in a floating card').to.equal(false);
      button(el, 'Follow');
    });

    it('shows the strongest eight skills, and all of them on "Show all"', async () => {
      const skills = Array.from({ length: 10 }, (_, i) => ({ tag: `skill-${i}`, declared: true, endorsements: 0, endorsedByMe: false, acceptedAnswers: 0, upvotes: 0 }));
      const el = await loaded(await render(mock({ cards: { 'mira.lindqvist': sampleCard(mira, { skills }) } })));
      expect(root(el).querySelectorAll('.skill')).to.have.length(8);
      const more = button(el, 'Show all 10');
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      more.click();
      await el.updateComplete;
      expect(root(el).querySelectorAll('.skill')).to.have.length(10);
      expect(button(el, 'Show fewer').getAttribute('aria-expanded')).to.equal('true');
    });

    it('away: a badge and a note', async () => {
      const el = await loaded(await render(mock({ cards: { 'mira.lindqvist': sampleCard(mira, { away: true }) } })));
      expect($(el, '.badge')!.textContent!.trim()).to.equal('Away');
      expect($(el, '.away-note')!.textContent).to.contain('not routed');
    });
  });

  describe('your own card', () => {
    it('has the away switch and "Edit skills", no Follow, Ask or Endorse', async () => {
      const el = await loaded(await render(mock({ me: mira })));
      expect(text(el)).to.contain('What you know');
      expect(has(el, '.follow') || has(el, '.ask') || has(el, '.endorse')).to.equal(false);
      expect(has(el, '.edit-skills')).to.equal(true);
    });

    it('marks you away (PUT /me/away) and back', async () => {
      const api = mock({ me: mira });
      const el = await loaded(await render(api));
      const box = $<HTMLInputElement>(el, 'input[type="checkbox"]')!;
      box.click();
      await waitUntil(() => has(el, '.badge'), 'no Away badge');
      expect(api.calls('setAway')[0]!.body).to.deep.equal({ away: true });
      expect($(el, '.message')!.textContent).to.equal('Saved.');
      $<HTMLInputElement>(el, 'input[type="checkbox"]')!.click();
      await waitUntil(() => !has(el, '.badge'), 'still away');
      expect(api.calls('setAway')[1]!.body).to.deep.equal({ away: false });
    });

    it('edits declared skills: chips from typing, Backspace, Save (PUT /me/skills), the card loads again', async () => {
      const api = mock({ me: mira });
      const el = await loaded(await render(api));
      button(el, 'Edit skills').click();
      await waitUntil(() => root(el).activeElement?.id === 'skill-input', 'the skills box did not take the focus');
      const chips = () => [...root(el).querySelectorAll('.skills-editor .chip')].map((c) => c.textContent!.replace(/[×\s#]/g, ''));
      expect(chips()).to.deep.equal(['kubernetes', 'terraform']);
      await sendKeys({ type: 'Incident-Response, ' });
      await waitUntil(() => chips().length === 3, 'no chip from the comma');
      expect(chips()).to.deep.equal(['kubernetes', 'terraform', 'incident-response']);
      await sendKeys({ type: 'helm' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => chips().length === 4, 'no chip from Enter');
      await sendKeys({ press: 'Backspace' });
      await waitUntil(() => chips().length === 3, 'Backspace did not remove the last chip');
      button(el, 'Save').click();
      await waitUntil(() => !has(el, '.skills-editor'), 'the editor did not close');
      expect(api.calls('setSkills')[0]!.body).to.deep.equal({ tags: ['kubernetes', 'terraform', 'incident-response'] });
      await waitUntil(() => has(el, '[data-tag="incident-response"]'), 'the new skill is not on the card');
      expect($(el, '[data-tag="incident-response"]')!.textContent).to.contain('declared');
      // vpn was earned, not declared: it stays.
      expect(has(el, '[data-tag="vpn"]')).to.equal(true);
      expect($(el, '.message')!.textContent).to.equal('Saved.');
      await waitUntil(() => root(el).activeElement?.classList.contains('edit-skills'), 'focus did not return to "Edit skills"');
    });

    it('a failed save keeps every chip and what is typed, and says why', async () => {
      const api = mock({ me: mira, fail: { setSkills: { status: 503, title: 'Service Unavailable', times: 1 } } });
      const el = await loaded(await render(api));
      button(el, 'Edit skills').click();
      await waitUntil(() => root(el).activeElement?.id === 'skill-input');
      await sendKeys({ type: 'observability, on-call' });
      button(el, 'Save').click();
      await waitUntil(() => $(el, '#skill-error')!.textContent!.trim() !== '', 'no reason given');
      expect($(el, '#skill-error')!.textContent).to.match(/^Not saved: /);
      const chips = [...root(el).querySelectorAll('.skills-editor .chip')].map((c) => c.textContent!.replace(/[×\s#]/g, ''));
      expect(chips).to.deep.equal(['kubernetes', 'terraform', 'observability', 'on-call']);
      // Saving again (the server is back) sends all of it.
      button(el, 'Save').click();
      await waitUntil(() => !has(el, '.skills-editor'), 'the editor did not close');
      expect(api.calls('setSkills')[1]!.body).to.deep.equal({ tags: ['kubernetes', 'terraform', 'observability', 'on-call'] });
    });

    it('a tag that is not one says so, and Escape cancels', async () => {
      const el = await loaded(await render(mock({ me: mira })));
      button(el, 'Edit skills').click();
      await waitUntil(() => root(el).activeElement?.id === 'skill-input');
      await sendKeys({ type: '!!!' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => $(el, '#skill-error')!.textContent!.trim() !== '');
      expect($(el, '#skill-input')!.getAttribute('aria-invalid')).to.equal('true');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !has(el, '.skills-editor'), 'Escape did not cancel');
    });
  });

  describe('states', () => {
    it('an unknown handle, a hidden one and a malformed one read "not found" (the malformed without a request)', async () => {
      const api = mock({ hidden: ['aisha.okafor'] });
      for (const handle of ['nobody.here', 'aisha.okafor', '<script>', '']) {
        const el = await loaded(await render(api, handle));
        expect(text(el), handle).to.contain('No one with this name was found.');
      }
      expect(api.calls('personCard').map((r) => r.url.pathname)).to.deep.equal(['/api/v1/people/nobody.here', '/api/v1/people/aisha.okafor']);
    });

    it('loading: a skeleton and a status', async () => {
      const el = await render(mock({ pending: ['personCard'] }));
      await el.updateComplete;
      expect(has(el, '.skeleton')).to.equal(true);
      expect($(el, '[role="status"]')!.textContent).to.equal('Loading the person…');
    });

    it('an error says why, and Retry loads it', async () => {
      const el = await loaded(await render(mock({ fail: { personCard: { status: 500, title: 'Internal Server Error', times: 1 } } })));
      expect(text(el)).to.contain('This person could not be loaded.');
      button(el, 'Retry').click();
      await waitUntil(() => has(el, 'h2.name'), 'Retry did not load the card');
    });

    it('signed out: says so', async () => {
      const el = await loaded(await render(mock({ me: null })));
      expect(text(el)).to.contain('You are signed out.');
    });

    it('right to left: the mirror image, nothing sticking out at 320 px', async () => {
      const api = mock();
      const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <div dir="ltr"><hearth-person api=${api.api} token-url=${api.tokenUrl} handle="mira.lindqvist" lang="ar"></hearth-person></div>
        <div dir="rtl"><hearth-person api=${api.api} token-url=${api.tokenUrl} handle="mira.lindqvist" lang="ar"></hearth-person></div>
      </div>`);
      const [ltr, rtl] = [...wrap.querySelectorAll('hearth-person')] as HearthPerson[];
      await loaded(ltr!);
      await loaded(rtl!);
      for (const selector of ['.avatar', '.name', '.follow', '[data-tag="kubernetes"] .chip', '.recent a']) {
        const l = $(ltr!, selector)!.getBoundingClientRect();
        const r = $(rtl!, selector)!.getBoundingClientRect();
        const lBox = ltr!.getBoundingClientRect();
        const rBox = rtl!.getBoundingClientRect();
        expect(Math.abs(l.left - lBox.left - (rBox.right - r.right)), `${selector} is not mirrored`).to.be.below(1.5);
      }
      for (const el of [ltr!, rtl!]) {
        const box = el.getBoundingClientRect();
        const out = [...root(el).querySelectorAll('*')].filter((n) => {
          const r = n.getBoundingClientRect();
          return r.width > 0 && !n.closest('.vh') && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
        });
        expect(out.map((n) => n.className)).to.deep.equal([]);
      }
    });

    it('speaks French', async () => {
      const el = await loaded(await render(mock(), 'mira.lindqvist', { lang: 'fr' }));
      await waitUntil(() => text(el).includes('Suivre'), 'not in French');
      expect(text(el)).to.contain('Demander à Mira');
    });
  });

  describe('the hover and focus card on names', () => {
    class NamesHost extends HearthElement {
      protected override render() {
        return litHtml`<p style="margin: 0; padding: 8px">
          <button id="before">Before</button>
          <span class="name" role="button" tabindex="0" aria-haspopup="dialog" aria-expanded="false" data-hearth-person="mira.lindqvist">Mira Lindqvist</span>
          <a id="after" href="#after">After</a>
          <span class="avatar" data-hearth-person="nobody.here">NH</span>
        </p>`;
      }
    }
    if (!customElements.get('test-person-names')) customElements.define('test-person-names', NamesHost);

    async function host(api = mock()) {
      const el = await fixture<NamesHost>(html`<test-person-names api=${api.api} token-url=${api.tokenUrl} lang="en"></test-person-names>`);
      await el.updateComplete;
      return el;
    }
    const name = (el: HTMLElement) => $(el, '.name')!;

    it('keyboard: focus opens it, Tab goes into it, Tab past its end goes on, Escape closes it back to the name', async () => {
      const el = await host();
      $(el, '#before')!.focus();
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => openCard(), 'focus on the name did not open the card');
      const card = openCard()!;
      expect(name(el).getAttribute('aria-expanded')).to.equal('true');
      const box = card.parentElement!;
      expect(box.getAttribute('role')).to.equal('dialog');
      expect(box.getAttribute('aria-label')).to.equal('Mira Lindqvist');
      expect(root(el).getElementById(name(el).getAttribute('aria-describedby')!)!.textContent).to.contain('Escape to close');
      await loaded(card);
      await sendKeys({ press: 'Tab' });
      expect(root(card).activeElement?.textContent?.trim()).to.equal('Follow');
      await sendKeys({ press: 'Escape' });
      expect(openCard()).to.equal(null);
      expect(root(el).activeElement).to.equal(name(el));
      expect(name(el).getAttribute('aria-expanded')).to.equal('false');
      // Focus back on the name does not reopen it; Tab goes on past the card.
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement?.id).to.equal('after');
      expect(openCard()).to.equal(null);
    });

    it('keyboard: Enter on a name that is a button closes and opens its card', async () => {
      const el = await host();
      $(el, '#before')!.focus();
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => openCard(), 'focus did not open the card');
      await sendKeys({ press: 'Enter' });
      expect(openCard()).to.equal(null);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => openCard(), 'Enter did not open it again');
      expect(name(el).getAttribute('aria-expanded')).to.equal('true');
    });

    it('keyboard: Tab past the card’s last control goes to what follows the name', async () => {
      const el = await host();
      $(el, '#before')!.focus();
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => openCard());
      await loaded(openCard()!);
      await sendKeys({ press: 'Tab' }); // Follow
      await sendKeys({ press: 'Tab' }); // Ask Mira
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement?.id).to.equal('after');
      await waitUntil(() => !openCard(), 'the card stayed open');
    });

    it('pointer: resting on a name opens it, moving into the card keeps it, leaving both closes it', async () => {
      const el = await host();
      const target = name(el);
      target.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
      await waitUntil(() => openCard(), 'resting on the name did not open the card', { timeout: 3000 });
      const box = openCard()!.parentElement!;
      target.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, composed: true, relatedTarget: box }));
      box.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
      await new Promise((r) => setTimeout(r, 400));
      expect(openCard(), 'closed while the pointer was in it').not.to.equal(null);
      box.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, composed: true, relatedTarget: document.body }));
      await waitUntil(() => !openCard(), 'leaving both did not close it');
    });

    it('a click opens it (touch), on an unknown handle it reads "not found"', async () => {
      const el = await host();
      $(el, '.avatar')!.click();
      await waitUntil(() => openCard());
      await loaded(openCard()!);
      expect(text(openCard()!)).to.contain('No one with this name was found.');
    });

    it('at 320 px it stays inside the viewport', async () => {
      await setViewport({ width: 320, height: 640 });
      try {
        const el = await host();
        name(el).click();
        await waitUntil(() => openCard());
        const card = await loaded(openCard()!);
        await new Promise((r) => requestAnimationFrame(r));
        const r = card.parentElement!.getBoundingClientRect();
        expect(r.left).to.be.at.least(0);
        expect(r.right).to.be.at.most(320);
        expect(r.width).to.be.at.least(250);
        // Under the name, not over it.
        expect(r.top).to.be.at.least(name(el).getBoundingClientRect().bottom);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });

    it('names in ask-expert open it too', async () => {
      const api = mock();
      const ask = await fixture<HTMLElement>(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="experts" tags="kubernetes" lang="en"></hearth-ask-expert>`);
      const first = () => ask.shadowRoot!.querySelector<HTMLElement>('hearth-ask-expert-experts .author[data-hearth-person]');
      await waitUntil(first, 'no experts listed');
      first()!.click();
      await waitUntil(() => openCard(), 'no card');
      expect(openCard()!.handle).to.equal(first()!.dataset['hearthPerson']);
    });
  });
});
