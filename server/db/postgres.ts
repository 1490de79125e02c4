import { Pool, types, type PoolClient } from 'pg'
import { DatabaseUnavailableError, isConnectionError, type Database, type Transaction } from './driver'
import { instantFromPg, SESSION_TIME_ZONE, TIMESTAMPTZ_OID } from './instants'

/** int8 (counts, sums) as a number, as PGlite returns it; our values stay far below 2^53. */
const INT8 = 20
const toNumber = (value: string) => Number(value)
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? toNumber : oid === TIMESTAMPTZ_OID ? instantFromPg : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
}

/** More distinct statement texts than this are sent unnamed (a bound on each connection's memory). */
const MAX_NAMED_STATEMENTS = 500

/**
 * Names for statement texts, so each pooled connection parses and plans a statement once and then
 * only binds and executes it: for the short reads the app makes, planning cost PostgreSQL as much as
 * running them. The app's statements are built from fixed fragments, so their texts are few.
 */
export function statementNames(max = MAX_NAMED_STATEMENTS): (sql: string) => string | undefined {
  const names = new Map<string, string>()
  return (sql) => {
    let name = names.get(sql)
    if (name === undefined && names.size < max) {
      name = `linli_${names.size + 1}`
      names.set(sql, name)
    }
    return name
  }
}

/** How long a request waits for a connection (a full pool, a server that does not answer) before it is a 503. */
const CONNECT_TIMEOUT_MS = 10_000

/**
 * A statement that only reads, so running it twice changes nothing. Conservative: a write keyword,
 * a row lock, a sequence or an advisory lock anywhere in it (even in a string) makes it a write.
 */
export function isReadOnly(sql: string): boolean {
  return /^\s*\(?\s*(SELECT|WITH)\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE|MERGE|SHARE|nextval|setval|pg_advisory_\w*)\b/i.test(sql)
}

const unavailable = (error: unknown) => (isConnectionError(error) && !(error instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(error) : error)
const ignore = () => undefined

/**
 * PostgreSQL through a pool; every transaction takes one client for its whole length.
 *
 * Outages (docs/adr/0018): a lost or refused connection is a `DatabaseUnavailableError` (the server's
 * 503). A connection lost once makes every pooled connection opened before it suspect (a restart
 * ends them all), so those are dropped when next checked out instead of failing a request each. A
 * statement that failed on a lost connection is tried once more on a fresh one only when that cannot
 * do anything twice: a transaction whose BEGIN failed (none of its work ran; a write on its own runs
 * as a transaction of one statement for this) or a read. Anything else is the caller's to retry
 * (the app's writes carry idempotency keys).
 */
export async function openPostgres(
  connectionString: string,
  options: { max?: number; connectTimeoutMs?: number; onError?: (error: Error) => void } = {},
): Promise<Database> {
  const pool = new Pool({
    connectionString,
    max: options.max ?? 10,
    types: typeParsers,
    // Each named statement keeps one generic plan (ADR 38): under `auto` PostgreSQL kept planning
    // the inbox afresh on every call at a million reports (its custom plans looked cheaper), a
    // third of its throughput; the generic plans serve every endpoint of bench:scale at both sizes.
    options: `-c TimeZone=${SESSION_TIME_ZONE} -c plan_cache_mode=force_generic_plan`,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    keepAlive: true,
  })
  /** Bumped whenever a connection is lost; a client remembers the generation it was opened in. */
  let generation = 0
  const openedIn = new WeakMap<object, number>()
  pool.on('connect', (client) => openedIn.set(client, generation))
  // Without a listener, an idle client dropped by the server (restart, failover) crashes the process.
  pool.on('error', (error) => {
    generation += 1
    ;(options.onError ?? ((e) => console.error('[db] idle client error:', e.message)))(error)
  })
  // Fail at start, not at the first request, when the database is unreachable.
  await pool.query('SELECT 1')
  const nameOf = statementNames()

  /** A client opened since the last lost connection, listened to: a connection lost while it is out fails its statement, not the process. */
  async function checkout(): Promise<PoolClient> {
    for (;;) {
      let client: PoolClient
      try {
        client = await pool.connect()
      } catch (error) {
        throw unavailable(error)
      }
      if (openedIn.get(client) === generation) {
        client.on('error', ignore)
        return client
      }
      client.release(new Error('opened before a lost connection'))
    }
  }

  /** Back to the pool; with `failure`, the client is closed instead (a lost connection also marks the others suspect). */
  function giveBack(client: PoolClient, failure?: unknown): void {
    client.removeListener('error', ignore)
    if (failure === undefined) return client.release()
    if (isConnectionError(failure)) generation += 1
    client.release(typeof failure === 'object' && failure !== null ? (failure as Error) : new Error(String(failure)))
  }

  const handle = (client: PoolClient) => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      try {
        return (await client.query({ name: nameOf(sql), text: sql, values: params as unknown[] })).rows as T[]
      } catch (error) {
        throw unavailable(error)
      }
    },
    async exec(sql: string) {
      try {
        await client.query(sql)
      } catch (error) {
        throw unavailable(error)
      }
    },
  })

  async function transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await checkout()
      try {
        await client.query('BEGIN')
      } catch (error) {
        giveBack(client, error)
        // Nothing of the transaction ran: once more, on a connection opened after the loss.
        if (attempt === 1 && isConnectionError(error)) continue
        throw unavailable(error)
      }
      let broken: unknown
      try {
        const result = await fn(handle(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        // A client that cannot even roll back is dropped from the pool, not reused. A COMMIT lost
        // with its connection may or may not have happened: never retried here.
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError
        })
        throw unavailable(error)
      } finally {
        giveBack(client, broken)
      }
    }
  }

  let closed = false
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      // A write on its own is a transaction of one statement, so that a dead connection fails its
      // BEGIN (nothing ran, tried again) rather than the write itself (which may or may not have run).
      if (!isReadOnly(sql)) return transaction((tx) => tx.query<T>(sql, params))
      for (let attempt = 1; ; attempt++) {
        const client = await checkout()
        try {
          const rows = await handle(client).query<T>(sql, params)
          giveBack(client)
          return rows
        } catch (error) {
          const lost = isConnectionError(error)
          giveBack(client, lost ? error : undefined)
          // Reading twice is harmless: once more, on a connection opened after the loss.
          if (lost && attempt === 1) continue
          throw error
        }
      }
    },
    async exec(sql: string) {
      const client = await checkout()
      try {
        await handle(client).exec(sql)
        giveBack(client)
      } catch (error) {
        giveBack(client, isConnectionError(error) ? error : undefined)
        throw error
      }
    },
    transaction,
    async close() {
      if (closed) return
      closed = true
      await pool.end()
    },
  }
}
