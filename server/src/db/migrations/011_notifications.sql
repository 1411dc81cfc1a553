-- Notifications about more than questions and moderation (issue #13): mentions, replies, joining
-- communities. Each row says who did it (actor_id), what it is about (post_id for a mention or a
-- reply, question_id, answer_id, community_id), the outcome of a decision, the thread it belongs
-- to (for muting) and the target the list groups by ("3 replies to your post" is one line).

ALTER TABLE notifications ADD COLUMN actor_id integer REFERENCES people (id);
ALTER TABLE notifications ADD COLUMN post_id integer REFERENCES posts (id);
ALTER TABLE notifications ADD COLUMN answer_id integer REFERENCES answers (id);
ALTER TABLE notifications ADD COLUMN community_id integer REFERENCES communities (id);
ALTER TABLE notifications ADD COLUMN outcome text
  CHECK (outcome IN ('approved', 'refused', 'hidden', 'restored', 'dismissed'));
-- The moderator's reason (content.hidden) or the manager's note (join.decided).
ALTER TABLE notifications RENAME COLUMN reason TO note;
-- What can be muted: 'post:<top-level post id>', 'question:<id>', 'community:<id>'.
ALTER TABLE notifications ADD COLUMN thread text;
-- What the line opens, and what lines group by with the kind: 'post:<id>', 'reply:<id>',
-- 'question:<id>', 'answer:<id>', 'community:<id>' (post.replied: the post replied to).
ALTER TABLE notifications ADD COLUMN target text;

-- Existing rows. Questions: routed, answered and accepted are about the question.
UPDATE notifications SET thread = 'question:' || question_id, target = 'question:' || question_id
  WHERE moderation_item_id IS NULL AND question_id IS NOT NULL;

-- Moderation outcomes point at the content; a decided report is one kind with its outcome.
UPDATE notifications n SET
  outcome = CASE n.kind WHEN 'content.hidden' THEN 'hidden' WHEN 'content.restored' THEN 'restored'
                        WHEN 'report.hidden' THEN 'hidden' ELSE 'dismissed' END,
  kind = CASE WHEN n.kind IN ('report.hidden', 'report.dismissed') THEN 'report.decided' ELSE n.kind END,
  post_id = CASE WHEN mi.kind = 'post' THEN mi.target_id END,
  answer_id = CASE WHEN mi.kind = 'answer' THEN mi.target_id END,
  question_id = CASE WHEN mi.kind = 'question' THEN mi.target_id
                     WHEN mi.kind = 'answer' THEN (SELECT a.question_id FROM answers a WHERE a.id = mi.target_id) END,
  community_id = mi.community_id
  FROM moderation_items mi WHERE mi.id = n.moderation_item_id;
UPDATE notifications n SET
  target = CASE WHEN p.parent_id IS NULL THEN 'post:' ELSE 'reply:' END || p.id,
  thread = 'post:' || COALESCE(p.parent_id, p.id)
  FROM posts p WHERE n.moderation_item_id IS NOT NULL AND p.id = n.post_id;
UPDATE notifications SET target = 'answer:' || answer_id, thread = 'question:' || question_id
  WHERE moderation_item_id IS NOT NULL AND answer_id IS NOT NULL;
UPDATE notifications SET target = 'question:' || question_id, thread = 'question:' || question_id
  WHERE moderation_item_id IS NOT NULL AND answer_id IS NULL AND post_id IS NULL;
-- Anything left without a target (content gone from under it) cannot be opened: dropped.
DELETE FROM notifications WHERE target IS NULL;
ALTER TABLE notifications ALTER COLUMN target SET NOT NULL;
ALTER TABLE notifications ALTER COLUMN thread SET NOT NULL;

-- The list (newest first, by id) and the bell's count (unread only, an index-only scan).
DROP INDEX notifications_by_person;
CREATE INDEX notifications_by_person ON notifications (person_id, id DESC);
CREATE INDEX notifications_unread ON notifications (person_id, id) WHERE read_at IS NULL;
-- A post mentions someone once, however often it is edited.
CREATE UNIQUE INDEX notifications_mention_once ON notifications (person_id, post_id) WHERE kind = 'mention';

-- Threads a person muted: no more notifications from them.
CREATE TABLE thread_mutes (
  person_id  integer NOT NULL REFERENCES people (id),
  thread     text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, thread)
);

-- Per person and kind: in the page only ('page') or also out of it ('page+out', the default).
CREATE TABLE notification_settings (
  person_id  integer PRIMARY KEY REFERENCES people (id),
  delivery   jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
