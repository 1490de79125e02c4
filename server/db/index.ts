import { join, resolve } from 'node:path'
import { lockDataDir } from './data-dir-lock'
import type { Database } from './driver'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'

export type { Database, Queryable, Transaction, Row } from './driver'
export { migrate, loadMigrations } from './migrate'
export { DataDirInUseError } from './data-dir-lock'

export interface DatabaseOptions {
  /** PostgreSQL connection string; when set, PostgreSQL is used. */
  databaseUrl?: string
  /** Where embedded PGlite keeps its files (`<dataDir>/pg`); absent: an in-memory database. */
  dataDir?: string
  /** Start an embedded database from a dump (tests start from a migrated template). */
  loadDataDir?: Blob
  onPoolError?: (error: Error) => void
}

/** PostgreSQL when a URL is given, else embedded PGlite on disk (locked to this process) or in memory. */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, { onError: options.onPoolError })
  if (!options.dataDir) return openPglite({ loadDataDir: options.loadDataDir })
  const dir = resolve(options.dataDir)
  const release = lockDataDir(join(dir, 'pg.lock'))
  try {
    return await openPglite({ dataDir: join(dir, 'pg'), loadDataDir: options.loadDataDir, onClose: release })
  } catch (error) {
    release()
    throw error
  }
}
