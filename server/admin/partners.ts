import { createCore } from '../../src/core/core'
import { Open311Service, type IssuedKey } from '../../src/core/services/open311'
import type { Database } from '../db'
import { createSqlStore } from '../repositories'
import { open311Repository } from '../repositories/open311'
import { serverRuntime } from '../runtime'

/**
 * The Open311 partner keys as the admin's commands (and tests) reach them (ADR 27): the core's
 * `Open311Service` over the database.
 */
export function partnerService(db: Database, now: () => Date = () => new Date()): Open311Service {
  const store = createSqlStore(db)
  const runtime = serverRuntime(now)
  return new Open311Service(store, open311Repository(db), runtime, createCore(store, runtime).reports)
}

/** A new key for a partner system of the community with this code (社区码): its id and the key (shown once; only its hash is kept). */
export async function issuePartnerKey(db: Database, communityCode: string, name: string, now?: () => Date): Promise<IssuedKey> {
  return partnerService(db, now).issueKey(communityCode, name)
}
