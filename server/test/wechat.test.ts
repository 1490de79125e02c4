import { startWeChatStandIn, type WeChatStandIn } from './support/wechat-stand-in'
import { createWeChatAuth, createWeChatCodes, WeChatAccessToken } from '../auth'
import { ConfigError, loadConfig } from '../config'
import { WeChatSubscribeNotifier } from '../notifications/notifier'
import { expectError, startWorld, type World } from './support/world'

/**
 * WeChat tested for real: the server's real WeChat clients talk over loopback to a stand-in of
 * WeChat's API (server/test/support/wechat-stand-in.ts) that issues codes, spends them once, rate-limits,
 * fails and hangs on request. No test here needs the real WeChat.
 */

let wx: WeChatStandIn
beforeAll(async () => {
  wx = await startWeChatStandIn()
})
afterAll(() => wx.close())

const SIGN_IN = '/api/v1/session/wechat'
const TIMEOUT_MS = 300

describe('WeChat sign-in through the app, against the stand-in', () => {
  let world: World
  let withoutWeb: World
  beforeAll(async () => {
    const base = { appId: wx.appId, secret: wx.secret, baseUrl: wx.url, timeoutMs: TIMEOUT_MS }
    ;[world, withoutWeb] = await Promise.all([
      startWorld({ demo: false, weChatAuth: createWeChatAuth({ ...base, web: { appId: wx.webAppId, secret: wx.webSecret } }) }),
      startWorld({ demo: false, weChatAuth: createWeChatAuth(base) }),
    ])
  })
  afterAll(() => Promise.all([world.close(), withoutWeb.close()]))
  beforeEach(() => wx.reset())

  const signIn = (code: string, via?: 'miniprogram' | 'web', on: World = world) =>
    on.inject({ method: 'POST', url: SIGN_IN, payload: via ? { code, via } : { code } })

  it('signs a new person in with a fresh code, and finds the same user for the same openid', async () => {
    const first = await signIn(wx.issueCode('o-alice'))
    expect(first.statusCode).toBe(200)
    const session = first.json()
    expect(session.token).toEqual(expect.any(String))
    expect(session.user).toMatchObject({ roles: ['resident'], name: '微信用户' })
    expect(first.body).not.toContain('o-alice')
    const me = await world.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${session.token}` } })
    expect(me.statusCode).toBe(200)

    const again = await signIn(wx.issueCode('o-alice'))
    expect(again.json().user.id).toBe(session.user.id)
    const bob = await signIn(wx.issueCode('o-bob'))
    expect(bob.json().user.id).not.toBe(session.user.id)

    // What WeChat saw: the mini-program's app id and the code, the secret redacted in the record.
    const [call] = wx.requestsTo('/sns/jscode2session')
    expect(call).toMatchObject({ method: 'GET', params: { appid: wx.appId, secret: '[redacted]', grant_type: 'authorization_code', js_code: expect.stringMatching(/^mc-/) } })
    expect(JSON.stringify(wx.requests)).not.toContain(wx.secret)
  })

  it('refuses a code used twice and an expired code with 401 and the Chinese message', async () => {
    const code = wx.issueCode('o-carol')
    expect((await signIn(code)).statusCode).toBe(200)
    const reused = await signIn(code)
    expectError(reused, 401, 'unauthorized')
    expect(reused.json().error.message).toBe('微信登录凭证无效或已过期，请重新登录')
    const expired = await signIn(wx.issueCode('o-carol', { expired: true }))
    expectError(expired, 401, 'unauthorized')
    expect(expired.json().error.message).toBe('微信登录凭证无效或已过期，请重新登录')
    expectError(await signIn('never-issued'), 401, 'unauthorized')
  })

  it('answers 429 rate_limited with a retry time when WeChat says too many requests, and the code still works after', async () => {
    const code = wx.issueCode('o-dave')
    wx.rateLimitNext()
    const limited = await signIn(code)
    expectError(limited, 429, 'rate_limited')
    expect(limited.json().error.message).toBe('微信登录太频繁，请稍后再试')
    expect(limited.json().error.retryAfterMs).toBeGreaterThan(0)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await signIn(code)).statusCode).toBe(200)
  })

  it.each(['errcode', 'http500'] as const)('answers 502 with our body when WeChat fails (%s), never a bare 500', async (mode) => {
    wx.failNext(mode)
    const failed = await signIn(wx.issueCode('o-erin'))
    expectError(failed, 502, 'server')
    expect(failed.json().error.message).toBe('微信服务暂时不可用，请稍后再试')
    expect(failed.headers['content-type']).toMatch(/application\/json/)
  })

  it('gives up on a WeChat that never answers after its timeout, with the same 502', async () => {
    wx.failNext('hang')
    const started = Date.now()
    const failed = await signIn(wx.issueCode('o-frank'))
    const took = Date.now() - started
    expectError(failed, 502, 'server')
    expect(failed.json().error.message).toBe('微信服务暂时不可用，请稍后再试')
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 20)
    expect(took).toBeLessThan(TIMEOUT_MS + 2000)
  })

  it('signs in with a web authorization code (via web) as a user distinct from the mini-program one', async () => {
    const mini = (await signIn(wx.issueCode('o-grace'))).json()
    const web = await signIn(wx.issueCode('o-grace', { app: 'web' }), 'web')
    expect(web.statusCode).toBe(200)
    expect(web.json().user.id).not.toBe(mini.user.id)
    const again = await signIn(wx.issueCode('o-grace', { app: 'web' }), 'web')
    expect(again.json().user.id).toBe(web.json().user.id)
    const rows = await world.db.query<{ wechat_openid: string }>(`SELECT wechat_openid FROM users WHERE id = $1`, [web.json().user.id])
    expect(rows[0].wechat_openid).toBe('web:o-grace')
    const [call] = wx.requestsTo('/sns/oauth2/access_token')
    expect(call.params).toMatchObject({ appid: wx.webAppId, secret: '[redacted]', grant_type: 'authorization_code' })
    // A code is for one app: a mini-program code is no web code, and the other way round.
    expectError(await signIn(wx.issueCode('o-grace'), 'web'), 401, 'unauthorized')
    expectError(await signIn(wx.issueCode('o-grace', { app: 'web' })), 401, 'unauthorized')
  })

  it('signs in through the authorize page: consent in Chinese, 允许 redirects with a code and the state', async () => {
    const authorize = new URL(wx.authorizeUrl)
    const back = 'http://127.0.0.1:10086/?from=wechat#/auth/sign-in/index'
    Object.entries({ appid: wx.webAppId, redirect_uri: back, response_type: 'code', scope: 'snsapi_base', state: 'st-123' }).forEach(([k, v]) => authorize.searchParams.set(k, v))
    const page = await fetch(authorize)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('邻里 申请获取你的微信身份')
    expect(html).toContain('允许')
    // The form's submit, as a browser would send it.
    const approve = new URL('/connect/oauth2/authorize/approve', wx.url)
    for (const [, name, value] of html.matchAll(/name="(\w+)" value="([^"]*)"/g)) approve.searchParams.set(name, value.replace(/&amp;/g, '&').replace(/&quot;/g, '"'))
    approve.searchParams.set('openid', 'o-heidi')
    const redirect = await fetch(approve, { redirect: 'manual' })
    expect(redirect.status).toBe(302)
    const location = new URL(redirect.headers.get('location') as string)
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:10086/')
    expect(location.hash).toBe('#/auth/sign-in/index')
    expect(location.searchParams.get('from')).toBe('wechat')
    expect(location.searchParams.get('state')).toBe('st-123')
    const signedIn = await signIn(location.searchParams.get('code') as string, 'web')
    expect(signedIn.statusCode).toBe(200)

    // autoApprove skips the page; a wrong app id gets an error page, not a code.
    wx.autoApprove('o-ivan')
    const quick = await fetch(authorize, { redirect: 'manual' })
    expect(quick.status).toBe(302)
    expect(new URL(quick.headers.get('location') as string).searchParams.get('code')).toMatch(/^wc-/)
    authorize.searchParams.set('appid', 'wx-someone-else')
    expect((await fetch(authorize, { redirect: 'manual' })).status).toBe(400)
  })

  it('answers 501 not_supported for web codes when no web app is configured', async () => {
    const refused = await signIn(wx.issueCode('o-judy', { app: 'web' }), 'web', withoutWeb)
    expectError(refused, 501, 'not_supported')
    expect(refused.json().error.message).toBe('服务器未开通微信网页登录，请在微信小程序中使用')
    expect(wx.requestsTo('/sns/oauth2/access_token')).toHaveLength(0)
    expect((await signIn(wx.issueCode('o-judy'), undefined, withoutWeb)).statusCode).toBe(200)
  })
})

describe('the WeChat clients on their own', () => {
  beforeEach(() => wx.reset())
  const creds = () => ({ appId: wx.appId, secret: wx.secret, baseUrl: wx.url, timeoutMs: TIMEOUT_MS })

  it('name the failure clearly: a timeout, an HTTP error, an errcode; never the secret', async () => {
    const auth = createWeChatAuth(creds())
    const messages: string[] = []
    const fail = async (mode: 'hang' | 'http500' | 'errcode') => {
      wx.failNext(mode)
      const error = await auth.code2Session(wx.issueCode('o-1')).catch((e: Error) => e)
      messages.push((error as Error).message)
      return error
    }
    await expect(fail('hang')).resolves.toMatchObject({ reason: 'unavailable', message: `code2Session timed out after ${TIMEOUT_MS} ms` })
    await expect(fail('http500')).resolves.toMatchObject({ reason: 'unavailable', message: 'code2Session failed: HTTP 500' })
    await expect(fail('errcode')).resolves.toMatchObject({ reason: 'unavailable', message: 'code2Session errcode -1' })
    const wrongSecret = await createWeChatAuth({ ...creds(), secret: 'NOT-THE-SECRET' }).code2Session(wx.issueCode('o-1')).catch((e: Error) => e)
    expect(wrongSecret).toMatchObject({ reason: 'unavailable', message: 'code2Session errcode 40125' })
    messages.push((wrongSecret as Error).message)
    for (const message of messages) expect(message).not.toMatch(new RegExp(`${wx.secret}|NOT-THE-SECRET|127\\.0\\.0\\.1`))
  })

  it('WeChatCodes answers a PNG, and the stand-in saw the scene and the page', async () => {
    const codes = createWeChatCodes({ ...creds(), envVersion: 'trial' })
    const code = await codes.unlimitedCode({ scene: 'h=b-3-302', page: 'pages/join/index', width: 280 })
    expect(code.contentType).toBe('image/png')
    expect(Buffer.from(code.bytes).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(Buffer.from(code.bytes)).toEqual(wx.png)
    expect(wx.unlimitedCodes).toEqual([{ scene: 'h=b-3-302', page: 'pages/join/index', width: 280, check_path: false, env_version: 'trial' }])
    const [call] = wx.requestsTo('/wxa/getwxacodeunlimit')
    expect(call.params.access_token).toBe('[redacted]')
  })

  it('caches the access token across calls, and renews it once when WeChat says it is no longer valid', async () => {
    const codes = createWeChatCodes(creds())
    await codes.unlimitedCode({ scene: 'a', page: 'pages/index/index' })
    await codes.unlimitedCode({ scene: 'b', page: 'pages/index/index' })
    expect(wx.requestsTo('/cgi-bin/stable_token')).toHaveLength(1)
    wx.expireTokens()
    await codes.unlimitedCode({ scene: 'c', page: 'pages/index/index' })
    const tokenCalls = wx.requestsTo('/cgi-bin/stable_token')
    expect(tokenCalls.map((c) => c.params.force_refresh)).toEqual(['false', 'true'])
    expect(tokenCalls[0].params).toMatchObject({ grant_type: 'client_credential', appid: wx.appId, secret: '[redacted]' })
    expect(wx.unlimitedCodes.map((c) => c.scene)).toEqual(['a', 'b', 'c'])
    // The refused call, then the one with the new token.
    expect(wx.requestsTo('/wxa/getwxacodeunlimit')).toHaveLength(4)
  })

  it('turns 45009 into rate_limited, other errcodes and failures into unavailable, without the secret or the token', async () => {
    const codes = createWeChatCodes(creds())
    await codes.unlimitedCode({ scene: 'warm', page: 'pages/index/index' })
    wx.rateLimitNext()
    await expect(codes.unlimitedCode({ scene: 'x', page: 'pages/index/index' })).rejects.toMatchObject({ name: 'WeChatAuthError', reason: 'rate_limited' })
    const tooLong = await codes.unlimitedCode({ scene: 'x'.repeat(33), page: 'pages/index/index' }).catch((e: Error) => e)
    expect(tooLong).toMatchObject({ reason: 'unavailable', message: 'getwxacodeunlimit errcode 40169' })
    const badPage = await codes.unlimitedCode({ scene: 'x', page: '/pages/index/index' }).catch((e: Error) => e)
    expect(badPage).toMatchObject({ reason: 'unavailable', message: 'getwxacodeunlimit errcode 41030' })
    wx.failNext('hang')
    const hung = await codes.unlimitedCode({ scene: 'x', page: 'pages/index/index' }).catch((e: Error) => e)
    expect(hung).toMatchObject({ reason: 'unavailable', message: `getwxacodeunlimit timed out after ${TIMEOUT_MS} ms` })
    const wrongSecret = await createWeChatCodes({ ...creds(), secret: 'NOT-THE-SECRET' }).unlimitedCode({ scene: 'x', page: 'p' }).catch((e: Error) => e)
    expect(wrongSecret).toMatchObject({ reason: 'unavailable', message: 'stable_token errcode 40125' })
    const tokens = wx.requests.filter((r) => r.path === '/cgi-bin/stable_token')
    expect(tokens.length).toBeGreaterThan(0)
    for (const error of [tooLong, badPage, hung, wrongSecret]) expect((error as Error).message).not.toMatch(/secret|at-\w|access_token=/i)
  })

  it('the subscribe notifier sends through the same base URL and shares the token cache with the codes', async () => {
    const tokens = new WeChatAccessToken(creds())
    const codes = createWeChatCodes({ ...creds(), tokens })
    const notifier = new WeChatSubscribeNotifier({ ...creds(), templateId: 'tpl-1', tokens })
    await codes.unlimitedCode({ scene: 's', page: 'pages/index/index' })
    await notifier.notify({
      recipient: { userId: 'u-wang', openid: 'openid-wang' },
      report: { id: 'r_1', number: 'YY-20261121-0007', categoryName: '路灯故障', description: '路灯不亮' },
      move: 'accept',
      from: 'submitted',
      to: 'accepted',
      at: '2026-11-21T08:05:00.000Z',
    })
    expect(wx.subscribeMessages).toEqual([expect.objectContaining({ touser: 'openid-wang', template_id: 'tpl-1', page: 'reports/detail/index?id=r_1' })])
    expect(wx.requestsTo('/cgi-bin/stable_token')).toHaveLength(1)
  })
})

describe('WeChat configuration', () => {
  const mini = { WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret' }

  it('points at api.weixin.qq.com unless WECHAT_API_BASE_URL says otherwise', () => {
    expect(loadConfig(mini).weChat).toEqual({ appId: 'wx-app', secret: 'wx-secret', baseUrl: 'https://api.weixin.qq.com', envVersion: 'release' })
    expect(loadConfig({ ...mini, WECHAT_API_BASE_URL: 'http://127.0.0.1:4010/' }).weChat?.baseUrl).toBe('http://127.0.0.1:4010')
    expect(loadConfig({ ...mini, WECHAT_API_BASE_URL: 'https://wx-proxy.example.cn/weixin' }).weChat?.baseUrl).toBe('https://wx-proxy.example.cn/weixin')
    expect(loadConfig({ ...mini, WECHAT_CODE_ENV_VERSION: 'develop' }).weChat?.envVersion).toBe('develop')
  })

  it.each(['ftp://api.weixin.qq.com', 'api.weixin.qq.com', 'http://', 'https://user:pw@proxy.example.cn', 'https://x.example.cn/?a=1'])('refuses WECHAT_API_BASE_URL=%s', (value) => {
    const error = (() => {
      try {
        loadConfig({ ...mini, WECHAT_API_BASE_URL: value })
      } catch (e) {
        return e as Error
      }
      return null
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(error?.message).toMatch(/WECHAT_API_BASE_URL must be an http\(s\) URL/)
    expect(error?.message).not.toContain(':pw@')
  })

  it('turns web sign-in on with WECHAT_WEB_APPID and WECHAT_WEB_SECRET together, beside the mini-program', () => {
    expect(loadConfig(mini).weChat?.web).toBeUndefined()
    expect(loadConfig({ ...mini, WECHAT_WEB_APPID: 'wx-web', WECHAT_WEB_SECRET: 'web-secret' }).weChat?.web).toEqual({ appId: 'wx-web', secret: 'web-secret' })
    expect(() => loadConfig({ ...mini, WECHAT_WEB_APPID: 'wx-web' })).toThrow(/WECHAT_WEB_APPID and WECHAT_WEB_SECRET must be set together/)
    expect(() => loadConfig({ ...mini, WECHAT_WEB_SECRET: 'web-secret' })).toThrow(/WECHAT_WEB_APPID and WECHAT_WEB_SECRET must be set together/)
    expect(() => loadConfig({ WECHAT_WEB_APPID: 'wx-web', WECHAT_WEB_SECRET: 'web-secret' })).toThrow(/needs WECHAT_APPID/)
    expect(() => loadConfig({ ...mini, WECHAT_CODE_ENV_VERSION: 'beta' })).toThrow(/WECHAT_CODE_ENV_VERSION/)
  })
})
