/**
 * The demo's questions and answers: who asks what in which community, who answers (a few
 * go-to people per kind of question, then anyone from the right department), votes, accepted
 * answers, declared skills, endorsements and people marked away.
 *
 * Written like the posts: batched `unnest` inserts, ids given by the seed. Expertise is then
 * added with ONE grouped statement whose formula is the one the API applies on every write
 * (questionsRepo.contributions: answer 2, accepted +10, vote ±1, each weighted by when it
 * happened; declared skill 5 and endorsement 1 with community 0), so the table ends up exactly
 * as if every answer, vote and acceptance had been made through the API.
 */
import { normalizeTag } from '@hearth/contracts/text';
import type { Queryable } from '../db/index.ts';
import { compose, type ComposeContext } from './compose.ts';
import { Distinct, vary } from './distinct.ts';
import { DEMO_PERSONAS } from './personas.ts';
import {
  ANSWER_ADDITIONS,
  BODY_ADDITIONS,
  EXTRA_ANSWERS,
  PERSONA_QUESTIONS,
  QUESTION_CHANNELS,
  TITLE_ADDITIONS,
  type QuestionChannel,
  type QuestionTemplate,
} from './question-content.ts';
import { WeightedPicker, type Rng } from './random.ts';
import type { Community, Person, World } from './seed.ts';
import { DAY, HOUR, postTimes, startOfUtcDay, workingHours } from './time.ts';

/** Questions per insert statement (their tags, answers and votes go with them). */
export const BATCH_QUESTIONS = 5_000;
const MINUTE = 60_000;

const PERSONA_HANDLES: ReadonlySet<string> = new Set(DEMO_PERSONAS.map((p) => p.handle));
/** The asker adds words to their own question: they do not address themselves. */
const SELF: ReadonlySet<string> = new Set(['op', 'last']);

export interface QuestionCounts {
  questions: number;
  answers: number;
  votes: number;
  accepted: number;
  unanswered: number;
  skills: number;
  endorsements: number;
  away: number;
}

/** Where questions of one template are asked and who answers them. */
interface Desk {
  community: Community | null;
  template: QuestionTemplate;
  askers: WeightedPicker<Person>;
  /** Everyone from the answering departments (members of the community). */
  answerers: WeightedPicker<Person>;
  /** The few people who answer most of these: the experts the widget should find. */
  goTo: Person[];
  /** Who may vote and endorse: the community's members (everyone, outside communities). */
  pool: Person[];
  /** How often each tag id was used by this desk's questions. */
  tagUse: Map<number, number>;
}

interface PlannedQuestion {
  at: number;
  persona?: 'answered' | 'open';
}

interface Options {
  /** Answers (0 = leave it unanswered), and accept the first. */
  answers?: number;
  accept?: boolean;
}

