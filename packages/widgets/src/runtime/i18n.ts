/**
 * Every user-visible string lives in one table per language so a translation is a new table,
 * not a hunt through templates. Dates and numbers always follow the widget's language through
 * `Intl`, even while only English strings exist.
 */

const en = {
  posts: 'Posts',
  writePost: 'Write a post',
  post: 'Post',
  writeReply: 'Write a reply',
  sendReply: 'Send reply',
  editPost: 'Edit post',
  save: 'Save',
  cancel: 'Cancel',
  retry: 'Retry',
  tryAgain: 'Try again',
  like: 'Like',
  unlike: 'Unlike',
  likes_one: 'like',
  likes_other: 'likes',
  reply: 'Reply',
  replies_one: '{n} reply',
  replies_other: '{n} replies',
  hideReplies: 'Hide replies',
  moreReplies: 'More replies',
  loadingReplies: 'Loading replies…',
  edit: 'Edit',
  delete: 'Delete',
  deletePost: 'Delete post',
  confirmDelete: 'Delete this post? This cannot be undone.',
  edited: '(edited)',
  editedAt: 'Edited {date}',
  inCommunity: 'in {name}',
  loadMore: 'Load more',
  showMore: 'Show more',
  showLess: 'Show less',
  count: '{n} / {max}',
  tooLong_one: '{n} character too many',
  tooLong_other: '{n} characters too many',
  posting: 'Posting…',
  empty: 'No posts here yet.',
  emptyCompose: 'No posts here yet. Start the conversation.',
  loadFailed: 'The posts could not be loaded.',
  notFound: 'This community does not exist, or you cannot see it.',
  signedOut: 'You are signed out. Sign in to your intranet to see and write posts.',
  likeFailed: 'Your like could not be saved: {reason}',
  deleteFailed: 'The post could not be deleted: {reason}',
  network: 'Hearth cannot be reached. Check your connection and try again.',
  serverError: 'Something went wrong on the server ({status}).',
  sessionExpired: 'Your session has ended. Sign in again.',
} as const;

export type Strings = { readonly [K in keyof typeof en]: string };
export type StringKey = keyof Strings;

const tables: Record<string, Partial<Strings>> = { en };

/** The string for `key` in `lang` (falling back to English), with `{name}` placeholders filled. */
export function t(lang: string, key: StringKey, vars: Record<string, string | number> = {}): string {
  const base = lang.split('-')[0] ?? 'en';
  const text = tables[lang]?.[key] ?? tables[base]?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

type Vars = Record<string, string | number>;

function fill(text: string, vars: Vars): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/**
 * A widget's own string table: English complete, other languages partial (falling back to
 * English). Each widget keeps its strings in its folder (`strings.ts`), so a page bundles only
 * the strings of the widgets on it. Plural forms are keys ending in `_one` / `_other`.
 */
export function defineStrings<K extends string>(english: Record<K, string>, translations: Record<string, Partial<Record<K, string>>> = {}) {
  const lookup = (lang: string, key: K, vars: Vars = {}) => {
    const base = lang.split('-')[0] ?? 'en';
    return fill(translations[lang]?.[key] ?? translations[base]?.[key] ?? english[key], vars);
  };
  return {
    t: lookup,
    /** `n` with the plural form of `key` (`key_one` / `key_other`) for the language. */
    plural(lang: string, key: string, n: number, vars: Vars = {}): string {
      const form = cached(plurals, lang, () => new Intl.PluralRules(lang)).select(n) === 'one' ? 'one' : 'other';
      return lookup(lang, `${key}_${form}` as K, { ...vars, n: formatNumber(lang, n) });
    },
  };
}

/** A counted string: `replies` picks `replies_one` or `replies_other` by the language's rules. */
export function plural(lang: string, key: 'replies' | 'likes' | 'tooLong', n: number): string {
  const form = cached(plurals, lang, () => new Intl.PluralRules(lang)).select(n) === 'one' ? 'one' : 'other';
  return t(lang, `${key}_${form}`, { n: formatNumber(lang, n) });
}

const plurals = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();
const relatives = new Map<string, Intl.RelativeTimeFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();

function cached<T>(map: Map<string, T>, lang: string, make: () => T): T {
  let value = map.get(lang);
  if (!value) map.set(lang, (value = make()));
  return value;
}

export function formatNumber(lang: string, n: number): string {
  return cached(numbers, lang, () => new Intl.NumberFormat(lang)).format(n);
}

/** The full date and time, for a `title` next to a relative time. */
export function formatDate(lang: string, iso: string): string {
  return cached(dates, lang, () => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' })).format(
    new Date(iso),
  );
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 hours ago", "yesterday", "now" in the widget's language. */
export function formatRelative(lang: string, iso: string, now = Date.now()): string {
  // Clamped at 0: a server clock a little ahead (or a feed clock that ticks once a minute) must
  // not show a fresh post as "in 2 minutes".
  const seconds = Math.min(0, Math.round((new Date(iso).getTime() - now) / 1000));
  const format = cached(relatives, lang, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}
