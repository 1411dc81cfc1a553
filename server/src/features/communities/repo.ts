import type { Queryable } from '../../db/index.ts';
import type { JoinPolicy, MembershipState, PersonSummary, Visibility } from '@hearth/contracts';

export interface CommunityRow {
  id: number;
  slug: string;
  name: string;
  purpose: string;
  description: string;
  visibility: Visibility;
  join_policy: JoinPolicy;
  state: 'active' | 'archived';
  listed: boolean;
  member_count: number;
  last_activity_at: Date | null;
  created_at: Date;
}

const COLUMNS = `c.id, c.slug, c.name, c.purpose, c.description, c.visibility, c.join_policy, c.state, c.listed,
  c.member_count, c.last_activity_at, c.created_at`;

export interface ActivityRow {
  community_id: number;
  posts: number;
  active: number;
}

export interface NewCommunity {
  slug: string;
  name: string;
  purpose: string;
  description: string;
  visibility: Visibility;
  joinPolicy: JoinPolicy;
  listed: boolean;
}

type PersonRow = PersonSummary & { community_id: number; role: 'member' | 'manager' };

/**
 * The communities hidden from a person, as an int[] expression of SQL (`person` is a parameter
 * placeholder): the restricted ones they are not a member of. The one definition, for
 * `hiddenFrom` and for a statement that works it out itself (posts/repo.ts, a feed page in one
 * round trip).
 */
export function hiddenFromSql(person: string): string {
  return `ARRAY(SELECT c.id FROM communities c
                WHERE c.visibility = 'restricted'
                  AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.person_id = ${person}))`;
}

