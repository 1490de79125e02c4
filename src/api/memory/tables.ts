import type { Report, TimelineEvent } from '../../../types/domain'
import type { IdempotencyRecord, SessionRecord, StoredNotice } from '../../core/ports'
import type { KeyValueStorage } from '../../platform/storage'
import { PersistedCollection } from './persisted-collection'
import {
  pair,
  tuple,
  type AcknowledgementRow,
  type BallotRow,
  type BookingRow,
  type HouseholdTagRow,
  type JobRow,
  type ServiceRow,
  type ConsultationSettingsRow,
  type ContributionRow,
  type ConventionRow,
  type ConventionVersionRow,
  type CosignRow,
  type DisclosureReadRow,
  type DisclosureRow,
  type MinutesRow,
  type ProgressRow,
  type ProposalTableRow,
  type RatingRow,
  type ReceiptRow,
  type RollRow,
  type VoteRow,
  type WriteKeyRow,
  type ModerationItemRow,
  type AuditRow,
  type BuildingRow,
  type CategoryRow,
  type ClaimRow,
  type CommunityRow,
  type DepartmentRow,
  type GridRow,
  type InviteRow,
  type CounterRow,
  type MeTooRow,
  type MessageRow,
  type NoticeReadRow,
  type PhotoCheckRow,
  type PhotoRow,
  type StreetRow,
  type TemplateRow,
  type ThreadReadRow,
  type UserRow,
} from './rows'

/**
 * The memory store's tables and the machinery under them: every collection with its storage keys,
 * loading and refreshing from storage, and the units of work that write a commit's chunks, then the
 * meta, then the stamp (the layout and the rules: store.ts). The repositories
 * (./repositories/) read and write `StoredTables.t` inside a `Run`.
 */

/** A foreign key: the row `id` must exist in `rows` (the SQL store's REFERENCES fail the statement otherwise). */
export function mustExist(rows: { has(key: string): boolean; readonly name: string }, id: string | undefined | null): void {
  if (id !== undefined && id !== null && !rows.has(id)) throw new Error(`memory store: no ${rows.name} row ${id}`)
}

