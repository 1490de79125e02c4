import { Workbook } from 'exceljs'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { expectError, newKey, startWorld, type Headers, type World } from './support/world'

/**
 * Service booking at the HTTP edge (issue 12): each route's answers and refusals (401, 400, 403,
 * 404, 409, 422 with Chinese messages, never a 500), who may call what (the authorization table:
 * resident, newcomer, leader, grid worker, another community, staff), booking under an Idempotency-Key, the booking's
 * life as the clock moves (waitlist and promotion, confirmation, check-in, done, rating, no-shows
 * and the pause they cause), and the staff's export as a real .xlsx. The rules themselves are the
 * core's tests (test/core, test/unit/domain); the answers' shapes are checked by the server's
 * response schemas on every call here.
 */

jest.setTimeout(120_000)

const API = '/api/v1'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const GENEROUS = { max: 100_000, timeWindowMs: 60_000 }

/** Monday 2026-12-07 08:00 in Beijing; tests move `offset` forward and back. */
const START = Date.parse('2026-12-07T00:00:00.000Z')
let offset = 0
const now = () => new Date(START + offset)

/** A Beijing wall-clock time on a date of that week, as the instant the API speaks. */
const at = (date: string, clock: string) => new Date(`${date}T${clock}:00+08:00`).toISOString()
const TUESDAY = '2026-12-08'
const WEDNESDAY = '2026-12-09'

let world: World
let staff: Headers
let wang: Headers // 3号楼201
let li: Headers // 3号楼302
let chen: Headers // 1号楼102
let zhao: Headers // 8号楼101
let other: Headers // 春晖社区
beforeAll(async () => {
  world = await startWorld({ now, rateLimits: { submit: GENEROUS, signIn: GENEROUS } })
  ;[staff, wang, li, chen, zhao, other] = await Promise.all(['u-zhang', 'u-wang', 'u-li', 'u-chen', 'u-zhao', 'ch-u-lin'].map((u) => world.as(u)))
})
afterAll(() => world?.close())

const send = (headers: Headers, method: InjectOptions['method'], url: string, payload?: unknown, key?: string) =>
  world.inject({ method, url: `${API}${url}`, headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) }, ...(payload !== undefined ? { payload: payload as object } : {}) })

