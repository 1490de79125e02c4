/**
 * The reference server for the HTTP half of the contract: on embedded PGlite (http-pglite.test.ts)
 * and on a throw-away PostgreSQL of its own (http-postgres.test.ts), files of their own so that
 * jest runs them side by side.
 */
import { createHttpClient } from '../../../src/api/http/client'
import { fetchTransport } from '../../../src/api/http/fetch-transport'
import { memoryStorage } from '../../../src/platform/storage'
import { startPostgresFor } from '../../../server/test/support/pg'
import type { ContractBackend } from '../suite'
import { startServer } from './server-process'

/**
 * The reference server (server/app.ts: buildApp, createDatabase, migrate, seedDemo) in a child
 * process — see support/serve.ts for why — and HTTP clients pointed at it.
 */
export async function serve(databaseUrl?: string, stopDatabase?: () => Promise<void>): Promise<ContractBackend> {
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
export function serveOnPostgres(): Promise<ContractBackend> {
  return startPostgresFor((pg) => serve(pg.url, pg.stop))
}
