import type { InvitedRole } from '../../types/domain'
import type { InviteRecord, InviteRepository } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso, isoOrUndefined } from './rows'

/** Invitations (邀请) in SQL: one code, one use. */

interface InviteRow {
  id: string
  community_id: string
  code: string
  role: InvitedRole
  grid_ids: string[]
  building_ids: string[]
  note: string
  created_by_id: string | null
  created_by_name: string
  created_at: unknown
  expires_at: unknown
  used_by_id: string | null
  used_by_name: string | null
  used_at: unknown
  cancelled_at: unknown
}

const COLUMNS = `id, community_id, code, role, grid_ids, building_ids, note, created_by_id, created_by_name, created_at, expires_at,
  used_by_id, used_by_name, used_at, cancelled_at`

function toInvite(r: InviteRow): InviteRecord {
  const usedAt = isoOrUndefined(r.used_at)
  const cancelledAt = isoOrUndefined(r.cancelled_at)
  return {
    id: r.id,
    communityId: r.community_id,
    code: r.code,
    role: r.role,
    gridIds: [...r.grid_ids],
    buildingIds: [...r.building_ids],
    note: r.note,
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
    ...(r.used_by_id !== null ? { usedById: r.used_by_id } : {}),
    ...(r.used_by_name !== null ? { usedByName: r.used_by_name } : {}),
    ...(usedAt ? { usedAt } : {}),
    ...(cancelledAt ? { cancelledAt } : {}),
  }
}

/** Store an invite; false (nothing written) when its code (or id) is taken. */
export async function insertInvite(q: Queryable, i: InviteRecord): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO invites (${COLUMNS})
     VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      i.id,
      i.communityId,
      i.code,
      i.role,
      i.gridIds,
      i.buildingIds,
      i.note,
      i.createdById,
      i.createdByName,
      i.createdAt,
      i.expiresAt,
      i.usedById ?? null,
      i.usedByName ?? null,
      i.usedAt ?? null,
      i.cancelledAt ?? null,
    ],
  )
  return rows.length === 1
}

export async function findInvite(q: Queryable, id: string): Promise<InviteRecord | null> {
  const [row] = await q.query<InviteRow>(`SELECT ${COLUMNS} FROM invites WHERE id = $1`, [id])
  return row ? toInvite(row) : null
}

/** The invite of a code, locked until the transaction ends: two redeemers of one code serialise. */
export async function findInviteByCodeForUpdate(q: Queryable, code: string): Promise<InviteRecord | null> {
  const [row] = await q.query<InviteRow>(`SELECT ${COLUMNS} FROM invites WHERE code = $1 FOR UPDATE`, [code])
  return row ? toInvite(row) : null
}

export async function listInvites(q: Queryable, communityId: string, limit: number): Promise<InviteRecord[]> {
  const rows = await q.query<InviteRow>(`SELECT ${COLUMNS} FROM invites WHERE community_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [communityId, limit])
  return rows.map(toInvite)
}

export function inviteRepository(q: Queryable): InviteRepository {
  return {
    insert: (invite) => insertInvite(q, invite),
    find: (id) => findInvite(q, id),
    findByCodeForUpdate: (code) => findInviteByCodeForUpdate(q, code),
    list: (communityId, limit) => listInvites(q, communityId, limit),
    markUsed: async (id, by, at) => {
      await q.query('UPDATE invites SET used_by_id = $2, used_by_name = $3, used_at = $4 WHERE id = $1', [id, by.id, by.name, at])
    },
    cancel: async (id, at) => {
      await q.query('UPDATE invites SET cancelled_at = $2 WHERE id = $1', [id, at])
    },
  }
}
