/**
 * The data every store of the contract suite is filled with, built through the ports only (so the
 * same fixture runs on the memory store, PGlite and PostgreSQL): two small communities, their
 * people, and reports, notices and messages chosen to tell orders and scopes apart.
 *
 * Ids mix upper and lower case on purpose: the database sorts ids in code-point order ("C"
 * collation: 'B' < 'a'), which the locale's order would get wrong.
 */
import type { Community, Report, ReportStatus, Street, TimelineEvent } from '../../types/domain'
import type { CommunitySetup, NewMessage, PersonRecord, Repositories, StoredNotice } from '../../src/core/ports'

export const T0 = Date.parse('2026-11-20T00:00:00.000Z')
/** An instant `hours` after T0. */
export const at = (hours: number): string => new Date(T0 + hours * 3_600_000).toISOString()
/** "Now" for the reads: every fixture report is filed before it. */
export const NOW = at(100)

export const ONE = 'c-one'
export const TWO = 'c-two'
/** In ONE's street, with only people from outside it (a newcomer, the street's officer). */
export const THREE = 'c-three'
/** In TWO's street, named as THREE: ties on name go by id ('c-Four' < 'c-three'). */
export const FOUR = 'c-Four'

export const EAST: Street = { id: 's-East', name: '东亭街道', district: '无锡市锡山区' }
export const WEST: Street = { id: 's-west', name: '洛社镇', district: '无锡市惠山区' }

const person = (p: Partial<PersonRecord> & Pick<PersonRecord, 'id' | 'name' | 'roles'>): PersonRecord => ({
  phone: '13800000000',
  gridIds: [],
  leadsBuildingIds: [],
  ...p,
})

export const PEOPLE = {
  staff: person({ id: 'u-staff', name: '张敏', phone: '13800000001', roles: ['staff'], description: '社区工作者' }),
  grid1: person({ id: 'u-grid1', name: '孙丽', phone: '13800000002', roles: ['grid_worker'], gridIds: ['g-1'], description: '第一网格网格员' }),
  grid2: person({ id: 'u-grid2', name: '赵强', phone: '13800000003', roles: ['grid_worker'], gridIds: ['g-2'] }),
  res1: person({ id: 'u-res1', name: '王秀兰', phone: '13800000004', roles: ['resident'], home: { buildingId: 'b-1', room: '101' }, description: '1号楼居民' }),
  leader: person({
    id: 'u-leader',
    name: '周桂芳',
    phone: '13800000005',
    roles: ['resident', 'building_leader'],
    home: { buildingId: 'b-2', room: '202' },
    leadsBuildingIds: ['b-1'],
    description: '1号楼楼栋长',
  }),
  res2: person({ id: 'u-res2', name: '李明', phone: '13800000006', roles: ['resident'], home: { buildingId: 'b-2', room: '201' } }),
  // Set up after res1, in the same household: res1 stays its first resident.
  res1b: person({ id: 'u-Res1b', name: '王小明', phone: '', roles: ['resident'], home: { buildingId: 'b-1', room: '101' } }),
  other: person({ id: 'u-other', name: '钱多多', phone: '13900000009', roles: ['resident', 'staff'], home: { buildingId: 'b-x', room: '101' } }),
} as const

const ROOMS = ['101', '102', '201', '202']

export function setupOne(): CommunitySetup {
  return {
    community: { id: ONE, name: '一号社区', kind: 'community', district: '无锡市锡山区东亭街道', streetId: EAST.id, streetName: EAST.name },
    street: EAST,
    joinCode: 'QX7K2M',
    reportPrefix: 'ON',
    grids: [
      { id: 'g-2', communityId: ONE, name: '第二网格' },
      { id: 'g-1', communityId: ONE, name: '第一网格' },
    ],
    buildings: [
      { id: 'b-2', communityId: ONE, gridId: 'g-2', name: '2号楼', rooms: ROOMS },
      { id: 'b-1', communityId: ONE, gridId: 'g-1', name: '1号楼', rooms: ROOMS },
    ],
    departments: [
      { id: 'd-urban', communityId: ONE, name: '城管中队' },
      { id: 'd-property', communityId: ONE, name: '物业服务中心' },
    ],
    categories: [
      { id: 'cat-light', name: '路灯故障', guidance: '请写明路灯位置', deadlineHours: 48 },
      { id: 'cat-elevator', name: '电梯故障', guidance: '', deadlineHours: 12, emergency: { phone: '119', message: '有人被困请拨打119' } },
      { id: 'cat-garbage', name: '垃圾堆放', guidance: '拍下位置', deadlineHours: 24 },
    ],
    replyTemplates: [
      { id: 'tpl-2', title: '已派单', text: '已派网格员处理' },
      { id: 'tpl-1', title: '已受理', text: '您的诉求已受理' },
    ],
    people: [PEOPLE.staff, PEOPLE.grid1, PEOPLE.grid2, PEOPLE.res1, PEOPLE.leader, PEOPLE.res2, PEOPLE.res1b],
  }
}

