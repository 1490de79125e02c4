import type { Core } from '../../src/core/core'
import type { Database } from '../db/driver'
import type { PhotoUrlSigner } from '../photos/signing'
import type { PhotoStorage } from '../photos/storage'

export interface RateLimit {
  max: number
  timeWindowMs: number
}

export interface RateLimits {
  /** POST /reports and POST /reports/on-behalf, per signed-in user. */
  submit: RateLimit
  /** Demo and WeChat sign-in, per client IP. */
  signIn: RateLimit
  /** POST /invites/redeem, per signed-in user: a guard against guessing codes (default 10 per 10 minutes). */
  redeem?: RateLimit
  /** POST /photos, per signed-in user (default 30 a minute; big photos are held by the hour's bytes quota). */
  upload?: RateLimit
  /** Every other write (POST, PUT, PATCH, DELETE), per signed-in user per route (default 120 a minute). */
  write?: RateLimit
}

/**
 * What the route plugins are built from (passed as plugin options, not decorators: explicit and
 * typed). Routes translate HTTP to the core's services and back; the capabilities live in the core.
 */
export interface RouteDeps {
  db: Database
  core: Core
  storage: PhotoStorage
  rateLimits: Required<RateLimits>
  maxPhotoBytes: number
  publicUrl?: string
  /** Signs photo URLs and checks their signatures (GET /files/photos/:id). */
  photoSigner: PhotoUrlSigner
}
