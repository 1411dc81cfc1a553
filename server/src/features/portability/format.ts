/**
 * Hearth's own export format (docs/portability.md): a folder with `manifest.json` and one JSON
 * Lines file per entity. Records name each other by stable external keys, never by this
 * database's ids: people by handle (and carry their e-mail), communities by slug, tags by name,
 * posts, questions, answers and moderation decisions by `hearth:<kind>:<id>` in the source.
 */
import { z } from 'zod';

export const FORMAT_NAME = 'hearth-export';

/** The input is not what the import expects: refused before any write (the message says what was expected). */
export class FormatError extends Error {
  override name = 'FormatError';
}
export const FORMAT_VERSION = 1;

const Time = z.iso.datetime({ offset: true });
const MaybeTime = Time.nullable().default(null);
const Handle = z.string().min(1).max(200);
const Slug = z.string().min(1).max(200);
const TagName = z.string().min(1).max(200);
const Key = (kind: string) => z.string().regex(new RegExp(`^hearth:${kind}:\\d+$`), `must be hearth:${kind}:<id>`);
const PostKey = Key('post');
const QuestionKey = Key('question');
const AnswerKey = Key('answer');

export const Manifest = z.object({
  format: z.literal(FORMAT_NAME),
  version: z.literal(FORMAT_VERSION),
  source: z.string().min(1),
  exported_at: Time,
  counts: z.record(z.string(), z.number().int().min(0)),
});
export type Manifest = z.infer<typeof Manifest>;

export const schemas = {
  people: z.object({
    handle: Handle,
    email: z.string().max(320).nullable().default(null),
    name: z.string().min(1).max(500),
    external_id: z.string().min(1).max(500).nullable().default(null),
    title: z.string().max(500).nullable().default(null),
    department: z.string().max(500).nullable().default(null),
    roles: z.array(z.string().min(1).max(50)).max(20).default(['employee']),
    active: z.boolean().default(true),
    deactivated_at: MaybeTime,
    away: z.boolean().default(false),
    created_at: Time,
  }),
  communities: z.object({
    slug: Slug,
    name: z.string().min(1).max(500),
    purpose: z.string().max(2000),
    description: z.string().max(20_000).default(''),
    visibility: z.enum(['open', 'restricted']),
    join_policy: z.enum(['open', 'request', 'invite']),
    state: z.enum(['active', 'archived']).default('active'),
    listed: z.boolean().default(false),
    archived_at: MaybeTime,
    created_at: Time,
  }),
  memberships: z.object({ community: Slug, person: Handle, role: z.enum(['member', 'manager']), created_at: Time }),
  community_requests: z.object({ community: Slug, person: Handle, kind: z.enum(['request', 'invite']), created_at: Time }),
  tags: z.object({ name: TagName, merged_into: TagName.nullable().default(null), created_at: Time }),
  posts: z.object({
    id: PostKey,
    author: Handle,
    author_email: z.string().max(320).nullable().default(null),
    community: Slug.nullable().default(null),
    in_reply_to: PostKey.nullable().default(null),
    body: z.string().min(1).max(100_000),
    extra_tags: z.array(TagName).max(100).default([]),
    created_at: Time,
    edited_at: MaybeTime,
    deleted_at: MaybeTime,
    hidden_at: MaybeTime,
    hidden_reason: z.string().max(2000).nullable().default(null),
    /** Where the post came from when it was imported from another tool (020_import_source_link.sql). */
    source_url: z.string().max(2000).nullable().default(null),
  }),
  post_tags: z.object({ post: PostKey, tag: TagName }),
  post_mentions: z.object({ post: PostKey, person: Handle }),
  likes: z.object({ post: PostKey, person: Handle, created_at: Time }),
  questions: z.object({
    id: QuestionKey,
    author: Handle,
    author_email: z.string().max(320).nullable().default(null),
    community: Slug.nullable().default(null),
    title: z.string().min(1).max(2000),
    body: z.string().max(100_000).default(''),
    state: z.enum(['open', 'answered']).default('open'),
    created_at: Time,
    edited_at: MaybeTime,
    deleted_at: MaybeTime,
    first_answer_at: MaybeTime,
    first_expert_answer_at: MaybeTime,
    hidden_at: MaybeTime,
    hidden_reason: z.string().max(2000).nullable().default(null),
  }),
  question_tags: z.object({ question: QuestionKey, tag: TagName }),
  answers: z.object({
    id: AnswerKey,
    question: QuestionKey,
    author: Handle,
    author_email: z.string().max(320).nullable().default(null),
    body: z.string().min(1).max(100_000),
    accepted: z.boolean().default(false),
    accepted_at: MaybeTime,
    created_at: Time,
    edited_at: MaybeTime,
    deleted_at: MaybeTime,
    hidden_at: MaybeTime,
    hidden_reason: z.string().max(2000).nullable().default(null),
  }),
  votes: z.object({ answer: AnswerKey, person: Handle, value: z.union([z.literal(1), z.literal(-1)]), created_at: Time }),
  question_routes: z.object({ question: QuestionKey, person: Handle, routed_at: Time, passed_at: MaybeTime }),
  question_views: z.object({ question: QuestionKey, person: Handle, seen_at: Time }),
  skills: z.object({ person: Handle, tag: TagName, created_at: Time }),
  endorsements: z.object({ person: Handle, tag: TagName, endorser: Handle, created_at: Time }),
  tag_follows: z.object({ person: Handle, tag: TagName, created_at: Time }),
  person_follows: z.object({ follower: Handle, person: Handle, created_at: Time }),
  community_follows: z.object({ person: Handle, community: Slug, created_at: Time }),
  notification_settings: z.object({ person: Handle, delivery: z.record(z.string(), z.string()), updated_at: Time }),
  moderation_decisions: z.object({
    id: Key('moderation'),
    kind: z.enum(['post', 'question', 'answer']),
    target: z.string().regex(/^hearth:(post|question|answer):\d+$/, 'must be hearth:<post|question|answer>:<id>'),
    community: Slug.nullable().default(null),
    status: z.enum(['open', 'hidden', 'restored', 'dismissed']),
    keywords: z.array(z.string().max(500)).max(100).default([]),
    report_count: z.number().int().min(0).default(0),
    opened_at: Time,
    decided_by: Handle.nullable().default(null),
    decided_at: MaybeTime,
    decision_note: z.string().max(5000).nullable().default(null),
  }),
} as const;

