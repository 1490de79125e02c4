import type {
  Building,
  Category,
  Community,
  DemoAccount,
  Department,
  Grid,
  Id,
  Message,
  Notice,
  Report,
  Role,
  TimelineEvent,
  User,
} from '../../../types/domain'
import type {
  CommunitySetup,
  DashboardSpan,
  DirectoryRepository,
  Household,
  IdempotencyRecord,
  InboxFilter,
  Keyset,
  MessageRepository,
  NewMessage,
  NoticeKeyset,
  NoticeRepository,
  NoticeViewer,
  PhotoRecord,
  PhotoRepository,
  ReplyTemplate,
  ReportOwner,
  ReportRepository,
  Repositories,
  SessionRecord,
  SessionRepository,
  Store,
  StoredNotice,
  SummaryRow,
  ThreadRow,
  ThreadSubject,
  ThreadViewer,
  UserRepository,
} from '../../core/ports'
import type { Actor } from '../../domain/actor'
import { compareCodePoints as compareText, compareInbox } from '../../domain/inbox'
import { isOverdue } from '../../domain/deadline'
import { canSeeNotice, isExpired } from '../../domain/notices'
import { isTerminal } from '../../domain/report-status'
import { maskPhone } from '../../domain/text'
import type { KeyValueStorage } from '../../platform/storage'
import { mutexFor } from './mutex'
import { PersistedCollection } from './persisted-collection'

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
 */

/** The layout version of what is stored. Another version is ignored (and removed). */
export const MEMORY_STORE_SCHEMA = 3
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

// ── rows as kept ─────────────────────────────────────────────────────────────────────────────

interface CommunityRow extends Community {
  reportPrefix: string
  reportSeq: number
  createdAt: string
}
type CategoryRow = Category & { communityId: Id }
type TemplateRow = ReplyTemplate & { communityId: Id }
interface UserRow {
  id: Id
  communityId: Id
  name: string
  phone: string
  roles: Role[]
  home?: Household
  gridIds: Id[]
  leadsBuildingIds: Id[]
  description: string
  demo: boolean
  openid?: string
  createdAt: string
}
type PhotoRow = PhotoRecord & { createdAt: string }
interface MeTooRow {
  reportId: Id
  userId: Id
  at: string
}
type MessageRow = NewMessage & { seq: number }
interface ThreadReadRow {
  userId: Id
  threadId: Id
  lastSeq: number
  readAt: string
}
interface NoticeReadRow {
  noticeId: Id
  userId: Id
  at: string
}
interface CounterRow {
  name: string
  value: number
}

const pair = (a: string, b: string) => `${a}\u0000${b}`

/** A foreign key: the row `id` must exist in `rows` (the SQL store's REFERENCES fail the statement otherwise). */
function mustExist(rows: { has(key: string): boolean; readonly name: string }, id: string | undefined | null): void {
  if (id !== undefined && id !== null && !rows.has(id)) throw new Error(`memory store: no ${rows.name} row ${id}`)
}

/** Every collection of the store, by name (the name is part of its storage keys). */
function collections(chunkRows: number) {
  const byId = <Row extends { id: string }>(name: string) => new PersistedCollection<Row>(name, (r) => r.id, chunkRows)
  return {
    communities: byId<CommunityRow>('communities'),
    grids: byId<Grid>('grids'),
    buildings: byId<Building>('buildings'),
    departments: byId<Department>('departments'),
    categories: byId<CategoryRow>('categories'),
    replyTemplates: byId<TemplateRow>('replyTemplates'),
    users: byId<UserRow>('users'),
    sessions: new PersistedCollection<SessionRecord>('sessions', (s) => s.tokenHash, chunkRows),
    photos: byId<PhotoRow>('photos'),
    reports: byId<Report>('reports'),
    events: byId<TimelineEvent>('events'),
    idempotency: new PersistedCollection<IdempotencyRecord>('idempotency', (k) => pair(k.userId, k.key), chunkRows),
    meToo: new PersistedCollection<MeTooRow>('meToo', (m) => pair(m.reportId, m.userId), chunkRows),
    messages: byId<MessageRow>('messages'),
    threadReads: new PersistedCollection<ThreadReadRow>('threadReads', (r) => pair(r.userId, r.threadId), chunkRows),
    notices: byId<StoredNotice>('notices'),
    noticeReads: new PersistedCollection<NoticeReadRow>('noticeReads', (r) => pair(r.noticeId, r.userId), chunkRows),
    counters: new PersistedCollection<CounterRow>('counters', (c) => c.name, chunkRows),
  }
}

