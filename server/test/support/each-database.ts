import { createDatabase, migrate, type Database } from '../../app'
import { freshDatabase } from './database'
import { findPostgresBin, startPostgres, type TestPostgres } from './pg'

/** A migrated database for one `describe`, and what stops it (a throw-away PostgreSQL's server). */
export type OpenDatabase = () => Promise<{ db: Database; stop?: () => Promise<void> } | null>

/**
 * Define a block once on PGlite and once on PostgreSQL (LINLI_TEST_DATABASE_URL's server, or a
 * throw-away one). `open` answers null where PostgreSQL is installed but cannot run outside CI
 * (the block's tests then return early); in CI a missing PostgreSQL fails.
 */
export function onEveryDatabase(title: string, define: (name: 'PGlite' | 'PostgreSQL', open: OpenDatabase) => void): void {
  define('PGlite', async () => {
    const db = await createDatabase({})
    await migrate(db)
    return { db }
  })
  const inCi = process.env.CI === 'true'
  if (process.env.LINLI_TEST_DATABASE_URL) {
    define('PostgreSQL', async () => ({ db: await freshDatabase() }))
  } else if (findPostgresBin()) {
    define('PostgreSQL', async () => {
      const pg: TestPostgres | null = await startPostgres()
      if (!pg) {
        if (inCi) throw new Error('PostgreSQL binaries are installed but cannot be run here (as root, a `postgres` user is needed)')
        return null
      }
      const db = await createDatabase({ databaseUrl: pg.url })
      await migrate(db)
      return { db, stop: pg.stop }
    })
  } else if (inCi) {
    describe(`${title} (PostgreSQL)`, () => {
      it('needs PostgreSQL in CI', () => {
        throw new Error('PostgreSQL binaries not found (/usr/lib/postgresql/<major>/bin or $LINLI_PG_BIN): run scripts/ensure-postgres.sh')
      })
    })
  }
}
