import { waitFor } from '@testing-library/react'
import DiscussionPage from '../../src/consult/discussion/index'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()

const key = () => `k${Math.random().toString(36).slice(2)}${Date.now().toString(36)}xxxxxxxx`

async function setUp() {
  const w = world()
  const wang = await w.client('u-wang')
  const p = await wang.conventions.propose({ title: '3号楼下增设电动车充电桩', body: '3号楼楼下电动车很多，晚上只能拉线回家充电，希望增设充电桩。', photoIds: [] }, { idempotencyKey: key() })
  const subject = { kind: 'proposal' as const, id: p.id }
  const li = await w.client('u-li')
  const first = await li.conventions.contribute(subject, { body: '支持，充电太难了', stance: 'for' }, { idempotencyKey: key() })
  const rude = await (await w.client('u-zhou')).conventions.contribute(subject, { body: '提这个的人脑子有问题', stance: 'against' }, { idempotencyKey: key() })
  return { w, p, subject, first, rude }
}

const params = (id: string) => ({ kind: 'proposal', id, title: encodeURIComponent('3号楼下增设电动车充电桩') })

test('staff hide a contribution with a reason: residents see why, staff still see the text greyed', async () => {
  const { w, p, rude } = await setUp()
  const { root } = await w.app('u-zhang')
  renderPage(root, DiscussionPage, params(p.id))
  await waitFor(() => expect(all('[data-contribution]')).toHaveLength(2))
  expect(one('[data-stances]').textContent).toBe('支持 1 · 反对 1 · 中立 0')

  const row = `[data-contribution="${rude.id}"]`
  await tap(`${row} .dc-row__hide`)
  // A reason is required.
  await tap(`${row} .dc-hide__confirm`)
  await waitFor(() => expect(fieldError('reason')).toMatch(/请写明隐藏的理由/))
  await typeInto(`${row} .dc-hide__reason`, '含有人身攻击')
  await tap(`${row} .dc-hide__confirm`)
  await waitFor(() => expect(one(`${row} .dc-row__hidden`).textContent).toBe('该发言已被隐藏：含有人身攻击'))
  expect(one(`${row} .dc-row__body--hidden`).textContent).toBe('提这个的人脑子有问题')
  expect(one('[data-stances]').textContent).toBe('支持 1 · 反对 0 · 中立 0')

  // A resident sees the reason, never the text.
  const resident = await w.app('u-wang')
  const list = await resident.api.conventions.listContributions({ kind: 'proposal', id: p.id })
  const hidden = list.items.find((c) => c.id === rude.id)!
  expect(hidden.body).toBe('')
  expect(hidden.hidden?.reason).toBe('含有人身攻击')
})

test('a resident sees a hidden contribution as hidden, with its reason', async () => {
  const { w, p, rude } = await setUp()
  await (await w.client('u-zhang')).conventions.hideContribution(rude.id, '含有人身攻击')
  const { root } = await w.app('u-wang')
  renderPage(root, DiscussionPage, params(p.id))
  await waitFor(() => expect(all('[data-contribution]')).toHaveLength(2))
  const row = one(`[data-contribution="${rude.id}"]`)
  expect(row.querySelector('.dc-row__hidden')?.textContent).toBe('该发言已被隐藏：含有人身攻击')
  expect(row.textContent).not.toContain('脑子')
  expect(all(`[data-contribution="${rude.id}"] .dc-row__hide`)).toHaveLength(0)
})

test('a resident’s contribution needs a stance; a reply needs none and sits under its parent', async () => {
  const { w, p, first } = await setUp()
  const { root } = await w.app('u-wang')
  renderPage(root, DiscussionPage, params(p.id))
  await waitFor(() => expect(all('[data-contribution]')).toHaveLength(2))
  await typeInto('.dc-compose__input', '建议装在东侧空地')
  await tap('.dc-compose__send')
  await waitFor(() => expect(fieldError('stance')).toBe('请选择您的态度：支持、反对或中立'))
  await tap('[data-chips="stance"] [data-value="neutral"]')
  await tap('.dc-compose__send')
  await waitFor(() => expect(all('[data-contribution]')).toHaveLength(3))
  expect(one('[data-stances]').textContent).toBe('支持 1 · 反对 1 · 中立 1')

  // 回复 李*: no stance chips; the reply is drawn right under its parent, indented.
  await tap(`[data-contribution="${first.id}"] .dc-row__reply`)
  expect(all('[data-chips="stance"]')).toHaveLength(0)
  expect(one('.dc-compose__reply').textContent).toContain('回复 李*')
  await typeInto('.dc-compose__input', '同意，我家也是')
  await tap('.dc-compose__send')
  await waitFor(() => expect(all('[data-contribution]')).toHaveLength(4))
  const order = all('[data-contribution]')
  const at = order.findIndex((el) => el.getAttribute('data-contribution') === first.id)
  expect(order[at + 1].className).toContain('dc-row--reply')
  expect(order[at + 1].textContent).toContain('同意，我家也是')
  expect(order[at + 1].querySelector('.dc-stance')).toBeNull()
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发表' }))
})

test('staff speak for the community: marked 社区回复, no stance needed', async () => {
  const { w, p } = await setUp()
  const { root } = await w.app('u-zhang')
  renderPage(root, DiscussionPage, params(p.id))
  await waitFor(() => expect(all('[data-contribution]')).toHaveLength(2))
  await typeInto('.dc-compose__input', '社区已联系供电公司勘察场地，下周答复。')
  await tap('.dc-compose__send')
  await waitFor(() => expect(all('[data-contribution]')).toHaveLength(3))
  const mine = all('[data-contribution]').find((el) => el.textContent?.includes('勘察场地'))!
  expect(mine.querySelector('.dc-official')?.textContent).toBe('社区回复')
})
