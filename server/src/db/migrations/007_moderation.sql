-- Light moderation (reports, a queue per community, hide and restore), an admin's keyword watch
-- list, an audit trail of moderator and admin actions, and per-person rate limits.

-- Hidden by a moderator: kept whole (so a restore brings it back as it was), shown to others as a
-- placeholder, out of search, tag counts and expertise while hidden.
ALTER TABLE posts ADD COLUMN hidden_at timestamptz(3);
ALTER TABLE posts ADD COLUMN hidden_reason text;
ALTER TABLE questions ADD COLUMN hidden_at timestamptz(3);
ALTER TABLE questions ADD COLUMN hidden_reason text;
ALTER TABLE answers ADD COLUMN hidden_at timestamptz(3);
ALTER TABLE answers ADD COLUMN hidden_reason text;

-- One row per piece of content that needs (or had) a moderator's look: reported, or matched by
-- the watch list. kind is 'post' (a reply is a post with a parent), 'question' or 'answer';
-- community_id is copied from the content so a manager's queue is one index range.
CREATE TABLE moderation_items (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('post', 'question', 'answer')),
  target_id     integer NOT NULL,
  community_id  integer REFERENCES communities (id),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'hidden', 'restored', 'dismissed')),
  -- Watch-list patterns the content matched when it was written.
  keywords      text[] NOT NULL DEFAULT '{}',
  report_count  integer NOT NULL DEFAULT 0,
  opened_at     timestamptz(3) NOT NULL DEFAULT now(),
  decided_by    integer REFERENCES people (id),
  decided_at    timestamptz(3),
  decision_note text,
  UNIQUE (kind, target_id)
);
CREATE INDEX moderation_queue ON moderation_items (status, opened_at DESC, id DESC);
CREATE INDEX moderation_queue_by_community ON moderation_items (community_id, status, opened_at DESC, id DESC);

-- A person reports a piece of content once.
CREATE TABLE reports (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('post', 'question', 'answer')),
  target_id   integer NOT NULL,
  reporter_id integer NOT NULL REFERENCES people (id),
  reason      text NOT NULL CHECK (reason IN ('spam', 'harassment', 'confidential', 'off_topic', 'other')),
  note        text,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (kind, target_id, reporter_id)
);

-- The admin's watch list: words (matched as whole words, case-insensitively) or patterns.
CREATE TABLE watch_keywords (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pattern    text NOT NULL,
  is_regex   boolean NOT NULL DEFAULT false,
  created_by integer REFERENCES people (id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (pattern, is_regex)
);

-- Every moderator and admin action: who (NULL: the identity provider or the system), what, when
-- and why. Appended to, never updated.
CREATE TABLE audit_log (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id     integer REFERENCES people (id),
  action       text NOT NULL,
  target_kind  text NOT NULL,
  target_id    text NOT NULL,
  community_id integer REFERENCES communities (id),
  reason       text,
  details      jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_recent ON audit_log (created_at DESC, id DESC);

-- Notifications are no longer only about questions: a moderation outcome points at any content.
ALTER TABLE notifications ALTER COLUMN question_id DROP NOT NULL;
ALTER TABLE notifications ADD COLUMN moderation_item_id integer REFERENCES moderation_items (id);
ALTER TABLE notifications ADD COLUMN reason text;

-- rate-limiter-flexible's PostgreSQL store (its own layout; created here, not by the library,
-- so a read-only database role at run time still works and every instance shares it).
CREATE TABLE rate_limits (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
