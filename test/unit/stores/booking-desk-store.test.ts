import type { ApiClient } from '../../../src/api/client'
import { ApiError } from '../../../src/api/errors'
import { memoryStorage } from '../../../src/platform/storage'
import { BookingDeskStore, workbookName } from '../../../src/stores/booking-desk-store'
import type { Booking, BookingHousehold, ServiceDay } from '../../../types/domain'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const SERVICE = { id: 'svc_1', name: '法律咨询' }
const STARTS = '2026-12-03T02:00:00.000Z'

function booking(id: string, status: Booking['status']): Booking {
  return { id, status, service: SERVICE, startsAt: STARTS, endsAt: '2026-12-03T02:30:00.000Z' } as unknown as Booking
}

function dayOf(...bookings: Booking[]): ServiceDay {
  return { service: SERVICE, date: '2026-12-03', slots: [{ startsAt: STARTS, bookings }] } as unknown as ServiceDay
}

/** A desk on a hand-made backend: `services` holds what a test answers. */
function desk(services: Partial<ApiClient['services']>) {
  const api = { capabilities: { services: true }, services } as unknown as ApiClient
  return new BookingDeskStore(api, () => undefined, memoryStorage())
}

const household = (room: string, names: string[]): BookingHousehold =>
  ({ buildingId: 'b3', room, tags: [], members: names.map((name, i) => ({ userId: `u-${room}-${i}`, name, phoneMasked: '138****0000' })) }) as unknown as BookingHousehold

describe('代约: the household looked up', () => {
  it('shows the household picked last, even when an earlier pick answers after it', async () => {
    const answers = new Map([
      ['201', deferred<BookingHousehold>()],
      ['202', deferred<BookingHousehold>()],
    ])
    const store = desk({ household: (_building: string, room: string) => answers.get(room)!.promise })
    const first = store.findResidents('b3', '201')
    const second = store.findResidents('b3', '202')
    answers.get('202')!.resolve(household('202', ['李建华']))
    await second
    expect(store.residents?.map((r) => r.name)).toEqual(['李建华'])
    answers.get('201')!.resolve(household('201', ['王秀兰', '王建国']))
    await first
    expect(store.residents?.map((r) => r.name)).toEqual(['李建华'])
    expect(store.residentsFor).toBe('b3|202')
    expect(store.residentsLoading).toBe(false)
  })

  it('an earlier pick’s late failure says nothing about the household on screen', async () => {
    const late = deferred<BookingHousehold>()
    const store = desk({
      household: (_b: string, room: string) => (room === '201' ? late.promise.then(() => Promise.reject(new ApiError('network'))) : Promise.resolve(household('202', ['李建华']))),
    })
    const first = store.findResidents('b3', '201')
    await store.findResidents('b3', '202')
    late.resolve(household('201', []))
    await first
    expect(store.residentsError).toBeNull()
    expect(store.residents?.map((r) => r.name)).toEqual(['李建华'])
  })
})

describe('a booking’s steps', () => {
  it('cancelling a confirmed booking leaves the 待确认 count; rejecting a pending one lowers it', async () => {
    const confirmed = booking('bk_c', 'confirmed')
    const pending = booking('bk_p', 'pending')
    const store = desk({
      day: async () => dayOf(confirmed, pending),
      listPending: async () => ({ items: [pending] }),
      cancel: async (id: string) => booking(id, 'cancelled'),
      reject: async (id: string) => booking(id, 'rejected'),
    })
    await store.countPending()
    await store.loadDay(SERVICE.id, '2026-12-03')
    expect(store.pendingCount).toBe(1)
    expect((await store.withReason('bk_c', 'cancel', '律师临时出差')).ok).toBe(true)
    expect(store.pendingCount).toBe(1)
    expect((await store.withReason('bk_p', 'reject', '资料不全，请补齐后再约')).ok).toBe(true)
    expect(store.pendingCount).toBe(0)
  })

  it('cancelling a pending booking lowers the count', async () => {
    const pending = booking('bk_p', 'pending')
    const store = desk({
      day: async () => dayOf(pending),
      listPending: async () => ({ items: [pending] }),
      cancel: async (id: string) => booking(id, 'cancelled'),
    })
    await store.countPending()
    await store.loadDay(SERVICE.id, '2026-12-03')
    expect((await store.withReason('bk_p', 'cancel', '居民来电取消')).ok).toBe(true)
    expect(store.pendingCount).toBe(0)
  })

  it.each(['conflict', 'forbidden', 'not_found'] as const)('a step refused as %s reads the day again, as the backend has it now', async (kind) => {
    let now = booking('bk_c', 'confirmed')
    const day = jest.fn(async () => dayOf(now))
    const store = desk({
      day,
      cancel: async () => {
        // An earlier try went through; its answer was lost.
        now = booking('bk_c', 'cancelled')
        throw new ApiError(kind, '预约已取消，不能取消')
      },
    })
    await store.loadDay(SERVICE.id, '2026-12-03')
    const out = await store.withReason('bk_c', 'cancel', '律师临时出差')
    expect(out).toMatchObject({ ok: false, message: '预约已取消，不能取消' })
    expect(day).toHaveBeenCalledTimes(2)
    expect(store.day(SERVICE.id, '2026-12-03')?.slots[0].bookings[0].status).toBe('cancelled')
    expect(store.rowErrors.bk_c).toBe('预约已取消，不能取消')
  })

  it('a step lost on the network keeps the day as shown (nothing to read yet)', async () => {
    const day = jest.fn(async () => dayOf(booking('bk_c', 'confirmed')))
    const store = desk({ day, complete: async () => Promise.reject(new ApiError('network')) })
    await store.loadDay(SERVICE.id, '2026-12-03')
    expect((await store.complete('bk_c')).ok).toBe(false)
    expect(day).toHaveBeenCalledTimes(1)
  })
})

describe('export', () => {
  it('a workbook without a readable file name is saved as 预约名单-<period>.xlsx', async () => {
    const store = desk({ exportBookings: async () => ({ fileName: '', bytes: new Uint8Array([80, 75, 3, 4]) }) })
    expect(await store.exportBookings({ period: '2026-12' })).toMatchObject({ ok: true, fileName: '预约名单-2026-12.xlsx' })
    expect(await store.exportBookings({ period: '2026-12-03' })).toMatchObject({ ok: true, fileName: '预约名单-2026-12-03.xlsx' })
  })

  it('the backend’s name is kept, made safe for a path', () => {
    expect(workbookName('预约名单-法律咨询-2026-12-03.xlsx', '2026-12-03')).toBe('预约名单-法律咨询-2026-12-03.xlsx')
    expect(workbookName('a/b.xlsx', '2026-12')).toBe('a-b.xlsx')
    expect(workbookName('  ', '2026-12')).toBe('预约名单-2026-12.xlsx')
    expect(workbookName(undefined, '2026-12')).toBe('预约名单-2026-12.xlsx')
  })
})
