/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MockApi, makePost, useMockApi } from './mock-api.ts';
import './mock-tags.ts';
import './hearth-example.ts';
import type { HearthExample } from './hearth-example.ts';

/*
 * The example widget shows what a new widget gets from the runtime for the few lines it writes:
 * configuration, a loader with abort and resume, every state, Retry, theme and language.
 */

const text = (el: HearthExample) => el.shadowRoot!.querySelector('[part="base"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('<hearth-example>, the smallest widget', () => {
  it('loads its data through the configured server and shows it', async () => {
    const api = useMockApi(new MockApi({ posts: [makePost({ id: 1, body: 'On #kubernetes' }), makePost({ id: 2, body: 'More #kubernetes' })] }));
    const el = await fixture<HearthExample>(html`<hearth-example api=${api.api} token-url=${api.tokenUrl} tag="kubernetes" theme="dark"></hearth-example>`);
    await waitUntil(() => text(el).startsWith('#kubernetes'), 'the tag never loaded');
    expect(text(el)).to.equal('#kubernetes: 2 posts');
    expect(el.shadowRoot!.querySelector('.root')!.classList.contains('dark')).to.equal(true);
  });

  it('says what went wrong with Retry, and Retry loads again', async () => {
    const api = useMockApi(new MockApi({ posts: [makePost({ id: 1, body: '#helm' })], fail: { getTag: { status: 500, title: 'Boom', times: 1 } } }));
    const el = await fixture<HearthExample>(html`<hearth-example api=${api.api} token-url=${api.tokenUrl} tag="helm"></hearth-example>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="state"]'), 'no error state');
    expect(text(el)).to.contain('The tag could not be loaded.');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="state"] button')!.click();
    await waitUntil(() => text(el) === '#helm: 1 posts', 'Retry did not load the tag');
  });

  it('a missing tag is said as missing, a new attribute loads the new data', async () => {
    const api = useMockApi(new MockApi({ posts: [makePost({ id: 1, body: '#helm' })] }));
    const el = await fixture<HearthExample>(html`<hearth-example api=${api.api} token-url=${api.tokenUrl} tag="nothing-here"></hearth-example>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="state"]'), 'no not-found state');
    el.tag = 'helm';
    await waitUntil(() => text(el) === '#helm: 1 posts', 'the new tag never loaded');
    expect(api.calls('getTag').length).to.equal(2);
  });
});
