import { pino } from 'pino';
import type { Role } from '@hearth/contracts';
import type { Viewer } from '../auth/viewer.ts';
import type { Db } from '../db/index.ts';
import { communitiesService } from '../features/communities/service.ts';
import { eventBus } from '../features/events/bus.ts';
import { expertsService } from '../features/experts/service.ts';
import { notificationsService } from '../features/notifications/service.ts';
import { peopleService } from '../features/people/service.ts';
import { postsService } from '../features/posts/service.ts';
import { questionsService } from '../features/questions/service.ts';
import { webhookOutbox } from '../features/webhooks/outbox.ts';

/** What the story left for the demo personas to find. */
export interface StorySummary {
  joinRequests: number;
  notifications: number;
  routedQuestions: number;
}

/**
 * The last few minutes before a visitor arrives, played through the same services the API uses
 * (so every notification, route and pending request is exactly what the product makes), after
 * the bulk seed: colleagues ask to join Sustainability, which Sam manages on request; a post
 * mentions Sam and Maria; two colleagues reply to Maria's latest post; Maria's open question gets
 * an answer; a question is routed to Ivan, who declared the skill it needs. Each persona finds
 * unread notifications, Sam pending requests on his card, Ivan something "For me to answer".
 */
export async function tellTheStory(db: Db): Promise<StorySummary> {
  const bus = eventBus(db);
  const notifications = notificationsService(db, { bus });
  const communities = communitiesService(db, { inactiveDays: 60, notifications });
  const people = peopleService(db);
  const posts = postsService(db, { communities, people, bus, notifications });
  const experts = expertsService(db, { communities });
  // No webhook for a seed: nobody is listening, and nothing must leave the machine.
  const outbox = webhookOutbox(db, { url: undefined, secret: undefined, retryBaseMs: 30_000, maxAttempts: 8 }, pino({ level: 'silent' }));
  const questions = questionsService(db, { communities, people, experts, notifications, outbox });

  const viewer = async (sql: string, params: unknown[] = []): Promise<Viewer> => {
    const [row] = await db.query<{ id: number; handle: string; name: string; roles: Role[] }>(
      `SELECT id, handle, name, roles FROM people WHERE active AND ${sql} ORDER BY id LIMIT 1`, params);
    if (!row) throw new Error(`the story needs a person where ${sql}`);
    return row;
  };
  const persona = (handle: string) => viewer('handle = $1', [handle]);
  const maria = await persona('maria.lopez');
  const sam = await persona('sam.okafor');
  const ivan = await persona('ivan.petrov');
  // Colleagues who are not personas: outside Sustainability (to ask to join), inside People &
  // Culture (to post there), and whoever else writes.
  const outsider = (skip: number) => viewer(
    `handle NOT IN ('maria.lopez', 'sam.okafor', 'helen.park', 'ivan.petrov')
     AND id NOT IN (SELECT m.person_id FROM memberships m JOIN communities c ON c.id = m.community_id WHERE c.slug = 'sustainability')
     AND id > $1`, [skip]);
  const first = await outsider(0);
  const second = await outsider(first.id);
  const colleague = await viewer(
    `handle NOT IN ('maria.lopez', 'sam.okafor', 'helen.park', 'ivan.petrov')
     AND id IN (SELECT m.person_id FROM memberships m JOIN communities c ON c.id = m.community_id WHERE c.slug = 'people-and-culture')`);
  const another = await viewer(`handle NOT IN ('maria.lopez', 'sam.okafor', 'helen.park', 'ivan.petrov') AND id NOT IN ($1, $2, $3)`, [first.id, second.id, colleague.id]);

  // Sustainability takes people on request: two colleagues and Maria ask; Sam decides.
  let joinRequests = 0;
  for (const person of [first, second, maria]) {
    const result = await communities.join(person, 'sustainability');
    if (result.membership === 'pending') joinRequests += 1;
  }

  // A post mentioning Sam and Maria.
  await posts.create(colleague, {
    body: 'The welcome packs for the January starters are ready to go out. @sam.okafor could you check the buddy list, and @maria.lopez the desk plan? #onboarding',
    community: 'people-and-culture',
  });

  // Two colleagues reply to Maria's latest post.
  const [latest] = await db.query<{ id: number }>(
    'SELECT id FROM posts WHERE author_id = $1 AND parent_id IS NULL AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1', [maria.id]);
  if (latest) {
    await posts.reply(another, latest.id, 'Picked this up from the team meeting notes: count me in for the next round.');
    await posts.reply(first, latest.id, 'Same here, and thanks for writing it down so clearly.');
  }

  // Maria's question that was still open gets an answer.
  const [open] = await db.query<{ id: number }>(
    `SELECT id FROM questions WHERE author_id = $1 AND accepted_answer_id IS NULL AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1`, [maria.id]);
  if (open) await questions.answer(another, open.id, 'I had the same last quarter: the service desk can do it in a day if you mention the cost centre in the ticket.');

  // Ivan declares a skill nobody else has; a colleague's question on it is routed to him.
  await experts.setSkills(ivan, ['single-sign-on']);
  const asked = await questions.ask(second, {
    title: 'Why does the intranet ask me to sign in again after lunch when Teams does not?',
    body: 'Both use the company account. It happens on the office Wi-Fi only.',
    tags: ['single-sign-on'],
  });
  const [{ n: routedQuestions } = { n: 0 }] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM question_routes WHERE person_id = $1 AND passed_at IS NULL', [ivan.id]);
  void asked;

  const [{ n: unread } = { n: 0 }] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE read_at IS NULL AND person_id = ANY($1::int[])', [[maria.id, sam.id, ivan.id]]);
  return { joinRequests, notifications: unread, routedQuestions };
}
