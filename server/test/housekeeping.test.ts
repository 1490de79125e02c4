import { createDatabase, Housekeeping, MemoryPhotoStorage, migrate, seedDemo, type Database } from '../app'
import { HOUSEKEEPING_LOCK } from '../housekeeping'
import { startPostgres, type TestPostgres } from './support/pg'
import { PhotoUrlSigner, storedPhotoSecret } from '../photos/signing'
import { photoFile, png } from './support/images'
import { DEMO, newKey, startWorld, validReport, type Headers, type World } from './support/world'

/**
 * Housekeeping: expired sessions, idempotency keys and photos no report shows are removed once old
 * enough; everything a report or a timeline step shows stays.
 */
const DAY = 86_400_000
const start = new Date('2026-10-01T02:00:00.000Z')
let clock = start
const quiet = { info: () => undefined, warn: () => undefined }
const storage = new MemoryPhotoStorage()
let world: World

beforeAll(async () => {
  world = await startWorld({ now: () => clock, photoStorage: storage, housekeepingEveryMs: 0 })
})
afterAll(() => world.close())

const upload = async (headers: Headers, seed: number): Promise<string> => {
  const file = photoFile(png(2, 2, 200 + seed))
  const response = await world.inject({ method: 'POST', url: '/api/v1/photos', headers: { ...headers, ...file.headers }, payload: file.payload })
  if (response.statusCode !== 201) throw new Error(`upload: ${response.statusCode} ${response.body}`)
  return response.json().id
}
const act = (headers: Headers, id: string, move: string, payload?: object) =>
  world.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions/${move}`, headers, ...(payload ? { payload } : {}) })
/** GET the photo at a URL signed now, as a fresh read would give it. */
const photoServed = async (id: string) => {
  const signer = new PhotoUrlSigner(await storedPhotoSecret(world.db), () => clock)
  return (await world.inject({ url: `/files/photos/${id}?${signer.query(id)}` })).statusCode
}
const count = async (sql: string, params: unknown[] = []) => (await world.db.query<{ n: number }>(sql, params))[0].n
/** Booking's finished jobs and slot locks older than $1. */
const LEFTOVERS = `SELECT ((SELECT count(*) FROM jobs WHERE status IN ('done', 'failed') AND run_at < $1) + (SELECT count(*) FROM booking_slots WHERE starts_at < $1))::int AS n`

describe('housekeeping', () => {
  it('keeps what reports show, and removes old orphan photos, idempotency keys and expired sessions', async () => {
    const owner = await world.as(DEMO.owner)
    const staff = await world.as(DEMO.staff)
    const worker = await world.as(DEMO.gridWorker2)

    // 王秀兰 files a report with one photo; a second photo went up for a form she gave up on.
    const shown = await upload(owner, 1)
    const abandoned = await upload(owner, 2)
    const key = newKey()
    const filed = await world.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...owner, 'idempotency-key': key }, payload: validReport({ photoIds: [shown] }) })
    expect(filed.statusCode).toBe(201)
    const reportId = filed.json().id
    // 孙丽 attaches a photo to a timeline step; a second one she uploaded is never used.
    expect((await act(staff, reportId, 'accept')).statusCode).toBe(200)
    expect((await act(staff, reportId, 'assign', { assignee: { kind: 'user', id: 'u-sun' } })).statusCode).toBe(200)
    const onTimeline = await upload(worker, 3)
    const unused = await upload(worker, 4)
    expect((await act(worker, reportId, 'progress', { note: '已到现场', photoIds: [onTimeline] })).statusCode).toBe(200)
    const all = [shown, abandoned, onTimeline, unused]
    for (const id of all) expect(await photoServed(id)).toBe(200)

    const housekeeping = new Housekeeping(world.db, storage, () => clock, quiet)
    // 29 days on: nothing is old enough yet (sessions last 30 days) but the write keys of the demo's
    // consultation history, which the seed replays up to a day before it starts.
    clock = new Date(start.getTime() + 29 * DAY)
    const seededKeys = await count('SELECT count(*)::int AS n FROM write_keys WHERE created_at < $1', [new Date(clock.getTime() - 30 * DAY).toISOString()])
    const leftovers = () => count(LEFTOVERS, [new Date(clock.getTime() - 30 * DAY).toISOString()])
    const seededLeftovers = await leftovers()
    expect(await housekeeping.sweep()).toEqual({ sessions: 0, idempotencyKeys: seededKeys, photos: 0, bookingLeftovers: seededLeftovers, rateLimits: 0 })
    for (const id of all) expect(await photoServed(id)).toBe(200)

    // 31 days on: the two orphans go (rows and bytes), the keys and the sessions too.
    clock = new Date(start.getTime() + 31 * DAY)
    const keys = await count('SELECT ((SELECT count(*) FROM idempotency_keys) + (SELECT count(*) FROM write_keys))::int AS n')
    const sessions = await count('SELECT count(*)::int AS n FROM sessions')
    expect(keys).toBeGreaterThanOrEqual(1)
    expect(sessions).toBeGreaterThanOrEqual(3)
    const old = await leftovers()
    expect(await housekeeping.sweep()).toEqual({ sessions, idempotencyKeys: keys, photos: 2, bookingLeftovers: old, rateLimits: 0 })
    expect(await photoServed(shown)).toBe(200)
    expect(await photoServed(onTimeline)).toBe(200)
    expect(await photoServed(abandoned)).toBe(404)
    expect(await photoServed(unused)).toBe(404)
    expect([...storage.files.keys()]).toEqual(expect.arrayContaining([shown, onTimeline]))
    expect(storage.files.has(abandoned) || storage.files.has(unused)).toBe(false)
    expect(await count('SELECT count(*)::int AS n FROM idempotency_keys')).toBe(0)
    expect(await count('SELECT count(*)::int AS n FROM write_keys')).toBe(0)
    expect(await count('SELECT count(*)::int AS n FROM sessions')).toBe(0)
    // Her old token is gone with its session; signed in afresh, she finds the report and both photos.
    expect((await world.inject({ url: `/api/v1/reports/${reportId}`, headers: owner })).statusCode).toBe(401)
    const signIn = await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.owner } })
    const fresh = { authorization: `Bearer ${signIn.json().token}` }
    const detail = (await world.inject({ url: `/api/v1/reports/${reportId}`, headers: fresh })).json()
    expect(detail.report.photos.map((p: { id: string }) => p.id)).toEqual([shown])
    expect(detail.timeline.flatMap((e: { photos: Array<{ id: string }> }) => e.photos.map((p) => p.id))).toEqual([onTimeline])
  })

  it('removes a long backlog a batch at a time', async () => {
    const signIn = await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.chen } })
    const chen = { authorization: `Bearer ${signIn.json().token}` }
    const orphans = [await upload(chen, 5), await upload(chen, 6), await upload(chen, 7)]
    clock = new Date(clock.getTime() + 40 * DAY)
    const housekeeping = new Housekeeping(world.db, storage, () => clock, quiet, { batch: 2 })
    expect((await housekeeping.sweep()).photos).toBe(2)
    expect((await housekeeping.sweep()).photos).toBe(1)
    expect((await housekeeping.sweep()).photos).toBe(0)
    for (const id of orphans) expect(await photoServed(id)).toBe(404)
  })

  it('keeps the photos of proposals, minutes, progress updates and disclosures, and removes old write keys', async () => {
    // Signed in afresh: the sweeps above removed the sessions world.as remembers.
    const signIn = async (userId: string) => {
      const response = await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId } })
      return { authorization: `Bearer ${response.json().token}` }
    }
    const staff = await signIn(DEMO.staff)
    const owner = await signIn(DEMO.owner)
    const [{ community_id: communityId, home_building_id: buildingId, home_room: room }] = await world.db.query<{ community_id: string; home_building_id: string; home_room: string }>(
      'SELECT community_id, home_building_id, home_room FROM users WHERE id = $1',
      [DEMO.owner],
    )
    const disclosed = await upload(staff, 8)
    const proposed = await upload(owner, 9)
    const minuted = await upload(staff, 10)
    const progressed = await upload(staff, 11)
    const orphan = await upload(staff, 12)
    const now = clock.toISOString()
    // 财务公开 with a scanned receipt; a proposal with a photo, its meeting's minutes and a progress update.
    await world.db.query(
      `INSERT INTO disclosures (id, community_id, category, period_year, period_quarter, title, body, photo_ids, published_at, author_id, author_name)
       VALUES ('d-kept', $1, 'finance', 2026, 4, '第四季度财务公开', '收支明细见附件', $2::text[], $3, $4, '张敏')`,
      [communityId, [disclosed], now, DEMO.staff],
    )
    await world.db.query(
      `INSERT INTO proposals (id, community_id, author_id, author_name, author_building_id, author_room, author_building_name, title, body, photo_ids,
         threshold, deadline, status, created_at)
       VALUES ('p-kept', $1, $2, '王秀兰', $3, $4, '3号楼', '加装路灯', '小区北门晚上太黑了，请加装路灯', $5::text[], 10, $6, 'adopted', $6)`,
      [communityId, DEMO.owner, buildingId, room, [proposed], now],
    )
    await world.db.query(
      `INSERT INTO proposal_minutes (id, proposal_id, text, photo_ids, at, by_id, by_name) VALUES ('m-kept', 'p-kept', '居民议事会讨论通过', $1::text[], $2, $3, '张敏')`,
      [[minuted], now, DEMO.staff],
    )
    await world.db.query(
      `INSERT INTO proposal_progress (id, proposal_id, percent, text, photo_ids, at, by_id, by_name) VALUES ('g-kept', 'p-kept', 50, '已安装两盏', $1::text[], $2, $3, '张敏')`,
      [[progressed], now, DEMO.staff],
    )
    // The proposal's write key goes once old, as a report's idempotency key does.
    await world.db.query(
      "INSERT INTO write_keys (user_id, kind, key, fingerprint, object_id, created_at) VALUES ($1, 'proposal', 'key-of-p-kept', 'f', 'p-kept', $2)",
      [DEMO.owner, now],
    )
    clock = new Date(clock.getTime() + 40 * DAY)
    const housekeeping = new Housekeeping(world.db, storage, () => clock, quiet)
    expect(await housekeeping.sweep()).toEqual({ sessions: expect.any(Number), idempotencyKeys: 1, photos: 1, bookingLeftovers: expect.any(Number), rateLimits: 0 })
    expect(await count('SELECT count(*)::int AS n FROM write_keys')).toBe(0)
    expect(await photoServed(orphan)).toBe(404)
    for (const id of [disclosed, proposed, minuted, progressed]) expect(await photoServed(id)).toBe(200)
  })

  it('removes booking’s finished jobs and slot locks a month after their time, and keeps what may still run', async () => {
    const t = (days: number) => new Date(clock.getTime() + days * DAY).toISOString()
    const services = await world.db.query<{ id: string }>('SELECT id FROM services LIMIT 1')
    const job = (id: string, status: string, runAt: string) =>
      world.db.query(`INSERT INTO jobs (id, kind, key, run_at, payload, status, done_at) VALUES ($1, 'booking.remind', $1, $2, '{}'::jsonb, $3, $4)`, [id, runAt, status, status === 'queued' ? null : runAt])
    await job('job-old-done', 'done', t(1))
    await job('job-old-failed', 'failed', t(1))
    await job('job-old-queued', 'queued', t(1))
    await job('job-recent-done', 'done', t(20))
    await world.db.query('INSERT INTO booking_slots (service_id, starts_at) VALUES ($1, $2), ($1, $3)', [services[0].id, t(1), t(20)])
    clock = new Date(clock.getTime() + 45 * DAY)
    const housekeeping = new Housekeeping(world.db, storage, () => clock, quiet)
    expect((await housekeeping.sweep()).bookingLeftovers).toBeGreaterThanOrEqual(3)
    const left = await world.db.query<{ id: string }>("SELECT id FROM jobs WHERE id LIKE 'job-%' ORDER BY id")
    expect(left.map((j) => j.id)).toEqual(['job-old-queued', 'job-recent-done'])
    expect(await count('SELECT count(*)::int AS n FROM booking_slots WHERE starts_at = $1', [t(-25)])).toBe(1)
    expect(await count('SELECT count(*)::int AS n FROM booking_slots WHERE starts_at = $1', [t(-44)])).toBe(0)
  })

  it('runs on its own every housekeepingEveryMs', async () => {
    const later = await startWorld({ housekeepingEveryMs: 50 })
    try {
      // A key from January: far older than 30 days.
      await later.db.query(
        "INSERT INTO idempotency_keys (user_id, key, fingerprint, report_id, created_at) VALUES ('u-wang', 'old-key-123', 'f', 'r_none', '2026-01-01T00:00:00.000Z')",
      )
      const deadline = Date.now() + 5_000
      while (Date.now() < deadline && (await later.db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys'))[0].n > 0) {
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      expect((await later.db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys'))[0].n).toBe(0)
    } finally {
      await later.close()
    }
  })
})

/**
 * Several processes over one PostgreSQL (ADR 30): a sweep holds an advisory lock for its pass; a
 * sweep of another process that finds it taken skips (it does nothing and says so), and sweeps
 * again normally once the lock is free.
 */
describe('housekeeping on PostgreSQL, several processes', () => {
  let pg: TestPostgres | null = null
  let db: Database | undefined
  let other: Database | undefined
  beforeAll(async () => {
    pg = await startPostgres()
    if (!pg) return
    db = await createDatabase({ databaseUrl: pg.url })
    await migrate(db)
    await seedDemo(db)
    other = await createDatabase({ databaseUrl: pg.url })
  }, 120_000)
  afterAll(async () => {
    await other?.close()
    await db?.close()
    await pg?.stop()
  })

  it('skips its pass while another process’s sweep holds the lock, and sweeps once it is free', async () => {
    if (!pg || !db || !other) return
    const expired = new Date(Date.now() - DAY).toISOString()
    await db.query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('h-hk', $2, $1, $1)", [expired, DEMO.owner])
    const infos: string[] = []
    const housekeeping = new Housekeeping(db, new MemoryPhotoStorage(), () => new Date(), { info: (_d: object, m: string) => void infos.push(m), warn: () => undefined } as never)
    // The other process is in its pass: it holds the lock in a transaction of its own.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let locked!: () => void
    const taken = new Promise<void>((resolve) => (locked = resolve))
    const otherSweep = other.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [HOUSEKEEPING_LOCK])
      locked()
      await held
    })
    await taken
    expect(await housekeeping.sweep()).toEqual({ sessions: 0, idempotencyKeys: 0, photos: 0, bookingLeftovers: 0, rateLimits: 0, skipped: true })
    expect(infos).toContain('housekeeping: another process is sweeping; this pass is skipped')
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sessions WHERE token_hash = 'h-hk'"))[0].n).toBe(1)
    release()
    await otherSweep
    const swept = await housekeeping.sweep()
    expect(swept.skipped).toBeUndefined()
    expect(swept.sessions).toBe(1)
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sessions WHERE token_hash = 'h-hk'"))[0].n).toBe(0)
  })

  it('two sweeps at once in two processes: one runs, the other skips', async () => {
    if (!pg || !db || !other) return
    // The first pass waits in its photo deletions; the second sweep comes meanwhile.
    const old = new Date(Date.now() - 40 * DAY).toISOString()
    await db.query("INSERT INTO photos (id, owner_id, content_type, bytes, width, height, created_at, check_state) VALUES ('p-hk', $2, 'image/png', 1, 1, 1, $1, 'pass')", [old, DEMO.owner])
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let deleting!: () => void
    const inPass = new Promise<void>((resolve) => (deleting = resolve))
    const slow = new MemoryPhotoStorage()
    slow.delete = async () => {
      deleting()
      await held
    }
    const first = new Housekeeping(db, slow, () => new Date(), quiet).sweep()
    await inPass
    const second = await new Housekeeping(other, new MemoryPhotoStorage(), () => new Date(), quiet).sweep()
    expect(second.skipped).toBe(true)
    release()
    const done = await first
    expect(done.skipped).toBeUndefined()
    expect(done.photos).toBe(1)
  })
})
