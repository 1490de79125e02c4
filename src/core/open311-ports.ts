import type { Id, ReportStatus } from '../../types/domain'
import type { ServedReport } from '../domain/open311/serve'

/**
 * The port of the server's Open311 GeoReport v2 endpoint (issue 14, ADR 27): partner systems and
 * their keys, and the community's reports as GeoReport may show them. Not one of `Repositories`:
 * only the server speaks GeoReport (the app's memory backend has no partners), so the server
 * hands it to `Open311Service` beside the store.
 */

/** A partner system (a district's city service-request system), scoped to one community. */
export interface PartnerRecord {
  id: Id
  communityId: Id
  name: string
  /** Its system user: the reporter of what it files (no roles, no phone, no home). */
  userId: Id
  createdAt: string
  revokedAt?: string
}

/** A partner with what its answers name of its community. */
export interface PartnerScope extends PartnerRecord {
  communityName: string
  /** The community's code (社区码): a `jurisdiction_id` may name it, or the community's id. */
  joinCode: string
}

export interface ServedFilter {
  communityId: Id
  /** Report numbers: when given, the other filters do not apply (the spec). */
  numbers: readonly string[] | null
  categoryIds: readonly Id[]
  statuses: readonly ReportStatus[] | null
  /** Filed within [from, to] (ISO). */
  from: string
  to: string
  limit: number
}

export interface Open311Repository {
  /** Store a partner and its system user (one transaction); `keyHash` is the key's sha256. */
  insertPartner(partner: PartnerRecord, keyHash: string): Promise<void>
  /** The partner holding this key hash, revoked or not, with its community's name and code. */
  findPartnerByKeyHash(keyHash: string): Promise<PartnerScope | null>
  /** A community's partners, oldest first. */
  listPartners(communityId: Id): Promise<PartnerRecord[]>
  /** Revoke a partner's key at `at` (once: a revoked one keeps its time); null when unknown. */
  revokePartner(id: Id, at: string): Promise<PartnerRecord | null>
  /**
   * A community's reports as GeoReport shows them, newest first (created_at, id), at most `limit`:
   * by number when `numbers` is given, else filed in the window, of the categories and statuses
   * named (all when empty / null). One statement, whatever the number of reports.
   */
  listServed(filter: ServedFilter): Promise<ServedReport[]>
}
