import type { CommunitySetup, PersonRecord } from '../../src/core/ports'
import { createSqlStore } from '../repositories'
import { photoFile, png } from './support/images'
import { DEMO, newKey, startWorld, validReport, type Headers, type World } from './support/world'
import { wordList, wordListCheck } from '../../src/domain/moderation/words'
import { issuePartnerKey, partnerService } from '../admin/partners'
import { expectSpecError } from './support/open311'

/** A word the content check holds for review (the server's word list, as configured by LINLI_CONTENT_WORDS). */
const HELD_MARK = '待审核暗号'

/**
 * Who may do what, asserted as exact status codes: every role × every endpoint × (their own report,
 * somebody else's). Reading a report one may not read is 404 (existence is not revealed); acting on
 * a readable report without the right is 403; a move the status does not allow is 409.
 */

type Role = 'owner' | 'otherResident' | 'leader' | 'gridWorkerIn' | 'gridWorkerOther' | 'staff' | 'admin' | 'otherCommunityStaff' | 'anonymous'

const USER: Record<Exclude<Role, 'anonymous'>, string> = {
  owner: DEMO.owner, // resident of 3号楼, grid g-2
  otherResident: DEMO.neighbour, // resident of 3号楼
  leader: DEMO.leader, // building leader of 3号楼: no say over reports
  gridWorkerIn: DEMO.gridWorker2, // g-2: the owner's grid
  gridWorkerOther: DEMO.gridWorker1, // g-1
  staff: DEMO.staff,
  admin: DEMO.admin,
  otherCommunityStaff: 'u-other-staff', // staff of another community
}
const ROLES = [...(Object.keys(USER) as Role[]), 'anonymous' as const]

let world: World
beforeAll(async () => {
  const generous = { max: 10_000, timeWindowMs: 60_000 }
  // The tests' content check (issue 13): only texts marked 【审核】 are held, for the moderation rows.
  world = await startWorld({ rateLimits: { submit: generous, redeem: generous }, contentCheck: wordListCheck(wordList([{ action: 'review', word: HELD_MARK }])) })
  // A second community of another street, to show that staff (and street officers') rights stop at its edge.
  await createSqlStore(world.db).directory.createCommunity(OTHER_VILLAGE, new Date().toISOString())
})

const outside = (id: string, name: string): PersonRecord => ({ id, name, phone: '', roles: ['resident'], gridIds: [], leadsBuildingIds: [], description: `矩阵 · ${name}`, outside: true })

/** 临溪村 of 某镇: its staff member, and people of no community yet who serve the issue-10 matrix. */
const OTHER_VILLAGE: CommunitySetup = {
  community: { id: 'c-other', name: '临溪村', kind: 'village', district: '某县某镇', streetId: 's-other', streetName: '某镇' },
  street: { id: 's-other', name: '某镇', district: '某县' },
  joinCode: 'LXLX22',
  reportPrefix: 'LX',
  grids: [{ id: 'g-other', communityId: 'c-other', name: '一组' }],
  buildings: [{ id: 'b-other', communityId: 'c-other', gridId: 'g-other', name: '一组1号', rooms: ['101'] }],
  departments: [],
  categories: [{ id: 'cat-village', name: '其他', guidance: '', deadlineHours: 72 }],
  replyTemplates: [],
  people: [
    { id: 'u-other-staff', name: '村干部', phone: '13900000000', roles: ['staff'], gridIds: [], leadsBuildingIds: [], description: '临溪村 · 村干部' },
    // One who claims 3号楼402 of 映月社区 again and again; one invited as a grid worker again and again; one who stays outside.
    outside('u-m-claimant', '矩阵申请人'),
    outside('u-m-worker', '矩阵网格员'),
    outside('u-m-newcomer', '矩阵新人'),
  ],
}
afterAll(() => world.close())

const headersOf = async (role: Role): Promise<Headers> => (role === 'anonymous' ? {} : world.as(USER[role]))

/** A new report: the role's own, or somebody else's (the owner's; for the owner, a neighbour's). */
async function reportFor(role: Role, object: 'own' | 'other'): Promise<string> {
  if (object === 'own') {
    const user = role === 'otherCommunityStaff' ? USER.otherCommunityStaff : USER[role as Exclude<Role, 'anonymous'>]
    const body = role === 'otherCommunityStaff' ? validReport({ categoryId: 'cat-village' }) : validReport()
    return world.file(await world.as(user), body)
  }
  return world.file(await world.as(role === 'owner' ? DEMO.neighbour : DEMO.owner))
}

