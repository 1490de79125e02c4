/**
 * The repository contract on the SQL store over PostgreSQL (sql-store.ts: a throw-away cluster for
 * this file, a database per store). PostgreSQL is required in CI (CI=true): without it this file
 * fails; elsewhere it is skipped.
 */
import { findPostgresBin } from '../../server/test/support/pg'
import { defineBookingSuite } from './booking-suite'
import { defineConsultationSuite } from './consultation-suite'
import { defineModerationSuite } from './moderation-suite'
import { postgresStore, stopPostgresCluster } from './sql-store'
import { defineRepositorySuite } from './suite'
import { defineUsageSuite } from './usage-suite'

// Starting the cluster and copying a database per store, on a busy machine.
jest.setTimeout(60_000)

afterAll(stopPostgresCluster)

const inCi = process.env.CI === 'true'
if (findPostgresBin()) {
  defineRepositorySuite('SQL store on PostgreSQL', postgresStore)
  defineConsultationSuite('SQL store on PostgreSQL', postgresStore)
  defineBookingSuite('SQL store on PostgreSQL', postgresStore)
  defineModerationSuite('SQL store on PostgreSQL', postgresStore, { sql: true })
  defineUsageSuite('SQL store on PostgreSQL', postgresStore)
} else if (inCi) {
  describe('the repository contract: SQL store on PostgreSQL', () => {
    it('needs PostgreSQL in CI', () => {
      throw new Error('PostgreSQL binaries not found (/usr/lib/postgresql/<major>/bin or $LINLI_PG_BIN): run scripts/ensure-postgres.sh')
    })
  })
} else {
  console.warn('PostgreSQL is not installed: the repository contract runs on PGlite only (scripts/ensure-postgres.sh installs it; CI requires it).')
  describe.skip('the repository contract: SQL store on PostgreSQL (PostgreSQL not installed)', () => {
    it('runs where PostgreSQL is installed', () => undefined)
  })
}
