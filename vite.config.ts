import { defineConfig, type Plugin } from 'vite';

/**
 * Minifies the CSS in Lit's css`...` templates: the minifier leaves template text alone, and the
 * widgets' styles are a good part of the bundle. Only templates without `${}` expressions or
 * escapes are touched, so nothing but white space and comments can change.
 */
function minifyLitCss(): Plugin {
  const template = /\bcss`([^`$\\]*)`/g;
  const minify = (text: string) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      // Only the space after a colon: before one it can be a descendant combinator (`a :hover`).
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'hearth:minify-lit-css',
    apply: 'build',
    transform(code, id) {
      if (!/packages[\\/]widgets[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: code.replace(template, (_, css: string) => `css\`${minify(css)}\``), map: null };
    },
  };
}

/**
 * Builds the widgets for the browser into dist/widgets, which the server serves at /widgets/:
 * `hearth.js` (every widget) and one entry per widget (`feed.js`). Lit and the runtime go into
 * shared chunks, so a page with two widgets downloads them once and the runtime's singletons
 * (one client, one identity, one token request) really are single. Nothing comes from a CDN.
 */
export default defineConfig({
  // Libraries such as nanostores keep dev-only checks behind this; a browser has no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [minifyLitCss()],
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
        // Flat, next to the entries: the runtime finds the <script> that loaded it (and the
        // settings in its query) as a script in its own folder. The prefix tells chunks from
        // entries (scripts/size.mjs).
        chunkFileNames: 'chunk-[name]-[hash].js',
        minify: true,
        codeSplitting: {
          groups: [
            { name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/, priority: 3 },
            { name: 'feed-widget', test: /packages[\\/]widgets[\\/]src[\\/]feed[\\/]/, priority: 1 },
            { name: 'runtime', priority: 2, test: /node_modules[\\/](ky|nanostores)[\\/]|packages[\\/](widgets[\\/]src[\\/]runtime|contracts[\\/]src[\\/]text)/ },
          ],
        },
      },
    },
  },
});
