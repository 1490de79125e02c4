import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { API, IDEMPOTENCY_HEADER } from '../../types/routes'
import type { ServiceInput } from '../../types/api'
import type { CommunitySetup } from '../../src/core/ports'
import type { SessionChange } from '../../src/core/services/sessions'
import { createDatabase, migrate, postgresSessionChanges, type Database } from '../app'
import { ConfigError, loadConfig } from '../config'
import { createSqlStore } from '../repositories'
import { SESSION_CHANNEL, type SessionChangeChannel } from '../session-changes'
import { photoFile, png } from './support/images'
import { freePort, startPostgres, type TestPostgres } from './support/pg'
import { killServerProcesses, startServerProcess, until, type ServerProcess } from './support/server-process'
import { startWeChatStandIn, type WeChatStandIn } from './support/wechat-stand-in'

/**
 * The reference server as several processes over one PostgreSQL (issue 15, point 2; ADR 30), with
 * real processes (`server/server.ts` under tsx) on one throw-away PostgreSQL:
 * - two single processes on two ports: a token signed out on one is refused by the other (which
 *   had it in its 30 s cache) within a second, measured; so are a role revoked and a household
 *   left (forgetUser); reminders due while both poll are sent once each (counted at a WeChat
 *   stand-in; booking-reminders.test.ts has 60 at once and a worker killed mid-send); a rate limit
 *   is met once across both, not once per process;
 * - LINLI_PROCESSES=2: two workers behind one port answer in turn, a sign-out holds on both, a
 *   worker killed is replaced, SIGTERM to the primary lets an upload in flight finish and closes all.
 * And in this process: the LISTEN connection's messages, its loss and its return.
 */
jest.setTimeout(300_000)

const HOUR = 3_600_000
const DAY = 24 * HOUR
const BOOKING_TEMPLATE = 'tpl-booking'
const RESIDENTS = 8
const pad = (i: number) => String(i).padStart(3, '0')
const residentOf = (i: number) => `u-mp-${pad(i)}`
const openidOf = (i: number) => `o-mp-${pad(i)}`
const STAFF = 'u-mp-staff'
const GRID = 'u-mp-grid'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function community(): CommunitySetup {
  const person = { phone: '', gridIds: [] as string[], leadsBuildingIds: [] as string[] }
  return {
    community: { id: 'c-mp', name: '多进程社区', kind: 'community', district: '无锡市锡山区东亭街道', streetId: 's-mp', streetName: '东亭街道' },
    street: { id: 's-mp', name: '东亭街道', district: '无锡市锡山区' },
    joinCode: 'MP2026',
    reportPrefix: 'MP',
    grids: [{ id: 'g-mp', communityId: 'c-mp', name: '第一网格' }],
    buildings: [{ id: 'b-mp', communityId: 'c-mp', gridId: 'g-mp', name: '1号楼', rooms: Array.from({ length: RESIDENTS }, (_, i) => String(101 + i)) }],
    departments: [],
    categories: [{ id: 'cat-mp', name: '其他', guidance: '', deadlineHours: 48 }],
    replyTemplates: [],
    people: [
      { ...person, id: STAFF, name: '张敏', roles: ['staff'], description: '社区工作者' },
      { ...person, id: GRID, name: '刘洋', roles: ['grid_worker'], gridIds: ['g-mp'], description: '网格员' },
      ...Array.from({ length: RESIDENTS }, (_, i) => ({
        ...person,
        id: residentOf(i),
        name: `居民${i}`,
        roles: ['resident' as const],
        home: { buildingId: 'b-mp', room: String(101 + i) },
        description: '居民',
      })),
    ],
  }
}

