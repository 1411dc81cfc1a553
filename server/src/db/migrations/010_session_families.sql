-- AUTH_MODE=oidc, continued (auth/oidc.ts): sign-in without a click, handed-off portal sessions,
-- and the identity provider's session checked while a Hearth session lasts.

-- A sign-in started in a hidden frame (prompt=none): its answer goes to the frame's parent.
ALTER TABLE oidc_logins ADD COLUMN silent boolean NOT NULL DEFAULT false;

-- A family: the session the sign-in made (its own family) and the sessions handed off from it to
-- the portal pages it was made for (a partitioned cookie, where third-party cookies are blocked).
-- They end together. The refresh token and its last check live on the family's first session.
ALTER TABLE sessions ADD COLUMN family text;
UPDATE sessions SET family = id_hash;
ALTER TABLE sessions ALTER COLUMN family SET NOT NULL;
ALTER TABLE sessions ADD COLUMN refresh_token text;
ALTER TABLE sessions ADD COLUMN idp_checked_at timestamptz(3);
CREATE INDEX sessions_family ON sessions (family);

-- A one-time code the sign-in popup gives the portal page that opened it (postMessage to that
-- origin only), which that page exchanges at POST /auth/token for a session of its own. Only the
-- hash is stored; it is good for one use, for the origin it was made for, within two minutes.
CREATE TABLE session_handoffs (
  code_hash    text PRIMARY KEY,
  session_hash text NOT NULL REFERENCES sessions (id_hash) ON DELETE CASCADE,
  origin       text NOT NULL,
  expires_at   timestamptz(3) NOT NULL
);
CREATE INDEX session_handoffs_expires_at ON session_handoffs (expires_at);
