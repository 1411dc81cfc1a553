import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isProblem, people, startApp, uniqueSlug, type Person, type TestApp } from './helpers.ts';
import { questionsRepo } from '../src/features/questions/repo.ts';

const { alice, bob, carol } = people;
const p = (handle: string, roles = ['employee']): Person => ({ sub: `test:${handle}`, handle, name: handle[0]!.toUpperCase() + handle.slice(1), roles });
const [ana, ben, cleo, dev, eli, fay, gus] = ['ana', 'ben', 'cleo', 'dev', 'eli', 'fay', 'gus'].map((h) => p(h)) as [Person, Person, Person, Person, Person, Person, Person];
let app: TestApp;
before(async () => {
  app = await startApp();
  for (const person of [ana, ben, cleo, dev, eli, fay, gus]) await app.call('GET', '/api/v1/me', { as: person });
});
after(() => app.close());

const ask = async (as: Person, body: Record<string, unknown>) => {
  const res = await app.call('POST', '/api/v1/questions', { as, body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number; state: string; answers: unknown[] };
};
const answer = async (as: Person, questionId: number, body: string) => {
  const res = await app.call('POST', `/api/v1/questions/${questionId}/answers`, { as, body: { body } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number };
};

describe('the question lifecycle', () => {
  test('ask, answer, accept, and the state follows', async () => {
    const q = await ask(alice, { title: 'How do I rotate the VPN certificate?', body: 'Mine expires Friday.', tags: ['VPN', 'security'] });
    assert.equal(q.state, 'open');
    const got = (await app.call('GET', `/api/v1/questions/${q.id}`)).body;
    assert.deepEqual(got.tags, ['security', 'vpn']);
    assert.equal(got.canAccept, true);
    assert.equal(got.firstAnswerAt, null);
    const a1 = await answer(bob, q.id, 'Use the self-service portal.');
    const a2 = await answer(carol, q.id, 'Or ask IT.');
    const afterAnswers = (await app.call('GET', `/api/v1/questions/${q.id}`)).body;
    assert.equal(afterAnswers.answerCount, 2);
    assert.ok(afterAnswers.firstAnswerAt, 'time to first answer is recorded');
    const accepted = await app.call('PUT', `/api/v1/questions/${q.id}/accepted`, { as: alice, body: { answerId: a1.id } });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.state, 'answered');
    assert.equal(accepted.body.acceptedAnswerId, a1.id);
    assert.equal(accepted.body.answers[0].id, a1.id, 'the accepted answer comes first');
    assert.equal(accepted.body.answers[0].accepted, true);
    // Switching the accepted answer, then none.
    const switched = await app.call('PUT', `/api/v1/questions/${q.id}/accepted`, { as: alice, body: { answerId: a2.id } });
    assert.equal(switched.body.answers[0].id, a2.id);
    const none = await app.call('PUT', `/api/v1/questions/${q.id}/accepted`, { as: alice, body: { answerId: null } });
    assert.equal(none.body.state, 'open');
  });

  test('only the asker or a manager of its community accepts', async () => {
    const slug = uniqueSlug('Brand');
    const created = await app.call('POST', '/api/v1/communities', { as: carol, body: { slug, name: 'Brand', purpose: 'Slides, logos and the style guide.', managers: ['carol'] } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const q = await ask(alice, { title: 'Where is the style guide for slides?', community: slug });
    const a = await answer(bob, q.id, 'On the brand site.');
    isProblem(await app.call('PUT', `/api/v1/questions/${q.id}/accepted`, { as: bob, body: { answerId: a.id } }), 403);
    const byManager = await app.call('PUT', `/api/v1/questions/${q.id}/accepted`, { as: carol, body: { answerId: a.id } });
    assert.equal(byManager.status, 200);
    const other = await ask(bob, { title: 'Another question entirely here' });
    const foreign = await answer(carol, other.id, 'x marks it');
    isProblem(await app.call('PUT', `/api/v1/questions/${q.id}/accepted`, { as: alice, body: { answerId: foreign.id } }), 400);
  });

  test('edit and delete follow the rules of posts', async () => {
    const q = await ask(alice, { title: 'Typo in this question title', tags: ['misc'] });
    isProblem(await app.call('PATCH', `/api/v1/questions/${q.id}`, { as: bob, body: { title: 'Hijacked question title' } }), 403);
    const edited = await app.call('PATCH', `/api/v1/questions/${q.id}`, { as: alice, body: { title: 'No typo in this question title' } });
    assert.equal(edited.body.title, 'No typo in this question title');
    assert.ok(edited.body.editedAt);
    const a = await answer(bob, q.id, 'An answer');
    isProblem(await app.call('PATCH', `/api/v1/answers/${a.id}`, { as: alice, body: { body: 'changed' } }), 403);
    assert.equal((await app.call('PATCH', `/api/v1/answers/${a.id}`, { as: bob, body: { body: 'Better answer' } })).body.body, 'Better answer');
    isProblem(await app.call('DELETE', `/api/v1/questions/${q.id}`, { as: bob }), 403);
    assert.equal((await app.call('DELETE', `/api/v1/answers/${a.id}`, { as: carol })).status, 204, 'admins moderate');
    assert.equal((await app.call('GET', `/api/v1/questions/${q.id}`)).body.answerCount, 0);
    assert.equal((await app.call('DELETE', `/api/v1/questions/${q.id}`, { as: alice })).status, 204);
    isProblem(await app.call('GET', `/api/v1/questions/${q.id}`), 404);
  });

  test('one vote per person: changing it replaces it, 0 takes it back, and your own answer is off limits', async () => {
    const q = await ask(alice, { title: 'Best way to share large files externally?' });
    const a = await answer(bob, q.id, 'Use the secure transfer service.');
    const vote = (as: Person, value: number) => app.call('PUT', `/api/v1/answers/${a.id}/vote`, { as, body: { value } });
    assert.deepEqual((await vote(alice, 1)).body, { score: 1, myVote: 1 });
    assert.deepEqual((await vote(alice, 1)).body, { score: 1, myVote: 1 });
    assert.deepEqual((await vote(carol, 1)).body, { score: 2, myVote: 1 });
    assert.deepEqual((await vote(alice, -1)).body, { score: 0, myVote: -1 });
    assert.deepEqual((await vote(alice, 0)).body, { score: 1, myVote: 0 });
    isProblem(await vote(bob, 1), 403);
    isProblem(await vote(alice, 2), 400);
    const seen = (await app.call('GET', `/api/v1/questions/${q.id}`, { as: carol })).body.answers[0];
    assert.deepEqual([seen.score, seen.myVote], [1, 1]);
  });

  test('the unanswered queue lists questions nobody has answered yet', async () => {
    const open = await ask(alice, { title: 'Nobody knows this one yet?', tags: ['queue-test'] });
    const answered = await ask(alice, { title: 'Somebody knows this one', tags: ['queue-test'] });
    await answer(bob, answered.id, 'I do');
    const queue = await app.call('GET', '/api/v1/questions?unanswered=true&tag=queue-test');
    assert.deepEqual(queue.body.items.map((x: { id: number }) => x.id), [open.id]);
  });

  test('bad input: short title, unknown fields, too many tags, bad vote, unknown question', async () => {
    isProblem(await app.call('POST', '/api/v1/questions', { body: { title: 'Why?' } }), 400);
    isProblem(await app.call('POST', '/api/v1/questions', { body: { title: 'A proper question title', priority: 'high' } }), 400);
    isProblem(await app.call('POST', '/api/v1/questions', { body: { title: 'A proper question title', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) } }), 400);
    isProblem(await app.call('POST', '/api/v1/questions', { body: { title: 'A proper question title', tags: ['not a tag'] } }), 400);
    isProblem(await app.call('POST', '/api/v1/questions', { body: { title: 'A proper question title', community: 'nowhere' } }), 404);
    isProblem(await app.call('POST', '/api/v1/questions/999999/answers', { body: { body: 'hi' } }), 404);
    isProblem(await app.call('POST', '/api/v1/questions/1/answers', { body: { body: '   ' } }), 400);
    isProblem(await app.call('GET', '/api/v1/questions/similar?title=a'), 400);
    isProblem(await app.call('GET', '/api/v1/experts'), 400);
    isProblem(await app.call('GET', '/api/v1/experts?tags=a,b,c,d,e,f'), 400);
    isProblem(await app.call('POST', '/api/v1/notifications/read', { body: {} }), 400);
  });
});

describe('search before asking', () => {
  test('similar questions come answered first, with their accepted answer', async () => {
    const answered = await ask(ana, { title: 'How do I request a new laptop charger?', tags: ['hardware'] });
    const a = await answer(ben, answered.id, 'Order it in the IT shop, it ships in two days.');
    await app.call('PUT', `/api/v1/questions/${answered.id}/accepted`, { as: ana, body: { answerId: a.id } });
    const unanswered = await ask(cleo, { title: 'Laptop charger broken, where to request one?', tags: ['hardware'] });
    await ask(dev, { title: 'Quarterly sales figures for the board', tags: ['sales'] });
    const res = await app.call('GET', '/api/v1/questions/similar?title=' + encodeURIComponent('my laptop charger stopped working') + '&tags=hardware');
    assert.equal(res.status, 200);
    const ids = res.body.items.map((s: { question: { id: number } }) => s.question.id);
    assert.deepEqual(ids.slice(0, 2), [answered.id, unanswered.id], 'the answered one first');
    assert.equal(res.body.items[0].acceptedAnswer.body, 'Order it in the IT shop, it ships in two days.');
    assert.ok(!ids.includes(undefined));
    const salesRelated = res.body.items.some((s: { question: { title: string } }) => s.question.title.startsWith('Quarterly'));
    assert.equal(salesRelated, false, 'unrelated questions are not suggested');
  });
});

describe('expertise and routing', () => {
  /*
   * The fixture, on #k8s, with the weights of the model (answer 2, accepted +10, up-vote 1,
   * declared skill 5, endorsement 1; a year of age divides by e; posts count for nothing):
   *   ana   2 accepted answers now                 -> 2 x (2 + 10)        = 24
   *   ben   4 answers, none accepted, now          -> 4 x 2               = 8   (+1 up-vote = 9)
   *   cleo  declares #k8s, endorsed by 2           -> 5 + 2               = 7
   *   dev   10 posts with #k8s                     -> not an expert       = 0
   *   eli   2 accepted answers, two years ago      -> 24 / e^2            ~ 3.2
   *   fay   the same as ana, but marked away       -> skipped
   *   gus   asks the question                      -> excluded
   * So the order must be ana, ben, cleo, eli, and no dev. Built before each run of this block's tests
   * (so any one of them runs alone); none of them changes it.
   */
  before(async () => {
    const questions: number[] = [];
    for (let i = 0; i < 6; i++) questions.push((await ask(gus, { title: `Kubernetes question number ${i}`, tags: ['k8s'] })).id);
    for (const [who, qs] of [[ana, [0, 1]], [fay, [2, 3]], [eli, [4, 5]]] as const) {
      for (const qi of qs) {
        const a = await answer(who, questions[qi]!, 'kubectl rollout restart');
        await app.call('PUT', `/api/v1/questions/${questions[qi]}/accepted`, { as: gus, body: { answerId: a.id } });
      }
    }
    const benAnswers = [];
    for (let i = 0; i < 4; i++) benAnswers.push(await answer(ben, questions[i]!, 'Have you tried helm?'));
    await app.call('PUT', `/api/v1/answers/${benAnswers[0]!.id}/vote`, { as: ana, body: { value: 1 } });
    await app.call('PUT', '/api/v1/me/skills', { as: cleo, body: { tags: ['K8s', 'terraform'] } });
    await app.call('PUT', '/api/v1/people/cleo/skills/k8s/endorsement', { as: ana });
    await app.call('PUT', '/api/v1/people/cleo/skills/k8s/endorsement', { as: ben });
    for (let i = 0; i < 10; i++) await app.call('POST', '/api/v1/posts', { as: dev, body: { body: `Cluster note ${i} #k8s` } });
    await app.call('PUT', '/api/v1/me/away', { as: fay, body: { away: true } });
    // eli's answers happened two years ago: take their contribution out, backdate, put it back.
    const repo = questionsRepo(app.db);
    const rows = await app.db.query<{ id: number }>(`SELECT a.id FROM answers a JOIN people p ON p.id = a.author_id WHERE p.handle = 'eli'`);
    for (const { id } of rows) {
      await repo.contributions('a.id = $1', id, -1);
      await app.db.query(`UPDATE answers SET created_at = created_at - interval '730 days', accepted_at = accepted_at - interval '730 days' WHERE id = $1`, [id]);
      await repo.contributions('a.id = $1', id, 1);
    }
  });

  test('experts are ranked by earned and declared expertise, decayed by age, without the asker or people away', async () => {
    const res = await app.call('GET', '/api/v1/experts?tags=k8s&exclude=gus&limit=10', { as: gus });
    assert.equal(res.status, 200);
    const order = res.body.items.map((e: { person: { handle: string } }) => e.person.handle);
    assert.deepEqual(order.filter((h: string) => ['ana', 'ben', 'cleo', 'dev', 'eli', 'fay', 'gus'].includes(h)), ['ana', 'ben', 'cleo', 'eli']);
    const score = (h: string) => res.body.items.find((e: { person: { handle: string } }) => e.person.handle === h).score;
    assert.ok(Math.abs(score('ana') - 24) < 0.5, `ana ${score('ana')}`);
    assert.ok(Math.abs(score('ben') - 9) < 0.5, `ben ${score('ben')}`);
    assert.ok(Math.abs(score('cleo') - 7) < 0.5, `cleo ${score('cleo')}`);
    assert.ok(Math.abs(score('eli') - 24 / Math.E ** 2) < 0.5, `eli ${score('eli')}`);
  });

  test('each expert comes with the reason in data', async () => {
    const res = await app.call('GET', '/api/v1/experts?tags=k8s&exclude=gus', { as: gus });
    const byHandle = Object.fromEntries(res.body.items.map((e: { person: { handle: string } }) => [e.person.handle, e]));
    assert.equal(byHandle.ana.summary, '2 accepted answers on #k8s in the last year');
    assert.deepEqual(byHandle.ana.reasons[0], { tag: 'k8s', acceptedAnswers: 2, answers: 2, upvotes: 0, posts: 0, declared: false, endorsements: 0 });
    assert.equal(byHandle.ben.summary, '4 answers on #k8s in the last year');
    assert.equal(byHandle.ben.reasons[0].upvotes, 1);
    assert.equal(byHandle.cleo.summary, 'Lists #k8s, endorsed by 2 colleagues');
    assert.equal(byHandle.dev, undefined, 'posting in a tag is not expertise');
    assert.equal(byHandle.eli.summary, 'Earlier activity on these tags');
  });

  test('asking notifies the top experts in the app', async () => {
    const q = await ask(gus, { title: 'Pods stuck in CrashLoopBackOff after upgrade', tags: ['k8s'] });
    for (const [who, expected] of [[ana, 1], [ben, 1], [cleo, 1], [dev, 0], [fay, 0]] as const) {
      const list = await app.call('GET', '/api/v1/notifications?unread=true', { as: who });
      const routed = list.body.items.filter((n: { kind: string; target: { kind: string; id: number } }) =>
        n.kind === 'question.routed' && n.target.kind === 'question' && n.target.id === q.id);
      assert.equal(routed.length, expected, `${who.handle} notified ${routed.length} times`);
      // Why: the question's tags the expert knows.
      if (expected) assert.deepEqual(routed[0].detail.tags, ['k8s']);
    }
    const lines = (await app.call('GET', '/api/v1/notifications', { as: ana })).body.items as { ids: number[]; count: number }[];
    const total = lines.reduce((n, l) => n + l.count, 0);
    assert.deepEqual((await app.call('POST', '/api/v1/notifications/read', { as: ana, body: { ids: lines[0]!.ids } })).body.unread, total - lines[0]!.count);
    assert.deepEqual((await app.call('POST', '/api/v1/notifications/read', { as: ana, body: { all: true } })).body, { unread: 0 });
  });

  test('declared skills and endorsements show on a profile; you cannot endorse yourself', async () => {
    // Its own person and skill: withdrawing an endorsement must not change the #k8s fixture.
    const hal = p('hal');
    await app.call('PUT', '/api/v1/me/skills', { as: hal, body: { tags: ['Ansible'] } });
    await app.call('PUT', '/api/v1/people/hal/skills/ansible/endorsement', { as: ana });
    await app.call('PUT', '/api/v1/people/hal/skills/ansible/endorsement', { as: ben });
    const profile = await app.call('GET', '/api/v1/people/hal/expertise', { as: ana });
    assert.deepEqual(profile.body.skills[0], { tag: 'ansible', declared: true, endorsements: 2, endorsedByMe: true });
    isProblem(await app.call('PUT', '/api/v1/people/hal/skills/ansible/endorsement', { as: hal }), 400);
    const withdrawn = await app.call('DELETE', '/api/v1/people/hal/skills/ansible/endorsement', { as: ana });
    assert.deepEqual(withdrawn.body, { endorsements: 1, endorsedByMe: false });
  });
});

describe('questions are in search', () => {
  test('a search finds questions with posts, highlights the title, and can ask for one kind only', async () => {
    const q = await ask(alice, { title: 'Which printer driver works with the Zephyrine plotter?', body: 'The zephyrine in room 4.' });
    await app.call('POST', '/api/v1/posts', { as: bob, body: { body: 'The Zephyrine plotter is back from repair.' } });
    const res = await app.call('GET', '/api/v1/search?q=zephyrine');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items.map((h: { kind: string }) => h.kind).sort(), ['post', 'question']);
    const hit = res.body.items.find((h: { kind: string }) => h.kind === 'question');
    assert.equal(hit.question.id, q.id);
    const title = hit.question.title as string;
    assert.deepEqual(
      hit.highlights.filter((h: { field: string }) => h.field === 'title').map((h: { start: number; end: number }) => title.slice(h.start, h.end)),
      ['Zephyrine'],
    );
    assert.ok(hit.highlights.some((h: { field: string }) => h.field === 'body'));
    const onlyQuestions = await app.call('GET', '/api/v1/search?q=zephyrine&kind=question');
    assert.deepEqual(onlyQuestions.body.items.map((h: { kind: string }) => h.kind), ['question']);
    isProblem(await app.call('GET', '/api/v1/search?q=zephyrine&kind=people'), 400);
  });
});
