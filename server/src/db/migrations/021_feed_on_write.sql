-- What a feed page shows of a post, kept on the post's own row (issue 16 point 3): its tags'
-- names and its mentions (handle and name). Before, each page re-derived them per row (a join of
-- post_tags and tags, and one of post_mentions and people, per post shown); now a page is one
-- index walk of posts, the author and community by primary key, and the viewer's own likes.
-- Like and reply counts were already on the row.
--
-- Kept by triggers, so every writer (the API, the seed, the importer, a tag merge, SCIM renaming
-- a person) keeps them true without knowing: statement triggers recompute the posts a statement
-- touched, once each, from post_tags and post_mentions, which stay the source of truth (the tag
-- feed, counts, notifications and exports read them).
ALTER TABLE posts ADD COLUMN tag_names text[] NOT NULL DEFAULT '{}';
ALTER TABLE posts ADD COLUMN mention_list jsonb NOT NULL DEFAULT '[]';

-- The names of the post's tags, sorted: what the feed showed before.
CREATE FUNCTION post_tag_names(post integer) RETURNS text[] LANGUAGE sql STABLE AS $fn$
  SELECT COALESCE(array_agg(t.name ORDER BY t.name), '{}') FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = post
$fn$;

-- The people the post mentions, by handle: [{ handle, name }].
CREATE FUNCTION post_mention_list(post integer) RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT COALESCE(jsonb_agg(jsonb_build_object('handle', m.handle, 'name', m.name) ORDER BY m.handle), '[]')
  FROM post_mentions pm JOIN people m ON m.id = pm.person_id WHERE pm.post_id = post
$fn$;

-- One grouped statement for all the posts a statement touched (a batch of thousands in an
-- import or the seed), writing only rows whose value changes (an unchanged row costs no new
-- version).
CREATE FUNCTION posts_tag_names_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format($q$
    UPDATE posts p SET tag_names = n.names
    FROM (SELECT x.post_id, COALESCE(array_agg(t.name ORDER BY t.name) FILTER (WHERE t.name IS NOT NULL), '{}') AS names
          FROM (SELECT DISTINCT post_id FROM %I) x
          LEFT JOIN post_tags pt ON pt.post_id = x.post_id LEFT JOIN tags t ON t.id = pt.tag_id
          GROUP BY x.post_id) n
    WHERE p.id = n.post_id AND p.tag_names IS DISTINCT FROM n.names$q$,
    CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END);
  RETURN NULL;
END $fn$;
CREATE TRIGGER post_tags_names_insert AFTER INSERT ON post_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION posts_tag_names_sync();
CREATE TRIGGER post_tags_names_delete AFTER DELETE ON post_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION posts_tag_names_sync();

CREATE FUNCTION posts_mention_list_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format($q$
    UPDATE posts p SET mention_list = n.list
    FROM (SELECT x.post_id,
                 COALESCE(jsonb_agg(jsonb_build_object('handle', m.handle, 'name', m.name) ORDER BY m.handle)
                          FILTER (WHERE m.id IS NOT NULL), '[]') AS list
          FROM (SELECT DISTINCT post_id FROM %I) x
          LEFT JOIN post_mentions pm ON pm.post_id = x.post_id LEFT JOIN people m ON m.id = pm.person_id
          GROUP BY x.post_id) n
    WHERE p.id = n.post_id AND p.mention_list IS DISTINCT FROM n.list$q$,
    CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END);
  RETURN NULL;
END $fn$;
CREATE TRIGGER post_mentions_list_insert AFTER INSERT ON post_mentions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION posts_mention_list_sync();
CREATE TRIGGER post_mentions_list_delete AFTER DELETE ON post_mentions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION posts_mention_list_sync();

-- A renamed person (SCIM, a portal's claims) or tag: the posts that show the old name.
CREATE FUNCTION people_mention_names_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE posts p SET mention_list = post_mention_list(p.id)
  WHERE p.id IN (SELECT pm.post_id FROM post_mentions pm WHERE pm.person_id = NEW.id);
  RETURN NULL;
END $fn$;
CREATE TRIGGER people_mention_names AFTER UPDATE OF handle, name ON people
  FOR EACH ROW WHEN (OLD.handle IS DISTINCT FROM NEW.handle OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION people_mention_names_sync();

CREATE FUNCTION tags_names_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE posts p SET tag_names = post_tag_names(p.id)
  WHERE p.id IN (SELECT pt.post_id FROM post_tags pt WHERE pt.tag_id = NEW.id);
  RETURN NULL;
END $fn$;
CREATE TRIGGER tags_names AFTER UPDATE OF name ON tags
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION tags_names_sync();

-- What is there already.
UPDATE posts p SET tag_names = t.names
FROM (SELECT pt.post_id, array_agg(t.name ORDER BY t.name) AS names FROM post_tags pt JOIN tags t ON t.id = pt.tag_id GROUP BY pt.post_id) t
WHERE t.post_id = p.id;
UPDATE posts p SET mention_list = m.list
FROM (SELECT pm.post_id, jsonb_agg(jsonb_build_object('handle', m.handle, 'name', m.name) ORDER BY m.handle) AS list
      FROM post_mentions pm JOIN people m ON m.id = pm.person_id GROUP BY pm.post_id) m
WHERE m.post_id = p.id;
