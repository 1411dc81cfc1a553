/**
 * `hearth import`: Hearth's own export (format.ts) into this database.
 *
 * - Refused before any write when the folder is not such an export (FormatError says what was
 *   expected and what was found).
 * - Streamed: each file is read line by line (node:readline) and written in batches of
 *   multi-row INSERTs (unnest), so memory stays flat.
 * - Idempotent and resumable: every person, community, tag, post, question, answer and moderation
 *   decision it creates or matches is remembered in import_map (018_import_map.sql) in the same
 *   transaction as its batch; link rows (likes, memberships, follows...) are keyed by their
 *   primary keys. A second run, or a run after an interruption, skips what is there.
 * - A line that is not JSON, fails its schema, or names something that is not there is reported
 *   (file, line, reason) and the rest imports.
 * - People are matched by e-mail (then by sign-in identity); authors nobody knows are created as
 *   former employees (active = false, deactivated_at set). Tags are normalized with normalizeTag,
 *   the rule the API applies.
 * - Counters: the tag aggregates (tag_daily, tag_totals, tag_authors, tag_pairs), community
 *   activity and member counts and question term statistics are kept by the database's own
 *   triggers as rows arrive; like, reply, answer counts, answer scores and expertise (kept by
 *   the services, not triggers) are recounted from the rows at the end of a run that created
 *   anything (a marker in import_map, written with the first batch that creates rows, makes the
 *   next run recount when this one stopped before that).
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { extractTags, normalizeTag } from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import { addExpertise } from '../../seed/questions.ts';
import { EXPORTS, FORMAT_NAME, FORMAT_VERSION, FormatError, Manifest, fileOf, schemas, type EntityName, type Rec } from './format.ts';
import { openSource, type SourceKind } from './sources.ts';
import { suggestTags } from './suggest.ts';

export { FormatError };

/**
 * One stream of records for one entity's importer: Hearth's own files give one feed per file;
 * the CSV layout and the Viva Engage export (sources.ts) give several feeds per CSV file (people
 * and communities found in a scan, then thread starters, then replies, then likes). A row is a
 * record, or an error (rejected: reported with its line), or a reason it is skipped on purpose
 * (reported, not imported: a deleted message, a private conversation).
 */
export interface Feed {
  entity: EntityName;
  /** The file named in reports. */
  file: string;
  /** What the progress bar calls it. */
  label: string;
  /** Rows expected, for the progress bar (0: unknown). */
  total: number;
  rows(): AsyncIterable<FeedRow>;
  /** Removes what the source wrote for its feeds (temporary files); importAll calls it when it ends, however it ends. */
  close?(): Promise<void>;
}

export type FeedRow = { line: number; rec: unknown; error?: undefined; skip?: undefined }
  | { line: number; error: string; rec?: undefined; skip?: undefined }
  | { line: number; skip: string; rec?: undefined; error?: undefined };

/** A person record from another tool: `key` names them in the source (a user id, an e-mail); `inferred` people were only seen as authors. */
export type PersonIn = Rec<'people'> & { key?: string; inferred?: boolean };
/** A community record from another tool: `key` is the source's name or id for it. */
export type CommunityIn = Rec<'communities'> & { key?: string };
/** A post from another tool: `tags` are put on it (normalized), `author_name` and `author_handle` name an author created as a former employee. */
export type PostIn = Rec<'posts'> & { tags?: string[]; author_name?: string | null; author_handle?: string; likers?: string[] };

export interface ImportOptions {
  from: string;
  /** What `from` is: Hearth's export folder, a CSV file in the documented layout, a Viva Engage / Yammer export folder; detected when absent. */
  kind?: SourceKind;
  dryRun?: boolean;
  /** JSON Lines file for rejected rows ({file, line, reason}). */
  errors?: string;
  /** import_map's source; default the manifest's. */
  source?: string;
  /** Rows per transaction. */
  batch?: number;
  /** Tags proposed from each imported post's text with the existing vocabulary (suggest.ts): added to the post, or only reported. */
  suggestTags?: 'apply' | 'report';
  /** Communities the CSV or Viva rows name that are not here: created (true) or their rows rejected (false, the default). */
  createCommunities?: boolean;
  /** Source community name (CSV `community`, Viva group name) → local community slug. */
  communityMap?: Record<string, string>;
  /** Authors nobody here knows: created as former employees (the default) or their rows rejected. */
  unknownAuthors?: 'former' | 'reject';
  /**
   * `--bulk`: posts go in with their counts (community activity, adoption) deferred and their tags
   * set aside (022_import_deferred.sql), and both are applied for the whole run at its end, in one
   * grouped statement each: most of a batch's database work was those triggers. Imported posts
   * show without tags, and outside the counts, until the run ends. Asked for, not automatic: a
   * post's tags edited by someone while the run goes on would get the imported tags back at the end.
   */
  bulk?: boolean;
  /** --bulk: posts between two applications of what was set aside, on a second connection while later batches are written (default 20,000). */
  applyEvery?: number;
  onProgress?: (event: { entity: string; done: number; total: number }) => void;
}

export interface EntityCounts {
  /** Rows written. */
  created: number;
  /** Existing rows the records were mapped to (people by e-mail, communities by slug, tags by name). */
  matched: number;
  /** Already imported by an earlier run (or already there). */
  skipped: number;
  /** Rejected: see the errors. */
  failed: number;
}

export interface RowError {
  file: string;
  line: number;
  reason: string;
  /** Not an error: a row left out on purpose (a deleted message...), reported so nothing is dropped silently. */
  skipped?: true;
}

export interface TagProposal {
  file: string;
  line: number;
  post: string;
  tags: string[];
}

export interface ImportSummary {
  source: string;
  dryRun: boolean;
  created: number;
  matched: number;
  skipped: number;
  failed: number;
  /** Authors no one knew, created as former employees. */
  formerEmployees: number;
  entities: Record<string, EntityCounts>;
  /** The first rejected rows (all of them are in the errors file). */
  errors: RowError[];
  /** The first rows skipped on purpose, with why (all of them are in the errors file, marked "skipped"). */
  skippedRows: RowError[];
  /** Tags proposed by --suggest-tags (first 50), and how many posts got a proposal. */
  suggestions: TagProposal[];
  suggested: number;
  errorsFile: string | null;
  /** What was recounted after the rows went in. */
  recounted: string[];
  durationMs: number;
}

const ROLLBACK = Symbol('dry run');
/** --bulk: posts between two applications of what was deferred (applyDeferred), on a second connection. */
const APPLY_EVERY = 20_000;
const MAX_ERRORS_KEPT = 50;

/** Reads and checks manifest.json and the files it lists; throws FormatError before any write. */
export async function readManifest(from: string): Promise<Manifest> {
  const expected = `a folder written by "npm run hearth -- export": manifest.json with "format": "${FORMAT_NAME}" and "version": ${FORMAT_VERSION}, and one .jsonl file per entity`;
  let text: string;
  try {
    text = await readFile(join(from, 'manifest.json'), 'utf8');
  } catch {
    throw new FormatError(`${join(from, 'manifest.json')} not found: expected ${expected}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new FormatError(`manifest.json is not JSON: expected ${expected}`);
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const found = raw && typeof raw === 'object' ? `found format ${JSON.stringify((raw as Record<string, unknown>).format)} version ${JSON.stringify((raw as Record<string, unknown>).version)}` : 'found something else';
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(manifest)'}: ${i.message}`).join('; ');
    throw new FormatError(`manifest.json is not a Hearth export (${found}; ${issues}): expected ${expected}`);
  }
  for (const spec of EXPORTS) {
    const count = parsed.data.counts[spec.entity] ?? 0;
    if (count === 0) continue;
    try {
      await access(join(from, fileOf(spec.entity)));
    } catch {
      throw new FormatError(`manifest.json counts ${count} ${spec.entity} but ${fileOf(spec.entity)} is missing: expected ${expected}`);
    }
  }
  return parsed.data;
}

