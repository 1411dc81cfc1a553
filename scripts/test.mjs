// `npm test`: every suite, on a fresh machine, ending with one line "N passed, N failed".
//   typecheck, lint               one check each
//   manifest                      `cem analyze` writes custom-elements.json, then node:test checks
//                                 it (scripts/manifest-check.mjs): the public widgets' @summary,
//                                 @csspart, @cssproperty and @fires docs, no attributes on internal
//                                 elements, and the configurator's options, the /embed allow-list
//                                 and the manifest's attributes agree
//   server (PGlite)               node:test over HTTP against createApp, in-memory PGlite
//   server (PostgreSQL)           the same files again when TEST_DATABASE_URL is set
//   widgets                       @web/test-runner in Chromium (axe included)
//   end-to-end                    the real server + demo page driven with playwright-core
// Options: --only=<suite>[,<suite>] (typecheck,lint,manifest,server,postgres,widgets,e2e)
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureChromium } from './browser.mjs';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, '.test-results');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wanted = (name) => !only || only.includes(name);
const summary = [];

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function testFiles(dir) {
  const entries = await readdir(join(root, dir), { recursive: true });
  return entries.filter((f) => f.endsWith('.test.ts')).sort().map((f) => join(dir, f));
}

/** node:test with a human (spec) reporter on screen and TAP in a file for counting. */
async function nodeSuite(name, files, env = {}) {
  const tap = join(results, `${name.replace(/\W+/g, '-')}.tap`);
  const code = await run(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], env);
  const text = await readFile(tap, 'utf8').catch(() => '');
  const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const passed = count('pass');
  let failed = count('fail') + count('cancelled');
  if (code !== 0 && failed === 0) failed = 1; // crashed before reporting: never a silent pass
  summary.push({ name, passed, failed, skipped: count('skipped') });
}

async function check(name, cmd, args) {
  console.log(`\n=== ${name}`);
  const code = await run(cmd, args);
  summary.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
}

await rm(results, { recursive: true, force: true });
await mkdir(results, { recursive: true });
const npx = (bin, ...args) => [join(root, 'node_modules', '.bin', bin), args];

if (wanted('typecheck')) await check('typecheck', ...npx('tsc', '-p', 'tsconfig.json'));
if (wanted('lint')) await check('lint', ...npx('oxlint', '-c', '.oxlintrc.json', '--deny-warnings', 'packages', 'server', 'tests', 'scripts', '.storybook'));

if (wanted('manifest')) {
  console.log('\n=== custom-elements.json: generated, then checked');
  const analyzed = await run(...npx('cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs'));
  // A failed analysis would leave the last run's manifest to check: count it, check nothing.
  if (analyzed !== 0) summary.push({ name: 'manifest (cem analyze)', passed: 0, failed: 1, skipped: 0 });
  else await nodeSuite('manifest', ['scripts/manifest-check.mjs']);
}

if (wanted('server')) {
  console.log('\n=== server tests on PGlite');
  await nodeSuite('server (PGlite)', await testFiles('server/test'), { HEARTH_TEST_DB: 'pglite' });
}
if (wanted('postgres') || (wanted('server') && !only)) {
  if (process.env.TEST_DATABASE_URL) {
    console.log('\n=== server tests on PostgreSQL');
    await nodeSuite('server (PostgreSQL)', await testFiles('server/test'), { HEARTH_TEST_DB: 'postgres' });
  } else {
    console.log('\n(TEST_DATABASE_URL is not set: the server tests ran on PGlite only)');
  }
}

let chromium;
if (wanted('widgets') || wanted('e2e')) {
  try {
    chromium = ensureChromium();
  } catch (error) {
    console.error(`\n${error.message}`);
    summary.push({ name: 'browser available', passed: 0, failed: 1, skipped: 0 });
  }
}
if (chromium && wanted('widgets')) {
  console.log('\n=== widget tests in Chromium');
  const code = await run(...npx('wtr', '--config', 'web-test-runner.config.mjs'), { CHROME_PATH: chromium });
  const counts = JSON.parse(await readFile(join(results, 'widgets.json'), 'utf8').catch(() => '{}'));
  const failed = (counts.failed ?? 0) + (code !== 0 && !counts.failed ? 1 : 0);
  summary.push({ name: 'widgets', passed: counts.passed ?? 0, failed, skipped: counts.skipped ?? 0 });
}
if (chromium && wanted('e2e')) {
  console.log('\n=== building the widgets for the end-to-end tests');
  const built = await run(...npx('vite', 'build', '--logLevel', 'warn'));
  if (built !== 0) summary.push({ name: 'widget build', passed: 0, failed: 1, skipped: 0 });
  else {
    console.log('\n=== end-to-end tests');
    await nodeSuite('end-to-end', await testFiles('tests/e2e'), { CHROME_PATH: chromium });
  }
}

const total = summary.reduce((t, s) => ({ passed: t.passed + s.passed, failed: t.failed + s.failed, skipped: t.skipped + s.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log('\nSuites:');
for (const s of summary) console.log(`  ${s.failed ? '✗' : '✓'} ${s.name}: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`);
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
