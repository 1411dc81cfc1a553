import { lazyDefine } from './lazy-define.ts';

/**
 * Defines `<hearth-follow>` from its chunk (runtime/follow.ts) once per page, for a widget about
 * to render a Follow toggle; a failed load is tried again on the next render.
 */
export function loadFollow(): void {
  lazyDefine('hearth-follow', () => import('./follow.ts').then((f) => f.default)).catch(() => {});
}
