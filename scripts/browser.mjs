// Finds a Chromium for the browser tests, installing Debian's package when it is missing and
// apt can be used. No test tool downloads a browser of its own (this machine's network allows
// only package registries).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p));
}

export function ensureChromium({ log = console.log } = {}) {
  const found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!hasApt || !isRoot) {
    throw new Error(
      'No Chromium found for the browser tests. Install it (Debian: apt-get install -y chromium) ' +
        'or set CHROME_PATH to a Chromium/Chrome binary.' + (hasApt ? ' (apt-get needs root)' : ''),
    );
  }
  log('Chromium is missing: installing Debian\'s chromium package (once)...');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium but no binary was found at ' + CANDIDATES.join(', '));
  return installed;
}

/** Flags for headless Chromium on a machine with no network beyond package registries. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--no-first-run', '--disable-component-update', '--disable-sync'];

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
