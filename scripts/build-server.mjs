// `npm start` runs the server from one bundled ES module (server/build/main.mjs) instead of
// through tsx: tsx keeps a loader thread and every transformed module in memory (about 100 MB
// of the idle server's RSS on PGlite; issue #16, docs/architecture.md "Memory"). esbuild is
// what tsx itself runs on; here it only strips types and joins the server's own modules and the
// workspace's @hearth/contracts (TypeScript source). Packages from node_modules stay imports.
// `npm run dev`, the tests and the benchmarks keep running the sources through tsx.
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;

await build({
  // The server, and the seed command it runs in a child process on a first start (main.ts).
  entryPoints: { main: `${root}server/src/main.ts`, seed: `${root}server/src/cli/seed.ts` },
  outdir: `${root}server/build`,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [{
    name: 'node-modules-external',
    setup(b) {
      // Bare imports are packages, except the workspace's own TypeScript packages.
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@hearth/') ? undefined : { path: args.path, external: true }));
    },
  }],
});
