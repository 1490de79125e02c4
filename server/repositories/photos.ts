import type { PhotoRecord, PhotoRepository } from '../../src/core/ports'
import type { Queryable } from '../db/driver'

interface PhotoRow {
  id: string
  owner_id: string
  content_type: string
  bytes: number
  width: number | null
  height: number | null
}

/** A photo row as its record; width and height absent when unknown. */
export const toPhoto = (r: PhotoRow): PhotoRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  contentType: r.content_type,
  bytes: r.bytes,
  ...(r.width !== null ? { width: r.width } : {}),
  ...(r.height !== null ? { height: r.height } : {}),
})

export async function insertPhoto(q: Queryable, p: PhotoRecord & { createdAt: string }): Promise<void> {
  await q.query('INSERT INTO photos (id, owner_id, content_type, bytes, width, height, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    p.id,
    p.ownerId,
    p.contentType,
    p.bytes,
    p.width ?? null,
    p.height ?? null,
    p.createdAt,
  ])
}

export async function findPhotos(q: Queryable, ids: readonly string[]): Promise<Map<string, PhotoRecord>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await q.query<PhotoRow>('SELECT id, owner_id, content_type, bytes, width, height FROM photos WHERE id = ANY($1::text[])', [unique])
  return new Map(rows.map((r) => [r.id, toPhoto(r)]))
}

export async function findPhoto(q: Queryable, id: string): Promise<PhotoRecord | null> {
  return (await findPhotos(q, [id])).get(id) ?? null
}

export function photoRepository(q: Queryable): PhotoRepository {
  return {
    insert: (photo) => insertPhoto(q, photo),
    findMany: (ids) => findPhotos(q, ids),
  }
}

