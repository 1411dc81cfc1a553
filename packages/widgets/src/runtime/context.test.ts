/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../feed/define.ts';
import '../tag-cloud/define.ts';
import type { HearthFeed } from '../feed/hearth-feed.ts';
import type { HearthTagCloud } from '../tag-cloud/hearth-tag-cloud.ts';
import { MockApi, samplePosts, useMockApi } from '../testing/mock-api.ts';
import '../testing/mock-tags.ts';

/*
 * @lit/context for real: <hearth-config> provides the session (server, token provider) and the
 * theme to the widgets inside it; a widget provides its own to its parts and to a widget inside
 * it; the widget's own attributes still win.
 */

const rendered = (el: HearthFeed) => el.shadowRoot!.querySelectorAll('hearth-feed-post').length;

describe('configuration through context', () => {
  it('a widget inside <hearth-config> with no attributes of its own talks to the configured API with the configured token', async () => {
    const api = useMockApi(new MockApi({ posts: samplePosts(2) }));
    // The page's first <hearth-config> (its defaults) points elsewhere: only context can tell.
    const page = useMockApi(new MockApi({ posts: samplePosts(5) }));
    const root = await fixture(html`<div>
      <hearth-config api=${page.api} token-url=${page.tokenUrl} theme="light"></hearth-config>
      <hearth-config api=${api.api} token-url=${api.tokenUrl} theme="dark">
        <section><hearth-feed></hearth-feed></section>
      </hearth-config>
    </div>`);
    const feed = root.querySelector('hearth-feed')!;
    await waitUntil(() => rendered(feed) === 2, 'the feed never showed the configured API’s posts');
    const [request] = api.calls('listPosts');
    expect(request!.headers.get('authorization')).to.equal('Bearer mock-token-1');
    expect(api.calls('token').length).to.equal(1);
    expect(feed.shadowRoot!.querySelector('.root')!.classList.contains('dark')).to.equal(true);
    expect(page.calls('listPosts').length).to.equal(0);
  });

  it('changing <hearth-config> moves the widgets inside to the new server', async () => {
    const first = useMockApi(new MockApi({ posts: samplePosts(1) }));
    const second = useMockApi(new MockApi({ posts: samplePosts(3) }));
    const config = await fixture(html`<hearth-config api=${first.api} token-url=${first.tokenUrl}><hearth-feed></hearth-feed></hearth-config>`);
    const feed = config.querySelector('hearth-feed')!;
    await waitUntil(() => rendered(feed) === 1);
    config.setAttribute('api', second.api);
    config.setAttribute('token-url', second.tokenUrl);
    await waitUntil(() => rendered(feed) === 3, 'the feed stayed on the first server');
  });

  it("a widget's own attributes win over the <hearth-config> around it", async () => {
    const outer = useMockApi(new MockApi({ posts: samplePosts(1) }));
    const own = useMockApi(new MockApi({ posts: samplePosts(2) }));
    const config = await fixture(html`<hearth-config api=${outer.api} token-url=${outer.tokenUrl}>
      <hearth-feed api=${own.api} token-url=${own.tokenUrl} theme="light"></hearth-feed>
    </hearth-config>`);
    const feed = config.querySelector('hearth-feed')!;
    await waitUntil(() => rendered(feed) === 2);
    expect(outer.calls('listPosts').length).to.equal(0);
  });

  it('a widget placed inside another widget uses the outer widget’s session', async () => {
    const api = useMockApi(new MockApi({ posts: samplePosts(2) }));
    const outer = await fixture<HearthTagCloud>(html`<hearth-tag-cloud api=${api.api} token-url=${api.tokenUrl}>
      <hearth-feed></hearth-feed>
    </hearth-tag-cloud>`);
    const feed = outer.querySelector('hearth-feed')!;
    // The tag cloud has no slot, so the feed is not shown, but it is there and configured.
    await waitUntil(() => api.calls('listPosts').length === 1, 'the inner feed never asked the outer widget’s server');
    expect(api.calls('token').length).to.equal(1);
    expect(feed.isConnected).to.equal(true);
  });

  it('the parts of a widget (posts, composer) act through its session', async () => {
    const api = useMockApi(new MockApi({ posts: samplePosts(1) }));
    const config = await fixture(html`<hearth-config api=${api.api} token-url=${api.tokenUrl}><hearth-feed></hearth-feed></hearth-config>`);
    const feed = config.querySelector('hearth-feed')!;
    await waitUntil(() => rendered(feed) === 1);
    const like = [...feed.shadowRoot!.querySelectorAll('button')].find((b) => /like/i.test(b.textContent ?? ''))!;
    like.click();
    await waitUntil(() => api.calls('likePost').length === 1, 'the post’s like never reached the configured server');
    expect(api.calls('likePost')[0]!.headers.get('authorization')).to.equal('Bearer mock-token-1');
  });
});
