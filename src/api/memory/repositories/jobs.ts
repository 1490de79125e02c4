import type { Id } from '../../../../types/domain'
import type { JobRecord, JobRepository } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { copy, defined, instant, type JobRow } from '../rows'
import { type Run, type Tables } from '../tables'

/**
 * The memory store's JobRepository (issue 12): durable jobs with leases. The store's mutex stands
 * for `FOR UPDATE SKIP LOCKED` (no other unit of work runs while one claims); the lease is what
 * keeps a claimed job from being claimed again until it ends, as in the SQL store.
 */

const record = (j: JobRow): JobRecord => ({ id: j.id, kind: j.kind, key: j.key, runAt: j.runAt, payload: copy(j.payload), attempts: j.attempts })

/** Not run to its end and not given up: it still runs, now or later. */
const open = (j: JobRow) => j.doneAt === undefined && !j.givenUp

/** Whether `worker` holds the job: it claimed it last, and the job is still open. */
const heldBy = (j: JobRow | undefined, worker: string): j is JobRow => j !== undefined && open(j) && j.worker === worker

const byDue = (a: JobRow, b: JobRow) => compareText(a.runAt, b.runAt) || compareText(a.id, b.id)

export function jobRepository(t: Tables, run: Run): JobRepository {
  // ON CONFLICT (key) DO NOTHING.
  const add = (job: Omit<JobRecord, 'attempts'>): boolean => {
    if (t.jobs.rows().some((j) => j.key === job.key)) return false
    t.jobs.insert({ id: job.id, kind: job.kind, key: job.key, runAt: instant(job.runAt), payload: copy(job.payload), attempts: 0 })
    return true
  }
  return {
    schedule: (job) => run(() => add(job)),
    scheduleAll: (jobs) => run(() => jobs.filter(add).length),
    claimDue: (now, worker, leaseUntil, limit) =>
      run(() => {
        const at = instant(now)
        const until = instant(leaseUntil)
        const due = t.jobs
          .rows()
          .filter((j) => open(j) && compareText(j.runAt, at) <= 0 && (j.leaseUntil === undefined || compareText(j.leaseUntil, at) < 0))
          .slice()
          .sort(byDue)
          .slice(0, Math.max(0, limit))
        return due.map((j) => {
          const claimed: JobRow = { ...j, worker, leaseUntil: until, attempts: j.attempts + 1 }
          t.jobs.replace(claimed)
          return record(claimed)
        })
      }),
    complete: (id: Id, worker, at) =>
      run(() => {
        const j = t.jobs.get(id)
        if (!heldBy(j, worker)) return false
        const { worker: _, leaseUntil: __, ...rest } = j
        t.jobs.replace({ ...rest, doneAt: instant(at) })
        return true
      }),
    fail: (id, worker, error, retryAt) =>
      run(() => {
        const j = t.jobs.get(id)
        if (!heldBy(j, worker)) return
        const { worker: _, leaseUntil: __, ...rest } = j
        // Queued again for `retryAt`, or given up; either way with its error.
        t.jobs.replace(defined(retryAt === null ? { ...rest, error, givenUp: true } : { ...rest, error, runAt: instant(retryAt) }))
      }),
    pending: (keyPrefix) =>
      run(() =>
        t.jobs
          .rows()
          .filter((j) => open(j) && j.key.startsWith(keyPrefix))
          .slice()
          .sort(byDue)
          .map((j) => ({ key: j.key, runAt: j.runAt, attempts: j.attempts })),
      ),
  }
}