type Tables = ReturnType<typeof collections>

interface Meta {
  schema: number
  /** Collection name → the revision (commit stamp) of each of its chunks. */
  chunks: Record<string, string[]>
}

// ── the store ────────────────────────────────────────────────────────────────────────────────

export function createMemoryStore(options: MemoryStoreOptions): MemoryStore {
  const db = new StoredTables(options)
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

/** The collections with their storage: loading, refreshing from another instance, units of work. */
class StoredTables {
  readonly t: Tables
  private readonly storage: KeyValueStorage
  private readonly prefix: string
  private readonly list: Array<PersistedCollection<unknown>>
  /** The last commit stamp this instance wrote or read (null: nothing stored yet). */
  private stamp: string | null = null
  private inUnit = false
  /** `reload()` was asked for inside a unit of work: done at the start of the next one. */
  private reloadPending = false
  private commits = 0
  private readonly instance = Math.random().toString(36).slice(2, 8)

  constructor(options: MemoryStoreOptions) {
    this.storage = options.storage
    this.prefix = options.prefix ?? DEFAULT_PREFIX
    this.t = collections(options.chunkRows ?? DEFAULT_CHUNK_ROWS)
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
    if (!meta || meta.schema !== MEMORY_STORE_SCHEMA) {
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
      const meta: Meta = { schema: MEMORY_STORE_SCHEMA, chunks: {} }
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

// ── the repositories ─────────────────────────────────────────────────────────────────────────

/** How a repository call runs: on the outer repositories, in a unit of its own under the mutex. */
type Run = <T>(call: () => T) => Promise<T>

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
  }
}

/** A deep copy of a JSON row (rows hold only JSON values; `undefined` fields vanish, as in SQL). */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** An object without its `undefined` fields (optional fields are absent, as the SQL rows answer). */
function defined<T extends object>(value: T): T {
  const out = {} as Record<string, unknown>
  for (const [key, v] of Object.entries(value)) if (v !== undefined && v !== null) out[key] = v
  return out as T
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** An instant as `toISOString` writes it (what the database answers), so text order is time order. */
function instant(value: string): string {
  if (INSTANT.test(value)) return value
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new Error(`memory store: not an instant: ${value}`)
  return new Date(ms).toISOString()
}

const optionalInstant = (value: string | undefined) => (value === undefined || value === null ? undefined : instant(value))

/** Newest first over (createdAt, id), in code-point order (compareNewestFirst's order, as the database sorts). */
function newestFirst(a: Keyset, b: Keyset): number {
  return compareText(b.createdAt, a.createdAt) || compareText(b.id, a.id)
}

/** (createdAt, id) < cursor: after the cursor in newest-first order. */
function beforeKeyset(row: Keyset, cursor: Keyset | null): boolean {
  return !cursor || newestFirst(cursor, row) < 0
}

function normalizeKeyset(cursor: Keyset | null): Keyset | null {
  return cursor ? { createdAt: instant(cursor.createdAt), id: cursor.id } : null
}

// ── directory ────────────────────────────────────────────────────────────────────────────────

function directoryRepository(t: Tables, run: Run): DirectoryRepository {
  const inCommunity = <Row extends { communityId: Id }>(rows: readonly Row[], communityId: Id) => rows.filter((r) => r.communityId === communityId)
  return {
    createCommunity: (setup: CommunitySetup, at: string) =>
      run(() => {
        const { community } = setup
        if (t.communities.has(community.id)) return false
        const createdAt = instant(at)
        t.communities.insert({
          id: community.id,
          name: community.name,
          kind: community.kind,
          district: community.district,
          reportPrefix: setup.reportPrefix,
          reportSeq: 0,
          createdAt,
        })
        for (const g of setup.grids) t.grids.insert({ id: g.id, communityId: community.id, name: g.name })
        for (const b of setup.buildings) mustExist(t.grids, b.gridId)
        for (const b of setup.buildings) t.buildings.insert({ id: b.id, communityId: community.id, gridId: b.gridId, name: b.name, rooms: [...b.rooms] })
        for (const p of setup.people) mustExist(t.buildings, p.home ? p.home.buildingId : undefined)
        for (const d of setup.departments) t.departments.insert({ id: d.id, communityId: community.id, name: d.name })
        for (const c of setup.categories) {
          t.categories.insert(
            defined({
              id: c.id,
              communityId: community.id,
              name: c.name,
              guidance: c.guidance ?? '',
              deadlineHours: Number(c.deadlineHours),
              emergency: c.emergency?.phone ? { phone: c.emergency.phone, message: c.emergency.message ?? '' } : undefined,
            }),
          )
        }
        for (const r of setup.replyTemplates) t.replyTemplates.insert({ id: r.id, communityId: community.id, title: r.title, text: r.text })
        setup.people.forEach((p, i) => {
          t.users.insert(
            defined({
              id: p.id,
              communityId: community.id,
              name: p.name,
              phone: p.phone ?? '',
              roles: [...p.roles],
              home: p.home ? { buildingId: p.home.buildingId, room: p.home.room } : undefined,
              gridIds: [...p.gridIds],
              leadsBuildingIds: [...p.leadsBuildingIds],
              description: p.description ?? '',
              demo: p.description !== undefined,
              // The order they were set up in: one second apart (as the SQL store records them).
              createdAt: new Date(Date.parse(createdAt) + i * 1000).toISOString(),
            }),
          )
        })
        return true
      }),
    findCommunity: (id) =>
      run(() => {
        const c = t.communities.get(id)
        return c ? { id: c.id, name: c.name, kind: c.kind, district: c.district } : null
      }),
    defaultCommunityId: () =>
      run(() => {
        const oldest = [...t.communities.rows()].sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id))[0]
        return oldest?.id ?? null
      }),
    listGrids: (communityId) => run(() => copy(inCommunity(t.grids.rows(), communityId))),
    listBuildings: (communityId) => run(() => copy(inCommunity(t.buildings.rows(), communityId))),
    findBuilding: (id) => run(() => copy(t.buildings.get(id) ?? null)),
    listDepartments: (communityId) => run(() => copy(inCommunity(t.departments.rows(), communityId))),
    listCategories: (communityId) =>
      run(() => inCommunity(t.categories.rows(), communityId).map(({ communityId: _, ...category }) => copy(category as Category))),
    listReplyTemplates: (communityId) =>
      run(() => inCommunity(t.replyTemplates.rows(), communityId).map((r) => ({ id: r.id, title: r.title, text: r.text }))),
  }
}

// ── people and sessions ──────────────────────────────────────────────────────────────────────

function toUser(u: UserRow): User {
  return {
    id: u.id,
    name: u.name,
    phoneMasked: maskPhone(u.phone),
    roles: [...u.roles],
    communityId: u.communityId,
    ...(u.home ? { home: { buildingId: u.home.buildingId, room: u.home.room } } : {}),
    gridIds: [...u.gridIds],
    leadsBuildingIds: [...u.leadsBuildingIds],
  }
}

/** Users in the order they were set up (created_at, id). */
function bySetup(a: UserRow, b: UserRow): number {
  return compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id)
}

