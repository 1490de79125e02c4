import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServiceInput } from '../../types/api'
import { API, IDEMPOTENCY_HEADER } from '../../types/routes'
import type { CommunitySetup } from '../../src/core/ports'
import { LEASE_MS, RETRY_MS } from '../../src/core/services/booking/jobs'
import { createDatabase, migrate, type Database } from '../app'
import { createSqlStore } from '../repositories'
import { templatePath } from './support/database'
import { killJobsServers, startJobsServer, type JobsServer } from './support/jobs-process'
import { describeOnPostgres } from './support/on-postgres'
import { startPostgres, type TestPostgres } from './support/pg'
import { startWeChatStandIn, type WeChatStandIn } from './support/wechat-stand-in'

/**
 * Reminders that survive restarts (issue 12, point 6), with real server processes on a test clock,
 * bookings made over HTTP, and a WeChat stand-in on loopback counting the subscribe messages it
 * receives:
 * - PGlite: the server is killed (SIGKILL) a second before the day-before reminder is due and
 *   restarted after it → exactly one reminder per booking.
 * - PostgreSQL: two server processes on one database, 60 reminders due at once → each sent once,
 *   both processes sharing the work; then one of them dies while WeChat holds its send → the
 *   other sends the rest, and the dead one's claims once their lease ends: still each once.
 *
 * The one way left to send twice is WeChat taking a message and the process dying in the
 * milliseconds before the job's row commits (at least once, never lost): a killed worker here
 * dies before WeChat answered, which it can never tell apart from WeChat never having received it.
 */
jest.setTimeout(120_000)

const SECOND = 1000
const HOUR = 3_600_000
/** Tuesday 2026-11-24 16:00 in Beijing: when the bookings are made. */
const T0 = new Date('2026-11-24T08:00:00.000Z')
/** Thursday 2026-11-26 10:00 in Beijing: the slot everyone books. */
const SLOT = '2026-11-26T02:00:00.000Z'
const DAY_BEFORE = Date.parse(SLOT) - 24 * HOUR
const HOUR_BEFORE = Date.parse(SLOT) - HOUR
const at = (ms: number) => new Date(ms)

const BOOKING_TEMPLATE = 'tpl-booking'
const POLL_MS = 100
const SEND = '/cgi-bin/message/subscribe/send'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

const pad = (i: number) => String(i).padStart(3, '0')
const residentOf = (i: number) => `u-bk-${pad(i)}`
const openidOf = (i: number) => `o-bk-${pad(i)}`

/** A community of its own (the demo seed is not needed): one building, a staff member and `count` residents in homes of their own. */
function community(count: number): CommunitySetup {
  const person = { phone: '', gridIds: [], leadsBuildingIds: [] }
  return {
    community: { id: 'c-rm', name: '提醒社区', kind: 'community', district: '无锡市锡山区东亭街道', streetId: 's-rm', streetName: '东亭街道' },
    street: { id: 's-rm', name: '东亭街道', district: '无锡市锡山区' },
    joinCode: 'RM2026',
    reportPrefix: 'RM',
    grids: [{ id: 'g-rm', communityId: 'c-rm', name: '第一网格' }],
    buildings: [{ id: 'b-rm', communityId: 'c-rm', gridId: 'g-rm', name: '1号楼', rooms: Array.from({ length: count }, (_, i) => String(101 + i)) }],
    departments: [],
    categories: [{ id: 'cat-rm', name: '其他', guidance: '', deadlineHours: 48 }],
    replyTemplates: [],
    people: [
      { ...person, id: 'u-rm-staff', name: '张敏', roles: ['staff'], description: '社区工作者' },
      ...Array.from({ length: count }, (_, i) => ({ ...person, id: residentOf(i), name: `居民${i}`, roles: ['resident' as const], home: { buildingId: 'b-rm', room: String(101 + i) }, description: '居民' })),
    ],
  }
}

/** The community and its people (demo accounts, for demo sign-in), each resident with a WeChat openid. */
async function prepare(db: Database, count: number): Promise<void> {
  await migrate(db)
  await createSqlStore(db).directory.createCommunity(community(count), T0.toISOString())
  for (let i = 0; i < count; i++) await db.query('UPDATE users SET wechat_openid = $2 WHERE id = $1', [residentOf(i), openidOf(i)])
}

async function call<T>(baseUrl: string, path: string, body: object, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${API.prefix}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  return { status: response.status, body: (await response.json()) as T }
}
const key = () => ({ [IDEMPOTENCY_HEADER]: `key-${randomBytes(8).toString('hex')}` })
async function signIn(baseUrl: string, userId: string): Promise<Record<string, string>> {
  const session = await call<{ token: string }>(baseUrl, API.demoSignIn, { userId })
  expect(session.status).toBe(200)
  return { authorization: `Bearer ${session.body.token}` }
}

