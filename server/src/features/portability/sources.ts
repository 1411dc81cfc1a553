/**
 * `hearth import` from other tools (docs/portability.md): the documented CSV layout and the Viva
 * Engage / Yammer network data export (Messages.csv, Users.csv, Groups.csv, Topics.csv). Each is
 * turned into feeds of Hearth records (import.ts) that the importers of Hearth's own format write,
 * so both keep its rules: idempotent and resumable through import_map, people matched by e-mail,
 * unknown authors created as former employees, tags normalized, bad rows reported with their line.
 *
 * Streamed: csv-parse reads each file as a stream, record by record; a file is read several times
 * (a scan for the people and communities it names, then thread starters, replies, likes) rather
 * than held; the CSV layout's scan writes its checked rows to temporary JSON Lines files, which
 * the later passes read back instead of parsing the CSV again. What is kept in memory is bounded
 * by the number of people, groups and topics, never by the number of messages.
 *
 * Everything that can refuse the input (a missing file, a header without the expected columns, a
 * --community-map naming a community that is not here) is checked here, before any write.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { normalizeTag } from '@hearth/contracts';
import type { Queryable } from '../../db/index.ts';
import { FormatError } from './format.ts';
import { handleFrom, type CommunityIn, type Feed, type FeedRow, type PersonIn, type PostIn } from './import.ts';

export type SourceKind = 'hearth' | 'csv' | 'viva';

export interface SourceOptions {
  from: string;
  kind?: SourceKind;
  createCommunities?: boolean;
  communityMap?: Record<string, string>;
}

export type OpenedSource = { kind: 'hearth'; source: null; feeds: [] } | { kind: 'csv' | 'viva'; source: string; feeds: Feed[] };

/** The CSV layout's columns (docs/portability.md); the first four are required. */
export const CSV_COLUMNS = ['external_id', 'author_email', 'created_at', 'body', 'parent_external_id', 'author_name', 'community', 'tags', 'likes', 'url'] as const;
const CSV_REQUIRED = CSV_COLUMNS.slice(0, 4);

/** The Viva Engage / Yammer export's columns this import reads (the files have more). */
export const VIVA_COLUMNS = {
  'Messages.csv': ['id', 'replied_to_id', 'thread_id', 'group_id', 'group_name', 'in_private_conversation', 'sender_id', 'sender_name',
    'sender_email', 'body', 'api_url', 'created_at', 'deleted_at'],
  'Users.csv': ['id', 'name', 'email', 'job_title', 'department', 'joined_at', 'deleted_at', 'suspended_at', 'state'],
  'Groups.csv': ['id', 'name', 'description', 'private', 'created_at', 'deleted_at'],
  'Topics.csv': ['id', 'name'],
} as const;
type VivaFile = keyof typeof VIVA_COLUMNS;

const exists = (path: string) => access(path).then(() => true, () => false);

/** What `from` is, from what is there: a folder with manifest.json (Hearth), with Messages.csv (Viva), or a .csv file (the CSV layout). */
async function detect(from: string): Promise<SourceKind> {
  const info = await stat(from).catch(() => null);
  // A folder without Messages.csv (or nothing at all) is read as Hearth's export, whose check says what it expected.
  if (!info || info.isDirectory()) return info && await exists(join(from, 'Messages.csv')) && !await exists(join(from, 'manifest.json')) ? 'viva' : 'hearth';
  return 'csv';
}

export async function openSource(db: Queryable, options: SourceOptions): Promise<OpenedSource> {
  const kind = options.kind ?? await detect(options.from);
  if (kind === 'hearth') return { kind, source: null, feeds: [] };
  const info = await stat(options.from).catch(() => null);
  if (!info) throw new FormatError(`${options.from} not found`);
  const communities = await communityResolver(db, options);
  if (kind === 'csv') {
    if (info.isDirectory()) throw new FormatError(`--source csv reads one file in the CSV layout (${CSV_COLUMNS.join(', ')}); ${options.from} is a folder`);
    return { kind, source: `csv:${basename(options.from)}`, feeds: await csvFeeds(options.from, communities) };
  }
  if (!info.isDirectory()) throw new FormatError(`--source viva reads the folder of a Viva Engage / Yammer network data export (Messages.csv, Users.csv, Groups.csv, Topics.csv); ${options.from} is a file`);
  return { kind, source: 'viva', feeds: await vivaFeeds(options.from, communities) };
}