type Answer = { status: number; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any
async function call(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: object): Promise<Answer> {
  const response = await fetch(`${baseUrl}${API.prefix}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}
const key = () => ({ [IDEMPOTENCY_HEADER]: `key-${randomBytes(8).toString('hex')}` })
async function signIn(baseUrl: string, userId: string): Promise<Record<string, string>> {
  const session = await call(baseUrl, 'POST', API.demoSignIn, {}, { userId })
  expect(session.status).toBe(200)
  return { authorization: `Bearer ${session.body.token}` }
}

/** How long after `since` `check` first held, polling as fast as the requests go (each one a request). */
async function msUntil(since: number, check: () => Promise<boolean>, limitMs = 5_000): Promise<number> {
  for (;;) {
    if (await check()) return Date.now() - since
    if (Date.now() - since > limitMs) throw new Error(`still not after ${limitMs} ms`)
    await sleep(5)
  }
}

let pg: TestPostgres | null = null
let db: Database | undefined
let wx: WeChatStandIn

beforeAll(async () => {
  wx = await startWeChatStandIn()
  pg = await startPostgres()
  if (!pg) return
  db = await createDatabase({ databaseUrl: pg.url })
  await migrate(db)
  await createSqlStore(db).directory.createCommunity(community(), new Date(Date.now() - DAY).toISOString())
  for (let i = 0; i < RESIDENTS; i++) await db.query('UPDATE users SET wechat_openid = $2 WHERE id = $1', [residentOf(i), openidOf(i)])
})
afterAll(async () => {
  await killServerProcesses()
  await db?.close()
  await pg?.stop()
  await wx?.close()
})

const serverEnv = (): Record<string, string> => ({
  DATABASE_URL: pg!.url,
  // Demo sign-in for the community's people (the community exists: no demo community is seeded).
  LINLI_DEMO: '1',
  WECHAT_APPID: wx.appId,
  WECHAT_SECRET: wx.secret,
  WECHAT_API_BASE_URL: wx.url,
  LINLI_SUBSCRIBE_TEMPLATE_ID: 'tpl-status',
  LINLI_SUBSCRIBE_BOOKING_TEMPLATE_ID: BOOKING_TEMPLATE,
  LINLI_JOBS_EVERY_MS: '100',
  LINLI_RATE_REDEEM_PER_10_MIN: '4',
})

describe('LINLI_PROCESSES in the configuration', () => {
  const base = { LINLI_DEMO: '1' }
  it('is 1 by default, and N with DATABASE_URL', () => {
    expect(loadConfig(base).processes).toBe(1)
    const config = loadConfig({ ...base, LINLI_PROCESSES: '4', DATABASE_URL: 'postgres://app@db/linli' })
    expect(config.processes).toBe(4)
    expect(config.listenDatabaseUrl).toBe('postgres://app@db/linli')
    expect(loadConfig({ ...base, DATABASE_URL: 'postgres://app@db/linli', LINLI_LISTEN_DATABASE_URL: 'postgres://app@db:5432/linli' }).listenDatabaseUrl).toBe(
      'postgres://app@db:5432/linli',
    )
  })
  it('refuses N > 1 without DATABASE_URL (PGlite is one process’s), and what is not a count', () => {
    expect(() => loadConfig({ ...base, LINLI_PROCESSES: '2' })).toThrow(ConfigError)
    expect(() => loadConfig({ ...base, LINLI_PROCESSES: '2' })).toThrow(/LINLI_PROCESSES=2 needs DATABASE_URL/)
    for (const bad of ['0', '-1', '1.5', 'two', '65']) expect(() => loadConfig({ ...base, LINLI_PROCESSES: bad, DATABASE_URL: 'postgres://db/x' })).toThrow(/LINLI_PROCESSES must be an integer/)
    expect(() => loadConfig({ ...base, LINLI_LISTEN_DATABASE_URL: 'postgres://db/x' })).toThrow(/LINLI_LISTEN_DATABASE_URL needs DATABASE_URL/)
  })
})

describe('session changes over LISTEN/NOTIFY (in this process)', () => {
  const channels: SessionChangeChannel[] = []
  afterAll(async () => {
    for (const channel of channels) await channel.close()
  })
  const recorder = () => {
    const heard: SessionChange[] = []
    const dropAlls: Array<boolean | undefined> = []
    return { heard, dropAlls, cache: { dropChange: (c: SessionChange) => void heard.push(c), dropAll: (pause?: boolean) => void dropAlls.push(pause) } }
  }
  const quiet = { info: () => undefined, warn: () => undefined }

  it('delivers what one process publishes to the others, not back to itself; survives a lost connection', async () => {
    if (!pg || !db) return
    const a = postgresSessionChanges({ db, connectionString: pg.url, log: quiet })
    const infos: string[] = []
    const b = postgresSessionChanges({ db, connectionString: pg.url, log: { info: (_d, m) => void infos.push(m), warn: quiet.warn }, retryMs: 50, pingEveryMs: 200 })
    channels.push(a, b)
    const atA = recorder()
    const atB = recorder()
    await a.listen(atA.cache)
    await b.listen(atB.cache)
    await a.publish({ kind: 'session', tokenHash: 'h-1' })
    await until('b to hear it', () => atB.heard.length === 1, 5_000)
    expect(atB.heard).toEqual([{ kind: 'session', tokenHash: 'h-1' }])
    await sleep(100)
    expect(atA.heard).toEqual([])
    // Something else on the channel is ignored.
    await db.query('SELECT pg_notify($1, $2)', [SESSION_CHANNEL, '{"kind":"everything"}'])
    await db.query('SELECT pg_notify($1, $2)', [SESSION_CHANNEL, 'not json'])

    // The listening connections end (a PostgreSQL restart, a failover, an idle timeout of a proxy).
    const killed = await db.query<{ n: number }>(
      "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'linli-listen' AND pid <> pg_backend_pid()",
    )
    expect(killed[0].n).toBe(2)
    await until('b to pause and empty its cache', () => atB.dropAlls[0] === true, 5_000)
    await until('b to listen again', () => atB.dropAlls.includes(false), 10_000)
    expect(atB.dropAlls).toEqual([true, false])
    expect(infos).toContain('session changes: listening again; the session cache was emptied')
    await until('a to listen again', () => atA.dropAlls.includes(false), 10_000)
    await a.publish({ kind: 'user', userId: 'u-1' })
    await until('b to hear it after reconnecting', () => atB.heard.length === 2, 5_000)
    expect(atB.heard[1]).toEqual({ kind: 'user', userId: 'u-1' })
  })
})

describe('two server processes on one PostgreSQL', () => {
  let a: ServerProcess
  let b: ServerProcess
  beforeAll(async () => {
    if (!pg) return
    ;[a, b] = await Promise.all([startServerProcess(serverEnv(), { port: await freePort() }), startServerProcess(serverEnv(), { port: await freePort() })])
  })
  afterAll(async () => {
    if (!pg) return
    // A clean stop of each: SIGTERM, exit 0.
    expect(await Promise.all([a?.stop(), b?.stop()])).toEqual([0, 0])
  })

  it('a token signed out on one process is refused by the other within a second', async () => {
    if (!pg) return
    const auth = await signIn(a.baseUrl, residentOf(0))
    // Both have seen the session (and cache it for 30 s).
    expect((await call(a.baseUrl, 'GET', API.session, auth)).status).toBe(200)
    expect((await call(b.baseUrl, 'GET', API.session, auth)).status).toBe(200)
    expect((await call(b.baseUrl, 'GET', API.session, auth)).status).toBe(200)
    expect((await call(a.baseUrl, 'DELETE', API.session, auth)).status).toBe(204)
    const signedOut = Date.now()
    expect((await call(a.baseUrl, 'GET', API.session, auth)).status).toBe(401)
    const ms = await msUntil(signedOut, async () => (await call(b.baseUrl, 'GET', API.session, auth)).status === 401)
    console.log(`signed out on process A: process B refused the token ${ms} ms later`)
    expect(ms).toBeLessThan(1_000)
    // And keeps refusing it.
    for (let i = 0; i < 5; i++) expect((await call(b.baseUrl, 'GET', API.session, auth)).status).toBe(401)
  })

  it('a role revoked and a household left on one process show on the other within a second (forgetUser)', async () => {
    if (!pg) return
    const grid = await signIn(b.baseUrl, GRID)
    expect((await call(b.baseUrl, 'GET', API.session, grid)).body.user.roles).toContain('grid_worker')
    const staff = await signIn(a.baseUrl, STAFF)
    expect((await call(a.baseUrl, 'POST', API.revokeRole(GRID), staff, { role: 'grid_worker' })).status).toBe(200)
    const revoked = Date.now()
    const revokeMs = await msUntil(revoked, async () => !(await call(b.baseUrl, 'GET', API.session, grid)).body.user.roles.includes('grid_worker'))
    console.log(`role revoked on process A: process B dropped it from the cached session ${revokeMs} ms later`)
    expect(revokeMs).toBeLessThan(1_000)

    const resident = residentOf(RESIDENTS - 1)
    const home = await signIn(b.baseUrl, resident)
    expect((await call(b.baseUrl, 'GET', API.session, home)).body.user.home).toEqual({ buildingId: 'b-mp', room: String(100 + RESIDENTS) })
    expect((await call(a.baseUrl, 'POST', API.leaveHousehold, home, {})).status).toBe(200)
    const left = Date.now()
    const leftMs = await msUntil(left, async () => (await call(b.baseUrl, 'GET', API.session, home)).body.user.home == null)
    console.log(`household left on process A: process B dropped the home from the cached session ${leftMs} ms later`)
    expect(leftMs).toBeLessThan(1_000)
  })

  it('reminders due while both run are sent once each, whichever process claims them', async () => {
    if (!pg || !db) return
    wx.reset()
    // Both run the job worker (every 100 ms).
    for (const server of [a, b]) expect(server.logs.some((l) => l.msg === 'jobs: this process runs the due booking jobs')).toBe(true)
    const count = RESIDENTS - 1
    // Thursday-or-whatever, 10:00 in Beijing three days ahead: every weekday has hours.
    const beijingDay = new Date(Date.now() + 8 * HOUR + 3 * DAY).toISOString().slice(0, 10)
    const slot = new Date(`${beijingDay}T10:00:00+08:00`).toISOString()
    const staff = await signIn(a.baseUrl, STAFF)
    const service = await call(a.baseUrl, 'POST', API.services, { ...staff, ...key() }, lawyer(count))
    expect(service.status).toBe(201)
    for (let i = 0; i < count; i++) {
      const { baseUrl } = i % 2 === 0 ? a : b
      const booked = await call(baseUrl, 'POST', API.bookings, { ...(await signIn(baseUrl, residentOf(i))), ...key() }, { serviceId: service.body.id, startsAt: slot, answers: {} })
      expect(`${booked.status} ${booked.body.status}`).toBe('201 confirmed')
    }
    // The day-before reminders fall due now (instead of in two days), while both processes poll every 100 ms.
    const due = await db.query<{ n: number }>("WITH d AS (UPDATE jobs SET run_at = now() WHERE kind = 'booking.remind' AND key LIKE '%:day' RETURNING 1) SELECT count(*)::int AS n FROM d")
    expect(due[0].n).toBe(count)
    const dayReminders = () => wx.subscribeMessages.filter((m) => m.template_id === BOOKING_TEMPLATE && (m.data as Record<string, { value: string }>).phrase4?.value === '明日预约')
    await until('every reminder to be sent', () => dayReminders().length >= count, 30_000)
    // Long enough for a second send, had a job run twice (each process polls 10 times a second).
    await sleep(1_500)
    const perOpenid = new Map<string, number>()
    for (const m of dayReminders()) perOpenid.set(m.touser as string, (perOpenid.get(m.touser as string) ?? 0) + 1)
    expect(perOpenid).toEqual(new Map(Array.from({ length: count }, (_, i) => [openidOf(i), 1])))
    const jobs = await db.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM jobs WHERE kind = 'booking.remind' AND key LIKE '%:day' GROUP BY status")
    expect(jobs).toEqual([{ status: 'done', n: count }])
    const doneBy = (server: ServerProcess) => server.logs.filter((l) => typeof l.worker === 'string' && typeof l.done === 'number').reduce((sum, l) => sum + (l.done as number), 0)
    console.log(`${count} reminders due at once: ${dayReminders().length} sent; process A ran ${doneBy(a)} jobs, process B ${doneBy(b)} (reminders and nothing else were due)`)
    expect(doneBy(a) + doneBy(b)).toBe(count)
  })

  it('a rate limit is met once across both processes, not once per process', async () => {
    if (!pg) return
    // 4 redeem tries per 10 minutes per person (LINLI_RATE_REDEEM_PER_10_MIN=4), alternating between the processes.
    const auth = await signIn(a.baseUrl, residentOf(1))
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await call(i % 2 === 0 ? a.baseUrl : b.baseUrl, 'POST', API.redeemInvite, auth, { code: 'ABCDEFGH' })).status)
    console.log(`redeem tries alternating between A and B with a limit of 4: ${statuses.join(' ')}`)
    expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true)
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429])
  })
})

describe('LINLI_PROCESSES=2: two workers behind one port', () => {
  let server: ServerProcess
  let port = 0
  beforeAll(async () => {
    if (!pg) return
    port = await freePort()
    server = await startServerProcess({ ...serverEnv(), LINLI_PROCESSES: '2' }, { port, workers: 2 })
  })

  const workerPids = () => new Set(server.logs.filter((l) => l.msg === 'worker listening').map((l) => l.workerPid as number))
  const answeredBy = () => new Set(server.logs.filter((l) => l.msg === 'request completed').map((l) => l.pid as number))

  it('migrates once in the primary, and both workers answer on the one port; a sign-out holds on both', async () => {
    if (!pg) return
    expect(server.logs.filter((l) => l.msg === 'database ready: forking the workers')).toHaveLength(1)
    expect(server.logs.filter((l) => l.msg === 'database ready' && l.preparedBy === 'the primary')).toHaveLength(2)
    const auth = await signIn(server.baseUrl, residentOf(2))
    for (let i = 0; i < 10; i++) expect((await call(server.baseUrl, 'GET', API.session, auth)).status).toBe(200)
    await until('requests answered by both workers', () => answeredBy().size === 2, 5_000)
    expect(answeredBy()).toEqual(workerPids())
    expect((await call(server.baseUrl, 'DELETE', API.session, auth)).status).toBe(204)
    const signedOut = Date.now()
    // Whichever worker answers: twenty refusals in a row, the first within a second.
    const ms = await msUntil(signedOut, async () => (await call(server.baseUrl, 'GET', API.session, auth)).status === 401)
    for (let i = 0; i < 20; i++) expect((await call(server.baseUrl, 'GET', API.session, auth)).status).toBe(401)
    console.log(`LINLI_PROCESSES=2: signed out, refused by the workers ${ms} ms later`)
    expect(ms).toBeLessThan(1_000)
  })

  it('replaces a worker that dies, with a log line', async () => {
    if (!pg) return
    const [victim] = [...workerPids()]
    process.kill(victim, 'SIGKILL')
    await until('the primary to start another worker', () => server.logs.some((l) => l.msg === 'worker died: starting another' && l.workerPid === victim), 10_000)
    await until('the new worker to listen', () => workerPids().size === 3, 90_000)
    expect(server.gone()).toBe(false)
    for (let i = 0; i < 4; i++) expect((await call(server.baseUrl, 'GET', API.demoAccounts)).status).toBe(200)
  })

  it('SIGTERM to the primary lets an upload in flight finish, then every worker closes and it exits 0', async () => {
    if (!pg) return
    const auth = await signIn(server.baseUrl, residentOf(3))
    const file = photoFile(png(4, 4))
    const payload = file.payload
    let answer: { status: number; body: string } | undefined
    const upload = new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: `${API.prefix}${API.photos}`, headers: { ...auth, ...file.headers, 'content-length': String(payload.length) } },
        (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (body += chunk))
          res.on('end', () => {
            answer = { status: res.statusCode ?? 0, body }
            resolve()
          })
        },
      )
      req.on('error', reject)
      // Half the body now, the rest after the primary was told to stop.
      req.write(payload.subarray(0, payload.length >> 1))
      setTimeout(() => {
        void (async () => {
          await until('the signal to reach the workers', () => server.logs.filter((l) => l.msg === 'the primary: closing (in-flight requests finish first)').length === 2, 10_000)
          await sleep(300)
          req.end(payload.subarray(payload.length >> 1))
        })().catch(reject)
      }, 300)
    })
    await sleep(150)
    const stopped = server.stop('SIGTERM')
    await upload
    expect(answer?.status).toBe(201)
    expect(await stopped).toBe(0)
    const pids = [...workerPids()]
    expect(server.logs.filter((l) => l.msg === 'worker closed').map((l) => l.code)).toEqual([0, 0])
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow()
    await expect(fetch(`${server.baseUrl}/health`)).rejects.toThrow()
  })
})

describe('LINLI_PROCESSES=2 stopped while its workers start', () => {
  it('SIGTERM before any worker listens: the starting workers end at once, the primary exits 0', async () => {
    if (!pg) return
    const server = await startServerProcess({ ...serverEnv(), LINLI_PROCESSES: '2' }, { port: await freePort(), readyWhen: (logs) => logs.some((l) => l.msg === 'database ready: forking the workers') })
    const signalled = Date.now()
    expect(await server.stop('SIGTERM')).toBe(0)
    const ms = Date.now() - signalled
    expect(server.logs.filter((l) => l.msg === 'worker closed')).toHaveLength(2)
    expect(server.logs.some((l) => l.msg === 'worker listening')).toBe(false)
    // Well before the primary's 12 s of waiting for workers that never heard it.
    expect(ms).toBeLessThan(5_000)
  })
})

function lawyer(capacity: number): ServiceInput {
  return {
    name: '法律咨询',
    kind: 'legal',
    description: '社区法律顾问坐班，解答婚姻家庭、房屋租赁、劳动纠纷等问题。',
    location: { kind: 'address', address: '社区党群服务中心二楼' },
    provider: '王律师',
    durationMinutes: 45,
    bufferMinutes: 15,
    capacity,
    eligibility: [],
    questions: [],
    requiresConfirmation: false,
    rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60 },
    hours: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
    exceptions: [],
    status: 'published',
  }
}
