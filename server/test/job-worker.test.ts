import { hostname } from 'node:os'
import type { RunResult } from '../../src/core/services/booking/jobs'
import { loadConfig } from '../config'
import { JobWorker, workerId, type DueJobs } from '../jobs/worker'
import { startWorld, type World } from './support/world'

/**
 * The job worker: polls the core's durable jobs, never two passes at once, drains full claims,
 * logs a failed pass and tries again at the next tick, stops with the app. The due times are the
 * database's: the app's clock decides what is due.
 */

// A world (PGlite from the template, the app ready) may take a while on a busy machine.
jest.setTimeout(60_000)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const none: RunResult = { claimed: 0, done: 0, failed: 0 }

class Log {
  lines: Array<{ level: 'info' | 'error'; object: Record<string, unknown>; message: string }> = []
  info = (object: object, message: string) => void this.lines.push({ level: 'info', object: object as Record<string, unknown>, message })
  error = (object: object, message: string) => void this.lines.push({ level: 'error', object: object as Record<string, unknown>, message })
}

/** Jobs whose runs are answered by the test: each call waits for `answer` (a result or an error). */
class ScriptedJobs implements DueJobs {
  calls: Array<{ worker: string; limit?: number }> = []
  private waiting: Array<(outcome: RunResult | Error) => void> = []
  runDue(worker: string, limit?: number): Promise<RunResult> {
    this.calls.push({ worker, limit })
    return new Promise((resolve, reject) => this.waiting.push((o) => (o instanceof Error ? reject(o) : resolve(o))))
  }
  answer(outcome: RunResult | Error): void {
    const next = this.waiting.shift()
    if (!next) throw new Error('no run is waiting')
    next(outcome)
  }
  get inFlight(): number {
    return this.waiting.length
  }
}

describe('JobWorker', () => {
  it('never runs two passes at once: a tick during a pass is skipped', async () => {
    const jobs = new ScriptedJobs()
    const worker = new JobWorker(jobs, new Log(), { everyMs: 60_000, id: 'w-test' })
    const first = worker.tick()
    expect(await worker.tick()).toBeNull()
    expect(await worker.tick()).toBeNull()
    expect(jobs.calls).toEqual([{ worker: 'w-test', limit: 20 }])
    jobs.answer({ claimed: 2, done: 2, failed: 0 })
    expect(await first).toEqual({ claimed: 2, done: 2, failed: 0 })
    // The pass is over: the next tick runs.
    const second = worker.tick()
    expect(jobs.calls).toHaveLength(2)
    jobs.answer(none)
    expect(await second).toEqual(none)
  })

  it('claims again at once while claims come back full, up to its cap, and logs what it did', async () => {
    const results: RunResult[] = [
      { claimed: 3, done: 3, failed: 0 },
      { claimed: 3, done: 2, failed: 1 },
      { claimed: 1, done: 1, failed: 0 },
    ]
    const calls: number[] = []
    const log = new Log()
    const worker = new JobWorker({ runDue: async (_w, limit) => (calls.push(limit!), results.shift()!) }, log, { everyMs: 60_000, id: 'w-drain', batch: 3 })
    expect(await worker.tick()).toEqual({ claimed: 7, done: 6, failed: 1 })
    expect(calls).toEqual([3, 3, 3])
    expect(log.lines).toEqual([{ level: 'info', object: { worker: 'w-drain', claimed: 7, done: 6, failed: 1 }, message: 'jobs: 6 done, 1 failed' }])

    let claims = 0
    const capped = new JobWorker({ runDue: async () => (claims++, { claimed: 2, done: 2, failed: 0 }) }, new Log(), { everyMs: 60_000, batch: 2, maxClaimsPerPass: 4 })
    expect(await capped.tick()).toEqual({ claimed: 8, done: 8, failed: 0 })
    expect(claims).toBe(4)
    // A pass that found nothing says nothing.
    const quiet = new Log()
    await new JobWorker({ runDue: async () => none }, quiet, { everyMs: 60_000 }).tick()
    expect(quiet.lines).toEqual([])
  })

  it('logs a failed pass and tries again at the next tick', async () => {
    const log = new Log()
    let calls = 0
    const worker = new JobWorker(
      {
        runDue: async () => {
          calls++
          if (calls === 1) throw new Error('connection terminated')
          return { claimed: 1, done: 1, failed: 0 }
        },
      },
      log,
      { everyMs: 30, id: 'w-flaky' },
    )
    worker.start()
    try {
      for (let i = 0; i < 100 && calls < 2; i++) await sleep(10)
    } finally {
      await worker.stop()
    }
    expect(calls).toBeGreaterThanOrEqual(2)
    const errors = log.lines.filter((l) => l.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ object: { worker: 'w-flaky', err: expect.objectContaining({ message: 'connection terminated' }) }, message: 'jobs: a pass failed; the next one tries again' })
    expect(log.lines.some((l) => l.message === 'jobs: 1 done, 0 failed')).toBe(true)
  })

  it('runs a first pass when started, then every interval; stop waits for the pass in flight and ends the polling', async () => {
    const jobs = new ScriptedJobs()
    const worker = new JobWorker(jobs, new Log(), { everyMs: 20 })
    worker.start()
    worker.start()
    expect(jobs.calls).toHaveLength(1)
    // The pass hangs for 100 ms: the ticks in between are skipped, not queued.
    await sleep(100)
    expect(jobs.calls).toHaveLength(1)
    let stopped = false
    const stopping = worker.stop().then(() => void (stopped = true))
    await sleep(20)
    expect(stopped).toBe(false)
    jobs.answer({ claimed: 20, done: 20, failed: 0 })
    await stopping
    // A full claim does not start another once stopped; nothing runs any more.
    await sleep(80)
    expect(jobs.calls).toHaveLength(1)
    expect(jobs.inFlight).toBe(0)
    expect(await worker.tick()).toBeNull()
  })

  it('is named after its host and process, with a random part', () => {
    const [a, b] = [workerId(), workerId()]
    expect(a).toMatch(new RegExp(`^${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${process.pid}:[0-9a-f]{8}$`))
    expect(a).not.toBe(b)
    expect(new JobWorker({ runDue: async () => none }, new Log(), { everyMs: 1 }).id).toMatch(/:[0-9a-f]{8}$/)
    expect(() => new JobWorker({ runDue: async () => none }, new Log(), { everyMs: 0 })).toThrow(/everyMs/)
  })
})

