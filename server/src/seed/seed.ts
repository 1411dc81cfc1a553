/**
 * The demo intranet's data: people, communities and three months of plausible intranet talk,
 * generated deterministically (the same seed and `now` give the same rows, ids included) and
 * written with batched `unnest` inserts so that a million posts take minutes, not hours.
 *
 * Every maintained aggregate is written exactly: reply and like counts, post_tags (with the
 * post's created_at and top_level), post_mentions, tags. Tags and mentions are extracted with
 * the same functions the API uses, so the seeded rows match what the widget highlights.
 */
import { tellTheStory, type StorySummary } from './story.ts';
import { tokenize } from '@hearth/contracts/text';
import type { Db, Queryable } from '../db/index.ts';
import { compose, type ComposeContext } from './compose.ts';
import {
  ANSWER_REPLY_ADDITIONS,
  ASKER_ADDITIONS,
  CLOSERS,
  COMMUNITIES,
  DEFAULT_COMMUNITIES,
  GENERAL_TEMPLATES,
  GENERIC_REPLIES,
  KUDOS_RESPONSES,
  OPENERS,
  POST_ADDITIONS,
  POSTER_ADDITIONS,
  REPLY_ADDITIONS,
  THANKED_ADDITIONS,
  THANKS_FOLLOW_UPS,
  type CommunityContent,
  type PostKind,
  type Template,
} from './content.ts';
import { Distinct, vary, type Additions } from './distinct.ts';
import { generatePeople, type SeedPerson } from './people.ts';
import { addExpertise, BATCH_QUESTIONS, ProfileBatch, QuestionBatch, QuestionWriter } from './questions.ts';
import { DEMO_PERSONAS } from './personas.ts';
import { Rng, WeightedPicker } from './random.ts';
import { DAY, postTimes, startOfUtcDay, WINDOW_DAYS, workingHours } from './time.ts';

export interface SeedOptions {
  /**
   * After the bulk seed, play the last minutes before a visitor arrives through the services
   * (story.ts): join requests, mentions, replies, answers, a routed question. The demo's; off by
   * default (tests and benchmarks count exactly what they asked for).
   */
  story?: boolean;
  /** People to create, the demo personas included. Default 180, at least 20. */
  people?: number;
  /** Communities (1..12). Default 8, the eighth being the restricted leadership forum. */
  communities?: number;
  /** Top-level posts; replies come on top. Default 2,000. */
  posts?: number;
  /**
   * Questions for the experts, with their answers, votes and accepted answers; the go-to
   * people also get declared skills and endorsements, and a few are marked away. Default 150.
   */
  questions?: number;
  /**
   * Bulk-load mode: drop the secondary (non-unique) indexes and the foreign keys of the tables
   * written in bulk, and restore them at the end, in the same transaction. Building the
   * full-text index once is far cheaper than growing it batch by batch, and checking a foreign
   * key once over the whole table (as ADD CONSTRAINT does) far cheaper than a lookup per row;
   * the constraints are validated all the same. Default: from 20,000 posts or questions.
   */
  bulk?: boolean;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** The end of the 90-day window. Default: the current time. */
  now?: Date;
  /** Called after each batch with the top-level posts written so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  /** With `story`: what the personas find waiting. */
  story?: StorySummary;
  people: number;
  communities: number;
  memberships: number;
  /** Top-level posts. */
  posts: number;
  replies: number;
  likes: number;
  tags: number;
  postTags: number;
  mentions: number;
  questions: number;
  answers: number;
  votes: number;
  /** Questions with an accepted answer. */
  accepted: number;
  unanswered: number;
  skills: number;
  endorsements: number;
  away: number;
  durationMs: number;
}

export const SEED_DEFAULTS = { people: 180, communities: DEFAULT_COMMUNITIES, posts: 2_000, questions: 150, seed: 1 } as const;

export { WINDOW_DAYS } from './time.ts';

/** Slots a post's own author cannot use in the text they add: nobody addresses themselves. */
const SELF: ReadonlySet<string> = new Set(['op', 'last']);
/** The same for a reply: by the thread's author (OWN), or the first reply (FIRST), or both. */
const OWN: ReadonlySet<string> = new Set(['op']);
const FIRST: ReadonlySet<string> = new Set(['last']);
const OWN_FIRST = SELF;
const NONE: ReadonlySet<string> = new Set();
/** Share of top-level posts written outside any community (the company-wide stream). */
const GENERAL_SHARE = 0.12;
/** Top-level posts per insert batch (replies, likes and tags of those posts go with them). */
const BATCH_POSTS = 2_000;


