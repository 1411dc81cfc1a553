/**
 * What the demo intranet's people ask the experts, and what the experts answer. Titles, bodies,
 * tags and answers use the slot syntax of content.ts (read by compose.ts), with the banks of the
 * community the question is asked in; the same slot gives the same value within one question,
 * so answers talk about the thing that was asked.
 */
import type { Additions } from './distinct.ts';

export interface QuestionTemplate {
  /** A question as someone would type it in the box (10..200 characters once filled). */
  title: string;
  /** The details below the title; may be empty. */
  body: string;
  /** Tag chips, normalized after filling (`{tool|tag}` works). */
  tags: readonly string[];
  /** Departments whose people usually answer; members of the community from them come first. */
  answeredBy: readonly string[];
  /** Departments whose people ask it; anyone (but leaders and the demo personas) when absent. */
  askedBy?: readonly string[];
  /** Answers, the most useful first: the first is usually the one that gets accepted. */
  answers: readonly string[];
}

export interface QuestionChannel {
  /** Relative share of the questions; the community's slug, or null for no community. */
  share: number;
  templates: readonly QuestionTemplate[];
}

/** Extra answers that fit any question, when a thread gets more answers than its template has. */
export const EXTRA_ANSWERS: readonly string[] = [
  'What {@last} said. If it still doesn’t work after that, raise a ticket and mention this thread.',
  'Had the same question last month; the answer above is still how it works.',
  'Adding to the answers above: the wiki page was updated last week, so the screenshots match now.',
  'We do the same in {mydept}, it works fine.',
  'One more tip: write down what you did, the next person will ask the same thing.',
  'Agree with the first answer; it’s also how it works in {mydept}.',
];

/**
 * What makes a question or an answer that would repeat an earlier one read differently
 * (distinct.ts). A title keeps its question mark at the end; nothing here mentions anyone.
 */
export const TITLE_ADDITIONS: Additions = {
  leads: ['Quick question: ', 'Newbie question: ', 'Sorry if this is obvious, but ', 'Can anyone remind me: ', 'Still unsure: '],
  openers: ['Quick one. ', 'Probably a silly question. ', 'Asking for my team. ', 'Help, please. '],
  tails: [' Anyone?', ' Any tips?', ' Does anyone know?', ' Who can help?', ' Is there a guide?', ' Has anyone done this recently?'],
  emoji: false,
};
export const BODY_ADDITIONS: Additions = {
  openers: ['Hi all! ', 'Hello everyone. ', 'Hope someone can help. ', 'Morning all. '],
  tails: [
    ' Thanks in advance!',
    ' I’m in {mydept}, in case that matters.',
    ' Couldn’t find it on the wiki.',
    ' Any pointers welcome.',
    ' Asked around in {mydept} but nobody was sure.',
    ' Not urgent, but it would help this week.',
    ' Happy to take it to a call if that’s easier.',
    ' I’m based in {office}, if that changes anything.',
    ' Sorry if this was answered before.',
  ],
};
export const ANSWER_ADDITIONS: Additions = {
  leads: ['{op}, ', 'Hi {op}, ', 'Short answer: ', 'Good question: '],
  openers: ['Hi {op}! ', 'Good question. ', 'Had the same thing last month. ', 'Been there. '],
  tails: [
    ' Hope that helps.',
    ' Shout if it doesn’t work.',
    ' That’s how we do it in {mydept}, at least.',
    ' Happy to walk you through it.',
    ' Good luck!',
    ' Let me know how it goes, {op}.',
    ' Worked for me last week.',
    ' Took me a while to find that out.',
    ' Ping me if you get stuck.',
    ' Checked it again today, still current.',
    ' It applies to {office} too.',
    ' Same for {service}, by the way.',
  ],
};

