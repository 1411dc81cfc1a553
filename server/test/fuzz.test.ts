import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { api, API_PREFIX, Problem, type Endpoint } from '@hearth/contracts';
import { people, startApp, type Person } from './helpers.ts';

/*
 * The fuzz an attacker would run: every operation of the OpenAPI document the server serves (read
 * from the document, so a new endpoint is covered without touching this file) gets inputs that
 * fast-check generates from the operation's own JSON schemas (valid ones) and mutations of them
 * (wrong types, out-of-range numbers, huge strings, unknown fields, NUL characters, odd Unicode,
 * broken percent-encoding and JSON, ids of existing, hidden, restricted and missing things). Each
 * input is sent as an employee (alice, not a member of the restricted community), a community
 * manager (bob, of secret-lab) and an admin (carol). Properties, for every answer:
 *   - no 5xx, and an answer within REQUEST_TIMEOUT (no hang);
 *   - the status is one the document lists for the operation (checked once, by the last tests);
 *   - a 2xx body parses with the contract's response schema (`api`, the same operation by method
 *     and path), a 204 has no body, and an operation documented as text/csv answers text/csv
 *     with a header line;
 *   - a 4xx is application/problem+json whose `status` is the HTTP status, with `type` and `title`;
 *   - the employee never receives the restricted community's canary text.
 * Bounded: RUNS valid and RUNS invalid inputs per operation. The seed is printed at the start and
 * in every failure: FUZZ_SEED=<seed> replays the whole run (FUZZ_RUNS=<n> makes it longer; see
 * SEED for how it is chosen).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
/**
 * The seed: FUZZ_SEED, else one derived from the commit being tested, else random. Per commit so
 * that `npm test` gives the same answer for the same code (CI on a clean clone reproduces what
 * was run before landing), while every new commit explores new inputs. FUZZ_SEED=random asks
 * for a fresh seed (the way to hunt for more).
 */
const SEED = seedFrom(process.env.FUZZ_SEED);
function seedFrom(given: string | undefined): number {
  if (given && given !== 'random') return Number(given);
  const head = given === 'random' ? null : spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
  if (head?.status === 0 && /^[0-9a-f]{40}$/.test(head.stdout.trim())) return Number.parseInt(head.stdout.trim().slice(0, 8), 16) >>> 1;
  return randomBytes(4).readUInt32BE() >>> 1;
}
const REQUEST_TIMEOUT = 15_000;
const CANARY = `canary${randomBytes(5).toString('hex')}`;
const { alice, bob, carol } = people;
const PERSONAS: [role: string, person: Person][] = [['employee', alice], ['manager', bob], ['admin', carol]];

type Schema = Record<string, any>;
interface Parameter { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: Schema }
interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: Schema;
  responses: Record<string, { content?: Record<string, unknown> }>;
  contract?: Endpoint;
}

/** One request: values to percent-encode, or `raw` fragments sent as they are. */
interface Input {
  path: Record<string, string | { raw: string }>;
  query: [name: string, value: string | { raw: string }][];
  headers: Record<string, string>;
  /** A value sent as JSON, or `raw` text with its content type (or none). */
  body?: { json: unknown } | { raw: string; type?: string };
  /** Who sends it: undefined for the personas, null or a string for a missing or forged token. */
  token?: null | string;
  mutation: string;
}

/**
 * The app of helpers.ts `startApp` (the same people and communities) with its error log kept: a
 * 5xx failure shows the server's stack, not only "the error was logged". Rate limits stay on
 * (their store is exercised too), far above what the fuzz sends.
 */
const serverErrors: string[] = [];
const generous = Object.fromEntries(['POST', 'QUESTION', 'REACT', 'REPORT', 'WRITE', 'READ'].map((k) => [`RATE_LIMIT_${k}`, '1000000/1h']));
const log = new Writable({ write(chunk, _encoding, done) { serverErrors.push(String(chunk)); done(); } });
const app = await startApp({ RATE_LIMITS: 'on', ...generous }, { logger: pino({ level: 'error' }, log) });
after(() => app.close());

