/**
 * What the demo intranet's people talk about: communities, post templates and the phrase banks
 * that fill them. Everything is plain text as a person would type it, with #tags, @mentions and
 * links to plausible internal addresses. The slot syntax is read by compose.ts:
 *
 *   {office}        a value from a bank (the community's own, else the shared ones); the same
 *                   slot gives the same value within one thread, so answers fit the question
 *   {office2}       another draw from the same bank
 *   {office|slug}   filtered: `slug` (lower-case-with-dashes) or `tag` (lowercaseletters)
 *   {int:5-40}      a number
 *   {@} {@2}        a mention of a colleague in the community; {@author} the thread's author;
 *                   {@last} whoever wrote the previous reply
 *   {op} {me}       first name of the thread's author / of whoever is writing this text;
 *   {last}          first name of whoever wrote the previous reply (the author's, on the first)
 *   {mydept}        the writer's department; {dept} any department
 *   {date}          a working day 2-3 weeks after the text was written ("Thursday 14 March")
 *   {quarter} {lastquarter} {nextquarter} {year} {lastyear}   relative to when the text was written
 */
import type { Additions } from './distinct.ts';

export type PostKind = 'question' | 'announcement' | 'kudos' | 'howto' | 'link' | 'discussion';

export interface Template {
  kind: PostKind;
  text: string;
  /**
   * Replies that answer this very post, in the order they would come; generic ones are added. A
   * pair is a colleague's question and the post author's answer, kept together.
   */
  answers?: readonly (string | readonly [question: string, authorsAnswer: string])[];
  /** Departments whose people write this (announcements come from the team that owns them). */
  by?: readonly string[];
  /** A newcomer's question: never asked by the demo personas or the leadership. */
  newcomer?: boolean;
}

export interface CommunityContent {
  slug: string;
  name: string;
  purpose: string;
  description: string;
  visibility: 'open' | 'restricted';
  joinPolicy: 'open' | 'request' | 'invite';
  /** Relative share of the top-level posts. */
  postShare: number;
  /** Who manages it: persona handles and/or the first generated person with a title. */
  managers: { handles?: readonly string[]; titles?: readonly string[] };
  /** Chance that a person of a department is a member; `*` for everyone else. */
  membership: Readonly<Record<string, number>>;
  /** Restricted communities take leaders only (plus named members). */
  leadersOnly?: boolean;
  banks?: Readonly<Record<string, readonly string[]>>;
  templates: readonly Template[];
}

export const SHARED_BANKS: Readonly<Record<string, readonly string[]>> = {
  office: ['Manchester', 'Lisbon', 'Kraków', 'Austin', 'Singapore', 'Lagos', 'Toronto'],
  weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  time: ['9:15', '10 o’clock', 'lunchtime', '14:30', 'about an hour ago'],
  room: ['Everest', 'Kilimanjaro', 'Fuji', 'Atlas', 'Andes', 'Denali'],
  customer: [
    'Contoso Retail',
    'Fabrikam Logistics',
    'Tailspin Airlines',
    'Litware Health',
    'Adventure Works Cycles',
    'Wide World Importers',
    'Alpine Ski House',
    'Fourth Coffee',
    'Woodgrove Bank',
    'Proseware',
    'Lucerne Publishing',
    'Coho Winery',
  ],
  product: ['Insight Cloud', 'Insight Mobile', 'Data Connect', 'Insight Enterprise'],
  feature: [
    'Scheduled reports',
    'Guest single sign-on',
    'the dashboard builder',
    'Offline mode',
    'Audit log export',
    'Smart alerts',
    'Dark mode',
    'Bulk user import',
  ],
  team: ['Payments', 'Platform', 'Mobile', 'Data', 'Web', 'Identity'],
};

/** Openers and closers that make two posts from one template read less alike. */
// Each opener ends a sentence, so the template's own capital letter still reads right.
export const OPENERS: Readonly<Partial<Record<PostKind, readonly string[]>>> = {
  question: ['Hi all! ', 'Morning! ', 'Hi everyone! ', 'Hello! '],
  announcement: ['Hi all! ', 'Hello everyone! '],
  discussion: ['Hi all! ', 'Curious what you think. '],
};
export const CLOSERS: Readonly<Partial<Record<PostKind, readonly string[]>>> = {
  question: [' Thanks in advance!', ' Thanks!', ' Any help appreciated 🙏', ' Cheers'],
  announcement: [' Questions welcome below.', ' Thanks!'],
  howto: [' Hope it helps someone.', ' Happy to answer questions.'],
  discussion: [' Keen to hear other views.'],
};

/** Replies that fit any post of a kind. */
export const GENERIC_REPLIES: Readonly<Record<PostKind, readonly string[]>> = {
  question: [
    'Following, I’d like to know too.',
    'Good question, I’ve wondered the same.',
    'I think {@} knows this best.',
    'Did you find an answer? Same problem here.',
    'Not sure, but the wiki search might have it: https://wiki.example.com/search',
    'Bumping this, we need the answer in {mydept} too.',
    'No idea, sorry. Try the service desk chat?',
    'I asked the same a while ago and never got a clear answer.',
  ],
  announcement: [
    'Thanks for the heads-up!',
    'Great news, thanks for sharing.',
    'Thanks, noted.',
    'Will there be a recording for those who can’t make it?',
    '👍',
    'Thanks {op}!',
    'Good to know, thanks.',
    'Shared with my team.',
    'Perfect timing, thank you.',
  ],
  kudos: [
    'Well deserved!',
    'Congrats! 🎉',
    'So well deserved.',
    'Great work all round.',
    'Love seeing this. 👏',
    '+1, thank you!',
    'Brilliant, well done!',
    'Couldn’t agree more.',
    'Huge thanks from {mydept} too.',
  ],
  howto: [
    'Bookmarked, thanks!',
    'This is really useful, thank you.',
    'Saved me a lot of time, thanks {op}.',
    'Could we add this to the wiki?',
    'Didn’t know that, thanks for sharing.',
    'Tried it just now, works a treat.',
    'Adding this to our team notes.',
  ],
  link: ['Thanks for sharing.', 'Good read.', 'Interesting, thanks {op}!', 'Sharing this with my team.', 'Saved for later.', 'Useful summary, thanks.'],
  discussion: [
    '+1',
    'Agree with this.',
    'Interesting idea, let’s discuss at the next team meeting.',
    'Worth trying, I think.',
    'Good point {op}.',
    'Not convinced, to be honest. What problem are we solving?',
    'We tried something similar in {mydept}, happy to share notes.',
  ],
};

/**
 * What makes a reply that would repeat an earlier one read differently (distinct.ts): addressing
 * the person it answers, a closing sentence, a detail the thread is about ({service}, {office},
 * {date}: used only when the thread already names one). Never an @mention: mentions notify.
 */
