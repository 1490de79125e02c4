/**
 * The repository contract of service booking (issue 12; src/core/booking-ports.ts): what every
 * Store answers for services, household tags, bookings and durable jobs — round trips, orders and
 * tie-breaks, filters and [from, to) bounds, absent-field patches, the slot lock and the job claims
 * under concurrency, rollback and the personal-data part — the same on the memory store
 * (memory.test.ts) and the SQL store (sql-pglite.test.ts, sql-postgres.test.ts). Fixtures go through the ports only.
 *
 * Ids mix upper and lower case on purpose: code-point order puts 'B' before 'a'.
 */
import type { BookingEvent, BookingStatus } from '../../types/domain'
import type { BookingRecord, HouseholdRef, JobRecord, ServiceRecord, Store } from '../../src/core/ports'
import { roomKey } from '../../src/domain/structure'
import { at, ONE, PEOPLE, SET_UP, setupOne, setupTwo, TWO } from './fixture'
import type { StoreUnderTest } from './suite'

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)
const ERASED = '已注销用户'
const NOW = at(100)
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const sorted = (values: Iterable<string>) => [...values].sort(codePoint)

const household = (buildingId: string, room: string, communityId = ONE): HouseholdRef => ({ communityId, buildingId, room })

// ── records as the services store them ─────────────────────────────────────────────────────────

const service = (over: Partial<ServiceRecord> & { id: string }): ServiceRecord => ({
  communityId: ONE,
  name: `服务 ${over.id}`,
  kind: 'legal',
  description: '每周二上午律师坐班，免费法律咨询',
  location: { kind: 'address', address: '社区服务中心201室' },
  provider: '北京某律师事务所 张律师',
  durationMinutes: 30,
  bufferMinutes: 10,
  capacity: 2,
  eligibility: [],
  questions: [
    { id: 'purpose', label: '咨询事项', kind: 'text', required: true },
    { id: 'people', label: '人数', kind: 'number', required: false, max: 10 },
  ],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 120, maxDaysAhead: 14, householdLimit: { count: 2, period: 'month' }, changeCutoffMinutes: 60 },
  hours: [
    { weekday: 2, start: '09:00', end: '11:30' },
    { weekday: 4, start: '14:00', end: '17:00' },
  ],
  exceptions: [
    { date: '2026-12-01', kind: 'closed', note: '律师出差' },
    { date: '2026-12-05', kind: 'extra', start: '09:00', end: '12:00', note: '周六加开' },
  ],
  status: 'published',
  updatedAt: at(1),
  createdAt: at(1),
  createdById: PEOPLE.staff.id,
  ...over,
})

const LEGAL = 'sv_legal'
/** Sorts before LEGAL in code points ('V' < 'l'). */
const VENUE = 'sv_Venue'
const VILLAGE = 'sv_x'

const booked = (hours: number, byName: string = PEOPLE.res1.name): BookingEvent => ({ at: at(hours), action: 'booked', byName })

/** A booking of LEGAL by res1 for b-1/101, one hour long from `startsAt` (default at(48)). */
const booking = (over: Partial<BookingRecord> & { id: string }): BookingRecord => {
  const startsAt = over.startsAt ?? at(48)
  const createdAt = over.createdAt ?? at(1)
  return {
    communityId: ONE,
    serviceId: LEGAL,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
    status: 'confirmed',
    buildingId: 'b-1',
    room: '101',
    personId: PEOPLE.res1.id,
    personName: PEOPLE.res1.name,
    answers: [{ questionId: 'purpose', label: '咨询事项', value: '房屋租赁合同纠纷' }],
    history: [{ at: createdAt, action: 'booked', byName: PEOPLE.res1.name }],
    createdAt,
    updatedAt: createdAt,
    ...over,
  }
}

/** A booking by res2 for b-2/201. */
const ofRes2 = (over: Partial<BookingRecord> & { id: string }): BookingRecord =>
  booking({ personId: PEOPLE.res2.id, personName: PEOPLE.res2.name, buildingId: 'b-2', room: '201', ...over })

/** A booking by `other` of TWO's service, for b-x/101. */
const ofVillage = (over: Partial<BookingRecord> & { id: string }): BookingRecord =>
  booking({ communityId: TWO, serviceId: VILLAGE, personId: PEOPLE.other.id, personName: PEOPLE.other.name, buildingId: 'b-x', room: '101', ...over })

const job = (over: Partial<Omit<JobRecord, 'attempts'>> & { id: string }): Omit<JobRecord, 'attempts'> => ({
  kind: 'booking.remind',
  key: `booking.remind:${over.id}`,
  runAt: at(10),
  payload: { bookingId: `bk_${over.id}` },
  ...over,
})

// ── the suite ──────────────────────────────────────────────────────────────────────────────────

