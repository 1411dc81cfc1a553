-- SCIM 2.0 provisioning (features/scim): the identity provider creates, updates and deactivates
-- people, and keeps groups whose membership gives roles (auth/roles.ts).

-- A deactivated person (SCIM active=false or DELETE) can no longer sign in or call the API; what
-- they wrote stays, under their name. Reactivation clears deactivated_at.
ALTER TABLE people ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE people ADD COLUMN deactivated_at timestamptz(3);
-- Set for people the identity provider provisioned (NULL for people known only from a sign-in).
-- scim_external_id is the SCIM externalId as sent (people.external_id, the sign-in identity, is
-- it when sent; see features/scim/service.ts).
ALTER TABLE people ADD COLUMN scim_user_name text;
ALTER TABLE people ADD COLUMN scim_external_id text;
ALTER TABLE people ADD COLUMN given_name text;
ALTER TABLE people ADD COLUMN family_name text;
ALTER TABLE people ADD COLUMN updated_at timestamptz(3);
-- userName is unique and compared without case (RFC 7643 §4.1.1: caseExact false).
CREATE UNIQUE INDEX people_scim_user_name ON people (lower(scim_user_name));

CREATE TABLE scim_groups (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  display_name text NOT NULL,
  external_id  text,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz(3) NOT NULL DEFAULT now()
);
-- Providers find a group by displayName before creating it: one group per name.
CREATE UNIQUE INDEX scim_groups_display_name ON scim_groups (lower(display_name));
CREATE INDEX scim_groups_external_id ON scim_groups (external_id);

CREATE TABLE scim_group_members (
  group_id  integer NOT NULL REFERENCES scim_groups (id) ON DELETE CASCADE,
  person_id integer NOT NULL REFERENCES people (id),
  PRIMARY KEY (group_id, person_id)
);
CREATE INDEX scim_group_members_by_person ON scim_group_members (person_id);
