import { act, cleanup, waitFor } from '@testing-library/react'
import BookPage from '../../src/booking/book/index'
import { fakeNetwork } from '../../src/platform/network'
import { RootStore } from '../../src/stores/root-store'
import Taro from '../support/taro-jsdom'
import { loseFirstResponse, type Faults } from '../unit/support/memory-world'
import { emptySlot, fill, LEGAL_ANSWERS, serviceNamed } from './support/booking'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()
beforeEach(() => localStorage.clear())

const inputOf = (id: string) => one(`.bk-question[data-question="${id}"] input`) as HTMLInputElement

test('booking with answers: the domain’s errors per field first, then booked once and opened with a toast', async () => {
  const w = world()
  const { root, api, ops } = await w.app('u-wang')
  const legal = await serviceNamed(api, '法律咨询')
  const slot = await emptySlot(api, legal)
  renderPage(root, BookPage, { serviceId: legal.id, startsAt: slot.startsAt })
  await waitFor(() => expect(all('.bk-question')).toHaveLength(2))
  expect(one('.bk-recap').textContent).toContain('法律咨询')
  expect(one('.bk-recap .bk-slot__seats').textContent).toBe('剩余 3/3')

  await tap('.bk-book__submit')
  await waitFor(() => expect(fieldError('answers.purpose')).toBe('请填写咨询事项'))
  expect(fieldError('answers.phone')).toBe('请填写联系电话')
  expect(ops.filter((o) => o === 'services.book')).toHaveLength(0)

  await typeInto('.bk-question[data-question="purpose"]', '遗嘱怎么写才有效')
  await typeInto('.bk-question[data-question="phone"]', '1380000')
  await waitFor(() => expect(fieldError('answers.phone')).toBe('请填写 11 位手机号码（或带区号的座机）'))
  expect(fieldError('answers.purpose')).toBeNull()
  await typeInto('.bk-question[data-question="phone"]', '13800000001')
  await tap('.bk-book__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  const url = (Taro.redirectTo as jest.Mock).mock.calls[0][0].url as string
  expect(url).toMatch(/^\/booking\/detail\/index\?id=/)
  const id = decodeURIComponent(url.split('id=')[1])
  const booking = await api.services.booking(id)
  expect(booking.status).toBe('confirmed')
  expect(booking.answers.map((a) => [a.label, a.value])).toEqual([
    ['咨询事项', '遗嘱怎么写才有效'],
    ['联系电话', '13800000001'],
  ])
  expect(root.myBookings.get(id)?.checkInCode).toMatch(/^\d{6}$/)
  expect(ops.filter((o) => o === 'services.book')).toHaveLength(1)
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '预约成功' })), { timeout: 2000 })
})

test('the draft survives the app being killed, with its idempotency key', async () => {
  const w = world()
  const { root, api, storage } = await w.app('u-wang')
  const legal = await serviceNamed(api, '法律咨询')
  const slot = await emptySlot(api, legal)
  renderPage(root, BookPage, { serviceId: legal.id, startsAt: slot.startsAt })
  await waitFor(() => expect(all('.bk-question')).toHaveLength(2))
  await typeInto('.bk-question[data-question="purpose"]', '邻居装修噪音')
  await typeInto('.bk-question[data-question="phone"]', '13800000001')
  const draftKey = root.services.draft.key
  cleanup()

  // A new app on the same device storage: the same answers, the same key.
  const again = new RootStore({ api, storage, network: fakeNetwork(true) })
  await act(async () => {
    await again.start()
  })
  await waitFor(() => expect(again.session.status).toBe('signed_in'))
  renderPage(again, BookPage, { serviceId: legal.id, startsAt: slot.startsAt })
  await waitFor(() => expect(inputOf('purpose').value).toBe('邻居装修噪音'))
  expect(inputOf('phone').value).toBe('13800000001')
  expect(again.services.draft.key).toBe(draftKey)
  again.dispose()
})

