import type { ServiceInput } from '../../types/api'
import type { Booking, Service } from '../../types/domain'
import type { BookingNotice, Caller } from '../../src/core/context'
import { ApiError } from '../../src/core/errors'
import { createWorld, DEMO, OTHER, outcomeOf, type World } from './support/world'

/**
 * Service booking (issue 12) at service level over the memory store, in 映月社区 with the clock at
 * Saturday 2026-11-21 16:00 Beijing (08:00Z): the catalogue, slots with seats left, the rules, the
 * waitlist and its promotion, moving a booking, confirmation, check-in, no-shows and the pause,
 * the durable jobs (reminders, a slot's start and end), and 200 bookers racing for 10 seats.
 */

const HOUR = 3_600_000
const STAFF = DEMO.zhang
/** Thursday 2026-11-26 in Beijing: the lawyer's 09:00, 10:00 and 11:00 slots. */
const THU_09 = '2026-11-26T01:00:00.000Z'
const THU_10 = '2026-11-26T02:00:00.000Z'
const THU_11 = '2026-11-26T03:00:00.000Z'

export function lawyer(over: Partial<ServiceInput> = {}): ServiceInput {
  return {
    name: '法律咨询',
    kind: 'legal',
    description: '社区法律顾问坐班，解答婚姻家庭、房屋租赁、劳动纠纷等问题。',
    location: { kind: 'address', address: '社区党群服务中心二楼法律服务室' },
    provider: '北京某律师事务所 王律师',
    durationMinutes: 45,
    bufferMinutes: 15,
    capacity: 3,
    eligibility: [],
    questions: [
      { id: 'purpose', label: '咨询事项', kind: 'text', required: true },
      { id: 'phone', label: '联系电话', kind: 'phone', required: true },
    ],
    requiresConfirmation: false,
    rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60, householdLimit: { count: 2, period: 'week' } },
    hours: [{ weekday: 4, start: '09:00', end: '12:00' }],
    exceptions: [],
    status: 'published',
    ...over,
  }
}

const ANSWERS = { purpose: '房屋租赁合同纠纷', phone: '13800000001' }

const b = (world: World) => world.core.bookings

async function publish(world: World, over: Partial<ServiceInput> = {}): Promise<Service> {
  return b(world).create(await world.caller(STAFF), lawyer(over), { idempotencyKey: world.key() })
}

