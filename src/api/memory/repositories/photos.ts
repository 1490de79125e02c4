import type { Id } from '../../../../types/domain'
import type { PhotoRecord, PhotoRepository } from '../../../core/ports'
import { defined, instant } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's PhotoRepository: what is known of each uploaded photo (owner, type, size), by id. */

export function photoRepository(t: Tables, run: Run): PhotoRepository {
  return {
    insert: (photo) =>
      run(() => {
        mustExist(t.users, photo.ownerId)
        t.photos.insert(
          defined({
            id: photo.id,
            ownerId: photo.ownerId,
            contentType: photo.contentType,
            bytes: photo.bytes,
            width: photo.width,
            height: photo.height,
            createdAt: instant(photo.createdAt),
          }),
        )
      }),
    findMany: (ids) =>
      run(() => {
        const found = new Map<Id, PhotoRecord>()
        for (const id of new Set(ids)) {
          const p = t.photos.get(id)
          if (p) found.set(id, defined({ id: p.id, ownerId: p.ownerId, contentType: p.contentType, bytes: p.bytes, width: p.width, height: p.height }))
        }
        return found
      }),
  }
}
