-- Relevance (issue #14, docs/relevance.md): term statistics for similar questions, and expertise
-- that counts only what helped others.
--
-- 1. How many questions use each word (document frequency), so a rare word ("lunch", "kubectl")
--    weighs more than a common one ("access", "use"). Kept on write by statement triggers on
--    `questions`, never recounted per query. Per community (0 = company-wide), so a reader's
--    statistics add up only the communities they can see: nothing about a restricted community's
--    wording reaches a non-member, even as a score. A question counts while it is neither deleted
--    nor hidden by a moderator; its words are the lexemes of its `search` vector (title and body,
--    stemmed, without stop words), each counted once per question.

CREATE TABLE question_terms (
  term         text NOT NULL,
  community_id integer NOT NULL,
  df           integer NOT NULL,
  PRIMARY KEY (term, community_id)
);

-- The number of questions counted, per community: the N of the inverse document frequency.
CREATE TABLE question_term_docs (
  community_id integer PRIMARY KEY,
  n            integer NOT NULL
);

-- The difference a statement made: -1 for each word of a row that counted before, +1 for each
-- word of a row that counts after, added in term order (concurrent writers lock rows in the same
-- order). An UPDATE that changed none of search, community, deleted_at and hidden_at (answer
-- counts, acceptance, ...) adds nothing. A word whose count falls to 0 keeps its row (df 0, read
-- as an unknown word): the vocabulary is bounded, and no writer has to delete under the others.
CREATE FUNCTION question_terms_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  counted_old text := 'o.deleted_at IS NULL AND o.hidden_at IS NULL';
  counted_new text := 'n.deleted_at IS NULL AND n.hidden_at IS NULL';
  same text := 'n.search = o.search AND n.community_id IS NOT DISTINCT FROM o.community_id';
  gone text := 'SELECT NULL::integer AS community_id, NULL::tsvector AS search WHERE false';
  came text := gone;
BEGIN
  IF TG_OP = 'DELETE' THEN
    gone := format('SELECT o.community_id, o.search FROM old_rows o WHERE %s', counted_old);
  ELSIF TG_OP = 'INSERT' THEN
    came := format('SELECT n.community_id, n.search FROM new_rows n WHERE %s', counted_new);
  ELSE
    gone := format('SELECT o.community_id, o.search FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE %s AND NOT (%s AND %s)',
                   counted_old, counted_new, same);
    came := format('SELECT n.community_id, n.search FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %s AND NOT (%s AND %s)',
                   counted_new, counted_old, same);
  END IF;
  EXECUTE format($q$
    WITH changed AS (
      SELECT COALESCE(g.community_id, 0) AS community_id, g.search, -1 AS d FROM (%s) g
      UNION ALL
      SELECT COALESCE(c.community_id, 0), c.search, 1 FROM (%s) c),
    docs AS (
      INSERT INTO question_term_docs AS t (community_id, n)
        SELECT community_id, sum(d) FROM changed GROUP BY 1 HAVING sum(d) <> 0 ORDER BY 1
      ON CONFLICT (community_id) DO UPDATE SET n = t.n + EXCLUDED.n)
    INSERT INTO question_terms AS t (term, community_id, df)
      SELECT w, community_id, sum(d) FROM changed, unnest(tsvector_to_array(search)) w
      GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
    ON CONFLICT (term, community_id) DO UPDATE SET df = t.df + EXCLUDED.df$q$, gone, came);
  RETURN NULL;
END $fn$;

CREATE TRIGGER question_terms_insert AFTER INSERT ON questions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION question_terms_apply();
CREATE TRIGGER question_terms_update AFTER UPDATE ON questions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION question_terms_apply();
CREATE TRIGGER question_terms_delete AFTER DELETE ON questions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION question_terms_apply();

-- What is there already.
INSERT INTO question_terms (term, community_id, df)
  SELECT w, COALESCE(q.community_id, 0), count(*) FROM questions q, unnest(tsvector_to_array(q.search)) w
  WHERE q.deleted_at IS NULL AND q.hidden_at IS NULL GROUP BY 1, 2;
INSERT INTO question_term_docs (community_id, n)
  SELECT COALESCE(community_id, 0), count(*) FROM questions WHERE deleted_at IS NULL AND hidden_at IS NULL GROUP BY 1;

-- 2. Expertise counts what helped others: answers (accepted, up-voted), endorsed and declared
--    skills. Posts in a tag no longer count (004 gave them 0.5 each): a colleague who posted five
--    times that the VPN annoys them is not who to ask about the VPN. Their share leaves the
--    aggregate exactly as the trigger had put it in, and rows left with nothing go.
DROP TRIGGER post_tags_expertise_insert ON post_tags;
DROP TRIGGER post_tags_expertise_delete ON post_tags;
DROP FUNCTION post_tags_expertise();
INSERT INTO expertise AS e (tag_id, community_id, person_id, score)
  SELECT pt.tag_id, COALESCE(p.community_id, 0), p.author_id, -sum(expertise_weight(0.5, pt.created_at))
  FROM post_tags pt JOIN posts p ON p.id = pt.post_id GROUP BY 1, 2, 3
ON CONFLICT (tag_id, community_id, person_id) DO UPDATE SET score = e.score + EXCLUDED.score;
-- Scores are sums of events of at least expertise_weight(1, 2020-01-01) = 1: what is left below
-- a millionth is rounding.
DELETE FROM expertise WHERE abs(score) < 1e-6;
