import type { DemoAccount, HouseholdMember, Member, Role, User } from '../../types/domain'
import { maskPhone } from '../../src/domain/text'
import type { ContactRecord, Home, SessionRepository, UserRepository } from '../../src/core/ports'
import { inOneUnit, type Queryable } from '../db/driver'
import { iso } from './rows'

export interface UserRow {
  id: string
  community_id: string | null
  street_id: string | null
  name: string
  phone: string
  roles: Role[]
  home_building_id: string | null
  home_room: string | null
  grid_ids: string[]
  leads_building_ids: string[]
  description: string
}

export const USER_COLUMNS =
  'u.id, u.community_id, u.street_id, u.name, u.phone, u.roles, u.home_building_id, u.home_room, u.grid_ids, u.leads_building_ids, u.description'

/** Not a deleted account (its row stays, anonymised, so reports keep a reporter). */
const LIVE = 'deleted_at IS NULL'

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    phoneMasked: maskPhone(row.phone),
    roles: [...row.roles],
    communityId: row.community_id,
    ...(row.street_id ? { streetId: row.street_id } : {}),
    ...(row.home_building_id ? { home: { buildingId: row.home_building_id, room: row.home_room ?? '' } } : {}),
    gridIds: [...row.grid_ids],
    leadsBuildingIds: [...row.leads_building_ids],
  }
}

export async function findUser(q: Queryable, id: string): Promise<User | null> {
  const [row] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id])
  return row ? toUser(row) : null
}

export async function findDemoUser(q: Queryable, id: string): Promise<User | null> {
  const [row] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 AND u.demo`, [id])
  return row ? toUser(row) : null
}

export async function listDemoAccounts(q: Queryable): Promise<DemoAccount[]> {
  const rows = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.demo ORDER BY u.created_at, u.id`)
  return rows.map((r) => ({ userId: r.id, name: r.name, roles: [...r.roles], description: r.description }))
}

/**
 * The user behind a WeChat openid, created on first sign-in as a resident of no community. A
 * deleted account's openid was cleared, so signing in again makes a new user.
 */