/**
 * Over HTTP, at T0: staff publish the lawyer with a seat for everyone, and each resident books the
 * Thursday 10:00 slot (through the servers in turn). Returns the bookings' ids, by resident.
 */
async function bookEveryone(servers: JobsServer[], count: number): Promise<string[]> {
  const service = await call<{ id: string }>(servers[0].baseUrl, API.services, lawyer(count), { ...(await signIn(servers[0].baseUrl, 'u-rm-staff')), ...key() })
  expect(service.status).toBe(201)
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { baseUrl } = servers[i % servers.length]
      const booked = await call<{ id: string; status: string }>(baseUrl, API.bookings, { serviceId: service.body.id, startsAt: SLOT, answers: {} }, { ...(await signIn(baseUrl, residentOf(i))), ...key() })
      expect(`${booked.status} ${booked.body.status}`).toBe('201 confirmed')
      return booked.body.id
    }),
  )
}

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
    hours: [{ weekday: 4, start: '09:00', end: '12:00' }],
    exceptions: [],
    status: 'published',
  }
}

/** The booking reminders the stand-in received of one kind, per openid. */
function reminders(wx: WeChatStandIn, which: '明日预约' | '即将开始'): Map<string, number> {
  const per = new Map<string, number>()
  for (const m of wx.subscribeMessages) {
    const data = m.data as Record<string, { value: string }>
    if (m.template_id === BOOKING_TEMPLATE && data.phrase4?.value === which) per.set(m.touser, (per.get(m.touser) ?? 0) + 1)
  }
  return per
}
const total = (per: Map<string, number>) => [...per.values()].reduce((a, b) => a + b, 0)
const onceEach = (count: number) => new Map(Array.from({ length: count }, (_, i) => [openidOf(i), 1]))

/** What each worker reported done, by worker name (from the processes' log lines). */
function doneByWorker(servers: JobsServer[]): Map<string, number> {
  const done = new Map<string, number>()
  for (const s of servers)
    for (const line of s.logs)
      if (typeof line.worker === 'string' && typeof line.done === 'number') done.set(line.worker, (done.get(line.worker) ?? 0) + line.done)
  return done
}
const workerOf = (server: JobsServer) => server.logs.find((l) => typeof l.worker === 'string')?.worker as string | undefined

async function remindedEvents(db: Database, ids: string[]): Promise<number[]> {
  const store = createSqlStore(db)
  return Promise.all(ids.map(async (id) => (await store.bookings.find(id))!.history.filter((h) => h.action === 'reminded').length))
}
async function reminderJobs(db: Database): Promise<Array<{ status: string; n: number }>> {
  return db.query("SELECT status, count(*)::int AS n FROM jobs WHERE kind = 'booking.remind' GROUP BY status ORDER BY status")
}

let wx: WeChatStandIn
beforeAll(async () => {
  wx = await startWeChatStandIn()
})
afterAll(async () => {
  await killJobsServers()
  await wx.close()
})

const baseEnv = () => ({
  WECHAT_APPID: wx.appId,
  WECHAT_SECRET: wx.secret,
  WECHAT_API_BASE_URL: wx.url,
  LINLI_SUBSCRIBE_TEMPLATE_ID: 'tpl-status',
  LINLI_SUBSCRIBE_BOOKING_TEMPLATE_ID: BOOKING_TEMPLATE,
  LINLI_JOBS_EVERY_MS: String(POLL_MS),
  LOG_LEVEL: 'info',
  // Demo sign-in for the community's people (no demo community is seeded).
  LINLI_DEMO: '1',
})

describe('booking reminders on PGlite, across a crash', () => {
  let dir: string | undefined
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('killed a second before the reminder is due and restarted after: exactly one reminder per booking', async () => {
    wx.reset()
    dir = await mkdtemp(join(tmpdir(), 'linli-reminders-'))
    const COUNT = 5
    // PGlite is one process's: the bookings are made before a server opens the directory.
    let db = await createDatabase({ dataDir: dir, loadDataDir: new Blob([readFileSync(await templatePath())]) })
    await prepare(db, COUNT)
    await db.close()
    const env = { ...baseEnv(), LINLI_DATA_DIR: dir }

    const first = await startJobsServer(env, T0)
    const ids = await bookEveryone([first], COUNT)
    await first.setClock(at(DAY_BEFORE - SECOND))
    await sleep(8 * POLL_MS)
    expect(wx.requestsTo(SEND)).toEqual([])
    await first.kill()

    const second = await startJobsServer(env, at(DAY_BEFORE + SECOND))
    await until('the day-before reminders', () => total(reminders(wx, '明日预约')) >= COUNT)
    await sleep(10 * POLL_MS)
    expect(reminders(wx, '明日预约')).toEqual(onceEach(COUNT))
    expect(wx.requestsTo(SEND)).toHaveLength(COUNT)
    const [sample] = wx.subscribeMessages.filter((m) => m.touser === openidOf(0))
    expect(sample).toEqual({
      touser: openidOf(0),
      template_id: BOOKING_TEMPLATE,
      page: `booking/detail/index?id=${encodeURIComponent(ids[0])}`,
      data: {
        thing1: { value: '法律咨询' },
        time2: { value: '2026-11-26 10:00' },
        thing3: { value: '社区党群服务中心二楼' },
        phrase4: { value: '明日预约' },
        thing5: { value: '明天10:00请准时到场' },
      },
    })
    await second.stop()

    // Each booking's history says it was reminded once; the hour-before jobs wait their time.
    db = await createDatabase({ dataDir: dir })
    try {
      expect(await remindedEvents(db, ids)).toEqual(ids.map(() => 1))
      expect(await reminderJobs(db)).toEqual([
        { status: 'done', n: COUNT },
        { status: 'queued', n: COUNT },
      ])
    } finally {
      await db.close()
    }
  })
})

