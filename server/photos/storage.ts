import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'

/**
 * Where photo bytes live. The database keeps who uploaded what; the bytes go here, under the photo's
 * id. Local disk by default; an object store (COS, OSS, S3) implements the same three methods and
 * returns its own absolute URLs from `url`.
 */
export interface PhotoStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>
  /** The bytes, or null when there are none under `key`. */
  get(key: string): Promise<Buffer | null>
  /** Where the app fetches it: an absolute URL, or a path on this server (made absolute per request). */
  url(key: string): string
  /** Remove the bytes under `key`; nothing there is not an error. */
  delete(key: string): Promise<void>
}

/** Keys are photo ids: a fixed alphabet, so a key can never name a path outside the folder. */
export const PHOTO_KEY = /^p_[A-Za-z0-9_-]{16,60}$/

function checkKey(key: string): string {
  if (!PHOTO_KEY.test(key)) throw new Error(`invalid photo key: ${key}`)
  return key
}

export const PHOTO_ROUTE = '/files/photos'

export class LocalPhotoStorage implements PhotoStorage {
  private readonly dir: string
  constructor(dir: string) {
    this.dir = resolve(dir)
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const target = join(this.dir, checkKey(key))
    // Write then rename: a reader never sees half a file.
    await writeFile(`${target}.tmp`, bytes)
    await rename(`${target}.tmp`, target)
  }

  async get(key: string): Promise<Buffer | null> {
    if (!PHOTO_KEY.test(key)) return null
    try {
      return await readFile(join(this.dir, key))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  url(key: string): string {
    return `${PHOTO_ROUTE}/${checkKey(key)}`
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(join(this.dir, checkKey(key)))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
}

/** Bytes in memory: for tests and throw-away demo servers. */
export class MemoryPhotoStorage implements PhotoStorage {
  readonly files = new Map<string, Buffer>()
  async put(key: string, bytes: Buffer): Promise<void> {
    this.files.set(checkKey(key), bytes)
  }
  async get(key: string): Promise<Buffer | null> {
    return this.files.get(key) ?? null
  }
  url(key: string): string {
    return `${PHOTO_ROUTE}/${checkKey(key)}`
  }
  async delete(key: string): Promise<void> {
    this.files.delete(checkKey(key))
  }
}
