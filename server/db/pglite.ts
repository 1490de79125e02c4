import { PGlite } from '@electric-sql/pglite'
import type { Database, Transaction } from './driver'
import { instantFromPg, SESSION_TIME_ZONE, TIMESTAMPTZ_OID } from './instants'

/**
 * Embedded PostgreSQL (WASM). One connection: PGlite queues statements, and a transaction holds the
 * queue until it ends — which is what makes `SELECT … FOR UPDATE` trivially safe here, and why a
 * statement on the outer handle inside `transaction()` would never run.
 */
export interface PgliteDatabase extends Database {
  /** A tarball of the whole database, to start others from (tests copy a migrated template). */
  dump(): Promise<Blob>
}

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob; onClose?: () => void } = {}): Promise<PgliteDatabase> {
  const pg = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, parsers: { [TIMESTAMPTZ_OID]: instantFromPg } })
  await pg.waitReady
  await pg.exec(`SET TimeZone = '${SESSION_TIME_ZONE}'`)
  let closed = false
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await pg.query<T>(sql, params as unknown[])).rows
    },
    async exec(sql) {
      await pg.exec(sql)
    },
    transaction<T>(fn: (tx: Transaction) => Promise<T>) {
      return pg.transaction((tx) =>
        fn({
          query: async <R>(sql: string, params: readonly unknown[] = []) => (await tx.query<R>(sql, params as unknown[])).rows,
          exec: async (sql: string) => {
            await tx.exec(sql)
          },
        }),
      )
    },
    async dump() {
      return pg.dumpDataDir('none')
    },
    async close() {
      if (closed) return
      closed = true
      await pg.close()
      options.onClose?.()
    },
  }
}
