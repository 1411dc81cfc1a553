/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import type { LiveEvent } from '@hearth/contracts';
import { MockApi, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { sessionFor, setTransport } from './session.ts';
import { subscribeLive, type LiveMessage } from './live.ts';

/** The mock API, plus an `events` stream this test writes into. */
function streamingApi() {
  const mock = new MockApi();
  const streams: { write(event: LiveEvent): void; cancelled: boolean; authorization: string | null }[] = [];
  setTransport(async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.endsWith('/api/v1/events')) return mock.fetch(input, init);
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const encoder = new TextEncoder();
    const stream = {
      cancelled: false,
      authorization: request.headers.get('authorization'),
      write(event: LiveEvent) {
        controller.enqueue(encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
      },
    };
    streams.push(stream);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        c.enqueue(encoder.encode('retry: 5000\nevent: ready\ndata: {}\n\n'));
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
