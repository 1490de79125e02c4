import { waitFor } from '@testing-library/react'
import DayPage from '../../src/booking/day/index'
import { addDays, beijingDate } from '../../src/domain/beijing-time'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests } from './support/app'
import { ANSWERS, disposeStaffRoots, key, publish, slotsAround, soonSlot, staffWorld } from './support/booking-staff'

usePageTests()
// A day of 10-minute slots is 143 of them to draw in jsdom.
jest.setTimeout(30_000)
const windowInfo = Taro.getWindowInfo
beforeEach(() => {
  localStorage.clear()
  // A window tall enough for the whole day: these tests read the cards, not which are drawn (the last test does).
  Object.assign(Taro, { getWindowInfo: () => ({ windowHeight: 100_000, windowWidth: 375, pixelRatio: 2 }) })
})
afterEach(() => {
  Object.assign(Taro, { getWindowInfo: windowInfo })
  disposeStaffRoots()
})

const card = (id: string) => `[data-booking="${id}"]`

test('a slot’s bookings: who, which household, the answers with a tap-to-call phone, status and code; the waitlist in line', async () => {
  const w = staffWorld()
  const staff = await w.client('u-zhang')
  const service = await publish(staff)
  const slot = await soonSlot(staff, service)
  const book = async (u: string) => (await w.client(u)).services.book({ serviceId: service.id, startsAt: slot.startsAt, answers: ANSWERS, waitlist: true }, { idempotencyKey: key() })
  const wang = await book('u-wang')
  await book('u-li')
  const zhao = await book('u-zhao')
  const chen = await book('u-chen')
  const { root } = await w.app('u-zhang')
  const open = jest.spyOn(window, 'open').mockImplementation(() => null)
  renderPage(root, DayPage, { serviceId: service.id, date: beijingDate(slot.startsAt) })

  await waitFor(() => expect(all(`[data-slot="${slot.startsAt}"] [data-booking]`)).toHaveLength(4))
  const w1 = one(card(wang.id))
  expect(w1.querySelector('.sb-card__name')?.textContent).toBe('王秀兰')
  expect(w1.querySelector('.sb-card__home')?.textContent).toBe('3号楼201')
  expect(w1.querySelector('.sb-status')?.textContent).toBe('预约成功')
  expect(w1.querySelector('.sb-card__code')?.textContent).toBe(`签到码 ${wang.checkInCode}`)
  expect(w1.textContent).toContain('需要什么：剪短一点')
  expect(one(`[data-slot="${slot.startsAt}"] [data-booked]`).textContent).toBe('已约 2/2')
  // The waitlist in its order.
  const line = all(`[data-slot="${slot.startsAt}"] .sb-waitlist [data-booking]`).map((el) => el.dataset.booking)
  expect(line).toEqual([zhao.id, chen.id])
  expect(one(`${card(zhao.id)} .sb-status`).textContent).toBe('候补第1位')
  // A phone is a tap to call it (H5: a tel: link in a new context; weapp: makePhoneCall).
  await tap(`${card(wang.id)} [data-phone]`)
  expect(open).toHaveBeenCalledWith('tel:13800000009', '_blank')
  // Before the start: 签到 and 取消, never 标记未到.
  expect(all(`${card(wang.id)} [data-act="no-show"]`)).toHaveLength(0)
  expect(all(`${card(wang.id)} [data-act="check-in"]`)).toHaveLength(1)

  // The day switcher moves a Beijing day either way.
  await tap('[data-step="next"]')
  expect(one('.sb-day__date').dataset.date).toBe(addDays(beijingDate(slot.startsAt), 1))
})

test('check-in from the list takes that booking’s code only; then 完成', async () => {
  const w = staffWorld()
  const staff = await w.client('u-zhang')
  const service = await publish(staff)
  const slot = await soonSlot(staff, service)
  const b = await (await w.client('u-wang')).services.book({ serviceId: service.id, startsAt: slot.startsAt, answers: ANSWERS }, { idempotencyKey: key() })
  const { root } = await w.app('u-zhang')
  renderPage(root, DayPage, { serviceId: service.id, date: beijingDate(slot.startsAt) })
  await waitFor(() => expect(all(card(b.id))).toHaveLength(1))

  await tap(`${card(b.id)} [data-act="check-in"]`)
  await typeInto(`${card(b.id)} .sb-checkin-row__code`, b.checkInCode === '123456' ? '654321' : '123456')
  await tap(`${card(b.id)} [data-act="send-check-in"]`)
  await waitFor(() => expect(fieldError('code')).toBe('签到码与预约不符'))

  await typeInto(`${card(b.id)} .sb-checkin-row__code`, b.checkInCode!)
  await tap(`${card(b.id)} [data-act="send-check-in"]`)
  await waitFor(() => expect(one(card(b.id)).dataset.status).toBe('checked_in'))
  await tap(`${card(b.id)} [data-act="complete"]`)
  await waitFor(() => expect(one(card(b.id)).dataset.status).toBe('done'))
  expect((await staff.services.booking(b.id)).status).toBe('done')
})

