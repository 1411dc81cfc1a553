/// <reference types="mocha" />
/**
 * What a designer saw in the screenshots, measured: the ranked tag list's alignment and row
 * heights, meta lines whose middle dots never dangle at a line's end (or start), the community
 * card's sparkline, today's point and initials, secondary text sizes, the contrast of form
 * field borders, one look for buttons that are not available yet, tag suggestions that leave
 * the Post button in view, the opened question's spacing following the density, and tags that stay
 * readable under the mouse pointer, selected or not.
 *
 * Geometry is read from the rendered widgets (getBoundingClientRect, ranges over text), never
 * from the style sheets, so a different way to the same look passes and the old look fails.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import './editor/define.ts';
import './moderation/define.ts';
import { sampleModeration } from './testing/mock-moderation.ts';
import { MockApi, samplePeople, useMockApi } from './testing/mock-api.ts';
import { makeActivity, makeCommunity } from './testing/mock-communities.ts';
import type { MockTagsData } from './testing/mock-tags.ts';
import { type WidgetName, find, i18nApi, loaded, mount, unmountAll, widget } from './testing/i18n-fixtures.ts';
import { $selectedTag } from './runtime/stores.ts';

type Lit = HTMLElement & { updateComplete: Promise<unknown> };

const api = i18nApi();

/** Mounts a widget `width` px wide (in a container with `attributes`) and waits for its data. */
async function shown(name: WidgetName, template = widget(name, api), width = 320, attributes: Record<string, string> = {}): Promise<Lit> {
  const el = find(mount(template, { style: `width: ${width}px`, ...attributes }), name) as Lit;
  await waitUntil(() => loaded(el, name), `the ${name} never loaded`);
  await el.updateComplete;
  return el;
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const box = (node: Element) => node.getBoundingClientRect();

/** The content area of an element's text: its first line, or all of it. */
function textRect(node: Element, first = true): DOMRect {
  const range = document.createRange();
  range.selectNodeContents(node);
  return (first && range.getClientRects()[0]) || range.getBoundingClientRect();
}

// ---- Colours and contrast --------------------------------------------------------------------

const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;

/** Any CSS colour (rgb(), color(srgb ...), color-mix results) as sRGB bytes and alpha. */
function rgba(color: string): [number, number, number, number] {
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillStyle = color;
  canvas.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(rgba(a)), luminance(rgba(b))];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The opaque background an element is drawn on (its own, else its nearest ancestor's). */
function backgroundOf(start: Element | null): string {
  for (let node = start; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const color = getComputedStyle(node).backgroundColor;
    if (rgba(color)[3] === 1) return color;
  }
  return getComputedStyle(document.body).backgroundColor;
}

// ---- The tests --------------------------------------------------------------------------------

describe('what the screenshots showed', () => {
  afterEach(async () => {
    unmountAll();
    // What one test typed must not come back as a draft in the next.
    for (const key of Object.keys(localStorage)) if (key.startsWith('hearth:draft:')) localStorage.removeItem(key);
    $selectedTag.set(null);
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('the ranked list of tags', () => {
    const list = () => html`<hearth-tag-cloud api=${api.api} token-url=${api.tokenUrl} variant="list"></hearth-tag-cloud>`;

    /**
     * The baseline of a row's rank, a ::before that no range can reach: its box is found by
     * hit testing (only the pseudo-element takes the pointer), its baseline from its font.
     */
    function rankBaseline(el: HTMLElement, li: HTMLElement): number {
      const root = el.shadowRoot!;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('.list li { pointer-events: none } .list li::before { pointer-events: auto }');
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      const row = box(li);
      const x = row.left + 2;
      const hits: number[] = [];
      for (let y = Math.floor(row.top); y <= row.bottom; y += 0.25) if (root.elementFromPoint(x, y) === li) hits.push(y);
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
      expect(hits, 'the rank was not found').to.not.be.empty;
      const style = getComputedStyle(li, '::before');
      const { ascent, descent } = metrics(style);
      const height = hits.at(-1)! - hits[0]! + 0.25;
      const lineHeight = style.lineHeight === 'normal' ? ascent + descent : parseFloat(style.lineHeight);
      expect(Math.abs(height - lineHeight), 'the rank box is one line high').to.be.below(1.5);
      return hits[0]! + (lineHeight - ascent - descent) / 2 + ascent;
    }

    function metrics(style: CSSStyleDeclaration) {
      canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const m = canvas.measureText('0');
      return { ascent: m.fontBoundingBoxAscent, descent: m.fontBoundingBoxDescent };
    }

    for (const width of [320, 600]) {
      it(`at ${width} px each rank sits on its tag name's baseline (within 1 px)`, async () => {
        const el = await shown('cloud', list(), width);
        for (const li of $$(el, 'ol > li')) {
          const name = li.querySelector('.name')!;
          const nameBaseline = textRect(name).top + metrics(getComputedStyle(name)).ascent;
          expect(Math.abs(rankBaseline(el, li) - nameBaseline), `rank of #${name.textContent}`).to.be.at.most(1);
        }
      });

      it(`at ${width} px trending rows are as tall as the others, their growth beside the count`, async () => {
        const el = await shown('cloud', list(), width);
        const heights = $$(el, 'ol > li').map((li) => box(li).height);
        expect(heights.length).to.equal(2);
        expect(Math.max(...heights) - Math.min(...heights), `row heights ${heights.join(', ')}`).to.be.at.most(0.5);
        const trending = $(el, '.tag.trending');
        const [growth, count, label] = ['.growth', '.count', '.label'].map((s) => box(trending.querySelector(s)!));
        // On the name's line, beside the count (before it), not over it.
        expect(growth!.top).to.be.below(count!.bottom);
        expect(growth!.bottom).to.be.above(count!.top);
        expect(growth!.bottom).to.be.at.most(label!.bottom + 1);
        expect(growth!.right).to.be.at.most(count!.left);
        expect(growth!.left).to.be.at.least(label!.right);
        // The counts still line up, trending or not.
        const counts = $$(el, '.count').map((c) => box(c).right);
        expect(Math.abs(counts[0]! - counts[1]!)).to.be.at.most(0.5);
      });
    }
  });

  describe('lines of facts with middle dots', () => {
    /** Where a middle dot can appear: the elements that hold a line of facts. */
    const SCOPES = '.meta, .role, .when, .sub, .count, .facts';

    interface Glyph {
      ch: string;
      rect: DOMRect;
    }

    /** Whether `rect` is cut away by an ancestor of `from` that clips its inline overflow. */
    function clipped(from: Element, rect: DOMRect): boolean {
      for (let node: Element | null = from; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.overflowX === 'visible') continue;
        const r = box(node);
        if (rect.right <= r.left + 0.5 || rect.left >= r.right - 0.5) return true;
      }
      return false;
    }

    /** Every visible character of `scope`, one box each. */
    function glyphs(scope: Element): Glyph[] {
      const out: Glyph[] = [];
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement!;
        if (parent.closest('.vh')) continue;
        const text = node.textContent!;
        for (let i = 0; i < text.length; i += 1) {
          if (/\s/.test(text[i]!)) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.width && !clipped(parent, rect)) out.push({ ch: text[i]!, rect });
        }
      }
      return out;
    }

    /** The innermost line of facts around each middle dot in the widget. */
    function scopes(el: HTMLElement): Set<Element> {
      const found = new Set<Element>();
      // Posts and the opened question render into the widget's shadow root: all are reached.
      const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const scope = node.textContent!.includes('·') ? node.parentElement!.closest(SCOPES) : null;
        if (scope) found.add(scope);
      }
      return found;
    }

    /** Each visible dot that has no word before it, or none after it, on its own line. */
    function dangling(el: HTMLElement, width: number): string[] {
      const found: string[] = [];
      for (const scope of scopes(el)) {
        const rtl = getComputedStyle(scope).direction === 'rtl';
        const all = glyphs(scope);
        for (const dot of all.filter((g) => g.ch === '·')) {
          const line = all.filter((g) => g.ch !== '·' && g.rect.top < dot.rect.bottom && g.rect.bottom > dot.rect.top);
          const left = line.some((g) => g.rect.right <= dot.rect.left + 0.5);
          const right = line.some((g) => g.rect.left >= dot.rect.right - 0.5);
          const [before, after] = rtl ? [right, left] : [left, right];
          if (!before || !after) {
            found.push(`${width} px: "${scope.textContent!.replace(/\s+/g, ' ').trim()}" has a dot ${before ? 'ending' : 'starting'} a line`);
          }
        }
      }
      return found;
    }

    /** Narrows the widget's container step by step, from 640 px down to 240 px. */
    function sweep(el: HTMLElement): string[] {
      const container = el.parentElement!;
      const found: string[] = [];
      let dots = 0;
      for (let width = 640; width >= 240; width -= 4) {
        container.style.width = `${width}px`;
        dots += [...scopes(el)].reduce((n, s) => n + (s.textContent!.match(/·/g)?.length ?? 0), 0);
        found.push(...dangling(el, width));
      }
      expect(dots, 'no dotted line was found').to.be.above(0);
      return [...new Set(found)].slice(0, 8);
    }

    const long = { id: 90, handle: 'kelechi', name: 'Kelechi Okonkwo', title: 'Site Reliability Engineer', department: 'Engineering' };

    for (const dir of ['ltr', 'rtl']) {
      it(`[${dir}] the feed's author titles and times never end or start a line with a dot`, async () => {
        const feedApi = useMockApi(
          new MockApi({ posts: [{ ...api.posts[0]!, author: long, editedAt: api.posts[0]!.createdAt, community: { slug: 'it-help', name: 'IT Help', visibility: 'open' } }] }),
        );
        const el = await shown('feed', html`<hearth-feed api=${feedApi.api} token-url=${feedApi.tokenUrl}></hearth-feed>`, 320, { dir });
        expect(sweep(el)).to.deep.equal([]);
      });

      it(`[${dir}] the community card's activity, posts and compact line never end or start a line with a dot`, async () => {
        const card = await shown('card', undefined, 320, { dir });
        expect(sweep(card)).to.deep.equal([]);
        const restricted = makeCommunity({ visibility: 'restricted', joinPolicy: 'request', membership: 'manager', memberCount: 12_345 });
        const compactApi = useMockApi(new MockApi({ data: { communities: [restricted] } }));
        const compact = find(
          mount(html`<hearth-community-card api=${compactApi.api} token-url=${compactApi.tokenUrl} community="engineering" compact></hearth-community-card>`, {
            dir,
          }),
          'card',
        );
        await waitUntil(() => compact.shadowRoot?.querySelector('.card:not(.skeleton) .sub'), 'the compact card never loaded');
        expect(sweep(compact)).to.deep.equal([]);
      });

      it(`[${dir}] ask-expert's question lines, roles and expert facts never end or start a line with a dot`, async () => {
        const questions = await shown('ask', undefined, 320, { dir });
        expect(sweep(questions)).to.deep.equal([]);
        const experts = find(
          mount(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="experts" tags="kubernetes"></hearth-ask-expert>`, { dir, style: 'width: 320px' }),
          'ask',
        );
        await waitUntil(() => experts.shadowRoot?.querySelector('.person .facts'), 'no experts');
        expect(sweep(experts)).to.deep.equal([]);
        // The opened question: asker, time and community.
        $(questions, '[data-question="1"]').click();
        await waitUntil(() => questions.shadowRoot!.querySelector('hearth-ask-expert-question .detail .meta'), 'the question never opened');
        expect(sweep(questions)).to.deep.equal([]);
      });
    }

    it('a screen reader does not read the dots, and the text still copies with them', async () => {
      const el = await shown('card');
      const count = $(el, '.activity .count');
      expect(count.textContent!.replace(/\s+/g, ' ').trim()).to.equal('42 posts · 9 active members');
      for (const dot of count.querySelectorAll('.dot')) expect(dot.getAttribute('aria-hidden')).to.equal('true');
      expect(count.querySelectorAll('.dot').length).to.equal(1);
    });
  });

  describe('the community card', () => {
    it('in a narrow column, where the sparkline has a line of its own, it spans that line, not three quarters of it', async () => {
      const el = await shown('card');
      let alone = 0;
      // 288 px is the card in the screenshots' 320 px page.
      for (let width = 400; width >= 240; width -= 4) {
        el.parentElement!.style.width = `${width}px`;
        const svg = box($(el, '.activity svg'));
        const figures = box($(el, '.activity p'));
        if (figures.top < svg.bottom) continue;
        alone += 1;
        expect(svg.width, `at ${width} px`).to.be.at.least(box($(el, '.activity')).width - 1);
      }
      expect(alone, 'the sparkline never had a line of its own').to.be.above(5);
    });

    it('at 600 px the sparkline stays beside the figures, the smaller of the two', async () => {
      const el = await shown('card', undefined, 600);
      const svg = box($(el, '.activity svg'));
      const figures = box($(el, '.activity p'));
      expect(svg.top).to.be.below(figures.bottom);
      expect(svg.width).to.be.below(figures.width);
    });

    it('today, which is not over, does not end the line in a cliff: the line stops at yesterday and today is a lighter dashed stub', async () => {
      const daily = [...Array(29).fill(6), 0];
      const cardApi = useMockApi(new MockApi({ posts: api.posts, data: { communities: [makeCommunity({ activity: makeActivity({ daily }) })] } }));
      const el = await shown('card', html`<hearth-community-card api=${cardApi.api} token-url=${cardApi.tokenUrl} community="engineering"></hearth-community-card>`);
      const svg = $(el, '.activity svg');
      const line = svg.querySelector<SVGPathElement>('.line')!;
      const points = line.getAttribute('d')!.match(/[ML][\d.]+,[\d.]+/g)!;
      expect(points.length).to.equal(29);
      // Flat to the end: no drop in the solid line.
      expect(new Set(points.map((p) => p.split(',')[1])).size).to.equal(1);
      expect(svg.querySelector('.area')!.getAttribute('d')).to.not.contain('L100');
      const today = svg.querySelector<SVGPathElement>('.today')!;
      expect(today.getAttribute('d')).to.match(/L100\.0,29\.0$/);
      // Really drawn: an SVG path in the sparkline (a <path> from an html template is not).
      expect(today instanceof SVGPathElement, 'today is an SVG path').to.equal(true);
      expect(box(today).width).to.be.above(1);
      const style = getComputedStyle(today);
      expect(style.strokeDasharray).to.not.equal('none');
      expect(Number(style.opacity)).to.be.below(1);
      // What it says is unchanged: all 30 days.
      expect(svg.getAttribute('aria-label')).to.equal('174 posts in the last 30 days, 9 active members');
    });

    it('initials keep clear of their circle: at most 60 % of its width, two thirds for the widest pair', async () => {
      const person = (id: number, name: string) => ({ id, handle: `p${id}`, name, title: null, department: null });
      const community = makeCommunity({ managers: [person(81, 'Sophie Wagner'), person(82, 'Mwangi Kiprono')], someMembers: [person(83, 'Mia Wong')] });
      const cardApi = useMockApi(new MockApi({ posts: api.posts, data: { communities: [community] } }));
      const el = await shown('card', html`<hearth-community-card api=${cardApi.api} token-url=${cardApi.tokenUrl} community="engineering"></hearth-community-card>`);
      const faces = $$(el, '.face');
      expect(faces.map((f) => f.textContent)).to.deep.equal(['SW', 'MK', 'MW']);
      for (const face of faces) {
        const text = textRect(face, false);
        const ratio = text.width / face.clientWidth;
        const most = face.textContent === 'MW' ? 2 / 3 : 0.6;
        expect(ratio, `${face.textContent}: ${text.width.toFixed(1)} px of ${face.clientWidth} px`).to.be.at.most(most);
        expect(text.height, `${face.textContent} is taller than its circle`).to.be.below(face.clientHeight * 0.6);
      }
    });
  });

  describe('ask-expert', () => {
    it('grey helper texts are one size: "Add tags to see who knows…" is the size of the form hints', async () => {
      const el = find(mount(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="ask" debounce="0"></hearth-ask-expert>`), 'ask') as Lit;
      await waitUntil(() => el.shadowRoot?.querySelector('.hint') && el.shadowRoot.querySelector('p.muted'), 'the form never showed');
      const size = (node: Element) => getComputedStyle(node).fontSize;
      const hints = $$(el, '.hint').map(size);
      expect(new Set(hints).size).to.equal(1);
      expect(size($(el, 'p.muted'))).to.equal(hints[0]);
      expect(getComputedStyle($(el, 'p.muted')).color).to.equal(getComputedStyle($(el, '.hint')).color);
    });

    it('the opened question spaces itself by the density, like the rest of the widget', async () => {
      const el = await shown('ask', undefined, 600);
      $(el, '[data-question="1"]').click();
      await waitUntil(() => el.shadowRoot!.querySelector('hearth-ask-expert-question .answers-head'), 'the question never opened');
      const read = () => {
        const head = getComputedStyle($(el, '.answers-head'));
        return [head.marginTop, head.paddingTop, head.columnGap, getComputedStyle($(el, '.answer-form')).marginTop, getComputedStyle($(el, '.answer.accepted')).paddingInlineStart];
      };
      const normal = read().map(parseFloat);
      el.style.setProperty('--hearth-density', '2');
      const roomy = read().map(parseFloat);
      roomy.forEach((value, i) => expect(value, `value ${i}`).to.be.closeTo(2 * normal[i]!, 0.1));
    });
  });

  describe('tags under the mouse pointer', () => {
    afterEach(() => resetMouse());

    /** The pointer really over `node` (a :hover a script cannot fake), at its centre. */
    async function hover(node: HTMLElement): Promise<void> {
      const r = box(node);
      await sendMouse({ type: 'move', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
      expect(node.matches(':hover'), `the pointer is not over #${node.dataset['tag']}`).to.equal(true);
    }

    /** Each text of a tag (name, count, growth) against the background it is drawn on. */
    function readability(tag: HTMLElement): string[] {
      return [...tag.querySelectorAll<HTMLElement>('.name, .count, .growth')].map((text) => {
        const ratio = contrast(getComputedStyle(text).color, backgroundOf(text));
        return `#${tag.dataset['tag']} ${tag.getAttribute('aria-pressed') === 'true' ? 'selected' : 'not selected'} .${text.className}: ${ratio.toFixed(2)}`;
      });
    }
    const weak = (list: string[]) => list.filter((line) => Number(line.split(': ')[1]) < 4.5);

    for (const scheme of ['light', 'dark'] as const) {
      for (const variant of ['cloud', 'list'] as const) {
        it(`[${scheme}, ${variant}] the selected tag keeps its look and 4.5:1 text under the pointer, and so do the others`, async () => {
          await emulateMedia({ colorScheme: scheme });
          const el = await shown('cloud', html`<hearth-tag-cloud api=${api.api} token-url=${api.tokenUrl} variant=${variant}></hearth-tag-cloud>`, 600);
          $(el, '.tag[data-tag="kubernetes"]').click();
          await el.updateComplete;
          const selected = $(el, '.tag[aria-pressed="true"]');
          expect(selected.dataset['tag']).to.equal('kubernetes');
          const resting = getComputedStyle(selected).backgroundColor;
          const found: string[] = [];
          for (const tag of $$(el, '.tag')) {
            await hover(tag);
            found.push(...readability(tag));
          }
          expect(found.length).to.be.at.least(4);
          expect(weak(found), found.join('; ')).to.deep.equal([]);
          // In the dark scheme, really dark.
          expect(luminance(rgba(backgroundOf($(el, '.root'))))).to.be[scheme === 'dark' ? 'below' : 'above'](0.5);
          // Under the pointer still the selected look (the accent), not the plain hover background.
          await hover(selected);
          const hovered = getComputedStyle(selected).backgroundColor;
          expect(contrast(hovered, backgroundOf($(el, '.root'))), `${hovered} does not stand out as selected`).to.be.at.least(3);
          expect(contrast(hovered, resting), `${hovered} vs ${resting} at rest`).to.be.below(1.5);
        });
      }
    }
  });

  describe('form fields', () => {
    /** Each field's border against its own background and the one around it. */
    function borders(el: HTMLElement, selector: string): string[] {
      return $$(el, selector).map((field) => {
        const style = getComputedStyle(field);
        expect(style.borderTopStyle, `${field.localName}#${field.id}`).to.equal('solid');
        const border = style.borderTopColor;
        const ratio = Math.min(contrast(border, backgroundOf(field)), contrast(border, backgroundOf(field.parentElement)));
        return `${field.localName}${field.id ? `#${field.id}` : `.${field.className}`}: ${ratio.toFixed(2)}`;
      });
    }
    const weak = (list: string[]) => list.filter((line) => Number(line.split(': ')[1]) < 3);

    for (const scheme of ['light', 'dark'] as const) {
      it(`[${scheme}] text fields, the tag field and selects have a border of at least 3:1 in every widget and the configurator`, async () => {
        await emulateMedia({ colorScheme: scheme });
        const feed = await shown('feed', html`<hearth-feed api=${api.api} token-url=${api.tokenUrl} compose></hearth-feed>`, 600);
        await waitUntil(() => feed.shadowRoot!.querySelector('textarea'), 'no composer');
        const ask = find(mount(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="ask"></hearth-ask-expert>`), 'ask');
        await waitUntil(() => ask.shadowRoot?.querySelector('#title'), 'no form');
        const editor = mount(html`<hearth-configurator api=${api.api} token-url=${api.tokenUrl}></hearth-configurator>`).firstElementChild as Lit;
        await waitUntil(() => editor.shadowRoot?.querySelector('select, input[type="text"]') && editor.shadowRoot.querySelector('textarea'), 'no configurator');
        const found = [...borders(feed, 'textarea'), ...borders(ask, '#title, #body, .tag-field'), ...borders(editor, 'input[type="text"], input[type="number"], select, textarea')];
        expect(found.length).to.be.at.least(6);
        // In the dark scheme, really dark.
        expect(luminance(rgba(backgroundOf(ask.shadowRoot!.querySelector('#title'))))).to.be[scheme === 'dark' ? 'below' : 'above'](0.5);
        expect(weak(found), found.join('; ')).to.deep.equal([]);
      });
    }
  });

  describe('buttons that are not available yet', () => {
    for (const scheme of ['light', 'dark'] as const) {
      it(`[${scheme}] the feed's Post, ask-expert's Ask and the card's Request pending look the same when not available: neutral, opaque, readable`, async () => {
        await emulateMedia({ colorScheme: scheme });
        const feed = await shown('feed', html`<hearth-feed api=${api.api} token-url=${api.tokenUrl} compose></hearth-feed>`, 600);
        await waitUntil(() => feed.shadowRoot!.querySelector('.composer-bar button.primary'), 'no composer');
        const ask = find(mount(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="ask"></hearth-ask-expert>`), 'ask') as Lit;
        await waitUntil(() => ask.shadowRoot?.querySelector('.bar button.primary'), 'no form');
        const cardApi = useMockApi(new MockApi({ posts: api.posts, data: { communities: [makeCommunity({ joinPolicy: 'request', membership: 'pending' })] } }));
        const card = await shown('card', html`<hearth-community-card api=${cardApi.api} token-url=${cardApi.tokenUrl} community="engineering"></hearth-community-card>`);
        const post = $(feed, '.composer-bar button.primary');
        const askButton = $(ask, '.bar button.primary');
        const pending = $(card, '.membership .act');
        expect(pending.textContent!.trim()).to.equal('Request pending');
        const looks = [post, askButton, pending].map((button) => {
          const style = getComputedStyle(button);
          return { disabled: button.getAttribute('aria-disabled'), opacity: style.opacity, background: style.backgroundColor, color: style.color, border: style.borderTopColor };
        });
        expect(looks[0]).to.deep.equal(looks[1]);
        expect(looks[0]).to.deep.equal(looks[2]);
        const look = looks[0]!;
        expect(look.disabled).to.equal('true');
        expect(look.opacity).to.equal('1');
        // Neutral: not a washed-out accent.
        const [r, g, b] = rgba(look.background);
        expect(Math.max(r, g, b) - Math.min(r, g, b), look.background).to.be.at.most(12);
        expect(contrast(look.color, look.background), `${look.color} on ${look.background}`).to.be.at.least(4.5);

        // Typing a title long enough makes Ask ready: the primary look again.
        const title = ask.shadowRoot!.querySelector<HTMLInputElement>('#title')!;
        title.value = 'Where is the SOC 2 report?';
        title.dispatchEvent(new Event('input'));
        await ask.updateComplete;
        expect(askButton.getAttribute('aria-disabled')).to.equal('false');
        expect(getComputedStyle(askButton).backgroundColor).to.not.equal(look.background);
      });
    }

    it('pressing Ask on an empty form still says what is missing', async () => {
      const ask = find(mount(html`<hearth-ask-expert api=${api.api} token-url=${api.tokenUrl} view="ask"></hearth-ask-expert>`), 'ask') as Lit;
      await waitUntil(() => ask.shadowRoot?.querySelector('.bar button.primary'), 'no form');
      $(ask, '.bar button.primary').click();
      await waitUntil(() => $(ask, '#title-error').textContent!.trim(), 'no error');
      expect(ask.shadowRoot!.activeElement?.id).to.equal('title');
    });
  });

  describe('tag suggestions in a narrow feed', () => {
    const known = [
      { name: 'security', posts: 66 },
      { name: 'signin', posts: 33 },
      { name: 'staging', posts: 25 },
      { name: 'servicedesk', posts: 24 },
      { name: 'survey', posts: 23 },
      { name: 'shipit', posts: 22 },
      { name: 'salestips', posts: 21 },
      { name: 'singapore', posts: 17 },
    ];

    for (const width of [320, 640]) {
      it(`at ${width} px the open list leaves the character count and the Post button in view`, async () => {
        const tagApi = useMockApi(new MockApi({ posts: api.posts, data: { tags: { known } satisfies MockTagsData } }));
        const feed = await shown('feed', html`<hearth-feed api=${tagApi.api} token-url=${tagApi.tokenUrl} compose></hearth-feed>`, width);
        await waitUntil(() => feed.shadowRoot!.querySelector('textarea'), 'no composer');
        feed.shadowRoot!.querySelector('textarea')!.focus();
        await sendKeys({ type: 'Thanks to the team! #s' });
        await waitUntil(() => feed.shadowRoot!.querySelectorAll('[role="option"]').length === 8, 'the suggestions never opened');
        const list = box($(feed, '[role="listbox"]'));
        const post = $(feed, '.composer-bar button.primary');
        const overlaps = (r: DOMRect) => r.left < list.right && r.right > list.left && r.top < list.bottom && r.bottom > list.top;
        expect(overlaps(box(post)), 'the list covers Post').to.equal(false);
        if (width === 320) expect(overlaps(box($(feed, '.composer-bar .count'))), 'the list covers the count').to.equal(false);
        // And what is on top at the button's centre is the button.
        const b = box(post);
        expect(feed.shadowRoot!.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2)).to.equal(post);
      });
    }
  });

  describe('the moderation queue', () => {
    /**
     * What sticks out of the widget sideways: elements, and each line of text (a box can fit while
     * the text in it runs past it). The visually hidden live regions and the middle dots (clipped
     * on purpose, see runtime/dots.ts) aside.
     */
    const outside = (el: Element) => {
      const host = box(el);
      const out = (r: DOMRect) => r.width > 0 && (r.left < host.left - 0.5 || r.right > host.right + 0.5);
      const where = (r: DOMRect) => `${Math.round(r.left - host.left)}..${Math.round(r.right - host.left)} of ${Math.round(host.width)}`;
      const elements = $$(el, '*')
        .filter((node) => !node.closest('.vh, .dot') && out(box(node)))
        .map((node) => `${node.localName}.${[...node.classList].join('.')}: ${where(box(node))}`);
      const texts: string[] = [];
      const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim() || node.parentElement?.closest('.vh, .dot')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of [...range.getClientRects()].filter(out)) texts.push(`"${node.textContent.trim().slice(0, 30)}": ${where(r)}`);
      }
      return [...elements, ...texts];
    };
    for (const scheme of ['light', 'dark'] as const) {
      it(`[${scheme}] at 320 px every tab fits: no text, button or field sticks out of the widget`, async () => {
        await emulateMedia({ colorScheme: scheme });
        const admin = useMockApi(new MockApi({ me: samplePeople[3]!, data: { moderation: sampleModeration() } }));
        const container = mount(html`<hearth-moderation api=${admin.api} token-url=${admin.tokenUrl}></hearth-moderation>`, { style: 'width: 320px' });
        const el = container.querySelector('hearth-moderation') as Lit;
        for (const tab of ['open', 'hidden', 'closed', 'keywords', 'audit']) {
          await waitUntil(() => el.shadowRoot?.querySelector(`#tab-${tab}`), 'no tabs');
          $(el, `#tab-${tab}`).click();
          await waitUntil(() => el.shadowRoot!.querySelector('.item, .keyword, .entry') && !el.shadowRoot!.querySelector('.skeleton-list'), `the ${tab} tab never loaded`);
          await el.updateComplete;
          // Every long text shown whole too.
          for (const more of $$(el, '.link-button[aria-expanded="false"]')) more.click();
          await el.updateComplete;
          expect(outside(el), `the ${tab} tab`).to.deep.equal([]);
        }
      });
    }
  });
});
