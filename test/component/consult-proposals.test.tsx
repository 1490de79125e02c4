import { act, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import ProposalPage from '../../src/consult/proposal/index'
import NewProposalPage from '../../src/consult/proposal-new/index'
import ProposalStaffPage from '../../src/consult/proposal-staff/index'
import { ProposalList } from '../../src/consult/proposal-list'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()
beforeEach(() => localStorage.clear())

const key = () => `k${Math.random().toString(36).slice(2)}${Date.now().toString(36)}xxxxxxxx`

async function propose(w: ReturnType<typeof world>, userId = 'u-wang', title = '3号楼下增设电动车充电桩') {
  const api = await w.client(userId)
  return api.conventions.propose({ title, body: '3号楼楼下电动车很多，晚上只能拉线回家充电，希望增设充电桩。', photoIds: [] }, { idempotencyKey: key() })
}

const count = () => one('[data-threshold="count"]').textContent ?? ''

test('附议: the threshold bar moves, and the household cannot co-sign twice', async () => {
  const w = world()
  const p = await propose(w)
  const { root } = await w.app('u-li') // 3号楼302, another household
  renderPage(root, ProposalPage, { id: p.id })
  await waitFor(() => expect(all('[data-threshold="count"]')).toHaveLength(1))
  const t = p.threshold
  expect(count()).toMatch(new RegExp(`^已附议 0 / ${t} 户，还差 ${t} 户，截止 `))
  expect(one('[data-bar="threshold"]').getAttribute('data-share')).toBe('0')

  await tap('.proposal__cosign')
  await waitFor(() => expect(count()).toMatch(new RegExp(`^已附议 1 / ${t} 户，还差 ${t - 1} 户`)))
  expect(one('[data-bar="threshold"]').getAttribute('data-share')).toBe(((1 / t) * 100).toFixed(0))
  expect(all('.proposal__cosign')).toHaveLength(0)
  expect(one('.proposal__cosign-refusal').textContent).toBe('您家已附议')
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '附议成功' }))
  expect((await (await w.client('u-wang')).conventions.getProposal(p.id)).cosigns).toBe(1)
})

test('another household of the building may co-sign; the author and the discussion are shown', async () => {
  const w = world()
  const p = await propose(w)
  const { root } = await w.app('u-zhou') // 3号楼101: another household — may co-sign
  renderPage(root, ProposalPage, { id: p.id })
  await waitFor(() => expect(all('.proposal__cosign')).toHaveLength(1))
  expect(one('.proposal__title').textContent).toBe('3号楼下增设电动车充电桩')
  expect(document.body.textContent).toContain('王** · 3号楼')
  expect(document.body.textContent).toContain('参与讨论（0）')
})

test('the author sees it is their own household’s proposal', async () => {
  const w = world()
  const p = await propose(w)
  const { root } = await w.app('u-wang')
  renderPage(root, ProposalPage, { id: p.id })
  await waitFor(() => expect(all('.proposal__cosign-refusal')).toHaveLength(1))
  expect(one('.proposal__cosign-refusal').textContent).toBe('这是您家提出的议题，不用再附议')
  expect(all('.proposal__staff')).toHaveLength(0)
})

