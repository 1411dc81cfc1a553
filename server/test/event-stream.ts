import assert from 'node:assert/strict';

/** Reading GET /events in tests, `id:` lines included: events-replay and multi-instance. */

/** One server-sent event: its `id:`, its name and its parsed `data:`. */
export interface Block {
  id: number | undefined;
  event: string;
  data: any;
}

/** Moves the complete blocks of `buffer` (with their `id:`) into `into`; returns the rest. */
function takeBlocks(buffer: string, into: Block[]): string {
  let rest = buffer;
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    const id = /^id: (.*)$/m.exec(block)?.[1];
    if (event && data !== undefined) into.push({ id: id === undefined ? undefined : Number(id), event, data: JSON.parse(data) });
  }
  return rest;
}

/**
 * Opens GET /events on `url` as `token`, with a Last-Event-ID (`header`) or `?lastEventId=`
 * (`query`); resolves once `ready` came. `next()` is the next block; `upTo(n)` the next n.
 */
export async function stream(url: string, token: string, last?: { header?: string; query?: string }) {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (last?.header !== undefined) headers['last-event-id'] = last.header;
  const target = `${url}/api/v1/events${last?.query !== undefined ? `?lastEventId=${encodeURIComponent(last.query)}` : ''}`;
  const res = await fetch(target, { headers, signal: controller.signal });
  assert.equal(res.status, 200, await (res.status === 200 ? '' : res.text()));
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queue: Block[] = [];
  let reading: Promise<ReadableStreamReadResult<string>> | null = null;
  async function next(ms = 5000): Promise<Block> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (queue.length) return queue.shift()!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no event in time');
      let timer: NodeJS.Timeout | undefined;
      // A read that timed out is still on its way: the next call waits for it, not a new one.
      reading ??= reader.read();
      const read = await Promise.race([
        reading,
        new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left))),
      ]).finally(() => clearTimeout(timer));
      if (read === 'timeout') throw new Error('no event in time');
      reading = null;
      if (read.done) throw new Error('the event stream ended');
      buffer = takeBlocks(buffer + read.value, queue);
    }
  }
  /** Nothing more arrives within `ms`. */
  async function quiet(ms = 400) {
    const got = await next(ms).catch((error: Error) => (error.message === 'no event in time' ? null : Promise.reject(error)));
    assert.equal(got, null, `unexpected ${JSON.stringify(got)}`);
  }
  const ready = await next();
  assert.equal(ready.event, 'ready');
  assert.ok(Number.isSafeInteger(ready.id), 'ready carries the id the stream starts after');
  return { ready, next, quiet, close: () => controller.abort() };
}