export function defineBookingSuite(name: string, setup: () => Promise<StoreUnderTest>): void {
  describe(`the booking repository contract: ${name}`, () => {
    let sut: StoreUnderTest
    let store: Store

    beforeEach(async () => {
      sut = await setup()
      store = sut.store
      await store.directory.createCommunity(setupTwo(), SET_UP[TWO])
      await store.directory.createCommunity(setupOne(), SET_UP[ONE])
    })
    afterEach(async () => {
      await sut.teardown()
    })

    const withServices = async () => {
      await store.services.insert(service({ id: LEGAL, name: '法律咨询' }))
      await store.services.insert(service({ id: VENUE, name: '活动室', kind: 'venue', capacity: 1 }))
      await store.services.insert(service({ id: VILLAGE, communityId: TWO, name: '法律咨询', createdById: PEOPLE.other.id }))
    }
    const insertAll = async (bookings: BookingRecord[]) => {
      for (const b of bookings) await store.bookings.insert(b)
    }

    // ── services ─────────────────────────────────────────────────────────────────────────────

    describe('services', () => {
      it('round-trip a service (instants normalised), every optional field present or absent; unknown ids are null', async () => {
        const full = service({ id: 'sv_1', createdAt: '2026-11-20T09:00:00+08:00', updatedAt: '2026-11-20T10:00:00+08:00' })
        const plain = service({
          id: 'sv_2',
          kind: 'home_visit',
          location: { kind: 'home' },
          eligibility: ['elderly', 'disabled'],
          questions: [{ id: 'phone', label: '联系电话', kind: 'phone', required: true }],
          requiresConfirmation: true,
          rules: { minNoticeMinutes: 0, maxDaysAhead: 7, changeCutoffMinutes: 0 },
          hours: [],
          exceptions: [],
          status: 'draft',
        })
        await store.services.insert(full)
        await store.services.insert(plain)
        expect(await store.services.find('sv_1')).toStrictEqual({ ...full, createdAt: at(1), updatedAt: at(2) })
        expect(await store.services.find('sv_2')).toStrictEqual(plain)
        expect(await store.services.find('sv_none')).toBeNull()
      })

      it('update every field but id, community, createdAt and createdById', async () => {
        await store.services.insert(service({ id: 'sv_1' }))
        const changed = service({
          id: 'sv_1',
          communityId: TWO,
          createdAt: at(5),
          createdById: PEOPLE.grid1.id,
          name: '上门理发',
          kind: 'home_visit',
          description: '志愿者上门理发',
          location: { kind: 'home' },
          provider: '社区志愿队',
          durationMinutes: 45,
          bufferMinutes: 15,
          capacity: 1,
          eligibility: ['low_income'],
          questions: [],
          requiresConfirmation: true,
          rules: { minNoticeMinutes: 1440, maxDaysAhead: 30, householdLimit: { count: 1, period: 'week' }, changeCutoffMinutes: 120 },
          hours: [{ weekday: 6, start: '08:30', end: '12:00' }],
          exceptions: [{ date: '2026-12-26', kind: 'closed', note: '暂停一次' }],
          status: 'retired',
          updatedAt: at(6),
        })
        await store.services.update(changed)
        expect(await store.services.find('sv_1')).toStrictEqual({ ...changed, communityId: ONE, createdAt: at(1), createdById: PEOPLE.staff.id })
        // An optional rule dropped by an update is gone.
        await store.services.update({ ...changed, rules: { minNoticeMinutes: 0, maxDaysAhead: 1, changeCutoffMinutes: 0 } })
        expect((await store.services.find('sv_1'))?.rules).toStrictEqual({ minNoticeMinutes: 0, maxDaysAhead: 1, changeCutoffMinutes: 0 })
      })

      it('list a community’s by name then id (code points), optionally of some statuses', async () => {
        await store.services.insert(service({ id: 'sv_a', name: '法律咨询' }))
        await store.services.insert(service({ id: 'sv_B', name: '法律咨询', status: 'draft' }))
        await store.services.insert(service({ id: 'sv_c', name: 'Art 活动室', status: 'retired' }))
        await store.services.insert(service({ id: 'sv_d', name: '上门服务' }))
        await store.services.insert(service({ id: 'sv_x', communityId: TWO, name: 'Art 活动室', createdById: PEOPLE.other.id }))
        // Names compare in code points too: 'A' < '上' (U+4E0A) < '法' (U+6CD5).
        expect(ids(await store.services.list(ONE))).toEqual(['sv_c', 'sv_d', 'sv_B', 'sv_a'])
        expect(ids(await store.services.list(ONE, ['published']))).toEqual(['sv_d', 'sv_a'])
        expect(ids(await store.services.list(ONE, ['draft', 'retired']))).toEqual(['sv_c', 'sv_B'])
        expect(ids(await store.services.list(ONE, []))).toEqual([])
        expect(ids(await store.services.list(TWO))).toEqual(['sv_x'])
        expect(await store.services.list('c-none')).toEqual([])
      })
    })

    // ── household tags ───────────────────────────────────────────────────────────────────────

    describe('household tags', () => {
      it('are [] until saved, then as last saved in the order given; [] removes them; each household its own', async () => {
        expect(await store.householdTags.find(household('b-1', '101'))).toEqual([])
        await store.householdTags.save(household('b-1', '101'), ['low_income', 'elderly'], at(1), PEOPLE.staff.id)
        await store.householdTags.save(household('b-2', '101'), ['disabled'], at(2), PEOPLE.staff.id)
        expect(await store.householdTags.find(household('b-1', '101'))).toEqual(['low_income', 'elderly'])
        expect(await store.householdTags.find(household('b-1', '102'))).toEqual([])
        expect(await store.householdTags.find(household('b-2', '101'))).toEqual(['disabled'])
        expect(await store.householdTags.find(household('b-1', '101', TWO))).toEqual([])
        await store.householdTags.save(household('b-1', '101'), ['disabled', 'elderly', 'low_income'], at(3), PEOPLE.staff.id)
        expect(await store.householdTags.find(household('b-1', '101'))).toEqual(['disabled', 'elderly', 'low_income'])
        await store.householdTags.save(household('b-1', '101'), [], at(4), PEOPLE.staff.id)
        expect(await store.householdTags.find(household('b-1', '101'))).toEqual([])
        expect(await store.householdTags.find(household('b-2', '101'))).toEqual(['disabled'])
        await store.householdTags.save(household('b-1', '101'), ['elderly'], at(5), PEOPLE.staff.id)
        expect(await store.householdTags.find(household('b-1', '101'))).toEqual(['elderly'])
      })
    })

    // ── bookings ─────────────────────────────────────────────────────────────────────────────

    describe('bookings', () => {
      beforeEach(withServices)

      it('round-trip a booking with every optional field (instants normalised, in history and parts too), and without', async () => {
        const plain = booking({ id: 'bk_plain', answers: [], history: [] })
        const full = booking({
          id: 'bk_full',
          startsAt: '2026-11-22T09:00:00+08:00',
          endsAt: '2026-11-22T09:30:00+08:00',
          status: 'done',
          bookedById: PEOPLE.staff.id,
          bookedByName: PEOPLE.staff.name,
          answers: [
            { questionId: 'purpose', label: '咨询事项', value: '遗嘱公证' },
            { questionId: 'people', label: '人数', value: '2' },
          ],
          checkInCode: '012345',
          queuedAt: '2026-11-20T08:30:00+08:00',
          cancellation: { by: 'staff', reason: '律师临时有事', at: '2026-11-20T09:00:00+08:00', byName: PEOPLE.staff.name },
          rejection: { reason: '不在服务范围', at: at(2), byName: PEOPLE.staff.name },
          rating: { stars: 5, comment: '很耐心', at: at(60) },
          history: [
            { at: '2026-11-20T08:00:00+08:00', action: 'booked', byName: PEOPLE.staff.name, note: '代约' },
            { at: at(3), action: 'promoted', byName: '系统' },
            { at: at(60), action: 'rated', byName: PEOPLE.res1.name },
          ],
          createdAt: '2026-11-20T08:00:00+08:00',
          updatedAt: at(60),
        })
        await insertAll([plain, full])
        const expected: BookingRecord = {
          ...full,
          startsAt: '2026-11-22T01:00:00.000Z',
          endsAt: '2026-11-22T01:30:00.000Z',
          queuedAt: '2026-11-20T00:30:00.000Z',
          cancellation: { ...full.cancellation!, at: at(1) },
          history: [{ at: at(0), action: 'booked', byName: PEOPLE.staff.name, note: '代约' }, full.history[1], full.history[2]],
          createdAt: at(0),
        }
        expect(await store.bookings.find('bk_full')).toStrictEqual(expected)
        expect(await store.bookings.find('bk_plain')).toStrictEqual(plain)
        expect(await store.transaction((tx) => tx.bookings.findForUpdate('bk_full'))).toStrictEqual(expected)
        expect(await store.bookings.find('bk_none')).toBeNull()
        expect(await store.transaction((tx) => tx.bookings.findForUpdate('bk_none'))).toBeNull()
      })

      it('update only the fields of a patch, append the event to the history and take its instant as updatedAt', async () => {
        const start = booking({ id: 'bk_1', status: 'pending', checkInCode: '111111' })
        await store.bookings.insert(start)
        const waitlisted: BookingEvent = { at: at(3), action: 'waitlisted', byName: '系统' }
        await store.bookings.update('bk_1', { status: 'waitlisted', queuedAt: at(3) }, waitlisted)
        const afterWaitlist = { ...start, status: 'waitlisted' as const, queuedAt: at(3), history: [...start.history, waitlisted], updatedAt: at(3) }
        expect(await store.bookings.find('bk_1')).toStrictEqual(afterWaitlist)
        // An empty patch only records the event; a key present as undefined is absent.
        const reminded: BookingEvent = { at: at(4), action: 'reminded', byName: '系统', note: '开始前一天提醒' }
        await store.bookings.update('bk_1', { checkInCode: undefined }, reminded)
        const afterReminder = { ...afterWaitlist, history: [...afterWaitlist.history, reminded], updatedAt: at(4) }
        expect(await store.bookings.find('bk_1')).toStrictEqual(afterReminder)
        // A reschedule moves both ends; a cancellation and a rating are set whole.
        const rescheduled: BookingEvent = { at: '2026-11-20T13:00:00+08:00', action: 'rescheduled', byName: PEOPLE.res1.name }
        await store.bookings.update('bk_1', { startsAt: '2026-11-22T10:00:00+08:00', endsAt: at(51) }, rescheduled)
        const cancelled: BookingEvent = { at: at(6), action: 'cancelled', byName: PEOPLE.res1.name, note: '临时有事' }
        await store.bookings.update(
          'bk_1',
          { status: 'cancelled', cancellation: { by: 'resident', reason: '临时有事', at: '2026-11-20T14:00:00+08:00', byName: PEOPLE.res1.name } },
          cancelled,
        )
        await store.bookings.update('bk_1', { rating: { stars: 3, comment: '', at: at(7) }, rejection: { reason: '重复预约', at: at(7), byName: PEOPLE.staff.name } }, {
          at: at(7),
          action: 'rated',
          byName: PEOPLE.res1.name,
        })
        expect(await store.bookings.find('bk_1')).toStrictEqual({
          ...afterReminder,
          status: 'cancelled',
          startsAt: at(50),
          endsAt: at(51),
          cancellation: { by: 'resident', reason: '临时有事', at: at(6), byName: PEOPLE.res1.name },
          rating: { stars: 3, comment: '', at: at(7) },
          rejection: { reason: '重复预约', at: at(7), byName: PEOPLE.staff.name },
          history: [...afterReminder.history, { ...rescheduled, at: at(5) }, cancelled, { at: at(7), action: 'rated', byName: PEOPLE.res1.name }],
          updatedAt: at(7),
        })
        // Other bookings are untouched.
        await store.bookings.insert(booking({ id: 'bk_2' }))
        await store.bookings.update('bk_1', { status: 'done' }, { at: at(8), action: 'done', byName: PEOPLE.staff.name })
        expect(await store.bookings.find('bk_2')).toStrictEqual(booking({ id: 'bk_2' }))
      })

      it('keep the building and room of their household in the community’s structure usage, whatever their status', async () => {
        const before = await store.directory.structureUsage(ONE)
        expect(before.rooms.has(roomKey('b-1', '202'))).toBe(false)
        await insertAll([booking({ id: 'bk_1', room: '202', status: 'cancelled' }), ofVillage({ id: 'bk_x', room: '102' })])
        const usage = await store.directory.structureUsage(ONE)
        expect(usage.rooms.has(roomKey('b-1', '202'))).toBe(true)
        expect(usage.buildingIds.has('b-1')).toBe(true)
        expect(sorted(usage.rooms)).toEqual(sorted([...before.rooms, roomKey('b-1', '202')]))
        expect((await store.directory.structureUsage(TWO)).rooms.has(roomKey('b-x', '102'))).toBe(true)
      })

      it('a booking inserted in a transaction that throws is not kept', async () => {
        const failed = store.transaction(async (tx) => {
          await tx.bookings.lockSlot(LEGAL, at(48))
          await tx.bookings.insert(booking({ id: 'bk_gone' }))
          throw new Error('boom')
        })
        await expect(failed).rejects.toThrow('boom')
        expect(await store.bookings.find('bk_gone')).toBeNull()
        expect(await store.bookings.slotCounts(LEGAL, at(0), at(200))).toEqual([])
      })

      it('count seats held and the waitlist of the slots starting in [from, to) that have any booking, by start', async () => {
        const statuses: Array<[number, BookingStatus]> = [
          [48, 'pending'],
          [48, 'confirmed'],
          [48, 'waitlisted'],
          [48, 'waitlisted'],
          [48, 'cancelled'],
          [50, 'done'],
          [50, 'no_show'],
          [50, 'checked_in'],
          [50, 'rejected'],
          [50, 'expired'],
          [52, 'cancelled'],
          [60, 'confirmed'],
          [47, 'confirmed'],
        ]
        // Inserted latest first: the order is the store's.
        await insertAll(statuses.map(([hours, status], i) => booking({ id: `bk_${String(i).padStart(2, '0')}`, startsAt: at(hours), status })).reverse())
        await store.bookings.insert(booking({ id: 'bk_venue', serviceId: VENUE, startsAt: at(48) }))
        // A lock row is not a booking.
        await store.bookings.lockSlot(LEGAL, at(54))
        expect(await store.bookings.slotCounts(LEGAL, at(48), at(60))).toEqual([
          { startsAt: at(48), held: 2, waitlist: 2 },
          { startsAt: at(50), held: 3, waitlist: 0 },
          { startsAt: at(52), held: 0, waitlist: 0 },
        ])
        expect(await store.bookings.slotCounts(VENUE, at(0), at(200))).toEqual([{ startsAt: at(48), held: 1, waitlist: 0 }])
        expect(await store.bookings.slotCounts(LEGAL, at(61), at(200))).toEqual([])
      })

      it('list a slot’s waitlist in line order (queuedAt, id)', async () => {
        await insertAll([
          booking({ id: 'bk_wa', status: 'waitlisted', queuedAt: at(5), personId: PEOPLE.leader.id, personName: PEOPLE.leader.name, buildingId: 'b-2', room: '202' }),
          ofRes2({ id: 'bk_wA', status: 'waitlisted', queuedAt: at(5) }),
          booking({ id: 'bk_wz', status: 'waitlisted', queuedAt: at(4), personId: PEOPLE.res1b.id, personName: PEOPLE.res1b.name }),
          booking({ id: 'bk_conf', status: 'confirmed' }),
          // Once waitlisted, then promoted: it keeps queuedAt but is not in line.
          booking({ id: 'bk_prom', status: 'pending', queuedAt: at(1) }),
          booking({ id: 'bk_next', status: 'waitlisted', queuedAt: at(1), startsAt: at(49) }),
          booking({ id: 'bk_venue', status: 'waitlisted', queuedAt: at(1), serviceId: VENUE }),
        ])
        expect(ids(await store.bookings.waitlist(LEGAL, at(48)))).toEqual(['bk_wz', 'bk_wA', 'bk_wa'])
        expect(ids(await store.bookings.waitlist(LEGAL, at(49)))).toEqual(['bk_next'])
        expect(await store.bookings.waitlist(LEGAL, at(50))).toEqual([])
      })

      it('count a household’s bookings of a service starting in [from, to) with some statuses', async () => {
        await insertAll([
          booking({ id: 'bk_in', startsAt: at(48) }),
          booking({ id: 'bk_wait', startsAt: at(50), status: 'waitlisted', personId: PEOPLE.res1b.id, personName: PEOPLE.res1b.name }),
          booking({ id: 'bk_cx', startsAt: at(60), status: 'cancelled' }),
          booking({ id: 'bk_to', startsAt: at(72) }),
          booking({ id: 'bk_before', startsAt: at(47) }),
          booking({ id: 'bk_room', startsAt: at(55), room: '102' }),
          booking({ id: 'bk_building', startsAt: at(56), buildingId: 'b-2' }),
          booking({ id: 'bk_service', startsAt: at(57), serviceId: VENUE }),
        ])
        const counted: BookingStatus[] = ['pending', 'confirmed', 'waitlisted', 'done']
        expect(await store.bookings.countForHousehold(household('b-1', '101'), LEGAL, at(48), at(72), counted)).toBe(2)
        expect(await store.bookings.countForHousehold(household('b-1', '101'), LEGAL, at(48), at(72), ['cancelled'])).toBe(1)
        expect(await store.bookings.countForHousehold(household('b-1', '101'), LEGAL, at(48), at(73), counted)).toBe(3)
        expect(await store.bookings.countForHousehold(household('b-1', '101'), VENUE, at(0), at(200), counted)).toBe(1)
        expect(await store.bookings.countForHousehold(household('b-1', '101'), LEGAL, at(48), at(72), [])).toBe(0)
        expect(await store.bookings.countForHousehold(household('b-1', '103'), LEGAL, at(0), at(200), counted)).toBe(0)
      })

      it('list the starts of a household’s no-shows of any service at or after `since`, oldest first', async () => {
        await insertAll([
          booking({ id: 'bk_n70', startsAt: at(70), status: 'no_show', serviceId: VENUE }),
          booking({ id: 'bk_n40', startsAt: at(40), status: 'no_show' }),
          booking({ id: 'bk_n50', startsAt: at(50), status: 'no_show', personId: PEOPLE.res1b.id, personName: PEOPLE.res1b.name }),
          ofRes2({ id: 'bk_n60', startsAt: at(60), status: 'no_show' }),
          booking({ id: 'bk_c65', startsAt: at(65), status: 'cancelled' }),
        ])
        expect(await store.bookings.noShowsSince(household('b-1', '101'), at(50))).toEqual([at(50), at(70)])
        expect(await store.bookings.noShowsSince(household('b-1', '101'), at(0))).toEqual([at(40), at(50), at(70)])
        expect(await store.bookings.noShowsSince(household('b-2', '201'), at(0))).toEqual([at(60)])
        expect(await store.bookings.noShowsSince(household('b-1', '101'), at(71))).toEqual([])
      })

      it('find a person’s active booking of a slot', async () => {
        await insertAll([
          booking({ id: 'bk_cx', status: 'cancelled' }),
          ofRes2({ id: 'bk_res2' }),
          booking({ id: 'bk_done', startsAt: at(50), status: 'done' }),
          booking({ id: 'bk_in', startsAt: at(52), status: 'checked_in' }),
        ])
        expect(await store.bookings.findActive(PEOPLE.res1.id, LEGAL, at(48))).toBeNull()
        expect(await store.bookings.findActive(PEOPLE.res1.id, LEGAL, at(50))).toBeNull()
        expect((await store.bookings.findActive(PEOPLE.res1.id, LEGAL, at(52)))?.id).toBe('bk_in')
        expect(await store.bookings.findActive(PEOPLE.res1.id, VENUE, at(52))).toBeNull()
        await store.bookings.insert(booking({ id: 'bk_wait', status: 'waitlisted', queuedAt: at(2) }))
        expect(await store.bookings.findActive(PEOPLE.res1.id, LEGAL, at(48))).toStrictEqual(booking({ id: 'bk_wait', status: 'waitlisted', queuedAt: at(2) }))
        expect((await store.bookings.findActive(PEOPLE.res2.id, LEGAL, at(48)))?.id).toBe('bk_res2')
      })

      describe('a person’s upcoming and past bookings', () => {
        beforeEach(() =>
          insertAll([
            // Ends at now: past.
            booking({ id: 'u_end', startsAt: at(99), status: 'confirmed' }),
            // Started, not ended: upcoming.
            booking({ id: 'u_now', startsAt: at(99.5), status: 'checked_in' }),
            booking({ id: 'u_a', startsAt: at(130), status: 'waitlisted', queuedAt: at(3), serviceId: VENUE }),
            booking({ id: 'u_B', startsAt: at(130), status: 'pending' }),
            booking({ id: 'u_1', startsAt: at(120), status: 'confirmed' }),
            booking({ id: 'u_cx', startsAt: at(140), status: 'cancelled' }),
            booking({ id: 'u_exp', startsAt: at(110), status: 'expired', serviceId: VENUE }),
            booking({ id: 'u_done', startsAt: at(80), status: 'done' }),
            booking({ id: 'u_Ns', startsAt: at(80), status: 'no_show' }),
            // Not res1's: res2's, and one res1 booked for res2 (代约).
            ofRes2({ id: 'u_res2', startsAt: at(125) }),
            ofRes2({ id: 'u_for2', startsAt: at(126), bookedById: PEOPLE.res1.id, bookedByName: PEOPLE.res1.name }),
          ]),
        )

        it('upcoming: ACTIVE ones ending after now, soonest first (startsAt, id), at most `limit`', async () => {
          expect(ids(await store.bookings.listUpcoming(PEOPLE.res1.id, NOW, 10))).toEqual(['u_now', 'u_1', 'u_B', 'u_a'])
          expect(ids(await store.bookings.listUpcoming(PEOPLE.res1.id, NOW, 2))).toEqual(['u_now', 'u_1'])
          expect(ids(await store.bookings.listUpcoming(PEOPLE.res1.id, at(100.5), 10))).toEqual(['u_1', 'u_B', 'u_a'])
          expect(ids(await store.bookings.listUpcoming(PEOPLE.res2.id, NOW, 10))).toEqual(['u_res2', 'u_for2'])
          expect(await store.bookings.listUpcoming(PEOPLE.leader.id, NOW, 10)).toEqual([])
        })

        it('past: the others, latest start first (startsAt desc, id desc), paging by keyset', async () => {
          expect(ids(await store.bookings.listPast(PEOPLE.res1.id, NOW, null, 10))).toEqual(['u_cx', 'u_exp', 'u_end', 'u_done', 'u_Ns'])
          const first = await store.bookings.listPast(PEOPLE.res1.id, NOW, null, 3)
          expect(ids(first)).toEqual(['u_cx', 'u_exp', 'u_end'])
          expect(ids(await store.bookings.listPast(PEOPLE.res1.id, NOW, { startsAt: first[2].startsAt, id: first[2].id }, 3))).toEqual(['u_done', 'u_Ns'])
          // Inside a tie on startsAt.
          expect(ids(await store.bookings.listPast(PEOPLE.res1.id, NOW, { startsAt: at(80), id: 'u_done' }, 3))).toEqual(['u_Ns'])
          expect(await store.bookings.listPast(PEOPLE.res1.id, NOW, { startsAt: at(80), id: 'u_Ns' }, 3)).toEqual([])
          // Once they have ended, active ones are past too.
          expect(ids(await store.bookings.listPast(PEOPLE.res1.id, at(200), null, 3))).toEqual(['u_cx', 'u_a', 'u_B'])
          expect(await store.bookings.listPast(PEOPLE.res2.id, NOW, null, 10)).toEqual([])
        })
      })

      it('list a service’s bookings starting in [from, to) by (startsAt, createdAt, id), and a community’s by (startsAt, serviceId, createdAt, id)', async () => {
        await insertAll([
          booking({ id: 'f_a', startsAt: at(48), createdAt: at(4), status: 'cancelled' }),
          booking({ id: 'f_50', startsAt: at(50), createdAt: at(1) }),
          booking({ id: 'f_B', startsAt: at(48), createdAt: at(4), status: 'waitlisted', queuedAt: at(4) }),
          booking({ id: 'f_1', startsAt: at(48), createdAt: at(3) }),
          booking({ id: 'f_2', startsAt: at(48), createdAt: at(2) }),
          booking({ id: 'f_60', startsAt: at(60) }),
          booking({ id: 'f_47', startsAt: at(47) }),
          booking({ id: 'f_v', startsAt: at(48), createdAt: at(9), serviceId: VENUE }),
          ofVillage({ id: 'f_x', startsAt: at(48) }),
        ])
        expect(ids(await store.bookings.listForService(LEGAL, at(48), at(60)))).toEqual(['f_2', 'f_1', 'f_B', 'f_a', 'f_50'])
        expect(ids(await store.bookings.listForService(VENUE, at(48), at(60)))).toEqual(['f_v'])
        expect(await store.bookings.listForService(LEGAL, at(61), at(62))).toEqual([])
        expect(ids(await store.bookings.listForService(LEGAL, at(48), at(60), 2))).toEqual(['f_2', 'f_1'])
        expect(ids(await store.bookings.listForCommunity(ONE, at(48), at(60), 10))).toEqual(['f_v', 'f_2', 'f_1', 'f_B', 'f_a', 'f_50'])
        expect(ids(await store.bookings.listForCommunity(ONE, at(48), at(60), 3))).toEqual(['f_v', 'f_2', 'f_1'])
        expect(ids(await store.bookings.listForCommunity(ONE, at(0), at(200), 10))).toEqual(['f_47', 'f_v', 'f_2', 'f_1', 'f_B', 'f_a', 'f_50', 'f_60'])
        expect(ids(await store.bookings.listForCommunity(TWO, at(0), at(200), 10))).toEqual(['f_x'])
      })

      it('list a community’s pending bookings starting after now, soonest first (startsAt, id), paging by keyset', async () => {
        await insertAll([
          booking({ id: 'p_started', startsAt: at(99), status: 'pending' }),
          booking({ id: 'p_atnow', startsAt: NOW, status: 'pending' }),
          booking({ id: 'p_a', startsAt: at(120), status: 'pending', serviceId: VENUE }),
          ofRes2({ id: 'p_B', startsAt: at(120), status: 'pending' }),
          booking({ id: 'p_1', startsAt: at(110), status: 'pending' }),
          booking({ id: 'p_conf', startsAt: at(115), status: 'confirmed' }),
          ofVillage({ id: 'p_x', startsAt: at(112), status: 'pending' }),
        ])
        expect(ids(await store.bookings.listPending(ONE, NOW, null, 10))).toEqual(['p_1', 'p_B', 'p_a'])
        expect(ids(await store.bookings.listPending(ONE, NOW, null, 1))).toEqual(['p_1'])
        expect(ids(await store.bookings.listPending(ONE, NOW, { startsAt: at(110), id: 'p_1' }, 1))).toEqual(['p_B'])
        expect(ids(await store.bookings.listPending(ONE, NOW, { startsAt: at(120), id: 'p_B' }, 10))).toEqual(['p_a'])
        expect(ids(await store.bookings.listPending(ONE, at(98), null, 10))).toEqual(['p_started', 'p_atnow', 'p_1', 'p_B', 'p_a'])
        expect(ids(await store.bookings.listPending(TWO, NOW, null, 10))).toEqual(['p_x'])
      })

      it('find a community’s bookings by check-in code starting in [from, to) by (startsAt, id); tell whether a service’s code is taken', async () => {
        await insertAll([
          booking({ id: 'c_0', startsAt: at(50), checkInCode: '246810' }),
          booking({ id: 'c_A', startsAt: at(48), checkInCode: '246810', serviceId: VENUE }),
          booking({ id: 'c_1', startsAt: at(48), checkInCode: '246810', status: 'cancelled' }),
          booking({ id: 'c_other', startsAt: at(49), checkInCode: '135790' }),
          booking({ id: 'c_late', startsAt: at(72), checkInCode: '246810' }),
          booking({ id: 'c_none', startsAt: at(48) }),
          ofVillage({ id: 'c_x', startsAt: at(48), checkInCode: '246810' }),
        ])
        expect(ids(await store.bookings.findByCode(ONE, '246810', at(48), at(72)))).toEqual(['c_1', 'c_A', 'c_0'])
        expect(ids(await store.bookings.findByCode(ONE, '246810', at(49), at(73)))).toEqual(['c_0', 'c_late'])
        expect(ids(await store.bookings.findByCode(TWO, '246810', at(0), at(200)))).toEqual(['c_x'])
        expect(await store.bookings.findByCode(ONE, '000000', at(0), at(200))).toEqual([])
        expect(await store.bookings.codeTaken(LEGAL, '246810', at(48), at(72))).toBe(true)
        expect(await store.bookings.codeTaken(LEGAL, '246810', at(51), at(72))).toBe(false)
        expect(await store.bookings.codeTaken(LEGAL, '246810', at(72), at(96))).toBe(true)
        expect(await store.bookings.codeTaken(VENUE, '246810', at(48), at(72))).toBe(true)
        expect(await store.bookings.codeTaken(VENUE, '246810', at(49), at(72))).toBe(false)
        expect(await store.bookings.codeTaken(LEGAL, '135790', at(48), at(72))).toBe(true)
        expect(await store.bookings.codeTaken(LEGAL, '000000', at(0), at(200))).toBe(false)
      })

      it('lock a slot, creating its lock on first use: taking it again, in or out of a transaction, is fine', async () => {
        await store.bookings.lockSlot(LEGAL, at(48))
        await store.bookings.lockSlot(LEGAL, at(48))
        await store.transaction(async (tx) => {
          await tx.bookings.lockSlot(LEGAL, at(48))
          await tx.bookings.lockSlot(LEGAL, at(48))
          await tx.bookings.lockSlot(VENUE, '2026-11-22T08:00:00+08:00')
          await tx.bookings.insert(booking({ id: 'bk_1', serviceId: VENUE, startsAt: '2026-11-22T08:00:00+08:00' }))
        })
        expect(await store.bookings.slotCounts(VENUE, at(48), at(49))).toEqual([{ startsAt: at(48), held: 1, waitlist: 0 }])
      })

      it('races: of 5 bookers of a one-seat slot, each counting seats under the slot’s lock, exactly one books', async () => {
        const bookers = [PEOPLE.res1, PEOPLE.res2, PEOPLE.leader, PEOPLE.res1b, PEOPLE.grid1]
        // The slot was used before (its lock row exists): the lock, not the row's creation, must serialise them.
        await store.bookings.lockSlot(VENUE, at(48))
        const results = await Promise.all(
          bookers.map((p, i) =>
            store.transaction(async (tx) => {
              await tx.bookings.lockSlot(VENUE, at(48))
              const held = (await tx.bookings.slotCounts(VENUE, at(48), at(49)))[0]?.held ?? 0
              // Give a second booker every chance to count the same seat.
              await pause(20)
              if (held >= 1) return false
              await tx.bookings.insert(booking({ id: `bk_race${i}`, serviceId: VENUE, personId: p.id, personName: p.name }))
              return true
            }),
          ),
        )
        expect(results.filter(Boolean)).toHaveLength(1)
        expect(await store.bookings.slotCounts(VENUE, at(48), at(49))).toEqual([{ startsAt: at(48), held: 1, waitlist: 0 }])
        expect(ids(await store.bookings.listForService(VENUE, at(0), at(200)))).toEqual([`bk_race${results.indexOf(true)}`])
      })

      it('races: changes to one booking read under findForUpdate serialise (no lost update)', async () => {
        await store.bookings.insert(booking({ id: 'bk_1' }))
        await Promise.all(
          [0, 1].map(() =>
            store.transaction(async (tx) => {
              const b = await tx.bookings.findForUpdate('bk_1')
              await pause(20)
              const n = b!.history.length
              await tx.bookings.update('bk_1', { checkInCode: String(n).padStart(6, '0') }, { at: at(2 + n), action: 'reminded', byName: '系统' })
            }),
          ),
        )
        const after = await store.bookings.find('bk_1')
        expect(after?.checkInCode).toBe('000002')
        expect(after?.history.map((e) => e.at)).toEqual([at(1), at(3), at(4)])
        expect(after?.updatedAt).toBe(at(4))
      })
    })

    // ── durable jobs ─────────────────────────────────────────────────────────────────────────

    describe('jobs', () => {
      const pendingKeys = async (prefix: string) => (await store.jobs.pending(prefix)).sort((a, b) => codePoint(a.key, b.key))

      it('schedule a key once: a second schedule answers false and writes nothing, even after the first ran', async () => {
        expect(await store.jobs.schedule(job({ id: 'j_1', runAt: '2026-11-20T18:00:00+08:00' }))).toBe(true)
        expect(await store.jobs.schedule(job({ id: 'j_2', key: 'booking.remind:j_1', runAt: at(5), payload: { other: true } }))).toBe(false)
        expect(await store.jobs.pending('booking.remind:')).toEqual([{ key: 'booking.remind:j_1', runAt: at(10), attempts: 0 }])
        const [claimed] = await store.jobs.claimDue(at(10), 'w1', at(11), 10)
        expect(claimed).toStrictEqual({ id: 'j_1', kind: 'booking.remind', key: 'booking.remind:j_1', runAt: at(10), payload: { bookingId: 'bk_j_1' }, attempts: 1 })
        expect(await store.jobs.complete('j_1', 'w1', at(10.5))).toBe(true)
        expect(await store.jobs.schedule(job({ id: 'j_3', key: 'booking.remind:j_1', runAt: at(20) }))).toBe(false)
        expect(await store.jobs.claimDue(at(500), 'w2', at(501), 10)).toEqual([])
      })

      it('schedule several jobs at once: each key once, counting only the new ones (an existing key, or one twice in the batch, writes nothing)', async () => {
        expect(await store.jobs.scheduleAll([])).toBe(0)
        await store.jobs.schedule(job({ id: 'j_0', key: 'booking.remind:old', runAt: at(5) }))
        const batch = [
          job({ id: 'j_1', key: 'booking.remind:a', runAt: at(30), payload: { which: 'day', note: '提醒' } }),
          job({ id: 'j_2', key: 'booking.remind:old', runAt: at(40) }),
          job({ id: 'j_3', kind: 'booking.slot_ended', key: 'booking.slot_ended:b', runAt: at(20) }),
          job({ id: 'j_4', key: 'booking.remind:a', runAt: at(50) }),
        ]
        expect(await store.jobs.scheduleAll(batch)).toBe(2)
        expect(await pendingKeys('booking.')).toEqual([
          { key: 'booking.remind:a', runAt: at(30), attempts: 0 },
          { key: 'booking.remind:old', runAt: at(5), attempts: 0 },
          { key: 'booking.slot_ended:b', runAt: at(20), attempts: 0 },
        ])
        const claimed = await store.jobs.claimDue(at(30), 'w1', at(31), 10)
        expect(claimed.map((j) => [j.id, j.kind, j.payload])).toEqual([
          ['j_0', 'booking.remind', { bookingId: 'bk_j_0' }],
          ['j_3', 'booking.slot_ended', { bookingId: 'bk_j_3' }],
          ['j_1', 'booking.remind', { which: 'day', note: '提醒' }],
        ])
        expect(await store.jobs.scheduleAll([job({ id: 'j_5', key: 'booking.slot_ended:b', runAt: at(60) })])).toBe(0)
      })

      it('list the jobs not done with a key prefix (taken literally: `_` and `%` are no wildcards)', async () => {
        await store.jobs.schedule(job({ id: 'j_1', key: 'booking.remind:bk_1@a', runAt: at(30) }))
        await store.jobs.schedule(job({ id: 'j_2', key: 'booking.remind:bk_1@b', runAt: at(20) }))
        await store.jobs.schedule(job({ id: 'j_3', key: 'booking.remind:bkX1@a', runAt: at(20) }))
        await store.jobs.schedule(job({ id: 'j_4', kind: 'booking.slot_started', key: 'booking.slot_started:sv_legal@1', runAt: at(40) }))
        await store.jobs.schedule(job({ id: 'j_5', key: 'booking.remind:100%', runAt: at(40) }))
        expect(await pendingKeys('booking.remind:bk_1')).toEqual([
          { key: 'booking.remind:bk_1@a', runAt: at(30), attempts: 0 },
          { key: 'booking.remind:bk_1@b', runAt: at(20), attempts: 0 },
        ])
        expect((await pendingKeys('booking.remind:')).map((j) => j.key)).toEqual(['booking.remind:100%', 'booking.remind:bkX1@a', 'booking.remind:bk_1@a', 'booking.remind:bk_1@b'])
        expect(await pendingKeys('booking.remind:1%')).toEqual([])
        expect((await pendingKeys('')).length).toBe(5)
        // A claimed job is still pending (with its attempt); a done one is not.
        await store.jobs.claimDue(at(20), 'w1', at(21), 1)
        expect((await pendingKeys('booking.remind:bk_1@b'))[0]).toEqual({ key: 'booking.remind:bk_1@b', runAt: at(20), attempts: 1 })
        expect(await store.jobs.complete('j_2', 'w1', at(20))).toBe(true)
        expect(await pendingKeys('booking.remind:bk_1@b')).toEqual([])
      })

      it('claim due jobs oldest due first (runAt, id), at most `limit`, each leased to the worker with one more attempt', async () => {
        await store.jobs.schedule(job({ id: 'j_b', runAt: at(10), payload: { bookingId: 'bk_1', nested: { hours: [24, 1] }, note: '提醒' } }))
        await store.jobs.schedule(job({ id: 'j_A', runAt: at(10) }))
        await store.jobs.schedule(job({ id: 'j_c', runAt: at(5), kind: 'booking.slot_started' }))
        await store.jobs.schedule(job({ id: 'j_late', runAt: at(10.5) }))
        const first = await store.jobs.claimDue(at(10), 'w1', at(11), 2)
        expect(ids(first)).toEqual(['j_c', 'j_A'])
        expect(first.map((j) => j.attempts)).toEqual([1, 1])
        expect(first[0].kind).toBe('booking.slot_started')
        const second = await store.jobs.claimDue(at(10), 'w2', at(11), 10)
        expect(second).toStrictEqual([
          { id: 'j_b', kind: 'booking.remind', key: 'booking.remind:j_b', runAt: at(10), payload: { bookingId: 'bk_1', nested: { hours: [24, 1] }, note: '提醒' }, attempts: 1 },
        ])
        // Everything due is leased; j_late is not due yet.
        expect(await store.jobs.claimDue(at(10), 'w3', at(11), 10)).toEqual([])
        expect(ids(await store.jobs.claimDue(at(10.5), 'w3', at(12), 10))).toEqual(['j_late'])
      })

      it('claim again a job whose lease ended before now (its attempts counting on); the former holder can no longer complete it', async () => {
        await store.jobs.schedule(job({ id: 'j_1' }))
        await store.jobs.schedule(job({ id: 'j_2', runAt: at(10.1) }))
        expect(ids(await store.jobs.claimDue(at(10.2), 'w1', at(11), 10))).toEqual(['j_1', 'j_2'])
        // A lease runs until its end, inclusive.
        expect(await store.jobs.claimDue(at(11), 'w2', at(12), 10)).toEqual([])
        const again = await store.jobs.claimDue(at(11.5), 'w2', at(12), 1)
        expect(again.map((j) => [j.id, j.attempts])).toEqual([['j_1', 2]])
        expect(await store.jobs.complete('j_1', 'w1', at(11.6))).toBe(false)
        expect(await store.jobs.complete('j_1', 'w3', at(11.6))).toBe(false)
        expect(await store.jobs.complete('j_1', 'w2', at(11.7))).toBe(true)
        // A done job is never claimed again; j_2's lease also ended.
        expect((await store.jobs.claimDue(at(13), 'w3', at(14), 10)).map((j) => [j.id, j.attempts])).toEqual([['j_2', 2]])
        expect(await store.jobs.pending('booking.remind:j_1')).toEqual([])
      })

      it('fail: run again at retryAt (the lease released), or never; only the holder’s failure counts', async () => {
        await store.jobs.schedule(job({ id: 'j_1' }))
        await store.jobs.claimDue(at(10), 'w1', at(11), 10)
        // Another worker's failure changes nothing: the job stays leased to w1.
        await store.jobs.fail('j_1', 'w2', '不是我的', at(10.2))
        expect(await store.jobs.claimDue(at(10.5), 'w3', at(12), 10)).toEqual([])
        await store.jobs.fail('j_1', 'w1', '网络超时', at(12))
        expect(await store.jobs.pending('booking.remind:j_1')).toEqual([{ key: 'booking.remind:j_1', runAt: at(12), attempts: 1 }])
        expect(await store.jobs.complete('j_1', 'w1', at(11.5))).toBe(false)
        // Not due before retryAt, even though the old lease has ended.
        expect(await store.jobs.claimDue(at(11.5), 'w2', at(13), 10)).toEqual([])
        const retried = await store.jobs.claimDue(at(12), 'w2', at(13), 10)
        expect(retried.map((j) => [j.id, j.runAt, j.attempts])).toEqual([['j_1', at(12), 2]])
        await store.jobs.fail('j_1', 'w2', '预约不存在', null)
        expect(await store.jobs.claimDue(at(500), 'w3', at(501), 10)).toEqual([])
        expect(await store.jobs.pending('booking.remind:j_1')).toEqual([])
        expect(await store.jobs.complete('j_1', 'w2', at(13))).toBe(false)
        // Its key stays taken.
        expect(await store.jobs.schedule(job({ id: 'j_9', key: 'booking.remind:j_1' }))).toBe(false)
      })

      it('races: 20 workers claiming at once never get one job twice', async () => {
        for (let i = 0; i < 10; i++) await store.jobs.schedule(job({ id: `j_${i}`, runAt: at(i) }))
        const claims = await Promise.all(Array.from({ length: 20 }, (_, w) => store.jobs.claimDue(at(10), `w${w}`, at(11), 2)))
        const claimed = claims.flatMap(ids)
        expect(claimed.length).toBe(10)
        expect(new Set(claimed).size).toBe(10)
        expect(claims.flat().every((j) => j.attempts === 1)).toBe(true)
        // Each completes only by its own worker.
        const outcomes = await Promise.all(claims.flatMap((jobs, w) => jobs.map((j) => store.jobs.complete(j.id, `w${w}`, at(10.5)))))
        expect(outcomes.every(Boolean)).toBe(true)
        expect(await store.jobs.pending('booking.remind:')).toEqual([])
      })
    })

    // ── personal data ────────────────────────────────────────────────────────────────────────

    describe('personal data', () => {
      beforeEach(withServices)

      const res1 = PEOPLE.res1
      const staff = PEOPLE.staff
      /** res1's bookings, one staff booked for them (代约), one they booked for res2, and others'. */
      const fixture = () => [
        booking({
          id: 'bk_own',
          createdAt: at(2),
          status: 'cancelled',
          answers: [{ questionId: 'purpose', label: '咨询事项', value: '离婚财产分割' }],
          cancellation: { by: 'resident', reason: '身体不适', at: at(5), byName: res1.name },
          history: [booked(2), { at: at(3), action: 'confirmed', byName: staff.name }, { at: at(5), action: 'cancelled', byName: res1.name, note: '身体不适' }],
          updatedAt: at(5),
        }),
        booking({
          id: 'bk_for1',
          createdAt: at(3),
          startsAt: at(50),
          status: 'rejected',
          bookedById: staff.id,
          bookedByName: staff.name,
          rejection: { reason: '名额已满', at: at(4), byName: staff.name },
          history: [booked(3, staff.name), { at: at(4), action: 'rejected', byName: staff.name }],
          updatedAt: at(4),
        }),
        ofRes2({
          id: 'bk_by1',
          createdAt: at(3),
          serviceId: VENUE,
          bookedById: res1.id,
          bookedByName: res1.name,
          answers: [{ questionId: 'people', label: '人数', value: '3' }],
          history: [booked(3, res1.name)],
          updatedAt: at(3),
        }),
        ofRes2({ id: 'bk_res2', createdAt: at(6), history: [booked(6, PEOPLE.res2.name)], updatedAt: at(6) }),
        booking({ id: 'bk_res1b', createdAt: at(7), personId: PEOPLE.res1b.id, personName: PEOPLE.res1b.name, history: [booked(7, PEOPLE.res1b.name)], updatedAt: at(7) }),
      ]

      it('collect a person’s bookings: for them and by them (代约), newest first (createdAt desc, id desc)', async () => {
        const all = fixture()
        await insertAll(all)
        const byId = new Map(all.map((b) => [b.id, b]))
        const records = await store.privacy.collect(res1.id)
        expect(ids(records!.bookings)).toEqual(['bk_for1', 'bk_by1', 'bk_own'])
        expect(records!.bookings).toStrictEqual(['bk_for1', 'bk_by1', 'bk_own'].map((id) => byId.get(id)))
        expect(ids((await store.privacy.collect(staff.id))!.bookings)).toEqual(['bk_for1'])
        expect(ids((await store.privacy.collect(PEOPLE.res2.id))!.bookings)).toEqual(['bk_res2', 'bk_by1'])
        expect((await store.privacy.collect(PEOPLE.leader.id))!.bookings).toEqual([])
      })

      it('erase a person’s name from bookings for them and by them, and their answers from bookings for them; others’ names and answers stay', async () => {
        const all = fixture()
        await insertAll(all)
        const byId = new Map(all.map((b) => [b.id, b]))
        await store.privacy.erase(res1.id, ERASED, at(50))
        expect(await store.bookings.find('bk_own')).toStrictEqual({
          ...byId.get('bk_own'),
          personName: ERASED,
          answers: [],
          cancellation: { by: 'resident', reason: '身体不适', at: at(5), byName: ERASED },
          history: [booked(2, ERASED), { at: at(3), action: 'confirmed', byName: staff.name }, { at: at(5), action: 'cancelled', byName: ERASED, note: '身体不适' }],
        })
        // Staff's 代约 for them: staff's name stays.
        expect(await store.bookings.find('bk_for1')).toStrictEqual({ ...byId.get('bk_for1'), personName: ERASED, answers: [] })
        // Their 代约 for res2: their name goes, res2's name and answers stay.
        expect(await store.bookings.find('bk_by1')).toStrictEqual({ ...byId.get('bk_by1'), bookedByName: ERASED, history: [booked(3, ERASED)] })
        expect(await store.bookings.find('bk_res2')).toStrictEqual(byId.get('bk_res2'))
        expect(await store.bookings.find('bk_res1b')).toStrictEqual(byId.get('bk_res1b'))
        // The bookings still count: a household's seat and its history are not the person's to take.
        expect(await store.bookings.slotCounts(LEGAL, at(48), at(49))).toEqual([{ startsAt: at(48), held: 2, waitlist: 0 }])
      })
    })
  })
}
