-- People are created on first sight of a token's `sub` (external_id). Roles come from the token.
CREATE TABLE people (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  external_id text NOT NULL UNIQUE,
  handle      text NOT NULL UNIQUE,
  name        text NOT NULL,
  email       text,
  title       text,
  department  text,
  roles       text[] NOT NULL DEFAULT '{employee}',
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE communities (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug        text NOT NULL UNIQUE,
  name        text NOT NULL,
  purpose     text NOT NULL,
  description text NOT NULL DEFAULT '',
  visibility  text NOT NULL DEFAULT 'open' CHECK (visibility IN ('open', 'restricted')),
  join_policy text NOT NULL DEFAULT 'open' CHECK (join_policy IN ('open', 'request', 'invite')),
  state       text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'archived')),
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  community_id integer NOT NULL REFERENCES communities (id),
  person_id    integer NOT NULL REFERENCES people (id),
  role         text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'manager')),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, person_id)
);
CREATE INDEX memberships_by_person ON memberships (person_id);

-- Times are kept to the millisecond (timestamptz(3)) so a JavaScript Date round-trips exactly
-- and keyset cursors on (created_at, id) never skip or repeat a row.
CREATE TABLE posts (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id       integer NOT NULL REFERENCES people (id),
  community_id    integer REFERENCES communities (id),
  parent_id       integer REFERENCES posts (id),
  body            text NOT NULL,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  edited_at       timestamptz(3),
  deleted_at      timestamptz(3),
  -- Maintained on write, never counted on read.
  reply_count     integer NOT NULL DEFAULT 0,
  like_count      integer NOT NULL DEFAULT 0,
  idempotency_key text,
  UNIQUE (author_id, idempotency_key)
);
CREATE INDEX posts_feed ON posts (created_at DESC, id DESC)
  WHERE parent_id IS NULL AND deleted_at IS NULL;
CREATE INDEX posts_community_feed ON posts (community_id, created_at DESC, id DESC)
  WHERE parent_id IS NULL AND deleted_at IS NULL;
CREATE INDEX posts_author_feed ON posts (author_id, created_at DESC, id DESC)
  WHERE parent_id IS NULL AND deleted_at IS NULL;
CREATE INDEX posts_replies ON posts (parent_id, created_at, id)
  WHERE parent_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE tags (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

-- created_at and top_level copy the post's, so a tag feed is one index range scan.
CREATE TABLE post_tags (
  post_id    integer NOT NULL REFERENCES posts (id),
  tag_id     integer NOT NULL REFERENCES tags (id),
  created_at timestamptz(3) NOT NULL,
  top_level  boolean NOT NULL,
  PRIMARY KEY (post_id, tag_id)
);
CREATE INDEX post_tags_feed ON post_tags (tag_id, created_at DESC, post_id DESC) WHERE top_level;

CREATE TABLE post_mentions (
  post_id   integer NOT NULL REFERENCES posts (id),
  person_id integer NOT NULL REFERENCES people (id),
  PRIMARY KEY (post_id, person_id)
);

CREATE TABLE post_likes (
  post_id    integer NOT NULL REFERENCES posts (id),
  person_id  integer NOT NULL REFERENCES people (id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, person_id)
);
