-- Resumable live events (issue #16): every event the bus publishes is kept here for a bounded
-- window (EVENT_OUTBOX_HOURS), so a stream that reconnects with `Last-Event-ID` is replayed what
-- it missed. `event` is the bus event, ids only, as in the NOTIFY payload.
--
-- `id` is the event's id on the stream, and ids must increase in commit order: a stream resuming
-- after id 12 is never replayed an 11 that committed after 12 did. A bigserial is taken at insert,
-- not at commit, so the id is given at commit instead: the bus inserts a draft row (`draft`, the
-- key; `id` null), and a deferred constraint trigger, which runs as the transaction commits, takes
-- a transaction-level advisory lock (held to the end of the commit), gives the row the next id and
-- its time, and NOTIFYs the channel with the event and its id. The next committing transaction
-- waits on that lock only for the moment the commit itself takes, and takes no other lock after
-- it, so it cannot deadlock; an id is therefore visible only once every smaller id is.
-- A rolled-back transaction leaves no row and takes no id. `at` is the clock time under the lock,
-- so it increases with the id and pruning by age removes a prefix of ids.

CREATE TABLE event_outbox (
  draft bigserial PRIMARY KEY,
  id bigint UNIQUE,
  at timestamptz,
  channel text NOT NULL,
  event jsonb NOT NULL
);

CREATE SEQUENCE event_outbox_id_seq;

CREATE FUNCTION event_outbox_commit() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  given bigint;
BEGIN
  -- Any constant, and the schema: test schemas sharing one database do not wait for each other.
  PERFORM pg_advisory_xact_lock(72450016, hashtext(current_schema()));
  UPDATE event_outbox SET id = nextval('event_outbox_id_seq'), at = clock_timestamp()
    WHERE draft = NEW.draft
    RETURNING id INTO given;
  PERFORM pg_notify(NEW.channel, (NEW.event || jsonb_build_object('id', given))::text);
  RETURN NULL;
END
$fn$;

CREATE CONSTRAINT TRIGGER event_outbox_commit AFTER INSERT ON event_outbox
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION event_outbox_commit();
