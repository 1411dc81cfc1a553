import { defineConfig } from 'vite';

/**
 * Builds the widgets for the browser into dist/widgets, which the server serves at /widgets/:
 * `hearth.js` (every widget) and one entry per widget (`feed.js`). Lit and the runtime go into
 * shared chunks, so a page with two widgets downloads them once and the runtime's singletons
 * (one client, one identity, one token request) really are single. Nothing comes from a CDN.
 */
export default defineConfig({
  // Libraries such as nanostores keep dev-only checks behind this; a browser has no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/widgets',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    copyPublicDir: false,
    reportCompressedSize: false,
    lib: {
      entry: {
        hearth: 'packages/widgets/src/hearth.ts',
        feed: 'packages/widgets/src/feed/define.ts',
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
        codeSplitting: {
          groups: [
            { name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/, priority: 2 },
            { name: 'runtime', test: /node_modules[\\/](ky|nanostores)[\\/]|packages[\\/](widgets[\\/]src[\\/]runtime|contracts[\\/]src[\\/]text)/, priority: 1 },
          ],
        },
      },
    },
  },
});
