import type { Caller } from '../../src/core/context'
import { createCore } from '../../src/core/core'
import { actorOf } from '../../src/domain/actor'
import { createWorld, DEMO, failure, OTHER, shapeOf, START, type World } from './support/world'

/**
 * Belonging (issue 10) at service level over the memory store: a newcomer joins a community and
 * claims a household, its review by staff and the building's leader, members leaving and removed,
 * the representative, invitations to roles and taking roles away — each at once.
 */

const NEWCOMER = 'u-xin' // the demo's newcomer: signed in, no community yet
const CHUNHUI = 'c-chunhui'
const HOUR = 3_600_000

async function fresh(world: World, userId: string): Promise<Caller> {
  return world.caller(userId)
}

async function joined(world: World, userId = NEWCOMER): Promise<Caller> {
  await world.core.communities.join(await fresh(world, userId), DEMO.community)
  return fresh(world, userId)
}

const claim301 = { buildingId: 'b-3', room: '301', name: '赵新民', phone: '139 0000 0301' }

describe('a newcomer finds and joins a community', () => {
  let world: World
  beforeEach(async () => {
    world = await createWorld()
  })

  it('is in no community until they pick one, and is told to pick one', async () => {
    const me = await fresh(world, NEWCOMER)
    expect(me.user.communityId).toBeNull()
    expect(shapeOf(await failure(world.core.sessions.community(me)))).toMatchObject({ kind: 'forbidden', message: '请先选择您所在的社区' })
    expect((await failure(world.core.reports.listMine(me))).kind).toBe('forbidden')
  })

  it('finds communities by words of their name or street, and by code in any case', async () => {
    const me = await fresh(world, NEWCOMER)
    expect((await world.core.communities.search(me, '映月')).map((c) => c.name)).toEqual(['映月社区'])
    expect((await world.core.communities.search(me, '东亭 社区')).map((c) => c.name)).toEqual(['春晖社区', '映月社区'].sort())
    expect(await world.core.communities.search(me, '   ')).toEqual([])
    expect(await world.core.communities.search(me, '50%')).toEqual([])
    expect(await world.core.communities.byCode(me, 'yy-demo')).toEqual({
      id: DEMO.community,
      name: '映月社区',
      kind: 'community',
      district: '无锡市锡山区东亭街道',
      streetName: '东亭街道',
    })
    expect(shapeOf(await failure(world.core.communities.byCode(me, 'ZZZZZZ')))).toMatchObject({ kind: 'not_found', message: '没有找到这个社区码对应的社区，请核对后重试' })
    expect(shapeOf(await failure(world.core.communities.byCode(me, 'x')))).toMatchObject({ kind: 'validation', malformed: true })
  })

  it('joins as an unverified member: reports and reads community-wide notices, but no building broadcast', async () => {
    const me = await joined(world)
    expect(me.user).toMatchObject({ communityId: DEMO.community, roles: ['resident'] })
    expect(me.user.home).toBeUndefined()
    const report = await world.file(NEWCOMER)
    expect(report.communityId).toBe(DEMO.community)
    const titles = (await world.core.notices.list(me)).items.map((n) => n.title)
    expect(titles).toContain('冬季消防安全提示')
    expect(titles).not.toContain('3号楼电梯保养通知')
  })

  it('may change community while it holds nothing there, but not as a verified resident or with a role', async () => {
    const me = await joined(world)
    const moved = await world.core.communities.join(me, CHUNHUI)
    expect(moved.communityId).toBe(CHUNHUI)
    const wang = await world.caller(DEMO.wang)
    expect(shapeOf(await failure(world.core.communities.join(wang, CHUNHUI)))).toMatchObject({ kind: 'validation', message: '您已是其他社区的认证住户；请先在“我的”中退出原住户，再更换社区' })
    const sun = await world.caller(DEMO.sun)
    expect((await failure(world.core.communities.join(sun, CHUNHUI))).kind).toBe('forbidden')
    expect((await failure(world.core.communities.join(me, 'c-nowhere'))).kind).toBe('not_found')
  })
})

