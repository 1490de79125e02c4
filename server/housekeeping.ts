import type { FastifyBaseLogger } from 'fastify'
import type { Database } from './db/driver'
import type { PhotoStorage } from './photos/storage'
import { deleteBookingLeftoversBefore, deleteEndedRateLimitWindows, deleteExpiredSessionsBefore, deleteIdempotencyKeysBefore, deleteOrphanPhotosBefore, deleteWriteKeysBefore } from './repositories/housekeeping'

const DAY_MS = 86_400_000
/** Any constant (not migrate's): the advisory lock one sweep holds, so a second process's sweep skips. */
export const HOUSEKEEPING_LOCK = 7_270_515

export interface HousekeepingOptions {
  /**
   * How long a submission's idempotency key is kept (default 30 days). A retry of the same
   * submission later than this would file it again; the app's outbox retries within minutes to days.
   * The consultation's write keys (proposals, contributions, votes, …) are kept as long.
   */
  idempotencyDays?: number
  /**
   * How long a photo no report shows is kept (default 30 days): long enough for a report waiting
   * in a phone's outbox, whose photos went up before the network dropped, to be sent still.
   */
  orphanPhotoDays?: number
  /** At most this many rows of each kind per statement (default 1,000). */
  batch?: number
}

export interface SweepResult {
  sessions: number
  /** Idempotency keys of reports and write keys of the consultation. */
  idempotencyKeys: number
  photos: number
  /** Booking's finished jobs and slot lock rows, 30 days after their time. */
  bookingLeftovers: number
  /** Rate-limit windows that ended (PostgreSQL only: on PGlite they are in memory). */
  rateLimits: number
  /** Another process was sweeping (PostgreSQL, ADR 30): this pass did nothing. */
  skipped?: true
}

/**
 * The server's periodic clean-up: expired sessions, old idempotency keys, booking's finished jobs
 * and slot locks a month after their time, ended rate-limit windows, and photos uploaded but
 * never shown (their rows first, then their bytes: a failure in between leaves a file nobody can
 * reach, never a row whose file is gone). `buildApp` runs it every few hours (`housekeepingEveryMs`).
 */
export class Housekeeping {
  private running: Promise<SweepResult> | null = null

  constructor(
    private readonly db: Database,
    private readonly storage: PhotoStorage,
    private readonly now: () => Date,
    private readonly log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
    private readonly options: HousekeepingOptions = {},
  ) {}

  /**
   * One pass; a call while a pass is running joins it. On PostgreSQL the pass holds an advisory
   * lock (in a transaction of its own, so it holds behind a transaction-mode PgBouncer too): a
   * process whose sweep finds it taken skips its pass (several processes over one database, ADR 30).
   */
  sweep(): Promise<SweepResult> {
    this.running ??= this.locked().finally(() => {
      this.running = null
    })
    return this.running
  }

  private locked(): Promise<SweepResult> {
    // PGlite is one process's (and one connection: the pass could not run beside a transaction).
    if (this.db.kind !== 'postgres') return this.pass()
    return this.db.transaction(async (tx) => {
      const [{ locked }] = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [HOUSEKEEPING_LOCK])
      if (!locked) {
        this.log.info({}, 'housekeeping: another process is sweeping; this pass is skipped')
        return { sessions: 0, idempotencyKeys: 0, photos: 0, bookingLeftovers: 0, rateLimits: 0, skipped: true }
      }
      // The pass's statements run on other connections of the pool, while this one holds the lock.
      return this.pass()
    })
  }

  private async pass(): Promise<SweepResult> {
    const now = this.now().getTime()
    const batch = this.options.batch ?? 1000
    const before = (days: number) => new Date(now - days * DAY_MS).toISOString()
    const sessions = await deleteExpiredSessionsBefore(this.db, new Date(now).toISOString(), batch)
    const keysBefore = before(this.options.idempotencyDays ?? 30)
    const idempotencyKeys = (await deleteIdempotencyKeysBefore(this.db, keysBefore, batch)) + (await deleteWriteKeysBefore(this.db, keysBefore, batch))
    const photoIds = await deleteOrphanPhotosBefore(this.db, before(this.options.orphanPhotoDays ?? 30), batch)
    let photos = 0
    for (const id of photoIds) {
      try {
        await this.storage.delete(id)
        photos++
      } catch (error) {
        this.log.warn({ err: error, photoId: id }, 'housekeeping: could not remove a photo file')
      }
    }
    const bookingLeftovers = await deleteBookingLeftoversBefore(this.db, before(30), batch)
    const rateLimits = await deleteEndedRateLimitWindows(this.db, batch)
    const result = { sessions, idempotencyKeys, photos, bookingLeftovers, rateLimits }
    if (sessions || idempotencyKeys || photoIds.length || bookingLeftovers || rateLimits) this.log.info(result, 'housekeeping: removed what is no longer needed')
    return result
  }
}