const doc = (await app.call('GET', `${API_PREFIX}/openapi.json`, { as: null })).body as {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema>; responses?: Record<string, any>; parameters?: Record<string, any> };
};

function deref<T = Schema>(value: any): T {
  let v = value;
  for (let hops = 0; v && typeof v === 'object' && typeof v.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`a $ref loop at ${value.$ref}`);
    v = v.$ref.slice(2).split('/').reduce((node: any, key: string) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return v as T;
}

const contracts = new Map(Object.values(api as Record<string, Endpoint>).map((e) => [
  `${e.method} ${API_PREFIX}${e.path.replace(/:(\w+)/g, '{$1}')}`, e,
]));

const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({
      method,
      path,
      operationId: op.operationId,
      parameters: (op.parameters ?? []).map(deref<Parameter>),
      body: deref(op.requestBody)?.content?.['application/json']?.schema,
      responses: Object.fromEntries(Object.entries(op.responses ?? {}).map(([status, r]) => [status, deref(r)])),
      contract: contracts.get(`${method} ${path}`),
    })));

// ---------------------------------------------------------------------------------------------
// The data: people in three roles, an open and a restricted community (with a canary in all its
// text), and posts, replies, questions and answers in each, some hidden by a moderator. Topped up
// before each operation, since the previous one may have deleted, hidden or archived things.

const pools = {
  posts: [] as number[],
  questions: [] as number[],
  answers: [] as number[],
  notifications: [] as number[],
  keywords: [] as number[],
  cursors: [] as string[],
  slugs: ['general', 'secret-lab', 'old-news', 'no-such-place'],
  handles: ['alice', 'bob', 'carol', 'nobody'],
  tags: ['fuzzing', 'kubernetes', 'labtag', 'no-such-tag'],
  words: ['fuzzing', 'plan', 'restricted', 'kubernetes'],
};
const MISSING_IDS = [2_147_483_647, 999_999];
const has = (operationId: string) => operations.some((op) => op.operationId === operationId);

async function must(method: string, path: string, as: Person, body?: unknown) {
  const res = await app.call(method, path, { as, body });
  if (res.status >= 300) throw new Error(`seeding ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The previous operation only read: the content it was given is all still there. */
let previousOnlyRead = false;

async function topUp() {
  // Undo what the previous operation's admin and manager calls may have changed about the places.
  await app.db.exec(`
    UPDATE communities SET state = 'active', archived_at = NULL WHERE slug IN ('general', 'secret-lab');
    UPDATE communities SET visibility = 'restricted' WHERE slug = 'secret-lab';
    UPDATE communities SET visibility = 'open' WHERE slug = 'general';
    DELETE FROM memberships WHERE person_id = (SELECT id FROM people WHERE handle = 'alice')
      AND community_id = (SELECT id FROM communities WHERE slug = 'secret-lab');
    INSERT INTO memberships (community_id, person_id, role)
      SELECT c.id, p.id, 'manager' FROM communities c, people p WHERE c.slug = 'secret-lab' AND p.handle = 'bob'
      ON CONFLICT (community_id, person_id) DO UPDATE SET role = 'manager';
  `);
  if (previousOnlyRead) return;
  for (const [community, words] of [['general', 'Open plan'], ['secret-lab', `Restricted ${CANARY}`]] as const) {
    const tag = community === 'general' ? 'fuzzing' : 'labtag';
    const post = await must('POST', `${API_PREFIX}/posts`, bob, { body: `${words} #${tag} for @alice`, community, tags: ['kubernetes'] });
    const reply = await must('POST', `${API_PREFIX}/posts/${post.id}/replies`, bob, { body: `${words}: a reply` });
    const question = await must('POST', `${API_PREFIX}/questions`, bob, {
      title: `${words}: how do we fuzz it?`, body: `${words} details`, tags: [tag], community,
    });
    const answer = await must('POST', `${API_PREFIX}/questions/${question.id}/answers`, community === 'general' ? carol : bob, { body: `${words}: an answer` });
    pools.posts.push(post.id, reply.id);
    pools.questions.push(question.id);
    pools.answers.push(answer.id);
    // One post and one answer hidden by a moderator (in the database when the document has no
    // hideContent yet), and a reported post for the queue.
    const hidden = await must('POST', `${API_PREFIX}/posts`, bob, { body: `${words}: soon hidden`, community });
    const hiddenAnswer = await must('POST', `${API_PREFIX}/questions/${question.id}/answers`, bob, { body: `${words}: a hidden answer` });
    for (const [kind, id, table] of [['post', hidden.id, 'posts'], ['answer', hiddenAnswer.id, 'answers']] as const) {
      const moderator = community === 'general' ? carol : bob; // the admin; secret-lab's manager
      if (has('hideContent')) await must('POST', `${API_PREFIX}/moderation/items/${kind}/${id}/hide`, moderator, { reason: 'fuzz: hidden by a moderator' });
      else await app.db.query(`UPDATE ${table} SET hidden_at = now(), hidden_reason = 'fuzz' WHERE id = $1`, [id]);
    }
    if (has('report') && community === 'general') await must('POST', `${API_PREFIX}/reports`, alice, { kind: 'post', id: reply.id, reason: 'spam' });
    pools.posts.push(hidden.id);
    pools.answers.push(hiddenAnswer.id);
  }
  const notifications = await app.db.query<{ id: number }>('SELECT id FROM notifications ORDER BY id DESC LIMIT 5');
  pools.notifications = notifications.map((n) => n.id);
  const keywords = await app.db.query<{ id: number }>('SELECT id FROM watch_keywords ORDER BY id DESC LIMIT 5');
  pools.keywords = keywords.map((k) => k.id);
  // Only the latest ones: the pools stay small, so "existing" is often picked.
  for (const key of ['posts', 'questions', 'answers'] as const) pools[key] = pools[key].slice(-12);
  pools.cursors = pools.cursors.slice(-10);
}

