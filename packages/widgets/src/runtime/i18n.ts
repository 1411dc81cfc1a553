/**
 * Every user-visible string lives in a table beside the code that shows it (`defineStrings`), in
 * English. Other languages come in language packs, one per widget folder and language
 * (`<widget>/lang/fr.ts`), loaded on demand: a page downloads only the strings of the widgets it
 * shows, in the language it shows them in. Dates and numbers always follow the widget's
 * language through `Intl`.
 */

type Vars = Record<string, string | number>;
type Table = Record<string, string>;
/** A language pack: the translations of every table in one widget folder, by table name. */
export type PackContents = Record<string, Table>;
type Loader = () => Promise<{ default: PackContents }>;

function fill(text: string, vars: Vars): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/** `fr-CA` → `fr`: packs are per language; regional variants fall back to it. */
export function baseLanguage(lang: string): string {
  return (lang.split('-')[0] ?? 'en').toLowerCase();
}

/**
 * The languages one widget folder is translated into, each a dynamic import so it is a chunk
 * of its own. `load(lang)` fetches the pack once; until it arrives (or if it cannot be
 * fetched) the English strings are used.
 */
export class LanguagePack {
  readonly #loaders: Record<string, Loader>;
  readonly #loaded = new Map<string, PackContents>();
  readonly #loading = new Map<string, Promise<void>>();

  constructor(loaders: Record<string, Loader>) {
    this.#loaders = loaders;
  }

  /** The languages with a pack (English is built in). */
  get languages(): string[] {
    return ['en', ...Object.keys(this.#loaders)];
  }

  /** A promise while `lang`'s pack is on its way; null when nothing needs loading. */
  load(lang: string): Promise<void> | null {
    const base = baseLanguage(lang);
    const loader = this.#loaders[base];
    if (!loader || this.#loaded.has(base)) return null;
    let pending = this.#loading.get(base);
    if (!pending) {
      pending = loader().then(
        (module) => void this.#loaded.set(base, module.default),
        (error: unknown) => {
          // Left to be tried again by the next widget that asks; English meanwhile.
          this.#loading.delete(base);
          console.warn(`Hearth: the "${base}" strings could not be loaded; using English.`, error);
        },
      );
      this.#loading.set(base, pending);
    }
    return pending;
  }

  table(lang: string, name: string): Table | undefined {
    return this.#loaded.get(baseLanguage(lang))?.[name];
  }
}

/**
 * One table of strings: English complete, other languages from `pack` under `name` (falling
 * back to English key by key). Plural forms are keys ending in the CLDR category that
 * `Intl.PluralRules` selects: `_zero`, `_one`, `_two`, `_few`, `_many`, `_other`. English needs
 * only `_one` and `_other`; a pack adds the forms its language has beyond those (Polish
 * `_few` and `_many`, French `_many` for "1 000 000 de publications").
 */
export function defineStrings<K extends string>(pack: LanguagePack, name: string, english: Record<K, string>) {
  const lookup = (lang: string, key: K, vars: Vars = {}) => fill(pack.table(lang, name)?.[key] ?? english[key], vars);
  return {
    t: lookup,
    /**
     * `n` with the plural form of `key` for the language: `key_few` where the language's rules
     * say "few" and the table has it, else `key_other` (`key_one` for "one").
     */
    plural(lang: string, key: string, n: number, vars: Vars = {}): string {
      // English words follow English rules: Japanese, say, has no "one" form, and "1 answers"
      // would be wrong; Polish "few" has no English word at all. The number itself is still
      // written the language's way.
      const table = pack.table(lang, name);
      const rules = table ? lang : 'en';
      const category = cached(plurals, rules, () => new Intl.PluralRules(rules)).select(n);
      const form = `${key}_${category}`;
      // A form the table lacks (a pack that has not caught up with CLDR) falls back to `_other`.
      const chosen = (table?.[form] ?? (english as Record<string, string | undefined>)[form]) === undefined ? `${key}_other` : form;
      return lookup(lang, chosen as K, { ...vars, n: formatNumber(lang, n) });
    },
    /** The English table, for tests that check every pack translates every key. */
    english,
  };
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

/**
 * Makes the language's date format (and with it the number format) while the page is idle. The
 * first `Intl` formatter of a page sets up ICU: 20 to 60 ms cold, in whatever task asks first,
 * which would otherwise be the render of the data as it arrives. Asked while the data is on its
 * way, it is a short task of its own; the formatter is cached for the render.
 */
export function prepareFormats(lang: string): void {
  (self.requestIdleCallback ?? setTimeout)(() => formatDate(lang, new Date().toJSON()));
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
  return relative(lang, Math.min(0, Math.round((new Date(iso).getTime() - now) / 1000)), Math.trunc);
}

/**
 * "in 4 minutes", "in 2 hours", "tomorrow": a wait of `seconds` in the widget's language, rounded
 * up to its largest unit and to at least a minute (a wait is never said shorter than it is).
 */
export function formatIn(lang: string, seconds: number): string {
  return relative(lang, Math.max(60, seconds), Math.ceil);
}

function relative(lang: string, seconds: number, round: (n: number) => number): string {
  const format = cached(relatives, lang, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** The plural categories English does not have, which a language's pack may add. */
type ExtraPluralForm = 'zero' | 'two' | 'few' | 'many';
/** `posts` for `posts_other`: the plurals of a table. */
type PluralKey<K> = K extends `${infer Base}_other` ? Base : never;

/**
 * What a language pack must hold for the tables it translates: every key of every table (the
 * type checker finds a missing one; a test checks the `{placeholders}` match), and may hold
 * the plural forms its language has beyond English's `_one` / `_other` (`posts_few`).
 */
export type Translations<T extends Record<string, { english: Record<string, string> }>> = {
  [N in keyof T]: { [K in keyof T[N]['english']]: string } & {
    [K in `${PluralKey<keyof T[N]['english']>}_${ExtraPluralForm}`]?: string;
  };
};
