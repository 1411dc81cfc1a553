import type { Db } from '../db/index.ts';
import type { PersonRow } from '../features/people/repo.ts';

/** A sign-in under way (auth/oidc.ts): what the callback checks the identity provider's answer against. */
export interface PendingLogin {
  state: string;
  nonce: string;
  code_verifier: string;
  origin: string;
  /** Started in a hidden frame (prompt=none): the answer goes to the frame's parent. */
  silent: boolean;
}

export interface SessionPerson extends Pick<PersonRow, 'id' | 'external_id' | 'name' | 'email' | 'title' | 'department' | 'roles' | 'active'> {
  session_expires_at: Date;
}

/** The tables of AUTH_MODE=oidc (migration 009): pending sign-ins and Hearth sessions, by hashed key. */
export function sessionsRepo(db: Db) {
  return {
    async addLogin(keyHash: string, login: PendingLogin, seconds: number) {
      // Abandoned sign-ins go first: the table holds only the last few minutes' worth.
      await db.query('DELETE FROM oidc_logins WHERE expires_at < now()');
      await db.query(
        `INSERT INTO oidc_logins (key_hash, state, nonce, code_verifier, origin, silent, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
        [keyHash, login.state, login.nonce, login.code_verifier, login.origin, login.silent, seconds],
      );
    },

    /** The pending sign-in, removed as it is read: a second callback with it finds nothing. */
    async takeLogin(keyHash: string): Promise<PendingLogin | undefined> {
      const [row] = await db.query<PendingLogin & { live: boolean }>(
        'DELETE FROM oidc_logins WHERE key_hash = $1 RETURNING state, nonce, code_verifier, origin, silent, expires_at > now() AS live',
        [keyHash],
      );
      return row?.live ? row : undefined;
    },

    /**
     * A session for an active person; false (nothing stored) when the person is deactivated. The
     * first session of a sign-in heads its family and keeps the identity provider's refresh token.
     */
    async addSession(idHash: string, s: { personId: number; seconds: number; idpSid: string | null; idToken: string | null; refreshToken: string | null }): Promise<boolean> {
      await db.query('DELETE FROM sessions WHERE expires_at < now()');
      const rows = await db.query(
        `INSERT INTO sessions (id_hash, family, person_id, expires_at, idp_sid, id_token, refresh_token, idp_checked_at)
         SELECT $1, $1, id, now() + make_interval(secs => $3), $4, $5, $6, now() FROM people WHERE id = $2 AND active
         RETURNING person_id`,
        [idHash, s.personId, s.seconds, s.idpSid, s.idToken, s.refreshToken],
      );
      return rows.length === 1;
    },

    /** A one-time code for `origin` that hands the session on (POST /auth/token { handoff }). */
    async addHandoff(codeHash: string, sessionHash: string, origin: string, seconds: number) {
      await db.query('DELETE FROM session_handoffs WHERE expires_at < now()');
      await db.query(
        'INSERT INTO session_handoffs (code_hash, session_hash, origin, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))',
        [codeHash, sessionHash, origin, seconds],
      );
    },

    /**
     * Uses the code (once: it is deleted as it is read): a new session of the same family, person
     * and end, for the origin the code was made for. False when the code is unknown, used,
     * expired, for another origin, or its family has ended.
     */
    async takeHandoff(codeHash: string, origin: string, newIdHash: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [handoff] = await tx.query<{ session_hash: string }>(
          'DELETE FROM session_handoffs WHERE code_hash = $1 AND expires_at > now() AND origin = $2 RETURNING session_hash',
          [codeHash, origin],
        );
        if (!handoff) return false;
        const rows = await tx.query(
          `INSERT INTO sessions (id_hash, family, person_id, expires_at)
           SELECT $1, s.family, s.person_id, s.expires_at FROM sessions s JOIN people p ON p.id = s.person_id
           WHERE s.id_hash = $2 AND s.expires_at > now() AND p.active
           RETURNING person_id`,
          [newIdHash, handoff.session_hash],
        );
        return rows.length === 1;
      });
    },

    /**
     * Claims the family's check of the identity provider's session when the last one is older
     * than `seconds` (one instance wins; the others see nothing to do): its refresh token.
     */
    async claimIdpCheck(idHash: string, seconds: number): Promise<{ family: string; refreshToken: string } | undefined> {
      const [row] = await db.query<{ family: string; refresh_token: string }>(
        `UPDATE sessions f SET idp_checked_at = now()
         FROM sessions s
         WHERE s.id_hash = $1 AND f.id_hash = s.family AND f.refresh_token IS NOT NULL
           AND (f.idp_checked_at IS NULL OR f.idp_checked_at <= now() - make_interval(secs => $2))
         RETURNING f.family, f.refresh_token`,
        [idHash, seconds],
      );
      return row ? { family: row.family, refreshToken: row.refresh_token } : undefined;
    },

    /** The identity provider rotated the refresh token. */
    async setRefreshToken(family: string, refreshToken: string) {
      await db.query('UPDATE sessions SET refresh_token = $2 WHERE id_hash = $1', [family, refreshToken]);
    },

    /** Ends a family (the identity provider's session ended): every session in it. */
    async removeFamily(family: string) {
      await db.query('DELETE FROM sessions WHERE family = $1', [family]);
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

    /**
     * Ends the session and its whole family (the popup's session and every portal session handed
     * off from it), answering the ID token the family kept (for the identity provider's logout).
     */
    async removeSession(idHash: string): Promise<{ id_token: string | null } | undefined> {
      const rows = await db.query<{ id_token: string | null; head: boolean }>(
        `DELETE FROM sessions WHERE family = (SELECT family FROM sessions WHERE id_hash = $1)
         RETURNING id_token, id_hash = family AS head`,
        [idHash],
      );
      if (!rows.length) return undefined;
      return { id_token: rows.find((r) => r.head)?.id_token ?? null };
    },
  };
}
