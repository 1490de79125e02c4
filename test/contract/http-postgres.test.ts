/**
 * The contract suite against the HTTP adapter talking, over real sockets, to the reference server on
 * PostgreSQL (15 on Debian; a throw-away cluster per server, support/http-backend.ts).
 * PostgreSQL is required in CI (CI=true): without it this file fails; elsewhere it is skipped.
 */
import { onPostgres } from '../../server/test/support/on-postgres'
import { defineBookingSuite } from './booking-suite'
import { defineConsultationSuite } from './consultation-suite'
import { defineMaskingSuite } from './masking-suite'
import { defineModerationSuite } from './moderation-suite'
import { defineContractSuite } from './suite'
import { serveOnPostgres } from './support/http-backend'

// The adapter's default transport imports Taro; these clients get fetchTransport instead.
jest.mock('@tarojs/taro', () => require('../support/taro-node'))

// Starting the server (tsx, PGlite ≈ 2–3 s, migrations) takes longer than jest's 5 s default on a busy machine.
jest.setTimeout(60_000)

onPostgres('the ApiClient contract (HTTP adapter + reference server)', () => {
  defineContractSuite('HTTP adapter + reference server on PostgreSQL', serveOnPostgres)
  defineConsultationSuite('HTTP adapter + reference server on PostgreSQL', serveOnPostgres)
  defineBookingSuite('HTTP adapter + reference server on PostgreSQL', serveOnPostgres)
  defineModerationSuite('HTTP adapter + reference server on PostgreSQL', serveOnPostgres)
  defineMaskingSuite('HTTP adapter + reference server on PostgreSQL', serveOnPostgres)
})
