-- Adoption measures (issue #15, docs/adoption.md), kept on write: GET /adoption reads at most
-- the window's rows of these tables (12 weeks), never the posts.

-- What each person wrote per UTC day and community (0 = outside any community): top-level posts,
-- replies, questions, answers, and top-level posts with at least one tag. A row counts what is
-- neither deleted nor hidden by a moderator; an answer counts in its question's community. Kept
-- by the triggers below, so every path that writes (services, seed, imports) keeps it exact.
CREATE TABLE adoption_days (
  day          date NOT NULL,
  community_id integer NOT NULL,
  person_id    integer NOT NULL REFERENCES people (id),
  posts        integer NOT NULL DEFAULT 0,
  replies      integer NOT NULL DEFAULT 0,
  questions    integer NOT NULL DEFAULT 0,
  answers      integer NOT NULL DEFAULT 0,
  tagged_posts integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, community_id, person_id)
);
CREATE INDEX adoption_days_by_community ON adoption_days (community_id, day);

-- Where widgets sit: the host page (URL without query or fragment) and the widget's kind, as the
-- widgets report it (X-Hearth-Placement). Id 0, "not reported", is no row.
CREATE TABLE placements (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind       text NOT NULL,
  url        text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (url, kind)
);

-- Reading (and writing) through a placement: one row per person, UTC day and placement, with
-- whether they read (a signed-in GET) and wrote (a successful signed-in write) there that day.
-- A daily aggregate, never a reading history: no times, no paths, no content ids.
CREATE TABLE activity_days (
  day          date NOT NULL,
  person_id    integer NOT NULL REFERENCES people (id),
  placement_id integer NOT NULL,
  read         boolean NOT NULL DEFAULT false,
  wrote        boolean NOT NULL DEFAULT false,
  PRIMARY KEY (day, person_id, placement_id)
);

-- The targets an admin set (one row; none: the defaults of features/adoption/service.ts).
CREATE TABLE adoption_targets (
  id         boolean PRIMARY KEY DEFAULT true CHECK (id),
  targets    jsonb NOT NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_by integer REFERENCES people (id)
);

