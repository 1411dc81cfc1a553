/**
 * What the configurator knows about each widget: its attributes, how an editor sets each one and
 * the widget's own defaults. The form, the preview and both snippets are all built from this one
 * table, so a new widget or attribute is one entry here (and one in the server's embed list,
 * server/src/http/embed.ts, for the iframe).
 *
 * The attributes themselves are the widgets' (their JSDoc, in custom-elements.json). `npm test`
 * (the `manifest` suite, scripts/manifest-check.mjs) holds this table to that manifest: each
 * option is a public attribute of its widget, of the same kind (boolean, number, literal
 * choices) and default, accepted by /embed; each public attribute is offered or in NOT_OFFERED.
 * A test rather than a table generated from the manifest: the labels, hints, kinds and choices
 * here are the editor's words and are not in the manifest, so generating would still leave this
 * table to write by hand, and would make the build (and the server, for /embed) depend on a
 * generated, git-ignored file.
 */

/** How an option is edited. */
export type OptionKind =
  /** A community's slug: a select filled from the API, free text when the list is unavailable. */
  | 'community'
  /** One tag: text with suggestions from the API. */
  | 'tag'
  /** Several tags, comma-separated, with suggestions from the API. */
  | 'tags'
  | 'text'
  /** A whole number between `min` and `max`. */
  | 'number'
  /** One of `choices`, as a select. */
  | 'choice'
  /** A boolean attribute: present or absent. */
  | 'boolean'
  /** Any of `choices`, as checkboxes, written space-separated (`show="members recent"`). */
  | 'set';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface WidgetOption {
  /** The attribute, exactly as the element (and the iframe's query) spells it. */
  readonly attribute: string;
  readonly label: string;
  /** One sentence under the control. */
  readonly hint?: string;
  readonly kind: OptionKind;
  /** The widget's own default: a value equal to it is left out of the snippets. */
  readonly default?: string;
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly Choice[];
  readonly placeholder?: string;
  /** What the empty choice of a community select says. */
  readonly emptyLabel?: string;
  /** The widget shows nothing useful without it: the preview waits for it. */
  readonly required?: boolean;
}

export interface WidgetSpec {
  /** The name in `/embed/<name>` and in `hearth-<name>`. */
  readonly name: string;
  readonly tag: `hearth-${string}`;
  readonly label: string;
  /** One line under the widget's name in the picker. */
  readonly description: string;
  readonly options: readonly WidgetOption[];
  /** What the configurator starts with, besides the defaults (a feed with a composer, say). */
  readonly initial?: Readonly<Record<string, string>>;
  /**
   * The iframe's height in px when no script on the host may size it (SharePoint's Embed web
   * part runs none); `embed-resize.js`, where it can run, replaces it with the widget's height.
   */
  readonly frameHeight: number;
}

const community = (emptyLabel: string, extra: Partial<WidgetOption> = {}): WidgetOption => ({
  attribute: 'community',
  label: 'Community',
  kind: 'community',
  emptyLabel,
  placeholder: 'engineering',
  ...extra,
});

