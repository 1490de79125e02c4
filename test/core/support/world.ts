import type { NewReportInput } from '../../../types/api'
import type { Report, ReportStatus } from '../../../types/domain'
import { createMemoryStore, type MemoryStore } from '../../../src/api/memory/store'
import type { Caller, ContentCheck, ImageCheck, Log, ModerationNotice, Notifier, Runtime, StatusChange, WeChatLogin } from '../../../src/core/context'
import { createCore, type Core, type CoreOptions } from '../../../src/core/core'
import { ApiError, type ApiErrorKind } from '../../../src/core/errors'
import type { CommunitySetup } from '../../../src/core/ports'
import { seedDemo } from '../../../src/core/seed'
import { actorOf } from '../../../src/domain/actor'
import { memoryStorage } from '../../../src/platform/storage'

/**
 * A world for the service tests of src/core: the memory store, the core over it with a clock the
 * test moves and ids that count up, the demo community (映月社区) seeded through the services, and a
 * second, small community (临溪村) for the cases at a community's edge.
 */

export const START = Date.parse('2026-11-21T08:00:00.000Z')
const HOUR = 3_600_000

/** The demo people the tests use (src/domain/demo-community.ts). */
export const DEMO = {
  community: 'c-yingyue',
  wang: 'u-wang', // resident, 3号楼201 (b-3, grid g-2)
  li: 'u-li', // resident, 3号楼302 (b-3, grid g-2)
  zhao: 'u-zhao', // resident, 8号楼101 (b-8, grid g-3)
  chen: 'u-chen', // resident, 1号楼102 (b-1, grid g-1)
  zhou: 'u-zhou', // resident of 3号楼101 and building leader of b-3 and b-5
  liu: 'u-liu', // grid worker of g-1
  sun: 'u-sun', // grid worker of g-2
  wu: 'u-wu', // grid worker of g-3
  zhang: 'u-zhang', // staff
  he: 'u-he', // admin
} as const

/** The second community: one grid, one building, a staff member, a grid worker, a household of two. */
export const OTHER = {
  community: 'c-linxi',
  grid: 'g-x1',
  building: 'b-x1',
  department: 'd-x1',
  category: 'cat-x-other',
  template: 'tpl-x1',
  staff: 'u-x-staff',
  gridWorker: 'u-x-grid',
  resident: 'u-x-res',
  /** Lives with the resident (b-x1 101): one household, two people. */
  housemate: 'u-x-res2',
} as const

/** The street of the second community: another street than the demo's (东亭街道). */
export const OTHER_STREET = { id: 's-yanqiao', name: '堰桥街道', district: '无锡市惠山区' }

export const OTHER_SETUP: CommunitySetup = {
  community: { id: OTHER.community, name: '临溪村', kind: 'village', district: '无锡市惠山区堰桥街道', streetId: OTHER_STREET.id, streetName: OTHER_STREET.name },
  street: OTHER_STREET,
  joinCode: 'LXCODE',
  reportPrefix: 'LX',
  grids: [{ id: OTHER.grid, communityId: OTHER.community, name: '一组' }],
  buildings: [{ id: OTHER.building, communityId: OTHER.community, gridId: OTHER.grid, name: '村委楼', rooms: ['101', '102'] }],
  departments: [{ id: OTHER.department, communityId: OTHER.community, name: '村物业' }],
  categories: [{ id: OTHER.category, name: '其他', guidance: '', deadlineHours: 72 }],
  replyTemplates: [{ id: OTHER.template, title: '已收到', text: '村里已收到您的反映。' }],
  people: [
    { id: OTHER.staff, name: '村干部', phone: '13900000001', roles: ['staff'], gridIds: [], leadsBuildingIds: [] },
    { id: OTHER.gridWorker, name: '村网格员', phone: '13900000002', roles: ['grid_worker'], gridIds: [OTHER.grid], leadsBuildingIds: [] },
    { id: OTHER.resident, name: '钱多多', phone: '13900000003', roles: ['resident'], home: { buildingId: OTHER.building, room: '101' }, gridIds: [], leadsBuildingIds: [] },
    { id: OTHER.housemate, name: '钱小多', phone: '13900000004', roles: ['resident'], home: { buildingId: OTHER.building, room: '101' }, gridIds: [], leadsBuildingIds: [] },
  ],
}

