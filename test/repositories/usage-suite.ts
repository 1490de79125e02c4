/**
 * The usage port's contract (the quotas of ADR 20; src/core/ports.ts UsageRepository): what one
 * person wrote in each span, [from, to), counted from the rows the features write — the same on
 * the memory store (memory.test.ts) and the SQL store (sql-pglite.test.ts, sql-postgres.test.ts). Fixtures go through the ports.
 */
import type { BookingRecord, ContributionRecord, ProposalRecord, ServiceRecord, Store } from '../../src/core/ports'
import type { QuotaSpan } from '../../src/domain/quotas'
import { at, NOTICES, ONE, PEOPLE, SET_UP, setupOne, setupTwo, TWO } from './fixture'
import type { StoreUnderTest } from './suite'

/** Three spans: one from at(0), one overlapping it from at(5), one with nothing in it. */
const SPANS: QuotaSpan[] = [
  { from: at(0), to: at(10) },
  { from: at(5), to: at(20) },
  { from: at(50), to: at(60) },
]

const proposal = (id: string, authorId: string, createdAt: string): ProposalRecord => ({
  id,
  communityId: ONE,
  authorId,
  authorName: '居民',
  authorHome: { buildingId: 'b-1', room: '101' },
  authorBuildingName: '1号楼',
  title: `提议 ${id}`,
  body: '小区东门的路灯坏了很久，建议更换。',
  photoIds: [],
  threshold: 3,
  deadline: at(720),
  status: 'collecting',
  createdAt,
})

const contribution = (id: string, over: Partial<ContributionRecord> & { subjectKey: string; createdAt: string }): ContributionRecord => ({
  id,
  communityId: ONE,
  authorId: PEOPLE.res2.id,
  authorName: PEOPLE.res2.name,
  official: false,
  body: `意见 ${id}`,
  ...over,
})

const SERVICE: ServiceRecord = {
  id: 'sv_usage',
  communityId: ONE,
  name: '法律咨询',
  kind: 'legal',
  description: '每周二上午律师坐班',
  location: { kind: 'address', address: '社区服务中心201室' },
  provider: '张律师',
  durationMinutes: 30,
  bufferMinutes: 10,
  capacity: 2,
  eligibility: [],
  questions: [],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60 },
  hours: [{ weekday: 2, start: '09:00', end: '11:30' }],
  exceptions: [],
  status: 'published',
  updatedAt: at(0),
  createdAt: at(0),
  createdById: PEOPLE.staff.id,
}

const booking = (id: string, createdAt: string, over: Partial<BookingRecord> = {}): BookingRecord => ({
  id,
  communityId: ONE,
  serviceId: SERVICE.id,
  startsAt: at(48),
  endsAt: at(49),
  status: 'cancelled',
  buildingId: 'b-1',
  room: '101',
  personId: PEOPLE.res1.id,
  personName: PEOPLE.res1.name,
  answers: [],
  history: [{ at: createdAt, action: 'booked', byName: PEOPLE.res1.name }],
  cancellation: { by: 'resident', reason: '临时有事', at: createdAt, byName: PEOPLE.res1.name },
  createdAt,
  updatedAt: createdAt,
  ...over,
})