export function communitiesRepo(db: Queryable) {
  return {
    async bySlug(slug: string) {
      const [row] = await db.query<CommunityRow>(`SELECT ${COLUMNS} FROM communities c WHERE c.slug = $1`, [slug]);
      return row;
    },

    async slugAndVisibility(id: number) {
      const [row] = await db.query<Pick<CommunityRow, 'slug' | 'visibility'>>('SELECT slug, visibility FROM communities WHERE id = $1', [id]);
      return row;
    },

    /** Which of `personIds` are members (or managers) of the community. */
    async membersAmong(communityId: number, personIds: number[]): Promise<Set<number>> {
      const rows = await db.query<{ person_id: number }>(
        'SELECT person_id FROM memberships WHERE community_id = $1 AND person_id = ANY($2::int[])', [communityId, personIds]);
      return new Set(rows.map((r) => r.person_id));
    },

    /** Restricted communities `personId` is not a member of. */
    async hiddenFrom(personId: number): Promise<number[]> {
      const [row] = await db.query<{ ids: number[] }>(`SELECT ${hiddenFromSql('$1')} AS ids`,
        // Asked by nearly every request: prepared (db/index.ts, QueryOptions).
        [personId], { prepare: true });
      return row?.ids ?? [];
    },

    /**
     * Active communities for the directory: open ones, restricted ones `personId` is in, and
     * restricted ones that list themselves. Most active first.
     */
    async directory(personId: number, q: string | undefined, since: string, limit: number) {
      const params: unknown[] = [personId, since, limit];
      const search = q ? `AND (c.name ILIKE $4 OR c.purpose ILIKE $4)` : '';
      if (q) params.push(`%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      return db.query<CommunityRow>(
        `SELECT ${COLUMNS} FROM communities c
         LEFT JOIN (SELECT community_id, sum(posts) AS posts FROM community_days WHERE day >= $2::date GROUP BY 1) a
           ON a.community_id = c.id
         WHERE c.state = 'active' ${search}
           AND (c.visibility = 'open' OR c.listed
                OR EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.person_id = $1))
         ORDER BY COALESCE(a.posts, 0) DESC, c.last_activity_at DESC NULLS LAST, c.name
         LIMIT $3`, params);
    },

    /** Active communities with no activity since `before` (or none ever, created before it). */
    async inactive(before: Date) {
      return db.query<CommunityRow>(
        `SELECT ${COLUMNS} FROM communities c
         WHERE c.state = 'active' AND COALESCE(c.last_activity_at, c.created_at) < $1
         ORDER BY COALESCE(c.last_activity_at, c.created_at)`, [before]);
    },

    /**
     * Posts and active people per community since `since` (a UTC date), from the tables kept
     * from community_activity (015_search_speed.sql): a row per day, and a row per active person.
     */
    async activity(ids: number[], since: string): Promise<ActivityRow[]> {
      return db.query<ActivityRow>(
        `SELECT d.community_id, d.posts,
                (SELECT count(*) FROM community_people_last l WHERE l.community_id = d.community_id AND l.last_day >= $2::date)::int AS active
         FROM (SELECT community_id, sum(posts)::int AS posts FROM community_days
               WHERE community_id = ANY($1::int[]) AND day >= $2::date GROUP BY 1) d`, [ids, since]);
    },

    /** Posts per day per community for the days from `since` to `today` (UTC dates). */
    async daily(ids: number[], since: string, today: string) {
      return db.query<{ community_id: number; day: string; posts: number }>(
        `SELECT community_id, to_char(day, 'YYYY-MM-DD') AS day, sum(posts)::int AS posts
         FROM community_days
         WHERE community_id = ANY($1::int[]) AND day BETWEEN $2::date AND $3::date
         GROUP BY 1, 2`, [ids, since, today]);
    },

    /** Every manager, and the first few members, of each community. */
    async people(ids: number[], members: number): Promise<PersonRow[]> {
      return db.query<PersonRow>(
        // Per community, its managers and the first members (memberships_by_joined,
        // 015_search_speed.sql): never all the members of a big community.
        `SELECT x.community_id, x.role, p.id, p.handle, p.name, p.title, p.department FROM (
           SELECT m.community_id, m.role, m.person_id,
                  row_number() OVER (PARTITION BY m.community_id, m.role = 'manager' ORDER BY m.created_at, m.person_id) AS n
           FROM unnest($1::int[]) c(id) CROSS JOIN LATERAL (
             (SELECT community_id, role, person_id, created_at FROM memberships WHERE community_id = c.id AND role = 'manager')
             UNION ALL
             (SELECT community_id, role, person_id, created_at FROM memberships WHERE community_id = c.id AND role = 'member'
              ORDER BY created_at, person_id LIMIT $2)) m) x
         JOIN people p ON p.id = x.person_id
         ORDER BY x.community_id, x.role DESC, x.n`, [ids, members]);
    },

    /** Where `personId` stands with each community. */
    async membershipStates(ids: number[], personId: number): Promise<Map<number, MembershipState>> {
      const rows = await db.query<{ community_id: number; state: MembershipState }>(
        `SELECT community_id, CASE role WHEN 'manager' THEN 'manager' ELSE 'member' END AS state
         FROM memberships WHERE person_id = $2 AND community_id = ANY($1::int[])
         UNION ALL
         SELECT community_id, CASE kind WHEN 'invite' THEN 'invited' ELSE 'pending' END
         FROM community_requests WHERE person_id = $2 AND community_id = ANY($1::int[])`, [ids, personId]);
      return new Map(rows.map((r) => [r.community_id, r.state]));
    },

    async insert(c: NewCommunity) {
      const [row] = await db.query<{ id: number }>(
        `INSERT INTO communities (slug, name, purpose, description, visibility, join_policy, listed)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [c.slug, c.name, c.purpose, c.description, c.visibility, c.joinPolicy, c.listed]);
      return row?.id;
    },

    async update(id: number, fields: Partial<Record<'name' | 'purpose' | 'description' | 'visibility' | 'join_policy' | 'listed', unknown>>) {
      const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
      if (entries.length === 0) return;
      const sets = entries.map(([k], i) => `${k} = $${i + 2}`);
      await db.query(`UPDATE communities SET ${sets.join(', ')} WHERE id = $1`, [id, ...entries.map(([, v]) => v)]);
    },

    /** Sets the state; resolves to the state it had, or undefined when it had this one already (nothing changed). */
    async setState(id: number, state: 'active' | 'archived') {
      const [row] = await db.query<{ was: 'active' | 'archived' }>(
        `UPDATE communities c SET state = $2, archived_at = CASE WHEN $2 = 'archived' THEN now() END
         FROM (SELECT id, state FROM communities WHERE id = $1 FOR UPDATE) old
         WHERE c.id = old.id AND old.state <> $2 RETURNING old.state AS was`, [id, state]);
      return row?.was;
    },

    /** The row's visibility, locked until the transaction ends (so a change's "from" is exact). */
    async lockVisibility(id: number) {
      const [row] = await db.query<{ visibility: Visibility }>('SELECT visibility FROM communities WHERE id = $1 FOR UPDATE', [id]);
      return row?.visibility;
    },

    async addMember(communityId: number, personId: number, role: 'member' | 'manager' = 'member') {
      await db.query(
        `INSERT INTO memberships (community_id, person_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (community_id, person_id) DO UPDATE SET role = EXCLUDED.role WHERE memberships.role <> EXCLUDED.role`,
        [communityId, personId, role]);
      await db.query('DELETE FROM community_requests WHERE community_id = $1 AND person_id = $2', [communityId, personId]);
    },

    async removeMember(communityId: number, personId: number) {
      await db.query('DELETE FROM memberships WHERE community_id = $1 AND person_id = $2', [communityId, personId]);
    },

    async managerCount(communityId: number) {
      const [row] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM memberships WHERE community_id = $1 AND role = 'manager'", [communityId]);
      return row?.n ?? 0;
    },

    async memberCount(communityId: number) {
      const [row] = await db.query<{ n: number }>('SELECT member_count AS n FROM communities WHERE id = $1', [communityId]);
      return row?.n ?? 0;
    },

    async request(communityId: number, personId: number) {
      const [row] = await db.query<{ kind: 'request' | 'invite' }>(
        'SELECT kind FROM community_requests WHERE community_id = $1 AND person_id = $2', [communityId, personId]);
      return row?.kind;
    },

    async addRequest(communityId: number, personId: number, kind: 'request' | 'invite') {
      await db.query(
        `INSERT INTO community_requests (community_id, person_id, kind) VALUES ($1, $2, $3)
         ON CONFLICT (community_id, person_id) DO UPDATE SET kind = EXCLUDED.kind, created_at = now()`,
        [communityId, personId, kind]);
    },

    async removeRequest(communityId: number, personId: number) {
      await db.query('DELETE FROM community_requests WHERE community_id = $1 AND person_id = $2', [communityId, personId]);
    },

    async requests(communityId: number) {
      return db.query<PersonSummary & { kind: 'request' | 'invite'; created_at: Date }>(
        `SELECT p.id, p.handle, p.name, p.title, p.department, r.kind, r.created_at
         FROM community_requests r JOIN people p ON p.id = r.person_id
         WHERE r.community_id = $1 ORDER BY r.created_at, p.id`, [communityId]);
    },

    /** Members by name, after a (name, id) position, optionally matching `q`. */
    async members(communityId: number, q: string | undefined, after: { name: string; id: number } | undefined, limit: number) {
      const params: unknown[] = [communityId, limit];
      const where = ['m.community_id = $1'];
      if (q) where.push(`p.name ILIKE $${params.push(`%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)}`);
      if (after) where.push(`(p.name, p.id) > ($${params.push(after.name)}, $${params.push(after.id)})`);
      return db.query<PersonSummary & { role: 'member' | 'manager'; since: Date }>(
        `SELECT p.id, p.handle, p.name, p.title, p.department, m.role, m.created_at AS since
         FROM memberships m JOIN people p ON p.id = m.person_id
         WHERE ${where.join(' AND ')} ORDER BY p.name, p.id LIMIT $2`, params);
    },
  };
}