type Call = (headers: Headers, id: string) => ReturnType<World['inject']>
const get: Call = (headers, id) => world.inject({ url: `/api/v1/reports/${id}`, headers })
const rate: Call = (headers, id) => world.inject({ method: 'POST', url: `/api/v1/reports/${id}/rating`, headers, payload: { level: 'satisfied', comment: '' } })
const meToo: Call = (headers, id) => world.inject({ method: 'POST', url: `/api/v1/reports/${id}/me-too`, headers })
const move =
  (name: string, payload: object = {}): Call =>
  (headers, id) =>
    world.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions/${name}`, headers, payload })

// Expected status per role, for somebody else's report (in the owner's grid g-2, status submitted).
const ON_OTHERS: Array<[string, Call, Record<Role, number>]> = [
  ['GET /reports/:id', get, { owner: 404, otherResident: 404, leader: 404, gridWorkerIn: 200, gridWorkerOther: 404, staff: 200, admin: 404, otherCommunityStaff: 404, anonymous: 401 }],
  ['POST /reports/:id/rating', rate, { owner: 404, otherResident: 404, leader: 404, gridWorkerIn: 403, gridWorkerOther: 404, staff: 403, admin: 404, otherCommunityStaff: 404, anonymous: 401 }],
  // 附议 is for residents (the leader is one): handlers and admins get 403.
  ['POST /reports/:id/me-too', meToo, { owner: 200, otherResident: 200, leader: 200, gridWorkerIn: 403, gridWorkerOther: 403, staff: 403, admin: 403, otherCommunityStaff: 404, anonymous: 401 }],
  ['POST …/actions/accept', move('accept'), { owner: 404, otherResident: 404, leader: 404, gridWorkerIn: 200, gridWorkerOther: 404, staff: 200, admin: 404, otherCommunityStaff: 404, anonymous: 401 }],
  ['POST …/actions/reject', move('reject', { reason: '不属于本社区管辖' }), { owner: 404, otherResident: 404, leader: 404, gridWorkerIn: 403, gridWorkerOther: 404, staff: 200, admin: 404, otherCommunityStaff: 404, anonymous: 401 }],
  ['POST …/actions/escalate', move('escalate', { note: '请加快处理' }), { owner: 404, otherResident: 404, leader: 404, gridWorkerIn: 403, gridWorkerOther: 404, staff: 200, admin: 404, otherCommunityStaff: 404, anonymous: 401 }],
  ['POST …/actions/resolve (not yet accepted)', move('resolve', { note: '已处理' }), { owner: 404, otherResident: 404, leader: 404, gridWorkerIn: 409, gridWorkerOther: 404, staff: 409, admin: 404, otherCommunityStaff: 404, anonymous: 401 }],
  ['POST …/actions/transfer', move('transfer', { target: { kind: 'grid', id: 'g-1' }, note: '转给第一网格' }), { owner: 404, otherResident: 404, leader: 404, gridWorkerIn: 200, gridWorkerOther: 404, staff: 200, admin: 404, otherCommunityStaff: 404, anonymous: 401 }],
]

// For the role's own report (filed by them; handlers without a home file into the first grid, g-1).
const ON_OWN: Array<[string, Call, Record<Exclude<Role, 'anonymous'>, number>]> = [
  ['GET /reports/:id', get, { owner: 200, otherResident: 200, leader: 200, gridWorkerIn: 200, gridWorkerOther: 200, staff: 200, admin: 200, otherCommunityStaff: 200 }],
  ['POST /reports/:id/rating (not resolved yet)', rate, { owner: 409, otherResident: 409, leader: 409, gridWorkerIn: 409, gridWorkerOther: 409, staff: 409, admin: 409, otherCommunityStaff: 409 }],
  ['POST /reports/:id/me-too', meToo, { owner: 409, otherResident: 409, leader: 409, gridWorkerIn: 403, gridWorkerOther: 403, staff: 403, admin: 403, otherCommunityStaff: 403 }],
  ['POST …/actions/accept', move('accept'), { owner: 403, otherResident: 403, leader: 403, gridWorkerIn: 403, gridWorkerOther: 200, staff: 200, admin: 403, otherCommunityStaff: 200 }],
]

// Endpoints without an object.
const PLAIN: Array<[string, (headers: Headers) => ReturnType<World['inject']>, Record<Role, number>]> = [
  ['GET /session', (h) => world.inject({ url: '/api/v1/session', headers: h }), all(200)],
  ['GET /community', (h) => world.inject({ url: '/api/v1/community', headers: h }), all(200)],
  ['GET /reports/mine', (h) => world.inject({ url: '/api/v1/reports/mine', headers: h }), all(200)],
  ['GET /reports/public', (h) => world.inject({ url: '/api/v1/reports/public', headers: h }), all(200)],
  [
    'POST /reports',
    (h) =>
      world.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { ...h, 'idempotency-key': newKey() },
        payload: h.authorization === OTHER_COMMUNITY_TOKEN.value ? validReport({ categoryId: 'cat-village' }) : validReport(),
      }),
    all(201),
  ],
  [
    'POST /photos',
    (h) => {
      const body = photoFile(png())
      return world.inject({ method: 'POST', url: '/api/v1/photos', headers: { ...h, ...body.headers }, payload: body.payload })
    },
    all(201),
  ],
  ['GET /inbox', (h) => world.inject({ url: '/api/v1/inbox', headers: h }), handlersOnly()],
  ['GET /reply-templates', (h) => world.inject({ url: '/api/v1/reply-templates', headers: h }), handlersOnly()],
  ['GET /session/demo-accounts (demo mode)', (h) => world.inject({ url: '/api/v1/session/demo-accounts', headers: h }), { ...all(200), anonymous: 200 }],
  ['POST /session/wechat (not configured)', (h) => world.inject({ method: 'POST', url: '/api/v1/session/wechat', headers: h, payload: { code: 'c' } }), { ...all(501), anonymous: 501 }],
]
const OTHER_COMMUNITY_TOKEN = { value: '' }

function all(status: number): Record<Role, number> {
  return Object.fromEntries(ROLES.map((r) => [r, r === 'anonymous' ? 401 : status])) as Record<Role, number>
}
function handlersOnly(): Record<Role, number> {
  return { owner: 403, otherResident: 403, leader: 403, gridWorkerIn: 200, gridWorkerOther: 200, staff: 200, admin: 403, otherCommunityStaff: 200, anonymous: 401 }
}

describe('authorization matrix: somebody else’s report', () => {
  it.each(ON_OTHERS.flatMap(([name, call, expected]) => ROLES.map((role) => [name, role, expected[role], call] as const)))(
    '%s as %s → %i',
    async (_name, role, status, call) => {
      const id = await reportFor(role, 'other')
      const response = await call(await headersOf(role), id)
      expect(`${response.statusCode} ${response.statusCode >= 400 ? response.json().error.kind : ''}`).toBe(`${status} ${kindOf(status)}`)
    },
  )
})

describe('authorization matrix: their own report', () => {
  it.each(ON_OWN.flatMap(([name, call, expected]) => (Object.keys(expected) as Array<keyof typeof expected>).map((role) => [name, role, expected[role], call] as const)))(
    '%s as %s → %i',
    async (_name, role, status, call) => {
      const id = await reportFor(role, 'own')
      const response = await call(await headersOf(role), id)
      expect(`${response.statusCode} ${response.statusCode >= 400 ? response.json().error.kind : ''}`).toBe(`${status} ${kindOf(status)}`)
    },
  )
})

describe('authorization matrix: endpoints without an object', () => {
  beforeAll(async () => {
    OTHER_COMMUNITY_TOKEN.value = (await world.as(USER.otherCommunityStaff)).authorization
  })
  it.each(PLAIN.flatMap(([name, call, expected]) => ROLES.map((role) => [name, role, expected[role], call] as const)))('%s as %s → %i', async (_name, role, status, call) => {
    const response = await call(await headersOf(role))
    expect(`${response.statusCode} ${response.statusCode >= 400 ? response.json().error.kind : ''}`).toBe(`${status} ${kindOf(status)}`)
  })

  it.each(ROLES)('DELETE /session as %s', async (role) => {
    if (role === 'anonymous') {
      expect((await world.inject({ method: 'DELETE', url: '/api/v1/session' })).statusCode).toBe(401)
      return
    }
    const { token } = (await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: USER[role] } })).json()
    expect((await world.inject({ method: 'DELETE', url: '/api/v1/session', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(204)
  })
})

describe('unknown reports', () => {
  it.each(ROLES)('GET and POST on a report that does not exist, as %s', async (role) => {
    const headers = await headersOf(role)
    const expected = role === 'anonymous' ? 401 : 404
    for (const call of [get, rate, meToo, move('accept')]) expect((await call(headers, 'r_doesnotexist')).statusCode).toBe(expected)
  })
})

describe('what other people see of a readable report', () => {
  it('never shows another community’s staff the report in lists', async () => {
    const id = await reportFor('staff', 'other')
    const headers = await world.as(USER.otherCommunityStaff)
    const inbox = (await world.inject({ url: '/api/v1/inbox?limit=50', headers })).json()
    const open = (await world.inject({ url: '/api/v1/reports/public?limit=50', headers })).json()
    expect([...inbox.items, ...open.items].some((i: { id: string }) => i.id === id)).toBe(false)
  })
})

function kindOf(status: number): string {
  return (
    { 200: '', 201: '', 204: '', 400: 'validation', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'validation', 501: 'not_supported' } as Record<number, string>
  )[status]
}

// ── issue 4: messages, notices, the dashboard, 代报 ────────────────────────────────────────────────

type Inject = ReturnType<World['inject']>
const enc = encodeURIComponent
const except = (base: Record<Role, number>, over: Partial<Record<Role, number>>): Record<Role, number> => ({ ...base, ...over })
const only = (allowed: Partial<Record<Role, number>>, refused: number): Record<Role, number> =>
  Object.fromEntries(ROLES.map((r) => [r, r === 'anonymous' ? 401 : (allowed[r] ?? refused)])) as Record<Role, number>

const newNotice = (scope: object) => ({ title: '矩阵测试通知', body: '本周六上午停水，请提前储水。', scope, urgent: false, pinned: false })
const onBehalfBody = (buildingId: string, room: string) => ({ ...validReport(), onBehalfOf: { buildingId, room } })

// Endpoints without an object (the caller's own threads, notices, dashboard; publishing and 代报 by scope).
const PLAIN_ISSUE4: Array<[string, (h: Headers) => Inject, Record<Role, number>]> = [
  ['GET /threads', (h) => world.inject({ url: '/api/v1/threads', headers: h }), all(200)],
  ['GET /messages/unread-count', (h) => world.inject({ url: '/api/v1/messages/unread-count', headers: h }), all(200)],
  ['POST /threads/general/messages', (h) => world.inject({ method: 'POST', url: '/api/v1/threads/general/messages', headers: h, payload: { body: '请问社区几点下班？' } }), all(201)],
  ['GET /notices', (h) => world.inject({ url: '/api/v1/notices', headers: h }), all(200)],
  ['GET /notices/unread-count', (h) => world.inject({ url: '/api/v1/notices/unread-count', headers: h }), all(200)],
  [
    'POST /notices to the community',
    (h) => world.inject({ method: 'POST', url: '/api/v1/notices', headers: h, payload: newNotice({ kind: 'community' }) }),
    only({ staff: 201, otherCommunityStaff: 201 }, 403),
  ],
  [
    'POST /notices to 3号楼 (the leader’s)',
    (h) => world.inject({ method: 'POST', url: '/api/v1/notices', headers: h, payload: newNotice({ kind: 'buildings', buildingIds: ['b-3'] }) }),
    only({ staff: 201, leader: 201 }, 403),
  ],
  [
    'POST /notices to 1号楼 (not the leader’s)',
    (h) => world.inject({ method: 'POST', url: '/api/v1/notices', headers: h, payload: newNotice({ kind: 'buildings', buildingIds: ['b-1'] }) }),
    only({ staff: 201 }, 403),
  ],
  [
    'GET /dashboard',
    (h) => world.inject({ url: `/api/v1/dashboard?from=${enc('2026-11-01T00:00:00.000Z')}&to=${enc('2026-12-01T00:00:00.000Z')}`, headers: h }),
    only({ staff: 200, otherCommunityStaff: 200 }, 403),
  ],
  [
    'POST /reports/on-behalf for 3号楼301 (the leader’s)',
    (h) => world.inject({ method: 'POST', url: '/api/v1/reports/on-behalf', headers: { ...h, 'idempotency-key': newKey() }, payload: onBehalfBody('b-3', '301') }),
    // Another community's staff do not know 3号楼: a field error, as for any unknown building.
    only({ staff: 201, leader: 201, otherCommunityStaff: 422 }, 403),
  ],
  [
    'POST /reports/on-behalf for 1号楼101 (not the leader’s)',
    (h) => world.inject({ method: 'POST', url: '/api/v1/reports/on-behalf', headers: { ...h, 'idempotency-key': newKey() }, payload: onBehalfBody('b-1', '101') }),
    only({ staff: 201, otherCommunityStaff: 422 }, 403),
  ],
]

describe('authorization matrix: messages, notices, dashboard and 代报 without an object', () => {
  it.each(PLAIN_ISSUE4.flatMap(([name, call, expected]) => ROLES.map((role) => [name, role, expected[role], call] as const)))('%s as %s → %i', async (_name, role, status, call) => {
    const response = await call(await headersOf(role))
    expect(`${response.statusCode} ${response.statusCode >= 400 ? response.json().error.kind : ''}`).toBe(`${status} ${kindOf(status)}`)
  })
})

// Objects: a report's thread (the owner's report, grid g-2), the owner's general thread, a leader's
// 3号楼 broadcast and a staff member's community notice.
type ObjectCall = (h: Headers, id: string) => Inject
const threadPage: ObjectCall = (h, id) => world.inject({ url: `/api/v1/threads/${enc(id)}/messages`, headers: h })
const threadPost: ObjectCall = (h, id) => world.inject({ method: 'POST', url: `/api/v1/threads/${enc(id)}/messages`, headers: h, payload: { body: '请问进展如何？' } })
const threadRead: ObjectCall = (h, id) => world.inject({ method: 'POST', url: `/api/v1/threads/${enc(id)}/read`, headers: h })
const reportPost: ObjectCall = (h, id) => world.inject({ method: 'POST', url: `/api/v1/reports/${id}/messages`, headers: h, payload: { body: '请问进展如何？' } })
const noticeGet: ObjectCall = (h, id) => world.inject({ url: `/api/v1/notices/${id}`, headers: h })
const noticeRead: ObjectCall = (h, id) => world.inject({ method: 'POST', url: `/api/v1/notices/${id}/read`, headers: h })
const receipts: ObjectCall = (h, id) => world.inject({ url: `/api/v1/notices/${id}/receipts`, headers: h })

const ON_REPORT_THREAD = { owner: 200, otherResident: 404, leader: 404, gridWorkerIn: 200, gridWorkerOther: 404, staff: 200, admin: 404, otherCommunityStaff: 404, anonymous: 401 }
const ON_GENERAL_THREAD = only({ owner: 200, staff: 200 }, 404)
// 3号楼: the owner, the neighbour and the leader live there or lead it; grid workers and the admin have no home.
const ON_B3_NOTICE = { owner: 200, otherResident: 200, leader: 200, gridWorkerIn: 404, gridWorkerOther: 404, staff: 200, admin: 404, otherCommunityStaff: 404, anonymous: 401 }
const ON_COMMUNITY_NOTICE = except(all(200), { otherCommunityStaff: 404 })
const as204 = (m: Record<Role, number>) => Object.fromEntries(Object.entries(m).map(([r, s]) => [r, s === 200 ? 204 : s])) as Record<Role, number>
const as201 = (m: Record<Role, number>) => Object.fromEntries(Object.entries(m).map(([r, s]) => [r, s === 200 ? 201 : s])) as Record<Role, number>

const OBJECTS: Array<[string, 'reportThread' | 'generalThread' | 'b3Notice' | 'communityNotice', ObjectCall, Record<Role, number>]> = [
  ['GET /threads/report:…/messages', 'reportThread', threadPage, ON_REPORT_THREAD],
  ['POST /threads/report:…/messages', 'reportThread', threadPost, as201(ON_REPORT_THREAD)],
  ['POST /threads/report:…/read', 'reportThread', threadRead, as204(ON_REPORT_THREAD)],
  ['POST /reports/:id/messages', 'reportThread', (h, id) => reportPost(h, id.slice('report:'.length)), as201(ON_REPORT_THREAD)],
  ['GET /threads/general:owner/messages', 'generalThread', threadPage, ON_GENERAL_THREAD],
  ['POST /threads/general:owner/messages', 'generalThread', threadPost, as201(ON_GENERAL_THREAD)],
  ['POST /threads/general:owner/read', 'generalThread', threadRead, as204(ON_GENERAL_THREAD)],
  ['GET /notices/:id (3号楼 broadcast)', 'b3Notice', noticeGet, ON_B3_NOTICE],
  ['POST /notices/:id/read (3号楼 broadcast)', 'b3Notice', noticeRead, as204(ON_B3_NOTICE)],
  // Receipts: the author (the leader) and staff; others who see it are refused, the rest do not see it.
  ['GET /notices/:id/receipts (3号楼 broadcast)', 'b3Notice', receipts, except(ON_B3_NOTICE, { owner: 403, otherResident: 403 })],
  ['GET /notices/:id (community notice)', 'communityNotice', noticeGet, ON_COMMUNITY_NOTICE],
  ['POST /notices/:id/read (community notice)', 'communityNotice', noticeRead, as204(ON_COMMUNITY_NOTICE)],
  ['GET /notices/:id/receipts (community notice)', 'communityNotice', receipts, except(only({ staff: 200 }, 403), { otherCommunityStaff: 404 })],
]

describe('authorization matrix: threads and notices', () => {
  const ids: Record<string, string> = {}
  beforeAll(async () => {
    const owner = await world.as(USER.owner)
    ids.reportThread = `report:${await world.file(owner)}`
    const general = await world.inject({ method: 'POST', url: '/api/v1/threads/general/messages', headers: owner, payload: { body: '社区几点下班？' } })
    ids.generalThread = general.json().threadId
    const b3 = await world.inject({ method: 'POST', url: '/api/v1/notices', headers: await world.as(USER.leader), payload: newNotice({ kind: 'buildings', buildingIds: ['b-3'] }) })
    ids.b3Notice = b3.json().id
    const community = await world.inject({ method: 'POST', url: '/api/v1/notices', headers: await world.as(USER.staff), payload: newNotice({ kind: 'community' }) })
    ids.communityNotice = community.json().id
  })

  it.each(OBJECTS.flatMap(([name, object, call, expected]) => ROLES.map((role) => [name, role, expected[role], object, call] as const)))(
    '%s as %s → %i',
    async (_name, role, status, object, call) => {
      const response = await call(await headersOf(role), ids[object])
      expect(`${response.statusCode} ${response.statusCode >= 400 ? response.json().error.kind : ''}`).toBe(`${status} ${kindOf(status)}`)
    },
  )

  it('hides a 3号楼 broadcast from residents of other buildings (404), however they ask', async () => {
    for (const who of [DEMO.chen, DEMO.zhao]) {
      const h = await world.as(who)
      for (const call of [noticeGet, noticeRead, receipts]) expect((await call(h, ids.b3Notice)).statusCode).toBe(404)
    }
  })
})

describe('grid workers outside their grid on the handling routes', () => {
  it('answers 404 for every move and the thread of a report in another grid, and leaves it out of their inbox', async () => {
    const id = await world.file(await world.as(USER.owner))
    const outsider = await world.as(USER.gridWorkerOther)
    for (const [name, payload] of [
      ['accept', {}],
      ['assign', { assignee: { kind: 'user', id: 'u-liu' } }],
      ['transfer', { target: { kind: 'grid', id: 'g-1' }, note: '转给我' }],
      ['progress', { note: '已上门' }],
      ['resolve', { note: '已处理' }],
      ['close', {}],
    ] as const) {
      const response = await world.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions/${name}`, headers: outsider, payload })
      expect(`${name} ${response.statusCode}`).toBe(`${name} 404`)
    }
    expect((await reportPost(outsider, id)).statusCode).toBe(404)
    const inbox = (await world.inject({ url: '/api/v1/inbox?gridId=g-2&limit=50', headers: outsider })).json()
    expect(inbox.items).toEqual([])
    // Their own grid's worker may act on it.
    expect((await world.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions/accept`, headers: await world.as(USER.gridWorkerIn), payload: {} })).statusCode).toBe(200)
  })

  it('refuses residents the staff actions (403 on a report they may read)', async () => {
    const owner = await world.as(USER.owner)
    const id = await world.file(owner)
    for (const name of ['accept', 'reject', 'assign', 'escalate', 'close', 'merge']) {
      const response = await world.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions/${name}`, headers: owner, payload: {} })
      expect(`${name} ${response.statusCode}`).toBe(`${name} 403`)
    }
  })
})