/** A community with no grid yet (nothing can be routed), and one resident. */
export const EMPTY = { community: 'c-empty', resident: 'u-e-res', category: 'cat-e-other' } as const
export const EMPTY_SETUP: CommunitySetup = {
  community: { id: EMPTY.community, name: '新建社区', kind: 'community', district: '无锡市惠山区堰桥街道', streetId: OTHER_STREET.id, streetName: OTHER_STREET.name },
  street: OTHER_STREET,
  joinCode: 'XJCODE',
  reportPrefix: 'XJ',
  grids: [],
  buildings: [],
  departments: [],
  categories: [{ id: EMPTY.category, name: '其他', guidance: '', deadlineHours: 72 }],
  replyTemplates: [],
  people: [{ id: EMPTY.resident, name: '新居民', phone: '13700000001', roles: ['resident'], gridIds: [], leadsBuildingIds: [] }],
}

/** A clock that moves `tickMs` at each reading (every record its own instant), and when told. */
export interface Clock {
  now(): Date
  peek(): Date
  advanceHours(hours: number): void
  set(at: Date | number): void
}

export function testClock(start = START, tickMs = 1000): Clock {
  let t = start
  return {
    now: () => {
      const at = new Date(t)
      t += tickMs
      return at
    },
    peek: () => new Date(t),
    advanceHours: (hours) => void (t += hours * HOUR),
    set: (at) => void (t = typeof at === 'number' ? at : at.getTime()),
  }
}

/** Remembers every status change it is told of; `fail` makes it throw (or reject) instead. */
export interface RecordingNotifier extends Notifier {
  changes: StatusChange[]
  /** Moderation decisions told to authors (issue 13). */
  moderations: ModerationNotice[]
  fail: 'no' | 'throw' | 'reject'
}

export function recordingNotifier(): RecordingNotifier {
  const notifier: RecordingNotifier = {
    changes: [],
    moderations: [],
    fail: 'no',
    notify(change) {
      if (notifier.fail === 'throw') throw new Error('notifier down (thrown)')
      if (notifier.fail === 'reject') return Promise.reject(new Error('notifier down (rejected)'))
      notifier.changes.push(change)
      return Promise.resolve()
    },
    moderation(notice) {
      notifier.moderations.push(notice)
      return Promise.resolve()
    },
  }
  return notifier
}

export function recordingLog(): Log & { warnings: Array<{ details: Record<string, unknown>; message: string }> } {
  const warnings: Array<{ details: Record<string, unknown>; message: string }> = []
  return { warnings, warn: (details, message) => void warnings.push({ details, message }) }
}

export interface World {
  store: MemoryStore
  core: Core
  runtime: Runtime
  clock: Clock
  notifier: RecordingNotifier
  log: ReturnType<typeof recordingLog>
  caller(userId: string): Promise<Caller>
  /** A fresh, valid idempotency key. */
  key(): string
  /** File a valid report as `userId` (in the category of their community) under a fresh key. */
  file(userId: string, over?: Partial<NewReportInput>): Promise<Report>
  /** Bring a report on to `status` (along submitted → accepted → in_progress → resolved) by its community's staff. */
  bring(reportId: string, status: BringTo): Promise<Report>
  /** The report as stored (no viewer). */
  stored(reportId: string): Promise<Report>
}

export type BringTo = Extract<ReportStatus, 'submitted' | 'accepted' | 'in_progress' | 'resolved'>

