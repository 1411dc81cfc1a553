/**
 * `npm run hearth -- <command>` as a person types it (a child process): help for the tool and
 * each command, seed through it, `export --json` (a summary on stdout, no progress bar when
 * stderr is not a terminal), and `import` refusing a folder that is not an export (exit 3).
 * PGlite in a temporary DATA_DIR.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let data: string;
before(async () => {
  data = await mkdtemp(join(tmpdir(), 'hearth-cli-'));
});
after(async () => {
  if (data) await rm(data, { recursive: true, force: true });
});

function hearth(args: string[], dataDir = 'data'): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, DATA_DIR: join(data, dataDir), DATABASE_URL: '', AUTH_MODE: 'demo' };
    execFile(NPM, ['run', '--silent', 'hearth', '--', ...args], { cwd: ROOT, env, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run hearth', () => {
  test('--help lists the commands, and each command has its own help', async () => {
    const top = await hearth(['--help']);
    assert.equal(top.code, 0, top.stderr);
    for (const command of ['export', 'import', 'tags', 'seed']) assert.match(top.stdout, new RegExp(`^\\s+${command}\\b`, 'm'));
    const exp = await hearth(['export', '--help']);
    assert.equal(exp.code, 0);
    assert.match(exp.stdout, /--out <dir>/);
    assert.match(exp.stdout, /--json/);
    const imp = await hearth(['import', '--help']);
    assert.match(imp.stdout, /--from <dir>/);
    assert.match(imp.stdout, /--dry-run/);
    assert.match(imp.stdout, /--errors <file>/);
    assert.match(imp.stdout, /--bulk\s+for a large import/);
    const suggest = await hearth(['tags', 'suggest', '--help']);
    assert.equal(suggest.code, 0);
    assert.match(suggest.stdout, /--limit <n>/);
    const seed = await hearth(['seed', '--help']);
    assert.equal(seed.code, 0);
    assert.match(seed.stdout, /--posts N/);
    const wrong = await hearth(['export']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--out <dir>/);
  });

  test('seed, then export --json prints one summary object on stdout', async () => {
    const seeded = await hearth(['seed', '--posts', '30', '--people', '20']);
    assert.equal(seeded.code, 0, seeded.stderr);
    const out = join(data, 'export');
    const result = await hearth(['export', '--out', out, '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '', 'no progress bar when stderr is not a terminal');
    const summary = JSON.parse(result.stdout);
    assert.equal(summary.format, 'hearth-export');
    assert.equal(summary.counts.people, 20);
    assert.ok(summary.counts.posts >= 30);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    assert.deepEqual(manifest.counts, summary.counts);

    const suggested = await hearth(['tags', 'suggest', '--json', 'notes from the all hands meeting']);
    assert.equal(suggested.code, 0, suggested.stderr);
    assert.ok(Array.isArray(JSON.parse(suggested.stdout).tags));

    // A dry run into another (empty) data folder: what it would create, as JSON.
    const dry = await hearth(['import', '--from', out, '--dry-run', '--json'], 'other');
    assert.equal(dry.code, 0, dry.stderr);
    const report = JSON.parse(dry.stdout);
    assert.equal(report.dryRun, true);
    assert.equal(report.failed, 0);
    assert.equal(report.entities.people.created, 20);
    assert.equal(report.entities.posts.created, summary.counts.posts);
  });

  test('import refuses a folder that is not an export, saying what it expected (exit 3)', async () => {
    const result = await hearth(['import', '--from', data, '--json']);
    assert.equal(result.code, 3);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /manifest\.json not found: expected a folder written by "npm run hearth -- export"/);
  });
});
