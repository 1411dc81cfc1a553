import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { people, sign, TEST_DB, type Person } from './helpers.ts';
import { stream, type Block } from './event-stream.ts';
import { startInstance, stopInstance, storage, type Instance } from './instances.ts';

describe('two server processes on one PostgreSQL database', {
  skip: TEST_DB !== 'postgres' ? 'PostgreSQL only: PGlite is embedded in one process (HEARTH_TEST_DB=postgres TEST_DATABASE_URL=...)' : false,
  timeout: 120_000,
}, () => {
  let store: Awaited<ReturnType<typeof storage>> | undefined;
  let a: Instance | undefined;
  let b: Instance | undefined;
  const tokens = new Map<string, string>();
  const token = async (person: Person) => {
    if (!tokens.has(person.sub)) tokens.set(person.sub, await sign(person));
    return tokens.get(person.sub)!;
  };
  const post = async (on: Instance, as: Person, body: string, community = 'general') => {
    const res = await fetch(`${on.url}/api/v1/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(as)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body, community }),
    });
    const answer = (await res.json()) as { id: number };
    assert.equal(res.status, 201, JSON.stringify(answer));
    return answer.id;
  };

  before(async () => {
    // A database of its own with the test people (instances.ts: main.ts takes DATABASE_URL only).
    store = await storage();
    [a, b] = await Promise.all([startInstance(store.databaseUrl, store.dataDir('a')), startInstance(store.databaseUrl, store.dataDir('b'))]);
  });

  after(async () => {
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await store?.remove();
  });

  test("each instance's events reach the other's streams, with the same ids, members only", async () => {
    const onA = await stream(a!.url, await token(people.alice));
    const onB = await stream(b!.url, await token(people.alice));
    const bobOnA = await stream(a!.url, await token(people.bob));
    const fromA = await post(a!, people.bob, 'Posted on A');
    const fromB = await post(b!, people.carol, 'Posted on B');
    for (const s of [onA, onB, bobOnA]) {
      const first = await s.next();
      const second = await s.next();
      assert.deepEqual([first.data.postId, second.data.postId], [fromA, fromB]);
    }
    // A restricted community's post made on B: bob hears it on A, alice on neither.
    const secret = await post(b!, people.bob, 'Prototype X', 'secret-lab');
    const open = await post(b!, people.bob, 'Lunch');
    assert.deepEqual([(await bobOnA.next()).data.postId, (await bobOnA.next()).data.postId], [secret, open]);
    for (const s of [onA, onB]) assert.equal((await s.next()).data.postId, open);
    for (const s of [onA, onB, bobOnA]) s.close();
  });

  test('a stream dropped from A resumes on B with Last-Event-ID: no gap, nothing twice', async () => {
    const alice = await token(people.alice);
    const onA = await stream(a!.url, alice);
    const seen = await post(b!, people.bob, 'Seen on A');
    const last = await onA.next();
    assert.equal(last.data.postId, seen);
    onA.close();
    // While alice moves: writes on both instances.
    const missed = [
      await post(a!, people.bob, 'Missed 1 (A)'),
      await post(b!, people.carol, 'Missed 2 (B)'),
      await post(a!, people.carol, 'Missed 3 (A)'),
      await post(b!, people.bob, 'Missed 4 (B)'),
    ];
    const onB = await stream(b!.url, alice, { header: String(last.id) });
    const got: Block[] = [];
    for (let i = 0; i < missed.length; i++) got.push(await onB.next());
    assert.deepEqual(got.map((e) => e.data.postId), missed);
    const ids = got.map((e) => e.id!);
    assert.deepEqual(ids, [...ids].sort((x, y) => x - y));
    assert.ok(ids[0]! > last.id!);
    await onB.quiet();
    // And live again, from either instance.
    const live = await post(a!, people.bob, 'Live after the move');
    assert.equal((await onB.next()).data.postId, live);
    onB.close();
  });
});