export async function upsertWeChatUser(q: Queryable, input: { id: string; openid: string; name: string; at: string }): Promise<User> {
  await q.query(
    `INSERT INTO users (id, community_id, name, roles, wechat_openid, created_at)
     VALUES ($1, NULL, $2, '{resident}', $3, $4)
     ON CONFLICT (wechat_openid) DO NOTHING`,
    [input.id, input.name, input.openid, input.at],
  )
  const [row] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.wechat_openid = $1`, [input.openid])
  return toUser(row)
}

export async function setCommunity(q: Queryable, userId: string, communityId: string | null): Promise<void> {
  await q.query('UPDATE users SET community_id = $2 WHERE id = $1', [userId, communityId])
}

/** Append what is not there yet, in the order given (an array column's union that keeps its order). */
const appendNew = (column: string, param: string) =>
  `${column} || ARRAY(SELECT x FROM unnest(${param}::text[]) WITH ORDINALITY AS a(x, o) WHERE x <> ALL(${column}) GROUP BY x ORDER BY min(o))`

/** Give a role (once) with its grids and buildings (added to those served and led); the community when there is none. */
export async function grantRole(
  q: Queryable,
  userId: string,
  grant: { role: Role; communityId: string; gridIds: readonly string[]; buildingIds: readonly string[] },
): Promise<void> {
  await q.query(
    `UPDATE users SET
       roles = CASE WHEN $2 = ANY(roles) THEN roles ELSE roles || $2::text END,
       community_id = coalesce(community_id, $3),
       grid_ids = ${appendNew('grid_ids', '$4')},
       leads_building_ids = ${appendNew('leads_building_ids', '$5')}
     WHERE id = $1`,
    [userId, grant.role, grant.communityId, [...grant.gridIds], [...grant.buildingIds]],
  )
}

/** Make a person an officer of a street: the role once, their street set. */
export async function grantStreet(q: Queryable, userId: string, streetId: string): Promise<void> {
  await q.query(
    `UPDATE users SET roles = CASE WHEN 'street_staff' = ANY(roles) THEN roles ELSE roles || 'street_staff'::text END, street_id = $2
     WHERE id = $1`,
    [userId, streetId],
  )
}

/** Take a role away with its scope: a grid worker's grids, a building leader's buildings, a street officer's street. */
export async function revokeRole(q: Queryable, userId: string, role: Role): Promise<void> {
  await q.query(
    `UPDATE users SET roles = array_remove(roles, $2::text),
       grid_ids = CASE WHEN $2 = 'grid_worker' THEN '{}' ELSE grid_ids END,
       leads_building_ids = CASE WHEN $2 = 'building_leader' THEN '{}' ELSE leads_building_ids END,
       street_id = CASE WHEN $2 = 'street_staff' THEN NULL ELSE street_id END
     WHERE id = $1`,
    [userId, role],
  )
}

/**
 * A verified member of a household since `at` (with the name and phone they claimed), or out of
 * theirs (home null): no home, no longer its representative.
 */
export async function setHome(q: Queryable, userId: string, home: Home | null, at: string, contact?: { name: string; phone: string }): Promise<void> {
  if (!home) {
    await q.query('UPDATE users SET home_building_id = NULL, home_room = NULL, home_since = NULL, representative = false WHERE id = $1', [userId])
    return
  }
  await q.query(
    `UPDATE users SET home_building_id = $2, home_room = $3, home_since = $4, representative = false,
       name = coalesce($5, name), phone = coalesce($6, phone)
     WHERE id = $1`,
    [userId, home.buildingId, home.room, at, contact?.name ?? null, contact?.phone ?? null],
  )
}

export async function updateContact(q: Queryable, userId: string, contact: { name?: string; phone?: string }): Promise<void> {
  if (contact.name === undefined && contact.phone === undefined) return
  await q.query('UPDATE users SET name = coalesce($2, name), phone = coalesce($3, phone) WHERE id = $1', [userId, contact.name ?? null, contact.phone ?? null])
}

export async function findPhone(q: Queryable, userId: string): Promise<string | null> {
  const [row] = await q.query<{ phone: string }>('SELECT phone FROM users WHERE id = $1', [userId])
  return row ? row.phone : null
}

/** The verified members of a household, in the order they joined it (home_since, id). */
export async function listHousehold(q: Queryable, communityId: string, home: Home): Promise<HouseholdMember[]> {
  const rows = await q.query<{ id: string; name: string; phone: string; representative: boolean; home_since: unknown }>(
    // A home written without its instant (by hand) counts from when the person was created.
    `SELECT id, name, phone, representative, coalesce(home_since, created_at) AS home_since FROM users
     WHERE community_id = $1 AND home_building_id = $2 AND home_room = $3 AND ${LIVE}
     ORDER BY coalesce(home_since, created_at), id`,
    [communityId, home.buildingId, home.room],
  )
  return rows.map((r) => ({ userId: r.id, name: r.name, phoneMasked: maskPhone(r.phone), representative: r.representative, since: iso(r.home_since) }))
}

/**
 * Make `userId` the household's representative and nobody else in it (null: nobody). The
 * household's rows are locked first, so concurrent choices serialise (the partial unique index
 * allows one representative per household, and would refuse the later of two unserialised ones);
 * someone outside the household is not made its representative.
 */
export async function setRepresentative(q: Queryable, communityId: string, home: Home, userId: string | null): Promise<void> {
  await inOneUnit(q, async (tx) => {
    const household = [communityId, home.buildingId, home.room]
    const where = 'community_id = $1 AND home_building_id = $2 AND home_room = $3'
    await tx.query(`SELECT id FROM users WHERE ${where} ORDER BY id FOR UPDATE`, household)
    await tx.query(`UPDATE users SET representative = false WHERE ${where} AND representative AND id IS DISTINCT FROM $4::text`, [...household, userId])
    if (userId) await tx.query(`UPDATE users SET representative = true WHERE ${where} AND id = $4 AND NOT representative`, [...household, userId])
  })
}

/**
 * Hold a household (an advisory lock on its community, building and room) until the transaction
 * ends: its rows may not exist yet (an empty room), so row locks cannot serialise its first members.
 */
export async function lockHousehold(q: Queryable, communityId: string, home: Home): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2 || chr(31) || $3))', [communityId, home.buildingId, home.room])
}

/** People holding a role beyond resident, in the order they were set up. */
export async function listMembers(q: Queryable, communityId: string): Promise<Member[]> {
  const rows = await q.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u
     WHERE u.community_id = $1 AND u.roles && ARRAY['staff', 'grid_worker', 'building_leader', 'admin']::text[] AND u.${LIVE}
     ORDER BY u.created_at, u.id`,
    [communityId],
  )
  return rows.map((r) => {
    const { id, name, phoneMasked, roles, gridIds, leadsBuildingIds, home } = toUser(r)
    return { id, name, phoneMasked, roles, gridIds, leadsBuildingIds, ...(home ? { home } : {}) }
  })
}

