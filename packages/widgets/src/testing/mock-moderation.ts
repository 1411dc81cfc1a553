/**
 * The mock API's moderation and audit endpoints (a plugin of testing/mock-api.ts), following the
 * server's rules: admins moderate everything, community managers the communities they manage
 * (`manages`, by default every community), anyone else gets 403; content in a community someone
 * does not moderate is a 404, like content that does not exist. Hiding needs a reason (400
 * naming `reason`); only hidden content is restored, only open reports are dismissed (409). The
 * watch list and the audit trail are the admins' (403 for others); a pattern is 2 to 100
 * characters and a regular expression must compile and not nest repetitions (400 naming
 * `pattern`); the same one twice is a 409. The queue is newest first (when an item was opened),
 * whatever its status. Every decision and watch-list change is recorded in
 * the audit trail, newest first, which `GET /audit.csv` sends as a CSV attachment.
 *
 * Seed with `new MockApi({ me: tom, data: { moderation: sampleModeration() } })`. Import this
 * file for its side effect: it registers the plugin.
 */
import type {
  AuditAction, AuditEntry, AuditPage, CommunitySummary, ContentKind, Me, ModerationItem, ModerationQueue, ModerationStatus,
  PersonSummary, WatchKeyword,
} from '@hearth/contracts';
import { type MockApi, addMockPlugin, json, problem, samplePeople } from './mock-api.ts';

export interface MockModerationData {
  /** The queue in every status, any order. */
  items?: ModerationItem[];
  keywords?: WatchKeyword[];
  /** The audit trail, any order (it is answered newest first). */
  audit?: AuditEntry[];
  /** The communities (slugs) a community manager moderates; default: every community. */
  manages?: string[] | null;
}

interface Store {
  items: ModerationItem[];
  keywords: WatchKeyword[];
  audit: AuditEntry[];
  manages: string[] | null;
  nextId: number;
}

const stores = new WeakMap<MockApi, { seed: unknown; store: Store }>();

