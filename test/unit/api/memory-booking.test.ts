/**
 * The memory store's own promises for service booking (issue 12), beyond the repository contract
 * (test/repositories): the booking collections live in storage (chunked, read back by a new
 * instance), state of schema 5 (before booking) is replaced, a transaction that throws leaves no
 * booking, job or lease behind, and bookers of one slot serialise without lock rows.
 */
import type { BookingRecord, ServiceRecord, Store } from '../../../src/core/ports'
import { SEAT_HOLDING } from '../../../src/core/ports'
import { createMemoryStore, MEMORY_STORE_SCHEMA } from '../../../src/api/memory/store'
import { memoryStorage } from '../../../src/platform/storage'
import { at, ONE, PEOPLE, setupOne } from '../../repositories/fixture'

const service = (over: Partial<ServiceRecord> = {}): ServiceRecord => ({
  id: 'sv-1',
  communityId: ONE,
  name: '法律咨询',
  kind: 'legal',
  description: '每周三下午',
  location: { kind: 'address', address: '社区服务中心 201' },
  provider: '张律师',
  durationMinutes: 30,
  bufferMinutes: 0,
  capacity: 2,
  eligibility: [],
  questions: [{ id: 'purpose', label: '咨询事项', kind: 'text', required: true }],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60 },
  hours: [{ weekday: 3, start: '14:00', end: '17:00' }],
  exceptions: [],
  status: 'published',
  updatedAt: at(0),
  createdAt: at(0),
  createdById: PEOPLE.staff.id,
  ...over,
})

const booking = (over: Partial<BookingRecord> & { id: string }): BookingRecord => ({
  communityId: ONE,
  serviceId: 'sv-1',
  startsAt: at(48),
  endsAt: at(48.5),
  status: 'confirmed',
  buildingId: 'b-1',
  room: '101',
  personId: PEOPLE.res1.id,
  personName: PEOPLE.res1.name,
  answers: [{ questionId: 'purpose', label: '咨询事项', value: '遗产继承' }],
  checkInCode: '123456',
  history: [{ at: at(1), action: 'booked', byName: PEOPLE.res1.name }],
  createdAt: at(1),
  updatedAt: at(1),
  ...over,
})

async function seeded(store: Store): Promise<void> {
  await store.directory.createCommunity(setupOne(), at(0))
  await store.services.insert(service())
}

