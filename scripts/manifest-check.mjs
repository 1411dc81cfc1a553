// The `manifest` suite of `npm test` (scripts/test.mjs runs `cem analyze` first), node:test over
// the generated custom-elements.json:
//   docs        every public widget has its own @summary, @csspart and @fires, and @cssproperty
//               lines of its own or from its base class; every part, property, event and
//               attribute says what it is
//   internal    internal child elements (hearth-feed-post, ...) publish no attributes
//   agreement   the configurator's options (packages/widgets/src/editor/widgets.ts), the /embed
//               allow-list (server/src/http/embed.ts) and the manifest's public attributes agree
// A test rather than lists generated from the manifest: why, in editor/widgets.ts.
// Alone: `npm run analyze && node --import tsx --test scripts/manifest-check.mjs`.
// HEARTH_MANIFEST=<file> checks another manifest (a modified copy, to see a check fail).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PUBLIC_ELEMENTS, PUBLIC_WIDGETS } from '../custom-elements-manifest.config.mjs';
import { COMMON_OPTIONS, NOT_OFFERED, WIDGETS } from '../packages/widgets/src/editor/widgets.ts';
import { EMBED_BOOLEAN, EMBED_COMMON, EMBED_NOT_ACCEPTED, EMBED_WIDGETS } from '../server/src/http/embed.ts';

const manifestFile = process.env.HEARTH_MANIFEST || new URL('../custom-elements.json', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
const modules = manifest.modules ?? [];
const declarations = modules.flatMap((m) => m.declarations ?? []);

/** Fails with every problem found, one a line, rather than only the first (and no stack: the line says where). */
function noProblems(problems) {
  if (problems.length === 0) return;
  const error = new Error(`${problems.length} problem${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  error.stack = error.message;
  throw error;
}

const samePath = (a, b) => a.replace(/^\.?\//, '') === b.replace(/^\.?\//, '');

/** The class (or mixin) a `superclass` or `mixins` reference names; none for another package's (lit's). */
function declarationOf(reference) {
  if (!reference?.name || reference.package) return undefined;
  const inModule = reference.module ? modules.filter((m) => samePath(m.path, reference.module)) : modules;
  const isClassLike = (d) => d.name === reference.name && (d.kind === 'class' || d.kind === 'mixin');
  return inModule.flatMap((m) => m.declarations ?? []).find(isClassLike) ?? declarations.find(isClassLike);
}

/** The declaration, then its mixins and superclasses, nearest first. */
function ancestry(declaration) {
  const chain = [];
  const visit = (d) => {
    if (!d || chain.includes(d)) return;
    chain.push(d);
    for (const mixin of d.mixins ?? []) visit(declarationOf(mixin));
    visit(declarationOf(d.superclass));
  };
  visit(declaration);
  return chain;
}

/**
 * What an element has of one kind, inheritance resolved: the analyzer's own inheritance pass
 * copies a base class's items onto the subclass (with `inheritedFrom`), but only for a base it
 * finds, so the chain is walked here too. `own` is false for anything inherited.
 */
function resolved(declaration, kind) {
  const byName = new Map();
  for (const [depth, d] of ancestry(declaration).entries()) {
    for (const item of d[kind] ?? []) {
      const key = item.name ?? '';
      if (!byName.has(key)) byName.set(key, { ...item, own: depth === 0 && !item.inheritedFrom });
    }
  }
  return [...byName.values()];
}

function elementNamed(tag) {
  const found = declarations.filter((d) => d.tagName === tag);
  assert.equal(found.length, 1, `${tag}: expected one declaration with this tag in ${manifestFile}, found ${found.length}`);
  return found[0];
}

const typeOf = (attribute) =>
  (attribute.type?.text ?? '')
    .split('|')
    .map((t) => t.trim())
    .filter((t) => t && t !== 'null' && t !== 'undefined');
const isBoolean = (attribute) => typeOf(attribute).join('|') === 'boolean';
const isNumber = (attribute) => typeOf(attribute).join('|') === 'number';
/** `'a' | 'b' | null` -> ['a', 'b']; null when the type is not only string literals. */
function literals(attribute) {
  const types = typeOf(attribute);
  return types.length && types.every((t) => /^'[^']*'$|^"[^"]*"$/.test(t)) ? types.map((t) => t.slice(1, -1)) : null;
}
/** The manifest's default as the configurator writes it (`'ask'` -> `ask`); null when there is none to compare. */
function literalDefault(attribute) {
  const text = attribute.default?.trim();
  if (!text || text === 'null' || text === 'undefined') return null;
  if (/^'[^']*'$|^"[^"]*"$/.test(text)) return text.slice(1, -1);
  return /^(-?\d+(\.\d+)?|true|false)$/.test(text) ? text : null;
}

const has = (record, key) => Object.hasOwn(record, key);

describe('custom-elements.json: public widgets are documented', () => {
  for (const tag of PUBLIC_WIDGETS) {
    test(`${tag} has @summary, @csspart, @cssproperty and @fires docs`, () => {
      const element = elementNamed(tag);
      const problems = [];
      if (!element.summary?.trim()) problems.push(`${tag}: no @summary in its class's JSDoc`);
      const parts = resolved(element, 'cssParts');
      if (!parts.some((p) => p.own)) problems.push(`${tag}: no @csspart of its own ("@csspart name - what it is" in its class's JSDoc)`);
      if (resolved(element, 'cssProperties').length === 0) {
        problems.push(`${tag}: no @cssproperty, neither its own nor its base class's`);
      }
      const events = resolved(element, 'events').filter((e) => e.name);
      if (!events.some((e) => e.own)) problems.push(`${tag}: no @fires of its own ("@fires hearth-x - when" for each event it dispatches)`);
      for (const [kind, tagName] of [['cssParts', '@csspart'], ['cssProperties', '@cssproperty'], ['events', '@fires'], ['attributes', 'attribute']]) {
        for (const item of resolved(element, kind)) {
          if (item.name && !item.description?.trim()) problems.push(`${tag}: ${tagName} ${item.name} says nothing (add " - what it is")`);
        }
      }
      noProblems(problems);
    });
  }
});

