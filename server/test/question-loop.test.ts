import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { isProblem, people, startApp, type Person, type TestApp } from './helpers.ts';

/**
 * Ask-expert closes its loop (issue #13, point 2): "my questions" with new-answer marks, "for me
 * to answer", passing ("not me") to the next best expert, and time to first (expert) answer.
 */
const { alice, bob } = people;
const p = (handle: string): Person => ({ sub: `test:${handle}`, handle, name: handle[0]!.toUpperCase() + handle.slice(1), roles: ['employee'] });
// Created in this order, so equal declared expertise ranks them in this order (ties go by id).
const [asker, ex1, ex2, ex3, ex4, away, other] = ['lp-asker', 'lp-ex1', 'lp-ex2', 'lp-ex3', 'lp-ex4', 'lp-away', 'lp-other'].map(p) as
  [Person, Person, Person, Person, Person, Person, Person];
const ids: Record<string, number> = {};

let app: TestApp;
before(async () => {
  app = await startApp();
  for (const person of [asker, ex1, ex2, ex3, ex4, away, other, alice, bob]) {
    ids[person.handle] = (await app.call('GET', '/api/v1/me', { as: person })).body.id;
  }
});
after(() => app.close());

/** A tag of each test's own, so no other test's expertise or questions count. */
const tag = () => `loop-${randomBytes(4).toString('hex')}`;

