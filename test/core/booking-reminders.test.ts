import type { ServiceInput } from '../../types/api'
import { plainLawyer } from './support/booking'
import type { BookingNotice } from '../../src/core/context'
import { createWorld, DEMO, type World } from './support/world'

/**
 * Reminders run late (the server was down, the notifier retried): one whose time has passed is
 * completed without sending, so nobody is told 「1小时后开始」 after the slot started.
 */

const HOUR = 3_600_000
/** Thursday 2026-11-26 10:00 in Beijing. */
const THU_10 = '2026-11-26T02:00:00.000Z'

const lawyer: ServiceInput = plainLawyer()

describe('booking reminders run late', () => {
  let world: World
  let sent: BookingNotice[]
  let bookingId: string
  const reminders = () => sent.filter((n) => n.booking.id === bookingId && n.kind.startsWith('reminder')).map((n) => [n.kind, n.note])
  const reminded = async () => (await world.store.bookings.find(bookingId))!.history.filter((h) => h.action === 'reminded').length

  beforeEach(async () => {
    world = await createWorld()
    sent = []
    world.notifier.booking = async (notice) => void sent.push(notice)
    const bookings = world.core.bookings
    const service = await bookings.create(await world.caller(DEMO.zhang), lawyer, { idempotencyKey: world.key() })
    bookingId = (await bookings.book(await world.caller(DEMO.wang), { serviceId: service.id, startsAt: THU_10, answers: {} }, { idempotencyKey: world.key() })).id
  })

  it('sends neither reminder once the slot has started, and completes both jobs', async () => {
    world.clock.set(Date.parse(THU_10) + 5 * 60_000)
    const run = await world.core.bookings.jobs.runDue('w1')
    expect(run.failed).toBe(0)
    expect(reminders()).toEqual([])
    expect(await reminded()).toBe(0)
    expect((await world.core.bookings.jobs.runDue('w1')).claimed).toBe(0)
  })

  it('within the last hour sends only the hour’s reminder (the day’s is dropped)', async () => {
    world.clock.set(Date.parse(THU_10) - 30 * 60_000)
    await world.core.bookings.jobs.runDue('w1')
    expect(reminders()).toEqual([['reminder_hour', '1小时后开始，请准时到场']])
    expect(await reminded()).toBe(1)
  })

  it('the day’s reminder sent late, past midnight in Beijing, says 今天', async () => {
    world.clock.set(Date.parse(THU_10) - 9.5 * HOUR)
    await world.core.bookings.jobs.runDue('w1')
    expect(reminders()).toEqual([['reminder_day', '今天10:00请准时到场']])
  })

  it('on time, the day before says 明天', async () => {
    world.clock.set(Date.parse(THU_10) - 24 * HOUR)
    await world.core.bookings.jobs.runDue('w1')
    expect(reminders()).toEqual([['reminder_day', '明天10:00请准时到场']])
  })

  it('a booking cancelled while its reminder was sending keeps its history without 已提醒', async () => {
    world.clock.set(Date.parse(THU_10) - 24 * HOUR)
    world.notifier.booking = async (notice) => {
      sent.push(notice)
      if (notice.kind === 'reminder_day' && notice.booking.id === bookingId) await world.core.bookings.cancel(await world.caller(DEMO.wang), bookingId, { reason: '临时有事' })
    }
    const run = await world.core.bookings.jobs.runDue('w1')
    expect(run.failed).toBe(0)
    expect(reminders()).toEqual([['reminder_day', '明天10:00请准时到场']])
    const after = (await world.store.bookings.find(bookingId))!
    expect([after.status, after.history.map((h) => h.action).at(-1)]).toEqual(['cancelled', 'cancelled'])
    expect(await reminded()).toBe(0)
  })
})
