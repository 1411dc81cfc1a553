import { LanguagePack, defineStrings } from '../runtime/i18n.ts';

/** Other languages, each a chunk of its own that only a page in that language loads. */
export const personPack = new LanguagePack({
  fr: () => import('./lang/fr.ts'),
  de: () => import('./lang/de.ts'),
  es: () => import('./lang/es.ts'),
});

/**
 * The person card's strings (the hover card is the same element, compact). Plural forms end in
 * `_one` / `_other`.
 */
export const personStrings = defineStrings(personPack, 'person', {
  loading: 'Loading the person…',
  failed: 'This person could not be loaded.',
  signedOut: 'You are signed out. Sign in to see people.',
  notFound: 'No one with this name was found.',
  away: 'Away',
  awayNote: 'Away: questions are not routed to them for now.',
  followers_one: '{n} follower',
  followers_other: '{n} followers',
  follow: 'Follow',
  following: 'Following',
  unfollowLabel: 'Following {name}. Press to stop following.',
  ask: 'Ask {name}',
  knows: 'What they know',
  iKnow: 'What you know',
  noSkills: 'Nothing listed yet.',
  allSkills: 'Show all {n}',
  fewerSkills: 'Show fewer',
  acceptedAnswers_one: '{n} accepted answer',
  acceptedAnswers_other: '{n} accepted answers',
  upvotes_one: '{n} upvote',
  upvotes_other: '{n} upvotes',
  declared: 'declared',
  endorsements_one: '{n} endorsement',
  endorsements_other: '{n} endorsements',
  endorse: 'Endorse',
  endorseLabel: 'Endorse {name} for #{tag}',
  withdraw: 'Withdraw',
  withdrawLabel: 'Withdraw your endorsement of {name} for #{tag}',
  communities: 'Communities',
  manager: 'manager',
  recent: 'Recent posts and answers',
  noRecent: 'Nothing recent.',
  answerTo: 'Answer to “{title}”',
  accepted: 'accepted',
  editSkills: 'Edit skills',
  skills: 'Your skills',
  skillsHint: 'Type a tag and press Enter or a comma. At most 20.',
  removeSkill: 'Remove #{tag}',
  badTag: 'Use letters, digits and - only.',
  tooMany: 'At most 20 skills.',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  saved: 'Saved.',
  iAmAway: 'I am away: do not route questions to me',
  notSaved: 'Not saved: {reason}',
  cardOf: "{name}'s card",
  hoverHint: 'Person card: Tab to go into it, Escape to close.',
});

export const { t, plural } = personStrings;