export class QuestionWriter {
  nextQuestionId = 1;
  nextAnswerId = 1;
  readonly counts: QuestionCounts = { questions: 0, answers: 0, votes: 0, accepted: 0, unanswered: 0, skills: 0, endorsements: 0, away: 0 };
  readonly #channels: WeightedPicker<{ community: Community | null; content: QuestionChannel }>;
  readonly #desks = new Map<string, Desk>();
  /** Titles, bodies and answers written so far: no two alike (distinct.ts). */
  readonly #titles = new Distinct(5_000);
  readonly #bodies = new Distinct(5_000);
  readonly #answers = new Distinct(10_000);
  readonly #end: number;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    private readonly now: Date,
    /** Shared with the posts, so a question's #kubernetes is the posts' #kubernetes. */
    private readonly tagIds: Map<string, number>,
    /** For rewording a title, body or answer that would repeat, so the rest stays as it was. */
    private readonly textRng: Rng,
  ) {
    this.#end = now.getTime() - 1_000;
    const channels: { community: Community | null; content: QuestionChannel }[] = [];
    const general = QUESTION_CHANNELS[''];
    if (general) channels.push({ community: null, content: general });
    for (const community of world.communities) {
      const content = QUESTION_CHANNELS[community.content.slug];
      if (content) channels.push({ community, content });
    }
    this.#channels = new WeightedPicker(channels, channels.map((c) => c.content.share));
  }

  /**
   * When the `count` questions are asked: spread over the window like posts; with two or more,
   * the employee persona's answered question (about three weeks ago) and open one (yesterday)
   * are among them.
   */
  plan(count: number): PlannedQuestion[] {
    const maria = this.world.byHandle.get('maria.lopez');
    const personas = maria && count >= 2 ? 2 : 0;
    const planned: PlannedQuestion[] = [...postTimes(this.rng, count - personas, this.now)].map((at) => ({ at }));
    if (personas) {
      const today = startOfUtcDay(this.now.getTime());
      planned.push({ at: Math.min(this.#end, today - 20 * DAY + 9.5 * HOUR), persona: 'answered' });
      planned.push({ at: Math.min(this.#end, today - DAY + 14 * HOUR + 20 * MINUTE), persona: 'open' });
      planned.sort((a, b) => a.at - b.at);
    }
    return planned;
  }

  question(q: PlannedQuestion, batch: QuestionBatch): void {
    if (q.persona) {
      const { community: slug, template } = PERSONA_QUESTIONS[q.persona];
      const community = this.world.communities.find((c) => c.content.slug === slug) ?? null;
      const desk = this.desk(`persona:${q.persona}`, community, template);
      const maria = this.world.byHandle.get('maria.lopez') as Person;
      this.write(batch, desk, maria, q.at, q.persona === 'answered' ? { answers: template.answers.length, accept: true } : { answers: 0 });
      return;
    }
    const { rng } = this;
    const channel = this.#channels.draw(rng);
    const index = rng.int(0, channel.content.templates.length - 1);
    const template = channel.content.templates[index] as QuestionTemplate;
    const desk = this.desk(`${channel.community?.id ?? 0}:${index}`, channel.community, template);
    this.write(batch, desk, desk.askers.draw(rng), q.at, {});
  }

  private desk(key: string, community: Community | null, template: QuestionTemplate): Desk {
    let desk = this.#desks.get(key);
    if (desk) return desk;
    const pool = community?.pool ?? this.world.people;
    // Ordinary employees ask (in the leadership forum, its members); the personas only ask
    // what the demo scripts for them.
    const ordinary = pool.filter((p) => !PERSONA_HANDLES.has(p.handle) && (community?.content.leadersOnly || !p.leader));
    const byDept = ordinary.filter((p) => !template.askedBy || template.askedBy.includes(p.department));
    const askers = byDept.length > 0 ? byDept : ordinary.length > 0 ? ordinary : pool;
    const fromDept = pool.filter((p) => template.answeredBy.includes(p.department));
    const answerers = fromDept.length >= 2 ? fromDept : pool;
    const goToCount = Math.min(answerers.length, Math.max(2, Math.min(12, Math.round(Math.sqrt(answerers.length) / 3))));
    const picker = new WeightedPicker(answerers, answerers.map((p) => p.activity));
    const goTo = new Set<Person>();
    for (let i = 0; goTo.size < goToCount && i < goToCount * 50; i++) goTo.add(picker.draw(this.rng));
    desk = {
      community,
      template,
      askers: new WeightedPicker(askers, askers.map((p) => p.activity)),
      answerers: picker,
      goTo: [...goTo],
      pool,
      tagUse: new Map(),
    };
    this.#desks.set(key, desk);
    return desk;
  }

  private write(batch: QuestionBatch, desk: Desk, asker: Person, at: number, options: Options): void {
    const { rng } = this;
    const end = this.#end;
    const ctx: ComposeContext = {
      rng,
      memo: new Map(),
      banks: desk.community?.content.banks,
      at: new Date(at),
      writer: asker,
      op: asker,
      colleague: (exclude) => this.colleague(desk.pool, exclude),
    };
    // The same question twice from different people happens, but a template with slots ("the
    // holiday calendar for {office}") gets other values first, so the demo's lists do not repeat.
    // Then the asker's own words around it ("Quick question: ...", "... Any tips?"), drawn from
    // the rewording stream.
    const alt: ComposeContext = { ...ctx, rng: this.textRng, colleague: (exclude) => this.colleague(desk.pool, exclude, this.textRng) };
    const { title: titleTemplate, body: bodyTemplate } = desk.template;
    const slotted = titleTemplate.includes('{');
    const title = this.#titles.pick((attempt) => {
      if (attempt === 0) return compose(titleTemplate, ctx);
      if (slotted && attempt <= 24) {
        ctx.memo.clear();
        return compose(titleTemplate, ctx);
      }
      const text = compose(vary(alt.rng, titleTemplate, attempt, TITLE_ADDITIONS, ctx.memo, SELF), alt);
      return text.length <= 200 ? text : compose(titleTemplate, alt);
    }, 40);
    const body = bodyTemplate
      ? this.#bodies.pick((attempt) =>
          attempt === 0 ? compose(bodyTemplate, ctx) : compose(vary(alt.rng, bodyTemplate, attempt, BODY_ADDITIONS, ctx.memo, SELF), alt),
        )
      : '';
    const tags = new Set<number>();
    for (const raw of desk.template.tags) {
      const name = normalizeTag(compose(raw, ctx));
      if (!name) continue;
      let id = this.tagIds.get(name);
      if (id === undefined) {
        id = this.tagIds.size + 1;
        this.tagIds.set(name, id);
        batch.tag(id, name, at);
      }
      tags.add(id);
      desk.tagUse.set(id, (desk.tagUse.get(id) ?? 0) + 1);
    }
    const questionId = this.nextQuestionId++;
    for (const id of tags) batch.questionTag(questionId, id);

    // Most questions get answers; the newest ones are often still waiting.
    let count = options.answers;
    if (count === undefined) {
      const age = end - at;
      const waiting = age < 2 * DAY ? 0.6 : age < 7 * DAY ? 0.25 : 0.03;
      count = rng.chance(waiting) ? 0 : 1 + Math.floor(4 * rng.next() ** 1.5);
    }
    const texts = [...desk.template.answers, ...shuffle(rng, EXTRA_ANSWERS)].slice(0, count);
    const answers: { id: number; author: Person; at: number; score: number }[] = [];
    const added = new Set<string>();
    const authors = new Set<Person>([asker]);
    let t = at;
    let last: Person | undefined;
    for (const text of texts) {
      t += answers.length === 0 ? 5 * MINUTE + rng.next() ** 3 * 2 * DAY : 10 * MINUTE + rng.next() ** 3 * DAY;
      t = Math.floor(workingHours(rng, t, end));
      if (t >= end) break;
      const author = this.answerer(desk, authors);
      if (!author) break;
      authors.add(author);
      const answerCtx: ComposeContext = { ...ctx, at: new Date(t), writer: author, last };
      const answerBody = this.#answers.pick((attempt) =>
        attempt === 0
          ? compose(text, answerCtx)
          : compose(vary(alt.rng, text, attempt, ANSWER_ADDITIONS, ctx.memo, undefined, added), { ...alt, at: answerCtx.at, writer: author, last }),
      );
      const id = this.nextAnswerId++;
      let score = 0;
      // Useful answers collect votes; the first, usually the best, a few more.
      const votes = Math.min(desk.pool.length - 2, Math.floor(5 * rng.next() ** 2) + (answers.length === 0 ? 1 : 0));
      const voters = new Set<Person>([author]);
      for (let tries = 0; voters.size < votes + 1 && tries < votes * 20; tries++) voters.add(rng.pick(desk.pool));
      voters.delete(author);
      for (const voter of voters) {
        const value = rng.chance(0.07) ? -1 : 1;
        const votedAt = Math.min(end, t + MINUTE + Math.floor(rng.next() ** 3 * (end - t) * 0.3));
        batch.vote(id, voter.id, value, votedAt);
        score += value;
        this.counts.votes++;
      }
      answers.push({ id, author, at: t, score });
      batch.answer(id, questionId, author.id, answerBody, score, t);
      last = author;
    }

    let accepted: { id: number; at: number } | null = null;
    if (answers.length > 0 && (options.accept ?? rng.chance(0.64))) {
      const best = options.accept || rng.chance(0.7) ? answers[0] : [...answers].sort((a, b) => b.score - a.score || a.at - b.at)[0];
      if (best) {
        const acceptedAt = Math.floor(workingHours(rng, best.at + 10 * MINUTE + rng.next() ** 3 * 2 * DAY, end));
        if (acceptedAt < end) accepted = { id: best.id, at: acceptedAt };
      }
    }
    if (accepted) {
      batch.accept(accepted.id, accepted.at);
      this.counts.accepted++;
    }
    if (answers.length === 0) this.counts.unanswered++;
    this.counts.answers += answers.length;
    this.counts.questions++;
    batch.question(questionId, asker.id, desk.community?.id ?? null, title, body, accepted?.id ?? null, answers.length, at, answers[0]?.at ?? null);
  }

  private answerer(desk: Desk, taken: Set<Person>): Person | undefined {
    for (let i = 0; i < 30; i++) {
      const person = this.rng.chance(0.7) ? this.rng.pick(desk.goTo) : desk.answerers.draw(this.rng);
      if (!taken.has(person)) return person;
    }
    return desk.pool.find((p) => !taken.has(p));
  }

  private colleague(pool: Person[], exclude: ReadonlySet<string>, rng = this.rng): Person {
    const source = pool.length > exclude.size ? pool : this.world.people;
    for (let i = 0; i < 50; i++) {
      const person = rng.pick(source);
      if (!exclude.has(person.handle)) return person;
    }
    return rng.pick(source);
  }

  /**
   * Declared skills and endorsements of the go-to people (about half list the tag they answer
   * most under, colleagues endorse them), and a few of them marked away.
   */
  profiles(batch: ProfileBatch): void {
    const { rng } = this;
    const end = this.#end;
    const declared = new Set<string>();
    const endorsed = new Set<string>();
    const experts: Person[] = [];
    for (const desk of this.#desks.values()) {
      const tags = [...desk.tagUse].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
      for (const person of desk.goTo) {
        if (!experts.includes(person)) experts.push(person);
        const mine = tags.slice(0, rng.chance(0.4) ? 2 : 1);
        const declares = rng.chance(0.5);
        for (const tagId of mine) {
          const key = `${person.id}:${tagId}`;
          if (declares && !declared.has(key)) {
            declared.add(key);
            const at = Math.max(person.createdAt + DAY, this.world.windowStart - rng.int(0, 400) * DAY - rng.int(0, DAY - 1));
            batch.skill(person.id, tagId, at);
            this.counts.skills++;
          }
          const endorsements = declares ? rng.int(0, 4) : rng.chance(0.3) ? rng.int(1, 2) : 0;
          for (let i = 0; i < endorsements; i++) {
            const by = rng.pick(desk.pool);
            const eKey = `${key}:${by.id}`;
            if (by === person || endorsed.has(eKey)) continue;
            endorsed.add(eKey);
            batch.endorsement(person.id, tagId, by.id, Math.min(end, this.world.windowStart + rng.int(0, Math.max(0, end - this.world.windowStart))));
            this.counts.endorsements++;
          }
        }
      }
    }
    // A couple of experts are on leave: the widget must skip them.
    const awayCount = Math.max(2, Math.round(this.world.people.length / 1_000));
    for (const person of shuffle(rng, experts.filter((p) => !PERSONA_HANDLES.has(p.handle))).slice(0, awayCount)) {
      batch.away(person.id);
      this.counts.away++;
    }
  }
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing: one statement per batch, as for posts (foreign keys are checked at the end of it).

const MS = `'epoch'::timestamptz + interval '1 millisecond' *`;

const WRITE_QUESTIONS = `
WITH new_tags AS (
  INSERT INTO tags (id, name, created_at) OVERRIDING SYSTEM VALUE
  SELECT id, name, ${MS} at FROM unnest($1::int[], $2::text[], $3::bigint[]) AS u(id, name, at)
), new_questions AS (
  INSERT INTO questions (id, author_id, community_id, title, body, state, accepted_answer_id, answer_count, created_at,
                         first_answer_at) OVERRIDING SYSTEM VALUE
  SELECT id, author_id, community_id, title, body, CASE WHEN accepted IS NULL THEN 'open' ELSE 'answered' END, accepted,
         answer_count, ${MS} at, ${MS} first_answer
    FROM unnest($4::int[], $5::int[], $6::int[], $7::text[], $8::text[], $9::int[], $10::int[], $11::bigint[], $12::bigint[])
      AS u(id, author_id, community_id, title, body, accepted, answer_count, at, first_answer)
), new_question_tags AS (
  INSERT INTO question_tags (question_id, tag_id) SELECT * FROM unnest($13::int[], $14::int[])
), new_answers AS (
  INSERT INTO answers (id, question_id, author_id, body, score, accepted_at, created_at) OVERRIDING SYSTEM VALUE
  SELECT id, question_id, author_id, body, score, ${MS} accepted, ${MS} at
    FROM unnest($15::int[], $16::int[], $17::int[], $18::text[], $19::int[], $20::bigint[], $21::bigint[])
      AS u(id, question_id, author_id, body, score, accepted, at)
)
INSERT INTO answer_votes (answer_id, person_id, value, created_at)
SELECT answer_id, person_id, value, ${MS} at FROM unnest($22::int[], $23::int[], $24::smallint[], $25::bigint[])
  AS u(answer_id, person_id, value, at)`;

export class QuestionBatch {
  readonly #tags = { id: [] as number[], name: [] as string[], at: [] as number[] };
  readonly #questions = {
    id: [] as number[],
    author: [] as number[],
    community: [] as (number | null)[],
    title: [] as string[],
    body: [] as string[],
    accepted: [] as (number | null)[],
    answers: [] as number[],
    at: [] as number[],
    firstAnswer: [] as (number | null)[],
  };
  readonly #questionTags = { question: [] as number[], tag: [] as number[] };
  readonly #answers = {
    id: [] as number[],
    question: [] as number[],
    author: [] as number[],
    body: [] as string[],
    score: [] as number[],
    accepted: [] as (number | null)[],
    at: [] as number[],
  };
  readonly #votes = { answer: [] as number[], person: [] as number[], value: [] as number[], at: [] as number[] };
  /** Answer id -> its index in #answers, to set accepted_at. */
  readonly #answerIndex = new Map<number, number>();

  get size(): number {
    return this.#questions.id.length;
  }

  tag(id: number, name: string, at: number): void {
    this.#tags.id.push(id);
    this.#tags.name.push(name);
    this.#tags.at.push(at);
  }

  question(id: number, author: number, community: number | null, title: string, body: string, accepted: number | null, answers: number, at: number, firstAnswer: number | null): void {
    const q = this.#questions;
    q.id.push(id);
    q.author.push(author);
    q.community.push(community);
    q.title.push(title);
    q.body.push(body);
    q.accepted.push(accepted);
    q.answers.push(answers);
    q.at.push(at);
    q.firstAnswer.push(firstAnswer);
  }

  questionTag(question: number, tag: number): void {
    this.#questionTags.question.push(question);
    this.#questionTags.tag.push(tag);
  }

  answer(id: number, question: number, author: number, body: string, score: number, at: number): void {
    const a = this.#answers;
    this.#answerIndex.set(id, a.id.length);
    a.id.push(id);
    a.question.push(question);
    a.author.push(author);
    a.body.push(body);
    a.score.push(score);
    a.accepted.push(null);
    a.at.push(at);
  }

  accept(answer: number, at: number): void {
    const index = this.#answerIndex.get(answer);
    if (index === undefined) throw new Error(`answer ${answer} is not in this batch`);
    this.#answers.accepted[index] = at;
  }

  vote(answer: number, person: number, value: number, at: number): void {
    this.#votes.answer.push(answer);
    this.#votes.person.push(person);
    this.#votes.value.push(value);
    this.#votes.at.push(at);
  }

  async write(tx: Queryable): Promise<void> {
    const t = this.#tags;
    const q = this.#questions;
    const qt = this.#questionTags;
    const a = this.#answers;
    const v = this.#votes;
    await tx.query(WRITE_QUESTIONS, [
      t.id, t.name, t.at,
      q.id, q.author, q.community, q.title, q.body, q.accepted, q.answers, q.at, q.firstAnswer,
      qt.question, qt.tag,
      a.id, a.question, a.author, a.body, a.score, a.accepted, a.at,
      v.answer, v.person, v.value, v.at,
    ]);
  }
}

