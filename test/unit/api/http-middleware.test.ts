import { ApiError } from '../../../src/api/errors'
import { auth, SessionVault, TOKEN_KEY } from '../../../src/api/http/auth'
import { createHttpClient, type HttpClientOptions } from '../../../src/api/http/client'
import { DELETE, GET, POST, UPLOAD, type Endpoint } from '../../../src/api/http/endpoint'
import {
  compose,
  errors,
  offline,
  retry,
  timeout,
  withHeaders,
  withQuery,
  type HttpRequest,
  type HttpResponse,
  type Middleware,
  type Next,
} from '../../../src/api/http/middleware'
import { DEFAULT_BACKOFF } from '../../../src/api/http/policy'
import type { Transport, TransportRequest, TransportUpload } from '../../../src/api/http/transport'
import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage } from '../../../src/platform/storage'
import { apiError } from '../support/memory-world'

const ok = (data: unknown = null, status = 200): HttpResponse => ({ status, headers: {}, data })
const any = (_: unknown): _ is unknown => true

/** A bare request for `endpoint`, as the client would build it. */
function requestFor(endpoint: Endpoint, over: Partial<HttpRequest> = {}): HttpRequest {
  return { endpoint, method: endpoint.method, path: endpoint.path, query: {}, headers: { accept: 'application/json' }, timeoutMs: 1000, repeatable: endpoint.repeatable, ...over }
}

describe('the middleware chain', () => {
  it('runs the links outermost first on the way down and in reverse on the way up', async () => {
    const log: string[] = []
    const link =
      (name: string): Middleware =>
      async (request, next) => {
        log.push(`${name} ↓`)
        const res = await next(request)
        log.push(`${name} ↑`)
        return res
      }
    const last: Next = async () => {
      log.push('transport')
      return ok()
    }
    await compose([link('a'), link('b'), link('c')], last)(requestFor(GET('/x').returns(any)))
    expect(log).toEqual(['a ↓', 'b ↓', 'c ↓', 'transport', 'c ↑', 'b ↑', 'a ↑'])
  })

  it('lets a link change the request on the way down and answer without going further', async () => {
    const seen: HttpRequest[] = []
    const last: Next = async (request) => {
      seen.push(request)
      return ok({ path: request.path })
    }
    const tag: Middleware = (request, next) => next(withQuery(withHeaders(request, { 'x-trace': 't-1' }), { api_key: 'k' }))
    const cache: Middleware = (request, next) => (request.path === '/cached' ? Promise.resolve(ok('from cache')) : next(request))
    const send = compose([tag, cache], last)
    expect((await send(requestFor(GET('/cached').returns(any)))).data).toBe('from cache')
    expect(seen).toHaveLength(0)
    await send(requestFor(GET('/live').returns(any), { query: { limit: 5 } }))
    expect(seen[0].headers).toEqual({ accept: 'application/json', 'x-trace': 't-1' })
    expect(seen[0].query).toEqual({ limit: 5, api_key: 'k' })
  })
})

