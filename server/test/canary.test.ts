import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { api } from '@hearth/contracts';
import { openEvents, people, startApp, takeEvents, type Person, type TestApp } from './helpers.ts';

/*
 * The authorization test that cannot be fooled. Unique canary strings go into a restricted
 * community's posts, replies and tags (and, as they are added, anything else a restricted
 * community holds: seed it below). Then every GET endpoint of the OpenAPI document is called,
 * with every path and query parameter it documents filled from the canary content, as a
 * non-member and as a member. The non-member must never see a canary and must get 404 for the
 * canary ids; the member must find them. A new endpoint is crawled automatically; one whose
 * parameter this test cannot fill fails the test until a candidate is added.
 */

const { alice, bob, carol } = people; // bob is the only member (and manager) of secret-lab; carol, an admin, is not a member
const CANARY = `canary${randomBytes(5).toString('hex')}`; // one word, so full-text search finds it
const CANARY_TAG = `${CANARY}tag`;
// On the admin's keyword watch list: the canary content enters the moderation queue of secret-lab.
const WATCHED = 'restricted';
let app: TestApp;
let ids: { post: number; reply: number; question: number; answer: number };

/** Values for each documented parameter name, taken from the canary content. */
let candidates: Record<string, string[]>;
// Parameters that only page or shape a list: one request with defaults covers them.
const SHAPING = new Set(['limit', 'cursor', 'days', 'from', 'to', 'state', 'unanswered', 'unread', 'kind', 'status', 'action', 'weeks']);
// Parameters that name a person: people are public; their restricted activity is not.
const PUBLIC_PARAMS = new Set(['handle', 'author', 'exclude']);

before(async () => {
  // The crawl makes hundreds of writes a minute: it is about who sees what, not about limits.
  app = await startApp({ RATE_LIMITS: 'off' });
  // bob manages it, so the member's crawl also covers the managers' endpoints.
  await app.db.query(`UPDATE memberships SET role = 'manager' WHERE community_id = (SELECT id FROM communities WHERE slug = 'secret-lab')`);
  const watched = await app.call('POST', '/api/v1/moderation/keywords', { as: carol, body: { pattern: WATCHED } });
  assert.equal(watched.status, 201, JSON.stringify(watched.body));
  const post = await app.call('POST', '/api/v1/posts', {
    as: bob, body: { body: `Restricted plan ${CANARY} #${CANARY_TAG} with @alice`, community: 'secret-lab', tags: [`${CANARY}chip`] },
  });
  assert.equal(post.status, 201, JSON.stringify(post.body));
  const reply = await app.call('POST', `/api/v1/posts/${post.body.id}/replies`, { as: bob, body: { body: `Reply ${CANARY}` } });
  assert.equal(reply.status, 201);
  await app.call('PUT', `/api/v1/posts/${post.body.id}/like`, { as: bob });
  // Public content with the same words, so the non-member's lists are not simply empty.
  await app.call('POST', '/api/v1/posts', { as: alice, body: { body: 'Open plan #general-stuff', community: 'general' } });
  const question = await app.call('POST', '/api/v1/questions', {
    as: bob, body: { title: `Restricted question ${CANARY}`, body: `Details ${CANARY}`, tags: [CANARY_TAG], community: 'secret-lab' },
  });
  assert.equal(question.status, 201, JSON.stringify(question.body));
  const answer = await app.call('POST', `/api/v1/questions/${question.body.id}/answers`, { as: bob, body: { body: `Answer ${CANARY}` } });
  assert.equal(answer.status, 201);
  ids = { post: post.body.id, reply: reply.body.id, question: question.body.id, answer: answer.body.id };
  // What people follow (issue #14). bob, the member, follows the community and its tag: his
  // following list and his Following feed show the canary (his card shows his canary post).
  for (const path of ['/communities/secret-lab/follow', `/tags/${CANARY_TAG}/follow`]) {
    assert.equal((await app.call('PUT', `/api/v1${path}`, { as: bob })).status, 200, path);
  }
  // bob declares the canary tag as a skill: the tag exists only in secret-lab, so his card, his
  // expertise and the experts for it must not name it to a non-member.
  assert.equal((await app.call('PUT', '/api/v1/me/skills', { as: bob, body: { tags: [CANARY_TAG] } })).status, 200);
  // The non-members follow bob, and hold the community follow of someone who left secret-lab
  // (the row is kept for when they come back): none of it may show them anything of it.
  for (const who of [alice, carol]) {
    assert.equal((await app.call('PUT', '/api/v1/people/bob/follow', { as: who })).status, 200);
    assert.equal((await app.call('PUT', '/api/v1/tags/general-stuff/follow', { as: who })).status, 200);
    await app.db.query(
      `INSERT INTO community_follows (person_id, community_id)
         SELECT p.id, c.id FROM people p, communities c WHERE p.handle = $1 AND c.slug = 'secret-lab'`, [who.handle]);
  }
  candidates = {
    // {id} is chosen by the path's resource: see idsFor().
    name: [CANARY_TAG, `${CANARY}chip`],
    slug: ['secret-lab'],
    community: ['secret-lab'],
    handle: ['bob'],
    author: ['bob'],
    tag: [CANARY_TAG],
    // A word of the canary content and of open content too: search and its facets.
    q: [CANARY, 'plan'],
    prefix: [CANARY.slice(0, 8)],
    tags: [CANARY_TAG],
    title: [CANARY],
    body: [CANARY],
    exclude: ['alice'],
    // The feed's Following scopes.
    following: ['tags', 'all'],
    // "My questions" and "for me to answer": never the restricted question for a non-member.
    scope: ['mine', 'for-me'],
  };
});
after(() => app.close());