export const WIDGETS: readonly WidgetSpec[] = [
  {
    name: 'feed',
    frameHeight: 720,
    tag: 'hearth-feed',
    label: 'Feed',
    description: 'Posts of a community, a tag or a person, with replies and likes.',
    initial: { compose: 'true' },
    options: [
      community('All communities'),
      { attribute: 'tag', label: 'Tag', kind: 'tag', placeholder: 'onboarding', hint: 'Only posts with this tag. Without one, the feed follows the tag chosen on the page.' },
      { attribute: 'author', label: 'Author', kind: 'text', placeholder: 'maria.lopez', hint: 'Only posts by this person: their handle.' },
      { attribute: 'page-size', label: 'Posts per page', kind: 'number', min: 1, max: 50, default: '20' },
      { attribute: 'compose', label: 'Show the box to write a post', kind: 'boolean', default: 'false' },
      {
        attribute: 'scope',
        label: 'Show first',
        kind: 'choice',
        default: 'all',
        choices: [
          { value: 'all', label: 'All posts' },
          { value: 'following', label: 'What the reader follows' },
        ],
      },
      { attribute: 'sync-url', label: 'Keep the tag filter in the page’s address', kind: 'boolean', default: 'false' },
      {
        attribute: 'live',
        label: 'New posts from colleagues',
        kind: 'choice',
        default: 'on',
        choices: [
          { value: 'on', label: 'Offer them as they are written' },
          { value: 'off', label: 'Show them only after a reload' },
        ],
      },
      {
        attribute: 'href-template',
        label: 'Link each post to',
        kind: 'text',
        placeholder: '/social?post={id}',
        hint: '{id}, {kind} (post or reply) and {parentId} (a reply’s post) are filled in; on that page the feed opens the post its URL names. Empty: Hearth’s own page for the post.',
      },
    ],
  },
  {
    name: 'tag-cloud',
    frameHeight: 360,
    tag: 'hearth-tag-cloud',
    label: 'Tag cloud',
    description: 'The most used tags, as a cloud or a ranked list.',
    options: [
      community('The whole intranet'),
      {
        attribute: 'days',
        label: 'Time window',
        kind: 'choice',
        default: '30',
        choices: [
          { value: '7', label: 'Last 7 days' },
          { value: '30', label: 'Last 30 days' },
          { value: '90', label: 'Last 90 days' },
          { value: 'all', label: 'All time' },
        ],
      },
      { attribute: 'max', label: 'Tags at most', kind: 'number', min: 1, max: 100, default: '30' },
      {
        attribute: 'variant',
        label: 'Look',
        kind: 'choice',
        default: 'cloud',
        choices: [
          { value: 'cloud', label: 'Cloud (size shows use)' },
          { value: 'list', label: 'Ranked list with bars' },
        ],
      },
      {
        attribute: 'href-template',
        label: 'Link each tag to',
        kind: 'text',
        placeholder: '/search?tag={tag}',
        hint: '{tag} is replaced by the tag. Empty: choosing a tag filters the feeds on the page.',
      },
    ],
  },
  {
    name: 'community-card',
    frameHeight: 380,
    tag: 'hearth-community-card',
    label: 'Community card',
    description: 'A community at a glance: purpose, members, activity, join.',
    options: [
      community('Choose a community', { hint: 'The card shows one community.', required: true }),
      {
        attribute: 'show',
        label: 'Sections',
        kind: 'set',
        default: 'members activity recent',
        choices: [
          { value: 'members', label: 'Members' },
          { value: 'activity', label: 'Activity' },
          { value: 'recent', label: 'Latest posts' },
        ],
      },
      { attribute: 'compact', label: 'Compact (one row, for a narrow sidebar)', kind: 'boolean', default: 'false', hint: 'A compact card leaves the sections out.' },
      {
        attribute: 'directory',
        label: 'Directory (every community, most active first)',
        kind: 'boolean',
        default: 'false',
        hint: 'Lists the communities instead of one, with joining, and New community for admins; any community is shown then.',
      },
    ],
  },
  {
    name: 'ask-expert',
    frameHeight: 720,
    tag: 'hearth-ask-expert',
    label: 'Ask an expert',
    description: 'Ask a question, see similar ones and who knows the topic.',
    options: [
      { attribute: 'tags', label: 'Topics (tags)', kind: 'tags', placeholder: 'kubernetes, helm', hint: 'Comma-separated, up to 5.' },
      community('Any community'),
      {
        attribute: 'view',
        label: 'Starts on',
        kind: 'choice',
        default: 'ask',
        choices: [
          { value: 'ask', label: 'Ask a question' },
          { value: 'mine', label: 'My questions' },
          { value: 'for-me', label: 'For me to answer' },
          { value: 'questions', label: 'Questions' },
          { value: 'experts', label: 'Experts' },
        ],
      },
      {
        attribute: 'href-template',
        label: 'Link each question to',
        kind: 'text',
        placeholder: '/help?question={id}',
        hint: '{id}, {kind} (question or answer) and {parentId} (an answer’s question) are filled in; on that page the widget opens the question its URL names. Empty: questions open in place.',
      },
    ],
  },
  {
    name: 'moderation',
    frameHeight: 720,
    tag: 'hearth-moderation',
    label: 'Moderation',
    description: 'For community managers and admins: review reported content, hide, restore, dismiss.',
    options: [
      community('Every community the person moderates', {
        hint: 'On a community’s own page, only its reports. Only managers and admins see a queue; others are told they do not moderate.',
      }),
    ],
  },
  {
    name: 'notifications',
    frameHeight: 560,
    tag: 'hearth-notifications',
    label: 'Notifications',
    description: 'The signed-in person’s notifications: a bell with the unread count for a header, or the list in a column.',
    initial: { variant: 'inline' },
    options: [
      {
        attribute: 'variant',
        label: 'Look',
        kind: 'choice',
        default: 'bell',
        choices: [
          { value: 'bell', label: 'A bell that opens the list (for a header)' },
          { value: 'inline', label: 'The list itself (for a side column)' },
        ],
      },
      {
        attribute: 'href-template',
        label: 'Open each notification at',
        kind: 'text',
        placeholder: '/social?{kind}={id}',
        hint: '{id}, {kind} (post, reply, question, answer, community), {parentId} and {community} are filled in. Empty: Hearth’s own pages.',
      },
      {
        attribute: 'live',
        label: 'Unread count',
        kind: 'choice',
        default: 'on',
        choices: [
          { value: 'on', label: 'Live, as notifications arrive' },
          { value: 'off', label: 'Checked every minute' },
        ],
      },
    ],
  },
  {
    name: 'search',
    frameHeight: 640,
    tag: 'hearth-search',
    label: 'Search',
    description: 'One box over posts, questions, people, communities and tags: a compact box for a header, or a search page.',
    initial: {},
    options: [
      {
        attribute: 'variant',
        label: 'Look',
        kind: 'choice',
        default: 'body',
        choices: [
          { value: 'body', label: 'A search page: the box, filters and results' },
          { value: 'compact', label: 'A box for a header that opens the results below it' },
        ],
      },
      {
        attribute: 'sync-url',
        label: 'Keep the search in the page’s address',
        kind: 'boolean',
        default: 'false',
        hint: 'The search can be shared as a link, and Back returns to the previous search.',
      },
      {
        attribute: 'post-href-template',
        label: 'Open a post at',
        kind: 'text',
        placeholder: '/social?post={id}',
        hint: '{id} is filled in. Empty: Hearth’s own page of the post.',
      },
      {
        attribute: 'question-href-template',
        label: 'Open a question at',
        kind: 'text',
        placeholder: '/ask?question={id}',
        hint: '{id} is filled in. Empty: Hearth’s own page of the question.',
      },
      {
        attribute: 'person-href-template',
        label: 'Open a person at',
        kind: 'text',
        placeholder: '/people/{handle}',
        hint: '{handle} is filled in. Empty: the person’s posts on Hearth.',
      },
      {
        attribute: 'community-href-template',
        label: 'Open a community at',
        kind: 'text',
        placeholder: '/communities/{slug}',
        hint: '{slug} is filled in. Empty: Hearth’s own page of the community.',
      },
      {
        attribute: 'tag-href-template',
        label: 'Open a tag at',
        kind: 'text',
        placeholder: '/social?tag={tag}',
        hint: '{tag} is filled in. Empty: the tag’s posts on Hearth.',
      },
    ],
  },
  {
    name: 'person',
    frameHeight: 640,
    tag: 'hearth-person',
    label: 'Person card',
    description: 'A colleague at a glance: what they know and why, their communities and recent work; Follow and Ask.',
    options: [
      { attribute: 'handle', label: 'Person', kind: 'text', placeholder: 'maria.lopez', hint: 'Their handle. On their own card a person edits their skills and marks themselves away.', required: true },
      { attribute: 'compact', label: 'Compact', kind: 'boolean', default: 'false', hint: 'Who they are, their top skills, Follow and Ask: the hover card’s size.' },
      {
        attribute: 'ask-href-template',
        label: '“Ask” opens',
        kind: 'text',
        placeholder: '/ask?expert={handle}',
        hint: '{handle} is filled in. Empty: the Ask box on the same page, else Hearth’s own.',
      },
      {
        attribute: 'post-href-template',
        label: 'Open a post at',
        kind: 'text',
        placeholder: '/social?post={id}',
        hint: '{id} is filled in. Empty: Hearth’s own page of the post.',
      },
      {
        attribute: 'question-href-template',
        label: 'Open an answer at',
        kind: 'text',
        placeholder: '/ask?{kind}={id}',
        hint: '{id} (the answer), {kind} and {parentId} (its question) are filled in. Empty: Hearth’s own page of the question.',
      },
    ],
  },
  {
    name: 'adoption',
    frameHeight: 900,
    tag: 'hearth-adoption',
    label: 'Adoption',
    description: 'For admins and community managers: adoption figures against targets, 12-week trends, breakdowns, inactive communities.',
    options: [
      community('The company (admins) or every community the person manages', {
        hint: 'On a community’s own page, only its figures. Only admins and community managers see figures; others are told they are not for them.',
      }),
      { attribute: 'weeks', label: 'Weeks of trends', kind: 'number', min: 1, max: 52, default: '12' },
    ],
  },
];

