import { photoFile, png } from './support/images'
import { DEMO, newKey, startWorld, validReport, type Headers, type World } from './support/world'

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
  world = await startWorld({ rateLimits: { submit: { max: 10_000, timeWindowMs: 60_000 } } })
  // A second community, to show that staff rights stop at its edge.
  await world.db.exec(`
    INSERT INTO communities (id, name, kind, district, report_prefix) VALUES ('c-other', '临溪村', 'village', '某镇', 'LX');
    INSERT INTO grids (id, community_id, name, position) VALUES ('g-other', 'c-other', '一组', 0);
    INSERT INTO categories (id, community_id, name, deadline_hours, position) VALUES ('cat-village', 'c-other', '其他', 72, 0);
    INSERT INTO users (id, community_id, name, phone, roles, demo) VALUES ('u-other-staff', 'c-other', '村干部', '13900000000', '{staff}', true);
  `)
})
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
  ['POST /reports/:id/me-too', meToo, { owner: 200, otherResident: 200, leader: 200, gridWorkerIn: 200, gridWorkerOther: 200, staff: 200, admin: 200, otherCommunityStaff: 404, anonymous: 401 }],
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
  ['POST /reports/:id/me-too', meToo, { owner: 409, otherResident: 409, leader: 409, gridWorkerIn: 409, gridWorkerOther: 409, staff: 409, admin: 409, otherCommunityStaff: 409 }],
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
    { 200: '', 201: '', 204: '', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 501: 'not_supported' } as Record<number, string>
  )[status]
}
