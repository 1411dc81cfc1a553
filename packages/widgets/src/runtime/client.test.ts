import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import '../feed/define.ts';
import { MockApi, rateLimited, samplePosts } from '../testing/mock-api.ts';
import { createPost, setLike } from '../feed/api.ts';
import { getMe, listPosts } from './api.ts';
import { createClient } from './client.ts';
import { HearthError } from './errors.ts';
import { setTransport } from './session.ts';
import { errorText } from './strings.ts';
import { TokenProvider } from './token.ts';

/** A client straight on a mock API, with its token URL, as a session makes one. */
function clientFor(api: MockApi, onSignedOut = () => {}) {
  return createClient({
    apiBase: `${api.api}/api/v1/`,
    tokens: new TokenProvider(api.tokenUrl, () => api.fetch),
    transport: () => api.fetch,
    onSignedOut,
  });
}

async function failure(promise: Promise<unknown>): Promise<HearthError> {
  try {
    await promise;
  } catch (error) {
    return error as HearthError;
  }
  throw new Error('expected the call to fail');
}

describe('the API client (ky)', () => {
  it('sends the bearer token and the query, and reads the JSON', async () => {
    const api = new MockApi({ posts: samplePosts(3) });
    const page = await listPosts(clientFor(api), { limit: 2 });
    expect(page.items.length).to.equal(2);
    const [request] = api.calls('listPosts');
    expect(request!.url.searchParams.get('limit')).to.equal('2');
    expect(request!.headers.get('authorization')).to.match(/^Bearer mock-token-\d+$/);
  });

  it('tries a write that carries an Idempotency-Key once more after a gateway error, with the same key', async () => {
    const api = new MockApi({ fail: { createPost: { status: 503, title: 'Service Unavailable', times: 1 } } });
    const post = await createPost(clientFor(api), { body: 'Once' }, 'k'.repeat(32));
    expect(post.body).to.equal('Once');
    const keys = api.calls('createPost').map((r) => r.headers.get('idempotency-key'));
    expect(keys).to.deep.equal(['k'.repeat(32), 'k'.repeat(32)]);
  });

  it('does not try a write without a key again: it could arrive twice', async () => {
    const api = new MockApi({ posts: samplePosts(1), fail: { likePost: { status: 502, title: 'Bad Gateway', times: 1 } } });
    const error = await failure(setLike(clientFor(api), api.posts[0]!.id, true));
    expect(error).to.be.instanceOf(HearthError);
    expect(error.status).to.equal(502);
    expect(api.calls('likePost').length).to.equal(1);
  });

  it('does not retry a read after a 500 or a network failure', async () => {
    const server = new MockApi({ fail: { listPosts: { status: 500, title: 'Internal Server Error', times: 1 } } });
    expect((await failure(listPosts(clientFor(server), {}))).status).to.equal(500);
    expect(server.calls('listPosts').length).to.equal(1);
    const offline = new MockApi({ fail: { listPosts: { network: true } } });
    const error = await failure(listPosts(clientFor(offline), {}));
    expect(error.status).to.equal(0);
    expect(error.message).to.contain('Hearth cannot be reached');
  });

  it("turns problem+json into a HearthError with the problem's most specific message", async () => {
    const api = new MockApi({
      fail: { createPost: { status: 400, title: 'Invalid request', errors: [{ path: 'body', message: 'too long', code: 'too_big' }] } },
    });
    const error = await failure(createPost(clientFor(api), { body: 'x' }, 'a'.repeat(32)));
    expect(error.status).to.equal(400);
    expect(error.message).to.equal('Too long');
    expect(error.problem?.title).to.equal('Invalid request');
  });

  it('reads a rate limit (429 with Retry-After) as when to try again, and does not try again itself', async () => {
    const api = new MockApi({ fail: { createPost: rateLimited(240), listPosts: rateLimited(30) } });
    const before = Date.now();
    const write = await failure(createPost(clientFor(api), { body: 'Too soon' }, 'b'.repeat(32)));
    expect(write.status).to.equal(429);
    expect(write.write).to.equal(true);
    expect(write.retryAt).to.be.within(before + 240_000, Date.now() + 240_000);
    expect(api.calls('createPost').length).to.equal(1);
    const read = await failure(listPosts(clientFor(api), {}));
    expect(read.write).to.equal(false);
    expect(read.retryAt).to.be.within(before + 30_000, Date.now() + 30_000);
    expect(api.calls('listPosts').length).to.equal(1);
  });

  it('renews the token once after a 401 and says signed out when the new one is refused too', async () => {
    const api = new MockApi({ fail: { listPosts: { status: 401, title: 'Unauthorized' } } });
    let signedOut = 0;
    const error = await failure(listPosts(clientFor(api, () => (signedOut += 1)), {}));
    expect(error.signedOut).to.equal(true);
    expect(api.calls('listPosts').length).to.equal(2);
    expect(api.calls('token').length).to.equal(2);
    expect(signedOut).to.equal(1);
  });

  it('passes an abort through as an AbortError, never as a failure to show', async () => {
    // The mock holds the request until it is aborted.
    const api = new MockApi({ posts: samplePosts(1), pending: ['listPosts'] });
    const abort = new AbortController();
    const pending = listPosts(clientFor(api), {}, abort.signal);
    await waitUntil(() => api.open('listPosts').length === 1, 'the request was never sent');
    abort.abort();
    const error = (await failure(pending)) as unknown as DOMException;
    expect(error.name).to.equal('AbortError');
  });
});

