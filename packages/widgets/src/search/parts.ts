import { lazyDefine } from '../runtime/lazy-define.ts';

/**
 * The results come in a chunk of their own (with their styles and strings): a header's compact
 * box fetches it only when first used; the body layout as it starts.
 */
export async function loadResults(): Promise<typeof import('./hearth-search-results.ts')> {
  const chunk = import('./hearth-search-results.ts');
  await lazyDefine('hearth-search-results', () => chunk.then((m) => m.HearthSearchResults));
  return chunk;
}