export function setupTwo(): CommunitySetup {
  return {
    community: { id: TWO, name: '二号村', kind: 'village', district: '无锡市惠山区洛社镇', streetId: WEST.id, streetName: WEST.name },
    street: WEST,
    joinCode: 'TW9P3R',
    reportPrefix: 'TW',
    grids: [{ id: 'g-x', communityId: TWO, name: '村网格' }],
    buildings: [{ id: 'b-x', communityId: TWO, gridId: 'g-x', name: '村委楼', rooms: ['101'] }],
    departments: [],
    categories: [{ id: 'cat-x', name: '其他', guidance: '', deadlineHours: 72 }],
    replyTemplates: [],
    people: [PEOPLE.other],
  }
}

/** People set up with THREE but not in it: a newcomer with no community, and EAST's street officer. */
export const OUTSIDE = {
  newcomer: person({ id: 'u-new', name: '新来的', phone: '13700000001', roles: ['resident'], outside: true }),
  officer: person({ id: 'u-street', name: '街道干部', phone: '13700000002', roles: ['street_staff'], outside: true, streetId: EAST.id }),
} as const

export const communityThree = (): Community => ({ id: THREE, name: 'Sunny社区', kind: 'community', district: '无锡市锡山区东亭街道', streetId: EAST.id, streetName: EAST.name })
export const communityFour = (): Community => ({ id: FOUR, name: 'Sunny社区', kind: 'village', district: '无锡市惠山区洛社镇', streetId: WEST.id, streetName: WEST.name })

/** A community with no structure: only its record (and, for THREE, the people from outside). */
export function setupBare(community: Community, street: Street, joinCode: string, reportPrefix: string, people: PersonRecord[] = []): CommunitySetup {
  return { community, street, joinCode, reportPrefix, grids: [], buildings: [], departments: [], categories: [], replyTemplates: [], people }
}

export const setupThree = (): CommunitySetup => setupBare(communityThree(), EAST, 'SUNNY7', 'SN', [OUTSIDE.newcomer, OUTSIDE.officer])
export const setupFour = (): CommunitySetup => setupBare(communityFour(), WEST, 'FOUR42', 'FR')

/** When each community of the read fixture is set up (its people 1 s apart from then, in set-up order). */
export const SET_UP: Record<string, string> = { [TWO]: '2026-01-01T00:00:00.000Z', [ONE]: '2026-02-01T00:00:00.000Z', [THREE]: '2026-03-01T00:00:00.000Z', [FOUR]: '2026-04-01T00:00:00.000Z' }
/** The instant the `index`-th person of a community's set-up was created (and, with a home, joined it). */
export const setUpAt = (communityId: string, index: number) => new Date(Date.parse(SET_UP[communityId]) + index * 1000).toISOString()

// ── reports ──────────────────────────────────────────────────────────────────────────────────

/** A report as a service hands it to `create` (its number is assigned by the store). */
export function draftReport(over: Partial<Report> & Pick<Report, 'id'>): Report {
  const createdAt = over.createdAt ?? at(1)
  return {
    number: '',
    communityId: ONE,
    gridId: 'g-1',
    buildingId: 'b-1',
    categoryId: 'cat-light',
    categoryName: '路灯故障',
    description: `诉求 ${over.id}`,
    photos: [],
    location: { kind: 'text', address: '1号楼东侧' },
    anonymous: false,
    reporterId: PEOPLE.res1.id,
    reporterName: PEOPLE.res1.name,
    status: 'submitted',
    createdAt,
    updatedAt: createdAt,
    deadlineAt: new Date(Date.parse(createdAt) + 48 * 3_600_000).toISOString(),
    escalated: false,
    reopenCount: 0,
    meTooCount: 0,
    version: 1,
    ...over,
  }
}