async function book(world: World, who: string, serviceId: string, startsAt: string, over: Record<string, unknown> = {}): Promise<Booking> {
  return b(world).book(await world.caller(who), { serviceId, startsAt, answers: ANSWERS, ...over }, { idempotencyKey: world.key() })
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

function recordBookings(world: World): BookingNotice[] {
  const notices: BookingNotice[] = []
  world.notifier.booking = async (notice) => void notices.push(notice)
  return notices
}

/** Verified residents of 映月社区 in households of their own (b-1, rooms 1001…). */
async function residents(world: World, count: number): Promise<Caller[]> {
  const at = world.clock.peek().toISOString()
  const out: Caller[] = []
  for (let i = 0; i < count; i++) {
    const id = `u-booker-${String(i).padStart(3, '0')}`
    await world.store.users.upsertWeChatUser({ id, openid: `o-${id}`, name: `居民${i}`, at })
    await world.store.users.setCommunity(id, DEMO.community)
    await world.store.users.setHome(id, { buildingId: 'b-1', room: String(1001 + i) }, at)
    out.push(await world.caller(id))
  }
  return out
}

async function slotOf(world: World, who: string, serviceId: string, startsAt: string) {
  const days = await b(world).listSlots(await world.caller(who), serviceId, { from: '2026-11-26', to: '2026-11-26' })
  return days[0].slots.find((s) => s.startsAt === startsAt)!
}

describe('service booking in the core (memory store)', () => {
  let world: World
  beforeEach(async () => {
    world = await createWorld()
  })

  describe('the catalogue and its slots', () => {
    it('lists a published service with my household’s eligibility, and its Thursday slots with seats left in Beijing time', async () => {
      const service = await publish(world)
      const list = await b(world).list(await world.caller(DEMO.wang))
      expect(list.find((s) => s.id === service.id)).toMatchObject({ name: '法律咨询', myEligibility: { eligible: true } })
      const days = await b(world).listSlots(await world.caller(DEMO.wang), service.id, { from: '2026-11-25', to: '2026-11-26' })
      expect(days.map((d) => [d.date, d.weekday, d.closed, d.slots.length])).toEqual([
        ['2026-11-25', 3, true, 0],
        ['2026-11-26', 4, false, 3],
      ])
      expect(days[1].slots.map((s) => [s.startsAt, s.endsAt, s.seatsLeft, s.capacity, s.bookable])).toEqual([
        [THU_09, '2026-11-26T01:45:00.000Z', 3, 3, true],
        [THU_10, '2026-11-26T02:45:00.000Z', 3, 3, true],
        [THU_11, '2026-11-26T03:45:00.000Z', 3, 3, true],
      ])
    })

    it('keeps drafts to staff, and other communities out', async () => {
      const draft = await publish(world, { status: 'draft' })
      expect((await b(world).list(await world.caller(DEMO.wang))).some((s) => s.id === draft.id)).toBe(false)
      expect(await outcomeOf(b(world).get(await world.caller(DEMO.wang), draft.id))).toBe('not_found')
      expect((await b(world).list(await world.caller(STAFF), { all: true })).some((s) => s.id === draft.id)).toBe(true)
      const published = await publish(world)
      expect(await outcomeOf(b(world).get(await world.caller(OTHER.resident), published.id))).toBe('not_found')
      expect(await outcomeOf(book(world, OTHER.resident, published.id, THU_10))).toBe('not_found')
      expect(await outcomeOf(b(world).create(await world.caller(DEMO.wang), lawyer(), { idempotencyKey: world.key() }))).toBe('forbidden')
    })

    it('refuses a service that breaks its rules, field by field in Chinese', async () => {
      const error = await failure(b(world).create(await world.caller(STAFF), lawyer({ name: '', capacity: 0, hours: [{ weekday: 4, start: '12:00', end: '09:00' }] }), { idempotencyKey: world.key() }))
      expect(error.kind).toBe('validation')
      expect(error.fields).toMatchObject({ name: '请填写服务名称', capacity: expect.stringContaining('名额'), hours: expect.stringContaining('结束时间应晚于开始时间') })
    })

    it('a closed exception takes a holiday’s slots away and an extra session adds some', async () => {
      const service = await publish(world, {
        exceptions: [
          { date: '2026-11-26', kind: 'closed', note: '律师外出培训' },
          { date: '2026-11-28', kind: 'extra', start: '09:00', end: '10:00', note: '周六加开' },
        ],
      })
      const days = await b(world).listSlots(await world.caller(DEMO.wang), service.id, { from: '2026-11-26', to: '2026-11-28' })
      expect(days.map((d) => [d.date, d.closed, d.note ?? '', d.slots.map((s) => s.startsAt)])).toEqual([
        ['2026-11-26', true, '律师外出培训', []],
        ['2026-11-27', true, '', []],
        ['2026-11-28', false, '周六加开', ['2026-11-28T01:00:00.000Z']],
      ])
      expect((await failure(book(world, DEMO.wang, service.id, THU_10))).fields.startsAt).toBe('没有这个时段，请重新选择')
    })
  })

  describe('booking and its rules', () => {
    it('books a seat with a 6-digit code; seats left 3 → 2; the same key answers the same booking', async () => {
      const service = await publish(world)
      const key = world.key()
      const input = { serviceId: service.id, startsAt: THU_10, answers: ANSWERS }
      const first = await b(world).book(await world.caller(DEMO.wang), input, { idempotencyKey: key })
      expect(first).toMatchObject({ status: 'confirmed', startsAt: THU_10, person: { id: DEMO.wang }, household: { buildingName: '3号楼', room: '201' } })
      expect(first.checkInCode).toMatch(/^\d{6}$/)
      expect(first.answers).toEqual([
        { questionId: 'purpose', label: '咨询事项', value: '房屋租赁合同纠纷' },
        { questionId: 'phone', label: '联系电话', value: '13800000001' },
      ])
      const again = await b(world).book(await world.caller(DEMO.wang), input, { idempotencyKey: key })
      expect(again.id).toBe(first.id)
      expect((await slotOf(world, DEMO.li, service.id, THU_10)).seatsLeft).toBe(2)
      expect((await slotOf(world, DEMO.wang, service.id, THU_10)).myBookingId).toBe(first.id)
      const other = await failure(b(world).book(await world.caller(DEMO.wang), { ...input, startsAt: THU_11 }, { idempotencyKey: key }))
      expect(other.fields.idempotencyKey).toContain('不同的内容')
      expect((await failure(book(world, DEMO.wang, service.id, THU_10))).kind).toBe('conflict')
    })

    it('refuses too soon, too far ahead, over the household’s weekly limit, and unanswered questions — each saying the rule', async () => {
      const service = await publish(world)
      world.clock.set(Date.parse(THU_10) - HOUR)
      expect((await failure(book(world, DEMO.wang, service.id, THU_10))).fields.startsAt).toBe('需至少提前2小时预约，请选择更晚的时段')
      world.clock.set(Date.parse('2026-11-11T08:00:00.000Z'))
      expect((await failure(book(world, DEMO.wang, service.id, THU_10))).fields.startsAt).toBe('最多可提前14天预约，该时段11月12日起可约，请届时再来预约')
      world.clock.set(Date.parse('2026-11-21T08:00:00.000Z'))
      const missing = await failure(book(world, DEMO.wang, service.id, THU_10, { answers: { phone: '123' } }))
      expect(missing.fields).toEqual({ 'answers.purpose': '请填写咨询事项', 'answers.phone': '请填写 11 位手机号码（或带区号的座机）' })
      await book(world, DEMO.wang, service.id, THU_09)
      await book(world, DEMO.wang, service.id, THU_10)
      expect((await failure(book(world, DEMO.wang, service.id, THU_11))).fields.startsAt).toContain('每户每周最多预约2次')
    })

    it('is for verified households: a newcomer is told to verify; 上门服务 only for tagged ones', async () => {
      const visit = await publish(world, { name: '助老上门服务', kind: 'home_visit', location: { kind: 'home' }, eligibility: ['elderly', 'disabled'] })
      const refusal = await failure(book(world, DEMO.chen, visit.id, THU_10))
      expect(refusal).toMatchObject({ kind: 'forbidden', message: '此项服务仅面向高龄、残疾家庭，如符合条件请联系社区登记' })
      expect((await b(world).get(await world.caller(DEMO.chen), visit.id)).myEligibility).toEqual({ eligible: false, reason: refusal.message })
      await b(world).setHouseholdTags(await world.caller(STAFF), { buildingId: 'b-1', room: '102', tags: ['elderly'] })
      expect((await book(world, DEMO.chen, visit.id, THU_10)).status).toBe('confirmed')
      expect(await outcomeOf(b(world).setHouseholdTags(await world.caller(DEMO.chen), { buildingId: 'b-1', room: '102', tags: ['elderly'] }))).toBe('forbidden')
      const newcomer = await failure(book(world, 'u-xin', visit.id, THU_10))
      expect(newcomer.kind).toBe('forbidden')
    })

    it('staff book on behalf of a resident who phones (代约), not held to the notice', async () => {
      const service = await publish(world)
      world.clock.set(Date.parse(THU_10) - 30 * 60_000)
      const booking = await book(world, STAFF, service.id, THU_10, { forUserId: DEMO.li })
      expect(booking).toMatchObject({ status: 'confirmed', person: { id: DEMO.li }, bookedBy: { id: STAFF } })
      expect(booking.history[0].note).toContain('社区代约')
      expect(await outcomeOf(book(world, DEMO.wang, service.id, THU_11, { forUserId: DEMO.li }))).toBe('forbidden')
      expect((await b(world).mine(await world.caller(DEMO.li))).upcoming.map((x) => x.id)).toContain(booking.id)
    })
  })

  describe('the waitlist', () => {
    it('a full slot offers its line; a cancellation promotes the first in line, who is told; the rest move up', async () => {
      const notices = recordBookings(world)
      const service = await publish(world, { capacity: 1 })
      const first = await book(world, DEMO.wang, service.id, THU_10)
      const full = await failure(book(world, DEMO.li, service.id, THU_10))
      expect(full).toMatchObject({ kind: 'conflict', message: '该时段已约满，可以加入候补，有人取消时按顺序递补' })
      const second = await book(world, DEMO.li, service.id, THU_10, { waitlist: true })
      const third = await book(world, DEMO.zhao, service.id, THU_10, { waitlist: true })
      expect([second.status, second.waitlistPosition, second.checkInCode]).toEqual(['waitlisted', 1, undefined])
      expect(third.waitlistPosition).toBe(2)
      expect(await slotOf(world, DEMO.chen, service.id, THU_10)).toMatchObject({ seatsLeft: 0, waitlist: 2 })

      const cancelled = await b(world).cancel(await world.caller(DEMO.wang), first.id, { reason: '临时有事去不了' })
      expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { by: 'resident', reason: '临时有事去不了' } })
      await b(world).notifications.settled()
      const promoted = await b(world).booking(await world.caller(DEMO.li), second.id)
      expect(promoted.status).toBe('confirmed')
      expect(promoted.checkInCode).toMatch(/^\d{6}$/)
      expect(promoted.history.map((h) => h.action)).toEqual(['waitlisted', 'promoted'])
      expect(notices.map((n) => [n.kind, n.recipient.userId])).toEqual([['promoted', DEMO.li]])
      expect((await b(world).booking(await world.caller(DEMO.zhao), third.id)).waitlistPosition).toBe(1)
    })

    it('the line keeps the order of arrival when clocks stand still or disagree (two server processes)', async () => {
      const service = await publish(world, { capacity: 1 })
      await book(world, DEMO.wang, service.id, THU_10)
      const frozen = world.clock.peek().getTime()
      const joined = []
      for (const [i, who] of [DEMO.zhao, DEMO.li, DEMO.chen].entries()) {
        // Each later one on a clock a millisecond behind the one before.
        world.clock.set(frozen - i)
        joined.push(await book(world, who, service.id, THU_10, { waitlist: true }))
      }
      expect(joined.map((j) => [j.person.id, j.waitlistPosition])).toEqual([
        [DEMO.zhao, 1],
        [DEMO.li, 2],
        [DEMO.chen, 3],
      ])
    })

    it('nobody jumps the line: a freed seat goes to the line, not to a newcomer', async () => {
      const service = await publish(world, { capacity: 1, requiresConfirmation: true })
      const first = await book(world, DEMO.wang, service.id, THU_10)
      expect(first.status).toBe('pending')
      const waiting = await book(world, DEMO.li, service.id, THU_10, { waitlist: true })
      await b(world).reject(await world.caller(STAFF), first.id, { reason: '律师当天时间有变' })
      expect((await b(world).booking(await world.caller(DEMO.li), waiting.id)).status).toBe('pending')
      expect((await failure(book(world, DEMO.zhao, service.id, THU_10))).kind).toBe('conflict')
    })

    it('a line never promoted ends when the slot starts (the job of the slot’s start)', async () => {
      const notices = recordBookings(world)
      const service = await publish(world, { capacity: 1 })
      await book(world, DEMO.wang, service.id, THU_10)
      const waiting = await book(world, DEMO.li, service.id, THU_10, { waitlist: true })
      world.clock.set(Date.parse(THU_10) + 1000)
      await b(world).jobs.runDue('test')
      await b(world).notifications.settled()
      expect((await b(world).booking(await world.caller(DEMO.li), waiting.id)).status).toBe('expired')
      expect(notices.filter((n) => n.kind === 'expired').map((n) => n.recipient.userId)).toEqual([DEMO.li])
    })
  })

  describe('moving, confirming, checking in, no-shows', () => {
    it('reschedules in one step: the old seat goes to its line, the new one is taken', async () => {
      const service = await publish(world, { capacity: 1 })
      const mine = await book(world, DEMO.wang, service.id, THU_10)
      const waiting = await book(world, DEMO.li, service.id, THU_10, { waitlist: true })
      const moved = await b(world).reschedule(await world.caller(DEMO.wang), mine.id, { startsAt: THU_11 })
      expect(moved).toMatchObject({ status: 'confirmed', startsAt: THU_11 })
      expect(moved.history.at(-1)).toMatchObject({ action: 'rescheduled', note: '由11月26日 10:00改至11月26日 11:00' })
      expect((await b(world).booking(await world.caller(DEMO.li), waiting.id)).status).toBe('confirmed')
      expect((await slotOf(world, DEMO.zhao, service.id, THU_11)).seatsLeft).toBe(0)
      expect((await failure(b(world).reschedule(await world.caller(DEMO.li), waiting.id, { startsAt: THU_11 }))).kind).toBe('conflict')
    })

    it('the cut-off: no cancelling or moving within the hour before, and the booking says so', async () => {
      const service = await publish(world)
      const mine = await book(world, DEMO.wang, service.id, THU_10)
      world.clock.set(Date.parse(THU_10) - 30 * 60_000)
      const view = await b(world).booking(await world.caller(DEMO.wang), mine.id)
      expect(view.can).toEqual({ cancel: false, reschedule: false, rate: false, why: '开始前1小时内不能取消，如有变化请联系社区' })
      expect((await failure(b(world).cancel(await world.caller(DEMO.wang), mine.id, { reason: '有事' }))).message).toBe('开始前1小时内不能取消，如有变化请联系社区')
      expect((await b(world).cancel(await world.caller(STAFF), mine.id, { reason: '律师临时请假' })).cancellation?.by).toBe('staff')
    })

    it('checks in by the typed code or the scanned QR, completes, and the resident rates', async () => {
      const service = await publish(world)
      const mine = await book(world, DEMO.wang, service.id, THU_10)
      world.clock.set(Date.parse(THU_10) - 10 * 60_000)
      const staff = await world.caller(STAFF)
      expect((await failure(b(world).checkIn(staff, { code: '000000' }))).fields.code).toBe('签到码不正确，或预约不在签到时间内（开始前2小时至结束）')
      expect(await outcomeOf(b(world).checkIn(await world.caller(DEMO.wang), { code: mine.checkInCode! }))).toBe('forbidden')
      const checked = await b(world).checkIn(staff, { code: `linli:checkin:${mine.id}:${mine.checkInCode}` })
      expect(checked.status).toBe('checked_in')
      expect((await failure(b(world).checkIn(staff, { code: mine.checkInCode! }))).message).toBe('该预约已签到')
      expect((await failure(b(world).rate(await world.caller(DEMO.wang), mine.id, { stars: 5, comment: '' }))).message).toBe('服务结束后才能评价')
      const done = await b(world).complete(staff, mine.id)
      expect(done.status).toBe('done')
      const rated = await b(world).rate(await world.caller(DEMO.wang), mine.id, { stars: 5, comment: '王律师讲得很清楚' })
      expect(rated.rating).toMatchObject({ stars: 5, comment: '王律师讲得很清楚' })
      expect(await outcomeOf(b(world).rate(await world.caller(DEMO.wang), mine.id, { stars: 4, comment: '' }))).toBe('conflict')
    })

    it('three no-shows in 60 days pause the household for 30 days, and its people are told', async () => {
      const notices = recordBookings(world)
      const service = await publish(world, { hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday: weekday as 1, start: '09:00', end: '12:00' })), rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60 } })
      const staff = await world.caller(STAFF)
      const starts = ['2026-11-23T01:00:00.000Z', '2026-11-24T01:00:00.000Z', '2026-11-25T01:00:00.000Z']
      const made = []
      for (const s of starts) made.push(await book(world, DEMO.wang, service.id, s))
      expect(await outcomeOf(b(world).markNoShow(staff, made[0].id))).toBe('forbidden')
      world.clock.set(Date.parse('2026-11-25T02:00:00.000Z'))
      for (const m of made) expect((await b(world).markNoShow(staff, m.id)).status).toBe('no_show')
      await b(world).notifications.settled()
      expect(notices.filter((n) => n.kind === 'paused').map((n) => n.recipient.userId)).toEqual([DEMO.wang])
      const mine = await b(world).mine(await world.caller(DEMO.wang))
      expect(mine.pause).toEqual({ until: '2026-12-25T01:00:00.000Z', noShows: starts })
      const refusal = await failure(book(world, DEMO.wang, service.id, '2026-11-27T01:00:00.000Z'))
      expect(refusal).toMatchObject({ kind: 'forbidden', message: '您家60天内已有3次预约未到，预约功能暂停至12月25日 09:00，如有疑问请联系社区' })
      world.clock.set(Date.parse('2026-12-25T01:00:01.000Z'))
      expect((await book(world, DEMO.wang, service.id, '2026-12-28T01:00:00.000Z')).status).toBe('confirmed')
    })
  })

  describe('durable jobs', () => {
    it('reminds the day before and an hour before, once each, and not a cancelled booking', async () => {
      const notices = recordBookings(world)
      const service = await publish(world)
      const kept = await book(world, DEMO.wang, service.id, THU_10)
      const dropped = await book(world, DEMO.li, service.id, THU_10)
      await b(world).cancel(await world.caller(DEMO.li), dropped.id, { reason: '不需要了' })
      const ours = () => notices.filter((n) => n.booking.id === kept.id || n.booking.id === dropped.id)
      world.clock.set(Date.parse(THU_10) - 24 * HOUR)
      expect((await b(world).jobs.runDue('w1')).failed).toBe(0)
      expect(await b(world).jobs.runDue('w1')).toEqual({ claimed: 0, done: 0, failed: 0 })
      world.clock.set(Date.parse(THU_10) - HOUR)
      await b(world).jobs.runDue('w2')
      expect(ours().map((n) => [n.kind, n.booking.id, n.booking.serviceName, n.booking.where])).toEqual([
        ['reminder_day', kept.id, '法律咨询', '社区党群服务中心二楼法律服务室'],
        ['reminder_hour', kept.id, '法律咨询', '社区党群服务中心二楼法律服务室'],
      ])
      expect(ours()[0].recipient.userId).toBe(DEMO.wang)
      expect((await b(world).booking(await world.caller(DEMO.wang), kept.id)).history.filter((h) => h.action === 'reminded')).toHaveLength(2)
    })

    it('a reminder the notifier failed is tried again later, and sent once', async () => {
      const service = await publish(world)
      const mine = await book(world, DEMO.wang, service.id, THU_10)
      let fail = true
      const sent: string[] = []
      world.notifier.booking = async (notice) => {
        if (notice.booking.id !== mine.id) return
        if (fail) throw new Error('WeChat down')
        sent.push(notice.kind)
      }
      world.clock.set(Date.parse(THU_10) - 24 * HOUR)
      expect((await b(world).jobs.runDue('w1')).failed).toBe(1)
      fail = false
      expect((await b(world).jobs.runDue('w1')).claimed).toBe(0)
      world.clock.set(Date.parse(THU_10) - 24 * HOUR + 6 * 60_000)
      await b(world).jobs.runDue('w1')
      await b(world).jobs.runDue('w1')
      expect(sent).toEqual(['reminder_day'])
    })

    it('a pending booking staff never confirmed lapses when its slot ends, and cannot be marked a no-show', async () => {
      const notices = recordBookings(world)
      const service = await publish(world, { requiresConfirmation: true })
      const mine = await book(world, DEMO.wang, service.id, THU_10)
      world.clock.set(Date.parse(THU_10) + 60_000)
      expect((await failure(b(world).markNoShow(await world.caller(STAFF), mine.id))).message).toBe('预约尚未确认，不能标记未到')
      world.clock.set(Date.parse('2026-11-26T02:45:00.000Z'))
      await b(world).jobs.runDue('w1')
      await b(world).notifications.settled()
      const lapsed = await b(world).booking(await world.caller(DEMO.wang), mine.id)
      expect([lapsed.status, lapsed.history.at(-1)?.note]).toEqual(['expired', '社区未及时确认，预约已失效'])
      expect(notices.filter((n) => n.booking.id === mine.id).map((n) => n.kind)).toEqual(['expired'])
    })

    it('a slot’s end makes its checked-in bookings done', async () => {
      const service = await publish(world)
      const mine = await book(world, DEMO.wang, service.id, THU_10)
      world.clock.set(Date.parse(THU_10))
      await b(world).checkIn(await world.caller(STAFF), { code: mine.checkInCode!, serviceId: service.id })
      world.clock.set(Date.parse('2026-11-26T02:45:00.000Z'))
      await b(world).jobs.runDue('w1')
      const done = await b(world).booking(await world.caller(DEMO.wang), mine.id)
      expect(done.status).toBe('done')
      expect(done.can.rate).toBe(true)
    })
  })

  describe('no overbooking', () => {
    it('200 bookers at once for 10 seats: exactly 10 seats and 190 in line; 5 cancel at once → the first 5 in line promoted, in order', async () => {
      const service = await publish(world, { capacity: 10, rules: { minNoticeMinutes: 0, maxDaysAhead: 14, changeCutoffMinutes: 0 } })
      const people = await residents(world, 200)
      const made = await Promise.all(people.map((p) => b(world).book(p, { serviceId: service.id, startsAt: THU_10, answers: ANSWERS, waitlist: true }, { idempotencyKey: world.key() })))
      const seated = made.filter((m) => m.status === 'confirmed')
      const waiting = made.filter((m) => m.status === 'waitlisted')
      expect([seated.length, waiting.length]).toEqual([10, 190])
      expect(await slotOf(world, DEMO.wang, service.id, THU_10)).toMatchObject({ seatsLeft: 0, waitlist: 190 })
      const line = (await world.store.bookings.waitlist(service.id, THU_10)).map((r) => r.id)
      const cancellers = await Promise.all(seated.slice(0, 5).map((s) => world.caller(s.person.id)))
      await Promise.all(seated.slice(0, 5).map((s, i) => b(world).cancel(cancellers[i], s.id, { reason: '临时有事' })))
      const after = await Promise.all(line.map(async (id) => (await world.store.bookings.find(id))!.status))
      expect(after.slice(0, 5)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed'])
      expect(after.slice(5).every((s) => s === 'waitlisted')).toBe(true)
      expect(await slotOf(world, DEMO.wang, service.id, THU_10)).toMatchObject({ seatsLeft: 0, waitlist: 185 })
    })
  })
})
