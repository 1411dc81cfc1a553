/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import type { LiveEvent } from '@hearth/contracts';
import { MockApi } from '../testing/mock-api.ts';
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
});