export class ProfileBatch {
  readonly #skills = { person: [] as number[], tag: [] as number[], at: [] as number[] };
  readonly #endorsements = { person: [] as number[], tag: [] as number[], by: [] as number[], at: [] as number[] };
  readonly #away: number[] = [];

  skill(person: number, tag: number, at: number): void {
    this.#skills.person.push(person);
    this.#skills.tag.push(tag);
    this.#skills.at.push(at);
  }

  endorsement(person: number, tag: number, by: number, at: number): void {
    this.#endorsements.person.push(person);
    this.#endorsements.tag.push(tag);
    this.#endorsements.by.push(by);
    this.#endorsements.at.push(at);
  }

  away(person: number): void {
    this.#away.push(person);
  }

  async write(tx: Queryable): Promise<void> {
    const s = this.#skills;
    const e = this.#endorsements;
    await tx.query(
      `WITH new_skills AS (
         INSERT INTO person_skills (person_id, tag_id, created_at)
         SELECT person_id, tag_id, ${MS} at FROM unnest($1::int[], $2::int[], $3::bigint[]) AS u(person_id, tag_id, at)
       ), new_endorsements AS (
         INSERT INTO endorsements (person_id, tag_id, endorser_id, created_at)
         SELECT person_id, tag_id, endorser_id, ${MS} at
           FROM unnest($4::int[], $5::int[], $6::int[], $7::bigint[]) AS u(person_id, tag_id, endorser_id, at)
       )
       UPDATE people SET away = true WHERE id = ANY($8::int[])`,
      [s.person, s.tag, s.at, e.person, e.tag, e.by, e.at, this.#away],
    );
  }
}

/**
 * Adds what every seeded answer, vote, acceptance, declared skill and endorsement is worth to
 * `expertise`, in one grouped upsert (posts count for nothing: 014_term_stats.sql). The terms are
 * those of questionsRepo.contributions and expertsRepo.adjust.
 */
export async function addExpertise(tx: Queryable): Promise<void> {
  await tx.query(`
    INSERT INTO expertise AS e (tag_id, community_id, person_id, score)
    SELECT tag_id, community_id, person_id, sum(w) FROM (
      SELECT qt.tag_id, COALESCE(q.community_id, 0) AS community_id, a.author_id AS person_id,
             expertise_weight(2, a.created_at)
             + CASE WHEN a.accepted_at IS NULL THEN 0 ELSE expertise_weight(10, a.accepted_at) END
             + COALESCE(v.w, 0) AS w
      FROM answers a
      JOIN questions q ON q.id = a.question_id
      JOIN question_tags qt ON qt.question_id = q.id
      LEFT JOIN (SELECT answer_id, sum(expertise_weight(value, created_at)) AS w FROM answer_votes GROUP BY answer_id) v
        ON v.answer_id = a.id
      WHERE a.deleted_at IS NULL AND q.deleted_at IS NULL
      UNION ALL
      SELECT tag_id, 0, person_id, expertise_weight(5, created_at) FROM person_skills
      UNION ALL
      SELECT tag_id, 0, person_id, expertise_weight(1, created_at) FROM endorsements
    ) x
    GROUP BY 1, 2, 3
    ON CONFLICT (tag_id, community_id, person_id) DO UPDATE SET score = e.score + EXCLUDED.score`);
}
