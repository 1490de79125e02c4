import type { ApiClient } from '../../../src/api/client'
import { ApiError } from '../../../src/api/errors'
import { SESSION_KEY, TOKEN_KEY } from '../../../src/api/http/auth'
import { createHttpClient, type HttpClientOptions } from '../../../src/api/http/client'
import type { Transport, TransportRequest, TransportUpload } from '../../../src/api/http/transport'
import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage } from '../../../src/platform/storage'
import type { Session } from '../../../types/domain'
import { apiError } from '../support/memory-world'

// ── a scripted transport ──────────────────────────────────────────────────────────────────────────

type Answer = { status: number; data?: unknown; headers?: Record<string, string>; bytes?: Uint8Array } | 'offline' | 'hang'

/** Answers requests in order from a script; records what was sent. */
function scriptedTransport() {
  const script: Answer[] = []
  const requests: TransportRequest[] = []
  const uploads: TransportUpload[] = []
  const answer = async (a: Answer | undefined) => {
    if (a === undefined) throw new Error('the test did not script this request')
    if (a === 'offline') throw new Error('request:fail net::ERR_INTERNET_DISCONNECTED')
    if (a === 'hang') return new Promise<never>(() => undefined)
    return { status: a.status, headers: a.headers ?? {}, data: a.data ?? null }
  }
  const transport: Transport = {
    request: (options) => {
      requests.push(options)
      return answer(script.shift())
    },
    upload: async (options) => {
      uploads.push(options)
      const { status, data } = await answer(script.shift())
      return { status, data }
    },
    download: async (options) => {
      requests.push({ ...options, method: 'GET' })
      const next = script.shift()
      const res = await answer(next)
      return { ...res, ...(typeof next === 'object' && next.bytes ? { bytes: next.bytes } : {}) }
    },
  }
  return {
    transport,
    requests,
    uploads,
    reply: (...answers: Answer[]) => void script.push(...answers),
    pending: () => script.length,
  }
}

const NOW = Date.parse('2026-11-21T08:00:00.000Z')

const session = (token = 'tok-1', userId = 'u-wang'): Session => ({
  token,
  user: { id: userId, name: '王秀兰', phoneMasked: '138****0001', roles: ['resident'], communityId: 'c-yingyue', gridIds: [], leadsBuildingIds: [] },
  expiresAt: new Date(NOW + 30 * 86_400_000).toISOString(),
})

const report = (over: Record<string, unknown> = {}) => ({
  id: 'r-1',
  number: 'YY-20261121-0001',
  communityId: 'c-yingyue',
  gridId: 'g-2',
  categoryId: 'cat-light',
  categoryName: '路灯故障',
  description: '3号楼门口路灯不亮',
  photos: [],
  location: { kind: 'text', address: '3号楼门口' },
  anonymous: false,
  reporterId: 'u-wang',
  reporterName: '王秀兰',
  status: 'submitted',
  createdAt: new Date(NOW).toISOString(),
  updatedAt: new Date(NOW).toISOString(),
  deadlineAt: new Date(NOW + 48 * 3_600_000).toISOString(),
  escalated: false,
  reopenCount: 0,
  meTooCount: 0,
  version: 1,
  ...over,
})
const detail = (over: Record<string, unknown> = {}) => ({ report: report(over), timeline: [], allowedActions: [] })

const newReport = {
  categoryId: 'cat-light',
  description: '3号楼门口路灯不亮',
  photoIds: [],
  location: { kind: 'text' as const, address: '3号楼门口' },
  anonymous: false,
}

const errorBody = (kind: string, message: string, extra: Record<string, unknown> = {}) => ({ error: { kind, message, ...extra } })

function setup(options: Partial<HttpClientOptions> = {}) {
  const t = scriptedTransport()
  const storage = memoryStorage()
  const network = fakeNetwork(true)
  const waits: number[] = []
  const api: ApiClient = createHttpClient({
    baseUrl: 'https://linli.test/',
    storage,
    network,
    transport: t.transport,
    now: () => new Date(NOW),
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    ...options,
  })
  const signIn = async (s = session()) => {
    t.reply({ status: 200, data: s })
    await api.session.signInDemo(s.user.id)
  }
  return { ...t, storage, network, waits, api, signIn }
}

// ── requests and auth ─────────────────────────────────────────────────────────────────────────────

