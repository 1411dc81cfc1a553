/**
 * The mock API's notification endpoints (a plugin of testing/mock-api.ts), following the
 * contracts: `GET /notifications` (pages of lines, newest first, a cursor, and the unread count),
 * `GET /notifications/unread` and `POST /notifications/read` (`{ ids }` or `{ all: true }`; a 400
 * problem for anything else). Importing this file registers it with every MockApi. The lines are
 * kept in `mock.data.notifications.items` (copied on first use); seed them with
 * `new MockApi({ data: { notifications: { items: sampleNotifications() } } })`. After changing
 * them, `mock.emit({ type: 'notifications.changed' })` plays the server's live event.
 *
 * Also `GET/PUT /me/notification-settings` (kept in `mock.data.notifications.delivery`; a PUT
 * replaces it, as the server does; a bad body is a 400 problem) and `PUT/DELETE
 * /threads/{post|question}/{id}/mute` (the muted threads in `mock.data.notifications.muted`, as
 * `post:11`; another kind or a bad id is a 400 problem).
 */
import type { MarkReadResult, Notification, NotificationPage, NotificationSettings, NotificationTarget, ThreadMute, UnreadCount } from '@hearth/contracts';
import { MarkReadBody, NotificationSettingsBody, ThreadParams } from '@hearth/contracts';
import { type MockApi, addMockPlugin, json, problem, samplePeople } from './mock-api.ts';

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const [, jonas, aisha, tom, ana, liWei, sam] = samplePeople;
const person = (p: (typeof samplePeople)[number] | undefined) => {
  const { id, handle, name, title, department } = p!;
  return { id, handle, name, title, department };
};
const ENGINEERING = { slug: 'engineering', name: 'Engineering' };

let nextId = 1_000;

/** A post target in Engineering, available, unless told otherwise. */
export function makeTarget(overrides: Partial<NotificationTarget> = {}): NotificationTarget {
  const kind = overrides.kind ?? 'post';
  const id = overrides.id ?? 11;
  const available = overrides.available ?? true;
  const path = kind === 'community' ? `community/${overrides.community?.slug ?? 'engineering'}` : `${kind === 'reply' ? 'post' : kind === 'answer' ? 'question' : kind}/${overrides.parentId ?? id}`;
  return {
    kind,
    id,
    parentId: null,
    available,
    title: available ? 'The new build cache is live for every repository' : null,
    community: available ? ENGINEERING : null,
    href: available ? `https://hearth.example.com/embed/${path}` : null,
    ...overrides,
  };
}

/** One unread line: Jonas Weber replied to your post five minutes ago, unless told otherwise. */
export function makeNotification(overrides: Partial<Notification> = {}): Notification {
  const id = overrides.id ?? ++nextId;
  return {
    id,
    ids: overrides.ids ?? [id],
    kind: 'post.replied',
    count: overrides.ids?.length ?? 1,
    actors: [person(jonas)],
    target: makeTarget(),
    detail: {},
    createdAt: ago(5 * MINUTE),
    readAt: null,
    ...overrides,
  };
}

/**
 * Every kind, newest first, as Mira sees them: grouped replies (three people), a mention, a
 * question routed to her for #vpn and #networking, an answer, an accepted answer, a request to
 * join a community she manages, an approved request with the manager's note, an invitation,
 * content hidden with a reason, a decided report, and a line whose post is gone. The first five
 * are unread (7 notifications in all: the replies are three).
 */
