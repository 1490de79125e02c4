import { act, waitFor } from '@testing-library/react'
import ReviewClaims from '../../src/admin/claims/index'
import StaffWorkspace from '../../src/staff/workspace/index'
import type { ApiClient } from '../../src/api/client'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()

/** A person on the same backend claims a room: the newcomer joins 映月社区 first. */
async function claims(client: ApiClient, input: { buildingId: string; room: string; name: string; phone: string }, join = false) {
  if (join) {
    const found = await client.communities.byCode('YYDEMO')
    await client.communities.join(found.id)
  }
  return client.households.claim(input)
}

function rowOf(name: string): HTMLElement {
  const found = all('.claims__row').find((r) => r.querySelector('.claims__name')?.textContent === name)
  if (!found) throw new Error(`no claim row for ${name}`)
  return found
}

test('staff review the pending claims oldest first: approve one, reject one with a quick reason', async () => {
  const w = world()
  await claims(await w.client('u-xin'), { buildingId: 'b-3', room: '301', name: '辛晓梅', phone: '13900000011' }, true)
  // The real clock: the second claim a moment later.
  await new Promise((r) => setTimeout(r, 5))
  await claims(await w.client('u-wu'), { buildingId: 'b-5', room: '402', name: '吴强', phone: '13800000008' })
  const { root } = await w.app('u-zhang')

  renderPage(root, ReviewClaims)
  await waitFor(() => expect(all('.claims__row')).toHaveLength(2))
  expect(one('.claims__summary').textContent).toBe('待审核 2 条')
  // Oldest first; the phone masked; nothing of anyone already living here (周桂芳 has her home).
  expect(all('.claims__name').map((n) => n.textContent)).toEqual(['辛晓梅', '吴强'])
  expect(document.body.textContent).not.toContain('周桂芳')
  const xin = rowOf('辛晓梅')
  expect(xin.querySelector('.claims__door')!.textContent).toBe('3号楼 301')
  expect(xin.textContent).toContain('139****0011')
  expect(xin.textContent).not.toContain('13900000011')

  await tap(`[data-claim="${xin.dataset.claim}"] .claims__approve`)
  await waitFor(() => expect(all('.claims__row')).toHaveLength(1))
  expect(one('.claims__summary').textContent).toBe('待审核 1 条')

  // 驳回 asks for a reason: none is refused at the field, a quick reason fills it.
  const wu = rowOf('吴强')
  await tap(`[data-claim="${wu.dataset.claim}"] .claims__reject`)
  await tap(`[data-claim="${wu.dataset.claim}"] .claims__confirm-reject`)
  await waitFor(() => expect(fieldError('reason')).toBe('请写明原因（至少 2 个字），对方会看到'))
  await tap(`[data-claim="${wu.dataset.claim}"] [data-reason="请携带证件到社区核实"]`)
  await tap(`[data-claim="${wu.dataset.claim}"] .claims__confirm-reject`)
  await waitFor(() => expect(all('.claims__row')).toHaveLength(0))
  expect(one('.claims__empty').textContent).toBe('没有待审核的申请')

  // The filter shows the decided ones, with who decided and why.
  await tap('[data-chips="status"] [data-value="rejected"]')
  await waitFor(() => expect(all('.claims__row')).toHaveLength(1))
  expect(one('.claims__row').textContent).toContain('原因：请携带证件到社区核实')
  expect(one('.claims__row').textContent).toContain('张敏')
  await tap('[data-chips="status"] [data-value="approved"]')
  await waitFor(() => expect(all('.claims__name').map((n) => n.textContent)).toEqual(['辛晓梅']))

  // The newcomer is a verified resident now.
  const xinNow = await w.client('u-xin')
  expect((await xinNow.households.mine()).household).toMatchObject({ buildingName: '3号楼', room: '301' })
})

test('a claim decided meanwhile: the core’s refusal is told and the list is read again', async () => {
  const w = world()
  const claim = await claims(await w.client('u-xin'), { buildingId: 'b-3', room: '301', name: '辛晓梅', phone: '13900000011' }, true)
  const { root } = await w.app('u-zhang')
  renderPage(root, ReviewClaims)
  await waitFor(() => expect(all('.claims__row')).toHaveLength(1))
  // The building leader decides it first.
  await (await w.client('u-zhou')).households.reject(claim.id, '房号与登记信息不符')
  await tap('.claims__reject')
  await typeInto('.claims__reason-field', '姓名与登记不一致')
  await tap('.claims__confirm-reject')
  // The list is read again (the claim is no longer pending) and the toast says why.
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '这条申请已经审核过了' })))
  await waitFor(() => expect(all('.claims__row')).toHaveLength(0))
  expect(one('.claims__summary').textContent).toBe('待审核 0 条')
})

test('a building leader reviews their buildings only; the workspace counts what waits', async () => {
  const w = world()
  await claims(await w.client('u-xin'), { buildingId: 'b-3', room: '301', name: '辛晓梅', phone: '13900000011' }, true)
  await claims(await w.client('u-wu'), { buildingId: 'b-1', room: '101', name: '吴强', phone: '13800000008' })
  const { root } = await w.app('u-zhou')

  renderPage(root, StaffWorkspace)
  await waitFor(() => expect(one('[data-action="claims"] .workspace__count').textContent).toBe('1 条待审核'))
  // A leader manages no people.
  expect(all('[data-action="invites"]')).toHaveLength(0)

  renderPage(root, ReviewClaims)
  await waitFor(() => expect(all('.claims__row')).toHaveLength(1))
  expect(one('.claims__scope').textContent).toBe('您负责的楼栋：3号楼、5号楼')
  expect(one('.claims__name').textContent).toBe('辛晓梅')
})

test('who reviews no claims is told so', async () => {
  const { root } = await world().app('u-sun')
  renderPage(root, ReviewClaims)
  await act(async () => undefined)
  expect(one('.admin__denied').textContent).toBe('住户认证审核只对社区工作者和楼栋长开放')
})
