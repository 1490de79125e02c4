/** The repository contract on the SQL store over embedded PGlite (sql-store.ts). */
import { defineBookingSuite } from './booking-suite'
import { defineConsultationSuite } from './consultation-suite'
import { defineModerationSuite } from './moderation-suite'
import { pgliteStore } from './sql-store'
import { defineRepositorySuite } from './suite'
import { defineUsageSuite } from './usage-suite'

// A fresh PGlite (≈ 0.6 s from the template) per store, on a busy machine.
jest.setTimeout(60_000)

defineRepositorySuite('SQL store on PGlite', pgliteStore)
defineConsultationSuite('SQL store on PGlite', pgliteStore)
defineBookingSuite('SQL store on PGlite', pgliteStore)
defineModerationSuite('SQL store on PGlite', pgliteStore, { sql: true })
defineUsageSuite('SQL store on PGlite', pgliteStore)
