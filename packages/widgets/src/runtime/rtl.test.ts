/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { type TemplateResult, html } from 'lit';
import { $selectedTag } from './stores.ts';
import { type WidgetName, find, i18nApi, loaded, mount, unmountAll, widget } from '../testing/i18n-fixtures.ts';

/*
 * Right to left: each widget inside <div dir="rtl" lang="ar"> (English words: there is no Arabic
 * pack, which is fine) is the mirror image of the same widget left to right, at 600 px and at
 * 320 px, and nothing in it sticks out of its box.
 *
 * The check is by twins: the same widget, on the same data, once `dir="ltr"` and once
 * `dir="rtl"` (both `lang="ar"`, so the text is the same). An element's distance from the
 * widget's right edge in RTL must equal its twin's distance from the left edge in LTR.
 */

const api = i18nApi();

type Case = { name: WidgetName; label: string; template: () => TemplateResult; ready: (el: HTMLElement) => boolean; mirrored: string[] };

const ask = (view: string) => () =>
  html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view=${view} tags="kubernetes" debounce="0"></hearth-ask-expert>`;

const CASES: Case[] = [
  {
    name: 'feed',
    label: 'the feed',
    template: () => widget('feed', api),
    ready: (el) => loaded(el, 'feed'),
    mirrored: ['article > .head > .avatar', 'article .author', 'article .when', '.actions > button', '.likes'],
  },
  {
    name: 'cloud',
    label: 'the tag cloud',
    template: () => widget('cloud', api),
    ready: (el) => loaded(el, 'cloud'),
    mirrored: ['.head .title', '.head .window', '.tag', '.legend'],
  },
  {
    name: 'cloud',
    label: 'the ranked list of tags',
    template: () => html`<hearth-tag-cloud api=${api.api} token-url=${api.tokenUrl} variant="list"></hearth-tag-cloud>`,
    ready: (el) => loaded(el, 'cloud'),
    mirrored: ['.tag .label', '.tag .count', '.bar', '.bar > span'],
  },
  {
    name: 'card',
    label: 'the community card',
    template: () => widget('card', api),
    ready: (el) => loaded(el, 'card'),
    mirrored: ['h2', '.badge', '.membership button', '.face', '.members .count', '.activity svg', '.posts .author'],
  },
  {
    name: 'card',
    label: 'the compact community card',
    template: () => html`<hearth-community-card api=${api.api} token-url=${api.tokenUrl} community="engineering" compact></hearth-community-card>`,
    ready: (el) => !!el.shadowRoot?.querySelector('.card:not(.skeleton) .act'),
    mirrored: ['h2', '.sub', '.membership button'],
  },
  {
    name: 'ask',
    label: 'the list of questions',
    template: () => widget('ask', api),
    ready: (el) => loaded(el, 'ask'),
    mirrored: ['.toggle button', '.item .title', '.item .badge'],
  },
  {
    name: 'ask',
    label: 'the people who know',
    template: ask('experts'),
    ready: (el) => !!el.shadowRoot?.querySelector('.person .avatar'),
    mirrored: ['.person .avatar', '.person .author', '.person .facts .chip'],
  },
  {
    name: 'ask',
    label: 'the question form',
    template: ask('ask'),
    ready: (el) => !!el.shadowRoot?.querySelector('.person .avatar') && !!el.shadowRoot?.querySelector('#title'),
    mirrored: ['label[for="title"]', '#title', '.chips .chip', '.bar button', '.person .avatar'],
  },
  {
    name: 'moderation',
    label: 'the moderation queue',
    template: () => widget('moderation', api),
    ready: (el) => loaded(el, 'moderation'),
    mirrored: ['[role="tab"]', '.item .avatar', '.item h3', '.item .meta time', '.reports .label', '.reports .chip', '[part~="actions"] button'],
  },
];

/** The same markup, once left to right and once right to left, `width` px wide. */
async function twins(c: Case, width: number) {
  const style = `width: ${width}px`;
  const ltrRoot = mount(c.template(), { dir: 'ltr', lang: 'ar', style });
  const rtlRoot = mount(c.template(), { dir: 'rtl', lang: 'ar', style });
  const ltr = find(ltrRoot, c.name);
  const rtl = find(rtlRoot, c.name);
  await waitUntil(() => c.ready(ltr) && c.ready(rtl), `${c.label} never loaded`);
  await Promise.all([ltr, rtl].map((el) => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
  return { ltr, rtl };
}

function boxes(el: HTMLElement, selector: string): DOMRect[] {
  return [...el.shadowRoot!.querySelectorAll(selector)].map((node) => node.getBoundingClientRect()).filter((r) => r.width > 0);
}

/** Where the elements `selector` are not the mirror image of their LTR twins (empty: all are). */
function unmirrored(ltr: HTMLElement, rtl: HTMLElement, selector: string): string[] {
  const l = boxes(ltr, selector);
  const r = boxes(rtl, selector);
  if (l.length === 0) return [`${selector}: not found`];
  if (l.length !== r.length) return [`${selector}: ${l.length} left to right, ${r.length} right to left`];
  const lBox = ltr.getBoundingClientRect();
  const rBox = rtl.getBoundingClientRect();
  const wrong: string[] = [];
  l.forEach((a, i) => {
    const b = r[i]!;
    const fromStartLtr = a.left - lBox.left;
    const fromStartRtl = rBox.right - b.right;
    if (Math.abs(fromStartLtr - fromStartRtl) > 1 || Math.abs(a.width - b.width) > 1 || Math.abs(a.top - lBox.top - (b.top - rBox.top)) > 1) {
      wrong.push(`${selector} #${i}: ${fromStartLtr.toFixed(1)} px from the left in LTR, ${fromStartRtl.toFixed(1)} px from the right in RTL`);
    }
  });
  return wrong;
}

