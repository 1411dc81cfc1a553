-- Ask-expert closes its loop: who a question was routed to (and who passed), when the asker last
-- looked at their question, and when the first answer by an expert came.

-- Routing was only a notification; now it is a row per question and person. A pass ("not me")
-- keeps the row (so the same person is never asked again) with passed_at set.
CREATE TABLE question_routes (
  question_id integer NOT NULL REFERENCES questions (id),
  person_id   integer NOT NULL REFERENCES people (id),
  routed_at   timestamptz(3) NOT NULL DEFAULT now(),
  passed_at   timestamptz(3),
  PRIMARY KEY (question_id, person_id)
);
-- "For me to answer": a person's open routings, newest first.
CREATE INDEX question_routes_by_person ON question_routes (person_id, routed_at DESC) WHERE passed_at IS NULL;

INSERT INTO question_routes (question_id, person_id, routed_at)
  SELECT question_id, person_id, min(created_at) FROM notifications
  WHERE kind = 'question.routed' AND question_id IS NOT NULL
  GROUP BY question_id, person_id
  ON CONFLICT DO NOTHING;

-- When the asker last opened their question: answers after it are new to them.
CREATE TABLE question_views (
  question_id integer NOT NULL REFERENCES questions (id),
  person_id   integer NOT NULL REFERENCES people (id),
  seen_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, question_id)
);

-- Time to first expert answer = first_expert_answer_at - created_at: an answer by someone routed
-- to the question or whose expertise covered its tags when they answered.
ALTER TABLE questions ADD COLUMN first_expert_answer_at timestamptz(3);

-- "My questions": a person's questions, newest first.
CREATE INDEX questions_by_author ON questions (author_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;

-- Answers given before this migration are not news to their askers.
INSERT INTO question_views (question_id, person_id, seen_at)
  SELECT id, author_id, now() FROM questions WHERE answer_count > 0
  ON CONFLICT DO NOTHING;