export function submitEvent(report: Report, id = `e-${report.id}-0`): TimelineEvent {
  return {
    id,
    reportId: report.id,
    action: 'submit',
    fromStatus: null,
    toStatus: 'submitted',
    actorId: report.filedBy?.id ?? report.reporterId,
    actorName: report.filedBy?.name ?? report.reporterName,
    actorRole: 'resident',
    at: report.createdAt,
    photos: [],
    public: true,
  }
}

/** One fixture report: how it is filed, and where it ends up (status and flags set by `update`). */
export interface FixtureReport {
  draft: Report
  finally?: { status: ReportStatus; escalated?: boolean; deadlineAt?: string; reopenCount?: number }
}

const home = (buildingId: string, room: string) => ({ buildingId, room })

/**
 * The reports of the read fixture. `deadline` hours are counted from T0 (NOW is T0+100h), so a
 * deadline under 100 is past.
 */
export const REPORTS: FixtureReport[] = [
  // res1's own, newest-first ties on createdAt broken by id ('r_mB' < 'r_ma' in code points).
  { draft: draftReport({ id: 'r_m1', createdAt: at(1), deadlineAt: at(49) }) },
  { draft: draftReport({ id: 'r_m2', createdAt: at(2), deadlineAt: at(150), photos: [{ id: 'p_one', url: '' }, { id: 'p_two', url: '' }] }) },
  { draft: draftReport({ id: 'r_mB', createdAt: at(3), deadlineAt: at(51) }), finally: { status: 'accepted' } },
  { draft: draftReport({ id: 'r_ma', createdAt: at(3), deadlineAt: at(51) }), finally: { status: 'in_progress', escalated: true } },
  // 代报 by res1 for b-2/201 (res2 lives there): res2's report, res1 its filer.
  {
    draft: draftReport({
      id: 'r_f2',
      createdAt: at(4),
      gridId: 'g-2',
      buildingId: 'b-2',
      reporterId: PEOPLE.res2.id,
      reporterName: PEOPLE.res2.name,
      filedBy: { id: PEOPLE.res1.id, name: PEOPLE.res1.name },
      beneficiary: { ...home('b-2', '201'), name: '李明', phoneMasked: '138****0006' },
      deadlineAt: at(52),
    }),
    finally: { status: 'resolved' },
  },
  // 代报 by the leader for b-1/101: res1 is its reporter, res1b lives in the household.
  {
    draft: draftReport({
      id: 'r_f1',
      createdAt: at(5),
      filedBy: { id: PEOPLE.leader.id, name: PEOPLE.leader.name },
      beneficiary: home('b-1', '101'),
      deadlineAt: at(53),
    }),
  },
  // 代报 by staff for b-1/102 where nobody is registered: the household itself is the reporter.
  {
    draft: draftReport({
      id: 'r_h1',
      createdAt: at(6),
      reporterId: 'home:b-1:102',
      reporterName: '住户',
      filedBy: { id: PEOPLE.staff.id, name: PEOPLE.staff.name },
      beneficiary: { ...home('b-1', '102'), name: '陈' },
      categoryId: 'cat-garbage',
      categoryName: '垃圾堆放',
      deadlineAt: at(30),
    }),
  },
  // Others' reports in both grids, every status.
  { draft: draftReport({ id: 'r_o1', createdAt: at(10), reporterId: PEOPLE.res2.id, reporterName: PEOPLE.res2.name, gridId: 'g-2', buildingId: 'b-2', deadlineAt: at(20) }) },
  // Reopened (居民不满意) with a fresh deadline: still with the urgent ones.
  {
    draft: draftReport({ id: 'r_o2', createdAt: at(11), reporterId: PEOPLE.res2.id, reporterName: PEOPLE.res2.name, gridId: 'g-2', deadlineAt: at(20) }),
    finally: { status: 'reopened', escalated: true, deadlineAt: at(148), reopenCount: 1 },
  },
  // Two overdue with the same deadline and filing: ids decide ('r_iA' < 'r_ia').
  { draft: draftReport({ id: 'r_ia', createdAt: at(12), reporterId: PEOPLE.leader.id, reporterName: PEOPLE.leader.name, deadlineAt: at(40) }) },
  { draft: draftReport({ id: 'r_iA', createdAt: at(12), reporterId: PEOPLE.leader.id, reporterName: PEOPLE.leader.name, deadlineAt: at(40) }), finally: { status: 'transferred' } },
  // Resolved again after a reopening: waits on the resident like any resolved report.
  {
    draft: draftReport({ id: 'r_o3', createdAt: at(13), reporterId: PEOPLE.leader.id, reporterName: PEOPLE.leader.name, categoryId: 'cat-elevator', categoryName: '电梯故障', deadlineAt: at(25) }),
    finally: { status: 'resolved', reopenCount: 1 },
  },
  { draft: draftReport({ id: 'r_o4', createdAt: at(14), reporterId: PEOPLE.leader.id, reporterName: PEOPLE.leader.name, deadlineAt: at(24) }), finally: { status: 'closed' } },
  { draft: draftReport({ id: 'r_o5', createdAt: at(15), reporterId: PEOPLE.res2.id, reporterName: PEOPLE.res2.name, gridId: 'g-2', deadlineAt: at(200) }), finally: { status: 'rejected' } },
  { draft: draftReport({ id: 'r_o6', createdAt: at(16), reporterId: PEOPLE.res2.id, reporterName: PEOPLE.res2.name, gridId: 'g-2', categoryId: 'cat-elevator', categoryName: '电梯故障', deadlineAt: at(300) }), finally: { status: 'merged' } },
  { draft: draftReport({ id: 'r_o7', createdAt: at(17), reporterId: PEOPLE.res2.id, reporterName: PEOPLE.res2.name, gridId: 'g-2', deadlineAt: at(99.5) }), finally: { status: 'accepted', escalated: true } },
  { draft: draftReport({ id: 'r_o8', createdAt: at(18), reporterId: PEOPLE.res2.id, reporterName: PEOPLE.res2.name, gridId: 'g-1', deadlineAt: at(100) }) },
  // A redone report accepted again, its deadline not passed: urgent until it is resolved again.
  {
    draft: draftReport({ id: 'r_o9', createdAt: at(19), reporterId: PEOPLE.res2.id, reporterName: PEOPLE.res2.name, gridId: 'g-1', deadlineAt: at(100.5) }),
    finally: { status: 'accepted', reopenCount: 2 },
  },
  // The other community.
  {
    draft: draftReport({
      id: 'r_x1',
      communityId: TWO,
      gridId: 'g-x',
      buildingId: 'b-x',
      categoryId: 'cat-x',
      categoryName: '其他',
      reporterId: PEOPLE.other.id,
      reporterName: PEOPLE.other.name,
      createdAt: at(3),
      deadlineAt: at(10),
    }),
  },
]

