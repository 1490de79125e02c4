import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp, createDatabase, migrate, seedDemo, type Database } from '../app'
import { DatabaseUnavailableError, isConnectionError } from '../db/driver'
import { isReadOnly } from '../db/postgres'
import { describeOnPostgres } from './support/on-postgres'
import { startPostgres, type TestPostgres } from './support/pg'
import { startProxy, type SeveringProxy } from './support/proxy'

/**
 * Database outages on PostgreSQL (docs/adr/0018-database-outages.md): while the database is down
 * every API request answers 503 with Retry-After (never a 500), and once it is back no request
 * fails — neither after a restart nor after connections lost without a word (a failover, a NAT),
 * where the pool still holds connections that are dead. Each scenario runs a steady load of
 * concurrent requests (a read, a lone write, a write in a transaction) and prints its counts.
 */

describe('telling a lost database from a wrong statement', () => {
  it('counts refused, reset and ended connections and a server going away, not errors of the statement', () => {
    const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code })
    for (const lost of [
      pgError('ECONNREFUSED'),
      pgError('ECONNRESET'),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P03', 'the database system is starting up'),
      pgError('08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new DatabaseUnavailableError(new Error('gone')),
    ]) {
      expect(isConnectionError(lost)).toBe(true)
    }
    for (const wrong of [pgError('23505', 'duplicate key'), pgError('22P02', 'invalid input syntax'), pgError('42P01'), new Error('boom'), 'text', null]) {
      expect(isConnectionError(wrong)).toBe(false)
    }
  })

  it('retries only statements that read: a write, a row lock, a sequence or an advisory lock is not one', () => {
    expect(isReadOnly('SELECT id FROM reports WHERE id = $1')).toBe(true)
    expect(isReadOnly('  (SELECT 1) UNION (SELECT 2)')).toBe(true)
    expect(isReadOnly('WITH r AS (SELECT 1) SELECT * FROM r')).toBe(true)
    for (const write of [
      'INSERT INTO notice_reads VALUES ($1)',
      'UPDATE users SET name = $1',
      'DELETE FROM sessions',
      'WITH gone AS (DELETE FROM sessions RETURNING id) SELECT count(*) FROM gone',
      'SELECT id FROM reports FOR UPDATE',
      'SELECT id FROM reports FOR KEY SHARE',
      "SELECT nextval('s')",
      'SELECT pg_advisory_xact_lock(1)',
    ]) {
      expect(isReadOnly(write)).toBe(false)
    }
  })
})

type Phase = 'up' | 'stopping' | 'down' | 'starting' | 'back'