describe('the HTTP adapter: requests and the session token', () => {
  it('says what it is and what it can do', () => {
    const { api } = setup()
    expect(api.mode).toBe('http')
    expect(api.capabilities).toMatchObject({ demoSignIn: true, wechatSignIn: true, reports: true, photoUpload: true, meToo: true, handling: true })
    expect(api.capabilities).toMatchObject({ messages: true, notices: true, dashboard: true })
    expect(api.capabilities).toMatchObject({ conventions: true, services: true })
  })

  it('signs in without a token, then keeps the token and sends it as a bearer header', async () => {
    const { api, requests, reply, storage } = setup()
    reply({ status: 200, data: session('tok-1') })
    const signedIn = await api.session.signInDemo('u-wang')
    expect(signedIn.user.id).toBe('u-wang')
    expect(requests[0]).toMatchObject({ method: 'POST', url: 'https://linli.test/api/v1/session/demo', data: { userId: 'u-wang' } })
    expect(requests[0].headers.authorization).toBeUndefined()
    expect(requests[0].headers['content-type']).toBe('application/json')
    expect(storage.get(TOKEN_KEY)).toBe('tok-1')

    reply({ status: 200, data: { items: [] } })
    await api.reports.listMine({ limit: 5 })
    expect(requests[1]).toMatchObject({ method: 'GET', url: 'https://linli.test/api/v1/reports/mine?limit=5' })
    expect(requests[1].headers.authorization).toBe('Bearer tok-1')
    expect(requests[1].timeoutMs).toBe(15_000)
  })

  it('signs in with a WeChat code the same way', async () => {
    const { api, requests, reply, storage } = setup()
    reply({ status: 200, data: session('tok-wx') })
    await api.session.signInWithWeChat('wx-code-1')
    expect(requests[0]).toMatchObject({ method: 'POST', url: 'https://linli.test/api/v1/session/wechat', data: { code: 'wx-code-1' } })
    expect(storage.get(TOKEN_KEY)).toBe('tok-wx')
  })

  it('signs out on the server and forgets the token', async () => {
    const { api, requests, reply, storage, signIn } = setup()
    await signIn()
    reply({ status: 204 })
    await api.session.signOut()
    expect(requests[1]).toMatchObject({ method: 'DELETE', url: 'https://linli.test/api/v1/session' })
    expect(requests[1].headers.authorization).toBe('Bearer tok-1')
    expect(storage.get(TOKEN_KEY)).toBeNull()
    expect(storage.get(SESSION_KEY)).toBeNull()
  })

  it('signs out on the device even when the server cannot be told', async () => {
    const { api, requests, reply, storage, signIn } = setup()
    await signIn()
    reply('offline')
    await api.session.signOut()
    expect(requests).toHaveLength(2)
    expect(storage.get(TOKEN_KEY)).toBeNull()
  })

  it('drops the session on a 401 and reports unauthorized (there is no refresh token)', async () => {
    const { api, requests, reply, storage, signIn } = setup()
    await signIn()
    reply({ status: 401, data: errorBody('unauthorized', '登录已过期，请重新登录') })
    const error = await apiError(api.reports.get('r-1'))
    expect(error.kind).toBe('unauthorized')
    expect(storage.get(TOKEN_KEY)).toBeNull()
    expect(storage.get(SESSION_KEY)).toBeNull()
    expect(requests).toHaveLength(2)

    reply({ status: 401, data: errorBody('unauthorized', '请先登录') })
    await apiError(api.reports.get('r-1'))
    expect(requests[2].headers.authorization).toBeUndefined()
  })

  it('does not let a late 401 for an old token sign out a newer session', async () => {
    const t = scriptedTransport()
    const storage = memoryStorage()
    let release: (value: { status: number; headers: Record<string, string>; data: unknown }) => void = () => undefined
    const transport: Transport = {
      request: (options) => {
        t.requests.push(options)
        if (options.url.endsWith('/reports/r-slow')) return new Promise((resolve) => (release = resolve))
        return t.transport.request(options)
      },
      upload: t.transport.upload,
    }
    const api = createHttpClient({ baseUrl: 'https://linli.test', storage, transport, now: () => new Date(NOW) })
    t.reply({ status: 200, data: session('tok-old') })
    await api.session.signInDemo('u-wang')
    const slow = api.reports.get('r-slow')
    t.reply({ status: 200, data: session('tok-new') })
    await api.session.signInDemo('u-wang')
    release({ status: 401, headers: {}, data: errorBody('unauthorized', '登录已过期') })
    expect((await apiError(slow)).kind).toBe('unauthorized')
    expect(storage.get(TOKEN_KEY)).toBe('tok-new')
  })

  it('puts the inbox filters in the query string', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply({ status: 200, data: { items: [], nextCursor: 'c2' } })
    const page = await api.handling.listInbox({ status: ['submitted', 'reopened'], overdueOnly: true, gridId: 'g-2', cursor: 'c1', limit: 10 })
    expect(page.nextCursor).toBe('c2')
    expect(requests[1].url).toBe(
      'https://linli.test/api/v1/inbox?cursor=c1&limit=10&status=submitted%2Creopened&gridId=g-2&overdueOnly=true',
    )
  })

  it('posts a handler move with only the fields given', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply({ status: 200, data: detail({ status: 'accepted' }) })
    await api.handling.assign('r 1', { assignee: { kind: 'user', id: 'u-sun' }, note: '请孙丽上门' })
    expect(requests[1]).toMatchObject({ method: 'POST', url: 'https://linli.test/api/v1/reports/r%201/actions/assign' })
    expect(requests[1].data).toEqual({ assignee: { kind: 'user', id: 'u-sun' }, note: '请孙丽上门' })
  })

  it('rates, adds a voice and lists public reports on their routes', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply({ status: 200, data: detail({ status: 'reopened' }) }, { status: 200, data: { id: 'r-2', status: 'submitted' } }, { status: 200, data: { items: [] } })
    await api.reports.rate('r-1', { level: 'unsatisfied', comment: '没修好' })
    await api.reports.meToo('r-2')
    await api.reports.listPublic({ categoryId: 'cat-light' })
    expect(requests.slice(1).map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://linli.test/api/v1/reports/r-1/rating',
      'POST https://linli.test/api/v1/reports/r-2/me-too',
      'GET https://linli.test/api/v1/reports/public?categoryId=cat-light',
    ])
    expect(requests[1].data).toEqual({ level: 'unsatisfied', comment: '没修好' })
  })

  it('answers an empty list of demo accounts when the server is not in demo mode (404)', async () => {
    const { api, reply } = setup()
    reply({ status: 404, data: errorBody('not_found', '未开启演示模式') })
    expect(await api.session.listDemoAccounts()).toEqual([])
  })

  it('reads the booking export as a file: its bytes and its Chinese name; an error answer is still the error it stands for', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4])
    const name = '预约名单-法律咨询-2026-12.xlsx'
    reply({ status: 200, bytes, headers: { 'content-disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}` } })
    const file = await api.services.exportBookings!({ period: '2026-12', serviceId: 'svc_1' })
    expect(file).toEqual({ fileName: name, bytes })
    expect(requests.at(-1)).toMatchObject({ method: 'GET', url: 'https://linli.test/api/v1/bookings/export?period=2026-12&serviceId=svc_1' })
    expect(requests.at(-1)!.headers.authorization).toBe('Bearer tok-1')
    reply({ status: 403, data: { error: { kind: 'forbidden', message: '只有社区工作者可以导出预约' } } })
    await expect(api.services.exportBookings!({ period: '2026-12' })).rejects.toMatchObject({ kind: 'forbidden', message: '只有社区工作者可以导出预约' })
  })

  it('says a transport that cannot read bytes does not support the export', async () => {
    const t = scriptedTransport()
    const { download: _download, ...jsonOnly } = t.transport
    const api = createHttpClient({ baseUrl: 'https://linli.test/', storage: memoryStorage(), transport: jsonOnly, now: () => new Date(NOW) })
    t.reply({ status: 200, data: session() })
    await api.session.signInDemo('u-wang')
    await expect(api.services.exportBookings!({ period: '2026-12' })).rejects.toMatchObject({ kind: 'not_supported' })
  })

  it('fails at once with network while the device is offline', async () => {
    const { api, requests, network, signIn } = setup()
    await signIn()
    network.set(false)
    expect((await apiError(api.reports.listMine())).kind).toBe('network')
    expect((await apiError(api.media.uploadPhoto({ path: '/tmp/a.jpg' }))).kind).toBe('network')
    expect(requests).toHaveLength(1)
  })
})

