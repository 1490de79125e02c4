import { waitFor } from '@testing-library/react'
import JoinCode from '../../src/admin/join-code/index'
import People from '../../src/admin/people/index'
import Taro from '../support/taro-jsdom'
import { all, one, renderPage, tap, usePageTests, world } from './support/app'

usePageTests()

function member(id: string): HTMLElement {
  return one(`[data-member="${id}"]`)
}

test('staff take 孙丽’s grid role away after a confirm; the role is gone at once', async () => {
  const w = world()
  const { root } = await w.app('u-zhang')
  renderPage(root, People)
  await waitFor(() => expect(all('.people__member').length).toBeGreaterThan(3))

  const sun = member('u-sun')
  expect(sun.querySelector('.people__name')!.textContent).toBe('孙丽')
  expect(sun.textContent).toContain('138****0007')
  expect(sun.querySelector('.people__role-chip')!.textContent).toBe('网格员 · 第二网格')
  expect(member('u-zhou').querySelector('.people__role-chip')!.textContent).toBe('楼栋长 · 3号楼、5号楼')
  expect(member('u-zhou').textContent).toContain('3号楼101')

  // 不取消: nothing happens.
  Taro.showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: false, cancel: true })
  await tap('[data-member="u-sun"] [data-role="grid_worker"] .people__revoke')
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消角色', content: '确定取消孙丽的“网格员”角色吗？取消后立即生效。' }))
  expect(all('[data-member="u-sun"] [data-role="grid_worker"]')).toHaveLength(1)

  await tap('[data-member="u-sun"] [data-role="grid_worker"] .people__revoke')
  await waitFor(() => expect(all('[data-member="u-sun"] [data-role="grid_worker"]')).toHaveLength(0))
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消孙丽的网格员角色' }))
  // Her next request is refused what the role gave.
  const sunNow = await w.client('u-sun')
  expect((await sunNow.session.current())!.user.roles).not.toContain('grid_worker')
})

test('the core’s refusal shows at the role: staff cannot take the admin’s role away', async () => {
  const { root } = await world().app('u-zhang')
  renderPage(root, People)
  await waitFor(() => expect(all('[data-member="u-he"]')).toHaveLength(1))
  await tap('[data-member="u-he"] [data-role="admin"] .people__revoke')
  await waitFor(() => expect(one('[data-member="u-he"] [data-role="admin"] .field-error').textContent).toBe('您不能取消这个角色（社区工作者和管理员由管理员管理）'))
  expect(all('[data-member="u-he"] [data-role="admin"]')).toHaveLength(1)
})

test('社区码: the code large, and how residents use it without a mini-program code', async () => {
  const { root } = await world().app('u-zhang')
  renderPage(root, JoinCode)
  await waitFor(() => expect(one('.join-code__code').textContent).toBe('YYDEMO'))
  expect(one('.join-code__name').textContent).toBe('映月社区')
  expect(one('.join-code__no-qr').textContent).toContain('选择社区')
  expect(one('.join-code__how').textContent).toContain('扫描小程序码，或在“选择社区”中输入社区码')
})

test('a resident reaches neither page', async () => {
  const { root } = await world().app('u-wang')
  renderPage(root, People)
  await waitFor(() => expect(one('.admin__denied').textContent).toBe('只有社区管理员和社区工作者可以管理人员'))
})
