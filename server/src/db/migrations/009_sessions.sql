-- AUTH_MODE=oidc (auth/oidc.ts): people sign in at the company's identity provider.

-- A sign-in under way: what the callback checks the identity provider's answer against. Keyed by
-- the hash of a random value kept in a short-lived HttpOnly cookie; used once (deleted when the
-- callback reads it) and good for a few minutes only.
CREATE TABLE oidc_logins (
  key_hash      text PRIMARY KEY,
  state         text NOT NULL,
  nonce         text NOT NULL,
  code_verifier text NOT NULL,
  origin        text NOT NULL,
  expires_at    timestamptz(3) NOT NULL
);
CREATE INDEX oidc_logins_expires_at ON oidc_logins (expires_at);

-- A Hearth session (cookie hearth_session): only the hash of its id is stored, so a copy of the
-- database signs no one in. idp_sid and id_token serve logout at the identity provider.
CREATE TABLE sessions (
  id_hash      text PRIMARY KEY,
  person_id    integer NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  expires_at   timestamptz(3) NOT NULL,
  last_used_at timestamptz(3) NOT NULL DEFAULT now(),
  idp_sid      text,
  id_token     text
);
CREATE INDEX sessions_person_id ON sessions (person_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
