-- Following people and communities (issue #14), beside tags (tag_follows, 002_tags.sql): the
-- feed's Following scope reads these, each row walked with the posts index of what it names.

CREATE TABLE person_follows (
  follower_id integer NOT NULL REFERENCES people (id),
  person_id   integer NOT NULL REFERENCES people (id),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, person_id),
  CHECK (follower_id <> person_id)
);
-- A card's follower count: one index-only range.
CREATE INDEX person_follows_by_person ON person_follows (person_id);

-- Following a community's posts without joining it. A restricted community is only followed by
-- its members; one who leaves keeps the row, which every read leaves out while it is hidden from
-- them (so rejoining brings it back).
CREATE TABLE community_follows (
  person_id    integer NOT NULL REFERENCES people (id),
  community_id integer NOT NULL REFERENCES communities (id),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, community_id)
);
