import { html } from 'lit';
import { lazyDefine } from '../runtime/lazy-define.ts';

/** Something to say, in the language of the render that shows it (so it follows a language switch). */
export type Message = (locale: string) => string;

/** The widget's tabs: three views of the queue, and the admins' two. */
export type Tab = 'open' | 'hidden' | 'closed' | 'keywords' | 'audit';

/** The element each tab is drawn by. */
export const tabElement = (tab: Tab) =>
  tab === 'keywords' ? 'hearth-moderation-keywords' : tab === 'audit' ? 'hearth-moderation-audit' : 'hearth-moderation-queue';

/** Every part of the widget, for its `reload()`. */
export const PARTS = 'hearth-moderation-queue, hearth-moderation-keywords, hearth-moderation-audit';

/**
 * Each tab's element comes in a chunk of its own: the queue's is fetched as the widget starts (in
 * parallel with the person and the items); the watch list's and the audit trail's, which only
 * admins see, when one opens them.
 */
export function loadTab(tab: Tab): Promise<void> {
  if (tab === 'keywords') {
    return lazyDefine('hearth-moderation-keywords', () => import('./hearth-moderation-keywords.ts').then((m) => m.HearthModerationKeywords));
  }
  if (tab === 'audit') {
    return lazyDefine('hearth-moderation-audit', () => import('./hearth-moderation-audit.ts').then((m) => m.HearthModerationAudit));
  }
  return lazyDefine('hearth-moderation-queue', () => import('./hearth-moderation-queue.ts').then((m) => m.HearthModerationQueue));
}

/** Item-shaped placeholders while a list loads, said as `label` (none while the words are on their way). */
export function skeleton(label: string) {
  return html`<div class="skeleton-list" part="state" role="status" aria-busy="true">
    <span class="vh">${label}</span>
    ${[0, 1, 2].map(
      () => html`<div class="skeleton" aria-hidden="true"><span class="bone short"></span><span class="bone"></span><span class="bone"></span></div>`,
    )}
  </div>`;
}