describe('when Hearth cannot be reached', () => {
  afterEach(() => setTransport(null));

  it('tells a page whose origin is not allowed (CORS) apart from the network, and names ALLOWED_ORIGINS', async () => {
    const refused = await failure(listPosts(clientFor(new MockApi({ cors: true })), {}));
    expect(refused.status).to.equal(0);
    expect(refused.notAllowed).to.equal(true);
    expect(errorText('en', refused)).to.equal(`Hearth does not accept requests from this page (${location.origin}). An administrator must add it to ALLOWED_ORIGINS.`);
    expect(errorText('de', refused)).to.contain('ALLOWED_ORIGINS');
    const offline = await failure(listPosts(clientFor(new MockApi({ fail: { listPosts: { network: true } } })), {}));
    expect(offline.notAllowed).to.equal(false);
    expect(errorText('en', offline)).to.equal('Hearth cannot be reached. Check your connection and try again.');
  });

  it('a widget that could not load loads again by itself once a request gets through, or the browser is back online', async () => {
    // Offline until the test says otherwise: another request of the page that gets through in
    // the meantime (who is signed in) retries the feed, which fails again and waits again.
    const api = new MockApi({ posts: samplePosts(2), fail: { listPosts: { network: true } } });
    setTransport(api.fetch);
    const root = await fixture<HTMLElement>(html`<div><hearth-feed api=${api.api} token-url=${api.tokenUrl}></hearth-feed></div>`);
    const feed = root.querySelector('hearth-feed')!;
    await waitUntil(() => feed.shadowRoot?.querySelector('.state[role="alert"]'), 'the feed did not say it failed', { timeout: 8000 });
    expect(feed.shadowRoot!.querySelector('.state')!.textContent).to.contain('cannot be reached');
    // Hearth is back; another request of the page goes through (a post, after the outage): the feed loads.
    delete api.fail.listPosts;
    await getMe(clientFor(api));
    await waitUntil(() => feed.shadowRoot!.querySelectorAll('hearth-feed-post').length === 2, 'the feed did not load again by itself', { timeout: 8000 });

    api.fail.listPosts = { network: true };
    void (feed as HTMLElement & { reload(): Promise<void> }).reload();
    await waitUntil(() => feed.shadowRoot!.querySelector('.state[role="alert"]'), 'the feed did not fail again', { timeout: 8000 });
    delete api.fail.listPosts;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => feed.shadowRoot!.querySelectorAll('hearth-feed-post').length === 2, 'the feed did not load again when the browser came back online', { timeout: 8000 });
  });

  it('a failure that is an answer (404, 403) is not retried by itself', async () => {
    const api = new MockApi({ posts: samplePosts(1), fail: { listPosts: { status: 403, title: 'Forbidden', times: 1 } } });
    setTransport(api.fetch);
    const root = await fixture<HTMLElement>(html`<div><hearth-feed api=${api.api} token-url=${api.tokenUrl}></hearth-feed></div>`);
    const feed = root.querySelector('hearth-feed')!;
    await waitUntil(() => feed.shadowRoot?.querySelector('.state[role="alert"]'), 'the feed did not say it failed', { timeout: 8000 });
    await listPosts(clientFor(api), {});
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.calls('listPosts').length, 'the feed asked once, the other call once').to.equal(2);
  });
});
