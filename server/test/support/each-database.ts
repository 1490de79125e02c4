import type { CommunitySetup } from '../../../src/core/ports'
import { buildApp, createDatabase, migrate, type Database } from '../../app'
import { createSqlStore } from '../../repositories'
import { freshDatabase, freshPglite } from './database'
import { findPostgresBin, startPostgres, type TestPostgres } from './pg'
import type { Headers, World } from './world'

/** A migrated database for one `describe`, and what stops it (a throw-away PostgreSQL's server). */
export type OpenDatabase = () => Promise<{ db: Database; stop?: () => Promise<void> } | null>

/**
 * Define a block once on PGlite and once on PostgreSQL (LINLI_TEST_DATABASE_URL's server, or a
 * throw-away one). `open` answers null where PostgreSQL is installed but cannot run outside CI
 * (the block's tests then return early); in CI a missing PostgreSQL fails.
 */
export function onEveryDatabase(title: string, define: (name: 'PGlite' | 'PostgreSQL', open: OpenDatabase) => void): void {
  define('PGlite', async () => ({ db: await freshPglite() }))
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

/** A server over one database holding `community`, generous rate limits, and demo sign-in: for races of many people at once. */
export interface RaceWorld {
  inject: World['inject']
  as(userId: string): Promise<Headers>
  close(): Promise<void>
}

const GENEROUS = { max: 100_000, timeWindowMs: 60_000 }

export async function raceWorld(db: Database, community: CommunitySetup, stop?: () => Promise<void>): Promise<RaceWorld> {
  await createSqlStore(db).directory.createCommunity(community, new Date().toISOString())
  const app = buildApp({ db, demo: true, rateLimits: { submit: GENEROUS, signIn: GENEROUS } })
  await app.ready()
  return {
    inject: (o) => app.inject(o),
    async as(userId) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId } })
      if (response.statusCode !== 200) throw new Error(`sign-in as ${userId}: ${response.statusCode} ${response.body}`)
      return { authorization: `Bearer ${response.json().token}` }
    },
    async close() {
      await app.close()
      await db.close()
      await stop?.()
    },
  }
}