// ---------------------------------------------------------------------------------------------
// Reading CSV

type CsvRow = { line: number; row: Record<string, string>; error?: undefined } | { line: number; error: string; row?: undefined };

/** Records of a CSV file with a header line, streamed; a malformed record (wrong number of fields, bad quoting) is an error with its line, and reading goes on. */
async function* readCsv(path: string): AsyncGenerator<CsvRow> {
  const parser = createReadStream(path).pipe(parse({
    columns: true, bom: true, skip_empty_lines: true, skip_records_with_error: true, info: true, relax_column_count: false,
    record_delimiter: ['\r\n', '\n'],
  }));
  const skipped: CsvRow[] = [];
  parser.on('skip', (error: Error & { lines?: number }) => skipped.push({ line: error.lines ?? 0, error: `malformed CSV record: ${error.message}` }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length > 0) yield skipped.shift()!;
    yield { line: info.lines, row: record };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}

/** The header line of a CSV file; refuses the file unless it has the required columns. */
async function checkHeader(path: string, required: readonly string[], what: string): Promise<string[]> {
  const parser = createReadStream(path).pipe(parse({ bom: true, to_line: 1, relax_column_count: true, relax_quotes: true }));
  let header: string[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      header = record.map((c) => c.trim());
      break;
    }
  } catch (error) {
    throw new FormatError(`${path} is not CSV (${(error as Error).message}): expected ${what}`);
  } finally {
    parser.destroy();
  }
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new FormatError(`${path} is not ${what}: its header ${header.length > 0 ? `(${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''})` : 'is empty and'} lacks ${missing.join(', ')}; expected the columns ${required.join(', ')}`);
  }
  return header;
}

/** ISO 8601, or the export's "2024-03-01 09:30:00 UTC" / "+0000": an ISO string, or null. */
export function toIso(value: string | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  if (v === '' || v === 'null') return null;
  v = v.replace(/ UTC$/, 'Z').replace(/ ([+-]\d{2}):?(\d{2})$/, '$1:$2');
  if (/^\d{4}-\d{2}-\d{2} \d/.test(v)) v = v.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) v += 'Z';
  const time = Date.parse(v);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const truthy = (v: string | undefined) => /^(true|1|yes)$/i.test((v ?? '').trim());
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** A slug (common.ts rule) from a name. */
export function slugFrom(name: string, fallback: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/g, '');
  return slug || fallback;
}

/** A topic or tag name as a Hearth tag: spaces become hyphens, then normalizeTag. */
const tagFromName = (name: string) => normalizeTag(name.trim().replace(/\s+/g, '-'));

// ---------------------------------------------------------------------------------------------
// Communities: what each source community becomes here, decided before any write

interface CommunityResolver {
  /** The local slug for a source community name: mapped, an existing one (same slug or name), created (--create-communities), or null (unknown). */
  resolve(name: string, create: boolean): string | null;
}

async function communityResolver(db: Queryable, options: SourceOptions): Promise<CommunityResolver> {
  const local = await db.query<{ slug: string; name: string }>('SELECT slug, name FROM communities');
  const slugs = new Set(local.map((c) => c.slug));
  const byName = new Map(local.map((c) => [c.name.toLowerCase(), c.slug]));
  const map = options.communityMap ?? {};
  for (const [from, to] of Object.entries(map)) {
    if (!slugs.has(to)) throw new FormatError(`--community-map maps "${from}" to "${to}", which is not a community here: expected the slug of an existing community`);
  }
  return {
    resolve(name, create) {
      const mapped = map[name];
      if (mapped) return mapped;
      if (slugs.has(name)) return name;
      const named = byName.get(name.toLowerCase());
      if (named) return named;
      return create || options.createCommunities ? slugFrom(name, 'imported') : null;
    },
  };
}

