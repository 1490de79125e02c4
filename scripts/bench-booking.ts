/**
 * The booking scenario of `npm run bench` (scripts/bench-server.ts): a community of its own with
 * BOOKERS verified residents (demo accounts, signed in by demo sign-in) and a staff member who
 * publishes a lawyer open every day 09:00–17:00 in half-hour slots with room for everyone; the load
 * books one of the coming days' slots and cancels it again.
 */
import type { ServiceInput } from '../types/api'
import type { Booking, MyBookings } from '../types/domain'
import { API, IDEMPOTENCY_HEADER } from '../types/routes'
import type { CommunitySetup } from '../src/core/ports'
import type { Database } from '../server/app'
import { createSqlStore } from '../server/repositories'

/** Residents taking turns: more than the connections, so every connection always has one free. */
export const BOOKERS = 80

export interface BookingLoad {
  serviceId: string
  /** Bookable slot starts of the coming days. */
  slots: string[]
  /** A bearer token per resident. */
  tokens: string[]
  /** The staff member's bearer token (the vote scenario opens its votes with it). */
  staff: string
}

export type Http = (base: string, method: string, path: string, options?: { token?: string; body?: unknown; key?: string }) => Promise<{ status: number; json: unknown }>

const person = { phone: '', gridIds: [], leadsBuildingIds: [] }
const residentId = (i: number) => `u-bench-${String(i).padStart(3, '0')}`

const COMMUNITY: CommunitySetup = {
  community: { id: 'c-bench', name: '压测社区', kind: 'community', district: '无锡市锡山区东亭街道', streetId: 's-bench', streetName: '压测街道' },
  street: { id: 's-bench', name: '压测街道', district: '无锡市锡山区' },
  joinCode: 'BENCH1',
  reportPrefix: 'BN',
  grids: [{ id: 'g-bench', communityId: 'c-bench', name: '压测网格' }],
  buildings: [{ id: 'b-bench', communityId: 'c-bench', gridId: 'g-bench', name: '1号楼', rooms: Array.from({ length: BOOKERS }, (_, i) => String(101 + i)) }],
  departments: [],
  categories: [{ id: 'cat-bench', name: '其他', guidance: '', deadlineHours: 48 }],
  replyTemplates: [],
  people: [
    { ...person, id: 'u-bench-staff', name: '压测工作人员', roles: ['staff'], description: '压测社区 · 社区工作者' },
    ...Array.from({ length: BOOKERS }, (_, i) => ({
      ...person,
      id: residentId(i),
      name: `压测居民${i}`,
      roles: ['resident' as const],
      home: { buildingId: 'b-bench', room: String(101 + i) },
      description: '压测社区 · 居民',
    })),
  ],
}

const LAWYER: ServiceInput = {
  name: '法律咨询',
  kind: 'legal',
  description: '压测：社区法律顾问坐班。',
  location: { kind: 'address', address: '压测社区党群服务中心' },
  provider: '压测律师',
  durationMinutes: 30,
  bufferMinutes: 0,
  capacity: BOOKERS,
  eligibility: [],
  questions: [],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 0, maxDaysAhead: 14, changeCutoffMinutes: 0 },
  hours: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  exceptions: [],
  status: 'published',
}

/** A Beijing date `days` from today. */
const beijingDate = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

