import { act, waitFor } from '@testing-library/react'
import Invites from '../../src/admin/invites/index'
import StaffWorkspace from '../../src/staff/workspace/index'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()

test('an admin invites a grid worker: the code large in two groups, 复制, 待使用 in the list, then 撤销', async () => {
  const setClipboardData = jest.fn((_o: { data: string }): Promise<any> => Promise.resolve({ errMsg: 'ok' }))
  Object.assign(Taro, { setClipboardData })
  const w = world()
  const { root } = await w.app('u-he')
  renderPage(root, Invites)
  await waitFor(() => expect(all('.invites__empty')).toHaveLength(1))

  // An admin may give every role.
  expect(all('[data-chips="role"] .chip').map((c) => c.textContent)).toEqual(['社区工作者', '网格员', '楼栋长', '管理员'])
  await tap('[data-chips="role"] [data-value="grid_worker"]')
  await tap('.invites__submit')
  await waitFor(() => expect(fieldError('gridIds')).toBe('请选择网格员负责的网格'))
  await tap('[data-chips="grids"] [data-value="g-2"]')
  await typeInto('.invites__note', '孙丽 · 第二网格')
  await tap('[data-chips="expiry"] [data-value="72"]')
  await tap('.invites__submit')

  const code = await waitFor(() => one('.invites__code'))
  const plain = code.dataset.code!
  expect(plain).toMatch(/^[2-9A-Z]{8}$/)
  expect(code.textContent).toBe(`${plain.slice(0, 4)} ${plain.slice(4)}`)
  expect(one('.invites__for').textContent).toBe('网格员 · 第二网格 · 孙丽 · 第二网格')
  // The memory backend draws no mini-program code: the code is told instead.
  await waitFor(() => expect(one('.invites__no-qr').textContent).toBe('把邀请码告诉对方，对方在“我的 → 输入邀请码”中输入'))
  await tap('.invites__copy')
  expect(setClipboardData).toHaveBeenCalledWith({ data: plain })

  const row = await waitFor(() => one('.invites__row'))
  expect(row.dataset.status).toBe('open')
  expect(row.querySelector('.admin__badge')!.textContent).toBe('待使用')

  await tap('.invites__cancel')
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤销邀请' }))
  await waitFor(() => expect(one('.invites__row').querySelector('.admin__badge')!.textContent).toBe('已撤销'))
  expect(all('.invites__cancel')).toHaveLength(0)
  // The code shown was cancelled: the form is back.
  expect(all('.invites__code')).toHaveLength(0)
  expect(all('.invites__submit')).toHaveLength(1)
  expect((await (await w.client('u-he')).invites.list())[0].status).toBe('cancelled')
})

test('the invite when used says by whom; a mini-program code is drawn when the backend has one', async () => {
  const w = world()
  const { root, api } = await w.app('u-zhang')
  jest.spyOn(api.invites, 'qrCode').mockResolvedValue({ dataUrl: 'data:image/png;base64,iVBORw0KGgo=' })
  renderPage(root, Invites)
  // Staff invite grid workers and building leaders only.
  await waitFor(() => expect(all('[data-chips="role"] .chip').map((c) => c.textContent)).toEqual(['网格员', '楼栋长']))
  await tap('[data-chips="role"] [data-value="building_leader"]')
  await tap('[data-chips="buildings"] [data-value="b-8"]')
  await tap('.invites__submit')
  const code = (await waitFor(() => one('.invites__code'))).dataset.code!
  await waitFor(() => expect(one('.invites__qr').getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo='))

  await (await w.client('u-wang')).invites.redeem(code)
  await tap('.invites__another')
  await act(() => root.invites.load())
  await waitFor(() => expect(one('.invites__used').textContent).toBe('已使用 · 王秀兰'))
  expect(one('.invites__role').textContent).toBe('楼栋长 · 8号楼')
})

test('the workspace leads staff to each management page', async () => {
  const { root } = await world().app('u-zhang')
  renderPage(root, StaffWorkspace)
  await waitFor(() => expect(all('.workspace__admin [data-action]').map((t) => t.dataset.action)).toEqual(['claims', 'moderation', 'invites', 'people', 'join-code', 'audit']))
  await waitFor(() => expect(one('[data-action="claims"] .workspace__count').textContent).toBe('暂无待审核'))
  await waitFor(() => expect(one('[data-action="moderation"] .workspace__count').textContent).toBe('暂无待审核'))
  await tap('.workspace__admin [data-action="invites"]')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/admin/invites/index' })
  await tap('.workspace__admin [data-action="moderation"]')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/moderation/index' })
  await tap('.workspace__admin [data-action="audit"]')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/audit/index' })
})
