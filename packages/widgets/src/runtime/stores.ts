import { atom } from 'nanostores';

export { $me, type MeState } from './session.ts';

/**
 * The tag a person picked anywhere on the page (a `#tag` in a post, the tag cloud), so every
 * widget can follow it. null: no tag picked.
 */
export const $selectedTag = atom<string | null>(null);
