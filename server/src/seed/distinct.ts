/**
 * No two texts alike: the demo must not show the same sentence twice (two identical replies, two
 * questions with one title). Texts are remembered by a 53-bit hash, not kept; a hash collision
 * only makes one text vary needlessly.
 *
 * Guaranteed up to `guaranteed` texts of one kind (25,000 by default; the demo has about 5,700
 * posts and replies, and 150 questions with 300 answers): every rewording is tried, and the seed
 * test proves the default seed has no repeats. Beyond that it is best effort, for the benchmarks'
 * million-post seeds, which must stay fast and bounded in memory: one rewording per text up to ten
 * times that many, then none (texts are no longer remembered), since the phrase pools run out
 * long before a million texts anyway.
 */
import type { Rng } from './random.ts';

export class Distinct {
  readonly #seen = new Set<number>();
  #count = 0;

  /** @param guaranteed up to this many texts every rewording is tried */
  constructor(private readonly guaranteed = 25_000) {}

  has(text: string): boolean {
    return this.#seen.has(hash(text));
  }

  /**
   * The first of `make(0)`, `make(1)`, ... not written before, remembered; after `tries`
   * attempts (fewer after the first `guaranteed` texts, none after ten times as many), the last.
   */
  pick(make: (attempt: number) => string, tries = 24): string {
    const count = this.#count++;
    if (count >= this.guaranteed * 10) return make(0);
    const max = count < this.guaranteed ? tries : Math.min(tries, 2);
    let text = make(0);
    for (let attempt = 1; attempt < max && this.has(text); attempt++) text = make(attempt);
    this.#seen.add(hash(text));
    return text;
  }
}

