import type { Notification } from '@hearth/contracts';
import { lplural, lt } from './list-strings.ts';

/** A line's sentence, split around its subject: `[before, who, after]`, and a note below it. */
export interface Description {
  before: string;
  who: string;
  after: string;
  /** The manager's note or the moderator's reason ("Reason: spam"), if any. */
  note: string | null;
}

/** Kinds about the reader's own content and a moderator's decision: said even when the content is gone. */
const MODERATION = new Set(['content.hidden', 'content.restored', 'report.decided']);

/** Who did it: "Sam Okafor", "Sam Okafor and Lea Park", "Sam Okafor and 2 others", or "Moderation". */
export function who(locale: string, n: Notification): string {
  const [a, b] = n.actors.map((p) => p.name);
  if (a === undefined) return lt(locale, 'moderation');
  if (b === undefined) return a;
  if (n.actors.length === 2) return lt(locale, 'two', { a, b });
  // At most three are named: three people for three notifications, else "and others".
  return n.count <= 3 ? lplural(locale, 'others', 2, { a }) : lt(locale, 'andOthers', { a });
}

/**
 * What the line says, in the widget's language; null for a target the reader can no longer see
 * (then only that is said), except moderation outcomes about their own content.
 */
export function describe(locale: string, n: Notification): Description | null {
  const { target, detail } = n;
  if (!target.available && !MODERATION.has(n.kind)) return null;
  const people = Math.max(1, n.actors.length);
  const community = target.community?.name ?? (target.kind === 'community' ? target.title : null) ?? lt(locale, 'aCommunity');
  const grouped = (one: 'mentioned' | 'replied' | 'answered', many: string) =>
    n.count === 1 ? lt(locale, one, { who: MARK }) : lplural(locale, many, n.count, { who: MARK });
  let sentence: string;
  let note: string | null = null;
  switch (n.kind) {
    case 'mention':
      sentence = grouped('mentioned', 'mentions');
      break;
    case 'post.replied':
      sentence = grouped('replied', 'replies');
      break;
    case 'answer.posted':
      sentence = grouped('answered', 'answers');
      break;
    case 'question.routed': {
      const tags = (detail.tags ?? []).map((tag) => `#${tag}`).join(', ');
      sentence = tags ? lplural(locale, 'routedTags', people, { who: MARK, tags }) : lplural(locale, 'routed', people, { who: MARK });
      break;
    }
    case 'answer.accepted':
      sentence = lplural(locale, 'accepted', people, { who: MARK });
      break;
    case 'join.requested':
      sentence = lplural(locale, 'joinRequested', people, { who: MARK, community });
      break;
    case 'join.decided':
      sentence = lplural(locale, detail.outcome === 'refused' ? 'joinRefused' : 'joinApproved', people, { who: MARK, community });
      if (detail.note) note = lt(locale, 'note', { note: detail.note });
      break;
    case 'community.invited':
      sentence = lplural(locale, 'invited', people, { who: MARK, community });
      break;
    case 'content.hidden':
    case 'content.restored':
      sentence = lt(locale, `${n.kind === 'content.hidden' ? 'hidden' : 'restored'}_${target.kind}`, { who: MARK });
      if (detail.note) note = lt(locale, 'reason', { note: detail.note });
      break;
    case 'report.decided':
      sentence = lt(locale, detail.outcome === 'hidden' ? 'reportHidden' : 'reportDismissed', { who: MARK });
      break;
  }
  const [before = '', after = ''] = sentence.split(MARK);
  return { before, who: who(locale, n), after, note };
}

/** Stands for `{who}` while the sentence is translated, then split on. */
const MARK = '\u0000';
