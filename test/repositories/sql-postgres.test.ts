/**
 * The repository contract on the SQL store over PostgreSQL (sql-store.ts: a throw-away cluster for
 * this file, a database per store). PostgreSQL is required in CI (CI=true): without it this file
 * fails; elsewhere it is skipped.
 */
import { onPostgres } from '../../server/test/support/on-postgres'
import { defineBookingSuite } from './booking-suite'
import { defineConsultationSuite } from './consultation-suite'
import { defineModerationSuite } from './moderation-suite'
import { postgresStore, stopPostgresCluster } from './sql-store'
import { defineRepositorySuite } from './suite'
import { defineUsageSuite } from './usage-suite'

// Starting the cluster and copying a database per store, on a busy machine.
jest.setTimeout(60_000)

afterAll(stopPostgresCluster)

onPostgres('the repository contract (SQL store)', () => {
  defineRepositorySuite('SQL store on PostgreSQL', postgresStore)
  defineConsultationSuite('SQL store on PostgreSQL', postgresStore)
  defineBookingSuite('SQL store on PostgreSQL', postgresStore)
  defineModerationSuite('SQL store on PostgreSQL', postgresStore, { sql: true })
  defineUsageSuite('SQL store on PostgreSQL', postgresStore)
})