interface Operation {
  path: string;
  operationId: string;
  stream: boolean;
  params: { name: string; in: 'path' | 'query'; required: boolean }[];
}

async function getOperations(): Promise<Operation[]> {
  const doc = (await app.call('GET', '/api/v1/openapi.json', { as: null })).body;
  return Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
    methods.get
      ? [{
          path,
          operationId: methods.get.operationId,
          stream: Object.keys(methods.get.responses['200']?.content ?? {}).includes('text/event-stream'),
          params: (methods.get.parameters ?? []).filter((p: { in: string }) => p.in === 'path' || p.in === 'query'),
        }]
      : []);
}

/** The canary ids for a path's {id}, by the resource the path names. */
function idsFor(path: string): string[] {
  // A watched keyword is the company's, in no community: nothing hidden to name.
  if (path.startsWith('/api/v1/moderation/keywords/')) return [];
  const resource = /^\/api\/v1\/(\w+)\/\{id\}/.exec(path)?.[1];
  const byResource: Record<string, number[]> = { posts: [ids.post, ids.reply], questions: [ids.question], answers: [ids.answer] };
  const found = resource ? byResource[resource] : undefined;
  if (!found) throw new Error(`${path}: no canary ids for this resource: add them to this test`);
  return found.map(String);
}

/** Every URL to try for an operation: each path value, then each query parameter with each value. */
function urls(op: Operation): { url: string; direct: boolean }[] {
  const pathParams = op.params.filter((p) => p.in === 'path');
  let paths = [{ path: op.path, direct: false }];
  for (const p of pathParams) {
    const values = p.name === 'id' ? idsFor(op.path) : candidates[p.name];
    if (!values) throw new Error(`${op.operationId}: no canary candidate for path parameter "${p.name}": add one to this test`);
    paths = paths.flatMap(({ path, direct }) =>
      values.map((v) => ({ path: path.replace(`{${p.name}}`, encodeURIComponent(v)), direct: direct || !PUBLIC_PARAMS.has(p.name) })));
  }
  const query = op.params.filter((p) => p.in === 'query' && !SHAPING.has(p.name));
  for (const p of query) {
    if (!candidates[p.name]) throw new Error(`${op.operationId}: no canary candidate for query parameter "${p.name}": add one to this test`);
  }
  const required = query.filter((p) => p.required);
  const base = new URLSearchParams(required.map((p) => [p.name, candidates[p.name]![0]!]));
  const out: { url: string; direct: boolean }[] = [];
  for (const { path, direct } of paths) {
    out.push({ url: `${path}?${base}`, direct });
    for (const p of query.filter((x) => !x.required)) {
      for (const v of candidates[p.name]!) {
        const qs = new URLSearchParams(base);
        qs.set(p.name, v);
        // Filtering by the restricted community is direct access to it: 404 for a non-member.
        out.push({ url: `${path}?${qs}`, direct: direct || p.name === 'community' });
      }
    }
  }
  return out;
}

