/**
 * The repository contract on the SQL store (server/repositories): on embedded PGlite (a fresh,
 * migrated database per store, loaded from the server tests' template) and on PostgreSQL (a
 * throw-away cluster; a new database per store, copied from a migrated template database).
 * PostgreSQL is required in CI (CI=true): without it that block fails; elsewhere it is skipped.
 */
import { randomBytes } from 'node:crypto'
import { Client } from 'pg'
import { createDatabase, migrate, type Database } from '../../server/db'
import { createSqlStore } from '../../server/repositories'
import { freshDatabase } from '../../server/test/support/database'
import { findPostgresBin, startPostgres, type TestPostgres } from '../../server/test/support/pg'
import { defineBookingSuite } from './booking-suite'
import { defineConsultationSuite } from './consultation-suite'
import { defineModerationSuite, type ModerationStoreUnderTest } from './moderation-suite'
import { defineRepositorySuite, type StoreUnderTest } from './suite'
import { defineUsageSuite } from './usage-suite'

// A fresh PGlite (≈ 0.6 s from the template) or PostgreSQL database per store, on a busy machine.
jest.setTimeout(60_000)

function sqlStore(db: Database, drop?: () => Promise<void>): StoreUnderTest & Required<Pick<ModerationStoreUnderTest, 'sql'>> {
  return {
    store: createSqlStore(db),
    // Statements the code never runs (the audit log's guard is the database's own).
    sql: (text, params) => db.query(text, params),
    teardown: async () => {
      await db.close()
      await drop?.()
    },
  }
}

// freshDatabase() would follow LINLI_TEST_DATABASE_URL to PostgreSQL: this block is PGlite's.
const pgliteOnly = async () => {
  const url = process.env.LINLI_TEST_DATABASE_URL
  delete process.env.LINLI_TEST_DATABASE_URL
  try {
    return await freshDatabase()
  } finally {
    if (url !== undefined) process.env.LINLI_TEST_DATABASE_URL = url
  }
}

defineRepositorySuite('SQL store on PGlite', async () => sqlStore(await pgliteOnly()))
defineConsultationSuite('SQL store on PGlite', async () => sqlStore(await pgliteOnly()))
defineBookingSuite('SQL store on PGlite', async () => sqlStore(await pgliteOnly()))
defineModerationSuite('SQL store on PGlite', async () => sqlStore(await pgliteOnly()), { sql: true })
defineUsageSuite('SQL store on PGlite', async () => sqlStore(await pgliteOnly()))

/** One cluster for this file, with a migrated template database each store's database is copied from. */
let cluster: Promise<{ pg: TestPostgres; template: string }> | null = null

function postgresCluster(): Promise<{ pg: TestPostgres; template: string }> {
  cluster ??= (async () => {
    const pg = await startPostgres()
    if (!pg) throw new Error('PostgreSQL binaries are installed but cannot be run here (as root, a `postgres` user is needed)')
    const template = 'linli_repo_template'
    await admin(pg.url, `CREATE DATABASE ${template}`)
    const db = await createDatabase({ databaseUrl: urlOf(pg.url, template) })
    await migrate(db)
    await db.close()
    return { pg, template }
  })()
  return cluster
}

function urlOf(url: string, database: string): string {
  const target = new URL(url)
  target.pathname = `/${database}`
  return target.toString()
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function postgresStore(): Promise<ReturnType<typeof sqlStore>> {
  const { pg, template } = await postgresCluster()
  const name = `linli_repo_${randomBytes(6).toString('hex')}`
  await admin(pg.url, `CREATE DATABASE ${name} TEMPLATE ${template}`)
  const db = await createDatabase({ databaseUrl: urlOf(pg.url, name) })
  return sqlStore(db, () => admin(pg.url, `DROP DATABASE IF EXISTS ${name}`))
}

afterAll(async () => {
  if (cluster) await (await cluster.catch(() => null))?.pg.stop()
})

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
