import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isProblem, people, startApp, uniqueSlug, type TestApp } from './helpers.ts';

const { alice, bob, carol } = people;
const dora = { sub: 'test:dora', handle: 'dora', name: 'Dora Díaz', roles: ['employee'] };
let app: TestApp;
before(async () => {
  app = await startApp();
  await app.call('GET', '/api/v1/me', { as: dora }); // first sight creates her
});
after(() => app.close());

const create = (body: Record<string, unknown>, as = carol) => app.call('POST', '/api/v1/communities', { as, body });
const community = async (slug: string, as = alice) => app.call('GET', `/api/v1/communities/${slug}`, { as });
/** A community of the test's own, managed by carol (an admin); its purpose names its address. */
const own = async (name: string, fields: Record<string, unknown> = {}) => {
  const slug = uniqueSlug(name);
  const res = await create({ slug, name, purpose: `The ${name} of this test (${slug}).`, managers: ['carol'], ...fields });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return slug;
};

describe('creating and editing communities', () => {
  test('an admin creates a community with a purpose and managers', async () => {
    const res = await create({
      slug: 'design-guild', name: 'Design Guild', purpose: 'Share design work early and get feedback from other designers.',
      joinPolicy: 'request', managers: ['bob'],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.slug, 'design-guild');
    assert.equal(res.body.visibility, 'open');
    assert.deepEqual(res.body.managers.map((m: { handle: string }) => m.handle), ['bob']);
    assert.equal(res.body.memberCount, 1);
    assert.equal(res.body.canManage, true, 'admins manage');
    assert.equal(res.body.activity.daily.length, 30);
  });

  test('only admins create; a purpose is required; slugs are unique; managers must exist', async () => {
    const taken = await own('Taken');
    const good = { slug: uniqueSlug('x-team'), name: 'X Team', purpose: 'A reason good enough to exist.', managers: ['bob'] };
    isProblem(await create(good, alice), 403);
    const noPurpose = isProblem(await create({ ...good, purpose: undefined }), 400);
    assert.match(JSON.stringify(noPurpose), /purpose/);
    isProblem(await create({ ...good, purpose: 'because' }), 400);
    isProblem(await create({ ...good, managers: [] }), 400);
    isProblem(await create({ ...good, managers: ['nobody-here'] }), 400);
    isProblem(await create({ ...good, slug: 'Bad Slug' }), 400);
    isProblem(await create({ ...good, visibility: 'secret' }), 400);
    isProblem(await create({ ...good, color: 'red' }), 400);
    isProblem(await create({ ...good, slug: taken }), 409);
    isProblem(await community(good.slug, carol), 404); // nothing half-created
  });

  test('managers edit their community; others cannot; only admins change visibility', async () => {
    const slug = await own('Design Guild', { managers: ['bob'] });
    const edited = await app.call('PATCH', `/api/v1/communities/${slug}`, { as: bob, body: { description: 'Crits on Fridays.' } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.description, 'Crits on Fridays.');
    isProblem(await app.call('PATCH', `/api/v1/communities/${slug}`, { as: alice, body: { name: 'Mine now' } }), 403);
    isProblem(await app.call('PATCH', `/api/v1/communities/${slug}`, { as: bob, body: { visibility: 'restricted' } }), 403);
    isProblem(await app.call('PATCH', `/api/v1/communities/${slug}`, { as: bob, body: {} }), 400);
    isProblem(await app.call('PATCH', `/api/v1/communities/${slug}`, { as: bob, body: { purpose: '' } }), 400);
    assert.equal((await community(slug)).body.name, 'Design Guild');
  });
});

describe('membership', () => {
  test('anyone joins and leaves an open community', async () => {
    const slug = await own('Running Club');
    assert.deepEqual((await app.call('PUT', `/api/v1/communities/${slug}/membership`, { as: alice })).body, { membership: 'member', memberCount: 2 });
    assert.deepEqual((await app.call('PUT', `/api/v1/communities/${slug}/membership`, { as: alice })).body, { membership: 'member', memberCount: 2 });
    assert.equal((await community(slug)).body.membership, 'member');
    assert.deepEqual((await app.call('DELETE', `/api/v1/communities/${slug}/membership`, { as: alice })).body, { membership: 'none', memberCount: 1 });
  });

  test('the last manager cannot leave', async () => {
    const slug = await own('Running Club');
    isProblem(await app.call('DELETE', `/api/v1/communities/${slug}/membership`, { as: carol }), 409);
  });

  test('a request to join waits for a manager, who approves or refuses', async () => {
    const slug = await own('Design Guild', { joinPolicy: 'request', managers: ['bob'] });
    assert.equal((await app.call('PUT', `/api/v1/communities/${slug}/membership`, { as: alice })).body.membership, 'pending');
    assert.equal((await app.call('PUT', `/api/v1/communities/${slug}/membership`, { as: dora })).body.membership, 'pending');
    assert.equal((await community(slug, alice)).body.membership, 'pending');
    isProblem(await app.call('GET', `/api/v1/communities/${slug}/requests`, { as: alice }), 403);
    const pending = await app.call('GET', `/api/v1/communities/${slug}/requests`, { as: bob });
    assert.deepEqual(pending.body.items.map((r: { person: { handle: string }; kind: string }) => [r.person.handle, r.kind]), [['alice', 'request'], ['dora', 'request']]);
    isProblem(await app.call('POST', `/api/v1/communities/${slug}/requests/alice`, { as: alice, body: { decision: 'approve' } }), 403);
    const approved = await app.call('POST', `/api/v1/communities/${slug}/requests/alice`, { as: bob, body: { decision: 'approve' } });
    assert.deepEqual(approved.body, { membership: 'member', memberCount: 2 });
    const refused = await app.call('POST', `/api/v1/communities/${slug}/requests/dora`, { as: bob, body: { decision: 'refuse' } });
    assert.equal(refused.body.membership, 'none');
    assert.equal((await community(slug, dora)).body.membership, 'none');
    isProblem(await app.call('POST', `/api/v1/communities/${slug}/requests/dora`, { as: bob, body: { decision: 'approve' } }), 404);
    isProblem(await app.call('POST', `/api/v1/communities/${slug}/requests/dora`, { as: bob, body: { decision: 'maybe' } }), 400);
  });

  test('an invitation-only community lets in whom its managers invite', async () => {
    const slug = await own('Board Prep', { joinPolicy: 'invite' });
    isProblem(await app.call('PUT', `/api/v1/communities/${slug}/membership`, { as: dora }), 403);
    isProblem(await app.call('POST', `/api/v1/communities/${slug}/invitations`, { as: dora, body: { handle: 'dora' } }), 403);
    isProblem(await app.call('POST', `/api/v1/communities/${slug}/invitations`, { as: carol, body: { handle: 'ghost' } }), 404);
    assert.equal((await app.call('POST', `/api/v1/communities/${slug}/invitations`, { as: carol, body: { handle: 'dora' } })).body.membership, 'invited');
    assert.equal((await community(slug, dora)).body.membership, 'invited');
    assert.equal((await app.call('PUT', `/api/v1/communities/${slug}/membership`, { as: dora })).body.membership, 'member');
  });

  test('members are listed by name, paged and searchable', async () => {
    const slug = await own('Running Club');
    for (const who of [alice, bob, dora]) await app.call('PUT', `/api/v1/communities/${slug}/membership`, { as: who });
    const first = await app.call('GET', `/api/v1/communities/${slug}/members?limit=2`);
    assert.deepEqual(first.body.items.map((m: { person: { handle: string } }) => m.person.handle), ['alice', 'bob']);
    const second = await app.call('GET', `/api/v1/communities/${slug}/members?limit=2&cursor=${first.body.nextCursor}`);
    assert.deepEqual(second.body.items.map((m: { person: { handle: string }; role: string }) => [m.person.handle, m.role]), [['carol', 'manager'], ['dora', 'member']]);
    assert.equal(second.body.nextCursor, null);
    const found = await app.call('GET', `/api/v1/communities/${slug}/members?q=d%C3%ADaz`);
    assert.deepEqual(found.body.items.map((m: { person: { handle: string } }) => m.person.handle), ['dora']);
    isProblem(await app.call('GET', `/api/v1/communities/${slug}/members?cursor=zzz`), 400);
    isProblem(await app.call('GET', `/api/v1/communities/${slug}/members?limit=500`), 400);
  });
});

describe('activity, inactivity and archiving', () => {
  test('posts count as activity, maintained on write, and deleting takes it back', async () => {
    const slug = await own('Running Club');
    const p1 = await app.call('POST', '/api/v1/posts', { as: alice, body: { body: 'Saturday 10k?', community: slug } });
    await app.call('POST', `/api/v1/posts/${p1.body.id}/replies`, { as: bob, body: { body: 'In!' } });
    let c = (await community(slug)).body;
    assert.equal(c.activity.posts30d, 2);
    assert.equal(c.activity.activeMembers30d, 2);
    assert.equal(c.activity.daily.at(-1), 2);
    assert.ok(c.activity.lastActivityAt);
    assert.equal(c.activity.inactive, false);
    await app.call('DELETE', `/api/v1/posts/${p1.body.id}`, { as: alice });
    c = (await community(slug)).body;
    assert.equal(c.activity.posts30d, 1);
  });

  test('the directory is sorted by activity', async () => {
    const quiet = await own('Origami Circle');
    const busy = await own('Origami Circle');
    for (const body of ['Cranes today', 'Boxes tomorrow']) await app.call('POST', '/api/v1/posts', { as: alice, body: { body, community: busy } });
    const res = await app.call('GET', '/api/v1/communities');
    assert.equal(res.status, 200);
    // Other tests' communities may be busier: the order is what this test owns.
    const slugs = res.body.items.map((c: { slug: string }) => c.slug);
    assert.ok(slugs.indexOf(busy) < slugs.indexOf(quiet), slugs.join(', '));
    const posts = res.body.items.filter((c: { limited: boolean }) => !c.limited).map((c: { activity: { posts30d: number } }) => c.activity.posts30d);
    assert.deepEqual(posts, [...posts].sort((x: number, y: number) => y - x));
    const search = await app.call('GET', `/api/v1/communities?q=${encodeURIComponent(busy)}`);
    assert.deepEqual(search.body.items.map((c: { slug: string }) => c.slug), [busy]);
  });

  test('a community quiet for longer than the setting is listed for admins, who archive it', async () => {
    const slug = await own('Board Prep', { joinPolicy: 'invite' });
    const lively = await own('Running Club');
    await app.call('POST', '/api/v1/posts', { as: alice, body: { body: 'Saturday 10k?', community: lively } });
    await app.db.query(`UPDATE communities SET created_at = now() - interval '200 days' WHERE slug = $1`, [slug]);
    isProblem(await app.call('GET', '/api/v1/communities/inactive', { as: alice }), 403);
    const inactive = await app.call('GET', '/api/v1/communities/inactive', { as: carol });
    const entry = inactive.body.items.find((i: { community: { slug: string } }) => i.community.slug === slug);
    assert.ok(entry, JSON.stringify(inactive.body));
    assert.ok(entry.inactiveDays >= 199);
    assert.equal(entry.community.activity.inactive, true);
    assert.ok(!inactive.body.items.some((i: { community: { slug: string } }) => i.community.slug === lively));

    isProblem(await app.call('POST', `/api/v1/communities/${slug}/archive`, { as: dora }), 403);
    const archived = await app.call('POST', `/api/v1/communities/${slug}/archive`, { as: carol });
    assert.equal(archived.body.state, 'archived');
    // Read-only, out of the directory, content kept.
    assert.ok(!(await app.call('GET', '/api/v1/communities', { as: dora })).body.items.some((c: { slug: string }) => c.slug === slug));
    assert.equal((await community(slug, dora)).body.state, 'archived');
    isProblem(await app.call('POST', '/api/v1/posts', { as: dora, body: { body: 'hello?', community: slug } }), 409);
    isProblem(await app.call('DELETE', `/api/v1/communities/${slug}/membership`, { as: dora }), 409);
    isProblem(await app.call('PATCH', `/api/v1/communities/${slug}`, { as: carol, body: { name: 'Renamed' } }), 409);
    assert.equal((await app.call('GET', `/api/v1/posts?community=${slug}`, { as: dora })).status, 200);
    assert.equal((await app.call('POST', `/api/v1/communities/${slug}/unarchive`, { as: carol })).body.state, 'active');
  });
});

describe('restricted communities', () => {
  test('an unlisted restricted community does not exist for non-members', async () => {
    isProblem(await community('secret-lab', alice), 404);
    isProblem(await app.call('GET', '/api/v1/communities/secret-lab/members', { as: alice }), 404);
    isProblem(await app.call('PUT', '/api/v1/communities/secret-lab/membership', { as: alice }), 404);
    assert.ok(!(await app.call('GET', '/api/v1/communities', { as: alice })).body.items.some((c: { slug: string }) => c.slug === 'secret-lab'));
    assert.equal((await community('secret-lab', bob)).body.limited, false);
  });

  test('a listed restricted community shows only its name and purpose, and can be asked to join', async () => {
    await create({
      slug: 'mna', name: 'M&A Working Group', purpose: 'Confidential work on acquisitions.', visibility: 'restricted',
      joinPolicy: 'request', listed: true, managers: ['bob'],
    });
    await app.call('POST', '/api/v1/posts', { as: bob, body: { body: 'Target list v3', community: 'mna' } });
    const seen = (await community('mna', alice)).body;
    assert.equal(seen.limited, true);
    assert.equal(seen.name, 'M&A Working Group');
    assert.equal(seen.memberCount, null);
    assert.equal(seen.activity, null);
    assert.deepEqual(seen.managers, []);
    assert.ok((await app.call('GET', '/api/v1/communities', { as: alice })).body.items.some((c: { slug: string; limited: boolean }) => c.slug === 'mna' && c.limited));
    isProblem(await app.call('GET', '/api/v1/posts?community=mna', { as: alice }), 404);
    isProblem(await app.call('GET', '/api/v1/communities/mna/members', { as: alice }), 404);
    assert.equal((await app.call('PUT', '/api/v1/communities/mna/membership', { as: alice })).body.membership, 'pending');
    await app.call('POST', '/api/v1/communities/mna/requests/alice', { as: bob, body: { decision: 'approve' } });
    assert.equal((await community('mna', alice)).body.limited, false);
    assert.equal((await app.call('GET', '/api/v1/posts?community=mna', { as: alice })).body.items[0].body, 'Target list v3');
  });
});
