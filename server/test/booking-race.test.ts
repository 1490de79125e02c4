import type { LightMyRequestResponse } from 'fastify'
import type { CommunitySetup, PersonRecord } from '../../src/core/ports'
import { addDays, beijingDate, beijingInstant } from '../../src/domain/beijing-time'
import { DEMO_STREET } from '../../src/domain/demo-community'
import { onEveryDatabase, raceWorld, type RaceWorld } from './support/each-database'
import { newKey, type Headers } from './support/world'

/**
 * No overbooking (issue 12), at the HTTP edge on PGlite and on PostgreSQL: 200 residents of 200
 * households book one slot of 10 seats at once (each offering to wait) → exactly 10 hold a seat
 * and 190 wait, in one line with no gaps; then 5 of the seated cancel at once → exactly the first
 * 5 in line are promoted, in their order, and the rest keep theirs. The memory adapter's run of the
 * same is in test/core/booking.test.ts.
 */

jest.setTimeout(180_000)

const API = '/api/v1'
const ROOMS = Array.from({ length: 200 }, (_, i) => `${1001 + i}`)

function raceCommunity(): CommunitySetup {
  const person = (id: string, name: string, room?: string): PersonRecord => ({
    id,
    name,
    phone: '',
    roles: room ? ['resident'] : ['staff'],
    ...(room ? { home: { buildingId: 'b-seat', room } } : {}),
    gridIds: [],
    leadsBuildingIds: [],
    description: '并发预约',
  })
  return {
    community: { id: 'c-seat', name: '抢号社区', kind: 'community', district: '无锡市锡山区东亭街道', streetId: DEMO_STREET.id, streetName: DEMO_STREET.name },
    street: DEMO_STREET,
    joinCode: 'QH2026',
    reportPrefix: 'QH',
    grids: [{ id: 'g-seat', communityId: 'c-seat', name: '抢号网格' }],
    buildings: [{ id: 'b-seat', communityId: 'c-seat', gridId: 'g-seat', name: '抢号楼', rooms: ROOMS }],
    departments: [],
    categories: [{ id: 'cat-seat', name: '其他', guidance: '', deadlineHours: 48 }],
    replyTemplates: [],
    people: [person('u-seat-staff', '值班员'), ...ROOMS.map((room) => person(`u-seat-${room}`, `住户${room}`, room))],
  }
}

const SERVICE = {
  name: '法律咨询（抢号）',
  kind: 'legal',
  description: '周四上午法律咨询',
  location: { kind: 'address', address: '社区服务中心' },
  provider: '王律师',
  durationMinutes: 60,
  bufferMinutes: 0,
  capacity: 10,
  eligibility: [],
  questions: [],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 0, maxDaysAhead: 14, changeCutoffMinutes: 0 },
  hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
  exceptions: [],
  status: 'published',
}

function json<T = Record<string, unknown>>(response: LightMyRequestResponse, status: number): T {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`)
  return response.json() as T
}

type Seat = { id: string; status: string; person: { id: string } }

function defineRace(name: string, open: () => Promise<RaceWorld | null>): void {
  describe(`no overbooking (${name})`, () => {
    let race: RaceWorld | null = null
    const heads = new Map<string, Headers>()
    let staff: Headers

    beforeAll(async () => {
      race = await open()
      if (!race) return
      staff = await race.as('u-seat-staff')
      for (const room of ROOMS) heads.set(room, await race.as(`u-seat-${room}`))
    })
    afterAll(() => race?.close())

    it('200 bookers at once for 10 seats: exactly 10 seated and 190 in line; 5 cancel at once → the first 5 in line promoted, in order', async () => {
      if (!race) return
      const service = json<{ id: string }>(await race.inject({ method: 'POST', url: `${API}/services`, headers: { ...staff, 'idempotency-key': newKey() }, payload: SERVICE }), 201)
      const startsAt = beijingInstant(addDays(beijingDate(new Date()), 2), 600)
      const answers = await Promise.all(
        ROOMS.map((room) =>
          race!.inject({ method: 'POST', url: `${API}/bookings`, headers: { ...heads.get(room)!, 'idempotency-key': newKey() }, payload: { serviceId: service.id, startsAt, answers: {}, waitlist: true } }),
        ),
      )
      expect(answers.map((a) => a.statusCode).filter((s) => s !== 201)).toEqual([])
      const made = answers.map((a) => a.json() as Seat)
      const seated = made.filter((m) => m.status === 'confirmed')
      const waiting = made.filter((m) => m.status === 'waitlisted')
      expect([seated.length, waiting.length]).toEqual([10, 190])

      const day = async () => {
        const shown = json<{ slots: Array<{ startsAt: string; seatsLeft: number; waitlist: number; bookings: Array<Seat & { waitlistPosition?: number }> }> }>(
          await race!.inject({ url: `${API}/services/${service.id}/days/${beijingDate(startsAt)}`, headers: staff }),
          200,
        )
        return shown.slots.find((s) => s.startsAt === startsAt)!
      }
      const before = await day()
      expect([before.seatsLeft, before.waitlist]).toEqual([0, 190])
      const line = before.bookings.filter((b) => b.status === 'waitlisted').sort((a, b) => a.waitlistPosition! - b.waitlistPosition!)
      expect(line.map((b) => b.waitlistPosition)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1))

      const leaving = seated.slice(0, 5)
      const cancels = await Promise.all(
        leaving.map((s) => race!.inject({ method: 'POST', url: `${API}/bookings/${s.id}/cancel`, headers: heads.get(s.person.id.slice('u-seat-'.length))!, payload: { reason: '临时有事' } })),
      )
      expect(cancels.map((c) => c.statusCode)).toEqual([200, 200, 200, 200, 200])
      const after = await day()
      const status = new Map(after.bookings.map((b) => [b.id, b]))
      expect(line.slice(0, 5).map((b) => status.get(b.id)!.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed'])
      expect(line.slice(5).every((b) => status.get(b.id)!.status === 'waitlisted')).toBe(true)
      expect(line.slice(5).map((b) => status.get(b.id)!.waitlistPosition)).toEqual(Array.from({ length: 185 }, (_, i) => i + 1))
      expect([after.seatsLeft, after.waitlist]).toEqual([0, 185])
      expect(after.bookings.filter((b) => b.status === 'confirmed')).toHaveLength(10)
    })
  })
}

onEveryDatabase('no overbooking', (name, open) =>
  defineRace(name, async () => {
    const opened = await open()
    return opened ? raceWorld(opened.db, raceCommunity(), opened.stop) : null
  }),
)
