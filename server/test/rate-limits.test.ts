import type { LightMyRequestResponse } from 'fastify'
import type { FastifyInstance } from 'fastify'
import { buildApp, createDatabase, DEFAULT_RATE_LIMITS, Housekeeping, MemoryPhotoStorage, migrate, seedDemo, type Database } from '../app'
import { ConfigError, loadConfig } from '../config'
import type { RateLimitClass } from '../rate-limits'
import { noisyPng, png, photoFile } from './support/images'
import { startPostgres, type TestPostgres } from './support/pg'
import { DEMO, expectError, startWorld, type World } from './support/world'

/**
 * Rate limits on every write endpoint (ADR 20): each POST, PUT, PATCH and DELETE of the OpenAPI
 * document is limited per person per route, by its class; the request after the limit answers our
 * typed 429 with retryAfterMs and Retry-After. The table below names every write endpoint's class:
 * an endpoint added without a line here fails the first test, so none escapes unlooked-at.
 */

const API = '/api/v1'

const CLASS_OF: Record<string, RateLimitClass> = {
  'POST /session/demo': 'signIn',
  'POST /session/wechat': 'signIn',
  'DELETE /session': 'write',
  'POST /photos': 'upload',
  'POST /reports': 'submit',
  'POST /reports/on-behalf': 'submit',
  'POST /reports/{id}/rating': 'write',
  'POST /reports/{id}/me-too': 'write',
  'POST /reports/{id}/actions/{move}': 'write',
  // A reveal of a full number (audited, ADR 0025).
  'POST /reports/{id}/reporter-phone': 'write',
  'POST /threads/{id}/messages': 'submit',
  'POST /threads/general/messages': 'submit',
  'POST /reports/{id}/messages': 'submit',
  'POST /threads/{id}/read': 'write',
  'POST /notices': 'submit',
  'POST /moderation/items/{id}/approve': 'write',
  'POST /moderation/items/{id}/reject': 'write',
  'POST /notices/{id}/read': 'write',
  'PUT /consultation/settings': 'write',
  'POST /conventions': 'write',
  'PUT /conventions/{id}/draft': 'write',
  'POST /conventions/{id}/draft/publish': 'write',
  'POST /conventions/{id}/acknowledge': 'write',
  'POST /proposals': 'submit',
  'POST /proposals/{id}/cosign': 'write',
  'POST /proposals/{id}/answer': 'write',
  'POST /proposals/{id}/minutes': 'write',
  'POST /proposals/{id}/progress': 'write',
  'POST /proposals/{id}/rating': 'write',
  'POST /discussions': 'submit',
  'POST /contributions/{id}/hide': 'write',
  'POST /votes': 'write',
  'POST /votes/{id}/ballot': 'write',
  'POST /votes/{id}/paper-ballots': 'write',
  'POST /votes/{id}/publish': 'write',
  'POST /disclosures': 'write',
  'POST /disclosures/{id}/read': 'write',
  'POST /services': 'write',
  'PUT /services/{id}': 'write',
  'PUT /households/tags': 'write',
  'POST /bookings': 'submit',
  'POST /bookings/check-in': 'write',
  'POST /bookings/{id}/cancel': 'write',
  'POST /bookings/{id}/reschedule': 'write',
  'POST /bookings/{id}/rating': 'write',
  'POST /bookings/{id}/confirm': 'write',
  'POST /bookings/{id}/reject': 'write',
  'POST /bookings/{id}/complete': 'write',
  'POST /bookings/{id}/no-show': 'write',
  'POST /me/community': 'write',
  'POST /household-claims': 'write',
  'POST /household-claims/{id}/withdraw': 'write',
  'POST /household-claims/{id}/approve': 'write',
  'POST /household-claims/{id}/reject': 'write',
  'POST /households/mine/leave': 'write',
  'POST /households/members/{userId}/remove': 'write',
  'PUT /households/representative': 'write',
  'POST /invites': 'write',
  'POST /invites/{id}/cancel': 'write',
  'POST /invites/redeem': 'redeem',
  'POST /people/{userId}/revoke': 'write',
  'PATCH /profile': 'write',
  'POST /profile': 'write',
  'DELETE /profile': 'write',
  'PUT /admin/structure': 'write',
}

