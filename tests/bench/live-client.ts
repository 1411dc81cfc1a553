/**
 * The load generator of `npm run bench:live` (live.bench.ts starts one or more of these, each
 * through `bash -c 'ulimit -n <hard> && exec node ...'` so it may hold thousands of sockets).
 * It holds its share of the GET /api/v1/events streams with node:http (one keep-alive Agent, no
 * socket limit) and a minimal SSE reader (`id:` and `data:` lines only), and answers the runner
 * over IPC: open (with each stream's Last-Event-ID when reconnecting), close, and "when did each
 * stream receive the events of these posts" (absolute times, performance.timeOrigin + now()).
 */
import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

export type ToClient =
  | { kind: 'open'; url: string; tokens: string[]; count: number; concurrency: number; resume: boolean }
  | { kind: 'close' }
  | { kind: 'received'; postIds: number[]; timeoutMs: number };

export type FromClient =
  | { kind: 'opened'; count: number; failed: number; ms: number }
  | { kind: 'closed' }
  | { kind: 'received'; postIds: number[]; times: (number | null)[]; missing: number };

const now = () => performance.timeOrigin + performance.now();
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

interface Stream {
  req: ClientRequest | null;
  res: IncomingMessage | null;
  lastId: string | undefined;
  /** postId -> when this stream received its event. */
  got: Map<number, number>;
}

let streams: Stream[] = [];

function reply(message: FromClient) {
  process.send!(message);
}

/** Reads `data:` and `id:` lines; a post event records when it came. */
function read(s: Stream, res: IncomingMessage, onReady: () => void) {
  let rest = '';
  let ready = false;
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    rest += chunk;
    let end: number;
    while ((end = rest.indexOf('\n\n')) >= 0) {
      const block = rest.slice(0, end);
      rest = rest.slice(end + 2);
      let data: string | undefined;
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) s.lastId = line.slice(4);
        else if (line.startsWith('data: ')) data = line.slice(6);
      }
      if (!ready) {
        ready = true;
        onReady();
      }
      if (data?.startsWith('{"type":"post.')) {
        const postId = /"postId":(\d+)/.exec(data)?.[1];
        if (postId && !s.got.has(Number(postId))) s.got.set(Number(postId), now());
      }
    }
  });
}

function openOne(url: string, token: string, s: Stream): Promise<boolean> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
    if (s.lastId !== undefined) headers['last-event-id'] = s.lastId;
    const req = request(`${url}/api/v1/events`, { agent, headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(false);
        return;
      }
      s.res = res;
      read(s, res, () => resolve(true));
      res.on('error', () => undefined);
    });
    req.on('error', () => resolve(false));
    req.end();
    s.req = req;
  });
}

async function open(m: Extract<ToClient, { kind: 'open' }>) {
  const started = now();
  if (!m.resume) streams = Array.from({ length: m.count }, () => ({ req: null, res: null, lastId: undefined, got: new Map() }));
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < streams.length) {
      const i = next++;
      if (!(await openOne(m.url, m.tokens[i % m.tokens.length]!, streams[i]!))) failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(m.concurrency, streams.length) }, worker));
  reply({ kind: 'opened', count: streams.length, failed, ms: now() - started });
}

function close() {
  for (const s of streams) {
    s.req?.destroy();
    s.res = null;
    s.req = null;
  }
  reply({ kind: 'closed' });
}

async function received(m: Extract<ToClient, { kind: 'received' }>) {
  const complete = () => streams.every((s) => m.postIds.every((id) => s.got.has(id)));
  const deadline = Date.now() + m.timeoutMs;
  // Receive times are taken as events come; this only polls for completeness.
  while (!complete() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  // Per stream: when it had all of them (the last one); NaN (null over IPC) when it missed one.
  let missing = 0;
  const times = streams.map((s) => {
    let last = 0;
    for (const id of m.postIds) {
      const t = s.got.get(id);
      if (t === undefined) {
        missing++;
        return NaN;
      }
      last = Math.max(last, t);
    }
    return last;
  });
  reply({ kind: 'received', postIds: m.postIds, times, missing });
}

process.on('message', (m: ToClient) => {
  if (m.kind === 'open') void open(m);
  else if (m.kind === 'close') close();
  else void received(m);
});
process.on('disconnect', () => process.exit(0));
