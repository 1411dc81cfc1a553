import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { people, startApp, TEST_DB, type Person, type TestApp } from './helpers.ts';
import { stream, type Block } from './event-stream.ts';
import { eventsRepo } from '../src/features/events/repo.ts';
import { liveEventsService, MAX_REPLAY } from '../src/features/events/service.ts';
import { eventBus, type EventBus, type KeptEvent } from '../src/features/events/bus.ts';
import type { CommunitiesService } from '../src/features/communities/service.ts';
import type { Viewer } from '../src/auth/viewer.ts';

const post = (app: TestApp, as: Person, body: string, community = 'general') =>
  app.call('POST', '/api/v1/posts', { as, body: { body, community } }).then((r) => {
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as number;
  });

describe(`live events resume after a dropped connection (${TEST_DB})`, () => {
  let app: TestApp;
  before(async () => {
    // Many posts in a few seconds: this is about events, not about limits.
    app = await startApp({ RATE_LIMITS: 'off' });
  });
  after(() => app.close());

  test('reconnecting with Last-Event-ID replays exactly the missed events, in order, none twice, then live ones', async () => {
    const alice = await app.token(people.alice);
    const first = await stream(app.url, alice);
    const p1 = await post(app, people.bob, 'Seen live 1');
    const p2 = await post(app, people.bob, 'Seen live 2');
    const e1 = await first.next();
    const e2 = await first.next();
    assert.deepEqual([e1.data.postId, e2.data.postId], [p1, p2]);
    assert.ok(e1.id! > first.ready.id! && e2.id! > e1.id!, 'ids increase');
    first.close();

    // While alice is away: posts, a like, an edit, and her own notification (bob mentions her).
    const m1 = await post(app, people.bob, 'Missed 1');
    await app.call('PUT', `/api/v1/posts/${p1}/like`, { as: people.carol });
    const m2 = await post(app, people.carol, 'Missed 2, for @alice');
    await app.call('PATCH', `/api/v1/posts/${p2}`, { as: people.bob, body: { body: 'Seen live 2, edited' } });

    // By header, as EventSource sends it.
    const back = await stream(app.url, alice, { header: String(e2.id) });
    assert.equal(back.ready.id, e2.id, 'ready says where the replay starts');
    const replayed: Block[] = [];
    for (let i = 0; i < 5; i++) replayed.push(await back.next());
    assert.deepEqual(
      replayed.map((b) => [b.event, b.data.postId]),
      [['post.created', m1], ['post.liked', p1], ['post.created', m2], ['notifications.changed', undefined], ['post.updated', p2]],
    );
    assert.deepEqual(replayed.map((b) => b.id), replayed.map((b) => b.id!).sort((a, b) => a - b), 'in id order');
    assert.equal(new Set(replayed.map((b) => b.id)).size, 5, 'none twice');
    assert.ok(replayed[0]!.id! > e2.id!, 'nothing she had');
    // Exactly those: then live ones, with nothing repeated in between.
    await back.quiet();
    const live = await post(app, people.bob, 'Live again');
    const next = await back.next();
    assert.equal(next.data.postId, live);
    assert.ok(next.id! > replayed.at(-1)!.id!);
    await back.quiet();
    back.close();

    // By query (the widgets' fetch-based client): from e1, everything after it once.
    const again = await stream(app.url, alice, { query: String(e1.id) });
    const all: Block[] = [];
    for (let i = 0; i < 7; i++) all.push(await again.next());
    assert.deepEqual(all.map((b) => b.data.postId), [p2, m1, p1, m2, undefined, p2, live]);
    await again.quiet();
    again.close();
  });

  test('events made while a stream is being replayed reach it once, after the replay', async () => {
    const bob = await app.token(people.bob);
    const first = await stream(app.url, bob);
    const from = first.ready.id!;
    first.close();
    const missed: number[] = [];
    for (let i = 0; i < 20; i++) missed.push(await post(app, people.carol, `Burst ${i}`));
    // Posting goes on while bob reconnects.
    const during = (async () => {
      const ids: number[] = [];
      for (let i = 0; i < 10; i++) ids.push(await post(app, people.alice, `During ${i}`));
      return ids;
    })();
    const back = await stream(app.url, bob, { query: String(from) });
    const duringIds = await during;
    const got: Block[] = [];
    for (let i = 0; i < 30; i++) got.push(await back.next());
    assert.deepEqual(got.map((b) => b.data.postId), [...missed, ...duringIds]);
    const ids = got.map((b) => b.id!);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    assert.equal(new Set(ids).size, ids.length);
    await back.quiet();
    back.close();
  });

  test('concurrent writes: a stream hears ids in increasing order (ids follow commit order), and a replay from any of them misses none', async () => {
    const carol = await app.token(people.carol);
    const s = await stream(app.url, carol);
    const from = s.ready.id!;
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => post(app, i % 2 ? people.alice : people.bob, `Race ${i} for @carol`)));
    const heard: Block[] = [];
    // Each post: its event, then carol's notification.
    while (heard.filter((e) => e.event === 'post.created').length < ids.length) heard.push(await s.next());
    const order = heard.map((e) => e.id!);
    assert.deepEqual(order, [...order].sort((x, y) => x - y), 'an id arrived after a larger one: ids are not in commit order');
    s.close();
    // Resuming after any id heard live gives exactly what followed it.
    for (const k of [0, 7, 33]) {
      const again = await stream(app.url, carol, { query: String(order[k]) });
      const rest: number[] = [];
      for (let i = k + 1; i < order.length; i++) rest.push((await again.next()).id!);
      assert.deepEqual(rest, order.slice(k + 1));
      again.close();
    }
    assert.ok(order[0]! > from);
  });

  test('a transaction that published first but commits last gets the larger id: ids follow commit order', async () => {
    const carol = await app.token(people.carol);
    const { id: carolId } = (await app.db.query<{ id: number }>(`SELECT id FROM people WHERE handle = 'carol'`))[0]!;
    const s = await stream(app.url, carol);
    const bus = eventBus(app.db);
    let published!: () => void;
    const first = app.db.transaction(async (tx) => {
      await bus.publish(tx, { type: 'notifications.changed', personIds: [carolId] });
      published();
      // Still working after its event: a later transaction must not commit an event before it.
      await tx.query('SELECT pg_sleep(0.3)');
    });
    await new Promise<void>((resolve) => (published = resolve));
    const second = app.db.transaction((tx) => bus.publish(tx, { type: 'notifications.changed', personIds: [carolId] }));
    await Promise.all([first, second]);
    // Out of order, the stream would drop the smaller id as already sent: one event lost.
    const heard = [(await s.next()).id!, (await s.next().catch(() => assert.fail('an event was lost: ids out of commit order'))).id!];
    assert.ok(heard[0]! < heard[1]!, `heard id ${heard[1]} after ${heard[0]}`);
    s.close();
  });

  test("a non-member reconnecting after a restricted community's posts is replayed none of them; a member all", async () => {
    const aliceToken = await app.token(people.alice);
    const bobToken = await app.token(people.bob);
    const a = await stream(app.url, aliceToken);
    const b = await stream(app.url, bobToken);
    const fromA = a.ready.id!;
    const fromB = b.ready.id!;
    a.close();
    b.close();
    const secret = await post(app, people.bob, 'Prototype X is late', 'secret-lab');
    await app.call('PUT', `/api/v1/posts/${secret}/like`, { as: people.bob });
    const open = await post(app, people.bob, 'Lunch at noon');
    await app.call('DELETE', `/api/v1/posts/${secret}`, { as: people.bob });

    const alice = await stream(app.url, aliceToken, { header: String(fromA) });
    const toAlice = await alice.next();
    assert.deepEqual(toAlice.data, { type: 'post.created', postId: open, parentId: null, community: 'general' });
    await alice.quiet();
    alice.close();

    const bob = await stream(app.url, bobToken, { header: String(fromB) });
    const toBob: Block[] = [];
    for (let i = 0; i < 4; i++) toBob.push(await bob.next());
    assert.deepEqual(toBob.map((e) => [e.event, e.data.postId, e.data.community]), [
      ['post.created', secret, 'secret-lab'], ['post.liked', secret, 'secret-lab'], ['post.created', open, 'general'], ['post.deleted', secret, 'secret-lab'],
    ]);
    await bob.quiet();
    bob.close();
  });

  test('an id the outbox no longer keeps, an unknown one or a malformed one: reset, then live events', async () => {
    const token = await app.token(people.carol);
    const fresh = await stream(app.url, token);
    const head = fresh.ready.id!;
    fresh.close();
    for (const last of [{ header: 'abc' }, { query: '12.5' }, { header: '' }, { query: '-1' }, { header: String(head + 1000) }, { header: '9'.repeat(40) }]) {
      const s = await stream(app.url, token, last);
      const reset = await s.next();
      assert.equal(reset.event, 'reset', JSON.stringify(last));
      assert.equal(reset.data.type, 'reset');
      assert.equal(reset.id, s.ready.id, 'reset says where the stream goes on');
      const id = await post(app, people.alice, `After reset ${JSON.stringify(last)}`);
      const next = await s.next();
      assert.equal(next.data.postId, id);
      assert.ok(next.id! > reset.id!);
      s.close();
    }
  });

  test('more events missed than are replayed: reset', async () => {
    const token = await app.token(people.carol);
    const fresh = await stream(app.url, token);
    const head = fresh.ready.id!;
    fresh.close();
    // Ids move on without a thousand posts: the outbox keeps whatever the bus publishes.
    await app.db.query(
      `INSERT INTO event_outbox (channel, event) SELECT 'nobody_listens', jsonb_build_object('type', 'notifications.changed', 'personIds', jsonb_build_array(0)) FROM generate_series(1, $1)`,
      [MAX_REPLAY + 1],
    );
    const s = await stream(app.url, token, { query: String(head) });
    assert.equal((await s.next()).event, 'reset');
    s.close();
    // Just within reach: replayed (none of these is for carol), no reset.
    const within = await stream(app.url, token, { query: String(head + 1) });
    await within.quiet();
    within.close();
  });

  test('pruning forgets events older than the window, always a prefix and never the newest; a stream from before them resets', async () => {
    const token = await app.token(people.alice);
    const s = await stream(app.url, token);
    const from = s.ready.id!;
    s.close();
    await post(app, people.bob, 'Old 1');
    await post(app, people.bob, 'Old 2');
    const kept = await post(app, people.bob, 'Recent');
    const bounds = await eventsRepo(app.db).bounds();
    // The two old ones (and all before them) are 25 hours old; the recent one is not.
    await app.db.query(`UPDATE event_outbox SET at = at - interval '25 hours' WHERE id < $1`, [bounds.newest!]);
    const older = (await app.db.query('SELECT id FROM event_outbox WHERE id < $1', [bounds.newest!])).length;
    assert.ok(older > 3);
    assert.equal(await eventsRepo(app.db).prune(24), older);
    const left = await app.db.query<{ id: string }>('SELECT id FROM event_outbox ORDER BY id');
    assert.deepEqual(left.map((r) => Number(r.id)), [bounds.newest!]);
    // A stream from before the old posts: their events are forgotten, so reset.
    const stale = await stream(app.url, token, { query: String(from) });
    assert.equal((await stale.next()).event, 'reset');
    stale.close();
    // One that had the last forgotten one missed nothing: the recent post is replayed.
    const justBefore = await stream(app.url, token, { query: String(bounds.newest! - 1) });
    const got = await justBefore.next();
    assert.equal(got.data.postId, kept);
    justBefore.close();
    // Everything old, even the newest: it stays, so the outbox knows how far ids went.
    await app.db.query(`UPDATE event_outbox SET at = at - interval '25 hours'`);
    assert.equal(await eventsRepo(app.db).prune(24), 0);
    assert.equal((await eventsRepo(app.db).bounds()).newest, bounds.newest);
  });
});

