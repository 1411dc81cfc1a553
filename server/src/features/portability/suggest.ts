/**
 * `hearth tags suggest`: tags from the existing vocabulary that a text is about, for tagging
 * migrated content the way people here already tag. A tag is proposed when every word of its
 * name (hyphens and underscores read as spaces) occurs in the text after English stemming
 * ("deploying" finds #deploy, "release notes" finds #release-notes), most used tags first. Tags
 * the text already carries as #hashtags, merged tags and tags nobody uses are left out.
 */
import { extractTags } from '@hearth/contracts';
import type { Queryable } from '../../db/index.ts';

export interface TagSuggestion {
  name: string;
  /** Posts and replies carrying the tag, all communities. */
  posts: number;
}

export async function suggestTags(db: Queryable, text: string, limit = 5): Promise<TagSuggestion[]> {
  const present = extractTags(text);
  return db.query<TagSuggestion>(
    `WITH doc AS (SELECT to_tsvector('english'::regconfig, $1) AS v),
     used AS (SELECT tag_id, sum(posts)::int AS posts FROM tag_totals GROUP BY tag_id HAVING sum(posts) > 0)
     SELECT t.name, u.posts
       FROM tags t JOIN used u ON u.tag_id = t.id, doc
      WHERE t.merged_into IS NULL AND NOT (t.name = ANY($2::text[]))
        AND numnode(plainto_tsquery('english'::regconfig, translate(t.name, '-_', '  '))) > 0
        AND doc.v @@ plainto_tsquery('english'::regconfig, translate(t.name, '-_', '  '))
      ORDER BY u.posts DESC, t.name
      LIMIT $3`,
    [text, present, limit]);
}
