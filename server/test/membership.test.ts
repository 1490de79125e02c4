import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import type { CommunitySetup, PersonRecord } from '../../src/core/ports'
import { DEMO_STREET } from '../../src/domain/demo-community'
import { createSqlStore } from '../repositories'
import { DEMO, expectError, startWorld, type Headers, type World } from './support/world'

/**
 * The issue-10 routes over HTTP: who gets what, that changes of who someone is take effect on the
 * very next request although the server trusts a seen session for 30 s, the download's headers, the
 * redeem guard, and bad input of every kind as a typed 4xx (never a 500).
 */

const newcomer = (id: string, name: string): PersonRecord => ({
  id,
  name,
  phone: '',
  roles: ['resident'],
  gridIds: [],
  leadsBuildingIds: [],
  description: `测试 · ${name}`,
  outside: true,
})

/** A third community of the street with newcomers for the stories below (each used once). */
const LAKESIDE: CommunitySetup = {
  community: { id: 'c-lake', name: '临湖社区', kind: 'community', district: '无锡市锡山区东亭街道', streetId: DEMO_STREET.id, streetName: DEMO_STREET.name },
  street: DEMO_STREET,
  joinCode: 'LH2026',
  reportPrefix: 'LH',
  grids: [{ id: 'g-lake', communityId: 'c-lake', name: '临湖第一网格' }],
  buildings: [{ id: 'b-lake', communityId: 'c-lake', gridId: 'g-lake', name: '临湖1号楼', rooms: ['101', '102'] }],
  departments: [],
  categories: [{ id: 'cat-lake', name: '路灯故障', guidance: '', deadlineHours: 48 }],
  replyTemplates: [],
  people: [
    { id: 'u-lake-staff', name: '钱芳', phone: '13900000001', roles: ['staff'], gridIds: [], leadsBuildingIds: [], description: '临湖社区 · 社区工作者' },
    newcomer('u-n-join', '加入甲'),
    newcomer('u-n-invitee', '邀请乙'),
    newcomer('u-n-claimant', '认证丙'),
    newcomer('u-n-deleter', '注销丁'),
    newcomer('u-n-guesser', '猜码戊'),
    newcomer('u-n-other', '另一己'),
  ],
}

let world: World
beforeAll(async () => {
  world = await startWorld({ rateLimits: { redeem: { max: 3, timeWindowMs: 60_000 } } })
  await createSqlStore(world.db).directory.createCommunity(LAKESIDE, new Date().toISOString())
})
afterAll(() => world.close())

const api = (path: string) => `/api/v1${path}`
const call = (method: InjectOptions['method'], path: string, headers: Headers, payload?: unknown) =>
  world.inject({ method, url: api(path), headers, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) })