describe('claiming a household and its review', () => {
  let world: World
  beforeEach(async () => {
    world = await createWorld()
  })

  it('claims 3号楼301, the building leader approves, and the newcomer is its verified member and representative', async () => {
    const me = await joined(world)
    const pending = await world.core.households.claim(me, claim301)
    expect(pending).toMatchObject({ status: 'pending', buildingName: '3号楼', room: '301', name: '赵新民', phoneMasked: '139****0301' })
    expect(JSON.stringify(pending)).not.toContain('13900000301')

    const zhou = await world.caller(DEMO.zhou) // leads 3号楼 and 5号楼
    const queue = await world.core.households.listClaims(zhou)
    expect(queue.items.map((c) => c.id)).toEqual([pending.id])
    const approved = await world.core.households.approve(zhou, pending.id)
    expect(approved).toMatchObject({ status: 'approved', decidedByName: '周桂芳' })

    const after = await fresh(world, NEWCOMER)
    expect(after.user).toMatchObject({ name: '赵新民', phoneMasked: '139****0301', home: { buildingId: 'b-3', room: '301' } })
    const mine = await world.core.households.mine(after)
    expect(mine.household).toMatchObject({ buildingName: '3号楼', room: '301', members: [{ userId: NEWCOMER, name: '赵新民', representative: true }] })
    // Now counted in receipts and reached by the building's broadcasts.
    const titles = (await world.core.notices.list(after)).items.map((n) => n.title)
    expect(titles).toContain('3号楼电梯保养通知')
  })

  it('counts the new household in a notice’s receipts once verified', async () => {
    const zhang = await world.caller(DEMO.zhang)
    const notice = await world.core.notices.publish(zhang, { title: '测试通知', body: '请各户知悉。', scope: { kind: 'community' }, urgent: false, pinned: false })
    const before = await world.core.notices.receipts(zhang, notice.id)
    const me = await joined(world)
    const pending = await world.core.households.claim(me, claim301)
    expect((await world.core.notices.receipts(zhang, notice.id)).households).toBe(before.households)
    await world.core.households.approve(zhang, pending.id)
    expect((await world.core.notices.receipts(zhang, notice.id)).households).toBe(before.households + 1)
  })

  it('refuses a claim that is not whole, or a second one while the first waits', async () => {
    const me = await joined(world)
    expect(shapeOf(await failure(world.core.households.claim(me, { ...claim301, room: '909' })))).toMatchObject({
      kind: 'validation',
      fields: { room: '3号楼没有这个房号，请从列表中选择' },
    })
    expect((await failure(world.core.households.claim(me, { ...claim301, buildingId: OTHER.building }))).fields).toEqual({ buildingId: '请选择您住的楼栋' })
    expect((await failure(world.core.households.claim(me, { ...claim301, phone: '12345' }))).fields).toEqual({ phone: '请填写 11 位手机号码（或带区号的座机）' })
    expect((await failure(world.core.households.claim(me, { ...claim301, name: '赵' }))).fields).toEqual({ name: '请填写您的姓名（2–20 个字）' })
    await world.core.households.claim(me, claim301)
    expect(shapeOf(await failure(world.core.households.claim(me, { ...claim301, room: '302' })))).toMatchObject({ kind: 'conflict', message: '您已有一条住户认证申请在审核中，请等待审核或先撤回' })
    const wang = await world.caller(DEMO.wang)
    expect((await failure(world.core.households.claim(wang, claim301))).message).toBe('您已是认证住户；搬家请先在“我的家庭”中退出原住户')
  })

  it('rejects with a reason the claimant sees; a reason is required', async () => {
    const me = await joined(world)
    const pending = await world.core.households.claim(me, claim301)
    const zhang = await world.caller(DEMO.zhang)
    expect(shapeOf(await failure(world.core.households.reject(zhang, pending.id, ' ')))).toMatchObject({ kind: 'validation', fields: { reason: '请写明原因（至少 2 个字），对方会看到' } })
    const rejected = await world.core.households.reject(zhang, pending.id, '该房屋登记的住户不是您，请带房产证到社区办理')
    expect(rejected).toMatchObject({ status: 'rejected', reason: '该房屋登记的住户不是您，请带房产证到社区办理', decidedByName: '张敏' })
    const mine = await world.core.households.mine(await fresh(world, NEWCOMER))
    expect(mine.household).toBeUndefined()
    expect(mine.claims).toMatchObject([{ id: pending.id, status: 'rejected', reason: '该房屋登记的住户不是您，请带房产证到社区办理' }])
    expect(shapeOf(await failure(world.core.households.approve(zhang, pending.id)))).toMatchObject({ kind: 'conflict', message: '这条申请已经审核过了' })
    // Rejected: a new claim may be made.
    expect((await world.core.households.claim(me, { ...claim301, room: '302' })).status).toBe('pending')
  })

  it('lets only staff and the leader of that building review; another community’s claim is not found', async () => {
    const me = await joined(world)
    const onB8 = await world.core.households.claim(me, { ...claim301, buildingId: 'b-8', room: '102' })
    const zhou = await world.caller(DEMO.zhou)
    expect((await world.core.households.listClaims(zhou)).items).toEqual([])
    expect(shapeOf(await failure(world.core.households.approve(zhou, onB8.id)))).toMatchObject({ kind: 'forbidden', message: '只有社区工作者或该楼栋的楼栋长可以审核' })
    for (const id of [DEMO.wang, DEMO.sun]) {
      expect((await failure(world.core.households.listClaims(await world.caller(id)))).kind).toBe('forbidden')
    }
    const otherStaff = await world.caller(OTHER.staff)
    expect(shapeOf(await failure(world.core.households.approve(otherStaff, onB8.id)))).toMatchObject({ kind: 'not_found', message: '申请不存在' })
    expect((await world.core.households.listClaims(otherStaff)).items).toEqual([])
    expect((await world.core.households.listClaims(await world.caller(DEMO.zhang))).items.map((c) => c.id)).toEqual([onB8.id])
  })

  it('withdraws my own pending claim only', async () => {
    const me = await joined(world)
    const pending = await world.core.households.claim(me, claim301)
    expect((await failure(world.core.households.withdraw(await world.caller(DEMO.wang), pending.id))).kind).toBe('not_found')
    expect((await world.core.households.withdraw(me, pending.id)).status).toBe('withdrawn')
    expect(shapeOf(await failure(world.core.households.withdraw(me, pending.id)))).toMatchObject({ kind: 'conflict', message: '这条申请已经撤回了' })
    expect((await failure(world.core.households.approve(await world.caller(DEMO.zhang), pending.id))).message).toBe('申请人已撤回这条申请')
  })

  it('a member moves out: the household’s representative passes to the member who joined first', async () => {
    const zhang = await world.caller(DEMO.zhang)
    const me = await joined(world)
    await world.core.households.approve(zhang, (await world.core.households.claim(me, claim301)).id)
    world.clock.advanceHours(1)
    const housemate = await world.caller(DEMO.chen)
    await world.store.users.setHome(DEMO.chen, null, new Date(START).toISOString())
    await world.core.households.approve(zhang, (await world.core.households.claim(await world.caller(DEMO.chen), { ...claim301, name: '陈建国', phone: '13800000004' })).id)
    void housemate
    let household = (await world.core.households.mine(await fresh(world, NEWCOMER))).household!
    expect(household.members.map((m) => [m.userId, m.representative])).toEqual([
      [NEWCOMER, true],
      [DEMO.chen, false],
    ])
    const left = await world.core.households.leave(await fresh(world, NEWCOMER))
    expect(left.household).toBeUndefined()
    expect(left.claims[0]).toMatchObject({ status: 'left' })
    expect((await fresh(world, NEWCOMER)).user.home).toBeUndefined()
    household = (await world.core.households.mine(await fresh(world, DEMO.chen))).household!
    expect(household.members.map((m) => [m.userId, m.representative])).toEqual([[DEMO.chen, true]])
  })

  it('staff remove a member with a reason the member sees; the representative is chosen by a member', async () => {
    const zhang = await world.caller(DEMO.zhang)
    // 王秀兰 (3号楼201) lives alone; 李明 (302) too. Put 李明 into 201 as a second member.
    await world.store.users.setHome(DEMO.li, { buildingId: 'b-3', room: '201' }, new Date(START + HOUR).toISOString())
    const wang = await world.caller(DEMO.wang)
    const household = await world.core.households.setRepresentative(wang, DEMO.li)
    expect(household.members.find((m) => m.representative)?.userId).toBe(DEMO.li)
    expect((await failure(world.core.households.setRepresentative(await world.caller(DEMO.zhao), DEMO.li))).kind).toBe('forbidden')
    expect((await failure(world.core.households.removeMember(zhang, DEMO.li, '')))).toMatchObject({ kind: 'validation' })
    const after = await world.core.households.removeMember(zhang, DEMO.li, '经核实已搬离')
    expect(after?.members.map((m) => [m.userId, m.representative])).toEqual([[DEMO.wang, true]])
    expect((await world.caller(DEMO.li)).user.home).toBeUndefined()
    expect((await failure(world.core.households.removeMember(await world.caller(OTHER.staff), DEMO.wang, '经核实已搬离'))).kind).toBe('not_found')
    expect((await failure(world.core.households.removeMember(await world.caller(DEMO.sun), DEMO.wang, '经核实已搬离'))).kind).toBe('forbidden')
  })
})

