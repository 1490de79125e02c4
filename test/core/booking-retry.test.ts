import type { ServiceInput } from '../../types/api'
import { plainLawyer } from './support/booking'
import { createWorld, DEMO, type World } from './support/world'

/**
 * A retry sent before the first call answered (a weak network): the same idempotency key twice at
 * once answers one booking to both, instead of refusing the retry with what the first just made.
 */

/** Thursday 2026-11-26 10:00 in Beijing. */
const THU_10 = '2026-11-26T02:00:00.000Z'

const lawyer = (over: Partial<ServiceInput> = {}): ServiceInput =>
  plainLawyer({ capacity: 1, rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60, householdLimit: { count: 1, period: 'week' } }, ...over })

describe('booking: the same key twice at once', () => {
  let world: World
  beforeEach(async () => {
    world = await createWorld()
  })

  it('two concurrent calls with one idempotency key answer the same booking, and only one exists', async () => {
    const bookings = world.core.bookings
    const service = await bookings.create(await world.caller(DEMO.zhang), lawyer(), { idempotencyKey: world.key() })
    const caller = await world.caller(DEMO.wang)
    const key = world.key()
    const input = { serviceId: service.id, startsAt: THU_10, answers: {} }
    const [first, retry] = await Promise.all([bookings.book(caller, input, { idempotencyKey: key }), bookings.book(caller, input, { idempotencyKey: key })])
    expect(retry.id).toBe(first.id)
    expect(retry.status).toBe('confirmed')
    const all = await world.store.bookings.listForService(service.id, THU_10, new Date(Date.parse(THU_10) + 1).toISOString())
    expect(all.map((b) => b.id)).toEqual([first.id])
  })

  it('a refusal still answers when the key was never claimed (a different key, the same slot)', async () => {
    const bookings = world.core.bookings
    const service = await bookings.create(await world.caller(DEMO.zhang), lawyer(), { idempotencyKey: world.key() })
    const caller = await world.caller(DEMO.wang)
    const input = { serviceId: service.id, startsAt: THU_10, answers: {} }
    const results = await Promise.allSettled([bookings.book(caller, input, { idempotencyKey: world.key() }), bookings.book(caller, input, { idempotencyKey: world.key() })])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
  })
})
