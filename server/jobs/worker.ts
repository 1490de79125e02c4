import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { RunResult } from '../../src/core/services/booking/jobs'

/** What the worker runs: the core's durable booking jobs (`core.bookings.jobs`). */
export interface DueJobs {
  runDue(worker: string, limit?: number): Promise<RunResult>
}

export interface JobWorkerLog {
  info(object: object, message: string): void
  error(object: object, message: string): void
}

export interface JobWorkerOptions {
  /** How often the worker looks for due jobs (milliseconds, > 0). */
  everyMs: number
  /** This worker's name on the jobs it claims; default `workerId()`. */
  id?: string
  /** Jobs claimed per claim (default 20). */
  batch?: number
  /** Claims per pass at most (default 50): a full claim is followed at once by another, up to this. */
  maxClaimsPerPass?: number
}

/** A name no other process shares: host, pid and a random part (a restarted process with the same pid is another worker). */
export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
}

/**
 * Polls the durable job table through the core every `everyMs`: each pass claims what is due
 * (with a lease, so other processes never run the same job), runs it, and claims again while
 * claims come back full. Passes never overlap: a tick during a pass is skipped. The due times live
 * in the database, not here: a restarted or second process finds the same jobs. `stop()` ends the
 * polling and waits for the pass in flight (the database must outlive it).
 */
export class JobWorker {
  readonly id: string
  private timer: ReturnType<typeof setInterval> | null = null
  private running: Promise<RunResult> | null = null
  private stopped = false

  constructor(
    private readonly jobs: DueJobs,
    private readonly log: JobWorkerLog,
    private readonly options: JobWorkerOptions,
  ) {
    if (!(options.everyMs > 0)) throw new Error(`JobWorker: everyMs must be > 0 (got ${options.everyMs})`)
    this.id = options.id ?? workerId()
  }

  /** Polls from now on, the first pass at once (a restarted server sends what fell due while it was down). */
  start(): void {
    if (this.timer || this.stopped) return
    this.timer = setInterval(() => void this.tick(), this.options.everyMs)
    // A worker alone never keeps the process alive.
    this.timer.unref()
    this.log.info({ worker: this.id, everyMs: this.options.everyMs }, 'jobs: this process runs the due booking jobs')
    void this.tick()
  }

  /**
   * One pass now, unless one is running (then null; the next tick comes anyway) or the worker is
   * stopped. A pass that fails (the database away) is logged; the next tick tries again.
   */
  async tick(): Promise<RunResult | null> {
    if (this.running || this.stopped) return null
    this.running = this.pass()
    try {
      return await this.running
    } catch (error) {
      this.log.error({ err: error, worker: this.id }, 'jobs: a pass failed; the next one tries again')
      return null
    } finally {
      this.running = null
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running?.catch(() => undefined)
  }

  private async pass(): Promise<RunResult> {
    const batch = this.options.batch ?? 20
    const total: RunResult = { claimed: 0, done: 0, failed: 0 }
    for (let claims = 0; claims < (this.options.maxClaimsPerPass ?? 50) && !this.stopped; claims++) {
      const result = await this.jobs.runDue(this.id, batch)
      total.claimed += result.claimed
      total.done += result.done
      total.failed += result.failed
      if (result.claimed < batch) break
    }
    if (total.claimed > 0) this.log.info({ worker: this.id, ...total }, `jobs: ${total.done} done, ${total.failed} failed`)
    return total
  }
}
