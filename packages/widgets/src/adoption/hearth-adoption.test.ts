/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
// Registers window.axe for `to.be.accessible()`.
import 'axe-core/axe.min.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Adoption } from '@hearth/contracts';
import './define.ts';
import type { HearthAdoption } from './hearth-adoption.ts';
import type { HearthAdoptionChangeEvent } from './events.ts';
import { toCsv } from './csv.ts';
import { MockApi, type MockApiOptions, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { emptyAdoption, sampleAdoption } from '../testing/mock-adoption.ts';

const [mira, jonas, , tom] = samplePeople;

function mock(options: MockApiOptions = {}): MockApi {
  return useMockApi(new MockApi({ me: tom, data: { adoption: sampleAdoption({ today: '2026-12-07' }) }, ...options }));
}

async function render(api: MockApi, attrs: { community?: string; weeks?: number; lang?: string } = {}): Promise<HearthAdoption> {
  return fixture<HearthAdoption>(html`<hearth-adoption
    api=${api.api}
    token-url=${api.tokenUrl}
    community=${ifDefined(attrs.community)}
    weeks=${ifDefined(attrs.weeks)}
    lang=${ifDefined(attrs.lang)}
  ></hearth-adoption>`);
}

const $ = (el: HearthAdoption, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: HearthAdoption, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Waits until the figures are shown (and, for an admin, the targets form's chunk). */
async function loaded(options: MockApiOptions = {}, attrs: { community?: string; weeks?: number; lang?: string } = {}) {
  const api = mock(options);
  const el = await render(api, attrs);
  await waitUntil(() => $(el, '.tiles li.tile') || $(el, '.state:not(.skeleton)'), 'the figures never came');
  if (api.me?.roles.includes('admin')) await waitUntil(() => $(el, '.targets-form'), 'the targets form never came');
  await el.updateComplete;
  return { api, el };
}

/** Captures what the widget hands the browser as a file. */
async function download(button: HTMLElement): Promise<{ text: string; file: string }> {
  const created = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  let blob: Blob | null = null;
  let file = '';
  URL.createObjectURL = (b: Blob | MediaSource) => ((blob = b as Blob), 'blob:test');
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    file = this.download;
  };
  try {
    button.click();
  } finally {
    URL.createObjectURL = created;
    HTMLAnchorElement.prototype.click = click;
  }
  expect(blob, 'no file').to.not.equal(null);
  const content = (await blob!.text()).replace(/^\ufeff/, '');
  return { text: content, file };
}

describe('<hearth-adoption>', () => {
  describe('for an admin', () => {
    it('shows this week against the targets, met or not in words and a mark, not by colour alone', async () => {
      const { el } = await loaded();
      const tiles = $$(el, '.tiles li.tile');
      expect(tiles).to.have.length(8);
      const [active, contributing, executives, unanswered, tagged] = tiles;
      // The last week of the sample: 460 readers (+40 interacting) of 1,200; 400 contributors.
      expect(text(active!)).to.include('Interacting').and.include('41.7%').and.include('Target: 38%').and.include('Target met');
      expect(text(contributing!)).to.include('33.3%').and.include('400 of 1,200').and.include('Target met');
      expect(text(executives!)).to.include('20.8%').and.include('5 of 24').and.include('Target not met');
      expect(text(unanswered!)).to.include('16%').and.include('Target: at most 20%').and.include('Target met');
      expect(text(tagged!)).to.include('82%').and.include('Target met');
      for (const tile of [active, contributing, unanswered, tagged]) expect(tile!.querySelector('.verdict svg.mark'), 'a mark beside the words').to.exist;
      expect(executives!.classList.contains('missed')).to.equal(true);
    });

    it('draws each figure week by week with a title, and the table holds the same numbers', async () => {
      const { el } = await loaded();
      const charts = $$(el, '.chart-box');
      expect(charts.map((c) => c.dataset['kpi'])).to.deep.equal([
        'activeShare', 'contributorShare', 'executiveContributorShare', 'unansweredAfter48hShare', 'taggedPostShare', 'contributions',
      ]);
      const table = $(el, 'table[data-table="weeks"]')!;
      const headings = [...table.querySelectorAll('thead th')].map((th) => text(th));
      const rows = [...table.querySelectorAll('tbody tr')];
      expect(rows).to.have.length(12);
      for (const box of charts) {
        const svg = box.querySelector('svg')!;
        expect(svg.getAttribute('role')).to.equal('img');
        const title = svg.querySelector('title')!;
        expect(text(title)).to.match(/week by week, last 12 weeks|per week, last 12 weeks/);
        expect(svg.getAttribute('aria-labelledby')).to.include(title.id);
        const drawn = [...svg.querySelectorAll('.point')].map((p) => p.getAttribute('data-value'));
        const column = headings.indexOf(text(box.querySelector('.label')!.firstChild!.parentElement!).replace(/ \S+$/, ''));
        expect(column, `a column for ${box.dataset['kpi']}`).to.be.greaterThan(0);
        expect(drawn, box.dataset['kpi']).to.deep.equal(rows.map((r) => text(r.children[column]!)));
      }
      // Each point says its week and value in words, as the table's row does.
      const first = $(el, '.chart-box[data-kpi="contributorShare"] .point title');
      expect(text(first)).to.equal(`Week to ${text(rows[0]!.children[0]!)}: ${text(rows[0]!.children[headings.indexOf('Contributing')]!)}`);
    });

    it('downloads every table as CSV, quoting and defusing what a spreadsheet would run', async () => {
      const { el } = await loaded();
      const sections = $$(el, 'section[data-table]').map((s) => s.dataset['table']);
      expect(sections).to.deep.equal(['departments', 'communities', 'placements', 'inactive', 'executives']);
      const buttons = $$(el, 'button[part="download"]');
      expect(buttons).to.have.length(6, 'the weekly table and the five sections');
      const weeks = await download($(el, '.numbers button[part="download"]')!);
      expect(weeks.file).to.match(/^hearth-adoption-weeks-\d{4}-\d{2}-\d{2}\.csv$/);
      const lines = weeks.text.trimEnd().split('\r\n');
      expect(lines[0]).to.equal('Week to,Interacting,Contributing,Executives contributing,Unanswered after 48 h,Posts with a tag,Contributions,Posts,Replies,Questions,Answers');
      expect(lines).to.have.length(13);
      const data: Adoption = sampleAdoption({ today: '2026-12-07' });
      const last = data.weeks.at(-1)!;
      expect(lines[12]).to.equal([
        last.end, Math.round(last.activeShare! * 1e4) / 1e4, Math.round(last.contributorShare! * 1e4) / 1e4,
        Math.round(last.executiveContributorShare! * 1e4) / 1e4, last.unansweredAfter48hShare, last.taggedPostShare,
        last.posts + last.replies + last.questions + last.answers, last.posts, last.replies, last.questions, last.answers,
      ].join(','));
      const communities = await download($(el, 'section[data-table="communities"] button[part="download"]')!);
      expect(communities.text).to.include(`"'=Summer party, ""2024""",open,95,0,0,0,0,0,,inactive\r\n`);
      const inactive = await download($(el, 'section[data-table="inactive"] button[part="download"]')!);
      expect(inactive.text.split('\r\n')[0], 'no Actions column in the file').to.equal('Community,Members,Last contribution');
      const executives = await download($(el, 'section[data-table="executives"] button[part="download"]')!);
      expect(executives.text).to.include('Lars Berg,Sales,\r\n');
    });

    it('archives an inactive community after a confirmation, then lists it no more', async () => {
      const { api, el } = await loaded();
      const section = () => $(el, 'section[data-table="inactive"]')!;
      expect([...section().querySelectorAll('tbody th')].map(text)).to.deep.equal(['Office move 2023', 'Book club', '=Summer party, "2024"']);
      const archive = section().querySelector<HTMLButtonElement>('button[part="archive"]')!;
      expect(archive.getAttribute('aria-label')).to.equal('Archive Office move 2023');
      archive.click();
      await el.updateComplete;
      await waitUntil(() => el.shadowRoot!.activeElement?.closest('.confirm'), 'the focus moves to the confirmation');
      expect(text(section().querySelector('.confirm p'))).to.include('Archive Office move 2023?');
      expect(api.calls('archiveCommunity')).to.have.length(0);
      const changes: Array<[string, string | null]> = [];
      el.addEventListener('hearth-adoption-change', (e) => changes.push([e.change, e.community]));
      section().querySelector<HTMLButtonElement>('.confirm button.danger')!.click();
      await waitUntil(() => ![...section().querySelectorAll('tbody th')].some((th) => text(th) === 'Office move 2023'), 'still listed');
      expect(changes).to.deep.equal([['archive', 'office-move-2023']]);
      expect(api.calls('archiveCommunity').map((r) => r.url.pathname)).to.deep.equal(['/api/v1/communities/office-move-2023/archive']);
      expect(text($(el, '.said[role="status"]'))).to.equal('Office move 2023 was archived.');
    });

    it('says why an archive failed and keeps the community', async () => {
      const { el } = await loaded({ fail: { archiveCommunity: { status: 409, title: 'Conflict', detail: 'Office move 2023 is busy.' } } });
      const section = $(el, 'section[data-table="inactive"]')!;
      section.querySelector<HTMLButtonElement>('button[part="archive"]')!.click();
      await el.updateComplete;
      section.querySelector<HTMLButtonElement>('.confirm button.danger')!.click();
      await waitUntil(() => section.querySelector('.message[role="alert"]'), 'no message');
      expect(text(section.querySelector('.message'))).to.equal('Office move 2023 could not be archived. Office move 2023 is busy.');
      expect([...section.querySelectorAll('tbody th')].map(text)).to.include('Office move 2023');
    });

    it('lists the executives who have not posted this month', async () => {
      const { el } = await loaded();
      const rows = [...$(el, 'section[data-table="executives"]')!.querySelectorAll('tbody tr')].map((r) => [...r.children].map(text));
      expect(rows).to.deep.equal([
        ['Aisha Okafor', 'Executive Office', 'Oct 28'],
        ['Lars Berg', 'Sales', 'Never'],
        ['Nora Haddad', 'Operations', 'Nov 4'],
      ]);
    });

    it('checks the targets before sending, says what is wrong, and saves them', async () => {
      const { api, el } = await loaded();
      const form = $(el, '.targets-form') as HTMLFormElement;
      const input = (kpi: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`#target-${kpi}`)!;
      expect(input('activeShare').value).to.equal('38');
      const type = (kpi: string, value: string) => {
        input(kpi).value = value;
        input(kpi).dispatchEvent(new Event('input'));
      };
      type('contributorShare', '');
      type('taggedPostShare', '120');
      form.requestSubmit();
      await waitUntil(() => form.querySelector('.message[role="alert"]'), 'no summary');
      expect(text(form.querySelector('.message'))).to.equal('Fix 2 fields to save.');
      expect(input('contributorShare').getAttribute('aria-invalid')).to.equal('true');
      expect(text(el.shadowRoot!.getElementById(input('contributorShare').getAttribute('aria-describedby')!))).to.equal('Enter a percentage.');
      expect(text(el.shadowRoot!.getElementById(input('taggedPostShare').getAttribute('aria-describedby')!))).to.equal('Enter a number from 0 to 100.');
      await waitUntil(() => el.shadowRoot!.activeElement === input('contributorShare'), 'the first wrong field gets the focus');
      expect(api.calls('setAdoptionTargets')).to.have.length(0);

      const saved: HearthAdoptionChangeEvent[] = [];
      el.addEventListener('hearth-adoption-change', (e) => saved.push(e));
      type('contributorShare', '35,5');
      type('taggedPostShare', '90');
      form.requestSubmit();
      await waitUntil(() => api.calls('setAdoptionTargets').length === 1 && text(form.querySelector('[role="status"]')) !== '', 'never saved');
      expect(api.calls('setAdoptionTargets')[0]!.body).to.deep.equal({
        activeShare: 0.38, contributorShare: 0.355, executiveContributorShare: 0.3, unansweredAfter48hShare: 0.2, taggedPostShare: 0.9,
      });
      expect(text(form.querySelector('[role="status"]'))).to.equal('The targets were saved.');
      expect(saved.map((e) => [e.change, e.targets?.taggedPostShare])).to.deep.equal([['targets', 0.9]]);
      // The tiles judge against the new targets.
      await waitUntil(() => text($$(el, '.tiles li.tile')[1]!).includes('Target: 35.5%'), 'the tiles kept the old target');
      expect(text($$(el, '.tiles li.tile')[4]!)).to.include('Target: 90%').and.include('Target not met');
    });

    it('keeps what was typed when saving fails, and says why', async () => {
      const { el } = await loaded({ fail: { setAdoptionTargets: { status: 503, title: 'Service Unavailable', detail: 'Hearth is restarting.' } } });
      const form = $(el, '.targets-form') as HTMLFormElement;
      const field = el.shadowRoot!.querySelector<HTMLInputElement>('#target-activeShare')!;
      field.value = '45';
      field.dispatchEvent(new Event('input'));
      form.requestSubmit();
      await waitUntil(() => form.querySelector('.message[role="alert"]'), 'no message');
      expect(text(form.querySelector('.message'))).to.include('The targets could not be saved.').and.include('Hearth is restarting.');
      expect(field.value).to.equal('45');
    });

    it('is accessible, the numbers table open', async () => {
      const { el } = await loaded();
      ($(el, 'details.numbers') as HTMLDetailsElement).open = true;
      await expect(el).to.be.accessible();
    });

    it('lets the keyboard reach every table to scroll it', async () => {
      const { el } = await loaded();
      for (const region of $$(el, '.scroll')) {
        expect(region.tabIndex).to.equal(0);
        expect(region.getAttribute('role')).to.equal('region');
        expect(region.getAttribute('aria-label')).to.match(/, scrolls sideways$/);
      }
    });

    it('speaks French', async () => {
      const { el } = await loaded({}, { lang: 'fr' });
      await waitUntil(() => text($(el, 'h2')) === 'Adoption' && text($$(el, '.tiles li.tile')[0]!).includes('Objectif atteint'), 'not in French');
      expect(text($$(el, '.tiles li.tile')[0]!)).to.match(/41,7\s%/u);
    });
  });

  describe('for a community manager', () => {
    it('shows their communities without reading figures, pages, names of executives or Archive', async () => {
      const { el } = await loaded({ me: jonas, data: { adoption: sampleAdoption({ today: '2026-12-07', community: true }) } });
      expect(text($(el, '.header'))).to.include('Your communities');
      expect(text($$(el, '.tiles li.tile')[0]!)).to.include('Not counted per community');
      expect($(el, 'section[data-table="placements"]')).to.equal(null);
      expect($(el, 'section[data-table="executives"]')).to.equal(null);
      expect($(el, 'button[part="archive"]')).to.equal(null);
      expect(text($(el, 'section[data-table="inactive"]'))).to.include('Only admins archive communities.');
      expect($(el, '.targets-form')).to.equal(null);
      expect(customElements.get('hearth-adoption-targets') === undefined || !$(el, 'hearth-adoption-targets')).to.equal(true);
    });
  });

  describe('theme', () => {
    const rgba = (colour: string) => {
      const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
      return { r, g, b, a };
    };
    /** WCAG 2 relative luminance of an sRGB colour. */
    const luminance = (colour: string) => {
      const { r, g, b } = rgba(colour);
      const [R, G, B] = [r, g, b].map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    /** What an element's text is drawn on: the nearest painted box, out through shadow roots. */
    const backdrop = (start: Element): string => {
      for (let node: Element | null = start; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
        const colour = getComputedStyle(node).backgroundColor;
        if (rgba(colour).a > 0) return colour;
      }
      return 'rgb(255, 255, 255)';
    };

    // The headings and notes stand between the tiles and tables: on the widget, not the page.
    for (const [theme, page] of [['dark', 'rgb(255, 255, 255)'], ['light', 'rgb(17, 17, 17)']] as const) {
      it(`theme="${theme}" on a ${theme === 'dark' ? 'light' : 'dark'} page keeps its headings readable`, async () => {
        const { el } = await loaded();
        el.parentElement!.style.background = page;
        el.setAttribute('theme', theme);
        await el.updateComplete;
        const texts = $$(el, 'h2, h3, .header .meta');
        expect(texts.length, 'headings').to.be.greaterThan(4);
        const poor = texts
          .map((node) => ({ text: text(node), ratio: contrast(getComputedStyle(node).color, backdrop(node)) }))
          .filter(({ ratio }) => ratio < 4.5)
          .map(({ text: t, ratio }) => `${t}: ${ratio.toFixed(2)}:1`);
        expect(poor, 'text below 4.5:1 against what it is drawn on').to.deep.equal([]);
      });
    }
  });

  describe('states', () => {
    it('tells someone who is neither an admin nor a manager that the figures are not for them', async () => {
      const { el } = await loaded({ me: mira });
      expect(text($(el, '.state'))).to.include('Adoption figures are for admins and community managers.');
      expect($(el, '.tiles')).to.equal(null);
    });

    it('shows a skeleton while loading', async () => {
      const api = mock({ pending: ['adoption'] });
      const el = await render(api);
      await waitUntil(() => $(el, '.skeleton[aria-busy="true"]'), 'no skeleton');
      await waitUntil(() => text($(el, '.skeleton .vh')) === 'Loading the adoption figures…');
    });

    it('says nothing happened yet when nothing was read or written', async () => {
      const { el } = await loaded({ data: { adoption: emptyAdoption() } });
      expect(text($(el, '.state'))).to.include('Nothing to count yet');
      expect($(el, '.tiles')).to.equal(null);
    });

    it('says what failed, with Retry that works', async () => {
      const el = await render(mock({ fail: { adoption: { status: 500, title: 'Internal Server Error', detail: 'The database is restarting.', times: 1 } } }));
      await waitUntil(() => $(el, '.state[role="alert"]'), 'no error');
      expect(text($(el, '.state'))).to.include('The adoption figures could not be loaded.').and.include('The database is restarting.');
      $(el, '.state button')!.click();
      await waitUntil(() => $(el, '.tiles'), 'Retry did not load');
    });

    it('asks a signed-out person to sign in', async () => {
      const api = mock({ me: null });
      const el = await render(api);
      await waitUntil(() => text($(el, '.state')).includes('You are signed out'), 'not signed out');
    });

    it('asks for the weeks and the community it is given', async () => {
      const { api } = await loaded({}, { weeks: 4, community: 'engineering' });
      const query = api.calls('adoption')[0]!.url.searchParams;
      expect(query.get('weeks')).to.equal('4');
      expect(query.get('community')).to.equal('engineering');
    });
  });
});

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines'], ['=1+1', '+sum', '-x', '@cmd', -3, null, 0.25]])).to.equal(
      'a,"b,c","say ""hi""","two\nlines"\r\n\'=1+1,\'+sum,\'-x,\'@cmd,-3,,0.25\r\n',
    );
  });
});
