import { WeChatLoginError, type WeChatLogin } from '../../src/core/context'
import { CHUNHUI_USERS, DEMO_USERS } from '../../src/domain/demo-community'
import { createWorld, DEMO, failure, OTHER, shapeOf, START, type World } from './support/world'

/** Sessions (demo sign-in, WeChat sign-in, expiry, sign-out) and the dashboard's range rules. */

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('demo sign-in and sessions', () => {
  let world: World
  beforeEach(async () => {
    world = await createWorld({ sessionTtlHours: 2 })
  })

  it('offers the demo accounts in the order they were set up, not the other community’s people', async () => {
    const accounts = await world.core.sessions.listDemoAccounts()
    expect(accounts.map((a) => a.userId)).toEqual([...DEMO_USERS, ...CHUNHUI_USERS].map((u) => u.id))
    expect(accounts[0]).toEqual({ userId: 'u-wang', name: '王秀兰', roles: ['resident'], description: '居民 · 3号楼201' })
  })

  it('signs in a demo account for the session’s lifetime, the phone masked', async () => {
    const session = await world.core.sessions.signInDemo(DEMO.wang)
    expect(session.user).toMatchObject({ id: DEMO.wang, phoneMasked: '138****0001', communityId: 'c-yingyue', home: { buildingId: 'b-3', room: '201' } })
    expect(JSON.stringify(session)).not.toContain('13800000001')
    expect(session.expiresAt).toBe(new Date(START + 2 * HOUR).toISOString())
    expect((await world.core.sessions.authenticate(session.token))?.user.id).toBe(DEMO.wang)
  })

  it('ends a session when its lifetime is over', async () => {
    const { token } = await world.core.sessions.signInDemo(DEMO.wang)
    world.clock.advanceHours(1.9)
    expect(await world.core.sessions.authenticate(token)).not.toBeNull()
    world.clock.advanceHours(0.2)
    expect(await world.core.sessions.authenticate(token)).toBeNull()
  })

  it('signs out one session and leaves the others', async () => {
    const phone = await world.core.sessions.signInDemo(DEMO.wang)
    const tablet = await world.core.sessions.signInDemo(DEMO.wang)
    await world.core.sessions.signOut(phone.token)
    expect(await world.core.sessions.authenticate(phone.token)).toBeNull()
    expect((await world.core.sessions.authenticate(tablet.token))?.user.id).toBe(DEMO.wang)
    await world.core.sessions.signOut(undefined)
    await world.core.sessions.signOut('tok_unknown')
    expect(await world.core.sessions.authenticate(tablet.token)).not.toBeNull()
  })

  it.each([[''], [null], [undefined], ['tok_never_issued']])('knows no session for the token %p', async (token) => {
    expect(await world.core.sessions.authenticate(token)).toBeNull()
  })

  it('knows no demo account that is not one', async () => {
    for (const id of ['u-nobody', OTHER.staff]) {
      expect(shapeOf(await failure(world.core.sessions.signInDemo(id)))).toMatchObject({ kind: 'not_found', message: '该演示账号不存在' })
    }
  })

  it('offers nothing of the demo when demo mode is off', async () => {
    const off = await createWorld({ demo: false })
    for (const call of [off.core.sessions.listDemoAccounts(), off.core.sessions.signInDemo(DEMO.wang)]) {
      expect(shapeOf(await failure(call))).toMatchObject({ kind: 'not_found', message: '演示登录未开启' })
    }
  })
})