test('a lost answer, then changed answers sent again: told the first may have booked, 我的预约 read again, never booked twice', async () => {
  const w = world()
  const { root, api, ops, faults } = await w.app('u-wang')
  const legal = await serviceNamed(api, '法律咨询')
  const slot = await emptySlot(api, legal)
  renderPage(root, BookPage, { serviceId: legal.id, startsAt: slot.startsAt })
  await waitFor(() => expect(all('.bk-question')).toHaveLength(2))
  await typeInto('.bk-question[data-question="purpose"]', '遗嘱怎么写')
  await typeInto('.bk-question[data-question="phone"]', '13800000001')
  loseFirstResponse(faults as Faults, 'services.book')
  await tap('.bk-book__submit')
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不可用，请检查网络后重试' })))
  await waitFor(() => expect(root.services.submitting).toBe(false))

  await typeInto('.bk-question[data-question="purpose"]', '遗嘱怎么写才有效')
  const mineBefore = ops.filter((o) => o === 'services.mine').length
  await tap('.bk-book__submit')
  await waitFor(() => expect(one('.bk-refusal').textContent).toBe('上次提交可能已成功，请在“我的预约”中查看'))
  await waitFor(() => expect(ops.filter((o) => o === 'services.mine').length).toBeGreaterThan(mineBefore))
  await waitFor(() => expect(root.myBookings.upcoming.some((b) => b.service.id === legal.id && b.startsAt === slot.startsAt)).toBe(true))
  expect(document.body.textContent).not.toContain('同一提交编号')

  await tap('.bk-book__submit')
  await waitFor(() => expect(root.services.submitting).toBe(false))
  const mine = (await api.services.mine()).upcoming.filter((b) => b.service.id === legal.id && b.startsAt === slot.startsAt)
  expect(mine).toHaveLength(1)
  expect(Taro.redirectTo).not.toHaveBeenCalled()
})

test('opening the same slot’s form again forgets what the last try was told', async () => {
  const w = world()
  const { root, api } = await w.app('u-li') // 3号楼302: not tagged for 助老上门服务
  const visit = await serviceNamed(api, '助老上门服务')
  const slot = await emptySlot(api, visit)
  renderPage(root, BookPage, { serviceId: visit.id, startsAt: slot.startsAt })
  await waitFor(() => expect(all('.bk-question')).toHaveLength(2))
  await typeInto('.bk-question[data-question="need"]', '理发')
  await typeInto('.bk-question[data-question="phone"]', '13800000002')
  await tap('.bk-book__submit')
  await waitFor(() => expect(all('.bk-refusal')).toHaveLength(1))
  cleanup()
  renderPage(root, BookPage, { serviceId: visit.id, startsAt: slot.startsAt })
  await waitFor(() => expect(inputOf('need').value).toBe('理发'))
  expect(all('.bk-refusal')).toHaveLength(0)
  expect(root.services.refusal).toBeNull()
})

test('a refusal shows the rule’s words and keeps the answers', async () => {
  const w = world()
  const { root, api } = await w.app('u-li') // 3号楼302: not tagged for 助老上门服务
  const visit = await serviceNamed(api, '助老上门服务')
  const slot = await emptySlot(api, visit)
  renderPage(root, BookPage, { serviceId: visit.id, startsAt: slot.startsAt })
  await waitFor(() => expect(all('.bk-question')).toHaveLength(2))
  await typeInto('.bk-question[data-question="need"]', '理发')
  await typeInto('.bk-question[data-question="phone"]', '13800000002')
  await tap('.bk-book__submit')
  await waitFor(() => expect(one('.bk-refusal').textContent).toBe('此项服务仅面向高龄、残疾家庭，如符合条件请联系社区登记'))
  expect(inputOf('need').value).toBe('理发')
  expect(Taro.redirectTo).not.toHaveBeenCalled()
})

test('a slot that filled up meanwhile offers its waitlist in place', async () => {
  const w = world()
  const { root, api } = await w.app('u-wang')
  const legal = await serviceNamed(api, '法律咨询')
  const slot = await emptySlot(api, legal)
  renderPage(root, BookPage, { serviceId: legal.id, startsAt: slot.startsAt })
  await waitFor(() => expect(all('.bk-question')).toHaveLength(2))
  await typeInto('.bk-question[data-question="purpose"]', '劳动合同')
  await typeInto('.bk-question[data-question="phone"]', '13800000001')
  await fill(await Promise.all(['u-zhao', 'u-chen', 'u-gao'].map((u) => w.client(u))), legal, slot.startsAt, LEGAL_ANSWERS)

  await tap('.bk-book__submit')
  await waitFor(() => expect(all('.bk-full')).toHaveLength(1))
  expect(one('.bk-full__title').textContent).toBe('该时段刚刚约满')
  expect(one('.bk-full__join').textContent).toBe('加入候补（前面还有0人）')
  await tap('.bk-full__join')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  const id = decodeURIComponent(((Taro.redirectTo as jest.Mock).mock.calls[0][0].url as string).split('id=')[1])
  const booking = await api.services.booking(id)
  expect(booking.status).toBe('waitlisted')
  expect(booking.waitlistPosition).toBe(1)
  expect(booking.checkInCode).toBeUndefined()
})