export function defineUsageSuite(name: string, setup: () => Promise<StoreUnderTest>): void {
  describe(`the usage repository contract: ${name}`, () => {
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

    it('counts a person’s photos and their bytes, from inclusive, to exclusive', async () => {
      const photo = (id: string, ownerId: string, createdAt: string, bytes: number) => store.photos.insert({ id, ownerId, contentType: 'image/jpeg', bytes, createdAt })
      await photo('p_a', PEOPLE.res1.id, at(0), 100)
      await photo('p_b', PEOPLE.res1.id, at(5), 200)
      await photo('p_c', PEOPLE.res1.id, at(10), 400)
      await photo('p_d', PEOPLE.res1.id, at(20), 800)
      await photo('p_e', PEOPLE.res2.id, at(5), 1600)
      expect(await store.usage.photos(PEOPLE.res1.id, SPANS)).toStrictEqual([
        { count: 2, bytes: 300 },
        { count: 2, bytes: 600 },
        { count: 0, bytes: 0 },
      ])
      expect(await store.usage.photos(PEOPLE.staff.id, SPANS.slice(0, 1))).toStrictEqual([{ count: 0, bytes: 0 }])
      expect(await store.usage.photos(PEOPLE.res1.id, [])).toStrictEqual([])
    })

    it('counts a person’s messages on every thread', async () => {
      const message = (id: string, authorId: string, threadOwner: string, when: string) =>
        store.messages.insert({ id, threadId: `general:${threadOwner}`, authorId, authorName: '某人', authorRole: 'resident', body: '你好', at: when, communityId: ONE, ownerId: threadOwner })
      await message('m_a', PEOPLE.res1.id, PEOPLE.res1.id, at(1))
      await message('m_b', PEOPLE.res1.id, PEOPLE.res1.id, at(9))
      await message('m_c', PEOPLE.staff.id, PEOPLE.res1.id, at(9))
      await message('m_d', PEOPLE.res1.id, PEOPLE.res1.id, at(19))
      await message('m_e', PEOPLE.staff.id, PEOPLE.res2.id, at(12))
      expect(await store.usage.messages(PEOPLE.res1.id, SPANS)).toStrictEqual([2, 2, 0])
      expect(await store.usage.messages(PEOPLE.staff.id, SPANS)).toStrictEqual([1, 2, 0])
    })

    it('counts a person’s notices and, of them, the urgent or pinned ones', async () => {
      for (const n of NOTICES) await store.notices.insert(n)
      // Staff's in [0, 10): n_pinurg (n_pin at 10 is out); in [5, 20): n_pinurg, n_pin (n_urg at 20 is out);
      // in [50, 60): n_b2, n_b12 (urgent), n_gone, n_atnow. Another community's author is another person.
      expect(await store.usage.notices(PEOPLE.staff.id, SPANS)).toStrictEqual([
        { count: 1, prominent: 1 },
        { count: 2, prominent: 2 },
        { count: 4, prominent: 1 },
      ])
      expect(await store.usage.notices(PEOPLE.staff.id, [{ from: at(0), to: at(100) }])).toStrictEqual([{ count: 10, prominent: 4 }])
      expect(await store.usage.notices(PEOPLE.leader.id, [{ from: at(0), to: at(100) }])).toStrictEqual([{ count: 2, prominent: 0 }])
    })

    it('counts a person’s proposals', async () => {
      await store.proposals.insert(proposal('pp_a', PEOPLE.res1.id, at(0)))
      await store.proposals.insert(proposal('pp_b', PEOPLE.res1.id, at(10)))
      await store.proposals.insert(proposal('pp_c', PEOPLE.res2.id, at(5)))
      expect(await store.usage.proposals(PEOPLE.res1.id, SPANS)).toStrictEqual([1, 1, 0])
      expect(await store.usage.proposals(PEOPLE.res2.id, SPANS)).toStrictEqual([1, 1, 0])
    })

    it('counts a person’s contributions and, of them, questions (not official, on a disclosure)', async () => {
      await store.contributions.insert(contribution('ct_a', { subjectKey: 'proposal:pp_x', createdAt: at(1), stance: 'for' }))
      await store.contributions.insert(contribution('ct_b', { subjectKey: 'disclosure:d_x', createdAt: at(6) }))
      await store.contributions.insert(contribution('ct_c', { subjectKey: 'article:cv_x:a1', createdAt: at(7), stance: 'against' }))
      await store.contributions.insert(contribution('ct_d', { subjectKey: 'disclosure:d_x', createdAt: at(15) }))
      await store.contributions.insert(
        contribution('ct_e', { subjectKey: 'disclosure:d_x', createdAt: at(8), authorId: PEOPLE.staff.id, authorName: PEOPLE.staff.name, official: true }),
      )
      expect(await store.usage.contributions(PEOPLE.res2.id, SPANS)).toStrictEqual([
        { count: 3, questions: 1 },
        { count: 3, questions: 2 },
        { count: 0, questions: 0 },
      ])
      // An official answer on a disclosure is no question.
      expect(await store.usage.contributions(PEOPLE.staff.id, SPANS.slice(0, 1))).toStrictEqual([{ count: 1, questions: 0 }])
    })

    it('counts the bookings a person made: their own, and those they made for others (代约), whatever became of them', async () => {
      await store.services.insert(SERVICE)
      await store.bookings.insert(booking('bk_a', at(1)))
      await store.bookings.insert(booking('bk_b', at(9), { status: 'confirmed', cancellation: undefined }))
      // 代约 by staff for res1: staff's, not res1's.
      await store.bookings.insert(booking('bk_c', at(6), { bookedById: PEOPLE.staff.id, bookedByName: PEOPLE.staff.name }))
      await store.bookings.insert(
        booking('bk_d', at(12), { personId: PEOPLE.res2.id, personName: PEOPLE.res2.name, buildingId: 'b-2', room: '201', bookedById: PEOPLE.staff.id, bookedByName: PEOPLE.staff.name }),
      )
      expect(await store.usage.bookings(PEOPLE.res1.id, SPANS)).toStrictEqual([2, 1, 0])
      expect(await store.usage.bookings(PEOPLE.staff.id, SPANS)).toStrictEqual([1, 2, 0])
      expect(await store.usage.bookings(PEOPLE.res2.id, SPANS)).toStrictEqual([0, 0, 0])
    })
  })
}