async function crawl(as: Person) {
  const operations = await getOperations();
  const seen: { url: string; status: number; text: string; direct: boolean }[] = [];
  for (const op of operations.filter((o) => !o.stream)) {
    for (const { url, direct } of urls(op)) {
      const res = await app.call('GET', url, { as });
      seen.push({ url, status: res.status, text: JSON.stringify(res.body), direct });
    }
  }
  return { operations, seen };
}

/**
 * The twin of a canary URL: every canary value replaced by a value that exists nowhere. Hidden
 * and missing must look the same, so the two answers must be equal once mapped back.
 */
function twins(): [string, string][] {
  const missing = `missing${randomBytes(5).toString('hex')}`;
  // Longest first: the tag names contain the canary word.
  return [
    [`${CANARY}chip`, `${missing}chip`],
    [CANARY_TAG, `${missing}tag`],
    [CANARY, missing],
    [CANARY.slice(0, 8), missing.slice(0, 8)],
    ['secret-lab', 'no-such-lab'],
    [String(ids.post), '2147480001'],
    [String(ids.reply), '2147480002'],
    [String(ids.question), '2147480003'],
    [String(ids.answer), '2147480004'],
  ];
}

function swap(text: string, pairs: [string, string][], forward: boolean): string {
  // Ids are only replaced as whole path segments or whole numbers, never inside other numbers.
  let out = text;
  for (const [canary, twin] of pairs) {
    const [from, to] = forward ? [canary, twin] : [twin, canary];
    out = /^\d+$/.test(from)
      ? out.replace(new RegExp(`(?<=[/= ])${from}(?=[/?&" ]|$)`, 'g'), to)
      : out.replaceAll(from, to);
  }
  return out;
}

/** The values a write's body may name, for the canary and for its missing twin. */
interface Named { community: string; post: number; reply: number; question: number; answer: number; tag: string }

/**
 * A valid body for each write, built from what it names. A new write with a body fails the
 * crawl until a body is added here (and each is checked against the contract, so it stays valid).
 */
