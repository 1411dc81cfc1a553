-- Search finds the newest matches of a word or phrase without reading all of them (issue #14).
--
-- A post search takes its candidates from the newest matches (posts/repo.ts `matchesSql`): first
-- among the newest posts; when those hold too few, from the full-text index. A GIN index cannot
-- give matches newest first, so a phrase that matched 12,000 posts read all 12,000 to keep the
-- newest 500. Here the index also holds each post's day and month, as two more lexemes of the
-- indexed vector: a search asks for the matches of the last days, then of the last months, then
-- of all time, each only when the one before found too few, and the index intersects the words
-- with those days or months before any row is read. The lexemes have a space in them, which no
-- parsed query can produce, so no typed search ever matches them; `search` itself (ranks,
-- highlights) is unchanged. Days are counted in UTC from 1970-01-01, months from year 0
-- (year * 12 + month - 1).

CREATE FUNCTION search_period(at timestamptz) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_tsvector(ARRAY[
          'day ' || (((at AT TIME ZONE 'UTC')::date - date '1970-01-01'))::text,
          'month ' || ((extract(year FROM at AT TIME ZONE 'UTC'))::int * 12 + (extract(month FROM at AT TIME ZONE 'UTC'))::int - 1)::text]) $$;

-- Replaces posts_search: every post search matches on this expression (posts/repo.ts postText).
CREATE INDEX posts_search_recent ON posts USING gin ((search || search_period(created_at))) WHERE deleted_at IS NULL;
DROP INDEX posts_search;