/** The fixture reports as they stand after the fixture is built (for computing expectations). */
export function finalReports(): Report[] {
  return REPORTS.map(({ draft, finally: end }) => ({
    ...draft,
    ...(end
      ? { status: end.status, escalated: end.escalated ?? false, deadlineAt: end.deadlineAt ?? draft.deadlineAt, reopenCount: end.reopenCount ?? 0, version: 2 }
      : {}),
  }))
}

// ── notices ──────────────────────────────────────────────────────────────────────────────────

const notice = (n: Partial<StoredNotice> & Pick<StoredNotice, 'id' | 'publishedAt'>): StoredNotice => ({
  communityId: ONE,
  scope: { kind: 'community' },
  title: `通知 ${n.id}`,
  body: '内容',
  urgent: false,
  pinned: false,
  authorId: PEOPLE.staff.id,
  authorName: PEOPLE.staff.name,
  ...n,
})

export const NOTICES: StoredNotice[] = [
  notice({ id: 'n_pin', publishedAt: at(10), pinned: true }),
  notice({ id: 'n_urg', publishedAt: at(20), urgent: true }),
  notice({ id: 'n_pinurg', publishedAt: at(5), urgent: true, pinned: true }),
  notice({ id: 'n_3A', publishedAt: at(30) }),
  notice({ id: 'n_3a', publishedAt: at(30) }),
  notice({ id: 'n_b1', publishedAt: at(40), scope: { kind: 'buildings', buildingIds: ['b-1'] }, authorId: PEOPLE.leader.id, authorName: PEOPLE.leader.name }),
  notice({ id: 'n_b2', publishedAt: at(50), scope: { kind: 'buildings', buildingIds: ['b-2'] } }),
  notice({ id: 'n_b12', publishedAt: at(51), scope: { kind: 'buildings', buildingIds: ['b-2', 'b-1'] }, urgent: true }),
  notice({ id: 'n_gone', publishedAt: at(55), expiresAt: at(60) }),
  notice({
    id: 'n_b1gone',
    publishedAt: at(45),
    expiresAt: at(50),
    scope: { kind: 'buildings', buildingIds: ['b-1'] },
    authorId: PEOPLE.leader.id,
    authorName: PEOPLE.leader.name,
  }),
  // Expires exactly at NOW: expired (a notice is live while expiresAt > now).
  notice({ id: 'n_atnow', publishedAt: at(56), expiresAt: NOW }),
  notice({ id: 'n_live', publishedAt: at(35), expiresAt: at(110) }),
  notice({ id: 'n_two', publishedAt: at(1), communityId: TWO, authorId: PEOPLE.other.id, authorName: PEOPLE.other.name }),
]

