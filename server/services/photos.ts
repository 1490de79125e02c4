import type { Photo } from '../../types/domain'
import type { Database } from '../db/driver'
import { HttpError } from '../errors'
import { randomId } from '../ids'
import { sniffImage } from '../photos/sniff'
import type { PhotoStorage } from '../photos/storage'
import { findPhoto, insertPhoto } from '../repositories/photos'
import type { Caller } from './caller'

export const UNSUPPORTED_IMAGE = '只能上传图片（JPG/PNG/WebP）'

/** Photos: bytes to the storage, who uploaded what to the database. */
export class PhotoService {
  constructor(
    private readonly db: Database,
    private readonly storage: PhotoStorage,
    private readonly now: () => Date,
  ) {}

  async upload(caller: Caller, bytes: Buffer): Promise<Photo> {
    // What the bytes are decides, not the part's declared type (weapp uploads say octet-stream anyway).
    const image = sniffImage(bytes)
    if (!image) throw new HttpError('validation', UNSUPPORTED_IMAGE, { status: 415, fields: { file: UNSUPPORTED_IMAGE } })
    const id = randomId('p')
    await this.storage.put(id, bytes, image.contentType)
    await insertPhoto(this.db, {
      id,
      ownerId: caller.actor.id,
      contentType: image.contentType,
      bytes: bytes.length,
      width: image.width,
      height: image.height,
      createdAt: this.now().toISOString(),
    })
    return {
      id,
      url: caller.photoUrl(id),
      bytes: bytes.length,
      ...(image.width && image.height ? { width: image.width, height: image.height } : {}),
    }
  }

  /** The bytes and type of a stored photo, or null. */
  async read(id: string): Promise<{ bytes: Buffer; contentType: string } | null> {
    const meta = await findPhoto(this.db, id)
    if (!meta) return null
    const bytes = await this.storage.get(id)
    return bytes ? { bytes, contentType: meta.contentType } : null
  }
}