// ── error mapping ─────────────────────────────────────────────────────────────────────────────────

describe('the HTTP adapter: errors', () => {
  const fields = { description: '描述至少需要5个字' }
  it.each([
    [400, 'validation', errorBody('validation', '填写有误', { fields }), fields],
    [422, 'validation', errorBody('validation', '同一提交编号对应了不同的内容', { fields: { idempotencyKey: '请重新提交' } }), { idempotencyKey: '请重新提交' }],
    [401, 'unauthorized', errorBody('unauthorized', '请先登录'), {}],
    [403, 'forbidden', errorBody('forbidden', '您没有权限'), {}],
    [404, 'not_found', errorBody('not_found', '诉求不存在'), {}],
    [409, 'conflict', errorBody('conflict', '已被他人处理'), {}],
    [413, 'validation', errorBody('validation', '照片不能超过10MB', { fields: { photo: '照片不能超过10MB' } }), { photo: '照片不能超过10MB' }],
    [415, 'validation', errorBody('validation', '只能上传图片', { fields: { photo: '只能上传图片' } }), { photo: '只能上传图片' }],
    [429, 'rate_limited', errorBody('rate_limited', '操作太频繁'), {}],
    [501, 'not_supported', errorBody('not_supported', '暂不支持'), {}],
    [500, 'server', errorBody('server', '服务器出错了'), {}],
  ])('maps %i with its error body to ApiError(%s)', async (status, kind, data, expectedFields) => {
    const { api, reply, signIn } = setup({ retries: 0 })
    await signIn()
    reply({ status, data })
    const error = await apiError(api.reports.rate('r-1', { level: 'satisfied', comment: '' }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.kind).toBe(kind)
    expect(error.message).toBe(data.error.message)
    expect(error.fields).toEqual(expectedFields)
  })

  it('carries retryAfterMs from the body, or from a Retry-After header', async () => {
    const { api, reply, signIn } = setup({ retries: 0 })
    await signIn()
    reply({ status: 429, data: errorBody('rate_limited', '太频繁', { retryAfterMs: 1500 }) })
    expect((await apiError(api.reports.meToo('r-1'))).retryAfterMs).toBe(1500)
    reply({ status: 429, data: 'Too Many Requests', headers: { 'retry-after': '3' } })
    const error = await apiError(api.reports.meToo('r-1'))
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBe(3000)
  })

  it.each([
    ['an HTML error page', 502, '<html>Bad Gateway</html>', 'server'],
    ['a framework error without our shape', 400, { statusCode: 400, error: 'Bad Request', message: 'body/description must be string' }, 'server'],
    ['an unknown error kind', 418, errorBody('teapot', '我是茶壶'), 'server'],
    ['a proxy refusing a large body', 413, '<html>413 Request Entity Too Large</html>', 'validation'],
    ['a 401 without a body', 401, null, 'unauthorized'],
  ])('maps %s (%i) by what can be trusted', async (_what, status, data, kind) => {
    const { api, reply, signIn } = setup({ retries: 0 })
    await signIn()
    reply({ status, data })
    expect((await apiError(api.reports.meToo('r-1'))).kind).toBe(kind)
  })

  it.each([
    ['not JSON', '<html>ok</html>'],
    ['empty', null],
    ['another shape', { items: [] }],
  ])('reports server when a 2xx body is %s', async (_what, data) => {
    const { api, reply, signIn } = setup({ retries: 0 })
    await signIn()
    reply({ status: 200, data })
    expect((await apiError(api.reports.get('r-1'))).kind).toBe('server')
  })

  it('turns a transport failure into network', async () => {
    const { api, reply, signIn } = setup({ retries: 0 })
    await signIn()
    reply('offline')
    expect((await apiError(api.reports.get('r-1'))).kind).toBe('network')
  })

  it('times out a request that never answers (default 15 s) as network', async () => {
    jest.useFakeTimers()
    try {
      const { api, reply, signIn } = setup({ retries: 0 })
      await signIn()
      reply('hang')
      const pending = apiError(api.reports.get('r-1'))
      await jest.advanceTimersByTimeAsync(14_999)
      let settled = false
      void pending.then(() => (settled = true))
      await Promise.resolve()
      expect(settled).toBe(false)
      await jest.advanceTimersByTimeAsync(1)
      const error = await pending
      expect(error.kind).toBe('network')
      expect(error.message).toContain('超时')
    } finally {
      jest.useRealTimers()
    }
  })
})

// ── retries ───────────────────────────────────────────────────────────────────────────────────────

describe('the HTTP adapter: retries', () => {
  it('tries a GET again after network errors and 5xx, with growing waits', async () => {
    const { api, requests, reply, waits, signIn } = setup()
    await signIn()
    reply('offline', { status: 503, data: errorBody('server', '维护中') }, { status: 200, data: detail() })
    const got = await api.reports.get('r-1')
    expect(got.report.id).toBe('r-1')
    expect(requests.slice(1).map((r) => r.url)).toEqual(Array(3).fill('https://linli.test/api/v1/reports/r-1'))
    // random() = 0.5 → no jitter offset: 300 ms, then 600 ms.
    expect(waits).toEqual([300, 600])
  })

  it('jitters the waits', async () => {
    const randoms = [0, 0.99]
    const { api, reply, waits, signIn } = setup({ random: () => randoms.shift() ?? 0 })
    await signIn()
    reply('offline', 'offline', { status: 200, data: detail() })
    await api.reports.get('r-1')
    expect(waits).toEqual([150, 894])
  })

  it('gives up after three tries with the last error', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply('offline', 'offline', { status: 500, data: errorBody('server', '服务器出错了') })
    const error = await apiError(api.reports.listMine())
    expect(error.kind).toBe('server')
    expect(requests).toHaveLength(4)
  })

  it('does not repeat a request the server refused (4xx)', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply({ status: 404, data: errorBody('not_found', '诉求不存在') })
    expect((await apiError(api.reports.get('r-x'))).kind).toBe('not_found')
    expect(requests).toHaveLength(2)
  })

  it('repeats a submission under the same idempotency key on every try', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply('offline', { status: 502, data: '<html>bad gateway</html>' }, { status: 201, data: report() })
    const created = await api.reports.submit(newReport, { idempotencyKey: 'draft-key-0001' })
    expect(created.id).toBe('r-1')
    const tries = requests.slice(1)
    expect(tries).toHaveLength(3)
    for (const attempt of tries) {
      expect(attempt).toMatchObject({ method: 'POST', url: 'https://linli.test/api/v1/reports', data: newReport })
      expect(attempt.headers['idempotency-key']).toBe('draft-key-0001')
    }
  })

  it.each([
    ['rating', (api: ApiClient) => api.reports.rate('r-1', { level: 'satisfied', comment: '' })],
    ['me too', (api: ApiClient) => api.reports.meToo('r-1')],
    ['a handler move', (api: ApiClient) => api.handling.accept('r-1')],
    ['demo sign-in', (api: ApiClient) => api.session.signInDemo('u-wang')],
  ])('never repeats another POST (%s), whatever the failure', async (_what, call) => {
    for (const failure of ['offline', { status: 503, data: errorBody('server', '维护中') }] as Answer[]) {
      const { api, requests, reply, signIn } = setup()
      await signIn()
      reply(failure)
      await apiError(call(api))
      expect(requests).toHaveLength(2)
    }
  })

  it('waits as long as the server asks before trying again (retryAfterMs)', async () => {
    const { api, reply, waits, signIn } = setup()
    await signIn()
    reply({ status: 429, data: errorBody('rate_limited', '太频繁', { retryAfterMs: 2000 }) }, { status: 200, data: { items: [] } })
    await api.reports.listMine()
    expect(waits).toEqual([2000])
  })

  it('leaves a long rate limit to the caller instead of waiting in-line', async () => {
    const { api, requests, reply, waits, signIn } = setup()
    await signIn()
    reply({ status: 429, data: errorBody('rate_limited', '太频繁', { retryAfterMs: 60_000 }) })
    const error = await apiError(api.reports.submit(newReport, { idempotencyKey: 'draft-key-0002' }))
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBe(60_000)
    expect(waits).toEqual([])
    expect(requests).toHaveLength(2)
  })

  it('stops retrying when the device goes offline meanwhile', async () => {
    const { api, requests, reply, network, signIn } = setup({
      sleep: async () => network.set(false),
    })
    await signIn()
    reply('offline')
    expect((await apiError(api.reports.listMine())).kind).toBe('network')
    expect(requests).toHaveLength(2)
  })

  it('repeats a GET that timed out', async () => {
    const { api, requests, reply, signIn } = setup({ timeoutMs: 5 })
    await signIn()
    reply('hang', { status: 200, data: { items: [] } })
    await api.reports.listMine()
    expect(requests).toHaveLength(3)
  })
})

