/**
 * The statement guard (ADR 29): on PostgreSQL a statement that runs past its `statement_timeout`
 * (query_canceled) answers 503 服务繁忙 with Retry-After, never a 500. (PGlite, single-threaded in
 * WebAssembly, has no timer to cancel a running statement: there the guard does nothing.)
 */
import type { FastifyError } from 'fastify'
import { createDatabase } from '../app'
import { inOneUnit } from '../db/driver'
import { bodyOf, statusOf } from '../errors'
import { toApiError } from '../plugins/errors'
import { itOnPostgres } from './support/on-postgres'
import { startPostgres } from './support/pg'

jest.setTimeout(60_000)

itOnPostgres('answers a statement past its timeout as busy (503, Retry-After), not as a bug', async () => {
  const pg = await startPostgres()
  if (!pg) throw new Error('PostgreSQL binaries were found but no cluster started')
  const db = await createDatabase({ databaseUrl: pg.url })
  try {
    const error = await inOneUnit(db, async (tx) => {
      await tx.query('SET LOCAL statement_timeout = 50')
      return tx.query('SELECT pg_sleep(2)')
    }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: '57014' })
    const known = toApiError(error as FastifyError)
    expect(known).not.toBeNull()
    expect(statusOf(known!)).toBe(503)
    expect(known!.retryAfterMs).toBeGreaterThan(0)
    expect(bodyOf(known!)).toEqual({ error: { kind: 'server', message: '服务繁忙，请稍后再试', retryAfterMs: 5000 } })
  } finally {
    await db.close()
    await pg.stop()
  }
})