/** A different max per class, so the request that is refused tells which limit holds the route. */
const MAX: Record<RateLimitClass, number> = { signIn: 2, submit: 3, redeem: 4, upload: 5, write: 6 }
const limits = Object.fromEntries(Object.entries(MAX).map(([kind, max]) => [kind, { max, timeWindowMs: 60_000 }]))

function expectLimited(response: LightMyRequestResponse, windowMs: number): void {
  expectError(response, 429, 'rate_limited')
  const { retryAfterMs } = response.json().error
  expect(retryAfterMs).toBeGreaterThan(0)
  expect(retryAfterMs).toBeLessThanOrEqual(windowMs)
  const retryAfter = Number(response.headers['retry-after'])
  expect(retryAfter).toBeGreaterThanOrEqual(1)
  expect(retryAfter).toBeLessThanOrEqual(Math.ceil(windowMs / 1000))
}

describe('every write endpoint has a rate limit', () => {
  let world: World
  let signIns = 0
  /** Each from an address of its own: sign-in is limited per address too. */
  const signIn = async (userId: string) => {
    const response = await world.inject({ method: 'POST', url: `${API}/session/demo`, remoteAddress: `10.0.0.${++signIns}`, payload: { userId } })
    expect(response.statusCode).toBe(200)
    return { authorization: `Bearer ${response.json().token}` }
  }
  let staff: Record<string, string>
  beforeAll(async () => {
    world = await startWorld({ rateLimits: limits })
    staff = await signIn(DEMO.staff)
  })
  afterAll(() => world?.close())

  it('names each write endpoint of the OpenAPI document in the table of classes, and nothing else', async () => {
    const doc = (await world.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> }
    const writes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path.slice(API.length)}`),
    )
    expect(writes.length).toBeGreaterThanOrEqual(60)
    expect([...writes].sort()).toEqual(Object.keys(CLASS_OF).sort())
  })

  it.each(Object.entries(CLASS_OF))('%s: the request after its class’s limit (%s) within the window answers 429', async (endpoint, kind) => {
    const [method, path] = endpoint.split(' ')
    const url = `${API}${path.replace(/\{[A-Za-z]+\}/g, 'x_none')}`
    // Signed in as staff (its sign-in came from another address than the one under test).
    const headers = kind === 'signIn' ? {} : staff
    // A body that does not parse: every request is refused (400) before any handler runs, so the
    // endpoint changes nothing (DELETE /session and /profile included) and only the limit differs.
    const request = () =>
      world.inject({ method: method as 'POST', url, remoteAddress: '10.1.2.3', headers: { ...headers, 'content-type': 'application/json' }, payload: '{' })
    for (let i = 0; i < MAX[kind]; i++) {
      const response = await request()
      if (response.statusCode === 429) throw new Error(`${endpoint}: refused after ${i} requests, its class ${kind} allows ${MAX[kind]}`)
    }
    expectLimited(await request(), 60_000)
  })

  it('counts per person, not per address: neighbours behind one NAT each have their own', async () => {
    const url = `${API}/notices/x_none/read`
    const li = await signIn(DEMO.neighbour)
    const wang = await signIn(DEMO.owner)
    const read = (headers: Record<string, string>) => world.inject({ method: 'POST', url, remoteAddress: '10.9.9.9', headers })
    for (let i = 0; i < MAX.write; i++) expect((await read(li)).statusCode).toBe(404)
    expectLimited(await read(li), 60_000)
    expect((await read(wang)).statusCode).toBe(404)
  })
})

describe('rate limits from the environment', () => {
  it('reads each class’s limit, defaulting to the app’s', () => {
    expect(loadConfig({}).rateLimits).toEqual(DEFAULT_RATE_LIMITS)
    const config = loadConfig({ LINLI_RATE_UPLOAD_PER_MIN: '5', LINLI_RATE_WRITE_PER_MIN: '300', LINLI_RATE_REDEEM_PER_10_MIN: '3' }).rateLimits
    expect(config).toMatchObject({ upload: { max: 5, timeWindowMs: 60_000 }, write: { max: 300, timeWindowMs: 60_000 }, redeem: { max: 3, timeWindowMs: 600_000 } })
  })

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => loadConfig({ LINLI_RATE_WRITE_PER_MIN: '0' })).toThrow(ConfigError)
    expect(() => loadConfig({ LINLI_RATE_UPLOAD_PER_MIN: 'lots' })).toThrow(/LINLI_RATE_UPLOAD_PER_MIN/)
  })
})

describe('bursts of photos, with the default limits', () => {
  const storage = new MemoryPhotoStorage()
  let world: World
  beforeAll(async () => {
    // The hour's quota on a clock that stays mid-hour (09:30 in Beijing): on the real clock an hour
    // that ends during the burst starts a new quota, and the burst is admitted past 100 MB.
    const at = new Date('2026-12-01T01:30:00.000Z')
    world = await startWorld({ photoStorage: storage, now: () => at })
  })
  afterAll(() => world?.close())
  const upload = (headers: Record<string, string>, file: ReturnType<typeof photoFile>) =>
    world.inject({ method: 'POST', url: `${API}/photos`, headers: { ...headers, ...file.headers }, payload: file.payload })

  it('cuts the probe’s 20 × 10 MB in a few seconds off after 100 MB in the hour, before the rest is kept', async () => {
    const headers = await world.as(DEMO.owner)
    // Noise: about 9.5 MB kept for each, even re-encoded (ADR 0019); the quota counts kept bytes.
    const big = photoFile(await noisyPng(9.5 * 1024 * 1024))
    const answers: LightMyRequestResponse[] = []
    let kept = 0
    for (let i = 0; i < 20; i++) {
      const answer = await upload(headers, big)
      answers.push(answer)
      if (answer.statusCode === 201) {
        // Admitted only while the hour's kept bytes were under 100 MB.
        expect(kept).toBeLessThan(100 * 1024 * 1024)
        kept += answer.json().bytes
      }
    }
    const accepted = answers.filter((r) => r.statusCode === 201).length
    expect(kept).toBeGreaterThanOrEqual(100 * 1024 * 1024)
    expect(answers.map((r) => r.statusCode)).toEqual([...Array(accepted).fill(201), ...Array(20 - accepted).fill(429)])
    expect(accepted).toBeLessThan(13)
    for (const refused of answers.slice(accepted)) {
      expectLimited(refused, 3_600_000)
      expect(refused.json().error.message).toMatch(/^本小时上传的照片已达 100 MB，请 \d\d:00 以后再试$/)
    }
    expect(storage.files.size).toBe(accepted)
  })

  it('cuts small photos off at the upload rate limit (30 a minute), per person', async () => {
    const headers = await world.as(DEMO.neighbour)
    const small = photoFile(png(3, 2, 2000))
    const codes: number[] = []
    for (let i = 0; i < 31; i++) codes.push((await upload(headers, small)).statusCode)
    expect(codes).toEqual([...Array(30).fill(201), 429])
    expectLimited(await upload(headers, small), 60_000)
    expect((await upload(await world.as(DEMO.chen), small)).statusCode).toBe(201)
  })
})

/**
 * Several processes over one PostgreSQL (ADR 30): two apps, each with a pool of its own (as two
 * processes have), count one person's requests together in the rate_limits table — requests
 * alternating between them meet the limit once in all, not once per process. On their in-memory
 * stores (PGlite's, and the default) each would count alone. (Real processes: two-processes.test.ts.)
 */
describe('rate limits across processes, on PostgreSQL', () => {
  let pg: TestPostgres | null = null
  const dbs: Database[] = []
  const apps: FastifyInstance[] = []
  const quiet = { info: () => undefined, warn: () => undefined }
  /** Two apps counting in the database, two in memory (4 sign-ins a minute per address). */
  let shared: FastifyInstance[] = []
  let separate: FastifyInstance[] = []

  beforeAll(async () => {
    pg = await startPostgres()
    if (!pg) return
    const db = await createDatabase({ databaseUrl: pg.url })
    dbs.push(db)
    await migrate(db)
    await seedDemo(db)
    dbs.push(await createDatabase({ databaseUrl: pg.url }))
    shared = await twoApps('database')
    separate = await twoApps('memory')
  }, 180_000)
  afterAll(async () => {
    for (const app of apps) await app.close()
    for (const db of dbs) await db.close()
    await pg?.stop()
  })

  const twoApps = async (store: 'memory' | 'database') => {
    const signIn = { max: 4, timeWindowMs: 60_000 }
    const pair = dbs.map((db) => buildApp({ db, demo: true, rateLimitStore: store, rateLimits: { signIn }, housekeepingEveryMs: 0, jobsEveryMs: 0 }))
    for (const app of pair) await app.ready()
    apps.push(...pair)
    return pair
  }
  /** A demo sign-in from `address` on each app in turn; the statuses in order. */
  const alternate = async (pair: FastifyInstance[], times: number, address: string) => {
    const statuses: number[] = []
    for (let i = 0; i < times; i++) {
      const response = await pair[i % 2].inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.owner }, remoteAddress: address })
      statuses.push(response.statusCode)
      if (response.statusCode === 429) expectLimited(response, 60_000)
    }
    return statuses
  }

  it('counts one person’s requests on both processes together: the limit is met once in all', async () => {
    if (!pg) return
    const pair = shared
    expect(await alternate(pair, 7, '10.0.0.1')).toEqual([200, 200, 200, 200, 429, 429, 429])
    // Another address has its own window.
    expect(await alternate(pair, 2, '10.0.0.2')).toEqual([200, 200])
    const [row] = await dbs[0].query<{ hits: number }>("SELECT hits FROM rate_limits WHERE key LIKE '%|ip:10.0.0.1'")
    expect(row.hits).toBe(7)
  })

  it('in memory (the default, and PGlite’s) each process counts alone: twice the limit gets through', async () => {
    if (!pg) return
    const pair = separate
    expect(await alternate(pair, 9, '10.0.1.1')).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429])
  })

  it('opens a new window once the last ended, and housekeeping removes the windows that ended', async () => {
    if (!pg) return
    const pair = shared
    expect(await alternate(pair, 5, '10.0.2.1')).toEqual([200, 200, 200, 200, 429])
    // The minute passes (the windows are on the database's clock: moved there rather than waited for).
    const endWindow = () => dbs[0].query("UPDATE rate_limits SET window_end = now() - interval '1 millisecond' WHERE key LIKE '%|ip:10.0.2.1'")
    await endWindow()
    expect(await alternate(pair, 5, '10.0.2.1')).toEqual([200, 200, 200, 200, 429])
    const [row] = await dbs[0].query<{ hits: number; ms: number }>(
      "SELECT hits, extract(epoch FROM window_end - window_start)::float8 * 1000 AS ms FROM rate_limits WHERE key LIKE '%|ip:10.0.2.1'",
    )
    expect(row).toEqual({ hits: 5, ms: 60_000 })
    await endWindow()
    const open = (await dbs[0].query<{ n: number }>('SELECT count(*)::int AS n FROM rate_limits WHERE window_end > now()'))[0].n
    const result = await new Housekeeping(dbs[0], new MemoryPhotoStorage(), () => new Date(), quiet).sweep()
    expect(result.rateLimits).toBe(1)
    expect(await dbs[0].query("SELECT key FROM rate_limits WHERE key LIKE '%|ip:10.0.2.1'")).toEqual([])
    // Windows still open stay.
    expect((await dbs[0].query<{ n: number }>('SELECT count(*)::int AS n FROM rate_limits'))[0].n).toBe(open)
  })
})
