/**
 * The ServicesApi contract (issue 12): the catalogue, slots with seats left, booking with its rules,
 * the waitlist and its promotion, moving, confirming, checking in, rating, household tags — checked
 * the same way against every adapter (memory.test.ts, http-pglite.test.ts, http-postgres.test.ts), with the exact answers and the
 * exact Chinese messages.
 *
 * Each adapter gets a backend of its own (the demo communities as seeded, on the real clock), and
 * staff publish a service of their own for the stories (open every day, no notice, so any hour of
 * the day has slots ahead). The stories build on each other in the order written.
 */
import ExcelJS from 'exceljs'
import type { ApiClient } from '../../src/api/client'
import type { ServiceInput } from '../../types/api'
import type { Booking, Service } from '../../types/domain'
import { addDays, beijingDate, beijingInstant } from '../../src/domain/beijing-time'
import type { ContractBackend } from './suite'
import { rejection } from './suite'

const WANG = 'u-wang' // 3号楼201, tagged 高龄 + 低保
const LI = 'u-li' // 3号楼302
const ZHAO = 'u-zhao' // 8号楼101
const CHEN = 'u-chen' // 1号楼102
const ZHANG = 'u-zhang' // staff

const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday: weekday as 1, start, end }))

function counter(): ServiceInput {
  return {
    name: '便民咨询台',
    kind: 'errand',
    description: '社区工作人员在便民咨询台解答办事问题。',
    location: { kind: 'address', address: '社区党群服务中心一楼大厅' },
    provider: '映月社区居委会',
    durationMinutes: 60,
    bufferMinutes: 0,
    capacity: 2,
    eligibility: [],
    questions: [
      { id: 'purpose', label: '咨询事项', kind: 'text', required: true },
      { id: 'people', label: '来访人数', kind: 'number', required: false, max: 5 },
    ],
    requiresConfirmation: false,
    rules: { minNoticeMinutes: 0, maxDaysAhead: 14, changeCutoffMinutes: 0 },
    hours: everyDay('00:00', '23:59'),
    exceptions: [],
    status: 'published',
  }
}

