/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import './define.ts';
import type { HearthAskExpert } from './hearth-ask-expert.ts';
import meta, * as stories from './hearth-ask-expert.stories.ts';
import { MockApi, useMockApi } from '../testing/mock-api.ts';
import { makeQuestion, sampleExperts, sampleQuestions } from '../testing/mock-questions.ts';
import '../testing/mock-questions.ts';
import { askStrings } from './strings.ts';

/*
 * Issue #13, point 4 in ask-expert: with `href-template`, the lists' titles link to the page the
 * template names, and on that page the widget opens the question (or the answer) its URL names,
 * with the way back; Back returns.
 */

interface Attrs {
  hrefTemplate?: string;
  view?: string;
  lang?: string;
  dir?: string;
  theme?: string;
  /** Space above the widget, so that bringing an answer into view has to scroll the page. */
  above?: number;
}

function mock(questions = sampleQuestions()): MockApi {
  return useMockApi(new MockApi({ data: { questions: { questions, experts: sampleExperts() } } }));
}

async function render(api: MockApi, attrs: Attrs = {}): Promise<HearthAskExpert> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${attrs.lang ?? 'en'} dir=${attrs.dir ?? 'ltr'}>
    <div style="height: ${attrs.above ?? 0}px"></div>
    <hearth-ask-expert
      api=${api.api}
      token-url=${api.tokenUrl}
      view=${attrs.view ?? 'questions'}
      theme=${ifDefined(attrs.theme)}
      href-template=${ifDefined(attrs.hrefTemplate)}
    ></hearth-ask-expert>
  </div>`);
  return wrapper.querySelector('hearth-ask-expert')!;
}

const $ = <T extends Element = HTMLElement>(el: HearthAskExpert, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const heading = (el: HearthAskExpert) => textOf($(el, 'hearth-ask-expert-question h2'));
const back = (el: HearthAskExpert) => $<HTMLButtonElement>(el, '[part="back"]');
const param = (name: string) => new URL(window.location.href).searchParams.get(name);

async function opened(el: HearthAskExpert, title: string): Promise<void> {
  await waitUntil(() => heading(el).includes(title), `the question “${title}” never opened`);
}

async function listed(el: HearthAskExpert): Promise<void> {
  await waitUntil(() => $(el, '[part="list"] [data-question]'), 'the list never showed');
}

describe('<hearth-ask-expert> href-template', () => {
  const start = window.location.href;
  afterEach(() => {
    history.replaceState(null, '', start);
    window.scrollTo(0, 0);
  });

  it('opens the question the page’s URL names, with the way back', async () => {
    history.replaceState(null, '', '?question=2&tab=help');
    const el = await render(mock(), { hrefTemplate: '?question={id}&tab=help' });
    await opened(el, 'Which VPN client works on Linux laptops?');
    expect($(el, '[part="list"]')).to.equal(null);
    expect(textOf(back(el))).to.contain('Back to the questions');
  });

  it('an answer’s URL opens its question with that answer in view', async () => {
    history.replaceState(null, '', '?kind=answer&id=41&parent=4');
    const el = await render(mock(), { hrefTemplate: '?kind={kind}&id={id}&parent={parentId}', above: 4000 });
    await opened(el, 'How do we rotate the Kubernetes secrets');
    await waitUntil(() => $(el, '#answer-41'), 'the answer never showed');
    await waitUntil(() => {
      const box = $(el, '#answer-41')!.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    }, 'the answer is not in view');
  });

  it('a URL that names no question shows the usual view, whose titles link to the template', async () => {
    history.replaceState(null, '', '?tab=help');
    const el = await render(mock(), { hrefTemplate: '?question={id}&tab=help' });
    await listed(el);
    expect($(el, 'hearth-ask-expert-question')).to.equal(null);
    expect(back(el)).to.equal(null);
    const link = $<HTMLAnchorElement>(el, '[part="list"] a[data-question="2"]')!;
    expect(new URL(link.href).search).to.equal('?question=2&tab=help');
  });

  it('without a template the titles stay buttons that open in place', async () => {
    const el = await render(mock());
    await listed(el);
    expect($(el, '[part="list"] a[data-question]')).to.equal(null);
    $<HTMLButtonElement>(el, 'button[data-question="3"]')!.click();
    await opened(el, 'quarterly business review');
    expect(param('question')).to.equal(null);
  });

  it('a click on a title opens the question in place as a new history entry; Back returns to the list', async () => {
    history.replaceState(null, '', '?tab=help');
    const el = await render(mock(), { hrefTemplate: '?question={id}&tab=help' });
    await listed(el);
    const length = history.length;
    $<HTMLAnchorElement>(el, 'a[data-question="3"]')!.click();
    await opened(el, 'quarterly business review');
    expect(param('question')).to.equal('3');
    expect(history.length).to.equal(length + 1);
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, 'hearth-ask-expert-question h2'), 'focus is not on the question');
    history.back();
    await listed(el);
    expect(param('question')).to.equal(null);
    expect($(el, 'hearth-ask-expert-question')).to.equal(null);
  });

  it('"Back to the questions" leaves by a new history entry to the tab it came from, and Back opens it again', async () => {
    history.replaceState(null, '', '?question=1&tab=help');
    const el = await render(mock(), { hrefTemplate: '?question={id}&tab=help', view: 'mine' });
    await opened(el, 'staging Kubernetes cluster');
    expect($(el, '[role="tablist"]')).to.equal(null);
    back(el)!.click();
    await waitUntil(() => $(el, '#tab-mine[aria-selected="true"]'), 'the tab it came from is not back');
    expect(param('question')).to.equal(null);
    expect(param('tab')).to.equal('help');
    history.back();
    await opened(el, 'staging Kubernetes cluster');
  });

  it('the inbox’s titles link to the template too', async () => {
    history.replaceState(null, '', '?tab=help');
    const el = await render(mock(), { hrefTemplate: '?question={id}&tab=help', view: 'mine' });
    await waitUntil(() => $(el, '.inbox a[data-question]'), 'the inbox never showed');
    const link = $<HTMLAnchorElement>(el, '.inbox a[data-question]')!;
    const id = link.dataset['question'];
    link.click();
    await waitUntil(() => $(el, 'hearth-ask-expert-question h2'), 'the question never opened');
    expect(param('question')).to.equal(id);
  });

  it('a link to another page is followed, not opened here', async () => {
    history.replaceState(null, '', '?tab=help');
    const el = await render(mock(), { hrefTemplate: '/elsewhere/help?question={id}' });
    await listed(el);
    const link = $<HTMLAnchorElement>(el, 'a[data-question="2"]')!;
    expect(new URL(link.href).pathname).to.equal('/elsewhere/help');
    // Stop the navigation the browser would make, after the widget has had its say.
    let prevented: boolean | null = null;
    const stop = (event: Event) => {
      prevented = event.defaultPrevented;
      event.preventDefault();
    };
    window.addEventListener('click', stop);
    try {
      link.click();
    } finally {
      window.removeEventListener('click', stop);
    }
    expect(prevented).to.equal(false);
    expect($(el, 'hearth-ask-expert-question')).to.equal(null);
  });

  it('an unknown id shows the not-found state', async () => {
    history.replaceState(null, '', '?question=999&tab=help');
    const el = await render(mock(), { hrefTemplate: '?question={id}&tab=help' });
    await waitUntil(() => textOf(el.shadowRoot).includes('This question does not exist'), 'no not-found state');
    expect(back(el)).not.to.equal(null);
  });

  it('a question that is not on the list is still opened by its URL', async () => {
    history.replaceState(null, '', '?question=77');
    const el = await render(mock([...sampleQuestions(), makeQuestion({ id: 77, title: 'A question far down the list' })]), { hrefTemplate: '?question={id}' });
    await opened(el, 'A question far down the list');
  });

  it('says the way back in four languages, and points it the reading way', async () => {
    history.replaceState(null, '', '?question=2');
    const words = new Set<string>();
    for (const lang of ['en', 'fr', 'de', 'es']) {
      const el = await render(mock(), { hrefTemplate: '?question={id}', lang, dir: lang === 'de' ? 'rtl' : 'ltr' });
      await waitUntil(() => back(el) && heading(el), `${lang}: the question never opened`);
      const said = textOf(back(el));
      expect(said, lang).to.contain(askStrings.t(lang, 'back'));
      expect(said.startsWith(lang === 'de' ? '→' : '←'), lang).to.equal(true);
      words.add(askStrings.t(lang, 'back'));
    }
    expect(words.size).to.equal(4);
  });

  it('the opened question with the way back is accessible, light and dark', async () => {
    history.replaceState(null, '', '?question=4');
    for (const theme of ['light', 'dark']) {
      const el = await render(mock(), { hrefTemplate: '?question={id}', theme });
      await opened(el, 'How do we rotate');
      await waitUntil(() => $(el, '#answer-41'));
      if (theme === 'dark') document.body.style.background = '#000';
      try {
        await expect(el).to.be.accessible();
      } finally {
        document.body.style.background = '';
      }
    }
  });

  it('the list of links is accessible', async () => {
    const el = await render(mock(), { hrefTemplate: '?question={id}' });
    await listed(el);
    await expect(el).to.be.accessible();
  });

  it('the story opens the question its URL names', async () => {
    const story = stories.Linked;
    const args = { ...meta.args, ...story.args };
    const renderStory = story.render as unknown as (args: unknown, context: unknown) => ReturnType<typeof html>;
    const canvas = await fixture<HTMLElement>(html`<div>${renderStory(args, { args, parameters: meta.parameters })}</div>`);
    const el = canvas.querySelector('hearth-ask-expert')!;
    await opened(el, 'How do we rotate');
    expect(textOf(back(el))).to.contain('Back to the questions');
    expect(new URL(window.location.href).hash).to.equal('#question=4');
  });
});
