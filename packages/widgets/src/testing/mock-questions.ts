/**
 * The mock API's question and expert endpoints, for tests and stories. Importing this file
 * registers them with every MockApi. Their data lives in `mock.data.questions`, seeded with
 * `new MockApi({ data: { questions: { questions: [...], experts: [...] } } })`.
 *
 * The rules follow the server's (server/src/features/questions): one vote per person and none
 * on your own answer, the asker (or a manager of the question's community) accepts, accepting
 * makes a question answered. Similar questions are matched simply -- shared words and tags,
 * answered ones first -- which is enough for tests and stories to behave plausibly.
 */
import type {
  Answer, Expert, Me, PersonSummary, Question, QuestionDetail, QuestionPage, SimilarQuestions, VoteState,
} from '@hearth/contracts';
import { normalizeTag } from '@hearth/contracts/text';
import { type MockApi, addMockPlugin, json, moderates, problem, samplePeople } from './mock-api.ts';

export interface MockQuestionsData {
  /** Questions with their answers, any order. `score` and `myVote` of an answer are as the signed-in person sees them. */
  questions?: QuestionDetail[];
  /** Everyone with expertise; `/experts` picks those with a reason on an asked tag, by score. */
  experts?: Expert[];
  /** Who each question was routed to (person ids), as the server routes a new question to its experts. */
  routes?: Record<number, number[]>;
  /** The tags each person (by id) knows: their "for me to answer" adds unanswered questions in them. */
  known?: Record<number, string[]>;
  /** When each asker last opened their question (question id → ISO time): later answers by others are new to them. */
  seen?: Record<number, string>;
}

interface StoredAnswer {
  answer: Answer;
  /** The score without the votes below. */
  base: number;
  /** Each person's vote: one per person. */
  votes: Map<number, -1 | 1>;
}

interface Entry {
  question: Question;
  answers: StoredAnswer[];
  /** Person id → passed ("not me") or not. */
  routes: Map<number, boolean>;
  /** When the asker last opened it. */
  seenAt: string | null;
}

interface Store {
  questions: Entry[];
  known: Record<number, string[]>;
  experts: Expert[];
  keys: Map<string, number>;
  nextId: number;
}

const stores = new WeakMap<MockApi, Store>();

/** The mock's question data, copied on first use so one story's votes do not leak into the next. */
function storeOf(mock: MockApi): Store {
  let store = stores.get(mock);
  if (store) return store;
  const seed = (mock.data['questions'] ?? {}) as MockQuestionsData;
  const meId = mock.me?.id;
  store = {
    questions: (seed.questions ?? []).map(({ answers, ...question }): Entry => ({
      question: { ...question },
      routes: new Map((seed.routes?.[question.id] ?? []).map((personId) => [personId, false])),
      seenAt: seed.seen?.[question.id] ?? null,
      answers: answers.map((answer) => {
        const votes = new Map<number, -1 | 1>();
        if (meId !== undefined && answer.myVote) votes.set(meId, answer.myVote);
        return { answer: { ...answer }, base: answer.score - answer.myVote, votes };
      }),
    })),
    experts: [...(seed.experts ?? [])],
    known: seed.known ?? {},
    keys: new Map(),
    nextId: 50_000,
  };
  stores.set(mock, store);
  return store;
}

function invalid(path: string, message: string, code = 'invalid'): Response {
  return problem(400, 'Your request is not valid', { detail: `${path}: ${message}`, errors: [{ path, message, code }] });
}

function limitOf(url: URL, fallback: number, max: number): number | Response {
  const raw = url.searchParams.get('limit');
  const limit = raw === null ? fallback : Number(raw);
  return Number.isInteger(limit) && limit >= 1 && limit <= max ? limit : invalid('query.limit', `between 1 and ${max}`);
}

