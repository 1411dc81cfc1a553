-- Search speed (issue #14, docs/benchmarks.md, bench:tags). Posts and questions need no new
-- index: their search walks the time indexes for a bounded window (posts/repo.ts matchesSql).

-- People search (GET /people?q=, `@` suggestions, the search box): active people whose handle,
-- name, or a word of their name (after a space) starts with the typed text. LIKE cannot use an
-- index for "a word of the name", so every person was read. Here, the keys of a person are the
-- first 1 to 8 characters from each place a match can start (the handle as it is, the name and
-- each word of it in lower case); a match of text q always has left(q, 8) among them, so the
-- index finds a superset and the query's own LIKE conditions decide, exactly as before. Core
-- PostgreSQL only (no pg_trgm), so PGlite runs it too.
CREATE FUNCTION people_name_keys(handle text, name text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_agg(DISTINCT left(s.start, n.n))
  FROM (SELECT handle AS start
        UNION ALL SELECT lower(name)
        UNION ALL SELECT substr(lower(name), i + 1) FROM generate_series(1, length(name)) i
                  WHERE substr(lower(name), i, 1) = ' ' AND i < length(name)) s,
       generate_series(1, 8) n(n)
  WHERE s.start <> ''
$$;

CREATE INDEX people_search_keys ON people USING gin (people_name_keys(handle, name)) WHERE active;

-- The communities directory (GET /communities?q=, the search box's communities row) orders by,
-- and shows, the last 30 days' posts and active people, which were summed from the per-person
-- daily rows of community_activity: about 80,000 rows per community at 1,000,000 posts, on every
-- request. Two small tables kept from community_activity by its own triggers (so whatever writes
-- it, these follow): posts per community and day (30 rows per community for a month), and each
-- person's last day with posts in a community (the active people are those since a day).
CREATE TABLE community_days (
  community_id integer NOT NULL REFERENCES communities (id),
  day          date NOT NULL,
  posts        integer NOT NULL,
  PRIMARY KEY (community_id, day)
);

CREATE TABLE community_people_last (
  community_id integer NOT NULL REFERENCES communities (id),
  person_id    integer NOT NULL REFERENCES people (id),
  -- Their last day with posts there; NULL once none is left (all deleted).
  last_day     date,
  PRIMARY KEY (community_id, person_id)
);
CREATE INDEX community_people_last_by_day ON community_people_last (community_id, last_day);

-- A person's days with posts in a community, newest first: what is left when their last day's
-- posts are deleted.
CREATE INDEX community_activity_by_person ON community_activity (community_id, person_id, day DESC) WHERE posts > 0;

INSERT INTO community_days (community_id, day, posts)
  SELECT community_id, day, sum(posts) FROM community_activity GROUP BY 1, 2;
INSERT INTO community_people_last (community_id, person_id, last_day)
  SELECT community_id, person_id, max(day) FROM community_activity WHERE posts > 0 GROUP BY 1, 2;

-- New rows of community_activity (a person's first post of a day in a community).
CREATE FUNCTION community_activity_added() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO community_days AS d (community_id, day, posts)
    SELECT community_id, day, sum(posts) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (community_id, day) DO UPDATE SET posts = d.posts + EXCLUDED.posts;
  INSERT INTO community_people_last AS l (community_id, person_id, last_day)
    SELECT community_id, person_id, max(day) FROM new_rows WHERE posts > 0 GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (community_id, person_id) DO UPDATE SET last_day = GREATEST(l.last_day, EXCLUDED.last_day);
  RETURN NULL;
END $fn$;
CREATE TRIGGER community_activity_insert AFTER INSERT ON community_activity
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION community_activity_added();

-- Changed rows (more posts that day, or one deleted): the difference, and for a person whose
-- last day lost its last post, their day before (from community_activity_by_person).
CREATE FUNCTION community_activity_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO community_days AS d (community_id, day, posts)
    SELECT n.community_id, n.day, sum(n.posts - o.posts) FROM new_rows n
    JOIN old_rows o ON o.community_id = n.community_id AND o.day = n.day AND o.person_id = n.person_id
    GROUP BY 1, 2 HAVING sum(n.posts - o.posts) <> 0 ORDER BY 1, 2
  ON CONFLICT (community_id, day) DO UPDATE SET posts = d.posts + EXCLUDED.posts;
  INSERT INTO community_people_last AS l (community_id, person_id, last_day)
    SELECT community_id, person_id, max(day) FROM new_rows WHERE posts > 0 GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (community_id, person_id) DO UPDATE SET last_day = GREATEST(l.last_day, EXCLUDED.last_day);
  UPDATE community_people_last l
     SET last_day = (SELECT max(a.day) FROM community_activity a
                     WHERE a.community_id = l.community_id AND a.person_id = l.person_id AND a.posts > 0)
    FROM (SELECT DISTINCT n.community_id, n.person_id FROM new_rows n
          JOIN old_rows o ON o.community_id = n.community_id AND o.day = n.day AND o.person_id = n.person_id
          WHERE n.posts <= 0 AND o.posts > 0) g
   WHERE l.community_id = g.community_id AND l.person_id = g.person_id;
  RETURN NULL;
END $fn$;
CREATE TRIGGER community_activity_update AFTER UPDATE ON community_activity
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION community_activity_changed();

-- A community card's first members (communitiesRepo.people): a walk of a few entries, where all
-- the members of each listed community were sorted (thousands in a big one).
CREATE INDEX memberships_by_joined ON memberships (community_id, role, created_at, person_id);
