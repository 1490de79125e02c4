import { act, cleanup, waitFor } from '@testing-library/react'
import ServicePage from '../../src/booking/service/index'
import ServicesPage from '../../src/booking/services/index'
import Taro from '../support/taro-jsdom'
import { emptySlot, fill, LEGAL_ANSWERS, serviceNamed, slotsOf } from './support/booking'
import { all, one, renderPage, tap, usePageTests, world } from './support/app'

usePageTests()
beforeEach(() => localStorage.clear())

const slotRow = (startsAt: string) => one(`.bk-slot[data-starts="${startsAt}"]`)

test('the calendar shows each slot’s seats left, and they go down when a neighbour books', async () => {
  const w = world()
  const { root, api } = await w.app('u-wang')
  const legal = await serviceNamed(api, '法律咨询')
  const slot = await emptySlot(api, legal)
  renderPage(root, ServicePage, { id: legal.id })
  await waitFor(() => expect(all('.bk-day').length).toBeGreaterThan(7))
  // The service in plain words: where, who, the rules.
  expect(document.body.textContent).toContain('社区党群服务中心二楼 法律服务室')
  expect(document.body.textContent).toContain('需提前2小时预约')
  expect(document.body.textContent).toContain('可预约14天内的时段')
  expect(document.body.textContent).toContain('每户每月最多2次')
  expect(document.body.textContent).toContain('最晚开始前1小时取消或改约')

  await tap(`.bk-day[data-value="${slot.date}"]`)
  await waitFor(() => expect(all(`.bk-slot[data-starts="${slot.startsAt}"]`)).toHaveLength(1))
  expect(slotRow(slot.startsAt).querySelector('.bk-slot__seats')?.textContent).toBe('剩余 3/3')
  expect(slotRow(slot.startsAt).querySelector('.bk-slot__book')?.textContent).toBe('预约')

  await fill([await w.client('u-zhao')], legal, slot.startsAt, LEGAL_ANSWERS)
  await act(async () => {
    await root.services.loadCalendar(legal.id)
  })
  await waitFor(() => expect(slotRow(slot.startsAt).querySelector('.bk-slot__seats')?.textContent).toBe('剩余 2/3'))

  await tap(`.bk-slot[data-starts="${slot.startsAt}"] .bk-slot__book`)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/booking/book/index?serviceId=${encodeURIComponent(legal.id)}&startsAt=${encodeURIComponent(slot.startsAt)}` })
})

test('a full slot offers its waitlist with how many wait before me; my own slot is marked', async () => {
  const w = world()
  const { root, api } = await w.app('u-wang')
  const legal = await serviceNamed(api, '法律咨询')
  const slot = await emptySlot(api, legal)
  await fill(await Promise.all(['u-zhao', 'u-chen', 'u-gao'].map((u) => w.client(u))), legal, slot.startsAt, LEGAL_ANSWERS)
  const lin = await w.client('u-lin')
  await lin.services.book({ serviceId: legal.id, startsAt: slot.startsAt, answers: LEGAL_ANSWERS, waitlist: true }, { idempotencyKey: `k-lin-${Date.now()}-xxxxxxxxxxxx` })
  renderPage(root, ServicePage, { id: legal.id })
  await waitFor(() => expect(all('.bk-day').length).toBeGreaterThan(0))
  await tap(`.bk-day[data-value="${slot.date}"]`)
  await waitFor(() => expect(all(`.bk-slot[data-starts="${slot.startsAt}"]`)).toHaveLength(1))
  const row = slotRow(slot.startsAt)
  expect(row.querySelector('.bk-slot__seats')?.textContent).toBe('已约满 · 候补1人')
  expect(row.querySelector('.bk-slot__waitlist')?.textContent).toBe('加入候补（前面还有1人）')
  await tap(`.bk-slot[data-starts="${slot.startsAt}"] .bk-slot__waitlist`)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/booking/book/index?serviceId=${encodeURIComponent(legal.id)}&startsAt=${encodeURIComponent(slot.startsAt)}&waitlist=1` })

  // 王秀兰's own errand booking is marked on its slot, and opens it.
  const errand = await serviceNamed(api, '政务代办')
  const mine = (await api.services.mine()).upcoming.find((b) => b.service.id === errand.id)!
  const own = (await slotsOf(api, errand)).find((s) => s.myBookingId === mine.id)!
  cleanup()
  renderPage(root, ServicePage, { id: errand.id })
  await waitFor(() => expect(all('.bk-day').length).toBeGreaterThan(0))
  await tap(`.bk-day[data-value="${own.date}"]`)
  await waitFor(() => expect(all(`.bk-slot[data-starts="${own.startsAt}"] .bk-slot__mine`)).toHaveLength(1))
  expect(slotRow(own.startsAt).className).toContain('bk-slot--mine')
})

test('a closed day shows its note; a slot too soon says the rule', async () => {
  // The clock is fixed at 10:00 in Beijing: the rest of today's slots of 活动室预约 fall inside its
  // 12 hours' notice, whatever the hour the test runs at. Only Date is faked.
  jest.useFakeTimers({ now: new Date('2026-12-01T02:00:00.000Z'), doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'hrtime', 'performance'] })
  try {
    const w = world()
    const { root, api } = await w.app('u-wang')
    const room = await serviceNamed(api, '活动室预约')
    const days = await api.services.listSlots(room.id, { from: (await slotsOf(api, room))[0].date, to: (await slotsOf(api, room)).slice(-1)[0].date })
    const closed = days.find((d) => d.closed)!
    renderPage(root, ServicePage, { id: room.id })
    await waitFor(() => expect(all(`.bk-day[data-value="${closed.date}"]`)).toHaveLength(1))
    expect(one(`.bk-day[data-value="${closed.date}"] .bk-day__mark`).textContent).toBe('休息')
    await tap(`.bk-day[data-value="${closed.date}"]`)
    await waitFor(() => expect(one('.bk-day-note').textContent).toBe('活动室消防检查，暂停开放'))
    expect(all('.bk-slot')).toHaveLength(0)
    const refused = days.flatMap((d) => d.slots).find((s) => !s.bookable && Date.parse(s.startsAt) > Date.now())
    expect(refused?.reason).toBe('需至少提前12小时预约，请选择更晚的时段')
    await tap(`.bk-day[data-value="${days.find((d) => d.slots.includes(refused!))!.date}"]`)
    await waitFor(() => expect(slotRow(refused!.startsAt).querySelector('.bk-slot__reason')?.textContent).toBe(refused!.reason))
    expect(slotRow(refused!.startsAt).querySelector('.bk-slot__book')).toBeNull()
  } finally {
    jest.useRealTimers()
  }
})

test('the catalogue groups services by kind and says why a household may not book one', async () => {
  const w = world()
  const { root } = await w.app('u-li') // 3号楼302: not tagged 高龄 or 残疾
  renderPage(root, ServicesPage)
  await waitFor(() => expect(all('.service-tile')).toHaveLength(5))
  expect(all('.bk-kind .section-title').map((e) => e.textContent)).toEqual(['上门服务', '法律咨询', '人民调解', '政务代办', '场地预约'])
  const visit = one('.service-tile--home_visit')
  expect(visit.querySelector('.service-tile__reason')?.textContent).toBe('此项服务仅面向高龄、残疾家庭，如符合条件请联系社区登记')
  expect(one('.service-tile--legal .service-tile__line').textContent).toBe('每周四上午 · 剩余名额可查')
  expect(one('.service-tile--legal').querySelector('.service-tile__reason')).toBeNull()
})