interface Tally {
  ok: number
  /** 503 with Retry-After and the typed body. */
  unavailable: number
  /** Anything else: the answers themselves, to show. */
  failed: string[]
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const CONCURRENCY = 6

/** Steady load on `app`: workers each sending a read, a lone write and a write in a transaction in turn, tallied by the phase each request started in. */
function steadyLoad(app: FastifyInstance, headers: Record<string, string>, noticeId: string, phase: () => Phase) {
  const tallies = new Map<Phase, Tally>()
  let running = true
  let sent = 0
  const requests = [
    () => app.inject({ url: '/api/v1/reports/mine?limit=5', headers }),
    () => app.inject({ method: 'POST', url: `/api/v1/notices/${noticeId}/read`, headers }),
    () => app.inject({ method: 'POST', url: '/api/v1/threads/general/messages', headers, payload: { body: `负载消息${++sent}` } }),
  ]
  const record = (started: Phase, response: LightMyRequestResponse) => {
    const tally = tallies.get(started) ?? { ok: 0, unavailable: 0, failed: [] }
    tallies.set(started, tally)
    if (response.statusCode < 300) return void (tally.ok += 1)
    const error = response.json().error ?? {}
    const retryAfter = Number(response.headers['retry-after'])
    if (response.statusCode === 503 && error.kind === 'server' && /[\u4e00-\u9fff]/.test(error.message) && retryAfter >= 1 && error.retryAfterMs === retryAfter * 1000) {
      tally.unavailable += 1
    } else tally.failed.push(`${response.statusCode} retry-after=${response.headers['retry-after'] ?? '-'} ${response.body.slice(0, 200)}`)
  }
  const workers = Array.from({ length: CONCURRENCY }, async (_, i) => {
    for (let n = i; running; n++) {
      const started = phase()
      record(started, await requests[n % requests.length]())
    }
  })
  return {
    tallies,
    async stop() {
      running = false
      await Promise.all(workers)
    },
  }
}

function summary(name: string, tallies: Map<Phase, Tally>): string {
  return `${name}: ${[...tallies].map(([phase, t]) => `${phase} ${t.ok} ok / ${t.unavailable} × 503 / ${t.failed.length} failed`).join(', ')}`
}

describeOnPostgres('a PostgreSQL outage', () => {
  let pg: TestPostgres
  let proxy: SeveringProxy
  /** Straight to PostgreSQL (to set up, and to end a backend), and the app's: through the proxy that can lose connections. */
  let direct: Database
  let db: Database
  let app: FastifyInstance
  let headers: Record<string, string>
  let noticeId: string

  beforeAll(async () => {
    const started = await startPostgres()
    if (!started) throw new Error('PostgreSQL binaries are installed but cannot be run here (as root, a `postgres` user is needed)')
    pg = started
    proxy = await startProxy(pg.port)
    direct = await createDatabase({ databaseUrl: pg.url, onPoolError: () => undefined })
    await migrate(direct)
    await seedDemo(direct, new Date())
    db = await createDatabase({ databaseUrl: pg.url.replace(`:${pg.port}/`, `:${proxy.port}/`), onPoolError: () => undefined })
    // No background jobs: only the load touches the database.
    // The load is one person's: no rate limit or quota (issue 13) may answer for the database.
    const unlimited = { max: 1_000_000, timeWindowMs: 60_000 }
    app = buildApp({ db, demo: true, jobsEveryMs: 0, housekeepingEveryMs: 0, quotas: false, rateLimits: { submit: unlimited, write: unlimited, upload: unlimited } })
    await app.ready()
    const session = await app.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: 'u-wang' } })
    headers = { authorization: `Bearer ${session.json().token}` }
    noticeId = (await app.inject({ url: '/api/v1/notices', headers })).json().items[0].id
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    await db?.close()
    await direct?.close()
    await proxy?.close()
    await pg?.stop()
  }, 30_000)

  it('answers 503 with Retry-After while PostgreSQL is stopped, never a 500, and fails no request once it is back', async () => {
    let phase: Phase = 'up'
    const load = steadyLoad(app, headers, noticeId, () => phase)
    await pause(500)
    phase = 'stopping'
    await pg.halt()
    phase = 'down'
    await pause(1_000)
    phase = 'starting'
    await pg.resume()
    phase = 'back'
    await pause(1_000)
    await load.stop()
    const t = load.tallies
    console.log(summary('PostgreSQL stopped and started', t))

    // Requests caught by the stop may be 503s too; none, in any phase, is anything else.
    for (const tally of t.values()) expect(tally.failed).toEqual([])
    expect(t.get('up')!.ok).toBeGreaterThan(0)
    expect(t.get('down')).toMatchObject({ ok: 0 })
    expect(t.get('down')!.unavailable).toBeGreaterThan(0)
    expect(t.get('back')).toMatchObject({ unavailable: 0 })
    expect(t.get('back')!.ok).toBeGreaterThan(0)
    expect((await app.inject({ url: '/health' })).json()).toEqual({ ok: true, db: 'postgres' })
  }, 30_000)

  it('fails no request when the pool’s connections were lost without a word (a failover): dead ones are retried or dropped', async () => {
    // Fill the pool with connections, then let them sit idle.
    let phase: Phase = 'up'
    const warm = steadyLoad(app, headers, noticeId, () => phase)
    await pause(300)
    await warm.stop()
    expect(warm.tallies.get('up')).toMatchObject({ unavailable: 0, failed: [] })
    const lost = proxy.sever()
    expect(lost).toBeGreaterThanOrEqual(3)

    phase = 'back'
    const load = steadyLoad(app, headers, noticeId, () => phase)
    await pause(800)
    await load.stop()
    console.log(`${summary('connections lost silently', load.tallies)} (${lost} pooled connections lost)`)
    expect(load.tallies.get('back')).toMatchObject({ unavailable: 0, failed: [] })
    expect(load.tallies.get('back')!.ok).toBeGreaterThan(0)
  }, 30_000)

  it('fails only the transaction whose connection is lost while it holds it, without an uncaught error', async () => {
    const outcome = await db
      .transaction(async (tx) => {
        const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
        await direct.query('SELECT pg_terminate_backend($1)', [pid])
        // The server's farewell arrives while no statement runs (an unheard 'error' event crashed the process).
        await pause(200)
        return tx.query('SELECT 1')
      })
      .then(
        () => 'committed',
        (error: unknown) => error,
      )
    expect(outcome).toBeInstanceOf(DatabaseUnavailableError)
    expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }])
  }, 30_000)
})
