/**
 * The SQL store under the repository contract: on embedded PGlite (a fresh, migrated database per
 * store, loaded from the server tests' template) and on PostgreSQL (one throw-away cluster per test
 * file; a new database per store, copied from a migrated template database). The two halves are
 * files of their own (sql-pglite.test.ts, sql-postgres.test.ts), so jest runs them side by side.
 */
import { randomBytes } from 'node:crypto'
import { Client } from 'pg'
import { createDatabase, migrate, type Database } from '../../server/db'
import { createSqlStore } from '../../server/repositories'
import { freshPglite } from '../../server/test/support/database'
import { startPostgresFor, type TestPostgres } from '../../server/test/support/pg'
import type { ModerationStoreUnderTest } from './moderation-suite'
import type { StoreUnderTest } from './suite'

export function sqlStore(db: Database, drop?: () => Promise<void>): StoreUnderTest & Required<Pick<ModerationStoreUnderTest, 'sql'>> {
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

/** A store on a fresh PGlite from the migrated template (whatever LINLI_TEST_DATABASE_URL says). */
export async function pgliteStore(): Promise<ReturnType<typeof sqlStore>> {
  return sqlStore(await freshPglite())
}

/** One cluster per test file, with a migrated template database each store's database is copied from. */
let cluster: Promise<{ pg: TestPostgres; template: string }> | null = null

function postgresCluster(): Promise<{ pg: TestPostgres; template: string }> {
  cluster ??= startPostgresFor(async (pg) => {
    const template = 'linli_repo_template'
    await admin(pg.url, `CREATE DATABASE ${template}`)
    const db = await createDatabase({ databaseUrl: urlOf(pg.url, template) })
    await migrate(db)
    await db.close()
    return { pg, template }
  })
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

export async function postgresStore(): Promise<ReturnType<typeof sqlStore>> {
  const { pg, template } = await postgresCluster()
  const name = `linli_repo_${randomBytes(6).toString('hex')}`
  await admin(pg.url, `CREATE DATABASE ${name} TEMPLATE ${template}`)
  const db = await createDatabase({ databaseUrl: urlOf(pg.url, name) })
  return sqlStore(db, () => admin(pg.url, `DROP DATABASE IF EXISTS ${name}`))
}

/** Stops this file's cluster, if one was started. */
export async function stopPostgresCluster(): Promise<void> {
  if (cluster) await (await cluster.catch(() => null))?.pg.stop()
}
