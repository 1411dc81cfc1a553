import type { Queryable } from '../../db/index.ts';
import type { CommunitySummary, PersonSummary } from '@hearth/contracts';
import { matchesSql, postSource, SEARCH_CANDIDATES } from '../posts/repo.ts';
import { questionSource } from '../questions/repo.ts';

/** What a search's facets count over: the same filters as the search itself. */
export interface FacetFilter {
  hidden: number[];
  query: string;
  kind?: 'post' | 'question' | undefined;
  communityId?: number | undefined;
  authorId?: number | undefined;
  tagId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /**
   * The rows the search's first page needs (its limit + 1): as the search does, facets look past
   * the newest window only when fewer match there. A default page when left out.
   */
  need?: number | undefined;
}

/** How many of the best-ranked matches facets count over, and how many values each facet lists. */
export const FACET_MATCHES = 200;
export const FACET_VALUES = 10;
/** A first page of the default size, and one more to know there is a next page. */
const DEFAULT_NEED = 21;

export interface FacetsRow {
  tags: { name: string; count: number }[] | null;
  communities: (CommunitySummary & { count: number })[] | null;
  authors: (PersonSummary & { count: number })[] | null;
}

export function searchRepo(db: Queryable) {
  return {
    /**
     * Counts of tags, communities and authors over the best-ranked matches (at most
     * FACET_MATCHES), in one statement. Matches are found and ranked as postsRepo.search and
     * questionsRepo.search find and rank them (the same `matchesSql` candidates, by ts_rank_cd;
     * questions searched alone with answered ones first), so the counts describe the results and
     * cost what the search costs (the same walks: `postSource`, `questionSource`). The at most
     * FACET_MATCHES rows are then joined by key (tags, communities, and each author looked up by
     * id, never a hash of all people). What the viewer may not see (a community hidden from them,
     * deleted or moderated content) is never a match, so never counted.
     */
    async facets(f: FacetFilter): Promise<FacetsRow> {
      const params: unknown[] = [f.hidden, f.query];
      const match = (alias: string) => `${alias}.search @@ websearch_to_tsquery('english', $2)`;
      const cap = `$${params.push(SEARCH_CANDIDATES)}`;
      const need = `$${params.push(f.need ?? DEFAULT_NEED)}`;
      const filters = (alias: 'p' | 'q') => {
        const where = [
          `${alias}.deleted_at IS NULL`,
          `(${alias}.community_id IS NULL OR NOT (${alias}.community_id = ANY($1::int[])))`,
          `${alias}.hidden_at IS NULL`,
        ];
        const add = (sql: string, value: unknown) => where.push(sql.replaceAll('?', `$${params.push(value)}`));
        if (f.communityId !== undefined) add(`${alias}.community_id = ?`, f.communityId);
        if (f.authorId !== undefined) add(`${alias}.author_id = ?`, f.authorId);
        if (f.tagId !== undefined) add(alias === 'p' ? 'pt.tag_id = ?' : 'qt.tag_id = ?', f.tagId);
        if (f.from !== undefined) add(`${alias}.created_at >= (?::date)::timestamptz`, f.from);
        if (f.to !== undefined) add(`${alias}.created_at < (?::date + 1)::timestamptz`, f.to);
        return where;
      };
      const score = "ts_rank_cd(m.search, websearch_to_tsquery('english', $2), 32)";
      const ranked: string[] = [];
      if (f.kind !== 'question') {
        const source = postSource(f.tagId !== undefined);
        const matches = matchesSql({
          columns: 'p.id, p.author_id, p.community_id, p.search, p.created_at',
          from: source.from,
          alias: 'p',
          filters: filters('p'),
          match,
          time: source.time,
          key: source.key,
          window: `$${params.push(source.window)}`,
          cap, need,
        });
        ranked.push(`SELECT 'post' AS kind, m.id, m.author_id, m.community_id, 0 AS grp, ${score} AS score, m.created_at FROM (${matches}) m`);
      }
      if (f.kind !== 'post') {
        const source = questionSource(f.tagId !== undefined);
        const where = filters('q');
        const matches = matchesSql({
          columns: 'q.id, q.author_id, q.community_id, q.search, q.created_at, q.accepted_answer_id, q.answer_count',
          from: source.from,
          alias: 'q',
          filters: where,
          older: source.older?.(where),
          match,
          time: source.time,
          key: source.key,
          window: `$${params.push(source.window)}`,
          cap, need,
        });
        // Questions searched alone: an accepted answer first, then any answer (as the search ranks).
        const grp = f.kind === 'question' ? 'CASE WHEN m.accepted_answer_id IS NOT NULL THEN 0 WHEN m.answer_count > 0 THEN 1 ELSE 2 END' : '0';
        ranked.push(`SELECT 'question' AS kind, m.id, m.author_id, m.community_id, ${grp} AS grp, ${score} AS score, m.created_at FROM (${matches}) m`);
      }
      const top = params.push(FACET_MATCHES);
      const values = params.push(FACET_VALUES);
      const [row] = await db.query<FacetsRow>(
        `WITH top AS (
           SELECT kind, id, author_id, community_id FROM (${ranked.join(' UNION ALL ')}) r
           ORDER BY grp, score DESC, created_at DESC, id DESC LIMIT $${top}),
         tag_counts AS (
           SELECT tag_id, count(*)::int AS n FROM (
             SELECT pt.tag_id FROM top t JOIN post_tags pt ON pt.post_id = t.id WHERE t.kind = 'post'
             UNION ALL
             SELECT qt.tag_id FROM top t JOIN question_tags qt ON qt.question_id = t.id WHERE t.kind = 'question') x
           GROUP BY tag_id),
         community_counts AS (
           SELECT community_id, count(*)::int AS n FROM top WHERE community_id IS NOT NULL GROUP BY community_id),
         author_counts AS (
           SELECT author_id, count(*)::int AS n FROM top GROUP BY author_id)
         SELECT
           (SELECT json_agg(json_build_object('name', name, 'count', n) ORDER BY n DESC, name) FROM (
              SELECT t.name, c.n FROM tag_counts c JOIN tags t ON t.id = c.tag_id
              ORDER BY c.n DESC, t.name LIMIT $${values}) x) AS tags,
           (SELECT json_agg(json_build_object('slug', slug, 'name', name, 'visibility', visibility, 'count', n) ORDER BY n DESC, name, slug) FROM (
              SELECT cm.slug, cm.name, cm.visibility, c.n FROM community_counts c JOIN communities cm ON cm.id = c.community_id
              ORDER BY c.n DESC, cm.name, cm.slug LIMIT $${values}) x) AS communities,
           (SELECT json_agg(json_build_object('id', id, 'handle', handle, 'name', name, 'title', title, 'department', department, 'count', n)
                            ORDER BY n DESC, name, id) FROM (
              SELECT pe.id, pe.handle, pe.name, pe.title, pe.department, c.n FROM author_counts c
              CROSS JOIN LATERAL (SELECT id, handle, name, title, department FROM people WHERE id = c.author_id OFFSET 0) pe
              ORDER BY c.n DESC, pe.name, pe.id LIMIT $${values}) x) AS authors`,
        params);
      return row ?? { tags: null, communities: null, authors: null };
    },
  };
}
