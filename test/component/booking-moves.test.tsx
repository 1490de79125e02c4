import { waitFor } from '@testing-library/react'
import BookPage from '../../src/booking/book/index'
import ServicePage from '../../src/booking/service/index'
import MyBookingsPage from '../../src/booking/mine/index'
import BookingPage from '../../src/booking/detail/index'
import Taro from '../support/taro-jsdom'
import { serviceNamed, slotsOf } from './support/booking'
import { all, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()
beforeEach(() => localStorage.clear())

test('改约: the calendar says which booking moves; choosing a slot moves it after asking', async () => {
  const w = world()
  const { root, api } = await w.app('u-wang')
  const errand = await serviceNamed(api, '政务代办')
  const booking = (await api.services.mine()).upcoming.find((b) => b.service.id === errand.id)!
  const target = (await slotsOf(api, errand)).find((s) => s.bookable && s.seatsLeft > 0 && s.waitlist === 0 && !s.myBookingId && s.startsAt !== booking.startsAt)!
  renderPage(root, ServicePage, { id: errand.id, reschedule: booking.id, date: target.date })
  await waitFor(() => expect(all('[data-banner="reschedule"]')).toHaveLength(1))
  expect(one('[data-banner="reschedule"]').textContent).toMatch(/^正在改约：原预约 \d+月\d+日 周. \d\d:\d\d–\d\d:\d\d，请选择新的时段$/)
  await waitFor(() => expect(all(`.bk-slot[data-starts="${target.startsAt}"] .bk-slot__move`)).toHaveLength(1))
  // Moving never books anew: no 预约 button in this mode.
  expect(all('.bk-slot__book')).toHaveLength(0)
  await tap(`.bk-slot[data-starts="${target.startsAt}"] .bk-slot__move`)
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/booking/detail/index?id=${encodeURIComponent(booking.id)}` }))
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '改约' }))
  const moved = await api.services.booking(booking.id)
  expect(moved.startsAt).toBe(target.startsAt)
  expect(moved.status).toBe('confirmed')
})

test('代约: staff book a slot for a resident, who finds it as theirs', async () => {
  const w = world()
  const { root, api } = await w.app('u-zhang')
  const legal = await serviceNamed(api, '法律咨询')
  const slot = (await slotsOf(api, legal)).find((s) => s.bookable && s.seatsLeft > 0 && s.waitlist === 0)!
  renderPage(root, ServicePage, { id: legal.id, forUserId: 'u-chen', date: slot.date })
  await waitFor(() => expect(all(`.bk-slot[data-starts="${slot.startsAt}"] .bk-slot__book`)).toHaveLength(1))
  expect(all('[data-banner="on-behalf"]')).toHaveLength(1)
  await tap(`.bk-slot[data-starts="${slot.startsAt}"] .bk-slot__book`)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/booking/book/index?serviceId=${encodeURIComponent(legal.id)}&startsAt=${encodeURIComponent(slot.startsAt)}&forUserId=u-chen` })

  renderPage(root, BookPage, { serviceId: legal.id, startsAt: slot.startsAt, forUserId: 'u-chen' })
  await waitFor(() => expect(all('.bk-question')).toHaveLength(2))
  await typeInto('.bk-question[data-question="purpose"]', '电话咨询：赡养费')
  await typeInto('.bk-question[data-question="phone"]', '13800000004')
  await tap('.bk-book__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  const chen = await w.client('u-chen')
  const theirs = (await chen.services.mine()).upcoming.find((b) => b.service.id === legal.id && b.startsAt === slot.startsAt)
  expect(theirs?.person.name).toBe('陈建国')
  expect(theirs?.bookedBy?.name).toBe('张敏')
  // It is not the staff member's own: their 我的预约 and 首页 never list it, opened or not.
  expect(root.myBookings.upcoming.some((b) => b.id === theirs!.id)).toBe(false)
  renderPage(root, BookingPage, { id: theirs!.id })
  await waitFor(() => expect(root.myBookings.get(theirs!.id)).toBeDefined())
  expect(root.myBookings.upcoming.some((b) => b.id === theirs!.id)).toBe(false)
  expect(root.myBookings.next?.person.id ?? 'u-zhang').toBe('u-zhang')
})

test('a household’s pause is said on 我的预约 and on a service page', async () => {
  const w = world()
  const { root, api } = await w.app('u-wang')
  const until = new Date(Date.now() + 20 * 86_400_000).toISOString()
  const mine = api.services.mine.bind(api.services)
  jest.spyOn(api.services, 'mine').mockImplementation(async () => ({ ...(await mine()), pause: { until, noShows: ['2026-11-01T01:00:00.000Z', '2026-11-08T01:00:00.000Z', '2026-11-15T01:00:00.000Z'] } }))
  renderPage(root, MyBookingsPage)
  await waitFor(() => expect(all('[data-banner="pause"]')).toHaveLength(1))
  expect(one('[data-banner="pause"]').textContent).toMatch(/^您家60天内已有3次预约未到，预约功能暂停至\d+月\d+日 \d\d:\d\d，如有疑问请联系社区$/)
  const legal = await serviceNamed(api, '法律咨询')
  renderPage(root, ServicePage, { id: legal.id })
  await waitFor(() => expect(all('.bk-service [data-banner="pause"]')).toHaveLength(1))
  await waitFor(() => expect(all('.bk-slot').length).toBeGreaterThan(0))
  expect(all('.bk-slot__book, .bk-slot__waitlist')).toHaveLength(0)
})

test('a household that may not book a service is told why, and no slot offers to book', async () => {
  const w = world()
  const { root, api } = await w.app('u-li') // 3号楼302: not tagged for 助老上门服务
  const visit = await serviceNamed(api, '助老上门服务')
  renderPage(root, ServicePage, { id: visit.id })
  await waitFor(() => expect(all('.bk-slot').length).toBeGreaterThan(0))
  expect(one('[data-refusal="eligibility"]').textContent).toBe('此项服务仅面向高龄、残疾家庭，如符合条件请联系社区登记')
  expect(all('.bk-slot__book, .bk-slot__waitlist')).toHaveLength(0)
})
