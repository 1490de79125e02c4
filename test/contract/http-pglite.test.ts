/**
 * The contract suite against the HTTP adapter talking, over real sockets, to the reference server on
 * embedded PGlite (support/http-backend.ts); http-postgres.test.ts runs the same on PostgreSQL.
 */
import { defineBookingSuite } from './booking-suite'
import { defineConsultationSuite } from './consultation-suite'
import { defineMaskingSuite } from './masking-suite'
import { defineModerationSuite } from './moderation-suite'
import { defineContractSuite } from './suite'
import { defineReportSuite } from './report-suite'
import { serve } from './support/http-backend'
import { linliReportBackend } from './support/linli-report-backend'

// The adapter's default transport imports Taro; these clients get fetchTransport instead.
jest.mock('@tarojs/taro', () => require('../support/taro-node'))

// Starting the server (tsx, PGlite ≈ 2–3 s, migrations) takes longer than jest's 5 s default on a busy machine.
jest.setTimeout(60_000)

defineContractSuite('HTTP adapter + reference server on PGlite', () => serve())
// Conventions and consultation, on a server of their own (their counts are the demo's households).
defineConsultationSuite('HTTP adapter + reference server on PGlite', () => serve())
// Service booking, on a server of its own.
defineBookingSuite('HTTP adapter + reference server on PGlite', () => serve())
// Content security: the moderation queue and the audit log, on a server of its own.
defineModerationSuite('HTTP adapter + reference server on PGlite', () => serve())
// Masking: what one resident receives about the others, on a server of its own.
defineMaskingSuite('HTTP adapter + reference server on PGlite', () => serve())
// The report part, as every backend a report can go to answers it (Open311 ones too: open311.test.ts).
defineReportSuite('HTTP adapter + reference server on PGlite', async () => linliReportBackend(await serve()))
