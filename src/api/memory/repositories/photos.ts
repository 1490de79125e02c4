import type { Id } from '../../../../types/domain'
import type { CheckedPhoto, PhotoRepository } from '../../../core/ports'
import { defined, instant, type PhotoCheckRow, type PhotoRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/**
 * The memory store's PhotoRepository: what is known of each uploaded photo (owner, type, size), by
 * id, and its content check (issue 13) in a row of its own beside it (none: passed).
 */

const checked = (p: PhotoRow, check: PhotoCheckRow | undefined): CheckedPhoto =>
  defined({ id: p.id, ownerId: p.ownerId, contentType: p.contentType, bytes: p.bytes, width: p.width, height: p.height, check: check?.state ?? 'pass' })

export function photoRepository(t: Tables, run: Run): PhotoRepository {
  return {
    insert: (photo) =>
      run(() => {
        mustExist(t.users, photo.ownerId)
        const createdAt = instant(photo.createdAt)
        t.photos.insert(
          defined({
            id: photo.id,
            ownerId: photo.ownerId,
            contentType: photo.contentType,
            bytes: photo.bytes,
            width: photo.width,
            height: photo.height,
            createdAt,
          }),
        )
        if (photo.check && photo.check !== 'pass') t.photoChecks.upsert({ id: photo.id, state: photo.check, at: createdAt })
      }),
    findMany: (ids) =>
      run(() => {
        const found = new Map<Id, CheckedPhoto>()
        for (const id of new Set(ids)) {
          const p = t.photos.get(id)
          if (p) found.set(id, checked(p, t.photoChecks.get(id)))
        }
        return found
      }),
    findByTrace: (traceId) =>
      run(() => {
        const check = t.photoChecks.rows().find((c) => c.traceId === traceId)
        const p = check ? t.photos.get(check.id) : undefined
        return p ? checked(p, check) : null
      }),
    setCheck: (id, update, { ifPending }) =>
      run(() => {
        if (!t.photos.has(id)) return false
        const current = t.photoChecks.get(id)
        if (ifPending && (current?.state ?? 'pass') !== 'pending') return false
        const traceId = update.traceId === undefined ? current?.traceId : (update.traceId ?? undefined)
        // The SQL store's unique index on the trace id.
        if (traceId && t.photoChecks.rows().some((c) => c.traceId === traceId && c.id !== id)) throw new Error(`memory store: trace id ${traceId} is another photo's`)
        t.photoChecks.upsert(defined({ id, state: update.state, traceId, reason: update.reason, at: instant(update.at) }))
        return true
      }),
  }
}