// Where a persona belongs (besides the communities they manage), so the demo shows both sides:
// Maria, an ordinary employee, is outside engineering and the leadership forum, and can join.
const PERSONA_COMMUNITIES: Record<string, readonly string[]> = {
  'maria.lopez': ['sales-wins', 'it-help', 'people-and-culture', 'product-launches', 'new-joiners'],
  'sam.okafor': ['people-and-culture', 'sustainability', 'new-joiners', 'it-help', 'sales-wins'],
  'helen.park': ['leadership-forum', 'people-and-culture', 'sales-wins', 'sustainability', 'product-launches'],
  'ivan.petrov': ['leadership-forum', 'it-help', 'engineering', 'new-joiners'],
};

const PERSONA_HANDLES: ReadonlySet<string> = new Set(DEMO_PERSONAS.map((p) => p.handle));

// True when the database already holds people, seeded or real. First start seeds only an empty
// database, so a deployment with real users is never filled with demo content.
export { isSeeded } from './state.ts';

/**
 * Empties every table but the migration record (TRUNCATE ... RESTART IDENTITY CASCADE), for
 * `npm run seed -- --force`. Tables added by later migrations are emptied too.
 */
export async function wipeDemo(db: Db): Promise<void> {
  const tables = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename`,
  );
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.name.replaceAll('"', '""')}"`).join(', ');
  await db.exec(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}

/**
 * Seeds the demo data into an empty, migrated database in one transaction (all or nothing).
 * Throws when people, communities or posts already exist.
 */