// ── issue 10: communities, households, invitations, people, profile, the admin structure ───────────

type Role10 = 'resident' | 'leader' | 'gridWorker' | 'staff' | 'admin' | 'newcomer' | 'street' | 'otherStaff' | 'anonymous'
const USER10: Record<Exclude<Role10, 'anonymous'>, string> = {
  resident: DEMO.owner, // 3号楼201
  leader: DEMO.leader, // leads 3号楼 and 5号楼
  gridWorker: DEMO.gridWorker2,
  staff: DEMO.staff,
  admin: DEMO.admin,
  newcomer: 'u-m-newcomer', // signed in, no community yet
  street: 'u-street', // 东亭街道: 映月社区 and 春晖社区, not 临溪村
  otherStaff: 'u-other-staff', // 临溪村
}
const ROLES10 = [...(Object.keys(USER10) as Role10[]), 'anonymous' as const]
const headers10 = async (role: Role10): Promise<Headers> => (role === 'anonymous' ? {} : world.as(USER10[role]))
const every = (status: number): Record<Role10, number> => Object.fromEntries(ROLES10.map((r) => [r, r === 'anonymous' ? 401 : status])) as Record<Role10, number>
const allowed10 = (ok: Partial<Record<Role10, number>>, refused: number): Record<Role10, number> => ({ ...every(refused), ...ok })

