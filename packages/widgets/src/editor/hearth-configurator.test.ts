/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
// Registers window.axe for `to.be.accessible()`.
import 'axe-core/axe.min.js';
import type { CommunityList, TagCloudEntry } from '@hearth/contracts';
import './define.ts';
// The widgets, for the live preview (the editor page loads hearth.js for the same reason).
import '../hearth.ts';
import type { HearthConfigurator } from './hearth-configurator.ts';
import { escapeAttribute } from './snippets.ts';
import { MockApi, type MockApiOptions, addMockPlugin, json, useMockApi } from '../testing/mock-api.ts';
import '../testing/mock-tags.ts';
import '../testing/mock-moderation.ts';

const ORIGIN = 'https://hearth.example.com';

// The directory endpoint, as much of it as the configurator reads: slugs and names.
addMockPlugin({
  routes: [['GET', /^\/communities$/, 'listCommunities']],
  answer(api) {
    const items = (api.data['directory'] ?? []) as Array<{ slug: string; name: string }>;
    return json(200, { items } as unknown as CommunityList);
  },
});

const COMMUNITIES = [
  { slug: 'engineering', name: 'Engineering' },
  { slug: 'people-culture', name: 'People & Culture' },
  { slug: 'it-help', name: 'IT Help' },
];
const entry = (name: string, posts: number): TagCloudEntry => ({ name, posts, previousPosts: null, growth: null, trending: false });
const CLOUD = [entry('kubernetes', 40), entry('onboarding', 22), entry('mfa', 9)];

function mock(options: MockApiOptions = {}): MockApi {
  return useMockApi(
    new MockApi({
      ...options,
      data: { directory: COMMUNITIES, tags: { clouds: { all: CLOUD, '30': CLOUD } }, ...options.data },
    }),
  );
}

async function configurator(api: MockApi, widget?: string): Promise<HearthConfigurator> {
  const el = await fixture<HearthConfigurator>(
    html`<hearth-configurator origin=${ORIGIN} api=${api.api} token-url=${api.tokenUrl} widget=${widget ?? 'feed'}></hearth-configurator>`,
  );
  // The lists have answered (or failed) once the community control is a filled select or text.
  await waitUntil(() => {
    const control = field(el, 'Community');
    return control instanceof HTMLInputElement || (control instanceof HTMLSelectElement && control.options.length > 1);
  }, 'the lists never loaded');
  await el.updateComplete;
  return el;
}

const root = (el: HearthConfigurator) => el.shadowRoot!;