const REPLY_LEADS = ['{op}, ', 'Hi {op}, ', 'Oh, ', 'Honestly, '];
// In a conversation (a question, a discussion) a reply may answer the reply before it.
const TALK_LEADS = [...REPLY_LEADS, '{last}, ', 'Ha, '];
export const REPLY_ADDITIONS: Readonly<Record<PostKind, Additions>> = {
  question: {
    leads: TALK_LEADS,
    openers: ['Hi {op}! ', 'Good one, {op}. ', 'Ah, this again. '],
    tails: [
      ' I’ll report back if I find out more.',
      ' Same question came up in {mydept} last week.',
      ' Keen to hear the answer.',
      ' Happy to compare notes, {op}.',
      ' We ran into it on {service} too.',
      ' Seen the same with {tool}.',
      ' Asking for the {office} team as well.',
      ' The {customer} account would benefit too.',
      ' Worth adding to the FAQ once it’s solved.',
      ' Let us know what worked in the end.',
      ' Ping me if you need a second pair of eyes.',
      ' It’s been bugging me for a while.',
    ],
  },
  announcement: {
    leads: REPLY_LEADS,
    openers: ['Thanks {op}! ', 'Nice one, {op}. ', 'Ah, good to know. '],
    tails: [
      ' Passing it on to the rest of {mydept}.',
      ' Adding it to my calendar now.',
      ' {date} works for me.',
      ' Good to have it in writing.',
      ' Appreciate the early notice.',
      ' I’ll tell the {office} folks.',
      ' Fingers crossed it all goes smoothly.',
      ' Will flag it in our stand-up tomorrow.',
      ' Thanks for organising, {op}.',
      ' Bookmarking this post.',
      ' Our {customer} contact will want to know.',
    ],
  },
  kudos: {
    leads: REPLY_LEADS,
    openers: ['Yes! ', 'Totally agree, {op}. ', 'Seconded. '],
    tails: [
      ' Proud to work with you all.',
      ' Nice to see this called out, {op}.',
      ' The whole of {mydept} noticed.',
      ' You made a hard week much easier.',
      ' Drinks are on us next time.',
      ' This is what makes this place great.',
      ' {service} has never looked better.',
      ' Well earned after the last few weeks.',
      ' Thanks for saying it publicly, {op}.',
      ' A real difference for the {team} team.',
    ],
  },
  howto: {
    leads: REPLY_LEADS,
    openers: ['Thanks {op}! ', 'Oh nice. ', 'Ha, finally. '],
    tails: [
      ' Sharing it with the rest of {mydept}.',
      ' Wish I’d known this last year.',
      ' Just tried it, works as described.',
      ' Pinning this in our team channel.',
      ' Exactly what I was looking for this morning.',
      ' Works for {service} as well.',
      ' Going to save me an hour a week.',
      ' One for the onboarding checklist.',
      ' Clear and short, thanks {op}.',
    ],
  },
  link: {
    leads: REPLY_LEADS,
    openers: ['Thanks {op}! ', 'Oh, interesting. ', 'Nice find. '],
    tails: [
      ' Adding it to my reading list.',
      ' Will read it on the train home.',
      ' Passing it on to {mydept}.',
      ' The part about {service} is spot on.',
      ' Short and to the point.',
      ' Would love a summary at the next all-hands.',
      ' Good timing, we were talking about this yesterday.',
      ' Printed it for the {office} kitchen wall. Kidding. Mostly.',
    ],
  },
  discussion: {
    leads: TALK_LEADS,
    openers: ['Good point, {op}. ', 'Hmm. ', 'Interesting. '],
    tails: [
      ' That’s the view from {mydept}, anyway.',
      ' Happy to help if needed.',
      ' Let’s see what the others say.',
      ' Could we try it for a month and review?',
      ' {date} is a sensible deadline.',
      ' The {team} team might have data on this.',
      ' My two cents, anyway.',
      ' Not a strong opinion, though.',
      ' Worth a quick poll, maybe.',
      ' It would help the {office} office a lot.',
      ' Let’s not overthink it.',
    ],
  },
};

/** A question's answer (by a colleague): what people add after answering. */
export const ANSWER_REPLY_ADDITIONS: Additions = {
  leads: ['{op}, ', 'Hi {op}, ', '{last}, '],
  openers: ['Hi {op}! ', 'Had this last month. ', 'Easy one, {op}. '],
  tails: [
    ' Hope that helps.',
    ' Shout if it doesn’t work.',
    ' Worked for me last month.',
    ' That’s what we do in {mydept}, anyway.',
    ' Good luck!',
    ' Let us know how it goes.',
    ' Happy to show you, {op}.',
    ' At least that’s how it was in {office}.',
    ' Same for {service}, by the way.',
  ],
};

/** The asker of a question, thanking or closing the loop. */
export const ASKER_ADDITIONS: Additions = {
  openers: ['Update: ', 'Oh, nice. '],
  tails: [
    ' I’ll add it to the wiki.',
    ' Much appreciated.',
    ' You saved my afternoon.',
    ' Noted for next time.',
    ' Owe you a coffee, {last}.',
    ' {mydept} will be happy.',
    ' That was quicker than I expected.',
  ],
};

/** A post's author answering a colleague's question about it. */
export const POSTER_ADDITIONS: Additions = {
  leads: ['{last}, ', 'Good question, {last}: '],
  openers: ['Good question. ', 'Thanks for asking, {last}. '],
  tails: [' Happy to explain more.', ' I’ll add that to the post.', ' Shout if anything is unclear.', ' More in the next update.'],
};

/** Whoever a kudos post thanks, answering it. */
export const THANKED_ADDITIONS: Additions = {
  openers: ['Oh, wow. ', 'Blushing here. '],
  tails: [' Really made my day.', ' It was fun, honestly.', ' Happy to do it again.', ' Thanks for noticing, {op}.', ' The whole team deserves it.'],
};