const community = (key: string, slug: string, name: string, createdAt: string, visibility: 'open' | 'restricted' = 'open',
  description = ''): CommunityIn => ({
  key, slug, name: name.slice(0, 500), purpose: 'Imported', description, visibility,
  join_policy: visibility === 'restricted' ? 'request' : 'open', state: 'active', listed: false, archived_at: null, created_at: createdAt,
});

const inferredPerson = (key: string, email: string | null, name: string | null, createdAt: string): PersonIn => ({
  key, inferred: true, handle: handleFrom(email, name, 'imported'), email, name: (name || email?.split('@')[0] || key).slice(0, 500),
  external_id: null, title: null, department: null, roles: ['employee'], active: false, deactivated_at: null, away: false, created_at: createdAt,
});

const NOW = () => new Date().toISOString();

// ---------------------------------------------------------------------------------------------
// The CSV layout

interface CsvMessage {
  id: string;
  parent: string | null;
  email: string;
  name: string | null;
  community: string | null;
  createdAt: string;
  body: string;
  tags: string[];
  likes: string[];
  url: string | null;
}

function csvMessage(row: Record<string, string>): CsvMessage | string {
  const id = (row.external_id ?? '').trim();
  if (!id || id.length > 200) return 'external_id: required (at most 200 characters)';
  const email = (row.author_email ?? '').trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) return `author_email: not an e-mail address: ${JSON.stringify(row.author_email ?? '')}`;
  const createdAt = toIso(row.created_at);
  if (!createdAt) return `created_at: not a date: ${JSON.stringify(row.created_at ?? '')}`;
  const body = row.body ?? '';
  if (body.trim() === '' || body.length > 100_000) return 'body: required (at most 100,000 characters)';
  const rawTags = (row.tags ?? '').split(/[\s,;]+/).filter(Boolean);
  const tags = rawTags.map(normalizeTag);
  const bad = rawTags.find((_, i) => tags[i] === null);
  if (bad !== undefined) return `tags: not a tag name: ${JSON.stringify(bad)}`;
  const likes = (row.likes ?? '').split(/[\s,;]+/).filter(Boolean).map((e) => e.toLowerCase());
  const badLike = likes.find((e) => !EMAIL.test(e));
  if (badLike !== undefined) return `likes: not an e-mail address: ${JSON.stringify(badLike)}`;
  const url = (row.url ?? '').trim() || null;
  if (url !== null && (!/^https?:\/\//i.test(url) || url.length > 2000)) return `url: not an http(s) address: ${JSON.stringify(url)}`;
  const parent = (row.parent_external_id ?? '').trim() || null;
  if (parent === id) return 'parent_external_id: a message cannot reply to itself';
  return {
    id, parent, email, name: (row.author_name ?? '').trim() || null, community: (row.community ?? '').trim() || null,
    createdAt, body, tags: [...new Set(tags as string[])], likes: [...new Set(likes)], url,
  };
}

const personKey = (email: string) => `email:${email}`;
const communityKey = (name: string) => `community:${name}`;

/** Lines of JSON written to a file with back-pressure, read back line by line: a CSV pass's result, kept on disk rather than in memory. */
class Spool {
  private readonly out: WriteStream;
  private chunk = '';

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
  }

  async write(value: unknown): Promise<void> {
    this.chunk += `${JSON.stringify(value)}\n`;
    if (this.chunk.length < 64_000) return;
    const chunk = this.chunk;
    this.chunk = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end(this.chunk);
    this.chunk = '';
    await once(this.out, 'finish');
  }

  async *read<T>(): AsyncGenerator<T> {
    for await (const line of createInterface({ input: createReadStream(this.path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
      if (line !== '') yield JSON.parse(line) as T;
    }
  }
}

type Spooled = { line: number; m: CsvMessage; error?: undefined } | { line: number; error: string; m?: undefined };

async function csvFeeds(path: string, communities: CommunityResolver): Promise<Feed[]> {
  const file = basename(path);
  await checkHeader(path, CSV_REQUIRED, `a CSV file in Hearth's import layout (columns ${CSV_COLUMNS.join(', ')})`);
  // The scan: who and which communities the file names, and how many rows it has. Bounded by people and communities.
  // The file is parsed (csv-parse) and checked only here: its thread starters (with the rejected rows) and its replies
  // are written as JSON lines to two temporary files, which the passes that write them read back (parsing the CSV
  // again, twice, was a good part of an import's CPU). The folder goes when the import ends (Feed.close).
  const people = new Map<string, { name: string | null; line: number; at: string }>();
  const named = new Map<string, { line: number; at: string }>();
  const dir = await mkdtemp(join(tmpdir(), 'hearth-import-'));
  const starters = new Spool(join(dir, 'posts.jsonl'));
  const replyRows = new Spool(join(dir, 'replies.jsonl'));
  let rows = 0;
  let replies = 0;
  try {
    for await (const r of readCsv(path)) {
      rows += 1;
      if (r.error !== undefined) {
        await starters.write({ line: r.line, error: r.error });
        continue;
      }
      const m = csvMessage(r.row);
      if (typeof m === 'string') {
        await starters.write({ line: r.line, error: m });
        continue;
      }
      if (m.parent) {
        replies += 1;
        await replyRows.write({ line: r.line, m });
      } else await starters.write({ line: r.line, m });
      const known = people.get(m.email);
      if (!known) people.set(m.email, { name: m.name, line: r.line, at: m.createdAt });
      else if (!known.name && m.name) known.name = m.name;
      for (const e of m.likes) if (!people.has(e)) people.set(e, { name: null, line: r.line, at: m.createdAt });
      if (m.community && !named.has(m.community)) named.set(m.community, { line: r.line, at: m.createdAt });
    }
    await starters.close();
    await replyRows.close();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const post = (m: CsvMessage): PostIn => ({
    id: m.id, author: personKey(m.email), author_email: m.email, author_name: m.name, author_handle: handleFrom(m.email, m.name, 'imported'),
    community: m.community === null ? null : communityKey(m.community), in_reply_to: m.parent, body: m.body, extra_tags: [], tags: m.tags, likers: m.likes.map(personKey),
    created_at: m.createdAt, edited_at: null, deleted_at: null, hidden_at: null, hidden_reason: null, source_url: m.url,
  });
  const messages = (spool: Spool) => async function* (): AsyncGenerator<FeedRow> {
    for await (const r of spool.read<Spooled>()) yield r.error !== undefined ? { line: r.line, error: r.error } : { line: r.line, rec: post(r.m) };
  };
  // importAll closes every feed when it ends, however it ends.
  const close = () => rm(dir, { recursive: true, force: true });

  const feeds: Feed[] = [
    {
      entity: 'people', file, label: 'people (authors)', total: people.size,
      async *rows() {
        for (const [email, p] of people) yield { line: p.line, rec: inferredPerson(personKey(email), email, p.name, p.at) };
      },
    },
    {
      entity: 'communities', file, label: 'communities', total: named.size,
      async *rows() {
        for (const [name, c] of named) {
          const slug = communities.resolve(name, false);
          // Not resolved: not created, and the rows naming it are rejected (unknown community).
          if (slug !== null) yield { line: c.line, rec: community(communityKey(name), slug, name, c.at) };
        }
      },
    },
    { entity: 'posts', file, label: 'posts', total: rows - replies, rows: messages(starters), close },
  ];
  if (replies > 0) feeds.push({ entity: 'posts', file, label: 'replies', total: replies, rows: messages(replyRows), close });
  return feeds;
}

// ---------------------------------------------------------------------------------------------
// The Viva Engage / Yammer network data export

interface VivaUser { handle: string; name: string; email: string | null }

async function vivaFeeds(dir: string, communities: CommunityResolver): Promise<Feed[]> {
  const path = (f: VivaFile) => join(dir, f);
  const what = (f: VivaFile) => `the ${f} of a Viva Engage / Yammer network data export`;
  const present = new Set<VivaFile>();
  for (const f of Object.keys(VIVA_COLUMNS) as VivaFile[]) {
    if (await exists(path(f))) {
      await checkHeader(path(f), VIVA_COLUMNS[f], what(f));
      present.add(f);
    } else if (f === 'Messages.csv' || f === 'Users.csv') {
      throw new FormatError(`${path(f)} is missing: expected a Viva Engage / Yammer network data export folder (Messages.csv, Users.csv, Groups.csv, Topics.csv)`);
    }
  }
  const rows = async function* (f: VivaFile) {
    if (present.has(f)) yield* readCsv(path(f));
  };

  // Small tables, kept: users (to name senders and [[user:id]] references), groups, topics.
  const users = new Map<string, VivaUser>();
  for await (const r of rows('Users.csv')) {
    if (r.error !== undefined || !r.row.id) continue;
    const email = (r.row.email ?? '').trim().toLowerCase() || null;
    users.set(r.row.id, { handle: handleFrom(email, r.row.name, `user-${r.row.id}`), name: (r.row.name ?? '').trim() || email || r.row.id, email });
  }
  const groups = new Map<string, { name: string; private: boolean }>();
  for await (const r of rows('Groups.csv')) {
    if (r.error !== undefined || !r.row.id || toIso(r.row.deleted_at)) continue;
    groups.set(r.row.id, { name: (r.row.name ?? '').trim() || r.row.id, private: truthy(r.row.private) });
  }
  const topics = new Map<string, string>();
  for await (const r of rows('Topics.csv')) {
    if (r.error !== undefined || !r.row.id) continue;
    const tag = tagFromName(r.row.name ?? '');
    if (tag) topics.set(r.row.id, tag);
  }

  type Message = { id: string; thread: string; group: string | null; sender: string; createdAt: string; body: string; tags: string[]; url: string | null;
    email: string | null; name: string | null };
  /** A message row as a Hearth post, or why it is rejected (error) or left out (skip). */
  const message = (row: Record<string, string>): Message | { error: string } | { skip: string } => {
    const id = (row.id ?? '').trim();
    if (!/^\d+$/.test(id)) return { error: `id: not a message id: ${JSON.stringify(row.id ?? '')}` };
    if (toIso(row.deleted_at)) return { skip: `message ${id} was deleted in the source (deleted_at ${row.deleted_at}): not imported` };
    if (truthy(row.in_private_conversation)) return { skip: `message ${id} is a private conversation: Hearth has no private messages, not imported` };
    const createdAt = toIso(row.created_at);
    if (!createdAt) return { error: `created_at: not a date: ${JSON.stringify(row.created_at ?? '')}` };
    const sender = (row.sender_id ?? '').trim();
    if (!sender) return { error: 'sender_id: required' };
    const tags: string[] = [];
    const body = (row.body ?? '')
      .replace(/\[\[user:(\d+)\]\]/g, (_, u: string) => users.get(u)?.name ?? 'someone')
      .replace(/\[\[tag:(\d+)\]\]/g, (_, t: string) => {
        const tag = topics.get(t);
        if (!tag) return '';
        tags.push(tag);
        return `#${tag}`;
      }).trim();
    if (body === '' || body.length > 100_000) return { error: 'body: required (at most 100,000 characters)' };
    const thread = (row.thread_id ?? '').trim() || id;
    const email = (row.sender_email ?? '').trim().toLowerCase() || null;
    return { id, thread, group: (row.group_id ?? '').trim() || null, sender, createdAt, body, tags, url: (row.api_url ?? '').trim() || null,
      email, name: (row.sender_name ?? '').trim() || null };
  };

  // The scan of Messages.csv: unknown senders, groups not in Groups.csv, who posted where; bounded by people and groups.
  const senders = new Map<string, { email: string | null; name: string | null; line: number; at: string }>();
  const unknownGroups = new Map<string, { name: string; private: boolean; line: number; at: string }>();
  const members = new Map<string, { line: number; at: string }>();
  let total = 0;
  let replies = 0;
  for await (const r of rows('Messages.csv')) {
    total += 1;
    if (r.error !== undefined) continue;
    const m = message(r.row);
    if (!('id' in m)) continue;
    if (m.thread !== m.id) replies += 1;
    if (!users.has(m.sender) && !senders.has(m.sender)) senders.set(m.sender, { email: m.email, name: m.name, line: r.line, at: m.createdAt });
    if (m.group) {
      if (!groups.has(m.group) && !unknownGroups.has(m.group)) {
        unknownGroups.set(m.group, { name: (r.row.group_name ?? '').trim() || m.group, private: truthy(r.row.in_private_group), line: r.line, at: m.createdAt });
      }
      const pair = `${m.group}\u0000${m.sender}`;
      if (!members.has(pair)) members.set(pair, { line: r.line, at: m.createdAt });
    }
  }
  const userKey = (id: string) => `user:${id}`;
  const groupKey = (id: string) => `group:${id}`;

  const messages = (wantReplies: boolean, report: boolean) => async function* (): AsyncGenerator<FeedRow> {
    for await (const r of rows('Messages.csv')) {
      if (r.error !== undefined) {
        if (report) yield { line: r.line, error: r.error };
        continue;
      }
      const m = message(r.row);
      if ('error' in m || 'skip' in m) {
        if (report) yield { line: r.line, ...m } as FeedRow;
        continue;
      }
      if ((m.thread !== m.id) !== wantReplies) continue;
      const user = users.get(m.sender);
      const rec: PostIn = {
        id: m.id, author: userKey(m.sender), author_email: user?.email ?? m.email, author_name: user?.name ?? m.name,
        author_handle: user?.handle ?? handleFrom(m.email, m.name, `user-${m.sender}`), community: m.group === null ? null : groupKey(m.group),
        in_reply_to: m.thread === m.id ? null : m.thread, body: m.body, extra_tags: [], tags: m.tags, created_at: m.createdAt, edited_at: null,
        deleted_at: null, hidden_at: null, hidden_reason: null, source_url: m.url,
      };
      yield { line: r.line, rec };
    }
  };

  const feeds: Feed[] = [
    {
      entity: 'people', file: 'Users.csv', label: 'people (Users.csv)', total: users.size,
      async *rows() {
        for await (const r of rows('Users.csv')) {
          if (r.error !== undefined) {
            yield { line: r.line, error: r.error };
            continue;
          }
          const u = r.row;
          const email = (u.email ?? '').trim().toLowerCase() || null;
          if (!u.id) yield { line: r.line, error: 'id: required' };
          else if (email !== null && !EMAIL.test(email)) yield { line: r.line, error: `email: not an e-mail address: ${JSON.stringify(u.email)}` };
          else {
            const gone = toIso(u.deleted_at) ?? toIso(u.suspended_at);
            const active = !gone && (u.state ?? 'active').trim().toLowerCase() === 'active';
            const person: PersonIn = {
              key: userKey(u.id), handle: users.get(u.id)!.handle, email, name: users.get(u.id)!.name.slice(0, 500), external_id: null,
              title: (u.job_title ?? '').trim().slice(0, 500) || null, department: (u.department ?? '').trim().slice(0, 500) || null,
              roles: ['employee'], active, deactivated_at: active ? null : gone ?? NOW(), away: false, created_at: toIso(u.joined_at) ?? NOW(),
            };
            yield { line: r.line, rec: person };
          }
        }
      },
    },
    {
      entity: 'people', file: 'Messages.csv', label: 'people (unknown senders)', total: senders.size,
      async *rows() {
        for (const [id, s] of senders) yield { line: s.line, rec: inferredPerson(userKey(id), s.email, s.name, s.at) };
      },
    },
    {
      entity: 'communities', file: 'Groups.csv', label: 'communities (Groups.csv)', total: groups.size,
      async *rows() {
        for await (const r of rows('Groups.csv')) {
          if (r.error !== undefined) {
            yield { line: r.line, error: r.error };
            continue;
          }
          const g = r.row;
          const name = (g.name ?? '').trim();
          if (!g.id || !name) yield { line: r.line, error: 'id and name: required' };
          else if (toIso(g.deleted_at)) yield { line: r.line, skip: `group ${g.id} (${name}) was deleted in the source: not imported` };
          else {
            const slug = communities.resolve(name, true)!;
            yield { line: r.line, rec: community(groupKey(g.id), slug, name, toIso(g.created_at) ?? NOW(), truthy(g.private) ? 'restricted' : 'open',
              (g.description ?? '').slice(0, 20_000)) };
          }
        }
      },
    },
    {
      entity: 'communities', file: 'Messages.csv', label: 'communities (unknown groups)', total: unknownGroups.size,
      async *rows() {
        for (const [id, g] of unknownGroups) {
          const slug = communities.resolve(g.name, false);
          if (slug === null) yield { line: g.line, error: `group ${id} (${g.name}) is not in Groups.csv: map it with --community-map or create it with --create-communities` };
          else yield { line: g.line, rec: community(groupKey(id), slug, g.name, g.at, g.private ? 'restricted' : 'open') };
        }
      },
    },
    {
      entity: 'tags', file: 'Topics.csv', label: 'tags (Topics.csv)', total: topics.size,
      async *rows() {
        for await (const r of rows('Topics.csv')) {
          if (r.error !== undefined) {
            yield { line: r.line, error: r.error };
            continue;
          }
          const tag = tagFromName(r.row.name ?? '');
          if (!tag) yield { line: r.line, error: `name: cannot be a tag: ${JSON.stringify(r.row.name ?? '')}` };
          else yield { line: r.line, rec: { name: tag, merged_into: null, created_at: toIso(r.row.created_at) ?? NOW() } };
        }
      },
    },
    {
      // Who posted in a group was a member of it (the export has no membership file).
      entity: 'memberships', file: 'Messages.csv', label: 'memberships', total: members.size,
      async *rows() {
        for (const [pair, at] of members) {
          const [group, sender] = pair.split('\u0000') as [string, string];
          // A group neither listed nor resolvable was reported once (communities); its memberships are not reported again.
          const unknown = unknownGroups.get(group);
          if (unknown && communities.resolve(unknown.name, false) === null) continue;
          yield { line: at.line, rec: { community: groupKey(group), person: userKey(sender), role: 'member', created_at: at.at } };
        }
      },
    },
    { entity: 'posts', file: 'Messages.csv', label: 'posts (threads)', total: total - replies, rows: messages(false, true) },
    { entity: 'posts', file: 'Messages.csv', label: 'posts (replies)', total: replies, rows: messages(true, false) },
  ];
  return feeds;
}

/** A --community-map file: JSON {"source name": "local-slug"}, or CSV with the columns source,community. */
export async function readCommunityMap(file: string): Promise<Record<string, string>> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new FormatError(`--community-map ${file} cannot be read`);
  });
  if (text.trimStart().startsWith('{')) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new FormatError(`--community-map ${file} is not JSON (${(error as Error).message}): expected {"source name": "community-slug"}`);
    }
    if (!raw || typeof raw !== 'object' || Object.values(raw).some((v) => typeof v !== 'string')) {
      throw new FormatError(`--community-map ${file}: expected {"source name": "community-slug"}`);
    }
    return raw as Record<string, string>;
  }
  const map: Record<string, string> = {};
  for await (const r of readCsv(file)) {
    if (r.error !== undefined || !r.row.source || !r.row.community) {
      throw new FormatError(`--community-map ${file} line ${r.line}: expected CSV with the columns source,community`);
    }
    map[r.row.source] = r.row.community;
  }
  return map;
}
