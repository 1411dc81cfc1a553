-- Tags as the way to find things: merges, chips, counts maintained on write, follows, search.

-- A merged tag keeps resolving: its name points at the tag that absorbed it.
ALTER TABLE tags ADD COLUMN merged_into integer REFERENCES tags (id);
CREATE INDEX tags_prefix ON tags (name text_pattern_ops) WHERE merged_into IS NULL;

-- Tags the author added as chips, besides the #hashtags in the text.
ALTER TABLE posts ADD COLUMN extra_tags text[] NOT NULL DEFAULT '{}';

-- Posts per tag, community (0 = none) and UTC day: a cloud for any window reads these, never
-- the posts.
CREATE TABLE tag_daily (
  day          date NOT NULL,
  community_id integer NOT NULL,
  tag_id       integer NOT NULL REFERENCES tags (id),
  posts        integer NOT NULL,
  PRIMARY KEY (day, community_id, tag_id)
);
CREATE INDEX tag_daily_by_tag ON tag_daily (tag_id, day);

-- All-time posts per tag and community.
CREATE TABLE tag_totals (
  tag_id       integer NOT NULL REFERENCES tags (id),
  community_id integer NOT NULL,
  posts        integer NOT NULL,
  PRIMARY KEY (tag_id, community_id)
);
CREATE INDEX tag_totals_by_community ON tag_totals (community_id, posts DESC);

-- Who writes under a tag (top contributors), per community so visibility can be applied.
CREATE TABLE tag_authors (
  tag_id       integer NOT NULL REFERENCES tags (id),
  community_id integer NOT NULL,
  author_id    integer NOT NULL REFERENCES people (id),
  posts        integer NOT NULL,
  PRIMARY KEY (tag_id, community_id, author_id)
);

-- Tags used on the same post (related tags), per community.
CREATE TABLE tag_pairs (
  tag_id       integer NOT NULL REFERENCES tags (id),
  community_id integer NOT NULL,
  other_id     integer NOT NULL REFERENCES tags (id),
  posts        integer NOT NULL,
  PRIMARY KEY (tag_id, community_id, other_id)
);

-- One statement-level trigger keeps all four aggregates: one grouped upsert per statement, so
-- bulk seeding and imports stay fast, and every path that changes post_tags (posting, editing,
-- deleting, merging tags) keeps the counts exact without knowing about them. The transition
-- table is new_rows for an insert and old_rows for a delete; EXECUTE sees either.
CREATE FUNCTION post_tags_counts() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  changed text := CASE TG_OP WHEN 'INSERT' THEN 'new_rows' ELSE 'old_rows' END;
  sign integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
  -- The post's tags as they were before the statement (for a delete) or are after it.
  everyone text := CASE TG_OP WHEN 'INSERT' THEN 'post_tags'
                   ELSE '(SELECT post_id, tag_id FROM old_rows UNION ALL SELECT post_id, tag_id FROM post_tags)' END;
  rows text;
BEGIN
  rows := format('(SELECT c.post_id, c.tag_id, c.created_at, COALESCE(p.community_id, 0) AS community_id, p.author_id
                   FROM %s c JOIN posts p ON p.id = c.post_id)', changed);
  EXECUTE format($q$
    INSERT INTO tag_daily AS d (day, community_id, tag_id, posts)
      SELECT (created_at AT TIME ZONE 'UTC')::date, community_id, tag_id, %s * count(*) FROM %s x GROUP BY 1, 2, 3
    ON CONFLICT (day, community_id, tag_id) DO UPDATE SET posts = d.posts + EXCLUDED.posts$q$, sign, rows);
  EXECUTE format($q$
    INSERT INTO tag_totals AS t (tag_id, community_id, posts)
      SELECT tag_id, community_id, %s * count(*) FROM %s x GROUP BY 1, 2
    ON CONFLICT (tag_id, community_id) DO UPDATE SET posts = t.posts + EXCLUDED.posts$q$, sign, rows);
  EXECUTE format($q$
    INSERT INTO tag_authors AS a (tag_id, community_id, author_id, posts)
      SELECT tag_id, community_id, author_id, %s * count(*) FROM %s x GROUP BY 1, 2, 3
    ON CONFLICT (tag_id, community_id, author_id) DO UPDATE SET posts = a.posts + EXCLUDED.posts$q$, sign, rows);
  -- Pairs (x, y) and (y, x) for every changed x and every other tag y of the same post;
  -- pairs of two changed rows come out of the first statement in both orders.
  EXECUTE format($q$
    INSERT INTO tag_pairs AS p (tag_id, community_id, other_id, posts)
      SELECT x.tag_id, x.community_id, y.tag_id, %s * count(*)
      FROM %s x JOIN %s y ON y.post_id = x.post_id AND y.tag_id <> x.tag_id GROUP BY 1, 2, 3
    ON CONFLICT (tag_id, community_id, other_id) DO UPDATE SET posts = p.posts + EXCLUDED.posts$q$, sign, rows, everyone);
  EXECUTE format($q$
    INSERT INTO tag_pairs AS p (tag_id, community_id, other_id, posts)
      SELECT y.tag_id, x.community_id, x.tag_id, %s * count(*)
      FROM %s x JOIN post_tags y ON y.post_id = x.post_id AND y.tag_id <> x.tag_id
      WHERE NOT EXISTS (SELECT 1 FROM %s z WHERE z.post_id = y.post_id AND z.tag_id = y.tag_id)
      GROUP BY 1, 2, 3
    ON CONFLICT (tag_id, community_id, other_id) DO UPDATE SET posts = p.posts + EXCLUDED.posts$q$, sign, rows, changed);
  RETURN NULL;
END $fn$;

CREATE TRIGGER post_tags_counts_insert AFTER INSERT ON post_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION post_tags_counts();
CREATE TRIGGER post_tags_counts_delete AFTER DELETE ON post_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION post_tags_counts();

-- Counts for the tags that were there before this migration.
INSERT INTO tag_daily (day, community_id, tag_id, posts)
  SELECT (pt.created_at AT TIME ZONE 'UTC')::date, COALESCE(p.community_id, 0), pt.tag_id, count(*)
  FROM post_tags pt JOIN posts p ON p.id = pt.post_id GROUP BY 1, 2, 3;
INSERT INTO tag_totals (tag_id, community_id, posts)
  SELECT pt.tag_id, COALESCE(p.community_id, 0), count(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id GROUP BY 1, 2;
INSERT INTO tag_authors (tag_id, community_id, author_id, posts)
  SELECT pt.tag_id, COALESCE(p.community_id, 0), p.author_id, count(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id GROUP BY 1, 2, 3;
INSERT INTO tag_pairs (tag_id, community_id, other_id, posts)
  SELECT x.tag_id, COALESCE(p.community_id, 0), y.tag_id, count(*)
  FROM post_tags x JOIN posts p ON p.id = x.post_id JOIN post_tags y ON y.post_id = x.post_id AND y.tag_id <> x.tag_id
  GROUP BY 1, 2, 3;

CREATE TABLE tag_follows (
  person_id  integer NOT NULL REFERENCES people (id),
  tag_id     integer NOT NULL REFERENCES tags (id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, tag_id)
);

-- Full-text search over what people wrote. English stemming: "deploying" finds "deploy".
ALTER TABLE posts ADD COLUMN search tsvector
  GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED;
CREATE INDEX posts_search ON posts USING gin (search) WHERE deleted_at IS NULL;
