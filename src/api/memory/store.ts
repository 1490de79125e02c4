import type { Repositories, Store } from '../../core/ports'
import type { KeyValueStorage } from '../../platform/storage'
import { mutexFor } from './mutex'
import { bookingRepository } from './repositories/bookings'
import { claimRepository } from './repositories/claims'
import { settingsRepository, writeKeyRepository } from './repositories/consultation-settings'
import { contributionRepository } from './repositories/contributions'
import { conventionRepository } from './repositories/conventions'
import { directoryRepository } from './repositories/directory'
import { disclosureRepository } from './repositories/disclosures'
import { householdTagRepository } from './repositories/household-tags'
import { inviteRepository } from './repositories/invites'
import { jobRepository } from './repositories/jobs'
import { auditRepository, moderationRepository } from './repositories/moderation'
import { messageRepository } from './repositories/messages'
import { noticeRepository } from './repositories/notices'
import { photoRepository } from './repositories/photos'
import { privacyRepository } from './repositories/privacy'
import { proposalRepository } from './repositories/proposals'
import { reportRepository } from './repositories/reports'
import { serviceRepository } from './repositories/services'
import { sessionRepository } from './repositories/sessions'
import { usageRepository } from './repositories/usage'
import { userRepository } from './repositories/users'
import { voteRepository } from './repositories/votes'
import { StoredTables, type Run } from './tables'

/**
 * The memory adapter's Store (src/core/ports.ts): every repository over arrays in memory,
 * persisted to the device's key-value storage, answering exactly as the SQL store does — the same
 * rows, order, filters and tie-breaks (code-point order for ids and instants, as the database's "C"
 * collation), held to it by the repository contract suite (test/repositories).
 *
 * Storage: one key per collection, in chunks of at most `chunkRows` rows (`linli.mem.reports.0`,
 * `.1` …, see PersistedCollection); a small meta key (`linli.mem.meta`) with the schema version and
 * each chunk's revision; a commit stamp (`linli.mem.stamp`). A commit writes only the chunks it
 * changed, then the meta, then the stamp. State of another schema version (the old single
 * `linli.mem.state` document among them) is ignored and removed: the caller seeds afresh.
 *
 * Transactions: one mutex (a promise chain) serialises everything, like PGlite's single
 * connection. Each call on the outer repositories takes it for that call; `transaction(work)` takes
 * it for the whole of `work` and hands `work` repositories that do not take it. So a call on the
 * OUTER repositories inside `work` waits forever (for the mutex `work` holds): inside `work`, use
 * `tx` only. A `work` that throws leaves nothing behind, in memory (the chunks it touched are put
 * back) or in storage (nothing is written before it resolves).
 *
 * Several instances on one storage (two tabs, tests): before each call or transaction an instance
 * compares the stamp with the last one it saw and re-reads the chunks another instance rewrote.
 * Instances over one storage object share its mutex (`mutexFor`), so they serialise with each
 * other too; instances that cannot share one (two browser tabs over localStorage) do not lock each
 * other: two writing at the same moment, the last commit wins.
 *
 * Every answer is a copy: nothing a caller holds is ever an object the store keeps.
 *
 * Here, the composition only: the rows and their conversions are in rows.ts, the collections with
 * their storage and units of work in tables.ts, each repository in repositories/.
 */

/**
 * The layout version of what is stored. Another version is ignored (and removed), and the backend
 * seeds afresh. 4: streets, household claims, invitations; communities with their street and code;
 * people in no community, with a verified home since an instant, a representative mark, deleted.
 * 5: conventions and consultation (settings, write keys, conventions with versions and
 * acknowledgements, proposals with co-signs, minutes, progress and ratings, contributions, votes
 * with their roll, receipts and ballots, disclosures with read marks).
 * 6: service booking (services, household tags, bookings with their history, durable jobs).
 */
export const MEMORY_STORE_SCHEMA = 6
export const DEFAULT_PREFIX = 'linli.mem'
/** Rows per storage key: 200 reports ≈ 120 KB of JSON, far below WeChat's 1 MB per key. */
export const DEFAULT_CHUNK_ROWS = 200

export interface MemoryStoreOptions {
  storage: KeyValueStorage
  /** The keys' prefix (default `linli.mem`). */
  prefix?: string
  /** Rows per storage key (default 200). */
  chunkRows?: number
}

export type MemoryStore = Store & {
  /** Re-read everything from storage (as a restarted app would). Between calls, not inside a transaction. */
  reload(): void
}

// ── the store ────────────────────────────────────────────────────────────────────────────────

export function createMemoryStore(options: MemoryStoreOptions): MemoryStore {
  const db = new StoredTables({
    storage: options.storage,
    prefix: options.prefix ?? DEFAULT_PREFIX,
    chunkRows: options.chunkRows ?? DEFAULT_CHUNK_ROWS,
    schema: MEMORY_STORE_SCHEMA,
  })
  // One mutex per storage, shared by every store over it (two app instances on one device storage).
  const mutex = mutexFor(options.storage)
  const outer = repositories(db, (call) => mutex.run(() => db.unit(async () => call())))
  return {
    ...outer,
    transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
      return mutex.run(() =>
        db.unit(async () => {
          let open = true
          const tx = repositories(db, (call) => {
            if (!open) return Promise.reject(new Error('memory store: this transaction has ended'))
            try {
              return Promise.resolve(call())
            } catch (error) {
              return Promise.reject(error)
            }
          })
          try {
            return await work(tx)
          } finally {
            open = false
          }
        }),
      )
    },
    reload: () => db.reloadAll(),
  }
}

/** Every repository over the tables, each call run by `run`. */
function repositories(db: StoredTables, run: Run): Repositories {
  const t = db.t
  return {
    directory: directoryRepository(t, run),
    users: userRepository(t, run),
    sessions: sessionRepository(t, run),
    photos: photoRepository(t, run),
    reports: reportRepository(t, run),
    messages: messageRepository(t, run),
    notices: noticeRepository(t, run),
    claims: claimRepository(t, run),
    invites: inviteRepository(t, run),
    privacy: privacyRepository(t, run),
    settings: settingsRepository(t, run),
    writeKeys: writeKeyRepository(t, run),
    conventions: conventionRepository(t, run),
    proposals: proposalRepository(t, run),
    contributions: contributionRepository(t, run),
    votes: voteRepository(t, run),
    disclosures: disclosureRepository(t, run),
    services: serviceRepository(t, run),
    householdTags: householdTagRepository(t, run),
    bookings: bookingRepository(t, run),
    jobs: jobRepository(t, run),
    moderation: moderationRepository(t, run),
    audit: auditRepository(t, run),
    usage: usageRepository(t, run),
  }
}
