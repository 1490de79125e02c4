import type { Id } from '../../../types/domain'
import { isHandler, type Actor } from '../../domain/actor'
import type { CheckedPhoto, Repositories } from '../ports'

/**
 * Which photos a caller is shown (issue 13). Every view that hands out photo URLs (a report and
 * its steps, the community's list, a proposal, its minutes and progress, a disclosure) keeps only
 * the photos its reader may see, so a photo not yet checked never reaches other residents:
 *
 * - `pass`: everyone who may read what it is attached to;
 * - `pending` (the checker has not answered, or holds it for a person to review): its owner, and
 *   the community's staff and grid workers, who handle what it is attached to;
 * - `reject`: the community's staff and grid workers only, kept as what was reported (the
 *   uploader's view drops it too: a photo URL needs no session and can be forwarded, so a
 *   rejected photo's URL goes to as few people as possible).
 *
 * The views read only objects of the reader's community, so a handler here is one of its handlers.
 * A photo the store does not know has no bytes to serve; it is left as the view had it.
 */
export function canSeePhoto(actor: Actor, photo: Pick<CheckedPhoto, 'ownerId' | 'check'>): boolean {
  if (photo.check === 'pass' || isHandler(actor)) return true
  return photo.check === 'pending' && photo.ownerId === actor.id
}

/** Whether the caller sees the photo of this id. */
export type PhotoSight = (id: Id) => boolean

/** The sight of `actor` over photos already read. */
export function sightOver(actor: Actor, known: ReadonlyMap<Id, CheckedPhoto>): PhotoSight {
  return (id) => {
    const photo = known.get(id)
    return !photo || canSeePhoto(actor, photo)
  }
}

/** The sight of `actor` over these photos: one read, none for a handler (they see every photo) or no photos. */
export async function photoSight(repos: Repositories, actor: Actor, ids: readonly Id[]): Promise<PhotoSight> {
  if (isHandler(actor) || ids.length === 0) return () => true
  return sightOver(actor, await repos.photos.findMany(ids))
}