const range10 = `from=${enc('2026-11-01T00:00:00.000Z')}&to=${enc('2026-12-01T00:00:00.000Z')}`
const gridInvite = { role: 'grid_worker', gridIds: ['g-2'], buildingIds: [], note: '', expiresInHours: 24 }

const PLAIN_ISSUE10: Array<[string, (h: Headers) => Inject, Record<Role10, number>]> = [
  ['GET /communities?q=', (h) => world.inject({ url: `/api/v1/communities?q=${enc('映月')}`, headers: h }), every(200)],
  ['GET /communities/by-code/:code', (h) => world.inject({ url: '/api/v1/communities/by-code/YYDEMO', headers: h }), every(200)],
  ['GET /street/communities', (h) => world.inject({ url: '/api/v1/street/communities', headers: h }), allowed10({ street: 200 }, 403)],
  ['GET /community/join-code', (h) => world.inject({ url: '/api/v1/community/join-code', headers: h }), allowed10({ staff: 200, admin: 200, otherStaff: 200 }, 403)],
  ['GET /households/mine', (h) => world.inject({ url: '/api/v1/households/mine', headers: h }), every(200)],
  ['GET /household-claims', (h) => world.inject({ url: '/api/v1/household-claims', headers: h }), allowed10({ staff: 200, leader: 200, otherStaff: 200 }, 403)],
  ['GET /invites', (h) => world.inject({ url: '/api/v1/invites', headers: h }), allowed10({ staff: 200, admin: 200, otherStaff: 200 }, 403)],
  [
    'POST /invites (a grid worker of 第二网格)',
    (h) => world.inject({ method: 'POST', url: '/api/v1/invites', headers: h, payload: gridInvite }),
    // Another community's staff may invite, but not to a grid they do not have.
    allowed10({ staff: 201, admin: 201, otherStaff: 422 }, 403),
  ],
  ['GET /people', (h) => world.inject({ url: '/api/v1/people', headers: h }), allowed10({ staff: 200, admin: 200, otherStaff: 200 }, 403)],
  ['GET /profile', (h) => world.inject({ url: '/api/v1/profile', headers: h }), every(200)],
  ['PATCH /profile (no change)', (h) => world.inject({ method: 'PATCH', url: '/api/v1/profile', headers: h, payload: {} }), every(200)],
  ['GET /profile/export', (h) => world.inject({ url: '/api/v1/profile/export', headers: h }), every(200)],
  ['GET /admin/structure', (h) => world.inject({ url: '/api/v1/admin/structure', headers: h }), allowed10({ admin: 200 }, 403)],
  [
    'GET /dashboard?communityId=c-yingyue',
    (h) => world.inject({ url: `/api/v1/dashboard?${range10}&communityId=c-yingyue`, headers: h }),
    allowed10({ staff: 200, street: 200, otherStaff: 404 }, 403),
  ],
  [
    'GET /dashboard?communityId=c-chunhui (the street’s other community)',
    (h) => world.inject({ url: `/api/v1/dashboard?${range10}&communityId=c-chunhui`, headers: h }),
    allowed10({ staff: 404, street: 200, otherStaff: 404 }, 403),
  ],
  [
    'GET /dashboard?communityId=c-other (another street)',
    (h) => world.inject({ url: `/api/v1/dashboard?${range10}&communityId=c-other`, headers: h }),
    allowed10({ staff: 404, street: 404, otherStaff: 200 }, 403),
  ],
]

