import { LanguagePack, defineStrings } from '../runtime/i18n.ts';

/** Other languages, each a chunk of its own that only a page in that language loads. */
export const cardPack = new LanguagePack({
  fr: () => import('./lang/fr.ts'),
  de: () => import('./lang/de.ts'),
  es: () => import('./lang/es.ts'),
});

/** The card's words, in this folder so a page bundles them only when it shows a card. */
export const cardStrings = defineStrings(cardPack, 'card', {
  open: 'Open',
  restricted: 'Restricted',
  members_one: '{n} member',
  members_other: '{n} members',
  managedBy: 'Managed by {names}',
  posts_one: '{n} post',
  posts_other: '{n} posts',
  active_one: '{n} active member',
  active_other: '{n} active members',
  sparkline: '{posts} in the last 30 days, {active}',
  lastPost: 'Last post {when}',
  latest: 'Latest posts',
  noPosts: 'No posts here.',
  startConversation: 'No posts yet. Be the first to start a conversation.',
  joinAndStart: 'No posts yet. Join and start the conversation.',
  postsFailed: 'The latest posts could not be loaded.',
  join: 'Join',
  request: 'Request to join',
  pending: 'Request pending',
  withdraw: 'Withdraw request',
  byInvitation: 'By invitation',
  accept: 'Accept invitation',
  decline: 'Decline',
  member: 'Member',
  manager: 'Manager',
  leave: 'Leave',
  leaveQuestion: 'Leave {name}?',
  cancel: 'Cancel',
  joined: 'You joined {name}.',
  requested: 'Your request to join {name} was sent.',
  withdrawn: 'Your request to join {name} was withdrawn.',
  declined: 'You declined the invitation to {name}.',
  left: 'You left {name}.',
  archived: 'Archived: this community is read-only. Its posts are kept.',
  archivedShort: 'Archived',
  inactive: 'Quiet for a while: the last post was {when}.',
  inactiveNever: 'Quiet for a while: nobody has posted yet.',
  inactiveShort: 'Quiet',
  loading: 'Loading the community…',
  loadFailed: 'The community could not be loaded.',
  signedOut: 'You are signed out. Sign in to see this community.',
});

export const { t, plural } = cardStrings;