test('staff decline with a reason: required first, then shown on the proposal', async () => {
  const w = world()
  const p = await propose(w)
  const { root } = await w.app('u-zhang')
  renderPage(root, ProposalStaffPage, { id: p.id, action: 'answer' })
  await waitFor(() => expect(all('[data-chips="answer-kind"]')).toHaveLength(1))
  await tap('[data-chips="answer-kind"] [data-value="declined"]')
  await tap('.staff-form__submit')
  await waitFor(() => expect(fieldError('reason')).toBe('不予采纳请写明理由，居民会看到'))
  await typeInto('.staff-form__reason', '该位置属于消防通道，不能安装充电设施')
  await tap('.staff-form__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/consult/proposal/index?id=${encodeURIComponent(p.id)}` }))
  const answered = await (await w.client('u-wang')).conventions.getProposal(p.id)
  expect(answered.status).toBe('declined')
  expect(answered.answer?.reason).toBe('该位置属于消防通道，不能安装充电设施')
})

test('a new proposal: the draft survives, similar ones are offered, and it is sent once', async () => {
  const w = world()
  const existing = await propose(w, 'u-li', '小区增设电动车充电桩')
  const { root, ops, storage } = await w.app('u-wang')
  renderPage(root, NewProposalPage)
  await typeInto('.proposal-new__title', '增设电动车充电桩')
  await typeInto('.proposal-new__body', '电动车充电难，希望在小区里增设充电桩。')
  // Kept in the app's storage as it is typed.
  const saved = storage.keys().find((k) => k.startsWith('linli.proposal-draft.u-wang'))
  expect(saved).toBeDefined()
  expect(JSON.parse(storage.get(saved!)!).title).toBe('增设电动车充电桩')
  await waitFor(() => expect(all(`[data-similar="${existing.id}"]`)).toHaveLength(1), { timeout: 3000 })
  expect(document.body.textContent).toContain('类似的议题，可以直接附议')

  await tap('.proposal-new__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  expect(ops.filter((o) => o === 'conventions.propose')).toHaveLength(1)
  const mine = await (await w.client('u-wang')).conventions.listProposals({ filter: 'mine' })
  expect(mine.items.map((p) => p.title)).toContain('增设电动车充电桩')
  // The draft is gone once sent.
  expect(storage.get(saved!)).toBeNull()
})

test('a new proposal with mistakes says so under each field, without a request', async () => {
  const w = world()
  const { root, ops } = await w.app('u-wang')
  renderPage(root, NewProposalPage)
  await waitFor(() => expect(all('.proposal-new__submit')).toHaveLength(1))
  await tap('.proposal-new__submit')
  await waitFor(() => expect(fieldError('title')).toMatch(/至少4个字/))
  expect(fieldError('body')).toMatch(/至少10个字/)
  expect(ops).not.toContain('conventions.propose')
})

test('the list: filters, and each row with its co-signs', async () => {
  const w = world()
  const p = await propose(w)
  const { root } = await w.app('u-wang')
  renderPage(root, ProposalList)
  await waitFor(() => expect(all(`[data-proposal="${p.id}"]`)).toHaveLength(1))
  const row = one(`[data-proposal="${p.id}"]`)
  expect(row.textContent).toContain(`已附议 0 / ${p.threshold} 户`)
  expect(row.textContent).toContain('征集附议')
  expect(row.textContent).toMatch(/还剩 \d+ 天/)
  // Residents have no 待答复 chip; staff do.
  expect(all('[data-chips="proposal-filter"] [data-value]').map((c) => c.textContent)).toEqual(['全部', '征集中', '我提的', '已决定'])
  await tap('[data-chips="proposal-filter"] [data-value="decided"]')
  await waitFor(() => expect(all(`[data-proposal="${p.id}"]`)).toHaveLength(0))
  await tap('[data-chips="proposal-filter"] [data-value="mine"]')
  await waitFor(() => expect(all(`[data-proposal="${p.id}"]`)).toHaveLength(1))
  await act(async () => {
    one(`[data-proposal="${p.id}"]`).click()
  })
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/consult/proposal/index?id=${encodeURIComponent(p.id)}` })
})

test('民事民评: a done decision is rated once per household, with the counts', async () => {
  const w = world()
  const staff = await w.client('u-zhang')
  const adopted = (await staff.conventions.listProposals({ limit: 50 })).items.find((p) => p.status === 'adopted')!
  await staff.conventions.addProgress(adopted.id, { percent: 100, text: '坡道和扶手已完工验收', photoIds: [] }, { idempotencyKey: key() })
  const { root } = await w.app('u-wang')
  renderPage(root, ProposalPage, { id: adopted.id })
  await waitFor(() => expect(all('.proposal__rate-btn')).toHaveLength(3))
  expect(one('.proposal__percent').textContent).toBe('已完成 100%')
  expect(all('.proposal__rate-btn').map((b) => b.textContent)).toEqual(['满意', '基本满意', '不满意'])
  expect(document.body.textContent).toContain('满意 0 · 基本满意 0 · 不满意 0')
  await tap('.proposal__rate-btn--satisfied')
  await waitFor(() => expect(all('.proposal__rate-btn')).toHaveLength(0))
  expect(document.body.textContent).toContain('满意 1 · 基本满意 0 · 不满意 0')
  expect(one('.proposal__my-rating').textContent).toBe('您家的评价：满意（王秀兰）')
})

test('staff see their actions on a proposal on the agenda: answer, 发起表决, minutes', async () => {
  const w = world()
  const p = await propose(w)
  const staff = await w.client('u-zhang')
  await staff.conventions.answer(p.id, { kind: 'agenda', reason: '列入12月议事会' })
  const { root } = await w.app('u-zhang')
  renderPage(root, ProposalPage, { id: p.id })
  await waitFor(() => expect(all('.proposal__staff')).toHaveLength(1))
  expect(all('.proposal__staff-btn').map((b) => b.getAttribute('data-action'))).toEqual(['answer', 'vote', 'minutes'])
  await tap('.proposal__staff-btn[data-action="vote"]')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/consult/vote-new/index?proposalId=${encodeURIComponent(p.id)}` })
  expect(one('.proposal__answer-kind').textContent).toBe('列入议程')
})

test('opened by a link before the session is back (a reload): the proposal loads once signed in', async () => {
  const w = world()
  const p = await propose(w)
  const { root } = await w.app('u-li')
  runInAction(() => (root.session.status = 'unknown'))
  renderPage(root, ProposalPage, { id: p.id })
  await act(async () => runInAction(() => (root.session.status = 'signed_in')))
  await waitFor(() => expect(all('[data-threshold="count"]')).toHaveLength(1))
  expect(one('.proposal__title').textContent).toBe('3号楼下增设电动车充电桩')
})