const livesAt = (u: UserRow, communityId: Id, household: Household | undefined) =>
  Boolean(household && u.communityId === communityId && u.home && u.home.buildingId === household.buildingId && u.home.room === household.room)

function userRepository(t: Tables, run: Run): UserRepository {
  return {
    find: (id) =>
      run(() => {
        const u = t.users.get(id)
        return u ? toUser(u) : null
      }),
    findDemo: (id) =>
      run(() => {
        const u = t.users.get(id)
        return u && u.demo ? toUser(u) : null
      }),
    listDemoAccounts: () =>
      run(() =>
        t.users
          .rows()
          .filter((u) => u.demo)
          .sort(bySetup)
          .map((u): DemoAccount => ({ userId: u.id, name: u.name, roles: [...u.roles], description: u.description })),
      ),
    upsertWeChatUser: (input) =>
      run(() => {
        const existing = t.users.rows().find((u) => u.openid === input.openid)
        if (existing) return toUser(existing)
        mustExist(t.communities, input.communityId)
        const row: UserRow = {
          id: input.id,
          communityId: input.communityId,
          name: input.name,
          phone: '',
          roles: ['resident'],
          gridIds: [],
          leadsBuildingIds: [],
          description: '',
          demo: false,
          openid: input.openid,
          createdAt: instant(input.at),
        }
        t.users.insert(row)
        return toUser(row)
      }),
    findResidentAt: (communityId, household) =>
      run(() => {
        const first = t.users
          .rows()
          .filter((u) => livesAt(u, communityId, household))
          .sort(bySetup)[0]
        return first ? toUser(first) : null
      }),
    listResidents: (communityId) =>
      run(() =>
        t.users
          .rows()
          .filter((u) => u.communityId === communityId && u.home)
          .sort((a, b) => compareText(a.id, b.id))
          .map((u) => ({ id: u.id, home: { buildingId: u.home!.buildingId, room: u.home!.room } })),
      ),
    listHandlers: (communityId) =>
      run(() =>
        t.users
          .rows()
          .filter((u) => u.communityId === communityId && (u.roles.includes('staff') || u.roles.includes('grid_worker')))
          .sort(bySetup)
          .map(toUser),
      ),
    findFollowers: (report) =>
      run(() => {
        const ids = [report.reporterId, report.filedBy?.id].filter(Boolean)
        return t.users
          .rows()
          .filter((u) => ids.includes(u.id) || livesAt(u, report.communityId, report.beneficiary))
          .sort(bySetup)
          .map((u) => ({ id: u.id, ...(u.openid ? { openid: u.openid } : {}) }))
      }),
  }
}