/** The same for a post that would repeat an earlier one: a line of context before the #tags. */
export const POST_ADDITIONS: Readonly<Record<PostKind, Additions>> = {
  question: {
    emoji: false,
    leads: ['Quick question: ', 'Maybe a silly one, but ', 'Asking again: '],
    openers: ['Quick one. ', 'Help needed. '],
    tails: [
      ' Asking for the {mydept} team.',
      ' Sorry if this has come up before!',
      ' Couldn’t find it on the wiki.',
      ' Any pointers welcome.',
      ' It’s a bit urgent, sadly.',
      ' Still finding my way around here.',
      ' Happy to take it to a call.',
      ' Second time this month I’ve needed this.',
    ],
  },
  announcement: {
    emoji: false,
    openers: ['Reminder! ', 'Heads-up, everyone. ', 'For your calendars: ', 'Good morning! '],
    tails: [
      ' Please pass this on to your teams.',
      ' Reminder for anyone who missed the first post.',
      ' I’ll update this post if anything changes.',
      ' More details to follow.',
      ' Shout if this clashes with anything.',
      ' The {mydept} team is happy to help with questions.',
      ' Thanks for your patience.',
      ' Managers, please mention it in your next team meeting.',
    ],
  },
  kudos: {
    emoji: false,
    openers: ['Shout-out time! ', 'A big one today. ', 'Had to share this. '],
    tails: [' Thank you!', ' Really appreciated.', ' {mydept} owes you one.', ' You made my week.', ' Drinks on me.', ' 🙌', ' Legend.', ' Thank you, truly.'],
  },
  howto: {
    emoji: false,
    openers: ['Tip of the week. ', 'Quick tip. ', 'Sharing in case it helps. '],
    tails: [
      ' Took me a while to work this out.',
      ' Posting it here so I can find it again.',
      ' Corrections welcome.',
      ' It came up twice in {mydept} this week.',
      ' Reposting, since people keep asking.',
      ' Saves a lot of back and forth.',
      ' Tested it this morning.',
    ],
  },
  link: {
    emoji: false,
    openers: ['Worth a look. ', 'Sharing this again. ', 'From the {mydept} corner of the intranet: ', 'Good to know. '],
    tails: [
      ' A ten-minute read.',
      ' Worth it for the summary alone.',
      ' Recommended by someone in {mydept}.',
      ' Found this useful.',
      ' Skim the first page at least.',
      ' The FAQ at the end answers most questions.',
      ' Bookmark it.',
      ' Reposting for the people who joined this month.',
    ],
  },
  discussion: {
    emoji: false,
    openers: ['Genuine question. ', 'Thinking out loud. ', 'Poll-ish. '],
    tails: [
      ' No wrong answers.',
      ' Curious how other teams see it.',
      ' Just a thought.',
      ' Happy to set up a call if easier.',
      ' Asking for {mydept}, mostly.',
      ' Keen to hear from other offices.',
    ],
  },
};

/** The author of a question closing the loop after getting answers. */
export const THANKS_FOLLOW_UPS: readonly string[] = [
  'Thanks everyone, that solved it!',
  'Perfect, thank you {@last}!',
  'Thanks, all sorted now.',
  'Great, that worked. Closing the loop here.',
  'Thank you all, really helpful.',
  'That did it, thanks a lot.',
  'Sorted! Thanks for the quick answers.',
];

/** A colleague thanked in a kudos post answering the thread. */
export const KUDOS_RESPONSES: readonly string[] = [
  'Thank you, that means a lot! 😊',
  'Thanks {op}, it was a real team effort.',
  'Aw, thank you! Happy to help any time.',
  'Thanks all! Couldn’t have done it without the team.',
  'That’s very kind, {op}. Glad it helped!',
  'Thank you! It was a pleasure.',
];

/** Posts outside any community (the company-wide stream). */
export const GENERAL_TEMPLATES: readonly Template[] = [
  {
    kind: 'announcement',
    by: ['Operations'],
    text: 'The {office} office will close early at 15:00 on {date} for the building’s fire alarm test. #facilities #{office|tag}',
    answers: ['Thanks for the heads-up.', 'Does that include the car park?', 'Noted, I’ll work from home that afternoon.'],
  },
  { kind: 'kudos', text: 'Big thanks to {@} for covering for me last week at such short notice. You’re a star. #kudos #thankyou' },
  {
    kind: 'question',
    text: 'Does anyone have a good lunch recommendation near the {office} office? Visiting from {office2} next week. #lunch #{office|tag}',
    answers: [
      'The noodle place around the corner. Always a queue but worth it.',
      'The canteen on the ground floor is actually good on {weekday}s.',
      'Message me when you’re here, happy to take you!',
      'Get the soup at the market hall, two minutes’ walk.',
    ],
  },
  {
    kind: 'announcement',
    by: ['Executive Office', 'People & Culture'],
    text: 'Town hall with our CEO on {date} at 15:00 UTC. Send your questions in advance (anonymous is fine): https://forms.example.com/townhall-questions #townhall',
    answers: ['Will it be recorded?', 'Thanks, submitted a question about the hybrid policy.', 'Can we get captions on the stream this time?'],
  },
  {
    kind: 'link',
    by: ['Finance', 'Operations'],
    text: 'In case you missed it: the new travel policy is live. Main change: trains are the default for trips under 5 hours. https://intranet.example.com/policies/travel #travel #policy',
    answers: ['Finally! Much nicer way to travel.', 'Does this apply to customer visits too?', 'Good change.'],
  },
  { kind: 'discussion', text: 'Cake in the {office} kitchen for {@}’s 10-year anniversary! Come and say congrats before it’s gone. #anniversary' },
  {
    kind: 'question',
    text: 'Lost: a blue water bottle with stickers, probably in meeting room {room} in {office}. #lostandfound',
    answers: ['Reception has a lost property box, worth checking there.', 'I saw one on the windowsill in {room} this morning!'],
  },
  { kind: 'announcement', by: ['People & Culture', 'Operations'], text: 'The charity bake sale raised £{int:450-1900} for the local food bank. Thank you to every baker and every buyer! #charity' },
  {
    kind: 'announcement',
    by: ['IT'],
    text: 'The intranet will be read-only on {date} from 18:00 to 20:00 UTC while we move it to new servers. Hearth posts keep working. #intranet',
  },
  {
    kind: 'question',
    text: 'Who do I talk to about booking the big meeting room in {office} for a full-day customer workshop? #facilities #{office|tag}',
    answers: ['Facilities handle it, raise a request here: https://intranet.example.com/facilities/requests', 'Book early, it’s usually full two weeks ahead.'],
  },
];