const ask = async (as: Person, body: Record<string, unknown>) => {
  const res = await app.call('POST', '/api/v1/questions', { as, body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number };
};
const answer = async (as: Person, id: number, body = 'Here is how.') => {
  const res = await app.call('POST', `/api/v1/questions/${id}/answers`, { as, body: { body } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number };
};
const declare = async (tags: string[], ...who: Person[]) => {
  for (const person of who) assert.equal((await app.call('PUT', '/api/v1/me/skills', { as: person, body: { tags } })).status, 200);
};
const list = async (as: Person, query: string) => {
  const res = await app.call('GET', `/api/v1/questions?${query}`, { as });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { items: { id: number; newAnswers: number; routedToMe: boolean; title: string }[]; nextCursor: string | null };
};
const forMe = async (as: Person) => (await list(as, 'scope=for-me')).items;
const routedTo = async (questionId: number) =>
  (await app.db.query<{ person_id: number; passed: boolean }>(
    'SELECT person_id, passed_at IS NOT NULL AS passed FROM question_routes WHERE question_id = $1 ORDER BY person_id', [questionId]));
const routedNotices = async (person: Person) =>
  (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND kind = 'question.routed'`, [ids[person.handle]]))[0]!.n;

describe('my questions', () => {
  test("the asker's own questions, newest first, each marked with the answers they have not seen", async () => {
    const t = tag();
    const first = await ask(asker, { title: 'First question of the asker here', tags: [t] });
    const second = await ask(asker, { title: 'Second question of the asker here', tags: [t] });
    const theirs = await ask(other, { title: 'Somebody else asks something', tags: [t] });
    const mine = (await list(asker, 'scope=mine')).items.filter((q) => [first.id, second.id, theirs.id].includes(q.id));
    assert.deepEqual(mine.map((q) => q.id), [second.id, first.id], 'only theirs, newest first');
    assert.deepEqual(mine.map((q) => q.newAnswers), [0, 0]);

    await answer(other, first.id);
    await answer(alice, first.id);
    await answer(asker, first.id, 'Adding context myself.');
    const marked = (await list(asker, 'scope=mine')).items.find((q) => q.id === first.id)!;
    assert.equal(marked.newAnswers, 2, "two answers by others; the asker's own is not news");
    const seenByOther = (await app.call('GET', `/api/v1/questions/${first.id}`, { as: other })).body;
    assert.equal(seenByOther.newAnswers, 0, 'the mark is for the asker only');
    assert.equal((await list(asker, 'scope=mine')).items.find((q) => q.id === first.id)!.newAnswers, 2, "someone else opening it changes nothing");

    assert.equal((await app.call('GET', `/api/v1/questions/${first.id}`, { as: asker })).status, 200);
    assert.equal((await list(asker, 'scope=mine')).items.find((q) => q.id === first.id)!.newAnswers, 0, 'opened: seen');
    await answer(bob, first.id, 'One more way.');
    assert.equal((await list(asker, 'scope=mine')).items.find((q) => q.id === first.id)!.newAnswers, 1, 'a later answer is new again');
  });

  test('pages with a cursor and refuses an author filter', async () => {
    const t = tag();
    const made: number[] = [];
    for (let i = 0; i < 3; i++) made.push((await ask(other, { title: `Paged question number ${i} here`, tags: [t] })).id);
    const page1 = await list(other, 'scope=mine&limit=2');
    assert.equal(page1.items.length, 2);
    assert.ok(page1.nextCursor);
    const page2 = await list(other, `scope=mine&limit=2&cursor=${page1.nextCursor}`);
    assert.ok(!page2.items.some((q) => page1.items.some((x) => x.id === q.id)), 'no question twice');
    assert.deepEqual([...page1.items, ...page2.items].map((q) => q.id).filter((id) => made.includes(id)).slice(0, 3), [...made].reverse());
    isProblem(await app.call('GET', '/api/v1/questions?scope=mine&author=bob', { as: other }), 400);
    isProblem(await app.call('GET', '/api/v1/questions?scope=everything', { as: other }), 400);
  });
});

describe('for me to answer, and passing', () => {
  test('routed questions first, then unanswered ones in tags I know; never my own, answered or passed ones', async () => {
    const t = tag();
    const early = await ask(asker, { title: 'Asked before anyone knew the tag', tags: [t] });
    await declare([t], ex1);
    const routed = await ask(asker, { title: 'Asked once ex1 knows the tag', tags: [t] });
    const own = await ask(ex1, { title: 'A question ex1 asks in the tag', tags: [t] });
    const answered = await ask(other, { title: 'Answered before ex1 looks at it', tags: [t] });
    await answer(alice, answered.id);
    const unrelated = await ask(asker, { title: 'Something in another tag entirely', tags: [tag()] });

    const queue = (await forMe(ex1)).filter((q) => [early.id, routed.id, own.id, answered.id, unrelated.id].includes(q.id));
    // `answered` was routed to ex1 when it was asked: routed stays in the queue while ex1 has not answered.
    assert.deepEqual(queue.map((q) => [q.id, q.routedToMe]), [[answered.id, true], [routed.id, true], [early.id, false]]);

    await answer(ex1, routed.id);
    const pass = await app.call('POST', `/api/v1/questions/${answered.id}/pass`, { as: ex1 });
    assert.equal(pass.status, 200, JSON.stringify(pass.body));
    assert.equal(pass.body.routedToMe, false);
    const left = (await forMe(ex1)).map((q) => q.id);
    assert.ok(!left.includes(routed.id), 'answered by me: gone');
    assert.ok(!left.includes(answered.id), 'passed: gone, and not back as a known-tag question');
    assert.ok(left.includes(early.id));
    isProblem(await app.call('GET', '/api/v1/questions?scope=for-me&tag=x', { as: ex1 }), 400);
  });

  test('a pass routes the next best expert who was not asked, is not away and is not the asker, and notifies them', async () => {
    const t = tag();
    // Equal declarations: a later one weighs a little more (expertise decays with age), so the
    // ranking is ex3, ex2, ex1, then away (skipped), then ex4.
    await declare([t], ex4, away, ex1, ex2, ex3);
    await app.call('PUT', '/api/v1/me/away', { as: away, body: { away: true } });
    try {
      const q = await ask(asker, { title: 'Which of you can help with this?', tags: [t] });
      assert.deepEqual((await routedTo(q.id)).map((r) => r.person_id), [ids['lp-ex1'], ids['lp-ex2'], ids['lp-ex3']], 'the top 3, not the one away');
      const noticesBefore = await routedNotices(ex4);
      const later = await ask(other, { title: 'A newer question in the same tag', tags: [t] });

      const res = await app.call('POST', `/api/v1/questions/${q.id}/pass`, { as: ex2 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(await routedTo(q.id), [
        { person_id: ids['lp-ex1'], passed: false }, { person_id: ids['lp-ex2'], passed: true },
        { person_id: ids['lp-ex3'], passed: false }, { person_id: ids['lp-ex4'], passed: false },
      ].sort((a, b) => a.person_id! - b.person_id!), 'ex4, not the one away');
      assert.equal(await routedNotices(ex4), noticesBefore + 1, 'ex4 is told');
      // ex4's queue: the question routed to them comes before the newer one they merely know about.
      const queue = (await forMe(ex4)).filter((x) => [q.id, later.id].includes(x.id));
      assert.deepEqual(queue.map((x) => [x.id, x.routedToMe]), [[q.id, true], [later.id, false]]);

      // Passing twice: 409, and nothing changes (nobody else is asked).
      const routes = await routedTo(q.id);
      isProblem(await app.call('POST', `/api/v1/questions/${q.id}/pass`, { as: ex2 }), 409);
      assert.deepEqual(await routedTo(q.id), routes);
      // Not routed to you: 403, nothing changes.
      isProblem(await app.call('POST', `/api/v1/questions/${q.id}/pass`, { as: other }), 403);
      isProblem(await app.call('POST', `/api/v1/questions/${q.id}/pass`, { as: asker }), 403);
      assert.deepEqual(await routedTo(q.id), routes);
      isProblem(await app.call('POST', '/api/v1/questions/2147480000/pass', { as: ex1 }), 404);

      // Everyone passes: nobody is left to ask, and the asker is never routed their own question.
      for (const who of [ex1, ex3, ex4]) assert.equal((await app.call('POST', `/api/v1/questions/${q.id}/pass`, { as: who })).status, 200);
      assert.ok((await routedTo(q.id)).every((r) => r.passed && r.person_id !== ids['lp-asker']));
    } finally {
      await app.call('PUT', '/api/v1/me/away', { as: away, body: { away: false } });
    }
  });

  test("a restricted community's questions reach only its members, in the queue and by a pass", async () => {
    const t = tag();
    // bob is secret-lab's only member; ex1 joins it too. alice knows the tag best but is not a member.
    await app.db.query(
      `INSERT INTO memberships (community_id, person_id) SELECT c.id, $1 FROM communities c WHERE c.slug = 'secret-lab' ON CONFLICT DO NOTHING`,
      [ids['lp-ex1']]);
    await declare([t], alice, ex1, bob);
    const secret = await ask(bob, { title: 'Restricted question for members only', tags: [t], community: 'secret-lab' });
    assert.deepEqual((await routedTo(secret.id)).map((r) => r.person_id), [ids['lp-ex1']], 'only a member who is not the asker');
    const unrouted = await ask(other, { title: 'An open question in the same tag', tags: [t] });
    const aliceQueue = (await forMe(alice)).map((q) => q.id);
    assert.ok(!aliceQueue.includes(secret.id), 'not in a non-member\'s queue');
    assert.ok(aliceQueue.includes(unrouted.id) || (await routedTo(unrouted.id)).some((r) => r.person_id === ids['alice']));
    isProblem(await app.call('POST', `/api/v1/questions/${secret.id}/pass`, { as: alice }), 404);
    // The member passes: alice knows the tag but cannot read it, bob asked it: nobody is routed or told.
    const aliceNotices = await routedNotices(alice);
    assert.equal((await app.call('POST', `/api/v1/questions/${secret.id}/pass`, { as: ex1 })).status, 200);
    assert.deepEqual(await routedTo(secret.id), [{ person_id: ids['lp-ex1'], passed: true }]);
    assert.equal(await routedNotices(alice), aliceNotices);
  });
});

describe('time to first answer and to first expert answer', () => {
  test('recorded in the answer\'s transaction and returned with the question', async () => {
    const t = tag();
    await declare([t], ex3);
    const q = await ask(other, { title: 'How long until an expert answers?', tags: [t] });
    // ex3 was routed; a passer-by answers first.
    const fresh = (await app.call('GET', `/api/v1/questions/${q.id}`, { as: other })).body;
    assert.equal(fresh.firstAnswerAt, null);
    assert.equal(fresh.firstExpertAnswerAt, null);
    await answer(alice, q.id, 'Not an expert, but try this.');
    const afterLay = (await app.call('GET', `/api/v1/questions/${q.id}`, { as: other })).body;
    assert.ok(afterLay.firstAnswerAt, 'first answer recorded');
    assert.equal(afterLay.firstExpertAnswerAt, null, 'a non-expert answer is not an expert answer');
    await answer(other, q.id, 'The asker adds a note.');
    assert.equal((await app.call('GET', `/api/v1/questions/${q.id}`, { as: other })).body.firstExpertAnswerAt, null, 'the asker is not an expert');
    await answer(ex3, q.id, 'As the expert: this.');
    const done = (await app.call('GET', `/api/v1/questions/${q.id}`, { as: other })).body;
    assert.ok(done.firstExpertAnswerAt, 'first expert answer recorded');
    assert.ok(done.firstExpertAnswerAt >= done.firstAnswerAt);
    assert.equal(done.firstAnswerAt, afterLay.firstAnswerAt, 'the first answer stays the first');
    // It shows in lists too.
    assert.equal((await list(other, 'scope=mine')).items.find((x) => x.id === q.id)!.newAnswers, 0, 'opened by the asker above');
  });

  test('someone whose earned expertise covers a tag answers as an expert without being routed', async () => {
    const t = tag();
    // ex4 earns expertise: an answer accepted in the tag (2 + 10).
    const earlier = await ask(other, { title: 'An earlier question in this tag', tags: [t] });
    const a = await answer(ex4, earlier.id);
    assert.equal((await app.call('PUT', `/api/v1/questions/${earlier.id}/accepted`, { as: other, body: { answerId: a.id } })).status, 200);
    const q = await ask(asker, { title: 'A later question in this tag', tags: [t] });
    await app.db.query('DELETE FROM question_routes WHERE question_id = $1', [q.id]);
    await answer(ex4, q.id);
    assert.ok((await app.call('GET', `/api/v1/questions/${q.id}`, { as: asker })).body.firstExpertAnswerAt);
    assert.equal((await app.call('GET', `/api/v1/questions/${earlier.id}`, { as: other })).body.firstExpertAnswerAt, null,
      'their first answer in the tag was not yet an expert one');
  });
});