function sessionRepository(t: Tables, run: Run): SessionRepository {
  return {
    insert: (session) =>
      run(() => {
        mustExist(t.users, session.userId)
        t.sessions.insert({
          tokenHash: session.tokenHash,
          userId: session.userId,
          createdAt: instant(session.createdAt),
          expiresAt: instant(session.expiresAt),
        })
      }),
    find: (tokenHash, now) =>
      run(() => {
        const s = t.sessions.get(tokenHash)
        const user = s && compareText(s.expiresAt, instant(now)) > 0 ? t.users.get(s.userId) : undefined
        return s && user ? { user: toUser(user), expiresAt: s.expiresAt } : null
      }),
    delete: (tokenHash) =>
      run(() => {
        t.sessions.remove(tokenHash)
      }),
    deleteExpired: (now) =>
      run(() => {
        const at = instant(now)
        t.sessions.removeWhere((s) => compareText(s.expiresAt, at) <= 0)
      }),
  }
}

// ── photos ───────────────────────────────────────────────────────────────────────────────────

function photoRepository(t: Tables, run: Run): PhotoRepository {
  return {
    insert: (photo) =>
      run(() => {
        mustExist(t.users, photo.ownerId)
        t.photos.insert(
          defined({
            id: photo.id,
            ownerId: photo.ownerId,
            contentType: photo.contentType,
            bytes: photo.bytes,
            width: photo.width,
            height: photo.height,
            createdAt: instant(photo.createdAt),
          }),
        )
      }),
    findMany: (ids) =>
      run(() => {
        const found = new Map<Id, PhotoRecord>()
        for (const id of new Set(ids)) {
          const p = t.photos.get(id)
          if (p) found.set(id, defined({ id: p.id, ownerId: p.ownerId, contentType: p.contentType, bytes: p.bytes, width: p.width, height: p.height }))
        }
        return found
      }),
  }
}

// ── reports ──────────────────────────────────────────────────────────────────────────────────

/** A report as stored and answered: photos by id only (`url: ''`), optional fields absent, instants normalised. */
function reportRow(r: Report): Report {
  const row: Report = {
    id: r.id,
    number: r.number,
    communityId: r.communityId,
    gridId: r.gridId,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    description: r.description,
    photos: r.photos.map((p) => ({ id: p.id, url: '' })),
    location: copy(r.location),
    anonymous: r.anonymous,
    reporterId: r.reporterId,
    reporterName: r.reporterName,
    status: r.status,
    createdAt: instant(r.createdAt),
    updatedAt: instant(r.updatedAt),
    deadlineAt: instant(r.deadlineAt),
    escalated: r.escalated,
    reopenCount: r.reopenCount,
    meTooCount: r.meTooCount,
    version: r.version,
  }
  return defined(Object.assign(row, optionalReportFields(r), {
    buildingId: r.buildingId ?? undefined,
    filedBy: r.filedBy ? { id: r.filedBy.id, name: r.filedBy.name ?? '' } : undefined,
    beneficiary: r.beneficiary
      ? {
          buildingId: r.beneficiary.buildingId,
          room: r.beneficiary.room ?? '',
          ...(r.beneficiary.name ? { name: r.beneficiary.name } : {}),
          ...(r.beneficiary.phoneMasked ? { phoneMasked: r.beneficiary.phoneMasked } : {}),
        }
      : undefined,
  }) as Report)
}

