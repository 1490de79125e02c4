import { Client } from 'pg'
import { randomBytes } from 'node:crypto'
import { parseSessionChange, type SessionChange, type SessionChanges } from '../src/core/services/sessions'
import type { Queryable } from './db/driver'

/**
 * The session caches of several server processes over one PostgreSQL, kept honest (ADR 30): what
 * one process drops from its cache (a session signed out, a person whose roles, household or
 * account changed) is told to the others by NOTIFY on one channel, and each drops it too — within
 * milliseconds, where the cache alone would honour a signed-out token up to its 30 s.
 *
 * Publishing is a `SELECT pg_notify(…)` on the pool (delivered when it commits: after the change it
 * tells of, which committed before). Hearing needs a connection of its own that stays LISTENing
 * (a session-mode connection: behind PgBouncer, not a transaction-pooled one). While that
 * connection is down the cache is paused and emptied (a message may be missed); it is reconnected
 * with a growing pause, and the cache emptied once more when it is back. A ping every few seconds
 * notices a connection that died without a word (a half-open TCP connection).
 */

export const SESSION_CHANNEL = 'linli_sessions'

/** What the channel delivers to: the core's SessionService. */
export interface SessionCache {
  dropChange(change: SessionChange): void
  dropAll(pause?: boolean): void
}

export interface SessionChangeLog {
  info(details: object, message: string): void
  warn(details: object, message: string): void
}

/** The channel as the app uses it: publish for the core, listen once the core exists, close with the app. */
export interface SessionChangeChannel extends SessionChanges {
  /** Start hearing the other processes; resolves once LISTEN holds (rejects when the first connection fails). */
  listen(to: SessionCache): Promise<void>
  close(): Promise<void>
}

export interface PostgresSessionChangesOptions {
  /** The pool the notifications are sent on. */
  db: Queryable
  /** Where the listening connection goes (DATABASE_URL, or LINLI_LISTEN_DATABASE_URL past a transaction-mode PgBouncer). */
  connectionString: string
  log: SessionChangeLog
  /** How often the listening connection is pinged (default 5 s). */
  pingEveryMs?: number
  /** The first pause before reconnecting (default 250 ms), doubled up to `maxRetryMs` (default 5 s). */
  retryMs?: number
  maxRetryMs?: number
}

export function postgresSessionChanges(options: PostgresSessionChangesOptions): SessionChangeChannel {
  const { db, connectionString, log } = options
  /** This process's messages come back to it too: recognised and skipped (it dropped them already). */
  const origin = randomBytes(6).toString('hex')
  const pingEveryMs = options.pingEveryMs ?? 5_000
  const firstRetryMs = options.retryMs ?? 250
  const maxRetryMs = options.maxRetryMs ?? 5_000
  let cache: SessionCache | null = null
  let client: Client | null = null
  let closed = false
  let retryMs = firstRetryMs
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let pingTimer: ReturnType<typeof setInterval> | null = null

  const hear = (payload: string | undefined) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(payload ?? '')
    } catch {
      return log.warn({ channel: SESSION_CHANNEL }, 'session changes: a message that is not JSON, ignored')
    }
    if ((parsed as { from?: unknown } | null)?.from === origin) return
    const change = parseSessionChange(parsed)
    if (change) cache?.dropChange(change)
    else log.warn({ channel: SESSION_CHANNEL }, 'session changes: a message of no known kind, ignored')
  }

  /** One LISTENing connection; `lost` is called once when it ends or fails, whatever the cause. */
  async function connect(): Promise<void> {
    const next = new Client({ connectionString, application_name: 'linli-listen', keepAlive: true, query_timeout: 10_000, connectionTimeoutMillis: 10_000 })
    let gone = false
    const lost = (error?: Error) => {
      if (gone) return
      gone = true
      if (pingTimer) clearInterval(pingTimer)
      pingTimer = null
      if (client === next) client = null
      next.removeAllListeners('notification')
      next.end().catch(() => undefined)
      if (closed) return
      // Until LISTEN holds again, a change told now would be missed: cache nothing.
      cache?.dropAll(true)
      log.warn({ err: error?.message }, 'session changes: the listening connection was lost; sessions are not cached until it is back')
      schedule()
    }
    next.on('error', lost)
    next.on('end', () => lost())
    next.on('notification', (message) => {
      if (message.channel === SESSION_CHANNEL) hear(message.payload)
    })
    try {
      await next.connect()
      await next.query(`LISTEN ${SESSION_CHANNEL}`)
    } catch (error) {
      gone = true
      next.removeAllListeners()
      next.on('error', () => undefined)
      await next.end().catch(() => undefined)
      throw error
    }
    client = next
    pingTimer = setInterval(() => {
      next.query('SELECT 1').catch((error: Error) => lost(error))
    }, pingEveryMs)
    pingTimer.unref()
  }

  function schedule(): void {
    if (closed || retryTimer) return
    retryTimer = setTimeout(() => {
      retryTimer = null
      connect().then(
        () => {
          retryMs = firstRetryMs
          // Whatever was told while no one listened is unknown: start from an empty cache.
          cache?.dropAll(false)
          log.info({ channel: SESSION_CHANNEL }, 'session changes: listening again; the session cache was emptied')
        },
        (error: Error) => {
          retryMs = Math.min(retryMs * 2, maxRetryMs)
          log.warn({ err: error.message, retryMs }, 'session changes: could not listen yet; trying again')
          schedule()
        },
      )
    }, retryMs)
    retryTimer.unref()
  }

  return {
    async publish(change) {
      await db.query('SELECT pg_notify($1, $2)', [SESSION_CHANNEL, JSON.stringify({ ...change, from: origin })])
    },
    async listen(to) {
      cache = to
      await connect()
    },
    async close() {
      closed = true
      if (retryTimer) clearTimeout(retryTimer)
      if (pingTimer) clearInterval(pingTimer)
      retryTimer = pingTimer = null
      const last = client
      client = null
      await last?.end().catch(() => undefined)
    },
  }
}
