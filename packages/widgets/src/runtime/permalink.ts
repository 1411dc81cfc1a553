/*
 * Permalinks: where a post, a reply (or any other item) opens. A host page says it with an
 * `href-template` such as `/social?post={id}`; the placeholders are `{id}`, `{kind}` (`post` or
 * `reply`, ...) and `{parentId}` (a reply's post; empty for a post). A widget fills the template
 * for its links (`fillTemplate`) and, on the page the template names, reads back which item the
 * page's URL asks for (`matchTemplate`). Without a template, items open on Hearth's own pages
 * (`hearthPermalink`).
 */

export interface PermalinkItem {
  id: number | string;
  kind?: string;
  parentId?: number | string | null;
  /** Other placeholders a widget fills (the notifications' `{community}`). */
  [placeholder: string]: number | string | null | undefined;
}

/** What a page's URL names; `id` always, other placeholders of the template when it has them. */
export interface PermalinkMatch {
  id: string;
  kind: string | null;
  parentId: string | null;
  [placeholder: string]: string | null;
}

const PLACEHOLDER = /\{([A-Za-z]\w*)\}/g;
// What a placeholder becomes while the template is parsed as a URL (it survives untouched); split
// on it, the placeholder's name is every other piece.
const MARKER = /hearth-([A-Za-z]\w*)-hearth/;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * The template with its placeholders filled in, each value URL-encoded: `{id}`, `{kind}` (`post`
 * unless given), `{parentId}` (empty for an item without a parent) and any other the item names;
 * a placeholder it does not name becomes empty.
 */
export function fillTemplate(template: string, item: PermalinkItem): string {
  const values: PermalinkItem = { kind: 'post', ...item };
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === null || value === undefined ? '' : encodeURIComponent(String(value));
  });
}

/**
 * Which item `location` names, read the way `template` writes it, or null when it names none:
 * the template's path (relative to the page) must be the page's path, each query parameter the
 * template sets must be there (a placeholder takes any non-empty value, other values must be
 * equal), and so must the hash when the template has one. `{id}` must be present.
 */
export function matchTemplate(template: string, location: { href: string }): PermalinkMatch | null {
  if (!template.includes('{id}')) return null;
  let pattern: URL;
  let page: URL;
  try {
    page = new URL(location.href);
    // Placeholders are swapped for markers that survive URL parsing untouched.
    pattern = new URL(template.replace(PLACEHOLDER, (_, name: string) => `hearth-${name}-hearth`), page);
  } catch {
    return null;
  }
  const found: Record<string, string> = {};
  /** Whether `actual` reads as `expected` (markers stand for any value), noting the values. */
  const same = (expected: string, actual: string | null, value: string, decode: boolean): boolean => {
    if (actual === null) return false;
    const parts = expected.split(MARKER);
    if (parts.length === 1) return expected === actual;
    const regex = new RegExp(`^${parts.map((part, i) => (i % 2 ? `(${value})` : escape(part))).join('')}$`, 'u');
    const match = regex.exec(actual);
    if (!match) return false;
    parts.forEach((name, i) => {
      if (i % 2) found[name] = decode ? safeDecode(match[(i + 1) / 2]!) : match[(i + 1) / 2]!;
    });
    return true;
  };
  if (pattern.origin !== page.origin || !same(pattern.pathname, page.pathname, '[^/]+', true)) return null;
  for (const [name, expected] of pattern.searchParams) {
    if (!same(expected, page.searchParams.get(name), '.+', false)) return null;
  }
  if (pattern.hash && !same(pattern.hash, page.hash, '.+', true)) return null;
  if (!found['id']) return null;
  return { ...found, id: found['id'], kind: found['kind'] || null, parentId: found['parentId'] || null };
}

/** Hearth's own page for an item: `/embed/post/{id}`, a reply `/embed/post/{parentId}?reply={id}`. */
/**
 * The page's URL without what `template` adds to it: the query parameters holding a
 * placeholder, the hash, and the path from the placeholder on (`/posts/{id}`). Where a widget
 * goes back to when it leaves the item its page's URL names.
 */
export function listUrl(template: string, href: string): string {
  const url = new URL(href);
  const pattern = new URL(template.replace(/\{[A-Za-z]\w*\}/g, 'x-hearth-x'), url);
  for (const [name, value] of pattern.searchParams) if (value.includes('x-hearth-x')) url.searchParams.delete(name);
  if (pattern.hash.includes('x-hearth-x')) url.hash = '';
  const at = pattern.pathname.indexOf('x-hearth-x');
  if (at >= 0) url.pathname = pattern.pathname.slice(0, at);
  return url.href;
}

export function hearthPermalink(apiBase: string, item: PermalinkItem): string {
  const reply = item.parentId !== null && item.parentId !== undefined;
  const path = `../../embed/post/${encodeURIComponent(String(reply ? item.parentId : item.id))}`;
  const url = new URL(path, apiBase);
  if (reply) url.searchParams.set('reply', String(item.id));
  return url.href;
}

/** Where an item opens: the page's template filled in, else Hearth's own page. */
export function permalink(template: string | null | undefined, apiBase: string, item: PermalinkItem): string {
  return template ? fillTemplate(template, item) : hearthPermalink(apiBase, item);
}
