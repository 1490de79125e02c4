/**
 * The memory adapter's ServicesApi (issue 12): the core's booking, as the signed-in user, with the
 * booking's due jobs run before each call (the memory backend has no background worker) — so a
 * waitlisted booking has ended when its slot has started, and a checked-in one is done once the
 * slot is over, whoever asks next. The rules themselves are the core's tests (test/core).
 */
import type { ServiceInput } from '../../../types/api'
import { apiError, memoryWorld } from '../support/memory-world'

/** 2026-11-21 16:00 in Beijing is the world's start: the Sunday slots below are the next morning. */
const at = (date: string, clock: string) => new Date(`${date}T${clock}:00+08:00`).toISOString()
const SUNDAY = '2026-11-22'

const service = (over: Partial<ServiceInput> = {}): ServiceInput => ({
  name: '法律咨询',
  kind: 'legal',
  description: '社区律师为居民解答法律问题',
  location: { kind: 'address', address: '映月社区服务中心201室' },
  provider: '张律师',
  durationMinutes: 30,
  bufferMinutes: 0,
  capacity: 1,
  eligibility: [],
  questions: [{ id: 'purpose', label: '咨询事项', kind: 'text', required: true }],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60 },
  hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday: weekday as 1, start: '09:00', end: '12:00' })),
  exceptions: [],
  status: 'published',
  ...over,
})

describe('the memory adapter’s service booking', () => {
  it('offers the capability and answers as the core does, booking once per key', async () => {
    const world = memoryWorld()
    const staff = await world.signedIn('u-zhang')
    const wang = await world.signedIn('u-wang')
    expect(wang.api.capabilities.services).toBe(true)
    expect(wang.api.services.exportBookings).toBeUndefined()
    const legal = await staff.api.services.create(service(), { idempotencyKey: 'svc-key-0001' })
    expect(await staff.api.services.create(service(), { idempotencyKey: 'svc-key-0001' })).toEqual(legal)
    expect((await wang.api.services.list()).map((s) => s.id)).toContain(legal.id)

    const input = { serviceId: legal.id, startsAt: at(SUNDAY, '09:00'), answers: { purpose: '合同纠纷' } }
    const first = await wang.api.services.book(input, { idempotencyKey: 'book-key-0001' })
    expect(first).toMatchObject({ status: 'confirmed', checkInCode: expect.stringMatching(/^\d{6}$/) })
    expect(await wang.api.services.book(input, { idempotencyKey: 'book-key-0001' })).toEqual(first)
    const refused = await apiError(wang.api.services.book({ ...input, startsAt: at(SUNDAY, '09:30') }, { idempotencyKey: 'book-key-0001' }))
    expect(refused).toMatchObject({ kind: 'validation', fields: { idempotencyKey: '同一提交编号对应了不同的内容，请重新提交' } })
    // One booking of this service (the demo community's own bookings are there too).
    expect((await wang.api.services.mine()).upcoming.filter((b) => b.service.id === legal.id).map((b) => b.id)).toEqual([first.id])
  })

  it('runs the due jobs before each call: a waitlisted booking ends when its slot starts, a checked-in one is done after it', async () => {
    const world = memoryWorld()
    const staff = await world.signedIn('u-zhang')
    const [wang, li] = [await world.signedIn('u-wang'), await world.signedIn('u-li')]
    const legal = await staff.api.services.create(service(), { idempotencyKey: 'svc-key-0002' })
    const input = { serviceId: legal.id, startsAt: at(SUNDAY, '09:00'), answers: { purpose: '合同纠纷' } }
    const seat = await wang.api.services.book(input, { idempotencyKey: 'book-key-0002' })
    const waiting = await li.api.services.book({ ...input, waitlist: true }, { idempotencyKey: 'book-key-0003' })
    expect(waiting).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })

    // Sunday 08:30: check-in opens two hours before; the slot has not started.
    world.clock.advanceHours(16.5)
    expect((await li.api.services.booking(waiting.id)).status).toBe('waitlisted')
    expect((await staff.api.services.checkIn({ code: seat.checkInCode! })).status).toBe('checked_in')

    // Sunday 09:10: the slot has started, so the line has ended — seen by the next call, whatever it is.
    world.clock.advanceHours(40 / 60)
    const ended = await li.api.services.booking(waiting.id)
    expect(ended.status).toBe('expired')
    expect(ended.history.map((e) => e.action)).toEqual(['waitlisted', 'expired'])

    // Sunday 09:40: the slot is over; the checked-in booking is done and may be rated.
    world.clock.advanceHours(0.5)
    const done = (await wang.api.services.listPast()).items.find((b) => b.id === seat.id)
    expect(done).toMatchObject({ status: 'done', can: { rate: true } })
    expect((await wang.api.services.rate(seat.id, { stars: 5, comment: '很耐心' })).rating).toMatchObject({ stars: 5 })
  })
})