export function sampleNotifications(): Notification[] {
  const read = ago(2 * 60 * MINUTE);
  return [
    makeNotification({ id: 101, ids: [99, 100, 101], kind: 'post.replied', count: 3, actors: [person(jonas), person(ana), person(sam)], createdAt: ago(4 * MINUTE) }),
    makeNotification({ id: 102, kind: 'mention', actors: [person(aisha)], target: makeTarget({ id: 12, title: '@mira.lindqvist can you review the rollout plan before Friday?' }), createdAt: ago(25 * MINUTE) }),
    makeNotification({
      id: 103,
      kind: 'question.routed',
      actors: [person(liWei)],
      target: makeTarget({ kind: 'question', id: 31, title: 'Why does the VPN drop every 30 minutes on the guest network?', community: null }),
      detail: { tags: ['vpn', 'networking'] },
      createdAt: ago(50 * MINUTE),
    }),
    makeNotification({
      id: 104,
      kind: 'answer.posted',
      actors: [person(tom)],
      target: makeTarget({ kind: 'answer', id: 45, parentId: 32, title: 'How do I request a second monitor?', community: null }),
      createdAt: ago(90 * MINUTE),
    }),
    makeNotification({
      id: 105,
      kind: 'join.requested',
      actors: [person(sam)],
      target: makeTarget({ kind: 'community', id: 3, title: 'Project Falcon', community: { slug: 'project-falcon', name: 'Project Falcon' }, href: 'https://hearth.example.com/embed/community/project-falcon' }),
      createdAt: ago(3 * 60 * MINUTE),
    }),
    makeNotification({
      id: 106,
      kind: 'answer.accepted',
      actors: [person(ana)],
      target: makeTarget({ kind: 'answer', id: 46, parentId: 33, title: 'Which Figma plugin exports design tokens?', community: null }),
      createdAt: ago(26 * 60 * MINUTE),
      readAt: read,
    }),
    makeNotification({
      id: 107,
      kind: 'join.decided',
      actors: [person(jonas)],
      target: makeTarget({ kind: 'community', id: 4, title: 'Leadership Circle', community: { slug: 'leadership', name: 'Leadership Circle' }, href: 'https://hearth.example.com/embed/community/leadership' }),
      detail: { outcome: 'approved', note: 'Welcome! Introduce yourself in the pinned thread.' },
      createdAt: ago(2 * 24 * 60 * MINUTE),
      readAt: read,
    }),
    makeNotification({
      id: 108,
      kind: 'community.invited',
      actors: [person(aisha)],
      target: makeTarget({ kind: 'community', id: 5, title: 'Design Guild', community: { slug: 'design', name: 'Design Guild' }, href: 'https://hearth.example.com/embed/community/design' }),
      createdAt: ago(3 * 24 * 60 * MINUTE),
      readAt: read,
    }),
    makeNotification({
      id: 109,
      kind: 'content.hidden',
      actors: [],
      target: makeTarget({ kind: 'reply', id: 77, parentId: 11, available: false }),
      detail: { outcome: 'hidden', note: 'Shares a customer’s contract details.' },
      createdAt: ago(4 * 24 * 60 * MINUTE),
      readAt: read,
    }),
    makeNotification({
      id: 110,
      kind: 'report.decided',
      actors: [],
      target: makeTarget({ id: 78, available: false }),
      detail: { outcome: 'hidden' },
      createdAt: ago(5 * 24 * 60 * MINUTE),
      readAt: read,
    }),
    makeNotification({ id: 111, kind: 'mention', actors: [], target: makeTarget({ id: 79, available: false }), createdAt: ago(6 * 24 * 60 * MINUTE), readAt: read }),
  ];
}

/** `n` read replies, older than the samples, to fill pages ("Load more"). */
export function olderNotifications(n: number, from = 200): Notification[] {
  return [...Array(n).keys()].map((i) =>
    makeNotification({ id: from + i, actors: [person(samplePeople[1 + (i % (samplePeople.length - 1))])], createdAt: ago((7 * 24 * 60 + i) * MINUTE), readAt: ago(60 * MINUTE), target: makeTarget({ id: 500 + i, title: `Older post ${i + 1}` }) }),
  );
}

/** The lines on `mock` (seeded ones included, copied on first use), newest first. */
export function mockNotifications(mock: MockApi): Notification[] {
  const data = (mock.data['notifications'] ??= { items: [] }) as { items: Notification[] };
  if (!copied.has(mock)) {
    // Copied: a story's parameters are shared by every render of the story.
    data.items = data.items.map((n) => ({ ...n, ids: [...n.ids], target: { ...n.target } }));
    copied.add(mock);
  }
  return data.items;
}
const copied = new WeakSet<MockApi>();

/** What the mock keeps for the notification endpoints, under `mock.data.notifications`. */
export interface MockNotificationsData {
  items: Notification[];
  /** The person's choices (`GET/PUT /me/notification-settings`). */
  delivery?: NotificationSettings['delivery'];
  /** Muted threads, as `post:11` or `question:31`. */
  muted?: string[];
}