/** The fields a move may change (what the SQL UPDATE writes), present only when set. */
function optionalReportFields(r: Report): Partial<Report> {
  return {
    assignee: r.assignee ? copy(r.assignee) : undefined,
    acceptedAt: optionalInstant(r.acceptedAt),
    resolvedAt: optionalInstant(r.resolvedAt),
    rating: r.rating ? copy(r.rating) : undefined,
    mergedIntoId: r.mergedIntoId ?? undefined,
  }
}

function eventRow(e: TimelineEvent): TimelineEvent {
  return {
    id: e.id,
    reportId: e.reportId,
    action: e.action,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus,
    actorId: e.actorId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    at: instant(e.at),
    ...(e.note !== undefined && e.note !== null ? { note: e.note } : {}),
    photos: e.photos.map((p) => ({ id: p.id, url: '' })),
    public: e.public,
  }
}

/** Stored rows carry `undefined` for absent optional fields until copied: answer without them. */
const answer = <T>(row: T): T => copy(row)

const reporterColumn = (r: Report): Id | null => (r.reporterId.startsWith('home:') ? null : r.reporterId)

const forHousehold = (r: Report, home: Household | undefined) =>
  Boolean(home && r.beneficiary && r.beneficiary.buildingId === home.buildingId && r.beneficiary.room === home.room)

function summaryRow(r: Report): SummaryRow {
  const row: SummaryRow = {
    id: r.id,
    number: r.number,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    description: r.description,
    status: r.status,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    deadlineAt: r.deadlineAt,
    escalated: r.escalated,
    gridId: r.gridId,
    anonymous: r.anonymous,
    reporterName: r.reporterName,
    meTooCount: r.meTooCount,
    photoCount: r.photos.length,
  }
  if (r.photos[0]) row.firstPhotoId = r.photos[0].id
  return row
}