describe('invitations and roles', () => {
  let world: World
  beforeEach(async () => {
    world = await createWorld()
  })

  const gridInvite = { role: 'grid_worker' as const, gridIds: ['g-1'], buildingIds: [], note: '新网格员', expiresInHours: 72 }

  it('an admin invites a grid worker; the newcomer redeems it and serves the grid; a revocation refuses the next request', async () => {
    const he = await world.caller(DEMO.he)
    const invite = await world.core.invites.create(he, gridInvite)
    expect(invite).toMatchObject({ role: 'grid_worker', gridIds: ['g-1'], status: 'open', createdByName: '何军', note: '新网格员' })
    expect(invite.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
    expect(invite.expiresAt).toBe(new Date(Date.parse(invite.createdAt) + 72 * HOUR).toISOString())

    const user = await world.core.invites.redeem(await fresh(world, NEWCOMER), invite.code.toLowerCase().replace(/(....)/, '$1-'))
    expect(user).toMatchObject({ communityId: DEMO.community, roles: ['resident', 'grid_worker'], gridIds: ['g-1'] })
    const worker = await fresh(world, NEWCOMER)
    expect((await world.core.handling.inbox(worker)).items.length).toBeGreaterThan(0)
    expect((await world.core.invites.list(he)).find((i) => i.id === invite.id)).toMatchObject({ status: 'used', usedByName: '新用户' })

    const members = await world.core.people.revokeRole(he, NEWCOMER, 'grid_worker')
    expect(members.find((m) => m.id === NEWCOMER)).toBeUndefined()
    const after = await fresh(world, NEWCOMER)
    expect(after.user).toMatchObject({ roles: ['resident'], gridIds: [] })
    expect(shapeOf(await failure(world.core.handling.inbox(after)))).toMatchObject({ kind: 'forbidden' })
  })

  it('takes effect at once through the session cache of this process', async () => {
    const cached = createCore(world.store, world.runtime, { demo: true, sessionCacheMs: 60_000 })
    const session = await cached.sessions.signInDemo(DEMO.sun)
    expect((await cached.sessions.authenticate(session.token))?.user.roles).toEqual(['grid_worker'])
    await cached.people.revokeRole(await world.caller(DEMO.he), DEMO.sun, 'grid_worker')
    expect((await cached.sessions.authenticate(session.token))?.user.roles).toEqual([])
  })

  it('a code works once, until it expires, unless cancelled', async () => {
    const he = await world.caller(DEMO.he)
    const used = await world.core.invites.create(he, gridInvite)
    await world.core.invites.redeem(await fresh(world, NEWCOMER), used.code)
    expect(shapeOf(await failure(world.core.invites.redeem(await world.caller(DEMO.wang), used.code)))).toMatchObject({
      kind: 'conflict',
      message: '这个邀请码已被使用，请向社区索取新的邀请码',
    })
    const cancelled = await world.core.invites.create(he, gridInvite)
    expect((await world.core.invites.cancel(he, cancelled.id)).status).toBe('cancelled')
    expect((await failure(world.core.invites.redeem(await world.caller(DEMO.wang), cancelled.code))).message).toBe('这个邀请码已被撤销，请向社区索取新的邀请码')
    const late = await world.core.invites.create(he, { ...gridInvite, expiresInHours: 1 })
    world.clock.advanceHours(2)
    expect((await failure(world.core.invites.redeem(await world.caller(DEMO.wang), late.code))).message).toBe('这个邀请码已过期，请向社区索取新的邀请码')
    expect((await failure(world.core.invites.redeem(await world.caller(DEMO.wang), 'ABCDEFGH'))).kind).toBe('not_found')
    expect(shapeOf(await failure(world.core.invites.redeem(await world.caller(DEMO.wang), 'abc')))).toMatchObject({ kind: 'validation', malformed: true })
  })

  it('staff invite grid workers and building leaders only; each role needs its scope in the community', async () => {
    const zhang = await world.caller(DEMO.zhang)
    expect(shapeOf(await failure(world.core.invites.create(zhang, { ...gridInvite, role: 'admin', gridIds: [] })))).toMatchObject({ kind: 'forbidden' })
    expect((await failure(world.core.invites.create(zhang, { ...gridInvite, gridIds: [] }))).fields).toEqual({ gridIds: '请选择网格员负责的网格' })
    expect((await failure(world.core.invites.create(zhang, { ...gridInvite, gridIds: [OTHER.grid] }))).fields).toEqual({ gridIds: '所选网格不在本社区' })
    expect((await failure(world.core.invites.create(zhang, { ...gridInvite, role: 'building_leader', gridIds: [] }))).fields).toEqual({ buildingIds: '请选择楼栋长负责的楼栋' })
    expect((await failure(world.core.invites.create(zhang, { ...gridInvite, expiresInHours: 0 }))).fields).toEqual({ expiresInHours: '有效期为 1 小时到 30 天' })
    const leader = await world.core.invites.create(zhang, { role: 'building_leader', gridIds: [], buildingIds: ['b-8'], note: '', expiresInHours: 24 })
    const wang = await world.caller(DEMO.wang)
    const user = await world.core.invites.redeem(wang, leader.code)
    expect(user).toMatchObject({ roles: ['resident', 'building_leader'], leadsBuildingIds: ['b-8'], home: { buildingId: 'b-3', room: '201' } })
    for (const id of [DEMO.wang, DEMO.sun, DEMO.zhou]) {
      expect((await failure(world.core.invites.create(await world.caller(id), gridInvite))).kind).toBe('forbidden')
    }
  })

  it('a member of another community with a role there cannot take an invite here', async () => {
    const invite = await world.core.invites.create(await world.caller(DEMO.he), gridInvite)
    expect(shapeOf(await failure(world.core.invites.redeem(await world.caller(OTHER.gridWorker), invite.code)))).toMatchObject({
      kind: 'conflict',
      message: '您已是其他社区的成员；请先在原社区退出住户或取消职务，再使用这个邀请码',
    })
  })

  it('guards the roles: staff cannot take an admin’s role, nobody their own admin role, another community’s person is not found', async () => {
    const he = await world.caller(DEMO.he)
    const zhang = await world.caller(DEMO.zhang)
    expect((await failure(world.core.people.revokeRole(zhang, DEMO.he, 'admin'))).kind).toBe('forbidden')
    expect(shapeOf(await failure(world.core.people.revokeRole(he, DEMO.he, 'admin')))).toMatchObject({ kind: 'validation', message: '不能取消自己的管理员角色，请让另一位管理员操作' })
    expect((await failure(world.core.people.revokeRole(he, OTHER.staff, 'staff'))).kind).toBe('not_found')
    expect((await failure(world.core.people.revokeRole(he, DEMO.wang, 'staff'))).message).toBe('此人没有这个角色')
    const people = await world.core.people.list(he)
    expect(people.map((p) => p.id)).toEqual([DEMO.zhou, DEMO.liu, DEMO.sun, DEMO.wu, DEMO.zhang, DEMO.he])
    expect(JSON.stringify(people)).not.toContain('13800000')
    expect((await world.core.people.revokeRole(zhang, DEMO.zhou, 'building_leader')).map((p) => p.id)).not.toContain(DEMO.zhou)
    expect((await world.caller(DEMO.zhou)).user).toMatchObject({ roles: ['resident'], leadsBuildingIds: [] })
    expect((await failure(world.core.people.list(await world.caller(DEMO.wang)))).kind).toBe('forbidden')
  })

  it('issues the first admin of a community from the admin command', async () => {
    const invite = await world.core.invites.issue(CHUNHUI, { role: 'admin', gridIds: [], buildingIds: [], note: '', expiresInHours: 24 }, '管理命令')
    expect(invite).toMatchObject({ communityId: CHUNHUI, role: 'admin', createdByName: '管理命令' })
    const user = await world.core.invites.redeem(await fresh(world, NEWCOMER), invite.code)
    expect(user).toMatchObject({ communityId: CHUNHUI, roles: ['resident', 'admin'] })
    const admin = await fresh(world, NEWCOMER)
    expect((await world.core.invites.create(admin, { role: 'staff', gridIds: [], buildingIds: [], note: '', expiresInHours: 24 })).communityId).toBe(CHUNHUI)
  })

  it('makes a street officer from the admin command: the street of the community it was issued from, no community', async () => {
    const invite = await world.core.invites.issue(CHUNHUI, { role: 'street_staff', gridIds: [], buildingIds: [], note: '钱主任', expiresInHours: 24 }, '管理命令')
    const user = await world.core.invites.redeem(await fresh(world, NEWCOMER), invite.code)
    expect(user).toMatchObject({ communityId: null, streetId: 's-dongting', roles: ['resident', 'street_staff'] })
    const officer = await fresh(world, NEWCOMER)
    expect((await world.core.communities.streetCommunities(officer)).map((c) => c.id).sort()).toEqual([CHUNHUI, DEMO.community].sort())
    const range = { from: new Date(START - 24 * HOUR).toISOString(), to: new Date(START).toISOString() }
    expect((await world.core.dashboard.get(officer, range, DEMO.community)).communityId).toBe(DEMO.community)
    expect((await failure(world.core.dashboard.get(officer, range, OTHER.community))).kind).toBe('not_found')
    // Nobody invites a street officer in the app: not even an admin.
    expect((await failure(world.core.invites.create(await world.caller(DEMO.he), { role: 'street_staff', gridIds: [], buildingIds: [], note: '', expiresInHours: 24 }))).kind).toBe('forbidden')
    // An officer of another street cannot take this street's code.
    const other = await world.core.invites.issue(OTHER.community, { role: 'street_staff', gridIds: [], buildingIds: [], note: '', expiresInHours: 24 }, '管理命令')
    expect(shapeOf(await failure(world.core.invites.redeem(officer, other.code)))).toMatchObject({ kind: 'conflict', message: '您已是另一个街道的工作人员' })
  })

  it('answers not_supported for a mini-program code when the WeChat code API is not configured', async () => {
    const he = await world.caller(DEMO.he)
    const invite = await world.core.invites.create(he, gridInvite)
    expect(shapeOf(await failure(world.core.invites.qrCode(he, invite.id)))).toMatchObject({ kind: 'not_supported', message: '服务器未开通小程序码，请把邀请码告诉对方' })
  })

  it('makes mini-program codes that open the app with the code when configured', async () => {
    const scenes: string[] = []
    const core = createCore(world.store, world.runtime, {
      weChatCodes: {
        unlimitedCode: async ({ scene, page }) => {
          scenes.push(`${page}?${scene}`)
          return { contentType: 'image/png', bytes: new Uint8Array([137, 80, 78, 71]) }
        },
      },
    })
    const he = await world.caller(DEMO.he)
    const invite = await core.invites.create(he, gridInvite)
    expect(await core.invites.qrCode(he, invite.id)).toEqual({ dataUrl: 'data:image/png;base64,iVBORw==' })
    const code = await core.communities.joinCode(await world.caller(DEMO.zhang))
    expect(code).toMatchObject({ code: 'YYDEMO', community: { name: '映月社区' }, dataUrl: 'data:image/png;base64,iVBORw==' })
    expect(scenes).toEqual([`pages/home/index?i=${invite.code}`, 'pages/home/index?c=YYDEMO'])
  })
})

describe('a street officer', () => {
  let world: World
  beforeEach(async () => {
    world = await createWorld()
  })

  const range = { from: new Date(START - 30 * 24 * HOUR).toISOString(), to: new Date(START).toISOString() }

  it('reads the dashboards of the street’s communities, and nothing of another street', async () => {
    const officer = await world.caller('u-street')
    expect(officer.user).toMatchObject({ communityId: null, streetId: 's-dongting', roles: ['street_staff'] })
    expect((await world.core.communities.streetCommunities(officer)).map((c) => c.name)).toEqual(['春晖社区', '映月社区'].sort())
    const yy = await world.core.dashboard.get(officer, range, DEMO.community)
    const staffView = await world.core.dashboard.get(await world.caller(DEMO.zhang), range)
    expect(yy).toEqual(staffView)
    expect((await world.core.dashboard.get(officer, range, CHUNHUI)).communityId).toBe(CHUNHUI)
    expect(shapeOf(await failure(world.core.dashboard.get(officer, range, OTHER.community)))).toMatchObject({ kind: 'not_found', message: '社区不存在' })
    expect((await failure(world.core.dashboard.get(officer, range))).fields).toEqual({ communityId: '请选择要查看的社区' })
    expect((await failure(world.core.reports.listMine(officer))).kind).toBe('forbidden')
  })

  it('staff of a community read only their own', async () => {
    const zhang = await world.caller(DEMO.zhang)
    expect((await failure(world.core.dashboard.get(zhang, range, CHUNHUI))).kind).toBe('not_found')
    expect((await failure(world.core.communities.streetCommunities(zhang))).kind).toBe('forbidden')
  })
})

void actorOf