describe('the app’s job worker', () => {
  let world: World | null = null
  afterEach(async () => {
    await world?.close()
    world = null
  })

  const insertJob = (w: World, key: string, runAt: string) =>
    w.db.query("INSERT INTO jobs (id, kind, key, run_at, payload) VALUES ($1, 'booking.remind', $1, $2, $3::jsonb)", [
      key,
      runAt,
      JSON.stringify({ bookingId: 'bk_gone', startsAt: '2027-01-01T00:00:00.000Z', which: 'day' }),
    ])
  const statusOf = async (w: World, key: string) => (await w.db.query<{ status: string }>('SELECT status FROM jobs WHERE key = $1', [key]))[0].status

  it('runs what is due by the app’s clock, and stops when the app closes', async () => {
    // The app's clock is a year ahead of the real one: a job due in half a year is due for it.
    const clock = new Date(Date.now() + 365 * 86_400_000)
    world = await startWorld({ seed: false, now: () => clock, jobsEveryMs: 25 })
    const inHalfAYear = new Date(Date.now() + 182 * 86_400_000).toISOString()
    const inTwoYears = new Date(Date.now() + 730 * 86_400_000).toISOString()
    await insertJob(world, 'job-due', inHalfAYear)
    await insertJob(world, 'job-later', inTwoYears)
    for (let i = 0; i < 100 && (await statusOf(world, 'job-due')) !== 'done'; i++) await sleep(20)
    expect(await statusOf(world, 'job-due')).toBe('done')
    expect(await statusOf(world, 'job-later')).toBe('queued')

    const w = world
    await w.app.close()
    await insertJob(w, 'job-after-close', inHalfAYear)
    await sleep(150)
    expect(await statusOf(w, 'job-after-close')).toBe('queued')
    await w.db.close()
    world = null
  })

  it('does not poll with jobsEveryMs 0', async () => {
    world = await startWorld({ seed: false, now: () => new Date(Date.now() + 365 * 86_400_000), jobsEveryMs: 0 })
    await insertJob(world, 'job-idle', new Date().toISOString())
    await sleep(150)
    expect(await statusOf(world, 'job-idle')).toBe('queued')
  })
})

describe('configuration', () => {
  it('polls every 5 s unless LINLI_JOBS_EVERY_MS says otherwise (0: not in this process)', () => {
    expect(loadConfig({}).jobsEveryMs).toBe(5_000)
    expect(loadConfig({ LINLI_JOBS_EVERY_MS: '250' }).jobsEveryMs).toBe(250)
    expect(loadConfig({ LINLI_JOBS_EVERY_MS: '0' }).jobsEveryMs).toBe(0)
    expect(() => loadConfig({ LINLI_JOBS_EVERY_MS: 'soon' })).toThrow(/LINLI_JOBS_EVERY_MS/)
  })
})
