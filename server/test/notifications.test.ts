import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { isProblem, openEvents, people, startApp, testDatabase, uniqueSlug, type Person, type TestApp } from './helpers.ts';

/*
 * Notifications (issue #13): each kind is produced by the action that should produce it and
 * reaches only the right people; lines group one kind about one target; read, unread, settings,
 * mutes; what a reader can no longer see says nothing of itself; the bell hears of every change
 * on the person's own event stream only.
 */

const { alice, bob, carol } = people; // carol is an admin; bob is secret-lab's only member
const dave: Person = { sub: 'test:dave', handle: 'dave', name: 'Dave Diaz', roles: ['employee'] };
const erin: Person = { sub: 'test:erin', handle: 'erin', name: 'Erin Evans', roles: ['employee'] };
const fay: Person = { sub: 'test:fay', handle: 'fay', name: 'Fay Fox', roles: ['employee'] };

let app: TestApp;

before(async () => {
  app = await startApp({ RATE_LIMITS: 'off' });
  await app.db.query(`UPDATE memberships SET role = 'manager' WHERE community_id = (SELECT id FROM communities WHERE slug = 'secret-lab')`);
  for (const p of [dave, erin, fay]) assert.equal((await app.call('GET', '/api/v1/me', { as: p })).status, 200);
});
after(() => app.close());

interface Line {
  id: number;
  ids: number[];
  kind: string;
  count: number;
  actors: { handle: string }[];
  target: { kind: string; id: number; parentId: number | null; available: boolean; title: string | null; community: { slug: string; name: string } | null; href: string | null };
  detail: { tags?: string[]; outcome?: string; note?: string | null };
  createdAt: string;
  readAt: string | null;
}

async function lines(as: Person, qs = ''): Promise<Line[]> {
  const res = await app.call('GET', `/api/v1/notifications?limit=50${qs}`, { as });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items;
}
async function unread(as: Person): Promise<number> {
  const res = await app.call('GET', '/api/v1/notifications/unread', { as });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.unread;
}
const about = (ls: Line[], kind: string, targetKind: string, id: number) =>
  ls.filter((l) => l.kind === kind && l.target.kind === targetKind && l.target.id === id);