type Line<E extends EntityName> = { line: number; rec: Rec<E> };

/** Hearth's own export as feeds: one per file, in import order, each line parsed and checked with its schema. */
function hearthFeeds(from: string, manifest: Manifest): Feed[] {
  return EXPORTS.map((spec): Feed => ({
    entity: spec.entity,
    file: fileOf(spec.entity),
    label: spec.entity,
    total: manifest.counts[spec.entity] ?? 0,
    async *rows() {
      const path = join(from, fileOf(spec.entity));
      try {
        await access(path);
      } catch {
        return;
      }
      const schema = schemas[spec.entity];
      const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
      let number = 0;
      for await (const text of lines) {
        number += 1;
        if (text.trim() === '') continue;
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (error) {
          yield { line: number, error: `not JSON: ${(error as Error).message}` };
          continue;
        }
        const parsed = schema.safeParse(raw);
        if (!parsed.success) yield { line: number, error: parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ') };
        else yield { line: number, rec: parsed.data };
      }
    },
  }));
}

export async function importAll(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  // Everything that can refuse the input is checked here, before any write.
  const opened = await openSource(db, options);
  let source: string;
  let feeds: Feed[];
  if (opened.kind === 'hearth') {
    const manifest = await readManifest(options.from);
    source = options.source ?? manifest.source;
    feeds = hearthFeeds(options.from, manifest);
  } else {
    source = options.source ?? opened.source;
    feeds = opened.feeds;
  }
  const batchSize = options.batch ?? 500;
  const dryRun = options.dryRun === true;

  const entities: Record<string, EntityCounts> = {};
  const kept: RowError[] = [];
  const keptSkips: RowError[] = [];
  const suggestions: TagProposal[] = [];
  let suggested = 0;
  let failedTotal = 0;
  let errorStream: WriteStream | null = null;
  let formerEmployees = 0;
  const recounted: string[] = [];
  let currentFile = '';

  const report = async (error: RowError) => {
    if (options.errors) {
      errorStream ??= createWriteStream(options.errors, { encoding: 'utf8' });
      if (!errorStream.write(`${JSON.stringify(error)}\n`)) await once(errorStream, 'drain');
    }
  };
  const reject = async (entity: EntityName, line: number, reason: string) => {
    failedTotal += 1;
    (entities[entity] ??= { created: 0, matched: 0, skipped: 0, failed: 0 }).failed += 1;
    const error = { file: currentFile || fileOf(entity), line, reason };
    if (kept.length < MAX_ERRORS_KEPT) kept.push(error);
    await report(error);
  };
  const skip = async (entity: EntityName, line: number, reason: string) => {
    entities[entity]!.skipped += 1;
    const row: RowError = { file: currentFile || fileOf(entity), line, reason, skipped: true };
    if (keptSkips.length < MAX_ERRORS_KEPT) keptSkips.push(row);
    await report(row);
  };
  const hooks: Hooks = {
    reject,
    formerEmployee: () => (formerEmployees += 1),
    unknownAuthors: options.unknownAuthors ?? 'former',
    suggest: options.suggestTags ?? null,
    bulk: options.bulk === true,
    proposed: (proposal) => {
      suggested += 1;
      if (suggestions.length < MAX_ERRORS_KEPT) suggestions.push({ ...proposal, file: currentFile });
    },
  };

  // --bulk: the application of what was set aside running on a second connection (body), if any; waited for however the
  // import ends, so nothing is left writing behind an error.
  let applying: Promise<unknown> = Promise.resolve();
  const body = async (run: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>) => {
    const ctx = await Context.load(run, source);
    let pending = false;
    // --bulk: what committed batches deferred is applied on a second connection every APPLY_EVERY posts, while the next
    // batches are written (the two touch different tables; batches go in one after another, so every post up to the
    // last committed batch's highest id is in). What is left is applied at the end, with the recount.
    const background = hooks.bulk && !dryRun;
    let committedThrough = 0;
    let sinceApply = 0;
    let applyBusy = false;
    let applyError: unknown = null;
    const importers = makeImporters(ctx, hooks);
    for (const feed of feeds) {
      const entity = feed.entity;
      currentFile = feed.file;
      const counts: EntityCounts = (entities[entity] ??= { created: 0, matched: 0, skipped: 0, failed: 0 });
      const total = feed.total;
      options.onProgress?.({ entity: feed.label, done: 0, total });
      const importer = importers[entity] as (tx: Queryable, rows: Line<EntityName>[]) => Promise<Partial<EntityCounts>>;
      let batch: Line<EntityName>[] = [];
      let done = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const rows = batch;
        // Rows read up to this batch's last: reading goes on while it is written, and progress says what is in.
        const through = done;
        batch = [];
        const result = await run(async (tx) => {
          // A batch's commit need not wait for the WAL flush: after a crash the last batches are simply not there, and
          // import_map (in the same transaction) makes the next run write them again. --bulk: the posts' insert triggers
          // skip this transaction's statements (022_import_deferred.sql); the posts importer keeps what they would count.
          const settings = [...(dryRun ? [] : ['SET LOCAL synchronous_commit = off']), ...(hooks.bulk ? ['SET LOCAL hearth.defer_counts = on'] : [])];
          if (settings.length > 0) await tx.exec(settings.join('; '));
          const written = await importer(tx, rows);
          // Counters are recounted at the end; if the run stops before that, the next run sees this and recounts.
          if ((written.created ?? 0) > 0 && !pending) await ctx.remember(tx, 'pending', [['recount', 0]]);
          return written;
        });
        if ((result.created ?? 0) > 0) pending = true;
        if (applyError) throw applyError;
        const lastPost = (result as { lastPost?: number }).lastPost;
        if (background && lastPost !== undefined) {
          committedThrough = Math.max(committedThrough, lastPost);
          sinceApply += result.created ?? 0;
          if (!applyBusy && sinceApply >= (options.applyEvery ?? APPLY_EVERY)) {
            const upTo = committedThrough;
            sinceApply = 0;
            applyBusy = true;
            applying = run((tx) => applyDeferred(tx, source, upTo))
              .catch((error: unknown) => {
                applyError ??= error;
              })
              .finally(() => {
                applyBusy = false;
              });
          }
        }
        counts.created += result.created ?? 0;
        counts.matched += result.matched ?? 0;
        counts.skipped += result.skipped ?? 0;
        // Posts from other tools bring their likes along.
        const likes = (result as { likes?: number }).likes ?? 0;
        if (likes > 0) (entities.likes ??= { created: 0, matched: 0, skipped: 0, failed: 0 }).created += likes;
        options.onProgress?.({ entity: feed.label, done: through, total: Math.max(total, through) });
      };
      // One batch is written while the next is read and parsed (batches still go in one after another: a reply finds its post).
      let writing: Promise<void> | null = null;
      for await (const row of feed.rows()) {
        done += 1;
        if (row.error !== undefined) await reject(entity, row.line, row.error);
        else if (row.skip !== undefined) await skip(entity, row.line, row.skip);
        else {
          batch.push({ line: row.line, rec: row.rec as Rec<EntityName> });
          if (batch.length >= batchSize) {
            await writing;
            writing = flush();
            writing.catch(() => undefined); // awaited above or below; not an unhandled rejection meanwhile
          }
        }
      }
      await writing;
      await flush();
    }
    currentFile = '';
    await applying;
    if (applyError) throw applyError;
    // Recount when this run (or an interrupted earlier one) created anything; first, what a --bulk run deferred.
    const recounting = await run(async (tx) => {
      const [marker] = await tx.query(`SELECT 1 FROM import_map WHERE source = $1 AND entity = 'pending' AND external_id = 'recount'`, [source]);
      if (!marker) return false;
      if (await applyDeferred(tx, source, null) || committedThrough > 0) recounted.push('post_tags (--bulk)', 'community activity and adoption (--bulk)');
      await recount(tx);
      await tx.query(`DELETE FROM import_map WHERE source = $1 AND entity = 'pending' AND external_id = 'recount'`, [source]);
      return true;
    });
    if (recounting) recounted.push('posts.like_count', 'posts.reply_count', 'questions.answer_count', 'answers.score', 'expertise');
  };

  try {
    if (dryRun) {
      await db
        .transaction(async (tx) => {
          await body((fn) => fn(tx));
          throw ROLLBACK;
        })
        .catch((error: unknown) => {
          if (error !== ROLLBACK) throw error;
        });
    } else {
      await body((fn) => db.transaction(fn));
    }
  } finally {
    await applying;
    for (const feed of feeds) await feed.close?.();
    const stream = errorStream as WriteStream | null;
    if (stream) {
      stream.end();
      await once(stream, 'finish');
    }
  }

  const sum = (key: keyof EntityCounts) => Object.values(entities).reduce((n, c) => n + c[key], 0);
  return {
    source,
    dryRun,
    created: sum('created'),
    matched: sum('matched'),
    skipped: sum('skipped'),
    failed: failedTotal,
    formerEmployees,
    entities,
    errors: kept,
    skippedRows: keptSkips,
    suggestions,
    suggested,
    errorsFile: (failedTotal > 0 || keptSkips.length > 0) && options.errors ? options.errors : null,
    recounted,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * What a --bulk run set aside (022_import_deferred.sql), applied in one statement each: the
 * posts' tags into post_tags (whose triggers count them as for any insert), then the posts' own
 * counts with the rules of the insert triggers they skipped (posts_activity_added, 003; adoption
 * through adoption_rows and adoption_apply, 017), from the values the posts were imported with.
 */
async function applyDeferred(tx: Queryable, source: string, upTo: number | null): Promise<boolean> {
  // Up to a post id (a background application while later batches are written), or everything this source left.
  const through = upTo ?? 2_147_483_647;
  // One application at a time per source (a run's background one, an interrupted run's, the next run's): each statement
  // below reads import_deferred anew (read committed), after the one before has deleted what it applied.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('import_deferred:' || $1))`, [source]);
  const [any] = await tx.query('SELECT 1 FROM import_deferred WHERE source = $1 AND post_id <= $2 LIMIT 1', [source, through]);
  if (!any) return false;
  // The grouped statements sort up to a run's worth of rows: without this they spill to disk.
  await tx.exec(`SET LOCAL work_mem = '64MB'`);
  // A post deleted for good meanwhile has no tags to get.
  await tx.query(
    `INSERT INTO post_tags (post_id, tag_id, created_at, top_level)
     SELECT d.post_id, t.tag_id, d.created_at, d.parent_id IS NULL
       FROM import_deferred d JOIN posts p ON p.id = d.post_id, unnest(d.tag_ids) t(tag_id)
      WHERE d.source = $1 AND d.post_id <= $2 ORDER BY 1, 2
     ON CONFLICT DO NOTHING`, [source, through]);
  await tx.query(
    `INSERT INTO community_activity AS a (community_id, day, person_id, posts)
     SELECT community_id, (created_at AT TIME ZONE 'UTC')::date, author_id, count(*) FROM import_deferred
      WHERE source = $1 AND post_id <= $2 AND community_id IS NOT NULL AND deleted_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
     ON CONFLICT (community_id, day, person_id) DO UPDATE SET posts = a.posts + EXCLUDED.posts`, [source, through]);
  await tx.query(
    `UPDATE communities c SET last_activity_at = GREATEST(c.last_activity_at, n.at)
       FROM (SELECT community_id, max(created_at) AS at FROM import_deferred
              WHERE source = $1 AND post_id <= $2 AND community_id IS NOT NULL AND deleted_at IS NULL GROUP BY 1) n
      WHERE c.id = n.community_id`, [source, through]);
  const [adoption] = await tx.query<{ sql: string }>(
    `SELECT adoption_apply($3, adoption_rows('posts',
       format('(SELECT * FROM import_deferred WHERE source = %L AND post_id <= %s)', $1::text, $2::int))) AS sql`,
    [source, through, 'SELECT NULL::date AS day, 0 AS community_id, 0 AS person_id, 0 AS posts, 0 AS replies, 0 AS questions, 0 AS answers WHERE false']);
  await tx.exec(adoption!.sql);
  await tx.query('DELETE FROM import_deferred WHERE source = $1 AND post_id <= $2', [source, through]);
  return true;
}

/** The counters the services keep (not triggers), recomputed from the rows where they differ. */
async function recount(tx: Queryable): Promise<void> {
  await tx.exec(`
    UPDATE posts p SET like_count = c.n
      FROM (SELECT p2.id, COALESCE(l.n, 0) AS n FROM posts p2
              LEFT JOIN (SELECT post_id, count(*)::int AS n FROM post_likes GROUP BY post_id) l ON l.post_id = p2.id) c
     WHERE c.id = p.id AND p.like_count <> c.n;
    UPDATE posts p SET reply_count = c.n
      FROM (SELECT p2.id, COALESCE(r.n, 0) AS n FROM posts p2
              LEFT JOIN (SELECT parent_id, count(*)::int AS n FROM posts WHERE parent_id IS NOT NULL AND deleted_at IS NULL GROUP BY parent_id) r
                ON r.parent_id = p2.id) c
     WHERE c.id = p.id AND p.reply_count <> c.n;
    UPDATE questions q SET answer_count = c.n
      FROM (SELECT q2.id, (SELECT count(*) FROM answers a WHERE a.question_id = q2.id AND a.deleted_at IS NULL)::int AS n FROM questions q2) c
     WHERE c.id = q.id AND q.answer_count <> c.n;
    UPDATE answers a SET score = c.n
      FROM (SELECT a2.id, (SELECT COALESCE(sum(v.value), 0) FROM answer_votes v WHERE v.answer_id = a2.id)::int AS n FROM answers a2) c
     WHERE c.id = a.id AND a.score <> c.n;
    DELETE FROM expertise;`);
  await addExpertise(tx);
}

type Run = <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>;

/** What the import knows across batches: the small maps (people, communities, tags) in memory. */
class Context {
  readonly person = new Map<string, number>();
  readonly community = new Map<string, number>();
  readonly tag = new Map<string, number>();

  /** postIds: the sequence behind posts.id (a batch takes its posts' ids first, so one statement writes them with their map entries, likes and tags). */
  private constructor(readonly source: string, readonly postIds: string) {}

  static async load(run: Run, source: string): Promise<Context> {
    const [rows, [info]] = await run((tx) => Promise.all([
      tx.query<{ entity: string; external_id: string; local_id: number }>(
        `SELECT entity, external_id, local_id FROM import_map WHERE source = $1 AND entity IN ('person', 'community', 'tag')`, [source]),
      tx.query<{ seq: string }>(`SELECT pg_get_serial_sequence('posts', 'id') AS seq`),
    ]));
    const ctx = new Context(source, info!.seq);
    for (const row of rows) ctx[row.entity as 'person' | 'community' | 'tag'].set(row.external_id, row.local_id);
    return ctx;
  }

  async remember(tx: Queryable, entity: string, pairs: [string, number][]): Promise<void> {
    if (pairs.length === 0) return;
    await tx.query(
      `INSERT INTO import_map (source, entity, external_id, local_id)
       SELECT $1, $2, * FROM unnest($3::text[], $4::int[]) ON CONFLICT DO NOTHING`,
      [this.source, entity, pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
  }

  /** Local ids of records imported earlier, by their external keys. */
  async lookup(tx: Queryable, entity: string, keys: string[]): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await tx.query<{ external_id: string; local_id: number }>(
      'SELECT external_id, local_id FROM import_map WHERE source = $1 AND entity = $2 AND external_id = ANY($3::text[])',
      [this.source, entity, [...new Set(keys)]]);
    return new Map(rows.map((r) => [r.external_id, r.local_id]));
  }

  /** Tag ids by normalized name, creating the tags nobody has yet (batched). */
  async tags(tx: Queryable, names: string[]): Promise<Map<string, number>> {
    const missing = [...new Set(names.filter((n) => !this.tag.has(n)))];
    if (missing.length > 0) {
      await tx.query('INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING', [missing]);
      const rows = await tx.query<{ id: number; name: string }>('SELECT id, name FROM tags WHERE name = ANY($1::text[])', [missing]);
      for (const row of rows) this.tag.set(row.name, row.id);
      await this.remember(tx, 'tag', rows.map((r) => [r.name, r.id]));
    }
    return this.tag;
  }
}

type Reject = (entity: EntityName, line: number, reason: string) => Promise<void>;

interface Hooks {
  reject: Reject;
  formerEmployee: () => void;
  unknownAuthors: 'former' | 'reject';
  suggest: 'apply' | 'report' | null;
  proposed: (proposal: { line: number; post: string; tags: string[] }) => void;
  bulk: boolean;
}

/** A valid handle (HANDLE in packages/contracts) from an e-mail's local part or a name. */
export function handleFrom(email: string | null | undefined, name: string | null | undefined, fallback: string): string {
  const base = (email ? email.split('@')[0]! : name ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '.').replace(/^[._-]+|[._-]+$/g, '').slice(0, 28).replace(/[._-]+$/g, '');
  return base || fallback;
}

function tagOf(raw: string): string | null {
  return normalizeTag(raw);
}

function makeImporters(ctx: Context, hooks: Hooks) {
  const { reject, formerEmployee } = hooks;
  /**
   * An author's local id: imported, else the person with that e-mail, else a former employee
   * created now (null with --unknown-authors reject: the row is rejected).
   */
  const author = async (tx: Queryable, key: string, email: string | null, name?: string | null, wanted?: string): Promise<number | null> => {
    const known = ctx.person.get(key);
    if (known !== undefined) return known;
    let id: number | undefined;
    if (email) {
      [{ id } = { id: undefined as unknown as number }] = await tx.query<{ id: number }>(
        'SELECT id FROM people WHERE lower(email) = lower($1) ORDER BY id LIMIT 1', [email]);
    }
    if (id === undefined) {
      if (hooks.unknownAuthors === 'reject') return null;
      const free = await freeHandle(tx, wanted ?? key);
      [{ id } = { id: 0 }] = await tx.query<{ id: number }>(
        `INSERT INTO people (external_id, handle, name, email, active, deactivated_at)
         VALUES ($1, $2, $3, $4, false, now()) ON CONFLICT (external_id) DO UPDATE SET handle = people.handle RETURNING id`,
        [`import:${ctx.source}:${key}`, free, name || key, email]);
      formerEmployee();
    }
    ctx.person.set(key, id);
    await ctx.remember(tx, 'person', [[key, id]]);
    return id;
  };
  const unknownAuthor = (email: string | null, key: string) =>
    `unknown author ${email ?? key} (not created: --unknown-authors reject)`;

  /** Link rows keyed by their primary key: written with ON CONFLICT DO NOTHING, created = rows written. */
  const links = <E extends EntityName>(
    entity: E,
    resolve: (tx: Queryable, rows: Line<E>[]) => Promise<(rec: Rec<E>) => unknown[] | string>,
    insert: string,
  ) => async (tx: Queryable, rows: Line<E>[]): Promise<Partial<EntityCounts>> => {
    const values = await resolve(tx, rows);
    const columns: unknown[][] = [];
    let valid = 0;
    for (const { line, rec } of rows) {
      const row = values(rec);
      if (typeof row === 'string') {
        await reject(entity, line, row);
        continue;
      }
      valid += 1;
      row.forEach((value, i) => (columns[i] ??= []).push(value));
    }
    if (valid === 0) return {};
    const written = await tx.query(insert, columns);
    return { created: written.length, skipped: valid - written.length };
  };

  const person = (handle: string) => ctx.person.get(handle);
  const community = (slug: string | null) => (slug === null ? null : ctx.community.get(slug));
  const need = <T>(value: T | undefined, what: string): T | string => (value === undefined ? `unknown ${what}` : value);

  const tagIds = async (tx: Queryable, names: string[]) => ctx.tags(tx, names.map(tagOf).filter((t): t is string => t !== null));

  /**
   * Link rows from a person to an imported post, question or answer (mentions, likes, votes, routes, views): the
   * records looked up in import_map in one query per batch, the person among the imported people, then
   * `table (record_id, person_id, ...)` written from unnest with `rest`'s values, of `types`. The record is checked
   * first, then the person, each rejected as `unknown <entity> <key>`.
   */
  const toRecord = <E extends 'post_mentions' | 'likes' | 'votes' | 'question_routes' | 'question_views'>(
    entity: E,
    kind: 'post' | 'question' | 'answer',
    key: (rec: Rec<E>) => string,
    rest: (rec: Rec<E>) => unknown[],
    table: string,
    types: string[],
  ) => links(entity, async (tx, rows) => {
    const records = await ctx.lookup(tx, kind, rows.map((r) => key(r.rec)));
    return (rec) => {
      const id = need(records.get(key(rec)), `${kind} ${key(rec)}`);
      const who = need(person(rec.person), `person ${rec.person}`);
      if (typeof id === 'string') return id;
      return typeof who === 'string' ? who : [id, who, ...rest(rec)];
    };
  }, `INSERT INTO ${table} SELECT * FROM unnest(${['int', 'int', ...types].map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
      ON CONFLICT DO NOTHING RETURNING 1`);

  return {
    people: async (tx: Queryable, rows: Line<'people'>[]): Promise<Partial<EntityCounts>> => {
      let skipped = 0;
      let matched = 0;
      const keyOf = (rec: PersonIn) => rec.key ?? rec.handle;
      const fresh = rows.filter(({ rec }) => {
        if (ctx.person.has(keyOf(rec))) skipped += 1;
        return !ctx.person.has(keyOf(rec));
      });
      if (fresh.length === 0) return { skipped };
      const emails = fresh.map(({ rec }) => rec.email?.toLowerCase()).filter((e): e is string => !!e);
      const byEmail = new Map((await tx.query<{ id: number; email: string }>(
        'SELECT id, lower(email) AS email FROM people WHERE lower(email) = ANY($1::text[]) ORDER BY id DESC', [emails])).map((r) => [r.email, r.id]));
      const subs = fresh.map(({ rec }) => rec.external_id).filter((e): e is string => !!e);
      const bySub = new Map((await tx.query<{ id: number; external_id: string }>(
        'SELECT id, external_id FROM people WHERE external_id = ANY($1::text[])', [subs])).map((r) => [r.external_id, r.id]));
      const pairs: [string, number][] = [];
      const create: PersonIn[] = [];
      for (const { line, rec } of fresh as Line<'people'>[] as { line: number; rec: PersonIn }[]) {
        const id = (rec.email ? byEmail.get(rec.email.toLowerCase()) : undefined) ?? (rec.external_id ? bySub.get(rec.external_id) : undefined);
        if (id !== undefined) {
          matched += 1;
          pairs.push([keyOf(rec), id]);
        } else if (rec.inferred && hooks.unknownAuthors === 'reject') {
          await reject('people', line, unknownAuthor(rec.email, keyOf(rec)));
        } else create.push(rec);
      }
      if (create.length > 0) {
        const handles: string[] = [];
        // One query for the handles wanted; only those taken look for a free one.
        const taken = new Set((await tx.query<{ handle: string }>('SELECT handle FROM people WHERE handle = ANY($1::text[])',
          [create.map((r) => r.handle)])).map((r) => r.handle));
        const chosen = new Set<string>();
        for (const rec of create) {
          const handle = !taken.has(rec.handle) && !chosen.has(rec.handle) ? rec.handle : await freeHandle(tx, rec.handle, chosen);
          chosen.add(handle);
          handles.push(handle);
        }
        const ids = await tx.query<{ id: number }>(
          `INSERT INTO people (external_id, handle, name, email, title, department, roles, active, deactivated_at, away, created_at)
           SELECT external_id, handle, name, email, title, department, ARRAY(SELECT jsonb_array_elements_text(roles::jsonb)),
                  active, deactivated_at, away, created_at
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
                         $9::timestamptz[], $10::boolean[], $11::timestamptz[]) WITH ORDINALITY
               AS u(external_id, handle, name, email, title, department, roles, active, deactivated_at, away, created_at, n)
            ORDER BY n RETURNING id`,
          [
            create.map((r) => r.external_id ?? `import:${ctx.source}:${keyOf(r)}`),
            handles,
            create.map((r) => r.name),
            create.map((r) => r.email),
            create.map((r) => r.title),
            create.map((r) => r.department),
            create.map((r) => JSON.stringify(r.roles)),
            create.map((r) => r.active),
            create.map((r) => r.deactivated_at ?? (r.active ? null : new Date().toISOString())),
            create.map((r) => r.away),
            create.map((r) => r.created_at),
          ]);
        create.forEach((rec, i) => pairs.push([keyOf(rec), ids[i]!.id]));
        for (const rec of create) if (!rec.active) formerEmployee();
      }
      for (const [handle, id] of pairs) ctx.person.set(handle, id);
      await ctx.remember(tx, 'person', pairs);
      return { skipped, matched, created: create.length };
    },

    communities: async (tx: Queryable, rows: Line<'communities'>[]): Promise<Partial<EntityCounts>> => {
      let skipped = 0;
      const keyOf = (rec: CommunityIn) => rec.key ?? rec.slug;
      const fresh = rows.filter(({ rec }) => {
        if (ctx.community.has(keyOf(rec))) skipped += 1;
        return !ctx.community.has(keyOf(rec));
      });
      if (fresh.length === 0) return { skipped };
      const existing = new Map((await tx.query<{ id: number; slug: string }>(
        'SELECT id, slug FROM communities WHERE slug = ANY($1::text[])', [fresh.map((r) => r.rec.slug)])).map((r) => [r.slug, r.id]));
      // Two source communities mapped onto one new slug: the first creates it, the next match it.
      const bySlug = new Map<string, CommunityIn>();
      for (const { rec } of fresh) if (!existing.has(rec.slug) && !bySlug.has(rec.slug)) bySlug.set(rec.slug, rec);
      const create = [...bySlug.values()];
      const pairs: [string, number][] = [];
      let matchedCount = 0;
      for (const { rec } of fresh) {
        const id = existing.get(rec.slug);
        if (id !== undefined) {
          pairs.push([keyOf(rec), id]);
          matchedCount += 1;
        }
      }
      if (create.length > 0) {
        const ids = await tx.query<{ id: number; slug: string }>(
          `INSERT INTO communities (slug, name, purpose, description, visibility, join_policy, state, listed, archived_at, created_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
                                $9::timestamptz[], $10::timestamptz[])
           RETURNING id, slug`,
          [create.map((r) => r.slug), create.map((r) => r.name), create.map((r) => r.purpose), create.map((r) => r.description),
            create.map((r) => r.visibility), create.map((r) => r.join_policy), create.map((r) => r.state), create.map((r) => r.listed),
            create.map((r) => r.archived_at), create.map((r) => r.created_at)]);
        const made = new Map(ids.map((row) => [row.slug, row.id]));
        for (const { rec } of fresh) {
          const id = made.get(rec.slug);
          if (id === undefined) continue;
          pairs.push([keyOf(rec), id]);
          if (bySlug.get(rec.slug) !== rec) matchedCount += 1;
        }
      }
      for (const [key, id] of pairs) ctx.community.set(key, id);
      await ctx.remember(tx, 'community', pairs);
      return { skipped, matched: matchedCount, created: create.length };
    },

    memberships: links('memberships', async () => (rec) => {
      const c = need(community(rec.community), `community ${rec.community}`);
      const p = need(person(rec.person), `person ${rec.person}`);
      if (typeof c === 'string') return c;
      if (typeof p === 'string') return p;
      return [c, p, rec.role, rec.created_at];
    }, `INSERT INTO memberships (community_id, person_id, role, created_at)
        SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::timestamptz[]) ON CONFLICT DO NOTHING RETURNING 1`),

    community_requests: links('community_requests', async () => (rec) => {
      const c = need(community(rec.community), `community ${rec.community}`);
      const p = need(person(rec.person), `person ${rec.person}`);
      if (typeof c === 'string') return c;
      if (typeof p === 'string') return p;
      return [c, p, rec.kind, rec.created_at];
    }, `INSERT INTO community_requests (community_id, person_id, kind, created_at)
        SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::timestamptz[]) ON CONFLICT DO NOTHING RETURNING 1`),

    tags: async (tx: Queryable, rows: Line<'tags'>[]): Promise<Partial<EntityCounts>> => {
      const valid: { line: number; name: string; merged: string | null; at: string }[] = [];
      for (const { line, rec } of rows) {
        const name = tagOf(rec.name);
        const merged = rec.merged_into === null ? null : tagOf(rec.merged_into);
        if (name === null || (rec.merged_into !== null && merged === null)) {
          await reject('tags', line, `not a tag name: ${JSON.stringify(name === null ? rec.name : rec.merged_into)}`);
          continue;
        }
        valid.push({ line, name, merged, at: rec.created_at });
      }
      const fresh = valid.filter((t) => !ctx.tag.has(t.name));
      const skipped = valid.length - fresh.length;
      if (fresh.length === 0) return { skipped };
      const created = await tx.query<{ id: number; name: string }>(
        `INSERT INTO tags (name, created_at) SELECT * FROM unnest($1::text[], $2::timestamptz[]) ON CONFLICT (name) DO NOTHING RETURNING id, name`,
        [fresh.map((t) => t.name), fresh.map((t) => t.at)]);
      const createdNames = new Set(created.map((r) => r.name));
      const ids = await ctx.tags(tx, fresh.map((t) => t.name));
      await ctx.tags(tx, fresh.flatMap((t) => (t.merged ? [t.merged] : [])));
      const merges = fresh.filter((t) => t.merged && createdNames.has(t.name));
      if (merges.length > 0) {
        await tx.query('UPDATE tags t SET merged_into = u.target FROM unnest($1::int[], $2::int[]) u(id, target) WHERE t.id = u.id',
          [merges.map((t) => ids.get(t.name)), merges.map((t) => ids.get(t.merged!))]);
      }
      return { skipped, created: created.length, matched: fresh.length - created.length };
    },

    posts: async (tx: Queryable, rows: Line<'posts'>[]): Promise<Partial<EntityCounts> & { likes?: number; lastPost?: number }> => {
      // One query: which of the batch's posts are here already, and the posts they reply to with their thread's first post
      // (replies hang off it: a reply to a reply, in CSV or Viva, goes to the reply's post).
      const keys = [...new Set(rows.flatMap(({ rec }) => [rec.id, ...(rec.in_reply_to ? [rec.in_reply_to] : [])]))];
      const found = await tx.query<{ external_id: string; local_id: number; top: number | null }>(
        `SELECT m.external_id, m.local_id, COALESCE(p.parent_id, p.id) AS top
           FROM import_map m LEFT JOIN posts p ON p.id = m.local_id
          WHERE m.source = $1 AND m.entity = 'post' AND m.external_id = ANY($2::text[])`, [ctx.source, keys]);
      const done = new Map(found.map((r) => [r.external_id, r.local_id]));
      const top = new Map(found.flatMap((r) => (r.top === null ? [] : [[r.local_id, r.top] as const])));
      let skipped = 0;
      let created = 0;
      let likes = 0;
      // The highest id written (--bulk: what is deferred up to it can be applied once this batch is committed).
      let lastPost: number | undefined;
      let pending = rows.filter(({ rec }) => {
        if (done.has(rec.id)) skipped += 1;
        return !done.has(rec.id);
      });
      // Waves: a reply whose post is in this same batch goes in after it.
      while (pending.length > 0) {
        const inBatch = new Set(pending.map((r) => r.rec.id));
        const wave: { line: number; rec: PostIn; author: number; community: number | null; parent: number | null; tags: string[]; chips: string[];
          likers: number[] }[] = [];
        const later: Line<'posts'>[] = [];
        for (const row of pending) {
          const { line } = row;
          const rec = row.rec as PostIn;
          const parentId = rec.in_reply_to === null ? null : done.get(rec.in_reply_to);
          if (parentId === undefined) {
            if (inBatch.has(rec.in_reply_to!)) later.push(row);
            else await reject('posts', line, `in_reply_to ${rec.in_reply_to} is not an imported post`);
            continue;
          }
          const c = community(rec.community);
          if (c === undefined) {
            // Other tools' community keys are `community:<name>` (CSV) or `group:<id>` (Viva): named as the file names them, with the way out.
            const foreign = /^(community|group):/.test(rec.community ?? '') && rec.tags !== undefined;
            await reject('posts', line, foreign
              ? `unknown community ${JSON.stringify(rec.community!.replace(/^community:/, ''))} (map it with --community-map or create it with --create-communities)`
              : `unknown community ${rec.community}`);
            continue;
          }
          const tags = rec.extra_tags.map(tagOf);
          const bad = rec.extra_tags.find((_, i) => tags[i] === null);
          if (bad !== undefined) {
            await reject('posts', line, `extra_tags: not a tag name: ${JSON.stringify(bad)}`);
            continue;
          }
          const who = await author(tx, rec.author, rec.author_email, rec.author_name, rec.author_handle);
          if (who === null) {
            await reject('posts', line, unknownAuthor(rec.author_email, rec.author));
            continue;
          }
          const parent = parentId === null ? null : (top.get(parentId) ?? parentId);
          // Posts from other tools carry their tags: those of the text, and the rest as chips.
          let chips = tags as string[];
          let all: string[] = [];
          if (rec.tags) {
            const inText = extractTags(rec.body);
            const extra = rec.tags.filter((t) => !inText.includes(t));
            chips = [...new Set([...chips, ...extra])];
            all = [...new Set([...inText, ...chips])];
          }
          if (hooks.suggest) {
            const proposed = (await suggestTags(tx, rec.body, 3)).map((t) => t.name).filter((t) => !all.includes(t) && !chips.includes(t));
            if (proposed.length > 0) {
              hooks.proposed({ line, post: rec.id, tags: proposed });
              if (hooks.suggest === 'apply') {
                chips = [...chips, ...proposed];
                all = [...all, ...proposed];
              }
            }
          }
          // Likes a row of another tool carries (people by their key): written with the post; an unknown liker rejects the like, not the post.
          const likers: number[] = [];
          for (const key of rec.likers ?? []) {
            const id = person(key);
            if (id === undefined) await reject('likes', line, `like by unknown person ${key.replace(/^email:/, '')} not imported`);
            else if (!likers.includes(id)) likers.push(id);
          }
          wave.push({ line, rec, author: who, community: c, parent, tags: all, chips, likers });
        }
        if (wave.length > 0) {
          const tagIdsByName = await ctx.tags(tx, wave.flatMap((w) => w.tags));
          // Likes and tags by the post's place in the wave (1-based, as WITH ORDINALITY counts).
          const liked = wave.flatMap((w, i) => w.likers.map((who) => [i + 1, who] as const));
          const tagged = wave.flatMap((w, i) => w.tags.map((t) => [i + 1, tagIdsByName.get(t)!] as const));
          // One statement for the wave: the posts with ids taken from their sequence first, so their import_map entries,
          // likes and tags go in the same statement (a round trip each was a good part of a batch's time on a busy host).
          // Triggers and foreign keys run at its end and see all of it. --bulk: the tags, and the posts' own counts that
          // the insert triggers skip, wait in import_deferred for the end of the run (applyDeferred).
          const [result] = await tx.query<{ ids: number[]; likes: number }>(
            `WITH u AS MATERIALIZED (
               SELECT nextval($13::regclass)::int AS id, u.*
                 FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[],
                             $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[], $12::int[], $14::text[], $20::text[])
                   WITH ORDINALITY AS u(author_id, community_id, parent_id, body, extra_tags, created_at, edited_at, deleted_at, hidden_at,
                                        hidden_reason, source_url, like_count, external_id, tag_names, n)
             ), posted AS (
               INSERT INTO posts (id, author_id, community_id, parent_id, body, extra_tags, created_at, edited_at, deleted_at, hidden_at,
                                  hidden_reason, source_url, like_count, tag_names) OVERRIDING SYSTEM VALUE
               SELECT id, author_id, community_id, parent_id, body, ARRAY(SELECT jsonb_array_elements_text(extra_tags::jsonb)), created_at,
                      edited_at, deleted_at, hidden_at, hidden_reason, source_url, like_count,
                      -- The tags' names, sorted as post_tag_names sorts them (021_feed_on_write.sql): the trigger on post_tags
                      -- that keeps them on the row then finds nothing to change, instead of an UPDATE of each tagged post.
                      ARRAY(SELECT jsonb_array_elements_text(tag_names::jsonb) ORDER BY 1)
                 FROM u ORDER BY n
             ), mapped AS (
               INSERT INTO import_map (source, entity, external_id, local_id) SELECT $15, 'post', external_id, id FROM u ON CONFLICT DO NOTHING
             ), liked AS (
               INSERT INTO post_likes (post_id, person_id, created_at)
               SELECT u.id, l.person_id, u.created_at FROM unnest($16::int[], $17::int[]) l(n, person_id) JOIN u ON u.n = l.n
               ON CONFLICT DO NOTHING RETURNING 1
             ), tagged AS (
               ${hooks.bulk
                 ? `INSERT INTO import_deferred (source, post_id, tag_ids, author_id, community_id, parent_id, created_at, deleted_at, hidden_at)
                    SELECT $15, u.id, COALESCE(t.tag_ids, '{}'), u.author_id, u.community_id, u.parent_id, u.created_at, u.deleted_at, u.hidden_at
                      FROM u LEFT JOIN (SELECT n, array_agg(tag_id) AS tag_ids FROM unnest($18::int[], $19::int[]) t(n, tag_id) GROUP BY n) t
                        ON t.n = u.n`
                 : `INSERT INTO post_tags (post_id, tag_id, created_at, top_level)
                    SELECT u.id, t.tag_id, u.created_at, u.parent_id IS NULL FROM unnest($18::int[], $19::int[]) t(n, tag_id) JOIN u ON u.n = t.n`}
               ON CONFLICT DO NOTHING
             )
             SELECT (SELECT array_agg(id ORDER BY n) FROM u) AS ids, (SELECT count(*)::int FROM liked) AS likes`,
            [wave.map((w) => w.author), wave.map((w) => w.community), wave.map((w) => w.parent), wave.map((w) => w.rec.body),
              wave.map((w) => JSON.stringify(w.chips)), wave.map((w) => w.rec.created_at), wave.map((w) => w.rec.edited_at),
              wave.map((w) => w.rec.deleted_at), wave.map((w) => w.rec.hidden_at), wave.map((w) => w.rec.hidden_reason),
              wave.map((w) => w.rec.source_url),
              // The likes a row of another tool carries: counted now, so the final recount rarely has to write.
              wave.map((w) => w.likers.length),
              ctx.postIds, wave.map((w) => w.rec.id), ctx.source,
              liked.map((l) => l[0]), liked.map((l) => l[1]), tagged.map((t) => t[0]), tagged.map((t) => t[1]),
              wave.map((w) => JSON.stringify(w.tags))]);
          const ids = result!.ids;
          wave.forEach((w, i) => {
            done.set(w.rec.id, ids[i]!);
            top.set(ids[i]!, w.parent ?? ids[i]!);
          });
          likes += result!.likes;
          lastPost = Math.max(lastPost ?? 0, ...ids);
          created += wave.length;
        }
        if (wave.length === 0) {
          for (const { line, rec } of later) await reject('posts', line, `in_reply_to ${rec.in_reply_to} is not an imported post`);
          break;
        }
        pending = later;
      }
      return { skipped, created, likes, lastPost };
    },

    post_tags: links('post_tags', async (tx, rows) => {
      const posts = await ctx.lookup(tx, 'post', rows.map((r) => r.rec.post));
      const tags = await tagIds(tx, rows.map((r) => r.rec.tag));
      return (rec) => {
        const name = tagOf(rec.tag);
        if (name === null) return `not a tag name: ${JSON.stringify(rec.tag)}`;
        const p = need(posts.get(rec.post), `post ${rec.post}`);
        return typeof p === 'string' ? p : [p, tags.get(name)];
      };
    }, `INSERT INTO post_tags (post_id, tag_id, created_at, top_level)
        SELECT u.post_id, u.tag_id, p.created_at, p.parent_id IS NULL
          FROM unnest($1::int[], $2::int[]) u(post_id, tag_id) JOIN posts p ON p.id = u.post_id
        ON CONFLICT DO NOTHING RETURNING 1`),

    post_mentions: toRecord('post_mentions', 'post', (rec) => rec.post, () => [], 'post_mentions (post_id, person_id)', []),

    likes: toRecord('likes', 'post', (rec) => rec.post, (rec) => [rec.created_at], 'post_likes (post_id, person_id, created_at)', ['timestamptz']),

    questions: async (tx: Queryable, rows: Line<'questions'>[]): Promise<Partial<EntityCounts>> => {
      const done = await ctx.lookup(tx, 'question', rows.map((r) => r.rec.id));
      const wave: { rec: Rec<'questions'>; author: number; community: number | null }[] = [];
      for (const { line, rec } of rows) {
        if (done.has(rec.id)) continue;
        const c = community(rec.community);
        if (c === undefined) {
          await reject('questions', line, `unknown community ${rec.community}`);
          continue;
        }
        const who = await author(tx, rec.author, rec.author_email);
        if (who === null) await reject('questions', line, unknownAuthor(rec.author_email, rec.author));
        else wave.push({ rec, community: c, author: who });
      }
      const skipped = rows.filter((r) => done.has(r.rec.id)).length;
      if (wave.length === 0) return { skipped };
      const ids = await tx.query<{ id: number }>(
        `INSERT INTO questions (author_id, community_id, title, body, state, created_at, edited_at, deleted_at, first_answer_at,
                                first_expert_answer_at, hidden_at, hidden_reason)
         SELECT author_id, community_id, title, body, state, created_at, edited_at, deleted_at, first_answer_at, first_expert_answer_at,
                hidden_at, hidden_reason
           FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[],
                       $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::text[]) WITH ORDINALITY
             AS u(author_id, community_id, title, body, state, created_at, edited_at, deleted_at, first_answer_at, first_expert_answer_at,
                  hidden_at, hidden_reason, n)
          ORDER BY n RETURNING id`,
        [wave.map((w) => w.author), wave.map((w) => w.community), wave.map((w) => w.rec.title), wave.map((w) => w.rec.body),
          wave.map((w) => w.rec.state), wave.map((w) => w.rec.created_at), wave.map((w) => w.rec.edited_at),
          wave.map((w) => w.rec.deleted_at), wave.map((w) => w.rec.first_answer_at), wave.map((w) => w.rec.first_expert_answer_at),
          wave.map((w) => w.rec.hidden_at), wave.map((w) => w.rec.hidden_reason)]);
      await ctx.remember(tx, 'question', wave.map((w, i) => [w.rec.id, ids[i]!.id]));
      return { skipped, created: wave.length };
    },

    question_tags: links('question_tags', async (tx, rows) => {
      const questions = await ctx.lookup(tx, 'question', rows.map((r) => r.rec.question));
      const tags = await tagIds(tx, rows.map((r) => r.rec.tag));
      return (rec) => {
        const name = tagOf(rec.tag);
        if (name === null) return `not a tag name: ${JSON.stringify(rec.tag)}`;
        const q = need(questions.get(rec.question), `question ${rec.question}`);
        return typeof q === 'string' ? q : [q, tags.get(name)];
      };
    }, `INSERT INTO question_tags (question_id, tag_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING RETURNING 1`),

    answers: async (tx: Queryable, rows: Line<'answers'>[]): Promise<Partial<EntityCounts>> => {
      const done = await ctx.lookup(tx, 'answer', rows.map((r) => r.rec.id));
      const questions = await ctx.lookup(tx, 'question', rows.map((r) => r.rec.question));
      const wave: { rec: Rec<'answers'>; author: number; question: number }[] = [];
      for (const { line, rec } of rows) {
        if (done.has(rec.id)) continue;
        const q = questions.get(rec.question);
        if (q === undefined) {
          await reject('answers', line, `unknown question ${rec.question}`);
          continue;
        }
        const who = await author(tx, rec.author, rec.author_email);
        if (who === null) await reject('answers', line, unknownAuthor(rec.author_email, rec.author));
        else wave.push({ rec, question: q, author: who });
      }
      const skipped = rows.filter((r) => done.has(r.rec.id)).length;
      if (wave.length === 0) return { skipped };
      const ids = await tx.query<{ id: number }>(
        `INSERT INTO answers (question_id, author_id, body, accepted_at, created_at, edited_at, deleted_at, hidden_at, hidden_reason)
         SELECT question_id, author_id, body, accepted_at, created_at, edited_at, deleted_at, hidden_at, hidden_reason
           FROM unnest($1::int[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[],
                       $8::timestamptz[], $9::text[]) WITH ORDINALITY
             AS u(question_id, author_id, body, accepted_at, created_at, edited_at, deleted_at, hidden_at, hidden_reason, n)
          ORDER BY n RETURNING id`,
        [wave.map((w) => w.question), wave.map((w) => w.author), wave.map((w) => w.rec.body), wave.map((w) => w.rec.accepted_at),
          wave.map((w) => w.rec.created_at), wave.map((w) => w.rec.edited_at), wave.map((w) => w.rec.deleted_at),
          wave.map((w) => w.rec.hidden_at), wave.map((w) => w.rec.hidden_reason)]);
      const accepted = wave.flatMap((w, i) => (w.rec.accepted ? [[w.question, ids[i]!.id] as const] : []));
      if (accepted.length > 0) {
        await tx.query('UPDATE questions q SET accepted_answer_id = u.a FROM unnest($1::int[], $2::int[]) u(q, a) WHERE q.id = u.q',
          [accepted.map((a) => a[0]), accepted.map((a) => a[1])]);
      }
      await ctx.remember(tx, 'answer', wave.map((w, i) => [w.rec.id, ids[i]!.id]));
      return { skipped, created: wave.length };
    },

    votes: toRecord('votes', 'answer', (rec) => rec.answer, (rec) => [rec.value, rec.created_at],
      'answer_votes (answer_id, person_id, value, created_at)', ['smallint', 'timestamptz']),

    question_routes: toRecord('question_routes', 'question', (rec) => rec.question, (rec) => [rec.routed_at, rec.passed_at],
      'question_routes (question_id, person_id, routed_at, passed_at)', ['timestamptz', 'timestamptz']),

    question_views: toRecord('question_views', 'question', (rec) => rec.question, (rec) => [rec.seen_at],
      'question_views (question_id, person_id, seen_at)', ['timestamptz']),

    skills: links('skills', async (tx, rows) => {
      const tags = await tagIds(tx, rows.map((r) => r.rec.tag));
      return (rec) => {
        const name = tagOf(rec.tag);
        if (name === null) return `not a tag name: ${JSON.stringify(rec.tag)}`;
        const who = need(person(rec.person), `person ${rec.person}`);
        return typeof who === 'string' ? who : [who, tags.get(name), rec.created_at];
      };
    }, `INSERT INTO person_skills (person_id, tag_id, created_at)
        SELECT * FROM unnest($1::int[], $2::int[], $3::timestamptz[]) ON CONFLICT DO NOTHING RETURNING 1`),

    endorsements: links('endorsements', async (tx, rows) => {
      const tags = await tagIds(tx, rows.map((r) => r.rec.tag));
      return (rec) => {
        const name = tagOf(rec.tag);
        if (name === null) return `not a tag name: ${JSON.stringify(rec.tag)}`;
        const who = need(person(rec.person), `person ${rec.person}`);
        const by = need(person(rec.endorser), `person ${rec.endorser}`);
        if (typeof who === 'string') return who;
        if (typeof by === 'string') return by;
        if (who === by) return 'a person cannot endorse themselves';
        return [who, tags.get(name), by, rec.created_at];
      };
    }, `INSERT INTO endorsements (person_id, tag_id, endorser_id, created_at)
        SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::timestamptz[]) ON CONFLICT DO NOTHING RETURNING 1`),

    tag_follows: links('tag_follows', async (tx, rows) => {
      const tags = await tagIds(tx, rows.map((r) => r.rec.tag));
      return (rec) => {
        const name = tagOf(rec.tag);
        if (name === null) return `not a tag name: ${JSON.stringify(rec.tag)}`;
        const who = need(person(rec.person), `person ${rec.person}`);
        return typeof who === 'string' ? who : [who, tags.get(name), rec.created_at];
      };
    }, `INSERT INTO tag_follows (person_id, tag_id, created_at)
        SELECT * FROM unnest($1::int[], $2::int[], $3::timestamptz[]) ON CONFLICT DO NOTHING RETURNING 1`),

    person_follows: links('person_follows', async () => (rec) => {
      const from = need(person(rec.follower), `person ${rec.follower}`);
      const to = need(person(rec.person), `person ${rec.person}`);
      if (typeof from === 'string') return from;
      if (typeof to === 'string') return to;
      if (from === to) return 'a person cannot follow themselves';
      return [from, to, rec.created_at];
    }, `INSERT INTO person_follows (follower_id, person_id, created_at)
        SELECT * FROM unnest($1::int[], $2::int[], $3::timestamptz[]) ON CONFLICT DO NOTHING RETURNING 1`),

    community_follows: links('community_follows', async () => (rec) => {
      const who = need(person(rec.person), `person ${rec.person}`);
      const c = need(community(rec.community), `community ${rec.community}`);
      if (typeof who === 'string') return who;
      if (typeof c === 'string') return c;
      return [who, c, rec.created_at];
    }, `INSERT INTO community_follows (person_id, community_id, created_at)
        SELECT * FROM unnest($1::int[], $2::int[], $3::timestamptz[]) ON CONFLICT DO NOTHING RETURNING 1`),

    notification_settings: links('notification_settings', async () => (rec) => {
      const who = need(person(rec.person), `person ${rec.person}`);
      return typeof who === 'string' ? who : [who, JSON.stringify(rec.delivery), rec.updated_at];
    }, `INSERT INTO notification_settings (person_id, delivery, updated_at)
        SELECT person_id, delivery::jsonb, updated_at FROM unnest($1::int[], $2::text[], $3::timestamptz[]) u(person_id, delivery, updated_at)
        ON CONFLICT DO NOTHING RETURNING 1`),

    moderation_decisions: async (tx: Queryable, rows: Line<'moderation_decisions'>[]): Promise<Partial<EntityCounts>> => {
      const done = await ctx.lookup(tx, 'moderation', rows.map((r) => r.rec.id));
      const targets = new Map<string, number>();
      for (const kind of ['post', 'question', 'answer'] as const) {
        const keys = rows.filter((r) => r.rec.kind === kind).map((r) => r.rec.target);
        for (const [k, v] of await ctx.lookup(tx, kind, keys)) targets.set(k, v);
      }
      const wave: { rec: Rec<'moderation_decisions'>; target: number; community: number | null; by: number | null }[] = [];
      for (const { line, rec } of rows) {
        if (done.has(rec.id)) continue;
        const target = targets.get(rec.target);
        const c = community(rec.community);
        const by = rec.decided_by === null ? null : person(rec.decided_by);
        if (!rec.target.startsWith(`hearth:${rec.kind}:`)) await reject('moderation_decisions', line, `target ${rec.target} is not a ${rec.kind}`);
        else if (target === undefined) await reject('moderation_decisions', line, `unknown ${rec.kind} ${rec.target}`);
        else if (c === undefined) await reject('moderation_decisions', line, `unknown community ${rec.community}`);
        else if (by === undefined) await reject('moderation_decisions', line, `unknown person ${rec.decided_by}`);
        else wave.push({ rec, target, community: c, by });
      }
      const skipped = rows.filter((r) => done.has(r.rec.id)).length;
      if (wave.length === 0) return { skipped };
      const ids = await tx.query<{ id: number; kind: string; target_id: number }>(
        `INSERT INTO moderation_items (kind, target_id, community_id, status, keywords, report_count, opened_at, decided_by, decided_at, decision_note)
         SELECT kind, target_id, community_id, status, ARRAY(SELECT jsonb_array_elements_text(keywords::jsonb)), report_count, opened_at,
                decided_by, decided_at, decision_note
           FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::int[], $7::timestamptz[], $8::int[], $9::timestamptz[],
                       $10::text[]) AS u(kind, target_id, community_id, status, keywords, report_count, opened_at, decided_by, decided_at, decision_note)
         ON CONFLICT (kind, target_id) DO NOTHING RETURNING id, kind, target_id`,
        [wave.map((w) => w.rec.kind), wave.map((w) => w.target), wave.map((w) => w.community), wave.map((w) => w.rec.status),
          wave.map((w) => JSON.stringify(w.rec.keywords)), wave.map((w) => w.rec.report_count), wave.map((w) => w.rec.opened_at),
          wave.map((w) => w.by), wave.map((w) => w.rec.decided_at), wave.map((w) => w.rec.decision_note)]);
      const byTarget = new Map(ids.map((r) => [`${r.kind}:${r.target_id}`, r.id]));
      await ctx.remember(tx, 'moderation', wave.flatMap((w) => {
        const id = byTarget.get(`${w.rec.kind}:${w.target}`);
        return id === undefined ? [] : [[w.rec.id, id] as [string, number]];
      }));
      return { skipped: skipped + wave.length - ids.length, created: ids.length };
    },
  } satisfies { [E in EntityName]: (tx: Queryable, rows: Line<E>[]) => Promise<Partial<EntityCounts>> };
}

/** `handle`, or `handle-2`, `handle-3`... when a local person (or an earlier row of the batch) has it. */
async function freeHandle(tx: Queryable, handle: string, taken: ReadonlySet<string> = new Set()): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? handle : `${handle.slice(0, 28)}-${n}`;
    if (taken.has(candidate)) continue;
    const [row] = await tx.query('SELECT 1 FROM people WHERE handle = $1', [candidate]);
    if (!row) return candidate;
  }
}