describe('replay and live delivery meet without a gap or a repeat', () => {
  test('events heard live while the outbox is read are held, then sent once each, in id order', async () => {
    let listener!: (event: KeptEvent) => void;
    const created = (id: number): KeptEvent => ({ id, type: 'post.created', postId: 100 + id, parentId: null, communityId: null });
    const bus = {
      subscribe: async (l: (event: KeptEvent) => void) => {
        listener = l;
        return () => undefined;
      },
      bounds: async () => ({ oldest: 1, newest: 5 }),
      // While the replay is read, events 4 and 5 (in the replay too) and 6 (committed after it) arrive live.
      since: async (from: number, upTo: number) => {
        for (const id of [4, 5, 6]) listener(created(id));
        await new Promise((resolve) => setTimeout(resolve, 20));
        return [3, 4, 5].filter((id) => id > from && id <= upTo).map(created);
      },
      prune: async () => 0,
    } as unknown as EventBus;
    const communities = { audience: async () => ({ slug: null, allowed: 'all' as const }) } as unknown as CommunitiesService;
    const live = liveEventsService(bus, { communities, outboxHours: 24 });
    const sent: string[] = [];
    const remove = await live.open({
      viewer: { id: 1 } as Viewer,
      ready: (id) => sent.push(`ready ${id}`),
      reset: (id) => sent.push(`reset ${id}`),
      send: (event, id) => sent.push(`${id} ${(event as { postId: number }).postId}`),
      close: () => undefined,
      expire: () => undefined,
    }, '2');
    listener(created(6));
    listener(created(7));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(sent, ['ready 2', '3 103', '4 104', '5 105', '6 106', '7 107']);
    remove();
    live.closeAll();
  });
});
