import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from './driver'

const MIGRATIONS_DIR = join(__dirname, 'migrations')
/** Any constant; every Linli process migrating the same database takes this lock first. */
const MIGRATION_LOCK = 7_270_514

export interface Migration {
  version: string
  sql: string
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ version: name.replace(/\.sql$/, ''), sql: readFileSync(join(dir, name), 'utf8') }))
}

/**
 * Apply the migrations not yet applied, in order, in one transaction under an advisory lock, so two
 * servers starting at once against one PostgreSQL never race. Returns the versions applied now.
 */
export async function migrate(db: Database, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version))
    const applied: string[] = []
    for (const migration of migrations) {
      if (done.has(migration.version)) continue
      await tx.exec(migration.sql)
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version])
      applied.push(migration.version)
    }
    return applied
  })
}