describe('authorization matrix: issue 10 without an object', () => {
  it.each(PLAIN_ISSUE10.flatMap(([name, call, expected]) => ROLES10.map((role) => [name, role, expected[role], call] as const)))('%s as %s → %i', async (_name, role, status, call) => {
    const response = await call(await headers10(role))
    expect(`${response.statusCode} ${response.statusCode >= 400 ? response.json().error.kind : ''}`).toBe(`${status} ${kindOf(status)}`)
  })
})

// Objects of 映月社区, made afresh for each call: a pending claim of 3号楼402, a verified member
// there, an open invite, a grid worker who came by invitation.
async function must(response: Awaited<Inject>, status = 200): Promise<Record<string, unknown>> {
  if (response.statusCode !== status) throw new Error(`set-up: expected ${status}, got ${response.statusCode} ${response.body}`)
  return response.json()
}
async function freshClaim(): Promise<string> {
  const claimant = await world.as('u-m-claimant')
  const mine = (await must(await world.inject({ url: '/api/v1/households/mine', headers: claimant }))) as { household?: unknown; claims: Array<{ id: string; status: string }> }
  if (mine.household) await must(await world.inject({ method: 'POST', url: '/api/v1/households/mine/leave', headers: claimant }))
  for (const c of mine.claims.filter((c) => c.status === 'pending')) await must(await world.inject({ method: 'POST', url: `/api/v1/household-claims/${c.id}/withdraw`, headers: claimant }))
  await must(await world.inject({ method: 'POST', url: '/api/v1/me/community', headers: claimant, payload: { communityId: 'c-yingyue' } }))
  const claim = await must(
    await world.inject({ method: 'POST', url: '/api/v1/household-claims', headers: claimant, payload: { buildingId: 'b-3', room: '402', name: '矩阵申请人', phone: '13912345678' } }),
    201,
  )
  return claim.id as string
}
async function freshMember(): Promise<string> {
  const id = await freshClaim()
  await must(await world.inject({ method: 'POST', url: `/api/v1/household-claims/${id}/approve`, headers: await world.as(DEMO.staff) }))
  return 'u-m-claimant'
}
async function freshInvite(): Promise<string> {
  return (await must(await world.inject({ method: 'POST', url: '/api/v1/invites', headers: await world.as(DEMO.staff), payload: gridInvite }), 201)).id as string
}
async function freshWorker(): Promise<string> {
  const invite = await must(await world.inject({ method: 'POST', url: '/api/v1/invites', headers: await world.as(DEMO.staff), payload: gridInvite }), 201)
  await must(await world.inject({ method: 'POST', url: '/api/v1/invites/redeem', headers: await world.as('u-m-worker'), payload: { code: invite.code } }))
  return 'u-m-worker'
}