function reportRepository(t: Tables, run: Run): ReportRepository {
  const events = (reportId: Id) => t.events.rows().filter((e) => e.reportId === reportId)
  return {
    create: (report, firstEvent) =>
      run(() => {
        const community = t.communities.get(report.communityId)
        if (!community) throw new Error(`memory store: no community ${report.communityId}`)
        mustExist(t.grids, report.gridId)
        mustExist(t.buildings, report.buildingId)
        mustExist(t.categories, report.categoryId)
        mustExist(t.users, reporterColumn(report))
        mustExist(t.users, report.filedBy?.id)
        mustExist(t.buildings, report.beneficiary?.buildingId)
        mustExist(t.reports, report.mergedIntoId)
        const seq = community.reportSeq + 1
        t.communities.replace({ ...community, reportSeq: seq })
        // The day as written in `createdAt` (the services write UTC instants), as the SQL store reads it.
        const number = `${community.reportPrefix}-${report.createdAt.slice(0, 10).replace(/-/g, '')}-${String(seq).padStart(4, '0')}`
        if (t.reports.rows().some((r) => r.number === number)) throw new Error(`memory store: duplicate report number ${number}`)
        t.reports.insert(reportRow({ ...report, number }))
        mustExist(t.reports, firstEvent.reportId)
        t.events.insert(eventRow(firstEvent))
        // What was handed in, numbered (as the SQL store answers).
        return copy({ ...report, number })
      }),
    find: (id) => run(() => answer(t.reports.get(id) ?? null)),
    findForUpdate: (id) => run(() => answer(t.reports.get(id) ?? null)),
    update: (report, expectedVersion) =>
      run(() => {
        const stored = t.reports.get(report.id)
        if (!stored || stored.version !== expectedVersion) return false
        mustExist(t.grids, report.gridId)
        mustExist(t.reports, report.mergedIntoId)
        const next: Report = {
          ...stored,
          gridId: report.gridId,
          status: report.status,
          updatedAt: instant(report.updatedAt),
          deadlineAt: instant(report.deadlineAt),
          escalated: report.escalated,
          reopenCount: report.reopenCount,
          version: report.version,
        }
        for (const key of ['assignee', 'acceptedAt', 'resolvedAt', 'rating', 'mergedIntoId'] as const) delete next[key]
        t.reports.replace(defined(Object.assign(next, optionalReportFields(report))))
        return true
      }),
    addEvent: (event) =>
      run(() => {
        mustExist(t.reports, event.reportId)
        t.events.insert(eventRow(event))
      }),
    listEvents: (reportId) =>
      run(() =>
        // Insertion order breaks ties at one instant (the SQL's `seq`); sort is stable.
        events(reportId)
          .slice()
          .sort((a, b) => compareText(a.at, b.at))
          .map(answer),
      ),
    findIdempotencyKey: (userId, key) =>
      run(() => {
        const k = t.idempotency.get(pair(userId, key))
        return k ? { fingerprint: k.fingerprint, reportId: k.reportId } : null
      }),
    claimIdempotencyKey: (record) =>
      run(() => {
        if (t.idempotency.has(pair(record.userId, record.key))) return false
        mustExist(t.users, record.userId)
        t.idempotency.insert({ userId: record.userId, key: record.key, fingerprint: record.fingerprint, reportId: record.reportId, at: instant(record.at) })
        return true
      }),
    addMeToo: (reportId, userId, at) =>
      run(() => {
        const report = t.reports.get(reportId)
        if (!report) throw new Error(`memory store: no report ${reportId}`)
        mustExist(t.users, userId)
        if (!t.meToo.has(pair(reportId, userId))) t.meToo.insert({ reportId, userId, at: instant(at) })
        const count = t.meToo.rows().filter((m) => m.reportId === reportId).length
        if (report.meTooCount !== count) t.reports.replace({ ...report, meTooCount: count })
        return count
      }),
    listMine: (owner: ReportOwner, cursor, limit) =>
      run(() => {
        const after = normalizeKeyset(cursor)
        return t.reports
          .rows()
          .filter(
            (r) =>
              (reporterColumn(r) === owner.userId || r.filedBy?.id === owner.userId || (r.communityId === owner.communityId && forHousehold(r, owner.home))) &&
              beforeKeyset(r, after),
          )
          .sort(newestFirst)
          .slice(0, Math.max(0, limit))
          .map(summaryRow)
      }),
    listOpen: (filter, cursor, limit) =>
      run(() => {
        const after = normalizeKeyset(cursor)
        return t.reports
          .rows()
          .filter(
            (r) =>
              r.communityId === filter.communityId &&
              !isTerminal(r.status) &&
              (filter.categoryId === undefined || r.categoryId === filter.categoryId) &&
              beforeKeyset(r, after),
          )
          .sort(newestFirst)
          .slice(0, Math.max(0, limit))
          .map(answer)
      }),
    listInbox: (f: InboxFilter, now, offset, limit) =>
      run(() => {
        const at = new Date(instant(now))
        return t.reports
          .rows()
          .filter(
            (r) =>
              r.communityId === f.communityId &&
              (f.gridIds === 'all' || f.gridIds.includes(r.gridId)) &&
              (!f.statuses?.length || f.statuses.includes(r.status)) &&
              (!f.categoryId || r.categoryId === f.categoryId) &&
              (!f.gridId || r.gridId === f.gridId) &&
              (!f.overdueOnly || isOverdue(r, at)) &&
              (!f.escalatedOnly || r.escalated),
          )
          .sort(compareInbox(at))
          .slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit))
          .map(answer)
      }),
    listForDashboard: (communityId, span: DashboardSpan) =>
      run(() => {
        const [createdFrom, createdTo, resolvedFrom, resolvedTo] = [span.createdFrom, span.createdTo, span.resolvedFrom, span.resolvedTo].map(instant)
        const resolves = t.events.rows().filter((e) => e.action === 'resolve' && compareText(e.at, resolvedFrom) >= 0 && compareText(e.at, resolvedTo) < 0)
        const resolvedIds = new Set(resolves.map((e) => e.reportId))
        const reports = t.reports
          .rows()
          .filter(
            (r) =>
              r.communityId === communityId &&
              ((compareText(r.createdAt, createdFrom) >= 0 && compareText(r.createdAt, createdTo) < 0) || resolvedIds.has(r.id)),
          )
        const inCommunity = (e: TimelineEvent) => t.reports.get(e.reportId)?.communityId === communityId
        return { reports: reports.map(answer), events: resolves.filter(inCommunity).map(answer) }
      }),
  }
}

// ── messages ─────────────────────────────────────────────────────────────────────────────────

const MESSAGE_SEQ = 'messageSeq'

function toMessage(m: MessageRow): Message {
  return { id: m.id, threadId: m.threadId, authorId: m.authorId, authorName: m.authorName, authorRole: m.authorRole, body: m.body, at: m.at }
}

