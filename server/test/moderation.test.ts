import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isProblem, openEvents, people, startApp, type Person, type TestApp } from './helpers.ts';

/*
 * Light moderation end to end: reports, the queue for managers and admins, hide / restore /
 * dismiss with what each changes (placeholders, search, tag counts and feeds, expertise,
 * notifications, the audit trail, live events), and the admin's keyword watch list.
 */

const { alice, bob, carol } = people; // carol is an admin
const dave: Person = { sub: 'test:dave', handle: 'dave', name: 'Dave Diaz', roles: ['employee'] };
const erin: Person = { sub: 'test:erin', handle: 'erin', name: 'Erin Evans', roles: ['employee'] };

let app: TestApp;

before(async () => {
  // Limits are tested on their own; here they would only get in the way.
  app = await startApp({ RATE_LIMITS: 'off' });
  // bob manages garden (open); he is also made manager of secret-lab, where erin is a member.
  const garden = await app.call('POST', '/api/v1/communities', {
    as: carol, body: { slug: 'garden', name: 'Garden Club', purpose: 'Plants and soil', managers: ['bob'] },
  });
  assert.equal(garden.status, 201, JSON.stringify(garden.body));
  for (const p of [dave, erin]) await app.call('GET', '/api/v1/me', { as: p });
  await app.db.exec(`
    UPDATE memberships SET role = 'manager'
      WHERE community_id = (SELECT id FROM communities WHERE slug = 'secret-lab') AND person_id = (SELECT id FROM people WHERE handle = 'bob');
    INSERT INTO memberships (community_id, person_id)
      SELECT c.id, p.id FROM communities c, people p WHERE c.slug = 'secret-lab' AND p.handle = 'erin';
  `);
});
after(() => app.close());