describe('custom-elements.json: internal elements', () => {
  test('every public element is in the manifest', () => {
    const tags = new Set(declarations.map((d) => d.tagName).filter(Boolean));
    noProblems(PUBLIC_ELEMENTS.filter((tag) => !tags.has(tag)).map((tag) => `${tag} is not in the manifest: renamed, or no longer defined?`));
  });

  test('an element that is not public is a widget\'s child and publishes no attributes', () => {
    const problems = [];
    for (const d of declarations.filter((each) => each.tagName && !PUBLIC_ELEMENTS.includes(each.tagName))) {
      if (!PUBLIC_WIDGETS.some((widget) => d.tagName.startsWith(`${widget}-`))) {
        problems.push(`${d.tagName} is neither public (PUBLIC_ELEMENTS in custom-elements-manifest.config.mjs) nor a widget's child (hearth-<widget>-<part>): if pages write it, add it to PUBLIC_ELEMENTS, or its attributes are dropped`);
      }
      const names = [...(d.attributes ?? []).map((a) => a.name), ...(d.members ?? []).flatMap((m) => (m.attribute ? [m.attribute] : []))];
      if (names.length) problems.push(`${d.tagName} is internal but publishes attributes: ${[...new Set(names)].join(', ')}`);
    }
    noProblems(problems);
  });
});