// Who reviews 3号楼's claims: staff and its leader; others of the community are refused; outsiders do not see it.
const REVIEW = allowed10({ staff: 200, leader: 200, resident: 403, gridWorker: 403, admin: 403 }, 404)
// Taking out a member, choosing the representative: the same people; outsiders are refused before the person is looked up.
const MEMBER = allowed10({ staff: 200, leader: 200, otherStaff: 404 }, 403)
// Managing invites and roles: staff and admins; another community's staff do not find it.
const MANAGE = allowed10({ staff: 200, admin: 200, otherStaff: 404 }, 403)

const OBJECTS_ISSUE10: Array<[string, () => Promise<string>, (h: Headers, id: string) => Inject, Record<Role10, number>]> = [
  ['POST /household-claims/:id/approve', freshClaim, (h, id) => world.inject({ method: 'POST', url: `/api/v1/household-claims/${id}/approve`, headers: h }), REVIEW],
  [
    'POST /household-claims/:id/reject',
    freshClaim,
    (h, id) => world.inject({ method: 'POST', url: `/api/v1/household-claims/${id}/reject`, headers: h, payload: { reason: '房号与登记不符' } }),
    REVIEW,
  ],
  // Only the claimant may take it back: to everyone else it does not exist.
  ['POST /household-claims/:id/withdraw (somebody else’s)', freshClaim, (h, id) => world.inject({ method: 'POST', url: `/api/v1/household-claims/${id}/withdraw`, headers: h }), every(404)],
  [
    'POST /households/members/:userId/remove',
    freshMember,
    (h, id) => world.inject({ method: 'POST', url: `/api/v1/households/members/${id}/remove`, headers: h, payload: { reason: '已搬离本社区' } }),
    MEMBER,
  ],
  ['PUT /households/representative', freshMember, (h, id) => world.inject({ method: 'PUT', url: '/api/v1/households/representative', headers: h, payload: { userId: id } }), MEMBER],
  ['POST /invites/:id/cancel', freshInvite, (h, id) => world.inject({ method: 'POST', url: `/api/v1/invites/${id}/cancel`, headers: h }), MANAGE],
  // No mini-program code API here: those who may ask are told it is not offered.
  ['GET /invites/:id/qr-code', freshInvite, (h, id) => world.inject({ url: `/api/v1/invites/${id}/qr-code`, headers: h }), { ...MANAGE, staff: 501, admin: 501 }],
  ['POST /people/:userId/revoke', freshWorker, (h, id) => world.inject({ method: 'POST', url: `/api/v1/people/${id}/revoke`, headers: h, payload: { role: 'grid_worker' } }), MANAGE],
]

