import type { ServiceInput } from '../../types/api'
import { ApiError } from '../../src/core/errors'
import { EXPORT_MAX_ROWS } from '../../src/core/services/booking/desk'
import { THU_10 } from './support/booking'
import { createWorld, DEMO } from './support/world'

/** A workbook holds at most EXPORT_MAX_ROWS bookings: a period with more is refused with what to do, never cut off unsaid. */

const SERVICE: ServiceInput = {
  name: '活动室',
  kind: 'venue',
  description: '社区活动室。',
  location: { kind: 'address', address: '社区党群服务中心一楼' },
  provider: '社区居委会',
  durationMinutes: 60,
  bufferMinutes: 0,
  capacity: 200,
  eligibility: [],
  questions: [],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 0, maxDaysAhead: 30, changeCutoffMinutes: 0 },
  hours: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
  exceptions: [],
  status: 'published',
}

describe('the bookings export', () => {
  it.each([
    ['one service', true],
    ['every service', false],
  ])('of %s: the limit exactly is a workbook; one more is refused with what to do', async (_name, oneService) => {
    const world = await createWorld()
    const staff = await world.caller(DEMO.zhang)
    const service = await world.core.bookings.create(staff, SERVICE, { idempotencyKey: world.key() })
    const first = await world.core.bookings.book(await world.caller(DEMO.wang), { serviceId: service.id, startsAt: THU_10, answers: {} }, { idempotencyKey: world.key() })
    const stored = (await world.store.bookings.find(first.id))!
    // Copies of it, straight into the store (the rules would take far longer to book them).
    const before = (await world.core.bookings.exportTable(staff, { period: '2026-11' })).rows.length
    for (let i = before; i < EXPORT_MAX_ROWS; i++) await world.store.bookings.insert({ ...stored, id: `bk_copy_${i}`, status: 'cancelled', checkInCode: undefined })
    const query = { period: '2026-11', ...(oneService ? { serviceId: service.id } : {}) }
    const table = await world.core.bookings.exportTable(staff, query)
    expect(table.rows.length).toBe(oneService ? EXPORT_MAX_ROWS - before + 1 : EXPORT_MAX_ROWS)

    await world.store.bookings.insert({ ...stored, id: 'bk_copy_last', status: 'cancelled', checkInCode: undefined })
    if (oneService) for (let i = 0; i < before; i++) await world.store.bookings.insert({ ...stored, id: `bk_more_${i}`, status: 'cancelled', checkInCode: undefined })
    const refused = await world.core.bookings.exportTable(staff, query).then(
      () => null,
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused).toMatchObject({ kind: 'validation', fields: { period: `所选时段的预约超过${EXPORT_MAX_ROWS}条，请按单项服务或按天导出` } })
  })
})
