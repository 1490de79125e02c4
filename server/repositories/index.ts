import type { Repositories, Store } from '../../src/core/ports'
import type { Database, Queryable } from '../db/driver'
import { bookingRepository } from './bookings'
import { claimRepository } from './claims'
import { settingsRepository } from './consultation-settings'
import { contributionRepository } from './contributions'
import { conventionRepository } from './conventions'
import { directoryRepository } from './directory'
import { disclosureRepository } from './disclosures'
import { householdTagRepository } from './household-tags'
import { inviteRepository } from './invites'
import { jobRepository } from './jobs'
import { messageRepository } from './messages'
import { auditRepository, moderationRepository } from './moderation'
import { noticeRepository } from './notices'
import { photoRepository } from './photos'
import { privacyRepository } from './privacy'
import { proposalRepository } from './proposals'
import { reportRepository } from './reports'
import { serviceRepository } from './services'
import { usageRepository } from './usage'
import { sessionRepository, userRepository } from './users'
import { voteRepository } from './votes'
import { writeKeyRepository } from './write-keys'

/** Every repository of core/ports.ts over one connection or transaction. */
export function sqlRepositories(q: Queryable): Repositories {
  return {
    directory: directoryRepository(q),
    users: userRepository(q),
    sessions: sessionRepository(q),
    photos: photoRepository(q),
    reports: reportRepository(q),
    messages: messageRepository(q),
    notices: noticeRepository(q),
    claims: claimRepository(q),
    invites: inviteRepository(q),
    privacy: privacyRepository(q),
    settings: settingsRepository(q),
    writeKeys: writeKeyRepository(q),
    conventions: conventionRepository(q),
    proposals: proposalRepository(q),
    contributions: contributionRepository(q),
    votes: voteRepository(q),
    disclosures: disclosureRepository(q),
    services: serviceRepository(q),
    householdTags: householdTagRepository(q),
    bookings: bookingRepository(q),
    jobs: jobRepository(q),
    moderation: moderationRepository(q),
    audit: auditRepository(q),
    usage: usageRepository(q),
  }
}

/**
 * The core's store on SQL (PGlite or PostgreSQL): the repositories over the database, and
 * transactions over one of its connections (READ COMMITTED, with FOR UPDATE, ON CONFLICT and
 * conditional UPDATE where a port promises atomicity).
 */
export function createSqlStore(db: Database): Store {
  return {
    ...sqlRepositories(db),
    transaction: (work) => db.transaction((tx) => work(sqlRepositories(tx))),
  }
}
