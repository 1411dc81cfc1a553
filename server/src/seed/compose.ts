import { SHARED_BANKS } from './content.ts';
import { DEPARTMENTS, asciiFold, type SeedPerson } from './people.ts';
import type { Rng } from './random.ts';

/** Everything a template needs to become the text one person wrote at one moment. */
export interface ComposeContext {
  rng: Rng;
  /** Bank values already chosen in this thread, so replies talk about the same thing. */
  memo: Map<string, string>;
  banks: Readonly<Record<string, readonly string[]>> | undefined;
  /** When the text is written. */
  at: Date;
  writer: SeedPerson;
  /** Whoever started the thread. */
  op: SeedPerson;
  /** The author of the previous reply, if any. */
  last?: SeedPerson | undefined;
  /** A colleague to mention (the community's members, never the writer). */
  colleague: (exclude: ReadonlySet<string>) => SeedPerson;
}

const SLOT = /\{([^{}|]+)(?:\|(slug|tag))?\}/g;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY = 86_400_000;

/** Fills a template's slots. Throws on an unknown slot, so a typo fails the tests, not the demo. */
export function compose(template: string, ctx: ComposeContext): string {
  const mentioned = new Set<string>([ctx.writer.handle]);
  const text = template.replace(SLOT, (_, name: string, filter: string | undefined) => {
    const value = resolve(name, ctx, mentioned);
    if (filter === 'slug') return slugify(value);
    if (filter === 'tag') return tagify(value);
    return value;
  });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function resolve(name: string, ctx: ComposeContext, mentioned: Set<string>): string {
  if (name.startsWith('@')) {
    const which = name.slice(1);
    let person: SeedPerson | undefined;
    if (which === 'author') person = ctx.op;
    else if (which === 'last') person = ctx.last;
    if (!person || (which !== 'author' && mentioned.has(person.handle))) person = ctx.colleague(mentioned);
    mentioned.add(person.handle);
    return `@${person.handle}`;
  }
  if (name.startsWith('int:')) {
    const [min, max] = name.slice(4).split('-').map(Number);
    if (min === undefined || max === undefined || !Number.isFinite(min) || !Number.isFinite(max)) {
      throw new Error(`bad number slot {${name}}`);
    }
    return String(ctx.rng.int(min, max));
  }
  switch (name) {
    case 'op':
      return ctx.op.firstName;
    case 'me':
      return ctx.writer.firstName;
    case 'last':
      return (ctx.last ?? ctx.op).firstName;
    case 'mydept':
      return ctx.writer.department;
    case 'dept':
      return memo(ctx, name, () => ctx.rng.pick(DEPARTMENTS).name);
    case 'date':
      return memo(ctx, name, () => formatDay(workingDayAfter(ctx.at, ctx.rng.int(3, 20))));
    case 'quarter':
      return quarterOf(ctx.at, 0);
    case 'nextquarter':
      return quarterOf(ctx.at, 1);
    case 'lastquarter':
      return quarterOf(ctx.at, -1);
    case 'year':
      return String(ctx.at.getUTCFullYear());
    case 'lastyear':
      return String(ctx.at.getUTCFullYear() - 1);
  }
  const bankName = name.replace(/\d+$/, '');
  const bank = ctx.banks?.[bankName] ?? SHARED_BANKS[bankName];
  if (!bank) throw new Error(`unknown slot {${name}}`);
  return memo(ctx, name, () => {
    // {office2} differs from {office} when the bank allows it.
    const others = new Set<string>();
    for (const [key, value] of ctx.memo) if (key.replace(/\d+$/, '') === bankName) others.add(value);
    const fresh = bank.filter((v) => !others.has(v));
    return ctx.rng.pick(fresh.length > 0 ? fresh : bank);
  });
}

function memo(ctx: ComposeContext, key: string, make: () => string): string {
  let value = ctx.memo.get(key);
  if (value === undefined) {
    value = make();
    ctx.memo.set(key, value);
  }
  return value;
}

export function slugify(text: string): string {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .map(asciiFold)
    .filter(Boolean)
    .join('-');
}

/** "Insight Cloud" -> "insightcloud", "auth-gateway" stays: how people write a tag. */
export function tagify(text: string): string {
  return text
    .split('-')
    .map(asciiFold)
    .filter(Boolean)
    .join('-');
}

function workingDayAfter(at: Date, days: number): Date {
  const d = new Date(at.getTime() + days * DAY);
  const weekday = d.getUTCDay();
  if (weekday === 6) return new Date(d.getTime() + 2 * DAY);
  if (weekday === 0) return new Date(d.getTime() + DAY);
  return d;
}

function formatDay(d: Date): string {
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

function quarterOf(at: Date, ahead: number): string {
  const index = at.getUTCFullYear() * 4 + Math.floor(at.getUTCMonth() / 3) + ahead;
  return `Q${(index % 4) + 1} ${Math.floor(index / 4)}`;
}
