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
      // In calc() spaces are only needed around + and -: `calc(0.75 * var(--_space))`. Only a
      // number times var() is touched, never the universal selector (`.root *`).
      .replace(/(\d)\s*\*\s*(var\()/g, '$1*$2')
      // Leading zeros: `0.75em` is `.75em`.
      .replace(/([\s(,:*])0\.(\d)/g, '$1.$2')
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
 * Collapses the indentation in Lit's html`...` and svg`...` templates: a run of white space with
 * a line break becomes one space. Outside `pre`-like elements (the widgets' templates keep none)
 * HTML renders both the same, and between attributes they are equally a separator, so only
 * bytes change: about 0.25 KB gzip of the feed. Found through the parser, so white space in
 * `${}` expressions and in other strings is left alone.
 */
function minifyLitHtml(): Plugin {
  type Node = { type?: string; [key: string]: unknown };
  type Quasi = { start: number; end: number; value: { raw: string } };
  const tagged = (node: Node) =>
    node.type === 'TaggedTemplateExpression' &&
    (node['tag'] as Node).type === 'Identifier' &&
    ['html', 'svg'].includes((node['tag'] as { name: string }).name);
  return {
    name: 'hearth:minify-lit-html',
    apply: 'build',
    transform(code, id) {
      if (!/packages[\\/]widgets[\\/]src[\\/].*\.ts$/.test(id) || !/\b(html|svg)`/.test(code)) return null;
      const edits: Array<[number, number, string]> = [];
      const visit = (value: unknown): void => {
        if (Array.isArray(value)) return value.forEach(visit);
        if (!value || typeof value !== 'object') return;
        const node = value as Node;
        if (tagged(node)) {
          for (const quasi of (node['quasi'] as { quasis: Quasi[] }).quasis) {
            const raw = quasi.value.raw;
            const at = code.indexOf(raw, quasi.start);
            const collapsed = raw.replace(/\s*\n\s*/g, ' ');
            if (collapsed !== raw && at >= 0 && at + raw.length <= quasi.end + 2) edits.push([at, at + raw.length, collapsed]);
          }
        }
        for (const key in node) if (key !== 'type') visit(node[key]);
      };
      visit(this.parse(code));
      if (edits.length === 0) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

/**
 * Builds the widgets for the browser into dist/widgets, which the server serves at /widgets/:
 * `hearth.js` (every widget) and one entry per widget (`feed.js`, `tag-cloud.js`). Lit and the
 * runtime go into shared chunks, so a page with two widgets downloads them once and the runtime's
 * singletons (one client, one identity, one token request) really are single. Nothing comes from
 * a CDN.
 */
export default defineConfig({
  // Libraries may keep dev-only checks behind this; a browser has no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [minifyLitCss(), minifyLitHtml()],
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
        'tag-cloud': 'packages/widgets/src/tag-cloud/define.ts',
        'community-card': 'packages/widgets/src/community-card/define.ts',
        'ask-expert': 'packages/widgets/src/ask-expert/define.ts',
        moderation: 'packages/widgets/src/moderation/define.ts',
        notifications: 'packages/widgets/src/notifications/define.ts',
        person: 'packages/widgets/src/person/define.ts',
        search: 'packages/widgets/src/search/define.ts',
        adoption: 'packages/widgets/src/adoption/define.ts',
        editor: 'packages/widgets/src/editor/define.ts',
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      // A widget's own code may live in its entry file although hearth.js imports it too.
      preserveEntrySignatures: 'allow-extension',
      output: {
        // Flat, next to the entries: the runtime finds the <script> that loaded it (and the
        // settings in its query) as a script in its own folder. The prefix tells chunks from
        // entries (scripts/size.mjs).
        chunkFileNames: 'chunk-[name]-[hash].js',
        minify: true,
        // No `/* @__PURE__ */` marks in the output: they guide a bundler's tree shaking, and these
        // files go to browsers as they are (about 0.1 KB gzip of every widget).
        comments: { annotation: false },
        codeSplitting: {
          // Shared chunks for what at least two widgets use, counting hearth.js and the
          // on-demand chunks as users too, hence minShareCount 3: `shared` (Lit, ky, nanostores,
          // the runtime core and the contracts) and `elements` (what widgets need and the
          // configurator does not: the element bases, context, the loader, languages, rich text).
          // A widget's own modules stay in its entry or its chunks, which hearth.js imports
          // (allowed by preserveEntrySignatures), so a page never loads another widget's code and
          // the runtime's singletons (one client, one identity) stay single. `$initial`: only
          // what an entry loads up front; the parts a widget import()s (the feed's posts and
          // composer, ask-expert's views, tag suggestions) stay chunks of their own.
          groups: [
            {
              // What widgets need and the configurator does not: the element base and its parts'
              // base, context, the loader and state box, languages.
              // A chunk of its own so /editor (a LitElement on the API client) does not load it.
              name: 'elements',
              // Only the modules named: their libraries and the runtime core go to `shared`.
              includeDependenciesRecursively: false,
              test: /node_modules[\\/]@lit[\\/]context[\\/]|packages[\\/]widgets[\\/]src[\\/]runtime[\\/](hearth-element|hearth-part|context|config-element|loader|state|lang|store-controller|people|dots|events|lazy-define|load-follow)\.ts/,
              tags: ['$initial'],
              minShareCount: 3,
            },
            {
              name: 'shared',
              // Only the libraries, the runtime and the contracts: a widget's own modules stay with
              // that widget (its entry or its chunks), even when its lazy parts make them look
              // shared, so no page carries another widget's code. Drafts are left out: only
              // writing needs them (the composer is a chunk of its own); so are rich text and its
              // tokenizer: only the parts that show people's text need them (a chunk of their own);
              // and the permalink templates, which only parts with links load.
              test: /node_modules[\\/](lit|lit-html|lit-element|@lit|ky|nanostores)[\\/]|packages[\\/]widgets[\\/]src[\\/]runtime[\\/](?!drafts\.ts|rich-text\.ts|permalink\.ts)|packages[\\/]contracts[\\/]src[\\/](?!text\.ts)/,
              tags: ['$initial'],
              minShareCount: 3,
            },
          ],
        },
      },
    },
  },
});