// ── messages ─────────────────────────────────────────────────────────────────────────────────

type Author = keyof typeof PEOPLE

/** The messages of the fixture, in the order they are inserted. */
export const MESSAGES: Array<{ id: string; thread: string; by: Author; at: string; body: string }> = [
  { id: 'm_01', thread: 'report:r_m1', by: 'res1', at: at(20), body: '路灯还没修' },
  { id: 'm_02', thread: 'report:r_m1', by: 'grid1', at: at(21), body: '明天处理' },
  { id: 'm_03', thread: 'general:u-res2', by: 'res2', at: at(22), body: '请问垃圾几点收' },
  { id: 'm_04', thread: 'report:r_f2', by: 'grid2', at: at(23), body: '已联系物业' },
  { id: 'm_05', thread: 'report:r_m1', by: 'staff', at: at(24), body: '已派单' },
  { id: 'm_06', thread: 'general:u-res2', by: 'staff', at: at(25), body: '早上七点' },
  { id: 'm_07', thread: 'report:r_h1', by: 'staff', at: at(26), body: '已上门' },
  { id: 'm_08', thread: 'general:u-res1', by: 'res1', at: at(27), body: '你好' },
  { id: 'm_09', thread: 'report:r_m1', by: 'res1', at: at(28), body: '谢谢' },
  { id: 'm_10', thread: 'report:r_o1', by: 'grid2', at: at(29), body: '处理中' },
  { id: 'm_11', thread: 'general:u-other', by: 'other', at: at(30), body: '村里的问题' },
  // Two at the same instant: the later insert is the thread's last message.
  { id: 'm_12', thread: 'report:r_f1', by: 'leader', at: at(31), body: '代报跟进' },
  { id: 'm_13', thread: 'report:r_f1', by: 'grid1', at: at(31), body: '收到' },
]

export function newMessage(m: (typeof MESSAGES)[number]): NewMessage {
  const author = PEOPLE[m.by]
  const [kind, subject] = [m.thread.slice(0, m.thread.indexOf(':')), m.thread.slice(m.thread.indexOf(':') + 1)]
  const communityId = m.thread === 'general:u-other' ? TWO : ONE
  return {
    id: m.id,
    threadId: m.thread,
    authorId: author.id,
    authorName: author.name,
    authorRole: author.roles.includes('staff') ? 'staff' : author.roles.includes('grid_worker') ? 'grid_worker' : 'resident',
    body: m.body,
    at: m.at,
    communityId,
    ...(kind === 'report' ? { reportId: subject } : { ownerId: subject }),
  }
}

/** Fill a store: the four communities (TWO set up first: the oldest), the reports, notices and messages. */
export async function buildReadFixture(repos: Repositories): Promise<{ seqs: Map<string, number> }> {
  await repos.directory.createCommunity(setupTwo(), SET_UP[TWO])
  await repos.directory.createCommunity(setupOne(), SET_UP[ONE])
  await repos.directory.createCommunity(setupThree(), SET_UP[THREE])
  await repos.directory.createCommunity(setupFour(), SET_UP[FOUR])
  for (const { draft, finally: end } of REPORTS) {
    const created = await repos.reports.create(draft, submitEvent(draft))
    if (end) {
      const moved = {
        ...created,
        status: end.status,
        escalated: end.escalated ?? false,
        deadlineAt: end.deadlineAt ?? created.deadlineAt,
        reopenCount: end.reopenCount ?? 0,
        version: 2,
        updatedAt: at(99),
      }
      if (!(await repos.reports.update(moved, 1))) throw new Error(`fixture: could not move ${draft.id}`)
    }
  }
  for (const n of NOTICES) await repos.notices.insert(n)
  const seqs = new Map<string, number>()
  for (const m of MESSAGES) seqs.set(m.id, await repos.messages.insert(newMessage(m)))
  return { seqs }
}
