import { html, type TemplateResult } from 'lit';
import type { Highlight } from '@hearth/contracts';

/** How much of a long text is shown around the first match (UTF-16 code units). */
const EXCERPT = 220;
const BEFORE = 60;

/**
 * `text` with the API's highlights of `field` as `<mark>` elements around slices of it: user
 * content stays text (Lit escapes every slice), never HTML. Offsets out of range, empty or
 * overlapping ones are skipped. With `excerpt`, a long text is cut to a window around the first
 * match, with an ellipsis where it was cut.
 */
export function marked(text: string, highlights: readonly Highlight[], field: Highlight['field'], excerpt = false): Array<string | TemplateResult> {
  const ranges = highlights
    .filter((h) => h.field === field)
    .map((h) => [Math.max(0, h.start), Math.min(text.length, h.end)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let from = 0;
  let to = text.length;
  if (excerpt && text.length > EXCERPT) {
    const first = ranges[0]?.[0] ?? 0;
    from = first > BEFORE ? first - BEFORE : 0;
    // Start and end at a word's edge where there is one close by.
    const space = text.lastIndexOf(' ', from);
    if (from > 0 && space >= 0 && from - space < 20) from = space + 1;
    to = Math.min(text.length, from + EXCERPT);
    const end = text.indexOf(' ', to);
    if (to < text.length && end >= 0 && end - to < 20) to = end;
  }
  const out: Array<string | TemplateResult> = [];
  if (from > 0) out.push('…');
  let at = from;
  for (const [start, end] of ranges) {
    if (start < at || start >= to) continue;
    const stop = Math.min(end, to);
    if (start > at) out.push(text.slice(at, start));
    out.push(html`<mark part="mark">${text.slice(start, stop)}</mark>`);
    at = stop;
  }
  if (at < to) out.push(text.slice(at, to));
  if (to < text.length) out.push('…');
  return out;
}