// Without PostgreSQL binaries the block is skipped (reported as skipped, never as passed) — except
// in CI, where the two-process proof must run: there a missing PostgreSQL fails.
describeOnPostgres('booking reminders on PostgreSQL, two server processes', () => {
  let pg: TestPostgres | null = null
  afterAll(async () => {
    await pg?.stop()
  })

  it('sends each reminder once: 60 due at once shared by two workers, then one worker killed mid-send', async () => {
    wx.reset()
    pg = await startPostgres()
    if (!pg) throw new Error('PostgreSQL binaries were found but no cluster started')
    const COUNT = 60
    const db = await createDatabase({ databaseUrl: pg.url })
    try {
      await prepare(db, COUNT)
      const env = { ...baseEnv(), DATABASE_URL: pg.url }
      const servers = await Promise.all([startJobsServer(env, T0), startJobsServer(env, T0)])
      const ids = await bookEveryone(servers, COUNT)

      // The day before: both clocks reach it at once.
      await Promise.all(servers.map((s) => s.setClock(at(DAY_BEFORE + SECOND))))
      await until('the day-before reminders', () => total(reminders(wx, '明日预约')) >= COUNT)
      await sleep(10 * POLL_MS)
      expect(reminders(wx, '明日预约')).toEqual(onceEach(COUNT))
      const done = doneByWorker(servers)
      expect(done.size).toBe(2)
      for (const [worker, n] of done) expect(`${worker} did ${n > 0 ? 'some' : 'none'}`).toBe(`${worker} did some`)

      // An hour before: WeChat holds the first send, and the worker waiting on it is killed.
      wx.failNext('hang')
      const sendsBefore = wx.requestsTo(SEND).length
      await Promise.all(servers.map((s) => s.setClock(at(HOUR_BEFORE + SECOND))))
      await until('a send held by WeChat', () => wx.requestsTo(SEND).length > sendsBefore)
      const held = wx.requestsTo(SEND)[sendsBefore].params.touser
      const heldKey = `remind:${ids[Number(held.slice('o-bk-'.length))]}:${SLOT}:hour`
      const [{ locked_by: holder }] = await db.query<{ locked_by: string }>('SELECT locked_by FROM jobs WHERE key = $1', [heldKey])
      const dead = servers.find((s) => workerOf(s) === holder)!
      const survivor = servers.find((s) => s !== dead)!
      expect(dead).toBeDefined()
      await dead.kill()

      // The survivor sends every reminder but those the dead worker holds, until its lease ends.
      const leased = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE status = 'queued' AND locked_by = $1", [holder]))[0].n
      expect(leased).toBeGreaterThanOrEqual(1)
      await until('the reminders nobody holds', () => total(reminders(wx, '即将开始')) >= COUNT - leased)
      await sleep(10 * POLL_MS)
      expect(total(reminders(wx, '即将开始'))).toBe(COUNT - leased)
      expect(reminders(wx, '即将开始').get(held)).toBeUndefined()
      // Past the lease (and past a retry, had the held send timed out first): the rest, once.
      await survivor.setClock(at(HOUR_BEFORE + SECOND + Math.max(LEASE_MS, RETRY_MS) + SECOND))
      await until('the dead worker’s reminders', () => total(reminders(wx, '即将开始')) >= COUNT)
      await sleep(10 * POLL_MS)
      expect(reminders(wx, '即将开始')).toEqual(onceEach(COUNT))
      expect(reminders(wx, '明日预约')).toEqual(onceEach(COUNT))
      await survivor.stop()

      expect(await remindedEvents(db, ids)).toEqual(ids.map(() => 2))
      expect(await reminderJobs(db)).toEqual([{ status: 'done', n: 2 * COUNT }])
    } finally {
      await db.close()
    }
  })
})