/** Does the employee rightly see the restricted community now (an admin may have opened it)? */
async function employeeMaySeeRestricted(): Promise<boolean> {
  const [row] = await app.db.query<{ open: boolean; member: boolean }>(`
    SELECT c.visibility = 'open' AS open,
           EXISTS (SELECT 1 FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.community_id = c.id AND p.handle = 'alice') AS member
    FROM communities c WHERE c.slug = 'secret-lab'`);
  return !row || row.open || row.member;
}

// ---------------------------------------------------------------------------------------------
// Valid values: from the JSON schema, mixed with real values when the name says what it is.

/** Where a value goes: the operation's path, whether it only reads, and whether in the URL. */
interface Where { path: string; read: boolean; inUrl: boolean }

/**
 * The longest string generated for a path or query parameter. Node refuses a request whose line
 * and headers pass 16 KB with a bare 431 (no problem+json) before the app sees it, so a schema's
 * maxLength above this (similarQuestions' `body`: 10,000) is not generated in full.
 */
const URL_TEXT_MAX = 1000;

/**
 * A path segment that stays in its route: "", "." and ".." would take the request to another
 * operation (the URL parser resolves dot segments; Express ignores an empty last one).
 */
const routable = (value: string) => !['', '.', '..'].includes(value);

/** The pool a parameter or property name draws real values from. */
function poolFor(name: string, at: Where): (string | number)[] | undefined {
  switch (name) {
    case 'id': {
      if (at.path.includes('/keywords/')) return [...pools.keywords, ...MISSING_IDS];
      const resource = /\/(posts|questions|answers)\/\{id\}/.exec(at.path)?.[1] as 'posts' | 'questions' | 'answers' | undefined;
      const own = resource ? pools[resource] : [...pools.posts, ...pools.questions, ...pools.answers];
      return [...own, ...MISSING_IDS];
    }
    case 'answerId': return [...pools.answers, ...MISSING_IDS];
    case 'ids': return [...pools.notifications, ...MISSING_IDS];
    case 'slug': case 'community': return pools.slugs;
    case 'handle': case 'author': case 'exclude': return pools.handles;
    case 'name': case 'tag': case 'into': case 'prefix': return pools.tags;
    case 'tags': return [...pools.tags, pools.tags.slice(0, 2).join(',')];
    case 'cursor': return pools.cursors.length ? pools.cursors : undefined;
    // The canary only in what is read (searched for): written, it would be the employee's own text.
    case 'q': case 'title': return at.read ? [...pools.words, CANARY] : pools.words;
    case 'Idempotency-Key': return ['fuzz-key-00000001', 'fuzz-key-00000002'];
    default: return undefined;
  }
}

