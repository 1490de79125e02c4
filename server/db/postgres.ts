import { Pool, types, type PoolClient } from 'pg'
import type { Database, Transaction } from './driver'

/** int8 (counts, sums) as a number, as PGlite returns it; our values stay far below 2^53. */
const INT8 = 20
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
}

/** PostgreSQL through a pool; every transaction takes one client for its whole length. */
export async function openPostgres(connectionString: string, options: { max?: number; onError?: (error: Error) => void } = {}): Promise<Database> {
  const pool = new Pool({ connectionString, max: options.max ?? 10, types: typeParsers })
  // Without a listener, an idle client dropped by the server (restart, failover) crashes the process.
  pool.on('error', (error) => (options.onError ?? ((e) => console.error('[db] idle client error:', e.message)))(error))
  // Fail at start, not at the first request, when the database is unreachable.
  await pool.query('SELECT 1')
  const handle = (client: Pool | PoolClient) => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, params as unknown[])).rows as T[]
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
