import type { Caller } from '../../src/core/context'
import { all, cells, communityOfRole, only, ROLE, type Expected, type Role } from './support/matrix'
import { createWorld, DEMO, failure, OTHER, type World } from './support/world'

/**
 * The authorization matrix of issue 10's operations: each × role of the demo community and of the
 * second one (临溪村), as the outcome's kind; an allowed call is checked for answering the caller's
 * community only, a refused one for leaving no trace.
 */

let world: World
let people = 0

beforeAll(async () => {
  world = await createWorld()
})

const as = (role: Role): Promise<Caller> => world.caller(ROLE[role])

/** A person who joined `communityId` and claimed a room there: the claim's id. */
async function claimIn(communityId: string): Promise<{ claimId: string; userId: string }> {
  const userId = `u-claimant-${++people}`
  await world.store.users.upsertWeChatUser({ id: userId, openid: `o-claimant-${people}`, name: '微信用户', at: world.clock.now().toISOString() })
  await world.store.users.setCommunity(userId, communityId)
  const demo = communityId === DEMO.community
  const claim = await world.core.households.claim(await world.caller(userId), {
    buildingId: demo ? 'b-3' : OTHER.building,
    room: demo ? '302' : '102',
    name: '申请人',
    phone: '13900000999',
  })
  return { claimId: claim.id, userId }
}

const reviewers = only({ staff: 'ok', leader: 'ok', otherStaff: 'ok' }, 'forbidden')
const managers = only({ staff: 'ok', admin: 'ok', otherStaff: 'ok' }, 'forbidden')

interface PlainRow {
  name: string
  expected: Expected
  call(caller: Caller, role: Role): Promise<unknown>
  check?(result: never, caller: Caller, role: Role): void
}

const PLAIN: PlainRow[] = [
  { name: 'profile.get', expected: all('ok'), call: (c) => world.core.profile.get(c), check: (r: { user: { id: string } }, c) => expect(r.user.id).toBe(c.user.id) },
  {
    name: 'profile.exportData',
    expected: all('ok'),
    call: (c) => world.core.profile.exportData(c),
    check: (r: { person: { id: string; communityId: string } }, c, role) => expect(r.person).toMatchObject({ id: c.user.id, communityId: communityOfRole(role) }),
  },
  { name: 'households.mine', expected: all('ok'), call: (c) => world.core.households.mine(c) },
  { name: 'communities.search', expected: all('ok'), call: (c) => world.core.communities.search(c, '社区') },
  {
    name: 'households.listClaims',
    expected: reviewers,
    call: (c) => world.core.households.listClaims(c),
    check: (r: { items: Array<{ communityId: string }> }, _c, role) => expect(r.items.every((i) => i.communityId === communityOfRole(role))).toBe(true),
  },
  {
    name: 'people.list',
    expected: managers,
    call: (c) => world.core.people.list(c),
    check: (r: Array<{ id: string }>, _c, role) => expect(r.map((m) => m.id)).toContain(role === 'otherStaff' ? OTHER.staff : DEMO.zhang),
  },
  {
    name: 'invites.list',
    expected: managers,
    call: (c) => world.core.invites.list(c),
    check: (r: Array<{ communityId: string }>, _c, role) => expect(r.every((i) => i.communityId === communityOfRole(role))).toBe(true),
  },
  {
    name: 'invites.create grid worker of 第一网格 (映月社区)',
    // Another community's staff names a grid that is not theirs: a field error, as any unknown grid.
    expected: only({ staff: 'ok', admin: 'ok', otherStaff: 'validation' }, 'forbidden'),
    call: (c) => world.core.invites.create(c, { role: 'grid_worker', gridIds: ['g-1'], buildingIds: [], note: '', expiresInHours: 24 }),
    check: (r: { communityId: string }) => expect(r.communityId).toBe(DEMO.community),
  },
  { name: 'invites.create admin', expected: only({ admin: 'ok' }, 'forbidden'), call: (c) => world.core.invites.create(c, { role: 'admin', gridIds: [], buildingIds: [], note: '', expiresInHours: 24 }) },
  {
    name: 'communities.joinCode',
    expected: managers,
    call: (c) => world.core.communities.joinCode(c),
    check: (r: { code: string }, _c, role) => expect(r.code).toBe(communityOfRole(role) === DEMO.community ? 'YYDEMO' : 'LXCODE'),
  },
  { name: 'communities.streetCommunities', expected: all('forbidden'), call: (c) => world.core.communities.streetCommunities(c) },
  { name: 'structure.get', expected: only({ admin: 'ok' }, 'forbidden'), call: (c) => world.core.structure.get(c), check: (r: { community: { name: string } }) => expect(r.community.name).toBe('映月社区') },
  {
    name: 'dashboard.get naming 映月社区',
    expected: only({ staff: 'ok', otherStaff: 'not_found' }, 'forbidden'),
    call: (c) => world.core.dashboard.get(c, { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }, DEMO.community),
  },
]