// ── restoring the session ────────────────────────────────────────────────────────────────────────

describe('the HTTP adapter: restoring the session', () => {
  it('has no session and asks nobody without a token', async () => {
    const { api, requests } = setup()
    expect(await api.session.current()).toBeNull()
    expect(requests).toHaveLength(0)
  })

  it('asks the server about the stored token', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply({ status: 200, data: session('tok-1') })
    expect((await api.session.current())?.user.id).toBe('u-wang')
    expect(requests[1]).toMatchObject({ method: 'GET', url: 'https://linli.test/api/v1/session' })
    expect(requests[1].headers.authorization).toBe('Bearer tok-1')
  })

  it('answers null and forgets the token when the server no longer knows it', async () => {
    const { api, reply, storage, signIn } = setup()
    await signIn()
    reply({ status: 401, data: errorBody('unauthorized', '登录已过期') })
    expect(await api.session.current()).toBeNull()
    expect(storage.get(TOKEN_KEY)).toBeNull()
  })

  it('opens signed in while offline, from the session the server last confirmed', async () => {
    const { api, requests, network, signIn } = setup()
    await signIn()
    network.set(false)
    const restored = await api.session.current()
    expect(restored?.user).toMatchObject({ id: 'u-wang', name: '王秀兰' })
    expect(requests).toHaveLength(1)
  })

  it('keeps the cached session when the server cannot be reached, after one quick try', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply('offline')
    expect((await api.session.current())?.user.id).toBe('u-wang')
    expect(requests).toHaveLength(2)
    expect(requests[1].timeoutMs).toBe(5_000)
  })

  it('survives an app restart: a new client over the same storage restores offline', async () => {
    const first = setup()
    await first.signIn()
    const network = fakeNetwork(false)
    const again = createHttpClient({ baseUrl: 'https://linli.test', storage: first.storage, network, transport: first.transport, now: () => new Date(NOW) })
    expect((await again.session.current())?.token).toBe('tok-1')
  })

  it('does not restore an expired cached session', async () => {
    const first = setup()
    await first.signIn()
    const later = () => new Date(NOW + 31 * 86_400_000)
    const again = createHttpClient({ baseUrl: 'https://linli.test', storage: first.storage, network: fakeNetwork(false), transport: first.transport, now: later })
    expect(await again.session.current()).toBeNull()
  })

  it('fails with network when unreachable and nothing is cached', async () => {
    const { api, reply, storage } = setup()
    storage.set(TOKEN_KEY, 'tok-from-an-older-version')
    reply('offline', 'offline', 'offline')
    expect((await apiError(api.session.current())).kind).toBe('network')
    expect(storage.get(TOKEN_KEY)).toBe('tok-from-an-older-version')
  })
})

