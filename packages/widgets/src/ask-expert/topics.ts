import { normalizeTag } from '@hearth/contracts/text';

/** The API takes at most 5 tags for experts and similar questions. */
export const MAX_TAGS = 5;

/**
 * Tags from the widget's `tags` attribute: `kubernetes, helm` or `#kubernetes #helm`, normalized
 * as the server does. A chunk of its own, fetched with the widget's first view (parts.ts): the
 * normalizing comes with the text tokenizer, which a page needs only once content is shown.
 */
export function parseTags(value: string | null): string[] {
  const tags = (value ?? '').split(/[\s,]+/).map((raw) => normalizeTag(raw));
  return [...new Set(tags.filter((tag): tag is string => tag !== null))].slice(0, MAX_TAGS);
}