const WRITE_BODIES: Record<string, (n: Named) => unknown> = {
  createPost: (n) => ({ body: 'Hello there', community: n.community }),
  updatePost: () => ({ body: 'Edited', tags: ['edited'] }),
  createReply: () => ({ body: 'A reply' }),
  mergeTag: () => ({ into: 'general-stuff' }),
  createCommunity: () => ({ slug: 'made-by-the-crawl', name: 'Made', purpose: 'Made by the crawl', managers: ['alice'] }),
  updateCommunity: () => ({ purpose: 'Changed by the crawl' }),
  decideJoinRequest: () => ({ decision: 'approve' }),
  inviteToCommunity: () => ({ handle: 'alice' }),
  askQuestion: (n) => ({ title: 'How do we ship this?', body: 'Details', tags: ['shipping'], community: n.community }),
  updateQuestion: () => ({ title: 'How do we ship this now?' }),
  answerQuestion: () => ({ body: 'Like this' }),
  acceptAnswer: (n) => ({ answerId: n.answer }),
  updateAnswer: () => ({ body: 'Like that' }),
  voteAnswer: () => ({ value: 1 }),
  setSkills: (n) => ({ tags: [n.tag] }),
  setAway: () => ({ away: false }),
  markNotificationsRead: () => ({ all: true }),
  updateNotificationSettings: () => ({ delivery: { mention: 'page' } }),
  report: (n) => ({ kind: 'post', id: n.post, reason: 'spam' }),
  hideContent: () => ({ reason: 'Off topic for this company' }),
  restoreContent: () => ({ note: 'Fine after all' }),
  dismissReports: () => ({}),
  addWatchKeyword: () => ({ pattern: 'crawled' }),
  setAdoptionTargets: () => ({ activeShare: 0.38, contributorShare: 0.3, executiveContributorShare: 0.3, unansweredAfter48hShare: 0.2, taggedPostShare: 0.8 }),
};

/** Writes whose body names content: every kind is tried (a reply is a post with a parent). */
const BODY_VARIANTS: Record<string, (n: Named) => unknown[]> = {
  report: (n) => [
    { kind: 'post', id: n.post, reason: 'spam' },
    { kind: 'post', id: n.reply, reason: 'harassment' },
    { kind: 'question', id: n.question, reason: 'confidential' },
    { kind: 'answer', id: n.answer, reason: 'other', note: 'Looks wrong' },
  ],
};

interface Write { method: string; path: string; operationId: string; pathParams: string[]; body?: (n: Named) => unknown; variants?: (n: Named) => unknown[] }

async function getWrites(): Promise<Write[]> {
  const doc = (await app.call('GET', '/api/v1/openapi.json', { as: null })).body;
  const writes: Write[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(methods)) {
      if (method === 'get') continue;
      let body: Write['body'];
      if (op.requestBody) {
        body = WRITE_BODIES[op.operationId];
        if (!body) throw new Error(`${op.operationId}: no body for the write crawl: add one to WRITE_BODIES`);
        const schema = (api as Record<string, { body?: { safeParse(v: unknown): { success: boolean } } }>)[op.operationId]?.body;
        const sample: Named = { community: 'secret-lab', post: 1, reply: 2, question: 3, answer: 4, tag: 'x' };
        for (const b of [body(sample), ...(BODY_VARIANTS[op.operationId]?.(sample) ?? [])]) {
          assert.ok(schema?.safeParse(b).success, `${op.operationId}: its sample body ${JSON.stringify(b)} is not valid`);
        }
      }
      const pathParams = (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name);
      const variants = BODY_VARIANTS[op.operationId];
      writes.push({ method: method.toUpperCase(), path, operationId: op.operationId, pathParams, ...(body ? { body } : {}), ...(variants ? { variants } : {}) });
    }
  }
  return writes;
}

/** Each canary URL of a write (every path parameter filled from the canary content). */
function writeUrls(w: Write): string[] {
  // Moderation names content by kind and id: each kind with its canary ids.
  if (w.pathParams.includes('kind')) {
    const byKind: [string, number][] = [['post', ids.post], ['post', ids.reply], ['question', ids.question], ['answer', ids.answer]];
    return byKind.map(([kind, id]) => w.path.replace('{kind}', kind).replace('{id}', String(id)));
  }
  let paths = [w.path];
  for (const name of w.pathParams) {
    const values = name === 'id' ? idsFor(w.path) : candidates[name];
    if (!values) throw new Error(`${w.operationId}: no canary candidate for path parameter "${name}": add one to this test`);
    paths = paths.flatMap((p) => values.map((v) => p.replace(`{${name}}`, encodeURIComponent(v))));
  }
  return paths;
}

/**
 * Every write, as `as`, on the canary things and on missing twins: the answers must be the same
 * (status, and the body once the names are swapped back). A write that names nothing hidden is
 * skipped: it is not about hiding.
 */