async function post(as: Person, body: string, community?: string) {
  const res = await app.call('POST', '/api/v1/posts', { as, body: { body, ...(community ? { community } : {}) } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number };
}
async function reply(as: Person, postId: number, body: string) {
  const res = await app.call('POST', `/api/v1/posts/${postId}/replies`, { as, body: { body } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: number };
}
async function markAllRead(as: Person) {
  assert.deepEqual((await app.call('POST', '/api/v1/notifications/read', { as, body: { all: true } })).body, { unread: 0 });
}

describe('who is told what', () => {
  test('a mention tells a real, active person once per post; an edit tells only whom it newly mentions', async () => {
    await app.db.query("UPDATE people SET active = false WHERE handle = 'fay'");
    try {
      const p = await post(alice, 'Lunch plans with @bob, @nobody-here, @fay and me @alice', 'general');
      const toBob = about(await lines(bob), 'mention', 'post', p.id);
      assert.equal(toBob.length, 1);
      assert.deepEqual(
        { ...toBob[0], id: 0, ids: [], createdAt: '', actors: toBob[0]!.actors.map(({ handle, name }: any) => ({ handle, name })) },
        {
          id: 0, ids: [], kind: 'mention', count: 1, createdAt: '', readAt: null,
          actors: [{ handle: 'alice', name: 'Alice Andersen' }],
          target: {
            kind: 'post', id: p.id, parentId: null, available: true, title: 'Lunch plans with @bob, @nobody-here, @fay and me @alice',
            community: { slug: 'general', name: 'General' }, href: `${app.url}/embed/post/${p.id}`,
          },
          detail: {},
        });
      // Not the author herself, not a deactivated person, not an unknown handle (nobody to tell).
      assert.equal(about(await lines(alice), 'mention', 'post', p.id).length, 0);
      assert.equal(about(await lines(fay), 'mention', 'post', p.id).length, 0);
      // Edited twice, adding @dave: dave is told once, bob not again.
      for (const body of ['Lunch plans with @bob and @dave', 'Lunch plans with @bob and @dave, at noon']) {
        assert.equal((await app.call('PATCH', `/api/v1/posts/${p.id}`, { as: alice, body: { body } })).status, 200);
      }
      assert.equal(about(await lines(bob), 'mention', 'post', p.id)[0]!.count, 1);
      assert.equal(about(await lines(dave), 'mention', 'post', p.id)[0]!.count, 1);
      // A mention in a reply opens the thread at the reply.
      const r = await reply(bob, p.id, 'Count @erin in');
      const toErin = about(await lines(erin), 'mention', 'reply', r.id)[0]!;
      assert.deepEqual([toErin.target.parentId, toErin.target.href], [p.id, `${app.url}/embed/post/${p.id}?reply=${r.id}`]);
    } finally {
      await app.db.query("UPDATE people SET active = true WHERE handle = 'fay'");
    }
  });

  test("in a restricted community only members are told: a non-member's mention tells nobody", async () => {
    const was = await unread(alice);
    const p = await post(bob, 'Prototype notes for @alice and @carol', 'secret-lab');
    assert.equal(await unread(alice), was);
    assert.equal(about(await lines(carol), 'mention', 'post', p.id).length, 0, 'an admin who is not a member is not told either');
    assert.equal((await app.db.query('SELECT 1 FROM notifications WHERE post_id = $1', [p.id])).length, 0);
  });

  test('replies tell the post\'s author, grouped: "4 replies to your post" is one line with the 3 latest people', async () => {
    const p = await post(alice, 'Who has a spare monitor?', 'general');
    await reply(alice, p.id, 'Any size will do'); // her own: not told
    const replies = [];
    for (const who of [bob, dave, erin, bob]) replies.push(await reply(who, p.id, `I might, says ${who.name}`));
    const line = about(await lines(alice), 'post.replied', 'post', p.id);
    assert.equal(line.length, 1);
    assert.equal(line[0]!.count, 4);
    assert.equal(line[0]!.ids.length, 4);
    assert.deepEqual(line[0]!.actors.map((a) => a.handle), ['bob', 'erin', 'dave']);
    assert.equal(line[0]!.target.href, `${app.url}/embed/post/${p.id}?reply=${replies[3]!.id}`);
    assert.equal(line[0]!.id, Math.max(...line[0]!.ids));
    // Nobody else is told of the replies.
    for (const who of [bob, dave, erin, carol]) assert.equal(about(await lines(who), 'post.replied', 'post', p.id).length, 0);
  });

  test('questions: an answer tells the asker, an accepted answer its author', async () => {
    const q = await app.call('POST', '/api/v1/questions', { as: dave, body: { title: 'How do I book a meeting room?' } });
    assert.equal(q.status, 201, JSON.stringify(q.body));
    const a = await app.call('POST', `/api/v1/questions/${q.body.id}/answers`, { as: erin, body: { body: 'In the calendar' } });
    assert.equal(a.status, 201);
    // About the answer, in its question: who answered, and a link that opens that answer.
    const toDave = about(await lines(dave), 'answer.posted', 'answer', a.body.id);
    assert.deepEqual(
      [toDave.length, toDave[0]!.target.parentId, toDave[0]!.target.href, toDave[0]!.actors.map((p) => p.handle)],
      [1, q.body.id, `${app.url}/embed/question/${q.body.id}?answer=${a.body.id}`, ['erin']],
    );
    assert.equal(about(await lines(erin), 'answer.posted', 'answer', a.body.id).length, 0);
    assert.equal((await app.call('PUT', `/api/v1/questions/${q.body.id}/accepted`, { as: dave, body: { answerId: a.body.id } })).status, 200);
    const toErin = about(await lines(erin), 'answer.accepted', 'answer', a.body.id);
    assert.deepEqual([toErin.length, toErin[0]!.actors.map((p) => p.handle)], [1, ['dave']]);
    assert.equal(about(await lines(dave), 'answer.accepted', 'answer', a.body.id).length, 0);
  });

  test('joining: managers hear of a request, the requester of the decision (with the note), an invitee of the invitation', async () => {
    const slug = uniqueSlug('Book Club');
    const created = await app.call('POST', '/api/v1/communities', {
      as: carol, body: { slug, name: 'Book Club', purpose: 'Reading together', visibility: 'restricted', listed: true, joinPolicy: 'request', managers: ['bob'] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    for (const who of [dave, erin]) assert.equal((await app.call('PUT', `/api/v1/communities/${slug}/membership`, { as: who })).body.membership, 'pending');
    const toBob = (await lines(bob)).filter((l) => l.kind === 'join.requested' && l.target.community?.slug === slug);
    assert.equal(toBob.length, 1, 'two requests, one line');
    assert.deepEqual([toBob[0]!.count, toBob[0]!.actors.map((a) => a.handle), toBob[0]!.target.kind, toBob[0]!.target.title, toBob[0]!.target.href],
      [2, ['erin', 'dave'], 'community', 'Book Club', `${app.url}/embed/community/${slug}`]);
    assert.ok(!(await lines(carol)).some((l) => l.kind === 'join.requested'), 'not an admin who does not manage it');

    const refused = await app.call('POST', `/api/v1/communities/${slug}/requests/dave`, { as: bob, body: { decision: 'refuse', note: '  Full for this term  ' } });
    assert.equal(refused.status, 200, JSON.stringify(refused.body));
    const toDave = (await lines(dave)).filter((l) => l.kind === 'join.decided' && l.target.community?.slug === slug);
    assert.deepEqual(toDave.map((l) => [l.detail, l.actors.map((a) => a.handle), l.target.available]), [[{ outcome: 'refused', note: 'Full for this term' }, ['bob'], true]]);
    assert.equal((await app.call('POST', `/api/v1/communities/${slug}/requests/erin`, { as: bob, body: { decision: 'approve' } })).status, 200);
    const toErin = (await lines(erin)).filter((l) => l.kind === 'join.decided' && l.target.community?.slug === slug);
    assert.deepEqual(toErin.map((l) => l.detail), [{ outcome: 'approved', note: null }]);
    isProblem(await app.call('POST', `/api/v1/communities/${slug}/requests/erin`, { as: bob, body: { decision: 'approve', note: 'x'.repeat(501) } }), 400);

    assert.equal((await app.call('POST', `/api/v1/communities/${slug}/invitations`, { as: bob, body: { handle: 'fay' } })).status, 200);
    const toFay = (await lines(fay)).filter((l) => l.kind === 'community.invited');
    assert.deepEqual(toFay.map((l) => [l.target.title, l.actors.map((a) => a.handle)]), [['Book Club', ['bob']]]);
    assert.ok(!(await lines(dave)).some((l) => l.kind === 'community.invited'));
  });
});

describe('what a reader can no longer see', () => {
  test('a person who leaves a restricted community no longer sees any title or text of it in notifications', async () => {
    const canary = `canary${randomBytes(5).toString('hex')}`;
    // bob invites alice into secret-lab; she joins.
    assert.equal((await app.call('POST', '/api/v1/communities/secret-lab/invitations', { as: bob, body: { handle: 'alice' } })).status, 200);
    assert.equal((await app.call('PUT', '/api/v1/communities/secret-lab/membership', { as: alice })).body.membership, 'member');
    const mention = await post(bob, `${canary} plan, @alice please look`, 'secret-lab');
    const hers = await post(alice, `${canary} rota`, 'secret-lab');
    await reply(bob, hers.id, `${canary} fine by me`);
    const q = await app.call('POST', '/api/v1/questions', { as: alice, body: { title: `${canary} budget question`, community: 'secret-lab' } });
    assert.equal(q.status, 201);
    assert.equal((await app.call('POST', `/api/v1/questions/${q.body.id}/answers`, { as: bob, body: { body: `${canary} answer` } })).status, 201);
    const inside = await lines(alice);
    const secret = (l: Line) => ['secret-lab'].includes(l.target.community?.slug ?? '') || l.kind === 'community.invited';
    const kinds = inside.filter(secret).map((l) => l.kind).sort();
    assert.deepEqual(kinds, ['answer.posted', 'community.invited', 'mention', 'post.replied']);
    assert.ok(JSON.stringify(inside).includes(canary) && JSON.stringify(inside).includes('Secret Lab'));
    assert.equal(about(inside, 'mention', 'post', mention.id)[0]!.target.available, true);

    assert.equal((await app.call('DELETE', '/api/v1/communities/secret-lab/membership', { as: alice })).status, 200);
    for (const qs of ['', '&unread=true']) {
      const outside = await lines(alice, qs);
      const text = JSON.stringify(outside);
      assert.ok(!text.includes(canary), `a canary leaked: ${text}`);
      assert.ok(!text.includes('Secret Lab') && !text.includes('secret-lab'), 'the community is named');
      // The lines are still there (so the count is honest), each saying nothing of what it was about.
      const gone = outside.filter((l) => [mention.id, hers.id, q.body.id].includes(l.target.id) || l.kind === 'community.invited');
      assert.equal(gone.length, 4);
      for (const l of gone) {
        assert.deepEqual([l.target.available, l.target.title, l.target.community, l.target.href, l.actors], [false, null, null, null, []], l.kind);
      }
    }
  });

  test('deleted content is listed as unavailable: no title, no actors, no link', async () => {
    const p = await post(carol, 'Ask @dave about the offsite', 'general');
    await app.call('DELETE', `/api/v1/posts/${p.id}`, { as: carol });
    const line = about(await lines(dave), 'mention', 'post', p.id)[0]!;
    assert.deepEqual([line.target.available, line.target.title, line.actors], [false, null, []]);
    assert.ok(!JSON.stringify(line).includes('offsite'));
  });
});

describe('reading, settings and mutes', () => {
  test('mark one line read, then all; the count and unread filter follow; a new one starts a new unread line', async () => {
    const p = await post(erin, 'Team photo on Friday', 'general');
    await markAllRead(erin);
    await reply(bob, p.id, 'I will be there');
    await reply(dave, p.id, 'Me too');
    assert.equal(await unread(erin), 2);
    const [line] = about(await lines(erin, '&unread=true'), 'post.replied', 'post', p.id);
    const read = await app.call('POST', '/api/v1/notifications/read', { as: erin, body: { ids: line!.ids } });
    assert.deepEqual(read.body, { unread: 0 });
    assert.equal(about(await lines(erin, '&unread=true'), 'post.replied', 'post', p.id).length, 0);
    assert.ok(about(await lines(erin), 'post.replied', 'post', p.id)[0]!.readAt);
    await reply(alice, p.id, 'Smile!');
    const both = about(await lines(erin), 'post.replied', 'post', p.id);
    assert.deepEqual(both.map((l) => [l.count, l.readAt === null]), [[1, true], [2, false]]);
    const page = await app.call('GET', '/api/v1/notifications?limit=1', { as: erin });
    assert.equal(page.body.unread, 1);
    assert.equal(page.body.items.length, 1);
    assert.ok(page.body.nextCursor);
    const next = await app.call('GET', `/api/v1/notifications?limit=1&cursor=${page.body.nextCursor}`, { as: erin });
    assert.equal(next.status, 200);
    assert.ok(next.body.items[0].id < page.body.items[0].id);
    await markAllRead(erin);
    assert.equal(await unread(erin), 0);
  });

  test("marking someone else's notifications read is a 404 that changes nothing, for them or for you", async () => {
    const p = await post(dave, 'Parking lot closed Monday', 'general');
    await reply(bob, p.id, 'Thanks');
    const davesIds = about(await lines(dave, '&unread=true'), 'post.replied', 'post', p.id)[0]!.ids;
    const davesUnread = await unread(dave);
    await markAllRead(erin);
    isProblem(await app.call('POST', '/api/v1/notifications/read', { as: erin, body: { ids: davesIds } }), 404);
    assert.equal(await unread(dave), davesUnread);
    // One of yours with one of theirs: nothing is marked, not even yours.
    const q = await post(erin, 'Bike shed opens at eight', 'general');
    await reply(bob, q.id, 'Good to know');
    const erinsIds = about(await lines(erin, '&unread=true'), 'post.replied', 'post', q.id)[0]!.ids;
    isProblem(await app.call('POST', '/api/v1/notifications/read', { as: erin, body: { ids: [...erinsIds, ...davesIds] } }), 404);
    assert.equal(await unread(erin), 1);
    assert.equal(await unread(dave), davesUnread);
    isProblem(await app.call('POST', '/api/v1/notifications/read', { as: erin, body: { ids: [2_000_000_000] } }), 404);
    isProblem(await app.call('POST', '/api/v1/notifications/read', { as: erin, body: { ids: [] } }), 400);
    isProblem(await app.call('POST', '/api/v1/notifications/read', { as: erin, body: { ids: [1], all: true } }), 400);
  });

  test('settings: per kind, page only or also out of it; an unknown kind, a bad value or a NUL is a 400 that changes nothing', async () => {
    assert.deepEqual((await app.call('GET', '/api/v1/me/notification-settings', { as: fay })).body, { delivery: {} });
    const saved = await app.call('PUT', '/api/v1/me/notification-settings', { as: fay, body: { delivery: { mention: 'page', 'post.replied': 'page+out' } } });
    assert.deepEqual([saved.status, saved.body], [200, { delivery: { mention: 'page', 'post.replied': 'page+out' } }]);
    for (const body of [{ delivery: { 'no.such.kind': 'page' } }, { delivery: { mention: 'email' } }, { delivery: { mention: 'page\u0000' } }, { delivery: {}, extra: 1 }]) {
      isProblem(await app.call('PUT', '/api/v1/me/notification-settings', { as: fay, body }), 400);
    }
    assert.deepEqual((await app.call('GET', '/api/v1/me/notification-settings', { as: fay })).body, { delivery: { mention: 'page', 'post.replied': 'page+out' } });
    assert.deepEqual((await app.call('GET', '/api/v1/me/notification-settings', { as: dave })).body, { delivery: {} }, 'one person\'s settings only');
  });

  test('a muted thread tells nothing more; unmuted, it does again; a thread you cannot see is 404 like a missing one', async () => {
    const p = await post(fay, 'Board games tonight', 'general');
    const r = await reply(fay, p.id, 'Bring snacks');
    // Muting by a reply mutes its whole thread.
    assert.deepEqual((await app.call('PUT', `/api/v1/threads/post/${r.id}/mute`, { as: fay })).body, { muted: true });
    await reply(bob, p.id, 'Count me in');
    assert.equal(about(await lines(fay), 'post.replied', 'post', p.id).length, 0);
    assert.deepEqual((await app.call('DELETE', `/api/v1/threads/post/${p.id}/mute`, { as: fay })).body, { muted: false });
    await reply(dave, p.id, 'Me too');
    assert.equal(about(await lines(fay), 'post.replied', 'post', p.id)[0]!.count, 1);
    // A question thread.
    const q = await app.call('POST', '/api/v1/questions', { as: fay, body: { title: 'Where is the projector remote?' } });
    assert.deepEqual((await app.call('PUT', `/api/v1/threads/question/${q.body.id}/mute`, { as: fay })).body, { muted: true });
    await app.call('POST', `/api/v1/questions/${q.body.id}/answers`, { as: bob, body: { body: 'Top drawer' } });
    assert.equal(about(await lines(fay), 'answer.posted', 'question', q.body.id).length, 0);
    // Hidden (a restricted community's post) and missing look the same.
    const secret = await post(bob, 'Lab only', 'secret-lab');
    const hidden = isProblem(await app.call('PUT', `/api/v1/threads/post/${secret.id}/mute`, { as: fay }), 404);
    const missing = isProblem(await app.call('PUT', '/api/v1/threads/post/2147480000/mute', { as: fay }), 404);
    assert.equal(hidden.detail?.replace(String(secret.id), 'N'), missing.detail?.replace('2147480000', 'N'));
    isProblem(await app.call('PUT', `/api/v1/threads/answer/${p.id}/mute`, { as: fay }), 400);
    isProblem(await app.call('PUT', '/api/v1/threads/post/abc/mute', { as: fay }), 400);
    assert.deepEqual((await app.call('PUT', `/api/v1/threads/post/${secret.id}/mute`, { as: bob })).body, { muted: true }, 'its member may');
  });
});

describe('the live count', () => {
  test("a notification, and marking read, reach the person's own streams, and nobody else's", async () => {
    await markAllRead(alice);
    const aliceStream = await openEvents(app, alice);
    const aliceTab2 = await openEvents(app, alice);
    const daveStream = await openEvents(app, dave);
    const created = (id: number) => ({ event: 'post.created', data: { type: 'post.created', postId: id, parentId: null, community: 'general' } });
    try {
      // Events are delivered in commit order: once a marker post is heard, nothing older is pending.
      const marker = await post(carol, 'Marker', 'general');
      for (const s of [aliceStream, aliceTab2, daveStream]) {
        for (let e = await s.next(); JSON.stringify(e) !== JSON.stringify(created(marker.id)); e = await s.next());
      }
      const first = await post(bob, 'Standup moved, @alice', 'general');
      const second = await post(bob, 'And @dave too', 'general');
      await app.call('POST', '/api/v1/notifications/read', { as: alice, body: { all: true } });
      const changed = { event: 'notifications.changed', data: { type: 'notifications.changed' } };
      // In commit order: alice hears of her mention, then of the second post, then of her reading.
      for (const s of [aliceStream, aliceTab2]) {
        assert.deepEqual(await s.next(), created(first.id));
        assert.deepEqual(await s.next(), changed);
        assert.deepEqual(await s.next(), created(second.id));
        assert.deepEqual(await s.next(), changed);
      }
      // dave hears of his own only: nothing between the two posts.
      assert.deepEqual(await daveStream.next(), created(first.id));
      assert.deepEqual(await daveStream.next(), created(second.id));
      assert.deepEqual(await daveStream.next(), changed);
    } finally {
      aliceStream.close();
      aliceTab2.close();
      daveStream.close();
    }
  });
});

test('existing question and moderation notifications migrate to the new shape', async () => {
  const db = await testDatabase();
  try {
    const dir = fileURLToPath(new URL('../src/db/migrations/', import.meta.url));
    const files = (await readdir(dir)).filter((f) => /^0(0\d|10)_/.test(f)).sort();
    for (const f of files) await db.exec(await readFile(dir + f, 'utf8'));
    await db.exec(`
      INSERT INTO people (external_id, handle, name) VALUES ('t:a', 'a', 'A'), ('t:b', 'b', 'B');
      INSERT INTO posts (author_id, body) VALUES (1, 'top');
      INSERT INTO posts (author_id, body, parent_id) VALUES (2, 'reply', 1);
      INSERT INTO questions (author_id, title) VALUES (1, 'A question?');
      INSERT INTO answers (question_id, author_id, body) VALUES (1, 2, 'An answer');
      INSERT INTO moderation_items (kind, target_id) VALUES ('post', 2), ('answer', 1), ('question', 1);
      INSERT INTO notifications (person_id, kind, question_id) VALUES (2, 'question.routed', 1);
      INSERT INTO notifications (person_id, kind, moderation_item_id, reason) VALUES
        (2, 'content.hidden', 1, 'Rude'), (1, 'report.dismissed', 2, NULL), (1, 'report.hidden', 3, NULL);
    `);
    await db.exec(await readFile(`${dir}011_notifications.sql`, 'utf8'));
    const rows = await db.query(
      'SELECT kind, outcome, note, post_id, question_id, answer_id, thread, target FROM notifications ORDER BY id');
    assert.deepEqual(rows, [
      { kind: 'question.routed', outcome: null, note: null, post_id: null, question_id: 1, answer_id: null, thread: 'question:1', target: 'question:1' },
      { kind: 'content.hidden', outcome: 'hidden', note: 'Rude', post_id: 2, question_id: null, answer_id: null, thread: 'post:1', target: 'reply:2' },
      { kind: 'report.decided', outcome: 'dismissed', note: null, post_id: null, question_id: 1, answer_id: 1, thread: 'question:1', target: 'answer:1' },
      { kind: 'report.decided', outcome: 'hidden', note: null, post_id: null, question_id: 1, answer_id: null, thread: 'question:1', target: 'question:1' },
    ]);
  } finally {
    await db.drop();
  }
});

describe('out of the page', () => {
  test('each notification is a notification.created webhook (Standard Webhooks), unless its person keeps that kind in the page', async () => {
    const { createServer } = await import('node:http');
    const { verifyWebhook } = await import('../src/features/webhooks/signature.ts');
    const secret = 'webhook-secret-that-is-long-enough-0123456789';
    const received: { body: string; valid: boolean }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ body, valid: verifyWebhook(secret, req.headers, body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as import('node:net').AddressInfo).port}/hook`;
    const hooked = await startApp({ RATE_LIMITS: 'off', WEBHOOK_URL: url, WEBHOOK_SECRET: secret, PUBLIC_URL: 'https://hearth.example.com' });
    try {
      for (const p of [dave, erin]) assert.equal((await hooked.call('GET', '/api/v1/me', { as: p })).status, 200);
      const events = () => received.map((r) => JSON.parse(r.body)).filter((e) => e.type === 'notification.created');
      const lunch = await hooked.call('POST', '/api/v1/posts', { as: alice, body: { body: 'Lunch plans, @dave and @erin?' } });
      assert.equal(lunch.status, 201);
      await hooked.outbox.run();
      const first = events();
      assert.equal(first.length, 2, JSON.stringify(first));
      assert.ok(received.every((r) => r.valid), 'signed');
      const toDave = first.find((e) => e.data.notification.person.handle === 'dave');
      assert.deepEqual(toDave.data.notification, {
        kind: 'mention',
        person: { handle: 'dave', name: 'Dave Diaz', email: 'dave@example.com' },
        actor: { handle: 'alice', name: 'Alice Andersen' },
        target: { href: `https://hearth.example.com/embed/post/${lunch.body.id}` },
      });
      assert.ok(!JSON.stringify(first).includes('Lunch'), 'no text of the item');

      // Dave keeps mentions in the page: he is told there, not out of it; Erin still is.
      assert.equal((await hooked.call('PUT', '/api/v1/me/notification-settings', { as: dave, body: { delivery: { mention: 'page' } } })).status, 200);
      received.length = 0;
      const second = await hooked.call('POST', '/api/v1/posts', { as: alice, body: { body: 'Coffee later, @dave and @erin?' } });
      assert.equal(second.status, 201);
      await hooked.outbox.run();
      assert.deepEqual(events().map((e) => e.data.notification.person.handle), ['erin']);
      const daves = await hooked.call('GET', '/api/v1/notifications?unread=true', { as: dave });
      assert.ok(daves.body.items.some((l: Line) => l.target.id === second.body.id), 'still told in the page');
    } finally {
      await hooked.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
