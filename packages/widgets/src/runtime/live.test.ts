/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LiveEvent } from '@hearth/contracts';
import '../feed/define.ts';
import type { HearthFeed } from '../feed/hearth-feed.ts';
import { MockApi, makePost, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { sessionFor, setTransport } from './session.ts';
import { subscribeLive, type LiveMessage } from './live.ts';

interface TestStream {
  /** Writes an event, with an `id:` when given. */
  write(event: LiveEvent | { type: 'reset' | 'shutdown'; reason: string }, id?: number): void;
  /** Ends the stream, as a server going away does. */
  end(): void;
  cancelled: boolean;
  authorization: string | null;
  /** The `lastEventId` the page opened it with. */
  lastEventId: string | null;
}

/**
 * The mock API, plus an `events` stream this test writes into; `readyId` is the id its `ready`
 * carries (none by default, as a server that says no ids).
 */
function streamingApi(readyId?: (lastEventId: string | null) => number) {
  const mock = new MockApi();
  const streams: TestStream[] = [];
  setTransport(async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!url.pathname.endsWith('/api/v1/events')) return mock.fetch(input, init);
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const encoder = new TextEncoder();
    const lastEventId = url.searchParams.get('lastEventId');
    const stream: TestStream = {
      cancelled: false,
      authorization: request.headers.get('authorization'),
      lastEventId,
      write(event, id) {
        controller.enqueue(encoder.encode(`${id === undefined ? '' : `id: ${id}\n`}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
      },
      end: () => controller.close(),
    };
    streams.push(stream);
    const id = readyId?.(lastEventId);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        c.enqueue(encoder.encode(`retry: 5000\n${id === undefined ? '' : `id: ${id}\n`}event: ready\ndata: {}\n\n`));
      },
      cancel() {
        stream.cancelled = true;
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  });
  return { mock, streams, session: sessionFor({ api: mock.api, tokenUrl: mock.tokenUrl }) };
}

const created = (postId: number): LiveEvent => ({ type: 'post.created', postId, parentId: null, community: null });

/**
 * What the server does when the token that opened a stream expires: a last `expired` event, the
 * end of the stream, and that token refused from now on.
 */
function expireStreams(mock: MockApi) {
  mock.expireToken();
  mock.emit({ type: 'expired', reason: 'your sign-in token expired: connect again with a fresh one' } as unknown as LiveEvent);
  mock.dropStreams();
}

/** Reconnecting after a failure waits at least RETRY_MIN_MS / 2; after an expiry it does not wait. */
const AT_ONCE = { timeout: 900 };

describe('the live event stream', () => {
  afterEach(() => setTransport(null));

  it('when two widgets subscribe, the page opens one stream, authenticated by header, and both hear each event', async () => {
    const { streams, session } = streamingApi();
    const a: LiveMessage[] = [];
    const b: LiveMessage[] = [];
    const offA = subscribeLive(session, (m) => a.push(m));
    const offB = subscribeLive(session, (m) => b.push(m));
    await waitUntil(() => streams.length === 1, 'the stream opens');
    expect(streams[0]!.authorization).to.match(/^Bearer mock-token-/);
    streams[0]!.write(created(7));
    await waitUntil(() => a.length === 1 && b.length === 1, 'both listeners hear the event');
    expect(a[0]).to.deep.equal(created(7));
    expect(streams.length).to.equal(1);
    offA();
    offB();
  });

  it('when the last widget leaves, the stream is closed; a new subscriber opens a fresh one', async () => {
    const { streams, session } = streamingApi();
    const off = subscribeLive(session, () => undefined);
    await waitUntil(() => streams.length === 1);
    off();
    await waitUntil(() => streams[0]!.cancelled, 'the stream is cancelled');
    const again = subscribeLive(session, () => undefined);
    await waitUntil(() => streams.length === 2, 'a new stream opens');
    again();
  });

  it('a listener that leaves hears nothing more, while the others still do', async () => {
    const { streams, session } = streamingApi();
    const gone: LiveMessage[] = [];
    const stays: LiveMessage[] = [];
    const off = subscribeLive(session, (m) => gone.push(m));
    const offStays = subscribeLive(session, (m) => stays.push(m));
    await waitUntil(() => streams.length === 1);
    off();
    streams[0]!.write(created(9));
    await waitUntil(() => stays.length === 1);
    expect(gone).to.deep.equal([]);
    offStays();
  });

  it('when the server drops the stream, it connects again and tells every listener to resync', async () => {
    const mock = useMockApi(new MockApi());
    const session = sessionFor({ api: mock.api, tokenUrl: mock.tokenUrl });
    const heard: LiveMessage[] = [];
    const off = subscribeLive(session, (m) => heard.push(m));
    await waitUntil(() => mock.openStreams().length === 1);
    mock.dropStreams();
    await waitUntil(() => heard.some((m) => m.type === 'resync'), 'no resync after the reconnection', { timeout: 8000 });
    expect(mock.streams).to.have.length(2);
    expect(mock.openStreams()).to.have.length(1);
    // The new stream carries the events.
    mock.emit(created(3));
    await waitUntil(() => heard.some((m) => m.type === 'post.created'));
    off();
    await waitUntil(() => mock.openStreams().length === 0, 'the stream stayed open');
  });

  it('when the last listener leaves while it waits to reconnect, the wait ends and leaves no timer behind', async () => {
    const mock = new MockApi();
    let attempts = 0;
    setTransport(async (input, init) => {
      if (new Request(input, init).url.endsWith('/api/v1/events')) {
        attempts += 1;
        throw new TypeError('Failed to fetch');
      }
      return mock.fetch(input, init);
    });
    const session = sessionFor({ api: mock.api, tokenUrl: mock.tokenUrl });
    // The timers the live stream sets, and those cleared.
    const set = new Set<number>();
    const cleared = new Set<number>();
    const { setTimeout: realSet, clearTimeout: realClear } = window;
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
      const id = realSet(handler, ms, ...args);
      // Set by live.ts itself (the frame under this one), not by the client it calls.
      if (new Error().stack?.split('\n')[2]?.includes('/runtime/live.ts')) set.add(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id?: number) => {
      if (id !== undefined) cleared.add(id);
      realClear(id);
    }) as typeof window.clearTimeout;
    try {
      const off = subscribeLive(session, () => undefined);
      await waitUntil(() => attempts === 1 && set.size === 1, 'it never waited to try again');
      off();
      expect([...set].every((id) => cleared.has(id))).to.equal(true);
    } finally {
      window.setTimeout = realSet;
      window.clearTimeout = realClear;
    }
    expect(attempts).to.equal(1);
  });

  it('when the server ends the stream as its token expired, it reconnects at once with a fresh token, one stream, and listeners resync', async () => {
    const mock = useMockApi(new MockApi());
    const session = sessionFor({ api: mock.api, tokenUrl: mock.tokenUrl });
    const heard: LiveMessage[] = [];
    const off = subscribeLive(session, (m) => heard.push(m));
    await waitUntil(() => mock.openStreams().length === 1);
    expect(mock.streams[0]!.authorization).to.equal('Bearer mock-token-1');
    expireStreams(mock);
    await waitUntil(() => heard.some((m) => m.type === 'resync'), 'no prompt reconnection after the expiry', AT_ONCE);
    expect(mock.streams.map((s) => s.authorization)).to.deep.equal(['Bearer mock-token-1', 'Bearer mock-token-2']);
    expect(mock.openStreams()).to.have.length(1);
    // The server's last word is the runtime's own business, not an event for the widgets.
    expect(heard.map((m) => m.type)).to.deep.equal(['resync']);
    mock.emit(created(4));
    await waitUntil(() => heard.some((m) => m.type === 'post.created'), 'the new stream carries no events');
    // A second expiry right after (a token handed out again): a reconnection like any other.
    const again = Date.now();
    expireStreams(mock);
    await waitUntil(() => mock.openStreams().length === 1, 'no reconnection after the second expiry', { timeout: 4000 });
    expect(Date.now() - again, 'it reconnected at once in a loop').to.be.at.least(AT_ONCE.timeout);
    expect(mock.streams.at(-1)!.authorization).to.equal('Bearer mock-token-3');
    off();
    await waitUntil(() => mock.openStreams().length === 0, 'the stream stayed open');
  });

  it('before its token expires, it opens the next stream with a fresh token, then closes the old one: no gap, no resync, no event twice', async () => {
    const mock = new MockApi({ tokenTtl: 4000 });
    // As the server does: `ready` says how long the stream has, until its token's expiry.
    const expiries = new Map<string, number>();
    setTransport(async (input, init) => {
      const response = await mock.fetch(input, init);
      const url = new Request(input, init).url;
      if (url === mock.tokenUrl && response.ok) {
        const answer = (await response.clone().json()) as { token: string; expiresAt: string };
        expiries.set(`Bearer ${answer.token}`, Date.parse(answer.expiresAt));
      }
      if (!url.endsWith('/api/v1/events') || !response.ok) return response;
      const expiresIn = expiries.get(new Headers(init?.headers ?? (input as Request).headers).get('authorization') ?? '')! - Date.now();
      const said = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new TransformStream<string, string>({
        transform: (text, out) => out.enqueue(text.replace('event: ready\ndata: {}', `event: ready\ndata: {"expiresIn":${expiresIn}}`)),
      })).pipeThrough(new TextEncoderStream());
      return new Response(said, { headers: response.headers });
    });
    const session = sessionFor({ api: mock.api, tokenUrl: mock.tokenUrl });
    const heard: LiveMessage[] = [];
    const off = subscribeLive(session, (m) => heard.push(m));
    await waitUntil(() => mock.openStreams().length === 1);
    mock.emit(created(1));
    await waitUntil(() => heard.length === 1);
    // A quarter of the token's life before it ends, the page opens the next stream.
    await waitUntil(() => mock.streams.length === 2, 'no stream opened ahead of the expiry', { timeout: 5000 });
    const second = Date.now();
    expect(mock.streams[1]!.authorization).to.equal('Bearer mock-token-2');
    // The old stream is read a moment longer: an event now reaches both, and is passed on once.
    await waitUntil(() => Date.now() - second > 300);
    expect(mock.openStreams()).to.have.length(2);
    mock.emit(created(2));
    await waitUntil(() => mock.openStreams().length === 1, 'the old stream stayed open', { timeout: 3000 });
    expect(mock.streams[0]!.closed).to.equal(true);
    mock.emit(created(3));
    await waitUntil(() => heard.some((m) => m.type === 'post.created' && m.postId === 3));
    expect(heard).to.deep.equal([created(1), created(2), created(3)]);
    off();
    await waitUntil(() => mock.openStreams().length === 0, 'the stream stayed open');
  });

  it('a <hearth-feed> whose stream expired reconnects with the new token and refreshes to show what it missed', async () => {
    const mock = useMockApi(new MockApi({ posts: [makePost({ id: 1, body: 'Before the expiry' })] }));
    const el = await fixture<HearthFeed>(html`<hearth-feed api=${mock.api} token-url=${mock.tokenUrl}></hearth-feed>`);
    const root = el.shadowRoot!;
    const text = () => root.textContent ?? '';
    await waitUntil(() => text().includes('Before the expiry') && mock.openStreams().length === 1, 'the feed never went live');
    expireStreams(mock);
    // Written while no stream was open: no event for it will ever come.
    mock.posts.unshift(makePost({ id: 2, body: 'Posted in the gap', author: samplePeople[2]!, createdAt: new Date().toISOString() }));
    await waitUntil(() => mock.openStreams().length === 1, 'the feed did not reconnect', AT_ONCE);
    expect(mock.openStreams()[0]!.authorization).to.equal('Bearer mock-token-2');
    expect(mock.streams).to.have.length(2);
    // Nothing pushed under the reader: the feed offers to load the first page again.
    const button = () => root.querySelector<HTMLButtonElement>('[part="new-posts"]');
    await waitUntil(() => button(), 'the feed did not offer to refresh after the reconnection');
    expect(text()).not.to.include('Posted in the gap');
    button()!.click();
    await waitUntil(() => text().includes('Posted in the gap') && text().includes('Before the expiry'), 'the refresh did not bring what was missed');
    expect(mock.openStreams()).to.have.length(1);
    // And the new stream carries the next events, on the new token.
    mock.posts.unshift(makePost({ id: 3, body: 'After the reconnection', author: samplePeople[2]!, createdAt: new Date().toISOString() }));
    mock.emit(created(3));
    await waitUntil(() => button()?.textContent?.trim() === '1 new post', 'no live update on the new stream');
    el.remove();
    await waitUntil(() => mock.openStreams().length === 0);
  });

  it('a <hearth-feed> removed and put back twice before its live chunk arrived listens once: removed, its stream closes', async () => {
    const mock = useMockApi(new MockApi({ posts: [makePost({ id: 1, body: 'Hello' })] }));
    const el = await fixture<HearthFeed>(html`<hearth-feed api=${mock.api} token-url=${mock.tokenUrl}></hearth-feed>`);
    const parent = el.parentElement!;
    await waitUntil(() => (el.shadowRoot!.textContent ?? '').includes('Hello') && mock.openStreams().length === 1, 'the feed never went live');
    // A single-page app taking it out and putting it back, twice, each time after the feed's
    // disconnect microtask (it stops listening) and before its live chunk's import() resolves.
    for (let i = 0; i < 2; i++) {
      el.remove();
      await Promise.resolve();
      parent.append(el);
    }
    await waitUntil(() => mock.openStreams().length === 1, 'the feed did not listen again');
    el.remove();
    await waitUntil(() => mock.openStreams().length === 0, 'the stream stayed open: a listener outlived the feed');
  });

  it('reconnects with the id of the last event it had: the server replays the gap, and listeners carry on without a resync', async () => {
    // As the server does: a fresh stream starts after the newest id, a resumed one after the id given.
    const { streams, session } = streamingApi((last) => (last === null ? 10 : Number(last)));
    const heard: LiveMessage[] = [];
    const off = subscribeLive(session, (m) => heard.push(m));
    await waitUntil(() => streams.length === 1);
    expect(streams[0]!.lastEventId).to.equal(null);
    streams[0]!.write(created(1), 11);
    streams[0]!.write(created(2), 12);
    await waitUntil(() => heard.length === 2);
    streams[0]!.end();
    await waitUntil(() => streams.length === 2, 'no reconnection', { timeout: 4000 });
    expect(streams[1]!.lastEventId).to.equal('12');
    // Replayed, then live; an id already passed on (a replay overlapping what arrived) is not again.
    streams[1]!.write(created(2), 12);
    streams[1]!.write(created(3), 13);
    streams[1]!.write(created(4), 14);
    await waitUntil(() => heard.length === 4);
    expect(heard).to.deep.equal([created(1), created(2), created(3), created(4)]);
    // Nothing arrived before a drop: the next stream starts after the id `ready` said.
    streams[1]!.end();
    // Dropped soon after opening: the wait doubled (4 s ± 50 %).
    await waitUntil(() => streams.length === 3, 'no reconnection', { timeout: 7000 });
    expect(streams[2]!.lastEventId).to.equal('14');
    expect(heard.some((m) => m.type === 'resync')).to.equal(false);
    off();
  });

  it('when the server says shutdown (it is stopping), it reconnects within a second with its last id: no backoff, no resync', async () => {
    // As the server does: a fresh stream starts after the newest id, a resumed one after the id given.
    const { streams, session } = streamingApi((last) => (last === null ? 10 : Number(last)));
    const heard: LiveMessage[] = [];
    // Every jitter at its longest: a reconnection after a drop waits 2 s × 1.5 ≈ 3 s, after a
    // shutdown at most 1 s.
    const random = Math.random;
    Math.random = () => 0.999;
    const off = subscribeLive(session, (m) => heard.push(m));
    try {
      await waitUntil(() => streams.length === 1);
      streams[0]!.write(created(1), 11);
      await waitUntil(() => heard.length === 1);
      const said = Date.now();
      // What server/src/http/health.ts SHUTDOWN_EVENT writes, then the end of the stream.
      streams[0]!.write({ type: 'shutdown', reason: 'this server is stopping: connect again with your last event id (another server answers)' });
      streams[0]!.end();
      await waitUntil(() => streams.length === 2, 'no prompt reconnection after the shutdown', { timeout: 2000 });
      // Spread over a second, so that a fleet of pages does not come back in the same instant.
      expect(Date.now() - said, 'no jitter').to.be.at.least(900);
      expect(streams[1]!.lastEventId).to.equal('11');
      streams[1]!.write(created(2), 12);
      await waitUntil(() => heard.length === 2);
      // The gap is replayed: no resync; and the server's last word is not an event for the widgets.
      expect(heard).to.deep.equal([created(1), created(2)]);
      // The shutdown was no failure: a drop right after waits the shortest backoff (≈ 3 s here),
      // not one doubled by it (≈ 6 s).
      streams[1]!.end();
      await waitUntil(() => streams.length === 3, 'the shutdown was counted as a failed connection', { timeout: 4500 });
      expect(streams[2]!.lastEventId).to.equal('12');
    } finally {
      Math.random = random;
      // Also when it failed: its reconnections would go on into the next test's transport.
      off();
    }
  });

  it('when the server says reset (too long away), listeners resync once, and the stream goes on from the id it gave', async () => {
    const { streams, session } = streamingApi((last) => (last === null ? 5 : 40));
    const heard: LiveMessage[] = [];
    const off = subscribeLive(session, (m) => heard.push(m));
    await waitUntil(() => streams.length === 1);
    streams[0]!.end();
    await waitUntil(() => streams.length === 2, 'no reconnection', { timeout: 4000 });
    expect(streams[1]!.lastEventId).to.equal('5');
    streams[1]!.write({ type: 'reset', reason: 'gone too long' }, 40);
    streams[1]!.write(created(9), 41);
    await waitUntil(() => heard.length === 2);
    expect(heard).to.deep.equal([{ type: 'resync' }, created(9)]);
    streams[1]!.end();
    // Dropped soon after opening: the wait doubled (4 s ± 50 %).
    await waitUntil(() => streams.length === 3, 'no reconnection', { timeout: 7000 });
    expect(streams[2]!.lastEventId).to.equal('41');
    off();
  });

  it('signed out, it waits for the person to sign in, then connects', async () => {
    const mock = useMockApi(new MockApi({ me: null }));
    const session = sessionFor({ api: mock.api, tokenUrl: mock.tokenUrl });
    const off = subscribeLive(session, () => undefined);
    await waitUntil(() => session.$me.get().status === 'signed-out', 'the page never learnt it is signed out');
    expect(mock.calls('events')).to.have.length(0);
    // The portal signs the person in; a widget's "Try again" asks who is signed in.
    mock.me = samplePeople[0]!;
    await session.loadMe(true);
    await waitUntil(() => mock.openStreams().length === 1, 'no stream after signing in');
    off();
    await waitUntil(() => mock.openStreams().length === 0);
  });
});