describe('the built-in links', () => {
  const backoff = { ...DEFAULT_BACKOFF, random: () => 0.5 }

  function failing(times: number, failure: () => Promise<HttpResponse>) {
    let calls = 0
    const last: Next = async () => {
      calls += 1
      return calls <= times ? failure() : ok({ done: true })
    }
    return { last, calls: () => calls }
  }

  it.each([
    ['a read', GET('/reports/{id}').returns(any), 3],
    ['a submission under an idempotency key', POST('/reports').idempotencyKey().returns(any), 3],
    ['a write that is harmless twice', POST('/notices/{id}/read').harmlessToRepeat().returns(any), 3],
    ['any other write', POST('/reports/{id}/me-too').returns(any), 1],
    ['a delete', DELETE('/session').returns(any), 1],
    ['an upload', UPLOAD('/photos', 'file').returns(any), 1],
  ])('retry tries %s as often as its declaration allows', async (_what, endpoint, tries) => {
    const waits: number[] = []
    const { last, calls } = failing(5, () => Promise.reject(new ApiError('network')))
    const send = compose([retry({ retries: 2, backoff, sleep: async (ms) => void waits.push(ms), offline: () => false })], last)
    expect((await apiError(send(requestFor(endpoint)))).kind).toBe('network')
    expect(calls()).toBe(tries)
    expect(waits).toEqual([300, 600].slice(0, tries - 1))
  })

  it('retry follows a call’s override of the declaration, and never repeats a refusal', async () => {
    const sleep = async () => undefined
    const once = failing(5, () => Promise.reject(new ApiError('server')))
    await apiError(compose([retry({ retries: 2, backoff, sleep, offline: () => false })], once.last)(requestFor(GET('/session').returns(any), { repeatable: false })))
    expect(once.calls()).toBe(1)
    const refused = failing(5, () => Promise.reject(new ApiError('forbidden')))
    await apiError(compose([retry({ retries: 2, backoff, sleep, offline: () => false })], refused.last)(requestFor(GET('/x').returns(any))))
    expect(refused.calls()).toBe(1)
    const recovers = failing(1, () => Promise.reject(new Error('socket hang up')))
    expect((await compose([retry({ retries: 2, backoff, sleep, offline: () => false })], recovers.last)(requestFor(GET('/x').returns(any)))).data).toEqual({ done: true })
  })

  it('offline answers network without calling further', async () => {
    const { last, calls } = failing(0, async () => ok())
    expect((await apiError(compose([offline(() => true)], last)(requestFor(GET('/x').returns(any))))).kind).toBe('network')
    expect(calls()).toBe(0)
  })

  it('errors maps a non-2xx answer and a body the endpoint does not accept', async () => {
    const isThing = (d: unknown): d is { id: string } => typeof (d as { id?: unknown })?.id === 'string'
    const endpoint = GET('/things/{id}').returns(isThing)
    const answer = (res: HttpResponse) => compose([errors()], async () => res)(requestFor(endpoint))
    expect((await apiError(answer({ status: 409, headers: {}, data: { error: { kind: 'conflict', message: '已被他人处理' } } }))).message).toBe('已被他人处理')
    expect((await apiError(answer(ok({ name: 'no id' })))).kind).toBe('server')
    expect((await answer(ok({ id: 't-1' }))).data).toEqual({ id: 't-1' })
  })

  it('auth sends the token to endpoints that need the session only, and a 401 for it signs out', async () => {
    const storage = memoryStorage()
    storage.set(TOKEN_KEY, 'tok-1')
    const vault = new SessionVault(storage, () => new Date())
    const seen: HttpRequest[] = []
    const send = compose([auth(vault)], async (request) => {
      seen.push(request)
      return ok(null, 401)
    })
    await send(requestFor(POST('/session/demo').public().returns(any)))
    expect(seen[0].headers.authorization).toBeUndefined()
    expect(storage.get(TOKEN_KEY)).toBe('tok-1')
    await send(requestFor(GET('/reports/mine').returns(any)))
    expect(seen[1].headers.authorization).toBe('Bearer tok-1')
    expect(storage.get(TOKEN_KEY)).toBeNull()
  })

  it('timeout gives up after the request’s own limit', async () => {
    jest.useFakeTimers()
    try {
      const pending = apiError(compose([timeout()], () => new Promise<never>(() => undefined))(requestFor(GET('/x').returns(any), { timeoutMs: 50 })))
      await jest.advanceTimersByTimeAsync(50)
      expect((await pending).message).toContain('超时')
    } finally {
      jest.useRealTimers()
    }
  })
})

// ── the adapter's own chain, with a client's middleware ───────────────────────────────────────────

