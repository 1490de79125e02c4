import type { WeChatAuth } from '../app'
import { WeChatAuthError } from '../auth/wechat'
import { createSqlStore } from '../repositories'
import { DEMO, expectError, newKey, startWorld, validReport, type World } from './support/world'

describe('demo sign-in', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld()
  })
  afterAll(() => world.close())

  it('lists the demo accounts in the order of the seed', async () => {
    const response = await world.inject({ url: '/api/v1/session/demo-accounts' })
    expect(response.statusCode).toBe(200)
    const accounts = response.json()
    expect(accounts.map((a: { userId: string }) => a.userId)).toEqual([
      'u-wang', 'u-li', 'u-zhao', 'u-chen', 'u-zhou', 'u-gao', 'u-lin', 'u-liu', 'u-sun', 'u-wu', 'u-zhang', 'u-he', 'u-xin', 'u-street', 'ch-u-lin', 'ch-u-gao',
    ])
    expect(accounts[0]).toEqual({ userId: 'u-wang', name: '王秀兰', roles: ['resident'], description: '居民 · 3号楼201' })
  })

  it('signs in with a long random token and a masked phone, never the full number', async () => {
    const response = await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.owner } })
    expect(response.statusCode).toBe(200)
    const session = response.json()
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43,}$/)
    expect(session.user).toEqual({
      id: 'u-wang',
      name: '王秀兰',
      phoneMasked: '138****0001',
      roles: ['resident'],
      communityId: 'c-yingyue',
      home: { buildingId: 'b-3', room: '201' },
      gridIds: [],
      leadsBuildingIds: [],
    })
    expect(response.body).not.toContain('13800000001')
    const days = (Date.parse(session.expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThanOrEqual(30)
  })

  it('stores only a hash of the token', async () => {
    const { token } = (await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.neighbour } })).json()
    const rows = await world.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.some((r) => r.token_hash === token)).toBe(false)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true)
  })

  it('answers GET /session with the session of the token', async () => {
    const headers = await world.as(DEMO.staff)
    const response = await world.inject({ url: '/api/v1/session', headers })
    expect(response.statusCode).toBe(200)
    expect(response.json().user.id).toBe('u-zhang')
    expect(`Bearer ${response.json().token}`).toBe(headers.authorization)
  })

  it('refuses an unknown demo account with 404', async () => {
    const response = await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: 'u-nobody' } })
    expectError(response, 404, 'not_found')
  })

  it.each([
    ['no header', undefined],
    ['not bearer', 'Basic dXNlcjpwYXNz'],
    ['too short', 'Bearer abc'],
    ['unknown token', `Bearer ${'x'.repeat(43)}`],
    ['bad characters', `Bearer ${'é'.repeat(43)}`],
  ])('answers 401 to a request with %s', async (_name, authorization) => {
    const response = await world.inject({ url: '/api/v1/reports/mine', headers: authorization ? { authorization } : {} })
    expectError(response, 401, 'unauthorized')
  })

  it('signs out: the token stops working, other sessions keep working', async () => {
    const first = (await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.zhao } })).json().token
    const second = (await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.zhao } })).json().token
    // wx.request sends Content-Type: application/json even without data.
    const out = await world.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { authorization: `Bearer ${first}`, 'content-type': 'application/json' },
      payload: '',
    })
    expect(out.statusCode).toBe(204)
    expect(out.body).toBe('')
    expectError(await world.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${first}` } }), 401, 'unauthorized')
    expect((await world.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${second}` } })).statusCode).toBe(200)
  })

  it('says WeChat sign-in is not supported when no WeChat app is configured', async () => {
    const response = await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'abc' } })
    expectError(response, 501, 'not_supported')
  })
})

describe('token expiry', () => {
  let clock = new Date('2026-11-21T08:00:00.000Z')
  let world: World
  beforeAll(async () => {
    world = await startWorld({ now: () => clock, tokenTtlHours: 2 })
  })
  afterAll(() => world.close())

  it('accepts a token until it expires, then answers 401', async () => {
    const session = (await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.owner } })).json()
    expect(session.expiresAt).toBe('2026-11-21T10:00:00.000Z')
    const headers = { authorization: `Bearer ${session.token}` }
    clock = new Date('2026-11-21T09:59:59.000Z')
    expect((await world.inject({ url: '/api/v1/reports/mine', headers })).statusCode).toBe(200)
    clock = new Date('2026-11-21T10:00:00.000Z')
    expectError(await world.inject({ url: '/api/v1/reports/mine', headers }), 401, 'unauthorized')
  })
})

