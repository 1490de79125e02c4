import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from 'pg'
import { createDatabase, loadMigrations, migrate, type Database } from '../../db'
import { openPglite } from '../../db/pglite'

/**
 * A fresh, migrated database per test file. A new PGlite takes ~2 s to initialise and migrate;
 * loading a migrated template takes ~0.6 s, so the first file to run writes the template (one per
 * set of migrations, in the temp dir) and the others start from it.
 *
 * With LINLI_TEST_DATABASE_URL set (a PostgreSQL role that may CREATE DATABASE), each call gets a
 * new database on that server instead, dropped again on close.
 */
export async function freshDatabase(options: { migrated?: boolean } = {}): Promise<Database> {
  const migrated = options.migrated ?? true
  const url = process.env.LINLI_TEST_DATABASE_URL
  if (url) return freshPostgres(url, migrated)
  return migrated ? freshPglite() : openPglite()
}

/** A fresh PGlite from the migrated template, whatever LINLI_TEST_DATABASE_URL says (the PGlite half of `onEveryDatabase`). */
export async function freshPglite(): Promise<Database> {
  return openPglite({ loadDataDir: new Blob([readFileSync(await templatePath())]) })
}

/** The migrated PGlite template (a dump file), written on first use. */
export async function templatePath(): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(loadMigrations())).digest('hex').slice(0, 16)
  const path = join(tmpdir(), `linli-server-test-template-${hash}.tar`)
  if (existsSync(path)) return path
  const db = await openPglite()
  await migrate(db)
  const dump = await db.dump()
  await db.close()
  // Write then rename: a file starting at the same time never reads half a template.
  const partial = `${path}.${process.pid}.partial`
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
  renameSync(partial, path)
  return path
}

async function freshPostgres(url: string, migrated: boolean): Promise<Database> {
  const name = `linli_test_${randomBytes(6).toString('hex')}`
  const admin = new Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const target = new URL(url)
  target.pathname = `/${name}`
  const db = await createDatabase({ databaseUrl: target.toString() })
  if (migrated) await migrate(db)
  const close = db.close.bind(db)
  return {
    ...db,
    kind: db.kind,
    query: db.query.bind(db),
    exec: db.exec.bind(db),
    transaction: db.transaction.bind(db),
    async close() {
      await close()
      const c = new Client({ connectionString: url })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name}`)
      await c.end()
    },
  }
}
