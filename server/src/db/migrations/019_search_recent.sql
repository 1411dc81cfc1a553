-- Search finds the newest matches of a word or phrase without reading all of them (issue #14).
--
-- A post search takes its candidates from the newest matches (posts/repo.ts `matchesSql`): first
-- among the newest posts; when those hold too few, from the full-text index. A GIN index cannot
-- give matches newest first, so a phrase that matched 12,000 posts read all 12,000 to keep the
-- newest 500. Here the index also holds each post's day, as one more lexeme of the indexed
-- vector: a search asks for the matches of today, then of each day before, for a few days, then
-- of all time, each only when what came before found too few, and the index intersects the words
-- with that one day before any row is read (one day at a time: a required lexeme lets the index
-- skip through a common word's long list; a choice of days, or a month, did not). The lexeme has a
-- space in it, which no parsed query can produce, so no typed search ever matches it; `search`
-- itself (ranks, highlights) is unchanged. Days are counted in UTC from 1970-01-01.

CREATE FUNCTION search_period(at timestamptz) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_tsvector(ARRAY['day ' || (((at AT TIME ZONE 'UTC')::date - date '1970-01-01'))::text]) $$;

-- Replaces posts_search: every post search matches on this expression (posts/repo.ts postText).
CREATE INDEX posts_search_recent ON posts USING gin ((search || search_period(created_at))) WHERE deleted_at IS NULL;
DROP INDEX posts_search;

-- Statistics for the new expression, so the planner knows how rare a word is within it.
ANALYZE posts;
