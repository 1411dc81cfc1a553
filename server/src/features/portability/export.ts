/**
 * `hearth export`: every entity as JSON Lines, one file each, plus manifest.json. Streamed: each
 * query reads one batch after the last key written (keyset paging), each line is written with
 * the stream's back-pressure respected, so memory stays flat however big the database.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Queryable } from '../../db/index.ts';
import { EXPORTS, FORMAT_NAME, FORMAT_VERSION, fileOf, type EntityName, type Manifest } from './format.ts';

export interface ExportOptions {
  out: string;
  /** jsonl: Hearth's own format (the default, what import reads); as2: ActivityStreams 2.0. */
  format?: 'jsonl' | 'as2';
  /** Rows per query. */
  batch?: number;
  /** Called once per entity before its rows (with their number) and after each batch. */
  onProgress?: (event: { entity: EntityName; done: number; total: number }) => void;
}

export interface ExportSummary {
  format: string;
  version: number;
  out: string;
  source: string;
  counts: Record<string, number>;
  durationMs: number;
}

/** Where this database's records come from, as import_map's source: the cluster and schema. */
export async function sourceName(db: Queryable): Promise<string> {
  try {
    const [row] = await db.query<{ id: string; schema: string }>(
      'SELECT system_identifier::text AS id, current_schema() AS schema FROM pg_control_system()');
    if (row) return `hearth:${row.id}:${row.schema}`;
  } catch {
    // A role without access to pg_control_system(): the schema alone.
  }
  const [row] = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
  return `hearth:${row?.schema ?? 'public'}`;
}

/** The rows of `sql` in pages of `batch`, by its key columns `_k1`.. `_k<keys>` (keyset paging). */
async function* pages(db: Queryable, sql: string, keys: number, batch: number): AsyncGenerator<Record<string, unknown>[]> {
  const columns = [...Array(keys).keys()].map((i) => `x._k${i + 1}`);
  const order = columns.join(', ');
  const after = `(${order}) > (${columns.map((_, i) => `$${i + 2}`).join(', ')})`;
  let last: unknown[] | null = null;
  for (;;) {
    const rows: Record<string, unknown>[] = last === null
      ? await db.query(`SELECT * FROM (${sql}) x ORDER BY ${order} LIMIT $1`, [batch])
      : await db.query(`SELECT * FROM (${sql}) x WHERE ${after} ORDER BY ${order} LIMIT $1`, [batch, ...last]);
    if (rows.length === 0) return;
    yield rows;
    const tail = rows.at(-1)!;
    last = columns.map((_, i) => tail[`_k${i + 1}`]);
    if (rows.length < batch) return;
  }
}