/** The demo persona Maria's own questions: one answered and accepted, one still open. */
export const PERSONA_QUESTIONS: Readonly<Record<'answered' | 'open', { community: string; template: QuestionTemplate }>> = {
  answered: {
    community: 'it-help',
    template: {
      title: 'Where do I find our latest SOC 2 report to send to a customer?',
      body: 'Woodgrove Bank’s procurement team asked for it before they renew. Is there an approved copy I can share, or does it need an NDA first?',
      tags: ['security', 'soc2', 'compliance'],
      answeredBy: ['IT'],
      answers: [
        'The current report is in the Trust Center folder: https://intranet.example.com/security/trust-center. It can only go out under an NDA, so check that one is signed in the CRM first, then share it with an expiring link, never as an attachment.',
        'If they also send a security questionnaire, the pre-approved answers are in the same folder. Saves a lot of back and forth.',
        'Legal keeps the NDA template if the customer doesn’t have one on file.',
      ],
    },
  },
  open: {
    community: 'sales-wins',
    template: {
      title: 'Is there a QBR deck template in the new brand?',
      body: 'I have a quarterly business review with Contoso Retail next week and the template I have still uses the old logo and colours. Does anyone have the updated one?',
      tags: ['qbr', 'customersuccess', 'templates'],
      answeredBy: ['Marketing', 'Customer Success'],
      answers: [],
    },
  },
};

