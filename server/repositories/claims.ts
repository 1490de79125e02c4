import type { ClaimStatus } from '../../types/domain'
import type { ClaimRecord, ClaimRepository, ClaimReviewFilter, Keyset } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso, isoOrUndefined } from './rows'

/** Household claims (住户认证) in SQL, each with its building's name for the reviewer's list. */

interface ClaimRow {
  id: string
  community_id: string
  user_id: string
  building_id: string
  building_name: string
  room: string
  name: string
  phone: string
  status: ClaimStatus
  reason: string | null
  created_at: unknown
  decided_at: unknown
  decided_by_id: string | null
  decided_by_name: string | null
}

export const CLAIM_COLUMNS = `c.id, c.community_id, c.user_id, c.building_id, b.name AS building_name, c.room, c.name, c.phone, c.status, c.reason,
  c.created_at, c.decided_at, c.decided_by_id, c.decided_by_name`
export const CLAIM_FROM = 'household_claims c JOIN buildings b ON b.id = c.building_id'

export function toClaim(r: ClaimRow): ClaimRecord {
  const decidedAt = isoOrUndefined(r.decided_at)
  return {
    id: r.id,
    communityId: r.community_id,
    userId: r.user_id,
    buildingId: r.building_id,
    buildingName: r.building_name,
    room: r.room,
    name: r.name,
    phone: r.phone,
    status: r.status,
    ...(r.reason !== null ? { reason: r.reason } : {}),
    createdAt: iso(r.created_at),
    ...(decidedAt ? { decidedAt } : {}),
    ...(r.decided_by_id !== null ? { decidedById: r.decided_by_id } : {}),
    ...(r.decided_by_name !== null ? { decidedByName: r.decided_by_name } : {}),
  }
}

/** Store a claim; false when the person has one pending (the partial unique index household_claims_one_pending). */
export async function insertClaim(q: Queryable, c: Omit<ClaimRecord, 'buildingName'>): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO household_claims (id, community_id, user_id, building_id, room, name, phone, status, reason, created_at, decided_at, decided_by_id, decided_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      c.id,
      c.communityId,
      c.userId,
      c.buildingId,
      c.room,
      c.name,
      c.phone,
      c.status,
      c.reason ?? null,
      c.createdAt,
      c.decidedAt ?? null,
      c.decidedById ?? null,
      c.decidedByName ?? null,
    ],
  )
  return rows.length === 1
}

/** One claim; `forUpdate` locks it (not its building) until the transaction ends. */
export async function findClaim(q: Queryable, id: string, options: { forUpdate?: boolean } = {}): Promise<ClaimRecord | null> {
  const [row] = await q.query<ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM ${CLAIM_FROM} WHERE c.id = $1${options.forUpdate ? ' FOR UPDATE OF c' : ''}`, [id])
  return row ? toClaim(row) : null
}

/** A person's claims, newest first. */
export async function listClaimsOf(q: Queryable, userId: string): Promise<ClaimRecord[]> {
  const rows = await q.query<ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM ${CLAIM_FROM} WHERE c.user_id = $1 ORDER BY c.created_at DESC, c.id DESC`, [userId])
  return rows.map(toClaim)
}

/** Claims to review, oldest first over (created_at, id), after `cursor`. */
export async function listClaimsForReview(q: Queryable, f: ClaimReviewFilter, cursor: Keyset | null, limit: number): Promise<ClaimRecord[]> {
  if (f.buildingIds !== 'all' && f.buildingIds.length === 0) return []
  const params: unknown[] = [f.communityId, f.status]
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const where = ['c.community_id = $1', 'c.status = $2']
  if (f.buildingIds !== 'all') where.push(`c.building_id = ANY(${param([...f.buildingIds])}::text[])`)
  if (cursor) where.push(`(c.created_at, c.id) > (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)})`)
  const rows = await q.query<ClaimRow>(
    `SELECT ${CLAIM_COLUMNS} FROM ${CLAIM_FROM} WHERE ${where.join(' AND ')} ORDER BY c.created_at, c.id LIMIT ${param(limit)}`,
    params,
  )
  return rows.map(toClaim)
}

/** What became of a claim; reason and decider replaced (absent: cleared). */
export async function decideClaim(
  q: Queryable,
  id: string,
  d: { status: Exclude<ClaimStatus, 'pending'>; reason?: string; at: string; byId?: string; byName?: string },
): Promise<void> {
  await q.query('UPDATE household_claims SET status = $2, reason = $3, decided_at = $4, decided_by_id = $5, decided_by_name = $6 WHERE id = $1', [
    id,
    d.status,
    d.reason ?? null,
    d.at,
    d.byId ?? null,
    d.byName ?? null,
  ])
}

export function claimRepository(q: Queryable): ClaimRepository {
  return {
    insert: (claim) => insertClaim(q, claim),
    find: (id) => findClaim(q, id),
    findForUpdate: (id) => findClaim(q, id, { forUpdate: true }),
    listForUser: (userId) => listClaimsOf(q, userId),
    listForReview: (filter, cursor, limit) => listClaimsForReview(q, filter, cursor, limit),
    decide: (id, decision) => decideClaim(q, id, decision),
  }
}
