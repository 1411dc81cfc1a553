import { lazyDefine } from '../runtime/lazy-define.ts';

/**
 * The list comes in a chunk of its own (with its styles and strings): a header's bell fetches it
 * only when opened; the inline variant as it starts.
 */
export async function loadList(): Promise<typeof import('./hearth-notifications-list.ts')> {
  const chunk = import('./hearth-notifications-list.ts');
  await lazyDefine('hearth-notifications-list', () => chunk.then((m) => m.HearthNotificationsList));
  return chunk;
}