function reportSubject(r: Report): ThreadSubject {
  return {
    kind: 'report',
    report: copy({
      id: r.id,
      communityId: r.communityId,
      gridId: r.gridId,
      reporterId: r.reporterId,
      status: r.status,
      ...(r.filedBy ? { filedBy: r.filedBy } : {}),
      // The household only (what the thread's rule needs), as the SQL store answers.
      ...(r.beneficiary ? { beneficiary: { buildingId: r.beneficiary.buildingId, room: r.beneficiary.room } } : {}),
      number: r.number,
      categoryName: r.categoryName,
      createdAt: r.createdAt,
    }),
  }
}

function messageRepository(t: Tables, run: Run): MessageRepository {
  const thread = (threadId: Id) => t.messages.rows().filter((m) => m.threadId === threadId)
  return {
    insert: (m) =>
      run(() => {
        if ((m.reportId == null) === (m.ownerId == null)) throw new Error('memory store: a message belongs to a report or an owner (exactly one)')
        mustExist(t.communities, m.communityId)
        mustExist(t.reports, m.reportId)
        mustExist(t.users, m.ownerId)
        mustExist(t.users, m.authorId)
        const seq = (t.counters.get(MESSAGE_SEQ)?.value ?? 0) + 1
        t.counters.upsert({ name: MESSAGE_SEQ, value: seq })
        t.messages.insert(
          defined({
            id: m.id,
            threadId: m.threadId,
            communityId: m.communityId,
            reportId: m.reportId,
            ownerId: m.ownerId,
            authorId: m.authorId,
            authorName: m.authorName,
            authorRole: m.authorRole,
            body: m.body,
            at: instant(m.at),
            seq,
          }),
        )
        return seq
      }),
    listBefore: (threadId, beforeSeq, limit) =>
      run(() =>
        thread(threadId)
          .filter((m) => beforeSeq === null || m.seq < beforeSeq)
          .sort((a, b) => b.seq - a.seq)
          .slice(0, Math.max(0, limit))
          .map((m) => ({ message: toMessage(m), seq: m.seq })),
      ),
    markRead: (userId, threadId, at, upToSeq) =>
      run(() => {
        mustExist(t.users, userId)
        const upTo = upToSeq ?? thread(threadId).reduce((max, m) => Math.max(max, m.seq), 0)
        const earlier = t.threadReads.get(pair(userId, threadId))
        t.threadReads.upsert({ userId, threadId, lastSeq: Math.max(earlier?.lastSeq ?? upTo, upTo), readAt: instant(at) })
      }),
    listThreads: (viewer: ThreadViewer) =>
      run(() => {
        const mine = (r: Report) => reporterColumn(r) === viewer.id || r.filedBy?.id === viewer.id || forHousehold(r, viewer.home)
        const inScope = (m: MessageRow): boolean => {
          if (viewer.staff) return true
          if (m.ownerId === viewer.id) return true
          const r = m.reportId === undefined ? undefined : t.reports.get(m.reportId)
          return Boolean(r && r.communityId === viewer.communityId && (mine(r) || viewer.gridIds.includes(r.gridId)))
        }
        const threads = new Map<Id, MessageRow[]>()
        for (const m of t.messages.rows()) {
          if (m.communityId !== viewer.communityId || !inScope(m)) continue
          const list = threads.get(m.threadId) ?? []
          list.push(m)
          threads.set(m.threadId, list)
        }
        const active: Array<ThreadRow & { lastSeq: number }> = []
        for (const [threadId, messages] of threads) {
          const last = messages.reduce((a, b) => (b.seq > a.seq ? b : a))
          const first = messages[0]
          const subject = subjectOf(t, first)
          if (!subject) continue
          const read = t.threadReads.get(pair(viewer.id, threadId))?.lastSeq ?? 0
          active.push({
            threadId,
            subject,
            lastMessageAt: last.at,
            lastMessageBody: last.body,
            unread: messages.filter((m) => m.authorId !== viewer.id && m.seq > read).length,
            lastSeq: last.seq,
          })
        }
        active.sort((a, b) => compareText(b.lastMessageAt, a.lastMessageAt) || b.lastSeq - a.lastSeq)
        const quiet = t.reports
          .rows()
          .filter((r) => r.communityId === viewer.communityId && mine(r) && !threads.has(`report:${r.id}`))
          .sort(newestFirst)
          .map((r): ThreadRow => ({ threadId: `report:${r.id}`, subject: reportSubject(r), lastMessageAt: r.createdAt, lastMessageBody: '', unread: 0 }))
        return [...active.map(({ lastSeq: _, ...row }) => row), ...quiet]
      }),
  }
}

