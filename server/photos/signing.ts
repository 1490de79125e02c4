import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Queryable } from '../db/driver'

/**
 * Signed photo URLs (ADR 0019): `/files/photos/<id>?exp=<unix seconds>&sig=<HMAC>`. A mini-program
 * `<image>` cannot send a bearer token, so the URL carries the permission, for a while: the server
 * signs it when it answers a signed-in caller, and GET /files/photos/:id serves only a signature of
 * its own that has not expired.
 */
export const PHOTO_URL_DAYS = 7

const DAY_S = 86_400
const SIG = /^[A-Za-z0-9_-]{43}$/
const EXP = /^\d{1,12}$/

export type PhotoSignature = 'valid' | 'expired' | 'invalid'

export class PhotoUrlSigner {
  private readonly key: Buffer
  constructor(
    secret: string,
    private readonly now: () => Date,
  ) {
    this.key = Buffer.from(secret, 'utf8')
  }

  /**
   * The query of a URL for `id`: valid 7 to 8 days. The expiry is the end of a whole UTC day, so a
   * photo's URL stays the same all day long and the app's image cache keeps working.
   */
  query(id: string): string {
    const today = Math.floor(this.now().getTime() / 1000 / DAY_S)
    const exp = (today + PHOTO_URL_DAYS + 1) * DAY_S
    return `exp=${exp}&sig=${this.mac(id, exp)}`
  }

  check(id: string, exp: unknown, sig: unknown): PhotoSignature {
    if (typeof exp !== 'string' || typeof sig !== 'string' || !EXP.test(exp) || !SIG.test(sig)) return 'invalid'
    const expected = Buffer.from(this.mac(id, Number(exp)))
    if (!timingSafeEqual(expected, Buffer.from(sig))) return 'invalid'
    return Number(exp) * 1000 > this.now().getTime() ? 'valid' : 'expired'
  }

  /** Seconds the URL of `exp` is still good for (0 when expired). */
  secondsLeft(exp: string): number {
    return Math.max(0, Math.floor(Number(exp) - this.now().getTime() / 1000))
  }

  private mac(id: string, exp: number): string {
    return createHmac('sha256', this.key).update(`linli-photo\n${id}\n${exp}`).digest('base64url')
  }
}

const SECRET_NAME = 'photo-url-key'

/**
 * The key of photo URLs when LINLI_PHOTO_SECRET is not set: made once (32 random bytes) and kept in
 * the database, so every process on it and every restart signs alike. Two processes starting at once
 * both insert; the first one wins and both read it.
 */
export async function storedPhotoSecret(db: Queryable): Promise<string> {
  const read = async () => (await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [SECRET_NAME]))[0]?.value
  const known = await read()
  if (known) return known
  await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [SECRET_NAME, randomBytes(32).toString('base64url')])
  const made = await read()
  if (!made) throw new Error('server_secrets: the photo URL key was not stored')
  return made
}