/**
 * Who follows a report: its reporter, the residents living in the household it was filed for
 * (代报), and whoever filed it; with their WeChat openid when they signed in with WeChat.
 */
export async function findFollowers(
  q: Queryable,
  report: { communityId: string; reporterId: string; filedBy?: { id: string }; beneficiary?: { buildingId: string; room: string } },
): Promise<Array<{ id: string; openid?: string }>> {
  const rows = await q.query<{ id: string; wechat_openid: string | null }>(
    `SELECT id, wechat_openid FROM users
     WHERE (id = ANY($1::text[]) OR (community_id = $2 AND home_building_id = $3 AND home_room = $4)) AND ${LIVE}
     ORDER BY created_at, id`,
    [[report.reporterId, report.filedBy?.id].filter(Boolean), report.communityId, report.beneficiary?.buildingId ?? null, report.beneficiary?.room ?? null],
  )
  return rows.map((r) => ({ id: r.id, ...(r.wechat_openid ? { openid: r.wechat_openid } : {}) }))
}

/** Whom to tell (UserRepository.findRecipients): people by id and the members of some households, in one statement. */
export async function findRecipients(
  q: Queryable,
  query: { userIds: readonly string[]; communityId?: string; homes?: ReadonlyArray<{ buildingId: string; room: string }> },
): Promise<Array<{ id: string; openid?: string }>> {
  const homes = query.homes ?? []
  const rows = await q.query<{ id: string; wechat_openid: string | null }>(
    `SELECT id, wechat_openid FROM users
     WHERE (id = ANY($1::text[])
        OR (community_id = $2 AND (home_building_id, home_room) IN (SELECT * FROM unnest($3::text[], $4::text[]))))
       AND ${LIVE}
     ORDER BY created_at, id`,
    [[...query.userIds], query.communityId ?? null, homes.map((h) => h.buildingId), homes.map((h) => h.room)],
  )
  return rows.map((r) => ({ id: r.id, ...(r.wechat_openid ? { openid: r.wechat_openid } : {}) }))
}

/**
 * Whom a handler calls about a report (UserRepository.findContact): of those with a dialable number
 * (at least 7 digits, as `dialablePhone`), the reporter, else the household's first resident, else
 * the filer; in one statement.
 */
export async function findContact(
  q: Queryable,
  report: { communityId: string; reporterId: string; filedBy?: { id: string }; beneficiary?: { buildingId: string; room: string } },
): Promise<ContactRecord | null> {
  const [row] = await q.query<{ id: string; name: string; phone: string; rank: number }>(
    `SELECT id, name, phone, CASE WHEN id = $1::text THEN 0 WHEN id = $2::text THEN 2 ELSE 1 END AS rank
     FROM users
     WHERE length(regexp_replace(phone, '[^0-9]', '', 'g')) >= 7 AND ${LIVE}
       AND (id = $1::text OR id = $2::text OR (community_id = $3 AND home_building_id = $4::text AND home_room = $5::text))
     ORDER BY rank, created_at, id
     LIMIT 1`,
    [report.reporterId, report.filedBy?.id ?? null, report.communityId, report.beneficiary?.buildingId ?? null, report.beneficiary?.room ?? null],
  )
  if (!row) return null
  const relation = Number(row.rank) === 0 ? 'reporter' : Number(row.rank) === 2 ? 'filer' : 'household'
  return { id: row.id, name: row.name, phone: row.phone, relation }
}

