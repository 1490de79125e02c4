import type { Queryable } from '../db/driver'

/**
 * What the server stops keeping after a while. Each statement deletes at most `limit` rows, so a
 * sweep of a long-neglected database never holds locks for long; the next sweep takes the rest.
 */

/** Idempotency keys older than `before`: a retry that late is a new submission. */
export async function deleteIdempotencyKeysBefore(q: Queryable, before: string, limit: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM idempotency_keys WHERE (user_id, key) IN (SELECT user_id, key FROM idempotency_keys WHERE created_at < $1 LIMIT $2)
       RETURNING 1
     ) SELECT count(*)::int AS n FROM gone`,
    [before, limit],
  )
  return row.n
}

/** The consultation's write keys older than `before`, as the reports' idempotency keys. */
export async function deleteWriteKeysBefore(q: Queryable, before: string, limit: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM write_keys WHERE (user_id, kind, key) IN (SELECT user_id, kind, key FROM write_keys WHERE created_at < $1 LIMIT $2)
       RETURNING 1
     ) SELECT count(*)::int AS n FROM gone`,
    [before, limit],
  )
  return row.n
}

/**
 * Photos uploaded before `before` that nothing shows — no report, timeline step, proposal, minutes,
 * progress update or disclosure (a form abandoned after its photos went up): their rows, and the
 * ids whose bytes the caller then removes from storage.
 */
export async function deleteOrphanPhotosBefore(q: Queryable, before: string, limit: number): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `DELETE FROM photos WHERE id IN (
       SELECT p.id FROM photos p
        WHERE p.created_at < $1
          AND NOT EXISTS (SELECT 1 FROM reports r WHERE p.id = ANY (r.photo_ids))
          AND NOT EXISTS (SELECT 1 FROM report_events e WHERE p.id = ANY (e.photo_ids))
          AND NOT EXISTS (SELECT 1 FROM proposals o WHERE p.id = ANY (o.photo_ids))
          AND NOT EXISTS (SELECT 1 FROM proposal_minutes m WHERE p.id = ANY (m.photo_ids))
          AND NOT EXISTS (SELECT 1 FROM proposal_progress g WHERE p.id = ANY (g.photo_ids))
          AND NOT EXISTS (SELECT 1 FROM disclosures d WHERE p.id = ANY (d.photo_ids))
        ORDER BY p.created_at LIMIT $2
     ) RETURNING id`,
    [before, limit],
  )
  return rows.map((r) => r.id)
}

/** Sessions past their expiry. */
export async function deleteExpiredSessionsBefore(q: Queryable, now: string, limit: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM sessions WHERE token_hash IN (SELECT token_hash FROM sessions WHERE expires_at <= $1 LIMIT $2) RETURNING 1
     ) SELECT count(*)::int AS n FROM gone`,
    [now, limit],
  )
  return row.n
}

/**
 * Booking's leftovers (issue 12): jobs done or given up whose time is long past (their keys stop a
 * reminder being scheduled twice only while its booking can still move to that time), and the lock
 * rows of slots long started (nothing books, cancels or moves them any more).
 */
export async function deleteBookingLeftoversBefore(q: Queryable, before: string, limit: number): Promise<number> {
  const [jobs] = await q.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE status IN ('done', 'failed') AND run_at < $1 LIMIT $2) RETURNING 1
     ) SELECT count(*)::int AS n FROM gone`,
    [before, limit],
  )
  const [slots] = await q.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM booking_slots WHERE (service_id, starts_at) IN (SELECT service_id, starts_at FROM booking_slots WHERE starts_at < $1 LIMIT $2) RETURNING 1
     ) SELECT count(*)::int AS n FROM gone`,
    [before, limit],
  )
  return jobs.n + slots.n
}

/**
 * Rate-limit windows that ended (ADR 30; the table is filled on PostgreSQL only). By the database's
 * clock, as the windows themselves (server/rate-limit-store.ts): the app's clock may be a test's.
 */
export async function deleteEndedRateLimitWindows(q: Queryable, limit: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM rate_limits WHERE key IN (SELECT key FROM rate_limits WHERE window_end < now() LIMIT $1) RETURNING 1
     ) SELECT count(*)::int AS n FROM gone`,
    [limit],
  )
  return row.n
}
