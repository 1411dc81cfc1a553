/// <reference types="mocha" />
/**
 * Storybook's stories share one origin, so a draft typed in one story came back in the next.
 * Storybook itself cannot run here; what it runs before each story can: the preview's
 * `beforeEach`, which must clear Hearth's drafts (and only those).
 */
import { expect } from '@open-wc/testing';
import type { Preview } from '@storybook/web-components-vite';
import { cleanDrafts } from '../../../../.storybook/clean-drafts.ts';
import { loadDraft, saveDraft } from '../runtime/drafts.ts';

const OTHER = 'portal:settings';

/**
 * .storybook/preview.ts, run as it is, except for Storybook's own modules: those are CommonJS
 * inside (aria-query, through storybook/test), which this test runner cannot serve as modules,
 * so each name the preview imports from them becomes a no-op. Vite's `import.meta.glob` (the
 * manifest) finds nothing. Everything else (lit, clean-drafts.ts) is the real module.
 */
async function loadPreview(): Promise<Preview> {
  const url = new URL('../../../../.storybook/preview.ts', import.meta.url);
  const response = await fetch(url);
  expect(response.ok, `${url.pathname}: ${response.status}`).to.equal(true);
  const stub = (names: string) => {
    const exported = names.split(',').flatMap((name) => name.trim().split(/\s+as\s+/)[0] || []);
    const code = exported.map((name) => `export function ${name}() {}`).join('\n');
    return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  };
  // `storybook/…` and `@storybook/…` as the runner serves them (not this repository's .storybook/).
  const storybook = /(?:^|\/)@?storybook(?:\/|$)/;
  const code = (await response.text())
    .replace(/import\s*\{([^}]*)\}\s*from\s*(["'])([^"']*)\2/g, (statement: string, names: string, _: string, spec: string) =>
      storybook.test(spec) ? `import {${names}} from "${stub(names)}"` : statement,
    )
    .replace(/(\bfrom\s*|\bimport\s*\(?\s*)(["'])([./][^"']*)\2/g, (_, lead: string, quote: string, spec: string) => `${lead}${quote}${new URL(spec, url).href}${quote}`)
    .replaceAll('import.meta.glob(', '((..._) => ({}))(');
  const left = [...code.matchAll(/(?:from|import)\s*\(?\s*["']([^"']*)["']/g)].flatMap((m) => (storybook.test(m[1]!) ? [m[1]] : []));
  expect(left, 'Storybook imports this test cannot stand in for').to.deep.equal([]);
  // Without the manifest the preview warns that controls are missing: true here, and beside the point.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void (String(args[0]).includes('custom-elements.json') || warn(...args));
  try {
    const module = (await import(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })))) as { default: Preview };
    return module.default;
  } finally {
    console.warn = warn;
  }
}

/** Runs the preview's `beforeEach` hooks as Storybook does before a story: in order, awaited. */
async function beforeStory(): Promise<unknown[]> {
  const preview = await loadPreview();
  const hooks = [preview.beforeEach ?? []].flat();
  const cleanups: unknown[] = [];
  // The hooks read nothing of the story's context.
  for (const hook of hooks) cleanups.push(await hook({} as Parameters<typeof hook>[0]));
  return cleanups;
}

describe('Storybook: drafts do not leak from one story to the next', () => {
  beforeEach(() => {
    saveDraft('feed:composer', { body: 'Typed in the last story', key: 'abc' });
    saveDraft('ask:question', { body: 'Another one', key: null });
    localStorage.setItem(OTHER, 'kept');
  });
  afterEach(() => {
    cleanDrafts();
    localStorage.removeItem(OTHER);
  });

  it('cleanDrafts removes every draft drafts.ts saved, and nothing else', () => {
    expect(loadDraft('feed:composer')?.body).to.equal('Typed in the last story');
    cleanDrafts();
    expect(loadDraft('feed:composer')).to.equal(null);
    expect(loadDraft('ask:question')).to.equal(null);
    expect(localStorage.getItem(OTHER)).to.equal('kept');
  });

  it('cleanDrafts does not throw where storage is disabled', () => {
    const disabled = Object.defineProperty({}, 'length', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    }) as Storage;
    expect(() => cleanDrafts(disabled)).to.not.throw();
  });

  it('the preview clears the drafts before each story renders', async () => {
    expect(loadDraft('feed:composer')).to.not.equal(null);
    await beforeStory();
    expect(loadDraft('feed:composer'), 'the draft of the last story is still there').to.equal(null);
    expect(loadDraft('ask:question')).to.equal(null);
    expect(localStorage.getItem(OTHER)).to.equal('kept');
  });
});
