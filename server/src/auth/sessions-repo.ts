import type { Queryable } from '../db/index.ts';
import type { PersonRow } from '../features/people/repo.ts';

/** A sign-in under way (auth/oidc.ts): what the callback checks the identity provider's answer against. */
export interface PendingLogin {
  state: string;
  nonce: string;
  code_verifier: string;
  origin: string;
}

export interface SessionPerson extends Pick<PersonRow, 'id' | 'external_id' | 'name' | 'email' | 'title' | 'department' | 'roles' | 'active'> {
  session_expires_at: Date;
}

/** The tables of AUTH_MODE=oidc (migration 009): pending sign-ins and Hearth sessions, by hashed key. */
export function sessionsRepo(db: Queryable) {
  return {
    async addLogin(keyHash: string, login: PendingLogin, seconds: number) {
      // Abandoned sign-ins go first: the table holds only the last few minutes' worth.
      await db.query('DELETE FROM oidc_logins WHERE expires_at < now()');
      await db.query(
        `INSERT INTO oidc_logins (key_hash, state, nonce, code_verifier, origin, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
        [keyHash, login.state, login.nonce, login.code_verifier, login.origin, seconds],
      );
    },

    /** The pending sign-in, removed as it is read: a second callback with it finds nothing. */
    async takeLogin(keyHash: string): Promise<PendingLogin | undefined> {
      const [row] = await db.query<PendingLogin & { live: boolean }>(
        'DELETE FROM oidc_logins WHERE key_hash = $1 RETURNING state, nonce, code_verifier, origin, expires_at > now() AS live',
        [keyHash],
      );
      return row?.live ? row : undefined;
    },

    /** A session for an active person; false (nothing stored) when the person is deactivated. */
    async addSession(idHash: string, s: { personId: number; seconds: number; idpSid: string | null; idToken: string | null }): Promise<boolean> {
      await db.query('DELETE FROM sessions WHERE expires_at < now()');
      const rows = await db.query(
        `INSERT INTO sessions (id_hash, person_id, expires_at, idp_sid, id_token)
         SELECT $1, id, now() + make_interval(secs => $3), $4, $5 FROM people WHERE id = $2 AND active
         RETURNING person_id`,
        [idHash, s.personId, s.seconds, s.idpSid, s.idToken],
      );
      return rows.length === 1;
    },

    /** The live session's person (marking the session used), or undefined. */
    async sessionPerson(idHash: string): Promise<SessionPerson | undefined> {
      const [row] = await db.query<SessionPerson>(
        `UPDATE sessions s SET last_used_at = now()
         FROM people p
         WHERE s.id_hash = $1 AND s.expires_at > now() AND p.id = s.person_id
         RETURNING p.id, p.external_id, p.name, p.email, p.title, p.department, p.roles, p.active, s.expires_at AS session_expires_at`,
        [idHash],
      );
      return row;
    },

    async isLive(idHash: string): Promise<boolean> {
      const rows = await db.query('SELECT 1 FROM sessions WHERE id_hash = $1 AND expires_at > now()', [idHash]);
      return rows.length > 0;
    },

    /** Ends the session, answering the ID token it kept (for the identity provider's logout). */
    async removeSession(idHash: string): Promise<{ id_token: string | null } | undefined> {
      const [row] = await db.query<{ id_token: string | null }>('DELETE FROM sessions WHERE id_hash = $1 RETURNING id_token', [idHash]);
      return row;
    },
  };
}
