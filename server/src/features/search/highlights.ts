import type { Highlight } from '@hearth/contracts';

// Private-use characters mark matches in ts_headline's output; offsets are computed from them,
// so no HTML is ever produced. (A text that itself contains them gets no highlights.)
const MARK_START = '\uE000';
const MARK_END = '\uE001';

/** ts_headline options: the whole text, matches between the two marks. */
export const HEADLINE_OPTIONS = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`;

/** Offsets of the marked matches in `text`, or none when the marks cannot be trusted. */
export function highlights(field: Highlight['field'], text: string, marked: string | null): Highlight[] {
  if (!marked || text.includes(MARK_START) || text.includes(MARK_END)) return [];
  const out: Highlight[] = [];
  let plain = '';
  let start = -1;
  for (const ch of marked) {
    if (ch === MARK_START) start = plain.length;
    else if (ch === MARK_END && start >= 0) {
      if (plain.length > start) out.push({ field, start, end: plain.length });
      start = -1;
    } else plain += ch;
  }
  // ts_headline rebuilds the text from its parse; trust the offsets only if it is unchanged.
  return plain === text ? out : [];
}
