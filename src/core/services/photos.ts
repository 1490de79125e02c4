import type { Photo } from '../../../types/domain'
import type { Caller, Runtime } from '../context'
import type { PhotoRecord, Store } from '../ports'
import { checkPhotoQuota } from '../quotas'

/** What an adapter learnt about an image it has just kept (the bytes stay with the adapter). */
export interface KeptPhoto {
  id: string
  contentType: string
  bytes: number
  width?: number
  height?: number
}

/**
 * Photos: who uploaded what. The bytes are the adapter's business (files or an object store on the
 * server, the device's storage in the app); the core records the photo so only its uploader can
 * attach it to a report or a handling step.
 */
export class PhotoService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
  ) {}

  /** A fresh id for bytes about to be kept. */
  newId(): string {
    return this.rt.newId('p')
  }

  /**
   * Whether the caller may upload one more photo today (rate_limited with the limit otherwise):
   * asked before the bytes are read or kept, by every adapter.
   */
  async admit(caller: Caller): Promise<void> {
    await checkPhotoQuota(this.store, caller.actor, this.rt.now())
  }

  async record(caller: Caller, kept: KeptPhoto): Promise<Photo> {
    await this.store.photos.insert({ ...kept, ownerId: caller.actor.id, createdAt: this.rt.now().toISOString() })
    return {
      id: kept.id,
      url: caller.photoUrl(kept.id),
      bytes: kept.bytes,
      ...(kept.width && kept.height ? { width: kept.width, height: kept.height } : {}),
    }
  }

  /** What is known of a photo, or null. */
  async find(id: string): Promise<PhotoRecord | null> {
    if (typeof id !== 'string') return null
    return (await this.store.photos.findMany([id])).get(id) ?? null
  }
}