const ODD = [
  '\u202Eevil.exe', '\u200B', 'e\u0301\u0301\u0301', '\uD800', '\uDFFFx', '👩‍👩‍👧‍👦', '\uFEFFbom', 'İı', 'ß', '\u2028\u2029',
  'ﷺ', '\u0000', 'a\u0000b', '%00', '../../etc/passwd', "' OR 1=1 --", '<script>alert(1)</script>', '${7*7}', '{{7*7}}',
  '\\', '"', '\u{E0041}', '\u{10FFFF}', '\uFFFE', 'Ａ', '\u0085',
];
const oddText = fc.oneof(
  fc.constantFrom(...ODD),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 4 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 4 }),
);

function textFor(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 300;
  if (schema.pattern) {
    const matching = fc.stringMatching(new RegExp(schema.pattern), { maxLength: Math.min(max, 300) });
    return matching.filter((s) => s.length >= min && s.length <= max);
  }
  const short = Math.min(max, Math.max(min, 60));
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: short }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: short }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: short }) },
    // At the limit (code points; the server may count UTF-16 units: a 400 is fine, a 500 is not).
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: max, maxLength: max }) },
  );
}

function valid(schema: Schema | undefined, name: string, at: Where): fc.Arbitrary<unknown> {
  const s = deref(schema ?? {});
  const pool = poolFor(name, at);
  const generated = fromSchema(s, name, at);
  if (!pool?.length || s.type === 'array') return generated;
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: generated });
}

function fromSchema(s: Schema, name: string, at: Where): fc.Arbitrary<unknown> {
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  const choices = s.anyOf ?? s.oneOf;
  if (choices) return fc.oneof(...(choices as Schema[]).map((c) => valid(c, name, at)));
  const type = Array.isArray(s.type) ? s.type : [s.type];
  if (type.length > 1) return fc.oneof(...type.map((t: string) => fromSchema({ ...s, type: t }, name, at)));
  switch (type[0]) {
    case 'null': return fc.constant(null);
    case 'boolean': return fc.boolean();
    case 'integer': case 'number': {
      const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : s.minimum ?? -(2 ** 31);
      const max = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : s.maximum ?? 2 ** 31 - 1;
      return fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) });
    }
    case 'string': return textFor(at.inUrl ? { ...s, maxLength: Math.min(s.maxLength ?? URL_TEXT_MAX, URL_TEXT_MAX) } : s);
    case 'array': {
      const pool = poolFor(name, at);
      const item = pool?.length
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: valid(s.items, '', at) })
        : valid(s.items, '', at);
      return fc.array(item, { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 10, 20) });
    }
    case 'object': case undefined: {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const model = Object.fromEntries(Object.entries(props).map(([key, sub]) => [key, valid(sub, key, at)]));
      return fc.record(model, { requiredKeys: (s.required ?? []) as string[] });
    }
    default:
      throw new Error(`${at.path}: the fuzz has no generator for JSON schema type ${JSON.stringify(s.type)}: add one`);
  }
}