-- The difference a statement on one of posts / questions / answers made to adoption_days: -1 for
-- each row that counted before, +1 for each that counts after (inserts: after only; deletes:
-- before only). `gone` and `came` are queries of (day, community_id, person_id, posts, replies,
-- questions, answers), from adoption_rows.
-- (Transition tables are visible only in the trigger's own function: this builds the statement,
-- the trigger runs it.)
CREATE FUNCTION adoption_apply(gone text, came text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  RETURN format($q$
    INSERT INTO adoption_days AS a (day, community_id, person_id, posts, replies, questions, answers)
      SELECT day, community_id, person_id, sum(posts), sum(replies), sum(questions), sum(answers)
      FROM (SELECT day, community_id, person_id, -posts AS posts, -replies AS replies, -questions AS questions, -answers AS answers
              FROM (%1$s) g
            UNION ALL
            SELECT * FROM (%2$s) c) d
      GROUP BY 1, 2, 3
      HAVING sum(posts) <> 0 OR sum(replies) <> 0 OR sum(questions) <> 0 OR sum(answers) <> 0
      ORDER BY 1, 2, 3
    ON CONFLICT (day, community_id, person_id) DO UPDATE SET
      posts = a.posts + EXCLUDED.posts, replies = a.replies + EXCLUDED.replies,
      questions = a.questions + EXCLUDED.questions, answers = a.answers + EXCLUDED.answers$q$, gone, came);
END $fn$;

-- The rows of a transition table that count, as adoption_days columns.
CREATE FUNCTION adoption_rows(tbl text, rel text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE tbl
    WHEN 'posts' THEN format(
      'SELECT (r.created_at AT TIME ZONE ''UTC'')::date AS day, COALESCE(r.community_id, 0) AS community_id, r.author_id AS person_id,
              (r.parent_id IS NULL)::int AS posts, (r.parent_id IS NOT NULL)::int AS replies, 0 AS questions, 0 AS answers
         FROM %s r WHERE r.deleted_at IS NULL AND r.hidden_at IS NULL', rel)
    WHEN 'questions' THEN format(
      'SELECT (r.created_at AT TIME ZONE ''UTC'')::date AS day, COALESCE(r.community_id, 0) AS community_id, r.author_id AS person_id,
              0 AS posts, 0 AS replies, 1 AS questions, 0 AS answers
         FROM %s r WHERE r.deleted_at IS NULL AND r.hidden_at IS NULL', rel)
    ELSE format(
      'SELECT (r.created_at AT TIME ZONE ''UTC'')::date AS day, COALESCE(q.community_id, 0) AS community_id, r.author_id AS person_id,
              0 AS posts, 0 AS replies, 0 AS questions, 1 AS answers
         FROM %s r JOIN questions q ON q.id = r.question_id WHERE r.deleted_at IS NULL AND r.hidden_at IS NULL', rel)
  END
$fn$;

CREATE FUNCTION adoption_counts() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  none text := 'SELECT NULL::date AS day, 0 AS community_id, 0 AS person_id, 0 AS posts, 0 AS replies, 0 AS questions, 0 AS answers WHERE false';
  -- Only rows whose counting could change: deleted, hidden, restored or moved. An update of like
  -- or answer counts adds nothing.
  changed text := 'n.deleted_at IS DISTINCT FROM o.deleted_at OR n.hidden_at IS DISTINCT FROM o.hidden_at'
    || CASE WHEN TG_TABLE_NAME = 'answers' THEN '' ELSE ' OR n.community_id IS DISTINCT FROM o.community_id' END
    || ' OR n.created_at IS DISTINCT FROM o.created_at';
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE adoption_apply(none, adoption_rows(TG_TABLE_NAME, 'new_rows'));
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE adoption_apply(adoption_rows(TG_TABLE_NAME, 'old_rows'), none);
  ELSE
    EXECUTE adoption_apply(
      adoption_rows(TG_TABLE_NAME, format('(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE %s)', changed)),
      adoption_rows(TG_TABLE_NAME, format('(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %s)', changed)));
  END IF;
  RETURN NULL;
END $fn$;

CREATE TRIGGER posts_adoption_insert AFTER INSERT ON posts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_counts();
CREATE TRIGGER posts_adoption_update AFTER UPDATE ON posts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_counts();
CREATE TRIGGER posts_adoption_delete AFTER DELETE ON posts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_counts();
CREATE TRIGGER questions_adoption_insert AFTER INSERT ON questions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_counts();
CREATE TRIGGER questions_adoption_update AFTER UPDATE ON questions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_counts();
CREATE TRIGGER questions_adoption_delete AFTER DELETE ON questions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_counts();
CREATE TRIGGER answers_adoption_insert AFTER INSERT ON answers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_counts();
CREATE TRIGGER answers_adoption_update AFTER UPDATE ON answers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_counts();
CREATE TRIGGER answers_adoption_delete AFTER DELETE ON answers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_counts();

-- Tagged posts: a top-level post counts once it has a first row in post_tags and stops when its
-- last one goes. Deleting or hiding a post removes its post_tags (and a restore rebuilds them),
-- so this follows what counts without looking at the post's state. (One statement that both
-- deletes and inserts a post's tags, in data-modifying CTEs, would be miscounted: none does.)
CREATE FUNCTION adoption_tagged() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO adoption_days AS a (day, community_id, person_id, tagged_posts)
      SELECT (p.created_at AT TIME ZONE 'UTC')::date, COALESCE(p.community_id, 0), p.author_id, count(*)
      FROM (SELECT post_id, count(*) AS added FROM new_rows WHERE top_level GROUP BY 1) n
      JOIN posts p ON p.id = n.post_id
      WHERE (SELECT count(*) FROM post_tags t WHERE t.post_id = n.post_id) = n.added
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, community_id, person_id) DO UPDATE SET tagged_posts = a.tagged_posts + EXCLUDED.tagged_posts;
  ELSE
    INSERT INTO adoption_days AS a (day, community_id, person_id, tagged_posts)
      SELECT (p.created_at AT TIME ZONE 'UTC')::date, COALESCE(p.community_id, 0), p.author_id, -count(*)
      FROM (SELECT DISTINCT post_id FROM old_rows WHERE top_level) o
      JOIN posts p ON p.id = o.post_id
      WHERE NOT EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = o.post_id)
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, community_id, person_id) DO UPDATE SET tagged_posts = a.tagged_posts + EXCLUDED.tagged_posts;
  END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER post_tags_adoption_insert AFTER INSERT ON post_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_tagged();
CREATE TRIGGER post_tags_adoption_delete AFTER DELETE ON post_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION adoption_tagged();

-- What is there already.
INSERT INTO adoption_days (day, community_id, person_id, posts, replies, questions, answers, tagged_posts)
  SELECT day, community_id, person_id, sum(posts), sum(replies), sum(questions), sum(answers), sum(tagged)
  FROM (SELECT (p.created_at AT TIME ZONE 'UTC')::date AS day, COALESCE(p.community_id, 0) AS community_id, p.author_id AS person_id,
               (p.parent_id IS NULL)::int AS posts, (p.parent_id IS NOT NULL)::int AS replies, 0 AS questions, 0 AS answers,
               (p.parent_id IS NULL AND EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = p.id))::int AS tagged
          FROM posts p WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL
        UNION ALL
        SELECT (q.created_at AT TIME ZONE 'UTC')::date, COALESCE(q.community_id, 0), q.author_id, 0, 0, 1, 0, 0
          FROM questions q WHERE q.deleted_at IS NULL AND q.hidden_at IS NULL
        UNION ALL
        SELECT (a.created_at AT TIME ZONE 'UTC')::date, COALESCE(q.community_id, 0), a.author_id, 0, 0, 0, 1, 0
          FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.deleted_at IS NULL AND a.hidden_at IS NULL) x
  GROUP BY 1, 2, 3;

-- The week's questions (medians of time to a first answer) are read by their creation time.
CREATE INDEX questions_by_community_time ON questions (community_id, created_at) WHERE deleted_at IS NULL AND hidden_at IS NULL;