describe('WeChat sign-in', () => {
  const weChat: WeChatLogin = {
    code2Session: async (code) => {
      if (code === 'bad') throw new WeChatLoginError('invalid_code', 'code been used')
      if (code === 'busy') throw new WeChatLoginError('rate_limited', 'too many')
      if (code === 'down') throw new WeChatLoginError('unavailable', 'system busy')
      if (code === 'bug') throw new Error('a bug')
      return { openid: `openid-${code.split('-')[0]}` }
    },
  }

  it('is not supported without a WeChat exchange', async () => {
    const world = await createWorld()
    expect(shapeOf(await failure(world.core.sessions.signInWeChat('code')))).toMatchObject({ kind: 'not_supported', message: '服务器未开通微信登录' })
  })

  it('makes a new WeChat user a resident of no community yet (they pick theirs), once', async () => {
    const world = await createWorld({ weChat })
    const first = await world.core.sessions.signInWeChat('alice-1')
    expect(first.user).toMatchObject({ name: '微信用户', roles: ['resident'], communityId: null, gridIds: [], leadsBuildingIds: [] })
    const again = await world.core.sessions.signInWeChat('alice-2')
    expect(again.user.id).toBe(first.user.id)
    expect(again.token).not.toBe(first.token)
    expect((await world.core.sessions.signInWeChat('bob-1')).user.id).not.toBe(first.user.id)
  })

  it('turns each failure of the exchange into the user’s message', async () => {
    const world = await createWorld({ weChat })
    expect(shapeOf(await failure(world.core.sessions.signInWeChat('bad')))).toMatchObject({ kind: 'unauthorized', message: '微信登录凭证无效或已过期，请重新登录' })
    const busy = await failure(world.core.sessions.signInWeChat('busy'))
    expect([busy.kind, busy.retryAfterMs]).toEqual(['rate_limited', 60_000])
    const down = await failure(world.core.sessions.signInWeChat('down'))
    expect([down.kind, down.upstream, down.message]).toEqual(['server', true, '微信服务暂时不可用，请稍后再试'])
    await expect(world.core.sessions.signInWeChat('bug')).rejects.toThrow('a bug')
  })
})

describe('the dashboard', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld()
  })
  const iso = (ms: number) => new Date(ms).toISOString()

  it.each([
    ['an unreadable start', { from: 'yesterday', to: iso(START) }, { from: '开始时间格式不正确' }],
    ['two unreadable ends', { from: 'a', to: 'b' }, { from: '开始时间格式不正确', to: '结束时间格式不正确' }],
    ['an end at the start', { from: iso(START), to: iso(START) }, { to: '结束时间必须晚于开始时间' }],
    ['an end before the start', { from: iso(START), to: iso(START - DAY) }, { to: '结束时间必须晚于开始时间' }],
    ['367 days', { from: iso(START - 367 * DAY), to: iso(START) }, { to: '时间范围不能超过366天' }],
  ])('refuses %s', async (_name, range, fields) => {
    const error = await failure(world.core.dashboard.get(await world.caller(DEMO.zhang), range))
    expect(shapeOf(error)).toEqual({ kind: 'validation', message: Object.values(fields)[0], fields, malformed: false })
  })

  it('accepts 366 days', async () => {
    const stats = await world.core.dashboard.get(await world.caller(DEMO.zhang), { from: iso(START - 366 * DAY), to: iso(START) })
    expect(stats.received).toBe(7)
  })

  it('refuses anyone but staff before looking at the range', async () => {
    for (const id of [DEMO.wang, DEMO.zhou, DEMO.sun, DEMO.he]) {
      const error = await failure(world.core.dashboard.get(await world.caller(id), { from: 'a', to: 'b' }))
      expect(shapeOf(error)).toMatchObject({ kind: 'forbidden', message: '只有社区工作者可以查看统计看板' })
    }
  })

  it('counts the community’s reports of the range, computed from the seeded stories', async () => {
    await world.file(OTHER.resident)
    const stats = await world.core.dashboard.get(await world.caller(DEMO.zhang), { from: iso(START - 30 * DAY), to: iso(START + HOUR) })
    expect(stats).toMatchObject({
      communityId: 'c-yingyue',
      received: 7,
      byStatus: { submitted: 2, accepted: 1, in_progress: 1, resolved: 1, closed: 1, rejected: 1, transferred: 0, reopened: 0, merged: 0 },
      completionRate: 2 / 6,
      completionBase: 6,
      rated: 1,
      ratedUnsatisfied: 0,
      satisfactionRate: 1,
    })
    expect(stats.daily).toHaveLength(30)
    expect(stats.daily[29].day).toBe('2026-11-21')
    expect(stats.daily.reduce((sum, d) => sum + d.received, 0)).toBe(7)
    const theirs = await world.core.dashboard.get(await world.caller(OTHER.staff), { from: iso(START - 30 * DAY), to: iso(START + HOUR) })
    expect([theirs.communityId, theirs.received]).toEqual([OTHER.community, 1])
  })

  it('leaves out what was filed outside the range', async () => {
    const stats = await world.core.dashboard.get(await world.caller(DEMO.zhang), { from: iso(START - 2 * DAY), to: iso(START - DAY) })
    expect(stats.received).toBe(1) // 王秀兰's 路灯 report, filed 30 h before START
  })
})
