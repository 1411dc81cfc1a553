/*
 * `sync-url`: the search in the host page's URL, so it can be shared and Back works. The query is
 * `q`, the filters `hearth-tag`, `hearth-community`, `hearth-author`, `hearth-from`, `hearth-to`;
 * the page's other parameters and its hash are left alone.
 */

/** The filters that narrow the posts and questions (the facets a person chose). */
export interface SearchFilters {
  tag?: string | undefined;
  community?: string | undefined;
  author?: string | undefined;
  /** A calendar day, `YYYY-MM-DD`. */
  from?: string | undefined;
  to?: string | undefined;
}

export const FILTER_NAMES = ['tag', 'community', 'author', 'from', 'to'] as const;
const param = (name: string) => `hearth-${name}`;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The search a URL holds. */
export function readUrl(href: string): { q: string; filters: SearchFilters } {
  const params = new URL(href).searchParams;
  const filters: SearchFilters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(param(name))?.trim();
    if (value && ((name !== 'from' && name !== 'to') || DAY.test(value))) filters[name] = value;
  }
  return { q: (params.get('q') ?? '').slice(0, 200), filters };
}

/** `href` holding this search instead of the one it had. */
export function writeUrl(href: string, q: string, filters: SearchFilters): string {
  const url = new URL(href);
  if (q.trim()) url.searchParams.set('q', q);
  else url.searchParams.delete('q');
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value) url.searchParams.set(param(name), value);
    else url.searchParams.delete(param(name));
  }
  return url.href;
}

export const sameFilters = (a: SearchFilters, b: SearchFilters) => FILTER_NAMES.every((n) => (a[n] ?? '') === (b[n] ?? ''));
export const hasFilters = (f: SearchFilters) => FILTER_NAMES.some((n) => !!f[n]);
