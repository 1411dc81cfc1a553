// Widget tests in a real Chromium: `npx wtr`. TypeScript is transpiled by esbuild on the fly;
// the browser runs the same modules the widgets are built from.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const SUMMARY_FILE = '.test-results/widgets.json';

/**
 * Writes `{ passed, failed, skipped }` counted per test (not per file) for scripts/test.mjs and
 * CI to read. A file that fails to load counts as one failure, so a broken import cannot pass.
 */
function jsonSummaryReporter(file) {
  const count = { passed: 0, failed: 0, skipped: 0 };
  const walk = (suite) => {
    for (const test of suite?.tests ?? []) {
      if (test.skipped) count.skipped += 1;
      else if (test.passed) count.passed += 1;
      else count.failed += 1;
    }
    for (const child of suite?.suites ?? []) walk(child);
  };
  return {
    onTestRunFinished({ sessions }) {
      count.passed = count.failed = count.skipped = 0;
      for (const session of sessions) {
        walk(session.testResults);
        if (session.errors.length > 0 && !session.testResults?.tests.length && !session.testResults?.suites.length) {
          count.failed += 1;
        }
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(count)}\n`);
    },
  };
}

export default {
  rootDir: '.',
  files: ['packages/widgets/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    // js: true so the define reaches dependencies too (a library may read process.env.NODE_ENV).
    esbuildPlugin({ ts: true, js: true, target: 'es2022', tsconfig: 'tsconfig.json', define: { 'process.env.NODE_ENV': '"development"' } }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
      },
    }),
  ],
  // One page at a time: Chromium throttles timers in background pages, and CI machines are
  // small (2 cores); a slow machine should make the run slower, not red.
  concurrency: 1,
  testFramework: { config: { timeout: 30_000 } },
  testsFinishTimeout: 600_000,
  reporters: [defaultReporter(), jsonSummaryReporter(SUMMARY_FILE)],
};
