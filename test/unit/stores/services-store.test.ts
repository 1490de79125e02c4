import type { ApiClient } from '../../../src/api/client'
import { ApiError } from '../../../src/api/errors'
import { addDays, beijingDate } from '../../../src/domain/beijing-time'
import { memoryStorage } from '../../../src/platform/storage'
import { MyBookingsStore } from '../../../src/stores/my-bookings-store'
import { ServicesStore } from '../../../src/stores/services-store'
import { memoryWorld } from '../support/memory-world'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

async function legalSlot(store: ServicesStore, api: ApiClient, now: Date) {
  await store.load()
  const legal = store.services.find((s) => s.kind === 'legal')!
  return { legal, startsAt: await firstOpen(api, legal.id, now) }
}

/** The first slot with every seat free, counted from the backend's clock. */
async function firstOpen(api: ApiClient, serviceId: string, now: Date): Promise<string> {
  const from = beijingDate(now)
  const days = await api.services.listSlots(serviceId, { from, to: addDays(from, 14) })
  return days.flatMap((d) => d.slots).find((s) => s.bookable && s.seatsLeft === s.capacity)!.startsAt
}

describe('booking a slot', () => {
  it('keeps the key across a lost answer: the retry is the same booking, made once', async () => {
    const world = memoryWorld()
    const { api, faults, ops } = await world.signedIn('u-wang')
    const store = new ServicesStore(api, () => undefined, memoryStorage())
    const { legal, startsAt } = await legalSlot(store, api, world.clock.peek())
    store.openForm('u-wang', { serviceId: legal.id, startsAt })
    store.setAnswer('purpose', '继承房产')
    store.setAnswer('phone', '13800000001')
    const key = store.draft.key

    let lose = true
    faults.after = (op) => {
      if (op === 'services.book' && lose) {
        lose = false
        throw new ApiError('network')
      }
    }
    const first = await store.book()
    expect(first.status).toBe('failed')
    expect(store.draft.key).toBe(key)
    expect(store.draft.answers.purpose).toBe('继承房产')

    const second = await store.book()
    expect(second.status).toBe('booked')
    const mine = (await api.services.mine()).upcoming.filter((b) => b.service.id === legal.id && b.startsAt === startsAt)
    expect(mine).toHaveLength(1)
    expect(second.status === 'booked' && second.booking.id).toBe(mine[0].id)
    expect(ops.filter((o) => o === 'services.book')).toHaveLength(2)
  })

  it('checks the answers before sending, and a refusal takes a new key for the corrected try', async () => {
    const world = memoryWorld()
    const { api, ops } = await world.signedIn('u-li')
    const store = new ServicesStore(api, () => undefined, memoryStorage())
    await store.load()
    const visit = store.services.find((s) => s.kind === 'home_visit')!
    store.openForm('u-li', { serviceId: visit.id, startsAt: await firstOpen(api, visit.id, world.clock.peek()) })
    const invalid = await store.book()
    expect(invalid).toEqual({ status: 'invalid', errors: { 'answers.need': '请填写需要什么服务', 'answers.phone': '请填写上门联系电话' } })
    expect(ops.filter((o) => o === 'services.book')).toHaveLength(0)

    store.setAnswer('need', '测血压')
    store.setAnswer('phone', '13800000002')
    const key = store.draft.key
    const refused = await store.book()
    expect(refused).toEqual({ status: 'refused', message: '此项服务仅面向高龄、残疾家庭，如符合条件请联系社区登记' })
    expect(store.refusal).toBe(refused.status === 'refused' ? refused.message : '')
    expect(store.draft.key).not.toBe(key)
  })
})

describe('我的预约', () => {
  it('a done booking is rated once: stars checked here, then the booking carries them', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const staff = await world.signedIn('u-zhang')
    const services = new ServicesStore(api, () => undefined, memoryStorage())
    const { legal, startsAt } = await legalSlot(services, api, world.clock.peek())
    services.openForm('u-wang', { serviceId: legal.id, startsAt })
    services.setAnswer('purpose', '继承房产')
    services.setAnswer('phone', '13800000001')
    const booked = await services.book()
    if (booked.status !== 'booked') throw new Error(`not booked: ${JSON.stringify(booked)}`)
    // The day comes: checked in at the door, served, over.
    world.clock.advanceHours((Date.parse(startsAt) - world.clock.peek().getTime()) / 3_600_000 - 0.5)
    await staff.api.services.checkIn({ code: booked.booking.checkInCode! })
    await staff.api.services.complete(booked.booking.id)
    world.clock.advanceHours(2)

    const store = new MyBookingsStore(api, () => undefined)
    await store.loadBooking(booked.booking.id)
    expect(store.get(booked.booking.id)?.can.rate).toBe(true)
    expect(await store.rate(booked.booking.id, 0, '')).toEqual({ ok: false, message: '请选择1至5星', fields: { stars: '请选择1至5星' } })
    const rated = await store.rate(booked.booking.id, 5, '王律师讲得很清楚')
    expect(rated.ok).toBe(true)
    expect(store.get(booked.booking.id)?.rating).toEqual(expect.objectContaining({ stars: 5, comment: '王律师讲得很清楚' }))
    expect(store.get(booked.booking.id)?.can.rate).toBe(false)
  })

  it('a cancel without a reason is refused here; with one it moves the booking out of the coming ones', async () => {
    const world = memoryWorld()
    const { api, ops } = await world.signedIn('u-wang')
    const store = new MyBookingsStore(api, () => undefined)
    await store.load()
    const next = store.next!
    expect(next.checkInCode).toMatch(/^\d{6}$/)
    const refused = await store.cancel(next.id, ' ')
    expect(refused).toEqual({ ok: false, message: '请填写取消原因（至少2个字）', fields: { reason: '请填写取消原因（至少2个字）' } })
    expect(ops.filter((o) => o === 'services.cancel')).toHaveLength(0)

    const done = await store.cancel(next.id, '临时有事')
    expect(done.ok).toBe(true)
    expect(store.upcoming.some((b) => b.id === next.id)).toBe(false)
    expect(store.get(next.id)?.status).toBe('cancelled')
  })
})
