import { LanguagePack, defineStrings } from '../runtime/i18n.ts';

/** Other languages, each a chunk of its own that only a page in that language loads. */
export const askPack = new LanguagePack({
  fr: () => import('./lang/fr.ts'),
  de: () => import('./lang/de.ts'),
  es: () => import('./lang/es.ts'),
});

/** The widget's words, in this folder so a page bundles them only when it shows the widget. */
export const askStrings = defineStrings(askPack, 'ask', {
  // Asking
  title: 'Your question',
  titleHint: 'Say in one sentence what you want to know.',
  titleShort: 'Say what you want to know in at least 10 characters.',
  details: 'Details (optional)',
  tags: 'Tags',
  tagsHint: 'Up to 5. Enter or comma adds one.',
  removeTag: 'Remove #{tag}',
  badTag: 'A tag has only letters, digits, - and _.',
  tooManyTags: 'At most 5 tags.',
  ask: 'Ask',
  asking: 'Asking…',
  notPosted: 'Your question was not posted. Check the marked fields; nothing you typed is lost.',
  notPostedBecause: 'Your question was not posted: {reason} Nothing you typed is lost.',
  posted: 'Question posted. The people who know about it were told.',
  askAnother: 'Ask another question',
  backToAsk: 'Back to your question',
  // Experts
  experts: 'People who know',
  expertsHint: 'Add tags to see who knows about them.',
  suggestedExpert: 'You chose to ask them.',
  whoKnows: 'Who knows about {tags}?',
  noTopic: 'No topic given. Set the widget’s tags to see who knows about them.',
  noExperts: 'Nobody has answered or posted about {tags} yet. A question with these tags shows who does.',
  expertsFailed: 'The people who know could not be loaded.',
  // An expert's reasons, by the field of ExpertReason they say
  acceptedAnswers_one: '{n} accepted answer',
  acceptedAnswers_other: '{n} accepted answers',
  upvotes_one: '{n} up-vote',
  upvotes_other: '{n} up-votes',
  posts_one: '{n} post',
  posts_other: '{n} posts',
  declared: 'lists it as a skill',
  endorsements_one: 'endorsed by {n} colleague',
  endorsements_other: 'endorsed by {n} colleagues',
  // Questions
  questions: 'Questions',
  show: 'Show',
  all: 'All',
  unanswered: 'Unanswered',
  open: 'Open',
  answered: 'Answered',
  answers_one: '{n} answer',
  answers_other: '{n} answers',
  noQuestions: 'No questions here yet. Be the first to ask.',
  allAnswered: 'Every question here has an answer.',
  listFailed: 'The questions could not be loaded.',
  back: 'Back to the questions',
  questionFailed: 'The question could not be loaded.',
  // Tabs
  views: 'Questions and answers',
  tabAsk: 'Ask a question',
  tabMine: 'My questions',
  tabForMe: 'For me to answer',
  // States
  signedOut: 'You are signed out. Sign in to ask and answer questions.',
});

export const { t, plural } = askStrings;

/** A message for a person reading `lang`: made when shown, so a change of language re-says it. */
export type Message = (lang: string) => string;

/** One of the widget's own messages, in the language it is shown in. */
export const say = (key: Parameters<typeof t>[1]): Message => (lang) => t(lang, key);
