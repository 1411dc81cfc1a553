import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { pino, type Logger } from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

/**
 * Which database the suite runs on: PGlite in memory by default; PostgreSQL when the test
 * runner sets HEARTH_TEST_DB=postgres (it does when TEST_DATABASE_URL is set), each app in a
 * schema of its own that is dropped afterwards.
 */
export const TEST_DB = process.env.HEARTH_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export async function testDatabase(): Promise<Db & { drop(): Promise<void> }> {
  if (TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('HEARTH_TEST_DB=postgres needs TEST_DATABASE_URL');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const db = await openDatabase({ databaseUrl: url, schema });
    return Object.assign(db, {
      async drop() {
        await db.exec(`DROP SCHEMA ${schema} CASCADE`);
        await db.close();
      },
    });
  }
  const db = await openDatabase({});
  return Object.assign(db, { drop: () => db.close() });
}

export interface Person {
  sub: string;
  handle: string;
  name: string;
  roles?: string[];
}

export const people = {
  alice: { sub: 'test:alice', handle: 'alice', name: 'Alice Andersen', roles: ['employee'] },
  bob: { sub: 'test:bob', handle: 'bob', name: 'Bob Brown', roles: ['employee'] },
  carol: { sub: 'test:carol', handle: 'carol', name: 'Carol Chen', roles: ['employee', 'admin'] },
} satisfies Record<string, Person>;

export async function sign(person: Person, options: { expiresIn?: string | number; secret?: string } = {}) {
  return new SignJWT({ name: person.name, email: `${person.handle}@example.com`, roles: person.roles ?? ['employee'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(person.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(new TextEncoder().encode(options.secret ?? TEST_SECRET));
}

export interface Reply<T = any> {
  status: number;
  type: string;
  body: T;
  headers: Headers;
}

export interface TestApp {
  url: string;
  db: Db;
  /** The webhook worker, driven by hand in tests. */
  outbox: { run(): Promise<number> };
  /** A token for `person`, for requests made by hand (streams). */
  token(person: Person): Promise<string>;
  /** Calls the API as `as` (a person, a raw token string, or null for no token). */
  call<T = any>(method: string, path: string, options?: { as?: Person | string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<Reply<T>>;
  close(): Promise<void>;
}

/**
 * A real HTTP server around createApp on a fresh database, with people alice, bob, carol
 * (admin), an open community `general` and a restricted one `secret-lab` whose only member is bob.
 */
export async function startApp(env: Record<string, string> = {}, given: { logger?: Logger } = {}): Promise<TestApp> {
  const db = await testDatabase();
  await migrate(db);
  await db.exec(`
    INSERT INTO people (external_id, handle, name, roles) VALUES
      ('test:alice', 'alice', 'Alice Andersen', '{employee}'),
      ('test:bob', 'bob', 'Bob Brown', '{employee}'),
      ('test:carol', 'carol', 'Carol Chen', '{employee,admin}');
    INSERT INTO communities (slug, name, purpose, visibility) VALUES
      ('general', 'General', 'Company-wide conversation', 'open'),
      ('secret-lab', 'Secret Lab', 'Confidential prototypes', 'restricted'),
      ('old-news', 'Old News', 'Kept for the record', 'open');
    UPDATE communities SET state = 'archived' WHERE slug = 'old-news';
    INSERT INTO memberships (community_id, person_id)
      SELECT c.id, p.id FROM communities c, people p WHERE c.slug = 'secret-lab' AND p.handle = 'bob';
  `);
  const config = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: TEST_SECRET, SERVE_DEMO: 'false', ...env });
  const app = await createApp({ config, db, logger: given.logger ?? pino({ level: 'silent' }) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();

  return {
    url,
    db,
    outbox: app.locals.outbox as TestApp['outbox'],
    async token(person) {
      if (!tokens.has(person.sub)) tokens.set(person.sub, await sign(person));
      return tokens.get(person.sub)!;
    },
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const as = options.as === undefined ? people.alice : options.as;
      if (typeof as === 'string') headers.authorization = `Bearer ${as}`;
      else if (as) {
        if (!tokens.has(as.sub)) tokens.set(as.sub, await sign(as));
        headers.authorization = `Bearer ${tokens.get(as.sub)}`;
      }
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      const type = res.headers.get('content-type') ?? '';
      return { status: res.status, type, headers: res.headers, body: text && type.includes('json') ? JSON.parse(text) : text };
    },
    async close() {
      await (app.locals.shutdown as () => Promise<void>)();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.drop();
    },
  };
}

/** An address no other test uses ("Running Club" -> running-club-3f9a1c), so tests never share a community. */
export function uniqueSlug(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(3).toString('hex')}`;
}

/** Asserts a problem+json answer with `status`, returning it. */
export function isProblem(reply: Reply, status: number) {
  if (reply.status !== status || !reply.type.startsWith('application/problem+json')) {
    throw new Error(`expected a ${status} problem+json, got ${reply.status} ${reply.type}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body as { type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] };
}

/**
 * Moves the complete server-sent event blocks of `buffer` (name and parsed data) into `into`;
 * returns what is left, the start of a block still arriving.
 */
export function takeEvents(buffer: string, into: { event: string; data: any }[]): string {
  let rest = buffer;
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (event && data !== undefined) into.push({ event, data: JSON.parse(data) });
  }
  return rest;
}

/** An open event stream: `next()` resolves with the next event (name and parsed data). */
export async function openEvents(app: TestApp, person: Person) {
  const controller = new AbortController();
  const res = await fetch(`${app.url}/api/v1/events`, {
    headers: { authorization: `Bearer ${await app.token(person)}` },
    signal: controller.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`events: ${res.status} ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queue: { event: string; data: any }[] = [];
  async function next(): Promise<{ event: string; data: any }> {
    for (;;) {
      if (queue.length) return queue.shift()!;
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer = takeEvents(buffer + value, queue);
    }
  }
  const ready = await next();
  if (ready.event !== 'ready') throw new Error(`expected ready, got ${ready.event}`);
  return { next, close: () => controller.abort() };
}