/** A JSON Lines file written with the stream's back-pressure respected. */
class LineFile {
  readonly #stream: WriteStream;
  readonly #failed: Promise<never>;
  constructor(path: string) {
    this.#stream = createWriteStream(path, { encoding: 'utf8' });
    this.#failed = once(this.#stream, 'error').then(([error]) => {
      throw error;
    });
    this.#failed.catch(() => undefined);
  }
  async write(records: unknown[]): Promise<void> {
    if (records.length === 0) return;
    const chunk = records.map((r) => `${JSON.stringify(r)}\n`).join('');
    if (!this.#stream.write(chunk)) await Promise.race([once(this.#stream, 'drain'), this.#failed]);
  }
  async close(): Promise<void> {
    this.#stream.end();
    await Promise.race([once(this.#stream, 'finish'), this.#failed]);
  }
}

const withoutKeys = (row: Record<string, unknown>) => {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!key.startsWith('_k')) record[key] = value;
  return record;
};

export async function exportAll(db: Queryable, options: ExportOptions): Promise<ExportSummary> {
  if (options.format === 'as2') return exportAs2(db, options);
  const started = performance.now();
  const batch = options.batch ?? 2000;
  await mkdir(options.out, { recursive: true });
  const source = await sourceName(db);
  const counts: Record<string, number> = {};
  for (const spec of EXPORTS) {
    const [{ n: total } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${spec.table}`);
    options.onProgress?.({ entity: spec.entity, done: 0, total });
    const file = new LineFile(join(options.out, fileOf(spec.entity)));
    let done = 0;
    try {
      for await (const rows of pages(db, spec.sql, spec.keys, batch)) {
        await file.write(rows.map(withoutKeys));
        done += rows.length;
        options.onProgress?.({ entity: spec.entity, done, total: Math.max(total, done) });
      }
    } finally {
      await file.close();
    }
    counts[spec.entity] = done;
  }
  const manifest: Manifest = { format: FORMAT_NAME, version: FORMAT_VERSION, source, exported_at: new Date().toISOString(), counts };
  await writeFile(join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { format: FORMAT_NAME, version: FORMAT_VERSION, out: options.out, source, counts, durationMs: Math.round(performance.now() - started) };
}

export const AS2_FORMAT = 'hearth-as2';
const AS2_CONTEXT = 'https://www.w3.org/ns/activitystreams';
const PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : (value as string | null));
const personId = (handle: unknown) => `hearth:person:${handle as string}`;
const groupId = (slug: unknown) => `hearth:community:${slug as string}`;
const hashtags = (names: unknown) => ((names as string[] | null) ?? []).map((name) => ({ type: 'Hashtag', name: `#${name}` }));
const audience = (row: Record<string, unknown>) =>
  row.community === null ? [PUBLIC] : row.visibility === 'restricted' ? [groupId(row.community)] : [PUBLIC, groupId(row.community)];

/**
 * The AS2 parts: actors (Person, Group) and activities (Create of Note or Question, Like), each
 * from one keyset-paged query. Deleted and hidden content is left out (AS2 is what was published).
 */
const AS2: { file: string; part: string; keys: number; table: string; sql: string; map: (row: Record<string, unknown>) => unknown }[] = [
  { file: 'actors.jsonl', part: 'people', keys: 1, table: 'people',
    sql: 'SELECT p.id AS _k1, p.handle, p.name, p.title, p.department, p.created_at FROM people p',
    map: (r) => ({ '@context': AS2_CONTEXT, type: 'Person', id: personId(r.handle), preferredUsername: r.handle, name: r.name,
      summary: [r.title, r.department].filter(Boolean).join(', ') || null, published: iso(r.created_at) }) },
  { file: 'actors.jsonl', part: 'communities', keys: 1, table: 'communities',
    sql: 'SELECT c.id AS _k1, c.slug, c.name, c.purpose, c.created_at FROM communities c',
    map: (r) => ({ '@context': AS2_CONTEXT, type: 'Group', id: groupId(r.slug), preferredUsername: r.slug, name: r.name, summary: r.purpose,
      published: iso(r.created_at) }) },
  { file: 'activities.jsonl', part: 'posts', keys: 1, table: 'posts',
    sql: `SELECT p.id AS _k1, p.id, a.handle AS author, c.slug AS community, c.visibility, p.parent_id, p.body, p.created_at, p.edited_at,
            ARRAY(SELECT t.name FROM post_tags x JOIN tags t ON t.id = x.tag_id WHERE x.post_id = p.id ORDER BY t.name) AS tags
          FROM posts p JOIN people a ON a.id = p.author_id LEFT JOIN communities c ON c.id = p.community_id
         WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL`,
    map: (r) => ({ '@context': AS2_CONTEXT, type: 'Create', id: `hearth:post:${r.id as number}#create`, actor: personId(r.author),
      published: iso(r.created_at), to: audience(r),
      object: { type: 'Note', id: `hearth:post:${r.id as number}`, attributedTo: personId(r.author), mediaType: 'text/plain', content: r.body,
        published: iso(r.created_at), updated: iso(r.edited_at), inReplyTo: r.parent_id === null ? null : `hearth:post:${r.parent_id as number}`,
        context: r.community === null ? null : groupId(r.community), tag: hashtags(r.tags), to: audience(r) } }) },
  { file: 'activities.jsonl', part: 'questions', keys: 1, table: 'questions',
    sql: `SELECT q.id AS _k1, q.id, a.handle AS author, c.slug AS community, c.visibility, q.title, q.body, q.created_at, q.edited_at,
            ARRAY(SELECT t.name FROM question_tags x JOIN tags t ON t.id = x.tag_id WHERE x.question_id = q.id ORDER BY t.name) AS tags
          FROM questions q JOIN people a ON a.id = q.author_id LEFT JOIN communities c ON c.id = q.community_id
         WHERE q.deleted_at IS NULL AND q.hidden_at IS NULL`,
    map: (r) => ({ '@context': AS2_CONTEXT, type: 'Create', id: `hearth:question:${r.id as number}#create`, actor: personId(r.author),
      published: iso(r.created_at), to: audience(r),
      object: { type: 'Question', id: `hearth:question:${r.id as number}`, attributedTo: personId(r.author), name: r.title,
        mediaType: 'text/plain', content: r.body, published: iso(r.created_at), updated: iso(r.edited_at),
        context: r.community === null ? null : groupId(r.community), tag: hashtags(r.tags), to: audience(r) } }) },
  { file: 'activities.jsonl', part: 'answers', keys: 1, table: 'answers',
    sql: `SELECT x.id AS _k1, x.id, x.question_id, a.handle AS author, c.slug AS community, c.visibility, x.body, x.created_at, x.edited_at
          FROM answers x JOIN questions q ON q.id = x.question_id JOIN people a ON a.id = x.author_id
          LEFT JOIN communities c ON c.id = q.community_id
         WHERE x.deleted_at IS NULL AND x.hidden_at IS NULL AND q.deleted_at IS NULL AND q.hidden_at IS NULL`,
    map: (r) => ({ '@context': AS2_CONTEXT, type: 'Create', id: `hearth:answer:${r.id as number}#create`, actor: personId(r.author),
      published: iso(r.created_at), to: audience(r),
      object: { type: 'Note', id: `hearth:answer:${r.id as number}`, attributedTo: personId(r.author), mediaType: 'text/plain', content: r.body,
        published: iso(r.created_at), updated: iso(r.edited_at), inReplyTo: `hearth:question:${r.question_id as number}`,
        context: r.community === null ? null : groupId(r.community), to: audience(r) } }) },
  { file: 'activities.jsonl', part: 'likes', keys: 2, table: 'post_likes',
    sql: `SELECT l.post_id AS _k1, l.person_id AS _k2, l.post_id, p.handle AS person, l.created_at
          FROM post_likes l JOIN people p ON p.id = l.person_id JOIN posts x ON x.id = l.post_id
         WHERE x.deleted_at IS NULL AND x.hidden_at IS NULL`,
    map: (r) => ({ '@context': AS2_CONTEXT, type: 'Like', id: `hearth:like:${r.post_id as number}:${r.person as string}`, actor: personId(r.person),
      object: `hearth:post:${r.post_id as number}`, published: iso(r.created_at) }) },
];

/** `--format as2`: ActivityStreams 2.0 as JSON Lines, actors.jsonl and activities.jsonl, plus a manifest. */
async function exportAs2(db: Queryable, options: ExportOptions): Promise<ExportSummary> {
  const started = performance.now();
  const batch = options.batch ?? 2000;
  await mkdir(options.out, { recursive: true });
  const source = await sourceName(db);
  const counts: Record<string, number> = {};
  const files = new Map<string, LineFile>();
  try {
    for (const spec of AS2) {
      let file = files.get(spec.file);
      if (!file) files.set(spec.file, (file = new LineFile(join(options.out, spec.file))));
      const [{ n: total } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${spec.table}`);
      const entity = spec.part as EntityName;
      options.onProgress?.({ entity, done: 0, total });
      let done = 0;
      for await (const rows of pages(db, spec.sql, spec.keys, batch)) {
        await file.write(rows.map(spec.map));
        done += rows.length;
        options.onProgress?.({ entity, done, total: Math.max(total, done) });
      }
      counts[spec.file] = (counts[spec.file] ?? 0) + done;
    }
  } finally {
    for (const file of files.values()) await file.close();
  }
  const manifest = { format: AS2_FORMAT, version: 1, source, exported_at: new Date().toISOString(), counts };
  await writeFile(join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { format: AS2_FORMAT, version: 1, out: options.out, source, counts, durationMs: Math.round(performance.now() - started) };
}