/** The control labelled `label` (by its <label for>). */
function field(el: HearthConfigurator, label: string): HTMLInputElement | HTMLSelectElement | null {
  const found = Array.from(root(el).querySelectorAll('label')).find((l) => l.textContent!.trim() === label);
  const id = found?.htmlFor;
  return id ? root(el).querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`) : null;
}

function labels(el: HearthConfigurator): string[] {
  const form = root(el).querySelector('form')!;
  const options = Array.from(form.querySelectorAll('fieldset.panel'))[1]!;
  return Array.from(options.querySelectorAll(':scope > .field:not(.set) > label, :scope > .field.set > legend')).map((l) => l.textContent!.trim());
}

async function setValue(el: HearthConfigurator, label: string, value: string): Promise<void> {
  const control = field(el, label);
  if (!control) throw new Error(`no control labelled ${label}`);
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  await el.updateComplete;
}

async function setChecked(control: HTMLInputElement, checked: boolean, el: HearthConfigurator): Promise<void> {
  control.checked = checked;
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function choose(el: HearthConfigurator, widgetLabel: string): Promise<void> {
  const radio = Array.from(root(el).querySelectorAll<HTMLInputElement>('input[type="radio"]')).find(
    (r) => r.closest('label')!.querySelector('.pick-name')!.textContent === widgetLabel,
  );
  if (!radio) throw new Error(`no widget ${widgetLabel}`);
  radio.click();
  await el.updateComplete;
}

const preview = (el: HearthConfigurator) => root(el).querySelector('.stage')!.firstElementChild as HTMLElement;
const snippet = (el: HearthConfigurator, which: 'script' | 'iframe') => root(el).querySelector<HTMLTextAreaElement>(`#${which}-snippet`)!;
const status = (el: HearthConfigurator, which: 'script' | 'iframe') =>
  snippet(el, which).parentElement!.querySelector('[role="status"]')!.textContent!.trim();

/** What a portal's browser makes of a snippet (parsed, never run). */
function parse(text: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><body>${text}`, 'text/html');
}

describe('<hearth-configurator>', () => {
  describe('choosing a widget', () => {
    it('starts with the feed, its options and a live <hearth-feed>', async () => {
      const el = await configurator(mock());
      expect(labels(el)).to.deep.equal(['Community', 'Tag', 'Author', 'Posts per page', 'Show the box to write a post', 'Show first', 'Keep the tag filter in the page’s address', 'New posts from colleagues', 'Link each post to']);
      expect(preview(el).localName).to.equal('hearth-feed');
      expect(snippet(el, 'script').value).to.contain('<hearth-feed compose></hearth-feed>');
    });

    it('choosing another widget changes the controls, the preview element and the snippets', async () => {
      const el = await configurator(mock());
      await choose(el, 'Tag cloud');
      expect(labels(el)).to.deep.equal(['Community', 'Time window', 'Tags at most', 'Look', 'Link each tag to']);
      expect(preview(el).localName).to.equal('hearth-tag-cloud');
      expect(snippet(el, 'script').value).to.contain('<hearth-tag-cloud></hearth-tag-cloud>');
      expect(snippet(el, 'iframe').value).to.contain(`src="${ORIGIN}/embed/tag-cloud"`);

      await choose(el, 'Community card');
      expect(labels(el)).to.deep.equal(['Community', 'Sections', 'Compact (one row, for a narrow sidebar)', 'Directory (every community, most active first)']);
      // The card needs a community: the preview waits for one, and says so.
      expect(root(el).querySelector('.stage')).to.equal(null);
      expect(root(el).querySelector('.preview')!.textContent).to.contain('Choose a community to see the community card.');
      await setValue(el, 'Community', 'engineering');
      expect(preview(el).localName).to.equal('hearth-community-card');
      expect(preview(el).getAttribute('community')).to.equal('engineering');

      await choose(el, 'Ask an expert');
      expect(labels(el)).to.deep.equal(['Topics (tags)', 'Community', 'Starts on', 'Link each question to']);
      expect(snippet(el, 'iframe').value).to.contain(`${ORIGIN}/embed/ask-expert`);
      // Until hearth.js defines an element, the preview says so instead of showing an empty box.
      if (customElements.get('hearth-ask-expert')) expect(preview(el).localName).to.equal('hearth-ask-expert');
      else expect(root(el).querySelector('.preview [part="note"]')!.textContent).to.contain('not available from this server yet');

      await choose(el, 'Moderation');
      expect(labels(el)).to.deep.equal(['Community']);
      expect(snippet(el, 'iframe').value).to.contain(`${ORIGIN}/embed/moderation`);
      expect(preview(el).localName).to.equal('hearth-moderation');
      await setValue(el, 'Community', 'engineering');
      expect(preview(el).getAttribute('community')).to.equal('engineering');

      await choose(el, 'Adoption');
      expect(labels(el)).to.deep.equal(['Community', 'Weeks of trends']);
      expect(snippet(el, 'iframe').value).to.contain(`${ORIGIN}/embed/adoption`);
      if (customElements.get('hearth-adoption')) expect(preview(el).localName).to.equal('hearth-adoption');
    });

    it('each widget keeps its own settings when the editor switches back, and the look is shared', async () => {
      const el = await configurator(mock());
      await setValue(el, 'Posts per page', '7');
      await setValue(el, 'Colours', 'dark');
      await choose(el, 'Tag cloud');
      expect(preview(el).getAttribute('page-size')).to.equal(null);
      expect(preview(el).getAttribute('theme')).to.equal('dark');
      await choose(el, 'Feed');
      expect((field(el, 'Posts per page') as HTMLInputElement).value).to.equal('7');
      expect(preview(el).getAttribute('page-size')).to.equal('7');
    });
  });

  describe('options', () => {
    it('lists the communities and tags from the API', async () => {
      const el = await configurator(mock());
      const select = field(el, 'Community') as HTMLSelectElement;
      expect(Array.from(select.options).map((o) => o.text)).to.deep.equal(['All communities', 'Engineering', 'IT Help', 'People & Culture']);
      const tag = field(el, 'Tag') as HTMLInputElement;
      expect(tag.list?.id).to.equal('tag-list');
      expect(Array.from(root(el).querySelectorAll('#tag-list option')).map((o) => (o as HTMLOptionElement).value)).to.deep.equal([
        'kubernetes',
        'mfa',
        'onboarding',
      ]);
    });

    it('changing an option updates the preview element’s attributes and both snippets', async () => {
      const el = await configurator(mock());
      await setValue(el, 'Community', 'engineering');
      await setValue(el, 'Tag', '#onboarding');
      await setValue(el, 'Posts per page', '5');
      await setChecked(field(el, 'Show the box to write a post') as HTMLInputElement, false, el);
      await setValue(el, 'Language', 'fr');

      const element = preview(el);
      expect(element.getAttribute('community')).to.equal('engineering');
      expect(element.getAttribute('tag')).to.equal('onboarding');
      expect(element.getAttribute('page-size')).to.equal('5');
      expect(element.hasAttribute('compose')).to.equal(false);
      expect(element.getAttribute('lang')).to.equal('fr');

      expect(snippet(el, 'script').value).to.equal(
        [
          `<script type="module" src="${ORIGIN}/widgets/hearth.js"></script>`,
          '<hearth-config token-url="/hearth-token"></hearth-config>',
          '<hearth-feed community="engineering" tag="onboarding" page-size="5" lang="fr"></hearth-feed>',
        ].join('\n'),
      );
      const frame = parse(snippet(el, 'iframe').value).querySelector('iframe')!;
      expect(frame.getAttribute('src')).to.equal(`${ORIGIN}/embed/feed?community=engineering&tag=onboarding&page-size=5&lang=fr`);
      expect(frame.title).to.equal('Feed – Engineering');
      expect(frame.getAttribute('loading')).to.equal('lazy');
      expect(parse(snippet(el, 'iframe').value).querySelector('script')!.getAttribute('src')).to.equal(`${ORIGIN}/widgets/embed-resize.js`);
    });

    it('leaves defaults out, and a number out of range is explained and not used', async () => {
      const el = await configurator(mock());
      await setValue(el, 'Posts per page', '20');
      expect(preview(el).hasAttribute('page-size')).to.equal(false);
      await setValue(el, 'Posts per page', '80');
      const input = field(el, 'Posts per page') as HTMLInputElement;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const error = root(el).getElementById(input.getAttribute('aria-describedby')!.split(' ').pop()!)!;
      expect(error.textContent).to.contain('from 1 to 50');
      expect(preview(el).hasAttribute('page-size')).to.equal(false);
      expect(snippet(el, 'script').value).not.to.contain('page-size');
    });

    it('the community card’s sections are checkboxes written in a fixed order', async () => {
      const el = await configurator(mock(), 'community-card');
      await setValue(el, 'Community', 'engineering');
      expect(preview(el).hasAttribute('show'), 'all sections is the default: no attribute').to.equal(false);
      expect(snippet(el, 'script').value).to.contain('<hearth-community-card community="engineering"></hearth-community-card>');
      const boxes = Array.from(root(el).querySelectorAll<HTMLInputElement>('fieldset.set input[type="checkbox"]'));
      expect(boxes.map((b) => b.checked)).to.deep.equal([true, true, true]);
      await setChecked(boxes[0]!, false, el);
      expect(preview(el).getAttribute('show')).to.equal('activity recent');
      await setChecked(boxes[2]!, false, el);
      await setChecked(boxes[1]!, false, el);
      expect(preview(el).getAttribute('show'), 'no section at all is a choice too').to.equal('');
      for (const box of boxes) await setChecked(box, true, el);
      expect(preview(el).hasAttribute('show')).to.equal(false);
    });

    it('a full token URL goes into the iframe too; a path only into the script tag, with a note why', async () => {
      const el = await configurator(mock());
      expect(snippet(el, 'iframe').value).not.to.contain('token-url');
      expect(root(el).querySelector('.snippets')!.textContent).to.contain('No token URL in the frame');
      await setValue(el, 'Your portal’s token URL', 'https://intranet.example.com/hearth-token');
      const src = parse(snippet(el, 'iframe').value).querySelector('iframe')!.getAttribute('src')!;
      expect(new URL(src).searchParams.get('token-url')).to.equal('https://intranet.example.com/hearth-token');
      expect(snippet(el, 'script').value).to.contain('<hearth-config token-url="https://intranet.example.com/hearth-token"></hearth-config>');
      // The preview keeps the editor page's own identity, never the portal's token URL.
      expect(preview(el).getAttribute('token-url')).to.equal(el.tokenUrl);
    });
  });

  describe('signed out', () => {
    it('says so and offers free text for the community', async () => {
      const el = await configurator(mock({ me: null }));
      expect(field(el, 'Community')).to.be.instanceOf(HTMLInputElement);
      expect(root(el).querySelector('#lists-note')!.textContent).to.contain('not signed in');
      await setValue(el, 'Community', 'engineering');
      expect(preview(el).getAttribute('community')).to.equal('engineering');
    });
  });

  describe('escaping', () => {
    it('a value with quotes and markup cannot break either snippet', async () => {
      const el = await configurator(mock({ me: null }));
      const nasty = `x" onload="alert(1)"><script>alert(2)</script>&amp;`;
      await setValue(el, 'Community', nasty);
      await setValue(el, 'Author', `'<b>`);
      await setValue(el, 'Your portal’s token URL', `/t"><img src=x onerror=alert(3)>`);

      expect(preview(el).getAttribute('community')).to.equal(nasty);
      const script = snippet(el, 'script').value;
      expect(script).to.contain(`community="${escapeAttribute(nasty)}"`);
      expect(script).not.to.contain('<script>alert');

      const page = parse(script);
      expect(page.querySelectorAll('script')).to.have.length(1);
      expect(page.querySelectorAll('img, b')).to.have.length(0);
      const feed = page.querySelector('hearth-feed')!;
      expect(feed.getAttribute('community')).to.equal(nasty);
      expect(feed.getAttribute('author')).to.equal(`'<b>`);
      expect(feed.getAttributeNames()).to.deep.equal(['community', 'author', 'compose']);
      expect(page.querySelector('hearth-config')!.getAttribute('token-url')).to.equal(`/t"><img src=x onerror=alert(3)>`);

      const framePage = parse(snippet(el, 'iframe').value);
      expect(framePage.querySelectorAll('iframe')).to.have.length(1);
      expect(framePage.querySelectorAll('script')).to.have.length(1);
      const src = new URL(framePage.querySelector('iframe')!.getAttribute('src')!);
      expect(src.searchParams.get('community')).to.equal(nasty);
      expect(framePage.querySelector('iframe')!.title).to.equal(`Feed – ${nasty}`);
    });
  });

  describe('copy', () => {
    let writeText: PropertyDescriptor | undefined;
    beforeEach(() => {
      writeText = Object.getOwnPropertyDescriptor(navigator.clipboard, 'writeText');
    });
    afterEach(() => {
      if (writeText) Object.defineProperty(navigator.clipboard, 'writeText', writeText);
      else delete (navigator.clipboard as { writeText?: unknown }).writeText;
    });
    const stubClipboard = (impl: (text: string) => Promise<void>) =>
      Object.defineProperty(navigator.clipboard, 'writeText', { value: impl, configurable: true, writable: true });

    it('puts the snippet on the clipboard and announces it', async () => {
      const copied: string[] = [];
      stubClipboard(async (text) => {
        copied.push(text);
      });
      const el = await configurator(mock());
      await setValue(el, 'Community', 'engineering');
      const button = Array.from(root(el).querySelectorAll('button')).find((b) => b.textContent === 'Copy script tag')!;
      button.click();
      await waitUntil(() => status(el, 'script') !== '', 'no status');
      expect(copied).to.deep.equal([el.scriptSnippet]);
      expect(status(el, 'script')).to.equal('Copied to the clipboard.');
      expect(status(el, 'iframe')).to.equal('');

      Array.from(root(el).querySelectorAll('button')).find((b) => b.textContent === 'Copy iframe')!.click();
      await waitUntil(() => status(el, 'iframe') !== '', 'no status');
      expect(copied[1]).to.equal(el.iframeSnippet);
      expect(status(el, 'script')).to.equal('');

      // A change makes the copy stale: the status goes.
      await setValue(el, 'Posts per page', '9');
      expect(status(el, 'iframe')).to.equal('');
    });

    it('without the Clipboard API it selects the snippet to copy by hand', async () => {
      stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
      const el = await configurator(mock());
      Array.from(root(el).querySelectorAll('button')).find((b) => b.textContent === 'Copy iframe')!.click();
      await waitUntil(() => status(el, 'iframe') !== '', 'no status');
      const area = snippet(el, 'iframe');
      expect(root(el).activeElement).to.equal(area);
      expect([area.selectionStart, area.selectionEnd]).to.deep.equal([0, area.value.length]);
      expect(status(el, 'iframe')).to.match(/^(Copied to the clipboard\.|Selected: press Ctrl\+C)/);
    });
  });

  describe('accessibility (axe)', () => {
    it('the feed’s form, preview and snippets are accessible', async () => {
      const el = await configurator(mock());
      await expect(el).to.be.accessible();
    });

    it('every widget’s form is accessible, signed in and signed out', async () => {
      for (const me of [undefined, null]) {
        const el = await configurator(mock({ me }));
        for (const name of ['Tag cloud', 'Community card', 'Ask an expert', 'Moderation']) {
          await choose(el, name);
          await expect(el).to.be.accessible();
        }
      }
    });

    it('a number out of range is still accessible', async () => {
      const el = await configurator(mock(), 'tag-cloud');
      await setValue(el, 'Tags at most', '0');
      await expect(el).to.be.accessible();
    });

    it('every control has a label', async () => {
      const el = await configurator(mock());
      for (const name of ['Feed', 'Tag cloud', 'Community card', 'Ask an expert', 'Moderation']) {
        await choose(el, name);
        for (const control of Array.from(root(el).querySelectorAll<HTMLInputElement>('input, select, textarea'))) {
          const named = control.labels?.length || control.getAttribute('aria-labelledby') || control.closest('label');
          expect(Boolean(named), `${name}: #${control.id} ${control.type}`).to.equal(true);
        }
      }
    });
  });
});