/** The notification data on `mock` (settings and muted threads included). */
export function mockNotificationsData(mock: MockApi): MockNotificationsData {
  mockNotifications(mock);
  const data = mock.data['notifications'] as MockNotificationsData;
  data.delivery ??= {};
  data.muted ??= [];
  return data;
}

/** Unread notifications (not lines), as the server counts them. */
export function unreadOf(mock: MockApi): number {
  return mockNotifications(mock).reduce((sum, n) => sum + (n.readAt === null ? n.ids.length : 0), 0);
}

/** Adds a line on top (unread) and plays the live event, as the server does when someone acts. */
export function notify(mock: MockApi, line: Notification = makeNotification()): Notification {
  const items = mockNotifications(mock);
  items.unshift(line);
  mock.emit({ type: 'notifications.changed' });
  return line;
}

function invalid(path: string, message: string): Response {
  return problem(400, 'Your request is not valid', { detail: `${path}: ${message}`, errors: [{ path, message, code: 'invalid' }] });
}

addMockPlugin({
  routes: [
    ['GET', /^\/notifications$/, 'listNotifications'],
    ['GET', /^\/notifications\/unread$/, 'unreadNotifications'],
    ['POST', /^\/notifications\/read$/, 'markNotificationsRead'],
    ['GET', /^\/me\/notification-settings$/, 'notificationSettings'],
    ['PUT', /^\/me\/notification-settings$/, 'updateNotificationSettings'],
    ['PUT', /^\/threads\/[^/]+\/[^/]+\/mute$/, 'muteThread'],
    ['DELETE', /^\/threads\/[^/]+\/[^/]+\/mute$/, 'unmuteThread'],
  ],
  answer(mock, operation, { url, body }) {
    const items = mockNotifications(mock);
    const data = mockNotificationsData(mock);
    if (operation === 'notificationSettings') return json(200, { delivery: { ...data.delivery } } satisfies NotificationSettings);
    if (operation === 'updateNotificationSettings') {
      const parsed = NotificationSettingsBody.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return invalid(['body', ...issue.path.map(String)].join('.'), issue.message);
      }
      data.delivery = { ...parsed.data.delivery };
      return json(200, { delivery: { ...data.delivery } } satisfies NotificationSettings);
    }
    if (operation === 'muteThread' || operation === 'unmuteThread') {
      const [, kind, id] = /\/threads\/([^/]+)\/([^/]+)\/mute$/.exec(url.pathname)!;
      const parsed = ThreadParams.safeParse({ kind, id: decodeURIComponent(id!) });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return invalid(['params', ...issue.path.map(String)].join('.'), issue.message);
      }
      const key = `${parsed.data.kind}:${parsed.data.id}`;
      const muted = operation === 'muteThread';
      data.muted = [...data.muted!.filter((k) => k !== key), ...(muted ? [key] : [])];
      return json(200, { muted } satisfies ThreadMute);
    }
    if (operation === 'unreadNotifications') return json(200, { unread: unreadOf(mock) } satisfies UnreadCount);
    if (operation === 'listNotifications') {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid('query.limit', 'a whole number from 1 to 100');
      const cursor = url.searchParams.get('cursor');
      const start = cursor ? Number(/^n(\d+)$/.exec(cursor)?.[1] ?? NaN) : 0;
      if (!Number.isInteger(start)) return invalid('query.cursor', 'not a cursor this API issued');
      const onlyUnread = url.searchParams.get('unread') === 'true';
      const shown = items.filter((n) => !onlyUnread || n.readAt === null);
      const page = shown.slice(start, start + limit);
      const next = start + limit < shown.length ? `n${start + limit}` : null;
      return json(200, { items: page, nextCursor: next, unread: unreadOf(mock) } satisfies NotificationPage);
    }
    const parsed = MarkReadBody.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return invalid(['body', ...issue.path.map(String)].join('.'), issue.message);
    }
    const now = new Date().toISOString();
    const ids = new Set(parsed.data.ids ?? []);
    for (const n of items) {
      if (n.readAt === null && (parsed.data.all || n.ids.every((id) => ids.has(id)))) n.readAt = now;
    }
    return json(200, { unread: unreadOf(mock) } satisfies MarkReadResult);
  },
});
