/**
 * `npm run seed`: load the demo community into the configured database (DATABASE_URL, or PGlite in
 * LINLI_DATA_DIR), migrating it first. Does nothing when the community is already there. Stop a
 * server using the same PGlite directory first (the directory is locked to one process).
 */
import { loadConfig, redactUrl } from './config'
import { createDatabase, migrate } from './db'
import { join } from 'node:path'
import { seedDemo } from './demo-seed'

async function main(): Promise<void> {
  const config = loadConfig()
  const db = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const where = config.databaseUrl ? redactUrl(config.databaseUrl) : join(config.dataDir, 'pg')
    const applied = await migrate(db)
    if (applied.length) console.log(`migrated ${where}: ${applied.join(', ')}`)
    const seeded = await seedDemo(db)
    console.log(seeded ? `seeded the demo community 映月社区 into ${where}` : `the demo community is already in ${where}: nothing to do`)
  } finally {
    await db.close()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