describe('authorization matrix: issue-10 objects of 映月社区', () => {
  it.each(OBJECTS_ISSUE10.flatMap(([name, make, call, expected]) => ROLES10.map((role) => [name, role, expected[role], make, call] as const)))(
    '%s as %s → %i',
    async (_name, role, status, make, call) => {
      const id = await make()
      const response = await call(await headers10(role), id)
      expect(`${response.statusCode} ${response.statusCode >= 400 ? response.json().error.kind : ''}`).toBe(`${status} ${kindOf(status)}`)
    },
  )

  it('answers unknown claims not_found to everyone who is signed in, before any role check', async () => {
    for (const role of ROLES10) {
      const h = await headers10(role)
      for (const move of ['approve', 'withdraw']) {
        const response = await world.inject({ method: 'POST', url: `/api/v1/household-claims/hc_nothing/${move}`, headers: h })
        expect(`${role} ${move} ${response.statusCode}`).toBe(`${role} ${move} ${role === 'anonymous' ? 401 : 404}`)
      }
    }
  })
})

// ── issue 13: the moderation queue and the audit log ──────────────────────────────────────────────

const PLAIN_ISSUE13: Array<[string, (h: Headers) => Inject, Record<Role10, number>]> = [
  ['GET /moderation/items', (h) => world.inject({ url: '/api/v1/moderation/items', headers: h }), allowed10({ staff: 200, admin: 200, otherStaff: 200 }, 403)],
  // A street officer names the community (422 without one); the rest read their own.
  ['GET /audit', (h) => world.inject({ url: '/api/v1/audit', headers: h }), allowed10({ staff: 200, admin: 200, otherStaff: 200, street: 422 }, 403)],
  ['GET /audit?communityId=c-yingyue', (h) => world.inject({ url: '/api/v1/audit?communityId=c-yingyue', headers: h }), allowed10({ staff: 200, admin: 200, street: 200, otherStaff: 404 }, 403)],
  // Who may read is decided before the filter is looked at (403 before 400).
  ['GET /audit?action=report.delete', (h) => world.inject({ url: '/api/v1/audit?action=report.delete', headers: h }), allowed10({ staff: 400, admin: 400, otherStaff: 400, street: 422 }, 403)],
]

describe('authorization matrix: issue 13 without an object', () => {
  it.each(PLAIN_ISSUE13.flatMap(([name, call, expected]) => ROLES10.map((role) => [name, role, expected[role], call] as const)))('%s as %s → %i', async (_name, role, status, call) => {
    const response = await call(await headers10(role))
    expect(`${response.statusCode} ${response.statusCode >= 400 ? response.json().error.kind : ''}`).toBe(`${status} ${kindOf(status)}`)
  })
})

/** A held message of 王秀兰's (the keyword checker holds it), made afresh: its item in 映月社区's queue. */
async function freshHeldItem(): Promise<string> {
  const sent = await must(await world.inject({ method: 'POST', url: '/api/v1/threads/general/messages', headers: await world.as(DEMO.owner), payload: { body: `请问社区几点下班${HELD_MARK}` } }), 201)
  const queue = (await must(await world.inject({ url: '/api/v1/moderation/items?limit=50', headers: await world.as(DEMO.staff) }))) as { items: Array<{ id: string; subject: { id: string } }> }
  return queue.items.find((i) => i.subject.id === sent.id)!.id
}

// Deciding: staff and admins of the community; another community's staff do not find it; the rest are refused.
const DECIDE = allowed10({ staff: 200, admin: 200, otherStaff: 404 }, 403)

const OBJECTS_ISSUE13: Array<[string, (h: Headers, id: string) => Inject, Record<Role10, number>]> = [
  ['POST /moderation/items/:id/approve', (h, id) => world.inject({ method: 'POST', url: `/api/v1/moderation/items/${id}/approve`, headers: h }), DECIDE],
  ['POST /moderation/items/:id/reject', (h, id) => world.inject({ method: 'POST', url: `/api/v1/moderation/items/${id}/reject`, headers: h, payload: { reason: '含有广告信息' } }), DECIDE],
]

