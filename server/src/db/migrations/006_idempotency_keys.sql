-- Idempotency-Key (IETF draft): a key is scoped to the person and the route, and remembers a
-- fingerprint of the first request (method, path and canonical body) and what it created. A row
-- without a resource is a request still in flight (on any instance); its claim expires, so a
-- crashed instance never blocks a retry for long.
CREATE TABLE idempotency_keys (
  person_id   integer NOT NULL REFERENCES people (id),
  route       text NOT NULL,
  key         text NOT NULL,
  -- NULL for keys carried over from before fingerprints: they replay whatever the body.
  fingerprint text,
  -- Who holds an in-flight claim: only its holder may complete it.
  claim       text,
  claimed_at  timestamptz(3) NOT NULL DEFAULT now(),
  resource_id integer,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, route, key)
);

-- Keys sent before this table existed keep replaying, now on their own route.
INSERT INTO idempotency_keys (person_id, route, key, resource_id, created_at)
  SELECT author_id, CASE WHEN parent_id IS NULL THEN 'POST /posts' ELSE 'POST /posts/:id/replies' END,
         idempotency_key, id, created_at
  FROM posts WHERE idempotency_key IS NOT NULL;
INSERT INTO idempotency_keys (person_id, route, key, resource_id, created_at)
  SELECT author_id, 'POST /questions', idempotency_key, id, created_at FROM questions WHERE idempotency_key IS NOT NULL;
INSERT INTO idempotency_keys (person_id, route, key, resource_id, created_at)
  SELECT author_id, 'POST /questions/:id/answers', idempotency_key, id, created_at FROM answers WHERE idempotency_key IS NOT NULL;
