import type { Queryable } from '../../db/index.ts';
import type { CommunitySummary, PersonSummary } from '@hearth/contracts';
import type { Candidate } from '../posts/repo.ts';

/** How many of the best-ranked matches facets count over, and how many values each facet lists. */
export const FACET_MATCHES = 200;
export const FACET_VALUES = 10;

export interface FacetsRow {
  tags: { name: string; count: number }[] | null;
  communities: (CommunitySummary & { count: number })[] | null;
  authors: (PersonSummary & { count: number })[] | null;
}

/** As the search ranks: answered first when asked (grp), then score, newest, highest id. */
const byRank = (a: Candidate, b: Candidate) => a.grp - b.grp || b.score - a.score || b.at - a.at || b.id - a.id;

function counts(values: number[]): [number[], number[]] {
  const n = new Map<number, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [[...n.keys()], [...n.values()]];
}

export function searchRepo(db: Queryable) {
  return {
    /**
     * Counts of tags, communities and authors over the best-ranked matches (at most
     * FACET_MATCHES) of a search: the candidates its own statements returned (SearchFilter.top:
     * postsRepo.search, questionsRepo.search), so facets describe the results and never search
     * again. Communities and authors are counted here; the tags of those posts and questions,
     * and every name, are read by key in one statement (never a hash of all people). What the
     * viewer may not see was never a candidate, so is never counted.
     */
    async facets(candidates: Candidate[]): Promise<FacetsRow> {
      const best = [...candidates].sort(byRank).slice(0, FACET_MATCHES);
      if (best.length === 0) return { tags: null, communities: null, authors: null };
      const ids = (kind: Candidate['kind']) => best.filter((c) => c.kind === kind).map((c) => c.id);
      const [communityIds, communityCounts] = counts(best.flatMap((c) => (c.community_id === null ? [] : [c.community_id])));
      const [authorIds, authorCounts] = counts(best.map((c) => c.author_id));
      const [row] = await db.query<FacetsRow>(
        `WITH tag_counts AS (
           SELECT tag_id, count(*)::int AS n FROM (
             SELECT pt.tag_id FROM post_tags pt WHERE pt.post_id = ANY($1::int[])
             UNION ALL
             SELECT qt.tag_id FROM question_tags qt WHERE qt.question_id = ANY($2::int[])) x
           GROUP BY tag_id),
         community_counts AS (SELECT * FROM unnest($3::int[], $4::int[]) AS c(community_id, n)),
         author_counts AS (SELECT * FROM unnest($5::int[], $6::int[]) AS a(author_id, n))
         SELECT
           (SELECT json_agg(json_build_object('name', name, 'count', n) ORDER BY n DESC, name) FROM (
              SELECT t.name, c.n FROM tag_counts c JOIN tags t ON t.id = c.tag_id
              ORDER BY c.n DESC, t.name LIMIT $7) x) AS tags,
           (SELECT json_agg(json_build_object('slug', slug, 'name', name, 'visibility', visibility, 'count', n) ORDER BY n DESC, name, slug) FROM (
              SELECT cm.slug, cm.name, cm.visibility, c.n FROM community_counts c JOIN communities cm ON cm.id = c.community_id
              ORDER BY c.n DESC, cm.name, cm.slug LIMIT $7) x) AS communities,
           (SELECT json_agg(json_build_object('id', id, 'handle', handle, 'name', name, 'title', title, 'department', department, 'count', n)
                            ORDER BY n DESC, name, id) FROM (
              SELECT pe.id, pe.handle, pe.name, pe.title, pe.department, c.n FROM author_counts c
              CROSS JOIN LATERAL (SELECT id, handle, name, title, department FROM people WHERE id = c.author_id OFFSET 0) pe
              ORDER BY c.n DESC, pe.name, pe.id LIMIT $7) x) AS authors`,
        [ids('post'), ids('question'), communityIds, communityCounts, authorIds, authorCounts, FACET_VALUES]);
      return row ?? { tags: null, communities: null, authors: null };
    },
  };
}