function setup(options: Partial<HttpClientOptions> = {}) {
  const requests: TransportRequest[] = []
  const uploads: TransportUpload[] = []
  const answers: Array<{ status: number; data?: unknown } | 'offline'> = []
  const next = async () => {
    const a = answers.shift() ?? { status: 200, data: { items: [] } }
    if (a === 'offline') throw new Error('request:fail')
    return { status: a.status, headers: {}, data: a.data ?? null }
  }
  const transport: Transport = {
    request: (r) => {
      requests.push(r)
      return next()
    },
    upload: async (u) => {
      uploads.push(u)
      const { status, data } = await next()
      return { status, data }
    },
  }
  const storage = memoryStorage()
  storage.set(TOKEN_KEY, 'tok-1')
  const network = fakeNetwork(true)
  const api = createHttpClient({ baseUrl: 'https://linli.test', storage, network, transport, sleep: async () => undefined, random: () => 0.5, ...options })
  return { api, requests, uploads, network, storage, reply: (...a: typeof answers) => void answers.push(...a) }
}

describe('the HTTP adapter’s chain', () => {
  const apiKey =
    (key: string): Middleware =>
    (request, next) =>
      next(withQuery(request, { api_key: key }))

  it('takes a client’s middleware: an api_key on every request (uploads too) and a header', async () => {
    const tracing: Middleware = (request, next) => next(withHeaders(request, { 'x-request-id': `${request.method} ${request.path}` }))
    const { api, requests, uploads, reply } = setup({ middleware: [apiKey('k 1'), tracing] })
    await api.reports.listMine({ limit: 5 })
    reply({ status: 200, data: [] })
    await api.messages.listThreads()
    reply({ status: 201, data: { id: 'p-1', url: 'u' } })
    await api.media.uploadPhoto({ path: 'wxfile://a.jpg' })
    expect(requests.map((r) => r.url)).toEqual(['https://linli.test/api/v1/reports/mine?limit=5&api_key=k%201', 'https://linli.test/api/v1/threads?api_key=k%201'])
    expect(requests[0].headers).toMatchObject({ authorization: 'Bearer tok-1', 'x-request-id': 'GET /reports/mine' })
    expect(uploads[0].url).toBe('https://linli.test/api/v1/photos?api_key=k%201')
    expect(uploads[0].headers['x-request-id']).toBe('POST /photos')
  })

  it('runs a client’s middleware inside retry, offline, errors and auth: once per try, never offline, on the raw answer', async () => {
    const seen: string[] = []
    const spy: Middleware = async (request, next) => {
      const res = await next(request)
      seen.push(`${request.headers.authorization ?? 'no token'} → ${res.status}`)
      return res
    }
    const { api, reply, network } = setup({ middleware: [spy] })
    reply({ status: 503 }, { status: 500 }, { status: 200, data: { items: [] } })
    await api.reports.listMine()
    expect(seen).toEqual(['Bearer tok-1 → 503', 'Bearer tok-1 → 500', 'Bearer tok-1 → 200'])
    network.set(false)
    expect((await apiError(api.reports.listMine())).kind).toBe('network')
    expect(seen).toHaveLength(3)
  })

  it('repeats only what the endpoint table allows', async () => {
    const { api, requests, reply } = setup()
    const fail = () => reply('offline', 'offline', 'offline')
    const tries = async (call: () => Promise<unknown>) => {
      const before = requests.length
      fail()
      await call().catch(() => undefined)
      return requests.length - before
    }
    expect(await tries(() => api.reports.get('r-1'))).toBe(3)
    expect(await tries(() => api.reports.submit({ categoryId: 'c', description: '路灯不亮了', photoIds: [], location: { kind: 'text', address: '3号楼' }, anonymous: false }, { idempotencyKey: 'k-1' }))).toBe(3)
    expect(await tries(() => api.notices.markRead('n-1'))).toBe(3)
    expect(await tries(() => api.reports.meToo('r-1'))).toBe(1)
    expect(await tries(() => api.messages.send('general', '在吗'))).toBe(1)
    expect(await tries(() => api.notices.publish({ title: '停水', body: '周六停水', scope: { kind: 'community' }, urgent: false, pinned: false }))).toBe(1)
  })
})
