// Runs every test of the server suites alone, selected by its name, to prove that no test
// depends on data another one made. Too slow for every run (one process and database per test):
//   node server/test/each-alone.mjs [--jobs=2] [server/test/x.test.ts ...]
// It passes HEARTH_TEST_DB / TEST_DATABASE_URL through, so it runs on PostgreSQL too.
// The file is also the node:test reporter it uses: one JSON line per finished test.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default async function* reporter(source) {
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.details?.type !== 'suite') {
      yield `${JSON.stringify({ name: event.data.name, ok: event.type === 'test:pass' })}\n`;
    }
  }
}

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-reporter=${self}`, ...args], { cwd: root });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.resume();
    child.on('close', (code) => {
      const tests = out.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
      resolve({ code, tests });
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const jobs = Number(args.find((a) => a.startsWith('--jobs='))?.slice(7) ?? 2);
  let files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `server/test/${f}`);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  // Every test of a file, by name (a whole-file run), then each one alone, `jobs` at a time.
  const work = [];
  let failed = 0;
  for (const file of files) {
    const whole = await run([file]);
    if (whole.code !== 0) {
      failed++;
      console.log(`FAIL ${file} as a whole`);
    }
    for (const name of new Set(whole.tests.map((t) => t.name))) work.push({ file, name });
  }
  const next = async () => {
    for (let item = work.shift(); item; item = work.shift()) {
      const alone = await run([`--test-name-pattern=^${escape(item.name)}$`, item.file]);
      const ok = alone.code === 0 && alone.tests.some((t) => t.name === item.name) && alone.tests.every((t) => t.ok);
      if (!ok) failed++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${item.file} :: ${item.name}`);
    }
  };
  const total = work.length;
  await Promise.all(Array.from({ length: jobs }, next));
  console.log(`${total} tests run alone, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] === self) await main();
