import { waitFor } from '@testing-library/react'
import BookingPage from '../../src/booking/detail/index'
import MyBookingsPage from '../../src/booking/mine/index'
import TasksPage from '../../src/pages/tasks/index'
import HomePage from '../../src/pages/home/index'
import Taro from '../support/taro-jsdom'
import { loseFirstResponse, type Faults } from '../unit/support/memory-world'
import { serviceNamed } from './support/booking'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()
beforeEach(() => localStorage.clear())

async function errandOfWang(w: ReturnType<typeof world>) {
  const app = await w.app('u-wang')
  const errand = await serviceNamed(app.api, '政务代办')
  const booking = (await app.api.services.mine()).upcoming.find((b) => b.service.id === errand.id)!
  return { ...app, booking }
}

test('a booking shows its check-in code large, read digit by digit, and its QR code', async () => {
  const w = world()
  const { root, booking } = await errandOfWang(w)
  renderPage(root, BookingPage, { id: booking.id })
  await waitFor(() => expect(all('.bk-code')).toHaveLength(1))
  const code = booking.checkInCode!
  expect(code).toMatch(/^\d{6}$/)
  const shown = one('.bk-code [data-code]')
  expect(shown.getAttribute('aria-label')).toBe(`签到码 ${code.split('').join(' ')}`)
  expect(shown.textContent).toContain(`${code.slice(0, 3)} ${code.slice(3)}`)
  const qr = one('.bk-qr')
  expect(qr.getAttribute('data-qr')).toBe(`linli:checkin:${booking.id}:${code}`)
  expect(qr.getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
  expect(one('.bk-facts-card .booking-status').textContent).toBe('预约成功')
  expect(document.body.textContent).toContain('养老资格认证')
  expect(one('.bk-history').textContent).toContain('预约 · 王秀兰')
})

test('cancelling asks for a reason: none, then 其他 without words, are refused; the reason reaches the booking', async () => {
  const w = world()
  const { root, api, booking } = await errandOfWang(w)
  renderPage(root, BookingPage, { id: booking.id })
  await waitFor(() => expect(all('.bk-actions__cancel')).toHaveLength(1))
  await tap('.bk-actions__cancel')
  expect(all('.bk-sheet')).toHaveLength(1)
  await tap('.bk-sheet__confirm')
  expect(fieldError('reason')).toBe('请选择取消原因')
  await tap('[data-chips="cancel-reason"] [data-value="其他原因"]')
  await tap('.bk-sheet__confirm')
  expect(fieldError('reason')).toBe('选择“其他原因”时，请写明取消原因')
  await tap('[data-chips="cancel-reason"] [data-value="临时有事"]')
  await typeInto('.bk-sheet__text', '要去医院复查')
  await tap('.bk-sheet__confirm')
  await waitFor(() => expect(all('.bk-sheet')).toHaveLength(0))
  const cancelled = await api.services.booking(booking.id)
  expect(cancelled.status).toBe('cancelled')
  expect(cancelled.cancellation?.reason).toBe('临时有事：要去医院复查')
  await waitFor(() => expect(one('.bk-facts-card .booking-status').textContent).toBe('已取消'))
  expect(all('.bk-code')).toHaveLength(0)
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消预约' }))
})

test('the words beside a reason chip leave room for it: the reason sent stays within 200 characters', async () => {
  const w = world()
  const { root, api, booking } = await errandOfWang(w)
  renderPage(root, BookingPage, { id: booking.id })
  await waitFor(() => expect(all('.bk-actions__cancel')).toHaveLength(1))
  await tap('.bk-actions__cancel')
  const box = () => one('.bk-sheet__text textarea') as HTMLTextAreaElement
  await waitFor(() => expect(all('.bk-sheet__text textarea')).toHaveLength(1))
  await tap('[data-chips="cancel-reason"] [data-value="其他原因"]')
  await waitFor(() => expect(box().getAttribute('maxlength')).toBe('200'))
  await tap('[data-chips="cancel-reason"] [data-value="临时有事"]')
  await waitFor(() => expect(box().getAttribute('maxlength')).toBe('195'))
  await typeInto('.bk-sheet__text', '要'.repeat(200))
  await tap('.bk-sheet__confirm')
  await waitFor(() => expect(all('.bk-sheet')).toHaveLength(0))
  const reason = (await api.services.booking(booking.id)).cancellation?.reason
  expect(reason).toBe(`临时有事：${'要'.repeat(195)}`)
  expect(reason).toHaveLength(200)
})

test('a cancel whose first answer was lost: the retry, refused as already cancelled, shows the booking as it is and closes', async () => {
  const w = world()
  const { root, api, booking, faults } = await errandOfWang(w)
  renderPage(root, BookingPage, { id: booking.id })
  await waitFor(() => expect(all('.bk-actions__cancel')).toHaveLength(1))
  await tap('.bk-actions__cancel')
  await tap('[data-chips="cancel-reason"] [data-value="临时有事"]')
  loseFirstResponse(faults as Faults, 'services.cancel')
  await tap('.bk-sheet__confirm')
  await waitFor(() => expect(fieldError('reason')).toBe('网络不可用，请检查网络后重试'))
  expect(one('.bk-facts-card .booking-status').textContent).toBe('预约成功')

  await tap('.bk-sheet__confirm')
  await waitFor(() => expect(all('.bk-sheet')).toHaveLength(0))
  await waitFor(() => expect(one('.bk-facts-card .booking-status').textContent).toBe('已取消'))
  expect(all('.bk-code')).toHaveLength(0)
  expect(all('.bk-actions__cancel')).toHaveLength(0)
  expect((await api.services.booking(booking.id)).status).toBe('cancelled')
})

test('改约 opens the service’s calendar for this booking; a done one can be rated once', async () => {
  const w = world()
  const { root, api, booking } = await errandOfWang(w)
  renderPage(root, BookingPage, { id: booking.id })
  await waitFor(() => expect(all('.bk-actions__move')).toHaveLength(1))
  await tap('.bk-actions__move')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/booking/service/index?id=${encodeURIComponent(booking.service.id)}&reschedule=${encodeURIComponent(booking.id)}` })

  const past = (await api.services.listPast()).items.find((b) => b.status === 'done')
  expect(past).toBeDefined()
  expect(past!.rating?.stars).toBeGreaterThan(0) // the demo's one is rated already: no form
  renderPage(root, BookingPage, { id: past!.id })
  await waitFor(() => expect(all('.bk-facts-card').length).toBeGreaterThan(0))
  expect(all('.bk-rate')).toHaveLength(0)
  expect(document.body.textContent).toContain('您的评价：')
})

test('我的预约: the coming ones first with their codes, then the past', async () => {
  const w = world()
  const { root, booking } = await errandOfWang(w)
  renderPage(root, MyBookingsPage)
  await waitFor(() => expect(all('.booking-card').length).toBeGreaterThanOrEqual(2))
  const cards = all('.booking-card')
  expect(cards[0].getAttribute('data-id')).toBe(booking.id)
  expect(cards[0].querySelector('[data-code]')?.getAttribute('data-code')).toBe(booking.checkInCode)
  const past = all('.booking-card--past')
  expect(past.length).toBeGreaterThan(0)
  expect(past[0].textContent).toContain('法律咨询')
  expect(past[0].querySelector('[data-code]')).toBeNull()
})

test('办事 shows the service grid and 我的预约; 首页 the next booking', async () => {
  const w = world()
  const { root, booking } = await errandOfWang(w)
  renderPage(root, TasksPage)
  await waitFor(() => expect(all('.service-grid .service-tile')).toHaveLength(5))
  await waitFor(() => expect(all('.my-bookings-card .booking-card').length).toBeGreaterThan(0))
  expect(one('.my-bookings-card .booking-card [data-code]').getAttribute('data-code')).toBe(booking.checkInCode)
  expect(document.body.textContent).toContain('议事厅')
  await tap('.my-bookings-card .service-grid__all')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/booking/mine/index' })
  renderPage(root, HomePage)
  await waitFor(() => expect(all('.next-booking .booking-card')).toHaveLength(1))
  expect(one('.next-booking').textContent).toContain('政务代办')
})