/** What a thread is about, from one of its messages (every message of a thread names the same subject). */
function subjectOf(t: Tables, m: MessageRow): ThreadSubject | null {
  if (m.reportId !== undefined) {
    const r = t.reports.get(m.reportId)
    return r ? reportSubject(r) : null
  }
  const owner = m.ownerId === undefined ? undefined : t.users.get(m.ownerId)
  if (!owner) return null
  const building = owner.home ? t.buildings.get(owner.home.buildingId) : undefined
  return {
    kind: 'general',
    owner: {
      id: owner.id,
      name: owner.name,
      communityId: owner.communityId,
      ...(owner.home ? { home: { buildingId: owner.home.buildingId, room: owner.home.room } } : {}),
      ...(building ? { buildingName: building.name } : {}),
    },
  }
}

// ── notices ──────────────────────────────────────────────────────────────────────────────────

/** The viewer as `canSeeNotice` takes it: staff or not, and every building that reaches them. */
function noticeActor(v: NoticeViewer): Actor {
  return { id: v.id, name: '', roles: v.staff ? ['staff'] : [], communityId: v.communityId, gridIds: [], leadsBuildingIds: [...v.buildingIds] }
}

/** Pinned, urgent, newest, id — compareNotices' order, in code point order (as the database sorts). */
function noticeOrder(a: NoticeKeyset, b: NoticeKeyset): number {
  return Number(b.pinned) - Number(a.pinned) || Number(b.urgent) - Number(a.urgent) || compareText(b.publishedAt, a.publishedAt) || compareText(b.id, a.id)
}

function noticeRow(n: StoredNotice): StoredNotice {
  if (n.scope.kind === 'buildings' && n.scope.buildingIds.length === 0) throw new Error('memory store: a building notice names no building')
  return {
    id: n.id,
    communityId: n.communityId,
    scope: n.scope.kind === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: [...n.scope.buildingIds] },
    title: n.title,
    body: n.body,
    urgent: n.urgent,
    pinned: n.pinned,
    ...(n.expiresAt !== undefined && n.expiresAt !== null ? { expiresAt: instant(n.expiresAt) } : {}),
    publishedAt: instant(n.publishedAt),
    authorId: n.authorId,
    authorName: n.authorName,
  }
}

function noticeRepository(t: Tables, run: Run): NoticeRepository {
  const hasRead = (noticeId: Id, userId: Id) => t.noticeReads.has(pair(noticeId, userId))
  const withRead = (n: StoredNotice, viewerId: Id): Notice => ({ ...copy(n), read: hasRead(n.id, viewerId) })
  const visible = (v: NoticeViewer, now: string) => {
    const actor = noticeActor(v)
    const at = new Date(instant(now))
    return t.notices.rows().filter((n) => canSeeNotice(actor, n, at))
  }
  return {
    insert: (notice) =>
      run(() => {
        mustExist(t.communities, notice.communityId)
        mustExist(t.users, notice.authorId)
        t.notices.insert(noticeRow(notice))
      }),
    find: (id, viewerId) =>
      run(() => {
        const n = t.notices.get(id)
        return n ? withRead(n, viewerId) : null
      }),
    list: (viewer, now, cursor, limit) =>
      run(() => {
        const after = cursor ? { ...cursor, publishedAt: instant(cursor.publishedAt) } : null
        return visible(viewer, now)
          .filter((n) => !after || noticeOrder(after, n) < 0)
          .sort(noticeOrder)
          .slice(0, Math.max(0, limit))
          .map((n) => withRead(n, viewer.id))
      }),
    countUnread: (viewer, now) =>
      run(() => {
        const at = new Date(instant(now))
        return visible(viewer, now).filter((n) => !isExpired(n, at) && !hasRead(n.id, viewer.id)).length
      }),
    markRead: (noticeId, userId, at) =>
      run(() => {
        mustExist(t.notices, noticeId)
        mustExist(t.users, userId)
        if (!hasRead(noticeId, userId)) t.noticeReads.insert({ noticeId, userId, at: instant(at) })
      }),
    listReaders: (noticeId) =>
      run(() => new Set(t.noticeReads.rows().filter((r) => r.noticeId === noticeId).map((r) => r.userId))),
  }
}