// ── photos ───────────────────────────────────────────────────────────────────────────────────────

describe('the HTTP adapter: photo upload', () => {
  const photo = { id: 'p-1', url: 'https://linli.test/photos/p-1.jpg', width: 800, height: 600, bytes: 1234 }

  it('uploads the local file as the multipart field "file", with the token', async () => {
    const { api, uploads, reply, signIn } = setup()
    await signIn()
    reply({ status: 201, data: photo })
    const uploaded = await api.media.uploadPhoto({ path: 'wxfile://store_1.jpg', bytes: 1234, width: 800, height: 600 })
    expect(uploaded).toEqual(photo)
    expect(uploads[0]).toMatchObject({ url: 'https://linli.test/api/v1/photos', filePath: 'wxfile://store_1.jpg', name: 'file', timeoutMs: 60_000 })
    expect(uploads[0].headers.authorization).toBe('Bearer tok-1')
    expect(uploads[0].headers['content-type']).toBeUndefined()
  })

  it('maps a refused upload and does not repeat it', async () => {
    const { api, uploads, reply, signIn } = setup()
    await signIn()
    reply({ status: 415, data: errorBody('validation', '只能上传图片', { fields: { file: '只能上传图片（JPG/PNG/WebP）' } }) })
    const refused = await apiError(api.media.uploadPhoto({ path: 'data:text/plain;base64,aGVsbG8=' }))
    expect(refused.kind).toBe('validation')
    expect(refused.fields).toEqual({ file: '只能上传图片（JPG/PNG/WebP）' })
    reply({ status: 503, data: errorBody('server', '维护中') })
    expect((await apiError(api.media.uploadPhoto({ path: 'wxfile://a.jpg' }))).kind).toBe('server')
    expect(uploads).toHaveLength(2)
  })

  it('refuses an empty path without a request', async () => {
    const { api, uploads } = setup()
    expect((await apiError(api.media.uploadPhoto({ path: '' }))).kind).toBe('validation')
    expect(uploads).toHaveLength(0)
  })

  it('reports server when the upload answer is not a photo', async () => {
    const { api, reply, signIn } = setup()
    await signIn()
    reply({ status: 200, data: 'ok' })
    expect((await apiError(api.media.uploadPhoto({ path: 'wxfile://a.jpg' }))).kind).toBe('server')
  })
})