async function crawlWrites(as: Person) {
  const pairs = twins();
  const canaryNames: Named = { community: 'secret-lab', ...ids, tag: CANARY_TAG };
  const missingNames: Named = {
    community: 'no-such-lab', post: 2147480001, reply: 2147480002, question: 2147480003, answer: 2147480004, tag: swap(CANARY_TAG, pairs, true),
  };
  const differences: string[] = [];
  let compared = 0;
  for (const w of await getWrites()) {
    const bodies: [unknown, unknown][] = w.variants
      ? w.variants(canaryNames).map((b, i) => [b, w.variants!(missingNames)[i]])
      : [[w.body?.(canaryNames), w.body?.(missingNames)]];
    for (const [url, [body, twinBody]] of writeUrls(w).flatMap((u) => bodies.map((b) => [u, b] as const))) {
      const twinUrl = swap(url, pairs, true);
      if (twinUrl === url && JSON.stringify(body) === JSON.stringify(twinBody)) continue;
      const hidden = await app.call(w.method, url, { as, ...(body !== undefined ? { body } : {}) });
      const missing = await app.call(w.method, twinUrl, { as, ...(twinBody !== undefined ? { body: twinBody } : {}) });
      compared++;
      assert.ok(hidden.status < 500 && missing.status < 500, `${w.method} ${url}: ${hidden.status}, twin ${missing.status}`);
      const text = JSON.stringify(hidden.body);
      if (text.includes('Secret Lab')) differences.push(`${w.method} ${url} leaked the community's name`);
      if (hidden.status !== missing.status) {
        differences.push(`${w.method} ${url} answered ${hidden.status} but its missing twin ${missing.status}: ${text.slice(0, 200)}`);
      } else if (text !== swap(JSON.stringify(missing.body), pairs, false)) {
        differences.push(`${w.method} ${url} answered differently from its missing twin: ${text.slice(0, 200)} vs ${JSON.stringify(missing.body).slice(0, 200)}`);
      }
    }
  }
  return { compared, differences };
}

/** The GET crawl as someone who is not a member: no canary, and hidden answers exactly like missing. */
async function crawlAsOutsider(as: Person) {
  const { operations, seen } = await crawl(as);
  assert.ok(operations.length >= 12, `crawled ${operations.length} operations`);
  assert.ok(seen.length >= 20, `made ${seen.length} requests`);
  const pairs = twins();
  let compared = 0;
  for (const r of seen) {
    assert.ok(r.status < 500, `${r.url} answered ${r.status}`);
    assert.ok(!r.text.includes('Secret Lab'), `${r.url} leaked the community's name`);
    if (r.direct) assert.equal(r.status, 404, `${r.url} answered ${r.status}, not 404`);
    const twinUrl = swap(r.url, pairs, true);
    if (twinUrl === r.url) {
      // Nothing of the canary was asked for: nothing of it may come back.
      assert.ok(!r.text.includes(CANARY), `${r.url} leaked the canary: ${r.text.slice(0, 300)}`);
      continue;
    }
    const twin = await app.call('GET', twinUrl, { as });
    assert.equal(r.status, twin.status, `${r.url} answered ${r.status} but its missing twin ${twin.status}`);
    assert.equal(r.text, swap(JSON.stringify(twin.body), pairs, false), `${r.url} answered differently from its missing twin ${twinUrl}`);
    compared++;
  }
  assert.ok(compared >= 10, `compared ${compared} canary URLs with their missing twins`);
}