const ok = (response: LightMyRequestResponse, status = 200) => {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`)
  return response.json()
}
/** A session of its own (world.as keeps one per person; these tests need a second phone). */
async function signIn(userId: string): Promise<Headers> {
  const { token } = ok(await world.inject({ method: 'POST', url: api('/session/demo'), payload: { userId } }))
  return { authorization: `Bearer ${token}` }
}

describe('every route of issue 10 needs a session', () => {
  const ROUTES: Array<[InjectOptions['method'], string]> = [
    ['GET', '/communities?q=临湖'],
    ['GET', '/communities/by-code/LH2026'],
    ['POST', '/me/community'],
    ['GET', '/street/communities'],
    ['GET', '/community/join-code'],
    ['GET', '/households/mine'],
    ['POST', '/household-claims'],
    ['POST', '/household-claims/hc_1/withdraw'],
    ['GET', '/household-claims'],
    ['POST', '/household-claims/hc_1/approve'],
    ['POST', '/household-claims/hc_1/reject'],
    ['POST', '/households/mine/leave'],
    ['POST', '/households/members/u-wang/remove'],
    ['PUT', '/households/representative'],
    ['POST', '/invites'],
    ['GET', '/invites'],
    ['POST', '/invites/inv_1/cancel'],
    ['GET', '/invites/inv_1/qr-code'],
    ['POST', '/invites/redeem'],
    ['GET', '/people'],
    ['POST', '/people/u-sun/revoke'],
    ['GET', '/profile'],
    ['PATCH', '/profile'],
    ['POST', '/profile'],
    ['GET', '/profile/export'],
    ['DELETE', '/profile'],
    ['GET', '/admin/structure'],
    ['PUT', '/admin/structure'],
  ]
  it.each(ROUTES)('%s %s → 401', async (method, path) => {
    expectError(await world.inject({ method, url: api(path), payload: {} }), 401, 'unauthorized')
  })

  it('documents each of them with a tag and a Chinese summary', async () => {
    const doc = (await world.inject({ url: '/openapi.json' })).json()
    for (const [method, path] of ROUTES) {
      const template = path.split('?')[0].replace(/hc_1|inv_1|u-wang|u-sun|LH2026/, (id) => `{${id === 'LH2026' ? 'code' : id.startsWith('u-') ? 'userId' : 'id'}}`)
      const operation = doc.paths[api(template)]?.[method!.toLowerCase()]
      expect([method, template, Boolean(operation)]).toEqual([method, template, true])
      expect(operation.tags.length).toBeGreaterThan(0)
      expect(operation.summary).toMatch(/[\u4e00-\u9fff]/)
      expect(operation.security).toEqual([{ bearerAuth: [] }])
    }
  })
})

describe('changes of who someone is take effect on their next request (the 30 s session cache notwithstanding)', () => {
  it('joining: the next GET /session and GET /community know the community', async () => {
    const me = await signIn('u-n-join')
    expect(ok(await call('GET', '/session', me)).user.communityId).toBeNull()
    expectError(await call('GET', '/community', me), 403, 'forbidden')
    const joined = ok(await call('POST', '/me/community', me, { communityId: 'c-lake' }))
    expect(joined).toMatchObject({ id: 'u-n-join', communityId: 'c-lake', roles: ['resident'] })
    expect(ok(await call('GET', '/session', me)).user.communityId).toBe('c-lake')
    expect(ok(await call('GET', '/community', me)).community.id).toBe('c-lake')
  })

  it('a role revoked is refused at once, while a change made behind the server’s back waits for the cache', async () => {
    const staff = await world.as(DEMO.staff)
    const invite = ok(await call('POST', '/invites', staff, { role: 'grid_worker', gridIds: ['g-2'], buildingIds: [], note: '', expiresInHours: 24 }), 201)
    const invitee = await signIn('u-n-invitee')
    ok(await call('GET', '/session', invitee))
    expect(ok(await call('POST', '/invites/redeem', invitee, { code: invite.code })).roles).toContain('grid_worker')
    ok(await call('GET', '/inbox', invitee))

    // The cache is real: a change in the database alone is not seen for a while…
    await world.db.query(`UPDATE users SET name = '改在库里' WHERE id = 'u-n-invitee'`)
    expect(ok(await call('GET', '/session', invitee)).user.name).toBe('邀请乙')
    // …but one through the core is seen at once.
    ok(await call('POST', '/people/u-n-invitee/revoke', staff, { role: 'grid_worker' }))
    const after = ok(await call('GET', '/session', invitee)).user
    expect(after).toMatchObject({ name: '改在库里', roles: ['resident'], gridIds: [] })
    expectError(await call('GET', '/inbox', invitee), 403, 'forbidden')
  })

  it('a claim approved: the next request has the home; leaving: the next has none', async () => {
    const staff = await world.as(DEMO.staff)
    const me = await signIn('u-n-claimant')
    ok(await call('POST', '/me/community', me, { communityId: 'c-yingyue' }))
    const claim = ok(await call('POST', '/household-claims', me, { buildingId: 'b-2', room: '101', name: '认证丙', phone: '13912345678' }), 201)
    expect(claim).toMatchObject({ status: 'pending', phoneMasked: '139****5678' })
    expect(JSON.stringify(claim)).not.toContain('13912345678')
    ok(await call('GET', '/session', me))
    expect(ok(await call('POST', `/household-claims/${claim.id}/approve`, staff)).status).toBe('approved')
    expect(ok(await call('GET', '/session', me)).user.home).toEqual({ buildingId: 'b-2', room: '101' })
    const mine = ok(await call('GET', '/households/mine', me))
    expect(mine.household.members.map((m: { userId: string; representative: boolean }) => [m.userId, m.representative])).toEqual([['u-n-claimant', true]])
    expect(ok(await call('PUT', '/households/representative', me, { userId: 'u-n-claimant' })).members).toHaveLength(1)
    expect(ok(await call('POST', '/households/mine/leave', me)).claims[0].status).toBe('left')
    expect(ok(await call('GET', '/session', me)).user.home).toBeUndefined()
  })

  it('deleting the account: every token of it is refused at once, the download is gone', async () => {
    const first = await signIn('u-n-deleter')
    const second = await signIn('u-n-deleter')
    ok(await call('GET', '/session', first))
    ok(await call('GET', '/session', second))
    const response = await call('DELETE', '/profile', first)
    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
    for (const headers of [first, second]) {
      expectError(await call('GET', '/session', headers), 401, 'unauthorized')
      expectError(await call('GET', '/profile/export', headers), 401, 'unauthorized')
    }
    expectError(await world.inject({ method: 'POST', url: api('/session/demo'), payload: { userId: 'u-n-deleter' } }), 404, 'not_found')
  })
})

describe('my profile over HTTP', () => {
  it('downloads my data as an attachment named linli-my-data.json, as JSON, never cached', async () => {
    const response = await call('GET', '/profile/export', await world.as(DEMO.owner))
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-disposition']).toBe('attachment; filename="linli-my-data.json"')
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.headers['cache-control']).toBe('no-store')
    const data = response.json()
    expect(data.person).toMatchObject({ id: 'u-wang', name: '王秀兰', phone: '13800000001', communityId: 'c-yingyue', signIn: 'demo' })
    expect(data.reports.length).toBeGreaterThan(0)
  })

  it('changes my name by PATCH, and by POST for wx.request (which has no PATCH)', async () => {
    const me = await world.as(DEMO.zhao)
    expect(ok(await call('PATCH', '/profile', me, { name: '赵秀英' })).user.name).toBe('赵秀英')
    expect(ok(await call('POST', '/profile', me, { phone: '13800000003' })).user.phoneMasked).toBe('138****0003')
    expect(ok(await call('PATCH', '/profile', me, {})).user.name).toBe('赵秀英')
    expect(expectError(await call('PATCH', '/profile', me, { name: '赵' }), 422, 'validation', ['name']).name).toBe('姓名为 2–20 个字')
  })
})

describe('the redeem guard', () => {
  it('refuses a person who keeps guessing codes (429 with Retry-After), and only that person', async () => {
    const guesser = await signIn('u-n-guesser')
    for (let i = 0; i < 3; i++) expectError(await call('POST', '/invites/redeem', guesser, { code: `ZZZZZZZ${i + 2}` }), 404, 'not_found')
    const refused = await call('POST', '/invites/redeem', guesser, { code: 'ZZZZZZZ9' })
    expectError(refused, 429, 'rate_limited')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(refused.json().error.retryAfterMs).toBeGreaterThan(0)
    // Per person: somebody else may still try.
    expectError(await call('POST', '/invites/redeem', await signIn('u-n-other'), { code: 'ZZZZZZZ9' }), 404, 'not_found')
  })
})

describe('bad input on the issue-10 routes is a typed 4xx, never a 500', () => {
  let staff: Headers
  let admin: Headers
  let resident: Headers
  let structure: Record<string, unknown>
  beforeAll(async () => {
    staff = await world.as(DEMO.staff)
    admin = await world.as(DEMO.admin)
    resident = await world.as(DEMO.owner)
    structure = ok(await call('GET', '/admin/structure', admin))
  })
  const invite = (over: Record<string, unknown>) => ({ role: 'grid_worker', gridIds: ['g-2'], buildingIds: [], note: '', expiresInHours: 24, ...over })
  const claim = (over: Record<string, unknown>) => ({ buildingId: 'b-2', room: '101', name: '王五', phone: '13912345678', ...over })
  const long = (n: number) => '字'.repeat(n)

  interface Case {
    name: string
    request: () => Promise<LightMyRequestResponse>
    status: number
    fields?: string[]
  }
  const row = (name: string, request: () => Promise<LightMyRequestResponse>, status: number, fields?: string[]): Case => ({ name, request, status, fields })
  const CASES: Case[] = [
    row('search: q too long for the schema', () => call('GET', `/communities?q=${encodeURIComponent(long(201))}`, resident), 400, ['q']),
    row('search: q too long for the rule', () => call('GET', `/communities?q=${encodeURIComponent(long(41))}`, resident), 400, ['q']),
    row('search: an unknown parameter', () => call('GET', '/communities?city=无锡', resident), 400, ['city']),
    row('by-code: too long', () => call('GET', `/communities/by-code/${'A'.repeat(65)}`, resident), 400, ['code']),
    row('by-code: not a code', () => call('GET', '/communities/by-code/12', resident), 400, ['code']),
    row('join: no community', () => call('POST', '/me/community', resident, {}), 400, ['communityId']),
    row('join: an empty id', () => call('POST', '/me/community', resident, { communityId: '' }), 400, ['communityId']),
    row('join: a number', () => call('POST', '/me/community', resident, { communityId: 7 }), 400, ['communityId']),
    row('claim: an extra field', () => call('POST', '/household-claims', resident, claim({ verified: true })), 400, ['verified']),
    row('claim: a room too long', () => call('POST', '/household-claims', resident, claim({ room: '1'.repeat(21) })), 400, ['room']),
    row('claim: no phone', () => call('POST', '/household-claims', resident, { buildingId: 'b-2', room: '101', name: '王五' }), 400, ['phone']),
    row('claims: an unknown status', () => call('GET', '/household-claims?status=done', staff), 422, ['status']),
    row('claims: a page of 0', () => call('GET', '/household-claims?limit=0', staff), 400, ['limit']),
    row('claims: a cursor not handed out', () => call('GET', '/household-claims?cursor=nope', staff), 400, ['cursor']),
    row('reject: no reason', () => call('POST', '/household-claims/hc_1/reject', staff, {}), 400, ['reason']),
    row('reject: a NUL in the reason', () => call('POST', '/household-claims/hc_1/reject', staff, { reason: '原因\u0000' }), 400, ['reason']),
    row('remove: a reason too long', () => call('POST', '/households/members/u-wang/remove', staff, { reason: long(2001) }), 400, ['reason']),
    row('representative: no user', () => call('PUT', '/households/representative', staff, {}), 400, ['userId']),
    row('invite: a role one cannot invite to', () => call('POST', '/invites', staff, invite({ role: 'resident' })), 400, ['role']),
    row('invite: too many grids', () => call('POST', '/invites', staff, invite({ gridIds: Array.from({ length: 101 }, (_, i) => `g-${i}`) })), 400, ['gridIds']),
    row('invite: hours as text', () => call('POST', '/invites', staff, invite({ expiresInHours: '24' })), 400, ['expiresInHours']),
    row('invite: a note too long for the schema', () => call('POST', '/invites', staff, invite({ note: long(201) })), 400, ['note']),
    row('invite: a note too long for the rule', () => call('POST', '/invites', staff, invite({ note: long(41) })), 422, ['note']),
    row('redeem: a number', () => call('POST', '/invites/redeem', staff, { code: 12345678 }), 400, ['code']),
    row('revoke: a role that does not exist', () => call('POST', '/people/u-sun/revoke', staff, { role: 'boss' }), 400, ['role']),
    row('profile: an extra field', () => call('PATCH', '/profile', resident, { nickname: '王阿姨' }), 400, ['nickname']),
    row('profile: a name too long for the schema', () => call('PATCH', '/profile', resident, { name: long(101) }), 400, ['name']),
    row('profile: not JSON', () => world.inject({ method: 'PATCH', url: api('/profile'), headers: { ...resident, 'content-type': 'text/plain' }, payload: 'name' }), 415),
    row('structure: nothing', () => call('PUT', '/admin/structure', admin, {}), 400),
    row('structure: too many grids', () => call('PUT', '/admin/structure', admin, { ...structure, grids: Array.from({ length: 201 }, (_, i) => ({ name: `网格${i}` })) }), 400, ['grids']),
    row(
      'structure: a building with too many rooms',
      () => call('PUT', '/admin/structure', admin, { ...structure, buildings: [{ name: '1号楼', grid: '第一网格', rooms: Array.from({ length: 1001 }, (_, i) => `${i}`) }] }),
      400,
      ['buildings'],
    ),
    row('structure: an unknown field in a row', () => call('PUT', '/admin/structure', admin, { ...structure, grids: [{ name: '第一网格', colour: 'red' }] }), 400, ['grids']),
    row('structure: a grid that is not there', () => call('PUT', '/admin/structure', admin, { ...structure, grids: [] }), 422),
    row('dashboard: an empty community id', () => call('GET', `/dashboard?from=2026-11-01T00:00:00.000Z&to=2026-11-21T00:00:00.000Z&communityId=`, staff), 400, ['communityId']),
  ]

  it.each(CASES)('$name → $status', async ({ request, status, fields }) => {
    expectError(await request(), status, 'validation', fields)
  })

  it('a structure refused for its content names every issue by sheet, row and column, and changes nothing', async () => {
    const response = await call('PUT', '/admin/structure', admin, { ...structure, grids: [] })
    const body = response.json()
    expect(body.error.message).toBe('“网格”表第 2 行“网格名称”：请至少填写一个网格')
    expect(Object.keys(body.error.fields).length).toBeGreaterThan(1)
    expect(ok(await call('GET', '/admin/structure', admin))).toEqual(structure)
  })
})