export const QUESTION_CHANNELS: Readonly<Record<string, QuestionChannel>> = {
  '': {
    share: 9,
    templates: [
      {
        title: 'How do I submit an expense in a foreign currency?',
        body: 'I paid for a team dinner in {office} with my personal card. Do I convert it myself or does the tool do it?',
        tags: ['expenses', 'travel'],
        answeredBy: ['Finance'],
        answers: [
          'Enter the amount in the original currency and attach the receipt; the expense tool converts it at the rate of the transaction date. Don’t convert it yourself. Policy: https://intranet.example.com/policies/expenses',
          'If your card charged a conversion fee, add it as a separate line with the bank statement.',
          'Team dinners need the attendees listed in the description, otherwise it gets sent back.',
        ],
      },
      {
        title: 'Who approves purchase orders above 10,000?',
        body: 'We need a new licence for a design tool and the quote is just over the limit. Who signs it off after my manager?',
        tags: ['procurement', 'finance'],
        answeredBy: ['Finance'],
        answers: [
          'Above 10k the budget owner approves, then procurement checks the supplier. It’s all in the purchasing tool: https://intranet.example.com/finance/purchasing',
          'Add the security review for any software purchase, procurement will ask for it anyway.',
          'Usually takes about a week end to end if the supplier is already registered.',
        ],
      },
      {
        title: 'What is the daily allowance for a business trip to {office}?',
        body: 'First trip there for a customer workshop. Are meals covered per receipt or is there a per diem?',
        tags: ['travel', 'expenses'],
        answeredBy: ['Finance', 'Operations'],
        answers: [
          'It’s a per diem by country, listed in the travel policy: https://intranet.example.com/policies/travel. No receipts needed for meals then, only for the hotel.',
          'Book the hotel through the travel tool and it’s paid directly, so you only claim the per diem.',
        ],
      },
      {
        title: 'How do I book a desk in the {office} office for next week?',
        body: '',
        tags: ['facilities', 'hybridwork'],
        answeredBy: ['Operations'],
        answers: [
          'Through the desk booking app, pick {office} and the floor. You can book up to two weeks ahead: https://intranet.example.com/facilities/desk-booking',
          'Visitors from other offices get a guest badge from reception, bring your laptop badge as ID.',
        ],
      },
    ],
  },
  engineering: {
    share: 17,
    templates: [
      {
        title: 'How do I get access to the staging cluster?',
        body: 'I joined the {team} team this week and need kubectl access to staging to debug {service}. Which group do I request?',
        tags: ['kubernetes', 'staging', 'access'],
        answeredBy: ['Engineering'],
        answers: [
          'Request the "k8s-staging-developers" group in the IT portal (Access requests). Once approved, run `make kubeconfig` in the platform repo and log in with SSO. Steps: https://wiki.example.com/engineering/kubernetes/access',
          'Your team lead can approve it, so ping them after you request it and it’s usually done in an hour.',
          'If `kubectl get pods` says forbidden after that, log out and in again: the group is only read at login.',
          'Also ask for read access to the staging Grafana, you’ll want the logs next to it.',
        ],
      },
      {
        title: 'What is the recommended way to run database migrations for {service}?',
        body: 'Do we run them from CI before the deploy or from the app at start-up? I’ve seen both in different repos.',
        tags: ['postgresql', 'migrations', 'ci'],
        answeredBy: ['Engineering'],
        answers: [
          'From CI, as a separate job before the deploy, and always backwards compatible (expand, deploy, contract). Running them at start-up breaks as soon as there are two replicas. Guide: https://wiki.example.com/engineering/databases/migrations',
          'For big tables, create indexes CONCURRENTLY in their own migration, otherwise you lock writes.',
          'The {team} team has a good example pipeline you can copy.',
        ],
      },
      {
        title: 'How do we rotate secrets for {service} without downtime?',
        body: 'The database password for {service} is due for rotation. Is there a runbook?',
        tags: ['secrets', 'security', 'kubernetes'],
        answeredBy: ['Engineering'],
        answers: [
          'Use two credentials: create the new one, roll the deployment so it reads it from the vault, then revoke the old one. Runbook: https://wiki.example.com/engineering/runbooks/secret-rotation',
          'The vault agent picks up the new secret without a restart if the app reads it from the mounted file.',
          'Tell the on-call before you start, just in case.',
        ],
      },
      {
        title: 'Why is the CI pipeline for {service} so slow?',
        body: 'A small change takes 25 minutes to get through CI. Most of it seems to be the integration tests. Any tips?',
        tags: ['ci', 'testing'],
        answeredBy: ['Engineering'],
        answers: [
          'Turn on the dependency cache and split the integration tests into shards; we went from 25 to 8 minutes. Example config: https://wiki.example.com/engineering/ci/faster-pipelines',
          'Check whether the test database is created per test. One per shard is enough.',
          'The CI dashboard shows the slowest steps per repo, worth a look before changing anything.',
        ],
      },
      {
        title: 'Terraform state is locked after a failed apply. How do I release it?',
        body: 'An apply for {service} failed halfway and now every plan says the state is locked.',
        tags: ['terraform', 'infrastructure'],
        answeredBy: ['Engineering'],
        answers: [
          'Check nobody else is applying first, then `terraform force-unlock <lock id>` with the id from the error. And run a plan straight after to see what half-applied.',
          'If it keeps happening, the pipeline probably gets killed on timeout. Raise the job timeout.',
        ],
      },
      {
        title: 'What Kafka consumer lag is normal for {service}?',
        body: 'We get lag alerts a few times a day and they clear on their own. Should we raise the threshold?',
        tags: ['kafka', 'observability'],
        answeredBy: ['Engineering'],
        answers: [
          'Alert on lag in time, not in messages: a few thousand messages is nothing at peak. We alert when the oldest unprocessed message is older than five minutes.',
          'Short spikes after deploys are normal while the consumer group rebalances.',
          'The Grafana Kafka dashboard has lag in seconds per consumer group.',
        ],
      },
      {
        title: 'How do I add a Grafana dashboard for my service?',
        body: '',
        tags: ['grafana', 'observability'],
        answeredBy: ['Engineering'],
        answers: [
          'Dashboards are code: add a JSON file to the dashboards repo and it’s deployed on merge. Start from the service template: https://wiki.example.com/engineering/observability/dashboards',
          'Use the standard RED panels (rate, errors, duration) first, then add your own.',
        ],
      },
      {
        title: 'Which feature flag library should we use in TypeScript services?',
        body: 'We are starting a new service and want to do {topic} properly from day one.',
        tags: ['typescript', 'featureflags'],
        answeredBy: ['Engineering'],
        answers: [
          'Use the internal flags package, it wraps the flag service and has a test double. Docs: https://wiki.example.com/engineering/feature-flags',
          'Clean up flags after the rollout, we had 300 stale ones last year.',
          'Please don’t roll your own, we are still migrating the last one away.',
        ],
      },
      {
        title: 'Is there a shared Redis we can use for caching, or do we run our own?',
        body: '',
        tags: ['redis', 'infrastructure'],
        answeredBy: ['Engineering'],
        answers: [
          'There’s a managed Redis per environment; request a database number from the platform team. Running your own is discouraged.',
          'Set a TTL on every key, the shared one evicts without warning when it’s full.',
        ],
      },
    ],
  },
  'it-help': {
    share: 17,
    templates: [
      {
        title: 'How do I set up the VPN on a new laptop?',
        body: 'Got my new laptop today and the VPN client isn’t installed. Can I install it myself?',
        tags: ['vpn', 'laptop'],
        answeredBy: ['IT'],
        answers: [
          'Install it from the Company Portal (Software Center on Windows, Self Service on a Mac), then sign in with your usual account and approve the MFA prompt. Guide: https://wiki.example.com/it/vpn',
          'It can take an hour after the first login before the Company Portal shows everything.',
          'If it says "certificate not found", restart once, the certificate is pushed at start-up.',
        ],
      },
      {
        title: 'How do I add a shared mailbox in Outlook?',
        body: 'I was given access to the {office} team mailbox but it doesn’t show up.',
        tags: ['outlook', 'email'],
        answeredBy: ['IT'],
        answers: [
          'It appears by itself within a few hours once access is granted. If not: File > Account settings > Change > More settings > Advanced > Add, and type the mailbox name.',
          'In Outlook on the web: right-click Folders > Add shared folder.',
          'Restarting Outlook helps, it only reads the permissions at start-up.',
        ],
      },
      {
        title: 'I lost my phone. How do I reset MFA?',
        body: 'I can still log in on my laptop today but not on anything new.',
        tags: ['mfa', 'security'],
        answeredBy: ['IT'],
        answers: [
          'Call the service desk, they verify who you are and reset MFA so you can register the new phone. Do it now while your laptop session still works: https://servicedesk.example.com',
          'And report the lost phone as a security incident, it takes two minutes and they can wipe company data from it.',
          'Next time, register a second method (a hardware key is best).',
        ],
      },
      {
        title: 'How do I get a guest Wi-Fi code for a visitor in {office}?',
        body: 'A customer is coming in on {weekday} and will need internet for a demo.',
        tags: ['wifi', 'visitors'],
        answeredBy: ['IT', 'Operations'],
        answers: [
          'Register the visitor in the visitor system and they get a Wi-Fi code by email with their badge. Reception can also print one on the day.',
          'For a demo, book a room with a wired connection too, the guest network is throttled.',
        ],
      },
      {
        title: 'Can I install software that isn’t in the Company Portal?',
        body: 'I need a diagram tool for a customer project and it’s not in the list.',
        tags: ['software', 'security'],
        answeredBy: ['IT'],
        answers: [
          'Request it through the service desk (Software request). Security reviews it, and if approved it gets added to the portal for everyone. https://servicedesk.example.com/catalog/software',
          'Check the approved alternatives first, there may already be a licensed tool that does it.',
          'Free tools need the review too, mostly because of where they store the data.',
        ],
      },
      {
        title: 'How do I share a Teams meeting recording with external guests?',
        body: '',
        tags: ['teams', 'filesharing'],
        answeredBy: ['IT'],
        answers: [
          'Recordings are saved in the organiser’s OneDrive; open it there and share a link to specific people with an expiry date. External sharing is allowed for recordings.',
          'Trim the recording first if the first minutes were internal chat.',
        ],
      },
      {
        title: '{tool} says my account is locked. What do I do?',
        body: 'Happened after I changed my password this morning.',
        tags: ['{tool|tag}', 'access'],
        answeredBy: ['IT'],
        answers: [
          'Your phone or tablet is probably still trying the old password and locks the account again. Update it everywhere (mail app first), then the lock clears after 15 minutes.',
          'The service desk can unlock it straight away if you can’t wait.',
          'Same happened to me, it was the old password saved in the browser.',
        ],
      },
    ],
  },
  'people-and-culture': {
    share: 11,
    templates: [
      {
        title: 'How do I book parental leave in Workday?',
        body: 'Our baby is due in {int:3-6} months. What is the order of things?',
        tags: ['parentalleave', 'workday'],
        answeredBy: ['People & Culture'],
        answers: [
          'Tell your manager first, then submit the leave in Workday (Time Off > Parental leave) at least 8 weeks ahead and book a chat with your HR business partner. Policy: https://intranet.example.com/policies/parental-leave',
          'Congratulations! The parents’ network has a good checklist too.',
          'You can split the leave into blocks, that’s in the policy as well.',
        ],
      },
      {
        title: 'Is there a budget for home office equipment?',
        body: 'I work from home three days a week and my chair is not great.',
        tags: ['hybridwork', 'expenses'],
        answeredBy: ['People & Culture', 'Finance'],
        answers: [
          'Yes, a one-off home office allowance; claim it in the expense tool under "Home office" with the receipt. The cap is in the hybrid work policy: https://intranet.example.com/policies/hybrid-work',
          'Monitors and keyboards come from IT’s catalogue instead, so you don’t spend the allowance on those.',
        ],
      },
      {
        title: 'Does the learning budget cover certification exams?',
        body: 'I’d like to take a cloud certification this year.',
        tags: ['learning', 'budget'],
        answeredBy: ['People & Culture'],
        answers: [
          'Yes, exams and the prep course count, agreed with your manager as part of your development plan. Details: https://intranet.example.com/people/learning-budget',
          'The learning portal has free prep material for the common certifications too.',
          'I did one last year, the budget also covered the retake.',
        ],
      },
      {
        title: 'Who do I talk to about a flexible working request?',
        body: 'I’d like to move to a four-day week for a while.',
        tags: ['flexibleworking', 'policy'],
        answeredBy: ['People & Culture'],
        answers: [
          'Start with your manager, then your HR business partner helps with the formal request. The process and timelines are here: https://intranet.example.com/policies/flexible-working',
          'It helps to suggest how your work will be covered on the fifth day.',
        ],
      },
    ],
  },
  'sales-wins': {
    share: 6,
    templates: [
      {
        title: 'Where are the approved answers for security questionnaires?',
        body: '{customer} sent a 200-question security questionnaire. Surely we don’t start from scratch?',
        tags: ['security', 'salestools'],
        answeredBy: ['Sales', 'Customer Success'],
        answers: [
          'There is an answer library in the sales wiki, searchable by question: https://wiki.example.com/sales/security-answers. Anything not in it goes to the security team with the deal id.',
          'Ask the sales engineer on the account, they have done dozens of these.',
          'Budget a week for it, legal checks the contractual bits.',
        ],
      },
      {
        title: 'What discount can I offer without deal desk approval?',
        body: '',
        tags: ['pricing', 'dealdesk'],
        answeredBy: ['Sales'],
        answers: [
          'Up to 10% on list for new business, nothing on renewals without approval. Everything above goes through the deal desk form: https://wiki.example.com/sales/deal-desk',
          'Multi-year deals have their own table, check it before you offer anything.',
        ],
      },
      {
        title: 'Does anyone have a reference customer in {industry} for {product}?',
        body: 'A prospect wants to talk to someone who has used it for a year.',
        tags: ['references', '{product|tag}'],
        answeredBy: ['Sales', 'Customer Success'],
        answers: [
          'Filter the CRM accounts on "reference: yes" and the industry. Always ask the account owner before you give a name out.',
          '{customer2} has done two reference calls for us this year and were great.',
        ],
      },
    ],
  },
  'product-launches': {
    share: 5,
    templates: [
      {
        title: 'When is {feature} coming to {product}?',
        body: '{customer} asked again in their QBR and I’d like to give them something better than "soon".',
        tags: ['roadmap', '{product|tag}'],
        answeredBy: ['Product & Design'],
        answers: [
          'It’s planned for {nextquarter}; the public roadmap has the latest: https://roadmap.example.com. Please don’t promise a date before the beta starts.',
          'If they want to be in the beta, nominate them through the beta form.',
          'The PM is happy to join a customer call if it helps the deal.',
        ],
      },
      {
        title: 'Is there a demo environment with {feature} switched on?',
        body: '',
        tags: ['demo', '{product|tag}'],
        answeredBy: ['Product & Design', 'Sales'],
        answers: [
          'Yes, the shared demo tenant has it on; credentials are in the launch kit: https://wiki.example.com/product/launches/demo-tenant',
          'Reset the demo data before a customer call, people leave test dashboards everywhere.',
        ],
      },
    ],
  },
  'new-joiners': {
    share: 6,
    templates: [
      {
        title: 'How do I get a building badge for the {office} office?',
        body: 'I started on Monday and I’m still using a visitor badge.',
        tags: ['facilities', 'onboarding'],
        answeredBy: ['Operations', 'People & Culture'],
        answers: [
          'Reception issues badges; bring photo ID and they print it in five minutes. Your manager needs to have submitted the access request first: https://intranet.example.com/facilities/badges',
          'Welcome! The badge also works in the other offices once it’s set up.',
        ],
      },
      {
        title: 'Where can I find the public holiday calendar for {office}?',
        body: '',
        tags: ['holidays', 'onboarding'],
        answeredBy: ['People & Culture'],
        answers: [
          'It’s in Workday under Time Off > Holiday calendar, and on the office’s intranet page.',
          'Each office has its own, so check the right one before booking trips.',
        ],
      },
      {
        title: 'How do I set up my payslip and bank details?',
        body: 'First pay day is coming and I’m not sure my bank details were entered.',
        tags: ['payroll', 'workday'],
        answeredBy: ['People & Culture', 'Finance'],
        answers: [
          'In Workday: Pay > Payment elections. Check it before the 15th, that is when payroll closes. Payslips appear under Pay > Payslips.',
          'Payroll can confirm by email if you’re unsure, they are quick.',
        ],
      },
    ],
  },
  sustainability: {
    share: 2,
    templates: [
      {
        title: 'How do I join the cycle-to-work scheme?',
        body: '',
        tags: ['biketowork', 'benefits'],
        answeredBy: ['Operations', 'People & Culture'],
        answers: [
          'Apply through the benefits portal during the open window; the bike is paid from your gross salary over 12 months. https://intranet.example.com/people/benefits/cycle-to-work',
          'The {office} office has secure bike parking, ask reception for a badge upgrade.',
        ],
      },
    ],
  },
  'leadership-forum': {
    share: 1.5,
    templates: [
      {
        title: 'What is the process for an off-cycle salary review?',
        body: 'One of my team leads has a competing offer.',
        tags: ['compensation', 'retention'],
        answeredBy: ['People & Culture', 'Finance', 'Executive Office'],
        answers: [
          'Talk to your HR business partner first; off-cycle changes need the department head and finance to agree, usually within a week. Bring market data, they will ask for it.',
          'Consider what else matters to them besides pay, the answer is often scope.',
        ],
      },
    ],
  },
};
