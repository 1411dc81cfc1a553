import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonCard } from '@hearth/contracts';
import { isProblem, people, startApp, type Person, type TestApp } from './helpers.ts';
import { excerpt } from '../src/features/people/service.ts';

/**
 * GET /people/:handle: a person's card, as the viewer may see it. bob answers in the open and in
 * secret-lab (a restricted community whose members are bob and dave); alice, not a member, must
 * never see anything of secret-lab on bob's card, dave must.
 */
const { alice, bob, carol } = people;
const dave: Person = { sub: 'test:dave', handle: 'dave', name: 'Dave Dahl', roles: ['employee'] };
const SECRET = 'zebraquartz'; // a word only secret-lab content holds

describe('person cards', () => {
  let app: TestApp;
  let ids: { openPost: number; hiddenPost: number; secretPost: number; vpnAnswer: number; secretAnswer: number };

  const card = async (handle: string, as: Person) => {
    const res = await app.call('GET', `/api/v1/people/${encodeURIComponent(handle)}`, { as });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(PersonCard.safeParse(res.body).success, 'the card matches the contract');
    return res.body as PersonCard;
  };
  const ok = async (method: string, path: string, as: Person, body?: unknown) => {
    const res = await app.call(method, `/api/v1${path}`, { as, ...(body !== undefined ? { body } : {}) });
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  before(async () => {
    app = await startApp({ RATE_LIMITS: 'off' });
    await app.db.exec(`
      INSERT INTO people (external_id, handle, name, roles, active) VALUES
        ('test:dave', 'dave', 'Dave Dahl', '{employee}', true),
        ('test:gone', 'gone', 'Gone Away', '{employee}', false);
      INSERT INTO people (external_id, handle, name, title, department, roles) VALUES
        ('test:erin', 'erin.o', 'Erin O''Neill', 'Network engineer', 'IT', '{employee}');
      INSERT INTO memberships (community_id, person_id, role)
        SELECT c.id, p.id, 'manager' FROM communities c, people p WHERE c.slug = 'secret-lab' AND p.handle = 'dave';`);
    await ok('PUT', '/communities/general/membership', bob);

    // Earned in the open: an accepted answer on #vpn, upvoted by carol.
    const vpn = await ok('POST', '/questions', alice, { title: 'Why does the VPN ask me to sign in every hour?', body: 'It keeps asking.', tags: ['vpn'] });
    const vpnAnswer = await ok('POST', `/questions/${vpn.id}/answers`, bob, { body: 'Turn on the remembered device setting.' });
    await ok('PUT', `/questions/${vpn.id}/accepted`, alice, { answerId: vpnAnswer.id });
    await ok('PUT', `/answers/${vpnAnswer.id}/vote`, carol, { value: 1 });
    // An answer on #wifi, neither accepted nor upvoted: answering alone is no reason.
    const wifi = await ok('POST', '/questions', alice, { title: 'Which wifi network do guests use?', body: 'Visitors tomorrow.', tags: ['wifi'] });
    await ok('POST', `/questions/${wifi.id}/answers`, bob, { body: 'The guest one, ask reception.' });
    // Earned in secret-lab: an accepted answer on a tag only secret-lab uses.
    const secret = await ok('POST', '/questions', dave, {
      title: `How is the ${SECRET} prototype cooled?`, body: 'Details inside.', tags: [`${SECRET}-cooling`], community: 'secret-lab',
    });
    const secretAnswer = await ok('POST', `/questions/${secret.id}/answers`, bob, { body: `Liquid, see the ${SECRET} notes.` });
    await ok('PUT', `/questions/${secret.id}/accepted`, dave, { answerId: secretAnswer.id });
    // Declared (one endorsed by alice; one a tag nobody uses; one a tag only secret-lab uses).
    await ok('PUT', '/me/skills', bob, { tags: ['kubernetes', 'quantum-knitting', `${SECRET}-cooling`] });
    await ok('PUT', '/people/bob/skills/kubernetes/endorsement', alice);

    const openPost = await ok('POST', '/posts', bob, { body: `Status page is up again. ${'All systems normal. '.repeat(20)}`, community: 'general' });
    const hiddenPost = await ok('POST', '/posts', bob, { body: 'Something a moderator will hide' });
    await ok('POST', `/moderation/items/post/${hiddenPost.id}/hide`, carol, { reason: 'Off topic for this company' });
    const secretPost = await ok('POST', '/posts', bob, { body: `The ${SECRET} build is ready`, community: 'secret-lab' });
    ids = { openPost: openPost.id, hiddenPost: hiddenPost.id, secretPost: secretPost.id, vpnAnswer: vpnAnswer.id, secretAnswer: secretAnswer.id };
  });
  after(() => app.close());

  test('who they are, what they know with the reasons, strongest first', async () => {
    const c = await card('bob', alice);
    assert.deepEqual(c.person, { id: c.person.id, handle: 'bob', name: 'Bob Brown', title: null, department: null });
    assert.equal(c.isMe, false);
    assert.equal(c.away, false);
    assert.deepEqual(c.skills, [
      { tag: 'vpn', declared: false, endorsements: 0, endorsedByMe: false, acceptedAnswers: 1, upvotes: 1 },
      { tag: 'kubernetes', declared: true, endorsements: 1, endorsedByMe: true, acceptedAnswers: 0, upvotes: 0 },
      { tag: 'quantum-knitting', declared: true, endorsements: 0, endorsedByMe: false, acceptedAnswers: 0, upvotes: 0 },
    ]);
    // carol did not endorse: endorsedByMe is the viewer's own.
    assert.equal((await card('bob', carol)).skills.find((s) => s.tag === 'kubernetes')?.endorsedByMe, false);
  });

  test("a restricted community the viewer is not in never shows: not in skills (even declared ones), communities or recent work", async () => {
    const c = await card('bob', alice);
    const text = JSON.stringify(c);
    assert.ok(!text.includes(SECRET), text);
    assert.ok(!text.includes('Secret Lab') && !text.includes('secret-lab'), text);
    assert.deepEqual(c.communities, [{ slug: 'general', name: 'General', visibility: 'open', role: 'member' }]);
    assert.deepEqual(c.recent.map((r) => [r.kind, r.id]), [['post', ids.openPost], ['answer', c.recent[1]!.id], ['answer', ids.vpnAnswer]]);
    // The admin who is not a member sees no more.
    assert.ok(!JSON.stringify(await card('bob', carol)).includes(SECRET));
  });

  test('a member of it sees it all', async () => {
    const c = await card('bob', dave);
    assert.deepEqual(c.skills.map((s) => s.tag), [`${SECRET}-cooling`, 'vpn', 'kubernetes', 'quantum-knitting']);
    assert.deepEqual(c.skills[0], { tag: `${SECRET}-cooling`, declared: true, endorsements: 0, endorsedByMe: false, acceptedAnswers: 1, upvotes: 0 });
    assert.deepEqual(c.communities.map((x) => [x.slug, x.role]), [['general', 'member'], ['secret-lab', 'member']]);
    assert.equal(c.recent[0]!.kind, 'post');
    assert.equal(c.recent[0]!.id, ids.secretPost);
    assert.deepEqual(c.recent[0]!.kind === 'post' && c.recent[0]!.community, { slug: 'secret-lab', name: 'Secret Lab', visibility: 'restricted' });
    assert.ok(c.recent.some((r) => r.kind === 'answer' && r.id === ids.secretAnswer && r.accepted));
    assert.equal(c.recent.length, 5, 'at most five');
  });

  test('recent work: newest first, excerpts on one line and short, nothing hidden by a moderator', async () => {
    const c = await card('bob', alice);
    assert.ok(!c.recent.some((r) => r.kind === 'post' && r.id === ids.hiddenPost), 'a hidden post is not shown');
    const times = c.recent.map((r) => r.createdAt);
    assert.deepEqual(times, [...times].sort().reverse());
    const post = c.recent.find((r) => r.kind === 'post' && r.id === ids.openPost)!;
    assert.ok(post.excerpt.length <= 200 && post.excerpt.endsWith('…'), post.excerpt);
    assert.ok(post.excerpt.startsWith('Status page is up again. All systems normal.'));
    const answer = c.recent.find((r) => r.kind === 'answer' && r.id === ids.vpnAnswer);
    assert.deepEqual(answer && answer.kind === 'answer' && [answer.questionTitle, answer.accepted],
      ['Why does the VPN ask me to sign in every hour?', true]);
  });

  test('someone who has done nothing yet: who they are, and empty lists', async () => {
    const c = await card('erin.o', alice);
    assert.deepEqual(c, {
      person: { id: c.person.id, handle: 'erin.o', name: "Erin O'Neill", title: 'Network engineer', department: 'IT' },
      away: false, isMe: false, following: false, followers: 0, skills: [], communities: [], recent: [],
    });
  });

  test('their own card says so; away shows', async () => {
    await ok('PUT', '/me/away', bob, { away: true });
    const c = await card('bob', bob);
    assert.equal(c.isMe, true);
    assert.equal(c.away, true);
    assert.equal(c.following, false);
    assert.equal((await card('bob', alice)).away, true);
    await ok('PUT', '/me/away', bob, { away: false });
  });

  test('unknown, deactivated and malformed handles: 404 problem+json, all alike', async () => {
    const details = [];
    for (const handle of ['nobody', 'gone', 'Bob', 'bob!', '-bob', 'x'.repeat(40), '@bob', 'bob smith']) {
      const res = await app.call('GET', `/api/v1/people/${encodeURIComponent(handle)}`, { as: alice });
      details.push(isProblem(res, 404).detail);
    }
    assert.equal(details[1], 'person @gone does not exist or is not visible to you');
    assert.equal(isProblem(await app.call('GET', `/api/v1/people/${'x'.repeat(101)}`, { as: alice }), 400).status, 400, 'absurdly long: 400');
    assert.equal((await app.call('GET', '/api/v1/people/bob', { as: null })).status, 401);
  });

  test('an excerpt: one line, at most 200 code units with its ellipsis, cut at a word, never inside a surrogate pair', () => {
    assert.equal(excerpt('  Two\nlines\t here  '), 'Two lines here');
    const words = excerpt('word '.repeat(60));
    assert.ok(words.length <= 200 && words.endsWith('word…'), words);
    const emoji = excerpt(`${'a'.repeat(198)}😀${'b'.repeat(10)}`);
    assert.equal(emoji, `${'a'.repeat(198)}…`);
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(excerpt(`${'a'.repeat(197)}😀😀😀`)));
  });

  test("one's own card lists every declared skill: the skills editor seeds from it and saving replaces the list", async () => {
    const fran: Person = { sub: 'test:fran', handle: 'fran', name: 'Fran Fisher', roles: ['employee'] };
    await app.db.exec(`INSERT INTO people (external_id, handle, name, roles) VALUES ('test:fran', 'fran', 'Fran Fisher', '{employee}')`);
    // 20 declared, the most one may: 19 nobody uses, and one used only in secret-lab, which fran is not in.
    const declared = [...Array.from({ length: 19 }, (_, i) => `declared-${String(i).padStart(2, '0')}`), `${SECRET}-cooling`];
    await ok('PUT', '/me/skills', fran, { tags: declared });
    assert.deepEqual((await card('fran', fran)).skills.map((s) => s.tag).sort(), [...declared].sort(), 'her own card: all of them');
    assert.deepEqual((await card('fran', alice)).skills.map((s) => s.tag), declared.slice(0, 19),
      "others' view: not the tag only a community hidden from them uses");
    assert.ok((await card('fran', dave)).skills.some((s) => s.tag === `${SECRET}-cooling`), 'a member of secret-lab sees it');

    // 21 tags earned by accepted answers (10 each), all outranking a declared skill (5).
    const earned = Array.from({ length: 21 }, (_, i) => `earned-${String(i).padStart(2, '0')}`);
    for (let q = 0; q < 3; q++) {
      const question = await ok('POST', '/questions', alice, { title: `Fran's question number ${q}?`, body: 'Please help.', tags: earned.slice(q * 7, q * 7 + 7) });
      const answer = await ok('POST', `/questions/${question.id}/answers`, fran, { body: 'Here is how.' });
      await ok('PUT', `/questions/${question.id}/accepted`, alice, { answerId: answer.id });
    }

    const own = await card('fran', fran);
    assert.deepEqual(own.skills.filter((s) => s.declared).map((s) => s.tag).sort(), [...declared].sort(), 'all declared skills');
    assert.equal(own.skills.filter((s) => !s.declared).length, 20, 'and the 20 strongest earned ones');
    assert.deepEqual(own.skills.slice(0, 20).map((s) => s.tag), earned.slice(0, 20), 'strongest first');

    assert.deepEqual((await card('fran', alice)).skills.map((s) => s.tag), earned.slice(0, 20), "others' view: at most 20, strongest first");
  });
});
