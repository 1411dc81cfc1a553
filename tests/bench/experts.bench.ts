/**
 * `npm run bench:experts`: expert suggestions for one and two tags and similar-question search,
 * over HTTP and as the queries alone. Target (issue 5), on PostgreSQL with 1,000,000 posts and
 * 100,000 people, server side: both p95 <= 20 ms. Seeds posts plus questions with answers,
 * votes, accepted answers, skills and endorsements (expertise maintained as the API does), and
 * reuses a kept schema with --reuse. See docs/benchmarks.md.
 */
import { main, targetLines, type SuiteSpec } from './lib.ts';

const P95_MS = 20;
const AT_POSTS = 1_000_000;

const experts: SuiteSpec = {
  suite: 'experts',
  title: 'ask an expert',
  description: `Seeds N posts, one person per 10 posts and one question per 20 posts (0-4 answers each, votes,
about 60% accepted, declared skills, endorsements, a few people away), starts the app in a child
process and loads expert suggestions and similar-question search with autocannon; then times
the repository's SQL for each alone. Target at 1,000,000 posts and 100,000 people on PostgreSQL:
p95 <= ${P95_MS} ms for both.`,
  defaults: {
    posts: 100_000,
    connections: 4,
    schema: 'bench_experts',
    people: (posts) => Math.max(180, Math.round(posts / 10)),
    questions: (posts) => Math.round(posts / 20),
    queryRuns: 200,
  },
  scenarios: ['experts-one', 'experts-two', 'similar', 'similar-notags'],
  routes(info) {
    const s = info.subjects;
    const title = encodeURIComponent(s.title!);
    return [
      { name: 'experts-one', path: `/api/v1/experts?tags=${s.tag}`, auth: true, status: 200, what: `who knows about #${s.tag} (${s.tagQuestions} questions)` },
      { name: 'experts-two', path: `/api/v1/experts?tags=${s.tag},${s.second}`, auth: true, status: 200, what: `who knows about #${s.tag} and #${s.second}` },
      { name: 'similar', path: `/api/v1/questions/similar?title=${title}&tags=${s.tag}`, auth: true, status: 200, what: `questions like "${s.title}" tagged #${s.tag}` },
      { name: 'similar-notags', path: `/api/v1/questions/similar?title=${title}`, auth: true, status: 200, what: 'the same without tags: text only' },
    ];
  },
  targets(info, options, results, reports) {
    const s = info.subjects;
    return targetLines(info, options, results, reports, [
      ['experts-one', `experts ${s.tag}`, P95_MS, `experts #${s.tag}`],
      ['experts-two', `experts ${s.tag},${s.second}`, P95_MS, `experts #${s.tag},#${s.second}`],
      ['similar', `similar tags=${s.tag}`, P95_MS, `similar, tag #${s.tag}`],
      ['similar-notags', 'similar (no tags)', P95_MS, 'similar, no tags'],
    ], AT_POSTS);
  },
};

main(experts);
