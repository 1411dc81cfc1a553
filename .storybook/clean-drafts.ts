/**
 * Each story starts without drafts. The widgets keep unsent text in localStorage
 * (packages/widgets/src/runtime/drafts.ts), and every story shares the preview's origin: without
 * this, what was typed in one story's composer shows up in the next story's, and after a reload.
 * Only Hearth's draft keys go; whatever else the origin keeps stays.
 */

/** The prefix drafts.ts stores drafts under (the test saves one through drafts.ts to check). */
const DRAFT_PREFIX = 'hearth:draft:';

export function cleanDrafts(storage?: Storage): void {
  try {
    // Read inside the try: a sandboxed iframe throws on merely reading localStorage.
    storage ??= globalThis.localStorage;
    // Collected first: removing while walking by index would skip keys.
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key?.startsWith(DRAFT_PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Storage can be disabled (a sandboxed iframe): then there are no drafts to leak either.
  }
}
