import type { ServiceInput } from '../../types/api'
import { plainLawyer } from './support/booking'
import type { BookingNotice } from '../../src/core/context'
import { ApiError } from '../../src/core/errors'
import { createWorld, DEMO, type World } from './support/world'

/**
 * The waitlist when seats appear without anyone leaving (staff raise a slot's capacity): the line
 * takes them first, in order, whether the service is edited or a newcomer books or moves in; and
 * the promoted are told the truth (a seat, or a place waiting for the community's confirmation).
 */

const STAFF = DEMO.zhang
/** Thursday 2026-11-26 10:00 and 11:00 in Beijing. */
const THU_10 = '2026-11-26T02:00:00.000Z'
const THU_11 = '2026-11-26T03:00:00.000Z'

const lawyer = (over: Partial<ServiceInput> = {}): ServiceInput => plainLawyer({ capacity: 1, ...over })

describe('booking: a line and seats that appear', () => {
  let world: World
  let notices: BookingNotice[]
  const b = () => world.core.bookings
  const publish = async (over: Partial<ServiceInput> = {}) => b().create(await world.caller(STAFF), lawyer(over), { idempotencyKey: world.key() })
  const book = async (who: string, serviceId: string, startsAt: string, waitlist = false) =>
    b().book(await world.caller(who), { serviceId, startsAt, answers: {}, waitlist }, { idempotencyKey: world.key() })
  const statusOf = async (id: string) => (await world.store.bookings.find(id))!.status
  /** Capacity raised behind the catalogue's back (as a slot stuck before the catalogue promoted on edit). */
  const raise = async (serviceId: string, capacity: number) => world.store.services.update({ ...(await world.store.services.find(serviceId))!, capacity })
  const promotedNotes = async () => {
    await b().notifications.settled()
    return notices.filter((n) => n.kind === 'promoted').map((n) => [n.recipient.userId, n.note])
  }

  beforeEach(async () => {
    world = await createWorld()
    notices = []
    world.notifier.booking = async (notice) => void notices.push(notice)
  })

  it('a newcomer to a slot with a free seat and a line: the first in line is promoted first, the newcomer joins the line', async () => {
    const service = await publish()
    await book(DEMO.wang, service.id, THU_10)
    const waiting = await book(DEMO.li, service.id, THU_10, true)
    await raise(service.id, 2)
    const newcomer = await book(DEMO.zhao, service.id, THU_10, true)
    expect(await statusOf(waiting.id)).toBe('confirmed')
    expect([newcomer.status, newcomer.waitlistPosition]).toEqual(['waitlisted', 1])
    expect(await promotedNotes()).toEqual([[DEMO.li, '候补成功，请按时到场']])
  })

  it('two seats freed for a line of one: the line is promoted, and the newcomer gets the other seat', async () => {
    const service = await publish()
    await book(DEMO.wang, service.id, THU_10)
    const waiting = await book(DEMO.li, service.id, THU_10, true)
    await raise(service.id, 3)
    expect((await book(DEMO.zhao, service.id, THU_10)).status).toBe('confirmed')
    expect(await statusOf(waiting.id)).toBe('confirmed')
  })

  it('a newcomer refused (no waitlist) still leaves the line promoted', async () => {
    const service = await publish()
    await book(DEMO.wang, service.id, THU_10)
    const waiting = await book(DEMO.li, service.id, THU_10, true)
    await raise(service.id, 2)
    const refusal = await book(DEMO.zhao, service.id, THU_10).catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(ApiError)
    expect((refusal as ApiError).kind).toBe('conflict')
    expect(await statusOf(waiting.id)).toBe('confirmed')
  })

  it('moving into a slot with a free seat and a line: the line is promoted first and the move is refused', async () => {
    const service = await publish()
    const mine = await book(DEMO.wang, service.id, THU_10)
    await book(DEMO.chen, service.id, THU_11)
    const waiting = await book(DEMO.zhao, service.id, THU_11, true)
    await raise(service.id, 2)
    const refusal = await b().reschedule(await world.caller(DEMO.wang), mine.id, { startsAt: THU_11 }).catch((e: unknown) => e)
    expect((refusal as ApiError).message).toBe('新时段已约满，请选择其他时段')
    expect(await statusOf(waiting.id)).toBe('confirmed')
    expect(await statusOf(mine.id)).toBe('confirmed')
  })

  it('staff raising the capacity promote the coming slots’ lines at once, in order', async () => {
    const service = await publish()
    await book(DEMO.wang, service.id, THU_10)
    const first = await book(DEMO.li, service.id, THU_10, true)
    const second = await book(DEMO.zhao, service.id, THU_10, true)
    await b().update(await world.caller(STAFF), service.id, lawyer({ capacity: 2 }))
    expect([await statusOf(first.id), await statusOf(second.id)]).toEqual(['confirmed', 'waitlisted'])
    expect(await promotedNotes()).toEqual([[DEMO.li, '候补成功，请按时到场']])
  })

  it('a promotion into a service that needs confirmation says it waits for the community', async () => {
    const service = await publish({ requiresConfirmation: true })
    const first = await book(DEMO.wang, service.id, THU_10)
    const waiting = await book(DEMO.li, service.id, THU_10, true)
    await b().cancel(await world.caller(DEMO.wang), first.id, { reason: '临时有事' })
    expect(await statusOf(waiting.id)).toBe('pending')
    expect(await promotedNotes()).toEqual([[DEMO.li, '候补成功，等待社区确认']])
  })
})
