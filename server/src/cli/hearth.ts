/**
 * `npm run hearth -- <command>`: Hearth's command-line tool (commander). Every command works on
 * the database the server uses (DATABASE_URL, else PGlite in DATA_DIR/pglite), migrated first.
 * Stop the server before using its PGlite folder: PGlite is single-process.
 *
 *   export --out <dir> [--format jsonl|as2] [--json]
 *   import --from <dir|file> [--source hearth|csv|viva] [--dry-run] [--bulk] [--errors <file>] [--suggest-tags apply|report]
 *          [--create-communities] [--community-map <file>] [--unknown-authors former|reject] [--source-name <name>] [--json]
 *   tags suggest <text>      existing tags that fit a text
 *   seed [seed options]      the same as `npm run seed` (server/src/cli/seed.ts)
 *
 * Progress bars go to stderr when it is a terminal; --json prints one summary object on stdout.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfigOrReport } from '../config.ts';
import { openDatabase, type Db } from '../db/index.ts';
import { migrate } from '../db/migrate.ts';
import { exportAll } from '../features/portability/export.ts';
import { FormatError, importAll } from '../features/portability/import.ts';
import { readCommunityMap } from '../features/portability/sources.ts';
import { suggestTags } from '../features/portability/suggest.ts';
import { entityProgress } from './progress.ts';

/** Exit codes: 0 done, 1 failed, 2 bad usage or configuration, 3 refused input (wrong format). */
class Exit extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfigOrReport();
  if (!config) throw new Exit(2, 'bad configuration');
  // The same place the server opens: DATA_DIR/pglite, or DATABASE_URL.
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

const print = (json: boolean, summary: unknown, text: string) => {
  process.stdout.write(json ? `${JSON.stringify(summary)}\n` : `${text}\n`);
};