export interface WorldOptions {
  weChat?: WeChatLogin
  demo?: boolean
  sessionTtlHours?: number
  /** Also create the community with no grid (EMPTY). */
  withEmptyCommunity?: boolean
  /** The photo checker (issue 13) and how long an upload waits for it. */
  imageCheck?: ImageCheck
  imageCheckWaitMs?: number
  /** The content check of texts others read (issue 13); default: everything passes. */
  contentCheck?: ContentCheck
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const clock = testClock()
  let ids = 0
  const runtime: Runtime = {
    now: () => clock.now(),
    newId: (prefix) => `${prefix}_${String(++ids).padStart(6, '0')}`,
    newToken: () => `tok_${String(++ids).padStart(6, '0')}`,
    hashToken: (token) => `hash:${token}`,
  }
  const store = createMemoryStore({ storage: memoryStorage() })
  const notifier = recordingNotifier()
  const log = recordingLog()
  const coreOptions: CoreOptions = { demo: options.demo ?? true, notifier, log, weChat: options.weChat, contentCheck: options.contentCheck }
  if (options.sessionTtlHours !== undefined) coreOptions.sessionTtlHours = options.sessionTtlHours
  if (options.imageCheck) Object.assign(coreOptions, { imageCheck: options.imageCheck, imageCheckWaitMs: options.imageCheckWaitMs })
  const core = createCore(store, runtime, coreOptions)
  if (!(await seedDemo(store, runtime, new Date(START)))) throw new Error('the demo community was already there')
  // After the demo community (created a year before START): the demo community stays the default one.
  await store.directory.createCommunity(OTHER_SETUP, new Date(START).toISOString())
  if (options.withEmptyCommunity) await store.directory.createCommunity(EMPTY_SETUP, new Date(START + 1000).toISOString())

  const caller = async (userId: string): Promise<Caller> => {
    const user = await store.users.find(userId)
    if (!user) throw new Error(`no user ${userId} in the world`)
    return { user, actor: actorOf(user), photoUrl: (id) => `mem://${id}` }
  }
  let keys = 0
  const key = () => `key-${String(++keys).padStart(8, '0')}`
  const staffOf = (communityId: string) => (communityId === OTHER.community ? OTHER.staff : DEMO.zhang)

  const world: World = {
    store,
    core,
    runtime,
    clock,
    notifier,
    log,
    caller,
    key,
    async file(userId, over = {}) {
      const who = await caller(userId)
      const filed = await core.reports.submit(who, validReport(categoryFor(who.user.communityId), over), key())
      return filed.report
    },
    async bring(reportId, status) {
      const order: BringTo[] = ['submitted', 'accepted', 'in_progress', 'resolved']
      let report = await world.stored(reportId)
      const staff = await caller(staffOf(report.communityId))
      const step: Record<Exclude<BringTo, 'resolved'>, () => Promise<unknown>> = {
        submitted: () => core.handling.move(staff, reportId, 'accept', {}),
        accepted: () => core.handling.move(staff, reportId, 'assign', { assignee: { kind: 'user', id: staff.user.id } }),
        in_progress: () => core.handling.move(staff, reportId, 'resolve', { note: '已处理完毕' }),
      }
      while (report.status !== status) {
        const at = order.indexOf(report.status as BringTo)
        if (at < 0 || at > order.indexOf(status)) throw new Error(`cannot bring a ${report.status} report to ${status}`)
        await step[report.status as Exclude<BringTo, 'resolved'>]()
        report = await world.stored(reportId)
      }
      return report
    },
    async stored(reportId) {
      const report = await store.reports.find(reportId)
      if (!report) throw new Error(`no report ${reportId}`)
      return report
    },
  }
  return world
}

export function categoryFor(communityId: string | null): string {
  if (communityId === OTHER.community) return OTHER.category
  if (communityId === EMPTY.community) return EMPTY.category
  return 'cat-road'
}

export function validReport(categoryId = 'cat-road', over: Partial<NewReportInput> = {}): NewReportInput {
  return {
    categoryId,
    description: '小区南门口的路面有一个大坑，雨天积水',
    photoIds: [],
    location: { kind: 'text', address: '映月社区南门口' },
    anonymous: false,
    ...over,
  }
}

export type Outcome = 'ok' | ApiErrorKind

/** 'ok' when the call resolves, else the kind of the ApiError it rejects with (anything else fails the test). */
export async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    if (error instanceof ApiError) return error.kind
    throw error
  }
}

/** The ApiError a call rejects with; fails when it resolves or throws something else. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw new Error(`expected an ApiError, got ${String(error)}`)
  }
  throw new Error('expected the call to fail with an ApiError, but it succeeded')
}

/** An ApiError's observable parts, for one `toEqual`. */
export function shapeOf(error: ApiError): { kind: ApiErrorKind; message: string; fields: Record<string, string>; malformed: boolean } {
  return { kind: error.kind, message: error.message, fields: error.fields, malformed: error.malformed }
}