/** The mock's moderation data, copied on first use so one story's decisions do not leak into the next. */
export function moderationOf(mock: MockApi): Store {
  const seed = mock.data['moderation'];
  const known = stores.get(mock);
  if (known && known.seed === seed) return known.store;
  const data = structuredClone((seed ?? {}) as MockModerationData);
  const store: Store = {
    items: data.items ?? [],
    keywords: data.keywords ?? [],
    audit: data.audit ?? [],
    manages: data.manages ?? null,
    nextId: 90_000,
  };
  stores.set(mock, { seed, store });
  return store;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ago = (ms: number, now = Date.now()) => new Date(now - ms).toISOString();

function summary({ id, handle, name, title, department }: PersonSummary): PersonSummary {
  return { id, handle, name, title, department };
}

export const communities = {
  engineering: { slug: 'engineering', name: 'Engineering', visibility: 'open' },
  falcon: { slug: 'project-falcon', name: 'Project Falcon', visibility: 'restricted' },
  design: { slug: 'design-guild', name: 'Design Guild', visibility: 'open' },
} satisfies Record<string, CommunitySummary>;

/** An open item with one spam report, with defaults for everything not given. */
export function makeItem(overrides: Partial<Omit<ModerationItem, 'content'>> & { content?: Partial<ModerationItem['content']> } = {}): ModerationItem {
  const { content, ...rest } = overrides;
  return {
    kind: 'post',
    id: 1,
    status: 'open',
    community: communities.engineering,
    reporterCount: 1,
    reasons: [{ reason: 'spam', count: 1 }],
    notes: [],
    keywords: [],
    openedAt: ago(HOUR),
    decision: null,
    ...rest,
    content: {
      title: null,
      body: 'Hello from the intranet.',
      author: summary(samplePeople[6]!),
      createdAt: ago(2 * HOUR),
      parentId: null,
      context: null,
      tags: [],
      deleted: false,
      ...content,
    },
  };
}

/**
 * A plausible queue, watch list and audit trail, relative to `now`: reported spam with a
 * keyword match, a leak in a restricted community, a question only the watch list caught, a
 * personal attack, a long off-topic post; two hidden items, one dismissed, one restored.
 */
export function sampleModeration(now = Date.now()): Required<Omit<MockModerationData, 'manages'>> {
  const [mira, jonas, aisha, tom, ana, li, sam] = samplePeople.map(summary) as [PersonSummary, ...PersonSummary[]];
  const decided = (action: 'hide' | 'restore' | 'dismiss', by: PersonSummary, at: string, note: string | null) => ({ action, by, at, note });
  const items: ModerationItem[] = [
    makeItem({
      id: 301,
      reporterCount: 3,
      reasons: [
        { reason: 'spam', count: 2 },
        { reason: 'other', count: 1 },
      ],
      notes: ['Same link was posted in five communities this morning.'],
      keywords: ['crypto'],
      openedAt: ago(40 * 60_000, now),
      content: {
        body: 'Made 40% in two weeks with the CryptoYield app 🚀 DM me for an invite code, only a few spots left! https://cryptoyield.example.net/join?ref=sam #crypto #investing',
        author: sam!,
        createdAt: ago(55 * 60_000, now),
        tags: ['crypto', 'investing'],
      },
    }),
    makeItem({
      id: 302,
      community: communities.falcon,
      reporterCount: 2,
      reasons: [{ reason: 'confidential', count: 2 }],
      notes: ['The price and the date are not public yet.'],
      openedAt: ago(2 * HOUR, now),
      content: {
        body: 'Heard from Finance the offer is 1.2 billion and the announcement is on the 14th. Keep it to yourselves 🤫',
        author: ana!,
        createdAt: ago(3 * HOUR, now),
        parentId: 120,
        context: 'Integration plan, week 3: who owns the IT cut-over?',
      },
    }),
    makeItem({
      kind: 'question',
      id: 88,
      community: communities.design,
      reporterCount: 0,
      reasons: [],
      keywords: ['salary'],
      openedAt: ago(5 * HOUR, now),
      content: {
        title: 'What is everyone’s salary band in Design?',
        body: 'Let’s share our salaries so we can compare. I’ll start in the comments.',
        author: li!,
        createdAt: ago(5 * HOUR, now),
        tags: ['salary'],
      },
    }),
    makeItem({
      kind: 'answer',
      id: 412,
      reporterCount: 1,
      reasons: [{ reason: 'harassment', count: 1 }],
      openedAt: ago(9 * HOUR, now),
      content: {
        body: 'Maybe if you did your job instead of whining about monitors, Li. Seriously.',
        author: sam!,
        createdAt: ago(10 * HOUR, now),
        parentId: 64,
        context: 'How do I get a second monitor for my desk?',
      },
    }),
    makeItem({
      id: 305,
      reporterCount: 2,
      reasons: [{ reason: 'off_topic', count: 2 }],
      notes: ['This belongs in the Marketplace community.', 'Third time this week.'],
      openedAt: ago(DAY + 2 * HOUR, now),
      content: {
        author: jonas!,
        createdAt: ago(DAY + 3 * HOUR, now),
        body: [
          'Selling my 2019 estate car before the move to Lisbon: 62,000 km, winter tyres included, full service history from the dealer.',
          'It has a tow bar, a roof box (also for sale), new brakes since March, and the child seats can stay if you want them.',
          'I can bring it to the office car park on Thursday for a test drive. Colleagues get a discount, of course.',
          'Asking price and photos on the Marketplace page; send me a message with questions, I answer in the evenings.',
          'Please share with anyone who might be interested!',
        ].join('\n\n'),
      },
    }),
    makeItem({
      id: 290,
      status: 'hidden',
      reporterCount: 4,
      reasons: [{ reason: 'spam', count: 4 }],
      openedAt: ago(2 * DAY, now),
      decision: decided('hide', jonas!, ago(2 * DAY - HOUR, now), 'Spam: the same advert was posted in five communities.'),
      content: { body: 'Cheap watches, best prices, visit my shop today!', author: sam!, createdAt: ago(2 * DAY + HOUR, now) },
    }),
    makeItem({
      kind: 'answer',
      id: 401,
      status: 'hidden',
      community: communities.falcon,
      reporterCount: 1,
      reasons: [{ reason: 'harassment', count: 1 }],
      openedAt: ago(3 * DAY, now),
      decision: decided('hide', tom!, ago(3 * DAY - 2 * HOUR, now), 'A personal attack on a colleague.'),
      content: { body: 'Nobody asked you, Aisha.', author: sam!, createdAt: ago(3 * DAY + HOUR, now), parentId: 60, context: 'Who signs off the vendor list?' },
    }),
    makeItem({
      id: 280,
      status: 'dismissed',
      reasons: [{ reason: 'off_topic', count: 1 }],
      openedAt: ago(4 * DAY, now),
      decision: decided('dismiss', jonas!, ago(4 * DAY - HOUR, now), 'On topic: the team asked for lunch ideas.'),
      content: { body: 'The new ramen place on Rua Augusta is great for team lunches. #lunch', author: mira!, createdAt: ago(4 * DAY + HOUR, now), tags: ['lunch'] },
    }),
    makeItem({
      kind: 'question',
      id: 75,
      status: 'restored',
      community: communities.design,
      reasons: [{ reason: 'other', count: 1 }],
      notes: ['Looks like an advert.'],
      openedAt: ago(6 * DAY, now),
      decision: decided('restore', tom!, ago(5 * DAY, now), 'Hidden by mistake: it is a real question about our licences.'),
      content: { title: 'Which Figma plan do we have?', body: 'Do we have the organisation plan, or should I ask for a seat?', author: aisha!, createdAt: ago(6 * DAY + HOUR, now) },
    }),
  ];
  const keyword = (id: number, pattern: string, regex: boolean, days: number): WatchKeyword => ({ id, pattern, regex, createdAt: ago(days * DAY, now) });
  const keywords = [keyword(1, 'crypto', false, 30), keyword(2, 'salary', false, 21), keyword(3, 'password\\s*[:=]', true, 14), keyword(4, 'confidential', false, 3)];
  let id = 0;
  const entry = (action: AuditAction, actor: PersonSummary | null, at: number, target: [string, string], extra: Partial<AuditEntry> = {}): AuditEntry => ({
    id: ++id,
    actor,
    action,
    target: { kind: target[0], id: target[1] },
    community: null,
    reason: null,
    details: {},
    at: ago(at, now),
    ...extra,
  });
  const audit = [
    entry('community.create', aisha!, 20 * DAY, ['community', 'project-falcon'], { community: communities.falcon, details: { visibility: 'restricted' } }),
    entry('role.change', null, 18 * DAY, ['person', String(jonas!.id)], { details: { from: 'employee', to: 'community_manager' } }),
    entry('keyword.add', tom!, 14 * DAY, ['keyword', '3'], { details: { pattern: 'password\\s*[:=]', regex: true } }),
    entry('content.restore', tom!, 5 * DAY, ['question', '75'], { community: communities.design, reason: 'Hidden by mistake: it is a real question about our licences.' }),
    entry('report.dismiss', jonas!, 4 * DAY - HOUR, ['post', '280'], { community: communities.engineering, reason: 'On topic: the team asked for lunch ideas.' }),
    entry('community.visibility', aisha!, 4 * DAY - 2 * HOUR, ['community', 'leadership'], { community: { slug: 'leadership', name: 'Leadership Forum', visibility: 'restricted' }, reason: 'Org changes are discussed here before they are announced.', details: { from: 'open', to: 'restricted' } }),
    entry('content.hide', tom!, 3 * DAY - 2 * HOUR, ['answer', '401'], { community: communities.falcon, reason: 'A personal attack on a colleague.' }),
    entry('tag.merge', tom!, 3 * DAY - 3 * HOUR, ['tag', 'k8s'], { details: { from: 'k8s', to: 'kubernetes' } }),
    entry('content.hide', jonas!, 2 * DAY - HOUR, ['post', '290'], { community: communities.engineering, reason: 'Spam: the same advert was posted in five communities.' }),
    entry('keyword.add', tom!, 3 * DAY, ['keyword', '4'], { details: { pattern: 'confidential', regex: false } }),
    entry('community.archive', aisha!, 1 * DAY, ['community', 'office-move-2023'], { community: { slug: 'office-move-2023', name: 'Office move 2023', visibility: 'open' }, reason: 'The move is done.' }),
  ];
  return { items, keywords, audit };
}

const STATUSES: readonly ModerationStatus[] = ['open', 'hidden', 'restored', 'dismissed'];
const ACTIONS: readonly AuditAction[] = [
  'content.hide', 'content.restore', 'report.dismiss', 'keyword.add', 'keyword.remove', 'community.archive',
  'community.unarchive', 'community.visibility', 'community.create', 'tag.merge', 'role.change',
];

const invalid = (path: string, message: string, code = 'custom') =>
  problem(400, 'Your request is not valid', { errors: [{ path, message, code }] });
const forbidden = () => problem(403, 'Forbidden', { detail: 'only community managers and admins moderate content' });
const adminsOnly = () => problem(403, 'Forbidden', { detail: 'only admins may do this' });
const notFound = () => problem(404, 'Not found', { detail: 'no such content, or you cannot moderate it' });

const isAdmin = (me: Me) => me.roles.includes('admin');
const isModerator = (me: Me) => isAdmin(me) || me.roles.includes('community_manager');

/** Whether `me` moderates items of `community` (admins everything; managers their communities, not content outside any). */
function moderates(me: Me, store: Store, community: CommunitySummary | null): boolean {
  if (isAdmin(me)) return true;
  if (!me.roles.includes('community_manager') || !community) return false;
  return store.manages === null || store.manages.includes(community.slug);
}


function paged<T>(items: T[], url: URL): Response | { items: T[]; nextCursor: string | null } {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) return invalid('limit', 'between 1 and 50', 'too_big');
  const cursor = url.searchParams.get('cursor');
  const start = cursor ? Number(/^c(\d+)$/.exec(cursor)?.[1] ?? NaN) : 0;
  if (!Number.isInteger(start)) return invalid('cursor', 'not a cursor this API issued');
  const end = start + limit;
  return { items: items.slice(start, end), nextCursor: end < items.length ? `c${end}` : null };
}

