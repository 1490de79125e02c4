import type { DemoAccount, Role, User } from '../../types/domain'
import { maskPhone } from '../../src/domain/text'
import type { ContactRecord, SessionRepository, UserRepository } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso } from './rows'

interface UserRow {
  id: string
  community_id: string
  name: string
  phone: string
  roles: Role[]
  home_building_id: string | null
  home_room: string | null
  grid_ids: string[]
  leads_building_ids: string[]
  description: string
}

const USER_COLUMNS = 'u.id, u.community_id, u.name, u.phone, u.roles, u.home_building_id, u.home_room, u.grid_ids, u.leads_building_ids, u.description'

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    phoneMasked: maskPhone(row.phone),
    roles: [...row.roles],
    communityId: row.community_id,
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

/** The user behind a WeChat openid, created as a resident of `communityId` on first sign-in. */
export async function upsertWeChatUser(q: Queryable, input: { id: string; openid: string; communityId: string; name: string; at: string }): Promise<User> {
  await q.query(
    `INSERT INTO users (id, community_id, name, roles, wechat_openid, created_at)
     VALUES ($1, $2, $3, '{resident}', $4, $5)
     ON CONFLICT (wechat_openid) DO NOTHING`,
    [input.id, input.communityId, input.name, input.openid, input.at],
  )
  const [row] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.wechat_openid = $1`, [input.openid])
  return toUser(row)
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
     WHERE id = ANY($1::text[])
        OR (community_id = $2 AND home_building_id = $3 AND home_room = $4)
     ORDER BY created_at, id`,
    [[report.reporterId, report.filedBy?.id].filter(Boolean), report.communityId, report.beneficiary?.buildingId ?? null, report.beneficiary?.room ?? null],
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
     WHERE length(regexp_replace(phone, '[^0-9]', '', 'g')) >= 7
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
    `SELECT ${USER_COLUMNS} FROM users u WHERE u.community_id = $1 AND u.home_building_id = $2 AND u.home_room = $3 ORDER BY u.created_at, u.id LIMIT 1`,
    [communityId, buildingId, room],
  )
  return row ? toUser(row) : null
}

/** Residents of a community with a home: the households notices reach. */
export async function listResidents(q: Queryable, communityId: string): Promise<Array<{ id: string; home: { buildingId: string; room: string } }>> {
  const rows = await q.query<{ id: string; home_building_id: string; home_room: string }>(
    `SELECT id, home_building_id, home_room FROM users
     WHERE community_id = $1 AND home_building_id IS NOT NULL AND home_room IS NOT NULL
     ORDER BY id`,
    [communityId],
  )
  return rows.map((r) => ({ id: r.id, home: { buildingId: r.home_building_id, room: r.home_room } }))
}

/** Grid workers and staff of a community: who a report can be assigned to. */
export async function listHandlers(q: Queryable, communityId: string): Promise<User[]> {
  const rows = await q.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u
     WHERE u.community_id = $1 AND (u.roles && ARRAY['staff', 'grid_worker']::text[])
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

export function userRepository(q: Queryable): UserRepository {
  return {
    find: (id) => findUser(q, id),
    findDemo: (id) => findDemoUser(q, id),
    listDemoAccounts: () => listDemoAccounts(q),
    upsertWeChatUser: (input) => upsertWeChatUser(q, input),
    findResidentAt: (communityId, home) => findResidentAt(q, communityId, home.buildingId, home.room),
    listResidents: (communityId) => listResidents(q, communityId),
    listHandlers: (communityId) => listHandlers(q, communityId),
    findFollowers: (report) => findFollowers(q, report),
    findContact: (report) => findContact(q, report),
  }
}

export function sessionRepository(q: Queryable): SessionRepository {
  return {
    insert: (session) => insertSession(q, session),
    find: (tokenHash, now) => findSession(q, tokenHash, now),
    delete: (tokenHash) => deleteSession(q, tokenHash),
    deleteExpired: (now) => deleteExpiredSessions(q, now),
  }
}