describe('a server without demo mode, with WeChat sign-in', () => {
  const codes: Record<string, string> = { 'code-a': 'openid-a', 'code-a2': 'openid-a', 'code-b': 'openid-b' }
  const fake: WeChatAuth = {
    async code2Session(code) {
      if (code === 'busy') throw new WeChatAuthError('unavailable', 'system busy')
      if (code === 'slow-down') throw new WeChatAuthError('rate_limited', '45011')
      const openid = codes[code]
      if (!openid) throw new WeChatAuthError('invalid_code', '40029')
      return { openid }
    },
  }
  let world: World
  beforeAll(async () => {
    world = await startWorld({ demo: false, weChatAuth: fake })
  })
  afterAll(() => world.close())

  it('hides the demo accounts and refuses demo sign-in with 404', async () => {
    expectError(await world.inject({ url: '/api/v1/session/demo-accounts' }), 404, 'not_found')
    expectError(await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.owner } }), 404, 'not_found')
  })

  it('creates a resident of no community (until they pick theirs) for a new openid and finds the same user again', async () => {
    const first = await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'code-a' } })
    expect(first.statusCode).toBe(200)
    const user = first.json().user
    expect(user).toMatchObject({ roles: ['resident'], communityId: null, gridIds: [], leadsBuildingIds: [] })
    expect(user.home).toBeUndefined()
    const again = await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'code-a2' } })
    expect(again.json().user.id).toBe(user.id)
    const other = await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'code-b' } })
    expect(other.json().user.id).not.toBe(user.id)
    expect(first.body).not.toContain('openid-a')
  })

  it('lets a WeChat user who joined a community file a report (routed to the first grid until a home is bound)', async () => {
    const { token, user } = (await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'code-b' } })).json()
    expectError(await world.inject({ method: 'POST', url: '/api/v1/reports', headers: { authorization: `Bearer ${token}`, 'idempotency-key': newKey() }, payload: validReport() }), 403, 'forbidden')
    // Joining (the community service's step), straight through the store.
    await createSqlStore(world.db).users.setCommunity(user.id, 'c-yingyue')
    const again = (await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'code-b' } })).json()
    const id = await world.file({ authorization: `Bearer ${again.token}` })
    const detail = (await world.inject({ url: `/api/v1/reports/${id}`, headers: { authorization: `Bearer ${again.token}` } })).json()
    expect(detail.report.gridId).toBe('g-1')
  })

  it('maps what WeChat says: bad code 401, rate limited 429, unavailable 502', async () => {
    expectError(await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'forged' } }), 401, 'unauthorized')
    const limited = await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'slow-down' } })
    expectError(limited, 429, 'rate_limited')
    expect(limited.json().error.retryAfterMs).toBeGreaterThan(0)
    expectError(await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'busy' } }), 502, 'server')
  })

  it('refuses a missing or oversized code before asking WeChat', async () => {
    expectError(await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: {} }), 400, 'validation', ['code'])
    expectError(await world.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'x'.repeat(129) } }), 400, 'validation', ['code'])
  })
})

describe('the real code2Session client', () => {
  it('calls jscode2session with appid, secret, js_code and grant_type, and keeps only the openid', async () => {
    const { createWeChatAuth } = await import('../auth/wechat')
    const calls: string[] = []
    const auth = createWeChatAuth({
      appId: 'wx123',
      secret: 's3cret',
      fetch: (async (url: URL) => {
        calls.push(String(url))
        return new Response(JSON.stringify({ openid: 'o-1', session_key: 'never-leaves' }), { status: 200 })
      }) as unknown as typeof fetch,
    })
    expect(await auth.code2Session('the-code')).toEqual({ openid: 'o-1', unionid: undefined })
    const url = new URL(calls[0])
    expect(url.origin + url.pathname).toBe('https://api.weixin.qq.com/sns/jscode2session')
    expect(Object.fromEntries(url.searchParams)).toEqual({ appid: 'wx123', secret: 's3cret', js_code: 'the-code', grant_type: 'authorization_code' })
  })

  it('turns WeChat error codes into reasons, and never puts the secret in the error', async () => {
    const { createWeChatAuth } = await import('../auth/wechat')
    const answer = (body: object) => createWeChatAuth({ appId: 'wx', secret: 'TOPSECRET', fetch: (async () => new Response(JSON.stringify(body))) as unknown as typeof fetch })
    await expect(answer({ errcode: 40029, errmsg: 'invalid code' }).code2Session('c')).rejects.toMatchObject({ reason: 'invalid_code' })
    await expect(answer({ errcode: 45011 }).code2Session('c')).rejects.toMatchObject({ reason: 'rate_limited' })
    await expect(answer({ errcode: -1 }).code2Session('c')).rejects.toMatchObject({ reason: 'unavailable' })
    const failing = createWeChatAuth({ appId: 'wx', secret: 'TOPSECRET', fetch: (async () => { throw new Error('https://api.weixin.qq.com/?secret=TOPSECRET') }) as unknown as typeof fetch })
    const error = await failing.code2Session('c').catch((e: Error) => e)
    expect(String((error as Error).message)).not.toContain('TOPSECRET')
  })
})

describe('sign-in rate limit', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld({ rateLimits: { signIn: { max: 3, timeWindowMs: 60_000 } } })
  })
  afterAll(() => world.close())

  it('answers 429 rate_limited with retryAfterMs once a client signs in too often', async () => {
    const attempt = () => world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.owner } })
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(200)
    const limited = await attempt()
    expectError(limited, 429, 'rate_limited')
    expect(limited.json().error.retryAfterMs).toBeGreaterThan(0)
    expect(limited.json().error.retryAfterMs).toBeLessThanOrEqual(60_000)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
  })
})
