import type { CheckedPhoto, PhotoCheckState, PhotoRecord, PhotoRepository } from '../../src/core/ports'
import type { Queryable } from '../db/driver'

interface PhotoRow {
  id: string
  owner_id: string
  content_type: string
  bytes: number
  width: number | null
  height: number | null
}

type CheckedRow = PhotoRow & { check_state: PhotoCheckState }

const CHECKED_COLUMNS = 'id, owner_id, content_type, bytes, width, height, check_state'

/** A photo row as its record; width and height absent when unknown. */
export const toPhoto = (r: PhotoRow): PhotoRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  contentType: r.content_type,
  bytes: r.bytes,
  ...(r.width !== null ? { width: r.width } : {}),
  ...(r.height !== null ? { height: r.height } : {}),
})

const toChecked = (r: CheckedRow): CheckedPhoto => ({ ...toPhoto(r), check: r.check_state })

export async function insertPhoto(q: Queryable, p: PhotoRecord & { createdAt: string; check?: PhotoCheckState }): Promise<void> {
  await q.query(
    'INSERT INTO photos (id, owner_id, content_type, bytes, width, height, created_at, check_state, checked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7)',
    [p.id, p.ownerId, p.contentType, p.bytes, p.width ?? null, p.height ?? null, p.createdAt, p.check ?? 'pass'],
  )
}

export async function findPhotos(q: Queryable, ids: readonly string[]): Promise<Map<string, CheckedPhoto>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await q.query<CheckedRow>(`SELECT ${CHECKED_COLUMNS} FROM photos WHERE id = ANY($1::text[])`, [unique])
  return new Map(rows.map((r) => [r.id, toChecked(r)]))
}

export async function findPhoto(q: Queryable, id: string): Promise<CheckedPhoto | null> {
  return (await findPhotos(q, [id])).get(id) ?? null
}

export function photoRepository(q: Queryable): PhotoRepository {
  return {
    insert: (photo) => insertPhoto(q, photo),
    findMany: (ids) => findPhotos(q, ids),
    async findByTrace(traceId) {
      const [row] = await q.query<CheckedRow>(`SELECT ${CHECKED_COLUMNS} FROM photos WHERE check_trace_id = $1`, [traceId])
      return row ? toChecked(row) : null
    },
    async setCheck(id, update, { ifPending }) {
      // $3: whether to write the trace id ($4), which may be NULL (none any more).
      const rows = await q.query<{ id: string }>(
        `UPDATE photos
            SET check_state = $2,
                check_trace_id = CASE WHEN $3::boolean THEN $4 ELSE check_trace_id END,
                check_reason = $5,
                checked_at = $6
          WHERE id = $1 AND (NOT $7::boolean OR check_state = 'pending')
          RETURNING id`,
        [id, update.state, update.traceId !== undefined, update.traceId ?? null, update.reason ?? null, update.at, ifPending],
      )
      return rows.length > 0
    },
  }
}
