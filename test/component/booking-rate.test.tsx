import { act, waitFor } from '@testing-library/react'
import BookingPage from '../../src/booking/detail/index'
import { addDays, beijingDate } from '../../src/domain/beijing-time'
import { fakeNetwork } from '../../src/platform/network'
import { memoryStorage } from '../../src/platform/storage'
import { RootStore } from '../../src/stores/root-store'
import Taro from '../support/taro-jsdom'
import { memoryWorld } from '../unit/support/memory-world'
import { key, LEGAL_ANSWERS } from './support/booking'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests } from './support/app'

usePageTests()

test('评价: after the service, 1 to 5 stars (required) and a comment; then the rating shows instead', async () => {
  // The backend's own clock, moved past the slot: checked in, served, over.
  const w = memoryWorld()
  const wang = await w.signedIn('u-wang')
  const staff = await w.signedIn('u-zhang')
  const legal = (await wang.api.services.list()).find((s) => s.kind === 'legal')!
  const from = beijingDate(w.clock.peek())
  const slot = (await wang.api.services.listSlots(legal.id, { from, to: addDays(from, 14) })).flatMap((d) => d.slots).find((s) => s.bookable && s.seatsLeft > 0)!
  const booking = await wang.api.services.book({ serviceId: legal.id, startsAt: slot.startsAt, answers: LEGAL_ANSWERS }, { idempotencyKey: key() })
  w.clock.advanceHours((Date.parse(slot.startsAt) - w.clock.peek().getTime()) / 3_600_000 - 0.5)
  await staff.api.services.checkIn({ code: booking.checkInCode! })
  await staff.api.services.complete(booking.id)
  w.clock.advanceHours(2)

  const root = new RootStore({ api: wang.api, storage: memoryStorage(), network: fakeNetwork(true) })
  await act(async () => {
    await root.start()
  })
  renderPage(root, BookingPage, { id: booking.id })
  await waitFor(() => expect(all('.bk-rate')).toHaveLength(1))
  expect(one('.bk-facts-card .booking-status').textContent).toBe('已完成')
  await tap('.bk-rate__submit')
  expect(fieldError('stars')).toBe('请选择1至5星')
  await tap('.bk-star[data-value="4"]')
  expect(all('.bk-star--on')).toHaveLength(4)
  await typeInto('.bk-rate__comment', '解答很耐心')
  await tap('.bk-rate__submit')
  await waitFor(() => expect(all('.bk-rate')).toHaveLength(0))
  expect(document.body.textContent).toContain('您的评价：★★★★☆ 解答很耐心')
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '感谢您的评价' }))
  expect((await wang.api.services.booking(booking.id)).rating).toEqual(expect.objectContaining({ stars: 4, comment: '解答很耐心' }))
  root.dispose()
})