describe('a restricted community is invisible to non-members on every path', () => {
  test('an admin who is not a member crawling every GET endpoint never meets a canary either (the moderation queue included)', async () => {
    await crawlAsOutsider(carol);
  });

  test('a non-member crawling every GET endpoint never meets a canary: hidden answers exactly like missing', async () => {
    const { operations, seen } = await crawl(alice);
    assert.ok(operations.length >= 12, `crawled ${operations.length} operations`);
    assert.ok(seen.length >= 20, `made ${seen.length} requests`);
    const pairs = twins();
    let compared = 0;
    for (const r of seen) {
      assert.ok(r.status < 500, `${r.url} answered ${r.status}`);
      assert.ok(!r.text.includes('Secret Lab'), `${r.url} leaked the community's name`);
      if (r.direct) assert.equal(r.status, 404, `${r.url} answered ${r.status}, not 404`);
      const twinUrl = swap(r.url, pairs, true);
      if (twinUrl === r.url) {
        // Nothing of the canary was asked for: nothing of it may come back.
        assert.ok(!r.text.includes(CANARY), `${r.url} leaked the canary: ${r.text.slice(0, 300)}`);
        continue;
      }
      const twin = await app.call('GET', twinUrl, { as: alice });
      assert.equal(r.status, twin.status, `${r.url} answered ${r.status} but its missing twin ${twin.status}`);
      assert.equal(r.text, swap(JSON.stringify(twin.body), pairs, false), `${r.url} answered differently from its missing twin ${twinUrl}`);
      compared++;
    }
    assert.ok(compared >= 10, `compared ${compared} canary URLs with their missing twins`);
  });

  test('a non-member writing to every hidden thing gets what a missing thing gets (every PUT, POST, PATCH, DELETE)', async () => {
    const { compared, differences } = await crawlWrites(alice);
    assert.ok(compared >= 20, `compared ${compared} writes with their missing twins`);
    assert.deepEqual(differences, []);
  });

  test('so does an admin who is not a member', async () => {
    const { compared, differences } = await crawlWrites(carol);
    assert.ok(compared >= 20, `compared ${compared} writes with their missing twins`);
    assert.deepEqual(differences, []);
  });

  test('after both crawls the member still finds every canary whole', async () => {
    for (const url of [`/api/v1/posts/${ids.post}`, `/api/v1/posts/${ids.reply}`, `/api/v1/questions/${ids.question}`, `/api/v1/tags/${CANARY_TAG}`]) {
      const res = await app.call('GET', url, { as: bob });
      assert.equal(res.status, 200, `${url}: ${JSON.stringify(res.body)}`);
      assert.ok(JSON.stringify(res.body).includes(CANARY), url);
    }
    // Not merged away by the admin's crawl.
    assert.equal((await app.call('GET', `/api/v1/tags/${CANARY_TAG}`, { as: bob })).body.name, CANARY_TAG);
  });

  test('the same crawl as a member finds the canary', async () => {
    const { seen } = await crawl(bob);
    const found = seen.filter((r) => r.text.includes(CANARY));
    for (const must of ['/api/v1/moderation/queue?', `/api/v1/questions/${ids.question}?`, '/api/v1/questions?', '/api/v1/questions/similar?', `/api/v1/posts/${ids.post}?`, `/api/v1/posts/${ids.reply}?`, `/api/v1/posts/${ids.post}/replies?`, `/api/v1/tags/${CANARY_TAG}?`, '/api/v1/search?', '/api/v1/tags?', '/api/v1/tags/suggest?', '/api/v1/posts?',
      '/api/v1/posts?following=tags', '/api/v1/posts?following=all', '/api/v1/people/bob?', '/api/v1/me/following?', '/api/v1/search/suggestions?']) {
      assert.ok(found.some((r) => r.url.startsWith(must)), `the member should find the canary through ${must}`);
    }
    const refused = seen.filter((r) => r.direct && r.status !== 200).map((r) => `${r.url} ${r.status}`);
    assert.deepEqual(refused, [], 'direct ids answer 200 for a member');
  });

  test("the live event stream carries a restricted community's events to members only", async () => {
    const aliceStream = await openEvents(app, alice);
    const bobStream = await openEvents(app, bob);
    try {
      const secret = await app.call('POST', '/api/v1/posts', { as: bob, body: { body: `Later ${CANARY}`, community: 'secret-lab' } });
      const open = await app.call('POST', '/api/v1/posts', { as: bob, body: { body: 'Lunch at noon', community: 'general' } });
      // Events are delivered in commit order: had alice been sent the secret one, it would come first.
      const toAlice = await aliceStream.next();
      assert.deepEqual(toAlice, { event: 'post.created', data: { type: 'post.created', postId: open.body.id, parentId: null, community: 'general' } });
      const toBob = await bobStream.next();
      assert.deepEqual(toBob.data, { type: 'post.created', postId: secret.body.id, parentId: null, community: 'secret-lab' });
      assert.equal((await bobStream.next()).data.postId, open.body.id);
      // Likes and deletes too.
      await app.call('PUT', `/api/v1/posts/${secret.body.id}/like`, { as: bob });
      await app.call('DELETE', `/api/v1/posts/${secret.body.id}`, { as: bob });
      await app.call('PUT', `/api/v1/posts/${open.body.id}/like`, { as: alice });
      assert.deepEqual((await aliceStream.next()).data, { type: 'post.liked', postId: open.body.id, parentId: null, community: 'general' });
      assert.equal((await bobStream.next()).event, 'post.liked');
      assert.equal((await bobStream.next()).event, 'post.deleted');
    } finally {
      aliceStream.close();
      bobStream.close();
    }
  });

  test("a stream that reconnects with Last-Event-ID is replayed a restricted community's events only if a member", async () => {
    const { last } = (await app.db.query<{ last: string }>('SELECT coalesce(max(id), 0)::text AS last FROM event_outbox'))[0]!;
    const secret = await app.call('POST', '/api/v1/posts', { as: bob, body: { body: `Replayed ${CANARY}`, community: 'secret-lab' } });
    await app.call('PUT', `/api/v1/posts/${secret.body.id}/like`, { as: bob });
    const open = await app.call('POST', '/api/v1/posts', { as: bob, body: { body: 'Coffee at three', community: 'general' } });
    /** What `person` is replayed from `from`, up to the open post (events come in id order). */
    const replayed = async (person: Person, from: string) => {
      const controller = new AbortController();
      const res = await fetch(`${app.url}/api/v1/events`, {
        headers: { authorization: `Bearer ${await app.token(person)}`, 'last-event-id': from }, signal: controller.signal,
      });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      const events: { event: string; data: any }[] = [];
      let buffer = '';
      const timeout = setTimeout(() => controller.abort(), 5000);
      try {
        while (!events.some((e) => e.event === 'reset' || (e.event === 'post.created' && e.data.postId === open.body.id))) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = takeEvents(buffer + value, events);
        }
      } finally {
        clearTimeout(timeout);
        controller.abort();
      }
      return events;
    };
    const toAlice = await replayed(alice, last);
    assert.deepEqual(toAlice.map((e) => e.event), ['ready', 'post.created']);
    assert.equal(toAlice[1]!.data.postId, open.body.id);
    const toBob = await replayed(bob, last);
    assert.deepEqual(toBob.slice(1).map((e) => [e.event, e.data.postId]), [['post.created', secret.body.id], ['post.liked', secret.body.id], ['post.created', open.body.id]]);
    // From the start, all the canary content's events: none of secret-lab's (unless too many to replay).
    const fromStart = await replayed(alice, '0');
    assert.ok(!JSON.stringify(fromStart).includes('secret-lab'), 'a non-member was replayed a restricted community event');
    assert.ok(!fromStart.some((e) => e.data.postId === ids.post || e.data.postId === ids.reply || e.data.postId === secret.body.id));
  });

  test('the event stream needs a token like every endpoint', async () => {
    const res = await fetch(`${app.url}/api/v1/events`);
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
  });
});
