import type { LocalPhoto } from '../../../types/api'
import type { Photo } from '../../../types/domain'
import { createCore, type Core } from '../../core/core'
import { ApiError, validationError } from '../../core/errors'
import type { Caller, ContentCheck, Runtime } from '../../core/context'
import { DEFAULT_WORDS, wordList, wordListCheck } from '../../domain/moderation/words'
import { seedDemo } from '../../core/seed'
import { actorOf } from '../../domain/actor'
import type { KeyValueStorage } from '../../platform/storage'
import { createMemoryStore, type MemoryStore } from './store'

const PHOTO_KEY = (id: string) => `linli.mem.photo.${id}`
/** A photo larger than this is refused, as the server refuses it (docs/budgets.md: 10 MB). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
const SEEDING = new WeakMap<KeyValueStorage, Promise<void>>()
const IMAGE_DATA_URL = /^data:image\/(jpeg|png|webp|gif);/

export interface MemoryBackendOptions {
  storage: KeyValueStorage
  now?: () => Date
  random?: () => string
  /** The content check of texts others read (issue 13); default: the built-in word list, as the server's. */
  contentCheck?: ContentCheck
}

/**
 * The demo backend: the application core (src/core) over in-app repositories kept in device
 * storage, seeded with the demo communities (映月社区 and 春晖社区 of 东亭街道, with a newcomer and the
 * street's officer outside them) on first start, and afresh when the stored layout is of another
 * schema version. It is the reference server's twin — the
 * same services, rules and messages — with photos kept on the device (a data URL or a saved file
 * path under their own key) and the bearer token kept as is (the device holds it anyway).
 */
export class MemoryBackend {
  readonly store: MemoryStore
  readonly core: Core
  /** Resolves once the demo communities are in storage (seeded on first start). */
  readonly ready: Promise<void>
  private readonly storage: KeyValueStorage

  constructor(options: MemoryBackendOptions) {
    this.storage = options.storage
    let counter = 0
    const random = options.random ?? (() => Date.now().toString(36) + (++counter).toString(36) + Math.random().toString(36).slice(2, 10))
    const runtime: Runtime = {
      now: options.now ?? (() => new Date()),
      newId: (prefix) => `${prefix}_${random()}`,
      newToken: () => `mem_${random()}`,
      hashToken: (token) => token,
    }
    this.store = createMemoryStore({ storage: options.storage })
    this.core = createCore(this.store, runtime, { demo: true, contentCheck: options.contentCheck ?? wordListCheck(wordList(DEFAULT_WORDS)) })
    // Backends over one storage (two app instances on a device) share one seeding: none answers before it ends.
    let seeding = SEEDING.get(options.storage)
    if (!seeding) {
      seeding = seedDemo(this.store, runtime).then(() => undefined)
      SEEDING.set(options.storage, seeding)
    }
    this.ready = seeding
    // A failed seed fails every call (through `ready`), never the process as an unhandled rejection.
    this.ready.catch(() => undefined)
  }

  /** Re-read from storage, as a second app instance (or a restarted one) would. */
  reload(): void {
    this.store.reload()
  }

  /** The caller a token stands for (unauthorized without a live session). */
  async caller(token: string | null): Promise<Caller> {
    await this.ready
    if (!token) throw new ApiError('unauthorized', '请先登录')
    const session = await this.core.sessions.authenticate(token)
    if (!session) throw new ApiError('unauthorized')
    return { user: session.user, actor: actorOf(session.user), photoUrl: (id) => this.storage.get(PHOTO_KEY(id)) ?? '' }
  }

  /**
   * Keep a photo taken on the device (what the server's upload route does with bytes): checked
   * for what the server checks, kept under its own key, recorded as the caller's.
   */
  async uploadPhoto(caller: Caller, photo: LocalPhoto): Promise<Photo> {
    // Today's photos first, as the server asks before it reads the bytes.
    await this.core.photos.admit(caller)
    if (!photo || typeof photo !== 'object' || typeof photo.path !== 'string' || photo.path.length === 0) {
      throw validationError({ photo: '照片无效，请重新选择' })
    }
    if ((photo.bytes ?? 0) > MAX_PHOTO_BYTES) throw validationError({ photo: '照片不能超过10MB' })
    const dataType = IMAGE_DATA_URL.exec(photo.path)
    if (photo.path.startsWith('data:') && !dataType) throw validationError({ photo: '只能上传图片（JPG/PNG/WebP）' })
    const id = this.core.photos.newId()
    this.storage.set(PHOTO_KEY(id), photo.path)
    return this.core.photos.record(caller, {
      id,
      contentType: dataType ? `image/${dataType[1]}` : 'image/jpeg',
      bytes: photo.bytes ?? 0,
      width: photo.width,
      height: photo.height,
    })
  }
}
