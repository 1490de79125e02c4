import type { ServiceInput } from '../../types/api'
import { plainLawyer } from './support/booking'
import type { Runtime } from '../../src/core/context'
import { ApiError } from '../../src/core/errors'
import type { Repositories } from '../../src/core/ports'
import { freshCode } from '../../src/core/services/booking/seats'
import { createWorld, DEMO, type World } from './support/world'

/** Refusals that say what happened and what to do, and that are what they say (a typed conflict, not a 500). */

const STAFF = DEMO.zhang
/** Thursday 2026-11-26 10:00 and 11:00 in Beijing. */
const THU_10 = '2026-11-26T02:00:00.000Z'
const THU_11 = '2026-11-26T03:00:00.000Z'
const PAUSED = '此项服务已暂停预约，请选择其他服务或联系社区'

const lawyer = (over: Partial<ServiceInput> = {}): ServiceInput => plainLawyer(over)

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`)
  return error
}

describe('booking: messages that say what to do', () => {
  let world: World
  const b = () => world.core.bookings
  const book = async (who: string, serviceId: string, startsAt: string) => b().book(await world.caller(who), { serviceId, startsAt, answers: {} }, { idempotencyKey: world.key() })

  beforeEach(async () => {
    world = await createWorld()
  })

  it('a paused service says so, and what to do, the same when booking, moving and on its slots', async () => {
    const service = await b().create(await world.caller(STAFF), lawyer(), { idempotencyKey: world.key() })
    const mine = await book(DEMO.wang, service.id, THU_10)
    await b().update(await world.caller(STAFF), service.id, lawyer({ status: 'retired' }))
    expect(await refusal(book(DEMO.li, service.id, THU_10))).toMatchObject({ kind: 'forbidden', message: PAUSED })
    expect(await refusal(b().reschedule(await world.caller(DEMO.wang), mine.id, { startsAt: THU_11 }))).toMatchObject({ kind: 'forbidden', message: PAUSED })
    const [day] = await b().listSlots(await world.caller(STAFF), service.id, { from: '2026-11-26', to: '2026-11-26' })
    expect(day.slots.map((s) => s.reason)).toEqual([PAUSED, PAUSED, PAUSED])
  })

  it('a booking marked a no-show cannot be cancelled, in a state word', async () => {
    const service = await b().create(await world.caller(STAFF), lawyer(), { idempotencyKey: world.key() })
    const mine = await book(DEMO.wang, service.id, THU_10)
    world.clock.set(Date.parse(THU_10) + 10 * 60_000)
    await b().markNoShow(await world.caller(STAFF), mine.id)
    expect(await refusal(b().cancel(await world.caller(STAFF), mine.id, { reason: '误操作' }))).toMatchObject({ kind: 'conflict', message: '预约已标记未到，不能取消' })
  })

  it('a room number too long says its limit; an empty one asks for it', async () => {
    const staff = await world.caller(STAFF)
    expect((await refusal(b().household(staff, 'b-1', '1'.repeat(21)))).fields).toEqual({ room: '房号不能超过20个字' })
    expect((await refusal(b().household(staff, 'b-1', ' '))).fields).toEqual({ room: '请填写房号' })
  })

  it('no free check-in code after all tries is a conflict to retry, not a server error', async () => {
    const taken = { bookings: { codeTaken: async () => true } } as unknown as Repositories
    const rt = { newToken: () => 'token' } as unknown as Runtime
    expect(await refusal(freshCode(taken, rt, 'svc-1', THU_10))).toMatchObject({ kind: 'conflict', message: '签到码生成失败，请重试' })
  })

  it('a typed code shared with a cancelled booking of another service checks in the one still to come', async () => {
    const staff = await world.caller(STAFF)
    const one = await b().create(staff, lawyer(), { idempotencyKey: world.key() })
    const other = await b().create(staff, lawyer({ name: '人民调解' }), { idempotencyKey: world.key() })
    const gone = await book(DEMO.wang, one.id, THU_10)
    const live = await book(DEMO.li, other.id, THU_10)
    await b().cancel(await world.caller(DEMO.wang), gone.id, { reason: '临时有事' })
    // The same six digits on both (the codes are unique per service and day only).
    await world.store.bookings.update(gone.id, { checkInCode: live.checkInCode }, { at: world.clock.peek().toISOString(), action: 'cancelled', byName: '测试' })
    world.clock.set(Date.parse(THU_10) - 5 * 60_000)
    const checked = await b().checkIn(await world.caller(STAFF), { code: live.checkInCode! })
    expect([checked.id, checked.status]).toEqual([live.id, 'checked_in'])
  })
})
