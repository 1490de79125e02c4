import { Pool, types, type PoolClient } from 'pg'
import type { Database, Transaction } from './driver'
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

/** PostgreSQL through a pool; every transaction takes one client for its whole length. */
export async function openPostgres(connectionString: string, options: { max?: number; onError?: (error: Error) => void } = {}): Promise<Database> {
  const pool = new Pool({ connectionString, max: options.max ?? 10, types: typeParsers, options: `-c TimeZone=${SESSION_TIME_ZONE}` })
  // Without a listener, an idle client dropped by the server (restart, failover) crashes the process.
  pool.on('error', (error) => (options.onError ?? ((e) => console.error('[db] idle client error:', e.message)))(error))
  // Fail at start, not at the first request, when the database is unreachable.
  await pool.query('SELECT 1')
  const nameOf = statementNames()
  const handle = (client: Pool | PoolClient) => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await client.query({ name: nameOf(sql), text: sql, values: params as unknown[] })).rows as T[]
    },
    async exec(sql: string) {
      await client.query(sql)
    },
  })
  let closed = false
  return {
    kind: 'postgres',
    ...handle(pool),
    async transaction<T>(fn: (tx: Transaction) => Promise<T>) {
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        await client.query('BEGIN')
        const result = await fn(handle(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        // A client that cannot even roll back is dropped from the pool, not reused.
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError
        })
        throw error
      } finally {
        client.release(broken)
      }
    },
    async close() {
      if (closed) return
      closed = true
      await pool.end()
    },
  }
}