/** Two FNV-1a-style hashes (one with an extra shift), as one 53-bit number. */
function hash(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** Slots that read the writer or the thread, never draw a new bank value. */
const PERSONAL = new Set(['op', 'me', 'mydept', 'last', 'quarter', 'nextquarter', 'lastquarter', 'year', 'lastyear']);
const NONE: ReadonlySet<string> = new Set();
const NAMES: ReadonlySet<string> = new Set(['op', 'last']);
const SLOT = /\{([^{}|]+)(?:\|[a-z]+)?\}/g;

/**
 * Whether an added sentence fits this thread: each bank slot in it ({service}, {office}, {date})
 * must already be in the thread's memo, so "Fingers crossed for {service}." names the service the
 * thread is about, never a new one.
 */
export function fits(addition: string, memo: ReadonlyMap<string, string>, skip: ReadonlySet<string> = NONE): boolean {
  for (const name of slotsOf(addition)) {
    if (skip.has(name)) return false;
    if (PERSONAL.has(name) || name.startsWith('int:')) continue;
    if (name.startsWith('@')) return false;
    if (!memo.has(name)) return false;
  }
  return true;
}

// The slot names of each addition, read once (the pools are small and fixed).
const SLOTS = new Map<string, readonly string[]>();
function slotsOf(text: string): readonly string[] {
  let names = SLOTS.get(text);
  if (!names) {
    names = [...text.matchAll(SLOT)].map((m) => m[1] as string);
    if (SLOTS.size < 10_000) SLOTS.set(text, names);
  }
  return names;
}

// Words a text may start with and still read right after "Maria, " or "Quick question: " once
// lower-cased; anything else (a name, a product, "I", an acronym, a slot) keeps its sentence.
const LOWERABLE = new Set(
  `a above add also already an and any anyone are as ask at back be book by can check click congrats could did didn’t
  do does don’t enter especially everyone finally following for from get go good great had has have honestly how if in
  interesting is it it’s just let’s looks love make message most my no not noted only our please really request
  same saved send sharing should so start submit take thanks thank that that’s the there there’s these they this
  through to turn usually use voted we well what whatever when where which who why will worth would yes you your`.split(/\s+/),
);

/** The template with its first letter lower-cased, or undefined when that would misread. */
export function lowerFirst(template: string): string | undefined {
  const word = /^[\p{L}’']+/u.exec(template)?.[0];
  if (!word || !LOWERABLE.has(word.toLowerCase())) return undefined;
  return template.charAt(0).toLowerCase() + template.slice(1);
}

/** Puts `addition` before a text's trailing #tags (where people write their last words). */
export function beforeTags(text: string, addition: string): string {
  const tags = text.includes('#') ? /(\s+#[^\s#]+)+$/.exec(text) : null;
  let head = tags ? text.slice(0, tags.index) : text;
  // "+1" and "Worth trying, I think" end without a full stop; a new sentence needs one.
  if (/^ \p{Lu}/u.test(addition) && /[\p{L}\p{N}}]$/u.test(head)) head += '.';
  return tags ? head + addition + tags[0] : head + addition;
}

export interface Additions {
  /** Lead-ins before a lower-cased text: "{op}, ", "Quick question: ". */
  leads?: readonly string[];
  /** Sentences before the text, when it cannot be lower-cased: "Thanks {op}! ". */
  openers?: readonly string[];
  /** Sentences after it (each starts with a space). */
  tails: readonly string[];
  /** Whether an emoji may end it (not in a question's title, nor a post). Default true. */
  emoji?: boolean;
}

/**
 * A variation of `template` for attempt `attempt` (1, 2, ...): a lead-in or an opening sentence,
 * one or (from the sixth attempt) two closing sentences, and now and then an emoji; only
 * additions whose slots the thread already knows and none that names someone in `skip` ("op"
 * when the writer started the thread: nobody addresses themselves). Still a template.
 */
export function vary(
  rng: Rng,
  template: string,
  attempt: number,
  add: Additions,
  memo: ReadonlyMap<string, string>,
  skip: ReadonlySet<string> = NONE,
  used?: Set<string>,
): string {
  // Not a sentence the text (or, with `used`, the thread) already has, nor a second "Maria"
  // where the text names her already.
  const names = (t: string) => slotsOf(t).filter((n) => NAMES.has(n));
  // (After a dozen attempts the thread's own additions are allowed again: better a sentence
  // twice in one thread than the same reply twice in the demo.)
  const fresh = attempt < 12 ? used : undefined;
  const usable = (t: string) =>
    fits(t, memo, skip) && !template.includes(t.trim()) && !fresh?.has(t) && !names(t).some((n) => template.includes(`{${n}}`));
  let tails = add.tails.filter(usable);
  let out = template;
  let changed = false;
  const chosen: string[] = [];
  if (rng.chance(attempt < 8 ? 0.4 : 0.8)) {
    const lowered = add.leads && add.leads.length > 0 ? lowerFirst(template) : undefined;
    const leads = (add.leads ?? []).filter(usable);
    const openers = (add.openers ?? []).filter(usable);
    let prefix: string | undefined;
    if (lowered !== undefined && leads.length > 0 && rng.chance(0.6)) {
      prefix = rng.pick(leads);
      out = prefix + lowered;
    } else if (openers.length > 0) {
      prefix = rng.pick(openers);
      out = prefix + out;
    }
    if (prefix !== undefined) {
      changed = true;
      chosen.push(prefix);
      const named = names(prefix);
      if (named.length > 0) tails = tails.filter((t) => !names(t).some((n) => named.includes(n)));
    }
  }
  if (tails.length > 0 && (!changed || rng.chance(0.5))) {
    const first = rng.pick(tails);
    out = beforeTags(out, first);
    chosen.push(first);
    if (attempt >= 6 && tails.length > 1) {
      const second = rng.pick(tails.filter((t) => t !== first));
      out = beforeTags(out, second);
      chosen.push(second);
    }
    changed = true;
  }
  if (add.emoji !== false && (!changed || (attempt >= 3 && rng.chance(0.25)))) out = beforeTags(out, ` ${rng.pick(EMOJI)}`);
  // Only the rewording that is kept should count; a caller that keeps every attempt's choice
  // merely avoids a few more sentences in the same thread, which is harmless.
  for (const t of chosen) used?.add(t);
  return out;
}

const EMOJI = ['🙂', '🙌', '👍', '😊', '🙏', '👏', '💪', '✨'];