describe('authorization matrix: issue-13 objects of 映月社区', () => {
  it.each(OBJECTS_ISSUE13.flatMap(([name, call, expected]) => ROLES10.map((role) => [name, role, expected[role], call] as const)))(
    '%s as %s → %i',
    async (_name, role, status, call) => {
      const id = await freshHeldItem()
      const response = await call(await headers10(role), id)
      expect(`${response.statusCode} ${response.statusCode >= 400 ? response.json().error.kind : ''}`).toBe(`${status} ${kindOf(status)}`)
    },
  )

  it('answers a second decision 409, a refusal without a reason 422, an unknown item 404', async () => {
    const id = await freshHeldItem()
    const staff = await world.as(DEMO.staff)
    const reject = (payload: object) => world.inject({ method: 'POST', url: `/api/v1/moderation/items/${id}/reject`, headers: staff, payload })
    expect((await reject({ reason: '' })).statusCode).toBe(422)
    expect((await reject({})).statusCode).toBe(400)
    expect((await world.inject({ method: 'POST', url: `/api/v1/moderation/items/${id}/approve`, headers: staff })).statusCode).toBe(200)
    const again = await reject({ reason: '含有广告信息' })
    expect(`${again.statusCode} ${again.json().error.kind}`).toBe('409 conflict')
    expect((await world.inject({ method: 'POST', url: '/api/v1/moderation/items/mq_nothing/approve', headers: staff })).statusCode).toBe(404)
  })
})

// ── Open311 GeoReport v2 (issue 14, ADR 27): partner keys, not sessions ──────────────────────────

type Partner = 'noKey' | 'badKey' | 'revokedKey' | 'sessionOnly' | 'otherCommunityKey' | 'ownKey'
const PARTNERS: Partner[] = ['noKey', 'badKey', 'revokedKey', 'sessionOnly', 'otherCommunityKey', 'ownKey']

describe('authorization matrix: the Open311 endpoint', () => {
  const keys = {} as Record<Partner, string | null>
  let number: string
  beforeAll(async () => {
    keys.ownKey = (await issuePartnerKey(world.db, 'YYDEMO', '矩阵·映月合作系统')).key
    keys.otherCommunityKey = (await issuePartnerKey(world.db, 'LXLX22', '矩阵·临溪合作系统')).key
    const revoked = await issuePartnerKey(world.db, 'YYDEMO', '矩阵·已撤销系统')
    await partnerService(world.db).revokeKey(revoked.id)
    keys.revokedKey = revoked.key
    keys.badKey = 'a'.repeat(43)
    keys.noKey = null
    keys.sessionOnly = null
    const id = await world.file(await world.as(DEMO.owner))
    number = (await createSqlStore(world.db).reports.find(id))!.number
  })

  const call = async (partner: Partner, method: 'GET' | 'POST', path: string, extra: Record<string, string> = {}) => {
    const fields = new URLSearchParams({ ...(keys[partner] ? { api_key: keys[partner]! } : {}), ...extra }).toString()
    const headers = partner === 'sessionOnly' ? await world.as(DEMO.staff) : {}
    return method === 'GET'
      ? world.inject({ method, url: `/open311/v2/${path}?${fields}`, headers })
      : world.inject({ method, url: `/open311/v2/${path}`, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: fields })
  }
  const refusedAll = { noKey: 403, badKey: 403, revokedKey: 403, sessionOnly: 403 }
  const POST_FIELDS = { service_code: 'cat-road', address_string: '映月社区南门口', description: '南门口的路面有一个大坑' }
  const CALLS: Array<[string, 'GET' | 'POST', () => string, Record<string, string>, Record<Partner, number>]> = [
    ['GET services.json', 'GET', () => 'services.json', {}, { ...refusedAll, otherCommunityKey: 200, ownKey: 200 }],
    ['GET services/{code}.json', 'GET', () => 'services/cat-road.json', {}, { ...refusedAll, otherCommunityKey: 404, ownKey: 200 }],
    ['GET requests.json', 'GET', () => 'requests.json', {}, { ...refusedAll, otherCommunityKey: 200, ownKey: 200 }],
    ['GET requests/{id}.json', 'GET', () => `requests/${number}.json`, {}, { ...refusedAll, otherCommunityKey: 404, ownKey: 200 }],
    ['POST requests.json', 'POST', () => 'requests.json', POST_FIELDS, { ...refusedAll, otherCommunityKey: 400, ownKey: 201 }],
    ['GET tokens/{token}.json', 'GET', () => 'tokens/t-1.json', {}, { ...refusedAll, otherCommunityKey: 404, ownKey: 404 }],
  ]

  it.each(CALLS.flatMap(([name, method, path, extra, expected]) => PARTNERS.map((partner) => [name, partner, expected[partner], method, path, extra] as const)))(
    '%s with %s → %i',
    async (_name, partner, status, method, path, extra) => {
      const response = await call(partner, method, path(), extra)
      if (status >= 400) expectSpecError(response, status)
      else expect(response.statusCode).toBe(status)
    },
  )

  it('never shows another community’s request to a key, by id, by the service_request_id filter or in the list', async () => {
    const byFilter = await call('otherCommunityKey', 'GET', 'requests.json', { service_request_id: number })
    expect(byFilter.statusCode).toBe(200)
    expect(byFilter.json()).toEqual([])
    const list = await call('otherCommunityKey', 'GET', 'requests.json', { start_date: '2000-01-01T00:00:00Z' })
    expect(list.json().map((r: { service_request_id: string }) => r.service_request_id.slice(0, 3))).not.toContain('YY-')
    // The own key sees it.
    expect((await call('ownKey', 'GET', 'requests.json', { service_request_id: number })).json()).toHaveLength(1)
  })

  it('takes a jurisdiction_id only when it is the key’s community (its code or id)', async () => {
    expect((await call('ownKey', 'GET', 'services.json', { jurisdiction_id: 'yydemo' })).statusCode).toBe(200)
    expect((await call('ownKey', 'GET', 'services.json', { jurisdiction_id: 'c-yingyue' })).statusCode).toBe(200)
    expectSpecError(await call('ownKey', 'GET', 'services.json', { jurisdiction_id: 'LXLX22' }), 404)
    expectSpecError(await call('ownKey', 'POST', 'requests.json', { ...POST_FIELDS, jurisdiction_id: 'c-other' }), 404)
  })
})