test('标记未到 after the start asks first, saying what three no-shows do', async () => {
  const w = staffWorld()
  const staff = await w.client('u-zhang')
  const service = await publish(staff)
  const now = Date.now()
  const started = (await slotsAround(staff, service)).filter((s) => Date.parse(s.startsAt) < now - 60_000 && Date.parse(s.startsAt) > now - 20 * 3_600_000).pop()!
  // Booked half an hour before the slot started.
  const li = await w.earlier(now - Date.parse(started.startsAt) + 30 * 60_000, async () =>
    (await w.client('u-li')).services.book({ serviceId: service.id, startsAt: started.startsAt, answers: ANSWERS }, { idempotencyKey: key() }),
  )
  const { root } = await w.app('u-zhang')
  renderPage(root, DayPage, { serviceId: service.id, date: beijingDate(started.startsAt) })
  await waitFor(() => expect(all(`${card(li.id)} [data-act="no-show"]`)).toHaveLength(1))

  // 再等等: nothing changes.
  Taro.showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: false, cancel: true })
  await tap(`${card(li.id)} [data-act="no-show"]`)
  const asked = Taro.showModal.mock.calls[0][0] as { title: string; content: string }
  expect(asked.title).toBe('标记为未到？')
  expect(asked.content).toBe('60天内累计3次未到，该户将暂停预约30天。确认这位居民没有来吗？')
  expect((await staff.services.booking(li.id)).status).toBe('confirmed')
  // 标记未到.
  await tap(`${card(li.id)} [data-act="no-show"]`)
  await waitFor(() => expect(one(card(li.id)).dataset.status).toBe('no_show'))
  expect(one(`${card(li.id)} .sb-status`).textContent).toBe('未到')
  expect((await staff.services.booking(li.id)).status).toBe('no_show')
})

test('取消 by staff needs a reason; the freed seat goes to the first in line', async () => {
  const w = staffWorld()
  const staff = await w.client('u-zhang')
  const service = await publish(staff)
  const slot = await soonSlot(staff, service)
  const book = async (u: string) => (await w.client(u)).services.book({ serviceId: service.id, startsAt: slot.startsAt, answers: ANSWERS, waitlist: true }, { idempotencyKey: key() })
  const wang = await book('u-wang')
  await book('u-li')
  const zhao = await book('u-zhao')
  const chen = await book('u-chen')
  const { root } = await w.app('u-zhang')
  renderPage(root, DayPage, { serviceId: service.id, date: beijingDate(slot.startsAt) })
  await waitFor(() => expect(all(card(wang.id))).toHaveLength(1))

  await tap(`${card(wang.id)} [data-act="cancel"]`)
  await tap(`${card(wang.id)} [data-act="send-cancel"]`)
  expect(fieldError('reason')).toBe('请填写取消原因（至少2个字）')
  expect((await staff.services.booking(wang.id)).status).toBe('confirmed')
  await typeInto(`${card(wang.id)} .sb-reason__text`, '居民来电说家里有事')
  await tap(`${card(wang.id)} [data-act="send-cancel"]`)
  await waitFor(() => expect(one(card(wang.id)).dataset.status).toBe('cancelled'))
  expect((await staff.services.booking(wang.id)).cancellation).toMatchObject({ by: 'staff', reason: '居民来电说家里有事' })
  // 赵 was first in line: seated now; 陈 is first in line.
  await waitFor(() => expect(one(card(zhao.id)).dataset.status).toBe('confirmed'))
  expect(one(`${card(chen.id)} .sb-status`).textContent).toBe('候补第1位')
  expect(one(`[data-slot="${slot.startsAt}"] [data-booked]`).textContent).toBe('已约 2/2')
})

test('the day is a virtual list: on a phone’s screen only the entries near it are drawn', async () => {
  Object.assign(Taro, { getWindowInfo: () => ({ windowHeight: 603, windowWidth: 375, pixelRatio: 2 }) })
  const w = staffWorld()
  const staff = await w.client('u-zhang')
  const service = await publish(staff)
  const slot = await soonSlot(staff, service)
  const { root } = await w.app('u-zhang')
  renderPage(root, DayPage, { serviceId: service.id, date: beijingDate(slot.startsAt) })
  await waitFor(() => expect(all('.sb-slot--head').length).toBeGreaterThan(0))
  const slots = (await staff.services.listSlots(service.id, { from: beijingDate(slot.startsAt), to: beijingDate(slot.startsAt) }))[0].slots.length
  // The list holds the head and every slot; it draws a screenful and a few more.
  expect(Number(one('.virtual-page').dataset.entries)).toBe(1 + slots)
  expect(slots).toBeGreaterThan(100)
  expect(all('.sb-slot--head').length).toBeLessThan(12)
})