/** Every collection of the store, by name (the name is part of its storage keys). */
function collections(chunkRows: number) {
  const byId = <Row extends { id: string }>(name: string) => new PersistedCollection<Row>(name, (r) => r.id, chunkRows)
  return {
    streets: byId<StreetRow>('streets'),
    communities: byId<CommunityRow>('communities'),
    grids: byId<GridRow>('grids'),
    buildings: byId<BuildingRow>('buildings'),
    departments: byId<DepartmentRow>('departments'),
    categories: byId<CategoryRow>('categories'),
    replyTemplates: byId<TemplateRow>('replyTemplates'),
    users: byId<UserRow>('users'),
    sessions: new PersistedCollection<SessionRecord>('sessions', (s) => s.tokenHash, chunkRows),
    photos: byId<PhotoRow>('photos'),
    // A new collection, empty in state kept before it (no schema change: a photo without a check passed).
    photoChecks: byId<PhotoCheckRow>('photoChecks'),
    reports: byId<Report>('reports'),
    events: byId<TimelineEvent>('events'),
    idempotency: new PersistedCollection<IdempotencyRecord>('idempotency', (k) => pair(k.userId, k.key), chunkRows),
    meToo: new PersistedCollection<MeTooRow>('meToo', (m) => pair(m.reportId, m.userId), chunkRows),
    messages: byId<MessageRow>('messages'),
    threadReads: new PersistedCollection<ThreadReadRow>('threadReads', (r) => pair(r.userId, r.threadId), chunkRows),
    notices: byId<StoredNotice>('notices'),
    noticeReads: new PersistedCollection<NoticeReadRow>('noticeReads', (r) => pair(r.noticeId, r.userId), chunkRows),
    counters: new PersistedCollection<CounterRow>('counters', (c) => c.name, chunkRows),
    claims: byId<ClaimRow>('claims'),
    invites: byId<InviteRow>('invites'),
    // Conventions and consultation (issue 11); "one per household" rows are keyed by the household.
    consultationSettings: new PersistedCollection<ConsultationSettingsRow>('consultationSettings', (s) => s.communityId, chunkRows),
    writeKeys: new PersistedCollection<WriteKeyRow>('writeKeys', (k) => tuple(k.userId, k.kind, k.key), chunkRows),
    conventions: byId<ConventionRow>('conventions'),
    conventionVersions: new PersistedCollection<ConventionVersionRow>('conventionVersions', (v) => tuple(v.conventionId, v.version), chunkRows),
    acknowledgements: new PersistedCollection<AcknowledgementRow>('acknowledgements', (a) => tuple(a.conventionId, a.version, a.buildingId, a.room), chunkRows),
    proposals: byId<ProposalTableRow>('proposals'),
    cosigns: new PersistedCollection<CosignRow>('cosigns', (c) => tuple(c.proposalId, c.buildingId, c.room), chunkRows),
    minutes: byId<MinutesRow>('minutes'),
    progress: byId<ProgressRow>('progress'),
    ratings: new PersistedCollection<RatingRow>('ratings', (r) => tuple(r.proposalId, r.buildingId, r.room), chunkRows),
    contributions: byId<ContributionRow>('contributions'),
    votes: byId<VoteRow>('votes'),
    voteRoll: new PersistedCollection<RollRow>('voteRoll', (r) => tuple(r.voteId, r.buildingId, r.room), chunkRows),
    receipts: new PersistedCollection<ReceiptRow>('receipts', (r) => tuple(r.voteId, r.buildingId, r.room), chunkRows),
    ballots: byId<BallotRow>('ballots'),
    disclosures: byId<DisclosureRow>('disclosures'),
    disclosureReads: new PersistedCollection<DisclosureReadRow>('disclosureReads', (r) => pair(r.disclosureId, r.userId), chunkRows),
    // Service booking (issue 12): a household's tags are one row keyed by the household.
    services: byId<ServiceRow>('services'),
    householdTags: new PersistedCollection<HouseholdTagRow>('householdTags', (h) => tuple(h.communityId, h.buildingId, h.room), chunkRows),
    bookings: byId<BookingRow>('bookings'),
    jobs: byId<JobRow>('jobs'),
    // Content security (issue 13): the moderation queue; the audit log (only ever inserted into).
    moderation: byId<ModerationItemRow>('moderation'),
    audit: byId<AuditRow>('audit'),
  }
}

export type Tables = ReturnType<typeof collections>

/** Where and how the tables are kept (createMemoryStore resolves the defaults, store.ts). */
export interface TablesOptions {
  storage: KeyValueStorage
  /** The keys' prefix. */
  prefix: string
  /** Rows per storage key. */
  chunkRows: number
  /** The layout version written to the meta key: state of another version is ignored and removed. */
  schema: number
}

interface Meta {
  schema: number
  /** Collection name → the revision (commit stamp) of each of its chunks. */
  chunks: Record<string, string[]>
}

/** The collections with their storage: loading, refreshing from another instance, units of work. */
export class StoredTables {
  readonly t: Tables
  private readonly storage: KeyValueStorage
  private readonly prefix: string
  private readonly schema: number
  private readonly list: Array<PersistedCollection<unknown>>
  /** The last commit stamp this instance wrote or read (null: nothing stored yet). */
  private stamp: string | null = null
  private inUnit = false
  /** `reload()` was asked for inside a unit of work: done at the start of the next one. */
  private reloadPending = false
  private commits = 0
  private readonly instance = Math.random().toString(36).slice(2, 8)

  constructor(options: TablesOptions) {
    this.storage = options.storage
    this.prefix = options.prefix
    this.schema = options.schema
    this.t = collections(options.chunkRows)
    this.list = Object.values(this.t) as Array<PersistedCollection<unknown>>
    this.reloadAll()
  }

  private get metaKey(): string {
    return `${this.prefix}.meta`
  }

