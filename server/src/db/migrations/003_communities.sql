-- Communities: few, open, alive. Membership flows, activity maintained on write, archiving.

-- Restricted communities may list their name and purpose in the directory (off by default).
ALTER TABLE communities ADD COLUMN listed boolean NOT NULL DEFAULT false;
ALTER TABLE communities ADD COLUMN archived_at timestamptz(3);
-- Both maintained by the triggers below.
ALTER TABLE communities ADD COLUMN member_count integer NOT NULL DEFAULT 0;
ALTER TABLE communities ADD COLUMN last_activity_at timestamptz(3);

-- Pending requests to join (from the person) and invitations (from a manager).
CREATE TABLE community_requests (
  community_id integer NOT NULL REFERENCES communities (id),
  person_id    integer NOT NULL REFERENCES people (id),
  kind         text NOT NULL CHECK (kind IN ('request', 'invite')),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, person_id)
);

-- Posts (and replies) per community, UTC day and author: the last 30 days' posts, active
-- members and sparkline read at most 30 days of these rows.
CREATE TABLE community_activity (
  community_id integer NOT NULL REFERENCES communities (id),
  day          date NOT NULL,
  person_id    integer NOT NULL REFERENCES people (id),
  posts        integer NOT NULL,
  PRIMARY KEY (community_id, day, person_id)
);

CREATE FUNCTION memberships_count() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE communities c SET member_count = c.member_count + n.count
    FROM (SELECT community_id, count(*) AS count FROM new_rows GROUP BY 1) n WHERE c.id = n.community_id;
  ELSE
    UPDATE communities c SET member_count = c.member_count - o.count
    FROM (SELECT community_id, count(*) AS count FROM old_rows GROUP BY 1) o WHERE c.id = o.community_id;
  END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER memberships_count_insert AFTER INSERT ON memberships
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memberships_count();
CREATE TRIGGER memberships_count_delete AFTER DELETE ON memberships
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION memberships_count();

-- New posts add activity (one grouped statement, so bulk inserts stay fast)...
CREATE FUNCTION posts_activity_added() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO community_activity AS a (community_id, day, person_id, posts)
    SELECT community_id, (created_at AT TIME ZONE 'UTC')::date, author_id, count(*)
    FROM new_rows WHERE community_id IS NOT NULL AND deleted_at IS NULL GROUP BY 1, 2, 3
  ON CONFLICT (community_id, day, person_id) DO UPDATE SET posts = a.posts + EXCLUDED.posts;
  UPDATE communities c SET last_activity_at = GREATEST(c.last_activity_at, n.at)
  FROM (SELECT community_id, max(created_at) AS at FROM new_rows
        WHERE community_id IS NOT NULL AND deleted_at IS NULL GROUP BY 1) n
  WHERE c.id = n.community_id;
  RETURN NULL;
END $fn$;
CREATE TRIGGER posts_activity_insert AFTER INSERT ON posts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION posts_activity_added();

-- ...and a soft delete takes it back. A row trigger with WHEN, so likes and reply counts
-- (also updates of posts) cost nothing here.
CREATE FUNCTION posts_activity_removed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE community_activity SET posts = posts - 1
  WHERE community_id = NEW.community_id AND day = (NEW.created_at AT TIME ZONE 'UTC')::date AND person_id = NEW.author_id;
  RETURN NULL;
END $fn$;
CREATE TRIGGER posts_activity_delete AFTER UPDATE OF deleted_at ON posts
  FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL AND NEW.community_id IS NOT NULL)
  EXECUTE FUNCTION posts_activity_removed();

-- What was there before this migration.
UPDATE communities c SET member_count = (SELECT count(*) FROM memberships m WHERE m.community_id = c.id);
INSERT INTO community_activity (community_id, day, person_id, posts)
  SELECT community_id, (created_at AT TIME ZONE 'UTC')::date, author_id, count(*)
  FROM posts WHERE community_id IS NOT NULL AND deleted_at IS NULL GROUP BY 1, 2, 3;
UPDATE communities c SET last_activity_at = (SELECT max(created_at) FROM posts p WHERE p.community_id = c.id AND p.deleted_at IS NULL);

CREATE INDEX memberships_by_community_role ON memberships (community_id, role);
