-- Indexes found missing by the 1M-post benchmarks (tests/bench, docs/benchmarks.md).

-- Search ranks the newest matches of a common word: walked by time, newest first.
CREATE INDEX posts_recent ON posts (created_at DESC, id DESC) WHERE deleted_at IS NULL;

-- Search filtered by a tag covers replies too; the feed's index is for top-level posts only.
CREATE INDEX post_tags_by_tag ON post_tags (tag_id, created_at DESC, post_id);

-- Candidate sums for experts: one person's rows for the asked tags.
CREATE INDEX expertise_by_person ON expertise (person_id, tag_id) INCLUDE (community_id, score);

-- A person's posts and replies by time (the feed's author index covers top-level posts only):
-- experts' reasons count what someone wrote under a tag this year from their side.
CREATE INDEX posts_by_author ON posts (author_id, created_at DESC) WHERE deleted_at IS NULL;