describe('service booking in the memory store', () => {
  it('keeps services, tags, bookings and jobs across a new instance, spread over chunks', async () => {
    const storage = memoryStorage()
    const first = createMemoryStore({ storage, chunkRows: 3 })
    await seeded(first)
    await first.householdTags.save({ communityId: ONE, buildingId: 'b-1', room: '101' }, ['elderly', 'low_income'], at(1), PEOPLE.staff.id)
    for (let i = 0; i < 7; i++) await first.bookings.insert(booking({ id: `bk-${i}`, startsAt: at(48 + i), endsAt: at(48.5 + i) }))
    await first.bookings.update('bk-0', { status: 'cancelled', cancellation: { by: 'resident', reason: '有事', at: at(2), byName: PEOPLE.res1.name } }, { at: at(2), action: 'cancelled', byName: PEOPLE.res1.name })
    expect(await first.jobs.schedule({ id: 'j-1', kind: 'booking.remind', key: 'remind:bk-1', runAt: at(47), payload: { bookingId: 'bk-1' } })).toBe(true)
    await first.jobs.claimDue(at(47), 'w-1', at(47.1), 10)

    expect(storage.keys().filter((k) => k.startsWith('linli.mem.bookings.'))).toHaveLength(3)
    const again = createMemoryStore({ storage, chunkRows: 3 })
    expect(await again.services.find('sv-1')).toEqual(service())
    expect(await again.householdTags.find({ communityId: ONE, buildingId: 'b-1', room: '101' })).toEqual(['elderly', 'low_income'])
    expect(await again.bookings.find('bk-0')).toMatchObject({ status: 'cancelled', updatedAt: at(2), history: [{ action: 'booked' }, { action: 'cancelled' }] })
    expect((await again.bookings.listForService('sv-1', at(0), at(100))).map((b) => b.id)).toEqual(['bk-0', 'bk-1', 'bk-2', 'bk-3', 'bk-4', 'bk-5', 'bk-6'])
    // The lease was stored: the other instance does not claim the job again while it runs.
    expect(await again.jobs.claimDue(at(47.05), 'w-2', at(47.2), 10)).toEqual([])
    expect(await again.jobs.pending('remind:')).toEqual([{ key: 'remind:bk-1', runAt: at(47), attempts: 1 }])
  })

  it('replaces what the app stored before booking (schema 5): it starts empty, at the new schema', async () => {
    expect(MEMORY_STORE_SCHEMA).toBe(6)
    const storage = memoryStorage({
      'linli.mem.meta': JSON.stringify({ schema: 5, chunks: { communities: ['old'] } }),
      'linli.mem.stamp': 'old',
      'linli.mem.communities.0': JSON.stringify([{ id: ONE, name: '旧社区' }]),
    })
    const store = createMemoryStore({ storage })
    expect(await store.directory.findCommunity(ONE)).toBeNull()
    expect(storage.get('linli.mem.communities.0')).toBeNull()
    await seeded(store)
    expect(JSON.parse(storage.get('linli.mem.meta')!)).toMatchObject({ schema: 6, chunks: { services: [expect.any(String)] } })
  })

  it('leaves no booking, seat or lease behind when a booking transaction throws', async () => {
    const storage = memoryStorage()
    const store = createMemoryStore({ storage })
    await seeded(store)
    await store.jobs.schedule({ id: 'j-1', kind: 'booking.slot_started', key: 'started:sv-1', runAt: at(1), payload: {} })
    const before = Object.fromEntries(storage.keys().map((k) => [k, storage.get(k)]))
    await expect(
      store.transaction(async (tx) => {
        await tx.bookings.lockSlot('sv-1', at(48))
        await tx.bookings.insert(booking({ id: 'bk-gone' }))
        await tx.jobs.claimDue(at(2), 'w-1', at(3), 10)
        throw new Error('the notifier failed')
      }),
    ).rejects.toThrow('the notifier failed')
    expect(await store.bookings.find('bk-gone')).toBeNull()
    expect(await store.bookings.slotCounts('sv-1', at(0), at(100))).toEqual([])
    expect(await store.jobs.pending('started:')).toEqual([{ key: 'started:sv-1', runAt: at(1), attempts: 0 }])
    expect(Object.fromEntries(storage.keys().map((k) => [k, storage.get(k)]))).toEqual(before)
  })

  it('serialises bookers of one slot without lock rows: 40 bookers of 2 seats leave exactly 2 holding one', async () => {
    const storage = memoryStorage()
    const store = createMemoryStore({ storage })
    await seeded(store)
    const bookOne = (i: number) =>
      store.transaction(async (tx) => {
        await tx.bookings.lockSlot('sv-1', at(48))
        const [count] = await tx.bookings.slotCounts('sv-1', at(48), at(48.5))
        // Let every other booker run if it could: the mutex holds them until this one ends.
        await new Promise((resolve) => setTimeout(resolve, 0))
        const seat = (count?.held ?? 0) < 2
        await tx.bookings.insert(booking({ id: `bk-${String(i).padStart(2, '0')}`, status: seat ? 'confirmed' : 'waitlisted', ...(seat ? {} : { queuedAt: at(1), checkInCode: undefined }) }))
      })
    await Promise.all(Array.from({ length: 40 }, (_, i) => bookOne(i)))
    const all = await store.bookings.listForService('sv-1', at(0), at(100))
    expect(all.filter((b) => SEAT_HOLDING.includes(b.status))).toHaveLength(2)
    expect(await store.bookings.slotCounts('sv-1', at(0), at(100))).toEqual([{ startsAt: at(48), held: 2, waitlist: 38 }])
    // No lock row is stored: only the bookings and what set up the community.
    expect(storage.keys().some((k) => /lock/i.test(k))).toBe(false)
  })

  it('answers copies: changing an answer changes nothing stored', async () => {
    const store = createMemoryStore({ storage: memoryStorage() })
    await seeded(store)
    await store.bookings.insert(booking({ id: 'bk-1' }))
    const found = (await store.bookings.find('bk-1'))!
    found.answers[0].value = '改了'
    found.history.push({ at: at(9), action: 'done', byName: 'x' })
    const svc = (await store.services.find('sv-1'))!
    svc.questions[0].label = '改了'
    expect(await store.bookings.find('bk-1')).toEqual(booking({ id: 'bk-1' }))
    expect((await store.services.find('sv-1'))!.questions[0].label).toBe('咨询事项')
  })
})