describe('the configurator, /embed and the manifest name the same attributes', () => {
  test('the same widgets', () => {
    const problems = [];
    const configurator = WIDGETS.map((w) => w.tag);
    const embed = Object.keys(EMBED_WIDGETS).map((name) => `hearth-${name}`);
    for (const w of WIDGETS) if (w.tag !== `hearth-${w.name}`) problems.push(`configurator: widget "${w.name}" has tag ${w.tag}, not hearth-${w.name}`);
    for (const tag of PUBLIC_WIDGETS) {
      if (!configurator.includes(tag)) problems.push(`${tag} is a public widget the configurator does not offer`);
      if (!embed.includes(tag)) problems.push(`${tag} is a public widget /embed does not serve`);
    }
    for (const tag of new Set([...configurator, ...embed])) {
      if (!PUBLIC_WIDGETS.includes(tag)) problems.push(`${tag} is offered (configurator or /embed) but is not in PUBLIC_WIDGETS (custom-elements-manifest.config.mjs)`);
    }
    noProblems(problems);
  });

  for (const tag of PUBLIC_WIDGETS) {
    test(`${tag}: every option and /embed parameter is a public attribute, and every public attribute is offered or says why not`, () => {
      const name = tag.replace(/^hearth-/, '');
      const spec = WIDGETS.find((w) => w.tag === tag);
      const accepted = has(EMBED_WIDGETS, name) ? [...EMBED_WIDGETS[name], ...EMBED_COMMON] : [];
      const attributes = new Map(resolved(elementNamed(tag), 'attributes').map((a) => [a.name, a]));
      const known = `(${tag} has ${[...attributes.keys()].join(', ')})`;
      const problems = [];

      const options = spec ? [...spec.options, ...COMMON_OPTIONS] : [];
      for (const option of options) {
        const where = `configurator option "${option.attribute}" of ${tag}`;
        const attribute = attributes.get(option.attribute);
        if (!attribute) {
          problems.push(`${where}: not a public attribute ${known}`);
          continue;
        }
        if (!accepted.includes(option.attribute)) problems.push(`${where}: /embed/${name} refuses it, so the iframe snippet would get a 400`);
        if (has(NOT_OFFERED, option.attribute)) problems.push(`${where}: offered, and also in NOT_OFFERED`);
        if ((option.kind === 'boolean') !== isBoolean(attribute)) {
          problems.push(`${where}: kind "${option.kind}", but the attribute's type is "${attribute.type?.text ?? 'not given'}"`);
        }
        if ((option.kind === 'number') !== isNumber(attribute)) {
          problems.push(`${where}: kind "${option.kind}", but the attribute's type is "${attribute.type?.text ?? 'not given'}"`);
        }
        const allowed = literals(attribute);
        if (option.kind === 'choice' && allowed) {
          for (const choice of option.choices ?? []) {
            if (!allowed.includes(choice.value)) problems.push(`${where}: choice "${choice.value}" is not one of ${allowed.join(', ')}`);
          }
        }
        const theirs = literalDefault(attribute);
        if (option.default !== undefined && theirs !== null && option.default !== theirs) {
          problems.push(`${where}: default "${option.default}", but the widget's is ${attribute.default} (a snippet would leave out a value that matters)`);
        }
      }

      for (const parameter of accepted) {
        const attribute = attributes.get(parameter);
        if (!attribute) problems.push(`/embed/${name} accepts "${parameter}": not a public attribute ${known}`);
        else if (EMBED_BOOLEAN.has(parameter) !== isBoolean(attribute)) {
          problems.push(`/embed/${name} "${parameter}": ${EMBED_BOOLEAN.has(parameter) ? 'in' : 'not in'} EMBED_BOOLEAN, but the attribute's type is "${attribute.type?.text ?? 'not given'}"`);
        }
        if (has(EMBED_NOT_ACCEPTED, parameter)) problems.push(`/embed/${name} accepts "${parameter}", and it is also in EMBED_NOT_ACCEPTED`);
      }

      for (const attribute of attributes.keys()) {
        if (!options.some((o) => o.attribute === attribute) && !has(NOT_OFFERED, attribute)) {
          problems.push(`${tag} publishes "${attribute}": offer it in the configurator (editor/widgets.ts) or say why not in NOT_OFFERED`);
        }
        if (!accepted.includes(attribute) && !has(EMBED_NOT_ACCEPTED, attribute)) {
          problems.push(`${tag} publishes "${attribute}": accept it in /embed (EMBED_WIDGETS) or say why not in EMBED_NOT_ACCEPTED (server/src/http/embed.ts)`);
        }
      }
      noProblems(problems);
    });
  }

  test('every "not offered" entry names a public attribute and gives a reason', () => {
    const published = new Set(PUBLIC_WIDGETS.flatMap((tag) => resolved(elementNamed(tag), 'attributes').map((a) => a.name)));
    const problems = [];
    for (const [list, entries] of [['NOT_OFFERED', NOT_OFFERED], ['EMBED_NOT_ACCEPTED', EMBED_NOT_ACCEPTED]]) {
      for (const [attribute, reason] of Object.entries(entries)) {
        if (!published.has(attribute)) problems.push(`${list} lists "${attribute}", which no public widget publishes: remove it`);
        if (!reason.trim()) problems.push(`${list} lists "${attribute}" without a reason`);
      }
    }
    for (const parameter of EMBED_BOOLEAN) {
      if (!Object.values(EMBED_WIDGETS).some((list) => list.includes(parameter)) && !EMBED_COMMON.includes(parameter)) {
        problems.push(`EMBED_BOOLEAN lists "${parameter}", which /embed accepts for no widget`);
      }
    }
    noProblems(problems);
  });
});
