import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SearchPage, SearchSuggestions } from '@hearth/contracts';
import { isProblem, people, startApp, type Person, type TestApp } from './helpers.ts';
import { questionsRepo } from '../src/features/questions/repo.ts';
import { tagsRepo } from '../src/features/tags/repo.ts';
import { utcDay } from '../src/features/tags/service.ts';
import type { Queryable } from '../src/db/index.ts';

/**
 * What the search box offers before a query (GET /search/suggestions), the facets of a search's
 * first page, and queries made of operators and quotes only. secret-lab is restricted (members
 * bob and dave): nothing of it is offered or counted for anyone else.
 */
const { alice, bob, carol } = people;
const dave: Person = { sub: 'test:dave', handle: 'dave', name: 'Dave Dahl', roles: ['employee'] };
const SECRET = 'zebraquartz';

describe('search suggestions and facets', () => {
  let app: TestApp;
  const q: Record<string, number> = {};

  const ok = async (method: string, path: string, as: Person, body?: unknown) => {
    const res = await app.call(method, `/api/v1${path}`, { as, ...(body !== undefined ? { body } : {}) });
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const suggestions = async (as: Person) => {
    const res = await app.call('GET', '/api/v1/search/suggestions', { as });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(SearchSuggestions.safeParse(res.body).success);
    return res.body as SearchSuggestions;
  };
  const search = async (query: string, as: Person = alice) => {
    const res = await app.call('GET', `/api/v1/search?${query}`, { as });
    assert.equal(res.status, 200, `${query}: ${JSON.stringify(res.body)}`);
    assert.ok(SearchPage.safeParse(res.body).success, query);
    return res.body as SearchPage;
  };

  before(async () => {
    app = await startApp({ RATE_LIMITS: 'off' });
    await app.db.exec(`
      INSERT INTO people (external_id, handle, name, roles) VALUES ('test:dave', 'dave', 'Dave Dahl', '{employee}');
      INSERT INTO memberships (community_id, person_id)
        SELECT c.id, p.id FROM communities c, people p WHERE c.slug = 'secret-lab' AND p.handle = 'dave';`);
    await ok('POST', '/posts', alice, { body: 'The VPN drops every hour #vpn #network', community: 'general' });
    await ok('POST', '/posts', bob, { body: 'A new VPN client is rolling out #vpn' });
    await ok('POST', '/posts', dave, { body: `The lab VPN for ${SECRET} #vpn #${SECRET}`, community: 'secret-lab' });
    await ok('POST', '/posts', carol, { body: 'Printers on floor 3 are back #printing' });

    q.answered = (await ok('POST', '/questions', alice, { title: 'How do I reset my VPN token?', body: 'It expired.', tags: ['vpn'] })).id;
    const answer = await ok('POST', `/questions/${q.answered}/answers`, bob, { body: 'In the self-service portal.' });
    await ok('PUT', `/questions/${q.answered}/accepted`, alice, { answerId: answer.id });
    q.unanswered = (await ok('POST', '/questions', carol, { title: 'Which printer is on floor 3?', body: 'Need to print.', tags: ['printing'] })).id;
    q.secret = (await ok('POST', '/questions', dave, {
      title: `Does the ${SECRET} VPN need a token?`, body: 'For the lab.', tags: ['vpn', SECRET], community: 'secret-lab',
    })).id;
    await ok('POST', `/questions/${q.secret}/answers`, bob, { body: 'Yes.' });
  });
  after(() => app.close());

  test('suggestions: popular tags of the month and recent questions, answered first', async () => {
    const s = await suggestions(alice);
    assert.deepEqual(s.tags, [{ name: 'vpn', count: 2 }, { name: 'network', count: 1 }, { name: 'printing', count: 1 }]);
    assert.deepEqual(s.questions, [
      { id: q.answered, title: 'How do I reset my VPN token?', answered: true },
      { id: q.unanswered, title: 'Which printer is on floor 3?', answered: false },
    ]);
  });

  test('suggestions: a restricted community counts and shows only for its members', async () => {
    for (const outsider of [alice, carol]) assert.ok(!JSON.stringify(await suggestions(outsider)).includes(SECRET));
    const s = await suggestions(dave);
    assert.deepEqual(s.tags.slice(0, 2), [{ name: 'vpn', count: 3 }, { name: 'network', count: 1 }]);
    assert.ok(s.tags.some((t) => t.name === SECRET));
    // An accepted answer first, then any answer, then none.
    assert.deepEqual(s.questions.map((x) => x.id), [q.answered, q.secret, q.unanswered]);
    assert.equal((await app.call('GET', '/api/v1/search/suggestions', { as: null })).status, 401);
  });

  test('facets on the first page: tags, communities and authors with counts, restricted content never counted', async () => {
    const page = await search('q=vpn');
    assert.equal(page.items.length, 3);
    assert.deepEqual(page.facets, {
      tags: [{ name: 'vpn', count: 3 }, { name: 'network', count: 1 }],
      communities: [{ slug: 'general', name: 'General', visibility: 'open', count: 1 }],
      authors: [
        { id: page.facets!.authors[0]!.id, handle: 'alice', name: 'Alice Andersen', title: null, department: null, count: 2 },
        { id: page.facets!.authors[1]!.id, handle: 'bob', name: 'Bob Brown', title: null, department: null, count: 1 },
      ],
    });
    assert.ok(!JSON.stringify(await search('q=vpn', carol)).includes(SECRET), 'an admin who is not a member neither');
    const member = (await search('q=vpn', dave)).facets!;
    assert.deepEqual(member.tags, [{ name: 'vpn', count: 5 }, { name: SECRET, count: 2 }, { name: 'network', count: 1 }]);
    assert.deepEqual(member.communities.map((c) => [c.slug, c.count]), [['secret-lab', 2], ['general', 1]]);
    // Most first, then by name.
    assert.deepEqual(member.authors.map((a) => [a.handle, a.count]), [['alice', 2], ['dave', 2], ['bob', 1]]);
  });

  test('facets follow the filters, and later pages carry none', async () => {
    assert.deepEqual((await search('q=vpn&kind=question')).facets, {
      tags: [{ name: 'vpn', count: 1 }], communities: [],
      authors: [{ id: (await search('q=vpn&kind=question')).facets!.authors[0]!.id, handle: 'alice', name: 'Alice Andersen', title: null, department: null, count: 1 }],
    });
    assert.deepEqual((await search('q=vpn&tag=network')).facets!.tags, [{ name: 'network', count: 1 }, { name: 'vpn', count: 1 }]);
    assert.deepEqual((await search('q=vpn&author=bob')).facets!.authors.map((a) => a.handle), ['bob']);
    const first = await search('q=vpn&limit=1');
    assert.ok(first.facets && first.nextCursor);
    const second = await search(`q=vpn&limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`);
    assert.equal(second.items.length, 1);
    assert.equal(second.facets, null);
    assert.deepEqual((await search('q=nothingmatchesthis')).facets, { tags: [], communities: [], authors: [] });
  });

  test('a query of only operators or quotes is text: 200, never an error', async () => {
    for (const query of ['"', '-', 'OR', '""" - OR', '!', '&', '|', '(', ')', ':*', '<->', "'", '\\', '*', '--', '- - -', 'OR OR', '"OR"',
      '-"', '"-"', 'AND', 'NOT', '!!', '&|!', '(((', '- OR "', '%', '_', ';', '$1', '::', '\'\'']) {
      for (const kind of ['', '&kind=post', '&kind=question']) {
        const page = await search(`q=${encodeURIComponent(query)}${kind}`);
        assert.deepEqual(page.items, [], `${query}${kind}`);
        assert.deepEqual(page.facets, { tags: [], communities: [], authors: [] }, query);
      }
    }
  });

  test('quotes and operators around words still find the words', async () => {
    for (const query of ['"vpn"', '"vpn', 'vpn"', 'vpn OR', 'OR vpn', '"""vpn"""', 'vpn -', '(vpn)']) {
      const page = await search(`q=${encodeURIComponent(query)}`);
      assert.equal(page.items.length, 3, query);
    }
  });

  test('one character is a query (200); empty or blank is a 400, as the contract says', async () => {
    assert.deepEqual((await search('q=a')).items, []);
    assert.ok((await search('q=3')).items.length >= 0);
    for (const query of ['q=', 'q=%20', '']) isProblem(await app.call('GET', `/api/v1/search?${query}`, { as: alice }), 400);
  });

  test('suggestions: a merged tag is offered only as the tag it was merged into, with its posts', async () => {
    await ok('POST', '/tags/network/merge', carol, { into: 'printing' });
    const s = await suggestions(alice);
    assert.deepEqual(s.tags, [{ name: 'printing', count: 2 }, { name: 'vpn', count: 2 }]);
  });
});

describe('search suggestions read maintained counts and the newest questions, never a scan', () => {
  let app: TestApp;
  before(async () => {
    app = await startApp({ RATE_LIMITS: 'off' });
    // A few thousand questions and tagged posts over more than a year.
    await app.db.exec(`
      INSERT INTO tags (name) SELECT 'bulktag' || i FROM generate_series(1, 50) i;
      INSERT INTO posts (author_id, body, created_at)
        SELECT 1 + i % 3, 'Bulk post ' || i, now() - (i * 2 || ' hours')::interval FROM generate_series(1, 5000) i;
      INSERT INTO post_tags (post_id, tag_id, created_at, top_level)
        SELECT p.id, (SELECT id FROM tags WHERE name = 'bulktag' || (1 + p.id % 50)), p.created_at, true FROM posts p;
      INSERT INTO questions (author_id, title, body, created_at)
        SELECT 1 + i % 3, 'Bulk question ' || i, 'Body', now() - (i * 2 || ' hours')::interval FROM generate_series(1, 5000) i;
      -- Only this schema's tables: a bare ANALYZE reads every schema of a shared database, and
      -- waits on another run's locks there.
      ANALYZE posts, tags, post_tags, tag_daily, tag_totals, questions, question_tags;`);
  });
  after(() => app.close());

  test('popular tags and recent questions: index scans only', async () => {
    const statements: { sql: string; params: readonly unknown[] }[] = [];
    const recorder: Queryable = {
      query: (sql, params = []) => {
        statements.push({ sql, params });
        return app.db.query(sql, params);
      },
      exec: (sql) => app.db.exec(sql),
    };
    const since = utcDay(new Date(), -29);
    assert.equal((await tagsRepo(recorder).cloudWindow([], undefined, since, since, 8)).length, 8);
    assert.equal((await questionsRepo(recorder).recentTitles([], 8, 50)).length, 8);
    for (const s of statements) {
      const plan = (await app.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${s.sql}`, s.params)).map((r) => r['QUERY PLAN']).join('\n');
      assert.doesNotMatch(plan, /Seq Scan on (posts|post_tags|questions|tag_daily)\b/, plan);
    }
  });
});
