import { waitFor } from '@testing-library/react'
import OnBehalfPage from '../../src/booking/on-behalf/index'
import TagsPage from '../../src/booking/tags/index'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, usePageTests } from './support/app'
import { disposeStaffRoots, staffWorld } from './support/booking-staff'

usePageTests()
jest.setTimeout(30_000)
beforeEach(() => localStorage.clear())
afterEach(() => disposeStaffRoots())

test('住户类别: a household is found by building and room and tagged; the resident may then book 助老上门服务', async () => {
  const w = staffWorld()
  const li = await w.client('u-li') // 3号楼302, not tagged
  const homeVisit = async () => (await li.services.list()).find((s) => s.name === '助老上门服务')!
  expect((await homeVisit()).myEligibility?.eligible).toBe(false)
  const { root } = await w.app('u-zhang')
  renderPage(root, TagsPage)

  await tap('.sb-tags__save')
  expect(fieldError('buildingId')).toBe('请选择楼栋')
  await tap('[data-chips="building"] [data-value="b-3"]')
  await waitFor(() => expect(all('[data-chips="room"] [data-value="302"]')).toHaveLength(1))
  await tap('[data-chips="room"] [data-value="302"]')
  await tap('[data-chips="tags"] [data-value="disabled"]')
  await tap('[data-chips="tags"] [data-value="elderly"]')
  await tap('.sb-tags__save')
  await waitFor(() => expect(all('.sb-tags__saved')).toHaveLength(1))
  expect(one('.sb-tags__saved').textContent).toBe('3号楼302 已登记：高龄、残疾')
  expect((await homeVisit()).myEligibility?.eligible).toBe(true)

  // Taken off again: none of the tags.
  await tap('[data-chips="tags"] [data-value="disabled"]')
  await tap('[data-chips="tags"] [data-value="elderly"]')
  await tap('.sb-tags__save')
  await waitFor(() => expect(one('.sb-tags__saved').textContent).toBe('3号楼302 已登记：无'))
  expect((await homeVisit()).myEligibility?.eligible).toBe(false)
})

test('住户类别: picking a household shows the tags it carries now (王秀兰’s 3号楼201: 高龄、低保)', async () => {
  const w = staffWorld()
  const { root } = await w.app('u-zhang')
  renderPage(root, TagsPage)
  await tap('[data-chips="building"] [data-value="b-3"]')
  await waitFor(() => expect(all('[data-chips="room"] [data-value="201"]')).toHaveLength(1))
  await tap('[data-chips="room"] [data-value="201"]')
  await waitFor(() => expect(all('[data-chips="tags"] .chip--on').map((c) => c.getAttribute('data-value'))).toEqual(['elderly', 'low_income']))
  expect(one('.sb-tags__saved').textContent).toBe('3号楼201 已登记：高龄、低保')
})

test('代约: the household’s verified members are offered (the seeded ones too); picking one and a service opens its calendar for them', async () => {
  const w = staffWorld()
  // 辛 has just moved into 8号楼102 and been verified.
  const xin = await w.client('u-xin')
  await xin.communities.join((await xin.communities.byCode('YYDEMO')).id)
  const claim = await xin.households.claim({ buildingId: 'b-8', room: '102', name: '辛晓', phone: '13800000077' })
  await (await w.client('u-zhang')).households.approve(claim.id)
  const { root, api } = await w.app('u-zhang')
  renderPage(root, OnBehalfPage)

  await tap('[data-chips="building"] [data-value="b-8"]')
  await waitFor(() => expect(all('[data-chips="room"] [data-value="102"]')).toHaveLength(1))
  // A room nobody verified lives in says how to get there.
  await tap('[data-chips="room"] [data-value="202"]')
  await waitFor(() => expect(all('.option-list__empty')).toHaveLength(1))
  expect(one('.option-list__empty').textContent).toContain('还没有已认证的家庭成员')

  // 赵小燕 was set up living in 8号楼101 (no claim of hers exists): she is offered too.
  await tap('[data-chips="room"] [data-value="101"]')
  await waitFor(() => expect(all('[data-options="resident"] [data-value="u-zhao"]')).toHaveLength(1))
  await tap('[data-chips="room"] [data-value="102"]')
  await waitFor(() => expect(all('[data-options="resident"] [data-value="u-xin"]')).toHaveLength(1))
  await tap('[data-options="resident"] [data-value="u-xin"]')
  const legal = (await api.services.list()).find((s) => s.name === '法律咨询')!
  await waitFor(() => expect(all(`[data-service="${legal.id}"]`)).toHaveLength(1))
  await tap(`[data-service="${legal.id}"]`)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/booking/service/index?id=${encodeURIComponent(legal.id)}&forUserId=u-xin` })
})
