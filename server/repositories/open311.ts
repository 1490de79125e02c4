import type { ReportLocation, ReportStatus } from '../../types/domain'
import type { Open311Repository, PartnerRecord, PartnerScope, ServedFilter } from '../../src/core/open311-ports'
import type { ServedReport } from '../../src/domain/open311/serve'
import type { Queryable } from '../db/driver'
import { iso, isoOrUndefined, json } from './rows'

/**
 * Open311 partners and the reports GeoReport shows (ADR 27), in SQL. The reports are read with
 * the columns GeoReport may show and nothing else: no reporter, no household, no assignee's name
 * (a department's name is an office's), so nothing personal is even loaded.
 */

interface PartnerRow {
  id: string
  community_id: string
  name: string
  user_id: string
  created_at: unknown
  revoked_at: unknown
}

const PARTNER_COLUMNS = 'p.id, p.community_id, p.name, p.user_id, p.created_at, p.revoked_at'

function toPartner(r: PartnerRow): PartnerRecord {
  const revokedAt = isoOrUndefined(r.revoked_at)
  return { id: r.id, communityId: r.community_id, name: r.name, userId: r.user_id, createdAt: iso(r.created_at), ...(revokedAt ? { revokedAt } : {}) }
}

interface ServedRow {
  number: string
  status: ReportStatus
  category_id: string
  category_name: string
  description: string
  location: unknown
  held: boolean
  created_at: unknown
  updated_at: unknown
  deadline_at: unknown
  agency: string
  status_note: string | null
}

const toServed = (r: ServedRow): ServedReport => ({
  number: r.number,
  status: r.status,
  categoryId: r.category_id,
  categoryName: r.category_name,
  description: r.description,
  location: json<ReportLocation>(r.location),
  heldFromPublic: r.held,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  deadlineAt: iso(r.deadline_at),
  agency: r.agency,
  statusNote: r.status_note,
})

/** The roles whose public notes are a request's status_notes: handlers, never a resident's own words. */
const HANDLER_ROLES = ['staff', 'grid_worker', 'admin']

export function open311Repository(q: Queryable): Open311Repository {
  return {
    async insertPartner(p, keyHash) {
      // The system user and the partner in one statement: both or neither.
      await q.query(
        `WITH made AS (
           INSERT INTO users (id, community_id, name, phone, roles, description, created_at)
           VALUES ($5, $2, $3, '', '{}', 'Open311 合作系统', $6) RETURNING id
         )
         INSERT INTO open311_partners (id, community_id, name, key_hash, user_id, created_at)
         SELECT $1, $2, $3, $4, id, $6 FROM made`,
        [p.id, p.communityId, p.name, keyHash, p.userId, p.createdAt],
      )
    },

    async findPartnerByKeyHash(keyHash) {
      const [row] = await q.query<PartnerRow & { community_name: string; join_code: string }>(
        `SELECT ${PARTNER_COLUMNS}, c.name AS community_name, c.join_code
         FROM open311_partners p JOIN communities c ON c.id = p.community_id WHERE p.key_hash = $1`,
        [keyHash],
      )
      return row ? ({ ...toPartner(row), communityName: row.community_name, joinCode: row.join_code } satisfies PartnerScope) : null
    },

    async listPartners(communityId) {
      const rows = await q.query<PartnerRow>(`SELECT ${PARTNER_COLUMNS} FROM open311_partners p WHERE p.community_id = $1 ORDER BY p.created_at, p.id`, [communityId])
      return rows.map(toPartner)
    },

    async revokePartner(id, at) {
      const [row] = await q.query<PartnerRow>(
        `UPDATE open311_partners p SET revoked_at = coalesce(p.revoked_at, $2) WHERE p.id = $1 RETURNING ${PARTNER_COLUMNS}`,
        [id, at],
      )
      return row ? toPartner(row) : null
    },

    async listServed(f: ServedFilter) {
      const byNumber = f.numbers !== null
      const rows = await q.query<ServedRow>(
        `SELECT r.number, r.status, r.category_id, r.category_name, r.description, r.location,
           (r.moderation_status IS NOT NULL) AS held, r.created_at, r.updated_at, r.deadline_at,
           CASE WHEN r.assignee->>'kind' = 'department' THEN r.assignee->>'name' ELSE c.name || ' ' || g.name END AS agency,
           n.note AS status_note
         FROM reports r
         JOIN communities c ON c.id = r.community_id
         JOIN grids g ON g.id = r.grid_id
         LEFT JOIN LATERAL (
           SELECT e.note FROM report_events e
           WHERE e.report_id = r.id AND e.public AND e.note IS NOT NULL AND e.note <> '' AND e.action <> 'submit' AND e.actor_role = ANY($8::text[])
           ORDER BY e.at DESC, e.seq DESC LIMIT 1
         ) n ON true
         WHERE r.community_id = $1
           AND (CASE WHEN $2::boolean THEN r.number = ANY($3::text[])
                ELSE r.created_at >= $4::timestamptz AND r.created_at <= $5::timestamptz
                  AND (cardinality($6::text[]) = 0 OR r.category_id = ANY($6::text[]))
                  AND ($7::text[] IS NULL OR r.status = ANY($7::text[])) END)
         ORDER BY r.created_at DESC, r.id DESC
         LIMIT $9`,
        [
          f.communityId,
          byNumber,
          f.numbers ?? [],
          byNumber ? null : f.from,
          byNumber ? null : f.to,
          [...f.categoryIds],
          f.statuses ? [...f.statuses] : null,
          HANDLER_ROLES,
          f.limit,
        ],
      )
      return rows.map(toServed)
    },
  }
}
