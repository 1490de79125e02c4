/**
 * The contract suite against the HTTP adapter talking, over real sockets, to the reference server:
 * once on embedded PGlite and once on PostgreSQL (15 on Debian). PostgreSQL is required in CI
 * (CI=true): without it that block fails; elsewhere it is skipped.
 */
import { createHttpClient } from '../../src/api/http/client'
import { fetchTransport } from '../../src/api/http/fetch-transport'
import { memoryStorage } from '../../src/platform/storage'
import { findPostgresBin, startPostgres } from '../../server/test/support/pg'
import { defineBookingSuite } from './booking-suite'
import { defineConsultationSuite } from './consultation-suite'
import { defineMaskingSuite } from './masking-suite'
import { defineModerationSuite } from './moderation-suite'
import { startServer } from './support/server-process'
import { defineContractSuite, type ContractBackend } from './suite'
import { defineReportSuite } from './report-suite'
import { linliReportBackend } from './support/linli-report-backend'

// The adapter's default transport imports Taro; these clients get fetchTransport instead.
jest.mock('@tarojs/taro', () => require('../support/taro-node'))

// Starting the server (tsx, PGlite ≈ 2–3 s, migrations) takes longer than jest's 5 s default on a busy machine.
jest.setTimeout(60_000)

/**
 * The reference server (server/app.ts: buildApp, createDatabase, migrate, seedDemo) in a child
 * process — see support/serve.ts for why — and HTTP clients pointed at it.
 */
async function serve(databaseUrl?: string, stopDatabase?: () => Promise<void>): Promise<ContractBackend> {
  const server = await startServer({ databaseUrl })
  expect(server.db).toBe(databaseUrl ? 'postgres' : 'pglite')
  const transport = fetchTransport()
  return {
    client: () => createHttpClient({ baseUrl: server.baseUrl, storage: memoryStorage(), transport, timeoutMs: 10_000 }),
    teardown: async () => {
      await server.stop()
      await stopDatabase?.()
    },
  }
}

/** The reference server on a throw-away PostgreSQL of its own. */
async function serveOnPostgres(): Promise<ContractBackend> {
  const pg = await startPostgres()
  if (!pg) throw new Error('PostgreSQL binaries are installed but cannot be run here (as root, a `postgres` user is needed)')
  try {
    return await serve(pg.url, pg.stop)
  } catch (error) {
    await pg.stop()
    throw error
  }
}

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

const inCi = process.env.CI === 'true'
if (findPostgresBin()) {
  defineContractSuite('HTTP adapter + reference server on PostgreSQL', serveOnPostgres)
  defineConsultationSuite('HTTP adapter + reference server on PostgreSQL', serveOnPostgres)
  defineBookingSuite('HTTP adapter + reference server on PostgreSQL', serveOnPostgres)
  defineModerationSuite('HTTP adapter + reference server on PostgreSQL', serveOnPostgres)
  defineMaskingSuite('HTTP adapter + reference server on PostgreSQL', serveOnPostgres)
} else if (inCi) {
  describe('the ApiClient contract: HTTP adapter + reference server on PostgreSQL', () => {
    it('needs PostgreSQL in CI', () => {
      throw new Error('PostgreSQL binaries not found (/usr/lib/postgresql/<major>/bin or $LINLI_PG_BIN): run scripts/ensure-postgres.sh')
    })
  })
} else {
  console.warn('PostgreSQL is not installed: the contract suite runs on PGlite only (scripts/ensure-postgres.sh installs it; CI requires it).')
  describe.skip('the ApiClient contract: HTTP adapter + reference server on PostgreSQL (PostgreSQL not installed)', () => {
    it('runs where PostgreSQL is installed', () => undefined)
  })
}