// ── messages, notices, dashboard, 代报 (issue 4) ──────────────────────────────────────────────────

const message = (over: Record<string, unknown> = {}) => ({
  id: 'm-1',
  threadId: 'report:r-1',
  authorId: 'u-wang',
  authorName: '王秀兰',
  authorRole: 'resident',
  body: '请问什么时候来修？',
  at: new Date(NOW).toISOString(),
  ...over,
})
const notice = (over: Record<string, unknown> = {}) => ({
  id: 'n-1',
  communityId: 'c-yingyue',
  scope: { kind: 'buildings', buildingIds: ['b-3'] },
  title: '楼道清理',
  body: '本周日清理楼道杂物',
  urgent: false,
  pinned: false,
  publishedAt: new Date(NOW).toISOString(),
  authorId: 'u-zhou',
  authorName: '周桂芳',
  read: false,
  ...over,
})

describe('the HTTP adapter: messages', () => {
  it('URL-encodes thread ids (they hold a colon) on every thread route', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply({ status: 200, data: { items: [message()], nextCursor: '7' } }, { status: 201, data: message() }, { status: 204 })
    const page = await api.messages.listMessages('report:r 1/x', { cursor: '3', limit: 10 })
    expect(page).toEqual({ items: [message()], nextCursor: '7' })
    await api.messages.send({ threadId: 'general:u-wang' }, '您好')
    await api.messages.markRead('report:r-1')
    expect(requests.slice(1).map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://linli.test/api/v1/threads/report%3Ar%201%2Fx/messages?cursor=3&limit=10',
      'POST https://linli.test/api/v1/threads/general%3Au-wang/messages',
      'POST https://linli.test/api/v1/threads/report%3Ar-1/read',
    ])
    expect(requests[2].data).toEqual({ body: '您好' })
  })

  it('sends to a report’s thread and to my general thread on their own routes', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply({ status: 201, data: message() }, { status: 201, data: message({ threadId: 'general:u-wang' }) })
    expect((await api.messages.send({ reportId: 'r-1' }, '请问什么时候来修？')).threadId).toBe('report:r-1')
    expect((await api.messages.send('general', '周末有人值班吗？')).threadId).toBe('general:u-wang')
    expect(requests.slice(1).map((r) => `${r.method} ${r.url} ${JSON.stringify(r.data)}`)).toEqual([
      'POST https://linli.test/api/v1/reports/r-1/messages {"body":"请问什么时候来修？"}',
      'POST https://linli.test/api/v1/threads/general/messages {"body":"周末有人值班吗？"}',
    ])
  })

  it('lists threads and reads the unread count out of its body', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    const thread = { id: 'report:r-1', kind: 'report', reportId: 'r-1', title: '漏水/管道 · YY-1', lastMessageAt: new Date(NOW).toISOString(), lastMessagePreview: '…', unread: 2 }
    reply({ status: 200, data: [thread] }, { status: 200, data: { count: 2 } })
    expect(await api.messages.listThreads()).toEqual([thread])
    expect(await api.messages.unreadCount()).toBe(2)
    expect(requests.slice(1).map((r) => `${r.method} ${r.url}`)).toEqual(['GET https://linli.test/api/v1/threads', 'GET https://linli.test/api/v1/messages/unread-count'])
  })

  it('maps a thread one may not use (404) to not_found, and does not repeat a message after a lost answer', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply({ status: 404, data: errorBody('not_found', '对话不存在或您无权查看') })
    const missing = await apiError(api.messages.listMessages('report:r-other'))
    expect(missing.kind).toBe('not_found')
    expect(missing.message).toBe('对话不存在或您无权查看')
    reply({ status: 503, data: errorBody('server', '维护中') })
    expect((await apiError(api.messages.send({ reportId: 'r-1' }, '在吗'))).kind).toBe('server')
    expect(requests).toHaveLength(3)
  })

  it('maps a refused message (422) to validation with its field', async () => {
    const { api, reply, signIn } = setup()
    await signIn()
    reply({ status: 422, data: errorBody('validation', '请输入留言内容', { fields: { body: '请输入留言内容' } }) })
    const refused = await apiError(api.messages.send('general', '   '))
    expect(refused.kind).toBe('validation')
    expect(refused.fields).toEqual({ body: '请输入留言内容' })
  })

  it('reports server when an unread count is not a count', async () => {
    const { api, reply, signIn } = setup()
    await signIn()
    reply({ status: 200, data: 3 }, { status: 200, data: { count: -1 } }, { status: 200, data: { count: '2' } })
    expect((await apiError(api.messages.unreadCount())).kind).toBe('server')
  })
})