export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const peopleCount = options.people ?? SEED_DEFAULTS.people;
  const communityCount = options.communities ?? SEED_DEFAULTS.communities;
  const postCount = options.posts ?? SEED_DEFAULTS.posts;
  const questionCount = options.questions ?? SEED_DEFAULTS.questions;
  const now = options.now ?? new Date();
  if (!Number.isInteger(peopleCount) || peopleCount < 20) throw new RangeError('people must be an integer >= 20');
  if (!Number.isInteger(communityCount) || communityCount < 1 || communityCount > COMMUNITIES.length) {
    throw new RangeError(`communities must be an integer in 1..${COMMUNITIES.length}`);
  }
  if (!Number.isInteger(postCount) || postCount < 0) throw new RangeError('posts must be an integer >= 0');
  if (!Number.isInteger(questionCount) || questionCount < 0) throw new RangeError('questions must be an integer >= 0');
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');

  const root = new Rng(options.seed ?? SEED_DEFAULTS.seed);
  // Independent streams: asking for more posts does not change who the people are.
  const peopleRng = root.fork();
  const communityRng = root.fork();
  const timeRng = root.fork();
  const postRng = root.fork();
  const questionRng = root.fork();
  // Rewording a text that would repeat draws from a stream of its own, so that it does not shift
  // every later draw: who writes what, when, and how many replies and likes it gets stay as they
  // would be without it (but for whom a reworded kudos post thanks).
  const textRng = root.fork();

  const world = buildWorld(peopleRng, communityRng, peopleCount, communityCount, now);
  const times = postTimes(timeRng, postCount, now);

  const summary = await db.transaction(async (tx) => {
    const existing = await tx.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM people) OR EXISTS (SELECT 1 FROM communities) OR EXISTS (SELECT 1 FROM posts) AS any`,
    );
    if (existing[0]?.any) {
      throw new Error('the database is not empty; wipe it first (npm run seed -- --force)');
    }
    const deferred = options.bulk ?? postCount + questionCount >= BULK_FROM ? await dropForBulkLoad(tx) : [];
    await insertPeople(tx, world);
    await insertCommunities(tx, world);
    const writer = new ThreadWriter(world, postRng, now, textRng);
    const report = (done: number) => options.onProgress?.(done, postCount);
    report(0);
    // One statement per batch, and the next batch is generated while the database writes this
    // one: on PostgreSQL that overlaps the two processes' work.
    let writing: Promise<number> | undefined;
    for (let start = 0; start < postCount; start += BATCH_POSTS) {
      const end = Math.min(postCount, start + BATCH_POSTS);
      const batch = new Batch();
      for (let i = start; i < end; i++) writer.thread(times[i] as number, batch);
      // (Awaited outside the optional call: `f?.(await x)` skips the await when f is absent.)
      if (writing) report(await writing);
      writing = batch.write(tx).then(() => end);
    }
    if (writing) report(await writing);

    const asker = new QuestionWriter(world, questionRng, now, writer.tagIds, textRng.fork());
    const planned = asker.plan(questionCount);
    let writingQuestions: Promise<void> | undefined;
    for (let start = 0; start < planned.length; start += BATCH_QUESTIONS) {
      const batch = new QuestionBatch();
      for (const q of planned.slice(start, start + BATCH_QUESTIONS)) asker.question(q, batch);
      await writingQuestions;
      writingQuestions = batch.write(tx);
    }
    await writingQuestions;
    const profiles = new ProfileBatch();
    asker.profiles(profiles);
    await profiles.write(tx);
    // Posts added theirs through the post_tags trigger; answers, votes, skills now, at once.
    await addExpertise(tx);
    await resetIdentities(tx);
    if (deferred.length > 0) {
      if (db.kind === 'postgres') await tx.exec(`SET LOCAL maintenance_work_mem = '256MB'`);
      for (const statement of deferred) await tx.exec(statement);
    }
    return {
      people: world.people.length,
      communities: world.communities.length,
      memberships: world.communities.reduce((n, c) => n + c.members.length, 0),
      posts: postCount,
      replies: writer.replies,
      likes: writer.likes,
      tags: writer.tagIds.size,
      postTags: writer.postTags,
      mentions: writer.mentions,
      ...asker.counts,
    };
  });
  // Fresh statistics, so the first feed query after a bulk load gets a sensible plan.
  await db.exec(`ANALYZE people, communities, memberships, posts, tags, post_tags, post_mentions, post_likes, tag_daily,
    tag_totals, tag_authors, tag_pairs, questions, question_tags, question_terms, question_term_docs, answers, answer_votes, expertise,
    person_skills, endorsements`);
  const story = options.story ? await tellTheStory(db) : undefined;
  return { ...summary, ...(story ? { story } : {}), durationMs: Math.round(performance.now() - started) };
}

// ---------------------------------------------------------------------------------------------
// The world: people with ids, communities with members and managers.

export interface Person extends SeedPerson {
  id: number;
  createdAt: number;
}

export interface Community {
  id: number;
  content: CommunityContent;
  createdAt: number;
  members: { person: Person; role: 'member' | 'manager'; createdAt: number }[];
  authors: WeightedPicker<Person>;
  /** Members for likes and mentions, drawn uniformly. */
  pool: Person[];
}

export interface World {
  people: Person[];
  byHandle: Map<string, Person>;
  communities: Community[];
  /** Community (or null for the company-wide stream) per top-level post. */
  channels: WeightedPicker<Community | null>;
  everyone: WeightedPicker<Person>;
  windowStart: number;
}

function buildWorld(peopleRng: Rng, rng: Rng, peopleCount: number, communityCount: number, now: Date): World {
  const windowStart = startOfUtcDay(now.getTime()) - (WINDOW_DAYS - 1) * DAY;
  const people: Person[] = generatePeople(peopleRng, peopleCount).map((p, i) => ({
    ...p,
    id: i + 1,
    // Everyone joined the company before the window opens; the oldest about four years earlier.
    createdAt: windowStart - peopleRng.int(30, 1_500) * DAY - peopleRng.int(0, DAY - 1),
  }));
  const byHandle = new Map(people.map((p) => [p.handle, p]));

  const communities: Community[] = COMMUNITIES.slice(0, communityCount).map((content, index) => {
    const createdAt = windowStart - rng.int(120, 900) * DAY - rng.int(0, DAY - 1);
    const managers = pickManagers(content, people);
    const members: Person[] = [];
    for (const person of people) {
      const wanted = PERSONA_COMMUNITIES[person.handle];
      let member: boolean;
      if (managers.includes(person)) member = true;
      else if (wanted) member = wanted.includes(content.slug);
      else if (content.leadersOnly) member = person.leader;
      else member = rng.chance(content.membership[person.department] ?? content.membership['*'] ?? 0);
      if (member) members.push(person);
    }
    // A tiny `people` option must not leave a community without anyone to talk.
    for (const person of people) {
      if (members.length >= 3) break;
      const eligible = content.leadersOnly ? person.leader : person.handle !== 'maria.lopez';
      if (eligible && !members.includes(person)) members.push(person);
    }
    // Generated managers get the role; the personas keep exactly the roles they are defined with.
    for (const manager of managers) {
      if (!PERSONA_HANDLES.has(manager.handle) && !manager.roles.includes('community_manager')) {
        manager.roles.push('community_manager');
      }
    }
    const memberRows = members.map((person) => ({
      person,
      role: managers.includes(person) ? ('manager' as const) : ('member' as const),
      createdAt: Math.min(
        windowStart - DAY,
        Math.max(person.createdAt, createdAt) + rng.int(0, 60) * DAY + rng.int(0, DAY - 1),
      ),
    }));
    return {
      id: index + 1,
      content,
      createdAt,
      members: memberRows,
      authors: new WeightedPicker(members, members.map((m) => m.activity)),
      pool: members,
    };
  });

  const shares = communities.map((c) => c.content.postShare);
  const totalShare = shares.reduce((a, b) => a + b, 0);
  const channels = new WeightedPicker<Community | null>(
    [null, ...communities],
    [(totalShare * GENERAL_SHARE) / (1 - GENERAL_SHARE), ...shares],
  );
  const everyone = new WeightedPicker(people, people.map((p) => p.activity));
  return { people, byHandle, communities, channels, everyone, windowStart };
}

function pickManagers(content: CommunityContent, people: Person[]): Person[] {
  const managers: Person[] = [];
  for (const handle of content.managers.handles ?? []) {
    const person = people.find((p) => p.handle === handle);
    if (person) managers.push(person);
  }
  for (const title of content.managers.titles ?? []) {
    const person = people.find((p) => p.title === title && !managers.includes(p) && (!content.leadersOnly || p.leader));
    if (person) managers.push(person);
  }
  return managers;
}

// ---------------------------------------------------------------------------------------------
// Threads: a post, its replies and likes, with every derived row.

interface PlannedReply {
  text: string;
  /** Who writes it: any member, the post's author, or the colleague a kudos post thanks. */
  by: 'anyone' | 'author' | 'thanked';
  /** One of this post's own answers (not a generic reply): on a question, an actual answer. */
  answer?: boolean;
}

class ThreadWriter {
  nextPostId = 1;
  readonly tagIds = new Map<string, number>();
  replies = 0;
  likes = 0;
  postTags = 0;
  mentions = 0;
  /** Every post and reply body so far: the demo never shows the same text twice. */
  readonly #bodies = new Distinct();

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    private readonly now: Date,
    /** For rewording only (see seedDemo). */
    private readonly textRng: Rng,
  ) {}

  thread(at: number, batch: Batch): void {
    const { rng, world } = this;
    const community = world.channels.draw(rng);
    const pool = community?.pool ?? world.people;
    const templates: readonly Template[] = community?.content.templates ?? GENERAL_TEMPLATES;
    const template = rng.pick(templates);
    const author = this.authors(community, template).draw(rng);
    const ctx: ComposeContext = {
      rng,
      memo: new Map(),
      banks: community?.content.banks,
      at: new Date(at),
      writer: author,
      op: author,
      colleague: (exclude) => this.colleague(pool, exclude),
    };
    // The same context, drawing from the rewording stream.
    const alt: ComposeContext = { ...ctx, rng: this.textRng, colleague: (exclude) => this.colleague(pool, exclude, this.textRng) };
    // A text written before: other slot values first (another service, another office), then
    // a line of context before the #tags.
    const body = this.#bodies.pick((attempt) => {
      if (attempt === 0) return decorate(rng, template.kind, compose(template.text, ctx));
      const text = attempt <= 4 ? template.text : vary(alt.rng, template.text, attempt - 4, POST_ADDITIONS[template.kind], ctx.memo, SELF);
      if (attempt <= 4) ctx.memo.clear();
      return decorate(alt.rng, template.kind, compose(text, alt));
    }, 40);
    const postId = this.nextPostId++;
    const end = this.now.getTime() - 1_000;

    const replies: { id: number; author: Person; body: string; at: number }[] = [];
    let t = at;
    let last: Person | undefined;
    // Whoever a kudos post thanks answers it themselves, rather than congratulating themselves.
    const thanked = template.kind === 'kudos' ? this.world.byHandle.get(this.parse(body).mentions[0] ?? '') : undefined;
    // What rewording added in this thread: "Thanks for organising, Léa." once per thread.
    const added = new Set<string>();
    for (const planned of this.planReplies(template, pool.length)) {
      const delay = 90_000 + rng.next() ** 4 * 3 * DAY;
      t = t + delay < end ? workingHours(rng, t + delay, end) : t + (end - t) * rng.next() * 0.5;
      if (planned.by === 'thanked' && !thanked) continue;
      const writer =
        planned.by === 'author' ? author : planned.by === 'thanked' ? (thanked as Person) : this.replier(pool, author, last, thanked);
      const replyCtx: ComposeContext = { ...ctx, at: new Date(t), writer, last };
      const replyBody = this.#bodies.pick((attempt) => {
        if (attempt === 0) return compose(planned.text, replyCtx);
        // Nobody addresses themselves: "{op}, " only from someone else, "{last}, " after another.
        const skip = writer === author ? (last && last !== writer ? OWN : OWN_FIRST) : last && last !== writer ? NONE : FIRST;
        const text = vary(alt.rng, planned.text, attempt, additionsFor(template.kind, planned), ctx.memo, skip, added);
        return compose(text, { ...alt, at: replyCtx.at, writer, last });
      });
      replies.push({ id: this.nextPostId++, author: writer, body: replyBody, at: Math.floor(t) });
      last = writer;
    }

    const likeCount = this.likeCount(template.kind, pool.length);
    const edited = rng.chance(0.04) ? Math.min(end, at + rng.int(60_000, 30 * 60_000)) : null;
    batch.post(postId, author.id, community?.id ?? null, null, body, at, edited, replies.length, likeCount);
    this.derive(batch, postId, body, at, true);
    this.like(batch, postId, author, pool, likeCount, at);
    for (const reply of replies) {
      const likes = rng.chance(0.2) ? Math.min(pool.length - 1, rng.int(1, 3)) : 0;
      batch.post(reply.id, reply.author.id, community?.id ?? null, postId, reply.body, reply.at, null, 0, likes);
      this.derive(batch, reply.id, reply.body, reply.at, false);
      this.like(batch, reply.id, reply.author, pool, likes, reply.at);
    }
    this.replies += replies.length;
  }

  /**
   * The replies a thread gets, in order, at most `replyCount` (0..12) plus a closing thank-you.
   * This post's own answers keep their order; the kind's generic replies are mixed in without
   * repeating. On a question, "following" replies come first, answers next, and the author often
   * closes the loop.
   */
  private planReplies(template: Template, poolSize: number): PlannedReply[] {
    const { rng } = this;
    const count = this.replyCount(template.kind, poolSize);
    if (count === 0) return [];
    const answers: PlannedReply[][] = [];
    for (const answer of template.answers ?? []) {
      if (!rng.chance(0.8)) continue;
      answers.push(
        typeof answer === 'string'
          ? [{ text: answer, by: 'anyone', answer: true }]
          : [{ text: answer[0], by: 'anyone' }, { text: answer[1], by: 'author', answer: true }],
      );
    }
    const generic = shuffle(rng, GENERIC_REPLIES[template.kind]).map((text): PlannedReply[] => [{ text, by: 'anyone' }]);
    let plan: PlannedReply[];
    if (template.kind === 'question') {
      const waiting = generic.slice(0, answers.length > 0 ? rng.int(0, 2) : rng.int(1, 3));
      plan = [...waiting, ...answers].flat().slice(0, count);
      const answered = plan.length > waiting.length;
      if (answered && count >= 2 && rng.chance(0.6)) plan.push({ text: rng.pick(THANKS_FOLLOW_UPS), by: 'author' });
    } else {
      const merged: PlannedReply[][] = [];
      while (answers.length > 0 || generic.length > 0) {
        const fromAnswers = answers.length > 0 && (generic.length === 0 || rng.chance(0.55));
        merged.push((fromAnswers ? answers.shift() : generic.shift()) as PlannedReply[]);
      }
      plan = merged.flat().slice(0, count);
    }
    if (template.kind === 'kudos' && template.text.includes('{@}') && rng.chance(0.5)) {
      plan.splice(rng.int(Math.min(1, plan.length), plan.length), 0, { text: rng.pick(KUDOS_RESPONSES), by: 'thanked' });
    }
    // The post's author may not reply to themselves as the first voice, nor twice in a row.
    return plan.filter((r, i) => r.by !== 'author' || (i > 0 && plan[i - 1]?.by !== 'author'));
  }

  /** Members (of the whole company, for the general stream) likely to write this template. */
  private authors(community: Community | null, template: Template): WeightedPicker<Person> {
    const all = community?.authors ?? this.world.everyone;
    const { by, newcomer } = template;
    if (!by && !newcomer) return all;
    const key = `${community?.id ?? 0}:${by?.join('|') ?? ''}:${newcomer === true}`;
    let picker = this.#authorsBy.get(key);
    if (!picker) {
      const people = all.items.filter(
        (p) => (!by || by.includes(p.department)) && (!newcomer || (!p.leader && !PERSONA_HANDLES.has(p.handle))),
      );
      picker = people.length > 0 ? new WeightedPicker(people, people.map((p) => p.activity)) : all;
      this.#authorsBy.set(key, picker);
    }
    return picker;
  }

  readonly #authorsBy = new Map<string, WeightedPicker<Person>>();

  /** 0..12 replies, most posts few, questions more. */
  private replyCount(kind: PostKind, poolSize: number): number {
    const { rng } = this;
    const none = kind === 'question' ? 0.12 : kind === 'kudos' ? 0.3 : 0.45;
    const n = rng.chance(none) ? 0 : 1 + Math.floor(11 * rng.next() ** 3.5);
    return Math.min(n, poolSize - 1);
  }

  /** Most posts get a few likes or none; kudos and announcements collect the most. */
  private likeCount(kind: PostKind, poolSize: number): number {
    const max = kind === 'kudos' ? 30 : kind === 'announcement' ? 20 : kind === 'question' ? 6 : 12;
    const n = Math.floor(max * this.rng.next() ** 3);
    return Math.min(n, poolSize - 1);
  }

  private replier(pool: Person[], author: Person, last: Person | undefined, thanked: Person | undefined): Person {
    for (let i = 0; i < 20; i++) {
      const person = this.rng.pick(pool);
      if (person !== author && person !== last && person !== thanked) return person;
    }
    return pool.find((p) => p !== author) ?? author;
  }

  private colleague(pool: Person[], exclude: ReadonlySet<string>, rng = this.rng): Person {
    const source = pool.length > exclude.size ? pool : this.world.people;
    for (let i = 0; i < 50; i++) {
      const person = rng.pick(source);
      if (!exclude.has(person.handle)) return person;
    }
    return rng.pick(source);
  }

  /** `count` distinct likers from `pool`, never the author, each after the post. */
  private like(batch: Batch, postId: number, author: Person, pool: Person[], count: number, at: number): void {
    if (count === 0) return;
    const likers = new Set<Person>([author]);
    while (likers.size < count + 1) likers.add(this.rng.pick(pool));
    likers.delete(author);
    const span = this.now.getTime() - 1_000 - at;
    for (const person of likers) {
      batch.like(postId, person.id, at + Math.floor(Math.min(span, 30_000 + this.rng.next() ** 3 * span * 0.3)));
    }
    this.likes += count;
  }

  private derive(batch: Batch, postId: number, body: string, at: number, topLevel: boolean): void {
    const { tags, mentions } = this.parse(body);
    for (const name of tags) {
      let id = this.tagIds.get(name);
      if (id === undefined) {
        id = this.tagIds.size + 1;
        this.tagIds.set(name, id);
        batch.tag(id, name, at);
      }
      batch.postTag(postId, id, at, topLevel);
      this.postTags++;
    }
    for (const handle of mentions) {
      const person = this.world.byHandle.get(handle);
      if (!person) continue;
      batch.mention(postId, person.id);
      this.mentions++;
    }
  }

  // extractTags/extractMentions in one tokenize pass, remembered because short replies repeat.
  readonly #parsed = new Map<string, { tags: string[]; mentions: string[] }>();

  private parse(body: string): { tags: string[]; mentions: string[] } {
    let parsed = this.#parsed.get(body);
    if (!parsed) {
      const tags = new Set<string>();
      const mentions = new Set<string>();
      for (const token of tokenize(body)) {
        if (token.kind === 'tag') tags.add(token.tag);
        else if (token.kind === 'mention') mentions.add(token.handle);
      }
      parsed = { tags: [...tags], mentions: [...mentions] };
      if (this.#parsed.size >= 20_000) this.#parsed.clear();
      this.#parsed.set(body, parsed);
    }
    return parsed;
  }
}

/** What may be added to a reply that would repeat: it depends on who writes it, and what it is. */
function additionsFor(kind: PostKind, reply: PlannedReply): Additions {
  if (reply.by === 'thanked') return THANKED_ADDITIONS;
  if (reply.by === 'author') return kind === 'question' ? ASKER_ADDITIONS : POSTER_ADDITIONS;
  if (reply.answer && kind === 'question') return ANSWER_REPLY_ADDITIONS;
  return REPLY_ADDITIONS[kind];
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function decorate(rng: Rng, kind: PostKind, text: string): string {
  const openers = OPENERS[kind];
  const closers = CLOSERS[kind];
  let out = text;
  if (openers && rng.chance(0.2)) out = rng.pick(openers) + out;
  // A closer goes before the trailing #tags, where people usually put it.
  if (closers && rng.chance(0.15)) {
    const closer = rng.pick(closers);
    const tags = /(\s+#[^\s#]+)+$/.exec(out);
    out = tags ? out.slice(0, tags.index) + closer + tags[0] : out + closer;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing: column arrays per table, all written by ONE statement per batch (data-modifying CTEs
// over unnest; foreign keys are checked at the end of the statement, so order does not matter).
// Times travel as epoch milliseconds, which is cheaper than formatting millions of ISO strings.

const MS = `'epoch'::timestamptz + interval '1 millisecond' *`;

const WRITE_BATCH = `
WITH new_tags AS (
  INSERT INTO tags (id, name, created_at) OVERRIDING SYSTEM VALUE
  SELECT id, name, ${MS} at FROM unnest($1::int[], $2::text[], $3::bigint[]) AS u(id, name, at)
), new_posts AS (
  INSERT INTO posts (id, author_id, community_id, parent_id, body, created_at, edited_at, reply_count, like_count)
  OVERRIDING SYSTEM VALUE
  SELECT id, author_id, community_id, parent_id, body, ${MS} at, ${MS} edited, reply_count, like_count
    FROM unnest($4::int[], $5::int[], $6::int[], $7::int[], $8::text[], $9::bigint[], $10::bigint[], $11::int[],
                $12::int[]) AS u(id, author_id, community_id, parent_id, body, at, edited, reply_count, like_count)
), new_post_tags AS (
  INSERT INTO post_tags (post_id, tag_id, created_at, top_level)
  SELECT post_id, tag_id, ${MS} at, top_level
    FROM unnest($13::int[], $14::int[], $15::bigint[], $16::boolean[]) AS u(post_id, tag_id, at, top_level)
), new_mentions AS (
  INSERT INTO post_mentions (post_id, person_id) SELECT * FROM unnest($17::int[], $18::int[])
)
INSERT INTO post_likes (post_id, person_id, created_at)
SELECT post_id, person_id, ${MS} at FROM unnest($19::int[], $20::int[], $21::bigint[]) AS u(post_id, person_id, at)`;

class Batch {
  readonly #tags = { id: [] as number[], name: [] as string[], at: [] as number[] };
  readonly #posts = {
    id: [] as number[],
    author: [] as number[],
    community: [] as (number | null)[],
    parent: [] as (number | null)[],
    body: [] as string[],
    at: [] as number[],
    edited: [] as (number | null)[],
    replies: [] as number[],
    likes: [] as number[],
  };
  readonly #postTags = { post: [] as number[], tag: [] as number[], at: [] as number[], top: [] as boolean[] };
  readonly #mentions = { post: [] as number[], person: [] as number[] };
  readonly #likes = { post: [] as number[], person: [] as number[], at: [] as number[] };

  post(id: number, author: number, community: number | null, parent: number | null, body: string, at: number, edited: number | null, replies: number, likes: number): void {
    const p = this.#posts;
    p.id.push(id);
    p.author.push(author);
    p.community.push(community);
    p.parent.push(parent);
    p.body.push(body);
    p.at.push(at);
    p.edited.push(edited);
    p.replies.push(replies);
    p.likes.push(likes);
  }

  tag(id: number, name: string, at: number): void {
    this.#tags.id.push(id);
    this.#tags.name.push(name);
    this.#tags.at.push(at);
  }

  postTag(post: number, tag: number, at: number, topLevel: boolean): void {
    this.#postTags.post.push(post);
    this.#postTags.tag.push(tag);
    this.#postTags.at.push(at);
    this.#postTags.top.push(topLevel);
  }

  mention(post: number, person: number): void {
    this.#mentions.post.push(post);
    this.#mentions.person.push(person);
  }

  like(post: number, person: number, at: number): void {
    this.#likes.post.push(post);
    this.#likes.person.push(person);
    this.#likes.at.push(at);
  }

  async write(tx: Queryable): Promise<void> {
    const t = this.#tags;
    const p = this.#posts;
    const pt = this.#postTags;
    const m = this.#mentions;
    const l = this.#likes;
    await tx.query(WRITE_BATCH, [
      t.id, t.name, t.at,
      p.id, p.author, p.community, p.parent, p.body, p.at, p.edited, p.replies, p.likes,
      pt.post, pt.tag, pt.at, pt.top,
      m.post, m.person,
      l.post, l.person, l.at,
    ]);
  }
}

async function insertPeople(tx: Queryable, world: World): Promise<void> {
  const p = world.people;
  await tx.query(
    `INSERT INTO people (id, external_id, handle, name, email, title, department, roles, created_at)
     OVERRIDING SYSTEM VALUE
     SELECT id, external_id, handle, name, email, title, department, string_to_array(roles, ','), created_at
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::timestamptz[])
         AS u(id, external_id, handle, name, email, title, department, roles, created_at)`,
    [
      p.map((x) => x.id),
      p.map((x) => `demo:${x.handle}`),
      p.map((x) => x.handle),
      p.map((x) => x.name),
      p.map((x) => x.email),
      p.map((x) => x.title),
      p.map((x) => x.department),
      p.map((x) => x.roles.join(',')),
      p.map((x) => iso(x.createdAt)),
    ],
  );
}

async function insertCommunities(tx: Queryable, world: World): Promise<void> {
  const c = world.communities;
  await tx.query(
    `INSERT INTO communities (id, slug, name, purpose, description, visibility, join_policy, created_at)
     OVERRIDING SYSTEM VALUE
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::timestamptz[])`,
    [
      c.map((x) => x.id),
      c.map((x) => x.content.slug),
      c.map((x) => x.content.name),
      c.map((x) => x.content.purpose),
      c.map((x) => x.content.description),
      c.map((x) => x.content.visibility),
      c.map((x) => x.content.joinPolicy),
      c.map((x) => iso(x.createdAt)),
    ],
  );
  const rows = c.flatMap((x) => x.members.map((m) => ({ community: x.id, ...m })));
  await tx.query(
    `INSERT INTO memberships (community_id, person_id, role, created_at)
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::timestamptz[])`,
    [rows.map((r) => r.community), rows.map((r) => r.person.id), rows.map((r) => r.role), rows.map((r) => iso(r.createdAt))],
  );
}

/** The tables written in bulk, whose secondary indexes and foreign keys wait for the end of the load. */
const BULK_TABLES = ['posts', 'post_tags', 'post_likes', 'post_mentions', 'tag_daily', 'tag_totals', 'tag_authors', 'tag_pairs',
  'community_activity', 'expertise', 'questions', 'question_tags', 'answers', 'answer_votes', 'person_skills', 'endorsements'];
const BULK_FROM = 20_000;

/**
 * Drops the non-unique indexes of the bulk tables (not those behind primary keys and unique
 * constraints, which the triggers' upserts need) and their foreign keys, and returns the
 * statements that restore them exactly (same names, same definitions; ADD CONSTRAINT checks
 * every row). All inside the seed's transaction: nobody sees a table without them, and a
 * failure restores them.
 */
async function dropForBulkLoad(tx: Queryable): Promise<string[]> {
  const indexes = await tx.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[]) AND NOT x.indisunique
      ORDER BY t.relname, i.relname`,
    [BULK_TABLES],
  );
  const keys = await tx.query<{ tab: string; name: string; definition: string }>(
    `SELECT t.relname AS tab, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[])
      ORDER BY t.relname, c.conname`,
    [BULK_TABLES],
  );
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  for (const index of indexes) await tx.exec(`DROP INDEX ${quote(index.name)}`);
  for (const key of keys) await tx.exec(`ALTER TABLE ${quote(key.tab)} DROP CONSTRAINT ${quote(key.name)}`);
  return [
    ...indexes.map((i) => i.definition),
    ...keys.map((k) => `ALTER TABLE ${quote(k.tab)} ADD CONSTRAINT ${quote(k.name)} ${k.definition}`),
  ];
}

/** Explicit ids were written; move each identity past them so the API's inserts continue. */
async function resetIdentities(tx: Queryable): Promise<void> {
  for (const table of ['people', 'communities', 'posts', 'tags', 'questions', 'answers']) {
    await tx.query(
      `SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST((SELECT max(id) FROM ${table}), 1),
                     (SELECT max(id) FROM ${table}) IS NOT NULL)`,
      [table],
    );
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

