-- Ask an expert: questions, answers, votes, expertise maintained on write, routing.

ALTER TABLE people ADD COLUMN away boolean NOT NULL DEFAULT false;

CREATE TABLE questions (
  id                 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id          integer NOT NULL REFERENCES people (id),
  community_id       integer REFERENCES communities (id),
  title              text NOT NULL,
  body               text NOT NULL DEFAULT '',
  state              text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered')),
  accepted_answer_id integer,
  answer_count       integer NOT NULL DEFAULT 0,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  edited_at          timestamptz(3),
  deleted_at         timestamptz(3),
  -- Time to first answer = first_answer_at - created_at.
  first_answer_at    timestamptz(3),
  idempotency_key    text,
  -- The title weighs more than the body.
  search             tsvector GENERATED ALWAYS AS (
                       setweight(to_tsvector('english'::regconfig, title), 'A') ||
                       setweight(to_tsvector('english'::regconfig, body), 'B')) STORED,
  UNIQUE (author_id, idempotency_key)
);
CREATE INDEX questions_list ON questions (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX questions_unanswered ON questions (created_at DESC, id DESC) WHERE deleted_at IS NULL AND answer_count = 0;
CREATE INDEX questions_search ON questions USING gin (search) WHERE deleted_at IS NULL;

CREATE TABLE question_tags (
  question_id integer NOT NULL REFERENCES questions (id),
  tag_id      integer NOT NULL REFERENCES tags (id),
  PRIMARY KEY (question_id, tag_id)
);
CREATE INDEX question_tags_by_tag ON question_tags (tag_id, question_id);

CREATE TABLE answers (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  question_id integer NOT NULL REFERENCES questions (id),
  author_id   integer NOT NULL REFERENCES people (id),
  body        text NOT NULL,
  score       integer NOT NULL DEFAULT 0,
  accepted_at timestamptz(3),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  edited_at   timestamptz(3),
  deleted_at  timestamptz(3),
  idempotency_key text,
  UNIQUE (author_id, idempotency_key)
);
CREATE INDEX answers_by_question ON answers (question_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX answers_by_author ON answers (author_id, created_at) WHERE deleted_at IS NULL;
ALTER TABLE questions ADD FOREIGN KEY (accepted_answer_id) REFERENCES answers (id);

CREATE TABLE answer_votes (
  answer_id  integer NOT NULL REFERENCES answers (id),
  person_id  integer NOT NULL REFERENCES people (id),
  value      smallint NOT NULL CHECK (value IN (-1, 1)),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (answer_id, person_id)
);

-- Expertise per person, tag and community (0 = none, so restricted communities' activity can be
-- left out for non-members), maintained on write. Decay without rewriting rows: every event of
-- weight w at time t adds w * exp((t - 2020-01-01) / 365 days). At any moment the decayed score
-- is stored * exp(-(now - 2020-01-01) / 365 days): the same factor for everyone, so ordering by
-- the stored value orders by the decayed score, and an event a year old counts 1/e as much.
CREATE TABLE expertise (
  tag_id       integer NOT NULL REFERENCES tags (id),
  community_id integer NOT NULL,
  person_id    integer NOT NULL REFERENCES people (id),
  score        double precision NOT NULL,
  PRIMARY KEY (tag_id, community_id, person_id)
);
CREATE INDEX expertise_top ON expertise (tag_id, score DESC);

CREATE FUNCTION expertise_weight(w double precision, at timestamptz) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS $$
  SELECT w * exp(extract(epoch FROM at - timestamptz '2020-01-01 00:00:00+00') / (365.0 * 86400))
$$;

-- Declared skills (on a profile) and endorsements by colleagues.
CREATE TABLE person_skills (
  person_id  integer NOT NULL REFERENCES people (id),
  tag_id     integer NOT NULL REFERENCES tags (id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, tag_id)
);
CREATE TABLE endorsements (
  person_id   integer NOT NULL REFERENCES people (id),
  tag_id      integer NOT NULL REFERENCES tags (id),
  endorser_id integer NOT NULL REFERENCES people (id),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, tag_id, endorser_id),
  CHECK (person_id <> endorser_id)
);

CREATE TABLE notifications (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id   integer NOT NULL REFERENCES people (id),
  kind        text NOT NULL,
  question_id integer NOT NULL REFERENCES questions (id),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  read_at     timestamptz(3)
);
CREATE INDEX notifications_by_person ON notifications (person_id, created_at DESC, id DESC);

-- Outgoing webhooks as an outbox: written in the transaction that asked, delivered (with retries)
-- by a worker, so a crash or a receiver that is down loses nothing.
CREATE TABLE webhook_deliveries (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event           text NOT NULL,
  payload         text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
  delivered_at    timestamptz(3),
  failed_at       timestamptz(3),
  last_error      text,
  created_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;

-- Posts in a tag count towards expertise too (weight 0.5): the post_tags trigger keeps them.
CREATE OR REPLACE FUNCTION post_tags_expertise() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  changed text := CASE TG_OP WHEN 'INSERT' THEN 'new_rows' ELSE 'old_rows' END;
  sign integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  EXECUTE format($q$
    INSERT INTO expertise AS e (tag_id, community_id, person_id, score)
      SELECT c.tag_id, COALESCE(p.community_id, 0), p.author_id, %s * sum(expertise_weight(0.5, c.created_at))
      FROM %s c JOIN posts p ON p.id = c.post_id GROUP BY 1, 2, 3
    ON CONFLICT (tag_id, community_id, person_id) DO UPDATE SET score = e.score + EXCLUDED.score$q$, sign, changed);
  RETURN NULL;
END $fn$;
CREATE TRIGGER post_tags_expertise_insert AFTER INSERT ON post_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION post_tags_expertise();
CREATE TRIGGER post_tags_expertise_delete AFTER DELETE ON post_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION post_tags_expertise();

INSERT INTO expertise (tag_id, community_id, person_id, score)
  SELECT pt.tag_id, COALESCE(p.community_id, 0), p.author_id, sum(expertise_weight(0.5, pt.created_at))
  FROM post_tags pt JOIN posts p ON p.id = pt.post_id GROUP BY 1, 2, 3;