function tagList(url: URL): string[] | Response {
  const tags = (url.searchParams.get('tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  if (tags.length > 5) return invalid('query.tags', 'at most 5 tags');
  return tags.map((t) => normalizeTag(t) ?? t);
}

function person(p: PersonSummary): PersonSummary {
  return { id: p.id, handle: p.handle, name: p.name, title: p.title, department: p.department };
}

/**
 * What `me` sees and may do, decided here as the server's service does. Hidden content reaches
 * others emptied, without the reason; its author and moderators get it whole.
 */
function viewAnswer(stored: StoredAnswer, me: Me, community: Question['community'] = null): Answer {
  let score = stored.base;
  for (const vote of stored.votes.values()) score += vote;
  const mine = stored.answer.author.id === me.id;
  const view: Answer = { ...stored.answer, score, myVote: stored.votes.get(me.id) ?? 0, canEdit: mine, canDelete: mine || me.roles.includes('admin') };
  const hidden = view.hidden;
  if (!hidden || mine || moderates(me, community)) return view;
  return { ...view, body: '', hidden: { at: hidden.at, reason: null } };
}

function viewQuestion(entry: Entry, me: Me): Question {
  const { question } = entry;
  const mine = question.author.id === me.id;
  const manages = question.community !== null && me.roles.includes('community_manager');
  const seen = entry.seenAt ?? '';
  const view = {
    ...question, canEdit: mine, canDelete: mine || me.roles.includes('admin'), canAccept: mine || manages,
    newAnswers: mine ? entry.answers.filter((a) => a.answer.author.id !== me.id && !a.answer.hidden && a.answer.createdAt > seen).length : 0,
    routedToMe: entry.routes.get(me.id) === false,
  };
  const hidden = view.hidden;
  if (!hidden || mine || moderates(me, question.community)) return view;
  return { ...view, title: '', body: '', tags: [], hidden: { at: hidden.at, reason: null } };
}

function viewDetail(entry: Entry, me: Me): QuestionDetail {
  // Accepted first, then by score, then oldest first.
  const answers = entry.answers
    .map((a) => viewAnswer(a, me, entry.question.community))
    .sort((a, b) => Number(b.accepted) - Number(a.accepted) || b.score - a.score || a.createdAt.localeCompare(b.createdAt));
  return { ...viewQuestion(entry, me), answers };
}

const STOP_WORDS = new Set('the and for how can does what when where which who why with your you our are is to in on of a an do i we it my at be by or this that from have has any'.split(' '));

function words(text: string): Set<string> {
  return new Set(
    text
      .toLocaleLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2 && !STOP_WORDS.has(w))
      // A crude stem, so "clusters" finds "cluster".
      .map((w) => w.replace(/(?:ies|es|s)$/, '')),
  );
}

/** Records `answer` by `author` as the server's POST /questions/:id/answers would. */
function addAnswer(store: Store, entry: Entry, author: PersonSummary, body: string): StoredAnswer {
  const now = new Date().toISOString();
  const stored: StoredAnswer = {
    answer: {
      id: ++store.nextId, questionId: entry.question.id, author: person(author), body, createdAt: now, editedAt: null,
      score: 0, myVote: 0, accepted: false, canEdit: false, canDelete: false, hidden: null,
    },
    base: 0,
    votes: new Map(),
  };
  entry.answers.push(stored);
  entry.question.answerCount = entry.answers.length;
  entry.question.firstAnswerAt ??= now;
  // As the server decides: someone routed to it, or who knows one of its tags.
  const expert = author.id !== entry.question.author.id
    && (entry.routes.has(author.id) || entry.question.tags.some((t) => store.known[author.id]?.includes(t)));
  if (expert) entry.question.firstExpertAnswerAt ??= now;
  return stored;
}

addMockPlugin({
  routes: [
    ['GET', /^\/questions$/, 'listQuestions'],
    ['POST', /^\/questions$/, 'askQuestion'],
    ['GET', /^\/questions\/similar$/, 'similarQuestions'],
    ['GET', /^\/questions\/\d+$/, 'getQuestion'],
    ['POST', /^\/questions\/\d+\/answers$/, 'answerQuestion'],
    ['PUT', /^\/questions\/\d+\/accepted$/, 'acceptAnswer'],
    ['POST', /^\/questions\/\d+\/pass$/, 'passQuestion'],
    ['PUT', /^\/answers\/\d+\/vote$/, 'voteAnswer'],
    ['GET', /^\/experts$/, 'experts'],
  ],
  answer(mock, operation, { url, body, me }) {
    const store = storeOf(mock);
    const params = url.searchParams;
    const id = Number(/\/(?:questions|answers)\/(\d+)/.exec(url.pathname)?.[1]);
    const entry = store.questions.find((q) => q.question.id === id);
    const input = (body ?? {}) as Record<string, unknown>;
    switch (operation) {
      case 'listQuestions': {
        const limit = limitOf(url, 20, 50);
        if (limit instanceof Response) return limit;
        const state = params.get('state');
        const unanswered = params.get('unanswered') === 'true';
        const tag = params.get('tag');
        const community = params.get('community');
        const author = params.get('author');
        const scope = params.get('scope');
        if (scope !== null && scope !== 'mine' && scope !== 'for-me') return invalid('query.scope', "one of 'mine' or 'for-me'", 'invalid_value');
        const newest = (a: Entry, b: Entry) => b.question.createdAt.localeCompare(a.question.createdAt) || b.question.id - a.question.id;
        let items: Entry[];
        if (scope === 'for-me') {
          // Routed to me (not passed, not answered by me, nothing accepted), then unanswered ones in tags I know.
          const others = store.questions.filter((e) => e.question.author.id !== me.id && !e.question.hidden);
          const routed = others
            .filter((e) => e.routes.get(me.id) === false && e.question.acceptedAnswerId === null && !e.answers.some((a) => a.answer.author.id === me.id))
            .sort(newest);
          const known = store.known[me.id] ?? [];
          const inTags = others
            .filter((e) => !e.routes.has(me.id) && e.question.answerCount === 0 && e.question.tags.some((t) => known.includes(t)))
            .sort(newest);
          items = [...routed, ...inTags];
        } else {
          items = store.questions
            .filter(({ question: q }) => (!state || q.state === state) && (!unanswered || q.answerCount === 0))
            .filter(({ question: q }) => (!tag || q.tags.includes(normalizeTag(tag) ?? tag)) && (!community || q.community?.slug === community))
            .filter(({ question: q }) => (scope === 'mine' ? q.author.id === me.id : !author || q.author.handle === author))
            .sort(newest);
        }
        const start = Number(/^c(\d+)$/.exec(params.get('cursor') ?? 'c0')?.[1] ?? NaN);
        if (!Number.isInteger(start)) return invalid('query.cursor', 'not a cursor this API issued', 'invalid_cursor');
        const end = start + limit;
        return json(200, {
          items: items.slice(start, end).map((e) => viewQuestion(e, me)),
          nextCursor: end < items.length ? `c${end}` : null,
        } satisfies QuestionPage);
      }
      case 'similarQuestions': {
        const title = (params.get('title') ?? '').trim();
        if (title.length < 3) return invalid('query.title', 'type a few words first', 'too_small');
        const limit = limitOf(url, 5, 10);
        if (limit instanceof Response) return limit;
        const tags = tagList(url);
        if (tags instanceof Response) return tags;
        const community = params.get('community');
        const wanted = words(`${title} ${params.get('body') ?? ''}`);
        const items = store.questions
          // Hidden questions leave search, as on the server.
          .filter(({ question: q }) => !q.hidden && (!community || q.community?.slug === community))
          .map((candidate) => {
            const q = candidate.question;
            const shared = [...words(`${q.title} ${q.body}`)].filter((w) => wanted.has(w)).length;
            const score = shared + 2 * q.tags.filter((t) => tags.includes(t)).length;
            const accepted = candidate.answers.find((a) => a.answer.id === q.acceptedAnswerId && !a.answer.hidden);
            return { question: viewQuestion(candidate, me), acceptedAnswer: accepted ? viewAnswer(accepted, me, q.community) : null, score };
          })
          // Two shared words, or a shared tag and a word: one common word alone is not "similar".
          .filter((item) => item.score >= 2)
          .sort((a, b) => Number(b.question.state === 'answered') - Number(a.question.state === 'answered') || b.score - a.score || b.question.id - a.question.id)
          .slice(0, limit);
        return json(200, { items } satisfies SimilarQuestions);
      }
      case 'askQuestion': {
        const title = typeof input['title'] === 'string' ? input['title'].trim() : '';
        if (title.length < 10) return invalid('body.title', 'say what you want to know in at least 10 characters', 'too_small');
        if (title.length > 200) return invalid('body.title', 'a title is at most 200 characters', 'too_big');
        const text = typeof input['body'] === 'string' ? input['body'] : '';
        if (text.length > 10_000) return invalid('body.body', 'at most 10000 characters', 'too_big');
        const rawTags = Array.isArray(input['tags']) ? (input['tags'] as unknown[]) : [];
        if (rawTags.length > 10) return invalid('body.tags', 'at most 10 tags', 'too_big');
        const tags: string[] = [];
        for (const [i, raw] of rawTags.entries()) {
          const tag = typeof raw === 'string' ? normalizeTag(raw) : null;
          if (!tag) return invalid(`body.tags.${i}`, 'a tag is 1 to 40 letters, digits, - or _');
          if (!tags.includes(tag)) tags.push(tag);
        }
        // The request this body came with (the same object), for its Idempotency-Key.
        const key = `${me.id}:${mock.requests.find((r) => r.body === body)?.headers.get('idempotency-key') ?? ''}`;
        const earlier = store.keys.get(key);
        const replay = store.questions.find((q) => q.question.id === earlier);
        if (replay) return json(200, viewDetail(replay, me));
        const slug = typeof input['community'] === 'string' ? input['community'] : null;
        const created = {
          question: {
            id: ++store.nextId, title, body: text, author: person(me), tags, state: 'open' as const, answerCount: 0,
            acceptedAnswerId: null, createdAt: new Date().toISOString(), editedAt: null, firstAnswerAt: null,
            firstExpertAnswerAt: null, newAnswers: 0, routedToMe: false,
            community: slug ? { slug, name: slug.replace(/(^|-)(\w)/g, (_, d: string, c: string) => (d ? ' ' : '') + c.toUpperCase()), visibility: 'open' as const } : null,
            canEdit: false, canDelete: false, canAccept: false, hidden: null,
          },
          answers: [],
          routes: new Map<number, boolean>(),
          seenAt: null,
        };
        store.questions.push(created);
        if (!key.endsWith(':')) store.keys.set(key, created.question.id);
        return json(201, viewDetail(created, me));
      }
      case 'getQuestion': {
        if (!entry) return problem(404, 'Not found', { detail: `question ${id} does not exist or is not visible to you` });
        const shown = viewDetail(entry, me);
        // The asker opened it: its answers are no longer new to them.
        if (entry.question.author.id === me.id) entry.seenAt = new Date().toISOString();
        return json(200, shown);
      }
      case 'passQuestion': {
        if (!entry) return problem(404, 'Not found', { detail: `question ${id} does not exist or is not visible to you` });
        const routed = entry.routes.get(me.id);
        if (routed === undefined) return problem(403, 'Not allowed', { detail: 'this question was not routed to you: there is nothing to pass' });
        if (routed) return problem(409, 'Conflict', { detail: 'you passed on this question already' });
        entry.routes.set(me.id, true);
        // The next best expert on its tags who was not asked yet and is not the asker.
        const next = store.experts
          .filter((e) => e.person.id !== entry.question.author.id && !entry.routes.has(e.person.id))
          .filter((e) => e.reasons.some((r) => entry.question.tags.includes(r.tag)))
          .sort((a, b) => b.score - a.score)[0];
        if (next) entry.routes.set(next.person.id, false);
        return json(200, viewDetail(entry, me));
      }
      case 'answerQuestion': {
        if (!entry) return problem(404, 'Not found', { detail: `question ${id} does not exist or is not visible to you` });
        const text = typeof input['body'] === 'string' ? input['body'] : '';
        if (!text.trim()) return invalid('body.body', 'write an answer first', 'custom');
        return json(201, viewAnswer(addAnswer(store, entry, me, text), me));
      }
      case 'acceptAnswer': {
        if (!entry) return problem(404, 'Not found', { detail: `question ${id} does not exist or is not visible to you` });
        if (!viewQuestion(entry, me).canAccept) {
          return problem(403, 'Not allowed', { detail: 'only the asker or a manager of the community can accept an answer' });
        }
        const answerId = input['answerId'];
        if (answerId !== null && !entry.answers.some((a) => a.answer.id === answerId)) {
          return invalid('body.answerId', 'not an answer to this question', 'wrong_question');
        }
        for (const a of entry.answers) a.answer.accepted = a.answer.id === answerId;
        entry.question.acceptedAnswerId = answerId as number | null;
        entry.question.state = answerId === null ? 'open' : 'answered';
        return json(200, viewDetail(entry, me));
      }
      case 'voteAnswer': {
        const found = store.questions.flatMap((q) => q.answers).find((a) => a.answer.id === id);
        if (!found) return problem(404, 'Not found', { detail: `answer ${id} does not exist or is not visible to you` });
        if (found.answer.author.id === me.id) return problem(403, 'Not allowed', { detail: 'you cannot vote on your own answer' });
        const value = input['value'];
        if (value !== 1 && value !== -1 && value !== 0) return invalid('body.value', 'one of 1, -1 or 0');
        if (value === 0) found.votes.delete(me.id);
        else found.votes.set(me.id, value);
        const { score, myVote } = viewAnswer(found, me);
        return json(200, { score, myVote } satisfies VoteState);
      }
      case 'experts': {
        const tags = tagList(url);
        if (tags instanceof Response) return tags;
        if (tags.length === 0) return invalid('query.tags', 'name at least one tag', 'too_small');
        const limit = limitOf(url, 5, 20);
        if (limit instanceof Response) return limit;
        const exclude = params.get('exclude');
        const items = store.experts
          .filter((e) => e.person.handle !== exclude && e.reasons.some((r) => tags.includes(r.tag)))
          .map((e) => ({ ...e, reasons: e.reasons.filter((r) => tags.includes(r.tag)) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, limit);
        return json(200, { items });
      }
      default:
        return problem(404, 'Not found');
    }
  },
});

/**
 * Another person answers, as if they had posted it from their own browser: tests and stories
 * use it for "an expert answers". Returns the answer as `author` sees it.
 */
export function answerAs(mock: MockApi, author: PersonSummary, questionId: number, body: string): Answer {
  const store = storeOf(mock);
  const entry = store.questions.find((q) => q.question.id === questionId);
  if (!entry) throw new Error(`answerAs: no question ${questionId}`);
  return addAnswer(store, entry, author, body).answer;
}

/** Who a question is routed to now (person ids, in the order they were asked), without those who passed. */
export function routedTo(mock: MockApi, questionId: number): number[] {
  const entry = storeOf(mock).questions.find((q) => q.question.id === questionId);
  return entry ? [...entry.routes].filter(([, passed]) => !passed).map(([id]) => id) : [];
}

/** The mock's questions as stored, for assertions. */
export function storedQuestions(mock: MockApi): Question[] {
  return storeOf(mock).questions.map((q) => q.question);
}

// ---- Sample data: plausible intranet questions and experts, deterministic for stable screenshots.

const [mira, jonas, aisha, tom, ana, li, sam] = samplePeople as [Me, Me, Me, Me, Me, Me, Me];
const HOUR = 3_600_000;

/** A question with its answers and sensible defaults. */
export function makeQuestion(overrides: Partial<QuestionDetail> = {}): QuestionDetail {
  const answers = overrides.answers ?? [];
  const accepted = answers.find((a) => a.accepted);
  return {
    id: 1,
    title: 'How do I get access to the staging cluster?',
    body: '',
    author: person(overrides.author ?? sam),
    community: null,
    tags: [],
    state: accepted ? 'answered' : 'open',
    answerCount: answers.length,
    acceptedAnswerId: accepted?.id ?? null,
    createdAt: new Date(Date.now() - 26 * HOUR).toISOString(),
    editedAt: null,
    firstAnswerAt: answers[0]?.createdAt ?? null,
    firstExpertAnswerAt: null,
    newAnswers: 0,
    routedToMe: false,
    canEdit: false,
    canDelete: false,
    canAccept: false,
    hidden: null,
    ...overrides,
    answers,
  };
}

export function makeAnswer(overrides: Partial<Answer> & { author?: PersonSummary } = {}): Answer {
  return {
    id: 1,
    questionId: 1,
    body: 'Here is how we do it.',
    createdAt: new Date(Date.now() - 20 * HOUR).toISOString(),
    editedAt: null,
    score: 0,
    myVote: 0,
    accepted: false,
    canEdit: false,
    canDelete: false,
    hidden: null,
    ...overrides,
    author: person(overrides.author ?? jonas),
  };
}

/** A small intranet's questions: answered and open, with votes, newest first by `createdAt`. */
export function sampleQuestions(now = Date.now()): QuestionDetail[] {
  const at = (hours: number) => new Date(now - hours * HOUR).toISOString();
  return [
    makeQuestion({
      id: 1,
      title: 'How do I get access to the staging Kubernetes cluster?',
      body: 'I joined the payments team last week and need to deploy to staging. Who grants access, and is there a form?',
      author: sam,
      tags: ['kubernetes', 'onboarding'],
      createdAt: at(14 * 24),
      answers: [
        makeAnswer({
          id: 11, questionId: 1, author: tom, accepted: true, score: 7, createdAt: at(14 * 24 - 2),
          body: 'Request the "staging-deployers" group in the IT portal (Access > Groups); your lead approves it. Once it is granted, run `hearth-login staging` and kubectl picks up the context. Details: https://wiki.example.com/platform/staging-access #kubernetes',
        }),
        makeAnswer({
          id: 12, questionId: 1, author: li, score: 2, createdAt: at(14 * 24 - 5),
          body: 'Also ask @mira.lindqvist to add you to the platform channel, announcements about cluster upgrades go there.',
        }),
      ],
    }),
    makeQuestion({
      id: 2,
      title: 'Which VPN client works on Linux laptops?',
      body: 'The intranet page only lists Windows and macOS clients.',
      author: ana,
      tags: ['vpn', 'it'],
      createdAt: at(3),
    }),
    makeQuestion({
      id: 3,
      title: 'Is there a template for the quarterly business review?',
      author: aisha,
      tags: ['q2-planning'],
      createdAt: at(30),
      answers: [makeAnswer({ id: 31, questionId: 3, author: jonas, score: 1, createdAt: at(28), body: 'Yes, on the Finance SharePoint under Templates > QBR. The 2025 version has the new KPI slide.' })],
    }),
    makeQuestion({
      id: 4,
      title: 'How do we rotate the Kubernetes secrets for the payments service?',
      body: 'Our secrets are 200 days old. Is there a runbook, and can it be done without downtime?',
      author: mira,
      tags: ['kubernetes', 'security'],
      createdAt: at(50),
      answers: [
        makeAnswer({
          id: 41, questionId: 4, author: tom, score: 4, accepted: true, createdAt: at(47),
          body: 'Use the secrets-rotation runbook on the platform wiki. With two key versions live during the switch there is no downtime: add the new one, roll the deployment, then remove the old key.',
        }),
      ],
    }),
    makeQuestion({
      id: 5,
      title: 'Who can book the atrium for a team event?',
      author: jonas,
      tags: ['facilities'],
      createdAt: at(75),
    }),
  ];
}

function reason(tag: string, r: Partial<Expert['reasons'][number]> = {}): Expert['reasons'][number] {
  return { tag, acceptedAnswers: 0, answers: 0, upvotes: 0, posts: 0, declared: false, endorsements: 0, ...r };
}

/** People who know, with their reasons and the server's summary sentence. */
export function sampleExperts(): Expert[] {
  return [
    {
      person: person(tom), score: 41.5,
      reasons: [reason('kubernetes', { acceptedAnswers: 9, answers: 14, upvotes: 38, posts: 6 }), reason('vpn', { answers: 3, declared: true, endorsements: 2 })],
      summary: '9 accepted answers on #kubernetes in the last year',
    },
    {
      person: person(mira), score: 27.2,
      reasons: [reason('kubernetes', { acceptedAnswers: 3, answers: 8, upvotes: 12, posts: 21, declared: true, endorsements: 5 })],
      summary: '3 accepted answers on #kubernetes in the last year',
    },
    {
      person: person(li), score: 8.4,
      reasons: [reason('kubernetes', { answers: 4, upvotes: 3, posts: 2 }), reason('security', { declared: true, endorsements: 1 })],
      summary: '4 answers on #kubernetes in the last year',
    },
    {
      person: person(ana), score: 5.1,
      reasons: [reason('onboarding', { declared: true, endorsements: 3, posts: 4 })],
      summary: 'Lists #onboarding, endorsed by 3 colleagues',
    },
    {
      person: person(jonas), score: 3,
      reasons: [reason('q2-planning', { posts: 5 }), reason('facilities', { answers: 1 })],
      summary: '5 posts on #q2-planning in the last year',
    },
  ];
}

/**
 * The loop of one person, Mira (the mock's default): her own questions (one with an answer she
 * has not seen, one accepted, one unanswered) and what waits for her as an expert (two questions
 * routed to her, one unanswered in a tag she knows).
 */
export function sampleLoop(now = Date.now()): Required<Pick<MockQuestionsData, 'questions' | 'experts' | 'routes' | 'known' | 'seen'>> {
  const at = (hours: number) => new Date(now - hours * HOUR).toISOString();
  const questions = [
    ...sampleQuestions(now),
    makeQuestion({
      id: 101,
      title: 'Can we get a second staging database for load tests?',
      body: 'The load tests and the demo share one database and slow each other down.',
      author: mira,
      tags: ['databases'],
      createdAt: at(6),
      firstExpertAnswerAt: at(1),
      answers: [makeAnswer({ id: 1011, questionId: 101, author: tom, createdAt: at(4), body: 'Yes: ask for one in the platform portal, it takes a day.' }),
        makeAnswer({ id: 1012, questionId: 101, author: li, createdAt: at(1), body: 'We did this for payments; the runbook is on the wiki.' })],
    }),
    makeQuestion({
      id: 102,
      title: 'Who owns the on-call rota for the payments service?',
      author: mira,
      tags: ['on-call'],
      createdAt: at(20),
    }),
    makeQuestion({
      id: 103,
      title: 'Which Helm chart version do we standardize on this quarter?',
      body: 'Two teams pin different major versions.',
      author: jonas,
      tags: ['kubernetes', 'helm'],
      createdAt: at(8),
    }),
  ];
  // Question 4 (Mira's, accepted) was opened after its answer; 101's answers are new to her.
  return { questions, experts: sampleExperts(), routes: { 2: [mira.id, li.id], 103: [mira.id, tom.id] }, known: { [mira.id]: ['kubernetes', 'facilities'] }, seen: { 4: at(40) } };
}
