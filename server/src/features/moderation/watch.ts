import type { ContentKind } from '@hearth/contracts';
import { check } from 'recheck';
import type { Queryable } from '../../db/index.ts';
import { moderationRepo, type KeywordRow } from './repo.ts';

/*
 * The admin's keyword watch list: a word matches whole (not inside a longer word), ignoring
 * case; a pattern is a regular expression that was proven safe to run before it was stored.
 * New and edited content that matches enters the moderation queue; nothing is hidden.
 */

// recheck runs its pure-JavaScript checker in a worker thread: never its native or Java agent
// (a process of its own), and never blocking the event loop. (It reads this at each check.)
process.env.RECHECK_BACKEND ??= 'worker';

/** Flags every watch pattern runs with: case-insensitive, Unicode. */
const FLAGS = 'iu';
/**
 * How long the safety check may take before the pattern counts as not proven safe: generous, as
 * a busy machine must not refuse a safe pattern (most take well under a second).
 */
const CHECK_MS = 10_000;
/**
 * Patterns only ever run on this much text (content is at most ~10,000 characters by the
 * contracts): a bound even for a linear pattern.
 */
const MAX_TEXT = 20_000;

// Letters, digits and "_" make a word; a match must not continue one on either side.
const WORD_BEFORE = '(?<![\\p{L}\\p{N}_])';
const WORD_AFTER = '(?![\\p{L}\\p{N}_])';

/** A word as a pattern: its characters literally, any run of white space as white space. */
function wordPattern(word: string): string {
  const literal = word.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&').replace(/\s+/g, '\\s+');
  return `${WORD_BEFORE}${literal}${WORD_AFTER}`;
}

/**
 * Why a pattern may not be stored (a message and a stable code), or null when it is safe: it must
 * compile, and recheck (a ReDoS checker) must find it neither exponential nor polynomial on any input.
 */
export async function unsafePattern(pattern: string): Promise<{ message: string; code: string } | null> {
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, FLAGS);
  } catch (error) {
    return { message: `not a valid regular expression: ${(error as Error).message}`, code: 'invalid_pattern' };
  }
  const result = await check(compiled.source, compiled.flags, { timeout: CHECK_MS });
  if (result.status === 'safe') return null;
  if (result.status === 'vulnerable') {
    return {
      message: `this pattern can take ${result.complexity.type} time on some texts (catastrophic backtracking): simplify it, or watch words instead`,
      code: 'unsafe_pattern',
    };
  }
  if (result.error.kind === 'invalid' || result.error.kind === 'unsupported') {
    return { message: `not a pattern this server can check: ${result.error.message}`, code: 'invalid_pattern' };
  }
  return { message: 'this pattern could not be proven safe to run: simplify it, or watch words instead', code: 'unsafe_pattern' };
}

/** Lower-cased, so a word is on the list once whatever its case (it matches ignoring case). */
export function normalizeWord(word: string): string {
  return word.toLowerCase();
}

/** The list's entries that `text` matches (their patterns, as stored). */
export function matches(list: Pick<KeywordRow, 'pattern' | 'is_regex'>[], text: string): string[] {
  const bounded = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const found: string[] = [];
  for (const entry of list) {
    let re: RegExp;
    try {
      re = new RegExp(entry.is_regex ? entry.pattern : wordPattern(entry.pattern), FLAGS);
    } catch {
      continue; // Checked when stored: only a change of JavaScript version could make it fail.
    }
    if (re.test(bounded)) found.push(entry.pattern);
  }
  return found;
}

/**
 * Checks content against the watch list in the write's own transaction (the list is read there:
 * it is small, and so every instance sees an admin's change at once). A match puts the content's
 * item in the queue, open.
 */
export async function watch(tx: Queryable, target: { kind: ContentKind; id: number; communityId: number | null; text: string }) {
  const repo = moderationRepo(tx);
  const list = await repo.keywords();
  if (list.length === 0) return;
  await repo.watched(target.kind, target.id, target.communityId, matches(list, target.text));
}