/** Valid inputs for an operation: path, query, header and body from their schemas. */
function validInput(op: Operation): fc.Arbitrary<Input> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const csv = offersCsv(op);
  const read = op.method === 'get';
  const inUrl: Where = { path: op.path, read, inUrl: true };
  const inBody: Where = { path: op.path, read, inUrl: false };
  const headerModel: Record<string, fc.Arbitrary<string>> = {
    ...Object.fromEntries(headerParams.map((p) => [p.name, valid(p.schema, p.name, inUrl).map(String)])),
    ...(csv ? { accept: fc.constantFrom('text/csv', 'application/json') } : {}),
  };
  return fc.record({
    path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, valid(p.schema, p.name, inUrl).map(String).filter(routable)]))),
    // An optional parameter in one input of three: with all of them, some value that is valid but
    // names nothing (a missing author, a foreign cursor) would almost always end it at a 404/400.
    query: fc.tuple(...queryParams.map((p) => {
      const value = valid(p.schema, p.name, inUrl).map((v): [string, string] => [p.name, String(v)]);
      return p.required ? value : fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
    })).map((pairs) => pairs.filter((pair): pair is [string, string] => pair !== null)),
    headers: fc.record(headerModel, { requiredKeys: headerParams.filter((p) => p.required).map((p) => p.name) }),
    body: op.body ? valid(op.body, '', inBody).map((json) => ({ json })) : fc.constant(undefined),
    mutation: fc.constant('none'),
  });
}

// ---------------------------------------------------------------------------------------------
// Invalid inputs: a valid one with one or two things broken.

/**
 * A long string. In a URL it stays under Node's 16 KB limit for the request line and headers
 * (about 4 KB once percent-encoded): beyond it Node answers 431 by itself, before the app.
 */
const huge = (n: number) => fc.constantFrom<[string, number]>(['x', 1], ['é', 6], ['🔥', 12], ['\u200B', 9])
  .map(([c, bytes]) => c.repeat(n === URL_SIZE ? Math.floor(URL_SIZE / bytes) : n));
const URL_SIZE = 4000;
const badText = fc.oneof(
  fc.constantFrom('abc', '-1', '0', '1.5', '1e3', '2147483648', '99999999999999999999', ' 1', '0x10', 'true', 'null', '', '[]', '{"a":1}', 'NaN'),
  oddText,
  huge(URL_SIZE),
);
const badRaw = fc.constantFrom('%', '%FF', '%C0%AF', '%ED%A0%80', '%00', '%2F', '%2F..%2F', '%25', 'a%20b', '%E2%80', '%2e%2e%2F');
const badJson = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, 0.5, [], {}, [1, 2], { a: 1 }, '', 'x'),
  badText,
  fc.jsonValue({ maxDepth: 3 }),
  huge(70_000),
);
const badBodies = fc.constantFrom(
  { raw: '{"body": "unterminated', type: 'application/json' },
  { raw: '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}', type: 'application/json' },
  { raw: `${'['.repeat(5000)}${']'.repeat(5000)}`, type: 'application/json' },
  { raw: '{"a": 1e999999}', type: 'application/json' },
  { raw: '{"body": "a", "body": 1}', type: 'application/json' },
  { raw: '', type: 'application/json' },
  { raw: 'null', type: 'application/json' },
  { raw: '"just a string"', type: 'application/json' },
  { raw: '\uFEFF{}', type: 'application/json' },
  { raw: '{}', type: 'application/json; charset=utf-16' },
  { raw: '{}', type: 'application/json; charset=latin1' },
  { raw: 'body=hi', type: 'application/x-www-form-urlencoded' },
  { raw: '--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nhi\r\n--x--', type: 'multipart/form-data; boundary=x' },
  { raw: '{"body":"hi"}', type: 'text/plain' },
  { raw: '{"body":"hi"}' },
  { raw: '\u0000\u0001\u0002', type: 'application/octet-stream' },
);