function program(): Command {
  const cli = new Command('hearth')
    .description("Hearth's command-line tool: export, import and seed the configured database (DATABASE_URL, else PGlite in DATA_DIR).")
    .showHelpAfterError()
    .exitOverride();

  cli.command('export')
    .description("Export everything (people, communities, memberships, posts, replies, likes, tags, questions, answers, votes, follows, skills, notification settings, moderation decisions) as JSON Lines, one file per entity, plus manifest.json")
    .requiredOption('--out <dir>', 'folder to write (created if missing; files in it are replaced)')
    .addOption(new Option('--format <format>', "jsonl: Hearth's own format, which `import` reads; as2: ActivityStreams 2.0 (actors.jsonl, activities.jsonl)")
      .choices(['jsonl', 'as2']).default('jsonl'))
    .option('--batch <rows>', 'rows per query', positive, 2000)
    .option('--json', 'print a JSON summary on stdout instead of text', false)
    .action(async (options: { out: string; format: 'jsonl' | 'as2'; batch: number; json: boolean }) => {
      const progress = entityProgress();
      const summary = await withDatabase((db) => exportAll(db, { out: options.out, format: options.format, batch: options.batch, onProgress: progress }))
        .finally(() => progress.stop());
      const lines = Object.entries(summary.counts).map(([entity, n]) => `  ${entity.padEnd(22)} ${n.toLocaleString('en')}`);
      print(options.json, summary, `exported to ${summary.out} in ${(summary.durationMs / 1000).toFixed(1)} s (source ${summary.source}):\n${lines.join('\n')}`);
    });

  cli.command('import')
    .description("Import a folder written by `hearth export`, a CSV file in Hearth's import layout, or a Viva Engage / Yammer network data export folder (docs/portability.md). Idempotent (a second run creates nothing) and resumable; rows that fail validation are reported with file, line and reason, the rest imports")
    .requiredOption('--from <dir>', 'the export folder (manifest.json), the Viva Engage export folder (Messages.csv, Users.csv, Groups.csv, Topics.csv), or a .csv file')
    .addOption(new Option('--source <kind>', 'what --from is (default: detected: manifest.json → hearth, Messages.csv → viva, a file → csv)')
      .choices(['hearth', 'csv', 'viva']))
    .option('--dry-run', 'report what would be created, matched and skipped; write nothing', false)
    .option('--errors <file>', 'write each rejected row (file, line, reason), and each row skipped on purpose ("skipped": true), to this JSON Lines file')
    .addOption(new Option('--suggest-tags <mode>', 'propose tags for each imported post from its text with the existing tag vocabulary: apply them, or only report them')
      .choices(['apply', 'report']))
    .option('--create-communities', 'create the communities the rows name that are not here (default: their rows are rejected)', false)
    .option('--community-map <file>', 'map source community names to existing communities: JSON {"source name": "slug"} or CSV source,community')
    .addOption(new Option('--unknown-authors <mode>', 'authors nobody here knows: created as former employees, or their rows rejected')
      .choices(['former', 'reject']).default('former'))
    .option('--source-name <name>', "what import remembers the records under (default: the manifest's source; csv:<file name>; viva)")
    .option('--batch <rows>', 'rows per transaction', positive, 500)
    .option('--bulk', "for a large import: posts' tags and their community activity and adoption counts are applied in a few grouped statements (the last at the end) instead of batch by batch; until then imported posts are missing from tag feeds and counts. Tags someone edits on an imported post during the run come back at its end", false)
    .option('--json', 'print a JSON summary on stdout instead of text', false)
    .action(async (options: { from: string; source?: 'hearth' | 'csv' | 'viva'; dryRun: boolean; errors?: string; suggestTags?: 'apply' | 'report';
      createCommunities: boolean; communityMap?: string; unknownAuthors: 'former' | 'reject'; sourceName?: string; batch: number; bulk: boolean;
      json: boolean }) => {
      const progress = entityProgress();
      let summary;
      try {
        const communityMap = options.communityMap ? await readCommunityMap(options.communityMap) : undefined;
        summary = await withDatabase((db) => importAll(db, {
          from: options.from,
          dryRun: options.dryRun,
          batch: options.batch,
          bulk: options.bulk,
          createCommunities: options.createCommunities,
          unknownAuthors: options.unknownAuthors,
          ...(options.source ? { kind: options.source } : {}),
          ...(options.suggestTags ? { suggestTags: options.suggestTags } : {}),
          ...(communityMap ? { communityMap } : {}),
          ...(options.errors ? { errors: options.errors } : {}),
          ...(options.sourceName ? { source: options.sourceName } : {}),
          onProgress: progress,
        })).finally(() => progress.stop());
      } catch (error) {
        if (error instanceof FormatError) throw new Exit(3, error.message);
        throw error;
      }
      const lines = Object.entries(summary.entities)
        .filter(([, c]) => c.created + c.matched + c.skipped + c.failed > 0)
        .map(([entity, c]) => `  ${entity.padEnd(22)} ${c.created} created, ${c.matched} matched, ${c.skipped} skipped, ${c.failed} failed`);
      const head = `${summary.dryRun ? 'dry run (nothing written): would have' : 'imported:'} ${summary.created} created, ${summary.matched} matched, ${summary.skipped} skipped, ${summary.failed} failed` +
        (summary.formerEmployees > 0 ? ` (${summary.formerEmployees} former employees)` : '');
      const errors = summary.errors.slice(0, 10).map((e) => `  ${e.file}:${e.line}: ${e.reason}`);
      const skips = summary.skippedRows.slice(0, 10).map((e) => `  ${e.file}:${e.line}: ${e.reason}`);
      const proposals = summary.suggestions.slice(0, 10).map((p) => `  ${p.file}:${p.line}: ${p.tags.map((t) => `#${t}`).join(' ')}`);
      print(options.json, summary, [head, ...lines,
        ...(skips.length > 0 ? ['left out on purpose:', ...skips] : []),
        ...(errors.length > 0 ? ['rejected rows:', ...errors] : []),
        ...(proposals.length > 0 ? [`tags ${options.suggestTags === 'apply' ? 'added' : 'proposed'} (${summary.suggested} posts):`, ...proposals] : []),
        ...(summary.errorsFile ? [`all rejected and skipped rows: ${summary.errorsFile}`] : [])].join('\n'));
      if (summary.failed > 0) process.exitCode = 1;
    });

  const tags = cli.command('tags').description('Tags: suggest tags for a text from the existing vocabulary');
  tags.command('suggest')
    .description('Tags from the existing vocabulary that a text is about (every word of the tag in the text, stemmed), most used first')
    .argument('[text...]', 'the text (or --file)')
    .option('--file <file>', 'read the text from a file ("-" for stdin)')
    .option('--limit <n>', 'at most this many tags', positive, 5)
    .option('--json', 'print a JSON summary on stdout instead of text', false)
    .action(async (words: string[], options: { file?: string; limit: number; json: boolean }) => {
      const text = options.file ? readFileSync(options.file === '-' ? 0 : options.file, 'utf8') : words.join(' ');
      if (!text.trim()) throw new Exit(2, 'give a text: hearth tags suggest "some text", or --file <file>');
      const suggestions = await withDatabase((db) => suggestTags(db, text, options.limit));
      print(options.json, { tags: suggestions }, suggestions.length === 0
        ? 'no tag from the vocabulary fits'
        : suggestions.map((t) => `#${t.name}  (${t.posts.toLocaleString('en')} posts)`).join('\n'));
    });

  cli.command('seed')
    .description('Seed the demo intranet (the same as `npm run seed`; `hearth seed --help` lists its options)')
    .helpOption(false)
    .allowUnknownOption()
    .argument('[options...]', 'passed to server/src/cli/seed.ts: --force, --posts N, --people N, --seed N, --help')
    .action(async (args: string[]) => {
      const script = fileURLToPath(new URL('./seed.ts', import.meta.url));
      const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: 'inherit' });
      const [code] = (await new Promise<[number | null]>((resolve) => child.once('exit', (c) => resolve([c]))));
      if (code !== 0) throw new Exit(code ?? 1, 'seeding failed');
    });

  return cli;
}

async function main(): Promise<number> {
  try {
    await program().parseAsync(process.argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const e = error as { code?: string; exitCode?: number };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      // --help and --version end here with 0; usage errors were printed by commander.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    if (error instanceof Exit) {
      if (error.message !== 'seeding failed' && error.message !== 'bad configuration') console.error(error.message);
      return error.code;
    }
    console.error('hearth:', error instanceof Error ? error.message : error);
    return 1;
  }
}

main().then((code) => process.exit(code));
