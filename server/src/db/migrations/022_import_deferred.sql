-- Bulk imports (`npm run hearth -- import --bulk`, features/portability/import.ts,
-- docs/portability.md). An import writes posts in batches of a few hundred; each batch paid for
-- the statement triggers that keep community activity and adoption (posts) and the tag
-- aggregates, adoption's tagged posts and whatever else follows post_tags: most of the database's
-- work per batch (docs/benchmarks.md, bench:import). A bulk import writes the posts with those
-- counts deferred and its posts' tags set aside here, and applies them every 20,000 posts (on a
-- second connection, while the next batches go in) and at the end of the run: one grouped
-- statement each for many batches instead of one per batch.
--
-- One row per post: its counts are applied from the values it was imported with (a change made
-- to the post meanwhile, deleted, hidden or moved, was counted by the update triggers as a change
-- from those values, so the sum comes out exact), and its tags go into post_tags, whose own
-- triggers then count them as for any insert. Rows are written in the batch's transaction and
-- removed in the transaction that applies them, so an interrupted run leaves them for the next
-- run of the same source to apply (import_map's 'pending' marker).
CREATE TABLE import_deferred (
  source       text NOT NULL,
  post_id      integer NOT NULL,
  tag_ids      integer[] NOT NULL,
  author_id    integer NOT NULL,
  community_id integer,
  parent_id    integer,
  created_at   timestamptz(3) NOT NULL,
  deleted_at   timestamptz(3),
  hidden_at    timestamptz(3),
  PRIMARY KEY (source, post_id)
);

-- The two insert triggers of posts skip the statements of a transaction that set
-- hearth.defer_counts (SET LOCAL, only the bulk import does, and it then counts those posts
-- itself from import_deferred). current_setting(..., true) is NULL when it was never set, and ''
-- after the transaction that set it: the triggers fire for every other statement, as before.
DROP TRIGGER posts_activity_insert ON posts;
CREATE TRIGGER posts_activity_insert AFTER INSERT ON posts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  WHEN (current_setting('hearth.defer_counts', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION posts_activity_added();
DROP TRIGGER posts_adoption_insert ON posts;
CREATE TRIGGER posts_adoption_insert AFTER INSERT ON posts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  WHEN (current_setting('hearth.defer_counts', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION adoption_counts();