function invalidInput(op: Operation): fc.Arbitrary<Input> {
  const pathNames = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const queryNames = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const bodyProps = Object.keys(deref(op.body ?? {}).properties ?? {});
  type Mutate = fc.Arbitrary<(input: Input) => void>;
  const mutations: Mutate[] = [
    fc.tuple(fc.constantFrom('extra', 'limit', 'id', '__proto__', 'constructor', '$where'), badText)
      .map(([name, value]) => (i) => { i.query.push([name, value]); i.mutation = `unknown query parameter ${name}`; }),
    fc.constantFrom(null, 'not.a.jwt', 'Bearer', '')
      .map((token) => (i) => { i.token = token; i.mutation = `token ${JSON.stringify(token)}`; }),
    fc.constantFrom('short', 'has spaces in it', 'x'.repeat(101), 'ünïcödé-key', '../../../../')
      .map((key) => (i) => { i.headers['Idempotency-Key'] = key; i.mutation = `Idempotency-Key ${key.slice(0, 20)}`; }),
  ];
  if (pathNames.length) {
    mutations.push(fc.tuple(fc.constantFrom(...pathNames), fc.oneof(badText.filter(routable), badRaw.map((raw) => ({ raw })), fc.constantFrom('0', '-5', '2147483648', '1.0', '1e1')))
      .map(([name, value]) => (i) => { i.path[name] = value; i.mutation = `path ${name}`; }));
  }
  if (queryNames.length) {
    mutations.push(fc.tuple(fc.constantFrom(...queryNames), fc.oneof(badText, badRaw.map((raw) => ({ raw }))))
      .map(([name, value]) => (i) => { i.query = i.query.filter(([n]) => n !== name); i.query.push([name, value]); i.mutation = `query ${name}`; }));
    mutations.push(fc.tuple(fc.constantFrom(...queryNames), fc.string({ maxLength: 5 }))
      .map(([name, value]) => (i) => { i.query.push([name, value], [name, value]); i.mutation = `query ${name} repeated`; }));
  }
  if (op.method !== 'get') {
    mutations.push(badJson.map((json) => (i) => { i.body = { json }; i.mutation = 'body replaced'; }));
    mutations.push(badBodies.map((raw) => (i) => { i.body = raw; i.mutation = `raw body ${raw.type ?? 'without a type'}`; }));
  }
  if (op.body) {
    mutations.push(fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'id', 'authorId', 'hidden', 'role', 'roles'), badJson)
      .map(([name, value]) => (i) => { i.body = { json: withKey(i.body, name, value) }; i.mutation = `unknown field ${name}`; }));
  }
  if (bodyProps.length) {
    mutations.push(fc.tuple(fc.constantFrom(...bodyProps), badJson)
      .map(([name, value]) => (i) => { i.body = { json: withKey(i.body, name, value) }; i.mutation = `field ${name}`; }));
    mutations.push(fc.constantFrom(...bodyProps)
      .map((name) => (i) => { i.body = { json: withKey(i.body, name, undefined) }; i.mutation = `field ${name} missing`; }));
  }
  return fc.tuple(validInput(op), fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 2 }))
    .map(([input, changes]) => {
      const copy: Input = structuredClone(input);
      const names: string[] = [];
      for (const change of changes) {
        change(copy);
        names.push(copy.mutation);
      }
      copy.mutation = names.join(', ');
      return copy;
    });
}

function withKey(body: Input['body'], key: string, value: unknown) {
  const base = body && 'json' in body && body.json && typeof body.json === 'object' && !Array.isArray(body.json) ? { ...(body.json as object) } : {};
  // defineProperty: `__proto__` becomes a real key in the JSON sent, as an attacker would send it.
  if (value === undefined) delete (base as Record<string, unknown>)[key];
  else Object.defineProperty(base, key, { value, enumerable: true, configurable: true, writable: true });
  return base;
}

// ---------------------------------------------------------------------------------------------
// Sending and checking.

/** encodeURIComponent, also for lone surrogates (sent as their CESU-8 bytes: invalid UTF-8). */
function pct(value: string): string {
  return Array.from(value, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    }
    return encodeURIComponent(ch);
  }).join('');
}
const encode = (v: string | { raw: string }) => (typeof v === 'string' ? pct(v) : v.raw);

function urlOf(op: Operation, input: Input): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(input.path[name] ?? ''));
  const query = input.query.map(([name, value]) => `${pct(name)}=${encode(value)}`).join('&');
  return query ? `${path}?${query}` : path;
}

interface Answer { status: number; type: string; text: string; retryAfter: string | null }