  private get stampKey(): string {
    return `${this.prefix}.stamp`
  }

  /** Read everything from storage; state of another schema is removed and the store starts empty. */
  reloadAll(): void {
    if (this.inUnit) {
      this.reloadPending = true
      return
    }
    this.reloadPending = false
    for (const c of this.list) c.clear()
    this.refresh()
  }

  /** Catch up with the commits of other instances on the same storage. */
  private sync(): void {
    if (this.reloadPending) this.reloadAll()
    else if (this.storage.get(this.stampKey) !== this.stamp) this.refresh()
  }

  private refresh(): void {
    this.stamp = this.storage.get(this.stampKey)
    const meta = readMeta(this.storage.get(this.metaKey))
    if (!meta || meta.schema !== this.schema) {
      this.discardForeign(meta)
      for (const c of this.list) c.clear()
      return
    }
    for (const c of this.list) c.refresh(this.storage, this.prefix, meta.chunks[c.name] ?? [])
  }

  /** Remove what another layout left: the old single document, and the chunks a foreign meta names. */
  private discardForeign(meta: Meta | null): void {
    this.storage.remove(`${this.prefix}.state`)
    if (!meta) return
    for (const [name, revisions] of Object.entries(meta.chunks ?? {})) {
      if (!Array.isArray(revisions)) continue
      revisions.forEach((_, index) => this.storage.remove(`${this.prefix}.${name}.${index}`))
    }
    this.storage.remove(this.metaKey)
    this.storage.remove(this.stampKey)
    this.stamp = null
  }

  /** Run `work` as one unit: its writes reach storage when it resolves, and vanish when it throws. */
  async unit<T>(work: () => Promise<T>): Promise<T> {
    this.sync()
    this.inUnit = true
    for (const c of this.list) c.begin()
    try {
      const result = await work()
      this.flush()
      return result
    } catch (error) {
      for (const c of this.list) c.rollback()
      throw error
    } finally {
      this.inUnit = false
    }
  }

  /** Write the touched chunks, then the meta, then the stamp; on a failed write, undo what was written. */
  private flush(): void {
    const dirty = this.list.filter((c) => c.dirtyChunks().length > 0)
    if (dirty.length === 0) {
      for (const c of this.list) c.commit('')
      return
    }
    this.commits += 1
    const stamp = `${Date.now().toString(36)}.${this.instance}.${this.commits}`
    const written: Array<{ c: PersistedCollection<unknown>; index: number }> = []
    try {
      for (const c of dirty) {
        for (const index of c.dirtyChunks()) {
          this.storage.set(c.chunkKey(this.prefix, index), c.serializeChunk(index))
          written.push({ c, index })
        }
      }
      const meta: Meta = { schema: this.schema, chunks: {} }
      for (const c of this.list) {
        const revisions = c.chunkRevisions()
        for (const index of c.dirtyChunks()) revisions[index] = stamp
        if (revisions.length) meta.chunks[c.name] = revisions
      }
      this.storage.set(this.metaKey, JSON.stringify(meta))
      this.storage.set(this.stampKey, stamp)
    } catch (error) {
      // Best effort: put back the chunks already rewritten (storage full is the likely cause).
      for (const { c, index } of written) {
        const before = c.savedChunk(index)
        try {
          if (before) this.storage.set(c.chunkKey(this.prefix, index), JSON.stringify(before))
          else this.storage.remove(c.chunkKey(this.prefix, index))
        } catch {
          // nothing more to do
        }
      }
      throw error
    }
    for (const c of this.list) c.commit(stamp)
    this.stamp = stamp
  }
}

function readMeta(raw: string | null): Meta | null {
  if (raw === null) return null
  try {
    const meta = JSON.parse(raw) as Meta
    return meta && typeof meta === 'object' ? meta : null
  } catch {
    return null
  }
}

/** How a repository call runs: on the outer repositories, in a unit of its own under the mutex. */
export type Run = <T>(call: () => T) => Promise<T>