export type EntityName = keyof typeof schemas;
export type Rec<E extends EntityName> = z.infer<(typeof schemas)[E]>;

/**
 * The export's queries, in import order (a record only names records of earlier files). Each
 * selects the record's columns plus `_k1`.. `_kn`, the table's key, which the export pages by
 * (keyset: `(_k1, ..) > (last)`, so no query holds more than one batch).
 */
export const EXPORTS: { entity: EntityName; keys: number; table: string; sql: string }[] = [
  { entity: 'people', keys: 1, table: 'people', sql: `SELECT p.id AS _k1, p.handle, p.email, p.name, p.external_id, p.title, p.department, p.roles,
      p.active, p.deactivated_at, p.away, p.created_at FROM people p` },
  { entity: 'communities', keys: 1, table: 'communities', sql: `SELECT c.id AS _k1, c.slug, c.name, c.purpose, c.description, c.visibility,
      c.join_policy, c.state, c.listed, c.archived_at, c.created_at FROM communities c` },
  { entity: 'memberships', keys: 2, table: 'memberships', sql: `SELECT m.community_id AS _k1, m.person_id AS _k2, c.slug AS community,
      p.handle AS person, m.role, m.created_at FROM memberships m JOIN communities c ON c.id = m.community_id JOIN people p ON p.id = m.person_id` },
  { entity: 'community_requests', keys: 2, table: 'community_requests', sql: `SELECT r.community_id AS _k1, r.person_id AS _k2,
      c.slug AS community, p.handle AS person, r.kind, r.created_at
      FROM community_requests r JOIN communities c ON c.id = r.community_id JOIN people p ON p.id = r.person_id` },
  { entity: 'tags', keys: 1, table: 'tags', sql: `SELECT t.id AS _k1, t.name, m.name AS merged_into, t.created_at
      FROM tags t LEFT JOIN tags m ON m.id = t.merged_into` },
  { entity: 'posts', keys: 1, table: 'posts', sql: `SELECT p.id AS _k1, 'hearth:post:' || p.id AS id, a.handle AS author, a.email AS author_email,
      c.slug AS community, 'hearth:post:' || p.parent_id AS in_reply_to, p.body, p.extra_tags, p.created_at, p.edited_at,
      p.deleted_at, p.hidden_at, p.hidden_reason, p.source_url
      FROM posts p JOIN people a ON a.id = p.author_id LEFT JOIN communities c ON c.id = p.community_id` },
  { entity: 'post_tags', keys: 2, table: 'post_tags', sql: `SELECT x.post_id AS _k1, x.tag_id AS _k2, 'hearth:post:' || x.post_id AS post,
      t.name AS tag FROM post_tags x JOIN tags t ON t.id = x.tag_id` },
  { entity: 'post_mentions', keys: 2, table: 'post_mentions', sql: `SELECT x.post_id AS _k1, x.person_id AS _k2, 'hearth:post:' || x.post_id AS post,
      p.handle AS person FROM post_mentions x JOIN people p ON p.id = x.person_id` },
  { entity: 'likes', keys: 2, table: 'post_likes', sql: `SELECT x.post_id AS _k1, x.person_id AS _k2, 'hearth:post:' || x.post_id AS post,
      p.handle AS person, x.created_at FROM post_likes x JOIN people p ON p.id = x.person_id` },
  { entity: 'questions', keys: 1, table: 'questions', sql: `SELECT q.id AS _k1, 'hearth:question:' || q.id AS id, a.handle AS author,
      a.email AS author_email, c.slug AS community, q.title, q.body, q.state, q.created_at, q.edited_at, q.deleted_at,
      q.first_answer_at, q.first_expert_answer_at, q.hidden_at, q.hidden_reason
      FROM questions q JOIN people a ON a.id = q.author_id LEFT JOIN communities c ON c.id = q.community_id` },
  { entity: 'question_tags', keys: 2, table: 'question_tags', sql: `SELECT x.question_id AS _k1, x.tag_id AS _k2,
      'hearth:question:' || x.question_id AS question, t.name AS tag FROM question_tags x JOIN tags t ON t.id = x.tag_id` },
  { entity: 'answers', keys: 1, table: 'answers', sql: `SELECT x.id AS _k1, 'hearth:answer:' || x.id AS id,
      'hearth:question:' || x.question_id AS question, a.handle AS author, a.email AS author_email, x.body,
      (q.accepted_answer_id = x.id) IS TRUE AS accepted, x.accepted_at, x.created_at, x.edited_at, x.deleted_at, x.hidden_at,
      x.hidden_reason FROM answers x JOIN questions q ON q.id = x.question_id JOIN people a ON a.id = x.author_id` },
  { entity: 'votes', keys: 2, table: 'answer_votes', sql: `SELECT x.answer_id AS _k1, x.person_id AS _k2, 'hearth:answer:' || x.answer_id AS answer,
      p.handle AS person, x.value, x.created_at FROM answer_votes x JOIN people p ON p.id = x.person_id` },
  { entity: 'question_routes', keys: 2, table: 'question_routes', sql: `SELECT x.question_id AS _k1, x.person_id AS _k2,
      'hearth:question:' || x.question_id AS question, p.handle AS person, x.routed_at, x.passed_at
      FROM question_routes x JOIN people p ON p.id = x.person_id` },
  { entity: 'question_views', keys: 2, table: 'question_views', sql: `SELECT x.question_id AS _k1, x.person_id AS _k2,
      'hearth:question:' || x.question_id AS question, p.handle AS person, x.seen_at
      FROM question_views x JOIN people p ON p.id = x.person_id` },
  { entity: 'skills', keys: 2, table: 'person_skills', sql: `SELECT x.person_id AS _k1, x.tag_id AS _k2, p.handle AS person, t.name AS tag,
      x.created_at FROM person_skills x JOIN people p ON p.id = x.person_id JOIN tags t ON t.id = x.tag_id` },
  { entity: 'endorsements', keys: 3, table: 'endorsements', sql: `SELECT x.person_id AS _k1, x.tag_id AS _k2, x.endorser_id AS _k3,
      p.handle AS person, t.name AS tag, e.handle AS endorser, x.created_at
      FROM endorsements x JOIN people p ON p.id = x.person_id JOIN tags t ON t.id = x.tag_id JOIN people e ON e.id = x.endorser_id` },
  { entity: 'tag_follows', keys: 2, table: 'tag_follows', sql: `SELECT x.person_id AS _k1, x.tag_id AS _k2, p.handle AS person, t.name AS tag,
      x.created_at FROM tag_follows x JOIN people p ON p.id = x.person_id JOIN tags t ON t.id = x.tag_id` },
  { entity: 'person_follows', keys: 2, table: 'person_follows', sql: `SELECT x.follower_id AS _k1, x.person_id AS _k2, f.handle AS follower,
      p.handle AS person, x.created_at FROM person_follows x JOIN people f ON f.id = x.follower_id JOIN people p ON p.id = x.person_id` },
  { entity: 'community_follows', keys: 2, table: 'community_follows', sql: `SELECT x.person_id AS _k1, x.community_id AS _k2,
      p.handle AS person, c.slug AS community, x.created_at
      FROM community_follows x JOIN people p ON p.id = x.person_id JOIN communities c ON c.id = x.community_id` },
  { entity: 'notification_settings', keys: 1, table: 'notification_settings', sql: `SELECT x.person_id AS _k1, p.handle AS person,
      x.delivery, x.updated_at FROM notification_settings x JOIN people p ON p.id = x.person_id` },
  { entity: 'moderation_decisions', keys: 1, table: 'moderation_items', sql: `SELECT x.id AS _k1, 'hearth:moderation:' || x.id AS id, x.kind,
      'hearth:' || x.kind || ':' || x.target_id AS target, c.slug AS community, x.status, x.keywords, x.report_count, x.opened_at,
      d.handle AS decided_by, x.decided_at, x.decision_note
      FROM moderation_items x LEFT JOIN communities c ON c.id = x.community_id LEFT JOIN people d ON d.id = x.decided_by` },
];

export const fileOf = (entity: EntityName) => `${entity}.jsonl`;
