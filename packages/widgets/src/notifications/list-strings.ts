import { defineStrings } from '../runtime/i18n.ts';
import { notificationsPack } from './strings.ts';

/**
 * The list's strings: its own chunk, with the list. Each line is one sentence whose `{who}` (one
 * or more people, "Sam Okafor and 2 others", or "Moderation") is shown in bold. A verb that agrees
 * with its subject has `_one` (one person did it) and `_other` (several) forms; a grouped line
 * ("3 replies to your post from …") is chosen by how many notifications it stands for.
 */
export const listStrings = defineStrings(notificationsPack, 'list', {
  markAllRead: 'Mark all read',
  loadMore: 'Load more',
  empty: 'You are all caught up.',
  loadFailed: 'Your notifications could not be loaded.',
  moreFailed: 'More notifications could not be loaded.',
  markFailed: 'They could not be marked read.',
  unread: 'unread',
  newer: 'New notifications',
  showNewer: 'Show',
  two: '{a} and {b}',
  others_one: '{a} and {n} other',
  others_other: '{a} and {n} others',
  andOthers: '{a} and others',
  moderation: 'Moderation',
  unavailable: 'This is no longer available.',
  mentioned: '{who} mentioned you',
  mentions_one: '{n} mention of you by {who}',
  mentions_other: '{n} mentions of you by {who}',
  replied: '{who} replied to your post',
  replies_one: '{n} reply to your post from {who}',
  replies_other: '{n} replies to your post from {who}',
  answered: '{who} answered your question',
  answers_one: '{n} answer to your question from {who}',
  answers_other: '{n} answers to your question from {who}',
  routed_one: '{who} routed a question to you',
  routed_other: '{who} routed a question to you',
  routedTags_one: '{who} routed a question to you: you know {tags}',
  routedTags_other: '{who} routed a question to you: you know {tags}',
  accepted_one: '{who} accepted your answer',
  accepted_other: '{who} accepted your answer',
  joinRequested_one: '{who} asks to join {community}',
  joinRequested_other: '{who} ask to join {community}',
  joinApproved_one: '{who} approved your request to join {community}',
  joinApproved_other: '{who} approved your request to join {community}',
  joinRefused_one: '{who} declined your request to join {community}',
  joinRefused_other: '{who} declined your request to join {community}',
  invited_one: '{who} invited you to {community}',
  invited_other: '{who} invited you to {community}',
  hidden_post: '{who} hid your post',
  hidden_reply: '{who} hid your reply',
  hidden_question: '{who} hid your question',
  hidden_answer: '{who} hid your answer',
  hidden_community: '{who} hid your content',
  restored_post: '{who} restored your post',
  restored_reply: '{who} restored your reply',
  restored_question: '{who} restored your question',
  restored_answer: '{who} restored your answer',
  restored_community: '{who} restored your content',
  reportHidden: '{who} decided your report: the content was hidden',
  reportDismissed: '{who} decided your report: nothing was hidden',
  reason: 'Reason: {note}',
  note: 'Note: {note}',
  aCommunity: 'a community',
});

export const { t: lt, plural: lplural } = listStrings;
