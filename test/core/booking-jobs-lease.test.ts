import type { ServiceInput } from '../../types/api'
import { plainLawyer } from './support/booking'
import { LEASE_MARGIN_MS, LEASE_MS } from '../../src/core/services/booking/jobs'
import { createWorld, DEMO, type World } from './support/world'

/**
 * A worker whose jobs are slow (WeChat answering late) starts none of its claim once the claim's
 * lease is nearly over: a job still running when its lease ends could be claimed and sent by
 * another worker too. The jobs it left run once, by whoever claims them after the lease.
 */

/** Thursday 2026-11-26 10:00 in Beijing. */
const THU_10 = '2026-11-26T02:00:00.000Z'
const DAY_BEFORE = Date.parse(THU_10) - 24 * 3_600_000
const SLOW_MS = 50_000

const lawyer: ServiceInput = plainLawyer({ capacity: 5 })

describe('durable jobs near the end of their lease', () => {
  let world: World
  beforeEach(async () => {
    world = await createWorld()
  })

  it('stops starting a slow claim’s jobs when its lease is nearly over; another worker sends the rest once, after the lease', async () => {
    const service = await world.core.bookings.create(await world.caller(DEMO.zhang), lawyer, { idempotencyKey: world.key() })
    const people = [DEMO.wang, DEMO.li, DEMO.zhao]
    const ids: string[] = []
    for (const who of people) {
      const booked = await world.core.bookings.book(await world.caller(who), { serviceId: service.id, startsAt: THU_10, answers: {} }, { idempotencyKey: world.key() })
      ids.push(booked.id)
    }
    // What the demo seed's bookings have due an hour before ours runs first (each reading of the clock moves it a second).
    world.clock.set(DAY_BEFORE - 3_600_000)
    while ((await world.core.bookings.jobs.runDue('w0')).claimed > 0);
    const sent: Array<{ bookingId: string; at: number }> = []
    // Each of our sends takes SLOW_MS of the clock.
    world.notifier.booking = async (notice) => {
      if (notice.kind !== 'reminder_day' || !ids.includes(notice.booking.id)) return
      sent.push({ bookingId: notice.booking.id, at: world.clock.peek().getTime() })
      world.clock.set(world.clock.peek().getTime() + SLOW_MS)
    }
    world.clock.set(DAY_BEFORE)

    // 50 s + 50 s: the third would start with less than the margin of the lease left.
    const first = await world.core.bookings.jobs.runDue('w1')
    expect(first).toEqual({ claimed: 3, done: 2, failed: 0 })
    expect(sent).toHaveLength(2)
    for (const { at } of sent) expect(at).toBeLessThanOrEqual(DAY_BEFORE + LEASE_MS - LEASE_MARGIN_MS)
    expect(world.log.warnings.map((w) => [w.message, w.details.left])).toEqual([['jobs: the claim’s lease is running out; its other jobs wait for it to end', 1]])

    // Still w1's until the lease ends; then w2's, sent once.
    expect((await world.core.bookings.jobs.runDue('w2')).claimed).toBe(0)
    world.clock.set(DAY_BEFORE + LEASE_MS + 1000)
    expect(await world.core.bookings.jobs.runDue('w2')).toEqual({ claimed: 1, done: 1, failed: 0 })
    expect(await world.core.bookings.jobs.runDue('w1')).toEqual({ claimed: 0, done: 0, failed: 0 })
    expect(sent.map((s) => s.bookingId).sort()).toEqual([...ids].sort())
    for (const id of ids) {
      const booking = await world.core.bookings.booking(await world.caller(DEMO.zhang), id)
      expect(booking.history.filter((h) => h.action === 'reminded')).toHaveLength(1)
    }
  })
})