describe('the HTTP adapter: notices', () => {
  it('lists, reads, marks read, counts and asks for receipts on their routes (ids encoded)', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    const receipts = { noticeId: 'n 1', households: 3, read: 1, unreadHouseholds: [{ buildingId: 'b-3', buildingName: '3号楼', room: '201' }] }
    reply(
      { status: 200, data: { items: [notice()] } },
      { status: 200, data: notice({ id: 'n 1' }) },
      { status: 204 },
      { status: 200, data: receipts },
      { status: 200, data: { count: 0 } },
    )
    expect((await api.notices.list({ limit: 5 })).items).toEqual([notice()])
    expect((await api.notices.get('n 1')).id).toBe('n 1')
    await api.notices.markRead('n 1')
    expect(await api.notices.receipts('n 1')).toEqual(receipts)
    expect(await api.notices.unreadCount()).toBe(0)
    expect(requests.slice(1).map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://linli.test/api/v1/notices?limit=5',
      'GET https://linli.test/api/v1/notices/n%201',
      'POST https://linli.test/api/v1/notices/n%201/read',
      'GET https://linli.test/api/v1/notices/n%201/receipts',
      'GET https://linli.test/api/v1/notices/unread-count',
    ])
  })

  it('publishes the contract’s body only (no undefined expiry) and is not repeated', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply({ status: 201, data: notice() })
    await api.notices.publish({ title: '楼道清理', body: '本周日清理楼道杂物', scope: { kind: 'buildings', buildingIds: ['b-3'] }, urgent: false, pinned: false })
    expect(requests[1]).toMatchObject({ method: 'POST', url: 'https://linli.test/api/v1/notices' })
    expect(requests[1].data).toEqual({ title: '楼道清理', body: '本周日清理楼道杂物', scope: { kind: 'buildings', buildingIds: ['b-3'] }, urgent: false, pinned: false })
    reply({ status: 502 })
    expect((await apiError(api.notices.publish({ title: '停水', body: '周六停水', scope: { kind: 'community' }, urgent: true, pinned: true, expiresAt: '2026-11-30T00:00:00.000Z' }))).kind).toBe('server')
    expect(requests[2].data).toMatchObject({ scope: { kind: 'community' }, expiresAt: '2026-11-30T00:00:00.000Z' })
    expect(requests).toHaveLength(3)
  })

  it('maps publishing outside one’s buildings (403) to forbidden and receipts of a notice one cannot see (404) to not_found', async () => {
    const { api, reply, signIn } = setup()
    await signIn()
    reply({ status: 403, data: errorBody('forbidden', '只能向您负责的楼栋发布通知') }, { status: 404, data: errorBody('not_found', '通知不存在或您无权查看') })
    const refused = await apiError(api.notices.publish({ title: '通知', body: '内容', scope: { kind: 'buildings', buildingIds: ['b-1'] }, urgent: false, pinned: false }))
    expect(refused.kind).toBe('forbidden')
    expect(refused.message).toBe('只能向您负责的楼栋发布通知')
    expect((await apiError(api.notices.receipts('n-9'))).kind).toBe('not_found')
  })

  it('repeats marking read after a transient failure (it is harmless twice)', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply('offline', { status: 204 })
    await api.notices.markRead('n-1')
    expect(requests).toHaveLength(3)
  })
})

