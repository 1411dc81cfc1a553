/**
 * The configurator's output, as plain strings: the attributes an editor chose and the two
 * snippets to paste. Strings, never markup: the configurator shows them in a textarea, so
 * nothing an editor types can run on the editor page, and every value is escaped for the page
 * it will be pasted into.
 */
import type { WidgetOption, WidgetSpec } from './widgets.ts';
import { COMMON_OPTIONS } from './widgets.ts';

/** What the editor chose, by attribute name, as typed (booleans are `'true'` or `'false'`). */
export type Values = Readonly<Record<string, string | undefined>>;

/** An attribute to write: a value, or `true` for a boolean attribute that is present. */
export type Attribute = readonly [name: string, value: string | true];

/** For a double-quoted attribute value: nothing can end the quote, start markup or an entity. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** Why a number option's value cannot be used, or null when it can (or is empty). */
export function numberProblem(option: WidgetOption, raw: string | undefined): string | null {
  const text = (raw ?? '').trim();
  if (option.kind !== 'number' || text === '') return null;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  const min = option.min ?? 0;
  const max = option.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(n) || n < min || n > max) return `Enter a whole number from ${min} to ${max}.`;
  return null;
}

const splitTags = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim().replace(/^#+/, ''))
    .filter(Boolean);

/** The value an option writes, or null to leave the attribute out. */
function valueOf(option: WidgetOption, raw: string | undefined): string | true | null {
  // Never set: the widget's own default, which needs no attribute.
  if (raw === undefined) return null;
  const text = (raw ?? '').trim();
  switch (option.kind) {
    case 'boolean':
      return text === 'true' && option.default !== 'true' ? true : null;
    case 'number':
      if (text === '' || numberProblem(option, text)) return null;
      return String(Number(text)) === option.default ? null : String(Number(text));
    case 'tag':
      return text.replace(/^#+/, '') || null;
    case 'tags':
      return splitTags(text).join(',') || null;
    case 'set': {
      // In the table's order, so the snippet does not depend on the order of the clicks.
      const chosen = new Set(text.split(/\s+/));
      const value = (option.choices ?? []).filter((c) => chosen.has(c.value)).map((c) => c.value).join(' ');
      // Empty is a real choice here (no sections); only the default is left out.
      return value === option.default ? null : value;
    }
    default:
      return text === '' || text === option.default ? null : text;
  }
}

/** The attributes a widget gets from `values`, in the table's order; defaults are left out. */
export function attributesOf(spec: WidgetSpec, values: Values): Attribute[] {
  const attributes: Attribute[] = [];
  for (const option of [...spec.options, ...COMMON_OPTIONS]) {
    const value = valueOf(option, values[option.attribute]);
    if (value !== null) attributes.push([option.attribute, value]);
  }
  return attributes;
}

/** `<hearth-feed community="x" compose></hearth-feed>`, every value escaped. */
export function elementMarkup(spec: WidgetSpec, attributes: readonly Attribute[]): string {
  const written = attributes.map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`));
  return `<${spec.tag}${written.join('')}></${spec.tag}>`;
}

const trimOrigin = (origin: string) => origin.replace(/\/+$/, '');

/** Only a full address works from inside the iframe, which runs on the Hearth origin. */
export function isAbsoluteUrl(url: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(url.trim());
}

/** The script tag, the page's `<hearth-config>` (when there is a token URL) and the element. */
export function scriptSnippet(origin: string, spec: WidgetSpec, attributes: readonly Attribute[], tokenUrl: string): string {
  const lines = [`<script type="module" src="${escapeAttribute(trimOrigin(origin))}/widgets/hearth.js"></script>`];
  if (tokenUrl.trim()) lines.push(`<hearth-config token-url="${escapeAttribute(tokenUrl.trim())}"></hearth-config>`);
  lines.push(elementMarkup(spec, attributes));
  return lines.join('\n');
}

/** `/embed/<widget>?<attributes>`; a token URL only when it is a full address. */
export function embedUrl(origin: string, spec: WidgetSpec, attributes: readonly Attribute[], tokenUrl: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of attributes) query.set(name, value === true ? 'true' : value);
  if (isAbsoluteUrl(tokenUrl)) query.set('token-url', tokenUrl.trim());
  const search = query.toString();
  return `${trimOrigin(origin)}/embed/${spec.name}${search ? `?${search}` : ''}`;
}

/** The iframe and the optional resize helper. */
export function iframeSnippet(origin: string, spec: WidgetSpec, attributes: readonly Attribute[], tokenUrl: string, title: string): string {
  const src = embedUrl(origin, spec, attributes, tokenUrl);
  return [
    // No style attribute: a strict style-src on the portal would block it. The height attribute
    // serves hosts that run no script; the resize helper sets the height through the CSSOM.
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${spec.frameHeight}" frameborder="0" loading="lazy"></iframe>`,
    `<script src="${escapeAttribute(trimOrigin(origin))}/widgets/embed-resize.js"></script>`,
  ].join('\n');
}
