// Generates custom-elements.json (repo root, gitignored) from the widgets' JSDoc contract:
// @summary, @slot, @csspart, @cssproperty, @fires and one JSDoc line per property.
// Storybook reads it for controls and docs (.storybook/preview.ts); `npm test` (the `manifest`
// suite, scripts/manifest-check.mjs) checks the public widgets' docs against it, and that the
// configurator's options and the /embed allow-list name only the attributes it publishes.

/** The widgets a page uses: the only elements checked for docs and offered by the configurator. */
export const PUBLIC_WIDGETS = ['hearth-feed', 'hearth-tag-cloud', 'hearth-community-card', 'hearth-ask-expert', 'hearth-moderation', 'hearth-notifications', 'hearth-search', 'hearth-person', 'hearth-adoption'];

/**
 * Every element a page may write itself, so every element whose attributes are API: the widgets,
 * the page's `<hearth-config>` and the configurator (its own entry, /widgets/editor.js, on an
 * editor's page). Any other element is a widget's internal child (`hearth-<widget>-<part>`) and
 * publishes no attributes; `npm test` fails on an element that is neither, so a new public
 * element cannot silently lose its attributes here.
 */
export const PUBLIC_ELEMENTS = [...PUBLIC_WIDGETS, 'hearth-config', 'hearth-configurator'];

/**
 * Lit's `static properties = { _open: { state: true } }` is internal state, not API: without
 * this the analyzer lists it as a public field with an `_open` attribute.
 */
function litStatePropertiesArePrivate() {
  /** class name -> names declared with `state: true` */
  const stateByClass = new Map();
  return {
    name: 'hearth-lit-state-private',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (!isStatic || !member.name || member.name.getText() !== 'properties') continue;
        const init = ts.isPropertyDeclaration(member) ? member.initializer : undefined;
        if (!init || !ts.isObjectLiteralExpression(init)) continue;
        for (const prop of init.properties) {
          if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) continue;
          const isState = prop.initializer.properties.some(
            (p) =>
              ts.isPropertyAssignment(p) &&
              p.name.getText() === 'state' &&
              p.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (!isState) continue;
          const names = stateByClass.get(node.name.getText()) ?? new Set();
          names.add(prop.name.getText().replace(/^['"]|['"]$/g, ''));
          stateByClass.set(node.name.getText(), names);
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          const state = stateByClass.get(decl.name);
          if (!state) continue;
          for (const member of decl.members ?? []) {
            if (!state.has(member.name)) continue;
            member.privacy = 'private';
            delete member.attribute;
            delete member.reflects;
          }
          if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !state.has(a.fieldName));
        }
      }
    },
  };
}

/**
 * The analyzer also records `this.dispatchEvent(new HearthPostDeletedEvent(...))` as an event
 * with a type but no name (the name lives in the event class). The schema requires a name and
 * the element's `@fires` tags already list these events, so such entries are dropped.
 */
function dropNamelessEvents() {
  return {
    name: 'hearth-drop-nameless-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if (decl.events) decl.events = decl.events.filter((event) => event.name);
        }
      }
    },
  };
}

/**
 * The widgets' internal children (`hearth-feed-post`, `hearth-feed-composer`,
 * `hearth-ask-expert-question`, and any that come) are rendered and set by their widget through
 * properties; a page never writes them. Their attributes are dropped from the manifest, and the
 * attribute link of their properties with them, so no tool offers them as API (Storybook's
 * controls, an editor's HTML completion). Dropped rather than marked: the manifest schema has no
 * "internal" flag and its consumers would not read one. Their properties, parts and events stay
 * documented. Runs after the analyzer's own inheritance pass (user plugins come after the core's
 * in every phase), so attributes a child inherits are dropped too; a tagless base class (the
 * widgets' shared one) keeps its attributes, which the public widgets inherit.
 */
function internalElementsPublishNoAttributes(publicTags) {
  const isPublic = new Set(publicTags);
  return {
    name: 'hearth-internal-elements-publish-no-attributes',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.tagName || isPublic.has(decl.tagName)) continue;
          delete decl.attributes;
          for (const member of decl.members ?? []) {
            delete member.attribute;
            delete member.reflects;
          }
        }
      }
    },
  };
}

export default {
  globs: ['packages/widgets/src/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts', '**/*.d.ts', 'packages/widgets/src/testing/**'],
  outdir: '.',
  litelement: true,
  // The root package.json is not a published package; do not add a `customElements` field to it.
  packagejson: false,
  dependencies: false,
  dev: false,
  plugins: [litStatePropertiesArePrivate(), dropNamelessEvents(), internalElementsPublishNoAttributes(PUBLIC_ELEMENTS)],
};