describe('the HTTP adapter: dashboard and 代报', () => {
  it('asks for the dashboard with the range in the query string; 403 is forbidden', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    const stats = { communityId: 'c-yingyue', from: '2026-11-01T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z', received: 0, byStatus: {}, daily: [] }
    reply({ status: 200, data: stats }, { status: 403, data: errorBody('forbidden', '只有社区工作者可以查看统计') })
    expect(await api.dashboard.get({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' })).toEqual(stats)
    expect(requests[1].url).toBe('https://linli.test/api/v1/dashboard?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-21T00%3A00%3A00.000Z')
    expect((await apiError(api.dashboard.get({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' }))).kind).toBe('forbidden')
  })

  it('files 代报 on its own route with the idempotency key, and repeats it under the same key', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    const filed = report({ reporterId: 'u-li', filedBy: { id: 'u-zhou', name: '周桂芳' }, beneficiary: { buildingId: 'b-3', room: '302' } })
    reply({ status: 503 }, { status: 201, data: filed })
    const input = { ...newReport, onBehalfOf: { buildingId: 'b-3', room: '302', name: undefined, phone: '13912345678' } }
    expect(await api.handling.submitOnBehalf(input, { idempotencyKey: 'key-on-behalf-1' })).toEqual(filed)
    expect(requests.slice(1).map((r) => `${r.method} ${r.url} ${r.headers['idempotency-key']}`)).toEqual([
      'POST https://linli.test/api/v1/reports/on-behalf key-on-behalf-1',
      'POST https://linli.test/api/v1/reports/on-behalf key-on-behalf-1',
    ])
    expect(requests[1].data).toEqual({ ...newReport, onBehalfOf: { buildingId: 'b-3', room: '302', phone: '13912345678' } })
  })

  it('maps 代报 outside one’s buildings (403) to forbidden, refuses 代报 without a household, and leaves 代报 through submit to the server', async () => {
    const { api, requests, reply, signIn } = setup()
    await signIn()
    reply({ status: 403, data: errorBody('forbidden', '楼栋长只能为自己负责楼栋的住户代报') })
    const outside = await apiError(api.handling.submitOnBehalf({ ...newReport, onBehalfOf: { buildingId: 'b-1', room: '101' } }, { idempotencyKey: 'key-on-behalf-2' }))
    expect(outside.kind).toBe('forbidden')
    expect(requests).toHaveLength(2)
    const none = await apiError(api.handling.submitOnBehalf(newReport, { idempotencyKey: 'key-on-behalf-3' }))
    expect({ kind: none.kind, fields: none.fields }).toEqual({ kind: 'validation', fields: { onBehalfOf: '请选择为哪一户代报' } })
    expect(requests).toHaveLength(2)
    // The household goes to the server, which answers with the core's message (the same on every adapter).
    reply({ status: 422, data: errorBody('validation', '代报请使用“代邻居反映”', { fields: { onBehalfOf: '代报请使用“代邻居反映”' } }) })
    const through = await apiError(api.reports.submit({ ...newReport, onBehalfOf: { buildingId: 'b-3', room: '302' } }, { idempotencyKey: 'key-on-behalf-4' }))
    expect({ kind: through.kind, message: through.message, fields: through.fields }).toEqual({
      kind: 'validation',
      message: '代报请使用“代邻居反映”',
      fields: { onBehalfOf: '代报请使用“代邻居反映”' },
    })
    expect(requests[2]).toMatchObject({ url: 'https://linli.test/api/v1/reports', data: { ...newReport, onBehalfOf: { buildingId: 'b-3', room: '302' } } })
  })
})
