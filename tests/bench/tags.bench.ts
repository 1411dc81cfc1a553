/**
 * `npm run bench:tags`: the tag cloud for each window and everything the search box asks (posts
 * and questions ranked together, each kind alone, a common word, a tag filter, people, the
 * communities directory, tag suggestions), over HTTP and as the query alone, beside a trivial
 * route of the same run. Targets on PostgreSQL at 1,000,000 posts, server side: cloud p95 <= 10 ms
 * (issue 3); every search p95 <= 20 ms, people and communities p95 <= 10 ms (issue 14). Seeds
 * posts, replies, tags and one question per 20 posts, and reuses a kept schema with --reuse. See
 * docs/benchmarks.md.
 */
import { int, main, ms, targetLines, type SuiteSpec } from './lib.ts';

const CLOUD_P95_MS = 10;
const SEARCH_P95_MS = 20;
const FIND_P95_MS = 10;
const AT_POSTS = 1_000_000;

const tags: SuiteSpec = {
  suite: 'tags',
  title: 'tags and search',
  description: `Seeds N posts (with their replies, tags and the maintained per-day tag counts) and N/20 questions,
starts the app in a child process, and loads the tag cloud (7, 30, 90 days, all time), search (a
common word, a rare word, a phrase, a word within a tag; posts only; questions only, answered
first), people search, the communities directory search, tag suggestions and a trivial route
(healthz) with autocannon; then times the repository's SQL for each alone. Targets at 1,000,000
posts on PostgreSQL: cloud p95 <= ${CLOUD_P95_MS} ms, search p95 <= ${SEARCH_P95_MS} ms, people and
communities p95 <= ${FIND_P95_MS} ms.`,
  defaults: {
    posts: 100_000,
    connections: 4,
    schema: 'bench_tags',
    people: (posts) => Math.max(180, Math.round(posts / 50)),
    // One question per 20 posts (as bench:experts), so question search ranks a realistic set.
    questions: (posts) => Math.round(posts / 20),
    queryRuns: 200,
  },
  scenarios: [
    'cloud7', 'cloud30', 'cloud90', 'cloudall',
    'search-common', 'search-rare', 'search-phrase', 'search-tag', 'search-posts', 'search-questions',
    'people', 'communities', 'tag-suggest', 'healthz',
  ],
  routes(info) {
    const s = info.subjects;
    const q = (term: string) => encodeURIComponent(term);
    const cloud = (days: string) => ({
      name: `cloud${days}`, path: `/api/v1/tags?days=${days}`, auth: true, status: 200,
      what: days === 'all' ? 'tag cloud, all time (tag_totals)' : `tag cloud, last ${days} days with the ${days} before for trending (tag_daily)`,
    });
    // As <hearth-search> in a page body asks: 10 results and the facets on the first page.
    const search = (query: string) => `/api/v1/search?q=${q(query)}&limit=10`;
    return [
      cloud('7'), cloud('30'), cloud('90'), cloud('all'),
      { name: 'search-common', path: search(s.common!), auth: true, status: 200, what: `posts and questions, a common word, in ${s.commonMatches} visible posts` },
      { name: 'search-rare', path: search(s.rare!), auth: true, status: 200, what: `posts and questions, a rare word, in ${s.rareMatches} visible posts` },
      { name: 'search-phrase', path: search(s.phrase!), auth: true, status: 200, what: `posts and questions, a two-word phrase, in ${s.phraseMatches} visible posts` },
      { name: 'search-tag', path: `${search(s.tagged!)}&tag=${q(s.tag!)}`, auth: true, status: 200, what: `posts and questions, a word within #${s.tag}, ${s.taggedMatches} visible posts` },
      { name: 'search-posts', path: `${search(s.common!)}&kind=post`, auth: true, status: 200, what: `posts only, the common word (${s.commonMatches} visible posts)` },
      { name: 'search-questions', path: `${search(s.question!)}&kind=question`, auth: true, status: 200, what: `questions only, answered first, a common word in ${s.questionMatches} visible questions` },
      { name: 'people', path: `/api/v1/people?q=${q(s.person!)}&limit=5`, auth: true, status: 200, what: `people by a name prefix, ${s.personMatches} active people match` },
      { name: 'communities', path: `/api/v1/communities?q=${q(s.community!)}&limit=5`, auth: true, status: 200, what: `communities directory search, ${s.communityMatches} communities match` },
      { name: 'tag-suggest', path: `/api/v1/tags/suggest?prefix=${q(s.tag!.slice(0, 3))}&limit=5`, auth: true, status: 200, what: 'tags by prefix, most used first (the search box\'s tag row)' },
      { name: 'healthz', path: '/healthz', auth: false, status: 200, what: 'trivial route of the same app: no token, SELECT 1' },
    ];
  },
  targets(info, options, results, reports) {
    const s = info.subjects;
    const lines: string[] = [];
    const trivial = results.find((r) => r.scenario.name === 'healthz');
    const others = results.filter((r) => r !== trivial);
    if (trivial && others.length) {
      lines.push(`over HTTP, compared with the trivial route (healthz: ${int(trivial.rps)} req/s, p95 ${ms(trivial.p95)} ms)`);
      const width = Math.max(...others.map((r) => r.scenario.name.length));
      for (const r of others) {
        lines.push(`  ${r.scenario.name.padEnd(width)}  req/s ${(r.rps / trivial.rps).toFixed(2)}x   p95 ${(r.p95 / trivial.p95).toFixed(2)}x`
          + ` (+${ms(Math.max(0, r.p95 - trivial.p95))} ms)`);
      }
      lines.push('');
    }
    return [...lines, ...targetLines(info, options, results, reports, [
      ['cloud7', 'cloud days=7', CLOUD_P95_MS, 'cloud 7 days'],
      ['cloud30', 'cloud days=30', CLOUD_P95_MS, 'cloud 30 days'],
      ['cloud90', 'cloud days=90', CLOUD_P95_MS, 'cloud 90 days'],
      ['cloudall', 'cloud days=all', CLOUD_P95_MS, 'cloud all time'],
      ['search-common', `search ${s.common}`, SEARCH_P95_MS, `search ${s.common}`],
      ['search-rare', `search ${s.rare}`, SEARCH_P95_MS, `search ${s.rare}`],
      ['search-phrase', `search ${s.phrase}`, SEARCH_P95_MS, `search ${s.phrase}`],
      ['search-tag', `search ${s.tagged} tag=${s.tag}`, SEARCH_P95_MS, `search ${s.tagged} #${s.tag}`],
      ['search-posts', `search posts ${s.common}`, SEARCH_P95_MS, `search posts ${s.common}`],
      ['search-questions', `search questions ${s.question}`, SEARCH_P95_MS, `search questions ${s.question}`],
      ['people', `people ${s.person}`, FIND_P95_MS, `people ${s.person}`],
      ['communities', `communities ${s.community}`, FIND_P95_MS, `communities ${s.community}`],
      ['tag-suggest', `tag suggest ${s.tag!.slice(0, 3)}`, SEARCH_P95_MS, `tags ${s.tag!.slice(0, 3)}`],
    ], AT_POSTS)];
  },
};

main(tags);