async function send(op: Operation, input: Input, as: Person): Promise<Answer> {
  const headers: Record<string, string> = { ...input.headers };
  const token = input.token === undefined ? await app.token(as) : input.token;
  if (token !== null) headers.authorization = token.startsWith('Bearer') ? token : `Bearer ${token}`;
  let body: string | undefined;
  if (input.body && op.method !== 'get') {
    if ('json' in input.body) {
      body = JSON.stringify(input.body.json) ?? 'null';
      headers['content-type'] = 'application/json';
    } else {
      body = input.body.raw;
      if (input.body.type) headers['content-type'] = input.body.type;
    }
  }
  const res = await fetch(app.url + urlOf(op, input), {
    method: op.method.toUpperCase(), headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, retryAfter: res.headers.get('retry-after') };
}

function offersCsv(op: Operation): boolean {
  return Object.entries(op.responses).some(([status, r]) => status.startsWith('2') && Object.keys(r.content ?? {}).some((t) => t.startsWith('text/csv')));
}

/** Statuses seen per operation, for the summary and the "did the fuzz get anywhere" check. */
const seen = new Map<string, Map<number, number>>();
/** Statuses an operation answered that the document does not list for it, with an example. */
const undocumented = new Map<string, string>();

/** Every property of one answer; throws with everything needed to reproduce it. */
async function check(op: Operation, input: Input, role: string, answer: Answer) {
  const counts = seen.get(op.operationId) ?? new Map<number, number>();
  counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
  seen.set(op.operationId, counts);
  const fail = (why: string): never => {
    const logged = serverErrors.splice(0).join('').slice(0, 3000);
    const sent = input.body ? ('json' in input.body ? JSON.stringify(input.body.json) : JSON.stringify(input.body)) : '';
    throw new Error([
      why,
      `  request: ${op.method.toUpperCase()} ${urlOf(op, input).slice(0, 500)} as ${role}${input.token !== undefined ? ` (token ${JSON.stringify(input.token)})` : ''}`,
      `  headers: ${JSON.stringify(input.headers).slice(0, 300)}`,
      `  body: ${sent.slice(0, 500)}${sent.length > 500 ? `... (${sent.length} characters)` : ''}`,
      `  mutation: ${input.mutation}`,
      `  answer: ${answer.status} ${answer.type} ${answer.text.slice(0, 800)}`,
      `  replay with FUZZ_SEED=${SEED}`,
      ...(logged ? [`  the server logged: ${logged}`] : []),
    ].join('\n'));
  };
  const { status, type, text } = answer;
  if (status >= 500) fail(`a ${status}: the server failed`);
  if (status < 200 || (status >= 300 && status < 400)) fail(`an unexpected ${status}`);
  if (!op.responses[String(status)] && !op.responses.default) {
    // Collected, and reported by a test of its own: a gap in the document, not in the handler.
    const key = `${op.operationId} ${status}`;
    if (!undocumented.has(key)) undocumented.set(key, `${op.method.toUpperCase()} ${op.path} answered ${status} (${input.mutation}): ${text.slice(0, 200)}`);
  }

  if (status >= 400) {
    if (!type.startsWith('application/problem+json')) fail(`a ${status} that is not application/problem+json`);
    let problem: unknown;
    try { problem = JSON.parse(text); } catch { fail('a problem that is not JSON'); }
    const parsed = Problem.safeParse(problem);
    if (!parsed.success) fail(`a problem that does not match the Problem schema: ${parsed.error.message}`);
    const p = parsed.data!;
    if (p.status !== status || !p.type || !p.title) fail(`a problem whose status (${p.status}), type or title is wrong`);
    if (status === 429 && !/^\d+$/.test(answer.retryAfter ?? '')) fail('a 429 without a Retry-After of seconds');
    return;
  }

  // 2xx
  const documented = op.responses[String(status)]?.content ?? {};
  if (status === 204 || op.contract?.response === null) {
    if (status !== 204 || text !== '') fail(`expected an empty 204, got ${status} with ${text.length} characters`);
    return;
  }
  if (Object.keys(documented).some((t) => t.startsWith('text/csv'))) {
    if (!type.startsWith('text/csv')) fail(`a ${status} with content type "${type}" where the document says text/csv`);
    if (!text.split(/\r?\n/, 1)[0]?.includes(',')) fail('a text/csv answer without a header line');
    if (op.contract?.response && !op.contract.response.safeParse(text).success) fail('a text/csv answer that does not match the contract');
    if (role === 'employee' && text.includes(CANARY) && !(await employeeMaySeeRestricted())) fail('the employee received the canary text');
    return;
  }
  if (!type.startsWith('application/json')) fail(`a ${status} with content type "${type}"`);
  let body: any;
  try { body = JSON.parse(text); } catch { fail('a 2xx that is not JSON'); }
  if (!op.contract?.response) fail(`no contract for ${op.method} ${op.path} in @hearth/contracts api: cannot check its answer`);
  const parsed = op.contract!.response!.safeParse(body);
  if (!parsed.success) fail(`the answer does not match the contract: ${parsed.error.message.slice(0, 1500)}`);
  if (role === 'employee' && text.includes(CANARY) && !(await employeeMaySeeRestricted())) {
    fail('the employee received the restricted community\'s canary text');
  }
  if (typeof body?.nextCursor === 'string') pools.cursors.push(body.nextCursor);
}

async function exercise(op: Operation, input: Input) {
  for (const [role, person] of PERSONAS) {
    // Sent the same way for each persona, so a mutation of the token applies to all of them.
    let answer: Answer;
    try {
      answer = await send(op, input, person);
    } catch (error) {
      throw new Error(`${op.method.toUpperCase()} ${urlOf(op, input).slice(0, 300)} as ${role}: no answer (${(error as Error).message}); replay with FUZZ_SEED=${SEED}`, { cause: error });
    }
    await check(op, input, role, answer);
  }
}

// ---------------------------------------------------------------------------------------------

// Test names stay the same from run to run (each-alone.mjs runs each test by its name): the seed
// is in a diagnostic and in every failure message.
test('the document lists the operations to fuzz', (t) => {
  t.diagnostic(`fuzz seed ${SEED}: FUZZ_SEED=${SEED} replays this run; ${RUNS} valid and ${RUNS} invalid inputs per operation`);
  assert.ok(operations.length >= 40, `only ${operations.length} operations in the document`);
});

for (const [index, op] of operations.entries()) {
  const stream = Object.values(op.responses).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream'));
  const name = `${op.method.toUpperCase()} ${op.path} (${op.operationId})`;
  // A text/event-stream answer never ends: a fuzzed request would hold its connection until the
  // run's end. The stream's own tests (delivery, canary) cover its authorization and events.
  test(name, { skip: stream ? 'a text/event-stream: an answer that never ends' : false, timeout: 120_000 }, async () => {
    await topUp();
    previousOnlyRead = op.method === 'get';
    for (const [kind, inputs] of [['valid', validInput(op)], ['invalid', invalidInput(op)]] as const) {
      // fc.check, not fc.assert: the failure message is ours (the request and the answer, short),
      // not fast-check's print of a counterexample that may hold 70,000 characters.
      const result = await fc.check(fc.asyncProperty(inputs, (input) => exercise(op, input)), {
        numRuns: RUNS, seed: SEED + index, endOnFailure: true,
      });
      if (result.failed) {
        const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
        assert.fail(`${kind} input #${result.numRuns}: ${error}\n  (fast-check seed ${result.seed}, path ${result.counterexamplePath})`);
      }
    }
  });
}

test('the fuzz reached the handlers, and the server is still healthy', async (t) => {
  const lines: string[] = [];
  let reached = 0;
  for (const op of operations) {
    const counts = seen.get(op.operationId);
    if (!counts) continue;
    if ([...counts.keys()].some((s) => s < 300)) reached++;
    lines.push(`${op.operationId}: ${[...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  }
  for (const line of lines) t.diagnostic(line);
  // Most operations must have answered 2xx at least once: otherwise the inputs never got past the
  // validation and the run proved little.
  assert.ok(reached >= seen.size * 0.6, `only ${reached} of ${seen.size} operations ever answered 2xx`);
  const health = await fetch(`${app.url}/healthz`);
  assert.equal(health.status, 200);
  assert.deepEqual(serverErrors, [], 'errors the server logged without answering 5xx');
});

test('every status the server answered is one the document lists for its operation', () => {
  assert.deepEqual([...undocumented.values()], [], 'answers the OpenAPI document does not list');
});