export function defineBookingSuite(name: string, setup: () => Promise<ContractBackend>): void {
  describe(`the ServicesApi contract: ${name}`, () => {
    let backend: ContractBackend
    const run = Math.random().toString(36).slice(2, 8)
    let seq = 0
    const key = () => ({ idempotencyKey: `booking-${run}-${++seq}-${Math.random().toString(36).slice(2, 10)}` })
    const clients = new Map<string, Promise<ApiClient>>()

    beforeAll(async () => {
      backend = await setup()
    })
    afterAll(async () => {
      await backend?.teardown()
    })

    function as(userId: string): Promise<ApiClient> {
      let client = clients.get(userId)
      if (!client) {
        const api = backend.client('fresh')
        client = api.session.signInDemo(userId).then(() => api)
        clients.set(userId, client)
      }
      return client
    }

    // What the stories share, in the order they make it.
    let service: Service
    const tomorrow = addDays(beijingDate(new Date()), 1)
    const at = (hhmm: number) => beijingInstant(tomorrow, hhmm)
    const TEN = at(600)
    const ELEVEN = at(660)
    const bookings: Record<string, Booking> = {}
    const ask = (who: string, startsAt: string, over: Record<string, unknown> = {}) =>
      as(who).then((api) => api.services.book({ serviceId: service.id, startsAt, answers: { purpose: '咨询养老保险', people: '1' }, ...over }, key()))

    it('says it books services', async () => {
      expect((await as(WANG)).capabilities.services).toBe(true)
    })

    it('lists the community’s services with my household’s eligibility, in the rule’s words', async () => {
      const mine = await (await as(WANG)).services.list()
      expect(mine.map((s) => s.name).sort()).toEqual(['人民调解', '助老上门服务', '政务代办', '法律咨询', '活动室预约'].sort())
      expect(mine.find((s) => s.kind === 'home_visit')?.myEligibility).toEqual({ eligible: true })
      const chens = await (await as(CHEN)).services.list({ kind: 'home_visit' })
      expect(chens.map((s) => [s.name, s.myEligibility])).toEqual([['助老上门服务', { eligible: false, reason: '此项服务仅面向高龄、残疾家庭，如符合条件请联系社区登记' }]])
    })

    it('staff publish a service; a wrong one is refused field by field', async () => {
      const staff = await as(ZHANG)
      const refused = await rejection(staff.services.create({ ...counter(), name: '', capacity: 0, questions: [{ id: 'Bad id', label: '', kind: 'text', required: true }] }, key()))
      expect([refused.kind, refused.fields.name, refused.fields.capacity, refused.fields.questions]).toEqual([
        'validation',
        '请填写服务名称',
        '每个时段的名额应为1至200个',
        '每个预约问题应有编号、类型（文字、数字、电话）和是否必填',
      ])
      service = await staff.services.create(counter(), key())
      expect(service).toMatchObject({ name: '便民咨询台', capacity: 2, status: 'published' })
      expect((await (await as(WANG)).services.list()).some((s) => s.id === service.id)).toBe(true)
      expect(await rejection((await as(WANG)).services.create(counter(), key()))).toMatchObject({ kind: 'forbidden', message: '只有社区工作者可以发布服务' })
    })

    it('shows tomorrow’s slots with seats left, in Beijing time', async () => {
      const [day] = await (await as(WANG)).services.listSlots(service.id, { from: tomorrow, to: tomorrow })
      expect(day.slots).toHaveLength(23)
      expect(day.slots.find((s) => s.startsAt === TEN)).toMatchObject({ endsAt: at(660), capacity: 2, seatsLeft: 2, waitlist: 0, bookable: true })
      const bad = await rejection((await as(WANG)).services.listSlots(service.id, { from: tomorrow, to: addDays(tomorrow, 40) }))
      expect([bad.kind, bad.message]).toEqual(['validation', '一次最多查看31天'])
    })

    it('books a seat once per key; seats left 2 → 1; unanswered questions are named', async () => {
      const api = await as(WANG)
      const refused = await rejection(api.services.book({ serviceId: service.id, startsAt: TEN, answers: { people: '9' } }, key()))
      expect(refused.fields).toEqual({ 'answers.purpose': '请填写咨询事项', 'answers.people': '来访人数最多5' })
      const once = key()
      const input = { serviceId: service.id, startsAt: TEN, answers: { purpose: '咨询养老保险', people: '2' } }
      const first = await api.services.book(input, once)
      const again = await api.services.book(input, once)
      expect(again.id).toBe(first.id)
      expect(first).toMatchObject({ status: 'confirmed', startsAt: TEN, person: { id: WANG, name: '王秀兰' }, household: { buildingName: '3号楼', room: '201' } })
      expect(first.checkInCode).toMatch(/^\d{6}$/)
      expect(first.answers).toEqual([
        { questionId: 'purpose', label: '咨询事项', value: '咨询养老保险' },
        { questionId: 'people', label: '来访人数', value: '2' },
      ])
      bookings.wang = first
      const [day] = await (await as(LI)).services.listSlots(service.id, { from: tomorrow, to: tomorrow })
      expect(day.slots.find((s) => s.startsAt === TEN)?.seatsLeft).toBe(1)
      expect(await rejection(ask(WANG, TEN))).toMatchObject({ kind: 'conflict', message: '您已预约该时段，请在“我的预约”中查看' })
    })

    it('a full slot offers its waitlist, in order', async () => {
      bookings.li = await ask(LI, TEN)
      expect(bookings.li.status).toBe('confirmed')
      expect(await rejection(ask(ZHAO, TEN))).toMatchObject({ kind: 'conflict', message: '该时段已约满，可以加入候补，有人取消时按顺序递补' })
      bookings.zhao = await ask(ZHAO, TEN, { waitlist: true })
      bookings.chen = await ask(CHEN, TEN, { waitlist: true })
      expect([bookings.zhao.status, bookings.zhao.waitlistPosition, bookings.zhao.checkInCode]).toEqual(['waitlisted', 1, undefined])
      expect(bookings.chen.waitlistPosition).toBe(2)
      const [day] = await (await as(WANG)).services.listSlots(service.id, { from: tomorrow, to: tomorrow })
      expect(day.slots.find((s) => s.startsAt === TEN)).toMatchObject({ seatsLeft: 0, waitlist: 2, myBookingId: bookings.wang.id })
    })

    it('a cancellation with a reason promotes the first in line; the rest move up', async () => {
      const refused = await rejection((await as(WANG)).services.cancel(bookings.wang.id, { reason: '' }))
      expect(refused.fields).toEqual({ reason: '请填写取消原因（至少2个字）' })
      const cancelled = await (await as(WANG)).services.cancel(bookings.wang.id, { reason: '临时有事去不了' })
      expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { by: 'resident', reason: '临时有事去不了', byName: '王秀兰' } })
      const zhao = await (await as(ZHAO)).services.booking(bookings.zhao.id)
      expect(zhao.status).toBe('confirmed')
      expect(zhao.checkInCode).toMatch(/^\d{6}$/)
      expect(zhao.history.map((h) => h.action)).toEqual(['waitlisted', 'promoted'])
      expect((await (await as(CHEN)).services.booking(bookings.chen.id)).waitlistPosition).toBe(1)
      const mine = await (await as(WANG)).services.mine()
      expect(mine.upcoming.some((b) => b.id === bookings.wang.id)).toBe(false)
      expect((await (await as(WANG)).services.listPast()).items.map((b) => b.id)).toContain(bookings.wang.id)
    })

    it('moving a booking frees its seat for the line and takes the new one in one step', async () => {
      const moved = await (await as(LI)).services.reschedule(bookings.li.id, { startsAt: ELEVEN })
      expect(moved).toMatchObject({ status: 'confirmed', startsAt: ELEVEN })
      expect(moved.history.at(-1)?.action).toBe('rescheduled')
      expect((await (await as(CHEN)).services.booking(bookings.chen.id)).status).toBe('confirmed')
      const same = await rejection((await as(LI)).services.reschedule(bookings.li.id, { startsAt: ELEVEN }))
      expect(same.fields).toEqual({ startsAt: '新时段与原时段相同，请选择其他时段' })
    })

    it('nobody sees another’s booking; staff see the day slot by slot', async () => {
      expect(await rejection((await as(WANG)).services.booking(bookings.zhao.id))).toMatchObject({ kind: 'not_found', message: '预约不存在或您无权查看' })
      const day = await (await as(ZHANG)).services.day(service.id, tomorrow)
      const ten = day.slots.find((s) => s.startsAt === TEN)!
      expect(ten.bookings.map((b) => [b.person.name, b.status])).toEqual([
        ['王秀兰', 'cancelled'],
        ['赵小燕', 'confirmed'],
        ['陈建国', 'confirmed'],
      ])
      expect(day.slots.find((s) => s.startsAt === ELEVEN)?.bookings.map((b) => b.person.name)).toEqual(['李明'])
      expect(await rejection((await as(WANG)).services.day(service.id, tomorrow))).toMatchObject({ kind: 'forbidden', message: '只有社区工作者可以查看预约名单' })
    })

    it('staff confirm or reject what waits for them', async () => {
      const visits = await (await as(WANG)).services.list({ kind: 'home_visit' })
      const visit = visits[0]
      const days = await (await as(WANG)).services.listSlots(visit.id, { from: addDays(tomorrow, 1), to: addDays(tomorrow, 14) })
      const free = days.flatMap((d) => d.slots).filter((s) => s.bookable && s.seatsLeft > 0)
      const api = await as(WANG)
      const first = await api.services.book({ serviceId: visit.id, startsAt: free[0].startsAt, answers: { need: '上门理发', phone: '13800000001' } }, key())
      const second = await api.services.book({ serviceId: visit.id, startsAt: free[1].startsAt, answers: { need: '测血压', phone: '13800000001' } }, key())
      expect([first.status, second.status]).toEqual(['pending', 'pending'])
      const staff = await as(ZHANG)
      const pending = await staff.services.listPending()
      expect(pending.items.map((b) => b.id)).toEqual(expect.arrayContaining([first.id, second.id]))
      expect((await staff.services.confirm(first.id)).status).toBe('confirmed')
      const rejected = await staff.services.reject(second.id, { reason: '志愿者当天不足，请改约' })
      expect(rejected).toMatchObject({ status: 'rejected', rejection: { reason: '志愿者当天不足，请改约', byName: '张敏' } })
      expect(await rejection(api.services.confirm(first.id))).toMatchObject({ kind: 'forbidden', message: '只有社区工作者可以办理预约' })
    })

    it('checks in by the typed code, completes, and the resident rates once', async () => {
      const now = Date.now()
      const [today, next] = await (await as(WANG)).services.listSlots(service.id, { from: beijingDate(new Date(now)), to: addDays(beijingDate(new Date(now)), 1) })
      const soon = [...today.slots, ...next.slots].find((s) => Date.parse(s.startsAt) > now + 60_000 && s.seatsLeft > 0)!
      const mine = await ask(WANG, soon.startsAt)
      bookings.checkedIn = mine
      const staff = await as(ZHANG)
      expect((await rejection(staff.services.checkIn({ code: '00000a' }))).fields).toEqual({ code: '请输入6位签到码' })
      const checked = await staff.services.checkIn({ code: mine.checkInCode!, serviceId: service.id })
      expect(checked).toMatchObject({ id: mine.id, status: 'checked_in' })
      expect(await rejection(staff.services.checkIn({ code: mine.checkInCode!, serviceId: service.id }))).toMatchObject({ kind: 'conflict', message: '该预约已签到' })
      expect((await staff.services.complete(mine.id)).status).toBe('done')
      const rated = await (await as(WANG)).services.rate(mine.id, { stars: 5, comment: '讲得很清楚' })
      expect(rated.rating).toMatchObject({ stars: 5, comment: '讲得很清楚' })
      expect(await rejection((await as(WANG)).services.rate(mine.id, { stars: 4, comment: '' }))).toMatchObject({ kind: 'conflict', message: '您已评价过这次服务' })
    })

    it('staff export a day as a workbook where the backend makes one (the memory backend does not)', async () => {
      const staff = await as(ZHANG)
      if (!staff.services.exportBookings) {
        expect(name).toContain('memory')
        return
      }
      const file = await staff.services.exportBookings({ period: tomorrow, serviceId: service.id })
      expect(file.fileName).toBe(`预约名单-便民咨询台-${tomorrow}.xlsx`)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength) as ArrayBuffer)
      const rows = book.worksheets[0].getSheetValues().slice(1) as unknown[][]
      const people = rows.slice(1).map((r) => String(r[6])).sort()
      // Late in a Beijing evening the check-in story's booking is tomorrow's too (today's slots are over).
      const checkedInTomorrow = beijingDate(new Date(bookings.checkedIn.startsAt)) === tomorrow ? ['王秀兰'] : []
      expect(people).toEqual(['李明', '王秀兰', '赵小燕', '陈建国', ...checkedInTomorrow].sort())
      expect(await rejection((await as(WANG)).services.exportBookings!({ period: tomorrow }))).toMatchObject({ kind: 'forbidden', message: '只有社区工作者可以导出预约' })
    })

    it('staff tag a household, and a service for 高龄 households opens to it', async () => {
      const staff = await as(ZHANG)
      expect(await staff.services.household('b-1', '102')).toMatchObject({ buildingName: '1号楼', room: '102', members: [{ userId: CHEN, name: '陈建国' }], tags: [] })
      expect(await staff.services.setHouseholdTags({ buildingId: 'b-1', room: '102', tags: ['elderly'] })).toEqual({ buildingId: 'b-1', room: '102', tags: ['elderly'] })
      expect((await staff.services.household('b-1', '102')).tags).toEqual(['elderly'])
      expect(await rejection((await as(WANG)).services.household('b-1', '102'))).toMatchObject({ kind: 'forbidden', message: '只有社区工作者可以查看住户' })
      const visits = await (await as(CHEN)).services.list({ kind: 'home_visit' })
      expect(visits[0].myEligibility).toEqual({ eligible: true })
      const refused = await rejection(staff.services.setHouseholdTags({ buildingId: 'ch-b-3', room: '301', tags: ['disabled'] }))
      expect([refused.kind, refused.fields]).toEqual(['validation', { buildingId: '请选择本社区的楼栋' }])
    })
  })
}