/** The community (in this process's database), the residents signed in, the lawyer published, its slots of the next week. */
export async function prepareBooking(db: Database, base: string, http: Http): Promise<BookingLoad> {
  await createSqlStore(db).directory.createCommunity(COMMUNITY, new Date().toISOString())
  const signIn = async (userId: string) => {
    const answer = await http(base, 'POST', API.demoSignIn, { body: { userId } })
    const token = (answer.json as { token?: string } | undefined)?.token
    if (answer.status !== 200 || !token) throw new Error(`booking: sign-in as ${userId} failed: HTTP ${answer.status}`)
    return token
  }
  const staff = await signIn('u-bench-staff')
  const created = await http(base, 'POST', API.services, { token: staff, key: `bench-service-${Date.now()}`, body: LAWYER })
  const serviceId = (created.json as { id?: string } | undefined)?.id
  if (created.status !== 201 || !serviceId) throw new Error(`booking: publishing the service failed: HTTP ${created.status} ${JSON.stringify(created.json)?.slice(0, 300)}`)
  const tokens = await Promise.all(Array.from({ length: BOOKERS }, (_, i) => signIn(residentId(i))))
  const days = await http(base, 'GET', `${API.serviceSlots(serviceId)}?from=${beijingDate(1)}&to=${beijingDate(7)}`, { token: tokens[0] })
  const slots = (days.json as Array<{ slots: Array<{ startsAt: string; bookable: boolean }> }>).flatMap((d) => d.slots.filter((s) => s.bookable).map((s) => s.startsAt))
  if (days.status !== 200 || slots.length === 0) throw new Error(`booking: no bookable slots: HTTP ${days.status}`)
  return { serviceId, slots, tokens, staff }
}

/**
 * Cancel what a run left booked (pairs cut off by the run's end, some still being answered when the
 * load generator stopped), so the next run starts clean: rounds until one finds nothing.
 */
export async function cancelLeftovers(base: string, load: BookingLoad, http: Http): Promise<number> {
  let cancelled = 0
  for (let round = 0; round < 10; round++) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    let found = 0
    await Promise.all(
      load.tokens.map(async (token) => {
        const mine = await http(base, 'GET', API.myBookings, { token })
        for (const booking of (mine.json as MyBookings).upcoming ?? []) {
          if (!(booking as Booking).can?.cancel) continue
          found++
          const answer = await http(base, 'POST', API.bookingStep(booking.id, 'cancel'), { token, body: { reason: '压测结束' } })
          if (answer.status === 200) cancelled++
        }
      }),
    )
    if (found === 0) break
  }
  return cancelled
}

/** A request of autocannon (it ships no types). */
export interface AutocannonRequest {
  method?: string
  path?: string
  headers?: Record<string, string>
  body?: string
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void
}

/**
 * Book, then cancel the booking: a resident is taken from the free ones for the pair and given back
 * when the cancel answered (autocannon clears a connection's context before each pair), so no two
 * connections ever act as one resident. A booking that failed makes its cancel fail too (404).
 */
export function bookAndCancel(load: BookingLoad, run: string, refusals: Record<string, number>): AutocannonRequest[] {
  const refused = (status: number, body: string) => {
    if (status < 400) return
    let message = body.slice(0, 80)
    try {
      message = (JSON.parse(body) as { error: { message: string } }).error.message
    } catch {
      // not an error body: its start
    }
    refusals[`${status} ${message}`] = (refusals[`${status} ${message}`] ?? 0) + 1
  }
  const free = load.tokens.map((_, i) => i)
  // Each run starts elsewhere among the slots.
  let n = Math.floor(Math.random() * 1_000_000)
  const headers = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra })
  return [
    {
      method: 'POST',
      path: `${API.prefix}${API.bookings}`,
      setupRequest: (req, context) => {
        const who = free.pop() ?? 0
        context.who = who
        const startsAt = load.slots[(who + n) % load.slots.length]
        return { ...req, headers: headers(load.tokens[who], { [IDEMPOTENCY_HEADER]: `bench-${run}-${n++}` }), body: JSON.stringify({ serviceId: load.serviceId, startsAt, answers: {} }) }
      },
      onResponse: (status, body, context) => {
        refused(status, body)
        context.bookingId = status === 201 ? (JSON.parse(body) as { id: string }).id : 'none'
      },
    },
    {
      method: 'POST',
      setupRequest: (req, context) => ({
        ...req,
        path: `${API.prefix}${API.bookingStep(String(context.bookingId), 'cancel')}`,
        headers: headers(load.tokens[Number(context.who)]),
        body: JSON.stringify({ reason: '压测：临时有事' }),
      }),
      onResponse: (status, body, context) => {
        if (context.bookingId !== 'none') refused(status, body)
        free.push(Number(context.who))
      },
    },
  ]
}

