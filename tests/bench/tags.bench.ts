/**
 * `npm run bench:tags`: the tag cloud for each window and full-text search, over HTTP and as
 * the query alone. Targets (issue 3), on PostgreSQL at 1,000,000 posts, server side: cloud p95
 * <= 10 ms, search p95 <= 50 ms. Seeds like bench:feed (posts, replies, tags; no questions by
 * default) and reuses a kept schema with --reuse. See docs/benchmarks.md.
 */
import { main, targetLines, type SuiteSpec } from './lib.ts';

const CLOUD_P95_MS = 10;
const SEARCH_P95_MS = 50;
const AT_POSTS = 1_000_000;

const tags: SuiteSpec = {
  suite: 'tags',
  title: 'tags and search',
  description: `Seeds N posts (with their replies, tags and the maintained per-day tag counts), starts the app in a
child process, and loads the tag cloud (7, 30, 90 days, all time) and search (a common word, a
rare word, a phrase, a word within a tag) with autocannon; then times the repository's SQL for
each alone. Targets at 1,000,000 posts on PostgreSQL: cloud p95 <= ${CLOUD_P95_MS} ms, search p95 <= ${SEARCH_P95_MS} ms.`,
  defaults: {
    posts: 100_000,
    connections: 4,
    schema: 'bench_tags',
    people: (posts) => Math.max(180, Math.round(posts / 50)),
    questions: () => 0,
    queryRuns: 200,
  },
  scenarios: ['cloud7', 'cloud30', 'cloud90', 'cloudall', 'search-common', 'search-rare', 'search-phrase', 'search-tag'],
  routes(info) {
    const s = info.subjects;
    const q = (term: string) => encodeURIComponent(term);
    const cloud = (days: string) => ({
      name: `cloud${days}`, path: `/api/v1/tags?days=${days}`, auth: true, status: 200,
      what: days === 'all' ? 'tag cloud, all time (tag_totals)' : `tag cloud, last ${days} days with the ${days} before for trending (tag_daily)`,
    });
    return [
      cloud('7'), cloud('30'), cloud('90'), cloud('all'),
      { name: 'search-common', path: `/api/v1/search?q=${q(s.common!)}`, auth: true, status: 200, what: `a common word, in ${s.commonMatches} visible posts` },
      { name: 'search-rare', path: `/api/v1/search?q=${q(s.rare!)}`, auth: true, status: 200, what: `a rare word, in ${s.rareMatches} visible posts` },
      { name: 'search-phrase', path: `/api/v1/search?q=${q(s.phrase!)}`, auth: true, status: 200, what: `a two-word phrase, in ${s.phraseMatches} visible posts` },
      { name: 'search-tag', path: `/api/v1/search?q=${q(s.tagged!)}&tag=${q(s.tag!)}`, auth: true, status: 200, what: `a word within #${s.tag}, ${s.taggedMatches} visible posts` },
    ];
  },
  targets(info, options, results, reports) {
    const s = info.subjects;
    return targetLines(info, options, results, reports, [
      ['cloud7', 'cloud days=7', CLOUD_P95_MS, 'cloud 7 days'],
      ['cloud30', 'cloud days=30', CLOUD_P95_MS, 'cloud 30 days'],
      ['cloud90', 'cloud days=90', CLOUD_P95_MS, 'cloud 90 days'],
      ['cloudall', 'cloud days=all', CLOUD_P95_MS, 'cloud all time'],
      ['search-common', `search ${s.common}`, SEARCH_P95_MS, `search ${s.common}`],
      ['search-rare', `search ${s.rare}`, SEARCH_P95_MS, `search ${s.rare}`],
      ['search-phrase', `search ${s.phrase}`, SEARCH_P95_MS, `search ${s.phrase}`],
      ['search-tag', `search ${s.tagged} tag=${s.tag}`, SEARCH_P95_MS, `search ${s.tagged} #${s.tag}`],
    ], AT_POSTS);
  },
};

main(tags);
