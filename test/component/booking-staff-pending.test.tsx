import { waitFor } from '@testing-library/react'
import PendingPage from '../../src/booking/pending/index'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests } from './support/app'
import { ANSWERS, disposeStaffRoots, key, publish, soonSlot, staffWorld } from './support/booking-staff'

usePageTests()
jest.setTimeout(30_000)
beforeEach(() => localStorage.clear())
afterEach(() => disposeStaffRoots())

const card = (id: string) => `[data-booking="${id}"]`

test('pending bookings, soonest first: 确认 seats it; 拒绝 needs a reason the resident is told', async () => {
  const w = staffWorld()
  const staff = await w.client('u-zhang')
  const service = await publish(staff, { name: '人民调解室', requiresConfirmation: true, capacity: 3 })
  const slot = await soonSlot(staff, service)
  const wang = await (await w.client('u-wang')).services.book({ serviceId: service.id, startsAt: slot.startsAt, answers: ANSWERS }, { idempotencyKey: key() })
  const li = await (await w.client('u-li')).services.book({ serviceId: service.id, startsAt: slot.startsAt, answers: ANSWERS }, { idempotencyKey: key() })
  expect([wang.status, li.status]).toEqual(['pending', 'pending'])
  const { root } = await w.app('u-zhang')
  renderPage(root, PendingPage)

  await waitFor(() => expect(all(card(wang.id))).toHaveLength(1))
  // Soonest first, the same start by id (as the backend pages them): every pending booking, in that order.
  const pending = (await staff.services.listPending({ limit: 50 })).items
  const soonest = [...pending].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const order = all('[data-booking]').map((el) => el.dataset.booking)
  expect(order).toEqual(soonest.map((b) => b.id))
  expect(order.slice(0, 2).sort()).toEqual([wang.id, li.id].sort())
  expect(one(`${card(wang.id)} .sb-card__when`).textContent).toContain('人民调解室')
  expect(one(`${card(wang.id)} .sb-card__home`).textContent).toBe('3号楼201')

  await tap(`${card(wang.id)} [data-act="confirm"]`)
  await waitFor(() => expect(all(card(wang.id))).toHaveLength(0))
  expect((await staff.services.booking(wang.id)).status).toBe('confirmed')

  await tap(`${card(li.id)} [data-act="reject"]`)
  await typeInto(`${card(li.id)} .sb-reason__text`, '好')
  await tap(`${card(li.id)} [data-act="send-reject"]`)
  expect(fieldError('reason')).toBe('请填写拒绝原因（至少2个字）')
  expect((await staff.services.booking(li.id)).status).toBe('pending')
  await typeInto(`${card(li.id)} .sb-reason__text`, '调解员当天外出，请改约下周')
  await tap(`${card(li.id)} [data-act="send-reject"]`)
  await waitFor(() => expect(all(card(li.id))).toHaveLength(0))
  const rejected = await (await w.client('u-li')).services.booking(li.id)
  expect(rejected.status).toBe('rejected')
  expect(rejected.rejection?.reason).toBe('调解员当天外出，请改约下周')
})