function json<T = Record<string, unknown>>(response: LightMyRequestResponse, status: number): T {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`)
  return response.json() as T
}

/** A refusal: its status, kind, Chinese message and (when given) the exact message. */
function refused(response: LightMyRequestResponse, status: number, kind: string, message?: string | RegExp, fields?: string[]) {
  expectError(response, status, kind, fields)
  const error = response.json().error as { message: string; fields?: Record<string, string> }
  expect(error.message).toMatch(/[\u4e00-\u9fff]/)
  if (message !== undefined) expect(error.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message))
  return error
}

interface Booking {
  id: string
  status: string
  startsAt: string
  checkInCode?: string
  waitlistPosition?: number
  can: { cancel: boolean; reschedule: boolean; rate: boolean; why?: string }
  cancellation?: { by: string; reason: string }
  rating?: { stars: number; comment: string }
  history: Array<{ action: string }>
}

const serviceBody = (over: Record<string, unknown> = {}) => ({
  name: '法律咨询',
  kind: 'legal',
  description: '社区律师为居民解答法律问题',
  location: { kind: 'address', address: '映月社区服务中心201室' },
  provider: '某律师事务所 张律师',
  durationMinutes: 30,
  bufferMinutes: 0,
  capacity: 2,
  eligibility: [],
  questions: [
    { id: 'purpose', label: '咨询事项', kind: 'text', required: true },
    { id: 'phone', label: '联系电话', kind: 'phone', required: false },
  ],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60 },
  hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
  exceptions: [{ date: '2026-12-11', kind: 'closed', note: '律师外出' }],
  status: 'published',
  ...over,
})

const publish = async (over: Record<string, unknown> = {}) => json<{ id: string; capacity: number }>(await send(staff, 'POST', '/services', serviceBody(over), newKey()), 201)
const book = (headers: Headers, serviceId: string, startsAt: string, over: Record<string, unknown> = {}, key = newKey()) =>
  send(headers, 'POST', '/bookings', { serviceId, startsAt, answers: { purpose: '房屋租赁合同' }, ...over }, key)

// ── the catalogue ───────────────────────────────────────────────────────────────────────────────

describe('the catalogue', () => {
  let legal: { id: string }
  beforeAll(async () => {
    legal = await publish()
  })

  it('staff publish a service once per key; residents list it with their eligibility, another community does not see it', async () => {
    const key = newKey()
    const first = json<{ id: string; status: string; updatedAt: string }>(await send(staff, 'POST', '/services', serviceBody({ name: '人民调解' , kind: 'mediation' }), key), 201)
    const again = json<{ id: string }>(await send(staff, 'POST', '/services', serviceBody({ name: '人民调解', kind: 'mediation' }), key), 201)
    expect(again).toEqual(first)
    refused(await send(staff, 'POST', '/services', serviceBody({ name: '另一项' }), key), 422, 'validation', undefined, ['idempotencyKey'])

    const listed = json<Array<{ id: string; myEligibility?: { eligible: boolean } }>>(await send(wang, 'GET', '/services?kind=mediation'), 200)
    expect(listed.find((s) => s.id === first.id)?.myEligibility).toEqual({ eligible: true })
    expect(listed.every((s) => (s as unknown as { kind: string }).kind === 'mediation')).toBe(true)
    expect(json<Array<{ id: string }>>(await send(other, 'GET', '/services'), 200).map((s) => s.id)).not.toContain(first.id)
    refused(await send(other, 'GET', `/services/${first.id}`), 404, 'not_found', '服务不存在或已下线')
  })

  it('refuses a service from anyone but staff (403) and a service that breaks the rules (422, field by field)', async () => {
    refused(await send(wang, 'POST', '/services', serviceBody(), newKey()), 403, 'forbidden', '只有社区工作者可以发布服务')
    const error = refused(await send(staff, 'POST', '/services', serviceBody({ capacity: 0, durationMinutes: 5, name: '' }), newKey()), 422, 'validation', undefined, [
      'capacity',
      'durationMinutes',
      'name',
    ])
    expect(error.fields).toMatchObject({ capacity: '每个时段的名额应为1至200个', durationMinutes: '每个时段的时长应为10至480分钟', name: '请填写服务名称' })
    // The schema's own refusals: a field the contract does not name, a weekday that is none.
    refused(await send(staff, 'POST', '/services', { ...serviceBody(), communityId: 'c-other' }, newKey()), 400, 'validation', undefined, ['communityId'])
    refused(await send(staff, 'POST', '/services', serviceBody({ hours: [{ weekday: 8, start: '09:00', end: '10:00' }] }), newKey()), 400, 'validation', undefined, ['hours'])
    refused(await send(staff, 'POST', '/services', serviceBody()), 400, 'validation', undefined, ['idempotencyKey'])
  })

  it('staff change a service (PUT) and may take it off the list; a draft is staff-only', async () => {
    const service = await publish({ name: '政务代办' , kind: 'errand' })
    const changed = json<{ capacity: number; status: string }>(await send(staff, 'PUT', `/services/${service.id}`, serviceBody({ name: '政务代办', kind: 'errand', capacity: 5, status: 'draft' })), 200)
    expect(changed).toMatchObject({ capacity: 5, status: 'draft' })
    refused(await send(wang, 'PUT', `/services/${service.id}`, serviceBody()), 404, 'not_found')
    refused(await send(wang, 'GET', `/services/${service.id}`), 404, 'not_found')
    expect(json<Array<{ id: string }>>(await send(wang, 'GET', '/services?all=true'), 200).map((s) => s.id)).not.toContain(service.id)
    expect(json<Array<{ id: string }>>(await send(staff, 'GET', '/services?all=true'), 200).map((s) => s.id)).toContain(service.id)
    expect(json<Array<{ id: string }>>(await send(staff, 'GET', '/services'), 200).map((s) => s.id)).not.toContain(service.id)
    refused(await send(staff, 'PUT', '/services/svc_none', serviceBody()), 404, 'not_found')
  })

  it('answers the calendar in Beijing days with seats left, the closed day with its note, and why a slot cannot be booked', async () => {
    const days = json<Array<{ date: string; weekday: number; closed: boolean; note?: string; slots: Array<{ startsAt: string; seatsLeft: number; capacity: number; bookable: boolean; reason?: string }> }>>(
      await send(wang, 'GET', `/services/${legal.id}/slots?from=2026-12-07&to=2026-12-13`),
      200,
    )
    expect(days.map((d) => [d.date, d.weekday, d.closed])).toEqual([
      ['2026-12-07', 1, false],
      ['2026-12-08', 2, false],
      ['2026-12-09', 3, false],
      ['2026-12-10', 4, false],
      ['2026-12-11', 5, true],
      // No opening hours at the weekend: closed, without a note.
      ['2026-12-12', 6, true],
      ['2026-12-13', 7, true],
    ])
    expect(days[4].note).toBe('律师外出')
    expect(days[5]).toMatchObject({ slots: [] })
    expect(days[5].note).toBeUndefined()
    const monday = days[0].slots
    expect(monday.map((s) => s.startsAt)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((c) => at('2026-12-07', c)))
    // 08:00 now, two hours' notice: 09:00 and 09:30 are too soon, 10:00 is bookable.
    expect(monday[0]).toMatchObject({ capacity: 2, seatsLeft: 2, bookable: false, reason: expect.stringMatching(/[\u4e00-\u9fff]/) })
    expect(monday[2]).toMatchObject({ seatsLeft: 2, bookable: true })
  })

  it('refuses a malformed calendar or day (400) and a day to anyone but staff (403)', async () => {
    refused(await send(wang, 'GET', `/services/${legal.id}/slots`), 400, 'validation', undefined, ['from', 'to'])
    refused(await send(wang, 'GET', `/services/${legal.id}/slots?from=tomorrow&to=2026-12-08`), 400, 'validation', undefined, ['from'])
    refused(await send(wang, 'GET', `/services/${legal.id}/slots?from=2026-12-01&to=2027-01-31`), 400, 'validation', undefined, ['to'])
    refused(await send(wang, 'GET', `/services/${legal.id}/slots?from=2026-12-07&to=2026-12-08&limit=3`), 400, 'validation', undefined, ['limit'])
    refused(await send(wang, 'GET', '/services?kind=spa'), 400, 'validation', undefined, ['kind'])
    refused(await send(wang, 'GET', `/services/${'s'.repeat(65)}`), 400, 'validation', undefined, ['id'])
    refused(await send(wang, 'GET', `/services/${legal.id}/days/${TUESDAY}`), 403, 'forbidden', '只有社区工作者可以查看预约名单')
    refused(await send(staff, 'GET', `/services/${legal.id}/days/next-tuesday`), 400, 'validation', '日期格式应为 YYYY-MM-DD', ['date'])
    refused(await send(staff, 'GET', `/services/svc_none/days/${TUESDAY}`), 404, 'not_found')
    refused(await world.inject({ url: `${API}/services` }), 401, 'unauthorized')
  })

  it('staff tag a household (PUT /households/tags), which makes a service for 高龄 bookable by it only', async () => {
    const visit = await publish({ name: '上门服务', kind: 'home_visit', location: { kind: 'home' }, eligibility: ['elderly'] })
    json(await send(staff, 'PUT', '/households/tags', { buildingId: 'b-3', room: '302', tags: [] }), 200)
    const saved = json(await send(staff, 'PUT', '/households/tags', { buildingId: 'b-3', room: '201', tags: ['low_income', 'elderly', 'elderly'] }), 200)
    expect(saved).toEqual({ buildingId: 'b-3', room: '201', tags: ['elderly', 'low_income'] })
    expect(json<{ myEligibility: { eligible: boolean } }>(await send(wang, 'GET', `/services/${visit.id}`), 200).myEligibility).toEqual({ eligible: true })
    const notLi = json<{ myEligibility: { eligible: boolean; reason?: string } }>(await send(li, 'GET', `/services/${visit.id}`), 200).myEligibility
    expect(notLi).toEqual({ eligible: false, reason: expect.stringMatching(/[\u4e00-\u9fff]/) })
    refused(await book(li, visit.id, at(TUESDAY, '10:00')), 403, 'forbidden', notLi.reason)
    json(await book(wang, visit.id, at(TUESDAY, '10:00')), 201)

    refused(await send(wang, 'PUT', '/households/tags', { buildingId: 'b-3', room: '201', tags: [] }), 403, 'forbidden', '只有社区工作者可以登记住户类别')
    refused(await send(staff, 'PUT', '/households/tags', { buildingId: 'ch-b-3', room: '301', tags: [] }), 422, 'validation', '请选择本社区的楼栋', ['buildingId'])
    refused(await send(staff, 'PUT', '/households/tags', { buildingId: 'b-3', room: '201', tags: ['rich'] }), 400, 'validation', undefined, ['tags'])
  })
})

// ── booking ─────────────────────────────────────────────────────────────────────────────────────

describe('booking a slot', () => {
  let legal: { id: string }
  beforeAll(async () => {
    legal = await publish({ name: '法律咨询（预约）' })
  })

  it('is idempotent: the same key and body answer the same booking, 10 retries at once make one; another body is 422', async () => {
    const key = newKey()
    const startsAt = at(WEDNESDAY, '10:00')
    const first = json<Booking>(await book(zhao, legal.id, startsAt, {}, key), 201)
    expect(first).toMatchObject({ status: 'confirmed', startsAt, checkInCode: expect.stringMatching(/^\d{6}$/), can: { cancel: true, reschedule: true, rate: false } })
    expect(json<Booking>(await book(zhao, legal.id, startsAt, {}, key), 201)).toEqual(first)
    const retries = await Promise.all(Array.from({ length: 10 }, () => book(zhao, legal.id, at(WEDNESDAY, '10:30'), {}, 'retry-key-concurrent')))
    const ids = new Set(retries.map((r) => json<Booking>(r, 201).id))
    expect(ids.size).toBe(1)
    const error = refused(await book(zhao, legal.id, at(WEDNESDAY, '11:00'), {}, key), 422, 'validation', undefined, ['idempotencyKey'])
    expect(error.fields?.idempotencyKey).toBe('同一提交编号对应了不同的内容，请重新提交')
    const mine = json<{ upcoming: Booking[] }>(await send(zhao, 'GET', '/bookings/mine'), 200).upcoming.filter((b) => b.startsAt.startsWith('2026-12-09'))
    expect(mine.map((b) => b.startsAt)).toEqual([at(WEDNESDAY, '10:00'), at(WEDNESDAY, '10:30')])
  })

  it('says which rule refused it: too soon (422), a slot that is none (422), answers missing (422), twice (409), not verified (403), another community (404)', async () => {
    refused(await book(chen, legal.id, at('2026-12-07', '09:00')), 422, 'validation', undefined, ['startsAt'])
    refused(await book(chen, legal.id, at(TUESDAY, '09:10')), 422, 'validation', '没有这个时段，请重新选择', ['startsAt'])
    const answers = refused(await book(chen, legal.id, at(TUESDAY, '09:00'), { answers: {} }), 422, 'validation', undefined, ['answers.purpose'])
    expect(answers.fields?.['answers.purpose']).toBe('请填写咨询事项')
    refused(await book(chen, legal.id, at(TUESDAY, '09:00'), { answers: { purpose: '咨询', phone: '123' } }), 422, 'validation', undefined, ['answers.phone'])
    json(await book(chen, legal.id, at(TUESDAY, '09:00')), 201)
    refused(await book(chen, legal.id, at(TUESDAY, '09:00')), 409, 'conflict', '您已预约该时段，请在“我的预约”中查看')
    const xin = await world.as('u-xin')
    json(await send(xin, 'POST', '/me/community', { communityId: 'c-yingyue' }), 200)
    refused(await book(xin, legal.id, at(TUESDAY, '09:00')), 403, 'forbidden', '完成房屋认证后才能预约，请先在“我的”中认证房屋')
    refused(await book(other, legal.id, at(TUESDAY, '09:00')), 404, 'not_found', '服务不存在或已下线')
    refused(await book(wang, legal.id, at(TUESDAY, '09:00'), { forUserId: 'u-li' }), 403, 'forbidden', '只有社区工作者可以代居民预约')
    // Malformed, whoever asks: 400 before any rule.
    refused(await book(chen, legal.id, at(TUESDAY, '09:00'), { answers: { purpose: 5 } }), 400, 'validation', undefined, ['answers'])
    refused(await book(chen, legal.id, at(TUESDAY, '09:00'), { status: 'confirmed' }), 400, 'validation', undefined, ['status'])
    refused(await send(chen, 'POST', '/bookings', { serviceId: legal.id, startsAt: at(TUESDAY, '09:00'), answers: {} }), 400, 'validation', undefined, ['idempotencyKey'])
    refused(await book(chen, legal.id, at(TUESDAY, '09:00'), {}, 'bad key!'), 400, 'validation', undefined, ['idempotencyKey'])
  })

  it('a full slot: 409 unless the booker joins its waitlist; a cancellation promotes the first in line', async () => {
    const startsAt = at(TUESDAY, '11:00')
    const first = json<Booking>(await book(wang, legal.id, startsAt), 201)
    json(await book(li, legal.id, startsAt), 201)
    const slot = json<Array<{ slots: Array<{ startsAt: string; seatsLeft: number; waitlist: number }> }>>(await send(chen, 'GET', `/services/${legal.id}/slots?from=${TUESDAY}&to=${TUESDAY}`), 200)[0].slots.find(
      (s) => s.startsAt === startsAt,
    )
    expect(slot).toMatchObject({ seatsLeft: 0, waitlist: 0 })
    refused(await book(chen, legal.id, startsAt), 409, 'conflict', '该时段已约满，可以加入候补，有人取消时按顺序递补')
    const waiting = json<Booking>(await book(chen, legal.id, startsAt, { waitlist: true }), 201)
    expect(waiting).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect(waiting.checkInCode).toBeUndefined()
    const next = json<Booking>(await book(zhao, legal.id, startsAt, { waitlist: true }), 201)
    expect(next.waitlistPosition).toBe(2)

    refused(await send(wang, 'POST', `/bookings/${first.id}/cancel`, { reason: '忙' }), 422, 'validation', undefined, ['reason'])
    refused(await send(zhao, 'POST', `/bookings/${first.id}/cancel`, { reason: '不用了' }), 404, 'not_found', '预约不存在或您无权查看')
    const cancelled = json<Booking>(await send(wang, 'POST', `/bookings/${first.id}/cancel`, { reason: '临时有事去不了' }), 200)
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { by: 'resident', reason: '临时有事去不了' } })
    refused(await send(wang, 'POST', `/bookings/${first.id}/cancel`, { reason: '再取消一次' }), 409, 'conflict')
    const promoted = json<Booking>(await send(chen, 'GET', `/bookings/${waiting.id}`), 200)
    expect(promoted).toMatchObject({ status: 'confirmed', checkInCode: expect.stringMatching(/^\d{6}$/) })
    expect(promoted.history.map((e) => e.action)).toEqual(['waitlisted', 'promoted'])
    expect(json<Booking>(await send(zhao, 'GET', `/bookings/${next.id}`), 200)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
  })

  it('reschedules to another slot in one step, and refuses a full or the same slot', async () => {
    const booking = json<Booking>(await book(li, legal.id, at(WEDNESDAY, '09:00')), 201)
    const moved = json<Booking>(await send(li, 'POST', `/bookings/${booking.id}/reschedule`, { startsAt: at(WEDNESDAY, '09:30') }), 200)
    expect(moved).toMatchObject({ id: booking.id, status: 'confirmed', startsAt: at(WEDNESDAY, '09:30') })
    expect(moved.history.map((e) => e.action)).toEqual(['booked', 'rescheduled'])
    refused(await send(li, 'POST', `/bookings/${booking.id}/reschedule`, { startsAt: at(WEDNESDAY, '09:30') }), 422, 'validation', '新时段与原时段相同，请选择其他时段', ['startsAt'])
    // 10:00 on Wednesday holds 赵's first booking and one more seat: take it, then it is full.
    json(await book(wang, legal.id, at(WEDNESDAY, '10:00')), 201)
    refused(await send(li, 'POST', `/bookings/${booking.id}/reschedule`, { startsAt: at(WEDNESDAY, '10:00') }), 409, 'conflict', '新时段已约满，请选择其他时段')
    refused(await send(li, 'POST', `/bookings/${booking.id}/reschedule`, { startsAt: 5 }), 400, 'validation', undefined, ['startsAt'])
  })

  it('staff book on a resident’s behalf (代约) and see the day slot by slot with every booking', async () => {
    const forGao = json<Booking & { bookedBy?: { id: string }; person: { id: string } }>(await book(staff, legal.id, at(WEDNESDAY, '11:30'), { forUserId: 'u-gao' }), 201)
    expect(forGao).toMatchObject({ person: { id: 'u-gao' }, bookedBy: { id: 'u-zhang' }, status: 'confirmed' })
    refused(await book(staff, legal.id, at(WEDNESDAY, '11:30'), { forUserId: 'ch-u-lin' }), 422, 'validation', undefined, ['forUserId'])
    const day = json<{ date: string; slots: Array<{ startsAt: string; seatsLeft: number; bookings: Booking[] }> }>(await send(staff, 'GET', `/services/${legal.id}/days/${WEDNESDAY}`), 200)
    expect(day.date).toBe(WEDNESDAY)
    const last = day.slots.find((s) => s.startsAt === at(WEDNESDAY, '11:30'))!
    expect(last.seatsLeft).toBe(1)
    expect(last.bookings.map((b) => b.id)).toEqual([forGao.id])
    expect(last.bookings[0].checkInCode).toMatch(/^\d{6}$/)
  })
})

// ── the booking's life as the clock moves ───────────────────────────────────────────────────────

describe('confirmation, check-in, done, rating and no-shows', () => {
  let lawyer: { id: string }
  let room: { id: string }
  beforeAll(async () => {
    lawyer = await publish({ name: '法律咨询（签到）', capacity: 3 })
    room = await publish({ name: '活动室', kind: 'venue', requiresConfirmation: true, capacity: 1, questions: [{ id: 'people', label: '人数', kind: 'number', required: true, max: 30 }] })
  })
  afterEach(() => {
    offset = 0
  })

  it('a booking that needs confirmation waits for staff, who confirm or reject it with a reason', async () => {
    const pending = json<Booking>(await book(chen, room.id, at(TUESDAY, '10:00'), { answers: { people: '12' } }), 201)
    expect(pending.status).toBe('pending')
    const other = json<Booking>(await book(zhao, room.id, at(TUESDAY, '10:30'), { answers: { people: '3' } }), 201)
    const page = json<{ items: Booking[] }>(await send(staff, 'GET', '/bookings/pending?limit=50'), 200)
    expect(page.items.map((b) => b.id)).toEqual(expect.arrayContaining([pending.id, other.id]))
    refused(await send(chen, 'GET', '/bookings/pending'), 403, 'forbidden', '只有社区工作者可以确认预约')
    refused(await send(staff, 'GET', '/bookings/pending?cursor=nonsense'), 400, 'validation', undefined, ['cursor'])
    refused(await send(chen, 'POST', `/bookings/${pending.id}/confirm`), 403, 'forbidden', '只有社区工作者可以办理预约')
    expect(json<Booking>(await send(staff, 'POST', `/bookings/${pending.id}/confirm`), 200).status).toBe('confirmed')
    refused(await send(staff, 'POST', `/bookings/${pending.id}/confirm`), 409, 'conflict', /不能确认$/)
    refused(await send(staff, 'POST', `/bookings/${other.id}/reject`, {}), 400, 'validation', undefined, ['reason'])
    const rejected = json<Booking & { rejection?: { reason: string } }>(await send(staff, 'POST', `/bookings/${other.id}/reject`, { reason: '当天活动室维修' }), 200)
    expect(rejected).toMatchObject({ status: 'rejected', rejection: { reason: '当天活动室维修' } })
    refused(await send(staff, 'POST', '/bookings/bk_none/confirm'), 404, 'not_found')
  })

  it('staff check a booking in by its code (typed or scanned), then it is done and its person rates it once', async () => {
    const booking = json<Booking>(await book(li, lawyer.id, at(TUESDAY, '10:00')), 201)
    const code = booking.checkInCode!
    refused(await send(li, 'POST', `/bookings/${booking.id}/rating`, { stars: 5, comment: '' }), 409, 'conflict', '服务结束后才能评价')
    // Tuesday 09:30: within two hours of the start.
    offset = 25.5 * HOUR
    refused(await send(li, 'POST', '/bookings/check-in', { code }), 403, 'forbidden', '只有社区工作者可以签到')
    refused(await send(staff, 'POST', '/bookings/check-in', { code: '12' }), 422, 'validation', '请输入6位签到码', ['code'])
    const wrong = code === '000000' ? '111111' : '000000'
    refused(await send(staff, 'POST', '/bookings/check-in', { code: `linli:checkin:${booking.id}:${wrong}` }), 422, 'validation', undefined, ['code'])
    const checkedIn = json<Booking>(await send(staff, 'POST', '/bookings/check-in', { code: `linli:checkin:${booking.id}:${code}` }), 200)
    expect(checkedIn.status).toBe('checked_in')
    refused(await send(staff, 'POST', '/bookings/check-in', { code, serviceId: lawyer.id }), 409, 'conflict', '该预约已签到')
    refused(await send(staff, 'POST', '/bookings/check-in', { code, extra: 1 }), 400, 'validation', undefined, ['extra'])
    expect(json<Booking>(await send(staff, 'POST', `/bookings/${booking.id}/complete`), 200).status).toBe('done')
    offset = 27 * HOUR
    refused(await send(li, 'POST', `/bookings/${booking.id}/rating`, { stars: 6, comment: '' }), 422, 'validation', undefined, ['stars'])
    refused(await send(li, 'POST', `/bookings/${booking.id}/rating`, { stars: '5', comment: '' }), 400, 'validation', undefined, ['stars'])
    refused(await send(staff, 'POST', `/bookings/${booking.id}/rating`, { stars: 5, comment: '' }), 403, 'forbidden', '只有预约人可以评价')
    const rated = json<Booking>(await send(li, 'POST', `/bookings/${booking.id}/rating`, { stars: 5, comment: '律师很耐心' }), 200)
    expect(rated.rating).toMatchObject({ stars: 5, comment: '律师很耐心' })
    refused(await send(li, 'POST', `/bookings/${booking.id}/rating`, { stars: 4, comment: '' }), 409, 'conflict', '您已评价过这次服务')
    const past = json<{ items: Booking[] }>(await send(li, 'GET', '/bookings/past'), 200)
    expect(past.items.map((b) => b.id)).toContain(booking.id)
  })

  it('a resident may not cancel within the cut-off; staff still may', async () => {
    const booking = json<Booking>(await book(chen, lawyer.id, at(TUESDAY, '11:30')), 201)
    offset = 27 * HOUR // Tuesday 11:00: half an hour before the start
    const mine = json<Booking>(await send(chen, 'GET', `/bookings/${booking.id}`), 200)
    expect(mine.can).toMatchObject({ cancel: false, reschedule: false, why: '开始前1小时内不能取消，如有变化请联系社区' })
    refused(await send(chen, 'POST', `/bookings/${booking.id}/cancel`, { reason: '临时有事' }), 403, 'forbidden', '开始前1小时内不能取消，如有变化请联系社区')
    const byStaff = json<Booking>(await send(staff, 'POST', `/bookings/${booking.id}/cancel`, { reason: '居民电话告知不来' }), 200)
    expect(byStaff.cancellation).toMatchObject({ by: 'staff', reason: '居民电话告知不来' })
  })

  it('three no-shows in 60 days pause the household’s booking, which GET /bookings/mine and POST /bookings say', async () => {
    const starts = [at(TUESDAY, '09:00'), at(WEDNESDAY, '09:00'), at('2026-12-10', '09:00')]
    const bookings = []
    for (const startsAt of starts) bookings.push(json<Booking>(await book(zhao, lawyer.id, startsAt), 201))
    refused(await send(staff, 'POST', `/bookings/${bookings[0].id}/no-show`), 403, 'forbidden', '时段开始后才能标记未到')
    offset = 3 * 24 * HOUR + 2 * HOUR // Thursday 10:00
    refused(await send(zhao, 'POST', `/bookings/${bookings[0].id}/no-show`), 403, 'forbidden', '只有社区工作者可以办理预约')
    for (const b of bookings) expect(json<Booking>(await send(staff, 'POST', `/bookings/${b.id}/no-show`), 200).status).toBe('no_show')
    const mine = json<{ pause?: { until: string; noShows: string[] } }>(await send(zhao, 'GET', '/bookings/mine'), 200)
    expect(mine.pause?.noShows).toEqual(starts)
    expect(Date.parse(mine.pause!.until)).toBeGreaterThan(now().getTime() + 29 * 24 * HOUR)
    refused(await book(zhao, lawyer.id, at('2026-12-14', '10:00')), 403, 'forbidden', /^您家60天内已有3次预约未到，预约功能暂停至.+，如有疑问请联系社区$/)
  })
})

// ── the export ──────────────────────────────────────────────────────────────────────────────────

describe('the export', () => {
  let service: { id: string }
  const date = '2026-12-10'
  beforeAll(async () => {
    service = await publish({ name: '导出测试服务' })
    json(await book(wang, service.id, at(date, '10:00'), { answers: { purpose: '遗嘱怎么写', phone: '13800000001' } }), 201)
    json(await book(li, service.id, at(date, '10:30')), 201)
  })

  const rowsOf = async (body: Buffer) => {
    const workbook = new Workbook()
    await workbook.xlsx.load(body as unknown as Parameters<typeof workbook.xlsx.load>[0])
    const sheet = workbook.worksheets[0]
    const rows: string[][] = []
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))))
    return { name: sheet.name, rows }
  }

  it('answers a day of one service as an .xlsx with a Chinese file name, its rows the bookings', async () => {
    const response = await send(staff, 'GET', `/bookings/export?period=${date}&serviceId=${service.id}`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(response.headers['cache-control']).toBe('no-store')
    const disposition = String(response.headers['content-disposition'])
    expect(disposition).toMatch(/^attachment; filename="bookings-2026-12-10\.xlsx"; filename\*=UTF-8''/)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(`预约名单-导出测试服务-${date}.xlsx`)
    const { name, rows } = await rowsOf(response.rawPayload)
    expect(name).toBe(date)
    expect(rows[0]).toEqual(['日期', '时间', '服务', '地点', '住户', '预约人', '预约信息', '状态', '签到码', '代约人', '取消或拒绝原因', '评价'])
    expect(rows.slice(1).map((r) => r.slice(0, 8))).toEqual([
      [date, '10:00–10:30', '导出测试服务', '映月社区服务中心201室', '3号楼201', '王秀兰', '咨询事项：遗嘱怎么写；联系电话：13800000001', '预约成功'],
      [date, '10:30–11:00', '导出测试服务', '映月社区服务中心201室', '3号楼302', '李明', '咨询事项：房屋租赁合同', '预约成功'],
    ])
    expect(rows[1][8]).toMatch(/^\d{6}$/)
  })

  it('answers a month of every service, and refuses residents (403), a bad period (400) and another community’s service (404)', async () => {
    const response = await send(staff, 'GET', '/bookings/export?period=2026-12')
    expect(response.statusCode).toBe(200)
    expect(decodeURIComponent(String(response.headers['content-disposition']).split("UTF-8''")[1])).toBe('预约名单-全部服务-2026-12.xlsx')
    const { rows } = await rowsOf(response.rawPayload)
    expect(rows.filter((r) => r[2] === '导出测试服务')).toHaveLength(2)
    expect(rows.slice(1).every((r) => r[0].startsWith('2026-12-'))).toBe(true)

    refused(await send(wang, 'GET', '/bookings/export?period=2026-12'), 403, 'forbidden', '只有社区工作者可以导出预约')
    refused(await send(staff, 'GET', '/bookings/export?period=december'), 400, 'validation', undefined, ['period'])
    refused(await send(staff, 'GET', '/bookings/export'), 400, 'validation', undefined, ['period'])
    refused(await send(staff, 'GET', '/bookings/export?period=2026-12&serviceId=svc_none'), 404, 'not_found')
    refused(await send(staff, 'GET', '/bookings/export?period=2026-12&format=csv'), 400, 'validation', undefined, ['format'])
  })
})

// ── the API document and my data ────────────────────────────────────────────────────────────────

describe('the booking routes in the API document', () => {
  const ROUTES: Array<[string, string]> = [
    ['get', '/services'],
    ['post', '/services'],
    ['get', '/services/{id}'],
    ['put', '/services/{id}'],
    ['get', '/services/{id}/slots'],
    ['get', '/services/{id}/days/{date}'],
    ['put', '/households/tags'],
    ['post', '/bookings'],
    ['get', '/bookings/mine'],
    ['get', '/bookings/past'],
    ['get', '/bookings/pending'],
    ['get', '/bookings/export'],
    ['post', '/bookings/check-in'],
    ['get', '/bookings/{id}'],
    ...['cancel', 'reschedule', 'rating', 'confirm', 'reject', 'complete', 'no-show'].map((step): [string, string] => ['post', `/bookings/{id}/${step}`]),
  ]

  it('names every route with a Chinese summary, the bearer scheme, its typed errors, and the export as a workbook', async () => {
    const doc = json<{ paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Record<string, unknown> } }>(await world.inject({ url: '/openapi.json' }), 200)
    for (const [method, path] of ROUTES) {
      const operation = doc.paths[`${API}${path}`]?.[method] as { summary: string; security: unknown; responses: Record<string, { content?: Record<string, { schema: unknown }> }> } | undefined
      expect([method, path, Boolean(operation)]).toEqual([method, path, true])
      expect(operation!.summary).toMatch(/[\u4e00-\u9fff]/)
      expect(operation!.security).toEqual([{ bearerAuth: [] }])
      expect(operation!.responses['4XX'].content!['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' })
    }
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Service', 'ServiceInput', 'SlotDay', 'Booking', 'BookingInput', 'BookingPage', 'MyBookings', 'ServiceDay', 'HouseholdTags']))
    const exported = doc.paths[`${API}/bookings/export`].get as { responses: Record<string, { content: Record<string, { schema: unknown }> }> }
    expect(exported.responses['200'].content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema).toEqual({ type: 'string', format: 'binary' })
    const booking = doc.paths[`${API}/bookings`].post as { parameters: unknown[] }
    expect(booking.parameters).toEqual([expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true })])
  })

  it('my data (GET /profile/export) holds my bookings with my answers', async () => {
    const data = json<{ bookings: Array<{ serviceName: string; answers: Array<{ value: string }> }> }>(await send(wang, 'GET', '/profile/export'), 200)
    expect(data.bookings.map((b) => b.serviceName)).toContain('导出测试服务')
    expect(data.bookings.find((b) => b.serviceName === '导出测试服务')?.answers.map((a) => a.value)).toEqual(['遗嘱怎么写', '13800000001'])
  })
})

// ── who may call what ───────────────────────────────────────────────────────────────────────────

type Actor = 'resident' | 'newcomer' | 'leader' | 'grid' | 'other' | 'staff'
/** Staff last: their successful steps must not change what the others meet. */
const ACTORS: Actor[] = ['resident', 'newcomer', 'leader', 'grid', 'other', 'staff']

describe('the authorization table', () => {
  const h = {} as Record<Actor, Headers>
  const ids = { service: '', venue: '', booking: '', toMove: '', toCancel: '', toConfirm: '', toReject: '' }

  beforeAll(async () => {
    ;[h.resident, h.newcomer, h.leader, h.grid, h.other, h.staff] = await Promise.all(['u-wang', 'u-xin', 'u-zhou', 'u-sun', 'ch-u-lin', 'u-zhang'].map((u) => world.as(u)))
    // The newcomer has joined 映月社区 and claimed nothing: a member of the community without a home.
    json(await send(h.newcomer, 'POST', '/me/community', { communityId: 'c-yingyue' }), 200)
    ids.service = (await publish({ name: '授权表服务', capacity: 10 })).id
    ids.venue = (await publish({ name: '授权表活动室', kind: 'venue', requiresConfirmation: true, capacity: 10 })).id
    const mine = async (serviceId: string, startsAt: string) => json<Booking>(await book(h.resident, serviceId, startsAt), 201).id
    ids.booking = await mine(ids.service, at(TUESDAY, '09:00'))
    ids.toMove = await mine(ids.service, at(TUESDAY, '09:30'))
    ids.toCancel = await mine(ids.service, at(TUESDAY, '10:00'))
    ids.toConfirm = await mine(ids.venue, at(TUESDAY, '09:00'))
    ids.toReject = await mine(ids.venue, at(TUESDAY, '09:30'))
  })

  // [route, method, url, body (or a function giving it once the ids exist), keyed, expected status per actor]
  type Row = [string, InjectOptions['method'], () => string, unknown, boolean, Record<Actor, number>]
  const all = (status: number, over: Partial<Record<Actor, number>> = {}): Record<Actor, number> => ({
    resident: status,
    newcomer: status,
    leader: status,
    grid: status,
    other: status,
    staff: status,
    ...over,
  })
  /** The community's people may; another community's person is told it does not exist. */
  const members = (status: number) => all(status, { other: 404 })
  /** Only staff may; another community's person is told the service does not exist. */
  const staffOnly = (status: number) => all(403, { other: 404, staff: status })
  /** Resident 王秀兰's booking: hers and staff's; nobody else learns it exists. */
  const hers = (resident: number, staff: number) => all(404, { resident, staff })

  const rows: Row[] = [
    ['list services', 'GET', () => '/services', undefined, false, all(200)],
    ['publish a service', 'POST', () => '/services', serviceBody({ name: '授权表新服务' }), true, all(403, { staff: 201 })],
    ['read a service', 'GET', () => `/services/${ids.service}`, undefined, false, members(200)],
    ['change a service', 'PUT', () => `/services/${ids.service}`, serviceBody({ name: '授权表服务', capacity: 10 }), false, staffOnly(200)],
    ['the calendar', 'GET', () => `/services/${ids.service}/slots?from=${TUESDAY}&to=${WEDNESDAY}`, undefined, false, members(200)],
    ['a day’s bookings', 'GET', () => `/services/${ids.service}/days/${TUESDAY}`, undefined, false, staffOnly(200)],
    ['tag a household', 'PUT', () => '/households/tags', { buildingId: 'b-5', room: '101', tags: ['disabled'] }, false, all(403, { staff: 200 })],
    // Staff and grid workers have no home of their own; staff book for others with forUserId.
    ['book', 'POST', () => '/bookings', () => ({ serviceId: ids.service, startsAt: at(WEDNESDAY, '09:00'), answers: { purpose: '咨询' } }), true, all(403, { resident: 201, leader: 201, other: 404 })],
    ['my bookings', 'GET', () => '/bookings/mine', undefined, false, all(200)],
    ['my past bookings', 'GET', () => '/bookings/past', undefined, false, all(200)],
    ['bookings to confirm', 'GET', () => '/bookings/pending', undefined, false, all(403, { staff: 200 })],
    ['check in', 'POST', () => '/bookings/check-in', { code: '000000', serviceId: 'svc_none' }, false, all(403, { staff: 422 })],
    ['export', 'GET', () => `/bookings/export?period=${TUESDAY}`, undefined, false, all(403, { staff: 200 })],
    ['read a booking', 'GET', () => `/bookings/${ids.booking}`, undefined, false, hers(200, 200)],
    // Still open for staff after she cancelled: refused as cancelled (its status: a conflict).
    ['cancel', 'POST', () => `/bookings/${ids.toCancel}/cancel`, { reason: '临时有事' }, false, hers(200, 409)],
    // Staff then ask for the slot it already holds.
    ['reschedule', 'POST', () => `/bookings/${ids.toMove}/reschedule`, { startsAt: at(TUESDAY, '11:00') }, false, hers(200, 422)],
    ['rate (not yet done)', 'POST', () => `/bookings/${ids.booking}/rating`, { stars: 5, comment: '' }, false, hers(409, 403)],
    ['confirm', 'POST', () => `/bookings/${ids.toConfirm}/confirm`, undefined, false, hers(403, 200)],
    ['reject', 'POST', () => `/bookings/${ids.toReject}/reject`, { reason: '当天不开放' }, false, hers(403, 200)],
    ['complete (not checked in)', 'POST', () => `/bookings/${ids.booking}/complete`, undefined, false, hers(403, 409)],
    ['no-show (not started)', 'POST', () => `/bookings/${ids.booking}/no-show`, undefined, false, hers(403, 403)],
  ]

  it.each(rows)('%s (%s)', async (_name, method, url, body, keyed, expected) => {
    const got: Partial<Record<Actor, number>> = {}
    for (const actor of ACTORS) {
      const payload = typeof body === 'function' ? (body as () => unknown)() : body
      const response = await send(h[actor], method, url(), payload, keyed ? newKey() : undefined)
      got[actor] = response.statusCode
      if (response.statusCode >= 400) {
        // Typed refusals with a Chinese message, never a 500.
        expect(response.json().error).toEqual(expect.objectContaining({ kind: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fff]/) }))
      }
    }
    expect(got).toEqual(expected)
  })

  it('answers 401 to every booking route without a session', async () => {
    const paths: Array<[InjectOptions['method'], string]> = [
      ['GET', '/services'],
      ['POST', '/services'],
      ['GET', `/services/${ids.service}/slots?from=${TUESDAY}&to=${TUESDAY}`],
      ['PUT', '/households/tags'],
      ['POST', '/bookings'],
      ['GET', '/bookings/mine'],
      ['GET', `/bookings/export?period=${TUESDAY}`],
      ['POST', `/bookings/${ids.booking}/cancel`],
    ]
    for (const [method, url] of paths) expectError(await world.inject({ method, url: `${API}${url}` }), 401, 'unauthorized')
  })
})