export const COMMUNITIES: readonly CommunityContent[] = [
  {
    slug: 'engineering',
    name: 'Engineering',
    purpose: 'Share how we build, run and fix our software, and ask the people who know.',
    description: 'Architecture decisions, incident reviews, tooling tips and questions for anyone who writes or runs code. Open to everyone curious about how things work.',
    visibility: 'open',
    joinPolicy: 'open',
    postShare: 17,
    managers: { titles: ['Engineering Manager', 'Staff Engineer'] },
    membership: { Engineering: 0.95, 'Product & Design': 0.6, IT: 0.6, '*': 0.08 },
    banks: {
      service: ['billing-api', 'search-indexer', 'auth-gateway', 'notification-service', 'order-service', 'reporting-pipeline', 'customer-portal', 'mobile-backend'],
      tool: ['Kubernetes', 'Terraform', 'PostgreSQL', 'Kafka', 'TypeScript', 'Go', 'Grafana', 'Playwright', 'Redis'],
      topic: ['feature flags', 'background jobs', 'service-to-service auth', 'structured logging', 'API versioning', 'secrets management'],
    },
    templates: [
      {
        kind: 'question',
        text: 'Has anyone upgraded {service} to the new {tool} version yet? Seeing flaky tests in CI after the bump and wondering if it’s us or a known issue. #{tool|tag} #ci',
        answers: [
          'We hit the same thing last sprint. Pinning the test container image fixed it for us, see https://wiki.example.com/engineering/ci/known-issues',
          'Yes, it’s a known issue and the fix is in the next patch release. Until then, retrying the job works.',
          'Not yet, but following. We’re planning the upgrade for {service2} next sprint.',
          '{@} looked into this last week, might be worth a quick chat.',
        ],
      },
      {
        kind: 'announcement',
        by: ['Engineering'],
        text: 'Planned maintenance: {service} will be read-only on {date} between 06:00 and 07:00 UTC while we migrate its database. No action needed from your side. Runbook: https://wiki.example.com/engineering/runbooks/{service} #maintenance #{service|tag}',
        answers: ['Thanks for the heads-up.', 'Does this affect the nightly exports?', 'Noted, I’ll let the support team know.'],
      },
      {
        kind: 'kudos',
        by: ['Engineering'],
        text: 'Shout-out to {@} and {@2} for chasing down the memory leak in {service}. p99 latency is back under 200 ms and the pager has been quiet all week. #kudos #{service|tag}',
      },
      {
        kind: 'howto',
        text: 'TIL: you can reproduce the CI environment locally with `make ci-shell` in the {service} repo. Same image, same environment variables, no more "works on my machine". More tips: https://wiki.example.com/engineering/dev-setup #til #devex',
      },
      {
        kind: 'discussion',
        text: 'RFC: should we standardise on one approach to {topic}? Draft here: https://docs.example.com/rfc/{int:100-260}. Comments welcome until {date}. #rfc #architecture',
        answers: [
          '+1 from the {team} team. We’ve been doing it this way for months without issues.',
          'Left some comments in the doc. My main worry is the migration cost for {service}.',
          'Can we get someone from security to review before we decide? {@}',
          'Love this. Happy to help write the migration guide.',
        ],
      },
      {
        kind: 'question',
        text: 'Who owns {service} these days? I need a review on a small change to the retry logic: https://git.example.com/{service}/pull/{int:200-2400}',
        answers: [
          'That’s the {team} team now. {@} is the best person to ask.',
          'Reviewed, left two small comments.',
          'Ownership is listed in the service catalogue: https://wiki.example.com/engineering/service-catalog (it moved in the last reorg).',
        ],
      },
      {
        kind: 'announcement',
        by: ['Engineering'],
        text: 'The incident review for last {weekday}’s {service} outage is published: https://wiki.example.com/engineering/incidents/INC-{int:1000-1999}. Short version: an expired certificate on an internal endpoint. Action items are in Jira. Thanks to everyone who jumped on the bridge. #incident #postmortem',
        answers: [
          'Great write-up, very clear timeline.',
          ['Do we have alerting on certificate expiry now?', 'Expiry alerts are one of the action items, due by the end of the sprint.'],
          'Thanks for being so open about it.',
        ],
      },
      {
        kind: 'howto',
        text: 'How to get read access to the production dashboards in Grafana:\n1. Request the "observability-viewer" group in the IT portal.\n2. Wait for your manager’s approval (usually same day).\n3. Log in with SSO.\nFull steps: https://wiki.example.com/engineering/observability #howto #observability',
      },
      {
        kind: 'link',
        text: 'Worth a read before Thursday’s architecture guild: our notes on moving {service} to event-driven updates. https://wiki.example.com/engineering/architecture/{service}-events #architecture #{tool|tag}',
      },
      {
        kind: 'question',
        text: 'Is staging down for anyone else? {service} has been returning 502s since {time}. #staging',
        answers: [
          'Same here. Looks like a deploy is rolling out, should be back in a few minutes.',
          'Back up for me now.',
          '{@} is on call, I’ve pinged them.',
        ],
      },
      { kind: 'kudos', text: 'Congrats to the {team} team for shipping zero-downtime deploys for {service}! The first release today went out in 4 minutes with no alerts. #kudos #shipit' },
      {
        kind: 'announcement',
        by: ['Engineering'],
        text: 'Engineering all-hands on {date} at 16:00 UTC. Agenda: the roadmap for {nextquarter}, on-call changes, and demos from {team} and {team2}. The recording will be posted afterwards. #allhands',
      },
      {
        kind: 'discussion',
        text: 'How do other teams handle flaky end-to-end tests? We quarantine them with a label and fix them within the sprint, but the list keeps growing. #testing #ci',
        answers: [
          'We track the flake rate per test in a dashboard and anything above 2% gets a ticket automatically.',
          'Quarantine plus an owner per test. Without an owner nothing gets fixed.',
          'We moved most of them down to API-level tests. Far fewer flakes, faster too.',
          'Worth checking for shared test data, that was 80% of our flakes.',
        ],
      },
      {
        kind: 'question',
        newcomer: true,
        text: 'Any recommendations for a good intro course on {tool}? I’m new in the {team} team and want to get up to speed. #learning #{tool|tag}',
        answers: [
          'The learning portal has a good one: https://learn.example.com/courses/{tool|slug}-basics',
          'Pair with someone for a week, honestly the fastest way. Happy to help.',
          'Welcome! Our team’s onboarding doc has a reading list too.',
        ],
      },
      {
        kind: 'announcement',
        by: ['Engineering'],
        text: 'Reminder: the code freeze for the {quarter} release starts {date}. Please get your PRs merged before then or tag them for the next train. Release calendar: https://wiki.example.com/engineering/release-calendar #release',
      },
    ],
  },
  {
    slug: 'people-and-culture',
    name: 'People & Culture',
    purpose: 'Everything about working here: benefits, learning, wellbeing and how we treat each other.',
    description: 'News and questions about policies, benefits, learning and wellbeing. The People & Culture team reads along and answers.',
    visibility: 'open',
    joinPolicy: 'open',
    postShare: 11,
    managers: { handles: ['sam.okafor'], titles: ['HR Business Partner'] },
    membership: { 'People & Culture': 1, '*': 0.45 },
    banks: {
      learning: ['giving feedback', 'time management', 'inclusive meetings', 'presentation skills', 'managing change', 'writing clearly'],
    },
    templates: [
      {
        kind: 'announcement',
        by: ['People & Culture'],
        text: 'Open enrolment for benefits runs until {date}. This year you can add dental cover for family members, and the cycle-to-work limit has gone up. All details: https://intranet.example.com/people/benefits #benefits',
        answers: [
          ['Is there a session where we can ask questions about the pension changes?', 'Yes, there are two Q&A sessions, invites went out this morning.'],
          'Thanks, the new page is much clearer than last year’s PDF.',
          'Does the dental cover include orthodontics?',
        ],
      },
      {
        kind: 'question',
        text: 'How many days of annual leave can we carry over into next year? I couldn’t find it in the handbook. #leave #handbook',
        answers: [
          'Up to 5 days, to be used by the end of March. It’s in section 4.2: https://intranet.example.com/policies/annual-leave',
          'Worth checking with your HR business partner if you have special circumstances, they can approve more.',
          'Thanks for asking, I was wondering the same.',
        ],
      },
      {
        kind: 'announcement',
        by: ['People & Culture'],
        text: 'This month’s learning theme is {learning}. Sign up for the lunch-and-learn sessions here: https://learn.example.com/themes/{learning|slug} #learning #growth',
        answers: ['Signed up!', 'Will the sessions be recorded for other time zones?', 'Last month’s sessions were excellent, thanks for organising.'],
      },
      { kind: 'kudos', text: 'A big thank you to {@} for organising the mentoring programme again. 48 pairs this round, the most ever! #mentoring #kudos' },
      {
        kind: 'announcement',
        by: ['People & Culture'],
        text: 'The employee survey is open until {date}. It takes about 10 minutes and it’s anonymous. Last year’s results led to the no-meeting Fridays pilot, so it really does make a difference. #survey #engagement',
      },
      {
        kind: 'discussion',
        by: ['People & Culture'],
        text: 'What’s one small thing your team does that makes hybrid work better? We’re collecting ideas for the hybrid working guide. #hybridwork',
        answers: [
          'We start every Monday with a 15-minute check-in, cameras optional. Works surprisingly well.',
          'A shared team calendar with focus blocks, and everyone respects them.',
          'A "no agenda, no meeting" rule.',
          'We rotate who takes notes, and the notes are posted within the hour.',
          'In-office days are agreed per team, so the office is never half empty.',
        ],
      },
      {
        kind: 'howto',
        by: ['People & Culture'],
        text: 'How to request parental leave, step by step:\n1. Tell your manager.\n2. Submit the request in Workday at least 8 weeks ahead.\n3. Book a chat with your HR business partner about your return plan.\nPolicy: https://intranet.example.com/policies/parental-leave #parentalleave #howto',
      },
      {
        kind: 'announcement',
        by: ['People & Culture'],
        text: 'Wellbeing week starts {date}: lunchtime yoga in {office}, a session on sleep with an external coach, and our mental health first aiders hold open office hours. #wellbeing',
      },
      {
        kind: 'question',
        text: 'Is there a budget for conferences that aren’t directly related to my role? I’d like to attend a UX conference to understand our designers better. #learning #budget',
        answers: [
          'Yes, the learning budget covers it if your manager agrees it’s relevant to your development.',
          'I did exactly that last year, very much worth it.',
          'Details on the learning budget: https://intranet.example.com/people/learning-budget',
        ],
      },
      {
        kind: 'announcement',
        by: ['People & Culture', 'Legal & Compliance'],
        text: 'Our updated Code of Conduct is live. Main changes: clearer guidance on social media and a new section on respectful disagreement. Please read and acknowledge it by {date}: https://intranet.example.com/policies/code-of-conduct #policy',
      },
      { kind: 'kudos', by: ['People & Culture'], text: 'Congratulations to everyone who completed the new managers programme this quarter! {@}, {@2} and 14 others graduated on {weekday}. #leadership #learning' },
      {
        kind: 'discussion',
        text: 'The inclusion network is looking for volunteers to help plan next quarter’s events across the offices. Reply here or message {@}. #inclusion #volunteering',
        answers: ['Count me in for {office}!', 'Happy to help with the speaker series.', 'I can help with the budget side.'],
      },
    ],
  },
  {
    slug: 'sales-wins',
    name: 'Sales Wins',
    purpose: 'Celebrate closed deals and share what made them work, so the next one is easier.',
    description: 'Wins, renewals and the lessons behind them. Customer-facing teams post here; everyone is welcome to cheer.',
    visibility: 'open',
    joinPolicy: 'open',
    postShare: 12,
    managers: { titles: ['Regional Sales Manager', 'Key Account Manager'] },
    membership: { Sales: 1, 'Customer Success': 0.8, Marketing: 0.6, 'Executive Office': 0.8, '*': 0.12 },
    banks: {
      region: ['EMEA', 'DACH', 'the Nordics', 'North America', 'APAC', 'UK and Ireland', 'West Africa'],
      industry: ['retail', 'logistics', 'healthcare', 'banking', 'manufacturing', 'publishing', 'hospitality'],
    },
    templates: [
      {
        kind: 'kudos',
        by: ['Sales'],
        text: 'Closed! {customer} signed a three-year deal for {product} in {region}. Huge team effort: {@} on the demo, {@2} on the security questionnaire. #win #{product|tag}',
        answers: ['Massive! Congrats team!', 'What made the difference in the end?', 'Well deserved, that one took a long time.', '🎉 Great work {op}!'],
      },
      {
        kind: 'howto',
        by: ['Sales', 'Customer Success'],
        text: 'Lessons from the {customer} deal: get procurement involved in week one, not week ten. We lost a month waiting on vendor onboarding. Our checklist: https://wiki.example.com/sales/playbooks/procurement #playbook #lessonslearned',
      },
      {
        kind: 'question',
        by: ['Sales'],
        text: 'Does anyone have a reference customer in {industry} who’d be happy to talk to a prospect? The deal is at proposal stage. #references #{industry|tag}',
        answers: [
          '{customer2} might, they were very happy after go-live. Check with {@}.',
          'There’s a list of referenceable accounts in the CRM, filter on "reference: yes".',
          'Sent you a message with two names.',
        ],
      },
      {
        kind: 'announcement',
        by: ['Sales', 'Executive Office'],
        text: '{lastquarter} numbers: we hit {int:102-118}% of target in {region}! Thank you all for a strong finish. Full breakdown in the sales dashboard: https://reports.example.com/sales/{lastquarter|slug} #results',
        answers: ['What a quarter!', 'Proud of this team.', 'Thanks {op}, and thanks to pre-sales for all the late demos.'],
      },
      { kind: 'kudos', by: ['Sales'], text: 'First deal closed by {@} since joining the team: {customer}, {product}. Welcome to the board! #firstwin #win' },
      {
        kind: 'discussion',
        by: ['Sales'],
        text: 'What’s your best opening question on a discovery call? Mine: "What happens if you do nothing about this for another year?" #discovery #salestips',
        answers: [
          '"Who else cares about this problem?" usually reveals the real buying committee.',
          'I ask them to walk me through the last time it went wrong.',
          'Stealing this, thanks!',
        ],
      },
      {
        kind: 'link',
        by: ['Marketing', 'Sales'],
        text: 'The new competitive battlecard for {product} is up: https://wiki.example.com/sales/battlecards/{product|slug}. Thanks to product marketing for the quick turnaround. #battlecard #enablement',
      },
      { kind: 'kudos', by: ['Customer Success', 'Sales'], text: 'Renewal saved: {customer} was about to churn, {@} rebuilt the relationship over three months and they’ve just renewed and expanded. #renewal #customersuccess' },
      {
        kind: 'question',
        by: ['Sales', 'Customer Success'],
        text: 'Has anyone run a pilot with a fixed success-criteria template? {customer} wants one before signing. #pilot',
        answers: [
          'Yes, there’s a template: https://wiki.example.com/sales/templates/pilot-success-criteria',
          'Keep it to three measurable criteria at most, otherwise it drags on.',
          'We did one for {customer2} last year, happy to share what worked.',
        ],
      },
    ],
  },
  {
    slug: 'it-help',
    name: 'IT Help',
    purpose: 'Ask IT and each other about laptops, accounts and tools; someone usually knows.',
    description: 'Quick questions and answers about hardware, access, software and security. For anything urgent or personal, raise a ticket at https://servicedesk.example.com instead.',
    visibility: 'open',
    joinPolicy: 'open',
    postShare: 16,
    managers: { handles: ['ivan.petrov'], titles: ['Service Desk Analyst'] },
    membership: { IT: 1, '*': 0.6 },
    banks: {
      tool: ['VPN', 'Outlook', 'Teams', 'Zoom', 'Jira', 'Confluence', 'Workday', 'SharePoint', 'Okta'],
      os: ['Windows 11 24H2', 'macOS Sequoia', 'macOS Sonoma'],
      floor: ['2nd', '3rd', '4th', '5th'],
    },
    templates: [
      {
        kind: 'question',
        text: '{tool} keeps asking me to sign in again every hour. Anyone else? #{tool|tag} #signin',
        answers: [
          'Clear the cached credentials (Credential Manager on Windows, Keychain on a Mac) and sign in once more. That fixed it for me.',
          'Known issue since the last update, IT is on it: https://status.example.com',
          'Raise a ticket if it keeps happening: https://servicedesk.example.com/new',
        ],
      },
      {
        kind: 'question',
        newcomer: true,
        text: 'How do I get access to {tool}? I’m new in the team and it’s not in my apps list. #access #{tool|tag}',
        answers: [
          'Request it in the service desk portal under Access requests: https://servicedesk.example.com/access. Your manager approves and it usually takes a day.',
          'Your manager can also request it on your behalf.',
          'Welcome! Check the onboarding checklist too, there are a few more you’ll need.',
        ],
      },
      {
        kind: 'announcement',
        by: ['IT'],
        text: 'Laptops will get the {os} update over the next two weeks. Save your work when you see the restart prompt; it takes about 20 minutes. FAQ: https://wiki.example.com/it/updates/{os|slug} #update #laptop',
        answers: [['Can we postpone it if we’re travelling?', 'Yes, you can postpone twice from the prompt.'], 'Thanks for the warning.'],
      },
      {
        kind: 'howto',
        text: 'Tip: you can book meeting rooms with a screen in {office} straight from Outlook. Add the room as an attendee and it shows its availability. List of rooms: https://intranet.example.com/facilities/{office|slug}/rooms #tips #meetingrooms',
      },
      {
        kind: 'question',
        text: 'The printer on the {floor} floor in {office} says "offline" again. Is there another one nearby? #printing #{office|tag}',
        answers: [
          'There’s one next to the kitchen on the same floor.',
          'Logged a ticket for you, the technician is in the office on {weekday}.',
          'Use follow-me printing and you can release the job on any printer.',
        ],
      },
      {
        kind: 'announcement',
        by: ['IT'],
        text: 'Phishing alert: we’re seeing emails pretending to be from {tool} asking you to "verify your mailbox". Don’t click. Report them with the Report phishing button in Outlook. #security #phishing',
        answers: [
          'Got one of these this morning, reported.',
          'Thanks for the quick warning.',
          ['Is there a way to check if I clicked one by accident?', 'If you did click, change your password and tell the service desk right away. No blame.'],
        ],
      },
      {
        kind: 'howto',
        by: ['IT'],
        text: 'How to move multi-factor authentication to your new phone before you wipe the old one: https://wiki.example.com/it/mfa/move-device. Do it in that order or you’ll be locked out (ask me how I know). #mfa #security',
      },
      {
        kind: 'question',
        text: 'What’s the best way to share a large file (about 4 GB) with an external partner? Email obviously won’t do. #filesharing',
        answers: [
          'Use SharePoint with an external sharing link that expires. It’s approved for confidential data.',
          'Don’t use personal cloud accounts, they’re blocked and not compliant.',
          'Guide here: https://wiki.example.com/it/external-sharing',
        ],
      },
      { kind: 'announcement', by: ['IT'], text: 'Planned outage: {tool} will be unavailable on {date} from 20:00 to 22:00 UTC for an upgrade. #maintenance #{tool|tag}' },
      {
        kind: 'question',
        text: 'Can I get a second monitor for working from home? Who do I ask? #hardware #hybridwork',
        answers: [
          'Yes, order it through the equipment catalogue: https://servicedesk.example.com/catalog/monitors',
          'Your manager needs to approve it, then it’s shipped to your home address.',
          'It took about a week for me.',
        ],
      },
      { kind: 'kudos', text: 'Thanks {@} for fixing my laptop in ten minutes when I had a customer demo in twenty. Service desk heroes! #kudos #servicedesk' },
      {
        kind: 'question',
        text: 'Calls keep freezing on the office Wi-Fi in {office}. Anyone else? #wifi #{office|tag}',
        answers: [
          'Try the Corp-5G network instead of Corp, much more stable.',
          'We’ve had a few reports. The network team is replacing an access point on the 3rd floor this week.',
          'Same for me near the meeting rooms.',
        ],
      },
    ],
  },
  {
    slug: 'sustainability',
    name: 'Sustainability',
    purpose: 'Ideas and action to cut our footprint, at work and at home.',
    description: 'The green team’s home: office initiatives, volunteering, travel and energy tips. Bring an idea, we’ll help you run with it.',
    visibility: 'open',
    // On request: the demo's community manager, Sam, has requests to decide (story.ts).
    joinPolicy: 'request',
    postShare: 7,
    managers: { handles: ['sam.okafor'], titles: ['Sustainability Lead'] },
    membership: { Operations: 0.5, '*': 0.25 },
    templates: [
      {
        kind: 'announcement',
        by: ['Operations'],
        text: 'The {office} office now has separate food waste bins on every floor. Please use them, they go to a local biogas plant. #recycling #{office|tag}',
        answers: ['Great, about time!', 'Could we get the same in {office2}?', 'Thanks for making this happen.'],
      },
      {
        kind: 'discussion',
        text: 'Idea: should we switch default printing to double-sided and greyscale in all offices? {office} tried it and cut paper use by a third. #paper #ideas',
        answers: [
          'Yes please, why isn’t this the default already?',
          'Fine with me as long as we can still print in colour for customer material.',
          'Let’s bring it to facilities, {@} can help.',
        ],
      },
      {
        kind: 'announcement',
        text: 'Bike to Work week starts {date}. Log your rides in the challenge app; the team with the most kilometres wins lunch. https://intranet.example.com/sustainability/bike-week #biketowork #challenge',
        answers: ['Our team is in!', ['Does e-bike count? Asking for a friend.', 'Yes, e-bikes count.']],
      },
      { kind: 'kudos', text: 'Thank you {@} for organising the clothing swap: 230 items found a new home and the rest went to charity. #circular #kudos' },
      {
        kind: 'question',
        text: 'Does anyone know how we calculate our travel emissions? I’d like to compare train and plane for the {office} to {office2} trip. #travel #emissions',
        answers: [
          'The travel booking tool shows the estimated CO2 for each option.',
          'The methodology is here: https://intranet.example.com/sustainability/emissions-reporting',
          'The train was 90% lower for my last trip, and I could work on the way.',
        ],
      },
      {
        kind: 'link',
        by: ['Operations'],
        text: 'Our {lastyear} sustainability report is out: https://intranet.example.com/sustainability/report. Scope 2 emissions are down {int:12-30}% thanks to the renewable energy contracts. #report #netzero',
      },
      {
        kind: 'howto',
        text: 'A small habit that helps: switch off your screen and dock when you leave on a Friday. Facilities estimate it saves {int:3-8} MWh a year in {office} alone. #energy #tips',
      },
      {
        kind: 'announcement',
        by: ['Operations', 'People & Culture'],
        text: 'Tree planting day with our local partner on {date}. We have 40 spots, sign up here: https://intranet.example.com/volunteering/tree-planting #volunteering',
        answers: ['Signed up, see you there!', 'Is it OK to bring kids?', 'Counts as a volunteering day, right?'],
      },
      {
        kind: 'discussion',
        text: 'Which reusable coffee cup actually survives a dishwasher? Asking for the {office} kitchen. #reusable',
        answers: ['The steel ones with silicone lids. Glass ones didn’t last a month.', 'We bought a set for the team last year, still going strong.', 'Honestly, just bring a mug from home 😄'],
      },
    ],
  },
  {
    slug: 'new-joiners',
    name: 'New Joiners',
    purpose: 'Welcome, questions with no silly answers, and tips for your first months.',
    description: 'Say hello, ask anything, and find a buddy. Old hands: drop by and help.',
    visibility: 'open',
    joinPolicy: 'open',
    postShare: 8,
    managers: { handles: ['sam.okafor'], titles: ['People Operations Coordinator'] },
    membership: { 'People & Culture': 0.8, '*': 0.3 },
    templates: [
      {
        kind: 'announcement',
        by: ['People & Culture'],
        text: 'Welcome to everyone who started this week! 👋 Introduce yourself below: name, team, office and one thing people wouldn’t guess about you. #welcome #newjoiners',
        answers: [
          'Hi everyone, I’m {me} and I just joined {mydept}. Outside work I run a small book club, happy to add members!',
          'Hello! {me} here, {mydept}, based in {office}. I have two cats and far too many plants.',
          'Hi! I’m {me}, new in {mydept}. Fun fact: I once cycled from Lisbon to Porto.',
          'Hi all, {me} from {mydept}. I’m learning Korean and looking for people to practise with.',
          'Welcome all! Shout if you need anything, the first weeks can be a lot.',
        ],
      },
      {
        kind: 'question',
        newcomer: true,
        text: 'Where do I find the org chart? I keep meeting people and have no idea which team they’re in. #orgchart',
        answers: [
          'Click anyone’s name in Outlook or Teams; the Organisation tab shows the chart.',
          'The people directory on the intranet has it too: https://intranet.example.com/people/directory',
          'Took me months to figure that out too 😅',
        ],
      },
      {
        kind: 'howto',
        text: 'Ten things I wish I’d known in my first month: https://wiki.example.com/onboarding/first-month-tips. Written by a group of last year’s joiners. Number 4 (have a coffee with someone from every department) is my favourite. #onboarding #tips',
      },
      {
        kind: 'question',
        newcomer: true,
        text: 'Is there a list of all the acronyms people use? I’ve heard QBR, OKR and ARR three times today. #acronyms #onboarding',
        answers: [
          'There’s a glossary: https://wiki.example.com/onboarding/glossary',
          'QBR is quarterly business review, OKR objectives and key results, ARR annual recurring revenue. You’ll be using them yourself by next month!',
          'Ask in the meeting, honestly. Half the room usually doesn’t know either.',
        ],
      },
      {
        kind: 'announcement',
        by: ['People & Culture'],
        text: 'New joiner breakfast in {office} on {date} at 9:00. Meet the leadership team and other new starters. Sign up: https://intranet.example.com/events/new-joiner-breakfast #welcome #events',
      },
      {
        kind: 'question',
        newcomer: true,
        text: 'How does expense claiming work for my home office setup? I bought a chair before my start date. #expenses #newjoiners',
        answers: [
          'Submit it in the expense tool with the receipt, category "Home office". There’s a cap, check the policy: https://intranet.example.com/policies/expenses',
          'Purchases before your start date are usually fine if your manager approves.',
          'It took about two weeks to be paid for me.',
        ],
      },
      { kind: 'kudos', text: 'Thank you {@} for being such a great onboarding buddy. I felt at home in {mydept} from day one. #buddy #kudos' },
      {
        kind: 'question',
        newcomer: true,
        text: 'Which Teams channels should someone new in {mydept} join? Feeling a bit lost. #channels #onboarding',
        answers: [
          'Your manager should have a list, but the main ones are the team channel and the weekly updates channel.',
          'Also join the {office} office channel for events and cake announcements.',
          'And this community, of course!',
        ],
      },
    ],
  },
  {
    slug: 'product-launches',
    name: 'Product Launches',
    purpose: 'What’s shipping, when, and what it means for customers and for you.',
    description: 'Release announcements, launch kits and early results. Product and marketing post; customer-facing teams ask.',
    visibility: 'open',
    joinPolicy: 'open',
    postShare: 9,
    managers: { titles: ['Product Marketing Manager', 'Senior Product Manager'] },
    membership: { 'Product & Design': 1, Marketing: 0.8, Sales: 0.5, 'Customer Success': 0.5, Engineering: 0.35, '*': 0.1 },
    templates: [
      {
        kind: 'announcement',
        by: ['Product & Design', 'Marketing'],
        text: '{feature} is live for all {product} customers today! Release notes: https://docs.example.com/releases/{feature|slug}. Customer-facing teams: the FAQ and demo script are in the launch kit. #launch #{product|tag}',
        answers: [
          'Customers have been asking for this for ages, great job!',
          'Is there a short video we can send to customers?',
          'Congrats to the whole squad 🎉',
          'Already got a thank-you email from {customer} about it.',
        ],
      },
      {
        kind: 'announcement',
        by: ['Product & Design'],
        text: 'The beta of {feature} opens to 20 customers on {date}. If you have an account that would be a great fit, nominate them here: https://forms.example.com/beta-{feature|slug} #beta #{product|tag}',
        answers: ['Nominated {customer}, they asked about it last month.', ['What’s the commitment for beta customers?', 'Two feedback calls and a short survey, that’s it.']],
      },
      {
        kind: 'question',
        by: ['Sales', 'Customer Success'],
        text: 'When is {feature} coming to {product}? {customer} asked again in today’s QBR. #roadmap #{product|tag}',
        answers: [
          'It’s planned for {nextquarter}, see the roadmap: https://roadmap.example.com',
          'Please don’t commit to a date with the customer yet, the scope is still moving.',
          '{@} is the PM, best to check with them.',
        ],
      },
      {
        kind: 'howto',
        by: ['Marketing', 'Product & Design'],
        text: 'The launch kit for {feature}: one-pager, demo script, pricing FAQ and a 3-minute video, all in one place: https://wiki.example.com/product/launches/{feature|slug} #launchkit #enablement',
      },
      { kind: 'kudos', text: 'Thank you {@} and the design team for the user research behind {feature}. Twelve customer interviews in three weeks, and it shows. #research #kudos' },
      {
        kind: 'discussion',
        by: ['Product & Design'],
        text: 'Feedback wanted: we’re renaming the "{feature}" settings page. The options are in the poll: https://forms.example.com/naming-poll. It closes on {date}. #naming #feedback',
        answers: [
          'Voted! Option B reads more naturally to me.',
          'Can we test the names with a couple of customers first?',
          'Whatever we choose, let’s update the help centre on the same day.',
        ],
      },
      {
        kind: 'announcement',
        by: ['Product & Design'],
        text: 'Launch review for {feature}: adoption is at {int:18-64}% of active accounts after four weeks. Top request: more export formats. Full numbers: https://reports.example.com/product/{feature|slug} #metrics #launch',
      },
    ],
  },
  {
    slug: 'leadership-forum',
    name: 'Leadership Forum',
    purpose: 'A private space for the leadership team to prepare decisions before they are shared widely.',
    description: 'Restricted to the leadership team. Drafts, planning and sensitive topics; decisions are announced in the open communities.',
    visibility: 'restricted',
    joinPolicy: 'invite',
    postShare: 3,
    managers: { handles: ['helen.park'] },
    membership: {},
    leadersOnly: true,
    templates: [
      {
        kind: 'announcement',
        text: 'The draft {quarter} board pack is in the leadership folder: https://docs.example.com/leadership/board-pack-{quarter|slug}. Please add comments on your section by {date}. #boardpack',
        answers: ['Will do.', 'My section is updated.', 'Can we add a slide on hiring? The board asked last time.'],
      },
      {
        kind: 'discussion',
        text: 'Before we announce the office changes in {office}, let’s align on the FAQ. My draft: https://docs.example.com/leadership/{office|slug}-faq. Anything missing? #comms #{office|tag}',
        answers: [
          'Looks good. We should add a line on parking.',
          'I’d move the timeline to the top, that’s what people will ask first.',
          'Let’s brief the local managers the day before.',
        ],
      },
      {
        kind: 'question',
        text: 'Headcount planning for next year: are we still assuming flat hiring in {dept}, or do we open the two roles we paused? #headcount #planning',
        answers: [
          'I’d open one now and keep one in reserve until the {quarter} numbers are in.',
          'Finance view: flat unless the pipeline grows another 10%.',
          'Let’s take it to Thursday’s meeting.',
        ],
      },
      { kind: 'announcement', text: 'The offsite agenda is final: day one strategy, day two team effectiveness. Pre-read: https://docs.example.com/leadership/offsite-pre-read #offsite' },
      {
        kind: 'discussion',
        text: 'The engagement results for our teams are in. The biggest drop is "I understand our strategy". Proposal: every leader runs a 30-minute strategy Q&A with their team this month. Thoughts? #engagement #strategy',
        answers: [
          'Agree. I’ll do mine next week.',
          'Can we prepare a shared deck so the message is consistent?',
          'Good idea. Let’s repeat the question in a pulse survey in three months.',
        ],
      },
      { kind: 'kudos', text: 'Thank you {@} for stepping in to lead the {dept} team while the role was open. The transition has been remarkably smooth. #thanks' },
    ],
  },
  // Used only when more than eight communities are asked for.
  {
    slug: 'data-guild',
    name: 'Data Guild',
    purpose: 'For everyone who works with data: share dashboards, SQL tips and questions about our numbers.',
    description: 'Analysts, engineers and curious colleagues. Ask where a number comes from before you quote it.',
    visibility: 'open',
    joinPolicy: 'open',
    postShare: 5,
    managers: { titles: ['Data Engineer'] },
    membership: { Engineering: 0.3, Finance: 0.5, 'Product & Design': 0.4, '*': 0.08 },
    templates: [
      {
        kind: 'question',
        by: ['Finance', 'Product & Design'],
        text: 'Which table is the source of truth for active customers? The finance dashboard and the product dashboard disagree by about 3%. #metrics #data',
        answers: ['Use the certified view in the warehouse, the product dashboard counts trials too.', 'Definitions are here: https://wiki.example.com/data/metric-definitions'],
      },
      { kind: 'howto', text: 'SQL tip: use a window function instead of a self-join to get the latest row per customer. Example in https://wiki.example.com/data/sql-tips #sql #tips' },
      { kind: 'announcement', by: ['Engineering'], text: 'The warehouse will be slower on {date} while we rebuild the nightly models. Dashboards may show yesterday’s data until noon. #warehouse' },
    ],
  },
  {
    slug: 'running-club',
    name: 'Running Club',
    purpose: 'Find running buddies, share routes and sign up for charity races together.',
    description: 'All paces welcome. Lunchtime runs from most offices.',
    visibility: 'open',
    joinPolicy: 'open',
    postShare: 3,
    managers: { titles: ['Office Manager'] },
    membership: { '*': 0.12 },
    templates: [
      { kind: 'announcement', text: 'Lunchtime 5K from the {office} office on {weekday} at 12:15. Easy pace, nobody gets left behind. #running #{office|tag}', answers: ['I’m in!', 'Is there a shower in the building?'] },
      { kind: 'question', text: 'Anyone doing the charity 10K next month? We could run as a company team. #charity #running', answers: ['Yes! Count me in.', 'Only if we get matching shirts.'] },
    ],
  },
  {
    slug: 'book-club',
    name: 'Book Club',
    purpose: 'One book a month, discussed over lunch or online.',
    description: 'Fiction and non-fiction, chosen by vote. Join for one month or for all of them.',
    visibility: 'open',
    joinPolicy: 'open',
    postShare: 2,
    managers: { titles: ['Content Designer'] },
    membership: { '*': 0.1 },
    templates: [
      { kind: 'announcement', text: 'This month’s book is chosen! We meet online on {date} at 12:30. Vote for next month’s here: https://forms.example.com/book-club-vote #books', answers: ['Great choice!', 'Halfway through already.'] },
      { kind: 'discussion', text: 'What’s the best book you read this year? Looking for ideas for the holiday list. #books #recommendations', answers: ['Anything by Ursula K. Le Guin.', 'Just finished a great history of the spice trade.'] },
    ],
  },
  {
    slug: 'accessibility',
    name: 'Accessibility',
    purpose: 'Make our products, documents and offices work for everyone.',
    description: 'Tips, audits and questions about accessibility. Ask before you publish.',
    visibility: 'open',
    joinPolicy: 'open',
    postShare: 2,
    managers: { titles: ['Product Designer'] },
    membership: { 'Product & Design': 0.6, '*': 0.06 },
    templates: [
      { kind: 'howto', text: 'Before you share a slide deck: run the accessibility checker (Review > Check accessibility) and add alt text to every image. Guide: https://wiki.example.com/accessibility/documents #a11y #howto' },
      { kind: 'question', text: 'Is there a recommended minimum font size for customer-facing PDFs? #a11y #documents', answers: ['12 pt for body text, and check the contrast too.', 'The brand guidelines have a section on it.'] },
    ],
  },
];

/** The default community count: the first eight above (the last of them restricted). */
export const DEFAULT_COMMUNITIES = 8;