/** The first person registered as living in a household (the owner of a 代报 report filed for it). */
export async function findResidentAt(q: Queryable, communityId: string, buildingId: string, room: string): Promise<User | null> {
  const [row] = await q.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u WHERE u.community_id = $1 AND u.home_building_id = $2 AND u.home_room = $3 AND u.${LIVE}
     ORDER BY u.created_at, u.id LIMIT 1`,
    [communityId, buildingId, room],
  )
  return row ? toUser(row) : null
}

/** Residents of a community with a home: the households notices reach. */
export async function listResidents(q: Queryable, communityId: string): Promise<Array<{ id: string; home: { buildingId: string; room: string } }>> {
  const rows = await q.query<{ id: string; home_building_id: string; home_room: string }>(
    `SELECT id, home_building_id, home_room FROM users
     WHERE community_id = $1 AND home_building_id IS NOT NULL AND home_room IS NOT NULL AND ${LIVE}
     ORDER BY id`,
    [communityId],
  )
  return rows.map((r) => ({ id: r.id, home: { buildingId: r.home_building_id, room: r.home_room } }))
}

/** Grid workers and staff of a community: who a report can be assigned to. */
export async function listHandlers(q: Queryable, communityId: string): Promise<User[]> {
  const rows = await q.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u
     WHERE u.community_id = $1 AND (u.roles && ARRAY['staff', 'grid_worker']::text[]) AND u.${LIVE}
     ORDER BY u.created_at, u.id`,
    [communityId],
  )
  return rows.map(toUser)
}

// ── sessions ────────────────────────────────────────────────────────────────────────────────

export async function insertSession(q: Queryable, s: { tokenHash: string; userId: string; createdAt: string; expiresAt: string }): Promise<void> {
  await q.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    s.tokenHash,
    s.userId,
    s.createdAt,
    s.expiresAt,
  ])
}

/** The live session for a token hash, with its user; null when unknown or expired at `now`. */
export async function findSession(q: Queryable, tokenHash: string, now: string): Promise<{ user: User; expiresAt: string } | null> {
  const [row] = await q.query<UserRow & { expires_at: unknown }>(
    `SELECT ${USER_COLUMNS}, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > $2`,
    [tokenHash, now],
  )
  return row ? { user: toUser(row), expiresAt: iso(row.expires_at) } : null
}

export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
}

export async function deleteExpiredSessions(q: Queryable, now: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE expires_at <= $1', [now])
}

export async function deleteSessionsOf(q: Queryable, userId: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE user_id = $1', [userId])
}

export function userRepository(q: Queryable): UserRepository {
  return {
    find: (id) => findUser(q, id),
    findDemo: (id) => findDemoUser(q, id),
    listDemoAccounts: () => listDemoAccounts(q),
    upsertWeChatUser: (input) => upsertWeChatUser(q, input),
    setCommunity: (userId, communityId) => setCommunity(q, userId, communityId),
    grantRole: (userId, grant) => grantRole(q, userId, grant),
    grantStreet: (userId, streetId) => grantStreet(q, userId, streetId),
    revokeRole: (userId, role) => revokeRole(q, userId, role),
    setHome: (userId, home, at, contact) => setHome(q, userId, home, at, contact),
    updateContact: (userId, contact) => updateContact(q, userId, contact),
    findPhone: (userId) => findPhone(q, userId),
    listHousehold: (communityId, home) => listHousehold(q, communityId, home),
    setRepresentative: (communityId, home, userId) => setRepresentative(q, communityId, home, userId),
    lockHousehold: (communityId, home) => lockHousehold(q, communityId, home),
    listMembers: (communityId) => listMembers(q, communityId),
    findResidentAt: (communityId, home) => findResidentAt(q, communityId, home.buildingId, home.room),
    listResidents: (communityId) => listResidents(q, communityId),
    listHandlers: (communityId) => listHandlers(q, communityId),
    findFollowers: (report) => findFollowers(q, report),
    findContact: (report) => findContact(q, report),
    findRecipients: (query) => findRecipients(q, query),
  }
}

export function sessionRepository(q: Queryable): SessionRepository {
  return {
    insert: (session) => insertSession(q, session),
    find: (tokenHash, now) => findSession(q, tokenHash, now),
    delete: (tokenHash) => deleteSession(q, tokenHash),
    deleteExpired: (now) => deleteExpiredSessions(q, now),
    deleteForUser: (userId) => deleteSessionsOf(q, userId),
  }
}
