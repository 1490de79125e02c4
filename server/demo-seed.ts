import { seedDemo as seedStore } from '../src/core/seed'
import type { Database } from './db/driver'
import { createSqlStore } from './repositories'
import { serverRuntime } from './runtime'

/**
 * Load the demo community (映月社区) into a database through the core's seed: its structure, then
 * its stories replayed through the services, with times relative to `now`. Does nothing when the
 * community exists; answers whether it seeded.
 */
export function seedDemo(db: Database, now: Date = new Date()): Promise<boolean> {
  return seedStore(createSqlStore(db), serverRuntime(() => now), now)
}
