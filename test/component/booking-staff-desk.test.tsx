import { act, waitFor } from '@testing-library/react'
import DeskPage from '../../src/booking/desk/index'
import WorkspacePage from '../../src/staff/workspace/index'
import { beijingClock, beijingDate } from '../../src/domain/beijing-time'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests } from './support/app'
import { ANSWERS, disposeStaffRoots, key, publish, soonSlot, staffWorld } from './support/booking-staff'

usePageTests()
jest.setTimeout(30_000)
beforeEach(() => localStorage.clear())
afterEach(() => disposeStaffRoots())

test('工作台 offers 服务预约 to staff, and it opens the desk', async () => {
  const w = staffWorld()
  const { root } = await w.app('u-zhang')
  renderPage(root, WorkspacePage)
  await waitFor(() => expect(all('[data-action="booking"]')).toHaveLength(1))
  await tap('[data-action="booking"]')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/booking/desk/index' })
})

test('the desk: today’s slots with booked/capacity and the waitlist, the pending count, the tools', async () => {
  // The clock is fixed at 10:00 in Beijing, so the slot found soon is today's (only Date is faked).
  jest.useFakeTimers({ now: new Date('2026-12-01T02:00:00.000Z'), doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'hrtime', 'performance'] })
  try {
    const w = staffWorld()
    const staff = await w.client('u-zhang')
    const service = await publish(staff)
    const slot = await soonSlot(staff, service)
    expect(beijingDate(slot.startsAt)).toBe(beijingDate(new Date()))
    for (const u of ['u-wang', 'u-li', 'u-zhao']) await (await w.client(u)).services.book({ serviceId: service.id, startsAt: slot.startsAt, answers: ANSWERS, waitlist: true }, { idempotencyKey: key() })
    // One booking waits for confirmation (the demo has none pending).
    const mediation = await publish(staff, { name: '人民调解室', requiresConfirmation: true })
    const asked = await (await w.client('u-wang')).services.book({ serviceId: mediation.id, startsAt: (await soonSlot(staff, mediation)).startsAt, answers: ANSWERS }, { idempotencyKey: key() })
    expect(asked.status).toBe('pending')
    expect((await staff.services.listPending({ limit: 50 })).items.map((b) => b.id)).toEqual([asked.id])
    const { root } = await w.app('u-zhang')
    renderPage(root, DeskPage)

    const row = `[data-service="${service.id}"] [data-slot="${slot.startsAt}"]`
    await waitFor(() => expect(all(row)).toHaveLength(1))
    expect(one(`${row} [data-booked]`).textContent).toBe('已约 2/2')
    expect(one(`${row} [data-waitlist]`).textContent).toBe('候补 1')
    // The pending booking is counted; the count opens the list.
    await waitFor(() => expect(one('[data-entry="pending"] [data-count]').textContent).toBe('1 条待确认'))
    expect(all('[data-act="publish"]')).toHaveLength(1)
    expect(all('[data-act="on-behalf"]')).toHaveLength(1)
    expect(all('[data-act="tags"]')).toHaveLength(1)
    // The memory backend makes no workbook: no export offered. On H5 there is no camera to scan with.
    expect(all('[data-act="export-day"]')).toHaveLength(0)
    expect(all('.sb-checkin__scan')).toHaveLength(0)
    await tap('[data-entry="pending"]')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/booking/pending/index' })
  } finally {
    jest.useRealTimers()
  }
})

test('check-in by code: a wrong code is refused in words, the right one checks the booking in', async () => {
  const w = staffWorld()
  const staff = await w.client('u-zhang')
  const service = await publish(staff)
  const slot = await soonSlot(staff, service)
  const booking = await (await w.client('u-wang')).services.book({ serviceId: service.id, startsAt: slot.startsAt, answers: ANSWERS }, { idempotencyKey: key() })
  const wrong = booking.checkInCode === '000000' ? '111111' : '000000'
  const { root } = await w.app('u-zhang')
  renderPage(root, DeskPage)
  await waitFor(() => expect(all('.sb-checkin__code')).toHaveLength(1))

  await typeInto('.sb-checkin__code', '12')
  await tap('.sb-checkin__send')
  expect(fieldError('code')).toBe('请输入6位签到码')

  await typeInto('.sb-checkin__code', wrong)
  await tap('.sb-checkin__send')
  await waitFor(() => expect(fieldError('code')).toMatch(/签到码/))
  expect((await staff.services.booking(booking.id)).status).toBe('confirmed')

  await typeInto('.sb-checkin__code', booking.checkInCode!)
  await tap('.sb-checkin__send')
  await waitFor(() => expect(all(`[data-checked-in="${booking.id}"]`)).toHaveLength(1))
  expect(one('.sb-checkin__done').textContent).toBe(`已签到：王秀兰 · 便民理发 ${beijingClock(slot.startsAt)}`)
  expect(fieldError('code')).toBeNull()
  expect((await staff.services.booking(booking.id)).status).toBe('checked_in')
})

test('a scanned QR text checks in the booking it names (as weapp scanCode gives it)', async () => {
  const w = staffWorld()
  const staff = await w.client('u-zhang')
  const service = await publish(staff)
  const slot = await soonSlot(staff, service)
  const booking = await (await w.client('u-li')).services.book({ serviceId: service.id, startsAt: slot.startsAt, answers: ANSWERS }, { idempotencyKey: key() })
  const { root } = await w.app('u-zhang')
  await act(async () => {
    const out = await root.bookingDesk.checkIn(`linli:checkin:${booking.id}:${booking.checkInCode}`)
    expect(out.ok).toBe(true)
  })
  expect((await staff.services.booking(booking.id)).status).toBe('checked_in')
})

test('export: where the backend makes workbooks, today’s and this month’s are downloaded on H5 under the backend’s file name', async () => {
  const w = staffWorld()
  const { root, api } = await w.app('u-zhang')
  const exportBookings = jest.fn(async (query: { period: string }) => ({ fileName: `预约-${query.period}.xlsx`, bytes: new Uint8Array([80, 75, 3, 4]) }))
  Object.assign(api.services, { exportBookings })
  const created: Blob[] = []
  Object.assign(URL, { createObjectURL: jest.fn((b: Blob) => (created.push(b), 'blob:x')), revokeObjectURL: jest.fn() })
  const clicked: string[] = []
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this.download)
  })
  renderPage(root, DeskPage)
  await waitFor(() => expect(all('[data-act="export-day"]')).toHaveLength(1))
  const today = beijingDate(new Date())
  await tap('[data-act="export-day"]')
  await waitFor(() => expect(clicked).toEqual([`预约-${today}.xlsx`]))
  await tap('[data-act="export-month"]')
  await waitFor(() => expect(clicked).toHaveLength(2))
  expect(exportBookings.mock.calls.map((c) => c[0])).toEqual([{ period: today }, { period: today.slice(0, 7) }])
  expect(created[0].type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(created[0].size).toBe(4)
  click.mockRestore()
})