async function post(as: Person, body: string, extra: Record<string, unknown> = {}) {
  const res = await app.call('POST', '/api/v1/posts', { as, body: { body, ...extra } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number; tags: string[]; mentions: unknown[] };
}
async function reply(as: Person, postId: number, body: string) {
  const res = await app.call('POST', `/api/v1/posts/${postId}/replies`, { as, body: { body } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number };
}
async function ask(as: Person, title: string, extra: Record<string, unknown> = {}) {
  const res = await app.call('POST', '/api/v1/questions', { as, body: { title, ...extra } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number };
}
async function answer(as: Person, questionId: number, body: string) {
  const res = await app.call('POST', `/api/v1/questions/${questionId}/answers`, { as, body: { body } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number };
}
const report = (as: Person, kind: string, id: number, reason = 'spam', note?: string) =>
  app.call('POST', '/api/v1/reports', { as, body: { kind, id, reason, ...(note !== undefined ? { note } : {}) } });
const queue = (as: Person, qs = '') => app.call('GET', `/api/v1/moderation/queue${qs}`, { as });
const act = (as: Person, action: 'hide' | 'restore' | 'dismiss', kind: string, id: number, body: Record<string, unknown> = {}) =>
  app.call('POST', `/api/v1/moderation/items/${kind}/${id}/${action}`, { as, body });
const itemOf = (page: { items: { kind: string; id: number }[] }, kind: string, id: number) =>
  page.items.find((i) => i.kind === kind && i.id === id) as any;

/** A person's expertise under a tag, as stored (decay factor left out). */
async function expertise(handle: string, tag: string): Promise<number> {
  const [row] = await app.db.query<{ score: number }>(
    `SELECT COALESCE(sum(e.score), 0)::float8 AS score FROM expertise e
     JOIN tags t ON t.id = e.tag_id JOIN people p ON p.id = e.person_id WHERE t.name = $1 AND p.handle = $2`, [tag, handle]);
  return Number(row?.score ?? 0);
}
async function cloudCount(as: Person, tag: string): Promise<number> {
  const res = await app.call('GET', '/api/v1/tags?days=all&limit=100', { as });
  assert.equal(res.status, 200);
  return (res.body.items as { name: string; posts: number }[]).find((t) => t.name === tag)?.posts ?? 0;
}
async function searchIds(as: Person, q: string): Promise<string[]> {
  const res = await app.call('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, { as });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body.items as any[]).map((h) => (h.kind === 'post' ? `post:${h.post.id}` : `question:${h.question.id}`));
}
async function notificationsOf(as: Person) {
  const res = await app.call('GET', '/api/v1/notifications?limit=50', { as });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items as any[];
}
/** A notification line about `kind` `id` (a post's reply is a post to moderation, a `reply` target here). */
const about = (n: any, kind: string, id: number) => n.target.id === id && (n.target.kind === kind || (kind === 'post' && n.target.kind === 'reply'));

describe('reporting', () => {
  test('anyone reports what they can see, once; a second report is 409 already-reported', async () => {
    const p = await post(alice, 'Watering schedule for the beds', { community: 'garden' });
    const first = await report(dave, 'post', p.id, 'spam');
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual({ ...first.body, id: 0, createdAt: '' }, { id: 0, kind: 'post', targetId: p.id, reason: 'spam', createdAt: '' });
    const again = isProblem(await report(dave, 'post', p.id, 'harassment'), 409);
    assert.equal(again.type, '/problems/already-reported');
    // A reply, a question and an answer too.
    const r = await reply(alice, p.id, 'And the greenhouse on Fridays');
    const q = await ask(alice, 'Which mulch keeps weeds away?', { community: 'garden' });
    const a = await answer(alice, q.id, 'Bark mulch, five centimetres');
    for (const [kind, id] of [['post', r.id], ['question', q.id], ['answer', a.id]] as const) {
      assert.equal((await report(dave, kind, id, 'off_topic')).status, 201, `${kind} ${id}`);
    }
  });

  test('your own content is a 400 naming body.id; "other" needs a note', async () => {
    const p = await post(alice, 'My own words');
    const own = isProblem(await report(alice, 'post', p.id), 400);
    assert.equal(own.errors?.[0]?.path, 'body.id');
    assert.match(own.detail ?? '', /your own post/);
    const noNote = isProblem(await report(dave, 'post', p.id, 'other'), 400);
    assert.equal(noNote.errors?.[0]?.path, 'body.note');
    assert.equal((await report(dave, 'post', p.id, 'other', 'It names a customer')).status, 201);
    const [stored] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports WHERE target_id = $1 AND kind = $2', [p.id, 'post']);
    assert.equal(stored?.n, 1, 'the refused reports stored nothing');
  });

  test("a restricted community's content, deleted content and missing content answer the same 404", async () => {
    const secret = await post(bob, 'Prototype notes', { community: 'secret-lab' });
    const hidden = isProblem(await report(alice, 'post', secret.id), 404);
    const missing = isProblem(await report(alice, 'post', 2_000_000_000), 404);
    assert.equal(hidden.detail?.replace(String(secret.id), 'N'), missing.detail?.replace('2000000000', 'N'));
    const gone = await post(alice, 'Soon deleted');
    assert.equal((await app.call('DELETE', `/api/v1/posts/${gone.id}`, { as: alice })).status, 204);
    isProblem(await report(dave, 'post', gone.id), 404);
    // A member of the community reports it like any other content.
    assert.equal((await report(erin, 'post', secret.id, 'confidential')).status, 201);
  });
});

describe('the moderation queue', () => {
  let gardenPost: number;
  let companyPost: number;
  let secretPost: number;
  let replyId: number;
  let answerId: number;

  before(async () => {
    gardenPost = (await post(alice, 'Selling my old bike, cheap!', { community: 'garden' })).id;
    await report(dave, 'post', gardenPost, 'spam');
    await report(erin, 'post', gardenPost, 'other', 'Not about gardening at all');
    companyPost = (await post(alice, 'Company-wide announcement nobody asked for')).id;
    await report(dave, 'post', companyPost, 'off_topic');
    secretPost = (await post(bob, 'Secret prototype specs', { community: 'secret-lab' })).id;
    await report(erin, 'post', secretPost, 'confidential');
    const parent = await post(alice, 'Tomato season is here\nSecond line of the post', { community: 'garden' });
    replyId = (await reply(erin, parent.id, 'Tomatoes are overrated')).id;
    await report(dave, 'post', replyId, 'harassment');
    const q = await ask(dave, 'When should I plant tulip bulbs?', { community: 'garden' });
    answerId = (await answer(erin, q.id, 'Never, buy them in pots')).id;
    await report(alice, 'answer', answerId, 'off_topic');
  });

  test('a manager sees the items of the communities they manage, as written, with reasons and notes but no reporter names', async () => {
    const res = await queue(bob, '?limit=50');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const item = itemOf(res.body, 'post', gardenPost);
    assert.ok(item, 'the garden post is in bob\'s queue');
    assert.equal(item.status, 'open');
    assert.equal(item.content.body, 'Selling my old bike, cheap!');
    assert.equal(item.content.author.handle, 'alice');
    assert.equal(item.community.slug, 'garden');
    assert.equal(item.reporterCount, 2);
    assert.deepEqual(item.reasons.map((r: any) => `${r.reason}:${r.count}`).sort(), ['other:1', 'spam:1']);
    assert.deepEqual(item.notes, ['Not about gardening at all']);
    assert.equal(item.decision, null);
    assert.ok(!JSON.stringify(item).includes('dave') && !JSON.stringify(item).includes('erin'), 'no reporter is named');
    // Context: a reply's post (its first line), an answer's question title.
    assert.equal(itemOf(res.body, 'post', replyId).content.context, 'Tomato season is here');
    assert.equal(itemOf(res.body, 'answer', answerId).content.context, 'When should I plant tulip bulbs?');
    // secret-lab is bob's too; the company-wide post is for admins only.
    assert.ok(itemOf(res.body, 'post', secretPost));
    assert.equal(itemOf(res.body, 'post', companyPost), undefined);
    // Newest opened first.
    const opened = (res.body.items as any[]).map((i) => i.openedAt);
    assert.deepEqual(opened, [...opened].sort().reverse());
  });

  test('an admin sees everything they can see, company-wide content included, but not a restricted community they are not in', async () => {
    const res = await queue(carol, '?limit=50');
    assert.equal(res.status, 200);
    assert.ok(itemOf(res.body, 'post', gardenPost));
    assert.ok(itemOf(res.body, 'post', companyPost));
    assert.equal(itemOf(res.body, 'post', secretPost), undefined);
    assert.ok(!JSON.stringify(res.body).includes('Secret Lab'));
  });

  test('others get 403; a community filter narrows, and a community you cannot see is 404 like a missing one', async () => {
    isProblem(await queue(alice), 403);
    isProblem(await queue(alice, '?community=garden'), 403);
    const hidden = isProblem(await queue(alice, '?community=secret-lab'), 404);
    const missing = isProblem(await queue(alice, '?community=no-such-lab'), 404);
    assert.equal(hidden.detail?.replace('secret-lab', 'X'), missing.detail?.replace('no-such-lab', 'X'));
    isProblem(await queue(bob, '?community=general'), 403);
    const garden = await queue(bob, '?community=garden&limit=50');
    assert.equal(garden.status, 200);
    assert.ok(garden.body.items.length >= 3);
    assert.ok((garden.body.items as any[]).every((i) => i.community?.slug === 'garden'));
    isProblem(await queue(carol, '?community=secret-lab'), 404);
    isProblem(await queue(bob, '?status=nope'), 400);
  });

  test('pages with a cursor, without repeating or skipping', async () => {
    const all = (await queue(carol, '?limit=50')).body.items.map((i: any) => `${i.kind}:${i.id}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await queue(carol, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((i: any) => `${i.kind}:${i.id}`));
      cursor = res.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, all);
    isProblem(await queue(carol, '?cursor=forged'), 400);
  });
});

describe('hide, restore and dismiss', () => {
  test('hidden content is a placeholder for others; its author sees the reason; moderators see it whole', async () => {
    const p = await post(alice, 'Rude words about #slugs and @bob', { community: 'garden', tags: ['pests'] });
    await app.call('PUT', `/api/v1/posts/${p.id}/like`, { as: dave });
    await report(dave, 'post', p.id, 'harassment');
    const res = await act(bob, 'hide', 'post', p.id, { reason: 'Please keep it civil' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'hidden');
    assert.equal(res.body.content.body, 'Rude words about #slugs and @bob');
    assert.deepEqual(res.body.content.tags, ['pests', 'slugs']);
    assert.equal(res.body.decision.action, 'hide');
    assert.equal(res.body.decision.note, 'Please keep it civil');
    assert.equal(res.body.decision.by.handle, 'bob');

    const forDave = (await app.call('GET', `/api/v1/posts/${p.id}`, { as: dave })).body;
    assert.equal(forDave.body, '');
    assert.deepEqual(forDave.tags, []);
    assert.deepEqual(forDave.mentions, []);
    assert.equal(forDave.hidden.reason, null);
    assert.ok(forDave.hidden.at);
    assert.equal(forDave.likeCount, 1, 'likes are kept as a count');
    assert.equal(forDave.canEdit, false);
    // Still in the feed, as a placeholder.
    const feed = (await app.call('GET', '/api/v1/posts?community=garden&limit=50', { as: dave })).body.items as any[];
    const inFeed = feed.find((x) => x.id === p.id);
    assert.equal(inFeed.body, '');
    assert.ok(inFeed.hidden);
    assert.ok(!JSON.stringify(feed).includes('Rude words'));

    const forAlice = (await app.call('GET', `/api/v1/posts/${p.id}`, { as: alice })).body;
    assert.equal(forAlice.body, 'Rude words about #slugs and @bob');
    assert.equal(forAlice.hidden.reason, 'Please keep it civil');
    assert.deepEqual(forAlice.tags, ['pests', 'slugs']);
    assert.equal(forAlice.mentions[0].handle, 'bob');
    for (const moderator of [bob, carol]) {
      const seen = (await app.call('GET', `/api/v1/posts/${p.id}`, { as: moderator })).body;
      assert.equal(seen.body, 'Rude words about #slugs and @bob', moderator.handle);
      assert.equal(seen.hidden.reason, 'Please keep it civil', moderator.handle);
    }
    // A hidden post takes no replies.
    isProblem(await app.call('POST', `/api/v1/posts/${p.id}/replies`, { as: dave, body: { body: 'hm' } }), 409);
    // Hiding twice is a conflict.
    isProblem(await act(bob, 'hide', 'post', p.id, { reason: 'again' }), 409);
  });

  test('only moderators act: others 403, company-wide content is for admins, a reason is required', async () => {
    const p = await post(alice, 'Garden gossip', { community: 'garden' });
    isProblem(await act(dave, 'hide', 'post', p.id, { reason: 'x' }), 403);
    isProblem(await act(alice, 'hide', 'post', p.id, { reason: 'x' }), 403);
    const noReason = isProblem(await act(bob, 'hide', 'post', p.id, {}), 400);
    assert.equal(noReason.errors?.[0]?.path, 'body.reason');
    isProblem(await act(bob, 'hide', 'post', p.id, { reason: '   ' }), 400);
    const company = await post(alice, 'Everyone: free cake');
    isProblem(await act(bob, 'hide', 'post', company.id, { reason: 'x' }), 403);
    // Content can be hidden with no report (the item is created).
    const hidden = await act(carol, 'hide', 'post', company.id, { reason: 'Duplicate of the canteen post' });
    assert.equal(hidden.status, 200);
    assert.equal(hidden.body.reporterCount, 0);
    // Deleted content is missing to non-moderators.
    const gone = await post(alice, 'Deleted later', { community: 'garden' });
    await app.call('DELETE', `/api/v1/posts/${gone.id}`, { as: alice });
    isProblem(await act(dave, 'hide', 'post', gone.id, { reason: 'x' }), 404);
    isProblem(await act(bob, 'hide', 'post', gone.id, { reason: 'x' }), 409);
  });

  test('hidden content leaves search, tag counts and feeds, similar questions and expertise; restore brings it all back', async () => {
    const p = await post(alice, 'Compost tips: turn it weekly #compostingx with @bob', { community: 'garden', tags: ['soilworkx'] });
    const q = await ask(alice, 'How do I prune roses in winter frost?', { community: 'garden', tags: ['rosesx'], body: 'Thorny question' });
    const asked = await ask(dave, 'How often should drip irrigation run?', { community: 'garden', tags: ['irrigationx'] });
    const a = await answer(alice, asked.id, 'Twice a day, early and late');

    const was = {
      tags: (await app.call('GET', `/api/v1/posts/${p.id}`, { as: dave })).body.tags,
      compost: await cloudCount(dave, 'compostingx'),
      soil: await cloudCount(dave, 'soilworkx'),
      postExpertise: await expertise('alice', 'compostingx'),
      answerExpertise: await expertise('alice', 'irrigationx'),
    };
    assert.deepEqual(was.tags, ['compostingx', 'soilworkx']);
    assert.equal(was.compost, 1);
    // Posting in a tag is not expertise (014_term_stats.sql); answering is.
    assert.ok(was.postExpertise === 0 && was.answerExpertise > 0);
    assert.ok((await searchIds(dave, 'compost')).includes(`post:${p.id}`));
    assert.ok((await searchIds(dave, 'prune roses')).includes(`question:${q.id}`));
    const experts = async (tag: string) => ((await app.call('GET', `/api/v1/experts?tags=${tag}`, { as: dave })).body.items as any[]).map((e) => e.person.handle);
    assert.deepEqual(await experts('irrigationx'), ['alice']);

    for (const [kind, id] of [['post', p.id], ['question', q.id], ['answer', a.id]] as const) {
      assert.equal((await act(bob, 'hide', kind, id, { reason: 'Checking something' })).status, 200, `${kind} hidden`);
    }

    assert.ok(!(await searchIds(dave, 'compost')).includes(`post:${p.id}`), 'out of search (posts)');
    assert.ok(!(await searchIds(dave, 'prune roses')).includes(`question:${q.id}`), 'out of search (questions)');
    assert.ok(!(await searchIds(alice, 'compost')).includes(`post:${p.id}`), 'out of search for its author too');
    assert.equal(await cloudCount(dave, 'compostingx'), 0);
    assert.equal(await cloudCount(dave, 'soilworkx'), 0);
    isProblem(await app.call('GET', '/api/v1/tags/compostingx', { as: dave }), 404);
    assert.deepEqual((await app.call('GET', '/api/v1/posts?tag=compostingx', { as: dave })).body.items, []);
    assert.deepEqual((await app.call('GET', '/api/v1/questions?tag=rosesx', { as: dave })).body.items, []);
    const similar = await app.call('GET', `/api/v1/questions/similar?title=${encodeURIComponent('prune roses winter')}&tags=rosesx`, { as: dave });
    assert.ok(!(similar.body.items as any[]).some((s) => s.question.id === q.id), 'out of similar questions');
    assert.equal(await expertise('alice', 'compostingx'), 0);
    assert.equal(await expertise('alice', 'irrigationx'), 0);
    assert.deepEqual(await experts('irrigationx'), []);
    // The question stays in the list as a placeholder, its answers with it.
    const list = (await app.call('GET', '/api/v1/questions?community=garden&limit=50', { as: dave })).body.items as any[];
    const placeholder = list.find((x) => x.id === q.id);
    assert.deepEqual([placeholder.title, placeholder.body, placeholder.tags, placeholder.hidden.reason], ['', '', [], null]);
    const detail = (await app.call('GET', `/api/v1/questions/${asked.id}`, { as: dave })).body;
    const hiddenAnswer = detail.answers.find((x: any) => x.id === a.id);
    assert.equal(hiddenAnswer.body, '');
    assert.ok(hiddenAnswer.hidden);
    assert.equal((await app.call('GET', `/api/v1/questions/${asked.id}`, { as: alice })).body.answers.find((x: any) => x.id === a.id).body,
      'Twice a day, early and late');
    isProblem(await app.call('POST', `/api/v1/questions/${q.id}/answers`, { as: dave, body: { body: 'Cut low' } }), 409);

    for (const [kind, id] of [['post', p.id], ['question', q.id], ['answer', a.id]] as const) {
      const restored = await act(bob, 'restore', kind, id, { note: 'All fine' });
      assert.equal(restored.status, 200, `${kind} restored: ${JSON.stringify(restored.body)}`);
      assert.equal(restored.body.status, 'restored');
      assert.equal(restored.body.decision.action, 'restore');
    }

    const back = (await app.call('GET', `/api/v1/posts/${p.id}`, { as: dave })).body;
    assert.equal(back.hidden, null);
    assert.deepEqual(back.tags, was.tags);
    assert.equal(back.mentions[0].handle, 'bob');
    assert.equal(await cloudCount(dave, 'compostingx'), was.compost);
    assert.equal(await cloudCount(dave, 'soilworkx'), was.soil);
    assert.equal((await app.call('GET', '/api/v1/tags/compostingx', { as: dave })).status, 200);
    assert.deepEqual((await app.call('GET', '/api/v1/posts?tag=compostingx', { as: dave })).body.items.map((x: any) => x.id), [p.id]);
    assert.deepEqual((await app.call('GET', '/api/v1/questions?tag=rosesx', { as: dave })).body.items.map((x: any) => x.id), [q.id]);
    assert.ok((await searchIds(dave, 'compost')).includes(`post:${p.id}`));
    assert.ok((await searchIds(dave, 'prune roses')).includes(`question:${q.id}`));
    assert.equal(await expertise('alice', 'compostingx'), 0);
    assert.ok(Math.abs((await expertise('alice', 'irrigationx')) - was.answerExpertise) < 1e-9 * was.answerExpertise);
    assert.deepEqual(await experts('irrigationx'), ['alice']);
    const question = (await app.call('GET', `/api/v1/questions/${q.id}`, { as: dave })).body;
    assert.deepEqual([question.title, question.tags, question.hidden], ['How do I prune roses in winter frost?', ['rosesx'], null]);

    // Restore only from hidden; dismiss only from open.
    isProblem(await act(bob, 'restore', 'post', p.id), 409);
    isProblem(await act(bob, 'dismiss', 'post', p.id), 409);
  });

  test('a post its author edits while hidden stays out of the counts, and comes back as edited', async () => {
    const p = await post(alice, 'Selling seeds #seedsalex', { community: 'garden' });
    await act(bob, 'hide', 'post', p.id, { reason: 'No selling here' });
    const edited = await app.call('PATCH', `/api/v1/posts/${p.id}`, { as: alice, body: { body: 'Swapping seeds #seedswapx' } });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.hidden.reason, 'No selling here');
    assert.equal(await cloudCount(dave, 'seedswapx'), 0);
    await act(bob, 'restore', 'post', p.id);
    assert.equal(await cloudCount(dave, 'seedswapx'), 1);
    assert.equal(await cloudCount(dave, 'seedsalex'), 0);
  });

  test('dismiss: open items only; the reporters are told; a new report reopens the item', async () => {
    const p = await post(alice, 'Is this spam? No, a plant swap list', { community: 'garden' });
    await report(dave, 'post', p.id, 'spam');
    isProblem(await act(bob, 'restore', 'post', p.id), 409);
    const res = await act(bob, 'dismiss', 'post', p.id, { note: 'A real swap list' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'dismissed');
    assert.equal(res.body.decision.action, 'dismiss');
    assert.equal((await app.call('GET', `/api/v1/posts/${p.id}`, { as: dave })).body.hidden, null, 'nothing is hidden');
    isProblem(await act(bob, 'dismiss', 'post', p.id), 409);
    assert.equal(itemOf((await queue(bob, '?limit=50')).body, 'post', p.id), undefined, 'out of the open queue');
    assert.ok(itemOf((await queue(bob, '?status=dismissed&limit=50')).body, 'post', p.id));
    const told = (await notificationsOf(dave)).find((n) => about(n, 'post', p.id));
    assert.deepEqual([told.kind, told.detail.outcome, told.detail.note], ['report.decided', 'dismissed', undefined]);
    assert.equal(told.target.title, 'Is this spam? No, a plant swap list');
    // A new report reopens it, as a fresh entry at the top of the queue.
    await report(erin, 'post', p.id, 'spam');
    const reopened = itemOf((await queue(bob, '?limit=1')).body, 'post', p.id);
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.reporterCount, 2);
    assert.equal(reopened.decision, null);
    // Hidden after that, only erin (who reported since it reopened) is told.
    await act(bob, 'hide', 'post', p.id, { reason: 'On second thought' });
    assert.ok((await notificationsOf(erin)).some((n) => about(n, 'post', p.id) && n.detail.outcome === 'hidden'));
    assert.ok(!(await notificationsOf(dave)).some((n) => about(n, 'post', p.id) && n.detail.outcome === 'hidden'));
  });

  test('authors and reporters are told; the reason goes to the author only; deleted content says nothing of itself', async () => {
    const p = await post(alice, 'Our neighbours ruin the roses', { community: 'garden' });
    await report(dave, 'post', p.id, 'harassment');
    await act(bob, 'hide', 'post', p.id, { reason: 'Name no neighbours' });
    const forAlice = (await notificationsOf(alice)).find((n) => about(n, 'post', p.id));
    assert.deepEqual(
      { kind: forAlice.kind, actors: forAlice.actors, target: { ...forAlice.target, href: null }, detail: forAlice.detail },
      {
        kind: 'content.hidden', actors: [],
        target: { kind: 'post', id: p.id, parentId: null, available: true, title: 'Our neighbours ruin the roses', community: { slug: 'garden', name: 'Garden Club' }, href: null },
        detail: { outcome: 'hidden', note: 'Name no neighbours' },
      });
    // The reporter is told the outcome, not the hidden text again.
    const forDave = (await notificationsOf(dave)).find((n) => about(n, 'post', p.id));
    assert.deepEqual(forDave.target, { kind: 'post', id: p.id, parentId: null, available: false, title: null, community: null, href: null });
    assert.deepEqual([forDave.kind, forDave.detail], ['report.decided', { outcome: 'hidden' }]);
    await act(bob, 'restore', 'post', p.id);
    const restored = (await notificationsOf(alice)).filter((n) => about(n, 'post', p.id)).map((n) => n.kind);
    assert.deepEqual(restored, ['content.restored', 'content.hidden']);
    // Question notifications keep working alongside.
    const q = await ask(dave, 'Best time to water the lawn?', { community: 'garden' });
    await answer(alice, q.id, 'Early morning');
    assert.ok((await notificationsOf(dave)).some((n) => n.kind === 'answer.posted' && n.target.kind === 'answer' && n.target.parentId === q.id && n.target.title === 'Early morning'));
    // Deleted: still listed (and counted until read), but as unavailable: no title, no link.
    await app.call('DELETE', `/api/v1/posts/${p.id}`, { as: alice });
    const gone = (await notificationsOf(alice)).filter((n) => about(n, 'post', p.id));
    assert.equal(gone.length, 2);
    for (const n of gone) assert.deepEqual(n.target, { kind: 'post', id: p.id, parentId: null, available: false, title: null, community: null, href: null });
    assert.ok(!JSON.stringify(gone).includes('neighbours'));
  });

  test("a notification about a question a moderator hid says nothing of it to others, nor a restricted community's to those who left", async () => {
    const q = await ask(dave, 'Can I compost citrus peel?', { community: 'garden' });
    await answer(alice, q.id, 'In small amounts');
    // About the question itself (routed), or an answer in it (answered): available, with its words.
    const seen = (as: Person) => notificationsOf(as).then((ns) => ns.some((n) => n.target.available
      && ((about(n, 'question', q.id) && n.target.title === 'Can I compost citrus peel?') || (n.target.kind === 'answer' && n.target.parentId === q.id && n.target.title === 'In small amounts'))));
    assert.ok(await seen(dave));
    await act(bob, 'hide', 'question', q.id, { reason: 'Duplicate' });
    assert.ok(await seen(dave), 'its asker still sees their own question');
    // Anyone else's notifications about it say nothing of it while it is hidden.
    await app.db.query(
      `INSERT INTO notifications (person_id, kind, question_id, thread, target)
       SELECT id, 'question.routed', $1::int, 'question:' || $1::int, 'question:' || $1::int FROM people WHERE handle = 'erin'`, [q.id]);
    assert.ok(!(await seen(erin)));
    assert.ok((await notificationsOf(erin)).some((n) => about(n, 'question', q.id) && !n.target.available));
    await act(bob, 'restore', 'question', q.id);
    assert.ok(await seen(erin));
    // erin reported a secret-lab post: once she leaves the community, its outcome says nothing of it.
    const secret = await post(bob, 'Lab rota for next week', { community: 'secret-lab' });
    await report(erin, 'post', secret.id, 'confidential');
    await act(bob, 'dismiss', 'post', secret.id);
    assert.ok((await notificationsOf(erin)).some((n) => about(n, 'post', secret.id) && n.target.title === 'Lab rota for next week'));
    assert.equal((await app.call('DELETE', '/api/v1/communities/secret-lab/membership', { as: erin })).status, 200);
    const left = (await notificationsOf(erin)).filter((n) => about(n, 'post', secret.id));
    assert.equal(left.length, 1);
    assert.equal(left[0].target.available, false);
    assert.ok(!JSON.stringify(left).includes('Lab rota') && !JSON.stringify(left).includes('secret-lab'));
    await app.db.query(`INSERT INTO memberships (community_id, person_id)
      SELECT c.id, p.id FROM communities c, people p WHERE c.slug = 'secret-lab' AND p.handle = 'erin'`);
  });

  test('every decision is in the audit trail, with who, what, where and why', async () => {
    const rows = await app.db.query<{ action: string; actor: string; target_kind: string; reason: string | null; community: string | null }>(
      `SELECT l.action, p.handle AS actor, l.target_kind, l.reason, c.slug AS community
       FROM audit_log l JOIN people p ON p.id = l.actor_id LEFT JOIN communities c ON c.id = l.community_id ORDER BY l.id`);
    const hide = rows.find((r) => r.action === 'content.hide' && r.reason === 'Please keep it civil');
    assert.deepEqual(hide, { action: 'content.hide', actor: 'bob', target_kind: 'post', reason: 'Please keep it civil', community: 'garden' });
    assert.ok(rows.some((r) => r.action === 'content.restore' && r.reason === 'All fine' && r.target_kind === 'answer'));
    assert.ok(rows.some((r) => r.action === 'report.dismiss' && r.reason === 'A real swap list'));
    assert.ok(rows.some((r) => r.action === 'content.hide' && r.actor === 'carol' && r.community === null));
  });

  test('open feeds hear that a hidden or restored post changed', async () => {
    const p = await post(alice, 'Live and then hidden', { community: 'garden' });
    const stream = await openEvents(app, dave);
    try {
      await act(bob, 'hide', 'post', p.id, { reason: 'Testing' });
      assert.deepEqual((await stream.next()).data, { type: 'post.updated', postId: p.id, parentId: null, community: 'garden' });
      await act(bob, 'restore', 'post', p.id);
      assert.deepEqual((await stream.next()).data, { type: 'post.updated', postId: p.id, parentId: null, community: 'garden' });
    } finally {
      stream.close();
    }
  });
});

describe('the keyword watch list', () => {
  test('admins only; words are matched whole, ignoring case; unsafe or invalid patterns are a 400 naming body.pattern', async () => {
    isProblem(await app.call('GET', '/api/v1/moderation/keywords', { as: bob }), 403);
    isProblem(await app.call('POST', '/api/v1/moderation/keywords', { as: bob, body: { pattern: 'falcon' } }), 403);
    const word = await app.call('POST', '/api/v1/moderation/keywords', { as: carol, body: { pattern: 'Falcon' } });
    assert.equal(word.status, 201, JSON.stringify(word.body));
    assert.deepEqual([word.body.pattern, word.body.regex], ['falcon', false]);
    isProblem(await app.call('POST', '/api/v1/moderation/keywords', { as: carol, body: { pattern: 'FALCON' } }), 409);
    const pattern = await app.call('POST', '/api/v1/moderation/keywords', { as: carol, body: { pattern: 'launch\\s+date', regex: true } });
    assert.equal(pattern.status, 201, JSON.stringify(pattern.body));
    for (const [bad, code] of [['(a+)+$', 'unsafe_pattern'], ['^(a|a)*$', 'unsafe_pattern'], ['(x*)*y', 'unsafe_pattern'], ['(unclosed', 'invalid_pattern']] as const) {
      const problem = isProblem(await app.call('POST', '/api/v1/moderation/keywords', { as: carol, body: { pattern: bad, regex: true } }), 400);
      assert.equal(problem.errors?.[0]?.path, 'body.pattern', bad);
      assert.equal((problem.errors?.[0] as { code?: string } | undefined)?.code, code, bad);
    }
    const list = await app.call('GET', '/api/v1/moderation/keywords', { as: carol });
    assert.deepEqual(list.body.items.map((k: any) => k.pattern), ['falcon', 'launch\\s+date'], 'nothing unsafe was stored');
  });

  test('matching new and edited content enters the queue, open, without being hidden', async () => {
    const p = await post(alice, 'Project FALCON ships soon', { community: 'garden' });
    const item = itemOf((await queue(bob, '?limit=50')).body, 'post', p.id);
    assert.ok(item, 'in the manager\'s queue');
    assert.deepEqual([item.status, item.keywords, item.reporterCount], ['open', ['falcon'], 0]);
    assert.equal((await app.call('GET', `/api/v1/posts/${p.id}`, { as: dave })).body.body, 'Project FALCON ships soon', 'not hidden');
    const inWord = await post(alice, 'The falconry club meets on Tuesday', { community: 'garden' });
    assert.equal(itemOf((await queue(carol, '?limit=50')).body, 'post', inWord.id), undefined, 'a word inside another word does not match');
    // Edited to match a pattern.
    const later = await post(alice, 'Nothing to see', { community: 'garden' });
    await app.call('PATCH', `/api/v1/posts/${later.id}`, { as: alice, body: { body: 'The launch   date moved' } });
    assert.deepEqual(itemOf((await queue(bob, '?limit=50')).body, 'post', later.id)?.keywords, ['launch\\s+date']);
    // Questions (title, body, tags) and answers; replies too.
    const q = await ask(dave, 'When does the falcon greenhouse open?', { community: 'garden' });
    const a = await answer(erin, q.id, 'After the launch date, I heard');
    const r = await reply(dave, p.id, 'Falcon!');
    const page = (await queue(bob, '?limit=50')).body;
    assert.deepEqual(itemOf(page, 'question', q.id)?.keywords, ['falcon']);
    assert.deepEqual(itemOf(page, 'answer', a.id)?.keywords, ['launch\\s+date']);
    assert.deepEqual(itemOf(page, 'post', r.id)?.keywords, ['falcon']);
    // Company-wide content goes to the admins' queue.
    const company = await post(dave, 'falcon news for everyone');
    assert.ok(itemOf((await queue(carol, '?limit=50')).body, 'post', company.id));
  });

  test('removing a word stops the matching; both changes are in the audit trail', async () => {
    const list = (await app.call('GET', '/api/v1/moderation/keywords', { as: carol })).body.items as any[];
    const falcon = list.find((k) => k.pattern === 'falcon');
    isProblem(await app.call('DELETE', `/api/v1/moderation/keywords/${falcon.id}`, { as: bob }), 403);
    assert.equal((await app.call('DELETE', `/api/v1/moderation/keywords/${falcon.id}`, { as: carol })).status, 204);
    isProblem(await app.call('DELETE', `/api/v1/moderation/keywords/${falcon.id}`, { as: carol }), 404);
    const p = await post(alice, 'Falcon again', { community: 'garden' });
    assert.equal(itemOf((await queue(bob, '?limit=50')).body, 'post', p.id), undefined);
    const audit = await app.db.query<{ action: string; details: { pattern: string } }>(
      "SELECT action, details FROM audit_log WHERE action IN ('keyword.add', 'keyword.remove') ORDER BY id");
    assert.deepEqual(audit.map((r) => `${r.action} ${r.details.pattern}`), ['keyword.add falcon', 'keyword.add launch\\s+date', 'keyword.remove falcon']);
  });
});