describe('issue 10 operations without an object × role', () => {
  it.each(cells(PLAIN))('%s as %s → %s', async (_name, role, expected, row) => {
    const caller = await as(role)
    if (expected !== 'ok') {
      expect((await failure(row.call(caller, role))).kind).toBe(expected)
      return
    }
    const result = await row.call(caller, role)
    row.check?.(result as never, caller, role)
  })
})

type Where = 'demo' | 'other'
const communityOf = (where: Where) => (where === 'demo' ? DEMO.community : OTHER.community)
// 周桂芳 leads 3号楼 (the demo claim's building); staff review their community's claims.
const REVIEW: Record<Where, Expected> = {
  demo: only({ staff: 'ok', leader: 'ok', otherStaff: 'not_found', otherGrid: 'not_found' }, 'forbidden'),
  other: only({ otherStaff: 'ok', otherGrid: 'forbidden' }, 'not_found'),
}

describe('claims × role × community', () => {
  const rows = (['demo', 'other'] as Where[]).flatMap((where) => [
    { name: `households.approve a claim of ${where}`, op: 'approve' as const, where, expected: REVIEW[where] },
    { name: `households.reject a claim of ${where}`, op: 'reject' as const, where, expected: REVIEW[where] },
  ])
  it.each(cells(rows))('%s as %s → %s', async (_name, role, expected, row) => {
    const { claimId, userId } = await claimIn(communityOf(row.where))
    const caller = await as(role)
    const call = row.op === 'approve' ? world.core.households.approve(caller, claimId) : world.core.households.reject(caller, claimId, '房号与登记信息不符')
    if (expected !== 'ok') {
      expect((await failure(call)).kind).toBe(expected)
      expect((await world.store.claims.find(claimId))?.status).toBe('pending')
      expect((await world.store.users.find(userId))?.home).toBeUndefined()
      return
    }
    const decided = await call
    expect(decided.status).toBe(row.op === 'approve' ? 'approved' : 'rejected')
    expect(Boolean((await world.store.users.find(userId))?.home)).toBe(row.op === 'approve')
  })
})

describe('invites and roles × role × community', () => {
  const CANCEL: Record<Where, Expected> = {
    demo: only({ staff: 'ok', admin: 'ok', otherStaff: 'not_found' }, 'forbidden'),
    other: only({ otherStaff: 'ok', staff: 'not_found', admin: 'not_found' }, 'forbidden'),
  }
  const rows = (['demo', 'other'] as Where[]).map((where) => ({ name: `invites.cancel an invite of ${where}`, where, expected: CANCEL[where] }))
  it.each(cells(rows))('%s as %s → %s', async (_name, _role, expected, row) => {
    const maker = await world.caller(row.where === 'demo' ? DEMO.he : OTHER.staff)
    const invite = await world.core.invites.create(maker, { role: 'building_leader', gridIds: [], buildingIds: [row.where === 'demo' ? 'b-8' : OTHER.building], note: '', expiresInHours: 24 })
    const caller = await as(_role)
    const call = world.core.invites.cancel(caller, invite.id)
    if (expected !== 'ok') {
      expect((await failure(call)).kind).toBe(expected)
      expect((await world.store.invites.find(invite.id))?.cancelledAt).toBeUndefined()
      return
    }
    expect((await call).status).toBe('cancelled')
  })

  // Taking 吴强's grid role (映月社区) or 村网格员's (临溪村) away; each cell gives it back after.
  const REVOKE: Record<Where, Expected> = {
    demo: only({ staff: 'ok', admin: 'ok', otherStaff: 'not_found' }, 'forbidden'),
    other: only({ otherStaff: 'ok', staff: 'not_found', admin: 'not_found' }, 'forbidden'),
  }
  const revokeRows = (['demo', 'other'] as Where[]).map((where) => ({ name: `people.revokeRole a grid worker of ${where}`, where, expected: REVOKE[where] }))
  it.each(cells(revokeRows))('%s as %s → %s', async (_name, role, expected, row) => {
    const target = row.where === 'demo' ? DEMO.wu : OTHER.gridWorker
    const grids = (await world.store.users.find(target))!.gridIds
    const caller = await as(role)
    const call = world.core.people.revokeRole(caller, target, 'grid_worker')
    if (expected !== 'ok') {
      expect((await failure(call)).kind).toBe(expected)
      expect((await world.store.users.find(target))!.roles).toContain('grid_worker')
      return
    }
    await call
    expect((await world.store.users.find(target))!.roles).not.toContain('grid_worker')
    await world.store.users.grantRole(target, { role: 'grid_worker', communityId: communityOf(row.where), gridIds: grids, buildingIds: [] })
  })
})