/** Elements of the widget that reach out of its box, left or right. */
function overflowing(el: HTMLElement): string[] {
  const box = el.getBoundingClientRect();
  return [...el.shadowRoot!.querySelectorAll('*')]
    .filter((node) => {
      const r = node.getBoundingClientRect();
      return r.width > 0 && !node.closest('.vh') && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
    })
    .map((node) => `${node.localName}.${String(node.className)}: "${node.textContent?.trim().slice(0, 30)}"`);
}

describe('right to left', () => {
  afterEach(() => {
    unmountAll();
    $selectedTag.set(null);
  });

  for (const width of [600, 320]) {
    for (const c of CASES) {
      it(`${c.label} at ${width} px is the mirror image of its left-to-right self, and nothing sticks out`, async () => {
        const { ltr, rtl } = await twins(c, width);
        expect(rtl.matches(':dir(rtl)')).to.equal(true);
        expect(c.mirrored.flatMap((selector) => unmirrored(ltr, rtl, selector))).to.deep.equal([]);
        expect(overflowing(rtl), 'right to left').to.deep.equal([]);
        expect(overflowing(ltr), 'left to right').to.deep.equal([]);
        expect(rtl.shadowRoot!.querySelector('[part="base"]')!.scrollWidth).to.be.at.most(rtl.getBoundingClientRect().width);
      });
    }
  }

  it('the feed puts the avatar to the right of the author’s name, and the first action at the right', async () => {
    const { rtl } = await twins(CASES[0]!, 600);
    const $ = (s: string) => rtl.shadowRoot!.querySelector(s)!.getBoundingClientRect();
    expect($('article > .head > .avatar').left).to.be.at.least($('article .author').right);
    const [like, reply] = boxes(rtl, '.actions > button');
    expect(like!.left).to.be.at.least(reply!.right);
  });

  it('the tag cloud starts at the right edge and flows to the left', async () => {
    const { rtl } = await twins(CASES[1]!, 600);
    const box = rtl.getBoundingClientRect();
    const [first, second] = boxes(rtl, '.tag');
    expect(box.right - first!.right).to.be.lessThan(first!.left - box.left);
    expect(box.right - first!.right).to.be.lessThan(24);
    expect(second!.right).to.be.at.most(first!.left);
  });

  it('the community card puts its title at the right and its button row at the left', async () => {
    const { rtl } = await twins(CASES[3]!, 600);
    const $ = (s: string) => rtl.shadowRoot!.querySelector(s)!.getBoundingClientRect();
    expect($('.membership').right).to.be.at.most($('.title').left);
    expect($('h2').right).to.be.greaterThan($('.membership').right);
    // The faces overlap towards the end: each one starts left of the one before it.
    const faces = boxes(rtl, '.face');
    for (let i = 1; i < faces.length; i += 1) expect(faces[i]!.right).to.be.lessThan(faces[i - 1]!.right);
  });

  it('ask-expert lists All before Unanswered from the right, and the back arrow points right', async () => {
    const { rtl } = await twins(CASES[5]!, 600);
    const [all, unanswered] = boxes(rtl, '.toggle button');
    expect(all!.left).to.be.at.least(unanswered!.right);
    rtl.shadowRoot!.querySelector<HTMLElement>('[data-question="1"]')!.click();
    await waitUntil(() => rtl.shadowRoot!.querySelector('.back'), 'the question did not open');
    expect(rtl.shadowRoot!.querySelector('.back')!.textContent!.trim()).to.match(/^→ /);
  });

  it('moderation runs its tabs from the right (To review first), puts the avatar right of the heading and Hide right of Dismiss', async () => {
    const { rtl } = await twins(CASES[8]!, 600);
    const tabs = boxes(rtl, '[role="tab"]');
    const names = [...rtl.shadowRoot!.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent!.trim());
    expect(names).to.deep.equal(['To review', 'Hidden', 'Closed']);
    for (let i = 1; i < tabs.length; i += 1) expect(tabs[i]!.right, `${names[i]} left of ${names[i - 1]}`).to.be.at.most(tabs[i - 1]!.left);
    const box = rtl.getBoundingClientRect();
    expect(box.right - tabs[0]!.right, 'the first tab at the right edge').to.be.lessThan(tabs[0]!.left - box.left);
    const $ = (s: string) => rtl.shadowRoot!.querySelector(s)!.getBoundingClientRect();
    expect($('.item .avatar').left).to.be.at.least($('.item h3').right);
    const [hide, dismiss] = boxes(rtl, '[part~="actions"] button');
    expect(hide!.left).to.be.at.least(dismiss!.right);
  });

  it('moderation’s reason form is the mirror image of its left-to-right self', async () => {
    const { ltr, rtl } = await twins(CASES[8]!, 600);
    for (const el of [ltr, rtl]) el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="actions"] button.hide')!.click();
    await waitUntil(() => [ltr, rtl].every((el) => el.shadowRoot!.querySelector('[part~="reason-form"] textarea')), 'the reason form never opened');
    await Promise.all([ltr, rtl].map((el) => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
    expect(['[part~="reason-form"] label', '[part~="reason-form"] textarea', '[part~="reason-form"] button'].flatMap((s) => unmirrored(ltr, rtl, s))).to.deep.equal([]);
    const [hide, cancel] = boxes(rtl, '[part~="reason-form"] button');
    expect(hide!.left).to.be.at.least(cancel!.right);
    expect(overflowing(rtl)).to.deep.equal([]);
  });

  it('the feed indents replies from the right', async () => {
    const { ltr, rtl } = await twins(CASES[0]!, 600);
    for (const el of [ltr, rtl]) el.shadowRoot!.querySelector<HTMLButtonElement>('.actions > button[aria-controls$="-replies"]')!.click();
    await waitUntil(() => [ltr, rtl].every((el) => el.shadowRoot!.querySelectorAll('.replies article').length === 2), 'the replies never came');
    expect(unmirrored(ltr, rtl, '.replies')).to.deep.equal([]);
    expect(unmirrored(ltr, rtl, '.replies article .avatar')).to.deep.equal([]);
  });

  it('the feed’s tag filter keeps its wide padding before the words', async () => {
    const { ltr, rtl } = await twins(CASES[0]!, 600);
    $selectedTag.set('kubernetes');
    await waitUntil(() => [ltr, rtl].every((el) => el.shadowRoot!.querySelector('.filter button') && loaded(el, 'feed')), 'no filter');
    expect(unmirrored(ltr, rtl, '.filter [role="status"]')).to.deep.equal([]);
    expect(unmirrored(ltr, rtl, '.filter button')).to.deep.equal([]);
  });
});
