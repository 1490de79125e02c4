import type { JobRecord, JobRepository } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso, json } from './rows'

/**
 * Durable jobs in SQL: due at a time, claimed by a worker for a lease. A claim is one statement —
 * UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) — so two processes on one PostgreSQL never
 * claim one job: a row another claim has locked is skipped, and one it has already leased no longer
 * matches (a lease that has not ended). A job whose worker died is claimable again once its lease
 * ends. A claimed job stays `queued` until it is done or given up (`failed`, kept with its error).
 */

interface JobRow {
  id: string
  kind: string
  key: string
  run_at: unknown
  payload: unknown
  attempts: number
}

const toJob = (r: JobRow): JobRecord => ({
  id: r.id,
  kind: r.kind,
  key: r.key,
  runAt: iso(r.run_at),
  payload: json<Record<string, unknown>>(r.payload),
  attempts: Number(r.attempts),
})

export function jobRepository(q: Queryable): JobRepository {
  return {
    schedule: async (job) => {
      const rows = await q.query(
        `INSERT INTO jobs (id, kind, key, run_at, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (key) DO NOTHING RETURNING id`,
        [job.id, job.kind, job.key, job.runAt, JSON.stringify(job.payload)],
      )
      return rows.length === 1
    },
    scheduleAll: async (jobs) => {
      if (jobs.length === 0) return 0
      const rows = await q.query(
        `INSERT INTO jobs (id, kind, key, run_at, payload)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])
         ON CONFLICT (key) DO NOTHING RETURNING id`,
        [jobs.map((j) => j.id), jobs.map((j) => j.kind), jobs.map((j) => j.key), jobs.map((j) => j.runAt), jobs.map((j) => JSON.stringify(j.payload))],
      )
      return rows.length
    },
    claimDue: async (now, worker, leaseUntil, limit) => {
      const rows = await q.query<JobRow>(
        `UPDATE jobs SET locked_by = $2, locked_until = $3, attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM jobs
            WHERE status = 'queued' AND run_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
            ORDER BY run_at, id LIMIT $4
            FOR UPDATE SKIP LOCKED
         )
         RETURNING id, kind, key, run_at, payload, attempts`,
        [now, worker, leaseUntil, limit],
      )
      // RETURNING keeps no order: the claim's is (run_at, id).
      return rows.map(toJob).sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    },
    complete: async (id, worker, at) => {
      const rows = await q.query(
        `UPDATE jobs SET status = 'done', done_at = $3, locked_by = NULL, locked_until = NULL
         WHERE id = $1 AND status = 'queued' AND locked_by = $2 RETURNING id`,
        [id, worker, at],
      )
      return rows.length === 1
    },
    fail: async (id, worker, error, retryAt) => {
      await q.query(
        `UPDATE jobs SET last_error = $3, locked_by = NULL, locked_until = NULL,
           status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'queued' END,
           run_at = coalesce($4::timestamptz, run_at)
         WHERE id = $1 AND status = 'queued' AND locked_by = $2`,
        [id, worker, error, retryAt],
      )
    },
    pending: async (keyPrefix) => {
      const rows = await q.query<{ key: string; run_at: unknown; attempts: number }>(
        "SELECT key, run_at, attempts FROM jobs WHERE status = 'queued' AND starts_with(key, $1) ORDER BY run_at, key",
        [keyPrefix],
      )
      return rows.map((r) => ({ key: r.key, runAt: iso(r.run_at), attempts: Number(r.attempts) }))
    },
  }
}