/** A pattern's reason to be refused, as the server checks it; null when it is fine. */
function patternProblem(pattern: string, regex: boolean): string | null {
  if (pattern.length < 2) return 'at least 2 characters';
  if (pattern.length > 100) return 'at most 100 characters';
  if (!regex) return null;
  try {
    RegExp(pattern, 'iu');
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
  // A repetition inside a repeated group can take exponential time ("(a+)+").
  if (/\([^)]*[+*][^)]*\)[+*{]/.test(pattern)) return 'could take too long to run: a repetition inside a repeated group';
  return null;
}

/** Text a reader would see as empty (spaces, zero-width spaces...), as the contracts' `hasVisibleText` decides. */
const INVISIBLE = /^[\s\p{Cc}\p{Cf}\p{Zs}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function auditCsv(entries: AuditEntry[]): string {
  const rows = [['at', 'actor', 'action', 'target_kind', 'target_id', 'community', 'reason', 'details']];
  for (const e of entries) {
    rows.push([e.at, e.actor?.handle ?? '', e.action, e.target.kind, e.target.id, e.community?.slug ?? '', e.reason ?? '', JSON.stringify(e.details)]);
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

addMockPlugin({
  routes: [
    ['GET', /^\/moderation\/queue$/, 'moderationQueue'],
    ['POST', /^\/moderation\/items\/[^/]+\/[^/]+\/hide$/, 'hideContent'],
    ['POST', /^\/moderation\/items\/[^/]+\/[^/]+\/restore$/, 'restoreContent'],
    ['POST', /^\/moderation\/items\/[^/]+\/[^/]+\/dismiss$/, 'dismissReports'],
    ['GET', /^\/moderation\/keywords$/, 'listWatchKeywords'],
    ['POST', /^\/moderation\/keywords$/, 'addWatchKeyword'],
    ['DELETE', /^\/moderation\/keywords\/[^/]+$/, 'removeWatchKeyword'],
    ['GET', /^\/audit$/, 'auditLog'],
    ['GET', /^\/audit\.csv$/, 'auditCsv'],
  ],
  answer(mock, operation, { url, body, me }) {
    const store = moderationOf(mock);
    const input = (body ?? {}) as Record<string, unknown>;
    const record = (action: AuditAction, target: [string, string], extra: Partial<AuditEntry> = {}) =>
      store.audit.push({ id: ++store.nextId, actor: summary(me), action, target: { kind: target[0], id: target[1] }, community: null, reason: null, details: {}, at: new Date().toISOString(), ...extra });
    switch (operation) {
      case 'moderationQueue': {
        if (!isModerator(me)) return forbidden();
        const status = (url.searchParams.get('status') ?? 'open') as ModerationStatus;
        if (!STATUSES.includes(status)) return invalid('status', `one of ${STATUSES.join(', ')}`, 'invalid_value');
        const slug = url.searchParams.get('community');
        if (slug) {
          const known = store.items.find((i) => i.community?.slug === slug)?.community ?? null;
          if (!known || !moderates(me, store, known)) return problem(404, 'Not found', { detail: `community "${slug}" does not exist or is not visible to you` });
        }
        const items = store.items
          .filter((i) => i.status === status && moderates(me, store, i.community) && (!slug || i.community?.slug === slug))
          .sort((a, b) => b.openedAt.localeCompare(a.openedAt) || b.id - a.id);
        // A keyset cursor, as the server's: the page after the last item shown, even if items
        // before it were decided (and left this status) meanwhile.
        const limit = Number(url.searchParams.get('limit') ?? 20);
        if (!Number.isInteger(limit) || limit < 1 || limit > 50) return invalid('limit', 'between 1 and 50', 'too_big');
        const cursor = url.searchParams.get('cursor');
        const after = cursor ? /^k(\d+)-(\d+)$/.exec(cursor) : null;
        if (cursor && !after) return invalid('cursor', 'not a cursor this API issued');
        const rest = after
          ? items.filter((i) => Date.parse(i.openedAt) < Number(after[1]) || (Date.parse(i.openedAt) === Number(after[1]) && i.id < Number(after[2])))
          : items;
        const shown = rest.slice(0, limit);
        const last = shown.at(-1);
        const nextCursor = rest.length > limit && last ? `k${Date.parse(last.openedAt)}-${last.id}` : null;
        return json(200, { items: shown, nextCursor } satisfies ModerationQueue);
      }
      case 'hideContent':
      case 'restoreContent':
      case 'dismissReports': {
        if (!isModerator(me)) return forbidden();
        const [, kind, rawId] = /\/items\/([^/]+)\/([^/]+)\//.exec(url.pathname) ?? [];
        const id = Number(rawId);
        if (!['post', 'question', 'answer'].includes(kind ?? '')) return invalid('kind', 'one of post, question, answer', 'invalid_value');
        if (!Number.isInteger(id) || id < 1) return invalid('id', 'a positive whole number', 'invalid_type');
        const item = store.items.find((i) => i.kind === (kind as ContentKind) && i.id === id);
        if (!item || !moderates(me, store, item.community)) return notFound();
        const note = typeof input['note'] === 'string' ? input['note'] : null;
        const at = new Date().toISOString();
        if (operation === 'hideContent') {
          const reason = input['reason'];
          if (typeof reason !== 'string' || INVISIBLE.test(reason)) return invalid('reason', 'say why: the author is shown this reason');
          if (reason.length > 500) return invalid('reason', 'at most 500 characters', 'too_big');
          if (item.status === 'hidden') return problem(409, 'Conflict', { detail: 'this content is hidden already' });
          Object.assign(item, { status: 'hidden', decision: { action: 'hide', note: reason, by: summary(me), at } });
          record('content.hide', [item.kind, String(item.id)], { community: item.community, reason });
        } else if (operation === 'restoreContent') {
          if (item.status !== 'hidden') return problem(409, 'Conflict', { detail: 'only hidden content can be restored' });
          Object.assign(item, { status: 'restored', decision: { action: 'restore', note, by: summary(me), at } });
          record('content.restore', [item.kind, String(item.id)], { community: item.community, reason: note });
        } else {
          if (item.status !== 'open') return problem(409, 'Conflict', { detail: 'only open reports can be dismissed' });
          Object.assign(item, { status: 'dismissed', decision: { action: 'dismiss', note, by: summary(me), at } });
          record('report.dismiss', [item.kind, String(item.id)], { community: item.community, reason: note });
        }
        return json(200, item satisfies ModerationItem);
      }
      case 'listWatchKeywords':
        if (!isAdmin(me)) return adminsOnly();
        return json(200, { items: [...store.keywords].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id) });
      case 'addWatchKeyword': {
        if (!isAdmin(me)) return adminsOnly();
        if (typeof input['pattern'] !== 'string') return invalid('pattern', 'a word or a pattern', 'invalid_type');
        const pattern = input['pattern'].trim();
        const regex = input['regex'] === true;
        const why = patternProblem(pattern, regex);
        if (why) return invalid('pattern', why);
        if (store.keywords.some((k) => k.regex === regex && k.pattern.toLowerCase() === pattern.toLowerCase())) {
          return problem(409, 'Conflict', { detail: `"${pattern}" is on the watch list already` });
        }
        const added: WatchKeyword = { id: ++store.nextId, pattern, regex, createdAt: new Date().toISOString() };
        store.keywords.push(added);
        record('keyword.add', ['keyword', String(added.id)], { details: { pattern, regex } });
        return json(201, added);
      }
      case 'removeWatchKeyword': {
        if (!isAdmin(me)) return adminsOnly();
        const id = Number(/\/keywords\/([^/]+)$/.exec(url.pathname)?.[1]);
        const found = store.keywords.find((k) => k.id === id);
        if (!found) return problem(404, 'Not found', { detail: 'no such keyword' });
        store.keywords = store.keywords.filter((k) => k !== found);
        record('keyword.remove', ['keyword', String(id)], { details: { pattern: found.pattern, regex: found.regex } });
        return new Response(null, { status: 204 });
      }
      case 'auditLog':
      case 'auditCsv': {
        if (!isAdmin(me)) return adminsOnly();
        const action = url.searchParams.get('action');
        if (action && !ACTIONS.includes(action as AuditAction)) return invalid('action', 'not an action the audit trail records', 'invalid_value');
        const entries = store.audit.filter((e) => !action || e.action === action).sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
        if (operation === 'auditCsv') {
          return new Response(auditCsv(entries), {
            status: 200,
            headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="hearth-audit.csv"' },
          });
        }
        const page = paged(entries, url);
        return page instanceof Response ? page : json(200, page satisfies AuditPage);
      }
      default:
        return problem(404, 'Not found');
    }
  },
});
