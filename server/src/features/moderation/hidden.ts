import type { Hidden } from '@hearth/contracts';
import { isAdmin, type Viewer } from '../../auth/viewer.ts';

/** The columns posts, questions and answers carry when a moderator hid them. */
export interface HiddenColumns {
  author_id: number;
  hidden_at: Date | null;
  hidden_reason: string | null;
}

export interface HiddenView {
  hidden: Hidden | null;
  /** True when `viewer` must get the placeholder: the content emptied (body, title, tags, mentions). */
  masked: boolean;
}

/**
 * How content a moderator hid shows to `viewer`. Its author and its moderators (the managers of
 * its community, `manages`, and admins, who only get here for content they can see) keep it whole
 * with the reason; everyone else gets a placeholder: `hidden` without the reason, and `masked`.
 */
export function hiddenView(row: HiddenColumns, viewer: Viewer, manages: boolean): HiddenView {
  if (!row.hidden_at) return { hidden: null, masked: false };
  const insider = row.author_id === viewer.id || manages || isAdmin(viewer);
  return { hidden: { at: row.hidden_at.toISOString(), reason: insider ? row.hidden_reason : null }, masked: !insider };
}