/** Options every widget has. */
export const COMMON_OPTIONS: readonly WidgetOption[] = [
  {
    attribute: 'theme',
    label: 'Colours',
    kind: 'choice',
    default: 'auto',
    choices: [
      { value: 'auto', label: 'Follow the page (auto)' },
      { value: 'light', label: 'Light' },
      { value: 'dark', label: 'Dark' },
    ],
  },
  {
    attribute: 'lang',
    label: 'Language',
    kind: 'choice',
    default: '',
    choices: [
      { value: '', label: 'The page’s language' },
      { value: 'en', label: 'English' },
      { value: 'fr', label: 'Français' },
      { value: 'de', label: 'Deutsch' },
      { value: 'es', label: 'Español' },
    ],
  },
];

/**
 * Public attributes of the widgets that the configurator does not offer, and why. Anything a
 * widget publishes is either an option above or here (`npm test` checks both ways).
 */
export const NOT_OFFERED: Readonly<Record<string, string>> = {
  api: 'set by the page (its <hearth-config> or where hearth.js came from), not per widget; the snippets load the script from the Hearth origin',
  'token-url': 'the page’s sign-in, not a widget’s set-up: asked once, and written into <hearth-config token-url> and the iframe’s query',
  debounce: 'a tuning of the similar-questions lookup (milliseconds after a keystroke) whose default suits every page, not a set-up choice',
  post: 'one post on its own is what a permalink shows (Hearth’s /embed/post/{id}, or the page’s URL with the feed’s href-template), not a page’s set-up',
  reply: 'the reply a permalink highlights, with post',
  question: 'one question on its own is what a permalink shows (Hearth’s /embed/question/{id}), not a page’s set-up',
  answer: 'the answer a permalink scrolls to, with question',
};

export function widgetNamed(name: string): WidgetSpec {
  return WIDGETS.find((w) => w.name === name) ?? WIDGETS[0]!;
}
